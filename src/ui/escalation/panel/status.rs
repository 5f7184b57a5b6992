//! The escalation's status and its event log: the status select, a note and the one-click
//! events, then the events logged, newest first.

use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::escalation::plan::format_local;
use crate::domain::escalation::{EscalationStatus, EventKind, ONE_CLICK_EVENTS, STATUS_CHOICES};
use crate::domain::form::Coded;
use crate::domain::time::zone::LocalZone;
use crate::i18n::Msg;
use crate::ui::browser::{self, BrowserZone};
use crate::ui::list::CollectAny;
use crate::ui::state::tr;

use super::{choice_options, Panel};

/// The status select, the note for the next event and the one-click event buttons.
#[component]
pub(super) fn StatusControls(panel: Panel) -> impl IntoView {
    let note = RwSignal::new(String::new());
    let status_code = move || panel.current.with(|e| e.status.code());
    view! {
        <div class="status-row">
            <label>{tr(Msg::FieldStatus)}" "
                <select id="esc-status" on:change:target=move |ev| {
                    if let Some(to) = EscalationStatus::from_code(&ev.target().value()) {
                        panel.save(Rc::new(move |e| { e.set_status(to, browser::now()); }));
                    }
                }>
                    {move || choice_options(STATUS_CHOICES, status_code())}
                </select>
            </label>
            <label class="grow">
                <span class="visually-hidden">{tr(Msg::PanelEventNote)}</span>
                <input type="text" id="event-note" placeholder=tr(Msg::PanelEventNote)
                    prop:value=move || note.get() on:input:target=move |ev| note.set(ev.target().value()) />
            </label>
        </div>
        <div class="button-row event-buttons">
            {ONE_CLICK_EVENTS.iter().map(|kind| {
                let kind: EventKind = *kind;
                view! {
                    <button type="button" class="button small" on:click=move |_| {
                        let text = note.get_untracked();
                        panel.save(Rc::new(move |e| e.log_event(kind, browser::now(), &text)));
                        note.set(String::new());
                    }>{tr(kind.label())}</button>
                }
            }).collect_any()}
        </div>
    }
}

/// The events logged, newest first.
#[component]
pub(super) fn EventLog(panel: Panel) -> impl IntoView {
    move || {
        let lang = panel.state.lang.get();
        let mut events = panel.current.get().events;
        events.reverse();
        if events.is_empty() {
            return view! { <p class="hint">{Msg::PanelNoEvents.text(lang)}</p> }.into_any();
        }
        view! {
            <ol class="event-log" id="event-log" aria-labelledby="event-log-heading">
                {events
                    .into_iter()
                    .map(|ev| {
                        let when = format_local(BrowserZone.local(ev.at));
                        view! {
                            <li>
                                <time>{when}</time>" "
                                <strong>{ev.kind.describe(lang)}</strong>
                                {(!ev.note.is_empty()).then(|| view! { <span class="event-note">{format!(" — {}", ev.note)}</span> })}
                            </li>
                        }
                    })
                    .collect_any()}
            </ol>
        }
        .into_any()
    }
}
