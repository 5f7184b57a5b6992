// The app's screens for the accessibility and screen-size tests: every route of src/route.rs
// (Home, settings with its connections, each workspace's list and form, each record page and
// its guided prompts, the feedback tools, the not-found page), a data set entered through the
// interface as a user would, and axe-core run inside the page.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const WORKSPACES = ['escalations', 'feedback', 'onboarding', 'accounts'];
export const TOOLS = ['feedback-import', 'feedback-themes', 'feedback-health'];

/** The screens that exist without any record: [name, hash]. */
export function emptyScreens() {
  return [
    ['home', '#/'],
    ['settings', '#/settings'],
    ...WORKSPACES.flatMap((w) => [
      [`${w} list`, `#/${w}`],
      [`${w} new`, `#/${w}/new`],
    ]),
    ...TOOLS.map((t) => [t, `#/${t}`]),
    ['not found', '#/nowhere'],
  ];
}

/** Opens `hash` (from the navigation's point of view: the hash changes, the app stays loaded). */
export async function openScreen(page, baseUrl, hash) {
  if (!page.url().startsWith(baseUrl)) await page.goto(baseUrl + hash);
  else if (new URL(page.url()).hash !== hash && !(hash === '#/' && new URL(page.url()).hash === '')) {
    await page.evaluate(
      (hash) =>
        new Promise((done) => {
          addEventListener('hashchange', () => requestAnimationFrame(() => done()), { once: true });
          location.hash = hash;
        }),
      hash,
    );
  }
  await settled(page);
}

/** Waits for the page heading, the end of loading, and a DOM that stays the same for a moment. */
export async function settled(page) {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"], main .loading'));
  let before = '';
  for (;;) {
    const now = await page.evaluate(() => document.body.innerHTML);
    if (now === before) return;
    before = now;
    await page.waitForTimeout(120);
  }
}

/** axe-core's serious and critical violations on the page as it is (only `rules`, if given), one line each. */
export async function seriousViolations(page, rules) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const options = { resultTypes: ['violations'], ...(rules ? { runOnly: { type: 'rule', values: rules } } : {}) };
  const violations = await page.evaluate(async (options) => (await window.axe.run(document, options)).violations, options);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} ${[...n.any, ...n.all, ...n.none].map((c) => c.message).slice(0, 1).join('; ')}`).join(' | ')}`);
}

/** Chooses the interface language from the header's switch. */
export async function chooseLanguage(page, label) {
  await page.getByRole('combobox', { name: /^(Interface language|界面语言)$/ }).selectOption({ label });
}

/** The page's local date `days` from today, as YYYY-MM-DD. */
export function localDate(page, days) {
  return page.evaluate((days) => {
    const d = new Date();
    d.setDate(d.getDate() + days);
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }, days);
}

/** The page's local time `hours` ago, as a datetime-local value. */
export function localDateTime(page, hours) {
  return page.evaluate((hours) => {
    const d = new Date(Date.now() - hours * 3600_000);
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, hours);
}

/** Saves the record form and waits for the list it returns to. */
async function saveRecord(page) {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('table').waitFor();
}

/** A small survey export: `n` responses, half of them about slow exports. */
export function surveyCsv(n) {
  const lines = ['Score,Comment,Account,ARR,Date'];
  for (let i = 0; i < n; i += 1) {
    const comment = i % 2 === 0 ? `Exports are slow and time out (${i})` : `Dashboards are clear and helpful (${i})`;
    lines.push([i % 11, `"${comment}"`, `Customer ${i % 3}`, 10000 * (i + 1), '2026-11-20'].join(','));
  }
  return lines.join('\n');
}

/** Creates a strategic account of $1,200,000 renewing in 60 days, then is on the account list. */
export async function createAccount(page, name, baseUrl = page.url().replace(/#.*$/, '')) {
  await openScreen(page, baseUrl, '#/accounts/new');
  await page.getByRole('textbox', { name: 'Account name' }).fill(name);
  await page.getByRole('combobox', { name: 'Tier' }).selectOption({ label: 'Strategic' });
  await page.getByRole('textbox', { name: 'ARR', exact: true }).fill('$1,200,000');
  await page.getByLabel('Renewal date').fill(await localDate(page, 60));
  await saveRecord(page);
}

/** Creates Acme Corp and an escalation from its CIO; returns the escalation's hash. */
export async function createEscalation(page, baseUrl) {
  await createAccount(page, 'Acme Corp', baseUrl);
  await openScreen(page, baseUrl, '#/escalations/new');
  await page.getByRole('combobox', { name: 'Account', exact: true }).selectOption({ label: 'Acme Corp' });
  await page.getByRole('textbox', { name: 'Primary contact' }).fill('Li Wei');
  await page.getByLabel('Received at').fill(await localDateTime(page, 3));
  await page.getByRole('textbox', { name: 'What the customer said' }).fill('Exports have failed for two days; the CIO threatens to cancel.');
  await page.getByLabel('Underlying issue').fill('Export workers time out on large tenants.');
  await saveRecord(page);
  return page.getByRole('table').getByRole('link', { name: /^Acme Corp/ }).first().getAttribute('href');
}

/** Creates an onboarding project for an existing account; returns the project's hash. */
export async function createOnboarding(page, baseUrl, account = 'Acme Corp') {
  await openScreen(page, baseUrl, '#/onboarding/new');
  await page.getByRole('combobox', { name: 'Customer', exact: true }).selectOption({ label: account });
  await page.getByLabel('Industry').fill('Financial services');
  await page.getByLabel('Kickoff date').fill(await localDate(page, -21));
  await page.getByLabel('Go-live target').fill(await localDate(page, 100));
  await saveRecord(page);
  return page.getByRole('table').getByRole('link', { name: new RegExp(`^${account}`) }).first().getAttribute('href');
}

/** Adds an OpenAI-compatible connection in the settings. */
export async function addConnection(page, baseUrl, { name, baseUrl: endpoint, apiKey = '', model }) {
  await openScreen(page, baseUrl, '#/settings');
  await page.getByRole('button', { name: 'Add connection' }).click();
  await page.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'Other OpenAI-compatible server' });
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByLabel('Base URL').fill(endpoint);
  if (apiKey) await page.getByRole('textbox', { name: 'API key' }).fill(apiKey);
  await page.getByRole('textbox', { name: 'Model', exact: true }).fill(model);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Connection saved.' }).waitFor();
}

