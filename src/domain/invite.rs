//! Invite codes: one-time, unguessable, short enough for a Telegram deep link.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// 24 random bytes (192 bits) are 32 URL-safe characters, inside Telegram's 64-character start parameter.
pub const CODE_BYTES: usize = 24;

/// A code as handed to a person. Only its hash is stored, so a copy of the database opens no door.
#[derive(Clone, PartialEq, Eq)]
pub struct InviteCode(String);

impl std::fmt::Debug for InviteCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("InviteCode(..)")
    }
}

impl InviteCode {
    pub fn from_random_bytes(bytes: [u8; CODE_BYTES]) -> Self {
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Accepts only what we could have made: the right length in the deep-link alphabet.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let well_formed = text.len() == 32 && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        well_formed.then(|| Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn hash(&self) -> String {
        let digest = Sha256::digest(self.0.as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    pub fn deep_link(&self, bot_username: &str) -> String {
        format!("https://t.me/{bot_username}?start={}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_fit_a_start_parameter_and_round_trip() {
        let code = InviteCode::from_random_bytes([0xfb; CODE_BYTES]);
        assert_eq!(code.as_str().len(), 32);
        assert!(code.as_str().len() <= 64);
        assert_eq!(InviteCode::parse(code.as_str()), Some(code.clone()));
        assert!(code.deep_link("touchbase_bot").ends_with(code.as_str()));
    }

    #[test]
    fn hashes_differ_per_code_and_hide_it() {
        let a = InviteCode::from_random_bytes([1; CODE_BYTES]);
        let b = InviteCode::from_random_bytes([2; CODE_BYTES]);
        assert_ne!(a.hash(), b.hash());
        assert_eq!(a.hash().len(), 64);
        assert!(!a.hash().contains(a.as_str()));
    }

    #[test]
    fn rejects_anything_we_did_not_make() {
        for bad in [
            "",
            "short",
            &"a".repeat(31),
            &"a".repeat(33),
            &format!("{}!", "a".repeat(31)),
            &format!("{}=", "a".repeat(31)),
        ] {
            assert!(InviteCode::parse(bad).is_none(), "{bad:?}");
        }
    }
}
