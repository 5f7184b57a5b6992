// End-to-end: accessibility. axe-core finds no serious or critical violation on any screen,
// empty and with data, in English and Chinese, in light and dark mode; `<html lang>` follows
// the interface language; focus is visible; the draft's streaming status is announced
// politely (without the ticking clock); with reduced motion nothing transitions or animates.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launch, openApp } from './support/browser.mjs';
import { startMockLlm } from './support/mock-llm.mjs';
import {
  addConnection, chooseLanguage, createAccount, createEscalation, emptyScreens, enterData, openScreen, recordScreens,
  seriousViolations, settled, surveyCsv,
} from './support/screens.mjs';
import { serveDist } from './support/static-server.mjs';

let server;
let browser;
let scratch;
let mock;

before(async () => {
  server = await serveDist();
  browser = await launch();
  mock = await startMockLlm();
  scratch = await mkdtemp(join(tmpdir(), 'casebook-a11y-'));
});

after(async () => {
  await browser?.close();
  await server?.close();
  await mock?.close();
});

const LANGUAGES = [['en', 'English'], ['zh', '简体中文']];

/** Runs axe (only `rules`, if given) on each screen in each language: "screen [lang]: violation" lines. */
async function auditScreens(page, screens, rules) {
  const found = [];
  for (const [language, label] of LANGUAGES) {
    await openScreen(page, server.url, '#/');
    await chooseLanguage(page, label);
    for (const [name, hash] of screens) {
      await openScreen(page, server.url, hash);
      for (const violation of await seriousViolations(page, rules)) found.push(`${name} [${language}]: ${violation}`);
    }
  }
  return found;
}

/** Screens in a state reached by acting on them: a draft, an open editor, a preview, a review, a confirmation. */
async function auditStates(page, screens, rules) {
  const found = [];
  const check = async (name) => {
    await settled(page);
    for (const violation of await seriousViolations(page, rules)) found.push(`${name}: ${violation}`);
  };
  const plan = screens.find(([name]) => name === 'prompt escalation.response_plan')[1];
  await openScreen(page, server.url, plan);
  await page.getByRole('combobox', { name: 'Write with' }).selectOption({ label: 'Built-in drafter (no AI)' });
  await page.getByRole('button', { name: /^(Generate|Regenerate)$/ }).click();
  await page.getByRole('status').filter({ hasText: /^Complete/ }).waitFor();
  await check('response plan with a draft');
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await check('draft editor');

  await openScreen(page, server.url, '#/settings');
  await page.getByRole('button', { name: 'Add connection' }).click();
  await check('connection editor');

  const csv = join(scratch, 'preview.csv');
  await writeFile(csv, surveyCsv(4));
  await openScreen(page, server.url, '#/feedback-import');
  await page.getByLabel(/^CSV file/).setInputFiles(csv);
  await page.getByRole('button', { name: 'Import 4 responses' }).waitFor();
  await check('import preview');

  await openScreen(page, server.url, '#/feedback-themes');
  await page.getByRole('combobox', { name: 'Feedback to analyse' }).selectOption('all');
  await page.getByRole('button', { name: 'Group by keywords (no AI)' }).click();
  await page.getByRole('heading', { name: 'Review themes' }).waitFor();
  await check('theme review');

  await openScreen(page, server.url, screens.find(([name]) => name === 'accounts record')[1]);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await check('delete confirmation');
  return found;
}

