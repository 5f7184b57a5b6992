//! CSV import of survey responses (NPS exports): separator detection, column mapping guessed
//! from EN/ZH header names, preview, per-row errors, the stage each response starts in (a
//! rule table by score band and comment, changeable per group) and an all-or-nothing import
//! that runs in slices so the UI can yield between them.

use std::collections::BTreeMap;
use std::io::Cursor;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::account::{Account, Tier};
use crate::domain::feedback::{FeedbackItem, Stage};
use crate::domain::form::Coded;
use crate::domain::parse::{name_key, parse_date, parse_money};
use crate::domain::record::AccountIndex;
use crate::domain::sorting;
use crate::i18n::{Lang, Msg};

/// A value the import reads from a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportField {
    Score,
    Comment,
    Account,
    Arr,
    Tier,
    Date,
    Renewal,
}

/// Every field, in mapping-step order (the index into `Mapping::columns`).
pub const IMPORT_FIELDS: [ImportField; 7] = [
    ImportField::Score,
    ImportField::Comment,
    ImportField::Account,
    ImportField::Arr,
    ImportField::Tier,
    ImportField::Date,
    ImportField::Renewal,
];

/// Header words per field; ASCII words match whole words, Chinese ones match anywhere.
/// Checked in this order, so "renewal date" is a renewal and "NPS comment" a comment.
const SYNONYMS: &[(ImportField, &[&str])] = &[
    (
        ImportField::Renewal,
        &["renewal", "renew", "续约", "续费", "到期"],
    ),
    (
        ImportField::Date,
        &[
            "date",
            "time",
            "submitted",
            "timestamp",
            "日期",
            "时间",
            "提交",
        ],
    ),
    (
        ImportField::Comment,
        &[
            "comment", "comments", "verbatim", "feedback", "reason", "response", "text", "评论",
            "反馈", "意见", "原话", "留言", "原因", "建议",
        ],
    ),
    (
        ImportField::Tier,
        &["tier", "segment", "plan", "层级", "等级", "分层", "级别"],
    ),
    (
        ImportField::Arr,
        &[
            "arr",
            "revenue",
            "acv",
            "年经常性收入",
            "年收入",
            "合同金额",
            "收入",
        ],
    ),
    (
        ImportField::Score,
        &[
            "score",
            "nps",
            "rating",
            "recommend",
            "评分",
            "分数",
            "打分",
            "得分",
            "推荐",
        ],
    ),
    (
        ImportField::Account,
        &[
            "account",
            "company",
            "customer",
            "client",
            "organization",
            "organisation",
            "客户",
            "公司",
            "账户",
            "帐户",
            "企业名称",
        ],
    ),
];

impl ImportField {
    /// Position in `IMPORT_FIELDS`.
    fn index(self) -> usize {
        self as usize
    }

    /// The field's label.
    pub fn label(self) -> Msg {
        match self {
            Self::Score => Msg::FieldScore,
            Self::Comment => Msg::FieldVerbatim,
            Self::Account => Msg::FieldAccount,
            Self::Arr => Msg::FieldArr,
            Self::Tier => Msg::FieldTier,
            Self::Date => Msg::FieldReceivedOn,
            Self::Renewal => Msg::FieldRenewalDate,
        }
    }

    /// Score and account must be mapped; the rest is optional.
    pub fn required(self) -> bool {
        matches!(self, Self::Score | Self::Account)
    }
}

/// Which column (0-based) holds each field, and how to read `01/02/2026`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    /// Indexed like `IMPORT_FIELDS`.
    pub columns: [Option<usize>; 7],
    /// `01/02/2026` is 2 January (US) rather than 1 February.
    pub us_dates: bool,
}

impl Mapping {
    /// The column mapped to `field`.
    pub fn get(&self, field: ImportField) -> Option<usize> {
        self.columns[field.index()]
    }

    /// Maps `field` to `column` (or unmaps it).
    pub fn set(&mut self, field: ImportField, column: Option<usize>) {
        self.columns[field.index()] = column;
    }

    /// Required fields that have no column yet.
    pub fn missing(&self) -> Vec<ImportField> {
        IMPORT_FIELDS
            .into_iter()
            .filter(|f| f.required() && self.get(*f).is_none())
            .collect()
    }
}

/// Guesses the mapping from header names; each field takes the first header that names it.
/// Id columns (`Response ID`) are never mapped.
pub fn guess_mapping(headers: &[String]) -> Mapping {
    let mut mapping = Mapping::default();
    for (column, header) in headers.iter().enumerate() {
        let lower = header.to_ascii_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let hit = SYNONYMS.iter().find(|(field, names)| {
            !words.contains(&"id")
                && mapping.get(*field).is_none()
                && names.iter().any(|n| {
                    if n.is_ascii() {
                        words.contains(n)
                    } else {
                        lower.contains(n)
                    }
                })
        });
        if let Some((field, _)) = hit {
            mapping.set(*field, Some(column));
        }
    }
    mapping
}

