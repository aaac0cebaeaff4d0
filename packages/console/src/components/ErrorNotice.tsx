import type { ShownError } from '../errors.js';

/** An error as a sentence, with the request id to quote to support. */
export function ErrorNotice({ error }: { error: ShownError | null }) {
  if (error === null) return null;
  return (
    <div class="notice notice-error" role="alert">
      <p>{error.sentence}</p>
      {error.requestId !== undefined && (
        <p class="notice-reference">
          Reference for support: <code>{error.requestId}</code>
        </p>
      )}
    </div>
  );
}

/** A short confirmation of what just happened, read out by screen readers. */
export function StatusNotice({ text }: { text: string | null }) {
  return (
    <p class={text ? 'notice notice-ok' : 'visually-hidden'} role="status">
      {text ?? ''}
    </p>
  );
}
