//! The seed command for the scale benchmarks: writes a large, realistic Casebook backup (accounts
//! with contacts, themes, feedback items spread over twelve months and every stage, escalations
//! at every status with some severities set by hand, onboarding projects, drafts of every
//! guided prompt) that Settings imports. Deterministic: the same seed number and date give the
//! same file.
//!
//! `cargo run --release --example seed -- [--seed N] [--accounts N] [--feedback N]
//! [--escalations N] [--onboarding N] [--drafts N] [--now RFC3339] > seed.json`

use std::collections::BTreeMap;
use std::io::Write;

use casebook::domain::account::{Account, Contact, Tier};
use casebook::domain::draft::{Draft, DraftSource, DraftStatus};
use casebook::domain::escalation::rules::{EscalationType, Severity};
use casebook::domain::escalation::{Channel, ClassificationOverride, Escalation, EventKind};
use casebook::domain::feedback::{CustomerCommitment, FeedbackItem, Source, Stage, Theme};
use casebook::domain::form::Coded;
use casebook::domain::onboarding::OnboardingProject;
use casebook::domain::workspace::Workspace;
use casebook::i18n::Lang;
use casebook::prompts;
use casebook::storage::backup;
use casebook::storage::schema::Store;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;
use serde_json::Value;

/// How many records of each kind to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Sizes {
    accounts: usize,
    feedback: usize,
    escalations: usize,
    onboarding: usize,
    drafts: usize,
}

impl Default for Sizes {
    /// A CS team's year.
    fn default() -> Self {
        Self {
            accounts: 2_000,
            feedback: 100_000,
            escalations: 5_000,
            onboarding: 400,
            drafts: 50_000,
        }
    }
}

const NAME_START: &[&str] = &[
    "North", "Blue", "Silver", "Bright", "Eastern", "Quiet", "Golden", "Red", "Harbor", "Summit",
    "Clear", "Iron", "北辰", "华信", "云海", "金桥",
];
const NAME_END: &[&str] = &[
    "wind", "field", "stone", "river", "bridge", "peak", "forest", "light", "works", "gate",
    "数据", "科技", "物流", "医疗",
];
const NAME_KIND: &[&str] = &[
    "Corp",
    "GmbH",
    "Labs",
    "Ltd",
    "Systems",
    "Group",
    "有限公司",
];
const PEOPLE: &[&str] = &[
    "Li Wei",
    "Zhang Min",
    "Anna Schmidt",
    "Omar Haddad",
    "Maria Garcia",
    "James Chen",
    "王芳",
    "陈杰",
    "Priya Nair",
    "Tom Becker",
];
const CURRENCIES: &[&str] = &["USD", "USD", "USD", "EUR", "CNY", "GBP"];
const THEMES: &[&str] = &[
    "Export speed",
    "Single sign-on",
    "Mobile app",
    "Reporting depth",
    "API limits",
    "Onboarding guides",
    "Billing clarity",
    "Search quality",
    "数据导出",
    "权限管理",
    "Notifications",
    "Integrations",
    "Performance",
    "Audit log",
    "Localization",
];
const VERBATIMS: &[&str] = &[
    "Exports of large reports time out after a few minutes.",
    "We need SSO with our identity provider before the renewal.",
    "The dashboard is slow on Monday mornings when everyone logs in.",
    "Great support team, they answered within the hour.",
    "导出报表太慢，经常超时。",
    "希望增加更细的权限控制。",
    "The mobile app logs us out every day.",
    "Billing lines are hard to match with our purchase orders.",
    "Search does not find records by customer reference.",
    "Please add an audit log for admin changes.",
    "Integration with our CRM drops updates silently.",
    "The new onboarding guide saved us a week.",
];
const SUMMARIES: &[&str] = &[
    "Outage of the reporting service for two days, customer threatens to cancel",
    "Invoice dispute over the renewal uplift",
    "Competitor offered a 30% discount, sponsor is evaluating",
    "Exec sponsor unhappy with response times on critical tickets",
    "数据同步中断，客户要求赔偿",
    "Data export broken after the last release",
    "Promised SSO feature slipped twice",
    "客户高层对服务质量不满",
];
const INDUSTRIES: &[&str] = &[
    "Banking",
    "Healthcare",
    "Retail",
    "Logistics",
    "Manufacturing",
    "Software",
];
const DRAFT_PARAGRAPHS: &[&str] = &[
    "## Situation\n\nThe customer reported repeated failures of scheduled exports and escalated to their executive sponsor. The issue affects the monthly board pack.",
    "## What we will do\n\n1. Acknowledge today with a named owner.\n2. Share the root cause once engineering confirms it.\n3. Offer a daily update until the fix ships.",
    "## Risks\n\n- Renewal in under 90 days.\n- The sponsor compares us with a competitor.\n- Two other teams at the customer rely on the same exports.",
    "## 后续步骤\n\n- 今天内确认问题负责人。\n- 每日同步修复进度。\n- 修复上线后安排回顾会议。",
    "## Message to the customer\n\nThank you for raising this so clearly. We understand the impact on your month-end close and have made it our top priority.",
    "## Evidence\n\n| Month | Tickets | NPS |\n|---|---|---|\n| Sep | 12 | 31 |\n| Oct | 18 | 22 |\n| Nov | 9 | 35 |",
];

