// What the console's token form and edit dialog send for what a person typed, and the sentence
// for what can't be sent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  readMetadata,
  readSettings,
  settingsInput,
} from '../../packages/console/src/screens/tokens/settings.js';

const typed = { name: '', scopes: '', limit: '', window: '1m' };

/** The sentence a refused input gets. */
function problem(answer: unknown): string {
  assert.equal(typeof answer, 'string', `not refused: ${JSON.stringify(answer)}`);
  return answer as string;
}

describe('token settings as typed in the console', () => {
  it('empty fields send nothing to restrict: no scopes, no rate limit, no name', () => {
    assert.deepEqual(readSettings(typed), { name: undefined, scopes: null, rate_limit: null });
  });

  it('scopes split on spaces and commas, repeats dropped; the limit joins its window', () => {
    assert.deepEqual(
      readSettings({
        name: '  ci  ',
        scopes: 'a:read, a:write  a:read',
        limit: '1000',
        window: '1h',
      }),
      { name: 'ci', scopes: ['a:read', 'a:write'], rate_limit: '1000/1h' },
    );
  });

  it('names the field to fix', () => {
    assert.match(problem(readSettings({ ...typed, scopes: 'Agents' })), /Scope “Agents”/);
    const many = Array.from({ length: 33 }, (_, i) => `s${i}`).join(' ');
    assert.match(problem(readSettings({ ...typed, scopes: many })), /at most 32 scopes/);
    for (const limit of ['0', '-1', '1.5', 'ten']) {
      assert.match(problem(readSettings({ ...typed, limit })), /rate limit/, limit);
    }
  });

  it('a token read back into the form keeps a window the form does not offer', () => {
    assert.deepEqual(settingsInput({ name: null, scopes: ['x'], rate_limit: '50/5m' }), {
      name: '',
      scopes: 'x',
      limit: '50',
      window: '5m',
    });
    assert.deepEqual(
      readSettings(settingsInput({ name: 'n', scopes: null, rate_limit: '50/5m' })),
      { name: 'n', scopes: null, rate_limit: '50/5m' },
    );
  });

  it('metadata is a JSON object of at most 1 KiB, or nothing', () => {
    assert.equal(readMetadata('  '), null);
    assert.deepEqual(readMetadata('{"plan": "pro"}'), { plan: 'pro' });
    for (const text of ['{plan: pro}', '[1]', '"pro"', 'null']) {
      assert.equal(typeof readMetadata(text), 'string', text);
    }
    assert.match(problem(readMetadata(JSON.stringify({ x: 'y'.repeat(1100) }))), /1 KiB/);
  });
});
