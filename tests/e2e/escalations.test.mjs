// End-to-end: the Escalations workspace as a CSM uses it. An angry customer's e-mail about an
// outage, with a threat to cancel, becomes an escalation: the built-in analysis classifies it
// P1 with its signals and shows the first-response clock in red; the board and Home flag it;
// the CSM overrides the classification (with a reason), logs events, moves a timeline item,
// exports the calendar, drafts the five guided prompts (built-in drafter and a mock AI
// service), and does it all again in Chinese. Every expectation about dates is computed in
// the page's own time zone, so the tests hold in any zone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launch, openApp } from './support/browser.mjs';
import { startMockLlm } from './support/mock-llm.mjs';
import { afterSave, Connections, DraftPanel, EscalationBoard, EscalationPanel, Home, RecordForm, RecordList, Shell, until } from './support/pages.mjs';
import {
  ANGRY,
  browserDateIn,
  browserHoursAgo,
  browserLocalToIcsUtc,
  createAccount,
  createAngryEscalation,
  createEscalation,
} from './support/scenarios.mjs';
import { serveDist } from './support/static-server.mjs';

let server;
let browser;
let mock;
let scratch;

before(async () => {
  server = await serveDist();
  browser = await launch();
  mock = await startMockLlm();
  scratch = await mkdtemp(join(tmpdir(), 'casebook-esc-'));
});

after(async () => {
  await browser?.close();
  await server?.close();
  await mock?.close();
});

const P1_SIGNALS = [
  'cancellation, non-renewal or legal action threatened',
  'production outage or data loss',
  'ARR of 250,000 or more with renewal within 90 days',
];
const BOARD_COLUMNS = ['Account', 'What the customer said', 'Severity', 'Status', 'Age', 'First response', 'Next update due', 'Renewal', 'ARR at risk'];
const LOCAL_MINUTE = /\d{4}-\d\d-\d\d \d\d:\d\d/;
const CHECKPOINTS = Array.from({ length: 14 }, (_, i) => `Customer update ${i + 1}`);
const TIMELINE = [
  'First customer response',
  'Internal resolution call',
  'Customer resolution conversation',
  ...CHECKPOINTS,
  'Mid-point progress review',
  'Resolution target',
  'Post-escalation review',
];

