#!/usr/bin/env node
// `keyward`: the operator's command line. Same settings as the server (the same environment), the
// same store and repositories. Each command reads and checks only the settings it uses, so a
// setting meant for the server (PORT, SMTP_URL) never stops `keyward migrate`.
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { Db } from './db/database.js';
import { ConfigError, DEFAULT_KID, loadSettings, type Config, type JwtKey } from './config.js';
import { systemClock, toIso } from './lib/clock.js';
import { PACKAGE_JSON } from './package-files.js';
import type { AdminService } from './admin/admin.service.js';
import { GENERATED_SECRET_FILE } from './sessions/keyring.js';

// The store, its drivers and the services load only for the command that needs them, so
// `--help` and mistakes answer at once.
const admin = () => import('./admin/admin.service.js');
const database = () => import('./db/database.js');

/** Exit codes, as the README lists them. */
export const EXIT = { ok: 0, failed: 1, usage: 2, notFound: 3 } as const;

/** The settings each kind of command uses: the only ones it reads. */
const STORE_SETTINGS = ['databaseUrl', 'dataDir', 'databasePoolSize', 'databaseTimeoutMs'] as const;
const EVENT_SETTINGS = ['redisUrl', 'redisKeyPrefix'] as const;

const settingsFor = <K extends keyof Config>(...keys: K[]): Pick<Config, K> =>
  loadSettings(process.env, keys);

type StoreSettings = Pick<Config, (typeof STORE_SETTINGS)[number]>;

/** Opens the store for one command and closes it whatever happens. */
async function withStore<T>(settings: StoreSettings, run: (db: Db) => Promise<T>): Promise<T> {
  const store = (await database()).openStore(settings);
  try {
    return await run(store.db);
  } finally {
    await store.close();
  }
}

/**
/**
 * The operator's services for one command. A command that changes something publishes it, and the
 * running instances hear of it at once, as of a change through the API: through Redis with
 * REDIS_URL, else (a server on SQLite shares this DATA_DIR) through a file there. A command that
 * only reads needs neither, nor their settings.
 */
function withAdmin<T>(
  use: 'changes' | 'reads',
  run: (admin: AdminService) => Promise<T>,
): Promise<T> {
  const bus = use === 'changes' ? settingsFor(...EVENT_SETTINGS) : undefined;
  const store = settingsFor(...STORE_SETTINGS);
  return withStore(store, async (db) => {
    const [{ AdminService }, { EventBus }, { relayEvents }, { createLogger }] = await Promise.all([
      admin(),
      import('./events/event-bus.js'),
      import('./events/file-relay.js'),
      import('./logger.js'),
    ]);
    // Only trouble (Redis unreachable) is logged, to stderr: stdout is the command's answer.
    const logger = createLogger('warn', process.stderr);
    const events = bus?.redisUrl
      ? await EventBus.redis(bus.redisUrl, bus.redisKeyPrefix, logger)
      : EventBus.local(
          logger,
          bus && !store.databaseUrl ? (changes) => relayEvents(store.dataDir, changes) : undefined,
        );
    try {
      return await run(new AdminService(db, events, systemClock, logger));
    } finally {
      await events.close();
    }
  });
}

const out = (line: string) => process.stdout.write(`${line}\n`);
const note = (line: string) => process.stderr.write(`${line}\n`);

function positiveInt(raw: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 10_000) {
    throw new InvalidArgumentError('a whole number from 1 to 10000');
  }
  return value;
}

/** The version of the package this command belongs to. */
const VERSION = (
  JSON.parse(fs.readFileSync(PACKAGE_JSON, 'utf8')) as {
    version: string;
  }
).version;

const program = new Command('keyward')
  .description('Operate a keyward deployment: the store, users, API tokens, signing keys, audit.')
  .version(VERSION, '-V, --version', 'print the version')
  // A mistake is one line naming it, and where to look; never the whole help.
  .configureOutput({
    outputError: (text, write) =>
      write(
        `keyward: ${text
          .replace(/^error: /, '')
          .trim()
          .replace(/\s*\n\s*/g, ' ')} (see keyward --help)\n`,
      ),
  })
  .exitOverride();

program
  .command('serve')
  .description('Start the HTTP server (what `npm start` runs; needs SMTP_URL in production)')
  .action(async () => {
    await import('./server.js');
  });

program
  .command('migrate')
  .description('Bring the store (SQLite in DATA_DIR, or DATABASE_URL) up to the latest schema')
  .action(async () => {
    const settings = settingsFor(...STORE_SETTINGS);
    const { migrate, openStore } = await database();
    const store = openStore(settings);
    try {
      await migrate(store);
    } finally {
      await store.close();
    }
    out(`store is up to date (${settings.databaseUrl ? 'PostgreSQL' : settings.dataDir})`);
  });

