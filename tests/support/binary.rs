//! The real `touchbase` binary, started the way an operator would, pointed at the fake Bot API.
#![allow(dead_code)]

use std::collections::HashMap;
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use chrono::{DateTime, Utc};
use touchbase::store::Store;

use super::db::TestDb;
use super::fake_telegram::{FakeTelegram, TOKEN};
use super::seed::Caseload;

pub const BIN: &str = env!("CARGO_BIN_EXE_touchbase");

/// `touchbase ARGS` with a clean environment: the database `db`, the fake's token and address (if
/// any), then `env` on top.
pub fn touchbase(db: &TestDb, api: Option<&FakeTelegram>, env: &[(&str, &str)], args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command.env_clear().env("RUST_LOG", "warn").env("DATABASE_URL", &db.url);
    if let Some(fake) = api {
        command.env("TELOXIDE_TOKEN", TOKEN).env("TELOXIDE_API_URL", fake.api_url().to_string());
    }
    command.envs(env.iter().copied()).args(args);
    command
}

/// Runs a command to the end without holding up the test's runtime.
pub async fn output(mut command: Command) -> Output {
    tokio::task::spawn_blocking(move || command.output().expect("the binary runs")).await.unwrap()
}

/// SIGKILL: no clean-up of any kind, as when the power goes or the OOM killer strikes.
pub fn kill_9(bot: &mut Child) {
    bot.kill().expect("SIGKILL");
    bot.wait().expect("the killed process is reaped");
}

/// SIGTERM, as a service manager stops the bot; it must exit cleanly and soon.
pub async fn terminate(bot: &mut Child) {
    let pid = bot.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    for _ in 0..100 {
        if let Some(status) = bot.try_wait().unwrap() {
            assert!(status.success(), "clean exit: {status:?}");
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bot.kill().unwrap();
    panic!("the bot did not stop within 10 s of SIGTERM");
}

/// The binary runs on the system clock, so tests that run it set their times by it too.
#[allow(clippy::disallowed_methods)]
pub fn wall_clock() -> DateTime<Utc> {
    Utc::now()
}

/// A running `touchbase run`, killed if the test ends without stopping it (a failed assertion must
/// not leave bots running after the test).
pub struct RunningBot(Child);

impl std::ops::Deref for RunningBot {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.0
    }
}

impl std::ops::DerefMut for RunningBot {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.0
    }
}

impl Drop for RunningBot {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// Starts a command (usually `touchbase run`) with all it prints going to the file `log`.
pub fn start_logging(mut command: Command, log: &std::path::Path) -> RunningBot {
    let log = std::fs::File::create(log).expect("log file");
    let out = log.try_clone().expect("log file");
    RunningBot(command.stdout(out).stderr(log).spawn().expect("the bot starts"))
}

/// Starts a command (usually `touchbase run`) with its output discarded.
pub fn start(mut command: Command) -> RunningBot {
    RunningBot(command.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("the bot starts"))
}

/// `touchbase run` in UTC, with quiet hours far from now whatever the time of day, logging (warnings
/// and errors only) to a file beside the database.
pub fn run_in_daytime(db: &TestDb, fake: &FakeTelegram) -> RunningBot {
    run_in_daytime_with(db, fake, &["run"])
}

/// [`run_in_daytime`] with other arguments (e.g. `run --webhook URL --listen ADDR`).
pub fn run_in_daytime_with(db: &TestDb, fake: &FakeTelegram, args: &[&str]) -> RunningBot {
    run_in_daytime_env(db, fake, &[], args)
}

/// [`run_in_daytime_with`] with more settings (e.g. GOV.UK Notify's).
pub fn run_in_daytime_env(db: &TestDb, fake: &FakeTelegram, more: &[(&str, &str)], args: &[&str]) -> RunningBot {
    let now = wall_clock();
    let hours = |h| (now + chrono::Duration::hours(h)).format("%H:%M").to_string();
    let quiet_hours = format!("{}-{}", hours(8), hours(9));
    let mut env = vec![("TOUCHBASE_TZ", "UTC"), ("TOUCHBASE_QUIET_HOURS", quiet_hours.as_str())];
    env.extend_from_slice(more);
    let log = std::fs::OpenOptions::new().create(true).append(true).open(db.log_path()).expect("log file");
    RunningBot(touchbase(db, Some(fake), &env, args).stdout(Stdio::null()).stderr(log).spawn().expect("the bot starts"))
}

/// Per chat: messages Telegram holds that the database does not know were sent. A message sent just
/// before a kill, whose "sent" was never committed, shows here; it goes again after the restart.
pub async fn unrecorded_sends(fake: &FakeTelegram, store: &Store) -> HashMap<i64, i64> {
    let mut conn = store.connection().await.unwrap();
    let recorded: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT chat_id, COUNT(DISTINCT telegram_message_id) FROM outbox \
         WHERE state = 'sent' AND telegram_message_id IS NOT NULL GROUP BY chat_id",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    let recorded: HashMap<i64, i64> = recorded.into_iter().collect();
    fake.messages_from_bot_per_chat()
        .into_iter()
        .map(|(chat, held)| (chat, held as i64 - recorded.get(&chat).copied().unwrap_or(0)))
        .filter(|(_, extra)| *extra != 0)
        .collect()
}

/// One number from the database, read while the bot may be running.
pub async fn count(store: &Store, sql: &str) -> i64 {
    let mut conn = store.connection().await.unwrap();
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&mut *conn).await.unwrap();
    n
}

