//! Points (积分): awards by the rules in `[points.rules]`, with caps and who they apply to;
//! `/points` for members; manual ± with a reason for secretaries.

use anyhow::Result;
use chrono::{Datelike, TimeZone};

use crate::access::Staff;
use crate::app::{Actor, App};
use crate::domain::{Member, Phone};
use crate::i18n::Text;
use crate::reply::{Line, Outcome, Reply};
use crate::store::NewEntry;

/// The rule key of manual entries.
pub const MANUAL: &str = "manual";
/// Entries listed by `/points`.
const LATEST: i64 = 8;
/// The most a secretary may add or take in one entry.
const MAX_MANUAL: i64 = 100;

/// Awards `rule` to `member` for `source` (e.g. `notice:12`), once: returns the points given,
/// or `None` when the rule does not apply to them, a cap is reached, or it was already given.
pub async fn award(app: &App, member: &Member, rule: &str, source: &str) -> Result<Option<i64>> {
    let Some(r) = app.config.points.rules.get(rule) else {
        return Ok(None);
    };
    if !applies(r, member) || r.points == 0 {
        return Ok(None);
    }
    let (day, month, _) = starts(app);
    for (cap, since) in [(r.daily_cap, day), (r.monthly_cap, month)] {
        if let Some(cap) = cap
            && app.store.points_since(member.id, Some(rule), since).await? + r.points > cap
        {
            return Ok(None);
        }
    }
    let entry = NewEntry {
        member_id: member.id,
        rule,
        points: r.points,
        source,
        reason: None,
        granted_by: None,
    };
    Ok(app
        .store
        .add_points(&entry, app.now())
        .await?
        .then_some(r.points))
}

/// Brings a member's points from `rule` for `source` to what they should be now: the award
/// when `deserved` (given once, as [`award`] does), nothing when not. A change of mind (a
/// secretary marking present, then absent) is a new correcting entry, never an edit.
pub async fn settle(
    app: &App,
    member: &Member,
    rule: &str,
    source: &str,
    deserved: bool,
) -> Result<()> {
    if deserved && award(app, member, rule, source).await?.is_some() {
        return Ok(());
    }
    let net = app.store.points_for_event(member.id, rule, source).await?;
    let given_before = app.store.was_awarded(member.id, rule, source).await?;
    let want = match app.config.points.rules.get(rule) {
        _ if !deserved => 0,
        // A cap or the rule's scope kept the award back: nothing to correct.
        _ if !given_before => net,
        // Given once (so it applied), taken back, and deserved again.
        Some(r) if net <= 0 => r.points,
        _ => net,
    };
    if want != net {
        let now = app.now();
        app.store
            .add_points(
                &NewEntry {
                    member_id: member.id,
                    rule,
                    points: want - net,
                    source: &format!("{source}:fix:{now}"),
                    reason: None,
                    granted_by: None,
                },
                now,
            )
            .await?;
    }
    Ok(())
}

/// Whether a rule is for this member (`applies_to` is all, resident or mobile).
fn applies(rule: &crate::config::PointsRule, member: &Member) -> bool {
    rule.applies_to
        .parse::<crate::domain::Audience>()
        .map_or(true, |a| a.takes(member.mobility))
}

/// The start of today, this month and this year in the default timezone (ms).
fn starts(app: &App) -> (i64, i64, i64) {
    let tz = app.tz();
    let now = chrono::DateTime::from_timestamp_millis(app.now())
        .unwrap_or_default()
        .with_timezone(&tz);
    let at = |y, m, d| {
        tz.with_ymd_and_hms(y, m, d, 0, 0, 0)
            .earliest()
            .map_or(0, |t| t.timestamp_millis())
    };
    (
        at(now.year(), now.month(), now.day()),
        at(now.year(), now.month(), 1),
        at(now.year(), 1, 1),
    )
}

/// What a rule is called.
fn rule_name(rule: &str) -> Text {
    match rule {
        "notice_ack" => Text::RuleNoticeAck,
        "lesson_done" => Text::RuleLessonDone,
        "quiz_correct" => Text::RuleQuizCorrect,
        "session_attend" => Text::RuleSessionAttend,
        "status_report" => Text::RuleStatusReport,
        "feedback" => Text::RuleFeedback,
        MANUAL => Text::RuleManual,
        other => Text::Plain { text: other.into() },
    }
}

/// `/points`: a member's year and month totals and latest entries; for secretaries,
/// `/points PHONE ±N REASON` adds or takes points.
pub async fn points(app: &App, actor: &Actor, args: &str) -> Result<Outcome> {
    if !args.trim().is_empty() {
        return adjust(app, actor, args).await;
    }
    let Some(member) = app.store.member_by_telegram(actor.id).await? else {
        let staff = Staff::of(&app.store, actor.id).await?;
        if !staff.is_staff() {
            return Ok(Outcome::text(actor.id, Text::PointsMembersOnly));
        }
        return averages(app, actor, &staff).await;
    };
    let (_, month, year) = starts(app);
    let mut reply = Reply::text(
        actor.id,
        Text::PointsSummary {
            year: app.store.points_since(member.id, None, year).await?.into(),
            month: app.store.points_since(member.id, None, month).await?.into(),
        },
    );
    let latest = app.store.latest_points(member.id, LATEST).await?;
    if latest.is_empty() {
        reply = reply.line(Line::from(Text::PointsNone));
    } else {
        reply = reply.line(Line::from(Text::PointsLatest));
        for e in latest {
            let mut line = vec![
                Text::Plain {
                    text: format!("{} ", &app.format_time(e.at)[5..10]).into(),
                },
                rule_name(&e.rule),
                Text::PointsDelta {
                    points: format!("{:+}", e.points).into(),
                },
            ];
            if let Some(reason) = e.reason {
                line.push(Text::PointsReason {
                    reason: reason.into(),
                });
            }
            reply = reply.line(Line(line));
        }
    }
    Ok(Outcome::reply(reply))
}

