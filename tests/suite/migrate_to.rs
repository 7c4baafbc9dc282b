//! `touchbase migrate-to POSTGRES_URL`: a SQLite service that has been in use (people, appointments,
//! answers, attendance, an erased child, the audit log) is copied into an empty PostgreSQL database; every
//! count matches, an id SQLite never gives again (an erased child's warning) is not given again on
//! PostgreSQL, and the bot runs on the copy as before.
//!
//! It needs a PostgreSQL server, so it runs only when TOUCHBASE_TEST_POSTGRES names one.

use std::sync::Arc;

use crate::support::app::{spawn_app_with, test_options, test_settings};
use crate::support::binary::{output, touchbase};
use crate::support::db::{TestDb, postgres_for};
use touchbase::app::App;
use touchbase::store::Store;

async fn scalar(store: &Store, sql: &str) -> i64 {
    let mut conn = store.connection().await.unwrap();
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&mut *conn).await.unwrap();
    n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_service_moves_to_postgres_whole_and_runs_on() {
    let Some(server) = postgres_for("migrate-to") else { return };
    // A service in use, on SQLite whatever this run's backend.
    let dir = tempfile::tempdir().unwrap();
    let sqlite = dir.path().join("service.db");
    let sqlite_url = format!("sqlite://{}", sqlite.display());
    let t = spawn_app_with(&[("DATABASE_URL", &sqlite_url)]).await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    let sam = t.child(&worker, 100, "Sam").await;
    t.child(&worker, 101, "Jo").await;
    for command in ["/slot Sam Tue 16:00", "/slot Jo Wed 17:00", "/skip Sam 2026-12-01"] {
        worker.send_text(command);
        t.settle().await;
    }
    // The day before, Sam's reminder comes and Sam answers it.
    t.clock.advance(chrono::Duration::hours(7));
    t.settle().await;
    sam.tap("I'll be there");
    t.settle().await;
    // Sam's warning, then Jo's, which holds the highest id; then Jo is erased: the copy must not hand
    // that id to anyone new.
    for name in ["Sam", "Jo"] {
        worker.send_text(&format!("/warn {name} missed"));
        t.settle().await;
        worker.tap("Yes, give the warning");
        t.settle().await;
    }
    let source = Store::open(&sqlite_url).await.unwrap();
    let jos_warning =
        scalar(&source, "SELECT w.id FROM warnings w JOIN people p ON p.id = w.child_id WHERE p.name = 'Jo'").await;
    assert_eq!(jos_warning, scalar(&source, "SELECT MAX(id) FROM warnings").await, "Jo's warning is the newest");
    manager.send_text("/erase Jo");
    t.settle().await;
    manager.tap("Yes, erase Jo's records");
    t.settle().await;
    assert_eq!(scalar(&source, "SELECT MAX(id) FROM warnings").await, jos_warning - 1, "Jo's warning went");
    let ever_given = scalar(&source, "SELECT COALESCE(MAX(id), 0) FROM audit_log").await;
    assert!(scalar(&source, "SELECT COUNT(*) FROM answers").await > 0);

    let target = TestDb::postgres(dir.path(), "unused").await;
    assert!(target.is_postgres(), "TOUCHBASE_TEST_POSTGRES is set: {server}");
    // The service's own database is the source; the URL on the command line, the target.
    let from_sqlite = [("DATABASE_URL", sqlite_url.as_str())];
    let done = output(touchbase(&target, None, &from_sqlite, &["migrate-to", &target.url])).await;
    let stdout = String::from_utf8_lossy(&done.stdout);
    assert!(done.status.success(), "{done:?}");
    assert!(stdout.contains("every count matches"), "{stdout}");

    let copy = target.open().await;
    for table in source.tables().await.unwrap() {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        assert_eq!(scalar(&copy, &sql).await, scalar(&source, &sql).await, "{table}");
        assert!(stdout.contains(&table), "{table} is in the report: {stdout}");
    }
    // The same rows, not only as many.
    let people =
        "SELECT COUNT(*) FROM people p WHERE p.name IN ('Priya', 'Alex', 'Sam') AND p.telegram_user_id IS NOT NULL";
    assert_eq!(scalar(&copy, people).await, 3);
    let answer =
        "SELECT COUNT(*) FROM answers a JOIN people p ON p.id = a.child_id WHERE p.name = 'Sam' AND a.answer = 'yes'";
    assert_eq!(scalar(&copy, answer).await, 1);

    // A second copy into the same database is refused and changes nothing.
    let again = output(touchbase(&target, None, &from_sqlite, &["migrate-to", &target.url])).await;
    assert!(!again.status.success() && String::from_utf8_lossy(&again.stderr).contains("not empty"), "{again:?}");

    // New rows get new ids, past anything SQLite ever gave.
    let mut conn = copy.connection().await.unwrap();
    let (new_entry,): (i64,) = sqlx::query_as("INSERT INTO audit_log (at, action) VALUES (0, 'test') RETURNING id")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert!(new_entry > ever_given);
    drop(conn);

    // And the bot, stopped on SQLite, runs on the copy with the same Telegram: Sam's worker sees Sam.
    drop(t.app);
    let settings = test_settings(&t.fake, &target.url, &[]);
    let on_postgres = App::build_with(settings, Arc::new(t.clock.clone()), test_options()).await.unwrap();
    t.fake.begin_step();
    worker.send_text("/children");
    on_postgres.settle().await.unwrap();
    assert!(worker.last_text().contains("Sam") && !worker.last_text().contains("Jo"), "{}", worker.last_text());
    // A new warning there gets an id Jo's erased one never had.
    worker.send_text("/warn Sam missed again");
    on_postgres.settle().await.unwrap();
    worker.tap("Yes, give the warning");
    on_postgres.settle().await.unwrap();
    let newest = scalar(&copy, "SELECT MAX(id) FROM warnings").await;
    assert!(newest > jos_warning, "warning id {jos_warning}, erased on SQLite, was given again on PostgreSQL");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_copy_that_fails_half_way_leaves_nothing_behind_in_postgres() {
    if postgres_for("migrate-to").is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let sqlite = dir.path().join("service.db");
    let sqlite_url = format!("sqlite://{}", sqlite.display());
    let t = spawn_app_with(&[("DATABASE_URL", &sqlite_url)]).await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    t.child(&worker, 100, "Sam").await;
    drop(t.app);
    // A row, copied after people and invites, holding a character PostgreSQL's text cannot (NUL), as a
    // hand on the SQLite file could leave it.
    let source = Store::open(&sqlite_url).await.unwrap();
    let bad = "SELECT MAX(id) FROM outbox";
    let bad = scalar(&source, bad).await;
    sqlx::query("UPDATE outbox SET last_error = $1 WHERE id = $2")
        .bind("bro\0ken")
        .bind(bad)
        .execute(&mut *source.connection().await.unwrap())
        .await
        .unwrap();

    let target = TestDb::postgres(dir.path(), "unused").await;
    let from_sqlite = [("DATABASE_URL", sqlite_url.as_str())];
    let failed = output(touchbase(&target, None, &from_sqlite, &["migrate-to", &target.url])).await;
    assert!(!failed.status.success(), "{failed:?}");
    let copy = target.open().await;
    for table in copy.tables().await.unwrap() {
        assert_eq!(scalar(&copy, &format!("SELECT COUNT(*) FROM {table}")).await, 0, "{table} was left with rows");
    }
    // Once the row is put right, the same database takes the whole copy.
    sqlx::query("UPDATE outbox SET last_error = NULL WHERE id = $1")
        .bind(bad)
        .execute(&mut *source.connection().await.unwrap())
        .await
        .unwrap();
    let done = output(touchbase(&target, None, &from_sqlite, &["migrate-to", &target.url])).await;
    assert!(done.status.success(), "{done:?}");
    assert_eq!(scalar(&copy, "SELECT COUNT(*) FROM people").await, 3);
}
