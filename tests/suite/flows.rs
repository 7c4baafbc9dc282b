//! Guided flows: each staff command sent bare, as a menu tap sends it, goes on by buttons (typing only
//! a name, a reason, a label or a link) to a finished action; Back, Cancel and a restart mid-flow.

use crate::support::app::{TestApp, say, scalar, spawn_app};
use crate::support::fake_telegram::{ChatMessage, Phone};

/// Taps a button and lets the bot settle: the message the tap changed (or, failing that, sent).
async fn tap(t: &TestApp, phone: &Phone, label: &str) -> ChatMessage {
    phone.tap(label);
    t.settle().await;
    let news = phone.news();
    news.iter().find(|m| m.edited_in_step).or(news.last()).cloned().expect("the tap changed or sent a message")
}

/// The buttons' labels, row by row.
fn labels(message: &ChatMessage) -> Vec<Vec<String>> {
    message.buttons.iter().map(|row| row.iter().map(|b| b.text.clone()).collect()).collect()
}

/// A worker with two children, Sam (enrolled first) and Jo.
async fn worker_with_two_children(t: &TestApp) -> Phone {
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    say(t, &worker, "/enrol Sam").await;
    say(t, &worker, "/enrol Jo").await;
    worker
}

#[tokio::test]
async fn a_bare_slot_is_booked_by_buttons_with_back_before_confirming() {
    let t = spawn_app().await;
    let worker = worker_with_two_children(&t).await;

    let asked = {
        say(&t, &worker, "/slot").await;
        worker.last_message()
    };
    assert_eq!(asked.text, "New weekly appointment\n\nWhich child? Tap one, or type their name.");
    assert_eq!(labels(&asked), [vec!["Jo", "Sam"], vec!["Cancel"]], "most recent first");

    let day = tap(&t, &worker, "Sam").await;
    assert_eq!(day.message_id, asked.message_id, "one message, edited in place");
    assert_eq!(day.text, "New weekly appointment\nChild: Sam\n\nWhich day of the week?");
    assert_eq!(labels(&day)[0], ["Monday", "Tuesday", "Wednesday", "Thursday"]);
    assert_eq!(labels(&day).last().unwrap(), &["‹ Back", "Cancel"]);

    let time = tap(&t, &worker, "Tuesday").await;
    // A button from a question already answered (kept on another phone, say) changes nothing.
    let jo = asked.buttons[0][0].callback_data.clone().unwrap();
    worker.tap_data(asked.message_id, &jo);
    t.settle().await;
    let answer = worker.callback_answers().last().unwrap().text.clone();
    assert_eq!(answer.as_deref(), Some("Sorry, that button does not work now."));
    assert!(worker.news().is_empty(), "still at the time: {:?}", worker.news_texts());
    assert!(time.text.ends_with("Day: Tuesday\n\nWhat time? Tap one, or type it (like 4.30pm)."), "{}", time.text);
    assert_eq!(labels(&time)[0], ["9am", "10am", "11am", "12pm", "1pm"]);
    tap(&t, &worker, "4pm").await;
    let place = tap(&t, &worker, "45 minutes").await;
    assert!(place.text.ends_with("Where? Tap one, or type the place."), "{}", place.text);
    assert_eq!(labels(&place)[0], ["at the office", "by phone"]);
    let check = tap(&t, &worker, "at the office").await;
    assert_eq!(
        check.text,
        "New weekly appointment\nChild: Sam\nDay: Tuesday\nTime: 4pm\nLength: 45 minutes\nPlace: at the office\n\n\
         Is this right? Tap Confirm, or Back to change it."
    );
    assert_eq!(labels(&check), [vec!["✅ Confirm"], vec!["‹ Back", "Cancel"]]);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM slots").await, 0, "nothing is booked before Confirm");

    // Back asks the last piece again; the new answer replaces it.
    let again = tap(&t, &worker, "Back").await;
    assert!(again.text.ends_with("Length: 45 minutes\n\nWhere? Tap one, or type the place."), "{}", again.text);
    tap(&t, &worker, "by phone").await;
    worker.tap("Confirm");
    t.settle().await;
    let news = worker.news_texts();
    assert!(news.iter().any(|n| n.starts_with("Booked")), "{news:?}");
    let mut conn = t.app.store().connection().await.unwrap();
    let booked: (String, i64, String) =
        sqlx::query_as("SELECT local_time, minutes, place FROM slots").fetch_one(&mut *conn).await.unwrap();
    assert_eq!(booked, ("16:00".to_owned(), 45, "phone".to_owned()));
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM flows").await, 0, "a finished flow is gone");
}

