// End-to-end: an empty Casebook offers sample data. It loads in the interface language
// (accounts, open escalations of each severity, survey feedback with themes, two onboarding
// projects), every sample row is marked, and one click removes it all while the user's own
// record stays.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { launch, openApp } from './support/browser.mjs';
import { HealthDashboard, Home, OnboardingPanel, openFeedbackTool, RecordList, Shell } from './support/pages.mjs';
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
  return new RecordList(page).rowTexts();
}

describe('sample data', () => {
  test('explore with sample data, then remove it in one click and keep your own record', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    const shell = new Shell(page);
    const home = new Home(page);
    await home.exploreSample();
    assert.match(await shell.notice(/Sample data added/), /Sample data added: \d+ records\./);
    assert.equal(await home.exploreSampleButton().count(), 0, 'offered on an empty Casebook only');
    // The sample's accounts are older than two weeks and nothing was ever exported.
    const backUpNow = page.getByRole('link', { name: 'Back up now' });
    await backUpNow.waitFor();
    assert.match(await page.getByText(/not exported a backup for a while/).textContent(), /Browsers can clear site data/);

    // The list shows open escalations at first: one of each severity, and every row is marked.
    const escalations = await rows(page, 'Escalations');
    for (const severity of ['P1', 'P2', 'P3']) {
      assert.ok(escalations.some((r) => r.includes(severity)), `an open ${severity} escalation in ${escalations}`);
    }
    assert.ok(escalations.every((r) => r.includes('Sample')), 'sample rows carry the badge');
    assert.ok(escalations.some((r) => r.includes('Northwind Logistics')));

    const feedback = await rows(page, 'Feedback');
    assert.ok(feedback.length >= 15, `${feedback.length} feedback items`);
    await openFeedbackTool(page, 'Health dashboard');
    const dashboard = new HealthDashboard(page);
    await dashboard.waitForIt();
    const themes = (await dashboard.chart('Themes by ARR at stake')).map(([label]) => label);
    for (const theme of ['Reporting speed', 'Integrations', 'Mobile app']) assert.ok(themes.includes(theme), themes.join(', '));
    // ARR in several currencies makes long values: each shows whole beside a visible bar, on
    // a desktop and on a phone.
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      for (const chart of ['Items of the month per stage', 'Themes by ARR at stake']) {
        assert.deepEqual(await dashboard.chartClipped(chart), [], `${chart} at ${width} px`);
      }
    }
    await page.setViewportSize({ width: 1280, height: 720 });

    const onboarding = await rows(page, 'Onboarding');
    assert.equal(onboarding.length, 2);
    assert.ok(onboarding.some((r) => r.includes('Pinecrest Foods')) && onboarding.some((r) => r.includes('Lumen Bank')));
    // Long progress notes wrap inside their cell: on a desktop the plan needs no sideways scroll.
    for (const project of ['Pinecrest Foods', 'Lumen Bank']) {
      await new RecordList(page).open(project);
      const plan = new OnboardingPanel(page);
      await plan.waitForIt();
      assert.equal(await plan.planOverflow(), 0, `${project}'s plan fits at 1280 px`);
      await shell.goTo('Onboarding');
    }

    await createAccount(page, 'My Own Co');
    const accounts = await rows(page, 'Accounts');
    assert.ok(accounts.some((r) => r.includes('My Own Co') && !r.includes('Sample')), 'own rows are not marked');

    await shell.goHome();
    await home.removeSample();
    assert.match(await shell.notice(/Sample data removed/), /Sample data removed: \d+ records\. Your own records were not touched\./);

    // No reminder for an account made today.
    await backUpNow.waitFor({ state: 'detached' });
    const left = await rows(page, 'Accounts');
    assert.equal(left.length, 1);
    assert.match(left[0], /My Own Co/);
    for (const workspace of ['Escalations', 'Feedback', 'Onboarding']) {
      assert.deepEqual(await rows(page, workspace), [], `${workspace} is empty again`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the sample loads in Chinese when the interface is in Chinese', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    const shell = new Shell(page);
    const home = new Home(page);
    await shell.switchLanguage('简体中文');
    await home.exploreSample();
    assert.match(await shell.notice(/已添加示例数据/), /已添加示例数据：共 \d+ 条记录。/);

    const escalations = await rows(page, '升级处理');
    assert.ok(escalations.some((r) => r.includes('远航物流')), escalations.join('\n'));
    assert.ok(escalations.every((r) => r.includes('示例')));
    for (const severity of ['P1', 'P2', 'P3']) assert.ok(escalations.some((r) => r.includes(severity)));
    const feedback = await rows(page, '客户反馈');
    assert.ok(feedback.some((r) => r.includes('调度员')), 'verbatims in Chinese');
    const onboarding = await rows(page, '客户上线');
    assert.equal(onboarding.length, 2);
    assert.ok(onboarding.some((r) => r.includes('禾丰食品')));

    await shell.goHome();
    await home.removeSample();
    assert.match(await shell.notice(/已移除示例数据/), /已移除示例数据：共 \d+ 条记录。/);
    assert.deepEqual(await rows(page, '升级处理'), []);
    assert.deepEqual(await rows(page, '客户'), []);
    await shell.goHome();
    await home.exploreSampleButton().waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
});
