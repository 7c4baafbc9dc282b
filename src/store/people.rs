//! People: staff, children and carers, their Telegram link, language and reachability.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::{Connection, StoreError, StoreResult};
use chrono::NaiveDate;

use crate::domain::ids::{ChildId, OccurrenceId, PersonId};
use crate::domain::people::{Awaiting, ChannelKind, Ethnicity, Gender, Language, LookedAfter, Role, Sex};
use crate::domain::phone::PhoneNumber;

/// A person as the rest of the program sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: PersonId,
    pub role: Role,
    pub name: String,
    pub language: Language,
    pub telegram_user_id: Option<i64>,
    pub worker_id: Option<PersonId>,
    pub joined_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub unreachable_since: Option<i64>,
    /// What this person's next typed message answers, if anything.
    pub awaiting: Option<Awaiting>,
    /// How they are reached: Telegram, or texts to the mobile number on their record.
    pub channel: ChannelKind,
    /// They texted STOP: no text goes to them until they text START.
    pub texts_stopped: bool,
    /// On texts because Telegram refused them for good: writing on Telegram again puts them back.
    pub texts_fallback: bool,
}

impl Person {
    /// Whether messages can reach them: they joined on Telegram, or are on texts (and did not text STOP).
    pub fn has_joined(&self) -> bool {
        match self.channel {
            ChannelKind::Telegram => self.telegram_user_id.is_some(),
            ChannelKind::Sms => !self.texts_stopped,
        }
    }

    /// Whether they are reached by text message.
    pub fn on_texts(&self) -> bool {
        self.channel == ChannelKind::Sms
    }

    pub fn is_active(&self) -> bool {
        self.revoked_at.is_none()
    }

    /// This person as a child, for what only children have (appointments, details, a worker's
    /// caseload). Only for a person found as a child; a debug build stops on anyone else.
    pub fn child_id(&self) -> ChildId {
        debug_assert_eq!(self.role, Role::Child, "only a child has a child id");
        ChildId(self.id.0)
    }

    /// This person as a child, if they are one: for someone who may be anyone (whoever tapped a
    /// button, whoever typed).
    pub fn as_child(&self) -> Option<ChildId> {
        (self.role == Role::Child).then_some(ChildId(self.id.0))
    }
}

/// The optional facts a worker records about a child; `None` leaves a stored value as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChildDetails {
    pub born: Option<NaiveDate>,
    pub order_end: Option<NaiveDate>,
    pub sex: Option<Sex>,
    pub gender: Option<Gender>,
    pub ethnicity: Option<Ethnicity>,
    pub looked_after: Option<LookedAfter>,
    /// A UK mobile number, for text messages.
    pub phone: Option<PhoneNumber>,
}

/// How dates are kept in the `children` table.
const DATE: &str = "%Y-%m-%d";

/// A child with everything `/child` shows about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildRecord {
    pub person: Person,
    pub details: ChildDetails,
}

const PERSON_COLUMNS: &str = "p.id, p.role, p.name, p.language, p.telegram_user_id, p.worker_id, p.joined_at, p.revoked_at, p.unreachable_since, p.awaiting, p.channel, p.texts_stopped_at, p.texts_fallback";

fn person_from_row(row: &AnyRow) -> StoreResult<Person> {
    let role: String = row.try_get("role")?;
    let language: String = row.try_get("language")?;
    Ok(Person {
        id: row.try_get("id")?,
        role: Role::parse(&role).ok_or_else(|| StoreError::Corrupt(format!("role {role:?}")))?,
        name: row.try_get("name")?,
        language: Language::from_code(&language).unwrap_or(Language::English),
        telegram_user_id: row.try_get("telegram_user_id")?,
        worker_id: row.try_get("worker_id")?,
        joined_at: row.try_get("joined_at")?,
        revoked_at: row.try_get("revoked_at")?,
        unreachable_since: row.try_get("unreachable_since")?,
        // A form this version cannot read (a later version's) waits for nothing here.
        awaiting: row.try_get::<Option<String>, _>("awaiting")?.as_deref().and_then(Awaiting::from_code),
        channel: ChannelKind::from_code(&row.try_get::<String, _>("channel")?).unwrap_or(ChannelKind::Telegram),
        texts_stopped: row.try_get::<Option<i64>, _>("texts_stopped_at")?.is_some(),
        texts_fallback: row.try_get::<i64, _>("texts_fallback")? == 1,
    })
}

