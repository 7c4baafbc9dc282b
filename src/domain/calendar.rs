//! Appointments as an iCalendar (RFC 5545) document, so they land in a person's own calendar app.
//!
//! Pure: the zone's clock changes are found by asking `chrono-tz` for the offset at sampled instants (it exposes
//! no transition list), so the VTIMEZONE describes exactly the changes the events' span needs.
//!
//! Choices worth knowing:
//! - With no events the calendar still carries a VTIMEZONE (one observance, for the offset at `stamp`): RFC 5545
//!   wants at least one component inside VCALENDAR.
//! - Times are written to whole seconds (sub-second parts are dropped).
//! - A start or end that falls in the repeated hour when clocks go back, at its *second* occurrence, is written in
//!   UTC (`DTSTART:20261025T013000Z`): RFC 5545 reads an ambiguous local time as the first occurrence, so the local
//!   form would put it an hour early. Every other time is local with `TZID`.
//! - DTEND is left out when the event does not end after it starts (RFC 5545 forbids DTEND <= DTSTART).
//! - An observance is DAYLIGHT when its offset has a positive daylight-saving part (Europe/Dublin's negative winter
//!   saving is therefore STANDARD, like its summer time).

use chrono::{DateTime, LocalResult, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::{OffsetComponents, Tz, TzOffset};

/// One appointment in a calendar.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CalendarEvent {
    /// Stable across exports, so a re-import updates rather than duplicates (e.g. "occurrence-42@touchbase").
    pub uid: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub summary: String,
    pub location: Option<String>,
    /// Cancelled occurrences are kept with STATUS:CANCELLED so calendars that imported them before drop them.
    pub cancelled: bool,
    /// Bumped when an occurrence changes (e.g. moved), as RFC 5545 SEQUENCE.
    pub sequence: u32,
}

const CRLF: &str = "\r\n";
/// RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break.
const MAX_LINE_OCTETS: usize = 75;
const PRODID: &str = "-//Touchbase//Touchbase appointments//EN";
const LOCAL_FORMAT: &str = "%Y%m%dT%H%M%S";
const UTC_FORMAT: &str = "%Y%m%dT%H%M%SZ";
/// Seconds between samples when looking for offset changes. Each change between two samples is then pinned to the
/// second by bisection; only a change undone within one step would go unseen.
const SCAN_STEP_SECS: i64 = 3_600;
/// How far before the first event to look for the change that brought in the offset it starts under.
const LOOKBACK_SECS: i64 = 400 * 86_400;

/// A complete VCALENDAR: PRODID, VERSION:2.0, CALSCALE:GREGORIAN, METHOD:PUBLISH, X-WR-CALNAME, one VTIMEZONE for
/// `tz` covering every event, then one VEVENT per event with DTSTART/DTEND in local time with TZID=<tz name>,
/// DTSTAMP (UTC, from `stamp`), UID, SEQUENCE, SUMMARY, LOCATION if any, STATUS (CONFIRMED or CANCELLED).
///
/// Events keep their order. See the module notes for the repeated hour, missing DTEND and an empty `events`.
pub fn to_ics(tz: Tz, events: &[CalendarEvent], stamp: DateTime<Utc>, calendar_name: &str) -> String {
    let mut ics = Ics::default();
    ics.line("BEGIN", "VCALENDAR");
    ics.line("PRODID", PRODID);
    ics.line("VERSION", "2.0");
    ics.line("CALSCALE", "GREGORIAN");
    ics.line("METHOD", "PUBLISH");
    ics.line("X-WR-CALNAME", &escape_text(calendar_name));
    let (first, last) = span(events).unwrap_or((stamp, stamp));
    write_timezone(&mut ics, tz, first.timestamp(), last.timestamp());
    let stamp = stamp.format(UTC_FORMAT).to_string();
    for event in events {
        write_event(&mut ics, tz, event, &stamp);
    }
    ics.line("END", "VCALENDAR");
    ics.out
}

#[derive(Default)]
struct Ics {
    out: String,
}

impl Ics {
    /// One content line `name:value` (name may carry `;PARAM=...`), folded and ended with CRLF.
    fn line(&mut self, name: &str, value: &str) {
        let mut used = 0;
        for ch in name.chars().chain(std::iter::once(':')).chain(value.chars()) {
            let octets = ch.len_utf8();
            if used + octets > MAX_LINE_OCTETS {
                self.out.push_str(CRLF);
                self.out.push(' ');
                used = 1;
            }
            self.out.push(ch);
            used += octets;
        }
        self.out.push_str(CRLF);
    }
}

/// RFC 5545 TEXT: backslash, semicolon, comma and line breaks escaped; other ASCII control characters (not allowed
/// in TEXT) dropped.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            // CRLF becomes one `\n` (via the LF); a lone CR is a line break too.
            '\r' if chars.peek() != Some(&'\n') => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_ascii_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Earliest start and latest start-or-end.
