//! The durable outbox: each outgoing message is a row before it is sent, claimed by lease.

use super::{Backend, Store, StoreResult};

/// A message waiting to be sent (or an edit to make), as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OutboxRow {
    /// Row id; also the sending order within a chat.
    pub id: i64,
    /// Where it goes.
    pub chat_id: i64,
    /// `text`, `photo`, `edit_text` or `edit_caption`.
    pub kind: String,
    /// Text or caption.
    pub body: String,
    /// Buttons or keyboard as JSON.
    pub markup: Option<String>,
    /// Picture bytes.
    pub file: Option<Vec<u8>>,
    /// Picture file name.
    pub file_name: Option<String>,
    /// Telegram's id of a file to send instead of bytes.
    pub file_ref: Option<String>,
    /// The message an edit changes.
    pub edit_message_id: Option<i64>,
    /// 0 for answers to a person's own action, 1 for bulk.
    pub priority: i64,
    /// Attempts so far, this one included once claimed.
    pub attempts: i64,
}

/// A new outbox row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewMessage {
    /// Where it goes.
    pub chat_id: i64,
    /// `text`, `photo`, `edit_text` or `edit_caption`.
    pub kind: &'static str,
    /// Text or caption.
    pub body: String,
    /// Buttons or keyboard as JSON.
    pub markup: Option<String>,
    /// Picture bytes.
    pub file: Option<Vec<u8>>,
    /// Picture file name.
    pub file_name: Option<String>,
    /// Telegram's id of a file to send instead of bytes.
    pub file_ref: Option<String>,
    /// The message an edit changes.
    pub edit_message_id: Option<i64>,
    /// 0 for answers to a person's own action, 1 for bulk.
    pub priority: i64,
    /// The notice this message is a copy of.
    pub notice_id: Option<i64>,
    /// The ticket whose message this relays (a reply to it continues the ticket).
    pub ticket_id: Option<i64>,
    /// Not before this time (the end of the reader's quiet hours); now when `None`.
    pub not_before: Option<i64>,
}

/// How a send ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendOutcome {
    /// Telegram accepted it.
    Sent {
        /// Telegram's message id.
        message_id: Option<i64>,
    },
    /// Try again at this time (flood limit, network, 5xx); `counts` whether it uses up an attempt.
    Retry {
        /// When.
        at: i64,
        /// Why.
        error: String,
        /// Whether it counts against `delivery.max_attempts`.
        counts: bool,
    },
    /// The chat moved (group upgraded to a supergroup): resend there now.
    Moved {
        /// The new chat id.
        chat_id: i64,
    },
    /// The person blocked the bot or deleted the account: no retry.
    Blocked {
        /// Telegram's words.
        error: String,
    },
    /// Will never succeed.
    Failed {
        /// Why.
        error: String,
    },
}

const COLUMNS: &str = "id, chat_id, kind, body, markup, file, file_name, file_ref, edit_message_id, priority, attempts";

/// Rows per INSERT statement when queueing many messages.
const INSERT_BATCH: usize = 256;