async fn fetch_people(conn: &mut Connection, sql: &str, binds: &[i64], text: Option<&str>) -> StoreResult<Vec<Person>> {
    let mut query = sqlx::query(sql);
    for value in binds {
        query = query.bind(*value);
    }
    if let Some(text) = text {
        query = query.bind(text.to_owned());
    }
    query.fetch_all(conn).await?.iter().map(person_from_row).collect()
}

pub async fn find_by_telegram_user(conn: &mut Connection, telegram_user_id: i64) -> StoreResult<Option<Person>> {
    let sql = format!("SELECT {PERSON_COLUMNS} FROM people p WHERE p.telegram_user_id = $1");
    Ok(fetch_people(conn, &sql, &[telegram_user_id], None).await?.pop())
}

/// A child's worker, if they have one.
pub async fn worker_of(conn: &mut Connection, person: &Person) -> StoreResult<Option<Person>> {
    match person.worker_id {
        Some(id) => find_by_id(conn, id).await,
        None => Ok(None),
    }
}

/// The name of a child's worker, or nothing.
pub async fn worker_name(conn: &mut Connection, person: &Person) -> StoreResult<String> {
    Ok(worker_of(conn, person).await?.map(|w| w.name).unwrap_or_default())
}

pub async fn find_by_id(conn: &mut Connection, id: impl Into<PersonId>) -> StoreResult<Option<Person>> {
    let id: PersonId = id.into();
    let sql = format!("SELECT {PERSON_COLUMNS} FROM people p WHERE p.id = $1");
    Ok(fetch_people(conn, &sql, &[id.0], None).await?.pop())
}

/// An active member of staff by name (any staff role).
pub async fn find_staff_by_name(conn: &mut Connection, name_key: &str) -> StoreResult<Option<Person>> {
    let sql = format!(
        "SELECT {PERSON_COLUMNS} FROM people p \
         WHERE p.name_key = $1 AND p.role IN ('manager', 'worker', 'host') AND p.revoked_at IS NULL"
    );
    Ok(fetch_people(conn, &sql, &[], Some(name_key)).await?.pop())
}

pub async fn find_child_in_caseload(
    conn: &mut Connection,
    worker_id: PersonId,
    name_key: &str,
) -> StoreResult<Option<Person>> {
    let sql = format!(
        "SELECT {PERSON_COLUMNS} FROM people p WHERE p.role = 'child' AND p.worker_id = $1 AND p.name_key = $2"
    );
    Ok(fetch_people(conn, &sql, &[worker_id.0], Some(name_key)).await?.pop())
}

/// Every child of that name in the whole service, for managers.
pub async fn find_children_by_name(conn: &mut Connection, name_key: &str) -> StoreResult<Vec<Person>> {
    let sql = format!("SELECT {PERSON_COLUMNS} FROM people p WHERE p.role = 'child' AND p.name_key = $1 ORDER BY p.id");
    fetch_people(conn, &sql, &[], Some(name_key)).await
}

/// Who invited a person (a worker for a child, a manager for staff; none for the first manager).
pub async fn invited_by(conn: &mut Connection, person_id: PersonId) -> StoreResult<Option<PersonId>> {
    let row = sqlx::query("SELECT invited_by FROM people WHERE id = $1").bind(person_id).fetch_optional(conn).await?;
    Ok(match row {
        Some(row) => row.try_get("invited_by")?,
        None => None,
    })
}

pub async fn list_caseload(conn: &mut Connection, worker_id: PersonId) -> StoreResult<Vec<Person>> {
    let sql = format!(
        "SELECT {PERSON_COLUMNS} FROM people p WHERE p.role = 'child' AND p.worker_id = $1 ORDER BY p.name_key"
    );
    fetch_people(conn, &sql, &[worker_id.0], None).await
}

