//! The figures end to end: a hand-built week checked number by number in the CSV, suppression, the
//! relative rate index, the chart as a PNG, and the weekly job at its local time across a clock change.

use crate::support::app::{TestApp, london, say, scalar, spawn_app, spawn_app_with, spawn_paced_app};
use crate::support::fake_telegram::Phone;
use chrono::{TimeZone, Utc};

/// The week of Monday 23 to Sunday 29 November 2026, built by hand:
/// six White girls aged 15, not looked after: all came; three confirmed; three given a warning.
/// three Black boys aged 13, looked after: all missed, each said "I forgot", each given a warning;
/// all three signed up for one drop-in and came.
async fn hand_built_week(t: &TestApp) -> (Phone, Phone) {
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    let host = t.staff(&manager, "host", 3, "Hana").await;
    let mut white = Vec::new();
    for n in 0..6 {
        let options = format!("W{n} born=2011-01-01 sex=female gender=female ethnicity=white looked_after=no");
        white.push(t.child(&worker, 100 + n, &options).await);
        // Half an hour each, one after another: Alex cannot see two children at once.
        say(t, &worker, &format!("/slot W{n} Tue {:02}:{:02} 30", 10 + n / 2, n % 2 * 30)).await;
    }
    let mut black = Vec::new();
    for n in 0..3 {
        let options = format!("B{n} born=2013-01-01 sex=male gender=male ethnicity=black looked_after=yes");
        black.push(t.child(&worker, 200 + n, &options).await);
        say(t, &worker, &format!("/slot B{n} Tue 14:{:02} 20", n * 20)).await;
    }
    for child in &white[..3] {
        say(t, child, "/next").await;
        child.tap("I'll be there");
    }
    say(t, &host, "/dropin title=\"Games\" at=\"2026-11-26 18:00\" link=https://zoom.example/j/1").await;
    for child in &black {
        say(t, child, "/dropins").await;
        child.tap("Sign up");
    }
    t.settle().await;
    t.clock.set(london(2026, 11, 24, 17, 0));
    t.settle().await;
    for n in 0..6 {
        say(t, &worker, &format!("/attended W{n} 2026-11-24")).await;
    }
    for (n, child) in black.iter().enumerate() {
        say(t, &worker, &format!("/missed B{n} 2026-11-24")).await;
        child.tap("I forgot");
        t.settle().await;
    }
    for name in ["W0", "W1", "W2", "B0", "B1", "B2"] {
        say(t, &worker, &format!("/warn {name} test week")).await;
        worker.tap("Yes, give the warning");
        t.settle().await;
    }
    t.clock.set(london(2026, 11, 26, 18, 10));
    t.settle().await;
    say(t, &host, "/roster 1").await;
    for n in 0..3 {
        host.tap(&format!("B{n}: came?"));
        t.settle().await;
    }
    (manager, worker)
}

fn csv_of(phone: &Phone) -> String {
    let document = phone.new_documents().into_iter().rev().find(|d| d.file_name.ends_with(".csv")).expect("a CSV");
    String::from_utf8(document.bytes).unwrap()
}

