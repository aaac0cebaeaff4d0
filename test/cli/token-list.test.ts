// `keyward token list`, run as a process (dist/cli.js) against the store of a real app: every
// token carries its owner, scopes, metadata and rate limit, in JSON and in the text form.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli, storeEnvOf } from '../helpers/cli-process.js';
import { addMember, mint, signUpOwner } from '../helpers/people.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

void describe('keyward token list', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  async function tokenList(companyId: string, ...flags: string[]): Promise<string> {
    const listed = await runCli(['token', 'list', '--company', companyId, ...flags], {
      ...storeEnvOf(t),
      LOG_LEVEL: 'silent',
    });
    assert.equal(listed.code, 0, listed.stderr);
    return listed.stdout;
  }

  void it('shows owner, scopes, metadata and rate limit of each token', async () => {
    const owner = await signUpOwner(t, 'Cli Co');
    const admin = await addMember(t, owner, 'admin');
    const service = await mint(t, admin.token, {
      owner: 'workspace',
      name: 'billing',
      scopes: ['invoices:read', 'invoices:write'],
      metadata: { plan: 'pro' },
      rate_limit: '1000/1m',
    });
    const plain = await mint(t, owner.token, { name: 'plain' });
    const companyId = owner.auth.company.id as string;

    const rows = (await tokenList(companyId, '--json'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const pick = (id: unknown) => {
      const row = rows.find((r) => r.id === id);
      return [row?.owner, row?.created_by, row?.scopes, row?.metadata, row?.rate_limit];
    };
    assert.deepEqual(pick(service.id), [
      'workspace',
      admin.email,
      ['invoices:read', 'invoices:write'],
      { plan: 'pro' },
      '1000/1m',
    ]);
    assert.deepEqual(pick(plain.id), ['user', owner.email, null, null, null]);

    const lines = (await tokenList(companyId)).trim().split('\n');
    const serviceLine = lines.find((line) => line.startsWith(service.id as string));
    const plainLine = lines.find((line) => line.startsWith(plain.id as string));
    assert.ok(serviceLine?.includes(`workspace (by ${admin.email})`), serviceLine);
    assert.ok(serviceLine?.includes('scopes invoices:read,invoices:write'), serviceLine);
    assert.ok(serviceLine?.includes('limit 1000/1m'), serviceLine);
    assert.ok(serviceLine?.includes('metadata {"plan":"pro"}'), serviceLine);
    assert.ok(plainLine?.includes('scopes all'), plainLine);
    assert.ok(plainLine?.includes('limit -'), plainLine);
    assert.ok(plainLine?.includes('metadata -'), plainLine);
  });
});
