import type { Auth } from '@keyward/client';
import type { FunctionComponent } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { client, keepToken } from './api.js';
import { ErrorNotice } from './components/ErrorNotice.js';
import { Layout } from './components/Layout.js';
import { describeError, endsSession, type ShownError } from './errors.js';
import {
  PUBLIC_SCREENS,
  loginHref,
  navigate,
  parseRoute,
  safeNext,
  useRoute,
  type Screen,
} from './routes.js';
import { AccountScreen } from './screens/account/AccountScreen.js';
import { AuditScreen } from './screens/audit/AuditScreen.js';
import { LoginScreen } from './screens/login/LoginScreen.js';
import { MembersScreen } from './screens/members/MembersScreen.js';
import { SignupScreen } from './screens/signup/SignupScreen.js';
import { TokensScreen } from './screens/tokens/TokensScreen.js';
import { WorkspacesScreen } from './screens/workspaces/WorkspacesScreen.js';
import { SessionContext, loginAuth, type Session } from './session.js';

const TITLES: Record<Screen, string> = {
  login: 'Log in',
  signup: 'Create an account',
  tokens: 'API tokens',
  workspaces: 'Workspaces',
  members: 'Members',
  audit: 'Audit log',
  account: 'Account',
};

const SCREENS: Record<Exclude<Screen, 'login' | 'signup'>, FunctionComponent> = {
  tokens: TokensScreen,
  workspaces: WorkspacesScreen,
  members: MembersScreen,
  audit: AuditScreen,
  account: AccountScreen,
};

/** Unknown until `me` answers for a token kept from before the reload. */
type AuthState = { kind: 'checking' } | { kind: 'out' } | { kind: 'in'; auth: Auth };

export function App() {
  const route = useRoute();
  const [state, setState] = useState<AuthState>(
    client.token === undefined ? { kind: 'out' } : { kind: 'checking' },
  );
  const [startError, setStartError] = useState<ShownError | null>(null);

  const session = useMemo<Session | null>(() => {
    if (state.kind !== 'in') return null;
    return {
      auth: state.auth,
      started: (auth) => setState({ kind: 'in', auth }),
      ended: (reason) => {
        setState({ kind: 'out' });
        navigate(loginHref(undefined, reason));
      },
      expired: () => {
        client.token = undefined;
        keepToken();
        setState({ kind: 'out' });
        navigate(loginHref(window.location.hash, 'expired'));
      },
    };
  }, [state]);

  // A reload keeps the login token: ask keyward who it belongs to (and whether it still works).
  useEffect(() => {
    if (state.kind !== 'checking') return;
    client.me().then(
      (answer) => {
        const auth = loginAuth(answer.auth);
        if (auth !== null) {
          setState({ kind: 'in', auth });
          return;
        }
        // Not a login token (an API token pasted into storage): log in.
        client.token = undefined;
        keepToken();
        setState({ kind: 'out' });
      },
      (error: unknown) => {
        if (endsSession(error)) {
          client.token = undefined;
          keepToken();
          setState({ kind: 'out' });
          navigate(loginHref(window.location.hash, 'expired'));
        } else {
          setStartError(describeError(error));
        }
      },
    );
  }, [state.kind]);

  const isPublic = PUBLIC_SCREENS.includes(route.screen);
  // Logged out on a logged-in screen: to log-in, coming back here afterwards.
  useEffect(() => {
    // The hash, not `route`: a navigation made in this same turn (to log-in, with a reason and
    // where to come back to) is already there, and must not be replaced.
    const now = parseRoute(window.location.hash);
    const nowPublic = PUBLIC_SCREENS.includes(now.screen);
    if (state.kind === 'out' && !nowPublic) navigate(loginHref(window.location.hash));
    if (state.kind === 'in' && nowPublic) navigate(safeNext(now.next));
  }, [state.kind, route.screen, route.next]);

  useEffect(() => {
    document.title = `${TITLES[route.screen]} · keyward`;
  }, [route.screen]);

  const loggedIn = (auth: Auth) => {
    setState({ kind: 'in', auth });
    navigate(safeNext(route.next));
  };

  if (state.kind === 'checking') {
    return (
      <main id="main" class="auth-main">
        <p class="brand brand-large">keyward</p>
        {startError === null ? (
          <p class="hint" role="status">
            Loading…
          </p>
        ) : (
          <ErrorNotice error={startError} />
        )}
      </main>
    );
  }
  if (state.kind === 'out' || session === null) {
    return route.screen === 'signup' ? (
      <SignupScreen onSignedUp={loggedIn} />
    ) : (
      <LoginScreen key={route.reason} reason={route.reason} onLoggedIn={loggedIn} />
    );
  }
  if (isPublic) return null;
  const Current = SCREENS[route.screen as keyof typeof SCREENS];
  return (
    <SessionContext.Provider value={session}>
      <Layout screen={route.screen}>
        <Current key={route.screen} />
      </Layout>
    </SessionContext.Provider>
  );
}
