// The `keyward` command run the way an operator runs it: `node dist/cli.js` (what the package's
// bin points at) as a process of its own, against the store of a test app.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { projectRoot } from './project-root.js';
import type { TestApp } from './test-app.js';

const run = promisify(execFile);

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The settings that point the CLI at a test app's store, and nothing else it could read from the
 * environment the tests run in (no Redis, no mail, no JWT secret).
 */
export const storeEnvOf = (t: TestApp): Record<string, string> => ({
  DATA_DIR: t.dataDir,
  DATABASE_URL: t.config.databaseUrl ?? '',
  SMTP_URL: '',
  JWT_SECRET: '',
  JWT_SECRETS: '',
  REDIS_URL: '',
});

/** Runs `keyward <args>` with `env` over the test process's environment; never throws. */
export async function runCli(args: string[], env: Record<string, string>): Promise<CliOutcome> {
  try {
    const { stdout, stderr } = await run('node', ['dist/cli.js', ...args], {
      cwd: projectRoot,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
