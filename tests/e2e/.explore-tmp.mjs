import { launch, openApp } from '/work/main/tests/e2e/support/browser.mjs';
import { RecordForm, RecordList, Shell, DraftPanel } from '/work/main/tests/e2e/support/pages.mjs';
import { createAccount, hoursAgo } from '/work/main/tests/e2e/support/scenarios.mjs';
import { serveDist } from '/work/main/tests/e2e/support/static-server.mjs';
const server = await serveDist({ dist: '/work/dist-e2e' });
const browser = await launch();
const { context, page, errors } = await openApp(browser, server.url);
const renew = new Date(Date.now() + 60 * 86400_000).toISOString().slice(0, 10);
await createAccount(page, 'Northwind Logistics', { arr: '$480,000', renewal_date: renew });
const shell = new Shell(page); const list = new RecordList(page); const form = new RecordForm(page);
await shell.goTo('escalations');
await list.startNew();
await form.fill({
  account_id: 'Northwind Logistics', contact_name: 'Dana Whitfield', contact_title: 'Director of Operations',
  contact_email: 'dana.whitfield@northwind.example', received_at: hoursAgo(3), channel: 'E-mail',
  summary: 'Angry e-mail: "Your platform has been down since 6 this morning. This is the second outage this month. Our dispatchers cannot plan a single route. If this is not fixed today we will cancel."',
  underlying_issue: 'A database failover left the routing service unable to write.',
  can_fix: 'Engineering restores service today; root-cause report by Friday.',
});
await form.saveAndReturn();
console.log('LIST', await page.$$eval('table.records thead th', t => t.map(x => x.textContent)));
console.log('ROWS', await list.rowTexts());
console.log('ALERTS', await page.$$eval('table.records td.alert', t => t.map(x => x.textContent)));
console.log('FILTER', await page.$$eval('#record-filter option', t => t.map(x => [x.value, x.textContent])));
await list.open('Angry e-mail');
console.log('URL', page.url());
console.log(await page.$$eval('.prompt-links a.button', t => t.map(x => [x.textContent, x.getAttribute('href')])));
console.log('PANEL', await page.innerText('#escalation-analysis'));
console.log('FR class', await page.getAttribute('#esc-first-response', 'class'));
console.log('timeline ids', await page.$$eval('#timeline input', t => t.map(x => x.id + '=' + x.value)));
await page.goto(server.url);
await page.waitForSelector('#attention');
console.log('HOME', await page.$$eval('.attention-list a', t => t.map(x => [x.textContent, x.getAttribute('href')])));
console.log('ERRORS', errors);
await context.close(); await browser.close(); await server.close();
