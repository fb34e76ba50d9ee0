//! Invite links and join requests.

use super::{Store, StoreError, StoreResult, conflict_or};
use crate::domain::Phone;

/// An invite link's stored state.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Invite {
    /// The code in the deep link.
    pub code: String,
    /// The branch it joins.
    pub org_id: i64,
    /// Who made it.
    pub created_by: i64,
    /// When.
    pub created_at: i64,
    /// After this it no longer works.
    pub expires_at: i64,
    /// How many may join with it.
    pub max_uses: i64,
    /// How many have.
    pub uses: i64,
    /// Set when revoked.
    pub revoked_at: Option<i64>,
}

/// Where a join request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestStatus {
    /// Waiting for a secretary.
    Pending,
    /// Approved: the person is a member.
    Approved,
    /// Rejected.
    Rejected,
}

impl RequestStatus {
    fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Pending => "pending",
            RequestStatus::Approved => "approved",
            RequestStatus::Rejected => "rejected",
        }
    }
}

/// A request to join a branch that the roster could not match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinRequest {
    /// Request number.
    pub id: i64,
    /// Who asks.
    pub telegram_id: i64,
    /// Which branch.
    pub org_id: i64,
    /// The phone they shared.
    pub phone: Phone,
    /// Their Telegram name.
    pub display_name: String,
    /// Where it stands.
    pub status: RequestStatus,
    /// When it was made.
    pub created_at: i64,
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    id: i64,
    telegram_id: i64,
    org_id: i64,
    phone: String,
    display_name: String,
    status: String,
    created_at: i64,
}

impl TryFrom<RequestRow> for JoinRequest {
    type Error = StoreError;
    fn try_from(r: RequestRow) -> StoreResult<JoinRequest> {
        let status = match r.status.as_str() {
            "pending" => RequestStatus::Pending,
            "approved" => RequestStatus::Approved,
            "rejected" => RequestStatus::Rejected,
            other => {
                return Err(StoreError::Db(sqlx::Error::Decode(
                    format!("request status {other}").into(),
                )));
            }
        };
        Ok(JoinRequest {
            id: r.id,
            telegram_id: r.telegram_id,
            org_id: r.org_id,
            phone: Phone::parse(&r.phone)
                .map_err(|e| StoreError::Db(sqlx::Error::Decode(e.into())))?,
            display_name: r.display_name,
            status,
            created_at: r.created_at,
        })
    }
}

const REQUEST_COLUMNS: &str = "id, telegram_id, org_id, phone, display_name, status, created_at";

