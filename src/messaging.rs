//! What use cases say to people: messages collected as they decide, rendered and queued in their transaction.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use base64::Engine;

use crate::chart::{Labels, attendance_and_warnings};
use crate::domain::calendar::{CalendarEvent, to_ics};
use crate::domain::figures::Counts;
use crate::domain::people::Role;
use crate::domain::quiet_hours::QuietHours;
use crate::domain::reminders::quiet_period_end;

use crate::domain::people::Language;
use crate::store::outbox::{self, Priority};
use crate::store::people::Person;
use crate::store::{Connection, StoreResult};
use crate::telegram::callbacks::CallbackAction;
use crate::templates::{Templates, Text};

/// Who a message is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recipient {
    pub person_id: Option<i64>,
    pub chat_id: i64,
    pub language: Language,
}

impl Recipient {
    /// `None` for someone who has not joined: there is no chat to write to yet.
    pub fn person(person: &Person) -> Option<Self> {
        Some(Self { person_id: Some(person.id), chat_id: person.telegram_user_id?, language: person.language })
    }
}

/// A button, labelled by template key, carrying an action.
#[derive(Debug, Clone)]
pub struct Button {
    pub label: Text,
    pub action: CallbackAction,
}

/// One thing to send, still in words of keys and arguments.
#[derive(Debug, Clone)]
pub enum Note {
    /// `about`: the appointment the message is about, so an unreachable child is reported with it.
    /// `daytime_only`: news a child did not ask for just now waits for quiet hours to end.
    Message { text: Text, buttons: Vec<Vec<Button>>, about: Option<i64>, daytime_only: bool },
    /// Replaces a message we sent and its buttons (none: they go), e.g. to show the answer a button gave.
    Edit { message_id: i64, text: Text, buttons: Vec<Vec<Button>> },
    /// A text document made by the program (e.g. the figures as CSV), with a caption.
    Document { file_name: String, content: String, caption: Text },
    /// The figures' chart, drawn in the reader's language when rendered.
    Chart { groups: Vec<(String, Counts)>, title: Text, attended: Text, warned: Text, caption: Text },
    /// A plain-text document, one rendered line per `lines` entry (e.g. the evidence for the panel).
    TextFile { file_name: &'static str, lines: Vec<Text>, caption: Text },
    /// The person's command menu, as (command, description key).
    Commands(Vec<(&'static str, &'static str)>),
    /// A message someone sent the bot, passed on as it is (a voice note, a photo): from their chat.
    Copy { from_chat_id: i64, message_id: i64 },
    /// Appointments as an iCalendar file; `summary` names each event in the reader's language.
    Calendar { time_zone: Tz, events: Vec<CalendarEvent>, summary: Text, caption: Text, stamp: DateTime<Utc> },
}

/// One thing to send, to whom, and the child it is about (if any), so erasing that child takes it.
#[derive(Debug, Clone)]
pub struct Letter {
    pub to: Recipient,
    pub note: Note,
    pub about_child: Option<i64>,
}

/// The messages a use case wants sent. Nothing goes unless the use case's transaction commits.
#[derive(Debug, Default)]
pub struct Mail {
    pub letters: Vec<Letter>,
    /// The child what is said from here on is about (see [`Mail::concerning`]).
    concerning: Option<i64>,
    /// A child's records were erased: once committed, the database files are rid of old copies of
    /// their pages (see `Store::forget_erased`).
    pub erased: bool,
    /// These messages report that others were given up: if they are lost in turn, no one is told (a
    /// day-long outage must not start a chain of reports about reports).
    pub losses_untold: bool,
}

impl Mail {
    /// What is said from now on is about this child: erasing the child takes every such message not
    /// yet sent, whoever it is for. The first child named keeps it (a command about two children is
    /// taken to be about the first).
    pub fn concerning(&mut self, child_id: i64) {
        self.concerning.get_or_insert(child_id);
    }

    /// Mail that reports other messages were lost: if it is lost in turn, no one is told.
    pub fn untold_if_lost() -> Self {
        Self { losses_untold: true, ..Self::default() }
    }

    /// Takes another use case's mail after this one's, keeping what each message is about.
    pub fn append(&mut self, other: Mail) {
        self.letters.extend(other.letters);
        self.erased |= other.erased;
    }

