import type { Auth } from '@keyward/client';
import { useState } from 'preact/hooks';
import { client, keepToken } from '../../api.js';
import { AuthFrame } from '../../components/AuthFrame.js';
import { CodeStep } from '../../components/CodeStep.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { submitWith } from '../../forms.js';
import { useAction } from '../../hooks.js';
import { hrefOf } from '../../routes.js';

const REASONS: Record<string, string> = {
  expired: 'Your session has ended. Log in again to go back where you were.',
  'logged-out': 'You are logged out.',
  deleted: 'Your account has been deleted.',
};

/** Log in with an emailed code: Email → Send code, then Code → Log in. */
export function LoginScreen({
  reason,
  onLoggedIn,
}: {
  reason: string | undefined;
  onLoggedIn: (auth: Auth) => void;
}) {
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const send = useAction(async () => {
    await client.loginStart(email);
    setSentTo(email);
  });
  const logIn = useAction(async () => {
    const answer = await client.loginComplete(email, code);
    keepToken();
    onLoggedIn(answer.auth);
  });
  const notice = reason === undefined ? undefined : REASONS[reason];

  return (
    <AuthFrame title="Log in">
      {notice !== undefined && sentTo === null && (
        <p class="notice notice-info" role="status">
          {notice}
        </p>
      )}
      <form class="stack" onSubmit={submitWith(sentTo === null ? send.run : logIn.run)}>
        <div class="field">
          <label for="login-email">Email</label>
          <input
            id="login-email"
            type="email"
            name="email"
            autocomplete="email"
            required
            readOnly={sentTo !== null}
            value={email}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
        </div>
        {sentTo === null ? (
          <>
            <ErrorNotice error={send.error} />
            <button type="submit" class="button button-primary" disabled={send.busy}>
              Send code
            </button>
          </>
        ) : (
          <CodeStep
            sentNote={
              <>
                If <strong>{sentTo}</strong> has an account, a code is on its way.
              </>
            }
            code={code}
            onCode={setCode}
            error={logIn.error ?? send.error}
            submit="Log in"
            busy={logIn.busy}
            onResend={() => void send.run()}
            resending={send.busy}
            back="Use another email"
            onBack={() => {
              setSentTo(null);
              setCode('');
              logIn.clearError();
              send.clearError();
            }}
          />
        )}
      </form>
      <p class="switch-screen">
        New to keyward? <a href={hrefOf('signup')}>Create an account</a>
      </p>
    </AuthFrame>
  );
}
