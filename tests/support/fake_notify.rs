//! A fake GOV.UK Notify (REST API v2) for tests that keeps Notify's rules, so what passes here works on Notify.
#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Json, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use tokio::time::Instant;
use touchbase::domain::phone::PhoneNumber;

pub const SERVICE_ID: &str = "7b1e3f52-6c0a-4d2e-9a41-5f8c2d7e9b10";
pub const SECRET: &str = "c4d9a1e7-2b3f-4e8a-b6d0-91f2a7c5e3d8";
/// The one template the service has; its whole content is `((body))`.
pub const TEMPLATE_ID: &str = "f0a6b2c8-3d4e-4f51-8a2b-6c7d8e9f0a1b";
/// Notify refuses a text longer than this (after the template is filled in).
pub const MAX_CHARS: usize = 918;
/// Requests a key may make in any 60 s before Notify answers 429.
pub const PER_MINUTE: usize = 3000;

/// The API key the app is given: `NAME-<service id>-<secret>`.
pub fn api_key() -> String {
    format!("touchbase_test-{SERVICE_ID}-{SECRET}")
}

/// Notify refuses a token whose `iat` is further than this from its own clock.
const CLOCK_SKEW: i64 = 30;
const RATE_WINDOW: Duration = Duration::from_secs(60);
/// Notify's pages of notifications and received texts.
const PAGE_SIZE: usize = 250;
/// What a phone network takes to one number in an hour: any texts, and identical texts.
const NETWORK_WINDOW: Duration = Duration::from_secs(3600);
const NETWORK_PER_HOUR: usize = 100;
const NETWORK_IDENTICAL_PER_HOUR: usize = 20;
const NOTIFY_NUMBER: &str = "07537410000";
const FROM_NUMBER: &str = "GOVUK";

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/// One fake Notify per test; clones share the same server.
#[derive(Clone)]
pub struct FakeNotify {
    inner: Arc<Inner>,
}

/// Which requests a queued [`Failure`] applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// `POST /v2/notifications/sms`.
    Send,
    /// `GET /v2/notifications/{id}` and `GET /v2/notifications?reference=...`.
    Status,
    /// `GET /v2/received-text-messages`.
    Received,
    /// The next request of any kind.
    Any,
}

/// A one-shot failure queued with [`FakeNotify::fail_next`].
#[derive(Clone, Debug)]
pub enum Failure {
    /// 429 `RateLimitError`; the request has no effect.
    RateLimited,
    /// This status with Notify's `Exception: Internal server error` body; the request has no effect.
    ServerError(u16),
    /// Handled as usual (a text is sent and counted), answered this much later: for timeouts, and
    /// for an answer that never comes back after Notify took the text.
    Slow(Duration),
    /// Handled as usual (a text is sent), but the answer is this 5xx: the caller cannot know it worked.
    AcceptThenFail(u16),
}

/// A text the app sent through Notify.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentText {
    pub id: String,
    pub reference: Option<String>,
    /// Canonical, `+447700900123`.
    pub phone: String,
    pub body: String,
    pub status: String,
    /// When Notify took it (the fake's real time), to measure how long texts take to go.
    pub at: tokio::time::Instant,
}

impl FakeNotify {
    pub async fn start() -> FakeNotify {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("fake Notify: bind 127.0.0.1:0");
        let address = listener.local_addr().expect("fake Notify: local address");
        let world = World { next_status: "delivered".to_owned(), ..World::default() };
        let inner = Arc::new(Inner {
            world: Mutex::new(world),
            api_url: url::Url::parse(&format!("http://{address}/")).expect("fake Notify url"),
        });
        // One handler for every path: it routes by hand, so every request is counted and checked
        // for its token first, as Notify does before any route.
        let app = Router::new().fallback(handle).with_state(inner.clone());
        tokio::spawn(async move {
            axum::serve(listener, app).await.expect("fake Notify server");
        });
        FakeNotify { inner }
    }

    /// `http://127.0.0.1:PORT/`, the base the app joins `v2/...` to.
    pub fn api_url(&self) -> url::Url {
        self.inner.api_url.clone()
    }

    /// Stamps `created_at` with this time (seconds) instead of the system clock's, so a test that
    /// moves the app's clock moves Notify's with it. Tokens are still checked against the wall clock.
    pub fn date_by(&self, source: impl Fn() -> i64 + Send + Sync + 'static) {
        self.world().date_source = Some(Arc::new(source));
    }

