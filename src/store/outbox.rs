//! The outbox: every message waiting to go out, on whichever channel, with its attempts, lease and
//! outcome.

use sqlx::Row;

use super::{Backend, Connection, StoreResult};
use crate::domain::ids::{ChildId, OccurrenceId, OutboxId, PersonId};
use crate::domain::people::{ChannelKind, Language};

/// One message for the outbox. `occurrence_id` says which appointment it is about, if any.
pub struct NewMessage<'a> {
    pub person_id: Option<PersonId>,
    pub channel: ChannelKind,
    /// The conversation on that channel (Telegram's chat id).
    pub chat_id: i64,
    /// The reader's language, to render in.
    pub language: Language,
    pub occurrence_id: Option<OccurrenceId>,
    /// The child the message is about, whoever it is for: erasing the child takes it too.
    pub about_child_id: Option<ChildId>,
    pub payload: &'a str,
    pub due_at: i64,
    pub priority: Priority,
    /// Whether someone is told if it is given up (not for the telling itself).
    pub report_loss: bool,
    /// What news may follow this message (see [`first_on_topic`]).
    pub topic: Option<&'a str>,
}

/// Which waiting messages go first. Within a chat, a message someone is waiting for may overtake bulk
/// messages queued for them; everything else keeps its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    /// What someone is waiting for: a reply to what they just did, a notice to staff.
    Person = 0,
    /// Reminders, reports, news that waits for the morning.
    Bulk = 1,
}

