//! The playbooks section of the onboarding workspace: each playbook version with what it
//! customises, which steps its projects skipped, changed or added most, the customisations
//! proposed from them, and the button that makes the next version adopt those proposals.

use leptos::prelude::*;

use crate::domain::onboarding::plan::task_title;
use crate::domain::onboarding::progress::{
    proposal_text, proposed_customisations, step_stats, with_phases,
};
use crate::domain::onboarding::{OnboardingProject, Playbook};
use crate::domain::sorting;
use crate::i18n::{Lang, Msg};
use crate::storage::error::StorageError;
use crate::ui::browser;
use crate::ui::list::CollectAny;
use crate::ui::load::load_db;
use crate::ui::shell::load_failure;
use crate::ui::state::{tr, use_app};

/// How many of a version's most common changes are listed.
const SHOWN_STATS: usize = 8;

pub fn playbooks_section() -> impl IntoView {
    let state = use_app();
    let data = load_db(move |db| async move {
        let mut playbooks = db.list::<Playbook>().await?;
        sorting::sort_by(&mut playbooks, |a, b| {
            a.name.cmp(&b.name).then(b.version.cmp(&a.version))
        });
        let projects = db.list::<OnboardingProject>().await?;
        Ok::<_, StorageError>((playbooks, projects))
    });
    let name = RwSignal::new(String::new());
    let segment = RwSignal::new(String::new());
    let put = move |playbook: Playbook| {
        leptos::task::spawn_local(async move {
            let Some(db) = state.db() else { return };
            match db.put(&playbook).await {
                Ok(()) => {
                    state.changed();
                    state.say(Msg::Saved);
                }
                Err(error) => state.report(&error),
            }
        });
    };
    let create = move || {
        let title = name.get_untracked().trim().to_string();
        if title.is_empty() {
            browser::focus("playbook-name");
            return;
        }
        put(Playbook {
            id: browser::new_id(),
            name: title,
            segment: segment.get_untracked().trim().to_string(),
            version: 1,
            created_at: browser::now(),
            skipped_tasks: Vec::new(),
            added_steps: Vec::new(),
        });
        name.set(String::new());
        segment.set(String::new());
    };
    let rows = move || {
        let lang = state.lang.get();
        data.with(|loaded| match loaded {
            Some(Ok((playbooks, projects))) => playbooks
                .iter()
                .map(|pb| version_row(pb, projects, lang, put))
                .collect_any()
                .into_any(),
            Some(Err(error)) => load_failure(error.clone()).into_any(),
            None => ().into_any(),
        })
    };
    view! {
        <section class="panel" id="playbooks" aria-labelledby="playbooks-heading">
            <h2 id="playbooks-heading">{tr(Msg::PbHeading)}</h2>
            <p class="hint">{tr(Msg::PbLede)}</p>
            <div class="agendas" id="playbook-list">{rows}</div>
            <form class="status-row" id="new-playbook" on:submit=move |ev| { ev.prevent_default(); create(); }>
                <label class="grow">{tr(Msg::PbName)}" "
                    <input type="text" id="playbook-name" prop:value=move || name.get()
                        on:input:target=move |ev| name.set(ev.target().value()) />
                </label>
                <label class="grow">{tr(Msg::PbSegment)}" "
                    <input type="text" id="playbook-segment" prop:value=move || segment.get()
                        on:input:target=move |ev| segment.set(ev.target().value()) />
                </label>
                <button type="submit" class="button">{tr(Msg::PbCreate)}</button>
            </form>
        </section>
    }
}

/// One playbook version: its customisations, its projects' most common changes, the
/// proposals and the button that creates the next version from them.
fn version_row(
    pb: &Playbook,
    projects: &[OnboardingProject],
    lang: Lang,
    put: impl Fn(Playbook) + Copy + 'static,
) -> impl IntoView {
    let (mine, stats) = step_stats(projects, &pb.id);
    let total = mine.len();
    let adopted = with_phases(proposed_customisations(&stats), &mine);
    let proposals: Vec<String> = adopted
        .iter()
        .map(|(s, _)| proposal_text(s, total, lang))
        .collect();
    let changes: Vec<String> = stats
        .iter()
        .take(SHOWN_STATS)
        .map(|s| proposal_text(s, total, lang))
        .collect();
    let mut custom: Vec<String> = pb
        .skipped_tasks
        .iter()
        .map(|k| {
            let name = task_title(k).map_or(k.as_str(), |m| m.text(lang));
            Msg::PbSkips.fill(lang, &[("task", name)])
        })
        .collect();
    custom.extend(pb.added_steps.iter().map(|s| {
        Msg::PbAdds.fill(
            lang,
            &[("task", &s.name), ("phase", s.phase.label().text(lang))],
        )
    }));
    let current = pb.clone();
    let next = move |_| {
        put(current.next_version(browser::new_id(), browser::now(), &adopted));
    };
    let list = |texts: Vec<String>, empty: Msg| {
        if texts.is_empty() {
            return view! { <p class="hint">{empty.text(lang)}</p> }.into_any();
        }
        view! { <ul>{texts.into_iter().map(|t| view! { <li>{t}</li> }).collect_any()}</ul> }
            .into_any()
    };
    view! {
        <article class="agenda playbook" data-version=pb.version>
            <h4>{Msg::ObPlaybookVersion.fill(lang, &[("name", &pb.name), ("version", &pb.version.to_string())])}</h4>
            <p class="hint">{Msg::PbSummary.fill(lang, &[("segment", &pb.segment), ("n", &total.to_string())])}</p>
            <h5>{Msg::PbCustomisations.text(lang)}</h5>
            {list(custom, Msg::PbNoCustomisations)}
            <h5>{Msg::PbChanges.text(lang)}</h5>
            {list(changes, Msg::PbNoChanges)}
            <h5>{Msg::PbProposals.text(lang)}</h5>
            {list(proposals, Msg::PbNoProposals)}
            <button type="button" class="button small" on:click=next>
                {Msg::PbNextVersion.fill(lang, &[("version", &(pb.version + 1).to_string())])}
            </button>
        </article>
    }
}
