//! Drop-in sessions end to end: audiences, capacity and the waiting list, children kept apart, clashes,
//! the private join link, cancelling, and the host's record of who came. Clock starts Monday
//! 23 November 2026 10:00; the drop-ins are on Friday 27 November at 18:00.

use crate::support::app::{TestApp, at, london, say, say_all, scalar, spawn_app, spawn_app_with, spawn_paced_app};
use crate::support::fake_telegram::Phone;

const LINK: &str = "https://zoom.example/j/4242?pwd=secret";

/// Priya (manager), Hana (host) and Alex (worker).
async fn staff(t: &TestApp) -> (Phone, Phone, Phone) {
    let manager = t.manager(1, "Priya").await;
    let host = t.staff(&manager, "host", 5, "Hana").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    (manager, host, worker)
}

async fn create(t: &TestApp, host: &Phone, options: &str) -> i64 {
    let reply =
        say(t, host, &format!("/dropin title=\"Art club\" at=\"2026-11-27 18:00\" link={LINK} {options}")).await;
    assert!(reply.starts_with("Drop-in #"), "{reply}");
    scalar(t, "SELECT MAX(id) FROM dropins").await
}

fn offered(child: &Phone) -> Vec<String> {
    child.texts().into_iter().filter(|m| m.starts_with("Art club:")).collect()
}

async fn sees_art_club(t: &TestApp, child: &Phone) -> bool {
    let before = offered(child).len();
    say(t, child, "/dropins").await;
    offered(child).len() > before
}

/// Taps whichever the drop-in offers: Sign up, or the waiting list when it is full.
fn take_a_place(child: &Phone) {
    let offer = child.last_message();
    let button = offer.buttons[0][0].clone();
    child.tap_data(offer.message_id, &button.callback_data.unwrap());
}

fn got_link(child: &Phone) -> bool {
    child.texts().iter().any(|m| m.contains(LINK))
}

#[tokio::test]
async fn only_the_audience_sees_a_drop_in() {
    let t = spawn_app().await;
    let (_, host, worker) = staff(&t).await;
    let amy = t.child(&worker, 11, "Amy born=2012-06-01 sex=female").await;
    let ben = t.child(&worker, 12, "Ben born=2012-06-01 sex=male").await;
    let cara = t.child(&worker, 13, "Cara born=2009-01-01 sex=female").await;
    let dee = t.child(&worker, 14, "Dee sex=female").await;
    create(&t, &host, "ages=13-15 sex=female").await;
    assert!(sees_art_club(&t, &amy).await, "14 and a girl");
    for (child, why) in [(&ben, "a boy"), (&cara, "17"), (&dee, "age not recorded")] {
        assert!(!sees_art_club(&t, child).await, "{why}");
        assert_eq!(child.last_text(), "There are no drop-ins for you right now.");
    }
    let shown = offered(&amy).pop().unwrap();
    assert_eq!(shown, "Art club: Friday 27 November, 6pm, 60 minutes. 10 places left.");
    // A forged tap from outside the audience is refused without saying why.
    let id = scalar(&t, "SELECT id FROM dropins").await;
    ben.tap_data(ben.messages().last().unwrap().message_id, &format!("1:join:{id}"));
    t.settle().await;
    assert_eq!(ben.callback_answers().last().unwrap().text.as_deref(), Some("Sorry, this drop-in is not available."));
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM dropin_signups").await, 0);
}

