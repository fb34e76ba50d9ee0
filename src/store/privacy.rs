//! What is stored about one person (for `/mydata`), and erasing it (for `/forgetme`).

use sqlx::{Column, Row};

use super::{Store, StoreResult};
use crate::domain::Member;

/// A table's rows about one person, each column as JSON.
pub type TableRows = (
    &'static str,
    Vec<serde_json::Map<String, serde_json::Value>>,
);

/// What a query is about: `$1` is the member id, the Telegram id, or (`Both`) the member id
/// with `$2` the Telegram id.
#[derive(Clone, Copy)]
enum Key {
    Member,
    Telegram,
    Both,
}

/// The tables holding something about a member.
const MEMBER_TABLES: &[(&str, Key, &str)] = &[
    (
        "members",
        Key::Member,
        "SELECT * FROM members WHERE id = $1",
    ),
    (
        "users",
        Key::Telegram,
        "SELECT * FROM users WHERE telegram_id = $1",
    ),
    (
        "roles",
        Key::Telegram,
        "SELECT * FROM roles WHERE telegram_id = $1",
    ),
    (
        "join_requests",
        Key::Both,
        "SELECT * FROM join_requests WHERE member_id = $1 OR telegram_id = $2",
    ),
    (
        "city_history",
        Key::Member,
        "SELECT * FROM city_history WHERE member_id = $1 ORDER BY at",
    ),
    (
        "notice_acks",
        Key::Member,
        "SELECT * FROM notice_acks WHERE member_id = $1 ORDER BY at",
    ),
    (
        "quiz_answers",
        Key::Member,
        "SELECT * FROM quiz_answers WHERE member_id = $1 ORDER BY at",
    ),
    (
        "attendance",
        Key::Member,
        "SELECT * FROM attendance WHERE member_id = $1 ORDER BY at",
    ),
    (
        "status_reports",
        Key::Member,
        "SELECT * FROM status_reports WHERE member_id = $1 ORDER BY at",
    ),
    (
        "tickets",
        Key::Member,
        "SELECT * FROM tickets WHERE member_id = $1 ORDER BY id",
    ),
    (
        "ticket_messages",
        Key::Member,
        "SELECT tm.* FROM ticket_messages tm JOIN tickets t ON t.id = tm.ticket_id \
         WHERE t.member_id = $1 ORDER BY tm.id",
    ),
    (
        "points_ledger",
        Key::Member,
        "SELECT * FROM points_ledger WHERE member_id = $1 ORDER BY at",
    ),
    (
        "poll_votes",
        Key::Member,
        "SELECT * FROM poll_votes WHERE member_id = $1 ORDER BY at",
    ),
    (
        "handovers",
        Key::Member,
        "SELECT * FROM handovers WHERE member_id = $1 ORDER BY id",
    ),
    (
        "erasure_requests",
        Key::Member,
        "SELECT * FROM erasure_requests WHERE member_id = $1 ORDER BY id",
    ),
    (
        "dialogues",
        Key::Telegram,
        "SELECT * FROM dialogues WHERE telegram_id = $1",
    ),
];

/// How much a member has done, for the `/mydata` summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberCounts {
    /// Notices acknowledged.
    pub acks: i64,
    /// Lessons finished.
    pub lessons: i64,
    /// Quiz answers.
    pub answers: i64,
    /// Sessions present or late.
    pub sessions: i64,
    /// Status reports.
    pub reports: i64,
    /// Tickets raised.
    pub tickets: i64,
    /// Points in all.
    pub points: i64,
}

/// A request to erase a member's personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErasureRequest {
    /// Request number.
    pub id: i64,
    /// Whose.
    pub member_id: i64,
    /// `pending`, `approved` or `declined`.
    pub status: String,
}