/// `/points` of secretaries and organizers: each branch's average this month (never a
/// per-person ranking), and how to add or take points.
async fn averages(app: &App, actor: &Actor, staff: &Staff) -> Result<Outcome> {
    let (_, month, _) = starts(app);
    let mut reply = Reply::text(actor.id, Text::PointsAveragesHeader);
    let mut seen = Vec::new();
    for (_, unit) in &staff.roles {
        if seen
            .iter()
            .any(|p: &String| unit.path.starts_with(p.as_str()))
        {
            continue;
        }
        seen.push(unit.path.clone());
        for (name, members, total) in app.store.points_by_unit(&unit.path, month).await? {
            let tenths = if members > 0 { total * 10 / members } else { 0 };
            reply = reply.line(Line::from(Text::PointsAverageLine {
                branch: name.into(),
                members: members.into(),
                average: format!("{}.{}", tenths / 10, (tenths % 10).abs()).into(),
            }));
        }
    }
    Ok(Outcome::reply(
        reply.line(Line::from(Text::PointsStaffHint)),
    ))
}

/// `/points` in a branch group: the month's ranking when `points.public_leaderboard` is on;
/// otherwise members are pointed to their own private `/points`.
pub async fn group_board(app: &App, chat: i64) -> Result<Outcome> {
    if !app.config.points.public_leaderboard {
        return Ok(Outcome::text(chat, Text::PointsBoardPrivate));
    }
    let Some(link) = app.store.group_link(chat).await? else {
        return Ok(Outcome::text(chat, Text::PointsBoardPrivate));
    };
    let unit = app.store.org(link.org_id).await?;
    let (_, month, _) = starts(app);
    let board = app.store.points_board(&unit.path, month, 10).await?;
    let mut reply = Reply::text(
        chat,
        Text::PointsBoardHeader {
            branch: unit.name.as_str().into(),
        },
    );
    if board.is_empty() {
        reply = reply.line(Line::from(Text::PointsNone));
    }
    for (i, (name, points)) in board.into_iter().enumerate() {
        reply = reply.line(Line::from(Text::PointsBoardLine {
            rank: (i + 1).into(),
            name: name.into(),
            points: points.into(),
        }));
    }
    Ok(Outcome::reply(reply))
}

/// `/points PHONE ±N REASON` by a secretary of the member's branch.
async fn adjust(app: &App, actor: &Actor, args: &str) -> Result<Outcome> {
    let staff = Staff::of(&app.store, actor.id).await?;
    if !staff.is_staff() {
        return Ok(Outcome::text(actor.id, Text::PointsMembersOnlyAdjust));
    }
    let mut parts = args.split_whitespace();
    let (Some(who), Some(delta)) = (parts.next(), parts.next()) else {
        return Ok(Outcome::text(actor.id, Text::PointsAdjustUsage));
    };
    let reason = parts.collect::<Vec<_>>().join(" ");
    let Ok(delta) = delta.trim_start_matches('+').parse::<i64>() else {
        return Ok(Outcome::text(actor.id, Text::PointsAdjustUsage));
    };
    if reason.is_empty() {
        return Ok(Outcome::text(actor.id, Text::PointsReasonNeeded));
    }
    if delta == 0 || delta.abs() > MAX_MANUAL {
        return Ok(Outcome::text(
            actor.id,
            Text::PointsAdjustRange {
                max: MAX_MANUAL.into(),
            },
        ));
    }
    let member = match Phone::parse(who) {
        Ok(phone) => app.store.member_by_phone(&phone).await?,
        Err(_) => None,
    };
    let Some(member) = member else {
        return Ok(Outcome::text(
            actor.id,
            Text::PointsNoSuchMember { who: who.into() },
        ));
    };
    if !staff.covers(&app.store.org(member.org_id).await?) {
        return Ok(Outcome::text(actor.id, Text::NotYourBranch));
    }
    let now = app.now();
    let source = format!("{MANUAL}:{}:{now}", actor.id);
    app.store
        .add_points(
            &NewEntry {
                member_id: member.id,
                rule: MANUAL,
                points: delta,
                source: &source,
                reason: Some(&reason),
                granted_by: Some(actor.id),
            },
            now,
        )
        .await?;
    app.store
        .audit(
            &actor.id.to_string(),
            "points.adjust",
            &format!("member #{} {delta:+}: {reason}", member.id),
            now,
        )
        .await?;
    let delta_text = format!("{delta:+}");
    let mut out = Outcome::text(
        actor.id,
        Text::PointsAdjusted {
            name: member.name.as_str().into(),
            points: delta_text.as_str().into(),
            reason: reason.as_str().into(),
        },
    );
    if let Some(tg) = member.telegram_id {
        out = out.and(Reply::text(
            tg,
            Text::PointsAdjustedYou {
                points: delta_text.into(),
                reason: reason.into(),
            },
        ));
    }
    Ok(out)
}
