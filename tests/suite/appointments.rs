//! Weekly appointments end to end: commitments, clashes, kept-apart children, skips, moves, /next,
//! calendars and clock changes. The test clock starts on Monday 23 November 2026, 10:00 GMT.

use crate::support::app::{TestApp, say, scalar, spawn_app, spawn_paced_app};
use crate::support::fake_telegram::Phone;
use chrono::{Duration, TimeZone, Utc};

async fn worker_with_child(t: &TestApp, enrol: &str) -> (Phone, Phone, Phone) {
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    let child = t.child(&worker, 3, enrol).await;
    (manager, worker, child)
}

/// Paced as shipped, against a fake that keeps Telegram's limits: no 429 anywhere.
#[tokio::test]
async fn a_worker_sets_up_a_week_around_school_and_curfew_and_the_child_sees_the_right_times() {
    let t = spawn_paced_app().await;
    let (_, worker, child) = worker_with_child(&t, "Sam order_end=2027-06-30").await;

    let reply = say(&t, &worker, "/commitment Sam Mon-Fri 08:45-15:15 school").await;
    assert!(reply.contains("Recorded for Sam: school, Mon-Fri 08:45-15:15"), "{reply}");
    say(&t, &worker, "/commitment Sam daily 19:00-07:00 curfew").await;

    let refused = say(&t, &worker, "/slot Sam Mon 12:00").await;
    assert!(
        refused.contains("Not booked") && refused.contains("clashes with school, Mon-Fri 08:45-15:15"),
        "{refused}"
    );
    let refused = say(&t, &worker, "/slot Sam Mon 18:30").await;
    assert!(refused.contains("clashes with curfew, daily 19:00-07:00"), "{refused}");
    let before = child.texts().len();

    let booked = say(&t, &worker, "/slot Sam Mon 16:00 place=office").await;
    assert!(booked.contains("Booked: Sam, every Monday at 16:00 for 60 minutes, at the office"), "{booked}");
    assert!(booked.contains("until 2027-06-30") && booked.contains("Next: Monday 2026-11-23 16:00"), "{booked}");
    assert_eq!(child.texts().len(), before + 1, "refused slots told the child nothing");
    assert_eq!(child.last_text(), "You will meet your worker every Monday at 4pm, at the office.");

    let skipped = say(&t, &worker, "/skip Sam 2026-12-28 bank holiday").await;
    assert!(skipped.contains("Skipped Sam's appointment on Monday 2026-12-28 16:00"), "{skipped}");
    assert_eq!(
        child.last_text(),
        "There is no meeting on Monday 28 December. Your worker will see you the week after."
    );

    let moved = say(&t, &worker, "/move Sam 2026-12-07 2026-12-08 16:30").await;
    assert!(moved.contains("from Monday 2026-12-07 16:00 to Tuesday 2026-12-08 16:30"), "{moved}");
    assert_eq!(
        child.last_text(),
        "Your meeting on Monday 7 December has moved. It is now Tuesday 8 December, 4:30pm, at the office."
    );

    assert_eq!(say(&t, &child, "/next").await, "Your next meeting is Monday 23 November, 4pm, at the office.");
    t.clock.set(Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap());
    assert_eq!(say(&t, &child, "/next").await, "Your next meeting is Tuesday 8 December, 4:30pm, at the office.");
    t.clock.set(Utc.with_ymd_and_hms(2026, 12, 22, 9, 0, 0).unwrap());
    assert_eq!(
        say(&t, &child, "/next").await,
        "Your next meeting is Monday 4 January, 4pm, at the office.",
        "the bank holiday is skipped"
    );

    worker.send_text("/child Sam");
    t.settle().await;
    let texts = worker.news_texts();
    let appointments =
        texts.iter().rev().find(|t| t.contains("\nWeekly appointments (1)")).expect("appointments in /child");
    assert!(appointments.contains("every Monday 16:00, 60 minutes, at the office"), "{appointments}");
    assert!(appointments.contains("Monday 2027-01-04 16:00, at the office (on), no answer yet"), "{appointments}");
    let commitments = commitments_card(&worker);
    assert!(
        commitments.text.contains("school: Mon-Fri 08:45-15:15")
            && commitments.text.contains("curfew: daily 19:00-07:00")
    );
    // The card's own two rows (Move, Skip, Record; Calendar, Carers, Export), then one per commitment.
    assert_eq!(commitments.buttons.len(), 2 + 2, "one remove button per commitment");
}

