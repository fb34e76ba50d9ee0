//! Recurring reminders and their occurrences.

use super::{Store, StoreResult};

/// A schedule as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ScheduleRow {
    /// Number.
    pub id: i64,
    /// The unit it is for; `None` for county-wide schedules from the configuration.
    pub org_id: Option<i64>,
    /// Display name.
    pub name: String,
    /// Cron expression.
    pub cron: String,
    /// IANA timezone.
    pub timezone: String,
    /// `all`, `mobile`, `resident` or `groups`.
    pub audience: String,
    /// A message id, or text.
    pub message: String,
    /// How late a missed occurrence may still fire.
    pub grace_ms: i64,
    /// The next occurrence.
    pub next_at: Option<i64>,
    /// Paused (1) or running (0).
    pub paused: i64,
    /// `notice`, or `report` (the status-report prompt).
    pub purpose: String,
}

const COLUMNS: &str =
    "id, org_id, name, cron, timezone, audience, message, grace_ms, next_at, paused, purpose";

/// What a schedule is: a `[[schedules]]` entry to keep in the database, or a unit's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleSpec<'a> {
    /// Its name (unique among the configuration's schedules).
    pub name: &'a str,
    /// Cron expression.
    pub cron: &'a str,
    /// IANA timezone.
    pub timezone: &'a str,
    /// Audience.
    pub audience: &'a str,
    /// Message id or text.
    pub message: &'a str,
    /// Grace in ms.
    pub grace_ms: i64,
    /// `notice` or `report`.
    pub purpose: &'a str,
}

