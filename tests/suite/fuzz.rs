//! Fuzzing every parser that reads what people (or forgers) send, with proptest: any text, control
//! characters and all, and text shaped like the real thing. Nothing may panic, and whatever is
//! accepted must mean one thing (it encodes back to itself). A failing input proptest finds is saved
//! in `proptest-regressions/fuzz.txt` (committed) and replayed first on every later run. No run has
//! failed yet.

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use touchbase::config::Settings;
use touchbase::domain::args::split_args;
use touchbase::domain::dates::{parse_date, within_sensible_years};
use touchbase::domain::dropins::parse_ages;
use touchbase::domain::invite::InviteCode;
use touchbase::domain::people::PersonName;
use touchbase::domain::schedule::{DaySet, LocalWindow, Place};
use touchbase::domain::weekdays::parse_weekday;
use touchbase::telegram::commands::parse_command;
use touchbase::usecase::action::CallbackAction;
use touchbase::usecase::commands::CommandName;

const CALLBACK_KINDS: [&str; 22] = [
    "ans", "apart", "att", "came", "card", "consent", "erase", "evid", "ics", "join", "judge", "lang", "leave", "mwhy",
    "panel", "pick", "rmc", "susp", "talk", "warn", "why", "xfer",
];

/// Any text at all, including control characters, right-to-left marks and lone combining marks.
fn any_text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..max).prop_map(|chars| chars.into_iter().collect())
}

/// Text shaped like callback data: a version, a known kind, then numbers, words or junk.
fn callback_like() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        (0i64..100_000).prop_map(|n| n.to_string()),
        "[a-z]{1,8}",
        any_text(6),
        Just(String::new()),
    ];
    (
        prop_oneof![Just("1".to_owned()), Just("0".to_owned()), "[0-9]{1,3}"],
        proptest::sample::select(CALLBACK_KINDS.to_vec()),
        proptest::collection::vec(part, 0..5),
    )
        .prop_map(|(version, kind, parts)| {
            let mut data = format!("{version}:{kind}");
            for part in parts {
                data.push(':');
                data.push_str(&part);
            }
            data
        })
}

/// Text shaped like a command: a known name, maybe addressed to a bot, then arguments.
fn command_like() -> impl Strategy<Value = String> {
    let names: Vec<&'static str> = CommandName::ALL.iter().map(|c| c.word()).collect();
    (
        proptest::sample::select(names),
        prop_oneof![Just(""), Just("@touchbase_test_bot"), Just("@someone_else_bot"), Just("@")],
        any_text(60),
        proptest::collection::vec("[a-z_]{1,10}=[^ ]{0,12}", 0..4),
    )
        .prop_map(|(name, mention, words, options)| format!("/{name}{mention} {words} {}", options.join(" ")))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2_000,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/fuzz.txt"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn callback_data_never_panics_and_what_is_accepted_encodes_back_to_itself(
        data in prop_oneof![any_text(80), callback_like()]
    ) {
        if let Some(action) = CallbackAction::decode(&data) {
            let encoded = action.encode();
            prop_assert!(encoded.len() <= 64, "{encoded:?} is over Telegram's 64 bytes");
            prop_assert_eq!(CallbackAction::decode(&encoded), Some(action));
        }
    }

    #[test]
    fn commands_never_panic(text in prop_oneof![any_text(300), command_like()]) {
        if let Some(command) = parse_command(&text, "touchbase_test_bot") {
            let _ = format!("{command:?}");
        }
        let _ = split_args(&text);
    }

    #[test]
    fn names_that_are_accepted_are_tidy(text in prop_oneof![any_text(60), "[A-Za-z' -]{0,50}"]) {
        if let Ok(name) = PersonName::parse(&text) {
            let name = name.as_str();
            prop_assert!(!name.is_empty() && name.chars().count() <= PersonName::MAX_CHARS);
            prop_assert_eq!(name.trim(), name);
            prop_assert!(!name.contains("  "));
            prop_assert!(!touchbase::domain::text::has_hidden_characters(name));
        }
    }

    #[test]
    fn dates_times_days_places_and_ages_never_panic(
        text in prop_oneof![any_text(40), "[0-9]{1,4}-[0-9]{1,2}-[0-9]{1,2}", "[0-9]{1,2}:[0-9]{1,2}-[0-9]{1,2}:[0-9]{1,2}", "[0-9]{1,3}-[0-9]{1,3}", "[A-Za-z]{2,9}(-[A-Za-z]{2,9})?(,[A-Za-z]{3})*"]
    ) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let _ = parse_date(&text, today);
        let _ = parse_ages(&text, 10..=17);
        let _ = parse_weekday(&text);
        let _ = DaySet::parse(&text);
        let _ = Place::parse(&text);
        let _ = InviteCode::parse(&text);
        if let Some(window) = LocalWindow::parse(&text) {
            prop_assert_eq!(LocalWindow::parse(&window.to_string()), Some(window));
        }
        if let Some((low, high)) = parse_ages(&text, 10..=17) {
            prop_assert!((10..=17).contains(&low) && (10..=17).contains(&high) && low <= high);
        }
    }

    #[test]
    fn typed_dates_with_signs_and_long_years_are_refused_or_fall_in_the_window(
        text in prop_oneof!["[+-]?[0-9]{1,9}-[0-9]{1,3}-[0-9]{1,3}", "[+-]?[0-9]{4,9}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"]
    ) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        if let Some(date) = parse_date(&text, today) {
            prop_assert!(within_sensible_years(date, today), "{text:?} gave {date}");
            prop_assert_eq!(date.to_string(), text.trim());
        }
    }

    #[test]
    fn settings_never_panic_on_any_value(
        variable in proptest::sample::select(vec![
            "TOUCHBASE_TZ", "TOUCHBASE_REMINDERS", "TOUCHBASE_QUIET_HOURS", "TOUCHBASE_JOIN_LINK_LEAD",
            "TOUCHBASE_FIGURES_CRON", "TOUCHBASE_INVITE_TTL", "TOUCHBASE_RETENTION",
        ]),
        value in prop_oneof![any_text(40), "[0-9]{1,3}[hmd](,[0-9]{1,3}[hmd]){0,3}", "[0-9]{1,2}:[0-9]{2}-[0-9]{1,2}:[0-9]{2}"],
    ) {
        let _ = Settings::from_lookup(|name| match name {
            "TELOXIDE_TOKEN" => Some("123:abc".to_owned()),
            name if name == variable => Some(value.clone()),
            _ => None,
        });
    }
}

