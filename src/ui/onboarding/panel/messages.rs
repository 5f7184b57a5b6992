//! What the CSM sends and keeps: the kickoff agenda, the weekly status and the slip message
//! (each to copy or open in the mail client), and the post-onboarding retrospective.

use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::onboarding::progress::Retrospective;
use crate::i18n::{Lang, Msg};
use crate::prompts::mailto_link;
use crate::prompts::onboarding::comms::{
    kickoff_agenda, slip_message, weekly_status, Communication,
};
use crate::ui::browser;
use crate::ui::state::{tr, use_app};

use super::Panel;

/// A message to send: subject, body, and buttons to copy it or open it in the mail client.
fn message(id: &'static str, title: Msg, c: Communication, lang: Lang) -> impl IntoView {
    let state = use_app();
    let href = mailto_link("", &c.subject, &c.body);
    let text = format!("{}\n\n{}", c.subject, c.body);
    let heading = format!("{id}-title");
    view! {
        <article class="agenda message" id=id>
            <h4 id=heading.clone()>{title.text(lang)}</h4>
            <p class="message-subject">{c.subject}</p>
            // Scrolls when long: focusable, so the keyboard can scroll it too.
            <pre class="message-body" tabindex="0" role="region" aria-labelledby=heading>{c.body}</pre>
            <div class="button-row">
                <button type="button" class="button small" on:click=move |_| {
                    let text = text.clone();
                    leptos::task::spawn_local(async move {
                        state.say(if browser::copy_text(&text).await { Msg::Copied } else { Msg::CopyFailed });
                    });
                }>{Msg::ObCopyMessage.text(lang)}</button>
                <a class="button small" href=href>{Msg::OpenInMail.text(lang)}</a>
            </div>
        </article>
    }
}

/// The kickoff agenda, the weekly status, and the slip message when a milestone slipped.
#[component]
pub(super) fn Messages(panel: Panel) -> impl IntoView {
    let messages = move || {
        let lang = panel.state.lang.get();
        let v = panel.computed();
        let customer = v.account.as_ref().map_or("", |a| a.name.as_str());
        let plan = &v.computed.plan;
        let today = v.computed.today;
        view! {
            {message("ob-kickoff", Msg::ObKickoffHeading, kickoff_agenda(&v.project, customer, plan, lang), lang)}
            {message("ob-weekly", Msg::ObWeeklyHeading, weekly_status(&v.project, customer, plan, today, lang), lang)}
            {match slip_message(&v.project, customer, plan, today, lang) {
                Some(c) => message("ob-slip", Msg::ObSlipHeading, c, lang).into_any(),
                None => view! { <p class="hint" id="ob-slip">{Msg::ObNoSlip.text(lang)}</p> }.into_any(),
            }}
        }
    };
    view! { <div class="agendas no-print">{messages}</div> }
}

/// The post-onboarding retrospective: what went well and the lessons, saved with today's date.
#[component]
pub(super) fn RetrospectiveForm(panel: Panel) -> impl IntoView {
    let (state, current) = (panel.state, panel.current);
    let existing = current.with_untracked(|p| p.retrospective.clone());
    let went_well = RwSignal::new(
        existing
            .as_ref()
            .map(|r| r.went_well.clone())
            .unwrap_or_default(),
    );
    let lessons = RwSignal::new(existing.map(|r| r.lessons).unwrap_or_default());
    let held = move || current.with(|p| p.retrospective.as_ref().map(|r| r.date.to_string()));
    view! {
        <section class="no-print" id="ob-retro">
            <h3>{tr(Msg::ObRetroHeading)}</h3>
            <p class="hint">{move || held().map_or_else(
                || Msg::ObRetroLede.text(state.lang.get()).to_string(),
                |date| Msg::ObRetroHeld.fill(state.lang.get(), &[("date", &date)]),
            )}</p>
            <label class="block">{tr(Msg::ObRetroWentWell)}
                <textarea id="ob-went-well" rows="3" prop:value=move || went_well.get()
                    on:input:target=move |ev| went_well.set(ev.target().value())></textarea>
            </label>
            <label class="block">{tr(Msg::ObRetroLessons)}
                <textarea id="ob-lessons" rows="3" prop:value=move || lessons.get()
                    on:input:target=move |ev| lessons.set(ev.target().value())></textarea>
            </label>
            <div class="button-row">
                <button type="button" class="button" id="ob-save-retro" on:click=move |_| {
                    let retro = Retrospective {
                        date: browser::local_today(),
                        went_well: went_well.get_untracked(),
                        lessons: lessons.get_untracked(),
                    };
                    panel.save(Rc::new(move |p| p.retrospective = Some(retro.clone())));
                }>{tr(Msg::ObRetroSave)}</button>
            </div>
        </section>
    }
}