#[tokio::test]
async fn sixteen_hundred_stays_sixteen_hundred_across_both_clock_changes() {
    let t = spawn_app().await;
    let (_, worker, child) = worker_with_child(&t, "Sam").await;
    say(&t, &worker, "/slot Sam Sun 10:00 from=2027-03-21").await;
    let ics = calendar_of(&t, &worker, "Sam").await;
    assert!(ics.contains("DTSTART;TZID=Europe/London:20271031T100000"), "{ics}");
    assert!(ics.contains("DTSTART;TZID=Europe/London:20270328T100000"));
    for (now, expected) in [
        ((2027, 3, 22), "Sunday 28 March, 10am"),
        ((2027, 3, 29), "Sunday 4 April, 10am"),
        ((2027, 10, 25), "Sunday 31 October, 10am"),
        ((2027, 11, 1), "Sunday 7 November, 10am"),
    ] {
        t.clock.set(Utc.with_ymd_and_hms(now.0, now.1, now.2, 9, 0, 0).unwrap());
        let next = say(&t, &child, "/next").await;
        assert!(next.contains(expected), "{now:?}: {next}");
    }
}

/// The part of `/child` that lists commitments, with their remove buttons.
fn commitments_card(worker: &Phone) -> crate::support::fake_telegram::ChatMessage {
    worker.messages().into_iter().rev().find(|m| m.text.contains("'s commitments:")).expect("commitments in /child")
}

async fn count(t: &TestApp, state: &str) -> i64 {
    let mut conn = t.app.store().connection().await.unwrap();
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM occurrences WHERE state = $1")
        .bind(state)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    n
}

async fn calendar_of(t: &TestApp, worker: &Phone, name: &str) -> String {
    worker.send_text(&format!("/calendar {name}"));
    t.settle().await;
    let document = worker.new_documents().pop().expect("a calendar document");
    assert!(document.file_name.ends_with(".ics"));
    String::from_utf8(document.bytes).unwrap()
}

#[tokio::test]
async fn a_spring_forward_gap_and_an_autumn_overlap_are_ordinary_days() {
    let t = spawn_app().await;
    let (_, worker, child) = worker_with_child(&t, "Sam").await;
    say(&t, &worker, "/slot Sam Sun 01:30 30 place=phone from=2027-03-20").await;
    t.clock.set(Utc.with_ymd_and_hms(2027, 3, 27, 9, 0, 0).unwrap());
    assert!(
        say(&t, &child, "/next").await.contains("Sunday 28 March, 2:30am"),
        "01:30 does not exist: moved by the gap"
    );
    t.clock.set(Utc.with_ymd_and_hms(2027, 10, 30, 9, 0, 0).unwrap());
    assert!(say(&t, &child, "/next").await.contains("Sunday 31 October, 1:30am"));
    let ics = calendar_of(&t, &worker, "Sam").await;
    assert!(ics.contains("20271031T003000Z") || ics.contains("TZID=Europe/London:20271031T013000"), "{ics}");
}

#[tokio::test]
async fn own_slots_cannot_overlap_unless_overridden_and_the_override_is_recorded() {
    let t = spawn_app().await;
    let (_, worker, _child) = worker_with_child(&t, "Sam").await;
    say(&t, &worker, "/slot Sam Thu 16:00").await;
    let refused = say(&t, &worker, "/slot Sam Thu 16:30 30 place=phone").await;
    assert!(refused.contains("clashes with Sam's Thursday 16:00 appointment"), "{refused}");
    let booked = say(&t, &worker, "/slot Sam Thu 16:30 30 place=phone override=\"only time the family can do\"").await;
    assert!(booked.contains("Booked: Sam, every Thursday at 16:30"), "{booked}");
    let texts = worker.texts();
    assert!(
        texts.iter().any(|t| t.contains("Booked despite") && t.contains("only time the family can do")),
        "{texts:?}"
    );
    let mut conn = t.app.store().connection().await.unwrap();
    let (clash, reason): (String, String) =
        sqlx::query_as("SELECT clash, reason FROM clash_overrides").fetch_one(&mut *conn).await.unwrap();
    assert_eq!((clash.as_str(), reason.as_str()), ("own slot: Thu 16:00", "only time the family can do"));
}

