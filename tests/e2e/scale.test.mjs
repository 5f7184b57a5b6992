// End-to-end at scale: a seeded store of 20,000 feedback items (with 1,000 escalations, 5,000
// drafts, 300 accounts and 60 onboarding projects), written by the seed command
// (`cargo run --example seed`) and imported through Settings, then every page opened: Home's
// counts, each workspace list (its count, a page of rows and the next page), the health
// dashboard's figures and tracker, a record page and a prompt page's earlier drafts. Every
// expected figure is counted here from the seed file itself. Checks values, not timings
// (those are .ci/bench's).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { launch, openApp } from './support/browser.mjs';
import { DraftPanel, HealthDashboard, Home, RecordForm, RecordList, Settings, Shell, ThemesPage, until } from './support/pages.mjs';
import { serveDist } from './support/static-server.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const SIZES = { feedback: 20_000, escalations: 1_000, drafts: 5_000, accounts: 300, onboarding: 60 };
// The seed's "now": today, so the current month holds items; the page runs in UTC to match.
const NOW = new Date().toISOString().slice(0, 10) + 'T08:00:00Z';
const STAGES = [
  ['received', 'Received'],
  ['acknowledged', 'Acknowledged'],
  ['routed', 'Routed to product'],
  ['product_responded', 'Product responded'],
  ['shipped', 'Shipped'],
  ['planned', 'Planned'],
  ['declined', 'Declined'],
  ['loop_closed', 'Loop closed'],
];
const OPEN_STATUSES = ['new', 'responding', 'resolving'];

let server;
let browser;
let scratch;
let seedPath;
let stores;

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'casebook-scale-'));
  seedPath = join(scratch, 'seed.json');
  const args = ['run', '--quiet', '--example', 'seed', '--', '--now', NOW];
  for (const [name, n] of Object.entries(SIZES)) args.push(`--${name}`, String(n));
  await writeFile(seedPath, execFileSync('cargo', args, { cwd: ROOT, maxBuffer: 1 << 30 }));
  stores = JSON.parse(await readFile(seedPath, 'utf8')).stores;
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** How many of `records` pass `keep`. */
function countOf(records, keep) {
  return records.reduce((n, r) => n + (keep(r) ? 1 : 0), 0);
}

/** Goes to a workspace's list and checks its count and first two pages of rows. */
async function checkList(page, workspace, shown, total) {
  await new Shell(page).goTo(workspace);
  const list = new RecordList(page);
  await list.count().waitFor({ timeout: 30000 });
  await list.settled();
  assert.equal(await list.count().textContent(), `${shown} of ${total}`, workspace);
  if (shown <= 50) {
    assert.equal(await list.pager().count(), 0, `${workspace}: one page, no pager`);
    assert.equal(await list.dataRows().count(), shown);
    return;
  }
  assert.deepEqual(await list.pageRange(), [1, 50, shown], workspace);
  assert.equal(await list.dataRows().count(), 50, `${workspace}: one page of rows is drawn`);
  const first = await list.dataRows().first().textContent();
  await list.nextPage();
  await until(async () => (await list.pageRange())?.[0] === 51, { message: `${workspace}: next page` });
  assert.deepEqual(await list.pageRange(), [51, Math.min(100, shown), shown]);
  // The next page's records are read from the store: other rows replace the first page's.
  await until(async () => (await list.dataRows().first().textContent()) !== first, { message: `${workspace}: other rows on the next page` });
  await list.settled();
  await list.previousPage();
  await until(async () => (await list.pageRange())?.[0] === 1, { message: `${workspace}: previous page` });
}

/**
 * The feedback list searches and sorts the whole set, not the page or a slice: a search for an
 * account name finds every item of the accounts so named, over several pages; sorting by score
 * puts every 10 first; clearing both shows every item again.
 */
