//! Guided flows: a command sent bare (as from the menu), or with only some of its pieces, asks for
//! the rest one at a time, in one message edited in place: buttons where the choices are few (a
//! child from the caseload, a day, a common time, a length, a place used before), typing where they
//! are not (a name, a reason), with **Back** and **Cancel**, ending in a summary and **Confirm**.
//! Confirmed, the command runs exactly as if it had been typed whole. A command that needs only a
//! child (`/child`, `/export`...) runs on the tap, as `/skip` does on the appointment's.
//!
//! The flow is kept (see [`crate::store::flows`]) so a restart carries on where it was; its pieces
//! are read back into the command's typed draft each time, and a flow left a day has ended.

mod fields;
mod offers;

use chrono::NaiveDate;

use crate::domain::ids::{ChildId, PersonId};
use crate::domain::people::Awaiting;
use crate::store::flows::{self as store, StoredFlow};
use crate::store::people::{self, Person};
use crate::templates::Text;
use crate::usecase::access::{children_a_name_could_mean, find_child, may_act_on};
use crate::usecase::action::{CallbackAction, FlowGo};
use crate::usecase::choices::{ask_which_child, offer};
use crate::usecase::commands::{Command, CommandName, date_and_time, read_name};
use crate::usecase::context::{Context, UseCaseResult, refuse};
use crate::usecase::mail::Button;

pub use fields::Field;

/// A flow left untouched this long has ended.
const FLOW_SECONDS: i64 = 24 * 60 * 60;

/// A finished flow: the command to run, whole, and the child it was for.
#[derive(Debug)]
pub struct Ready {
    pub name: CommandName,
    pub command: Command,
    pub child: Option<ChildId>,
}

/// A flow as it stands: its command's draft with every piece so far filled in.
struct Flow {
    id: i64,
    name: CommandName,
    child: Option<Person>,
    pieces: Vec<(Field, String)>,
    /// A piece asked for though the draft has what it needs: why a clash is booked anyway.
    also: Option<Field>,
    draft: Command,
}

/// What the flow does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    Ask(Field),
    Check,
}

/// Whether this command, as read, goes on as a flow: it takes one and is missing a piece.
pub fn wanted(command: &Command) -> bool {
    fields::missing(command).is_some()
}

/// Starts a flow for a command sent without all its pieces: the child it names is looked up first
/// (so a name that is no child of theirs is refused before anything is asked), then the first
/// missing piece is asked.
pub async fn start(
    ctx: &mut Context<'_>,
    actor: &Person,
    name: CommandName,
    typed: &str,
    draft: Command,
) -> UseCaseResult {
    begin(ctx, actor, name, typed, draft, None).await
}

/// **Book anyway...** under a clash: the command as it was, asking only why, then Confirm.
pub async fn book_anyway(ctx: &mut Context<'_>, actor: &Person, name: CommandName, typed: &str) -> UseCaseResult {
    let draft = name.read(typed, ctx.today()).map_err(refused)?;
    begin(ctx, actor, name, typed, draft, Some(Field::Override)).await
}

/// **Move this one** on a notice: the move flow for that child and appointment, asking the new day.
pub async fn start_move(ctx: &mut Context<'_>, actor: &Person, child: &Person, date: NaiveDate) -> UseCaseResult {
    let draft = CommandName::Move.read("", ctx.today()).map_err(refused)?;
    ctx.chosen_child = Some(child.child_id());
    let mut flow = create(ctx, actor, CommandName::Move, "", draft, None).await?;
    let date = date.to_string();
    fields::put(&mut flow.draft, Field::Appointment, &date, ctx.today()).map_err(refused)?;
    flow.pieces.push((Field::Appointment, date));
    save(ctx, &flow).await?;
    ask(ctx, actor, &flow, None).await
}

async fn begin(
    ctx: &mut Context<'_>,
    actor: &Person,
    name: CommandName,
    typed: &str,
    draft: Command,
    also: Option<Field>,
) -> UseCaseResult {
    let flow = create(ctx, actor, name, typed, draft, also).await?;
    ask(ctx, actor, &flow, None).await
}