/// The separator of the header line: the most frequent of `,` `;` and tab outside quotes
/// (comma on a tie or when none appears).
pub fn detect_separator(text: &str) -> u8 {
    let mut counts = [0_usize; 3];
    let mut quoted = false;
    for c in text.trim_start_matches('\u{feff}').chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    [b',', b';', b'\t'][best]
}

fn reader(text: &str) -> csv::Reader<Cursor<Vec<u8>>> {
    let body = text.trim_start_matches('\u{feff}');
    csv::ReaderBuilder::new()
        .delimiter(detect_separator(body))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(Cursor::new(body.as_bytes().to_vec()))
}

/// The header names of a CSV text (empty when it has none).
pub fn read_headers(text: &str) -> Vec<String> {
    reader(text)
        .headers()
        .map(|h| h.iter().map(str::to_string).collect())
        .unwrap_or_default()
}

/// Reads a date as ISO `2026-10-01`, `2026/10/01`, `2026年10月1日`, or with the year last
/// (`10/01/2026`: month first when `us`, else day first); a trailing time is ignored.
pub fn parse_import_date(text: &str, us: bool) -> Result<NaiveDate, Msg> {
    let date = text.split([' ', 'T']).next().unwrap_or_default();
    if let Ok(d) = parse_date(date) {
        return Ok(d);
    }
    let parts: Vec<&str> = date.split(['/', '-', '.']).collect();
    let [a, b, y] = parts.as_slice() else {
        return Err(Msg::ErrNotADate);
    };
    let (m, d) = if us { (a, b) } else { (b, a) };
    if y.len() != 4 {
        return Err(Msg::ErrNotADate);
    }
    parse_date(&format!("{y}-{m}-{d}"))
}

/// Reads a tier name or code in English or Chinese.
pub fn parse_tier(text: &str) -> Result<Tier, Msg> {
    let t = text.to_ascii_lowercase().replace([' ', '-', '_'], "");
    let has = |names: &[&str]| names.iter().any(|n| t.contains(n));
    if has(&["strategic", "战略", "kam"]) {
        Ok(Tier::Strategic)
    } else if has(&["smb", "small", "中小", "小型"]) {
        Ok(Tier::Smb)
    } else if has(&["midmarket", "mid", "中型", "中端", "腰部"]) || t == "mm" {
        Ok(Tier::MidMarket)
    } else if has(&["enterprise", "企业", "大客户"]) || t == "ent" {
        Ok(Tier::Enterprise)
    } else {
        Err(Msg::FbErrTier)
    }
}

/// One survey response read from a row.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// Spreadsheet row number (the header is row 1).
    pub row: usize,
    pub score: u8,
    pub comment: String,
    pub account: String,
    pub arr: Option<u64>,
    pub tier: Option<Tier>,
    pub received_on: Option<NaiveDate>,
    pub renewal_date: Option<NaiveDate>,
}

impl Response {
    /// The feedback item of this response (source NPS, received, then moved to `stage`, both
    /// dated `now`), linked to `account_id`; without a date it counts as received on `now`'s
    /// day.
    pub fn to_item(
        &self,
        id: String,
        account_id: String,
        stage: Stage,
        now: DateTime<Utc>,
    ) -> FeedbackItem {
        let mut item = FeedbackItem::new(id, now);
        item.account_id = account_id;
        item.received_on = self.received_on.unwrap_or(item.received_on);
        item.verbatim = self.comment.clone();
        item.score = Some(self.score);
        item.move_to(Stage::Received, now);
        item.move_to(stage, now);
        item
    }

    /// The group that decides its starting stage.
    pub fn group(&self) -> StageGroup {
        StageGroup::of(self.score, &self.comment)
    }

    /// A new account for a name not yet known, with the row's ARR, tier and renewal date.
    pub fn to_account(&self, id: String, now: DateTime<Utc>) -> Account {
        let mut account = Account::new(id, now);
        account.name = self.account.clone();
        account.arr = self.arr.unwrap_or(0);
        account.tier = self.tier.unwrap_or(account.tier);
        account.renewal_date = self.renewal_date;
        account
    }
}

/// An NPS score band.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Band {
    /// 0–6.
    Detractor,
    /// 7–8.
    Passive,
    /// 9–10.
    Promoter,
}

impl Band {
    /// The band of a 0–10 score.
    pub fn of(score: u8) -> Self {
        match score {
            9.. => Self::Promoter,
            7 | 8 => Self::Passive,
            _ => Self::Detractor,
        }
    }
}

/// A group of imported responses that start in the same stage: score band, and whether the
/// respondent left a comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StageGroup {
    pub band: Band,
    pub commented: bool,
}

