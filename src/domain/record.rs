//! What every stored workspace record offers the generic list and form screens: a new
//! blank, its id, its account link, a title, and its list row.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::domain::account::{name_taken, Account};
use crate::domain::escalation::board::BoardRow;
use crate::domain::escalation::plan::format_local;
use crate::domain::escalation::rules::Severity;
use crate::domain::escalation::Escalation;
use crate::domain::feedback::FeedbackItem;
use crate::domain::form::{Coded, FieldError, FieldSpec, FormRecord, FormValues};
use crate::domain::listing::{format_money, Cell, Column, ListFilter, Row, SortValue};
use crate::domain::onboarding::OnboardingProject;
use crate::domain::sorting;
use crate::domain::text::{collation_ranks, Collator};
use crate::domain::time::zone::LocalZone;
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};

/// Accounts by id, for showing names and reading ARR and renewal dates. A sorted list
/// searched by halves: as fast as a map for a team's accounts, with less code in the wasm.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AccountIndex(Vec<Account>);

impl AccountIndex {
    pub fn new(accounts: impl IntoIterator<Item = Account>) -> Self {
        let mut all: Vec<Account> = accounts.into_iter().collect();
        sorting::sort_by(&mut all, |a, b| a.id.cmp(&b.id));
        // Ids are the store's keys, so they are unique; a stray duplicate is dropped.
        all.dedup_by(|a, b| a.id == b.id);
        Self(all)
    }

    pub fn get(&self, id: &str) -> Option<&Account> {
        let at = self.0.binary_search_by(|a| a.id.as_str().cmp(id)).ok()?;
        self.0.get(at)
    }

    /// The account's name, or an empty string for a dangling link.
    pub fn name(&self, id: &str) -> String {
        self.get(id).map(|a| a.name.clone()).unwrap_or_default()
    }

    /// Every account, in id order.
    pub fn iter(&self) -> impl Iterator<Item = &Account> {
        self.0.iter()
    }

    /// How many accounts there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are no accounts.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Accounts sorted by name in `collator`'s order (then by id), for pickers.
    pub fn sorted(&self, collator: &dyn Collator) -> Vec<&Account> {
        let names: Vec<&str> = self.0.iter().map(|a| a.name.as_str()).collect();
        let mut all: Vec<(usize, &Account)> = collation_ranks(&names, collator)
            .into_iter()
            .zip(&self.0)
            .collect();
        sorting::sort_by(&mut all, |(r, a), (q, b)| {
            r.cmp(q).then_with(|| a.id.cmp(&b.id))
        });
        all.into_iter().map(|(_, account)| account).collect()
    }
}

/// What list rows need besides the record itself.
pub struct ListContext<'a> {
    pub lang: Lang,
    pub accounts: &'a AccountIndex,
    pub now: DateTime<Utc>,
    /// The user's time zone: dates are shown in local time.
    pub zone: &'a dyn LocalZone,
}

/// A record kept in a workspace store and shown by the generic screens.
pub trait Record:
    FormRecord + Clone + PartialEq + Serialize + DeserializeOwned + Send + Sync + 'static
{
    const COLUMNS: &'static [Column];
    fn blank(id: String, now: DateTime<Utc>) -> Self;
    fn id(&self) -> &str;
    /// The account this record links to; `None` for accounts themselves.
    fn account_id(&self) -> Option<&str>;
    /// A short human title, used in confirmations.
    fn title(&self, accounts: &AccountIndex) -> String;
    fn cells(&self, ctx: &ListContext) -> Vec<Cell>;
    /// Filters the list offers; the first is the one shown at first.
    const FILTERS: &'static [ListFilter] = &[];
    /// The `FILTERS` this record passes.
    fn tags(&self, _ctx: &ListContext) -> Vec<ListFilter> {
        Vec::new()
    }
    /// Rules that need other records: the linked account must exist (accounts override
    /// this with their name-uniqueness rule).
    fn conflicts(&self, accounts: &AccountIndex) -> Vec<FieldError> {
        match self.account_id() {
            Some(id) if accounts.get(id).is_none() => vec![FieldError {
                field: "account_id",
                message: Msg::ErrUnknownAccount,
            }],
            _ => Vec::new(),
        }
    }
}