fn span(events: &[CalendarEvent]) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let first = events.iter().map(|e| e.starts_at).min()?;
    let last = events.iter().map(|e| e.starts_at.max(e.ends_at)).max()?;
    Some((first, last))
}

fn write_event(ics: &mut Ics, tz: Tz, event: &CalendarEvent, stamp: &str) {
    ics.line("BEGIN", "VEVENT");
    ics.line("UID", &escape_text(&event.uid));
    ics.line("DTSTAMP", stamp);
    write_date_time(ics, "DTSTART", tz, event.starts_at);
    if event.ends_at.timestamp() > event.starts_at.timestamp() {
        write_date_time(ics, "DTEND", tz, event.ends_at);
    }
    ics.line("SEQUENCE", &event.sequence.to_string());
    ics.line("SUMMARY", &escape_text(&event.summary));
    if let Some(location) = &event.location {
        ics.line("LOCATION", &escape_text(location));
    }
    ics.line("STATUS", if event.cancelled { "CANCELLED" } else { "CONFIRMED" });
    ics.line("END", "VEVENT");
}

/// Local time with TZID, unless that local time would read back as a different instant (see the module notes).
fn write_date_time(ics: &mut Ics, name: &str, tz: Tz, at: DateTime<Utc>) {
    let local = at.with_timezone(&tz);
    let naive = local.naive_local();
    let reads_back = match tz.from_local_datetime(&naive) {
        LocalResult::Ambiguous(a, b) => a.min(b) == local,
        _ => true,
    };
    if reads_back {
        ics.line(&format!("{name};TZID={}", tz.name()), &naive.format(LOCAL_FORMAT).to_string());
    } else {
        ics.line(name, &at.format(UTC_FORMAT).to_string());
    }
}

/// A change of offset: from `before` to `after` at `at` (UTC seconds since the epoch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Transition {
    at: i64,
    before: TzOffset,
    after: TzOffset,
}

/// One observance: the offset in effect before the onset, the one after, and the onset in the local time before it.
struct Observance {
    onset_local: NaiveDateTime,
    before: TzOffset,
    after: TzOffset,
}

impl From<Transition> for Observance {
    fn from(t: Transition) -> Self {
        Observance { onset_local: naive_at(t.at + i64::from(total_secs(t.before))), before: t.before, after: t.after }
    }
}

/// The VTIMEZONE for `tz` over `[from, to]` (UTC seconds): the observance in effect at `from`, then every change
/// up to `to`.
fn write_timezone(ics: &mut Ics, tz: Tz, from: i64, to: i64) {
    let initial = offset_at(tz, from);
    let first = previous_change(tz, from, initial).map(Observance::from).unwrap_or_else(|| {
        // No change in the lookback window: the offset has held since at least its start, so say so from the
        // first local midnight inside it.
        let window_start =
            naive_at(from.saturating_sub(LOOKBACK_SECS).max(min_timestamp()) + i64::from(total_secs(initial)));
        let onset_local = window_start.date().succ_opt().and_then(|d| d.and_hms_opt(0, 0, 0)).unwrap_or(window_start);
        Observance { onset_local, before: initial, after: initial }
    });
    ics.line("BEGIN", "VTIMEZONE");
    ics.line("TZID", tz.name());
    for observance in std::iter::once(first).chain(changes_between(tz, from, to).into_iter().map(Observance::from)) {
        write_observance(ics, &observance);
    }
    ics.line("END", "VTIMEZONE");
}

fn write_observance(ics: &mut Ics, observance: &Observance) {
    let kind = if observance.after.dst_offset() > TimeDelta::zero() { "DAYLIGHT" } else { "STANDARD" };
    ics.line("BEGIN", kind);
    ics.line("DTSTART", &observance.onset_local.format(LOCAL_FORMAT).to_string());
    ics.line("TZOFFSETFROM", &utc_offset(total_secs(observance.before)));
    ics.line("TZOFFSETTO", &utc_offset(total_secs(observance.after)));
    // The abbreviation, or chrono-tz's numeric name (e.g. "-03") where the zone has none.
    ics.line("TZNAME", &escape_text(&observance.after.to_string()));
    ics.line("END", kind);
}

/// Every change of offset in `(from, to]`, in order.
fn changes_between(tz: Tz, from: i64, to: i64) -> Vec<Transition> {
    let mut changes = Vec::new();
    let mut cursor = from;
    let mut current = offset_at(tz, from);
    while cursor < to {
        let next = cursor.saturating_add(SCAN_STEP_SECS).min(to);
        // More than one change may sit between two samples: find them one by one.
        while offset_at(tz, next) != current {
            let at = bisect(cursor, next, |t| offset_at(tz, t) != current);
            let after = offset_at(tz, at);
            changes.push(Transition { at, before: current, after });
            cursor = at;
            current = after;
        }
        cursor = next;
    }
    changes
}

