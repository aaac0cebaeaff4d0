import type { ApiToken, GeneratedToken } from '@keyward/client';
import { useState } from 'preact/hooks';
import { client } from '../../api.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { ACTIONS, DataTable } from '../../components/DataTable.js';
import { ErrorNotice, StatusNotice } from '../../components/ErrorNotice.js';
import { formatTime, fromNow } from '../../format.js';
import { useAction, useLoad } from '../../hooks.js';
import { useSession } from '../../session.js';
import { EditTokenDialog } from './EditTokenDialog.js';
import { NewTokenForm } from './NewTokenForm.js';
import { NewTokenPanel } from './NewTokenPanel.js';
import { RotateTokenDialog } from './RotateTokenDialog.js';
import { rowLabel, tokenLabel } from './label.js';
import './tokens.css';

/** The one dialog open over the list, if any, and the token it is about. */
type Open = { kind: 'edit' | 'rotate' | 'revoke'; token: ApiToken } | null;

export function TokensScreen() {
  const { auth } = useSession();
  const manager = auth.role !== 'member';
  const [all, setAll] = useState(false);
  const [formOpen, setFormOpen] = useState(false);
  const [created, setCreated] = useState<GeneratedToken | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const [status, setStatus] = useState<string | null>(null);
  const list = useLoad(() => client.listTokens({ all }), [all, auth.workspace.id]);
  const revoke = useAction(async (token: ApiToken) => {
    await client.revokeToken(token.id);
    setOpen(null);
    setStatus(`${tokenLabel(token)} is revoked: it is refused from now on.`);
    list.reload();
  });

  const tokens = list.data?.tokens;
  // A first visit has nothing to list: the form is the next step, so it is open already.
  const showForm = formOpen || (tokens?.length === 0 && created === null && !all);
  /** Who a token belongs to, as the list says it. */
  const ownerOf = (token: ApiToken): string =>
    token.owner === 'workspace'
      ? 'the workspace'
      : token.created_by === null || token.created_by.id === auth.user.id
        ? 'you'
        : token.created_by.email;

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
        <code>POST /api/v1/global/verify</code>. Tokens belong to you
        {manager ? ', or to the workspace ' : ', in '}
        <strong>{auth.workspace.name}</strong>.
      </p>

      {showForm && (
        <NewTokenForm
          workspaceName={auth.workspace.name}
          canMakeWorkspaceTokens={manager}
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
            {all ? `All tokens of ${auth.company.name}` : `Tokens in ${auth.workspace.name}`}
          </h2>
          {manager && (
            <label class="checkbox">
              <input
                type="checkbox"
                checked={all}
                onChange={(event) => setAll(event.currentTarget.checked)}
              />
              All of the company
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
              'Scopes',
              'Rate limit',
              'Owner',
              'Last used',
              'Expires',
              ...(all ? ['Workspace'] : []),
              ACTIONS,
            ]}
          >
            {tokens.map((token) => (
              <tr key={token.id}>
                <th scope="row" data-label="Name">
                  {token.name ?? <span class="muted">unnamed</span>}{' '}
                  <code class="token-hint">…{token.hint}</code>
                </th>
                <td data-label="Scopes">
                  {token.scopes === null ? (
                    <span class="muted">all</span>
                  ) : (
                    <span class="scopes">
                      {token.scopes.map((scope) => (
                        <code key={scope} class="scope">
                          {scope}
                        </code>
                      ))}
                    </span>
                  )}
                </td>
                <td data-label="Rate limit">
                  {token.rate_limit === null ? (
                    <span class="muted">none</span>
                  ) : (
                    <code>{token.rate_limit}</code>
                  )}
                </td>
                <td data-label="Owner">{ownerOf(token)}</td>
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
                <td class="row-actions">
                  <button
                    type="button"
                    class="button button-quiet"
                    aria-label={`Edit ${rowLabel(token)}`}
                    onClick={() => setOpen({ kind: 'edit', token })}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    class="button button-quiet"
                    aria-label={`Rotate ${rowLabel(token)}`}
                    onClick={() => setOpen({ kind: 'rotate', token })}
                  >
                    Rotate
                  </button>
                  <button
                    type="button"
                    class="button button-danger-quiet"
                    aria-label={`Revoke ${rowLabel(token)}`}
                    onClick={() => {
                      revoke.clearError();
                      setOpen({ kind: 'revoke', token });
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

      {open?.kind === 'edit' && (
        <EditTokenDialog
          token={open.token}
          onSaved={(label) => {
            setOpen(null);
            setStatus(`${label} is updated: services see the change at once.`);
            list.reload();
          }}
          onCancel={() => setOpen(null)}
        />
      )}
      {open?.kind === 'rotate' && (
        <RotateTokenDialog
          token={open.token}
          onRotated={() => {
            setStatus(null);
            list.reload();
          }}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'revoke' && (
        <ConfirmDialog
          title={`Revoke ${tokenLabel(open.token)}?`}
          confirm="Revoke"
          busy={revoke.busy}
          error={revoke.error}
          onConfirm={() => void revoke.run(open.token)}
          onCancel={() => setOpen(null)}
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
