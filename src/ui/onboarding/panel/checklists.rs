//! The project's integration checklists (questions for IT and go criteria per kind of
//! integration), the go/no-go list and the risk register.

use leptos::prelude::*;

use crate::domain::onboarding::plan::{go_no_go, integration_checklists};
use crate::domain::onboarding::risks::risk_register;
use crate::i18n::{Lang, Msg};
use crate::ui::list::CollectAny;
use crate::ui::state::tr;

use super::Panel;

fn msgs(list: &[Msg], lang: Lang) -> impl IntoView {
    let texts: Vec<&'static str> = list.iter().map(|m| m.text(lang)).collect();
    view! { <ul>{texts.into_iter().map(|t| view! { <li>{t}</li> }).collect_any()}</ul> }
}

/// A checklist per integration the project needs, then go/no-go.
#[component]
pub(super) fn Checklists(panel: Panel) -> impl IntoView {
    let checklists = move || {
        let lang = panel.state.lang.get();
        let v = panel.computed();
        let segment = &v.computed.segment;
        view! {
            {integration_checklists(segment).into_iter().map(|(kind, questions, criteria)| view! {
                <article class="agenda">
                    <h4>{kind.label().text(lang)}</h4>
                    <h5>{Msg::ObFactItQuestions.text(lang)}</h5>
                    {msgs(questions, lang)}
                    <h5>{Msg::ObGoCriteriaHeading.text(lang)}</h5>
                    {msgs(criteria, lang)}
                </article>
            }).collect_any()}
            <article class="agenda" id="ob-go-no-go">
                <h4>{Msg::ObFactGoNoGo.text(lang)}</h4>
                {msgs(&go_no_go(segment), lang)}
            </article>
        }
    };
    view! { <div class="agendas">{checklists}</div> }
}

/// The risks of a project like this one: signal, mitigation and trigger.
#[component]
pub(super) fn RiskRegister(panel: Panel) -> impl IntoView {
    let risks = move || {
        let lang = panel.state.lang.get();
        let v = panel.computed();
        risk_register(&v.computed.segment)
            .into_iter()
            .map(|r| {
                view! {
                    <tr>
                        <td>{r.title.text(lang)}</td>
                        <td>{r.signal.text(lang)}</td>
                        <td>{r.mitigation.text(lang)}</td>
                        <td>{r.trigger.text(lang)}</td>
                    </tr>
                }
            })
            .collect_any()
    };
    view! {
        // Scrolls sideways on a narrow screen: focusable, so the keyboard can scroll it.
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="ob-risks-heading">
            <table class="records" id="ob-risks" aria-labelledby="ob-risks-heading">
                <thead><tr>
                    <th>{tr(Msg::ObColRisk)}</th><th>{tr(Msg::ObColSignal)}</th><th>{tr(Msg::ObColMitigation)}</th><th>{tr(Msg::ObColTrigger)}</th>
                </tr></thead>
                <tbody>{risks}</tbody>
            </table>
        </div>
    }
}
