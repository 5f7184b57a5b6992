//! The feedback health dashboard: a month picker, the month's health-report figures and NPS
//! computed from the tracker, three small bar charts (items per stage, time to acknowledge
//! over six months, themes by ARR), the highest-risk open items, and the tracker grouped by
//! age, stage, account or commitment with overdue flags, each group a page of items at a time.
//! The figures come from the stored monthly tallies (`storage::tallies`), a stale month counted
//! again first; the tracker then reads every item a slice at a time, keeping a light row each.

use chrono::NaiveDate;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

use crate::domain::account::Account;
use crate::domain::feedback::dashboard::{arr_bars, bar_percent, Dashboard, Month, RISK_ITEMS};
use crate::domain::feedback::stats::{
    days_to_renewal, format_tenths, highest_risk, tracker, ThemeFigures, TrackerView, LINE_EXCERPT,
};
use crate::domain::feedback::tally::{Tally, TrackerRows};
use crate::domain::feedback::{FeedbackItem, Theme};
use crate::domain::form::Coded;
use crate::domain::listing::{group_thousands, PageWindow, PAGE_SIZE};
use crate::domain::record::{excerpt, AccountIndex, AnyRecord};
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};
use crate::route::Route;
use crate::storage::db::Db;
use crate::storage::error::StorageError;
use crate::ui::browser;
use crate::ui::components::pager::Pager;
use crate::ui::list::CollectAny;
use crate::ui::load::{load_db, Loaded};
use crate::ui::shell::load_failure;
use crate::ui::state::{tr, use_app};

/// The tracker's groupings, in the order of the select.
const VIEWS: [(TrackerView, Msg); 4] = [
    (TrackerView::Stage, Msg::FhViewStage),
    (TrackerView::Age, Msg::FhViewAge),
    (TrackerView::Account, Msg::FhViewAccount),
    (TrackerView::Commitment, Msg::FhViewCommitment),
];

/// Feedback items read or converted in one slice.
const SLICE: usize = 500;

/// What the figures are drawn from: every month's tally merged and the items of highest risk.
struct Figures {
    tally: Tally,
    risks: Vec<FeedbackItem>,
    themes: Vec<Theme>,
    accounts: AccountIndex,
    today: NaiveDate,
}

type Loading<T> = Loaded<Result<T, StorageError>>;

/// Counts the items of `month` again, converting them a slice at a time so the page stays
/// responsive, and stores the tally unless a write came in meanwhile (it is then counted
/// again next time).
async fn count_month(db: &Db, month: Month) -> Result<Tally, StorageError> {
    let (stamp, mut items) = db.read_month(month).await?;
    let mut tally = Tally::default();
    while !items.is_empty() {
        for item in items.next_slice(SLICE)? {
            tally.add(&item);
        }
        TimeoutFuture::new(0).await;
    }
    db.store_month(month, stamp, &tally).await?;
    Ok(tally)
}

/// Every month's tally merged, from the first month of feedback to the last; a month with
/// no stored tally is counted again, and shown in `counting` meanwhile.
async fn every_month(db: &Db, counting: RwSignal<Option<Month>>) -> Result<Tally, StorageError> {
    let mut stored = db.month_tallies().await?;
    let mut tally = Tally::default();
    let this_month = Month::of(browser::local_today());
    if let Some((first, last)) = db.feedback_month_span(this_month).await? {
        for month in Month::span(first, last) {
            let at = stored.iter().position(|m| m.month == month);
            let counted = match at.and_then(|at| stored.swap_remove(at).tally) {
                Some(counted) => counted,
                None => {
                    if counting.try_set(Some(month)).is_some() {
                        // The page is gone: nobody waits for the rest (what was counted is
                        // stored).
                        break;
                    }
                    count_month(db, month).await?
                }
            };
            tally.merge(counted);
        }
    }
    counting.try_set(None);
    Ok(tally)
}

