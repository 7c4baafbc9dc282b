//! All SQL lives here. Queries use `$1` parameters and portable SQL so a PostgreSQL backend is a contained change.

pub mod answers;
pub mod appointments;
pub mod audit;
pub mod carers;
pub mod choices;
pub mod dropins;
pub mod engagement;
pub mod figures;
pub mod inbox;
pub mod invites;
pub mod jobs;
pub mod outbox;
pub mod people;
pub mod records;

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

pub use sqlx::AnyConnection as Connection;

pub type Transaction = sqlx::Transaction<'static, sqlx::Any>;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

impl Store {
    /// Opens (creating if missing) the database with durable settings, without migrating.
    pub async fn connect(database_url: &str) -> StoreResult<Self> {
        sqlx::any::install_default_drivers();
        let url = with_create_mode(database_url);
        let options = AnyConnectOptions::from_str(&url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(|connection, _| {
                Box::pin(async move {
                    // WAL lets readers go on while one writer commits; FULL sync makes each commit durable.
                    connection.execute("PRAGMA journal_mode = WAL").await?;
                    connection.execute("PRAGMA synchronous = FULL").await?;
                    connection.execute("PRAGMA foreign_keys = ON").await?;
                    connection.execute("PRAGMA busy_timeout = 10000").await?;
                    // Erased rows must not linger in free pages.
                    connection.execute("PRAGMA secure_delete = ON").await?;
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    /// Opens the database and applies any migrations it lacks.
    pub async fn open(database_url: &str) -> StoreResult<Self> {
        let store = Self::connect(database_url).await?;
        store.migrate().await?;
        Ok(store)
    }

    pub async fn migrate(&self) -> StoreResult<()> {
        SQLITE_MIGRATIONS.run(&self.pool).await?;
        Ok(())
    }

    /// A write transaction. SQLite takes the write lock at BEGIN, so a read-then-write never fails
    /// with SQLITE_BUSY_SNAPSHOT, and waits its turn under the busy timeout instead.
    pub async fn begin(&self) -> StoreResult<Transaction> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// A connection for reads and single-statement writes.
    pub async fn connection(&self) -> StoreResult<sqlx::pool::PoolConnection<sqlx::Any>> {
        Ok(self.pool.acquire().await?)
    }

    /// Writes a consistent copy of the whole database to `path` while others keep using it.
    pub async fn backup_to(&self, path: &str) -> StoreResult<()> {
        sqlx::query("VACUUM INTO $1").bind(path).execute(&self.pool).await?;
        Ok(())
    }

    pub async fn integrity_check(&self) -> StoreResult<String> {
        let (result,): (String,) = sqlx::query_as("PRAGMA integrity_check").fetch_one(&self.pool).await?;
        Ok(result)
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn with_create_mode(url: &str) -> String {
    if url.contains("mode=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}
