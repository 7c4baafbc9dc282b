//! What a child can say about an appointment, and why they cannot come.

/// The reminder buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    Yes,
    No,
    ChangeTime,
    HelpGettingThere,
}

impl Reply {
    pub const ALL: [Reply; 4] = [Reply::Yes, Reply::No, Reply::ChangeTime, Reply::HelpGettingThere];

    /// As stored and as carried in button data.
    pub fn code(self) -> &'static str {
        match self {
            Reply::Yes => "yes",
            Reply::No => "no",
            Reply::ChangeTime => "change",
            Reply::HelpGettingThere => "help",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// The reason buttons after "I can't make it" (and after a missed appointment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Ill,
    NoTransport,
    SchoolOrWork,
    Family,
    Forgot,
    SomethingElse,
}

impl Reason {
    pub const ALL: [Reason; 6] =
        [Reason::Ill, Reason::NoTransport, Reason::SchoolOrWork, Reason::Family, Reason::Forgot, Reason::SomethingElse];

    pub fn code(self) -> &'static str {
        match self {
            Reason::Ill => "ill",
            Reason::NoTransport => "transport",
            Reason::SchoolOrWork => "school-or-work",
            Reason::Family => "family",
            Reason::Forgot => "forgot",
            Reason::SomethingElse => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// A child's few typed words: one tidy line of at most 200 characters.
pub fn clean_note(text: &str) -> Option<String> {
    super::text::tidy(text, 200)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for reply in Reply::ALL {
            assert_eq!(Reply::from_code(reply.code()), Some(reply));
        }
        for reason in Reason::ALL {
            assert_eq!(Reason::from_code(reason.code()), Some(reason));
        }
        assert_eq!(Reply::from_code("maybe"), None);
    }

    #[test]
    fn notes_are_tidied_and_bounded() {
        assert_eq!(clean_note("  my  nan\nis ill \u{202E} "), Some("my nan is ill".into()));
        assert_eq!(clean_note(" \n\t "), None);
        assert_eq!(clean_note(&"a".repeat(4000)).unwrap().len(), 200);
    }
}
