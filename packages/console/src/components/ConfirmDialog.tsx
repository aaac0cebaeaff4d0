import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import type { ShownError } from '../errors.js';
import { ErrorNotice } from './ErrorNotice.js';

interface Props {
  title: string;
  children: ComponentChildren;
  /** The confirming button's name, e.g. "Revoke". */
  confirm: string;
  busy: boolean;
  error: ShownError | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal <dialog> asking to confirm something that can't be undone; Escape cancels. */
export function ConfirmDialog({
  title,
  children,
  confirm,
  busy,
  error,
  onConfirm,
  onCancel,
}: Props) {
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
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
        <ErrorNotice error={error} />
        <div class="actions">
          <button type="button" class="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" class="button button-danger" disabled={busy}>
            {confirm}
          </button>
        </div>
      </form>
    </dialog>
  );
}
