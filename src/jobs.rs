//! The job runner: claims due jobs with a lease, runs each in one transaction with the mail it sends,
//! retries failures with backoff, and after the last try gives up loudly.

use crate::domain::ids::ChildId;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures::FutureExt;

use crate::appointments::own_words;
use crate::appointments::reminders;
use crate::clock::Clock;
use crate::config::Settings;
use crate::delivery::backoff_after;
use crate::delivery::claims::InHand;
use crate::domain::people::Role;
use crate::dropins;
use crate::engagement::attendance;
use crate::figures;
use crate::records;
use crate::store::jobs::{self, ClaimedJob, JobEnd, Work};
use crate::store::{Connection, Store, StoreError, StoreResult, appointments, carers, people};
use crate::templates::Templates;
use crate::usecase::context::{FaultHook, FaultSite};
use crate::usecase::mail::{Mail, queue_mail};
use crate::usecase::reach::{named, tell_worker};

pub const LEASE_SECONDS: i64 = 30;
const BATCH: i64 = 200;
const MAX_ATTEMPTS: i64 = 8;

#[derive(Clone)]
pub struct JobRunner {
    pub store: Store,
    /// The batch being run, whose leases the app renews.
    /// Job ids (the jobs table's own numbers).
    pub in_hand: InHand<i64>,
    pub settings: Arc<Settings>,
    pub clock: Arc<dyn Clock>,
    pub templates: Arc<Templates>,
    pub fault_hook: Option<FaultHook>,
}

impl JobRunner {
    /// Runs every job due now. Returns how many were claimed.
    pub async fn run_due(&self) -> StoreResult<usize> {
        let now = self.clock.now().timestamp();
        let claimed = {
            let mut conn = self.store.writer().await?;
            jobs::claim_due(&mut conn, self.store.copy_id(), now, LEASE_SECONDS, BATCH).await?
        };
        let _held = self.in_hand.hold(claimed.iter().map(|job| job.id));
        // One job's trouble must not strand the others claimed with it.
        for job in &claimed {
            if let Err(error) = self.run_one(job).await {
                tracing::error!(job_id = job.id, %error, "running a job failed; its lease will bring it back");
            }
        }
        Ok(claimed.len())
    }

    /// One try at a job. Whatever fails in it (the work itself, or writing down what it did, by an
    /// error or a panic) is a failed try: retried with backoff, and after the last try given up, with
    /// someone told.
    async fn run_one(&self, job: &ClaimedJob) -> StoreResult<()> {
        let now = self.clock.now().timestamp();
        // A panic unwinds out of the job's transaction, which rolls back as it is dropped.
        let message = match AssertUnwindSafe(self.try_once(job, now)).catch_unwind().await {
            Ok(Ok(())) => return Ok(()),
            Ok(Err(error)) => error.to_string(),
            Err(_) => "the job panicked".to_owned(),
        };
        if job.attempts < MAX_ATTEMPTS {
            tracing::warn!(job_id = job.id, kind = %job.kind, attempts = job.attempts, %message, "job failed, will retry");
            let mut conn = self.store.writer().await?;
            jobs::retry_later(&mut conn, job.id, now + backoff_after(job.attempts).num_seconds(), &message).await
        } else {
            tracing::error!(job_id = job.id, kind = %job.kind, attempts = job.attempts, %message, "job given up");
            self.give_up(job, &message, now).await
        }
    }

    /// The job's work and its record, in one transaction (rolled back, when dropped, on any error).
    async fn try_once(&self, job: &ClaimedJob, now: i64) -> StoreResult<()> {
        let mut tx = self.store.begin().await?;
        if let Some(hook) = &self.fault_hook {
            hook.at(FaultSite::Job { kind: &job.kind });
        }
        match self.perform(&mut tx, job, now).await? {
            reminders::Sent::Later(due_at) => {
                jobs::retry_later(&mut tx, job.id, due_at, "waiting for quiet hours to end").await?;
            }
            reminders::Sent::Now(mut mail) => {
                // What a job about one child says (a reminder, the question after an appointment,
                // their words gathered) is about that child.
                if let Some(child_id) = child_of_job(&mut tx, job).await? {
                    mail.all_about(child_id);
                }
                let erased = mail.erased;
                queue_mail(&mut tx, self.settings.quiet_time(), mail, now).await?;
                jobs::finish(&mut tx, job.id, JobEnd::Done, now).await?;
                tx.commit().await?;
                if erased {
                    self.store.forget_erased().await?;
                }
                return Ok(());
            }
        }
        tx.commit().await?;
        Ok(())
    }

    async fn perform(
        &self,
        tx: &mut crate::store::Transaction,
        job: &ClaimedJob,
        now: i64,
    ) -> StoreResult<reminders::Sent> {
        let Some(work) = job.work else {
            return Err(StoreError::Corrupt(format!("a {:?} job this version cannot read", job.kind)));
        };
        let settings = &self.settings;
        let mail = match work {
            Work::Reminder { occurrence_id, planning, .. } => {
                return reminders::send(tx, settings, occurrence_id, planning, now).await;
            }
            Work::Attendance { occurrence_id, .. } => attendance::ask(tx, settings, occurrence_id).await?,
            Work::Retention { erased_before } => records::retention(tx, settings, now, erased_before).await?,
            Work::Figures => figures::weekly(tx, settings, job.due_at, now).await?,
            Work::DropinLinks { dropin_id } => dropins::send_links(tx, dropin_id, now).await?,
            Work::WordsDigest { person_id } => own_words::digest(tx, settings, person_id).await?,
        };
        Ok(reminders::Sent::Now(mail))
    }

    /// After the last try: the job is closed and the child's worker is told, so a person can act.
    async fn give_up(&self, job: &ClaimedJob, message: &str, now: i64) -> StoreResult<()> {
        let mut tx = self.store.begin().await?;
        jobs::finish(&mut tx, job.id, JobEnd::Failed { error: message }, now).await?;
        let mut mail = Mail::default();
        if let Some(Work::DropinLinks { dropin_id }) = job.work {
            dropins::link_failed(&mut tx, dropin_id, &mut mail).await?;
        } else if let Some(person_id) = job.work.and_then(Work::person_id) {
            tell_worker(&mut tx, person_id, named("staff-message-failed"), &mut mail).await?;
        } else {
            // The service's own jobs (the figures, retention): the managers can act on them.
            for manager in crate::store::people::list_active_managers(&mut tx).await? {
                mail.send_to_person(
                    &manager,
                    crate::templates::Text::new("staff-job-failed").arg("job", job.kind.as_str()),
                );
            }
        }
        queue_mail(&mut tx, self.settings.quiet_time(), mail, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// When the next job is due, if any.
    pub async fn next_due_at(&self) -> StoreResult<Option<i64>> {
        let mut conn = self.store.connection().await?;
        jobs::next_due_at(&mut conn).await
    }
}

/// The child a job is about: its appointment's child, or the child (or carer's child) it names.
async fn child_of_job(conn: &mut Connection, job: &ClaimedJob) -> StoreResult<Option<ChildId>> {
    let Some(work) = job.work else { return Ok(None) };
    if let Some(occurrence_id) = work.occurrence_id() {
        return Ok(appointments::find_occurrence(conn, occurrence_id).await?.map(|o| o.child_id));
    }
    let Some(person_id) = work.person_id() else { return Ok(None) };
    match people::find_by_id(conn, person_id).await? {
        Some(person) if person.role == Role::Child => Ok(Some(person.child_id())),
        Some(person) if person.role == Role::Carer => carers::child_of(conn, person.id).await,
        _ => Ok(None),
    }
}