/// Shortens text to `max` characters on a character boundary, adding an ellipsis.
pub fn excerpt(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Time elapsed since `since`, as "12 min", "3 h" or "4 d".
pub fn age(since: DateTime<Utc>, now: DateTime<Utc>, lang: Lang) -> String {
    let minutes = (now - since).num_minutes().max(0);
    let (msg, n) = if minutes < 60 {
        (Msg::AgeMinutes, minutes)
    } else if minutes < 48 * 60 {
        (Msg::AgeHours, minutes / 60)
    } else {
        (Msg::AgeDays, minutes / (24 * 60))
    };
    msg.fill(lang, &[("n", &n.to_string())])
}

fn date_cell(date: Option<NaiveDate>) -> Cell {
    Cell::sorted_by(
        date.map(|d| d.to_string()).unwrap_or_default(),
        date.map(|d| SortValue::Int(d.num_days_from_ce().into()))
            .unwrap_or(SortValue::Missing),
    )
}

fn label_cell<T: Coded>(value: T, lang: Lang) -> Cell {
    Cell::sorted_by(
        value.label().text(lang),
        SortValue::Int(
            T::ALL
                .iter()
                .position(|v| v.code() == value.code())
                .unwrap_or(0) as i64,
        ),
    )
}

impl Record for Account {
    const COLUMNS: &'static [Column] = &[
        Column {
            key: "name",
            label: Msg::FieldAccountName,
        },
        Column {
            key: "tier",
            label: Msg::FieldTier,
        },
        Column {
            key: "arr",
            label: Msg::FieldArr,
        },
        Column {
            key: "renewal_date",
            label: Msg::FieldRenewalDate,
        },
    ];
    fn blank(id: String, now: DateTime<Utc>) -> Self {
        Account::new(id, now)
    }
    fn id(&self) -> &str {
        &self.id
    }
    fn account_id(&self) -> Option<&str> {
        None
    }
    fn title(&self, _: &AccountIndex) -> String {
        self.name.clone()
    }
    fn conflicts(&self, accounts: &AccountIndex) -> Vec<FieldError> {
        if name_taken(accounts.0.iter(), &self.name, &self.id) {
            vec![FieldError {
                field: "name",
                message: Msg::ErrNameTaken,
            }]
        } else {
            Vec::new()
        }
    }
    fn cells(&self, ctx: &ListContext) -> Vec<Cell> {
        vec![
            Cell::text(&self.name),
            label_cell(self.tier, ctx.lang),
            Cell::sorted_by(
                format_money(self.arr, &self.currency),
                SortValue::money(self.arr, &self.currency),
            ),
            date_cell(self.renewal_date),
        ]
    }
}

