//! Managers managing staff: /invite, /staff, /revoke, /transfer — good paths, bad input, wrong roles.

use crate::support::app::{invite_code_in, say, scalar, spawn_app, spawn_paced_app};

#[tokio::test]
async fn invite_needs_a_staff_role_and_a_name() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    for bad in ["/invite child Sam", "/invite boss Sam", "/invite carer Sam"] {
        manager.send_text(bad);
        t.settle().await;
        assert!(manager.last_text().starts_with("Use: /invite"), "{bad}: {}", manager.last_text());
    }
    // What is missing is asked for (see tests/suite/flows.rs).
    assert!(say(&t, &manager, "/invite").await.ends_with("What will they do?"));
    assert!(say(&t, &manager, "/invite worker").await.ends_with("What is their name? Type it."));
    manager.send_text(&format!("/invite worker {}", "x".repeat(41)));
    t.settle().await;
    assert!(manager.last_text().contains("up to 40"), "{}", manager.last_text());
    manager.send_text("/staff");
    t.settle().await;
    assert!(manager.last_text().starts_with("Staff (1)"), "nothing was created: {}", manager.last_text());
}

#[tokio::test]
async fn a_staff_name_in_use_is_refused() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    t.staff(&manager, "worker", 2, "Alex").await;
    manager.send_text("/invite host alex");
    t.settle().await;
    assert!(manager.last_text().contains("already a worker called alex"), "{}", manager.last_text());
}

#[tokio::test]
async fn workers_and_hosts_cannot_manage_staff() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    let host = t.staff(&manager, "host", 3, "Hana").await;
    for phone in [&worker, &host] {
        for command in ["/invite manager Eve", "/invite worker Eve", "/staff", "/revoke Priya", "/transfer Sam Alex"] {
            let before = phone.texts().len();
            phone.send_text(command);
            t.settle().await;
            assert_eq!(phone.texts().len(), before + 1);
            assert!(phone.last_text().contains("can't use that"), "{command}: {}", phone.last_text());
        }
    }
    let (host_menu, _) = host.commands().unwrap();
    assert_eq!(
        host_menu.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(),
        ["dropins", "dropin", "roster", "dropin_invite", "cancel_dropin", "language", "help"]
    );
    host.send_text("/enrol Sam");
    t.settle().await;
    assert!(host.last_text().contains("can't use that"), "a host cannot enrol");
}

#[tokio::test]
async fn staff_lists_everyone_with_their_caseload_and_pending_invites() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    worker.send_text("/enrol Sam");
    worker.send_text("/enrol Jo");
    manager.send_text("/invite host Hana");
    t.settle().await;
    manager.send_text("/staff");
    t.settle().await;
    let list = manager.last_text();
    assert!(list.starts_with("Staff (3)"), "{list}");
    assert!(list.contains("Alex - worker, 2 children"), "{list}");
    assert!(list.contains("Priya - manager, 0 children"), "{list}");
    assert!(list.contains("Hana - host, invited, not joined yet"), "{list}");
}

