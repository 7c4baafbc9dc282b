//! Commands as people type them: which command, who may use it, and how its arguments split.

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

    fn from_word(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.word() == word)
    }
}

/// A message that starts with `/`, split into the command and the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandText<'a> {
    Known { name: CommandName, args: &'a str },
    Unknown,
}

/// Splits `/word@bot args`. Returns `None` for text that is not a command at all.
pub fn parse_command<'a>(text: &'a str, bot_username: &str) -> Option<CommandText<'a>> {
    let text = text.trim_start();
    let rest = text.strip_prefix('/')?;
    let (head, args) = match rest.find(char::is_whitespace) {
        Some(at) => (&rest[..at], rest[at..].trim()),
        None => (rest, ""),
    };
    let (word, addressee) = match head.split_once('@') {
        Some((word, bot)) => (word, Some(bot)),
        None => (head, None),
    };
    if addressee.is_some_and(|bot| !bot.eq_ignore_ascii_case(bot_username)) {
        return Some(CommandText::Unknown);
    }
    Some(match CommandName::from_word(&word.to_ascii_lowercase()) {
        Some(name) => CommandText::Known { name, args },
        None => CommandText::Unknown,
    })
}

/// Arguments split into leading words (names) and `key=value` options.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Args {
    /// Everything before the first option, as typed (spaces folded): a single name.
    pub leading: String,
    /// The same, split into words; a quoted group is one word.
    pub words: Vec<String>,
    pub options: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArgsError {
    #[error("a quote is not closed")]
    UnclosedQuote,
    #[error("{0} is given twice")]
    RepeatedOption(String),
    #[error("{0} has no value")]
    EmptyOption(String),
    #[error("names must come before options")]
    WordAfterOptions,
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201E}')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201D}' | '\u{201C}')
}

/// `key=` at the start of a word: lower-case letters and `_`, then `=`.
fn option_key(word: &str) -> Option<(&str, &str)> {
    let (key, value) = word.split_once('=')?;
    let valid = (1..=20).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    valid.then_some((key, value))
}

pub fn split_args(text: &str) -> Result<Args, ArgsError> {
    let mut args = Args::default();
    let mut leading_end = text.len();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let offset = text.len() - rest.len();
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        if let Some((key, _)) = option_key(&rest[..word_end]) {
            leading_end = leading_end.min(offset);
            let after_eq = &rest[key.len() + 1..];
            let (value, remaining) = take_value(after_eq)?;
            if value.trim().is_empty() {
                return Err(ArgsError::EmptyOption(key.to_owned()));
            }
            if args.options.iter().any(|(k, _)| k == key) {
                return Err(ArgsError::RepeatedOption(key.to_owned()));
            }
            args.options.push((key.to_owned(), value));
            rest = remaining.trim_start();
            continue;
        }
        if !args.options.is_empty() {
            return Err(ArgsError::WordAfterOptions);
        }
        let (word, remaining) = if rest.starts_with(is_open_quote) {
            take_value(rest)?
        } else {
            (rest[..word_end].to_owned(), &rest[word_end..])
        };
        args.words.push(word);
        rest = remaining.trim_start();
    }
    args.leading = text[..leading_end].split_whitespace().collect::<Vec<_>>().join(" ");
    // A name given wholly in quotes (`/enrol "Sam J"`) is the name without them.
    if args.words.len() == 1 && args.leading.starts_with(is_open_quote) {
        args.leading = args.words[0].clone();
    }
    Ok(args)
}

/// A value runs to the next space, or, when it opens with a quote, to the closing quote.
fn take_value(text: &str) -> Result<(String, &str), ArgsError> {
    let mut chars = text.char_indices();
    match chars.next() {
        Some((_, c)) if is_open_quote(c) => {
            let body = &text[c.len_utf8()..];
            let close = body.find(is_close_quote).ok_or(ArgsError::UnclosedQuote)?;
            let quote_len = body[close..].chars().next().map_or(1, char::len_utf8);
            Ok((body[..close].to_owned(), &body[close + quote_len..]))
        }
        _ => {
            let end = text.find(char::is_whitespace).unwrap_or(text.len());
            Ok((text[..end].to_owned(), &text[end..]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_command_and_its_arguments() {
        assert_eq!(
            parse_command("/enrol Sam lang=cy", "tb_bot"),
            Some(CommandText::Known { name: CommandName::Enrol, args: "Sam lang=cy" })
        );
        assert_eq!(
            parse_command("/Help@TB_bot", "tb_bot"),
            Some(CommandText::Known { name: CommandName::Help, args: "" })
        );
        assert_eq!(parse_command("/help@other_bot", "tb_bot"), Some(CommandText::Unknown));
        assert_eq!(parse_command("/frobnicate", "tb_bot"), Some(CommandText::Unknown));
        assert_eq!(parse_command("hello", "tb_bot"), None);
        assert_eq!(parse_command("/", "tb_bot"), Some(CommandText::Unknown));
        assert_eq!(
            parse_command("/start\nabc", "tb_bot"),
            Some(CommandText::Known { name: CommandName::Start, args: "abc" })
        );
    }

    #[test]
    fn names_keep_their_symbols_and_options_follow() {
        let args = split_args("Sam <3 & \"Jo\" lang=cy born=2011-05-01").unwrap();
        assert_eq!(args.leading, "Sam <3 & \"Jo\"");
        assert_eq!(args.options, vec![("lang".into(), "cy".into()), ("born".into(), "2011-05-01".into())]);
    }

    #[test]
    fn a_wholly_quoted_name_loses_its_quotes() {
        assert_eq!(split_args("\"Sam J\" lang=cy").unwrap().leading, "Sam J");
        assert_eq!(split_args("Sam \"J\"").unwrap().leading, "Sam \"J\"");
    }

    #[test]
    fn quoted_words_and_values() {
        let args = split_args("\"Sam Jones\" Alice reason=\"moved house\"").unwrap();
        assert_eq!(args.words, vec!["Sam Jones", "Alice"]);
        assert_eq!(args.options, vec![("reason".into(), "moved house".into())]);
        let smart = split_args("\u{201C}Sam Jones\u{201D} Alice").unwrap();
        assert_eq!(smart.words, vec!["Sam Jones", "Alice"]);
    }

    #[test]
    fn refuses_malformed_arguments() {
        assert_eq!(split_args("Sam lang=cy lang=en"), Err(ArgsError::RepeatedOption("lang".into())));
        assert_eq!(split_args("Sam lang="), Err(ArgsError::EmptyOption("lang".into())));
        assert_eq!(split_args("Sam title=\"open"), Err(ArgsError::UnclosedQuote));
        assert_eq!(split_args("Sam lang=cy Jo"), Err(ArgsError::WordAfterOptions));
    }

    #[test]
    fn empty_arguments_are_empty() {
        assert_eq!(split_args("   ").unwrap(), Args::default());
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

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_text(text in "\\PC{0,200}") {
            let _ = parse_command(&text, "tb_bot");
            let _ = split_args(&text);
        }
    }
}