fn load_figures(counting: RwSignal<Option<Month>>) -> Loading<Figures> {
    load_db(move |db| async move {
        // Both reads in flight at once: the database works on one while the page converts
        // the other.
        let (accounts, tally) =
            futures::future::join(db.list::<Account>(), every_month(&db, counting)).await;
        let (accounts, tally) = (AccountIndex::new(accounts?), tally?);
        let today = browser::now().date_naive();
        let days = tally.risk_days(&accounts, today);
        let candidates = db.feedback_received_on(&days).await?;
        let risks = highest_risk(&candidates, &accounts, today, RISK_ITEMS);
        Ok(Figures {
            risks: risks.into_iter().cloned().collect(),
            tally,
            themes: db.list::<Theme>().await?,
            accounts,
            today,
        })
    })
}

pub fn health_page() -> impl IntoView {
    let state = use_app();
    let counting = RwSignal::new(None::<Month>);
    let data = load_figures(counting);
    let progress = move || {
        let month = counting.get()?.to_string();
        let text = Msg::FhCounting.fill(state.lang.get(), &[("month", &month)]);
        data.with(Option::is_none)
            .then(|| view! { <p class="hint" role="status">{text}</p> })
    };
    let month = RwSignal::new(Month::of(browser::local_today()));
    let view_index = RwSignal::new(0usize);
    let body = move || {
        let lang = state.lang.get();
        data.with(|loaded| match loaded {
            None => ().into_any(),
            Some(Err(error)) => load_failure(error.clone()).into_any(),
            Some(Ok(d)) => {
                let risks = d.risks.iter().collect();
                let board = d
                    .tally
                    .dashboard(&d.themes, &d.accounts, month.get(), d.today, risks);
                view! {
                    {figures(&board, lang)}
                    <div class="charts">{charts(&board, lang)}</div>
                    {theme_table(&board, lang)}
                    <h2 id="health-risk-heading">{Msg::FhRiskHeading.text(lang)}</h2>
                    {risk_list(&board, &d.accounts, lang)}
                }
                .into_any()
            }
        })
    };
    // The tracker starts reading once the figures are shown, so they come first.
    let shown = Memo::new(move |_| data.with(|d| matches!(d, Some(Ok(_)))));
    view! {
        <section class="page">
            <p class="breadcrumb"><a href=Route::List(Workspace::Feedback).href()>{tr(Workspace::Feedback.title())}</a></p>
            <h1>{tr(Msg::FbToolHealth)}</h1>
            <p class="lede">{tr(Msg::FhLede)}</p>
            <div class="status-row">
                <label>{tr(Msg::FhMonth)}" "
                    <input type="month" id="health-month" prop:value=move || month.get().to_string()
                        on:change:target=move |ev| {
                            if let Some(m) = Month::parse(&ev.target().value()) {
                                month.set(m);
                            }
                        } />
                </label>
                <label>{tr(Msg::FhTrackerView)}" "
                    <select id="tracker-view" on:change:target=move |ev| view_index.set(ev.target().value().parse().unwrap_or(0))>
                        {VIEWS.iter().enumerate().map(|(i, (_, label))| view! { <option value=i.to_string()>{tr(*label)}</option> }).collect_any()}
                    </select>
                </label>
            </div>
            {progress}
            {body}
            {move || shown.get().then(|| view! { <TrackerSection figures=data view_index /> })}
        </section>
    }
}

fn tenths(value: Option<i64>, unit: Msg, lang: Lang) -> String {
    value.map_or_else(
        || Msg::FhNone.text(lang).to_string(),
        |t| unit.fill(lang, &[("n", &format_tenths(t))]),
    )
}

