//! The message templates: complete in every language, plain and discreet where children read them.
//!
//! Plain-language rule for child-facing English (keys `any-*`, `child-*`, `button-*`, and the
//! descriptions of commands in a child's menu): at most two sentences, at most 15 words a
//! sentence, no word over 12 letters, and none of the jargon below.
//! Discretion rule for child-facing messages in every language: none of the words a lock screen
//! should not show (court, order, offence, police, youth justice ... and their Welsh).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use touchbase::domain::people::{Language, Role};
use touchbase::templates::{Templates, Text};
use touchbase::usecase::commands::CommandName;

const JARGON: [&str; 16] = [
    "compliance",
    "breach",
    "breaches",
    "enforcement",
    "statutory",
    "disposal",
    "intervention",
    "sanction",
    "sanctions",
    "panel",
    "warrant",
    "probation",
    "non-attendance",
    "engagement",
    "practitioner",
    "caseload",
];

const INDISCREET: [&str; 17] = [
    "youth justice",
    "court",
    "order",
    "orders",
    "offence",
    "offences",
    "offending",
    "police",
    "yjs",
    "yot",
    "breach",
    "cyfiawnder ieuenctid",
    "llys",
    "gorchymyn",
    "trosedd",
    "troseddu",
    "heddlu",
];

const PREFIXES: [&str; 14] = [
    "any-", "child-", "carer-", "staff-", "usage-", "button-", "cmd-", "clash-", "weekday-", "month-", "time-",
    "date-", "when-", "place-",
];

/// Words used inside children's messages: dates, times and places.
const CHILD_PARTS: [&str; 6] = ["weekday-", "month-", "time-", "date-", "when-", "place-"];

fn languages_on_disk() -> Vec<String> {
    let mut found: Vec<String> = fs::read_dir("message-templates")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    found
}

fn messages(language: &str) -> Vec<(String, String)> {
    let path = Path::new("message-templates").join(language).join("touchbase.ftl");
    let source = fs::read_to_string(&path).unwrap();
    let resource =
        fluent_syntax::parser::parse(source.as_str()).unwrap_or_else(|(_, errors)| panic!("{path:?}: {errors:?}"));
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(message) => {
                Some((message.id.name.to_owned(), message.value.as_ref().map(flatten).unwrap_or_default()))
            }
            _ => None,
        })
        .collect()
}

/// The words of a pattern: text as written, every variant of a selector, `X` for a variable.
fn flatten(pattern: &Pattern<&str>) -> String {
    let mut out = String::new();
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => out.push_str(value),
            PatternElement::Placeable { expression } => match expression {
                Expression::Select { variants, .. } => {
                    for variant in variants {
                        out.push_str(&flatten(&variant.value));
                        out.push(' ');
                    }
                }
                Expression::Inline(InlineExpression::VariableReference { .. }) => out.push('X'),
                Expression::Inline(_) => out.push('X'),
            },
        }
    }
    out
}

fn child_facing(key: &str) -> bool {
    let child_menu: Vec<&str> = CommandName::menu_for(Role::Child).into_iter().map(|c| c.description_key()).collect();
    key.starts_with("any-")
        || key.starts_with("child-")
        || key.starts_with("carer-")
        || key.starts_with("button-")
        || CHILD_PARTS.iter().any(|p| key.starts_with(p))
        || child_menu.contains(&key)
        || key == "cmd-start"
}

#[test]
fn every_language_directory_is_a_supported_language() {
    let codes: Vec<String> = Language::ALL.iter().map(|l| l.code().to_owned()).collect();
    let mut codes_sorted = codes.clone();
    codes_sorted.sort();
    assert_eq!(languages_on_disk(), codes_sorted);
}

#[test]
fn no_message_is_missing_in_any_language() {
    let english: BTreeSet<String> = messages("en").into_iter().map(|(k, _)| k).collect();
    for language in languages_on_disk() {
        let keys: BTreeSet<String> = messages(&language).into_iter().map(|(k, _)| k).collect();
        let missing: Vec<_> = english.difference(&keys).collect();
        let extra: Vec<_> = keys.difference(&english).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{language}: missing {missing:?}, extra {extra:?}");
    }
}

#[test]
fn every_key_the_code_uses_exists() {
    let templates = Templates::load().unwrap();
    let mut used = BTreeSet::new();
    collect_keys(Path::new("src"), &mut used);
    for command in CommandName::ALL {
        used.insert(command.description_key().to_owned());
    }
    assert!(used.len() > 50, "the scan found the keys: {used:?}");
    for key in &used {
        for language in Language::ALL {
            assert!(templates.has(language, key), "{key} is missing in {}", language.code());
        }
    }
}

