//! `touchbase run --webhook URL --listen ADDR`, the real binary: it registers the webhook with its
//! secret token, takes pushed updates (each handled once, however often Telegram pushes it), refuses
//! pushes without the secret, and deletes the webhook when it stops. Polling stays the default.

use crate::support::app::invite_code_in;
use crate::support::binary::{count, output, start, terminate, touchbase};
use crate::support::db::TestDb;
use crate::support::fake_telegram::{FakeTelegram, post_json};
use touchbase::store::Store;

async fn wait_until_handled(store: &Store) {
    for _ in 0..100 {
        if count(store, "SELECT COUNT(*) FROM inbound_updates").await == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("updates were left unhandled");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_webhook_takes_each_update_once_refuses_strangers_and_is_removed_at_stop() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(dir.path(), "touchbase.db").await;
    let fake = FakeTelegram::start().await;
    let invite = output(touchbase(&db, Some(&fake), &[], &["invite", "manager", "Priya"])).await;
    let code = invite_code_in(&String::from_utf8(invite.stdout).unwrap());

    let port = free_port();
    let url = format!("http://127.0.0.1:{port}/telegram/hook");
    let listen = format!("127.0.0.1:{port}");
    let mut bot = start(touchbase(&db, Some(&fake), &[], &["run", "--webhook", &url, "--listen", &listen]));
    fake.wait_until("the webhook is set", || fake.webhook().is_some()).await;
    let (registered, secret) = fake.webhook().unwrap();
    assert_eq!(registered, url);
    let secret = secret.expect("a secret token");
    assert!(!secret.contains("TEST-token"), "the token itself never travels");
    assert_eq!(fake.calls("getUpdates"), 0, "no polling in webhook mode");

    // Telegram pushes every update twice, as when it missed our answer, and again long after it was
    // handled: each is handled once.
    fake.repeat_webhook_deliveries();
    let manager = fake.phone(1, "Priya");
    manager.send_text(&format!("/start {code}"));
    manager.wait_for_messages(1).await;
    assert!(manager.last_text().contains("Welcome, Priya"), "{}", manager.last_text());
    manager.send_text("/staff");
    manager.wait_for_messages(2).await;
    assert!(manager.last_text().starts_with("Staff (1)"), "{}", manager.last_text());
    fake.wait_until("each update was pushed twice", || fake.webhook_pushes_accepted() >= 4).await;
    let store = db.open().await;
    wait_until_handled(&store).await;
    assert_eq!(fake.push_accepted_updates_again().await, 2);
    wait_until_handled(&store).await;
    assert_eq!(count(&store, "SELECT COUNT(*) FROM handled_updates").await, 2);
    assert_eq!(manager.texts().len(), 2, "nothing answered twice: {:?}", manager.texts());

    // A push without the secret, or with another, is refused and changes nothing.
    let forged = br#"{"update_id": 999999, "message": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private", "first_name": "Priya"}, "from": {"id": 1, "is_bot": false, "first_name": "Priya"}, "text": "/staff"}}"#;
    assert_eq!(post_json(&url, None, forged).await, Some(401));
    assert_eq!(post_json(&url, Some("not-the-secret"), forged).await, Some(401));
    // The real secret with something that is not an update is accepted and dropped (pushing it again
    // would not help).
    assert_eq!(post_json(&url, Some(&secret), b"not json").await, Some(200));
    wait_until_handled(&store).await;
    assert_eq!(count(&store, "SELECT COUNT(*) FROM handled_updates").await, 2, "nothing new was taken");
    assert_eq!(manager.texts().len(), 2, "{:?}", manager.texts());

    terminate(&mut bot).await;
    assert!(fake.webhook().is_none(), "the webhook is deleted when the bot stops");
    // Polling is the default again.
    let mut bot = start(touchbase(&db, Some(&fake), &[], &["run"]));
    manager.send_text("/staff");
    manager.wait_for_messages(3).await;
    assert!(fake.calls("getUpdates") > 0);
    terminate(&mut bot).await;
}

#[tokio::test]
async fn webhook_and_listen_go_together() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(dir.path(), "touchbase.db").await;
    let alone = output(touchbase(&db, None, &[], &["run", "--webhook", "https://bot.example.org/hook"])).await;
    assert!(!alone.status.success());
    assert!(String::from_utf8_lossy(&alone.stderr).contains("--listen"), "{alone:?}");
}
