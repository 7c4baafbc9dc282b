//! Typed ids: a person's id cannot be passed where an appointment's is wanted. Each is the row's
//! number in its table; the store reads and writes them as such.

use std::fmt;

macro_rules! ids {
    ($($(#[$meta:meta])* $name:ident;)+) => {
        $(
            $(#[$meta])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
            #[serde(transparent)]
            pub struct $name(pub i64);

            impl fmt::Display for $name {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    self.0.fmt(f)
                }
            }
        )+
    };
}

ids! {
    /// Anyone the bot knows: a child, a carer, a member of staff (`people`).
    PersonId;
    /// A child: the id of a person whose role is child. Made where the role is known (from a person
    /// found as a child, or read from a column that only holds children).
    ChildId;
    /// One appointment on one day (`occurrences`).
    OccurrenceId;
    /// A virtual drop-in session (`dropins`).
    DropinId;
    /// A message waiting to go, or gone (`outbox`).
    OutboxId;
}

impl ChildId {
    /// The child as a person, for what every person has (a chat, a language, a worker).
    pub fn person(self) -> PersonId {
        PersonId(self.0)
    }
}

impl From<ChildId> for PersonId {
    fn from(child: ChildId) -> Self {
        child.person()
    }
}