#[tokio::test]
async fn kept_apart_children_never_meet_and_are_never_told() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let alex = t.staff(&manager, "worker", 2, "Alex").await;
    let bea = t.staff(&manager, "worker", 3, "Bea").await;
    let sam = t.child(&alex, 10, "Sam").await;
    let jo = t.child(&bea, 11, "Jo").await;
    say(&t, &alex, "/slot Sam Tue 16:00 place=office").await;

    let done = say(&t, &bea, "/apart Jo Sam").await;
    assert!(done.contains("Jo and Sam will never be booked"), "{done}");
    assert!(
        alex.last_text().contains("Sam must now be kept apart from Jo"),
        "Sam's worker is told: {}",
        alex.last_text()
    );
    let (sam_seen, jo_seen) = (sam.texts().len(), jo.texts().len());

    let refused = say(&t, &bea, "/slot Jo Tue 17:15 place=Office").await;
    assert!(refused.contains("clashes with a kept-apart child's appointment at the same place"), "{refused}");
    assert!(!refused.contains("Sam"), "the other child is not named: {refused}");
    assert!(say(&t, &bea, "/slot Jo Tue 17:30 place=office").await.contains("Booked"), "half an hour later is fine");
    assert!(say(&t, &bea, "/slot Jo Wed 16:00 place=phone").await.contains("Booked"), "calls meet nobody");
    let refused = say(&t, &alex, "/move Sam 2026-11-24 2026-11-24 17:45").await;
    assert!(refused.contains("kept-apart child"), "{refused}");

    assert_eq!(sam.texts().len(), sam_seen, "Sam was told nothing");
    assert_eq!(jo.texts().len(), jo_seen + 2, "Jo only heard of their own bookings");
    for text in sam.texts().iter().chain(jo.texts().iter()) {
        assert!(!text.contains("apart") && !text.contains("Sam") || text.starts_with("Hi Sam"), "{text}");
    }
    assert!(say(&t, &bea, "/apart Jo Sam").await.contains("already kept apart"));
    assert!(say(&t, &bea, "/apart Jo Jo").await.contains("cannot be kept apart from themselves"));
    assert!(say(&t, &bea, "/apart Jo Nobody").await.contains("no child called Nobody"));
    assert!(say(&t, &bea, "/apart Jo").await.ends_with("Which other child? Tap one, or type their name."));
    assert!(say(&t, &bea, "/apart Sam Jo").await.contains("no child called Sam on your caseload"));
}

#[tokio::test]
async fn apart_asks_which_child_when_a_name_is_shared() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let alex = t.staff(&manager, "worker", 2, "Alex").await;
    let bea = t.staff(&manager, "worker", 3, "Bea").await;
    let cal = t.staff(&manager, "worker", 4, "Cal").await;
    say(&t, &alex, "/enrol Sam").await;
    say(&t, &bea, "/enrol Sam").await;
    say(&t, &cal, "/enrol Jo").await;
    assert!(say(&t, &cal, "/apart Jo Sam").await.contains("Which one?"));
    cal.tap("Sam (Bea)");
    t.settle().await;
    assert!(cal.last_text().contains("Jo and Sam will never be booked"), "{}", cal.last_text());
    assert!(bea.last_text().contains("Sam must now be kept apart from Jo"), "{}", bea.last_text());
    assert!(alex.news().is_empty(), "Alex's Sam is not involved: {:?}", alex.news_texts());
}