/**
 * Enters a data set through the English interface: an account, an escalation, an onboarding
 * project, a feedback item, a survey import grouped into saved themes, and an AI connection.
 */
export async function enterData(page, baseUrl, scratch) {
  await createEscalation(page, baseUrl);
  await createOnboarding(page, baseUrl);

  await openScreen(page, baseUrl, '#/feedback/new');
  await page.getByRole('combobox', { name: 'Account', exact: true }).selectOption({ label: 'Acme Corp' });
  await page.getByRole('combobox', { name: 'Source' }).selectOption({ label: 'NPS survey' });
  await page.getByRole('combobox', { name: 'Stage' }).selectOption({ label: 'Received' });
  await page.getByLabel('Received on').fill(await localDate(page, -3));
  await page.getByRole('textbox', { name: 'NPS score' }).fill('4');
  await page.getByLabel('Verbatim').fill('The export to our warehouse is too slow.');
  await saveRecord(page);

  const csv = join(scratch, 'survey.csv');
  await writeFile(csv, surveyCsv(12));
  await openScreen(page, baseUrl, '#/feedback-import');
  await page.getByLabel(/^CSV file/).setInputFiles(csv);
  await page.getByRole('button', { name: 'Import 12 responses' }).click();
  await page.locator('#import-summary').waitFor({ timeout: 20000 });

  await openScreen(page, baseUrl, '#/feedback-themes');
  await page.getByRole('button', { name: 'Group by keywords (no AI)' }).click();
  await page.getByRole('button', { name: 'Save themes' }).click();
  await page.locator('#themes-summary').waitFor();

  await addConnection(page, baseUrl, { name: 'Team server', baseUrl: 'http://127.0.0.1:9/v1', model: 'team-model' });
}

/** With data: every record page (the first of each list) and each of its guided prompts. */
export async function recordScreens(page, baseUrl) {
  const screens = [];
  for (const w of WORKSPACES) {
    await openScreen(page, baseUrl, `#/${w}`);
    const record = await page.getByRole('table').getByRole('row').nth(1).getByRole('link').first().getAttribute('href');
    screens.push([`${w} record`, record]);
    await openScreen(page, baseUrl, record);
    const prompts = page.locator('.prompt-links-section').getByRole('link');
    for (const href of await prompts.evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
      screens.push([`prompt ${decodeURIComponent(href.split('/').pop())}`, href]);
    }
  }
  return screens;
}

const SHOTS = new URL('../screenshots/', import.meta.url);

/**
 * Home and an escalation's response plan with its built-in draft, light and dark, in English
 * and Chinese, at `viewport`: writes `{screen}-{width}-{lang}-{scheme}.png` to
 * tests/e2e/screenshots/ and returns the file names.
 */
export async function screenshotSet(browser, baseUrl, viewport) {
  const written = [];
  for (const [lang, label, generate] of [['en', 'English', 'Generate'], ['zh', '简体中文', '生成']]) {
    const context = await browser.newContext({ locale: lang === 'en' ? 'en-US' : 'zh-CN', viewport });
    const page = await context.newPage();
    await page.goto(`${baseUrl}#/`);
    await chooseLanguage(page, 'English');
    const escalation = await createEscalation(page, baseUrl);
    await createOnboarding(page, baseUrl);
    await chooseLanguage(page, label);
    const plan = `${escalation}/prompt/escalation.response_plan`;
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      for (const [screen, hash] of [['home', '#/'], ['response-plan', plan]]) {
        await openScreen(page, baseUrl, hash);
        if (screen === 'response-plan') {
          await page.getByRole('button', { name: generate, exact: true }).click();
          await page.getByRole('region', { name: lang === 'en' ? 'Draft' : '草稿', exact: true }).getByRole('status').filter({ hasText: /·/ }).waitFor();
          await page.evaluate(() => document.getElementById('draft-heading').scrollIntoView());
        } else {
          await page.evaluate(() => window.scrollTo(0, 0));
        }
        await page.waitForFunction(() => !document.querySelector('.notice'), null, { timeout: 8000 });
        const name = `${screen}-${viewport.width}-${lang}-${colorScheme}.png`;
        await page.screenshot({ path: new URL(name, SHOTS).pathname });
        written.push(name);
      }
    }
    await context.close();
  }
  return written;
}
