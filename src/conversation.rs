//! What a person's taps and words set going, whichever channel they came by (a button on Telegram,
//! a reply word in a text): the one place they are handed to the use cases.

use crate::appointments;
use crate::appointments::reminders;
use crate::domain::people::{Awaiting, ChannelKind, Role};
use crate::dropins;
use crate::engagement::attendance;
use crate::engagement::panel;
use crate::engagement::suspensions;
use crate::engagement::warnings;
use crate::figures;
use crate::flows;
use crate::people::carers;
use crate::people::caseload;
use crate::people::onboarding;
use crate::people::staff;
use crate::records;
use crate::store::people::{self, Person};
use crate::templates::Text;
use crate::usecase::action::CallbackAction;
use crate::usecase::commands::{Command, CommandName, Draft};
use crate::usecase::context::{Context, UseCaseError, UseCaseResult, refuse};
use crate::usecase::{access, choices};

/// Words the bot asked this person for: a child's few words about a reason, a note for the panel's
/// outcome, a court's variation reference. `false` if they were not asked for any.
pub async fn typed_when_asked(ctx: &mut Context<'_>, actor: &Person, text: &str) -> UseCaseResult<bool> {
    match actor.awaiting {
        Some(Awaiting::ReasonWords { occurrence_id }) => reminders::typed_note(ctx, actor, occurrence_id, text).await,
        Some(Awaiting::MissedReasonWords { reason_id }) => attendance::typed_note(ctx, actor, reason_id, text).await,
        Some(Awaiting::PanelNote { referral_id }) => panel::typed_note(ctx, actor, referral_id, text).await,
        Some(Awaiting::CourtReference { suspension_id }) => {
            suspensions::typed_reference(ctx, actor, suspension_id, text).await
        }
        Some(Awaiting::MoveTo { occurrence_id }) => {
            appointments::from_notice::typed_where_to(ctx, actor, occurrence_id, text).await
        }
        Some(Awaiting::WarningReason { reason_id }) => warnings::typed_why(ctx, actor, reason_id, text).await,
        Some(Awaiting::Flow { flow_id }) => {
            if let Some(ready) = flows::typed(ctx, actor, flow_id, text).await? {
                ctx.chosen_child = ready.child;
                run(ctx, actor, ready.name, ready.command).await?;
            }
            Ok(true)
        }
        // Open questions are answered in the child's own words, as anything else they send is.
        Some(Awaiting::Plan { .. } | Awaiting::Missed { .. }) | None => Ok(false),
    }
}

/// Children and carers: whatever they send of their own accord goes to the child's worker.
pub fn speaks_for_a_child(person: &Person) -> bool {
    matches!(person.role, Role::Child | Role::Carer)
}

/// A person who writes to us can be reached again.
pub async fn note_heard_from(ctx: &mut Context<'_>, actor: &Person) -> UseCaseResult {
    if actor.unreachable_since.is_some() {
        people::mark_reachable(ctx.tx, actor.id).await?;
    }
    Ok(())
}

/// A child moved to texts because Telegram refused them wrote on Telegram again: back on Telegram.
pub async fn back_on_telegram(ctx: &mut Context<'_>, actor: &Person) -> UseCaseResult {
    if actor.texts_fallback && actor.telegram_user_id.is_some() {
        people::set_channel(ctx.tx, actor.id, ChannelKind::Telegram).await?;
    }
    Ok(())
}