program
  .command('company')
  .description('Companies')
  .command('list')
  .description('List companies with their ids, oldest first: all of them, or those of an address')
  .option('--email <address>', 'only the companies this address belongs to, with its role')
  .option('--json', 'one JSON object per line')
  .action((options: { email?: string; json?: boolean }) =>
    withAdmin('reads', async (operator) => {
      const companies = await operator.listCompanies(options.email);
      for (const c of companies) {
        const row = {
          id: c.id,
          name: c.name,
          created_at: toIso(c.created_at),
          members: c.members,
          workspaces: c.workspaces,
          ...(options.email === undefined ? {} : { role: c.role }),
        };
        out(
          options.json
            ? JSON.stringify(row)
            : [
                row.id,
                row.name,
                `created ${row.created_at}`,
                `${row.members} member(s)`,
                `${row.workspaces} workspace(s)`,
                ...(row.role === undefined ? [] : [`role ${row.role ?? 'none'}`]),
              ].join('  '),
        );
      }
      note(`${companies.length} compan${companies.length === 1 ? 'y' : 'ies'}`);
    }),
  );

const user = program.command('user').description('Suspend or restore an account');
for (const [name, enabled] of [
  ['disable', false],
  ['enable', true],
] as const) {
  user
    .command(`${name} <email>`)
    .description(
      enabled
        ? 'Restore an account: its sessions and API tokens work again'
        : 'Suspend an account: its sessions and API tokens are refused (all instances within 1 s)',
    )
    .action((email: string) =>
      withAdmin('changes', async (operator) => {
        const done = await operator.setUserEnabled(email, enabled);
        out(
          done.changed
            ? `${done.email} (${done.id}) ${enabled ? 'enabled' : 'disabled'}`
            : `${done.email} (${done.id}) was already ${enabled ? 'enabled' : 'disabled'}`,
        );
      }),
    );
}

const token = program.command('token').description('API tokens');
token
  .command('revoke <id>')
  .description('Revoke an API token by id (refused by every instance within 1 s)')
  .action((id: string) =>
    withAdmin('changes', async (operator) => {
      await operator.revokeToken(id);
      out(`API token ${id} revoked`);
    }),
  );
token
  .command('list')
  .description("List a company's live API tokens (never the tokens themselves)")
  .requiredOption('--company <id>', 'company id')
  .option('--json', 'one JSON object per line')
  .action((options: { company: string; json?: boolean }) =>
    withAdmin('reads', async (operator) => {
      const tokens = await operator.listCompanyTokens(options.company);
      for (const t of tokens) {
        const row = {
          id: t.id,
          name: t.name,
          hint: t.hint,
          owner: t.owner,
          created_by: t.created_by_email,
          workspace: t.workspace_name,
          scopes: t.scopes === null ? null : (JSON.parse(t.scopes) as string[]),
          metadata: t.metadata === null ? null : (JSON.parse(t.metadata) as unknown),
          rate_limit: t.rate_limit,
          created_at: toIso(t.created_at),
          last_used_at: t.last_used_at === null ? null : toIso(t.last_used_at),
          expires_at: t.expires_at === null ? null : toIso(t.expires_at),
        };
        out(
          options.json
            ? JSON.stringify(row)
            : [
                row.id,
                `…${row.hint}`,
                row.owner === 'workspace'
                  ? `workspace (by ${row.created_by ?? '-'})`
                  : (row.created_by ?? '-'),
                row.workspace,
                `scopes ${row.scopes?.join(',') ?? 'all'}`,
                `limit ${row.rate_limit ?? '-'}`,
                `metadata ${row.metadata === null ? '-' : JSON.stringify(row.metadata)}`,
                `created ${row.created_at}`,
                `last used ${row.last_used_at ?? '-'}`,
                `expires ${row.expires_at ?? '-'}`,
                row.name ?? '',
              ]
                .join('  ')
                .trimEnd(),
        );
      }
      note(`${tokens.length} live API token(s)`);
    }),
  );

