import type { GeneratedToken } from '@keyward/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatTime } from '../../format.js';

/** The new token, shown this once, with a Copy button. */
export function NewTokenPanel({ token, onDone }: { token: GeneratedToken; onDone: () => void }) {
  const field = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => heading.current?.focus(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('Copied to the clipboard.');
    } catch {
      // No clipboard access (an insecure origin, a denied permission): select it for Ctrl+C.
      field.current?.select();
      setCopied('Selected: press Ctrl+C (⌘C on a Mac) to copy it.');
    }
  };

  return (
    <section class="card card-highlight" aria-labelledby="created-title">
      <h2 id="created-title" ref={heading} tabIndex={-1}>
        {token.name === null ? 'Your new token' : `Your new token “${token.name}”`}
      </h2>
      <p class="warning">
        <strong>Copy it now: you won't see it again.</strong> keyward keeps only a hash of it.
      </p>
      <div class="copy-row">
        <label for="created-token" class="visually-hidden">
          New API token
        </label>
        <input
          id="created-token"
          ref={field}
          class="token-value"
          readOnly
          value={token.token}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" class="button button-primary" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p class="hint" role="status">
        {copied ?? ''}
      </p>
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