impl StageGroup {
    /// The group of a response with this score and comment (blank counts as none).
    pub fn of(score: u8, comment: &str) -> Self {
        Self {
            band: Band::of(score),
            commented: !comment.trim().is_empty(),
        }
    }

    /// The group's name.
    pub fn label(self) -> Msg {
        match (self.band, self.commented) {
            (Band::Detractor, true) => Msg::FiGroupDetractorComment,
            (Band::Detractor, false) => Msg::FiGroupDetractorBare,
            (Band::Passive, true) => Msg::FiGroupPassiveComment,
            (Band::Passive, false) => Msg::FiGroupPassiveBare,
            (Band::Promoter, true) => Msg::FiGroupPromoterComment,
            (Band::Promoter, false) => Msg::FiGroupPromoterBare,
        }
    }

    /// Its index in `STAGE_RULES`.
    fn index(self) -> usize {
        STAGE_RULES
            .iter()
            .position(|(g, _)| *g == self)
            .unwrap_or_default()
    }
}

/// The default starting stage per group, as a CS lead would triage a survey: a detractor's
/// comment waits for a personal acknowledgement (received, so Home lists it after 48 hours);
/// a detractor's bare score and any passive's or promoter's comment are recorded as
/// acknowledged (the survey thanked them) and stay open for follow-up and theming; a
/// passive's or promoter's bare score needs nothing more and is recorded as loop closed.
pub const STAGE_RULES: [(StageGroup, Stage); 6] = [
    (group(Band::Detractor, true), Stage::Received),
    (group(Band::Detractor, false), Stage::Acknowledged),
    (group(Band::Passive, true), Stage::Acknowledged),
    (group(Band::Passive, false), Stage::LoopClosed),
    (group(Band::Promoter, true), Stage::Acknowledged),
    (group(Band::Promoter, false), Stage::LoopClosed),
];

const fn group(band: Band, commented: bool) -> StageGroup {
    StageGroup { band, commented }
}

/// The starting stage of each group, as chosen on the import screen (the rule table's
/// defaults until changed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StagePlan([Stage; 6]);

impl Default for StagePlan {
    fn default() -> Self {
        Self(STAGE_RULES.map(|(_, stage)| stage))
    }
}

impl StagePlan {
    /// The stage this group starts in.
    pub fn stage(&self, group: StageGroup) -> Stage {
        self.0[group.index()]
    }

    /// Makes this group start in `stage`.
    pub fn set(&mut self, group: StageGroup, stage: Stage) {
        self.0[group.index()] = stage;
    }

    /// How many responses start in each stage, given the responses per group (indexed like
    /// `STAGE_RULES`): stages in workflow order, those with none left out.
    pub fn counts(&self, per_group: &[usize; 6]) -> Vec<(Stage, usize)> {
        Stage::ALL
            .iter()
            .map(|stage| {
                let n = self
                    .0
                    .iter()
                    .zip(per_group)
                    .filter(|(s, _)| *s == stage)
                    .map(|(_, n)| n)
                    .sum();
                (*stage, n)
            })
            .filter(|(_, n)| *n > 0)
            .collect()
    }
}

