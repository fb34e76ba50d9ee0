//! Notices, who they reach, who pressed 「收到 ✓」, and reminders.

use super::{Store, StoreError, StoreResult, parse_col};
use crate::domain::{Audience, Locale, NoticeKind, NoticeStatus, OrgUnit, Purpose, QuietHours};

/// A notice as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Number.
    pub id: i64,
    /// The unit it goes to, with everything below it.
    pub org_id: i64,
    /// Who wrote it (Telegram id).
    pub author: i64,
    /// What it carries.
    pub kind: NoticeKind,
    /// Text or caption.
    pub body: String,
    /// Telegram's id of the photo, document or voice.
    pub file_ref: Option<String>,
    /// Who it goes to; `None` while drafting.
    pub audience: Option<Audience>,
    /// Goes through quiet hours.
    pub urgent: bool,
    /// Where it is in its life.
    pub status: NoticeStatus,
    /// When a scheduled notice goes.
    pub send_at: Option<i64>,
    /// When sending began.
    pub started_at: Option<i64>,
    /// When every copy had an outcome.
    pub finished_at: Option<i64>,
    /// Copies queued; -1 while they are being queued.
    pub recipients: i64,
    /// Members of the audience without Telegram.
    pub unjoined: i64,
    /// Members of the audience known to have blocked the bot (no copy queued).
    pub unreachable: i64,
    /// The author's message that shows the progress.
    pub confirm: Option<(i64, i64)>,
    /// When the progress was last shown.
    pub progress_at: Option<i64>,
    /// What the progress message last said.
    pub progress_text: Option<String>,
    /// The 「收到 ✓」 button's token.
    pub ack_token: Option<String>,
    /// When the automatic reminder went.
    pub nudged_at: Option<i64>,
    /// When it was written.
    pub created_at: i64,
    /// Notice, lesson or session invitation.
    pub purpose: Purpose,
    /// A lesson's or session's title.
    pub title: Option<String>,
}

#[derive(sqlx::FromRow)]
pub(super) struct NoticeRow {
    id: i64,
    org_id: i64,
    author: i64,
    kind: String,
    body: String,
    file_ref: Option<String>,
    audience: Option<String>,
    urgent: i64,
    status: String,
    send_at: Option<i64>,
    started_at: Option<i64>,
    finished_at: Option<i64>,
    recipients: i64,
    unjoined: i64,
    unreachable: i64,
    confirm_chat: Option<i64>,
    confirm_message: Option<i64>,
    progress_at: Option<i64>,
    progress_text: Option<String>,
    ack_token: Option<String>,
    nudged_at: Option<i64>,
    created_at: i64,
    purpose: String,
    title: Option<String>,
}

impl TryFrom<NoticeRow> for Notice {
    type Error = StoreError;
    fn try_from(r: NoticeRow) -> StoreResult<Notice> {
        Ok(Notice {
            id: r.id,
            org_id: r.org_id,
            author: r.author,
            kind: parse_col(&r.kind)?,
            body: r.body,
            file_ref: r.file_ref,
            audience: r.audience.as_deref().map(parse_col).transpose()?,
            urgent: r.urgent != 0,
            status: parse_col(&r.status)?,
            send_at: r.send_at,
            started_at: r.started_at,
            finished_at: r.finished_at,
            recipients: r.recipients,
            unjoined: r.unjoined,
            unreachable: r.unreachable,
            confirm: r.confirm_chat.zip(r.confirm_message),
            progress_at: r.progress_at,
            progress_text: r.progress_text,
            ack_token: r.ack_token,
            nudged_at: r.nudged_at,
            created_at: r.created_at,
            purpose: parse_col(&r.purpose)?,
            title: r.title,
        })
    }
}

pub(super) const NOTICE_COLUMNS: &str = "id, org_id, author, kind, body, file_ref, audience, urgent, status, send_at, started_at, \
     finished_at, recipients, unjoined, unreachable, confirm_chat, confirm_message, progress_at, progress_text, ack_token, nudged_at, created_at, purpose, title";

/// A member a notice may reach privately.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    /// Member id.
    pub member_id: i64,
    /// Name.
    pub name: String,
    /// Telegram id, once joined.
    pub telegram_id: Option<i64>,
    /// Their language.
    pub locale: Option<Locale>,
    /// False once Telegram said they blocked the bot.
    pub reachable: bool,
    /// Their own quiet hours, if they chose them.
    pub quiet: Option<QuietHours>,
}

