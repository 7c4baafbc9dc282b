//! A worker's caseload: enrolling children, keeping their details right, and seeing who is on it.

use crate::appointments;
use crate::domain::dates::age_on;
use crate::domain::engagement::{Outcome, streak};
use crate::domain::ids::{ChildId, PersonId};
use crate::domain::people::{ChannelKind, Language, PersonName, Role};
use crate::domain::phone::PhoneNumber;
use crate::people::invites::reissue;
use crate::store::appointments::{self as occurrences, OccurrenceState};
use crate::store::audit;
use crate::store::engagement::{self, SuspensionState};
use crate::store::invites as invite_store;
use crate::store::people::{self, NewPerson, Person};
use crate::templates::{Arg, Text};
use crate::usecase::access::{find_child, may_act_on};
use crate::usecase::action::CallbackAction;
use crate::usecase::choices::{as_typed, offer};
use crate::usecase::commands::{Enrol, Named, Update};
use crate::usecase::context::{Context, UseCaseResult, refuse};
use crate::usecase::mail::{Button, Recipient};
use crate::usecase::wording;

/// `/enrol NAME [options]`: the child joins this worker's caseload. On Telegram the worker gets their
/// invite link; on texts (`channel=sms`, or any child under 16 with a number) the child is welcomed
/// by text at once.
pub async fn enrol(ctx: &mut Context<'_>, actor: &Person, Enrol { name, options }: Enrol) -> UseCaseResult {
    if people::find_child_in_caseload(ctx.tx, actor.id, &name.key()).await?.is_some() {
        return refuse(Text::new("staff-child-exists").arg("name", name.as_str()));
    }
    number_is_free(ctx, options.details.phone.as_ref(), None).await?;
    let under_16 = options.details.born.is_some_and(|born| age_on(born, ctx.today()) < TELEGRAM_MIN_AGE);
    let texts_on = ctx.settings.notify.is_some();
    let channel = choose_channel(&name, options.channel, options.details.phone.is_some(), under_16, texts_on)?;
    let now = ctx.timestamp();
    let child_id = people::insert_person(
        ctx.tx,
        NewPerson {
            role: Role::Child,
            name: name.as_str(),
            name_key: &name.key(),
            language: options.language.unwrap_or(Language::English),
            worker_id: Some(actor.id),
            invited_by: Some(actor.id),
            now,
        },
    )
    .await?;
    people::insert_child_details(ctx.tx, child_id, &options.details).await?;
    audit::record(ctx.tx, now, Some(actor.id), "enrol-child", Some(child_id)).await?;
    match channel {
        Some(ChannelKind::Sms) => {
            people::set_channel(ctx.tx, child_id, ChannelKind::Sms).await?;
            welcome_by_text(ctx, child_id).await?;
            ctx.reply(Text::new("staff-enrolled-texts").arg("name", name.as_str()));
        }
        // Under 16 with no number: no Telegram link; the worker is asked for a number.
        None => ctx.reply(Text::new("staff-enrolled-needs-phone").arg("name", name.as_str())),
        Some(ChannelKind::Telegram) => {
            let invite = reissue(ctx.tx, child_id, Some(actor.id), now, ctx.settings.invite_ttl.num_seconds()).await?;
            let reply = Text::new("staff-enrolled")
                .arg("name", name.as_str())
                .arg("link", invite.code.deep_link(ctx.bot_username))
                .arg("expires", ctx.local_time(invite.expires_at));
            ctx.reply(reply);
        }
    }
    Ok(())
}

/// Telegram's terms: users in the UK must be at least 16.
const TELEGRAM_MIN_AGE: i64 = 16;

/// How a newly enrolled child is reached: what the worker asked for, else texts for a child under 16
/// with a number, else Telegram. `None`: under 16 with no number yet, or texts are not set up (no
/// Telegram link is given).
fn choose_channel(
    name: &PersonName,
    asked: Option<ChannelKind>,
    has_phone: bool,
    under_16: bool,
    texts_on: bool,
) -> UseCaseResult<Option<ChannelKind>> {
    match asked {
        Some(ChannelKind::Sms) if !texts_on => refuse(Text::new("staff-texts-not-set-up")),
        Some(ChannelKind::Sms) if !has_phone => refuse(Text::new("staff-texts-need-phone").arg("name", name.as_str())),
        Some(ChannelKind::Telegram) if under_16 => {
            refuse(Text::new("staff-under-16-no-telegram").arg("name", name.as_str()))
        }
        Some(channel) => Ok(Some(channel)),
        None if under_16 && has_phone && texts_on => Ok(Some(ChannelKind::Sms)),
        None if under_16 => Ok(None),
        None => Ok(Some(ChannelKind::Telegram)),
    }
}