impl Record for Escalation {
    const COLUMNS: &'static [Column] = &[
        Column {
            key: "account",
            label: Msg::FieldAccount,
        },
        Column {
            key: "summary",
            label: Msg::FieldSummary,
        },
        Column {
            key: "severity",
            label: Msg::BoardSeverity,
        },
        Column {
            key: "status",
            label: Msg::FieldStatus,
        },
        Column {
            key: "age",
            label: Msg::ColumnAge,
        },
        Column {
            key: "first_response",
            label: Msg::BoardFirstResponse,
        },
        Column {
            key: "next_checkpoint",
            label: Msg::BoardNextCheckpoint,
        },
        Column {
            key: "renewal",
            label: Msg::BoardRenewal,
        },
        Column {
            key: "arr",
            label: Msg::BoardArr,
        },
    ];
    const FILTERS: &'static [ListFilter] = &[ListFilter::Open, ListFilter::Overdue, ListFilter::P1];
    fn blank(id: String, now: DateTime<Utc>) -> Self {
        Escalation::new(id, now)
    }
    fn id(&self) -> &str {
        &self.id
    }
    fn account_id(&self) -> Option<&str> {
        Some(&self.account_id)
    }
    fn title(&self, accounts: &AccountIndex) -> String {
        format!(
            "{} — {}",
            accounts.name(&self.account_id),
            excerpt(&self.summary, 60)
        )
    }
    fn cells(&self, ctx: &ListContext) -> Vec<Cell> {
        let row = BoardRow::new(self, ctx.accounts, ctx.now, ctx.zone);
        let (lang, open) = (ctx.lang, self.is_open());
        let due = SortValue::Int(row.first_response_due.timestamp());
        let response = match (row.responded_at, open) {
            (None, false) => Cell::sorted_by("—", SortValue::Missing),
            (Some(_), _) => Cell::sorted_by(row.clock(ctx.now, lang), SortValue::Missing),
            (None, true) => Cell::sorted_by(row.clock(ctx.now, lang), due).alert_if(row.overdue),
        };
        let next = match row.next_checkpoint.as_ref().filter(|_| open) {
            Some(item) => Cell::sorted_by(
                format_local(item.local),
                SortValue::Int(item.at.timestamp()),
            ),
            None => Cell::sorted_by("", SortValue::Missing),
        };
        vec![
            Cell::text(ctx.accounts.name(&self.account_id)),
            Cell::text(excerpt(&self.summary, 80)),
            Cell::sorted_by(
                row.severity.label().text(lang),
                SortValue::Int(row.severity as i64),
            ),
            label_cell(self.status, lang),
            Cell::sorted_by(
                age(self.received_at, ctx.now, lang),
                SortValue::Int(-self.received_at.timestamp()),
            ),
            response,
            next,
            date_cell(row.renewal),
            match row.account {
                Some(a) => Cell::sorted_by(
                    format_money(a.arr, &a.currency),
                    SortValue::money(a.arr, &a.currency),
                ),
                None => Cell::sorted_by("", SortValue::Missing),
            },
        ]
    }
    fn tags(&self, ctx: &ListContext) -> Vec<ListFilter> {
        if !self.is_open() {
            return Vec::new();
        }
        let row = BoardRow::new(self, ctx.accounts, ctx.now, ctx.zone);
        let mut tags = vec![ListFilter::Open];
        if row.overdue {
            tags.push(ListFilter::Overdue);
        }
        if row.severity == Severity::P1 {
            tags.push(ListFilter::P1);
        }
        tags
    }
}

impl Record for FeedbackItem {
    const COLUMNS: &'static [Column] = &[
        Column {
            key: "account",
            label: Msg::FieldAccount,
        },
        Column {
            key: "source",
            label: Msg::FieldSource,
        },
        Column {
            key: "score",
            label: Msg::FieldScore,
        },
        Column {
            key: "verbatim",
            label: Msg::FieldVerbatim,
        },
        Column {
            key: "stage",
            label: Msg::FieldStage,
        },
        Column {
            key: "received_on",
            label: Msg::FieldReceivedOn,
        },
    ];
    fn blank(id: String, now: DateTime<Utc>) -> Self {
        FeedbackItem::new(id, now)
    }
    fn id(&self) -> &str {
        &self.id
    }
    fn account_id(&self) -> Option<&str> {
        Some(&self.account_id)
    }
    fn title(&self, accounts: &AccountIndex) -> String {
        format!(
            "{} — {}",
            accounts.name(&self.account_id),
            excerpt(&self.verbatim, 60)
        )
    }
    fn cells(&self, ctx: &ListContext) -> Vec<Cell> {
        vec![
            Cell::text(ctx.accounts.name(&self.account_id)),
            label_cell(self.source, ctx.lang),
            Cell::sorted_by(
                self.score.map(|s| s.to_string()).unwrap_or_default(),
                self.score
                    .map(|s| SortValue::Int(s.into()))
                    .unwrap_or(SortValue::Missing),
            ),
            Cell::text(excerpt(&self.verbatim, 90)),
            label_cell(self.stage, ctx.lang),
            date_cell(Some(self.received_on)),
        ]
    }
}

