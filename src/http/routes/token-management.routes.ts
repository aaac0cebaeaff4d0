import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ApiTokenListing } from '../../api-tokens/api-tokens.repository.js';
import {
  DEFAULT_GRACE_S,
  MAX_GRACE_S,
  type ApiTokensService,
} from '../../api-tokens/api-tokens.service.js';
import { readCapabilities } from '../../api-tokens/capabilities.js';
import { toIso } from '../../lib/clock.js';
import { principalOf, type Authenticator } from '../authenticator.js';
import { contextOf } from '../credentials.js';
import {
  BODY_ERRORS,
  IgnoredCredentials,
  LOGIN_ERRORS,
  Named,
  Nullable,
  errors,
  message,
  security,
} from '../schemas.js';
import { Capabilities, Metadata, Scopes, TokenOwner, isoOrNull } from './token-schemas.js';

interface Deps {
  apiTokens: ApiTokensService;
  authenticator: Authenticator;
}

/** A token as listings show it: never the token or its hash. */
const TokenRow = Type.Object({
  id: Type.String(),
  name: Nullable(Type.String()),
  hint: Type.String({ description: "The token's last 4 characters" }),
  owner: TokenOwner,
  created_at: Type.String({ format: 'date-time' }),
  last_used_at: Nullable(Type.String({ format: 'date-time' })),
  expires_at: Nullable(Type.String({ format: 'date-time' })),
  workspace: Named,
  created_by: Nullable(
    Type.Object(
      { id: Type.String(), email: Type.String() },
      { description: 'Null once that account is deleted' },
    ),
  ),
  scopes: Nullable(Scopes),
  metadata: Nullable(Metadata),
  rate_limit: Nullable(Type.String({ description: 'COUNT/DURATION, e.g. 1000/1m' })),
});

function rowOf(row: ApiTokenListing) {
  const { scopes, metadata } = readCapabilities(row);
  return {
    id: row.id,
    name: row.name,
    hint: row.hint,
    owner: row.owner,
    created_at: toIso(row.created_at),
    last_used_at: isoOrNull(row.last_used_at),
    expires_at: isoOrNull(row.expires_at),
    workspace: { id: row.workspace_id, name: row.workspace_name },
    created_by:
      row.created_by === null || row.created_by_email === null
        ? null
        : { id: row.created_by, email: row.created_by_email },
    scopes,
    metadata,
    rate_limit: row.rate_limit,
  };
}

const TokenId = Type.Object({ id: Type.String({ maxLength: 64 }) });