/// The first text a child on texts gets: who it is from, how to answer, that STOP stops the texts.
async fn welcome_by_text(ctx: &mut Context<'_>, child_id: PersonId) -> UseCaseResult {
    if let Some(child) = people::find_by_id(ctx.tx, child_id).await?
        && let Some(to) = Recipient::person(&child)
    {
        ctx.mail.send(to, Text::new("child-welcome-texts").arg("name", child.name.as_str()));
    }
    Ok(())
}

/// `/update NAME key=value ...`
pub async fn update(ctx: &mut Context<'_>, actor: &Person, Update { name, options }: Update) -> UseCaseResult {
    let child = find_child(ctx, actor, &name).await?;
    number_is_free(ctx, options.details.phone.as_ref(), Some(child.child_id())).await?;
    if let Some(channel) = options.channel {
        let record = people::child_record(ctx.tx, child.child_id()).await?;
        let has_phone = options.details.phone.is_some() || record.as_ref().is_some_and(|r| r.details.phone.is_some());
        let born = options.details.born.or(record.and_then(|r| r.details.born));
        let under_16 = born.is_some_and(|born| age_on(born, ctx.today()) < TELEGRAM_MIN_AGE);
        let child_name = PersonName::parse(&child.name).unwrap_or(name.clone());
        choose_channel(&child_name, Some(channel), has_phone, under_16, ctx.settings.notify.is_some())?;
    }
    people::update_child_details(ctx.tx, child.id, &options.details).await?;
    if options.details.phone.is_some() && child.on_texts() {
        // A new number: texts may get through again.
        people::mark_reachable(ctx.tx, child.id).await?;
    }
    if let Some(language) = options.language {
        people::set_language(ctx.tx, child.id, language).await?;
    }
    if options.details.order_end.is_some() {
        appointments::series::follow_order_end(ctx, child.child_id()).await?;
    }
    let now = ctx.timestamp();
    audit::record(ctx.tx, now, Some(actor.id), "update-child", Some(child.id)).await?;
    ctx.reply(Text::new("staff-updated").arg("name", child.name.as_str()));
    match options.channel {
        Some(ChannelKind::Sms) if !child.on_texts() => {
            people::set_channel(ctx.tx, child.id, ChannelKind::Sms).await?;
            welcome_by_text(ctx, child.id).await?;
        }
        Some(ChannelKind::Telegram) if child.on_texts() => {
            people::set_channel(ctx.tx, child.id, ChannelKind::Telegram).await?;
            if child.telegram_user_id.is_none() {
                let invite =
                    reissue(ctx.tx, child.id, Some(actor.id), now, ctx.settings.invite_ttl.num_seconds()).await?;
                let reply = Text::new("staff-enrolled")
                    .arg("name", child.name.as_str())
                    .arg("link", invite.code.deep_link(ctx.bot_username))
                    .arg("expires", ctx.local_time(invite.expires_at));
                ctx.reply(reply);
            }
        }
        _ => {}
    }
    show_child(ctx, child.child_id()).await
}

/// Refuses a mobile number that is already another child's: a text from it must be one child's.
async fn number_is_free(ctx: &mut Context<'_>, phone: Option<&PhoneNumber>, child: Option<ChildId>) -> UseCaseResult {
    let Some(phone) = phone else { return Ok(()) };
    match people::phone_owner(ctx.tx, phone).await? {
        Some(owner) if Some(owner) != child.map(ChildId::person) => refuse(Text::new("staff-phone-taken")),
        _ => Ok(()),
    }
}

