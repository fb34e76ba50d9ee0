//! Branch group chats linked to org units.

use super::{Store, StoreResult};

/// A group chat linked to a unit.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct GroupLink {
    /// Telegram chat id (negative).
    pub chat_id: i64,
    /// The unit.
    pub org_id: i64,
    /// The group's title when linked.
    pub title: String,
    /// 0 once the bot was removed.
    pub active: i64,
    /// Who linked it.
    pub linked_by: i64,
}

impl Store {
    /// Links (or re-links) a group to a unit.
    pub async fn link_group(
        &self,
        chat_id: i64,
        org_id: i64,
        title: &str,
        by: i64,
        now: i64,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO group_links (chat_id, org_id, title, active, linked_by, linked_at, updated_at) \
             VALUES ($1, $2, $3, 1, $4, $5, $5) ON CONFLICT (chat_id) DO UPDATE SET org_id = excluded.org_id, \
             title = excluded.title, active = 1, linked_by = excluded.linked_by, linked_at = excluded.linked_at, \
             updated_at = excluded.updated_at",
        )
        .bind(chat_id)
        .bind(org_id)
        .bind(title)
        .bind(by)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The link of a group chat, active or not.
    pub async fn group_link(&self, chat_id: i64) -> StoreResult<Option<GroupLink>> {
        Ok(sqlx::query_as(
            "SELECT chat_id, org_id, title, active, linked_by FROM group_links WHERE chat_id = $1",
        )
        .bind(chat_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Active groups of a unit.
    pub async fn groups_of(&self, org_id: i64) -> StoreResult<Vec<GroupLink>> {
        Ok(sqlx::query_as(
            "SELECT chat_id, org_id, title, active, linked_by FROM group_links WHERE org_id = $1 AND active = 1 ORDER BY linked_at",
        )
        .bind(org_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Active groups of a unit and every unit below it.
    pub async fn groups_under(&self, unit: &crate::domain::OrgUnit) -> StoreResult<Vec<GroupLink>> {
        Ok(sqlx::query_as(
            "SELECT g.chat_id, g.org_id, g.title, g.active, g.linked_by FROM group_links g \
             JOIN orgs o ON o.id = g.org_id WHERE o.path LIKE $1 AND g.active = 1 ORDER BY o.path, g.linked_at",
        )
        .bind(format!("{}%", unit.path))
        .fetch_all(&self.pool)
        .await?)
    }

    /// Marks a group's link inactive (the bot was removed); false when there was none.
    pub async fn deactivate_group(&self, chat_id: i64, now: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE group_links SET active = 0, updated_at = $1 WHERE chat_id = $2 AND active = 1",
        )
        .bind(now)
        .bind(chat_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Moves a link to the supergroup a group was upgraded to; false when there was none.
    pub async fn migrate_group(
        &self,
        old_chat_id: i64,
        new_chat_id: i64,
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.pool.begin().await?;
        // The new id may already be known if both migration messages arrived; keep one row.
        sqlx::query("DELETE FROM group_links WHERE chat_id = $1 AND EXISTS (SELECT 1 FROM group_links WHERE chat_id = $2)")
            .bind(new_chat_id)
            .bind(old_chat_id)
            .execute(&mut *tx)
            .await?;
        let done =
            sqlx::query("UPDATE group_links SET chat_id = $1, updated_at = $2 WHERE chat_id = $3")
                .bind(new_chat_id)
                .bind(now)
                .bind(old_chat_id)
                .execute(&mut *tx)
                .await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }
}
