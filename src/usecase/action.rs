//! Button data: a small versioned codec. Anyone can forge it, so every tap is checked again on arrival.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::domain::answers::{Reason, Reply};
use crate::domain::engagement::{Outcome, PanelOutcome};
use crate::domain::ids::{ChildId, DropinId, OccurrenceId, PersonId};
use crate::domain::people::Language;

/// What a button asks for. Ids in here are claims, not facts: handlers re-check them against who tapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallbackAction {
    SetLanguage(Language),
    TransferChild {
        child_id: ChildId,
        worker_id: PersonId,
    },
    KeepApart {
        child_id: ChildId,
        other_id: ChildId,
    },
    RemoveCommitment {
        commitment_id: i64,
    },
    /// A child asks for their own appointments as a calendar file.
    MyCalendar,
    /// A reminder button: the child's answer about an occurrence.
    Answer {
        occurrence_id: OccurrenceId,
        reply: Reply,
    },
    /// Why the child cannot come.
    Because {
        occurrence_id: OccurrenceId,
        reason: Reason,
    },
    /// A worker opens a child's card from a notice.
    OpenChild {
        child_id: ChildId,
    },
    /// From a notice that a child cannot come or needs another time: skip that appointment.
    SkipOne {
        occurrence_id: OccurrenceId,
    },
    /// From the same notice: move that appointment (the worker is asked for the new day and time).
    MoveOne {
        occurrence_id: OccurrenceId,
    },
    /// **Record** on a child's card: how their latest appointment went is asked, with buttons.
    RecordFor {
        child_id: ChildId,
    },
    /// From the same notice: the child is told their worker will call them back.
    CallBack {
        occurrence_id: OccurrenceId,
    },
    /// One of several things the bot offered; the choice itself is kept on the server under this token.
    Choice {
        token: String,
    },
    /// A child's answer about a parent or carer getting their reminders.
    Consent(Consent),
    /// The worker's answer to "how did the appointment go?".
    Attendance {
        occurrence_id: OccurrenceId,
        outcome: Outcome,
    },
    /// Why the child missed an appointment, from the kind follow-up.
    MissedBecause {
        occurrence_id: OccurrenceId,
        reason: Reason,
    },
    /// "I'd like to talk to my worker", from the kind follow-up.
    TalkToWorker {
        occurrence_id: OccurrenceId,
    },
    /// The worker's view of a child's reason for missing an appointment.
    JudgeReason {
        reason_id: i64,
        acceptable: bool,
    },
    /// After judging a reason not acceptable, the worker chooses to propose a warning (they are asked why).
    WarnFor {
        reason_id: i64,
    },
    /// The worker confirms (or thinks better of) a warning they proposed with `/warn`.
    ConfirmWarning {
        warning_id: i64,
        give: bool,
    },
    /// The engagement panel's outcome for a child in the queue.
    PanelDecision {
        referral_id: i64,
        outcome: PanelOutcome,
    },
    /// The evidence for a child in the panel queue, as a document.
    PanelEvidence {
        referral_id: i64,
    },
    /// A manager's decision on a suspension request.
    DecideSuspension {
        suspension_id: i64,
        approve: bool,
    },
    /// A child signs up for a drop-in (or joins its waiting list).
    SignUp {
        dropin_id: DropinId,
    },
    /// A child cancels their sign-up.
    CancelSignup {
        dropin_id: DropinId,
    },
    /// The host records (or undoes) that a child came to a drop-in.
    DropinCame {
        signup_id: i64,
    },
    /// A manager confirms (or calls off) erasing a child's records; only ever offered as a choice.
    Erase {
        child_id: ChildId,
        confirm: bool,
    },
    /// A command a manager typed naming a child whose name more than one worker's child has, run again
    /// for the child they picked: the command's word and what followed it. Only ever offered as a
    /// choice, so its words stay on the server (they may be longer than a button holds).
    AsChild {
        child_id: ChildId,
        command: String,
        args: String,
    },
    /// **Book anyway...** under a clash: the command as typed (without an override), asked again with
    /// why. Only ever offered as a choice.
    BookAnyway {
        child_id: ChildId,
        command: String,
        args: String,
    },
    /// A guided flow's button, on the question it asked after `step` answers: only ever offered as a
    /// choice, so an answer's words stay on the server.
    Flow {
        flow_id: i64,
        step: usize,
        go: FlowGo,
    },
}