async function checkFeedbackSearchAndSort(page, feedback, accounts) {
  const list = new RecordList(page);
  const names = new Map(accounts.map((a) => [a.id, a.name.toLowerCase()]));
  // A first name word (like "Silverstone") that no verbatim, label or date contains.
  const word = accounts.map((a) => a.name.split(' ')[0]).find((w) => /^[A-Za-z]+$/.test(w));
  const found = countOf(feedback, (f) => names.get(f.account_id).includes(word.toLowerCase()));
  assert.ok(found > 50, `${word}: ${found} items, more than a page`);
  await list.search(word);
  await until(async () => (await list.count().allTextContents())[0] === `${found} of ${feedback.length}`, {
    timeout: 60000,
    message: `searching "${word}" over every item`,
  });
  await list.settled();
  assert.deepEqual(await list.pageRange(), [1, 50, found]);
  // The count changes first; the page's rows follow once they are read by id.
  const matching = async () => (await list.column(0)).every((name) => name.toLowerCase().includes(word.toLowerCase()));
  await until(matching, { timeout: 30000, message: `rows of the search for "${word}"` });
  assert.equal((await list.column(0)).length, 50);
  const firstOfSearch = await list.dataRows().first().textContent();
  await list.nextPage();
  await until(async () => (await list.pageRange())?.[0] === 51, { message: 'next page of the search' });
  await until(async () => (await list.dataRows().first().textContent()) !== firstOfSearch, { message: 'rows of the next page' });
  await list.settled();
  for (const name of await list.column(0)) assert.ok(name.toLowerCase().includes(word.toLowerCase()), name);

  await list.search('');
  await list.sortBy('NPS score');
  await list.sortBy('NPS score');
  const tens = countOf(feedback, (f) => f.score === 10);
  assert.ok(tens > 50, `${tens} items scored 10, more than a page`);
  await until(async () => (await list.count().allTextContents())[0] === `${feedback.length} of ${feedback.length}`, {
    timeout: 60000,
    message: 'sorting every item by score',
  });
  await list.settled();
  await until(async () => (await list.column(2)).every((s) => s === '10'), { timeout: 30000, message: 'every 10 first' });
  assert.equal((await list.column(2)).length, 50);
}

