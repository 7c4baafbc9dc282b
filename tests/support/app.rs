//! `spawn_app()`: the real app, in process, against the fake Bot API, a fresh database and a test clock.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use touchbase::app::{App, AppOptions};
use touchbase::clock::{Clock, ManualClock};
use touchbase::config::Settings;
use touchbase::domain::people::PersonName;
use touchbase::people::invites::{StaffInvite, invite_first_manager};
use touchbase::telegram::pacing::TelegramLimits;
use touchbase::usecase::context::{FaultHook, FaultSite};

use super::db::TestDb;
use super::fake_notify::{self, FakeNotify};
use super::fake_telegram::{FakeTelegram, Phone, TOKEN};

pub struct TestApp {
    pub app: App,
    pub fake: FakeTelegram,
    /// GOV.UK Notify, for children on texts.
    pub notify: FakeNotify,
    pub clock: ManualClock,
    pub settings: Settings,
    pub db: TestDb,
    /// How the app paces itself: [`test_options`], or as shipped.
    pub options: AppOptions,
    _dir: tempfile::TempDir,
}

/// Monday 23 November 2026, 10:00 in London (GMT).
pub fn start_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

/// Telegram's pacing, loosened so tests are quick; the pacer is still in the path. Most stories use
/// it: at Telegram's pace (one message a second to a chat) a story whose worker reads thirty
/// messages would take half a minute. The paced stories ([`spawn_paced_app`]) keep the real pace.
pub fn test_options() -> AppOptions {
    AppOptions { send_limits: TelegramLimits::unlimited(), poll_timeout_seconds: 1, fault_hook: None }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(&[]).await
}

/// Like [`spawn_app`], with some settings given as environment variables would give them.
pub async fn spawn_app_with(extra: &[(&str, &str)]) -> TestApp {
    spawn(extra, test_options()).await
}

