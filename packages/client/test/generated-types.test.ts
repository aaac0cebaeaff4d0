// The committed types must be what the server's schemas generate today: a schema change that
// isn't followed by `npm run generate -w @keyward/client` fails here.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { it } from 'node:test';
import { GENERATED_FILE, generatedTypes } from '../scripts/openapi-types.js';

it('src/generated/openapi.ts matches a fresh generation from the server', async () => {
  const committed = fs.readFileSync(GENERATED_FILE, 'utf8');
  const fresh = await generatedTypes();
  assert.ok(
    committed === fresh,
    'packages/client/src/generated/openapi.ts is stale: run `npm run generate -w @keyward/client` and commit it',
  );
});
