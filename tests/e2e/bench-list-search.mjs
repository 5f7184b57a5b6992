// Benchmark (not a test, not run by .ci/test): typing in the search box of a 2,000-record
// list. Seeds 2,000 accounts and 2,000 escalations into IndexedDB (clones of one record of
// each made through the app, with varied names), opens each list, types a query one key at a
// time and prints, per keystroke, the time from the input event until the list's DOM is
// updated and laid out. Run by .ci/bench after `trunk build --release`.
import { launch, openApp } from './support/browser.mjs';
import { RecordForm, RecordList, Shell } from './support/pages.mjs';
import { createAccount, hoursAgo } from './support/scenarios.mjs';
import { serveDist } from './support/static-server.mjs';

const RECORDS = 2000;
const QUERY = 'northw';

const server = await serveDist();
const browser = await launch();
try {
  const { context, page, errors } = await openApp(browser, server.url);
  await createAccount(page, 'Seed Account');
  await new Shell(page).goTo('Escalations');
  const list = new RecordList(page);
  await list.startNew();
  await new RecordForm(page).fill({ Account: 'Seed Account', 'Primary contact': 'Li Wei', 'Received at': hoursAgo(3), 'What the customer said': 'Seed escalation' });
  await new RecordForm(page).saveAndReturn();
  await seed(page, RECORDS);
  await page.reload();
  await new Shell(page).title().waitFor();

  for (const workspace of ['Accounts', 'Escalations']) {
    await new Shell(page).goTo(workspace);
    await list.settled();
    const shown = await list.dataRows().count();
    const times = await typeAndTime(list, QUERY);
    const after = await list.count().textContent();
    const keys = times.map(({ key, ms, rows }) => `${key}:${ms.toFixed(1)}ms/${rows}rows`).join(' ');
    const mean = times.reduce((sum, t) => sum + t.ms, 0) / times.length;
    const worst = Math.max(...times.map((t) => t.ms));
    console.log(`benchmark list search ${workspace}: ${shown} rows; per keystroke ${keys}; mean ${mean.toFixed(1)} ms, worst ${worst.toFixed(1)} ms (${after.trim()})`);
    await list.search('');
  }
  if (errors.length) console.log(`page errors: ${errors.join('; ')}`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}

/** Writes `n` clones of the stored account and escalation, with varied names, straight into IndexedDB. */
function seed(page, n) {
  return page.evaluate(
    (n) =>
      new Promise((resolve, reject) => {
        const first = ['North', 'South', 'Blue', 'Red', 'Silver', 'Golden', 'Eastern', 'Western', 'Bright', 'Quiet', '北京', '上海'];
        const second = ['wind', 'field', 'stone', 'river', 'bridge', 'harbor', 'peak', 'forest', 'light', 'works', '云图', '数据'];
        const kind = ['Corp', 'GmbH', 'Labs', 'Ltd', 'Systems', 'Group', '科技'];
        const name = (i) => `${first[i % first.length]}${second[Math.floor(i / first.length) % second.length]} ${kind[i % kind.length]} ${i}`;
        const request = indexedDB.open('casebook');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction(['accounts', 'escalations'], 'readwrite');
          const accounts = tx.objectStore('accounts');
          const escalations = tx.objectStore('escalations');
          accounts.getAll().onsuccess = (a) => {
            escalations.getAll().onsuccess = (e) => {
              const [account] = a.target.result;
              const [escalation] = e.target.result;
              for (let i = 0; i < n; i++) {
                const id = `bench-${String(i).padStart(5, '0')}`;
                accounts.put({ ...account, id, name: name(i), arr: 1000 * ((i * 7919) % 2000) });
                escalations.put({ ...escalation, id, account_id: id, summary: `${name(i)} cannot export reports (case ${i})` });
              }
            };
          };
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    n,
  );
}

/**
 * Types `text` into the list search one key at a time: for each key, the time from the input
 * event until every task it queued has run and the page is laid out, and the rows shown then.
 */
function typeAndTime(list, text) {
  // The timing runs in the page, between frames: the rows are counted there from the DOM.
  return list.searchBox().evaluate(async (input, text) => {
    // A macrotask after the microtasks (Leptos runs its effects in microtasks).
    const channel = new MessageChannel();
    const nextTask = () => new Promise((resolve) => {
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
    const times = [];
    for (const key of text) {
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const start = performance.now();
      input.value += key;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await nextTask();
      void document.querySelector('table.records').offsetHeight;
      const ms = performance.now() - start;
      times.push({ key, ms, rows: document.querySelectorAll('table.records tbody tr').length });
    }
    return times;
  }, text);
}
