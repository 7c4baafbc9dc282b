//! Webhook mode: Telegram pushes each update to us over HTTPS (through whatever terminates TLS in
//! front of the bot). An update is answered 200 only once it is stored in the inbox, so a crash can
//! never lose one: Telegram pushes it again until it hears 200. Repeats are recognised by update id.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use sha2::{Digest, Sha256};
use teloxide::types::Update;
use tokio::sync::Notify;

use crate::clock::Clock;
use crate::store::{Store, inbox};
use crate::telegram::inbound::reduce;

pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

/// The secret Telegram sends with every push. Derived from the bot's token, so every copy of the bot
/// behind one webhook knows it without another setting, and the token itself never travels.
pub fn secret_for(token: &str) -> String {
    let digest = Sha256::digest(format!("touchbase webhook secret\n{token}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

struct Hook {
    store: Store,
    clock: Arc<dyn Clock>,
    secret: String,
    arrived: Arc<Notify>,
}

/// The route Telegram pushes to, at `path`. `arrived` is rung for each new update.
pub fn router(path: &str, store: Store, clock: Arc<dyn Clock>, secret: String, arrived: Arc<Notify>) -> Router {
    let hook = Arc::new(Hook { store, clock, secret, arrived });
    Router::new().route(path, post(receive)).with_state(hook)
}

/// Far above any update Telegram sends (a message is at most 4,096 characters).
const MAX_PUSH_BYTES: usize = 256 * 1024;

async fn receive(State(hook): State<Arc<Hook>>, headers: HeaderMap, body: Body) -> StatusCode {
    // The secret is checked before the body is read, so strangers cost us nothing.
    let given = headers.get(SECRET_HEADER).map(|value| value.as_bytes()).unwrap_or_default();
    if !same_secret(given, hook.secret.as_bytes()) {
        tracing::debug!("a webhook push without the right secret token was refused");
        return StatusCode::UNAUTHORIZED;
    }
    let Ok(body) = axum::body::to_bytes(body, MAX_PUSH_BYTES).await else {
        return StatusCode::PAYLOAD_TOO_LARGE;
    };
    let update = match serde_json::from_slice::<Update>(&body) {
        Ok(update) => update,
        Err(error) => {
            // Pushing it again would not make it readable: accept it, and say so.
            tracing::error!(%error, "a webhook push is not an update we can read; dropped");
            return StatusCode::OK;
        }
    };
    let Some(inbound) = reduce(&update) else { return StatusCode::OK };
    let payload = serde_json::to_string(&inbound).expect("inbound always serialises");
    // In a write transaction, so that it cannot slip in beside another copy of the bot finishing the
    // same update (pushed again) and be stored a second time.
    let stored = async {
        let mut tx = hook.store.begin().await?;
        let new = inbox::save_update(&mut tx, i64::from(update.id.0), &payload, hook.clock.now().timestamp()).await?;
        tx.commit().await?;
        Ok::<_, crate::store::StoreError>(new)
    };
    match stored.await {
        Ok(new) => {
            if new {
                hook.arrived.notify_one();
            }
            StatusCode::OK
        }
        Err(error) => {
            // Telegram pushes it again later.
            tracing::error!(%error, "could not store a webhook push; Telegram will send it again");
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}

/// Compares without stopping at the first difference, so timing says nothing about the secret.
fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len() && given.iter().zip(expected).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_is_stable_allowed_by_telegram_and_not_the_token() {
        let secret = secret_for("123:abc");
        assert_eq!(secret, secret_for("123:abc"), "every copy of the bot agrees");
        assert_ne!(secret, secret_for("123:abd"));
        assert_eq!(secret.len(), 64);
        assert!(secret.bytes().all(|b| b.is_ascii_alphanumeric()));
        assert!(!secret.contains("abc"));
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abd", b"abc"));
        assert!(!same_secret(b"ab", b"abc"));
        assert!(!same_secret(b"", b"abc"));
    }
}
