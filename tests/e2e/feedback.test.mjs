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
import {
  afterSave,
  Connections,
  DraftPanel,
  exportTracker,
  FeedbackImport,
  FeedbackPanel,
  HealthDashboard,
  Home,
  openFeedbackTool,
  openPrompt,
  RecordForm,
  RecordList,
  Shell,
  ThemesPage,
  until,
} from './support/pages.mjs';
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
  const screen = new FeedbackImport(page);
  await screen.open();
  await screen.choose(file);
  return screen;
}

/** Starts the import of the chosen file; resolves with the summary or the errors. */
function startImport(page) {
  return new FeedbackImport(page).start();
}

/** Imports a CSV file through the import screen; resolves with the summary or the errors. */
async function importCsv(page, name, text) {
  await chooseCsv(page, name, text);
  return startImport(page);
}

/** Home's "not acknowledged within 48 h" lines. */
async function homeUnacknowledged(page) {
  await new Shell(page).goHome();
  const lines = (await new Home(page).attentionLines()).map(([text]) => text);
  return lines.filter((l) => /feedback not acknowledged within 48 h/.test(l));
}

const pageErrors = (errors) => errors.filter((e) => !/Failed to load resource/.test(e));

/** Creates a feedback item from form values (by field label) and returns to the list. */
async function createItem(page, values) {
  await new Shell(page).goTo('Feedback');
  await new RecordList(page).startNew();
  const form = new RecordForm(page);
  await form.fill({ Source: 'NPS survey', Stage: 'Received', ...values });
  await form.saveAndReturn();
}

/** The dashboard's figures as { label: value }. */
function figures(page) {
  return new HealthDashboard(page).figures();
}

const CHARTS = {
  stages: 'Items of the month per stage',
  ack: 'Mean days to acknowledge, last 6 months',
  themes: 'Themes by ARR at stake',
};

/** A chart's rows as [label, shown value]. */
function chart(page, name) {
  return new HealthDashboard(page).chart(CHARTS[name]);
}

describe('feedback: closing the loop on an item', () => {
  test('stages are dated, the overdue flag clears, commitments are tracked, and the form keeps the stage', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await createAccount(page, 'Acme Corp');
    await createItem(page, { Account: 'Acme Corp', 'Received on': await browserDateIn(page, -5), 'NPS score': '3', Verbatim: 'Exports time out on large reports.' });
    await new RecordList(page).open('Exports time out');
    const loop = new FeedbackPanel(page);
    await loop.waitForIt();
    assert.equal((await loop.facts()).Overdue, 'Not acknowledged within 48 h');
    assert.equal((await loop.history()).length, 1);

    await loop.moveTo('Acknowledged');
    await until(async () => (await loop.facts()).Stage === 'Acknowledged');
    assert.match((await loop.facts()).Overdue, /^No/);
    const history = await loop.history();
    assert.equal(history.length, 2);
    const today = await browserDateIn(page, 0);
    assert.ok(history[0].startsWith(today) && history[0].includes('Acknowledged'), history[0]);
    assert.equal(await new RecordForm(page).chosen('Stage'), 'Acknowledged', 'the form follows the panel');

    // A commitment needs both fields; a late one is flagged until it is kept.
    await loop.addCommitment();
    await loop.error().waitFor();
    const yesterday = await browserDateIn(page, -1);
    await afterSave(page, () => loop.addCommitment('Share the date of the export fix', yesterday));
    assert.equal(await loop.lateCommitments(), 1);
    await loop.keepCommitment();
    assert.match(await loop.commitments().textContent(), new RegExp(`kept on ${today}`));
    assert.equal(await loop.lateCommitments(), 0);

    // Saving the form keeps what the panel recorded.
    await new RecordForm(page).saveAndReturn();
    await new RecordList(page).open('Exports time out');
    await loop.waitForIt();
    assert.equal((await loop.facts()).Stage, 'Acknowledged');
    assert.equal((await loop.history()).length, 2);
    assert.match(await loop.commitments().textContent(), /Share the date of the export fix/);
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });
});

