//! What use cases say to people: messages collected as they decide and queued in their transaction, as
//! words (template keys and arguments, buttons by meaning) that each channel renders when they go.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::CalendarEvent;
use crate::domain::figures::Counts;
use crate::domain::ids::{ChildId, OccurrenceId, PersonId};
use crate::domain::people::{ChannelKind, Language, Role};
use crate::domain::reminders::QuietTime;
use crate::store::outbox::{self, Priority};
use crate::store::people::Person;
use crate::store::{Connection, StoreResult};
use crate::templates::Text;
use crate::usecase::action::CallbackAction;

/// Who a message is for: a person (if they are one we know) on a channel, in their language.
/// `chat_id` is the conversation on that channel: Telegram's chat id; on texts, the person's id (their
/// number is looked up as the text goes), or minus a stranger's number's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recipient {
    pub person_id: Option<PersonId>,
    pub channel: ChannelKind,
    pub chat_id: i64,
    pub language: Language,
}

impl Recipient {
    /// `None` for someone who has not joined (there is no chat to write to yet), or who texted STOP.
    pub fn person(person: &Person) -> Option<Self> {
        match person.channel {
            ChannelKind::Telegram => Some(Self::telegram(Some(person.id), person.telegram_user_id?, person.language)),
            ChannelKind::Sms => (!person.texts_stopped).then(|| Self::texts(person)),
        }
    }

    /// A person on texts, whether or not they texted STOP (to tell them STOP was heard).
    pub fn texts(person: &Person) -> Self {
        Self { person_id: Some(person.id), channel: ChannelKind::Sms, chat_id: person.id.0, language: person.language }
    }

    /// A number that texted us and is nobody's, by its id (see `store::texts::note_stranger`).
    pub fn text_stranger(stranger_id: i64, language: Language) -> Self {
        Self { person_id: None, channel: ChannelKind::Sms, chat_id: -stranger_id, language }
    }

    /// Someone in a Telegram chat, whether or not they are one of our people yet.
    pub fn telegram(person_id: Option<PersonId>, chat_id: i64, language: Language) -> Self {
        Self { person_id, channel: ChannelKind::Telegram, chat_id, language }
    }
}

/// A button by what it means: a label to render in the reader's language and the action it carries.
/// In the outbox the action is kept in its own versioned form (the one Telegram carries back).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Button {
    pub label: Text,
    #[serde(with = "action_codec")]
    pub action: CallbackAction,
}

mod action_codec {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    use crate::usecase::action::CallbackAction;

    pub fn serialize<S: Serializer>(action: &CallbackAction, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&action.encode())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<CallbackAction, D::Error> {
        let data = String::deserialize(deserializer)?;
        CallbackAction::decode(&data).ok_or_else(|| D::Error::custom(format!("not a button action: {data}")))
    }
}