/// Stage counts on one line: "112 Received · 80 Acknowledged · 8 Loop closed".
pub fn counts_line(counts: &[(Stage, usize)], lang: Lang) -> String {
    counts
        .iter()
        .map(|(stage, n)| {
            Msg::FiStageCount.fill(
                lang,
                &[("n", &n.to_string()), ("stage", stage.label().text(lang))],
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Responses per group (indexed like `STAGE_RULES`).
pub fn group_counts<'a>(responses: impl IntoIterator<Item = &'a Response>) -> [usize; 6] {
    let mut counts = [0; 6];
    for r in responses {
        counts[r.group().index()] += 1;
    }
    counts
}

/// Responses per group among the rows of `text` whose score reads (the others cannot be
/// imported), before the import: only the score and comment columns are read.
pub fn count_groups(text: &str, mapping: &Mapping) -> [usize; 6] {
    let mut counts = [0; 6];
    let Some(score_column) = mapping.get(ImportField::Score) else {
        return counts;
    };
    let mut job = ImportJob::new(text, mapping.clone());
    let mut record = csv::StringRecord::new();
    while job.reader.read_record(&mut record).unwrap_or(false) {
        let score = record.get(score_column).and_then(|v| v.parse::<u8>().ok());
        if let Some(score) = score.filter(|s| *s <= 10) {
            let comment = mapping
                .get(ImportField::Comment)
                .and_then(|c| record.get(c))
                .unwrap_or_default();
            counts[StageGroup::of(score, comment).index()] += 1;
        }
    }
    counts
}

/// The id of the existing account named like each response's account (trimmed,
/// case-folded), or `None` where a new account is needed.
pub fn link_accounts(responses: &[Response], accounts: &AccountIndex) -> Vec<Option<String>> {
    let mut keys: Vec<(String, &str)> = accounts
        .iter()
        .map(|a| (name_key(&a.name), a.id.as_str()))
        .collect();
    sorting::sort(&mut keys);
    responses
        .iter()
        .map(|r| {
            let key = name_key(&r.account);
            keys.binary_search_by(|(k, _)| k.as_str().cmp(&key))
                .ok()
                .map(|i| keys[i].1.to_string())
        })
        .collect()
}

/// The account id of each response: its linked account (`links`, from `link_accounts`), or
/// an account created once per new name (keyed like `link_accounts`) from the first row
/// that names it. Returns the ids, in response order, and the new accounts.
pub fn resolve_accounts(
    responses: &[Response],
    links: Vec<Option<String>>,
    mut new_id: impl FnMut() -> String,
    now: DateTime<Utc>,
) -> (Vec<String>, Vec<Account>) {
    let mut created: BTreeMap<String, usize> = BTreeMap::new();
    let mut accounts: Vec<Account> = Vec::new();
    let ids = responses
        .iter()
        .zip(links)
        .map(|(r, link)| {
            link.unwrap_or_else(|| {
                let at = *created.entry(name_key(&r.account)).or_insert_with(|| {
                    accounts.push(r.to_account(new_id(), now));
                    accounts.len() - 1
                });
                accounts[at].id.clone()
            })
        })
        .collect();
    (ids, accounts)
}

/// Why a row (or the whole file, row 0) cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// Spreadsheet row number; 0 for the file as a whole.
    pub row: usize,
    /// The field concerned, if any.
    pub field: Option<ImportField>,
    /// The header of the column read, if any.
    pub column: String,
    pub message: Msg,
}

fn map_row(
    record: &csv::StringRecord,
    row: usize,
    headers: &[String],
    mapping: &Mapping,
) -> Result<Response, Vec<RowError>> {
    use ImportField as F;
    let mut errors = Vec::new();
    let cell = |f: F| {
        mapping
            .get(f)
            .and_then(|c| record.get(c))
            .filter(|v| !v.is_empty())
    };
    let mut fail = |f: F, message: Msg| {
        errors.push(RowError {
            row,
            field: Some(f),
            column: mapping
                .get(f)
                .and_then(|c| headers.get(c))
                .cloned()
                .unwrap_or_default(),
            message,
        })
    };
    let score = match cell(F::Score).map(str::parse::<u8>) {
        Some(Ok(n)) if n <= 10 => n,
        None => {
            fail(F::Score, Msg::ErrScoreNeeded);
            0
        }
        Some(_) => {
            fail(F::Score, Msg::ErrScoreRange);
            0
        }
    };
    let account = cell(F::Account).unwrap_or_default().to_string();
    if account.is_empty() {
        fail(F::Account, Msg::ErrRequired);
    }
    let arr = cell(F::Arr).and_then(|v| parse_money(v).map_err(|m| fail(F::Arr, m)).ok());
    let tier = cell(F::Tier).and_then(|v| parse_tier(v).map_err(|m| fail(F::Tier, m)).ok());
    let mut date = |f: F| {
        cell(f).and_then(|v| {
            parse_import_date(v, mapping.us_dates)
                .map_err(|m| fail(f, m))
                .ok()
        })
    };
    let received_on = date(F::Date);
    let renewal_date = date(F::Renewal);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Response {
        row,
        score,
        comment: cell(F::Comment).unwrap_or_default().to_string(),
        account,
        arr,
        tier,
        received_on,
        renewal_date,
    })
}

/// A row of the preview: the raw text of each mapped field and what it reads as.
#[derive(Clone, Debug, PartialEq)]
pub struct PreviewRow {
    /// Indexed like `IMPORT_FIELDS`; empty when unmapped.
    pub cells: Vec<String>,
    pub result: Result<Response, Vec<RowError>>,
}

/// The first `max_rows` data rows, mapped.
pub fn preview(text: &str, mapping: &Mapping, max_rows: usize) -> Vec<PreviewRow> {
    let mut job = ImportJob::new(text, mapping.clone());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    while rows.len() < max_rows && job.reader.read_record(&mut record).unwrap_or(false) {
        let cells = IMPORT_FIELDS
            .iter()
            .map(|f| {
                mapping
                    .get(*f)
                    .and_then(|c| record.get(c))
                    .unwrap_or_default()
                    .to_string()
            })
            .collect();
        let row = rows.len() + 2;
        rows.push(PreviewRow {
            cells,
            result: map_row(&record, row, &job.headers, mapping),
        });
    }
    rows
}

/// How far an import has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Data rows read so far.
    pub done: usize,
    /// Expected data rows (from the line count; exact once finished).
    pub total_estimate: usize,
    pub finished: bool,
}

