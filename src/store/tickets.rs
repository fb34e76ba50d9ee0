//! Feedback tickets: a member's need, suggestion, question or heart-to-heart, and the thread
//! with the branch that answers it.

use super::{Store, StoreResult, parse_col};
use crate::domain::{TicketKind, TicketStatus};

/// A ticket as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    /// Its number (#N).
    pub id: i64,
    /// The member who raised it.
    pub member_id: i64,
    /// The branch answering it.
    pub org_id: i64,
    /// What it is about.
    pub kind: TicketKind,
    /// The member's name is hidden from secretaries.
    pub anonymous: bool,
    /// Where it is.
    pub status: TicketStatus,
    /// Raised.
    pub created_at: i64,
    /// The first answer is due.
    pub due_at: i64,
    /// The first answer (or the resolution, if that came first).
    pub first_answer_at: Option<i64>,
    /// Overdue reminder sent.
    pub reminded_at: Option<i64>,
    /// Escalated to the organizers.
    pub escalated_at: Option<i64>,
    /// Resolved.
    pub resolved_at: Option<i64>,
}

/// One message of a ticket's thread.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TicketMessage {
    /// Order.
    pub id: i64,
    /// 1 from a secretary or organizer, 0 from the member.
    pub from_staff: i64,
    /// Telegram id of who wrote it.
    pub author: i64,
    /// `text` or `voice`.
    pub kind: String,
    /// Text or caption.
    pub body: String,
    /// Voice file id.
    pub file_ref: Option<String>,
    /// When.
    pub at: i64,
}

/// A message added to a thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTicketMessage<'a> {
    /// Telegram id of who wrote it.
    pub author: i64,
    /// From a secretary or organizer (true) or the member.
    pub from_staff: bool,
    /// `text` or `voice`.
    pub kind: &'a str,
    /// Text or caption.
    pub body: &'a str,
    /// Voice file id.
    pub file_ref: Option<&'a str>,
}

type TicketTuple = (
    i64,
    i64,
    i64,
    String,
    i64,
    String,
    i64,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
);

const TICKET_COLUMNS: &str = "id, member_id, org_id, kind, anonymous, status, created_at, due_at, \
     first_answer_at, reminded_at, escalated_at, resolved_at";

fn ticket(r: TicketTuple) -> StoreResult<Ticket> {
    Ok(Ticket {
        id: r.0,
        member_id: r.1,
        org_id: r.2,
        kind: parse_col(&r.3)?,
        anonymous: r.4 != 0,
        status: parse_col(&r.5)?,
        created_at: r.6,
        due_at: r.7,
        first_answer_at: r.8,
        reminded_at: r.9,
        escalated_at: r.10,
        resolved_at: r.11,
    })
}