/// Like [`spawn_app`], with `hook` called where the app can be made to fail (it panics, say).
pub async fn spawn_app_failing(hook: impl Fn(FaultSite<'_>) + Send + Sync + 'static) -> TestApp {
    spawn(&[], AppOptions { fault_hook: Some(FaultHook(Arc::new(hook))), ..test_options() }).await
}

/// The app paced as shipped, against a fake that answers 429 past Telegram's limits: each
/// `settle` fails if the bot drew a single 429.
pub async fn spawn_paced_app() -> TestApp {
    let t = spawn(&[], AppOptions::default()).await;
    t.fake.enforce_telegram_limits();
    t
}

async fn spawn(extra: &[(&str, &str)], options: AppOptions) -> TestApp {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = TestDb::new(dir.path(), "touchbase.db").await;
    spawn_on(dir, db, extra, options).await
}

async fn spawn_on(dir: tempfile::TempDir, db: TestDb, extra: &[(&str, &str)], options: AppOptions) -> TestApp {
    let fake = FakeTelegram::start().await;
    let notify = FakeNotify::start().await;
    let settings = settings_with_texts(&fake, &notify, &db.url, extra);
    let clock = ManualClock::new(start_time());
    let telegram_clock = clock.clone();
    fake.date_messages_by(move || telegram_clock.now().timestamp());
    let notify_clock = clock.clone();
    notify.date_by(move || notify_clock.now().timestamp());
    let app =
        App::build_with(settings.clone(), Arc::new(clock.clone()), options.clone()).await.expect("the app starts");
    TestApp { app, fake, notify, clock, settings, db, options, _dir: dir }
}

/// Settings for the app against `fake` Telegram and `notify`, on `database_url`, with `extra` given as
/// environment variables would give them.
fn settings_with_texts(
    fake: &FakeTelegram,
    notify: &FakeNotify,
    database_url: &str,
    extra: &[(&str, &str)],
) -> Settings {
    let (key, url) = (fake_notify::api_key(), notify.api_url().to_string());
    let mut all = vec![
        ("TOUCHBASE_NOTIFY_API_KEY", key.as_str()),
        ("TOUCHBASE_NOTIFY_SMS_TEMPLATE", fake_notify::TEMPLATE_ID),
        ("TOUCHBASE_NOTIFY_API_URL", url.as_str()),
    ];
    all.extend_from_slice(extra);
    test_settings(fake, database_url, &all)
}

/// Settings for the app against `fake` Telegram (texts off), on `database_url`.
pub fn test_settings(fake: &FakeTelegram, database_url: &str, extra: &[(&str, &str)]) -> Settings {
    let mut env: HashMap<String, String> = HashMap::new();
    env.insert("TELOXIDE_TOKEN".into(), TOKEN.into());
    env.insert("TELOXIDE_API_URL".into(), fake.api_url().to_string());
    env.insert("DATABASE_URL".into(), database_url.into());
    for (k, v) in extra {
        env.insert((*k).into(), (*v).into());
    }
    Settings::from_lookup(|name| env.get(name).cloned()).expect("test settings are valid")
}

impl TestApp {
    /// Begins a step (what phones see from now on is their news), then polls, handles and sends until
    /// the bot has nothing left to do.
    pub async fn settle(&self) {
        self.fake.begin_step();
        self.app.settle().await.expect("the bot settles");
        assert_eq!(self.fake.too_many_requests(), 0, "the bot went past Telegram's limits");
        assert_eq!(self.notify.auth_failures(), 0, "Notify refused the bot's token");
        assert_eq!(self.notify.limit_violations(), Vec::<String>::new(), "the bot went past a phone network's limits");
        // The bot never uses the word, in any language, to anyone: every test checks what it said.
        for text in self.fake.everything_said() {
            let text = text.to_lowercase();
            for word in ["breach", "torri amod", "tor-amod", "tor amod"] {
                assert!(!text.contains(word), "the bot said {word:?}: {text}");
            }
        }
    }

    /// Stops this app (as a crash would: nothing is flushed) and starts a new one on the same database.
    pub async fn restart(self) -> TestApp {
        self.restart_with(&[]).await
    }

    /// [`TestApp::restart`] with some settings changed, as an operator would between runs.
    pub async fn restart_with(self, changed: &[(&str, &str)]) -> TestApp {
        let TestApp { app, fake, notify, clock, db, options, _dir, .. } = self;
        drop(app);
        let settings = settings_with_texts(&fake, &notify, &db.url, changed);
        let app = App::build_with(settings.clone(), Arc::new(clock.clone()), options.clone())
            .await
            .expect("the app restarts");
        TestApp { app, fake, notify, clock, settings, db, options, _dir }
    }

    /// A manager who joined through `touchbase invite manager`, as on the first day.
    pub async fn manager(&self, user_id: i64, name: &str) -> Phone {
        let name = PersonName::parse(name).unwrap();
        let invite = match invite_first_manager(
            self.app.store(),
            &name,
            self.clock.now_ts(),
            self.settings.invite_ttl.num_seconds(),
        )
        .await
        .unwrap()
        {
            StaffInvite::Issued(invite) => invite,
            StaffInvite::NameTaken { .. } => panic!("name taken"),
        };
        let phone = self.fake.phone(user_id, name.as_str());
        phone.send_text(&format!("/start {}", invite.code.as_str()));
        self.settle().await;
        phone
    }

    /// A member of staff invited by `manager` with `/invite ROLE NAME`, who has joined.
    pub async fn staff(&self, manager: &Phone, role: &str, user_id: i64, name: &str) -> Phone {
        manager.send_text(&format!("/invite {role} {name}"));
        self.settle().await;
        let code = invite_code_in(&manager.last_text());
        let phone = self.fake.phone(user_id, name);
        phone.send_text(&format!("/start {code}"));
        self.settle().await;
        phone
    }

    /// A child enrolled by `worker` (with `/enrol NAME OPTIONS`) who has joined through their link.
    /// A date of birth is recorded after they join: a child under 16 is never given a Telegram link,
    /// but one already on Telegram stays (stories about ages need children of every age on it).
    pub async fn child(&self, worker: &Phone, user_id: i64, enrol_args: &str) -> Phone {
        let (born, enrol_args): (Vec<&str>, Vec<&str>) =
            enrol_args.split(' ').partition(|word| word.starts_with("born="));
        let name = enrol_args.iter().take_while(|word| !word.contains('=')).copied().collect::<Vec<_>>().join(" ");
        worker.send_text(&format!("/enrol {}", enrol_args.join(" ")));
        self.settle().await;
        let code = invite_code_in(&worker.last_text());
        let phone = self.fake.phone(user_id, "Child");
        phone.send_text(&format!("/start {code}"));
        self.settle().await;
        if let Some(born) = born.first() {
            worker.send_text(&format!("/update {name} {born}"));
            self.settle().await;
        }
        phone
    }
}

pub trait ClockExt {
    fn now_ts(&self) -> i64;
}

impl ClockExt for ManualClock {
    fn now_ts(&self) -> i64 {
        use touchbase::clock::Clock;
        self.now().timestamp()
    }
}

/// The phone sends `text`, the bot settles, and the newest message the phone got meanwhile is
/// returned. Fails if the bot answered nothing.
pub async fn say(t: &TestApp, phone: &Phone, text: &str) -> String {
    phone.send_text(text);
    t.settle().await;
    phone.last_text()
}

/// Like [`say`], returning every message the phone got meanwhile (none is allowed).
pub async fn say_all(t: &TestApp, phone: &Phone, text: &str) -> Vec<String> {
    phone.send_text(text);
    t.settle().await;
    phone.news_texts()
}

/// The phone sends `text`, and the bot must show it nothing at all.
pub async fn say_unanswered(t: &TestApp, phone: &Phone, text: &str) {
    let news = say_all(t, phone, text).await;
    assert!(news.is_empty(), "{text:?} was meant to go unanswered, but the bot said {news:?}");
}

/// An instant given in London's local time.
pub fn london(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    chrono_tz::Europe::London.with_ymd_and_hms(year, month, day, hour, minute, 0).unwrap().with_timezone(&Utc)
}

/// The child card `/child` sends first (details), among the messages of the current step.
pub fn child_card(phone: &Phone) -> String {
    phone
        .news_texts()
        .into_iter()
        .rev()
        .find(|t| t.contains("\nAge: "))
        .unwrap_or_else(|| panic!("no child card in {:?}", phone.news_texts()))
}

/// The invite code in a message with a deep link (`?start=CODE`).
pub fn invite_code_in(text: &str) -> String {
    let start = text.find("?start=").unwrap_or_else(|| panic!("no invite link in {text:?}")) + "?start=".len();
    text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

/// One number from the database, e.g. `SELECT COUNT(*) FROM warnings`.
pub async fn scalar(t: &TestApp, sql: &str) -> i64 {
    let mut conn = t.app.store().connection().await.unwrap();
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&mut *conn).await.unwrap();
    n
}

/// Sets the test clock and lets the bot do everything now due.
pub async fn at(t: &TestApp, when: DateTime<Utc>) {
    t.clock.set(when);
    t.settle().await;
}

/// Priya (manager), Alex (worker) and Sam (child, joined) with a weekly Tuesday 16:00 appointment.
pub async fn sam_on_tuesdays(t: &TestApp) -> (Phone, Phone, Phone) {
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    let child = t.child(&worker, 3, "Sam").await;
    say(t, &worker, "/slot Sam Tue 16:00").await;
    (manager, worker, child)
}