/// Where a guided flow's button takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowGo {
    /// The piece asked for, in the form the flow keeps it.
    Answer(String),
    Back,
    Cancel,
    Confirm,
}

/// Yes or no to a carer, or stop it later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    Yes,
    No,
    Stop,
}

const VERSION: &str = "1";
/// Telegram carries at most 64 bytes of data with a button.
const BUTTON_DATA_MAX: usize = 64;
/// The most an action kept behind a choice may hold (a command typed in full is at most a message).
const OFFERED_MAX: usize = 8 * 1024;

impl CallbackAction {
    pub fn encode(&self) -> String {
        let data = match self {
            CallbackAction::SetLanguage(language) => format!("{VERSION}:lang:{}", language.code()),
            CallbackAction::TransferChild { child_id, worker_id } => format!("{VERSION}:xfer:{child_id}:{worker_id}"),
            CallbackAction::KeepApart { child_id, other_id } => format!("{VERSION}:apart:{child_id}:{other_id}"),
            CallbackAction::RemoveCommitment { commitment_id } => format!("{VERSION}:rmc:{commitment_id}"),
            CallbackAction::MyCalendar => format!("{VERSION}:ics"),
            CallbackAction::Answer { occurrence_id, reply } => {
                format!("{VERSION}:ans:{occurrence_id}:{}", reply.code())
            }
            CallbackAction::Because { occurrence_id, reason } => {
                format!("{VERSION}:why:{occurrence_id}:{}", reason.code())
            }
            CallbackAction::OpenChild { child_id } => format!("{VERSION}:card:{child_id}"),
            CallbackAction::SkipOne { occurrence_id } => format!("{VERSION}:skip1:{occurrence_id}"),
            CallbackAction::WarnFor { reason_id } => format!("{VERSION}:warnfor:{reason_id}"),
            CallbackAction::MoveOne { occurrence_id } => format!("{VERSION}:move1:{occurrence_id}"),
            CallbackAction::CallBack { occurrence_id } => format!("{VERSION}:callb:{occurrence_id}"),
            CallbackAction::RecordFor { child_id } => format!("{VERSION}:rec:{child_id}"),
            CallbackAction::Choice { token } => format!("{VERSION}:pick:{token}"),
            CallbackAction::Consent(consent) => {
                let code = match consent {
                    Consent::Yes => "y",
                    Consent::No => "n",
                    Consent::Stop => "s",
                };
                format!("{VERSION}:consent:{code}")
            }
            CallbackAction::Attendance { occurrence_id, outcome } => {
                format!("{VERSION}:att:{occurrence_id}:{}", outcome.code())
            }
            CallbackAction::MissedBecause { occurrence_id, reason } => {
                format!("{VERSION}:mwhy:{occurrence_id}:{}", reason.code())
            }
            CallbackAction::TalkToWorker { occurrence_id } => format!("{VERSION}:talk:{occurrence_id}"),
            CallbackAction::JudgeReason { reason_id, acceptable } => {
                format!("{VERSION}:judge:{reason_id}:{}", yes_no(*acceptable))
            }
            CallbackAction::ConfirmWarning { warning_id, give } => {
                format!("{VERSION}:warn:{warning_id}:{}", yes_no(*give))
            }
            CallbackAction::PanelDecision { referral_id, outcome } => {
                format!("{VERSION}:panel:{referral_id}:{}", outcome.code())
            }
            CallbackAction::PanelEvidence { referral_id } => format!("{VERSION}:evid:{referral_id}"),
            CallbackAction::SignUp { dropin_id } => format!("{VERSION}:join:{dropin_id}"),
            CallbackAction::CancelSignup { dropin_id } => format!("{VERSION}:leave:{dropin_id}"),
            CallbackAction::DropinCame { signup_id } => format!("{VERSION}:came:{signup_id}"),
            CallbackAction::Erase { child_id, confirm } => format!("{VERSION}:erase:{child_id}:{}", yes_no(*confirm)),
            CallbackAction::DecideSuspension { suspension_id, approve } => {
                format!("{VERSION}:susp:{suspension_id}:{}", yes_no(*approve))
            }
            CallbackAction::AsChild { child_id, command, args } => {
                format!("{VERSION}:aschild:{child_id}:{command}:{}", URL_SAFE_NO_PAD.encode(args))
            }
            CallbackAction::BookAnyway { child_id, command, args } => {
                format!("{VERSION}:anyway:{child_id}:{command}:{}", URL_SAFE_NO_PAD.encode(args))
            }
            CallbackAction::Flow { flow_id, step, go } => {
                let go = match go {
                    FlowGo::Answer(value) => format!("a:{}", URL_SAFE_NO_PAD.encode(value)),
                    FlowGo::Back => "back".into(),
                    FlowGo::Cancel => "cancel".into(),
                    FlowGo::Confirm => "ok".into(),
                };
                format!("{VERSION}:flow:{flow_id}:{step}:{go}")
            }
        };
        debug_assert!(
            matches!(
                self,
                CallbackAction::AsChild { .. } | CallbackAction::BookAnyway { .. } | CallbackAction::Flow { .. }
            ) || (!data.is_empty() && data.len() <= BUTTON_DATA_MAX),
            "callback data must be 1-64 bytes"
        );
        data
    }

