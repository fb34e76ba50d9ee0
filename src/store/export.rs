//! The export's queries: one streamed query per sheet, and the counts made before them.
//!
//! Every per-member query is read row by row with `fetch`, never collected, so an export of a
//! county's whole roster holds one row in memory at a time.

use futures_util::stream::{BoxStream, StreamExt, TryStreamExt};

use super::{Store, StoreError, StoreResult};

/// What an export covers: a unit and everything below it, and the events of a time range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportScope {
    /// The unit's materialised path (`/1/4/9/`).
    pub path: String,
    /// Events at or after this time (ms).
    pub from: i64,
    /// Events before this time (ms).
    pub to: i64,
}

impl ExportScope {
    fn within(&self) -> String {
        format!("{}%", self.path)
    }
}

/// A member of the roster, with their points of the range.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ExportMember {
    /// The member's unit.
    pub branch: String,
    /// Name.
    pub name: String,
    /// Phone, if stored.
    pub phone: Option<String>,
    /// Stored status (`active`, `pending`, `left`, `erased` …).
    pub status: String,
    /// `resident`, `mobile` or `lost`.
    pub mobility: String,
    /// Current city.
    pub city: Option<String>,
    /// Skills, free text.
    pub skills: Option<String>,
    /// 1 when a Telegram account is linked.
    pub on_telegram: i64,
    /// When the member joined Lianxin.
    pub joined_at: Option<i64>,
    /// Sum of the ledger within the range.
    pub points: Option<i64>,
}

/// A notice that reached the scope, with its receipts there.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ExportNotice {
    /// When it started going out.
    pub started_at: Option<i64>,
    /// The unit that sent it.
    pub sender: String,
    /// notice | lesson | session | poll | report.
    pub purpose: String,
    /// A lesson's or session's title.
    pub title: Option<String>,
    /// The text or caption.
    pub body: String,
    /// all | mobile | resident | group.
    pub audience: Option<String>,
    /// Active members of the scope within its audience.
    pub expected: i64,
    /// Of the scope's members, those who confirmed.
    pub acked: i64,
}

/// One 「收到 ✓」 (or 「学完了」) press.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ExportAck {
    /// When the notice went out.
    pub started_at: Option<i64>,
    /// Its title, if any.
    pub title: Option<String>,
    /// Its text.
    pub body: String,
    /// The member's unit.
    pub branch: String,
    /// The member.
    pub name: String,
    /// When they confirmed.
    pub at: i64,
}

/// A member's study of one lesson.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ExportStudy {
    /// The lesson's title.
    pub title: Option<String>,
    /// Its text.
    pub body: String,
    /// The member's unit.
    pub branch: String,
    /// The member.
    pub name: String,
    /// When they pressed 「学完了」.
    pub done_at: Option<i64>,
    /// Quiz questions answered.
    pub answered: i64,
    /// Of them, correct.
    pub correct: i64,
}

/// A member's attendance of a session.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ExportAttendance {
    /// The session's title.
    pub title: Option<String>,
    /// Its kind (`theme_day` …).
    pub kind: String,
    /// When it starts.
    pub starts_at: Option<i64>,
    /// Where.
    pub place: Option<String>,
    /// 1 when online.
    pub online: i64,
    /// The member's unit.
    pub branch: String,
    /// The member.
    pub name: String,
    /// going | leave | present | late | absent.
    pub status: String,
    /// Reason of a leave.
    pub reason: Option<String>,
    /// private | group | proxy.
    pub via: String,
}

/// A status report.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ExportReport {
    /// The month it counts for.
    pub period: String,
    /// The member's unit.
    pub branch: String,
    /// The member.
    pub name: String,
    /// resident | mobile | lost.
    pub mobility: String,
    /// City.
    pub city: Option<String>,
    /// 1 when the city changed with it.
    pub moved: i64,
    /// working | seeking | returned | other.
    pub work: String,
    /// 思想汇报 as text.
    pub note: Option<String>,
    /// 1 when there is a voice note.
    pub voice: i64,
    /// When.
    pub at: i64,
}

