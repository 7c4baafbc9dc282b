//! The drop-in commands' values: a new drop-in, one named by its number, a cancellation, invitations.

use crate::domain::ids::DropinId;
use chrono::{NaiveDate, NaiveTime};

use crate::domain::dropins::parse_ages;
use crate::domain::people::PersonName;
use crate::domain::text::{has_hidden_characters, quote_back, tidy};
use crate::templates::Text;

use super::words::{REASON_MAX_CHARS, arguments, bad_option, date_and_time, number, option};

const OPTIONS: [&str; 8] = ["title", "at", "minutes", "capacity", "ages", "sex", "link", "invited"];
const TITLE_MAX_CHARS: usize = 60;
const LINK_MAX_CHARS: usize = 300;
const MINUTES: std::ops::RangeInclusive<i64> = 15..=480;
const CAPACITY: std::ops::RangeInclusive<i64> = 1..=200;
const AGES: std::ops::RangeInclusive<i64> = 8..=25;

command_value! {
    /// `/dropin title="..." at="DATE HH:MM" [minutes=N] [capacity=N] [ages=A-B] [sex=...] [invited=yes] link=URL`
    NewDropin / NewDropinDraft {
        needs { title: String, date: NaiveDate, time: NaiveTime, link: String }
        has {
            minutes: Option<i64>,
            capacity: Option<i64>,
            ages: Option<(i64, i64)>,
            /// `female` or `male`; anyone when not given.
            sex: Option<String>,
            invited_only: bool,
        }
    }
}

command_value! {
    /// `/roster ID`: a drop-in by its number.
    DropinRef / DropinRefDraft {
        needs { dropin_id: DropinId }
    }
}

command_value! {
    /// `/cancel_dropin ID [reason]`
    CancelDropin / CancelDropinDraft {
        needs { dropin_id: DropinId }
        has { reason: Option<String> }
    }
}

command_value! {
    /// `/dropin_invite ID NAME` or `/dropin_invite ID caseload=WORKER`
    InviteToDropin / InviteToDropinDraft {
        needs { dropin_id: DropinId, invitees: Invitees }
    }
}

/// Who a host or worker invites to a drop-in.
#[derive(Debug, Clone, PartialEq)]
pub enum Invitees {
    /// A child, by name.
    Child(PersonName),
    /// Every child on a worker's caseload.
    Caseload(PersonName),
}

/// `at=`: a date and a time, each as people type them (`at="Fri 6pm"`, `at="28 Dec 18:00"`).
pub fn new_dropin(text: &str, today: NaiveDate) -> Result<NewDropinDraft, Text> {
    const USAGE: &str = "usage-dropin";
    let args = arguments(text, USAGE).map_err(|_| Text::new(USAGE))?;
    if !args.words.is_empty() {
        return Err(Text::new(USAGE));
    }
    super::words::allow_options(&args, &OPTIONS)?;
    let title = option(&args, "title").map(title).transpose()?;
    let at = match option(&args, "at") {
        Some(at) => Some(
            date_and_time(at, today).map_err(|()| Text::new("staff-bad-dropin-at").arg("value", quote_back(at)))??,
        ),
        None => None,
    };
    let minutes = option(&args, "minutes").map(|m| number("minutes", m, MINUTES)).transpose()?;
    let capacity = option(&args, "capacity").map(|c| number("capacity", c, CAPACITY)).transpose()?;
    let ages = option(&args, "ages")
        .map(|text| parse_ages(text, AGES).ok_or_else(|| bad_option("ages", text, "A-B, e.g. 13-17")))
        .transpose()?;
    let sex = match option(&args, "sex").map(|s| s.trim().to_ascii_lowercase()) {
        None => None,
        Some(s) if s == "any" => None,
        Some(s) if ["female", "male"].contains(&s.as_str()) => Some(s),
        Some(s) => return Err(bad_option("sex", &s, "female, male, any")),
    };
    let invited_only = match option(&args, "invited").map(|s| s.trim().to_ascii_lowercase()) {
        None => false,
        Some(s) if s == "yes" => true,
        Some(s) if s == "no" => false,
        Some(s) => return Err(bad_option("invited", &s, "yes, no")),
    };
    let link = option(&args, "link").map(link).transpose()?;
    Ok(NewDropinDraft {
        title,
        date: at.map(|(date, _)| date),
        time: at.map(|(_, time)| time),
        link,
        minutes,
        capacity,
        ages,
        sex,
        invited_only,
    })
}

/// A drop-in's title: up to 60 characters.
pub fn title(text: &str) -> Result<String, Text> {
    tidy(text, TITLE_MAX_CHARS + 1)
        .filter(|t| t.chars().count() <= TITLE_MAX_CHARS)
        .ok_or_else(|| bad_option("title", text, &format!("up to {TITLE_MAX_CHARS} characters")))
}