impl Record for OnboardingProject {
    const COLUMNS: &'static [Column] = &[
        Column {
            key: "customer",
            label: Msg::FieldCustomer,
        },
        Column {
            key: "industry",
            label: Msg::FieldIndustry,
        },
        Column {
            key: "systems",
            label: Msg::FieldSystems,
        },
        Column {
            key: "kickoff_date",
            label: Msg::FieldKickoffDate,
        },
        Column {
            key: "go_live_target",
            label: Msg::FieldGoLiveTarget,
        },
    ];
    fn blank(id: String, now: DateTime<Utc>) -> Self {
        OnboardingProject::new(id, now)
    }
    fn id(&self) -> &str {
        &self.id
    }
    fn account_id(&self) -> Option<&str> {
        Some(&self.account_id)
    }
    fn title(&self, accounts: &AccountIndex) -> String {
        format!("{} — {}", accounts.name(&self.account_id), self.industry)
    }
    fn cells(&self, ctx: &ListContext) -> Vec<Cell> {
        let systems: Vec<&str> = self
            .systems
            .iter()
            .map(|s| s.label().text(ctx.lang))
            .collect();
        vec![
            Cell::text(ctx.accounts.name(&self.account_id)),
            Cell::text(&self.industry),
            Cell::sorted_by(
                systems.join(", "),
                SortValue::Int(self.systems.len() as i64),
            ),
            date_cell(self.kickoff_date),
            date_cell(Some(self.go_live_target)),
        ]
    }
}

/// Any workspace record: lets the list and form screens work on every record type without
/// being generic (one copy of each screen in the app instead of one per type).
#[derive(Clone, Debug, PartialEq)]
pub enum AnyRecord {
    Account(Account),
    Escalation(Escalation),
    Feedback(FeedbackItem),
    Onboarding(OnboardingProject),
}

macro_rules! each_record {
    ($value:expr, $r:ident => $body:expr) => {
        match $value {
            AnyRecord::Account($r) => $body,
            AnyRecord::Escalation($r) => $body,
            AnyRecord::Feedback($r) => $body,
            AnyRecord::Onboarding($r) => $body,
        }
    };
}

impl AnyRecord {
    /// The workspace the record belongs to.
    pub fn workspace(&self) -> Workspace {
        match self {
            Self::Account(_) => Workspace::Accounts,
            Self::Escalation(_) => Workspace::Escalations,
            Self::Feedback(_) => Workspace::Feedback,
            Self::Onboarding(_) => Workspace::Onboarding,
        }
    }

    /// A record of `workspace` read from its stored JSON; `None` when it does not fit.
    pub fn from_value(workspace: Workspace, value: &serde_json::Value) -> Option<Self> {
        use serde::Deserialize;
        Some(match workspace {
            Workspace::Accounts => Self::Account(Account::deserialize(value).ok()?),
            Workspace::Escalations => Self::Escalation(Escalation::deserialize(value).ok()?),
            Workspace::Feedback => Self::Feedback(FeedbackItem::deserialize(value).ok()?),
            Workspace::Onboarding => Self::Onboarding(OnboardingProject::deserialize(value).ok()?),
        })
    }

    /// A new, empty record of the workspace's type.
    pub fn blank(workspace: Workspace, id: String, now: DateTime<Utc>) -> Self {
        match workspace {
            Workspace::Accounts => Self::Account(Account::blank(id, now)),
            Workspace::Escalations => Self::Escalation(Escalation::blank(id, now)),
            Workspace::Feedback => Self::Feedback(FeedbackItem::blank(id, now)),
            Workspace::Onboarding => Self::Onboarding(OnboardingProject::blank(id, now)),
        }
    }

