// End-to-end: a guided prompt on a real escalation, drafted by the built-in drafter (no key,
// no network): the form is prefilled from the record, the draft has every section with the
// record's facts, it is saved, survives a reload, can be edited, and speaks Chinese on request.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { launch, openApp } from './support/browser.mjs';
import { afterSave, DraftPanel, RecordForm, Shell, until } from './support/pages.mjs';
import { openResponsePlan } from './support/scenarios.mjs';
import { serveDist } from './support/static-server.mjs';

let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('guided prompt with the built-in drafter', () => {
  test('the response plan is drafted from the record, saved, and survives a reload', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await openResponsePlan(page);
    assert.match(await new RecordForm(page).value('What the customer said'), /Exports have failed for two days/, 'the form is prefilled');
    const panel = new DraftPanel(page);
    assert.equal(await panel.sourceLabel(), 'Built-in drafter (no AI)', 'no connection: the built-in drafter is the default');
    await panel.generate();
    await panel.waitForStatus(/Complete · Built-in drafter/);
    const text = await panel.output();
    const headings = await panel.headings();
    for (const heading of [
      'Severity and rationale',
      'First customer e-mail (send within 2 hours)',
      'Internal briefs',
      '14-day timeline with customer-update checkpoints',
      'What NOT to promise',
    ]) {
      assert.ok(headings.includes(heading), `missing section ${heading}: ${headings.join(' | ')}`);
    }
    assert.match(text, /Built-in draft \(no AI model\)/);
    assert.match(text, /Subject: Acme Corp/);
    assert.match(text, /Li Wei/);
    assert.match(text, /A patch for the export timeout ships on Friday/);
    assert.match(text, /Escalation type \(built-in rules\):\** Product failure/);
    assert.match(text, /Severity \(built-in rules\):\** P1 · executive/);
    assert.match(text, /Customer-update checkpoints \(local time, by severity\): (\d{4}-\d\d-\d\d \d\d:\d\d, ){13}\d{4}-\d\d-\d\d \d\d:\d\d/, 'P1: 14 daily checkpoints');
    assert.match(text, /cancellation, non-renewal or legal action threatened; an executive asks for or is in the escalation; ARR of 250,000 or more with renewal within 90 days/);

    await panel.openHistory();
    await until(async () => (await panel.historyCount()) === 1);
    await panel.generate();
    await until(async () => (await panel.historyCount()) === 2);

    await page.reload();
    await panel.openHistory();
    assert.equal(await panel.historyCount(), 2);
    await panel.showEarlier();
    assert.match(await panel.output(), /## What NOT to promise/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a draft can be edited by hand and is kept as edited', async () => {
    const { context, page } = await openApp(browser, server.url);
    await openResponsePlan(page);
    const panel = new DraftPanel(page);
    await panel.generate();
    await panel.waitForStatus(/Complete/);
    await panel.edit();
    const source = panel.editor();
    assert.match(await source.inputValue(), /^# Response plan|## Severity and rationale/m, 'the editor holds the Markdown source');
    await source.fill('## My own plan\n\nCall **Li Wei** today.');
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.getByRole('heading', { name: 'My own plan' }).waitFor();
    assert.equal(await preview.getByRole('strong').textContent(), 'Li Wei', 'the preview renders as the Markdown is typed');
    // Reloading below: wait until the edited draft is in IndexedDB, not just on screen.
    await afterSave(page, () => panel.finishEditingButton().click());
    await panel.waitForStatus(/Edited/);
    assert.match(await panel.output(), /Call Li Wei today/);
    assert.deepEqual(await panel.headings(), ['My own plan']);
    await page.reload();
    await panel.openHistory();
    await panel.showEarlier();
    assert.match(await panel.output(), /Call Li Wei today/);
    await context.close();
  });

  test('the output language is chosen per request, independent of the interface', async () => {
    const { context, page } = await openApp(browser, server.url);
    await openResponsePlan(page);
    const panel = new DraftPanel(page);
    await panel.chooseLanguage('Simplified Chinese');
    await panel.generate();
    await panel.waitForStatus(/Complete/);
    const text = await panel.output();
    assert.match(text, /## 第一封客户回复邮件（2 小时内发送）/);
    assert.match(text, /主题：Acme Corp/);
    assert.equal(await new Shell(page).heading(), 'Response plan', 'the interface stays in English');
    await context.close();
  });

  test('the print view keeps the rendered draft and leaves out the form, buttons and navigation', async () => {
    const { context, page } = await openApp(browser, server.url);
    await openResponsePlan(page);
    const panel = new DraftPanel(page);
    await panel.generate();
    await panel.waitForStatus(/Complete/);
    await page.evaluate(() => {
      window.print = () => (window.__printed = true);
    });
    await page.getByRole('button', { name: 'Print' }).click();
    assert.equal(await page.evaluate(() => window.__printed), true, 'Print opens the print dialog');
    await page.emulateMedia({ media: 'print' });
    assert.ok(await panel.region().getByRole('heading', { name: 'What NOT to promise' }).isVisible());
    for (const hidden of [
      page.getByLabel('What the customer said'),
      page.getByRole('button', { name: 'Print' }),
      page.getByRole('button', { name: 'Regenerate' }),
      page.getByRole('navigation', { name: 'Main' }),
      panel.statusLine(),
    ]) {
      assert.equal(await hidden.isVisible(), false, `${hidden} is not printed`);
    }
    await context.close();
  });

  test('text typed in a form reaches the draft as text: no HTML, no script links', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await openResponsePlan(page);
    const hostile = 'Exports fail <img src=x onerror="window.__pwned=1"> see [details](javascript:window.__pwned=2) <script>window.__pwned=3</script>';
    await page.getByLabel('What the customer said').fill(hostile);
    const panel = new DraftPanel(page);
    await panel.generate();
    await panel.waitForStatus(/Complete/);
    const region = panel.region();
    assert.ok((await region.textContent()).includes('<img src=x onerror="window.__pwned=1">'), 'the tag is shown as text');
    assert.equal(await region.getByRole('img').count(), 0);
    assert.deepEqual(await region.getByRole('link').evaluateAll((links) => links.filter((a) => a.href.startsWith('javascript')).length), 0);
    // A script element has no role: the region's markup is checked for one.
    assert.doesNotMatch(await region.innerHTML(), /<script/i);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
