//! The command line: `run`, `invite manager NAME`, `migrate`, `backup FILE`, `migrate-to POSTGRES_URL`.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};

use crate::app::{App, fetch_bot_username, make_bot};
use crate::clock::{Clock, SystemClock};
use crate::config::Settings;
use crate::domain::people::PersonName;
use crate::people::invites::{StaffInvite, invite_first_manager};
use crate::store::{self, Backend, Store, jobs, outbox};

/// Touchbase keeps children on youth justice orders in touch with their case worker, on Telegram.
///
/// Settings come from the environment (see the README): TELOXIDE_TOKEN, DATABASE_URL, TOUCHBASE_TZ, ...
#[derive(Debug, Parser)]
#[command(name = "touchbase", version)]
pub struct Cli {
    /// Where everything is kept (overrides DATABASE_URL).
    #[arg(long, global = true)]
    pub database_url: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the bot: apply migrations, poll Telegram, send reminders; stops cleanly on Ctrl-C or SIGTERM.
    Run {
        /// Receive updates by webhook at this public HTTPS URL instead of polling (needs --listen).
        #[arg(long, value_name = "URL", requires = "listen")]
        webhook: Option<url::Url>,
        /// The address the webhook server listens on, behind whatever terminates TLS for URL.
        #[arg(long, value_name = "ADDR", requires = "webhook")]
        listen: Option<std::net::SocketAddr>,
    },
    /// Print a one-time invite link for the first manager.
    Invite {
        role: InviteRole,
        /// The manager's first or chosen name.
        #[arg(required = true, num_args = 1..)]
        name: Vec<String>,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Write a consistent copy of the database to FILE, even while the bot runs.
    Backup { file: PathBuf },
    /// Copy this SQLite service into an empty PostgreSQL database (the bot stopped), and check the counts.
    MigrateTo {
        /// The PostgreSQL database to fill, e.g. postgres://touchbase@db.internal/touchbase
        #[arg(value_name = "POSTGRES_URL")]
        target: String,
    },
}

/// From the command line only the first manager is invited; they invite everyone else in Telegram.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum InviteRole {
    Manager,
}

pub fn init_tracing() {
    let filter =
        tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn,teloxide=warn".into());
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
}

fn settings(cli: &Cli) -> anyhow::Result<Settings> {
    let override_url = cli.database_url.clone();
    Ok(Settings::from_lookup(|name| match (name, &override_url) {
        ("DATABASE_URL", Some(url)) => Some(url.clone()),
        _ => std::env::var(name).ok(),
    })?)
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = settings(&cli)?;
    match cli.command {
        Command::Run { webhook, listen } => run_bot(settings, webhook.zip(listen)).await,
        Command::Invite { role: InviteRole::Manager, name } => invite_manager(settings, &name.join(" ")).await,
        Command::Migrate => {
            Store::open(&settings.database_url).await?;
            println!("The database at {} is up to date.", store::printable_url(&settings.database_url));
            Ok(())
        }
        Command::Backup { file } => backup(settings, &file).await,
        Command::MigrateTo { target } => migrate_to(settings, &target).await,
    }
}

async fn run_bot(settings: Settings, webhook: Option<(url::Url, std::net::SocketAddr)>) -> anyhow::Result<()> {
    // Held until the bot stops.
    let lock = match Backend::of_url(&settings.database_url) {
        Some(Backend::Postgres) if webhook.is_none() => match store::hold_polling_lock(&settings.database_url).await? {
            Some(connection) => InstanceLock::Polling(connection),
            None => anyhow::bail!(
                "another copy of touchbase is already running on {} (polling); stop it first, or run every copy with --webhook",
                store::printable_url(&settings.database_url)
            ),
        },
        // Copies behind a webhook share a PostgreSQL database freely.
        Some(Backend::Postgres) => InstanceLock::Shared,
        _ => hold_instance_lock(&settings.database_url)?.map_or(InstanceLock::Shared, InstanceLock::File),
    };
    let listener = match &webhook {
        Some((_, address)) => Some(
            tokio::net::TcpListener::bind(address)
                .await
                .with_context(|| format!("cannot listen on {address} for the webhook"))?,
        ),
        None => None,
    };
    let app = App::build(settings, Arc::new(SystemClock)).await?;
    if let InstanceLock::File(_) = lock {
        // We are the only copy: anything still claimed was claimed by one that died (a crash, kill -9).
        // Taking it back now, rather than when its lease runs out, sends it without a two-minute wait.
        // With copies on PostgreSQL, a dead copy's claims come back when their leases run out.
        let mut conn = app.store().writer().await?;
        let messages = outbox::release_all_claims(&mut conn).await?;
        let jobs = jobs::release_all_claims(&mut conn).await?;
        if messages + jobs > 0 {
            tracing::warn!(messages, jobs, "took back work left claimed by a copy that stopped abruptly");
        }
    }
    match (webhook, listener) {
        (Some((url, _)), Some(listener)) => app.run_webhook_until_stopped(url, listener, shutdown_signal()).await?,
        _ => app.run_until_stopped(shutdown_signal()).await?,
    }
    Ok(())
}

