//! The tracker as a CSV file: one line per feedback item with its receipt date, account,
//! source, score, stage, days open, overdue flag, owner, themes and verbatim. RFC 4180
//! quoting, CRLF line ends, a UTF-8 byte order mark so spreadsheets read Chinese text.

use chrono::{DateTime, Utc};

use crate::domain::feedback::stats::{overdue, reached};
use crate::domain::feedback::{FeedbackItem, Stage, Theme};
use crate::domain::form::Coded;
use crate::domain::onboarding::plan::csv_field;
use crate::domain::record::AccountIndex;
use crate::domain::sorting;
use crate::i18n::{Lang, Msg};

const HEADER: [Msg; 10] = [
    Msg::FieldReceivedOn,
    Msg::FieldAccount,
    Msg::FieldSource,
    Msg::FieldScore,
    Msg::FieldStage,
    Msg::FiColDaysOpen,
    Msg::FiColOverdue,
    Msg::FieldOwner,
    Msg::StoreThemes,
    Msg::FieldVerbatim,
];

/// Days from receipt to `now`, or to the loop's closing once closed (never negative).
pub fn days_open(item: &FeedbackItem, now: DateTime<Utc>) -> i64 {
    let end = match item.stage {
        Stage::LoopClosed => reached(item, Stage::LoopClosed).unwrap_or(now),
        _ => now,
    };
    (end.date_naive() - item.received_on).num_days().max(0)
}

/// The tracker CSV at `now`, header in `lang`: items oldest first (then by id), account and
/// theme names resolved (themes joined by "; "), the overdue flag as its label.
pub fn tracker_csv(
    items: &[FeedbackItem],
    accounts: &AccountIndex,
    themes: &[Theme],
    now: DateTime<Utc>,
    lang: Lang,
) -> String {
    let mut sorted: Vec<&FeedbackItem> = items.iter().collect();
    sorting::sort_by(&mut sorted, |a, b| {
        (a.received_on, &a.id).cmp(&(b.received_on, &b.id))
    });
    let mut out = String::from("\u{feff}");
    out.push_str(&HEADER.map(|m| csv_field(m.text(lang))).join(","));
    out.push_str("\r\n");
    for item in sorted {
        let theme_names: Vec<&str> = item
            .theme_ids
            .iter()
            .filter_map(|id| themes.iter().find(|t| &t.id == id))
            .map(|t| t.name.as_str())
            .collect();
        let row = [
            item.received_on.to_string(),
            accounts.name(&item.account_id),
            item.source.label().text(lang).to_string(),
            item.score.map(|s| s.to_string()).unwrap_or_default(),
            item.stage.label().text(lang).to_string(),
            days_open(item, now).to_string(),
            overdue(item, now)
                .map(|o| o.label().text(lang).to_string())
                .unwrap_or_default(),
            item.owner.clone(),
            theme_names.join("; "),
            item.verbatim.clone(),
        ]
        .map(|s| csv_field(&s))
        .join(",");
        out.push_str(&row);
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Account;
    use crate::domain::feedback::Source;
    use chrono::{Duration, NaiveDate, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    fn item(id: &str, received: (u32, u32), verbatim: &str) -> FeedbackItem {
        let at = NaiveDate::from_ymd_opt(2026, received.0, received.1)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
            .and_utc();
        let mut f = FeedbackItem::new(id.into(), at);
        f.account_id = "a1".into();
        f.verbatim = verbatim.into();
        f.move_to(Stage::Received, at);
        f
    }

    fn fixture() -> (Vec<FeedbackItem>, AccountIndex, Vec<Theme>) {
        let mut acme = Account::new("a1".into(), now());
        acme.name = "Acme, Inc.".into();
        let themes = vec![
            Theme {
                id: "t1".into(),
                name: "Exports".into(),
                description: String::new(),
                created_at: now(),
            },
            Theme {
                id: "t2".into(),
                name: "性能".into(),
                description: String::new(),
                created_at: now(),
            },
        ];
        let mut quoted = item("f2", (11, 20), "He said \"slow\"\nthen left, angry");
        quoted.score = Some(3);
        quoted.owner = "Li Wei".into();
        quoted.theme_ids = vec!["t1".into(), "gone".into(), "t2".into()];
        let mut routed = item("f1", (10, 1), "导出报表太慢了，影响月结");
        routed.source = Source::Qbr;
        routed.move_to(Stage::Routed, now() - Duration::days(31));
        let mut closed = item("f3", (11, 1), "fixed");
        closed.score = Some(10);
        closed.move_to(Stage::LoopClosed, now() - Duration::days(12));
        (
            vec![quoted, routed, closed],
            AccountIndex::new([acme]),
            themes,
        )
    }

    #[test]
    fn one_quoted_line_per_item_oldest_first() {
        let (items, accounts, themes) = fixture();
        let csv = tracker_csv(&items, &accounts, &themes, now(), Lang::En);
        assert_eq!(
            csv,
            "\u{feff}Received on,Account,Source,NPS score,Stage,Days open,Overdue,Owner,Themes,Verbatim\r\n\
             2026-10-01,\"Acme, Inc.\",QBR,,Routed to product,53,No product answer after 30 days,,,导出报表太慢了，影响月结\r\n\
             2026-11-01,\"Acme, Inc.\",NPS survey,10,Loop closed,10,,,,fixed\r\n\
             2026-11-20,\"Acme, Inc.\",NPS survey,3,Received,3,Not acknowledged within 48 h,Li Wei,Exports; 性能,\"He said \"\"slow\"\"\nthen left, angry\"\r\n"
        );
    }

    #[test]
    fn the_csv_reads_back_with_the_header_in_chinese() {
        let (items, accounts, themes) = fixture();
        let csv = tracker_csv(&items, &accounts, &themes, now(), Lang::Zh);
        let mut reader =
            csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(header[0], "收到日期");
        assert_eq!(header[9], "客户原话");
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(&rows[0][4], "已转产品");
        assert_eq!(&rows[0][9], "导出报表太慢了，影响月结");
        assert_eq!(&rows[2][8], "Exports; 性能");
        assert_eq!(&rows[2][9], "He said \"slow\"\nthen left, angry");
        assert!(rows.iter().all(|r| r.len() == 10));
    }

    #[test]
    fn an_empty_tracker_is_just_the_header() {
        let csv = tracker_csv(&[], &AccountIndex::default(), &[], now(), Lang::En);
        assert_eq!(csv.matches("\r\n").count(), 1);
    }

    #[test]
    fn days_open_stop_when_the_loop_closes() {
        let (items, _, _) = fixture();
        assert_eq!(days_open(&items[0], now()), 3);
        assert_eq!(days_open(&items[2], now()), 10);
        let mut future = item("f9", (11, 25), "");
        future.received_on = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(days_open(&future, now()), 0);
    }
}