describe('feedback: the health dashboard', () => {
  test('the month\'s figures, charts, risks and tracker are computed from the items', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await createAccount(page, 'Acme Corp', { 'Renewal date': await browserDateIn(page, 40) });
    await createAccount(page, 'Globex', { ARR: '$300,000' });
    const thisMonth = (await browserDateIn(page, 0)).slice(0, 7);
    // Items dated today: always in this month, whatever the day.
    const today = await browserDateIn(page, 0);
    const scores = [['Acme Corp', '10', 'Love the new dashboards.'], ['Acme Corp', '9', 'Support answers fast.'], ['Globex', '3', 'Exports keep failing.'], ['Globex', '8', 'Fine overall.']];
    for (const [account, score, verbatim] of scores) await createItem(page, { Account: account, 'Received on': today, 'NPS score': score, Verbatim: verbatim });

    await openFeedbackTool(page, 'Health dashboard');
    const dashboard = new HealthDashboard(page);
    await dashboard.waitForIt();
    assert.equal(await dashboard.month().inputValue(), thisMonth);
    const f = await figures(page);
    assert.equal(f['Feedback received'], '4');
    // 2 promoters, 1 passive, 1 detractor of 4: NPS (2 − 1) / 4 = 25.0.
    assert.equal(f['NPS (promoters / passives / detractors)'], '25.0 (2 / 1 / 1)');
    assert.equal(f['Routed to product'], '0.0%');
    const stages = Object.fromEntries(await chart(page, 'stages'));
    assert.equal(stages['Received'], '4');
    assert.equal(stages['Acknowledged'], '0');
    const trend = await chart(page, 'ack');
    assert.equal(trend.length, 6);
    assert.equal(trend.at(-1)[0], thisMonth);
    const risks = await dashboard.risks();
    assert.equal(risks.length, 4);
    assert.ok(risks[0].startsWith('Acme Corp'), `renewal nearest first: ${risks[0]}`);

    assert.deepEqual(await dashboard.trackerGroups(), ['Received (4)']);
    await dashboard.groupTrackerBy('Account (open items)');
    await until(async () => (await dashboard.trackerGroups())[0]?.startsWith('Acme'));
    assert.deepEqual(await dashboard.trackerGroups(), ['Acme Corp (2)', 'Globex (2)']);

    // Another month has nothing received.
    await dashboard.chooseMonth('2020-01');
    await until(async () => (await figures(page))['Feedback received'] === '0');

    // The month's figures are stored once counted; a changed item is counted again.
    await new Shell(page).goTo('Feedback');
    await new RecordList(page).open('Exports keep failing.');
    const form = new RecordForm(page);
    await form.fill({ 'NPS score': '10' });
    await form.saveAndReturn();
    await openFeedbackTool(page, 'Health dashboard');
    await dashboard.waitForIt();
    assert.equal((await figures(page))['NPS (promoters / passives / detractors)'], '75.0 (3 / 1 / 0)');

    // A second tab showing the dashboard counts what the first one adds.
    const other = await context.newPage();
    await other.goto(page.url());
    const otherDashboard = new HealthDashboard(other);
    await otherDashboard.waitForIt();
    assert.equal((await figures(other))['Feedback received'], '4');
    await createItem(page, { Account: 'Globex', 'Received on': today, 'NPS score': '0', Verbatim: 'Cancelling.' });
    await until(async () => (await figures(other))['Feedback received'] === '5', { message: 'the other tab counts the new item' });
    assert.equal((await figures(other))['NPS (promoters / passives / detractors)'], '40.0 (3 / 1 / 1)');
    await until(async () => (await otherDashboard.trackerGroups())[0] === 'Received (5)', { message: 'and tracks it' });
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
    const screen = await chooseCsv(page, 'stages.csv', csv);
    assert.deepEqual(await screen.stageGroups(), [
      ['Detractors (0–6) with a comment', '2', 'Received'],
      ['Detractors (0–6), score only', '2', 'Acknowledged'],
      ['Passives (7–8) with a comment', '1', 'Acknowledged'],
      ['Passives (7–8), score only', '1', 'Loop closed'],
      ['Promoters (9–10) with a comment', '1', 'Acknowledged'],
      ['Promoters (9–10), score only', '1', 'Loop closed'],
    ]);
    assert.equal(await screen.stageCounts(), 'Will start as: 2 Received · 4 Acknowledged · 2 Loop closed');
    // The CSM wants to call every detractor, comment or not.
    await screen.chooseStage('Detractors (0–6), score only', 'Received');
    assert.equal(await screen.stageCounts(), 'Will start as: 4 Received · 2 Acknowledged · 2 Loop closed');
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
    const importScreen = new FeedbackImport(page);
    assert.equal(await importScreen.summary().count(), 0, `refused: ${refused}`);
    // The sixth response is on line 7 of the file, as a spreadsheet numbers it.
    assert.deepEqual(await importScreen.errors(), [['7', 'Score', 'NPS scores go from 0 to 10.']]);
    await new Shell(page).goTo('Feedback');
    const list = new RecordList(page);
    await list.settled();
    assert.ok(await list.emptyState().isVisible(), 'nothing was stored');

    // Every response has a comment: the 128 detractors (scores 0–6) wait for an
    // acknowledgement, the 36 passives and 36 promoters are recorded as acknowledged.
    await chooseCsv(page, 'survey.csv', surveyCsv(200, today));
    assert.equal(await importScreen.stageCounts(), 'Will start as: 128 Received · 72 Acknowledged');
    const summary = await startImport(page);
    assert.match(summary, /200/);
    assert.match(summary, /Started as: 128 Received · 72 Acknowledged/);
    assert.deepEqual(await homeUnacknowledged(page), [], 'received today: nothing is 48 hours old yet');
    await new Shell(page).goTo('Feedback');
    await list.settled();
    assert.match(await list.count().textContent(), /200/);

    // A small context window forces several chunks; at "themes-bad-once" the first answer of
    // each chunk has no JSON block, until the chunk is retried.
    const connections = new Connections(page);
    await connections.add('Other OpenAI-compatible server', { Name: 'Mock OpenAI', 'Base URL': `${mock.url}/openai/v1`, 'API key': 'test-key', Model: 'themes-bad-once', 'Context window (tokens)': '2000' });
    await connections.save();
    const themesPage = new ThemesPage(page);
    await themesPage.open();
    const sentBefore = mock.requests.length;
    await themesPage.analyseButton().click();
    await themesPage.progress().waitFor({ timeout: 30000 });
    const chunks = mock.requests.slice(sentBefore).filter((r) => r.method === 'POST');
    assert.ok(chunks.length >= 2, `sent in chunks (${chunks.length})`);
    assert.equal(await themesPage.chunkErrors().count(), chunks.length, 'every first answer was refused');
    for (let k = 0; k < chunks.length; k += 1) {
      await themesPage.chunkErrors().first().getByRole('button', { name: 'Retry chunk' }).click();
      const left = chunks.length - k - 1;
      await until(async () => (await themesPage.chunkErrors().count()) === left, { timeout: 15000 });
    }
    // Once every chunk is done the review opens.
    await themesPage.cards().first().waitFor({ timeout: 15000 });
    assert.deepEqual((await themesPage.names()).toSorted(), ['Exports', 'Other feedback']);
    await themesPage.nameBox(themesPage.card(100)).fill('Export failures');
    await themesPage.save();
    await themesPage.summary().waitFor({ timeout: 20000 });
    assert.match(await themesPage.summary().textContent(), /Saved 2 themes \(2 new\) and linked 200 feedback items/);

    await new Shell(page).goTo('Feedback');
    // Every "case" comment is about exports.
    await list.search('case 4');
    await list.open('case 4');
    const loop = new FeedbackPanel(page);
    await loop.waitForIt();
    await loop.theme('Export failures').waitFor();

    await new Shell(page).goTo('Feedback');
    await openFeedbackTool(page, 'Health dashboard');
    const themes = await until(async () => {
      const rows = await chart(page, 'themes').catch(() => []);
      return rows.length > 0 && rows;
    });
    assert.deepEqual(themes.map(([name]) => name).toSorted(), ['Export failures', 'Other feedback']);
    // Export comments come from the even rows: Customers 0, 2, 4, 6 and 8, whose ARR (from
    // the file) is 10,000, 30,000, 50,000, 70,000 and 90,000.
    const perTheme = await new HealthDashboard(page).themeFigures();
    const exportRow = perTheme.find((r) => r[0] === 'Export failures');
    assert.deepEqual(exportRow.slice(0, 4), ['Export failures', '100', '5', 'USD 250,000']);
    const f = await figures(page);
    assert.equal(f['Feedback received'], '200');
    assert.equal(f['Categorised into a theme'], '100.0%');

    await new Shell(page).goTo('Feedback');
    const download = await exportTracker(page);
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
    await createItem(page, { Account: 'Acme Corp', 'Received on': await browserDateIn(page, 0), 'NPS score': '3', Verbatim: 'Exports time out on large reports.' });
    const connections = new Connections(page);
    await connections.add('Other OpenAI-compatible server', { Name: 'Mock OpenAI', 'Base URL': `${mock.url}/openai/v1`, 'API key': 'test-key', Model: 'error-429-short' });
    await connections.save();
    const themesPage = new ThemesPage(page);
    await themesPage.open();
    const analyse = themesPage.analyseButton();
    await analyse.waitFor();
    const sent = () => mock.requests.filter((r) => r.method === 'POST' && r.body?.model === 'error-429-short').length;
    const before = sent();
    // The page's timers stand still until resumed: the wait cannot end by itself meanwhile.
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1000);
    await analyse.click();
    await themesPage.status('trying again in 3 s').waitFor();
    assert.equal(sent(), before + 1, 'the first request was rate limited');
    // The countdown follows the clock.
    await page.clock.runFor(1000);
    await themesPage.status('trying again in 2 s').waitFor();
    const stop = themesPage.stopButton();
    await stop.click();
    await themesPage.status(/^Stopped\.$/).waitFor();
    assert.ok(await stop.isDisabled(), 'the analysis is idle');
    assert.ok(await page.getByRole('button', { name: 'Continue analysis', exact: true }).isVisible());
    // Past the time the provider asked for, nothing more was sent.
    await page.clock.resume();
    await page.waitForTimeout(4000);
    assert.equal(sent(), before + 1, 'no request after Stop');
    assert.equal(await themesPage.status(/^Stopped\.$/).count(), 1, 'still stopped');
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });
});

