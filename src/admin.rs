//! Operator tasks: the org tree, role grants, and organizers from the configuration.

use anyhow::{Result, bail};

use crate::config::Config;
use crate::domain::{OrgCode, OrgKind, OrgUnit, Role};
use crate::store::{Store, StoreError};

/// Adds a unit; its kind defaults to the level below its parent.
pub async fn add_org(
    store: &Store,
    code: &str,
    name: &str,
    parent: Option<&str>,
    kind: Option<&str>,
    now: i64,
) -> Result<OrgUnit> {
    let code = OrgCode::parse(code)?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 60 {
        bail!("the name must have 1 to 60 characters");
    }
    let parent = match parent {
        Some(p) => {
            let p = OrgCode::parse(p)?;
            Some(
                store
                    .org_by_code(&p)
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("no unit with code {p}"))?,
            )
        }
        None => None,
    };
    let kind = match kind {
        Some(k) => k.parse::<OrgKind>().map_err(anyhow::Error::msg)?,
        None => OrgKind::default_child(parent.as_ref().map(|p| p.kind)),
    };
    if !kind.may_be_child_of(parent.as_ref().map(|p| p.kind)) {
        bail!(
            "a {} cannot sit under a {}",
            kind.as_str(),
            parent.as_ref().map_or("nothing", |p| p.kind.as_str())
        );
    }
    match store.add_org(&code, name, kind, parent.as_ref(), now).await {
        Ok(unit) => {
            store
                .audit(
                    "cli",
                    "org_add",
                    &format!("{code} {name} ({})", kind.as_str()),
                    now,
                )
                .await?;
            Ok(unit)
        }
        Err(StoreError::Conflict(_)) => bail!("a unit with code {code} already exists"),
        Err(e) => Err(e.into()),
    }
}

/// The org tree as indented text, one unit a line: `name [code] kind`.
pub async fn tree(store: &Store) -> Result<String> {
    let units = store.orgs().await?;
    let mut out = String::new();
    for u in &units {
        let depth = u.path.matches('/').count().saturating_sub(2);
        out.push_str(&format!(
            "{}{} [{}] {}\n",
            "  ".repeat(depth),
            u.name,
            u.code,
            u.kind.as_str()
        ));
    }
    Ok(out)
}

/// Grants or revokes a role; says what changed.
pub async fn set_role(
    store: &Store,
    telegram_id: i64,
    role: &str,
    org: &str,
    grant: bool,
    actor: &str,
    now: i64,
) -> Result<String> {
    let role: Role = role.parse().map_err(anyhow::Error::msg)?;
    let code = OrgCode::parse(org)?;
    let Some(unit) = store.org_by_code(&code).await? else {
        bail!("no unit with code {code}")
    };
    if telegram_id <= 0 {
        bail!("a Telegram user id is a positive number");
    }
    let changed = if grant {
        store
            .grant_role(telegram_id, role, &unit, actor, now)
            .await?
    } else {
        store.revoke_role(telegram_id, role, &unit).await?
    };
    let verb = if grant { "grant" } else { "revoke" };
    if changed {
        store
            .audit(
                actor,
                &format!("role_{verb}"),
                &format!("{} {} on {code}", telegram_id, role.as_str()),
                now,
            )
            .await?;
    }
    Ok(match (grant, changed) {
        (true, true) => format!(
            "granted {} on {} ({}) to {telegram_id}",
            role.as_str(),
            unit.name,
            code
        ),
        (true, false) => format!("{telegram_id} already is {} on {code}", role.as_str()),
        (false, true) => format!("revoked {} on {code} from {telegram_id}", role.as_str()),
        (false, false) => format!("{telegram_id} was not {} on {code}", role.as_str()),
    })
}

/// Grants the `[[bootstrap.organizers]]` roles; a unit that does not exist yet is reported.
pub async fn bootstrap(store: &Store, config: &Config, now: i64) -> Result<()> {
    for entry in &config.bootstrap.organizers {
        match set_role(
            store,
            entry.telegram_id,
            "organizer",
            &entry.org,
            true,
            "config",
            now,
        )
        .await
        {
            Ok(msg) => tracing::debug!("{msg}"),
            Err(e) => {
                tracing::warn!(org = %entry.org, error = %e, "bootstrap organizer not granted")
            }
        }
    }
    Ok(())
}

/// `--since`: a local date (`2026-11-01`) or a span back from now (`7d`, `24h`).
pub fn parse_since(s: &str, tz: chrono_tz::Tz, now: i64) -> Result<i64> {
    use chrono::TimeZone;
    if let Ok(date) = chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
        return tz
            .from_local_datetime(&date.and_time(chrono::NaiveTime::MIN))
            .earliest()
            .map(|t| t.timestamp_millis())
            .ok_or_else(|| anyhow::anyhow!("{s} does not exist in {tz}"));
    }
    match humantime::parse_duration(s.trim()) {
        Ok(span) => Ok(now - span.as_millis() as i64),
        Err(_) => bail!("--since {s:?}: give a date like 2026-11-01 or a span like 7d or 24h"),
    }
}

/// A time in `tz`, `2026-11-27 09:00`.
pub fn local_time(millis: i64, tz: chrono_tz::Tz) -> String {
    chrono::DateTime::from_timestamp_millis(millis)
        .map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}