/// A button's action, checked again against who chose it (a tap, or a reply word standing for one).
pub async fn tapped(
    ctx: &mut Context<'_>,
    actor: &Person,
    action: CallbackAction,
    message_id: Option<i64>,
) -> UseCaseResult {
    match action {
        CallbackAction::SetLanguage(language) => onboarding::choose_language(ctx, actor, language, message_id).await,
        CallbackAction::KeepApart { child_id, other_id } => {
            appointments::apart::keep_apart_tapped(ctx, actor, child_id, other_id).await
        }
        CallbackAction::RemoveCommitment { commitment_id } => {
            appointments::commitments::remove_commitment(ctx, actor, commitment_id).await
        }
        CallbackAction::MyCalendar => appointments::seeing::calendar_for_child(ctx, actor).await,
        CallbackAction::Answer { occurrence_id, reply } => {
            reminders::answer(ctx, actor, occurrence_id, reply, message_id).await
        }
        CallbackAction::Because { occurrence_id, reason } => {
            reminders::because(ctx, actor, occurrence_id, reason, message_id).await
        }
        CallbackAction::OpenChild { child_id } => caseload::open_child(ctx, actor, child_id).await,
        CallbackAction::SkipOne { occurrence_id } => appointments::from_notice::skip(ctx, actor, occurrence_id).await,
        CallbackAction::MoveOne { occurrence_id } => {
            let (child, date) = appointments::from_notice::movable(ctx, actor, occurrence_id).await?;
            flows::start_move(ctx, actor, &child, date).await
        }
        CallbackAction::RecordFor { child_id } => attendance::ask_now(ctx, actor, child_id).await,
        CallbackAction::CallBack { occurrence_id } => {
            appointments::from_notice::call_back(ctx, actor, occurrence_id).await
        }
        CallbackAction::AsChild { child_id, command, args } => {
            let Some(name) = CommandName::from_word(&command).filter(|name| name.allows(actor.role)) else {
                return refuse(Text::new("any-old-button"));
            };
            ctx.chosen_child = Some(child_id);
            run_command(ctx, actor, name, &args).await
        }
        CallbackAction::BookAnyway { child_id, command, args } => {
            let Some(name) = CommandName::from_word(&command).filter(|name| name.allows(actor.role)) else {
                return refuse(Text::new("any-old-button"));
            };
            ctx.chosen_child = Some(child_id);
            flows::book_anyway(ctx, actor, name, &args).await
        }
        CallbackAction::TransferChild { child_id, worker_id } => {
            staff::transfer_tapped(ctx, actor, child_id, worker_id).await
        }
        CallbackAction::Consent(consent) => carers::answer(ctx, actor, consent, message_id).await,
        CallbackAction::Attendance { occurrence_id, outcome } => {
            attendance::tapped(ctx, actor, occurrence_id, outcome, message_id).await
        }
        CallbackAction::MissedBecause { occurrence_id, reason } => {
            attendance::missed_because(ctx, actor, occurrence_id, reason, message_id).await
        }
        CallbackAction::TalkToWorker { occurrence_id } => attendance::talk_to_worker(ctx, actor, occurrence_id).await,
        CallbackAction::JudgeReason { reason_id, acceptable } => {
            attendance::judge(ctx, actor, reason_id, acceptable, message_id).await
        }
        CallbackAction::WarnFor { reason_id } => warnings::ask_why(ctx, actor, reason_id).await,
        CallbackAction::ConfirmWarning { warning_id, give } => {
            warnings::confirm(ctx, actor, warning_id, give, message_id).await
        }
        CallbackAction::PanelDecision { referral_id, outcome } => {
            panel::decide(ctx, actor, referral_id, outcome, message_id).await
        }
        CallbackAction::PanelEvidence { referral_id } => panel::send_evidence(ctx, actor, referral_id).await,
        CallbackAction::DecideSuspension { suspension_id, approve } => {
            suspensions::decide(ctx, actor, suspension_id, approve, message_id).await
        }
        CallbackAction::SignUp { dropin_id } => dropins::sign_up(ctx, actor, dropin_id).await,
        CallbackAction::CancelSignup { dropin_id } => dropins::cancel_signup(ctx, actor, dropin_id, message_id).await,
        CallbackAction::DropinCame { signup_id } => dropins::mark_came(ctx, actor, signup_id).await,
        CallbackAction::Erase { child_id, confirm } => {
            records::erase_confirmed(ctx, actor, child_id, confirm, message_id).await
        }
        CallbackAction::Flow { flow_id, step, go } => {
            match flows::tapped(ctx, actor, flow_id, step, go, message_id).await? {
                Some(ready) => {
                    ctx.chosen_child = ready.child;
                    run(ctx, actor, ready.name, ready.command).await
                }
                None => Ok(()),
            }
        }
        CallbackAction::Choice { .. } => refuse(Text::new("any-old-button")),
    }
}

/// A command as typed, run: its arguments read, and the use case it names. A manager who names a
/// child that more than one worker has is asked which, with buttons, and the command runs again for
/// the one they pick. A command missing pieces it needs goes on as a guided flow.
pub async fn run_command(ctx: &mut Context<'_>, actor: &Person, name: CommandName, args: &str) -> UseCaseResult {
    let command = name.read(args, ctx.today()).map_err(UseCaseError::Refused)?;
    if ctx.chosen_child.is_none()
        && let Some(child_name) = command.child_named()
    {
        let several = access::children_a_name_could_mean(ctx, actor, child_name).await?;
        if !several.is_empty() {
            let (command, args) = (name.word().to_owned(), args.to_owned());
            return choices::ask_which_child(ctx, child_name.as_str(), &several, |child| CallbackAction::AsChild {
                child_id: child.child_id(),
                command: command.clone(),
                args: args.clone(),
            })
            .await;
        }
    }
    if flows::wanted(&command) {
        return flows::start(ctx, actor, name, args, command).await;
    }
    run(ctx, actor, name, command).await
}

