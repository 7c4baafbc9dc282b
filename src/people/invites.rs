//! Making invites: a pending person and a one-time code, for staff (from a manager or the command line) and children.

use crate::domain::ids::PersonId;
use crate::domain::invite::{CODE_BYTES, InviteCode};
use crate::domain::people::{Language, PersonName, Role};
use crate::store::{Connection, StoreError, StoreResult, invites, people};

/// A fresh code from the operating system's CSPRNG.
pub fn new_code() -> InviteCode {
    let mut bytes = [0u8; CODE_BYTES];
    getrandom::fill(&mut bytes).expect("the operating system's random source is available");
    InviteCode::from_random_bytes(bytes)
}

/// A code handed out, with when it stops working.
#[derive(Debug, Clone)]
pub struct IssuedInvite {
    pub person_id: PersonId,
    pub code: InviteCode,
    pub expires_at: i64,
}

/// Opens a new invite for an existing person, closing any older one so only the newest link works.
pub async fn reissue(
    conn: &mut Connection,
    person_id: PersonId,
    created_by: Option<PersonId>,
    now: i64,
    ttl_seconds: i64,
) -> StoreResult<IssuedInvite> {
    invites::close_invites_for(conn, person_id, now).await?;
    let code = new_code();
    let expires_at = now + ttl_seconds;
    invites::insert_invite(conn, &code.hash(), person_id, created_by, now, expires_at).await?;
    Ok(IssuedInvite { person_id, code, expires_at })
}

/// What happened when staff were invited.
#[derive(Debug)]
pub enum StaffInvite {
    Issued(IssuedInvite),
    /// Someone of that name already works here (and has joined, or has another role).
    NameTaken {
        role: Role,
    },
}

/// Invites a member of staff by name. Inviting a name again before they join gives a fresh link.
pub async fn invite_staff(
    conn: &mut Connection,
    role: Role,
    name: &PersonName,
    invited_by: Option<PersonId>,
    now: i64,
    ttl_seconds: i64,
) -> StoreResult<StaffInvite> {
    debug_assert!(role.is_staff());
    if let Some(existing) = people::find_staff_by_name(conn, &name.key()).await? {
        if existing.has_joined() || existing.role != role {
            return Ok(StaffInvite::NameTaken { role: existing.role });
        }
        return Ok(StaffInvite::Issued(reissue(conn, existing.id, invited_by, now, ttl_seconds).await?));
    }
    let person_id = people::insert_person(
        conn,
        people::NewPerson {
            role,
            name: name.as_str(),
            name_key: &name.key(),
            language: Language::English,
            worker_id: None,
            invited_by,
            now,
        },
    )
    .await?;
    Ok(StaffInvite::Issued(reissue(conn, person_id, invited_by, now, ttl_seconds).await?))
}

/// The first manager's invite, made from the command line.
pub async fn invite_first_manager(
    store: &crate::store::Store,
    name: &PersonName,
    now: i64,
    ttl_seconds: i64,
) -> Result<StaffInvite, StoreError> {
    let mut tx = store.begin().await?;
    let outcome = invite_staff(&mut tx, Role::Manager, name, None, now, ttl_seconds).await?;
    if let StaffInvite::Issued(invite) = &outcome {
        crate::store::audit::record(&mut tx, now, None, "invite-manager-cli", Some(invite.person_id)).await?;
    }
    tx.commit().await?;
    Ok(outcome)
}
