//! The buttons each piece of a flow offers, where the choices are few: children from the caseload
//! (most recently enrolled first), days, common times, lengths, places used before, the next eight
//! days or appointments, staff, drop-ins, a child's weekly appointments, the values of a detail.

use crate::domain::people::{ChannelKind, Ethnicity, Gender, Language, LookedAfter, Role, Sex};
use crate::domain::schedule::{Place, local_of};
use crate::domain::weekdays::{WEEK, weekday_short};
use crate::store::appointments::{self as occurrences, OccurrenceState};
use crate::store::dropins;
use crate::store::people::{self, Person};
use crate::templates::Text;
use crate::usecase::commands::CHILD_OPTIONS;
use crate::usecase::context::{Context, UseCaseResult};
use crate::usecase::wording;

use super::{Field, Flow, changing, fields};

/// At most this many children or staff are offered as buttons; others are typed.
const PEOPLE_OFFERED: usize = 30;
/// At most this many dates, appointments or drop-ins are offered.
const DATES_OFFERED: usize = 8;

/// The buttons for a piece, each a label and the value it stands for, and how many go in a row.
/// Pieces with too many possible values (a name, a reason) have none: they are typed.
pub(super) async fn choices(
    ctx: &mut Context<'_>,
    actor: &Person,
    flow: &Flow,
    field: Field,
) -> UseCaseResult<(Vec<(Text, String)>, usize)> {
    let named = |name: &str| Text::new("staff-flow-value").arg("value", name);
    let today = ctx.today();
    let (tz, now) = (ctx.time_zone(), ctx.timestamp());
    Ok(match field {
        Field::Child | Field::Other => {
            let mut caseload = people::list_caseload(ctx.tx, actor.id).await?;
            caseload.sort_by_key(|child| std::cmp::Reverse(child.id));
            let except = flow.child.as_ref().map(|c| c.id);
            let children = caseload.into_iter().filter(|c| Some(c.id) != except).take(PEOPLE_OFFERED);
            let value = |c: &Person| if field == Field::Child { c.id.0.to_string() } else { c.name.clone() };
            (children.map(|c| (named(&c.name), value(&c))).collect(), 3)
        }
        Field::Weekday => (WEEK.iter().map(|d| (wording::weekday(*d), weekday_short(*d).to_owned())).collect(), 4),
        Field::Time => {
            let hours = (9..=18).filter_map(|h| chrono::NaiveTime::from_hms_opt(h, 0, 0));
            (hours.map(|t| (wording::time_of_day(t), t.format("%H:%M").to_string())).collect(), 5)
        }
        Field::Minutes => {
            let lengths = [30i64, 45, 60, 90];
            (lengths.iter().map(|m| (Text::new("staff-flow-minutes").arg("minutes", *m), m.to_string())).collect(), 4)
        }
        Field::Place => {
            let mut places = vec![Place::Named(Place::DEFAULT.to_owned()), Place::Phone, Place::Video];
            if let Some(child) = &flow.child {
                let mut slots = occurrences::list_current_slots(ctx.tx, child.child_id(), today).await?;
                slots.extend(occurrences::list_caseload_slots(ctx.tx, actor.id, child.child_id(), today).await?);
                for slot in slots {
                    if places.len() < 7
                        && !places.iter().any(|p| p.as_stored().eq_ignore_ascii_case(&slot.slot.place.as_stored()))
                    {
                        places.push(slot.slot.place);
                    }
                }
            }
            (places.iter().map(|p| (wording::place(p), p.as_stored())).collect(), 2)
        }
        Field::Days => {
            let mut days = vec![
                (Text::new("staff-flow-days-weekdays"), "Mon-Fri".to_owned()),
                (Text::new("staff-flow-days-weekend"), "Sat-Sun".to_owned()),
                (Text::new("staff-flow-days-daily"), "daily".to_owned()),
            ];
            days.extend(WEEK.iter().map(|d| (wording::weekday(*d), weekday_short(*d).to_owned())));
            (days, 3)
        }
        Field::Window => {
            let usual = [("08:45", "15:15"), ("09:00", "17:00"), ("19:00", "07:00")];
            let windows = usual.iter().map(|(from, to)| format!("{from}-{to}"));
            (windows.map(|w| (fields::window_words(&w), w)).collect(), 1)
        }
        Field::Shown => {
            (vec![(Text::new("staff-flow-yes"), "yes".into()), (Text::new("staff-flow-no"), "no".into())], 2)
        }
        Field::Appointment => {
            let Some(child) = &flow.child else { return Ok((Vec::new(), 1)) };
            let until = now + chrono::Duration::weeks(DATES_OFFERED as i64 + 4).num_seconds();
            let coming = occurrences::list_occurrences(ctx.tx, child.child_id(), now, until).await?;
            let coming = coming.into_iter().filter(|o| o.state == OccurrenceState::Scheduled && o.starts_at > now);
            let dated = |at: i64| {
                let local = local_of(tz, chrono::DateTime::from_timestamp(at, 0).unwrap_or_default());
                local.date().to_string()
            };
            (
                coming
                    .take(DATES_OFFERED)
                    .map(|o| (wording::when_exact(tz, o.starts_at), dated(o.starts_at)))
                    .collect(),
                1,
            )
        }
        Field::Day | Field::From => {
            let days = (0..DATES_OFFERED as u64).filter_map(|n| today.checked_add_days(chrono::Days::new(n)));
            (days.map(|d| (wording::date(d), d.to_string())).collect(), 2)
        }
        Field::Until => {
            let from = flow
                .pieces
                .iter()
                .find(|(f, _)| *f == Field::From)
                .and_then(|(_, v)| v.parse::<chrono::NaiveDate>().ok())
                .unwrap_or(today);
            let weeks = (1..=DATES_OFFERED as u64).filter_map(|n| from.checked_add_days(chrono::Days::new(7 * n)));
            (weeks.map(|d| (wording::date(d), d.to_string())).collect(), 2)
        }
        Field::Worker | Field::Staff => {
            let current = flow.child.as_ref().and_then(|c| c.worker_id);
            let staff =
                people::list_staff(ctx.tx).await?.into_iter().filter(|p| p.id != actor.id || field == Field::Worker);
            let staff =
                staff.filter(|p| field == Field::Staff || (p.role.includes(Role::Worker) && Some(p.id) != current));
            (staff.take(PEOPLE_OFFERED).map(|p| (named(&p.name), p.name.clone())).collect(), 2)
        }
        Field::Role => {
            let roles = [Role::Worker, Role::Host, Role::Manager];
            (roles.iter().map(|r| (fields::role_words(*r), r.as_str().to_owned())).collect(), 1)
        }
        Field::Language => (Language::ALL.iter().map(|l| (named(l.own_name()), l.code().to_owned())).collect(), 2),
        Field::Dropin => {
            let mut coming = dropins::upcoming_dropins(ctx.tx, now).await?;
            if actor.role == Role::Host {
                coming.retain(|d| d.host_id == Some(actor.id));
            }
            let label = |d: &dropins::Dropin| {
                Text::new("staff-flow-dropin")
                    .arg("title", d.title.as_str())
                    .arg("when", wording::when_exact(tz, d.starts_at))
            };
            (coming.iter().take(DATES_OFFERED).map(|d| (label(d), d.id.0.to_string())).collect(), 1)
        }
        Field::Slot => {
            let Some(child) = &flow.child else { return Ok((Vec::new(), 1)) };
            let slots = occurrences::list_current_slots(ctx.tx, child.child_id(), today).await?;
            let label = |d, t| {
                Text::new("staff-flow-weekly").arg("weekday", wording::weekday(d)).arg("time", wording::time_of_day(t))
            };
            let value = |d, t: chrono::NaiveTime| format!("{} {}", weekday_short(d), t.format("%H:%M"));
            (
                slots
                    .iter()
                    .map(|s| (label(s.slot.weekday, s.slot.time), value(s.slot.weekday, s.slot.time)))
                    .collect(),
                1,
            )
        }
        Field::Detail => (CHILD_OPTIONS.iter().map(|key| (fields::detail_words(key), (*key).to_owned())).collect(), 2),
        Field::Change => {
            let codes: Vec<(Text, String)> = match changing(flow) {
                "lang" => Language::ALL.iter().map(|l| (named(l.own_name()), l.code().to_owned())).collect(),
                "channel" => {
                    ChannelKind::ALL.iter().map(|c| (fields::channel_words(*c), c.code().to_owned())).collect()
                }
                "sex" => coded(Sex::CHOICES, wording::sex),
                "gender" => coded(Gender::CHOICES, wording::gender),
                "ethnicity" => coded(Ethnicity::CHOICES, wording::ethnicity),
                "looked_after" => coded(LookedAfter::CHOICES, wording::looked_after),
                _ => Vec::new(),
            };
            (codes, 2)
        }
        Field::Label | Field::Reason | Field::Name | Field::Title | Field::Link | Field::Override => (Vec::new(), 1),
    })
}

/// A recorded choice's codes as buttons, each in words.
fn coded<T: std::str::FromStr>(codes: &[&str], words: impl Fn(T) -> Text) -> Vec<(Text, String)> {
    codes.iter().filter_map(|code| Some((words(code.parse().ok()?), (*code).to_owned()))).collect()
}
