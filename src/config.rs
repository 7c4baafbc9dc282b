//! Settings from the environment, parsed once at start-up: every value is checked before the bot runs.

use std::str::FromStr;

use chrono::Duration;
use chrono_tz::Tz;
use url::Url;

use crate::domain::quiet_hours::QuietHours;

/// Everything the program can be told from outside, already validated.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `TELOXIDE_TOKEN`; only `run` and `invite` need it, so it is checked by them.
    pub token: Option<String>,
    pub api_url: Option<Url>,
    pub database_url: String,
    pub time_zone: Tz,
    /// Offsets before each appointment, longest first, no repeats.
    pub reminders: Vec<Duration>,
    pub quiet_hours: QuietHours,
    pub join_link_lead: Duration,
    pub figures_cron: cron::Schedule,
    pub invite_ttl: Duration,
    pub retention: Duration,
    /// Text messages through GOV.UK Notify, if a key is set.
    pub notify: Option<NotifySettings>,
}

/// How to reach GOV.UK Notify. The key's form is checked where it is used (the Notify adapter, at
/// start-up); it is never printed.
#[derive(Clone)]
pub struct NotifySettings {
    pub api_key: String,
    pub sms_template: String,
    pub api_url: Url,
    /// How often received texts are read.
    pub poll: std::time::Duration,
}

impl std::fmt::Debug for NotifySettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NotifySettings")
            .field("api_key", &"(hidden)")
            .field("sms_template", &self.sms_template)
            .field("api_url", &self.api_url.as_str())
            .field("poll", &self.poll)
            .finish()
    }
}

/// One bad setting: which variable, what it held, and what a good value looks like.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{variable}={value:?} is not valid: {problem}. Example: {variable}={example}")]
pub struct SettingError {
    pub variable: &'static str,
    pub value: String,
    pub problem: String,
    pub example: &'static str,
}

/// A setting the chosen command needs but nobody gave.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{variable} is not set. Example: {variable}={example}")]
pub struct MissingSetting {
    pub variable: &'static str,
    pub example: &'static str,
}

pub const TOKEN_EXAMPLE: &str = "123456789:AAE-your-token-from-BotFather";

struct Spec {
    variable: &'static str,
    default: &'static str,
    example: &'static str,
}

const API_URL: Spec = Spec { variable: "TELOXIDE_API_URL", default: "", example: "http://127.0.0.1:8081/" };
const DATABASE_URL: Spec =
    Spec { variable: "DATABASE_URL", default: "sqlite://touchbase.db", example: "sqlite://touchbase.db" };
const TZ: Spec = Spec { variable: "TOUCHBASE_TZ", default: "Europe/London", example: "Europe/London" };
const REMINDERS: Spec = Spec { variable: "TOUCHBASE_REMINDERS", default: "24h,1h", example: "24h,1h" };
const QUIET_HOURS: Spec = Spec { variable: "TOUCHBASE_QUIET_HOURS", default: "21:00-08:00", example: "21:00-08:00" };
const JOIN_LINK_LEAD: Spec = Spec { variable: "TOUCHBASE_JOIN_LINK_LEAD", default: "15m", example: "15m" };
const FIGURES_CRON: Spec =
    Spec { variable: "TOUCHBASE_FIGURES_CRON", default: "0 0 9 * * Mon", example: "\"0 0 9 * * Mon\"" };
const INVITE_TTL: Spec = Spec { variable: "TOUCHBASE_INVITE_TTL", default: "7d", example: "7d" };
const RETENTION: Spec = Spec { variable: "TOUCHBASE_RETENTION", default: "365d", example: "365d" };
pub const NOTIFY_API_KEY: &str = "TOUCHBASE_NOTIFY_API_KEY";
pub const NOTIFY_KEY_EXAMPLE: &str = "touchbase_live-<service id>-<secret> (from Notify's API integration page)";
const NOTIFY_SMS_TEMPLATE: Spec =
    Spec { variable: "TOUCHBASE_NOTIFY_SMS_TEMPLATE", default: "", example: "f33517ff-2a88-4f6e-b855-c550268ce08a" };
