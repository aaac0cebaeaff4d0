// docs/operations.md lists every command the `keyward` program has, as its own help shows them
// (the real process, dist/cli.js), and no command it lacks.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { projectRoot } from '../helpers/project-root.js';

const run = promisify(execFile);
const root = projectRoot;

/** The command names under "Commands:" in a help text, `help` aside. */
async function commandsOf(...args: string[]): Promise<string[]> {
  const { stdout } = await run('node', ['dist/cli.js', ...args, '--help'], { cwd: root });
  const section = stdout.split(/^Commands:$/m)[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z]+)\b/gm)]
    .map((m) => m[1]!)
    .filter((name) => name !== 'help');
}

void describe('the keyward command in docs/operations.md', () => {
  void it('has a row for every command, and only for those', async () => {
    const top = await commandsOf();
    const nested = await Promise.all(top.map((name) => commandsOf(name)));
    const commands = top.flatMap((name, i) =>
      nested[i]!.length === 0 ? [name] : nested[i]!.map((sub) => `${name} ${sub}`),
    );
    assert.ok(commands.includes('company list') && commands.includes('migrate'));

    const doc = fs.readFileSync(path.join(root, 'docs', 'operations.md'), 'utf8');
    const section = /^## The `keyward` command$([\s\S]*?)^## /m.exec(doc)?.[1] ?? '';
    const documented = [...section.matchAll(/^\| `keyward ([a-z]+(?: [a-z]+)?)\b/gm)].map(
      (m) => m[1]!,
    );
    assert.deepEqual([...documented].sort(), [...commands].sort());
  });
});