/// The health report of the month as labelled figures.
fn figures(board: &Dashboard, lang: Lang) -> impl IntoView {
    let r = &board.report;
    let n = &board.nps;
    let rows: [(Msg, String); 10] = [
        (Msg::FhReceived, r.received.to_string()),
        (
            Msg::FhNps,
            Msg::FhNpsValue.fill(
                lang,
                &[
                    (
                        "nps",
                        &board
                            .nps
                            .nps_tenths
                            .map_or_else(|| Msg::FhNone.text(lang).to_string(), format_tenths),
                    ),
                    ("p", &n.promoters.to_string()),
                    ("pa", &n.passives.to_string()),
                    ("d", &n.detractors.to_string()),
                ],
            ),
        ),
        (
            Msg::FhCategorised,
            tenths(r.categorised_pct, Msg::FhPercent, lang),
        ),
        (Msg::FhRouted, tenths(r.routed_pct, Msg::FhPercent, lang)),
        (
            Msg::FhAnswered,
            tenths(r.answered_pct, Msg::FhPercent, lang),
        ),
        (
            Msg::FhAck48,
            tenths(r.acknowledged_48h_pct, Msg::FhPercent, lang),
        ),
        (
            Msg::FhDaysToAck,
            tenths(r.mean_days_to_ack, Msg::FhDays, lang),
        ),
        (
            Msg::FhDaysToAnswer,
            tenths(r.mean_days_to_answer, Msg::FhDays, lang),
        ),
        (Msg::FhLoopsClosed, r.loops_closed.to_string()),
        (Msg::FhOldNearRenewal, r.open_old_near_renewal.to_string()),
    ];
    view! {
        <dl class="facts" id="health-figures">
            {rows.into_iter().map(|(label, value)| view! { <dt>{label.text(lang)}</dt><dd>{value}</dd> }).collect_any()}
        </dl>
    }
}

/// A horizontal bar chart: a label, a bar scaled to the largest value, the value as shown.
fn bar_chart(
    id: &'static str,
    title: Msg,
    rows: Vec<(String, u64, String)>,
    lang: Lang,
) -> impl IntoView {
    let largest = rows.iter().map(|r| r.1).max().unwrap_or(0);
    view! {
        <figure class="chart" id=id>
            <figcaption>{title.text(lang)}</figcaption>
            {if rows.is_empty() {
                view! { <p class="hint">{Msg::FhNoData.text(lang)}</p> }.into_any()
            } else {
                rows.into_iter().map(|(label, value, shown)| {
                    // Through the CSSOM (`style:`), which the Content-Security-Policy allows,
                    // unlike a style attribute.
                    let width = format!("{}%", bar_percent(value, largest));
                    view! {
                        <div class="bar-row">
                            <span class="bar-label">{label}</span>
                            <span class="bar-track"><span class="bar" style:width=width></span></span>
                            <span class="bar-value">{shown}</span>
                        </div>
                    }
                }).collect_any().into_any()
            }}
        </figure>
    }
}

fn charts(board: &Dashboard, lang: Lang) -> impl IntoView {
    let stages = board
        .per_stage
        .iter()
        .map(|(s, n)| (s.label().text(lang).to_string(), *n as u64, n.to_string()))
        .collect();
    let trend = board
        .ack_trend
        .iter()
        .map(|(m, t)| {
            let shown = t.map_or_else(|| Msg::FhNone.text(lang).to_string(), format_tenths);
            (m.to_string(), t.unwrap_or(0).max(0) as u64, shown)
        })
        .collect();
    let figures: Vec<&ThemeFigures> = board.themes_by_arr.iter().map(|(_, f)| f).collect();
    let themes = board
        .themes_by_arr
        .iter()
        .zip(arr_bars(&figures))
        .map(|((name, f), bar)| {
            let shown = Msg::FhThemeValue.fill(
                lang,
                &[("arr", &f.arr.text(lang)), ("n", &f.items.to_string())],
            );
            (name.clone(), bar, shown)
        })
        .collect();
    view! {
        {bar_chart("chart-stages", Msg::FhChartStages, stages, lang)}
        {bar_chart("chart-ack", Msg::FhChartAck, trend, lang)}
        {bar_chart("chart-themes", Msg::FhChartThemes, themes, lang)}
    }
}

