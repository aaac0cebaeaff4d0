// The API's own description: the OpenAPI document at /openapi.json, built by @fastify/swagger
// from the routes' schemas.
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { DOCUMENT_ONLY, PUBLIC, errors } from './schemas.js';

const INFO = {
  title: 'keyward',
  version: '0.1.0',
  description: [
    'Email-code sign-up and login, login tokens (JWT sessions) and API tokens.',
    '',
    'Credentials travel only in the `token` header (or its alias `api_access_token`); a token',
    'in the body or the query string is ignored. Every answer carries `x-request-id`.',
    '',
    'Every error body is `{"error": true, "message": CODE}`; each operation lists its codes by',
    'status. Besides those, a request for an unknown path is answered 404 `NOT_FOUND`, and one',
    'for a known path with a method it lacks 405 `METHOD_NOT_ALLOWED`, with `Allow` listing',
    "the path's methods.",
  ].join('\n'),
  license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
};

const TAGS = [
  { name: 'accounts', description: 'Sign-up, login, logout, and who a token belongs to' },
  { name: 'api tokens', description: 'Mint, verify, list and revoke API tokens' },
  { name: 'workspaces', description: 'Workspaces of your companies, and moving between them' },
  { name: 'members', description: 'Who belongs to your company, and their roles' },
  { name: 'audit', description: "Your company's audit log" },
  { name: 'operations', description: 'Health, readiness, metrics and this document' },
];

const tokenHeader = (name: string, description: string) =>
  ({ type: 'apiKey', in: 'header', name, description }) as const;

/** Collects the routes registered after it: call it before the first documented one. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: INFO,
      // Relative: the document is right wherever the service is reached.
      servers: [{ url: '/', description: 'This keyward instance' }],
      tags: TAGS,
      components: {
        securitySchemes: {
          token: tokenHeader('token', 'A login token (JWT) or an API token (64 hex)'),
          api_access_token: tokenHeader('api_access_token', 'Alias of the `token` header'),
        },
      },
    },
    // Shared schemas under their own $id, not `def-0`.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => idOf(json) ?? `def-${i}`,
    },
    transformObject: (document) =>
      'openapiObject' in document ? finishDocument(document.openapiObject) : document.swaggerObject,
  });
}

/** GET /openapi.json (the /docs page, which renders it, is routes/docs.routes.ts). */
export function registerOpenApiDocument(app: FastifyInstance): void {
  app.get(
    '/openapi.json',
    {
      schema: {
        tags: ['operations'],
        operationId: 'getOpenApiDocument',
        summary: 'This document',
        description: 'The OpenAPI 3.0 description of every operation, as served.',
        security: PUBLIC,
        response: {
          200: Type.Object(
            { openapi: Type.String() },
            { additionalProperties: true, description: 'An OpenAPI 3.0 document' },
          ),
          ...errors(),
        },
      },
    },
    () => app.swagger(),
  );
}

// ---- finishing touches on the generated document ----------------------------------------

interface Document {
  paths?: Record<string, Record<string, Operation>>;
}

interface Content {
  content?: Record<string, { schema?: JsonObject }>;
}

interface Operation {
  requestBody?: Content & { required?: boolean };
  responses?: Record<string, Content & { description?: string }>;
}

type JsonObject = Record<string, unknown>;

const idOf = (json: JsonObject): string | undefined =>
  typeof json.$id === 'string' ? json.$id : undefined;

/**
 * What @fastify/swagger can't know: keywords meant for the document only are put in place, and a
 * request body is required only when it has required fields, since an absent body counts as `{}`.
 * A response's description, taken from its schema, is not repeated in the schema.
 */
function finishDocument<T extends object>(openapi: T): T {
  applyDocumentOnly(openapi);
  const document = openapi as Document;
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      const body = operation.requestBody;
      if (body !== undefined) {
        body.required = schemasOf(body).some((schema) => {
          const required = schema.required;
          return Array.isArray(required) && required.length > 0;
        });
      }
      for (const response of Object.values(operation.responses ?? {})) {
        for (const schema of schemasOf(response)) {
          if (schema.description === response.description) delete schema.description;
        }
      }
    }
  }
  return openapi;
}

const schemasOf = (content: Content): JsonObject[] =>
  Object.values(content.content ?? {}).flatMap((media) => (media.schema ? [media.schema] : []));

function applyDocumentOnly(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) applyDocumentOnly(item);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as JsonObject;
  const extra = schema[DOCUMENT_ONLY] as { format?: string; required?: string[] } | undefined;
  if (extra !== undefined) {
    delete schema[DOCUMENT_ONLY];
    if (extra.format !== undefined) schema.format = extra.format;
    if (extra.required !== undefined) {
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      schema.required = [...new Set([...required, ...extra.required])];
    }
  }
  for (const value of Object.values(schema)) applyDocumentOnly(value);
}
