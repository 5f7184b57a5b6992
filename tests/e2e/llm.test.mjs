// End-to-end: the draft panel against a local mock LLM server that speaks each provider's
// real wire format (OpenAI-compatible, Azure OpenAI, Anthropic, Gemini): set-up in Settings,
// streamed answers, stop, a slow trickle, and every failure the user must understand.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { launch, openApp } from './support/browser.mjs';
import { startMockLlm } from './support/mock-llm.mjs';
import { Connections, DraftPanel, Shell, until } from './support/pages.mjs';
import { serveDist } from './support/static-server.mjs';
import { openResponsePlan } from './support/scenarios.mjs';

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

const PROVIDERS = {
  openai: (model) => ['Other OpenAI-compatible server', { Name: 'Mock OpenAI', 'Base URL': `${mock.url}/openai/v1`, 'API key': 'test-key', Model: model }],
  azure: (model) => [
    'Azure OpenAI',
    { Name: 'Mock Azure', 'Azure resource': `${mock.url}/azure`, 'Azure deployment': model, 'Azure API version': '2024-10-21', 'API key': 'test-key' },
  ],
  anthropic: (model) => ['Anthropic', { Name: 'Mock Anthropic', 'Base URL': `${mock.url}/anthropic`, 'API key': 'test-key', Model: model }],
  gemini: (model) => ['Google Gemini', { Name: 'Mock Gemini', 'Base URL': `${mock.url}/gemini/v1beta`, 'API key': 'test-key', Model: model }],
};

/** A fresh app with one connection of `provider` using `model` (the mock's scenario). */
async function appWith(provider, model, overrides = {}) {
  const opened = await openApp(browser, server.url);
  const [preset, values] = PROVIDERS[provider](model);
  const connections = new Connections(opened.page);
  await connections.add(preset, { ...values, ...overrides });
  await connections.save();
  await openResponsePlan(opened.page);
  return { ...opened, panel: new DraftPanel(opened.page) };
}