/// The latest change at or before `at` that brought in `current`, looking back up to `LOOKBACK_SECS`.
fn previous_change(tz: Tz, at: i64, current: TzOffset) -> Option<Transition> {
    let limit = at.saturating_sub(LOOKBACK_SECS).max(min_timestamp());
    let mut hi = at;
    while hi > limit {
        let lo = hi.saturating_sub(SCAN_STEP_SECS).max(limit);
        if offset_at(tz, lo) != current {
            let at = bisect(lo, hi, |t| offset_at(tz, t) == current);
            return Some(Transition { at, before: offset_at(tz, at - 1), after: current });
        }
        hi = lo;
    }
    None
}

/// Given `!pred(lo)` and `pred(hi)`, the second `t` in `(lo, hi]` with `!pred(t - 1)` and `pred(t)`.
fn bisect(mut lo: i64, mut hi: i64, pred: impl Fn(i64) -> bool) -> i64 {
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

fn min_timestamp() -> i64 {
    DateTime::<Utc>::MIN_UTC.timestamp()
}

/// The naive date-time `secs` seconds after the epoch (clamped to chrono's range).
fn naive_at(secs: i64) -> NaiveDateTime {
    let clamped = secs.clamp(min_timestamp(), DateTime::<Utc>::MAX_UTC.timestamp());
    DateTime::from_timestamp(clamped, 0).unwrap_or(DateTime::<Utc>::MIN_UTC).naive_utc()
}

fn offset_at(tz: Tz, secs: i64) -> TzOffset {
    tz.offset_from_utc_datetime(&naive_at(secs))
}

fn total_secs(offset: TzOffset) -> i32 {
    offset.fix().local_minus_utc()
}

/// RFC 5545 UTC-OFFSET: `±HHMM`, with seconds only when there are any.
fn utc_offset(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    let (hours, minutes, seconds) = (abs / 3600, abs / 60 % 60, abs % 60);
    if seconds == 0 {
        format!("{sign}{hours:02}{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}{seconds:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    const LONDON: Tz = Tz::Europe__London;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    fn event(uid: &str, starts_at: &str, minutes: i64, summary: &str) -> CalendarEvent {
        let starts_at = utc(starts_at);
        CalendarEvent {
            uid: uid.to_owned(),
            starts_at,
            ends_at: starts_at + TimeDelta::minutes(minutes),
            summary: summary.to_owned(),
            location: None,
            cancelled: false,
            sequence: 0,
        }
    }

    fn stamp() -> DateTime<Utc> {
        utc("2026-01-02T09:30:15Z")
    }

    /// Content lines, unfolded.
    fn unfold(ics: &str) -> Vec<String> {
        let unfolded = ics.replace("\r\n ", "").replace("\r\n\t", "");
        let body = unfolded.strip_suffix("\r\n").expect("ends with CRLF");
        body.split("\r\n").map(str::to_owned).collect()
    }

    struct ContentLine {
        name: String,
        params: Vec<(String, String)>,
        value: String,
    }

    /// `NAME[;PARAM=VALUE...]:VALUE`, or `None` if the line is not shaped like that.
    fn parse_line(line: &str) -> Option<ContentLine> {
        let is_name = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        let mut in_quotes = false;
        let colon = line.char_indices().find_map(|(i, c)| {
            if c == '"' {
                in_quotes = !in_quotes;
            }
            (c == ':' && !in_quotes).then_some(i)
        })?;
        let (head, value) = (&line[..colon], &line[colon + 1..]);
        let mut parts = head.split(';');
        let name = parts.next()?;
        if !is_name(name) || value.contains(['\r', '\n']) {
            return None;
        }
        let mut params = Vec::new();
        for part in parts {
            let (key, val) = part.split_once('=')?;
            if !is_name(key) || val.is_empty() {
                return None;
            }
            params.push((key.to_owned(), val.to_owned()));
        }
        Some(ContentLine { name: name.to_owned(), params, value: value.to_owned() })
    }

    fn parse_all(ics: &str) -> Vec<ContentLine> {
        unfold(ics).iter().map(|l| parse_line(l).unwrap_or_else(|| panic!("not a content line: {l:?}"))).collect()
    }

    fn unescape(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n' | 'N') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => panic!("dangling backslash in {text:?}"),
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[derive(Debug, PartialEq, Eq)]
    struct Obs {
        kind: String,
        dtstart: String,
        from: String,
        to: String,
        name: String,
    }

    fn observances(ics: &str) -> Vec<Obs> {
        let mut out = Vec::new();
        let mut current: Option<Obs> = None;
        for line in parse_all(ics) {
            match (line.name.as_str(), current.as_mut()) {
                ("BEGIN", None) if line.value == "STANDARD" || line.value == "DAYLIGHT" => {
                    current = Some(Obs {
                        kind: line.value,
                        dtstart: String::new(),
                        from: String::new(),
                        to: String::new(),
                        name: String::new(),
                    })
                }
                ("DTSTART", Some(o)) => o.dtstart = line.value,
                ("TZOFFSETFROM", Some(o)) => o.from = line.value,
                ("TZOFFSETTO", Some(o)) => o.to = line.value,
                ("TZNAME", Some(o)) => o.name = unescape(&line.value),
                ("END", Some(_)) => out.extend(current.take()),
                _ => {}
            }
        }
        out
    }

    fn obs(kind: &str, dtstart: &str, from: &str, to: &str, name: &str) -> Obs {
        Obs { kind: kind.into(), dtstart: dtstart.into(), from: from.into(), to: to.into(), name: name.into() }
    }

    fn offset_secs(text: &str) -> i32 {
        let sign = if text.starts_with('-') { -1 } else { 1 };
        let digits = &text[1..];
        let field = |i: usize| digits.get(i..i + 2).map_or(0, |d| d.parse::<i32>().unwrap());
        sign * (field(0) * 3600 + field(2) * 60 + field(4))
    }

    /// The offset a calendar holding only this file would use at `at`: that of the latest observance begun by then.
    fn offset_by_vtimezone(observances: &[Obs], at: DateTime<Utc>) -> i32 {
        observances
            .iter()
            .map(|o| {
                let local = NaiveDateTime::parse_from_str(&o.dtstart, LOCAL_FORMAT).unwrap();
                (local.and_utc() - TimeDelta::seconds(i64::from(offset_secs(&o.from))), offset_secs(&o.to))
            })
            .filter(|(onset, _)| *onset <= at)
            .max_by_key(|(onset, _)| *onset)
            .unwrap_or_else(|| panic!("no observance covers {at}"))
            .1
    }

    fn values<'a>(lines: &'a [ContentLine], name: &str) -> Vec<&'a str> {
        lines.iter().filter(|l| l.name == name).map(|l| l.value.as_str()).collect()
    }

    #[test]
    fn london_vtimezone_lists_the_2026_to_2028_clock_changes() {
        let events = [
            event("a@touchbase", "2026-01-15T10:00:00Z", 60, "First"),
            event("b@touchbase", "2027-06-01T10:00:00Z", 60, "Middle"),
            event("c@touchbase", "2028-12-15T10:00:00Z", 60, "Last"),
        ];
        let ics = to_ics(LONDON, &events, stamp(), "Appointments");
        assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"));
        assert_eq!(ics.matches("BEGIN:VTIMEZONE").count(), 1);
        assert_eq!(
            observances(&ics),
            vec![
                // In effect at the first event: GMT since the October 2025 change.
                obs("STANDARD", "20251026T020000", "+0100", "+0000", "GMT"),
                obs("DAYLIGHT", "20260329T010000", "+0000", "+0100", "BST"),
                obs("STANDARD", "20261025T020000", "+0100", "+0000", "GMT"),
                obs("DAYLIGHT", "20270328T010000", "+0000", "+0100", "BST"),
                obs("STANDARD", "20271031T020000", "+0100", "+0000", "GMT"),
                obs("DAYLIGHT", "20280326T010000", "+0000", "+0100", "BST"),
                obs("STANDARD", "20281029T020000", "+0100", "+0000", "GMT"),
            ]
        );
    }

    #[test]
    fn vtimezone_covers_only_the_span_of_the_events() {
        // Summer 2026 to early 2027: the BST observance in effect, then only October 2026's change.
        let events =
            [event("a", "2026-12-01T16:00:00Z", 60, "Winter"), event("b", "2026-07-01T15:00:00Z", 60, "Summer")];
        let ics = to_ics(LONDON, &events, stamp(), "x");
        assert_eq!(
            observances(&ics),
            vec![
                obs("DAYLIGHT", "20260329T010000", "+0000", "+0100", "BST"),
                obs("STANDARD", "20261025T020000", "+0100", "+0000", "GMT"),
            ]
        );
    }

    #[test]
    fn vtimezone_includes_a_change_between_an_events_start_and_end() {
        // 00:30-01:30 UTC on 29 March 2026 runs across the change at 01:00 UTC.
        let ics = to_ics(LONDON, &[event("a", "2026-03-29T00:30:00Z", 60, "Night")], stamp(), "x");
        assert_eq!(observances(&ics).last().unwrap(), &obs("DAYLIGHT", "20260329T010000", "+0000", "+0100", "BST"));
        assert!(ics.contains("DTSTART;TZID=Europe/London:20260329T003000\r\n"));
        assert!(ics.contains("DTEND;TZID=Europe/London:20260329T023000\r\n"));
    }

    #[test]
    fn four_pm_local_reads_t160000_in_summer_and_winter() {
        let events = [
            event("summer", "2026-07-01T15:00:00Z", 45, "Check-in"),
            event("winter", "2026-12-01T16:00:00Z", 45, "Check-in"),
        ];
        let ics = to_ics(LONDON, &events, stamp(), "x");
        assert!(ics.contains("DTSTART;TZID=Europe/London:20260701T160000\r\n"));
        assert!(ics.contains("DTEND;TZID=Europe/London:20260701T164500\r\n"));
        assert!(ics.contains("DTSTART;TZID=Europe/London:20261201T160000\r\n"));
        assert!(ics.contains("DTEND;TZID=Europe/London:20261201T164500\r\n"));
    }

    #[test]
    fn new_york_changes_at_two_am_local() {
        let ics = to_ics(
            Tz::America__New_York,
            &[event("a", "2026-01-10T15:00:00Z", 60, "x"), event("b", "2026-12-10T15:00:00Z", 60, "y")],
            stamp(),
            "x",
        );
        assert_eq!(
            observances(&ics),
            vec![
                obs("STANDARD", "20251102T020000", "-0400", "-0500", "EST"),
                obs("DAYLIGHT", "20260308T020000", "-0500", "-0400", "EDT"),
                obs("STANDARD", "20261101T020000", "-0400", "-0500", "EST"),
            ]
        );
        assert!(ics.contains("DTSTART;TZID=America/New_York:20260110T100000\r\n"));
    }

    #[test]
    fn southern_hemisphere_and_half_hour_saving() {
        let ics = to_ics(
            Tz::Australia__Lord_Howe,
            &[event("a", "2026-06-01T00:00:00Z", 60, "x"), event("b", "2026-12-01T00:00:00Z", 60, "y")],
            stamp(),
            "x",
        );
        let found = observances(&ics);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            (found[0].kind.as_str(), found[0].from.as_str(), found[0].to.as_str()),
            ("STANDARD", "+1100", "+1030")
        );
        assert_eq!(found[1], obs("DAYLIGHT", "20261004T020000", "+1030", "+1100", "+11"));
    }

    #[test]
    fn utc_zone_has_one_standard_observance() {
        let ics = to_ics(
            Tz::UTC,
            &[event("a", "2026-07-01T15:00:00Z", 30, "x"), event("b", "2027-07-01T15:00:00Z", 30, "y")],
            stamp(),
            "x",
        );
        let found = observances(&ics);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].kind.as_str(), found[0].from.as_str(), found[0].to.as_str(), found[0].name.as_str()),
            ("STANDARD", "+0000", "+0000", "UTC")
        );
        assert!(found[0].dtstart.as_str() < "20260701T150000");
        assert!(ics.contains("DTSTART;TZID=UTC:20260701T150000\r\n"));
        assert!(ics.contains("DTEND;TZID=UTC:20260701T153000\r\n"));
    }

    #[test]
    fn zone_without_saving_has_one_standard_observance() {
        let ics = to_ics(
            Tz::Asia__Kolkata,
            &[event("a", "2026-07-01T10:30:00Z", 30, "x"), event("b", "2028-01-01T10:30:00Z", 30, "y")],
            stamp(),
            "x",
        );
        let found = observances(&ics);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].kind.as_str(), found[0].from.as_str(), found[0].to.as_str(), found[0].name.as_str()),
            ("STANDARD", "+0530", "+0530", "IST")
        );
        assert!(found[0].dtstart.as_str() < "20260701T160000");
        assert!(ics.contains("DTSTART;TZID=Asia/Kolkata:20260701T160000\r\n"));
    }

    #[test]
    fn offsets_with_seconds_and_negative_offsets() {
        assert_eq!(utc_offset(0), "+0000");
        assert_eq!(utc_offset(3600), "+0100");
        assert_eq!(utc_offset(-5 * 3600), "-0500");
        assert_eq!(utc_offset(5 * 3600 + 45 * 60), "+0545");
        assert_eq!(utc_offset(-(3600 + 15 * 60 + 30)), "-011530");
    }

    #[test]
    fn calendar_header_comes_first_in_order() {
        let ics = to_ics(LONDON, &[event("a", "2026-07-01T15:00:00Z", 30, "x")], stamp(), "Touchbase: Sam");
        let lines = unfold(&ics);
        assert_eq!(
            &lines[..7],
            &[
                "BEGIN:VCALENDAR",
                "PRODID:-//Touchbase//Touchbase appointments//EN",
                "VERSION:2.0",
                "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH",
                "X-WR-CALNAME:Touchbase: Sam",
                "BEGIN:VTIMEZONE",
            ]
        );
        assert_eq!(lines.last().unwrap(), "END:VCALENDAR");
    }

    #[test]
    fn event_carries_every_property() {
        let mut e = event("occurrence-42@touchbase", "2026-12-01T16:00:00Z", 60, "Meeting with Alex");
        e.location = Some("Youth Centre, 1 High St".into());
        e.sequence = 3;
        let ics = to_ics(LONDON, &[e], stamp(), "x");
        let lines = unfold(&ics);
        let start = lines.iter().position(|l| l == "BEGIN:VEVENT").unwrap();
        assert_eq!(
            &lines[start..],
            &[
                "BEGIN:VEVENT",
                "UID:occurrence-42@touchbase",
                "DTSTAMP:20260102T093015Z",
                "DTSTART;TZID=Europe/London:20261201T160000",
                "DTEND;TZID=Europe/London:20261201T170000",
                "SEQUENCE:3",
                "SUMMARY:Meeting with Alex",
                "LOCATION:Youth Centre\\, 1 High St",
                "STATUS:CONFIRMED",
                "END:VEVENT",
                "END:VCALENDAR",
            ]
        );
    }

    #[test]
    fn no_location_line_without_a_location() {
        let ics = to_ics(LONDON, &[event("a", "2026-12-01T16:00:00Z", 60, "x")], stamp(), "x");
        assert!(!ics.contains("LOCATION"));
    }

    #[test]
    fn cancelled_events_say_so() {
        let mut gone = event("gone", "2026-12-01T16:00:00Z", 60, "Cancelled one");
        gone.cancelled = true;
        gone.sequence = 2;
        let kept = event("kept", "2026-12-02T16:00:00Z", 60, "Kept one");
        let lines = parse_all(&to_ics(LONDON, &[gone, kept], stamp(), "x"));
        assert_eq!(values(&lines, "STATUS"), ["CANCELLED", "CONFIRMED"]);
        assert_eq!(values(&lines, "SEQUENCE"), ["2", "0"]);
        assert_eq!(values(&lines, "UID"), ["gone", "kept"]);
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(escape_text(r"a\b;c,d"), r"a\\b\;c\,d");
        assert_eq!(escape_text("one\ntwo\r\nthree\rfour"), r"one\ntwo\nthree\nfour");
        assert_eq!(escape_text("tab\there\u{7}bell\u{0}"), "tab\therebell");
        assert_eq!(escape_text("colon: fine, \"quotes\" too"), "colon: fine\\, \"quotes\" too");

        let mut e = event("a;b,c", "2026-12-01T16:00:00Z", 60, "Bring ID; forms, and C:\\notes\nSee you");
        e.location = Some("Room 2\nBlock B".into());
        let ics = to_ics(LONDON, &[e], stamp(), "Sam, Alex; weekly");
        assert!(ics.contains("\r\nSUMMARY:Bring ID\\; forms\\, and C:\\\\notes\\nSee you\r\n"));
        assert!(ics.contains("\r\nLOCATION:Room 2\\nBlock B\r\n"));
        assert!(ics.contains("\r\nX-WR-CALNAME:Sam\\, Alex\\; weekly\r\n"));
        assert!(ics.contains("\r\nUID:a\\;b\\,c\r\n"));
        let lines = parse_all(&ics);
        assert_eq!(unescape(values(&lines, "SUMMARY")[0]), "Bring ID; forms, and C:\\notes\nSee you");
    }

    #[test]
    fn long_multibyte_summary_folds_by_octets_and_unfolds_back() {
        let summary: String = "Café ☕ — 日本語, naïve; 🙂 ".chars().cycle().take(200).collect();
        assert_eq!(summary.chars().count(), 200);
        let ics = to_ics(LONDON, &[event("a", "2026-12-01T16:00:00Z", 60, &summary)], stamp(), "x");
        let physical: Vec<&str> = ics.strip_suffix("\r\n").unwrap().split("\r\n").collect();
        let mut continuations = 0;
        for line in &physical {
            assert!(line.len() <= MAX_LINE_OCTETS, "{} octets: {line:?}", line.len());
            if line.starts_with(' ') {
                continuations += 1;
            }
        }
        assert!(continuations >= 4, "a 200-character multibyte summary folds several times");
        // Folding does not waste room: a folded line is cut only where the next character would not fit.
        let summary_at = physical.iter().position(|l| l.starts_with("SUMMARY:")).unwrap();
        for pair in physical[summary_at..].windows(2) {
            if let Some(rest) = pair[1].strip_prefix(' ') {
                let next = rest.chars().next().unwrap();
                assert!(pair[0].len() + next.len_utf8() > MAX_LINE_OCTETS);
            }
        }
        let lines = parse_all(&ics);
        assert_eq!(unescape(values(&lines, "SUMMARY")[0]), summary);
    }

    #[test]
    fn folding_handles_exact_boundaries() {
        let mut ics = Ics::default();
        ics.line("X", &"a".repeat(73)); // 75 octets: fits
        ics.line("X", &"a".repeat(74)); // 76 octets: one character over
        ics.line("X", &format!("{}é", "a".repeat(72))); // é would straddle octets 75 and 76
        assert_eq!(
            ics.out,
            format!("X:{a73}\r\nX:{a73}\r\n a\r\nX:{a72}\r\n é\r\n", a73 = "a".repeat(73), a72 = "a".repeat(72))
        );
    }

    #[test]
    fn every_line_ends_with_crlf() {
        let mut e = event("a", "2026-12-01T16:00:00Z", 60, &"x\ny\r\nz ".repeat(40));
        e.location = Some("L\r".into());
        let ics = to_ics(LONDON, &[e], stamp(), "Name\nwith break");
        assert!(ics.ends_with("\r\n"));
        let bytes = ics.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'\n' {
                assert_eq!(bytes[i - 1], b'\r', "bare LF at {i}");
            }
            if *b == b'\r' {
                assert_eq!(bytes.get(i + 1), Some(&b'\n'), "bare CR at {i}");
            }
        }
    }

    #[test]
    fn empty_calendar_is_still_valid() {
        let ics = to_ics(LONDON, &[], utc("2026-07-01T12:00:00Z"), "Nothing yet");
        let lines = parse_all(&ics);
        assert_eq!(values(&lines, "BEGIN"), ["VCALENDAR", "VTIMEZONE", "DAYLIGHT"]);
        assert_eq!(values(&lines, "END"), ["DAYLIGHT", "VTIMEZONE", "VCALENDAR"]);
        assert_eq!(observances(&ics), vec![obs("DAYLIGHT", "20260329T010000", "+0000", "+0100", "BST")]);
    }

    /// DTSTART and DTEND lines of the VEVENTs, as `[PARAMS]VALUE`.
    fn event_times(lines: &[ContentLine], name: &str) -> Vec<String> {
        lines
            .iter()
            .skip_while(|l| l.name != "BEGIN" || l.value != "VEVENT")
            .filter(|l| l.name == name)
            .map(|l| l.params.iter().map(|(k, v)| format!("{k}={v}:")).collect::<String>() + &l.value)
            .collect()
    }

    #[test]
    fn second_pass_through_the_repeated_hour_is_written_in_utc() {
        // 25 Oct 2026: 01:30 London happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT).
        let first = event("first", "2026-10-25T00:30:00Z", 20, "x");
        let second = event("second", "2026-10-25T01:30:00Z", 20, "y");
        let just_after = event("after", "2026-10-25T02:00:00Z", 20, "z");
        let lines = parse_all(&to_ics(LONDON, &[first, second, just_after], stamp(), "x"));
        assert_eq!(
            event_times(&lines, "DTSTART"),
            ["TZID=Europe/London:20261025T013000", "20261025T013000Z", "TZID=Europe/London:20261025T020000"]
        );
        assert_eq!(
            event_times(&lines, "DTEND"),
            ["TZID=Europe/London:20261025T015000", "20261025T015000Z", "TZID=Europe/London:20261025T022000"]
        );
    }

    #[test]
    fn no_dtend_unless_the_event_ends_after_it_starts() {
        let instant = event("a", "2026-12-01T16:00:00Z", 0, "x");
        let backwards = event("b", "2026-12-01T16:00:00Z", -30, "y");
        let lines = parse_all(&to_ics(LONDON, &[instant, backwards], stamp(), "x"));
        assert_eq!(event_times(&lines, "DTSTART").len(), 2);
        assert!(event_times(&lines, "DTEND").is_empty());
    }

    #[test]
    fn transitions_match_chrono_tz_to_the_second() {
        let from = utc("2026-01-01T00:00:00Z").timestamp();
        let to = utc("2029-01-01T00:00:00Z").timestamp();
        let changes = changes_between(LONDON, from, to);
        let ats: Vec<String> = changes.iter().map(|t| naive_at(t.at).format(UTC_FORMAT).to_string()).collect();
        assert_eq!(
            ats,
            [
                "20260329T010000Z",
                "20261025T010000Z",
                "20270328T010000Z",
                "20271031T010000Z",
                "20280326T010000Z",
                "20281029T010000Z"
            ]
        );
        for t in &changes {
            assert_eq!(offset_at(LONDON, t.at - 1), t.before);
            assert_eq!(offset_at(LONDON, t.at), t.after);
            assert_ne!(t.before, t.after);
        }
    }

    fn zones() -> impl Strategy<Value = Tz> {
        prop::sample::select(vec![
            Tz::Europe__London,
            Tz::Europe__Dublin,
            Tz::America__New_York,
            Tz::America__Sao_Paulo,
            Tz::Australia__Sydney,
            Tz::Australia__Lord_Howe,
            Tz::Pacific__Chatham,
            Tz::Asia__Kolkata,
            Tz::UTC,
        ])
    }

    fn events_in_2026_to_2028() -> impl Strategy<Value = Vec<CalendarEvent>> {
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp();
        let end = NaiveDate::from_ymd_opt(2029, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp();
        let one = (
            start..end,
            1i64..=6 * 3600,
            "(\\PC|[;,\\\\\n]){0,60}",
            any::<bool>(),
            any::<u32>(),
            proptest::option::of("\\PC{0,30}"),
        );
        prop::collection::vec(one, 0..6).prop_map(|raw| {
            raw.into_iter()
                .enumerate()
                .map(|(i, (at, length, summary, cancelled, sequence, location))| {
                    let starts_at = DateTime::from_timestamp(at, 0).unwrap();
                    CalendarEvent {
                        uid: format!("occurrence-{i}@touchbase"),
                        starts_at,
                        ends_at: starts_at + TimeDelta::seconds(length),
                        summary,
                        location,
                        cancelled,
                        sequence,
                    }
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn output_round_trips(tz in zones(), events in events_in_2026_to_2028(), name in "\\PC{0,40}") {
            let ics = to_ics(tz, &events, stamp(), &name);

            // Physical lines: CRLF-terminated and at most 75 octets.
            prop_assert!(ics.ends_with("\r\n"));
            for line in ics.strip_suffix("\r\n").unwrap().split("\r\n") {
                prop_assert!(line.len() <= MAX_LINE_OCTETS);
                prop_assert!(!line.contains(['\r', '\n']));
            }

            // Unfolded: every line is NAME[;PARAMS]:VALUE.
            let lines = parse_all(&ics);
            prop_assert_eq!(unescape(values(&lines, "X-WR-CALNAME")[0]), name);

            // Observances are in order and chain: each starts from the offset the previous one ended on.
            let found = observances(&ics);
            prop_assert!(!found.is_empty());
            for pair in found.windows(2) {
                prop_assert!(pair[0].dtstart < pair[1].dtstart);
                prop_assert_eq!(&pair[0].to, &pair[1].from);
            }

            let in_events = |name: &str| -> Vec<&ContentLine> {
                let from_first_event = lines.iter().skip_while(|l| l.name != "BEGIN" || l.value != "VEVENT");
                from_first_event.filter(|l| l.name == name).collect()
            };
            let (starts, ends) = (in_events("DTSTART"), in_events("DTEND"));
            prop_assert_eq!(starts.len(), events.len());
            prop_assert_eq!(ends.len(), events.len());
            prop_assert_eq!(values(&lines, "SUMMARY").len(), events.len());
            for (i, event) in events.iter().enumerate() {
                for (line, at) in [(starts[i], event.starts_at), (ends[i], event.ends_at)] {
                    let local = at.with_timezone(&tz);
                    if line.params.is_empty() {
                        // Written in UTC only for the second pass through a repeated hour.
                        prop_assert_eq!(&line.value, &at.format(UTC_FORMAT).to_string());
                        let LocalResult::Ambiguous(a, b) = tz.from_local_datetime(&local.naive_local()) else {
                            panic!("UTC form for an unambiguous time {at} in {event:?}");
                        };
                        prop_assert!(a.min(b) < local);
                    } else {
                        prop_assert_eq!(&line.params, &vec![("TZID".to_owned(), tz.name().to_owned())]);
                        prop_assert_eq!(&line.value, &local.format("%Y%m%dT%H%M%S").to_string());
                    }
                    // A calendar that has only this file finds the right offset.
                    prop_assert_eq!(offset_by_vtimezone(&found, at), local.offset().fix().local_minus_utc());
                }
                prop_assert_eq!(unescape(values(&lines, "SUMMARY")[i]), event.summary.clone());
            }
            prop_assert_eq!(
                values(&lines, "LOCATION").into_iter().map(unescape).collect::<Vec<_>>(),
                events.iter().filter_map(|e| e.location.clone()).collect::<Vec<_>>()
            );
            prop_assert_eq!(
                values(&lines, "STATUS"),
                events.iter().map(|e| if e.cancelled { "CANCELLED" } else { "CONFIRMED" }).collect::<Vec<_>>()
            );
        }
    }
}
