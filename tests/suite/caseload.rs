//! A worker's caseload: /enrol, /update, /children, /child, /link — good paths, bad input, wrong roles.

use crate::support::app::{child_card, invite_code_in, say, say_all, scalar, spawn_app, spawn_paced_app};

/// Paced as shipped, against a fake that keeps Telegram's limits: no 429 anywhere.
#[tokio::test]
async fn enrol_records_every_optional_field_and_child_shows_them() {
    let t = spawn_paced_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    worker.send_text("/enrol Sam lang=cy born=2010-04-02 order_end=2027-06-30 sex=female gender=non-binary ethnicity=gypsy-roma-traveller looked_after=yes");
    t.settle().await;
    let reply = worker.last_text();
    assert!(reply.contains("Sam is enrolled") && reply.contains("?start="), "{reply}");
    worker.send_text("/child sam");
    t.settle().await;
    let card = child_card(&worker);
    for expected in [
        "Sam",
        "Cymraeg",
        "Age: 16",
        "2027-06-30",
        "Sex: female",
        "Gender: non-binary",
        "Ethnicity: Gypsy, Roma or Traveller",
        "Looked after: yes",
        "link open until 2026-11-30 10:00",
    ] {
        assert!(card.contains(expected), "{expected} missing from {card}");
    }
}

#[tokio::test]
async fn enrol_without_options_records_not_recorded() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    manager.send_text("/enrol Sam");
    manager.send_text("/child Sam");
    t.settle().await;
    let card = child_card(&manager);
    assert!(card.contains("Gender: not recorded") && card.contains("Age: not recorded"), "{card}");
    assert!(!card.contains("not-recorded"), "a code in the card: {card}");
}

#[tokio::test]
async fn bad_enrolments_explain_and_change_nothing() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    let cases = [
        ("/enrol", "What is their name?"),
        ("/enrol lang=cy", "What is their name?"),
        ("/enrol Sam lang=pl", "lang=pl is not valid"),
        ("/enrol Sam born=2011-02-30", "I can't read 2011-02-30 as a date"),
        ("/enrol Sam born=2024-01-01", "makes the child 2"),
        ("/enrol Sam order_end=2020-01-01", "in the past"),
        ("/enrol Sam gender=unknown", "gender=unknown is not valid"),
        ("/enrol Sam ethnicity=martian", "ethnicity=martian is not valid"),
        ("/enrol Sam looked_after=maybe", "looked_after=maybe is not valid"),
        ("/enrol Sam sex=other", "sex=other is not valid"),
        ("/enrol Sam colour=blue", "don't know the option colour"),
        ("/enrol Sam lang=cy lang=en", "lang is given twice"),
        ("/enrol Sam title=\"open", "quote is not closed"),
        ("/enrol Sam\u{202E}", "hidden characters"),
    ];
    for (command, expected) in cases {
        worker.send_text(command);
        t.settle().await;
        assert!(worker.last_text().contains(expected), "{command}: {}", worker.last_text());
    }
    worker.send_text("/children");
    t.settle().await;
    assert!(worker.last_text().contains("no children"), "{}", worker.last_text());
}

#[tokio::test]
async fn a_name_is_unique_within_a_caseload_but_not_across_them() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let alex = t.staff(&manager, "worker", 2, "Alex").await;
    let bea = t.staff(&manager, "worker", 3, "Bea").await;
    alex.send_text("/enrol Sam");
    alex.send_text("/enrol sam");
    bea.send_text("/enrol Sam");
    t.settle().await;
    assert!(alex.last_text().contains("already have a child called sam"), "{}", alex.last_text());
    assert!(bea.last_text().contains("Sam is enrolled"), "{}", bea.last_text());
}

#[tokio::test]
async fn a_worker_cannot_see_or_change_another_workers_child() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let alex = t.staff(&manager, "worker", 2, "Alex").await;
    let bea = t.staff(&manager, "worker", 3, "Bea").await;
    alex.send_text("/enrol Sam born=2011-04-02");
    t.settle().await;
    for command in ["/child Sam", "/update Sam gender=female", "/link Sam"] {
        bea.send_text(command);
        t.settle().await;
        assert!(bea.last_text().contains("no child called Sam"), "{command}: {}", bea.last_text());
    }
    bea.send_text("/children");
    t.settle().await;
    assert!(!bea.last_text().contains("Sam"));
    // A manager sees the whole service.
    manager.send_text("/child Sam");
    t.settle().await;
    assert!(child_card(&manager).contains("Age: 15"), "{:?}", manager.texts());
}