/// Paced as shipped, against a fake that keeps Telegram's limits: no 429 anywhere.
#[tokio::test]
async fn full_means_the_waiting_list_and_a_cancellation_promotes_the_first_with_notice() {
    let t = spawn_paced_app().await;
    let (_, host, worker) = staff(&t).await;
    let amy = t.child(&worker, 11, "Amy").await;
    let ben = t.child(&worker, 12, "Ben").await;
    let cara = t.child(&worker, 13, "Cara").await;
    create(&t, &host, "capacity=1").await;
    say(&t, &amy, "/dropins").await;
    amy.tap("Sign up");
    t.settle().await;
    assert_eq!(
        amy.last_text(),
        "You are signed up for Art club, Friday 27 November, 6pm. You will get the link to join just before."
    );
    say(&t, &ben, "/dropins").await;
    assert_eq!(
        ben.last_text(),
        "Art club: Friday 27 November, 6pm, 60 minutes. It is full, but you can join the waiting list."
    );
    ben.tap("Join the waiting list");
    t.settle().await;
    assert_eq!(ben.last_text(), "Art club is full, so you are on the waiting list. You are number 1.");
    say(&t, &cara, "/dropins").await;
    cara.tap("Join the waiting list");
    t.settle().await;
    assert_eq!(cara.last_text(), "Art club is full, so you are on the waiting list. You are number 2.");
    assert_eq!(
        say(&t, &cara, "/mine").await,
        "Art club: Friday 27 November, 6pm. You are number 2 on the waiting list."
    );
    let roster = say(&t, &host, "/roster 1").await;
    assert!(
        roster.contains("Signed up (1/1):\n• Amy (Alex)\nWaiting list (2):\n• Ben (Alex)\n• Cara (Alex)"),
        "{roster}"
    );

    say(&t, &amy, "/mine").await;
    amy.tap("Cancel");
    t.settle().await;
    assert!(amy.messages().iter().any(|m| m.edited && m.text == "OK, you are no longer signed up for Art club."));
    assert_eq!(ben.last_text(), "Good news! You now have a place at Art club, Friday 27 November, 6pm.");
    assert_eq!(
        say(&t, &cara, "/mine").await,
        "Art club: Friday 27 November, 6pm. You are number 1 on the waiting list."
    );
    assert_eq!(say(&t, &amy, "/mine").await, "You are not signed up for any drop-ins. Send /dropins to see them.");
}

#[tokio::test]
async fn children_kept_apart_are_never_on_one_roster_either_way_and_are_told_nothing() {
    for first_is_sam in [true, false] {
        let t = spawn_app().await;
        let (_, host, worker) = staff(&t).await;
        let sam = t.child(&worker, 11, "Sam").await;
        let jay = t.child(&worker, 12, "Jay").await;
        say(&t, &worker, "/apart Sam Jay").await;
        create(&t, &host, "").await;
        let (first, second) = if first_is_sam { (&sam, &jay) } else { (&jay, &sam) };
        say(&t, first, "/dropins").await;
        say(&t, second, "/dropins").await;
        first.tap("Sign up");
        t.settle().await;
        assert!(!sees_art_club(&t, second).await, "not offered once the other is on it");
        second.tap("Sign up");
        t.settle().await;
        assert_eq!(
            second.callback_answers().last().unwrap().text.as_deref(),
            Some("Sorry, this drop-in is not available.")
        );
        assert_eq!(scalar(&t, "SELECT COUNT(*) FROM dropin_signups").await, 1);
        for (child, other) in [(&sam, "jay"), (&jay, "sam")] {
            for text in child.texts() {
                let lower = text.to_lowercase();
                assert!(!lower.contains("apart") && !lower.contains(other), "{text}");
            }
        }
        // Inviting by hand is stopped too, and the host is told neither who nor why.
        let name = if first_is_sam { "Jay" } else { "Sam" };
        let reply = say(&t, &host, &format!("/dropin_invite 1 {name}")).await;
        assert_eq!(
            reply,
            format!(
                "If {name} can come, they are invited now and told. To keep children's details private, I can't say more."
            )
        );
        assert_eq!(scalar(&t, "SELECT COUNT(*) FROM dropin_invites").await, 0);
    }
}

