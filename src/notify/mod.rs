//! The GOV.UK Notify adapter: text messages to and from children and carers who are not on
//! Telegram. An adapter only, as `telegram/` is: nothing outside it, `app.rs` and `cli/` names it.
//! Today it holds the service's credentials and how a request proves them (auth.rs); sending,
//! receiving and following delivery come with the rest of the text-message channel.

pub mod auth;
