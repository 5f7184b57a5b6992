// End-to-end: the built dist/ served under /tools/casebook/ in headless Chromium. A user
// creates a record in each workspace, reloads and finds them, switches language, backs up,
// wipes and restores, and sees two tabs stay in step.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launch, openApp } from './support/browser.mjs';
import { RecordForm, RecordList, Settings, Shell, until } from './support/pages.mjs';
import { browserDateIn, createAccount, hoursAgo } from './support/scenarios.mjs';
import { serveDist } from './support/static-server.mjs';

let server;
let browser;
let scratch;

before(async () => {
  server = await serveDist();
  browser = await launch();
  scratch = await mkdtemp(join(tmpdir(), 'casebook-e2e-'));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function createOneOfEach(page) {
  await createAccount(page, 'Acme Corp');
  const shell = new Shell(page);
  const list = new RecordList(page);
  const form = new RecordForm(page);

  await shell.goTo('Escalations');
  await list.startNew();
  await form.fill({
    Account: 'Acme Corp',
    'Primary contact': 'Li Wei',
    "Contact's e-mail": 'li.wei@acme.example',
    'Received at': hoursAgo(3),
    Channel: 'E-mail',
    'What the customer said': 'Production outage for two days; the CIO threatens to cancel.',
  });
  await form.saveAndReturn();

  await shell.goTo('Feedback');
  await list.startNew();
  await form.fill({ Account: 'Acme Corp', Source: 'NPS survey', 'Received on': '2026-11-02', 'NPS score': '3', Verbatim: 'Report exports are far too slow' });
  await form.saveAndReturn();

  await shell.goTo('Onboarding');
  await list.startNew();
  await form.fill({ Customer: 'Acme Corp', Industry: 'Financial services', 'Systems to connect': ['SSO', 'Data warehouse'], 'Go-live target': '2027-03-31' });
  await form.saveAndReturn();
}

async function listedIn(page, workspace) {
  await new Shell(page).goTo(workspace);
  return (await new RecordList(page).rowTexts()).join('\n');
}

describe('foundation', () => {
  test('a deep link under a sub-path survives a reload', async () => {
    const { context, page, errors } = await openApp(browser, `${server.url}#/settings`);
    const shell = new Shell(page);
    assert.equal(await shell.heading(), 'Settings');
    await page.reload();
    assert.equal(await shell.heading(), 'Settings');
    await page.goto(`${server.url}#/no/such/page`);
    assert.equal(await shell.heading(), 'This page does not exist');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a new user sees empty states that say what to do', async () => {
    const { context, page } = await openApp(browser, server.url);
    // Home's first steps show once it has read that there is no account yet.
    await page.getByRole('link', { name: 'Add your first customer account' }).waitFor();
    await new Shell(page).goTo('Escalations');
    assert.match(await new RecordList(page).emptyState().textContent(), /No escalations yet/);
    await new RecordList(page).startNew();
    assert.ok(await new RecordForm(page).note(/add the customer first/).isVisible(), 'the account field says what to do');
    await context.close();
  });

  test('records of every workspace survive a reload and can be searched and sorted', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await createOneOfEach(page);
    await createAccount(page, 'Beta GmbH', { ARR: '20,000', Tier: 'SMB' });
    await page.reload();
    await new Shell(page).title().waitFor();

    const accounts = await listedIn(page, 'Accounts');
    assert.match(accounts, /Acme Corp.*Strategic.*USD 1,200,000.*2027-01-31/s);
    assert.match(accounts, /Beta GmbH/);
    // The escalation board: account, summary, severity, status, age, first-response clock, next update, renewal, ARR.
    assert.match(await listedIn(page, 'Escalations'), /Acme Corp.*Production outage.*P1 · executive.*New.*3 h.*overdue by 1 h.*2027-01-31.*USD 1,200,000/s);
    assert.match(await listedIn(page, 'Feedback'), /Acme Corp.*NPS survey.*3.*Report exports.*Received.*2026-11-02/s);
    assert.match(await listedIn(page, 'Onboarding'), /Acme Corp.*Financial services.*SSO, Data warehouse.*2027-03-31/s);

    await new Shell(page).goTo('Accounts');
    const list = new RecordList(page);
    await list.search('beta');
    assert.deepEqual((await list.rowTexts()).length, 1);
    assert.match(await list.count().textContent(), /1 of 2/);
    await list.search('');
    assert.equal((await list.headers())[2], 'ARR', 'the third column');
    await list.sortBy('ARR');
    assert.match((await list.rowTexts())[0], /Beta GmbH/, 'ascending ARR puts the smaller account first');
    await list.sortBy('ARR');
    assert.match((await list.rowTexts())[0], /Acme Corp/);
    assert.equal(await list.sortOrder('ARR'), 'descending');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('typing in the search narrows and widens the list, and rows that stay are not drawn again', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    for (const name of ['Acme Corp', 'Acme Labs', 'Beta GmbH']) await createAccount(page, name);
    const list = new RecordList(page);
    const names = async () => (await list.rowTexts()).map((t) => t.match(/^(Acme Corp|Acme Labs|Beta GmbH)/)?.[1]).toSorted();
    const labsRow = () => page.getByRole('row').filter({ hasText: 'Acme Labs' });
    assert.deepEqual(await names(), ['Acme Corp', 'Acme Labs', 'Beta GmbH']);
    // A mark on the row's element survives only if the same element stays in the page.
    await labsRow().evaluate((row) => (row.keptSinceTheStart = true));
    const search = list.searchBox();
    const typed = [
      ['a', ['Acme Corp', 'Acme Labs', 'Beta GmbH']],
      ['c', ['Acme Corp', 'Acme Labs']],
      ['me l', ['Acme Labs']],
    ];
    for (const [keys, expected] of typed) {
      await search.pressSequentially(keys);
      assert.deepEqual(await names(), expected, `after typing "${await search.inputValue()}"`);
      assert.equal(await labsRow().evaluate((row) => row.keptSinceTheStart), true, `the row was drawn again at "${await search.inputValue()}"`);
    }
    for (const expected of [['Acme Corp', 'Acme Labs'], ['Acme Corp', 'Acme Labs'], ['Acme Corp', 'Acme Labs'], ['Acme Corp', 'Acme Labs'], ['Acme Corp', 'Acme Labs', 'Beta GmbH']]) {
      await search.press('Backspace');
      assert.deepEqual(await names(), expected, `after deleting to "${await search.inputValue()}"`);
      assert.equal(await labsRow().evaluate((row) => row.keptSinceTheStart), true, `the row was drawn again at "${await search.inputValue()}"`);
    }
    assert.equal(await search.inputValue(), 'a');
    await search.press('Backspace');
    assert.match(await list.count().textContent(), /3 of 3/);
    assert.equal(await labsRow().evaluate((row) => row.keptSinceTheStart), true);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('bad input gets clear per-field messages and nothing is saved', async () => {
    const { context, page } = await openApp(browser, server.url);
    await createAccount(page, 'Acme Corp');
    await new RecordList(page).startNew();
    const form = new RecordForm(page);
    await form.fill({ 'Account name': '  acme   CORP ', ARR: 'a lot', 'Renewal date': '' });
    await form.save();
    assert.match(await form.summary(), /correct 1 field/);
    assert.match(await form.fieldError('ARR'), /Enter an amount/);
    await form.fill({ ARR: '5000' });
    await form.save();
    assert.match(await form.fieldError('Account name'), /Another account already has this name/);
    assert.equal(await form.fieldError('ARR'), null, 'the corrected field has no error');
    assert.ok(await form.isFocused('Account name'), 'focus moves to the first bad field');
    await page.keyboard.press('Escape');
    await new RecordList(page).searchBox().waitFor();
    assert.equal((await new RecordList(page).rowTexts()).length, 1);
    await context.close();
  });

  test('an account that records link to cannot be deleted; others can', async () => {
    const { context, page } = await openApp(browser, server.url);
    await createOneOfEach(page);
    await new Shell(page).goTo('Accounts');
    await new RecordList(page).open('Acme Corp');
    await new RecordForm(page).delete();
    await new Shell(page).notice(/still has 3 linked record/);
    await new Shell(page).goTo('Escalations');
    await new RecordList(page).open('Production outage');
    await new RecordForm(page).delete();
    await new RecordList(page).emptyState().waitFor();
    assert.doesNotMatch(await listedIn(page, 'Escalations'), /Production outage/);
    await context.close();
  });

  test('the interface switches to Chinese, remembers it, and follows the browser language', async () => {
    const { context, page } = await openApp(browser, server.url);
    const shell = new Shell(page);
    await shell.switchLanguage('简体中文');
    assert.equal(await shell.heading(), '你的客户成功工作台');
    assert.ok(await shell.nav().getByRole('link', { name: '升级处理', exact: true }).isVisible(), 'the navigation speaks Chinese');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    await page.reload();
    assert.equal(await shell.heading(), '你的客户成功工作台');
    await shell.switchLanguage('English');
    assert.equal(await shell.heading(), 'Your Customer Success casebook');
    assert.ok(await shell.nav().getByRole('link', { name: 'Escalations', exact: true }).isVisible());
    await context.close();

    const chinese = await openApp(browser, server.url, { locale: 'zh-CN' });
    assert.equal(await new Shell(chinese.page).heading(), '你的客户成功工作台');
    await chinese.context.close();
  });

  test('backup: export, wipe, reject bad files untouched, import everything back', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await createOneOfEach(page);
    const shell = new Shell(page);
    const settings = new Settings(page);
    await shell.goTo('Settings');
    assert.match(await settings.lastBackup().textContent(), /No backup exported yet/);
    const download = await settings.exportBackup();
    const today = await browserDateIn(page, 0);
    assert.equal(download.suggestedFilename(), `casebook-backup-${today}.json`, 'named with the local date');
    const backupPath = join(scratch, 'backup.json');
    await download.saveAs(backupPath);
    const backup = JSON.parse(await readFile(backupPath, 'utf8'));
    assert.equal(backup.app, 'casebook-backup');
    assert.equal(backup.stores.accounts.length, 1);
    assert.equal(backup.stores.escalations.length, 1);
    await page.getByText(`Last backup: ${today}`).waitFor({ timeout: 5000 });

    await settings.deleteAll();
    await shell.notice(/All data deleted/);
    assert.doesNotMatch(await listedIn(page, 'Accounts'), /Acme/);

    await shell.goTo('Accounts');
    await new RecordList(page).startNew();
    await new RecordForm(page).fill({ 'Account name': 'Temporary Ltd' });
    await new RecordForm(page).saveAndReturn();

    const text = await readFile(backupPath, 'utf8');
    const bad = {
      'truncated.json': [text.slice(0, text.length / 2), /incomplete/],
      'notes.json': ['{"hello": "world"}', /not a Casebook backup/],
      'garbage.json': ['name,arr\nAcme,1', /not valid JSON/],
      'newer.json': [JSON.stringify({ ...backup, schema_version: 99 }), /newer Casebook/],
    };
    await shell.goTo('Settings');
    for (const [name, [content, message]] of Object.entries(bad)) {
      const path = join(scratch, name);
      await writeFile(path, content);
      await settings.chooseImportFile(path);
      await settings.importError().filter({ hasText: message }).waitFor({ timeout: 5000 });
      assert.match(await settings.importError().textContent(), message, name);
    }
    assert.match(await listedIn(page, 'Accounts'), /Temporary Ltd/, 'rejected files change nothing');

    await shell.goTo('Settings');
    await settings.chooseImportFile(backupPath);
    const counts = settings.importCounts();
    await counts.waitFor();
    assert.deepEqual(
      (await counts.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Accounts', exact: true }) }).getByRole('cell').allTextContents()).map((c) => c.trim()),
      ['1', '1'],
      'accounts: 1 in the browser, 1 in the file',
    );
    await settings.confirm();
    await shell.notice(/Backup imported: 4 records/);
    const accounts = await listedIn(page, 'Accounts');
    assert.match(accounts, /Acme Corp/);
    assert.doesNotMatch(accounts, /Temporary Ltd/, 'import replaces all data');
    assert.match(await listedIn(page, 'Escalations'), /Production outage/);
    assert.match(await listedIn(page, 'Feedback'), /Report exports/);
    assert.match(await listedIn(page, 'Onboarding'), /Financial services/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('settings show storage use and persistence', async () => {
    const { context, page } = await openApp(browser, `${server.url}#/settings`);
    const usage = new Settings(page).usage();
    await usage.waitFor();
    assert.match(await usage.textContent(), /Using .* of .* available/);
    await context.close();
  });

  // The browser decides on persistence; the page's StorageManager is made to answer each way.
  async function settingsWhereStorage(persisted, grants) {
    const opened = await openApp(browser, server.url);
    await opened.context.addInitScript(([persisted, grants]) => {
      let kept = persisted;
      StorageManager.prototype.persisted = async () => kept;
      StorageManager.prototype.persist = async () => (kept = kept || grants);
    }, [persisted, grants]);
    await opened.page.goto(`${server.url}#/settings`);
    await opened.page.reload();
    await new Settings(opened.page).persistence().waitFor();
    return opened;
  }
  const persistence = (page) => new Settings(page).persistence().textContent();
  const askButton = (page) => new Settings(page).askToKeep();

  test('settings say when the browser keeps the data', async () => {
    const { context, page } = await settingsWhereStorage(true, false);
    assert.equal(await persistence(page), 'The browser keeps this data even when disk space runs low.');
    assert.equal(await askButton(page).count(), 0, 'nothing to ask for');
    await context.close();
  });

  test('settings say when the browser may clear the data, and ask it to keep it', async () => {
    const { context, page } = await settingsWhereStorage(false, true);
    assert.match(await persistence(page), /^The browser may clear this data when disk space runs low\./);
    await askButton(page).click();
    await new Shell(page).notice(/The browser will keep Casebook's data\./);
    await until(async () => (await persistence(page)).startsWith('The browser keeps'));
    assert.equal(await askButton(page).count(), 0, 'granted: the button goes');
    await context.close();
  });

  test('a refused request for persistent storage is reported and the warning stays', async () => {
    const { context, page } = await settingsWhereStorage(false, false);
    await askButton(page).click();
    await new Shell(page).notice(/The browser declined for now; keep exporting backups\./);
    assert.match(await persistence(page), /^The browser may clear this data/);
    assert.equal(await askButton(page).count(), 1);
    await context.close();
  });

  test('two open tabs: a change in one shows up in the other', async () => {
    const first = await openApp(browser, `${server.url}#/accounts`);
    const second = await first.context.newPage();
    await second.goto(`${server.url}#/accounts`);
    await new RecordList(second).emptyState().waitFor();
    await createAccount(first.page, 'Shared Tab Inc');
    await new RecordList(second).row('Shared Tab Inc').waitFor({ timeout: 5000 });
    await first.context.close();
  });

  test('a tab whose database was upgraded by a newer tab asks to be reloaded and keeps what was typed', async () => {
    const { context, page } = await openApp(browser, server.url);
    await createAccount(page, 'Before Upgrade');
    await new RecordList(page).startNew();
    await new RecordForm(page).fill({ 'Account name': 'Typed While Upgrading' });
    await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const request = indexedDB.open('casebook', 99);
          request.onsuccess = () => {
            request.result.close();
            resolve();
          };
          request.onerror = () => reject(request.error);
        }),
    );
    await new RecordForm(page).save();
    await new Shell(page).reloadBanner().waitFor();
    assert.match(await new Shell(page).notice(/updated in another tab/), /updated in another tab/);
    assert.equal(await new RecordForm(page).value('Account name'), 'Typed While Upgrading', 'what the user typed stays on screen');
    await context.close();
  });
});
