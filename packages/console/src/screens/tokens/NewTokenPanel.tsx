import type { GeneratedToken } from '@keyward/client';
import { useEffect, useRef } from 'preact/hooks';
import { SecretField } from '../../components/SecretField.js';
import { formatTime } from '../../format.js';

/** The new token, shown this once, copied already, with a Copy button. */
export function NewTokenPanel({ token, onDone }: { token: GeneratedToken; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="card card-highlight" aria-labelledby="created-title">
      <h2 id="created-title" ref={heading} tabIndex={-1}>
        {token.name === null ? 'Your new token' : `Your new token “${token.name}”`}
      </h2>
      <p class="warning">
        <strong>Copy it now: you won't see it again.</strong> keyward keeps only a hash of it.
      </p>
      <SecretField label="New API token" value={token.token} />
      <p class="hint">
        Expires: {token.expires_at === null ? 'never' : formatTime(token.expires_at)}.
      </p>
      <div class="actions actions-start">
        <button type="button" class="button" onClick={onDone}>
          Done
        </button>
      </div>
    </section>
  );
}
