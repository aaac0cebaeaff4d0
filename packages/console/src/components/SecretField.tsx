import { useEffect, useId, useRef, useState } from 'preact/hooks';

/**
 * A secret shown this once, with a Copy button. It is copied as soon as it is shown, since
 * copying it is the reason it is on screen: the click that made it is the last one needed. Copy
 * copies it again.
 */
export function SecretField({
  label,
  value,
  focus = false,
}: {
  label: string;
  value: string;
  /** Takes the focus when shown (in a dialog whose other content just went away). */
  focus?: boolean;
}) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const copy = async (asked: boolean) => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('Copied to the clipboard.');
    } catch {
      // No clipboard access (an insecure origin, a denied permission, no recent click): when
      // asked, select it for Ctrl+C; unasked, leave it to the Copy button.
      if (!asked) return;
      field.current?.select();
      setCopied('Selected: press Ctrl+C (⌘C on a Mac) to copy it.');
    }
  };
  useEffect(() => {
    if (focus) field.current?.focus();
    void copy(false);
  }, [value]);

  return (
    <>
      <div class="copy-row">
        <label for={id} class="visually-hidden">
          {label}
        </label>
        <input
          id={id}
          ref={field}
          class="token-value"
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" class="button button-primary" onClick={() => void copy(true)}>
          Copy
        </button>
      </div>
      <p class="hint" role="status">
        {copied ?? ''}
      </p>
    </>
  );
}
