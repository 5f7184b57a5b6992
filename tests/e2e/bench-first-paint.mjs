// Benchmark (not a test, not run by .ci/test): first paint and ready time of dist/ against an
// empty page, both served from 127.0.0.1 in the same run. Each visit uses a fresh browser
// context (cold HTTP cache, no service worker yet). "First paint" is the browser's
// `first-contentful-paint` entry (the first text on screen: a paint of the background alone
// does not count), `first-paint` is printed beside it; "ready" is when the app's first page
// heading (`main h1`) exists. Run by .ci/bench after
// `trunk build --release`. RUNS sets the number of visits per page (default 15).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './support/browser.mjs';
import { serveDist } from './support/static-server.mjs';

const RUNS = Number(process.env.RUNS ?? 15);
const EMPTY_PAGE = '<!doctype html><html lang="en"><meta charset="utf-8"><title>Empty</title><p>.</p></html>';

/** Records when `main h1` first exists, in ms since navigation start (before any page script). */
const WATCH_READY = () => {
  const seen = () => {
    if (window.__readyAt === undefined && document.querySelector('main h1')) window.__readyAt = performance.now();
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
};

async function visit(browser, url, { waitReady }) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(WATCH_READY);
  await page.goto(url);
  if (waitReady) await page.waitForFunction(() => window.__readyAt !== undefined);
  const paints = await page.waitForFunction(() => {
    const entries = performance.getEntriesByType('paint');
    const at = (name) => entries.find((e) => e.name === name)?.startTime;
    return at('first-contentful-paint') !== undefined && { fcp: at('first-contentful-paint'), fp: at('first-paint') ?? NaN };
  });
  const { fcp, fp } = await paints.jsonValue();
  const result = { fcp, fp, ready: waitReady ? await page.evaluate(() => window.__readyAt) : undefined };
  await context.close();
  return result;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const emptyDir = await mkdtemp(join(tmpdir(), 'casebook-empty-'));
await writeFile(join(emptyDir, 'index.html'), EMPTY_PAGE);
const app = await serveDist();
const empty = await serveDist({ dist: emptyDir });
const browser = await launch();
try {
  const figures = { app: { fcp: [], fp: [], ready: [] }, empty: { fcp: [], fp: [] } };
  // Interleaved, so both pages see the same machine load.
  for (let i = 0; i < RUNS; i += 1) {
    const a = await visit(browser, app.url, { waitReady: true });
    const e = await visit(browser, empty.url, { waitReady: false });
    for (const key of ['fcp', 'fp']) {
      figures.app[key].push(a[key]);
      figures.empty[key].push(e[key]);
    }
    figures.app.ready.push(a.ready);
  }
  const [emptyPaint, appPaint] = [median(figures.empty.fcp), median(figures.app.fcp)];
  console.log(
    `benchmark first paint (median of ${RUNS} cold visits): empty page ${emptyPaint.toFixed(0)} ms; ` +
      `dist/ ${appPaint.toFixed(0)} ms (${(appPaint / emptyPaint).toFixed(2)}x the empty page); dist/ ready ${median(figures.app.ready).toFixed(0)} ms ` +
      `(first-paint entries: empty ${median(figures.empty.fp).toFixed(0)} ms, dist/ ${median(figures.app.fp).toFixed(0)} ms)`,
  );
} finally {
  await browser.close();
  await app.close();
  await empty.close();
  await rm(emptyDir, { recursive: true, force: true });
}