#[tokio::test]
async fn children_cannot_use_staff_commands() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let child = t.child(&manager, 3, "Sam").await;
    for command in [
        "/enrol Jo",
        "/update Sam lang=cy",
        "/children",
        "/child Sam",
        "/link Sam",
        "/invite worker Eve",
        "/staff",
        "/revoke Priya",
        "/transfer Sam Priya",
    ] {
        let before = child.texts().len();
        child.send_text(command);
        t.settle().await;
        assert_eq!(child.texts().len(), before + 1, "{command}");
        assert!(child.last_text().contains("can't use that"), "{command}: {}", child.last_text());
    }
    manager.send_text("/children");
    t.settle().await;
    assert!(!manager.last_text().contains("Jo"), "nothing was enrolled: {}", manager.last_text());
}

#[tokio::test]
async fn update_changes_only_what_is_given() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    manager.send_text("/enrol Sam born=2011-04-02 gender=female");
    manager.send_text("/update Sam ethnicity=black lang=cy");
    t.settle().await;
    let card = child_card(&manager);
    assert!(manager.news_texts().iter().any(|t| t.contains("Sam's details are updated")), "{:?}", manager.news_texts());
    assert!(card.contains("Ethnicity: Black") && card.contains("Gender: female") && card.contains("Cymraeg"), "{card}");
    for (command, expected) in [
        // What is missing is asked for (see tests/suite/flows.rs).
        ("/update Sam", "What should change?"),
        ("/update", "Which child?"),
        ("/update Jo gender=male", "no child called Jo"),
        ("/update Sam gender=x", "gender=x is not valid"),
    ] {
        manager.send_text(command);
        t.settle().await;
        assert!(manager.last_text().contains(expected), "{command}: {}", manager.last_text());
    }
}

#[tokio::test]
async fn a_childs_mobile_number_is_read_however_typed_kept_once_and_one_childs_only() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    say(&t, &worker, "/enrol Sam phone=\"+44 (0)7700 900123\"").await;
    worker.send_text("/child Sam");
    t.settle().await;
    assert!(child_card(&worker).contains("Mobile: 07700 900123"), "{}", child_card(&worker));
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM children WHERE phone = '+447700900123'").await,
        1,
        "one canonical form"
    );

    // Another child cannot have the same number, however it is written; nothing changes.
    let reply = say(&t, &worker, "/enrol Jo phone=07700-900-123").await;
    assert!(reply.contains("already another child's"), "{reply}");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM people WHERE role = 'child'").await, 1, "Jo was not enrolled");
    say(&t, &worker, "/enrol Jo").await;
    let reply = say(&t, &worker, "/update Jo phone=\"07700 900123\"").await;
    assert!(reply.contains("already another child's"), "{reply}");
    // The child's own number again is no clash; a number that is not a UK mobile is named.
    let replies = say_all(&t, &worker, "/update Sam phone=07700900123").await;
    assert!(replies.iter().any(|m| m.contains("Sam's details are updated")), "{replies:?}");
    for (command, expected) in [
        ("/update Jo phone=020-7946-0000", "phone=020-7946-0000 is not valid"),
        ("/enrol Kai phone=12345", "phone=12345 is not valid"),
    ] {
        let reply = say(&t, &worker, command).await;
        assert!(reply.contains(expected) && reply.contains("07700 900123"), "{command}: {reply}");
    }
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM children WHERE phone IS NOT NULL").await, 1);
}

#[tokio::test]
async fn children_lists_the_caseload_with_who_has_joined() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    t.child(&manager, 3, "Sam").await;
    manager.send_text("/enrol Jo");
    t.settle().await;
    manager.send_text("/children");
    t.settle().await;
    let list = manager.last_text();
    assert!(list.starts_with("Your caseload (2)"), "{list}");
    assert!(list.contains("Sam: joined"), "{list}");
    assert!(list.contains("Jo: invited, link open until"), "{list}");
}

