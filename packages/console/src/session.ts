// Who is logged in, for every screen: the `auth` keyward answered with, and the ways a session
// starts and ends. An error that ends the session (expired, logged out elsewhere) leads back to
// log-in, remembering the screen that was open.
import type { Auth, Me } from '@keyward/client';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export interface Session {
  auth: Auth;
  /** A new login token was kept by the client (log-in, sign-up, workspace switch). */
  started(auth: Auth): void;
  /** Logged out, or the account deleted: to the log-in screen, saying which. */
  ended(reason: 'logged-out' | 'deleted'): void;
  /** The server no longer accepts the login token: to log-in, coming back here afterwards. */
  expired(): void;
}

export /** `me` answers for either kind of token; a login token's always has a person, role and session. */
function loginAuth(auth: Me['auth']): Auth | null {
  const { user, role, session } = auth;
  return user === null || role === null || session === null
    ? null
    : { ...auth, user, role, session };
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside a logged-in screen');
  return session;
}
