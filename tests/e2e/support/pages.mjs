// Page objects: one per screen, so tests read as a user's steps and selectors live in one place.

export class Shell {
  constructor(page) {
    this.page = page;
  }
  /** Opens a workspace from the navigation and waits for its page to replace the current one. */
  async goTo(workspace) {
    const previous = await this.page.$('main section.page');
    await this.page.click(`.app-header nav a[href="#/${workspace}"]`);
    // Already there: nothing is replaced, so do not wait long.
    await previous?.waitForElementState('hidden', { timeout: 2000 }).catch(() => {});
    await this.page.waitForSelector('main h1');
  }
  async switchLanguage(tag) {
    await this.page.selectOption('#lang-switch', tag);
  }
  heading() {
    return this.page.textContent('main h1');
  }
  /** Waits for a notice matching `pattern` and returns its text. */
  async notice(pattern) {
    await this.page.waitForFunction(
      ([source, flags]) => new RegExp(source, flags).test(document.querySelector('.notice')?.textContent ?? ''),
      [pattern.source, pattern.flags],
      { timeout: 5000 },
    );
    return this.page.textContent('.notice');
  }
}

export class RecordList {
  constructor(page) {
    this.page = page;
  }
  async startNew() {
    await this.page.click('#new-record');
    await this.page.waitForSelector('form.record-form');
  }
  async search(text) {
    await this.page.fill('#record-search', text);
  }
  /** Waits until the list shows as many rows as its count says (the rows render just after the table). */
  async settled() {
    await this.page.waitForFunction(() => {
      if (document.querySelector('main .empty-state')) return true;
      const count = document.querySelector('.list-count')?.textContent ?? '';
      const shown = count.match(/(\d+) of \d+/) ?? count.match(/\d+ 条中的 (\d+) 条/);
      return shown !== null && document.querySelectorAll('table.records tbody tr').length === Number(shown[1]);
    });
  }
  async rowTexts() {
    await this.settled();
    return this.page.$$eval('table.records tbody tr', (rows) => rows.map((r) => r.textContent));
  }
  async open(text) {
    await this.page.click(`table.records tbody tr:has-text("${text}") a.row-link`);
    await this.page.waitForSelector('form.record-form');
  }
}

export class RecordForm {
  constructor(page) {
    this.page = page;
  }
  /** Fills fields by key: strings go into inputs/textareas/selects; arrays tick checkboxes. */
  async fill(values) {
    for (const [key, value] of Object.entries(values)) {
      const id = `#f-${key}`;
      if (Array.isArray(value)) {
        for (const code of value) await this.page.check(`${id}-${code}`);
        continue;
      }
      const tag = await this.page.$eval(id, (e) => e.tagName);
      if (tag === 'SELECT') await this.page.selectOption(id, { label: value }).catch(() => this.page.selectOption(id, value));
      else await this.page.fill(id, value);
    }
  }
  async save() {
    await this.page.click('#save-record');
  }
  async saveAndReturn() {
    await this.save();
    await this.page.waitForSelector('table.records');
  }
  fieldError(key) {
    return this.page.textContent(`[data-field="${key}"] .field-error`);
  }
  value(key) {
    return this.page.inputValue(`#f-${key}`);
  }
}

export class Settings {
  constructor(page) {
    this.page = page;
  }
  async exportBackup({ includeKeys = false } = {}) {
    if (includeKeys) await this.page.check('#include-secrets');
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.click('#export-backup')]);
    return download;
  }
  async chooseImportFile(path) {
    await this.page.setInputFiles('#import-file', path);
  }
  async confirm() {
    await this.page.click('#confirm-action');
  }
  async deleteAll() {
    await this.page.click('#delete-all');
    await this.page.waitForSelector('.confirm-panel');
    await this.confirm();
  }
}

