//! Recurring reminders (cron): county-wide ones from `[[schedules]]` in `config.toml`.
//!
//! Each schedule keeps its next occurrence in the database. When it comes, the occurrence is
//! recorded once (a primary key on schedule and occurrence, so across restarts and instances
//! only the first records it) and a notice goes to the audience, with quiet hours and
//! 「收到 ✓」 like any other. One missed while the service was down fires late within its
//! grace, otherwise it is skipped and logged.

use anyhow::{Context, Result};
use chrono::TimeZone;

use crate::app::App;
use crate::config::Config;
use crate::domain::CronSpec;
use crate::store::{ScheduleRow, ScheduleSpec, Store};

/// The first occurrence strictly after `after` (ms), in `tz`.
pub fn next_after(spec: &CronSpec, tz: chrono_tz::Tz, after: i64) -> Option<i64> {
    let from = tz.timestamp_millis_opt(after).single()?;
    spec.schedule()
        .after(&from)
        .next()
        .map(|t| t.timestamp_millis())
}

/// Keeps the configuration's schedules in the database (at every start).
pub async fn sync(store: &Store, config: &Config, now: i64) -> Result<()> {
    let mut names = Vec::new();
    for s in &config.schedules {
        let spec = CronSpec::parse(&s.cron).map_err(anyhow::Error::msg)?;
        let tz_name = s
            .timezone
            .clone()
            .unwrap_or_else(|| config.general.timezone.clone());
        let tz: chrono_tz::Tz = tz_name
            .parse()
            .map_err(|_| anyhow::anyhow!("unknown timezone {tz_name}"))?;
        let grace = humantime::parse_duration(&s.grace).context("schedules grace")?;
        store
            .sync_config_schedule(
                &ScheduleSpec {
                    name: &s.name,
                    cron: &s.cron,
                    timezone: &tz_name,
                    audience: &s.audience,
                    message: &s.message,
                    grace_ms: grace.as_millis() as i64,
                    purpose: &s.purpose,
                },
                next_after(&spec, tz, now),
                now,
            )
            .await?;
        names.push(s.name.as_str());
    }
    store.pause_config_schedules_except(&names).await?;
    Ok(())
}

/// Fires (or skips) every occurrence that has come.
pub async fn tick(app: &App) -> Result<()> {
    let now = app.now();
    for s in app.store.due_schedules(now).await? {
        if let Err(e) = occur(app, &s, now).await {
            tracing::error!(schedule = %s.name, error = format!("{e:#}"), "a recurring reminder failed");
        }
    }
    Ok(())
}

async fn occur(app: &App, s: &ScheduleRow, now: i64) -> Result<()> {
    let Some(occurrence) = s.next_at else {
        return Ok(());
    };
    let spec = CronSpec::parse(&s.cron).map_err(anyhow::Error::msg)?;
    let tz: chrono_tz::Tz = s
        .timezone
        .parse()
        .map_err(|_| anyhow::anyhow!("unknown timezone {}", s.timezone))?;
    let late = now - occurrence;
    let fire = late <= s.grace_ms;
    let status = if fire { "fired" } else { "skipped" };
    if app
        .store
        .claim_occurrence(s.id, occurrence, status, now)
        .await?
    {
        if fire && s.purpose == "digest" {
            // Hundreds of charts take a while: drawn beside the timers, not in their way.
            let app = app.clone();
            tokio::spawn(async move {
                if let Err(e) = crate::stats::digest(&app).await {
                    tracing::error!(error = format!("{e:#}"), "the weekly digest failed");
                }
            });
        } else if fire {
            let body = message(app, &s.message);
            let audience = match s.audience.as_str() {
                "groups" => "group",
                other => other,
            };
            let units = match s.org_id {
                Some(org) => vec![org],
                None => app.store.root_units().await?,
            };
            for unit in units {
                app.store
                    .queue_system_notice(unit, &body, (audience, &s.purpose), now)
                    .await?;
            }
            app.store
                .audit(
                    "schedule",
                    "notice.recurring",
                    &format!("{} to {audience}", s.name),
                    now,
                )
                .await?;
            tracing::info!(schedule = %s.name, "recurring reminder fired");
        } else {
            tracing::warn!(
                schedule = %s.name,
                occurrence = %app.format_time(occurrence),
                "a recurring reminder is later than its grace (Lianxin was not running at its time): skipped"
            );
        }
    }
    // The next one after this occurrence, or after the grace window if many were missed.
    let next = next_after(&spec, tz, occurrence.max(now - s.grace_ms));
    app.store.advance_schedule(s.id, occurrence, next).await?;
    Ok(())
}