/// Data rows of a CSV text, for the progress estimate: non-blank lines, a line break inside
/// a quoted field not ending one, less the header line.
fn data_lines(text: &str) -> usize {
    let (mut quoted, mut blank, mut lines) = (false, true, 0);
    for b in text.bytes() {
        match b {
            b'"' => {
                quoted = !quoted;
                blank = false;
            }
            b'\n' if !quoted => {
                lines += usize::from(!blank);
                blank = true;
            }
            b' ' | b'\t' | b'\r' => {}
            _ => blank = false,
        }
    }
    (lines + usize::from(!blank)).saturating_sub(1)
}

/// An import in progress: call `step` until finished, then `finish`.
pub struct ImportJob {
    reader: csv::Reader<Cursor<Vec<u8>>>,
    headers: Vec<String>,
    mapping: Mapping,
    rows: Vec<Response>,
    errors: Vec<RowError>,
    done: usize,
    total_estimate: usize,
    finished: bool,
}

impl ImportJob {
    /// Starts an import of `text` (the whole file) with `mapping`.
    pub fn new(text: &str, mapping: Mapping) -> Self {
        let mut reader = reader(text);
        let headers = reader
            .headers()
            .map(|h| h.iter().map(str::to_string).collect())
            .unwrap_or_default();
        Self {
            reader,
            headers,
            mapping,
            rows: Vec::new(),
            errors: Vec::new(),
            done: 0,
            total_estimate: data_lines(text),
            finished: false,
        }
    }

    /// Reads up to `max_rows` more rows.
    pub fn step(&mut self, max_rows: usize) -> Progress {
        let mut record = csv::StringRecord::new();
        for _ in 0..max_rows {
            if self.finished {
                break;
            }
            let row = self.done + 2;
            match self.reader.read_record(&mut record) {
                Ok(false) => self.finished = true,
                Ok(true) if record.iter().all(str::is_empty) => {}
                Ok(true) => match map_row(&record, row, &self.headers, &self.mapping) {
                    Ok(r) => self.rows.push(r),
                    Err(e) => self.errors.extend(e),
                },
                Err(_) => self.errors.push(RowError {
                    row,
                    field: None,
                    column: String::new(),
                    message: Msg::FbErrCsvRow,
                }),
            }
            if !self.finished {
                self.done += 1;
            }
        }
        if self.finished {
            self.total_estimate = self.done;
        }
        Progress {
            done: self.done,
            total_estimate: self.total_estimate.max(self.done),
            finished: self.finished,
        }
    }

