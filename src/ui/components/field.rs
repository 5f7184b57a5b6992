//! One form field rendered from its `FieldSpec`: label, input of the right kind, help text
//! and the field's error, wired for screen readers (`aria-invalid`, `aria-describedby`).

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::form::{Choice, FieldError, FieldKind, FieldSpec, FormValues};
use crate::domain::record::AccountIndex;
use crate::domain::workspace::Workspace;
use crate::i18n::Msg;
use crate::route::Route;
use crate::ui::browser;
use crate::ui::list::CollectAny;
use crate::ui::state::{tr, use_app};

/// The DOM id of a field's input.
pub fn input_id(key: &str) -> String {
    format!("f-{key}")
}

/// A field bound to `values[spec.key]`, showing its error from `errors`.
pub fn form_field(
    spec: FieldSpec,
    values: RwSignal<FormValues>,
    errors: RwSignal<Vec<FieldError>>,
    accounts: Arc<AccountIndex>,
) -> impl IntoView {
    let key = spec.key;
    let id = input_id(key);
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let error = move || errors.with(|e| e.iter().find(|e| e.field == key).map(|e| e.message));
    let described_by = {
        let (help_id, error_id) = (help_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if spec.help.is_some() {
                ids.push(help_id.clone());
            }
            if error().is_some() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    let invalid = move || error().is_some().then_some("true");
    let input = field_input(spec, &id, values, accounts, invalid, described_by);

    view! {
        <div class="field" class:field-invalid=move || error().is_some() data-field=key>
            <label for=id.clone() id=format!("{id}-label")>
                {tr(spec.label)}
                {spec.required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            {input}
            {spec.help.map(|help| view! { <p class="help" id=help_id.clone()>{tr(help)}</p> })}
            {move || error().map(|msg| view! { <p class="field-error" id=error_id.clone()>{tr(msg)}</p> })}
        </div>
    }
}

/// The input of `spec`'s kind with the DOM id `id`, bound to `values[spec.key]`.
fn field_input(
    spec: FieldSpec,
    id: &str,
    values: RwSignal<FormValues>,
    accounts: Arc<AccountIndex>,
    invalid: impl Fn() -> Option<&'static str> + Send + Sync + Copy + 'static,
    described_by: impl Fn() -> String + Send + Sync + Clone + 'static,
) -> AnyView {
    let key = spec.key;
    let id = id.to_string();
    let value = move || values.with(|v| v.get(key).cloned().unwrap_or_default());
    let set = move |text: String| {
        values.update(|v| {
            v.insert(key, text);
        })
    };
    match spec.kind {
        FieldKind::LongText => view! {
            <textarea id=id rows="4" aria-invalid=invalid aria-describedby=described_by required=spec.required
                prop:value=value on:input:target=move |ev| set(ev.target().value())></textarea>
        }
        .into_any(),
        FieldKind::Choice(choices) => view! {
            <select id=id aria-invalid=invalid aria-describedby=described_by required=spec.required
                prop:value=value on:change:target=move |ev| set(ev.target().value())>
                {options(choices, value)}
            </select>
        }
        .into_any(),
        FieldKind::MultiChoice(choices) => multi_choice(&id, choices, values, key).into_any(),
        FieldKind::Account => account_picker(&id, accounts, values, key, spec.required, invalid, described_by).into_any(),
        FieldKind::DateTime => view! {
            <input id=id type="datetime-local" aria-invalid=invalid aria-describedby=described_by required=spec.required
                prop:value=move || browser::local_input_value(&value())
                on:change:target=move |ev| set(browser::utc_from_local_input(&ev.target().value())) />
        }
        .into_any(),
        kind => {
            let (input_type, input_mode) = match kind {
                FieldKind::Email => ("email", "email"),
                FieldKind::Secret => ("password", "text"),
                FieldKind::Date => ("date", "text"),
                FieldKind::Money => ("text", "decimal"),
                FieldKind::Count => ("text", "numeric"),
                _ => ("text", "text"),
            };
            view! {
                <input id=id type=input_type inputmode=input_mode aria-invalid=invalid aria-describedby=described_by
                    required=spec.required prop:value=value on:input:target=move |ev| set(ev.target().value()) />
            }
            .into_any()
        }
    }
}

fn options(
    choices: &'static [Choice],
    current: impl Fn() -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    choices
        .iter()
        .map(|c| view! { <option value=c.value selected=move || current() == c.value>{tr(c.label)}</option> })
        .collect_any()
}

fn multi_choice(
    id: &str,
    choices: &'static [Choice],
    values: RwSignal<FormValues>,
    key: &'static str,
) -> impl IntoView {
    let selected = move || -> Vec<String> {
        values.with(|v| {
            v.get(key)
                .map(|s| {
                    s.split(',')
                        .filter(|c| !c.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default()
        })
    };
    let toggle = move |code: &'static str, on: bool| {
        let mut codes = selected();
        codes.retain(|c| c != code);
        if on {
            codes.push(code.to_string());
        }
        values.update(|v| {
            v.insert(key, codes.join(","));
        });
    };
    view! {
        <div class="checkbox-group" id=id.to_string() role="group" aria-labelledby=format!("{id}-label")>
            {choices
                .iter()
                .map(|c| {
                    let checkbox_id = format!("{id}-{}", c.value);
                    let label_for = checkbox_id.clone();
                    view! {
                        <label class="checkbox" for=label_for>
                            <input type="checkbox" id=checkbox_id value=c.value
                                prop:checked=move || selected().iter().any(|s| s == c.value)
                                on:change:target=move |ev| toggle(c.value, ev.target().checked()) />
                            {tr(c.label)}
                        </label>
                    }
                })
                .collect_any()}
        </div>
    }
}

/// Up to this many accounts, the picker lists them all at once.
const EAGER_OPTIONS: usize = 200;

fn account_picker(
    id: &str,
    accounts: Arc<AccountIndex>,
    values: RwSignal<FormValues>,
    key: &'static str,
    required: bool,
    invalid: impl Fn() -> Option<&'static str> + Send + Sync + Copy + 'static,
    described_by: impl Fn() -> String + Send + Sync + Clone + 'static,
) -> impl IntoView {
    if accounts.is_empty() {
        return view! {
            <p class="field-note" id=id.to_string()>
                {tr(Msg::NoAccountsYet)} " "
                <a href=Route::New(Workspace::Accounts).href()>{tr(Msg::NewAccount)}</a>
            </p>
        }
        .into_any();
    }
    // The choice on opening is marked once; later choices go through the select's value, so
    // thousands of accounts are thousands of plain options, not one effect each.
    let chosen = values.with_untracked(|v| v.get(key).cloned().unwrap_or_default());
    // With many accounts, the form is drawn first with only the chosen one, and the sorted
    // list follows in a task of its own, so the page does not wait for thousands of options.
    let all = RwSignal::new(accounts.len() <= EAGER_OPTIONS);
    if !all.get_untracked() {
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(0).await;
            all.try_set(true);
        });
    }
    let lang = use_app().lang.get_untracked();
    let options = move || {
        let listed: Vec<(String, String)> = if all.get() {
            accounts
                .sorted(&*crate::ui::browser::list_collator(lang))
                .iter()
                .map(|a| (a.id.clone(), a.name.clone()))
                .collect()
        } else {
            accounts
                .get(&chosen)
                .map(|a| (a.id.clone(), a.name.clone()))
                .into_iter()
                .collect()
        };
        listed
            .into_iter()
            .map(|(id, name)| {
                let selected = id == chosen;
                view! { <option value=id selected=selected>{name}</option> }
            })
            .collect_any()
    };
    view! {
        <select id=id.to_string() aria-invalid=invalid aria-describedby=described_by required=required
            prop:value=move || values.with(|v| v.get(key).cloned().unwrap_or_default())
            on:change:target=move |ev| values.update(|v| {
                v.insert(key, ev.target().value());
            })>
            <option value="">{tr(Msg::ChooseAccount)}</option>
            {options}
        </select>
    }
    .into_any()
}
