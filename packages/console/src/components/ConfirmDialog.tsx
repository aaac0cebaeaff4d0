import type { ComponentChildren } from 'preact';
import type { ShownError } from '../errors.js';
import { Dialog, DialogButtons } from './Dialog.js';
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

/** A dialog asking to confirm something that can't be undone; Escape cancels. */
export function ConfirmDialog({
  title,
  children,
  confirm,
  busy,
  error,
  onConfirm,
  onCancel,
}: Props) {
  return (
    <Dialog title={title} onCancel={onCancel}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm();
        }}
      >
        {children}
        <ErrorNotice error={error} />
        <DialogButtons submit={confirm} busy={busy} danger onCancel={onCancel} />
      </form>
    </Dialog>
  );
}
