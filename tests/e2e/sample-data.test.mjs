// End-to-end: an empty Casebook offers sample data. It loads in the interface language
// (accounts, open escalations of each severity, survey feedback with themes, two onboarding
// projects), every sample row is marked, and one click removes it all while the user's own
// record stays.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { launch, openApp } from './support/browser.mjs';
import { RecordList, Shell } from './support/pages.mjs';
import { createAccount } from './support/scenarios.mjs';
import { serveDist } from './support/static-server.mjs';

let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The text of each row a workspace lists (none on its empty state). */
async function rows(page, workspace) {
  await new Shell(page).goTo(workspace);
  await page.waitForSelector('table.records, .empty-state');
  return new RecordList(page).rowTexts();
}

async function goHome(page, label) {
  await page.getByRole('navigation').getByRole('link', { name: label, exact: true }).click();
  await page.waitForSelector('main section.home');
}

describe('sample data', () => {
  test('explore with sample data, then remove it in one click and keep your own record', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    const shell = new Shell(page);
    await page.getByRole('button', { name: 'Explore with sample data' }).click();
    assert.match(await shell.notice(/Sample data added/), /Sample data added: \d+ records\./);
    await page.getByText('You are looking at sample data.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Explore with sample data' }).count(), 0, 'offered on an empty Casebook only');

    // The list shows open escalations at first: one of each severity, and every row is marked.
    const escalations = await rows(page, 'escalations');
    for (const severity of ['P1', 'P2', 'P3']) {
      assert.ok(escalations.some((r) => r.includes(severity)), `an open ${severity} escalation in ${escalations}`);
    }
    assert.ok(escalations.every((r) => r.includes('Sample')), 'sample rows carry the badge');
    assert.ok(escalations.some((r) => r.includes('Northwind Logistics')));

    const feedback = await rows(page, 'feedback');
    assert.ok(feedback.length >= 15, `${feedback.length} feedback items`);
    await page.getByRole('link', { name: 'Health dashboard' }).click();
    await page.waitForSelector('#chart-themes .bar-row');
    const themes = await page.textContent('#chart-themes');
    for (const theme of ['Reporting speed', 'Integrations', 'Mobile app']) assert.ok(themes.includes(theme), themes);

    const onboarding = await rows(page, 'onboarding');
    assert.equal(onboarding.length, 2);
    assert.ok(onboarding.some((r) => r.includes('Pinecrest Foods')) && onboarding.some((r) => r.includes('Lumen Bank')));

    await createAccount(page, 'My Own Co');
    const accounts = await rows(page, 'accounts');
    assert.ok(accounts.some((r) => r.includes('My Own Co') && !r.includes('Sample')), 'own rows are not marked');

    await goHome(page, 'Home');
    await page.getByRole('button', { name: 'Remove sample data' }).click();
    assert.match(await shell.notice(/Sample data removed/), /Sample data removed: \d+ records\. Your own records were not touched\./);
    await page.getByText('You are looking at sample data.').waitFor({ state: 'detached' });

    const left = await rows(page, 'accounts');
    assert.equal(left.length, 1);
    assert.match(left[0], /My Own Co/);
    for (const workspace of ['escalations', 'feedback', 'onboarding']) {
      assert.deepEqual(await rows(page, workspace), [], `${workspace} is empty again`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the sample loads in Chinese when the interface is in Chinese', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    const shell = new Shell(page);
    await shell.switchLanguage('zh-CN');
    await page.getByRole('button', { name: '使用示例数据体验' }).click();
    assert.match(await shell.notice(/已添加示例数据/), /已添加示例数据：共 \d+ 条记录。/);
    await page.getByText('你正在查看示例数据。').waitFor();

    const escalations = await rows(page, 'escalations');
    assert.ok(escalations.some((r) => r.includes('远航物流')), escalations.join('\n'));
    assert.ok(escalations.every((r) => r.includes('示例')));
    for (const severity of ['P1', 'P2', 'P3']) assert.ok(escalations.some((r) => r.includes(severity)));
    const feedback = await rows(page, 'feedback');
    assert.ok(feedback.some((r) => r.includes('调度员')), 'verbatims in Chinese');
    const onboarding = await rows(page, 'onboarding');
    assert.equal(onboarding.length, 2);
    assert.ok(onboarding.some((r) => r.includes('禾丰食品')));

    await goHome(page, '首页');
    await page.getByRole('button', { name: '移除示例数据' }).click();
    assert.match(await shell.notice(/已移除示例数据/), /已移除示例数据：共 \d+ 条记录。/);
    assert.deepEqual(await rows(page, 'escalations'), []);
    assert.deepEqual(await rows(page, 'accounts'), []);
    await goHome(page, '首页');
    await page.getByRole('button', { name: '使用示例数据体验' }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
});
