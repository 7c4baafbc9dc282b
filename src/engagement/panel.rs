//! The engagement panel: the queue of children with more than one warning, the evidence that goes with
//! each, and the panel's outcome. It looks for what more can help; it is never a route to court.

use crate::domain::ids::OccurrenceId;
use std::collections::HashMap;

use chrono_tz::Tz;

use crate::domain::answers::Reply;
use crate::domain::engagement::{Outcome, PanelOutcome, streak};
use crate::domain::people::{Awaiting, Role};
use crate::domain::text::tidy;
use crate::store::appointments::{self as occurrences, OccurrenceState};
use crate::store::engagement::{self as store, Referral, SuspensionState};
use crate::store::people::{self, Person};
use crate::store::{Connection, StoreResult, answers, audit};
use crate::templates::Text;
use crate::usecase::access::may_act_on;
use crate::usecase::action::CallbackAction;
use crate::usecase::buttons::open_card;
use crate::usecase::context::{Context, UseCaseResult, refuse};
use crate::usecase::mail::{Button, Recipient};
use crate::usecase::wording;
use crate::usecase::wording::{outcome_label, reason_text, reply_label, state_text};

const NOTE_MAX_CHARS: usize = 500;
const EVIDENCE_FILE: &str = "panel-evidence.txt";

fn outcome_text(outcome: PanelOutcome) -> Text {
    Text::new(match outcome {
        PanelOutcome::SupportPlan => "staff-panel-support-plan",
        PanelOutcome::ChangeTime => "staff-panel-change-time",
        PanelOutcome::MoreHelp => "staff-panel-more-help",
        PanelOutcome::Closed => "staff-panel-closed",
    })
}

fn local_date(tz: Tz, at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0).unwrap_or_default().with_timezone(&tz).format("%Y-%m-%d").to_string()
}

/// A new item in the queue: the worker and every manager hear at once, each with the evidence.
pub async fn announce(ctx: &mut Context<'_>, child: &Person, referral_id: i64) -> UseCaseResult {
    let Some(referral) = store::find_referral(ctx.tx, referral_id).await? else { return Ok(()) };
    let worker = people::worker_of(ctx.tx, child).await?;
    let text = Text::new("staff-panel-referral")
        .arg("name", child.name.as_str())
        .arg("worker", worker.as_ref().map(|w| w.name.clone()).unwrap_or_default())
        .arg("count", referral.warnings);
    let (tz, now) = (ctx.time_zone(), ctx.timestamp());
    let lines = evidence(ctx.tx, tz, child, &referral, now).await?;
    let mut told = Vec::new();
    for person in worker.into_iter().chain(people::list_active_managers(ctx.tx).await?) {
        if told.contains(&person.id) {
            continue;
        }
        told.push(person.id);
        let Some(to) = Recipient::person(&person) else { continue };
        ctx.mail.send_with_buttons(to, text.clone(), vec![vec![open_card(child)]]);
        let caption = Text::new("staff-evidence-caption").arg("name", child.name.as_str());
        ctx.mail.send_text_file(to, EVIDENCE_FILE, lines.clone(), caption);
    }
    Ok(())
}

