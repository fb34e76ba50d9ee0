//! `/schedules`: a branch lists the county's reminders and its own, adds one (cron → message →
//! audience → the next three times to confirm), pauses, resumes and deletes its own.

use anyhow::Result;

use super::next_after;
use crate::access::Staff;
use crate::app::{Actor, App};
use crate::dialogue::Dialogue;
use crate::domain::{CronSpec, Locale, OrgUnit};
use crate::i18n::Text;
use crate::reply::{Action, Button, Line, Outcome, Reply};
use crate::store::{ScheduleRow, ScheduleSpec};

/// The longest reminder text.
const MAX_MESSAGE: usize = 1000;
/// Schedules a unit may have.
const MAX_PER_UNIT: usize = 20;
/// How late a missed occurrence of a branch's schedule may still fire.
const GRACE_MS: i64 = 3_600_000;

fn audience_text(audience: &str) -> Text {
    match audience {
        "groups" => Text::AudienceGroup,
        "mobile" => Text::AudienceMobile,
        "resident" => Text::AudienceResident,
        _ => Text::AudienceAll,
    }
}

/// The units the person manages schedules for, each once, top ones first.
fn units(staff: &Staff) -> Vec<OrgUnit> {
    let mut units: Vec<OrgUnit> = Vec::new();
    for (_, unit) in &staff.roles {
        if !units.iter().any(|u| u.id == unit.id) {
            units.push(unit.clone());
        }
    }
    units.sort_by(|a, b| a.path.cmp(&b.path));
    units
}

/// `/schedules`: every reminder that reaches the caller's units, with buttons for their own.
pub async fn list(app: &App, actor: &Actor) -> Result<Outcome> {
    let staff = Staff::of(&app.store, actor.id).await?;
    if !staff.is_staff() {
        return Ok(Outcome::text(actor.id, Text::SecretaryOnly));
    }
    let units = units(&staff);
    let paths: Vec<String> = units.iter().map(|u| u.path.clone()).collect();
    let rows = app.store.schedules_for(&paths).await?;
    let locale = app.locale_of(actor.id).await;
    let mut reply = Reply::text(actor.id, Text::SchedulesHeader);
    if rows.is_empty() {
        reply = reply.line(Line::from(Text::SchedulesNone));
    }
    for (i, s) in rows.iter().enumerate() {
        let owner = match s.org_id {
            Some(org) => app.store.org(org).await?.name,
            None => app.i18n.render(locale, &Text::ScheduleCounty),
        };
        reply = reply.line(Line::from(Text::ScheduleLine {
            n: (i + 1).into(),
            name: s.name.as_str().into(),
            owner: owner.into(),
            cron: s.cron.as_str().into(),
            audience: app.i18n.render(locale, &audience_text(&s.audience)).into(),
            next: s
                .next_at
                .map(|t| app.format_time(t))
                .unwrap_or_else(|| app.i18n.render(locale, &Text::SchedulePausedMark))
                .into(),
        }));
        if s.org_id.is_some() {
            let n = i + 1;
            let toggle = if s.paused == 0 {
                Text::ButtonPause { n: n.into() }
            } else {
                Text::ButtonResume { n: n.into() }
            };
            reply = reply.row(vec![
                Button::new(
                    toggle,
                    Action::SchedulePause {
                        id: s.id,
                        pause: s.paused == 0,
                    },
                ),
                Button::new(
                    Text::ButtonDelete { n: n.into() },
                    Action::ScheduleDelete { id: s.id },
                ),
            ]);
        }
    }
    let add = |u: &OrgUnit| {
        Button::new(
            Text::ButtonScheduleNew {
                unit: u.name.as_str().into(),
            },
            Action::ScheduleNew { org: u.id },
        )
    };
    for pair in units.chunks(2).take(6) {
        reply = reply.row(pair.iter().map(add).collect());
    }
    Ok(Outcome::reply(reply))
}

/// 「新增」: ask for the cron expression.
pub async fn create_in(app: &App, actor: &Actor, org: i64) -> Result<Outcome> {
    let unit = app.store.org(org).await?;
    if !Staff::of(&app.store, actor.id).await?.covers(&unit) {
        return Ok(Outcome::alert(Text::NotYourBranch));
    }
    let own = app
        .store
        .schedules_for(std::slice::from_ref(&unit.path))
        .await?
        .iter()
        .filter(|s| s.org_id == Some(unit.id))
        .count();
    if own >= MAX_PER_UNIT {
        return Ok(Outcome::alert(Text::SchedulesFull {
            max: MAX_PER_UNIT.into(),
        }));
    }
    Dialogue::ScheduleCron { org }
        .save(&app.store, actor.id, app.now())
        .await?;
    Ok(Outcome::reply(
        Reply::text(
            actor.id,
            Text::ScheduleAskCron {
                unit: unit.name.as_str().into(),
            },
        )
        .row(vec![Button::new(Text::ButtonCancel, Action::Cancel)]),
    ))
}

