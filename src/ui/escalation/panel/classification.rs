//! The escalation's classification: type, severity, the signals and cue words behind them,
//! the first-response clock, and the CSM's override with its reason.

use std::rc::Rc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::escalation::plan::format_local;
use crate::domain::escalation::rules::{
    EscalationType, Severity, ESCALATION_TYPE_CHOICES, SEVERITY_CHOICES,
};
use crate::domain::escalation::schedule::first_response_due;
use crate::domain::escalation::{ClassificationOverride, Escalation};
use crate::domain::form::Coded;
use crate::domain::record::age;
use crate::domain::time::zone::LocalZone;
use crate::i18n::{Lang, Msg};
use crate::ui::browser::{self, BrowserZone};
use crate::ui::state::tr;

use super::{choice_options, Panel};

/// The first-response clock: sent, due (with time left) or overdue.
fn first_response_text(e: &Escalation, lang: Lang) -> (String, bool) {
    let local = |t: DateTime<Utc>| format_local(BrowserZone.local(t));
    let now = browser::now();
    let due = first_response_due(e.received_at);
    match e.first_response_at() {
        Some(sent) => (
            Msg::PanelResponseSent.fill(lang, &[("when", &local(sent))]),
            false,
        ),
        None if now > due => (
            Msg::PanelResponseOverdue.fill(
                lang,
                &[("late", &age(due, now, lang)), ("when", &local(due))],
            ),
            true,
        ),
        None => (
            Msg::PanelResponseDue.fill(
                lang,
                &[("left", &age(now, due, lang)), ("when", &local(due))],
            ),
            false,
        ),
    }
}

/// The classification in effect and why, with the first-response clock.
#[component]
pub(super) fn Classification(panel: Panel) -> impl IntoView {
    move || {
        let lang = panel.state.lang.get();
        let a = panel.analysis.get();
        let eff = &a.effective;
        let signals: Vec<String> = eff
            .signals
            .iter()
            .map(|s| s.label().text(lang).to_string())
            .collect();
        let hits = a
            .cue_hits
            .iter()
            .map(|(kind, n)| format!("{} × {n}", kind.label().text(lang)))
            .collect::<Vec<_>>()
            .join(", ");
        let (clock, late) = panel.current.with(|e| first_response_text(e, lang));
        view! {
            <dl class="facts">
                <dt>{Msg::PanelType.text(lang)}</dt>
                <dd id="esc-type">{eff.kind.label().text(lang)}</dd>
                <dt>{Msg::PanelSeverity.text(lang)}</dt>
                <dd id="esc-severity"><span class=format!("badge severity-{}", eff.severity.code())>{eff.severity.label().text(lang)}</span></dd>
                <dt>{Msg::PanelSignals.text(lang)}</dt>
                <dd id="esc-signals">
                    {if signals.is_empty() { Msg::NoSignals.text(lang).to_string() } else { signals.join("; ") }}
                </dd>
                <dt>{Msg::PanelCueWords.text(lang)}</dt>
                <dd id="esc-cues">{if hits.is_empty() { Msg::PanelNoCues.text(lang).to_string() } else { hits }}</dd>
                {eff.override_note(lang).map(|n| view! { <dt>{Msg::PanelOverride.text(lang)}</dt><dd id="esc-override-note">{n}</dd> })}
                <dt>{Msg::PanelFirstResponse.text(lang)}</dt>
                <dd id="esc-first-response" class:alert=late>{clock}</dd>
            </dl>
        }
    }
}

/// The CSM's override of type and severity, which needs a reason; and clearing it.
#[component]
pub(super) fn OverrideForm(panel: Panel) -> impl IntoView {
    let analysis = panel.analysis;
    let kind_choice = RwSignal::new(String::new());
    let severity_choice = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let override_error = RwSignal::new(false);
    let save_override = move |_| {
        let eff = analysis.get_untracked();
        let kind =
            EscalationType::from_code(&kind_choice.get_untracked()).unwrap_or(eff.effective.kind);
        let severity =
            Severity::from_code(&severity_choice.get_untracked()).unwrap_or(eff.effective.severity);
        match ClassificationOverride::new(kind, severity, &reason.get_untracked(), browser::now()) {
            Ok(chosen) => {
                override_error.set(false);
                panel.save(Rc::new(move |e| {
                    e.classification_override = Some(chosen.clone())
                }));
            }
            Err(_) => {
                override_error.set(true);
                browser::focus("override-reason");
            }
        }
    };
    view! {
        <details class="override" id="override">
            <summary>{tr(Msg::PanelOverride)}</summary>
            <div class="override-fields">
                <label>{tr(Msg::PanelType)}
                    <select id="override-type" on:change:target=move |ev| kind_choice.set(ev.target().value())>
                        {move || choice_options(ESCALATION_TYPE_CHOICES, analysis.get().effective.kind.code())}
                    </select>
                </label>
                <label>{tr(Msg::PanelSeverity)}
                    <select id="override-severity" on:change:target=move |ev| severity_choice.set(ev.target().value())>
                        {move || choice_options(SEVERITY_CHOICES, analysis.get().effective.severity.code())}
                    </select>
                </label>
                <label class="wide">{tr(Msg::PanelOverrideReason)}
                    <textarea id="override-reason" rows="2" aria-invalid=move || override_error.get().to_string()
                        prop:value=move || reason.get() on:input:target=move |ev| reason.set(ev.target().value())></textarea>
                </label>
                {move || override_error.get().then(|| view! { <p class="error-text" role="alert">{tr(Msg::EscErrOverrideReason)}</p> })}
            </div>
            <div class="button-row">
                <button type="button" class="button" id="save-override" on:click=save_override>{tr(Msg::PanelSaveOverride)}</button>
                {move || panel.current.with(|e| e.classification_override.is_some()).then(|| view! {
                    <button type="button" class="button" id="clear-override" on:click=move |_| panel.save(Rc::new(|e| e.classification_override = None))>
                        {tr(Msg::PanelClearOverride)}
                    </button>
                })}
            </div>
        </details>
    }
}
