//! `/today` and `/week`: a worker's appointments across the caseload, in time order, with each
//! child's answer so far and a button to open the card; a manager sees the whole service by worker.

use crate::support::app::{at, child_card, london, say, spawn_app};

#[tokio::test]
async fn a_worker_sees_the_day_and_the_week_across_the_caseload_with_answers() {
    let t = spawn_app().await;
    // Monday 23 November 2026, 10:00.
    let manager = t.manager(1, "Priya").await;
    let alex = t.staff(&manager, "worker", 2, "Alex").await;
    let bea = t.staff(&manager, "worker", 3, "Bea").await;
    let sam = t.child(&alex, 4, "Sam").await;
    say(&t, &alex, "/enrol Jo").await;
    say(&t, &alex, "/slot Sam Tue 4pm place=office").await;
    say(&t, &alex, "/slot Jo Mon 17:00 place=\"Youth centre\"").await;
    say(&t, &bea, "/enrol Kim").await;
    say(&t, &bea, "/slot Kim Tue 9.30am").await;

    let today = say(&t, &alex, "/today").await;
    assert_eq!(today, "Today, Monday 23 November (1):\n• 17:00 Jo, at Youth centre — no answer yet", "{today}");

    // Sam says yes from /next; the week shows it, day by day, with Jo next Monday not in it.
    say(&t, &sam, "/next").await;
    sam.tap("I'll be there");
    t.settle().await;
    let week = say(&t, &alex, "/week").await;
    assert_eq!(
        week,
        "The next 7 days, from Monday 23 November (2):\n\
         Monday 23 November\n\
         • 17:00 Jo, at Youth centre — no answer yet\n\
         Tuesday 24 November\n\
         • 16:00 Sam, at the office — said: I'll be there",
        "{week}"
    );
    assert!(!week.contains("Kim"), "another worker's child: {week}");

    // A skipped one says so; the card opens from the button under the list.
    say(&t, &alex, "/skip Sam Tue").await;
    let week = say(&t, &alex, "/week").await;
    assert!(week.contains("• 16:00 Sam, at the office — skipped"), "{week}");
    alex.tap("Sam");
    t.settle().await;
    assert!(child_card(&alex).contains("Sam"), "{}", child_card(&alex));
}

#[tokio::test]
async fn a_manager_sees_the_whole_service_by_worker_and_a_host_sees_none() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let alex = t.staff(&manager, "worker", 2, "Alex").await;
    let bea = t.staff(&manager, "worker", 3, "Bea").await;
    say(&t, &alex, "/enrol Sam").await;
    say(&t, &alex, "/slot Sam Tue 16:00").await;
    say(&t, &bea, "/enrol Kim").await;
    say(&t, &bea, "/slot Kim Tue 09:30").await;
    say(&t, &bea, "/slot Kim Mon 18:00").await;

    let today = say(&t, &manager, "/today").await;
    assert_eq!(
        today,
        "The whole service today, Monday 23 November (1):\nBea\n• 18:00 Kim, at the office — no answer yet"
    );
    let week = say(&t, &manager, "/week").await;
    let alex_at = week.find("\nAlex\n").expect(&week);
    let bea_at = week.find("\nBea\n").expect(&week);
    assert!(alex_at < bea_at && week.find("Sam").unwrap() < bea_at && week.find("Kim").unwrap() > bea_at, "{week}");
    assert!(week.starts_with("The whole service, the next 7 days from Monday 23 November (3):"), "{week}");

    let host = t.staff(&manager, "host", 5, "Hana").await;
    assert!(say(&t, &host, "/today").await.contains("can't use that"));
    assert!(say(&t, &host, "/week").await.contains("can't use that"));
    let cara = t.staff(&manager, "worker", 6, "Cara").await;
    assert_eq!(say(&t, &cara, "/today").await, "Nothing is booked for today.");
    assert_eq!(say(&t, &cara, "/week").await, "Nothing is booked for the next 7 days.");
}

#[tokio::test]
async fn the_day_the_clocks_go_back_is_shown_in_local_time_midnight_to_midnight() {
    let t = spawn_app().await;
    // Saturday 30 October 2027; the clocks go back at 02:00 on Sunday 31 October.
    at(&t, london(2027, 10, 30, 12, 0)).await;
    let manager = t.manager(1, "Priya").await;
    let alex = t.staff(&manager, "worker", 2, "Alex").await;
    say(&t, &alex, "/enrol Sam").await;
    say(&t, &alex, "/slot Sam Sun 09:30").await;
    say(&t, &alex, "/enrol Jo").await;
    say(&t, &alex, "/slot Jo Sun 23:30 place=home").await;
    say(&t, &alex, "/enrol Kim").await;
    say(&t, &alex, "/slot Kim Mon 00:15").await;
    at(&t, london(2027, 10, 31, 8, 0)).await;
    let today = say(&t, &alex, "/today").await;
    assert_eq!(
        today,
        "Today, Sunday 31 October (2):\n• 09:30 Sam, at the office — no answer yet\n• 23:30 Jo, at home — no answer yet",
        "{today}"
    );
}