/// Sends `text` and lets the bot settle: the new message the bot sent (a flow's first question).
async fn ask(t: &TestApp, phone: &Phone, text: &str) -> ChatMessage {
    say(t, phone, text).await;
    phone.last_message()
}

/// Taps **Confirm** on the summary: everything the bot said then.
async fn confirm(t: &TestApp, phone: &Phone) -> String {
    phone.tap("Confirm");
    t.settle().await;
    phone.news_texts().join("\n")
}

#[tokio::test]
async fn typed_pieces_are_read_as_people_type_them_and_a_restart_carries_on() {
    let t = spawn_app().await;
    let worker = worker_with_two_children(&t).await;

    // The child typed with the command is not asked for again.
    let days = ask(&t, &worker, "/commitment Sam").await;
    assert!(days.text.starts_with("Something a child has on\nChild: Sam\n\nWhich days?"), "{}", days.text);
    assert_eq!(labels(&days)[0], ["Monday to Friday", "Saturday and Sunday", "Every day"]);
    let hours = tap(&t, &worker, "Monday to Friday").await;
    assert!(hours.text.contains("\nDays: Monday to Friday\n"), "in words: {}", hours.text);
    assert!(hours.text.ends_with("From when until when? Tap one, or type it (like 8.45am-3.15pm)."), "{}", hours.text);
    assert_eq!(labels(&hours)[..3], [vec!["8:45am to 3:15pm"], vec!["9am to 5pm"], vec!["7pm to 7am"]]);
    // Words that cannot be read are named, and the question stands.
    assert_eq!(
        say(&t, &worker, "after lunch").await,
        "I can't read “after lunch” as hours. For example: 8.45am-3.15pm"
    );
    let label = ask(&t, &worker, "8.45am - 3.15pm").await;
    assert!(label.text.contains("Hours: 8:45am to 3:15pm\n\nWhat is it?"), "{}", label.text);

    // The bot stops mid-flow; the flow carries on where it was.
    let t = t.restart().await;
    let shown = ask(&t, &worker, "school").await;
    assert!(shown.text.ends_with("May the child see what it is? (Yes for school, say.)"), "{}", shown.text);
    tap(&t, &worker, "Yes").await;
    let done = confirm(&t, &worker).await;
    assert!(done.contains("Recorded for Sam: school"), "{done}");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM commitments WHERE shown = 1").await, 1);
}

#[tokio::test]
async fn cancel_changes_nothing_and_the_flows_old_buttons_say_it_ended() {
    let t = spawn_app().await;
    let worker = worker_with_two_children(&t).await;
    ask(&t, &worker, "/slot").await;
    tap(&t, &worker, "Sam").await;
    let cancelled = tap(&t, &worker, "Cancel").await;
    assert_eq!(cancelled.text, "Cancelled. Nothing was changed.");
    assert!(cancelled.buttons.is_empty());
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM flows").await, 0);
    // Typing now is not taken as a piece of the flow that ended.
    assert_eq!(say(&t, &worker, "Tuesday").await, "I can only answer commands like /help. Send /help to see them.");

    // A button from a flow that a newer one replaced says so, and changes nothing.
    let first = ask(&t, &worker, "/slot Sam").await;
    ask(&t, &worker, "/slot Jo").await;
    let tuesday = first.buttons.iter().flatten().find(|b| b.text == "Tuesday").unwrap().callback_data.clone();
    worker.tap_data(first.message_id, tuesday.as_deref().unwrap());
    t.settle().await;
    let answer = worker.callback_answers().last().unwrap().text.clone();
    assert_eq!(answer.as_deref(), Some("That question has ended. Send the command again to start over."));
    assert!(worker.news().is_empty(), "nothing else changed");
}

