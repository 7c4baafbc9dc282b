//! Pure rules: no I/O, no clock, no database. Values in, decisions out.

pub mod answers;
pub mod args;
pub mod calendar;
pub mod clash;
pub mod dates;
pub mod dropins;
pub mod engagement;
pub mod figures;
pub mod flood;
pub mod ids;
pub mod invite;
pub mod people;
pub mod phone;
pub mod quiet_hours;
pub mod reminders;
pub mod schedule;
pub mod sms;
pub mod text;
pub mod times;
pub mod weekdays;
