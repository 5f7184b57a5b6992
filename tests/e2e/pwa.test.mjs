// End-to-end: Casebook as an installable, offline-capable app under a strict
// Content-Security-Policy. The manifest installs from the sub-path; after one visit the app
// opens with the network off and lists every record; a cloud model says plainly that the
// browser is offline while the built-in drafter still drafts; a newly deployed version is
// offered with "Reload to update", which waits for unsaved edits.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { launch, newContext, openApp, takeCspViolations } from './support/browser.mjs';
import { startMockLlm } from './support/mock-llm.mjs';
import { Connections, DraftPanel, RecordForm, RecordList, Shell } from './support/pages.mjs';
import { createAccount, openResponsePlan } from './support/scenarios.mjs';
import { serveDist } from './support/static-server.mjs';

const DIST = process.env.CASEBOOK_DIST ?? resolve(import.meta.dirname, '../../dist');

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

/** Waits until the service worker has precached the app and controls the page. */
async function untilOfflineReady(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
  });
}

describe('strict Content-Security-Policy', () => {
  test('the app starts under a policy without inline script or eval, and inline script is refused and reported', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    for (const part of ["script-src 'self' 'wasm-unsafe-eval' 'sha256-", "object-src 'none'", "base-uri 'none'", "style-src 'self'", "font-src 'self'", 'http://127.0.0.1:*']) {
      assert.ok(policy.includes(part), `the policy has ${part}: ${policy}`);
    }
    assert.doesNotMatch(policy, /unsafe-inline|'unsafe-eval'/);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true;';
      document.body.append(script);
    });
    await page.waitForFunction(() => true);
    assert.equal(await page.evaluate(() => window.injected ?? false), false, 'the inline script did not run');
    await page.waitForTimeout(100);
    const reported = takeCspViolations();
    assert.equal(reported.length, 1, `one violation reported: ${reported.join('; ')}`);
    assert.match(reported[0], /^script-src-elem: inline/);
    assert.deepEqual(errors.filter((e) => !/Content Security Policy/.test(e)), []);
    await context.close();
  });

  test('_headers carries the same policy as a header, with frame-ancestors', async () => {
    const headers = await readFile(join(DIST, '_headers'), 'utf8');
    const html = await readFile(join(DIST, 'index.html'), 'utf8');
    const meta = html.match(/content="(default-src[^"]*)"/)[1];
    assert.ok(headers.includes(`Content-Security-Policy: ${meta}; frame-ancestors 'none'`));
  });
});

describe('installable and offline', () => {
  test('the manifest installs from the sub-path, with icons at 192 and 512 px', async () => {
    const { context, page } = await openApp(browser, server.url);
    const href = await page.getAttribute('link[rel="manifest"]', 'href');
    const manifest = await page.evaluate(async (url) => (await fetch(url)).json(), href);
    assert.equal(manifest.start_url, './');
    assert.equal(manifest.scope, './');
    assert.equal(manifest.name, 'Casebook');
    assert.ok(manifest.theme_color);
    for (const icon of manifest.icons) {
      const type = await page.evaluate(async (src) => {
        const response = await fetch(src);
        return response.ok ? response.headers.get('content-type') : `HTTP ${response.status}`;
      }, icon.src);
      assert.equal(type, icon.type, `${icon.src} is served`);
    }
    assert.deepEqual(manifest.icons.map((i) => i.sizes), ['any', '192x192', '512x512']);
    await context.close();
  });

  test('after one visit the app opens with the network off and every record is listed', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await createAccount(page, 'Acme Corp');
    await createAccount(page, 'Globex');
    await untilOfflineReady(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, server.url, 'the worker is scoped to the sub-path');

    await context.setOffline(true);
    await page.reload();
    await new Shell(page).title().waitFor();
    await new Shell(page).goTo('Accounts');
    const rows = await new RecordList(page).rowTexts();
    assert.equal(rows.length, 2);
    assert.ok(rows.some((r) => r.includes('Acme Corp')) && rows.some((r) => r.includes('Globex')));

    // A new tab, offline, opens the app too.
    const other = await context.newPage();
    await other.goto(`${server.url}#/accounts`);
    await new Shell(other).title().waitFor();
    assert.equal((await new RecordList(other).rowTexts()).length, 2);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('offline, a cloud model says the browser is offline; the built-in drafter still drafts', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    const connections = new Connections(page);
    await connections.add('Other OpenAI-compatible server', { Name: 'Mock OpenAI', 'Base URL': `${mock.url}/openai/v1`, 'API key': 'test-key', Model: 'mock-model' });
    await connections.save();
    await openResponsePlan(page);
    await untilOfflineReady(page);

    await context.setOffline(true);
    const panel = new DraftPanel(page);
    assert.match(await panel.defaultSource(/Mock/), /Mock/, 'the connection is the default');
    await panel.generate();
    await panel.waitForStatus(/Failed/);
    assert.match(await panel.error(), /The browser is offline/);

    await panel.chooseSource('Built-in drafter (no AI)');
    await panel.generate();
    await panel.waitForStatus(/Complete · Built-in drafter/);
    assert.match(await panel.output(), /Built-in draft \(no AI model\)/);
    assert.deepEqual(errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e)), []);
    await context.close();
  });
});