#[tokio::test]
async fn endslot_from_the_menu_offers_the_childs_weekly_appointments() {
    let t = spawn_app().await;
    let worker = worker_with_two_children(&t).await;
    say(&t, &worker, "/slot Sam Tue 16:00").await;
    say(&t, &worker, "/slot Sam Thu 10:00").await;
    ask(&t, &worker, "/endslot").await;
    let which = tap(&t, &worker, "Sam").await;
    assert_eq!(labels(&which)[..2], [vec!["Tuesday 4pm"], vec!["Thursday 10am"]]);
    tap(&t, &worker, "Thursday 10am").await;
    let done = confirm(&t, &worker).await;
    assert!(done.contains("Sam's Thursday 10:00 appointments have ended."), "{done}");
}

#[tokio::test]
async fn move_from_the_menu_goes_appointment_then_day_then_time() {
    let t = spawn_app().await;
    let worker = worker_with_two_children(&t).await;
    say(&t, &worker, "/slot Sam Tue 16:00").await;
    ask(&t, &worker, "/move").await;
    let which = tap(&t, &worker, "Sam").await;
    let first = labels(&which)[0][0].clone();
    assert!(first.starts_with("Tuesday 2026-"), "{first}");
    let day = tap(&t, &worker, &first).await;
    assert!(day.text.ends_with("Which day? Tap one, or type it (like Wed, or 28/12)."), "{}", day.text);
    assert_eq!(labels(&day).iter().flatten().count(), 8 + 2, "the next eight days, Back and Cancel");
    // A day typed the everyday way, then a time.
    let time = ask(&t, &worker, "tomorrow").await;
    assert!(time.text.contains("\nDay: "), "{}", time.text);
    tap(&t, &worker, "5pm").await;
    let done = confirm(&t, &worker).await;
    assert!(done.contains(&format!("Moved Sam's appointment from {first} to ")), "{done}");
    assert!(done.contains("17:00"), "{done}");
}

#[tokio::test]
async fn apart_from_the_menu_offers_the_other_children() {
    let t = spawn_app().await;
    let worker = worker_with_two_children(&t).await;
    ask(&t, &worker, "/apart").await;
    let other = tap(&t, &worker, "Sam").await;
    assert_eq!(labels(&other)[0], ["Jo"], "not Sam again");
    tap(&t, &worker, "Jo").await;
    let done = confirm(&t, &worker).await;
    assert!(done.contains("Sam and Jo will never be booked at the same place and time"), "{done}");
}

#[tokio::test]
async fn warn_from_the_menu_asks_why_then_confirms_as_typed_warn_does() {
    let t = spawn_app().await;
    let worker = worker_with_two_children(&t).await;
    ask(&t, &worker, "/warn").await;
    let why = tap(&t, &worker, "Jo").await;
    assert!(why.text.ends_with("Why? Type a few words."), "{}", why.text);
    say(&t, &worker, "missed three in a row, no contact").await;
    let done = confirm(&t, &worker).await;
    assert!(done.contains("Give Jo a warning?\nReason: missed three in a row, no contact"), "{done}");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM warnings WHERE given_at IS NOT NULL").await, 0, "not until confirmed");
}

#[tokio::test]
async fn suspend_from_the_menu_takes_two_days_and_a_reason() {
    let t = spawn_app().await;
    let worker = worker_with_two_children(&t).await;
    ask(&t, &worker, "/suspend").await;
    let from = tap(&t, &worker, "Sam").await;
    let start = labels(&from)[0][1].clone();
    let until = tap(&t, &worker, &start).await;
    assert!(until.text.ends_with("Until which day? Tap one, or type it (like 28/12)."), "{}", until.text);
    // One to eight weeks after the start (Tuesday 24 November).
    assert_eq!(labels(&until)[0], ["Tuesday 1 December", "Tuesday 8 December"], "{start}");
    let two_weeks = labels(&until)[0][1].clone();
    tap(&t, &worker, &two_weeks).await;
    say(&t, &worker, "in hospital").await;
    let done = confirm(&t, &worker).await;
    assert!(done.contains("Sent to the managers: Sam's suspension."), "{done}");
}

