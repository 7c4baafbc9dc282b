//! The people commands' values: a name alone, inviting and moving staff's children, enrolling and
//! updating a child.

use std::str::FromStr;

use chrono::NaiveDate;

use crate::domain::dates::{Looking, age_on};
use crate::domain::people::{ChannelKind, Ethnicity, Gender, Language, LookedAfter, PersonName, Role, Sex};
use crate::domain::phone::PhoneNumber;
use crate::domain::text::quote_back;
use crate::store::people::ChildDetails;
use crate::templates::Text;

use super::words::{arguments, bad_option, date_option, name};

/// The options `/enrol` and `/update` take, in the order a guided flow offers them.
pub const CHILD_OPTIONS: [&str; 9] =
    ["lang", "born", "order_end", "sex", "gender", "ethnicity", "looked_after", "phone", "channel"];

/// Youngest and oldest ages a child on the caseload can plausibly have; anything else is a typo.
const AGES: std::ops::RangeInclusive<i64> = 8..=25;

command_value! {
    /// A command about one person, named: `/child`, `/link`, `/calendar`, `/carer`, `/export`,
    /// `/erase`, `/audit` and `/revoke`.
    Named / NamedDraft {
        needs { name: PersonName }
    }
}

command_value! {
    /// `/carer NAME [phone=07...]`: the child is asked; with a number, the carer gets texts.
    CarerAsk / CarerAskDraft {
        needs { name: PersonName }
        has { phone: Option<PhoneNumber> }
    }
}

command_value! {
    /// `/invite worker|host|manager NAME`
    Invite / InviteDraft {
        needs { role: Role, name: PersonName }
    }
}

command_value! {
    /// `/transfer CHILD WORKER`
    Transfer / TransferDraft {
        needs { child: PersonName, worker: PersonName }
    }
}

command_value! {
    /// `/enrol NAME [options]`
    Enrol / EnrolDraft {
        needs { name: PersonName }
        has { options: ChildOptions }
    }
}

command_value! {
    /// `/update NAME key=value ...`: at least one option.
    Update / UpdateDraft {
        needs { name: PersonName, options: ChildOptions }
    }
}

/// What `/enrol` and `/update` set about a child: only what was given.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChildOptions {
    pub language: Option<Language>,
    pub details: ChildDetails,
    /// `channel=telegram|sms`: how the child is reached.
    pub channel: Option<ChannelKind>,
}

pub fn named(text: &str, _today: NaiveDate) -> Result<NamedDraft, Text> {
    Ok(NamedDraft { name: name(text)? })
}

pub fn invite(text: &str, _today: NaiveDate) -> Result<InviteDraft, Text> {
    let text = text.trim();
    let (role_word, name_text) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    let role = match Role::parse(&role_word.to_ascii_lowercase()) {
        Some(role) if role.is_staff() => Some(role),
        _ if role_word.is_empty() => None,
        _ => return Err(Text::new("usage-invite")),
    };
    Ok(InviteDraft { role, name: name(name_text)? })
}

pub fn transfer(text: &str, _today: NaiveDate) -> Result<TransferDraft, Text> {
    const USAGE: &str = "usage-transfer";
    let args = arguments(text, USAGE).map_err(|_| Text::new(USAGE))?;
    if args.words.len() > 2 || !args.options.is_empty() {
        return Err(Text::new(USAGE));
    }
    let mut words = args.words.iter();
    Ok(TransferDraft {
        child: words.next().map(|w| name(w)).transpose()?.flatten(),
        worker: words.next().map(|w| name(w)).transpose()?.flatten(),
    })
}

pub fn carer(text: &str, _today: NaiveDate) -> Result<CarerAskDraft, Text> {
    let args = arguments(text, "usage-carer")?;
    let mut phone = None;
    for (key, value) in &args.options {
        match key.as_str() {
            "phone" => {
                phone = Some(
                    PhoneNumber::parse(value)
                        .ok_or_else(|| bad_option(key, value, "a UK mobile number, e.g. 07700 900123"))?,
                );
            }
            other => {
                return Err(Text::new("staff-unknown-option").arg("option", quote_back(other)).arg("options", "phone"));
            }
        }
    }
    Ok(CarerAskDraft { name: name(&args.leading)?, phone })
}

pub fn enrol(text: &str, today: NaiveDate) -> Result<EnrolDraft, Text> {
    let args = arguments(text, "usage-enrol")?;
    Ok(EnrolDraft { name: name(&args.leading)?, options: child_options(&args.options, today)? })
}

pub fn update(text: &str, today: NaiveDate) -> Result<UpdateDraft, Text> {
    let args = arguments(text, "usage-update")?;
    let options = (!args.options.is_empty()).then(|| child_options(&args.options, today)).transpose()?;
    Ok(UpdateDraft { name: name(&args.leading)?, options })
}

/// One of `/update`'s `key=value` options, read as the command reads it (a guided flow asks one).
pub fn child_option(key: &str, value: &str, today: NaiveDate) -> Result<ChildOptions, Text> {
    child_options(&[(key.to_owned(), value.to_owned())], today)
}

