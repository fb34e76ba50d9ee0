//! Weekly participation figures per branch, for `/stats` and the weekly digest.
//!
//! Each figure is a share: what happened (`num`) out of what could have (`den`), counted per
//! branch and per week, so that a unit's figure is the sum over its branches — branch averages,
//! never one person against another.

use super::{Store, StoreResult};

/// Milliseconds in a week.
pub const WEEK: i64 = 7 * 86_400_000;
/// A status report counts for this long.
const REPORT_WINDOW: i64 = 30 * 86_400_000;

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metric {
    /// Notices acknowledged (收到 ✓) out of members who got them.
    Acknowledged,
    /// Lessons finished (学完了) out of members who got them.
    Studied,
    /// Quiz answers right out of answers.
    QuizScore,
    /// Present or late out of expected (leave and, for on-site sessions, members working away
    /// not counted).
    Attendance,
    /// Members working away with a status report in the 30 days to the week's end.
    Reported,
    /// Feedback tickets answered in time out of those answered or due.
    AnsweredInTime,
}

impl Metric {
    /// Every metric, in the order shown.
    pub const ALL: [Metric; 6] = [
        Metric::Acknowledged,
        Metric::Studied,
        Metric::QuizScore,
        Metric::Attendance,
        Metric::Reported,
        Metric::AnsweredInTime,
    ];

    /// Its position in [`Metric::ALL`].
    pub fn index(self) -> usize {
        Metric::ALL.iter().position(|m| *m == self).unwrap_or(0)
    }
}

/// A share: `num` out of `den`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ratio {
    /// What happened.
    pub num: i64,
    /// Out of.
    pub den: i64,
}

impl Ratio {
    /// The share in percent, none when nothing could have happened.
    pub fn percent(self) -> Option<f64> {
        (self.den > 0).then(|| 100.0 * self.num as f64 / self.den as f64)
    }

    /// Adds another share's counts.
    pub fn add(&mut self, other: Ratio) {
        self.num += other.num;
        self.den += other.den;
    }
}

/// One branch's figure for one week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekFigure {
    /// The branch.
    pub org_id: i64,
    /// Week number from the start, 0-based.
    pub week: usize,
    /// What.
    pub metric: Metric,
    /// The counts.
    pub ratio: Ratio,
}

/// Whom a notice reached (see `reader_then!`), and whom a session expected.
const READER: &str = reader_then!();
const MEMBER: &str = member_then!();