describe('first paint', () => {
  for (const [locale, shown, hidden] of [['en-US', 'Loading…', '正在加载…'], ['zh-CN', '正在加载…', 'Loading…']]) {
    test(`before the wasm arrives, the static shell shows the header and "${shown}" (${locale})`, async () => {
      const context = await newContext(browser, { locale, serviceWorkers: 'block' });
      const page = await context.newPage();
      // The wasm never arrives: what is on screen is the static shell alone.
      await page.route(/_bg\.wasm$/, () => {});
      await page.goto(server.url, { waitUntil: 'domcontentloaded' });
      await page.getByText(shown).waitFor();
      assert.equal(await page.getByText(hidden).isVisible(), false);
      assert.match(await page.getByRole('banner').textContent(), /Casebook/);
      assert.equal(await page.$('main'), null, 'the app has not mounted');
      await context.close();
    });
  }

  test('the app replaces the static shell when it mounts', async () => {
    const { context, page } = await openApp(browser, server.url);
    assert.equal(await page.$('#shell'), null);
    assert.equal(await page.getByRole('banner').count(), 1);
    await context.close();
  });
});

describe('updates', () => {
  test('a newly deployed version is offered with "Reload to update", which waits for unsaved edits', async () => {
    // Build A: a copy of dist/ served from its own directory.
    const deployed = await mkdtemp(join(tmpdir(), 'casebook-deploy-'));
    await cp(DIST, deployed, { recursive: true });
    const host = await serveDist({ dist: deployed });
    try {
      const { context, page, errors } = await openApp(browser, host.url);
      await untilOfflineReady(page);
      const banner = page.getByRole('button', { name: 'Reload to update' });
      assert.equal(await banner.count(), 0, 'no banner for the version in use');

      // Build B: index.html changed, so the generated worker's precache revision differs.
      const sw = await readFile(join(deployed, 'sw.js'), 'utf8');
      const changed = sw.replace(/(url:"index\.html",revision:")[0-9a-f]+"/, '$1b-build"');
      assert.notEqual(changed, sw, 'the worker lists index.html with a revision');
      await writeFile(join(deployed, 'sw.js'), changed);

      await page.reload();
      await new Shell(page).title().waitFor();
      await banner.waitFor({ timeout: 10000 });
      assert.match(await page.getByRole('status').filter({ has: banner }).textContent(), /A new version of Casebook is ready/);

      // Unsaved edits: the click explains and does not reload.
      await page.evaluate(() => (window.stillHere = true));
      await new Shell(page).goTo('Accounts');
      await new RecordList(page).startNew();
      await new RecordForm(page).fill({ 'Account name': 'Half-typed account' });
      await banner.click();
      await page.getByText('Save or cancel your unsaved changes').waitFor();
      assert.equal(await page.evaluate(() => window.stillHere), true, 'the page did not reload');

      // Edits cancelled: the click switches to the new version and reloads once.
      await page.getByRole('link', { name: 'Cancel' }).click();
      await new Shell(page).title().filter({ hasText: 'Accounts' }).waitFor();
      await Promise.all([page.waitForEvent('framenavigated'), banner.click()]);
      await new Shell(page).title().waitFor();
      assert.equal(await page.evaluate(() => window.stillHere ?? false), false, 'the page reloaded');
      assert.equal(await banner.count(), 0, 'the new version is in use: no banner');
      assert.deepEqual(errors, []);
      await context.close();
    } finally {
      await host.close();
      await rm(deployed, { recursive: true, force: true });
    }
  });
});
