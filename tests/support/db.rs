//! The database a test runs on: a fresh SQLite file, or, when `TOUCHBASE_TEST_POSTGRES` names a
//! PostgreSQL server (as `.ci/run` does), a fresh database of its own there, dropped afterwards.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::Connection as _;
use touchbase::store::{Backend, Store};

/// The URL of a PostgreSQL role that may create databases, if the suite runs against PostgreSQL.
pub fn postgres_server() -> Option<String> {
    std::env::var("TOUCHBASE_TEST_POSTGRES").ok().filter(|url| !url.trim().is_empty())
}

/// The backend this run of the suite is testing.
pub fn backend() -> Backend {
    if postgres_server().is_some() { Backend::Postgres } else { Backend::Sqlite }
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
        let path = dir.join(name);
        let Some(server) = postgres_server() else {
            return TestDb { url: format!("sqlite://{}", path.display()), path, made: None };
        };
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