impl Store {
    /// Creates or updates a schedule from the configuration. Its next occurrence is set to
    /// `next_at` when it is new or its timing changed; otherwise the stored one is kept (so a
    /// restart does not skip or repeat an occurrence).
    pub async fn sync_config_schedule(
        &self,
        s: &ScheduleSpec<'_>,
        next_at: Option<i64>,
        now: i64,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO schedules (config_name, name, cron, timezone, audience, message, grace_ms, next_at, created_at, purpose) \
             VALUES ($1, $1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (config_name) DO UPDATE SET \
               next_at = CASE WHEN schedules.cron = excluded.cron AND schedules.timezone = excluded.timezone \
                              AND schedules.paused = 0 THEN schedules.next_at ELSE excluded.next_at END, \
               cron = excluded.cron, timezone = excluded.timezone, audience = excluded.audience, \
               message = excluded.message, grace_ms = excluded.grace_ms, paused = 0, purpose = excluded.purpose",
        )
        .bind(s.name)
        .bind(s.cron)
        .bind(s.timezone)
        .bind(s.audience)
        .bind(s.message)
        .bind(s.grace_ms)
        .bind(next_at)
        .bind(now)
        .bind(s.purpose)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Pauses configuration schedules no longer in the configuration.
    pub async fn pause_config_schedules_except(&self, names: &[&str]) -> StoreResult<()> {
        let rows: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, config_name FROM schedules WHERE config_name IS NOT NULL")
                .fetch_all(&self.pool)
                .await?;
        for (id, name) in rows {
            if !names.contains(&name.as_str()) {
                sqlx::query("UPDATE schedules SET paused = 1 WHERE id = $1")
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
            }
        }
        Ok(())
    }

    /// Schedules whose next occurrence has come.
    pub async fn due_schedules(&self, now: i64) -> StoreResult<Vec<ScheduleRow>> {
        Ok(sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM schedules WHERE paused = 0 AND next_at <= $1 ORDER BY next_at, id"
        ))
        .bind(now)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Every schedule, by name.
    pub async fn schedules(&self) -> StoreResult<Vec<ScheduleRow>> {
        Ok(
            sqlx::query_as(sql!("SELECT {COLUMNS} FROM schedules ORDER BY name, id"))
                .fetch_all(&self.pool)
                .await?,
        )
    }

    /// Records an occurrence as fired or skipped; false when it was recorded already (by
    /// another instance, or before a restart): only the first to record it acts on it.
    pub async fn claim_occurrence(
        &self,
        schedule_id: i64,
        occurrence: i64,
        status: &str,
        now: i64,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO schedule_runs (schedule_id, occurrence, status, at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (schedule_id, occurrence) DO NOTHING",
        )
        .bind(schedule_id)
        .bind(occurrence)
        .bind(status)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Occurrences recorded for a schedule: (occurrence, status), oldest first.
    pub async fn occurrences(&self, schedule_id: i64) -> StoreResult<Vec<(i64, String)>> {
        Ok(sqlx::query_as(
            "SELECT occurrence, status FROM schedule_runs WHERE schedule_id = $1 ORDER BY occurrence",
        )
        .bind(schedule_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Moves a schedule on from `from` to its next occurrence (if no one did meanwhile).
    pub async fn advance_schedule(&self, id: i64, from: i64, next: Option<i64>) -> StoreResult<()> {
        sqlx::query("UPDATE schedules SET next_at = $1 WHERE id = $2 AND next_at = $3")
            .bind(next)
            .bind(id)
            .bind(from)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Queues a notice from the system (a recurring reminder) to go at once.
    pub async fn queue_system_notice(
        &self,
        org_id: i64,
        body: &str,
        (audience, purpose): (&str, &str),
        now: i64,
    ) -> StoreResult<i64> {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO notices (org_id, author, kind, body, audience, urgent, status, send_at, created_at, purpose) \
             VALUES ($1, 0, 'text', $2, $3, 0, 'scheduled', $4, $4, $5) RETURNING id",
        )
        .bind(org_id)
        .bind(body)
        .bind(audience)
        .bind(now)
        .bind(purpose)
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    /// Creates a unit's own schedule; `None` when the same one exists already (a double
    /// press of the confirmation).
    pub async fn create_schedule(
        &self,
        org_id: i64,
        s: &ScheduleSpec<'_>,
        next_at: Option<i64>,
        now: i64,
    ) -> StoreResult<Option<i64>> {
        let existing: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM schedules WHERE org_id = $1 AND cron = $2 AND message = $3 AND audience = $4",
        )
        .bind(org_id)
        .bind(s.cron)
        .bind(s.message)
        .bind(s.audience)
        .fetch_optional(&self.pool)
        .await?;
        if existing.is_some() {
            return Ok(None);
        }
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO schedules (org_id, name, cron, timezone, audience, message, grace_ms, next_at, created_at, purpose) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(org_id)
        .bind(s.name)
        .bind(s.cron)
        .bind(s.timezone)
        .bind(s.audience)
        .bind(s.message)
        .bind(s.grace_ms)
        .bind(next_at)
        .bind(now)
        .bind(s.purpose)
        .fetch_one(&self.pool)
        .await?;
        Ok(Some(id))
    }

    /// One schedule.
    pub async fn schedule(&self, id: i64) -> StoreResult<Option<ScheduleRow>> {
        Ok(
            sqlx::query_as(sql!("SELECT {COLUMNS} FROM schedules WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// The county's schedules (from the configuration) and those of units within `paths`.
    pub async fn schedules_for(&self, paths: &[String]) -> StoreResult<Vec<ScheduleRow>> {
        let mut out: Vec<ScheduleRow> = sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM schedules WHERE org_id IS NULL AND paused = 0 ORDER BY id"
        ))
        .fetch_all(&self.pool)
        .await?;
        for path in paths {
            let rows: Vec<ScheduleRow> = sqlx::query_as(sql!(
                "SELECT {COLUMNS} FROM schedules WHERE org_id IN (SELECT id FROM orgs WHERE path LIKE $1) ORDER BY id"
            ))
            .bind(format!("{path}%"))
            .fetch_all(&self.pool)
            .await?;
            for r in rows {
                if !out.iter().any(|o| o.id == r.id) {
                    out.push(r);
                }
            }
        }
        Ok(out)
    }

    /// Pauses (next occurrence cleared) or resumes (from `next_at`) a schedule.
    pub async fn set_schedule_paused(
        &self,
        id: i64,
        paused: bool,
        next_at: Option<i64>,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE schedules SET paused = $1, next_at = $2 WHERE id = $3")
            .bind(i64::from(paused))
            .bind(next_at)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Deletes a unit's schedule and its record of occurrences.
    pub async fn delete_schedule(&self, id: i64) -> StoreResult<bool> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM schedule_runs WHERE schedule_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query("DELETE FROM schedules WHERE id = $1 AND org_id IS NOT NULL")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(done.rows_affected() > 0)
    }

    /// Units at the top of the tree (counties).
    pub async fn root_units(&self) -> StoreResult<Vec<i64>> {
        let rows: Vec<(i64,)> =
            sqlx::query_as("SELECT id FROM orgs WHERE parent_id IS NULL ORDER BY id")
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }
}