/// Paced as shipped, against a fake that keeps Telegram's limits: no 429 anywhere.
#[tokio::test]
async fn revoke_waits_for_the_caseload_to_move_then_ends_access() {
    let t = spawn_paced_app().await;
    let manager = t.manager(1, "Priya").await;
    let alex = t.staff(&manager, "worker", 2, "Alex").await;
    let _bea = t.staff(&manager, "worker", 3, "Bea").await;
    t.child(&alex, 10, "Sam").await;

    manager.send_text("/revoke Alex");
    t.settle().await;
    assert!(manager.last_text().contains("still has 1 child"), "{}", manager.last_text());
    manager.send_text("/revoke Priya");
    t.settle().await;
    assert!(manager.last_text().contains("your own access"), "{}", manager.last_text());
    manager.send_text("/revoke Nobody");
    t.settle().await;
    assert!(manager.last_text().contains("no member of staff called Nobody"));
    manager.send_text("/revoke");
    t.settle().await;
    assert!(manager.last_text().ends_with("Who? Tap one, or type their name."));

    manager.send_text("/transfer Sam Bea");
    t.settle().await;
    assert!(manager.last_text().contains("Sam is now on Bea's caseload"), "{}", manager.last_text());
    assert!(alex.last_text().contains("Sam has moved to Bea's caseload"), "{}", alex.last_text());

    manager.send_text("/revoke Alex");
    t.settle().await;
    assert!(manager.last_text().contains("Alex no longer has access"), "{}", manager.last_text());
    assert!(alex.last_text().contains("access to Touchbase has ended"), "{}", alex.last_text());
    assert!(alex.commands().is_none_or(|(c, _)| c.is_empty()), "their menu is emptied");
    assert_eq!(t.fake.calls("deleteMyCommands"), 1);
    alex.send_text("/children");
    t.settle().await;
    assert!(alex.last_text().contains("need an invite"), "{}", alex.last_text());
}

#[tokio::test]
async fn transfer_checks_names_and_asks_which_child_when_two_share_a_name() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let alex = t.staff(&manager, "worker", 2, "Alex").await;
    let bea = t.staff(&manager, "worker", 3, "Bea").await;
    let cal = t.staff(&manager, "worker", 4, "Cal").await;
    alex.send_text("/enrol Sam");
    bea.send_text("/enrol Sam");
    cal.send_text("/enrol \"Sam J\"");
    t.settle().await;

    for (command, expected) in [
        ("/transfer", "Which child?"),
        ("/transfer Sam", "Which worker?"),
        ("/transfer Sam Nobody", "no case worker called Nobody"),
        ("/transfer Zed Cal", "no child called Zed"),
        ("/transfer Sam Hana extra", "Use: /transfer"),
    ] {
        manager.send_text(command);
        t.settle().await;
        assert!(manager.last_text().contains(expected), "{command}: {}", manager.last_text());
    }

    manager.send_text("/transfer \"Sam J\" Alex");
    t.settle().await;
    assert!(manager.last_text().contains("Sam J is now on Alex's caseload"), "{}", manager.last_text());

    manager.send_text("/transfer Sam Cal");
    t.settle().await;
    assert!(manager.last_text().contains("Which one?"), "{}", manager.last_text());
    manager.tap("Sam (Bea)");
    t.settle().await;
    assert!(manager.last_text().contains("Sam is now on Cal's caseload"), "{}", manager.last_text());
    assert!(cal.last_text().contains("Sam is now on your caseload"), "{}", cal.last_text());
    assert!(bea.last_text().contains("Sam has moved to Cal's caseload"), "{}", bea.last_text());

    // The same button again: Sam is already with Cal.
    manager.tap("Sam (Bea)");
    t.settle().await;
    let answer = manager.callback_answers().pop().unwrap();
    assert!(answer.text.unwrap_or_default().contains("already on Cal's caseload"));
}

#[tokio::test]
async fn a_worker_cannot_tap_a_managers_transfer_button() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let alex = t.staff(&manager, "worker", 2, "Alex").await;
    let bea = t.staff(&manager, "worker", 3, "Bea").await;
    alex.send_text("/enrol Sam");
    bea.send_text("/enrol Sam");
    t.settle().await;
    manager.send_text("/transfer Sam Alex");
    t.settle().await;
    let buttons = manager.messages().last().unwrap().buttons.clone();
    let data = buttons[0][0].callback_data.clone().unwrap();
    // Alex forges the manager's button in their own chat.
    let own_message = alex.messages().last().unwrap().message_id;
    alex.tap_data(own_message, &data);
    t.settle().await;
    assert!(alex.callback_answers().pop().unwrap().text.unwrap_or_default().contains("does not work"));
    bea.send_text("/children");
    t.settle().await;
    assert!(bea.last_text().contains("Sam"), "Bea still has her Sam: {}", bea.last_text());
}

