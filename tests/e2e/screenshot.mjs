// Takes the README screenshots of the real app: `node tests/e2e/screenshot.mjs` after a
// release build. Not part of the test suite, which takes the 375 px set itself
// (screens.test.mjs); this script takes the 1280 px set (Home and a response plan, light and
// dark, English and Chinese) and the feature screenshots.
import { launch, openApp } from './support/browser.mjs';
import { DraftPanel, EscalationPanel, RecordForm, RecordList, Shell } from './support/pages.mjs';
import { openResponsePlan } from './support/scenarios.mjs';
import { screenshotSet } from './support/screens.mjs';
import { serveDist } from './support/static-server.mjs';

const server = await serveDist();
const browser = await launch();
await screenshotSet(browser, server.url, { width: 1280, height: 800 });
const { page } = await openApp(browser, server.url);
await page.setViewportSize({ width: 1200, height: 640 });
const shell = new Shell(page);
const list = new RecordList(page);
const form = new RecordForm(page);
for (const [name, tier, arr, currency, renewal] of [
  ['Acme Corp', 'Strategic', '$1,200,000', 'USD', '2027-01-31'],
  ['Globex Retail', 'Enterprise', '$310,000', 'USD', '2026-12-15'],
  ['Initech', 'Mid-market', '$48,000', 'USD', '2027-06-30'],
  ['北京云图科技', 'Enterprise', '¥2,400,000', 'CNY', '2027-03-01'],
]) {
  await shell.goTo('Accounts');
  await list.startNew();
  await form.fill({ 'Account name': name, Tier: tier, ARR: arr, Currency: currency, 'Renewal date': renewal });
  await form.saveAndReturn();
}
await list.sortBy('ARR');
await list.sortBy('ARR');
await page.waitForTimeout(4500);
await page.screenshot({ path: new URL('./screenshots/accounts.png', import.meta.url).pathname });

const drafting = await openApp(browser, server.url);
await drafting.page.setViewportSize({ width: 1280, height: 760 });
await openResponsePlan(drafting.page);
const panel = new DraftPanel(drafting.page);
await panel.generate();
await panel.waitForStatus(/Complete/);
await drafting.page.waitForTimeout(4500);
await drafting.page.screenshot({ path: new URL('./screenshots/response-plan.png', import.meta.url).pathname });

// The escalation page: built-in analysis, event log, stakeholders (the response plan's record).
await drafting.page.getByRole('link', { name: 'Back to the record' }).click();
const escalation = new EscalationPanel(drafting.page);
await escalation.waitForIt();
await escalation.logEvent('Stakeholder engaged');
await drafting.page.waitForTimeout(4500);
await drafting.page.setViewportSize({ width: 1100, height: 820 });
await escalation.panel().evaluate((panel) => panel.scrollIntoView());
await drafting.page.screenshot({ path: new URL('./screenshots/escalation.png', import.meta.url).pathname });
await browser.close();
await server.close();
