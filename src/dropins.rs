//! Virtual drop-in sessions: hosts create them with an audience, a capacity and a private join link;
//! children see only the ones they can join, sign up or wait, and get the link shortly before the
//! start. Children kept apart are never both on a roster or waiting list, and nothing they see
//! hints at why.

use crate::domain::ids::{ChildId, DropinId};
use chrono::Duration;
use chrono_tz::Tz;

use crate::domain::clash::{Clash, Commitment, Fixed, one_off_clashes};
use crate::domain::dates::age_on;
use crate::domain::dropins::{Audience, Place as Spot, place_for};
use crate::domain::people::{Role, Sex};
use crate::domain::schedule::{Place, resolve_local};
use crate::store::appointments::{self as occurrences, OccurrenceState};
use crate::store::dropins::{self as store, Dropin, NewDropin, SignupState};
use crate::store::jobs::{self, Work};
use crate::store::people::{self, Person};
use crate::store::{Connection, StoreResult, audit};
use crate::templates::Text;
use crate::usecase::access::may_act_on;
use crate::usecase::action::CallbackAction;
use crate::usecase::commands::{self as command, CancelDropin, DropinRef, InviteToDropin, Invitees};
use crate::usecase::context::{Context, UseCaseResult, refuse};
use crate::usecase::mail::{Button, Mail, Recipient};
use crate::usecase::wording;

const DEFAULT_MINUTES: i64 = 60;
const DEFAULT_CAPACITY: i64 = 10;

/// "#12 Art club" for staff.
fn label(dropin: &Dropin) -> String {
    format!("#{} {}", dropin.id, dropin.title)
}

// ----- hosts -----

/// `/dropin title="..." at="YYYY-MM-DD HH:MM" [minutes=N] [capacity=N] [ages=A-B] [sex=...] [invited=yes] link=URL`
pub async fn create(ctx: &mut Context<'_>, actor: &Person, command: command::NewDropin) -> UseCaseResult {
    let command::NewDropin { title, date, time, link, minutes, capacity, ages, sex, invited_only } = command;
    let tz = ctx.time_zone();
    let start = resolve_local(tz, date, time);
    let now = ctx.timestamp();
    if start.timestamp() <= now {
        return refuse(Text::new("staff-date-in-past"));
    }
    let minutes = minutes.unwrap_or(DEFAULT_MINUTES);
    let capacity = capacity.unwrap_or(DEFAULT_CAPACITY);
    let sex = sex.unwrap_or_else(|| "any".to_owned());
    let link = link.as_str();
    let audience = Audience { min_age: ages.map(|a| a.0), max_age: ages.map(|a| a.1), sex };
    let ends_at = start.timestamp() + minutes * 60;
    let id = store::insert_dropin(
        ctx.tx,
        NewDropin {
            title: &title,
            starts_at: start.timestamp(),
            ends_at,
            capacity,
            audience: &audience,
            link,
            invited_only,
            host_id: actor.id,
            now,
        },
    )
    .await?;
    // The link goes out shortly before the start, as a job so a restart cannot lose it.
    let due = (start.timestamp() - ctx.settings.join_link_lead.num_seconds()).max(now);
    jobs::schedule(ctx.tx, Work::DropinLinks { dropin_id: id }, due, now).await?;
    audit::record(ctx.tx, now, Some(actor.id), "dropin-create", None).await?;
    let dropin = store::find_dropin(ctx.tx, id)
        .await?
        .ok_or_else(|| crate::store::StoreError::Corrupt("the drop-in just made is missing".into()))?;
    ctx.reply(
        Text::new("staff-dropin-created")
            .arg("dropin", label(&dropin))
            .arg("summary", staff_summary(ctx, &dropin, 0, 0))
            .arg("lead", ctx.settings.join_link_lead.num_minutes())
            .arg("invited", if invited_only { "yes" } else { "no" }),
    );
    Ok(())
}

