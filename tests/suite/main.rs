//! The suite in one binary (the crash test and several copies on PostgreSQL have binaries of their
//! own, since they run the bot as separate processes and time them): `support/` is compiled once, and
//! the tests of every area share the machine's cores to the end rather than one area at a time.

#[path = "../support/mod.rs"]
mod support;

mod abuse;
mod appointments;
mod backup;
mod bad_day;
mod carers;
mod caseload;
mod channels;
mod cli;
mod diary;
mod dropins;
mod engagement;
mod fake_telegram_selftest;
mod faults;
mod figures;
mod flows;
mod fuzz;
mod layers;
mod migrate_to;
mod onboarding;
mod outage;
mod own_words;
mod records;
mod reminders;
mod restart;
mod sending;
mod staff;
mod storage;
mod suspensions;
mod templates;
mod texts;
mod webhook;
