//! All SQL lives here. Queries use `$1` parameters and SQL that SQLite and PostgreSQL both run; the few
//! statements that differ ask [`Backend::of`] which one they are on.

pub mod answers;
pub mod appointments;
pub mod audit;
pub mod carers;
pub mod choices;
pub mod copies;
pub mod dropins;
pub mod engagement;
pub mod figures;
pub mod flows;
pub mod ids;
pub mod inbox;
mod integrity;
pub mod invites;
pub mod jobs;
pub mod outbox;
pub mod own_words;
pub mod people;
pub mod records;
pub mod texts;
pub mod transfer;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use tokio::sync::OwnedMutexGuard;

pub use sqlx::AnyConnection as Connection;

/// How long a write waits for its turn before it fails (SQLite's busy timeout is the same).
const WAIT_TO_WRITE: Duration = Duration::from_secs(10);

/// A write transaction (see [`Store::begin`]). It derefs to the connection, for queries; on SQLite it
/// holds this process's turn to write until it is committed, rolled back or dropped.
pub struct Transaction {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl Transaction {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        let Self { tx, _turn } = self;
        tx.commit().await
    }

    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        let Self { tx, _turn } = self;
        tx.rollback().await
    }
}

impl std::ops::Deref for Transaction {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl std::ops::DerefMut for Transaction {
    fn deref_mut(&mut self) -> &mut Connection {
        &mut self.tx
    }
}

/// A connection for one write statement outside a transaction (see [`Store::writer`]). It derefs to
/// the connection; on SQLite it holds this process's turn to write until it is dropped.
pub struct Writer {
    conn: sqlx::pool::PoolConnection<sqlx::Any>,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl std::ops::Deref for Writer {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.conn
    }
}

impl std::ops::DerefMut for Writer {
    fn deref_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A query failed; `at` is where (the `?` that met the error, in `src/store/` for a query), so a
    /// log line says what the use case was doing.
    #[error("database, at {at}: {source}")]
    Database { source: sqlx::Error, at: &'static std::panic::Location<'static> },
    #[error("database migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Unsupported(String),
    #[error("database busy: no turn to write within {} s", WAIT_TO_WRITE.as_secs())]
    Busy,
}

pub type StoreResult<T> = Result<T, StoreError>;

impl From<sqlx::Error> for StoreError {
    /// Called by `?`, which passes on where it stands: the error names the query that failed.
    #[track_caller]
    fn from(source: sqlx::Error) -> Self {
        StoreError::Database { source, at: std::panic::Location::caller() }
    }
}

/// A column of one of the service's tables: its name, and whether it holds whole numbers (otherwise
/// text; the schema has no other kinds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub integer: bool,
}

/// Which database engine a store runs on. The SQL is shared; the few places that differ ask this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// One file, one running copy of the bot: the default.
    Sqlite,
    /// One server, any number of copies of the bot (see the README's deployment section).
    Postgres,
}

impl Backend {
    pub fn of_url(database_url: &str) -> Option<Backend> {
        if database_url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if database_url.starts_with("postgres://") || database_url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }

    /// The backend of an open connection.
    pub fn of(conn: &Connection) -> Backend {
        if conn.backend_name() == "PostgreSQL" { Backend::Postgres } else { Backend::Sqlite }
    }
}

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// Where it is, for connections of their own (see [`Store::dedicated_connection`]).
    url: Arc<str>,
    /// This copy of the bot, as it marks the work it claims (random, new at each start).
    copy_id: Arc<str>,
    /// On SQLite, the turns to write, handed out in the order they were asked for. SQLite lets one
    /// writer in at a time, and one kept waiting sleeps and tries again: a busy writer (a morning's
    /// reminder jobs, one transaction each) would win nearly every time and keep a child's tap waiting
    /// for seconds. Waiting here instead, in line, each write waits at most for those ahead of it.
    write_turns: Option<Arc<tokio::sync::Mutex<()>>>,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// On PostgreSQL every write transaction first takes this advisory lock, so write transactions run one
/// at a time, as they do on SQLite: the rules that read and then write (a drop-in's capacity, one open
/// panel referral, an update handled once) hold the same way on both, across every copy of the bot.
/// Claiming work is not done under it: claims use `FOR UPDATE SKIP LOCKED` and go in parallel.
const WRITE_LOCK: i64 = 0x746f_7563_6862; // "touchb"

/// On PostgreSQL, claims of outgoing messages take turns under this advisory lock (see `outbox::claim_due`).
const CLAIM_LOCK: i64 = 0x746f_7563_6863; // "touchc"