export class DraftPanel {
  constructor(page) {
    this.page = page;
  }
  async chooseSource(label) {
    await this.page.selectOption('#draft-source', { label });
  }
  async chooseLanguage(value) {
    await this.page.selectOption('#draft-language', value);
  }
  async generate() {
    await this.page.click('#generate');
  }
  async stop() {
    await this.page.click('#stop');
  }
  /** Waits until the status line matches `pattern`. */
  async waitForStatus(pattern, timeout = 10000) {
    await this.page.waitForFunction(
      ([source, flags]) => new RegExp(source, flags).test(document.querySelector('#draft-status')?.textContent ?? ''),
      [pattern.source, pattern.flags],
      { timeout },
    );
    return this.page.textContent('#draft-status');
  }
  /** The draft as a reader sees it: the text of each rendered block, headings marked `## `. */
  output() {
    return this.page.$eval('#draft-output', (root) =>
      [...root.children]
        .flatMap((part) => [...part.children])
        .map((block) => (/^H[1-6]$/.test(block.tagName) ? `${'#'.repeat(Number(block.tagName[1]))} ${block.textContent}` : block.innerText))
        .join('\n\n'),
    );
  }
  /** The rendered draft region, found as a screen reader finds it. */
  region() {
    return this.page.getByRole('region', { name: /^(Generated draft|生成的草稿)$/ });
  }
  /** The names of the rendered draft's headings, in order. */
  headings() {
    return this.region().getByRole('heading').allTextContents();
  }
  error() {
    return this.page.textContent('#draft-error');
  }
  historyCount() {
    return this.page.$$eval('#draft-history li', (items) => items.length);
  }
}

