// End-to-end: any screen. At 375 px wide no screen scrolls sideways (tables scroll inside
// their frame, reachable from the keyboard; forms are one column), empty and with data, in
// English and Chinese; dark mode
// follows the system; the font stack falls back to CJK fonts. The 375 px screenshots (light
// and dark, English and Chinese) are written to tests/e2e/screenshots/ as part of the run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launch, openApp } from './support/browser.mjs';
import { chooseLanguage, emptyScreens, enterData, openScreen, recordScreens, screenshotSet, seriousViolations } from './support/screens.mjs';
import { serveDist } from './support/static-server.mjs';

let server;
let browser;
let scratch;

before(async () => {
  server = await serveDist();
  browser = await launch();
  scratch = await mkdtemp(join(tmpdir(), 'casebook-screens-'));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const PHONE = { width: 375, height: 812 };

/** Screens wider than the viewport, in each language: "screen [lang]: width (widest element)". */
async function overflowing(page, screens) {
  const found = [];
  for (const [language, label] of [['en', 'English'], ['zh', '简体中文']]) {
    await openScreen(page, server.url, '#/');
    await chooseLanguage(page, label);
    for (const [name, hash] of screens) {
      await openScreen(page, server.url, hash);
      const { width, culprit } = await page.evaluate(() => {
        const limit = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('body *')].find((e) => e.getBoundingClientRect().right > limit + 0.5);
        const describe = (e) => e && `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.classList.length ? `.${[...e.classList].join('.')}` : ''}`;
        return { width: document.documentElement.scrollWidth, culprit: describe(wide) };
      });
      if (width > PHONE.width) found.push(`${name} [${language}]: ${width} px (${culprit})`);
      // What scrolls inside its frame at this width must be reachable from the keyboard.
      for (const violation of await seriousViolations(page, ['scrollable-region-focusable'])) found.push(`${name} [${language}]: ${violation}`);
    }
  }
  return found;
}

describe('a 375 px wide screen', () => {
  test('no screen scrolls sideways, empty or with data, in either language', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await page.setViewportSize(PHONE);
    const found = await overflowing(page, emptyScreens());
    await chooseLanguage(page, 'English');
    await enterData(page, server.url, scratch);
    const records = await recordScreens(page, server.url);
    found.push(...(await overflowing(page, [...emptyScreens(), ...records])));
    // A drafted response plan: its Markdown (tables too) fits the phone.
    await chooseLanguage(page, 'English');
    await openScreen(page, server.url, records.find(([name]) => name === 'prompt escalation.response_plan')[1]);
    await page.getByRole('combobox', { name: 'Write with' }).selectOption({ label: 'Built-in drafter (no AI)' });
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.getByRole('region', { name: 'Draft', exact: true }).getByRole('status').filter({ hasText: /^Complete/ }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > PHONE.width) found.push(`response plan with its draft: ${width} px`);
    for (const violation of await seriousViolations(page, ['scrollable-region-focusable'])) found.push(`response plan with its draft: ${violation}`);
    assert.deepEqual(found, []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('forms are one column, and wide tables scroll inside their frame', async () => {
    const { context, page } = await openApp(browser, server.url);
    await page.setViewportSize(PHONE);
    await enterData(page, server.url, scratch);
    await openScreen(page, server.url, '#/escalations/new');
    const lefts = await page.getByRole('textbox').evaluateAll((inputs) => new Set(inputs.map((i) => Math.round(i.getBoundingClientRect().left))).size);
    assert.equal(lefts, 1, 'every field starts at the same left edge');
    await openScreen(page, server.url, '#/escalations');
    const frame = await page.getByRole('table').evaluate((t) => {
      const wrap = t.parentElement;
      return { table: t.scrollWidth, frame: wrap.clientWidth, overflow: getComputedStyle(wrap).overflowX };
    });
    assert.ok(frame.table > frame.frame, `the board is wider than the phone: ${JSON.stringify(frame)}`);
    assert.equal(frame.overflow, 'auto', 'its frame scrolls');
    await context.close();
  });
});

describe('dark mode and fonts', () => {
  test('dark mode follows the system; text stays readable', async () => {
    const { context, page } = await openApp(browser, server.url);
    const colours = () =>
      page.evaluate(() => {
        const luminance = (css) => {
          const [r, g, b] = css.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
          return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        };
        const body = getComputedStyle(document.body);
        const root = getComputedStyle(document.documentElement);
        const card = getComputedStyle(document.querySelector('.card, main section'));
        return { background: luminance(root.backgroundColor), text: luminance(body.color), card: luminance(card.backgroundColor === 'rgba(0, 0, 0, 0)' ? root.backgroundColor : card.backgroundColor), scheme: root.colorScheme };
      });
    const light = await colours();
    assert.ok(light.background > 0.9 && light.text < 0.3, `light: ${JSON.stringify(light)}`);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await colours();
    assert.ok(dark.background < 0.15, `dark background: ${JSON.stringify(dark)}`);
    assert.ok(dark.card < 0.2, `dark cards: ${JSON.stringify(dark)}`);
    assert.ok(dark.text > 0.8, `light text on dark: ${JSON.stringify(dark)}`);
    assert.match(dark.scheme, /dark/, 'form controls are drawn dark too');
    await context.close();
  });

  test('the font stack falls back to Chinese fonts', async () => {
    const { context, page } = await openApp(browser, server.url);
    for (const hash of ['#/', '#/accounts/new']) {
      await openScreen(page, server.url, hash);
      const fonts = await page.evaluate(() => [document.body, document.querySelector('main h1'), document.querySelector('input, select, button')].map((e) => getComputedStyle(e).fontFamily));
      for (const family of fonts) {
        for (const cjk of ['PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC']) assert.ok(family.includes(cjk), `${cjk} in ${family}`);
        assert.match(family, /^system-ui/);
        assert.match(family, /sans-serif$/);
      }
    }
    await context.close();
  });
});

describe('screenshots', () => {
  test('Home and a response plan at 375 px, light and dark, in English and Chinese', async () => {
    const written = await screenshotSet(browser, server.url, PHONE);
    assert.equal(written.length, 8);
  });
});