/// Everything the panel needs to see, one line each: every appointment of the order with the child's
/// answer, attendance (corrections shown) and reason; warnings; streaks; suspensions; earlier panel items.
pub async fn evidence(
    conn: &mut Connection,
    tz: Tz,
    child: &Person,
    referral: &Referral,
    now: i64,
) -> StoreResult<Vec<Text>> {
    let none = || Text::new("staff-evidence-none");
    let worker_name = people::worker_name(conn, child).await?;
    let record = people::child_record(conn, child.child_id()).await?;
    let order_end =
        record.and_then(|r| r.details.order_end).map_or_else(|| "not-recorded".into(), |end| end.to_string());
    let mut lines = vec![
        Text::new("staff-evidence-title").arg("name", child.name.as_str()),
        Text::new("staff-evidence-about")
            .arg("worker", worker_name)
            .arg("order_end", order_end)
            .arg("referred", local_date(tz, referral.referred_at))
            .arg("warnings", referral.warnings),
    ];

    let history = store::attendance_history(conn, child.child_id()).await?;
    let mut by_occurrence: HashMap<OccurrenceId, Vec<&store::Attendance>> = HashMap::new();
    for record in &history {
        by_occurrence.entry(record.occurrence_id).or_default().push(record);
    }
    let reasons = store::reasons_of(conn, child.child_id()).await?;
    let all = occurrences::list_occurrences(conn, child.child_id(), i64::MIN, now).await?;
    let mut counts: HashMap<&'static str, i64> = HashMap::new();
    let mut occurrence_lines = Vec::new();
    let mut counted: Vec<Outcome> = Vec::new();
    for occurrence in all.iter().filter(|o| o.state != OccurrenceState::Moved) {
        let records = by_occurrence.get(&occurrence.id).cloned().unwrap_or_default();
        let latest = records.last().map(|r| r.outcome);
        let attendance = match (occurrence.state, latest) {
            (OccurrenceState::Scheduled, Some(outcome)) => {
                *counts.entry(outcome.code()).or_default() += 1;
                counted.push(outcome);
                let mut text = Text::new("staff-evidence-attendance").arg("outcome", outcome_label(outcome));
                if let [.., earlier, _] = records.as_slice() {
                    text = Text::new("staff-evidence-corrected")
                        .arg("outcome", text)
                        .arg("earlier", outcome_label(earlier.outcome));
                }
                text
            }
            (OccurrenceState::Scheduled, None) => {
                *counts.entry("unrecorded").or_default() += 1;
                Text::new("staff-evidence-not-recorded")
            }
            (state, _) => {
                *counts.entry(state.as_str()).or_default() += 1;
                state_text(state)
            }
        };
        let answer = match answers::latest(conn, occurrence.id).await? {
            Some(a) => match Reply::from_code(&a.answer) {
                Some(reply) => reply_label(reply),
                None => none(),
            },
            None => none(),
        };
        let reason = reasons.iter().rev().find(|r| r.occurrence_id == occurrence.id);
        let reason = match reason {
            Some(reason) => {
                let judged = match reason.acceptable {
                    Some(true) => Text::new("staff-button-acceptable"),
                    Some(false) => Text::new("staff-button-not-acceptable"),
                    None => Text::new("staff-evidence-not-judged"),
                };
                Text::new("staff-evidence-reason").arg("reason", reason_text(reason)).arg("judged", judged)
            }
            None => none(),
        };
        let reached = if occurrences::was_unreachable(conn, occurrence.id).await? {
            *counts.entry("unreachable").or_default() += 1;
            Text::new("staff-evidence-unreachable")
        } else {
            Text::new("staff-evidence-reached")
        };
        occurrence_lines.push(
            Text::new("staff-evidence-occurrence")
                .arg("when", wording::when_exact(tz, occurrence.starts_at))
                .arg("attendance", attendance)
                .arg("answer", answer)
                .arg("reason", reason)
                .arg("reached", reached),
        );
    }
    counted.reverse();
    let best = longest_run_kept(&counted);
    let count = |key: &str| counts.get(key).copied().unwrap_or(0);
    lines.push(
        Text::new("staff-evidence-summary")
            .arg("came", count("came"))
            .arg("late", count("late"))
            .arg("missed", count("missed"))
            .arg("unrecorded", count("unrecorded"))
            .arg("skipped", count("skipped"))
            .arg("suspended", count("suspended"))
            .arg("unreachable", count("unreachable"))
            .arg("streak", streak(&counted) as i64)
            .arg("best", best as i64),
    );
    lines.push(Text::new("staff-evidence-appointments").arg("count", occurrence_lines.len() as i64));
    lines.extend(occurrence_lines);

    let warnings = store::given_warnings(conn, child.child_id()).await?;
    lines.push(Text::new("staff-evidence-warnings").arg("count", warnings.len() as i64));
    for warning in &warnings {
        let by = match warning.proposed_by {
            Some(id) => people::find_by_id(conn, id).await?.map(|p| p.name).unwrap_or_default(),
            None => String::new(),
        };
        lines.push(
            Text::new("staff-evidence-warning")
                .arg("when", warning.given_at.map(|at| local_date(tz, at)).unwrap_or_default())
                .arg("by", by)
                .arg("reason", warning.reason.as_str()),
        );
    }

    let suspensions = store::suspensions_of(conn, child.child_id()).await?;
    lines.push(Text::new("staff-evidence-suspensions").arg("count", suspensions.len() as i64));
    for suspension in &suspensions {
        lines.push(suspension_line(suspension));
    }

    let earlier: Vec<Referral> =
        store::referrals_of(conn, child.child_id()).await?.into_iter().filter(|r| r.id != referral.id).collect();
    lines.push(Text::new("staff-evidence-referrals").arg("count", earlier.len() as i64));
    for item in &earlier {
        lines.push(referral_line(tz, item));
    }
    Ok(lines)
}

