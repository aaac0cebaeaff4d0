// keyward serves the built console at /console/ under its own policy, and the rest of the API
// keeps its own headers. Needs the console built (`npm test` builds it first).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { CONSOLE_CSP, CONSOLE_DIR } from '../../src/http/routes/console.routes.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** What the console may ship, gzipped, all JavaScript files together. */
const JS_BUDGET_BYTES = 80 * 1024;

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('the console as keyward serves it', () => {
  let t: TestApp;
  before(async () => {
    assert.ok(
      fs.existsSync(path.join(CONSOLE_DIR, 'index.html')),
      'the console is not built: npm run build -w @keyward/console',
    );
    t = await createTestApp();
  });
  after(() => t.close());

  it('/ redirects to /console/ with a 302', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/' });
    assert.equal(response.statusCode, 302);
    assert.equal(response.headers.location, '/console/');
    assert.match(String(response.headers['content-security-policy']), /default-src 'none'/);
  });

  it('index.html: its own CSP, no-cache, nothing inline and nothing from elsewhere', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/console/' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.equal(response.headers['content-security-policy'], CONSOLE_CSP);
    assert.equal(
      CONSOLE_CSP,
      "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    assert.equal(response.headers['cache-control'], 'no-cache');
    const html = response.body;
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
    assert.doesNotMatch(html, /<style/, 'no inline style block');
    assert.doesNotMatch(html, /\sstyle=/, 'no style attribute');
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(references.length >= 2, 'a script and a stylesheet');
    for (const reference of references) assert.match(reference, /^\/console\//, reference);
  });

  it('hashed assets are cached for a year, immutable; the other files are revalidated', async () => {
    const page = (await t.app.inject({ method: 'GET', url: '/console/' })).body;
    const assets = [...page.matchAll(/"(\/console\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    assert.ok(assets.some((a) => a.endsWith('.js')) && assets.some((a) => a.endsWith('.css')));
    for (const asset of assets) {
      const response = await t.app.inject({ method: 'GET', url: asset });
      assert.equal(response.statusCode, 200, asset);
      assert.equal(response.headers['cache-control'], IMMUTABLE, asset);
      assert.equal(response.headers['content-security-policy'], CONSOLE_CSP, asset);
    }
    const icon = await t.app.inject({ method: 'GET', url: '/console/favicon.svg' });
    assert.equal(icon.statusCode, 200);
    assert.equal(icon.headers['cache-control'], 'no-cache');
  });

  it('sends the script compressed (brotli or gzip, as accepted), headers unchanged', async () => {
    const page = (await t.app.inject({ method: 'GET', url: '/console/' })).body;
    const script = /"(\/console\/assets\/[^"]+\.js)"/.exec(page)![1]!;
    const plain = await t.app.inject({ method: 'GET', url: script });
    assert.equal(plain.headers['content-encoding'], undefined);
    for (const [accepted, encoding, decode] of [
      ['br, gzip', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
    ] as const) {
      const response = await t.app.inject({
        method: 'GET',
        url: script,
        headers: { 'accept-encoding': accepted },
      });
      assert.equal(response.statusCode, 200, accepted);
      assert.equal(response.headers['content-encoding'], encoding, accepted);
      assert.match(String(response.headers.vary), /accept-encoding/i);
      assert.ok(response.rawPayload.length < plain.rawPayload.length / 2, accepted);
      assert.deepEqual(decode(response.rawPayload), plain.rawPayload, accepted);
      assert.equal(response.headers['cache-control'], IMMUTABLE);
      assert.equal(response.headers['content-security-policy'], CONSOLE_CSP);
    }
  });

  it('an unknown file under /console/ is a 404 NOT_FOUND, as anywhere else', async () => {
    for (const url of [
      '/console/nope.js',
      '/console/assets/nope-123.js',
      '/console/../package.json',
    ]) {
      const response = await t.app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 404, url);
      assert.equal(response.json().message, 'NOT_FOUND', url);
    }
  });

  it('the API keeps its own headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/global/me' });
    assert.equal(response.statusCode, 400);
    assert.match(String(response.headers['content-security-policy']), /default-src 'none'/);
    assert.equal(response.headers['cache-control'], 'no-store');
  });

  it(`ships at most ${JS_BUDGET_BYTES / 1024} KB of JavaScript, gzipped`, () => {
    const assets = path.join(CONSOLE_DIR, 'assets');
    const files = fs.readdirSync(assets).filter((f) => f.endsWith('.js'));
    assert.ok(files.length > 0);
    let gzipped = 0;
    let raw = 0;
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(assets, file));
      raw += bytes.length;
      gzipped += gzipSync(bytes, { level: 9 }).length;
    }
    console.log(
      `console JavaScript: ${files.length} file(s), ${(raw / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${JS_BUDGET_BYTES / 1024} KB)`,
    );
    assert.ok(gzipped <= JS_BUDGET_BYTES, `${gzipped} bytes gzipped`);
  });
});

describe('without a built console', () => {
  let t: TestApp;
  let empty: string;
  before(async () => {
    empty = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-no-console-'));
    t = await createTestApp({}, { consoleDir: empty });
  });
  after(async () => {
    await t.close();
    fs.rmSync(empty, { recursive: true, force: true });
  });

  it('/console/ answers 404 NOT_FOUND and the API works', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/console/' });
    assert.equal(response.statusCode, 404);
    assert.deepEqual(
      { error: response.json().error, message: response.json().message },
      { error: true, message: 'NOT_FOUND' },
    );
    assert.equal((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
    assert.ok(t.logs.some((line) => line.includes('console not built')));
  });
});