#[tokio::test]
async fn a_drop_in_in_curfew_hours_is_not_offered_and_a_tap_is_refused_with_the_reason() {
    let t = spawn_app().await;
    let (_, host, worker) = staff(&t).await;
    let sam = t.child(&worker, 11, "Sam").await;
    say(&t, &worker, "/commitment Sam daily 19:00-07:00 curfew").await;
    let reply = say(&t, &host, &format!("/dropin title=\"Art club\" at=\"2026-11-27 18:30\" link={LINK}")).await;
    assert!(reply.starts_with("Drop-in #1"), "{reply}");
    assert!(!sees_art_club(&t, &sam).await);
    sam.tap_data(sam.messages().last().unwrap().message_id, "1:join:1");
    t.settle().await;
    assert_eq!(
        sam.callback_answers().last().unwrap().text.as_deref(),
        Some("Sorry, this is at the same time as something you have on then.")
    );
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM dropin_signups").await, 0);
}

#[tokio::test]
async fn a_commitment_the_worker_marked_shown_is_named_to_the_child_and_no_other_is() {
    let t = spawn_app().await;
    let (_, host, worker) = staff(&t).await;
    let sam = t.child(&worker, 11, "Sam").await;
    say(&t, &worker, "/commitment Sam daily 19:00-07:00 curfew").await;
    let reply = say(&t, &worker, "/commitment Sam Fri 6pm-8pm youth club shown=yes").await;
    assert_eq!(reply, "Recorded for Sam: youth club, Fri 18:00-20:00. Sam can see the word \"youth club\".");
    assert!(say(&t, &worker, "/commitment Sam Sat 10:00-12:00 match shown=maybe").await.contains("shown=maybe"));
    say(&t, &host, &format!("/dropin title=\"Art club\" at=\"2026-11-27 18:30\" link={LINK}")).await;
    say(&t, &host, &format!("/dropin title=\"Games\" at=\"2026-11-28 19:30\" link={LINK}")).await;
    // Friday 18:30 meets both the youth club (shown) and the curfew: the one the child may read is named.
    let answer = |sam: &crate::support::fake_telegram::Phone| sam.callback_answers().last().unwrap().text.clone();
    sam.tap_data(sam.messages().last().unwrap().message_id, "1:join:1");
    t.settle().await;
    assert_eq!(answer(&sam).as_deref(), Some("Sorry, this is at the same time as youth club."));
    // Saturday 19:30 meets only the curfew, which is never named.
    sam.tap_data(sam.messages().last().unwrap().message_id, "1:join:2");
    t.settle().await;
    assert_eq!(answer(&sam).as_deref(), Some("Sorry, this is at the same time as something you have on then."));
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM commitments").await, 2);
}

#[tokio::test]
async fn the_link_reaches_exactly_those_signed_up_at_the_lead_time_and_late_ones_at_once() {
    let t = spawn_app_with(&[("TOUCHBASE_JOIN_LINK_LEAD", "15m")]).await;
    let (manager, host, worker) = staff(&t).await;
    let amy = t.child(&worker, 11, "Amy").await;
    let ben = t.child(&worker, 12, "Ben").await;
    let cara = t.child(&worker, 13, "Cara").await;
    let dan = t.child(&worker, 14, "Dan").await;
    let eve = t.child(&worker, 15, "Eve").await;
    create(&t, &host, "capacity=2").await;
    for child in [&amy, &ben, &cara, &dan] {
        say(&t, child, "/dropins").await;
        take_a_place(child);
        t.settle().await;
    }
    say(&t, &ben, "/mine").await;
    ben.tap("Cancel");
    t.settle().await;
    // Ben left, so Cara moved up; Dan waits.
    for phone in [&amy, &ben, &cara, &dan, &eve, &host, &worker, &manager] {
        assert!(!got_link(phone), "nobody has the link yet");
    }
    say(&t, &host, "/dropins").await;
    say(&t, &host, "/roster 1").await;
    assert!(!host.texts().iter().skip(1).any(|m| m.contains(LINK)), "not in lists or rosters");

    at(&t, london(2026, 11, 27, 17, 44)).await;
    assert!(!got_link(&amy));
    at(&t, london(2026, 11, 27, 17, 45)).await;
    assert_eq!(amy.last_text(), format!("Art club starts soon. Tap here to join: {LINK}"));
    assert!(got_link(&cara));
    assert!(!got_link(&ben) && !got_link(&dan) && !got_link(&eve), "only those signed up");

    say(&t, &eve, "/dropins").await;
    eve.tap("Join the waiting list");
    t.settle().await;
    assert!(!got_link(&eve), "waiting, so no link");
    say(&t, &amy, "/mine").await;
    amy.tap("Cancel");
    t.settle().await;
    assert!(got_link(&dan), "promoted after the link went: gets it at once");
    assert!(!got_link(&eve));
    let t = t.restart().await;
    at(&t, london(2026, 11, 27, 17, 50)).await;
    let links = |p: &Phone| p.texts().iter().filter(|m| m.contains(LINK)).count();
    assert_eq!((links(&amy), links(&cara), links(&dan)), (1, 1, 1), "each once, a restart changes nothing");
}

