// End-to-end: the Feedback workspace as a CSM uses it: a survey CSV of 200 responses is
// imported (a bad file stores nothing; each group of responses starts in its default or
// chosen stage, and Home lists only those left to acknowledge); the theme analysis runs in
// chunks against the mock AI service (each chunk's bad first answer retried), the themes are
// reviewed and saved; Stop cuts the analysis's wait on a rate limit short; an item moves
// through its stages (each dated) with a commitment to the customer; guided prompts draft
// with the computed figures; the health dashboard computes the month's figures, charts and
// tracker; the tracker is exported. Dates are computed in the page's own time zone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launch, openApp } from './support/browser.mjs';
import { startMockLlm } from './support/mock-llm.mjs';
import { afterSave, Connections, DraftPanel, RecordForm, RecordList, Shell } from './support/pages.mjs';
import { browserDateIn, createAccount } from './support/scenarios.mjs';
import { serveDist } from './support/static-server.mjs';

let server;
let browser;
let mock;
let scratch;

before(async () => {
  server = await serveDist();
  browser = await launch();
  mock = await startMockLlm();
  scratch = await mkdtemp(join(tmpdir(), 'casebook-fb-'));
});

after(async () => {
  await browser?.close();
  await server?.close();
  await mock?.close();
});

/** A survey export of `n` responses dated `date`, `;`-separated with a BOM: every other comment is about exports. */
function surveyCsv(n, date) {
  const lines = ['\ufeffScore;Comment;Account;ARR;Date'];
  for (let i = 0; i < n; i += 1) {
    const comment = i % 2 === 0 ? `"Exports time out; case ${i}"` : `"Dashboards are great, ""${i}""\nthanks"`;
    lines.push([i % 11, comment, `Customer ${i % 10}`, 10000 * ((i % 10) + 1), date].join(';'));
  }
  return lines.join('\r\n');
}