describe('a year of records', () => {
  test('imported through Settings, every page shows the right counts and figures', async () => {
    const { context, page, errors } = await openApp(browser, server.url, { timezoneId: 'UTC' });
    const shell = new Shell(page);
    const { feedback, escalations, accounts, onboarding, drafts } = stores;
    assert.equal(feedback.length, SIZES.feedback);

    await shell.goTo('Settings');
    const settings = new Settings(page);
    await settings.chooseImportFile(seedPath);
    await settings.importCounts().waitFor({ timeout: 30000 });
    await settings.confirm();
    await shell.notice(/^Backup imported/, { timeout: 60000 });

    // Home: a card per workspace with its record count. While "needs attention now" is read,
    // a status line says so (a MutationObserver notes it, however briefly it shows).
    await page.evaluate(() => {
      window.__attentionReading = null;
      new MutationObserver(() => {
        const line = document.querySelector('#attention-reading[role=status]');
        if (line) window.__attentionReading ??= line.textContent.trim();
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByRole('navigation').getByRole('link', { name: 'Home', exact: true }).click();
    const home = new Home(page);
    await until(async () => (await home.cardCount('Feedback').textContent()) !== '0 records', { timeout: 30000 });
    assert.equal(await home.cardCount('Escalations').textContent(), `${escalations.length} records`);
    assert.equal(await home.cardCount('Feedback').textContent(), `${feedback.length} records`);
    assert.equal(await home.cardCount('Onboarding').textContent(), `${onboarding.length} records`);
    // "Needs attention now" draws a page of 50 lines at a time, the next page after it.
    await until(async () => (await home.attentionRange()) !== null, { timeout: 60000, message: 'the attention pager' });
    const [from, to, total] = await home.attentionRange();
    assert.equal(await page.evaluate(() => window.__attentionReading), 'Looking through your records for what needs attention…');
    assert.equal(await page.locator('#attention-reading').count(), 0, 'the status line goes once the lines are shown');
    assert.deepEqual([from, to], [1, 50]);
    assert.ok(total > 50, `${total} lines need attention`);
    const firstPage = await home.attentionLines();
    assert.equal(firstPage.length, 50);
    await home.attentionNextPage();
    await until(async () => (await home.attentionRange())?.[0] === 51, { message: 'the second page of attention lines' });
    const secondPage = await home.attentionLines();
    assert.equal(secondPage.length, Math.min(50, total - 50));
    assert.ok(!secondPage.some(([text, href]) => firstPage.some(([t, h]) => t === text && h === href)), 'the second page repeats no line of the first');

    // Lists: the whole set counted, a page of it drawn. Escalations open on their open ones.
    await checkList(page, 'Accounts', accounts.length, accounts.length);
    const open = countOf(escalations, (e) => OPEN_STATUSES.includes(e.status));
    await checkList(page, 'Escalations', open, escalations.length);
    await checkList(page, 'Onboarding', onboarding.length, onboarding.length);
    await checkList(page, 'Feedback', feedback.length, feedback.length);
    await checkFeedbackSearchAndSort(page, feedback, accounts);

    // The health dashboard of this month, from every item received in it.
    const month = NOW.slice(0, 7);
    const inMonth = feedback.filter((f) => f.received_on.startsWith(month));
    assert.ok(inMonth.length > 0, 'the seed fills the current month');
    await page.getByRole('link', { name: 'Health dashboard' }).click();
    const dashboard = new HealthDashboard(page);
    await dashboard.waitForIt();
    const figures = await dashboard.figures();
    assert.equal(figures['Feedback received'], String(inMonth.length));
    const scores = inMonth.map((f) => f.score).filter((s) => typeof s === 'number');
    const split = [countOf(scores, (s) => s >= 9), countOf(scores, (s) => s === 7 || s === 8), countOf(scores, (s) => s <= 6)];
    assert.match(figures['NPS (promoters / passives / detractors)'], new RegExp(`\\(${split.join(' / ')}\\)$`));
    const stageRows = await dashboard.chart('Items of the month per stage');
    const perStage = STAGES.map(([code, label]) => [label, String(countOf(inMonth, (f) => f.stage === code))]);
    assert.deepEqual(stageRows, perStage);
    // Share of the month's items with a theme, in tenths of a percent rounded half up.
    const categorised = countOf(inMonth, (f) => (f.theme_ids ?? []).length > 0);
    assert.equal(figures['Categorised into a theme'], `${(Math.round((categorised * 1000) / inMonth.length) / 10).toFixed(1)}%`);
    // Loops closed this month, whenever the item came in.
    const closedIn = (f) => (f.stage_history ?? []).find((c) => c.stage === 'loop_closed')?.at.startsWith(month);
    assert.equal(figures['Loops closed in the month'], String(countOf(feedback, closedIn)));
    // Per theme, from every item: its items and distinct accounts.
    const themeRows = await dashboard.themeFigures();
    assert.ok(themeRows.length > 0, 'themes are shown');
    for (const [name, items, accountCount] of themeRows) {
      const theme = stores.themes.find((t) => t.name === name);
      const mine = feedback.filter((f) => (f.theme_ids ?? []).includes(theme.id));
      assert.equal(items, String(mine.length), `items of ${name}`);
      assert.equal(accountCount, String(new Set(mine.map((f) => f.account_id)).size), `accounts of ${name}`);
    }
    assert.equal((await dashboard.risks()).length, 5);

    // The tracker by stage: every item, a group per stage, each drawn a page at a time.
    const groups = STAGES.map(([code, label]) => [label, countOf(feedback, (f) => f.stage === code)]).filter(([, n]) => n > 0);
    assert.deepEqual(await dashboard.trackerGroups(), groups.map(([label, n]) => `${label} (${n})`));
    const [firstLabel, firstCount] = groups[0];
    assert.ok(firstCount > 50, `${firstLabel}: ${firstCount} items, more than a page`);
    const heading = `${firstLabel} (${firstCount})`;
    assert.equal(await dashboard.trackerRange(heading), `Showing 1–50 of ${firstCount}`);
    assert.equal(await dashboard.trackerItems(heading).count(), 50);

    // Opened again, the dashboard reads the tallies it stored: the same figures and risks.
    const risks = await dashboard.risks();
    await new Shell(page).goTo('Feedback');
    await page.getByRole('link', { name: 'Health dashboard' }).click();
    await dashboard.waitForIt();
    assert.deepEqual(await dashboard.figures(), figures, 'the figures from the stored tallies');
    assert.deepEqual(await dashboard.themeFigures(), themeRows);
    assert.deepEqual(await dashboard.risks(), risks);
    assert.deepEqual(await dashboard.trackerGroups(), groups.map(([label, n]) => `${label} (${n})`));

    // The theme review: a theme with more items than a page shows 50 of them, then the next.
    const themesPage = new ThemesPage(page);
    await themesPage.open();
    await themesPage.groupByKeywords();
    await themesPage.cards().first().waitFor({ timeout: 60000 });
    const paged = themesPage.cards().filter({ has: page.getByRole('navigation') }).first();
    const pager = paged.getByRole('navigation');
    const range = async () => (await pager.getByText(/^Showing/).textContent()).match(/(\d+)–(\d+) of (\d+)/).slice(1).map(Number);
    const [start, end, ofItems] = await range();
    assert.deepEqual([start, end], [1, 50]);
    assert.ok(ofItems > 50, `${ofItems} items in the theme`);
    assert.equal(await themesPage.items(paged).count(), 50);
    const firstItem = await themesPage.items(paged).first().textContent();
    await pager.getByRole('button', { name: 'Next page' }).click();
    await until(async () => (await range())[0] === 51, { message: 'the theme\'s next page' });
    assert.equal(await themesPage.items(paged).count(), Math.min(50, ofItems - 50));
    assert.notEqual(await themesPage.items(paged).first().textContent(), firstItem);

    // A record page and a prompt page: the record with the most drafts of one prompt.
    const perPrompt = new Map();
    for (const d of drafts.filter((d) => d.workspace === 'escalations')) {
      const key = `${d.record_id}\u0000${d.prompt_id}`;
      perPrompt.set(key, (perPrompt.get(key) ?? 0) + 1);
    }
    const [[busiest, draftCount]] = [...perPrompt].sort((a, b) => b[1] - a[1]);
    const [recordId, promptId] = busiest.split('\u0000');
    const record = escalations.find((e) => e.id === recordId);
    assert.ok(record, `drafts belong to a seeded escalation (${recordId})`);
    await page.goto(`${server.url}#/escalations/${recordId}`);
    const form = new RecordForm(page);
    await form.waitForIt();
    await until(async () => (await form.value('What the customer said')) === record.summary, { timeout: 10000, message: 'the record did not load' });
    // With hundreds of accounts the picker is drawn with the record's account first and the
    // whole sorted list a task later: it ends up with every account, the record's chosen.
    const picker = form.field('Account');
    const account = accounts.find((a) => a.id === record.account_id);
    await until(async () => (await picker.locator('option').count()) === accounts.length + 1, { timeout: 10000, message: 'the picker lists every account' });
    assert.equal(await picker.inputValue(), record.account_id);
    assert.equal(await picker.locator('option:checked').textContent(), account.name);
    await page.goto(`${server.url}#/escalations/${recordId}/prompt/${promptId}`);
    const panel = new DraftPanel(page);
    await panel.waitForIt();
    await panel.openHistory();
    await until(async () => (await panel.historyCount()) === draftCount, { timeout: 10000, message: `expected ${draftCount} earlier drafts` });

    assert.deepEqual(errors, []);
    await context.close();
  });
});
