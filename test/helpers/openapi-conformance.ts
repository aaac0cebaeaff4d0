// Holds the OpenAPI document to what the server really answers: every response a test receives
// through `app.inject` must have a status its operation documents, and a body that validates
// against that status's schema (so an error's `message` is one of the codes listed for it).
// createTestApp attaches one to every test app, and its close() fails on any violation.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

interface Media {
  schema?: object;
}
interface Response {
  content?: Record<string, Media>;
  headers?: Record<string, unknown>;
}
interface Operation {
  operationId?: string;
  responses?: Record<string, Response>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}

/** What the checker needs of a request and of its answer. */
export interface Exchange {
  method: string;
  url: string;
  headers?: Record<string, unknown>;
}
export interface Answer {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

/**
 * Paths served but not part of the API: the reference page's files, the console's, and `/`
 * (which redirects to the console). Not documented.
 */
const UNDOCUMENTED = /^\/+(?:$|(?:docs|console)(?:\/|$))/;

/** The path the router matches: it resolves dot segments (`/.` is `/`, `/./a` is `/a`). */
function routedPath(url: string): string {
  const pathname = url.split('?')[0]!;
  try {
    return new URL(`http://keyward${pathname}`).pathname;
  } catch {
    return pathname;
  }
}

const ERROR_BODY = {
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { const: true }, message: { type: 'string' } },
};

export class OpenApiConformance {
  readonly violations: string[] = [];
  /** Answers checked so far. */
  checked = 0;
  private document: Document | undefined;
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private templates: { path: string; pattern: RegExp }[] = [];

  constructor(private readonly app: FastifyInstance) {
    addFormats.default(this.ajv);
  }

  /** Checks every answer `app.inject` gives from now on. */
  static attach(app: FastifyInstance): OpenApiConformance {
    const checker = new OpenApiConformance(app);
    const inject = app.inject.bind(app);
    app.inject = ((options?: InjectOptions | string) => {
      if (options === undefined) return inject();
      return inject(options).then((response) => {
        checker.check(exchangeOf(options), response);
        return response;
      });
    }) as typeof app.inject;
    return checker;
  }

  /** Records what is wrong with one answer, if anything; returns the new violations. */
  check(request: Exchange, answer: Answer | LightMyRequestResponse): string[] {
    this.checked++;
    const found = this.problems(request, answer);
    const label = `${request.method} ${request.url.slice(0, 120)} → ${answer.statusCode} ${answer.body.slice(0, 300)}`;
    const violations = found.map((problem) => `${label}\n    ${problem}`);
    this.violations.push(...violations);
    return violations;
  }

  /** Throws with every violation seen, if any. */
  assertClean(): void {
    if (this.violations.length === 0) return;
    throw new Error(
      `${this.violations.length} answer(s) do not match the OpenAPI document:\n` +
        this.violations.slice(0, 20).join('\n'),
    );
  }