/// Per theme: items, accounts, ARR, which way its scores lean, renewals within 6 months.
fn theme_table(board: &Dashboard, lang: Lang) -> impl IntoView {
    let head = [
        Msg::FhColTheme,
        Msg::FhColItems,
        Msg::FhColAccounts,
        Msg::FhColArr,
        Msg::FhColSkew,
        Msg::FhColRenewals,
    ];
    let rows = board
        .themes_by_arr
        .iter()
        .map(|(name, f)| {
            let cells = [
                name.clone(),
                f.items.to_string(),
                f.accounts.to_string(),
                f.arr.text(lang),
                f.skew.label().text(lang).to_string(),
                f.renewals_6m.to_string(),
            ];
            view! { <tr>{cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_any()}</tr> }
        })
        .collect_any();
    (!board.themes_by_arr.is_empty()).then(|| view! {
        // Scrolls sideways on a narrow screen: focusable, so the keyboard can scroll it.
        <div class="table-wrap" tabindex="0" role="region" aria-label=Msg::FhThemeTable.text(lang)>
            <table class="records" id="theme-figures">
                <thead><tr>{head.into_iter().map(|h| view! { <th>{h.text(lang)}</th> }).collect_any()}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    })
}

/// "Account: the verbatim's start", what a link to an item shows.
fn link_text(account_id: &str, start: &str, accounts: &AccountIndex) -> String {
    format!("{}: {start}", accounts.name(account_id))
}

fn item_link(item: &FeedbackItem, accounts: &AccountIndex) -> impl IntoView {
    let start = excerpt(&item.verbatim, LINE_EXCERPT);
    let text = link_text(&item.account_id, &start, accounts);
    view! { <a href=Route::Edit(Workspace::Feedback, item.id.clone()).href()>{text}</a> }
}

fn risk_list(board: &Dashboard, accounts: &AccountIndex, lang: Lang) -> impl IntoView {
    let today = browser::local_today();
    if board.highest_risk.is_empty() {
        return view! { <p class="hint" id="health-risk">{Msg::FhNoOpen.text(lang)}</p> }
            .into_any();
    }
    view! {
        <ol id="health-risk" aria-labelledby="health-risk-heading">
            {board.highest_risk.iter().map(|item| {
                let waiting = (today - item.received_on).num_days().max(0).to_string();
                let renewal = days_to_renewal(item, accounts, today)
                    .map_or_else(|| Msg::FhNone.text(lang).to_string(), |d| d.to_string());
                let detail = Msg::FhRiskDetail.fill(lang, &[("days", &waiting), ("renewal", &renewal), ("stage", item.stage.label().text(lang))]);
                view! { <li>{item_link(item, accounts)}" — "<span>{detail}</span></li> }
            }).collect_any()}
        </ol>
    }
    .into_any()
}

/// Every item's tracker row, read a slice at a time so the page stays responsive, its
/// progress in `read`.
fn load_rows(read: RwSignal<Option<(usize, usize)>>) -> Loading<TrackerRows> {
    load_db(move |db| async move {
        let total = db.count_records(Workspace::Feedback).await? as usize;
        let now = browser::now();
        let mut rows = TrackerRows::default();
        let mut after = None;
        loop {
            let batch = db
                .records_after(Workspace::Feedback, after.as_deref(), SLICE as u32)
                .await?;
            let Some(AnyRecord::Feedback(last)) = batch.last() else {
                break;
            };
            after = Some(last.id.clone());
            for record in &batch {
                if let AnyRecord::Feedback(item) = record {
                    rows.add(item, now);
                }
            }
            if read.try_set(Some((rows.count(), total))).is_some() {
                // The page is gone: nobody waits for the rest.
                break;
            }
            TimeoutFuture::new(0).await;
        }
        Ok(rows)
    })
}

/// The tracker under its heading: its reading progress, then its groups in the chosen view.
#[component]
fn TrackerSection(figures: Loading<Figures>, view_index: RwSignal<usize>) -> impl IntoView {
    let state = use_app();
    let read = RwSignal::new(None::<(usize, usize)>);
    let rows = load_rows(read);
    // Its progress while it reads, then its groups.
    let groups = move || {
        let lang = state.lang.get();
        let view = VIEWS[view_index.get().min(VIEWS.len() - 1)].0;
        rows.with(|loaded| match loaded {
            None => read.get().map_or_else(
                || ().into_any(),
                |(done, total)| {
                    let n = |v: usize| group_thousands(v as u64);
                    let text = Msg::FhReading.fill(lang, &[("n", &n(done)), ("total", &n(total))]);
                    view! { <p class="hint" role="status">{text}</p> }.into_any()
                },
            ),
            Some(Err(error)) => load_failure(error.clone()).into_any(),
            Some(Ok(r)) => figures.with(|f| match f {
                Some(Ok(f)) => {
                    tracker_groups(r, &f.accounts, (rows, figures), view, lang).into_any()
                }
                _ => ().into_any(),
            }),
        })
    };
    // Busy until every item is read: assistive technology (and a test) can wait for it.
    let busy = move || rows.with(Option::is_none).to_string();
    view! {
        <section aria-labelledby="tracker-heading" aria-busy=busy>
            <h2 id="tracker-heading">{tr(Msg::FhTrackerHeading)}</h2>
            {groups}
        </section>
    }
}

