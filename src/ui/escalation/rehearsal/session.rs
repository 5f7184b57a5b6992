//! The live conversation: the log (a polite live region), the CSM's reply (Send, or Enter
//! with Ctrl or Cmd), the customer's answer (the built-in customer's next scripted line, or a
//! model's streamed reply), Stop, and "End and score", which stores the scorecard and, with a
//! model, streams the coach's comment beside it. Every line is saved as it is said; a scored
//! rehearsal shows read-only.

use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::draft::DraftSource;
use crate::domain::escalation::rehearsal::customer;
use crate::domain::escalation::rehearsal::{Rehearsal, Speaker};
use crate::i18n::Msg;
use crate::llm::connections::Connection;
use crate::prompts::escalation::rehearsal::{
    conversation, customer_system, score_rehearsal, scoring_system, scoring_user, Persona,
};
use crate::ui::browser;
use crate::ui::escalation::rehearsal::scorecard::scorecard_view;
use crate::ui::escalation::rehearsal::stream::{ask, Live};
use crate::ui::escalation::rehearsal::Context;
use crate::ui::state::{hold_while, tr, use_app, AppState};

/// Saves the rehearsal; a failure is reported.
fn save(state: AppState, r: Rehearsal) {
    leptos::task::spawn_local(async move {
        let Some(db) = state.db() else { return };
        match db.put(&r).await {
            Ok(()) => state.changed(),
            Err(error) => state.report(&error),
        }
    });
}

/// The connection that plays the customer: `Ok(None)` for the built-in customer, `Err` when
/// the connection was deleted since.
fn player(context: &Context, r: &Rehearsal) -> Result<Option<Connection>, ()> {
    match &r.source {
        DraftSource::BuiltIn => Ok(None),
        DraftSource::Model { provider, model } => context
            .connections
            .list
            .iter()
            .find(|c| &c.name == provider && &c.label() == model)
            .cloned()
            .map(Some)
            .ok_or(()),
    }
}

/// The working state of a conversation.
#[derive(Clone, Copy)]
struct Talk {
    rehearsal: RwSignal<Rehearsal>,
    /// The customer's answer, or the coach's comment, streaming.
    live: Live,
    busy: RwSignal<bool>,
    state: AppState,
}

impl Talk {
    /// Adds a line, shows and saves it.
    fn say(self, who: Speaker, text: &str) {
        let mut r = self.rehearsal.get_untracked();
        if r.say(who, text, browser::now()) {
            self.rehearsal.try_set(r.clone());
            save(self.state, r);
        }
    }

    /// The customer answers: the next scripted line, or the model's streamed reply.
    fn answer(self, context: Rc<Context>) {
        let r = self.rehearsal.get_untracked();
        let connection = match player(&context, &r) {
            Ok(Some(c)) => c,
            Ok(None) => {
                let n = r.customer_lines().saturating_sub(1);
                let line = customer::reply(r.kind, r.severity, r.difficulty, r.output_lang, n);
                return self.say(Speaker::Customer, &line);
            }
            Err(()) => {
                let lang = self.state.lang.get_untracked();
                return self
                    .live
                    .error
                    .set(Some(Msg::RehNoConnection.text(lang).to_string()));
            }
        };
        self.busy.set(true);
        leptos::task::spawn_local(async move {
            let persona = Persona {
                escalation: &context.escalation,
                account: &context.account,
                kind: r.kind,
                severity: r.severity,
                difficulty: r.difficulty,
                lang: r.output_lang,
            };
            let system = customer_system(&persona);
            let text = ask(
                &connection,
                &context.names,
                &system,
                &conversation(&r),
                self.live,
                r.output_lang,
            )
            .await;
            self.say(Speaker::Customer, &text);
            self.busy.try_set(false);
        });
    }

    /// Scores the rehearsal and stores it; with a model, the coach's comment follows.
    fn end(self, context: Rc<Context>) {
        let mut r = self.rehearsal.get_untracked();
        let card = score_rehearsal(&r, &context.escalation, &context.effective);
        r.scorecard = Some(card.clone());
        self.rehearsal.set(r.clone());
        save(self.state, r.clone());
        let Ok(Some(connection)) = player(&context, &r) else {
            return;
        };
        self.busy.set(true);
        leptos::task::spawn_local(async move {
            let lang = r.output_lang;
            let user = scoring_user(&r, &card, &context.escalation.contact_name);
            let turns = [(Speaker::Csm, user)];
            let comment = ask(
                &connection,
                &context.names,
                &scoring_system(lang),
                &turns,
                self.live,
                lang,
            )
            .await;
            let comment = comment.trim();
            if !comment.is_empty() {
                let mut card = card;
                card.comment = Some(comment.to_string());
                r.scorecard = Some(card);
                self.rehearsal.try_set(r.clone());
                save(self.state, r);
            }
            self.busy.try_set(false);
        });
    }
}