/// A new flow, kept, for the child the command names (or the one chosen), in place of any other.
async fn create(
    ctx: &mut Context<'_>,
    actor: &Person,
    name: CommandName,
    typed: &str,
    mut draft: Command,
    also: Option<Field>,
) -> UseCaseResult<Flow> {
    let child = match (ctx.chosen_child.take(), draft.child_named().cloned()) {
        (Some(chosen), _) => people::find_by_id(ctx.tx, chosen).await?.filter(|c| may_act_on(actor, c)),
        (None, Some(child_name)) => Some(find_child(ctx, actor, &child_name).await?),
        _ => None,
    };
    if let Some(child) = &child {
        fields::put(&mut draft, Field::Child, &child.name, ctx.today()).map_err(refused)?;
    }
    let child_id = child.as_ref().map(|c| c.id);
    let now = ctx.timestamp();
    let id = store::start(ctx.tx, actor.id, name.word(), typed, child_id, also.map(Field::code), now).await?;
    Ok(Flow { id, name, child, pieces: Vec::new(), also, draft })
}

/// A flow's button, tapped: an answer, **Back**, **Cancel** or **Confirm**. A confirmed flow is
/// handed back to be run.
pub async fn tapped(
    ctx: &mut Context<'_>,
    actor: &Person,
    flow_id: i64,
    step: usize,
    go: FlowGo,
    message_id: Option<i64>,
) -> UseCaseResult<Option<Ready>> {
    let Some(mut flow) = load(ctx, actor).await?.filter(|flow| flow.id == flow_id) else {
        return refuse(Text::new("staff-flow-ended"));
    };
    if step != flow.pieces.len() {
        // A button from an earlier question of the same flow.
        return refuse(Text::new("any-old-button"));
    }
    match go {
        FlowGo::Answer(value) => {
            if answer(ctx, actor, &mut flow, &value).await? {
                return go_on(ctx, actor, flow, message_id).await;
            }
        }
        FlowGo::Back => {
            if let Some((Field::Child, _)) = flow.pieces.pop() {
                flow.child = None;
            }
            save(ctx, &flow).await?;
            let flow = load(ctx, actor).await?.filter(|flow| flow.id == flow_id);
            let Some(flow) = flow else { return refuse(Text::new("staff-flow-ended")) };
            ask(ctx, actor, &flow, message_id).await?;
        }
        FlowGo::Cancel => {
            end(ctx, actor).await?;
            show(ctx, message_id, Text::new("staff-flow-cancelled"), Vec::new());
        }
        FlowGo::Confirm => {
            if next(&flow) != Next::Check {
                return refuse(Text::new("any-old-button"));
            }
            return finish(ctx, actor, flow, message_id).await.map(Some);
        }
    }
    Ok(None)
}

/// Words typed while a flow waits for a piece: read as that piece. Words that cannot be read are
/// refused, naming them, and the question stands. A command that runs as soon as it has its pieces
/// is handed back to be run.
pub async fn typed(ctx: &mut Context<'_>, actor: &Person, flow_id: i64, text: &str) -> UseCaseResult<Option<Ready>> {
    let Some(mut flow) = load(ctx, actor).await?.filter(|flow| flow.id == flow_id) else {
        people::set_awaiting(ctx.tx, actor.id, None).await?;
        ctx.reply(Text::new("staff-flow-ended"));
        return Ok(None);
    };
    if answer(ctx, actor, &mut flow, text).await? {
        return go_on(ctx, actor, flow, None).await;
    }
    Ok(None)
}

/// After an answer: the next question, or, for a command that needs no summary, the command itself.
async fn go_on(
    ctx: &mut Context<'_>,
    actor: &Person,
    flow: Flow,
    message_id: Option<i64>,
) -> UseCaseResult<Option<Ready>> {
    if next(&flow) == Next::Check && fields::runs_at_once(flow.name) {
        return finish(ctx, actor, flow, message_id).await.map(Some);
    }
    ask(ctx, actor, &flow, message_id).await?;
    Ok(None)
}

/// The flow is over: its message keeps what was chosen, and the command goes to be run.
async fn finish(ctx: &mut Context<'_>, actor: &Person, flow: Flow, message_id: Option<i64>) -> UseCaseResult<Ready> {
    end(ctx, actor).await?;
    if message_id.is_some() {
        show(ctx, message_id, Text::new("staff-flow-done").arg("so_far", so_far(&flow)), Vec::new());
    }
    let child = flow.child.as_ref().map(Person::child_id);
    Ok(Ready { name: flow.name, command: flow.draft, child })
}