export class Connections {
  constructor(page) {
    this.page = page;
  }
  /** Adds a connection from a preset (its label) and overrides fields by key. */
  async add(preset, values) {
    await this.page.goto(this.page.url().replace(/#.*$/, '') + '#/settings');
    await this.page.click('#add-connection');
    await this.page.waitForSelector('#connection-editor');
    await this.page.selectOption('#f-preset', { label: preset });
    // The preset fills its defaults asynchronously; wait for them before overriding.
    await this.page.waitForFunction(() => document.querySelector('#preset-help')?.textContent.length > 0);
    await this.page.waitForTimeout(50);
    const form = new RecordForm(this.page);
    await form.fill(values);
  }
  async save() {
    await this.page.click('#save-connection');
    await this.page.waitForSelector('#connection-list');
  }
}

/** Everything in the app's IndexedDB, as one JSON string (to see that a change was stored). */
function storedData(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('casebook');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readonly');
          const all = {};
          for (const name of names) tx.objectStore(name).getAll().onsuccess = (e) => (all[name] = e.target.result);
          tx.oncomplete = () => {
            db.close();
            resolve(JSON.stringify(all));
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** Runs `action` and resolves once its change is stored in IndexedDB (the panel saves at once). */
export async function afterSave(page, action, timeout = 5000) {
  const before = await storedData(page);
  await action();
  const deadline = Date.now() + timeout;
  while ((await storedData(page)) === before) {
    if (Date.now() > deadline) throw new Error('the change was not saved');
    await page.waitForTimeout(25);
  }
}

/** The working panel under an escalation's form: analysis, override, log, timeline, agendas. */
export class EscalationPanel {
  constructor(page) {
    this.page = page;
  }
  async waitForIt() {
    await this.page.waitForSelector('#escalation-analysis');
  }
  text(selector) {
    return this.page.textContent(selector).then((t) => t.trim());
  }
  /** Type, severity, signals (as a list), cue counts, first-response clock and whether it alerts. */
  async analysis() {
    const clock = await this.page.$('#esc-first-response');
    return {
      type: await this.text('#esc-type'),
      severity: await this.text('#esc-severity'),
      signals: (await this.text('#esc-signals')).split('; '),
      cues: await this.text('#esc-cues'),
      firstResponse: (await clock.textContent()).trim(),
      firstResponseAlert: await clock.evaluate((e) => e.classList.contains('alert')),
      overrideNote: await this.page.$eval('#esc-override-note', (e) => e.textContent.trim()).catch(() => null),
    };
  }
  async openOverride() {
    if (!(await this.page.$eval('#override', (d) => d.open))) await this.page.click('#override summary');
  }
  /** Chooses type and severity (codes) and a reason, then clicks Save (no wait). */
  async fillOverride({ type, severity, reason }) {
    await this.openOverride();
    if (type) await this.page.selectOption('#override-type', type);
    if (severity) await this.page.selectOption('#override-severity', severity);
    if (reason !== undefined) await this.page.fill('#override-reason', reason);
  }
  overrideError() {
    return this.page.textContent('#override .error-text');
  }
  async logEvent(label, note = '') {
    if (note) await this.page.fill('#event-note', note);
    await afterSave(this.page, () => this.page.click(`.event-buttons button:text-is("${label}")`));
  }
  async setStatus(code) {
    await afterSave(this.page, () => this.page.selectOption('#esc-status', code));
  }
  status() {
    return this.page.inputValue('#esc-status');
  }
  /** The event log, newest first, each line's text with whitespace collapsed. */
  eventLog() {
    return this.page.$$eval('#event-log li', (items) => items.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
  }
  stakeholders() {
    return this.page.$$eval('#stakeholders tbody tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent.trim())));
  }
  /** The timeline as [key, label, local datetime-local value, has a Reset button]. */
  timeline() {
    return this.page.$$eval('#timeline tbody tr', (rows) =>
      rows.map((r) => {
        const input = r.querySelector('input[type="datetime-local"]');
        return [input.id.replace(/^when-/, ''), r.querySelector('label').textContent.trim(), input.value, !!r.querySelector('button')];
      }),
    );
  }
  async moveTimelineItem(key, value) {
    await afterSave(this.page, () => this.page.fill(`#when-${key}`, value));
  }
  async resetTimelineItem(key) {
    await afterSave(this.page, () => this.page.click(`#timeline tr:has(#when-${key}) button`));
  }
  async downloadCalendar() {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.click('#download-ics')]);
    return download;
  }
  /** The two agendas: { title, points, may, mustNot } each. */
  agendas() {
    return this.page.$$eval('.agendas article.agenda', (articles) =>
      articles.map((a) => {
        const lists = [...a.querySelectorAll('ul')].map((ul) => [...ul.querySelectorAll('li')].map((li) => li.textContent.trim()));
        return { title: a.querySelector('h4').textContent.trim(), headings: [...a.querySelectorAll('h5')].map((h) => h.textContent.trim()), points: lists[0], may: lists[1], mustNot: lists[2] };
      }),
    );
  }
  /** Opens one of the record's guided prompts by its link text. */
  async openPrompt(label) {
    await this.page.click(`.prompt-links a.button:text-is("${label}")`);
    await this.page.waitForSelector('#draft-status');
  }
}

/** The escalation board (the escalation list) and its filter. */
export class EscalationBoard extends RecordList {
  async filter(code) {
    await this.page.selectOption('#record-filter', code);
  }
  filterValue() {
    return this.page.inputValue('#record-filter');
  }
  headers() {
    return this.page.$$eval('table.records thead th', (cells) => cells.map((c) => c.textContent.replace(/[▲▼]/g, '').trim()));
  }
  /** Rows as objects keyed by column header, with `alerts` listing the headers of cells in red. */
  async rows() {
    await this.settled();
    const headers = await this.headers();
    return this.page.$$eval(
      'table.records tbody tr',
      (rows, headers) =>
        rows.map((r) => {
          const row = { alerts: [] };
          [...r.cells].forEach((cell, i) => {
            row[headers[i]] = cell.textContent.trim();
            if (cell.classList.contains('alert')) row.alerts.push(headers[i]);
          });
          return row;
        }),
      headers,
    );
  }
}

/** Home's "needs attention now" lines as [text, href]. */
export function attentionLines(page) {
  return page.$$eval('#attention .attention-list a', (links) => links.map((a) => [a.textContent.trim(), a.getAttribute('href')]));
}
