// `npm run generate -w @keyward/client`: writes src/generated/openapi.ts from the server's schemas.
import fs from 'node:fs';
import path from 'node:path';
import { GENERATED_FILE, generatedTypes } from './openapi-types.js';

const text = await generatedTypes();
fs.mkdirSync(path.dirname(GENERATED_FILE), { recursive: true });
fs.writeFileSync(GENERATED_FILE, text);
process.stdout.write(`wrote ${path.relative(process.cwd(), GENERATED_FILE)}\n`);
