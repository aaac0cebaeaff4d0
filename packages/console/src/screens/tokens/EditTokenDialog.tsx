import type { ApiToken } from '@keyward/client';
import { useId, useState } from 'preact/hooks';
import { client } from '../../api.js';
import { Dialog, DialogButtons } from '../../components/Dialog.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { submitWith } from '../../forms.js';
import { useAction } from '../../hooks.js';
import { LimitFields, NameField } from './SettingsFields.js';
import { readMetadata, readSettings, settingsInput, type SettingsInput } from './settings.js';
import { tokenLabel } from './label.js';

/** Name, scopes, rate limit and metadata of a token; every service sees the change at once. */
export function EditTokenDialog({
  token,
  onSaved,
  onCancel,
}: {
  token: ApiToken;
  /** Told the token's label as it is now. */
  onSaved: (label: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [settings, setSettings] = useState<SettingsInput>(() => settingsInput(token));
  const [metadata, setMetadata] = useState(
    token.metadata === null ? '' : JSON.stringify(token.metadata, null, 2),
  );
  const [invalid, setInvalid] = useState<string | null>(null);

  const save = useAction(async () => {
    const read = readSettings(settings);
    const meta = readMetadata(metadata);
    const problem = typeof read === 'string' ? read : typeof meta === 'string' ? meta : null;
    setInvalid(problem);
    if (typeof read === 'string' || typeof meta === 'string') return;
    const answer = await client.updateToken(token.id, {
      // A name can be changed, not taken away: an emptied field leaves it as it is.
      ...(read.name === undefined ? {} : { name: read.name }),
      scopes: read.scopes,
      rate_limit: read.rate_limit,
      metadata: meta,
    });
    onSaved(tokenLabel(answer.token));
  });

  return (
    <Dialog title={`Edit ${tokenLabel(token)}`} onCancel={onCancel}>
      <form class="stack" onSubmit={submitWith(save.run)}>
        <NameField value={settings} onChange={(c) => setSettings((s) => ({ ...s, ...c }))} />
        <LimitFields value={settings} onChange={(c) => setSettings((s) => ({ ...s, ...c }))} />
        <div class="field">
          <label for={`${id}-metadata`}>
            Metadata <span class="optional">(optional)</span>
          </label>
          <textarea
            id={`${id}-metadata`}
            class="code-area"
            rows={3}
            spellcheck={false}
            placeholder='{"plan": "pro"}'
            aria-describedby={`${id}-metadata-hint`}
            value={metadata}
            onInput={(event) => setMetadata(event.currentTarget.value)}
          />
          <p id={`${id}-metadata-hint`} class="hint">
            A JSON object verify hands back to your services. Shown in listings: never a secret.
          </p>
        </div>
        <ErrorNotice
          error={invalid === null ? save.error : { sentence: invalid, requestId: undefined }}
        />
        <DialogButtons submit="Save" busy={save.busy} onCancel={onCancel} />
      </form>
    </Dialog>
  );
}
