//! What the outbox says, rendered for Telegram when it goes: HTML in the reader's language, buttons
//! with their labels, the chart drawn, the calendar written.

use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::to_ics;
use crate::domain::people::Language;
use crate::figures::chart::{Labels, attendance_and_warnings};
use crate::templates::{Templates, Text};
use crate::usecase::mail::{Button, Note, Said};
use crate::usecase::wording;

/// A request for the Bot API, ready to make. Outbox rows queued before messages were kept as words
/// hold one of these, as JSON, and go as they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outgoing {
    Message {
        html: String,
        buttons: Vec<Vec<(String, String)>>,
        /// The message in the chat this one replies to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reply_to: Option<i64>,
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
        Note::Message { text, buttons, reply_to, .. } => {
            Outgoing::Message { html: html(&text), buttons: render_buttons(templates, language, buttons), reply_to }
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
            // Groups are kept as their codes ("black") and drawn in the reader's words ("Black").
            let groups: Vec<_> = groups
                .into_iter()
                .map(|(code, counts)| (plain(&wording::ethnicity(code.parse().unwrap_or_default())), counts))
                .collect();
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

/// Telegram holds at most this many UTF-16 code units of text in one message.
pub const MESSAGE_MAX_UTF16: usize = 4096;

/// A rendered message as the requests it takes: a message too long for one (a long caseload, a
/// manager's week) goes as several, split between lines, its buttons on the last; anything else as it is.
pub fn in_pieces(outgoing: Outgoing) -> Vec<Outgoing> {
    match outgoing {
        Outgoing::Message { html, buttons, reply_to } if utf16_len(&html) > MESSAGE_MAX_UTF16 => {
            // The first piece replies, the last carries the buttons.
            let mut pieces: Vec<Outgoing> = split_between_lines(&html, MESSAGE_MAX_UTF16)
                .into_iter()
                .enumerate()
                .map(|(index, html)| Outgoing::Message {
                    html,
                    buttons: Vec::new(),
                    reply_to: reply_to.filter(|_| index == 0),
                })
                .collect();
            if let Some(Outgoing::Message { buttons: last, .. }) = pieces.last_mut() {
                *last = buttons;
            }
            pieces
        }
        other => vec![other],
    }
}

fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// `html` in pieces of at most `max` UTF-16 units, each ending where a line does (every template
/// closes its tags on the line it opens them, so each piece is whole HTML). A single line longer than
/// `max` is cut between characters. Nothing is lost: the pieces, with the line breaks they were split
/// at, are `html` again (less a last piece of only spaces, which Telegram would refuse as empty).
fn split_between_lines(html: &str, max: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    for line in html.split('\n') {
        let joined = if piece.is_empty() { utf16_len(line) } else { utf16_len(&piece) + 1 + utf16_len(line) };
        if joined <= max {
            if !piece.is_empty() {
                piece.push('\n');
            }
            piece.push_str(line);
            continue;
        }
        if !piece.is_empty() {
            pieces.push(std::mem::take(&mut piece));
        }
        let mut units = 0;
        for c in line.chars() {
            if units + c.len_utf16() > max {
                pieces.push(std::mem::take(&mut piece));
                units = 0;
            }
            piece.push(c);
            units += c.len_utf16();
        }
    }
    if !piece.trim().is_empty() || pieces.is_empty() {
        pieces.push(piece);
    }
    pieces
}

fn render_buttons(templates: &Templates, language: Language, buttons: Vec<Vec<Button>>) -> Vec<Vec<(String, String)>> {
    buttons
        .into_iter()
        .map(|row| row.into_iter().map(|b| (templates.render_plain(language, &b.label), b.action.encode())).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn lines(count: usize, width: usize) -> String {
        (0..count).map(|i| format!("• <b>{i}</b> {}", "x".repeat(width))).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn a_message_that_fits_goes_as_it_is() {
        let outgoing =
            Outgoing::Message { html: lines(10, 20), buttons: vec![vec![("A".into(), "a".into())]], reply_to: None };
        assert_eq!(in_pieces(outgoing.clone()), vec![outgoing]);
    }

    #[test]
    fn a_long_list_goes_in_pieces_split_between_lines_with_its_buttons_on_the_last() {
        let html = lines(200, 60);
        let buttons = vec![vec![("Open".to_owned(), "1:card:1".to_owned())]];
        let pieces = in_pieces(Outgoing::Message { html: html.clone(), buttons: buttons.clone(), reply_to: Some(7) });
        assert!(pieces.len() >= 3, "{}", pieces.len());
        let mut texts = Vec::new();
        for (index, piece) in pieces.iter().enumerate() {
            let Outgoing::Message { html, buttons: kept, reply_to } = piece else { panic!("{piece:?}") };
            assert!(utf16_len(html) <= MESSAGE_MAX_UTF16);
            assert_eq!(*reply_to, (index == 0).then_some(7));
            assert!(html.starts_with("• <b>") && html.ends_with('x'), "split inside a line");
            assert_eq!(kept.is_empty(), index + 1 < pieces.len());
            texts.push(html.clone());
        }
        assert_eq!(texts.join("\n"), html);
    }

    #[test]
    fn one_line_too_long_for_a_message_is_cut_between_characters() {
        let line = "é😀".repeat(3000);
        let pieces = split_between_lines(&line, MESSAGE_MAX_UTF16);
        assert!(pieces.iter().all(|p| utf16_len(p) <= MESSAGE_MAX_UTF16));
        assert_eq!(pieces.concat(), line);
    }

    proptest! {
        #[test]
        fn pieces_always_fit_and_lose_nothing(
            lines in proptest::collection::vec("[a-z😀 <>/]{0,300}", 0..60),
            max in 10usize..400,
        ) {
            let html = lines.join("\n");
            let pieces = split_between_lines(&html, max);
            prop_assert!(!pieces.is_empty());
            for piece in &pieces {
                prop_assert!(utf16_len(piece) <= max);
            }
            // A last piece of only spaces is not sent (Telegram refuses an empty message).
            let without_breaks = |text: &str| text.split_whitespace().collect::<String>();
            prop_assert_eq!(without_breaks(&pieces.concat()), without_breaks(&html));
        }
    }
}