/// The next `n` occurrences of a cron expression in the default timezone.
fn next_times(app: &App, spec: &CronSpec, n: usize) -> Vec<i64> {
    let mut out = Vec::new();
    let mut after = app.now();
    while out.len() < n {
        match next_after(spec, app.tz(), after) {
            Some(t) => {
                out.push(t);
                after = t;
            }
            None => break,
        }
    }
    out
}

/// The typed cron expression: checked, then ask for the message.
pub async fn cron_typed(app: &App, actor: &Actor, org: i64, typed: &str) -> Result<Outcome> {
    let spec = match CronSpec::parse(typed) {
        Ok(s) => s,
        Err(e) => {
            return Ok(Outcome::text(
                actor.id,
                Text::ScheduleCronBad {
                    error: e.chars().take(200).collect::<String>().into(),
                },
            ));
        }
    };
    if next_times(app, &spec, 1).is_empty() {
        return Ok(Outcome::text(actor.id, Text::ScheduleNeverFires));
    }
    Dialogue::ScheduleMessage {
        org,
        cron: spec.to_string(),
    }
    .save(&app.store, actor.id, app.now())
    .await?;
    Ok(Outcome::text(actor.id, Text::ScheduleAskMessage))
}

/// The typed message: who does it go to?
pub async fn message_typed(
    app: &App,
    actor: &Actor,
    org: i64,
    cron: String,
    typed: &str,
) -> Result<Outcome> {
    let message = typed.trim();
    if message.is_empty() {
        return Ok(Outcome::text(actor.id, Text::ScheduleAskMessage));
    }
    if message.chars().count() > MAX_MESSAGE {
        return Ok(Outcome::text(
            actor.id,
            Text::TooLong {
                max: MAX_MESSAGE.into(),
            },
        ));
    }
    Dialogue::ScheduleReady {
        org,
        cron,
        message: message.to_string(),
    }
    .save(&app.store, actor.id, app.now())
    .await?;
    let choose = |a: &str| {
        Button::new(
            audience_text(a),
            Action::ScheduleAudience {
                org,
                audience: a.into(),
            },
        )
    };
    Ok(Outcome::reply(
        Reply::text(actor.id, Text::NoticeChooseAudience)
            .row(vec![choose("groups"), choose("all")])
            .row(vec![choose("mobile"), choose("resident")])
            .row(vec![Button::new(Text::ButtonCancel, Action::Cancel)]),
    ))
}

/// The draft being added, from the presser's conversation.
async fn draft(app: &App, actor: &Actor, org: i64) -> Result<Option<(String, String)>> {
    Ok(match Dialogue::load(&app.store, actor.id).await? {
        Some(Dialogue::ScheduleReady {
            org: o,
            cron,
            message,
        }) if o == org => Some((cron, message)),
        _ => None,
    })
}

fn name_of(message: &str) -> String {
    let line = message.lines().next().unwrap_or_default();
    if line.chars().count() > 20 {
        format!("{}…", line.chars().take(19).collect::<String>())
    } else {
        line.to_string()
    }
}

/// The audience was chosen: show the next three times to confirm.
pub async fn audience(
    app: &App,
    actor: &Actor,
    org: i64,
    audience: &str,
    message: Option<i32>,
) -> Result<Outcome> {
    if !matches!(audience, "groups" | "all" | "mobile" | "resident") {
        return Ok(Outcome::alert(Text::ButtonExpired));
    }
    let Some((cron, text)) = draft(app, actor, org).await? else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    let spec = CronSpec::parse(&cron).map_err(anyhow::Error::msg)?;
    let locale: Locale = app.locale_of(actor.id).await;
    let times: Vec<String> = next_times(app, &spec, 3)
        .into_iter()
        .map(|t| app.format_time(t))
        .collect();
    let mut reply = Reply::text(
        actor.id,
        Text::ScheduleConfirmAsk {
            name: name_of(&text).into(),
            cron: cron.as_str().into(),
            audience: app.i18n.render(locale, &audience_text(audience)).into(),
            message: text.as_str().into(),
        },
    );
    for t in times {
        reply = reply.line(Line::from(Text::Plain {
            text: format!("· {t}").into(),
        }));
    }
    reply = reply.row(vec![
        Button::new(
            Text::ButtonConfirmSchedule,
            Action::ScheduleConfirm {
                org,
                audience: audience.into(),
            },
        ),
        Button::new(Text::ButtonCancel, Action::Cancel),
    ]);
    if let Some(m) = message {
        reply = reply.editing(m);
    }
    Ok(Outcome::reply(reply))
}

