// Page objects: one per screen, so tests read as a user's steps and selectors live in one place.

export class Shell {
  constructor(page) {
    this.page = page;
  }
  async goTo(workspace) {
    await this.page.click(`.app-header nav a[href="#/${workspace}"]`);
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
  rowTexts() {
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
  output() {
    return this.page.textContent('#draft-output');
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
