// Parsing each kind of setting, row by row: a bad value is refused with a message that starts with
// the setting's name, a duration reads its unit, and a value equal to the default reads as unset.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';
import { RATE_LIMIT_SETTINGS, SETTINGS, settingRows, type Setting } from '../../src/settings.js';

/** The ConfigError reading `value` into the row of `env` gives, or undefined if it reads. */
function refusal(env: string, value: string): ConfigError | undefined {
  try {
    loadConfig({ [env]: value });
    return undefined;
  } catch (err) {
    assert.ok(err instanceof ConfigError, `${env}=${value}: ${String(err)}`);
    return err;
  }
}

const ROWS = Object.values(SETTINGS) as Setting<unknown>[];
const NUMBER_ROWS = ROWS.filter((row) => /^\d+$/.test(row.default ?? ''));
const DURATION_ROWS = ROWS.filter((row) => row.unit?.startsWith('s (or'));
const RATE_LIMIT_ROWS = Object.values(RATE_LIMIT_SETTINGS);

void describe('config parsing', () => {
  void it('refuses a bad number in every numeric setting, naming the setting and its range', () => {
    assert.ok(NUMBER_ROWS.length >= 8, 'the numeric rows are found');
    for (const row of NUMBER_ROWS) {
      for (const bad of ['abc', '-1', '1.5', '1e3', '99999999999']) {
        const err = refusal(row.env, bad);
        assert.ok(err, `${row.env}=${bad} is refused`);
        assert.match(
          err.message,
          new RegExp(`^${row.env} must be a whole number from \\d+ to \\d+, got "${bad}"`),
        );
      }
    }
  });

  void it('reads a duration with or without its unit, and refuses one out of 1s..24d by name', () => {
    assert.deepEqual(
      DURATION_ROWS.map((row) => row.env),
      ['RATE_LIMIT_OTP_LOCK'],
    );
    const read = (value: string) => loadConfig({ RATE_LIMIT_OTP_LOCK: value }).otpLockS;
    assert.equal(read('90'), 90);
    assert.equal(read('90s'), 90);
    assert.equal(read('15m'), 900);
    assert.equal(read('2h'), 7200);
    assert.equal(read('24d'), 24 * 86400);
    for (const bad of ['0s', '25d', '1w', '1.5h', 'h', '-1m', 'off', '15 m']) {
      const err = refusal('RATE_LIMIT_OTP_LOCK', bad);
      assert.ok(err, `RATE_LIMIT_OTP_LOCK=${bad} is refused`);
      assert.match(err.message, /^RATE_LIMIT_OTP_LOCK must be a duration from 1s to 24d/);
    }
  });

  void it('reads every rate limit as COUNT/DURATION or off, and refuses anything else by name', () => {
    for (const row of RATE_LIMIT_ROWS) {
      const limits = (value: string) => loadConfig({ [row.env]: value }).rateLimits;
      const key = Object.entries(RATE_LIMIT_SETTINGS).find(([, r]) => r === row)![0];
      assert.deepEqual(limits('7/90s')[key as keyof typeof RATE_LIMIT_SETTINGS], {
        points: 7,
        seconds: 90,
      });
      assert.equal(limits('off')[key as keyof typeof RATE_LIMIT_SETTINGS], null);
      for (const bad of ['5', '/1h', '0/1h', '5/', '5/1w', 'on', '5 / 1h']) {
        const err = refusal(row.env, bad);
        assert.ok(err, `${row.env}=${bad} is refused`);
        assert.match(err.message, new RegExp(`^${row.env} must be "off" or COUNT/DURATION`));
      }
    }
  });

  void it('reads an empty value as unset, and the default spelled out as the default', () => {
    const defaults = loadConfig({});
    for (const row of settingRows()) {
      if (row.env.includes('*')) continue;
      assert.deepEqual(row.read({ [row.env]: '' }), row.read({}), `${row.env}=""`);
      if (row.default !== undefined)
        assert.deepEqual(row.read({ [row.env]: row.default }), row.read({}), row.env);
    }
    assert.ok(Object.isFrozen(defaults));
  });

  void it('gives every setting with a unit a name in code that carries it', () => {
    const suffix: Record<string, RegExp> = { ms: /Ms$/, s: /S$/, days: /Days$/ };
    for (const [key, row] of Object.entries(SETTINGS) as [string, Setting<unknown>][]) {
      const unit = row.unit?.split(' ')[0];
      if (unit === undefined) continue;
      assert.ok(suffix[unit], `${key}: a known unit (${unit})`);
      assert.match(key, suffix[unit], `${key} (${row.env}) is in ${unit}`);
    }
  });
});
