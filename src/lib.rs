//! Touchbase: a Telegram bot that keeps children on youth justice orders in touch with their case worker.
//!
//! - [`config`]: settings from the environment, validated once.
//! - [`clock`]: the only source of "now".
//! - [`domain`]: pure rules (names, invite codes, quiet hours, dates).
//! - [`onboarding`], [`staff`], [`caseload`], [`appointments`], [`invites`]: the use cases.
//! - [`wording`]: dates, times and places in words, per language.
//! - [`messaging`] and [`templates`]: what people read, in their language, queued in the outbox.
//! - [`store`]: all SQL.
//! - [`telegram`]: updates in, messages out.
//! - [`app`]: wiring and the run loop; [`cli`]: the command line.

pub mod app;
pub mod appointments;
pub mod attendance;
pub mod carers;
pub mod caseload;
pub mod chart;
pub mod choices;
pub mod claims;
pub mod cli;
pub mod clock;
pub mod config;
pub mod delivery;
pub mod domain;
pub mod dropins;
pub mod figures;
pub mod invites;
pub mod jobs;
pub mod messaging;
pub mod onboarding;
pub mod own_words;
pub mod panel;
pub mod reachability;
pub mod records;
pub mod reminders;
pub mod staff;
pub mod store;
pub mod suspensions;
pub mod telegram;
pub mod templates;
pub mod usecase;
pub mod warnings;
pub mod wording;