const NOTIFY_API_URL: Spec = Spec {
    variable: "TOUCHBASE_NOTIFY_API_URL",
    default: "https://api.notifications.service.gov.uk/",
    example: "https://api.notifications.service.gov.uk/",
};
const NOTIFY_POLL: Spec = Spec { variable: "TOUCHBASE_NOTIFY_POLL", default: "10s", example: "10s" };

impl Settings {
    /// Reads settings through `lookup` (the process environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, SettingError> {
        let raw = |spec: &Spec| -> String {
            lookup(spec.variable).filter(|value| !value.trim().is_empty()).unwrap_or_else(|| spec.default.to_owned())
        };
        let token = lookup("TELOXIDE_TOKEN").map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
        if let Some(token) = &token
            && (!token.contains(':') || token.chars().any(|c| c.is_whitespace() || c.is_control()))
        {
            return Err(SettingError {
                variable: "TELOXIDE_TOKEN",
                value: "(hidden)".into(),
                problem: "a token is a number, a colon and a key".into(),
                example: TOKEN_EXAMPLE,
            });
        }
        let api_url = match raw(&API_URL) {
            empty if empty.is_empty() => None,
            text => Some(parse_with(&API_URL, &text, |t| {
                let url = Url::parse(t).map_err(|e| e.to_string())?;
                match url.scheme() {
                    "http" | "https" => Ok(url),
                    _ => Err("the address must start with http:// or https://".into()),
                }
            })?),
        };
        let database_url =
            parse_with(&DATABASE_URL, &raw(&DATABASE_URL), |t| match crate::store::Backend::of_url(t) {
                Some(_) => Ok(t.to_owned()),
                None => Err("only sqlite: and postgres: databases are supported".into()),
            })?;
        let time_zone = parse_with(&TZ, &raw(&TZ), |t| {
            Tz::from_str(t).map_err(|_| "not a time zone name from the IANA database".to_owned())
        })?;
        let reminders = parse_with(&REMINDERS, &raw(&REMINDERS), parse_reminder_offsets)?;
        let quiet_hours =
            parse_with(&QUIET_HOURS, &raw(&QUIET_HOURS), |t| t.parse::<QuietHours>().map_err(|e| e.to_string()))?;
        let join_link_lead = parse_with(&JOIN_LINK_LEAD, &raw(&JOIN_LINK_LEAD), parse_duration)?;
        let figures_cron = parse_with(&FIGURES_CRON, &raw(&FIGURES_CRON), |t| {
            cron::Schedule::from_str(t).map_err(|e| format!("not a cron schedule with seconds first ({e})"))
        })?;
        let invite_ttl = parse_with(&INVITE_TTL, &raw(&INVITE_TTL), parse_duration)?;
        // Whole days only: a slip like "12m" (minutes) must not erase every ended order tonight.
        let retention = parse_with(&RETENTION, &raw(&RETENTION), |t| {
            let days = parse_duration(t)?;
            if t.trim().ends_with('d') && days >= Duration::days(1) {
                Ok(days)
            } else {
                Err("give it in whole days".to_owned())
            }
        })?;
        let notify = match lookup(NOTIFY_API_KEY).map(|key| key.trim().to_owned()).filter(|key| !key.is_empty()) {
            None => None,
            Some(api_key) => Some(NotifySettings {
                api_key,
                sms_template: parse_with(&NOTIFY_SMS_TEMPLATE, &raw(&NOTIFY_SMS_TEMPLATE), |t| {
                    if t.is_empty() {
                        Err("texts need the id of a template whose whole content is ((body))".into())
                    } else if t.len() == 36 && t.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
                        Ok(t.to_owned())
                    } else {
                        Err("a template id is a UUID, as Notify shows it".into())
                    }
                })?,
                api_url: parse_with(&NOTIFY_API_URL, &raw(&NOTIFY_API_URL), |t| {
                    let url = Url::parse(t).map_err(|e| e.to_string())?;
                    match url.scheme() {
                        "http" | "https" => Ok(url),
                        _ => Err("the address must start with http:// or https://".into()),
                    }
                })?,
                poll: parse_with(&NOTIFY_POLL, &raw(&NOTIFY_POLL), parse_poll)?,
            }),
        };
        Ok(Self {
            token,
            api_url,
            database_url,
            time_zone,
            reminders,
            quiet_hours,
            join_link_lead,
            figures_cron,
            invite_ttl,
            retention,
            notify,
        })
    }

    pub fn quiet_time(&self) -> crate::domain::reminders::QuietTime {
        crate::domain::reminders::QuietTime { time_zone: self.time_zone, hours: self.quiet_hours }
    }

    /// The token, or the one-line error for a command that cannot go on without it.
    pub fn require_token(&self) -> Result<&str, MissingSetting> {
        self.token.as_deref().ok_or(MissingSetting { variable: "TELOXIDE_TOKEN", example: TOKEN_EXAMPLE })
    }
}