fn child_options(options: &[(String, String)], today: NaiveDate) -> Result<ChildOptions, Text> {
    let mut parsed = ChildOptions::default();
    for (key, value) in options {
        match key.as_str() {
            "lang" => {
                let codes: Vec<&str> = Language::ALL.iter().map(|l| l.code()).collect();
                parsed.language =
                    Some(Language::from_code(value).ok_or_else(|| bad_option(key, value, &codes.join(", ")))?);
            }
            "born" => {
                let born = date_option(value, today, Looking::Back)?;
                let age = age_on(born, today);
                if !AGES.contains(&age) {
                    return Err(Text::new("staff-unlikely-age").arg("value", quote_back(value)).arg("age", age));
                }
                parsed.details.born = Some(born);
            }
            "order_end" => {
                let end = date_option(value, today, Looking::Ahead)?;
                if end < today {
                    return Err(Text::new("staff-order-end-past").arg("value", value.as_str()));
                }
                parsed.details.order_end = Some(end);
            }
            "sex" => parsed.details.sex = Some(choice(key, value, Sex::CHOICES)?),
            "gender" => parsed.details.gender = Some(choice(key, value, Gender::CHOICES)?),
            "ethnicity" => parsed.details.ethnicity = Some(choice(key, value, Ethnicity::CHOICES)?),
            "looked_after" => parsed.details.looked_after = Some(choice(key, value, LookedAfter::CHOICES)?),
            "phone" => {
                let phone = PhoneNumber::parse(value)
                    .ok_or_else(|| bad_option(key, value, "a UK mobile number, e.g. 07700 900123"))?;
                parsed.details.phone = Some(phone);
            }
            "channel" => {
                let codes: Vec<&str> = ChannelKind::ALL.iter().map(|c| c.code()).collect();
                parsed.channel =
                    Some(ChannelKind::from_code(value).ok_or_else(|| bad_option(key, value, &codes.join(", ")))?);
            }
            other => {
                return Err(Text::new("staff-unknown-option")
                    .arg("option", quote_back(other))
                    .arg("options", CHILD_OPTIONS.join(", ")));
            }
        }
    }
    Ok(parsed)
}

fn choice<T: FromStr>(key: &str, value: &str, choices: &[&str]) -> Result<T, Text> {
    value.parse::<T>().map_err(|_| bad_option(key, value, &choices.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::usecase::commands::{Draft, Missing, test_today as today};

    #[test]
    fn a_bare_command_is_a_draft_that_asks_for_the_name_first() {
        assert_eq!(invite("", today()).unwrap().complete(), Err(Missing("role")));
        assert_eq!(invite("worker", today()).unwrap().complete(), Err(Missing("name")));
        assert_eq!(enrol("", today()).unwrap().complete(), Err(Missing("name")));
        assert_eq!(update("Sam", today()).unwrap().complete(), Err(Missing("options")));
        assert_eq!(transfer("Sam", today()).unwrap().complete(), Err(Missing("worker")));
    }

    #[test]
    fn enrol_reads_every_option_once() {
        let enrol = enrol("Sam J lang=cy born=2011-04-02 looked_after=yes", today()).unwrap().complete().unwrap();
        assert_eq!(enrol.name.as_str(), "Sam J");
        assert_eq!(enrol.options.language, Some(Language::Welsh));
        assert_eq!(enrol.options.details.born, NaiveDate::from_ymd_opt(2011, 4, 2));
        assert!(enrol.options.details.looked_after.is_some());
        let on_texts = super::enrol("Sam phone=07700900123 channel=SMS", today()).unwrap().complete().unwrap();
        assert_eq!(on_texts.options.channel, Some(ChannelKind::Sms));
        assert_eq!(on_texts.options.details.phone.unwrap().as_str(), "+447700900123");
        assert!(super::enrol("Sam channel=pigeon", today()).is_err());
    }

    #[test]
    fn a_carer_is_named_by_the_child_with_a_number_if_they_are_on_texts() {
        let asked = carer("Sam J phone=07700900222", today()).unwrap().complete().unwrap();
        assert_eq!(asked.name.as_str(), "Sam J");
        assert_eq!(asked.phone.unwrap().as_str(), "+447700900222");
        assert!(carer("Sam", today()).unwrap().complete().unwrap().phone.is_none());
        assert!(carer("Sam phone=01234567890", today()).is_err(), "a landline");
        assert!(carer("Sam lang=cy", today()).is_err());
    }

    #[test]
    fn a_word_that_cannot_be_read_is_refused_by_name() {
        assert!(invite("wizard Priya", today()).is_err());
        assert!(enrol("Sam born=2030-01-01", today()).is_err());
        assert!(enrol("Sam colour=blue", today()).is_err());
        assert!(transfer("Sam Priya Jo", today()).is_err());
        let unreadable = transfer("\"Sam Priya", today()).unwrap_err();
        assert_eq!(unreadable.key, "usage-transfer", "the usage line, as it always was");
    }
}
