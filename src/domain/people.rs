//! Who people are to the bot: roles, names, languages and the few facts kept about a child.

use crate::domain::ids::OccurrenceId;
use std::fmt;
use std::str::FromStr;

use super::text::has_hidden_characters;

/// What a person may do. Staff capabilities nest: a manager can do all a worker can, a worker all a host can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Manager,
    Worker,
    Host,
    Child,
    Carer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Manager => "manager",
            Role::Worker => "worker",
            Role::Host => "host",
            Role::Child => "child",
            Role::Carer => "carer",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "manager" => Role::Manager,
            "worker" => Role::Worker,
            "host" => Role::Host,
            "child" => Role::Child,
            "carer" => Role::Carer,
            _ => return None,
        })
    }

    pub fn is_staff(self) -> bool {
        matches!(self, Role::Manager | Role::Worker | Role::Host)
    }

    fn staff_rank(self) -> u8 {
        match self {
            Role::Manager => 3,
            Role::Worker => 2,
            Role::Host => 1,
            Role::Child | Role::Carer => 0,
        }
    }

    /// Whether this role can do what `needed` can (staff nest; children and carers only match themselves).
    pub fn includes(self, needed: Role) -> bool {
        if needed.is_staff() { self.staff_rank() >= needed.staff_rank() } else { self == needed }
    }
}

/// The languages the message templates are complete in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    English,
    Welsh,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::English, Language::Welsh];

    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Welsh => "cy",
        }
    }

    /// The language's name in itself, for the language buttons.
    pub fn own_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Welsh => "Cymraeg",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Language::ALL.into_iter().find(|l| l.code() == code.trim().to_ascii_lowercase())
    }
}

/// How a person is reached: on Telegram, or by text message (GOV.UK Notify). Staff are always on Telegram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChannelKind {
    Telegram,
    Sms,
}

impl ChannelKind {
    pub const ALL: [ChannelKind; 2] = [ChannelKind::Telegram, ChannelKind::Sms];

    /// As stored and as typed (`channel=telegram|sms`).
    pub fn code(self) -> &'static str {
        match self {
            ChannelKind::Telegram => "telegram",
            ChannelKind::Sms => "sms",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        ChannelKind::ALL.into_iter().find(|c| c.code() == code.trim().to_ascii_lowercase())
    }
}

/// A first or chosen name as a worker typed it: trimmed, spaces folded, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("the name is empty")]
    Empty,
    #[error("the name is longer than {max} characters", max = PersonName::MAX_CHARS)]
    TooLong,
    #[error("the name has a character that cannot be shown")]
    Unprintable,
}

impl PersonName {
    pub const MAX_CHARS: usize = 40;

