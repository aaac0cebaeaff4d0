import type { Member, Role } from '@keyward/client';
import { useState } from 'preact/hooks';
import { client } from '../../api.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { ACTIONS, DataTable } from '../../components/DataTable.js';
import { ErrorNotice, StatusNotice } from '../../components/ErrorNotice.js';
import { formatTime } from '../../format.js';
import { useAction, useLoad } from '../../hooks.js';
import { useSession } from '../../session.js';
import { InviteForm } from './InviteForm.js';
import { ROLES } from './roles.js';

export function MembersScreen() {
  const { auth } = useSession();
  const manager = auth.role !== 'member';
  const [status, setStatus] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const list = useLoad(() => client.listMembers(), [auth.company.id]);
  const update = useAction(async (member: Member, changes: { role?: Role; disabled?: boolean }) => {
    const answer = await client.updateMember(member.user.id, changes);
    const who = answer.member.user.name;
    setStatus(
      changes.disabled === undefined
        ? `${who} is now ${answer.member.role === 'admin' ? 'an' : 'a'} ${answer.member.role}.`
        : changes.disabled
          ? `${who} is suspended: their sessions and tokens here stopped working.`
          : `${who} can work here again.`,
    );
    list.reload();
  }, 'member');
  const remove = useAction(async (member: Member) => {
    await client.removeMember(member.user.id);
    setRemoving(null);
    setStatus(`${member.user.name} is removed from ${auth.company.name}.`);
    list.reload();
  }, 'member');

  const members = list.data?.members;
  const invitations = list.data?.invitations ?? [];
  return (
    <>
      <div class="screen-head">
        <h1>Members</h1>
      </div>
      <p class="lead">
        People in <strong>{auth.company.name}</strong>. Removing or suspending someone stops their
        sessions and API tokens here at once.
      </p>
      {manager && (
        <InviteForm
          onInvited={(email) => {
            setStatus(`${email} is invited: they join when they next sign up or log in.`);
            list.reload();
          }}
        />
      )}
      <section class="card" aria-labelledby="members-title">
        <h2 id="members-title">Members</h2>
        <StatusNotice text={status} />
        <ErrorNotice error={list.error ?? update.error} />
        {members === undefined ? (
          list.loading && <p class="hint">Loading…</p>
        ) : (
          <DataTable
            columns={['Name', 'Email', 'Role', 'Status', 'Joined', ...(manager ? [ACTIONS] : [])]}
          >
            {members.map((member) => (
              <tr key={member.user.id}>
                <th scope="row" data-label="Name">
                  {member.user.name}
                  {member.user.id === auth.user.id && <span class="muted"> (you)</span>}
                </th>
                <td data-label="Email">{member.user.email}</td>
                <td data-label="Role">
                  {manager ? (
                    <select
                      aria-label={`Role of ${member.user.name}`}
                      value={member.role}
                      disabled={update.busy}
                      onChange={(event) =>
                        void update.run(member, { role: event.currentTarget.value as Role })
                      }
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {role}
                        </option>
                      ))}
                    </select>
                  ) : (
                    member.role
                  )}
                </td>
                <td data-label="Status">
                  {member.disabled ? <span class="badge badge-warn">suspended</span> : 'active'}
                </td>
                <td data-label="Joined">
                  <time dateTime={member.joined_at}>{formatTime(member.joined_at)}</time>
                </td>
                {manager && (
                  <td class="row-actions">
                    <button
                      type="button"
                      class="button"
                      aria-label={`${member.disabled ? 'Restore' : 'Suspend'} ${member.user.name}`}
                      disabled={update.busy}
                      onClick={() => void update.run(member, { disabled: !member.disabled })}
                    >
                      {member.disabled ? 'Restore' : 'Suspend'}
                    </button>
                    <button
                      type="button"
                      class="button button-danger-quiet"
                      aria-label={`Remove ${member.user.name}`}
                      onClick={() => {
                        remove.clearError();
                        setRemoving(member);
                      }}
                    >
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      <section class="card" aria-labelledby="invitations-title">
        <h2 id="invitations-title">Pending invitations</h2>
        {invitations.length === 0 ? (
          <p class="empty">No pending invitations.</p>
        ) : (
          <DataTable columns={['Email', 'Role', 'Invited']}>
            {invitations.map((invitation) => (
              <tr key={invitation.id}>
                <th scope="row" data-label="Email">
                  {invitation.email}
                </th>
                <td data-label="Role">{invitation.role}</td>
                <td data-label="Invited">
                  <time dateTime={invitation.invited_at}>{formatTime(invitation.invited_at)}</time>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      {removing !== null && (
        <ConfirmDialog
          title={`Remove ${removing.user.name}?`}
          confirm="Remove"
          busy={remove.busy}
          error={remove.error}
          onConfirm={() => void remove.run(removing)}
          onCancel={() => setRemoving(null)}
        >
          <p>
            {removing.user.email} leaves {auth.company.name}: their sessions and API tokens here
            stop working at once.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
