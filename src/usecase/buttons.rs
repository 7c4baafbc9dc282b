//! Buttons more than one capability offers: a reminder's answers, the reasons a child can give, and
//! opening a child's card.

use crate::domain::answers::{Reason, Reply};
use crate::store::appointments::Occurrence;
use crate::store::people::Person;
use crate::templates::Text;
use crate::usecase::action::CallbackAction;
use crate::usecase::mail::Button;
use crate::usecase::wording::{reason_label, reply_label};

/// Opens a child's card for their worker.
pub fn open_card(child: &Person) -> Button {
    Button {
        label: Text::new("staff-button-open-child").arg("name", child.name.as_str()),
        action: CallbackAction::OpenChild { child_id: child.child_id() },
    }
}

/// The answer buttons, one a row; the planning reminder also offers help getting there.
pub fn answer_buttons(occurrence: &Occurrence, planning: bool) -> Vec<Vec<Button>> {
    let mut replies = vec![Reply::Yes, Reply::No, Reply::ChangeTime];
    if planning {
        replies.push(Reply::HelpGettingThere);
    }
    replies.into_iter().map(|reply| vec![answer_button(occurrence, reply)]).collect()
}

/// One answer to a reminder, as a button.
fn answer_button(occurrence: &Occurrence, reply: Reply) -> Button {
    Button { label: reply_label(reply), action: CallbackAction::Answer { occurrence_id: occurrence.id, reply } }
}

/// The reason buttons, one a row, each standing for `action(reason)`.
pub fn reason_buttons(action: impl Fn(Reason) -> CallbackAction) -> Vec<Vec<Button>> {
    Reason::ALL.into_iter().map(|reason| vec![Button { label: reason_label(reason), action: action(reason) }]).collect()
}
