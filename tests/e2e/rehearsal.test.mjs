// End-to-end: rehearsing an escalation's customer call. With the mock model, a rehearsal of
// three turns streams, is scored with the coach's comment, is stored and reloads; with no
// connection, the built-in customer plays the contact and a forbidden promise typed by the CSM
// is quoted in the scorecard.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { launch, openApp } from './support/browser.mjs';
import { startMockLlm } from './support/mock-llm.mjs';
import { Connections, RecordForm, RecordList, Shell } from './support/pages.mjs';
import { serveDist } from './support/static-server.mjs';
import { createAccount, hoursAgo } from './support/scenarios.mjs';

let server;
let browser;
let mock;

before(async () => {
  server = await serveDist();
  browser = await launch();
  mock = await startMockLlm();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await mock?.close();
});

const SUMMARY = 'Exports have failed for two days; the CIO threatens to cancel.';

/** Creates an account and an escalation, opens it, and starts "Rehearse the call". */
async function openRehearsal(page) {
  await createAccount(page, 'Acme Corp');
  await new Shell(page).goTo('escalations');
  const list = new RecordList(page);
  await list.startNew();
  await new RecordForm(page).fill({
    account_id: 'Acme Corp',
    contact_name: 'Li Wei',
    contact_title: 'CIO',
    received_at: hoursAgo(1),
    summary: SUMMARY,
    underlying_issue: 'Export workers time out on large tenants.',
    can_fix: 'A patch for the export timeout ships on Friday.',
  });
  await new RecordForm(page).saveAndReturn();
  await list.open('Exports have failed');
  await page.getByRole('link', { name: 'Rehearse the call' }).click();
  await page.getByRole('button', { name: 'Start the rehearsal' }).waitFor();
}

/** The customer's lines so far. */
const customerLines = (page) => page.locator('#rehearsal-log .turn-customer').count();

/** Types a reply, sends it, and waits for the customer's answer to be saved in the log. */
async function say(page, text, { withKeys = false } = {}) {
  const before = await customerLines(page);
  await page.getByLabel('Your reply').fill(text);
  if (withKeys) await page.getByLabel('Your reply').press('Control+Enter');
  else await page.getByRole('button', { name: 'Send' }).click();
  // The answer is in once the customer has one more line and Send works again.
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('#rehearsal-log .turn-customer').length > n &&
      !document.querySelector('.rehearsal-reply button[type=submit]')?.disabled,
    before,
  );
}

describe('Rehearse the call', () => {
  test('the built-in customer works with no connection, and a forbidden promise is quoted', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await openRehearsal(page);
    assert.equal(
      await page.getByLabel('Customer played by').locator('option:checked').textContent(),
      'Built-in customer (no AI)',
      'the built-in customer is the default with no connection',
    );
    await page.getByLabel('Difficulty').selectOption({ label: 'Hostile' });
    await page.getByRole('button', { name: 'Start the rehearsal' }).click();
    const log = page.getByRole('log', { name: 'Conversation' });
    await log.getByText(SUMMARY, { exact: false }).waitFor();
    assert.match(await log.textContent(), /Li Wei/, 'the customer is the record’s contact');

    await say(page, 'I understand this stopped your month-end exports, and I am sorry.', { withKeys: true });
    assert.match(await log.textContent(), /When exactly will this be fixed\?/, 'a product failure asks for a date');
    await say(page, "We'll give you a credit for the whole month.");
    await page.getByRole('button', { name: 'End and score' }).click();

    const card = page.getByRole('region', { name: 'Scorecard' });
    await card.waitFor();
    const text = await card.textContent();
    assert.match(text, /of 5 checks passed/);
    assert.match(text, /A forbidden promise: Credits, refunds or discounts without finance approval\./);
    assert.equal(
      await card.locator('.check.fail blockquote').first().textContent(),
      "We'll give you a credit for the whole month",
      'the line that broke the rule is quoted',
    );
    assert.equal(await page.getByLabel('Your reply').count(), 0, 'a scored rehearsal is read-only');
    await page.reload();
    await page.getByRole('region', { name: 'Scorecard' }).waitFor();
    assert.match(await page.getByRole('region', { name: 'Scorecard' }).textContent(), /give you a credit/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('with the mock model, three turns stream, are scored with a comment, stored and reloaded', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    const connections = new Connections(page);
    await connections.add('Other OpenAI-compatible server', {
      name: 'Mock OpenAI',
      base_url: `${mock.url}/openai/v1`,
      api_key: 'test-key',
      model: 'mock-model',
    });
    await connections.save();
    await openRehearsal(page);
    assert.match(await page.getByLabel('Customer played by').locator('option:checked').textContent(), /Mock OpenAI/);
    const sentBefore = mock.requests.length;
    await page.getByRole('button', { name: 'Start the rehearsal' }).click();
    const log = page.getByRole('log', { name: 'Conversation' });
    await page.waitForFunction(
      () =>
        document.querySelectorAll('#rehearsal-log .turn-customer').length === 1 &&
        !document.querySelector('.rehearsal-reply button[type=submit]')?.disabled,
    );
    assert.match(await log.textContent(), /Mock answer/, 'the model opens the call');

    await say(page, 'I am sorry, I understand the exports outage is hurting your team.');
    await say(page, 'Our engineering team found the cause, and I have brought in our product team, legal and our VP as executive sponsor.');
    await say(page, 'I will call you on Friday at 10:00 with the test results; support stays on the ticket.');
    assert.equal(await customerLines(page), 4);

    const chats = mock.requests.slice(sentBefore).filter((r) => r.method === 'POST');
    assert.equal(chats.length, 4, 'the opening and three answers');
    const last = chats.at(-1).body.messages;
    assert.equal(last[0].role, 'system');
    assert.match(last[0].content, /You are Li Wei, CIO at Acme Corp/);
    assert.match(last[0].content, /Never break character/);
    assert.deepEqual(
      last.slice(1).map((m) => m.role),
      ['user', 'assistant', 'user', 'assistant', 'user', 'assistant', 'user'],
      'the conversation alternates and ends with the CSM',
    );
    assert.match(last.at(-1).content, /Friday at 10:00/);

    await page.getByRole('button', { name: 'End and score' }).click();
    const card = page.getByRole('region', { name: 'Scorecard' });
    await card.getByRole('heading', { name: 'Coach\'s comment' }).waitFor();
    const scored = await card.textContent();
    assert.match(scored, /5 of 5 checks passed/, scored);
    assert.match(scored, /Echo: The transcript:/, 'the coach was asked with the transcript');

    await page.reload();
    const reloaded = page.getByRole('region', { name: 'Scorecard' });
    await reloaded.waitFor();
    assert.match(await reloaded.textContent(), /5 of 5 checks passed/);
    assert.match(await reloaded.textContent(), /Coach's comment/);
    assert.equal(await page.locator('#rehearsal-log .turn').count(), 7);

    await page.getByRole('link', { name: 'Back to the record' }).click();
    const past = page.getByRole('region', { name: 'Rehearsals' });
    const stored = past.getByRole('listitem').getByRole('link');
    await stored.first().waitFor();
    assert.equal(await stored.count(), 1);
    assert.match(await stored.first().textContent(), /Frustrated · 5 of 5 checks passed/);
    await stored.first().click();
    await page.getByRole('region', { name: 'Scorecard' }).waitFor();
    assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
    await context.close();
  });
});