fn audience_text(audience: &Audience) -> Text {
    let ages = match (audience.min_age, audience.max_age) {
        (Some(min), Some(max)) if min == max => format!("{min}"),
        (Some(min), Some(max)) => format!("{min}-{max}"),
        _ => "-".to_owned(),
    };
    Text::new("staff-dropin-audience").arg("ages", ages).arg("sex", audience.sex.as_str())
}

fn staff_summary(ctx: &Context<'_>, dropin: &Dropin, signed: i64, waiting: i64) -> Text {
    Text::new("staff-dropin-summary")
        .arg("when", wording::when_exact(ctx.time_zone(), dropin.starts_at))
        .arg("minutes", (dropin.ends_at - dropin.starts_at) / 60)
        .arg("signed", signed)
        .arg("capacity", dropin.capacity)
        .arg("waiting", waiting)
        .arg("audience", audience_text(&dropin.audience))
}

async fn counts(conn: &mut Connection, dropin_id: DropinId) -> StoreResult<(i64, i64)> {
    let signups = store::standing_signups(conn, dropin_id).await?;
    let signed = signups.iter().filter(|s| s.state == SignupState::Signed).count() as i64;
    Ok((signed, signups.len() as i64 - signed))
}

/// `/dropins`: for staff, every upcoming drop-in with its counts; for a child, the ones they can join.
pub async fn list(ctx: &mut Context<'_>, actor: &Person) -> UseCaseResult {
    if actor.role == Role::Child {
        return offer(ctx, actor).await;
    }
    let upcoming = store::upcoming_dropins(ctx.tx, ctx.now.timestamp()).await?;
    if upcoming.is_empty() {
        ctx.reply(Text::new("staff-no-dropins"));
        return Ok(());
    }
    let mut lines = Vec::with_capacity(upcoming.len());
    for dropin in &upcoming {
        let (signed, waiting) = counts(ctx.tx, dropin.id).await?;
        lines.push(
            Text::new("staff-dropin-line")
                .arg("dropin", label(dropin))
                .arg("summary", staff_summary(ctx, dropin, signed, waiting)),
        );
    }
    ctx.reply(Text::new("staff-dropins").arg("count", lines.len() as i64).arg("dropins", lines));
    Ok(())
}

/// The drop-in, if this member of staff runs it (its host, or a manager).
async fn own_dropin(ctx: &mut Context<'_>, actor: &Person, id: DropinId) -> UseCaseResult<Dropin> {
    match store::find_dropin(ctx.tx, id).await? {
        Some(dropin) if dropin.host_id == Some(actor.id) || actor.role.includes(Role::Manager) => Ok(dropin),
        Some(_) => refuse(Text::new("staff-dropin-not-yours").arg("id", id.0)),
        None => refuse(Text::new("staff-no-such-dropin").arg("id", id.0)),
    }
}

/// `/roster ID`: who is signed up, who waits and who came, with a button a child to record who came.
pub async fn roster(ctx: &mut Context<'_>, actor: &Person, DropinRef { dropin_id }: DropinRef) -> UseCaseResult {
    let dropin = own_dropin(ctx, actor, dropin_id).await?;
    let signups = store::standing_signups(ctx.tx, dropin.id).await?;
    let (mut signed, mut waiting, mut buttons) = (Vec::new(), Vec::new(), Vec::new());
    let mut came = 0;
    for signup in &signups {
        let Some(child) = people::find_by_id(ctx.tx, signup.child_id).await? else { continue };
        let worker = people::worker_name(ctx.tx, &child).await?;
        let line = Text::new("staff-roster-line").arg("name", child.name.as_str()).arg("worker", worker);
        match signup.state {
            SignupState::Signed => {
                came += i64::from(signup.attended);
                signed.push(line);
                let key = if signup.attended { "staff-button-came-to-dropin" } else { "staff-button-mark-came" };
                buttons.push(vec![Button {
                    label: Text::new(key).arg("name", child.name.as_str()),
                    action: CallbackAction::DropinCame { signup_id: signup.id },
                }]);
            }
            SignupState::Waiting => waiting.push(line),
            SignupState::Cancelled => {}
        }
    }
    let state = if dropin.cancelled_at.is_some() { "cancelled" } else { "on" };
    let text = Text::new("staff-roster")
        .arg("dropin", label(&dropin))
        .arg("when", wording::when_exact(ctx.time_zone(), dropin.starts_at))
        .arg("state", state)
        .arg("signed_count", signed.len() as i64)
        .arg("capacity", dropin.capacity)
        .arg("signed", signed)
        .arg("waiting_count", waiting.len() as i64)
        .arg("waiting", waiting)
        .arg("came", came);
    ctx.mail.send_with_buttons(ctx.reply_to, text, buttons);
    Ok(())
}

