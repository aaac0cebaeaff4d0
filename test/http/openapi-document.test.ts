// The OpenAPI document at /openapi.json is one outside tools accept: named operations, error
// responses by status naming their codes, both token headers, public operations marked so,
// required fields as the server really requires them. (The linters run in `npm run check`.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ERROR_STATUS, type ErrorCode } from '../../src/errors.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { errorOf, post, type Json } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

/** Every operation, by its stable operationId. */
const OPERATIONS: Record<string, string> = {
  getHealth: 'GET /healthz',
  getReadiness: 'GET /readyz',
  getMetrics: 'GET /metrics',
  getOpenApiDocument: 'GET /openapi.json',
  signup: 'POST /api/signup',
  login: 'POST /api/login',
  logout: 'POST /api/logout',
  generateToken: 'POST /api/v1/global/generate-token',
  verifyToken: 'POST /api/v1/global/verify',
  getMe: 'GET /api/v1/global/me',
  deleteAccount: 'DELETE /api/v1/global/me',
  listTokens: 'GET /api/v1/global/tokens',
  revokeToken: 'DELETE /api/v1/global/tokens/{id}',
  updateToken: 'PATCH /api/v1/global/tokens/{id}',
  rotateToken: 'POST /api/v1/global/tokens/{id}/rotate',
  listWorkspaces: 'GET /api/v1/global/workspaces',
  createWorkspace: 'POST /api/v1/global/workspaces',
  switchWorkspace: 'POST /api/v1/global/switch-workspace',
  listMembers: 'GET /api/v1/global/members',
  inviteMember: 'POST /api/v1/global/members',
  updateMember: 'PATCH /api/v1/global/members/{user_id}',
  removeMember: 'DELETE /api/v1/global/members/{user_id}',
  getAuditLog: 'GET /api/v1/global/audit-log',
  streamEvents: 'GET /api/v1/global/events',
};

const PUBLIC = ['getHealth', 'getReadiness', 'getMetrics', 'getOpenApiDocument', 'signup', 'login'];

interface Operation extends Json {
  operationId: string;
  method: string;
  path: string;
}

void describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: Json;
  let operations: Operation[];
  before(async () => {
    t = await createTestApp();
    doc = (await t.app.inject({ method: 'GET', url: ROUTES.openapi })).json<Json>();
    operations = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(
      ([path, methods]) =>
        Object.entries(methods).map(
          ([method, op]) => ({ ...op, method: method.toUpperCase(), path }) as Operation,
        ),
    );
  });
  after(() => t.close());

  const byId = (id: string) => operations.find((op) => op.operationId === id)!;

  void it('names every operation with a stable camelCase operationId, a summary and a description', () => {
    assert.deepEqual(
      Object.fromEntries(operations.map((op) => [op.operationId, `${op.method} ${op.path}`])),
      OPERATIONS,
    );
    for (const op of operations) {
      assert.match(op.operationId, /^[a-z][a-zA-Z]+$/, op.operationId);
      assert.ok(op.summary?.length > 0, `${op.operationId} has a summary`);
      assert.ok(op.description?.length > 0, `${op.operationId} has a description`);
    }
  });

  void it('describes both token headers, marks public operations, and has a server', () => {
    assert.deepEqual(doc.components.securitySchemes.token, {
      type: 'apiKey',
      in: 'header',
      name: 'token',
      description: doc.components.securitySchemes.token.description,
    });
    assert.equal(doc.components.securitySchemes.api_access_token.type, 'apiKey');
    assert.equal(doc.components.securitySchemes.api_access_token.in, 'header');
    assert.equal(doc.components.securitySchemes.api_access_token.name, 'api_access_token');
    for (const op of operations) {
      const expected = PUBLIC.includes(op.operationId)
        ? []
        : [{ token: [] }, { api_access_token: [] }];
      assert.deepEqual(op.security, expected, op.operationId);
    }
    assert.ok(Array.isArray(doc.servers) && doc.servers.length > 0);
  });

  void it('names shared schemas by their $id, never def-N', () => {
    const names = Object.keys(doc.components.schemas ?? {});
    assert.deepEqual(
      names.filter((name) => /^def-\d+$/.test(name)),
      [],
    );
    assert.ok(!JSON.stringify(doc).includes('#/components/schemas/def-'));
  });

  void it('lists error responses by status, each with its codes as an enum and described', () => {
    for (const op of operations) {
      const errorStatuses = Object.keys(op.responses).filter((status) => Number(status) >= 400);
      assert.ok(errorStatuses.includes('500'), `${op.operationId} may fail with INTERNAL_ERROR`);
      for (const status of errorStatuses) {
        const response = op.responses[status];
        const schema = response.content['application/json'].schema;
        const codes = schema.properties.message.enum as ErrorCode[];
        assert.ok(codes.length > 0, `${op.operationId} ${status}`);
        for (const code of codes) {
          assert.equal(ERROR_STATUS[code], Number(status), `${op.operationId}: ${code}`);
          assert.ok(response.description.includes(`\`${code}\``), `${op.operationId}: ${code}`);
        }
        assert.deepEqual(schema.required, ['error', 'message']);
      }
    }
    // A few that must be there.
    const codes = (id: string, status: number): string[] =>
      byId(id).responses[status]?.content['application/json'].schema.properties.message.enum ?? [];
    assert.deepEqual(codes('verifyToken', 400), [
      'TOKEN_REQUIRED',
      'VALIDATION_FAILED',
      'INVALID_JSON',
    ]);
    assert.deepEqual(codes('getMe', 400), ['LOGIN_TOKEN_REQUIRED', 'VALIDATION_FAILED']);
    assert.deepEqual(codes('revokeToken', 404), ['TOKEN_NOT_FOUND']);
    assert.deepEqual(codes('login', 429), ['TOO_MANY_ATTEMPTS', 'TOO_MANY_REQUESTS']);
    assert.deepEqual(codes('getHealth', 503), []);
    assert.deepEqual(codes('getReadiness', 503), ['SERVICE_UNAVAILABLE']);
    // A 429 says when to come back.
    assert.ok(byId('generateToken').responses[429].headers['retry-after']);
  });

  void it('says `format: email` where an address is expected, and requires what the server requires', () => {
    const body = (id: string) => byId(id).requestBody;
    const schema = (id: string) => body(id).content['application/json'].schema;
    assert.equal(schema('signup').properties.username.format, 'email');
    assert.equal(schema('login').properties.username.format, 'email');
    assert.equal(schema('inviteMember').properties.email.format, 'email');
    assert.deepEqual(schema('login').required, ['username']);
    assert.deepEqual([...schema('signup').required].sort(), ['company_name', 'name', 'username']);
    assert.deepEqual(schema('inviteMember').required, ['email', 'role']);
    // No body is the same as `{}`: a body is required only where it has required fields.
    for (const id of ['signup', 'login', 'createWorkspace', 'switchWorkspace', 'inviteMember']) {
      assert.equal(body(id).required, true, id);
    }
    for (const id of ['logout', 'generateToken', 'updateMember']) {
      assert.equal(body(id).required, false, id);
    }
    assert.ok(!JSON.stringify(doc).includes('x-document-only'));
  });

  void it('documents `format: email` without checking it: the service still judges addresses', async () => {
    // Unicode addresses are accepted, as before.
    const unicode = await post(t, ROUTES.login, { username: 'jürgen@bücher.example' });
    assert.equal(unicode.status, 200);
    assert.deepEqual(errorOf(await post(t, ROUTES.login, { username: 'not-an-address' })), {
      status: 400,
      error: true,
      message: 'INVALID_USERNAME',
    });
    assert.deepEqual(errorOf(await post(t, ROUTES.login, {})), {
      status: 400,
      error: true,
      message: 'USERNAME_REQUIRED',
    });
  });
});
