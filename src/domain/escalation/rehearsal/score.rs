//! The deterministic scorecard of a rehearsal, read from the CSM's lines only, sentence by
//! sentence: (1) the impact was acknowledged; (2) no blame was put on the customer or a
//! colleague; (3) nothing on the record's "must not promise" list was promised (by the
//! triggers of `phrases`, quoting the sentence that broke it); (4) a concrete next step with
//! a date was given (a commitment and a date or time in one sentence); (5) every stakeholder
//! role the plan activates was named, by its role or by the name the record gives it.

use serde::{Deserialize, Serialize};

use crate::coded_enum;
use crate::domain::escalation::plan::Role;
use crate::domain::escalation::rehearsal::phrases::{self, any, dates, TRIGGERS};
use crate::domain::escalation::rehearsal::{Speaker, Turn};
use crate::domain::form::Coded;
use crate::i18n::{Lang, Msg};

coded_enum!(
    /// One check of the scorecard, in the order it is shown.
    Check, CHECK_CHOICES {
        Impact => "impact", RehCheckImpact;
        NoBlame => "no_blame", RehCheckNoBlame;
        NoForbiddenPromise => "no_forbidden_promise", RehCheckPromise;
        NextStep => "next_step", RehCheckNextStep;
        Stakeholders => "stakeholders", RehCheckStakeholders;
    }
);

coded_enum!(
    /// A promise the "must not promise" list forbids; its label is the list's entry. Blame,
    /// also on that list, is a check of its own.
    Promise, PROMISE_CHOICES {
        FixDate => "fix_date", EscNoFixDate;
        Credit => "credit", EscNoCredit;
        Roadmap => "roadmap", EscNoRoadmap;
        NeverAgain => "never_again", EscNoNeverAgain;
        LegalPosition => "legal_position", EscNoLegalPosition;
        PriceMatch => "price_match", EscNoPriceMatch;
        DedicatedTeam => "dedicated_team", EscNoDedicatedTeam;
        BetterSla => "better_sla", EscNoBetterSla;
        ExecOutcome => "exec_outcome", EscNoExecOutcome;
    }
);

impl Promise {
    /// The promise a "must not promise" entry forbids (`None` for blame).
    pub fn of(entry: Msg) -> Option<Self> {
        Self::ALL.iter().copied().find(|p| p.label() == entry)
    }
}

/// A role's stable code in a stored scorecard.
fn role_code(role: Role) -> &'static str {
    match role {
        Role::Support => "support",
        Role::Engineering => "engineering",
        Role::Product => "product",
        Role::Legal => "legal",
        Role::Finance => "finance",
        Role::ExecutiveSponsor => "executive_sponsor",
    }
}

/// The outcome of one check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    pub check: Check,
    pub passed: bool,
    /// The CSM's sentence that passed the check, or broke it.
    #[serde(default)]
    pub quote: Option<String>,
    /// The forbidden promise made, when that check failed.
    #[serde(default)]
    pub promise: Option<Promise>,
    /// The stakeholder roles never named, by code.
    #[serde(default)]
    pub missing: Vec<String>,
}

impl CheckResult {
    fn new(check: Check, passed: bool, quote: Option<&str>) -> Self {
        Self {
            check,
            passed,
            quote: quote.map(str::to_string),
            promise: None,
            missing: Vec::new(),
        }
    }

    /// Why it passed or failed.
    pub fn reason(&self) -> Msg {
        match (self.check, self.passed) {
            (Check::Impact, true) => Msg::RehImpactPass,
            (Check::Impact, false) => Msg::RehImpactFail,
            (Check::NoBlame, true) => Msg::RehBlamePass,
            (Check::NoBlame, false) => Msg::RehBlameFail,
            (Check::NoForbiddenPromise, true) => Msg::RehPromisePass,
            (Check::NoForbiddenPromise, false) => Msg::RehPromiseFail,
            (Check::NextStep, true) => Msg::RehNextStepPass,
            (Check::NextStep, false) => Msg::RehNextStepFail,
            (Check::Stakeholders, true) => Msg::RehStakeholdersPass,
            (Check::Stakeholders, false) => Msg::RehStakeholdersFail,
        }
    }

