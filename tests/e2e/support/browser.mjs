// Launches Debian's Chromium headless through playwright-core (no browser download), and
// records page errors so every test can assert that none happened. Every page opened through
// `openApp` also reports Content-Security-Policy violations, and any test during which one
// happened fails (an afterEach hook, registered for every test file that imports this).
import { afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

/** CSP violations reported since the last test ended, as "directive: blocked URI (source)". */
const cspViolations = [];

// Only under the test runner (`node --test`): benchmark scripts import this module too.
if (process.env.NODE_TEST_CONTEXT) {
  afterEach(() => {
    const found = cspViolations.splice(0);
    assert.deepEqual(found, [], `Content-Security-Policy violations:\n${found.join('\n')}`);
  });
}

/** Takes the CSP violations reported so far (for a test that provokes one on purpose). */
export function takeCspViolations() {
  return cspViolations.splice(0);
}

/** Listens for `securitypolicyviolation` in every page and frame of `context`. */
async function watchCsp(context) {
  await context.exposeBinding('__casebookCspViolation', ({ page }, text) => {
    cspViolations.push(`${text} on ${page?.url() ?? 'a page'}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__casebookCspViolation(`${e.effectiveDirective}: ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
}

const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

/**
 * A browser with a persistent profile in `dir` (its IndexedDB survives a restart), for
 * benchmarks that measure the app as a user finds it on opening it again.
 */
export async function launchProfile(dir) {
  return chromium.launchPersistentContext(dir, { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ARGS });
}

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ARGS });
}

/** A fresh browser context whose pages report CSP violations (see the afterEach above). */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext(options);
  await watchCsp(context);
  return context;
}

/**
 * A fresh browser context (empty IndexedDB) with a page that collects errors. `timezoneId`
 * (an IANA zone) sets the page's local time zone; by default it is the machine's.
 */
export async function openApp(browser, url, { locale = 'en-US', timezoneId } = {}) {
  const context = await newContext(browser, { locale, acceptDownloads: true, ...(timezoneId ? { timezoneId } : {}) });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  await page.waitForSelector('main h1');
  return { context, page, errors };
}