describe('feedback: reviewing themes', () => {
  test('editing, moving and deleting in the review leaves the other cards and items in place', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    const today = await browserDateIn(page, 0);
    assert.match(await importCsv(page, 'small.csv', surveyCsv(12, today)), /12/);
    const themesPage = new ThemesPage(page);
    await themesPage.open();
    await themesPage.groupByKeywords();
    const cards = themesPage.cards();
    await cards.first().waitFor();
    assert.equal(await cards.count(), 2, 'exports and dashboards');
    const items = cards.getByRole('listitem');
    // Each card and item element is marked with what it shows (its key or item id, read from
    // its data attribute): the mark still matches only while the same element shows the same thing.
    const mark = (all) => all.forEach((e) => (e.shown = e.dataset.key ?? e.dataset.id));
    const same = (all) => all.map((e) => e.shown === (e.dataset.key ?? e.dataset.id));
    await cards.evaluateAll(mark);
    await items.evaluateAll(mark);
    const [first, second] = [cards.nth(0), cards.nth(1)];
    const secondItems = await second.getByRole('listitem').count();

    await themesPage.nameBox(second).fill('Dashboards and more');
    await first.getByRole('button', { name: 'Remove from this theme' }).first().click();
    const unassigned = themesPage.unassigned();
    await unassigned.getByRole('listitem').first().waitFor();
    assert.match(await unassigned.getByRole('heading').textContent(), /Not in a theme \(1\)/);
    assert.deepEqual(await cards.evaluateAll(same), [true, true], 'the cards stay');
    assert.ok((await items.evaluateAll(same)).every(Boolean), 'the items left in the cards stay');

    await unassigned.getByRole('combobox', { name: 'Move to theme…' }).selectOption({ label: 'Dashboards and more' });
    await unassigned.waitFor({ state: 'detached' });
    assert.equal(await second.getByRole('listitem').count(), secondItems + 1);
    assert.deepEqual(await cards.evaluateAll(same), [true, true]);
    assert.deepEqual(await second.getByRole('listitem').evaluateAll(same), [...Array(secondItems).fill(true), false], 'only the moved item is new');

    await first.getByRole('button', { name: 'Delete theme' }).click();
    await until(async () => (await cards.count()) === 1);
    assert.deepEqual(await cards.evaluateAll(same), [true], 'the other card stays');
    assert.equal(await themesPage.nameBox(cards.first()).inputValue(), 'Dashboards and more');
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
      await createItem(page, { Account: 'Acme Corp', 'Received on': today, 'NPS score': score, Verbatim: verbatim });
    }
    await new RecordList(page).open('Exports time out');
    const loop = new FeedbackPanel(page);
    await loop.waitForIt();
    const record = page.url();
    const panel = new DraftPanel(page);

    await openPrompt(page, 'Close-the-loop message');
    await panel.generate();
    await panel.waitForStatus(/Complete/);
    const count = Number((await panel.wordCount().textContent()).match(/\d+/)[0]);
    assert.ok(count >= 200 && count <= 250, `words: ${count}`);

    await page.goto(record);
    await loop.waitForIt();
    await openPrompt(page, 'Monthly feedback loop health report');
    assert.equal(await new RecordForm(page).value('Month'), today.slice(0, 7));
    await panel.generate();
    await panel.waitForStatus(/Complete/);
    const text = await panel.output();
    // Two responses this month, one promoter and one detractor: NPS 0.0.
    assert.match(text, /NPS[^\n]*0\.0/);
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });
});