/// Waits (up to `limit`) until no reminder job, message or update is left open, with the bot running.
/// Fails if the bot ever went past Telegram's limits meanwhile.
pub async fn wait_until_all_done(store: &Store, fake: &FakeTelegram, db: &TestDb, limit: Duration) {
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        assert_eq!(fake.too_many_requests(), 0, "the bot went past Telegram's limits");
        let jobs = count(store, "SELECT COUNT(*) FROM jobs WHERE kind = 'reminder' AND state <> 'done'").await;
        let mail = count(store, "SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')").await;
        let updates = count(store, "SELECT COUNT(*) FROM inbound_updates").await;
        if jobs == 0 && mail == 0 && updates == 0 && fake.pending_updates() == 0 {
            return;
        }
        if tokio::time::Instant::now() >= deadline {
            let log = std::fs::read_to_string(db.log_path()).unwrap_or_default();
            panic!("still open after {limit:?}: {jobs} reminder jobs, {mail} messages, {updates} updates; log:\n{log}");
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// A service on disk for the real binary: a database where `children` children (one worker) each have
/// a reminder due now for an appointment in three hours, and a fake Bot API where all have started
/// the bot, keeping Telegram's limits (the binary paces itself as shipped).
pub struct RemindersDue {
    pub dir: tempfile::TempDir,
    pub db: TestDb,
    pub store: Store,
    pub fake: FakeTelegram,
    pub caseload: Caseload,
}

impl RemindersDue {
    pub async fn new(first_user_id: i64, children: i64) -> RemindersDue {
        let dir = tempfile::tempdir().unwrap();
        let db = TestDb::new(dir.path(), "touchbase.db").await;
        Self::seeded(dir, db, first_user_id, children).await
    }

    /// [`RemindersDue::new`] on PostgreSQL, whatever the run's backend.
    pub async fn on_postgres(first_user_id: i64, children: i64) -> RemindersDue {
        let dir = tempfile::tempdir().unwrap();
        let db = TestDb::postgres(dir.path(), "touchbase.db").await;
        Self::seeded(dir, db, first_user_id, children).await
    }

    async fn seeded(dir: tempfile::TempDir, db: TestDb, first_user_id: i64, children: i64) -> RemindersDue {
        let store = db.open().await;
        let fake = FakeTelegram::start().await;
        let caseload = Caseload { first_user_id, children, worker_user_id: first_user_id - 1, workers: 1 };
        let now = wall_clock();
        caseload.seed(&store, now.timestamp() - 1, now.timestamp() + 3 * 3600).await;
        fake.open_chats(caseload.child_user_ids().chain(caseload.worker_user_ids()));
        fake.enforce_telegram_limits();
        RemindersDue { dir, db, store, fake, caseload }
    }
}
