//! The figures for managers: on demand (`/figures [weeks=N]`) and every week at
//! `TOUCHBASE_FIGURES_CRON` (local time), as a short message with anything flagged, a CSV document
//! with every table, and a chart for a phone screen.

pub mod chart;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::config::Settings;
use crate::domain::dates::age_on;
use crate::domain::figures::{
    ChildFacts, Counts, Dimension, Groups, Measure, SUPPRESSED, Table, age_band, breakdown, disparities, hidden_groups,
    is_suppressed, shown, total, two_places,
};
use crate::domain::people::Role;
use crate::domain::schedule::resolve_local;
use crate::store::figures::{self as store, PeriodCounts};
use crate::store::jobs::{self, JobKind, Work};
use crate::store::people;
use crate::store::{Connection, StoreResult};
use crate::templates::Text;
use crate::usecase::commands::Figures;
use crate::usecase::context::{Context, UseCaseResult};
use crate::usecase::mail::{Mail, Recipient};
use crate::usecase::wording;

/// The period: `weeks` whole weeks of local days, ending with yesterday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub from: i64,
    pub until: i64,
}

pub fn period(tz: Tz, now: DateTime<Utc>, weeks: i64) -> Period {
    let today = now.with_timezone(&tz).date_naive();
    let first = today - Duration::weeks(weeks);
    Period {
        first,
        last: today - Duration::days(1),
        from: resolve_local(tz, first, NaiveTime::MIN).timestamp(),
        until: resolve_local(tz, today, NaiveTime::MIN).timestamp(),
    }
}

/// Everything counted for one period.
pub struct Report {
    pub period: Period,
    pub facts: Vec<ChildFacts>,
    pub counts: PeriodCounts,
    /// Children on the caseload reached by text message.
    pub on_texts: i64,
    /// Texts sent in the period, and the parts they cost.
    pub texts: (i64, i64),
}

pub async fn compute(conn: &mut Connection, period: Period) -> StoreResult<Report> {
    let caseload = store::caseload(conn, period.until, &period.first.to_string()).await?;
    let counts = store::period_counts(conn, period.from, period.until).await?;
    let texts = crate::store::texts::sent_between(conn, period.from, period.until).await?;
    let on_texts = caseload.iter().filter(|child| child.on_texts).count() as i64;
    let get = |map: &std::collections::HashMap<i64, i64>, id: i64| map.get(&id).copied().unwrap_or(0);
    let facts = caseload
        .iter()
        .map(|child| {
            let age = child
                .born
                .as_deref()
                .and_then(|b| NaiveDate::parse_from_str(b, "%Y-%m-%d").ok())
                .map(|born| age_on(born, period.last));
            let warnings = get(&counts.warnings, child.id);
            let referrals = get(&counts.referrals, child.id);
            ChildFacts {
                groups: Groups {
                    ethnicity: child.ethnicity.clone(),
                    gender: child.gender.clone(),
                    age_band: age_band(age).to_owned(),
                    looked_after: child.looked_after.clone(),
                    worker: child.worker.clone(),
                },
                counts: Counts {
                    children: 1,
                    scheduled: get(&counts.scheduled, child.id),
                    confirmed: get(&counts.confirmed, child.id),
                    came: get(&counts.came, child.id),
                    late: get(&counts.late, child.id),
                    missed: get(&counts.missed, child.id),
                    not_reached: get(&counts.not_reached, child.id),
                    warnings,
                    children_warned: i64::from(warnings > 0),
                    referrals,
                    children_referred: i64::from(referrals > 0),
                    dropin_signups: get(&counts.dropin_signups, child.id),
                    dropin_attended: get(&counts.dropin_attended, child.id),
                },
            }
        })
        .collect();
    Ok(Report { period, facts, counts, on_texts, texts })
}

fn counts_row(group: &str, counts: &Counts) -> Vec<String> {
    std::iter::once(group.to_owned()).chain(counts.values().iter().map(|v| shown(*v))).collect()
}

/// A group's row with every number hidden.
fn hidden_row(group: &str, why: &str, columns: usize) -> Vec<String> {
    std::iter::once(group.to_owned()).chain(std::iter::repeat_n(why.to_owned(), columns)).collect()
}

fn header(first: &str) -> Vec<String> {
    std::iter::once(first.to_owned()).chain(Counts::COLUMNS.iter().map(|c| (*c).to_owned())).collect()
}

/// The reference group for the relative rate index: White children for ethnicity (the measure youth
/// justice boards use), children not looked after for looked-after status.
fn reference(dimension: Dimension) -> Option<&'static str> {
    match dimension {
        Dimension::Ethnicity => Some("white"),
        Dimension::LookedAfter => Some("no"),
        _ => None,
    }
}