    /// From now on every request takes `latency` on the network (half before Notify acts on it,
    /// half before its answer arrives).
    pub fn set_latency(&self, latency: Duration) {
        self.world().latency = latency;
    }

    /// Queues a failure for the next request of kind `kind` (in order, one each).
    pub fn fail_next(&self, kind: Endpoint, failure: Failure) {
        self.world().failures.push_back((kind, failure));
    }

    /// The status texts sent from now on move to, from `sending`, the first time their status is read.
    pub fn set_next_status(&self, status: &str) {
        self.world().next_status = status.to_owned();
    }

    /// Every text sent to `phone` now has `status` and keeps it; texts sent to it later move to it on
    /// their first read (as Notify's test numbers always fail, say).
    pub fn set_status_for(&self, phone: &str, status: &str) {
        let phone = canonical(phone);
        let mut world = self.world();
        for text in world.notifications.iter_mut().filter(|n| n.text.phone == phone) {
            text.text.status = status.to_owned();
            text.moves_to = status.to_owned();
            text.read = true;
        }
        world.status_for.insert(phone, status.to_owned());
    }

    /// A text arrives at the service's number from `from` (any spelling of a UK mobile); returns its id.
    pub fn receive(&self, from: &str, content: &str) -> String {
        let user_number = canonical(from).trim_start_matches('+').to_owned();
        let mut world = self.world();
        world.received_made += 1;
        let id = format!("{:08x}-0000-4000-a000-{:012x}", world.received_made, world.received_made);
        let created_at = world.created_at();
        world.received.push(Received { id: id.clone(), user_number, content: content.to_owned(), created_at });
        id
    }

    /// The bodies of the texts sent to `phone` (any spelling), oldest first.
    pub fn texts_to(&self, phone: &str) -> Vec<String> {
        let phone = canonical(phone);
        self.world().notifications.iter().filter(|n| n.text.phone == phone).map(|n| n.text.body.clone()).collect()
    }

    /// Every text sent, oldest first.
    pub fn sent(&self) -> Vec<SentText> {
        self.world().notifications.iter().map(|n| n.text.clone()).collect()
    }

    /// Texts Notify took (including those whose answer was delayed or lost).
    pub fn sends(&self) -> usize {
        self.world().notifications.len()
    }

    /// Every request, including refused and failed ones.
    pub fn requests(&self) -> usize {
        self.world().requests
    }

    /// `GET /v2/notifications/{id}` answered.
    pub fn status_reads(&self) -> usize {
        self.world().status_reads
    }

    /// `GET /v2/notifications?reference=...` answered.
    pub fn reference_lookups(&self) -> usize {
        self.world().reference_lookups
    }

    /// `GET /v2/received-text-messages` answered.
    pub fn received_reads(&self) -> usize {
        self.world().received_reads
    }

    /// Requests refused for their token (401/403).
    pub fn auth_failures(&self) -> usize {
        self.world().auth_failures
    }

    /// The message of every 4xx answer but 429 (token, validation, template, not found), in order.
    pub fn rejected(&self) -> Vec<String> {
        self.world().rejected.clone()
    }

    /// Texts Notify took but a phone network would not deliver: past 100 to one number in an hour,
    /// or past 20 identical ones.
    pub fn limit_violations(&self) -> Vec<String> {
        self.world().limit_violations.clone()
    }

    fn world(&self) -> MutexGuard<'_, World> {
        self.inner.world()
    }
}

/// The canonical form of a number a test names; anything else is the test's mistake.
fn canonical(phone: &str) -> String {
    PhoneNumber::parse(phone).unwrap_or_else(|| panic!("fake Notify: {phone:?} is not a UK mobile number")).to_string()
}

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

struct Inner {
    world: Mutex<World>,
    api_url: url::Url,
}

