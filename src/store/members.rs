//! People who talk to the bot, members of branches, and roster imports.

use super::{Store, StoreError, StoreResult, conflict_or, parse_col};
use crate::domain::{Locale, Member, Mobility, Phone};

#[derive(sqlx::FromRow)]
struct MemberRow {
    id: i64,
    org_id: i64,
    name: String,
    phone: Option<String>,
    telegram_id: Option<i64>,
    status: String,
    mobility: String,
    mobility_known: i64,
    city: Option<String>,
    host_org: Option<String>,
    skills: Option<String>,
    reachable: i64,
}

impl TryFrom<MemberRow> for Member {
    type Error = StoreError;
    fn try_from(r: MemberRow) -> StoreResult<Member> {
        Ok(Member {
            id: r.id,
            org_id: r.org_id,
            name: r.name,
            phone: r.phone.as_deref().and_then(|p| Phone::parse(p).ok()),
            telegram_id: r.telegram_id,
            status: parse_col(&r.status)?,
            mobility: parse_col(&r.mobility)?,
            mobility_known: r.mobility_known != 0,
            city: r.city,
            host_org: r.host_org,
            skills: r.skills,
            reachable: r.reachable != 0,
        })
    }
}

const MEMBER_SELECT: &str = "SELECT m.id, m.org_id, m.name, m.phone, m.telegram_id, m.status, m.mobility, m.mobility_known, m.city, \
     m.host_org, m.skills, COALESCE(u.reachable, 1) AS reachable \
     FROM members m LEFT JOIN users u ON u.telegram_id = m.telegram_id";

/// One row of a roster file, already validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    /// Name (required).
    pub name: String,
    /// Phone; rows without one are matched by name within the branch.
    pub phone: Option<Phone>,
    /// At home or working away; `None` when the roster does not say.
    pub mobility: Option<Mobility>,
    /// Current city, if given.
    pub city: Option<String>,
    /// Skills, if given.
    pub skills: Option<String>,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// New members.
    pub created: usize,
    /// Existing members updated.
    pub updated: usize,
}

/// Profile changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct MemberUpdate {
    /// New name.
    pub name: Option<String>,
    /// New mobility.
    pub mobility: Option<Mobility>,
    /// New city (kept in the city history).
    pub city: Option<String>,
    /// New skills; an empty string clears them.
    pub skills: Option<String>,
}

impl Store {
    /// Records that a person talked to the bot; their locale is fixed at first contact.
    /// Returns the person's locale.
    pub async fn touch_user(
        &self,
        telegram_id: i64,
        first_name: &str,
        last_name: Option<&str>,
        username: Option<&str>,
        first_locale: Locale,
        now: i64,
    ) -> StoreResult<Locale> {
        let (locale,): (String,) = sqlx::query_as(
            "INSERT INTO users (telegram_id, first_name, last_name, username, locale, reachable, created_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $5, 1, $6, $6) \
             ON CONFLICT (telegram_id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name, \
             username = excluded.username, reachable = 1, last_seen_at = excluded.last_seen_at RETURNING locale",
        )
        .bind(telegram_id)
        .bind(first_name)
        .bind(last_name)
        .bind(username)
        .bind(first_locale.tag())
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        Ok(locale.parse().unwrap_or(first_locale))
    }