impl Store {
    /// Every row about a member (`None`: someone with no member record), by table.
    pub async fn personal_data(
        &self,
        member: Option<&Member>,
        telegram_id: i64,
    ) -> StoreResult<Vec<TableRows>> {
        let member_id = member.map_or(-1, |m| m.id);
        let mut out = Vec::new();
        for (table, key, query) in MEMBER_TABLES {
            let rows = match key {
                Key::Member => sqlx::query(*query).bind(member_id),
                Key::Telegram => sqlx::query(*query).bind(telegram_id),
                Key::Both => sqlx::query(*query).bind(member_id).bind(telegram_id),
            }
            .fetch_all(&self.pool)
            .await?;
            let rows = rows
                .iter()
                .map(|row| {
                    row.columns()
                        .iter()
                        .map(|c| {
                            let i = c.ordinal();
                            let value = if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
                                v.map_or(serde_json::Value::Null, serde_json::Value::from)
                            } else if let Ok(v) = row.try_get::<Option<String>, _>(i) {
                                v.map_or(serde_json::Value::Null, serde_json::Value::from)
                            } else if let Ok(v) = row.try_get::<Option<f64>, _>(i) {
                                v.map_or(serde_json::Value::Null, serde_json::Value::from)
                            } else {
                                serde_json::Value::Null
                            };
                            (c.name().to_string(), value)
                        })
                        .collect()
                })
                .collect();
            out.push((*table, rows));
        }
        Ok(out)
    }

    /// What a member has done, counted.
    pub async fn member_counts(&self, member_id: i64) -> StoreResult<MemberCounts> {
        let row: (i64, i64, i64, i64, i64, i64, Option<i64>) = sqlx::query_as(
            "SELECT \
               (SELECT COUNT(*) FROM notice_acks a JOIN notices n ON n.id = a.notice_id \
                WHERE a.member_id = $1 AND n.purpose <> 'lesson'), \
               (SELECT COUNT(*) FROM notice_acks a JOIN notices n ON n.id = a.notice_id \
                WHERE a.member_id = $1 AND n.purpose = 'lesson'), \
               (SELECT COUNT(*) FROM quiz_answers WHERE member_id = $1), \
               (SELECT COUNT(*) FROM attendance WHERE member_id = $1 AND status IN ('present', 'late')), \
               (SELECT COUNT(*) FROM status_reports WHERE member_id = $1), \
               (SELECT COUNT(*) FROM tickets WHERE member_id = $1), \
               (SELECT CAST(SUM(points) AS BIGINT) FROM points_ledger WHERE member_id = $1)",
        )
        .bind(member_id)
        .fetch_one(&self.pool)
        .await?;
        Ok(MemberCounts {
            acks: row.0,
            lessons: row.1,
            answers: row.2,
            sessions: row.3,
            reports: row.4,
            tickets: row.5,
            points: row.6.unwrap_or(0),
        })
    }

    /// Records a member's request to be erased; `None` when one is already waiting.
    pub async fn ask_erasure(&self, member_id: i64, now: i64) -> StoreResult<Option<i64>> {
        let row: Option<(i64,)> = sqlx::query_as(
            "INSERT INTO erasure_requests (member_id, asked_at) VALUES ($1, $2) \
             ON CONFLICT (member_id) WHERE status = 'pending' DO NOTHING RETURNING id",
        )
        .bind(member_id)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| r.0))
    }

    /// A member's waiting erasure request.
    pub async fn pending_erasure(&self, member_id: i64) -> StoreResult<Option<i64>> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM erasure_requests WHERE member_id = $1 AND status = 'pending'",
        )
        .bind(member_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| r.0))
    }

    /// Waiting erasure requests of members of units under `path`: (request, member).
    pub async fn pending_erasures_under(&self, path: &str) -> StoreResult<Vec<(i64, i64)>> {
        Ok(sqlx::query_as(
            "SELECT e.id, e.member_id FROM erasure_requests e JOIN members m ON m.id = e.member_id \
             JOIN orgs o ON o.id = m.org_id WHERE e.status = 'pending' AND o.path LIKE $1 \
             ORDER BY e.id",
        )
        .bind(format!("{path}%"))
        .fetch_all(&self.pool)
        .await?)
    }

    /// An erasure request.
    pub async fn erasure_request(&self, id: i64) -> StoreResult<Option<ErasureRequest>> {
        let row: Option<(i64, i64, String)> =
            sqlx::query_as("SELECT id, member_id, status FROM erasure_requests WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(id, member_id, status)| ErasureRequest {
            id,
            member_id,
            status,
        }))
    }

    /// Decides a waiting request (once: false when it was decided already). Approved, the
    /// member's personal data is erased in the same transaction: name, phone, Telegram account,
    /// city and its history, skills, free text they wrote or were sent about their tickets, leave
    /// reasons and report notes; records (acknowledgements, attendance, quiz answers, reports,
    /// tickets, points) stay, anonymous, so counts and totals do not change.
    pub async fn decide_erasure(
        &self,
        id: i64,
        approve: bool,
        by: i64,
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.pool.begin().await?;
        let claimed: Option<(i64,)> = sqlx::query_as(
            "UPDATE erasure_requests SET status = $1, decided_by = $2, decided_at = $3 \
             WHERE id = $4 AND status = 'pending' RETURNING member_id",
        )
        .bind(if approve { "approved" } else { "declined" })
        .bind(by)
        .bind(now)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((member_id,)) = claimed else {
            return Ok(false);
        };
        if approve {
            let (name, phone, telegram_id): (String, Option<String>, Option<i64>) =
                sqlx::query_as("SELECT name, phone, telegram_id FROM members WHERE id = $1")
                    .bind(member_id)
                    .fetch_one(&mut *tx)
                    .await?;
            let tg = telegram_id.unwrap_or(0);
            // Every name the member went by: on the roster, on Telegram, in a join request.
            let mut words = vec![name, tg.to_string()];
            words.extend(phone);
            let telegram_names: Option<(String, Option<String>, Option<String>)> = sqlx::query_as(
                "SELECT first_name, last_name, username FROM users WHERE telegram_id = $1",
            )
            .bind(tg)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some((first, last, username)) = telegram_names {
                if let Some(last) = &last {
                    words.push(format!("{first} {last}"));
                }
                words.extend([Some(first), last, username].into_iter().flatten());
            }
            let requested: Vec<(String,)> = sqlx::query_as(
                "SELECT display_name FROM join_requests WHERE member_id = $1 OR telegram_id = $2",
            )
            .bind(member_id)
            .bind(tg)
            .fetch_all(&mut *tx)
            .await?;
            words.extend(requested.into_iter().map(|r| r.0));
            let (m, t) = (member_id, tg);
            let statements: &[(&str, &[i64])] = &[
                (
                    "UPDATE members SET name = '已注销', phone = NULL, telegram_id = NULL, city = NULL, \
                     host_org = NULL, skills = NULL, status = 'erased', \
                     updated_at = $2 WHERE id = $1",
                    &[m, now],
                ),
                ("DELETE FROM city_history WHERE member_id = $1", &[m]),
                (
                    "DELETE FROM join_requests WHERE (member_id = $1 OR telegram_id = $2) \
                     AND status = 'pending'",
                    &[m, t],
                ),
                (
                    "UPDATE join_requests SET telegram_id = 0, phone = '', display_name = '' \
                     WHERE member_id = $1 OR telegram_id = $2",
                    &[m, t],
                ),
                (
                    "UPDATE status_reports SET city = NULL, note = NULL, note_voice = NULL \
                     WHERE member_id = $1",
                    &[m],
                ),
                (
                    "UPDATE attendance SET reason = NULL WHERE member_id = $1",
                    &[m],
                ),
                (
                    "UPDATE points_ledger SET reason = NULL WHERE member_id = $1",
                    &[m],
                ),
                (
                    "UPDATE ticket_messages SET body = '', file_ref = NULL, \
                     author = CASE WHEN from_staff = 0 THEN 0 ELSE author END \
                     WHERE ticket_id IN (SELECT id FROM tickets WHERE member_id = $1)",
                    &[m],
                ),
                (
                    "UPDATE notice_acks SET chat_id = 0 WHERE member_id = $1 OR chat_id = $2",
                    &[m, t],
                ),
                (
                    "UPDATE handovers SET asked_by = 0 WHERE asked_by = $1",
                    &[t],
                ),
                (
                    "DELETE FROM outbox WHERE chat_id = $1 AND notice_id IS NULL",
                    &[t],
                ),
                (
                    "UPDATE outbox SET body = '', file = NULL, file_ref = NULL \
                     WHERE ticket_id IN (SELECT id FROM tickets WHERE member_id = $1)",
                    &[m],
                ),
                (
                    "UPDATE outbox SET chat_id = 0, body = '', markup = NULL, file = NULL, \
                     file_ref = NULL, status = CASE WHEN status IN ('queued', 'sending') \
                     THEN 'failed' ELSE status END WHERE chat_id = $1",
                    &[t],
                ),
                ("DELETE FROM roles WHERE telegram_id = $1", &[t]),
                // A member who was also staff: their Telegram id as author, decider or marker.
                ("UPDATE notices SET author = 0 WHERE author = $1", &[t]),
                (
                    "UPDATE notices SET confirm_chat = NULL, confirm_message = NULL \
                     WHERE confirm_chat = $1",
                    &[t],
                ),
                (
                    "UPDATE ticket_messages SET author = 0 WHERE author = $1",
                    &[t],
                ),
                (
                    "UPDATE group_links SET linked_by = 0 WHERE linked_by = $1",
                    &[t],
                ),
                (
                    "UPDATE invites SET created_by = 0 WHERE created_by = $1",
                    &[t],
                ),
                (
                    "UPDATE join_requests SET decided_by = 0 WHERE decided_by = $1",
                    &[t],
                ),
                (
                    "UPDATE handovers SET decided_by = 0 WHERE decided_by = $1",
                    &[t],
                ),
                (
                    "UPDATE attendance SET marked_by = 0 WHERE marked_by = $1",
                    &[t],
                ),
                (
                    "UPDATE points_ledger SET granted_by = 0 WHERE granted_by = $1",
                    &[t],
                ),
                (
                    "UPDATE erasure_requests SET decided_by = 0 WHERE decided_by = $1",
                    &[t],
                ),
                ("DELETE FROM dialogues WHERE telegram_id = $1", &[t]),
                ("DELETE FROM users WHERE telegram_id = $1", &[t]),
            ];
            for (statement, args) in statements {
                let mut query = sqlx::query(*statement);
                for a in *args {
                    query = query.bind(*a);
                }
                query.execute(&mut *tx).await?;
            }
            for statement in [
                "UPDATE audit_log SET actor = 'erased' WHERE actor = $1",
                "UPDATE roles SET granted_by = 'erased' WHERE granted_by = $1",
            ] {
                sqlx::query(statement)
                    .bind(tg.to_string())
                    .execute(&mut *tx)
                    .await?;
            }
            // Messages sent to others about the member (a join request, a relayed report or
            // note, a move) are emptied once sent; audit details keep the entry, the member's
            // names and numbers blotted out.
            words.sort();
            words.dedup();
            for word in words
                .into_iter()
                .filter(|w| w.chars().count() >= 2 && w != "0")
            {
                for statement in [
                    "UPDATE audit_log SET detail = REPLACE(detail, $1, '***') WHERE detail LIKE $2",
                    "UPDATE outbox SET body = '', markup = NULL, file = NULL, file_ref = NULL \
                     WHERE body LIKE $2 AND status NOT IN ('queued', 'sending') AND $1 <> ''",
                    "UPDATE outbox SET body = REPLACE(body, $1, '***') WHERE body LIKE $2",
                ] {
                    sqlx::query(statement)
                        .bind(&word)
                        .bind(format!("%{word}%"))
                        .execute(&mut *tx)
                        .await?;
                }
            }
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Forgets someone who is no member: their Telegram profile and any unfinished dialogue.
    pub async fn forget_user(&self, telegram_id: i64) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        for statement in [
            "DELETE FROM dialogues WHERE telegram_id = $1",
            "DELETE FROM users WHERE telegram_id = $1",
            "DELETE FROM join_requests WHERE telegram_id = $1 AND status = 'pending'",
            "UPDATE join_requests SET telegram_id = 0, phone = '', display_name = '' WHERE telegram_id = $1",
        ] {
            sqlx::query(statement)
                .bind(telegram_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