    /// Every response, or every error (nothing is half-imported); reads any rows left.
    pub fn finish(mut self) -> Result<Vec<Response>, Vec<RowError>> {
        let file_error = |field, message| {
            Err(vec![RowError {
                row: 0,
                field,
                column: String::new(),
                message,
            }])
        };
        if let Some(field) = self.mapping.missing().first() {
            return file_error(Some(*field), Msg::FbErrNotMapped);
        }
        while !self.step(usize::MAX).finished {}
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        if self.rows.is_empty() {
            return file_error(None, Msg::FbErrNoRows);
        }
        Ok(self.rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn headers(text: &str) -> Vec<String> {
        text.split(',').map(str::to_string).collect()
    }

    fn import(text: &str) -> Result<Vec<Response>, Vec<RowError>> {
        let mapping = guess_mapping(&read_headers(text));
        ImportJob::new(text, mapping).finish()
    }

    #[test]
    fn separator_is_read_from_the_header_outside_quotes() {
        assert_eq!(detect_separator("a,b,c\n1;2;3;4;5"), b',');
        assert_eq!(detect_separator("\u{feff}a;b;c\n1,2"), b';');
        assert_eq!(detect_separator("\"x,y,z\";b\n"), b';');
        assert_eq!(detect_separator("a\tb\tc"), b'\t');
        assert_eq!(detect_separator("single"), b',');
    }

    #[test]
    fn english_headers_are_mapped() {
        let m = guess_mapping(&headers(
            "Response ID,NPS Score,What is the reason for your score?,Company,ARR,Tier,Date Submitted,Renewal Date",
        ));
        assert_eq!(
            m.columns,
            [
                Some(1),
                Some(2),
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                Some(7)
            ]
        );
        assert!(m.missing().is_empty());
    }

    #[test]
    fn chinese_headers_are_mapped() {
        let m = guess_mapping(&headers(
            "客户名称,评分,反馈内容,年经常性收入,客户层级,提交日期,续约日期",
        ));
        assert_eq!(
            m.columns,
            [
                Some(1),
                Some(2),
                Some(0),
                Some(3),
                Some(4),
                Some(5),
                Some(6)
            ]
        );
    }

    #[test]
    fn unknown_headers_stay_unmapped_and_are_reported_missing() {
        let m = guess_mapping(&headers("id,carrier,notes about stuff"));
        assert_eq!(m.columns, [None; 7]);
        assert_eq!(m.missing(), [ImportField::Score, ImportField::Account]);
    }

    #[test]
    fn dates_in_every_import_style() {
        for (text, us) in [
            ("2026-10-01", false),
            ("2026/10/01", false),
            ("2026年10月1日", false),
            ("10/01/2026", true),
            ("01/10/2026", false),
            ("1.10.2026", false),
            ("2026-10-01 14:30:00", false),
            ("2026-10-01T14:30:00Z", true),
        ] {
            assert_eq!(parse_import_date(text, us), Ok(d(2026, 10, 1)), "{text}");
        }
        for text in ["13/13/2026", "10/01/26", "yesterday", "2026-02-30", ""] {
            assert_eq!(
                parse_import_date(text, true),
                Err(Msg::ErrNotADate),
                "{text}"
            );
        }
    }

    #[test]
    fn tiers_in_both_languages() {
        assert_eq!(parse_tier("Enterprise"), Ok(Tier::Enterprise));
        assert_eq!(parse_tier("Mid-Market"), Ok(Tier::MidMarket));
        assert_eq!(parse_tier("SMB"), Ok(Tier::Smb));
        assert_eq!(parse_tier("战略客户"), Ok(Tier::Strategic));
        assert_eq!(parse_tier("中小企业"), Ok(Tier::Smb));
        assert_eq!(parse_tier("企业"), Ok(Tier::Enterprise));
        assert_eq!(parse_tier("gold"), Err(Msg::FbErrTier));
    }

    #[test]
    fn a_bom_semicolons_quoted_newlines_and_chinese_text_import() {
        let text = "\u{feff}Account;Score;Comment;ARR;Date\n\
                    Acme;9;\"Great support;\nfast answers\";\"$120,000\";2026/10/01\n\
                    \n\
                    华为;3;导出报表太慢了;¥80,000;2026年10月2日\n";
        let rows = import(text).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0],
            Response {
                row: 2,
                score: 9,
                comment: "Great support;\nfast answers".into(),
                account: "Acme".into(),
                arr: Some(120_000),
                tier: None,
                received_on: Some(d(2026, 10, 1)),
                renewal_date: None,
            }
        );
        assert_eq!(
            (rows[1].score, rows[1].account.as_str(), rows[1].arr),
            (3, "华为", Some(80_000))
        );
        assert_eq!(rows[1].comment, "导出报表太慢了");
    }

    #[test]
    fn windows_line_ends_and_doubled_quotes() {
        let text = "Account,Score,Comment\r\nAcme,8,\"They said \"\"fine\"\", mostly\"\r\n";
        let rows = import(text).unwrap();
        assert_eq!(rows[0].comment, "They said \"fine\", mostly");
        assert_eq!(rows[0].score, 8);
    }

    #[test]
    fn us_dates_are_a_mapping_option() {
        let text = "account,score,date\nAcme,10,03/04/2026\n";
        let mut m = guess_mapping(&read_headers(text));
        let day_first = ImportJob::new(text, m.clone()).finish().unwrap();
        assert_eq!(day_first[0].received_on, Some(d(2026, 4, 3)));
        m.us_dates = true;
        let us = ImportJob::new(text, m).finish().unwrap();
        assert_eq!(us[0].received_on, Some(d(2026, 3, 4)));
    }

    #[test]
    fn every_bad_cell_is_reported_and_nothing_is_imported() {
        let text = "account,score,arr,date,renewal date\n\
                    Acme,9,100,2026-10-01,2027-01-01\n\
                    Beta,11,lots,2026-13-01,\n\
                    ,7,,,\n\
                    Gamma,,1 000,,soon\n";
        let errors = import(text).unwrap_err();
        let seen: Vec<_> = errors
            .iter()
            .map(|e| (e.row, e.column.as_str(), e.message))
            .collect();
        assert_eq!(
            seen,
            [
                (3, "score", Msg::ErrScoreRange),
                (3, "arr", Msg::ErrNotAnAmount),
                (3, "date", Msg::ErrNotADate),
                (4, "account", Msg::ErrRequired),
                (5, "score", Msg::ErrScoreNeeded),
                (5, "renewal date", Msg::ErrNotADate),
            ]
        );
        assert_eq!(errors[0].field, Some(ImportField::Score));
    }

    #[test]
    fn scores_must_be_whole_numbers_from_0_to_10() {
        let text = "account,score\nA,0\nB,10\nC,-1\nD,7.5\nE,x\n";
        let errors = import(text).unwrap_err();
        assert_eq!(errors.iter().map(|e| e.row).collect::<Vec<_>>(), [4, 5, 6]);
        assert!(errors.iter().all(|e| e.message == Msg::ErrScoreRange));
    }

