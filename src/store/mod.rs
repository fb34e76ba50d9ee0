//! The database: one [`Store`] over SQLite (embedded, WAL) or PostgreSQL, picked from the URL.
//!
//! Queries are written once with `$1` placeholders, which both backends accept, and run through
//! sqlx's `Any` driver. Times are milliseconds since the epoch and flags are 0/1 integers, so
//! that one row type reads the same from either database.

/// A query string built from trusted fragments (column lists, placeholders), never from input.
macro_rules! sql {
    ($($t:tt)*) => { sqlx::AssertSqlSafe(format!($($t)*)) };
}

/// SQL over a notice `n` and a member `m`: the member belonged to the branch when the notice
/// went out (active now, or left or erased since) and was in its audience.
macro_rules! member_then {
    () => {
        "(m.status = 'active' OR (m.status IN ('left', 'erased') AND m.updated_at > n.started_at)) \
         AND (COALESCE(n.audience, 'all') NOT IN ('mobile', 'resident') \
         OR (n.audience = 'mobile' AND m.mobility = 'mobile') \
         OR (n.audience = 'resident' AND m.mobility <> 'mobile'))"
    };
}

/// ...and had joined Lianxin by then, so the notice reached them.
macro_rules! reader_then {
    () => {
        concat!(
            "m.joined_at IS NOT NULL AND m.joined_at <= n.started_at AND ",
            member_then!()
        )
    };
}

mod dialogues;
mod export;
mod groups;
mod handovers;
mod instances;
mod lessons;
mod members;
mod notices;
mod onboarding;
mod orgs;
mod outbox;
mod points;
mod polls;
mod privacy;
mod reports;
mod schedules;
mod sessions;
mod stats;
mod tickets;

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor};

pub use export::{
    ExportAck, ExportAttendance, ExportMember, ExportNotice, ExportPoints, ExportReport,
    ExportScope, ExportStudy, ExportTicket,
};
pub use groups::GroupLink;
pub use handovers::Handover;
pub use lessons::{BranchStudy, LessonItem, Question};
pub use members::{ImportRow, ImportSummary, MemberUpdate};
pub use notices::{CopyCounts, Notice, Reader};
pub use onboarding::{Invite, JoinRequest, RequestStatus};
pub use outbox::{NewMessage, OutboxRow, SendOutcome};
pub use points::{NewEntry, PointsEntry};
pub use polls::Poll;
pub use privacy::{ErasureRequest, MemberCounts, TableRows};
pub use reports::{NewReport, RollEntry, StatusReport};
pub use schedules::{ScheduleRow, ScheduleSpec};
pub use sessions::{Attendance, Session};
pub use stats::{Metric, Ratio, WEEK, WeekFigure};
pub use tickets::{NewTicketMessage, Ticket, TicketFlag, TicketMessage};

/// Which database a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

/// Errors a caller acts on; anything else is a database failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique value already exists.
    #[error("already exists: {0}")]
    Conflict(String),
    /// A referenced row does not exist.
    #[error("not found: {0}")]
    NotFound(String),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Result type of store calls.
pub type StoreResult<T> = Result<T, StoreError>;

/// The database of one Lianxin deployment.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// Button tokens already looked up (a token's action never changes).
    buttons: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, String>>>,
    /// Units already looked up by id (a unit never changes once created).
    orgs: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<i64, crate::domain::OrgUnit>>>,
}

impl Store {
    /// Connects (creating a SQLite file if missing) and applies pending migrations.
    pub async fn open(url: &str, max_connections: u32) -> anyhow::Result<Store> {
        let store = Store::connect(url, max_connections).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Connects without migrating.
    pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        let mut options = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(30));
        let url = match backend {
            Backend::Sqlite => {
                options = options.after_connect(|conn, _| {
                    Box::pin(async move {
                        for pragma in [
                            "PRAGMA journal_mode = WAL",
                            "PRAGMA synchronous = NORMAL",
                            "PRAGMA busy_timeout = 10000",
                            "PRAGMA foreign_keys = ON",
                        ] {
                            conn.execute(pragma).await?;
                        }
                        Ok(())
                    })
                });
                sqlite_url_creating_file(url)
            }
            Backend::Postgres => url.to_string(),
        };
        let pool = options
            .connect(&url)
            .await
            .with_context(|| format!("cannot open the database at {}", redact_url(&url)))?;
        Ok(Store {
            pool,
            backend,
            buttons: Default::default(),
            orgs: Default::default(),
        })
    }

    /// Applies the migrations of this backend that have not run yet.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => sqlx::migrate!("migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("migrations/postgres"),
        };
        migrator
            .run(&self.pool)
            .await
            .context("applying database migrations")?;
        Ok(())
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The connection pool, for the few callers that need a transaction of their own.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Closes every connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Appends an entry to the audit log.
    pub async fn audit(
        &self,
        actor: &str,
        action: &str,
        detail: &str,
        now: i64,
    ) -> StoreResult<()> {
        sqlx::query("INSERT INTO audit_log (at, actor, action, detail) VALUES ($1, $2, $3, $4)")
            .bind(now)
            .bind(actor)
            .bind(action)
            .bind(detail)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Audit entries from `since` (ms), oldest first: (at, actor, action, detail).
    pub async fn audit_since(&self, since: i64) -> StoreResult<Vec<(i64, String, String, String)>> {
        Ok(sqlx::query_as(
            "SELECT at, actor, action, detail FROM audit_log WHERE at >= $1 ORDER BY at, id",
        )
        .bind(since)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The latest audit entries, newest first: (at, actor, action, detail).
    pub async fn audit_entries(
        &self,
        limit: i64,
    ) -> StoreResult<Vec<(i64, String, String, String)>> {
        Ok(sqlx::query_as(
            "SELECT at, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }
}

/// `sqlite://file.db` → `sqlite://file.db?mode=rwc`, so a missing file is created.
impl Store {
    /// Connects to a database that must exist already (a SQLite file is not created), without
    /// migrating it.
    pub async fn connect_existing(url: &str) -> anyhow::Result<Store> {
        let url = match url.starts_with("sqlite:") && !url.contains("mode=") {
            true if url.contains('?') => format!("{url}&mode=rw"),
            true => format!("{url}?mode=rw"),
            false => url.to_string(),
        };
        Store::connect(&url, 2)
            .await
            .with_context(|| format!("cannot open the database {}", redact_url(&url)))
    }
}

fn sqlite_url_creating_file(url: &str) -> String {
    if url.contains("mode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

/// A database URL without its password, for messages.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_string(),
    }
}

/// Maps a unique-constraint violation to [`StoreError::Conflict`].
fn conflict_or(e: sqlx::Error, what: impl Into<String>) -> StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict(what.into()),
        _ => StoreError::Db(e),
    }
}

/// Reads a stored enum, failing loudly on a value the code does not know.
fn parse_col<T: FromStr<Err = String>>(value: &str) -> StoreResult<T> {
    value
        .parse()
        .map_err(|e: String| StoreError::Db(sqlx::Error::Decode(e.into())))
}
