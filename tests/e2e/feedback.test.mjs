// End-to-end: the Feedback workspace as a CSM uses it, on the build with the `feedback`
// feature (dist-full/): an item moves through its stages (each dated) with a commitment to
// the customer; the health dashboard computes the month's figures, charts and tracker from
// the items. Dates are computed in the page's own time zone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';

import { launch, openApp } from './support/browser.mjs';
import { afterSave, RecordForm, RecordList, Shell } from './support/pages.mjs';
import { browserDateIn, createAccount } from './support/scenarios.mjs';
import { serveDist } from './support/static-server.mjs';

const DIST = process.env.CASEBOOK_FULL_DIST ?? resolve(import.meta.dirname, '../../dist-full');

let server;
let browser;

before(async () => {
  server = await serveDist({ dist: DIST });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

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