impl Store {
    /// Every branch's weekly figures within the units whose path starts with `scope`, for
    /// `weeks` weeks from `start` (ms), as of `now`.
    pub async fn weekly_figures(
        &self,
        scope: &str,
        start: i64,
        weeks: usize,
        now: i64,
    ) -> StoreResult<Vec<WeekFigure>> {
        let end = (start + weeks as i64 * WEEK).min(now + 1);
        let like = format!("{scope}%");
        let mut out = Vec::new();
        let mut push = |rows: Vec<(i64, i64, i64, Option<i64>)>, metric: Metric| {
            for (org_id, week, den, num) in rows {
                if (0..weeks as i64).contains(&week) && den > 0 {
                    out.push(WeekFigure {
                        org_id,
                        week: week as usize,
                        metric,
                        ratio: Ratio {
                            num: num.unwrap_or(0),
                            den,
                        },
                    });
                }
            }
        };
        // Notices and lessons: members who had joined Lianxin when it went out, and their 收到 /
        // 学完了.
        for (purpose, metric) in [
            ("notice", Metric::Acknowledged),
            ("lesson", Metric::Studied),
        ] {
            let rows = sqlx::query_as(sql!(
                "SELECT m.org_id, (n.started_at - $1) / $2 AS wk, COUNT(*), COUNT(a.member_id) \
                 FROM notices n JOIN orgs no ON no.id = n.org_id \
                 JOIN members m ON {READER} \
                 JOIN orgs o ON o.id = m.org_id \
                 LEFT JOIN notice_acks a ON a.notice_id = n.id AND a.member_id = m.id \
                 WHERE n.purpose = $3 AND n.status IN ('sending', 'sent') \
                   AND n.started_at >= $1 AND n.started_at < $4 \
                   AND o.path LIKE $5 AND o.path LIKE no.path || '%' \
                 GROUP BY m.org_id, wk"
            ))
            .bind(start)
            .bind(WEEK)
            .bind(purpose)
            .bind(end)
            .bind(&like)
            .fetch_all(&self.pool)
            .await?;
            push(rows, metric);
        }
        let quiz = sqlx::query_as(
            "SELECT m.org_id, (q.at - $1) / $2 AS wk, COUNT(*), CAST(SUM(q.correct) AS BIGINT) \
             FROM quiz_answers q JOIN members m ON m.id = q.member_id \
             JOIN orgs o ON o.id = m.org_id \
             WHERE q.at >= $1 AND q.at < $3 AND o.path LIKE $4 \
             GROUP BY m.org_id, wk",
        )
        .bind(start)
        .bind(WEEK)
        .bind(end)
        .bind(&like)
        .fetch_all(&self.pool)
        .await?;
        push(quiz, Metric::QuizScore);
        // Closed sessions: everyone in the audience is expected except those on leave and, at an
        // on-site session, members working away (they are counted apart, never absent).
        let attendance = sqlx::query_as(sql!(
            "SELECT m.org_id, (s.starts_at - $1) / $2 AS wk, \
               CAST(COUNT(*) - SUM(CASE WHEN t.status = 'leave' THEN 1 ELSE 0 END) AS BIGINT), \
               CAST(SUM(CASE WHEN t.status IN ('present', 'late') THEN 1 ELSE 0 END) AS BIGINT) \
             FROM sessions s JOIN notices n ON n.id = s.notice_id \
             JOIN orgs no ON no.id = n.org_id \
             JOIN members m ON m.created_at <= n.started_at AND {MEMBER} \
               AND (s.online = 1 OR m.mobility <> 'mobile') \
             JOIN orgs o ON o.id = m.org_id \
             LEFT JOIN attendance t ON t.notice_id = n.id AND t.member_id = m.id \
             WHERE s.closed_at IS NOT NULL AND n.status IN ('sending', 'sent') \
               AND s.starts_at >= $1 AND s.starts_at < $3 \
               AND o.path LIKE $4 AND o.path LIKE no.path || '%' \
             GROUP BY m.org_id, wk"
        ))
        .bind(start)
        .bind(WEEK)
        .bind(end)
        .bind(&like)
        .fetch_all(&self.pool)
        .await?;
        push(attendance, Metric::Attendance);
        for week in 0..weeks {
            let week_end = (start + (week as i64 + 1) * WEEK).min(now);
            if week_end < start + week as i64 * WEEK {
                break;
            }
            let rows: Vec<(i64, i64, Option<i64>)> = sqlx::query_as(
                "SELECT m.org_id, COUNT(*), CAST(SUM(CASE WHEN EXISTS (SELECT 1 FROM status_reports r \
                   WHERE r.member_id = m.id AND r.at > $1 AND r.at <= $2) THEN 1 ELSE 0 END) AS BIGINT) \
                 FROM members m JOIN orgs o ON o.id = m.org_id \
                 WHERE m.mobility = 'mobile' AND m.created_at <= $2 \
                   AND (m.status = 'active' OR (m.status IN ('left', 'erased') AND m.updated_at > $2)) \
                   AND o.path LIKE $3 \
                 GROUP BY m.org_id",
            )
            .bind(week_end - REPORT_WINDOW)
            .bind(week_end)
            .bind(&like)
            .fetch_all(&self.pool)
            .await?;
            push(
                rows.into_iter()
                    .map(|(org, den, num)| (org, week as i64, den, num))
                    .collect(),
                Metric::Reported,
            );
        }
        // Tickets raised in the week: answered in time out of those answered or already due.
        let tickets = sqlx::query_as(
            "SELECT t.org_id, (t.created_at - $1) / $2 AS wk, \
               CAST(SUM(CASE WHEN t.first_answer_at IS NOT NULL OR t.due_at <= $3 THEN 1 ELSE 0 END) AS BIGINT), \
               CAST(SUM(CASE WHEN t.first_answer_at IS NOT NULL AND t.first_answer_at <= t.due_at THEN 1 ELSE 0 END) AS BIGINT) \
             FROM tickets t JOIN orgs o ON o.id = t.org_id \
             WHERE t.created_at >= $1 AND t.created_at < $4 AND o.path LIKE $5 \
             GROUP BY t.org_id, wk",
        )
        .bind(start)
        .bind(WEEK)
        .bind(now)
        .bind(end)
        .bind(&like)
        .fetch_all(&self.pool)
        .await?;
        let tickets: Vec<(i64, i64, Option<i64>, Option<i64>)> = tickets;
        push(
            tickets
                .into_iter()
                .map(|(org, wk, den, num)| (org, wk, den.unwrap_or(0), num))
                .collect(),
            Metric::AnsweredInTime,
        );
        Ok(out)
    }
}