/// A command read whole (typed, or confirmed at the end of a guided flow), run.
async fn run(ctx: &mut Context<'_>, actor: &Person, name: CommandName, command: Command) -> UseCaseResult {
    match command {
        Command::Start | Command::Help => {
            onboarding::help(ctx, actor);
            Ok(())
        }
        Command::Language => {
            onboarding::ask_language(ctx);
            Ok(())
        }
        Command::Invite(draft) => staff::invite(ctx, actor, whole(draft, name)?).await,
        Command::Staff => staff::list(ctx).await,
        Command::Revoke(draft) => staff::revoke(ctx, actor, whole(draft, name)?).await,
        Command::Transfer(draft) => staff::transfer(ctx, actor, whole(draft, name)?).await,
        Command::Enrol(draft) => caseload::enrol(ctx, actor, whole(draft, name)?).await,
        Command::Update(draft) => caseload::update(ctx, actor, whole(draft, name)?).await,
        Command::Children => caseload::list(ctx, actor).await,
        Command::Today => appointments::diary::show(ctx, actor, appointments::diary::Span::Today).await,
        Command::Week => appointments::diary::show(ctx, actor, appointments::diary::Span::Week).await,
        Command::Child(draft) => caseload::child(ctx, actor, whole(draft, name)?).await,
        Command::Link(draft) => caseload::link(ctx, actor, whole(draft, name)?).await,
        Command::Commitment(draft) => appointments::commitments::add_commitment(ctx, actor, whole(draft, name)?).await,
        Command::Slot(draft) => appointments::slots::add_slot(ctx, actor, whole(draft, name)?).await,
        Command::EndSlot(draft) => appointments::slots::end_slot(ctx, actor, whole(draft, name)?).await,
        Command::Apart(draft) => appointments::apart::keep_apart(ctx, actor, whole(draft, name)?).await,
        Command::Skip(draft) => appointments::changes::skip(ctx, actor, whole(draft, name)?).await,
        Command::Move(draft) => appointments::changes::move_one(ctx, actor, whole(draft, name)?).await,
        Command::Calendar(draft) => appointments::seeing::calendar_for_worker(ctx, actor, whole(draft, name)?).await,
        Command::Next => appointments::seeing::next_for_child(ctx, actor).await,
        Command::Carer(draft) => carers::ask(ctx, actor, whole(draft, name)?).await,
        Command::Carers => carers::show(ctx, actor).await,
        Command::Attended(draft) => attendance::attended(ctx, actor, whole(draft, name)?).await,
        Command::Missed(draft) => attendance::missed(ctx, actor, whole(draft, name)?).await,
        Command::Warn(draft) => warnings::warn(ctx, actor, whole(draft, name)?).await,
        Command::Suspend(draft) => suspensions::request(ctx, actor, whole(draft, name)?).await,
        Command::Panel => panel::list(ctx, actor).await,
        Command::Dropin(draft) => dropins::create(ctx, actor, whole(draft, name)?).await,
        Command::Dropins => dropins::list(ctx, actor).await,
        Command::Roster(draft) => dropins::roster(ctx, actor, whole(draft, name)?).await,
        Command::CancelDropin(draft) => dropins::cancel(ctx, actor, whole(draft, name)?).await,
        Command::DropinInvite(draft) => dropins::invite(ctx, actor, whole(draft, name)?).await,
        Command::Mine => dropins::mine(ctx, actor).await,
        Command::Figures(figures) => figures::on_demand(ctx, figures).await,
        Command::Export(draft) => records::export(ctx, actor, whole(draft, name)?).await,
        Command::Erase(draft) => records::erase(ctx, actor, whole(draft, name)?).await,
        Command::Audit(draft) => records::trail(ctx, actor, whole(draft, name)?).await,
        Command::Problems => staff::problems(ctx).await,
    }
}

/// A command's draft with every piece it needs; one run with a piece missing is refused with how to
/// type it.
fn whole<D: Draft>(draft: D, name: CommandName) -> UseCaseResult<D::Complete> {
    draft.complete().map_err(|_| UseCaseError::Refused(Text::new(name.usage_key().unwrap_or(name.description_key()))))
}
