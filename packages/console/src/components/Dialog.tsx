import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

/**
 * A modal <dialog>, open while it is rendered: the browser keeps focus inside it and gives it
 * back to the button that opened it; Escape calls `onCancel`.
 */
export function Dialog({
  title,
  onCancel,
  children,
}: {
  title: string;
  onCancel: () => void;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

/** A dialog form's buttons: Cancel, and the one that submits it. */
export function DialogButtons({
  submit,
  busy,
  danger = false,
  onCancel,
}: {
  submit: string;
  busy: boolean;
  /** The submit button warns: what it does can't be undone. */
  danger?: boolean;
  onCancel: () => void;
}) {
  return (
    <div class="actions">
      <button type="button" class="button" onClick={onCancel}>
        Cancel
      </button>
      <button
        type="submit"
        class={danger ? 'button button-danger' : 'button button-primary'}
        disabled={busy}
      >
        {submit}
      </button>
    </div>
  );
}
