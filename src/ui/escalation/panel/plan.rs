//! The escalation's plan: the stakeholders to activate and by when, the dated resolution
//! timeline (each date editable, all downloadable as .ics) and the two meeting agendas.

use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::escalation::plan::{calendar, format_local, stakeholders, TimelineItem};
use crate::domain::time::zone::LocalZone;
use crate::domain::time::{local_minute_value, parse_local_minute};
use crate::i18n::{Lang, Msg};
use crate::prompts::escalation::agendas::{agenda, Meeting};
use crate::ui::browser::{self, BrowserZone};
use crate::ui::list::CollectAny;
use crate::ui::state::tr;

use super::Panel;

fn text_list(items: Vec<String>) -> impl IntoView {
    view! { <ul>{items.into_iter().map(|t| view! { <li>{t}</li> }).collect_any()}</ul> }
}

/// Who to involve, what is needed of them and by when.
#[component]
pub(super) fn Stakeholders(panel: Panel) -> impl IntoView {
    let rows = move || {
        let lang = panel.state.lang.get();
        let a = panel.analysis.get();
        let received = panel.current.with(|e| e.received_at);
        stakeholders(&a.effective, received, &BrowserZone)
            .into_iter()
            .map(|s| {
                let due = format_local(BrowserZone.local(s.due));
                view! {
                    <tr>
                        <td>{s.role.label().text(lang)}</td>
                        <td>{s.need.text(lang)}</td>
                        <td>{due}</td>
                    </tr>
                }
            })
            .collect_any()
    };
    view! {
        // Scrolls sideways on a narrow screen: focusable, so the keyboard can scroll it.
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="stakeholders-heading">
            <table class="records" id="stakeholders" aria-labelledby="stakeholders-heading">
                <thead><tr><th>{tr(Msg::PanelWho)}</th><th>{tr(Msg::PanelNeed)}</th><th>{tr(Msg::PanelBy)}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The resolution timeline in the browser's time zone, each date editable, and its .ics.
#[component]
pub(super) fn Timeline(panel: Panel) -> impl IntoView {
    let state = panel.state;
    let download_ics = move |_| {
        let lang = state.lang.get_untracked();
        let e = panel.current.get_untracked();
        let account = panel.accounts.with_value(|a| a.name(&e.account_id));
        let text = calendar(&e, &account, &panel.analysis.get_untracked().items, lang);
        let name = format!(
            "escalation-{}.ics",
            e.id.chars().take(8).collect::<String>()
        );
        if browser::download(&name, "text/calendar", &text).is_err() {
            state.say(Msg::CopyFailed);
        }
    };
    let rows = move || {
        let lang = state.lang.get();
        panel
            .analysis
            .get()
            .items
            .iter()
            .map(|item| timeline_row(panel, item, lang))
            .collect_any()
    };
    view! {
        <p class="hint">{move || Msg::PanelTimelineHint.fill(state.lang.get(), &[("zone", &browser::zone_name())])}</p>
        <div class="table-wrap">
            <table class="records timeline" id="timeline" aria-labelledby="timeline-heading">
                <tbody>{rows}</tbody>
            </table>
        </div>
        <div class="button-row">
            <button type="button" class="button" id="download-ics" on:click=download_ics>{tr(Msg::PanelDownloadIcs)}</button>
        </div>
    }
}

/// One milestone of the timeline: its date, editable, and a reset once edited.
fn timeline_row(panel: Panel, item: &TimelineItem, lang: Lang) -> impl IntoView {
    let key = item.key.clone();
    let reset_key = item.key.clone();
    let id = format!("when-{}", item.key);
    view! {
        <tr class:edited=item.edited>
            <td><label for=id.clone()>{item.milestone.label(lang)}</label></td>
            <td>
                <input type="datetime-local" id=id prop:value=local_minute_value(item.local)
                    on:change:target=move |ev| {
                        if let Some(local) = parse_local_minute(&ev.target().value()) {
                            let at = BrowserZone.instant_of(local);
                            let key = key.clone();
                            panel.save(Rc::new(move |e| e.edit_timeline(&key, Some(at))));
                        }
                    } />
            </td>
            <td>
                {item.edited.then(|| view! {
                    <button type="button" class="button small" on:click=move |_| {
                        let key = reset_key.clone();
                        panel.save(Rc::new(move |e| e.edit_timeline(&key, None)));
                    }>
                        {Msg::PanelResetItem.text(lang)}
                    </button>
                })}
            </td>
        </tr>
    }
}

/// The internal and the customer call: when, the points, and what may and must not be
/// promised.
#[component]
pub(super) fn Agendas(panel: Panel) -> impl IntoView {
    let agendas = move || {
        let lang = panel.state.lang.get();
        let a = panel.analysis.get();
        let e = panel.current.get();
        [Meeting::InternalCall, Meeting::CustomerCall]
            .into_iter()
            .map(|meeting| {
                let ag = agenda(meeting, &e, &a.effective, &a.items, lang);
                let when = ag.at.map(format_local).unwrap_or_default();
                view! {
                    <article class="agenda">
                        <h4>{ag.meeting.label().text(lang)}" "<time>{when}</time></h4>
                        <h5>{Msg::EscAgendaPoints.text(lang)}</h5>
                        {text_list(ag.points)}
                        <h5>{Msg::EscMayPromise.text(lang)}</h5>
                        {text_list(ag.may_promise)}
                        <h5>{Msg::EscMustNotPromise.text(lang)}</h5>
                        {text_list(ag.must_not_promise)}
                    </article>
                }
            })
            .collect_any()
    };
    view! { <div class="agendas">{agendas}</div> }
}
