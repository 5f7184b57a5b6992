//! The import under way (progress, cancel) and how it ended: the rows in error, or what was
//! imported.

use leptos::prelude::*;

use super::{Import, Outcome, Summary};
use crate::domain::feedback::import::{counts_line, RowError};
use crate::domain::feedback::stats::format_tenths;
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};
use crate::route::Route;
use crate::ui::list::CollectAny;
use crate::ui::state::tr;

/// Row errors listed (the rest are counted).
const ERRORS_SHOWN: usize = 100;

/// The progress of the import under way, with Cancel until it saves.
#[component]
pub(super) fn ImportProgress(import: Import) -> impl IntoView {
    let Import {
        state,
        progress,
        saving,
        cancelled,
        ..
    } = import;
    move || {
        progress.get().map(|(done, total)| {
            let lang = state.lang.get();
            let label = if saving.get() {
                Msg::Saving.text(lang).to_string()
            } else {
                Msg::FiProgress.fill(lang, &[("done", &done.to_string()), ("total", &total.to_string())])
            };
            view! {
                <div class="import-progress" role="status">
                    <progress id="import-progress" max=total.max(1).to_string() value=done.to_string()></progress>
                    <span id="import-progress-text">{label}</span>
                    {(!saving.get()).then(|| view! {
                        <button type="button" class="button" id="import-cancel" on:click=move |_| cancelled.set_value(true)>{tr(Msg::Cancel)}</button>
                    })}
                </div>
            }
        })
    }
}

/// How the last import ended.
#[component]
pub(super) fn ImportOutcome(import: Import) -> impl IntoView {
    let Import { state, outcome, .. } = import;
    move || {
        let lang = state.lang.get();
        outcome.get().map(|done| match done {
            Outcome::Rejected(errors) => rejected(&errors, lang).into_any(),
            Outcome::Imported(summary) => imported(&summary, lang).into_any(),
        })
    }
}

/// The rows that did not read (the first `ERRORS_SHOWN`, the rest counted).
fn rejected(errors: &[RowError], lang: Lang) -> impl IntoView {
    let rows = errors
        .iter()
        .take(ERRORS_SHOWN)
        .map(|e| {
            let row = if e.row == 0 {
                Msg::FiWholeFile.text(lang).to_string()
            } else {
                e.row.to_string()
            };
            let column = if e.column.is_empty() {
                e.field
                    .map(|f| f.label().text(lang))
                    .unwrap_or_default()
                    .to_string()
            } else {
                e.column.clone()
            };
            view! { <tr><td>{row}</td><td>{column}</td><td>{e.message.text(lang)}</td></tr> }
        })
        .collect_any();
    let more = errors.len().saturating_sub(ERRORS_SHOWN);
    view! {
        <div class="panel import-errors">
            <p class="error-text" id="import-errors-title" tabindex="-1" role="alert">
                {Msg::FiErrorsTitle.fill(lang, &[("n", &errors.len().to_string())])}
            </p>
            <div class="table-wrap">
                <table class="records" id="import-errors" aria-labelledby="import-errors-title">
                    <thead><tr>
                        <th scope="col">{Msg::FiColRow.text(lang)}</th>
                        <th scope="col">{Msg::FiColColumn.text(lang)}</th>
                        <th scope="col">{Msg::FiColProblem.text(lang)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {(more > 0).then(|| view! { <p class="hint">{Msg::FiMoreErrors.fill(lang, &[("n", &more.to_string())])}</p> })}
        </div>
    }
}

/// What a good import stored: responses, accounts, NPS, response rate, items per stage.
fn imported(s: &Summary, lang: Lang) -> impl IntoView {
    let mut lines = vec![Msg::FiDone.fill(
        lang,
        &[
            ("n", &s.responses.to_string()),
            ("m", &s.accounts.to_string()),
        ],
    )];
    if s.new_accounts > 0 {
        lines.push(Msg::FiNewAccounts.fill(lang, &[("n", &s.new_accounts.to_string())]));
    }
    if let Some(score) = s.nps.nps_tenths {
        lines.push(Msg::FiNpsLine.fill(
            lang,
            &[
                ("nps", &format_tenths(score)),
                ("p", &s.nps.promoters.to_string()),
                ("m", &s.nps.passives.to_string()),
                ("d", &s.nps.detractors.to_string()),
            ],
        ));
    }
    if let (Some(rate), Some(n)) = (s.nps.response_rate_tenths, s.surveyed) {
        lines.push(Msg::FiRateLine.fill(
            lang,
            &[("rate", &format_tenths(rate)), ("n", &n.to_string())],
        ));
    }
    lines.push(Msg::FiStagesDone.fill(lang, &[("counts", &counts_line(&s.stages, lang))]));
    view! {
        <div class="panel import-summary" id="import-summary" tabindex="-1" role="status">
            {lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_any()}
            <a class="button" id="import-open-list" href=Route::List(Workspace::Feedback).href()>{tr(Msg::FiOpenList)}</a>
        </div>
    }
}