/// A name on the roster tapped: came (tap again to undo). Only from the start on.
pub async fn mark_came(ctx: &mut Context<'_>, actor: &Person, signup_id: i64) -> UseCaseResult {
    let Some(signup) = store::find_signup(ctx.tx, signup_id).await? else { return refuse(Text::new("any-old-button")) };
    let dropin = store::find_dropin(ctx.tx, signup.dropin_id).await?;
    let Some(dropin) = dropin.filter(|d| d.host_id == Some(actor.id) || actor.role.includes(Role::Manager)) else {
        return refuse(Text::new("any-old-button"));
    };
    if signup.state != SignupState::Signed {
        return refuse(Text::new("any-old-button"));
    }
    if dropin.starts_at > ctx.timestamp() {
        return refuse(Text::new("staff-dropin-not-started"));
    }
    store::set_attended(ctx.tx, signup.id, !signup.attended).await?;
    audit::record(ctx.tx, ctx.now.timestamp(), Some(actor.id), "dropin-attendance", Some(signup.child_id.person()))
        .await?;
    roster(ctx, actor, DropinRef { dropin_id: dropin.id }).await
}

/// `/cancel_dropin ID [reason]`: everyone signed up or waiting is told.
pub async fn cancel(
    ctx: &mut Context<'_>,
    actor: &Person,
    CancelDropin { dropin_id, reason }: CancelDropin,
) -> UseCaseResult {
    let dropin = own_dropin(ctx, actor, dropin_id).await?;
    let now = ctx.timestamp();
    if dropin.starts_at <= now || !store::cancel_dropin(ctx.tx, dropin.id, reason.as_deref(), now).await? {
        return refuse(Text::new("staff-dropin-cannot-cancel").arg("dropin", label(&dropin)));
    }
    audit::record(ctx.tx, now, Some(actor.id), "dropin-cancel", None).await?;
    let signups = store::standing_signups(ctx.tx, dropin.id).await?;
    let mut told = 0;
    for signup in &signups {
        store::set_signup_state(ctx.tx, signup.id, SignupState::Cancelled, now).await?;
        // At once, even at night: the drop-in may be this evening.
        if let Some(to) = people::find_by_id(ctx.tx, signup.child_id).await?.as_ref().and_then(Recipient::person) {
            let text = Text::new("child-dropin-cancelled")
                .arg("title", dropin.title.as_str())
                .arg("when", wording::when(ctx.time_zone(), dropin.starts_at));
            ctx.mail.send(to, text);
            told += 1;
        }
    }
    ctx.reply(Text::new("staff-dropin-cancelled").arg("dropin", label(&dropin)).arg("told", told));
    Ok(())
}

