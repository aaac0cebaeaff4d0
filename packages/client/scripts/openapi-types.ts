// The client's request and answer types come from the server's own route schemas: this builds the
// app in memory (a throwaway SQLite store, nothing listens, no mail is sent), takes the OpenAPI
// document it would serve at /openapi.json and turns it into TypeScript with openapi-typescript.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { migrate, openStore } from '../../../src/db/database.js';
import { createLogger } from '../../../src/logger.js';
import { createLogMailer } from '../../../src/mail/log-mailer.js';
import { loadKeyring } from '../../../src/sessions/keyring.js';

/** Where the generated file is committed. */
export const GENERATED_FILE = path.resolve(import.meta.dirname, '../src/generated/openapi.ts');

const HEADER = `// Generated from the OpenAPI document keyward serves at /openapi.json, by
// \`npm run generate -w @keyward/client\`. Do not edit: change the server's route schemas and
// generate again (a test fails while this file is stale).
/* eslint-disable */
`;

/** The OpenAPI document of the server as the working tree builds it. */
export async function openapiDocument(): Promise<Record<string, unknown>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-openapi-'));
  // An explicit environment, never process.env: the document must not depend on who runs this.
  const config = loadConfig({
    DATA_DIR: dataDir,
    JWT_SECRET: 'openapi-generation-only-'.padEnd(48, 'x'),
    LOG_LEVEL: 'silent',
    HOUSEKEEPING_INTERVAL_MS: '0',
  });
  const logger = createLogger(config.logLevel);
  const store = openStore(config, logger);
  try {
    await migrate(store);
    const app = await buildApp({
      config,
      store,
      mailer: createLogMailer(logger),
      keyring: loadKeyring(config),
      logger,
    });
    try {
      return app.swagger() as unknown as Record<string, unknown>;
    } finally {
      await app.close();
    }
  } finally {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The text of src/generated/openapi.ts for the server as it is now. */
export async function generatedTypes(): Promise<string> {
  const document = (await openapiDocument()) as unknown as Parameters<typeof openapiTS>[0];
  const ast = await openapiTS(document, {
    alphabetize: true,
  });
  return HEADER + astToString(ast);
}