    /// `None` for anything we did not make: another version, another kind, bad numbers, extra parts,
    /// more than a button holds.
    pub fn decode(data: &str) -> Option<Self> {
        Self::decode_within(data, BUTTON_DATA_MAX)
    }

    /// An action kept on the server behind a choice's token, which may be longer than a button holds.
    pub fn decode_offered(data: &str) -> Option<Self> {
        Self::decode_within(data, OFFERED_MAX)
    }

    fn decode_within(data: &str, max: usize) -> Option<Self> {
        if data.is_empty() || data.len() > max {
            return None;
        }
        let mut parts = data.split(':');
        if parts.next()? != VERSION {
            return None;
        }
        let action = match parts.next()? {
            "lang" => CallbackAction::SetLanguage(Language::from_code(parts.next()?)?),
            "xfer" => CallbackAction::TransferChild {
                child_id: ChildId(parse_id(parts.next()?)?),
                worker_id: PersonId(parse_id(parts.next()?)?),
            },
            "apart" => CallbackAction::KeepApart {
                child_id: ChildId(parse_id(parts.next()?)?),
                other_id: ChildId(parse_id(parts.next()?)?),
            },
            "rmc" => CallbackAction::RemoveCommitment { commitment_id: parse_id(parts.next()?)? },
            "ics" => CallbackAction::MyCalendar,
            "ans" => CallbackAction::Answer {
                occurrence_id: OccurrenceId(parse_id(parts.next()?)?),
                reply: Reply::from_code(parts.next()?)?,
            },
            "why" => CallbackAction::Because {
                occurrence_id: OccurrenceId(parse_id(parts.next()?)?),
                reason: Reason::from_code(parts.next()?)?,
            },
            "card" => CallbackAction::OpenChild { child_id: ChildId(parse_id(parts.next()?)?) },
            "skip1" => CallbackAction::SkipOne { occurrence_id: OccurrenceId(parse_id(parts.next()?)?) },
            "warnfor" => CallbackAction::WarnFor { reason_id: parse_id(parts.next()?)? },
            "move1" => CallbackAction::MoveOne { occurrence_id: OccurrenceId(parse_id(parts.next()?)?) },
            "callb" => CallbackAction::CallBack { occurrence_id: OccurrenceId(parse_id(parts.next()?)?) },
            "rec" => CallbackAction::RecordFor { child_id: ChildId(parse_id(parts.next()?)?) },
            "consent" => CallbackAction::Consent(match parts.next()? {
                "y" => Consent::Yes,
                "n" => Consent::No,
                "s" => Consent::Stop,
                _ => return None,
            }),
            "att" => CallbackAction::Attendance {
                occurrence_id: OccurrenceId(parse_id(parts.next()?)?),
                outcome: Outcome::from_code(parts.next()?)?,
            },
            "mwhy" => CallbackAction::MissedBecause {
                occurrence_id: OccurrenceId(parse_id(parts.next()?)?),
                reason: Reason::from_code(parts.next()?)?,
            },
            "talk" => CallbackAction::TalkToWorker { occurrence_id: OccurrenceId(parse_id(parts.next()?)?) },
            "judge" => CallbackAction::JudgeReason {
                reason_id: parse_id(parts.next()?)?,
                acceptable: parse_yes_no(parts.next()?)?,
            },
            "warn" => CallbackAction::ConfirmWarning {
                warning_id: parse_id(parts.next()?)?,
                give: parse_yes_no(parts.next()?)?,
            },
            "panel" => CallbackAction::PanelDecision {
                referral_id: parse_id(parts.next()?)?,
                outcome: PanelOutcome::from_code(parts.next()?)?,
            },
            "evid" => CallbackAction::PanelEvidence { referral_id: parse_id(parts.next()?)? },
            "join" => CallbackAction::SignUp { dropin_id: DropinId(parse_id(parts.next()?)?) },
            "leave" => CallbackAction::CancelSignup { dropin_id: DropinId(parse_id(parts.next()?)?) },
            "came" => CallbackAction::DropinCame { signup_id: parse_id(parts.next()?)? },
            "erase" => CallbackAction::Erase {
                child_id: ChildId(parse_id(parts.next()?)?),
                confirm: parse_yes_no(parts.next()?)?,
            },
            "susp" => CallbackAction::DecideSuspension {
                suspension_id: parse_id(parts.next()?)?,
                approve: parse_yes_no(parts.next()?)?,
            },
            kind @ ("aschild" | "anyway") => {
                let child_id = ChildId(parse_id(parts.next()?)?);
                let command =
                    parts.next().filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))?;
                let args = String::from_utf8(URL_SAFE_NO_PAD.decode(parts.next()?).ok()?).ok()?;
                let command = command.to_owned();
                match kind {
                    "aschild" => CallbackAction::AsChild { child_id, command, args },
                    _ => CallbackAction::BookAnyway { child_id, command, args },
                }
            }
            "flow" => {
                let flow_id = parse_id(parts.next()?)?;
                let step =
                    parts.next().filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))?.parse().ok()?;
                let go = match parts.next()? {
                    "a" => FlowGo::Answer(String::from_utf8(URL_SAFE_NO_PAD.decode(parts.next()?).ok()?).ok()?),
                    "back" => FlowGo::Back,
                    "cancel" => FlowGo::Cancel,
                    "ok" => FlowGo::Confirm,
                    _ => return None,
                };
                CallbackAction::Flow { flow_id, step, go }
            }
            "pick" => {
                let token = parts.next()?;
                let valid = (1..=32).contains(&token.len())
                    && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
                CallbackAction::Choice { token: valid.then(|| token.to_owned())? }
            }
            _ => return None,
        };
        parts.next().is_none().then_some(action)
    }
}