#[tokio::test]
async fn a_manager_transfers_invites_and_revokes_by_buttons() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let alex = t.staff(&manager, "worker", 2, "Alex").await;
    let _bea = t.staff(&manager, "worker", 3, "Bea").await;
    say(&t, &alex, "/enrol Sam").await;

    // A manager's own caseload is empty: the child is typed, the worker tapped.
    let child = ask(&t, &manager, "/transfer").await;
    assert!(child.text.ends_with("Which child? Tap one, or type their name."), "{}", child.text);
    let worker = ask(&t, &manager, "Sam").await;
    let workers: Vec<String> = labels(&worker).into_iter().flatten().collect();
    assert!(workers.contains(&"Bea".to_owned()) && !workers.contains(&"Alex".to_owned()), "{workers:?}");
    tap(&t, &manager, "Bea").await;
    assert!(confirm(&t, &manager).await.contains("Sam is now on Bea's caseload."));

    ask(&t, &manager, "/invite").await;
    tap(&t, &manager, "Drop-in host").await;
    say(&t, &manager, "Hana").await;
    assert!(confirm(&t, &manager).await.contains("Invite for Hana (host)."));

    let who = ask(&t, &manager, "/revoke").await;
    assert!(!labels(&who).iter().flatten().any(|l| l == "Priya"), "not themselves");
    tap(&t, &manager, "Alex").await;
    assert!(confirm(&t, &manager).await.contains("Alex no longer has access."));
}

#[tokio::test]
async fn enrol_from_the_menu_asks_the_name_then_the_language() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    let name = ask(&t, &worker, "/enrol").await;
    assert!(name.text.ends_with("What is their name? Type it."), "{}", name.text);
    let language = ask(&t, &worker, "Sam Jones").await;
    assert_eq!(labels(&language)[0], ["English", "Cymraeg"]);
    tap(&t, &worker, "Cymraeg").await;
    let done = confirm(&t, &worker).await;
    assert!(done.contains("Sam Jones is enrolled."), "{done}");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM people WHERE role = 'child' AND language = 'cy'").await, 1);
}

#[tokio::test]
async fn a_host_sets_up_lists_invites_to_and_cancels_a_dropin_by_buttons() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let host = t.staff(&manager, "host", 2, "Hana").await;
    let worker = t.staff(&manager, "worker", 3, "Alex").await;
    say(&t, &worker, "/enrol Sam").await;

    let title = ask(&t, &host, "/dropin").await;
    assert!(title.text.ends_with("What is the drop-in called? Type it."), "{}", title.text);
    let day = ask(&t, &host, "Art club").await;
    let tomorrow = labels(&day)[0][1].clone();
    tap(&t, &host, &tomorrow).await;
    let link = tap(&t, &host, "6pm").await;
    assert!(link.text.ends_with("Paste it (it starts https://)."), "{}", link.text);
    assert!(say(&t, &host, "http://meet.example/1").await.contains("http://meet.example/1"), "refused, named");
    let length = ask(&t, &host, "https://meet.example/j/1").await;
    assert!(length.text.ends_with("How long?"), "{}", length.text);
    tap(&t, &host, "90 minutes").await;
    let made = confirm(&t, &host).await;
    assert!(made.contains("Drop-in #1 Art club is set up: Tuesday 2026-11-24 18:00, 90 minutes"), "{made}");

    ask(&t, &host, "/roster").await;
    tap(&t, &host, "Art club").await;
    assert!(confirm(&t, &host).await.contains("Art club"));

    // A host is never shown a list of children: the child is typed.
    ask(&t, &host, "/dropin_invite").await;
    let child = tap(&t, &host, "Art club").await;
    assert_eq!(labels(&child), [vec!["‹ Back", "Cancel"]], "{}", child.text);
    say(&t, &host, "Sam").await;
    let invited = confirm(&t, &host).await;
    assert!(invited.contains("If Sam can come, they are invited now and told."), "{invited}");

    ask(&t, &host, "/cancel_dropin").await;
    tap(&t, &host, "Art club").await;
    let cancelled = confirm(&t, &host).await;
    assert!(cancelled.contains("Art club is cancelled."), "{cancelled}");
}