pub async fn list_staff(conn: &mut Connection) -> StoreResult<Vec<Person>> {
    let sql = format!(
        "SELECT {PERSON_COLUMNS} FROM people p WHERE p.role IN ('manager', 'worker', 'host') AND p.revoked_at IS NULL \
         ORDER BY CASE p.role WHEN 'manager' THEN 1 WHEN 'worker' THEN 2 ELSE 3 END, p.name_key"
    );
    fetch_people(conn, &sql, &[], None).await
}

pub async fn list_active_managers(conn: &mut Connection) -> StoreResult<Vec<Person>> {
    let sql = format!(
        "SELECT {PERSON_COLUMNS} FROM people p WHERE p.role = 'manager' AND p.revoked_at IS NULL ORDER BY p.id"
    );
    fetch_people(conn, &sql, &[], None).await
}

pub async fn count_caseload(conn: &mut Connection, worker_id: PersonId) -> StoreResult<i64> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM people WHERE role = 'child' AND worker_id = $1")
        .bind(worker_id)
        .fetch_one(conn)
        .await?;
    Ok(row.try_get("n")?)
}

pub struct NewPerson<'a> {
    pub role: Role,
    pub name: &'a str,
    pub name_key: &'a str,
    pub language: Language,
    pub worker_id: Option<PersonId>,
    pub invited_by: Option<PersonId>,
    pub now: i64,
}

