//! The commands staff and children type: each one's word, who may use it, its menu line and usage,
//! in one table; and each command's arguments read once, here at the edge, into a typed value the
//! use case takes as it is.

use chrono::NaiveDate;

use crate::domain::people::{PersonName, Role};
use crate::templates::Text;

/// Who a command is for. Staff commands nest by role (see [`Role::includes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Everyone,
    AtLeast(Role),
    /// The people appointments are for: children, and carers who get their reminders.
    ChildOrCarer,
    /// Children and every member of staff (e.g. `/dropins`, which each sees in their own way).
    ChildOrStaff,
}

/// A command's value as typed, with the pieces not given yet still missing: a guided flow can fill
/// them in one by one, and [`Draft::complete`] says which comes next.
pub trait Draft {
    /// The value with every piece the command needs.
    type Complete;
    fn complete(self) -> Result<Self::Complete, Missing>;
}

/// The first piece a command still needs, by the name of its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Missing(pub &'static str);

/// A command's value and its draft: `needs` are the pieces it cannot run without (optional in the
/// draft), `has` are carried as they are (options, with their defaults applied by the use case).
macro_rules! command_value {
    (
        $(#[$meta:meta])*
        $name:ident / $draft:ident {
            needs { $($need:ident: $need_ty:ty),* $(,)? }
            $(has { $($(#[$has_meta:meta])* $has:ident: $has_ty:ty),* $(,)? })?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            $(pub $need: $need_ty,)*
            $($($(#[$has_meta])* pub $has: $has_ty,)*)?
        }

        #[doc = concat!("[`", stringify!($name), "`] with the pieces not given yet still missing.")]
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct $draft {
            $(pub $need: Option<$need_ty>,)*
            $($($(#[$has_meta])* pub $has: $has_ty,)*)?
        }

        impl $crate::usecase::commands::Draft for $draft {
            type Complete = $name;
            fn complete(self) -> Result<$name, $crate::usecase::commands::Missing> {
                Ok($name {
                    $($need: self.$need.ok_or($crate::usecase::commands::Missing(stringify!($need)))?,)*
                    $($($has: self.$has,)*)?
                })
            }
        }
    };
}

mod appointments;
mod dropins;
mod engagement;
mod people;
mod words;

pub use appointments::{
    Apart, ApartDraft, Commitment, CommitmentDraft, EndSlot, EndSlotDraft, Move, MoveDraft, Skip, SkipDraft, Slot,
    SlotDraft,
};
pub use appointments::{MINUTES, label, yes_or_no};
pub use dropins::{
    CancelDropin, CancelDropinDraft, DropinRef, DropinRefDraft, InviteToDropin, InviteToDropinDraft, Invitees,
    NewDropin, NewDropinDraft,
};
pub use dropins::{link as dropin_link, title as dropin_title};
pub use engagement::{Attended, AttendedDraft, Figures, Missed, MissedDraft, Suspend, SuspendDraft, Warn, WarnDraft};
pub use words::{date_and_time, date_word, name as read_name, reason as read_reason, time_word};

pub use people::{
    CHILD_OPTIONS, CarerAsk, CarerAskDraft, ChildOptions, Enrol, EnrolDraft, Invite, InviteDraft, Named, NamedDraft,
    Transfer, TransferDraft, Update, UpdateDraft, child_option,
};

/// The one table of commands: each one's word, who may use it, its line in menus and help, and, for
/// a command that takes arguments, its typed value, its usage line and the function that reads it
/// from what was typed, in the order of menus and help. Adding a command is a line here, its value
/// and reader in the file of its area, and an arm where it is run.
macro_rules! commands {
    (@usage) => { None };
    (@usage $usage:literal) => { Some($usage) };
    (@parse $name:ident, $args:ident, $today:ident) => { Ok(Command::$name) };
    (@parse $name:ident, $args:ident, $today:ident, $read:path) => { $read($args, $today).map(Command::$name) };
    ($($name:ident $(($draft:ty))? => $word:literal, $audience:expr, $description:literal
        $(, $usage:literal, $read:path)?;)+) => {
        /// Every command the bot answers.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum CommandName {
            $($name,)+
        }

        /// A command as typed, its arguments read into typed values; pieces not given are missing
        /// from its draft.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Command {
            $($name $(($draft))?,)+
        }

        impl CommandName {
            /// In the order of menus and help.
            pub const ALL: &'static [CommandName] = &[$(CommandName::$name,)+];

            /// The word typed after `/`.
            pub fn word(self) -> &'static str {
                match self {
                    $(CommandName::$name => $word,)+
                }
            }

            pub fn audience(self) -> Audience {
                use Audience::*;
                match self {
                    $(CommandName::$name => $audience,)+
                }
            }

            /// The template key of the one-line description shown in menus and help.
            pub fn description_key(self) -> &'static str {
                match self {
                    $(CommandName::$name => $description,)+
                }
            }

            /// The template key of the line that shows how to type it, for a command with arguments.
            pub fn usage_key(self) -> Option<&'static str> {
                match self {
                    $(CommandName::$name => commands!(@usage $($usage)?),)+
                }
            }

            /// Reads what was typed after the command's word. Words that cannot be read are refused
            /// with a message naming them; pieces not given are left missing from the draft.
            pub fn read(self, args: &str, today: NaiveDate) -> Result<Command, Text> {
                match self {
                    $(CommandName::$name => commands!(@parse $name, args, today $(, $read)?),)+
                }
            }
        }
    };
}

commands! {
    Start => "start", Everyone, "cmd-start";
    Next => "next", ChildOrCarer, "cmd-next";
    Dropins => "dropins", ChildOrStaff, "cmd-dropins";
    Mine => "mine", AtLeast(Role::Child), "cmd-mine";
    Carers => "carers", AtLeast(Role::Child), "cmd-carers";
    Children => "children", AtLeast(Role::Worker), "cmd-children";
    Today => "today", AtLeast(Role::Worker), "cmd-today";
    Week => "week", AtLeast(Role::Worker), "cmd-week";
    Child(NamedDraft) => "child", AtLeast(Role::Worker), "cmd-child", "usage-child", people::named;
    Enrol(EnrolDraft) => "enrol", AtLeast(Role::Worker), "cmd-enrol", "usage-enrol", people::enrol;
    Update(UpdateDraft) => "update", AtLeast(Role::Worker), "cmd-update", "usage-update", people::update;
    Link(NamedDraft) => "link", AtLeast(Role::Worker), "cmd-link", "usage-link", people::named;
    Commitment(CommitmentDraft) => "commitment", AtLeast(Role::Worker), "cmd-commitment", "usage-commitment",
        appointments::commitment;
    Slot(SlotDraft) => "slot", AtLeast(Role::Worker), "cmd-slot", "usage-slot", appointments::slot;
    EndSlot(EndSlotDraft) => "endslot", AtLeast(Role::Worker), "cmd-endslot", "usage-endslot", appointments::end_slot;
    Skip(SkipDraft) => "skip", AtLeast(Role::Worker), "cmd-skip", "usage-skip", appointments::skip;
    Move(MoveDraft) => "move", AtLeast(Role::Worker), "cmd-move", "usage-move", appointments::move_one;
    Apart(ApartDraft) => "apart", AtLeast(Role::Worker), "cmd-apart", "usage-apart", appointments::apart;
    Calendar(NamedDraft) => "calendar", AtLeast(Role::Worker), "cmd-calendar", "usage-calendar", people::named;
    Attended(AttendedDraft) => "attended", AtLeast(Role::Worker), "cmd-attended", "usage-attended",
        engagement::attended;
    Missed(MissedDraft) => "missed", AtLeast(Role::Worker), "cmd-missed", "usage-missed", engagement::missed;
    Warn(WarnDraft) => "warn", AtLeast(Role::Worker), "cmd-warn", "usage-warn", engagement::warn;
    Panel => "panel", AtLeast(Role::Worker), "cmd-panel";
    Suspend(SuspendDraft) => "suspend", AtLeast(Role::Worker), "cmd-suspend", "usage-suspend", engagement::suspend;
    Carer(CarerAskDraft) => "carer", AtLeast(Role::Worker), "cmd-carer", "usage-carer", people::carer;
    Dropin(NewDropinDraft) => "dropin", AtLeast(Role::Host), "cmd-dropin", "usage-dropin", dropins::new_dropin;
    Roster(DropinRefDraft) => "roster", AtLeast(Role::Host), "cmd-roster", "usage-roster", dropins::dropin_ref;
    DropinInvite(InviteToDropinDraft) => "dropin_invite", AtLeast(Role::Host), "cmd-dropin-invite",
        "usage-dropin-invite", dropins::invite;
    CancelDropin(CancelDropinDraft) => "cancel_dropin", AtLeast(Role::Host), "cmd-cancel-dropin",
        "usage-cancel-dropin", dropins::cancel;
    Export(NamedDraft) => "export", AtLeast(Role::Worker), "cmd-export", "usage-export", people::named;
    Figures(Figures) => "figures", AtLeast(Role::Manager), "cmd-figures", "usage-figures", engagement::figures;
    Audit(NamedDraft) => "audit", AtLeast(Role::Manager), "cmd-audit", "usage-audit", people::named;
    Erase(NamedDraft) => "erase", AtLeast(Role::Manager), "cmd-erase", "usage-erase", people::named;
    Problems => "problems", AtLeast(Role::Manager), "cmd-problems";
    Invite(InviteDraft) => "invite", AtLeast(Role::Manager), "cmd-invite", "usage-invite", people::invite;
    Staff => "staff", AtLeast(Role::Manager), "cmd-staff";
    Revoke(NamedDraft) => "revoke", AtLeast(Role::Manager), "cmd-revoke", "usage-revoke", people::named;
    Transfer(TransferDraft) => "transfer", AtLeast(Role::Manager), "cmd-transfer", "usage-transfer",
        people::transfer;
    Language => "language", Everyone, "cmd-language";
    Help => "help", Everyone, "cmd-help";
}

impl Command {
    /// The child a command names to look up, if it names one: a manager whose name means more than one
    /// child is asked which. (`/transfer` and `/apart`'s other child ask in their own way; `/enrol`
    /// names a new child.)
    pub fn child_named(&self) -> Option<&PersonName> {
        match self {
            Command::Child(d)
            | Command::Link(d)
            | Command::Calendar(d)
            | Command::Export(d)
            | Command::Audit(d)
            | Command::Erase(d) => d.name.as_ref(),
            Command::Update(d) => d.name.as_ref(),
            Command::Carer(d) => d.name.as_ref(),
            Command::Commitment(d) => d.child.as_ref(),
            Command::Slot(d) => d.child.as_ref(),
            Command::EndSlot(d) => d.child.as_ref(),
            Command::Skip(d) => d.child.as_ref(),
            Command::Move(d) => d.child.as_ref(),
            Command::Apart(d) => d.child.as_ref(),
            Command::Attended(d) => d.child.as_ref(),
            Command::Missed(d) => d.child.as_ref(),
            Command::Warn(d) => d.child.as_ref(),
            Command::Suspend(d) => d.child.as_ref(),
            _ => None,
        }
    }
}

impl CommandName {
    pub fn allows(self, role: Role) -> bool {
        match self.audience() {
            Audience::Everyone => true,
            Audience::AtLeast(needed) => role.includes(needed),
            Audience::ChildOrCarer => matches!(role, Role::Child | Role::Carer),
            Audience::ChildOrStaff => role == Role::Child || role.includes(Role::Host),
        }
    }

    /// The commands a role sees in its menu and help (`/start` is reached through links, not menus).
    pub fn menu_for(role: Role) -> Vec<CommandName> {
        Self::ALL.iter().copied().filter(|c| *c != CommandName::Start && c.allows(role)).collect()
    }

    pub fn from_word(word: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.word() == word)
    }
}

/// The day the readers' tests read on.
#[cfg(test)]
fn test_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 3).expect("a real date")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_command_has_its_own_word() {
        let mut words: Vec<&str> = CommandName::ALL.iter().map(|c| c.word()).collect();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), CommandName::ALL.len());
        for command in CommandName::ALL {
            assert_eq!(CommandName::from_word(command.word()), Some(*command));
        }
    }

    use super::test_today as today;

    #[test]
    fn every_command_sent_bare_is_read_as_a_draft_not_refused() {
        for command in CommandName::ALL {
            assert!(command.read("", today()).is_ok(), "/{} sent bare was refused", command.word());
        }
    }

    proptest::proptest! {
        #[test]
        fn reading_any_text_for_any_command_never_panics(index in 0..CommandName::ALL.len(), text in "\\PC{0,120}") {
            let _ = CommandName::ALL[index].read(&text, today());
        }
    }

    #[test]
    fn menus_follow_roles() {
        let child = CommandName::menu_for(Role::Child);
        assert_eq!(
            child,
            vec![
                CommandName::Next,
                CommandName::Dropins,
                CommandName::Mine,
                CommandName::Carers,
                CommandName::Language,
                CommandName::Help
            ]
        );
        let carer = CommandName::menu_for(Role::Carer);
        assert_eq!(carer, vec![CommandName::Next, CommandName::Language, CommandName::Help]);
        let host = CommandName::menu_for(Role::Host);
        assert!(!host.contains(&CommandName::Enrol) && !host.contains(&CommandName::Next));
        assert!(host.contains(&CommandName::Dropin) && host.contains(&CommandName::Roster));
        assert!(
            !host.contains(&CommandName::Mine) && !CommandName::menu_for(Role::Carer).contains(&CommandName::Dropins)
        );
        let worker = CommandName::menu_for(Role::Worker);
        assert!(worker.contains(&CommandName::Enrol) && !worker.contains(&CommandName::Invite));
        let manager = CommandName::menu_for(Role::Manager);
        assert!(manager.contains(&CommandName::Invite) && manager.contains(&CommandName::Enrol));
        assert!(!manager.contains(&CommandName::Start));
    }
}