    /// The reason in `lang`, naming the forbidden promise or the roles never named.
    pub fn describe(&self, lang: Lang) -> String {
        let promise = self.promise.map_or("", |p| p.label().text(lang));
        let roles = Role::ALL
            .into_iter()
            .filter(|r| self.missing.iter().any(|m| m == role_code(*r)))
            .map(|r| r.label().text(lang))
            .collect::<Vec<_>>()
            .join(Msg::RehListSeparator.text(lang));
        self.reason()
            .fill(lang, &[("promise", promise), ("roles", &roles)])
    }
}

/// The checks of a rehearsal and, when a model scored it, the model's comment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scorecard {
    pub checks: Vec<CheckResult>,
    #[serde(default)]
    pub comment: Option<String>,
}

impl Scorecard {
    /// How many checks passed.
    pub fn passed(&self) -> usize {
        self.checks.iter().filter(|c| c.passed).count()
    }

    /// "3 of 5 checks passed".
    pub fn summary(&self, lang: Lang) -> String {
        Msg::RehScore.fill(
            lang,
            &[
                ("n", &self.passed().to_string()),
                ("total", &self.checks.len().to_string()),
            ],
        )
    }
}

/// What the scorer reads from the escalation besides the transcript.
#[derive(Clone, Copy, Debug)]
pub struct ScoreInputs<'a> {
    /// The record's "must not promise" entries (`prompts::escalation::agendas`).
    pub forbidden: &'a [Msg],
    /// The stakeholder roles the plan activates for the effective classification.
    pub roles: &'a [Role],
    /// The internal stakeholders the record names ("Legal: Ana Ruiz; Zhang Wei (研发)").
    pub known: &'a str,
    /// What we can honestly fix and when: dates in it are confirmed and may be promised.
    pub confirmed: &'a str,
}

/// Lower-cases Latin letters and straightens apostrophes, as the phrase tables expect.
fn normalize(text: &str) -> String {
    text.replace(['\u{2019}', '\u{2018}'], "'")
        .to_ascii_lowercase()
}

/// The sentences of a text: split at sentence ends and line breaks (a full stop between
/// digits, as in "10.30", does not end one), trimmed, empty ones dropped.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut previous = ' ';
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |(_, n)| *n);
        let decimal = c == '.' && previous.is_ascii_digit() && next.is_ascii_digit();
        if "!?。！？;；\n".contains(c) || (c == '.' && !decimal) {
            out.push(&text[start..at]);
            start = at + c.len_utf8();
        }
        previous = c;
    }
    out.push(&text[start..]);
    out.into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// A CSM sentence as said and as the tables read it.
struct Line<'a> {
    said: &'a str,
    read: String,
}

/// The first forbidden promise of `line`, if any.
fn forbidden_in(line: &Line, allowed: &[Promise], confirmed: &[String]) -> Option<Promise> {
    let refused = any(&line.read, phrases::REFUSAL);
    TRIGGERS
        .iter()
        .filter(|t| allowed.contains(&t.promise))
        .filter(|t| !(t.refusable && refused))
        .filter(|t| t.groups.iter().all(|g| any(&line.read, g)))
        .find(|t| {
            !t.needs_unconfirmed_date || dates(&line.read).iter().any(|d| !confirmed.contains(d))
        })
        .map(|t| t.promise)
}

/// The names the record gives each role: in "Legal: Ana Ruiz" or "Zhang Wei (研发)", the
/// part beside the role word, normalized.
fn known_names(known: &str, role: Role) -> Vec<String> {
    known
        .split(['\n', ';', '；', ',', '，', '、'])
        .filter(|part| phrases::names_role(&normalize(part), role))
        .flat_map(|part| part.split([':', '：', '(', '（', ')', '）', '-', '–', '—']))
        .map(normalize)
        .map(|p| p.trim().to_string())
        .filter(|p| p.chars().count() >= 2 && !phrases::names_role(p, role))
        .collect()
}

/// Whether `line` names `role`, by its role word or a name the record gives it.
fn names(line: &Line, role: Role, known: &str) -> bool {
    phrases::names_role(&line.read, role)
        || known_names(known, role)
            .iter()
            .any(|n| line.read.contains(n.as_str()))
}