/** Chooses a CSV file on the import screen and waits for its preview. */
async function chooseCsv(page, name, text) {
  const file = join(scratch, name);
  await writeFile(file, text);
  await page.goto(page.url().replace(/#.*$/, '') + '#/feedback-import');
  await page.setInputFiles('#import-file', file);
  await page.waitForSelector('#import-preview');
}

/** Starts the import of the chosen file; resolves with the summary or the errors. */
async function startImport(page) {
  await page.getByRole('button', { name: /^Import \d+ responses$/ }).click();
  await page.waitForSelector('#import-summary, #import-errors', { timeout: 20000 });
  return page.textContent('#import-summary, #import-errors');
}

/** Imports a CSV file through the import screen; resolves with the summary or the errors. */
async function importCsv(page, name, text) {
  await chooseCsv(page, name, text);
  return startImport(page);
}

/** Home's "not acknowledged within 48 h" lines. */
async function homeUnacknowledged(page) {
  await page.click('.app-header a.brand');
  await page.waitForSelector('#attention');
  const lines = await page.$$eval('#attention li', (li) => li.map((l) => l.textContent));
  return lines.filter((l) => /feedback not acknowledged within 48 h/.test(l));
}

const pageErrors = (errors) => errors.filter((e) => !/Failed to load resource/.test(e));

/** Creates a feedback item from form values (by field key) and returns to the list. */
async function createItem(page, values) {
  await new Shell(page).goTo('feedback');
  await new RecordList(page).startNew();
  const form = new RecordForm(page);
  await form.fill({ source: 'NPS survey', stage: 'Received', ...values });
  await form.saveAndReturn();
}

/** The dashboard's figures as { label: value }. */
function figures(page) {
  return page.$$eval('#health-figures dt', (dts) => Object.fromEntries(dts.map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));
}

/** A chart's rows as [label, shown value]. */
function chart(page, id) {
  return page.$$eval(`#${id} .bar-row`, (rows) => rows.map((r) => [r.querySelector('.bar-label').textContent, r.querySelector('.bar-value').textContent]));
}

describe('feedback: closing the loop on an item', () => {
  test('stages are dated, the overdue flag clears, commitments are tracked, and the form keeps the stage', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await createAccount(page, 'Acme Corp');
    await createItem(page, { account_id: 'Acme Corp', received_on: await browserDateIn(page, -5), score: '3', verbatim: 'Exports time out on large reports.' });
    await new RecordList(page).open('Exports time out');
    await page.waitForSelector('#feedback-loop');
    assert.equal(await page.textContent('#fb-overdue'), 'Not acknowledged within 48 h');
    assert.equal(await page.$$eval('#fb-history li', (li) => li.length), 1);

    await afterSave(page, () => page.click('#fb-stage-buttons button[data-stage="acknowledged"]'));
    await page.waitForFunction(() => document.querySelector('#fb-stage dd')?.textContent === 'Acknowledged');
    assert.match(await page.textContent('#fb-overdue'), /^No/);
    const history = await page.$$eval('#fb-history li', (li) => li.map((l) => l.textContent));
    assert.equal(history.length, 2);
    const today = await browserDateIn(page, 0);
    assert.ok(history[0].startsWith(today) && history[0].includes('Acknowledged'), history[0]);
    assert.equal(await page.$eval('#f-stage', (s) => s.value), 'acknowledged', 'the form follows the panel');

    // A commitment needs both fields; a late one is flagged until it is kept.
    await page.click('#fb-add-commitment button[type=submit]');
    await page.waitForSelector('#feedback-loop [role=alert]');
    await page.fill('#fb-commitment-what', 'Share the date of the export fix');
    await page.fill('#fb-commitment-due', await browserDateIn(page, -1));
    await afterSave(page, () => page.click('#fb-add-commitment button[type=submit]'));
    assert.equal(await page.$$eval('#fb-commitments li.alert', (li) => li.length), 1);
    await afterSave(page, () => page.click('#fb-commitments button'));
    assert.match(await page.textContent('#fb-commitments'), new RegExp(`kept on ${today}`));
    assert.equal(await page.$$eval('#fb-commitments li.alert', (li) => li.length), 0);

    // Saving the form keeps what the panel recorded.
    await new RecordForm(page).saveAndReturn();
    await new RecordList(page).open('Exports time out');
    await page.waitForSelector('#feedback-loop');
    assert.equal(await page.textContent('#fb-stage dd'), 'Acknowledged');
    assert.equal(await page.$$eval('#fb-history li', (li) => li.length), 2);
    assert.match(await page.textContent('#fb-commitments'), /Share the date of the export fix/);
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });
});

describe('feedback: the health dashboard', () => {
  test('the month\'s figures, charts, risks and tracker are computed from the items', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await createAccount(page, 'Acme Corp', { renewal_date: await browserDateIn(page, 40) });
    await createAccount(page, 'Globex', { arr: '$300,000' });
    const thisMonth = (await browserDateIn(page, 0)).slice(0, 7);
    // Items dated today: always in this month, whatever the day.
    const today = await browserDateIn(page, 0);
    const scores = [['Acme Corp', '10', 'Love the new dashboards.'], ['Acme Corp', '9', 'Support answers fast.'], ['Globex', '3', 'Exports keep failing.'], ['Globex', '8', 'Fine overall.']];
    for (const [account, score, verbatim] of scores) await createItem(page, { account_id: account, received_on: today, score, verbatim });

    await page.click('#feedback-health');
    await page.waitForSelector('#health-figures');
    assert.equal(await page.inputValue('#health-month'), thisMonth);
    const f = await figures(page);
    assert.equal(f['Feedback received'], '4');
    // 2 promoters, 1 passive, 1 detractor of 4: NPS (2 − 1) / 4 = 25.0.
    assert.equal(f['NPS (promoters / passives / detractors)'], '25.0 (2 / 1 / 1)');
    assert.equal(f['Routed to product'], '0.0%');
    const stages = Object.fromEntries(await chart(page, 'chart-stages'));
    assert.equal(stages['Received'], '4');
    assert.equal(stages['Acknowledged'], '0');
    const trend = await chart(page, 'chart-ack');
    assert.equal(trend.length, 6);
    assert.equal(trend.at(-1)[0], thisMonth);
    const risks = await page.$$eval('#health-risk li', (li) => li.map((l) => l.textContent));
    assert.equal(risks.length, 4);
    assert.ok(risks[0].startsWith('Acme Corp'), `renewal nearest first: ${risks[0]}`);

    const groups = await page.$$eval('#tracker h3', (h) => h.map((x) => x.textContent));
    assert.deepEqual(groups, ['Received (4)']);
    await page.selectOption('#tracker-view', { label: 'Account (open items)' });
    await page.waitForFunction(() => document.querySelector('#tracker h3')?.textContent.startsWith('Acme'));
    assert.deepEqual(await page.$$eval('#tracker h3', (h) => h.map((x) => x.textContent)), ['Acme Corp (2)', 'Globex (2)']);

    // Another month has nothing received.
    await page.fill('#health-month', '2020-01');
    await page.dispatchEvent('#health-month', 'change');
    await page.waitForFunction(() => document.querySelector('#health-figures dd')?.textContent === '0');
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });
});