    pub fn parse(text: &str) -> Result<Self, NameError> {
        if has_hidden_characters(text) {
            return Err(NameError::Unprintable);
        }
        let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if folded.is_empty() {
            return Err(NameError::Empty);
        }
        if folded.chars().count() > Self::MAX_CHARS {
            return Err(NameError::TooLong);
        }
        Ok(Self(folded))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form names are matched by: case does not matter.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What the bot asked someone to type: their next message answers it. Kept in `people.awaiting` in a
/// short written form (`note:42`), the same one earlier versions wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Awaiting {
    /// A child chose "Something else" as why they cannot make an appointment: a few words saying why.
    ReasonWords { occurrence_id: OccurrenceId },
    /// The day-before reminder's "How will you get there?", answered in the child's own words.
    Plan { occurrence_id: OccurrenceId },
    /// After a missed appointment, "Are you OK, and what happened?", in the child's own words.
    Missed { occurrence_id: OccurrenceId },
    /// A child chose "Something else" as why they missed an appointment: a few words saying why.
    MissedReasonWords { reason_id: i64 },
    /// The note a panel member may add after recording a panel's outcome.
    PanelNote { referral_id: i64 },
    /// The court's variation reference, after a manager approved a long suspension.
    CourtReference { suspension_id: i64 },
    /// The new day and time for one appointment, after a worker tapped **Move this one**.
    MoveTo { occurrence_id: OccurrenceId },
    /// Why the worker would warn a child, after they judged the child's reason for missing not
    /// acceptable and tapped **Give a warning...**.
    WarningReason { reason_id: i64 },
    /// The piece a guided flow asks for next (a name, a reason, or a time typed instead of tapped).
    Flow { flow_id: i64 },
}

impl Awaiting {
    const PREFIXES: [&'static str; 9] =
        ["note:", "plan:", "missed:", "missnote:", "panelnote:", "courtref:", "moveto:", "warnwhy:", "flow:"];

    /// The written form kept in the database.
    pub fn code(self) -> String {
        let (prefix, id) = match self {
            Awaiting::ReasonWords { occurrence_id } => (Self::PREFIXES[0], occurrence_id.0),
            Awaiting::Plan { occurrence_id } => (Self::PREFIXES[1], occurrence_id.0),
            Awaiting::Missed { occurrence_id } => (Self::PREFIXES[2], occurrence_id.0),
            Awaiting::MissedReasonWords { reason_id } => (Self::PREFIXES[3], reason_id),
            Awaiting::PanelNote { referral_id } => (Self::PREFIXES[4], referral_id),
            Awaiting::CourtReference { suspension_id } => (Self::PREFIXES[5], suspension_id),
            Awaiting::MoveTo { occurrence_id } => (Self::PREFIXES[6], occurrence_id.0),
            Awaiting::WarningReason { reason_id } => (Self::PREFIXES[7], reason_id),
            Awaiting::Flow { flow_id } => (Self::PREFIXES[8], flow_id),
        };
        format!("{prefix}{id}")
    }

    /// Reads [`Awaiting::code`]'s form; `None` for anything else.
    pub fn from_code(code: &str) -> Option<Awaiting> {
        let (prefix, id) = code.split_at(code.find(':')? + 1);
        let id: i64 = id.parse().ok()?;
        Some(match Self::PREFIXES.iter().position(|p| *p == prefix)? {
            0 => Awaiting::ReasonWords { occurrence_id: OccurrenceId(id) },
            1 => Awaiting::Plan { occurrence_id: OccurrenceId(id) },
            2 => Awaiting::Missed { occurrence_id: OccurrenceId(id) },
            3 => Awaiting::MissedReasonWords { reason_id: id },
            4 => Awaiting::PanelNote { referral_id: id },
            5 => Awaiting::CourtReference { suspension_id: id },
            6 => Awaiting::MoveTo { occurrence_id: OccurrenceId(id) },
            7 => Awaiting::WarningReason { reason_id: id },
            _ => Awaiting::Flow { flow_id: id },
        })
    }

    /// An open question, answered in the child's own words and passed on as they are: a later open
    /// question may take its place, but not a question that waits for particular words.
    pub fn is_open_question(self) -> bool {
        matches!(self, Awaiting::Plan { .. } | Awaiting::Missed { .. })
    }
}

macro_rules! recorded_choice {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub enum $name {
            $($variant,)+
            #[default]
            NotRecorded,
        }

        impl $name {
            pub const CHOICES: &'static [&'static str] = &[$($text,)+ "not-recorded"];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                    $name::NotRecorded => "not-recorded",
                }
            }
        }

        impl FromStr for $name {
            type Err = ();

            fn from_str(text: &str) -> Result<Self, ()> {
                match text.trim().to_ascii_lowercase().as_str() {
                    $($text => Ok($name::$variant),)+
                    "not-recorded" => Ok($name::NotRecorded),
                    _ => Err(()),
                }
            }
        }
    };
}

