//! Escalation classification, as SPEC.md's rules and defaults state them: the type (most cue
//! hits in the summary, issue and contact text; ties by a fixed order) and the severity
//! (P1 / P2 / P3) with every signal that fired. Rules are data in the tables below, with cue
//! words in English and Chinese. Pure: `today` is passed in.

use chrono::NaiveDate;

use crate::coded_enum;
use crate::domain::account::Account;
use crate::domain::cues::{cues, hits, Cues};
use crate::domain::escalation::Escalation;
use crate::i18n::Msg;

coded_enum!(
    /// What kind of escalation it is.
    EscalationType, ESCALATION_TYPE_CHOICES {
        ProductFailure => "product_failure", TypeProductFailure;
        ContractDispute => "contract_dispute", TypeContractDispute;
        CompetitiveThreat => "competitive_threat", TypeCompetitiveThreat;
        RelationshipBreakdown => "relationship_breakdown", TypeRelationshipBreakdown;
        ServiceGap => "service_gap", TypeServiceGap;
    }
);

coded_enum!(
    /// How hard the escalation must be handled.
    Severity, SEVERITY_CHOICES {
        P1 => "p1", SeverityP1;
        P2 => "p2", SeverityP2;
        P3 => "p3", SeverityP3;
    }
);

/// Type cues, in tie-break order (earlier wins a tie).
const TYPE_CUES: &[(EscalationType, Cues)] = &[
    (
        EscalationType::ProductFailure,
        cues![
            "outage*",
            "down",
            "bug*",
            "error*",
            "crash*",
            "broken",
            "data loss",
            "fail*",
            "宕机",
            "故障",
            "数据丢失",
            "报错",
            "崩溃",
            "无法使用",
        ],
    ),
    (
        EscalationType::ContractDispute,
        cues![
            "invoice*",
            "billing",
            "billed",
            "refund*",
            "contract*",
            "breach*",
            "overcharg*",
            "发票",
            "合同",
            "退款",
            "账单",
            "违约",
        ],
    ),
    (
        EscalationType::CompetitiveThreat,
        cues![
            "competitor*",
            "pilot with",
            "cheaper",
            "switch to",
            "switching to",
            "alternative*",
            "竞品",
            "竞争对手",
            "更便宜",
            "换成",
        ],
    ),
    (
        EscalationType::RelationshipBreakdown,
        cues![
            "turnover",
            "ignored",
            "not listened",
            "not listening",
            "third csm",
            "nobody",
            "no one",
            "没人",
            "换了",
            "不被重视",
            "没有回应",
        ],
    ),
    (
        EscalationType::ServiceGap,
        cues![
            "ticket*",
            "response time",
            "sla",
            "support",
            "waiting",
            "工单",
            "响应",
            "客服",
            "等待",
        ],
    ),
];

/// A reason behind the severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    /// Cancellation, termination, non-renewal or legal action threatened.
    ThreatToLeave,
    /// An executive asks for or is already in the escalation.
    Executive,
    /// Production outage or data loss.
    OutageOrDataLoss,
    /// ARR of 250,000 or more with renewal within 90 days.
    LargeRenewalSoon,
    /// P3 only: small ARR and renewal far away.
    SmallAndFarFromRenewal,
}

impl Signal {
    pub fn label(self) -> Msg {
        match self {
            Self::ThreatToLeave => Msg::SignalThreatToLeave,
            Self::Executive => Msg::SignalExecutive,
            Self::OutageOrDataLoss => Msg::SignalOutage,
            Self::LargeRenewalSoon => Msg::SignalLargeRenewalSoon,
            Self::SmallAndFarFromRenewal => Msg::SignalSmallFarRenewal,
        }
    }
}

/// Word cues of the P1 signals.
const SIGNAL_CUES: &[(Signal, Cues)] = &[
    (
        Signal::ThreatToLeave,
        cues![
            "cancel*",
            "terminat*",
            "not renew*",
            "non-renewal",
            "won't renew",
            "will not renew",
            "legal*",
            "lawsuit",
            "sue",
            "counsel",
            "lawyer*",
            "attorney*",
            "breach*",
            "解约",
            "不续约",
            "终止合同",
            "法务",
            "律师",
            "起诉",
        ],
    ),
    (
        Signal::Executive,
        cues![
            "ceo",
            "cio",
            "cto",
            "coo",
            "cfo",
            "vp",
            "vice president",
            "executive*",
            "c-level",
            "高管",
            "总裁",
            "首席",
            "副总",
        ],
    ),
    (
        Signal::OutageOrDataLoss,
        cues![
            "outage*",
            "production down",
            "production is down",
            "data loss",
            "lost data",
            "宕机",
            "停机",
            "数据丢失",
            "生产环境",
        ],
    ),
];