#[tokio::test]
async fn link_replaces_an_unused_invite_and_refuses_once_joined() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    manager.send_text("/enrol Jo");
    t.settle().await;
    let old = invite_code_in(&manager.last_text());
    manager.send_text("/link Jo");
    t.settle().await;
    let new = invite_code_in(&manager.last_text());
    assert_ne!(old, new);
    let jo = t.fake.phone(4, "Jo");
    jo.send_text(&format!("/start {old}"));
    t.settle().await;
    assert!(jo.last_text().contains("used already"), "the old link stopped working: {}", jo.last_text());
    jo.send_text(&format!("/start {new}"));
    t.settle().await;
    assert!(jo.news_texts().iter().any(|t| t.starts_with("Hi Jo")), "{:?}", jo.news_texts());
    manager.send_text("/link Jo");
    t.settle().await;
    assert!(manager.last_text().contains("already joined"), "{}", manager.last_text());
    manager.send_text("/link");
    t.settle().await;
    assert!(manager.last_text().ends_with("Which child? Tap one, or type their name."), "{}", manager.last_text());
}

#[tokio::test]
async fn a_caseload_too_long_for_one_message_comes_whole_in_several() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    let names: Vec<String> = (0..70).map(|n| format!("Child number {n:02} with a long name")).collect();
    // Written straight in: enrolling seventy children by hand is more than the flood limit lets through.
    let alex = scalar(&t, "SELECT id FROM people WHERE name = 'Alex'").await;
    let mut conn = t.app.store().connection().await.unwrap();
    for name in &names {
        sqlx::query(
            "INSERT INTO people (role, name, name_key, language, worker_id, created_at) \
             VALUES ('child', $1, $2, 'en', $3, 0)",
        )
        .bind(name)
        .bind(name.to_lowercase())
        .bind(alex)
        .execute(&mut *conn)
        .await
        .unwrap();
    }
    drop(conn);
    let pieces = say_all(&t, &worker, "/children").await;
    assert!(pieces.len() >= 2, "{} message(s); last: {}", pieces.len(), worker.last_text());
    assert!(pieces[0].starts_with("Your caseload (70):"), "{}", pieces[0]);
    let whole = pieces.join("\n");
    for name in &names {
        assert_eq!(whole.matches(&format!("• {name}:")).count(), 1, "{name} in {whole}");
    }
}

#[tokio::test]
async fn a_worker_who_uses_welsh_reads_the_card_in_welsh_words_not_codes() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    say(&t, &worker, "/language").await;
    worker.tap("Cymraeg");
    t.settle().await;
    say(&t, &worker, "/enrol Sam ethnicity=black looked_after=yes gender=non-binary").await;
    worker.send_text("/child Sam");
    t.settle().await;
    let card = worker.news_texts().into_iter().find(|t| t.contains("\nOed: ")).expect("a card in Welsh");
    for expected in ["Ethnigrwydd: Du", "Derbyn gofal: ydy", "Rhywedd: anneuaidd", "Rhyw: heb ei gofnodi"] {
        assert!(card.contains(expected), "{expected} missing from {card}");
    }
    assert!(!card.contains("not-recorded") && !card.contains("black") && !card.contains("yes"), "{card}");
}