/// `/dropin_invite ID NAME` or `/dropin_invite ID caseload=WORKER`: children who may see and join
/// a drop-in (needed for one limited to invited children). A host learns about children only through
/// their own drop-ins. A child's own worker, or a manager, hears how many were invited and how many
/// could not be, never who or why. Anyone else naming a child hears one answer whether the name is
/// unknown, shared, outside the audience, busy then, kept apart from someone on the drop-in, or
/// invited, so trying names teaches nothing. A whole caseload may be invited only by its own worker,
/// or a manager.
pub async fn invite(
    ctx: &mut Context<'_>,
    actor: &Person,
    InviteToDropin { dropin_id, invitees }: InviteToDropin,
) -> UseCaseResult {
    let dropin = own_dropin(ctx, actor, dropin_id).await?;
    if dropin.cancelled_at.is_some() || dropin.starts_at <= ctx.timestamp() {
        return refuse(Text::new("staff-dropin-cannot-invite").arg("dropin", label(&dropin)));
    }
    // The children asked for, how many names found nobody to invite, and whether the host may know
    // how it went (`None`) or only hears, by the name they typed, that the child is invited if they can come.
    let (children, not_found, quiet_about) = match invitees {
        Invitees::Caseload(name) => {
            let worker = people::find_staff_by_name(ctx.tx, &name.key()).await?;
            let Some(worker) = worker else {
                return refuse(Text::new("staff-no-such-staff").arg("name", name.as_str()));
            };
            if worker.id != actor.id && !actor.role.includes(Role::Manager) {
                return refuse(Text::new("staff-dropin-caseload-own"));
            }
            (people::list_caseload(ctx.tx, worker.id).await?, 0, None)
        }
        Invitees::Child(name) => {
            let mut found = people::find_children_by_name(ctx.tx, &name.key()).await?;
            // A worker's own child first; then a name unique in the service.
            if let Some(own) = found.iter().position(|c| may_act_on(actor, c) && c.worker_id == Some(actor.id)) {
                (vec![found.remove(own)], 0, None)
            } else if actor.role.includes(Role::Manager) {
                let not_found = i64::from(found.len() != 1);
                (if found.len() == 1 { found } else { Vec::new() }, not_found, None)
            } else {
                // Unknown or shared names answer as a child the host may not know about does.
                found.truncate(usize::from(found.len() == 1));
                (found, 0, Some(name.as_str().to_owned()))
            }
        }
    };
    let now = ctx.timestamp();
    store::lock_dropin(ctx.tx, dropin.id).await?;
    let (mut invited, mut not_invited) = (0, not_found);
    // Invitations are what make an invited-only drop-in open to a child, so it is weighed as open.
    let open = Dropin { invited_only: false, ..dropin.clone() };
    for child in &children {
        let joiner = Joiner::load(ctx.tx, child).await?;
        // Kept apart from someone on it, outside the audience, or busy then: left out, for a reason
        // the host is not told.
        if joiner.apart_from_someone_on(ctx.tx, &dropin).await?
            || barred(ctx.tx, ctx.settings.time_zone, &joiner, &open, now).await?.is_some()
        {
            not_invited += 1;
            continue;
        }
        invited += 1;
        if store::invite(ctx.tx, dropin.id, child.child_id(), actor.id, now).await? {
            let text = Text::new("child-dropin-invited")
                .arg("title", dropin.title.as_str())
                .arg("when", wording::when(ctx.time_zone(), dropin.starts_at));
            let button =
                Button { label: Text::new("button-sign-up"), action: CallbackAction::SignUp { dropin_id: dropin.id } };
            ctx.mail.send_news_with_buttons(child, text, vec![vec![button]]);
        }
    }
    audit::record(ctx.tx, now, Some(actor.id), "dropin-invite", None).await?;
    if let Some(name) = quiet_about {
        ctx.reply(Text::new("staff-dropin-invite-passed-on").arg("name", name));
        return Ok(());
    }
    ctx.reply(Text::new("staff-dropin-invited").arg("dropin", label(&dropin)).arg("count", invited));
    if not_invited > 0 {
        ctx.reply(Text::new("staff-dropin-not-invited").arg("count", not_invited));
    }
    Ok(())
}

// ----- children -----

/// Why a child cannot join a drop-in.
enum Barred {
    /// Not for them (audience, invitation, someone they are kept apart from): it is simply not offered.
    Hidden,
    /// It clashes with their week: they are told with what, in their words.
    Clash(Text),
}

/// What decides whether a child may join any drop-in, read once however many drop-ins are weighed.
struct Joiner {
    id: ChildId,
    born: Option<chrono::NaiveDate>,
    sex: Option<Sex>,
    commitments: Vec<Commitment>,
    /// The commitments whose label the child may read (`shown=yes`).
    shown: Vec<Commitment>,
    kept_apart_from: Vec<ChildId>,
}