impl Store {
    /// Stores a new invite.
    pub async fn create_invite(&self, invite: &Invite) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO invites (code, org_id, created_by, created_at, expires_at, max_uses, uses, revoked_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 0, NULL)",
        )
        .bind(&invite.code)
        .bind(invite.org_id)
        .bind(invite.created_by)
        .bind(invite.created_at)
        .bind(invite.expires_at)
        .bind(invite.max_uses)
        .execute(&self.pool)
        .await
        .map_err(|e| conflict_or(e, "invite code"))?;
        Ok(())
    }

    /// The invite with this code.
    pub async fn invite(&self, code: &str) -> StoreResult<Option<Invite>> {
        Ok(sqlx::query_as("SELECT * FROM invites WHERE code = $1")
            .bind(code)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Counts one use if the invite is still valid at `now`; false when it is not.
    pub async fn use_invite(&self, code: &str, now: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE invites SET uses = uses + 1 WHERE code = $1 AND revoked_at IS NULL AND expires_at > $2 AND uses < max_uses",
        )
        .bind(code)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Revokes an invite; false when it was already revoked.
    pub async fn revoke_invite(&self, code: &str, now: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE invites SET revoked_at = $1 WHERE code = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(code)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Invites of a unit that still work at `now`, newest first.
    pub async fn live_invites(&self, org_id: i64, now: i64) -> StoreResult<Vec<Invite>> {
        Ok(sqlx::query_as(
            "SELECT * FROM invites WHERE org_id = $1 AND revoked_at IS NULL AND expires_at > $2 AND uses < max_uses \
             ORDER BY created_at DESC",
        )
        .bind(org_id)
        .bind(now)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Opens a join request; a person has at most one pending request.
    pub async fn create_request(
        &self,
        telegram_id: i64,
        org_id: i64,
        invite_code: &str,
        phone: &Phone,
        display_name: &str,
        now: i64,
    ) -> StoreResult<JoinRequest> {
        let row: RequestRow = sqlx::query_as(sql!(
            "INSERT INTO join_requests (telegram_id, org_id, invite_code, phone, display_name, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, 'pending', $6) RETURNING {REQUEST_COLUMNS}"
        ))
        .bind(telegram_id)
        .bind(org_id)
        .bind(invite_code)
        .bind(phone.as_str())
        .bind(display_name)
        .bind(now)
        .fetch_one(&self.pool)
        .await
        .map_err(|e| conflict_or(e, "pending request"))?;
        row.try_into()
    }

    /// The request with this number.
    pub async fn request(&self, id: i64) -> StoreResult<Option<JoinRequest>> {
        let row: Option<RequestRow> = sqlx::query_as(sql!(
            "SELECT {REQUEST_COLUMNS} FROM join_requests WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(JoinRequest::try_from).transpose()
    }

    /// A person's pending request, if any.
    pub async fn pending_request_of(&self, telegram_id: i64) -> StoreResult<Option<JoinRequest>> {
        let row: Option<RequestRow> = sqlx::query_as(sql!(
            "SELECT {REQUEST_COLUMNS} FROM join_requests WHERE telegram_id = $1 AND status = 'pending'"
        ))
        .bind(telegram_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(JoinRequest::try_from).transpose()
    }

    /// Pending requests to units within the subtree at `path`, oldest first.
    pub async fn pending_requests_under(&self, path: &str) -> StoreResult<Vec<JoinRequest>> {
        let rows: Vec<RequestRow> = sqlx::query_as(sql!(
            "SELECT {} FROM join_requests r JOIN orgs o ON o.id = r.org_id \
             WHERE r.status = 'pending' AND o.path LIKE $1 ORDER BY r.created_at, r.id",
            REQUEST_COLUMNS
                .split(", ")
                .map(|c| format!("r.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .bind(format!("{path}%"))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(JoinRequest::try_from).collect()
    }

    /// Decides a pending request; false when someone already decided it.
    pub async fn decide_request(
        &self,
        id: i64,
        status: RequestStatus,
        by: i64,
        now: i64,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE join_requests SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4 AND status = 'pending'",
        )
        .bind(status.as_str())
        .bind(by)
        .bind(now)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Approves a pending request in one transaction: links the roster entry `roster_member`
    /// (which must not be linked yet) or adds a new member, and records which. `None` when
    /// someone else decided it first; [`StoreError::Conflict`] when the phone or the account
    /// belongs to another member (then nothing changes).
    pub async fn approve_request(
        &self,
        request: &JoinRequest,
        roster_member: Option<i64>,
        by: i64,
        now: i64,
    ) -> StoreResult<Option<i64>> {
        let mut tx = self.pool.begin().await?;
        let claimed = sqlx::query(
            "UPDATE join_requests SET status = 'approved', decided_by = $1, decided_at = $2 WHERE id = $3 AND status = 'pending'",
        )
        .bind(by)
        .bind(now)
        .bind(request.id)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() != 1 {
            return Ok(None);
        }
        let member_id = match roster_member {
            Some(id) => {
                let linked = sqlx::query(
                    "UPDATE members SET telegram_id = $1, joined_at = $2, updated_at = $2 WHERE id = $3 AND telegram_id IS NULL",
                )
                .bind(request.telegram_id)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(|e| conflict_or(e, "telegram account"))?;
                if linked.rows_affected() != 1 {
                    return Err(StoreError::Conflict("roster entry already linked".into()));
                }
                id
            }
            None => {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO members (org_id, name, phone, telegram_id, status, source, joined_at, created_at, updated_at) \
                     VALUES ($1, '', $2, $3, 'active', 'request', $4, $4, $4) RETURNING id",
                )
                .bind(request.org_id)
                .bind(request.phone.as_str())
                .bind(request.telegram_id)
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .map_err(|e| conflict_or(e, "phone or account"))?;
                id
            }
        };
        sqlx::query("UPDATE join_requests SET member_id = $1 WHERE id = $2")
            .bind(member_id)
            .bind(request.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(member_id))
    }
}
