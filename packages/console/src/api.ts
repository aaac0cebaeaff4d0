// The console's one way to reach keyward: one KeywardClient, same origin. The login token is kept
// in sessionStorage: a reload keeps you in, closing the tab ends it.
import { KeywardClient } from '@keyward/client';

const STORAGE_KEY = 'keyward.loginToken';

export const client = new KeywardClient({
  baseUrl: window.location.origin,
  token: sessionStorage.getItem(STORAGE_KEY) ?? undefined,
});

/** Writes the client's current login token (or its absence) to sessionStorage. */
export function keepToken(): void {
  if (client.token === undefined) sessionStorage.removeItem(STORAGE_KEY);
  else sessionStorage.setItem(STORAGE_KEY, client.token);
}
