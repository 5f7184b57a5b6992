//! The step between choosing a file and importing it: what was detected, a column picker per
//! field, the preview of the first rows, the survey size, the starting stage per group of
//! responses, and the import button.

use std::sync::Arc;

use leptos::prelude::*;

use super::{Csv, Import};
use crate::domain::feedback::import::{
    counts_line, preview, ImportField, RowError, StageGroup, IMPORT_FIELDS, STAGE_RULES,
};
use crate::domain::feedback::{Stage, STAGE_CHOICES};
use crate::domain::form::Coded;
use crate::i18n::{Lang, Msg};
use crate::ui::list::CollectAny;
use crate::ui::state::tr;

/// Data rows shown in the preview.
const PREVIEW_ROWS: usize = 5;

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

/// A row error as "field: message" for the preview.
fn error_text(error: &RowError, lang: Lang) -> String {
    match error.field {
        Some(f) => format!("{}: {}", f.label().text(lang), error.message.text(lang)),
        None => error.message.text(lang).to_string(),
    }
}

/// The mapping, preview and options for the chosen `file`, and the import button.
#[component]
pub(super) fn MappingStep(file: Arc<Csv>, import: Import) -> impl IntoView {
    let state = import.state;
    let mapping = import.mapping;
    let rows = file.rows.to_string();
    let separator = match file.separator {
        b';' => Msg::FiSepSemicolon,
        b'\t' => Msg::FiSepTab,
        _ => Msg::FiSepComma,
    };
    let detected = {
        let rows = rows.clone();
        move || {
            let lang = state.lang.get();
            Msg::FiDetected.fill(lang, &[("sep", separator.text(lang)), ("n", &rows)])
        }
    };
    let missing = move || {
        let lang = state.lang.get();
        let names: Vec<&str> = mapping
            .with(|m| m.missing())
            .iter()
            .map(|f| f.label().text(lang))
            .collect();
        (!names.is_empty()).then(|| view! {
            <p class="error-text" id="import-missing" role="alert">{Msg::FiMissing.fill(lang, &[("fields", &names.join(", "))])}</p>
        })
    };
    let busy = move || import.progress.with(Option::is_some);
    let selects = IMPORT_FIELDS
        .into_iter()
        .map(|field| view! { <ColumnPicker field headers=file.headers.clone() import/> })
        .collect_any();
    view! {
        <div class="panel import-step">
            <p id="import-detected">{detected}</p>
            <h2>{tr(Msg::FiMappingTitle)}</h2>
            <div class="import-mapping">{selects}</div>
            <label class="checkbox">
                <input type="checkbox" id="map-us-dates" prop:checked=mapping.with_untracked(|m| m.us_dates)
                    on:change:target=move |ev| mapping.update(|m| m.us_dates = ev.target().checked()) />
                {tr(Msg::FiUsDates)}
            </label>
            {missing}
            <h2>{tr(Msg::FiPreviewTitle)}</h2>
            <div class="table-wrap"><PreviewTable file import/></div>
            <SurveySize import/>
            <StagePlanTable import/>
            <div class="button-row">
                <button type="button" class="button primary" id="import-start" disabled=busy on:click=move |_| import.start()>
                    {move || Msg::FiImportN.fill(state.lang.get(), &[("n", &rows)])}
                </button>
            </div>
        </div>
    }
}

/// The column picker of one field, preset to the mapping when drawn.
#[component]
fn ColumnPicker(field: ImportField, headers: Vec<String>, import: Import) -> impl IntoView {
    let mapping = import.mapping;
    let chosen = mapping.with_untracked(|m| m.get(field));
    let options = headers
        .into_iter()
        .enumerate()
        .map(|(i, h)| view! { <option value=i.to_string() selected=chosen == Some(i)>{h}</option> })
        .collect_any();
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
}

/// The first rows of the file as mapped, each with what is wrong with it (or that it reads).
#[component]
fn PreviewTable(file: Arc<Csv>, import: Import) -> impl IntoView {
    let state = import.state;
    move || {
        let m = import.mapping.get();
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
            .collect_any();
        let rows = preview(&file.text, &m, PREVIEW_ROWS)
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
                    .collect_any();
                view! {
                    <tr class:row-error=row.result.is_err()>
                        <td>{n + 2}</td>
                        {cells}
                        <td>{check}</td>
                    </tr>
                }
            })
            .collect_any();
        view! {
            <table class="records" id="import-preview">
                <thead><tr><th scope="col">{Msg::FiColRow.text(lang)}</th>{head}<th scope="col">{Msg::FiColCheck.text(lang)}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    }
}

/// The number of customers surveyed, for the response rate.
#[component]
fn SurveySize(import: Import) -> impl IntoView {
    let Import {
        surveyed,
        surveyed_error,
        ..
    } = import;
    view! {
        <div class="import-options">
            <div class="field">
                <label for="import-surveyed">{tr(Msg::FiSurveyed)}</label>
                <input id="import-surveyed" type="text" inputmode="numeric" prop:value=move || surveyed.get()
                    aria-invalid=move || surveyed_error.with(Option::is_some).to_string()
                    on:input:target=move |ev| surveyed.set(ev.target().value()) />
                {move || surveyed_error.get().map(|m| view! { <p class="field-error" id="import-surveyed-error">{tr(m)}</p> })}
            </div>
        </div>
    }
}

/// The stage each group of responses starts in, with the responses per group and the items
/// per stage this gives.
#[component]
fn StagePlanTable(import: Import) -> impl IntoView {
    let Import {
        state,
        plan,
        groups,
        ..
    } = import;
    let stage_rows = STAGE_RULES
        .iter()
        .enumerate()
        .map(|(i, (group, _))| view! { <StageRow index=i group=*group import/> })
        .collect_any();
    let planned = move || {
        let lang = state.lang.get();
        let counts = plan.with(|p| p.counts(&groups.get()));
        Msg::FiStagesPlanned.fill(lang, &[("counts", &counts_line(&counts, lang))])
    };
    view! {
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
    }
}

/// A group of responses (the `index`th of `STAGE_RULES`): how many, and its starting stage.
#[component]
fn StageRow(index: usize, group: StageGroup, import: Import) -> impl IntoView {
    let Import { plan, groups, .. } = import;
    let id = format!("import-stage-{index}");
    let options = STAGE_CHOICES
        .iter()
        .map(|c| {
            let code = c.value;
            view! { <option value=code selected=move || plan.with(|p| p.stage(group).code() == code)>{tr(c.label)}</option> }
        })
        .collect_any();
    view! {
        <tr>
            <th scope="row"><label for=id.clone()>{tr(group.label())}</label></th>
            <td>{move || groups.get()[index]}</td>
            <td>
                <select id=id on:change:target=move |ev| {
                    if let Some(s) = Stage::from_code(&ev.target().value()) {
                        plan.update(|p| p.set(group, s));
                    }
                }>{options}</select>
            </td>
        </tr>
    }
}
