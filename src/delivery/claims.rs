//! The work a running copy has in hand: the messages or jobs it is working on now. Only these have their
//! leases renewed, so a claim the copy dropped (an error cut its work short) runs out and comes back,
//! as a dead copy's claims do.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

#[cfg(test)]
use crate::domain::ids::OutboxId;

/// Claimed ids (the outbox's, or the jobs'), each counted as often as it is held.
#[derive(Debug, Clone)]
pub struct InHand<Id>(Arc<Mutex<BTreeMap<Id, usize>>>);

impl<Id> Default for InHand<Id> {
    fn default() -> Self {
        Self(Arc::default())
    }
}

impl<Id: Ord + Copy> InHand<Id> {
    /// Holds `ids` until the returned guard is dropped, however the work ends.
    pub fn hold(&self, ids: impl IntoIterator<Item = Id>) -> Held<Id> {
        let ids: Vec<Id> = ids.into_iter().collect();
        let mut held = self.lock();
        for id in &ids {
            *held.entry(*id).or_default() += 1;
        }
        Held { in_hand: self.clone(), ids }
    }

    pub fn ids(&self) -> Vec<Id> {
        self.lock().keys().copied().collect()
    }

    fn lock(&self) -> MutexGuard<'_, BTreeMap<Id, usize>> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Lets go of its ids when dropped.
#[derive(Debug)]
pub struct Held<Id: Ord + Copy> {
    in_hand: InHand<Id>,
    ids: Vec<Id>,
}

impl<Id: Ord + Copy> Drop for Held<Id> {
    fn drop(&mut self) {
        let mut held = self.in_hand.lock();
        for id in &self.ids {
            if let Some(count) = held.get_mut(id) {
                *count -= 1;
                if *count == 0 {
                    held.remove(id);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(numbers: &[i64]) -> Vec<OutboxId> {
        numbers.iter().copied().map(OutboxId).collect()
    }

    #[test]
    fn work_is_in_hand_until_its_guard_goes() {
        let in_hand = InHand::default();
        {
            let _batch = in_hand.hold([OutboxId(3), OutboxId(5)]);
            assert_eq!(in_hand.ids(), ids(&[3, 5]));
            {
                let _one = in_hand.hold([OutboxId(7)]);
                let _again = in_hand.hold([OutboxId(5)]);
                assert_eq!(in_hand.ids(), ids(&[3, 5, 7]));
            }
            assert_eq!(in_hand.ids(), ids(&[3, 5]), "a second hold of 5 let go; the first still holds it");
        }
        assert!(in_hand.ids().is_empty());
    }
}
