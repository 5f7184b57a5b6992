//! Feedback, guided prompt 1, “NPS verbatim theme analysis” (seed prompt NPS 逐字主题分析):
//! 5–8 themes across promoters, passives and detractors with their volume, ARR and skew, a
//! priority list, what to route to product and the CSM follow-ups, plus the JSON block the
//! theme screen reads (`parse_theme_answer`). Owns its form, the prefill from the month's
//! scored responses and its built-in drafter, which groups the verbatims by shared terms
//! (`keyword_themes`) and computes each group's figures with the domain's `theme_figures`.

use chrono::{DateTime, Datelike, Utc};
use serde_json::json;

use crate::domain::account::{Account, DEFAULT_CURRENCY};
use crate::domain::feedback::stats::{format_tenths, nps, theme_figures, Skew, ThemeFigures};
use crate::domain::feedback::themes::{keyword_themes, ThemeDraft};
use crate::domain::feedback::{FeedbackItem, Theme};
use crate::domain::form::{FieldKind, FieldSpec, FormValues};
use crate::domain::parse::parse_money;
use crate::domain::record::{excerpt, AccountIndex};
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};
use crate::prompts::feedback::facts::{self, verbatim_line};
use crate::prompts::onboarding::facts::{list, table};
use crate::prompts::{example_values, PromptRequest, PromptSpec, RecordContext};

/// The prompt's id, in routes and on its drafts.
pub const ID: &str = "feedback.theme_analysis";

const SURVEYED: FieldSpec = FieldSpec::new("surveyed", Msg::FpThemesFieldSurveyed, FieldKind::Text)
    .help(Msg::FpThemesHelpSurveyed);
const RATE: FieldSpec =
    FieldSpec::new("rate", Msg::FpThemesFieldRate, FieldKind::Text).help(Msg::FpThemesHelpRate);
const NPS: FieldSpec =
    FieldSpec::new("nps", Msg::FpThemesFieldNps, FieldKind::Text).help(Msg::FpThemesHelpNps);
const SPLIT: FieldSpec = FieldSpec::new("split", Msg::FpThemesFieldSplit, FieldKind::LongText)
    .help(Msg::FpThemesHelpSplit);
const VERBATIMS: FieldSpec = FieldSpec::new(
    "verbatims",
    Msg::FpThemesFieldVerbatims,
    FieldKind::LongText,
)
.required()
.help(Msg::FpThemesHelpVerbatims);

/// The theme analysis prompt.
pub const SPEC: PromptSpec = PromptSpec {
    id: ID,
    workspace: Workspace::Feedback,
    title: Msg::FpThemesTitle,
    intro: Msg::FpThemesIntro,
    task: Msg::FpThemesTask,
    fields: &[SURVEYED, RATE, NPS, SPLIT, VERBATIMS],
    rules: &[
        Msg::FpThemesRuleThemes,
        Msg::FpThemesRulePriority,
        Msg::FpThemesRuleJson,
    ],
    sections: &[
        Msg::FpThemesSectionThemes,
        Msg::FpThemesSectionFigures,
        Msg::FpThemesSectionPriority,
        Msg::FpThemesSectionProduct,
        Msg::FpThemesSectionCsm,
        Msg::FpThemesSectionJson,
    ],
    word_limit: None,
    email_section: None,
    drafter: draft,
    prefill,
    facts: facts::facts,
    example,
};

/// A theme goes to product when it does not lean promoter and comes from this many accounts.
const ROUTE_MIN_ACCOUNTS: usize = 2;
/// CSM follow-ups listed at most.
const FOLLOW_UPS: usize = 8;
/// Highest score of a detractor.
const DETRACTOR_MAX: u8 = 6;

