/// <reference lib="dom" />
// Pages of the console in headless Chromium, as a person would use them: axe-core injected from
// node_modules (never a CDN), CSP violations and page errors collected, screenshots on request.
// (The DOM types: callbacks given to page.evaluate run in the page.)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SmtpSink } from '../helpers/smtp-sink.js';
import { projectRoot } from '../helpers/project-root.js';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

/**
 * Screenshots land in docs/screenshots when UPDATE_SCREENSHOTS=1 (`npm run screenshots`), else
 * in a temp folder: a plain `npm test` takes them too, without rewriting committed files.
 */
export const SCREENSHOT_DIR =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? path.join(projectRoot, 'docs', 'screenshots')
    : fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-screenshots-'));

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  /** CSP violations and uncaught errors seen so far. */
  problems: string[];
}

export async function openContext(
  browser: Browser,
  base: string,
  options: { width?: number; height?: number; colorScheme?: 'light' | 'dark'; axe?: boolean } = {},
): Promise<ConsolePage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.colorScheme ?? 'light',
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  // An init script comes in through the browser's debugging protocol: the page's CSP, which
  // forbids inline scripts, does not apply to it.
  if (options.axe !== false) await context.addInitScript({ path: AXE });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text())) {
      problems.push(`CSP: ${message.text()}`);
    }
  });
  return { context, page, problems };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core on the page; fails on any serious or critical violation. */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<any> } }).axe;
    const result = await axe.run(document);
    return (result.violations as any[]).map((v) => ({
      id: v.id as string,
      impact: v.impact as string | null,
      help: v.help as string,
      targets: (v.nodes as any[]).map((n) => String(n.target)),
    }));
  });
  const blocking = violations.filter(
    (v: AxeViolation) => v.impact === 'serious' || v.impact === 'critical',
  );
  assert.deepEqual(blocking, [], `${label}: serious or critical axe violations`);
  axeReport.push(
    `${label}: ${violations.length} violation(s), ${blocking.length} serious/critical`,
  );
}

/** One line per screen checked, printed at the end. */
export const axeReport: string[] = [];

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
  return file;
}

export const loginTokenOf = (page: Page): Promise<string | null> =>
  page.evaluate(() => sessionStorage.getItem('keyward.loginToken'));

/** Logs in on the page's log-in screen, the code read from the mail it sends. */
export async function logInThroughPage(page: Page, smtp: SmtpSink, email: string): Promise<void> {
  const before = smtp.mailTo(email).length;
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByLabel('Code').fill(await smtp.codeFor(email, before + 1));
  await page.getByRole('button', { name: 'Log in' }).click();
}
