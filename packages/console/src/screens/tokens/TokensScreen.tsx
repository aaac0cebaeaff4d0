import type { ApiToken, GeneratedToken } from '@keyward/client';
import { useState } from 'preact/hooks';
import { client } from '../../api.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { ACTIONS, DataTable } from '../../components/DataTable.js';
import { ErrorNotice, StatusNotice } from '../../components/ErrorNotice.js';
import { formatTime, fromNow } from '../../format.js';
import { useAction, useLoad } from '../../hooks.js';
import { useSession } from '../../session.js';
import { NewTokenForm } from './NewTokenForm.js';
import { NewTokenPanel } from './NewTokenPanel.js';
import './tokens.css';

/** What a token is called on screen: its name, or its last 4 characters. */
export const tokenLabel = (token: Pick<ApiToken, 'name' | 'hint'>): string =>
  token.name ?? `token …${token.hint}`;

export function TokensScreen() {
  const { auth } = useSession();
  const manager = auth.role !== 'member';
  const [all, setAll] = useState(false);
  const [formOpen, setFormOpen] = useState(false);
  const [created, setCreated] = useState<GeneratedToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const list = useLoad(() => client.listTokens({ all }), [all, auth.workspace.id]);
  const revoke = useAction(async (token: ApiToken) => {
    await client.revokeToken(token.id);
    setRevoking(null);
    setStatus(`${tokenLabel(token)} is revoked: it is refused from now on.`);
    list.reload();
  });

  const tokens = list.data?.tokens;
  // A first visit has nothing to list: the form is the next step, so it is open already.
  const showForm = formOpen || (tokens?.length === 0 && created === null && !all);

  return (
    <>
      <div class="screen-head">
        <h1>API tokens</h1>
        <button
          type="button"
          class="button button-primary"
          aria-expanded={showForm}
          onClick={() => {
            setFormOpen(true);
            setCreated(null);
          }}
        >
          New token
        </button>
      </div>
      <p class="lead">
        Services send an API token in the <code>token</code> header and check it with{' '}
        <code>POST /api/v1/global/verify</code>. Tokens belong to you, in{' '}
        <strong>{auth.workspace.name}</strong>.
      </p>

      {showForm && (
        <NewTokenForm
          onCreated={(token) => {
            setCreated(token);
            setFormOpen(false);
            setStatus(null);
            list.reload();
          }}
          onCancel={() => setFormOpen(false)}
        />
      )}
      {created !== null && <NewTokenPanel token={created} onDone={() => setCreated(null)} />}

      <section class="card" aria-labelledby="tokens-list-title">
        <div class="section-head">
          <h2 id="tokens-list-title">
            {all ? `All tokens of ${auth.company.name}` : 'Your tokens'}
          </h2>
          {manager && (
            <label class="checkbox">
              <input
                type="checkbox"
                checked={all}
                onChange={(event) => setAll(event.currentTarget.checked)}
              />
              Whole company
            </label>
          )}
        </div>
        <StatusNotice text={status} />
        <ErrorNotice error={list.error} />
        {tokens === undefined ? (
          list.loading && <p class="hint">Loading…</p>
        ) : tokens.length === 0 ? (
          <p class="empty">No live tokens{all ? ' in this company' : ' yet'}.</p>
        ) : (
          <DataTable
            columns={[
              'Name',
              'Token',
              'Created',
              'Last used',
              'Expires',
              ...(all ? ['Workspace', 'Created by'] : []),
              ACTIONS,
            ]}
          >
            {tokens.map((token) => (
              <tr key={token.id}>
                <th scope="row" data-label="Name">
                  {token.name ?? <span class="muted">unnamed</span>}
                </th>
                <td data-label="Token">
                  <code>…{token.hint}</code>
                </td>
                <td data-label="Created">
                  <time dateTime={token.created_at}>{formatTime(token.created_at)}</time>
                </td>
                <td data-label="Last used">
                  {token.last_used_at === null ? (
                    <span class="muted">never</span>
                  ) : (
                    <time dateTime={token.last_used_at} title={formatTime(token.last_used_at)}>
                      {fromNow(token.last_used_at)}
                    </time>
                  )}
                </td>
                <td data-label="Expires">
                  {token.expires_at === null ? (
                    <span class="muted">never</span>
                  ) : (
                    <time dateTime={token.expires_at}>{formatTime(token.expires_at)}</time>
                  )}
                </td>
                {all && <td data-label="Workspace">{token.workspace.name}</td>}
                {all && <td data-label="Created by">{token.created_by.email}</td>}
                <td class="row-actions">
                  <button
                    type="button"
                    class="button button-danger-quiet"
                    aria-label={`Revoke ${tokenLabel(token)}`}
                    onClick={() => {
                      revoke.clearError();
                      setRevoking(token);
                    }}
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      {revoking !== null && (
        <ConfirmDialog
          title={`Revoke ${tokenLabel(revoking)}?`}
          confirm="Revoke"
          busy={revoke.busy}
          error={revoke.error}
          onConfirm={() => void revoke.run(revoking)}
          onCancel={() => setRevoking(null)}
        >
          <p>
            Every service that sends this token is refused from the next request on. This can't be
            undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
