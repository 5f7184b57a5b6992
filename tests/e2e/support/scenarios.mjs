// Shared user journeys for the end-to-end tests.
import { EscalationPanel, RecordForm, RecordList, Shell } from './pages.mjs';

/** A local datetime-local value `hours` ago. */
export function hoursAgo(hours) {
  const d = new Date(Date.now() - hours * 3600_000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Creates a strategic account of USD 1,200,000 renewing 2027-01-31, unless `extra` says otherwise. */
export async function createAccount(page, name, extra = {}) {
  await new Shell(page).goTo('Accounts');
  await new RecordList(page).startNew();
  const form = new RecordForm(page);
  await form.fill({ 'Account name': name, Tier: 'Strategic', ARR: '$1,200,000', 'Renewal date': '2027-01-31', ...extra });
  await form.saveAndReturn();
}

/** Creates an account and an escalation, and opens the escalation's response plan. */
export async function openResponsePlan(page) {
  const shell = new Shell(page);
  const list = new RecordList(page);
  const form = new RecordForm(page);
  await createAccount(page, 'Acme Corp');
  await shell.goTo('Escalations');
  await list.startNew();
  await form.fill({
    Account: 'Acme Corp',
    'Primary contact': 'Li Wei',
    "Contact's title": 'CIO',
    'Received at': hoursAgo(1),
    'What the customer said': 'Exports have failed for two days; the CIO threatens to cancel.',
    'Underlying issue': 'Export workers time out on large tenants.',
    'What we can honestly fix, and when': 'A patch for the export timeout ships on Friday.',
  });
  await form.saveAndReturn();
  await list.open('Exports have failed');
  await new EscalationPanel(page).openPrompt('Response plan');
}


/** The page's own local time `hours` ago (or ahead, if negative) as a datetime-local value. */
export function browserHoursAgo(page, hours) {
  return page.evaluate((hours) => {
    const d = new Date(Date.now() - hours * 3600_000);
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, hours);
}

/** The page's local date `days` from today, as YYYY-MM-DD. */
export function browserDateIn(page, days) {
  return page.evaluate((days) => {
    const d = new Date();
    d.setDate(d.getDate() + days);
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }, days);
}

/** A datetime-local value of the page's zone as the UTC instant it means, in iCalendar form. */
export function browserLocalToIcsUtc(page, local) {
  return page.evaluate((local) => new Date(local).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z'), local);
}

/** The angry customer of the escalation journeys: a strategic account renewing in 60 days. */
export const ANGRY = {
  account: 'Northwind Logistics',
  arr: '$480,000',
  contact: 'Dana Whitfield',
  title: 'Director of Operations',
  email: 'dana.whitfield@northwind.example',
  summary:
    'Dana wrote: "Your platform has been down since 6 this morning, the second outage this month. ' +
    'Our dispatchers cannot plan a single route. If this is not fixed today, we will cancel."',
  issue: 'A database failover left the routing service unable to write.',
  canFix: 'Service restored today; a written root-cause report by Friday.',
  channel: 'E-mail',
};

/**
 * Creates the angry customer's account (ARR 480,000, renewal in 60 days) and the escalation
 * from their e-mail, received `receivedHoursAgo` hours ago; opens the record and returns its URL.
 */
export async function createAngryEscalation(page, { receivedHoursAgo = 3, ...overrides } = {}) {
  const e = { ...ANGRY, ...overrides };
  await createAccount(page, e.account, { ARR: e.arr, 'Renewal date': await browserDateIn(page, 60) });
  await createEscalation(page, {
    Account: e.account,
    'Primary contact': e.contact,
    "Contact's title": e.title,
    "Contact's e-mail": e.email,
    'Received at': await browserHoursAgo(page, receivedHoursAgo),
    ...(e.channel ? { Channel: e.channel } : {}),
    'What the customer said': e.summary,
    'Underlying issue': e.issue,
    'What we can honestly fix, and when': e.canFix,
  });
  await new RecordList(page).open(e.summary.slice(0, 10));
  await new EscalationPanel(page).waitForIt();
  return page.url();
}

/** Creates an escalation from form values (by field label) and returns to the list. */
export async function createEscalation(page, values) {
  await new Shell(page).goTo('Escalations');
  await new RecordList(page).startNew();
  const form = new RecordForm(page);
  await form.fill(values);
  await form.saveAndReturn();
}
