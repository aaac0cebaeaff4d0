// The OpenAPI document the app really serves, checked by two outside linters: Spectral (its
// `spectral:oas` ruleset, in .spectral.yaml) and Redocly (its `recommended` ruleset). Both run
// offline: the rulesets ship with them, and Redocly's telemetry and update check are off.
//   node --import tsx scripts/openapi.ts               lint; exit 1 on any error
//   node --import tsx scripts/openapi.ts --out FILE    only write the document to FILE
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { migrate, openStore } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { createLogMailer } from '../src/mail/log-mailer.js';
import { loadKeyring } from '../src/sessions/keyring.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Builds the app in memory (a throwaway SQLite store, no listening) and returns its document. */
async function servedDocument(): Promise<unknown> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-openapi-'));
  try {
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const logger = createLogger(config.logLevel);
    const store = openStore(config, logger);
    try {
      await migrate(store);
      const mailer = createLogMailer(logger);
      const keyring = loadKeyring(config);
      const app = await buildApp({ config, store, mailer, keyring, logger });
      try {
        const answer = await app.inject({ method: 'GET', url: '/openapi.json' });
        if (answer.statusCode !== 200) throw new Error(`GET /openapi.json: ${answer.statusCode}`);
        return answer.json();
      } finally {
        await app.close();
      }
    } finally {
      await store.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function run(title: string, command: string, args: string[]): boolean {
  process.stdout.write(`\n== ${title}\n`);
  const result = spawnSync(path.join(root, 'node_modules', '.bin', command), args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  return result.status === 0;
}

const outAt = process.argv.indexOf('--out');
const document = JSON.stringify(await servedDocument(), null, 2);
if (outAt !== -1) {
  const out = process.argv[outAt + 1];
  if (!out) throw new Error('--out needs a file name');
  fs.writeFileSync(out, `${document}\n`);
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-openapi-'));
  const file = path.join(dir, 'openapi.json');
  fs.writeFileSync(file, document);
  const spectral = run('Spectral (spectral:oas)', 'spectral', [
    'lint',
    file,
    '--ruleset',
    path.join(root, '.spectral.yaml'),
    '--fail-severity',
    'error',
  ]);
  const redocly = run('Redocly (recommended)', 'redocly', [
    'lint',
    file,
    '--extends',
    'recommended',
    '--format',
    'stylish',
  ]);
  fs.rmSync(dir, { recursive: true, force: true });
  if (!spectral || !redocly) process.exitCode = 1;
}