describe('axe-core on every screen', () => {
  for (const colorScheme of ['light', 'dark']) {
    test(`an empty Casebook (${colorScheme}): no serious or critical violation`, async () => {
      const { context, page, errors } = await openApp(browser, server.url);
      await page.emulateMedia({ colorScheme });
      assert.deepEqual(await auditScreens(page, emptyScreens()), []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  test('with data: no serious or critical violation on any screen, record, prompt or state; in dark mode no contrast failure', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await enterData(page, server.url, scratch);
    const screens = [...emptyScreens(), ...(await recordScreens(page, server.url))];
    assert.ok(screens.filter(([name]) => name.startsWith('prompt ')).length >= 10, `every guided prompt: ${screens.map(([n]) => n).join(', ')}`);
    const found = await auditScreens(page, screens);
    await chooseLanguage(page, 'English');
    found.push(...(await auditStates(page, screens)));
    await page.emulateMedia({ colorScheme: 'dark' });
    found.push(...(await auditScreens(page, screens, ['color-contrast'])).map((line) => `dark: ${line}`));
    await chooseLanguage(page, 'English');
    found.push(...(await auditStates(page, screens, ['color-contrast'])).map((line) => `dark: ${line}`));
    assert.deepEqual(found, []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('the page speaks the interface language', () => {
  test('<html lang> follows the language switch, is kept across a reload, and starts from the browser language', async () => {
    const { context, page } = await openApp(browser, server.url, { locale: 'en-US' });
    const lang = () => page.evaluate(() => document.documentElement.lang);
    assert.equal(await lang(), 'en');
    await chooseLanguage(page, '简体中文');
    await page.getByRole('heading', { level: 1, name: '你的客户成功工作台' }).waitFor();
    assert.equal(await lang(), 'zh-CN');
    await page.reload();
    await settled(page);
    assert.equal(await lang(), 'zh-CN');
    await chooseLanguage(page, 'English');
    assert.equal(await lang(), 'en');
    await context.close();

    const chinese = await openApp(browser, server.url, { locale: 'zh-CN' });
    assert.equal(await chinese.page.evaluate(() => document.documentElement.lang), 'zh-CN');
    await chinese.context.close();
  });
});

/** The focus ring the focused element shows: a solid outline of at least 2 px, or a box shadow. */
function focusRing(page) {
  return page.evaluate(async () => {
    await new Promise((done) => requestAnimationFrame(() => done()));
    const e = document.activeElement;
    // A date field's own calendar button has the focus inside the field, where page styles do
    // not reach: the browser draws that ring.
    if (!e.matches(':focus') && /^(date|datetime-local)$/.test(e.type)) return { visible: true, tag: e.tagName };
    const s = getComputedStyle(e);
    const outline = s.outlineStyle !== 'none' && s.outlineStyle !== 'auto' && parseFloat(s.outlineWidth) >= 2;
    return { visible: outline || s.boxShadow !== 'none', tag: e.tagName, id: `${e.id} ${e.type ?? ''}`, outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` };
  });
}

describe('focus is visible', () => {
  test('every element reached with Tab shows a clear focus ring, on Home and on a form', async () => {
    const { context, page } = await openApp(browser, server.url);
    await createAccount(page, 'Acme Corp');
    const missing = [];
    const kinds = new Set();
    for (const hash of ['#/', '#/escalations/new', '#/settings']) {
      await openScreen(page, server.url, hash);
      await page.locator('body').focus();
      for (let i = 0; i < 25; i += 1) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(() => document.activeElement === document.body || !document.hasFocus())) break;
        const ring = await focusRing(page);
        kinds.add(ring.tag);
        if (!ring.visible) missing.push(`${hash} #${i}: ${ring.tag} ${ring.id} ${ring.outline}`);
      }
    }
    assert.deepEqual(missing, []);
    for (const tag of ['A', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA']) assert.ok(kinds.has(tag), `reached a ${tag}: ${[...kinds]}`);
    await context.close();
  });
});

describe('the streaming status is announced politely', () => {
  test('a polite status region says what the draft is doing, without the ticking clock', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await addConnection(page, server.url, { name: 'Mock', baseUrl: `${mock.url}/openai/v1`, apiKey: 'test-key', model: 'slow' });
    const record = await createEscalation(page, server.url);
    await openScreen(page, server.url, record);
    await page.getByRole('link', { name: 'Response plan' }).click();
    await settled(page);
    const status = page.getByRole('region', { name: 'Draft', exact: true }).getByRole('status');
    assert.equal(await status.getAttribute('aria-live'), 'polite', 'polite, so it waits for the reader to pause');
    assert.equal(await status.getAttribute('aria-atomic'), 'true', 'read as a whole');
    await page.getByRole('combobox', { name: 'Write with' }).selectOption({ label: 'Mock · slow' });
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.waitForFunction(() => /\d+\.\d s/.test(document.querySelector('#draft-status')?.textContent ?? ''));
    const announced = await status.ariaSnapshot();
    assert.match(announced, /Writing…/, announced);
    assert.doesNotMatch(announced, /\d+\.\d s/, `the clock is shown but not announced: ${announced}`);
    await status.filter({ hasText: /^Complete/ }).waitFor({ timeout: 15000 });
    assert.match(await status.ariaSnapshot(), /Complete · /);
    assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
    await context.close();
  });
});

/** The longest transition and animation duration (in seconds) over every element and pseudo-element. */
function longestMotion(page) {
  return page.evaluate(() => {
    const seconds = (list) => Math.max(0, ...list.split(',').map((d) => parseFloat(d) * (d.trim().endsWith('ms') ? 0.001 : 1)));
    let longest = 0;
    for (const e of document.querySelectorAll('*')) {
      for (const pseudo of [null, '::before', '::after']) {
        const s = getComputedStyle(e, pseudo);
        longest = Math.max(longest, seconds(s.transitionDuration), seconds(s.animationDuration));
      }
    }
    return longest;
  });
}

describe('reduced motion', () => {
  test('with reduced motion nothing transitions or animates; without it, buttons and notices do', async () => {
    const { context, page } = await openApp(browser, server.url);
    const screens = ['#/', '#/accounts/new', '#/settings', '#/feedback'];
    await openScreen(page, server.url, '#/accounts/new');
    assert.ok((await longestMotion(page)) > 0, 'the app has motion to reduce');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    for (const hash of screens) {
      await openScreen(page, server.url, hash);
      assert.equal(await longestMotion(page), 0, hash);
    }
    await openScreen(page, server.url, '#/accounts/new');
    await page.getByRole('textbox', { name: 'Account name' }).fill('Acme Corp');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.equal(await longestMotion(page), 0, 'the notice appears without animating');
    await context.close();
  });
});
