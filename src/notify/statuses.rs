//! Following each text until Notify says it is final: delivered; `permanent-failure` (the number is
//! not in use: the child cannot be reached, and their worker is told at once); `temporary-failure`
//! (the phone was off: the worker hears if it was a reminder whose appointment is still to come);
//! `technical-failure` (Notify's fault: the text goes again). Each text is checked a few times, further
//! apart each time, for 72 hours, within a budget that leaves most of Notify's 3,000 requests a minute
//! for sending.

use std::sync::Arc;

use crate::clock::Clock;
use crate::config::Settings;
use crate::domain::people::{ChannelKind, Role};
use crate::notify::client::{NotifyClient, NotifyError};
use crate::notify::received::InboxError;
use crate::store::outbox::{self, Following};
use crate::store::people;
use crate::store::{Store, StoreResult, Transaction, appointments};
use crate::templates::Text;
use crate::usecase::mail::{Mail, queue_mail};
use crate::usecase::reach::{self, record_unreachable};
use crate::usecase::wording;

/// Status checks in any minute, of Notify's 3,000 requests (texts take at most 2,300; reading replies a few).
pub const CHECKS_PER_MINUTE: u64 = 600;
/// Texts are followed this long after Notify took them; Notify keeps trying a phone that is off for 72 hours.
pub const FOLLOWED_FOR_SECONDS: i64 = 72 * 3600;

/// How long after its `checks`-th look a text not yet final is looked at again: a minute, then 5, 15,
/// an hour, 4 hours, then every 12.
pub fn next_check_after(checks: i64) -> i64 {
    match checks {
        ..=0 => 60,
        1 => 5 * 60,
        2 => 15 * 60,
        3 => 3600,
        4 => 4 * 3600,
        _ => 12 * 3600,
    }
}

/// What a status means for the text and its reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Delivered,
    NotYet,
    /// The number does not exist or is not in use.
    NumberFails,
    /// The phone was off or out of signal for 72 hours.
    PhoneOff,
    /// Notify's own failure: not charged, and worth sending again.
    NotifyFailed,
}

impl Delivery {
    pub fn of(status: &str) -> Self {
        match status {
            "delivered" | "sent" => Delivery::Delivered,
            "permanent-failure" => Delivery::NumberFails,
            "temporary-failure" => Delivery::PhoneOff,
            "technical-failure" => Delivery::NotifyFailed,
            // created, sending, pending, or a status Notify adds later.
            _ => Delivery::NotYet,
        }
    }
}

#[derive(Clone)]
pub struct StatusFollower {
    pub client: NotifyClient,
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub settings: Arc<Settings>,
}

impl StatusFollower {
    /// Checks the texts whose status is due, at most `budget` of them. Stops early if Notify does not
    /// answer (they stay due). Returns how many were checked.
    pub async fn check_due(&self, budget: u64) -> Result<usize, InboxError> {
        let now = self.clock.now().timestamp();
        let due = {
            let mut conn = self.store.writer().await?;
            outbox::stop_following_before(&mut conn, ChannelKind::Sms, now - FOLLOWED_FOR_SECONDS).await?;
            outbox::due_for_status(&mut conn, ChannelKind::Sms, now - FOLLOWED_FOR_SECONDS, now, budget as i64).await?
        };
        let mut checked = 0;
        for text in due {
            let delivery = match self.client.status(&text.channel_ref).await {
                Ok(found) => Delivery::of(&found.status),
                Err(NotifyError::Unavailable(error)) => {
                    tracing::warn!(%error, "Notify did not answer a status check; will check again");
                    break;
                }
                // Notify does not know it (another service's key?): nothing more can be learned.
                Err(NotifyError::Refused { status, message }) => {
                    tracing::error!(outbox_id = %text.id, status, %message, "a text's status could not be read");
                    let mut conn = self.store.writer().await?;
                    outbox::delivery_known(&mut conn, text.id, Some("status could not be read")).await?;
                    outbox::forget_words(&mut conn, text.id).await?;
                    continue;
                }
            };
            self.record(&text, delivery).await?;
            checked += 1;
        }
        Ok(checked)
    }