/// `/link NAME`: a fresh invite for a child who has not joined yet (the old link stops working). A
/// child under 16 is never given one, and a child on texts needs none.
pub async fn link(ctx: &mut Context<'_>, actor: &Person, Named { name }: Named) -> UseCaseResult {
    let child = find_child(ctx, actor, &name).await?;
    if child.on_texts() {
        return refuse(Text::new("staff-child-on-texts").arg("name", child.name.as_str()));
    }
    if child.has_joined() {
        return refuse(Text::new("staff-child-already-joined").arg("name", child.name.as_str()));
    }
    let born = people::child_record(ctx.tx, child.child_id()).await?.and_then(|r| r.details.born);
    if born.is_some_and(|born| age_on(born, ctx.today()) < TELEGRAM_MIN_AGE) {
        return refuse(Text::new("staff-under-16-no-telegram").arg("name", child.name.as_str()));
    }
    let now = ctx.timestamp();
    let invite = reissue(ctx.tx, child.id, Some(actor.id), now, ctx.settings.invite_ttl.num_seconds()).await?;
    audit::record(ctx.tx, now, Some(actor.id), "relink-child", Some(child.id)).await?;
    let reply = Text::new("staff-enrolled")
        .arg("name", child.name.as_str())
        .arg("link", invite.code.deep_link(ctx.bot_username))
        .arg("expires", ctx.local_time(invite.expires_at));
    ctx.reply(reply);
    Ok(())
}

/// `/children`: my caseload, each child with whether they have joined and can be reached.
pub async fn list(ctx: &mut Context<'_>, actor: &Person) -> UseCaseResult {
    let children = people::list_caseload(ctx.tx, actor.id).await?;
    if children.is_empty() {
        ctx.reply(Text::new("staff-no-children"));
        return Ok(());
    }
    let now = ctx.timestamp();
    let mut lines = Vec::with_capacity(children.len());
    for child in &children {
        let status = status_line(ctx, child, now).await?;
        let next = appointments::seeing::next_for_worker(ctx.tx, ctx.settings.time_zone, child.child_id(), now).await?;
        // What waits on the worker: attendance to record (last 8 weeks), reasons to judge, the panel.
        let since = now - chrono::Duration::weeks(8).num_seconds();
        let (unrecorded, unjudged, queued) =
            engagement::waiting_on_worker(ctx.tx, child.child_id(), since, now).await?;
        let mut waiting = Vec::new();
        if unrecorded > 0 {
            waiting.push(Text::new("staff-waiting-attendance").arg("count", unrecorded));
        }
        if unjudged > 0 {
            waiting.push(Text::new("staff-waiting-reasons").arg("count", unjudged));
        }
        if queued {
            waiting.push(Text::new("staff-waiting-panel"));
        }
        let line =
            Text::new("staff-child-line").arg("name", child.name.as_str()).arg("status", status).arg("next", next);
        lines.push(if waiting.is_empty() {
            line
        } else {
            Text::new("staff-child-line-waiting").arg("line", line).arg("waiting", waiting)
        });
    }
    ctx.reply(Text::new("staff-children").arg("count", children.len() as i64).arg("children", lines));
    Ok(())
}

async fn status_line(ctx: &mut Context<'_>, child: &Person, now: i64) -> UseCaseResult<Text> {
    Ok(if child.on_texts() && child.texts_stopped {
        Text::new("staff-status-texts-stopped")
    } else if child.unreachable_since.is_some() {
        Text::new(if child.on_texts() { "staff-status-texts-unreachable" } else { "staff-status-unreachable" })
    } else if child.on_texts() {
        // A list needs only enough of the number to tell it apart.
        let phone = people::phone_of(ctx.tx, child.id).await?.map(|phone| phone.masked()).unwrap_or_default();
        Text::new("staff-status-texts").arg("phone", phone)
    } else if child.has_joined() {
        Text::new("staff-status-joined")
    } else {
        match invite_store::open_invite_expiry(ctx.tx, child.id, now).await? {
            Some(expires) => Text::new("staff-status-invited").arg("expires", ctx.local_time(expires)),
            None => Text::new("staff-status-invite-expired"),
        }
    })
}