    /// Everything said so far that is not yet about a child is about this one.
    pub fn all_about(&mut self, child_id: i64) {
        for letter in self.letters.iter_mut().filter(|l| l.about_child.is_none()) {
            letter.about_child = Some(child_id);
        }
    }

    fn push(&mut self, to: Recipient, note: Note) {
        self.letters.push(Letter { to, note, about_child: self.concerning });
    }

    /// How many messages are to go.
    pub fn len(&self) -> usize {
        self.letters.len()
    }

    pub fn is_empty(&self) -> bool {
        self.letters.is_empty()
    }

    pub fn send(&mut self, to: Recipient, text: Text) {
        self.push(to, Note::Message { text, buttons: Vec::new(), about: None, daytime_only: false });
    }

    pub fn send_with_buttons(&mut self, to: Recipient, text: Text, buttons: Vec<Vec<Button>>) {
        self.push(to, Note::Message { text, buttons, about: None, daytime_only: false });
    }

    /// Sends news to a person if they have joined (someone not yet on Telegram has nothing to read it
    /// on). Children and carers get it outside quiet hours: it waits for the morning.
    pub fn send_to_person(&mut self, person: &Person, text: Text) {
        self.send_news_with_buttons(person, text, Vec::new());
    }

    /// News with buttons for a person who has joined, waiting for the morning if they are a child or carer.
    pub fn send_news_with_buttons(&mut self, person: &Person, text: Text, buttons: Vec<Vec<Button>>) {
        if let Some(to) = Recipient::person(person) {
            let daytime_only = matches!(person.role, Role::Child | Role::Carer);
            self.push(to, Note::Message { text, buttons, about: None, daytime_only });
        }
    }

    /// News for a child or carer already addressed (e.g. a carer who gets the child's news): it waits
    /// for the morning.
    pub fn send_daytime(&mut self, to: Recipient, text: Text) {
        self.push(to, Note::Message { text, buttons: Vec::new(), about: None, daytime_only: true });
    }

    /// A message about one appointment (a reminder).
    pub fn send_about(&mut self, to: Recipient, text: Text, buttons: Vec<Vec<Button>>, occurrence_id: i64) {
        self.push(to, Note::Message { text, buttons, about: Some(occurrence_id), daytime_only: false });
    }

    pub fn edit(&mut self, to: Recipient, message_id: i64, text: Text) {
        self.push(to, Note::Edit { message_id, text, buttons: Vec::new() });
    }

    /// Edits a message and keeps (or changes) its buttons.
    pub fn edit_with_buttons(&mut self, to: Recipient, message_id: i64, text: Text, buttons: Vec<Vec<Button>>) {
        self.push(to, Note::Edit { message_id, text, buttons });
    }

    pub fn send_document(&mut self, to: Recipient, file_name: String, content: String, caption: Text) {
        self.push(to, Note::Document { file_name, content, caption });
    }

    pub fn send_chart(&mut self, to: Recipient, groups: Vec<(String, Counts)>, title: Text, caption: Text) {
        let (attended, warned) = (Text::new("staff-chart-attended"), Text::new("staff-chart-warned"));
        self.push(to, Note::Chart { groups, title, attended, warned, caption });
    }

    pub fn send_text_file(&mut self, to: Recipient, file_name: &'static str, lines: Vec<Text>, caption: Text) {
        self.push(to, Note::TextFile { file_name, lines, caption });
    }

    /// Passes on a message someone sent the bot (media: a voice note, a photo) as it is.
    pub fn pass_on(&mut self, to: Recipient, from_chat_id: i64, message_id: i64) {
        self.push(to, Note::Copy { from_chat_id, message_id });
    }

    pub fn set_commands(&mut self, to: Recipient, commands: Vec<(&'static str, &'static str)>) {
        self.push(to, Note::Commands(commands));
    }

