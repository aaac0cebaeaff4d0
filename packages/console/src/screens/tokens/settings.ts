// What a person types for a token's scopes, rate limit and metadata, and what keyward takes:
// checked here first, so a mistake gets a sentence naming the field rather than a bare
// "not valid".

/** The rate limit's windows, as keyward writes them in "COUNT/DURATION". */
export const WINDOWS = [
  { unit: '1s', label: 'second' },
  { unit: '1m', label: 'minute' },
  { unit: '1h', label: 'hour' },
  { unit: '1d', label: 'day' },
] as const;

/** The fields shared by the new-token form and the edit dialog, as typed. */
export interface SettingsInput {
  name: string;
  scopes: string;
  limit: string;
  /** A duration such as 1m: one of WINDOWS, or another one the API was given (5m). */
  window: string;
}

export interface Settings {
  name: string | undefined;
  scopes: string[] | null;
  rate_limit: string | null;
}

const SCOPE = /^[a-z0-9][a-z0-9_.:-]{0,63}$/;
const MAX_SCOPES = 32;

/** The settings to send, or the sentence saying what to fix. */
export function readSettings(input: SettingsInput): Settings | string {
  const scopes = [...new Set(input.scopes.split(/[\s,]+/).filter((s) => s !== ''))];
  const bad = scopes.find((s) => !SCOPE.test(s));
  if (bad !== undefined) {
    return `Scope “${bad}” can't be used: scopes are lowercase letters, digits and _ . : - (up to 64).`;
  }
  if (scopes.length > MAX_SCOPES) return `A token holds at most ${MAX_SCOPES} scopes.`;
  const limit = input.limit.trim();
  if (limit !== '' && !/^[1-9][0-9]{0,8}$/.test(limit)) {
    return 'The rate limit is a whole number of verifies, 1 or more (or empty for none).';
  }
  const name = input.name.trim();
  return {
    name: name === '' ? undefined : name,
    scopes: scopes.length === 0 ? null : scopes,
    rate_limit: limit === '' ? null : `${limit}/${input.window}`,
  };
}

/** A token's settings as the form shows them. */
export function settingsInput(token: {
  name: string | null;
  scopes: string[] | null;
  rate_limit: string | null;
}): SettingsInput {
  const [count = '', duration = '1m'] = (token.rate_limit ?? '').split('/');
  return {
    name: token.name ?? '',
    scopes: (token.scopes ?? []).join(' '),
    limit: count,
    window: duration,
  };
}

/** Metadata as typed (a JSON object, or empty for none), or the sentence saying what to fix. */
export function readMetadata(text: string): Record<string, unknown> | null | string {
  if (text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'Metadata is JSON: an object such as {"plan": "pro"}.';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'Metadata is a JSON object, such as {"plan": "pro"}.';
  }
  if (new TextEncoder().encode(JSON.stringify(value)).length > 1024) {
    return 'Metadata is at most 1 KiB.';
  }
  return value as Record<string, unknown>;
}
