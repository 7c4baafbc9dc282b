//! Commands as Telegram carries them: `/word@bot arguments`.

use crate::usecase::commands::CommandName;

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

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_text(text in "\\PC{0,200}") {
            let _ = parse_command(&text, "tb_bot");
        }
    }
}