impl Inner {
    fn world(&self) -> MutexGuard<'_, World> {
        // A panicking test thread must not hide the state from the server.
        self.world.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

struct Stored {
    text: SentText,
    created_at: String,
    /// The status it takes on its first read.
    moves_to: String,
    read: bool,
}

struct Received {
    id: String,
    /// `447700900123`, as Notify gives it.
    user_number: String,
    content: String,
    created_at: String,
}

#[derive(Default)]
struct World {
    /// Oldest first.
    notifications: Vec<Stored>,
    /// Oldest first.
    received: Vec<Received>,
    received_made: u64,
    next_status: String,
    status_for: HashMap<String, String>,
    failures: VecDeque<(Endpoint, Failure)>,
    latency: Duration,
    /// What time Notify stamps on notifications (the system clock unless a test says).
    date_source: Option<Arc<dyn Fn() -> i64 + Send + Sync>>,
    /// Every request in the last 60 s, for the rate limit.
    recent_requests: VecDeque<Instant>,
    /// Per number: texts in the last hour, with their bodies.
    network: HashMap<String, VecDeque<(Instant, String)>>,
    limit_violations: Vec<String>,
    rejected: Vec<String>,
    requests: usize,
    auth_failures: usize,
    status_reads: usize,
    reference_lookups: usize,
    received_reads: usize,
}

impl World {
    /// ISO 8601 in UTC with microseconds, as Notify writes times.
    fn created_at(&self) -> String {
        let seconds = self.date_source.as_ref().map_or_else(wall_clock, |source| source());
        chrono::DateTime::from_timestamp(seconds, 0)
            .expect("fake Notify: a time in range")
            .format("%Y-%m-%dT%H:%M:%S%.6fZ")
            .to_string()
    }

    /// Counts a request; whether it is past Notify's 3,000 in any 60 s (every request counts, refused
    /// ones too, as Notify's sliding window does).
    fn over_rate_limit(&mut self, now: Instant) -> bool {
        while self.recent_requests.front().is_some_and(|at| now.duration_since(*at) >= RATE_WINDOW) {
            self.recent_requests.pop_front();
        }
        self.recent_requests.push_back(now);
        self.recent_requests.len() > PER_MINUTE
    }

    /// The first queued failure for this kind of request, taken off the queue.
    fn take_failure(&mut self, kind: Option<Endpoint>) -> Option<Failure> {
        let at = self.failures.iter().position(|(k, _)| *k == Endpoint::Any || Some(*k) == kind)?;
        self.failures.remove(at).map(|(_, failure)| failure)
    }

    /// Notify takes the text whatever; the phone network would not pass more than 100 an hour to one
    /// number, nor more than 20 identical ones.
    fn note_for_network(&mut self, phone: &str, body: &str, now: Instant) {
        let recent = self.network.entry(phone.to_owned()).or_default();
        while recent.front().is_some_and(|(at, _)| now.duration_since(*at) >= NETWORK_WINDOW) {
            recent.pop_front();
        }
        recent.push_back((now, body.to_owned()));
        let all = recent.len();
        let identical = recent.iter().filter(|(_, b)| b == body).count();
        if all > NETWORK_PER_HOUR {
            self.limit_violations
                .push(format!("{all} texts to {phone} in an hour (a network takes {NETWORK_PER_HOUR})"));
        }
        if identical > NETWORK_IDENTICAL_PER_HOUR {
            self.limit_violations.push(format!(
                "{identical} identical texts to {phone} in an hour (a network takes {NETWORK_IDENTICAL_PER_HOUR}): {body:?}"
            ));
        }
    }

