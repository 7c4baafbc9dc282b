//! The work a running copy has in hand: the messages or jobs it is working on now. Only these have their
//! leases renewed, so a claim the copy dropped (an error cut its work short) runs out and comes back,
//! as a dead copy's claims do.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// Claimed ids, each counted as often as it is held.
#[derive(Debug, Clone, Default)]
pub struct InHand(Arc<Mutex<BTreeMap<i64, usize>>>);

impl InHand {
    /// Holds `ids` until the returned guard is dropped, however the work ends.
    pub fn hold(&self, ids: impl IntoIterator<Item = i64>) -> Held {
        let ids: Vec<i64> = ids.into_iter().collect();
        let mut held = self.lock();
        for id in &ids {
            *held.entry(*id).or_default() += 1;
        }
        Held { in_hand: self.clone(), ids }
    }

    pub fn ids(&self) -> Vec<i64> {
        self.lock().keys().copied().collect()
    }

    fn lock(&self) -> MutexGuard<'_, BTreeMap<i64, usize>> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Lets go of its ids when dropped.
#[derive(Debug)]
pub struct Held {
    in_hand: InHand,
    ids: Vec<i64>,
}

impl Drop for Held {
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

/// `ids` as an SQL list for `IN (...)`; whole numbers only, so nothing can be injected.
pub fn sql_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_is_in_hand_until_its_guard_goes() {
        let in_hand = InHand::default();
        {
            let _batch = in_hand.hold([3, 5]);
            assert_eq!(in_hand.ids(), vec![3, 5]);
            {
                let _one = in_hand.hold([7]);
                let _again = in_hand.hold([5]);
                assert_eq!(in_hand.ids(), vec![3, 5, 7]);
            }
            assert_eq!(in_hand.ids(), vec![3, 5], "a second hold of 5 let go; the first still holds it");
        }
        assert!(in_hand.ids().is_empty());
        assert_eq!(sql_list(&[1, 22, -3]), "1, 22, -3");
    }
}
