//! The feedback CSV import screen: choose a file, map its columns (guessed from the header),
//! preview the first rows, choose the survey size and the stage each group of responses starts
//! in (defaults from the domain's rule table; counts per stage shown before and after), then
//! import in slices
//! that yield to the browser (progress, cancel). Per-row errors are listed and nothing is
//! stored unless every row reads; a good import stores its items and new accounts in one
//! transaction.

use std::collections::BTreeSet;
use std::sync::Arc;

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use web_sys::HtmlInputElement;

use crate::domain::account::Account;
use crate::domain::feedback::{Stage, STAGE_CHOICES};
use crate::domain::feedback_import::{
    count_groups, counts_line, detect_separator, group_counts, guess_mapping, link_accounts,
    preview, read_headers, resolve_accounts, ImportField, ImportJob, Mapping, Response, RowError,
    StagePlan, IMPORT_FIELDS, STAGE_RULES,
};
use crate::domain::feedback_stats::{format_tenths, nps, NpsSummary};
use crate::domain::form::Coded;
use crate::domain::parse::parse_count;
use crate::domain::record::AccountIndex;
use crate::i18n::Msg;
use crate::route::{Route, Workspace};
use crate::storage::error::StorageError;
use crate::storage::schema::Store;
use crate::ui::browser;
use crate::ui::state::{hold_while, tr, use_app, AppState};

/// Main-thread time one import slice may take before yielding, in milliseconds.
const SLICE_MS: f64 = 25.0;
/// Rows read between clock checks inside a slice.
const ROWS_PER_CHECK: usize = 100;
/// Data rows shown in the preview.
const PREVIEW_ROWS: usize = 5;
/// Row errors listed (the rest are counted).
const ERRORS_SHOWN: usize = 100;

/// A chosen file: its text and what was read from its header line.
struct Csv {
    text: String,
    headers: Vec<String>,
    separator: u8,
    rows: usize,
}

/// Figures of a finished import.
#[derive(Clone)]
struct Summary {
    responses: usize,
    accounts: usize,
    new_accounts: usize,
    nps: NpsSummary,
    surveyed: Option<u32>,
    /// Items per starting stage.
    stages: Vec<(Stage, usize)>,
}

/// How an import ended (cancelled imports end with neither).
#[derive(Clone)]
enum Outcome {
    Rejected(Arc<Vec<RowError>>),
    Imported(Summary),
}

/// The element id of a field's column picker.
fn field_id(field: ImportField) -> &'static str {
    match field {
        ImportField::Score => "map-score",
        ImportField::Comment => "map-comment",
        ImportField::Account => "map-account",
        ImportField::Arr => "map-arr",
        ImportField::Tier => "map-tier",
        ImportField::Date => "map-date",
        ImportField::Renewal => "map-renewal",
    }
}

