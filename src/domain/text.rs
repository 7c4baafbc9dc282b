//! Free text people type: tidied before it is kept, and cut short before it is echoed back.

/// Direction marks and zero-width characters: they let one text pose as another and garble the next line.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Whether text has anything that should never be shown as typed (controls, invisible marks).
pub fn has_hidden_characters(text: &str) -> bool {
    text.chars().any(|c| c.is_control() || is_invisible(c))
}

/// One tidy line of at most `max` characters: controls become spaces, invisible marks go, spaces fold.
pub fn tidy(text: &str, max: usize) -> Option<String> {
    let visible: String =
        text.chars().filter(|c| !is_invisible(*c)).map(|c| if c.is_control() { ' ' } else { c }).collect();
    let folded = visible.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = folded.chars().take(max).collect();
    (!cut.is_empty()).then_some(cut)
}

/// `text` in at most `max` characters: whole if it fits, otherwise cut at the last space that leaves
/// room for "…" (or mid-word if there is none).
pub fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let room: String = text.chars().take(max.saturating_sub(1)).collect();
    let cut = match room.rfind(char::is_whitespace) {
        Some(space) if space > 0 => room[..space].trim_end(),
        _ => room.as_str(),
    };
    format!("{cut}…")
}

/// Words passed on as a person wrote them, lines and all, less what could garble them when shown:
/// invisible marks go, and control characters other than line breaks become spaces.
pub fn readable(text: &str) -> String {
    text.chars()
        .filter(|c| !is_invisible(*c))
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Something a person typed, shortened for quoting back in an error message.
pub fn quote_back(text: &str) -> String {
    const MAX: usize = 40;
    let tidied = tidy(text, MAX + 1).unwrap_or_default();
    if tidied.chars().count() > MAX { format!("{}…", tidied.chars().take(MAX).collect::<String>()) } else { tidied }
}

#[cfg(test)]
mod tests {

    #[test]
    fn shortened_fits_and_says_it_was_cut() {
        assert_eq!(shortened("short", 200), "short");
        let long = "word ".repeat(100);
        let cut = shortened(&long, 200);
        assert!(cut.chars().count() <= 200, "{}", cut.chars().count());
        assert!(cut.ends_with("word…"), "{cut}");
        let welsh = "ŵ".repeat(300);
        assert_eq!(shortened(&welsh, 200).chars().count(), 200);
        assert_eq!(shortened("abc", 0), "…");
    }

    use super::*;

    #[test]
    fn readable_keeps_the_lines_and_drops_what_garbles() {
        assert_eq!(readable(" im scared\nthat boy \u{202E}will be there\u{7} "), "im scared\nthat boy will be there");
    }

    #[test]
    fn tidy_folds_and_bounds() {
        assert_eq!(tidy("  my  nan\nis ill \u{202E} ", 200), Some("my nan is ill".into()));
        assert_eq!(tidy(" \n\t\u{200B} ", 200), None);
        assert_eq!(tidy(&"a".repeat(4000), 200).unwrap().len(), 200);
    }

    #[test]
    fn quotes_back_at_most_forty_characters() {
        assert_eq!(quote_back("short"), "short");
        assert_eq!(quote_back(&"x".repeat(4000)).chars().count(), 41);
        assert_eq!(quote_back("a\u{202E}b\nc"), "ab c");
    }

    #[test]
    fn hidden_characters() {
        assert!(has_hidden_characters("a\u{202E}"));
        assert!(has_hidden_characters("a\nb"));
        assert!(!has_hidden_characters("Siân O'Neil-Jones"));
    }
}
