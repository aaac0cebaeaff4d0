// `npm run docs`: writes the parts of docs/ that are made from the code (the settings table in
// docs/configuration.md, from src/settings.ts), formatted as `npm run format` would. A test
// fails when the committed file differs from what this writes.
import fs from 'node:fs';
import path from 'node:path';
import prettier from 'prettier';
import { settingsTable } from '../src/settings.js';

export const CONFIGURATION_MD = path.resolve(import.meta.dirname, '..', 'docs', 'configuration.md');

const START = '<!-- settings table: made by `npm run docs` from src/settings.ts -->';
const END = '<!-- end of settings table -->';

/** The file with its settings table made anew. */
export async function configurationDoc(current: string): Promise<string> {
  const from = current.indexOf(START);
  const to = current.indexOf(END);
  if (from === -1 || to < from) throw new Error(`${CONFIGURATION_MD} lacks the table markers`);
  const text = `${current.slice(0, from + START.length)}\n\n${settingsTable()}\n\n${current.slice(to)}`;
  return prettier.format(text, {
    ...(await prettier.resolveConfig(CONFIGURATION_MD)),
    parser: 'markdown',
  });
}

if (process.argv[1] === import.meta.filename) {
  const current = fs.readFileSync(CONFIGURATION_MD, 'utf8');
  fs.writeFileSync(CONFIGURATION_MD, await configurationDoc(current));
  console.log(`wrote ${path.relative(process.cwd(), CONFIGURATION_MD)}`);
}