#[tokio::test]
async fn commitments_refuse_bad_input_and_other_roles_and_can_be_removed_by_button() {
    let t = spawn_app().await;
    let (manager, worker, child) = worker_with_child(&t, "Sam").await;
    for (command, expected) in [
        // Pieces not given are asked for, one at a time (see tests/suite/flows.rs).
        ("/commitment", "Which child?"),
        ("/commitment Sam", "Which days?"),
        ("/commitment Sam Mon-Fri 08:45-15:15", "What is it?"),
        ("/commitment Sam Funday 08:45-15:15 school", "Use: /commitment"),
        ("/commitment Sam Mon 25:00-26:00 school", "Use: /commitment"),
        ("/commitment Jo Mon 09:00-10:00 school", "no child called Jo"),
        (&format!("/commitment Sam Mon 09:00-10:00 {}", "x".repeat(41)), "up to 40 characters"),
    ] {
        assert!(say(&t, &worker, command).await.contains(expected), "{command}: {}", worker.last_text());
    }
    assert!(say(&t, &child, "/commitment Sam Mon 09:00-10:00 school").await.contains("can't use that"));
    let host = t.staff(&manager, "host", 5, "Hana").await;
    assert!(say(&t, &host, "/commitment Sam Mon 09:00-10:00 school").await.contains("can't use that"));

    say(&t, &worker, "/commitment Sam Mon-Fri 08:45-15:15 school").await;
    assert!(say(&t, &worker, "/slot Sam Tue 12:00").await.contains("clashes with school"));
    worker.send_text("/child Sam");
    t.settle().await;
    let card = commitments_card(&worker);
    let data = card.buttons[0][0].callback_data.clone().unwrap();

    // Another worker forging the same button in their own chat changes nothing.
    let bea = t.staff(&manager, "worker", 6, "Bea").await;
    let own = bea.messages().last().unwrap().message_id;
    bea.tap_data(own, &data);
    t.settle().await;
    assert!(bea.callback_answers().pop().unwrap().text.unwrap_or_default().contains("does not work"));
    assert!(say(&t, &worker, "/slot Sam Tue 12:00").await.contains("clashes with school"), "still there");

    worker.tap("Remove school");
    t.settle().await;
    assert!(worker.last_text().contains("Removed school (Mon-Fri 08:45-15:15) for Sam"), "{}", worker.last_text());
    assert!(say(&t, &worker, "/slot Sam Tue 12:00").await.contains("Booked"));
}