/// The piece the flow asks for now, from what was tapped or typed: kept, and filled into the draft.
/// `false` when a question was asked instead: which of the children of a name a manager typed.
async fn answer(ctx: &mut Context<'_>, actor: &Person, flow: &mut Flow, text: &str) -> UseCaseResult<bool> {
    let Next::Ask(field) = next(flow) else { return refuse(Text::new("staff-flow-tap-confirm")) };
    let today = ctx.today();
    let value = match field {
        Field::Child => {
            let Some(child) = child_answer(ctx, actor, flow, text).await? else { return Ok(false) };
            // Kept by number, filled into the draft by name.
            fields::put(&mut flow.draft, Field::Child, &child.name, today).map_err(refused)?;
            flow.pieces.push((Field::Child, child.id.0.to_string()));
            flow.child = Some(child);
            save(ctx, flow).await?;
            return Ok(true);
        }
        // A day and a time typed together (`Wed 5pm`) answer both, where both are asked.
        Field::Day if asks_a_time(flow, today) => match date_and_time(text, today) {
            Ok(both) => {
                let (day, time) = both.map_err(refused)?;
                keep(flow, Field::Day, day.to_string(), today)?;
                keep(flow, Field::Time, time.format("%H:%M").to_string(), today)?;
                save(ctx, flow).await?;
                return Ok(true);
            }
            Err(()) => field.read(text, today).map_err(refused)?,
        },
        Field::Change => fields::change(changing(flow), text, today).map_err(refused)?,
        Field::Dropin => text.trim().trim_start_matches('#').to_owned(),
        _ => field.read(text, today).map_err(refused)?,
    };
    keep(flow, field, value, today)?;
    save(ctx, flow).await?;
    Ok(true)
}

/// A piece in its kept form, filled into the draft (refused if the command cannot take it) and kept.
fn keep(flow: &mut Flow, field: Field, value: String, today: NaiveDate) -> UseCaseResult {
    fields::put(&mut flow.draft, field, &value, today).map_err(refused)?;
    flow.pieces.push((field, value));
    Ok(())
}

/// Whether the flow's command takes a time after its day (`/move`, `/dropin`).
fn asks_a_time(flow: &Flow, today: NaiveDate) -> bool {
    fields::put(&mut flow.draft.clone(), Field::Time, "00:00", today).is_ok_and(|takes| takes)
}

/// The child tapped (by number) or typed (by name). A manager who types a name that more than one
/// worker's child has is asked which, with a button each, and `None` comes back.
async fn child_answer(ctx: &mut Context<'_>, actor: &Person, flow: &Flow, text: &str) -> UseCaseResult<Option<Person>> {
    if let Ok(id) = text.trim().parse::<i64>() {
        let child = people::find_by_id(ctx.tx, PersonId(id)).await?.filter(|c| may_act_on(actor, c));
        return match child {
            Some(child) => Ok(Some(child)),
            None => refuse(Text::new("any-old-button")),
        };
    }
    let Some(typed) = read_name(text).map_err(refused)? else { return refuse(Text::new("staff-flow-ask-child")) };
    let several = children_a_name_could_mean(ctx, actor, &typed).await?;
    if several.is_empty() {
        return Ok(Some(find_child(ctx, actor, &typed).await?));
    }
    let (flow_id, step) = (flow.id, flow.pieces.len());
    let name = several[0].name.clone();
    ask_which_child(ctx, &name, &several, |child| CallbackAction::Flow {
        flow_id,
        step,
        go: FlowGo::Answer(child.id.0.to_string()),
    })
    .await?;
    Ok(None)
}

/// The detail a flow for `/update` is changing, by its option's key.
fn changing(flow: &Flow) -> &str {
    flow.pieces.iter().rev().find(|(f, _)| *f == Field::Detail).map_or("", |(_, key)| key.as_str())
}

fn refused(text: Text) -> crate::usecase::context::UseCaseError {
    crate::usecase::context::UseCaseError::Refused(text)
}