/// A feedback ticket.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ExportTicket {
    /// Number.
    pub id: i64,
    /// The branch answering it.
    pub branch: String,
    /// The member (hide it when `anonymous`).
    pub name: String,
    /// 1 when the member's name is hidden.
    pub anonymous: i64,
    /// need | suggestion | question | heart.
    pub kind: String,
    /// received | in_progress | answered | resolved.
    pub status: String,
    /// Raised.
    pub created_at: i64,
    /// The first answer is due.
    pub due_at: i64,
    /// First answered.
    pub first_answer_at: Option<i64>,
    /// Resolved.
    pub resolved_at: Option<i64>,
}

/// A points ledger entry.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ExportPoints {
    /// When.
    pub at: i64,
    /// The member's unit.
    pub branch: String,
    /// The member.
    pub name: String,
    /// The rule key, or `manual`.
    pub rule: String,
    /// Points (negative for a deduction).
    pub points: i64,
    /// The event it is for.
    pub source: String,
    /// Why (manual entries).
    pub reason: Option<String>,
}

// Each sheet's FROM … WHERE, shared by its count and its rows. $1 is the scope's path
// pattern, $2 and $3 the range; the notices add $4, the unit's own path.

const MEMBERS_FROM: &str = "FROM members m JOIN orgs o ON o.id = m.org_id WHERE o.path LIKE $1";

/// Notices of the unit, below it, or above it (those reach its members).
const NOTICES_FROM: &str = "FROM notices n JOIN orgs so ON so.id = n.org_id \
     WHERE n.status IN ('sending', 'sent') AND n.started_at >= $2 AND n.started_at < $3 \
     AND (so.path LIKE $1 OR $4 LIKE so.path || '%')";

const ACKS_FROM: &str = "FROM notice_acks a JOIN notices n ON n.id = a.notice_id \
     JOIN members m ON m.id = a.member_id JOIN orgs o ON o.id = m.org_id \
     WHERE o.path LIKE $1 AND a.at >= $2 AND a.at < $3";

/// A lesson and a member who finished it or answered its quiz within the range.
const STUDY_FROM: &str = "FROM (SELECT notice_id, member_id FROM notice_acks WHERE at >= $2 AND at < $3 \
       UNION SELECT notice_id, member_id FROM quiz_answers WHERE at >= $2 AND at < $3) p \
     JOIN notices n ON n.id = p.notice_id JOIN members m ON m.id = p.member_id \
     JOIN orgs o ON o.id = m.org_id \
     LEFT JOIN notice_acks a ON a.notice_id = p.notice_id AND a.member_id = p.member_id \
     WHERE n.purpose = 'lesson' AND o.path LIKE $1";

/// Attendance of sessions that start within the range.
const ATTENDANCE_FROM: &str = "FROM attendance t JOIN sessions s ON s.notice_id = t.notice_id \
     JOIN notices n ON n.id = t.notice_id JOIN members m ON m.id = t.member_id \
     JOIN orgs o ON o.id = m.org_id \
     WHERE o.path LIKE $1 AND s.starts_at >= $2 AND s.starts_at < $3";

const REPORTS_FROM: &str = "FROM status_reports r JOIN members m ON m.id = r.member_id \
     JOIN orgs o ON o.id = m.org_id WHERE o.path LIKE $1 AND r.at >= $2 AND r.at < $3";

/// Tickets of the scope's branches raised within the range.
const TICKETS_FROM: &str = "FROM tickets t JOIN orgs o ON o.id = t.org_id \
     JOIN members m ON m.id = t.member_id \
     WHERE o.path LIKE $1 AND t.created_at >= $2 AND t.created_at < $3";

const POINTS_FROM: &str = "FROM points_ledger p JOIN members m ON m.id = p.member_id \
     JOIN orgs o ON o.id = m.org_id WHERE o.path LIKE $1 AND p.at >= $2 AND p.at < $3";

