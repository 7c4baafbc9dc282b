//! The Telegram edge: updates in (stored, then handled one by one), messages out (through the outbox).

pub mod commands;
pub mod handler;
pub mod inbound;
pub mod pacing;
pub mod render;
pub mod sending;
pub mod webhook;