    pub fn send_calendar(
        &mut self,
        to: Recipient,
        time_zone: Tz,
        events: Vec<CalendarEvent>,
        summary: Text,
        caption: Text,
        stamp: DateTime<Utc>,
    ) {
        self.push(to, Note::Calendar { time_zone, events, summary, caption, stamp });
    }
}

/// What the sender sends: rendered text, ready for the Bot API.
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
    /// A picture (PNG), base64 in the outbox.
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

/// The service's night, when children and carers get no news they did not ask for.
#[derive(Debug, Clone, Copy)]
pub struct QuietTime {
    pub time_zone: Tz,
    pub hours: QuietHours,
}

impl QuietTime {
    /// `now`, or when quiet hours end if `now` is inside them.
    fn next_daytime(&self, now: i64) -> i64 {
        let at = DateTime::from_timestamp(now, 0).unwrap_or_default();
        quiet_period_end(self.time_zone, self.hours, at).map_or(now, |end| end.timestamp())
    }
}

/// Renders each note in its reader's language and puts it in the outbox, in order.
pub async fn queue_mail(
    conn: &mut Connection,
    templates: &Templates,
    quiet: QuietTime,
    mail: Mail,
    now: i64,
) -> StoreResult<usize> {
    let count = mail.letters.len();
    let daytime = quiet.next_daytime(now);
    for Letter { to, note, about_child } in mail.letters {
        let (occurrence_id, due_at) = match &note {
            Note::Message { about, daytime_only, .. } => (*about, if *daytime_only { daytime } else { now }),
            _ => (None, now),
        };
        let priority = priority_of(&note);
        let outgoing = render(templates, to.language, note);
        let payload = serde_json::to_string(&outgoing).expect("outgoing messages always serialise");
        let message = outbox::NewMessage {
            person_id: to.person_id,
            chat_id: to.chat_id,
            occurrence_id,
            about_child_id: about_child,
            payload: &payload,
            due_at,
            priority,
            report_loss: !mail.losses_untold,
        };
        outbox::enqueue(conn, message, now).await?;
    }
    Ok(count)
}

/// Replies and notices go ahead of reminders, files and news that waits for the morning.
fn priority_of(note: &Note) -> Priority {
    match note {
        Note::Message { about: None, daytime_only: false, .. } | Note::Edit { .. } | Note::Copy { .. } => {
            Priority::Person
        }
        Note::Message { .. }
        | Note::Document { .. }
        | Note::Chart { .. }
        | Note::TextFile { .. }
        | Note::Commands(_)
        | Note::Calendar { .. } => Priority::Bulk,
    }
}

fn render(templates: &Templates, language: Language, note: Note) -> Outgoing {
    match note {
        Note::Message { text, buttons, .. } => Outgoing::Message {
            html: templates.render(language, &text),
            buttons: render_buttons(templates, language, buttons),
        },
        Note::Edit { message_id, text, buttons } => Outgoing::Edit {
            message_id,
            html: templates.render(language, &text),
            buttons: render_buttons(templates, language, buttons),
        },
        Note::Document { file_name, content, caption } => {
            Outgoing::Document { file_name, content, caption_html: templates.render(language, &caption) }
        }
        Note::Chart { groups, title, attended, warned, caption } => {
            let labels = Labels {
                title: templates.render_plain(language, &title),
                attended: templates.render_plain(language, &attended),
                warned: templates.render_plain(language, &warned),
                suppressed: templates.render_plain(language, &Text::new("staff-figures-suppressed")),
            };
            let png = attendance_and_warnings(&groups, &labels);
            Outgoing::Photo {
                file_name: "figures.png".into(),
                png_base64: base64::engine::general_purpose::STANDARD.encode(png),
                caption_html: templates.render(language, &caption),
            }
        }
        Note::TextFile { file_name, lines, caption } => {
            let content: String = lines.iter().map(|line| templates.render_plain(language, line) + "\n").collect();
            Outgoing::Document {
                file_name: file_name.to_owned(),
                content,
                caption_html: templates.render(language, &caption),
            }
        }
        Note::Calendar { time_zone, mut events, summary, caption, stamp } => {
            let summary = templates.render_plain(language, &summary);
            for event in &mut events {
                event.summary = summary.clone();
            }
            Outgoing::Document {
                file_name: "appointments.ics".into(),
                content: to_ics(time_zone, &events, stamp, &summary),
                caption_html: templates.render(language, &caption),
            }
        }
        Note::Copy { from_chat_id, message_id } => Outgoing::Copy { from_chat_id, message_id },
        Note::Commands(commands) => Outgoing::Commands {
            commands: commands
                .into_iter()
                .map(|(command, key)| (command.to_owned(), templates.render_plain(language, &Text::new(key))))
                .collect(),
        },
    }
}

fn render_buttons(templates: &Templates, language: Language, buttons: Vec<Vec<Button>>) -> Vec<Vec<(String, String)>> {
    buttons
        .into_iter()
        .map(|row| row.into_iter().map(|b| (templates.render_plain(language, &b.label), b.action.encode())).collect())
        .collect()
}
