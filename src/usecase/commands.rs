//! The commands staff and children type: each one's word, who may use it, its menu line and its usage.

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

/// Every command the bot answers. The order is the order of menus and help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommandName {
    Start,
    Help,
    Language,
    Invite,
    Staff,
    Revoke,
    Transfer,
    Enrol,
    Update,
    Children,
    Child,
    Link,
    Commitment,
    Slot,
    EndSlot,
    Apart,
    Skip,
    Move,
    Calendar,
    Next,
    Carer,
    Carers,
    Attended,
    Missed,
    Warn,
    Suspend,
    Panel,
    Dropin,
    Dropins,
    Roster,
    CancelDropin,
    DropinInvite,
    Mine,
    Figures,
    Export,
    Erase,
    Audit,
    Problems,
}

impl CommandName {
    pub const ALL: [CommandName; 38] = [
        CommandName::Start,
        CommandName::Next,
        CommandName::Dropins,
        CommandName::Mine,
        CommandName::Carers,
        CommandName::Children,
        CommandName::Child,
        CommandName::Enrol,
        CommandName::Update,
        CommandName::Link,
        CommandName::Commitment,
        CommandName::Slot,
        CommandName::EndSlot,
        CommandName::Skip,
        CommandName::Move,
        CommandName::Apart,
        CommandName::Calendar,
        CommandName::Attended,
        CommandName::Missed,
        CommandName::Warn,
        CommandName::Panel,
        CommandName::Suspend,
        CommandName::Carer,
        CommandName::Dropin,
        CommandName::Roster,
        CommandName::DropinInvite,
        CommandName::CancelDropin,
        CommandName::Export,
        CommandName::Figures,
        CommandName::Audit,
        CommandName::Erase,
        CommandName::Problems,
        CommandName::Invite,
        CommandName::Staff,
        CommandName::Revoke,
        CommandName::Transfer,
        CommandName::Language,
        CommandName::Help,
    ];

    pub fn word(self) -> &'static str {
        match self {
            CommandName::Start => "start",
            CommandName::Help => "help",
            CommandName::Language => "language",
            CommandName::Invite => "invite",
            CommandName::Staff => "staff",
            CommandName::Revoke => "revoke",
            CommandName::Transfer => "transfer",
            CommandName::Enrol => "enrol",
            CommandName::Update => "update",
            CommandName::Children => "children",
            CommandName::Child => "child",
            CommandName::Link => "link",
            CommandName::Commitment => "commitment",
            CommandName::Slot => "slot",
            CommandName::EndSlot => "endslot",
            CommandName::Apart => "apart",
            CommandName::Skip => "skip",
            CommandName::Move => "move",
            CommandName::Calendar => "calendar",
            CommandName::Next => "next",
            CommandName::Carer => "carer",
            CommandName::Carers => "carers",
            CommandName::Attended => "attended",
            CommandName::Missed => "missed",
            CommandName::Warn => "warn",
            CommandName::Suspend => "suspend",
            CommandName::Panel => "panel",
            CommandName::Dropin => "dropin",
            CommandName::Dropins => "dropins",
            CommandName::Roster => "roster",
            CommandName::CancelDropin => "cancel_dropin",
            CommandName::DropinInvite => "dropin_invite",
            CommandName::Mine => "mine",
            CommandName::Figures => "figures",
            CommandName::Export => "export",
            CommandName::Erase => "erase",
            CommandName::Audit => "audit",
            CommandName::Problems => "problems",
        }
    }

    pub fn audience(self) -> Audience {
        match self {
            CommandName::Start | CommandName::Help | CommandName::Language => Audience::Everyone,
            CommandName::Invite
            | CommandName::Staff
            | CommandName::Revoke
            | CommandName::Transfer
            | CommandName::Figures
            | CommandName::Erase
            | CommandName::Audit
            | CommandName::Problems => Audience::AtLeast(Role::Manager),
            CommandName::Enrol
            | CommandName::Update
            | CommandName::Children
            | CommandName::Child
            | CommandName::Link
            | CommandName::Commitment
            | CommandName::Slot
            | CommandName::EndSlot
            | CommandName::Apart
            | CommandName::Skip
            | CommandName::Move
            | CommandName::Calendar
            | CommandName::Carer
            | CommandName::Attended
            | CommandName::Missed
            | CommandName::Warn
            | CommandName::Suspend
            | CommandName::Panel
            | CommandName::Export => Audience::AtLeast(Role::Worker),
            CommandName::Next => Audience::ChildOrCarer,
            CommandName::Carers | CommandName::Mine => Audience::AtLeast(Role::Child),
            CommandName::Dropin | CommandName::Roster | CommandName::CancelDropin | CommandName::DropinInvite => {
                Audience::AtLeast(Role::Host)
            }
            CommandName::Dropins => Audience::ChildOrStaff,
        }
    }

    pub fn allows(self, role: Role) -> bool {
        match self.audience() {
            Audience::Everyone => true,
            Audience::AtLeast(needed) => role.includes(needed),
            Audience::ChildOrCarer => matches!(role, Role::Child | Role::Carer),
            Audience::ChildOrStaff => role == Role::Child || role.includes(Role::Host),
        }
    }

    /// The template key of the one-line description shown in menus and help.
    pub fn description_key(self) -> &'static str {
        match self {
            CommandName::Start => "cmd-start",
            CommandName::Help => "cmd-help",
            CommandName::Language => "cmd-language",
            CommandName::Invite => "cmd-invite",
            CommandName::Staff => "cmd-staff",
            CommandName::Revoke => "cmd-revoke",
            CommandName::Transfer => "cmd-transfer",
            CommandName::Enrol => "cmd-enrol",
            CommandName::Update => "cmd-update",
            CommandName::Children => "cmd-children",
            CommandName::Child => "cmd-child",
            CommandName::Link => "cmd-link",
            CommandName::Commitment => "cmd-commitment",
            CommandName::Slot => "cmd-slot",
            CommandName::EndSlot => "cmd-endslot",
            CommandName::Apart => "cmd-apart",
            CommandName::Skip => "cmd-skip",
            CommandName::Move => "cmd-move",
            CommandName::Calendar => "cmd-calendar",
            CommandName::Next => "cmd-next",
            CommandName::Carer => "cmd-carer",
            CommandName::Carers => "cmd-carers",
            CommandName::Attended => "cmd-attended",
            CommandName::Missed => "cmd-missed",
            CommandName::Warn => "cmd-warn",
            CommandName::Suspend => "cmd-suspend",
            CommandName::Panel => "cmd-panel",
            CommandName::Dropin => "cmd-dropin",
            CommandName::Dropins => "cmd-dropins",
            CommandName::Roster => "cmd-roster",
            CommandName::CancelDropin => "cmd-cancel-dropin",
            CommandName::DropinInvite => "cmd-dropin-invite",
            CommandName::Mine => "cmd-mine",
            CommandName::Figures => "cmd-figures",
            CommandName::Export => "cmd-export",
            CommandName::Erase => "cmd-erase",
            CommandName::Audit => "cmd-audit",
            CommandName::Problems => "cmd-problems",
        }
    }

    /// The commands a role sees in its menu and help (`/start` is reached through links, not menus).
    pub fn menu_for(role: Role) -> Vec<CommandName> {
        Self::ALL.into_iter().filter(|c| *c != CommandName::Start && c.allows(role)).collect()
    }

    pub fn from_word(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.word() == word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