#[derive(sqlx::FromRow)]
struct ReaderRow {
    id: i64,
    name: String,
    telegram_id: Option<i64>,
    locale: Option<String>,
    reachable: i64,
    quiet_start: String,
    quiet_end: String,
    quiet_chosen: i64,
}

impl From<ReaderRow> for Reader {
    fn from(r: ReaderRow) -> Reader {
        Reader {
            member_id: r.id,
            name: r.name,
            telegram_id: r.telegram_id,
            locale: r.locale.and_then(|l| l.parse().ok()),
            reachable: r.reachable != 0,
            quiet: (r.quiet_chosen != 0)
                .then(|| QuietHours::from_stored(&r.quiet_start, &r.quiet_end)),
        }
    }
}

/// The members an audience takes in, as a condition on `m`.
pub(super) fn mobility_filter(audience: Audience) -> &'static str {
    match audience {
        Audience::Mobile => "AND m.mobility = 'mobile'",
        Audience::Resident => "AND m.mobility <> 'mobile'",
        Audience::All | Audience::Group => "",
    }
}

const READER_SELECT: &str = "SELECT m.id, m.name, m.telegram_id, u.locale, COALESCE(u.reachable, 1) AS reachable, \
     m.quiet_start, m.quiet_end, m.quiet_chosen \
     FROM members m JOIN orgs o ON o.id = m.org_id LEFT JOIN users u ON u.telegram_id = m.telegram_id";

/// How the copies of a notice are doing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopyCounts {
    /// Delivered.
    pub sent: i64,
    /// Still to go (queued or being sent).
    pub open: i64,
    /// Of the open ones, waiting for the readers' quiet hours to end.
    pub held: i64,
    /// When the first held copy goes.
    pub held_until: Option<i64>,
    /// Blocked the bot or deleted the account.
    pub blocked: i64,
    /// Failed for another reason.
    pub failed: i64,
    /// Telegram's reason for each undelivered copy, with how many.
    pub reasons: Vec<(String, i64)>,
}

impl CopyCounts {
    /// Copies with an outcome.
    pub fn done(&self) -> i64 {
        self.sent + self.blocked + self.failed
    }
}

impl Store {
    /// Saves a new draft; returns its number.
    pub async fn create_notice(
        &self,
        org_id: i64,
        author: i64,
        kind: NoticeKind,
        body: &str,
        file_ref: Option<&str>,
        now: i64,
    ) -> StoreResult<i64> {
        self.create_draft(
            org_id,
            author,
            (Purpose::Notice, None),
            (kind, body, file_ref),
            now,
        )
        .await
    }