/** A datetime-local value moved by whole `hours` and `days`, as the app shows it ("YYYY-MM-DD HH:MM"). */
function shifted(local, { hours = 0, days = 0 } = {}) {
  const t = new Date(`${local}:00Z`);
  t.setUTCHours(t.getUTCHours() + hours + 24 * days);
  return t.toISOString().slice(0, 16).replace('T', ' ');
}
const shown = (local) => local.replace('T', ' ');
const recordId = (url) => url.match(/#\/escalations\/([^/]+)$/)[1];
const pageErrors = (errors) => errors.filter((e) => !/Failed to load resource/.test(e));

async function openBoard(page, name = 'Escalations') {
  await new Shell(page).goTo(name);
  return new EscalationBoard(page);
}

async function goHome(page) {
  await new Shell(page).goHome();
  return new Home(page).attentionLines();
}

/** Opens the record at `url` afresh from storage (a real reload when already there). */
async function reopen(page, url) {
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  await new EscalationPanel(page).waitForIt();
}

/** The received time as the escalation's form shows it. */
const receivedAt = (page) => new RecordForm(page).value('Received at');

/** The section of a Markdown draft under `## heading`, up to the next `## ` heading. */
function section(text, heading) {
  const start = text.indexOf(`## ${heading}\n`);
  assert.ok(start >= 0, `missing section "${heading}"`);
  const rest = text.slice(start + heading.length + 4);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

function assertHeadingsInOrder(text, headings) {
  let at = -1;
  for (const heading of headings) {
    const next = text.indexOf(`## ${heading}\n`);
    assert.ok(next >= 0, `missing section "${heading}"`);
    assert.ok(next > at, `section "${heading}" out of order`);
    at = next;
  }
}

/** Words as the spec's length limit counts them: runs of letters and digits, ASCII punctuation inside a run (don't, e-mail) does not split it, each Han character is one word. */
function countWords(text) {
  return (text.match(/\p{Script=Han}|[\p{L}\p{N}]+(?:[!-\/:-@\[-`{-~]+[\p{L}\p{N}]+)*/gu) ?? []).length;
}

/** Checks an .ics file against RFC 5545's framing and returns its events as property maps. */
function parseCalendar(bytes) {
  const text = bytes.toString('utf8');
  assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n'), 'starts with BEGIN:VCALENDAR');
  assert.ok(text.endsWith('END:VCALENDAR\r\n'), 'ends with END:VCALENDAR and CRLF');
  assert.doesNotMatch(text.replaceAll('\r\n', ''), /[\r\n]/, 'every line ends in CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const line of physical) {
    const octets = Buffer.from(line, 'utf8');
    // RFC 5545: lines SHOULD NOT pass 75 octets. The icalendar crate lets a continuation line
    // reach 76 (its space and 75 octets) when exactly 75 octets are left to write.
    const limit = line.startsWith(' ') ? 76 : 75;
    assert.ok(octets.length <= limit, `line longer than ${limit} octets (${octets.length}): ${line}`);
    decoder.decode(octets); // a fold never splits a character
  }
  const lines = text.replace(/\r\n[ \t]/g, '').slice(0, -2).split('\r\n');
  assert.ok(lines.includes('VERSION:2.0'), 'VERSION:2.0');
  assert.ok(lines.some((l) => l.startsWith('PRODID:')), 'PRODID');
  const events = [];
  let current = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      events.push(current);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      current[line.slice(0, colon)] = line.slice(colon + 1);
    }
  }
  assert.equal(lines.filter((l) => l === 'BEGIN:VEVENT').length, events.length, 'every VEVENT is closed');
  return events;
}

describe('escalations: classification, clock, board and Home', () => {
  test('an angry e-mail about an outage with a threat to cancel is P1, with its signals and a red first-response clock', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    const url = await createAngryEscalation(page);
    const received = await receivedAt(page);
    const panel = new EscalationPanel(page);
    const analysis = await panel.analysis();
    assert.equal(analysis.type, 'Product failure');
    assert.equal(analysis.severity, 'P1 · executive');
    assert.deepEqual(analysis.signals, P1_SIGNALS, 'every signal that fired, and only those (no executive in the e-mail)');
    assert.equal(analysis.cues, 'Product failure × 3', 'down, outage, failover');
    assert.equal(analysis.firstResponse, `Overdue by 1 h (due ${shifted(received, { hours: 2 })})`);
    assert.ok(analysis.firstResponseAlert, 'the overdue clock is in red');
    assert.equal(analysis.overrideNote, null);
    assert.equal(await panel.status(), 'New');
    assert.deepEqual(await panel.eventLog(), [`${shown(received)} Escalation received`]);

    const roles = (await panel.stakeholders()).map(([who]) => who);
    for (const role of ['Support', 'Engineering', 'Executive sponsor']) assert.ok(roles.includes(role), `P1 product failure activates ${role}`);
    for (const [who, need, by] of await panel.stakeholders()) {
      assert.ok(need.length > 10, `${who}: what we need from them`);
      assert.match(by, LOCAL_MINUTE);
    }

    const timeline = await panel.timeline();
    assert.deepEqual(timeline.map(([label]) => label).sort(), [...TIMELINE].sort());
    const when = Object.fromEntries(timeline.map(([label, value]) => [label, value]));
    assert.equal(shown(when['First customer response']), shifted(received, { hours: 2 }), 'first response due 2 h after receipt');
    CHECKPOINTS.forEach((label, i) => assert.equal(shown(when[label]), shifted(received, { days: i + 1 }), `P1: ${label} daily`));
    assert.ok(timeline.every(([, , reset]) => !reset), 'nothing moved yet');

    const agendas = await panel.agendas();
    assert.equal(agendas.length, 2);
    assert.match(agendas[0].title, /^Internal resolution call/);
    assert.match(agendas[1].title, /^Customer resolution conversation/);
    for (const agenda of agendas) {
      assert.deepEqual(agenda.headings, ['Points to cover', 'We may promise', 'We must not promise']);
      assert.ok(agenda.points.length >= 3 && agenda.mustNot.length >= 3, agenda.title);
      assert.ok(agenda.may.some((p) => p.includes(ANGRY.canFix)), 'only what we can fix may be promised');
    }
    assert.match(url, /#\/escalations\/[0-9a-f-]{36}$/);
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });

  test('the board shows the overdue clock in red and filters open, overdue and P1 escalations; Home lists it', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    await createAccount(page, 'Pebble Studio', { Tier: 'SMB', ARR: '12,000', 'Renewal date': await browserDateIn(page, 300) });
    await createEscalation(page, {
      Account: 'Pebble Studio',
      'Primary contact': 'Ines Moreau',
      'Received at': await browserHoursAgo(page, 0.5),
      'What the customer said': 'Ines asks for a PDF copy of the October invoice for her accountant.',
    });
    const url = await createAngryEscalation(page);
    const received = await receivedAt(page);
    const firstCheckpoint = await new EscalationPanel(page).timeOf('Customer update 1');

    const board = await openBoard(page);
    assert.equal(await board.filterValue(), 'Open escalations', 'the board opens on open escalations');
    assert.deepEqual(await board.headers(), BOARD_COLUMNS);
    const rows = await board.rows();
    assert.equal(rows.length, 2);
    const angry = rows.find((r) => r.Account === ANGRY.account);
    const calm = rows.find((r) => r.Account === 'Pebble Studio');
    assert.equal(angry.Severity, 'P1 · executive');
    assert.equal(angry.Status, 'New');
    assert.equal(angry.Age, '3 h');
    assert.equal(angry['First response'], 'overdue by 1 h');
    assert.deepEqual(angry.alerts, ['First response'], 'only the overdue clock is red');
    assert.equal(angry['Next update due'], shown(firstCheckpoint));
    assert.equal(angry.Renewal, await browserDateIn(page, 60));
    assert.equal(angry['ARR at risk'], 'USD 480,000');
    assert.equal(calm.Severity, 'P3 · support-tracked', 'small account far from renewal, no P1 signal');
    assert.match(calm['First response'], /^due in (1 h|\d+ min)$/);
    assert.deepEqual(calm.alerts, []);

    const accountsUnder = async (filter) => {
      await board.filter(filter);
      return (await board.rows()).map((r) => r.Account).sort();
    };
    assert.deepEqual(await accountsUnder('First response overdue'), [ANGRY.account]);
    assert.deepEqual(await accountsUnder('P1 only'), [ANGRY.account]);
    assert.deepEqual(await accountsUnder('All'), [ANGRY.account, 'Pebble Studio']);
    assert.deepEqual(await accountsUnder('Open escalations'), [ANGRY.account, 'Pebble Studio']);

    const lines = await goHome(page);
    const late = `${ANGRY.account}: first response overdue by 1 h (due ${shifted(received, { hours: 2 })})`;
    assert.deepEqual(
      lines.filter(([text]) => /first response/.test(text)),
      [[late, `#/escalations/${recordId(url)}`]],
      'only the late one, linking to its record',
    );
    assert.ok(!lines.some(([text]) => text.startsWith('Pebble Studio')), 'the calm one needs no attention');
    await new Home(page).openAttention(late);
    await new EscalationPanel(page).waitForIt();
    assert.equal(page.url(), url);
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });

  test('customer updates follow the severity: P2 every 2 business days, P3 weekly, never on a weekend', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    const weekday = (value) => new Date(`${value.slice(0, 10)}T12:00:00Z`).getUTCDay();
    const businessDaysBetween = (a, b) => {
      let n = 0;
      for (let d = new Date(`${a.slice(0, 10)}T12:00:00Z`); d.toISOString().slice(0, 10) < b.slice(0, 10); ) {
        d.setUTCDate(d.getUTCDate() + 1);
        if (d.getUTCDay() % 6 !== 0) n++;
      }
      return n;
    };
    const checkpoints = async (account, summary, receivedAt) => {
      await createEscalation(page, { Account: account, 'Primary contact': 'Sam Ortiz', 'Received at': receivedAt, 'What the customer said': summary });
      await new EscalationBoard(page).filter('All');
      await new EscalationBoard(page).open(summary.slice(0, 12));
      const panel = new EscalationPanel(page);
      const analysis = await panel.analysis();
      const values = (await panel.timeline()).filter(([label]) => CHECKPOINTS.includes(label)).map(([, value]) => value);
      return { analysis, values };
    };

    await createAccount(page, 'Mid Market Co', { Tier: 'Mid-market', ARR: '100,000', 'Renewal date': await browserDateIn(page, 200) });
    // Friday 2026-11-20 10:00: two business days later is Tuesday.
    const p2 = await checkpoints('Mid Market Co', 'Support tickets wait for days and the SLA response time is missed.', '2026-11-20T10:00');
    assert.equal(p2.analysis.severity, 'P2 · CSM-managed');
    assert.equal(p2.analysis.type, 'Service gap');
    assert.equal(p2.values[0], '2026-11-24T10:00');
    assert.ok(p2.values.length >= 4, p2.values.join(', '));
    p2.values.forEach((value, i) => {
      assert.ok(weekday(value) % 6 !== 0, `P2 update ${i + 1} on a weekday: ${value}`);
      assert.equal(value.slice(11), '10:00');
      if (i > 0) assert.equal(businessDaysBetween(p2.values[i - 1], value), 2, `2 business days before ${value}`);
    });

    await createAccount(page, 'Small Shop', { Tier: 'SMB', ARR: '10,000', 'Renewal date': await browserDateIn(page, 300) });
    // Saturday 2026-11-21: the weekly update falls on Saturday and moves to Monday.
    const p3 = await checkpoints('Small Shop', 'A support ticket about CSV export has been waiting a week.', '2026-11-21T10:00');
    assert.equal(p3.analysis.severity, 'P3 · support-tracked');
    assert.equal(p3.values[0], '2026-11-30T10:00', 'Saturday 28 November moves to Monday 30');
    assert.ok(p3.values.every((value) => weekday(value) === 1), p3.values.join(', '));
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });

  test('a customer update due today is on Home until the update is logged', async () => {
    const { context, page } = await openApp(browser, server.url);
    await createAngryEscalation(page, { receivedHoursAgo: 24 });
    const panel = new EscalationPanel(page);
    const checkpoint = await panel.timeOf('Customer update 1');
    assert.equal(checkpoint.slice(0, 10), await browserDateIn(page, 0), 'received a day ago: the first daily update is today');
    const url = page.url();

    let lines = (await goHome(page)).map(([text]) => text);
    // Received 24 h ago (to the minute): the update's time has come, and no update is logged.
    assert.ok(lines.includes(`${ANGRY.account}: customer update 1 overdue since ${checkpoint.slice(11)} today`), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith(`${ANGRY.account}: first response overdue by 22 h`)), lines.join('\n'));
    assert.ok(lines.findIndex((l) => /first response/.test(l)) < lines.findIndex((l) => /customer update/.test(l)), 'late responses come first');

    await reopen(page, url);
    await panel.logEvent('First response sent');
    await panel.logEvent('Customer updated', 'Daily update e-mailed to Dana');
    lines = (await goHome(page)).map(([text]) => text);
    assert.deepEqual(lines.filter((l) => l.startsWith(ANGRY.account)), []);
    await context.close();
  });
});

describe('escalations: the CSM works the case', () => {
  test('overriding the classification needs a reason, is shown with it, survives a reload, and the board follows', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    const url = await createAngryEscalation(page);
    const panel = new EscalationPanel(page);

    await panel.fillOverride({ type: 'Service gap', severity: 'P2 · CSM-managed', reason: '   ' });
    await panel.saveOverrideButton().click();
    assert.match(await panel.overrideError().textContent(), /Say why you change the classification/);
    assert.equal(await panel.reasonBox().getAttribute('aria-invalid'), 'true');
    assert.ok(await panel.reasonBox().evaluate((e) => e === document.activeElement), 'focus goes to the reason');
    let analysis = await panel.analysis();
    assert.equal(analysis.severity, 'P1 · executive', 'nothing changes without a reason');
    assert.equal(await panel.clearOverrideButton().count(), 0);

    const reason = 'Infra restored service within the hour; what is left is our slow ticket response.';
    await panel.fillOverride({ reason });
    await afterSave(page, () => panel.saveOverrideButton().click());
    analysis = await panel.analysis();
    assert.equal(analysis.type, 'Service gap');
    assert.equal(analysis.severity, 'P2 · CSM-managed');
    assert.equal(analysis.overrideNote, `Set by the CSM: ${reason}`);
    assert.deepEqual(analysis.signals, P1_SIGNALS, 'the rules\' evidence is kept');
    assert.equal(await panel.overrideError().count(), 0, 'the error is gone');

    await reopen(page, url);
    analysis = await panel.analysis();
    assert.equal(analysis.severity, 'P2 · CSM-managed', 'the override survives a reload');
    assert.equal(analysis.overrideNote, `Set by the CSM: ${reason}`);

    const board = await openBoard(page);
    assert.equal((await board.rows())[0].Severity, 'P2 · CSM-managed');
    await board.filter('P1 only');
    assert.deepEqual(await board.rows(), [], 'no longer a P1');

    await reopen(page, url);
    await panel.openOverride();
    await afterSave(page, () => panel.clearOverrideButton().click());
    analysis = await panel.analysis();
    assert.equal(analysis.severity, 'P1 · executive');
    assert.equal(analysis.type, 'Product failure');
    assert.equal(analysis.overrideNote, null);
    await openBoard(page);
    assert.equal((await new EscalationBoard(page).rows())[0].Severity, 'P1 · executive');
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });

  test('logging the first response moves the status to Responding, stops the clock, and clears the board and Home', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    const url = await createAngryEscalation(page);
    const received = await receivedAt(page);
    const panel = new EscalationPanel(page);

    await panel.logEvent('First response sent', 'Called Dana, apologised, promised an update by 18:00');
    assert.equal(await panel.status(), 'Responding');
    assert.equal(await panel.noteBox().inputValue(), '', 'the note is cleared for the next event');
    const log = await panel.eventLog();
    assert.equal(log.length, 3);
    assert.match(log[0], new RegExp(`^${LOCAL_MINUTE.source} Status: New → Responding$`));
    assert.match(log[1], new RegExp(`^${LOCAL_MINUTE.source} First response sent — Called Dana, apologised, promised an update by 18:00$`));
    assert.equal(log[2], `${shown(received)} Escalation received`);
    let analysis = await panel.analysis();
    assert.match(analysis.firstResponse, new RegExp(`^Sent ${LOCAL_MINUTE.source}$`));
    assert.ok(!analysis.firstResponseAlert, 'the clock is no longer red');

    await reopen(page, url);
    assert.equal((await panel.eventLog()).length, 3, 'the log survives a reload');
    assert.equal(await panel.status(), 'Responding');

    const board = await openBoard(page);
    let [row] = await board.rows();
    assert.equal(row.Status, 'Responding');
    assert.equal(row['First response'], 'answered in 3 h');
    assert.deepEqual(row.alerts, []);
    await board.filter('First response overdue');
    assert.deepEqual(await board.rows(), []);

    const lines = await goHome(page);
    assert.ok(!lines.some(([text]) => text.includes('first response overdue')), lines.join('\n'));

    await reopen(page, url);
    await panel.logEvent('Fix shipped');
    assert.equal(await panel.status(), 'Resolving', 'a shipped fix moves the case to Resolving');
    assert.deepEqual((await panel.eventLog()).slice(0, 2).map((l) => l.slice(17)), ['Status: Responding → Resolving', 'Fix shipped']);
    await panel.setStatus('Resolved');
    assert.match((await panel.eventLog())[0], /Status: Resolving → Resolved$/);
    await openBoard(page);
    assert.deepEqual(await board.rows(), [], 'a resolved escalation leaves the open board');
    await board.filter('All');
    [row] = await board.rows();
    assert.equal(row.Status, 'Resolved');
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });

  test(
    'editing the form after logging an event keeps the status the event set',
    async () => {
      const { context, page } = await openApp(browser, server.url);
      const url = await createAngryEscalation(page);
      const panel = new EscalationPanel(page);
      await panel.logEvent('First response sent', 'Called Dana');
      const form = new RecordForm(page);
      assert.equal(await form.chosen('Status'), 'Responding', 'the form shows the status the panel set');
      await form.fill({ 'What we can honestly fix, and when': 'Service restored today; the root-cause report by Thursday.' });
      await form.saveAndReturn();
      await reopen(page, url);
      assert.equal(await form.value('What we can honestly fix, and when'), 'Service restored today; the root-cause report by Thursday.');
      assert.equal(await panel.status(), 'Responding');
      assert.ok(!(await panel.eventLog()).some((line) => line.endsWith('Status: Responding → New')), 'no status regression in the log');
      await context.close();
    },
  );

  test('a timeline item can be moved and reset; the calendar export is valid and in UTC', async () => {
    // India is UTC+05:30: a half-hour offset shows any local/UTC mix-up.
    const { context, page, errors } = await openApp(browser, server.url, { timezoneId: 'Asia/Kolkata' });
    const url = await createAngryEscalation(page);
    const panel = new EscalationPanel(page);
    const before = await panel.timeline();
    const { original, moved } = await moveSecondUpdate(panel);
    let now = await panel.timeline();
    assert.deepEqual(now.find(([label]) => label === 'Customer update 2').slice(1), [moved, true], 'moved, with a Reset button');
    assert.deepEqual(
      now.filter(([label]) => label !== 'Customer update 2'),
      before.filter(([label]) => label !== 'Customer update 2'),
      'nothing else moves',
    );
    await reopen(page, url);
    now = await panel.timeline();
    assert.deepEqual(now.find(([label]) => label === 'Customer update 2').slice(1), [moved, true], 'the move survives a reload');

    const download = await panel.downloadCalendar();
    assert.equal(download.suggestedFilename(), `escalation-${recordId(url).slice(0, 8)}.ics`);
    const path = join(scratch, download.suggestedFilename());
    await download.saveAs(path);
    const events = parseCalendar(await readFile(path));
    assert.equal(events.length, now.length, 'one event per timeline row');
    const uids = new Set(events.map((e) => e.UID));
    assert.equal(uids.size, events.length, 'unique UIDs');
    for (const event of events) {
      assert.match(event.DTSTART, /^\d{8}T\d{6}Z$/, 'DTSTART in UTC form');
      assert.match(event.DTSTAMP, /^\d{8}T\d{6}Z$/);
    }
    const byLabel = Object.fromEntries(events.map((e) => [e.SUMMARY.split(' · ')[0], e.DTSTART]));
    for (const [label, value] of now) {
      assert.equal(byLabel[label], await browserLocalToIcsUtc(page, value), `${label} at its local time, in UTC`);
    }
    assert.equal(byLabel['Customer update 2'], await browserLocalToIcsUtc(page, moved));

    await panel.resetTimelineItem('Customer update 2');
    assert.equal(await panel.resetButton('Customer update 2').count(), 0, 'no Reset button once reset');
    await reopen(page, url);
    assert.deepEqual(await panel.timeline(), before, 'the reset is saved: every item at its computed time');
    assert.ok(original);
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });

  // Clocks go back on Sunday 1 November 2026 in New York and on Sunday 25 October in Berlin:
  // daily updates at the hour of receipt, before and after, and a time moved after the change.
  for (const { zone, received, before, after, moved } of [
    {
      zone: 'America/New_York',
      received: '2026-10-30T09:00',
      before: ['2026-10-31T09:00', '20261031T130000Z'],
      after: ['2026-11-01T09:00', '20261101T140000Z'],
      moved: ['2026-11-02T15:30', '20261102T203000Z'],
    },
    {
      zone: 'Europe/Berlin',
      received: '2026-10-23T10:00',
      before: ['2026-10-24T10:00', '20261024T080000Z'],
      after: ['2026-10-25T10:00', '20261025T090000Z'],
      moved: ['2026-10-26T15:30', '20261026T143000Z'],
    },
  ]) {
    test(`in ${zone}, updates after the clocks change keep their local hour and the calendar has the right UTC instants`, async () => {
      const { context, page, errors } = await openApp(browser, server.url, { timezoneId: zone });
      await createAccount(page, ANGRY.account, { ARR: ANGRY.arr, 'Renewal date': await browserDateIn(page, 60) });
      await createEscalation(page, { Account: ANGRY.account, 'Primary contact': ANGRY.contact, 'Received at': received, 'What the customer said': ANGRY.summary });
      await new RecordList(page).open(ANGRY.summary.slice(0, 10));
      const panel = new EscalationPanel(page);
      await panel.waitForIt();
      const id = recordId(page.url());
      assert.equal((await panel.analysis()).severity, 'P1 · executive');
      assert.match(await panel.timeZoneHint().textContent(), new RegExp(`\\(${zone}\\)`));
      const value = (timeline, label) => timeline.find(([l]) => l === label)[1];
      const timeline = await panel.timeline();
      assert.equal(value(timeline, 'Customer update 1'), before[0]);
      assert.equal(value(timeline, 'Customer update 2'), after[0]);
      await panel.moveTimelineItem('Customer update 3', moved[0]);
      assert.equal(value(await panel.timeline(), 'Customer update 3'), moved[0]);

      const path = join(scratch, `dst-${zone.replace('/', '-')}.ics`);
      await (await panel.downloadCalendar()).saveAs(path);
      const start = Object.fromEntries(parseCalendar(await readFile(path)).map((e) => [e.UID, e.DTSTART]));
      assert.equal(start[`${id}-checkpoint-1@casebook`], before[1]);
      assert.equal(start[`${id}-checkpoint-2@casebook`], after[1]);
      assert.equal(start[`${id}-checkpoint-3@casebook`], moved[1]);
      assert.deepEqual(pageErrors(errors), []);
      await context.close();
    });
  }

  test('two tabs on the same escalation keep both tabs\' events', async () => {
    const { context, page } = await openApp(browser, server.url);
    const url = await createAngryEscalation(page);
    const other = await context.newPage();
    await other.goto(url);
    await new EscalationPanel(other).waitForIt();
    await new EscalationPanel(page).logEvent('First response sent', 'Called Dana');
    // The second tab has not reloaded: it still shows the log without that event.
    await new EscalationPanel(other).logEvent('Stakeholder engaged', 'Paged engineering');
    await reopen(page, url);
    const log = await new EscalationPanel(page).eventLog();
    assert.ok(log.some((line) => line.includes('First response sent') && line.includes('Called Dana')), log.join('\n'));
    assert.ok(log.some((line) => line.includes('Stakeholder engaged') && line.includes('Paged engineering')), log.join('\n'));
    assert.equal(await new EscalationPanel(page).status(), 'Responding');
    await context.close();
  });

  test('Reset shows the computed time again at once', async () => {
    const { context, page } = await openApp(browser, server.url);
    await createAngryEscalation(page);
    const panel = new EscalationPanel(page);
    const { original } = await moveSecondUpdate(panel);
    await panel.resetTimelineItem('Customer update 2');
    assert.equal(await panel.timeOf('Customer update 2'), original, 'the input shows the computed time after Reset');
    await context.close();
  });
});