    /// A notification's status as read now: it leaves `sending` on its first read.
    fn read_status(&mut self, index: usize) {
        let stored = &mut self.notifications[index];
        if !stored.read {
            stored.read = true;
            stored.text.status = stored.moves_to.clone();
        }
    }
}

/// Notification times only: Notify stamps with its own clock, which the app never reads.
#[allow(clippy::disallowed_methods)]
fn wall_clock() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

fn is_uuid(text: &str) -> bool {
    text.len() == 36
        && text.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

/// An error answer: `{"status_code", "errors": [{"error", "message"}]}`.
struct ApiError {
    status: u16,
    error: &'static str,
    message: String,
}

impl ApiError {
    fn new(status: u16, error: &'static str, message: impl Into<String>) -> ApiError {
        ApiError { status, error, message: message.into() }
    }
    fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(400, "BadRequestError", message)
    }
    fn validation(message: impl Into<String>) -> ApiError {
        ApiError::new(400, "ValidationError", message)
    }
    fn not_found() -> ApiError {
        ApiError::new(404, "NoResultFound", "No result found")
    }
    fn rate_limited() -> ApiError {
        let message = format!("Exceeded rate limit for key type LIVE of {PER_MINUTE} requests per 60 seconds");
        ApiError::new(429, "RateLimitError", message)
    }
    fn server(status: u16) -> ApiError {
        ApiError::new(status, "Exception", "Internal server error")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = json!({ "status_code": self.status, "errors": [{ "error": self.error, "message": self.message }] });
        (status, Json(body)).into_response()
    }
}

type Answer = Result<(StatusCode, Value), ApiError>;

/// Every request: the network's latency, the token, the rate limit, a queued failure, then Notify's answer.
async fn handle(
    State(inner): State<Arc<Inner>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let latency = inner.world().latency;
    tokio::time::sleep(latency / 2).await;
    let kind = endpoint(&method, uri.path());
    let (answer, failure) = {
        let mut world = inner.world();
        world.requests += 1;
        let over_limit = world.over_rate_limit(Instant::now());
        let mut failure = None;
        let answer = if let Err(error) = check_token(headers.get(header::AUTHORIZATION)) {
            world.auth_failures += 1;
            Err(error)
        } else if over_limit {
            Err(ApiError::rate_limited())
        } else {
            failure = world.take_failure(kind);
            match failure {
                Some(Failure::RateLimited) => Err(ApiError::rate_limited()),
                Some(Failure::ServerError(status)) => Err(ApiError::server(status)),
                _ => route(&mut world, &inner.api_url, &method, &uri, &headers, &body),
            }
        };
        if let Err(error) = &answer
            && (400..500).contains(&error.status)
            && error.status != 429
        {
            world.rejected.push(error.message.clone());
        }
        (answer, failure)
    };
    let response = match (failure, answer) {
        (Some(Failure::AcceptThenFail(status)), _) => ApiError::server(status).into_response(),
        (failure, answer) => {
            if let Some(Failure::Slow(delay)) = failure {
                tokio::time::sleep(delay).await;
            }
            match answer {
                Ok((status, body)) => (status, Json(body)).into_response(),
                Err(error) => error.into_response(),
            }
        }
    };
    tokio::time::sleep(latency / 2).await;
    response
}

fn endpoint(method: &Method, path: &str) -> Option<Endpoint> {
    match (method, path) {
        (&Method::POST, "/v2/notifications/sms") => Some(Endpoint::Send),
        (&Method::GET, "/v2/notifications") => Some(Endpoint::Status),
        (&Method::GET, path) if path.starts_with("/v2/notifications/") => Some(Endpoint::Status),
        (&Method::GET, "/v2/received-text-messages") => Some(Endpoint::Received),
        _ => None,
    }
}

fn route(world: &mut World, base: &url::Url, method: &Method, uri: &Uri, headers: &HeaderMap, body: &Bytes) -> Answer {
    let query: HashMap<String, String> =
        url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes()).into_owned().collect();
    let current = base.join(uri.path_and_query().map_or("", |p| p.as_str()).trim_start_matches('/'));
    let current = current.map(String::from).unwrap_or_default();
    match (method, uri.path()) {
        (&Method::POST, "/v2/notifications/sms") => send(world, base, headers, body),
        (&Method::GET, "/v2/notifications") => by_reference(world, base, &query, current),
        (&Method::GET, "/v2/received-text-messages") => received(world, base, &query, current),
        (&Method::GET, path) => match path.strip_prefix("/v2/notifications/") {
            Some(id) if !id.contains('/') => status(world, base, id),
            _ => Err(ApiError::not_found()),
        },
        _ => Err(ApiError::not_found()),
    }
}