    /// The stored locale of a person, if they have talked to the bot.
    pub async fn user_locale(&self, telegram_id: i64) -> StoreResult<Option<Locale>> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT locale FROM users WHERE telegram_id = $1")
                .bind(telegram_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.and_then(|(l,)| l.parse().ok()))
    }

    /// Changes a person's language.
    pub async fn set_locale(&self, telegram_id: i64, locale: Locale) -> StoreResult<()> {
        sqlx::query("UPDATE users SET locale = $1 WHERE telegram_id = $2")
            .bind(locale.tag())
            .bind(telegram_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Marks whether Telegram still delivers to a person.
    pub async fn set_reachable(&self, telegram_id: i64, reachable: bool) -> StoreResult<()> {
        sqlx::query("UPDATE users SET reachable = $1 WHERE telegram_id = $2")
            .bind(i64::from(reachable))
            .bind(telegram_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The member linked to a Telegram account.
    pub async fn member_by_telegram(&self, telegram_id: i64) -> StoreResult<Option<Member>> {
        self.one_member("WHERE m.telegram_id = $1", telegram_id)
            .await
    }

    /// The member with this id.
    pub async fn member(&self, id: i64) -> StoreResult<Member> {
        self.one_member("WHERE m.id = $1", id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("member #{id}")))
    }

    async fn one_member(&self, filter: &str, value: i64) -> StoreResult<Option<Member>> {
        let row: Option<MemberRow> = sqlx::query_as(sql!("{MEMBER_SELECT} {filter}"))
            .bind(value)
            .fetch_optional(&self.pool)
            .await?;
        row.map(Member::try_from).transpose()
    }

    /// The member with this phone, in any branch.
    pub async fn member_by_phone(&self, phone: &Phone) -> StoreResult<Option<Member>> {
        let row: Option<MemberRow> = sqlx::query_as(sql!("{MEMBER_SELECT} WHERE m.phone = $1"))
            .bind(phone.as_str())
            .fetch_optional(&self.pool)
            .await?;
        row.map(Member::try_from).transpose()
    }

    /// Active members of one unit, by name.
    pub async fn members_of(&self, org_id: i64) -> StoreResult<Vec<Member>> {
        let rows: Vec<MemberRow> = sqlx::query_as(sql!(
            "{MEMBER_SELECT} WHERE m.org_id = $1 AND m.status = 'active' ORDER BY m.id"
        ))
        .bind(org_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(Member::try_from).collect()
    }

    /// Active members of the units within `path` whose name contains `name`, by name.
    pub async fn find_members(
        &self,
        path: &str,
        name: &str,
        limit: i64,
    ) -> StoreResult<Vec<Member>> {
        let rows: Vec<MemberRow> = sqlx::query_as(sql!(
            "{MEMBER_SELECT} JOIN orgs o ON o.id = m.org_id WHERE o.path LIKE $1 AND m.status = 'active' \
             AND LOWER(m.name) LIKE LOWER($2) ORDER BY m.name, m.id LIMIT $3"
        ))
        .bind(format!("{path}%"))
        .bind(format!("%{}%", name.replace(['%', '_'], "")))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(Member::try_from).collect()
    }

    /// Links a roster member to the Telegram account that proved the phone.
    /// Fails with [`StoreError::Conflict`] if the entry was linked meanwhile.
    pub async fn link_member(&self, member_id: i64, telegram_id: i64, now: i64) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE members SET telegram_id = $1, joined_at = $2, updated_at = $2 WHERE id = $3 AND telegram_id IS NULL",
        )
        .bind(telegram_id)
        .bind(now)
        .bind(member_id)
        .execute(&self.pool)
        .await
        .map_err(|e| conflict_or(e, format!("telegram account {telegram_id}")))?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Conflict(format!(
                "member #{member_id} is already linked"
            )));
        }
        Ok(())
    }

    /// Applies profile changes; a new city is also appended to the city history.
    pub async fn update_member(
        &self,
        member_id: i64,
        update: &MemberUpdate,
        now: i64,
    ) -> StoreResult<Member> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE members SET name = COALESCE($1, name), mobility = COALESCE($2, mobility), \
             mobility_known = CASE WHEN $2 IS NULL THEN mobility_known ELSE 1 END, city = COALESCE($3, city), \
             skills = CASE WHEN $4 IS NULL THEN skills WHEN $4 = '' THEN NULL ELSE $4 END, updated_at = $5 WHERE id = $6",
        )
        .bind(update.name.as_deref())
        .bind(update.mobility.map(Mobility::as_str))
        .bind(update.city.as_deref())
        .bind(update.skills.as_deref())
        .bind(now)
        .bind(member_id)
        .execute(&mut *tx)
        .await?;
        if let Some(city) = &update.city {
            sqlx::query("INSERT INTO city_history (member_id, city, at) VALUES ($1, $2, $3)")
                .bind(member_id)
                .bind(city)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        self.member(member_id).await
    }

    /// The cities a member has reported, oldest first.
    pub async fn city_history(&self, member_id: i64) -> StoreResult<Vec<(String, i64)>> {
        Ok(
            sqlx::query_as(
                "SELECT city, at FROM city_history WHERE member_id = $1 ORDER BY at, id",
            )
            .bind(member_id)
            .fetch_all(&self.pool)
            .await?,
        )
    }

    /// Of these phones, the ones that belong to members of another unit, with that unit's name.
    pub async fn phones_elsewhere(
        &self,
        org_id: i64,
        phones: &[&Phone],
    ) -> StoreResult<Vec<(Phone, String)>> {
        let mut out = Vec::new();
        for chunk in phones.chunks(500) {
            let placeholders: Vec<String> = (2..chunk.len() + 2).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT m.phone, o.name FROM members m JOIN orgs o ON o.id = m.org_id \
                 WHERE m.org_id <> $1 AND m.phone IN ({})",
                placeholders.join(", ")
            );
            let mut q =
                sqlx::query_as::<_, (String, String)>(sqlx::AssertSqlSafe(sql)).bind(org_id);
            for p in chunk {
                q = q.bind(p.as_str());
            }
            for (phone, org) in q.fetch_all(&self.pool).await? {
                if let Ok(p) = Phone::parse(&phone) {
                    out.push((p, org));
                }
            }
        }
        Ok(out)
    }

    /// Creates or updates roster members of one unit, all or nothing.
    /// With `dry_run`, counts what would change and rolls back.
    pub async fn import_members(
        &self,
        org_id: i64,
        rows: &[ImportRow],
        now: i64,
        dry_run: bool,
        mut progress: impl FnMut(usize),
    ) -> StoreResult<ImportSummary> {
        let mut tx = self.pool.begin().await?;
        let mut summary = ImportSummary::default();
        for (i, row) in rows.iter().enumerate() {
            // Matched by phone; else a member of the same name who has no phone yet (the roster
            // now gives it).
            let by_phone: Option<(i64,)> = match &row.phone {
                Some(phone) => {
                    sqlx::query_as("SELECT id FROM members WHERE phone = $1 AND org_id = $2")
                        .bind(phone.as_str())
                        .bind(org_id)
                        .fetch_optional(&mut *tx)
                        .await?
                }
                None => None,
            };
            let existing = match by_phone {
                Some(found) => Some(found),
                None => sqlx::query_as(
                    "SELECT id FROM members WHERE phone IS NULL AND org_id = $1 AND name = $2 ORDER BY id LIMIT 1",
                )
                .bind(org_id)
                .bind(&row.name)
                .fetch_optional(&mut *tx)
                .await?,
            };
            match existing {
                Some((id,)) => {
                    sqlx::query(
                        "UPDATE members SET name = $1, mobility = COALESCE($2, mobility), \
                         mobility_known = CASE WHEN $2 IS NULL THEN mobility_known ELSE 1 END, city = COALESCE($3, city), skills = COALESCE($4, skills), \
                         phone = COALESCE($7, phone), status = 'active', updated_at = $5 WHERE id = $6",
                    )
                    .bind(&row.name)
                    .bind(row.mobility.map(Mobility::as_str))
                    .bind(row.city.as_deref())
                    .bind(row.skills.as_deref())
                    .bind(now)
                    .bind(id)
                    .bind(row.phone.as_ref().map(Phone::as_str))
                    .execute(&mut *tx)
                    .await?;
                    summary.updated += 1;
                }
                None => {
                    sqlx::query(
                        "INSERT INTO members (org_id, name, phone, status, mobility, mobility_known, city, skills, source, \
                         created_at, updated_at) VALUES ($1, $2, $3, 'active', COALESCE($4, 'resident'), \
                         CASE WHEN $4 IS NULL THEN 0 ELSE 1 END, $5, $6, 'roster', $7, $7)",
                    )
                    .bind(org_id)
                    .bind(&row.name)
                    .bind(row.phone.as_ref().map(Phone::as_str))
                    .bind(row.mobility.map(Mobility::as_str))
                    .bind(row.city.as_deref())
                    .bind(row.skills.as_deref())
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| conflict_or(e, format!("phone on row {}", i + 1)))?;
                    summary.created += 1;
                }
            }
            progress(i + 1);
        }
        if dry_run {
            tx.rollback().await?;
        } else {
            tx.commit().await?;
        }
        Ok(summary)
    }
}
