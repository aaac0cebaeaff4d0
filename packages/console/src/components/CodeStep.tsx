import type { ComponentChildren } from 'preact';
import type { ShownError } from '../errors.js';
import { CodeField } from './CodeField.js';
import { ErrorNotice } from './ErrorNotice.js';

interface Props {
  /** Where the code went, said as this step means it. */
  sentNote: ComponentChildren;
  code: string;
  onCode: (code: string) => void;
  error: ShownError | null;
  /** The submit button: "Log in" or "Create account". */
  submit: string;
  busy: boolean;
  onResend: () => void;
  resending: boolean;
  /** Back to the first step, e.g. "Use another email". */
  back: string;
  onBack: () => void;
}

/** The second step of log-in and sign-up: the mailed code, or a new one. */
export function CodeStep(props: Props) {
  return (
    <>
      <p class="hint" role="status">
        {props.sentNote}
      </p>
      <CodeField value={props.code} onInput={props.onCode} />
      <ErrorNotice error={props.error} />
      <button type="submit" class="button button-primary" disabled={props.busy}>
        {props.submit}
      </button>
      <div class="actions actions-start">
        <button
          type="button"
          class="button button-quiet"
          disabled={props.resending}
          onClick={props.onResend}
        >
          Send a new code
        </button>
        <button type="button" class="button button-quiet" onClick={props.onBack}>
          {props.back}
        </button>
      </div>
    </>
  );
}
