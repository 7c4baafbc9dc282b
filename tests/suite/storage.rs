//! The store on its own: durable settings, migrations, and one winner when many race for an invite.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::{Duration, Instant};

use touchbase::domain::people::PersonName;
use touchbase::people::invites::{StaffInvite, invite_first_manager};

use crate::support::db::TestDb;
use touchbase::store::invites::{Redemption, redeem_invite};
use touchbase::store::{Backend, copies};

#[tokio::test]
async fn connections_are_durable_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(dir.path(), "t.db").await;
    let store = db.open().await;
    let mut conn = store.connection().await.unwrap();
    let orphan = sqlx::query("INSERT INTO children (person_id) VALUES (999)").execute(&mut *conn).await;
    assert!(orphan.is_err(), "foreign keys are enforced");
    if store.backend() == Backend::Postgres {
        // A PostgreSQL server's durability is its operator's settings; text must sort byte by byte.
        let (order,): (String,) = sqlx::query_as("SELECT CAST(string_agg(x, '') AS TEXT) FROM (SELECT x FROM (VALUES ('b'), ('B'), ('a')) v (x) ORDER BY x) o")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(order, "Bab");
        return;
    }
    let (journal,): (String,) = sqlx::query_as("PRAGMA journal_mode").fetch_one(&mut *conn).await.unwrap();
    let (synchronous,): (i64,) = sqlx::query_as("PRAGMA synchronous").fetch_one(&mut *conn).await.unwrap();
    let (foreign_keys,): (i64,) = sqlx::query_as("PRAGMA foreign_keys").fetch_one(&mut *conn).await.unwrap();
    let (busy,): (i64,) = sqlx::query_as("PRAGMA busy_timeout").fetch_one(&mut *conn).await.unwrap();
    let (secure,): (i64,) = sqlx::query_as("PRAGMA secure_delete").fetch_one(&mut *conn).await.unwrap();
    assert_eq!((journal.as_str(), synchronous, foreign_keys, secure), ("wal", 2, 1, 1));
    assert!(busy >= 5000);
}

/// A morning's reminder jobs write one transaction after another. A child's tap, arriving meanwhile,
/// must wait for the writes already in line, not for the jobs to run out: on SQLite a writer left to
/// the database's own retrying would lose nearly every race for the lock, and wait for seconds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_waits_its_turn_not_for_a_busy_writer_to_stop() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(dir.path(), "t.db").await;
    let store = db.open().await;
    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(AtomicI64::new(0));
    let busy = tokio::spawn({
        let (store, stop, written) = (store.clone(), stop.clone(), written.clone());
        async move {
            while !stop.load(Ordering::Relaxed) {
                let mut tx = store.begin().await.expect("the busy writer's turn");
                copies::seen(&mut tx, "busy", written.load(Ordering::Relaxed)).await.unwrap();
                tokio::time::sleep(Duration::from_millis(5)).await;
                tx.commit().await.unwrap();
                written.fetch_add(1, Ordering::Relaxed);
            }
        }
    });
    while written.load(Ordering::Relaxed) < 5 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let before = written.load(Ordering::Relaxed);
    let mut longest = Duration::ZERO;
    for n in 0..10 {
        let asked = Instant::now();
        let mut tx = store.begin().await.expect("a transaction's turn");
        longest = longest.max(asked.elapsed());
        copies::seen(&mut tx, "tap", n).await.unwrap();
        tx.commit().await.unwrap();
        let asked = Instant::now();
        let mut conn = store.writer().await.expect("a single write's turn");
        copies::seen(&mut conn, "claim", n).await.unwrap();
        longest = longest.max(asked.elapsed());
    }
    let meanwhile = written.load(Ordering::Relaxed) - before;
    stop.store(true, Ordering::Relaxed);
    busy.await.unwrap();
    assert!(meanwhile >= 3, "the busy writer kept writing meanwhile ({meanwhile})");
    assert!(longest < Duration::from_millis(500), "a write waited {longest:?} behind a busy writer");
}

#[tokio::test]
async fn migrating_twice_is_harmless() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(dir.path(), "t.db").await;
    let store = db.open().await;
    store.migrate().await.unwrap();
    store.close().await;
    let again = db.open().await;
    assert_eq!(again.integrity_check().await.unwrap(), "ok");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_invite_has_one_winner_however_many_race_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(dir.path(), "t.db").await;
    let store = Arc::new(db.open().await);
    let name = PersonName::parse("Priya").unwrap();
    let StaffInvite::Issued(invite) = invite_first_manager(&store, &name, 1_000, 3_600).await.unwrap() else {
        panic!("issued");
    };
    let hash = invite.code.hash();
    let racers: Vec<_> = (0..12)
        .map(|_| {
            let store = store.clone();
            let hash = hash.clone();
            tokio::spawn(async move {
                let mut tx = store.begin().await.unwrap();
                let outcome = redeem_invite(&mut tx, &hash, 1_500).await.unwrap();
                tx.commit().await.unwrap();
                outcome
            })
        })
        .collect();
    let mut winners = 0;
    for racer in racers {
        match racer.await.unwrap() {
            Redemption::Claimed { .. } => winners += 1,
            Redemption::AlreadyUsed => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(winners, 1);
}

#[tokio::test]
async fn an_invite_runs_out_at_its_expiry() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(dir.path(), "t.db").await;
    let store = db.open().await;
    let name = PersonName::parse("Priya").unwrap();
    let StaffInvite::Issued(invite) = invite_first_manager(&store, &name, 1_000, 3_600).await.unwrap() else {
        panic!("issued");
    };
    let mut tx = store.begin().await.unwrap();
    assert_eq!(redeem_invite(&mut tx, &invite.code.hash(), 4_600).await.unwrap(), Redemption::Expired);
    assert_eq!(redeem_invite(&mut tx, "no-such-hash", 1_001).await.unwrap(), Redemption::Unknown);
    assert!(matches!(redeem_invite(&mut tx, &invite.code.hash(), 4_599).await.unwrap(), Redemption::Claimed { .. }));
}

#[tokio::test]
async fn the_integrity_check_finds_a_broken_rule_on_either_backend() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(dir.path(), "t.db").await;
    let store = db.open().await;
    assert_eq!(store.integrity_check().await.unwrap(), "ok");
    {
        // A row naming a person who is not there, let in past the foreign keys as only a hand on the
        // database could.
        let mut conn = store.connection().await.unwrap();
        let off = match store.backend() {
            Backend::Sqlite => "PRAGMA foreign_keys = OFF",
            Backend::Postgres => "SET session_replication_role = replica",
        };
        sqlx::query(off).execute(&mut *conn).await.unwrap();
        sqlx::query("INSERT INTO children (person_id) VALUES (999)").execute(&mut *conn).await.unwrap();
        conn.close_on_drop();
    }
    let report = store.integrity_check().await.unwrap();
    assert!(report.contains("children") && report.contains("names a missing people row"), "the orphan: {report}");
    if store.backend() == Backend::Postgres {
        // A check the rows already broke when it was added without checking them.
        let mut conn = store.connection().await.unwrap();
        sqlx::query("INSERT INTO strangers (telegram_user_id, answered_at) VALUES (-5, 0)")
            .execute(&mut *conn)
            .await
            .unwrap();
        sqlx::query("ALTER TABLE strangers ADD CONSTRAINT positive_id CHECK (telegram_user_id > 0) NOT VALID")
            .execute(&mut *conn)
            .await
            .unwrap();
        let report = store.integrity_check().await.unwrap();
        assert!(report.contains("strangers: check positive_id fails"), "{report}");
    }
}
