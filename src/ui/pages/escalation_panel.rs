//! The working panel under an escalation's form: the built-in classification with its
//! rationale and the CSM's override, the status with the one-click event log, the
//! stakeholders to activate, the dated resolution timeline (editable, downloadable as .ics)
//! and the two meeting agendas. Every change is saved to the record at once.

use std::rc::Rc;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::escalation::{
    ClassificationOverride, Effective, Escalation, EventKind, ONE_CLICK_EVENTS, STATUS_CHOICES,
};
use crate::domain::escalation_plan::{
    agenda, calendar, format_local, stakeholders, timeline, Meeting, TimelineItem,
};
use crate::domain::escalation_rules::{
    classify, EscalationType, Severity, ESCALATION_TYPE_CHOICES, SEVERITY_CHOICES,
};
use crate::domain::escalation_schedule::first_response_due;
use crate::domain::form::{Choice, Coded, FormValues};
use crate::domain::record::{age, AccountIndex, AnyRecord};
use crate::domain::time::{local_minute_value, parse_local_minute};
use crate::domain::zone::LocalZone;
use crate::i18n::{Lang, Msg};
use crate::ui::browser::{self, BrowserZone};
use crate::ui::state::{tr, use_app};

/// Everything the panel shows, computed from the record in one place.
#[derive(PartialEq)]
struct Analysis {
    effective: Effective,
    cue_hits: Vec<(EscalationType, usize)>,
    items: Vec<TimelineItem>,
}

fn analyse(e: &Escalation, accounts: &AccountIndex) -> Analysis {
    let today = browser::local_today();
    let account = accounts.get(&e.account_id);
    let rules = classify(e, account, today);
    let effective = e.effective(account, today);
    let items = timeline(e, &effective, &BrowserZone);
    Analysis {
        cue_hits: rules
            .type_hits
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .collect(),
        effective,
        items,
    }
}

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

fn choice_options(choices: &'static [Choice], selected: &'static str) -> impl IntoView {
    choices
        .iter()
        .map(
            |c| view! { <option value=c.value selected=c.value == selected>{tr(c.label)}</option> },
        )
        .collect_view()
}

