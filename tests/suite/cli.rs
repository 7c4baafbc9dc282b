//! The `touchbase` binary itself: settings errors, `invite manager`, `migrate`, `backup`, and `run` end to end.

use std::process::Output;

use crate::support::app::invite_code_in;
use crate::support::binary::{
    count, kill_9, output, run_in_daytime, start, start_logging, terminate, touchbase, wall_clock,
};
use crate::support::db::TestDb;
use crate::support::fake_telegram::{BOT_USERNAME, FakeTelegram};
use crate::support::seed::Caseload;
use touchbase::domain::people::{ChannelKind, Language};
use touchbase::store::{jobs, outbox};

fn one_line_error(output: &Output) -> String {
    assert!(!output.status.success(), "should fail: {output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    stderr
}

#[tokio::test]
async fn bad_settings_stop_start_up_with_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(dir.path(), "t.db").await;
    let stderr = one_line_error(&output(touchbase(&db, None, &[], &["run"])).await);
    assert!(stderr.contains("TELOXIDE_TOKEN is not set") && stderr.contains("Example"), "{stderr}");
    let fake = FakeTelegram::start().await;
    for (variable, value) in [
        ("TOUCHBASE_TZ", "Europe/Londres"),
        ("TOUCHBASE_REMINDERS", "24h,1x"),
        ("TOUCHBASE_QUIET_HOURS", "21:00-25:00"),
        ("TOUCHBASE_JOIN_LINK_LEAD", "soon"),
        ("TOUCHBASE_FIGURES_CRON", "every monday"),
        ("TOUCHBASE_INVITE_TTL", "7 days"),
        ("TOUCHBASE_RETENTION", "forever"),
    ] {
        let stderr = one_line_error(&output(touchbase(&db, Some(&fake), &[(variable, value)], &["run"])).await);
        assert!(stderr.contains(variable) && stderr.contains(value) && stderr.contains("Example"), "{stderr}");
    }
    assert!(!db.was_touched().await, "nothing was created");
}

#[tokio::test]
async fn a_rejected_token_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let fake = FakeTelegram::start().await;
    let db = TestDb::new(dir.path(), "t.db").await;
    let mut command = touchbase(&db, Some(&fake), &[], &["run"]);
    command.env("TELOXIDE_TOKEN", "999:wrong-token");
    let stderr = one_line_error(&output(command).await);
    assert!(stderr.contains("Telegram rejected TELOXIDE_TOKEN"), "{stderr}");
    assert!(!stderr.contains("wrong-token"), "the token is never printed: {stderr}");
}

#[tokio::test]
async fn migrate_creates_the_database_and_backup_copies_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(dir.path(), "t.db").await;
    let done = output(touchbase(&db, None, &[], &["migrate"])).await;
    assert!(done.status.success(), "{done:?}");
    assert!(db.was_touched().await);
    let fake = FakeTelegram::start().await;
    let invite = output(touchbase(&db, Some(&fake), &[], &["invite", "manager", "Priya"])).await;
    assert!(invite.status.success(), "{invite:?}");

    let copy = dir.path().join("copy.db");
    let backup = output(touchbase(&db, None, &[], &["backup", copy.to_str().unwrap()])).await;
    if db.is_postgres() {
        assert!(one_line_error(&backup).contains("pg_dump"), "{backup:?}");
        return;
    }
    assert!(backup.status.success(), "{backup:?}");
    let store = touchbase::store::Store::open(&format!("sqlite://{}", copy.display())).await.unwrap();
    let mut conn = store.connection().await.unwrap();
    let (people,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM people").fetch_one(&mut *conn).await.unwrap();
    assert_eq!(people, 1, "the backup holds what was committed");

    let again = output(touchbase(&db, None, &[], &["backup", copy.to_str().unwrap()])).await;
    let stderr = one_line_error(&again);
    assert!(stderr.contains("already exists"), "{stderr}");
}

