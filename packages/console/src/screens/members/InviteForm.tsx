import type { Role } from '@keyward/client';
import { useState } from 'preact/hooks';
import { client } from '../../api.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { submitWith } from '../../forms.js';
import { useAction } from '../../hooks.js';
import { ROLES } from './roles.js';

export function InviteForm({ onInvited }: { onInvited: (email: string) => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const invite = useAction(async () => {
    const answer = await client.inviteMember(email.trim(), role);
    setEmail('');
    onInvited(answer.invitation.email);
  }, 'invite');
  return (
    <section class="card" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite someone</h2>
      <form class="form-row" onSubmit={submitWith(invite.run)}>
        <div class="field">
          <label for="invite-email">Email</label>
          <input
            id="invite-email"
            type="email"
            required
            autocomplete="off"
            value={email}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="invite-role">Role</label>
          <select
            id="invite-role"
            value={role}
            onChange={(event) => setRole(event.currentTarget.value as Role)}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <div class="actions">
          <button type="submit" class="button button-primary" disabled={invite.busy}>
            Invite
          </button>
        </div>
      </form>
      <ErrorNotice error={invite.error} />
    </section>
  );
}
