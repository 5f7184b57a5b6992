// Shared user journeys for the end-to-end tests.
import { RecordForm, RecordList, Shell } from './pages.mjs';

/** A local datetime-local value `hours` ago. */
export function hoursAgo(hours) {
  const d = new Date(Date.now() - hours * 3600_000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Creates a strategic account of USD 1,200,000 renewing 2027-01-31, unless `extra` says otherwise. */
export async function createAccount(page, name, extra = {}) {
  await new Shell(page).goTo('accounts');
  await new RecordList(page).startNew();
  const form = new RecordForm(page);
  await form.fill({ name, tier: 'Strategic', arr: '$1,200,000', renewal_date: '2027-01-31', ...extra });
  await form.saveAndReturn();
}

/** Creates an account and an escalation, and opens the escalation's response plan. */
export async function openResponsePlan(page) {
  const shell = new Shell(page);
  const list = new RecordList(page);
  const form = new RecordForm(page);
  await createAccount(page, 'Acme Corp');
  await shell.goTo('escalations');
  await list.startNew();
  await form.fill({
    account_id: 'Acme Corp',
    contact_name: 'Li Wei',
    contact_title: 'CIO',
    received_at: hoursAgo(1),
    summary: 'Exports have failed for two days; the CIO threatens to cancel.',
    underlying_issue: 'Export workers time out on large tenants.',
    can_fix: 'A patch for the export timeout ships on Friday.',
  });
  await form.saveAndReturn();
  await list.open('Exports have failed');
  await page.click('a:has-text("Response plan")');
  await page.waitForSelector('#draft-status');
}

