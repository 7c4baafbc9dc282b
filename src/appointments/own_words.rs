//! The voice of the child: whatever a child or carer sends that the bot is not waiting for (words, a
//! voice note, a photo, a sticker) reaches their worker at once, and they are told, kindly, that it has.
//! Nothing is dropped: past a few in a minute, the rest go together as one digest a minute later.

use crate::config::Settings;
use crate::domain::ids::PersonId;
use crate::domain::people::{Awaiting, Role};
use crate::domain::text::{readable, tidy};
use crate::store::appointments as occurrences;
use crate::store::jobs::{self, Work};
use crate::store::own_words::{self, Waiting};
use crate::store::people::{self, Person};
use crate::store::{Connection, StoreResult, carers};
use crate::templates::Text;
use crate::usecase::buttons::open_card;
use crate::usecase::context::{Context, UseCaseResult};
use crate::usecase::mail::{Mail, Recipient};
use crate::usecase::wording;

/// Passed on one by one up to this many a minute from one person; the rest wait for the digest.
const ONE_BY_ONE_PER_MINUTE: i64 = 3;
/// The sender is told their worker has it at most once in this long (seconds), so a child who writes
/// a lot is not answered a lot.
const THANKS_EVERY: i64 = 600;
/// By text the thanks costs money, and phone networks refuse more than 20 identical texts an hour: once an hour.
const THANKS_BY_TEXT_EVERY: i64 = 3600;
/// Telegram holds 4096 characters a message: words go in pieces of at most this many, and a digest is
/// split into several messages past it, so nothing is cut off.
const PIECE_CHARS: usize = 3000;

/// What a person sent.
#[derive(Debug, Clone, Copy)]
pub enum Said<'a> {
    Words(&'a str),
    /// Media in their chat: passed on as it is. `message_id` is `None` for what an earlier version
    /// stored without it.
    Media {
        message_id: Option<i64>,
        what: &'a str,
    },
}

impl Said<'_> {
    fn kind(&self) -> &str {
        match self {
            Said::Words(_) => "words",
            Said::Media { what, .. } => what,
        }
    }
}

/// A child or carer sent something the bot was not waiting for: it goes to their worker (at once, or
/// in the next digest when they are sending a lot), and they hear that it has.
pub async fn received(ctx: &mut Context<'_>, actor: &Person, said: Said<'_>) -> UseCaseResult {
    let words;
    let said = match said {
        Said::Words(typed) => {
            words = readable(typed);
            Said::Words(&words)
        }
        media => media,
    };
    let now = ctx.timestamp();
    let every = if actor.on_texts() { THANKS_BY_TEXT_EVERY } else { THANKS_EVERY };
    let thank = own_words::last_received(ctx.tx, actor.id).await?.is_none_or(|last| last <= now - every);
    let question = answered_question(ctx, actor).await?;
    if own_words::passed_since(ctx.tx, actor.id, now - 60).await? < ONE_BY_ONE_PER_MINUTE {
        let child = child_of(ctx.tx, actor).await?;
        if let (Some(child), Some(worker)) = (child.as_ref(), worker_of(ctx.tx, actor).await?) {
            let mut rest = Vec::new();
            let notice = match (said, question) {
                (Said::Words(words), question) => {
                    let mut pieces = pieces(words).into_iter();
                    let first = pieces.next().unwrap_or_default();
                    rest.extend(pieces);
                    question.unwrap_or_else(|| from(actor, child, What::Wrote)).arg("words", first)
                }
                (Said::Media { what, .. }, _) => from(actor, child, What::Sent).arg("what", what.to_owned()),
            };
            ctx.mail.send_news_with_buttons(&worker, notice, vec![vec![open_card(child)]]);
            for piece in rest {
                ctx.mail.send_to_person(&worker, Text::new("staff-words-go-on").arg("words", piece));
            }
            if let (Said::Media { message_id: Some(message_id), .. }, Some(to), Some(from_chat)) =
                (said, Recipient::person(&worker), actor.telegram_user_id)
            {
                ctx.mail.pass_on(to, from_chat, message_id);
            }
        }
        own_words::record_passed(ctx.tx, actor.id, said.kind(), now).await?;
    } else {
        let (words, message_id) = match said {
            Said::Words(words) => (Some(words.to_owned()), None),
            Said::Media { message_id, .. } => (None, message_id),
        };
        let waiting = Waiting { received_at: now, kind: said.kind().to_owned(), words, message_id };
        own_words::keep_waiting(ctx.tx, actor.id, &waiting).await?;
        schedule_digest(ctx.tx, actor.id, now).await?;
    }
    if thank {
        let key = if actor.role == Role::Carer { "carer-worker-has-it" } else { "child-worker-has-it" };
        ctx.reply(Text::new(key));
    }
    Ok(())
}

/// The open question the person was last asked, if they are answering one: its notice for the worker
/// (without the words yet). Asking stops: what they send next is their own words.
async fn answered_question(ctx: &mut Context<'_>, actor: &Person) -> UseCaseResult<Option<Text>> {
    let (key, occurrence_id) = match actor.awaiting {
        Some(Awaiting::Plan { occurrence_id }) => ("staff-child-answered-plan", occurrence_id),
        Some(Awaiting::Missed { occurrence_id }) => ("staff-child-answered-missed", occurrence_id),
        _ => return Ok(None),
    };
    people::set_awaiting(ctx.tx, actor.id, None).await?;
    let Some(occurrence) = occurrences::find_occurrence(ctx.tx, occurrence_id).await? else { return Ok(None) };
    if Some(occurrence.child_id) != actor.as_child() {
        return Ok(None);
    }
    let text = Text::new(key)
        .arg("name", actor.name.as_str())
        .arg("when", wording::when_exact(ctx.time_zone(), occurrence.starts_at));
    Ok(Some(text))
}

