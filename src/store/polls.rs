//! Polls (村务 · 献计献策): a notice with options, one changeable vote per member until it
//! closes.

use super::{Store, StoreResult};

/// A poll's own part (its question, audience and copies are its notice's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poll {
    /// The notice number.
    pub id: i64,
    /// The options.
    pub options: Vec<String>,
    /// When it closes (`None` while being written).
    pub closes_at: Option<i64>,
    /// When it closed.
    pub closed_at: Option<i64>,
}

impl Store {
    /// Adds the options of a draft poll.
    pub async fn create_poll(&self, notice_id: i64, options: &[String]) -> StoreResult<()> {
        sqlx::query("INSERT INTO polls (notice_id, options) VALUES ($1, $2)")
            .bind(notice_id)
            .bind(serde_json::to_string(options).expect("strings serialise"))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Sets when a draft poll closes.
    pub async fn set_poll_closes(&self, id: i64, at: i64) -> StoreResult<()> {
        sqlx::query("UPDATE polls SET closes_at = $1 WHERE notice_id = $2")
            .bind(at)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// One poll.
    pub async fn poll(&self, id: i64) -> StoreResult<Option<Poll>> {
        let row: Option<(i64, String, Option<i64>, Option<i64>)> = sqlx::query_as(
            "SELECT notice_id, options, closes_at, closed_at FROM polls WHERE notice_id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(id, options, closes_at, closed_at)| Poll {
            id,
            options: serde_json::from_str(&options).unwrap_or_default(),
            closes_at,
            closed_at,
        }))
    }

    /// Records or changes a member's vote while the poll is open. Returns the earlier choice
    /// (`Some(None)` for a first vote), or `None` when the poll has closed.
    pub async fn vote(
        &self,
        id: i64,
        member_id: i64,
        choice: i64,
        now: i64,
    ) -> StoreResult<Option<Option<i64>>> {
        let mut tx = self.pool.begin().await?;
        let before: Option<(i64,)> =
            sqlx::query_as("SELECT choice FROM poll_votes WHERE notice_id = $1 AND member_id = $2")
                .bind(id)
                .bind(member_id)
                .fetch_optional(&mut *tx)
                .await?;
        let done = sqlx::query(
            "INSERT INTO poll_votes (notice_id, member_id, choice, at) \
             SELECT $1, $2, $3, $4 WHERE EXISTS \
               (SELECT 1 FROM polls WHERE notice_id = $1 AND closed_at IS NULL AND closes_at > $4) \
             ON CONFLICT (notice_id, member_id) DO UPDATE SET choice = excluded.choice, at = excluded.at",
        )
        .bind(id)
        .bind(member_id)
        .bind(choice)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok((done.rows_affected() > 0).then_some(before.map(|(c,)| c)))
    }

    /// Votes per option (index, count).
    pub async fn poll_counts(&self, id: i64) -> StoreResult<Vec<(i64, i64)>> {
        Ok(sqlx::query_as(
            "SELECT choice, COUNT(*) FROM poll_votes WHERE notice_id = $1 GROUP BY choice ORDER BY choice",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// A member's vote.
    pub async fn vote_of(&self, id: i64, member_id: i64) -> StoreResult<Option<i64>> {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT choice FROM poll_votes WHERE notice_id = $1 AND member_id = $2")
                .bind(id)
                .bind(member_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(c,)| c))
    }

    /// Polls sent whose closing time has come and that have not closed.
    pub async fn polls_to_close(&self, now: i64) -> StoreResult<Vec<i64>> {
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT p.notice_id FROM polls p JOIN notices n ON n.id = p.notice_id \
             WHERE p.closed_at IS NULL AND p.closes_at <= $1 AND n.status IN ('sending', 'sent') \
             ORDER BY p.closes_at",
        )
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    /// Closes a poll; false when it already was (another instance closed it).
    pub async fn close_poll(&self, id: i64, now: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE polls SET closed_at = $1 WHERE notice_id = $2 AND closed_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Polls of units within `path` sent lately, newest first.
    pub async fn recent_polls(&self, path: &str, limit: i64) -> StoreResult<Vec<i64>> {
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT n.id FROM notices n JOIN polls p ON p.notice_id = n.id \
             WHERE n.status IN ('sending', 'sent') AND n.org_id IN (SELECT id FROM orgs WHERE path LIKE $1) \
             ORDER BY n.id DESC LIMIT $2",
        )
        .bind(format!("{path}%"))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }
}