fn text_list(items: Vec<String>) -> impl IntoView {
    view! { <ul>{items.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul> }
}

/// The panel for the escalation held in `base` (kept up to date, as is the status in the
/// `form` above, so saving the form keeps what the panel changed).
pub fn escalation_panel(
    base: StoredValue<AnyRecord>,
    form: RwSignal<FormValues>,
    accounts: Arc<AccountIndex>,
) -> Option<impl IntoView> {
    let AnyRecord::Escalation(initial) = base.get_value() else {
        return None;
    };
    let state = use_app();
    let current = RwSignal::new(initial);
    let note = RwSignal::new(String::new());
    let override_error = RwSignal::new(false);
    // Recomputed on every save: the analysis depends on the record only.
    let analysis = RwSignal::new(current.with_untracked(|e| Arc::new(analyse(e, &accounts))));
    let accounts = StoredValue::new(accounts);

    // Shows a version of the record here (the form's status included: saving the form must
    // not undo what the panel changed). `try_`: a save may finish after the page is left.
    let show = move |e: &Escalation| {
        analysis.try_set(accounts.with_value(|a| Arc::new(analyse(e, a))));
        form.try_update(|v| {
            v.insert("status", e.status.code().to_string());
        });
        current.try_set(e.clone());
        base.try_set_value(AnyRecord::Escalation(e.clone()));
    };
    // Applies `change` here at once, then to the record as stored now (what another tab
    // saved meanwhile is kept), and saves that.
    let save = move |change: Rc<dyn Fn(&mut Escalation)>| {
        state.update_record(
            AnyRecord::Escalation(current.get_untracked()),
            Rc::new(move |r| {
                if let AnyRecord::Escalation(x) = r {
                    change(x)
                }
            }),
            Rc::new(move |r| {
                if let AnyRecord::Escalation(x) = r {
                    show(x)
                }
            }),
        );
    };

    let kind_choice = RwSignal::new(String::new());
    let severity_choice = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let save_override = move |_| {
        let eff = analysis.get_untracked();
        let kind =
            EscalationType::from_code(&kind_choice.get_untracked()).unwrap_or(eff.effective.kind);
        let severity =
            Severity::from_code(&severity_choice.get_untracked()).unwrap_or(eff.effective.severity);
        match ClassificationOverride::new(kind, severity, &reason.get_untracked(), browser::now()) {
            Ok(chosen) => {
                override_error.set(false);
                save(Rc::new(move |e| {
                    e.classification_override = Some(chosen.clone())
                }));
            }
            Err(_) => {
                override_error.set(true);
                browser::focus("override-reason");
            }
        }
    };

    let download_ics = move |_| {
        let lang = state.lang.get_untracked();
        let e = current.get_untracked();
        let account = accounts.with_value(|a| a.name(&e.account_id));
        let text = calendar(&e, &account, &analysis.get_untracked().items, lang);
        let name = format!(
            "escalation-{}.ics",
            e.id.chars().take(8).collect::<String>()
        );
        if browser::download(&name, "text/calendar", &text).is_err() {
            state.say(Msg::CopyFailed);
        }
    };

    let classification = move || {
        let lang = state.lang.get();
        let a = analysis.get();
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
        let (clock, late) = current.with(|e| first_response_text(e, lang));
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
    };

    let event_log = move || {
        let lang = state.lang.get();
        let mut events = current.get().events;
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
                    .collect_view()}
            </ol>
        }
        .into_any()
    };

    let stakeholder_rows = move || {
        let lang = state.lang.get();
        let a = analysis.get();
        let received = current.with(|e| e.received_at);
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
            .collect_view()
    };

    let timeline_rows = move || {
        let lang = state.lang.get();
        analysis
            .get()
            .items
            .iter()
            .map(|item| {
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
                                        save(Rc::new(move |e| e.edit_timeline(&key, Some(at))));
                                    }
                                } />
                        </td>
                        <td>
                            {item.edited.then(|| view! {
                                <button type="button" class="button small" on:click=move |_| {
                                    let key = reset_key.clone();
                                    save(Rc::new(move |e| e.edit_timeline(&key, None)));
                                }>
                                    {Msg::PanelResetItem.text(lang)}
                                </button>
                            })}
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };

    let agendas = move || {
        let lang = state.lang.get();
        let a = analysis.get();
        let e = current.get();
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
            .collect_view()
    };

    let status_code = move || current.with(|e| e.status.code());
    Some(view! {
        <section class="panel escalation-panel" id="escalation-analysis" aria-labelledby="analysis-heading">
            <h2 id="analysis-heading">{tr(Msg::PanelAnalysis)}</h2>
            <p class="hint">{tr(Msg::PanelAnalysisLede)}</p>
            {classification}
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
                    {move || current.with(|e| e.classification_override.is_some()).then(|| view! {
                        <button type="button" class="button" id="clear-override" on:click=move |_| save(Rc::new(|e| e.classification_override = None))>
                            {tr(Msg::PanelClearOverride)}
                        </button>
                    })}
                </div>
            </details>

            <h3 id="event-log-heading">{tr(Msg::PanelStatusAndLog)}</h3>
            <div class="status-row">
                <label>{tr(Msg::FieldStatus)}" "
                    <select id="esc-status" on:change:target=move |ev| {
                        if let Some(to) = crate::domain::escalation::EscalationStatus::from_code(&ev.target().value()) {
                            save(Rc::new(move |e| { e.set_status(to, browser::now()); }));
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
                            save(Rc::new(move |e| e.log_event(kind, browser::now(), &text)));
                            note.set(String::new());
                        }>{tr(kind.label())}</button>
                    }
                }).collect_view()}
            </div>
            {event_log}

            <h3 id="stakeholders-heading">{tr(Msg::PanelStakeholders)}</h3>
            <div class="table-wrap">
                <table class="records" id="stakeholders" aria-labelledby="stakeholders-heading">
                    <thead><tr><th>{tr(Msg::PanelWho)}</th><th>{tr(Msg::PanelNeed)}</th><th>{tr(Msg::PanelBy)}</th></tr></thead>
                    <tbody>{stakeholder_rows}</tbody>
                </table>
            </div>

            <h3 id="timeline-heading">{tr(Msg::PanelTimeline)}</h3>
            <p class="hint">{move || Msg::PanelTimelineHint.fill(state.lang.get(), &[("zone", &browser::zone_name())])}</p>
            <div class="table-wrap">
                <table class="records timeline" id="timeline" aria-labelledby="timeline-heading">
                    <tbody>{timeline_rows}</tbody>
                </table>
            </div>
            <div class="button-row">
                <button type="button" class="button" id="download-ics" on:click=download_ics>{tr(Msg::PanelDownloadIcs)}</button>
            </div>

            <h3>{tr(Msg::PanelAgendas)}</h3>
            <div class="agendas">{agendas}</div>
        </section>
    })
}