/// Every command that takes a date, sent with dates of every odd shape (signed, long, far ahead, long
/// ago, impossible): each is answered, nothing panics or fails, and the bot goes on.
#[tokio::test]
async fn every_command_that_takes_a_date_survives_any_date() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let t = crate::support::app::spawn_app().await;
    let (_, worker, child) = crate::support::app::sam_on_tuesdays(&t).await;
    let strategy = prop_oneof![
        "[+-][0-9]{1,9}-[0-9]{2}-[0-9]{2}",
        "[0-9]{5,9}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9])",
        "(9999|1000|0000|1989|2099)-(0[1-9]|1[0-2]|13|00)-(0[1-9]|1[0-9]|3[0-9]|00)",
        "20[2-3][0-9]-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])",
    ];
    let mut runner = TestRunner::deterministic();
    for n in 0..30 {
        let date = strategy.new_tree(&mut runner).unwrap().current();
        let commands = [
            format!("/dropin title=\"x\" at=\"{date} 10:00\" link=https://x.example"),
            format!("/slot Sam Wed 17:00 from={date}"),
            format!("/skip Sam {date}"),
            format!("/move Sam {date} {date} 16:00"),
            format!("/attended Sam {date}"),
            format!("/missed Sam {date}"),
            format!("/suspend Sam {date} {date} ill"),
            format!("/enrol Kid{n} born={date}"),
            format!("/enrol Kid{n}b order_end={date}"),
            format!("/update Sam born={date}"),
        ];
        for command in commands {
            // A worker typing this fast would be a flood: three seconds apart is not.
            t.clock.advance(chrono::Duration::seconds(3));
            let answers = crate::support::app::say_all(&t, &worker, &command).await;
            assert!(!answers.is_empty(), "{command}: no answer");
            assert!(!answers.iter().any(|a| a.contains("something went wrong")), "{command}: {answers:?}");
        }
    }
    // The child looks at every drop-in that was made: each is checked against Sam's week.
    t.clock.advance(chrono::Duration::seconds(3));
    assert!(!crate::support::app::say(&t, &child, "/dropins").await.contains("something went wrong"));
    assert_eq!(crate::support::app::scalar(&t, "SELECT COUNT(*) FROM set_aside_updates").await, 0);
    // Nothing stored is outside 1990 to five years ahead.
    let stored = [
        "SELECT COUNT(*) FROM dropins WHERE starts_at > 1953000000",
        "SELECT COUNT(*) FROM suspensions WHERE to_date > '2031-12-31' OR from_date < '1990-01-01'",
        "SELECT COUNT(*) FROM children WHERE born < '1990-01-01' OR order_end > '2031-12-31'",
        "SELECT COUNT(*) FROM occurrences WHERE starts_at > 1953000000",
    ];
    for sql in stored {
        assert_eq!(crate::support::app::scalar(&t, sql).await, 0, "{sql}");
    }
    assert!(crate::support::app::say(&t, &worker, "/children").await.contains("Sam"), "and the bot goes on");
}