/// The conversation of rehearsal `initial`.
pub fn session(context: Rc<Context>, initial: Rehearsal) -> impl IntoView {
    let talk = Talk {
        rehearsal: RwSignal::new(initial),
        live: Live::default(),
        busy: RwSignal::new(false),
        state: use_app(),
    };
    on_cleanup(move || talk.live.stop());
    hold_while(move || talk.busy.get());
    // A model opens the call itself.
    if talk
        .rehearsal
        .with_untracked(|r| r.turns.is_empty() && !r.is_scored())
    {
        talk.answer(context.clone());
    }
    let contact = context.escalation.contact_name.clone();
    let shared = StoredValue::new_local(context);
    // A memo: the reply form is built once, not again with every line said.
    let scored = Memo::new(move |_| talk.rehearsal.with(Rehearsal::is_scored));
    view! {
        {transcript(talk, contact)}
        <p class="draft-status" aria-live="polite">
            {move || talk.busy.get().then(|| tr(if scored.get() { Msg::RehCommenting } else { Msg::RehAnswering }))}
        </p>
        {move || talk.live.error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
        {move || (!scored.get()).then(|| reply_form(talk, shared))}
        {move || talk.rehearsal.with(|r| r.scorecard.clone()).map(scorecard_view)}
    }
}

/// The log of the conversation, with the customer's answer as it streams.
fn transcript(talk: Talk, contact: String) -> impl IntoView {
    let lang = use_app().lang;
    let customer = StoredValue::new(contact);
    let name = move |who: Speaker| match who {
        Speaker::Customer if !customer.with_value(String::is_empty) => customer.get_value(),
        _ => who.label().text(lang.get()).to_string(),
    };
    let line = move |who: Speaker, text: String| {
        let class = if who == Speaker::Csm {
            "turn turn-csm"
        } else {
            "turn turn-customer"
        };
        view! { <li class=class><strong>{name(who)}</strong><p>{text}</p></li> }
    };
    let streaming = move || {
        let text = talk.live.text.get()?;
        talk.rehearsal
            .with(|r| !r.is_scored())
            .then(|| line(Speaker::Customer, text))
    };
    view! {
        <ol class="rehearsal-log" id="rehearsal-log" role="log" aria-live="polite" aria-label=tr(Msg::RehConversation)>
            {move || talk.rehearsal.with(|r| r.turns.iter().map(|t| line(t.who, t.text.clone())).collect_view())}
            {streaming}
        </ol>
    }
}

/// The CSM's reply box with Send, Stop and "End and score".
fn reply_form(talk: Talk, context: StoredValue<Rc<Context>, LocalStorage>) -> impl IntoView {
    let reply = RwSignal::new(String::new());
    let send = move || {
        let text = reply.get_untracked();
        if talk.busy.get_untracked() || text.trim().is_empty() {
            return;
        }
        talk.say(Speaker::Csm, &text);
        reply.set(String::new());
        talk.answer(context.get_value());
    };
    view! {
        <form class="rehearsal-reply" novalidate on:submit=move |ev| { ev.prevent_default(); send(); }>
            <label class="block">{tr(Msg::RehYourReply)}
                <textarea id="rehearsal-reply" rows="3" prop:value=move || reply.get()
                    on:input:target=move |ev| reply.set(ev.target().value())
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                            ev.prevent_default();
                            send();
                        }
                    }></textarea>
            </label>
            <p class="hint">{tr(Msg::RehSendHint)}</p>
            <div class="button-row">
                <button type="submit" class="button primary" disabled=move || talk.busy.get()>{tr(Msg::RehSend)}</button>
                <button type="button" class="button" disabled=move || !talk.busy.get() on:click=move |_| talk.live.stop()>{tr(Msg::Stop)}</button>
                <button type="button" class="button" disabled=move || talk.busy.get() on:click=move |_| talk.end(context.get_value())>{tr(Msg::RehEndScore)}</button>
            </div>
        </form>
    }
}
