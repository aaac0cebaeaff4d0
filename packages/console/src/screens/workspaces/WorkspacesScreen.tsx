import type { Workspace } from '@keyward/client';
import { useState } from 'preact/hooks';
import { client, keepToken } from '../../api.js';
import { ACTIONS, DataTable } from '../../components/DataTable.js';
import { ErrorNotice, StatusNotice } from '../../components/ErrorNotice.js';
import { submitWith } from '../../forms.js';
import { useAction, useLoad } from '../../hooks.js';
import { useSession } from '../../session.js';

export function WorkspacesScreen() {
  const session = useSession();
  const { auth } = session;
  const manager = auth.role !== 'member';
  const [name, setName] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const list = useLoad(() => client.listWorkspaces(), [auth.workspace.id]);
  const create = useAction(async () => {
    const answer = await client.createWorkspace(name.trim());
    setName('');
    setStatus(`${answer.workspace.name} is created in ${auth.company.name}.`);
    list.reload();
  });
  const switchTo = useAction(async (workspace: Workspace) => {
    const answer = await client.switchWorkspace(workspace.id);
    keepToken();
    session.started(answer.auth);
    setStatus(`You are now in ${answer.auth.workspace.name} (${answer.auth.company.name}).`);
  });

  return (
    <>
      <div class="screen-head">
        <h1>Workspaces</h1>
      </div>
      <p class="lead">
        Every workspace you can enter, in every company you belong to. API tokens and sessions
        belong to one workspace.
      </p>
      <section class="card" aria-labelledby="workspaces-title">
        <h2 id="workspaces-title">Your workspaces</h2>
        <StatusNotice text={status} />
        <ErrorNotice error={list.error ?? switchTo.error} />
        {list.data === undefined ? (
          list.loading && <p class="hint">Loading…</p>
        ) : (
          <DataTable columns={['Workspace', 'Company', 'Your role', ACTIONS]}>
            {list.data.workspaces.map((workspace) => (
              <tr key={workspace.id} class={workspace.current ? 'row-current' : undefined}>
                <th scope="row" data-label="Workspace">
                  {workspace.name}
                </th>
                <td data-label="Company">{workspace.company.name}</td>
                <td data-label="Your role">{workspace.role}</td>
                <td class="row-actions">
                  {workspace.current ? (
                    <span class="badge">Current</span>
                  ) : (
                    <button
                      type="button"
                      class="button"
                      aria-label={`Switch to ${workspace.name} (${workspace.company.name})`}
                      disabled={switchTo.busy}
                      onClick={() => void switchTo.run(workspace)}
                    >
                      Switch
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      {manager && (
        <section class="card" aria-labelledby="new-workspace-title">
          <h2 id="new-workspace-title">New workspace in {auth.company.name}</h2>
          <form class="form-row" onSubmit={submitWith(create.run)}>
            <div class="field">
              <label for="workspace-name">Workspace name</label>
              <input
                id="workspace-name"
                required
                maxLength={200}
                value={name}
                onInput={(event) => setName(event.currentTarget.value)}
              />
            </div>
            <div class="actions">
              <button type="submit" class="button button-primary" disabled={create.busy}>
                Create workspace
              </button>
            </div>
          </form>
          <ErrorNotice error={create.error} />
        </section>
      )}
    </>
  );
}