#[tokio::test]
async fn cancelling_a_drop_in_tells_everyone_on_it_and_sends_no_link() {
    let t = spawn_app().await;
    let (manager, host, worker) = staff(&t).await;
    let amy = t.child(&worker, 11, "Amy").await;
    let ben = t.child(&worker, 12, "Ben").await;
    let other_host = t.staff(&manager, "host", 6, "Hal").await;
    create(&t, &host, "capacity=1").await;
    for child in [&amy, &ben] {
        say(&t, child, "/dropins").await;
        take_a_place(child);
        t.settle().await;
    }
    assert!(say(&t, &other_host, "/cancel_dropin 1").await.contains("run by another host"));
    assert_eq!(say(&t, &host, "/cancel_dropin 1 host is ill").await, "#1 Art club is cancelled. 2 children were told.");
    for child in [&amy, &ben] {
        assert_eq!(child.last_text(), "Sorry, Art club on Friday 27 November, 6pm is not happening.");
    }
    at(&t, london(2026, 11, 27, 18, 0)).await;
    assert!(!got_link(&amy) && !got_link(&ben));
    assert!(say(&t, &amy, "/dropins").await.contains("no drop-ins for you"));
}

#[tokio::test]
async fn the_host_records_who_came_from_the_roster() {
    let t = spawn_app().await;
    let (_, host, worker) = staff(&t).await;
    let amy = t.child(&worker, 11, "Amy").await;
    create(&t, &host, "").await;
    say(&t, &amy, "/dropins").await;
    amy.tap("Sign up");
    t.settle().await;
    say(&t, &host, "/roster 1").await;
    host.tap("Amy: came?");
    t.settle().await;
    assert_eq!(host.callback_answers().last().unwrap().text.as_deref(), Some("This drop-in has not started yet."));
    at(&t, london(2026, 11, 27, 18, 20)).await;
    host.tap("Amy: came?");
    t.settle().await;
    let roster = host.last_message();
    assert!(roster.text.contains("Came: 1."), "{}", roster.text);
    assert_eq!(roster.buttons[0][0].text, "✅ Amy came");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM dropin_signups WHERE attended = 1").await, 1);
    assert!(say(&t, &worker, "/roster 1").await.contains("run by another host"), "a worker cannot see Hana's roster");
}

#[tokio::test]
async fn twenty_taps_at_once_on_five_places_fill_the_roster_then_the_waiting_list_in_tap_order() {
    let t = spawn_app().await;
    let (_, host, worker) = staff(&t).await;
    let mut children = Vec::new();
    for n in 0..20 {
        children.push(t.child(&worker, 100 + n, &format!("Kid{n}")).await);
    }
    create(&t, &host, "capacity=5").await;
    for child in &children {
        child.send_text("/dropins");
    }
    t.settle().await;
    // Every child taps the button they were shown before anyone's tap is handled.
    for child in children.iter().rev() {
        child.tap("Sign up");
    }
    t.settle().await;
    let mut conn = t.app.store().connection().await.unwrap();
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT p.telegram_user_id, s.state FROM dropin_signups s JOIN people p ON p.id = s.child_id ORDER BY s.id",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    let tap_order: Vec<i64> = (0..20).rev().map(|n| 100 + n).collect();
    assert_eq!(rows.iter().map(|(id, _)| *id).collect::<Vec<_>>(), tap_order);
    let states: Vec<&str> = rows.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(states[..5], ["signed"; 5]);
    assert_eq!(states[5..], ["waiting"; 15]);
    assert_eq!(children[14].last_text(), "Art club is full, so you are on the waiting list. You are number 1.");
    assert_eq!(children[0].last_text(), "Art club is full, so you are on the waiting list. You are number 15.");
}

