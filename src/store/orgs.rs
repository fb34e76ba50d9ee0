//! The org tree and the roles granted on it.

use super::{Store, StoreError, StoreResult, conflict_or, parse_col};
use crate::domain::{OrgCode, OrgKind, OrgUnit, Role};

#[derive(sqlx::FromRow)]
struct OrgRow {
    id: i64,
    code: String,
    name: String,
    kind: String,
    parent_id: Option<i64>,
    path: String,
}

#[derive(sqlx::FromRow)]
struct RoleRow {
    role: String,
    #[sqlx(flatten)]
    org: OrgRow,
}

impl TryFrom<OrgRow> for OrgUnit {
    type Error = StoreError;
    fn try_from(r: OrgRow) -> StoreResult<OrgUnit> {
        Ok(OrgUnit {
            id: r.id,
            code: OrgCode::parse(&r.code)
                .map_err(|e| StoreError::Db(sqlx::Error::Decode(e.into())))?,
            name: r.name,
            kind: parse_col(&r.kind)?,
            parent_id: r.parent_id,
            path: r.path,
        })
    }
}

const ORG_COLUMNS: &str = "id, code, name, kind, parent_id, path";

impl Store {
    /// Adds a unit under `parent`; the code must be new and the kind must nest.
    pub async fn add_org(
        &self,
        code: &OrgCode,
        name: &str,
        kind: OrgKind,
        parent: Option<&OrgUnit>,
        now: i64,
    ) -> StoreResult<OrgUnit> {
        let mut tx = self.pool.begin().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO orgs (code, name, kind, parent_id, path, created_at) VALUES ($1, $2, $3, $4, '', $5) RETURNING id",
        )
        .bind(code.as_str())
        .bind(name)
        .bind(kind.as_str())
        .bind(parent.map(|p| p.id))
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| conflict_or(e, format!("org code {code}")))?;
        let path = format!("{}{id}/", parent.map_or("/", |p| p.path.as_str()));
        sqlx::query("UPDATE orgs SET path = $1 WHERE id = $2")
            .bind(&path)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(OrgUnit {
            id,
            code: code.clone(),
            name: name.to_string(),
            kind,
            parent_id: parent.map(|p| p.id),
            path,
        })
    }

    /// The unit with this code.
    pub async fn org_by_code(&self, code: &OrgCode) -> StoreResult<Option<OrgUnit>> {
        let row: Option<OrgRow> =
            sqlx::query_as(sql!("SELECT {ORG_COLUMNS} FROM orgs WHERE code = $1"))
                .bind(code.as_str())
                .fetch_optional(&self.pool)
                .await?;
        row.map(OrgUnit::try_from).transpose()
    }

    /// The unit with this id.
    /// Units never change once created, so each is read once per process.
    pub async fn org(&self, id: i64) -> StoreResult<OrgUnit> {
        if let Some(unit) = self.orgs.lock().unwrap_or_else(|e| e.into_inner()).get(&id) {
            return Ok(unit.clone());
        }
        let row: Option<OrgRow> =
            sqlx::query_as(sql!("SELECT {ORG_COLUMNS} FROM orgs WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        let unit = row
            .map(OrgUnit::try_from)
            .transpose()?
            .ok_or_else(|| StoreError::NotFound(format!("org #{id}")))?;
        let mut cache = self.orgs.lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() >= 10_000 {
            cache.clear();
        }
        cache.insert(id, unit.clone());
        Ok(unit)
    }

    /// Every unit, parents before children (ordered by path).
    pub async fn orgs(&self) -> StoreResult<Vec<OrgUnit>> {
        let rows: Vec<OrgRow> =
            sqlx::query_as(sql!("SELECT {ORG_COLUMNS} FROM orgs ORDER BY path"))
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter().map(OrgUnit::try_from).collect()
    }

    /// `unit` and everything below it, parents first.
    pub async fn subtree(&self, unit: &OrgUnit) -> StoreResult<Vec<OrgUnit>> {
        let rows: Vec<OrgRow> = sqlx::query_as(sql!(
            "SELECT {ORG_COLUMNS} FROM orgs WHERE path LIKE $1 ORDER BY path"
        ))
        .bind(format!("{}%", unit.path))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(OrgUnit::try_from).collect()
    }

    /// Grants `role` on `org`; false when it was already granted.
    pub async fn grant_role(
        &self,
        telegram_id: i64,
        role: Role,
        org: &OrgUnit,
        by: &str,
        now: i64,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO roles (telegram_id, role, org_id, granted_by, granted_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (telegram_id, role, org_id) DO NOTHING",
        )
        .bind(telegram_id)
        .bind(role.as_str())
        .bind(org.id)
        .bind(by)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Revokes `role` on `org`; false when it was not granted.
    pub async fn revoke_role(
        &self,
        telegram_id: i64,
        role: Role,
        org: &OrgUnit,
    ) -> StoreResult<bool> {
        let done =
            sqlx::query("DELETE FROM roles WHERE telegram_id = $1 AND role = $2 AND org_id = $3")
                .bind(telegram_id)
                .bind(role.as_str())
                .bind(org.id)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The roles a person holds, each with its unit.
    pub async fn roles_of(&self, telegram_id: i64) -> StoreResult<Vec<(Role, OrgUnit)>> {
        let rows: Vec<RoleRow> = sqlx::query_as(
            "SELECT r.role, o.id, o.code, o.name, o.kind, o.parent_id, o.path FROM roles r JOIN orgs o ON o.id = r.org_id \
             WHERE r.telegram_id = $1 ORDER BY o.path",
        )
        .bind(telegram_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| Ok((parse_col(&r.role)?, OrgUnit::try_from(r.org)?)))
            .collect()
    }

    /// Everyone holding a role on `unit` or above it, nearest unit first.
    pub async fn role_holders_covering(&self, unit: &OrgUnit) -> StoreResult<Vec<(i64, Role)>> {
        // An ancestor's path is a prefix of the unit's path.
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT r.telegram_id, r.role FROM roles r JOIN orgs o ON o.id = r.org_id \
             WHERE $1 LIKE o.path || '%' ORDER BY length(o.path) DESC, r.telegram_id",
        )
        .bind(&unit.path)
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<(i64, Role)> = Vec::with_capacity(rows.len());
        for (tid, role) in rows {
            let role = parse_col(&role)?;
            if !out.contains(&(tid, role)) {
                out.push((tid, role));
            }
        }
        Ok(out)
    }

    /// Telegram ids of those holding `role` on exactly this unit.
    pub async fn role_holders_on(&self, org_id: i64, role: Role) -> StoreResult<Vec<i64>> {
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT DISTINCT telegram_id FROM roles WHERE org_id = $1 AND role = $2 ORDER BY telegram_id",
        )
        .bind(org_id)
        .bind(role.as_str())
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(t,)| t).collect())
    }

    /// Telegram ids of everyone who holds any role.
    pub async fn role_holders(&self) -> StoreResult<Vec<i64>> {
        let rows: Vec<(i64,)> =
            sqlx::query_as("SELECT DISTINCT telegram_id FROM roles ORDER BY telegram_id")
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }
}
