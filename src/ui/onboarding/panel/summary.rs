//! The top of the onboarding panel: the computed facts (tier, factors, risk flags, dates,
//! phase, progress), the yellow flags and the playbook version the project follows.

use std::rc::Rc;

use crate::ui::list::CollectAny;
use leptos::prelude::*;

use crate::i18n::Msg;
use crate::prompts::onboarding::facts::facts_of;

use super::Panel;

/// The facts of the summary at the top of the panel, in this order.
const SUMMARY: &[Msg] = &[
    Msg::ObFactTier,
    Msg::ObFactFactors,
    Msg::ObFactRiskFlags,
    Msg::ObFactDuration,
    Msg::ObFactPlanDates,
    Msg::ObFactPlanWarning,
    Msg::ObFactCurrentPhase,
    Msg::ObFactProgress,
];

/// The project's computed facts.
#[component]
pub(super) fn Summary(panel: Panel) -> impl IntoView {
    move || {
        let lang = panel.state.lang.get();
        let v = panel.computed();
        let facts = facts_of(&v.project, v.account.as_ref(), &v.computed, lang);
        view! {
            <dl class="facts" id="ob-summary">
                {SUMMARY.iter().filter_map(|label| {
                    let value = facts.iter().find(|(l, _)| l == label)?.1.clone();
                    Some(view! { <dt>{label.text(lang)}</dt><dd>{value}</dd> })
                }).collect_any()}
            </dl>
        }
    }
}

/// The yellow flags raised as of today, or a line saying there are none.
#[component]
pub(super) fn YellowFlags(panel: Panel) -> impl IntoView {
    move || {
        let lang = panel.state.lang.get();
        let v = panel.computed();
        if v.computed.flags.is_empty() {
            return view! { <p class="hint" id="ob-flags">{Msg::ObNoYellowFlags.text(lang)}</p> }
                .into_any();
        }
        view! {
            <ul class="alert-list" id="ob-flags" aria-labelledby="ob-flags-heading">
                {v.computed.flags.iter().map(|f| view! { <li class="alert">{f.text(lang)}</li> }).collect_any()}
            </ul>
        }
        .into_any()
    }
}

/// The playbook version the project follows, chosen among the saved ones.
#[component]
pub(super) fn PlaybookChoice(panel: Panel) -> impl IntoView {
    move || {
        let lang = panel.state.lang.get();
        let chosen = panel
            .current
            .with(|p| p.playbook_id.clone())
            .unwrap_or_default();
        let playbooks = panel.playbooks();
        view! {
            <label>{Msg::ObPlaybookLabel.text(lang)}" "
                <select id="ob-playbook" on:change:target=move |ev| {
                    let id = ev.target().value();
                    panel.save(Rc::new(move |p| p.playbook_id = (!id.is_empty()).then(|| id.clone())));
                }>
                    <option value="" selected=chosen.is_empty()>{Msg::ObNoPlaybook.text(lang)}</option>
                    {playbooks.into_iter().map(|pb| {
                        let label = Msg::ObPlaybookVersion.fill(lang, &[("name", &pb.name), ("version", &pb.version.to_string())]);
                        view! { <option value=pb.id.clone() selected=pb.id == chosen>{label}</option> }
                    }).collect_any()}
                </select>
            </label>
        }
    }
}
