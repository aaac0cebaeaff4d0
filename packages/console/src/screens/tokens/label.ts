import type { ApiToken } from '@keyward/client';

/** What a token is called on screen: its name, or its last 4 characters. */
export const tokenLabel = (token: Pick<ApiToken, 'name' | 'hint'>): string =>
  token.name ?? `token …${token.hint}`;