/// "Sam wrote", "Sam's parent or carer sent", ... as a notice's start.
fn from(actor: &Person, child: &Person, what: What) -> Text {
    let carer = actor.role == Role::Carer;
    let key = match (what, carer) {
        (What::Wrote, false) => "staff-child-wrote",
        (What::Wrote, true) => "staff-carer-wrote",
        (What::Sent, false) => "staff-child-sent",
        (What::Sent, true) => "staff-carer-sent",
        (What::Digest, false) => "staff-child-digest",
        (What::Digest, true) => "staff-carer-digest",
    };
    Text::new(key).arg("name", child.name.as_str())
}

#[derive(Debug, Clone, Copy)]
enum What {
    Wrote,
    Sent,
    Digest,
}

/// The child a person's words are about: themselves, or the child whose carer they are.
async fn child_of(conn: &mut Connection, actor: &Person) -> StoreResult<Option<Person>> {
    match actor.role {
        Role::Carer => match carers::child_of(conn, actor.id).await? {
            Some(child_id) => people::find_by_id(conn, child_id).await,
            None => Ok(None),
        },
        _ => Ok(Some(actor.clone())),
    }
}

async fn worker_of(conn: &mut Connection, actor: &Person) -> StoreResult<Option<Person>> {
    match child_of(conn, actor).await? {
        Some(child) => people::worker_of(conn, &child).await,
        None => Ok(None),
    }
}

/// One digest job per person and minute, at the minute's end.
async fn schedule_digest(conn: &mut Connection, person_id: PersonId, now: i64) -> StoreResult<()> {
    let minute = now.div_euclid(60);
    jobs::schedule(conn, Work::WordsDigest { person_id }, (minute + 1) * 60, now).await?;
    Ok(())
}

/// The digest job: everything still waiting from the person goes to their worker as one notice (split
/// only past Telegram's limit), with any media passed on after it.
pub async fn digest(conn: &mut Connection, settings: &Settings, person_id: PersonId) -> StoreResult<Mail> {
    let mut mail = Mail::default();
    let Some(actor) = people::find_by_id(conn, person_id).await? else { return Ok(mail) };
    let waiting = own_words::take_waiting(conn, person_id).await?;
    let (Some(child), Some(worker)) = (child_of(conn, &actor).await?, worker_of(conn, &actor).await?) else {
        return Ok(mail);
    };
    if waiting.is_empty() {
        return Ok(mail);
    }
    let tz = settings.time_zone;
    // Each line with its length in characters, long words in several lines; then as many messages as
    // those lines need.
    let mut lines: Vec<(Text, usize)> = Vec::new();
    for w in &waiting {
        let when = wording::clock(tz, w.received_at);
        match &w.words {
            Some(words) => {
                for piece in pieces(words) {
                    let size = piece.chars().count() + 20;
                    lines.push((Text::new("staff-digest-words").arg("when", when.clone()).arg("words", piece), size));
                }
            }
            None => lines.push((Text::new("staff-digest-media").arg("when", when).arg("what", w.kind.clone()), 60)),
        }
    }
    let mut parts: Vec<Vec<Text>> = Vec::new();
    let mut part = Vec::new();
    let mut size = 0;
    for (line, line_size) in lines {
        if size + line_size > PIECE_CHARS && !part.is_empty() {
            parts.push(std::mem::take(&mut part));
            size = 0;
        }
        size += line_size;
        part.push(line);
    }
    parts.push(part);
    let total = waiting.len() as i64;
    for lines in parts {
        let notice = from(&actor, &child, What::Digest).arg("count", total).arg("lines", lines);
        mail.send_news_with_buttons(&worker, notice, vec![vec![open_card(&child)]]);
    }
    if let (Some(to), Some(from_chat)) = (Recipient::person(&worker), actor.telegram_user_id) {
        for message_id in waiting.iter().filter_map(|w| w.message_id) {
            mail.pass_on(to, from_chat, message_id);
        }
    }
    Ok(mail)
}

/// A child typed more than the few words kept with their reason: the worker gets the rest too, so
/// nothing they wrote is lost.
pub fn all_of_it(mail: &mut Mail, worker: &Person, kept: &str, words: &str) {
    let cut_short = tidy(words, usize::MAX).is_some_and(|whole| whole.chars().count() > kept.chars().count());
    if cut_short {
        for piece in pieces(&readable(words)) {
            mail.send_to_person(worker, Text::new("staff-words-in-full").arg("words", piece));
        }
    }
}

/// Words in pieces that each fit a message with room to spare; all of them, in order.
fn pieces(words: &str) -> Vec<String> {
    let chars: Vec<char> = words.chars().collect();
    if chars.is_empty() {
        return vec![String::new()];
    }
    chars.chunks(PIECE_CHARS).map(|piece| piece.iter().collect()).collect()
}