/// Scores the CSM's side of a transcript.
pub fn score(turns: &[Turn], inputs: &ScoreInputs) -> Scorecard {
    let lines: Vec<Line> = turns
        .iter()
        .filter(|t| t.who == Speaker::Csm)
        .flat_map(|t| sentences(&t.text))
        .map(|said| Line {
            said,
            read: normalize(said),
        })
        .collect();
    let first = |test: &dyn Fn(&Line) -> bool| lines.iter().find(|l| test(l)).map(|l| l.said);

    let impact = first(&|l| any(&l.read, phrases::IMPACT));
    let blame = first(&|l| any(&l.read, phrases::BLAME));
    let next = first(&|l| any(&l.read, phrases::COMMIT) && !dates(&l.read).is_empty());

    let allowed: Vec<Promise> = inputs
        .forbidden
        .iter()
        .filter_map(|m| Promise::of(*m))
        .collect();
    let confirmed = dates(&normalize(inputs.confirmed));
    let broken = lines
        .iter()
        .find_map(|l| forbidden_in(l, &allowed, &confirmed).map(|p| (l.said, p)));
    let mut promise = CheckResult::new(
        Check::NoForbiddenPromise,
        broken.is_none(),
        broken.map(|(said, _)| said),
    );
    promise.promise = broken.map(|(_, p)| p);

    let missing: Vec<String> = inputs
        .roles
        .iter()
        .filter(|r| !lines.iter().any(|l| names(l, **r, inputs.known)))
        .map(|r| role_code(*r).to_string())
        .collect();
    let mut stakeholders = CheckResult::new(Check::Stakeholders, missing.is_empty(), None);
    stakeholders.missing = missing;

    Scorecard {
        checks: vec![
            CheckResult::new(Check::Impact, impact.is_some(), impact),
            CheckResult::new(Check::NoBlame, blame.is_none(), blame),
            promise,
            CheckResult::new(Check::NextStep, next.is_some(), next),
            stakeholders,
        ],
        comment: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, TimeZone, Utc};

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    /// A transcript from lines starting "C:" (the customer) or "M:" (the CSM).
    fn transcript(lines: &[&str]) -> Vec<Turn> {
        lines
            .iter()
            .map(|l| {
                let (who, text) = l.split_at(2);
                let who = if who == "C:" {
                    Speaker::Customer
                } else {
                    Speaker::Csm
                };
                Turn {
                    who,
                    text: text.trim().to_string(),
                    at: at(),
                }
            })
            .collect()
    }

    const ALL_PROMISES: &[Msg] = &[
        Msg::EscNoFixDate,
        Msg::EscNoCredit,
        Msg::EscNoRoadmap,
        Msg::EscNoBlame,
        Msg::EscNoNeverAgain,
        Msg::EscNoLegalPosition,
        Msg::EscNoPriceMatch,
        Msg::EscNoDedicatedTeam,
        Msg::EscNoBetterSla,
        Msg::EscNoExecOutcome,
    ];

    fn inputs<'a>(roles: &'a [Role], known: &'a str) -> ScoreInputs<'a> {
        ScoreInputs {
            forbidden: ALL_PROMISES,
            roles,
            known,
            confirmed: "A patch for the export timeout ships on Friday.",
        }
    }

    fn card(lines: &[&str]) -> Scorecard {
        score(
            &transcript(lines),
            &inputs(&[Role::Support, Role::Engineering], ""),
        )
    }

    fn check(card: &Scorecard, check: Check) -> &CheckResult {
        card.checks.iter().find(|c| c.check == check).unwrap()
    }

    /// The forbidden promise a single CSM line makes, if any.
    fn promise_in(line: &str) -> Option<Promise> {
        check(&card(&[&format!("M:{line}")]), Check::NoForbiddenPromise).promise
    }

    #[test]
    fn a_good_english_rehearsal_passes_every_check() {
        let c = card(&[
            "C: Exports have failed for two days. When will this be fixed?",
            "M: I understand this has stopped your month-end reporting, and I'm sorry.",
            "C: That is not an answer.",
            "M: Our engineering team found the cause. The patch ships on Friday, as confirmed. \
             I will call you on Wednesday at 10:00 with the test results, and our support lead joins.",
        ]);
        assert_eq!(c.passed(), 5, "{c:#?}");
        assert_eq!(
            check(&c, Check::Impact).quote.as_deref(),
            Some("I understand this has stopped your month-end reporting, and I'm sorry")
        );
        assert_eq!(
            check(&c, Check::NextStep).quote.as_deref(),
            Some("I will call you on Wednesday at 10:00 with the test results, and our support lead joins")
        );
        assert_eq!(c.summary(Lang::En), "5 of 5 checks passed");
    }

    #[test]
    fn a_chinese_forbidden_promise_is_quoted() {
        let c = card(&[
            "C: 导出已经两天用不了了，你们必须给个说法。",
            "M: 非常抱歉给您带来这么大的影响。",
            "M: 我们会给你们补偿一个月的费用，而且保证不会再发生。",
        ]);
        let p = check(&c, Check::NoForbiddenPromise);
        assert!(!p.passed);
        assert_eq!(p.promise, Some(Promise::Credit));
        assert_eq!(
            p.quote.as_deref(),
            Some("我们会给你们补偿一个月的费用，而且保证不会再发生")
        );
        assert_eq!(
            p.describe(Lang::Zh),
            format!("违反了不可承诺事项：{}", Msg::EscNoCredit.text(Lang::Zh))
        );
        assert!(check(&c, Check::Impact).passed);
    }

    #[test]
    fn a_chinese_fix_date_nobody_confirmed_is_forbidden() {
        assert_eq!(promise_in("我们周一前修好。"), Some(Promise::FixDate));
        assert_eq!(
            promise_in("补丁会在周五上线，这是研发确认过的。"),
            None,
            "Friday is confirmed (in English) in the record"
        );
        assert_eq!(promise_in("补丁会在周一上线。"), Some(Promise::FixDate));
        assert_eq!(promise_in("不会再发生了"), Some(Promise::NeverAgain));
    }

    #[test]
    fn each_forbidden_promise_is_caught_in_english() {
        let cases = [
            ("It will be fixed by Monday.", Promise::FixDate),
            ("We'll give you a credit for the month.", Promise::Credit),
            (
                "That feature is on the roadmap for Q2 and will ship then.",
                Promise::Roadmap,
            ),
            ("This will never happen again.", Promise::NeverAgain),
            (
                "Under the contract you are entitled to a refund.",
                Promise::LegalPosition,
            ),
            ("We'll match their price.", Promise::PriceMatch),
            (
                "You'll get a dedicated team from now on.",
                Promise::DedicatedTeam,
            ),
            (
                "Every ticket will get a response within 15 minutes.",
                Promise::BetterSla,
            ),
            (
                "Our CEO will personally approve the renewal terms.",
                Promise::ExecOutcome,
            ),
        ];
        for (line, promise) in cases {
            assert_eq!(promise_in(line), Some(promise), "{line}");
        }
    }

    #[test]
    fn refusals_and_confirmed_dates_are_not_promises() {
        for line in [
            "I can't offer a credit without finance approval.",
            "I cannot give you a fix date until engineering confirms it.",
            "The patch ships on Friday.",
            "I'm not in a position to match their price.",
            "Exports failed on Monday.",
        ] {
            assert_eq!(promise_in(line), None, "{line}");
        }
        // "won't" is no refusal: it is how "never again" is promised.
        assert_eq!(
            promise_in("I promise it won't happen again."),
            Some(Promise::NeverAgain)
        );
    }

    #[test]
    fn only_the_records_own_list_is_checked() {
        let turns = transcript(&["M: We'll match their price."]);
        let mut only = inputs(&[], "");
        only.forbidden = &[Msg::EscNoFixDate, Msg::EscNoCredit];
        assert!(check(&score(&turns, &only), Check::NoForbiddenPromise).passed);
        only.forbidden = &[Msg::EscNoPriceMatch];
        assert!(!check(&score(&turns, &only), Check::NoForbiddenPromise).passed);
    }

    #[test]
    fn blame_on_the_customer_or_a_colleague_fails_with_the_line() {
        let c = card(&["M: Honestly, that was user error on your side."]);
        let b = check(&c, Check::NoBlame);
        assert!(!b.passed);
        assert_eq!(
            b.quote.as_deref(),
            Some("Honestly, that was user error on your side")
        );
        let c = card(&["M: 这是研发的问题，不是我的错。"]);
        assert!(!check(&c, Check::NoBlame).passed);
        let c = card(&["M: Sales promised something we never had."]);
        assert!(!check(&c, Check::NoBlame).passed);
        assert!(check(&card(&["M: We got this wrong."]), Check::NoBlame).passed);
    }

    #[test]
    fn the_customers_lines_are_never_scored() {
        let c = card(&[
            "C: I'm sorry but you will give us a credit by Friday, it's your fault.",
            "M: Ok.",
        ]);
        assert!(!check(&c, Check::Impact).passed);
        assert!(check(&c, Check::NoBlame).passed);
        assert!(check(&c, Check::NoForbiddenPromise).passed);
        assert!(!check(&c, Check::NextStep).passed);
    }

    #[test]
    fn a_next_step_needs_a_commitment_and_a_date_in_one_sentence() {
        let fails = [
            "M: I will look into it.",
            "M: Friday is a busy day.",
            "M: We'll keep you posted. Tomorrow is a holiday.",
        ];
        for line in fails {
            assert!(!check(&card(&[line]), Check::NextStep).passed, "{line}");
        }
        for line in [
            "M: I'll send you the root-cause report by 27/11.",
            "M: Let's meet tomorrow at 9am.",
            "M: 我会在明天下午三点前给您发书面说明。",
            "M: 我们两个工作日内同步进展。",
        ] {
            assert!(check(&card(&[line]), Check::NextStep).passed, "{line}");
        }
    }

    #[test]
    fn impact_is_acknowledged_in_either_language() {
        assert!(check(&card(&["M: 我理解这对你们的业务影响很大"]), Check::Impact).passed);
        assert!(
            check(
                &card(&["M: This disrupted your dispatch team."]),
                Check::Impact
            )
            .passed
        );
        let c = card(&["M: Let me explain what happened."]);
        let i = check(&c, Check::Impact);
        assert!(!i.passed && i.quote.is_none());
        assert_eq!(i.reason(), Msg::RehImpactFail);
    }

    #[test]
    fn stakeholders_are_named_by_role_or_by_the_records_names() {
        let roles = [Role::Support, Role::Legal, Role::ExecutiveSponsor];
        let known = "Legal: Ana Ruiz; 王芳（高管发起人）";
        let turns = transcript(&[
            "M: Ana Ruiz will review the clause, 王芳 joins the call, and support stays on it.",
        ]);
        let c = score(&turns, &inputs(&roles, known));
        assert!(check(&c, Check::Stakeholders).passed, "{c:#?}");

        let turns = transcript(&["M: Our support team is on it."]);
        let c = score(&turns, &inputs(&roles, known));
        let s = check(&c, Check::Stakeholders);
        assert!(!s.passed);
        assert_eq!(s.missing, ["legal", "executive_sponsor"]);
        assert_eq!(
            s.describe(Lang::En),
            "Never named: Legal, Executive sponsor."
        );
        assert_eq!(s.describe(Lang::Zh), "未提及：法务、高管发起人。");
    }

    #[test]
    fn known_names_are_read_beside_the_role_word() {
        assert_eq!(known_names("Legal: Ana Ruiz", Role::Legal), ["ana ruiz"]);
        assert_eq!(
            known_names("Zhang Wei (engineering lead)", Role::Engineering),
            ["zhang wei"]
        );
        assert!(
            known_names("Ana Ruiz", Role::Legal).is_empty(),
            "no role word, no role"
        );
    }

    #[test]
    fn sentences_split_at_ends_but_not_inside_numbers() {
        assert_eq!(
            sentences("Call at 10.30. Then? 然后。好的！\nDone"),
            ["Call at 10.30", "Then", "然后", "好的", "Done"]
        );
    }

    #[test]
    fn every_forbidden_entry_but_blame_has_a_trigger() {
        for entry in ALL_PROMISES {
            match Promise::of(*entry) {
                Some(p) => assert!(TRIGGERS.iter().any(|t| t.promise == p), "{p:?}"),
                None => assert_eq!(*entry, Msg::EscNoBlame),
            }
        }
    }

    #[test]
    fn a_scorecard_round_trips_through_json() {
        let c = card(&["M: We'll give you a credit.", "M: Support is on it."]);
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["checks"][2]["promise"], "credit");
        assert_eq!(
            json["checks"][4]["missing"],
            serde_json::json!(["engineering"])
        );
        assert_eq!(serde_json::from_value::<Scorecard>(json).unwrap(), c);
    }
}