    pub fn fields(workspace: Workspace) -> &'static [FieldSpec] {
        match workspace {
            Workspace::Accounts => Account::FIELDS,
            Workspace::Escalations => Escalation::FIELDS,
            Workspace::Feedback => FeedbackItem::FIELDS,
            Workspace::Onboarding => OnboardingProject::FIELDS,
        }
    }

    pub fn columns(workspace: Workspace) -> &'static [Column] {
        match workspace {
            Workspace::Accounts => Account::COLUMNS,
            Workspace::Escalations => Escalation::COLUMNS,
            Workspace::Feedback => FeedbackItem::COLUMNS,
            Workspace::Onboarding => OnboardingProject::COLUMNS,
        }
    }

    pub fn filters(workspace: Workspace) -> &'static [ListFilter] {
        match workspace {
            Workspace::Accounts => Account::FILTERS,
            Workspace::Escalations => Escalation::FILTERS,
            Workspace::Feedback => FeedbackItem::FILTERS,
            Workspace::Onboarding => OnboardingProject::FILTERS,
        }
    }

    pub fn id(&self) -> &str {
        each_record!(self, r => r.id())
    }

    /// Marks the record changed at `now` (never earlier than it already was).
    pub fn touch(&mut self, now: DateTime<Utc>) {
        each_record!(self, r => r.updated_at = r.updated_at.max(now))
    }

    pub fn account_id(&self) -> Option<&str> {
        each_record!(self, r => r.account_id())
    }

    pub fn title(&self, accounts: &AccountIndex) -> String {
        each_record!(self, r => r.title(accounts))
    }

    pub fn row(&self, ctx: &ListContext) -> Row {
        Row {
            id: self.id().to_string(),
            cells: each_record!(self, r => r.cells(ctx)),
            tags: each_record!(self, r => r.tags(ctx)),
        }
    }

    pub fn to_form(&self) -> FormValues {
        each_record!(self, r => r.to_form())
    }

    /// Applies the form and checks the cross-record rules; on error the record may be
    /// partly changed, so callers work on a copy.
    pub fn apply_form(
        &mut self,
        form: &FormValues,
        now: DateTime<Utc>,
        accounts: &AccountIndex,
    ) -> Result<(), Vec<FieldError>> {
        each_record!(self, r => {
            r.apply_form(form, now)?;
            let conflicts = r.conflicts(accounts);
            if conflicts.is_empty() { Ok(()) } else { Err(conflicts) }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::escalation::{EscalationStatus, EventKind};
    use crate::domain::listing::{arrange, Direction};
    use crate::domain::text::FoldedOrder;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    #[test]
    fn excerpts_cut_on_characters() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(excerpt("a  b\n c", 10), "a b c");
        assert_eq!(excerpt("生产环境宕机两天了", 5), "生产环境…");
        assert_eq!(excerpt("abcdefghij", 5), "abcd…");
    }

    #[test]
    fn ages_in_both_languages() {
        assert_eq!(
            age(now() - chrono::Duration::minutes(12), now(), Lang::En),
            "12 min"
        );
        assert_eq!(
            age(now() - chrono::Duration::hours(3), now(), Lang::En),
            "3 h"
        );
        assert_eq!(
            age(now() - chrono::Duration::days(4), now(), Lang::Zh),
            "4 天"
        );
        assert_eq!(
            age(now() + chrono::Duration::hours(1), now(), Lang::En),
            "0 min"
        );
    }

    #[test]
    fn rows_show_account_names_and_sort_by_real_values() {
        let mut acme = Account::new("a1".into(), now());
        acme.name = "Acme".into();
        let accounts = AccountIndex::new([acme]);
        let ctx = ListContext {
            lang: Lang::En,
            accounts: &accounts,
            now: now(),
            zone: &Utc,
        };
        let mut e = Escalation::new("e1".into(), now());
        e.account_id = "a1".into();
        e.received_at = now() - chrono::Duration::hours(3);
        let cells = e.cells(&ctx);
        assert_eq!(cells.len(), Escalation::COLUMNS.len());
        assert_eq!(cells[0].text, "Acme");
        assert_eq!(cells[2].text, "P2 · CSM-managed");
        assert_eq!(cells[3].text, "New");
        assert_eq!(cells[4].text, "3 h");
        let mut older = e.clone();
        older.received_at = now() - chrono::Duration::days(3);
        older.id = "e0".into();
        let rows = [older, e]
            .iter()
            .map(|r| Row {
                id: r.id.clone(),
                cells: r.cells(&ctx),
                tags: Vec::new(),
            })
            .collect();
        let sorted = arrange(
            rows,
            "",
            None,
            Some((4, Direction::Ascending)),
            &FoldedOrder,
        );
        assert_eq!(
            sorted.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            vec!["e1", "e0"],
            "youngest first"
        );
    }

    #[test]
    fn arr_sorts_within_each_currency_never_across() {
        let accounts = AccountIndex::default();
        let ctx = ListContext {
            lang: Lang::En,
            accounts: &accounts,
            now: now(),
            zone: &chrono::Utc,
        };
        let make = |id: &str, arr, currency: &str| {
            let mut a = Account::new(id.into(), now());
            a.name = id.into();
            a.arr = arr;
            a.currency = currency.into();
            Row {
                id: id.into(),
                cells: a.cells(&ctx),
                tags: Vec::new(),
            }
        };
        let rows = vec![
            make("acme", 1_200_000, "USD"),
            make("beta", 300_000, "EUR"),
            make("gamma", 200_000, "usd"),
            make("delta", 50_000_000, "JPY"),
            make("echo", 0, "USD"),
        ];
        let ids = |rows: Vec<Row>| rows.into_iter().map(|r| r.id).collect::<Vec<_>>();
        assert_eq!(
            ids(arrange(
                rows.clone(),
                "",
                None,
                Some((2, Direction::Ascending)),
                &FoldedOrder
            )),
            ["beta", "delta", "echo", "gamma", "acme"],
            "by currency, then amount"
        );
        assert_eq!(
            ids(arrange(
                rows,
                "",
                None,
                Some((2, Direction::Descending)),
                &FoldedOrder
            )),
            ["acme", "gamma", "echo", "delta", "beta"]
        );
    }

    const EAST8: chrono::FixedOffset = chrono::FixedOffset::east_opt(8 * 3600).unwrap();

    fn board_context(accounts: &AccountIndex) -> ListContext<'_> {
        ListContext {
            lang: Lang::En,
            accounts,
            now: now(),
            zone: &EAST8,
        }
    }

    #[test]
    fn the_account_index_finds_every_account_by_id() {
        let accounts: Vec<Account> = ["c3", "a1", "b2", "a1"]
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let mut a = Account::new(id.to_string(), now());
                a.name = format!("Name {i}");
                a
            })
            .collect();
        let index = AccountIndex::new(accounts);
        for id in ["a1", "b2", "c3"] {
            assert_eq!(index.get(id).map(|a| a.id.as_str()), Some(id));
        }
        assert_eq!(index.get("zz"), None);
        assert_eq!(index.name("b2"), "Name 2");
        assert_eq!(index.name("zz"), "");
        assert_eq!(index.iter().count(), 3, "a duplicate id counts once");
    }

    #[test]
    fn records_read_back_from_their_stored_json() {
        let mut e = Escalation::new("e1".into(), now());
        e.summary = "Outage".into();
        let value = serde_json::to_value(&e).unwrap();
        let back = AnyRecord::from_value(Workspace::Escalations, &value).unwrap();
        assert_eq!(back, AnyRecord::Escalation(e));
        assert_eq!(back.workspace(), Workspace::Escalations);
        assert_eq!(AnyRecord::from_value(Workspace::Accounts, &value), None);
        assert_eq!(
            AnyRecord::from_value(Workspace::Feedback, &serde_json::json!(3)),
            None
        );
    }

    #[test]
    fn accounts_with_arr_beyond_i64_sort_above_smaller_ones() {
        let make = |id: &str, arr| {
            let mut a = Account::new(id.into(), now());
            a.name = id.into();
            a.arr = arr;
            a
        };
        let accounts = AccountIndex::default();
        let ctx = board_context(&accounts);
        let rows: Vec<Row> = [make("max", u64::MAX), make("one", 1), make("big", 1 << 63)]
            .iter()
            .map(|a| Row {
                id: a.id.clone(),
                cells: a.cells(&ctx),
                tags: Vec::new(),
            })
            .collect();
        let sorted = arrange(
            rows,
            "",
            None,
            Some((2, Direction::Ascending)),
            &FoldedOrder,
        );
        let ids: Vec<&str> = sorted.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["one", "big", "max"]);
    }

    #[test]
    fn the_board_flags_an_overdue_first_response_in_red() {
        let mut big = Account::new("a1".into(), now());
        big.name = "Big".into();
        big.arr = 400_000;
        big.renewal_date = Some(now().date_naive() + chrono::Duration::days(30));
        let accounts = AccountIndex::new([big]);
        let ctx = board_context(&accounts);
        let mut e = Escalation::new("e1".into(), now());
        e.account_id = "a1".into();
        e.summary = "Outage since this morning".into();
        e.received_at = now() - chrono::Duration::minutes(150);
        let cells = e.cells(&ctx);
        assert_eq!(cells[2].text, "P1 · executive");
        assert_eq!(cells[5].text, "overdue by 30 min");
        assert!(cells[5].alert);
        assert_eq!(cells[8].text, "USD 400,000");
        assert_eq!(
            e.tags(&ctx),
            vec![ListFilter::Open, ListFilter::Overdue, ListFilter::P1]
        );

        e.log_event(EventKind::FirstResponseSent, now(), "");
        let cells = e.cells(&ctx);
        assert_eq!(cells[5].text, "answered in 2 h");
        assert!(!cells[5].alert);
        assert_eq!(e.tags(&ctx), vec![ListFilter::Open, ListFilter::P1]);
    }

    #[test]
    fn the_board_shows_time_left_and_the_next_local_checkpoint() {
        let accounts = AccountIndex::default();
        let ctx = board_context(&accounts);
        let mut e = Escalation::new("e1".into(), now());
        e.received_at = now() - chrono::Duration::minutes(30);
        let cells = e.cells(&ctx);
        assert_eq!(cells[5].text, "due in 1 h");
        assert!(!cells[5].alert);
        // P2 (no account): the first checkpoint is 2 business days later, in UTC+8.
        let expected = (e.received_at + chrono::Duration::hours(8)).naive_utc();
        let first =
            crate::domain::escalation::schedule::checkpoints(e.received_at, Severity::P2, ctx.zone)
                [0];
        assert!(first > expected);
        assert_eq!(cells[6].text, format_local(first));
        assert_eq!(e.tags(&ctx), vec![ListFilter::Open]);
    }

    #[test]
    fn closed_escalations_leave_the_open_board() {
        let accounts = AccountIndex::default();
        let ctx = board_context(&accounts);
        let mut e = Escalation::new("e1".into(), now());
        e.received_at = now() - chrono::Duration::days(2);
        e.set_status(EscalationStatus::Resolved, now());
        let cells = e.cells(&ctx);
        assert_eq!(cells[5].text, "—");
        assert_eq!(cells[6].text, "");
        assert!(e.tags(&ctx).is_empty());
    }

    #[test]
    fn every_record_has_a_cell_per_column() {
        let accounts = AccountIndex::default();
        let ctx = ListContext {
            lang: Lang::Zh,
            accounts: &accounts,
            now: now(),
            zone: &Utc,
        };
        assert_eq!(
            Account::blank("a".into(), now()).cells(&ctx).len(),
            Account::COLUMNS.len()
        );
        assert_eq!(
            FeedbackItem::blank("f".into(), now()).cells(&ctx).len(),
            FeedbackItem::COLUMNS.len()
        );
        assert_eq!(
            OnboardingProject::blank("p".into(), now())
                .cells(&ctx)
                .len(),
            OnboardingProject::COLUMNS.len()
        );
    }

    #[test]
    fn conflicts_catch_duplicate_names_and_missing_accounts() {
        let mut acme = Account::new("a1".into(), now());
        acme.name = "Acme".into();
        let accounts = AccountIndex::new([acme.clone()]);
        assert!(
            acme.conflicts(&accounts).is_empty(),
            "an account does not conflict with itself"
        );
        let mut copy = Account::new("a2".into(), now());
        copy.name = " ACME ".into();
        assert_eq!(copy.conflicts(&accounts)[0].message, Msg::ErrNameTaken);
        let mut e = Escalation::new("e1".into(), now());
        e.account_id = "gone".into();
        assert_eq!(e.conflicts(&accounts)[0].message, Msg::ErrUnknownAccount);
        e.account_id = "a1".into();
        assert!(e.conflicts(&accounts).is_empty());
    }

    #[test]
    fn any_record_applies_forms_and_checks_conflicts() {
        let mut acme = Account::new("a1".into(), now());
        acme.name = "Acme".into();
        let accounts = AccountIndex::new([acme]);
        let mut duplicate = AnyRecord::blank(Workspace::Accounts, "a2".into(), now());
        let form = crate::domain::form::values([("name", "acme".into()), ("tier", "smb".into())]);
        assert_eq!(
            duplicate.apply_form(&form, now(), &accounts).unwrap_err()[0].message,
            Msg::ErrNameTaken
        );
        let mut other = AnyRecord::blank(Workspace::Accounts, "a3".into(), now());
        let form = crate::domain::form::values([("name", "Globex".into()), ("tier", "smb".into())]);
        other.apply_form(&form, now(), &accounts).unwrap();
        assert_eq!(other.title(&accounts), "Globex");
        assert_eq!(other.account_id(), None);
        for w in Workspace::ALL {
            let blank = AnyRecord::blank(w, "x".into(), now());
            assert_eq!(blank.id(), "x");
            let ctx = ListContext {
                lang: Lang::En,
                accounts: &accounts,
                now: now(),
                zone: &Utc,
            };
            assert_eq!(blank.row(&ctx).cells.len(), AnyRecord::columns(w).len());
            assert!(!AnyRecord::fields(w).is_empty());
        }
    }

    #[test]
    fn account_picker_is_sorted_by_name() {
        let names = ["beta", "Zeta", "Acme", "Édith", "czech", "beta"];
        let accounts = AccountIndex::new(names.iter().enumerate().map(|(i, n)| {
            let mut a = Account::new(format!("a{i}"), now());
            a.name = n.to_string();
            a
        }));
        let sorted: Vec<(&str, &str)> = accounts
            .sorted(&FoldedOrder)
            .iter()
            .map(|a| (a.name.as_str(), a.id.as_str()))
            .collect();
        assert_eq!(
            sorted,
            [
                ("Acme", "a2"),
                ("beta", "a0"),
                ("beta", "a5"),
                ("czech", "a4"),
                ("Édith", "a3"),
                ("Zeta", "a1")
            ],
            "by name, accents beside their letter; the same name by id"
        );
        assert_eq!(accounts.name("missing"), "");
    }
}