impl Joiner {
    async fn load(conn: &mut Connection, child: &Person) -> StoreResult<Self> {
        let record = people::child_record(conn, child.child_id()).await?;
        let stored = occurrences::list_commitments(conn, child.child_id()).await?;
        Ok(Self {
            id: child.child_id(),
            born: record.as_ref().and_then(|r| r.details.born),
            sex: record.and_then(|r| r.details.sex),
            shown: stored.iter().filter(|c| c.shown).map(|c| c.commitment.clone()).collect(),
            commitments: stored.into_iter().map(|c| c.commitment).collect(),
            kept_apart_from: occurrences::kept_apart_from(conn, child.child_id()).await?,
        })
    }

    /// Whether someone this child is kept apart from stands on the drop-in (roster or waiting list).
    async fn apart_from_someone_on(&self, conn: &mut Connection, dropin: &Dropin) -> StoreResult<bool> {
        if self.kept_apart_from.is_empty() {
            return Ok(false);
        }
        let signups = store::standing_signups(conn, dropin.id).await?;
        Ok(signups.iter().any(|s| self.kept_apart_from.contains(&s.child_id)))
    }
}

async fn barred(
    conn: &mut Connection,
    tz: Tz,
    child: &Joiner,
    dropin: &Dropin,
    now: i64,
) -> StoreResult<Option<Barred>> {
    if dropin.cancelled_at.is_some() || dropin.starts_at <= now {
        return Ok(Some(Barred::Hidden));
    }
    if dropin.invited_only && !store::is_invited(conn, dropin.id, child.id).await? {
        return Ok(Some(Barred::Hidden));
    }
    let on = chrono::DateTime::from_timestamp(dropin.starts_at, 0).unwrap_or_default().with_timezone(&tz).date_naive();
    let age = child.born.map(|born| age_on(born, on));
    if !dropin.audience.admits(age, child.sex.map(Sex::as_str)) {
        return Ok(Some(Barred::Hidden));
    }
    if child.apart_from_someone_on(conn, dropin).await? {
        return Ok(Some(Barred::Hidden));
    }
    let day = Duration::days(1).num_seconds();
    let own: Vec<Fixed> = occurrences::list_occurrences(conn, child.id, dropin.starts_at - day, dropin.ends_at + day)
        .await?
        .into_iter()
        .filter(|o| o.state == OccurrenceState::Scheduled)
        .map(|o| Fixed {
            start: chrono::DateTime::from_timestamp(o.starts_at, 0).unwrap_or_default(),
            end: chrono::DateTime::from_timestamp(o.ends_at, 0).unwrap_or_default(),
            place: o.place,
        })
        .collect();
    let candidate = Fixed {
        start: chrono::DateTime::from_timestamp(dropin.starts_at, 0).unwrap_or_default(),
        end: chrono::DateTime::from_timestamp(dropin.ends_at, 0).unwrap_or_default(),
        place: Place::Video,
    };
    let clashes = one_off_clashes(tz, &candidate, &child.commitments, &own, &[]);
    // A commitment's label is the worker's word for it ("curfew"): a child reads it only when the
    // worker said so (`shown=yes`, "school"); one they may read is named before any other reason.
    let shown = clashes.iter().find_map(|clash| match clash {
        Clash::Commitment { label, days, window }
            if child.shown.iter().any(|c| &c.label == label && &c.days == days && &c.window == window) =>
        {
            Some(Text::new("child-dropin-clash-named").arg("label", label.as_str()))
        }
        _ => None,
    });
    Ok(shown
        .or_else(|| {
            clashes.first().map(|clash| match clash {
                Clash::Commitment { .. } => Text::new("child-dropin-clash"),
                _ => Text::new("child-dropin-clash-meeting"),
            })
        })
        .map(Barred::Clash))
}

