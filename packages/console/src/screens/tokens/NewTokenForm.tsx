import type { GeneratedToken } from '@keyward/client';
import { useId, useState } from 'preact/hooks';
import { client } from '../../api.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { submitWith } from '../../forms.js';
import { useAction } from '../../hooks.js';
import { LimitFields, NameField } from './SettingsFields.js';
import { readSettings, type SettingsInput } from './settings.js';

const EXPIRIES = [
  { days: 0, label: 'Never' },
  { days: 7, label: 'In 7 days' },
  { days: 30, label: 'In 30 days' },
  { days: 90, label: 'In 90 days' },
  { days: 365, label: 'In 1 year' },
];

type Owner = 'user' | 'workspace';

/**
 * Every field has a default that works: Create token alone makes an unrestricted token of yours
 * that never expires, the same as the API does with an empty body.
 */
export function NewTokenForm({
  workspaceName,
  canMakeWorkspaceTokens,
  onCreated,
  onCancel,
}: {
  workspaceName: string;
  /** Owners and admins may make tokens that belong to the workspace. */
  canMakeWorkspaceTokens: boolean;
  onCreated: (token: GeneratedToken) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [settings, setSettings] = useState<SettingsInput>({
    name: '',
    scopes: '',
    limit: '',
    window: '1m',
  });
  const [days, setDays] = useState(0);
  const [owner, setOwner] = useState<Owner>('user');
  const [invalid, setInvalid] = useState<string | null>(null);
  const change = (c: Partial<SettingsInput>) => setSettings((s) => ({ ...s, ...c }));

  const create = useAction(async () => {
    const read = readSettings(settings);
    setInvalid(typeof read === 'string' ? read : null);
    if (typeof read === 'string') return;
    const token = await client.generateToken({
      ...(read.name === undefined ? {} : { name: read.name }),
      ...(days === 0 ? {} : { expires_in_days: days }),
      ...(read.scopes === null ? {} : { scopes: read.scopes }),
      ...(read.rate_limit === null ? {} : { rate_limit: read.rate_limit }),
      ...(owner === 'user' ? {} : { owner }),
    });
    onCreated(token);
  });

  return (
    <section class="card" aria-labelledby="new-token-title">
      <h2 id="new-token-title">New API token</h2>
      <form class="form-row" onSubmit={submitWith(create.run)}>
        <NameField value={settings} onChange={change} />
        <div class="field">
          <label for={`${id}-expiry`}>Expires</label>
          <select
            id={`${id}-expiry`}
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
        <LimitFields value={settings} onChange={change} />
        {canMakeWorkspaceTokens && (
          <fieldset class="field fieldset">
            <legend>Belongs to</legend>
            <label class="checkbox">
              <input
                type="radio"
                name={`${id}-owner`}
                value="user"
                checked={owner === 'user'}
                onChange={() => setOwner('user')}
              />
              Me
            </label>
            <label class="checkbox">
              <input
                type="radio"
                name={`${id}-owner`}
                value="workspace"
                aria-describedby={`${id}-owner-hint`}
                checked={owner === 'workspace'}
                onChange={() => setOwner('workspace')}
              />
              The workspace
            </label>
            <p id={`${id}-owner-hint`} class="hint">
              A workspace token is for a service: it stays when you leave, and goes with{' '}
              {workspaceName}.
            </p>
          </fieldset>
        )}
        <div class="actions field-wide">
          <button type="button" class="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" class="button button-primary" disabled={create.busy}>
            Create token
          </button>
        </div>
      </form>
      <ErrorNotice
        error={invalid === null ? create.error : { sentence: invalid, requestId: undefined }}
      />
    </section>
  );
}
