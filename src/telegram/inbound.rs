//! Updates reduced to what the bot acts on, so the inbox keeps the minimum (no names, no usernames).

use serde::{Deserialize, Serialize};
use teloxide::types::{ChatKind, ChatMemberKind, Update, UpdateKind};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbound {
    pub user_id: i64,
    /// Telegram's guess at the person's language, used only to answer someone we do not know yet.
    pub language_code: Option<String>,
    pub event: Event,
    /// When the person sent it (messages only; Telegram's clock, unix seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    Text {
        text: String,
    },
    Tap {
        query_id: String,
        data: String,
        message_id: Option<i64>,
    },
    /// Anything but words from a person (a voice note, a photo, a sticker, a file): the message stays at
    /// Telegram, and is passed on from there by its id.
    Media {
        message_id: i64,
        /// voice, photo, sticker, document, video or other.
        what: String,
    },
    /// What an earlier version stored for media, without the message: read as media that cannot be passed on.
    Other,
    /// The person blocked the bot (`true`) or unblocked it (`false`).
    Blocked {
        blocked: bool,
    },
}

impl Event {
    /// What kind of update it is, in a word (never what it says).
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Text { .. } => "message",
            Event::Tap { .. } => "tap",
            Event::Media { .. } | Event::Other => "media",
            Event::Blocked { .. } => "blocked",
        }
    }
}

/// What a message holds that is not words, in a word.
fn media_kind(message: &teloxide::types::Message) -> &'static str {
    if message.voice().is_some() || message.audio().is_some() {
        "voice"
    } else if message.photo().is_some() {
        "photo"
    } else if message.sticker().is_some() || message.animation().is_some() {
        "sticker"
    } else if message.document().is_some() {
        "document"
    } else if message.video().is_some() || message.video_note().is_some() {
        "video"
    } else {
        "other"
    }
}

/// `None` for updates the bot ignores: groups and channels, other bots, edits and the like.
pub fn reduce(update: &Update) -> Option<Inbound> {
    match &update.kind {
        UpdateKind::Message(message) => {
            if !matches!(message.chat.kind, ChatKind::Private(_)) {
                return None;
            }
            let from = message.from.as_ref().filter(|u| !u.is_bot)?;
            let event = match message.text() {
                Some(text) => Event::Text { text: text.to_owned() },
                None => Event::Media { message_id: i64::from(message.id.0), what: media_kind(message).to_owned() },
            };
            Some(Inbound {
                user_id: i64::try_from(from.id.0).ok()?,
                language_code: from.language_code.clone(),
                event,
                sent_at: Some(message.date.timestamp()),
            })
        }
        UpdateKind::CallbackQuery(query) => Some(Inbound {
            user_id: i64::try_from(query.from.id.0).ok()?,
            language_code: query.from.language_code.clone(),
            event: Event::Tap {
                query_id: query.id.0.clone(),
                data: query.data.clone().unwrap_or_default(),
                message_id: query.message.as_ref().map(|m| i64::from(m.id().0)),
            },
            sent_at: None,
        }),
        UpdateKind::MyChatMember(change) => {
            if !matches!(change.chat.kind, ChatKind::Private(_)) {
                return None;
            }
            let blocked = match change.new_chat_member.kind {
                ChatMemberKind::Banned(_) => true,
                ChatMemberKind::Member { .. } => false,
                _ => return None,
            };
            Some(Inbound {
                user_id: i64::try_from(change.from.id.0).ok()?,
                language_code: change.from.language_code.clone(),
                event: Event::Blocked { blocked },
                sent_at: None,
            })
        }
        _ => None,
    }
}