    async fn record(&self, text: &Following, delivery: Delivery) -> StoreResult<()> {
        let now = self.clock.now().timestamp();
        let mut tx = self.store.begin().await?;
        let mut mail = Mail::default();
        let failure = match delivery {
            Delivery::NotYet => {
                self.not_delivered_yet(&mut tx, text, now, &mut mail).await?;
                queue_mail(&mut tx, self.settings.quiet_time(), mail, now).await?;
                tx.commit().await?;
                return Ok(());
            }
            Delivery::Delivered => None,
            Delivery::NotifyFailed => Some("technical-failure"),
            Delivery::NumberFails => Some("permanent-failure"),
            Delivery::PhoneOff => Some("temporary-failure"),
        };
        // Taken by whoever records it first: another copy checking the same text does nothing more.
        if !outbox::delivery_known(&mut tx, text.id, failure).await? {
            tx.rollback().await?;
            return Ok(());
        }
        match delivery {
            Delivery::NotYet | Delivery::Delivered => {}
            Delivery::NotifyFailed => {
                if outbox::send_again(&mut tx, text.id, now).await?.is_some() {
                    tracing::warn!(outbox_id = %text.id, "Notify failed to send a text; it goes again");
                }
            }
            Delivery::NumberFails => {
                if let Some(person_id) = text.person_id
                    && let Some(person) = people::find_by_id(&mut tx, person_id).await?
                {
                    if let Some(occurrence_id) = text.occurrence_id {
                        appointments::mark_unreachable(&mut tx, occurrence_id, now).await?;
                    }
                    let key =
                        if person.role == Role::Carer { "staff-carer-texts-fail" } else { "staff-child-texts-fail" };
                    mail = record_unreachable(&mut tx, person.id, "number not in use", now, reach::named(key)).await?;
                }
            }
            Delivery::PhoneOff => self.reminder_missed(&mut tx, text, now, &mut mail).await?,
        }
        outbox::forget_words(&mut tx, text.id).await?;
        queue_mail(&mut tx, self.settings.quiet_time(), mail, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Not known yet: looked at again later. A reminder still not on the child's phone when its
    /// appointment starts is told to the worker then (Notify says "phone off" only after 72 hours).
    async fn not_delivered_yet(
        &self,
        tx: &mut Transaction,
        text: &Following,
        now: i64,
        mail: &mut Mail,
    ) -> StoreResult<()> {
        outbox::check_status_later(tx, text.id, now + next_check_after(text.status_checks + 1)).await?;
        self.reminder_missed(tx, text, now, mail).await
    }

    /// A reminder that has not reached the phone: its worker hears once, from when its appointment
    /// starts (or at once, if Notify has given up on the phone before then).
    async fn reminder_missed(
        &self,
        tx: &mut Transaction,
        text: &Following,
        now: i64,
        mail: &mut Mail,
    ) -> StoreResult<()> {
        let (Some(person_id), Some(occurrence_id)) = (text.person_id, text.occurrence_id) else { return Ok(()) };
        let Some(occurrence) = appointments::find_occurrence(tx, occurrence_id).await? else { return Ok(()) };
        if occurrence.state != appointments::OccurrenceState::Scheduled {
            return Ok(());
        }
        let gave_up = outbox::delivery_failed_as(tx, text.id).await?.as_deref() == Some("temporary-failure");
        let started = occurrence.starts_at <= now;
        if (gave_up || started) && appointments::mark_unreachable(tx, occurrence_id, now).await? {
            let time_zone = self.settings.time_zone;
            reach::tell_worker(
                tx,
                person_id,
                |child| {
                    Text::new("staff-child-text-not-delivered")
                        .arg("name", child.name.as_str())
                        .arg("when", wording::when_exact(time_zone, occurrence.starts_at))
                },
                mail,
            )
            .await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_of_notifys_statuses_means_one_thing() {
        assert_eq!(Delivery::of("delivered"), Delivery::Delivered);
        assert_eq!(Delivery::of("sent"), Delivery::Delivered, "sent abroad: as final as it gets");
        for waiting in ["created", "sending", "pending", "a-status-added-later"] {
            assert_eq!(Delivery::of(waiting), Delivery::NotYet, "{waiting}");
        }
        assert_eq!(Delivery::of("permanent-failure"), Delivery::NumberFails);
        assert_eq!(Delivery::of("temporary-failure"), Delivery::PhoneOff);
        assert_eq!(Delivery::of("technical-failure"), Delivery::NotifyFailed);
    }

    #[test]
    fn checks_come_further_apart_and_a_text_is_looked_at_a_few_times_in_72_hours() {
        let gaps: Vec<i64> = (0..8).map(next_check_after).collect();
        assert!(gaps.windows(2).all(|pair| pair[0] <= pair[1]), "{gaps:?}");
        let mut at = outbox::FIRST_STATUS_CHECK;
        let mut checks = 1;
        while at < FOLLOWED_FOR_SECONDS {
            at += next_check_after(checks);
            checks += 1;
        }
        assert!((6..=12).contains(&checks), "{checks} checks in 72 hours");
    }
}
