//! Members handed over from one branch to another.

use super::{Store, StoreResult};

/// A hand-over.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Handover {
    /// Number.
    pub id: i64,
    /// The member.
    pub member_id: i64,
    /// The branch the member leaves.
    pub from_org: i64,
    /// The branch that receives them.
    pub to_org: i64,
    /// The secretary who asked.
    pub asked_by: i64,
    /// `pending`, `accepted`, `declined` or `cancelled`.
    pub status: String,
}

impl Store {
    /// Asks a branch to receive a member; `None` when one hand-over of the member is waiting
    /// already.
    pub async fn create_handover(
        &self,
        member_id: i64,
        (from_org, to_org): (i64, i64),
        asked_by: i64,
        now: i64,
    ) -> StoreResult<Option<i64>> {
        let row: Option<(i64,)> = sqlx::query_as(
            "INSERT INTO handovers (member_id, from_org, to_org, asked_by, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (member_id) WHERE status = 'pending' DO NOTHING \
             RETURNING id",
        )
        .bind(member_id)
        .bind(from_org)
        .bind(to_org)
        .bind(asked_by)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(id,)| id))
    }

    /// Withdraws a waiting hand-over; false when it was decided already.
    pub async fn cancel_handover(&self, id: i64, now: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE handovers SET status = 'cancelled', decided_at = $1 WHERE id = $2 AND status = 'pending'",
        )
        .bind(now)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// One hand-over.
    pub async fn handover(&self, id: i64) -> StoreResult<Option<Handover>> {
        Ok(sqlx::query_as(
            "SELECT id, member_id, from_org, to_org, asked_by, status FROM handovers WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Decides a waiting hand-over. Accepted, the member moves to the receiving branch with
    /// their open tickets (reports, attendance and points are the member's and go with them).
    /// False when it was decided already or the member is no longer in the sending branch.
    pub async fn decide_handover(
        &self,
        id: i64,
        status: &str,
        by: i64,
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE handovers SET status = $1, decided_by = $2, decided_at = $3 \
             WHERE id = $4 AND status = 'pending'",
        )
        .bind(status)
        .bind(by)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        if status == "accepted" {
            let (member, from, to): (i64, i64, i64) =
                sqlx::query_as("SELECT member_id, from_org, to_org FROM handovers WHERE id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
            let moved = sqlx::query(
                "UPDATE members SET org_id = $1, updated_at = $2 WHERE id = $3 AND org_id = $4",
            )
            .bind(to)
            .bind(now)
            .bind(member)
            .bind(from)
            .execute(&mut *tx)
            .await?;
            if moved.rows_affected() == 0 {
                // The member left the branch meanwhile: the hand-over no longer stands.
                sqlx::query("UPDATE handovers SET status = 'cancelled' WHERE id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                return Ok(false);
            }
            // Open tickets follow the member, except anonymous ones: they concern the old
            // branch, and moving them would tell both branches who wrote them.
            sqlx::query(
                "UPDATE tickets SET org_id = $1, updated_at = $2 WHERE member_id = $3 \
                 AND status <> 'resolved' AND anonymous = 0",
            )
            .bind(to)
            .bind(now)
            .bind(member)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }
}
