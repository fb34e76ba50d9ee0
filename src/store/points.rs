//! The points ledger.

use super::{Store, StoreResult};

/// One ledger entry.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PointsEntry {
    /// The rule key, or `manual`.
    pub rule: String,
    /// Points (negative for deductions).
    pub points: i64,
    /// The event it is for.
    pub source: String,
    /// Why (manual entries).
    pub reason: Option<String>,
    /// When.
    pub at: i64,
}

/// A new ledger entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry<'a> {
    /// The member.
    pub member_id: i64,
    /// The rule key, or `manual`.
    pub rule: &'a str,
    /// Points.
    pub points: i64,
    /// The event it is for.
    pub source: &'a str,
    /// Why (manual entries).
    pub reason: Option<&'a str>,
    /// Who granted it (manual entries).
    pub granted_by: Option<i64>,
}

impl Store {
    /// Appends an entry unless this member already has one for this rule and source; false
    /// then (an award happens once however often its event is seen).
    pub async fn add_points(&self, e: &NewEntry<'_>, now: i64) -> StoreResult<bool> {
        let key = format!("{}:{}:{}", e.member_id, e.rule, e.source);
        let done = sqlx::query(
            "INSERT INTO points_ledger (member_id, rule, points, source, award_key, reason, granted_by, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (award_key) DO NOTHING",
        )
        .bind(e.member_id)
        .bind(e.rule)
        .bind(e.points)
        .bind(e.source)
        .bind(key)
        .bind(e.reason)
        .bind(e.granted_by)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// A member's net points from one rule for one event, corrections included (entries whose
    /// source is `source` or starts with `source:`).
    pub async fn points_for_event(
        &self,
        member_id: i64,
        rule: &str,
        source: &str,
    ) -> StoreResult<i64> {
        let (sum,): (Option<i64>,) = sqlx::query_as(
            "SELECT CAST(SUM(points) AS BIGINT) FROM points_ledger \
             WHERE member_id = $1 AND rule = $2 AND (source = $3 OR source LIKE $4)",
        )
        .bind(member_id)
        .bind(rule)
        .bind(source)
        .bind(format!("{source}:%"))
        .fetch_one(&self.pool)
        .await?;
        Ok(sum.unwrap_or(0))
    }

    /// Whether the award of `rule` for `source` was ever given to the member.
    pub async fn was_awarded(&self, member_id: i64, rule: &str, source: &str) -> StoreResult<bool> {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT 1 FROM points_ledger WHERE award_key = $1")
                .bind(format!("{member_id}:{rule}:{source}"))
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.is_some())
    }

    /// Active members of units within `path` by their points since `since`, highest first:
    /// (name, points).
    pub async fn points_board(
        &self,
        path: &str,
        since: i64,
        limit: i64,
    ) -> StoreResult<Vec<(String, i64)>> {
        let rows: Vec<(String, Option<i64>)> = sqlx::query_as(
            "SELECT m.name, CAST(SUM(p.points) AS BIGINT) AS total FROM points_ledger p \
             JOIN members m ON m.id = p.member_id JOIN orgs o ON o.id = m.org_id \
             WHERE o.path LIKE $1 AND p.at >= $2 AND m.status = 'active' \
             GROUP BY m.id, m.name ORDER BY total DESC, m.name LIMIT $3",
        )
        .bind(format!("{path}%"))
        .bind(since)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(n, p)| (n, p.unwrap_or(0))).collect())
    }

    /// Each unit with members within `path`: (name, active members, their points since
    /// `since`), in tree order.
    pub async fn points_by_unit(
        &self,
        path: &str,
        since: i64,
    ) -> StoreResult<Vec<(String, i64, i64)>> {
        let rows: Vec<(String, i64, Option<i64>)> = sqlx::query_as(
            "SELECT o.name, COUNT(*), CAST(SUM(COALESCE(t.total, 0)) AS BIGINT) \
             FROM members m JOIN orgs o ON o.id = m.org_id \
             LEFT JOIN (SELECT member_id, SUM(points) AS total FROM points_ledger \
                        WHERE at >= $2 GROUP BY member_id) t ON t.member_id = m.id \
             WHERE o.path LIKE $1 AND m.status = 'active' GROUP BY o.id, o.name, o.path ORDER BY o.path",
        )
        .bind(format!("{path}%"))
        .bind(since)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(n, c, p)| (n, c, p.unwrap_or(0)))
            .collect())
    }

    /// A member's points from one rule (all rules when `None`) since `since`.
    pub async fn points_since(
        &self,
        member_id: i64,
        rule: Option<&str>,
        since: i64,
    ) -> StoreResult<i64> {
        let (sum,): (Option<i64>,) = sqlx::query_as(
            "SELECT CAST(SUM(points) AS BIGINT) FROM points_ledger \
             WHERE member_id = $1 AND ($2 IS NULL OR rule = $2) AND at >= $3",
        )
        .bind(member_id)
        .bind(rule)
        .bind(since)
        .fetch_one(&self.pool)
        .await?;
        Ok(sum.unwrap_or(0))
    }

    /// A member's latest entries, newest first.
    pub async fn latest_points(&self, member_id: i64, limit: i64) -> StoreResult<Vec<PointsEntry>> {
        Ok(sqlx::query_as(
            "SELECT rule, points, source, reason, at FROM points_ledger WHERE member_id = $1 \
             ORDER BY at DESC, id DESC LIMIT $2",
        )
        .bind(member_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }
}