#[tokio::test]
async fn every_number_of_a_hand_built_week() {
    let t = spawn_app().await;
    let (manager, _) = hand_built_week(&t).await;
    t.clock.set(london(2026, 11, 30, 8, 0));
    t.settle().await;
    let headline = say(&t, &manager, "/figures").await;
    let headline = manager.news_texts().into_iter().rev().find(|m| m.starts_with("Figures for")).unwrap_or(headline);
    assert_eq!(
        headline,
        "Figures for 2026-11-23 to 2026-11-29\n\
         Children: 9. Appointments: 9 (confirmed: 3).\n\
         Came: 6. Late: 0. Missed: 3. Not reached: 0.\n\
         Warnings: 6. Panel referrals: 0. Drop-ins held: fewer than 3.\n\
         On texts: 0 children. Texts sent: 0 (0 parts).\n\
         Flagged (relative rate index 1.25 or more):\n\
         • Given a warning: Black children, 2.00 times as often as White children\n\
         • Given a warning: looked-after children, 2.00 times as often as children not looked after"
    );
    let csv = csv_of(&manager);
    let expected = "\"summary,2026-11-23 to 2026-11-29\"\r\n\
service,children,appointments,confirmed,attended,late,missed,not_reached,warnings,children_warned,panel_referrals,children_referred,dropin_signups,dropin_attended\r\n\
all,9,9,3,6,0,3,0,6,6,0,0,3,3\r\n\
\r\n\
by_ethnicity\r\n\
ethnicity,children,appointments,confirmed,attended,late,missed,not_reached,warnings,children_warned,panel_referrals,children_referred,dropin_signups,dropin_attended\r\n\
black,3,3,0,0,0,3,0,3,3,0,0,3,3\r\n\
white,6,6,3,6,0,0,0,3,3,0,0,0,0\r\n\
\r\n\
by_gender\r\n\
gender,children,appointments,confirmed,attended,late,missed,not_reached,warnings,children_warned,panel_referrals,children_referred,dropin_signups,dropin_attended\r\n\
female,6,6,3,6,0,0,0,3,3,0,0,0,0\r\n\
male,3,3,0,0,0,3,0,3,3,0,0,3,3\r\n\
\r\n\
by_age_band\r\n\
age_band,children,appointments,confirmed,attended,late,missed,not_reached,warnings,children_warned,panel_referrals,children_referred,dropin_signups,dropin_attended\r\n\
10-14,3,3,0,0,0,3,0,3,3,0,0,3,3\r\n\
15-17,6,6,3,6,0,0,0,3,3,0,0,0,0\r\n\
\r\n\
by_looked_after\r\n\
looked_after,children,appointments,confirmed,attended,late,missed,not_reached,warnings,children_warned,panel_referrals,children_referred,dropin_signups,dropin_attended\r\n\
no,6,6,3,6,0,0,0,3,3,0,0,0,0\r\n\
yes,3,3,0,0,0,3,0,3,3,0,0,3,3\r\n\
\r\n\
by_worker\r\n\
worker,children,appointments,confirmed,attended,late,missed,not_reached,warnings,children_warned,panel_referrals,children_referred,dropin_signups,dropin_attended\r\n\
Alex,9,9,3,6,0,3,0,6,6,0,0,3,3\r\n\
\r\n\
\"disproportionality,ethnicity,warnings,reference=white\"\r\n\
ethnicity,children,caseload_share_percent,count,base,share_of_count_percent,rate,relative_rate_index,flag\r\n\
black,3,33.33,3,3,50.00,1.00,2.00,high\r\n\
white,6,66.67,3,6,50.00,0.50,reference,\r\n\
\r\n\
\"disproportionality,ethnicity,panel_referrals,reference=white\"\r\n\
ethnicity,children,caseload_share_percent,count,base,share_of_count_percent,rate,relative_rate_index,flag\r\n\
black,3,33.33,0,3,-,0.00,-,\r\n\
white,6,66.67,0,6,-,0.00,reference,\r\n\
\r\n\
\"disproportionality,ethnicity,missed,reference=white\"\r\n\
ethnicity,children,caseload_share_percent,count,base,share_of_count_percent,rate,relative_rate_index,flag\r\n\
black,3,33.33,3,3,100.00,1.00,-,\r\n\
white,6,66.67,0,6,0.00,0.00,reference,\r\n\
\r\n\
\"disproportionality,looked_after,warnings,reference=no\"\r\n\
looked_after,children,caseload_share_percent,count,base,share_of_count_percent,rate,relative_rate_index,flag\r\n\
no,6,66.67,3,6,50.00,0.50,reference,\r\n\
yes,3,33.33,3,3,50.00,1.00,2.00,high\r\n\
\r\n\
\"disproportionality,looked_after,panel_referrals,reference=no\"\r\n\
looked_after,children,caseload_share_percent,count,base,share_of_count_percent,rate,relative_rate_index,flag\r\n\
no,6,66.67,0,6,-,0.00,reference,\r\n\
yes,3,33.33,0,3,-,0.00,-,\r\n\
\r\n\
\"disproportionality,looked_after,missed,reference=no\"\r\n\
looked_after,children,caseload_share_percent,count,base,share_of_count_percent,rate,relative_rate_index,flag\r\n\
no,6,66.67,0,6,0.00,0.00,reference,\r\n\
yes,3,33.33,3,3,100.00,1.00,-,\r\n\
\r\n\
reasons_given\r\n\
reason,count\r\n\
forgot,3\r\n\
\r\n\
panel_outcomes\r\n\
outcome,count\r\n\
\r\n\
dropins\r\n\
held,signups,attended\r\n\
fewer than 3,3,3\r\n";
    assert_eq!(csv, expected);
    let photo = manager.new_documents().into_iter().rev().find(|d| d.file_name.ends_with(".png")).expect("the chart");
    let reader = png::Decoder::new(std::io::Cursor::new(photo.bytes)).read_info().expect("the chart decodes as PNG");
    assert!(reader.info().width >= 640, "wide enough to read on a phone");
    assert_eq!(photo.caption.as_deref(), Some("Attendance and warnings by ethnicity."));
}