/// The next piece asked for: what the draft is missing, then the extras it offers; then the summary.
fn next(flow: &Flow) -> Next {
    let answered = |field: &Field| flow.pieces.iter().any(|(f, _)| f == field);
    if let Some(field) = fields::missing(&flow.draft) {
        // Which detail to change is kept as it is chosen; the draft has it once its value is.
        if field == Field::Detail && answered(&Field::Detail) {
            return Next::Ask(Field::Change);
        }
        return Next::Ask(field);
    }
    if let Some(also) = flow.also.filter(|also| !answered(also)) {
        return Next::Ask(also);
    }
    fields::extras(flow.name)
        .iter()
        .find(|field| !answered(field) && !fields::given(&flow.draft, **field))
        .map_or(Next::Check, |field| Next::Ask(*field))
}

/// Asks for the next piece, or shows the summary with **Confirm**: in the message tapped, or anew.
async fn ask(ctx: &mut Context<'_>, actor: &Person, flow: &Flow, message_id: Option<i64>) -> UseCaseResult {
    let step = flow.pieces.len();
    let button = |label: Text, go: FlowGo| (label, CallbackAction::Flow { flow_id: flow.id, step, go });
    let mut rows: Vec<Vec<(Text, CallbackAction)>> = Vec::new();
    let question = match next(flow) {
        Next::Ask(field) => {
            let (choices, width) = offers::choices(ctx, actor, flow, field).await?;
            if choices.is_empty()
                && let (Field::Appointment | Field::Slot, Some(child)) = (field, &flow.child)
            {
                // Nothing to pick from: the flow ends, saying so.
                let key = if field == Field::Slot { "staff-flow-no-slots" } else { "staff-no-appointments-coming" };
                let text = Text::new(key).arg("name", child.name.as_str());
                end(ctx, actor).await?;
                show(ctx, message_id, text, Vec::new());
                return Ok(());
            }
            let buttons: Vec<_> =
                choices.into_iter().map(|(label, value)| button(label, FlowGo::Answer(value))).collect();
            rows.extend(buttons.chunks(width.max(1)).map(<[_]>::to_vec));
            people::set_awaiting(ctx.tx, actor.id, Some(Awaiting::Flow { flow_id: flow.id })).await?;
            match field {
                Field::Change => field.question().arg("detail", changing(flow).to_owned()),
                _ => field.question(),
            }
        }
        Next::Check => {
            rows.push(vec![button(Text::new("staff-flow-button-confirm"), FlowGo::Confirm)]);
            Text::new("staff-flow-check")
        }
    };
    let mut nav = Vec::new();
    if step > 0 {
        nav.push(button(Text::new("staff-flow-button-back"), FlowGo::Back));
    }
    nav.push(button(Text::new("staff-flow-button-cancel"), FlowGo::Cancel));
    rows.push(nav);
    let mut buttons = Vec::with_capacity(rows.len());
    for row in rows {
        let mut offered = Vec::with_capacity(row.len());
        for (label, action) in row {
            offered.push(Button { label, action: offer(ctx, action).await? });
        }
        buttons.push(offered);
    }
    let text = Text::new("staff-flow-step").arg("so_far", so_far(flow)).arg("question", question);
    show(ctx, message_id, text, buttons);
    Ok(())
}

/// In the message tapped (edited in place), or as a new message after typing.
fn show(ctx: &mut Context<'_>, message_id: Option<i64>, text: Text, buttons: Vec<Vec<Button>>) {
    match message_id {
        Some(message_id) => ctx.mail.edit_with_buttons(ctx.reply_to, message_id, text, buttons),
        None => ctx.mail.send_with_buttons(ctx.reply_to, text, buttons),
    }
}

/// The flow's title and what it has so far, a line each.
fn so_far(flow: &Flow) -> Vec<Text> {
    let mut lines = vec![title(flow.name)];
    if let Some(child) = &flow.child {
        lines.push(piece_line(Field::Child.label(), Text::new("staff-flow-value").arg("value", child.name.as_str())));
    }
    for (field, value) in &flow.pieces {
        match field {
            Field::Child => {}
            Field::Change => {
                let (detail, value) = fields::change_words(value);
                lines.push(piece_line(detail, value));
            }
            _ => lines.push(piece_line(field.label(), field.shown(value))),
        }
    }
    lines
}

fn piece_line(field: Text, value: Text) -> Text {
    Text::new("staff-flow-piece").arg("field", field).arg("value", value)
}