/// The rows each sheet will have, in sheet order.
const COUNT_FROMS: [&str; 8] = [
    MEMBERS_FROM,
    NOTICES_FROM,
    ACKS_FROM,
    STUDY_FROM,
    ATTENDANCE_FROM,
    REPORTS_FROM,
    TICKETS_FROM,
    POINTS_FROM,
];

/// Active members of the scope and of the notice's subtree, within its audience.
/// A ledger entry `p` for raising an anonymous ticket: naming it would name its author.
const ANONYMOUS: &str = "EXISTS (SELECT 1 FROM tickets t WHERE t.anonymous = 1 \
     AND p.source = 'ticket:' || CAST(t.id AS TEXT))";

const NOTICE_EXPECTED: &str = concat!(
    "SELECT COUNT(*) FROM members m JOIN orgs o ON o.id = m.org_id \
     WHERE o.path LIKE $1 AND o.path LIKE so.path || '%' AND ",
    reader_then!()
);

const NOTICE_ACKED: &str = concat!(
    "SELECT COUNT(*) FROM notice_acks a JOIN members m ON m.id = a.member_id \
     JOIN orgs o ON o.id = m.org_id WHERE a.notice_id = n.id AND o.path LIKE $1 AND ",
    reader_then!()
);

impl Store {
    /// Rows of a query whose `$1` is the scope's path pattern and `$2`, `$3` the range.
    fn ranged<'a, T>(
        &'a self,
        query: sqlx::AssertSqlSafe<String>,
        scope: &ExportScope,
    ) -> BoxStream<'a, StoreResult<T>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin + 'a,
    {
        sqlx::query_as(query)
            .bind(scope.within())
            .bind(scope.from)
            .bind(scope.to)
            .fetch(&self.pool)
            .map_err(StoreError::from)
            .boxed()
    }

    /// How many rows each sheet of the export will have, in sheet order (members, notices,
    /// receipts, studies, attendance, reports, tickets, points).
    pub async fn export_counts(&self, scope: &ExportScope) -> StoreResult<[u64; 8]> {
        let mut counts = [0u64; 8];
        for (i, from) in COUNT_FROMS.iter().enumerate() {
            let mut q =
                sqlx::query_as::<_, (i64,)>(sql!("SELECT COUNT(*) {from}")).bind(scope.within());
            // The members sheet has every member; its range applies only to the points.
            if i != 0 {
                q = q.bind(scope.from).bind(scope.to);
            }
            if i == 1 {
                q = q.bind(scope.path.clone());
            }
            let (n,) = q.fetch_one(&self.pool).await?;
            counts[i] = n.max(0) as u64;
        }
        Ok(counts)
    }

    /// Every member of the scope, whatever their status, by unit and roster order.
    pub fn export_members<'a>(
        &'a self,
        scope: &ExportScope,
    ) -> BoxStream<'a, StoreResult<ExportMember>> {
        self.ranged(
            sql!(
                "SELECT o.name AS branch, m.name, m.phone, m.status, m.mobility, m.city, m.skills, \
                 CAST(CASE WHEN m.telegram_id IS NULL THEN 0 ELSE 1 END AS BIGINT) AS on_telegram, \
                 m.joined_at, \
                 (SELECT CAST(SUM(p.points) AS BIGINT) FROM points_ledger p \
                 WHERE p.member_id = m.id AND p.at >= $2 AND p.at < $3) AS points \
                 {MEMBERS_FROM} ORDER BY o.path, m.id"
            ),
            scope,
        )
    }

    /// The notices that reached the scope within the range, with their receipts there.
    pub fn export_notices<'a>(
        &'a self,
        scope: &ExportScope,
    ) -> BoxStream<'a, StoreResult<ExportNotice>> {
        sqlx::query_as(sql!(
            "SELECT n.started_at, so.name AS sender, n.purpose, n.title, n.body, n.audience, \
                 ({NOTICE_EXPECTED}) AS expected, ({NOTICE_ACKED}) AS acked \
                 {NOTICES_FROM} ORDER BY n.started_at, n.id"
        ))
        .bind(scope.within())
        .bind(scope.from)
        .bind(scope.to)
        .bind(scope.path.clone())
        .fetch(&self.pool)
        .map_err(StoreError::from)
        .boxed()
    }

    /// Receipts by members of the scope within the range, in time order.
    pub fn export_acks<'a>(&'a self, scope: &ExportScope) -> BoxStream<'a, StoreResult<ExportAck>> {
        self.ranged(
            sql!(
                "SELECT n.started_at, n.title, n.body, o.name AS branch, m.name, a.at \
                 {ACKS_FROM} ORDER BY a.at, a.notice_id, a.member_id"
            ),
            scope,
        )
    }

    /// Each lesson and member of the scope who finished it or answered its quiz in the range.
    pub fn export_studies<'a>(
        &'a self,
        scope: &ExportScope,
    ) -> BoxStream<'a, StoreResult<ExportStudy>> {
        self.ranged(
            sql!(
                "SELECT n.title, n.body, o.name AS branch, m.name, a.at AS done_at, \
                 (SELECT COUNT(*) FROM quiz_answers q WHERE q.notice_id = p.notice_id AND q.member_id = p.member_id) AS answered, \
                 (SELECT COUNT(*) FROM quiz_answers q WHERE q.notice_id = p.notice_id AND q.member_id = p.member_id \
                 AND q.correct = 1) AS correct \
                 {STUDY_FROM} ORDER BY n.started_at, n.id, o.path, m.id"
            ),
            scope,
        )
    }

    /// Attendance of the scope's members at sessions starting within the range.
    pub fn export_attendance<'a>(
        &'a self,
        scope: &ExportScope,
    ) -> BoxStream<'a, StoreResult<ExportAttendance>> {
        self.ranged(
            sql!(
                "SELECT n.title, s.kind, s.starts_at, s.place, CAST(s.online AS BIGINT) AS online, \
                 o.name AS branch, m.name, t.status, t.reason, t.via \
                 {ATTENDANCE_FROM} ORDER BY s.starts_at, t.notice_id, o.path, m.id"
            ),
            scope,
        )
    }

    /// Status reports of the scope's members made within the range.
    pub fn export_reports<'a>(
        &'a self,
        scope: &ExportScope,
    ) -> BoxStream<'a, StoreResult<ExportReport>> {
        self.ranged(
            sql!(
                "SELECT r.period, o.name AS branch, m.name, r.mobility, r.city, \
                 CAST(r.moved AS BIGINT) AS moved, r.work, r.note, \
                 CAST(CASE WHEN r.note_voice IS NULL THEN 0 ELSE 1 END AS BIGINT) AS voice, r.at \
                 {REPORTS_FROM} ORDER BY r.at, r.id"
            ),
            scope,
        )
    }

    /// Tickets of the scope's branches raised within the range.
    pub fn export_tickets<'a>(
        &'a self,
        scope: &ExportScope,
    ) -> BoxStream<'a, StoreResult<ExportTicket>> {
        self.ranged(
            sql!(
                "SELECT t.id, o.name AS branch, m.name, CAST(t.anonymous AS BIGINT) AS anonymous, \
                 t.kind, t.status, t.created_at, t.due_at, t.first_answer_at, t.resolved_at \
                 {TICKETS_FROM} ORDER BY t.id"
            ),
            scope,
        )
    }

    /// Ledger entries of the scope's members within the range, in time order.
    pub fn export_points<'a>(
        &'a self,
        scope: &ExportScope,
    ) -> BoxStream<'a, StoreResult<ExportPoints>> {
        self.ranged(
            sql!(
                "SELECT p.at, o.name AS branch, \
                 CASE WHEN {ANONYMOUS} THEN '匿名' ELSE m.name END AS name, p.rule, \
                 CAST(p.points AS BIGINT) AS points, \
                 CASE WHEN {ANONYMOUS} THEN '' ELSE p.source END AS source, p.reason \
                 {POINTS_FROM} ORDER BY p.at, p.id"
            ),
            scope,
        )
    }
}
