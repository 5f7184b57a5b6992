//! The working panel under a feedback item's form: its stage with the overdue flag, one-click
//! stage changes (each dated), the stage history, its themes and the commitments made to the
//! customer with their due dates. Every change is saved at once.

use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::escalation_plan::format_local;
use crate::domain::feedback::{CustomerCommitment, FeedbackItem, Stage, Theme, STAGE_CHOICES};
use crate::domain::feedback_stats::overdue;
use crate::domain::form::{Choice, Coded, FormValues};
use crate::domain::record::AnyRecord;
use crate::domain::time::parse_iso_date;
use crate::domain::zone::LocalZone;
use crate::i18n::Msg;
use crate::storage::error::StorageError;
use crate::ui::browser::{self, BrowserZone};
use crate::ui::load::load;
use crate::ui::state::{tr, use_app};

/// The panel for the feedback item held in `base` (kept up to date, as is the stage in the
/// `form` above, so saving the form keeps what the panel changed).
pub fn feedback_panel(
    base: StoredValue<AnyRecord>,
    form: RwSignal<FormValues>,
) -> Option<impl IntoView> {
    let AnyRecord::Feedback(initial) = base.get_value() else {
        return None;
    };
    let state = use_app();
    let current = RwSignal::new(initial);
    let themes = load(move || {
        state.data_version.track();
        let db = state.db();
        Box::pin(async move {
            let db = db.ok_or(StorageError::Unavailable)?;
            db.list::<Theme>().await
        })
    });
    let show = move |item: &FeedbackItem| {
        form.try_update(|v| {
            v.insert("stage", item.stage.code().to_string());
        });
        current.try_set(item.clone());
        base.try_set_value(AnyRecord::Feedback(item.clone()));
    };
    // Applies `change` here at once, then to the record as stored now (what another tab
    // saved meanwhile is kept), and saves that.
    let save = move |change: Rc<dyn Fn(&mut FeedbackItem)>| {
        state.update_record(
            AnyRecord::Feedback(current.get_untracked()),
            Rc::new(move |r| {
                if let AnyRecord::Feedback(x) = r {
                    change(x)
                }
            }),
            Rc::new(move |r| {
                if let AnyRecord::Feedback(x) = r {
                    show(x)
                }
            }),
        );
    };

    let stage_line = move || {
        let lang = state.lang.get();
        let item = current.get();
        let flag = overdue(&item, browser::now());
        view! {
            <dl class="facts" id="fb-stage">
                <dt>{Msg::FieldStage.text(lang)}</dt>
                <dd>{item.stage.label().text(lang)}</dd>
                <dt>{Msg::FbPanelOverdue.text(lang)}</dt>
                <dd id="fb-overdue" class:alert=flag.is_some()>
                    {flag.map_or(Msg::FbPanelOnTime.text(lang), |f| f.label().text(lang))}
                </dd>
            </dl>
        }
    };

    let stage_buttons = move || {
        let here = current.with(|i| i.stage);
        STAGE_CHOICES
            .iter()
            .filter(move |c| c.value != here.code())
            .map(move |c: &'static Choice| {
                let stage = Stage::from_code(c.value);
                view! {
                    <button type="button" class="button small" data-stage=c.value on:click=move |_| {
                        if let Some(stage) = stage {
                            save(Rc::new(move |i| i.move_to(stage, browser::now())));
                        }
                    }>{tr(c.label)}</button>
                }
            })
            .collect_view()
    };

    let history = move || {
        let lang = state.lang.get();
        let mut changes = current.get().stage_history;
        changes.reverse();
        view! {
            <ol class="event-log" id="fb-history" aria-labelledby="fb-history-heading">
                {changes.into_iter().map(|c| view! {
                    <li>
                        <time>{format_local(BrowserZone.local(c.at))}</time>" "
                        <strong>{c.stage.label().text(lang)}</strong>
                    </li>
                }).collect_view()}
            </ol>
        }
    };

    let theme_names = move || {
        let lang = state.lang.get();
        let ids = current.with(|i| i.theme_ids.clone());
        let names: Vec<String> = themes.with(|t| match t {
            Some(Ok(themes)) => themes
                .iter()
                .filter(|t| ids.contains(&t.id))
                .map(|t| t.name.clone())
                .collect(),
            _ => Vec::new(),
        });
        if names.is_empty() {
            Msg::FbPanelNoThemes.text(lang).to_string()
        } else {
            names.join(", ")
        }
    };

    let what = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let commitment_error = RwSignal::new(false);
    let add_commitment = move || {
        let text = what.get_untracked().trim().to_string();
        match parse_iso_date(&due.get_untracked()) {
            Some(date) if !text.is_empty() => {
                commitment_error.set(false);
                let commitment = CustomerCommitment {
                    what: text,
                    due: date,
                    kept_on: None,
                };
                save(Rc::new(move |i| i.commitments.push(commitment.clone())));
                what.set(String::new());
                due.set(String::new());
            }
            _ => {
                commitment_error.set(true);
                browser::focus("fb-commitment-what");
            }
        }
    };
    let commitments = move || {
        let lang = state.lang.get();
        let today = browser::local_today();
        let list = current.get().commitments;
        if list.is_empty() {
            return view! { <p class="hint">{Msg::FbPanelNoCommitments.text(lang)}</p> }.into_any();
        }
        view! {
            <ul class="commitments" id="fb-commitments" aria-labelledby="fb-commitments-heading">
                {list.into_iter().enumerate().map(|(n, c)| {
                    let late = c.is_late(today);
                    let state_text = match c.kept_on {
                        Some(day) => Msg::FbPanelKeptOn.fill(lang, &[("date", &day.to_string())]),
                        None => Msg::FbPanelDueOn.fill(lang, &[("date", &c.due.to_string())]),
                    };
                    let open = c.kept_on.is_none();
                    view! {
                        <li class:alert=late>
                            <span>{c.what}</span>" — "<span>{state_text}</span>" "
                            {open.then(|| view! {
                                <button type="button" class="button small" on:click=move |_| {
                                    let today = browser::local_today();
                                    save(Rc::new(move |i| {
                                        if let Some(c) = i.commitments.get_mut(n) {
                                            c.kept_on = Some(today);
                                        }
                                    }));
                                }>{Msg::FbPanelKept.text(lang)}</button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };

    Some(view! {
        <section class="panel feedback-panel" id="feedback-loop" aria-labelledby="fb-heading">
            <h2 id="fb-heading">{tr(Msg::FbPanelHeading)}</h2>
            {stage_line}
            <h3>{tr(Msg::FbPanelMoveTo)}</h3>
            <div class="button-row event-buttons" id="fb-stage-buttons">{stage_buttons}</div>
            <h3 id="fb-history-heading">{tr(Msg::FbPanelHistory)}</h3>
            {history}
            <h3>{tr(Msg::FbPanelThemes)}</h3>
            <p id="fb-themes">{theme_names}</p>
            <h3 id="fb-commitments-heading">{tr(Msg::FbPanelCommitments)}</h3>
            {commitments}
            <form class="status-row" id="fb-add-commitment" on:submit=move |ev| { ev.prevent_default(); add_commitment(); }>
                <label class="grow">{tr(Msg::FbPanelWhat)}" "
                    <input type="text" id="fb-commitment-what" prop:value=move || what.get()
                        on:input:target=move |ev| what.set(ev.target().value()) />
                </label>
                <label>{tr(Msg::FbPanelDue)}" "
                    <input type="date" id="fb-commitment-due" prop:value=move || due.get()
                        on:input:target=move |ev| due.set(ev.target().value()) />
                </label>
                <button type="submit" class="button">{tr(Msg::FbPanelAddCommitment)}</button>
            </form>
            {move || commitment_error.get().then(|| view! { <p class="error-text" role="alert">{tr(Msg::FbPanelCommitmentError)}</p> })}
        </section>
    })
}