fn longest_run_kept(oldest_first: &[Outcome]) -> usize {
    let (mut best, mut run) = (0, 0);
    for outcome in oldest_first {
        run = if outcome.kept() { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

pub fn suspension_line(suspension: &store::Suspension) -> Text {
    let state = Text::new(match suspension.state {
        SuspensionState::Requested => "staff-suspension-state-requested",
        SuspensionState::Approved => "staff-suspension-state-approved",
        SuspensionState::Refused => "staff-suspension-state-refused",
    });
    Text::new("staff-suspension-line")
        .arg("from", suspension.from.to_string())
        .arg("to", suspension.to.to_string())
        .arg("state", state)
        .arg("reason", suspension.reason.as_str())
        .arg("reference", suspension.court_reference.clone().unwrap_or_else(|| "-".into()))
}

pub fn referral_line(tz: Tz, referral: &Referral) -> Text {
    let outcome = match referral.outcome {
        Some(outcome) => outcome_text(outcome),
        None => Text::new("staff-panel-open"),
    };
    Text::new("staff-referral-line")
        .arg("when", local_date(tz, referral.referred_at))
        .arg("outcome", outcome)
        .arg("note", referral.note.clone().unwrap_or_else(|| "-".into()))
}

fn decision_buttons(referral_id: i64) -> Vec<Vec<Button>> {
    let button = |outcome| Button {
        label: outcome_text(outcome),
        action: CallbackAction::PanelDecision { referral_id, outcome },
    };
    vec![
        vec![button(PanelOutcome::SupportPlan), button(PanelOutcome::ChangeTime)],
        vec![button(PanelOutcome::MoreHelp), button(PanelOutcome::Closed)],
        vec![Button {
            label: Text::new("staff-button-evidence"),
            action: CallbackAction::PanelEvidence { referral_id },
        }],
    ]
}

/// `/panel`: the open items, oldest first: a worker's own caseload, or the whole service for a manager.
pub async fn list(ctx: &mut Context<'_>, actor: &Person) -> UseCaseResult {
    let scope = if actor.role.includes(Role::Manager) { None } else { Some(actor.id) };
    let items = store::open_referrals(ctx.tx, scope).await?;
    if items.is_empty() {
        ctx.reply(Text::new("staff-panel-empty"));
        return Ok(());
    }
    ctx.reply(Text::new("staff-panel-queue").arg("count", items.len() as i64));
    let tz = ctx.time_zone();
    for item in items {
        let Some(child) = people::find_by_id(ctx.tx, item.child_id).await? else { continue };
        let worker = people::worker_name(ctx.tx, &child).await?;
        let outcomes: Vec<Outcome> =
            store::counted_outcomes(ctx.tx, child.child_id()).await?.into_iter().map(|(_, o)| o).collect();
        let missed = outcomes.iter().filter(|o| !o.kept()).count() as i64;
        let text = Text::new("staff-panel-item")
            .arg("name", child.name.as_str())
            .arg("worker", worker)
            .arg("since", local_date(tz, item.referred_at))
            .arg("warnings", store::given_warnings(ctx.tx, child.child_id()).await?.len() as i64)
            .arg("missed", missed)
            .arg("streak", streak(&outcomes) as i64);
        ctx.mail.send_with_buttons(ctx.reply_to, text, decision_buttons(item.id));
    }
    Ok(())
}

/// The referral and its child, if this person may act on them.
async fn own_referral(ctx: &mut Context<'_>, actor: &Person, referral_id: i64) -> UseCaseResult<(Referral, Person)> {
    let Some(referral) = store::find_referral(ctx.tx, referral_id).await? else {
        return refuse(Text::new("any-old-button"));
    };
    let child = people::find_by_id(ctx.tx, referral.child_id).await?;
    match child.filter(|c| may_act_on(actor, c)) {
        Some(child) => {
            ctx.mail.concerning(child.child_id());
            Ok((referral, child))
        }
        None => refuse(Text::new("any-old-button")),
    }
}

/// The evidence button: the document, as it stands now.
pub async fn send_evidence(ctx: &mut Context<'_>, actor: &Person, referral_id: i64) -> UseCaseResult {
    let (referral, child) = own_referral(ctx, actor, referral_id).await?;
    let (tz, now) = (ctx.time_zone(), ctx.timestamp());
    let lines = evidence(ctx.tx, tz, &child, &referral, now).await?;
    let caption = Text::new("staff-evidence-caption").arg("name", child.name.as_str());
    ctx.mail.send_text_file(ctx.reply_to, EVIDENCE_FILE, lines, caption);
    Ok(())
}

/// An outcome button: recorded once, then the person may add a short note.
pub async fn decide(
    ctx: &mut Context<'_>,
    actor: &Person,
    referral_id: i64,
    outcome: PanelOutcome,
    message_id: Option<i64>,
) -> UseCaseResult {
    let (referral, child) = own_referral(ctx, actor, referral_id).await?;
    let now = ctx.timestamp();
    if !store::decide_referral(ctx.tx, referral.id, outcome, actor.id, now).await? {
        return refuse(Text::new("staff-panel-already-decided").arg("name", child.name.as_str()));
    }
    audit::record(ctx.tx, now, Some(actor.id), "panel-outcome", Some(child.id)).await?;
    let text = Text::new("staff-panel-decided").arg("name", child.name.as_str()).arg("outcome", outcome_text(outcome));
    match message_id {
        Some(message_id) => ctx.mail.edit(ctx.reply_to, message_id, text.clone()),
        None => ctx.reply(text.clone()),
    }
    if child.worker_id != Some(actor.id)
        && let Some(worker) = people::worker_of(ctx.tx, &child).await?
    {
        ctx.mail.send_to_person(&worker, text);
    }
    people::set_awaiting(ctx.tx, actor.id, Some(Awaiting::PanelNote { referral_id: referral.id })).await?;
    ctx.reply(Text::new("staff-panel-note-ask"));
    Ok(())
}

/// The note typed after an outcome. `false` if the person was not asked for one.
pub async fn typed_note(ctx: &mut Context<'_>, actor: &Person, referral_id: i64, text: &str) -> UseCaseResult<bool> {
    people::set_awaiting(ctx.tx, actor.id, None).await?;
    let referral = store::find_referral(ctx.tx, referral_id).await?.filter(|r| r.decided_by == Some(actor.id));
    let Some(referral) = referral else { return Ok(false) };
    let Some(note) = tidy(text, NOTE_MAX_CHARS) else { return Ok(false) };
    store::set_referral_note(ctx.tx, referral.id, &note).await?;
    ctx.reply(Text::new("staff-panel-note-saved"));
    Ok(true)
}