#[tokio::test]
async fn slots_refuse_bad_input_and_other_roles() {
    let t = spawn_app().await;
    let (manager, worker, child) = worker_with_child(&t, "Sam order_end=2027-01-31").await;
    for (command, expected) in [
        ("/slot", "Which child?"),
        ("/slot Sam", "Which day of the week?"),
        ("/slot Sam Tue", "no child called Sam Tue"),
        ("/slot Sam Tue 25:00", "I can't read 25:00 as a time"),
        ("/slot Sam Someday 16:00", "Use: /slot"),
        ("/slot Sam Tue 16:00 5", "15 to 480 minutes"),
        ("/slot Sam Tue 16:00 lots", "15 to 480 minutes"),
        ("/slot Sam Tue 16:00 60 90", "Use: /slot"),
        ("/slot Sam Tue 16:00 from=2026-11-01", "has passed"),
        ("/slot Sam Tue 16:00 from=2027-02-01", "after Sam's order ends (2027-01-31)"),
        ("/slot Sam Tue 16:00 from=someday", "I can't read someday as a date"),
        ("/slot Sam Tue 16:00 colour=red", "don't know the option colour"),
        (&format!("/slot Sam Tue 16:00 place=\"{}\"", "x".repeat(61)), "up to 60 characters"),
        ("/slot Jo Tue 16:00", "no child called Jo"),
    ] {
        assert!(say(&t, &worker, command).await.contains(expected), "{command}: {}", worker.last_text());
    }
    assert!(say(&t, &child, "/slot Sam Tue 16:00").await.contains("can't use that"));
    let host = t.staff(&manager, "host", 5, "Hana").await;
    assert!(say(&t, &host, "/slot Sam Tue 16:00").await.contains("can't use that"));
    let mut conn = t.app.store().connection().await.unwrap();
    let (slots,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM slots").fetch_one(&mut *conn).await.unwrap();
    assert_eq!(slots, 0, "nothing was booked");
}

#[tokio::test]
async fn a_slot_runs_to_the_order_end_and_follows_it_when_it_changes() {
    let t = spawn_app().await;
    let (_, worker, child) = worker_with_child(&t, "Sam order_end=2026-12-15").await;
    say(&t, &worker, "/slot Sam Mon 16:00").await;
    assert_eq!(count(&t, "scheduled").await, 4, "23 and 30 Nov, 7 and 14 Dec");
    say(&t, &worker, "/update Sam order_end=2026-12-01").await;
    assert_eq!((count(&t, "scheduled").await, count(&t, "cancelled").await), (2, 2));
    say(&t, &worker, "/update Sam order_end=2027-01-04").await;
    assert_eq!(count(&t, "scheduled").await, 7, "extended again to 4 January");
    t.clock.set(Utc.with_ymd_and_hms(2027, 1, 5, 9, 0, 0).unwrap());
    assert_eq!(say(&t, &child, "/next").await, "You have no meetings booked right now.");
}

#[tokio::test]
async fn ending_a_slot_cancels_what_is_to_come_and_keeps_the_past() {
    let t = spawn_app().await;
    let (_, worker, child) = worker_with_child(&t, "Sam").await;
    say(&t, &worker, "/slot Sam Mon 11:00").await;
    t.clock.advance(Duration::days(14));
    t.settle().await;
    let ended = say(&t, &worker, "/endslot Sam Mon 11:00").await;
    assert!(ended.contains("Sam's Monday 11:00 appointments have ended"), "{ended}");
    assert_eq!(child.last_text(), "Your Monday meetings at 11am have stopped.");
    let mut conn = t.app.store().connection().await.unwrap();
    let (past,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM occurrences WHERE state = 'scheduled'")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(past, 2, "the two that happened stay as they were");
    assert!(say(&t, &worker, "/endslot Sam Mon 11:00").await.contains("has no Monday 11:00 appointment"));
    assert_eq!(say(&t, &worker, "/endslot Sam").await, "Sam has no weekly appointments.");
    assert_eq!(say(&t, &child, "/next").await, "You have no meetings booked right now.");
}

#[tokio::test]
async fn skip_and_move_refuse_what_cannot_be_done() {
    let t = spawn_app().await;
    let (_, worker, child) = worker_with_child(&t, "Sam order_end=2027-06-30").await;
    say(&t, &worker, "/commitment Sam Mon-Fri 08:45-15:15 school").await;
    say(&t, &worker, "/slot Sam Mon 16:00").await;
    for (command, expected) in [
        ("/skip Sam", "Which appointment?"),
        ("/skip Sam 2026-11-24", "Sam has no appointment on 2026-11-24"),
        ("/skip Jo 2026-11-30", "no child called Jo"),
        ("/move Sam 2026-11-30", "Use: /move"),
        ("/move Sam 2026-11-30 2026-12-01", "Use: /move"),
        ("/move Sam 2026-11-24 2026-11-25 16:00", "no appointment on 2026-11-24"),
        ("/move Sam 2026-11-30 2026-12-01 12:00", "clashes with school"),
        ("/move Sam 2026-11-30 2026-11-20 16:00", "has passed"),
        ("/move Sam 2026-11-30 2027-07-01 16:00", "after Sam's order ends"),
    ] {
        assert!(say(&t, &worker, command).await.contains(expected), "{command}: {}", worker.last_text());
    }
    t.clock.set(Utc.with_ymd_and_hms(2026, 11, 23, 16, 30, 0).unwrap());
    assert!(say(&t, &worker, "/skip Sam today").await.contains("has already started"));
    assert!(say(&t, &child, "/skip Sam 2026-11-30").await.contains("can't use that"));
    let moved = say(&t, &worker, "/move Sam 2026-11-30 2026-12-01 12:00 override=\"exam week, school agreed\"").await;
    assert!(moved.contains("Moved Sam's appointment"), "{moved}");
}

#[tokio::test]
async fn the_caseload_shows_each_childs_next_appointment() {
    let t = spawn_app().await;
    let (_, worker, _) = worker_with_child(&t, "Sam").await;
    say(&t, &worker, "/enrol Jo").await;
    say(&t, &worker, "/slot Sam Wed 17:00").await;
    let list = say(&t, &worker, "/children").await;
    assert!(list.contains("Sam: joined. Next: Wednesday 2026-11-25 17:00"), "{list}");
    assert!(list.contains("Jo: invited, link open until 2026-11-30 10:00. Next: none booked"), "{list}");
}

#[tokio::test]
async fn a_child_gets_their_calendar_from_next_and_in_welsh_too() {
    let t = spawn_app().await;
    let (_, worker, child) = worker_with_child(&t, "Sam lang=cy").await;
    say(&t, &worker, "/slot Sam Fri 16:00 place=\"Youth centre\"").await;
    child.send_text("/next");
    t.settle().await;
    let next = child.last_message();
    assert!(!next.text.contains("Your next meeting"), "Welsh: {}", next.text);
    assert!(next.text.contains("Youth centre"));
    child.tap(&next.buttons.last().unwrap()[0].text);
    t.settle().await;
    let document = child.new_documents().pop().expect("a calendar file");
    let ics = String::from_utf8(document.bytes).unwrap();
    assert!(ics.contains("BEGIN:VCALENDAR") && ics.contains("DTSTART;TZID=Europe/London:20261127T160000"), "{ics}");
    assert!(ics.contains("LOCATION:Youth centre"));
    assert_eq!(child.callback_answers().len(), 1);
    // A worker's forged calendar button does nothing for them.
    let own = worker.messages().last().unwrap().message_id;
    worker.tap_data(own, "1:ics");
    t.settle().await;
    assert!(worker.documents().is_empty());
    assert!(say(&t, &worker, "/next").await.contains("can't use that"));
}

#[tokio::test]
async fn keeping_apart_two_children_already_booked_together_warns_both_workers() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let alex = t.staff(&manager, "worker", 2, "Alex").await;
    let bea = t.staff(&manager, "worker", 3, "Bea").await;
    say(&t, &alex, "/enrol Sam").await;
    say(&t, &bea, "/enrol Jo").await;
    say(&t, &alex, "/slot Sam Tue 16:00 place=office").await;
    say(&t, &bea, "/slot Jo Tue 16:30 place=Office").await;
    say(&t, &bea, "/apart Jo Sam").await;
    let warning = bea.last_text();
    assert!(warning.starts_with("Warning: Jo and Sam are already booked at one place"), "{warning}");
    assert!(warning.contains("• Tuesday 2026-11-24 16:30, at the office"), "{warning}");
    assert!(alex.last_text().starts_with("Warning: Jo and Sam"), "{}", alex.last_text());
}

#[tokio::test]
async fn a_worker_is_asked_to_tell_a_child_who_has_not_joined_themselves() {
    let t = spawn_app().await;
    let (manager, worker, _child) = worker_with_child(&t, "Sam").await;
    say(&t, &manager, "/enrol Jo").await;
    say(&t, &manager, "/slot Jo Wed 16:00").await;
    let skipped = say(&t, &manager, "/skip Jo 2026-11-25").await;
    assert!(skipped.ends_with("Jo has not joined Touchbase, so please tell them yourself."), "{skipped}");
    say(&t, &worker, "/slot Sam Wed 16:00").await;
    assert!(say(&t, &worker, "/skip Sam 2026-11-25").await.ends_with("Sam has been told."));
}

#[tokio::test]
async fn children_and_hosts_cannot_use_appointment_commands() {
    let t = spawn_app().await;
    let (manager, _worker, child) = worker_with_child(&t, "Sam").await;
    let host = t.staff(&manager, "host", 5, "Hana").await;
    for phone in [&child, &host] {
        for command in [
            "/commitment Sam Mon 09:00-10:00 school",
            "/slot Sam Tue 16:00",
            "/endslot Sam Tue 16:00",
            "/apart Sam Jo",
            "/skip Sam 2026-11-24",
            "/move Sam 2026-11-24 2026-11-25 16:00",
            "/calendar Sam",
            "/carer Sam",
        ] {
            assert!(say(&t, phone, command).await.contains("can't use that"), "{command}");
        }
    }
    assert!(say(&t, &host, "/next").await.contains("can't use that"), "hosts have no appointments");
    assert!(say(&t, &manager, "/calendar").await.ends_with("Which child? Tap one, or type their name."));
    assert!(say(&t, &manager, "/calendar Nobody").await.contains("no child called Nobody"));
}

#[tokio::test]
async fn a_worker_is_not_booked_with_two_children_at_once_unless_they_say_why() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let alex = t.staff(&manager, "worker", 2, "Alex").await;
    let bea = t.staff(&manager, "worker", 3, "Bea").await;
    say(&t, &alex, "/enrol Sam").await;
    say(&t, &alex, "/enrol Jo").await;
    say(&t, &bea, "/enrol Kim").await;
    say(&t, &alex, "/slot Sam Tue 16:00").await;

    let refused = say(&t, &alex, "/slot Jo Tue 16:30 place=\"Youth centre\"").await;
    assert!(refused.starts_with("Not booked:\n• Alex already sees another child every Tuesday at 16:00"), "{refused}");
    assert!(!refused.contains("Sam"), "{refused}");
    // Another worker's child at the same time is no clash: it is not Alex who would be in two places.
    assert!(say(&t, &bea, "/slot Kim Tue 16:00").await.starts_with("Booked"), "{}", bea.last_text());
    // Straight after Sam's is fine.
    assert!(say(&t, &alex, "/slot Jo Tue 17:00").await.starts_with("Booked"), "{}", alex.last_text());
    // A move onto Sam's time is refused the same way, and goes through with a reason.
    let refused = say(&t, &alex, "/move Jo 1/12 1/12 16:15").await;
    assert!(refused.contains("• Alex already sees another child on Tuesday 2026-12-01 16:00"), "{refused}");
    say(&t, &alex, "/move Jo 1/12 1/12 16:15 override=\"joint visit\"").await;
    let booked = alex.news_texts().join("\n");
    assert!(booked.contains("Booked despite:") && booked.contains("Reason recorded: joint visit"), "{booked}");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM clash_overrides").await, 1);
}

