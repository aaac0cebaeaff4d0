import type { GeneratedToken } from '@keyward/client';
import { useState } from 'preact/hooks';
import { client } from '../../api.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { submitWith } from '../../forms.js';
import { useAction } from '../../hooks.js';

const EXPIRIES = [
  { days: 0, label: 'Never' },
  { days: 7, label: 'In 7 days' },
  { days: 30, label: 'In 30 days' },
  { days: 90, label: 'In 90 days' },
  { days: 365, label: 'In 1 year' },
];

export function NewTokenForm({
  onCreated,
  onCancel,
}: {
  onCreated: (token: GeneratedToken) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [days, setDays] = useState(0);
  const create = useAction(async () => {
    const token = await client.generateToken({
      ...(name.trim() === '' ? {} : { name: name.trim() }),
      ...(days === 0 ? {} : { expires_in_days: days }),
    });
    onCreated(token);
  });
  return (
    <section class="card" aria-labelledby="new-token-title">
      <h2 id="new-token-title">New API token</h2>
      <form class="form-row" onSubmit={submitWith(create.run)}>
        <div class="field">
          <label for="token-name">Token name</label>
          <input
            id="token-name"
            maxLength={100}
            placeholder="ci-deploy"
            aria-describedby="token-name-hint"
            value={name}
            onInput={(event) => setName(event.currentTarget.value)}
          />
          <p id="token-name-hint" class="hint">
            What uses it, so you know which to revoke.
          </p>
        </div>
        <div class="field">
          <label for="token-expiry">Expires</label>
          <select
            id="token-expiry"
            value={String(days)}
            onChange={(event) => setDays(Number(event.currentTarget.value))}
          >
            {EXPIRIES.map((e) => (
              <option key={e.days} value={String(e.days)}>
                {e.label}
              </option>
            ))}
          </select>
        </div>
        <div class="actions">
          <button type="button" class="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" class="button button-primary" disabled={create.busy}>
            Create token
          </button>
        </div>
      </form>
      <ErrorNotice error={create.error} />
    </section>
  );
}
