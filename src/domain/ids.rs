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
    /// One appointment on one day (`occurrences`).
    OccurrenceId;
    /// A virtual drop-in session (`dropins`).
    DropinId;
    /// A message waiting to go, or gone (`outbox`).
    OutboxId;
}
