//! What every use case works with: one transaction, the time, the settings, and the mail it will send.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::config::Settings;
use crate::domain::ids::ChildId;
use crate::store::{StoreError, Transaction};
use crate::templates::Text;
use crate::usecase::mail::{Mail, Recipient};

/// A use case either refuses (with words for the person, and nothing changed) or something broke.
#[derive(Debug, thiserror::Error)]
pub enum UseCaseError {
    #[error("refused: {}", .0.key)]
    Refused(Text),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for UseCaseError {
    /// Where the `?` stood goes with the error, as for [`StoreError`].
    #[track_caller]
    fn from(error: sqlx::Error) -> Self {
        UseCaseError::Store(StoreError::from(error))
    }
}

pub type UseCaseResult<T = ()> = Result<T, UseCaseError>;

/// Shorthand for a refusal with a template key.
pub fn refuse<T>(text: Text) -> UseCaseResult<T> {
    Err(UseCaseError::Refused(text))
}

/// Where the app can be made to fail on purpose, by a test's hook (`AppOptions::fault_hook`), called at
/// each of these before the work is done. The real binary has none.
#[derive(Debug, Clone, Copy)]
pub enum FaultSite<'a> {
    /// About to handle an update (its transaction is open): what the person typed, if they typed.
    Update { text: Option<&'a str> },
    /// About to run a job of this kind (its transaction is open).
    Job { kind: &'a str },
    /// About to send a message to this chat.
    Send { chat_id: i64 },
}

/// A test's way to make the app fail at a [`FaultSite`] (by panicking, say).
#[derive(Clone)]
pub struct FaultHook(pub Arc<dyn Fn(FaultSite<'_>) + Send + Sync>);

impl FaultHook {
    pub fn at(&self, site: FaultSite<'_>) {
        (self.0)(site)
    }
}

impl std::fmt::Debug for FaultHook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FaultHook")
    }
}

/// The world as one use case sees it while it runs.
pub struct Context<'a> {
    pub tx: &'a mut Transaction,
    pub now: DateTime<Utc>,
    pub settings: &'a Settings,
    pub bot_username: &'a str,
    /// Where answers to the person who asked go.
    pub reply_to: Recipient,
    pub mail: Mail,
    /// The child a manager picked when a name they typed was more than one child's: the command is
    /// run again, and the first lookup of that name finds this child.
    pub chosen_child: Option<ChildId>,
}

impl Context<'_> {
    pub fn reply(&mut self, text: Text) {
        self.mail.send(self.reply_to, text);
    }

    pub fn timestamp(&self) -> i64 {
        self.now.timestamp()
    }

    pub fn time_zone(&self) -> Tz {
        self.settings.time_zone
    }

    pub fn today(&self) -> NaiveDate {
        self.now.with_timezone(&self.settings.time_zone).date_naive()
    }

    /// An instant as people read it: local date and time.
    pub fn local_time(&self, timestamp: i64) -> String {
        DateTime::from_timestamp(timestamp, 0)
            .map(|t| t.with_timezone(&self.settings.time_zone).format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default()
    }
}