/// A small deterministic random source.
struct Dice(fastrand::Rng);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0.usize(..n.max(1))
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Generates every data store of a seeded Casebook, as JSON records by store.
fn generate(sizes: Sizes, seed: u64, now: DateTime<Utc>) -> BTreeMap<Store, Vec<Value>> {
    let mut dice = Dice(fastrand::Rng::with_seed(seed));
    let today = now.date_naive();
    let year_ago = now - Duration::days(365);

    let accounts: Vec<Account> = (0..sizes.accounts)
        .map(|i| account(&mut dice, i, year_ago, today))
        .collect();
    let themes: Vec<Theme> = THEMES
        .iter()
        .enumerate()
        .map(|(i, name)| Theme {
            id: format!("theme-{i:02}"),
            name: (*name).into(),
            description: String::new(),
            created_at: year_ago,
        })
        .collect();
    let account_ids: Vec<&str> = accounts.iter().map(|a| a.id.as_str()).collect();
    let feedback: Vec<FeedbackItem> = (0..sizes.feedback)
        .map(|i| feedback_item(&mut dice, i, &account_ids, &themes, now))
        .collect();
    let escalations: Vec<Escalation> = (0..sizes.escalations)
        .map(|i| escalation(&mut dice, i, &account_ids, now))
        .collect();
    let projects: Vec<OnboardingProject> = (0..sizes.onboarding)
        .map(|i| onboarding(&mut dice, i, &account_ids, now))
        .collect();
    let records = |w: Workspace| -> Vec<&str> {
        match w {
            Workspace::Accounts => account_ids.clone(),
            Workspace::Escalations => escalations.iter().map(|r| r.id.as_str()).collect(),
            Workspace::Feedback => feedback.iter().map(|r| r.id.as_str()).collect(),
            Workspace::Onboarding => projects.iter().map(|r| r.id.as_str()).collect(),
        }
    };
    let by_workspace: BTreeMap<String, Vec<&str>> = prompts::ALL
        .iter()
        .map(|p| (p.workspace.slug().to_string(), records(p.workspace)))
        .collect();
    let drafts: Vec<Draft> = (0..sizes.drafts)
        .filter_map(|i| {
            let prompt = dice.pick(prompts::ALL);
            let ids = &by_workspace[prompt.workspace.slug()];
            // A third of the drafts go to a few busy records, so histories grow long.
            let busy = ids.len().min(20);
            let record = if dice.chance(33) {
                ids.get(dice.below(busy))
            } else {
                ids.get(dice.below(ids.len()))
            }?;
            Some(draft(&mut dice, i, prompt, record, now))
        })
        .collect();

    BTreeMap::from([
        (Store::Settings, Vec::new()),
        (Store::Accounts, values(&accounts)),
        (Store::Escalations, values(&escalations)),
        (Store::Feedback, values(&feedback)),
        (Store::Themes, values(&themes)),
        (Store::Onboarding, values(&projects)),
        (Store::Playbooks, Vec::new()),
        (Store::Drafts, values(&drafts)),
    ])
}

fn values<T: Serialize>(records: &[T]) -> Vec<Value> {
    records
        .iter()
        .filter_map(|r| serde_json::to_value(r).ok())
        .collect()
}