/// A time zone by its name ("Europe/London"), as the outbox keeps it.
mod zone_name {
    use chrono_tz::Tz;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(zone: &Tz, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(zone.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Tz, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse().map_err(|_| D::Error::custom(format!("not a time zone: {name}")))
    }
}

/// One thing to say, in words of keys and arguments: this is what the outbox keeps, and each channel
/// renders it in the reader's language when it goes (so a message moved to another channel is
/// rendered for that one).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "note", rename_all = "snake_case")]
pub enum Note {
    /// `about`: the appointment the message is about, so an unreachable child is reported with it.
    /// `daytime_only`: news a child did not ask for just now waits for quiet hours to end.
    Message {
        text: Text,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        buttons: Vec<Vec<Button>>,
        #[serde(skip)]
        about: Option<OccurrenceId>,
        #[serde(skip)]
        daytime_only: bool,
        /// The message in the chat this one replies to (news that follows a notice).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reply_to: Option<i64>,
    },
    /// Replaces a message we sent and its buttons (none: they go), e.g. to show the answer a button gave.
    Edit {
        message_id: i64,
        text: Text,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        buttons: Vec<Vec<Button>>,
    },
    /// A text document made by the program (e.g. the figures as CSV), with a caption.
    Document { file_name: String, content: String, caption: Text },
    /// The figures' chart, drawn in the reader's language when rendered.
    Chart { groups: Vec<(String, Counts)>, title: Text, attended: Text, warned: Text, caption: Text },
    /// A plain-text document, one rendered line per `lines` entry (e.g. the evidence for the panel).
    TextFile { file_name: String, lines: Vec<Text>, caption: Text },
    /// The person's command menu, as (command, description key).
    Commands { commands: Vec<(String, String)> },
    /// A message someone sent the bot, passed on as it is (a voice note, a photo): from their chat.
    Copy { from_chat_id: i64, message_id: i64 },
    /// Appointments as an iCalendar file; `summary` names each event in the reader's language.
    Calendar {
        #[serde(with = "zone_name")]
        time_zone: Tz,
        events: Vec<CalendarEvent>,
        summary: Text,
        caption: Text,
        stamp: DateTime<Utc>,
    },
}

impl Note {
    /// Whether losing it would leave its reader missing something (not a menu update or an edit).
    pub fn matters_if_lost(&self) -> bool {
        !matches!(self, Note::Edit { .. } | Note::Commands { .. })
    }
}

/// What an outbox row holds.
#[derive(Debug, Clone)]
pub enum Said {
    Note(Note),
    /// A message queued by a version that kept Telegram's rendered HTML: only Telegram can send it.
    Rendered(serde_json::Value),
}

impl Said {
    /// Reads an outbox row's payload.
    pub fn read(payload: &str) -> Result<Self, serde_json::Error> {
        let value: serde_json::Value = serde_json::from_str(payload)?;
        if value.get("note").is_some() {
            serde_json::from_value(value).map(Said::Note)
        } else {
            Ok(Said::Rendered(value))
        }
    }

    /// Whether losing it would leave its reader missing something (not a menu update or an edit).
    pub fn matters_if_lost(&self) -> bool {
        match self {
            Said::Note(note) => note.matters_if_lost(),
            Said::Rendered(value) => {
                matches!(value.get("kind").and_then(|k| k.as_str()), Some("message" | "document" | "photo"))
            }
        }
    }
}

/// One thing to send, to whom, and the child it is about (if any), so erasing that child takes it.
#[derive(Debug, Clone)]
pub struct Letter {
    pub to: Recipient,
    pub note: Note,
    pub about_child: Option<ChildId>,
    /// What news may follow it (see [`follow_up`]).
    pub topic: Option<String>,
}

/// The messages a use case wants sent. Nothing goes unless the use case's transaction commits.
#[derive(Debug, Default)]
pub struct Mail {
    pub letters: Vec<Letter>,
    /// The child what is said from here on is about (see [`Mail::concerning`]).
    concerning: Option<ChildId>,
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
    pub fn concerning(&mut self, child_id: ChildId) {
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
    pub fn all_about(&mut self, child_id: ChildId) {
        for letter in self.letters.iter_mut().filter(|l| l.about_child.is_none()) {
            letter.about_child = Some(child_id);
        }
    }

    fn push(&mut self, to: Recipient, note: Note) {
        self.letters.push(Letter { to, note, about_child: self.concerning, topic: None });
    }

    /// A notice that news may follow (a child's answer, then their reason): see [`follow_up`].
    pub fn send_on_topic(&mut self, to: Recipient, topic: String, text: Text, buttons: Vec<Vec<Button>>) {
        let note = Note::Message { text, buttons, about: None, daytime_only: false, reply_to: None };
        self.letters.push(Letter { to, note, about_child: self.concerning, topic: Some(topic) });
    }

    /// How many messages are to go.
    pub fn len(&self) -> usize {
        self.letters.len()
    }

    pub fn is_empty(&self) -> bool {
        self.letters.is_empty()
    }

    pub fn send(&mut self, to: Recipient, text: Text) {
        self.push(to, Note::Message { text, buttons: Vec::new(), about: None, daytime_only: false, reply_to: None });
    }

    pub fn send_with_buttons(&mut self, to: Recipient, text: Text, buttons: Vec<Vec<Button>>) {
        self.push(to, Note::Message { text, buttons, about: None, daytime_only: false, reply_to: None });
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
            self.push(to, Note::Message { text, buttons, about: None, daytime_only, reply_to: None });
        }
    }

