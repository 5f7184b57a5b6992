// End-to-end: the Onboarding workspace as a CSM uses it. A bank (financial services, SSO + data warehouse) becomes a
// compliance-tier project; the CSM reads its tier, dated plan, checklists and risks, records
// progress (done, undo, an added step), exports the plan, writes the stakeholder messages,
// runs the at-risk assessment against the mock AI service, and makes the next playbook
// version from what two projects changed. Dates are computed in the page's own time zone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { launch, openApp } from './support/browser.mjs';
import { startMockLlm } from './support/mock-llm.mjs';
import { afterSave, attentionLines, Connections, DraftPanel, RecordForm, RecordList, Shell } from './support/pages.mjs';
import { browserDateIn, createAccount } from './support/scenarios.mjs';
import { serveDist } from './support/static-server.mjs';

let server;
let browser;
let mock;

before(async () => {
  server = await serveDist();
  browser = await launch();
  mock = await startMockLlm();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await mock?.close();
});

const BANK = 'First Harbor Bank';

/** Creates the bank's account and its onboarding project (kickoff `kickoffIn` days from today) and opens it. */
async function createBankProject(page, { kickoffIn = -21, goLiveIn = 100, account = BANK, customerPm = 'Ana Ruiz' } = {}) {
  await createAccount(page, account);
  await new Shell(page).goTo('onboarding');
  await new RecordList(page).startNew();
  const form = new RecordForm(page);
  await form.fill({
    account_id: account,
    industry: 'Financial services',
    end_users: '800',
    systems: ['sso', 'data_warehouse'],
    kickoff_date: await browserDateIn(page, kickoffIn),
    go_live_target: await browserDateIn(page, goLiveIn),
    exec_sponsor: 'Maria Chen',
    technical_lead: 'Tom Okafor',
    customer_pm: customerPm,
    contract_scope: 'Platform licence for 800 advisers; SSO; nightly export to the data warehouse.',
  });
  await form.saveAndReturn();
  await new RecordList(page).open(account);
  await page.waitForSelector('#onboarding-plan');
}

/** The summary facts as { label: value }. */
function summary(page) {
  return page.$$eval('#ob-summary dt', (dts) => Object.fromEntries(dts.map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));
}

/** The plan as rows: phase headings as { phase }, tasks as { task, owner, due, status, done, late }. */
function planRows(page) {
  return page.$$eval('#ob-plan tbody tr', (rows) =>
    rows.map((r) =>
      r.classList.contains('phase-row')
        ? { phase: r.textContent.trim() }
        : {
            key: r.dataset.key,
            task: r.cells[0].textContent,
            owner: r.cells[1].textContent,
            deps: r.cells[3].textContent,
            due: r.cells[4].textContent,
            status: r.cells[5].querySelector('.status-text')?.textContent ?? '',
            done: r.classList.contains('done'),
            late: r.classList.contains('alert'),
          },
    ),
  );
}

const pageErrors = (errors) => errors.filter((e) => !/Failed to load resource/.test(e));

