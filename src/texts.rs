//! A child on texts: what a text they send means. STOP and START always win; a reply word (YES, NO,
//! CHANGE, or IE, NA, NEWID) answers the last question the bot texted them in the last day, as the
//! button it stands for would; after NO the next reply is the reason; the words they were asked for
//! answer that; anything else goes to their worker, as their own words. A number that is nobody's
//! is answered once.

use crate::appointments::own_words::{self, Said};
use crate::conversation;
use crate::domain::answers::Reply;
use crate::domain::people::{Awaiting, Language, Role};
use crate::domain::phone::PhoneNumber;
use crate::domain::sms::ReplyWord;
use crate::store::people::{self, Person};
use crate::store::texts;
use crate::templates::Text;
use crate::usecase::action::{CallbackAction, Consent};
use crate::usecase::context::{Context, UseCaseResult};
use crate::usecase::mail::Recipient;
use crate::usecase::reach;

/// A reply answers the question the bot texted for this long after it went (seconds).
pub const QUESTION_ANSWERABLE_FOR: i64 = 24 * 3600;

/// A text from `phone` saying `content`; `actor` is whoever the number is (one child per number).
/// `ctx.reply_to` is the sender on texts.
pub async fn received(
    ctx: &mut Context<'_>,
    actor: Option<&Person>,
    phone: &PhoneNumber,
    content: &str,
) -> UseCaseResult {
    let Some(actor) = actor else { return stranger(ctx, phone).await };
    if let Some(child_id) = actor.as_child() {
        ctx.mail.concerning(child_id);
    }
    let word = ReplyWord::read(content);
    match word {
        Some(ReplyWord::Stop) => return stop(ctx, actor).await,
        Some(ReplyWord::Start) => return start(ctx, actor).await,
        _ => {}
    }
    if actor.texts_stopped {
        // Nothing texts them back while they have stopped texts; what they say still reaches their worker.
        let me = ctx.reply_to;
        own_words::received(ctx, actor, Said::Words(content)).await?;
        ctx.mail.letters.retain(|letter| letter.to != me);
        return Ok(());
    }
    conversation::note_heard_from(ctx, actor).await?;
    if conversation::typed_when_asked(ctx, actor, content).await? {
        return Ok(());
    }
    if let Some(word) = word
        && let Some(action) = question_answered(ctx, actor, word).await?
    {
        conversation::tapped(ctx, actor, action.clone(), None).await?;
        if let CallbackAction::Answer { occurrence_id, reply: Reply::No } = action {
            // On Telegram the reason is a button; by text it is the next reply, in their own words.
            people::set_awaiting(ctx.tx, actor.id, Some(Awaiting::ReasonWords { occurrence_id })).await?;
        }
        return Ok(());
    }
    own_words::received(ctx, actor, Said::Words(content)).await
}

/// The action a reply word stands for, among the answers the last question offered: YES is "I'll be
/// there", yes to a carer, or signing up for a drop-in; NO is "I can't make it" or no to a carer;
/// CHANGE is "I need to change the time". `None` if the question offered no such answer.
pub fn action_for(word: ReplyWord, offered: &[CallbackAction]) -> Option<CallbackAction> {
    offered
        .iter()
        .find(|action| {
            matches!(
                (word, action),
                (ReplyWord::Yes, CallbackAction::Answer { reply: Reply::Yes, .. })
                    | (ReplyWord::Yes, CallbackAction::Consent(Consent::Yes))
                    | (ReplyWord::Yes, CallbackAction::SignUp { .. })
                    | (ReplyWord::No, CallbackAction::Answer { reply: Reply::No, .. })
                    | (ReplyWord::No, CallbackAction::Consent(Consent::No))
                    | (ReplyWord::Change, CallbackAction::Answer { reply: Reply::ChangeTime, .. })
            )
        })
        .cloned()
}

/// Whether a reply word can stand for this button (a text that offers none asks no question).
pub fn answers_a_reply_word(action: &CallbackAction) -> bool {
    [ReplyWord::Yes, ReplyWord::No, ReplyWord::Change]
        .into_iter()
        .any(|word| action_for(word, std::slice::from_ref(action)).is_some())
}

/// What a reply word answers: the question texted to them in the last day, if it offered that answer.
async fn question_answered(
    ctx: &mut Context<'_>,
    actor: &Person,
    word: ReplyWord,
) -> UseCaseResult<Option<CallbackAction>> {
    let since = ctx.timestamp() - QUESTION_ANSWERABLE_FOR;
    let Some(kept) = texts::question_since(ctx.tx, actor.id, since).await? else { return Ok(None) };
    let offered: Vec<CallbackAction> = serde_json::from_str::<Vec<String>>(&kept)
        .unwrap_or_default()
        .iter()
        .filter_map(|data| CallbackAction::decode(data))
        .collect();
    Ok(action_for(word, &offered))
}

