//! The commands staff and children type: each one's word, who may use it, and its menu line, in one table.

use crate::domain::people::Role;

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

/// The one table of commands: each one's word, who may use it, and its line in menus and help, in
/// the order of menus and help. Adding a command is a line here and an arm where it is run.
macro_rules! commands {
    ($($name:ident => $word:literal, $audience:expr, $description:literal;)+) => {
        /// Every command the bot answers.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum CommandName {
            $($name,)+
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
    Child => "child", AtLeast(Role::Worker), "cmd-child";
    Enrol => "enrol", AtLeast(Role::Worker), "cmd-enrol";
    Update => "update", AtLeast(Role::Worker), "cmd-update";
    Link => "link", AtLeast(Role::Worker), "cmd-link";
    Commitment => "commitment", AtLeast(Role::Worker), "cmd-commitment";
    Slot => "slot", AtLeast(Role::Worker), "cmd-slot";
    EndSlot => "endslot", AtLeast(Role::Worker), "cmd-endslot";
    Skip => "skip", AtLeast(Role::Worker), "cmd-skip";
    Move => "move", AtLeast(Role::Worker), "cmd-move";
    Apart => "apart", AtLeast(Role::Worker), "cmd-apart";
    Calendar => "calendar", AtLeast(Role::Worker), "cmd-calendar";
    Attended => "attended", AtLeast(Role::Worker), "cmd-attended";
    Missed => "missed", AtLeast(Role::Worker), "cmd-missed";
    Warn => "warn", AtLeast(Role::Worker), "cmd-warn";
    Panel => "panel", AtLeast(Role::Worker), "cmd-panel";
    Suspend => "suspend", AtLeast(Role::Worker), "cmd-suspend";
    Carer => "carer", AtLeast(Role::Worker), "cmd-carer";
    Dropin => "dropin", AtLeast(Role::Host), "cmd-dropin";
    Roster => "roster", AtLeast(Role::Host), "cmd-roster";
    DropinInvite => "dropin_invite", AtLeast(Role::Host), "cmd-dropin-invite";
    CancelDropin => "cancel_dropin", AtLeast(Role::Host), "cmd-cancel-dropin";
    Export => "export", AtLeast(Role::Worker), "cmd-export";
    Figures => "figures", AtLeast(Role::Manager), "cmd-figures";
    Audit => "audit", AtLeast(Role::Manager), "cmd-audit";
    Erase => "erase", AtLeast(Role::Manager), "cmd-erase";
    Problems => "problems", AtLeast(Role::Manager), "cmd-problems";
    Invite => "invite", AtLeast(Role::Manager), "cmd-invite";
    Staff => "staff", AtLeast(Role::Manager), "cmd-staff";
    Revoke => "revoke", AtLeast(Role::Manager), "cmd-revoke";
    Transfer => "transfer", AtLeast(Role::Manager), "cmd-transfer";
    Language => "language", Everyone, "cmd-language";
    Help => "help", Everyone, "cmd-help";
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
