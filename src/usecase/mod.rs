//! The floor every capability stands on: the context a use case runs in, the mail it queues, the
//! buttons' actions, the command table, access rules, shared wording, choices offered with buttons,
//! and telling a worker when someone cannot be reached. Imports only `domain`, `store`, `templates`
//! and `config`.

pub mod access;
pub mod action;
pub mod buttons;
pub mod choices;
pub mod commands;
pub mod context;
pub mod mail;
pub mod reach;
pub mod wording;
