// Launches Debian's Chromium headless through playwright-core (no browser download), and
// records page errors so every test can assert that none happened.
import { chromium } from 'playwright-core';

const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ARGS });
}

/**
 * A fresh browser context (empty IndexedDB) with a page that collects errors. `timezoneId`
 * (an IANA zone) sets the page's local time zone; by default it is the machine's.
 */
export async function openApp(browser, url, { locale = 'en-US', timezoneId } = {}) {
  const context = await browser.newContext({ locale, acceptDownloads: true, ...(timezoneId ? { timezoneId } : {}) });
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