fn account(dice: &mut Dice, i: usize, created: DateTime<Utc>, today: NaiveDate) -> Account {
    let mut a = Account::new(format!("acc-{i:05}"), created);
    a.name = format!(
        "{}{} {} {i}",
        dice.pick(NAME_START),
        dice.pick(NAME_END),
        dice.pick(NAME_KIND)
    );
    a.tier = *dice.pick(Tier::ALL);
    a.arr = match a.tier {
        Tier::Strategic => 500_000 + 10_000 * dice.below(200) as u64,
        Tier::Enterprise => 100_000 + 5_000 * dice.below(80) as u64,
        Tier::MidMarket => 20_000 + 1_000 * dice.below(80) as u64,
        Tier::Smb => 1_000 + 500 * dice.below(40) as u64,
    };
    a.currency = (*dice.pick(CURRENCIES)).into();
    a.renewal_date = Some(today + Duration::days(dice.below(400) as i64 - 30));
    a.contacts = (0..1 + dice.below(3))
        .map(|_| Contact {
            name: (*dice.pick(PEOPLE)).into(),
            role: "Sponsor".into(),
            email: format!("contact{i}@example.com"),
        })
        .collect();
    a
}

/// The stages an item goes through to reach its depth, in order.
fn stage_path(dice: &mut Dice, depth: usize) -> Vec<Stage> {
    let outcome = *dice.pick(&[Stage::Shipped, Stage::Planned, Stage::Declined]);
    let full = [
        Stage::Received,
        Stage::Acknowledged,
        Stage::Routed,
        Stage::ProductResponded,
        outcome,
        Stage::LoopClosed,
    ];
    full[..=depth.min(full.len() - 1)].to_vec()
}

fn feedback_item(
    dice: &mut Dice,
    i: usize,
    accounts: &[&str],
    themes: &[Theme],
    now: DateTime<Utc>,
) -> FeedbackItem {
    let age_days = dice.below(365) as i64;
    let received = now - Duration::days(age_days) - Duration::minutes(dice.below(600) as i64);
    let mut f = FeedbackItem::new(format!("fb-{i:06}"), received);
    f.account_id = (*dice.pick(accounts)).into();
    f.source = *dice.pick(Source::ALL);
    f.verbatim = format!("{} (#{i})", dice.pick(VERBATIMS));
    f.score = (f.source == Source::Nps).then(|| dice.below(11) as u8);
    f.owner = (*dice.pick(PEOPLE)).into();
    f.theme_ids = (0..dice.below(3))
        .map(|_| dice.pick(themes).id.clone())
        .collect();
    f.theme_ids.dedup();
    // Older items have travelled further along the loop.
    let depth = dice.below(2 + (age_days as usize / 45).min(5));
    let mut at = received;
    for stage in stage_path(dice, depth) {
        f.move_to(stage, at);
        at += Duration::hours(4 + dice.below(24 * 10) as i64);
    }
    f.updated_at = f.stage_history.last().map_or(received, |s| s.at).min(now);
    if dice.chance(10) {
        f.commitments.push(CustomerCommitment {
            what: "Share the release date".into(),
            due: received.date_naive() + Duration::days(30 + dice.below(60) as i64),
            kept_on: dice
                .chance(50)
                .then(|| received.date_naive() + Duration::days(20)),
        });
    }
    f
}

fn escalation(dice: &mut Dice, i: usize, accounts: &[&str], now: DateTime<Utc>) -> Escalation {
    let received = now - Duration::hours(dice.below(24 * 365) as i64);
    let mut e = Escalation::new(format!("esc-{i:05}"), received);
    e.account_id = (*dice.pick(accounts)).into();
    e.contact_name = (*dice.pick(PEOPLE)).into();
    e.contact_email = format!("escalation{i}@example.com");
    e.channel = *dice.pick(Channel::ALL);
    e.summary = format!("{} (case {i})", dice.pick(SUMMARIES));
    e.underlying_issue = "Export jobs exceed the worker time limit.".into();
    e.log_event(EventKind::Received, received, "");
    // Recent escalations are more often still open.
    let age_days = (now - received).num_days() as usize;
    let target = dice.below(2 + (age_days / 20).min(3));
    let steps = [
        EventKind::FirstResponseSent,
        EventKind::FixShipped,
        EventKind::Resolved,
        EventKind::ReviewDone,
    ];
    let mut at = received;
    for kind in steps.into_iter().take(target) {
        at += Duration::hours(1 + dice.below(72) as i64);
        e.log_event(kind, at.min(now), "");
    }
    if dice.chance(20) {
        let severity = *dice.pick(Severity::ALL);
        let kind = *dice.pick(EscalationType::ALL);
        e.classification_override =
            ClassificationOverride::new(kind, severity, "Set by the CSM", received).ok();
    }
    e
}

