import { useId } from 'preact/hooks';
import { WINDOWS, type SettingsInput } from './settings.js';

type Change = (change: Partial<SettingsInput>) => void;

/** A token's name, as the new-token form and the edit dialog ask for it. */
export function NameField({ value, onChange }: { value: SettingsInput; onChange: Change }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>Token name</label>
      <input
        id={id}
        maxLength={100}
        placeholder="ci-deploy"
        aria-describedby={`${id}-hint`}
        value={value.name}
        onInput={(event) => onChange({ name: event.currentTarget.value })}
      />
      <p id={`${id}-hint`} class="hint">
        What uses it, so you know which to revoke.
      </p>
    </div>
  );
}

/** Scopes and rate limit, both optional: without them a token may do all its holder may. */
export function LimitFields({ value, onChange }: { value: SettingsInput; onChange: Change }) {
  const id = useId();
  const windows: { unit: string; label: string }[] = WINDOWS.some((w) => w.unit === value.window)
    ? [...WINDOWS]
    : [...WINDOWS, { unit: value.window, label: value.window }];
  return (
    <>
      <div class="field field-wide">
        <label for={`${id}-scopes`}>
          Scopes <span class="optional">(optional)</span>
        </label>
        <input
          id={`${id}-scopes`}
          autocomplete="off"
          spellcheck={false}
          placeholder="agents:read agents:write"
          aria-describedby={`${id}-scopes-hint`}
          value={value.scopes}
          onInput={(event) => onChange({ scopes: event.currentTarget.value })}
        />
        <p id={`${id}-scopes-hint`} class="hint">
          Separated by spaces. Services ask verify for the scopes they need; with none, the token
          may do everything you may.
        </p>
      </div>
      <fieldset class="field fieldset">
        <legend>
          Rate limit <span class="optional">(optional)</span>
        </legend>
        <div class="inline-fields">
          <div class="field">
            <label for={`${id}-limit`}>Verifies</label>
            <input
              id={`${id}-limit`}
              inputMode="numeric"
              autocomplete="off"
              placeholder="1000"
              value={value.limit}
              onInput={(event) => onChange({ limit: event.currentTarget.value })}
            />
          </div>
          <div class="field">
            <label for={`${id}-window`}>Per</label>
            <select
              id={`${id}-window`}
              value={value.window}
              onChange={(event) => onChange({ window: event.currentTarget.value })}
            >
              {windows.map((w) => (
                <option key={w.unit} value={w.unit}>
                  {w.label}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>
    </>
  );
}