describe('feedback: survey import stages', () => {
  test('each group starts in its default stage or the one chosen; Home lists only what waits for an acknowledgement', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    const date = await browserDateIn(page, -3);
    const csv = [
      'Score,Comment,Account,Date',
      `2,Exports fail every night,Acme,${date}`,
      `5,,Acme,${date}`,
      `6,Support is too slow,Beta,${date}`,
      `8,,Beta,${date}`,
      `7,Fine overall,Beta,${date}`,
      `9,,Gamma,${date}`,
      `10,Love the dashboards,Gamma,${date}`,
      `3,,Gamma,${date}`,
    ].join('\n');
    await chooseCsv(page, 'stages.csv', csv);
    const groups = await page.$$eval('#import-stages tbody tr', (rows) => rows.map((r) => [r.cells[0].textContent, r.cells[1].textContent, r.querySelector('select').value]));
    assert.deepEqual(groups, [
      ['Detractors (0–6) with a comment', '2', 'received'],
      ['Detractors (0–6), score only', '2', 'acknowledged'],
      ['Passives (7–8) with a comment', '1', 'acknowledged'],
      ['Passives (7–8), score only', '1', 'loop_closed'],
      ['Promoters (9–10) with a comment', '1', 'acknowledged'],
      ['Promoters (9–10), score only', '1', 'loop_closed'],
    ]);
    assert.equal(await page.textContent('#import-stage-counts'), 'Will start as: 2 Received · 4 Acknowledged · 2 Loop closed');
    // The CSM wants to call every detractor, comment or not.
    await page.getByLabel('Detractors (0–6), score only').selectOption({ label: 'Received' });
    assert.equal(await page.textContent('#import-stage-counts'), 'Will start as: 4 Received · 2 Acknowledged · 2 Loop closed');
    const summary = await startImport(page);
    assert.match(summary, /Imported 8 responses from 3 accounts/);
    assert.match(summary, /Started as: 4 Received · 2 Acknowledged · 2 Loop closed/);

    const home = await homeUnacknowledged(page);
    assert.equal(home.length, 4, home.join('\n'));
    assert.ok(home.some((l) => l.includes('Exports fail every night')));
    assert.ok(home.some((l) => l.includes('Support is too slow')));
    for (const shown of ['Fine overall', 'Love the dashboards']) assert.ok(!home.some((l) => l.includes(shown)), shown);
    assert.deepEqual(home.map((l) => l.split(':')[0]).toSorted(), ['Acme', 'Acme', 'Beta', 'Gamma']);
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });
});

