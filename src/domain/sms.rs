//! Text messages as the phone networks count them, and the one-word replies a child texts back.

/// The most characters GOV.UK Notify sends in one text (six parts).
pub const MAX_CHARS: usize = 918;

/// How a text travels: the GSM alphabet (160 in one part), or UCS-2 (70 in one part) as soon as
/// one character is outside it (Welsh â ê î ô û ŵ ŷ, most emoji).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Gsm,
    Ucs2,
}

/// The GSM 03.38 default alphabet: one septet each.
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
                         ¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// The extension table: an escape and the character, two septets each.
const GSM_EXTENDED: &str = "^{}\\[~]|€\u{c}";

impl Encoding {
    pub fn of(text: &str) -> Self {
        if text.chars().all(|c| GSM_BASIC.contains(c) || GSM_EXTENDED.contains(c)) {
            Encoding::Gsm
        } else {
            Encoding::Ucs2
        }
    }
}

/// How many parts a text costs: 160 GSM septets (or 70 UCS-2 units) in a text of one part, 153
/// (or 67) in each part of a longer one. An empty text costs nothing.
pub fn parts(text: &str) -> usize {
    let (units, single, each) = match Encoding::of(text) {
        Encoding::Gsm => {
            let septets = text.chars().map(|c| if GSM_EXTENDED.contains(c) { 2 } else { 1 }).sum::<usize>();
            (septets, 160, 153)
        }
        Encoding::Ucs2 => (text.encode_utf16().count(), 70, 67),
    };
    match units {
        0 => 0,
        n if n <= single => 1,
        n => n.div_ceil(each),
    }
}

/// What a one-word reply means. Matched ignoring case, spaces and punctuation; Welsh words too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyWord {
    /// YES (IE): I'll be there; yes to a question.
    Yes,
    /// NO (NA): I can't make it.
    No,
    /// CHANGE (NEWID): I need to change the time.
    Change,
    /// STOP: no more texts to this number. Always wins.
    Stop,
    /// START: texts again.
    Start,
}

impl ReplyWord {
    /// The reply's meaning if it is one of the words, `None` for anything else (words for the worker).
    pub fn read(text: &str) -> Option<Self> {
        let word: String = text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_uppercase).collect();
        Some(match word.as_str() {
            "YES" | "IE" => ReplyWord::Yes,
            "NO" | "NA" => ReplyWord::No,
            "CHANGE" | "NEWID" => ReplyWord::Change,
            "STOP" => ReplyWord::Stop,
            "START" => ReplyWord::Start,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_english_text_fits_160_in_one_part_and_153_after() {
        assert_eq!(parts(""), 0);
        assert_eq!(parts("Hi Sam"), 1);
        assert_eq!(parts(&"a".repeat(160)), 1);
        assert_eq!(parts(&"a".repeat(161)), 2);
        assert_eq!(parts(&"a".repeat(306)), 2);
        assert_eq!(parts(&"a".repeat(307)), 3);
        assert_eq!(parts(&"a".repeat(MAX_CHARS)), 6, "Notify's longest text is six parts");
        assert_eq!(Encoding::of("Reply YES, NO or CHANGE. £5 @ 4pm!"), Encoding::Gsm);
    }

    #[test]
    fn the_extension_characters_count_twice() {
        assert_eq!(Encoding::of("{[€]}"), Encoding::Gsm);
        assert_eq!(parts(&"€".repeat(80)), 1);
        assert_eq!(parts(&"€".repeat(81)), 2);
    }

    #[test]
    fn a_welsh_letter_or_an_emoji_makes_the_whole_text_cost_more() {
        let welsh = "Mae eich apwyntiad yfory am 4yh yn y swyddfa. Atebwch IE, NA neu NEWID. Diolch yn fawr, ŵyr.";
        assert_eq!(Encoding::of(welsh), Encoding::Ucs2);
        assert_eq!(parts(welsh), 2, "{} characters", welsh.chars().count());
        assert_eq!(parts(&welsh.replace('ŵ', "w")), 1);
        assert_eq!(parts(&"ŷ".repeat(70)), 1);
        assert_eq!(parts(&"ŷ".repeat(71)), 2);
        assert_eq!(parts("👍"), 1, "one emoji is two UTF-16 units");
        assert_eq!(parts(&"👍".repeat(36)), 2);
    }

    #[test]
    fn a_reply_is_read_however_it_is_typed() {
        for (text, word) in [
            ("YES", ReplyWord::Yes),
            ("yes", ReplyWord::Yes),
            (" Yes! ", ReplyWord::Yes),
            ("y.e.s", ReplyWord::Yes),
            ("Ie", ReplyWord::Yes),
            ("no", ReplyWord::No),
            ("Na.", ReplyWord::No),
            ("change", ReplyWord::Change),
            ("NEWID", ReplyWord::Change),
            ("STOP", ReplyWord::Stop),
            ("stop!!", ReplyWord::Stop),
            ("Start", ReplyWord::Start),
        ] {
            assert_eq!(ReplyWord::read(text), Some(word), "{text:?}");
        }
        for text in ["", "yes please", "I'm scared to come", "nope", "stop it now", "?", "yess", "y", "n"] {
            assert_eq!(ReplyWord::read(text), None, "{text:?} goes to the worker");
        }
    }

    proptest::proptest! {
        #[test]
        fn parts_never_panic_and_grow_with_the_text(text in "\\PC{0,400}", more in "\\PC{0,50}") {
            let longer = format!("{text}{more}");
            // A character outside the GSM alphabet only ever makes a text cost more.
            proptest::prop_assert!(parts(&longer) >= parts(&text));
            let _ = ReplyWord::read(&text);
        }
    }
}
