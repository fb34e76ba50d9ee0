//! `/reports`: this month's status reports of a branch, and its silent members.

use anyhow::Result;

use crate::access::{Pick, Staff};
use crate::app::{Actor, App};
use crate::domain::{Mobility, OrgUnit};
use crate::i18n::Text;
use crate::notices::dispatch::release;
use crate::onboarding::invites::choose_branch;
use crate::reply::{Action, Button, Line, Outcome, Reply, name_list};
use crate::store::RollEntry;

/// Names listed per line.
const LISTED: usize = 30;
/// No interaction for this long: silent.
const SILENT_DAYS: i64 = 30;
/// ...and for this long: silent for a long time.
const LONG_SILENT_DAYS: i64 = 60;
const DAY: i64 = 86_400_000;

/// `/reports [code]`.
pub async fn list(app: &App, actor: &Actor, arg: &str) -> Result<Outcome> {
    let staff = Staff::of(&app.store, actor.id).await?;
    match staff.pick_branch(&app.store, arg).await? {
        Pick::One(branch) => roll(app, actor.id, &branch).await,
        Pick::Choose(branches) => Ok(choose_branch(actor.id, "/reports", branches, |org| {
            Action::Reports { org }
        })),
        Pick::Refused(text) => Ok(Outcome::text(actor.id, text)),
    }
}

/// A branch chosen with a button after `/reports`.
pub async fn list_for(app: &App, actor: &Actor, org: i64) -> Result<Outcome> {
    let branch = app.store.org(org).await?;
    if !Staff::of(&app.store, actor.id).await?.covers(&branch) {
        return Ok(Outcome::alert(Text::NotYourBranch));
    }
    roll(app, actor.id, &branch).await
}

/// The silent members of a roll: (30–59 days, 60 days or more), joined members only.
fn silent(roll: &[RollEntry], now: i64) -> (Vec<&RollEntry>, Vec<&RollEntry>) {
    let quiet_for = |e: &RollEntry| now - e.last_seen.unwrap_or(0);
    let joined = roll.iter().filter(|e| e.telegram_id.is_some());
    let (long, short): (Vec<&RollEntry>, Vec<&RollEntry>) = joined
        .filter(|e| quiet_for(e) >= SILENT_DAYS * DAY)
        .partition(|e| quiet_for(e) >= LONG_SILENT_DAYS * DAY);
    (short, long)
}

async fn roll(app: &App, to: i64, branch: &OrgUnit) -> Result<Outcome> {
    let now = app.now();
    let period = super::period(app, now);
    let roll = app.store.report_roll(&branch.path, &period).await?;
    let mobile: Vec<&RollEntry> = roll
        .iter()
        .filter(|e| e.mobility == Mobility::Mobile.as_str())
        .collect();
    let (done, missing): (Vec<&RollEntry>, Vec<&RollEntry>) =
        mobile.iter().partition(|e| e.reported_at.is_some());
    let name = |e: &&RollEntry| match &e.city {
        Some(city) => format!("{}（{city}）", e.name),
        None => e.name.clone(),
    };
    let mut reply = Reply::text(
        to,
        Text::ReportsHeader {
            branch: branch.name.as_str().into(),
            month: period.as_str().into(),
        },
    )
    .line(Line::from(Text::ReportsMobile {
        reported: done.len().into(),
        total: mobile.len().into(),
    }));
    if !missing.is_empty() {
        reply = reply.line(Line::from(Text::ReportsMissing {
            names: name_list(&missing.iter().map(name).collect::<Vec<_>>(), LISTED).into(),
        }));
    }
    if !done.is_empty() {
        reply = reply.line(Line::from(Text::ReportsDone {
            names: name_list(&done.iter().map(name).collect::<Vec<_>>(), LISTED).into(),
        }));
    }
    let (short, long) = silent(&roll, now);
    let names = |list: &[&RollEntry]| {
        name_list(
            &list.iter().map(|e| e.name.clone()).collect::<Vec<_>>(),
            LISTED,
        )
    };
    if short.is_empty() && long.is_empty() {
        reply = reply.line(Line::from(Text::ReportsNoSilent));
    }
    if !short.is_empty() {
        reply = reply.line(Line::from(Text::ReportsSilent30 {
            count: short.len().into(),
            names: names(&short).into(),
        }));
    }
    if !long.is_empty() {
        reply = reply.line(Line::from(Text::ReportsSilent60 {
            count: long.len().into(),
            names: names(&long).into(),
        }));
    }
    let unjoined = roll.iter().filter(|e| e.telegram_id.is_none()).count();
    if unjoined > 0 {
        reply = reply.line(Line::from(Text::ReportsUnjoined {
            count: unjoined.into(),
        }));
    }
    let quiet = short.len() + long.len();
    if quiet > 0 {
        reply = reply.row(vec![Button::new(
            Text::ButtonNudgeSilent {
                count: quiet.into(),
            },
            Action::NudgeSilent { org: branch.id },
        )]);
    }
    Ok(Outcome::reply(reply))
}

/// 「提醒他们」: a private word to each silent member, at most one a day each.
pub async fn nudge_silent(app: &App, actor: &Actor, org: i64) -> Result<Outcome> {
    let branch = app.store.org(org).await?;
    if !Staff::of(&app.store, actor.id).await?.covers(&branch) {
        return Ok(Outcome::alert(Text::NotYourBranch));
    }
    let now = app.now();
    let roll = app
        .store
        .report_roll(&branch.path, &super::period(app, now))
        .await?;
    let (short, long) = silent(&roll, now);
    let (mut sent, mut skipped) = (0usize, 0usize);
    let mut rows = Vec::new();
    for e in short.iter().chain(long.iter()) {
        let Some(chat) = e.telegram_id else { continue };
        if !app.store.claim_silent_nudge(e.member_id, now).await? {
            skipped += 1;
            continue;
        }
        let hello = Reply::text(
            chat,
            Text::SilentNudge {
                name: e.name.as_str().into(),
                branch: branch.name.as_str().into(),
            },
        )
        .row(vec![Button::new(
            Text::ButtonAlive,
            Action::Alive { org: branch.id },
        )]);
        // Not urgent: bulk, and after the member's quiet hours.
        let hold = release(app, app.store.quiet_hours(e.member_id).await?, now);
        for mut row in crate::telegram::render::render(app, hello, 1).await? {
            row.not_before = hold;
            rows.push(row);
        }
        sent += 1;
    }
    app.store.enqueue(&rows, now).await?;
    app.delivery.wake();
    Ok(Outcome::reply(Reply::text(
        actor.id,
        Text::SilentNudged {
            sent: sent.into(),
            skipped: skipped.into(),
        },
    )))
}

/// 「我很好」 on a silent-member reminder: the press itself is the sign of life (it updates
/// when the member was last seen); the secretaries of the branch hear it.
pub async fn alive(app: &App, actor: &Actor, org: i64, message: Option<i32>) -> Result<Outcome> {
    let Some(member) = app.store.member_by_telegram(actor.id).await? else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    if member.org_id != org {
        return Ok(Outcome::toast(Text::AliveThanks));
    }
    let mut out = Outcome::toast(Text::AliveThanks);
    if let Some(m) = message {
        out = out.and(Reply::text(actor.id, Text::AliveReply).editing(m));
    }
    let branch = app.store.org(org).await?;
    for secretary in crate::onboarding::deciders(app, &branch).await? {
        out = out.and(Reply::text(
            secretary,
            Text::AliveToSecretary {
                name: member.name.as_str().into(),
            },
        ));
    }
    Ok(out)
}