/// A child's `/dropins`: only what they can join, each with Sign up (or the waiting list when full).
async fn offer(ctx: &mut Context<'_>, child: &Person) -> UseCaseResult {
    let now = ctx.timestamp();
    let mine: Vec<DropinId> =
        store::child_signups(ctx.tx, child.child_id(), now).await?.iter().map(|s| s.dropin_id).collect();
    let joiner = Joiner::load(ctx.tx, child).await?;
    let mut offered = 0;
    for dropin in store::upcoming_dropins(ctx.tx, now).await? {
        if mine.contains(&dropin.id) || barred(ctx.tx, ctx.settings.time_zone, &joiner, &dropin, now).await?.is_some() {
            continue;
        }
        let (signed, _) = counts(ctx.tx, dropin.id).await?;
        let full = signed >= dropin.capacity;
        let places = if full {
            Text::new("child-dropin-full")
        } else {
            Text::new("child-dropin-places").arg("left", dropin.capacity - signed)
        };
        let text = Text::new("child-dropin")
            .arg("title", dropin.title.as_str())
            .arg("when", wording::when(ctx.time_zone(), dropin.starts_at))
            .arg("minutes", (dropin.ends_at - dropin.starts_at) / 60)
            .arg("places", places);
        let key = if full { "button-join-waiting-list" } else { "button-sign-up" };
        let button = Button { label: Text::new(key), action: CallbackAction::SignUp { dropin_id: dropin.id } };
        ctx.mail.send_with_buttons(ctx.reply_to, text, vec![vec![button]]);
        offered += 1;
    }
    if offered == 0 {
        ctx.reply(Text::new("child-no-dropins"));
    }
    Ok(())
}

/// Sign up: a place if there is one, else the waiting list. Checked again at the tap.
pub async fn sign_up(ctx: &mut Context<'_>, actor: &Person, dropin_id: DropinId) -> UseCaseResult {
    if actor.role != Role::Child {
        return refuse(Text::new("any-old-button"));
    }
    store::lock_dropin(ctx.tx, dropin_id).await?;
    let Some(dropin) = store::find_dropin(ctx.tx, dropin_id).await? else { return refuse(Text::new("any-old-button")) };
    let now = ctx.timestamp();
    if store::child_signups(ctx.tx, actor.child_id(), now).await?.iter().any(|s| s.dropin_id == dropin.id) {
        return refuse(Text::new("child-dropin-already"));
    }
    let joiner = Joiner::load(ctx.tx, actor).await?;
    match barred(ctx.tx, ctx.settings.time_zone, &joiner, &dropin, now).await? {
        Some(Barred::Hidden) => return refuse(Text::new("child-dropin-not-available")),
        Some(Barred::Clash(text)) => return refuse(text),
        None => {}
    }
    let (signed, waiting) = counts(ctx.tx, dropin.id).await?;
    let tz = ctx.time_zone();
    match place_for(signed, waiting, dropin.capacity) {
        Spot::Roster => {
            let id = store::add_signup(ctx.tx, dropin.id, actor.child_id(), SignupState::Signed, now).await?;
            ctx.reply(
                Text::new("child-dropin-signed-up")
                    .arg("title", dropin.title.as_str())
                    .arg("when", wording::when(tz, dropin.starts_at)),
            );
            if dropin.link_sent_at.is_some() {
                send_link(ctx.tx, &mut ctx.mail, &dropin, actor, id, now).await?;
            }
        }
        Spot::Waiting(position) => {
            store::add_signup(ctx.tx, dropin.id, actor.child_id(), SignupState::Waiting, now).await?;
            ctx.reply(Text::new("child-dropin-waiting").arg("title", dropin.title.as_str()).arg("position", position));
        }
    }
    Ok(())
}

