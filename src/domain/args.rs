//! A command's arguments as typed: leading words (a name) and `key=value` options, quotes kept together.

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

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_text(text in "\\PC{0,200}") {
            let _ = split_args(&text);
        }
    }
}