#[tokio::test]
async fn a_command_tapped_in_the_menu_with_no_child_asks_which_with_the_caseload_as_buttons() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    // No caseload yet: nothing to tap, and a name can be typed.
    assert_eq!(say(&t, &worker, "/child").await, "A child's card\n\nWhich child? Tap one, or type their name.");
    assert_eq!(worker.last_message().buttons.iter().flatten().count(), 1, "only Cancel");
    say(&t, &worker, "/enrol Sam").await;
    say(&t, &worker, "/enrol \"Jo Lee\"").await;

    let asked = say(&t, &worker, "/child").await;
    assert_eq!(asked, "A child's card\n\nWhich child? Tap one, or type their name.");
    let labels: Vec<String> = worker.last_message().buttons.iter().flatten().map(|b| b.text.clone()).collect();
    assert_eq!(labels, ["Jo Lee", "Sam", "Cancel"], "most recently enrolled first");
    worker.tap("Jo Lee");
    t.settle().await;
    assert!(child_card(&worker).starts_with("Jo Lee: "), "{}", child_card(&worker));

    say(&t, &worker, "/export").await;
    worker.tap("Sam");
    t.settle().await;
    let exported = worker.new_documents();
    let about_sam =
        |d: &crate::support::fake_telegram::Document| d.caption.as_deref().unwrap_or_default().contains("Sam");
    assert!(exported.iter().any(about_sam), "an export of Sam's records");
    // Another worker's menu offers only their own caseload.
    let bea = t.staff(&manager, "worker", 3, "Bea").await;
    say(&t, &bea, "/enrol Kim").await;
    say(&t, &bea, "/calendar").await;
    let labels: Vec<String> = bea.last_message().buttons.iter().flatten().map(|b| b.text.clone()).collect();
    assert_eq!(labels, ["Kim", "Cancel"]);
}

#[tokio::test]
async fn a_childs_card_is_one_message_with_buttons_for_what_a_worker_does_next() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    t.child(&worker, 100, "Sam").await;
    say(&t, &worker, "/slot Sam Mon 16:00").await;
    say(&t, &worker, "/commitment Sam Mon-Fri 8.45am-3.15pm school").await;

    let news = say_all(&t, &worker, "/child Sam").await;
    assert_eq!(news.len(), 1, "one message: {news:?}");
    let card = worker.last_message();
    for part in ["Sam: joined", "\nAge: ", "\nWeekly appointments (1)", "'s commitments:", "\nLast 8 weeks"] {
        assert!(card.text.contains(part), "{part:?} in {}", card.text);
    }
    let labels: Vec<Vec<String>> =
        card.buttons.iter().map(|row| row.iter().map(|b| b.text.clone()).collect()).collect();
    assert_eq!(labels[..2], [vec!["Move", "Skip", "Record"], vec!["Calendar", "Carers", "Export"]]);
    assert!(labels[2][0].starts_with("Remove school"), "{labels:?}");

    // Move goes on as the flow for this child; Skip offers the appointments.
    worker.tap("Move");
    t.settle().await;
    assert_eq!(worker.last_text(), "Move an appointment\nChild: Sam\n\nWhich appointment?");
    worker.tap("Skip");
    t.settle().await;
    assert_eq!(worker.last_text(), "Skip an appointment\nChild: Sam\n\nWhich appointment?");

    // Record asks how the latest appointment that has started went, with the usual buttons.
    worker.tap("Record");
    t.settle().await;
    let answer = worker.callback_answers().last().unwrap().text.clone();
    assert_eq!(answer.as_deref(), Some("Sam has no appointment that has started yet."));
    t.clock.advance(chrono::Duration::hours(7));
    t.settle().await;
    say(&t, &worker, "/child Sam").await;
    worker.tap("Record");
    t.settle().await;
    assert!(
        worker.last_text().starts_with("How did Sam's appointment go? Monday 2026-11-23 16:00"),
        "{}",
        worker.last_text()
    );
    worker.tap("Came");
    t.settle().await;
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM attendance WHERE outcome = 'came'").await, 1);

    // However many commitments, the card stays within Telegram's 100 buttons, and arrives.
    let mut conn = t.app.store().connection().await.unwrap();
    for n in 0..120 {
        sqlx::query(
            "INSERT INTO commitments (child_id, days, starts, ends, label, shown, created_at) \
             SELECT id, 1, '06:00', '06:30', $1, 0, 0 FROM people WHERE name = 'Sam'",
        )
        .bind(format!("club {n}"))
        .execute(&mut *conn)
        .await
        .unwrap();
    }
    drop(conn);
    let card = say_all(&t, &worker, "/child Sam").await.join("\n");
    assert!(card.contains("club 0") && card.contains("club 119"), "every commitment is listed");
    assert_eq!(worker.last_message().buttons.iter().flatten().count(), 6 + 80);
}