#[tokio::test]
async fn bad_drop_ins_are_refused_with_an_example_and_children_cannot_create_them() {
    let t = spawn_app().await;
    let (_, host, worker) = staff(&t).await;
    let amy = t.child(&worker, 11, "Amy").await;
    for (args, expected) in [
        ("", "What is the drop-in called?"),
        ("title=\"Art\" at=\"2026-11-27 18:00\"", "What is the video call link?"),
        ("title=\"Art\" at=\"tomorrow\" link=https://x.example", "Give a day and a time"),
        ("title=\"Art\" at=\"2026-11-20 18:00\" link=https://x.example", "passed"),
        ("title=\"Art\" at=\"2026-11-27 18:00\" link=javascript:alert(1)", "https://"),
        ("title=\"Art\" at=\"2026-11-27 18:00\" link=http://zoom.example/j/4242", "https://"),
        ("title=\"Art\" at=\"2026-11-27 18:00\" link=https://", "https://"),
        ("title=\"Art\" at=\"2026-11-27 18:00\" capacity=0 link=https://x.example", "1-200"),
        ("title=\"Art\" at=\"2026-11-27 18:00\" ages=17-13 link=https://x.example", "A-B"),
        ("title=\"Art\" at=\"2026-11-27 18:00\" sex=other link=https://x.example", "female, male, any"),
        ("title=\"Art\" at=\"2026-11-27 18:00\" colour=red link=https://x.example", "colour"),
    ] {
        let reply = say(&t, &host, &format!("/dropin {args}")).await;
        assert!(reply.contains(expected), "{args}: {reply}");
    }
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM dropins").await, 0);
    assert!(
        say(&t, &amy, "/dropin title=\"Art\" at=\"2026-11-27 18:00\" link=https://x.example")
            .await
            .contains("can't use that")
    );
    assert!(say(&t, &amy, "/roster 1").await.contains("can't use that"));
}

#[tokio::test]
async fn invited_only_drop_ins_show_only_to_invited_children() {
    let t = spawn_app().await;
    let (manager, host, worker) = staff(&t).await;
    let other = t.staff(&manager, "worker", 3, "Bea").await;
    let amy = t.child(&worker, 11, "Amy").await;
    let ben = t.child(&worker, 12, "Ben").await;
    let cat = t.child(&other, 13, "Cat").await;
    create(&t, &host, "invited=yes").await;
    for child in [&amy, &ben, &cat] {
        assert!(!sees_art_club(&t, child).await);
    }
    assert_eq!(
        say(&t, &host, "/dropin_invite 1 Cat").await,
        "If Cat can come, they are invited now and told. To keep children's details private, I can't say more."
    );
    assert_eq!(cat.last_text(), "You are invited to Art club, Friday 27 November, 6pm. Tap to sign up.");
    cat.tap("Sign up");
    t.settle().await;
    assert!(cat.last_text().starts_with("You are signed up for Art club"));
    // A whole caseload is for its own worker, or a manager.
    assert_eq!(
        say(&t, &host, "/dropin_invite 1 caseload=Alex").await,
        "You can invite a whole caseload only if it is yours. Invite children by name, or ask a manager."
    );
    assert!(!sees_art_club(&t, &amy).await);
    assert_eq!(say(&t, &manager, "/dropin_invite 1 caseload=Alex").await, "Invited to #1 Art club: 2.");
    assert!(sees_art_club(&t, &amy).await);
}

