// End-to-end: the main flows with the keyboard alone (Tab, Shift+Tab, Enter, Space, arrows and
// typing; no clicks): a new escalation, a draft generated with the built-in drafter and copied,
// a survey CSV imported (the file chooser opened from the keyboard), and a plan task ticked.
// Setting up the records a flow starts from is not part of the flow and uses the usual helpers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launch, openApp } from './support/browser.mjs';
import { createAccount, createEscalation, createOnboarding, openScreen, settled, surveyCsv } from './support/screens.mjs';
import { serveDist } from './support/static-server.mjs';

let server;
let browser;
let scratch;

before(async () => {
  server = await serveDist();
  browser = await launch();
  scratch = await mkdtemp(join(tmpdir(), 'casebook-keys-'));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Presses Tab (Shift+Tab if `backwards`) until `target` has the focus; fails after `max` presses. */
async function tabTo(page, target, { backwards = false, max = 250 } = {}) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (await target.evaluateAll((all) => all.includes(document.activeElement))) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/**
 * Presses Space on the focused file input and returns the file chooser it opens. Headless
 * Chromium under load now and then drops that first press (the suite saw it once in several
 * runs); the focus is checked and the key pressed again, at most three times.
 */
async function openChooserWithSpace(page, input) {
  for (let attempt = 1; ; attempt += 1) {
    assert.ok(await input.evaluate((e) => e === document.activeElement), 'the file input has the focus');
    const opened = page.waitForEvent('filechooser', { timeout: 5000 });
    await page.keyboard.press('Space');
    try {
      return await opened;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** Starts from the top of the current screen, as after opening it. */
async function fromTop(page) {
  await settled(page);
  await page.evaluate(() => document.activeElement?.blur());
}

const pageErrors = (errors) => errors.filter((e) => !/Failed to load resource/.test(e));

describe('keyboard only', () => {
  test('a new escalation: navigation, form and save with keys', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await createAccount(page, 'Acme Corp');
    await openScreen(page, server.url, '#/');
    await fromTop(page);

    await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Escalations' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Escalations' }).waitFor();
    await fromTop(page);
    await tabTo(page, page.getByRole('link', { name: 'New escalation' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'New escalation' }).waitFor();
    await fromTop(page);

    const account = page.getByRole('combobox', { name: 'Account', exact: true });
    await tabTo(page, account);
    await page.keyboard.press('ArrowDown');
    assert.equal(await account.evaluate((s) => s.selectedOptions[0].text), 'Acme Corp');
    await tabTo(page, page.getByRole('textbox', { name: 'What the customer said' }));
    await page.keyboard.type('Exports have failed for two days; the CIO threatens to cancel.');
    await tabTo(page, page.getByRole('textbox', { name: 'Primary contact' }), { backwards: true });
    await page.keyboard.type('Li Wei');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: 'Escalations' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Exports have failed' });
    await row.waitFor();
    assert.match(await row.textContent(), /Acme Corp/);
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });

  test('a draft generated with the built-in drafter and copied, with keys', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
    await createEscalation(page, server.url);
    await openScreen(page, server.url, '#/escalations');
    await fromTop(page);

    await tabTo(page, page.getByRole('table').getByRole('link', { name: /^Acme Corp/ }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Edit escalation' }).waitFor();
    await fromTop(page);
    await tabTo(page, page.getByRole('link', { name: 'Response plan' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Response plan' }).waitFor();
    await fromTop(page);

    await tabTo(page, page.getByRole('button', { name: 'Generate' }));
    await page.keyboard.press('Enter');
    const status = page.getByRole('region', { name: 'Draft', exact: true }).getByRole('status');
    await status.filter({ hasText: /^Complete · Built-in drafter/ }).waitFor();
    await tabTo(page, page.getByRole('button', { name: 'Copy', exact: true }));
    await page.keyboard.press('Space');
    await page.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /What NOT to promise/);
    assert.match(copied, /Li Wei/);
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });

  test('a survey CSV imported, the file chosen from the keyboard', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    const csv = join(scratch, 'survey.csv');
    await writeFile(csv, surveyCsv(12));
    await openScreen(page, server.url, '#/feedback');
    await fromTop(page);

    await tabTo(page, page.getByRole('link', { name: 'Import survey CSV' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Import survey responses (CSV)' }).waitFor();
    await fromTop(page);
    const input = page.getByLabel(/^CSV file/);
    await tabTo(page, input);
    const chooser = await openChooserWithSpace(page, input);
    await chooser.setFiles(csv);
    const start = page.getByRole('button', { name: 'Import 12 responses' });
    await start.waitFor();
    await tabTo(page, start);
    await page.keyboard.press('Enter');
    const summary = page.getByRole('status').filter({ hasText: /^Imported 12 responses from 3 accounts\./ });
    await summary.waitFor({ timeout: 20000 });
    const focused = await page.evaluate(() => document.activeElement.outerHTML.slice(0, 200));
    assert.ok(await summary.evaluate((e) => e === document.activeElement || e.contains(document.activeElement)), `the summary takes the focus, not ${focused}`);
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });

  test('an onboarding plan task ticked done, with keys', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await createAccount(page, 'Acme Corp');
    await createOnboarding(page, server.url);
    await openScreen(page, server.url, '#/onboarding');
    await fromTop(page);

    await tabTo(page, page.getByRole('table').getByRole('link', { name: /^Acme Corp/ }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Edit onboarding project' }).waitFor();
    await fromTop(page);
    const done = page.getByRole('button', { name: 'Done', exact: true }).first();
    const row = page.getByRole('row').filter({ has: done });
    const task = await row.getByRole('cell').first().textContent();
    await tabTo(page, done, { max: 400 });
    await page.keyboard.press('Enter');
    const ticked = page.getByRole('row').filter({ hasText: task }).filter({ hasText: /Done on \d{4}-\d\d-\d\d/ });
    await ticked.waitFor();
    assert.equal(await ticked.getByRole('button', { name: 'Done', exact: true }).count(), 0, 'a done task offers Undo, not Done');
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });
});