    #[test]
    fn file_level_errors() {
        let only_header = "account,score\n";
        assert_eq!(
            import(only_header).unwrap_err()[0].message,
            Msg::FbErrNoRows
        );
        let unmapped = "company,comment\nAcme,nice\n";
        let e = import(unmapped).unwrap_err();
        assert_eq!(
            (e[0].row, e[0].field, e[0].message),
            (0, Some(ImportField::Score), Msg::FbErrNotMapped)
        );
        assert_eq!(import("").unwrap_err()[0].message, Msg::FbErrNotMapped);
    }

    #[test]
    fn preview_shows_raw_cells_and_results_of_the_first_rows() {
        let text = "account,score,comment\nAcme,9,good\nBeta,x,bad\nGamma,5,meh\n";
        let m = guess_mapping(&read_headers(text));
        let rows = preview(text, &m, 2);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].cells, ["9", "good", "Acme", "", "", "", ""]);
        assert_eq!(rows[0].result.as_ref().unwrap().score, 9);
        assert_eq!(rows[1].result.as_ref().unwrap_err()[0].row, 3);
    }

    #[test]
    fn the_rule_table_sends_only_detractor_comments_to_received() {
        let stage = |score, comment| StagePlan::default().stage(StageGroup::of(score, comment));
        assert_eq!(stage(0, "Too slow"), Stage::Received);
        assert_eq!(stage(6, "Support never answers"), Stage::Received);
        assert_eq!(
            stage(6, "  "),
            Stage::Acknowledged,
            "a blank comment is none"
        );
        assert_eq!(stage(7, "Fine, but exports are slow"), Stage::Acknowledged);
        assert_eq!(stage(8, ""), Stage::LoopClosed);
        assert_eq!(stage(9, "Love it"), Stage::Acknowledged);
        assert_eq!(stage(10, ""), Stage::LoopClosed);
        assert_eq!(STAGE_RULES.len(), 6);
        for (g, _) in STAGE_RULES {
            assert_eq!(STAGE_RULES.iter().filter(|(h, _)| *h == g).count(), 1);
        }
    }

    #[test]
    fn imported_items_start_in_their_group_stage_and_the_user_may_change_a_group() {
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 23, 9, 0, 0).unwrap();
        let text = "Score,Comment,Account\n3,Slow,A\n4,,B\n8,,C\n9,Great,D\n10,,E\n2,Broken,F\n";
        let rows = import(text).unwrap();
        let mut plan = StagePlan::default();
        let items: Vec<FeedbackItem> = rows
            .iter()
            .map(|r| {
                r.to_item(
                    r.account.clone(),
                    r.account.clone(),
                    plan.stage(r.group()),
                    now,
                )
            })
            .collect();
        let stages: Vec<Stage> = items.iter().map(|i| i.stage).collect();
        use Stage::*;
        assert_eq!(
            stages,
            [
                Received,
                Acknowledged,
                LoopClosed,
                Acknowledged,
                LoopClosed,
                Received
            ]
        );
        assert_eq!(items[2].stage_history.len(), 2, "received, then closed");
        let groups = group_counts(&rows);
        assert_eq!(
            plan.counts(&groups),
            [(Received, 2), (Acknowledged, 2), (LoopClosed, 2)]
        );
        assert_eq!(
            counts_line(&plan.counts(&groups), Lang::En),
            "2 Received · 2 Acknowledged · 2 Loop closed"
        );
        assert_eq!(
            counts_line(&plan.counts(&groups), Lang::Zh),
            "已收到 2 条 · 已确认 2 条 · 已闭环 2 条"
        );
        plan.set(StageGroup::of(4, ""), Received);
        assert_eq!(plan.stage(StageGroup::of(0, "")), Received);
        assert_eq!(
            plan.counts(&groups),
            [(Received, 3), (Acknowledged, 1), (LoopClosed, 2)]
        );
    }

    #[test]
    fn groups_are_counted_before_the_import_from_the_readable_rows() {
        let text = "Score;Comment;Account\n3;Slow;A\n4;;B\n11;x;C\n;x;D\n9;Great;E\n";
        let mapping = guess_mapping(&read_headers(text));
        let counts = count_groups(text, &mapping);
        assert_eq!(
            counts,
            [1, 1, 0, 0, 1, 0],
            "rows whose score is unreadable are left out"
        );
        assert_eq!(
            count_groups(text, &Mapping::default()),
            [0; 6],
            "no score column, nothing to count"
        );
        let rows = import("Score;Comment;Account\n3;Slow;A\n4;;B\n9;Great;E\n").unwrap();
        assert_eq!(group_counts(&rows), counts);
    }

    #[test]
    fn responses_become_items_and_accounts() {
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 23, 9, 0, 0).unwrap();
        let text = "客户,评分,评论,ARR,层级,日期,续约日期\n华为,4,太慢,\"¥80,000\",企业,2026/10/01,2027年3月1日\nacme corp,9,,,,,\n";
        let rows = import(text).unwrap();
        let item = rows[0].to_item("f1".into(), "a9".into(), Stage::Received, now);
        assert_eq!(
            (item.account_id.as_str(), item.score, item.verbatim.as_str()),
            ("a9", Some(4), "太慢")
        );
        assert_eq!(item.received_on, d(2026, 10, 1));
        assert_eq!((item.stage, item.stage_history.len()), (Stage::Received, 1));
        assert_eq!(
            rows[1]
                .to_item("f2".into(), "a1".into(), Stage::Received, now)
                .received_on,
            d(2026, 11, 23)
        );
        let account = rows[0].to_account("a9".into(), now);
        assert_eq!(
            (
                account.name.as_str(),
                account.arr,
                account.tier,
                account.renewal_date
            ),
            ("华为", 80_000, Tier::Enterprise, Some(d(2027, 3, 1)))
        );
        let mut acme = Account::new("a1".into(), now);
        acme.name = " Acme  Corp".into();
        let mut other = Account::new("a2".into(), now);
        other.name = "Beta".into();
        let accounts = AccountIndex::new([acme, other]);
        assert_eq!(link_accounts(&rows, &accounts), [None, Some("a1".into())]);
    }

    #[test]
    fn imported_names_match_accounts_whatever_the_case_of_accented_letters() {
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 23, 9, 0, 0).unwrap();
        let rows = import("account,score\nMÜLLER GMBH,9\nécole,3\nMuller GmbH,5\n").unwrap();
        let mut muller = Account::new("a1".into(), now);
        muller.name = "Müller GmbH".into();
        let mut ecole = Account::new("a2".into(), now);
        ecole.name = "École".into();
        assert_eq!(
            link_accounts(&rows, &AccountIndex::new([muller, ecole])),
            [Some("a1".into()), Some("a2".into()), None]
        );
    }

    #[test]
    fn new_account_names_are_created_once_and_known_ones_linked() {
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 23, 9, 0, 0).unwrap();
        let text = "account,score,arr\nNew Co,9,100\nAcme,3,\nnew  co,5,200\n华为,7,\n";
        let rows = import(text).unwrap();
        let mut acme = Account::new("a1".into(), now);
        acme.name = "ACME".into();
        let links = link_accounts(&rows, &AccountIndex::new([acme]));
        let mut n = 0;
        let (ids, created) = resolve_accounts(
            &rows,
            links,
            || {
                n += 1;
                format!("new{n}")
            },
            now,
        );
        assert_eq!(ids, ["new1", "a1", "new1", "new2"]);
        let names: Vec<_> = created.iter().map(|a| (a.name.as_str(), a.arr)).collect();
        assert_eq!(names, [("New Co", 100), ("华为", 0)]);
    }

    #[test]
    fn the_row_estimate_ignores_quoted_line_breaks_and_blank_lines() {
        let text = "\u{feff}account,score,comment\r\nA,9,\"two\r\nlines\"\r\n\r\n  \nB,3,\"a\n\nb\"\nC,5,x";
        let mut job = ImportJob::new(text, guess_mapping(&read_headers(text)));
        assert_eq!(job.step(0).total_estimate, 3);
        assert_eq!(data_lines(""), 0);
        assert_eq!(data_lines("header only\n"), 0);
    }

    #[test]
    fn ten_thousand_rows_import_in_slices() {
        let mut text = String::from("Company,NPS Score,Comment,ARR,Date\n");
        for i in 0..10_000 {
            text.push_str(&format!(
                "Account {},{},\"导出太慢, line {i}\nsecond line\",\"${},000\",2026-10-{:02}\n",
                i % 300,
                i % 11,
                i % 90 + 10,
                i % 28 + 1
            ));
        }
        let mut job = ImportJob::new(&text, guess_mapping(&read_headers(&text)));
        let first = job.step(1000);
        assert_eq!((first.done, first.finished), (1000, false));
        assert_eq!(
            first.total_estimate, 10_000,
            "quoted line breaks end no row"
        );
        let mut steps = 1;
        while !job.step(1000).finished {
            steps += 1;
        }
        assert_eq!(steps, 10);
        let rows = job.finish().unwrap();
        assert_eq!(rows.len(), 10_000);
        assert_eq!(rows[9_999].row, 10_001);
        assert_eq!(rows[9_998].score, 10); // 9998 % 11
        assert_eq!(rows[9_999].arr, Some((9_999 % 90 + 10) * 1000));
        assert!(rows[5].comment.ends_with("line 5\nsecond line"));
    }
}