pub async fn insert_person(conn: &mut Connection, person: NewPerson<'_>) -> StoreResult<PersonId> {
    let row = sqlx::query(
        "INSERT INTO people (role, name, name_key, language, worker_id, invited_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(person.role.as_str())
    .bind(person.name)
    .bind(person.name_key)
    .bind(person.language.code())
    .bind(person.worker_id)
    .bind(person.invited_by)
    .bind(person.now)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

pub async fn insert_child_details(
    conn: &mut Connection,
    person_id: PersonId,
    details: &ChildDetails,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO children (person_id) VALUES ($1)").bind(person_id).execute(&mut *conn).await?;
    update_child_details(conn, person_id, details).await
}

pub async fn update_child_details(
    conn: &mut Connection,
    person_id: PersonId,
    details: &ChildDetails,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE children SET born = COALESCE($2, born), order_end = COALESCE($3, order_end), \
         sex = COALESCE($4, sex), gender = COALESCE($5, gender), ethnicity = COALESCE($6, ethnicity), \
         looked_after = COALESCE($7, looked_after), phone = COALESCE($8, phone) WHERE person_id = $1",
    )
    .bind(person_id)
    .bind(details.born.map(|d| d.format(DATE).to_string()))
    .bind(details.order_end.map(|d| d.format(DATE).to_string()))
    .bind(details.sex.map(Sex::as_str))
    .bind(details.gender.map(Gender::as_str))
    .bind(details.ethnicity.map(Ethnicity::as_str))
    .bind(details.looked_after.map(LookedAfter::as_str))
    .bind(details.phone.as_ref().map(PhoneNumber::as_str))
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn child_record(conn: &mut Connection, person_id: ChildId) -> StoreResult<Option<ChildRecord>> {
    let Some(person) = find_by_id(conn, person_id).await? else {
        return Ok(None);
    };
    let row = sqlx::query(
        "SELECT born, order_end, sex, gender, ethnicity, looked_after, phone FROM children WHERE person_id = $1",
    )
    .bind(person_id)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    // Only this code writes these columns; anything it cannot read shows as not recorded.
    let text = |column: &str| -> StoreResult<Option<String>> { Ok(row.try_get(column)?) };
    let date = |column: &str| -> StoreResult<Option<NaiveDate>> {
        Ok(text(column)?.and_then(|d| NaiveDate::parse_from_str(&d, DATE).ok()))
    };
    let details = ChildDetails {
        born: date("born")?,
        order_end: date("order_end")?,
        sex: text("sex")?.and_then(|v| v.parse().ok()),
        gender: text("gender")?.and_then(|v| v.parse().ok()),
        ethnicity: text("ethnicity")?.and_then(|v| v.parse().ok()),
        looked_after: text("looked_after")?.and_then(|v| v.parse().ok()),
        phone: text("phone")?.as_deref().and_then(PhoneNumber::parse),
    };
    Ok(Some(ChildRecord { person, details }))
}

/// The child whose number this is, if any (one child per number).
pub async fn child_with_phone(conn: &mut Connection, phone: &PhoneNumber) -> StoreResult<Option<ChildId>> {
    let row = sqlx::query("SELECT person_id FROM children WHERE phone = $1")
        .bind(phone.as_str())
        .fetch_optional(conn)
        .await?;
    Ok(row.map(|row| row.try_get("person_id")).transpose()?)
}

pub async fn set_awaiting(conn: &mut Connection, person_id: PersonId, awaiting: Option<Awaiting>) -> StoreResult<()> {
    let code = awaiting.map(Awaiting::code);
    sqlx::query("UPDATE people SET awaiting = $2 WHERE id = $1").bind(person_id).bind(code).execute(conn).await?;
    Ok(())
}

/// Stops waiting for a reason's few words (a child on texts was asked something newer).
pub async fn end_wait_for_words(conn: &mut Connection, person_id: PersonId) -> StoreResult<()> {
    let waits =
        [Awaiting::ReasonWords { occurrence_id: OccurrenceId(0) }, Awaiting::MissedReasonWords { reason_id: 0 }];
    for wait in waits {
        let prefix = wait.code().trim_end_matches('0').to_owned();
        sqlx::query("UPDATE people SET awaiting = NULL WHERE id = $1 AND awaiting LIKE $2")
            .bind(person_id)
            .bind(format!("{prefix}%"))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub async fn set_language(conn: &mut Connection, person_id: PersonId, language: Language) -> StoreResult<()> {
    sqlx::query("UPDATE people SET language = $2 WHERE id = $1")
        .bind(person_id)
        .bind(language.code())
        .execute(conn)
        .await?;
    Ok(())
}

/// Links a Telegram account to a person who has not joined yet. `false` if they already had one.
pub async fn link_telegram_user(
    conn: &mut Connection,
    person_id: PersonId,
    telegram_user_id: i64,
    now: i64,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE people SET telegram_user_id = $2, joined_at = $3, unreachable_since = NULL, unreachable_reason = NULL \
         WHERE id = $1 AND telegram_user_id IS NULL AND revoked_at IS NULL",
    )
    .bind(person_id)
    .bind(telegram_user_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Ends a member of staff's access. Their record stays for the history (who did what).
pub async fn revoke(conn: &mut Connection, person_id: PersonId, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE people SET revoked_at = $2, telegram_user_id = NULL WHERE id = $1 AND revoked_at IS NULL")
        .bind(person_id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Moves a child to another worker. `false` if that worker already has a child of the same name.
pub async fn transfer_child(conn: &mut Connection, child_id: ChildId, worker_id: PersonId) -> StoreResult<bool> {
    let result = sqlx::query(
        "UPDATE people SET worker_id = $2 WHERE id = $1 AND role = 'child' \
         AND NOT EXISTS (SELECT 1 FROM people other WHERE other.role = 'child' AND other.worker_id = $2 \
                         AND other.name_key = people.name_key AND other.id <> $1)",
    )
    .bind(child_id)
    .bind(worker_id)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn mark_unreachable(conn: &mut Connection, person_id: PersonId, reason: &str, now: i64) -> StoreResult<bool> {
    let result = sqlx::query(
        "UPDATE people SET unreachable_since = $2, unreachable_reason = $3 WHERE id = $1 AND unreachable_since IS NULL",
    )
    .bind(person_id)
    .bind(now)
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn mark_reachable(conn: &mut Connection, person_id: PersonId) -> StoreResult<()> {
    sqlx::query("UPDATE people SET unreachable_since = NULL, unreachable_reason = NULL WHERE id = $1 AND unreachable_since IS NOT NULL")
        .bind(person_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Remembers that a stranger was told how to get an invite. `true` only the first time.
pub async fn note_stranger(conn: &mut Connection, telegram_user_id: i64, now: i64) -> StoreResult<bool> {
    let result = sqlx::query("INSERT INTO strangers (telegram_user_id, answered_at) VALUES ($1, $2) ON CONFLICT (telegram_user_id) DO NOTHING")
        .bind(telegram_user_id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn forget_stranger(conn: &mut Connection, telegram_user_id: i64) -> StoreResult<()> {
    sqlx::query("DELETE FROM strangers WHERE telegram_user_id = $1").bind(telegram_user_id).execute(conn).await?;
    Ok(())
}

/// People without an invite answered before `before` are forgotten: one who writes again is told
/// once more how to get an invite.
pub async fn prune_strangers_before(conn: &mut Connection, before: i64) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM strangers WHERE answered_at < $1").bind(before).execute(conn).await?;
    Ok(done.rows_affected())
}

/// Puts a person on Telegram or on texts, as their worker chose.
pub async fn set_channel(conn: &mut Connection, person_id: PersonId, channel: ChannelKind) -> StoreResult<()> {
    sqlx::query("UPDATE people SET channel = $2, texts_fallback = 0 WHERE id = $1")
        .bind(person_id)
        .bind(channel.code())
        .execute(conn)
        .await?;
    Ok(())
}

/// Someone reached without joining on Telegram (a carer on texts) counts as joined from `now`.
pub async fn mark_joined(conn: &mut Connection, person_id: PersonId, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE people SET joined_at = $2 WHERE id = $1 AND joined_at IS NULL")
        .bind(person_id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Telegram refused them for good: they are on texts until they write on Telegram again.
/// `false` if they were on texts already.
pub async fn fall_back_to_texts(conn: &mut Connection, person_id: PersonId) -> StoreResult<bool> {
    let done =
        sqlx::query("UPDATE people SET channel = 'sms', texts_fallback = 1 WHERE id = $1 AND channel = 'telegram'")
            .bind(person_id)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// The mobile number on a child's or a carer's record, if any.
pub async fn phone_of(conn: &mut Connection, person_id: PersonId) -> StoreResult<Option<PhoneNumber>> {
    let row = sqlx::query(
        "SELECT phone FROM children WHERE person_id = $1 AND phone IS NOT NULL \
         UNION ALL SELECT phone FROM carer_links WHERE carer_id = $1 AND phone IS NOT NULL",
    )
    .bind(person_id)
    .fetch_optional(conn)
    .await?;
    let phone: Option<String> = row.map(|row| row.try_get("phone")).transpose()?;
    Ok(phone.as_deref().and_then(PhoneNumber::parse))
}

/// Whose number this is, a child's or a carer's (one person per number), if anyone's.
pub async fn phone_owner(conn: &mut Connection, phone: &PhoneNumber) -> StoreResult<Option<PersonId>> {
    let row = sqlx::query(
        "SELECT person_id AS id FROM children WHERE phone = $1 \
         UNION ALL SELECT carer_id AS id FROM carer_links WHERE phone = $1",
    )
    .bind(phone.as_str())
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| row.try_get("id")).transpose()?)
}

/// The person whose number this is (one person per number), if any.
pub async fn find_by_phone(conn: &mut Connection, phone: &PhoneNumber) -> StoreResult<Option<Person>> {
    match phone_owner(conn, phone).await? {
        Some(id) => find_by_id(conn, id).await,
        None => Ok(None),
    }
}

/// They texted STOP (`Some(now)`) or START (`None`). `true` if that changed anything.
pub async fn set_texts_stopped(
    conn: &mut Connection,
    person_id: PersonId,
    stopped_at: Option<i64>,
) -> StoreResult<bool> {
    let sql = if stopped_at.is_some() {
        "UPDATE people SET texts_stopped_at = $2 WHERE id = $1 AND texts_stopped_at IS NULL"
    } else {
        "UPDATE people SET texts_stopped_at = $2 WHERE id = $1 AND texts_stopped_at IS NOT NULL"
    };
    let done = sqlx::query(sql).bind(person_id).bind(stopped_at).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}