#[tokio::test]
async fn one_or_two_children_are_never_shown_as_a_number() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    t.child(&worker, 100, "Gus ethnicity=gypsy-roma-traveller").await;
    for n in 0..3 {
        t.child(&worker, 110 + n, &format!("W{n} ethnicity=white")).await;
    }
    say(&t, &worker, "/slot Gus Tue 16:00").await;
    t.clock.set(london(2026, 11, 24, 17, 0));
    t.settle().await;
    say(&t, &worker, "/missed Gus").await;
    t.clock.set(london(2026, 11, 30, 8, 0));
    t.settle().await;
    say(&t, &manager, "/figures").await;
    let csv = csv_of(&manager);
    let row = |group: &str, marker: &str, n: usize| format!("\r\n{group},{}\r\n", vec![marker; n].join(","));
    // Gus alone is hidden; so is the next smallest group, or the total less the rest would give him away.
    assert!(csv.contains(&row("gypsy-roma-traveller", "fewer than 3", 13)), "{csv}");
    assert!(csv.contains(&row("white", "withheld", 13)), "{csv}");
    assert!(csv.contains(&row("gypsy-roma-traveller", "fewer than 3", 8)), "{csv}");
    assert!(csv.contains(&row("white", "withheld", 8)), "{csv}");
    assert!(!csv.lines().any(|l| l.starts_with("gypsy-roma-traveller,1")), "{csv}");
    let headline = manager.news_texts().into_iter().rev().find(|m| m.starts_with("Figures for")).unwrap();
    assert!(headline.contains("Missed: fewer than 3."), "{headline}");
}

/// Paced as shipped, against a fake that keeps Telegram's limits: no 429 anywhere.
#[tokio::test]
async fn the_weekly_figures_come_at_nine_local_time_across_the_clock_change() {
    let t = spawn_paced_app().await;
    let manager = t.manager(1, "Priya").await;
    let figures = |m: &Phone| m.texts().iter().filter(|x| x.starts_with("Figures for")).count();
    t.clock.set(london(2026, 11, 30, 8, 59));
    t.settle().await;
    assert_eq!(figures(&manager), 0);
    t.clock.set(london(2026, 11, 30, 9, 0));
    t.settle().await;
    assert_eq!(figures(&manager), 1, "Monday 09:00 GMT");
    assert!(manager.last_text().starts_with("Figures for"), "{:?}", manager.news_texts());
    assert_eq!(manager.new_documents().len(), 2, "the CSV and the chart");
    // The week the clocks go forward (Sunday 28 March 2027): the next Monday's 09:00 is BST, 08:00 UTC.
    t.clock.set(Utc.with_ymd_and_hms(2027, 3, 22, 9, 0, 0).unwrap());
    t.settle().await;
    let before = figures(&manager);
    t.clock.set(Utc.with_ymd_and_hms(2027, 3, 29, 7, 59, 0).unwrap());
    t.settle().await;
    assert_eq!(figures(&manager), before);
    t.clock.set(Utc.with_ymd_and_hms(2027, 3, 29, 8, 0, 0).unwrap());
    t.settle().await;
    assert_eq!(figures(&manager), before + 1, "09:00 BST");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM jobs WHERE kind = 'figures' AND state = 'pending'").await, 1);
}

#[tokio::test]
async fn only_managers_get_figures() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    assert!(say(&t, &worker, "/figures").await.contains("can't use that"));
    assert!(say(&t, &manager, "/figures weeks=0").await.contains("1-104"));
    assert!(say(&t, &manager, "/figures weeks=4").await.starts_with("Figures for 2026-10-26 to 2026-11-22"));
}