/// `/mine`: my sign-ups, each with Cancel.
pub async fn mine(ctx: &mut Context<'_>, actor: &Person) -> UseCaseResult {
    let now = ctx.timestamp();
    let signups = store::child_signups(ctx.tx, actor.child_id(), now).await?;
    if signups.is_empty() {
        ctx.reply(Text::new("child-no-signups"));
        return Ok(());
    }
    let tz = ctx.time_zone();
    for signup in signups {
        let Some(dropin) = store::find_dropin(ctx.tx, signup.dropin_id).await? else { continue };
        let text = if signup.state == SignupState::Waiting {
            let standing = store::standing_signups(ctx.tx, dropin.id).await?;
            let position =
                standing.iter().filter(|s| s.state == SignupState::Waiting && s.id <= signup.id).count() as i64;
            Text::new("child-my-dropin-waiting")
                .arg("title", dropin.title.as_str())
                .arg("when", wording::when(tz, dropin.starts_at))
                .arg("position", position)
        } else {
            Text::new("child-my-dropin")
                .arg("title", dropin.title.as_str())
                .arg("when", wording::when(tz, dropin.starts_at))
        };
        let button = Button {
            label: Text::new("button-cancel-signup"),
            action: CallbackAction::CancelSignup { dropin_id: dropin.id },
        };
        ctx.mail.send_with_buttons(ctx.reply_to, text, vec![vec![button]]);
    }
    Ok(())
}

/// Cancel from `/mine`. A place that opens goes to the first on the waiting list, who is told at once.
pub async fn cancel_signup(
    ctx: &mut Context<'_>,
    actor: &Person,
    dropin_id: DropinId,
    message_id: Option<i64>,
) -> UseCaseResult {
    let Some(child_id) = actor.as_child() else { return refuse(Text::new("any-old-button")) };
    let now = ctx.timestamp();
    store::lock_dropin(ctx.tx, dropin_id).await?;
    let standing = store::child_signups(ctx.tx, child_id, now).await?;
    let Some(signup) = standing.into_iter().find(|s| s.dropin_id == dropin_id) else {
        return refuse(Text::new("any-old-button"));
    };
    let Some(dropin) = store::find_dropin(ctx.tx, dropin_id).await? else { return refuse(Text::new("any-old-button")) };
    store::set_signup_state(ctx.tx, signup.id, SignupState::Cancelled, now).await?;
    let text = Text::new("child-dropin-left").arg("title", dropin.title.as_str());
    match message_id {
        Some(message_id) => ctx.mail.edit(ctx.reply_to, message_id, text),
        None => ctx.reply(text),
    }
    if signup.state == SignupState::Signed && dropin.starts_at > now {
        promote(ctx.tx, &mut ctx.mail, ctx.settings.time_zone, &dropin, now).await?;
    }
    Ok(())
}

/// The first on the waiting list takes the open place and is told at once (with the link, if it went).
async fn promote(
    conn: &mut Connection,
    mail: &mut Mail,
    tz: chrono_tz::Tz,
    dropin: &Dropin,
    now: i64,
) -> StoreResult<()> {
    let standing = store::standing_signups(conn, dropin.id).await?;
    let signed = standing.iter().filter(|s| s.state == SignupState::Signed).count() as i64;
    if signed >= dropin.capacity {
        return Ok(());
    }
    // The first on the waiting list who can still come (their week or record may have changed since).
    let mut chosen = None;
    for waiting in standing.iter().filter(|s| s.state == SignupState::Waiting) {
        let Some(child) = people::find_by_id(conn, waiting.child_id).await? else { continue };
        let joiner = Joiner::load(conn, &child).await?;
        if barred(conn, tz, &joiner, dropin, now).await?.is_none() {
            chosen = Some((waiting.clone(), child));
            break;
        }
    }
    let Some((next, child)) = chosen else { return Ok(()) };
    store::set_signup_state(conn, next.id, SignupState::Signed, now).await?;
    if let Some(to) = Recipient::person(&child) {
        let text = Text::new("child-dropin-place-opened")
            .arg("title", dropin.title.as_str())
            .arg("when", wording::when(tz, dropin.starts_at));
        mail.send(to, text);
    }
    if dropin.link_sent_at.is_some() {
        send_link(conn, mail, dropin, &child, next.id, now).await?;
    }
    Ok(())
}

async fn send_link(
    conn: &mut Connection,
    mail: &mut Mail,
    dropin: &Dropin,
    child: &Person,
    signup_id: i64,
    now: i64,
) -> StoreResult<()> {
    if let Some(to) = Recipient::person(child) {
        mail.send(
            to,
            Text::new("child-dropin-link").arg("title", dropin.title.as_str()).arg("link", dropin.link.as_str()),
        );
        store::mark_signup_link_sent(conn, signup_id, now).await?;
    }
    Ok(())
}

