//! Feedback, guided prompt 5, “Monthly feedback loop health report” (seed prompt 反馈循环健康报告):
//! how well the team closed the loop this month, from figures computed from the tracker, not
//! typed in: a narrative of what went well and the gaps, the highest-risk open items, process
//! improvements and a note to the CS director. Owns its form (prefilled with the month's
//! computed figures) and its built-in drafter.

use crate::domain::form::{FieldKind, FieldSpec, FormValues};
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};
use crate::prompts::feedback::facts::{
    self, local_month, month_text, overdue_counts, top_themes, Month,
};
use crate::prompts::{
    bare, bullets, example_values, list_item, PromptRequest, PromptSpec, RecordContext,
};

/// The prompt's id, in routes and on its drafts.
pub const ID: &str = "feedback.health_report";

const MONTH: FieldSpec = FieldSpec::new("month", Msg::FpHealthFieldMonth, FieldKind::Text)
    .required()
    .help(Msg::FpHealthHelpMonth);
const RECEIVED: FieldSpec = FieldSpec::new("received", Msg::FpFactReceived, FieldKind::Text)
    .help(Msg::FpHealthHelpComputed);
const CATEGORISED: FieldSpec =
    FieldSpec::new("categorised", Msg::FpFactCategorised, FieldKind::Text);
const ROUTED: FieldSpec = FieldSpec::new("routed", Msg::StageRouted, FieldKind::Text);
const ANSWERED: FieldSpec = FieldSpec::new("answered", Msg::FpFactAnswered, FieldKind::Text);
const ACK: FieldSpec = FieldSpec::new("acknowledged", Msg::FpFactAck48, FieldKind::Text);
const LOOPS: FieldSpec = FieldSpec::new("loops_closed", Msg::FpFactLoopsClosed, FieldKind::Text);
const MEAN_ACK: FieldSpec = FieldSpec::new("mean_ack", Msg::FpFactMeanAck, FieldKind::Text);
const MEAN_ANSWER: FieldSpec =
    FieldSpec::new("mean_answer", Msg::FpFactMeanAnswer, FieldKind::Text);
const THEMES: FieldSpec = FieldSpec::new("themes", Msg::FpFactTopThemes, FieldKind::LongText)
    .help(Msg::FpHealthHelpThemes);
const OPEN: FieldSpec = FieldSpec::new("open_waiting", Msg::FpHealthFieldOpen, FieldKind::Text);
const ASK: FieldSpec =
    FieldSpec::new("ask", Msg::FpHealthFieldAsk, FieldKind::Text).help(Msg::FpHealthHelpAsk);

/// The health report prompt.
pub const SPEC: PromptSpec = PromptSpec {
    id: ID,
    workspace: Workspace::Feedback,
    title: Msg::FpHealthTitle,
    intro: Msg::FpHealthIntro,
    task: Msg::FpHealthTask,
    fields: &[
        MONTH,
        RECEIVED,
        CATEGORISED,
        ROUTED,
        ANSWERED,
        ACK,
        LOOPS,
        MEAN_ACK,
        MEAN_ANSWER,
        THEMES,
        OPEN,
        ASK,
    ],
    rules: &[Msg::FpHealthRuleFigures, Msg::FpHealthRuleRisk],
    sections: &[
        Msg::FpHealthSectionNarrative,
        Msg::FpHealthSectionRisk,
        Msg::FpHealthSectionImprove,
        Msg::FpHealthSectionDirector,
    ],
    word_limit: None,
    email_section: None,
    drafter: draft,
    prefill,
    facts: facts::facts,
    example,
};

/// The form filled with the figures of the user's current month, computed from every
/// feedback item: the fields whose label is a figure's label take its value. `None` for
/// other records.
pub fn prefill(ctx: &RecordContext, lang: Lang) -> Option<FormValues> {
    facts::item(ctx)?;
    let month = Month::of(ctx);
    let figures = month.figures(lang);
    // Inserted one by one: collecting into a map would pull a stable sort into the wasm.
    let mut form = FormValues::new();
    for f in SPEC.fields {
        let value = figures
            .iter()
            .find(|(label, _)| *label == f.label)
            .map_or_else(String::new, |(_, v)| v.clone());
        form.insert(f.key, value);
    }
    form.insert(MONTH.key, month_text(local_month(ctx)));
    form.insert(THEMES.key, top_themes(ctx, &month, lang));
    form.insert(OPEN.key, overdue_counts(ctx).1.to_string());
    Some(form)
}

