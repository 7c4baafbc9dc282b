//! The data rights of children: everything held about a child as a document (a subject access
//! request), erasing a child's records after a confirmation, erasing automatically after the
//! retention period, and the audit trail a manager can read and nobody can edit.

use crate::domain::ids::ChildId;
use chrono::{DateTime, Duration, NaiveTime, Utc};

use crate::config::Settings;
use crate::domain::people::Role;
use crate::domain::schedule::resolve_local;
use crate::store::jobs::{self, JobKind, Work};
use crate::store::people::{self, Person};
use crate::store::records as store;
use crate::store::{Connection, StoreResult, audit};
use crate::templates::Text;
use crate::usecase::access::find_child;
use crate::usecase::action::CallbackAction;
use crate::usecase::choices;
use crate::usecase::commands::Named;
use crate::usecase::context::{Context, UseCaseResult, refuse};
use crate::usecase::mail::{Button, Mail};

/// The audit trail shows this many entries, the newest.
const TRAIL_LINES: usize = 50;

fn count(records: &serde_json::Map<String, serde_json::Value>, table: &str) -> i64 {
    records.get(table).and_then(|v| v.as_array()).map_or(0, |rows| rows.len() as i64)
}

/// `/export NAME`: everything held about the child as JSON, and a plain summary a child or parent
/// could read. Recorded in the audit log.
pub async fn export(ctx: &mut Context<'_>, actor: &Person, Named { name }: Named) -> UseCaseResult {
    let child = find_child(ctx, actor, &name).await?;
    let now = ctx.timestamp();
    audit::record(ctx.tx, now, Some(actor.id), "export", Some(child.id)).await?;
    let records = store::everything_about(ctx.tx, child.child_id()).await?;
    let summary = vec![
        Text::new("staff-records-summary-title").arg("name", child.name.as_str()).arg("when", ctx.local_time(now)),
        Text::new("staff-records-summary-counts")
            .arg("commitments", count(&records, "commitments"))
            .arg("slots", count(&records, "slots"))
            .arg("appointments", count(&records, "occurrences"))
            .arg("answers", count(&records, "answers"))
            .arg("attendance", count(&records, "attendance"))
            .arg("reasons", count(&records, "miss_reasons"))
            .arg("warnings", count(&records, "warnings"))
            .arg("panel", count(&records, "panel_referrals"))
            .arg("suspensions", count(&records, "suspensions"))
            .arg("carers", count(&records, "carers"))
            .arg("dropins", count(&records, "dropin_signups")),
        Text::new("staff-records-summary-rights"),
    ];
    let document = serde_json::json!({
        "about": "Everything Touchbase holds about one child, for a subject access request.",
        "exported_at": DateTime::from_timestamp(now, 0).unwrap_or_default().to_rfc3339(),
        "records": records,
    });
    let json = serde_json::to_string_pretty(&document).expect("JSON values always serialise");
    ctx.mail.send_document(
        ctx.reply_to,
        "records.json".into(),
        json,
        Text::new("staff-records-export-caption").arg("name", child.name.as_str()),
    );
    ctx.mail.send_text_file(
        ctx.reply_to,
        "summary.txt",
        summary,
        Text::new("staff-records-summary-caption").arg("name", child.name.as_str()),
    );
    Ok(())
}

/// `/erase NAME`: asks the manager to confirm. Nothing is erased yet.
pub async fn erase(ctx: &mut Context<'_>, actor: &Person, Named { name }: Named) -> UseCaseResult {
    let child = find_child(ctx, actor, &name).await?;
    let yes = choices::offer(ctx, CallbackAction::Erase { child_id: child.child_id(), confirm: true }).await?;
    let no = choices::offer(ctx, CallbackAction::Erase { child_id: child.child_id(), confirm: false }).await?;
    let buttons = vec![vec![
        Button { label: Text::new("staff-records-button-erase").arg("name", child.name.as_str()), action: yes },
        Button { label: Text::new("staff-records-button-keep"), action: no },
    ]];
    ctx.mail.send_with_buttons(
        ctx.reply_to,
        Text::new("staff-records-erase-confirm").arg("name", child.name.as_str()),
        buttons,
    );
    Ok(())
}

