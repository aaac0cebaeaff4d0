import type { ComponentChildren } from 'preact';
import { client, keepToken } from '../api.js';
import { useAction } from '../hooks.js';
import { hrefOf, type Screen } from '../routes.js';
import { useSession } from '../session.js';
import { ErrorNotice } from './ErrorNotice.js';

const NAV: { screen: Screen; label: string; managersOnly?: boolean }[] = [
  { screen: 'tokens', label: 'API tokens' },
  { screen: 'workspaces', label: 'Workspaces' },
  { screen: 'members', label: 'Members' },
  { screen: 'audit', label: 'Audit log', managersOnly: true },
  { screen: 'account', label: 'Account' },
];

/** The frame around every logged-in screen: where you are, the menu, log out. */
export function Layout({ screen, children }: { screen: Screen; children: ComponentChildren }) {
  const session = useSession();
  const { auth } = session;
  const manager = auth.role !== 'member';
  const logout = useAction(async () => {
    await client.logout();
    keepToken();
    session.ended('logged-out');
  });
  return (
    <>
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          // Focus only: the hash holds the route.
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="topbar">
        <div class="topbar-inner">
          <a class="brand" href={hrefOf('tokens')}>
            keyward
          </a>
          <p class="where">
            <span class="where-company">{auth.company.name}</span>
            <span aria-hidden="true"> / </span>
            <span class="visually-hidden">, workspace </span>
            <span class="where-workspace">{auth.workspace.name}</span>
            <span class="role-badge">{auth.role}</span>
          </p>
          <button
            type="button"
            class="button button-quiet"
            disabled={logout.busy}
            onClick={() => void logout.run()}
          >
            Log out
          </button>
        </div>
        <nav class="nav" aria-label="Console">
          <ul>
            {NAV.filter((item) => manager || !item.managersOnly).map((item) => (
              <li key={item.screen}>
                <a
                  href={hrefOf(item.screen)}
                  aria-current={item.screen === screen ? 'page' : undefined}
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" class="main" tabIndex={-1}>
        <ErrorNotice error={logout.error} />
        {children}
      </main>
    </>
  );
}
