// End-to-end: redaction before anything is sent. With "Redact customer identities" on, the
// request the mock model receives holds placeholders instead of the record's customer, contact,
// e-mail address and phone number; the draft on screen (and as stored) has them restored, and
// "Preview what will be sent" shows the redacted body. On "Automatic", a connection to a server
// on this computer sends the text as written.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { launch, openApp } from './support/browser.mjs';
import { startMockLlm } from './support/mock-llm.mjs';
import { Connections, DraftPanel, EscalationPanel } from './support/pages.mjs';
import { serveDist } from './support/static-server.mjs';
import { ANGRY, createAngryEscalation } from './support/scenarios.mjs';

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

const PHONE = '+1 415 555 0100';
const SUMMARY = `Dana wrote from ${ANGRY.email}: "Call me on ${PHONE}. Northwind Logistics cannot plan a single route since this morning."`;
/** What must never reach the model once redaction is on. */
const SECRETS = ['Northwind', 'Dana', 'Whitfield', ANGRY.email, '555 0100'];
const REDACT = 'Redact customer identities';

/** A fresh app with a connection to the mock's `placeholders` model and the angry customer's escalation. */
async function appWithRedaction(redaction) {
  const opened = await openApp(browser, server.url);
  const connections = new Connections(opened.page);
  await connections.add('Other OpenAI-compatible server', {
    Name: 'Mock OpenAI',
    'Base URL': `${mock.url}/openai/v1`,
    'API key': 'test-key',
    Model: 'placeholders',
  });
  const localDefault = await connections.form().chosen(REDACT);
  if (redaction) await connections.form().fill({ [REDACT]: redaction });
  await connections.save();
  await createAngryEscalation(opened.page, { summary: SUMMARY });
  return { ...opened, localDefault };
}

/** The chat requests the mock received since `from`, as JSON text. */
function sentSince(from) {
  return mock.requests.slice(from).filter((r) => r.method === 'POST').map((r) => JSON.stringify(r.body));
}

describe('Redaction before anything is sent', () => {
  test('the model gets placeholders, the draft shows the names, the preview shows the body', async () => {
    const { context, page, errors, localDefault } = await appWithRedaction('Names, contacts, e-mails, phones and links');
    assert.equal(localDefault, 'Automatic: on for cloud services, off for servers on this computer', 'redaction follows the address by default');
    await new EscalationPanel(page).openPrompt('Response plan');
    const panel = new DraftPanel(page);

    const preview = await panel.previewRequest();
    assert.match(preview, /^POST http:\/\/127\.0\.0\.1:\d+\/openai\/v1\/chat\/completions/);
    for (const secret of [...SECRETS, 'test-key']) assert.ok(!preview.includes(secret), `${secret} in the preview`);
    assert.match(preview, /\[CUSTOMER_1\]/);

    const from = mock.requests.length;
    await panel.generate();
    await panel.waitForStatus(/Complete/);
    const [body] = sentSince(from);
    assert.ok(body, 'the request reached the mock');
    for (const secret of SECRETS) assert.ok(!body.includes(secret), `${secret} was sent: ${body}`);
    for (const placeholder of ['[CUSTOMER_1]', '[CONTACT_1]', '[EMAIL_1]', '[PHONE_1]']) {
      assert.ok(body.includes(placeholder), `${placeholder} in ${body}`);
    }

    const restored = async () => {
      const text = await panel.output();
      assert.ok(!/\[[A-Z]+_\d+\]/.test(text), `a placeholder left in: ${text}`);
      for (const shown of ['Northwind Logistics', 'Dana Whitfield', ANGRY.email, PHONE]) assert.ok(text.includes(shown), `${shown} not restored in: ${text}`);
    };
    await restored();
    // For the README and the issue: the redacted request above the restored draft.
    assert.ok(!(await panel.previewRequest()).includes('Northwind'), 'the preview stays redacted');
    await panel.panel().screenshot({ path: new URL('./screenshots/redaction-request-and-draft.png', import.meta.url).pathname });
    await page.reload();
    await panel.waitForIt();
    await panel.openHistory();
    await panel.showEarlier();
    await restored();
    assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
    await context.close();
  });

  test('on automatic, a server on this computer gets the text as written', async () => {
    const { context, page } = await appWithRedaction(null);
    await new EscalationPanel(page).openPrompt('Response plan');
    const panel = new DraftPanel(page);
    const from = mock.requests.length;
    await panel.generate();
    await panel.waitForStatus(/Complete/);
    const [body] = sentSince(from);
    assert.ok(body.includes('Northwind Logistics') && body.includes(ANGRY.email), 'sent as written');
    assert.ok(!body.includes('[CUSTOMER_1]'));
    await context.close();
  });
});
