//! Status reports of members working away, and who in a branch has gone quiet.

use super::{Store, StoreResult, parse_col};
use crate::domain::{Mobility, WorkStatus};

/// A report as a member makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReport {
    /// The member.
    pub member_id: i64,
    /// The month it counts for (`2026-11`).
    pub period: String,
    /// At home or away after this report.
    pub mobility: Mobility,
    /// The city the member works in now (`None` at home).
    pub city: Option<String>,
    /// What the member does now.
    pub work: WorkStatus,
    /// 思想汇报 as text.
    pub note: Option<String>,
    /// 思想汇报 as a voice message (Telegram file id).
    pub note_voice: Option<String>,
}

/// A stored report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusReport {
    /// Number.
    pub id: i64,
    /// The member.
    pub member_id: i64,
    /// The month it counts for.
    pub period: String,
    /// At home or away after it.
    pub mobility: Mobility,
    /// City.
    pub city: Option<String>,
    /// Whether the city changed with it.
    pub moved: bool,
    /// Work status.
    pub work: WorkStatus,
    /// Text note.
    pub note: Option<String>,
    /// Voice note.
    pub note_voice: Option<String>,
    /// When.
    pub at: i64,
}

type ReportTuple = (
    i64,
    i64,
    String,
    String,
    Option<String>,
    i64,
    String,
    Option<String>,
    Option<String>,
    i64,
);

fn report(r: ReportTuple) -> StoreResult<StatusReport> {
    Ok(StatusReport {
        id: r.0,
        member_id: r.1,
        period: r.2,
        mobility: parse_col(&r.3)?,
        city: r.4,
        moved: r.5 != 0,
        work: parse_col(&r.6)?,
        note: r.7,
        note_voice: r.8,
        at: r.9,
    })
}

const REPORT_COLUMNS: &str =
    "id, member_id, period, mobility, city, moved, work, note, note_voice, at";

/// One active member of a branch as `/reports` sees them.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RollEntry {
    /// Member id.
    pub member_id: i64,
    /// Name.
    pub name: String,
    /// Telegram id, once joined.
    pub telegram_id: Option<i64>,
    /// `resident`, `mobile` or `lost`.
    pub mobility: String,
    /// Current city.
    pub city: Option<String>,
    /// The latest report of the period asked about.
    pub reported_at: Option<i64>,
    /// The member's last message or button press.
    pub last_seen: Option<i64>,
    /// The last "are you well?" reminder.
    pub silent_nudged_at: Option<i64>,
}

impl Store {
    /// Records a report and brings the member's profile up to date (a new city goes into the
    /// city history). Returns the report and the city the member had before.
    pub async fn add_report(
        &self,
        r: &NewReport,
        now: i64,
    ) -> StoreResult<(StatusReport, Option<String>)> {
        let mut tx = self.pool.begin().await?;
        let (before,): (Option<String>,) = sqlx::query_as("SELECT city FROM members WHERE id = $1")
            .bind(r.member_id)
            .fetch_one(&mut *tx)
            .await?;
        let moved = r.city.is_some() && r.city != before;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO status_reports (member_id, period, mobility, city, moved, work, note, note_voice, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(r.member_id)
        .bind(&r.period)
        .bind(r.mobility.as_str())
        .bind(r.city.as_deref())
        .bind(i64::from(moved))
        .bind(r.work.as_str())
        .bind(r.note.as_deref())
        .bind(r.note_voice.as_deref())
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE members SET mobility = $1, mobility_known = 1, \
             city = CASE WHEN $1 = 'resident' THEN NULL ELSE COALESCE($2, city) END, \
             updated_at = $3 WHERE id = $4",
        )
        .bind(r.mobility.as_str())
        .bind(r.city.as_deref())
        .bind(now)
        .bind(r.member_id)
        .execute(&mut *tx)
        .await?;
        if moved && let Some(city) = &r.city {
            sqlx::query("INSERT INTO city_history (member_id, city, at) VALUES ($1, $2, $3)")
                .bind(r.member_id)
                .bind(city)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        let stored = StatusReport {
            id,
            member_id: r.member_id,
            period: r.period.clone(),
            mobility: r.mobility,
            city: r.city.clone(),
            moved,
            work: r.work,
            note: r.note.clone(),
            note_voice: r.note_voice.clone(),
            at: now,
        };
        Ok((stored, before))
    }

    /// A member's latest reports, newest first.
    pub async fn reports_of(&self, member_id: i64, limit: i64) -> StoreResult<Vec<StatusReport>> {
        let rows: Vec<ReportTuple> = sqlx::query_as(sql!(
            "SELECT {REPORT_COLUMNS} FROM status_reports WHERE member_id = $1 ORDER BY at DESC, id DESC LIMIT $2"
        ))
        .bind(member_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(report).collect()
    }

    /// Every active member of the units within `path`, with their report of `period` and
    /// when they were last seen, by name.
    pub async fn report_roll(&self, path: &str, period: &str) -> StoreResult<Vec<RollEntry>> {
        Ok(sqlx::query_as(
            "SELECT m.id AS member_id, m.name, m.telegram_id, m.mobility, m.city, \
             (SELECT MAX(r.at) FROM status_reports r WHERE r.member_id = m.id AND r.period = $2) AS reported_at, \
             u.last_seen_at AS last_seen, m.silent_nudged_at \
             FROM members m JOIN orgs o ON o.id = m.org_id \
             LEFT JOIN users u ON u.telegram_id = m.telegram_id \
             WHERE o.path LIKE $1 AND m.status = 'active' ORDER BY m.name, m.id",
        )
        .bind(format!("{path}%"))
        .bind(period)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Claims the daily "are you well?" reminder of a member: false when one went out in the
    /// last day.
    pub async fn claim_silent_nudge(&self, member_id: i64, now: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE members SET silent_nudged_at = $1 WHERE id = $2 \
             AND (silent_nudged_at IS NULL OR silent_nudged_at <= $3)",
        )
        .bind(now)
        .bind(member_id)
        .bind(now - 86_400_000)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }
}
