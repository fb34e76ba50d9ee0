//! Lessons (微讲习): attachments, quiz questions and answers, and who finished what.

use super::notices::{NOTICE_COLUMNS, NoticeRow, mobility_filter};
use super::{Notice, Store, StoreResult, parse_col};
use crate::domain::{Audience, NoticeKind, OrgUnit};

/// An attachment of a lesson, sent after its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonItem {
    /// Photo, document, voice, audio or video.
    pub kind: NoticeKind,
    /// Caption.
    pub body: String,
    /// Telegram file id.
    pub file_ref: String,
}

/// A quiz question: one correct option, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// Position in the quiz, from 0.
    pub seq: i64,
    /// The question.
    pub question: String,
    /// 2–6 options.
    pub options: Vec<String>,
    /// Index of the correct option.
    pub correct: usize,
    /// Shown after the answer.
    pub explanation: String,
}

/// One branch's figures for a lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BranchStudy {
    /// The branch (unit) id.
    pub org_id: i64,
    /// Its name.
    pub name: String,
    /// Members the lesson was for.
    pub readers: i64,
    /// Of them, those who pressed 「学完了」.
    pub done: i64,
    /// Quiz answers given, and how many were right.
    pub answered: i64,
    /// Correct answers.
    pub correct: i64,
}

impl Store {
    /// Adds an attachment at the end of a lesson; returns how many it has now.
    pub async fn add_lesson_item(&self, notice_id: i64, item: &LessonItem) -> StoreResult<i64> {
        sqlx::query(
            "INSERT INTO lesson_items (notice_id, seq, kind, body, file_ref) \
             SELECT $1, COALESCE(MAX(seq) + 1, 0), $2, $3, $4 FROM lesson_items WHERE notice_id = $1",
        )
        .bind(notice_id)
        .bind(item.kind.as_str())
        .bind(&item.body)
        .bind(&item.file_ref)
        .execute(&self.pool)
        .await?;
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM lesson_items WHERE notice_id = $1")
            .bind(notice_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(n)
    }

    /// A lesson's attachments in order.
    pub async fn lesson_items(&self, notice_id: i64) -> StoreResult<Vec<LessonItem>> {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT kind, body, file_ref FROM lesson_items WHERE notice_id = $1 ORDER BY seq",
        )
        .bind(notice_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(kind, body, file_ref)| {
                Ok(LessonItem {
                    kind: parse_col(&kind)?,
                    body,
                    file_ref,
                })
            })
            .collect()
    }

