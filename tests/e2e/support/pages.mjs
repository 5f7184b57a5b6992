// Page objects: one per screen, so tests read as a user's steps. They find what they act on
// as a user does, by role and visible name (English, and Chinese where a test switches
// language); the few places that still read structure or a class are named in comments.

const EXACT = { exact: true };

/** Polls `check` until it returns a truthy value; fails after `timeout` ms. */
export async function until(check, { timeout = 5000, message = 'the condition was not met' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The terms of a description list in `scope` with their definitions, as { term: definition }. */
async function facts(scope) {
  const [terms, definitions] = await Promise.all([scope.getByRole('term').allTextContents(), scope.getByRole('definition').allTextContents()]);
  return Object.fromEntries(terms.map((term, i) => [term.trim(), (definitions[i] ?? '').trim()]));
}

/** The text of a select's chosen option. */
function chosenLabel(select) {
  return select.evaluate((s) => s.selectedOptions[0]?.textContent ?? '');
}

/** Data rows of `table` (the rows with cells, not the header row). */
function dataRows(page, table) {
  return table.getByRole('row').filter({ has: page.getByRole('cell') });
}

export class Shell {
  constructor(page) {
    this.page = page;
  }
  nav() {
    return this.page.getByRole('navigation', { name: /^(Main|主导航)$/ });
  }
  /** The page's title, its one level-1 heading. */
  title() {
    return this.page.getByRole('main').getByRole('heading', { level: 1 });
  }
  /** Opens a page by its name in the main navigation and waits for it to replace the current one. */
  async goTo(name) {
    const previous = await this.title().elementHandle({ timeout: 5000 }).catch(() => null);
    await this.nav().getByRole('link', { name, exact: true }).click();
    // Already there: nothing is replaced, so do not wait long.
    await previous?.waitForElementState('hidden', { timeout: 2000 }).catch(() => {});
    await this.title().waitFor();
  }
  /** Goes Home through the brand link in the header. */
  async goHome() {
    await this.page.getByRole('banner').getByRole('link', { name: 'Casebook', exact: true }).click();
    await this.title().filter({ hasText: /^(Your Customer Success casebook|你的客户成功工作台)$/ }).waitFor();
  }
  /** Chooses the interface language by its name as the switch shows it (English, 简体中文). */
  async switchLanguage(name) {
    await this.page.getByRole('combobox', { name: /^(Interface language|界面语言)$/ }).selectOption({ label: name });
  }
  heading() {
    return this.title().textContent();
  }
  /** Waits for a notice (a status or an alert) matching `pattern` and returns its text. */
  async notice(pattern, { timeout = 5000 } = {}) {
    const notice = this.page.getByRole('status').or(this.page.getByRole('alert')).filter({ hasText: pattern }).first();
    await notice.waitFor({ timeout });
    return notice.textContent();
  }
  /** The banner asking to reload the tab. */
  reloadBanner() {
    return this.page.getByRole('alert').filter({ has: this.page.getByRole('button', { name: 'Reload this tab' }) });
  }
}

/** Home: the "needs attention now" list and the getting-started steps. */
export class Home {
  constructor(page) {
    this.page = page;
  }
  attention() {
    return this.page.getByRole('region', { name: /^(Needs attention now|需要立即处理)$/ });
  }
  /** The attention lines as [text, href]. */
  async attentionLines() {
    await this.attention().waitFor();
    const links = this.attention().getByRole('listitem').getByRole('link');
    return links.evaluateAll((all) => all.map((a) => [a.textContent.trim(), a.getAttribute('href')]));
  }
  async openAttention(text) {
    await this.attention().getByRole('link', { name: text }).click();
  }
  /** The attention list's pager range as [first, last, of], or null while it fits one page. */
  async attentionRange() {
    const pager = this.attention().getByRole('navigation', { name: /^(Pages|分页)$/ });
    const [text] = await pager.getByText(/^(Showing|显示第)/).allTextContents();
    const numbers = text?.match(/(\d+)–(\d+)\D+(\d+)/);
    return numbers ? numbers.slice(1).map(Number) : null;
  }
  async attentionNextPage() {
    await this.attention().getByRole('button', { name: /^(Next page|下一页)$/ }).click();
  }
  /** The record count ("12 records", "1 record") on a workspace's card, by the card's heading. */
  cardCount(workspace) {
    return this.page
      .getByRole('main')
      .getByRole('article')
      .filter({ has: this.page.getByRole('heading', { name: workspace, exact: true }) })
      .getByText(/^(\d+ records?|\d+ 条记录)$/);
  }
  exploreSampleButton() {
    return this.page.getByRole('button', { name: /^(Explore with sample data|使用示例数据体验)$/ });
  }
  /** The banner saying that sample data is shown. */
  sampleBanner() {
    return this.page.getByText(/^(You are looking at sample data\.|你正在查看示例数据。)$/);
  }
  async exploreSample() {
    await this.exploreSampleButton().click();
    await this.sampleBanner().waitFor();
  }
  async removeSample() {
    await this.page.getByRole('button', { name: /^(Remove sample data|移除示例数据)$/ }).click();
    await this.sampleBanner().waitFor({ state: 'detached' });
  }
}

/** Home's "needs attention now" lines as [text, href]. */
export function attentionLines(page) {
  return new Home(page).attentionLines();
}

export class RecordList {
  constructor(page) {
    this.page = page;
  }
  table() {
    return this.page.getByRole('main').getByRole('table');
  }
  searchBox() {
    return this.page.getByRole('searchbox', { name: /^(Search|搜索)$/ });
  }
  /** "2 of 3": how many rows show out of how many records. */
  count() {
    return this.page.getByText(/^(\d+ of \d+|\d+ 条中的 \d+ 条)$/);
  }
  /** The empty state of a workspace with no records. */
  emptyState() {
    return this.page.getByText(/^(No (accounts|escalations|feedback|onboarding projects) yet\.|还没有)/);
  }
  /** Opens the form for a new record (the "New …" link at the top of the list). */
  async startNew() {
    await this.page.getByRole('link', { name: /^(New (account|escalation|feedback|onboarding project)|新建)/ }).first().click();
    await new RecordForm(this.page).waitForIt();
  }
  async search(text) {
    await this.searchBox().fill(text);
  }
  /** A search or sort over a long list in progress: "Searching… 4,000 of 20,000". */
  searching() {
    return this.page.getByText(/^(Searching… [\d,]+ of [\d,]+|正在搜索…)/);
  }
  /** Sorts by the column headed `label` (each click flips the direction). */
  async sortBy(label) {
    await this.table().getByRole('columnheader', { name: label }).getByRole('button').click();
  }
  /** The text of column `index` (0-based) in every drawn row. */
  async column(index) {
    return this.dataRows().evaluateAll((rows, i) => rows.map((r) => r.cells[i]?.textContent.trim()), index);
  }
  /** The list's pager ("Showing 1–50 of N" between Previous and Next), when the rows need more than one page. */
  pager() {
    return this.page.getByRole('navigation', { name: /^(Pages|分页)$/ });
  }
  /** The pager's range as [first, last, of], or null without a pager. */
  async pageRange() {
    const [text] = await this.pager().getByText(/^(Showing|显示第)/).allTextContents();
    const numbers = text?.match(/(\d+)–(\d+)\D+(\d+)/);
    return numbers ? numbers.slice(1).map(Number) : null;
  }
  async nextPage() {
    await this.pager().getByRole('button', { name: /^(Next page|下一页)$/ }).click();
  }
  async previousPage() {
    await this.pager().getByRole('button', { name: /^(Previous page|上一页)$/ }).click();
  }
  /** Waits until the list shows as many rows as its count (or, over several pages, its page) says. */
  async settled() {
    await until(
      async () => {
        const [count] = await this.count().allTextContents();
        if (!count) return this.emptyState().isVisible();
        const shown = count.match(/^(\d+) of \d+$/) ?? count.match(/\d+ 条中的 (\d+) 条/);
        if (shown === null) return false;
        const range = await this.pageRange();
        const expected = range ? range[1] - range[0] + 1 : Number(shown[1]);
        // Every row but the header row (counted without a filter).
        return (await this.table().getByRole('row').count()) - 1 === expected;
      },
      { timeout: 30000, message: 'the list did not settle' },
    );
  }
  /** The list's rows (the rows with cells, not the header row). */
  dataRows() {
    return dataRows(this.page, this.table());
  }
  row(text) {
    return this.dataRows().filter({ hasText: text });
  }
  async rowTexts() {
    await this.settled();
    return this.dataRows().allTextContents();
  }
  /** Column headers as shown, without the sort marks. */
  headers() {
    return this.table()
      .getByRole('columnheader')
      .allTextContents()
      .then((all) => all.map((c) => c.replace(/[▲▼]/g, '').trim()));
  }
  /** Sorts by a column, a click on its header's button. */
  async sortBy(column) {
    await this.table().getByRole('button', { name: column, exact: true }).click();
  }
  sortOrder(column) {
    return this.table().getByRole('columnheader', { name: column, exact: true }).getAttribute('aria-sort');
  }
  async open(text) {
    await this.row(text).first().getByRole('link').click();
    await new RecordForm(this.page).waitForIt();
  }
}

/**
 * A form of labelled fields: a record's form (named after the page title), a guided prompt's
 * form, or the connection editor (pass its scope).
 */
export class RecordForm {
  constructor(page, scope = page.getByRole('form').first()) {
    this.page = page;
    this.scope = scope;
  }
  async waitForIt() {
    await this.scope.getByRole('button', { name: /^(Save|保存)$/ }).waitFor();
  }
  /** A field by its accessible name, its visible label (a required field's "*" is hidden from it). */
  field(label) {
    const name = { name: label, exact: true };
    return this.scope.getByRole('textbox', name).or(this.scope.getByRole('combobox', name));
  }
  /** Fills fields by label: strings go into inputs, textareas and selects (by option label); arrays tick checkboxes by label. */
  async fill(values) {
    for (const [label, value] of Object.entries(values)) {
      if (Array.isArray(value)) {
        for (const option of value) await this.scope.getByRole('checkbox', { name: option, exact: true }).check();
        continue;
      }
      const field = this.field(label);
      const tag = await field.evaluate((e) => e.tagName);
      if (tag === 'SELECT') await field.selectOption({ label: value });
      else await field.fill(value);
    }
  }
  async save() {
    await this.scope.getByRole('button', { name: /^(Save|保存)$/ }).click();
  }
  async saveAndReturn() {
    await this.save();
    await new RecordList(this.page).searchBox().waitFor();
  }
  /** The form's summary of what to correct. */
  summary() {
    return this.scope.getByRole('alert').textContent();
  }
  /** The error shown for a field: the text its `aria-describedby` points at, as a screen reader reads it. */
  fieldError(label) {
    return this.field(label).evaluate((input) => {
      const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
      if (input.getAttribute('aria-invalid') !== 'true') return null;
      return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    });
  }
  value(label) {
    return this.field(label).inputValue();
  }
  /** The chosen option of a select field, as shown. */
  chosen(label) {
    return chosenLabel(this.field(label));
  }
  /** The text a field shows instead of an input (e.g. "add the customer first"). */
  note(text) {
    return this.scope.getByText(text);
  }
  isFocused(label) {
    return this.field(label).evaluate((e) => e === document.activeElement);
  }
  async delete() {
    await this.scope.getByRole('button', { name: /^(Delete|删除)$/ }).click();
    await confirmDialog(this.page).getByRole('button', { name: /^(Delete|删除)$/ }).click();
  }
}

/** The open confirmation dialog. */
export function confirmDialog(page) {
  return page.getByRole('alertdialog');
}

export class Settings {
  constructor(page) {
    this.page = page;
  }
  backup() {
    return this.page.getByRole('region', { name: /^(Backup|备份)$/ });
  }
  storage() {
    return this.page.getByRole('region', { name: /^(Storage|存储)$/ });
  }
  lastBackup() {
    return this.backup().getByText(/^(No backup exported yet|Last backup)/);
  }
  async exportBackup({ includeKeys = false } = {}) {
    if (includeKeys) await this.backup().getByRole('checkbox', { name: 'Include API keys in the file' }).check();
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.backup().getByRole('button', { name: 'Export backup' }).click()]);
    return download;
  }
  async chooseImportFile(path) {
    await this.backup().getByLabel('Backup file (.json)').setInputFiles(path);
  }
  importError() {
    return this.backup().getByRole('alert');
  }
  /** The import's comparison table: per store, what the browser has and what the file has. */
  importCounts() {
    return this.backup().getByRole('table');
  }
  async confirm() {
    await confirmDialog(this.page).getByRole('button', { name: 'Replace all data' }).click();
  }
  async deleteAll() {
    await this.page.getByRole('button', { name: 'Delete all data' }).click();
    await confirmDialog(this.page).getByRole('button', { name: 'Delete all data' }).click();
  }
  usage() {
    return this.storage().getByText(/^Using /);
  }
  persistence() {
    return this.storage().getByText(/^The browser (keeps|may clear)/);
  }
  askToKeep() {
    return this.storage().getByRole('button', { name: 'Ask the browser to keep the data' });
  }
}