/// Notify's checks, in its order: the header, the token's issuer, its algorithm and signature (HS256
/// with the key's secret), then its `iat` against Notify's own clock (never a test clock).
fn check_token(authorization: Option<&header::HeaderValue>) -> Result<(), ApiError> {
    let invalid = |message: &str| ApiError::new(403, "AuthError", message);
    let Some(value) = authorization else {
        return Err(ApiError::new(401, "AuthError", "Unauthorized: authentication token must be provided"));
    };
    let value = value.to_str().unwrap_or("");
    if !value.get(..7).is_some_and(|scheme| scheme.eq_ignore_ascii_case("bearer ")) {
        return Err(ApiError::new(401, "AuthError", "Unauthorized: authentication bearer scheme must be used"));
    }
    let token = &value[7..];
    let parts: Vec<&str> = token.split('.').collect();
    let decoded: Option<Vec<Vec<u8>>> = parts.iter().map(|part| URL_SAFE_NO_PAD.decode(part).ok()).collect();
    let (Some(decoded), 3) = (decoded, parts.len()) else {
        return Err(invalid("Invalid token: signature, api token is not valid"));
    };
    let json = |bytes: &[u8]| serde_json::from_slice::<Value>(bytes).ok().filter(Value::is_object);
    let (Some(jwt_header), Some(claims)) = (json(&decoded[0]), json(&decoded[1])) else {
        return Err(invalid("Invalid token: signature, api token is not valid"));
    };
    let Some(issuer) = claims["iss"].as_str() else {
        return Err(invalid("Invalid token: iss field not provided"));
    };
    if !is_uuid(issuer) {
        return Err(invalid("Invalid token: service id is not the right data type"));
    }
    if issuer != SERVICE_ID {
        return Err(invalid("Invalid token: service not found"));
    }
    if jwt_header["alg"] != "HS256" {
        return Err(invalid("Invalid token: algorithm used is not HS256"));
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(format!("{}.{}", parts[0], parts[1]).as_bytes());
    if mac.verify_slice(&decoded[2]).is_err() {
        return Err(invalid("Invalid token: API key not found"));
    }
    let Some(issued_at) = claims["iat"].as_i64() else {
        return Err(invalid("Invalid token: iat field not provided"));
    };
    if (wall_clock() - issued_at).abs() > CLOCK_SKEW {
        return Err(invalid("Error: Your system clock must be accurate to within 30 seconds"));
    }
    Ok(())
}

/// `POST /v2/notifications/sms`: the schema (required fields, a UK mobile), then the template, its
/// personalisation, and the length of the filled-in text.
fn send(world: &mut World, base: &url::Url, headers: &HeaderMap, body: &Bytes) -> Answer {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().to_ascii_lowercase().starts_with("application/json"));
    let request = serde_json::from_slice::<Value>(body).ok().filter(|v| is_json && v.is_object());
    let Some(request) = request else {
        return Err(ApiError::bad_request("Invalid JSON supplied in POST data"));
    };
    let Some(phone_number) = request.get("phone_number") else {
        return Err(ApiError::validation("phone_number is a required property"));
    };
    let Some(template_id) = request.get("template_id") else {
        return Err(ApiError::validation("template_id is a required property"));
    };
    let Some(phone) = phone_number.as_str().and_then(PhoneNumber::parse) else {
        return Err(ApiError::validation("phone_number Not a UK mobile number"));
    };
    if !template_id.as_str().is_some_and(is_uuid) {
        return Err(ApiError::validation("template_id is not a valid UUID"));
    }
    let reference = match request.get("reference") {
        None | Some(Value::Null) => None,
        Some(Value::String(reference)) => Some(reference.clone()),
        Some(other) => return Err(ApiError::validation(format!("reference {other} is not of type string, null"))),
    };
    let personalisation = request.get("personalisation").cloned().unwrap_or_else(|| json!({}));
    if !personalisation.is_object() {
        return Err(ApiError::validation(format!("personalisation {personalisation} is not of type object")));
    }
    if template_id != TEMPLATE_ID {
        return Err(ApiError::bad_request("Template not found"));
    }
    let text = match &personalisation["body"] {
        Value::Null => return Err(ApiError::bad_request("Missing personalisation: body")),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    if text.trim().is_empty() {
        return Err(ApiError::bad_request("Your message is empty."));
    }
    let length = text.chars().count();
    if length > MAX_CHARS {
        return Err(ApiError::bad_request(format!(
            "Text messages cannot be longer than {MAX_CHARS} characters. Your message is {length} characters"
        )));
    }
    let phone = phone.to_string();
    let number = world.notifications.len() as u64 + 1;
    let id = format!("{number:08x}-0000-4000-8000-{number:012x}");
    let moves_to = world.status_for.get(&phone).unwrap_or(&world.next_status).clone();
    world.note_for_network(&phone, &text, Instant::now());
    let created_at = world.created_at();
    let sent = SentText {
        id: id.clone(),
        reference,
        phone,
        body: text,
        status: "sending".to_owned(),
        at: tokio::time::Instant::now(),
    };
    let answer = json!({
        "id": id,
        "reference": sent.reference,
        "content": { "body": sent.body, "from_number": FROM_NUMBER },
        "uri": format!("{base}v2/notifications/{id}"),
        "template": template_json(base),
        "scheduled_for": null,
    });
    world.notifications.push(Stored { text: sent, created_at, moves_to, read: false });
    Ok((StatusCode::CREATED, answer))
}

fn template_json(base: &url::Url) -> Value {
    json!({ "id": TEMPLATE_ID, "version": 1, "uri": format!("{base}services/{SERVICE_ID}/templates/{TEMPLATE_ID}") })
}

fn notification_json(stored: &Stored, base: &url::Url) -> Value {
    let text = &stored.text;
    json!({
        "id": text.id,
        "reference": text.reference,
        "phone_number": text.phone,
        "email_address": null,
        "type": "sms",
        "status": text.status,
        "template": template_json(base),
        "body": text.body,
        "subject": null,
        "created_at": stored.created_at,
        "sent_at": null,
        "completed_at": null,
    })
}

/// `GET /v2/notifications/{id}`: Notify checks the id is a UUID before looking for it.
fn status(world: &mut World, base: &url::Url, id: &str) -> Answer {
    if !is_uuid(id) {
        return Err(ApiError::validation("notification_id is not a valid UUID"));
    }
    let index = world.notifications.iter().position(|n| n.text.id == id).ok_or_else(ApiError::not_found)?;
    world.status_reads += 1;
    world.read_status(index);
    Ok((StatusCode::OK, notification_json(&world.notifications[index], base)))
}

/// Notify's paging: newest first, 250 a page, `older_than` an id (exclusive; an unknown one gives
/// nothing). Returns the indexes on this page and whether older ones remain.
fn page(ids: &[&str], older_than: Option<&str>) -> (Vec<usize>, bool) {
    let end = match older_than {
        None => ids.len(),
        Some(id) => ids.iter().position(|i| *i == id).unwrap_or(0),
    };
    let indexes: Vec<usize> = (0..end).rev().take(PAGE_SIZE).collect();
    let more = end > PAGE_SIZE;
    (indexes, more)
}

fn page_links(base: &url::Url, path: &str, current: String, last: Option<&str>, more: bool) -> Value {
    let mut links = json!({ "current": current });
    if let (true, Some(last)) = (more, last) {
        links["next"] = format!("{base}{path}?older_than={last}").into();
    }
    links
}

/// `GET /v2/notifications?reference=R&template_type=sms`.
fn by_reference(world: &mut World, base: &url::Url, query: &HashMap<String, String>, current: String) -> Answer {
    if let Some(kind) = query.get("template_type")
        && !["sms", "email", "letter"].contains(&kind.as_str())
    {
        return Err(ApiError::validation(format!("template_type {kind} is not one of [sms, email, letter]")));
    }
    world.reference_lookups += 1;
    let wanted = |stored: &Stored| {
        query.get("reference").is_none_or(|r| stored.text.reference.as_ref() == Some(r))
            && query.get("template_type").is_none_or(|t| t == "sms")
    };
    let matching: Vec<usize> = (0..world.notifications.len()).filter(|&i| wanted(&world.notifications[i])).collect();
    let ids: Vec<&str> = matching.iter().map(|&i| world.notifications[i].text.id.as_str()).collect();
    let (on_page, more) = page(&ids, query.get("older_than").map(String::as_str));
    let on_page: Vec<usize> = on_page.into_iter().map(|i| matching[i]).collect();
    for &index in &on_page {
        world.read_status(index);
    }
    let last = on_page.last().map(|&i| world.notifications[i].text.id.as_str());
    let links = page_links(base, "v2/notifications", current, last, more);
    let notifications: Vec<Value> = on_page.iter().map(|&i| notification_json(&world.notifications[i], base)).collect();
    Ok((StatusCode::OK, json!({ "notifications": notifications, "links": links })))
}

/// `GET /v2/received-text-messages[?older_than=ID]`.
fn received(world: &mut World, base: &url::Url, query: &HashMap<String, String>, current: String) -> Answer {
    world.received_reads += 1;
    let ids: Vec<&str> = world.received.iter().map(|r| r.id.as_str()).collect();
    let (on_page, more) = page(&ids, query.get("older_than").map(String::as_str));
    let last = on_page.last().map(|&i| world.received[i].id.as_str());
    let links = page_links(base, "v2/received-text-messages", current, last, more);
    let texts: Vec<Value> = on_page
        .iter()
        .map(|&i| {
            let text = &world.received[i];
            json!({
                "id": text.id,
                "user_number": text.user_number,
                "notify_number": NOTIFY_NUMBER,
                "content": text.content,
                "created_at": text.created_at,
                "service_id": SERVICE_ID,
            })
        })
        .collect();
    Ok((StatusCode::OK, json!({ "received_text_messages": texts, "links": links })))
}