#[tokio::test]
async fn a_host_trying_names_learns_nothing_about_children_they_do_not_work_with() {
    let t = spawn_app().await;
    let (manager, host, worker) = staff(&t).await;
    let other = t.staff(&manager, "worker", 3, "Bea").await;
    let amy = t.child(&worker, 11, "Amy born=2012-06-01 sex=female").await;
    t.child(&worker, 12, "Jay born=2012-06-01 sex=female").await;
    t.child(&worker, 13, "Kim born=2012-06-01 sex=female").await;
    t.child(&worker, 14, "Ben born=2012-06-01 sex=male").await;
    t.child(&worker, 15, "Sam born=2012-06-01 sex=female").await;
    t.child(&other, 16, "Sam born=2012-06-01 sex=female").await;
    let cat = t.child(&other, 17, "Cat born=2012-06-01 sex=female").await;
    t.child(&other, 18, "Dee born=2015-06-01 sex=female").await;
    say(&t, &worker, "/apart Amy Jay").await;
    say(&t, &worker, "/commitment Kim daily 17:00-19:00 football").await;
    create(&t, &host, "ages=13-15 sex=female invited=yes").await;
    say(&t, &manager, "/dropin_invite 1 Amy").await;
    amy.tap("Sign up");
    t.settle().await;

    // Kept apart, busy, outside the audience (by sex, by age), a shared name, an unknown name, and one
    // who can come: the host hears the same words about each.
    let mut answers = Vec::new();
    for name in ["Jay", "Kim", "Ben", "Dee", "Sam", "Zed", "Cat"] {
        let news = say_all(&t, &host, &format!("/dropin_invite 1 {name}")).await;
        answers.push(news.join("\n").replace(name, "NAME"));
    }
    assert!(answers.iter().all(|a| *a == answers[0]), "{answers:#?}");
    assert_eq!(
        answers[0],
        "If NAME can come, they are invited now and told. To keep children's details private, I can't say more."
    );
    // Only the one who could come was invited, and heard.
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM dropin_invites").await, 2, "Amy and Cat");
    assert!(cat.last_text().starts_with("You are invited to Art club"));
    // Another worker's caseload is not the host's to list.
    let reply = say(&t, &host, "/dropin_invite 1 caseload=Bea").await;
    assert_eq!(
        reply,
        "You can invite a whole caseload only if it is yours. Invite children by name, or ask a manager."
    );
}

#[tokio::test]
async fn children_kept_apart_after_signing_up_are_separated_and_the_next_one_waiting_moves_up() {
    let t = spawn_app().await;
    let (_, host, worker) = staff(&t).await;
    let sam = t.child(&worker, 11, "Sam").await;
    let jay = t.child(&worker, 12, "Jay").await;
    let kim = t.child(&worker, 13, "Kim").await;
    create(&t, &host, "capacity=2").await;
    for child in [&sam, &jay, &kim] {
        say(&t, child, "/dropins").await;
        take_a_place(child);
        t.settle().await;
    }
    say(&t, &worker, "/apart Sam Jay").await;
    assert_eq!(jay.last_text(), "Sorry, your place at Art club is no longer available.");
    assert!(!jay.last_text().to_lowercase().contains("sam"));
    assert_eq!(
        host.last_text(),
        "Jay can no longer come to #1 Art club. They were told only that their place is no longer available."
    );
    assert_eq!(kim.last_text(), "Good news! You now have a place at Art club, Friday 27 November, 6pm.");
    at(&t, london(2026, 11, 27, 17, 45)).await;
    assert!(got_link(&sam) && got_link(&kim) && !got_link(&jay));
}