/// A derived number: hidden when its count is suppressed, "-" when there is nothing to divide by.
fn derived(value: Option<f64>, hidden: bool) -> String {
    if hidden { SUPPRESSED.to_owned() } else { value.map(two_places).unwrap_or_else(|| "-".to_owned()) }
}

/// Every table of the CSV. Column names are fixed identifiers, the same in every language.
pub fn tables(report: &Report) -> Vec<Table> {
    let period = format!("{} to {}", report.period.first, report.period.last);
    let all = total(&report.facts);
    let mut tables = vec![Table {
        title: format!("summary,{period}"),
        header: header("service"),
        rows: vec![counts_row("all", &all)],
    }];
    for dimension in Dimension::ALL {
        tables.push(Table {
            title: format!("by_{}", dimension.code()),
            header: header(dimension.code()),
            rows: {
                let groups = breakdown(&report.facts, dimension);
                let hidden = hidden_groups(&groups);
                groups
                    .iter()
                    .map(|(g, c)| match hidden.iter().find(|(h, _)| h == g) {
                        Some((_, why)) => hidden_row(g, why, Counts::COLUMNS.len()),
                        None => counts_row(g, c),
                    })
                    .collect()
            },
        });
    }
    for dimension in Dimension::ALL {
        let Some(reference) = reference(dimension) else { continue };
        for measure in Measure::ALL {
            let hidden = hidden_groups(&breakdown(&report.facts, dimension));
            let rows = disparities(&report.facts, dimension, measure, reference)
                .iter()
                .map(|d| {
                    if let Some((_, why)) = hidden.iter().find(|(h, _)| *h == d.group) {
                        return hidden_row(&d.group, why, 8);
                    }
                    let hidden = is_suppressed(d.count) || is_suppressed(d.base);
                    vec![
                        d.group.clone(),
                        shown(d.children),
                        derived(Some(d.caseload_share), is_suppressed(d.children)),
                        shown(d.count),
                        shown(d.base),
                        derived(d.measure_share, is_suppressed(d.count)),
                        derived(d.rate, hidden),
                        if d.group == reference { "reference".to_owned() } else { derived(d.rri, hidden) },
                        if d.flagged { "high".to_owned() } else { String::new() },
                    ]
                })
                .collect();
            tables.push(Table {
                title: format!("disproportionality,{},{},reference={reference}", dimension.code(), measure.code()),
                header: [
                    dimension.code(),
                    "children",
                    "caseload_share_percent",
                    "count",
                    "base",
                    "share_of_count_percent",
                    "rate",
                    "relative_rate_index",
                    "flag",
                ]
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
                rows,
            });
        }
    }
    tables.push(Table {
        title: "reasons_given".into(),
        header: vec!["reason".into(), "count".into()],
        rows: report.counts.reasons.iter().map(|(k, n)| vec![k.clone(), shown(*n)]).collect(),
    });
    tables.push(Table {
        title: "panel_outcomes".into(),
        header: vec!["outcome".into(), "count".into()],
        rows: report.counts.outcomes.iter().map(|(k, n)| vec![k.clone(), shown(*n)]).collect(),
    });
    tables.push(Table {
        title: "dropins".into(),
        header: vec!["held".into(), "signups".into(), "attended".into()],
        rows: vec![vec![shown(report.counts.dropins_held), shown(all.dropin_signups), shown(all.dropin_attended)]],
    });
    tables
}

/// Groups whose relative rate index is high, for the message.
fn flags(report: &Report) -> Vec<Text> {
    let mut lines = Vec::new();
    for dimension in Dimension::ALL {
        let Some(reference) = reference(dimension) else { continue };
        for measure in Measure::ALL {
            let hidden = hidden_groups(&breakdown(&report.facts, dimension));
            let shown_flags = disparities(&report.facts, dimension, measure, reference);
            for d in shown_flags.iter().filter(|d| d.flagged && !hidden.iter().any(|(h, _)| *h == d.group)) {
                lines.push(
                    Text::new("staff-figures-flag")
                        .arg("group", group_words(dimension, &d.group))
                        .arg("measure", wording::measure(measure))
                        .arg("rri", two_places(d.rri.unwrap_or_default()))
                        .arg("reference", group_words(dimension, reference)),
                );
            }
        }
    }
    lines
}

/// A group the figures compare with a reference, in words: "Black children", "looked-after children".
fn group_words(dimension: Dimension, code: &str) -> Text {
    match dimension {
        Dimension::LookedAfter => wording::children_group_by_care(code.parse().unwrap_or_default()),
        _ => wording::children_group_by_ethnicity(code.parse().unwrap_or_default()),
    }
}

/// A count for a message: the number, or "fewer than 3" in the reader's language.
fn count(n: i64) -> Text {
    if is_suppressed(n) { Text::new("staff-figures-suppressed") } else { Text::new("staff-figures-number").arg("n", n) }
}

