//! Study sessions: time and place, timed steps done once, and attendance.

use super::lessons::prefixed;
use super::notices::NoticeRow;
use super::{Notice, Store, StoreResult, parse_col};
use crate::domain::SessionKind;

/// A study session (its invitation is the notice with the same id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The invitation's notice id.
    pub id: i64,
    /// 主题党日, 党课…
    pub kind: SessionKind,
    /// Start (ms); none while being written.
    pub starts_at: Option<i64>,
    /// The site, unless online.
    pub place: Option<String>,
    /// Held online.
    pub online: bool,
    /// The lesson studied at it (sent as make-up to absentees).
    pub lesson_id: Option<i64>,
    /// When the summary went to the secretary.
    pub closed_at: Option<i64>,
}

/// One member's answer or check-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendance {
    /// The member.
    pub member_id: i64,
    /// going | leave | present | late | absent.
    pub status: String,
    /// A leave's reason.
    pub reason: Option<String>,
    /// private | group | proxy.
    pub via: String,
    /// When pressed or marked.
    pub at: i64,
}

type SessionTuple = (
    i64,
    String,
    Option<i64>,
    Option<String>,
    i64,
    Option<i64>,
    Option<i64>,
);

fn session(r: SessionTuple) -> StoreResult<Session> {
    Ok(Session {
        id: r.0,
        kind: parse_col(&r.1)?,
        starts_at: r.2,
        place: r.3,
        online: r.4 != 0,
        lesson_id: r.5,
        closed_at: r.6,
    })
}

const SESSION_COLUMNS: &str = "notice_id, kind, starts_at, place, online, lesson_id, closed_at";

