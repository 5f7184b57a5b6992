//! Onboarding segmentation, as SPEC.md's rules state them: the base tier (first match wins:
//! multi-entity, compliance, complex, standard) with every factor that fired, the typical
//! kickoff-to-go-live duration per tier, the systems to integrate, and the risk flags (first
//! in its industry, unusual stack, aggressive go-live). Rules are data in the tables below,
//! with cue words in English and Chinese. Pure: `today` and the other projects are passed in.

use chrono::NaiveDate;

use crate::coded_enum;
use crate::domain::cues::{cues, matches, Cues};
use crate::domain::onboarding::{OnboardingProject, System};
use crate::domain::parse::name_key;
use crate::domain::sorting;
use crate::i18n::Msg;

coded_enum!(
    /// The base playbook tier, from least to most demanding.
    Tier, TIER_CHOICES {
        Standard => "standard", ObTierStandard;
        Complex => "complex", ObTierComplex;
        Compliance => "compliance", ObTierCompliance;
        MultiEntity => "multi_entity", ObTierMultiEntity;
    }
);

/// Typical kickoff-to-go-live duration per tier, in days: (minimum, maximum).
pub const TIER_DAYS: &[(Tier, i64, i64)] = &[
    (Tier::Standard, 30, 45),
    (Tier::Complex, 60, 90),
    (Tier::Compliance, 90, 120),
    (Tier::MultiEntity, 120, 180),
];

/// The typical (minimum, maximum) days from kickoff to go-live for `tier`.
pub fn typical_days(tier: Tier) -> (i64, i64) {
    TIER_DAYS
        .iter()
        .find(|(t, _, _)| *t == tier)
        .map_or((30, 45), |&(_, lo, hi)| (lo, hi))
}

/// A fact about the customer that decides the tier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Factor {
    /// More than one legal entity or subsidiary in scope.
    MultipleEntities,
    /// A regulated industry.
    RegulatedIndustry,
    /// Compliance needs in the special requirements.
    ComplianceNeeds,
    /// 1,000 or more end users.
    ManyUsers,
    /// 3 or more systems to connect.
    ManySystems,
    /// An ERP or a data warehouse to connect.
    ErpOrWarehouse,
}

impl Factor {
    /// The factor's label.
    pub fn label(self) -> Msg {
        match self {
            Self::MultipleEntities => Msg::ObFactorEntities,
            Self::RegulatedIndustry => Msg::ObFactorRegulated,
            Self::ComplianceNeeds => Msg::ObFactorCompliance,
            Self::ManyUsers => Msg::ObFactorUsers,
            Self::ManySystems => Msg::ObFactorSystems,
            Self::ErpOrWarehouse => Msg::ObFactorErpDw,
        }
    }

    fn tier(self) -> Tier {
        match self {
            Self::MultipleEntities => Tier::MultiEntity,
            Self::RegulatedIndustry | Self::ComplianceNeeds => Tier::Compliance,
            _ => Tier::Complex,
        }
    }
}

/// A kind of integration, each with its own checklist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Integration {
    Sso,
    Crm,
    DataWarehouse,
    Erp,
    /// Any other system (HRIS, ticketing, or one named in "other systems").
    Other,
}

impl Integration {
    /// The integration's label.
    pub fn label(self) -> Msg {
        match self {
            Self::Sso => Msg::SystemSso,
            Self::Crm => Msg::SystemCrm,
            Self::DataWarehouse => Msg::SystemDataWarehouse,
            Self::Erp => Msg::SystemErp,
            Self::Other => Msg::ObSystemOther,
        }
    }
}

/// A reason to watch the project more closely than its tier alone suggests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RiskFlag {
    /// No other project in the same industry.
    FirstInIndustry,
    /// Systems outside the known list.
    UnusualStack,
    /// Go-live sooner than the tier's minimum duration.
    AggressiveGoLive,
}

impl RiskFlag {
    /// The flag's label.
    pub fn label(self) -> Msg {
        match self {
            Self::FirstInIndustry => Msg::ObFlagFirstInIndustry,
            Self::UnusualStack => Msg::ObFlagUnusualStack,
            Self::AggressiveGoLive => Msg::ObFlagAggressive,
        }
    }
}