export class DraftPanel {
  constructor(page) {
    this.page = page;
  }
  panel() {
    return this.page.getByRole('region', { name: /^(Draft|草稿)$/ });
  }
  async waitForIt() {
    await this.panel().waitFor();
  }
  source() {
    return this.panel().getByRole('combobox', { name: /^(Write with|撰写方式)$/ });
  }
  /** The chosen drafter or connection, as the select shows it. */
  sourceLabel() {
    return chosenLabel(this.source());
  }
  /** Waits until the connections are loaded and the default one matching `pattern` is chosen; returns its label. */
  async defaultSource(pattern) {
    return until(async () => {
      const label = await this.sourceLabel();
      return pattern.test(label) && label;
    }, { message: `no source matching ${pattern} was chosen` });
  }
  async chooseSource(label) {
    await this.source().selectOption({ label });
  }
  async chooseLanguage(label) {
    await this.panel().getByRole('combobox', { name: /^(Output language|输出语言)$/ }).selectOption({ label });
  }
  async generate() {
    await this.panel().getByRole('button', { name: /^(Generate|Regenerate|生成|重新生成)$/ }).click();
  }
  /** Opens "Preview what will be sent" and returns what it shows. */
  async previewRequest() {
    const toggle = this.panel().getByRole('button', { name: /^(Preview what will be sent|预览将要发送的内容)$/ });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const shown = this.panel().getByRole('region', { name: /^(Preview what will be sent|预览将要发送的内容)$/ });
    await shown.waitFor();
    return shown.textContent();
  }
  stopButton() {
    return this.panel().getByRole('button', { name: /^(Stop|停止)$/ });
  }
  async stop() {
    await this.stopButton().click();
  }
  statusLine() {
    return this.panel().getByRole('status');
  }
  /** Waits until the status line matches `pattern`. */
  async waitForStatus(pattern, timeout = 10000) {
    const status = this.statusLine();
    await until(async () => pattern.test((await status.allTextContents()).join('')), { timeout, message: `the status never matched ${pattern}` });
    return status.textContent();
  }
  /** The rendered draft region, found as a screen reader finds it. */
  region() {
    return this.page.getByRole('region', { name: /^(Generated draft|生成的草稿)$/ });
  }
  /** The draft as a reader sees it: the text of each rendered block, headings marked `## `. */
  output() {
    return this.region().evaluate((root) =>
      [...root.children]
        .flatMap((part) => [...part.children])
        .map((block) => (/^H[1-6]$/.test(block.tagName) ? `${'#'.repeat(Number(block.tagName[1]))} ${block.textContent}` : block.innerText))
        .join('\n\n'),
    );
  }
  /** The names of the rendered draft's headings, in order. */
  headings() {
    return this.region().getByRole('heading').allTextContents();
  }
  errorLine() {
    return this.panel().getByRole('alert');
  }
  error() {
    return this.errorLine().textContent();
  }
  /** "123 of at most 300 words" under the draft. */
  wordCount() {
    return this.panel().getByText(/^(\d+ of at most \d+ words|\d+ 字 \/ 上限 \d+ 字)$/);
  }
  /** Whether the word count is shown in red (a class: the colour has no accessible form). */
  wordCountOver() {
    return this.wordCount().evaluate((e) => e.classList.contains('alert'));
  }
  history() {
    return this.panel().getByRole('group').filter({ has: this.page.getByText(/^(Earlier drafts|历史草稿)$/) });
  }
  async openHistory() {
    await this.history().waitFor();
    if (!(await this.history().evaluate((d) => d.open))) await this.history().getByText(/^(Earlier drafts|历史草稿)$/).click();
  }
  historyItems() {
    return this.history().getByRole('listitem');
  }
  historyCount() {
    return this.historyItems().count();
  }
  /** Shows an earlier draft (the newest first) and waits for its text. */
  async showEarlier(index = 0) {
    await this.historyItems().nth(index).getByRole('button').click();
    await until(async () => (await this.region().allTextContents()).join('').length > 0, { message: 'the earlier draft was not shown' });
  }
  async edit(text) {
    await this.panel().getByRole('button', { name: /^(Edit|编辑)$/ }).click();
    if (text !== undefined) await this.editor().fill(text);
  }
  editor() {
    return this.panel().getByLabel(/^(Markdown source|Markdown 源文本)$/);
  }
  finishEditingButton() {
    return this.panel().getByRole('button', { name: /^(Done editing|完成编辑)$/ });
  }
  mailLink() {
    return this.panel().getByRole('link', { name: /^(Open in mail client|在邮件客户端中打开)$/ });
  }
  copyEmailButton() {
    return this.panel().getByRole('button', { name: /^(Copy the e-mail|复制邮件)$/ });
  }
}

