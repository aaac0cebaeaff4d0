// The /docs page costs an instance nothing until someone opens it: starting and serving the API
// neither loads Swagger UI nor reads a file of it; each file is read from disk when asked for, and
// again on the next request (nothing is kept). Its answers carry the page's own policy and are
// revalidated by the browser; nothing else of swagger-ui-dist is served.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TestApp } from '../helpers/test-app.js';

/** Every file whose path names Swagger UI that this process opens, from here on. */
const opened: string[] = [];
const isSwaggerUi = (file: unknown) => /swagger-ui/.test(String(file));
function watch(target: object, names: string[]): void {
  const functions = target as Record<string, (file: unknown, ...rest: unknown[]) => unknown>;
  for (const name of names) {
    const original = functions[name]!;
    functions[name] = function (this: unknown, file: unknown, ...rest: unknown[]) {
      if (isSwaggerUi(file)) opened.push(String(file));
      return original.call(this, file, ...rest);
    };
  }
}
watch(fs, ['open', 'openSync', 'readFile', 'readFileSync', 'createReadStream']);
watch(fs.promises, ['open', 'readFile']);
// ES modules that import these by name see the wrapped ones too.
syncBuiltinESMExports();

/** The modules of this process whose path names Swagger UI (@fastify/swagger-ui, swagger-ui-dist). */
const loadedModules = () => Object.keys(createRequire(import.meta.url).cache).filter(isSwaggerUi);

// Imported only now, so that everything the app loads or reads is seen.
const { createTestApp } = await import('../helpers/test-app.js');
const { DOCS_CSP, SWAGGER_UI_DIR, SWAGGER_UI_FILES } =
  await import('../../src/http/routes/docs.routes.js');

void describe('the /docs page, loaded only when asked for', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t?.close());

  void it('is neither loaded nor read while the app starts and serves the API', async () => {
    for (const url of ['/healthz', '/openapi.json', '/no/such/route']) {
      await t.app.inject({ method: 'GET', url });
    }
    assert.deepEqual(opened, []);
    assert.deepEqual(loadedModules(), []);
  });

  void it('reads each Swagger UI file from disk when asked for, every time, and loads none', async () => {
    // The page and its initializer are the app's own: they read nothing.
    const page = await t.app.inject({ method: 'GET', url: '/docs/' });
    assert.equal(page.statusCode, 200);
    await t.app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    assert.deepEqual(opened, []);

    const referenced = [...page.body.matchAll(/(?:src|href)="\.\/static\/([^"]+)"/g)]
      .map((m) => m[1]!)
      .filter((file) => file !== 'swagger-initializer.js');
    assert.deepEqual([...referenced].sort(), [...SWAGGER_UI_FILES].sort());
    for (const round of [1, 2]) {
      for (const file of referenced) {
        const seen: number = opened.length;
        const response = await t.app.inject({ method: 'GET', url: `/docs/static/${file}` });
        assert.equal(response.statusCode, 200, file);
        assert.equal(
          response.rawPayload.length,
          fs.statSync(path.join(SWAGGER_UI_DIR, file)).size,
          `${file} is sent whole`,
        );
        // A stream opens its file too: one path, seen once or twice.
        assert.deepEqual(
          [...new Set(opened.slice(seen))],
          [path.join(SWAGGER_UI_DIR, file)],
          `round ${round}`,
        );
      }
    }
    assert.deepEqual(loadedModules(), []);
  });
});

void describe('the /docs answers', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t?.close());

  void it('/docs and /docs/: the same page under its own policy, nothing inline', async () => {
    assert.equal(
      DOCS_CSP,
      "default-src 'self'; script-src 'self'; script-src-attr 'none'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    for (const [url, prefix] of [
      ['/docs', '/docs/static/'],
      ['/docs/', './static/'],
      ['/docs/?x=1', './static/'],
    ] as const) {
      const response = await t.app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 200, url);
      assert.match(String(response.headers['content-type']), /^text\/html; charset=utf-8/);
      assert.equal(response.headers['content-security-policy'], DOCS_CSP, url);
      assert.equal(response.headers['cache-control'], 'no-cache', url);
      assert.equal(response.headers['x-content-type-options'], 'nosniff', url);
      const html = response.body;
      assert.match(html, /<title>keyward API<\/title>/);
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
      assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/, 'no inline style or handler');
      const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      assert.equal(references.length, 6, url);
      for (const reference of references) assert.ok(reference.startsWith(prefix), reference);
    }
  });

  void it('the initializer draws the page without the top bar, from /openapi.json', async () => {
    const url = '/docs/static/swagger-initializer.js';
    const response = await t.app.inject({ method: 'GET', url });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/javascript/);
    assert.equal(response.headers['cache-control'], 'no-cache');
    const script = response.body;
    assert.match(script, /layout: 'BaseLayout'/);
    const relative = /new URL\('([^']+)', document\.currentScript\.src\)/.exec(script)?.[1];
    assert.equal(new URL(relative!, `http://keyward.test${url}`).pathname, '/openapi.json');
    assert.equal((await t.app.inject({ method: 'GET', url: '/openapi.json' })).statusCode, 200);
  });

  void it("Swagger UI's files: the page's policy, revalidated (ETag, Last-Modified, 304)", async () => {
    const types: Record<string, RegExp> = {
      '.js': /^application\/javascript; charset=utf-8$/,
      '.css': /^text\/css; charset=utf-8$/,
      '.png': /^image\/png$/,
    };
    for (const file of SWAGGER_UI_FILES) {
      const url = `/docs/static/${file}`;
      const response = await t.app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 200, url);
      assert.match(String(response.headers['content-type']), types[path.extname(file)]!, url);
      assert.equal(response.headers['content-security-policy'], DOCS_CSP, url);
      assert.equal(response.headers['cache-control'], 'no-cache', url);
      assert.equal(response.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(response.headers['cross-origin-resource-policy'], 'same-origin', url);
      const etag = String(response.headers.etag);
      assert.ok(response.headers['last-modified'], url);
      const again = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
      assert.equal(again.statusCode, 304, url);
      assert.equal(again.rawPayload.length, 0, url);
      const head = await t.app.inject({ method: 'HEAD', url });
      assert.equal(head.statusCode, 200, url);
    }
  });

  void it('serves nothing else of swagger-ui-dist, nor anything beside it', async () => {
    for (const url of [
      '/docs/static/index.html',
      '/docs/static/package.json',
      '/docs/static/README.md',
      '/docs/static/swagger-ui.js',
      '/docs/static/swagger-ui-standalone-preset.js',
      '/docs/static/swagger-ui-bundle.js.map',
      '/docs/static/oauth2-redirect.html',
      '/docs/static/',
      '/docs/static/../../package.json',
      '/docs/static/%2e%2e/%2e%2e/package.json',
      '/docs/static/..%2f..%2fpackage.json',
      '/docs/json',
      '/docs/yaml',
    ]) {
      const response = await t.app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 404, url);
      assert.equal(response.json<{ message: string }>().message, 'NOT_FOUND', url);
      // An error keeps the API's headers.
      assert.match(String(response.headers['content-security-policy']), /default-src 'none'/, url);
      assert.equal(response.headers['cache-control'], 'no-store', url);
    }
  });
});