/// Word cues of the factors found in text. Multi-entity reads the industry, contract scope
/// and special requirements; regulated industry reads the industry; compliance needs read the
/// special requirements.
const FACTOR_CUES: &[(Factor, Cues)] = &[
    (
        Factor::MultipleEntities,
        cues![
            "subsidiar*",
            "entities",
            "group",
            "affiliates",
            "multi-entity",
            "子公司",
            "集团",
            "多法人",
            "分公司",
        ],
    ),
    (
        Factor::RegulatedIndustry,
        cues![
            "financ*",
            "fintech",
            "bank*",
            "insur*",
            "health*",
            "government",
            "public sector",
            "pharma*",
            "securities",
            "金融",
            "银行",
            "保险",
            "医疗",
            "医院",
            "政府",
            "证券",
        ],
    ),
    (
        Factor::ComplianceNeeds,
        cues![
            "soc 2",
            "soc2",
            "sox",
            "hipaa",
            "gdpr",
            "data residency",
            "audit*",
            "pci*",
            "iso 27001",
            "等级保护",
            "等保",
            "合规",
            "审计",
            "数据驻留",
            "个人信息保护",
        ],
    ),
];

/// Known products by integration kind: a name in "other systems" that matches one counts as
/// that kind; any other name is an unusual system.
const KNOWN_SYSTEMS: &[(Integration, Cues)] = &[
    (
        Integration::Sso,
        cues!["sso", "okta", "azure ad", "entra*", "ping*", "onelogin", "adfs", "saml", "ldap",],
    ),
    (
        Integration::Crm,
        cues![
            "crm",
            "salesforce",
            "hubspot",
            "dynamics",
            "zoho",
            "纷享销客",
            "销售易",
        ],
    ),
    (
        Integration::DataWarehouse,
        cues![
            "data warehouse",
            "snowflake",
            "bigquery",
            "redshift",
            "databricks",
            "synapse",
            "数据仓库",
            "数仓",
        ],
    ),
    (
        Integration::Erp,
        cues!["erp", "sap", "netsuite", "oracle*", "用友", "金蝶"],
    ),
    (
        Integration::Other,
        cues![
            "workday",
            "hris",
            "bamboohr",
            "zendesk",
            "jira",
            "servicenow",
            "slack",
            "teams",
            "飞书",
            "钉钉",
            "企业微信",
        ],
    ),
];

/// End users at or above which the project is complex.
pub const MANY_USERS: u32 = 1_000;
/// Systems to connect at or above which the project is complex.
pub const MANY_SYSTEMS: usize = 3;

/// The built-in segmentation of a project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub tier: Tier,
    /// Every factor that fired, in rule order: the first decides the tier.
    pub factors: Vec<Factor>,
    /// Integration kinds to build, sorted, without repeats.
    pub integrations: Vec<Integration>,
    /// Names from "other systems" that match no known product.
    pub unusual_systems: Vec<String>,
    pub flags: Vec<RiskFlag>,
}

impl Segment {
    /// Whether regulation or compliance needs fired (security review, audit evidence).
    pub fn regulated(&self) -> bool {
        self.factors
            .iter()
            .any(|f| matches!(f, Factor::RegulatedIndustry | Factor::ComplianceNeeds))
    }
}

fn any_cue(text: &str, cues: Cues) -> bool {
    cues.iter().any(|c| matches(text, c))
}

fn cues_of(factor: Factor) -> Cues {
    FACTOR_CUES
        .iter()
        .find(|(f, _)| *f == factor)
        .map_or(cues![], |(_, c)| *c)
}

