//! Requests to GOV.UK Notify's REST API (v2): send a text, look one up by its id or our reference,
//! and read received texts. Each answer is read into what it means for the sender: taken, refused,
//! or Notify not answering (its 429, a 5xx, a timeout), which pauses texts and nothing else.

use std::time::Duration;

use serde::Deserialize;
use serde_json::json;
use url::Url;

use crate::clock::{Clock, SystemClock};
use crate::domain::phone::PhoneNumber;
use crate::notify::auth::ApiKey;

/// A request Notify has not answered in this long is given up as unanswered (it may have got through).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

/// How to reach a Notify service: where, as whom, and the template every text is sent through.
#[derive(Clone)]
pub struct NotifyClient {
    http: reqwest::Client,
    base: Url,
    key: ApiKey,
    template_id: String,
}

/// What went wrong with a request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotifyError {
    /// No answer, or one that says Notify is busy or failing (429, 5xx): try again later. The request
    /// may have been acted on.
    #[error("Notify did not answer: {0}")]
    Unavailable(String),
    /// Notify read the request and refused it (4xx but 429): the same request would fail again.
    #[error("Notify refused the request ({status}): {message}")]
    Refused { status: u16, message: String },
}

/// A text Notify knows about.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Notification {
    pub id: String,
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub status: String,
}

/// A text someone sent the service's number.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ReceivedText {
    pub id: String,
    /// As Notify gives it: `447700900123`.
    pub user_number: String,
    pub content: String,
}

impl ReceivedText {
    /// The sender's number, if it is a UK mobile.
    pub fn from(&self) -> Option<PhoneNumber> {
        PhoneNumber::parse(&self.user_number)
    }
}

#[derive(Deserialize)]
struct Accepted {
    id: String,
}

#[derive(Deserialize)]
struct Notifications {
    notifications: Vec<Notification>,
}

#[derive(Deserialize)]
struct ReceivedPage {
    received_text_messages: Vec<ReceivedText>,
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    errors: Vec<ErrorItem>,
}

#[derive(Deserialize)]
struct ErrorItem {
    #[serde(default)]
    error: String,
    #[serde(default)]
    message: String,
}

impl NotifyClient {
    pub fn new(base: Url, key: ApiKey, template_id: String) -> Self {
        let http = reqwest::Client::builder().timeout(REQUEST_TIMEOUT).build().expect("an HTTP client with a timeout");
        Self { http, base, key, template_id }
    }

    /// Sends `body` to `phone` through the service's template; `reference` is ours for it (never
    /// personal data), to look the text up by. Returns Notify's id for the text.
    pub async fn send_sms(&self, phone: &PhoneNumber, body: &str, reference: &str) -> Result<String, NotifyError> {
        let request = json!({
            "phone_number": phone.as_str(),
            "template_id": self.template_id,
            "personalisation": { "body": body },
            "reference": reference,
        });
        let answer = self.http.post(self.url("v2/notifications/sms")).bearer_auth(self.token()).json(&request);
        let accepted: Accepted = read(answer.send().await).await?;
        Ok(accepted.id)
    }

    /// The text we sent with `reference`, if Notify has one.
    pub async fn find_by_reference(&self, reference: &str) -> Result<Option<Notification>, NotifyError> {
        let mut url = self.url("v2/notifications");
        url.query_pairs_mut().append_pair("reference", reference).append_pair("template_type", "sms");
        let found: Notifications = read(self.http.get(url).bearer_auth(self.token()).send().await).await?;
        Ok(found.notifications.into_iter().next())
    }

    /// A text's delivery status, by Notify's id.
    pub async fn status(&self, id: &str) -> Result<Notification, NotifyError> {
        let url = self.url(&format!("v2/notifications/{id}"));
        read(self.http.get(url).bearer_auth(self.token()).send().await).await
    }

    /// Received texts, newest first, a page at a time: those older than `older_than` if given.
    pub async fn received(&self, older_than: Option<&str>) -> Result<Vec<ReceivedText>, NotifyError> {
        let mut url = self.url("v2/received-text-messages");
        if let Some(id) = older_than {
            url.query_pairs_mut().append_pair("older_than", id);
        }
        let page: ReceivedPage = read(self.http.get(url).bearer_auth(self.token()).send().await).await?;
        Ok(page.received_text_messages)
    }

    fn url(&self, path: &str) -> Url {
        self.base.join(path).expect("a path joins a base address")
    }

    /// A fresh token for each request, stamped with the wall clock: Notify refuses one more than 30 s
    /// from its own time, so a test clock (set to another day) must never sign it.
    fn token(&self) -> String {
        self.key.token(SystemClock.now().timestamp())
    }
}

/// Reads an answer as `T`, or what went wrong.
async fn read<T: serde::de::DeserializeOwned>(
    answer: Result<reqwest::Response, reqwest::Error>,
) -> Result<T, NotifyError> {
    let answer = answer.map_err(|error| NotifyError::Unavailable(without_url(error)))?;
    let status = answer.status();
    let body = answer.text().await.map_err(|error| NotifyError::Unavailable(without_url(error)))?;
    if status.is_success() {
        return serde_json::from_str(&body)
            .map_err(|error| NotifyError::Unavailable(format!("an answer that could not be read: {error}")));
    }
    let message = serde_json::from_str::<ErrorBody>(&body)
        .ok()
        .and_then(|body| body.errors.into_iter().next())
        .map(|item| format!("{}: {}", item.error, item.message))
        .unwrap_or_else(|| format!("status {status}"));
    if status.as_u16() == 429 || status.is_server_error() {
        Err(NotifyError::Unavailable(message))
    } else if matches!(status.as_u16(), 401 | 403) {
        // The key was refused (revoked, or this machine's clock is more than 30 s out): every request
        // would fail alike until someone puts it right, so texts wait rather than being given up.
        tracing::error!(status = status.as_u16(), %message, "Notify refused the API key; texts wait until it is put right");
        Err(NotifyError::Unavailable(format!("the API key was refused: {message}")))
    } else {
        Err(NotifyError::Refused { status: status.as_u16(), message })
    }
}

/// A request error without the address (which may hold a reference): what happened only.
fn without_url(error: reqwest::Error) -> String {
    let kind = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect"
    } else {
        "request failed"
    };
    format!("{kind}: {}", error.without_url())
}
