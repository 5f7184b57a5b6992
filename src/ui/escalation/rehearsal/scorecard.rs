//! The scorecard of a rehearsal: each check passed or failed, why, the CSM's line it quotes,
//! and the coach's comment when a model scored it.

use leptos::prelude::*;

use crate::domain::escalation::rehearsal::score::Scorecard;
use crate::domain::form::Coded;
use crate::i18n::Msg;
use crate::ui::state::{tr, use_app};

/// The scorecard, in the interface language.
pub fn scorecard_view(card: Scorecard) -> impl IntoView {
    let lang = use_app().lang.get();
    let checks = card
        .checks
        .iter()
        .map(|c| {
            let (class, verdict) = if c.passed {
                ("check pass", Msg::RehPassed)
            } else {
                ("check fail", Msg::RehFailed)
            };
            view! {
                <li class=class>
                    <strong>{c.check.label().text(lang)}</strong>" — "{verdict.text(lang)}
                    <p>{c.describe(lang)}</p>
                    {c.quote.clone().map(|q| view! { <blockquote>{q}</blockquote> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="scorecard" id="scorecard" aria-labelledby="scorecard-heading">
            <h2 id="scorecard-heading">{tr(Msg::RehScorecard)}</h2>
            <p class="score">{card.summary(lang)}</p>
            <ul class="checks">{checks}</ul>
            {card.comment.map(|text| view! {
                <h3>{tr(Msg::RehComment)}</h3>
                <p class="coach-comment">{text}</p>
            })}
        </section>
    }
}
