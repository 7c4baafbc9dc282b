//! Many children with one reminder each, written straight into the database: for the crash test and the
//! benchmarks, where enrolling them one by one through the bot would take longer than what is measured.
#![allow(dead_code)]

use touchbase::store::Store;

/// Person ids: children are 1..=children (each with occurrence id == person id, named `child00042`),
/// their workers follow. Telegram user ids: children are `first_user_id + n`; workers count down from
/// `worker_user_id`. Child n's worker is worker n % workers.
pub struct Caseload {
    pub first_user_id: i64,
    pub children: i64,
    pub worker_user_id: i64,
    pub workers: i64,
}

impl Caseload {
    pub fn child_user_ids(&self) -> impl Iterator<Item = i64> + use<> {
        let first = self.first_user_id;
        (0..self.children).map(move |n| first + n)
    }

    pub fn worker_user_ids(&self) -> impl Iterator<Item = i64> + use<> {
        let first = self.worker_user_id;
        (0..self.workers).map(move |w| first - w)
    }

    /// The Telegram user id of child n's worker.
    pub fn worker_of(&self, n: i64) -> i64 {
        self.worker_user_id - n % self.workers
    }

    /// Every child has one appointment at `appointment_at` with a reminder job due at `reminder_due`.
    pub async fn seed(&self, store: &Store, reminder_due: i64, appointment_at: i64) {
        self.seed_each(store, |_| reminder_due, appointment_at).await;
    }

    /// Like [`Caseload::seed`], child n's reminder due at `reminder_due(n)`.
    pub async fn seed_each(&self, store: &Store, reminder_due: impl Fn(i64) -> i64, appointment_at: i64) {
        let mut tx = store.begin().await.expect("transaction");
        for (w, user) in self.worker_user_ids().enumerate() {
            sqlx::query(
                "INSERT INTO people (id, role, name, name_key, language, telegram_user_id, created_at, joined_at) \
                 VALUES ($1, 'worker', $2, $2, 'en', $3, 0, 0)",
            )
            .bind(self.children + 1 + w as i64)
            .bind(format!("worker{w:03}"))
            .bind(user)
            .execute(&mut *tx)
            .await
            .expect("worker");
        }
        for (n, user) in self.child_user_ids().enumerate() {
            let id = n as i64 + 1;
            let worker = self.children + 1 + n as i64 % self.workers;
            sqlx::query(
                "INSERT INTO people (id, role, name, name_key, language, telegram_user_id, worker_id, created_at, joined_at) \
                 VALUES ($1, 'child', $2, $2, 'en', $3, $4, 0, 0)",
            )
            .bind(id)
            .bind(format!("child{n:05}"))
            .bind(user)
            .bind(worker)
            .execute(&mut *tx)
            .await
            .expect("person");
            sqlx::query("INSERT INTO children (person_id) VALUES ($1)")
                .bind(id)
                .execute(&mut *tx)
                .await
                .expect("child");
            sqlx::query(
                "INSERT INTO occurrences (id, child_id, starts_at, ends_at, place, state, created_at) \
                 VALUES ($1, $1, $2, $3, 'office', 'scheduled', 0)",
            )
            .bind(id)
            .bind(appointment_at)
            .bind(appointment_at + 3600)
            .execute(&mut *tx)
            .await
            .expect("occurrence");
            sqlx::query(
                "INSERT INTO jobs (kind, unique_key, occurrence_id, person_id, detail, due_at, state, created_at) \
                 VALUES ('reminder', $1, $2, $2, 'soon', $3, 'pending', 0)",
            )
            .bind(format!("reminder:{id}:{}", reminder_due(n as i64)))
            .bind(id)
            .bind(reminder_due(n as i64))
            .execute(&mut *tx)
            .await
            .expect("job");
        }
        tx.commit().await.expect("commit");
    }
}