/// The names listed in "other systems" (split on commas, semicolons, 、 and new lines).
pub fn other_system_names(text: &str) -> Vec<String> {
    text.split([',', ';', '\n', '，', '；', '、'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn integration_of(system: System) -> Integration {
    match system {
        System::Sso => Integration::Sso,
        System::Crm => Integration::Crm,
        System::DataWarehouse => Integration::DataWarehouse,
        System::Erp => Integration::Erp,
        System::Hris | System::Ticketing => Integration::Other,
    }
}

/// Segments `project`; `others` are the other projects (for "first in industry"), `today`
/// stands in for a missing kickoff date.
pub fn segment(
    project: &OnboardingProject,
    others: &[OnboardingProject],
    today: NaiveDate,
) -> Segment {
    let industry = project.industry.to_ascii_lowercase();
    let special = project.special_requirements.to_ascii_lowercase();
    let scope = format!(
        "{industry}\n{}\n{special}",
        project.contract_scope.to_ascii_lowercase()
    );

    let mut integrations: Vec<Integration> =
        project.systems.iter().map(|s| integration_of(*s)).collect();
    let mut unusual_systems = Vec::new();
    let names = other_system_names(&project.other_systems);
    for name in &names {
        let lower = name.to_ascii_lowercase();
        match KNOWN_SYSTEMS
            .iter()
            .find(|(_, cues)| any_cue(&lower, *cues))
        {
            Some((kind, _)) => integrations.push(*kind),
            None => {
                unusual_systems.push(name.clone());
                integrations.push(Integration::Other);
            }
        }
    }
    let system_count = project.systems.len() + names.len();
    sorting::sort(&mut integrations);
    integrations.dedup();

    let checks = [
        (
            Factor::MultipleEntities,
            any_cue(&scope, cues_of(Factor::MultipleEntities)),
        ),
        (
            Factor::RegulatedIndustry,
            any_cue(&industry, cues_of(Factor::RegulatedIndustry)),
        ),
        (
            Factor::ComplianceNeeds,
            any_cue(&special, cues_of(Factor::ComplianceNeeds)),
        ),
        (
            Factor::ManyUsers,
            project.end_users.is_some_and(|n| n >= MANY_USERS),
        ),
        (Factor::ManySystems, system_count >= MANY_SYSTEMS),
        (
            Factor::ErpOrWarehouse,
            integrations
                .iter()
                .any(|i| matches!(i, Integration::Erp | Integration::DataWarehouse)),
        ),
    ];
    let factors: Vec<Factor> = checks.into_iter().filter(|c| c.1).map(|c| c.0).collect();
    let tier = factors.first().map_or(Tier::Standard, |f| f.tier());

    let mut flags = Vec::new();
    let key = name_key(&project.industry);
    if !key.is_empty()
        && !others
            .iter()
            .any(|o| o.id != project.id && name_key(&o.industry) == key)
    {
        flags.push(RiskFlag::FirstInIndustry);
    }
    if !unusual_systems.is_empty() {
        flags.push(RiskFlag::UnusualStack);
    }
    let kickoff = project.kickoff_date.unwrap_or(today);
    if (project.go_live_target - kickoff).num_days() < typical_days(tier).0 {
        flags.push(RiskFlag::AggressiveGoLive);
    }
    Segment {
        tier,
        factors,
        integrations,
        unusual_systems,
        flags,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    pub(crate) fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, d).unwrap()
    }

    /// A project kicking off 2027-01-04 (a Monday) and going live `days` later.
    pub(crate) fn project(
        industry: &str,
        users: u32,
        systems: &[System],
        days: i64,
    ) -> OnboardingProject {
        let mut p = OnboardingProject::new(
            "p1".into(),
            Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap(),
        );
        p.industry = industry.into();
        p.end_users = Some(users);
        p.systems = systems.to_vec();
        p.kickoff_date = Some(day(1, 4));
        p.go_live_target = day(1, 4) + chrono::Duration::days(days);
        p
    }

    use Factor::*;
    use System::*;
    use Tier::*;

    /// (industry, users, systems, other systems, scope, special requirements, tier, factors)
    type Case = (
        &'static str,
        u32,
        &'static [System],
        &'static str,
        &'static str,
        &'static str,
        Tier,
        &'static [Factor],
    );

    #[rustfmt::skip]
    const CASES: &[Case] = &[
        ("Retail", 200, &[Sso], "", "", "", Standard, &[]),
        ("Retail", 999, &[Sso, Crm], "", "", "", Standard, &[]),
        ("Retail", 1000, &[], "", "", "", Complex, &[ManyUsers]),
        ("Retail", 50, &[Sso, Crm, Hris], "", "", "", Complex, &[ManySystems]),
        ("Retail", 50, &[Sso, Crm], "Zendesk", "", "", Complex, &[ManySystems]),
        ("Retail", 50, &[Erp], "", "", "", Complex, &[ErpOrWarehouse]),
        ("Retail", 50, &[DataWarehouse], "", "", "", Complex, &[ErpOrWarehouse]),
        ("Retail", 50, &[], "Snowflake", "", "", Complex, &[ErpOrWarehouse]),
        ("Retail", 50, &[], "SAP S/4HANA", "", "", Complex, &[ErpOrWarehouse]),
        ("Manufacturing", 5000, &[Erp, Sso, Crm], "", "", "", Complex, &[ManyUsers, ManySystems, ErpOrWarehouse]),
        ("Financial services", 100, &[], "", "", "", Compliance, &[RegulatedIndustry]),
        ("Retail banking", 100, &[], "", "", "", Compliance, &[RegulatedIndustry]),
        ("Insurance", 100, &[], "", "", "", Compliance, &[RegulatedIndustry]),
        ("Healthcare", 100, &[], "", "", "", Compliance, &[RegulatedIndustry]),
        ("Government", 100, &[], "", "", "", Compliance, &[RegulatedIndustry]),
        ("金融科技", 100, &[], "", "", "", Compliance, &[RegulatedIndustry]),
        ("城市商业银行", 100, &[], "", "", "", Compliance, &[RegulatedIndustry]),
        ("医疗器械", 100, &[], "", "", "", Compliance, &[RegulatedIndustry]),
        ("地方政府", 100, &[], "", "", "", Compliance, &[RegulatedIndustry]),
        ("Software", 100, &[], "", "", "SOC 2 Type II report needed", Compliance, &[ComplianceNeeds]),
        ("Software", 100, &[], "", "", "EU data residency (GDPR)", Compliance, &[ComplianceNeeds]),
        ("Software", 100, &[], "", "", "HIPAA BAA", Compliance, &[ComplianceNeeds]),
        ("Software", 100, &[], "", "", "Quarterly audits by internal audit", Compliance, &[ComplianceNeeds]),
        ("软件", 100, &[], "", "", "需要通过等级保护三级", Compliance, &[ComplianceNeeds]),
        ("软件", 100, &[], "", "", "数据合规要求", Compliance, &[ComplianceNeeds]),
        ("Software", 100, &[], "", "SOC 2 reports module", "", Standard, &[]),
        ("Insurance", 3000, &[Erp], "", "", "", Compliance, &[RegulatedIndustry, ManyUsers, ErpOrWarehouse]),
        ("Retail", 100, &[], "", "Rollout to 4 subsidiaries", "", MultiEntity, &[MultipleEntities]),
        ("Retail", 100, &[], "", "All legal entities of the group", "", MultiEntity, &[MultipleEntities]),
        ("Retail", 100, &[], "", "集团及下属三家子公司", "", MultiEntity, &[MultipleEntities]),
        ("Banking group", 100, &[], "", "", "SOX", MultiEntity, &[MultipleEntities, RegulatedIndustry, ComplianceNeeds]),
        ("Retail", 100, &[], "", "One legal entity", "", Standard, &[]),
        ("Retail", 100, &[], "", "Groupware licences", "", Standard, &[]),
        ("Refinancing", 100, &[], "", "", "", Standard, &[]),
        ("Logistics", 100, &[], "", "", "Unsorted requests", Standard, &[]),
        ("Pharmaceuticals", 100, &[], "", "", "", Compliance, &[RegulatedIndustry]),
        ("Public sector agency", 100, &[], "", "", "", Compliance, &[RegulatedIndustry]),
        ("Retail", 100, &[], "", "", "PCI DSS scope", Compliance, &[ComplianceNeeds]),
        ("Retail", 100, &[], "", "", "三家子公司分别签约", MultiEntity, &[MultipleEntities]),
        ("Education", 100, &[Sso, Crm], "Workday", "", "", Complex, &[ManySystems]),
        ("Retail", 100, &[], "Oracle EBS, Okta", "", "", Complex, &[ErpOrWarehouse]),
        ("Retail", 100, &[Ticketing, Hris], "", "", "", Standard, &[]),
    ];

    #[test]
    fn labelled_cases_get_their_tier_and_factors() {
        for (i, &(industry, users, systems, other, scope, special, tier, factors)) in
            CASES.iter().enumerate()
        {
            let mut p = project(industry, users, systems, 200);
            p.other_systems = other.into();
            p.contract_scope = scope.into();
            p.special_requirements = special.into();
            let s = segment(&p, &[], day(1, 1));
            assert_eq!(
                (s.tier, s.factors.as_slice()),
                (tier, factors),
                "case {i}: {industry} / {scope} / {special}"
            );
        }
    }

    #[test]
    fn cues_match_whole_words_prefixes_and_chinese_anywhere() {
        assert!(matches("retail banking", "bank*"));
        assert!(!matches("embankment works", "bank*"));
        assert!(matches("the group-wide rollout", "group"));
        assert!(!matches("groupware", "group"));
        assert!(matches("需通过等保测评", "等保"));
        assert!(matches("soc 2.", "soc 2"));
        assert!(!matches("soc 20", "soc 2"));
    }

    #[test]
    fn other_systems_split_on_latin_and_chinese_separators() {
        assert_eq!(
            other_system_names(" Okta ,, SAP;Jira\n钉钉、飞书，自研"),
            vec!["Okta", "SAP", "Jira", "钉钉", "飞书", "自研"]
        );
        assert!(other_system_names(" ; , ").is_empty());
    }

    #[test]
    fn unknown_end_users_and_empty_industry_raise_nothing() {
        let mut p = project("", 10, &[], 60);
        p.end_users = None;
        let s = segment(&p, &[], day(1, 1));
        assert_eq!((s.tier, s.factors.len(), s.flags.len()), (Standard, 0, 0));
        assert!(!s.regulated());
        assert!(segment(&project("Bank", 10, &[], 100), &[], day(1, 1)).regulated());
    }

    #[test]
    fn tiers_are_stored_as_codes_and_labelled_in_both_languages() {
        use crate::domain::form::Coded;
        use crate::i18n::Lang;
        assert_eq!(Tier::from_code("multi_entity"), Some(MultiEntity));
        assert_eq!(Compliance.label().text(Lang::Zh), "合规型");
        assert_eq!(Factor::ManyUsers.label().text(Lang::En), "1,000+ end users");
    }

    #[test]
    fn typical_durations_per_tier() {
        assert_eq!(typical_days(Standard), (30, 45));
        assert_eq!(typical_days(Complex), (60, 90));
        assert_eq!(typical_days(Compliance), (90, 120));
        assert_eq!(typical_days(MultiEntity), (120, 180));
    }

    #[test]
    fn aggressive_go_live_is_sooner_than_the_tier_minimum() {
        let flags = |industry: &str, days: i64| {
            segment(&project(industry, 10, &[], days), &[], day(1, 1)).flags
        };
        assert!(!flags("Retail", 30).contains(&RiskFlag::AggressiveGoLive));
        assert!(flags("Retail", 29).contains(&RiskFlag::AggressiveGoLive));
        assert!(flags("Banking", 89).contains(&RiskFlag::AggressiveGoLive));
        assert!(!flags("Banking", 90).contains(&RiskFlag::AggressiveGoLive));
    }

    #[test]
    fn go_live_on_or_before_kickoff_is_aggressive() {
        for days in [0, -5] {
            let s = segment(&project("Retail", 10, &[], days), &[], day(1, 1));
            assert_eq!(
                s.flags,
                vec![RiskFlag::FirstInIndustry, RiskFlag::AggressiveGoLive]
            );
        }
    }

    #[test]
    fn a_missing_kickoff_counts_from_today() {
        let mut p = project("Retail", 10, &[], 40);
        p.kickoff_date = None;
        assert!(segment(&p, &[], day(1, 20))
            .flags
            .contains(&RiskFlag::AggressiveGoLive));
        assert!(!segment(&p, &[], day(1, 14))
            .flags
            .contains(&RiskFlag::AggressiveGoLive));
    }

    #[test]
    fn first_in_industry_looks_at_other_projects_only() {
        let p = project("Retail ", 10, &[], 60);
        let mut same = p.clone();
        assert_eq!(
            segment(&p, &[same.clone()], day(1, 1)).flags,
            vec![RiskFlag::FirstInIndustry]
        );
        same.id = "p2".into();
        same.industry = "retail".into();
        assert_eq!(segment(&p, &[same], day(1, 1)).flags, vec![]);
    }

    #[test]
    fn unknown_other_systems_are_an_unusual_stack() {
        let mut p = project("Retail", 10, &[], 60);
        p.other_systems = "Okta, AS/400；自研系统".into();
        let s = segment(&p, &[p.clone()], day(1, 1));
        assert_eq!(s.unusual_systems, vec!["AS/400", "自研系统"]);
        assert_eq!(s.integrations, vec![Integration::Sso, Integration::Other]);
        assert!(s.flags.contains(&RiskFlag::UnusualStack));
        p.other_systems = "Salesforce".into();
        let s = segment(&p, &[], day(1, 1));
        assert!(!s.flags.contains(&RiskFlag::UnusualStack));
        assert_eq!(s.integrations, vec![Integration::Crm]);
    }
}
