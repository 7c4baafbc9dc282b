//! `touchbase backup FILE` while the real bot is sending: the copy opens, is sound, and holds everything
//! committed before the backup began; restored as the README says, it runs and finishes the work.

use std::time::Duration;

use crate::support::binary::{RemindersDue, count, output, run_in_daytime, terminate, touchbase, wait_until_all_done};
use crate::support::db::TestDb;
use crate::support::fake_telegram::FakeTelegram;

const CHILDREN: i64 = 600;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_sending_holds_everything_committed_before_it_and_restores() {
    let RemindersDue { dir, db, store, fake, caseload } = RemindersDue::new(400_000, CHILDREN).await;
    if db.is_postgres() {
        // A PostgreSQL server is backed up with its own tools; the command says so and writes nothing.
        let copy = dir.path().join("backup.db");
        let refused = output(touchbase(&db, None, &[], &["backup", copy.to_str().unwrap()])).await;
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert!(!refused.status.success() && stderr.contains("pg_dump"), "{refused:?}");
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(!copy.exists());
        return;
    }

    let mut bot = run_in_daytime(&db, &fake);
    let sent = "SELECT COUNT(*) FROM outbox WHERE state = 'sent'";
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while count(&store, sent).await < 50 {
        assert!(tokio::time::Instant::now() < deadline, "the bot did not start sending");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let queued = "SELECT COUNT(*) FROM outbox";
    let (sent_before, queued_before) = (count(&store, sent).await, count(&store, queued).await);
    let copy = dir.path().join("backup.db");
    let backup = output(touchbase(&db, None, &[], &["backup", copy.to_str().unwrap()])).await;
    assert!(backup.status.success(), "{backup:?}");
    let (sent_after, queued_after) = (count(&store, sent).await, count(&store, queued).await);
    assert!(sent_after < CHILDREN, "the backup was taken while the bot was still sending");

    let copy_db = TestDb::new(dir.path(), "backup.db").await;
    let copy_store = copy_db.open().await;
    assert_eq!(copy_store.integrity_check().await.unwrap(), "ok");
    let in_copy = count(&copy_store, sent).await;
    assert!((sent_before..=sent_after).contains(&in_copy), "{sent_before} <= {in_copy} <= {sent_after}");
    let in_queue = count(&copy_store, queued).await;
    assert!((queued_before..=queued_after).contains(&in_queue), "{queued_before} <= {in_queue} <= {queued_after}");
    for table in ["people", "children", "occurrences", "jobs"] {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        assert_eq!(count(&copy_store, &sql).await, count(&store, &sql).await, "{table}");
    }
    copy_store.close().await;
    terminate(&mut bot).await;

    // Restore, as the README says: the bot stopped, the backup copied into place as the database file
    // (with no -wal or -shm files beside it), the bot started again.
    let restored_dir = tempfile::tempdir().unwrap();
    let restored = TestDb::new(restored_dir.path(), "touchbase.db").await;
    std::fs::copy(&copy, &restored.path).unwrap();
    let new_fake = FakeTelegram::start().await;
    new_fake.open_chats(caseload.child_user_ids());
    new_fake.enforce_telegram_limits();
    let mut bot = run_in_daytime(&restored, &new_fake);
    let restored_store = restored.open().await;
    wait_until_all_done(&restored_store, &new_fake, &restored, Duration::from_secs(120)).await;
    terminate(&mut bot).await;
    let reached = new_fake.messages_from_bot_per_chat();
    let not_sent_in_copy = CHILDREN - in_copy;
    assert_eq!(reached.len() as i64, not_sent_in_copy, "the restored bot sent what the backup had not");
    assert_eq!(count(&restored_store, "SELECT COUNT(*) FROM outbox WHERE state <> 'sent'").await, 0);
}
