// Settings: each kind is read and refused as documented, and the documentation's table is the one
// the rows make.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { ConfigError, RATE_LIMIT_DEFAULTS, loadConfig } from '../../src/config.js';
import { settingRows } from '../../src/settings.js';
import { CONFIGURATION_MD, configurationDoc } from '../../scripts/docs.js';

void describe('settings', () => {
  void it('defaults: every setting unset gives its documented default', () => {
    const config = loadConfig({});
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 8080);
    assert.equal(config.loginTokenTtlS, 86400);
    assert.equal(config.sessionIdleTtlS, 7200);
    assert.equal(config.authCacheTtlMs, 1000);
    assert.equal(config.otpLockS, 900);
    assert.equal(config.redisKeyPrefix, 'keyward:');
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.jwtKeys, undefined);
    assert.equal(config.trustProxy, false);
    assert.equal(config.logLevel, 'info');
    assert.ok(Object.isFrozen(config));
    for (const row of settingRows()) {
      if (row.default === undefined) continue;
      assert.doesNotThrow(() => row.read({ [row.env]: row.default }), row.env);
      assert.deepEqual(row.read({ [row.env]: row.default }), row.read({}), `${row.env} default`);
    }
  });

  void it('reads whole numbers within their range, and names the setting when refusing one', () => {
    assert.equal(loadConfig({ PORT: ' 0 ' }).port, 0);
    assert.equal(loadConfig({ AUTH_CACHE_TTL_MS: '0' }).authCacheTtlMs, 0);
    for (const [name, value] of [
      ['PORT', 'abc'],
      ['PORT', '65536'],
      ['PORT', '-1'],
      ['PORT', '80.5'],
      ['AUTH_CACHE_TTL_MS', '1001'],
      ['LOGIN_TOKEN_TTL', '0'],
      ['DATABASE_POOL_SIZE', '1e3'],
    ] as const) {
      assert.throws(() => loadConfig({ [name]: value }), ConfigError, `${name}=${value}`);
      assert.throws(() => loadConfig({ [name]: value }), new RegExp(`${name} must be`));
    }
  });

  void it('reads the signing keyring, and refuses short, repeated or doubled secrets', () => {
    const secret = 's'.repeat(32);
    assert.deepEqual(loadConfig({ JWT_SECRET: secret }).jwtKeys, [{ kid: 'k1', secret }]);
    assert.deepEqual(loadConfig({ JWT_SECRETS: `b:${secret},a:${secret}x` }).jwtKeys, [
      { kid: 'b', secret },
      { kid: 'a', secret: `${secret}x` },
    ]);
    for (const env of [
      { JWT_SECRET: 'short' },
      { JWT_SECRETS: `a:${secret},a:${secret}` },
      { JWT_SECRETS: secret },
      { JWT_SECRET: secret, JWT_SECRETS: `a:${secret}` },
    ]) {
      assert.throws(() => loadConfig(env), ConfigError, JSON.stringify(Object.keys(env)));
    }
  });

  void it('checks DATABASE_URL, LOG_LEVEL and TRUST_PROXY', () => {
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL must be/);
    assert.equal(
      loadConfig({ DATABASE_URL: 'postgresql://h/db' }).databaseUrl,
      'postgresql://h/db',
    );
    assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL must be one of/);
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
    assert.equal(loadConfig({ TRUST_PROXY: '10.0.0.0/8' }).trustProxy, '10.0.0.0/8');
  });

  void it('requires SMTP_URL in production, except for commands that send no mail', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /SMTP_URL is required/);
    assert.equal(loadConfig({ NODE_ENV: 'production' }, { sendsMail: false }).smtpUrl, undefined);
  });

  void it('derives the rate-limit defaults from the rows', () => {
    assert.equal(RATE_LIMIT_DEFAULTS.RATE_LIMIT_OTP_SEND_PER_ADDRESS, '5/1h');
    assert.equal(RATE_LIMIT_DEFAULTS.RATE_LIMIT_OTP_LOCK, '15m');
    assert.equal(RATE_LIMIT_DEFAULTS.RATE_LIMIT_VERIFY_FAILED_PER_IP, 'off');
  });

  void it('lists every setting once in docs/configuration.md, as `npm run docs` writes it', async () => {
    const current = fs.readFileSync(CONFIGURATION_MD, 'utf8');
    assert.equal(current, await configurationDoc(current), 'run `npm run docs`');
    const names = settingRows().map((row) => row.env);
    assert.equal(new Set(names).size, names.length, 'no setting twice');
    for (const name of names) assert.ok(current.includes(`\`${name}\``), name);
  });

  void it('is the only reader of the environment', () => {
    const readers = fs
      .readdirSync('src', { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .filter((file) => fs.readFileSync(`src/${file}`, 'utf8').includes('process.env'));
    assert.deepEqual(readers.sort(), ['cli.ts', 'config.ts'].sort());
  });
});
