import { useId } from 'preact/hooks';

/** Keeps the digits of what was typed or pasted ("123 456", "123-456" → "123456"). */
export const codeDigits = (text: string): string => text.replace(/\D/g, '').slice(0, 6);

/** The emailed 6-digit code: one field, so pasting the whole code works, and autofill too. */
export function CodeField({ value, onInput }: { value: string; onInput: (code: string) => void }) {
  const id = useId();
  const hintId = useId();
  return (
    <div class="field">
      <label for={id}>Code</label>
      <input
        id={id}
        name="otp"
        class="code-input"
        autocomplete="one-time-code"
        inputMode="numeric"
        required
        pattern="[0-9]{6}"
        aria-describedby={hintId}
        value={value}
        onInput={(event) => onInput(codeDigits(event.currentTarget.value))}
      />
      <p id={hintId} class="hint">
        6 digits, valid for 10 minutes.
      </p>
    </div>
  );
}