/// 「确认添加」.
pub async fn confirm(
    app: &App,
    actor: &Actor,
    org: i64,
    audience: &str,
    message: Option<i32>,
) -> Result<Outcome> {
    let unit = app.store.org(org).await?;
    if !Staff::of(&app.store, actor.id).await?.covers(&unit) {
        return Ok(Outcome::alert(Text::NotYourBranch));
    }
    if !matches!(audience, "groups" | "all" | "mobile" | "resident") {
        return Ok(Outcome::alert(Text::ButtonExpired));
    }
    let Some((cron, text)) = draft(app, actor, org).await? else {
        return Ok(Outcome::alert(Text::ScheduleAlreadyAdded));
    };
    let spec = CronSpec::parse(&cron).map_err(anyhow::Error::msg)?;
    let now = app.now();
    let name = name_of(&text);
    let tz = app.config.general.timezone.clone();
    let created = app
        .store
        .create_schedule(
            unit.id,
            &ScheduleSpec {
                name: &name,
                cron: &cron,
                timezone: &tz,
                audience,
                message: &text,
                grace_ms: GRACE_MS,
                purpose: "notice",
            },
            next_after(&spec, app.tz(), now),
            now,
        )
        .await?;
    app.store.clear_dialogue(actor.id).await?;
    let Some(id) = created else {
        return Ok(Outcome::alert(Text::ScheduleAlreadyAdded));
    };
    app.store
        .audit(
            &actor.id.to_string(),
            "schedule.add",
            &format!("{id} {} {cron}", unit.code.as_str()),
            now,
        )
        .await?;
    let done = Text::ScheduleAdded {
        name: name.as_str().into(),
    };
    Ok(match message {
        Some(m) => Outcome::reply(Reply::text(actor.id, done).editing(m)),
        None => Outcome::text(actor.id, done),
    })
}

/// A schedule the presser may change: a unit's own, within their roles.
async fn own(app: &App, actor: &Actor, id: i64) -> Result<Result<ScheduleRow, Outcome>> {
    let Some(s) = app.store.schedule(id).await? else {
        return Ok(Err(Outcome::alert(Text::ButtonExpired)));
    };
    let Some(org) = s.org_id else {
        return Ok(Err(Outcome::alert(Text::ScheduleCountyReadOnly)));
    };
    let unit = app.store.org(org).await?;
    if !Staff::of(&app.store, actor.id).await?.covers(&unit) {
        return Ok(Err(Outcome::alert(Text::NotYourBranch)));
    }
    Ok(Ok(s))
}

/// 「暂停」 or 「恢复」.
pub async fn pause(app: &App, actor: &Actor, id: i64, paused: bool) -> Result<Outcome> {
    let s = match own(app, actor, id).await? {
        Ok(s) => s,
        Err(out) => return Ok(out),
    };
    let next = if paused {
        None
    } else {
        let spec = CronSpec::parse(&s.cron).map_err(anyhow::Error::msg)?;
        let tz: chrono_tz::Tz = s.timezone.parse().unwrap_or(app.tz());
        next_after(&spec, tz, app.now())
    };
    app.store.set_schedule_paused(id, paused, next).await?;
    app.store
        .audit(
            &actor.id.to_string(),
            if paused {
                "schedule.pause"
            } else {
                "schedule.resume"
            },
            &id.to_string(),
            app.now(),
        )
        .await?;
    Ok(Outcome::text(
        actor.id,
        match next {
            None => Text::SchedulePaused {
                name: s.name.as_str().into(),
            },
            Some(t) => Text::ScheduleResumed {
                name: s.name.as_str().into(),
                next: app.format_time(t).into(),
            },
        },
    ))
}

/// 「删除」.
pub async fn delete(app: &App, actor: &Actor, id: i64) -> Result<Outcome> {
    let s = match own(app, actor, id).await? {
        Ok(s) => s,
        Err(out) => return Ok(out),
    };
    if !app.store.delete_schedule(id).await? {
        return Ok(Outcome::alert(Text::ButtonExpired));
    }
    app.store
        .audit(
            &actor.id.to_string(),
            "schedule.delete",
            &format!("{id} {}", s.cron),
            app.now(),
        )
        .await?;
    Ok(Outcome::text(
        actor.id,
        Text::ScheduleDeleted {
            name: s.name.as_str().into(),
        },
    ))
}