    /// Saves a new draft of any purpose (a lesson or session has a title); returns its number.
    pub async fn create_draft(
        &self,
        org_id: i64,
        author: i64,
        (purpose, title): (Purpose, Option<&str>),
        (kind, body, file_ref): (NoticeKind, &str, Option<&str>),
        now: i64,
    ) -> StoreResult<i64> {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO notices (org_id, author, kind, body, file_ref, status, created_at, purpose, title) \
             VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8) RETURNING id",
        )
        .bind(org_id)
        .bind(author)
        .bind(kind.as_str())
        .bind(body)
        .bind(file_ref)
        .bind(now)
        .bind(purpose.as_str())
        .bind(title)
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    /// A notice by number.
    pub async fn notice(&self, id: i64) -> StoreResult<Option<Notice>> {
        let row: Option<NoticeRow> =
            sqlx::query_as(sql!("SELECT {NOTICE_COLUMNS} FROM notices WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(Notice::try_from).transpose()
    }

    /// Sets the audience and urgency of a draft; false when it is no longer a draft.
    pub async fn set_notice_audience(
        &self,
        id: i64,
        audience: Audience,
        urgent: bool,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE notices SET audience = $1, urgent = $2 WHERE id = $3 AND status = 'draft'",
        )
        .bind(audience.as_str())
        .bind(i64::from(urgent))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Takes a draft or a due scheduled notice for sending; false when someone else did, or
    /// it was cancelled. Only one process ever sends a notice.
    pub async fn start_notice(
        &self,
        id: i64,
        confirm: Option<(i64, i64)>,
        now: i64,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE notices SET status = 'sending', started_at = $1, progress_at = $1, recipients = -1, \
             confirm_chat = COALESCE($2, confirm_chat), confirm_message = COALESCE($3, confirm_message) \
             WHERE id = $4 AND status IN ('draft', 'scheduled') AND audience IS NOT NULL",
        )
        .bind(now)
        .bind(confirm.map(|c| c.0))
        .bind(confirm.map(|c| c.1))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Schedules a draft; false when it is no longer a draft.
    pub async fn schedule_notice(
        &self,
        id: i64,
        at: i64,
        confirm: Option<(i64, i64)>,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE notices SET status = 'scheduled', send_at = $1, \
             confirm_chat = COALESCE($2, confirm_chat), confirm_message = COALESCE($3, confirm_message) \
             WHERE id = $4 AND status = 'draft' AND audience IS NOT NULL",
        )
        .bind(at)
        .bind(confirm.map(|c| c.0))
        .bind(confirm.map(|c| c.1))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Cancels a draft or scheduled notice; false when it already went (or was cancelled).
    pub async fn cancel_notice(&self, id: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE notices SET status = 'cancelled' WHERE id = $1 AND status IN ('draft', 'scheduled')",
        )
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Scheduled notices whose time has come.
    pub async fn due_notices(&self, now: i64) -> StoreResult<Vec<i64>> {
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT id FROM notices WHERE status = 'scheduled' AND send_at <= $1 ORDER BY send_at, id",
        )
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Notices being sent.
    pub async fn sending_notices(&self) -> StoreResult<Vec<Notice>> {
        self.notices_where("status = 'sending'", &[]).await
    }

    /// Sent notices whose automatic reminder is due (sent before `before`, not yet reminded).
    pub async fn notices_to_nudge(&self, before: i64) -> StoreResult<Vec<Notice>> {
        self.notices_where(
            "status IN ('sending', 'sent') AND nudged_at IS NULL AND started_at <= $1",
            &[before],
        )
        .await
    }

    /// The latest notices of units within `paths` (drafts left out), newest first.
    pub async fn recent_notices(&self, paths: &[String], limit: i64) -> StoreResult<Vec<Notice>> {
        let mut out: Vec<Notice> = Vec::new();
        for path in paths {
            let rows: Vec<NoticeRow> = sqlx::query_as(sql!(
                "SELECT {} FROM notices n WHERE n.status <> 'draft' \
                 AND n.org_id IN (SELECT id FROM orgs WHERE path LIKE $1) ORDER BY n.id DESC LIMIT $2",
                NOTICE_COLUMNS
                    .split(", ")
                    .map(|c| format!("n.{c}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .bind(format!("{path}%"))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
            for r in rows {
                let n = Notice::try_from(r)?;
                if !out.iter().any(|o| o.id == n.id) {
                    out.push(n);
                }
            }
        }
        out.sort_by_key(|n| std::cmp::Reverse(n.id));
        out.truncate(limit as usize);
        Ok(out)
    }

    async fn notices_where(&self, filter: &str, args: &[i64]) -> StoreResult<Vec<Notice>> {
        let sql = sql!("SELECT {NOTICE_COLUMNS} FROM notices WHERE {filter} ORDER BY id");
        let mut q = sqlx::query_as::<_, NoticeRow>(sql);
        for a in args {
            q = q.bind(*a);
        }
        q.fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(Notice::try_from)
            .collect()
    }

    /// Claims the next progress edit of a notice (one process does it); false when another did.
    pub async fn claim_progress(&self, id: i64, seen: Option<i64>, now: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE notices SET progress_at = $1 WHERE id = $2 AND status = 'sending' \
             AND (progress_at = $3 OR (progress_at IS NULL AND $3 IS NULL))",
        )
        .bind(now)
        .bind(id)
        .bind(seen)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Remembers the progress text shown, to edit only when it changes.
    pub async fn set_progress_text(&self, id: i64, text: &str) -> StoreResult<()> {
        sqlx::query("UPDATE notices SET progress_text = $1 WHERE id = $2")
            .bind(text)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Sets the token of a notice's 「收到 ✓」 button.
    pub async fn set_ack_token(&self, id: i64, token: &str) -> StoreResult<()> {
        sqlx::query("UPDATE notices SET ack_token = $1 WHERE id = $2")
            .bind(token)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Marks a notice as sent: every copy has an outcome.
    pub async fn finish_notice(&self, id: i64, now: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE notices SET status = 'sent', finished_at = $1 WHERE id = $2 AND status = 'sending'",
        )
        .bind(now)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Claims a round of reminders about a notice: false when one started in the last minute.
    pub async fn claim_nudge(&self, id: i64, now: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE notices SET last_nudge_at = $1 WHERE id = $2 \
             AND (last_nudge_at IS NULL OR last_nudge_at < $3)",
        )
        .bind(now)
        .bind(id)
        .bind(now - 60_000)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Claims a notice's automatic reminder; false when it already went.
    pub async fn claim_auto_nudge(&self, id: i64, now: i64) -> StoreResult<bool> {
        let done =
            sqlx::query("UPDATE notices SET nudged_at = $1 WHERE id = $2 AND nudged_at IS NULL")
                .bind(now)
                .bind(id)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Active members of `unit` and the units below it that `audience` takes in (a group
    /// notice is for every member of the branch).
    pub async fn readers(&self, unit: &OrgUnit, audience: Audience) -> StoreResult<Vec<Reader>> {
        let filter = mobility_filter(audience);
        let rows: Vec<ReaderRow> = sqlx::query_as(sql!(
            "{READER_SELECT} WHERE o.path LIKE $1 AND m.status = 'active' {filter} ORDER BY m.id"
        ))
        .bind(format!("{}%", unit.path))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(Reader::from).collect())
    }

    /// How many members `audience` takes in (what [`Store::readers`] would list).
    pub async fn count_readers(&self, unit: &OrgUnit, audience: Audience) -> StoreResult<i64> {
        let filter = mobility_filter(audience);
        let (n,): (i64,) = sqlx::query_as(sql!(
            "SELECT COUNT(*) FROM members m JOIN orgs o ON o.id = m.org_id \
             WHERE o.path LIKE $1 AND m.status = 'active' {filter}"
        ))
        .bind(format!("{}%", unit.path))
        .fetch_one(&self.pool)
        .await?;
        Ok(n)
    }

    /// The members a notice was meant for: those whose copy was queued (and those of the
    /// audience it could not reach), or for a group notice every active member of the
    /// unit's subtree.
    pub async fn notice_readers(&self, notice: &Notice) -> StoreResult<Vec<Reader>> {
        let unit = self.org(notice.org_id).await?;
        match notice.audience {
            Some(Audience::Group) | None => self.readers(&unit, Audience::All).await,
            Some(audience) => {
                let filter = mobility_filter(audience);
                let rows: Vec<ReaderRow> = sqlx::query_as(sql!(
                    "{READER_SELECT} WHERE o.path LIKE $1 AND m.status = 'active' \
                     AND (m.telegram_id IN (SELECT chat_id FROM outbox WHERE notice_id = $2) \
                          OR (m.telegram_id IS NULL OR u.reachable = 0) {filter}) \
                     ORDER BY m.id"
                ))
                .bind(format!("{}%", unit.path))
                .bind(notice.id)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(Reader::from).collect())
            }
        }
    }

    /// Member ids that pressed 「收到 ✓」 for a notice.
    pub async fn acked_members(
        &self,
        notice_id: i64,
    ) -> StoreResult<std::collections::HashSet<i64>> {
        let rows: Vec<(i64,)> =
            sqlx::query_as("SELECT member_id FROM notice_acks WHERE notice_id = $1")
                .bind(notice_id)
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Records a press of 「收到 ✓」; false when this member had already pressed it.
    pub async fn ack_notice(
        &self,
        notice_id: i64,
        member_id: i64,
        chat_id: i64,
        now: i64,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO notice_acks (notice_id, member_id, chat_id, at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (notice_id, member_id) DO NOTHING",
        )
        .bind(notice_id)
        .bind(member_id)
        .bind(chat_id)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Acknowledged and expected counts of a notice in one branch group: members of the
    /// group's unit (and below) who pressed, and how many members it has.
    pub async fn group_ack_counts(&self, notice_id: i64, org: &OrgUnit) -> StoreResult<(i64, i64)> {
        let (acked, total): (i64, i64) = sqlx::query_as(
            "SELECT \
               (SELECT COUNT(*) FROM notice_acks a JOIN members m ON m.id = a.member_id \
                JOIN orgs o ON o.id = m.org_id WHERE a.notice_id = $1 AND o.path LIKE $2), \
               (SELECT COUNT(*) FROM members m JOIN orgs o ON o.id = m.org_id \
                WHERE o.path LIKE $2 AND m.status = 'active')",
        )
        .bind(notice_id)
        .bind(format!("{}%", org.path))
        .fetch_one(&self.pool)
        .await?;
        Ok((acked, total))
    }

    /// How the copies of a notice are doing.
    pub async fn copy_counts(&self, notice_id: i64, now: i64) -> StoreResult<CopyCounts> {
        let rows: Vec<(String, i64, i64, Option<i64>)> = sqlx::query_as(
            "SELECT status, COUNT(*), SUM(CASE WHEN status = 'queued' AND next_attempt_at > $2 AND held = 1 THEN 1 ELSE 0 END), \
             MIN(CASE WHEN held = 1 THEN next_attempt_at END) \
             FROM outbox WHERE notice_id = $1 GROUP BY status",
        )
        .bind(notice_id)
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        let mut c = CopyCounts::default();
        for (status, n, held, until) in rows {
            match status.as_str() {
                "sent" => c.sent += n,
                "blocked" => c.blocked += n,
                "failed" => c.failed += n,
                _ => {
                    c.open += n;
                    c.held += held;
                    c.held_until = match (c.held_until, until) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                }
            }
        }
        if c.blocked + c.failed > 0 {
            c.reasons = sqlx::query_as(
                "SELECT COALESCE(error, ''), COUNT(*) FROM outbox WHERE notice_id = $1 \
                 AND status IN ('blocked', 'failed') GROUP BY error ORDER BY COUNT(*) DESC",
            )
            .bind(notice_id)
            .fetch_all(&self.pool)
            .await?;
        }
        Ok(c)
    }

    /// The delivered copy of a notice in a chat: its Telegram message id.
    pub async fn copy_message(&self, notice_id: i64, chat_id: i64) -> StoreResult<Option<i64>> {
        let row: Option<(Option<i64>,)> = sqlx::query_as(
            "SELECT message_id FROM outbox WHERE notice_id = $1 AND chat_id = $2 AND status = 'sent' \
             ORDER BY id DESC LIMIT 1",
        )
        .bind(notice_id)
        .bind(chat_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.and_then(|r| r.0))
    }

    /// Members reminded about a notice since `since`.
    pub async fn nudged_since(&self, notice_id: i64, since: i64) -> StoreResult<Vec<i64>> {
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT DISTINCT member_id FROM notice_nudges WHERE notice_id = $1 AND at >= $2",
        )
        .bind(notice_id)
        .bind(since)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Records reminders sent to members about a notice.
    pub async fn record_nudges(
        &self,
        notice_id: i64,
        members: &[i64],
        now: i64,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        for chunk in members.chunks(300) {
            let values = (0..chunk.len())
                .map(|i| format!("($1, ${}, $2)", i + 3))
                .collect::<Vec<_>>()
                .join(", ");
            let mut q = sqlx::query(sql!(
                "INSERT INTO notice_nudges (notice_id, member_id, at) VALUES {values}"
            ))
            .bind(notice_id)
            .bind(now);
            for m in chunk {
                q = q.bind(*m);
            }
            q.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Sets a member's quiet hours.
    pub async fn set_quiet_hours(&self, member_id: i64, quiet: QuietHours) -> StoreResult<()> {
        sqlx::query(
            "UPDATE members SET quiet_start = $1, quiet_end = $2, quiet_chosen = 1 WHERE id = $3",
        )
        .bind(quiet.start_text())
        .bind(quiet.end_text())
        .bind(member_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A member's own quiet hours, if they chose them.
    pub async fn quiet_hours(&self, member_id: i64) -> StoreResult<Option<QuietHours>> {
        let row: Option<(String, String, i64)> = sqlx::query_as(
            "SELECT quiet_start, quiet_end, quiet_chosen FROM members WHERE id = $1",
        )
        .bind(member_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.and_then(|(s, e, chosen)| (chosen != 0).then(|| QuietHours::from_stored(&s, &e))))
    }
}
