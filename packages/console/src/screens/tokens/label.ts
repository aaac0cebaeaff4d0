import type { ApiToken } from '@keyward/client';

/** What a token is called on screen: its name, or its last 4 characters. */
export const tokenLabel = (token: Pick<ApiToken, 'name' | 'hint'>): string =>
  token.name ?? `token …${token.hint}`;

/**
 * What a row's buttons say to a screen reader: the name and the last 4 characters, since a
 * rotated token and the one it replaces share a name while the old one is in its grace.
 */
export const rowLabel = (token: Pick<ApiToken, 'name' | 'hint'>): string =>
  token.name === null ? tokenLabel(token) : `${token.name} …${token.hint}`;
