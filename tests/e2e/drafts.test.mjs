// End-to-end: a guided prompt on a real escalation, drafted by the built-in drafter (no key,
// no network): the form is prefilled from the record, the draft has every section with the
// record's facts, it is saved, survives a reload, can be edited, and speaks Chinese on request.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { launch, openApp } from './support/browser.mjs';
import { afterSave, DraftPanel, Shell } from './support/pages.mjs';
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
    assert.match(await page.inputValue('#f-summary'), /Exports have failed for two days/, 'the form is prefilled');
    const panel = new DraftPanel(page);
    assert.equal(await page.inputValue('#draft-source'), 'builtin', 'no connection: the built-in drafter is the default');
    await panel.generate();
    await panel.waitForStatus(/Complete · Built-in drafter/);
    const text = await panel.output();
    for (const heading of [
      'Severity and rationale',
      'First customer e-mail (send within 2 hours)',
      'Internal briefs',
      '14-day timeline with customer-update checkpoints',
      'What NOT to promise',
    ]) {
      assert.ok(text.includes(`## ${heading}`), `missing section ${heading}`);
    }
    assert.match(text, /Built-in draft \(no AI model\)/);
    assert.match(text, /Subject: Acme Corp/);
    assert.match(text, /Li Wei/);
    assert.match(text, /A patch for the export timeout ships on Friday/);
    assert.match(text, /Escalation type \(built-in rules\):\** Product failure/);
    assert.match(text, /Severity \(built-in rules\):\** P1 · executive/);
    assert.match(text, /Customer-update checkpoints \(local time, by severity\):\*\* (\d{4}-\d\d-\d\d \d\d:\d\d, ){13}\d{4}-\d\d-\d\d \d\d:\d\d/, 'P1: 14 daily checkpoints');
    assert.match(text, /cancellation, non-renewal or legal action threatened; an executive asks for or is in the escalation; ARR of 250,000 or more with renewal within 90 days/);

    await page.click('#draft-history summary');
    await page.waitForFunction(() => document.querySelectorAll('#draft-history li').length === 1);
    await panel.generate();
    await page.waitForFunction(() => document.querySelectorAll('#draft-history li').length === 2);

    await page.reload();
    await page.waitForSelector('#draft-history');
    await page.click('#draft-history summary');
    assert.equal(await panel.historyCount(), 2);
    await page.click('#draft-history li button');
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
    await page.click('#edit-draft');
    await page.fill('#draft-editor', '## My own plan\n\nCall Li Wei today.');
    // Reloading below: wait until the edited draft is in IndexedDB, not just on screen.
    await afterSave(page, () => page.click('#finish-editing'));
    await panel.waitForStatus(/Edited/);
    assert.match(await panel.output(), /Call Li Wei today/);
    await page.reload();
    await page.waitForSelector('#draft-history');
    await page.click('#draft-history summary');
    await page.click('#draft-history li button');
    assert.match(await panel.output(), /Call Li Wei today/);
    await context.close();
  });

  test('the output language is chosen per request, independent of the interface', async () => {
    const { context, page } = await openApp(browser, server.url);
    await openResponsePlan(page);
    const panel = new DraftPanel(page);
    await panel.chooseLanguage('zh-CN');
    await panel.generate();
    await panel.waitForStatus(/Complete/);
    const text = await panel.output();
    assert.match(text, /## 第一封客户回复邮件（2 小时内发送）/);
    assert.match(text, /主题：Acme Corp/);
    assert.equal(await new Shell(page).heading(), 'Response plan', 'the interface stays in English');
    await context.close();
  });
});
