/// <reference lib="dom" />
// The console in a real browser (Debian's Chromium through playwright-core) against a real
// keyward process, mail read from an SMTP sink: what a person does, found by accessible names.
// (The DOM types: callbacks given to page.evaluate run in the page.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserMissing, launchBrowser } from '../helpers/browser.js';
import { startKeyward, type KeywardProcess } from '../helpers/keyward-process.js';
import {
  SCREENSHOT_DIR,
  assertAccessible,
  axeReport,
  logInThroughPage,
  loginTokenOf,
  openContext,
  screenshot,
  type ConsolePage,
} from './fixture.js';
import { call } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

const skip = browserMissing();

describe('the console in a browser', { skip }, () => {
  let keyward: KeywardProcess;
  let browser: Browser;
  let owner: ConsolePage;
  // Each run has a server of its own: plain addresses, as in the screenshots.
  const ownerEmail = 'ada@acme.example';
  const memberEmail = 'grace@acme.example';
  let apiToken = '';

  const verify = (token: string, scopes?: string[]) =>
    call(
      keyward.server,
      'POST',
      ROUTES.verify,
      token,
      scopes === undefined ? undefined : { scopes },
    );
  /** A token's row in the list, found by its last 4 characters. */
  const tokenRow = (token: string) =>
    page().getByRole('row', { name: new RegExp(`…${token.slice(-4)}`) });
  /** The focused element's label (or a button's text). */
  const focusedLabel = (p: Page) =>
    p.evaluate(() => {
      const element = document.activeElement as HTMLInputElement | null;
      const text = element?.labels?.[0]?.textContent ?? element?.textContent ?? '';
      return text.replace(/\(optional\)/, '').trim();
    });
  /** Does what mails a code (a click on Send code), and reads that code from the sink. */
  const mailedCode = async (email: string, send: () => Promise<unknown>) => {
    const before = keyward.smtp.mailTo(email).length;
    await send();
    return keyward.smtp.codeFor(email, before + 1);
  };
  const page = (): Page => owner.page;
  const heading = (p: Page, name: string) => p.getByRole('heading', { level: 1, name });

  before(async () => {
    keyward = await startKeyward();
    browser = await launchBrowser();
    owner = await openContext(browser, keyward.base);
  });
  after(async () => {
    await browser?.close();
    await keyward?.close();
    if (axeReport.length > 0) console.log(`axe-core:\n  ${axeReport.join('\n  ')}`);
    console.log(`screenshots in ${SCREENSHOT_DIR}`);
  });

  it('opens on log-in from /, usable at once, with no CSP violation', async () => {
    // Timed in contexts without axe-core, whose half a megabyte of script would count too.
    /** Opens (or reloads) the page, waits until log-in can be used, prints how long it took. */
    const timeFirstScreen = async (p: Page, visit: string) => {
      if (visit === 'reload') await p.reload();
      else await p.goto(`${keyward.base}/`);
      await p.getByLabel('Email').waitFor({ state: 'visible' });
      assert.ok(await p.getByRole('button', { name: 'Send code' }).isEnabled());
      // Times count from the start of the navigation (the redirect from / included): when the
      // console had its first screen in place, and when this test saw it usable.
      const [renderedMs, seenMs] = await p.evaluate(() => [
        Math.round(performance.getEntriesByName('keyward:first-screen')[0]?.startTime ?? -1),
        Math.round(performance.now()),
      ]);
      console.log(
        `first screen usable ${renderedMs} ms after navigation, seen by the test at ${seenMs} ms (${visit})`,
      );
    };
    const plain = await openContext(browser, keyward.base, { axe: false });
    await timeFirstScreen(plain.page, 'first visit, browser just started');
    await timeFirstScreen(plain.page, 'reload');
    // A second profile: nothing cached, but the browser itself no longer starting up.
    const fresh = await openContext(browser, keyward.base, { axe: false });
    await timeFirstScreen(fresh.page, 'first visit, new profile');
    for (const view of [plain, fresh]) {
      assert.equal(view.problems.length, 0, view.problems.join('\n'));
      await view.context.close();
    }

    await page().goto(`${keyward.base}/`);
    await page().getByLabel('Email').waitFor({ state: 'visible' });
    assert.match(page().url(), /\/console\/#\/login$/);
    await heading(page(), 'Log in').waitFor();
    await assertAccessible(page(), 'log-in');
    await screenshot(page(), 'login');
  });

  it('signs up with the mailed code (pasted whole): one form, one code, one click to a copied token', async () => {
    const p = page();
    let clicks = 0;
    const click = async (action: Promise<unknown>) => {
      clicks += 1;
      await action;
    };
    await click(p.getByRole('link', { name: 'Create an account' }).click());
    await heading(p, 'Create an account').waitFor();
    await assertAccessible(p, 'sign-up');
    // One form: three fields and a button.
    await p.getByLabel('Email').fill(ownerEmail);
    await p.getByLabel('Name').fill('Ada Lovelace');
    await p.getByLabel('Company').fill('Acme');
    await screenshot(p, 'signup');
    // One code, pasted as the mail shows it, spaces and all.
    const code = await mailedCode(ownerEmail, () =>
      click(p.getByRole('button', { name: 'Send code' }).click()),
    );
    const codeField = p.getByLabel('Code');
    assert.equal(await codeField.getAttribute('autocomplete'), 'one-time-code');
    await codeField.focus();
    await p.evaluate(
      async (text) => navigator.clipboard.writeText(text),
      `${code.slice(0, 3)} ${code.slice(3)}`,
    );
    await p.keyboard.press('Control+V');
    assert.equal(await codeField.inputValue(), code);
    await click(p.getByRole('button', { name: 'Create account' }).click());
    await heading(p, 'API tokens').waitFor();

    // A first visit has the new-token form open, every field with a default: one click makes
    // the token and puts it on the clipboard.
    await click(p.getByRole('button', { name: 'Create token' }).click());
    await p.getByText("you won't see it again").waitFor();
    await p.getByText('Copied to the clipboard.').waitFor();
    apiToken = await p.evaluate(() => navigator.clipboard.readText());
    assert.match(apiToken, /^[0-9a-f]{64}$/);
    assert.equal(await p.getByLabel('New API token').inputValue(), apiToken);
    console.log(
      `from the first page to a copied API token: 1 form (Email, Name, Company), 1 code, ${clicks} clicks (Create an account, Send code, Create account, Create token)`,
    );
    assert.equal(clicks, 4);
    assert.equal(owner.problems.length, 0, owner.problems.join('\n'));
  });

  it('the token made in the page passes verify over HTTP, and is listed', async () => {
    const verified = await verify(apiToken);
    assert.equal(verified.status, 200);
    assert.equal(verified.body.data.token_type, 'api');
    assert.equal(verified.body.data.user.email, ownerEmail);
    assert.equal(verified.body.data.owner, 'user');
    assert.equal(verified.body.data.scopes, null);
    assert.equal(verified.body.data.expires_at, null);
    const row = tokenRow(apiToken);
    await row.waitFor();
    // Verify was the token's first use: the list says so once reloaded.
    await page().getByRole('button', { name: 'Done' }).click();
    await page().reload();
    await row.getByText('now').or(row.getByText('second')).first().waitFor();
    assert.match(await row.innerText(), /unnamed[\s\S]*all[\s\S]*none[\s\S]*you[\s\S]*never/);
  });

  it('edits a token in a dialog: name, scopes, rate limit, metadata; verify then wants those scopes', async () => {
    const p = page();
    await tokenRow(apiToken)
      .getByRole('button', { name: /^Edit / })
      .click();
    const dialog = p.getByRole('dialog', { name: /^Edit token …/ });
    await dialog.waitFor();
    await dialog.getByLabel('Token name').fill('ci-deploy');
    await dialog.getByLabel('Scopes').fill('deploy:read, deploy:write');
    await dialog.getByLabel('Verifies').fill('100');
    await dialog.getByLabel('Per').selectOption({ label: 'minute' });
    await dialog.getByLabel('Metadata').fill('{"env": "ci"}');
    await assertAccessible(p, 'edit dialog');
    await screenshot(p, 'edit-dialog');

    // A mistake is named before anything is sent.
    await dialog.getByLabel('Scopes').fill('deploy:read Deploy');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByRole('alert').getByText("Scope “Deploy” can't be used").waitFor();
    await dialog.getByLabel('Scopes').fill('deploy:read, deploy:write');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await p.getByText('ci-deploy is updated').waitFor();
    await dialog.waitFor({ state: 'detached' });
    const row = tokenRow(apiToken);
    await row.getByText('deploy:write').waitFor();
    assert.match(await row.innerText(), /ci-deploy[\s\S]*deploy:read[\s\S]*100\/1m/);

    const verified = await verify(apiToken, ['deploy:write']);
    assert.equal(verified.status, 200);
    assert.deepEqual(verified.body.data.scopes, ['deploy:read', 'deploy:write']);
    assert.deepEqual(verified.body.data.metadata, { env: 'ci' });
    assert.equal(verified.body.data.rate_limit.limit, 100);
    const lacking = await verify(apiToken, ['billing:write']);
    assert.equal(lacking.status, 403);
    assert.equal(lacking.body.message, 'INSUFFICIENT_SCOPE');
  });

  it('makes a workspace token with the keyboard alone, through every field of the form', async () => {
    const p = page();
    await p.getByRole('button', { name: 'New token' }).focus();
    await p.keyboard.press('Enter');
    const form = p.getByRole('region', { name: 'New API token' });
    await form.waitFor();
    // Tab by tab, the field that has the focus, by its label; what is typed or chosen there.
    const steps: [string, () => Promise<void>][] = [
      ['Token name', () => p.keyboard.type('nightly-backup')],
      ['Expires', () => p.keyboard.press('ArrowDown')],
      ['Scopes', () => p.keyboard.type('backup:write')],
      ['Verifies', () => p.keyboard.type('10')],
      ['Per', () => p.keyboard.press('ArrowDown')],
      ['Me', () => p.keyboard.press('ArrowDown')],
      ['Cancel', async () => {}],
      ['Create token', async () => {}],
    ];
    for (const [label, act] of steps) {
      await p.keyboard.press('Tab');
      assert.equal(await focusedLabel(p), label);
      await act();
    }
    assert.equal(await focusedLabel(p), 'Create token');
    assert.ok(await form.getByRole('radio', { name: 'The workspace' }).isChecked());
    assert.equal(await form.getByLabel('Expires').inputValue(), '7');
    assert.equal(await form.getByLabel('Per').inputValue(), '1h');
    await assertAccessible(p, 'new token form');
    await screenshot(p, 'token-form');
    await p.keyboard.press('Enter');
    await p.getByText("you won't see it again").waitFor();
    const serviceToken = await p.getByLabel('New API token').inputValue();
    await tokenRow(serviceToken).waitFor();
    assert.match(await tokenRow(serviceToken).innerText(), /nightly-backup[\s\S]*the workspace/);

    const verified = await verify(serviceToken, ['backup:write']);
    assert.equal(verified.status, 200);
    assert.equal(verified.body.data.owner, 'workspace');
    assert.equal(verified.body.data.user, null);
    assert.deepEqual(verified.body.data.rate_limit.limit, 10);
    const days = (Date.parse(verified.body.data.expires_at) - Date.now()) / 86_400_000;
    assert.ok(days > 6.9 && days <= 7, `expires in ${days} days`);
    await assertAccessible(p, 'API tokens, new token shown');
    await screenshot(p, 'tokens');
    await p.getByRole('button', { name: 'Done' }).click();
  });

  it('rotates a token: the new one shown once with Copy, the old one working through its grace', async () => {
    const p = page();
    await tokenRow(apiToken)
      .getByRole('button', { name: /^Rotate ci-deploy/ })
      .click();
    const dialog = p.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Rotate ci-deploy?' }).waitFor();
    const grace = dialog.getByLabel('Keep the old token working');
    assert.equal(await grace.inputValue(), '3600');
    await assertAccessible(p, 'rotate dialog');
    await dialog.getByRole('button', { name: 'Rotate' }).click();
    await dialog.getByRole('heading', { name: 'ci-deploy is rotated' }).waitFor();
    await dialog.getByText("you won't see it again").waitFor();
    const rotated = await dialog.getByLabel('Rotated API token').inputValue();
    assert.match(rotated, /^[0-9a-f]{64}$/);
    await p.evaluate(() => navigator.clipboard.writeText(''));
    await dialog.getByRole('button', { name: 'Copy' }).click();
    await dialog.getByText('Copied to the clipboard.').waitFor();
    assert.equal(await p.evaluate(() => navigator.clipboard.readText()), rotated);
    const oldEnd = dialog.getByText('The old token works until').locator('time');
    const endsAt = Date.parse((await oldEnd.getAttribute('datetime'))!);
    const hours = (endsAt - Date.now()) / 3_600_000;
    assert.ok(hours > 0.9 && hours <= 1, `old token ends in ${hours} hours`);
    await assertAccessible(p, 'rotate result');
    await screenshot(p, 'rotate-result');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The new token carries what the old one had; the old one still works, in its grace.
    const fresh = await verify(rotated, ['deploy:write']);
    assert.equal(fresh.status, 200);
    assert.deepEqual(fresh.body.data.metadata, { env: 'ci' });
    assert.equal((await verify(apiToken)).status, 200);
    await tokenRow(rotated).waitFor();

    // Rotated again with no grace: the one it replaces is refused at once.
    await tokenRow(rotated)
      .getByRole('button', { name: /^Rotate ci-deploy/ })
      .click();
    await dialog.getByLabel('Keep the old token working').selectOption('0');
    await dialog.getByRole('button', { name: 'Rotate' }).click();
    await dialog.getByText('The old token is refused from now on.').waitFor();
    const newest = await dialog.getByLabel('Rotated API token').inputValue();
    await dialog.getByRole('button', { name: 'Done' }).click();
    const refused = await verify(rotated);
    assert.equal(refused.status, 401);
    assert.equal(refused.body.message, 'INVALID_TOKEN');
    assert.equal((await verify(newest)).status, 200);
    await tokenRow(rotated).waitFor({ state: 'detached' });
    apiToken = newest;
  });

  it('revokes a token in the page, confirmed in a dialog; verify then refuses it', async () => {
    const p = page();
    await tokenRow(apiToken)
      .getByRole('button', { name: /^Revoke ci-deploy/ })
      .click();
    const dialog = p.getByRole('dialog');
    await dialog.waitFor();
    await assertAccessible(p, 'revoke dialog');
    await screenshot(p, 'revoke-dialog');
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await p.getByText('ci-deploy is revoked').waitFor();
    await tokenRow(apiToken).waitFor({ state: 'detached' });
    const refused = await verify(apiToken);
    assert.equal(refused.status, 401);
    assert.equal(refused.body.message, 'INVALID_TOKEN');
  });

  it('shows the same screen at 360 px wide and in the dark theme', async () => {
    const narrow = await openContext(browser, keyward.base, { width: 360, height: 780 });
    const dark = await openContext(browser, keyward.base, { colorScheme: 'dark' });
    const token = await loginTokenOf(page());
    for (const view of [narrow, dark]) {
      // The same tab's session, as a reload would find it.
      await view.page.goto(`${keyward.base}/console/`);
      await view.page.evaluate((t) => sessionStorage.setItem('keyward.loginToken', t!), token);
      await view.page.goto(`${keyward.base}/console/#/tokens`);
      await view.page.reload();
      await heading(view.page, 'API tokens').waitFor();
      await view.page.getByRole('row', { name: /nightly-backup/ }).waitFor();
    }
    const width = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `no sideways scrolling at 360 px (page is ${width} px wide)`);
    await assertAccessible(narrow.page, 'API tokens at 360 px');
    await assertAccessible(dark.page, 'API tokens, dark');
    await screenshot(narrow.page, 'tokens-360px');
    await screenshot(dark.page, 'tokens-dark');
    // The dialogs keep to the width and the theme too; Escape closes them.
    for (const [view, label] of [
      [narrow, 'at 360 px'],
      [dark, 'dark'],
    ] as const) {
      await view.page.getByRole('button', { name: /^Edit nightly-backup/ }).click();
      await view.page.getByRole('dialog').waitFor();
      await assertAccessible(view.page, `edit dialog ${label}`);
      await view.page.keyboard.press('Escape');
      await view.page.getByRole('dialog').waitFor({ state: 'detached' });
    }
    // The whole new-token form fits at 360 px too.
    await narrow.page.getByRole('button', { name: 'New token' }).click();
    await narrow.page.getByRole('radio', { name: 'The workspace' }).waitFor();
    const formWidth = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(formWidth <= 360, `no sideways scrolling with the form open (${formWidth} px)`);
    await assertAccessible(narrow.page, 'new token form at 360 px');
    await narrow.context.close();
    await dark.context.close();
  });

  it('invites a member, who logs in from another browser', async () => {
    const p = page();
    await p.getByRole('link', { name: 'Members' }).click();
    await heading(p, 'Members').waitFor();
    await p.getByLabel('Email').fill(memberEmail);
    await p.getByLabel('Role', { exact: true }).selectOption('member');
    await p.getByRole('button', { name: 'Invite' }).click();
    await p.getByText(`${memberEmail} is invited`).waitFor();
    await p.getByRole('row', { name: new RegExp(memberEmail) }).waitFor();

    const member = await openContext(browser, keyward.base);
    await member.page.goto(`${keyward.base}/console/`);
    await logInThroughPage(member.page, keyward.smtp, memberEmail);
    await heading(member.page, 'API tokens').waitFor();
    await member.page.getByText('Acme', { exact: true }).waitFor();
    assert.equal(await member.page.getByRole('link', { name: 'Audit log' }).count(), 0);
    // A member makes tokens of their own only, and sees only their own.
    await member.page.getByLabel('Token name').fill('grace-laptop');
    assert.equal(await member.page.getByRole('radio').count(), 0);
    assert.equal(await member.page.getByLabel('All of the company').count(), 0);
    await member.page.getByRole('button', { name: 'Create token' }).click();
    await member.page.getByRole('row', { name: /grace-laptop/ }).waitFor();
    assert.equal(await member.page.getByRole('row', { name: /nightly-backup/ }).count(), 0);
    await member.context.close();

    await p.reload();
    const row = p.getByRole('row', { name: new RegExp(memberEmail) });
    await row.getByRole('combobox').waitFor();
    assert.equal(await p.getByRole('heading', { name: 'Pending invitations' }).count(), 1);
    assert.ok(await p.getByText('No pending invitations.').isVisible());
    await p.getByLabel('Role of grace').selectOption('admin');
    await p.getByText('grace is now an admin').waitFor();
    await p.getByRole('button', { name: 'Suspend grace' }).click();
    await p.getByText('grace is suspended').waitFor();
    await row.getByText('suspended', { exact: true }).waitFor();
    await p.getByRole('button', { name: 'Restore grace' }).click();
    await p.getByText('grace can work here again').waitFor();
    // Back to how it was for the screenshot.
    await p.getByRole('button', { name: 'Suspend grace' }).waitFor();
    await assertAccessible(p, 'members');
    await screenshot(p, 'members');
  });

  it('owners and admins see every token of the company, with whose it is', async () => {
    const p = page();
    await p.getByRole('link', { name: 'API tokens' }).click();
    await heading(p, 'API tokens').waitFor();
    await p.getByRole('row', { name: /nightly-backup/ }).waitFor();
    assert.equal(await p.getByRole('row', { name: /grace-laptop/ }).count(), 0);
    await p.getByLabel('All of the company').check();
    await p.getByRole('heading', { name: 'All tokens of Acme' }).waitFor();
    const row = p.getByRole('row', { name: /grace-laptop/ });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(`${memberEmail}[\\s\\S]*Default`));
    await assertAccessible(p, 'all of the company');
    await p.getByLabel('All of the company').uncheck();
    await row.waitFor({ state: 'detached' });
  });

  it('deleting the account while others are in the company explains the 409 in a sentence', async () => {
    const p = page();
    await p.getByRole('link', { name: 'Account' }).click();
    await heading(p, 'Account').waitFor();
    await assertAccessible(p, 'account');
    await screenshot(p, 'account');
    await p.getByRole('button', { name: 'Delete account…' }).click();
    const dialog = p.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Delete account' }).click();
    await dialog.getByRole('alert').getByText('You are the last owner').waitFor();
    assert.match(await dialog.getByRole('alert').innerText(), /Reference for support: \S+/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await p.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('creates a workspace and switches to it', async () => {
    const p = page();
    await p.getByRole('link', { name: 'Workspaces' }).click();
    await heading(p, 'Workspaces').waitFor();
    await p.getByLabel('Workspace name').fill('Staging');
    await p.getByRole('button', { name: 'Create workspace' }).click();
    await p.getByText('Staging is created').waitFor();
    const before = await loginTokenOf(p);
    await p.getByRole('button', { name: 'Switch to Staging (Acme)' }).click();
    await p.getByText('You are now in Staging').waitFor();
    assert.equal(await p.locator('.where-workspace').innerText(), 'Staging');
    const after = await loginTokenOf(p);
    assert.notEqual(after, before);
    const old = await call(keyward.server, 'GET', '/api/v1/global/me', before!);
    assert.equal(old.body.message, 'INVALID_LOGIN_TOKEN');
    await assertAccessible(p, 'workspaces');
    await screenshot(p, 'workspaces');
  });

  it('shows the audit log, newest first', async () => {
    const p = page();
    await p.getByRole('link', { name: 'Audit log' }).click();
    await heading(p, 'Audit log').waitFor();
    const firstEvent = p.getByRole('row').nth(1);
    await firstEvent.waitFor();
    assert.match(await firstEvent.innerText(), /Workspace switched/);
    assert.ok(await p.getByRole('button', { name: 'Newer events' }).isDisabled());
    await assertAccessible(p, 'audit log');
    await screenshot(p, 'audit');
  });

  it('a session ended from outside leads back to log-in, and then back to the same screen', async () => {
    const p = page();
    await p.getByRole('link', { name: 'Members' }).click();
    await heading(p, 'Members').waitFor();
    const token = await loginTokenOf(p);
    const loggedOut = await call(keyward.server, 'POST', '/api/logout', token!);
    assert.equal(loggedOut.status, 200);

    await p.getByRole('link', { name: 'Audit log' }).click();
    await heading(p, 'Log in').waitFor();
    await p.getByText('Your session has ended').waitFor();
    assert.match(p.url(), /#\/login\?next=%23%2Faudit/);
    assert.equal(await loginTokenOf(p), null);

    await logInThroughPage(p, keyward.smtp, ownerEmail);
    await heading(p, 'Audit log').waitFor();
  });

  it('a reload keeps you in; logging out ends the session on the server too', async () => {
    const p = page();
    await p.reload();
    await heading(p, 'Audit log').waitFor();
    const token = await loginTokenOf(p);
    await p.getByRole('button', { name: 'Log out' }).click();
    await heading(p, 'Log in').waitFor();
    assert.equal(await loginTokenOf(p), null);
    const refused = await call(keyward.server, 'GET', '/api/v1/global/me', token!);
    assert.equal(refused.status, 401);
    assert.equal(refused.body.message, 'INVALID_LOGIN_TOKEN');
  });

  it('a 429 says when to try again, from Retry-After', async () => {
    const p = page();
    await p.getByLabel('Email').fill(ownerEmail);
    await p.getByRole('button', { name: 'Send code' }).click();
    await p.getByLabel('Code').waitFor();
    await p.getByRole('button', { name: 'Send a new code' }).click();
    const alert = p.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Too many requests\. Try again in \d+ seconds\./);
    assert.equal(owner.problems.length, 0, owner.problems.join('\n'));
  });
});

describe('a session that expires while the page is open', { skip }, () => {
  // Login tokens here live 12 s: long enough to open a screen on a busy machine, short enough to
  // wait out.
  const TTL_S = 12;
  let keyward: KeywardProcess;
  let browser: Browser;

  before(async () => {
    keyward = await startKeyward({ LOGIN_TOKEN_TTL: String(TTL_S) });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await keyward?.close();
  });

  it('SESSIONEXPIRED leads back to log-in, then back to the screen that was open; the account can go', async () => {
    const email = 'lin@expiry.example';
    const person = { username: email, name: 'Lin', company_name: 'Expiry Ltd' };
    await call(keyward.server, 'POST', '/api/signup', undefined, person);
    const otp = await keyward.smtp.codeFor(email);
    const signedUp = await call(keyward.server, 'POST', '/api/signup', undefined, {
      ...person,
      otp,
    });
    assert.equal(signedUp.status, 201);
    const issuedAt = Date.now();

    const { page, context } = await openContext(browser, keyward.base, { axe: false });
    await page.goto(`${keyward.base}/console/`);
    await page.evaluate(
      (t) => sessionStorage.setItem('keyward.loginToken', t),
      signedUp.body.token,
    );
    await page.goto(`${keyward.base}/console/#/members`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();

    // Past the token's lifetime (and the second `exp` is rounded to).
    await new Promise((resolve) =>
      setTimeout(resolve, issuedAt + (TTL_S + 1.5) * 1000 - Date.now()),
    );
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    await page.getByText('Your session has ended').waitFor();
    assert.match(page.url(), /#\/login\?next=%23%2Faccount&reason=expired$/);

    await logInThroughPage(page, keyward.smtp, email);
    await page.getByRole('heading', { level: 1, name: 'Account' }).waitFor();

    // Alone in the company, the account can go (and the company with it).
    const token = await loginTokenOf(page);
    await page.getByRole('button', { name: 'Delete account…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete account' }).click();
    await page.getByText('Your account has been deleted.').waitFor();
    const gone = await call(keyward.server, 'GET', '/api/v1/global/me', token!);
    assert.equal(gone.status, 401);
    await context.close();
  });
});