export const tokenManagementRoutes: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.get(
    '/api/v1/global/tokens',
    {
      preValidation: deps.authenticator.requireLogin,
      schema: {
        tags: ['api tokens'],
        operationId: 'listTokens',
        summary:
          'Your API tokens in this workspace (and its own, for owners/admins); `all=true` (owners/admins): the whole company',
        description:
          'Tokens not revoked (expired ones included, with their `expires_at`), newest first. No ' +
          'token or hash is ever listed: `hint` is its last 4 characters. `last_used_at` is at ' +
          'most a minute behind.',
        security,
        querystring: Type.Object(
          { all: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            { message: message('OK'), tokens: Type.Array(TokenRow) },
            { description: 'Your API tokens (no token or hash, ever)' },
          ),
          ...errors(LOGIN_ERRORS, 'VALIDATION_FAILED', 'FORBIDDEN'),
        },
      },
    },
    async (request) => {
      const rows = await deps.apiTokens.list(principalOf(request), request.query.all === 'true');
      return { message: 'OK' as const, tokens: rows.map(rowOf) };
    },
  );

  app.patch(
    '/api/v1/global/tokens/:id',
    {
      preValidation: deps.authenticator.requireLogin,
      schema: {
        tags: ['api tokens'],
        operationId: 'updateToken',
        summary: 'Rename a token, or change its scopes, metadata or rate limit',
        description:
          'Only the fields sent change; `null` clears scopes (unrestricted), metadata or the ' +
          'rate limit. Every instance answers verify with the new values within a second. Who ' +
          'may: as for revoking.',
        security,
        params: TokenId,
        body: Type.Object(
          {
            ...IgnoredCredentials,
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            ...Capabilities,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            { message: message('API token updated'), token: TokenRow },
            { description: 'The token as it is now' },
          ),
          ...errors(BODY_ERRORS, LOGIN_ERRORS, 'TOKEN_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      const { name, scopes, metadata, rate_limit } = request.body;
      const row = await deps.apiTokens.update(
        principalOf(request),
        request.params.id,
        { name, scopes, metadata, rate_limit },
        contextOf(request),
      );
      return { message: 'API token updated' as const, token: rowOf(row) };
    },
  );

  app.post(
    '/api/v1/global/tokens/:id/rotate',
    {
      preValidation: deps.authenticator.requireLogin,
      schema: {
        tags: ['api tokens'],
        operationId: 'rotateToken',
        summary: 'Replace a token with a new one, the old one working for a grace period',
        description:
          'The new token (shown here only) carries the same name, scopes, metadata, rate limit, ' +
          'owner, workspace and expiry. The old one keeps working for `grace_seconds` more ' +
          '(default 3600; never longer than it would have anyway), then is refused like any ' +
          'expired token; 0 revokes it at once. A revoked or expired token is `TOKEN_NOT_FOUND`.',
        security,
        params: TokenId,
        body: Type.Optional(
          Type.Object(
            {
              ...IgnoredCredentials,
              grace_seconds: Type.Optional(
                Type.Integer({ minimum: 0, maximum: MAX_GRACE_S, default: DEFAULT_GRACE_S }),
              ),
            },
            { additionalProperties: false },
          ),
        ),
        response: {
          200: Type.Object(
            {
              message: message('API token rotated'),
              token: Type.String({ pattern: '^[0-9a-f]{64}$' }),
              id: Type.String(),
              name: Nullable(Type.String()),
              expires_at: Nullable(Type.String({ format: 'date-time' })),
              previous: Type.Object({
                id: Type.String(),
                expires_at: Type.String({
                  format: 'date-time',
                  description: 'When the old token stops working',
                }),
              }),
            },
            { description: 'The new API token (shown here only) and when the old one ends' },
          ),
          ...errors(BODY_ERRORS, LOGIN_ERRORS, 'TOKEN_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      const rotated = await deps.apiTokens.rotate(
        principalOf(request),
        request.params.id,
        request.body?.grace_seconds ?? DEFAULT_GRACE_S,
        contextOf(request),
      );
      return {
        message: 'API token rotated' as const,
        token: rotated.token,
        id: rotated.id,
        name: rotated.name,
        expires_at: isoOrNull(rotated.expires_at),
        previous: { id: rotated.previous.id, expires_at: toIso(rotated.previous.expires_at) },
      };
    },
  );

  app.delete(
    '/api/v1/global/tokens/:id',
    {
      preValidation: deps.authenticator.requireLogin,
      schema: {
        tags: ['api tokens'],
        operationId: 'revokeToken',
        summary: 'Revoke an API token: yours, or any of the company for owners/admins',
        description:
          'The token is refused at once by this instance and within a second by every other. ' +
          "Another person's token, a workspace's own token, or another company's, is " +
          '`TOKEN_NOT_FOUND` unless you are an owner or admin of its company.',
        security,
        params: TokenId,
        response: {
          200: Type.Object(
            { message: message('API token revoked') },
            { description: 'The token is revoked' },
          ),
          ...errors(BODY_ERRORS, LOGIN_ERRORS, 'TOKEN_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      await deps.apiTokens.revoke(principalOf(request), request.params.id, contextOf(request));
      return { message: 'API token revoked' as const };
    },
  );
};