/// The "open card" button on a notice about a child, checked again: only their worker or a manager.
pub async fn open_child(ctx: &mut Context<'_>, actor: &Person, child_id: ChildId) -> UseCaseResult {
    match people::find_by_id(ctx.tx, child_id).await? {
        Some(child) if may_act_on(actor, &child) => show_child(ctx, child.child_id()).await,
        _ => refuse(Text::new("any-old-button")),
    }
}

/// `/child NAME`: everything recorded about one child.
pub async fn child(ctx: &mut Context<'_>, actor: &Person, Named { name }: Named) -> UseCaseResult {
    let child = find_child(ctx, actor, &name).await?;
    show_child(ctx, child.child_id()).await
}

async fn show_child(ctx: &mut Context<'_>, child_id: ChildId) -> UseCaseResult {
    ctx.mail.concerning(child_id);
    let Some(record) = people::child_record(ctx.tx, child_id).await? else {
        return refuse(Text::new("any-something-went-wrong"));
    };
    let now = ctx.timestamp();
    let status = status_line(ctx, &record.person, now).await?;
    let details = &record.details;
    let today = ctx.today();
    let or_not_recorded = |value: Option<Arg>| value.unwrap_or_else(|| wording::not_recorded().into());
    let text = Text::new("staff-child-card")
        .arg("name", record.person.name.as_str())
        .arg("status", status)
        .arg("language", record.person.language.own_name())
        .arg("age", or_not_recorded(details.born.map(|born| age_on(born, today).into())))
        .arg("order_end", or_not_recorded(details.order_end.map(|end| end.to_string().into())))
        .arg("sex", wording::sex(details.sex.unwrap_or_default()))
        .arg("gender", wording::gender(details.gender.unwrap_or_default()))
        .arg("ethnicity", wording::ethnicity(details.ethnicity.unwrap_or_default()))
        .arg("looked_after", wording::looked_after(details.looked_after.unwrap_or_default()))
        .arg("phone", or_not_recorded(details.phone.as_ref().map(|phone| phone.national().into())))
        .arg("channel", Text::new(channel_key(&record.person)));
    let mut about = vec![text];
    // Telegram is for 16 and over: a younger child already on it stays, and the worker sees texts would suit.
    let under_16 = details.born.is_some_and(|born| age_on(born, ctx.today()) < TELEGRAM_MIN_AGE);
    if under_16 && !record.person.on_texts() {
        about.push(Text::new("staff-texts-would-suit").arg("name", record.person.name.as_str()));
    }
    let (appointments, remove) = appointments::seeing::card_for_worker(ctx, &record.person).await?;
    let engagement = engagement_part(ctx, &record.person).await?;
    let mut buttons = card_buttons(ctx, &record.person).await?;
    buttons.extend(remove);
    let card = Text::new("staff-child-card-whole")
        .arg("about", about)
        .arg("appointments", appointments)
        .arg("engagement", engagement);
    ctx.mail.send_with_buttons(ctx.reply_to, card, buttons);
    Ok(())
}

/// What a worker does next from a child's card: **Move**, **Skip**, **Record**, **Calendar**,
/// **Carers**, **Export**, each the command for this child (a flow where it needs more).
async fn card_buttons(ctx: &mut Context<'_>, child: &Person) -> UseCaseResult<Vec<Vec<Button>>> {
    let (child_id, args) = (child.child_id(), as_typed(&child.name));
    let for_child = |command: &str| CallbackAction::AsChild { child_id, command: command.into(), args: args.clone() };
    let button = |label: &'static str, action| Button { label: Text::new(label), action };
    Ok(vec![
        vec![
            button("staff-card-button-move", offer(ctx, for_child("move")).await?),
            button("staff-card-button-skip", offer(ctx, for_child("skip")).await?),
            button("staff-card-button-record", CallbackAction::RecordFor { child_id }),
        ],
        vec![
            button("staff-card-button-calendar", offer(ctx, for_child("calendar")).await?),
            button("staff-card-button-carers", offer(ctx, for_child("carer")).await?),
            button("staff-card-button-export", offer(ctx, for_child("export")).await?),
        ],
    ])
}

/// How a child is reached, as the card says it.
fn channel_key(child: &Person) -> &'static str {
    match (child.channel, child.texts_stopped) {
        (ChannelKind::Telegram, _) => "staff-channel-telegram",
        (ChannelKind::Sms, false) => "staff-channel-texts",
        (ChannelKind::Sms, true) => "staff-channel-texts-stopped",
    }
}

