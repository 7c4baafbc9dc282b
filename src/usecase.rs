//! What every use case works with: one transaction, the time, the settings, and the mail it will send.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::config::Settings;
use crate::messaging::{Mail, Recipient};
use crate::store::{StoreError, Transaction};
use crate::templates::Text;

/// A use case either refuses (with words for the person, and nothing changed) or something broke.
#[derive(Debug, thiserror::Error)]
pub enum UseCaseError {
    #[error("refused: {}", .0.key)]
    Refused(Text),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for UseCaseError {
    fn from(error: sqlx::Error) -> Self {
        UseCaseError::Store(StoreError::Database(error))
    }
}

pub type UseCaseResult<T = ()> = Result<T, UseCaseError>;

/// Shorthand for a refusal with a template key.
pub fn refuse<T>(text: Text) -> UseCaseResult<T> {
    Err(UseCaseError::Refused(text))
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