#[tokio::test]
async fn inviting_a_manager_works_from_telegram() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    manager.send_text("/invite manager Mo");
    t.settle().await;
    let code = invite_code_in(&manager.last_text());
    let mo = t.fake.phone(2, "Mo");
    mo.send_text(&format!("/start {code}"));
    t.settle().await;
    assert!(mo.last_text().contains("a manager"), "{}", mo.last_text());
    mo.send_text("/staff");
    t.settle().await;
    assert!(mo.last_text().starts_with("Staff (2)"));
}

/// What was queued for a member of staff and not yet sent goes no further once their access ends.
#[tokio::test]
async fn a_revoked_member_of_staff_gets_nothing_that_was_queued_for_them() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let alex = t.staff(&manager, "worker", 2, "Alex").await;
    let bea = t.staff(&manager, "worker", 3, "Bea").await;
    let sam = t.child(&alex, 10, "Sam").await;
    // Sam writes to Alex, then moves to Bea and Alex's access ends, all before anything is sent.
    sam.send_text("can we talk about friday");
    manager.send_text("/transfer Sam Bea");
    manager.send_text("/revoke Alex");
    t.app.poll_updates(0).await.unwrap();
    t.app.handle_updates().await.unwrap();
    t.settle().await;
    let told = alex.news_texts();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0].contains("access to Touchbase has ended"), "{told:?}");
    // Sam's words were not lost with Alex: they went to Bea, who has Sam now.
    assert!(bea.news_texts().iter().any(|m| m.contains("can we talk about friday")), "{:?}", bea.news_texts());
}

/// A child moved to a worker who has not joined would have every notice about them go nowhere.
#[tokio::test]
async fn a_child_moves_only_to_a_worker_who_has_joined() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let alex = t.staff(&manager, "worker", 2, "Alex").await;
    t.child(&alex, 10, "Sam").await;
    manager.send_text("/invite worker Cal");
    t.settle().await;
    manager.send_text("/transfer Sam Cal");
    t.settle().await;
    assert_eq!(
        manager.news_texts(),
        [
            "Cal has not joined Touchbase yet, so they would not hear about Sam. Ask them to join with their invite first."
        ]
    );
    alex.send_text("/children");
    t.settle().await;
    assert!(alex.last_text().contains("Sam"), "Sam stays with Alex: {}", alex.last_text());
}

#[tokio::test]
async fn a_manager_naming_a_child_two_workers_share_is_asked_which_and_the_command_goes_on() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let alex = t.staff(&manager, "worker", 2, "Alex").await;
    let bea = t.staff(&manager, "worker", 3, "Bea").await;
    say(&t, &alex, "/enrol Sam").await;
    say(&t, &bea, "/enrol Sam").await;

    let asked = say(&t, &manager, "/slot sam Tue 4pm place=\"Youth centre: room 2\"").await;
    assert_eq!(asked, "More than one child is called sam. Which one?");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM slots").await, 0, "nothing booked before the choice");
    manager.tap("Sam (Bea)");
    t.settle().await;
    let booked = manager.last_text();
    assert!(booked.starts_with("Booked: Sam, every Tuesday at 16:00"), "{booked}");
    let beas_sam = "SELECT c.id FROM people c JOIN people w ON w.id = c.worker_id WHERE w.name = 'Bea'";
    let slot_child = scalar(&t, "SELECT child_id FROM slots").await;
    assert_eq!(slot_child, scalar(&t, beas_sam).await);
    assert!(scalar(&t, "SELECT COUNT(*) FROM slots WHERE place = 'Youth centre: room 2'").await == 1);

    // The card, too; and a worker naming their own Sam is never asked.
    say(&t, &manager, "/child Sam").await;
    manager.tap("Sam (Alex)");
    t.settle().await;
    assert!(manager.news_texts().iter().any(|m| m.starts_with("Sam: ")), "{:?}", manager.news_texts());
    assert!(say(&t, &alex, "/slot Sam Wed 16:00").await.starts_with("Booked: Sam"), "{}", alex.last_text());
}