/// The form filled from the scored responses received in the opened item's month: NPS, its
/// split and one verbatim line per response. `None` for other records.
pub fn prefill(ctx: &RecordContext, lang: Lang) -> Option<FormValues> {
    let (item, _) = facts::item(ctx)?;
    let (year, month) = (item.received_on.year(), item.received_on.month());
    let wave: Vec<&FeedbackItem> = ctx
        .feedback
        .iter()
        .filter(|i| {
            i.score.is_some()
                && !i.verbatim.trim().is_empty()
                && i.received_on.year() == year
                && i.received_on.month() == month
        })
        .collect();
    let s = nps(wave.iter().filter_map(|i| i.score), None);
    Some(FormValues::from([
        (SURVEYED.key, String::new()),
        (RATE.key, String::new()),
        (NPS.key, s.nps_tenths.map(format_tenths).unwrap_or_default()),
        (
            SPLIT.key,
            Msg::FpThemesSplitValue.fill(
                lang,
                &[
                    ("promoters", &s.promoters.to_string()),
                    ("passives", &s.passives.to_string()),
                    ("detractors", &s.detractors.to_string()),
                ],
            ),
        ),
        (
            VERBATIMS.key,
            wave.iter()
                .map(|i| verbatim_line(i, ctx.accounts))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    ]))
}

/// The example survey of a reporting product, in `lang`.
pub fn example(lang: Lang) -> FormValues {
    example_values(
        lang,
        &[
            (SURVEYED.key, Msg::FpThemesExSurveyed),
            (RATE.key, Msg::FpThemesExRate),
            (NPS.key, Msg::FpThemesExNps),
            (SPLIT.key, Msg::FpThemesExSplit),
            (VERBATIMS.key, Msg::FpThemesExVerbatims),
        ],
    )
}

/// One verbatim of the form: `[id] 3/10 · account · USD 120,000 · words`, where everything
/// but the words is optional (without an id, the line number is the id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verbatim {
    pub id: String,
    pub score: Option<u8>,
    /// The account's name; empty when not given.
    pub account: String,
    /// 0 when not given.
    pub arr: u64,
    /// The three-letter code in front of the ARR, if any.
    pub currency: Option<String>,
    /// The customer's words.
    pub text: String,
}

/// The verbatims of the form's lines, list marks ignored.
pub fn verbatims(text: &str) -> Vec<Verbatim> {
    text.lines()
        .map(|l| l.trim().trim_start_matches(['-', '*', '•']).trim())
        .filter(|l| !l.is_empty())
        .enumerate()
        .map(|(n, line)| {
            let (id, rest) = match line.strip_prefix('[').and_then(|l| l.split_once(']')) {
                Some((id, rest)) if !id.trim().is_empty() => (id.trim().to_string(), rest),
                _ => ((n + 1).to_string(), line),
            };
            let mut parts: Vec<&str> = rest.split(" · ").map(str::trim).collect();
            let score = parts
                .first()
                .and_then(|p| p.strip_suffix("/10"))
                .and_then(|s| s.trim().parse::<u8>().ok())
                .filter(|s| *s <= 10 && parts.len() > 1);
            if score.is_some() {
                parts.remove(0);
            }
            let mut v = Verbatim {
                id,
                score,
                account: String::new(),
                arr: 0,
                currency: None,
                text: String::new(),
            };
            if parts.len() > 1 {
                v.account = parts.remove(0).to_string();
            }
            if let Some(arr) = parts
                .first()
                .filter(|_| parts.len() > 1)
                .and_then(|p| parse_money(p).ok())
            {
                v.arr = arr;
                v.currency = parts[0]
                    .split_whitespace()
                    .next()
                    .filter(|w| w.len() == 3 && w.chars().all(|c| c.is_ascii_uppercase()))
                    .map(str::to_string);
                parts.remove(0);
            }
            v.text = parts.join(" · ");
            v
        })
        .collect()
}

/// The keyword themes of the verbatims with each theme's figures (most ARR first), computed
/// by the domain's `theme_figures` over the verbatims as items and their named accounts.
pub fn grouped(list: &[Verbatim], lang: Lang) -> Vec<(ThemeDraft, ThemeFigures)> {
    let pairs: Vec<(&str, &str)> = list
        .iter()
        .map(|v| (v.id.as_str(), v.text.as_str()))
        .collect();
    let drafts = keyword_themes(&pairs, lang);
    let epoch = DateTime::<Utc>::default();
    // An amount without a code is in the list's currency (the first code given).
    let list_currency = list
        .iter()
        .find_map(|v| v.currency.as_deref())
        .unwrap_or(DEFAULT_CURRENCY);
    let mut accounts: Vec<Account> = Vec::new();
    for v in list.iter().filter(|v| !v.account.is_empty()) {
        if !accounts.iter().any(|a| a.id == v.account) {
            let mut a = Account::new(v.account.clone(), epoch);
            a.name = v.account.clone();
            a.arr = v.arr;
            a.currency = v.currency.as_deref().unwrap_or(list_currency).to_string();
            accounts.push(a);
        }
    }
    let items: Vec<FeedbackItem> = list
        .iter()
        .map(|v| {
            let mut f = FeedbackItem::new(v.id.clone(), epoch);
            f.account_id = v.account.clone();
            f.score = v.score;
            f.theme_ids = (0..drafts.len())
                .filter(|t| drafts[*t].item_ids.contains(&v.id))
                .map(|t| t.to_string())
                .collect();
            f
        })
        .collect();
    let themes: Vec<Theme> = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| Theme {
            id: i.to_string(),
            name: d.name.clone(),
            description: d.description.clone(),
            created_at: epoch,
        })
        .collect();
    theme_figures(
        &themes,
        &items,
        &AccountIndex::new(accounts),
        epoch.date_naive(),
    )
    .into_iter()
    .filter_map(|f| {
        let i: usize = f.theme_id.parse().ok()?;
        Some((drafts.get(i)?.clone(), f))
    })
    .collect()
}

