//! Record lists: cells with sort values, free-text search and column sorting. Pure, so the
//! same ordering is used by every list and tested natively. Search ignores case and accents
//! and text sorts in the order of the collator given (`domain::text::Collator`).

use std::cmp::Ordering;

use crate::domain::form::Coded;
use crate::domain::sorting;
use crate::domain::text::{collation_ranks, search_fold, Collator};
use crate::i18n::Msg;

/// A value a column sorts by. Missing values sort first when ascending.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SortValue {
    Missing,
    Int(i64),
    /// An amount of money in a currency (upper-case code): sorts by currency, then
    /// amount, so amounts in different currencies are never compared.
    Money(String, u64),
    /// Text, sorted in the order of the list's collator.
    Text(String),
}

/// What a row sorts by in one column: numbers, then money (by currency, then amount), then
/// text by its rank in the collation order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum SortKey {
    Missing,
    Number(i64),
    Money(String, u64),
    Text(usize),
}

impl SortValue {
    pub fn text(s: &str) -> Self {
        if s.trim().is_empty() {
            Self::Missing
        } else {
            Self::Text(s.trim().to_string())
        }
    }

    /// An amount of money in `currency` (an ISO code, case-insensitive).
    pub fn money(amount: u64, currency: &str) -> Self {
        Self::Money(currency.trim().to_ascii_uppercase(), amount)
    }
}

/// A list column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub label: Msg,
}

/// One cell: what is shown, what it sorts by, and whether it needs attention now (shown in
/// red, e.g. an overdue first response).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub sort: SortValue,
    pub alert: bool,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Self {
        let text = text.into();
        let sort = SortValue::text(&text);
        Self {
            text,
            sort,
            alert: false,
        }
    }

    pub fn sorted_by(text: impl Into<String>, sort: SortValue) -> Self {
        Self {
            text: text.into(),
            sort,
            alert: false,
        }
    }

    /// The same cell, marked as needing attention when `alert`.
    pub fn alert_if(mut self, alert: bool) -> Self {
        self.alert = alert;
        self
    }
}

/// A list filter the user can pick: rows carrying it as a tag are kept. Its code is the
/// value of the list's filter select.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFilter {
    /// Records still being worked on.
    Open,
    /// Open records past a deadline (an escalation's first response).
    Overdue,
    /// Open escalations of the highest severity.
    P1,
}

impl Coded for ListFilter {
    const ALL: &'static [Self] = &[Self::Open, Self::Overdue, Self::P1];

    fn code(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Overdue => "overdue",
            Self::P1 => "p1",
        }
    }

    fn label(self) -> Msg {
        match self {
            Self::Open => Msg::FilterOpen,
            Self::Overdue => Msg::FilterOverdue,
            Self::P1 => Msg::FilterP1,
        }
    }
}

/// A record as a list row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub cells: Vec<Cell>,
    /// The filters this row passes.
    pub tags: Vec<ListFilter>,
}

/// Sort direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Ascending,
    Descending,
}

impl Direction {
    pub fn flipped(self) -> Self {
        match self {
            Self::Ascending => Self::Descending,
            Self::Descending => Self::Ascending,
        }
    }
}

/// What each row sorts by in `column`: its text cells ranked by `collator` together.
fn sort_keys(rows: &[Row], column: usize, collator: &dyn Collator) -> Vec<SortKey> {
    let values: Vec<Option<&SortValue>> = rows
        .iter()
        .map(|row| row.cells.get(column).map(|c| &c.sort))
        .collect();
    let texts: Vec<&str> = values
        .iter()
        .filter_map(|value| match value {
            Some(SortValue::Text(text)) => Some(text.as_str()),
            _ => None,
        })
        .collect();
    let mut ranks = collation_ranks(&texts, collator).into_iter();
    values
        .into_iter()
        .map(|value| match value {
            None | Some(SortValue::Missing) => SortKey::Missing,
            Some(SortValue::Int(n)) => SortKey::Number(*n),
            Some(SortValue::Money(currency, amount)) => SortKey::Money(currency.clone(), *amount),
            Some(SortValue::Text(_)) => SortKey::Text(ranks.next().unwrap_or(0)),
        })
        .collect()
}

