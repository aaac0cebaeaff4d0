import type { LogoutScope } from '@keyward/client';
import { useState } from 'preact/hooks';
import { client, keepToken } from '../../api.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { ErrorNotice, StatusNotice } from '../../components/ErrorNotice.js';
import { formatTime } from '../../format.js';
import { useAction, useLoad } from '../../hooks.js';
import { loginAuth, useSession } from '../../session.js';

const LOGOUTS: { scope: LogoutScope; label: string }[] = [
  { scope: 'this', label: 'Log out of this session' },
  { scope: 'others', label: 'Log out of other sessions' },
  { scope: 'all', label: 'Log out everywhere' },
];

export function AccountScreen() {
  const session = useSession();
  // Asked afresh: the session's end moves, and this is where people look for it.
  const me = useLoad(() => client.me(), []);
  const auth = (me.data && loginAuth(me.data.auth)) ?? session.auth;
  const [status, setStatus] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const logout = useAction(async (scope: LogoutScope) => {
    await client.logout(scope);
    keepToken();
    if (scope === 'others') setStatus('Your other sessions have ended. This one goes on.');
    else session.ended('logged-out');
  });
  const deleteAccount = useAction(async () => {
    await client.deleteAccount();
    keepToken();
    session.ended('deleted');
  }, 'delete-account');

  return (
    <>
      <div class="screen-head">
        <h1>Account</h1>
      </div>
      <section class="card" aria-labelledby="profile-title">
        <h2 id="profile-title">You</h2>
        <ErrorNotice error={me.error} />
        <dl class="facts">
          <dt>Name</dt>
          <dd>{auth.user.name}</dd>
          <dt>Email</dt>
          <dd>{auth.user.email}</dd>
          <dt>Company</dt>
          <dd>{auth.company.name}</dd>
          <dt>Workspace</dt>
          <dd>{auth.workspace.name}</dd>
          <dt>Role</dt>
          <dd>{auth.role}</dd>
          {auth.session !== null && (
            <>
              <dt>This session ends</dt>
              <dd>
                <time dateTime={auth.session.expires_at}>
                  {formatTime(auth.session.expires_at)}
                </time>{' '}
                at the latest (sooner after a while without use)
              </dd>
            </>
          )}
        </dl>
      </section>

      <section class="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Sessions</h2>
        <p>
          Each log-in is a session. Logging out ends it on the server too: its login token is
          refused from the next request on.
        </p>
        <StatusNotice text={status} />
        <ErrorNotice error={logout.error} />
        <div class="actions actions-start">
          {LOGOUTS.map(({ scope, label }) => (
            <button
              key={scope}
              type="button"
              class="button"
              disabled={logout.busy}
              onClick={() => void logout.run(scope)}
            >
              {label}
            </button>
          ))}
        </div>
      </section>

      <section class="card card-danger" aria-labelledby="delete-title">
        <h2 id="delete-title">Delete your account</h2>
        <p>
          Your sessions and API tokens stop working at once. A company where you are the last owner
          goes too when nobody else is in it; if others are, make one of them an owner first.
        </p>
        <div class="actions actions-start">
          <button
            type="button"
            class="button button-danger"
            onClick={() => {
              deleteAccount.clearError();
              setDeleting(true);
            }}
          >
            Delete account…
          </button>
        </div>
      </section>

      {deleting && (
        <ConfirmDialog
          title="Delete your account?"
          confirm="Delete account"
          busy={deleteAccount.busy}
          error={deleteAccount.error}
          onConfirm={() => void deleteAccount.run()}
          onCancel={() => setDeleting(false)}
        >
          <p>
            {auth.user.email} and everything that depends on it is deleted. This can't be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