/// A drop-in's join link. Only https: a link read on a child's phone must not be open to whoever
/// shares their network.
pub fn link(text: &str) -> Result<String, Text> {
    let link = text.trim();
    let ok = link.starts_with("https://")
        && link.len() > "https://".len()
        && link.len() <= LINK_MAX_CHARS
        && !link.chars().any(char::is_whitespace)
        && !has_hidden_characters(link);
    if ok { Ok(link.to_owned()) } else { Err(bad_option("link", link, "https://...")) }
}

/// `12` or `#12`; `None` when nothing was typed.
fn dropin_id(word: Option<&str>, usage: &'static str) -> Result<Option<DropinId>, Text> {
    word.map(|w| w.trim_start_matches('#').parse().map(DropinId).map_err(|_| Text::new(usage))).transpose()
}

pub fn dropin_ref(text: &str, _today: NaiveDate) -> Result<DropinRefDraft, Text> {
    const USAGE: &str = "usage-roster";
    let mut words = text.split_whitespace();
    let dropin_id = dropin_id(words.next(), USAGE)?;
    if words.next().is_some() {
        return Err(Text::new(USAGE));
    }
    Ok(DropinRefDraft { dropin_id })
}

pub fn cancel(text: &str, _today: NaiveDate) -> Result<CancelDropinDraft, Text> {
    let mut words = text.split_whitespace();
    let dropin_id = dropin_id(words.next(), "usage-cancel-dropin")?;
    // A long reason is cut to its first 200 characters: the cancellation matters more than the words.
    Ok(CancelDropinDraft { dropin_id, reason: tidy(&words.collect::<Vec<_>>().join(" "), REASON_MAX_CHARS) })
}

pub fn invite(text: &str, _today: NaiveDate) -> Result<InviteToDropinDraft, Text> {
    const USAGE: &str = "usage-dropin-invite";
    let args = arguments(text, USAGE).map_err(|_| Text::new(USAGE))?;
    let dropin_id = dropin_id(args.words.first().map(String::as_str), USAGE)?;
    let named = |text: &str| PersonName::parse(text).map_err(|_| Text::new(USAGE));
    let invitees = match (args.words.len(), args.options.as_slice()) {
        (_, [(key, worker)]) if key == "caseload" && args.words.len() <= 1 => Some(Invitees::Caseload(named(worker)?)),
        (0 | 1, []) => None,
        (_, []) => Some(Invitees::Child(named(&args.words[1..].join(" "))?)),
        _ => return Err(Text::new(USAGE)),
    };
    Ok(InviteToDropinDraft { dropin_id, invitees })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::usecase::commands::{Draft, Missing, test_today as today};

    #[test]
    fn a_dropin_is_read_with_every_option() {
        let text = "title=\"Art club\" at=\"2026-12-04 18:00\" capacity=8 ages=13-17 sex=any link=https://zoom.us/j/1";
        let dropin = new_dropin(text, today()).unwrap().complete().unwrap();
        assert_eq!(dropin.title, "Art club");
        assert_eq!(dropin.date, NaiveDate::from_ymd_opt(2026, 12, 4).unwrap());
        assert_eq!((dropin.capacity, dropin.ages, dropin.sex), (Some(8), Some((13, 17)), None));
        assert_eq!(new_dropin("title=x", today()).unwrap().complete(), Err(Missing("date")));
        let everyday = new_dropin("title=x at=\"Fri 6pm\" link=https://zoom.us/j/1", today()).unwrap();
        assert_eq!(
            (everyday.date, everyday.time),
            (NaiveDate::from_ymd_opt(2026, 12, 4), NaiveTime::from_hms_opt(18, 0, 0))
        );
        assert_eq!(new_dropin("title=x at=\"Fri 6.75pm\"", today()).unwrap_err().key, "staff-bad-time");
        assert_eq!(new_dropin("title=x at=\"soon\"", today()).unwrap_err().key, "staff-bad-dropin-at");
        assert!(new_dropin("title=x link=http://zoom.us/j/1", today()).is_err());
    }

    #[test]
    fn a_dropin_is_named_by_its_number() {
        assert_eq!(dropin_ref("#12", today()).unwrap().dropin_id, Some(DropinId(12)));
        assert_eq!(dropin_ref("", today()).unwrap().complete(), Err(Missing("dropin_id")));
        assert!(dropin_ref("twelve", today()).is_err());
        let invited = invite("12 caseload=Priya", today()).unwrap().complete().unwrap();
        assert_eq!(invited.invitees, Invitees::Caseload(PersonName::parse("Priya").unwrap()));
        assert_eq!(invite("12", today()).unwrap().complete(), Err(Missing("invitees")));
        assert_eq!(cancel("12 host ill", today()).unwrap().reason.as_deref(), Some("host ill"));
        let long = cancel(&format!("12 {}", "x".repeat(300)), today()).unwrap();
        assert_eq!(long.reason.map(|r| r.chars().count()), Some(REASON_MAX_CHARS), "cut, not refused");
    }
}