#[tokio::test]
async fn the_real_binary_runs_the_whole_first_day_and_restarts_without_answering_twice() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(dir.path(), "touchbase.db").await;
    let fake = FakeTelegram::start().await;

    let invite = output(touchbase(&db, Some(&fake), &[], &["invite", "manager", "Priya"])).await;
    let stdout = String::from_utf8(invite.stdout).unwrap();
    assert!(invite.status.success() && stdout.contains(&format!("https://t.me/{BOT_USERNAME}?start=")), "{stdout}");
    let code = invite_code_in(&stdout);

    let mut bot = start(touchbase(&db, Some(&fake), &[], &["run"]));
    let manager = fake.phone(1, "Priya");
    manager.send_text(&format!("/start {code}"));
    manager.wait_for_messages(1).await;
    assert!(manager.last_text().contains("Welcome, Priya"));

    manager.send_text("/invite worker Alex");
    manager.wait_for_messages(2).await;
    let worker = fake.phone(2, "Alex");
    worker.send_text(&format!("/start {}", invite_code_in(&manager.last_text())));
    worker.wait_for_messages(1).await;
    // Priya hears Alex joined; several messages are in flight at once, so it may come last.
    manager.wait_for_messages(3).await;
    worker.send_text("/enrol Sam");
    worker.wait_for_messages(2).await;
    let child = fake.phone(3, "Sam");
    child.send_text(&format!("/start {}", invite_code_in(&worker.last_text())));
    child.wait_for_messages(2).await;
    // The worker hears Sam joined; several messages are in flight at once, so it may come last.
    worker.wait_for_messages(3).await;
    child.tap("Cymraeg");
    fake.wait_until("the tap is answered", || child.callback_answers().len() == 1).await;
    child.send_text("/help");
    child.wait_for_messages(3).await;
    assert!(!child.last_text().contains("Here is"), "help in Welsh: {}", child.last_text());

    terminate(&mut bot).await;

    let seen = (manager.texts().len(), worker.texts().len(), child.texts().len());
    let mut bot = start(touchbase(&db, Some(&fake), &[], &["run"]));
    manager.send_text("/staff");
    manager.wait_for_messages(seen.0 + 1).await;
    assert!(manager.last_text().starts_with("Staff (2)"), "{}", manager.last_text());
    assert_eq!((worker.texts().len(), child.texts().len()), (seen.1, seen.2), "nothing answered twice");
    terminate(&mut bot).await;
}

#[tokio::test]
async fn a_second_copy_on_the_same_database_says_so_and_exits() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(dir.path(), "touchbase.db").await;
    let fake = FakeTelegram::start().await;
    let mut first = start(touchbase(&db, Some(&fake), &[], &["run"]));
    fake.wait_until("the first copy polls", || fake.calls("getUpdates") > 0).await;
    let second = output(touchbase(&db, Some(&fake), &[], &["run"])).await;
    let line = one_line_error(&second);
    assert!(line.contains("another copy of touchbase is already running"), "{line}");
    assert!(first.try_wait().unwrap().is_none(), "the first copy runs on");
    terminate(&mut first).await;
    // Once it has stopped, a new copy may start.
    let mut again = start(touchbase(&db, Some(&fake), &[], &["run"]));
    let polls = fake.calls("getUpdates");
    fake.wait_until("the new copy polls", || fake.calls("getUpdates") > polls).await;
    terminate(&mut again).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_up_takes_back_at_once_what_a_killed_copy_left_claimed_without_counting_a_try() {
    // One copy on SQLite holds the lock, so whatever is claimed at its start was claimed by one that died.
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path(), "touchbase.db");
    let store = db.open().await;
    let fake = FakeTelegram::start().await;
    let caseload = Caseload { first_user_id: 700_000, children: 1, worker_user_id: 699_999, workers: 1 };
    let now = wall_clock().timestamp();
    caseload.seed(&store, now - 1, now + 3 * 3600).await;
    fake.open_chats([700_000, 699_999]);
    {
        // The killed copy had claimed the child's reminder job and a message to the worker, for ten minutes.
        let mut conn = store.connection().await.unwrap();
        let message = outbox::NewMessage {
            channel: ChannelKind::Telegram,
            language: Language::English,
            person_id: None,
            about_child_id: None,
            chat_id: 699_999,
            occurrence_id: None,
            payload: r#"{"kind":"message","html":"left claimed","buttons":[]}"#,
            due_at: now,
            priority: outbox::Priority::Person,
            report_loss: true,
            topic: None,
        };
        outbox::enqueue(&mut conn, message, now).await.unwrap();
        assert_eq!(outbox::claim_due(&mut conn, ChannelKind::Telegram, "killed", now, 600, 10).await.unwrap().len(), 1);
        assert_eq!(jobs::claim_due(&mut conn, "killed", now, 600, 10).await.unwrap().len(), 1);
    }
    let mut bot = run_in_daytime(&db, &fake);
    fake.wait_until("both went, long before the leases run out", || fake.messages_from_bot_per_chat().len() == 2).await;
    terminate(&mut bot).await;
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM outbox WHERE state = 'sent' AND attempts = 1").await,
        2,
        "one try each"
    );
    assert_eq!(count(&store, "SELECT COUNT(*) FROM jobs WHERE state = 'done' AND attempts = 1").await, 1);
}

#[tokio::test]
async fn inviting_the_first_manager_again_closes_the_old_link() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(dir.path(), "touchbase.db").await;
    let fake = FakeTelegram::start().await;
    let invite = || output(touchbase(&db, Some(&fake), &[], &["invite", "manager", "Priya"]));
    let old = invite_code_in(&String::from_utf8(invite().await.stdout).unwrap());
    let new = invite_code_in(&String::from_utf8(invite().await.stdout).unwrap());
    assert_ne!(old, new);
    let mut bot = start(touchbase(&db, Some(&fake), &[], &["run"]));
    let priya = fake.phone(1, "Priya");
    priya.send_text(&format!("/start {old}"));
    priya.wait_for_messages(1).await;
    assert!(!priya.last_text().contains("Welcome"), "the old link no longer works: {}", priya.last_text());
    priya.send_text(&format!("/start {new}"));
    priya.wait_for_messages(2).await;
    assert!(priya.last_text().contains("Welcome, Priya"), "{}", priya.last_text());
    terminate(&mut bot).await;
}

