import { useState } from 'preact/hooks';
import { client } from '../../api.js';
import { DataTable } from '../../components/DataTable.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatTime } from '../../format.js';
import { useLoad } from '../../hooks.js';
import { useSession } from '../../session.js';

const PAGE_SIZE = 25;

const ACTIONS: Record<string, string> = {
  signup: 'Signed up',
  login: 'Logged in',
  login_failed: 'Failed log-in',
  otp_sent: 'Code sent',
  token_generated: 'API token created',
  token_revoked: 'API token revoked',
  token_refused: 'API token refused',
  token_updated: 'API token changed',
  token_rotated: 'API token rotated',
  logout: 'Logged out',
  member_added: 'Member added',
  member_removed: 'Member removed',
  member_updated: 'Member changed',
  member_invited: 'Member invited',
  workspace_created: 'Workspace created',
  workspace_switched: 'Workspace switched',
  account_deleted: 'Account deleted',
};

/** The company's audit log, newest first, a page at a time. */
export function AuditScreen() {
  const { auth } = useSession();
  // The cursors of the pages before this one, so "Newer" can go back.
  const [cursors, setCursors] = useState<(string | null)[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const page = useLoad(
    () =>
      Promise.all([
        client.auditLog({ cursor, limit: PAGE_SIZE }),
        // Names for the actors; the log itself holds only ids.
        client.listMembers().catch(() => null),
      ]),
    [cursor, auth.company.id],
  );
  const [events, members] = page.data ?? [undefined, null];
  const who = new Map(members?.members.map((m) => [m.user.id, m.user.email]) ?? []);
  const pageNumber = cursors.length + 1;

  return (
    <>
      <div class="screen-head">
        <h1>Audit log</h1>
      </div>
      <p class="lead">
        What happened in <strong>{auth.company.name}</strong>, newest first. Secrets are never
        recorded.
      </p>
      <section class="card" aria-labelledby="audit-title">
        <h2 id="audit-title">Events, page {pageNumber}</h2>
        <ErrorNotice error={page.error} />
        {events === undefined ? (
          page.loading && <p class="hint">Loading…</p>
        ) : events.events.length === 0 ? (
          <p class="empty">No events.</p>
        ) : (
          <DataTable
            columns={['When', 'Event', 'By', 'Target', 'IP address', 'User agent']}
            extraClass="table-audit"
          >
            {events.events.map((event) => (
              <tr key={event.id}>
                <td data-label="When" class="cell-nowrap">
                  <time dateTime={event.created_at}>{formatTime(event.created_at)}</time>
                </td>
                <th scope="row" data-label="Event">
                  {ACTIONS[event.action] ?? event.action}
                </th>
                <td data-label="By">
                  {event.actor === null ? (
                    <span class="muted">nobody</span>
                  ) : (
                    (who.get(event.actor.id) ?? <code>{event.actor.id}</code>)
                  )}
                </td>
                <td data-label="Target">
                  {event.target_id === null ? (
                    <span class="muted">none</span>
                  ) : (
                    (who.get(event.target_id) ?? <code class="cell-wrap">{event.target_id}</code>)
                  )}
                </td>
                <td data-label="IP address">{event.ip ?? <span class="muted">unknown</span>}</td>
                <td data-label="User agent" class="cell-wrap">
                  {event.user_agent ?? <span class="muted">unknown</span>}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <nav class="pager" aria-label="Audit log pages">
          <button
            type="button"
            class="button"
            disabled={cursors.length === 0 || page.loading}
            onClick={() => {
              setCursor(cursors[cursors.length - 1] ?? null);
              setCursors(cursors.slice(0, -1));
            }}
          >
            Newer events
          </button>
          <button
            type="button"
            class="button"
            disabled={!events?.next_cursor || page.loading}
            onClick={() => {
              if (!events?.next_cursor) return;
              setCursors([...cursors, cursor]);
              setCursor(events.next_cursor);
            }}
          >
            Older events
          </button>
        </nav>
      </section>
    </>
  );
}
