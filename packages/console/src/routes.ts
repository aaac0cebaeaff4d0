// Hash routes: the page is one file, and the part after # says which screen is open.
import { useEffect, useState } from 'preact/hooks';

export type Screen = 'login' | 'signup' | 'tokens' | 'workspaces' | 'members' | 'audit' | 'account';

export const PUBLIC_SCREENS: readonly Screen[] = ['login', 'signup'];
export const HOME: Screen = 'tokens';

const SCREENS: readonly Screen[] = [
  'login',
  'signup',
  'tokens',
  'workspaces',
  'members',
  'audit',
  'account',
];

export interface Route {
  screen: Screen;
  /** Where to go after logging in (a screen's hash, e.g. "#/members"). */
  next: string | undefined;
  /** Why the log-in screen is shown, e.g. "expired". */
  reason: string | undefined;
}

export function parseRoute(hash: string): Route {
  const [pathPart = '', queryPart = ''] = hash.replace(/^#\/?/, '').split('?');
  const query = new URLSearchParams(queryPart);
  const name = pathPart.split('/')[0] ?? '';
  const screen = (SCREENS as readonly string[]).includes(name) ? (name as Screen) : HOME;
  return { screen, next: query.get('next') ?? undefined, reason: query.get('reason') ?? undefined };
}

export const hrefOf = (screen: Screen): string => `#/${screen}`;

/** The log-in screen, remembering where to come back to. */
export function loginHref(next: string | undefined, reason?: string): string {
  const query = new URLSearchParams();
  if (next && !PUBLIC_SCREENS.some((s) => next.startsWith(hrefOf(s)))) query.set('next', next);
  if (reason) query.set('reason', reason);
  const text = query.toString();
  return text ? `#/login?${text}` : '#/login';
}

/** A `next` worth going back to: one of the console's own screens, nothing else. */
export function safeNext(next: string | undefined): string {
  if (next && /^#\/[a-z]+$/.test(next)) return next;
  return hrefOf(HOME);
}

export function navigate(hash: string): void {
  if (window.location.hash !== hash) window.location.hash = hash;
}

export function useRoute(): Route {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return parseRoute(hash);
}