/// What makes this copy of the bot the only one that may do what it does.
enum InstanceLock {
    /// The SQLite lock file: the only copy on this database.
    File(#[allow(dead_code)] std::fs::File),
    /// The only copy polling this PostgreSQL database (copies behind a webhook may run beside it).
    Polling(#[allow(dead_code)] sqlx::AnyConnection),
    /// One of any number of copies behind a webhook.
    Shared,
}

/// One running copy per SQLite database: two would poll the same token (Telegram answers the second with
/// 409 Conflict) and could send the same message twice. A lock file beside the database is held
/// while the bot runs; the operating system lets go of it when the process ends, even by kill -9.
fn hold_instance_lock(database_url: &str) -> anyhow::Result<Option<std::fs::File>> {
    let rest = database_url.strip_prefix("sqlite://").or_else(|| database_url.strip_prefix("sqlite:"));
    let Some(path) = rest.map(|p| p.split('?').next().unwrap_or(p)) else {
        return Ok(None);
    };
    if path.is_empty() || path.contains(":memory:") {
        return Ok(None);
    }
    let lock_path = format!("{path}.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .with_context(|| format!("cannot open the lock file {lock_path}"))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => anyhow::bail!(
            "another copy of touchbase is already running on {database_url} (it holds {lock_path}); stop it first"
        ),
        Err(std::fs::TryLockError::Error(error)) => Err(error).with_context(|| format!("cannot lock {lock_path}")),
    }
}

/// Ctrl-C or SIGTERM (what service managers send).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = terminate => {}
    }
}

async fn invite_manager(settings: Settings, name: &str) -> anyhow::Result<()> {
    let name =
        PersonName::parse(name).map_err(|e| anyhow::anyhow!("NAME: {e}. Example: touchbase invite manager Priya"))?;
    let bot = make_bot(&settings)?;
    let username = fetch_bot_username(&bot).await?;
    let store = Store::open(&settings.database_url).await?;
    let now = SystemClock.now();
    match invite_first_manager(&store, &name, now.timestamp(), settings.invite_ttl.num_seconds()).await? {
        StaffInvite::Issued(invite) => {
            let expires = chrono::DateTime::from_timestamp(invite.expires_at, 0)
                .map(|t| t.with_timezone(&settings.time_zone).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default();
            println!("Invite for {name} (manager), valid once until {expires}:");
            println!("{}", invite.code.deep_link(&username));
            println!("Or send this to the bot: /start {}", invite.code.as_str());
            Ok(())
        }
        StaffInvite::NameTaken { role } => {
            anyhow::bail!("there is already a {} called {name}; choose another name", role.as_str())
        }
    }
}

async fn migrate_to(settings: Settings, target: &str) -> anyhow::Result<()> {
    if Backend::of_url(target) != Some(Backend::Postgres) {
        anyhow::bail!("POSTGRES_URL must start with postgres://, e.g. postgres://touchbase@localhost/touchbase");
    }
    if Backend::of_url(&settings.database_url) != Some(Backend::Sqlite) {
        anyhow::bail!("DATABASE_URL must be the SQLite service to copy from (sqlite://...)");
    }
    // Nothing may change while it is copied: the bot must be stopped, and stays stopped meanwhile.
    let _lock = hold_instance_lock(&settings.database_url)?;
    let from = Store::open(&settings.database_url).await?;
    let to = Store::open(target).await.with_context(|| format!("cannot open {}", store::printable_url(target)))?;
    let counts = store::transfer::copy_sqlite_to_postgres(&from, &to).await?;
    let rows: i64 = counts.iter().map(|c| c.rows).sum();
    println!(
        "Copied {rows} rows in {} tables into {}; every count matches:",
        counts.len(),
        store::printable_url(target)
    );
    for count in &counts {
        println!("  {:<20} {:>9}", count.table, count.rows);
    }
    println!("Set DATABASE_URL to it and start the bot. Keep the SQLite file until you are happy.");
    Ok(())
}

async fn backup(settings: Settings, file: &std::path::Path) -> anyhow::Result<()> {
    if file.exists() {
        anyhow::bail!("{} already exists; choose a new file name", file.display());
    }
    let path = file.to_str().context("the backup file name must be valid UTF-8")?;
    let store = Store::open(&settings.database_url).await?;
    store.backup_to(path).await?;
    println!("Backed up {} to {}.", store::printable_url(&settings.database_url), file.display());
    Ok(())
}