export class Connections {
  constructor(page) {
    this.page = page;
  }
  panel() {
    return this.page.getByRole('region', { name: /^(AI connections|AI 连接)$/ });
  }
  form() {
    return new RecordForm(this.page, this.panel());
  }
  /** Adds a connection from a preset (its label) and fills fields by label. */
  async add(preset, values) {
    await this.page.goto(this.page.url().replace(/#.*$/, '') + '#/settings');
    await this.panel().getByRole('button', { name: 'Add connection' }).click();
    const form = this.form();
    const model = form.field('Model');
    await model.waitFor();
    await form.field('Provider').selectOption({ label: preset });
    // The preset fills its defaults asynchronously; wait for them before overriding.
    await until(async () => (await form.field('Base URL').inputValue()) !== 'https://api.openai.com/v1' || preset === 'OpenAI');
    await this.page.waitForTimeout(50);
    await form.fill(values);
  }
  async save() {
    await this.form().save();
    await this.panel().getByRole('listitem').getByRole('button', { name: 'Edit connection' }).first().waitFor();
  }
  async listModels() {
    await this.panel().getByRole('button', { name: 'List models' }).click();
  }
  /** A model offered after "List models", as a button to pick it. */
  modelChoice(name) {
    return this.panel().getByRole('button', { name, exact: true });
  }
  async test() {
    await this.panel().getByRole('button', { name: 'Test connection' }).click();
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

/** The term of each fact of the escalation analysis, in English and Chinese. */
const ANALYSIS_TERMS = {
  type: /^(Type|类型)$/,
  severity: /^(Severity|严重程度)$/,
  signals: /^(Signals that fired|触发的信号)$/,
  cues: /^(Cue words found|命中的提示词)$/,
  override: /^(Override the classification|手动修改分类)$/,
  firstResponse: /^(First response \(2-hour target\)|首次回复)/,
};

/** The working panel under an escalation's form: analysis, override, log, timeline, agendas. */
export class EscalationPanel {
  constructor(page) {
    this.page = page;
  }
  panel() {
    return this.page.getByRole('region', { name: /^(Built-in analysis|内置分析)$/ });
  }
  async waitForIt() {
    await this.panel().waitFor();
  }
  /** Waits until the panel speaks `language` ('en' or 'zh-CN'). */
  async waitForLanguage(language) {
    const name = language === 'en' ? 'Built-in analysis' : '内置分析';
    await this.page.getByRole('region', { name, exact: true }).waitFor();
  }
  /** The definition of the fact whose term matches `term`: the one at the same place in the list. */
  async definitionOf(term) {
    const terms = await this.panel().getByRole('term').allTextContents();
    const index = terms.findIndex((t) => term.test(t.trim()));
    return this.panel().getByRole('definition').nth(index);
  }
  /** Type, severity, signals (as a list), cue counts, first-response clock and whether it alerts. */
  async analysis() {
    await this.waitForIt();
    const all = await facts(this.panel());
    const pick = (pattern) => Object.entries(all).find(([term]) => pattern.test(term))?.[1] ?? null;
    const clock = await this.definitionOf(ANALYSIS_TERMS.firstResponse);
    return {
      type: pick(ANALYSIS_TERMS.type),
      severity: pick(ANALYSIS_TERMS.severity),
      signals: (pick(ANALYSIS_TERMS.signals) ?? '').split('; '),
      cues: pick(ANALYSIS_TERMS.cues),
      firstResponse: pick(ANALYSIS_TERMS.firstResponse),
      // Red is a class: the colour has no accessible form.
      firstResponseAlert: await clock.evaluate((e) => e.classList.contains('alert')),
      overrideNote: pick(ANALYSIS_TERMS.override),
    };
  }
  overrideGroup() {
    return this.panel().getByRole('group').filter({ has: this.page.getByText(/^(Override the classification|手动修改分类)$/) });
  }
  async openOverride() {
    if (!(await this.overrideGroup().evaluate((d) => d.open))) await this.overrideGroup().getByText(/^(Override the classification|手动修改分类)$/).click();
  }
  reasonBox() {
    return this.panel().getByRole('textbox', { name: /^(Reason \(required\)|原因（必填）)$/ });
  }
  /** Chooses type and severity (as shown) and a reason (no save). */
  async fillOverride({ type, severity, reason }) {
    await this.openOverride();
    if (type) await this.panel().getByRole('combobox', { name: 'Type', exact: true }).selectOption({ label: type });
    if (severity) await this.panel().getByRole('combobox', { name: 'Severity', exact: true }).selectOption({ label: severity });
    if (reason !== undefined) await this.reasonBox().fill(reason);
  }
  saveOverrideButton() {
    return this.panel().getByRole('button', { name: 'Save the override' });
  }
  clearOverrideButton() {
    return this.panel().getByRole('button', { name: 'Use the rules again' });
  }
  overrideError() {
    return this.overrideGroup().getByRole('alert');
  }
  noteBox() {
    return this.panel().getByRole('textbox', { name: /^(Note for the next event \(optional\)|下一条事件的备注（可选）)$/ });
  }
  async logEvent(label, note = '') {
    if (note) await this.noteBox().fill(note);
    await afterSave(this.page, () => this.panel().getByRole('button', { name: label, exact: true }).click());
  }
  statusSelect() {
    return this.panel().getByRole('combobox', { name: /^(Status|状态)$/ });
  }
  async setStatus(label) {
    await afterSave(this.page, () => this.statusSelect().selectOption({ label }));
  }
  /** The status as the select shows it. */
  status() {
    return chosenLabel(this.statusSelect());
  }
  /** The event log, newest first, each line's text with whitespace collapsed. */
  eventLog() {
    return this.panel()
      .getByRole('list', { name: /^(Status and event log|状态与事件记录)$/ })
      .getByRole('listitem')
      .allTextContents()
      .then((all) => all.map((line) => line.replace(/\s+/g, ' ').trim()));
  }
  stakeholderTable() {
    return this.panel().getByRole('table', { name: /^(Stakeholders to activate|需要动员的干系人)$/ });
  }
  async stakeholders() {
    const rows = dataRows(this.page, this.stakeholderTable());
    const all = [];
    for (const row of await rows.all()) all.push((await row.getByRole('cell').allTextContents()).map((c) => c.trim()));
    return all;
  }
  timelineTable() {
    return this.panel().getByRole('table', { name: /^(14-day resolution timeline|14 天解决时间线)$/ });
  }
  /** The timeline as [label, local datetime-local value, has a Reset button]. */
  async timeline() {
    const all = [];
    for (const row of await this.timelineTable().getByRole('row').all()) {
      const [label] = await row.getByRole('cell').allTextContents();
      all.push([label.trim(), await row.getByRole('textbox').inputValue(), (await row.getByRole('button').count()) > 0]);
    }
    return all;
  }
  /** A timeline item's time as its input shows it. */
  timeOf(label) {
    return this.timelineTable().getByLabel(label, EXACT).inputValue();
  }
  async moveTimelineItem(label, value) {
    await afterSave(this.page, () => this.timelineTable().getByLabel(label, EXACT).fill(value));
  }
  resetButton(label) {
    return this.timelineTable()
      .getByRole('row')
      .filter({ has: this.page.getByLabel(label, EXACT) })
      .getByRole('button', { name: /^(Reset|恢复)$/ });
  }
  async resetTimelineItem(label) {
    await afterSave(this.page, () => this.resetButton(label).click());
  }
  timeZoneHint() {
    return this.panel().getByText('Times are in your time zone');
  }
  async downloadCalendar() {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.panel().getByRole('button', { name: /^(Download calendar \(\.ics\)|下载日历（\.ics）)$/ }).click()]);
    return download;
  }
  /** The two agendas: { title, headings, points, may, mustNot } each. */
  async agendas() {
    const all = [];
    for (const article of await this.panel().getByRole('article').all()) {
      const lists = [];
      for (const list of await article.getByRole('list').all()) lists.push((await list.getByRole('listitem').allTextContents()).map((t) => t.trim()));
      all.push({
        title: (await article.getByRole('heading', { level: 4 }).textContent()).trim(),
        headings: (await article.getByRole('heading', { level: 5 }).allTextContents()).map((h) => h.trim()),
        points: lists[0],
        may: lists[1],
        mustNot: lists[2],
      });
    }
    return all;
  }
  /** Opens one of the record's guided prompts by its link text. */
  async openPrompt(label) {
    await openPrompt(this.page, label);
  }
}

/** Opens one of a record's guided prompts by its link text and waits for its draft panel. */
export async function openPrompt(page, label) {
  await page.getByRole('link', { name: label, exact: true }).click();
  await new DraftPanel(page).waitForIt();
}

/** The escalation board (the escalation list) and its filter. */
export class EscalationBoard extends RecordList {
  filterSelect() {
    return this.page.getByRole('combobox', { name: /^(Show|显示)$/ });
  }
  async filter(label) {
    await this.filterSelect().selectOption({ label });
  }
  filterValue() {
    return chosenLabel(this.filterSelect());
  }
  /** Rows as objects keyed by column header, with `alerts` listing the headers of cells in red. */
  async rows() {
    await this.settled();
    const headers = await this.headers();
    const all = [];
    for (const row of await this.dataRows().all()) {
      const cells = row.getByRole('cell');
      const texts = await cells.allTextContents();
      // Red is a class: the colour has no accessible form.
      const red = await cells.evaluateAll((all) => all.map((c) => c.classList.contains('alert')));
      const shown = { alerts: [] };
      texts.forEach((text, i) => {
        shown[headers[i]] = text.trim();
        if (red[i]) shown.alerts.push(headers[i]);
      });
      all.push(shown);
    }
    return all;
  }
}

/** The "closing the loop" panel under a feedback item's form. */
export class FeedbackPanel {
  constructor(page) {
    this.page = page;
  }
  panel() {
    return this.page.getByRole('region', { name: /^(Closing the loop|闭环跟进)$/ });
  }
  async waitForIt() {
    await this.panel().waitFor();
  }
  /** The panel's facts (stage, overdue) as { term: definition }. */
  facts() {
    return facts(this.panel());
  }
  async moveTo(stage) {
    await afterSave(this.page, () => this.panel().getByRole('button', { name: stage, exact: true }).click());
  }
  history() {
    return this.panel().getByRole('list', { name: /^(Stage history|阶段记录)$/ }).getByRole('listitem').allTextContents();
  }
  commitments() {
    return this.panel().getByRole('list', { name: /^(Commitments to the customer|对客户的承诺)$/ });
  }
  /** How many commitments are shown in red as late (a class: the colour has no accessible form). */
  lateCommitments() {
    return this.commitments()
      .getByRole('listitem')
      .evaluateAll((all) => all.filter((li) => li.classList.contains('alert')).length);
  }
  async addCommitment(what, due) {
    if (what !== undefined) await this.panel().getByRole('textbox', { name: 'What was promised' }).fill(what);
    if (due !== undefined) await this.panel().getByRole('textbox', { name: 'Due', exact: true }).fill(due);
    await this.panel().getByRole('button', { name: 'Add commitment' }).click();
  }
  error() {
    return this.panel().getByRole('alert');
  }
  /** Marks the first open commitment as kept. */
  async keepCommitment() {
    await afterSave(this.page, () => this.commitments().getByRole('button').first().click());
  }
  /** A theme's name shown in the panel. */
  theme(name) {
    return this.panel().getByText(name, EXACT);
  }
}

/** The feedback workspace's tools: links from the list page to import, themes and the dashboard. */
export async function openFeedbackTool(page, name) {
  await page.getByRole('navigation', { name: 'Feedback tools' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Exports the feedback tracker from the feedback list; resolves with the download. */
export async function exportTracker(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export tracker (CSV)' }).click()]);
  return download;
}

/** The feedback health dashboard. */
export class HealthDashboard {
  constructor(page) {
    this.page = page;
  }
  /** Waits for the month's figures and for the tracker to have read every item. */
  async waitForIt() {
    await this.waitForFigures();
    await this.tracker().and(this.page.locator('[aria-busy="false"]')).waitFor();
  }
  async waitForFigures() {
    await this.page.getByRole('term').filter({ hasText: /^(Feedback received|收到的反馈)$/ }).waitFor();
  }
  /** The tracker's region, busy while its items are read. */
  tracker() {
    return this.page.getByRole('region', { name: /^(Tracker|跟踪列表)$/ });
  }
  month() {
    return this.page.getByRole('main').getByLabel('Month', EXACT);
  }
  async chooseMonth(value) {
    await this.month().fill(value);
    await this.month().dispatchEvent('change');
  }
  async groupTrackerBy(label) {
    await this.page.getByRole('combobox', { name: 'Group the tracker by' }).selectOption({ label });
  }
  /** The month's figures as { label: value }. */
  figures() {
    return facts(this.page.getByRole('main'));
  }
  /** A chart's rows as [label, shown value]; the bars have no role, so they are read by class. */
  chart(name) {
    return this.page
      .getByRole('figure', { name })
      .evaluate((figure) => [...figure.querySelectorAll('.bar-row')].map((r) => [r.querySelector('.bar-label').textContent, r.querySelector('.bar-value').textContent]));
  }
  /**
   * The rows of a chart a reader cannot see whole: a value cut off at the chart's edge, or a
   * bar squeezed narrower than 2rem by a long value. Empty when every row shows.
   */
  chartClipped(name) {
    return this.page.getByRole('figure', { name }).evaluate((figure) => {
      const edge = figure.getBoundingClientRect().right;
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
      return [...figure.querySelectorAll('.bar-row')]
        .filter((row) => {
          const value = row.querySelector('.bar-value');
          const track = row.querySelector('.bar-track').getBoundingClientRect();
          return value.getBoundingClientRect().right > edge + 0.5 || value.scrollWidth > value.clientWidth || track.width < 2 * rem;
        })
        .map((row) => row.textContent);
    });
  }
  risks() {
    return this.page.getByRole('list', { name: 'Highest-risk open items' }).getByRole('listitem').allTextContents();
  }
  /** The tracker's group headings. */
  trackerGroups() {
    return this.page.getByRole('main').getByRole('heading', { level: 3 }).allTextContents();
  }
  /** The items drawn in a tracker group (one page of them), by its heading. */
  trackerItems(heading) {
    return this.page.getByRole('region', { name: heading, exact: true }).getByRole('listitem');
  }
  /** A tracker group's pager range ("Showing 1–50 of 300"), by the group's heading. */
  trackerRange(heading) {
    return this.page.getByRole('navigation', { name: heading, exact: true }).getByText(/^(Showing|显示第)/).textContent();
  }
  /** The per-theme table as rows of cell texts. */
  async themeFigures() {
    const all = [];
    for (const row of await dataRows(this.page, this.page.getByRole('main').getByRole('table')).all()) all.push(await row.getByRole('cell').allTextContents());
    return all;
  }
}

/** The survey CSV import screen. */
export class FeedbackImport {
  constructor(page) {
    this.page = page;
  }
  async open() {
    await this.page.goto(this.page.url().replace(/#.*$/, '') + '#/feedback-import');
    await this.page.getByRole('heading', { level: 1, name: 'Import survey responses (CSV)' }).waitFor();
  }
  /** Chooses the file and waits for its preview. */
  async choose(path) {
    await this.page.getByLabel(/^CSV file/).setInputFiles(path);
    await this.page.getByRole('heading', { name: 'Preview of the first rows' }).waitFor();
  }
  stagesTable() {
    return this.page.getByRole('table', { name: 'Stage each group starts in' });
  }
  /** Per group of responses: [group, responses, the stage chosen (its label)]. */
  async stageGroups() {
    const all = [];
    for (const row of await dataRows(this.page, this.stagesTable()).all()) {
      const group = (await row.getByRole('rowheader').textContent()).trim();
      const [count] = await row.getByRole('cell').allTextContents();
      all.push([group, count.trim(), await chosenLabel(row.getByRole('combobox'))]);
    }
    return all;
  }
  async chooseStage(group, stage) {
    await this.page.getByLabel(group, EXACT).selectOption({ label: stage });
  }
  stageCounts() {
    return this.page.getByText(/^Will start as:/).textContent();
  }
  summary() {
    return this.page.getByRole('status').filter({ hasText: /Imported \d+ responses/ });
  }
  errorsTable() {
    return this.page.getByRole('table', { name: /problems? found, so nothing was imported/ });
  }
  /** Starts the import; resolves with the summary or the errors. */
  async start() {
    await this.page.getByRole('button', { name: /^Import \d+ responses$/ }).click();
    const outcome = this.summary().or(this.errorsTable());
    await outcome.first().waitFor({ timeout: 20000 });
    return outcome.first().textContent();
  }
  async errors() {
    const all = [];
    for (const row of await dataRows(this.page, this.errorsTable()).all()) all.push(await row.getByRole('cell').allTextContents());
    return all;
  }
}

/** The theme analysis screen: run, review and save themes. */
export class ThemesPage {
  constructor(page) {
    this.page = page;
  }
  async open() {
    await this.page.goto(this.page.url().replace(/#.*$/, '') + '#/feedback-themes');
    await this.page.getByRole('heading', { level: 1, name: 'Theme analysis' }).waitFor();
  }
  analyseButton() {
    return this.page.getByRole('button', { name: 'Analyse with AI', exact: true });
  }
  async groupByKeywords() {
    await this.page.getByRole('button', { name: 'Group by keywords (no AI)' }).click();
  }
  progress() {
    return this.page.getByText(/chunks analysed/);
  }
  /** The chunks whose answer was refused, each with a Retry button. */
  chunkErrors() {
    return this.page.getByRole('alert').getByRole('listitem').filter({ has: this.page.getByRole('button', { name: 'Retry chunk' }) });
  }
  /** The proposed themes' cards. */
  cards() {
    return this.page.getByRole('article');
  }
  card(itemCount) {
    return this.cards().filter({ has: this.page.getByText(`${itemCount} items`, EXACT) }).first();
  }
  nameBox(card) {
    return card.getByRole('textbox', { name: 'Theme name' });
  }
  async names() {
    const all = [];
    for (const card of await this.cards().all()) all.push(await this.nameBox(card).inputValue());
    return all;
  }
  items(scope) {
    return scope.getByRole('listitem');
  }
  unassigned() {
    return this.page.getByRole('region', { name: /^Not in a theme/ });
  }
  async save() {
    await this.page.getByRole('button', { name: 'Save themes' }).click();
  }
  summary() {
    return this.page.getByRole('status').filter({ hasText: /^Saved \d+ themes/ });
  }
  stopButton() {
    return this.page.getByRole('button', { name: 'Stop', exact: true });
  }
  status(text) {
    return this.page.getByRole('status').filter({ hasText: text });
  }
}

/** The onboarding plan panel under a project's form. */
export class OnboardingPanel {
  constructor(page) {
    this.page = page;
  }
  panel() {
    return this.page.getByRole('region', { name: /^(Onboarding plan|上线计划)$/ });
  }
  async waitForIt() {
    await this.panel().waitFor();
  }
  async waitForLanguage(language) {
    await this.page.getByRole('region', { name: language === 'en' ? 'Onboarding plan' : '上线计划', exact: true }).waitFor();
  }
  /** The summary facts as { label: value }. */
  summary() {
    return facts(this.panel());
  }
  flags() {
    return this.panel().getByRole('list', { name: /^(Yellow flags|黄色预警)$/ });
  }
  planTable() {
    return this.panel().getByRole('table', { name: /^(Dated plan and progress|带日期的计划与进展)$/ });
  }
  /** How much wider the plan is than its scrolling frame, in px (0 when it fits). */
  planOverflow() {
    return this.planTable().evaluate((table) => Math.max(0, Math.round(table.getBoundingClientRect().width - table.parentElement.clientWidth)));
  }
  /**
   * The plan as rows: phase headings as { phase }, tasks as { task, owner, deps, due, status,
   * done, late }. Done and late are classes (struck through, red): they have no accessible form.
   */
  async planRows() {
    const all = [];
    for (const row of await this.planTable().getByRole('row').all()) {
      const cells = await row.getByRole('cell').allTextContents();
      if (cells.length === 0) {
        const [header] = await row.getByRole('columnheader').allTextContents();
        if (header !== undefined && (await row.getByRole('columnheader').count()) === 1) all.push({ phase: header.trim() });
        continue;
      }
      const statusCell = row.getByRole('cell').nth(5);
      // The status is the cell's text without its buttons' names.
      const status = await statusCell.evaluate((c) => {
        const copy = c.cloneNode(true);
        for (const button of [...copy.getElementsByTagName('button')]) button.remove();
        return copy.textContent.trim();
      });
      const classes = await row.evaluate((r) => [...r.classList]);
      all.push({
        task: cells[0],
        owner: cells[1],
        deps: cells[3],
        due: cells[4],
        status,
        done: classes.includes('done'),
        late: classes.includes('alert'),
      });
    }
    return all;
  }
  /** The plan's row for `task` (the row whose first cell names it; other rows may name it as a dependency), or null. */
  async taskRow(task) {
    const rows = this.planTable().getByRole('row');
    const firsts = await rows.evaluateAll((all) => all.map((r) => r.cells[0]?.textContent ?? ''));
    const index = firsts.indexOf(task);
    return index < 0 ? null : rows.nth(index);
  }
  /** Records progress on a task: Done, Skipped, Changed or Undo. */
  async record(task, action) {
    const row = await this.taskRow(task);
    await afterSave(this.page, () => row.getByRole('button', { name: action, exact: true }).click());
  }
  async setNote(note) {
    await this.panel().getByRole('textbox', { name: 'Note for the next progress entry (optional)' }).fill(note);
  }
  async addStep(step, phase) {
    await this.panel().getByRole('textbox', { name: 'Step to add' }).fill(step);
    await this.panel().getByRole('combobox', { name: 'Phase', exact: true }).selectOption({ label: phase });
    await afterSave(this.page, () => this.panel().getByRole('button', { name: 'Add step' }).click());
  }
  async download(name) {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.panel().getByRole('button', { name, exact: true }).click()]);
    return download;
  }
  /** An article of the panel (a checklist or a message) by its heading. */
  article(heading) {
    return this.panel()
      .getByRole('article')
      .filter({ has: this.page.getByRole('heading', { name: heading }) });
  }
  checklists() {
    return this.panel().getByRole('article').allTextContents().then((all) => all.join('\n'));
  }
  riskTable() {
    return this.panel().getByRole('table', { name: /^(Risk register|风险清单)$/ });
  }
  async risks() {
    const all = [];
    for (const row of await dataRows(this.page, this.riskTable()).all()) all.push((await row.getByRole('cell').first().textContent()).trim());
    return all;
  }
  async choosePlaybook(label) {
    await afterSave(this.page, () => this.panel().getByRole('combobox', { name: 'Playbook version' }).selectOption({ label }));
  }
}

/** The playbooks panel on the onboarding list. */
export class Playbooks {
  constructor(page) {
    this.page = page;
  }
  panel() {
    return this.page.getByRole('region', { name: 'Playbooks', exact: true });
  }
  async create(name, segment) {
    await this.panel().getByRole('textbox', { name: 'Playbook name' }).fill(name);
    await this.panel().getByRole('textbox', { name: 'Segment or industry' }).fill(segment);
    await afterSave(this.page, () => this.panel().getByRole('button', { name: 'Create playbook' }).click());
  }
  /** A playbook version's card, by its heading ("Banks v1"). */
  version(heading) {
    return this.panel()
      .getByRole('article')
      .filter({ has: this.page.getByRole('heading', { name: heading, exact: true }) });
  }
}
