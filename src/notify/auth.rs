//! How a request to Notify proves who sent it: a JSON Web Token, HS256, signed with the API key's
//! secret, naming the service (`iss`) and when it was made (`iat`, within 30 s of Notify's clock).

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// A Notify API key: `NAME-<service id, 36 characters>-<secret, 36 characters>`. The secret is
/// never shown, not even in a debug print.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey {
    service_id: String,
    secret: String,
}

/// Why a string is not a Notify API key. Names the part, never the key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("it is too short to be a Notify API key (a name, then the service id and the secret)")]
    TooShort,
    #[error("the service id in it is not a UUID")]
    ServiceId,
    #[error("the secret in it is not a UUID")]
    Secret,
    #[error("it holds characters a Notify API key never has")]
    Characters,
}

/// The length of a UUID as text, `8-4-4-4-12`.
const UUID_CHARS: usize = 36;

fn is_uuid(text: &str) -> bool {
    text.len() == UUID_CHARS
        && text.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

impl ApiKey {
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let text = text.trim();
        if !text.is_ascii() {
            return Err(KeyError::Characters);
        }
        // The name may hold dashes, so the key is read from its end: -<service id>-<secret>.
        let tail = 2 * UUID_CHARS + 2;
        if text.len() <= tail {
            return Err(KeyError::TooShort);
        }
        let secret = &text[text.len() - UUID_CHARS..];
        let service_id = &text[text.len() - tail + 1..text.len() - UUID_CHARS - 1];
        let dashes = text.as_bytes()[text.len() - tail] == b'-' && text.as_bytes()[text.len() - UUID_CHARS - 1] == b'-';
        if !dashes || !is_uuid(service_id) {
            return Err(KeyError::ServiceId);
        }
        if !is_uuid(secret) {
            return Err(KeyError::Secret);
        }
        Ok(Self { service_id: service_id.to_owned(), secret: secret.to_owned() })
    }

    pub fn service_id(&self) -> &str {
        &self.service_id
    }

    /// The bearer token for a request made at `issued_at` (seconds since 1970, from the wall
    /// clock: Notify refuses a token more than 30 s from its own time, so never a test clock's).
    pub fn token(&self, issued_at: i64) -> String {
        let header = URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"HS256"}"#);
        let service = serde_json::Value::from(self.service_id.as_str());
        let claims = URL_SAFE_NO_PAD.encode(format!(r#"{{"iss":{service},"iat":{issued_at}}}"#));
        let signing_input = format!("{header}.{claims}");
        let mut mac = Hmac::<Sha256>::new_from_slice(self.secret.as_bytes()).expect("HMAC takes a key of any length");
        mac.update(signing_input.as_bytes());
        let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{signing_input}.{signature}")
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiKey").field("service_id", &self.service_id).field("secret", &"(hidden)").finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVICE: &str = "26785a09-ab16-4eb0-8407-a37497a57506";
    const SECRET: &str = "3d844edf-8d35-48ac-975b-e847b4f122b0";

    fn key() -> ApiKey {
        ApiKey::parse(&format!("my-test-key-{SERVICE}-{SECRET}")).unwrap()
    }

    #[test]
    fn a_key_is_read_from_its_end_whatever_its_name() {
        assert_eq!(key().service_id(), SERVICE);
        assert_eq!(ApiKey::parse(&format!("live-{SERVICE}-{SECRET}\n")).unwrap(), key(), "the name is not kept");
        assert_eq!(ApiKey::parse(""), Err(KeyError::TooShort));
        assert_eq!(ApiKey::parse(&format!("{SERVICE}-{SECRET}")), Err(KeyError::TooShort), "no name");
        assert_eq!(ApiKey::parse(&format!("k-{}-{SECRET}", SERVICE.replace('a', "g"))), Err(KeyError::ServiceId));
        assert_eq!(ApiKey::parse(&format!("k-{SERVICE}_{SECRET}")), Err(KeyError::ServiceId), "no dash between");
        assert_eq!(ApiKey::parse(&format!("k-{SERVICE}-{}x", &SECRET[..35])), Err(KeyError::Secret));
        assert_eq!(ApiKey::parse(&format!("ŵ-{SERVICE}-{SECRET}")), Err(KeyError::Characters));
    }

    #[test]
    fn the_secret_never_shows() {
        let shown = format!("{:?}", key());
        assert!(shown.contains(SERVICE) && !shown.contains(SECRET), "{shown}");
    }

    /// The token as Python's hmac and base64 modules make it for the same key and time.
    #[test]
    fn the_token_is_hs256_over_the_service_and_the_time() {
        let token = key().token(1_764_000_000);
        assert_eq!(token, EXPECTED);
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        let claims: serde_json::Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(claims, serde_json::json!({ "iss": SERVICE, "iat": 1_764_000_000 }));
        assert_ne!(key().token(1_764_000_001), token, "a new time, a new token");
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_a_key_or_a_reason_and_never_a_panic(text in "\\PC{0,120}") {
            let _ = ApiKey::parse(&text);
        }
    }

    const EXPECTED: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpc3MiOiIyNjc4NWEwOS1hYjE2LTRlYjAtODQwNy1hMzc0OTdhNTc1MDYiLCJpYXQiOjE3NjQwMDAwMDB9.CbLXruQWwwRzlMrSjMfV_pQVP3_MsXOWeNq5DD1TA9g";
}
