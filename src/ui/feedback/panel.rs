//! The working panel under a feedback item's form: its stage with the overdue flag, one-click
//! stage changes (each dated), the stage history, its themes and the commitments made to the
//! customer with their due dates. Every change is saved at once.

use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::escalation::plan::format_local;
use crate::domain::feedback::stats::overdue;
use crate::domain::feedback::{CustomerCommitment, FeedbackItem, Stage, Theme, STAGE_CHOICES};
use crate::domain::form::{Choice, Coded, FormValues};
use crate::domain::record::AnyRecord;
use crate::domain::time::parse_iso_date;
use crate::domain::time::zone::LocalZone;
use crate::i18n::Msg;
use crate::ui::browser::{self, BrowserZone};
use crate::ui::list::CollectAny;
use crate::ui::load::load_db;
use crate::ui::state::{tr, use_app};

/// A change to the item, applied here at once and then to the item as stored.
type Change = Rc<dyn Fn(&mut FeedbackItem)>;

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
    let item = RwSignal::new(initial);
    let show = move |shown: &FeedbackItem| {
        form.try_update(|v| {
            v.insert("stage", shown.stage.code().to_string());
        });
        item.try_set(shown.clone());
        base.try_set_value(AnyRecord::Feedback(shown.clone()));
    };
    // Applies the change here at once, then to the record as stored now (what another tab
    // saved meanwhile is kept), and saves that.
    let save = Callback::new(move |change: Change| {
        state.update_record(
            AnyRecord::Feedback(item.get_untracked()),
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
    });
    Some(view! {
        <section class="panel feedback-panel" id="feedback-loop" aria-labelledby="fb-heading">
            <h2 id="fb-heading">{tr(Msg::FbPanelHeading)}</h2>
            <StageLine item/>
            <h3>{tr(Msg::FbPanelMoveTo)}</h3>
            <StageButtons item save/>
            <h3 id="fb-history-heading">{tr(Msg::FbPanelHistory)}</h3>
            <History item/>
            <h3>{tr(Msg::FbPanelThemes)}</h3>
            <ThemeNames item/>
            <h3 id="fb-commitments-heading">{tr(Msg::FbPanelCommitments)}</h3>
            <Commitments item save/>
            <AddCommitment save/>
        </section>
    })
}

/// The item's stage and whether it is overdue.
#[component]
fn StageLine(item: RwSignal<FeedbackItem>) -> impl IntoView {
    let state = use_app();
    move || {
        let lang = state.lang.get();
        let item = item.get();
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
    }
}

/// A button per other stage; a click moves the item there, dated now.
#[component]
fn StageButtons(item: RwSignal<FeedbackItem>, save: Callback<Change>) -> impl IntoView {
    let buttons = move || {
        let here = item.with(|i| i.stage);
        STAGE_CHOICES
            .iter()
            .filter(move |c| c.value != here.code())
            .map(move |c: &'static Choice| {
                let stage = Stage::from_code(c.value);
                view! {
                    <button type="button" class="button small" data-stage=c.value on:click=move |_| {
                        if let Some(stage) = stage {
                            save.run(Rc::new(move |i| i.move_to(stage, browser::now())));
                        }
                    }>{tr(c.label)}</button>
                }
            })
            .collect_any()
    };
    view! { <div class="button-row event-buttons" id="fb-stage-buttons">{buttons}</div> }
}

/// The stage changes, newest first.
#[component]
fn History(item: RwSignal<FeedbackItem>) -> impl IntoView {
    let state = use_app();
    move || {
        let lang = state.lang.get();
        let mut changes = item.get().stage_history;
        changes.reverse();
        view! {
            <ol class="event-log" id="fb-history" aria-labelledby="fb-history-heading">
                {changes.into_iter().map(|c| view! {
                    <li>
                        <time>{format_local(BrowserZone.local(c.at))}</time>" "
                        <strong>{c.stage.label().text(lang)}</strong>
                    </li>
                }).collect_any()}
            </ol>
        }
    }
}

/// The names of the item's themes.
#[component]
fn ThemeNames(item: RwSignal<FeedbackItem>) -> impl IntoView {
    let state = use_app();
    let themes = load_db(move |db| async move { db.list::<Theme>().await });
    let names = move || {
        let lang = state.lang.get();
        let ids = item.with(|i| i.theme_ids.clone());
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
    view! { <p id="fb-themes">{names}</p> }
}

/// The commitments made to the customer: what, when due or kept, late ones flagged, and a
/// button to mark an open one kept today.
#[component]
fn Commitments(item: RwSignal<FeedbackItem>, save: Callback<Change>) -> impl IntoView {
    let state = use_app();
    move || {
        let lang = state.lang.get();
        let today = browser::local_today();
        let list = item.get().commitments;
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
                                    save.run(Rc::new(move |i| {
                                        if let Some(c) = i.commitments.get_mut(n) {
                                            c.kept_on = Some(today);
                                        }
                                    }));
                                }>{Msg::FbPanelKept.text(lang)}</button>
                            })}
                        </li>
                    }
                }).collect_any()}
            </ul>
        }
        .into_any()
    }
}

/// The form to add a commitment: what and when due, both needed.
#[component]
fn AddCommitment(save: Callback<Change>) -> impl IntoView {
    let what = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let error = RwSignal::new(false);
    let add = move || {
        let text = what.get_untracked().trim().to_string();
        match parse_iso_date(&due.get_untracked()) {
            Some(date) if !text.is_empty() => {
                error.set(false);
                let commitment = CustomerCommitment {
                    what: text,
                    due: date,
                    kept_on: None,
                };
                save.run(Rc::new(move |i| i.commitments.push(commitment.clone())));
                what.set(String::new());
                due.set(String::new());
            }
            _ => {
                error.set(true);
                browser::focus("fb-commitment-what");
            }
        }
    };
    view! {
        <form class="status-row" id="fb-add-commitment" on:submit=move |ev| { ev.prevent_default(); add(); }>
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
        {move || error.get().then(|| view! { <p class="error-text" role="alert">{tr(Msg::FbPanelCommitmentError)}</p> })}
    }
}