/// The example month of a mid-sized CS team, in `lang`.
pub fn example(lang: Lang) -> FormValues {
    example_values(
        lang,
        &[
            (MONTH.key, Msg::FpHealthExMonth),
            (RECEIVED.key, Msg::FpHealthExReceived),
            (CATEGORISED.key, Msg::FpHealthExCategorised),
            (ROUTED.key, Msg::FpHealthExRouted),
            (ANSWERED.key, Msg::FpHealthExAnswered),
            (ACK.key, Msg::FpHealthExAck),
            (LOOPS.key, Msg::FpHealthExLoops),
            (MEAN_ACK.key, Msg::FpHealthExMeanAck),
            (MEAN_ANSWER.key, Msg::FpHealthExMeanAnswer),
            (THEMES.key, Msg::FpHealthExThemes),
            (OPEN.key, Msg::FpHealthExOpen),
            (ASK.key, Msg::FpHealthExAsk),
        ],
    )
}

/// The first item of a listed fact, without its list mark.
fn first_item<'a>(req: &'a PromptRequest, label: Msg) -> Option<&'a str> {
    req.fact(label)?
        .lines()
        .map(|l| l.trim().trim_start_matches("- ").trim())
        .find(|l| !l.is_empty())
}

fn draft(req: &PromptRequest) -> Vec<String> {
    let lang = req.lang;
    let field = |f: &FieldSpec| bare(&req.inline_or_missing(f));
    let month = field(&MONTH);
    let narrative = [
        Msg::FpHealthNarrative.fill(
            lang,
            &[
                ("month", &month),
                ("received", &field(&RECEIVED)),
                ("categorised", &field(&CATEGORISED)),
                ("routed", &field(&ROUTED)),
                ("answered", &field(&ANSWERED)),
                ("ack", &field(&ACK)),
                ("mean_ack", &field(&MEAN_ACK)),
                ("mean_answer", &field(&MEAN_ANSWER)),
                ("loops", &field(&LOOPS)),
            ],
        ),
        req.fact_items(&[Msg::FpFactNps, Msg::FpFactWentWell, Msg::FpFactGaps]),
        match bullets(req.value(&THEMES)) {
            b if b.is_empty() => req.field_line(&THEMES),
            b => list_item(lang, req.text(THEMES.label), &b),
        },
    ];
    let risk = format!(
        "{}\n\n{}",
        req.fact(Msg::FpFactHighestRisk)
            .map_or_else(|| req.text(Msg::FpHealthNoRisk).to_string(), str::to_string),
        Msg::FpHealthOpenLine.fill(lang, &[("n", &field(&OPEN))])
    );
    let improve = match (
        req.fact(Msg::FpFactImprovements),
        req.fact(Msg::FpFactWentWell),
    ) {
        (Some(fixes), _) => fixes.to_string(),
        (None, Some(_)) => req.text(Msg::FpHealthNoGaps).to_string(),
        (None, None) => req.fact_or_missing(Msg::FpFactImprovements),
    };
    let nps = req
        .fact(Msg::FpFactNps)
        .map(|v| match v.split([' ', '，']).next() {
            Some(n) if n.starts_with(|c: char| c.is_ascii_digit() || c == '-') => n,
            _ => v,
        })
        .unwrap_or(req.text(Msg::FpNotTracked));
    let ask = match bare(req.value(&ASK)) {
        a if !a.is_empty() => a,
        _ => first_item(req, Msg::FpFactImprovements).map_or_else(|| req.missing(&ASK), bare),
    };
    let director = Msg::FpHealthDirector.fill(
        lang,
        &[
            ("month", &month),
            ("received", &field(&RECEIVED)),
            ("nps", nps),
            ("loops", &field(&LOOPS)),
            ("open", &field(&OPEN)),
            (
                "gap",
                &first_item(req, Msg::FpFactGaps)
                    .map_or_else(|| req.text(Msg::FpHealthNoGapShort).to_string(), bare),
            ),
            ("ask", &ask),
        ],
    );
    vec![
        narrative
            .iter()
            .filter(|p| !p.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n"),
        risk,
        improve,
        director,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::feedback::stats::format_tenths;
    use crate::prompts::escalation::facts::tests::{draft_of, headings_in_order, section};
    use crate::prompts::feedback::facts::tests::{data, fact, sample_facts};

    fn form(lang: Lang) -> FormValues {
        prefill(&data("f1").context(), lang).unwrap()
    }

    #[test]
    fn prefill_is_the_months_computed_figures() {
        let d = data("f1");
        let ctx = d.context();
        let month = Month::of(&ctx);
        for lang in Lang::ALL {
            let form = form(lang);
            assert_eq!(form.len(), SPEC.fields.len());
            assert_eq!(form["month"], "2026-11");
            for (label, value) in month.figures(lang) {
                let field = SPEC.fields.iter().find(|f| f.label == label).unwrap();
                assert_eq!(form[field.key], value, "{label:?}");
            }
            assert_eq!(form["received"], month.report.received.to_string());
            assert_eq!(form["open_waiting"], overdue_counts(&ctx).1.to_string());
            assert!(form["themes"].starts_with("Export speed"));
            assert_eq!(form["ask"], "");
        }
        let en = form(Lang::En);
        let pct = format_tenths(month.report.acknowledged_48h_pct.unwrap());
        assert_eq!(en["acknowledged"], format!("3 ({pct}%)"));
        assert_eq!(
            en["mean_ack"],
            format!(
                "{} days",
                format_tenths(month.report.mean_days_to_ack.unwrap())
            )
        );
        assert_eq!(en["mean_answer"], "1.0 days");
    }

    #[test]
    fn the_month_is_the_users_local_one() {
        let mut d = data("f1");
        // 2026-11-30 20:00 UTC is already 1 December in UTC+8.
        let mut ctx = d.context();
        ctx.now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 30, 20, 0, 0).unwrap();
        assert_eq!(prefill(&ctx, Lang::En).unwrap()["month"], "2026-12");
        d.items.clear();
        assert_eq!(prefill(&d.context(), Lang::En).unwrap()["received"], "0");
    }

    #[test]
    fn english_draft_reports_the_computed_figures() {
        let form = form(Lang::En);
        let facts = sample_facts(Lang::En);
        let text = draft_of(&SPEC, &form, &facts, Lang::En);
        assert!(headings_in_order(&SPEC, &text, Lang::En), "{text}");
        let narrative = section(&text, Msg::FpHealthSectionNarrative, Lang::En);
        for key in [
            "received",
            "categorised",
            "routed",
            "answered",
            "acknowledged",
        ] {
            assert!(narrative.contains(&form[key]), "{key}: {narrative}");
        }
        assert!(narrative.contains(fact(&facts, Msg::FpFactNps).unwrap()));
        let gaps = fact(&facts, Msg::FpFactGaps).unwrap();
        assert!(narrative.contains(gaps.lines().next().unwrap().trim()));
        let risk = section(&text, Msg::FpHealthSectionRisk, Lang::En);
        assert!(risk.starts_with(fact(&facts, Msg::FpFactHighestRisk).unwrap()));
        assert_eq!(
            section(&text, Msg::FpHealthSectionImprove, Lang::En),
            fact(&facts, Msg::FpFactImprovements).unwrap()
        );
        let note = section(&text, Msg::FpHealthSectionDirector, Lang::En);
        assert!(
            note.starts_with("2026-11 in feedback: 5 items received, NPS 0.0, 1 loops closed"),
            "{note}"
        );
        assert!(note.contains("Only 60.0% acknowledged within 48 hours"));
    }

    #[test]
    fn chinese_draft_reports_the_computed_figures() {
        let form = form(Lang::Zh);
        let facts = sample_facts(Lang::Zh);
        let text = draft_of(&SPEC, &form, &facts, Lang::Zh);
        assert!(headings_in_order(&SPEC, &text, Lang::Zh), "{text}");
        let narrative = section(&text, Msg::FpHealthSectionNarrative, Lang::Zh);
        for key in ["received", "categorised", "acknowledged", "mean_ack"] {
            assert!(narrative.contains(&form[key]), "{key}: {narrative}");
        }
        let note = section(&text, Msg::FpHealthSectionDirector, Lang::Zh);
        assert!(
            note.contains("NPS 0.0") && note.contains("2026-11"),
            "{note}"
        );
        assert!(!text.contains("Gaps"));
    }

    #[test]
    fn the_example_and_an_empty_form_draft_too() {
        let text = draft_of(&SPEC, &example(Lang::En), &[], Lang::En);
        assert!(text.contains(Msg::FpHealthExAsk.text(Lang::En).trim_end_matches('.')));
        assert!(section(&text, Msg::FpHealthSectionImprove, Lang::En)
            .contains(Msg::FpFactsMissing.text(Lang::En)));
        let empty = draft_of(&SPEC, &FormValues::new(), &[], Lang::Zh);
        assert!(empty.contains("请在表单中补充“月份”"));
    }
}