#[tokio::test]
async fn skip_and_move_from_the_menu_go_by_buttons_child_then_appointment() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    say(&t, &worker, "/enrol Sam").await;
    say(&t, &worker, "/slot Sam Tue 16:00").await;
    say(&t, &worker, "/enrol Jo").await;

    assert_eq!(say(&t, &worker, "/skip").await, "Skip an appointment\n\nWhich child? Tap one, or type their name.");
    worker.tap("Sam");
    t.settle().await;
    let asked = worker.news().pop().unwrap();
    assert_eq!(asked.text, "Skip an appointment\nChild: Sam\n\nWhich appointment?");
    let labels: Vec<&str> = asked.buttons.iter().flatten().map(|b| b.text.as_str()).collect();
    assert_eq!(labels.len(), 8 + 2, "the next eight, Back and Cancel");
    assert_eq!(labels[..2], ["Tuesday 2026-11-24 16:00", "Tuesday 2026-12-01 16:00"]);
    worker.tap("Tuesday 2026-12-01 16:00");
    t.settle().await;
    assert!(
        worker.last_text().starts_with("Skipped Sam's appointment on Tuesday 2026-12-01 16:00."),
        "{}",
        worker.last_text()
    );

    // A move asks for the new day, then the time, once the appointment is picked.
    say(&t, &worker, "/move Sam").await;
    let labels: Vec<String> = worker.last_message().buttons.iter().flatten().map(|b| b.text.clone()).collect();
    assert!(!labels.contains(&"Tuesday 2026-12-01 16:00".to_owned()), "a skipped one is not offered: {labels:?}");
    worker.tap("Tuesday 2026-11-24 16:00");
    t.settle().await;
    let asked = worker.news_texts().join("\n");
    assert!(asked.ends_with("Which day? Tap one, or type it (like Wed, or 28/12)."), "{asked}");
    // The day and the time typed together answer both.
    let check = say(&t, &worker, "Wed 5pm").await;
    assert!(check.contains("Day: Wednesday 25 November 2026\nTime: 5pm\n\nIs this right?"), "{check}");
    worker.tap("Confirm");
    t.settle().await;
    let moved = worker.news_texts().join("\n");
    assert!(
        moved.contains("Moved Sam's appointment from Tuesday 2026-11-24 16:00 to Wednesday 2026-11-25 17:00"),
        "{moved}"
    );
    assert_eq!(say(&t, &worker, "/skip Jo").await, "Jo has no appointments coming up.");
}