/// STOP: no text goes to them from now on, and their worker hears at once.
async fn stop(ctx: &mut Context<'_>, actor: &Person) -> UseCaseResult {
    let now = ctx.timestamp();
    if people::set_texts_stopped(ctx.tx, actor.id, Some(now)).await? {
        let key = if actor.role == Role::Carer { "staff-carer-texted-stop" } else { "staff-child-texted-stop" };
        reach::tell_worker(ctx.tx, actor.id, reach::named(key), &mut ctx.mail).await?;
    }
    Ok(())
}

/// START: texts go to them again, and their worker hears.
async fn start(ctx: &mut Context<'_>, actor: &Person) -> UseCaseResult {
    if people::set_texts_stopped(ctx.tx, actor.id, None).await? {
        conversation::note_heard_from(ctx, actor).await?;
        ctx.reply(Text::new("child-texts-started"));
        let key = if actor.role == Role::Carer { "staff-carer-texted-start" } else { "staff-child-texted-start" };
        reach::tell_worker(ctx.tx, actor.id, reach::named(key), &mut ctx.mail).await?;
    }
    Ok(())
}

/// A number that is nobody's: answered once (a week, then forgotten), kindly, and nothing else.
async fn stranger(ctx: &mut Context<'_>, phone: &PhoneNumber) -> UseCaseResult {
    let now = ctx.timestamp();
    let (stranger_id, first) = texts::note_stranger(ctx.tx, phone, now).await?;
    if first {
        ctx.mail.send(Recipient::text_stranger(stranger_id, Language::English), Text::new("any-unknown-number"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{DropinId, OccurrenceId};

    fn reminder() -> Vec<CallbackAction> {
        [Reply::Yes, Reply::No, Reply::ChangeTime, Reply::HelpGettingThere]
            .into_iter()
            .map(|reply| CallbackAction::Answer { occurrence_id: OccurrenceId(7), reply })
            .collect()
    }

    #[test]
    fn a_reply_word_stands_for_the_reminders_own_answer() {
        let offered = reminder();
        let answer = |word| action_for(word, &offered);
        assert_eq!(
            answer(ReplyWord::Yes),
            Some(CallbackAction::Answer { occurrence_id: OccurrenceId(7), reply: Reply::Yes })
        );
        assert_eq!(
            answer(ReplyWord::No),
            Some(CallbackAction::Answer { occurrence_id: OccurrenceId(7), reply: Reply::No })
        );
        assert_eq!(
            answer(ReplyWord::Change),
            Some(CallbackAction::Answer { occurrence_id: OccurrenceId(7), reply: Reply::ChangeTime })
        );
        assert_eq!(answer(ReplyWord::Stop), None, "STOP is never an answer to a question");
    }

    #[test]
    fn yes_answers_a_carer_question_and_a_drop_in_invitation_and_change_does_not() {
        let carer = [CallbackAction::Consent(Consent::Yes), CallbackAction::Consent(Consent::No)];
        assert_eq!(action_for(ReplyWord::Yes, &carer), Some(CallbackAction::Consent(Consent::Yes)));
        assert_eq!(action_for(ReplyWord::No, &carer), Some(CallbackAction::Consent(Consent::No)));
        assert_eq!(action_for(ReplyWord::Change, &carer), None);
        let invitation = [CallbackAction::SignUp { dropin_id: DropinId(3) }];
        assert_eq!(action_for(ReplyWord::Yes, &invitation), Some(CallbackAction::SignUp { dropin_id: DropinId(3) }));
        assert_eq!(action_for(ReplyWord::No, &invitation), None, "no is their own words, for the worker");
        assert_eq!(action_for(ReplyWord::Yes, &[]), None);
    }

    #[test]
    fn only_buttons_a_word_can_stand_for_make_a_question() {
        assert!(reminder().iter().take(3).all(answers_a_reply_word));
        assert!(!answers_a_reply_word(&reminder()[3]), "help getting there is words, not a button");
        let because =
            CallbackAction::Because { occurrence_id: OccurrenceId(7), reason: crate::domain::answers::Reason::Ill };
        assert!(!answers_a_reply_word(&because), "a reason is asked for in words by text");
    }
}
