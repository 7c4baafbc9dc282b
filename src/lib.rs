//! Touchbase: a messaging bot that keeps children on youth justice orders in touch with their case
//! worker.
//!
//! The tree, one line a folder; arrows point down (a capability stands on `usecase`, `domain` and
//! `store`, and names no channel):
//!
//! - [`app`]: wiring and the run loops; [`cli`]: the command line; [`config`]: settings, validated
//!   once; [`clock`]: the only source of "now"; [`templates`]: Fluent rendering.
//! - [`people`]: joining, invites, staff, a worker's caseload, parents and carers.
//! - [`appointments`]: weekly slots, commitments, clashes, skips and moves, reminders, a child's own
//!   words.
//! - [`engagement`]: attendance and follow-up, warnings, the engagement panel, suspensions.
//! - [`dropins`]: drop-in sessions. [`figures`]: the board's figures and chart. [`records`]:
//!   export, erasure, retention, audit. [`jobs`]: the timed-work runner.
//! - [`usecase`]: the floor the capabilities stand on: context, mail, button actions, the command
//!   table and each command's typed value (read once, at the edge), access, shared wording and
//!   buttons, choices, reachability.
//! - [`delivery`]: the outbox's one sender, whatever the channel: claims, leases, priority,
//!   retries, give-ups.
//! - [`domain`]: pure rules, no I/O, and the typed ids. [`store`]: all SQL.
//! - [`notify`]: the GOV.UK Notify adapter (text messages): requests, texts as a channel, limits,
//!   received texts, delivery. [`texts`]: what a child's text means. [`conversation`]: taps and
//!   awaited replies handed to the use cases, whichever channel they came by.
//! - [`telegram`]: the Telegram adapter: updates in, commands as typed, rendering, requests,
//!   pacing, the webhook.

pub mod app;
pub mod appointments;
pub mod cli;
pub mod clock;
pub mod config;
pub mod conversation;
pub mod delivery;
pub mod domain;
pub mod dropins;
pub mod engagement;
pub mod figures;
pub mod flows;
pub mod jobs;
pub mod notify;
pub mod people;
pub mod records;
pub mod store;
pub mod telegram;
pub mod templates;
pub mod texts;
pub mod usecase;