/// ARR at or above which a renewal within `RENEWAL_SOON_DAYS` is a P1 signal.
pub const LARGE_ARR: u64 = 250_000;
pub const RENEWAL_SOON_DAYS: i64 = 90;
/// ARR below which, with renewal beyond `RENEWAL_FAR_DAYS` and no P1 signal, it is P3.
pub const SMALL_ARR: u64 = 25_000;
pub const RENEWAL_FAR_DAYS: i64 = 180;

/// The built-in classification of an escalation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Classification {
    pub kind: EscalationType,
    /// Cue hits per type, in table order (the evidence for `kind`).
    pub type_hits: Vec<(EscalationType, usize)>,
    pub severity: Severity,
    pub signals: Vec<Signal>,
}

/// The text the rules read: summary, underlying issue and the contact's name and title.
fn evidence(escalation: &Escalation) -> String {
    [
        &escalation.summary,
        &escalation.underlying_issue,
        &escalation.contact_name,
        &escalation.contact_title,
    ]
    .map(|s| s.as_str())
    .join("\n")
    .to_ascii_lowercase()
}

/// Classifies an escalation of `account` (when known) as of `today`.
pub fn classify(
    escalation: &Escalation,
    account: Option<&Account>,
    today: NaiveDate,
) -> Classification {
    let text = evidence(escalation);
    let type_hits: Vec<(EscalationType, usize)> = TYPE_CUES
        .iter()
        .map(|(kind, cues)| (*kind, hits(&text, *cues)))
        .collect();
    // The first type with the most hits wins: the table order is the tie-break order.
    let kind = type_hits
        .iter()
        .fold(
            None::<(EscalationType, usize)>,
            |best, &(kind, n)| match best {
                Some((_, most)) if most >= n => best,
                _ => Some((kind, n)),
            },
        )
        .map_or(EscalationType::ProductFailure, |(kind, _)| kind);

    let mut signals: Vec<Signal> = SIGNAL_CUES
        .iter()
        .filter(|(_, cues)| hits(&text, *cues) > 0)
        .map(|(s, _)| *s)
        .collect();
    let arr = account.map_or(0, |a| a.arr);
    let days_to_renewal = account
        .and_then(|a| a.renewal_date)
        .map(|d| (d - today).num_days());
    if arr >= LARGE_ARR && days_to_renewal.is_some_and(|d| (0..=RENEWAL_SOON_DAYS).contains(&d)) {
        signals.push(Signal::LargeRenewalSoon);
    }
    let severity = if !signals.is_empty() {
        Severity::P1
    } else if account.is_some()
        && arr < SMALL_ARR
        && days_to_renewal.is_some_and(|d| d > RENEWAL_FAR_DAYS)
    {
        signals.push(Signal::SmallAndFarFromRenewal);
        Severity::P3
    } else {
        Severity::P2
    };
    Classification {
        kind,
        type_hits,
        severity,
        signals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cues::matches;
    use chrono::{TimeZone, Utc};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn account(arr: u64, renewal_in_days: Option<i64>) -> Account {
        let mut a = Account::new(
            "a1".into(),
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        );
        a.name = "Acme".into();
        a.arr = arr;
        a.renewal_date = renewal_in_days.map(|d| today() + chrono::Duration::days(d));
        a
    }

    fn escalation(summary: &str, issue: &str, title: &str) -> Escalation {
        let mut e = Escalation::new(
            "e1".into(),
            Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap(),
        );
        e.summary = summary.into();
        e.underlying_issue = issue.into();
        e.contact_name = "Sam".into();
        e.contact_title = title.into();
        e
    }

    use EscalationType::*;
    use Severity::*;
    use Signal::*;

    /// (summary, issue, contact title, ARR, renewal in days, expected type, severity, signals)
    type Case = (
        &'static str,
        &'static str,
        &'static str,
        u64,
        Option<i64>,
        EscalationType,
        Severity,
        &'static [Signal],
    );

    const CASES: &[Case] = &[
        (
            "Production outage for two days, the CIO wants a call",
            "",
            "Head of IT",
            300_000,
            Some(400),
            ProductFailure,
            P1,
            &[Executive, OutageOrDataLoss],
        ),
        (
            "The export keeps failing with an error",
            "bug in export worker",
            "Analyst",
            100_000,
            Some(200),
            ProductFailure,
            P2,
            &[],
        ),
        (
            "Small bug in a report layout",
            "",
            "Analyst",
            10_000,
            Some(300),
            ProductFailure,
            P3,
            &[SmallAndFarFromRenewal],
        ),
        (
            "We were overcharged on the last invoice and want a refund",
            "billing error",
            "Finance manager",
            80_000,
            Some(120),
            ContractDispute,
            P2,
            &[],
        ),
        (
            "Invoice dispute: our counsel says this is a breach of contract",
            "",
            "Procurement",
            80_000,
            Some(120),
            ContractDispute,
            P1,
            &[ThreatToLeave],
        ),
        (
            "We are running a pilot with a competitor who is cheaper",
            "",
            "Director",
            120_000,
            Some(250),
            CompetitiveThreat,
            P2,
            &[],
        ),
        (
            "Our VP asked why we should not switch to a competitor",
            "",
            "Ops lead",
            120_000,
            Some(250),
            CompetitiveThreat,
            P1,
            &[Executive],
        ),
        (
            "This is our third CSM this year and we feel ignored",
            "turnover on your side",
            "Manager",
            60_000,
            Some(200),
            RelationshipBreakdown,
            P2,
            &[],
        ),
        (
            "Nobody answers; we will not renew",
            "",
            "Manager",
            60_000,
            Some(200),
            RelationshipBreakdown,
            P1,
            &[ThreatToLeave],
        ),
        (
            "Ticket open for 10 days, response time breaks the SLA",
            "",
            "Support lead",
            40_000,
            Some(150),
            ServiceGap,
            P2,
            &[],
        ),
        (
            "Support ticket waiting for a week",
            "",
            "Admin",
            5_000,
            Some(365),
            ServiceGap,
            P3,
            &[SmallAndFarFromRenewal],
        ),
        (
            "Minor question about support hours",
            "",
            "Admin",
            400_000,
            Some(60),
            ServiceGap,
            P1,
            &[LargeRenewalSoon],
        ),
        (
            "Minor question about support hours",
            "",
            "Admin",
            400_000,
            Some(91),
            ServiceGap,
            P2,
            &[],
        ),
        (
            "Minor question about support hours",
            "",
            "Admin",
            250_000,
            Some(90),
            ServiceGap,
            P1,
            &[LargeRenewalSoon],
        ),
        (
            "Minor question about support hours",
            "",
            "Admin",
            249_999,
            Some(30),
            ServiceGap,
            P2,
            &[],
        ),
        (
            "Minor question about support hours",
            "",
            "Admin",
            24_999,
            Some(181),
            ServiceGap,
            P3,
            &[SmallAndFarFromRenewal],
        ),
        (
            "Minor question about support hours",
            "",
            "Admin",
            24_999,
            Some(180),
            ServiceGap,
            P2,
            &[],
        ),
        (
            "Minor question about support hours",
            "",
            "Admin",
            25_000,
            Some(365),
            ServiceGap,
            P2,
            &[],
        ),
        (
            "Minor question about support hours",
            "",
            "Admin",
            10_000,
            None,
            ServiceGap,
            P2,
            &[],
        ),
        (
            "We lost data after the migration",
            "data loss in sync job",
            "Analyst",
            50_000,
            Some(300),
            ProductFailure,
            P1,
            &[OutageOrDataLoss],
        ),
        (
            "The dashboard is down again",
            "",
            "Analyst",
            50_000,
            Some(300),
            ProductFailure,
            P2,
            &[],
        ),
        (
            "Our lawyer will contact you about the SLA credits",
            "",
            "Ops",
            50_000,
            Some(300),
            ServiceGap,
            P1,
            &[ThreatToLeave],
        ),
        (
            "We want to cancel the contract",
            "",
            "Ops",
            50_000,
            Some(300),
            ContractDispute,
            P1,
            &[ThreatToLeave],
        ),
        (
            "Please download the report again",
            "",
            "Analyst",
            50_000,
            Some(300),
            ProductFailure,
            P2,
            &[],
        ),
        (
            "Can we talk about the invoice and the ticket backlog",
            "",
            "Analyst",
            50_000,
            Some(300),
            ContractDispute,
            P2,
            &[],
        ),
        (
            "生产环境宕机两天了，首席信息官要求今天通话",
            "",
            "IT 总监",
            500_000,
            Some(400),
            ProductFailure,
            P1,
            &[Executive, OutageOrDataLoss],
        ),
        (
            "发票金额不对，要求退款",
            "合同条款争议",
            "财务经理",
            80_000,
            Some(200),
            ContractDispute,
            P2,
            &[],
        ),
        (
            "我们正在试用竞品，价格更便宜",
            "",
            "采购经理",
            90_000,
            Some(200),
            CompetitiveThreat,
            P2,
            &[],
        ),
        (
            "对接人换了三次，没人回应我们的问题",
            "",
            "运营经理",
            70_000,
            Some(200),
            RelationshipBreakdown,
            P2,
            &[],
        ),
        (
            "工单一周没有响应",
            "",
            "管理员",
            8_000,
            Some(300),
            ServiceGap,
            P3,
            &[SmallAndFarFromRenewal],
        ),
        (
            "如果下周还解决不了，我们将解约并请法务介入",
            "",
            "运营经理",
            70_000,
            Some(200),
            ProductFailure,
            P1,
            &[ThreatToLeave],
        ),
        (
            "客户要求高管出面解释数据丢失的原因",
            "",
            "",
            70_000,
            Some(200),
            ProductFailure,
            P1,
            &[Executive, OutageOrDataLoss],
        ),
        (
            "小问题：报表导出偶尔报错",
            "",
            "分析师",
            12_000,
            Some(400),
            ProductFailure,
            P3,
            &[SmallAndFarFromRenewal],
        ),
        (
            "Renewal next month and the sync is broken",
            "",
            "Analyst",
            1_000_000,
            Some(30),
            ProductFailure,
            P1,
            &[LargeRenewalSoon],
        ),
    ];

    #[test]
    fn labelled_scenarios_follow_the_spec_rules() {
        assert!(CASES.len() >= 30);
        for (i, &(summary, issue, title, arr, renewal, kind, severity, signals)) in
            CASES.iter().enumerate()
        {
            let result = classify(
                &escalation(summary, issue, title),
                Some(&account(arr, renewal)),
                today(),
            );
            assert_eq!(
                (result.kind, result.severity, result.signals.as_slice()),
                (kind, severity, signals),
                "case {i}: {summary}"
            );
        }
    }

    #[test]
    fn ties_go_by_the_fixed_order() {
        // One product cue and one contract cue: product failure comes first in the order.
        let r = classify(&escalation("bug on the invoice", "", ""), None, today());
        assert_eq!(r.type_hits[0].1, r.type_hits[1].1);
        assert_eq!(r.kind, ProductFailure);
        // One competitive and one relationship cue: competitive threat comes first.
        let r = classify(
            &escalation("cheaper elsewhere and we feel ignored", "", ""),
            None,
            today(),
        );
        assert_eq!(r.kind, CompetitiveThreat);
        // No cue at all: the first type in the order.
        assert_eq!(
            classify(&escalation("hello", "", ""), None, today()).kind,
            ProductFailure
        );
    }

    #[test]
    fn whole_words_and_prefixes() {
        assert!(matches("the app is down", "down"));
        assert!(!matches("please download it", "down"));
        assert!(matches("they cancelled", "cancel*"));
        assert!(!matches("a ceo-level", "cio"));
        assert!(matches("our ceo-level sponsor", "ceo"));
        assert!(!matches("the vpn is slow", "vp"));
        assert!(matches("宕机了", "宕机"));
        assert!(matches("we will not renew.", "not renew*"));
    }

    #[test]
    fn without_an_account_it_is_never_p3() {
        let r = classify(
            &escalation("question about a ticket", "", ""),
            None,
            today(),
        );
        assert_eq!(r.severity, P2);
    }

    #[test]
    fn a_past_renewal_date_is_not_a_soon_renewal() {
        let r = classify(
            &escalation("question", "", ""),
            Some(&account(900_000, Some(-3))),
            today(),
        );
        assert_eq!(r.severity, P2);
    }
}
