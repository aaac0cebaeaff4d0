// On SQLite without Redis, the `keyward` CLI and the server are separate processes on one host
// with one DATA_DIR: a change the CLI makes (a token revoked, an account suspended) reaches the
// running server through files there. The CLI writes one file per change; the server looks at the
// folder ten times a second, delivers what is new, and forgets files once they are gone.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { KeywardEvent } from './events.js';

/** The folder under DATA_DIR. */
export const RELAY_FOLDER = 'events';
const POLL_MS = 100;
/** A file older than this has been heard by every running server: the next writer deletes it. */
const KEEP_MS = 60_000;

/** Writes `events` for the running servers to hear (the CLI, after its change committed). */
export function relayEvents(dataDir: string, events: readonly KeywardEvent[]): void {
  const folder = path.join(dataDir, RELAY_FOLDER);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const name = `${Date.now()}-${randomUUID()}.json`;
  // Written under a dot name first: a reader never sees half a file.
  const partial = path.join(folder, `.${name}`);
  fs.writeFileSync(partial, JSON.stringify(events), { mode: 0o600 });
  fs.renameSync(partial, path.join(folder, name));
  const now = Date.now();
  for (const old of fs.readdirSync(folder)) {
    const written = Number(/^\.?(\d+)-/.exec(old)?.[1]);
    if (written < now - KEEP_MS) fs.rmSync(path.join(folder, old), { force: true });
  }
}

/** Hears what `relayEvents` writes under `dataDir`, from the moment it starts. */
export class RelayWatcher {
  private readonly folder: string;
  private readonly seen = new Set<string>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    dataDir: string,
    private readonly deliver: (events: KeywardEvent[]) => void,
    private readonly logger: Logger,
  ) {
    this.folder = path.join(dataDir, RELAY_FOLDER);
    // What is there already happened before this server started: nothing of it is cached here.
    for (const name of this.list()) this.seen.add(name);
    this.timer = setInterval(() => this.poll(), POLL_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private list(): string[] {
    try {
      return fs.readdirSync(this.folder).filter((name) => !name.startsWith('.'));
    } catch {
      return []; // no change made by the CLI yet
    }
  }

  private poll(): void {
    const names = this.list();
    for (const name of names) {
      if (this.seen.has(name)) continue;
      this.seen.add(name);
      try {
        const events = JSON.parse(fs.readFileSync(path.join(this.folder, name), 'utf8')) as unknown;
        if (Array.isArray(events)) this.deliver(events as KeywardEvent[]);
      } catch (err) {
        this.logger.warn({ err, file: name }, 'could not read an event file of the CLI');
      }
    }
    const present = new Set(names);
    for (const name of this.seen) if (!present.has(name)) this.seen.delete(name);
  }
}