impl Store {
    /// Raises a ticket with its first message.
    pub async fn create_ticket(
        &self,
        (member_id, org_id): (i64, i64),
        (kind, anonymous): (TicketKind, bool),
        first: &NewTicketMessage<'_>,
        due_at: i64,
        now: i64,
    ) -> StoreResult<i64> {
        let mut tx = self.pool.begin().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO tickets (member_id, org_id, kind, anonymous, status, created_at, due_at, updated_at) \
             VALUES ($1, $2, $3, $4, 'received', $5, $6, $5) RETURNING id",
        )
        .bind(member_id)
        .bind(org_id)
        .bind(kind.as_str())
        .bind(i64::from(anonymous))
        .bind(now)
        .bind(due_at)
        .fetch_one(&mut *tx)
        .await?;
        insert_message(&mut tx, id, first, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// One ticket.
    pub async fn ticket(&self, id: i64) -> StoreResult<Option<Ticket>> {
        let row: Option<TicketTuple> =
            sqlx::query_as(sql!("SELECT {TICKET_COLUMNS} FROM tickets WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(ticket).transpose()
    }

    /// A ticket's thread, oldest first.
    pub async fn ticket_messages(&self, id: i64) -> StoreResult<Vec<TicketMessage>> {
        Ok(sqlx::query_as(
            "SELECT id, from_staff, author, kind, body, file_ref, at FROM ticket_messages \
             WHERE ticket_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Adds a message to an open ticket's thread and moves its status: a secretary's answer
    /// makes it 已答复 (the first one is the first answer); the member writing after an
    /// answer makes it 处理中 again. `None` when the ticket is resolved.
    pub async fn add_ticket_message(
        &self,
        id: i64,
        m: &NewTicketMessage<'_>,
        now: i64,
    ) -> StoreResult<Option<TicketStatus>> {
        let mut tx = self.pool.begin().await?;
        let update = if m.from_staff {
            "UPDATE tickets SET status = 'answered', first_answer_at = COALESCE(first_answer_at, $1), \
             updated_at = $1 WHERE id = $2 AND status <> 'resolved'"
        } else {
            "UPDATE tickets SET status = CASE WHEN status = 'answered' THEN 'in_progress' ELSE status END, \
             updated_at = $1 WHERE id = $2 AND status <> 'resolved'"
        };
        let done = sqlx::query(update)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Ok(None);
        }
        insert_message(&mut tx, id, m, now).await?;
        let (status,): (String,) = sqlx::query_as("SELECT status FROM tickets WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(parse_col(&status)?))
    }

    /// A secretary took the ticket up: 已收到 becomes 处理中.
    pub async fn take_ticket(&self, id: i64, now: i64) -> StoreResult<()> {
        sqlx::query(
            "UPDATE tickets SET status = 'in_progress', updated_at = $1 WHERE id = $2 AND status = 'received'",
        )
        .bind(now)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Resolves a ticket; false when it already was. Resolved by staff, it counts as answered
    /// if nobody had answered (the matter was settled, by phone say); by its member, not.
    pub async fn resolve_ticket(&self, id: i64, by_staff: bool, now: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE tickets SET status = 'resolved', resolved_at = $1, \
             first_answer_at = CASE WHEN $3 = 1 THEN COALESCE(first_answer_at, $1) ELSE first_answer_at END, \
             updated_at = $1 WHERE id = $2 AND status <> 'resolved'",
        )
        .bind(now)
        .bind(id)
        .bind(i64::from(by_staff))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// A member's latest tickets, newest first.
    pub async fn tickets_of_member(&self, member_id: i64, limit: i64) -> StoreResult<Vec<Ticket>> {
        let rows: Vec<TicketTuple> = sqlx::query_as(sql!(
            "SELECT {TICKET_COLUMNS} FROM tickets WHERE member_id = $1 ORDER BY id DESC LIMIT $2"
        ))
        .bind(member_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(ticket).collect()
    }

    /// Open tickets of the branches within `path`, the earliest due first.
    pub async fn open_tickets(&self, path: &str, limit: i64) -> StoreResult<Vec<Ticket>> {
        let rows: Vec<TicketTuple> = sqlx::query_as(sql!(
            "SELECT {TICKET_COLUMNS} FROM tickets WHERE status <> 'resolved' \
             AND org_id IN (SELECT id FROM orgs WHERE path LIKE $1) \
             ORDER BY CASE WHEN first_answer_at IS NULL THEN 0 ELSE 1 END, due_at, id LIMIT $2"
        ))
        .bind(format!("{path}%"))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(ticket).collect()
    }

    /// Open tickets without an answer raised at or before `before` and not yet `flag`ged
    /// (`reminded_at` or `escalated_at`).
    pub async fn unanswered_tickets(
        &self,
        flag: TicketFlag,
        before: i64,
    ) -> StoreResult<Vec<Ticket>> {
        let (column, time) = flag.columns();
        let rows: Vec<TicketTuple> = sqlx::query_as(sql!(
            "SELECT {TICKET_COLUMNS} FROM tickets WHERE status <> 'resolved' \
             AND first_answer_at IS NULL AND {column} IS NULL AND {time} <= $1 ORDER BY id"
        ))
        .bind(before)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(ticket).collect()
    }

    /// Claims an overdue reminder or escalation of a ticket (once across instances).
    pub async fn claim_ticket_flag(
        &self,
        id: i64,
        flag: TicketFlag,
        now: i64,
    ) -> StoreResult<bool> {
        let (column, _) = flag.columns();
        let done = sqlx::query(sql!(
            "UPDATE tickets SET {column} = $1 WHERE id = $2 AND {column} IS NULL"
        ))
        .bind(now)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The ticket a message the bot sent to `chat` carried, if it relayed one.
    pub async fn ticket_of_message(&self, chat: i64, message_id: i64) -> StoreResult<Option<i64>> {
        let row: Option<(Option<i64>,)> = sqlx::query_as(
            "SELECT ticket_id FROM outbox WHERE chat_id = $1 AND message_id = $2 \
             AND ticket_id IS NOT NULL ORDER BY id DESC LIMIT 1",
        )
        .bind(chat)
        .bind(message_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.and_then(|(t,)| t))
    }

    /// (raised, due, first answer) of the tickets of branches within `path` raised since
    /// `since`: the answer-time figures.
    pub async fn answer_times(
        &self,
        path: &str,
        since: i64,
    ) -> StoreResult<Vec<(i64, i64, Option<i64>)>> {
        Ok(sqlx::query_as(
            "SELECT created_at, due_at, first_answer_at FROM tickets \
             WHERE created_at >= $1 AND org_id IN (SELECT id FROM orgs WHERE path LIKE $2) ORDER BY id",
        )
        .bind(since)
        .bind(format!("{path}%"))
        .fetch_all(&self.pool)
        .await?)
    }
}

/// The timed flags of an unanswered ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketFlag {
    /// Overdue: the secretaries were reminded (counted from `due_at`).
    Reminded,
    /// Escalated to the organizers (counted from `created_at`).
    Escalated,
}

impl TicketFlag {
    fn columns(self) -> (&'static str, &'static str) {
        match self {
            TicketFlag::Reminded => ("reminded_at", "due_at"),
            TicketFlag::Escalated => ("escalated_at", "created_at"),
        }
    }
}

async fn insert_message(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    m: &NewTicketMessage<'_>,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO ticket_messages (ticket_id, from_staff, author, kind, body, file_ref, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(i64::from(m.from_staff))
    .bind(m.author)
    .bind(m.kind)
    .bind(m.body)
    .bind(m.file_ref)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