/** Moves the second customer update to another time of the same day; returns both values. */
async function moveSecondUpdate(panel) {
  const original = await panel.timeOf('Customer update 2');
  const moved = `${original.slice(0, 10)}T${original.slice(11) === '17:45' ? '18:15' : '17:45'}`;
  await panel.moveTimelineItem('Customer update 2', moved);
  return { original, moved };
}

describe('escalations: the five guided prompts with the built-in drafter', () => {
  let context;
  let page;
  let errors;
  let url;
  let facts;

  before(async () => {
    ({ context, page, errors } = await openApp(browser, server.url));
    url = await createAngryEscalation(page);
    const panel = new EscalationPanel(page);
    await panel.logEvent('Stakeholder engaged', 'Engineering on-call lead joined the bridge');
    await panel.logEvent('First response sent', 'Apology and ETA sent to Dana');
    const timeline = Object.fromEntries((await panel.timeline()).map(([label, value]) => [label, shown(value)]));
    const [, customerCall] = await panel.agendas();
    facts = {
      checkpoints: CHECKPOINTS.map((label) => timeline[label]),
      stakeholders: await panel.stakeholders(),
      mustNot: customerCall.mustNot,
      log: (await panel.eventLog()).map((line) => line.slice(17)),
    };
  });

  after(async () => {
    assert.deepEqual(pageErrors(errors), []);
    await context?.close();
  });

  /** Opens `prompt` on the record, drafts it with the built-in drafter and returns the text. */
  async function draft(prompt, fill = {}) {
    await reopen(page, url);
    await new EscalationPanel(page).openPrompt(prompt);
    await new RecordForm(page).fill(fill);
    const panel = new DraftPanel(page);
    assert.equal(await panel.sourceLabel(), 'Built-in drafter (no AI)');
    await panel.generate();
    await panel.waitForStatus(/Complete · Built-in drafter/);
    const text = await panel.output();
    assert.match(text, /Built-in draft \(no AI model\)/);
    return text;
  }

  const assertSignals = (text) => {
    for (const signal of P1_SIGNALS) assert.ok(text.includes(signal), `signal: ${signal}`);
  };

  test('response plan: severity with its signals, the e-mail as a mailto link, briefs, checkpoints and what not to promise', async () => {
    const text = await draft('Response plan');
    assertHeadingsInOrder(text, [
      'Severity and rationale',
      'First customer e-mail (send within 2 hours)',
      'Internal briefs',
      '14-day timeline with customer-update checkpoints',
      'What NOT to promise',
    ]);
    const severity = section(text, 'Severity and rationale');
    assert.match(severity, /Escalation type \(built-in rules\):\** Product failure/);
    assert.match(severity, /Severity \(built-in rules\):\** P1 · executive/);
    assertSignals(severity);
    assert.ok(severity.includes(facts.checkpoints.join(', ')), 'the 14 daily checkpoints, as on the panel');
    const briefs = section(text, 'Internal briefs');
    for (const [who, need] of facts.stakeholders) assert.ok(briefs.includes(`${who}: ${need}`), `stakeholder ${who}`);
    const briefed = [...briefs.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(briefed, facts.stakeholders.map(([who]) => who), 'one brief per computed stakeholder, no other team');
    const replies = [...briefs.matchAll(/Reply by:\** (\d{4}-\d\d-\d\d) (\d\d:\d\d) \(UTC([+-]\d\d:\d\d)\)/g)];
    assert.equal(replies.length, briefed.length, 'every brief has a reply-by time');
    for (const [, day, time, offset] of replies) assert.ok(new Date(`${day}T${time}:00${offset}`) > Date.now() - 60000, `reply by ${day} ${time} is not in the past`);
    const notPromise = section(text, 'What NOT to promise');
    assert.ok(notPromise.includes(ANGRY.canFix), 'only what we can fix');
    for (const item of facts.mustNot) assert.ok(notPromise.includes(item), `not to promise: ${item}`);
    assert.ok(section(text, '14-day timeline with customer-update checkpoints').includes(facts.checkpoints[0]));

    const email = section(text, 'First customer e-mail (send within 2 hours)').trim();
    const [, subject, body] = email.match(/^Subject: (.+)\n([\s\S]*)$/);
    assert.match(subject, new RegExp(ANGRY.account));
    assert.match(body, new RegExp(`Dear ${ANGRY.contact}`));
    assert.ok(body.includes(facts.checkpoints[0]), 'the e-mail names the next update');
    const panel = new DraftPanel(page);
    const href = await panel.mailLink().getAttribute('href');
    const mail = new URL(href);
    assert.equal(mail.protocol, 'mailto:');
    assert.equal(decodeURIComponent(mail.pathname), ANGRY.email);
    assert.doesNotMatch(href.split('?')[1], /[ \n+]/, 'spaces and line breaks are percent-encoded');
    const query = Object.fromEntries(href.split('?')[1].split('&').map((pair) => pair.split('=').map(decodeURIComponent)));
    assert.equal(query.subject, subject);
    assert.equal(query.body.replaceAll('\r\n', '\n'), body.trim());
    assert.ok(query.body.includes('\r\n'), 'mail bodies use CRLF line breaks');
    assert.ok(await panel.copyEmailButton().isVisible());
  });

  test('executive call prep: agenda, opening, venting, three scenarios and a close, built on the record', async () => {
    const text = await draft('Executive call prep');
    assertHeadingsInOrder(text, [
      'Call agenda (15–30 min)',
      'Opening statement',
      'Handling the venting moment',
      'Three scenarios and how to respond',
      'Closing: commitments and next steps',
    ]);
    assert.equal((await new RecordForm(page).value('History of the issue')).split('\n').length, facts.log.length, 'the history is prefilled from the log');
    assert.match(section(text, 'Call agenda (15–30 min)'), /P1 · executive · Product failure/);
    assert.ok(text.includes('Engineering on-call lead joined the bridge'), 'the history from the event log');
    assertSignals(text);
    assert.equal((section(text, 'Three scenarios and how to respond').match(/^### \d\./gm) ?? []).length, 3);
    const closing = section(text, 'Closing: commitments and next steps');
    assert.ok(closing.includes(`We will: ${ANGRY.canFix.replace(/\.$/, '')}`), 'what we will do is what we can fix');
    assert.ok(closing.includes(facts.checkpoints[0]), 'the next update');
  });

  test('internal brief: its sections, the facts, and a word count within 300 that turns red when exceeded', async () => {
    const text = await draft('Internal escalation brief', { 'Escalation owner': 'Sam Lee (CSM)', 'Shared with': 'Support lead, Engineering manager, VP CS' });
    assertHeadingsInOrder(text, ['Shared with', 'Summary', 'Impact and risk', 'Root cause (so far)', 'Actions so far', 'Asks per stakeholder', 'Response deadline', 'Owner']);
    assert.match(section(text, 'Summary'), /P1 · executive · Product failure/);
    const impact = section(text, 'Impact and risk');
    assert.match(impact, /USD 480,000/);
    assertSignals(impact);
    assert.ok(section(text, 'Root cause (so far)').includes(ANGRY.issue));
    const actions = section(text, 'Actions so far');
    for (const line of facts.log) assert.ok(actions.includes(line), `action: ${line}`);
    const asks = section(text, 'Asks per stakeholder');
    for (const [who, need] of facts.stakeholders) assert.ok(asks.includes(`${who}: ${need}`), `ask of ${who}`);
    assert.match(section(text, 'Owner'), /Sam Lee \(CSM\)/);

    const panel = new DraftPanel(page);
    const count = await panel.wordCount().textContent();
    const [, n] = count.match(/^(\d+) of at most 300 words$/);
    assert.ok(Number(n) <= 300, count);
    assert.equal(Number(n), countWords(text), 'the count is of the draft shown');
    assert.equal(await panel.wordCountOver(), false);

    await panel.edit(`${text}\n\n${'More detail here. '.repeat(40)}`);
    await panel.finishEditingButton().click();
    await until(() => panel.wordCountOver());
    assert.equal(await panel.wordCount().textContent(), `${Number(n) + 120} of at most 300 words`);
  });

  test('difficult conversation script: the bad news, reactions, alternatives and a close, from the record and the form', async () => {
    const news = 'the permanent fix needs a schema migration that ships in three weeks';
    const text = await draft('Difficult conversation script', { 'The bad news': news, 'Why: what we cannot change': 'the migration must run in a maintenance window' });
    assertHeadingsInOrder(text, ['Opening', 'Delivering the news', 'Handling their reactions', 'Alternatives to offer', 'Constructive close']);
    assert.ok(section(text, 'Opening').includes(`Context: ${ANGRY.account} · ${ANGRY.title} · P1 · executive · Product failure`));
    assert.ok(section(text, 'Delivering the news').includes(news));
    assert.ok(section(text, 'Alternatives to offer').includes(ANGRY.canFix));
    for (const item of facts.mustNot) assert.ok(section(text, 'Alternatives to offer').includes(item), `not to promise: ${item}`);
    assertSignals(text);
    assert.ok(section(text, 'Constructive close').includes(facts.checkpoints[0]), 'names the next update');
  });

  test('post-escalation review: the form is prefilled from the event log, and the draft has the timeline table', async () => {
    await reopen(page, url);
    await new EscalationPanel(page).openPrompt('Post-escalation review');
    const form = new RecordForm(page);
    const prefilled = (await form.value('Escalation timeline')).split('\n');
    assert.equal(prefilled.length, facts.log.length);
    for (const line of facts.log) assert.ok(prefilled.some((p) => p.includes(line.replace(/^(\S+ \S+) /, ''))), `prefilled: ${line}`);
    assert.ok(prefilled.some((p) => p.includes('Stakeholder engaged — Engineering on-call lead joined the bridge')));
    assert.equal(await form.value('Root cause (what actually caused it)'), ANGRY.issue);
    assert.equal(await form.value('Resolution (what was done)'), ANGRY.canFix);
    assert.match(await form.value('ARR kept or lost'), /USD 480,000/);

    const text = await draft('Post-escalation review', { 'Customer outcome': 'Customer stayed; renewal confirmed for another year.' });
    assertHeadingsInOrder(text, [
      'Executive summary (3 sentences)',
      'Event timeline',
      'What went well',
      'What we should have done differently',
      'Process changes (specific)',
      'Flag: a systemic issue affecting other accounts?',
    ]);
    assert.match(section(text, 'Executive summary (3 sentences)'), /P1 · executive · Product failure/);
    const table = new DraftPanel(page).region().getByRole('table');
    assert.deepEqual(await table.getByRole('columnheader').allTextContents(), ['When', 'What happened']);
    const rows = await table.getByRole('row').allInnerTexts();
    assert.equal(rows.length, 1 + facts.log.length, 'one table row per logged event');
    assert.ok(rows.some((row) => row.includes('First response sent — Apology and ETA sent to Dana')));
  });
});

describe('escalations: a response plan from an AI service', () => {
  test('the answer streams into the panel, and the request carries the computed classification and stakeholders', async () => {
    const { context, page, errors } = await openApp(browser, server.url);
    const connections = new Connections(page);
    await connections.add('Other OpenAI-compatible server', { Name: 'Mock OpenAI', 'Base URL': `${mock.url}/openai/v1`, 'API key': 'test-key', Model: 'mock-model' });
    await connections.save();
    await createAngryEscalation(page);
    const stakeholders = await new EscalationPanel(page).stakeholders();
    await new EscalationPanel(page).openPrompt('Response plan');
    const panel = new DraftPanel(page);
    assert.match(await panel.defaultSource(/Mock OpenAI/), /Mock OpenAI/, 'the connection is the default');

    await panel.region().evaluate((output) => {
      window.__outputLengths = [];
      new MutationObserver(() => window.__outputLengths.push(output.textContent.length)).observe(output, { childList: true, subtree: true, characterData: true });
    });
    const sentBefore = mock.requests.length;
    await panel.generate();
    await panel.waitForStatus(/Complete/);
    const text = await panel.output();
    assert.match(text, /The mock openai server answered as mock-model/);
    const lengths = await page.evaluate(() => window.__outputLengths.filter((n) => n > 0));
    assert.ok(new Set(lengths).size >= 3, `the text arrived in pieces (${lengths.join(', ')})`);
    const shown = (await panel.region().textContent()).length;
    assert.ok(lengths.at(-1) === shown && lengths[0] < shown, 'shown while it streamed');

    const sent = mock.requests.slice(sentBefore).find((r) => r.method === 'POST');
    assert.ok(sent, 'the request reached the mock');
    const user = sent.body.messages.filter((m) => m.role === 'user').at(-1).content;
    const system = sent.body.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
    assert.match(user, /Product failure/);
    assert.match(user, /P1 · executive/);
    for (const signal of P1_SIGNALS) assert.ok(user.includes(signal), `signal in the request: ${signal}`);
    for (const [who, need] of stakeholders) assert.ok(user.includes(who) && user.includes(need), `stakeholder in the request: ${who}`);
    assert.ok(user.includes(ANGRY.summary) && user.includes(ANGRY.canFix), 'the form');
    assert.match(system, /First customer e-mail \(send within 2 hours\)/);
    assert.match(system, /What NOT to promise/);

    await page.reload();
    await panel.openHistory();
    assert.equal(await panel.historyCount(), 1, 'the AI draft is saved');
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });
});

describe('escalations in Chinese', () => {
  const ZH = {
    account: '华东物流',
    contact: '王芳',
    title: '运营总监',
    email: 'wang.fang@huadong.example',
    summary: '王芳来信：“你们的平台从今天早上六点开始宕机，这是本月第二次故障，我们的调度员完全无法使用系统。如果今天不能解决，我们将解约。”',
    issue: '数据库主备切换后，路由服务无法写入。',
    canFix: '今天恢复服务；周五前提交书面根因报告。',
  };
  const ZH_SIGNALS = ['威胁解约、不续约或采取法律行动', '生产故障或数据丢失', 'ARR 不低于 250,000 且 90 天内续约'];

  test(
    'the Chinese internal brief keeps the classification and every ask within 300 words',
    async () => {
      const { context, page } = await openApp(browser, server.url, { timezoneId: 'Asia/Shanghai' });
      await createAngryEscalation(page, ZH);
      await new Shell(page).switchLanguage('简体中文');
      const panel = new EscalationPanel(page);
      await until(async () => (await panel.analysis()).type === '产品故障');
      const stakeholders = await panel.stakeholders();
      await panel.openPrompt('内部升级简报');
      const draftPanel = new DraftPanel(page);
      await draftPanel.generate();
      await draftPanel.waitForStatus(/已完成/);
      const text = await draftPanel.output();
      const [, n] = (await draftPanel.wordCount().textContent()).match(/^(\d+) 字 \/ 上限 300 字$/);
      assert.ok(Number(n) <= 300);
      assert.match(section(text, '情况摘要'), /P1 · 高管介入/, 'the summary gives the severity');
      for (const signal of ZH_SIGNALS) assert.ok(section(text, '客户影响与风险').includes(signal), `signal: ${signal}`);
      for (const [who, need] of stakeholders) assert.ok(section(text, '对各干系人的请求').includes(`${who}：${need}`), `ask of ${who}`);
      await context.close();
    },
  );

  test('a Chinese CSM sees the analysis, board, Home, log, calendar and response plan in Chinese', async () => {
    const { context, page, errors } = await openApp(browser, server.url, { timezoneId: 'Asia/Shanghai' });
    const url = await createAngryEscalation(page, ZH);
    const received = await receivedAt(page);
    await new Shell(page).switchLanguage('简体中文');
    const panel = new EscalationPanel(page);
    await until(async () => (await panel.analysis()).type === '产品故障');
    const analysis = await panel.analysis();
    assert.equal(analysis.severity, 'P1 · 高管介入');
    assert.deepEqual(analysis.signals, ZH_SIGNALS);
    assert.equal(analysis.cues, '产品故障 × 3', '宕机, 故障, 无法使用');
    assert.equal(analysis.firstResponse, `已逾期 1 小时（截止 ${shifted(received, { hours: 2 })}）`);
    assert.ok(analysis.firstResponseAlert);

    const board = await openBoard(page, '升级处理');
    const [row] = await board.rows();
    assert.ok(Object.values(row).includes('P1 · 高管介入'), JSON.stringify(row));
    assert.equal(row.alerts.length, 1);
    assert.equal(row[row.alerts[0]], '已逾期 1 小时');
    const lines = await goHome(page);
    assert.ok(lines.some(([text]) => text === `${ZH.account}：首次回复已逾期 1 小时（截止 ${shifted(received, { hours: 2 })}）`), lines.join('\n'));

    await reopen(page, url);
    await panel.logEvent('已发送首次回复', '已电话致歉');
    assert.match((await panel.eventLog())[0], /状态：新建 → 响应中$/);
    assert.match((await panel.eventLog())[1], /已发送首次回复 — 已电话致歉$/);
    assert.ok(!(await panel.analysis()).firstResponseAlert);

    const download = await panel.downloadCalendar();
    const path = join(scratch, `zh-${download.suggestedFilename()}`);
    await download.saveAs(path);
    const events = parseCalendar(await readFile(path));
    assert.equal(events.length, (await panel.timeline()).length);
    assert.ok(events.every((e) => /^\d{8}T\d{6}Z$/.test(e.DTSTART)));
    assert.ok(events.some((e) => e.SUMMARY.includes(ZH.account) || e.SUMMARY.includes('王芳来信')), 'Chinese text survives folding');

    await panel.openPrompt('升级响应计划');
    const draftPanel = new DraftPanel(page);
    await draftPanel.generate();
    await draftPanel.waitForStatus(/已完成/);
    const text = await draftPanel.output();
    assertHeadingsInOrder(text, ['严重程度及理由', '第一封客户回复邮件（2 小时内发送）', '内部干系人简报', '14 天解决时间线及客户沟通检查点', '不应承诺的内容']);
    assert.match(text, /产品故障/);
    assert.match(text, /P1 · 高管介入/);
    for (const signal of ZH_SIGNALS) assert.ok(text.includes(signal), signal);
    const email = section(text, '第一封客户回复邮件（2 小时内发送）').trim();
    const [, subject] = email.match(/^主题：(.+)\n/);
    assert.match(subject, new RegExp(ZH.account));
    const href = await draftPanel.mailLink().getAttribute('href');
    assert.equal(decodeURIComponent(href.match(/[?&]subject=([^&]*)/)[1]), subject);
    assert.deepEqual(pageErrors(errors), []);
    await context.close();
  });
});