/// The confirmation (only ever offered to a manager, as a choice the server keeps).
pub async fn erase_confirmed(
    ctx: &mut Context<'_>,
    actor: &Person,
    child_id: ChildId,
    confirm: bool,
    message_id: Option<i64>,
) -> UseCaseResult {
    if !actor.role.includes(Role::Manager) {
        return refuse(Text::new("any-old-button"));
    }
    let Some(child) = people::find_by_id(ctx.tx, child_id).await?.filter(|c| c.role == Role::Child) else {
        return refuse(Text::new("staff-records-already-erased"));
    };
    let name = child.name.clone();
    if !confirm {
        let text = Text::new("staff-records-kept").arg("name", name.as_str());
        match message_id {
            Some(message_id) => ctx.mail.edit(ctx.reply_to, message_id, text),
            None => ctx.reply(text),
        }
        return Ok(());
    }
    let worker = people::worker_of(ctx.tx, &child).await?;
    let (tz, now) = (ctx.time_zone(), ctx.timestamp());
    crate::dropins::withdraw_everywhere(ctx.tx, &mut ctx.mail, tz, child.child_id(), now).await?;
    store::erase_child(ctx.tx, child.child_id()).await?;
    audit::record(ctx.tx, now, Some(actor.id), "erase-child", None).await?;
    ctx.mail.erased = true;
    // The notice names nobody: it stays in chats after the child is gone.
    let text = Text::new("staff-records-erased").arg("by", actor.name.as_str());
    match message_id {
        Some(message_id) => ctx.mail.edit(ctx.reply_to, message_id, text.clone()),
        None => ctx.reply(text.clone()),
    }
    if let Some(worker) = worker.filter(|w| w.id != actor.id) {
        ctx.mail.send_to_person(&worker, text);
    }
    Ok(())
}

/// `/audit NAME`: who did what to the child's record, and when (the newest entries).
pub async fn trail(ctx: &mut Context<'_>, actor: &Person, Named { name }: Named) -> UseCaseResult {
    let child = find_child(ctx, actor, &name).await?;
    let entries = store::audit_trail(ctx.tx, child.child_id()).await?;
    let shown: Vec<Text> = entries
        .iter()
        .skip(entries.len().saturating_sub(TRAIL_LINES))
        .map(|e| {
            Text::new("staff-records-audit-line")
                .arg("when", ctx.local_time(e.at))
                .arg("action", e.action.as_str())
                .arg("by", e.by.clone().unwrap_or_else(|| "-".into()))
        })
        .collect();
    ctx.reply(
        Text::new("staff-records-audit")
            .arg("name", child.name.as_str())
            .arg("count", entries.len() as i64)
            .arg("shown", shown.len() as i64)
            .arg("entries", shown),
    );
    Ok(())
}

/// The next 03:00 local after `now`, when the retention job runs.
fn next_retention_run(settings: &Settings, now: DateTime<Utc>) -> DateTime<Utc> {
    let tz = settings.time_zone;
    let today = now.with_timezone(&tz).date_naive();
    let three = NaiveTime::from_hms_opt(3, 0, 0).expect("a valid time");
    let at = resolve_local(tz, today, three);
    if at > now { at } else { resolve_local(tz, today + Duration::days(1), three) }
}

pub async fn ensure_scheduled(conn: &mut Connection, settings: &Settings, now: DateTime<Utc>) -> StoreResult<()> {
    if jobs::has_open(conn, JobKind::Retention).await? {
        return Ok(());
    }
    schedule_retention(conn, settings, now).await
}

async fn schedule_retention(conn: &mut Connection, settings: &Settings, now: DateTime<Utc>) -> StoreResult<()> {
    let at = next_retention_run(settings, now);
    jobs::schedule(conn, Work::Retention { erased_before: 0 }, at.timestamp(), now.timestamp()).await?;
    Ok(())
}

/// The daily job: children whose order ended more than `TOUCHBASE_RETENTION` ago are erased, one
/// per transaction (so a long list never holds the database for long): the job erases one child and
/// comes back at once for the next, counting in `erased_before` how many went before it. When none
/// is left, the managers are told how many (never who), and the job waits for the next night.
pub async fn retention(conn: &mut Connection, settings: &Settings, now: i64, erased_before: i64) -> StoreResult<Mail> {
    let mut mail = Mail::default();
    let at = DateTime::from_timestamp(now, 0).unwrap_or_default();
    let today = at.with_timezone(&settings.time_zone).date_naive();
    let cutoff = today - Duration::seconds(settings.retention.num_seconds());
    let due = store::past_retention(conn, &cutoff.to_string()).await?;
    let mut erased = erased_before;
    if let Some(&child_id) = due.first() {
        crate::dropins::withdraw_everywhere(conn, &mut mail, settings.time_zone, child_id, now).await?;
        store::erase_child(conn, child_id).await?;
        audit::record(conn, now, None, "erase-child-retention", None).await?;
        mail.erased = true;
        erased += 1;
        if due.len() > 1 {
            jobs::schedule(conn, Work::Retention { erased_before: erased }, now, now).await?;
            return Ok(mail);
        }
    }
    if erased > 0 {
        for manager in people::list_active_managers(conn).await? {
            mail.send_to_person(&manager, Text::new("staff-records-retention-done").arg("count", erased));
        }
    }
    schedule_retention(conn, settings, at + Duration::seconds(1)).await?;
    Ok(mail)
}