impl Store {
    /// Starts a session for a draft invitation.
    pub async fn create_session(&self, notice_id: i64, kind: SessionKind) -> StoreResult<()> {
        sqlx::query("INSERT INTO sessions (notice_id, kind) VALUES ($1, $2)")
            .bind(notice_id)
            .bind(kind.as_str())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A session by its invitation's number.
    pub async fn session(&self, id: i64) -> StoreResult<Option<Session>> {
        let row: Option<SessionTuple> = sqlx::query_as(sql!(
            "SELECT {SESSION_COLUMNS} FROM sessions WHERE notice_id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(session).transpose()
    }

    /// Sets when a session starts.
    pub async fn set_session_time(&self, id: i64, at: i64) -> StoreResult<()> {
        sqlx::query("UPDATE sessions SET starts_at = $1 WHERE notice_id = $2")
            .bind(at)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Sets where a session is held (`None`: online).
    pub async fn set_session_place(&self, id: i64, place: Option<&str>) -> StoreResult<()> {
        sqlx::query("UPDATE sessions SET place = $1, online = $2 WHERE notice_id = $3")
            .bind(place)
            .bind(i64::from(place.is_none()))
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Sets the lesson studied at a session.
    pub async fn set_session_lesson(&self, id: i64, lesson: Option<i64>) -> StoreResult<()> {
        sqlx::query("UPDATE sessions SET lesson_id = $1 WHERE notice_id = $2")
            .bind(lesson)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Sessions whose invitation went out and whose summary has not: the ones the ticker
    /// watches.
    pub async fn open_sessions(&self) -> StoreResult<Vec<(Session, Notice)>> {
        self.sessions_where(
            "s.closed_at IS NULL AND s.starts_at IS NOT NULL ORDER BY s.starts_at",
            None,
        )
        .await
    }

    /// Sessions of units within `path` that started between `from` and `to`, newest first.
    pub async fn sessions_between(
        &self,
        path: &str,
        from: i64,
        to: i64,
    ) -> StoreResult<Vec<(Session, Notice)>> {
        self.sessions_where(
            "s.starts_at BETWEEN $1 AND $2 AND n.org_id IN (SELECT id FROM orgs WHERE path LIKE $3) \
             ORDER BY s.starts_at DESC LIMIT 10",
            Some((from, to, format!("{path}%"))),
        )
        .await
    }

    /// Sent sessions matching `filter` (on `s` and `n`) with their invitations, in two reads.
    async fn sessions_where(
        &self,
        filter: &str,
        args: Option<(i64, i64, String)>,
    ) -> StoreResult<Vec<(Session, Notice)>> {
        let from = "FROM notices n JOIN sessions s ON s.notice_id = n.id \
                    WHERE n.status IN ('sending', 'sent') AND";
        let columns = SESSION_COLUMNS
            .split(", ")
            .map(|c| format!("s.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut notices =
            sqlx::query_as::<_, NoticeRow>(sql!("SELECT {} {from} {filter}", prefixed("n")));
        let mut sessions =
            sqlx::query_as::<_, SessionTuple>(sql!("SELECT {columns} {from} {filter}"));
        if let Some((a, b, c)) = &args {
            notices = notices.bind(*a).bind(*b).bind(c.clone());
            sessions = sessions.bind(*a).bind(*b).bind(c.clone());
        }
        let mut by_id: std::collections::HashMap<i64, Session> = sessions
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(|r| session(r).map(|s| (s.id, s)))
            .collect::<StoreResult<_>>()?;
        let mut out = Vec::new();
        for row in notices.fetch_all(&self.pool).await? {
            let notice = Notice::try_from(row)?;
            if let Some(s) = by_id.remove(&notice.id) {
                out.push((s, notice));
            }
        }
        Ok(out)
    }

    /// Claims a timed step of a session (one process does it, once); false when done already.
    pub async fn claim_session_step(&self, id: i64, step: &str, now: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO session_steps (notice_id, step, at) VALUES ($1, $2, $3) \
             ON CONFLICT (notice_id, step) DO NOTHING",
        )
        .bind(id)
        .bind(step)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Marks a session closed; false when it already was.
    pub async fn close_session(&self, id: i64, now: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE sessions SET closed_at = $1 WHERE notice_id = $2 AND closed_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// 「参加」 or 「请假」: recorded unless the member has already checked in or been marked.
    /// False when nothing changed.
    pub async fn answer_invitation(
        &self,
        id: i64,
        member_id: i64,
        leave: Option<&str>,
        now: i64,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO attendance (notice_id, member_id, status, reason, via, at) \
             VALUES ($1, $2, $3, $4, 'private', $5) \
             ON CONFLICT (notice_id, member_id) DO UPDATE SET status = excluded.status, \
             reason = excluded.reason, at = excluded.at \
             WHERE attendance.status IN ('going', 'leave') \
             AND (attendance.status <> excluded.status OR excluded.status = 'leave')",
        )
        .bind(id)
        .bind(member_id)
        .bind(if leave.is_some() { "leave" } else { "going" })
        .bind(leave)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// 「签到」: `late` or `present` at `at`, unless already checked in. False when the member
    /// had checked in before.
    pub async fn check_in(
        &self,
        id: i64,
        member_id: i64,
        late: bool,
        via: &str,
        at: i64,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO attendance (notice_id, member_id, status, via, at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (notice_id, member_id) DO UPDATE SET status = excluded.status, \
             via = excluded.via, at = excluded.at, reason = NULL \
             WHERE attendance.status NOT IN ('present', 'late')",
        )
        .bind(id)
        .bind(member_id)
        .bind(if late { "late" } else { "present" })
        .bind(via)
        .bind(at)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// A secretary's mark for a member (present, leave or absent); replaces what was there.
    pub async fn mark_attendance(
        &self,
        id: i64,
        member_id: i64,
        status: &str,
        by: i64,
        now: i64,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO attendance (notice_id, member_id, status, via, marked_by, at) \
             VALUES ($1, $2, $3, 'proxy', $4, $5) \
             ON CONFLICT (notice_id, member_id) DO UPDATE SET status = excluded.status, \
             via = 'proxy', marked_by = excluded.marked_by, at = excluded.at, reason = NULL",
        )
        .bind(id)
        .bind(member_id)
        .bind(status)
        .bind(by)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Every answer and check-in of a session.
    pub async fn attendance(&self, id: i64) -> StoreResult<Vec<Attendance>> {
        let rows: Vec<(i64, String, Option<String>, String, i64)> = sqlx::query_as(
            "SELECT member_id, status, reason, via, at FROM attendance WHERE notice_id = $1 ORDER BY at",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(member_id, status, reason, via, at)| Attendance {
                member_id,
                status,
                reason,
                via,
                at,
            })
            .collect())
    }
}
