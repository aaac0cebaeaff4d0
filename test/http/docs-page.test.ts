// The /docs page (Swagger UI) in a real browser: it renders the document's operations, and its
// own Content-Security-Policy refuses nothing it needs (no console error, no page error).
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserMissing, launchBrowser } from '../helpers/browser.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { ROUTES } from '../helpers/routes.js';

const skip = browserMissing();

void describe('the /docs page in Chromium', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  before(async () => {
    t = await createTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  void it('renders every operation with no CSP violation or script error', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        problems.push(`console ${message.type()}: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(`${base}/docs/`, { waitUntil: 'networkidle' });
    // Swagger UI has fetched the document and drawn one block per operation.
    await page.locator('.opblock').first().waitFor();
    const operations = await page.locator('.opblock').count();
    const documented = Object.values(
      (await t.app.inject({ method: 'GET', url: ROUTES.openapi })).json<{
        paths: Record<string, object>;
      }>().paths,
    ).reduce((n, methods) => n + Object.keys(methods).length, 0);
    assert.equal(operations, documented);
    // Open one operation, so the styles it sets on expand are applied too.
    await page.locator('.opblock-summary').first().click();
    await page.locator('.opblock-body').first().waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });
});