/// The themes as the JSON block `parse_theme_answer` reads.
pub fn json_block(themes: &[(ThemeDraft, ThemeFigures)]) -> String {
    let list: Vec<serde_json::Value> = themes
        .iter()
        .map(|(t, _)| json!({"name": t.name, "description": t.description, "item_ids": t.item_ids}))
        .collect();
    format!("```json\n{}\n```", json!({ "themes": list }))
}

fn draft(req: &PromptRequest) -> Vec<String> {
    let lang = req.lang;
    let list = verbatims(req.value(&VERBATIMS));
    let themes = grouped(&list, lang);
    let survey = format!(
        "{}\n{}\n{}\n\n{}",
        req.field_line(&SURVEYED),
        req.field_line(&RATE),
        req.field_line(&NPS),
        Msg::FpThemesSurvey.fill(lang, &[("n", &list.len().to_string())])
    );
    if themes.is_empty() {
        let none = req.text(Msg::FpThemesNone).to_string();
        let missing = if list.is_empty() {
            req.missing(&VERBATIMS)
        } else {
            none.clone()
        };
        return vec![
            format!("{survey}\n\n{missing}"),
            none.clone(),
            none.clone(),
            none.clone(),
            follow_ups(req, &list),
            json_block(&[]),
        ];
    }
    let grouped_ids: Vec<&str> = themes
        .iter()
        .flat_map(|(t, _)| t.item_ids.iter().map(String::as_str))
        .collect();
    let alone: Vec<&str> = list
        .iter()
        .map(|v| v.id.as_str())
        .filter(|id| !grouped_ids.contains(id))
        .collect();
    let mut lines: Vec<String> = themes
        .iter()
        .map(|(t, f)| {
            Msg::FpThemesThemeLine.fill(
                lang,
                &[
                    ("theme", &t.name),
                    ("n", &f.items.to_string()),
                    ("ids", &t.item_ids.join(", ")),
                ],
            )
        })
        .collect();
    if !alone.is_empty() {
        lines.push(Msg::FpThemesAlone.fill(
            lang,
            &[("n", &alone.len().to_string()), ("ids", &alone.join(", "))],
        ));
    }
    let header = [
        Msg::FpColTheme,
        Msg::FpColVerbatims,
        Msg::FpColAccounts,
        Msg::FieldArr,
        Msg::FpColSkew,
        Msg::FpColSplit,
    ];
    let rows: Vec<Vec<String>> = themes
        .iter()
        .map(|(t, f)| {
            vec![
                t.name.clone(),
                f.items.to_string(),
                f.accounts.to_string(),
                f.arr.text(lang),
                f.skew.label().text(lang).to_string(),
                format!(
                    "{} / {} / {}",
                    f.split.promoters, f.split.passives, f.split.detractors
                ),
            ]
        })
        .collect();
    let fill = |msg: Msg, t: &ThemeDraft, f: &ThemeFigures| {
        msg.fill(
            lang,
            &[
                ("theme", &t.name),
                ("items", &f.items.to_string()),
                ("accounts", &f.accounts.to_string()),
                ("arr", &f.arr.text(lang)),
                ("skew", f.skew.label().text(lang)),
            ],
        )
    };
    let priority = themes
        .iter()
        .enumerate()
        .map(|(i, (t, f))| format!("{}. {}", i + 1, fill(Msg::FpThemesPriorityLine, t, f)))
        .collect::<Vec<_>>()
        .join("\n");
    let routed: Vec<String> = themes
        .iter()
        .filter(|(_, f)| f.skew != Skew::Promoters && f.accounts >= ROUTE_MIN_ACCOUNTS)
        .map(|(t, f)| fill(Msg::FpThemesRouteLine, t, f))
        .collect();
    let product = if routed.is_empty() {
        req.text(Msg::FpThemesRouteNone).to_string()
    } else {
        list_of(routed)
    };
    vec![
        format!("{survey}\n\n{}", list_of(lines)),
        table(&header, &rows, lang),
        format!("{priority}\n\n{}", req.text(Msg::FpThemesPriorityNote)),
        format!("{product}\n\n{}", req.text(Msg::FpThemesRouteRule)),
        follow_ups(req, &list),
        json_block(&themes),
    ]
}

