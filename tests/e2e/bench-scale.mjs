// Benchmark (not a test, not run by .ci/test): every page on a year of a team's records. For
// each scale (10,000 and 100,000 feedback items, with 5,000 escalations and 50,000 drafts),
// writes a seeded backup with the seed command (`cargo run --release --example seed`), fills
// the app's IndexedDB in a fresh browser profile straight from the page (5,000 records per
// transaction), restarts the browser on that profile, then opens Home, each workspace list,
// the health dashboard (first and later visits), a record page and a prompt page, and prints per page: the time to
// interactive (from the navigation until the page shows its data and the main thread has been
// free of long tasks for QUIET_MS), the longest main-thread task (PerformanceObserver
// "longtask"), the JS heap after a forced GC, the wasm memory and the app renderer's memory
// (proportional set size). Run by .ci/bench after `trunk build --release`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchProfile } from './support/browser.mjs';
import { serveDist } from './support/static-server.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const SEED_DIR = process.env.CARGO_TARGET_DIR ?? resolve(ROOT, 'target');
const QUIET_MS = 500;
const FILL_CHUNK = 5_000;
const TIMEOUT_MS = 60_000;
// BENCH_SCALES=100000 (comma-separated feedback counts) measures only those scales.
const ONLY = process.env.BENCH_SCALES?.split(',').map(Number);
const SCALES = [
  { feedback: 10_000, escalations: 5_000, drafts: 50_000, accounts: 2_000, onboarding: 400 },
  { feedback: 100_000, escalations: 5_000, drafts: 50_000, accounts: 2_000, onboarding: 400 },
].filter((scale) => !ONLY || ONLY.includes(scale.feedback));
// A fixed date keeps the file the same from run to run; the pages compare it with today.
const NOW = new Date().toISOString().slice(0, 10) + 'T08:00:00Z';

/**
 * Pages, in the order opened: a route and what shows that its data is there (a selector, and
 * optionally a pattern its text must match: Home's cards show "0 records" until they are read).
 */
const ALL_PAGES = [
  { name: 'Home', hash: '#/', ready: 'main .card-count', readyText: '^[1-9]' },
  { name: 'Accounts list', hash: '#/accounts', ready: 'table.records tbody tr, main .empty-state' },
  { name: 'Escalations list', hash: '#/escalations', ready: 'table.records tbody tr, main .empty-state' },
  { name: 'Feedback list', hash: '#/feedback', ready: 'table.records tbody tr, main .empty-state' },
  { name: 'Onboarding list', hash: '#/onboarding', ready: 'table.records tbody tr, main .empty-state' },
  // The filled profile has no stored monthly tally yet: the first visit counts every month (as
  // after a migration or a restore); later visits read the stored tallies. The tracker reads
  // every item after the figures are shown; its row is the time until it has.
  { name: 'Health dashboard, first visit', hash: '#/feedback-health', ready: '#health-figures' },
  { name: 'Health dashboard', hash: '#/feedback-health', ready: '#health-figures' },
  { name: 'Health dashboard, tracker read', hash: '#/feedback-health', ready: 'section[aria-busy="false"] #tracker-heading' },
  { name: 'Record page', hash: '#/escalations/esc-00001', ready: 'form.record-form' },
  { name: 'Prompt page', hash: '#/escalations/esc-00001/prompt/escalation.response_plan', ready: 'form.prompt-form' },
];
// BENCH_PAGES=Health,Home (comma-separated parts of page names) measures only those pages.
const PAGE_FILTER = process.env.BENCH_PAGES?.split(',');
const PAGES = ALL_PAGES.filter((p) => !PAGE_FILTER || PAGE_FILTER.some((part) => p.name.includes(part)));

const server = await serveDist();
const rows = [];
try {
  for (const scale of SCALES) rows.push(...(await measureScale(scale, seedFile(scale))));
} finally {
  await server.close();
}
printTable(rows);

