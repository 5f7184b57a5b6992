// End-to-end: rehearsing an escalation's customer call. With the mock model, a rehearsal of
// three turns streams, is scored with the coach's comment, is stored and reloads; with no
// connection, the built-in customer plays the contact and a forbidden promise typed by the CSM
// is quoted in the scorecard.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { launch, openApp } from './support/browser.mjs';
import { startMockLlm } from './support/mock-llm.mjs';
import { Connections, RecordList, Rehearsal } from './support/pages.mjs';
import { serveDist } from './support/static-server.mjs';
import { createAccount, createEscalation, hoursAgo } from './support/scenarios.mjs';

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
  await createEscalation(page, {
    Account: 'Acme Corp',
    'Primary contact': 'Li Wei',
    "Contact's title": 'CIO',
    'Received at': hoursAgo(1),
    'What the customer said': SUMMARY,
    'Underlying issue': 'Export workers time out on large tenants.',
    'What we can honestly fix, and when': 'A patch for the export timeout ships on Friday.',
  });
  await new RecordList(page).open('Exports have failed');
  const rehearsal = new Rehearsal(page);
  await rehearsal.open();
  return rehearsal;
}

/** How many lines the customer (Li Wei) has said. */
async function customerLines(rehearsal) {
  return (await rehearsal.lines()).filter(([who]) => who === 'Li Wei').length;
}

describe('Rehearse the call', () => {
  test('the built-in customer works with no connection, and a forbidden promise is quoted', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    const rehearsal = await openRehearsal(page);
    assert.equal(await rehearsal.playedByChoice(), 'Built-in customer (no AI)', 'the built-in customer is the default with no connection');
    await rehearsal.chooseDifficulty('Hostile');
    await rehearsal.start();
    const [[speaker, opening]] = await rehearsal.lines();
    assert.equal(speaker, 'Li Wei', 'the customer is the record’s contact');
    assert.match(opening, /Exports have failed for two days/, 'the customer opens with what they said');

    await rehearsal.say('I understand this stopped your month-end exports, and I am sorry.', { withKeys: true });
    assert.match(await rehearsal.log().textContent(), /When exactly will this be fixed\?/, 'a product failure asks for a date');
    await rehearsal.say("We'll give you a credit for the whole month.");
    await rehearsal.endAndScore();

    const text = await rehearsal.scorecard().textContent();
    assert.match(text, /of 5 checks passed/);
    assert.match(text, /A forbidden promise: Credits, refunds or discounts without finance approval\./);
    assert.deepEqual(await rehearsal.failedQuotes(), ["We'll give you a credit for the whole month"], 'the line that broke the rule is quoted');
    await rehearsal.scorecard().screenshot({ path: new URL('./screenshots/rehearsal-scorecard.png', import.meta.url).pathname });
    assert.equal(await rehearsal.replyBox().count(), 0, 'a scored rehearsal is read-only');
    await page.reload();
    await rehearsal.scorecard().waitFor();
    assert.match(await rehearsal.scorecard().textContent(), /give you a credit/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('with the mock model, three turns stream, are scored with a comment, stored and reloaded', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    const connections = new Connections(page);
    await connections.add('Other OpenAI-compatible server', {
      Name: 'Mock OpenAI',
      'Base URL': `${mock.url}/openai/v1`,
      'API key': 'test-key',
      Model: 'mock-model',
    });
    await connections.save();
    const rehearsal = await openRehearsal(page);
    assert.match(await rehearsal.playedByChoice(), /Mock OpenAI/);
    const sentBefore = mock.requests.length;
    await rehearsal.start();
    assert.match(await rehearsal.log().textContent(), /Mock answer/, 'the model opens the call');

    await rehearsal.say('I am sorry, I understand the exports outage is hurting your team.');
    await rehearsal.say('Our engineering team found the cause, and I have brought in our product team, legal and our VP as executive sponsor.');
    await rehearsal.say('I will call you on Friday at 10:00 with the test results; support stays on the ticket.');
    assert.equal(await customerLines(rehearsal), 4);

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

    await rehearsal.endAndScore();
    await rehearsal.scorecard().getByRole('heading', { name: "Coach's comment" }).waitFor();
    const scored = await rehearsal.scorecard().textContent();
    assert.match(scored, /5 of 5 checks passed/, scored);
    assert.match(scored, /Echo: The transcript:/, 'the coach was asked with the transcript');

    await page.reload();
    await rehearsal.scorecard().waitFor();
    assert.match(await rehearsal.scorecard().textContent(), /5 of 5 checks passed/);
    assert.match(await rehearsal.scorecard().textContent(), /Coach's comment/);
    assert.equal(await rehearsal.turns().count(), 7);

    await page.getByRole('link', { name: 'Back to the record' }).click();
    const stored = rehearsal.pastRehearsals();
    await stored.first().waitFor();
    assert.equal(await stored.count(), 1);
    assert.match(await stored.first().textContent(), /Frustrated · 5 of 5 checks passed/);
    await stored.first().click();
    await rehearsal.scorecard().waitFor();
    assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
    await context.close();
  });
});