/// The short message, the CSV and the chart, for one manager.
fn send(mail: &mut Mail, to: Recipient, report: &Report) {
    let all = total(&report.facts);
    let flagged = flags(report);
    let headline = Text::new("staff-figures")
        .arg("first", report.period.first.to_string())
        .arg("last", report.period.last.to_string())
        .arg("children", count(all.children))
        .arg("scheduled", count(all.scheduled))
        .arg("confirmed", count(all.confirmed))
        .arg("came", count(all.came))
        .arg("late", count(all.late))
        .arg("missed", count(all.missed))
        .arg("not_reached", count(all.not_reached))
        .arg("warnings", count(all.warnings))
        .arg("referrals", count(all.referrals))
        .arg("dropins", count(report.counts.dropins_held))
        .arg("on_texts", count(report.on_texts))
        .arg("texts", report.texts.0)
        .arg("parts", report.texts.1)
        .arg("flag_count", flagged.len() as i64)
        .arg("flags", flagged);
    mail.send(to, headline);
    let csv = crate::domain::figures::to_csv(&tables(report));
    let file_name = format!("figures-{}-to-{}.csv", report.period.first, report.period.last);
    mail.send_document(to, file_name, csv, Text::new("staff-figures-csv-caption"));
    let title = Text::new("staff-chart-title")
        .arg("first", report.period.first.to_string())
        .arg("last", report.period.last.to_string());
    let mut groups = breakdown(&report.facts, Dimension::Ethnicity);
    let hidden = hidden_groups(&groups);
    // A hidden group is drawn without bars (the chart says "fewer than 3" for it).
    for (group, counts) in &mut groups {
        if hidden.iter().any(|(h, _)| h == group) {
            *counts = Counts { children: 1, ..Counts::default() };
        }
    }
    mail.send_chart(to, groups, title, Text::new("staff-figures-chart-caption"));
}

/// `/figures [weeks=N]`: the figures now, for the last N weeks (1 by default).
pub async fn on_demand(ctx: &mut Context<'_>, Figures { weeks }: Figures) -> UseCaseResult {
    let tz = ctx.time_zone();
    let report = compute(ctx.tx, period(tz, ctx.now, weeks)).await?;
    send(&mut ctx.mail, ctx.reply_to, &report);
    Ok(())
}

/// The next moment the cron schedule names, read as local wall-clock time. A time that does not
/// exist on a clock-change day moves forward; one that happens twice is taken the first time.
pub fn next_run(settings: &Settings, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let tz = settings.time_zone;
    let wall = Utc.from_utc_datetime(&now.with_timezone(&tz).naive_local());
    settings
        .figures_cron
        .after(&wall)
        .map(|next| resolve_local(tz, next.date_naive(), next.time()))
        .find(|at| *at > now)
}

/// Queues the weekly job for its next time (idempotent: one job per moment).
pub async fn schedule_next(conn: &mut Connection, settings: &Settings, now: DateTime<Utc>) -> StoreResult<()> {
    let Some(at) = next_run(settings, now) else { return Ok(()) };
    jobs::schedule(conn, Work::Figures, at.timestamp(), now.timestamp()).await?;
    Ok(())
}

/// Makes sure the weekly figures are queued (at start and hourly; the job queues its own next run).
/// A changed `TOUCHBASE_FIGURES_CRON` moves the waiting job to the new schedule.
pub async fn ensure_scheduled(conn: &mut Connection, settings: &Settings, now: DateTime<Utc>) -> StoreResult<()> {
    match jobs::pending_of_kind(conn, JobKind::Figures).await? {
        None if jobs::has_open(conn, JobKind::Figures).await? => Ok(()),
        None => schedule_next(conn, settings, now).await,
        Some((id, due_at)) => match next_run(settings, now) {
            // A job already due (the bot was down) still runs; one for a time the schedule no longer
            // names moves to the next time it does.
            Some(next) if due_at > now.timestamp() && next.timestamp() != due_at => {
                jobs::retry_later(conn, id, next.timestamp(), "figures schedule changed").await
            }
            _ => Ok(()),
        },
    }
}

/// The weekly job: every manager gets the figures for the week before it was due (even when it runs
/// late, after the bot was down); then the next run is queued.
pub async fn weekly(conn: &mut Connection, settings: &Settings, due_at: i64, now: i64) -> StoreResult<Mail> {
    let mut mail = Mail::default();
    let due = DateTime::from_timestamp(due_at, 0).unwrap_or_default();
    let now = DateTime::from_timestamp(now, 0).unwrap_or_default();
    let tz = settings.time_zone;
    let report = compute(conn, period(tz, due, 1)).await?;
    for manager in people::list_active_managers(conn).await? {
        let Some(to) = Recipient::person(&manager).filter(|_| manager.role == Role::Manager) else { continue };
        send(&mut mail, to, &report);
    }
    schedule_next(conn, settings, now + Duration::seconds(1)).await?;
    Ok(mail)
}