describe('AI connections and streamed drafts', () => {
  for (const provider of Object.keys(PROVIDERS)) {
    test(`${provider}: a streamed answer arrives, is saved, and the key stays in a header`, async () => {
      const before = mock.requests.length;
      const { context, page, panel, errors } = await appWith(provider, 'mock-model');
      assert.match(await panel.defaultSource(/Mock/), /Mock/, 'the connection is the default');
      await panel.generate();
      const status = await panel.waitForStatus(/Complete/);
      assert.match(status, /tokens in/, 'token usage is shown');
      const text = await panel.output();
      assert.match(text, /Echo: /);
      const sent = mock.requests.slice(before).find((r) => r.method === 'POST');
      assert.ok(sent, 'the request reached the mock');
      assert.ok(!JSON.stringify(sent.query ?? {}).includes('test-key') && !sent.path.includes('test-key'), 'no key in the URL');
      const body = JSON.stringify(sent.body);
      assert.match(body, /First customer e-mail/, 'the system message lists the sections');
      assert.match(body, /Exports have failed for two days/, 'the user message carries the form');
      assert.match(body, /P1 · executive/, 'the computed severity is sent with the form');
      await page.reload();
      await panel.openHistory();
      assert.equal(await panel.historyCount(), 1);
      assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
      await context.close();
    });
  }

  test('Settings lists the models and tests the connection', async () => {
    const { context, page } = await openApp(browser, server.url);
    const connections = new Connections(page);
    const [preset, values] = PROVIDERS.openai('mock-model');
    await connections.add(preset, values);
    await connections.listModels();
    await connections.modelChoice('slow').waitFor();
    await connections.test();
    await new Shell(page).notice(/Connected: the model answered in \d+ ms/);
    await context.close();
  });

  test('Stop keeps the partial answer, marked as such', async () => {
    const { context, page, panel } = await appWith('openai', 'stall');
    await panel.generate();
    await until(async () => (await panel.region().textContent()).length > 0);
    await panel.stop();
    await panel.waitForStatus(/Stopped \(partial\)/);
    const partial = await panel.output();
    assert.ok(partial.length > 0);
    await page.reload();
    await panel.openHistory();
    await panel.showEarlier();
    assert.equal(await panel.output(), partial, 'the partial text was saved');
    await context.close();
  });

  test('leaving the page mid-answer stops it cleanly and keeps the partial draft', async () => {
    const { context, page, panel, errors } = await appWith('openai', 'stall');
    await panel.generate();
    await until(async () => (await panel.region().textContent()).length > 0);
    const url = page.url();
    await new Shell(page).goTo('Accounts');
    await page.waitForTimeout(500);
    await page.goto(url);
    await panel.openHistory();
    assert.match(await panel.history().textContent(), /Stopped \(partial\)/);
    assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), [], 'no panic after the panel is gone');
    await context.close();
  });

  test('a streamed answer is rendered as Markdown while it streams: headings, bold and lists', async () => {
    const { context, page, panel, errors } = await appWith('openai', 'slow');
    await panel.generate();
    const region = panel.region();
    await region.getByRole('heading', { name: 'Mock answer' }).waitFor();
    await region.getByRole('strong').filter({ hasText: 'Call the customer today.' }).waitFor();
    assert.equal(await region.getAttribute('aria-busy'), 'true', 'still streaming when the heading and bold show');
    assert.doesNotMatch(await region.textContent(), /## |\*\*/, 'no Markdown syntax on screen');
    await panel.waitForStatus(/Complete/, 15000);
    assert.deepEqual(await region.getByRole('listitem').allTextContents(), ['Call the customer today.', 'Send a written update.']);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('Copy puts the rendered draft on the clipboard as HTML and text; Copy as Markdown puts the source', async () => {
    const { context, page, panel } = await appWith('openai', 'mock-model');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
    await panel.generate();
    await panel.waitForStatus(/Complete/);
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByText('Copied.').waitFor();
    const copied = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const read = async (type) => (item.types.includes(type) ? (await item.getType(type)).text() : null);
      return { html: await read('text/html'), plain: await read('text/plain') };
    });
    assert.match(copied.html, /<h2>Mock answer<\/h2>/);
    assert.match(copied.html, /<li><strong>Call the customer today.<\/strong><\/li>/);
    assert.match(copied.plain, /^Mock answer\n/);
    assert.match(copied.plain, /Call the customer today\./);
    assert.doesNotMatch(copied.plain, /## |\*\*|<h2>/, 'the plain text is what a reader sees');

    await page.getByRole('button', { name: 'Copy as Markdown' }).click();
    const markdown = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(markdown, /^## Mock answer\n\n- \*\*Call the customer today\.\*\*\n/);
    await context.close();
  });

  test('a slow trickle is shown as it arrives', async () => {
    const { context, page, panel } = await appWith('anthropic', 'slow');
    await panel.generate();
    await until(async () => (await panel.region().textContent()).length > 0);
    const early = (await panel.output()).length;
    await page.waitForTimeout(600);
    const later = (await panel.output()).length;
    assert.ok(later > early, `the text grew while streaming (${early} -> ${later})`);
    await panel.waitForStatus(/Complete/, 15000);
    await context.close();
  });

  // [provider, model (scenario), connection overrides, message, whether text arrived first]
  const failures = [
    ['openai', 'mock-model', { 'API key': 'wrong-key' }, /refused the API key/, false],
    ['gemini', 'error-404', {}, /does not know this address, model or deployment/, false],
    ['anthropic', 'error-529', {}, /overloaded/, false],
    ['openai', 'error-500', {}, /internal error \(HTTP 500\)/, false],
    ['openai', 'drop', {}, /connection was lost/, true],
    ['gemini', 'truncated', {}, /stopped before the AI service said it was complete/, true],
    ['anthropic', 'midstream-error', {}, /overloaded|stopped the answer with an error/, true],
    ['openai', 'bad-json', {}, /cannot read/, true],
  ];
  for (const [provider, model, overrides, message, partial] of failures) {
    const what = overrides['API key'] ? 'wrong key' : model;
    test(`${provider} ${what}: a clear message${partial ? ', and the text so far is kept' : ''}`, async () => {
      const { context, page, panel } = await appWith(provider, model, overrides);
      await panel.generate();
      await panel.waitForStatus(/Failed \(partial\)/, 15000);
      assert.match(await panel.error(), message);
      if (partial) {
        const shown = await panel.output();
        assert.ok(shown.length > 0, 'partial text shown');
        await page.reload();
        await panel.openHistory();
        await panel.showEarlier();
        assert.equal(await panel.output(), shown, 'partial text saved');
      }
      await context.close();
    });
  }

  test('a rate limit is retried once after the time the provider asks for', async () => {
    const { context, page, panel } = await appWith('openai', 'count-429-once');
    await panel.generate();
    await panel.errorLine().filter({ hasText: 'trying again in 1 s' }).waitFor();
    await panel.waitForStatus(/Complete/, 10000);
    await context.close();
  });

  test('a rate limit that persists after the retry shows the wait the provider asked for', async () => {
    const { context, page, panel } = await appWith('anthropic', 'error-429');
    await panel.generate();
    await panel.errorLine().filter({ hasText: 'trying again in 7 s' }).waitFor();
    await panel.waitForStatus(/Failed/, 15000);
    assert.match(await panel.error(), /too many requests from this key\. Try again in 7 s/);
    await context.close();
  });

  test('Stop during a rate-limit wait sends nothing more: the panel is idle and says it stopped', async () => {
    const { context, page, panel, errors } = await appWith('openai', 'error-429-short');
    const sent = () => mock.requests.filter((r) => r.method === 'POST' && r.body?.model === 'error-429-short').length;
    const before = sent();
    // The page's timers stand still until resumed: the wait cannot end by itself meanwhile.
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1000);
    await panel.generate();
    await page.getByRole('alert').filter({ hasText: 'trying again in 3 s' }).waitFor();
    assert.equal(sent(), before + 1, 'the first request was rate limited');
    // The countdown follows the clock.
    await page.clock.runFor(1000);
    await page.getByRole('alert').filter({ hasText: 'trying again in 2 s' }).waitFor();
    const stop = page.getByRole('button', { name: 'Stop', exact: true });
    await stop.click();
    await panel.waitForStatus(/^Stopped \(partial\)/);
    assert.ok(await stop.isDisabled(), 'the panel is idle');
    assert.ok(await page.getByRole('button', { name: 'Regenerate', exact: true }).isEnabled());
    assert.equal(await page.getByRole('alert').filter({ hasText: 'trying again in' }).count(), 0, 'the countdown is gone');
    // Past the time the provider asked for, nothing more was sent.
    await page.clock.resume();
    await page.waitForTimeout(4000);
    assert.equal(sent(), before + 1, 'no request after Stop');
    assert.match(await panel.waitForStatus(/Stopped/), /^Stopped \(partial\)/);
    assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
    await context.close();
  });

  test('an endpoint that refuses this page (CORS) gets the unreachable message with a hint', async () => {
    const { context, panel } = await appWith('openai', 'mock-model', { 'Base URL': `${mock.url}/nocors/openai/v1` });
    await panel.generate();
    await panel.waitForStatus(/Failed/);
    assert.match(await panel.error(), /could not reach the AI service, or the service refused requests from this page \(CORS\)/);
    await context.close();
  });
});