/// A message id from `messages/` in the default language, or the text as written.
fn message(app: &App, message: &str) -> String {
    app.i18n
        .try_render(app.config.default_locale(), message, &[])
        .unwrap_or_else(|_| message.to_string())
}

mod manage;

pub use manage::{audience, confirm, create_in, cron_typed, delete, list, message_typed, pause};

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(tz: chrono_tz::Tz, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
        tz.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .earliest()
            .unwrap()
            .timestamp_millis()
    }

    fn show(tz: chrono_tz::Tz, t: i64) -> String {
        tz.timestamp_millis_opt(t)
            .unwrap()
            .format("%Y-%m-%d %H:%M %Z")
            .to_string()
    }

    fn next_n(cron: &str, tz: chrono_tz::Tz, from: i64, n: usize) -> Vec<String> {
        let spec = CronSpec::parse(cron).unwrap();
        let mut out = Vec::new();
        let mut t = from;
        for _ in 0..n {
            t = next_after(&spec, tz, t).unwrap();
            out.push(show(tz, t));
        }
        out
    }

    #[test]
    fn the_31st_skips_short_months_and_the_last_of_february_is_found() {
        let tz = chrono_tz::Asia::Shanghai;
        assert_eq!(
            next_n("0 9 31 * *", tz, at(tz, 2027, 1, 31, 10, 0), 3),
            [
                "2027-03-31 09:00 CST",
                "2027-05-31 09:00 CST",
                "2027-07-31 09:00 CST"
            ]
        );
        // 29 February only in leap years.
        assert_eq!(
            next_n("0 8 29 2 *", tz, at(tz, 2027, 1, 1, 0, 0), 2),
            ["2028-02-29 08:00 CST", "2032-02-29 08:00 CST"]
        );
        // Month-end at 23:59 into the next year.
        assert_eq!(
            next_n("59 23 31 12 *", tz, at(tz, 2026, 12, 31, 23, 59), 1),
            ["2027-12-31 23:59 CST"]
        );
    }

    #[test]
    fn daylight_saving_changes_neither_repeat_nor_invent_an_occurrence() {
        let tz = chrono_tz::America::New_York;
        // Spring forward (8 March 2026): 02:30 does not exist that day, so it is skipped.
        assert_eq!(
            next_n("30 2 * * *", tz, at(tz, 2026, 3, 6, 12, 0), 3),
            [
                "2026-03-07 02:30 EST",
                "2026-03-09 02:30 EDT",
                "2026-03-10 02:30 EDT"
            ]
        );
        // Fall back (1 November 2026): 01:30 happens twice; the reminder fires once.
        let fall = next_n("30 1 * * *", tz, at(tz, 2026, 10, 31, 12, 0), 2);
        assert_eq!(fall, ["2026-11-01 01:30 EDT", "2026-11-02 01:30 EST"]);
        // 9:00 stays 9:00 local across the change.
        assert_eq!(
            next_n("0 9 * * *", tz, at(tz, 2026, 3, 7, 12, 0), 2),
            ["2026-03-08 09:00 EDT", "2026-03-09 09:00 EDT"]
        );
    }
}