fn parse_with<T>(spec: &Spec, text: &str, parse: impl FnOnce(&str) -> Result<T, String>) -> Result<T, SettingError> {
    parse(text.trim()).map_err(|problem| SettingError {
        variable: spec.variable,
        value: text.to_owned(),
        // Some parsers explain over several lines; start-up errors are one line.
        problem: problem.split_whitespace().collect::<Vec<_>>().join(" "),
        example: spec.example,
    })
}

/// A positive length of time such as `15m`, `24h` or `7d` (a whole number and one unit).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit()).ok_or("a unit is missing (m, h or d)")?;
    let (number, unit) = text.split_at(split);
    let number: i64 = number.parse().map_err(|_| "it must start with a whole number".to_owned())?;
    if number == 0 {
        return Err("it must be longer than zero".into());
    }
    let minutes = match unit {
        "m" => Some(number),
        "h" => number.checked_mul(60),
        "d" => number.checked_mul(24 * 60),
        _ => return Err(format!("unknown unit {unit:?}: use m, h or d")),
    };
    minutes.filter(|m| *m <= 3660 * 24 * 60).map(Duration::minutes).ok_or_else(|| "it is longer than ten years".into())
}

/// How often received texts are read: whole seconds (`10s` or `10`), from 2 to 60.
fn parse_poll(text: &str) -> Result<std::time::Duration, String> {
    let seconds: u64 =
        text.strip_suffix('s').unwrap_or(text).trim().parse().map_err(|_| "give it in seconds".to_owned())?;
    if (2..=60).contains(&seconds) {
        Ok(std::time::Duration::from_secs(seconds))
    } else {
        Err("between 2 and 60 seconds: Notify allows 3,000 requests a minute, and a reply should not wait long".into())
    }
}