#[tokio::test]
async fn a_flow_left_a_day_has_ended_and_an_erasure_ends_every_flow() {
    let t = spawn_app().await;
    let worker = worker_with_two_children(&t).await;
    ask(&t, &worker, "/warn Sam").await;
    t.clock.advance(chrono::Duration::hours(25));
    assert_eq!(say(&t, &worker, "late again").await, "That question has ended. Send the command again to start over.");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM warnings").await, 0);

    // A flow whose answers name a child goes when that child's records are erased.
    ask(&t, &worker, "/apart Sam").await;
    tap(&t, &worker, "Jo").await;
    let manager = t.fake.phone(1, "Priya");
    say(&t, &manager, "/erase Jo").await;
    manager.tap("Yes, erase");
    t.settle().await;
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM flows").await, 0);
    let answer = {
        worker.tap("Confirm");
        t.settle().await;
        worker.callback_answers().last().unwrap().text.clone()
    };
    assert_eq!(answer.as_deref(), Some("That question has ended. Send the command again to start over."));
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM kept_apart").await, 0);
}

#[tokio::test]
async fn a_clash_offers_book_anyway_which_asks_why_then_books_and_records_it() {
    let t = spawn_app().await;
    let worker = worker_with_two_children(&t).await;
    say(&t, &worker, "/commitment Sam Mon-Fri 8.45am-3.15pm school").await;

    // From a flow: the clash is named, nothing is booked, and one button books it anyway.
    ask(&t, &worker, "/slot Sam").await;
    tap(&t, &worker, "Monday").await;
    tap(&t, &worker, "10am").await;
    tap(&t, &worker, "60 minutes").await;
    tap(&t, &worker, "at the office").await;
    worker.tap("Confirm");
    t.settle().await;
    let clash = worker.last_message();
    assert_eq!(
        clash.text,
        "Not booked:\n• clashes with school, Mon-Fri 08:45-15:15\nTo book it anyway, tap Book anyway and say why."
    );
    assert_eq!(labels(&clash), [vec!["Book anyway..."]]);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM slots").await, 0);
    let why = tap(&t, &worker, "Book anyway").await;
    assert_eq!(
        why.text,
        "New weekly appointment\nChild: Sam\n\nWhy book it anyway? Type a few words. They are kept with the booking."
    );
    let check = ask(&t, &worker, "only time the family can do").await;
    assert!(
        check.text.contains("Booked anyway because: only time the family can do\n\nIs this right?"),
        "{}",
        check.text
    );
    let booked = confirm(&t, &worker).await;
    assert!(booked.contains("Booked: Sam, every Monday at 10:00 for 60 minutes"), "{booked}");
    assert!(booked.contains("Reason recorded: only time the family can do"), "{booked}");

    // Typed whole, the same: no quotes or `=` to find on a phone's keyboard.
    let clash = say(&t, &worker, "/slot Sam Tue 9am 30 place=\"Youth centre\"").await;
    assert!(clash.starts_with("Not booked:"), "{clash}");
    tap(&t, &worker, "Book anyway").await;
    say(&t, &worker, "school trip that week").await;
    let booked = confirm(&t, &worker).await;
    assert!(booked.contains("Booked: Sam, every Tuesday at 09:00 for 30 minutes, at Youth centre"), "{booked}");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM slots").await, 2);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM clash_overrides").await, 2);
}

#[tokio::test]
async fn a_manager_typing_a_name_two_children_share_is_asked_which_within_the_flow() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let alex = t.staff(&manager, "worker", 2, "Alex").await;
    let bea = t.staff(&manager, "worker", 3, "Bea").await;
    say(&t, &alex, "/enrol Sam").await;
    say(&t, &bea, "/enrol Sam").await;

    ask(&t, &manager, "/warn").await;
    let which = ask(&t, &manager, "sam").await;
    assert_eq!(which.text, "More than one child is called Sam. Which one?");
    assert_eq!(labels(&which), [vec!["Sam (Alex)"], vec!["Sam (Bea)"]]);
    let why = tap(&t, &manager, "Sam (Bea)").await;
    assert_eq!(why.message_id, which.message_id);
    assert!(why.text.starts_with("Give a warning\nChild: Sam\n\nWhy?"), "{}", why.text);
    say(&t, &manager, "no contact for three weeks").await;
    confirm(&t, &manager).await;
    manager.tap("give the warning");
    t.settle().await;
    let bea_sam = "SELECT COUNT(*) FROM warnings w JOIN people c ON c.id = w.child_id \
                   JOIN people b ON b.id = c.worker_id WHERE b.name = 'Bea'";
    assert_eq!(scalar(&t, bea_sam).await, 1, "the warning is for the Sam picked: {:?}", manager.news_texts());
}

