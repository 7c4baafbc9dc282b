//! Weekly appointments: the series kept as rows (series), commitments to work around
//! (commitments), what a booking must not clash with (clashes), fixed weekly slots (slots),
//! children kept apart (apart), one-off skips and moves (changes) and the same from a notice
//! (from_notice), seeing what is booked
//! (seeing), a worker's day and week across the caseload (diary), reminders and one-tap answers
//! (reminders), and what a child types (own_words).
//! Their arguments are read at the edge, in `usecase::commands`.

pub mod apart;
pub mod changes;
pub mod clashes;
pub mod commitments;
pub mod diary;
pub mod from_notice;
pub mod own_words;
pub mod reminders;
pub mod seeing;
pub mod series;
pub mod slots;

/// How far ahead occurrences exist as rows; they are topped up as time passes.
pub const HORIZON_WEEKS: i64 = 52;
const DEFAULT_MINUTES: i64 = 60;
/// The reason recorded on occurrences cancelled because the order ends before them.
const ORDER_ENDED: &str = "order ended";
