//! The work a running copy has in hand: the messages or jobs of the batch it is working through. Only
//! these have their leases renewed, so a claim the copy dropped (an error cut its batch short) runs
//! out and comes back, as a dead copy's claims do.

use std::sync::{Arc, Mutex, MutexGuard};

#[derive(Debug, Clone, Default)]
pub struct InHand(Arc<Mutex<Vec<i64>>>);

impl InHand {
    /// Holds `ids` until the returned guard is dropped, however the batch ends.
    pub fn hold(&self, ids: impl IntoIterator<Item = i64>) -> Held<'_> {
        *self.lock() = ids.into_iter().collect();
        Held(self)
    }

    pub fn ids(&self) -> Vec<i64> {
        self.lock().clone()
    }

    fn lock(&self) -> MutexGuard<'_, Vec<i64>> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Lets go of the batch when dropped.
pub struct Held<'a>(&'a InHand);

impl Drop for Held<'_> {
    fn drop(&mut self) {
        self.0.lock().clear();
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
    fn a_batch_is_in_hand_until_its_guard_goes() {
        let in_hand = InHand::default();
        {
            let _held = in_hand.hold([3, 5]);
            assert_eq!(in_hand.ids(), vec![3, 5]);
        }
        assert!(in_hand.ids().is_empty());
        assert_eq!(sql_list(&[1, 22, -3]), "1, 22, -3");
    }
}
