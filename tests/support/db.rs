//! The database a test runs on: a fresh SQLite file, or, when `TOUCHBASE_TEST_POSTGRES` names a
//! PostgreSQL server, a fresh database of its own there, dropped afterwards.
//! `TOUCHBASE_TEST_BACKEND=sqlite` keeps the suite on SQLite while the tests that need PostgreSQL
//! (several copies, `migrate-to`) still use the server: `.ci/run` runs the suite so, then again on
//! PostgreSQL.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::Connection as _;
use touchbase::store::{Backend, Store};

/// The URL of a PostgreSQL role that may create databases, if the tests may use one.
pub fn postgres_server() -> Option<String> {
    std::env::var("TOUCHBASE_TEST_POSTGRES").ok().filter(|url| !url.trim().is_empty())
}

/// The backend this run of the suite is testing: PostgreSQL when a server is given, unless
/// `TOUCHBASE_TEST_BACKEND=sqlite`.
pub fn backend() -> Backend {
    let sqlite_asked = std::env::var("TOUCHBASE_TEST_BACKEND").is_ok_and(|b| b.eq_ignore_ascii_case("sqlite"));
    if postgres_server().is_some() && !sqlite_asked { Backend::Postgres } else { Backend::Sqlite }
}

/// For a test that only means something on PostgreSQL (`what` it needs it for): the server, or
/// `None` once it has said so where the person running the tests sees it (past the test harness's
/// capture of output). With `CI` set a missing server fails the test instead: CI must not skip it.
pub fn postgres_for(what: &str) -> Option<String> {
    if let Some(server) = postgres_server() {
        return Some(server);
    }
    let in_ci = std::env::var("CI").is_ok_and(|ci| !ci.is_empty() && ci != "false" && ci != "0");
    assert!(!in_ci, "{what} needs PostgreSQL and CI is set: set TOUCHBASE_TEST_POSTGRES (see the README)");
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: {what} needs PostgreSQL; set TOUCHBASE_TEST_POSTGRES");
    None
}

pub struct TestDb {
    pub url: String,
    /// The SQLite file, or where it would be: logs and lock files sit beside it.
    pub path: PathBuf,
    /// The PostgreSQL server and the database made on it, dropped with this.
    made: Option<(String, String)>,
}

impl TestDb {
    /// A fresh, empty database (not migrated); a SQLite one is the file `name` in `dir`.
    pub async fn new(dir: &Path, name: &str) -> TestDb {
        match backend() {
            Backend::Sqlite => TestDb::sqlite(dir, name),
            Backend::Postgres => TestDb::postgres(dir, name).await,
        }
    }

    /// A fresh SQLite file, whatever the run's backend.
    pub fn sqlite(dir: &Path, name: &str) -> TestDb {
        let path = dir.join(name);
        TestDb { url: format!("sqlite://{}", path.display()), path, made: None }
    }

    /// A fresh database on the PostgreSQL server, whatever the run's backend (the server must be given).
    pub async fn postgres(dir: &Path, name: &str) -> TestDb {
        let path = dir.join(name);
        let server = postgres_server().expect("TOUCHBASE_TEST_POSTGRES names a PostgreSQL server");
        static MADE: AtomicU64 = AtomicU64::new(0);
        // Unique across test processes, and across runs against the same server.
        let database = format!(
            "touchbase_test_{}_{}_{}",
            std::process::id(),
            MADE.fetch_add(1, Ordering::Relaxed),
            touchbase::clock::wall_millis()
        );
        sqlx::any::install_default_drivers();
        let mut admin = sqlx::AnyConnection::connect(&server).await.expect("the PostgreSQL test server answers");
        // Byte order for text, as SQLite sorts it: dates stored as text and names sort the same on both.
        sqlx::query(&format!(
            "CREATE DATABASE {database} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"
        ))
        .execute(&mut admin)
        .await
        .expect("a test database is made");
        let _ = admin.close().await;
        let url = database_url(&server, &database);
        TestDb { url, path, made: Some((server, database)) }
    }

    /// Opens the database, applying migrations.
    pub async fn open(&self) -> Store {
        Store::open(&self.url).await.expect("the test database opens")
    }

    pub fn is_postgres(&self) -> bool {
        self.made.is_some()
    }

    /// Where the bot's log goes when a test runs the binary.
    pub fn log_path(&self) -> PathBuf {
        self.path.with_extension("log")
    }

    /// Whether anything was made in the database (a SQLite file exists; PostgreSQL has tables).
    pub async fn was_touched(&self) -> bool {
        match &self.made {
            None => self.path.exists(),
            Some(_) => {
                let store = Store::connect(&self.url).await.expect("the test database answers");
                let touched = !store.tables().await.unwrap().is_empty();
                store.close().await;
                touched
            }
        }
    }
}

/// The server's URL with its database swapped for `database`.
fn database_url(server: &str, database: &str) -> String {
    let mut url = url::Url::parse(server).expect("TOUCHBASE_TEST_POSTGRES is a URL");
    url.set_path(&format!("/{database}"));
    url.to_string()
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((server, database)) = self.made.take() else { return };
        // Drop runs outside async code, so the database is dropped from a thread with a runtime of its own.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            runtime.block_on(async move {
                let mut admin = sqlx::AnyConnection::connect(&server).await?;
                sqlx::query(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)")).execute(&mut admin).await?;
                admin.close().await
            })
        })
        .join();
        if let Ok(Err(error)) = dropped {
            eprintln!("could not drop a test database: {error}");
        }
    }
}