/// `ids` as an SQL list for `IN (...)`; ids are whole numbers, so nothing can be injected.
fn sql_list(ids: &[impl std::fmt::Display]) -> String {
    ids.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

/// Extends to `lease_until` the leases `copy` holds on the rows `ids` of `table` (the outbox or the
/// jobs) while they are still `claimed_state`. Returns how many were renewed.
async fn renew_leases(
    conn: &mut Connection,
    table: &str,
    claimed_state: &str,
    copy: &str,
    ids: &[impl std::fmt::Display],
    lease_until: i64,
) -> StoreResult<u64> {
    if ids.is_empty() {
        return Ok(0);
    }
    let sql = format!(
        "UPDATE {table} SET lease_until = $2 WHERE state = $3 AND claimed_by = $1 AND id IN ({})",
        sql_list(ids)
    );
    let done = sqlx::query(&sql).bind(copy).bind(lease_until).bind(claimed_state).execute(conn).await?;
    Ok(done.rows_affected())
}

/// Takes a PostgreSQL advisory lock until the transaction ends.
async fn take_lock(conn: &mut Connection, key: i64) -> StoreResult<()> {
    sqlx::query("SELECT CAST(1 AS BIGINT) AS locked FROM (SELECT pg_advisory_xact_lock($1)) AS taken")
        .bind(key)
        .execute(conn)
        .await?;
    Ok(())
}

impl Store {
    /// Opens (creating if missing, for SQLite) the database with durable settings, without migrating.
    pub async fn connect(database_url: &str) -> StoreResult<Self> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of_url(database_url)
            .ok_or_else(|| StoreError::Unsupported("DATABASE_URL is not a sqlite: or postgres: URL".to_owned()))?;
        let pool = AnyPoolOptions::new().max_connections(8).acquire_timeout(Duration::from_secs(30));
        let (pool, url) = match backend {
            Backend::Sqlite => (
                pool.after_connect(|connection, _| {
                    Box::pin(async move {
                        // WAL lets readers go on while one writer commits; FULL sync makes each commit durable.
                        connection.execute("PRAGMA journal_mode = WAL").await?;
                        connection.execute("PRAGMA synchronous = FULL").await?;
                        connection.execute("PRAGMA foreign_keys = ON").await?;
                        // A write from outside this process's line (`write_turns`), such as a command-line
                        // tool's, waits for the lock here, for as long as one in line would.
                        let busy = format!("PRAGMA busy_timeout = {}", WAIT_TO_WRITE.as_millis());
                        connection.execute(busy.as_str()).await?;
                        // Erased rows must not linger in free pages.
                        connection.execute("PRAGMA secure_delete = ON").await?;
                        Ok(())
                    })
                }),
                with_create_mode(database_url),
            ),
            Backend::Postgres => (pool, database_url.to_owned()),
        };
        let pool = pool.connect_with(AnyConnectOptions::from_str(&url)?).await?;
        let write_turns = (backend == Backend::Sqlite).then(Arc::default);
        Ok(Self { pool, backend, url: database_url.into(), copy_id: new_copy_id().into(), write_turns })
    }

    /// Opens the database and applies any migrations it lacks.
    pub async fn open(database_url: &str) -> StoreResult<Self> {
        let store = Self::connect(database_url).await?;
        store.migrate().await?;
        Ok(store)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Names this copy of the bot in the claims it makes and among the copies running.
    pub fn copy_id(&self) -> &str {
        &self.copy_id
    }

    /// Applies the migrations this backend lacks. On PostgreSQL, sqlx holds an advisory lock meanwhile,
    /// so copies of the bot starting together migrate once.
    pub async fn migrate(&self) -> StoreResult<()> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await?,
        }
        Ok(())
    }

    /// A write transaction; write transactions run one at a time, in the order they began. On SQLite
    /// it waits its turn among this process's writes, then takes the write lock at BEGIN, so a
    /// read-then-write never fails with SQLITE_BUSY_SNAPSHOT; PostgreSQL takes [`WRITE_LOCK`], whose
    /// waiters the server lets in in order.
    pub async fn begin(&self) -> StoreResult<Transaction> {
        let turn = self.turn_to_write().await?;
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => {
                // READ COMMITTED (PostgreSQL's default, set in case a server changed it): each statement
                // after the lock sees everything committed before the lock was ours.
                let mut tx = self.pool.begin_with("BEGIN ISOLATION LEVEL READ COMMITTED").await?;
                take_lock(&mut tx, WRITE_LOCK).await?;
                tx
            }
        };
        Ok(Transaction { tx, _turn: turn })
    }

    /// A connection for reads (and writes that need no turn: PostgreSQL's claims, which skip locked rows).
    pub async fn connection(&self) -> StoreResult<sqlx::pool::PoolConnection<sqlx::Any>> {
        Ok(self.pool.acquire().await?)
    }

    /// A connection for a write of one statement outside a transaction (marking a message sent, claiming
    /// work): on SQLite it waits its turn in line with the write transactions.
    pub async fn writer(&self) -> StoreResult<Writer> {
        let turn = self.turn_to_write().await?;
        Ok(Writer { conn: self.pool.acquire().await?, _turn: turn })
    }

    /// On SQLite, this process's next turn to write. The turn is taken before a pooled connection, so
    /// writes waiting in line hold no connection that a reader (or the writer whose turn it is) needs.
    async fn turn_to_write(&self) -> StoreResult<Option<OwnedMutexGuard<()>>> {
        let Some(turns) = &self.write_turns else { return Ok(None) };
        let turn = tokio::time::timeout(WAIT_TO_WRITE, turns.clone().lock_owned()).await;
        turn.map(Some).map_err(|_| StoreError::Busy)
    }

    /// After an erasure, once committed. On SQLite the write-ahead log still holds pages as they were
    /// before (the child's name among them), so it is copied into the database file (where
    /// `secure_delete` has zeroed the erased rows) and cut to nothing. A reader in the middle of a
    /// query holds it up for a moment; if readers never let go, the next checkpoint does it. PostgreSQL
    /// keeps traces of its own, which the README says how to clear.
    pub async fn forget_erased(&self) -> StoreResult<()> {
        if self.backend != Backend::Sqlite {
            return Ok(());
        }
        for _ in 0..10 {
            let row = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").fetch_one(&self.pool).await?;
            let busy: i32 = sqlx::Row::try_get(&row, 0)?;
            if busy == 0 {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        tracing::warn!("the write-ahead log could not be cut after an erasure; the next checkpoint will");
        Ok(())
    }

    /// Writes a consistent copy of the whole database to `path` while others keep using it (SQLite only:
    /// a PostgreSQL server is backed up with its own tools, such as pg_dump).
    pub async fn backup_to(&self, path: &str) -> StoreResult<()> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::Unsupported("backup copies SQLite files; back PostgreSQL up with pg_dump".into()));
        }
        sqlx::query("VACUUM INTO $1").bind(path).execute(&self.pool).await?;
        Ok(())
    }

    /// "ok" when the database is sound, otherwise what is wrong. SQLite checks its file page by page
    /// (and its foreign keys); on PostgreSQL, which checks its own pages, every rule the schema states
    /// is checked against every row: references, unique keys, checks and required values.
    pub async fn integrity_check(&self) -> StoreResult<String> {
        let problems = match self.backend {
            Backend::Sqlite => {
                let (pages,): (String,) = sqlx::query_as("PRAGMA integrity_check").fetch_one(&self.pool).await?;
                let orphans: Vec<(String, Option<i64>, String)> =
                    sqlx::query_as("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check")
                        .fetch_all(&self.pool)
                        .await?;
                let mut problems: Vec<String> = Some(pages).filter(|p| p != "ok").into_iter().collect();
                problems.extend(orphans.into_iter().map(|(table, row, parent)| {
                    format!("{table} row {} names a missing {parent} row", row.unwrap_or_default())
                }));
                problems
            }
            Backend::Postgres => integrity::postgres_violations(&self.pool).await?,
        };
        Ok(if problems.is_empty() { "ok".to_owned() } else { problems.join("; ") })
    }

    /// The names of the service's own tables (not the migrations' bookkeeping), in the order they were made.
    pub async fn tables(&self) -> StoreResult<Vec<String>> {
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
                 AND name <> '_sqlx_migrations' ORDER BY rowid"
            }
            Backend::Postgres => {
                "SELECT CAST(c.relname AS TEXT) AS name FROM pg_class c \
                 JOIN pg_namespace n ON n.oid = c.relnamespace \
                 WHERE c.relkind = 'r' AND n.nspname = current_schema() AND c.relname <> '_sqlx_migrations' \
                 ORDER BY c.oid"
            }
        };
        let rows: Vec<(String,)> = sqlx::query_as(sql).fetch_all(&self.pool).await?;
        Ok(rows.into_iter().map(|(name,)| name).collect())
    }

    /// The columns of one of the service's tables, in order.
    pub async fn columns(&self, table: &str) -> StoreResult<Vec<Column>> {
        let rows: Vec<(String, String)> = match self.backend {
            Backend::Sqlite => sqlx::query_as("SELECT name, type FROM pragma_table_info($1) ORDER BY cid"),
            Backend::Postgres => sqlx::query_as(
                "SELECT CAST(column_name AS TEXT), CAST(data_type AS TEXT) FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            ),
        }
        .bind(table)
        .fetch_all(&self.pool)
        .await?;
        let integer = |kind: &str| kind.eq_ignore_ascii_case("integer") || kind == "bigint";
        Ok(rows.into_iter().map(|(name, kind)| Column { integer: integer(&kind), name }).collect())
    }

    /// On PostgreSQL, a connection of its own outside the pool, for work that must not wait behind
    /// the pool's users (a copy renewing its claims while others queue for the write lock). On SQLite,
    /// where one copy runs, `None`: the pool serves.
    pub async fn dedicated_connection(&self) -> StoreResult<Option<sqlx::AnyConnection>> {
        match self.backend {
            Backend::Sqlite => Ok(None),
            Backend::Postgres => Ok(Some(connect_alone(&self.url).await?)),
        }
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// One copy of the bot polls a PostgreSQL database at a time: Telegram answers a second poller with
/// 409 Conflict. The lock is held by a connection of its own for as long as the returned value lives,
/// and the server lets go of it when that connection ends, however the process ends.
pub async fn hold_polling_lock(database_url: &str) -> StoreResult<Option<sqlx::AnyConnection>> {
    let mut conn = connect_alone(database_url).await?;
    let (taken,): (bool,) =
        sqlx::query_as("SELECT pg_try_advisory_lock($1)").bind(POLLING_LOCK).fetch_one(&mut conn).await?;
    Ok(taken.then_some(conn))
}

/// A connection outside any pool (PostgreSQL only: SQLite's connections need the pool's settings).
async fn connect_alone(database_url: &str) -> StoreResult<sqlx::AnyConnection> {
    use sqlx::Connection as _;
    sqlx::any::install_default_drivers();
    Ok(sqlx::AnyConnection::connect(database_url).await?)
}

/// See [`hold_polling_lock`].
const POLLING_LOCK: i64 = 0x746f_7563_6870; // "touchp"

/// A database URL fit to print: any password in it (user:password@ or ?password=) is masked.
pub fn printable_url(database_url: &str) -> String {
    let Ok(mut url) = url::Url::parse(database_url) else {
        return "(the database URL, which could not be read)".to_owned();
    };
    if url.password().is_some() {
        let _ = url.set_password(Some("***"));
    }
    if url.query_pairs().any(|(name, _)| name == "password") {
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(name, value)| {
                let value = if name == "password" { "***".to_owned() } else { value.into_owned() };
                (name.into_owned(), value)
            })
            .collect();
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
    url.to_string()
}

fn new_copy_id() -> String {
    let mut bytes = [0u8; 8];
    // Without randomness two copies could share a name; the process id and time keep them apart then.
    if getrandom::fill(&mut bytes).is_err() {
        bytes = (crate::clock::wall_millis() ^ i64::from(std::process::id()).rotate_left(40)).to_be_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
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

#[cfg(test)]
mod tests {
    use super::{StoreError, StoreResult, printable_url, sql_list};
    use crate::domain::ids::OutboxId;

    #[test]
    fn ids_make_an_sql_list() {
        assert_eq!(sql_list(&[OutboxId(1), OutboxId(22), OutboxId(-3)]), "1, 22, -3");
        assert_eq!(sql_list(&[7_i64]), "7");
    }

    /// The line of its `?`, and what it returns (queries are async, as here).
    async fn a_query_that_fails() -> (u32, StoreResult<()>) {
        let line = line!() + 2;
        let failed = async {
            Err(sqlx::Error::RowNotFound)?;
            Ok(())
        };
        (line, failed.await)
    }

    #[tokio::test]
    async fn a_failed_query_says_where_it_was() {
        let (line, failed) = a_query_that_fails().await;
        let error = failed.unwrap_err();
        assert!(matches!(error, StoreError::Database { source: sqlx::Error::RowNotFound, .. }));
        assert!(error.to_string().contains(&format!("src/store/mod.rs:{line}")), "{error}");
    }

    #[test]
    fn printed_urls_hide_passwords() {
        assert_eq!(printable_url("postgres://tb:secret@db/touchbase"), "postgres://tb:***@db/touchbase");
        assert_eq!(
            printable_url("postgres://db/touchbase?user=tb&password=secret"),
            "postgres://db/touchbase?user=tb&password=***"
        );
        assert_eq!(printable_url("sqlite://touchbase.db"), "sqlite://touchbase.db");
        assert!(!printable_url("postgres://tb:se cret@[db").contains("se cret"));
    }
}