describe('feedback: survey import and theme analysis', () => {
  test('a bad file stores nothing; 200 responses import; the AI themes them in chunks; the themes are saved and linked', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    const today = await browserDateIn(page, 0);

    const bad = surveyCsv(6, today).replace(/\r\n5;/, '\r\n11;');
    const refused = await importCsv(page, 'bad.csv', bad);
    assert.ok(await page.$('#import-summary') === null, `refused: ${refused}`);
    // The sixth response is on line 7 of the file, as a spreadsheet numbers it.
    const rows = await page.$$eval('#import-errors tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    assert.deepEqual(rows, [['7', 'Score', 'NPS scores go from 0 to 10.']]);
    await new Shell(page).goTo('feedback');
    assert.ok(await page.$('main .empty-state'), 'nothing was stored');

    // Every response has a comment: the 128 detractors (scores 0–6) wait for an
    // acknowledgement, the 36 passives and 36 promoters are recorded as acknowledged.
    await chooseCsv(page, 'survey.csv', surveyCsv(200, today));
    assert.equal(await page.textContent('#import-stage-counts'), 'Will start as: 128 Received · 72 Acknowledged');
    const summary = await startImport(page);
    assert.match(summary, /200/);
    assert.match(summary, /Started as: 128 Received · 72 Acknowledged/);
    assert.deepEqual(await homeUnacknowledged(page), [], 'received today: nothing is 48 hours old yet');
    await new Shell(page).goTo('feedback');
    await new RecordList(page).settled();
    assert.match(await page.textContent('.list-count'), /200/);

    // A small context window forces several chunks; at "themes-bad-once" the first answer of
    // each chunk has no JSON block, until the chunk is retried.
    const connections = new Connections(page);
    await connections.add('Other OpenAI-compatible server', { name: 'Mock OpenAI', base_url: `${mock.url}/openai/v1`, api_key: 'test-key', model: 'themes-bad-once', context_window: '2000' });
    await connections.save();
    await page.goto(page.url().replace(/#.*$/, '') + '#/feedback-themes');
    await page.waitForSelector('#themes-ai');
    const sentBefore = mock.requests.length;
    await page.click('#themes-ai');
    await page.waitForFunction(() => /chunks analysed/.test(document.querySelector('#themes-progress-text')?.textContent ?? ''), null, { timeout: 30000 });
    const chunks = mock.requests.slice(sentBefore).filter((r) => r.method === 'POST');
    assert.ok(chunks.length >= 2, `sent in chunks (${chunks.length})`);
    assert.equal(await page.$$eval('#themes-chunk-errors li.chunk-error', (li) => li.length), chunks.length, 'every first answer was refused');
    for (let k = 0; k < chunks.length; k += 1) {
      await page.click('#themes-chunk-errors li.chunk-error button');
      await page.waitForFunction((left) => document.querySelectorAll('#themes-chunk-errors li.chunk-error').length === left, chunks.length - k - 1, { timeout: 15000 });
    }
    // Once every chunk is done the review opens.
    await page.waitForSelector('.theme-card', { timeout: 15000 });
    const names = await page.$$eval('.theme-card .theme-name', (inputs) => inputs.map((i) => i.value));
    assert.deepEqual(names.toSorted(), ['Exports', 'Other feedback']);
    const exportsCard = page.locator('.theme-card').filter({ has: page.locator('.theme-count', { hasText: /^100 items$/ }) }).first();
    await exportsCard.locator('.theme-name').fill('Export failures');
    await page.click('#themes-save');
    await page.waitForSelector('#themes-summary', { timeout: 20000 });
    assert.match(await page.textContent('#themes-summary'), /Saved 2 themes \(2 new\) and linked 200 feedback items/);

    await new Shell(page).goTo('feedback');
    // Every "case" comment is about exports.
    await new RecordList(page).search('case 4');
    await new RecordList(page).open('case 4');
    await page.waitForSelector('#feedback-loop');
    await page.waitForFunction(() => document.querySelector('#fb-themes')?.textContent === 'Export failures');

    await new Shell(page).goTo('feedback');
    await page.click('#feedback-health');
    await page.waitForSelector('#chart-themes .bar-row');
    const themes = await chart(page, 'chart-themes');
    assert.deepEqual(themes.map(([name]) => name).toSorted(), ['Export failures', 'Other feedback']);
    // Export comments come from the even rows: Customers 0, 2, 4, 6 and 8, whose ARR (from
    // the file) is 10,000, 30,000, 50,000, 70,000 and 90,000.
    const perTheme = await page.$$eval('#theme-figures tbody tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
    const exportRow = perTheme.find((r) => r[0] === 'Export failures');
    assert.deepEqual(exportRow.slice(0, 4), ['Export failures', '100', '5', 'USD 250,000']);
    const f = await figures(page);
    assert.equal(f['Feedback received'], '200');
    assert.equal(f['Categorised into a theme'], '100.0%');

    await new Shell(page).goTo('feedback');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-tracker')]);
    const csv = (await readFile(await download.path(), 'utf8')).replace(/^\ufeff/, '');
    const lines = csv.trim().split(/\r\n(?=\d{4}-\d\d-\d\d)/);
    assert.equal(lines.length, 201, 'a header and one line per item');
    assert.ok(csv.includes('Export failures'), 'themes in the export');
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });
});

describe('feedback: theme analysis under a rate limit', () => {
  test('Stop during the wait ends the analysis at once and sends nothing more', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await createAccount(page, 'Acme Corp');
    await createItem(page, { account_id: 'Acme Corp', received_on: await browserDateIn(page, 0), score: '3', verbatim: 'Exports time out on large reports.' });
    const connections = new Connections(page);
    await connections.add('Other OpenAI-compatible server', { name: 'Mock OpenAI', base_url: `${mock.url}/openai/v1`, api_key: 'test-key', model: 'error-429-short' });
    await connections.save();
    await page.goto(page.url().replace(/#.*$/, '') + '#/feedback-themes');
    const analyse = page.getByRole('button', { name: 'Analyse with AI', exact: true });
    await analyse.waitFor();
    const sent = () => mock.requests.filter((r) => r.method === 'POST' && r.body?.model === 'error-429-short').length;
    const before = sent();
    // The page's timers stand still until resumed: the wait cannot end by itself meanwhile.
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1000);
    await analyse.click();
    await page.getByRole('status').filter({ hasText: 'trying again in 3 s' }).waitFor();
    assert.equal(sent(), before + 1, 'the first request was rate limited');
    // The countdown follows the clock.
    await page.clock.runFor(1000);
    await page.getByRole('status').filter({ hasText: 'trying again in 2 s' }).waitFor();
    const stop = page.getByRole('button', { name: 'Stop', exact: true });
    await stop.click();
    await page.getByRole('status').filter({ hasText: /^Stopped\.$/ }).waitFor();
    assert.ok(await stop.isDisabled(), 'the analysis is idle');
    assert.ok(await page.getByRole('button', { name: 'Continue analysis', exact: true }).isVisible());
    // Past the time the provider asked for, nothing more was sent.
    await page.clock.resume();
    await page.waitForTimeout(4000);
    assert.equal(sent(), before + 1, 'no request after Stop');
    assert.equal(await page.textContent('#themes-status'), 'Stopped.');
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });
});

describe('feedback: reviewing themes', () => {
  test('editing, moving and deleting in the review leaves the other cards and items in place', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    const today = await browserDateIn(page, 0);
    assert.match(await importCsv(page, 'small.csv', surveyCsv(12, today)), /12/);
    await page.goto(page.url().replace(/#.*$/, '') + '#/feedback-themes');
    await page.getByRole('button', { name: 'Group by keywords (no AI)' }).click();
    const cards = page.locator('article.theme-card');
    await cards.first().waitFor();
    assert.equal(await cards.count(), 2, 'exports and dashboards');
    // Each card and item element is marked with what it shows (its key or item id): the mark
    // still matches only while the same element shows the same thing.
    await page.$$eval('article.theme-card, .theme-item', (all) => all.forEach((e) => (e.shown = e.dataset.key ?? e.dataset.id)));
    const kept = (selector) => page.$$eval(selector, (all) => all.map((e) => e.shown === (e.dataset.key ?? e.dataset.id)));
    const [first, second] = [cards.nth(0), cards.nth(1)];
    const secondItems = await second.locator('.theme-item').count();

    await second.getByRole('textbox', { name: 'Theme name' }).fill('Dashboards and more');
    await first.getByRole('button', { name: 'Remove from this theme' }).first().click();
    const unassigned = page.locator('#themes-unassigned');
    await unassigned.locator('.theme-item').first().waitFor();
    assert.match(await unassigned.locator('h3').textContent(), /Not in a theme \(1\)/);
    assert.deepEqual(await kept('article.theme-card'), [true, true], 'the cards stay');
    assert.ok((await kept('article.theme-card .theme-item')).every(Boolean), 'the items left in the cards stay');

    await unassigned.getByRole('combobox', { name: 'Move to theme…' }).selectOption({ label: 'Dashboards and more' });
    await unassigned.waitFor({ state: 'detached' });
    assert.equal(await second.locator('.theme-item').count(), secondItems + 1);
    assert.deepEqual(await kept('article.theme-card'), [true, true]);
    assert.deepEqual(await second.locator('.theme-item').evaluateAll((all) => all.map((e) => e.shown === e.dataset.id)), [...Array(secondItems).fill(true), false], 'only the moved item is new');

    await first.getByRole('button', { name: 'Delete theme' }).click();
    await page.waitForFunction(() => document.querySelectorAll('article.theme-card').length === 1);
    assert.deepEqual(await kept('article.theme-card'), [true], 'the other card stays');
    assert.equal(await cards.first().getByRole('textbox', { name: 'Theme name' }).inputValue(), 'Dashboards and more');
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });
});

describe('feedback: guided prompts', () => {
  test('the close-the-loop message is drafted within 200–250 words; the health report carries the computed figures', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await createAccount(page, 'Acme Corp');
    const today = await browserDateIn(page, 0);
    for (const [score, verbatim] of [['2', 'Exports time out on large reports.'], ['10', 'Great support team.']]) {
      await createItem(page, { account_id: 'Acme Corp', received_on: today, score, verbatim });
    }
    await new RecordList(page).open('Exports time out');
    await page.waitForSelector('#feedback-loop');
    const record = page.url();
    const panel = new DraftPanel(page);

    await page.click('a:has-text("Close-the-loop message")');
    await page.waitForSelector('#draft-status');
    await panel.generate();
    await panel.waitForStatus(/Complete/);
    const count = Number((await page.textContent('.word-count')).match(/\d+/)[0]);
    assert.ok(count >= 200 && count <= 250, `words: ${count}`);

    await page.goto(record);
    await page.waitForSelector('#feedback-loop');
    await page.click('a:has-text("Monthly feedback loop health report")');
    await page.waitForSelector('#draft-status');
    assert.equal(await page.inputValue('#f-month'), today.slice(0, 7));
    await panel.generate();
    await panel.waitForStatus(/Complete/);
    const text = await panel.output();
    // Two responses this month, one promoter and one detractor: NPS 0.0.
    assert.match(text, /NPS[^\n]*0\.0/);
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });
});