    /// News for a child or carer already addressed (e.g. a carer who gets the child's news): it waits
    /// for the morning.
    pub fn send_daytime(&mut self, to: Recipient, text: Text) {
        self.push(to, Note::Message { text, buttons: Vec::new(), about: None, daytime_only: true, reply_to: None });
    }

    /// A message about one appointment (a reminder).
    pub fn send_about(&mut self, to: Recipient, text: Text, buttons: Vec<Vec<Button>>, occurrence_id: OccurrenceId) {
        self.push(to, Note::Message { text, buttons, about: Some(occurrence_id), daytime_only: false, reply_to: None });
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

    pub fn send_text_file(&mut self, to: Recipient, file_name: &str, lines: Vec<Text>, caption: Text) {
        self.push(to, Note::TextFile { file_name: file_name.to_owned(), lines, caption });
    }

    /// Passes on a message someone sent the bot (media: a voice note, a photo) as it is.
    pub fn pass_on(&mut self, to: Recipient, from_chat_id: i64, message_id: i64) {
        self.push(to, Note::Copy { from_chat_id, message_id });
    }

    pub fn set_commands(&mut self, to: Recipient, commands: Vec<(&'static str, &'static str)>) {
        let commands = commands.into_iter().map(|(command, key)| (command.to_owned(), key.to_owned())).collect();
        self.push(to, Note::Commands { commands });
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

/// Puts each note in the outbox, in order, as words to render when it goes.
pub async fn queue_mail(conn: &mut Connection, quiet: QuietTime, mail: Mail, now: i64) -> StoreResult<usize> {
    let count = mail.letters.len();
    let daytime = quiet.next_daytime(now);
    for Letter { to, note, about_child, topic } in mail.letters {
        let (occurrence_id, due_at) = match &note {
            Note::Message { about, daytime_only, .. } => (*about, if *daytime_only { daytime } else { now }),
            _ => (None, now),
        };
        let priority = priority_of(&note);
        let payload = serde_json::to_string(&note).expect("notes always serialise");
        let message = outbox::NewMessage {
            person_id: to.person_id,
            channel: to.channel,
            chat_id: to.chat_id,
            language: to.language,
            occurrence_id,
            about_child_id: about_child,
            payload: &payload,
            due_at,
            priority,
            report_loss: !mail.losses_untold,
            topic: topic.as_deref(),
        };
        outbox::enqueue(conn, message, now).await?;
    }
    Ok(count)
}

/// News that follows a notice sent on `topic` (the reason after "I can't make it"), so a person reads
/// one notice where they can: while the notice still waits, it says the news instead; once it went,
/// it is edited if `in_place` (the news came soon after, while the notice is still what they look
/// at); otherwise the news is a new message that replies to it, since nobody is told of an edit.
pub async fn follow_up(
    conn: &mut Connection,
    mail: &mut Mail,
    to: Recipient,
    topic: &str,
    text: Text,
    buttons: Vec<Vec<Button>>,
    in_place: bool,
) -> StoreResult<()> {
    let message = |text: Text, buttons: Vec<Vec<Button>>, reply_to: Option<i64>| Note::Message {
        text,
        buttons,
        about: None,
        daytime_only: false,
        reply_to,
    };
    let reply_to = match outbox::first_on_topic(conn, topic).await? {
        Some(first) if first.state == "pending" => {
            let instead =
                serde_json::to_string(&message(text.clone(), buttons.clone(), None)).expect("notes always serialise");
            if outbox::rewrite_waiting(conn, first.id, &instead).await? {
                return Ok(());
            }
            None
        }
        Some(outbox::OnTopic { telegram_message_id: Some(message_id), .. }) if in_place => {
            mail.push(to, Note::Edit { message_id, text, buttons });
            return Ok(());
        }
        Some(outbox::OnTopic { telegram_message_id: Some(message_id), .. }) => Some(message_id),
        // Given up, or on its way this very moment: the news stands on its own.
        _ => None,
    };
    let note = message(text, buttons, reply_to);
    mail.letters.push(Letter { to, note, about_child: mail.concerning, topic: Some(topic.to_owned()) });
    Ok(())
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
        | Note::Commands { .. }
        | Note::Calendar { .. } => Priority::Bulk,
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::domain::answers::Reply;

    fn round_trip(note: &Note) -> Note {
        let payload = serde_json::to_string(note).unwrap();
        match Said::read(&payload).unwrap() {
            Said::Note(note) => note,
            Said::Rendered(value) => panic!("read as rendered: {value}"),
        }
    }

    #[test]
    fn every_kind_of_note_is_kept_as_words_and_read_back_the_same() {
        let text = Text::new("child-welcome").arg("name", "Sam <3").arg("count", 2).arg("lines", vec![Text::new("a")]);
        let button = Button {
            label: Text::new("reply-yes"),
            action: CallbackAction::Answer { occurrence_id: OccurrenceId(42), reply: Reply::Yes },
        };
        let stamp = Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap();
        let notes = [
            Note::Message {
                text: text.clone(),
                buttons: vec![vec![button.clone()]],
                about: None,
                daytime_only: false,
                reply_to: None,
            },
            Note::Edit { message_id: 7, text: text.clone(), buttons: Vec::new() },
            Note::Document { file_name: "f.csv".into(), content: "a,b\n".into(), caption: text.clone() },
            Note::Chart {
                groups: vec![("All".into(), Counts { children: 3, ..Counts::default() })],
                title: text.clone(),
                attended: text.clone(),
                warned: text.clone(),
                caption: text.clone(),
            },
            Note::TextFile { file_name: "evidence.txt".into(), lines: vec![text.clone()], caption: text.clone() },
            Note::Commands { commands: vec![("help".into(), "menu-help".into())] },
            Note::Copy { from_chat_id: 5, message_id: 9 },
            Note::Calendar {
                time_zone: chrono_tz::Europe::London,
                events: vec![CalendarEvent {
                    uid: "occurrence-1@touchbase".into(),
                    starts_at: stamp,
                    ends_at: stamp,
                    summary: String::new(),
                    location: Some("the office".into()),
                    cancelled: false,
                    sequence: 1,
                }],
                summary: text.clone(),
                caption: text,
                stamp,
            },
        ];
        for note in &notes {
            // Debug output names every field and value: equal output, equal note.
            assert_eq!(format!("{:?}", round_trip(note)), format!("{note:?}"));
        }
    }

    #[test]
    fn a_button_is_kept_by_what_it_means() {
        let button =
            Button { label: Text::new("reply-yes"), action: CallbackAction::OpenChild { child_id: ChildId(12) } };
        let kept = serde_json::to_string(&button).unwrap();
        assert!(kept.contains(&CallbackAction::OpenChild { child_id: ChildId(12) }.encode()), "{kept}");
        assert!(serde_json::from_str::<Button>(&kept.replace(":card:", ":nonsense:")).is_err());
    }

    #[test]
    fn a_message_queued_by_an_older_version_is_read_as_rendered() {
        let said = Said::read(r#"{"kind":"message","html":"<b>x</b>","buttons":[]}"#).unwrap();
        assert!(matches!(said, Said::Rendered(_)));
        assert!(said.matters_if_lost());
        assert!(!Said::read(r#"{"kind":"edit","message_id":1,"html":"x"}"#).unwrap().matters_if_lost());
        assert!(Said::read("not json").is_err());
    }

    #[test]
    fn edits_and_menus_are_not_missed_if_lost_everything_else_is() {
        let text = Text::new("child-welcome");
        assert!(!Note::Edit { message_id: 1, text: text.clone(), buttons: Vec::new() }.matters_if_lost());
        assert!(!Note::Commands { commands: Vec::new() }.matters_if_lost());
        assert!(Note::Copy { from_chat_id: 1, message_id: 2 }.matters_if_lost());
        assert!(
            Note::Message { text, buttons: Vec::new(), about: None, daytime_only: false, reply_to: None }
                .matters_if_lost()
        );
    }
}