impl Store {
    /// Queues messages in one transaction; they go out in this order within each chat.
    pub async fn enqueue(&self, messages: &[NewMessage], now: i64) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        insert_messages(&mut tx, messages, now).await?;
        tx.commit().await?;
        self.analyze_after(messages.len()).await
    }

    /// Queues the copies of a notice and records its counts in one transaction: either every
    /// copy is queued or none is. False (nothing queued) when its copies were queued already,
    /// by this process or another.
    pub async fn enqueue_notice(
        &self,
        messages: &[NewMessage],
        notice_id: i64,
        counts: (i64, i64, i64),
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.pool.begin().await?;
        let claimed = sqlx::query(
            "UPDATE notices SET recipients = $1, unjoined = $2, unreachable = $3 \
             WHERE id = $4 AND recipients = -1",
        )
        .bind(counts.0)
        .bind(counts.1)
        .bind(counts.2)
        .bind(notice_id)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() == 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        insert_messages(&mut tx, messages, now).await?;
        tx.commit().await?;
        self.analyze_after(messages.len()).await?;
        Ok(true)
    }

    /// PostgreSQL plans the claim from table statistics; a queue that just grew by thousands
    /// would otherwise be planned as the near-empty table it was (sorting the whole queue on
    /// every claim) until autovacuum gets round to it.
    async fn analyze_after(&self, queued: usize) -> StoreResult<()> {
        if self.backend == Backend::Postgres && queued >= 1000 {
            sqlx::query("ANALYZE outbox").execute(&self.pool).await?;
        }
        Ok(())
    }

    /// Claims up to `limit` due messages, at most one per chat and only the oldest open message
    /// of each chat (so a chat's messages keep their order), answers before bulk. A claim is a
    /// lease: if this process dies, the row is claimed again once `lease_until` passes.
    pub async fn claim_outbox(
        &self,
        now: i64,
        lease_until: i64,
        limit: i64,
        max_priority: i64,
    ) -> StoreResult<Vec<OutboxRow>> {
        self.claim_outbox_spaced(now, lease_until, limit, max_priority, None)
            .await
    }

    /// [`Store::claim_outbox`]; with `gaps` (ms: private chats, groups), also leaves a chat
    /// alone until that long after its last message was sent. Several processes sending for
    /// one bot keep Telegram's per-chat limits this way: the one that claims a chat's next
    /// message need not be the one that sent its last.
    pub async fn claim_outbox_spaced(
        &self,
        now: i64,
        lease_until: i64,
        limit: i64,
        max_priority: i64,
        gaps: Option<(i64, i64)>,
    ) -> StoreResult<Vec<OutboxRow>> {
        // Rows whose claimer died go back to the queue (their attempt stays counted).
        sqlx::query("UPDATE outbox SET status = 'queued', lease_until = NULL WHERE status = 'sending' AND lease_until <= $1")
            .bind(now)
            .execute(&self.pool)
            .await?;
        // Walks the queue in sending order (index on status, priority, id) and stops after
        // `limit` rows; a row is a chat's head when no earlier row of its chat is still open
        // (rows held for the reader's quiet hours aside until they are due, and bulk rows for
        // an answer: an answer does not wait behind a notice copy). A claimed row is no longer held, so its retries keep the order.
        // On PostgreSQL several instances claim at once: rows another one is claiming are
        // skipped, not waited for (a chat's next row is no head while that one is open).
        let spaced = if gaps.is_some() {
            "AND NOT EXISTS (SELECT 1 FROM outbox s WHERE s.chat_id = o.chat_id \
                             AND s.status = 'sent' \
                             AND s.finished_at > (CASE WHEN o.chat_id < 0 THEN $5 ELSE $6 END))"
        } else {
            ""
        };
        let pick = format!(
            "SELECT o.id FROM outbox o \
                WHERE o.status = 'queued' AND o.priority <= $3 AND o.next_attempt_at <= $2 \
                  AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.chat_id = o.chat_id \
                                  AND p.status IN ('queued', 'sending') AND p.id < o.id \
                                  AND p.priority <= o.priority \
                                  AND (p.held = 0 OR p.next_attempt_at <= $2)) {spaced} \
                ORDER BY o.priority, o.id LIMIT $4"
        );
        let set = "status = 'sending', lease_until = $1, attempts = attempts + 1, held = 0";
        let sql = match self.backend {
            // The picked rows are computed once (a materialized CTE); as an `IN (subquery)`
            // PostgreSQL may plan the locking subquery to run again for every outbox row.
            Backend::Postgres => sql!(
                "WITH picked AS MATERIALIZED ({pick} FOR UPDATE SKIP LOCKED) \
                 UPDATE outbox SET {set} FROM picked \
                 WHERE outbox.id = picked.id AND outbox.status = 'queued' \
                 RETURNING {}",
                COLUMNS
                    .split(", ")
                    .map(|c| format!("outbox.{c}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Backend::Sqlite => sql!(
                "UPDATE outbox SET {set} WHERE id IN ({pick}) AND status = 'queued' RETURNING {COLUMNS}"
            ),
        };
        let mut query = sqlx::query_as(sql)
            .bind(lease_until)
            .bind(now)
            .bind(max_priority)
            .bind(limit);
        if let Some((private, group)) = gaps {
            query = query.bind(now - group).bind(now - private);
        }
        let mut rows: Vec<OutboxRow> = query.fetch_all(&self.pool).await?;
        rows.sort_by_key(|r| (r.priority, r.id));
        Ok(rows)
    }

    /// Records how a send ended. `max_attempts` turns a retry into a failure.
    pub async fn finish_outbox(
        &self,
        row: &OutboxRow,
        outcome: &SendOutcome,
        now: i64,
        max_attempts: i64,
    ) -> StoreResult<()> {
        self.finish_outbox_many(&[(row.clone(), outcome.clone(), now)], max_attempts)
            .await
    }

    /// Records many outcomes in one transaction (one commit instead of one per message).
    pub async fn finish_outbox_many(
        &self,
        done: &[(OutboxRow, SendOutcome, i64)],
        max_attempts: i64,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        for (row, outcome, now) in done {
            finish_query(row, outcome, *now, max_attempts)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Inserts messages in statements of [`INSERT_BATCH`] rows.
async fn insert_messages(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    messages: &[NewMessage],
    now: i64,
) -> StoreResult<()> {
    for chunk in messages.chunks(INSERT_BATCH) {
        let values = (0..chunk.len())
            .map(|i| {
                let p = |k: usize| format!("${}", i * 14 + k);
                format!(
                    "({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, 'queued', 0, {}, {})",
                    p(1),
                    p(2),
                    p(3),
                    p(4),
                    p(5),
                    p(6),
                    p(7),
                    p(8),
                    p(9),
                    p(10),
                    p(11),
                    p(12),
                    p(13),
                    p(14)
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let sql = sql!(
            "INSERT INTO outbox (chat_id, kind, body, markup, file, file_name, file_ref, edit_message_id, \
             priority, notice_id, ticket_id, held, status, attempts, next_attempt_at, created_at) VALUES {values}"
        );
        let mut query = sqlx::query(sql);
        for m in chunk {
            query = query
                .bind(m.chat_id)
                .bind(m.kind)
                .bind(m.body.clone())
                .bind(m.markup.clone())
                .bind(m.file.clone())
                .bind(m.file_name.clone())
                .bind(m.file_ref.clone())
                .bind(m.edit_message_id)
                .bind(m.priority)
                .bind(m.notice_id)
                .bind(m.ticket_id)
                .bind(i64::from(m.not_before.is_some_and(|t| t > now)))
                .bind(m.not_before.unwrap_or(now).max(now))
                .bind(now);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

/// The update that records one outcome. It changes the row only while this claim holds it
/// (still sending, with the attempt count this claim gave it): an outcome that comes after the
/// lease ran out and another claim took the row over must not undo what that one recorded.
fn finish_query<'q>(
    row: &'q OutboxRow,
    outcome: &'q SendOutcome,
    now: i64,
    max_attempts: i64,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    match outcome {
            SendOutcome::Sent { message_id } => sqlx::query(
                "UPDATE outbox SET status = 'sent', file = NULL, message_id = $1, finished_at = $2, lease_until = NULL, error = NULL WHERE id = $3 AND status = 'sending' AND attempts = $4",
            )
            .bind(*message_id)
            .bind(now)
            .bind(row.id)
            .bind(row.attempts),
            SendOutcome::Retry { error, counts, .. } if *counts && row.attempts >= max_attempts => sqlx::query(
                "UPDATE outbox SET status = 'failed', file = NULL, error = $1, finished_at = $2, lease_until = NULL WHERE id = $3 AND status = 'sending' AND attempts = $4",
            )
            .bind(error.as_str())
            .bind(now)
            .bind(row.id)
            .bind(row.attempts),
            SendOutcome::Retry { at, error, counts } => sqlx::query(
                "UPDATE outbox SET status = 'queued', next_attempt_at = $1, error = $2, lease_until = NULL, \
                 attempts = attempts - $3 WHERE id = $4 AND status = 'sending' AND attempts = $5",
            )
            .bind(*at)
            .bind(error.as_str())
            .bind(i64::from(!*counts))
            .bind(row.id)
            .bind(row.attempts),
            SendOutcome::Moved { chat_id } => sqlx::query(
                "UPDATE outbox SET chat_id = $1, status = 'queued', next_attempt_at = $2, lease_until = NULL, \
                 attempts = attempts - 1 WHERE id = $3 AND status = 'sending' AND attempts = $4",
            )
            .bind(*chat_id)
            .bind(now)
            .bind(row.id)
            .bind(row.attempts),
            SendOutcome::Blocked { error } => sqlx::query(
                "UPDATE outbox SET status = 'blocked', file = NULL, error = $1, finished_at = $2, lease_until = NULL WHERE id = $3 AND status = 'sending' AND attempts = $4",
            )
            .bind(error.as_str())
            .bind(now)
            .bind(row.id)
            .bind(row.attempts),
            SendOutcome::Failed { error } => sqlx::query(
                "UPDATE outbox SET status = 'failed', file = NULL, error = $1, finished_at = $2, lease_until = NULL WHERE id = $3 AND status = 'sending' AND attempts = $4",
            )
            .bind(error.as_str())
            .bind(now)
            .bind(row.id)
            .bind(row.attempts),
    }
}

impl Store {
    /// Messages due now or being sent: zero when the outbox has nothing to do at `now`.
    pub async fn outbox_due(&self, now: i64) -> StoreResult<i64> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM outbox WHERE status = 'sending' OR (status = 'queued' AND next_attempt_at <= $1)",
        )
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        Ok(n)
    }

    /// When the next queued message becomes due, if any.
    pub async fn outbox_next_due(&self) -> StoreResult<Option<i64>> {
        let (at,): (Option<i64>,) =
            sqlx::query_as("SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'queued'")
                .fetch_one(&self.pool)
                .await?;
        Ok(at)
    }

    /// Counts of outbox rows by status, for inspection.
    pub async fn outbox_counts(&self) -> StoreResult<Vec<(String, i64)>> {
        Ok(
            sqlx::query_as("SELECT status, COUNT(*) FROM outbox GROUP BY status ORDER BY status")
                .fetch_all(&self.pool)
                .await?,
        )
    }

    /// One outbox row's status, error and Telegram message id.
    pub async fn outbox_status(
        &self,
        id: i64,
    ) -> StoreResult<Option<(String, Option<String>, Option<i64>)>> {
        Ok(
            sqlx::query_as("SELECT status, error, message_id FROM outbox WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }
}

impl Store {
    /// Deletes finished rows older than `before`; returns how many. Notice copies stay: they
    /// are the receipts' record of who the notice reached; so do the relayed messages of open
    /// tickets, to which a reply still continues the ticket.
    pub async fn purge_outbox(&self, before: i64) -> StoreResult<u64> {
        Ok(sqlx::query(
            "DELETE FROM outbox WHERE status IN ('sent', 'failed', 'blocked') AND finished_at < $1 \
             AND notice_id IS NULL AND (ticket_id IS NULL \
               OR ticket_id IN (SELECT id FROM tickets WHERE status = 'resolved'))",
        )
        .bind(before)
        .execute(&self.pool)
        .await?
        .rows_affected())
    }

    /// Queues the edit that refreshes the 「收到 ✓ n/m」 count of a notice in a group, unless
    /// one is already waiting (it reads the count when it is sent, so one is enough: presses
    /// coming fast cost one edit, within the group's limit).
    pub async fn enqueue_count_edit(
        &self,
        notice_id: i64,
        chat_id: i64,
        message_id: i64,
        now: i64,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO outbox (chat_id, kind, body, edit_message_id, priority, status, attempts, next_attempt_at, created_at) \
             SELECT $1, 'ack_count', $2, $3, 1, 'queued', 0, $4, $4 \
             WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE chat_id = $1 AND kind = 'ack_count' \
                               AND edit_message_id = $3 AND status = 'queued')",
        )
        .bind(chat_id)
        .bind(notice_id.to_string())
        .bind(message_id)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }
}