recorded_choice!(
    /// Used only to match drop-in audiences.
    Sex { Female => "female", Male => "male" }
);
recorded_choice!(
    /// Used only for the figures; every option is reported, not two.
    Gender { Female => "female", Male => "male", NonBinary => "non-binary", Other => "other" }
);
recorded_choice!(
    /// Used only for the figures, so disproportionality shows.
    Ethnicity {
        Asian => "asian",
        Black => "black",
        Mixed => "mixed",
        White => "white",
        GypsyRomaTraveller => "gypsy-roma-traveller",
        Other => "other",
    }
);
recorded_choice!(
    /// Used only for the figures.
    LookedAfter { Yes => "yes", No => "no" }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_are_read_as_stored_and_as_typed() {
        for channel in ChannelKind::ALL {
            assert_eq!(ChannelKind::from_code(channel.code()), Some(channel));
        }
        assert_eq!(ChannelKind::from_code(" SMS "), Some(ChannelKind::Sms));
        assert_eq!(ChannelKind::from_code("whatsapp"), None);
    }

    #[test]
    fn staff_roles_nest_and_children_do_not() {
        assert!(Role::Manager.includes(Role::Worker));
        assert!(Role::Manager.includes(Role::Host));
        assert!(Role::Worker.includes(Role::Host));
        assert!(!Role::Worker.includes(Role::Manager));
        assert!(!Role::Host.includes(Role::Worker));
        assert!(!Role::Child.includes(Role::Host));
        assert!(!Role::Manager.includes(Role::Child));
        assert!(Role::Child.includes(Role::Child));
    }

    #[test]
    fn names_keep_what_people_typed_but_fold_spaces() {
        assert_eq!(PersonName::parse("  Sam   <3 & \"Jo\" ").unwrap().as_str(), "Sam <3 & \"Jo\"");
        assert_eq!(PersonName::parse("Siân").unwrap().key(), "siân");
        assert_eq!(PersonName::parse(""), Err(NameError::Empty));
        assert_eq!(PersonName::parse("a\u{0007}b"), Err(NameError::Unprintable));
        assert_eq!(PersonName::parse("Sam\u{202E}"), Err(NameError::Unprintable));
        assert_eq!(PersonName::parse(&"x".repeat(41)), Err(NameError::TooLong));
        assert!(PersonName::parse(&"é".repeat(40)).is_ok());
    }

    #[test]
    fn recorded_choices_parse_their_documented_words() {
        assert_eq!("gypsy-roma-traveller".parse(), Ok(Ethnicity::GypsyRomaTraveller));
        assert_eq!("Non-Binary".parse(), Ok(Gender::NonBinary));
        assert_eq!("not-recorded".parse(), Ok(Sex::NotRecorded));
        assert!("unknown".parse::<LookedAfter>().is_err());
        assert_eq!(Gender::CHOICES.len(), 5);
    }

    #[test]
    fn what_someone_is_asked_to_type_reads_back_as_written() {
        let all = [
            Awaiting::ReasonWords { occurrence_id: OccurrenceId(1) },
            Awaiting::Plan { occurrence_id: OccurrenceId(2) },
            Awaiting::Missed { occurrence_id: OccurrenceId(3) },
            Awaiting::MissedReasonWords { reason_id: 4 },
            Awaiting::PanelNote { referral_id: 5 },
            Awaiting::CourtReference { suspension_id: i64::MAX },
            Awaiting::MoveTo { occurrence_id: OccurrenceId(6) },
            Awaiting::WarningReason { reason_id: 7 },
            Awaiting::Flow { flow_id: 8 },
        ];
        for awaiting in all {
            assert_eq!(Awaiting::from_code(&awaiting.code()), Some(awaiting), "{}", awaiting.code());
        }
        // The forms earlier versions wrote.
        assert_eq!(Awaiting::from_code("note:42"), Some(Awaiting::ReasonWords { occurrence_id: OccurrenceId(42) }));
        assert_eq!(Awaiting::from_code("missnote:7"), Some(Awaiting::MissedReasonWords { reason_id: 7 }));
        for unreadable in ["", "note:", "note:x", "nope:1", "note", ":1", "plan:1:2", "courtref:99999999999999999999"] {
            assert_eq!(Awaiting::from_code(unreadable), None, "{unreadable:?}");
        }
        assert!(all.iter().filter(|a| a.is_open_question()).count() == 2);
    }

    #[test]
    fn languages_by_code() {
        assert_eq!(Language::from_code("CY"), Some(Language::Welsh));
        assert_eq!(Language::from_code("pl"), None);
    }
}