#[tokio::test]
async fn a_cancellation_reaches_children_at_once_even_at_night_and_invites_respect_the_audience() {
    let t = spawn_app().await;
    let (manager, host, worker) = staff(&t).await;
    let amy = t.child(&worker, 11, "Amy born=2012-06-01 sex=female").await;
    t.child(&worker, 12, "Ben born=2012-06-01 sex=male").await;
    let reply = say(
        &t,
        &host,
        &format!("/dropin title=\"Art club\" at=\"2026-11-27 21:30\" sex=female invited=yes link={LINK}"),
    )
    .await;
    assert!(reply.starts_with("Drop-in #1"), "{reply}");
    let answers = say_all(&t, &manager, "/dropin_invite 1 caseload=Alex").await;
    assert_eq!(
        answers,
        [
            "Invited to #1 Art club: 1.",
            "Not invited: 1. To keep children's details private, I can't say who or why. Their worker can check."
        ]
    );
    assert!(sees_art_club(&t, &amy).await);
    amy.tap("Sign up");
    t.settle().await;
    at(&t, london(2026, 11, 27, 21, 5)).await;
    say(&t, &host, "/cancel_dropin 1").await;
    assert_eq!(amy.last_text(), "Sorry, Art club on Friday 27 November, 9:30pm is not happening.");
}

#[tokio::test]
async fn the_join_link_job_failing_for_good_tells_the_host_and_sends_no_link() {
    let t = spawn_app_with(&[("TOUCHBASE_JOIN_LINK_LEAD", "15m")]).await;
    let (manager, host, worker) = staff(&t).await;
    let amy = t.child(&worker, 11, "Amy").await;
    create(&t, &host, "").await;
    say(&t, &amy, "/dropins").await;
    take_a_place(&amy);
    t.settle().await;
    crate::support::breakage::fail_jobs_of_kind(t.app.store(), "dropin-link").await;
    at(&t, london(2026, 11, 27, 17, 45)).await;
    for _ in 0..12 {
        t.clock.advance(chrono::Duration::seconds(90));
        t.settle().await;
    }
    let told: Vec<String> = host.texts().into_iter().filter(|m| m.contains("could not be sent")).collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0].starts_with("The join link for") && !told[0].contains(LINK), "{}", told[0]);
    assert!(!got_link(&amy), "no link went");
    assert!(!manager.texts().iter().any(|m| m.contains("could not be sent")), "the host is the one to act");
}

#[tokio::test]
async fn a_place_that_opens_goes_to_the_first_one_waiting_who_can_still_come() {
    let t = spawn_app().await;
    let (_, host, worker) = staff(&t).await;
    let amy = t.child(&worker, 11, "Amy").await;
    let ben = t.child(&worker, 12, "Ben").await;
    let cara = t.child(&worker, 13, "Cara").await;
    create(&t, &host, "capacity=1").await;
    for child in [&amy, &ben, &cara] {
        say(&t, child, "/dropins").await;
        take_a_place(child);
        t.settle().await;
    }
    // Ben, first in line, now has football on Friday evenings.
    say(&t, &worker, "/commitment Ben Fri 17:00-19:30 football").await;
    say(&t, &amy, "/mine").await;
    amy.tap("Cancel");
    t.settle().await;
    assert!(ben.news().is_empty(), "Ben cannot come then, so is not given the place: {:?}", ben.news_texts());
    assert_eq!(cara.last_text(), "Good news! You now have a place at Art club, Friday 27 November, 6pm.");
    let roster = say(&t, &host, "/roster 1").await;
    assert!(roster.contains("Signed up (1/1):\n• Cara (Alex)"), "{roster}");
}

#[tokio::test]
async fn tapping_came_again_on_the_roster_undoes_it() {
    let t = spawn_app().await;
    let (_, host, worker) = staff(&t).await;
    let amy = t.child(&worker, 11, "Amy").await;
    create(&t, &host, "").await;
    say(&t, &amy, "/dropins").await;
    amy.tap("Sign up");
    t.settle().await;
    at(&t, london(2026, 11, 27, 18, 20)).await;
    say(&t, &host, "/roster 1").await;
    host.tap("Amy: came?");
    t.settle().await;
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM dropin_signups WHERE attended = 1").await, 1);
    host.tap("✅ Amy came");
    t.settle().await;
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM dropin_signups WHERE attended = 1").await, 0, "a slip undone");
    let roster = host.last_message();
    assert!(roster.text.contains("Came: 0."), "{}", roster.text);
    assert_eq!(roster.buttons[0][0].text, "Amy: came?");
}