#[tokio::test]
async fn polling_deletes_a_webhook_a_killed_copy_left_behind() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(dir.path(), "touchbase.db").await;
    let fake = FakeTelegram::start().await;
    let code = invite_code_in(
        &String::from_utf8(output(touchbase(&db, Some(&fake), &[], &["invite", "manager", "Priya"])).await.stdout)
            .unwrap(),
    );
    // A webhook copy was killed before it could delete its webhook: Telegram refuses polls meanwhile.
    teloxide::prelude::Requester::set_webhook(&fake.bot(), url::Url::parse("https://gone.example/hook").unwrap())
        .await
        .unwrap();
    let priya = fake.phone(1, "Priya");
    priya.send_text(&format!("/start {code}"));
    let mut bot = start(touchbase(&db, Some(&fake), &[], &["run"]));
    priya.wait_for_messages(1).await;
    assert!(priya.last_text().contains("Welcome, Priya"), "the update waiting at Telegram came through polling");
    assert!(fake.webhook().is_none());
    terminate(&mut bot).await;
}

#[tokio::test]
async fn the_log_at_info_holds_no_names_and_no_words_people_send() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(dir.path(), "touchbase.db").await;
    let fake = FakeTelegram::start().await;
    let code = invite_code_in(
        &String::from_utf8(output(touchbase(&db, Some(&fake), &[], &["invite", "manager", "Priyanka"])).await.stdout)
            .unwrap(),
    );
    let mut bot = start_logging(touchbase(&db, Some(&fake), &[("RUST_LOG", "info")], &["run"]), &db.log_path());
    let manager = fake.phone(1, "Priyanka");
    manager.send_text(&format!("/start {code}"));
    manager.wait_for_messages(1).await;
    manager.send_text("/enrol Zebedee");
    manager.wait_for_messages(2).await;
    let child = fake.phone(3, "Zebedee");
    child.send_text(&format!("/start {}", invite_code_in(&manager.last_text())));
    child.wait_for_messages(1).await;
    child.send_text("my secret words about Quixote");
    child.wait_for_messages(2).await;
    terminate(&mut bot).await;
    let logged = std::fs::read_to_string(db.log_path()).unwrap();
    assert!(logged.contains("touchbase is running"), "the log was written at info: {logged}");
    for private in ["Priyanka", "Zebedee", "secret words", "Quixote", &code] {
        assert!(!logged.contains(private), "{private:?} is in the log:\n{logged}");
    }
}

/// After `/erase` and a `kill -9` straight after, no file of the database holds the child's name or
/// their words: not the database, not its write-ahead log, not the shared-memory index.
#[tokio::test]
async fn after_an_erasure_and_a_kill_9_no_database_file_holds_the_child() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::sqlite(dir.path(), "touchbase.db");
    let fake = FakeTelegram::start().await;
    let code = invite_code_in(
        &String::from_utf8(output(touchbase(&db, Some(&fake), &[], &["invite", "manager", "Priya"])).await.stdout)
            .unwrap(),
    );
    let mut bot = start(touchbase(&db, Some(&fake), &[], &["run"]));
    let manager = fake.phone(1, "Priya");
    manager.send_text(&format!("/start {code}"));
    manager.wait_for_messages(1).await;
    manager.send_text("/enrol Zebulonia");
    manager.wait_for_messages(2).await;
    let child = fake.phone(3, "Zebulonia");
    child.send_text(&format!("/start {}", invite_code_in(&manager.last_text())));
    child.wait_for_messages(1).await;
    child.send_text("my words about Quixotica");
    fake.wait_until("the words reach the worker", || manager.texts().iter().any(|t| t.contains("Quixotica"))).await;
    manager.send_text("/erase Zebulonia");
    fake.wait_until("the manager is asked", || manager.last_text().starts_with("Erase everything")).await;
    manager.tap("Yes, erase");
    fake.wait_until("the erasure is done", || manager.last_text().starts_with("A child's records were erased")).await;
    kill_9(&mut bot);
    for file in ["touchbase.db", "touchbase.db-wal", "touchbase.db-shm"] {
        let Ok(bytes) = std::fs::read(dir.path().join(file)) else { continue };
        let lower = String::from_utf8_lossy(&bytes).to_lowercase();
        for trace in ["zebulonia", "quixotica"] {
            assert!(!lower.contains(trace), "{trace:?} is still in {file}");
        }
    }
}