  private problems(request: Exchange, answer: Answer): string[] {
    const method = request.method.toUpperCase();
    const pathname = routedPath(request.url);
    // With CORS on, the CORS plugin answers OPTIONS (preflights) for any path, with no body.
    if (method === 'OPTIONS' && answer.statusCode === 204 && answer.body === '') return [];
    const path = this.pathOf(pathname);
    if (path === undefined) {
      if (UNDOCUMENTED.test(pathname)) return [];
      return answer.statusCode === 400 || answer.statusCode === 404
        ? this.errorBodyProblems(
            answer,
            answer.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED',
            method,
          )
        : [`not a documented path, and not 404 NOT_FOUND`];
    }
    const operations = this.doc().paths[path]!;
    const key = method === 'HEAD' ? 'get' : method.toLowerCase();
    const operation = operations[key];
    if (operation === undefined) {
      if (answer.statusCode !== 405)
        return [`${method} is not documented for ${path}: expected 405`];
      const problems = this.errorBodyProblems(answer, 'METHOD_NOT_ALLOWED', method);
      const allow = headerOf(answer, 'allow').split(/,\s*/);
      for (const documented of Object.keys(operations).map((m) => m.toUpperCase())) {
        if (!allow.includes(documented))
          problems.push(`Allow "${allow.join(', ')}" lacks ${documented}`);
      }
      return problems;
    }
    const name = `${operation.operationId ?? key} (${key.toUpperCase()} ${path})`;
    const status = String(answer.statusCode);
    const responses = operation.responses ?? {};
    const documented =
      status in responses ? status : `${status[0]}XX` in responses ? `${status[0]}XX` : 'default';
    const response = responses[documented];
    if (response === undefined) {
      return [
        `${name} does not document status ${status} (documented: ${Object.keys(responses).join(', ')})`,
      ];
    }
    const missing = Object.keys(response.headers ?? {}).filter((h) => !(h in answer.headers));
    if (missing.length > 0) return [`${name} ${status} lacks the header(s) ${missing.join(', ')}`];
    if (method === 'HEAD' || response.content === undefined) return [];
    const contentType = headerOf(answer, 'content-type').split(';')[0]!.trim();
    const media = response.content[contentType];
    if (media === undefined) {
      return [
        `${name} ${status} is documented as ${Object.keys(response.content).join(', ')}, not "${contentType}"`,
      ];
    }
    if (media.schema === undefined || contentType !== 'application/json') return [];
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return [`${name} ${status}: the body is not JSON`];
    }
    const pointer = ['paths', path, key, 'responses', documented, 'content', contentType, 'schema'];
    const validate = this.validator(pointer);
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) =>
        `${name} ${status}: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
    );
  }

  /** Problems of an answer that is not any operation's: the usual error body with `code`. */
  private errorBodyProblems(answer: Answer, code: string, method: string): string[] {
    if (method === 'HEAD') return [];
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return [`expected ${code}, got a body that is not JSON`];
    }
    const validate = this.validator(['error-body']);
    const problems = validate(body)
      ? []
      : [`not an error body: ${this.ajv.errorsText(validate.errors)}`];
    if ((body as { message?: unknown }).message !== code) problems.push(`expected ${code}`);
    return problems;
  }

  private doc(): Document {
    if (this.document === undefined) {
      // The document as served (structuredClone: ajv must not share the app's cached object).
      const document = structuredClone(this.app.swagger()) as unknown as Document;
      this.ajv.addSchema(document, 'openapi');
      this.ajv.addSchema(ERROR_BODY, 'error-body');
      this.templates = Object.keys(document.paths).map((path) => ({
        path,
        pattern: new RegExp(
          `^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`,
        ),
      }));
      this.document = document;
    }
    return this.document;
  }

  private pathOf(pathname: string): string | undefined {
    this.doc();
    return this.templates.find((t) => t.pattern.test(pathname))?.path;
  }

  private validator(pointer: string[]): ValidateFunction {
    const ref =
      pointer[0] === 'error-body'
        ? 'error-body'
        : `openapi#/${pointer.map((part) => encodeURIComponent(part.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')}`;
    let validate = this.validators.get(ref);
    if (validate === undefined) {
      validate = this.ajv.getSchema(ref);
      if (validate === undefined) throw new Error(`no schema at ${ref}`);
      this.validators.set(ref, validate);
    }
    return validate;
  }
}

function headerOf(answer: Answer, name: string): string {
  const value = answer.headers[name];
  return Array.isArray(value) ? value.join(', ') : String(value ?? '');
}

function exchangeOf(options: InjectOptions | string): Exchange {
  if (typeof options === 'string') return { method: 'GET', url: options };
  const url = options.url ?? options.path ?? '/';
  return {
    method: options.method ?? 'GET',
    url: typeof url === 'string' ? url : `${url.pathname ?? '/'}`,
    headers: options.headers,
  };
}