#[tokio::test]
async fn update_from_the_menu_asks_which_detail_then_its_new_value() {
    let t = spawn_app().await;
    let worker = worker_with_two_children(&t).await;
    ask(&t, &worker, "/update").await;
    let detail = tap(&t, &worker, "Sam").await;
    assert!(detail.text.ends_with("Child: Sam\n\nWhat should change?"), "{}", detail.text);
    assert_eq!(labels(&detail)[0], ["Language", "Date of birth"]);
    let which = tap(&t, &worker, "Ethnicity").await;
    assert!(which.text.ends_with("Change: Ethnicity\n\nWhich one?"), "{}", which.text);
    assert!(labels(&which).iter().flatten().any(|l| l == "Gypsy, Roma or Traveller"), "{:?}", labels(&which));
    let check = tap(&t, &worker, "Black").await;
    assert!(check.text.contains("Change: Ethnicity\nEthnicity: Black\n\nIs this right?"), "{}", check.text);
    let done = confirm(&t, &worker).await;
    assert!(
        done.starts_with(
            "Change a child's details\nChild: Sam\nChange: Ethnicity\nEthnicity: Black\nSam's details are updated."
        ),
        "{done}"
    );
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM children WHERE ethnicity = 'black'").await, 1);

    // A date is typed; one that cannot be read is named, and the question stands.
    ask(&t, &worker, "/update Jo").await;
    let born = tap(&t, &worker, "Date of birth").await;
    assert!(born.text.ends_with("What is their date of birth? Type it (like 2/4/2011)."), "{}", born.text);
    assert_eq!(say(&t, &worker, "31/2/2011").await, "I can't read 31/2/2011 as a date. For example: 28/12");
    let check = ask(&t, &worker, "2/4/2011").await;
    assert!(check.text.contains("Date of birth: Saturday 2 April 2011"), "{}", check.text);
    confirm(&t, &worker).await;
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM children WHERE born = '2011-04-02'").await, 1);
}

#[tokio::test]
async fn commands_that_need_only_a_child_run_on_the_tap_or_on_the_name_typed() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    t.child(&worker, 100, "Sam").await;
    say(&t, &worker, "/enrol Jo").await;
    say(&t, &worker, "/slot Sam Mon 4pm").await;
    t.clock.advance(chrono::Duration::hours(7));
    t.settle().await;

    for (command, child, done) in [
        ("/attended", "Sam", "Recorded: Sam, Monday 2026-11-23 16:00: Came."),
        ("/missed", "Sam", "Corrected: Sam, Monday 2026-11-23 16:00"),
        ("/carer", "Sam", "We have asked Sam if a parent or carer may get their reminders."),
        ("/link", "Jo", "Jo is enrolled. Send them this link"),
    ] {
        ask(&t, &worker, command).await;
        worker.tap(child);
        t.settle().await;
        let news = worker.news_texts().join("\n");
        assert!(news.contains(done), "{command}: {news}");
        assert_eq!(scalar(&t, "SELECT COUNT(*) FROM flows").await, 0, "{command}: no flow left");
    }

    ask(&t, &worker, "/calendar").await;
    worker.tap("Sam");
    t.settle().await;
    assert!(worker.new_documents().iter().any(|d| d.file_name.ends_with(".ics")), "Sam's calendar");

    // A manager's own caseload is empty: the name is typed, and the command runs on it.
    let audit = ask(&t, &manager, "/audit").await;
    assert_eq!(audit.text, "A child's audit trail\n\nWhich child? Tap one, or type their name.");
    assert!(say(&t, &manager, "sam").await.starts_with("Audit trail for Sam:"));
    ask(&t, &manager, "/erase").await;
    assert_eq!(
        say(&t, &manager, "Jo").await,
        "Erase everything held about Jo? Their appointments, answers, reasons, warnings, panel items, carers and sign-ups all go. This cannot be undone."
    );
}
