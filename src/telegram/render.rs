//! What the outbox says, rendered for Telegram when it goes: HTML in the reader's language, buttons
//! with their labels, the chart drawn, the calendar written.

use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::to_ics;
use crate::domain::people::Language;
use crate::figures::chart::{Labels, attendance_and_warnings};
use crate::templates::{Templates, Text};
use crate::usecase::mail::{Button, Note, Said};

/// A request for the Bot API, ready to make. Outbox rows queued before messages were kept as words
/// hold one of these, as JSON, and go as they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outgoing {
    Message {
        html: String,
        buttons: Vec<Vec<(String, String)>>,
    },
    Edit {
        message_id: i64,
        html: String,
        #[serde(default)]
        buttons: Vec<Vec<(String, String)>>,
    },
    Commands {
        commands: Vec<(String, String)>,
    },
    Document {
        file_name: String,
        content: String,
        caption_html: String,
    },
    /// A picture (PNG), base64 when kept in the outbox.
    Photo {
        file_name: String,
        png_base64: String,
        caption_html: String,
    },
    /// A message from another chat, passed on as it is.
    Copy {
        from_chat_id: i64,
        message_id: i64,
    },
}

/// Renders what an outbox row says for Telegram, in `language`.
pub fn render(templates: &Templates, language: Language, said: Said) -> Result<Outgoing, String> {
    match said {
        Said::Note(note) => Ok(render_note(templates, language, note)),
        Said::Rendered(value) => {
            serde_json::from_value(value).map_err(|e| format!("unreadable Telegram message in the outbox: {e}"))
        }
    }
}

fn render_note(templates: &Templates, language: Language, note: Note) -> Outgoing {
    let html = |text: &Text| templates.render(language, text);
    let plain = |text: &Text| templates.render_plain(language, text);
    match note {
        Note::Message { text, buttons, .. } => {
            Outgoing::Message { html: html(&text), buttons: render_buttons(templates, language, buttons) }
        }
        Note::Edit { message_id, text, buttons } => {
            Outgoing::Edit { message_id, html: html(&text), buttons: render_buttons(templates, language, buttons) }
        }
        Note::Document { file_name, content, caption } => {
            Outgoing::Document { file_name, content, caption_html: html(&caption) }
        }
        Note::Chart { groups, title, attended, warned, caption } => {
            let labels = Labels {
                title: plain(&title),
                attended: plain(&attended),
                warned: plain(&warned),
                suppressed: plain(&Text::new("staff-figures-suppressed")),
            };
            let png = attendance_and_warnings(&groups, &labels);
            Outgoing::Photo {
                file_name: "figures.png".into(),
                png_base64: base64::engine::general_purpose::STANDARD.encode(png),
                caption_html: html(&caption),
            }
        }
        Note::TextFile { file_name, lines, caption } => {
            let content: String = lines.iter().map(|line| plain(line) + "\n").collect();
            Outgoing::Document { file_name, content, caption_html: html(&caption) }
        }
        Note::Calendar { time_zone, mut events, summary, caption, stamp } => {
            let summary = plain(&summary);
            for event in &mut events {
                event.summary = summary.clone();
            }
            Outgoing::Document {
                file_name: "appointments.ics".into(),
                content: to_ics(time_zone, &events, stamp, &summary),
                caption_html: html(&caption),
            }
        }
        Note::Copy { from_chat_id, message_id } => Outgoing::Copy { from_chat_id, message_id },
        Note::Commands { commands } => Outgoing::Commands {
            commands: commands.into_iter().map(|(command, key)| (command, plain(&Text::new(key)))).collect(),
        },
    }
}

fn render_buttons(templates: &Templates, language: Language, buttons: Vec<Vec<Button>>) -> Vec<Vec<(String, String)>> {
    buttons
        .into_iter()
        .map(|row| row.into_iter().map(|b| (templates.render_plain(language, &b.label), b.action.encode())).collect())
        .collect()
}