/// The engagement part of a child's card: the last eight weeks at a glance, the streak, reasons,
/// warnings, the panel, suspensions and how often the child could not be reached.
async fn engagement_part(ctx: &mut Context<'_>, child: &Person) -> UseCaseResult<Text> {
    let (tz, now) = (ctx.time_zone(), ctx.timestamp());
    let since = now - chrono::Duration::weeks(8).num_seconds();
    let mut glance = Vec::new();
    for occurrence in occurrences::list_occurrences(ctx.tx, child.child_id(), since, now + 1).await? {
        let symbol = match occurrence.state {
            OccurrenceState::Moved => continue,
            OccurrenceState::Scheduled => match engagement::latest_attendance(ctx.tx, occurrence.id).await? {
                Some(record) => match record.outcome {
                    Outcome::Came => "✅",
                    Outcome::Late => "🕒",
                    Outcome::Missed => "❌",
                },
                None => "❔",
            },
            OccurrenceState::Suspended => "⏸",
            OccurrenceState::Skipped | OccurrenceState::Cancelled => "➖",
        };
        glance.push(symbol);
    }
    let glance = if glance.is_empty() {
        Text::new("staff-glance-none")
    } else {
        Text::new("staff-glance").arg("marks", glance.join(" "))
    };
    let outcomes: Vec<Outcome> =
        engagement::counted_outcomes(ctx.tx, child.child_id()).await?.into_iter().map(|(_, o)| o).collect();
    let reasons: Vec<Text> = {
        let all = engagement::reasons_of(ctx.tx, child.child_id()).await?;
        let mut lines = Vec::new();
        for reason in all.iter().rev().take(3) {
            let Some(occurrence) = occurrences::find_occurrence(ctx.tx, reason.occurrence_id).await? else { continue };
            let judged = match reason.acceptable {
                Some(true) => Text::new("staff-button-acceptable"),
                Some(false) => Text::new("staff-button-not-acceptable"),
                None => Text::new("staff-evidence-not-judged"),
            };
            lines.push(
                Text::new("staff-card-reason")
                    .arg("when", crate::usecase::wording::when_exact(tz, occurrence.starts_at))
                    .arg("reason", crate::usecase::wording::reason_text(reason))
                    .arg("judged", judged),
            );
        }
        lines
    };
    let warnings = engagement::given_warnings(ctx.tx, child.child_id()).await?;
    let mut warning_lines = Vec::with_capacity(warnings.len());
    for warning in &warnings {
        let by = match warning.proposed_by {
            Some(id) => people::find_by_id(ctx.tx, id).await?.map(|p| p.name).unwrap_or_default(),
            None => String::new(),
        };
        warning_lines.push(
            Text::new("staff-evidence-warning")
                .arg("when", warning.given_at.map(|at| ctx.local_time(at)).unwrap_or_default())
                .arg("by", by)
                .arg("reason", warning.reason.as_str()),
        );
    }
    let panel = match engagement::referrals_of(ctx.tx, child.child_id()).await?.last() {
        Some(referral) => crate::engagement::panel::referral_line(tz, referral),
        None => Text::new("staff-panel-never"),
    };
    let today = ctx.today();
    let suspensions: Vec<Text> = engagement::suspensions_of(ctx.tx, child.child_id())
        .await?
        .iter()
        .filter(|s| s.to >= today && s.state != SuspensionState::Refused)
        .map(crate::engagement::panel::suspension_line)
        .collect();
    let text = Text::new("staff-child-engagement")
        .arg("glance", glance)
        .arg("streak", streak(&outcomes) as i64)
        .arg("reason_count", reasons.len() as i64)
        .arg("reasons", reasons)
        .arg("warning_count", warnings.len() as i64)
        .arg("warnings", warning_lines)
        .arg("panel", panel)
        .arg("suspension_count", suspensions.len() as i64)
        .arg("suspensions", suspensions)
        .arg("unreachable", occurrences::count_unreachable(ctx.tx, child.child_id()).await?);
    Ok(text)
}