describe('onboarding: a compliance-tier project', () => {
  test('the built-in rules give the tier, a dated plan, checklists, risks and flags', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await createBankProject(page);
    const facts = await summary(page);
    assert.equal(facts['Base tier (built-in rules)'], 'Compliance');
    assert.match(facts['Factors that decided the tier'], /Regulated industry/);
    assert.match(facts['Risk flags'], /First customer in this industry/);
    assert.equal(facts['Typical kickoff-to-go-live duration for this tier'], '90–120 days');
    assert.ok(facts['Planned kickoff → go-live'].startsWith(await browserDateIn(page, -21)));

    const rows = await planRows(page);
    const phases = rows.filter((r) => r.phase).map((r) => r.phase);
    assert.deepEqual(phases, ['Pre-kickoff', 'Week 1', 'Weeks 2–4', 'Months 2–3', 'Go-live', 'Post-go-live weeks 1–4']);
    const tasks = rows.filter((r) => !r.phase);
    assert.ok(tasks.length >= 15, `a full plan (${tasks.length} tasks)`);
    const dues = tasks.map((t) => t.due);
    for (const due of dues) assert.match(due, /^\d{4}-\d\d-\d\d$/);
    assert.ok(tasks.every((t) => ['Vendor', 'Customer'].includes(t.owner)), 'every task has an owner side');
    assert.ok(tasks.some((t) => t.deps.length > 0), 'dependencies are named');
    assert.ok(tasks.some((t) => /SSO/i.test(t.task)), 'an SSO task');
    // Three weeks after kickoff with nothing recorded, early tasks are overdue and flagged.
    const today = await browserDateIn(page, 0);
    const late = tasks.filter((t) => t.late);
    assert.ok(late.length > 0 && late.every((t) => t.due < today), 'overdue tasks are marked');
    const flags = await page.$$eval('#ob-flags li', (items) => items.map((i) => i.textContent));
    assert.ok(flags.some((f) => /Tasks overdue: \d+/.test(f)), flags.join(' | '));

    const checklists = await page.textContent('#onboarding-plan .agendas');
    assert.match(checklists, /Single sign-on|SSO/);
    assert.match(checklists, /Data warehouse/);
    assert.match(await page.textContent('#ob-go-no-go'), /Go\/no-go checklist/);
    const risks = await page.$$eval('#ob-risks tbody tr', (rows) => rows.map((r) => r.cells[0].textContent));
    assert.ok(risks.includes('IT security review stalls'));
    assert.ok(risks.includes('Compliance scope keeps growing'), 'the regulated risk applies');

    await new Shell(page).goTo('');
    const lines = await attentionLines(page);
    assert.ok(lines.some(([text, href]) => text.startsWith(BANK) && /Tasks overdue/.test(text) && href.startsWith('#/onboarding/')), JSON.stringify(lines));
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });

  test('progress is recorded at once, kept across a reload, and can be undone; an added step joins the plan', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await createBankProject(page);
    const first = (await planRows(page)).find((r) => r.late);
    await page.fill('#ob-note', 'Kickoff deck sent');
    await afterSave(page, () => page.click(`#ob-plan tr[data-key="${first.key}"] button:has-text("Done")`));
    const today = await browserDateIn(page, 0);
    let row = (await planRows(page)).find((r) => r.key === first.key);
    assert.ok(row.done && !row.late);
    assert.equal(row.status, `Done on ${today} — Kickoff deck sent`);

    await page.reload();
    await page.waitForSelector('#onboarding-plan');
    row = (await planRows(page)).find((r) => r.key === first.key);
    assert.ok(row.done, 'kept after a reload');
    await afterSave(page, () => page.click(`#ob-plan tr[data-key="${first.key}"] button:has-text("Undo")`));
    row = (await planRows(page)).find((r) => r.key === first.key);
    assert.ok(!row.done && row.status === '', `undone: ${JSON.stringify(row)}`);

    await page.fill('#ob-new-step', 'Data residency review');
    await page.selectOption('#ob-new-phase', { label: 'Week 1' });
    await afterSave(page, () => page.click('#ob-add-step button[type=submit]'));
    const rows = await planRows(page);
    const added = rows.findIndex((r) => r.task === 'Data residency review');
    assert.ok(added > 0, 'the step is in the plan');
    const phaseOf = (i) => rows.slice(0, i).filter((r) => r.phase).at(-1).phase;
    assert.equal(phaseOf(added), 'Week 1');
    await afterSave(page, () => page.click('#ob-plan tr[data-key="Data residency review"] button:has-text("Skipped")'));
    row = (await planRows(page)).find((r) => r.task === 'Data residency review');
    assert.ok(row.done && row.status.startsWith(`Skipped on ${today}`));

    // Saving the form above keeps what the panel recorded.
    await new RecordForm(page).save();
    await page.waitForSelector('table.records');
    await new RecordList(page).open(BANK);
    await page.waitForSelector('#onboarding-plan');
    row = (await planRows(page)).find((r) => r.task === 'Data residency review');
    assert.ok(row?.done, 'still recorded after the form was saved');
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });

  test('exports: the plan as CSV and the milestones as .ics; the stakeholder messages name the people', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await createBankProject(page);
    const rows = (await planRows(page)).filter((r) => !r.phase);

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#ob-download-csv')]);
    assert.match(csvDownload.suggestedFilename(), /^onboarding-First Harbor Bank\.csv$/);
    const csv = (await readFile(await csvDownload.path(), 'utf8')).trim().split(/\r?\n/);
    assert.equal(csv.length, rows.length + 1, 'a header and one line per task');
    for (const r of rows) assert.ok(csv.some((line) => line.includes(r.due) && line.includes(r.task.replace(/"/g, '""'))), `CSV has ${r.task}`);

    const [icsDownload] = await Promise.all([page.waitForEvent('download'), page.click('#ob-download-ics')]);
    const ics = await readFile(await icsDownload.path(), 'utf8');
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n') && ics.trimEnd().endsWith('END:VCALENDAR'));
    // All-day events on the milestones' due dates (the end date is exclusive), one UID each.
    const events = ics
      .replace(/\r\n /g, '')
      .split('BEGIN:VEVENT\r\n')
      .slice(1)
      .map((block) => Object.fromEntries(block.split('END:VEVENT')[0].trim().split('\r\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)])));
    assert.deepEqual(
      events.map((e) => e.UID.match(/-([a-z0-9_]+)@casebook$/)[1]),
      ['w1_kickoff', 'w4_first_value', 'gl_go_no_go', 'gl_launch', 'pg_retro'],
    );
    assert.equal(new Set(events.map((e) => e.UID)).size, events.length, 'unique UIDs');
    const compact = (date) => date.replace(/-/g, '');
    const nextDay = (date) => new Date(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10) + 1)).toISOString().slice(0, 10);
    for (const event of events) {
      const key = event.UID.match(/-([a-z0-9_]+)@casebook$/)[1];
      const row = rows.find((r) => r.key === key);
      assert.deepEqual(
        [event['DTSTART;VALUE=DATE'], event['DTEND;VALUE=DATE'], event.SUMMARY],
        [compact(row.due), compact(nextDay(row.due)), `${BANK}: ${row.task}`],
        key,
      );
      assert.equal(event.DTSTART, undefined, 'no timed start');
    }

    const kickoff = await page.textContent('#ob-kickoff');
    for (const name of ['Maria Chen', 'Tom Okafor', 'Ana Ruiz']) assert.ok(kickoff.includes(name), `kickoff agenda names ${name}`);
    const weekly = await page.textContent('#ob-weekly');
    assert.match(weekly, /First Harbor Bank/);
    // Overdue tasks: the slip message proposes new dates.
    const slip = await page.textContent('#ob-slip');
    assert.ok(rows.filter((r) => r.late).some((r) => slip.includes(r.task)), 'the slip message lists an overdue task');
    const mail = await page.getAttribute('#ob-slip a', 'href');
    assert.ok(mail.startsWith('mailto:?subject='));
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });

  test('the at-risk assessment is prefilled from progress, drafted built-in, and sent to the AI with the computed facts', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    const connections = new Connections(page);
    await createBankProject(page);
    const project = page.url();
    const overdue = (await planRows(page)).filter((r) => r.late);
    await afterSave(page, () => page.click(`#ob-plan tr[data-key="${overdue[0].key}"] button:has-text("Done")`));

    await page.click('a:has-text("At-risk onboarding assessment")');
    await page.waitForSelector('#draft-status');
    assert.equal(await page.inputValue('#f-weeks'), '3');
    assert.match(await page.inputValue('#f-done'), new RegExp(overdue[0].task.slice(0, 20)));
    const panel = new DraftPanel(page);
    await panel.generate();
    await panel.waitForStatus(/Complete/);
    const text = await panel.output();
    for (const heading of ['Risk level', 'Most likely failure mode', 'Rescue actions for the next 2 weeks', 'Revised timeline', 'Escalation advice']) {
      assert.ok(text.includes(heading), `section ${heading}`);
    }
    assert.match(text, /Compliance/);

    await connections.add('Other OpenAI-compatible server', { name: 'Mock OpenAI', base_url: `${mock.url}/openai/v1`, api_key: 'test-key', model: 'mock-model' });
    await connections.save();
    await page.goto(project);
    await page.waitForSelector('#onboarding-plan');
    await page.click('a:has-text("At-risk onboarding assessment")');
    await page.waitForSelector('#draft-status');
    const sentBefore = mock.requests.length;
    await panel.generate();
    await panel.waitForStatus(/Complete/);
    assert.match(await panel.output(), /The mock openai server answered as mock-model/);
    const sent = mock.requests.slice(sentBefore).find((r) => r.method === 'POST');
    const user = sent.body.messages.filter((m) => m.role === 'user').at(-1).content;
    assert.match(user, /Compliance/);
    assert.match(user, /Weeks 2–4/);
    assert.match(user, /IT security review stalls/);
    assert.ok(user.includes(overdue[0].task), 'the recorded progress');
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });
});

describe('onboarding: playbooks learn from their projects', () => {
  test('two projects skip the same step; the next version adopts it and new plans leave it out', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await new Shell(page).goTo('onboarding');
    await page.fill('#playbook-name', 'Banks');
    await page.fill('#playbook-segment', 'Financial services');
    await afterSave(page, () => page.click('#new-playbook button[type=submit]'));
    await page.waitForSelector('#playbook-list article[data-version="1"]');

    let skipped;
    for (const account of ['Harbor One', 'Harbor Two']) {
      await createBankProject(page, { account });
      await afterSave(page, () => page.selectOption('#ob-playbook', { label: 'Banks v1' }));
      const task = (await planRows(page)).find((r) => !r.phase && r.key !== 'added' && !r.done && r.owner === 'Vendor' && r.deps === '' && !r.late) ?? (await planRows(page)).find((r) => !r.phase && !r.done);
      skipped ??= task;
      await afterSave(page, () => page.click(`#ob-plan tr[data-key="${skipped.key}"] button:has-text("Skipped")`));
    }

    await new Shell(page).goTo('onboarding');
    const v1 = page.locator('#playbook-list article[data-version="1"]');
    await v1.waitFor();
    assert.match(await v1.textContent(), /projects on this version: 2/);
    assert.ok((await v1.textContent()).includes(skipped.task), 'the common change is proposed');
    await afterSave(page, () => v1.locator('button').click());
    const v2 = page.locator('#playbook-list article[data-version="2"]');
    await v2.waitFor();
    assert.match(await v2.textContent(), new RegExp(`Leaves out: ${skipped.task.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

    await createBankProject(page, { account: 'Harbor Three' });
    assert.ok((await planRows(page)).some((r) => r.key === skipped.key), 'the base plan has the step');
    await afterSave(page, () => page.selectOption('#ob-playbook', { label: 'Banks v2' }));
    await page.waitForFunction((key) => !document.querySelector(`#ob-plan tr[data-key="${key}"]`), skipped.key);
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });
});

describe('onboarding: in Chinese', () => {
  test('the panel, plan and messages speak Chinese', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await createBankProject(page);
    await new Shell(page).switchLanguage('zh-CN');
    await page.waitForFunction(() => document.querySelector('#ob-heading')?.textContent === '上线计划');
    const facts = await summary(page);
    assert.equal(facts['基础层级（内置规则）'], '合规型');
    const phases = (await planRows(page)).filter((r) => r.phase).map((r) => r.phase);
    assert.deepEqual(phases, ['启动前', '第 1 周', '第 2–4 周', '第 2–3 个月', '上线', '上线后第 1–4 周']);
    assert.match(await page.textContent('#ob-kickoff'), /Maria Chen/);
    assert.match(await page.textContent('#ob-flags'), /逾期任务/);
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });
});