fn title(name: CommandName) -> Text {
    Text::new(match name {
        CommandName::Slot => "staff-flow-title-slot",
        CommandName::Commitment => "staff-flow-title-commitment",
        CommandName::EndSlot => "staff-flow-title-endslot",
        CommandName::Move => "staff-flow-title-move",
        CommandName::Apart => "staff-flow-title-apart",
        CommandName::Warn => "staff-flow-title-warn",
        CommandName::Suspend => "staff-flow-title-suspend",
        CommandName::Transfer => "staff-flow-title-transfer",
        CommandName::Invite => "staff-flow-title-invite",
        CommandName::Revoke => "staff-flow-title-revoke",
        CommandName::Enrol => "staff-flow-title-enrol",
        CommandName::Dropin => "staff-flow-title-dropin",
        CommandName::Roster => "staff-flow-title-roster",
        CommandName::CancelDropin => "staff-flow-title-cancel-dropin",
        CommandName::Update => "staff-flow-title-update",
        CommandName::Child => "staff-flow-title-child",
        CommandName::Link => "staff-flow-title-link",
        CommandName::Calendar => "staff-flow-title-calendar",
        CommandName::Export => "staff-flow-title-export",
        CommandName::Audit => "staff-flow-title-audit",
        CommandName::Erase => "staff-flow-title-erase",
        CommandName::Carer => "staff-flow-title-carer",
        CommandName::Attended => "staff-flow-title-attended",
        CommandName::Missed => "staff-flow-title-missed",
        CommandName::Skip => "staff-flow-title-skip",
        _ => "staff-flow-title-dropin-invite",
    })
}

/// The person's flow, read back into its draft; `None` if they have none, it has ended, or what it
/// kept no longer reads (the child is no longer theirs, say).
async fn load(ctx: &mut Context<'_>, actor: &Person) -> UseCaseResult<Option<Flow>> {
    let Some(stored) = store::find(ctx.tx, actor.id).await? else { return Ok(None) };
    if stored.updated_at < ctx.timestamp() - FLOW_SECONDS {
        return Ok(None);
    }
    read_back(ctx, actor, stored).await
}

async fn read_back(ctx: &mut Context<'_>, actor: &Person, stored: StoredFlow) -> UseCaseResult<Option<Flow>> {
    let Some(name) = CommandName::from_word(&stored.command).filter(|n| n.allows(actor.role)) else { return Ok(None) };
    let Ok(mut draft) = name.read(&stored.typed, ctx.today()) else { return Ok(None) };
    let Ok(kept) = serde_json::from_str::<Vec<(String, String)>>(&stored.pieces) else { return Ok(None) };
    let mut pieces = Vec::with_capacity(kept.len());
    for (code, value) in kept {
        let Some(field) = Field::from_code(&code) else { return Ok(None) };
        pieces.push((field, value));
    }
    let chosen = pieces.iter().find(|(f, _)| *f == Field::Child).and_then(|(_, v)| v.parse::<i64>().ok());
    let child = match chosen.map(PersonId).or(stored.child_id) {
        Some(id) => match people::find_by_id(ctx.tx, id).await?.filter(|c| may_act_on(actor, c)) {
            Some(child) => Some(child),
            None => return Ok(None),
        },
        None => None,
    };
    if let Some(child) = &child
        && fields::put(&mut draft, Field::Child, &child.name, ctx.today()).is_err()
    {
        return Ok(None);
    }
    for (field, value) in &pieces {
        if *field != Field::Child && !matches!(fields::put(&mut draft, *field, value, ctx.today()), Ok(true)) {
            return Ok(None);
        }
    }
    let also = match stored.also.as_deref().map(Field::from_code) {
        Some(None) => return Ok(None),
        Some(also) => also,
        None => None,
    };
    Ok(Some(Flow { id: stored.id, name, child, pieces, also, draft }))
}

async fn save(ctx: &mut Context<'_>, flow: &Flow) -> UseCaseResult {
    let kept: Vec<(&str, &str)> = flow.pieces.iter().map(|(f, v)| (f.code(), v.as_str())).collect();
    let json = serde_json::to_string(&kept).unwrap_or_else(|_| "[]".into());
    let child = flow.child.as_ref().map(|c| c.id);
    let now = ctx.timestamp();
    store::save(ctx.tx, flow.id, child, &json, now).await?;
    Ok(())
}

async fn end(ctx: &mut Context<'_>, actor: &Person) -> UseCaseResult {
    store::end(ctx.tx, actor.id).await?;
    people::set_awaiting(ctx.tx, actor.id, None).await?;
    Ok(())
}
