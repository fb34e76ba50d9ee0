//! Conversation state and inline-button actions, kept in the database so a restart resumes them.

use rand::Rng;
use rand::distr::Alphanumeric;

use super::{Store, StoreResult};

impl Store {
    /// The stored dialogue state of a person (JSON), if they are in the middle of one.
    pub async fn dialogue(&self, telegram_id: i64) -> StoreResult<Option<String>> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT state FROM dialogues WHERE telegram_id = $1")
                .bind(telegram_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|r| r.0))
    }

    /// The stored dialogue state of a person with when it was last saved.
    pub async fn dialogue_at(&self, telegram_id: i64) -> StoreResult<Option<(String, i64)>> {
        Ok(
            sqlx::query_as("SELECT state, updated_at FROM dialogues WHERE telegram_id = $1")
                .bind(telegram_id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// Ends a person's dialogue if it is still there: false when another press or another
    /// instance ended it first (so what it held is acted on once).
    pub async fn take_dialogue(&self, telegram_id: i64) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM dialogues WHERE telegram_id = $1")
            .bind(telegram_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Stores a person's dialogue state.
    pub async fn set_dialogue(&self, telegram_id: i64, state: &str, now: i64) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO dialogues (telegram_id, state, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (telegram_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
        )
        .bind(telegram_id)
        .bind(state)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Ends a person's dialogue.
    pub async fn clear_dialogue(&self, telegram_id: i64) -> StoreResult<()> {
        sqlx::query("DELETE FROM dialogues WHERE telegram_id = $1")
            .bind(telegram_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Stores what a button does and returns the opaque token to put in its callback data.
    pub async fn put_button(&self, action: &str, now: i64) -> StoreResult<String> {
        let token: String = rand::rng()
            .sample_iter(&Alphanumeric)
            .take(16)
            .map(char::from)
            .collect();
        sqlx::query("INSERT INTO buttons (token, action, created_at) VALUES ($1, $2, $3)")
            .bind(&token)
            .bind(action)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(token)
    }

    /// What the button with this token does, if the token is real.
    /// A token's action never changes, so a pressed one is kept in memory (a burst of presses
    /// of one 「签到」 reads it once).
    pub async fn button(&self, token: &str) -> StoreResult<Option<String>> {
        const CACHED: usize = 20_000;
        if let Some(action) = self.cached_button(token) {
            return Ok(Some(action));
        }
        let row: Option<(String,)> = sqlx::query_as("SELECT action FROM buttons WHERE token = $1")
            .bind(token)
            .fetch_optional(&self.pool)
            .await?;
        if let Some((action,)) = &row {
            let mut cache = self.buttons.lock().unwrap_or_else(|e| e.into_inner());
            if cache.len() >= CACHED {
                cache.clear();
            }
            cache.insert(token.to_string(), action.clone());
        }
        Ok(row.map(|r| r.0))
    }

    fn cached_button(&self, token: &str) -> Option<String> {
        self.buttons
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(token)
            .cloned()
    }
}