fn onboarding(
    dice: &mut Dice,
    i: usize,
    accounts: &[&str],
    now: DateTime<Utc>,
) -> OnboardingProject {
    let created = now - Duration::days(dice.below(300) as i64);
    let mut p = OnboardingProject::new(format!("onb-{i:04}"), created);
    p.account_id = (*dice.pick(accounts)).into();
    p.industry = (*dice.pick(INDUSTRIES)).into();
    p.end_users = Some(50 + 10 * dice.below(500) as u32);
    p.kickoff_date = Some(created.date_naive() + Duration::days(7));
    p.go_live_target = created.date_naive() + Duration::days(60 + dice.below(120) as i64);
    p.exec_sponsor = (*dice.pick(PEOPLE)).into();
    p.technical_lead = (*dice.pick(PEOPLE)).into();
    p.contract_scope = "Core platform, SSO, two integrations".into();
    p
}

fn draft(
    dice: &mut Dice,
    i: usize,
    prompt: &prompts::PromptSpec,
    record_id: &str,
    now: DateTime<Utc>,
) -> Draft {
    let at = now - Duration::minutes(dice.below(60 * 24 * 365) as i64);
    let text = (0..2 + dice.below(4))
        .map(|_| *dice.pick(DRAFT_PARAGRAPHS))
        .collect::<Vec<_>>()
        .join("\n\n");
    let status = match dice.below(20) {
        0 => DraftStatus::Stopped,
        1 | 2 => DraftStatus::Edited,
        _ => DraftStatus::Complete,
    };
    Draft {
        id: format!("draft-{i:06}"),
        workspace: prompt.workspace,
        record_id: record_id.into(),
        prompt_id: prompt.id.into(),
        inputs: Default::default(),
        output_lang: if dice.chance(30) { Lang::Zh } else { Lang::En },
        source: if dice.chance(40) {
            DraftSource::BuiltIn
        } else {
            DraftSource::Model {
                provider: "OpenAI".into(),
                model: "gpt-4o-mini".into(),
            }
        },
        text,
        status,
        usage: None,
        created_at: at,
        updated_at: at,
    }
}