pub async fn enqueue(conn: &mut Connection, message: NewMessage<'_>, now: i64) -> StoreResult<OutboxId> {
    let row = sqlx::query(
        "INSERT INTO outbox (person_id, chat_id, occurrence_id, about_child_id, payload, state, due_at, created_at, \
                             priority, report_loss, channel, language, topic) \
         VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(message.person_id)
    .bind(message.chat_id)
    .bind(message.occurrence_id)
    .bind(message.about_child_id)
    .bind(message.payload)
    .bind(message.due_at)
    .bind(now)
    .bind(message.priority as i64)
    .bind(i64::from(message.report_loss))
    .bind(message.channel.code())
    .bind(message.language.code())
    .bind(message.topic)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

/// The first message queued on a topic, as it stands: waiting, on its way, sent (with its number in
/// the chat) or given up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnTopic {
    pub id: OutboxId,
    pub state: String,
    pub telegram_message_id: Option<i64>,
}

pub async fn first_on_topic(conn: &mut Connection, topic: &str) -> StoreResult<Option<OnTopic>> {
    let row = sqlx::query("SELECT id, state, telegram_message_id FROM outbox WHERE topic = $1 ORDER BY id LIMIT 1")
        .bind(topic)
        .fetch_optional(conn)
        .await?;
    row.map(|row| {
        Ok(OnTopic {
            id: row.try_get("id")?,
            state: row.try_get("state")?,
            telegram_message_id: row.try_get("telegram_message_id")?,
        })
    })
    .transpose()
}

/// Says something else in a message still waiting its turn. `false` if it has started on its way.
pub async fn rewrite_waiting(conn: &mut Connection, id: OutboxId, payload: &str) -> StoreResult<bool> {
    let done = sqlx::query("UPDATE outbox SET payload = $2 WHERE id = $1 AND state = 'pending'")
        .bind(id)
        .bind(payload)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// A message claimed for sending.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: OutboxId,
    pub person_id: Option<PersonId>,
    pub chat_id: i64,
    pub occurrence_id: Option<OccurrenceId>,
    pub payload: String,
    pub attempts: i64,
    pub created_at: i64,
    pub report_loss: bool,
    pub priority: Priority,
    pub language: Language,
    /// An earlier attempt ended without an answer (a crash mid-send, a timeout): it may have got through.
    pub outcome_unknown: bool,
}

/// SQL: the message `candidate` is not waiting behind an older one to the same chat that waits for a
/// retry or for Telegram's limit (a message put off until the morning does not hold later ones up), and
/// no other message to the chat is being sent now, by this copy or another: a chat has at most one
/// message in flight, and its next one waits until that one's outcome is committed.
/// `now` and `paced` name the parameters holding the time and [`PACED`].
fn not_behind_an_older(now: &str, paced: &str) -> String {
    format!(
        "NOT EXISTS (SELECT 1 FROM outbox older \
                     WHERE older.chat_id = candidate.chat_id AND older.channel = candidate.channel \
                       AND older.id <> candidate.id \
                       AND ((older.id < candidate.id AND older.state = 'pending' AND older.due_at > {now} \
                             AND (older.attempts > 0 OR older.last_error = {paced})) \
                            OR (older.state = 'sending' AND older.lease_until > {now})))"
    )
}

/// Claims due messages, and ones whose sender died mid-send (lease run out): what someone is waiting
/// for first, then oldest first. A message waits while an older one to the same chat waits for its
/// retry, so each person's messages stay in order. At most one is taken for a chat, and none for a
/// chat with a message in flight, so a long queue for one person (a flood, a big report) cannot fill
/// the batch while others wait, and no chat ever has two messages on their way at once.
///
/// On PostgreSQL several copies of the bot claim: each locks the rows it looks at with
/// `FOR UPDATE SKIP LOCKED`, passing over rows another copy holds, so no message is claimed twice.
pub async fn claim_due(
    conn: &mut Connection,
    channel: ChannelKind,
    copy: &str,
    now: i64,
    lease_seconds: i64,
    limit: i64,
) -> StoreResult<Vec<Claimed>> {
    claim(conn, channel, copy, now, lease_seconds, limit, false).await
}

/// Claims one message to find out whether a channel that was failing answers again: the one due
/// soonest, counting those waiting out a backoff because the channel failed (their backoff was for
/// the channel, not for them). A message put off for another reason (the morning) is not taken early.
pub async fn claim_probe(
    conn: &mut Connection,
    channel: ChannelKind,
    copy: &str,
    now: i64,
    lease_seconds: i64,
) -> StoreResult<Vec<Claimed>> {
    claim(conn, channel, copy, now, lease_seconds, 1, true).await
}

/// Claiming a message: taking over one whose sender died mid-send (still `sending`) leaves its outcome
/// unknown.
const TAKE_CLAIM: &str = "outcome_unknown = CASE WHEN state = 'sending' THEN 1 ELSE outcome_unknown END, \
                          state = 'sending', lease_until = $2, attempts = attempts + 1";

async fn claim(
    conn: &mut Connection,
    channel: ChannelKind,
    copy: &str,
    now: i64,
    lease_seconds: i64,
    limit: i64,
    probe: bool,
) -> StoreResult<Vec<Claimed>> {
    let waiting_for_channel =
        if probe { format!(" OR candidate.last_error LIKE '{UNAVAILABLE}%'") } else { String::new() };
    let due = format!(
        "candidate.channel = $6 AND ((candidate.state = 'pending' AND (candidate.due_at <= $1{waiting_for_channel})) \
          OR (candidate.state = 'sending' AND candidate.lease_until <= $1)) AND {}",
        not_behind_an_older("$1", "$4")
    );
    // A probe takes the message due soonest, so one chat that keeps failing (its backoff grows) does
    // not stand in the way of the others.
    let (order, order_first) = if probe { ("due_at, id", "due_at") } else { ("priority, id", "priority") };
    let sql = match Backend::of(conn) {
        Backend::Sqlite => format!(
            "UPDATE outbox SET {TAKE_CLAIM}, claimed_by = $5 \
             WHERE id IN (SELECT id FROM \
                            (SELECT candidate.id, \
                                    candidate.priority, candidate.due_at, \
                                    ROW_NUMBER() OVER (PARTITION BY candidate.chat_id \
                                                       ORDER BY candidate.priority, candidate.id) AS place \
                             FROM outbox candidate WHERE {due}) ranked \
                          WHERE place = 1 ORDER BY {order} LIMIT $3) \
             RETURNING {RETURNED}"
        ),
        // PostgreSQL refuses FOR UPDATE beside a window function, so the rows are locked first and
        // ranked after. A few batches' worth are looked at: enough to fill one while others are locked.
        Backend::Postgres => format!(
            "WITH locked AS (SELECT candidate.id, candidate.chat_id, candidate.priority, candidate.due_at \
                             FROM outbox candidate WHERE {due} ORDER BY candidate.{order_first}, candidate.id \
                             LIMIT $3 * 4 FOR UPDATE SKIP LOCKED), \
                  ranked AS (SELECT id, priority, due_at, \
                                    ROW_NUMBER() OVER (PARTITION BY chat_id ORDER BY priority, id) AS place \
                             FROM locked) \
             UPDATE outbox SET {TAKE_CLAIM}, claimed_by = $5 \
             WHERE id IN (SELECT id FROM ranked WHERE place = 1 ORDER BY {order} LIMIT $3) \
             RETURNING {RETURNED}"
        ),
    };
    let query =
        sqlx::query(&sql).bind(now).bind(now + lease_seconds).bind(limit).bind(PACED).bind(copy).bind(channel.code());
    let rows = match Backend::of(conn) {
        Backend::Sqlite => query.fetch_all(conn).await?,
        Backend::Postgres => {
            // Claims take turns, so one that has not yet seen another's claim cannot take the next
            // message of the same chat while the other still sends the earlier ones.
            let mut tx = sqlx::Connection::begin(conn).await?;
            super::take_lock(&mut tx, super::CLAIM_LOCK).await?;
            let rows = query.fetch_all(&mut *tx).await?;
            tx.commit().await?;
            rows
        }
    };
    let mut claimed = rows.iter().map(claimed).collect::<StoreResult<Vec<_>>>()?;
    claimed.sort_by_key(|c| c.id);
    Ok(claimed)
}

fn claimed(row: &sqlx::any::AnyRow) -> StoreResult<Claimed> {
    Ok(Claimed {
        id: row.try_get("id")?,
        person_id: row.try_get("person_id")?,
        chat_id: row.try_get("chat_id")?,
        occurrence_id: row.try_get("occurrence_id")?,
        payload: row.try_get("payload")?,
        attempts: row.try_get("attempts")?,
        created_at: row.try_get("created_at")?,
        report_loss: row.try_get::<i64, _>("report_loss")? != 0,
        priority: if row.try_get::<i64, _>("priority")? == 0 { Priority::Person } else { Priority::Bulk },
        language: Language::from_code(&row.try_get::<String, _>("language")?).unwrap_or(Language::English),
        outcome_unknown: row.try_get::<i64, _>("outcome_unknown")? != 0,
    })
}

const RETURNED: &str = "id, person_id, chat_id, occurrence_id, payload, attempts, created_at, report_loss, priority, \
                        language, outcome_unknown";

/// Sent: the text is dropped, only the fact and Telegram's message id are kept.
pub async fn mark_sent(
    conn: &mut Connection,
    id: OutboxId,
    telegram_message_id: Option<i64>,
    now: i64,
) -> StoreResult<()> {
    sqlx::query("UPDATE outbox SET state = 'sent', payload = '', finished_at = $2, telegram_message_id = $3, lease_until = NULL, last_error = NULL WHERE id = $1")
        .bind(id)
        .bind(now)
        .bind(telegram_message_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Accepted by a channel that says later whether it was delivered: the channel's id for it is kept to
/// follow its delivery (first looked at a minute on), and what it said until then, in case it must go
/// again.
pub async fn mark_accepted(conn: &mut Connection, id: OutboxId, channel_ref: &str, now: i64) -> StoreResult<()> {
    sqlx::query(
        "UPDATE outbox SET state = 'sent', finished_at = $2, channel_ref = $3, awaiting_delivery = 1, \
         status_checks = 0, status_due_at = $4, lease_until = NULL, last_error = NULL WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .bind(channel_ref)
    .bind(now + FIRST_STATUS_CHECK)
    .execute(conn)
    .await?;
    Ok(())
}

/// Every message still to go to a person on Telegram (and `failed`, the one Telegram just refused)
/// goes by text instead, rendered for texts when its turn comes.
pub async fn move_to_texts(conn: &mut Connection, person_id: PersonId, failed: OutboxId, now: i64) -> StoreResult<u64> {
    let done = sqlx::query(
        "UPDATE outbox SET channel = 'sms', chat_id = $1, state = 'pending', lease_until = NULL, claimed_by = NULL, \
         due_at = CASE WHEN id = $2 THEN $3 ELSE due_at END \
         WHERE person_id = $1 AND channel = 'telegram' AND (state = 'pending' OR id = $2)",
    )
    .bind(person_id)
    .bind(failed)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// A channel says whether a message was delivered this long after it took it, at the earliest.
pub const FIRST_STATUS_CHECK: i64 = 60;

/// A message accepted by a channel, whose delivery is still to be known.
#[derive(Debug, Clone)]
pub struct Following {
    pub id: OutboxId,
    pub person_id: Option<PersonId>,
    pub occurrence_id: Option<OccurrenceId>,
    pub channel_ref: String,
    pub status_checks: i64,
}

/// Up to `limit` messages on `channel` whose delivery is due to be checked, accepted at or after
/// `since`, soonest due first.
pub async fn due_for_status(
    conn: &mut Connection,
    channel: ChannelKind,
    since: i64,
    now: i64,
    limit: i64,
) -> StoreResult<Vec<Following>> {
    let rows = sqlx::query(
        "SELECT id, person_id, occurrence_id, channel_ref, status_checks FROM outbox \
         WHERE awaiting_delivery = 1 AND channel = $1 AND finished_at >= $2 AND status_due_at <= $3 \
         AND channel_ref IS NOT NULL ORDER BY status_due_at LIMIT $4",
    )
    .bind(channel.code())
    .bind(since)
    .bind(now)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Following {
                id: row.try_get("id")?,
                person_id: row.try_get("person_id")?,
                occurrence_id: row.try_get("occurrence_id")?,
                channel_ref: row.try_get("channel_ref")?,
                status_checks: row.try_get("status_checks")?,
            })
        })
        .collect()
}

/// Not known yet: looked at again at `next_due`.
pub async fn check_status_later(conn: &mut Connection, id: OutboxId, next_due: i64) -> StoreResult<()> {
    sqlx::query("UPDATE outbox SET status_checks = status_checks + 1, status_due_at = $2 WHERE id = $1")
        .bind(id)
        .bind(next_due)
        .execute(conn)
        .await?;
    Ok(())
}

/// Its delivery is known (`failure` says how it failed, if it did), or will never be. `false` if it
/// was known already (another copy checked it at the same time): only one acts on it. What it said
/// is kept until [`forget_words`], in case it must go again.
pub async fn delivery_known(conn: &mut Connection, id: OutboxId, failure: Option<&str>) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE outbox SET awaiting_delivery = 0, status_due_at = NULL, last_error = COALESCE($2, last_error) \
         WHERE id = $1 AND awaiting_delivery = 1",
    )
    .bind(id)
    .bind(failure)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// How a message's delivery failed, as recorded.
pub async fn delivery_failed_as(conn: &mut Connection, id: OutboxId) -> StoreResult<Option<String>> {
    let row = sqlx::query("SELECT last_error FROM outbox WHERE id = $1").bind(id).fetch_optional(conn).await?;
    Ok(row.map(|row| row.try_get::<Option<String>, _>("last_error")).transpose()?.flatten())
}

/// A sent message's words are no longer needed.
pub async fn forget_words(conn: &mut Connection, id: OutboxId) -> StoreResult<()> {
    sqlx::query("UPDATE outbox SET payload = '' WHERE id = $1").bind(id).execute(conn).await?;
    Ok(())
}

/// Queues a message that was accepted but failed on the channel's side to go again, as a new message
/// (with a reference of its own), due now. Returns the new message, if the old one still said anything.
pub async fn send_again(conn: &mut Connection, id: OutboxId, now: i64) -> StoreResult<Option<OutboxId>> {
    let row = sqlx::query(
        "INSERT INTO outbox (person_id, chat_id, occurrence_id, about_child_id, payload, state, due_at, created_at, \
                             priority, report_loss, channel, language) \
         SELECT person_id, chat_id, occurrence_id, about_child_id, payload, 'pending', $2, $2, priority, report_loss, \
                channel, language FROM outbox WHERE id = $1 AND payload <> '' RETURNING id",
    )
    .bind(id)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| row.try_get("id")).transpose()?)
}