/** Writes (once) the seeded backup of `scale` and returns its path. */
function seedFile(scale) {
  const path = resolve(SEED_DIR, `bench-seed-${scale.feedback}-${scale.escalations}-${scale.drafts}-${NOW.slice(0, 10)}.json`);
  if (!existsSync(path)) {
    const args = ['run', '--quiet', '--release', '--example', 'seed', '--', '--now', NOW];
    for (const [name, n] of Object.entries(scale)) args.push(`--${name}`, String(n));
    const text = execFileSync('cargo', args, { cwd: ROOT, maxBuffer: 1 << 30 });
    writeFileSync(path, text);
  }
  console.log(`seed file ${path}: ${(statSync(path).size / 1e6).toFixed(1)} MB`);
  return path;
}

/**
 * Fills a fresh profile's IndexedDB with `file`, closes the browser, and measures every page
 * in a browser started again on that profile: the renderer that parsed and wrote the seed
 * file would otherwise count its memory as the app's.
 */
async function measureScale(scale, file) {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-bench-'));
  try {
    const filling = await launchProfile(dir);
    const started = Date.now();
    const counts = await fill(await appPage(filling), file);
    console.log(`filled IndexedDB in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
    await filling.close();

    const context = await launchProfile(dir);
    await context.addInitScript(() => {
      window.__longtasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, end: e.startTime + e.duration, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
      addEventListener('TrunkApplicationStarted', (e) => {
        window.__wasm = e.detail.wasm;
      });
    });
    const errors = [];
    const page = await appPage(context);
    page.on('pageerror', (e) => errors.push(String(e)));
    const cdp = await context.newCDPSession(page);
    const label = `${scale.feedback.toLocaleString('en')} fb`;
    const out = [];
    for (const target of PAGES) {
      const timing = await visit(page, target);
      const memory = await memoryAfterGc(page, cdp);
      out.push({ scale: label, page: target.name, ...timing, ...memory });
      console.log(`${label} ${target.name}: ${JSON.stringify(out.at(-1))}`);
    }
    if (errors.length) console.log(`page errors: ${errors.slice(0, 5).join('; ')}`);
    await context.close();
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The app opened in the first page of `context`. */
async function appPage(context) {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  await page.waitForSelector('main h1');
  return page;
}

/**
 * Replaces the content of the app's database with the seed file, from inside the page, a
 * chunk of records per transaction (one evaluate each), so the page never holds the whole file.
 */
async function fill(page, file) {
  await page.evaluate(() => {
    // Helpers: open the app's database, run one read-write transaction.
    window.withDb = (task) =>
      new Promise((ok, fail) => {
        const request = indexedDB.open('casebook');
        request.onsuccess = () => Promise.resolve(task(request.result)).then(() => { request.result.close(); ok(); }, fail);
        request.onerror = () => fail(request.error);
      });
    window.write = (db, name, act) =>
      new Promise((ok, fail) => {
        const tx = db.transaction([name], 'readwrite');
        act(tx.objectStore(name));
        tx.oncomplete = ok;
        tx.onerror = () => fail(tx.error);
      });
  });
  const { stores } = JSON.parse(readFileSync(file, 'utf8'));
  const counts = {};
  for (const [name, records] of Object.entries(stores)) {
    await page.evaluate((store) => withDb((db) => write(db, store, (s) => s.clear())), name);
    for (let at = 0; at < records.length; at += FILL_CHUNK) {
      const chunk = records.slice(at, at + FILL_CHUNK);
      await page.evaluate(([store, rows]) => withDb((db) => write(db, store, (s) => rows.forEach((r) => s.put(r)))), [name, chunk]);
    }
    counts[name] = records.length;
  }
  return counts;
}

/**
 * Navigates to `target.hash` and measures, in the page: the time until its ready selector is
 * shown with no loading placeholder left, then until QUIET_MS pass without a long task; the
 * time to interactive is the later of "ready" and the end of the last long task.
 */
function visit(page, target) {
  return page.evaluate(
    async ({ hash, ready, readyText, quietMs, timeoutMs }) => {
      const frame = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
      // Leave the current page first so every page is measured from a navigation.
      location.hash = '#/settings';
      while (!document.querySelector('#settings-heading, main h1')) await frame();
      await new Promise((ok) => setTimeout(ok, quietMs));
      const t0 = performance.now();
      location.hash = hash;
      const isReady = () => {
        const found = document.querySelector(ready);
        return found && (!readyText || new RegExp(readyText).test(found.textContent.trim())) && !document.querySelector('main .loading');
      };
      while (!isReady()) {
        if (performance.now() - t0 > timeoutMs) return { tti: NaN, longest: NaN, tasks: NaN };
        await frame();
      }
      const readyAt = performance.now();
      const tasksSince = () => window.__longtasks.filter((t) => t.start >= t0 - 1);
      let quietSince = readyAt;
      while (performance.now() - quietSince < quietMs) {
        await new Promise((ok) => setTimeout(ok, 50));
        const last = Math.max(0, ...tasksSince().map((t) => t.end));
        if (last > quietSince) quietSince = last;
        if (performance.now() - t0 > timeoutMs) break;
      }
      const tasks = tasksSince().filter((t) => t.start < quietSince);
      const lastEnd = Math.max(readyAt, ...tasks.map((t) => t.end));
      return { tti: lastEnd - t0, ready: readyAt - t0, longest: Math.max(0, ...tasks.map((t) => t.duration)), tasks: tasks.length };
    },
    { hash: target.hash, ready: target.ready, readyText: target.readyText, quietMs: QUIET_MS, timeoutMs: TIMEOUT_MS },
  );
}

/** JS heap after a forced GC, the wasm linear memory, and the renderers' resident memory. */
async function memoryAfterGc(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? 0);
  return { heapMb: usedSize / 2 ** 20, wasmMb: wasm / 2 ** 20, rendererMb: rendererPss() };
}

/**
 * Memory (MB) of the app's renderer: the proportional set size (its private pages plus its
 * share of the pages it shares with Chromium's other processes, as /proc/<pid>/smaps_rollup
 * counts it) of the largest renderer process of the browser this script launched. Summing
 * resident sizes would count the shared browser code once per process, spare renderers too.
 */
function rendererPss() {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' });
  const procs = out.trim().split('\n').map((line) => {
    const [pid, ppid, ...args] = line.trim().split(/\s+/);
    return { pid: Number(pid), ppid: Number(ppid), args: args.join(' ') };
  });
  const root = procs.find((p) => p.ppid === process.pid && /chrom/.test(p.args));
  if (!root) return NaN;
  const descendants = new Set([root.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (descendants.has(p.ppid) && !descendants.has(p.pid)) {
        descendants.add(p.pid);
        grew = true;
      }
    }
  }
  const pss = (pid) => {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0);
    } catch {
      return 0;
    }
  };
  const renderers = procs.filter((p) => descendants.has(p.pid) && p.args.includes('--type=renderer'));
  return Math.max(0, ...renderers.map((p) => pss(p.pid))) / 1024;
}

function printTable(rows) {
  const header = ['scale', 'page', 'TTI ms', 'ready ms', 'longest task ms', 'long tasks', 'JS heap MB', 'wasm MB', 'renderer PSS MB'];
  const body = rows.map((r) => [
    r.scale, r.page, r.tti.toFixed(0), (r.ready ?? NaN).toFixed(0), r.longest.toFixed(0), String(r.tasks),
    r.heapMb.toFixed(1), r.wasmMb.toFixed(1), r.rendererMb.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => '| ' + cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
  console.log('\nbenchmark scale (release build, headless Chromium)');
  console.log(line(header));
  console.log('|' + widths.map((w, i) => (i < 2 ? ':' : '-') + '-'.repeat(w) + (i < 2 ? '-' : ':')).join('|') + '|');
  for (const row of body) console.log(line(row));
}