program
  .command('secret')
  .description('Login-token signing keys')
  .command('rotate')
  .description(
    'Print a JWT_SECRETS keyring with a new signing key first, and how to retire the old one',
  )
  .action(async () => {
    const { rotatedKeyring } = await admin();
    const settings = settingsFor('jwtKeys', 'dataDir', 'loginTokenTtlS');
    const current = settings.jwtKeys ?? generatedKeys(settings.dataDir);
    const { kid, keyring } = rotatedKeyring(current);
    out(`JWT_SECRETS=${keyring}`);
    if (current.length === 0) {
      note(`\nNo signing key was set or generated yet: set JWT_SECRETS to the line above.`);
      return;
    }
    const old = current.map((k) => k.kid).join(', ');
    const ttl = settings.loginTokenTtlS;
    note(
      [
        '',
        `A new signing key "${kid}" comes first; ${old} still verif${current.length === 1 ? 'ies' : 'y'} the tokens already issued.`,
        '1. Set JWT_SECRETS to the line above on every instance (instead of JWT_SECRET) and restart',
        `   them. New login tokens are signed with ${kid}. One-time codes mailed just before the`,
        '   restart stop working (their key comes from the first secret): users ask for a new one.',
        `2. After LOGIN_TOKEN_TTL (${ttl} s${ttl % 3600 === 0 ? `, ${ttl / 3600} h` : ''}) every token signed with ${old} has expired:`,
        `   remove ${current.map((k) => `${k.kid}:…`).join(',')} from JWT_SECRETS and restart again.`,
        'The line holds every signing key: keep it as secret as JWT_SECRET.',
      ].join('\n'),
    );
  });

program
  .command('audit')
  .description('The audit log')
  .command('tail')
  .description('Print the latest audit events, oldest first')
  .option('-n, --lines <n>', 'how many events', positiveInt, 20)
  .option('--company <id>', 'only this company')
  .option('--json', 'one JSON object per line')
  .action((options: { lines: number; company?: string; json?: boolean }) =>
    withAdmin('reads', async (operator) => {
      const events = await operator.latestAuditEvents(options.lines, options.company);
      for (const e of events.reverse()) {
        const row = {
          time: toIso(e.created_at),
          action: e.action,
          company: e.company_id,
          actor: e.actor_user_id,
          target: e.target_id,
          ip: e.ip,
          user_agent: e.user_agent,
          id: e.id,
        };
        out(
          options.json
            ? JSON.stringify(row)
            : `${row.time}  ${row.action}  company=${row.company ?? '-'}  actor=${row.actor ?? '-'}  target=${row.target ?? '-'}  ip=${row.ip ?? '-'}`,
        );
      }
    }),
  );

program
  .command('purge')
  .description(
    'Delete expired codes, ended sessions and audit events past AUDIT_RETENTION_DAYS now (the server does it every HOUSEKEEPING_INTERVAL_MS)',
  )
  .action(() => {
    const settings = settingsFor(...STORE_SETTINGS, 'housekeepingIntervalMs', 'auditRetentionDays');
    return withStore(settings, async (db) => {
      const { Housekeeping } = await import('./housekeeping/housekeeping.js');
      const { createLogger } = await import('./logger.js');
      const logger = createLogger('silent');
      const counts = await new Housekeeping(db, settings, systemClock, logger).purge();
      out(
        `purged ${counts.codes} expired code(s), ${counts.sessions} ended session(s), ${counts.auditEvents} audit event(s)`,
      );
    });
  });

/** The secret the server generated into DATA_DIR when neither JWT_SECRET nor JWT_SECRETS is set. */
function generatedKeys(dataDir: string): JwtKey[] {
  const file = path.join(dataDir, GENERATED_SECRET_FILE);
  if (!fs.existsSync(file)) return [];
  return [{ kid: DEFAULT_KID, secret: fs.readFileSync(file, 'utf8').trim() }];
}

/**
 * An error as one line for the terminal: never a stack. A failed connection to "localhost" is an
 * AggregateError with an empty message (one error per address tried): say the first.
 */
function oneLine(err: unknown): string {
  let cause = err;
  while (cause instanceof AggregateError && cause.message === '' && cause.errors.length > 0) {
    cause = cause.errors[0];
  }
  const text = cause instanceof Error ? cause.message || cause.name : String(cause);
  const code = (cause as { code?: unknown } | null)?.code;
  const line = text.split('\n')[0]!.trim();
  return typeof code === 'string' && !line.includes(code) ? `${line} (${code})` : line;
}

async function main(): Promise<number> {
  try {
    await program.parseAsync(process.argv);
    return EXIT.ok;
  } catch (err) {
    // Commander has already printed what was wrong (or the help that was asked for).
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (err instanceof ConfigError) {
      note(`keyward: ${err.message}`);
      return EXIT.usage;
    }
    const { AdminError } = await admin();
    if (err instanceof AdminError) {
      note(`keyward: ${err.message}`);
      return err.notFound ? EXIT.notFound : EXIT.failed;
    }
    const message = oneLine(err);
    const hint = /no such table|does not exist/.test(message)
      ? ' (is the store migrated? run `keyward migrate`)'
      : '';
    note(`keyward: failed: ${message}${hint}`);
    return EXIT.failed;
  }
}

// `serve` keeps running (server.ts owns the process from then on); every other command exits
// with its code once done.
const code = await main();
if (process.argv[2] !== 'serve' || code !== EXIT.ok) process.exit(code);