fn collect_keys(dir: &Path, keys: &mut BTreeSet<String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_keys(&path, keys);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let source = fs::read_to_string(&path).unwrap();
            for piece in source.split('"').skip(1).step_by(2) {
                let prefixed = PREFIXES.iter().any(|p| piece.starts_with(p));
                if prefixed && piece.len() > 4 && piece.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
                    keys.insert(piece.to_owned());
                }
            }
        }
    }
}

#[test]
fn child_facing_english_is_plain() {
    let mut broken = Vec::new();
    for (key, text) in messages("en").into_iter().filter(|(k, _)| child_facing(k)) {
        let sentences: Vec<&str> = text
            .split_inclusive(['.', '!', '?'])
            .map(str::trim)
            .filter(|s| s.chars().any(char::is_alphabetic))
            .collect();
        if sentences.len() > 2 {
            broken.push(format!("{key}: {} sentences", sentences.len()));
        }
        for sentence in &sentences {
            let words: Vec<&str> = sentence.split_whitespace().filter(|w| !w.starts_with('/')).collect();
            if words.len() > 15 {
                broken.push(format!("{key}: {} words in {sentence:?}", words.len()));
            }
            for word in words {
                let bare: String =
                    word.chars().filter(|c| c.is_alphabetic() || *c == '-').collect::<String>().to_lowercase();
                if bare.chars().count() > 12 {
                    broken.push(format!("{key}: long word {bare:?}"));
                }
                if JARGON.contains(&bare.as_str()) {
                    broken.push(format!("{key}: jargon {bare:?}"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "plain-language rule broken:\n{}", broken.join("\n"));
}

#[test]
fn child_facing_messages_are_discreet_in_every_language() {
    let mut broken = Vec::new();
    for language in languages_on_disk() {
        for (key, text) in messages(&language).into_iter().filter(|(k, _)| child_facing(k)) {
            let lower = text.to_lowercase();
            let words: Vec<String> = lower.split(|c: char| !c.is_alphabetic()).map(str::to_owned).collect();
            for banned in INDISCREET {
                let hit = if banned.contains(' ') { lower.contains(banned) } else { words.iter().any(|w| w == banned) };
                if hit {
                    broken.push(format!("{language} {key}: {banned:?}"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "a lock screen would show:\n{}", broken.join("\n"));
}

#[test]
fn no_template_says_breach() {
    // The bot never starts breach action and never uses the word, in any language, to anyone
    // (every end-to-end test also checks every text the bot showed: see `TestApp::settle`).
    const BREACH: [&str; 4] = ["breach", "torri amod", "tor-amod", "tor amod"];
    for language in languages_on_disk() {
        for (key, text) in messages(&language) {
            let text = text.to_lowercase();
            assert!(!BREACH.iter().any(|word| text.contains(word)), "{language} {key}");
        }
    }
}

#[test]
fn welsh_counts_use_welsh_plural_forms() {
    let templates = Templates::load().unwrap();
    let render = |n: i64| {
        templates.render(
            Language::Welsh,
            &Text::new("staff-list-caseload").arg("name", "Alex").arg("role", "worker").arg("children", n),
        )
    };
    let english = |n: i64| {
        templates.render(
            Language::English,
            &Text::new("staff-list-caseload").arg("name", "Alex").arg("role", "worker").arg("children", n),
        )
    };
    let forms: BTreeSet<String> = [0, 1, 2, 3, 6, 7].into_iter().map(render).collect();
    assert!(forms.len() >= 4, "Welsh has distinct zero/one/two/few/many/other forms: {forms:?}");
    assert!(render(2).contains("2 blentyn"), "{}", render(2));
    assert_ne!(render(2), english(2));
}

#[test]
fn names_are_escaped_for_telegram_html_in_every_language() {
    let templates = Templates::load().unwrap();
    for language in Language::ALL {
        let html = templates.render(language, &Text::new("child-welcome").arg("name", "Sam <3 & \"Jo\""));
        assert!(html.contains("Sam &lt;3 &amp; &quot;Jo&quot;"), "{html}");
    }
}

/// What answers a button tap shows in at most 200 characters (Telegram's limit): those answers fit
/// whole in every language with the longest name a person may have.
#[test]
fn tap_answers_fit_telegrams_200_characters_with_the_longest_name() {
    let templates = Templates::load().unwrap();
    let name = "W".repeat(40);
    let when = "Wednesday 30 September 2026, 11:30am";
    let answers = [
        Text::new("staff-attendance-not-on").arg("name", name.as_str()).arg("when", when),
        Text::new("any-old-button"),
        Text::new("any-slow-down"),
    ];
    for language in Language::ALL {
        for text in &answers {
            let shown = templates.render_plain(language, text);
            assert!(shown.chars().count() <= 200, "{language:?}: {} characters: {shown}", shown.chars().count());
        }
    }
}

/// Every message a child or carer may be sent, with everyday values for whatever it names.
fn child_facing_texts(language: &str) -> Vec<(String, Text)> {
    messages(language)
        .into_iter()
        .map(|(key, _)| key)
        .filter(|key| {
            (key.starts_with("child-") || key.starts_with("carer-") || key.starts_with("any-"))
                && !key.ends_with("-sms")
        })
        .map(|key| {
            let text = Text::new(key.clone())
                .arg("name", "Sam")
                .arg("when", "Tuesday 24 November, 4pm")
                .arg("place", "at the office")
                .arg("date", "Tuesday 24 November")
                .arg("weekday", "Tuesday")
                .arg("time", "4pm")
                .arg("title", "Art club")
                .arg("minutes", 60)
                .arg("places", "3 places left.")
                .arg("left", 3)
                .arg("position", 2)
                .arg("link", "https://zoom.example/j/4242")
                .arg("reason", "I'm ill")
                .arg("label", "school")
                .arg("from", "1 December")
                .arg("to", "14 December")
                .arg("count", 3)
                .arg("commands", "/next")
                .arg("reminder", "You meet your worker soon.")
                .arg("answer", "I'll be there");
            (key, text)
        })
        .collect()
}

/// Answers to what only a person on Telegram can do (a command, a link, a calendar file): never texted.
const TELEGRAM_ONLY: [&str; 6] = [
    "child-help",
    "any-already-joined",
    "any-not-allowed",
    "any-unknown-command",
    "any-use-commands",
    "child-calendar-caption",
];

/// By text a child cannot tap, send a command or press a button: every child-facing message has a
/// text form (its own words, or a `KEY-sms` form saying how to answer by text) that asks for none of
/// those, in every language.
#[test]
fn every_child_facing_message_has_a_text_form_that_needs_no_telegram() {
    let templates = Templates::load().unwrap();
    let telegram_only = ["tap", "button", "tapia", "botwm", "send /", "anfona /"];
    let mut broken = Vec::new();
    for language in Language::ALL {
        for (key, text) in child_facing_texts(language.code()) {
            if TELEGRAM_ONLY.contains(&key.as_str()) {
                continue;
            }
            let body = templates.render_text_message(language, &text).to_lowercase();
            if let Some(word) = telegram_only.iter().find(|word| body.contains(*word)) {
                broken.push(format!("{} {key}: {word:?} in {body:?}", language.code()));
            }
        }
    }
    assert!(broken.is_empty(), "a text asks for what only Telegram can do:\n{}", broken.join("\n"));
}

/// Each text form costs as few parts as its words allow: one part in English where it can (160
/// plain characters). Run with `--nocapture` to see what each costs in English and Welsh.
#[test]
fn text_forms_fit_one_part_in_english_where_they_can() {
    use touchbase::domain::sms::parts;
    let templates = Templates::load().unwrap();
    // These carry a link or a list the child needs whole: two parts at most.
    let longer = ["child-help", "child-dropin", "child-dropin-link", "child-answered"];
    let mut report = Vec::new();
    let mut broken = Vec::new();
    for (key, text) in child_facing_texts("en") {
        let english = templates.render_text_message(Language::English, &text);
        let welsh = templates.render_text_message(Language::Welsh, &text);
        let (en, cy) = (parts(&english), parts(&welsh));
        report.push(format!("{key}: {en} in English, {cy} in Welsh"));
        let allowed = if longer.iter().any(|long| key == *long) { 2 } else { 1 };
        if en > allowed {
            broken.push(format!("{key}: {en} parts ({} characters): {english}", english.chars().count()));
        }
        assert!(cy <= 3, "{key} costs {cy} parts in Welsh: {welsh}");
    }
    println!("{}", report.join("\n"));
    assert!(broken.is_empty(), "a text costs more than it needs:\n{}", broken.join("\n"));
}