/// Where a tracker group finds its lines: the rows, and the figures' accounts.
type Sources = (Loading<TrackerRows>, Loading<Figures>);

fn tracker_groups(
    rows: &TrackerRows,
    accounts: &AccountIndex,
    sources: Sources,
    view: TrackerView,
    lang: Lang,
) -> impl IntoView {
    let groups = tracker(&rows.rows(), view, accounts, browser::local_today(), lang);
    if groups.is_empty() {
        return view! { <p class="hint" id="tracker">{Msg::FhNoOpen.text(lang)}</p> }.into_any();
    }
    view! {
        <div id="tracker">
            {groups.into_iter().map(|g| {
                let heading = Msg::FhGroup.fill(lang, &[("name", &g.label), ("n", &g.items.len().to_string())]);
                let keys = g.items.into_iter().map(|row| (row.received_on, row.id.clone())).collect();
                view! { <TrackerGroup heading keys sources lang /> }
            }).collect_any()}
        </div>
    }
    .into_any()
}

/// The tracker lines of the items `keys` (received day and id).
fn tracker_lines(
    rows: &TrackerRows,
    accounts: &AccountIndex,
    keys: &[(NaiveDate, String)],
    lang: Lang,
) -> Vec<TrackerLine> {
    keys.iter()
        .filter_map(|(on, id)| rows.row(*on, id))
        .map(|row| TrackerLine {
            href: Route::Edit(Workspace::Feedback, row.id.clone()).href(),
            text: link_text(&row.account_id, &row.excerpt, accounts),
            stage: row.stage.label().text(lang),
            flag: row.flag.map(|f| f.label().text(lang)),
        })
        .collect()
}

/// One item of the tracker, as drawn.
#[derive(Clone)]
struct TrackerLine {
    href: String,
    text: String,
    stage: &'static str,
    flag: Option<&'static str>,
}

/// A group of the tracker under its heading, drawn a page of items at a time (each line
/// written only when its page is shown).
#[component]
fn TrackerGroup(
    heading: String,
    keys: Vec<(NaiveDate, String)>,
    sources: Sources,
    lang: Lang,
) -> impl IntoView {
    let page = RwSignal::new(0usize);
    let total = keys.len();
    let keys = StoredValue::new(keys);
    let window = Signal::derive(move || PageWindow::new(total, page.get(), PAGE_SIZE));
    let shown = move || {
        let w = window.get();
        let (rows, figures) = sources;
        let lines = rows.with(|r| {
            figures.with(|f| match (r, f) {
                (Some(Ok(r)), Some(Ok(f))) => {
                    keys.with_value(|k| tracker_lines(r, &f.accounts, &k[w.start..w.end], lang))
                }
                _ => Vec::new(),
            })
        });
        lines
            .into_iter()
            .map(|line| view! {
                <li class:alert=line.flag.is_some()>
                    <a href=line.href>{line.text}</a>" · "{line.stage}
                    {line.flag.map(|f| view! { <strong class="overdue-flag">{format!(" · {f}")}</strong> })}
                </li>
            })
            .collect_any()
    };
    let (name, title) = (heading.clone(), heading.clone());
    view! {
        <section class="tracker-group" aria-label=name>
            <h3>{title}</h3>
            <ul>{shown}</ul>
            <Pager window page label=heading />
        </section>
    }
}