#[tokio::test]
async fn a_changed_figures_time_moves_the_waiting_run_at_the_next_start() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let figures = |m: &Phone| m.texts().iter().filter(|x| x.starts_with("Figures for")).count();
    let waiting = "SELECT due_at FROM jobs WHERE kind = 'figures' AND state = 'pending'";
    assert_eq!(scalar(&t, waiting).await, london(2026, 11, 30, 9, 0).timestamp(), "Monday 09:00 by default");
    // On Monday 23 November the operator moves it to Tuesdays at 07:30 and restarts.
    let t = t.restart_with(&[("TOUCHBASE_FIGURES_CRON", "0 30 7 * * Tue")]).await;
    assert_eq!(scalar(&t, waiting).await, london(2026, 11, 24, 7, 30).timestamp(), "moved to the new time");
    t.clock.set(london(2026, 11, 24, 7, 29));
    t.settle().await;
    assert_eq!(figures(&manager), 0);
    t.clock.set(london(2026, 11, 24, 7, 30));
    t.settle().await;
    assert_eq!(figures(&manager), 1, "Tuesday 07:30");
    t.clock.set(london(2026, 11, 30, 9, 0));
    t.settle().await;
    assert_eq!(figures(&manager), 1, "not on Monday any more");
    assert_eq!(scalar(&t, waiting).await, london(2026, 12, 1, 7, 30).timestamp(), "next Tuesday");
}

#[tokio::test]
async fn a_figures_time_the_clocks_skip_goes_an_hour_later_and_one_they_repeat_goes_once() {
    let t = spawn_app_with(&[("TOUCHBASE_FIGURES_CRON", "0 30 1 * * Sun")]).await;
    let manager = t.manager(1, "Priya").await;
    let figures = |m: &Phone| m.texts().iter().filter(|x| x.starts_with("Figures for")).count();
    // Sunday 28 March 2027: 01:30 never comes (01:00 GMT is 02:00 BST). It goes at 02:30 BST.
    t.clock.set(Utc.with_ymd_and_hms(2027, 3, 27, 12, 0, 0).unwrap());
    t.settle().await;
    let before = figures(&manager);
    t.clock.set(Utc.with_ymd_and_hms(2027, 3, 28, 1, 29, 0).unwrap());
    t.settle().await;
    assert_eq!(figures(&manager), before);
    t.clock.set(Utc.with_ymd_and_hms(2027, 3, 28, 1, 30, 0).unwrap());
    t.settle().await;
    assert_eq!(figures(&manager), before + 1, "02:30 BST: the missing half hour moved forward an hour");
    // Sunday 31 October 2027: 01:30 comes twice (BST, then GMT). It goes at the first, and only then.
    t.clock.set(Utc.with_ymd_and_hms(2027, 10, 30, 12, 0, 0).unwrap());
    t.settle().await;
    let before = figures(&manager);
    t.clock.set(Utc.with_ymd_and_hms(2027, 10, 31, 0, 29, 0).unwrap());
    t.settle().await;
    assert_eq!(figures(&manager), before);
    t.clock.set(Utc.with_ymd_and_hms(2027, 10, 31, 0, 30, 0).unwrap());
    t.settle().await;
    assert_eq!(figures(&manager), before + 1, "01:30 BST, the first of the two");
    t.clock.set(Utc.with_ymd_and_hms(2027, 10, 31, 1, 30, 0).unwrap());
    t.settle().await;
    assert_eq!(figures(&manager), before + 1, "not again at 01:30 GMT");
}

#[tokio::test]
async fn the_figures_job_failing_for_good_tells_the_managers() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    crate::support::breakage::fail_jobs_of_kind(t.app.store(), "figures").await;
    t.clock.set(london(2026, 11, 30, 9, 0));
    t.settle().await;
    assert!(manager.news().is_empty(), "a failed try is retried quietly");
    // Eight tries with growing gaps (5 s doubling): well within the hour.
    for _ in 0..12 {
        t.clock.advance(chrono::Duration::minutes(10));
        t.settle().await;
    }
    let told: Vec<String> = manager.texts().into_iter().filter(|m| m.contains("job after many tries")).collect();
    assert_eq!(
        told,
        [
            "Touchbase could not do its \"figures\" job after many tries. Please ask whoever runs the bot to look at its log."
        ]
    );
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM jobs WHERE kind = 'figures' AND state = 'failed' AND attempts = 8").await,
        1
    );
    assert!(!manager.texts().iter().any(|m| m.starts_with("Figures for")));
}