/// Messages accepted before `before` whose delivery was never known stop being followed.
pub async fn stop_following_before(conn: &mut Connection, channel: ChannelKind, before: i64) -> StoreResult<u64> {
    let done = sqlx::query(
        "UPDATE outbox SET awaiting_delivery = 0, status_due_at = NULL, payload = '' \
         WHERE awaiting_delivery = 1 AND channel = $1 AND finished_at < $2",
    )
    .bind(channel.code())
    .bind(before)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Hands back a message whose attempt got no clear answer (the channel failing), to be tried again at
/// `due_at`. The attempt may have got through: a channel that can say is asked before it goes again.
pub async fn retry_later(conn: &mut Connection, id: OutboxId, due_at: i64, error: &str) -> StoreResult<()> {
    sqlx::query(
        "UPDATE outbox SET state = 'pending', due_at = $2, last_error = $3, lease_until = NULL, outcome_unknown = 1 \
         WHERE id = $1",
    )
    .bind(id)
    .bind(due_at)
    .bind(error)
    .execute(conn)
    .await?;
    Ok(())
}

/// Hands a claimed message back unsent (not counted as an attempt), due at `due_at`.
pub async fn release(conn: &mut Connection, id: OutboxId, due_at: i64) -> StoreResult<()> {
    sqlx::query(
        "UPDATE outbox SET state = 'pending', due_at = $2, lease_until = NULL, attempts = attempts - 1 WHERE id = $1",
    )
    .bind(id)
    .bind(due_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks a message handed back because Telegram asked for a pause: later messages to the chat wait
/// behind it, as behind a retry.
const PACED: &str = "waiting for Telegram's limit";

/// Hands a claimed message back unsent because sending is paused until `due_at` (not counted as an
/// attempt). Later messages to the same chat stay behind it.
pub async fn postpone(conn: &mut Connection, id: OutboxId, due_at: i64) -> StoreResult<()> {
    sqlx::query(
        "UPDATE outbox SET state = 'pending', due_at = $2, lease_until = NULL, attempts = attempts - 1, \
         last_error = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(due_at)
    .bind(PACED)
    .execute(conn)
    .await?;
    Ok(())
}

/// Keeps the copy `copy`'s claims of the messages `ids` (those it has in hand) until `lease_until`: a
/// running copy renews them every few seconds, so only a copy that died, or dropped a claim, loses it.
pub async fn renew_claims(conn: &mut Connection, copy: &str, ids: &[OutboxId], lease_until: i64) -> StoreResult<u64> {
    super::renew_leases(conn, "outbox", "sending", copy, ids, lease_until).await
}

/// Hands back every claimed message at once (not counted as an attempt; whether it got through is not
/// known). Only for a start-up that holds the single-instance lock: whatever is still claimed then
/// belongs to a copy that died. Returns how many.
pub async fn release_all_claims(conn: &mut Connection) -> StoreResult<u64> {
    let done = sqlx::query(
        "UPDATE outbox SET state = 'pending', lease_until = NULL, outcome_unknown = 1, \
         attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END WHERE state = 'sending'",
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Messages about a child still waiting for `from_person` go to `to_person` (at `to_chat`, in their
/// language) instead: the child moved to another worker before they went.
pub async fn readdress_about(
    conn: &mut Connection,
    child_id: ChildId,
    from_person: PersonId,
    to_person: PersonId,
    (to_chat, to_language): (i64, Language),
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE outbox SET person_id = $3, chat_id = $4, language = $5 \
         WHERE about_child_id = $1 AND person_id = $2 AND state = 'pending' \
           AND payload NOT LIKE '{\"note\":\"edit\"%' AND payload NOT LIKE '{\"kind\":\"edit\"%'",
    )
    .bind(child_id)
    .bind(from_person)
    .bind(to_person)
    .bind(to_chat)
    .bind(to_language.code())
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether a claimed message still stands, in this copy's hands, just before it goes.
pub async fn still_claimed(conn: &mut Connection, id: OutboxId, copy: &str) -> StoreResult<bool> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM outbox WHERE id = $1 AND state = 'sending' AND claimed_by = $2")
        .bind(id)
        .bind(copy)
        .fetch_one(conn)
        .await?;
    Ok(row.try_get::<i64, _>("n")? > 0)
}

/// Drops every message still waiting for a person, or claimed but not yet gone (their access ended);
/// nothing is sent to them after: the sender checks a claimed message still stands before it goes.
pub async fn drop_pending_for(conn: &mut Connection, person_id: PersonId, now: i64) -> StoreResult<()> {
    sqlx::query(
        "UPDATE outbox SET state = 'failed', last_error = 'access ended', payload = '', finished_at = $2, \
         lease_until = NULL WHERE person_id = $1 AND state IN ('pending', 'sending')",
    )
    .bind(person_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// How a message that did not go ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsent {
    /// Given up on the message (too late, refused, lost in an outage, nothing to send).
    Failed,
    /// Given up on its reader: they cannot be reached on this channel.
    Unreachable,
}

impl Unsent {
    fn as_state(self) -> &'static str {
        match self {
            Unsent::Failed => "failed",
            Unsent::Unreachable => "unreachable",
        }
    }
}

/// Gives up on a message or on its reader; the text is dropped either way.
pub async fn mark_finished_unsent(
    conn: &mut Connection,
    id: OutboxId,
    how: Unsent,
    error: &str,
    now: i64,
) -> StoreResult<()> {
    sqlx::query("UPDATE outbox SET state = $2, last_error = $3, finished_at = $4, payload = '', lease_until = NULL WHERE id = $1")
        .bind(id)
        .bind(how.as_state())
        .bind(error)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// When the sender next has something it may send (messages waiting behind a retry do not count).
pub async fn next_due_at(conn: &mut Connection, channel: ChannelKind, now: i64) -> StoreResult<Option<i64>> {
    let sql = format!(
        "SELECT MIN(CASE WHEN candidate.state = 'pending' THEN candidate.due_at ELSE candidate.lease_until END) AS next \
         FROM outbox candidate WHERE candidate.state IN ('pending', 'sending') AND candidate.channel = $3 AND {}",
        not_behind_an_older("$1", "$2")
    );
    let row = sqlx::query(&sql).bind(now).bind(PACED).bind(channel.code()).fetch_one(conn).await?;
    Ok(row.try_get("next")?)
}

/// Claims every waiting message that can no longer go: a reminder whose appointment has started,
/// any other message queued before `queued_before`. The sender gives them up together, so a worker
/// hears of a long outage's losses in one notice rather than one by one.
pub async fn claim_expired(
    conn: &mut Connection,
    channel: ChannelKind,
    copy: &str,
    now: i64,
    lease_seconds: i64,
    queued_before: i64,
) -> StoreResult<Vec<Claimed>> {
    let lock = match Backend::of(conn) {
        Backend::Sqlite => "",
        Backend::Postgres => "FOR UPDATE OF expired SKIP LOCKED",
    };
    let sql = format!(
        "UPDATE outbox SET {TAKE_CLAIM}, claimed_by = $3 \
         WHERE id IN (SELECT expired.id FROM outbox expired \
                      LEFT JOIN occurrences ON occurrences.id = expired.occurrence_id \
                      WHERE expired.state = 'pending' AND expired.channel = $5 \
                        AND ((expired.occurrence_id IS NOT NULL AND occurrences.starts_at <= $1) \
                             OR (expired.occurrence_id IS NULL AND expired.created_at < $4)) {lock}) \
         RETURNING {RETURNED}"
    );
    let query =
        sqlx::query(&sql).bind(now).bind(now + lease_seconds).bind(copy).bind(queued_before).bind(channel.code());
    let rows = query.fetch_all(conn).await?;
    rows.iter().map(claimed).collect()
}

/// What [`retry_later`] records for a message that could not go because the channel was failing
/// (network trouble, Telegram's 5xx): when the channel answers again, such messages go at once.
pub const UNAVAILABLE: &str = "unavailable: ";

/// The channel answers again: messages put off while it was failing are due now, not at the end of
/// their backoff. Returns how many.
pub async fn bring_forward_unavailable(conn: &mut Connection, channel: ChannelKind, now: i64) -> StoreResult<u64> {
    let done = sqlx::query(
        "UPDATE outbox SET due_at = $1 WHERE state = 'pending' AND due_at > $1 AND last_error LIKE $2 AND channel = $3",
    )
    .bind(now)
    .bind(format!("{UNAVAILABLE}%"))
    .bind(channel.code())
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// The chats on `channel` with a message claimed for sending (at start-up: claimed by a copy that
/// stopped, and perhaps sent just before it did, or by a copy still running).
pub async fn claimed_chats(conn: &mut Connection, channel: ChannelKind) -> StoreResult<Vec<i64>> {
    let rows = sqlx::query("SELECT DISTINCT chat_id FROM outbox WHERE state = 'sending' AND channel = $1")
        .bind(channel.code())
        .fetch_all(conn)
        .await?;
    rows.iter().map(|row| Ok(row.try_get("chat_id")?)).collect()
}

/// Each chat on `channel` sent to since `since`, with when the last message to it was recorded as sent.
pub async fn sent_since(conn: &mut Connection, channel: ChannelKind, since: i64) -> StoreResult<Vec<(i64, i64)>> {
    let rows = sqlx::query(
        "SELECT chat_id, finished_at FROM outbox WHERE state = 'sent' AND finished_at >= $1 AND channel = $2 \
         ORDER BY finished_at",
    )
    .bind(since)
    .bind(channel.code())
    .fetch_all(conn)
    .await?;
    rows.iter().map(|row| Ok((row.try_get("chat_id")?, row.try_get("finished_at")?))).collect()
}

/// The Telegram messages to `chat` that other copies than `copy` recorded as sent since `since`.
pub async fn sent_to_chat_by_others(conn: &mut Connection, chat: i64, copy: &str, since: i64) -> StoreResult<Vec<i64>> {
    let rows = sqlx::query(
        "SELECT id FROM outbox WHERE chat_id = $1 AND channel = 'telegram' AND state = 'sent' AND finished_at >= $2 \
         AND claimed_by <> $3",
    )
    .bind(chat)
    .bind(since)
    .bind(copy)
    .fetch_all(conn)
    .await?;
    rows.iter().map(|row| Ok(row.try_get("id")?)).collect()
}

/// Delivery records (sent, given up) finished before `before` go: only the fact was kept, and a
/// week is long enough to answer "did it go?".
pub async fn prune_finished_before(conn: &mut Connection, before: i64) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM outbox WHERE state IN ('sent', 'failed', 'unreachable') AND finished_at < $1")
        .bind(before)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