/// The job shortly before the start: the join link to everyone signed up (not waiting, not cancelled).
pub async fn send_links(conn: &mut Connection, dropin_id: DropinId, now: i64) -> StoreResult<Mail> {
    let mut mail = Mail::default();
    store::lock_dropin(conn, dropin_id).await?;
    let Some(dropin) = store::find_dropin(conn, dropin_id).await? else { return Ok(mail) };
    if dropin.cancelled_at.is_some() || dropin.ends_at <= now {
        return Ok(mail);
    }
    store::mark_link_sent(conn, dropin.id, now).await?;
    for signup in store::standing_signups(conn, dropin.id).await? {
        if signup.state != SignupState::Signed || signup.link_sent_at.is_some() {
            continue;
        }
        if let Some(child) = people::find_by_id(conn, signup.child_id).await? {
            send_link(conn, &mut mail, &dropin, &child, signup.id, now).await?;
        }
    }
    Ok(mail)
}

/// Two children just kept apart: on every upcoming drop-in where both stand, the later sign-up gives
/// way. That child is told only that the place is no longer available; the host hears why.
pub async fn separate(ctx: &mut Context<'_>, one: &Person, other: &Person) -> UseCaseResult {
    let now = ctx.timestamp();
    let tz = ctx.time_zone();
    for dropin in store::upcoming_dropins(ctx.tx, now).await? {
        store::lock_dropin(ctx.tx, dropin.id).await?;
        let standing = store::standing_signups(ctx.tx, dropin.id).await?;
        let both: Vec<_> =
            standing.iter().filter(|s| s.child_id == one.child_id() || s.child_id == other.child_id()).collect();
        let [_, later] = both.as_slice() else { continue };
        let later = (*later).clone();
        store::set_signup_state(ctx.tx, later.id, SignupState::Cancelled, now).await?;
        let leaving = if later.child_id == one.child_id() { one } else { other };
        if let Some(to) = Recipient::person(leaving) {
            ctx.mail.send(to, Text::new("child-dropin-place-withdrawn").arg("title", dropin.title.as_str()));
        }
        if let Some(host) = match dropin.host_id {
            Some(id) => people::find_by_id(ctx.tx, id).await?,
            None => None,
        } {
            let text =
                Text::new("staff-dropin-separated").arg("dropin", label(&dropin)).arg("name", leaving.name.as_str());
            ctx.mail.send_to_person(&host, text);
        }
        if later.state == SignupState::Signed && dropin.starts_at > now {
            promote(ctx.tx, &mut ctx.mail, tz, &dropin, now).await?;
        }
    }
    Ok(())
}

/// The link job gave up: the host hears at once, so they can send the link another way.
pub async fn link_failed(conn: &mut Connection, dropin_id: DropinId, mail: &mut Mail) -> StoreResult<()> {
    let Some(dropin) = store::find_dropin(conn, dropin_id).await? else { return Ok(()) };
    if let Some(host) = match dropin.host_id {
        Some(id) => people::find_by_id(conn, id).await?,
        None => None,
    } {
        mail.send_to_person(&host, Text::new("staff-dropin-link-failed").arg("dropin", label(&dropin)));
    }
    Ok(())
}

/// A child leaving every drop-in they stand on (their records are being erased): each place they
/// held goes to the next one waiting, who is told as usual.
pub async fn withdraw_everywhere(
    conn: &mut Connection,
    mail: &mut Mail,
    tz: Tz,
    child_id: ChildId,
    now: i64,
) -> StoreResult<()> {
    for signup in store::child_signups(conn, child_id, now).await? {
        store::lock_dropin(conn, signup.dropin_id).await?;
        store::set_signup_state(conn, signup.id, SignupState::Cancelled, now).await?;
        if signup.state == SignupState::Signed
            && let Some(dropin) = store::find_dropin(conn, signup.dropin_id).await?.filter(|d| d.starts_at > now)
        {
            promote(conn, mail, tz, &dropin, now).await?;
        }
    }
    Ok(())
}