    /// Appends a paragraph to a draft's text.
    pub async fn append_notice_text(&self, notice_id: i64, text: &str) -> StoreResult<()> {
        sqlx::query(
            "UPDATE notices SET body = CASE WHEN body = '' THEN $1 ELSE body || $2 || $1 END \
             WHERE id = $3 AND status = 'draft'",
        )
        .bind(text)
        .bind("\n\n")
        .bind(notice_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Adds a question at the end of a lesson's quiz; returns how many it has now.
    pub async fn add_question(&self, notice_id: i64, q: &Question) -> StoreResult<i64> {
        sqlx::query(
            "INSERT INTO quiz_questions (notice_id, seq, question, options, correct, explanation) \
             SELECT $1, COALESCE(MAX(seq) + 1, 0), $2, $3, $4, $5 FROM quiz_questions WHERE notice_id = $1",
        )
        .bind(notice_id)
        .bind(&q.question)
        .bind(serde_json::to_string(&q.options).unwrap_or_default())
        .bind(q.correct as i64)
        .bind(&q.explanation)
        .execute(&self.pool)
        .await?;
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM quiz_questions WHERE notice_id = $1")
                .bind(notice_id)
                .fetch_one(&self.pool)
                .await?;
        Ok(n)
    }

    /// A lesson's quiz in order.
    pub async fn questions(&self, notice_id: i64) -> StoreResult<Vec<Question>> {
        let rows: Vec<(i64, String, String, i64, String)> = sqlx::query_as(
            "SELECT seq, question, options, correct, explanation FROM quiz_questions \
             WHERE notice_id = $1 ORDER BY seq",
        )
        .bind(notice_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(seq, question, options, correct, explanation)| Question {
                seq,
                question,
                options: serde_json::from_str(&options).unwrap_or_default(),
                correct: correct as usize,
                explanation,
            })
            .collect())
    }

    /// Records a member's answer; false when they had already answered that question.
    pub async fn answer_question(
        &self,
        notice_id: i64,
        member_id: i64,
        (seq, choice, correct): (i64, i64, bool),
        now: i64,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO quiz_answers (notice_id, member_id, seq, choice, correct, at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (notice_id, member_id, seq) DO NOTHING",
        )
        .bind(notice_id)
        .bind(member_id)
        .bind(seq)
        .bind(choice)
        .bind(i64::from(correct))
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// A member's answers to a lesson's quiz: (question, right or not), in order.
    pub async fn member_answers(
        &self,
        notice_id: i64,
        member_id: i64,
    ) -> StoreResult<Vec<(i64, bool)>> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT seq, correct FROM quiz_answers WHERE notice_id = $1 AND member_id = $2 ORDER BY seq",
        )
        .bind(notice_id)
        .bind(member_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(s, c)| (s, c != 0)).collect())
    }

    /// Correct answers and answers given to a lesson's quiz by members of units within `path`.
    pub async fn quiz_rate(&self, notice_id: i64, path: &str) -> StoreResult<(i64, i64)> {
        let (correct, total): (Option<i64>, i64) = sqlx::query_as(
            "SELECT CAST(SUM(q.correct) AS BIGINT), COUNT(*) FROM quiz_answers q JOIN members m ON m.id = q.member_id \
             JOIN orgs o ON o.id = m.org_id WHERE q.notice_id = $1 AND o.path LIKE $2",
        )
        .bind(notice_id)
        .bind(format!("{path}%"))
        .fetch_one(&self.pool)
        .await?;
        Ok((correct.unwrap_or(0), total))
    }

    /// A lesson's figures per unit that has members under `within`: readers, done, answers.
    pub async fn lesson_by_branch(
        &self,
        lesson: &Notice,
        within: &OrgUnit,
    ) -> StoreResult<Vec<BranchStudy>> {
        let filter = mobility_filter(lesson.audience.unwrap_or(Audience::All));
        let rows: Vec<(i64, String, i64, i64, i64, Option<i64>)> = sqlx::query_as(sql!(
            "SELECT o.id, o.name, COUNT(*), COUNT(a.member_id), \
               (SELECT COUNT(*) FROM quiz_answers q JOIN members qm ON qm.id = q.member_id \
                WHERE q.notice_id = $1 AND qm.org_id = o.id), \
               (SELECT CAST(SUM(q.correct) AS BIGINT) FROM quiz_answers q JOIN members qm ON qm.id = q.member_id \
                WHERE q.notice_id = $1 AND qm.org_id = o.id) \
             FROM members m JOIN orgs o ON o.id = m.org_id \
             LEFT JOIN notice_acks a ON a.notice_id = $1 AND a.member_id = m.id \
             WHERE o.path LIKE $2 AND o.path LIKE $3 AND m.status = 'active' {filter} \
             GROUP BY o.id, o.name, o.path ORDER BY o.path"
        ))
        .bind(lesson.id)
        .bind(format!("{}%", within.path))
        .bind(format!("{}%", self.org(lesson.org_id).await?.path))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(org_id, name, readers, done, answered, correct)| BranchStudy {
                    org_id,
                    name,
                    readers,
                    done,
                    answered,
                    correct: correct.unwrap_or(0),
                },
            )
            .collect())
    }

    /// Lessons sent since `since` to a member of `unit` with this mobility (`mobile` or
    /// not), newest first.
    pub async fn lessons_for(
        &self,
        unit: &OrgUnit,
        mobile: bool,
        since: i64,
    ) -> StoreResult<Vec<Notice>> {
        let rows: Vec<NoticeRow> = sqlx::query_as(sql!(
            "SELECT {} FROM notices n JOIN orgs o ON o.id = n.org_id \
             WHERE n.purpose = 'lesson' AND n.status IN ('sending', 'sent') AND n.started_at >= $1 \
             AND $2 LIKE o.path || '%' AND (n.audience IN ('all', 'group') OR n.audience = $3) \
             ORDER BY n.started_at DESC LIMIT 20",
            prefixed("n")
        ))
        .bind(since)
        .bind(&unit.path)
        .bind(if mobile { "mobile" } else { "resident" })
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(Notice::try_from).collect()
    }

    /// The latest lessons of `unit` and the units above it (those that reach its members),
    /// newest first.
    pub async fn lessons_reaching(&self, unit: &OrgUnit, limit: i64) -> StoreResult<Vec<Notice>> {
        let rows: Vec<NoticeRow> = sqlx::query_as(sql!(
            "SELECT {} FROM notices n JOIN orgs o ON o.id = n.org_id \
             WHERE n.purpose = 'lesson' AND n.status IN ('sending', 'sent') \
             AND $1 LIKE o.path || '%' ORDER BY n.id DESC LIMIT $2",
            prefixed("n")
        ))
        .bind(&unit.path)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(Notice::try_from).collect()
    }

    /// The latest notices of one purpose of units within `path`, newest first.
    pub async fn recent_of(
        &self,
        path: &str,
        purpose: crate::domain::Purpose,
        limit: i64,
    ) -> StoreResult<Vec<Notice>> {
        let rows: Vec<NoticeRow> = sqlx::query_as(sql!(
            "SELECT {} FROM notices n WHERE n.purpose = $1 AND n.status IN ('sending', 'sent') \
             AND n.org_id IN (SELECT id FROM orgs WHERE path LIKE $2) ORDER BY n.id DESC LIMIT $3",
            prefixed("n")
        ))
        .bind(purpose.as_str())
        .bind(format!("{path}%"))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(Notice::try_from).collect()
    }

    /// Whether a member pressed 「学完了」 (or 「收到 ✓」) on a notice.
    pub async fn has_acked(&self, notice_id: i64, member_id: i64) -> StoreResult<bool> {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT 1 FROM notice_acks WHERE notice_id = $1 AND member_id = $2")
                .bind(notice_id)
                .bind(member_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.is_some())
    }
}

/// The notice columns with a table alias.
pub(super) fn prefixed(alias: &str) -> String {
    NOTICE_COLUMNS
        .split(", ")
        .map(|c| format!("{alias}.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}