/// The import page.
pub fn feedback_import_page() -> impl IntoView {
    let state = use_app();
    let csv = RwSignal::new(None::<Arc<Csv>>);
    let mapping = RwSignal::new(Mapping::default());
    let file_error = RwSignal::new(None::<Msg>);
    let surveyed = RwSignal::new(String::new());
    let surveyed_error = RwSignal::new(None::<Msg>);
    let plan = RwSignal::new(StagePlan::default());
    // Responses per group, read from the whole file (score and comment columns only).
    let groups = Memo::new(move |_| {
        let m = mapping.get();
        csv.with(|file| file.as_ref().map(|f| count_groups(&f.text, &m)))
            .unwrap_or_default()
    });
    let progress = RwSignal::new(None::<(usize, usize)>);
    let saving = RwSignal::new(false);
    hold_while(move || progress.with(Option::is_some) || saving.get());
    let outcome = RwSignal::new(None::<Outcome>);
    let cancelled = StoredValue::new(false);
    let input_ref = NodeRef::<leptos::html::Input>::new();

    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(t).ok())
        else {
            return;
        };
        csv.set(None);
        file_error.set(None);
        outcome.set(None);
        leptos::task::spawn_local(async move {
            let Some(text) = browser::read_chosen_file(&input).await else {
                file_error.try_set(Some(Msg::ErrFileUnreadable));
                return;
            };
            if text.trim_start_matches('\u{feff}').trim().is_empty() {
                file_error.try_set(Some(Msg::FiErrEmpty));
                return;
            }
            let headers = read_headers(&text);
            let rows = ImportJob::new(&text, Mapping::default())
                .step(0)
                .total_estimate;
            mapping.try_set(guess_mapping(&headers));
            csv.try_set(Some(Arc::new(Csv {
                separator: detect_separator(&text),
                text,
                headers,
                rows,
            })));
        });
    };

    let start = move || {
        let Some(file) = csv.get_untracked() else {
            return;
        };
        let survey_text = surveyed.get_untracked();
        let survey_size = match survey_text.trim() {
            "" => None,
            t => match parse_count(t) {
                Ok(n) if n > 0 => Some(n),
                Ok(_) => {
                    surveyed_error.set(Some(Msg::ErrNotANumber));
                    return browser::focus("import-surveyed");
                }
                Err(m) => {
                    surveyed_error.set(Some(m));
                    return browser::focus("import-surveyed");
                }
            },
        };
        surveyed_error.set(None);
        let chosen = mapping.get_untracked();
        outcome.set(None);
        cancelled.set_value(false);
        progress.set(Some((0, file.rows)));
        let stages = plan.get_untracked();
        leptos::task::spawn_local(async move {
            let result = run_import(
                state,
                &file.text,
                chosen,
                stages,
                survey_size,
                progress,
                saving,
                cancelled,
            )
            .await;
            progress.try_set(None);
            saving.try_set(false);
            match result {
                Ok(None) => state.say(Msg::FiCancelled),
                Ok(Some(done)) => {
                    let imported = matches!(done, Outcome::Imported(_));
                    outcome.try_set(Some(done));
                    if imported {
                        state.changed();
                        csv.try_set(None);
                        if let Some(input) = input_ref.get_untracked() {
                            input.set_value("");
                        }
                        browser::focus("import-summary");
                    } else {
                        browser::focus("import-errors-title");
                    }
                }
                Err(error) => state.report(&error),
            }
        });
    };

    let mapping_step = move || {
        csv.get().map(|file| {
            let lang = state.lang.get();
            let separator = match file.separator {
                b';' => Msg::FiSepSemicolon,
                b'\t' => Msg::FiSepTab,
                _ => Msg::FiSepComma,
            };
            let detected = Msg::FiDetected.fill(
                lang,
                &[("sep", separator.text(lang)), ("n", &file.rows.to_string())],
            );
            let current = mapping.get_untracked();
            let selects = IMPORT_FIELDS
                .into_iter()
                .map(|field| {
                    let chosen = current.get(field);
                    let options = file
                        .headers
                        .iter()
                        .enumerate()
                        .map(|(i, h)| view! { <option value=i.to_string() selected=chosen == Some(i)>{h.clone()}</option> })
                        .collect_view();
                    view! {
                        <div class="field">
                            <label for=field_id(field)>
                                {tr(field.label())}
                                {field.required().then(|| view! { <span class="required">" *"</span> })}
                            </label>
                            <select id=field_id(field) on:change:target=move |ev| {
                                let column = ev.target().value().parse::<usize>().ok();
                                mapping.update(|m| m.set(field, column));
                            }>
                                <option value="" selected=chosen.is_none()>{tr(Msg::FiNotInFile)}</option>
                                {options}
                            </select>
                        </div>
                    }
                })
                .collect_view();
            let text = file.clone();
            let preview_table = move || {
                let m = mapping.get();
                let lang = state.lang.get();
                let shown: Vec<usize> = IMPORT_FIELDS
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| m.get(**f).is_some())
                    .map(|(i, _)| i)
                    .collect();
                let head = shown
                    .iter()
                    .map(|i| view! { <th scope="col">{IMPORT_FIELDS[*i].label().text(lang)}</th> })
                    .collect_view();
                let rows = preview(&text.text, &m, PREVIEW_ROWS)
                    .into_iter()
                    .enumerate()
                    .map(|(n, row)| {
                        let check = match &row.result {
                            Ok(_) => Msg::FiRowOk.text(lang).to_string(),
                            Err(errors) => errors
                                .iter()
                                .map(|e| error_text(e, lang))
                                .collect::<Vec<_>>()
                                .join("; "),
                        };
                        let cells = shown
                            .iter()
                            .map(|i| view! { <td>{row.cells[*i].clone()}</td> })
                            .collect_view();
                        view! {
                            <tr class:row-error=row.result.is_err()>
                                <td>{n + 2}</td>
                                {cells}
                                <td>{check}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <table class="records" id="import-preview">
                        <thead><tr><th scope="col">{Msg::FiColRow.text(lang)}</th>{head}<th scope="col">{Msg::FiColCheck.text(lang)}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
            };
            let missing = move || {
                let lang = state.lang.get();
                let names: Vec<&str> = mapping.with(|m| m.missing()).iter().map(|f| f.label().text(lang)).collect();
                (!names.is_empty()).then(|| view! {
                    <p class="error-text" id="import-missing" role="alert">{Msg::FiMissing.fill(lang, &[("fields", &names.join(", "))])}</p>
                })
            };
            let stage_rows = STAGE_RULES
                .iter()
                .enumerate()
                .map(|(i, (group, _))| {
                    let group = *group;
                    let id = format!("import-stage-{i}");
                    let options = STAGE_CHOICES
                        .iter()
                        .map(|c| {
                            let code = c.value;
                            view! { <option value=code selected=move || plan.with(|p| p.stage(group).code() == code)>{tr(c.label)}</option> }
                        })
                        .collect_view();
                    view! {
                        <tr>
                            <th scope="row"><label for=id.clone()>{tr(group.label())}</label></th>
                            <td>{move || groups.get()[i]}</td>
                            <td>
                                <select id=id on:change:target=move |ev| {
                                    if let Some(s) = Stage::from_code(&ev.target().value()) {
                                        plan.update(|p| p.set(group, s));
                                    }
                                }>{options}</select>
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            let planned = move || {
                let lang = state.lang.get();
                let counts = plan.with(|p| p.counts(&groups.get()));
                Msg::FiStagesPlanned.fill(lang, &[("counts", &counts_line(&counts, lang))])
            };
            let busy = move || progress.with(Option::is_some);
            view! {
                <div class="panel import-step">
                    <p id="import-detected">{detected}</p>
                    <h2>{tr(Msg::FiMappingTitle)}</h2>
                    <div class="import-mapping">{selects}</div>
                    <label class="checkbox">
                        <input type="checkbox" id="map-us-dates" prop:checked=current.us_dates
                            on:change:target=move |ev| mapping.update(|m| m.us_dates = ev.target().checked()) />
                        {tr(Msg::FiUsDates)}
                    </label>
                    {missing}
                    <h2>{tr(Msg::FiPreviewTitle)}</h2>
                    <div class="table-wrap">{preview_table}</div>
                    <div class="import-options">
                        <div class="field">
                            <label for="import-surveyed">{tr(Msg::FiSurveyed)}</label>
                            <input id="import-surveyed" type="text" inputmode="numeric" prop:value=move || surveyed.get()
                                aria-invalid=move || surveyed_error.with(Option::is_some).to_string()
                                on:input:target=move |ev| surveyed.set(ev.target().value()) />
                            {move || surveyed_error.get().map(|m| view! { <p class="field-error" id="import-surveyed-error">{tr(m)}</p> })}
                        </div>
                    </div>
                    <h2 id="import-stages-title">{tr(Msg::FiStagesTitle)}</h2>
                    <p class="hint" id="import-stage-hint">{tr(Msg::FiStagesHint)}</p>
                    <div class="table-wrap">
                        <table class="records" id="import-stages" aria-labelledby="import-stages-title" aria-describedby="import-stage-hint">
                            <thead><tr>
                                <th scope="col">{tr(Msg::FiColGroup)}</th>
                                <th scope="col">{tr(Msg::FiColResponses)}</th>
                                <th scope="col">{tr(Msg::FiColStartStage)}</th>
                            </tr></thead>
                            <tbody>{stage_rows}</tbody>
                        </table>
                    </div>
                    <p id="import-stage-counts" aria-live="polite">{planned}</p>
                    <div class="button-row">
                        <button type="button" class="button primary" id="import-start" disabled=busy on:click=move |_| start()>
                            {move || Msg::FiImportN.fill(state.lang.get(), &[("n", &file.rows.to_string())])}
                        </button>
                    </div>
                </div>
            }
        })
    };

    let progress_view = move || {
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
    };

    let outcome_view = move || {
        let lang = state.lang.get();
        outcome.get().map(|done| match done {
            Outcome::Rejected(errors) => {
                let rows = errors
                    .iter()
                    .take(ERRORS_SHOWN)
                    .map(|e| {
                        let row = if e.row == 0 { Msg::FiWholeFile.text(lang).to_string() } else { e.row.to_string() };
                        let column = if e.column.is_empty() {
                            e.field.map(|f| f.label().text(lang)).unwrap_or_default().to_string()
                        } else {
                            e.column.clone()
                        };
                        view! { <tr><td>{row}</td><td>{column}</td><td>{e.message.text(lang)}</td></tr> }
                    })
                    .collect_view();
                let more = errors.len().saturating_sub(ERRORS_SHOWN);
                view! {
                    <div class="panel import-errors">
                        <p class="error-text" id="import-errors-title" tabindex="-1" role="alert">
                            {Msg::FiErrorsTitle.fill(lang, &[("n", &errors.len().to_string())])}
                        </p>
                        <div class="table-wrap">
                            <table class="records" id="import-errors">
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
                .into_any()
            }
            Outcome::Imported(s) => {
                let mut lines = vec![Msg::FiDone.fill(
                    lang,
                    &[("n", &s.responses.to_string()), ("m", &s.accounts.to_string())],
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
                    lines.push(Msg::FiRateLine.fill(lang, &[("rate", &format_tenths(rate)), ("n", &n.to_string())]));
                }
                lines.push(Msg::FiStagesDone.fill(lang, &[("counts", &counts_line(&s.stages, lang))]));
                view! {
                    <div class="panel import-summary" id="import-summary" tabindex="-1" role="status">
                        {lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
                        <a class="button" id="import-open-list" href=Route::List(Workspace::Feedback).href()>{tr(Msg::FiOpenList)}</a>
                    </div>
                }
                .into_any()
            }
        })
    };

    view! {
        <section class="page">
            <p class="breadcrumb"><a href=Route::List(Workspace::Feedback).href()>{tr(Msg::NavFeedback)}</a></p>
            <h1>{tr(Msg::FiTitle)}</h1>
            <p class="lede">{tr(Msg::FiLede)}</p>
            <div class="field import-file">
                <label for="import-file">{tr(Msg::FiFile)}</label>
                <input type="file" id="import-file" accept=".csv,.tsv,.txt,text/csv" node_ref=input_ref on:change=on_file />
                {move || file_error.get().map(|m| view! { <p class="error-text" id="import-file-error" role="alert">{tr(m)}</p> })}
            </div>
            {mapping_step}
            {progress_view}
            {outcome_view}
        </section>
    }
}

/// A row error as "field: message" for the preview.
fn error_text(error: &RowError, lang: crate::i18n::Lang) -> String {
    match error.field {
        Some(f) => format!("{}: {}", f.label().text(lang), error.message.text(lang)),
        None => error.message.text(lang).to_string(),
    }
}

/// Yields to the browser; `false` when the user cancelled meanwhile (or left the page).
async fn carry_on(cancelled: StoredValue<bool>) -> bool {
    TimeoutFuture::new(0).await;
    cancelled.try_get_value() == Some(false)
}

/// Reads every row in slices of at most `SLICE_MS`, then (when all rows read) links or
/// creates the accounts, builds the items in slices and stores everything in one
/// transaction. `Ok(None)` when cancelled.
#[allow(clippy::too_many_arguments)]
async fn run_import(
    state: AppState,
    text: &str,
    mapping: Mapping,
    plan: StagePlan,
    surveyed: Option<u32>,
    progress: RwSignal<Option<(usize, usize)>>,
    saving: RwSignal<bool>,
    cancelled: StoredValue<bool>,
) -> Result<Option<Outcome>, StorageError> {
    let missing = mapping.missing();
    if !missing.is_empty() {
        let errors = missing
            .into_iter()
            .map(|field| RowError {
                row: 0,
                field: Some(field),
                column: String::new(),
                message: Msg::FbErrNotMapped,
            })
            .collect();
        return Ok(Some(Outcome::Rejected(Arc::new(errors))));
    }
    let mut job = ImportJob::new(text, mapping);
    loop {
        let started = js_sys::Date::now();
        let mut step = job.step(ROWS_PER_CHECK);
        while !step.finished && js_sys::Date::now() - started < SLICE_MS {
            step = job.step(ROWS_PER_CHECK);
        }
        progress.try_set(Some((step.done, step.total_estimate)));
        if !carry_on(cancelled).await {
            return Ok(None);
        }
        if step.finished {
            break;
        }
    }
    let responses: Vec<Response> = match job.finish() {
        Ok(rows) => rows,
        Err(errors) => return Ok(Some(Outcome::Rejected(Arc::new(errors)))),
    };
    let db = state.db().ok_or(StorageError::Unavailable)?;
    let known = AccountIndex::new(db.list::<Account>().await?);
    let now = browser::now();
    let links = link_accounts(&responses, &known);
    let (account_ids, new_accounts) = resolve_accounts(&responses, links, browser::new_id, now);
    let json = |e: serde_json::Error| StorageError::Other(e.to_string());
    let mut items = Vec::with_capacity(responses.len());
    let mut started = js_sys::Date::now();
    for (response, account_id) in responses.iter().zip(&account_ids) {
        let stage = plan.stage(response.group());
        let item = response.to_item(browser::new_id(), account_id.clone(), stage, now);
        items.push(serde_json::to_value(&item).map_err(json)?);
        if js_sys::Date::now() - started > SLICE_MS {
            if !carry_on(cancelled).await {
                return Ok(None);
            }
            started = js_sys::Date::now();
        }
    }
    saving.try_set(true);
    let accounts = new_accounts
        .iter()
        .map(serde_json::to_value)
        .collect::<Result<Vec<_>, _>>()
        .map_err(json)?;
    db.put_many(vec![(Store::Accounts, accounts), (Store::Feedback, items)])
        .await?;
    let distinct: BTreeSet<&str> = account_ids.iter().map(String::as_str).collect();
    Ok(Some(Outcome::Imported(Summary {
        responses: responses.len(),
        accounts: distinct.len(),
        new_accounts: new_accounts.len(),
        nps: nps(
            responses.iter().map(|r| r.score),
            surveyed.map(|n| n as usize),
        ),
        surveyed,
        stages: plan.counts(&group_counts(&responses)),
    })))
}