/// Rows with their cells' text folded for search once, so that typing in a list's search
/// only compares text instead of folding every cell again on each keystroke.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchIndex {
    rows: Vec<Row>,
    haystacks: Vec<String>,
}

/// The folded words of a search: a row matches when its text holds every one.
pub fn query_words(query: &str) -> Vec<String> {
    search_fold(query)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// A row's cells folded for search, as one text.
fn haystack(row: &Row) -> String {
    row.cells
        .iter()
        .map(|c| search_fold(&c.text))
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

/// Whether `row` is tagged `filter` (any row when there is none) and its cells contain every
/// one of `words` (from `query_words`).
pub fn row_matches(row: &Row, words: &[String], filter: Option<ListFilter>) -> bool {
    filter.is_none_or(|f| row.tags.contains(&f)) && {
        let text = if words.is_empty() {
            String::new()
        } else {
            haystack(row)
        };
        words.iter().all(|w| text.contains(w.as_str()))
    }
}

/// Orders two cells' sort values as a column sort does: missing first, then numbers, then
/// money (by currency, then amount), then text in `collator`'s order.
pub fn compare_values(a: &SortValue, b: &SortValue, collator: &dyn Collator) -> Ordering {
    let kind = |v: &SortValue| match v {
        SortValue::Missing => 0,
        SortValue::Int(_) => 1,
        SortValue::Money(..) => 2,
        SortValue::Text(_) => 3,
    };
    match (a, b) {
        (SortValue::Int(x), SortValue::Int(y)) => x.cmp(y),
        (SortValue::Money(c, x), SortValue::Money(d, y)) => (c, x).cmp(&(d, y)),
        (SortValue::Text(x), SortValue::Text(y)) => collator.compare(x, y),
        _ => kind(a).cmp(&kind(b)),
    }
}

impl SearchIndex {
    pub fn new(rows: Vec<Row>) -> Self {
        let haystacks = rows.iter().map(haystack).collect();
        Self { rows, haystacks }
    }

    /// The rows tagged `filter` (every row when there is none) whose cells contain every word
    /// of `query` (ignoring case and accents), sorted by column `sort`, text in `collator`'s
    /// order (stable: equal rows keep their order).
    pub fn arrange(
        &self,
        query: &str,
        filter: Option<ListFilter>,
        sort: Option<(usize, Direction)>,
        collator: &dyn Collator,
    ) -> Vec<Row> {
        let words = query_words(query);
        let mut rows: Vec<Row> = self
            .rows
            .iter()
            .zip(&self.haystacks)
            .filter(|(row, _)| filter.is_none_or(|f| row.tags.contains(&f)))
            .filter(|(_, haystack)| words.iter().all(|w| haystack.contains(w.as_str())))
            .map(|(row, _)| row.clone())
            .collect();
        if let Some((column, direction)) = sort {
            let keys = sort_keys(&rows, column, collator);
            let mut keyed: Vec<(SortKey, Row)> = keys.into_iter().zip(rows).collect();
            match direction {
                Direction::Ascending => sorting::sort_by(&mut keyed, |a, b| a.0.cmp(&b.0)),
                Direction::Descending => sorting::sort_by(&mut keyed, |a, b| b.0.cmp(&a.0)),
            }
            rows = keyed.into_iter().map(|(_, row)| row).collect();
        }
        rows
    }
}

/// `SearchIndex::arrange` on `rows`, for a list arranged once.
pub fn arrange(
    rows: Vec<Row>,
    query: &str,
    filter: Option<ListFilter>,
    sort: Option<(usize, Direction)>,
    collator: &dyn Collator,
) -> Vec<Row> {
    SearchIndex::new(rows).arrange(query, filter, sort, collator)
}

/// How many rows a list draws at a time.
pub const PAGE_SIZE: usize = 50;

/// One page of a list of `total` rows: which page it is (clamped to the last), how many
/// there are (at least one), and the rows it shows, `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageWindow {
    pub page: usize,
    pub pages: usize,
    pub start: usize,
    pub end: usize,
    pub total: usize,
}

impl PageWindow {
    /// Page `page` (0-based) of `total` rows in pages of `size` (at least 1).
    pub fn new(total: usize, page: usize, size: usize) -> Self {
        let size = size.max(1);
        let pages = total.div_ceil(size).max(1);
        let page = page.min(pages - 1);
        let start = (page * size).min(total);
        let end = (start + size).min(total);
        Self {
            page,
            pages,
            start,
            end,
            total,
        }
    }

    pub fn has_previous(&self) -> bool {
        self.page > 0
    }

    pub fn has_next(&self) -> bool {
        self.page + 1 < self.pages
    }

    /// Whether the rows need more than one page (and so a pager).
    pub fn is_split(&self) -> bool {
        self.pages > 1
    }
}

/// Groups digits by thousands: 1200000 → "1,200,000".
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A money amount with its currency code: "USD 1,200,000".
pub fn format_money(amount: u64, currency: &str) -> String {
    format!("{currency} {}", group_thousands(amount))
}

/// An instant as "2026-11-23 09:05 UTC" (plain formatting keeps chrono's strftime engine
/// out of the wasm).
pub fn format_utc_minute(t: chrono::DateTime<chrono::Utc>) -> String {
    use chrono::Timelike;
    format!("{} {:02}:{:02} UTC", t.date_naive(), t.hour(), t.minute())
}

/// A byte count in binary units (1 KB = 1024 B) with one decimal: 1536 → "1.5 KB". A count
/// that rounds to 1024 of a unit is shown in the next one (1,048,575 → "1.0 MB"). The
/// `humansize` and `bytesize` crates print "1024.0 KiB" there, so this is hand-written.
pub fn format_bytes(bytes: f64) -> String {
    const UNITS: [&str; 7] = ["B", "KB", "MB", "GB", "TB", "PB", "EB"];
    // `as` saturates: negative and NaN become 0, anything too large u64::MAX.
    let bytes = u128::from(bytes.max(0.0) as u64);
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut unit = 1;
    loop {
        let size = 1_u128 << (10 * unit);
        let tenths = (bytes * 10 + size / 2) / size;
        if tenths < 10 * 1024 || unit == UNITS.len() - 1 {
            return format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[unit]);
        }
        unit += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_window_shows_its_slice_and_clamps_past_the_end() {
        let w = PageWindow::new(120, 0, 50);
        assert_eq!((w.start, w.end, w.pages), (0, 50, 3));
        assert!(!w.has_previous() && w.has_next() && w.is_split());
        let last = PageWindow::new(120, 2, 50);
        assert_eq!((last.start, last.end), (100, 120));
        assert!(last.has_previous() && !last.has_next());
        assert_eq!(
            PageWindow::new(120, 9, 50),
            last,
            "past the end: the last page"
        );
        let empty = PageWindow::new(0, 3, 50);
        assert_eq!(
            (empty.page, empty.pages, empty.start, empty.end),
            (0, 1, 0, 0)
        );
        assert!(!empty.is_split() && !empty.has_next());
        assert_eq!(PageWindow::new(50, 0, 50).pages, 1, "exactly one page");
        assert_eq!(
            PageWindow::new(3, 1, 0).end,
            2,
            "a page size of 0 counts as 1"
        );
    }
    use crate::domain::text::FoldedOrder;

    fn row(id: &str, name: &str, arr: Option<i64>) -> Row {
        Row {
            id: id.into(),
            cells: vec![
                Cell::text(name),
                Cell::sorted_by(
                    arr.map(|a| a.to_string()).unwrap_or_default(),
                    arr.map(SortValue::Int).unwrap_or(SortValue::Missing),
                ),
            ],
            tags: if arr.is_some() {
                vec![ListFilter::Open]
            } else {
                Vec::new()
            },
        }
    }

    fn ids(rows: &[Row]) -> Vec<&str> {
        rows.iter().map(|r| r.id.as_str()).collect()
    }

    fn sample() -> Vec<Row> {
        vec![
            row("a", "Acme Corp", Some(900)),
            row("b", "beta GmbH", None),
            row("c", "阿里云", Some(20)),
            row("d", "Acme Labs", Some(100_000)),
        ]
    }

    #[test]
    fn search_matches_every_word_case_insensitively() {
        assert_eq!(
            ids(&arrange(sample(), "acme", None, None, &FoldedOrder)),
            vec!["a", "d"]
        );
        assert_eq!(
            ids(&arrange(sample(), "ACME labs", None, None, &FoldedOrder)),
            vec!["d"]
        );
        assert_eq!(
            ids(&arrange(sample(), "阿里", None, None, &FoldedOrder)),
            vec!["c"]
        );
        assert_eq!(
            ids(&arrange(sample(), "  ", None, None, &FoldedOrder)),
            vec!["a", "b", "c", "d"]
        );
        assert!(arrange(sample(), "zzz", None, None, &FoldedOrder).is_empty());
    }

    #[test]
    fn search_ignores_the_case_and_accents_of_every_letter() {
        let rows = vec![
            row("e", "École Polytechnique", None),
            row("m", "Müller GmbH", None),
            row("n", "Nordwind", None),
        ];
        for (query, expected) in [
            ("école", vec!["e"]),
            ("ÉCOLE", vec!["e"]),
            ("ecole", vec!["e"]),
            ("MÜLLER", vec!["m"]),
            ("muller", vec!["m"]),
            ("gmbh müller", vec!["m"]),
        ] {
            assert_eq!(
                ids(&arrange(rows.clone(), query, None, None, &FoldedOrder)),
                expected,
                "{query}"
            );
        }
    }

    #[test]
    fn accented_names_sort_next_to_their_letter() {
        let rows = vec![
            row("z", "Zeta", None),
            row("u", "Über", None),
            row("e", "École", None),
            row("f", "Fig", None),
            row("a", "apple", None),
        ];
        let up = Some((0, Direction::Ascending));
        assert_eq!(
            ids(&arrange(rows, "", None, up, &FoldedOrder)),
            vec!["a", "e", "f", "u", "z"]
        );
    }

    /// Sorts text backwards: shows that text columns follow the collator given.
    struct Backwards;

    impl Collator for Backwards {
        fn compare(&self, a: &str, b: &str) -> std::cmp::Ordering {
            b.cmp(a)
        }
    }

    #[test]
    fn text_columns_sort_in_the_order_of_the_collator_given() {
        let rows = vec![
            row("b", "Beta", None),
            row("a", "Alpha", None),
            row("c", "Gamma", None),
        ];
        assert_eq!(
            ids(&arrange(
                rows,
                "",
                None,
                Some((0, Direction::Ascending)),
                &Backwards
            )),
            vec!["c", "b", "a"]
        );
    }

    #[test]
    fn one_row_matches_as_the_whole_list_searches_and_values_compare_as_columns_sort() {
        for query in ["acme", "ACME labs", "阿里", "  ", "zzz", "900"] {
            for filter in [None, Some(ListFilter::Open)] {
                let words = query_words(query);
                let one_by_one: Vec<Row> = sample()
                    .into_iter()
                    .filter(|r| row_matches(r, &words, filter))
                    .collect();
                assert_eq!(
                    one_by_one,
                    arrange(sample(), query, filter, None, &FoldedOrder),
                    "{query} {filter:?}"
                );
            }
        }
        for column in [0, 1] {
            let mut rows = sample();
            rows.push(row("e", "", Some(5)));
            let mut compared = rows.clone();
            sorting::sort_by(&mut compared, |a, b| {
                compare_values(&a.cells[column].sort, &b.cells[column].sort, &FoldedOrder)
            });
            let up = Some((column, Direction::Ascending));
            assert_eq!(compared, arrange(rows, "", None, up, &FoldedOrder));
        }
        let money = |n, c: &str| SortValue::money(n, c);
        assert_eq!(
            compare_values(&money(5, "usd"), &money(9, "EUR"), &FoldedOrder),
            Ordering::Greater,
            "currency first"
        );
        assert_eq!(
            compare_values(&SortValue::Int(7), &SortValue::text("a"), &FoldedOrder),
            Ordering::Less
        );
    }

    #[test]
    fn list_filters_have_the_select_codes_and_their_own_labels() {
        let codes: Vec<&str> = ListFilter::ALL.iter().map(|f| f.code()).collect();
        assert_eq!(codes, ["open", "overdue", "p1"]);
        for filter in ListFilter::ALL {
            assert_eq!(ListFilter::from_code(filter.code()), Some(*filter));
        }
        assert_eq!(ListFilter::from_code(""), None);
        assert_eq!(ListFilter::Open.label(), Msg::FilterOpen);
        assert_eq!(ListFilter::Overdue.label(), Msg::FilterOverdue);
        assert_eq!(ListFilter::P1.label(), Msg::FilterP1);
    }

    #[test]
    fn a_filter_keeps_only_rows_with_its_tag() {
        assert_eq!(
            ids(&arrange(
                sample(),
                "",
                Some(ListFilter::Open),
                None,
                &FoldedOrder
            )),
            vec!["a", "c", "d"]
        );
        assert_eq!(
            ids(&arrange(
                sample(),
                "acme",
                Some(ListFilter::Open),
                None,
                &FoldedOrder
            )),
            vec!["a", "d"]
        );
        assert!(arrange(sample(), "", Some(ListFilter::P1), None, &FoldedOrder).is_empty());
    }

    #[test]
    fn numbers_sort_numerically_and_missing_first() {
        assert_eq!(
            ids(&arrange(
                sample(),
                "",
                None,
                Some((1, Direction::Ascending)),
                &FoldedOrder
            )),
            vec!["b", "c", "a", "d"]
        );
        assert_eq!(
            ids(&arrange(
                sample(),
                "",
                None,
                Some((1, Direction::Descending)),
                &FoldedOrder
            )),
            vec!["d", "a", "c", "b"]
        );
    }

    #[test]
    fn text_sorts_case_insensitively() {
        assert_eq!(
            ids(&arrange(
                sample(),
                "",
                None,
                Some((0, Direction::Ascending)),
                &FoldedOrder
            )),
            vec!["a", "d", "b", "c"]
        );
    }

    #[test]
    fn sort_is_stable_and_out_of_range_columns_keep_order() {
        let rows = vec![row("x", "same", Some(1)), row("y", "same", Some(1))];
        assert_eq!(
            ids(&arrange(
                rows.clone(),
                "",
                None,
                Some((0, Direction::Descending)),
                &FoldedOrder
            )),
            vec!["x", "y"]
        );
        assert_eq!(
            ids(&arrange(
                rows,
                "",
                None,
                Some((9, Direction::Ascending)),
                &FoldedOrder
            )),
            vec!["x", "y"]
        );
    }

    #[test]
    fn utc_minutes() {
        use chrono::TimeZone;
        let t = chrono::Utc.with_ymd_and_hms(2026, 3, 4, 5, 6, 59).unwrap();
        assert_eq!(format_utc_minute(t), "2026-03-04 05:06 UTC");
    }

    #[test]
    fn byte_formatting() {
        assert_eq!(format_bytes(0.0), "0 B");
        assert_eq!(format_bytes(1023.0), "1023 B");
        assert_eq!(format_bytes(1024.0), "1.0 KB");
        assert_eq!(format_bytes(1536.0), "1.5 KB");
        assert_eq!(format_bytes(10.0 * 1024.0 * 1024.0 * 1024.0), "10.0 GB");
        assert_eq!(format_bytes(-5.0), "0 B");
        assert_eq!(format_bytes(f64::NAN), "0 B");
    }

    #[test]
    fn bytes_just_below_a_unit_round_up_into_it() {
        for (bytes, expected) in [
            (1_048_575.0, "1.0 MB"),
            (1_048_576.0, "1.0 MB"),
            (1_048_576.0 - 52.0, "1023.9 KB"),
            (1_073_741_823.0, "1.0 GB"),
            (1_073_741_824.0, "1.0 GB"),
            (1_099_511_627_775.0, "1.0 TB"),
            (1_099_511_627_776.0, "1.0 TB"),
            (1_125_899_906_842_623.0, "1.0 PB"),
            (1_048_576.0 - 51.0, "1.0 MB"),
        ] {
            assert_eq!(format_bytes(bytes), expected, "{bytes}");
        }
    }

    #[test]
    fn huge_byte_counts_stay_in_the_largest_unit() {
        assert_eq!(format_bytes(u64::MAX as f64), "16.0 EB");
        assert_eq!(format_bytes(f64::INFINITY), "16.0 EB");
        assert_eq!(format_bytes(1e30), "16.0 EB");
    }

    #[test]
    fn money_formatting() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(1_200_000), "1,200,000");
        assert_eq!(format_money(250_000, "EUR"), "EUR 250,000");
    }
}
