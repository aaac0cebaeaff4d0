import type { ApiToken, RotatedToken } from '@keyward/client';
import { useId, useState } from 'preact/hooks';
import { client } from '../../api.js';
import { Dialog, DialogButtons } from '../../components/Dialog.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { SecretField } from '../../components/SecretField.js';
import { formatTime } from '../../format.js';
import { submitWith } from '../../forms.js';
import { useAction } from '../../hooks.js';
import { tokenLabel } from './label.js';

/** How long the old token keeps working: long enough to deploy the new one. */
const GRACES = [
  { seconds: 0, label: 'No: refuse it at once' },
  { seconds: 600, label: 'For 10 minutes' },
  { seconds: 3600, label: 'For 1 hour' },
  { seconds: 86_400, label: 'For 1 day' },
  { seconds: 604_800, label: 'For 7 days' },
];
const DEFAULT_GRACE = 3600;

/**
 * Asks how long the old token may go on, then shows the new one this once (copied already) and
 * when the old one stops.
 */
export function RotateTokenDialog({
  token,
  onRotated,
  onClose,
}: {
  token: ApiToken;
  onRotated: () => void;
  onClose: () => void;
}) {
  const id = useId();
  const [grace, setGrace] = useState(DEFAULT_GRACE);
  const [rotated, setRotated] = useState<RotatedToken | null>(null);
  const rotate = useAction(async () => {
    setRotated(await client.rotateToken(token.id, { grace_seconds: grace }));
    onRotated();
  });

  if (rotated !== null) {
    const oldEnd = rotated.previous.expires_at;
    return (
      <Dialog title={`${tokenLabel(token)} is rotated`} onCancel={onClose}>
        <p class="warning">
          <strong>Copy the new token now: you won't see it again.</strong> It has the same name,
          scopes, limits and expiry.
        </p>
        <SecretField label="Rotated API token" value={rotated.token} focus />
        <p>
          {grace === 0 || oldEnd === null ? (
            'The old token is refused from now on.'
          ) : (
            <>
              The old token works until <time dateTime={oldEnd}>{formatTime(oldEnd)}</time>, then it
              is refused.
            </>
          )}
        </p>
        <div class="actions">
          <button type="button" class="button" onClick={onClose}>
            Done
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={`Rotate ${tokenLabel(token)}?`} onCancel={onClose}>
      <form class="stack" onSubmit={submitWith(rotate.run)}>
        <p>
          A new secret replaces this one, with the same name, scopes, limits and expiry. Put it
          where the old one is used.
        </p>
        <div class="field">
          <label for={`${id}-grace`}>Keep the old token working</label>
          <select
            id={`${id}-grace`}
            value={String(grace)}
            onChange={(event) => setGrace(Number(event.currentTarget.value))}
          >
            {GRACES.map((g) => (
              <option key={g.seconds} value={String(g.seconds)}>
                {g.label}
              </option>
            ))}
          </select>
        </div>
        <ErrorNotice error={rotate.error} />
        <DialogButtons submit="Rotate" busy={rotate.busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