/// Reads `--name value` options over the defaults; `Err` names what is wrong.
fn options(args: &[String]) -> Result<(Sizes, u64, Option<DateTime<Utc>>), String> {
    let mut sizes = Sizes::default();
    let mut seed = 1;
    let mut now = None;
    for pair in args.chunks(2) {
        let [name, value] = pair else {
            return Err(format!("{} needs a value", pair[0]));
        };
        let count = || value.parse::<usize>().map_err(|e| format!("{name}: {e}"));
        match name.as_str() {
            "--seed" => seed = value.parse().map_err(|e| format!("{name}: {e}"))?,
            "--accounts" => sizes.accounts = count()?.max(1),
            "--feedback" => sizes.feedback = count()?,
            "--escalations" => sizes.escalations = count()?,
            "--onboarding" => sizes.onboarding = count()?,
            "--drafts" => sizes.drafts = count()?,
            "--now" => {
                let at = DateTime::parse_from_rfc3339(value).map_err(|e| format!("{name}: {e}"))?;
                now = Some(at.with_timezone(&Utc));
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok((sizes, seed, now))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (sizes, seed, now) = match options(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("seed: {message}");
            std::process::exit(2);
        }
    };
    let now = now.unwrap_or_else(|| std::time::SystemTime::now().into());
    let text = backup::encode(generate(sizes, seed, now), now, false);
    if let Err(error) = std::io::stdout().lock().write_all(text.as_bytes()) {
        eprintln!("seed: {error}");
        std::process::exit(1);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use casebook::domain::escalation::EscalationStatus;
    use casebook::domain::feedback::dashboard::Month;
    use casebook::storage::schema::INDEXES;
    use std::collections::BTreeSet;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-03T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    const SMALL: Sizes = Sizes {
        accounts: 40,
        feedback: 1_500,
        escalations: 300,
        onboarding: 25,
        drafts: 600,
    };

    fn decoded(sizes: Sizes, seed: u64) -> backup::Backup {
        let text = backup::encode(generate(sizes, seed, now()), now(), false);
        backup::decode(&text).expect("the seed file imports")
    }

    #[test]
    fn the_output_decodes_as_a_backup_with_the_requested_counts() {
        let backup = decoded(SMALL, 7);
        let counts: BTreeMap<Store, usize> = backup.counts().into_iter().collect();
        assert_eq!(counts[&Store::Accounts], 40);
        assert_eq!(counts[&Store::Feedback], 1_500);
        assert_eq!(counts[&Store::Escalations], 300);
        assert_eq!(counts[&Store::Onboarding], 25);
        assert_eq!(counts[&Store::Drafts], 600);
        assert_eq!(counts[&Store::Themes], THEMES.len());
    }

    #[test]
    fn the_same_seed_gives_the_same_file_and_another_seed_another() {
        let text = |seed| backup::encode(generate(SMALL, seed, now()), now(), false);
        assert_eq!(text(3), text(3));
        assert_ne!(text(3), text(4));
    }

    #[test]
    fn records_cover_twelve_months_every_stage_and_every_status() {
        let data = generate(SMALL, 11, now());
        let feedback: Vec<FeedbackItem> = data[&Store::Feedback]
            .iter()
            .map(|v| serde_json::from_value(v.clone()).unwrap())
            .collect();
        let months: BTreeSet<Month> = feedback.iter().map(|f| Month::of(f.received_on)).collect();
        assert!(months.len() >= 12, "{months:?}");
        let stages: BTreeSet<Stage> = feedback.iter().map(|f| f.stage).collect();
        assert_eq!(stages.len(), Stage::ALL.len());
        assert!(feedback.iter().all(|f| f.received_on <= now().date_naive()));
        assert!(feedback.iter().any(|f| !f.theme_ids.is_empty()));
        let escalations: Vec<Escalation> = data[&Store::Escalations]
            .iter()
            .map(|v| serde_json::from_value(v.clone()).unwrap())
            .collect();
        let statuses: BTreeSet<EscalationStatus> = escalations.iter().map(|e| e.status).collect();
        assert_eq!(statuses.len(), EscalationStatus::ALL.len());
        assert!(escalations
            .iter()
            .any(|e| e.classification_override.is_some()));
        let drafts: Vec<Draft> = data[&Store::Drafts]
            .iter()
            .map(|v| serde_json::from_value(v.clone()).unwrap())
            .collect();
        let prompts: BTreeSet<&str> = drafts.iter().map(|d| d.prompt_id.as_str()).collect();
        assert_eq!(prompts.len(), prompts::ALL.len(), "every prompt has drafts");
    }

    #[test]
    fn every_index_field_is_a_text_field_of_the_seeded_records() {
        let data = generate(SMALL, 5, now());
        for index in INDEXES {
            let records = &data[&index.store];
            assert!(!records.is_empty(), "{}", index.name);
            for field in index.fields {
                assert!(
                    records.iter().all(|r| r[field].is_string()),
                    "{}.{field}",
                    index.store.name()
                );
            }
        }
    }

    #[test]
    fn options_override_the_defaults_and_refuse_the_unknown() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let (sizes, seed, now) = options(&args(&[
            "--feedback",
            "10000",
            "--seed",
            "9",
            "--now",
            "2026-12-01T00:00:00Z",
        ]))
        .unwrap();
        assert_eq!(sizes.feedback, 10_000);
        assert_eq!(sizes.drafts, Sizes::default().drafts);
        assert_eq!(seed, 9);
        assert!(now.is_some());
        assert!(options(&args(&["--feedback"])).is_err());
        assert!(options(&args(&["--feedback", "many"])).is_err());
        assert!(options(&args(&["--colour", "red"])).is_err());
    }
}