fn list_of(items: Vec<String>) -> String {
    list(items.into_iter())
}

/// A call for every detractor verbatim that names its account.
fn follow_ups(req: &PromptRequest, list: &[Verbatim]) -> String {
    let calls: Vec<String> = list
        .iter()
        .filter(|v| !v.account.is_empty() && v.score.is_some_and(|s| s <= DETRACTOR_MAX))
        .take(FOLLOW_UPS)
        .map(|v| {
            Msg::FpThemesFollowLine.fill(
                req.lang,
                &[
                    ("account", &v.account),
                    ("score", &v.score.unwrap_or_default().to_string()),
                    ("text", &excerpt(&v.text, 80)),
                ],
            )
        })
        .collect();
    if calls.is_empty() {
        req.text(Msg::FpThemesFollowNone).to_string()
    } else {
        list_of(calls)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::listing::format_money;
    use crate::domain::record::AnyRecord;
    use crate::prompts::escalation::facts::tests::{draft_of, headings_in_order, section};
    use crate::prompts::feedback::facts::tests::{accounts, data, sample_facts};
    use crate::prompts::feedback::theme_chunks::parse_theme_answer;
    use crate::prompts::system_message;

    fn form(lang: Lang) -> FormValues {
        prefill(&data("f1").context(), lang).unwrap()
    }

    #[test]
    fn prefill_takes_the_months_scored_verbatims() {
        let d = data("f1");
        let scored: Vec<&FeedbackItem> = d
            .items
            .iter()
            .filter(|i| i.score.is_some() && i.received_on.month() == 11)
            .collect();
        let s = nps(scored.iter().filter_map(|i| i.score), None);
        for lang in Lang::ALL {
            let form = form(lang);
            assert_eq!(form.len(), SPEC.fields.len());
            assert_eq!(form["nps"], format_tenths(s.nps_tenths.unwrap()));
            assert!(form["split"].contains(&s.detractors.to_string()));
            assert_eq!(form["verbatims"].lines().count(), scored.len());
            for i in &scored {
                assert!(form["verbatims"].contains(&verbatim_line(i, &accounts())));
            }
            assert!(!form["verbatims"].contains("[f4]"), "unscored QBR item");
        }
        let record = AnyRecord::Account(Account::new("a1".into(), DateTime::default()));
        let ctx = facts::tests::context(&record, &d.accounts, &d.items, &d.themes);
        assert!(prefill(&ctx, Lang::En).is_none());
    }

    #[test]
    fn verbatim_lines_are_read_back() {
        let list = verbatims(
            "[f2] 6/10 · Beta · USD 50,000 · Slow export\n- plain words\n[x] Gamma · too slow · really",
        );
        assert_eq!(
            list[0],
            Verbatim {
                id: "f2".into(),
                score: Some(6),
                account: "Beta".into(),
                arr: 50_000,
                currency: Some("USD".into()),
                text: "Slow export".into(),
            }
        );
        assert_eq!(
            (list[1].id.as_str(), list[1].text.as_str()),
            ("2", "plain words")
        );
        assert_eq!(list[1].account, "");
        assert_eq!((list[2].account.as_str(), list[2].arr), ("Gamma", 0));
        assert_eq!(list[2].text, "too slow · really");
    }

    #[test]
    fn the_instructions_ask_for_exactly_what_the_parser_reads() {
        for lang in Lang::ALL {
            let rule = Msg::FpThemesRuleJson.text(lang);
            for key in ["\"themes\"", "\"name\"", "\"description\"", "\"item_ids\""] {
                assert!(rule.contains(key), "{key}");
            }
            // The shape shown in the rule, answered as told, is read by the parser.
            let shape = &rule[rule.find('{').unwrap()..=rule.rfind('}').unwrap()];
            let answer = format!(
                "## {}\n\n```json\n{shape}\n```",
                Msg::FpThemesSectionJson.text(lang)
            );
            let themes = parse_theme_answer(&answer, &["…"]).unwrap();
            assert_eq!(themes[0].item_ids, vec!["…"]);
            let form = FormValues::new();
            let system = system_message(&PromptRequest {
                spec: &SPEC,
                values: &form,
                facts: &[],
                lang,
            });
            assert!(system.contains(rule));
            assert!(system.contains(&format!("## {}", Msg::FpThemesSectionJson.text(lang))));
        }
    }

    #[test]
    fn the_built_in_json_block_is_read_by_the_theme_screen() {
        for lang in Lang::ALL {
            let form = form(lang);
            let text = draft_of(&SPEC, &form, &sample_facts(lang), lang);
            assert!(headings_in_order(&SPEC, &text, lang), "{text}");
            let list = verbatims(&form["verbatims"]);
            let ids: Vec<&str> = list.iter().map(|v| v.id.as_str()).collect();
            let parsed =
                parse_theme_answer(section(&text, Msg::FpThemesSectionJson, lang), &ids).unwrap();
            let pairs: Vec<(&str, &str)> = list
                .iter()
                .map(|v| (v.id.as_str(), v.text.as_str()))
                .collect();
            let mut expected = keyword_themes(&pairs, lang);
            expected.retain(|t| parsed.iter().any(|p| p.name == t.name));
            assert_eq!(parsed.len(), keyword_themes(&pairs, lang).len());
            assert_eq!(parsed.len(), expected.len());
        }
    }

    #[test]
    fn english_draft_fills_the_sections_with_computed_figures() {
        let form = form(Lang::En);
        let text = draft_of(&SPEC, &form, &sample_facts(Lang::En), Lang::En);
        let list = verbatims(&form["verbatims"]);
        let themes = grouped(&list, Lang::En);
        // "export" is shared by f1, f2, f5 and f6: Acme, Beta and Cobalt.
        let (export, f) = &themes[0];
        assert_eq!(export.name, "export");
        assert_eq!(export.item_ids, vec!["f1", "f2", "f5", "f6"]);
        let arr: u64 = [120_000, 50_000, 300_000].iter().sum();
        assert_eq!(
            (f.items, f.accounts, f.arr.text(Lang::En)),
            (4, 3, format_money(arr, "USD"))
        );
        let figures = section(&text, Msg::FpThemesSectionFigures, Lang::En);
        assert!(
            figures.contains(&format!(
                "| export | 4 | 3 | {} | {} | {} / {} / {} |",
                format_money(arr, "USD"),
                f.skew.label().text(Lang::En),
                f.split.promoters,
                f.split.passives,
                f.split.detractors
            )),
            "{figures}"
        );
        let themes_text = section(&text, Msg::FpThemesSectionThemes, Lang::En);
        assert!(
            themes_text.contains("- **Overall NPS:** 0.0"),
            "{themes_text}"
        );
        assert!(themes_text.contains("**export**: 4 verbatims (f1, f2, f5, f6)"));
        let product = section(&text, Msg::FpThemesSectionProduct, Lang::En);
        assert!(product.contains("**export**"), "{product}");
        let csm = section(&text, Msg::FpThemesSectionCsm, Lang::En);
        assert!(
            csm.contains("Acme (3/10)") && csm.contains("Beta (6/10)"),
            "{csm}"
        );
        assert!(!csm.contains("Cobalt"), "promoters need no call");
    }

    #[test]
    fn chinese_draft_uses_chinese_terms_and_figures() {
        let form = example(Lang::Zh);
        let text = draft_of(&SPEC, &form, &[], Lang::Zh);
        assert!(headings_in_order(&SPEC, &text, Lang::Zh), "{text}");
        let themes = grouped(&verbatims(&form["verbatims"]), Lang::Zh);
        assert!(!themes.is_empty());
        let (t, f) = &themes[0];
        let figures = section(&text, Msg::FpThemesSectionFigures, Lang::Zh);
        assert!(
            figures.contains(&format!("| {} | {} | {} |", t.name, f.items, f.accounts)),
            "{figures}"
        );
        assert!(f.arr.text(Lang::En).starts_with("CNY "), "{figures}");
        assert!(figures.contains(&f.arr.text(Lang::En)), "{figures}");
        assert!(text.contains("主题"));
        assert!(!text.contains("Priority"));
    }

    #[test]
    fn without_verbatims_the_draft_says_what_to_add() {
        let text = draft_of(&SPEC, &FormValues::new(), &[], Lang::En);
        assert!(text.contains("add “Verbatims to analyse” to the form"));
        assert!(
            parse_theme_answer(section(&text, Msg::FpThemesSectionJson, Lang::En), &[]).is_err()
        );
    }
}
