import type { Auth } from '@keyward/client';
import { useState } from 'preact/hooks';
import { client, keepToken } from '../../api.js';
import { AuthFrame } from '../../components/AuthFrame.js';
import { CodeStep } from '../../components/CodeStep.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { submitWith } from '../../forms.js';
import { useAction } from '../../hooks.js';
import { hrefOf } from '../../routes.js';

/** Sign up: Email, Name, Company → Send code, then Code → Create account. */
export function SignupScreen({ onSignedUp }: { onSignedUp: (auth: Auth) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [company, setCompany] = useState('');
  const [workspace, setWorkspace] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const person = () => ({
    username: email,
    name,
    company_name: company,
    ...(workspace.trim() === '' ? {} : { workspace_name: workspace.trim() }),
  });
  const send = useAction(async () => {
    await client.signupStart(person());
    setSentTo(email);
  });
  const create = useAction(async () => {
    const answer = await client.signupComplete({ ...person(), otp: code });
    keepToken();
    onSignedUp(answer.auth);
  });
  const locked = sentTo !== null;

  return (
    <AuthFrame title="Create an account">
      <form class="stack" onSubmit={submitWith(locked ? create.run : send.run)}>
        <div class="field">
          <label for="signup-email">Email</label>
          <input
            id="signup-email"
            type="email"
            autocomplete="email"
            required
            readOnly={locked}
            value={email}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="signup-name">Name</label>
          <input
            id="signup-name"
            autocomplete="name"
            required
            maxLength={200}
            readOnly={locked}
            value={name}
            onInput={(event) => setName(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="signup-company">Company</label>
          <input
            id="signup-company"
            autocomplete="organization"
            required
            maxLength={200}
            readOnly={locked}
            value={company}
            onInput={(event) => setCompany(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="signup-workspace">
            Workspace <span class="optional">(optional)</span>
          </label>
          <input
            id="signup-workspace"
            maxLength={200}
            placeholder="Default"
            readOnly={locked}
            value={workspace}
            onInput={(event) => setWorkspace(event.currentTarget.value)}
          />
        </div>
        {locked ? (
          <CodeStep
            sentNote={
              <>
                We sent a code to <strong>{sentTo}</strong>.
              </>
            }
            code={code}
            onCode={setCode}
            error={create.error ?? send.error}
            submit="Create account"
            busy={create.busy}
            onResend={() => void send.run()}
            resending={send.busy}
            back="Change details"
            onBack={() => {
              setSentTo(null);
              setCode('');
              create.clearError();
              send.clearError();
            }}
          />
        ) : (
          <>
            <ErrorNotice error={send.error} />
            <button type="submit" class="button button-primary" disabled={send.busy}>
              Send code
            </button>
          </>
        )}
      </form>
      <p class="switch-screen">
        Already have an account? <a href={hrefOf('login')}>Log in</a>
      </p>
    </AuthFrame>
  );
}