fn yes_no(yes: bool) -> &'static str {
    if yes { "y" } else { "n" }
}

fn parse_yes_no(text: &str) -> Option<bool> {
    match text {
        "y" => Some(true),
        "n" => Some(false),
        _ => None,
    }
}

fn parse_id(text: &str) -> Option<i64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|id| *id > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_within_64_bytes() {
        let actions = [
            CallbackAction::SetLanguage(Language::Welsh),
            CallbackAction::SetLanguage(Language::English),
            CallbackAction::TransferChild { child_id: ChildId(i64::MAX), worker_id: PersonId(i64::MAX) },
            CallbackAction::KeepApart { child_id: ChildId(i64::MAX), other_id: ChildId(1) },
            CallbackAction::RemoveCommitment { commitment_id: i64::MAX },
            CallbackAction::MyCalendar,
            CallbackAction::Answer { occurrence_id: OccurrenceId(i64::MAX), reply: Reply::HelpGettingThere },
            CallbackAction::Because { occurrence_id: OccurrenceId(i64::MAX), reason: Reason::SchoolOrWork },
            CallbackAction::OpenChild { child_id: ChildId(i64::MAX) },
            CallbackAction::SkipOne { occurrence_id: OccurrenceId(i64::MAX) },
            CallbackAction::WarnFor { reason_id: i64::MAX },
            CallbackAction::MoveOne { occurrence_id: OccurrenceId(i64::MAX) },
            CallbackAction::CallBack { occurrence_id: OccurrenceId(i64::MAX) },
            CallbackAction::RecordFor { child_id: ChildId(i64::MAX) },
            CallbackAction::Choice { token: "A".repeat(32) },
            CallbackAction::Consent(Consent::Stop),
            CallbackAction::Attendance { occurrence_id: OccurrenceId(i64::MAX), outcome: Outcome::Missed },
            CallbackAction::MissedBecause { occurrence_id: OccurrenceId(i64::MAX), reason: Reason::SchoolOrWork },
            CallbackAction::TalkToWorker { occurrence_id: OccurrenceId(i64::MAX) },
            CallbackAction::JudgeReason { reason_id: i64::MAX, acceptable: false },
            CallbackAction::ConfirmWarning { warning_id: i64::MAX, give: true },
            CallbackAction::PanelDecision { referral_id: i64::MAX, outcome: PanelOutcome::SupportPlan },
            CallbackAction::PanelEvidence { referral_id: i64::MAX },
            CallbackAction::DecideSuspension { suspension_id: i64::MAX, approve: true },
            CallbackAction::SignUp { dropin_id: DropinId(i64::MAX) },
            CallbackAction::CancelSignup { dropin_id: DropinId(i64::MAX) },
            CallbackAction::DropinCame { signup_id: i64::MAX },
            CallbackAction::Erase { child_id: ChildId(i64::MAX), confirm: true },
        ];
        for action in actions {
            let data = action.encode();
            assert!(data.len() <= 64, "{data}");
            assert_eq!(CallbackAction::decode(&data), Some(action));
        }
    }

    #[test]
    fn a_command_run_again_for_a_chosen_child_round_trips_only_from_the_server() {
        let action = CallbackAction::AsChild {
            child_id: ChildId(7),
            command: "slot".into(),
            args: "Sam Tue 4pm place=\"Youth centre: room 2\" override=\"joint visit\"".into(),
        };
        let data = action.encode();
        assert!(data.len() > 64);
        assert_eq!(CallbackAction::decode(&data), None, "too long to have come from a button");
        assert_eq!(CallbackAction::decode_offered(&data), Some(action));
        assert_eq!(CallbackAction::decode_offered("1:aschild:7:Slot:U2Ft"), None);
        assert_eq!(CallbackAction::decode_offered("1:aschild:7:slot:%%%"), None);
        let anyway =
            CallbackAction::BookAnyway { child_id: ChildId(7), command: "move".into(), args: "Sam 28/12".into() };
        assert_eq!(CallbackAction::decode_offered(&anyway.encode()), Some(anyway));
    }

    #[test]
    fn a_flow_button_round_trips_only_from_the_server() {
        for go in [FlowGo::Answer("Youth centre: room 2".into()), FlowGo::Back, FlowGo::Cancel, FlowGo::Confirm] {
            let action = CallbackAction::Flow { flow_id: 12, step: 3, go };
            assert_eq!(CallbackAction::decode_offered(&action.encode()), Some(action));
        }
        for bad in [
            "1:flow:12:3",
            "1:flow:12:x:ok",
            "1:flow:0:1:ok",
            "1:flow:12:1:maybe",
            "1:flow:12:1:a:%%",
            "1:flow:12:1:ok:x",
        ] {
            assert_eq!(CallbackAction::decode_offered(bad), None, "{bad}");
        }
    }

    #[test]
    fn rejects_forgeries() {
        for bad in [
            "",
            "1",
            "1:",
            "2:lang:cy",
            "1:lang:xx",
            "1:lang:cy:extra",
            "1:xfer:1",
            "1:xfer:-1:2",
            "1:xfer:0:2",
            "1:xfer:+1:2",
            "1:xfer:1:99999999999999999999",
            "1:nope:1",
            "lang:cy",
            "1:ics:1",
            "1:rmc:",
            "1:apart:1",
            "1:ans:1:maybe",
            "1:ans:1",
            "1:why:1:bored",
            "1:card:x",
            "1:pick:",
            "1:pick:a b",
            "1:pick:a:b",
            "1:consent:x",
            "1:consent:y:1",
            "1:att:1:maybe",
            "1:att:0:came",
            "1:mwhy:1",
            "1:talk:",
            "1:judge:1:yes",
            "1:warn:1",
            "1:warn:1:y:extra",
            "1:panel:1:court",
            "1:evid:-1",
            "1:susp:1:approve",
            "1:join:",
            "1:join:1:2",
            "1:leave:x",
            "1:came:0",
        ] {
            assert_eq!(CallbackAction::decode(bad), None, "{bad:?}");
        }
        assert_eq!(CallbackAction::decode(&"1:lang:cy".repeat(10)), None);
    }

    proptest::proptest! {
        #[test]
        fn decoding_never_panics(data in "\\PC{0,80}") {
            let _ = CallbackAction::decode(&data);
        }
    }
}
