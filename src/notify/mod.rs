//! The GOV.UK Notify adapter: text messages to and from children who are not on Telegram. An adapter
//! only, as `telegram/` is: nothing outside it, `app.rs` and `cli/` names it.
//!
//! - `auth`: the API key, and the token each request carries.
//! - `client`: the requests (send, look up, received texts) and what their answers mean.
//! - `channel`: texts as a channel of the one outbox and sender.
//! - `limits`: Notify's and the phone networks' limits, kept as texts go.
//! - `received`: reading received texts and handing each, once, to the use cases.
//! - `statuses`: following each text until it is delivered or failed.

pub mod auth;
pub mod channel;
pub mod client;
pub mod limits;
pub mod received;
pub mod statuses;