fn parse_reminder_offsets(text: &str) -> Result<Vec<Duration>, String> {
    let mut offsets = text
        .split(',')
        .map(|part| parse_duration(part).map_err(|e| format!("{:?}: {e}", part.trim())))
        .collect::<Result<Vec<_>, _>>()?;
    offsets.sort_by(|a, b| b.cmp(a));
    offsets.dedup();
    Ok(offsets)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn settings(pairs: &[(&str, &str)]) -> Result<Settings, SettingError> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Settings::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_are_the_documented_ones() {
        let s = settings(&[]).unwrap();
        assert_eq!(s.database_url, "sqlite://touchbase.db");
        assert_eq!(s.time_zone, chrono_tz::Europe::London);
        assert_eq!(s.reminders, vec![Duration::hours(24), Duration::hours(1)]);
        assert_eq!(s.quiet_hours.to_string(), "21:00-08:00");
        assert_eq!(s.join_link_lead, Duration::minutes(15));
        assert_eq!(s.invite_ttl, Duration::days(7));
        assert_eq!(s.retention, Duration::days(365));
        assert!(s.notify.is_none(), "texts are off until a Notify key is set");
        assert!(s.token.is_none());
        assert!(s.require_token().is_err());
    }

    #[test]
    fn each_bad_value_names_its_variable_and_an_example() {
        let cases = [
            ("TOUCHBASE_TZ", "Mars/Olympus", "Europe/London"),
            ("TOUCHBASE_REMINDERS", "24h,soon", "24h,1h"),
            ("TOUCHBASE_QUIET_HOURS", "21:00", "21:00-08:00"),
            ("TOUCHBASE_JOIN_LINK_LEAD", "15 minutes", "15m"),
            ("TOUCHBASE_FIGURES_CRON", "every monday", "0 0 9 * * Mon"),
            ("TOUCHBASE_INVITE_TTL", "0d", "7d"),
            ("TOUCHBASE_RETENTION", "-1d", "365d"),
            ("TOUCHBASE_RETENTION", "12m", "365d"),
            ("TOUCHBASE_RETENTION", "48h", "365d"),
            ("DATABASE_URL", "mysql://x", "sqlite://touchbase.db"),
            ("TELOXIDE_API_URL", "ftp://x", "http://127.0.0.1:8081/"),
            ("TELOXIDE_TOKEN", "no colon here", "BotFather"),
        ];
        for (variable, value, example) in cases {
            let error = settings(&[(variable, value)]).unwrap_err();
            let line = error.to_string();
            assert_eq!(error.variable, variable);
            assert!(line.contains(variable) && line.contains(example), "{line}");
            assert!(!line.contains('\n'), "one line: {line}");
        }
    }

    #[test]
    fn the_token_is_never_echoed() {
        let error = settings(&[("TELOXIDE_TOKEN", "secret value")]).unwrap_err();
        assert!(!error.to_string().contains("secret"));
    }

    #[test]
    fn durations_take_one_number_and_one_unit() {
        assert_eq!(parse_duration("90m"), Ok(Duration::minutes(90)));
        assert_eq!(parse_duration(" 2h "), Ok(Duration::hours(2)));
        assert_eq!(parse_duration("365d"), Ok(Duration::days(365)));
        for bad in ["", "h", "1", "1w", "1.5h", "1h30m", "0m", "99999999999999999999d", "100000d"] {
            assert!(parse_duration(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn reminder_offsets_are_sorted_longest_first_without_repeats() {
        let s = settings(&[("TOUCHBASE_REMINDERS", "1h, 24h,60m,2d")]).unwrap();
        assert_eq!(s.reminders, vec![Duration::days(2), Duration::hours(24), Duration::hours(1)]);
    }

    #[test]
    fn blank_values_mean_the_default() {
        let s = settings(&[("TOUCHBASE_TZ", "  ")]).unwrap();
        assert_eq!(s.time_zone, chrono_tz::Europe::London);
    }

    #[test]
    fn cron_with_day_names_parses() {
        let s = settings(&[("TOUCHBASE_FIGURES_CRON", "0 30 8 * * Fri")]).unwrap();
        assert!(s.figures_cron.upcoming(chrono_tz::Europe::London).next().is_some());
    }

    #[test]
    fn texts_need_a_template_and_are_read_every_2_to_60_seconds() {
        let key = (
            "TOUCHBASE_NOTIFY_API_KEY",
            "touchbase-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0",
        );
        let template = ("TOUCHBASE_NOTIFY_SMS_TEMPLATE", "f33517ff-2a88-4f6e-b855-c550268ce08a");
        let missing = settings(&[key]).unwrap_err();
        assert_eq!(missing.variable, "TOUCHBASE_NOTIFY_SMS_TEMPLATE");
        let texts = settings(&[key, template]).unwrap().notify.unwrap();
        assert_eq!(texts.poll, std::time::Duration::from_secs(10));
        assert_eq!(texts.api_url.as_str(), "https://api.notifications.service.gov.uk/");
        assert!(!format!("{texts:?}").contains("3d844edf"), "the key is never printed");
        for (poll, seconds) in [("2s", 2), ("60", 60), (" 15s ", 15)] {
            let texts = settings(&[key, template, ("TOUCHBASE_NOTIFY_POLL", poll)]).unwrap().notify.unwrap();
            assert_eq!(texts.poll, std::time::Duration::from_secs(seconds), "{poll:?}");
        }
        for poll in ["1s", "61s", "1m", "ten"] {
            let refused = settings(&[key, template, ("TOUCHBASE_NOTIFY_POLL", poll)]).unwrap_err();
            assert_eq!(refused.variable, "TOUCHBASE_NOTIFY_POLL", "{poll:?}");
        }
    }
}
