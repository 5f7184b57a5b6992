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
import { afterSave, attentionLines, Connections, DraftPanel, OnboardingPanel, openPrompt, Playbooks, RecordForm, RecordList, Shell, until } from './support/pages.mjs';
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
  await new Shell(page).goTo('Onboarding');
  await new RecordList(page).startNew();
  const form = new RecordForm(page);
  await form.fill({
    Customer: account,
    Industry: 'Financial services',
    'End users': '800',
    'Systems to connect': ['SSO', 'Data warehouse'],
    'Kickoff date': await browserDateIn(page, kickoffIn),
    'Go-live target': await browserDateIn(page, goLiveIn),
    'Executive sponsor': 'Maria Chen',
    'Technical lead': 'Tom Okafor',
    'Customer project manager': customerPm,
    'Contract scope': 'Platform licence for 800 advisers; SSO; nightly export to the data warehouse.',
  });
  await form.saveAndReturn();
  await new RecordList(page).open(account);
  await new OnboardingPanel(page).waitForIt();
}

/** The summary facts as { label: value }. */
function summary(page) {
  return new OnboardingPanel(page).summary();
}

/** The plan as rows: phase headings as { phase }, tasks as { task, owner, deps, due, status, done, late }. */
function planRows(page) {
  return new OnboardingPanel(page).planRows();
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
    const panel = new OnboardingPanel(page);
    const flags = await panel.flags().getByRole('listitem').allTextContents();
    assert.ok(flags.some((f) => /Tasks overdue: \d+/.test(f)), flags.join(' | '));

    assert.equal(await panel.article('SSO').count(), 1, 'the SSO checklist');
    assert.equal(await panel.article('Data warehouse').count(), 1, 'the data warehouse checklist');
    assert.equal(await panel.article('Go/no-go checklist').count(), 1);
    const risks = await panel.risks();
    assert.ok(risks.includes('IT security review stalls'));
    assert.ok(risks.includes('Compliance scope keeps growing'), 'the regulated risk applies');

    await new Shell(page).goTo('Home');
    const lines = await attentionLines(page);
    assert.ok(lines.some(([text, href]) => text.startsWith(BANK) && /Tasks overdue/.test(text) && href.startsWith('#/onboarding/')), JSON.stringify(lines));
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });

  test('progress is recorded at once, kept across a reload, and can be undone; an added step joins the plan', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await createBankProject(page);
    const panel = new OnboardingPanel(page);
    const first = (await planRows(page)).find((r) => r.late);
    await panel.setNote('Kickoff deck sent');
    await panel.record(first.task, 'Done');
    const today = await browserDateIn(page, 0);
    let row = (await planRows(page)).find((r) => r.task === first.task);
    assert.ok(row.done && !row.late);
    assert.equal(row.status, `Done on ${today} — Kickoff deck sent`);

    await page.reload();
    await panel.waitForIt();
    row = (await planRows(page)).find((r) => r.task === first.task);
    assert.ok(row.done, 'kept after a reload');
    await panel.record(first.task, 'Undo');
    row = (await planRows(page)).find((r) => r.task === first.task);
    assert.ok(!row.done && row.status === '', `undone: ${JSON.stringify(row)}`);

    await panel.addStep('Data residency review', 'Week 1');
    const rows = await planRows(page);
    const added = rows.findIndex((r) => r.task === 'Data residency review');
    assert.ok(added > 0, 'the step is in the plan');
    const phaseOf = (i) => rows.slice(0, i).filter((r) => r.phase).at(-1).phase;
    assert.equal(phaseOf(added), 'Week 1');
    await panel.record('Data residency review', 'Skipped');
    row = (await planRows(page)).find((r) => r.task === 'Data residency review');
    assert.ok(row.done && row.status.startsWith(`Skipped on ${today}`));

    // Saving the form above keeps what the panel recorded.
    await new RecordForm(page).saveAndReturn();
    await new RecordList(page).open(BANK);
    await panel.waitForIt();
    row = (await planRows(page)).find((r) => r.task === 'Data residency review');
    assert.ok(row?.done, 'still recorded after the form was saved');
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });

  test('exports: the plan as CSV and the milestones as .ics; the stakeholder messages name the people', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await createBankProject(page);
    const rows = (await planRows(page)).filter((r) => !r.phase);
    const panel = new OnboardingPanel(page);

    const csvDownload = await panel.download('Download plan (CSV)');
    assert.match(csvDownload.suggestedFilename(), /^onboarding-First Harbor Bank\.csv$/);
    const csv = (await readFile(await csvDownload.path(), 'utf8')).trim().split(/\r?\n/);
    assert.equal(csv.length, rows.length + 1, 'a header and one line per task');
    for (const r of rows) assert.ok(csv.some((line) => line.includes(r.due) && line.includes(r.task.replace(/"/g, '""'))), `CSV has ${r.task}`);

    const icsDownload = await panel.download('Download calendar (.ics)');
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
      const row = rows.find((r) => event.SUMMARY === `${BANK}: ${r.task}`);
      assert.ok(row, `${key}: a task of the plan`);
      assert.deepEqual(
        [event['DTSTART;VALUE=DATE'], event['DTEND;VALUE=DATE'], event.SUMMARY],
        [compact(row.due), compact(nextDay(row.due)), `${BANK}: ${row.task}`],
        key,
      );
      assert.equal(event.DTSTART, undefined, 'no timed start');
    }

    const kickoff = await panel.article('Kickoff agenda').textContent();
    for (const name of ['Maria Chen', 'Tom Okafor', 'Ana Ruiz']) assert.ok(kickoff.includes(name), `kickoff agenda names ${name}`);
    const weekly = await panel.article('Weekly status update').textContent();
    assert.match(weekly, /First Harbor Bank/);
    // Overdue tasks: the slip message proposes new dates.
    const slipMessage = panel.article('Timeline slip: escalation message');
    const slip = await slipMessage.textContent();
    assert.ok(rows.filter((r) => r.late).some((r) => slip.includes(r.task)), 'the slip message lists an overdue task');
    const mail = await slipMessage.getByRole('link', { name: 'Open in mail client' }).getAttribute('href');
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
    await new OnboardingPanel(page).record(overdue[0].task, 'Done');

    await openPrompt(page, 'At-risk onboarding assessment');
    const form = new RecordForm(page);
    assert.equal(await form.value('Weeks since onboarding started'), '3');
    assert.match(await form.value('Completed so far'), new RegExp(overdue[0].task.slice(0, 20)));
    const panel = new DraftPanel(page);
    await panel.generate();
    await panel.waitForStatus(/Complete/);
    const text = await panel.output();
    for (const heading of ['Risk level', 'Most likely failure mode', 'Rescue actions for the next 2 weeks', 'Revised timeline', 'Escalation advice']) {
      assert.ok(text.includes(heading), `section ${heading}`);
    }
    assert.match(text, /Compliance/);

    await connections.add('Other OpenAI-compatible server', { Name: 'Mock OpenAI', 'Base URL': `${mock.url}/openai/v1`, 'API key': 'test-key', Model: 'mock-model' });
    await connections.save();
    await page.goto(project);
    await new OnboardingPanel(page).waitForIt();
    await openPrompt(page, 'At-risk onboarding assessment');
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
    await new Shell(page).goTo('Onboarding');
    const playbooks = new Playbooks(page);
    await playbooks.create('Banks', 'Financial services');
    await playbooks.version('Banks v1').waitFor();

    const panel = new OnboardingPanel(page);
    let skipped;
    for (const account of ['Harbor One', 'Harbor Two']) {
      await createBankProject(page, { account });
      await panel.choosePlaybook('Banks v1');
      const task = (await planRows(page)).find((r) => !r.phase && !r.done && r.owner === 'Vendor' && r.deps === '' && !r.late) ?? (await planRows(page)).find((r) => !r.phase && !r.done);
      skipped ??= task;
      await panel.record(skipped.task, 'Skipped');
    }

    await new Shell(page).goTo('Onboarding');
    const v1 = playbooks.version('Banks v1');
    await v1.waitFor();
    assert.match(await v1.textContent(), /projects on this version: 2/);
    assert.ok((await v1.textContent()).includes(skipped.task), 'the common change is proposed');
    await afterSave(page, () => v1.getByRole('button', { name: 'Create version 2 with these proposals' }).click());
    const v2 = playbooks.version('Banks v2');
    await v2.waitFor();
    assert.match(await v2.textContent(), new RegExp(`Leaves out: ${skipped.task.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

    await createBankProject(page, { account: 'Harbor Three' });
    assert.ok((await planRows(page)).some((r) => r.task === skipped.task), 'the base plan has the step');
    await panel.choosePlaybook('Banks v2');
    await until(async () => (await panel.taskRow(skipped.task)) === null);
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });
});

describe('onboarding: in Chinese', () => {
  test('the panel, plan and messages speak Chinese', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await createBankProject(page);
    await new Shell(page).switchLanguage('简体中文');
    const panel = new OnboardingPanel(page);
    await panel.waitForLanguage('zh-CN');
    const facts = await summary(page);
    assert.equal(facts['基础层级（内置规则）'], '合规型');
    const phases = (await planRows(page)).filter((r) => r.phase).map((r) => r.phase);
    assert.deepEqual(phases, ['启动前', '第 1 周', '第 2–4 周', '第 2–3 个月', '上线', '上线后第 1–4 周']);
    assert.match(await panel.article('启动会议程').textContent(), /Maria Chen/);
    assert.match(await panel.flags().textContent(), /逾期任务/);
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });
});
