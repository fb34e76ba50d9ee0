//! The processes sharing this database, seen by their heartbeats.

use super::{Backend, Store, StoreResult};

/// A process not heard from for this long (ms) is gone (it died without saying so).
const STALE_AFTER: i64 = 15_000;

impl Store {
    /// Says this process (`id`, started at `started_at`) is alive at `now`, forgets processes
    /// that stopped beating, and answers how many are alive, this one included.
    pub async fn heartbeat(&self, id: &str, started_at: i64, now: i64) -> StoreResult<i64> {
        sqlx::query(
            "INSERT INTO instances (id, started_at, seen_at) VALUES ($1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at",
        )
        .bind(id)
        .bind(started_at)
        .bind(now)
        .execute(&self.pool)
        .await?;
        sqlx::query("DELETE FROM instances WHERE seen_at < $1")
            .bind(now - STALE_AFTER)
            .execute(&self.pool)
            .await?;
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM instances")
            .fetch_one(&self.pool)
            .await?;
        Ok(n.max(1))
    }

    /// Says this process stopped.
    pub async fn leave(&self, id: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM instances WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Whether the database answers, within a few seconds.
    pub async fn ping(&self) -> bool {
        let q = sqlx::query_as::<_, (i64,)>("SELECT 1").fetch_one(&self.pool);
        matches!(
            tokio::time::timeout(std::time::Duration::from_secs(3), q).await,
            Ok(Ok((1,)))
        )
    }

    /// Writes a consistent copy of a SQLite database to `out` while it is in use (readers and
    /// writers carry on; the copy is of one moment). `out` must not exist yet.
    pub async fn backup_to(&self, out: &std::path::Path) -> anyhow::Result<()> {
        anyhow::ensure!(
            self.backend == Backend::Sqlite,
            "lianxin backup copies a SQLite database; back PostgreSQL up with pg_dump (see the README)"
        );
        anyhow::ensure!(
            !out.exists(),
            "{} exists already; choose a new file",
            out.display()
        );
        let path = out
            .to_str()
            .ok_or_else(|| anyhow::anyhow!("the backup path is not valid UTF-8"))?;
        sqlx::query("VACUUM INTO $1")
            .bind(path)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
