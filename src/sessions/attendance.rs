//! The timed steps of a session (reminders, 「签到」 opening, the summary at close), proxy
//! marks with `/attendance`, and make-up study for absentees.

use std::collections::{HashMap, HashSet};

use anyhow::Result;

use super::{kind_name, label, place_text};
use crate::access::Staff;
use crate::app::{Actor, App};
use crate::domain::{Audience, Locale};
use crate::i18n::Text;
use crate::notices::dispatch::inline_markup;
use crate::reply::{Action, Button, Line, Outcome, Reply};
use crate::store::{Attendance, NewMessage, Notice, Reader, Session};

/// Members listed by name in a summary; the rest are counted.
const LISTED: usize = 30;
/// Members offered as buttons by `/attendance`.
const MARKABLE: usize = 60;

/// Everyone a session's invitation was for, with their answer or check-in.
async fn roll(app: &App, notice: &Notice) -> Result<(Vec<Reader>, HashMap<i64, Attendance>)> {
    let readers = app.store.notice_readers(notice).await?;
    let marks = app
        .store
        .attendance(notice.id)
        .await?
        .into_iter()
        .map(|a| (a.member_id, a))
        .collect();
    Ok((readers, marks))
}

/// Queues `text` (with an optional button) to every invitee not on leave, privately, and to
/// the linked groups of the session's branches.
async fn tell_invitees(
    app: &App,
    notice: &Notice,
    text: impl Fn(Locale) -> Text,
    button: Option<(Text, Action)>,
) -> Result<usize> {
    let (readers, marks) = roll(app, notice).await?;
    let token = match &button {
        Some((_, action)) => Some(
            app.store
                .put_button(&serde_json::to_string(action)?, app.now())
                .await?,
        ),
        None => None,
    };
    let markup = |locale: Locale| -> Result<Option<String>> {
        match (&button, &token) {
            (Some((label, _)), Some(token)) => Ok(Some(inline_markup(vec![vec![(
                app.i18n.render(locale, label),
                token.clone(),
            )]])?)),
            _ => Ok(None),
        }
    };
    let default = app.config.default_locale();
    let mut rows = Vec::new();
    // The branch groups see it too, whoever the invitation went to: members check in there.
    {
        let unit = app.store.org(notice.org_id).await?;
        for g in app.store.groups_under(&unit).await? {
            rows.push(NewMessage {
                chat_id: g.chat_id,
                kind: "text",
                body: app.i18n.render(default, &text(default)),
                markup: markup(default)?,
                priority: 1,
                ..NewMessage::default()
            });
        }
    }
    for r in &readers {
        let Some(chat) = r.telegram_id.filter(|_| r.reachable) else {
            continue;
        };
        if marks.get(&r.member_id).is_some_and(|a| a.status == "leave") {
            continue;
        }
        let locale = r.locale.unwrap_or(default);
        rows.push(NewMessage {
            chat_id: chat,
            kind: "text",
            body: app.i18n.render(locale, &text(locale)),
            markup: markup(locale)?,
            priority: 1,
            ..NewMessage::default()
        });
    }
    let n = rows.len();
    app.store.enqueue(&rows, app.now()).await?;
    app.delivery.wake();
    Ok(n)
}

/// One round of the sessions' timed work: reminders, opening 「签到」, and the summary at
/// close. Each step is claimed in the database, so it happens once across instances.
pub async fn tick(app: &App) -> Result<()> {
    for (session, notice) in app.store.open_sessions().await? {
        if let Err(e) = step(app, &session, &notice).await {
            tracing::error!(
                session = session.id,
                error = format!("{e:#}"),
                "a session step failed"
            );
        }
    }
    Ok(())
}

/// The step of one session that is due now, if any.
async fn step(app: &App, session: &Session, notice: &Notice) -> Result<()> {
    let now = app.now();
    let cfg = &app.config.sessions;
    let Some(start) = session.starts_at else {
        return Ok(());
    };
    if now >= start + cfg.checkin_closes() {
        if app.store.close_session(session.id, now).await? {
            summary(app, notice, session).await?;
        }
        return Ok(());
    }
    if now >= start - cfg.checkin_opens() {
        if app
            .store
            .claim_session_step(session.id, "open", now)
            .await?
        {
            let n = tell_invitees(
                app,
                notice,
                |locale| Text::CheckInOpen {
                    kind: kind_name(app, session.kind, locale).into(),
                    title: notice.title.clone().unwrap_or_default().into(),
                    time: app.format_time(start).into(),
                },
                Some((
                    Text::CheckInButton,
                    Action::CheckIn {
                        session: session.id,
                    },
                )),
            )
            .await?;
            tracing::info!(session = session.id, messages = n, "check-in opened");
        }
        return Ok(());
    }
    // The reminder due last (the shortest offset passed); earlier ones are then moot.
    let sent_at = notice.started_at.unwrap_or(notice.created_at);
    if let Some(before) = cfg
        .remind_before()
        .into_iter()
        .filter(|b| now >= start - b)
        .min()
    {
        let step = format!("remind:{}", before / 60_000);
        // An invitation sent after a reminder's time makes that reminder moot.
        if app.store.claim_session_step(session.id, &step, now).await? && sent_at < start - before {
            let minutes = (start - now).max(0) / 60_000;
            tell_invitees(
                app,
                notice,
                |locale| Text::SessionReminder {
                    kind: kind_name(app, session.kind, locale).into(),
                    title: notice.title.clone().unwrap_or_default().into(),
                    time: app.format_time(start).into(),
                    place: place_text(app, session, locale).into(),
                    hours: (minutes / 60).into(),
                    minutes: (minutes % 60).into(),
                },
                None,
            )
            .await?;
        }
    }
    Ok(())
}

/// The attendance of a session, counted.
#[derive(Debug, Default)]
struct Tally {
    present: Vec<String>,
    late: Vec<String>,
    leave: Vec<(String, String)>,
    absent: Vec<(i64, String)>,
    /// Members working away who missed an on-site session: not counted as absent.
    away: Vec<(i64, String)>,
}

async fn tally(app: &App, notice: &Notice, session: &Session) -> Result<Tally> {
    let (readers, marks) = roll(app, notice).await?;
    let mobile: HashSet<i64> = if session.online {
        HashSet::new()
    } else {
        let unit = app.store.org(notice.org_id).await?;
        app.store
            .readers(&unit, Audience::Mobile)
            .await?
            .into_iter()
            .map(|r| r.member_id)
            .collect()
    };
    let mut t = Tally::default();
    for r in readers {
        let name = if r.name.is_empty() {
            "—".to_string()
        } else {
            r.name.clone()
        };
        match marks.get(&r.member_id).map(|a| (a.status.as_str(), a)) {
            Some(("present", _)) => t.present.push(name),
            Some(("late", _)) => t.late.push(name),
            Some(("leave", a)) => t.leave.push((name, a.reason.clone().unwrap_or_default())),
            Some(("absent", _)) => t.absent.push((r.member_id, name)),
            _ if mobile.contains(&r.member_id) => t.away.push((r.member_id, name)),
            _ => t.absent.push((r.member_id, name)),
        }
    }
    Ok(t)
}

fn names(list: &[String]) -> String {
    crate::reply::name_list(list, LISTED)
}

/// The summary for the secretary: who came, late, on leave (with reasons), absent; and the
/// buttons for make-up study and proxy marks.
pub async fn summary_reply(
    app: &App,
    to: i64,
    notice: &Notice,
    session: &Session,
) -> Result<Reply> {
    let t = tally(app, notice, session).await?;
    let locale = app.locale_of(to).await;
    let invited = t.present.len() + t.late.len() + t.leave.len() + t.absent.len() + t.away.len();
    let mut reply = Reply::text(
        to,
        Text::SessionSummary {
            session: app
                .i18n
                .render(locale, &label(app, notice, session, locale))
                .into(),
            invited: invited.into(),
            present: t.present.len().into(),
            late: t.late.len().into(),
            leave: t.leave.len().into(),
            absent: t.absent.len().into(),
        },
    );
    if !t.late.is_empty() {
        reply = reply.line(Line::from(Text::SummaryLate {
            names: names(&t.late).into(),
        }));
    }
    for (name, reason) in t.leave.iter().take(LISTED) {
        reply = reply.line(Line::from(Text::SummaryLeave {
            name: name.as_str().into(),
            reason: reason.as_str().into(),
        }));
    }
    if !t.absent.is_empty() {
        let list: Vec<String> = t.absent.iter().map(|(_, n)| n.clone()).collect();
        reply = reply.line(Line::from(Text::SummaryAbsent {
            names: names(&list).into(),
        }));
    }
    if !t.away.is_empty() {
        reply = reply.line(Line::from(Text::SummaryAway {
            count: t.away.len().into(),
        }));
    }
    let makeup = t.absent.len() + t.away.len();
    let mut row = Vec::new();
    if session.lesson_id.is_some() && makeup > 0 {
        row.push(Button::new(
            Text::ButtonMakeup {
                count: makeup.into(),
            },
            Action::SessionMakeup {
                session: session.id,
            },
        ));
    }
    row.push(Button::new(
        Text::ButtonProxyMarks,
        Action::AttendanceFor {
            session: session.id,
        },
    ));
    Ok(reply.row(row))
}

async fn summary(app: &App, notice: &Notice, session: &Session) -> Result<()> {
    let reply = summary_reply(app, notice.author, notice, session).await?;
    let rows = crate::telegram::render::render(app, reply, 0).await?;
    app.store.enqueue(&rows, app.now()).await?;
    app.delivery.wake();
    tracing::info!(session = session.id, "session closed; summary queued");
    Ok(())
}

/// A session the presser may mark (their role covers its unit).
async fn staff_session(
    app: &App,
    actor: &Actor,
    id: i64,
) -> Result<Result<(Notice, Session), Outcome>> {
    let (Some(notice), Some(session)) = (app.store.notice(id).await?, app.store.session(id).await?)
    else {
        return Ok(Err(Outcome::alert(Text::ButtonExpired)));
    };
    let unit = app.store.org(notice.org_id).await?;
    if !Staff::of(&app.store, actor.id).await?.covers(&unit) {
        return Ok(Err(Outcome::alert(Text::NotYourBranch)));
    }
    if session.starts_at.is_none() || notice.purpose != crate::domain::Purpose::Session {
        return Ok(Err(Outcome::alert(Text::ButtonExpired)));
    }
    Ok(Ok((notice, session)))
}

/// `/attendance`: the sessions of the last week and the coming day to mark.
pub async fn attendance(app: &App, actor: &Actor) -> Result<Outcome> {
    let staff = Staff::of(&app.store, actor.id).await?;
    if !staff.is_staff() {
        return Ok(Outcome::text(actor.id, Text::SecretaryOnly));
    }
    let now = app.now();
    let mut found: Vec<(Session, Notice)> = Vec::new();
    for (_, unit) in &staff.roles {
        for (s, n) in app
            .store
            .sessions_between(&unit.path, now - 7 * 86_400_000, now + 86_400_000)
            .await?
        {
            if !found.iter().any(|(f, _)| f.id == s.id) {
                found.push((s, n));
            }
        }
    }
    if found.is_empty() {
        return Ok(Outcome::text(actor.id, Text::AttendanceNone));
    }
    let locale = app.locale_of(actor.id).await;
    let mut reply = Reply::text(actor.id, Text::AttendanceChoose);
    for (s, n) in found.iter().take(10) {
        reply = reply.row(vec![Button::new(
            label(app, n, s, locale),
            Action::AttendanceFor { session: s.id },
        )]);
    }
    Ok(Outcome::reply(reply))
}

fn status_text(status: Option<&str>) -> Text {
    match status {
        Some("present") => Text::MarkPresent,
        Some("late") => Text::MarkLate,
        Some("leave") => Text::MarkLeave,
        Some("absent") => Text::MarkAbsent,
        Some("going") => Text::MarkGoing,
        _ => Text::MarkNone,
    }
}

/// The invitees of a session, each a button to mark; those without a check-in first.
pub async fn attendance_for(
    app: &App,
    actor: &Actor,
    id: i64,
    message: Option<i32>,
) -> Result<Outcome> {
    let (notice, session) = match staff_session(app, actor, id).await? {
        Ok(x) => x,
        Err(out) => return Ok(out),
    };
    let (mut readers, marks) = roll(app, &notice).await?;
    let checked = |r: &Reader| {
        marks
            .get(&r.member_id)
            .is_some_and(|a| matches!(a.status.as_str(), "present" | "late"))
    };
    readers.sort_by_key(|r| (checked(r), r.telegram_id.is_some(), r.member_id));
    let locale = app.locale_of(actor.id).await;
    let mut reply = Reply::text(
        actor.id,
        Text::AttendanceList {
            session: app
                .i18n
                .render(locale, &label(app, &notice, &session, locale))
                .into(),
        },
    );
    for r in readers.iter().take(MARKABLE) {
        let status = marks.get(&r.member_id).map(|a| a.status.as_str());
        reply = reply.row(vec![Button::new(
            Text::AttendanceMemberButton {
                mark: if r.telegram_id.is_some() { "" } else { "📵 " }.into(),
                name: r.name.as_str().into(),
                status: app.i18n.render(locale, &status_text(status)).into(),
            },
            Action::AttendancePick {
                session: id,
                member: r.member_id,
            },
        )]);
    }
    if readers.len() > MARKABLE {
        reply = reply.line(Line::from(Text::AttendanceMore {
            count: (readers.len() - MARKABLE).into(),
        }));
    }
    if let Some(m) = message {
        reply = reply.editing(m);
    }
    Ok(Outcome::reply(reply))
}

/// One member picked: present, leave or absent?
pub async fn pick(app: &App, actor: &Actor, id: i64, member_id: i64) -> Result<Outcome> {
    let (notice, _) = match staff_session(app, actor, id).await? {
        Ok(x) => x,
        Err(out) => return Ok(out),
    };
    let (readers, _) = roll(app, &notice).await?;
    let Some(r) = readers.iter().find(|r| r.member_id == member_id) else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    let mark = |status: &str| Action::AttendanceMark {
        session: id,
        member: member_id,
        status: status.into(),
    };
    Ok(Outcome::reply(
        Reply::text(
            actor.id,
            Text::AttendanceMarkAsk {
                name: r.name.as_str().into(),
            },
        )
        .row(vec![
            Button::new(Text::MarkPresent, mark("present")),
            Button::new(Text::MarkLeave, mark("leave")),
            Button::new(Text::MarkAbsent, mark("absent")),
        ]),
    ))
}

/// A proxy mark: recorded (and audited); present earns the attendance points.
pub async fn mark(
    app: &App,
    actor: &Actor,
    (id, member_id, status): (i64, i64, &str),
    message: Option<i32>,
) -> Result<Outcome> {
    let (notice, session) = match staff_session(app, actor, id).await? {
        Ok(x) => x,
        Err(out) => return Ok(out),
    };
    if !matches!(status, "present" | "leave" | "absent") {
        return Ok(Outcome::alert(Text::ButtonExpired));
    }
    if session
        .starts_at
        .is_some_and(|t| app.now() < t - app.config.sessions.checkin_opens())
    {
        return Ok(Outcome::alert(Text::AttendanceTooEarly));
    }
    let (readers, _) = roll(app, &notice).await?;
    let Some(r) = readers.iter().find(|r| r.member_id == member_id) else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    let now = app.now();
    app.store
        .mark_attendance(id, member_id, status, actor.id, now)
        .await?;
    app.store
        .audit(
            &actor.id.to_string(),
            "attendance.mark",
            &format!("session {id} member {member_id} {status}"),
            now,
        )
        .await?;
    let member = app.store.member(member_id).await?;
    crate::points::settle(
        app,
        &member,
        "session_attend",
        &format!("session:{id}"),
        status == "present",
    )
    .await?;
    let text = Text::AttendanceMarked {
        name: r.name.as_str().into(),
        status: app
            .i18n
            .render(app.locale_of(actor.id).await, &status_text(Some(status)))
            .into(),
    };
    Ok(match message {
        Some(m) => Outcome::reply(Reply::text(actor.id, text).editing(m).row(vec![Button::new(
            Text::ButtonBackToList,
            Action::AttendanceFor { session: id },
        )])),
        None => Outcome::text(actor.id, text),
    })
}

/// 「补学推送」: the session's lesson, privately, to each absentee without leave (once).
pub async fn makeup(app: &App, actor: &Actor, id: i64) -> Result<Outcome> {
    let (notice, session) = match staff_session(app, actor, id).await? {
        Ok(x) => x,
        Err(out) => return Ok(out),
    };
    let Some(lesson) = (match session.lesson_id {
        Some(l) => app.store.notice(l).await?,
        None => None,
    }) else {
        return Ok(Outcome::alert(Text::MakeupNoLesson));
    };
    if !app
        .store
        .claim_session_step(id, "makeup", app.now())
        .await?
    {
        return Ok(Outcome::alert(Text::MakeupAlreadySent));
    }
    let t = tally(app, &notice, &session).await?;
    let mut sent: i64 = 0;
    for (member_id, _) in t.absent.iter().chain(t.away.iter()) {
        let member = app.store.member(*member_id).await?;
        if crate::lessons::queue_private_copy(app, &lesson, &member, 1).await? {
            sent += 1;
        }
    }
    app.store
        .audit(
            &actor.id.to_string(),
            "session.makeup",
            &format!("session {id}: {sent}"),
            app.now(),
        )
        .await?;
    Ok(Outcome::text(
        actor.id,
        Text::MakeupSent {
            count: sent.into(),
            title: lesson.title.clone().unwrap_or_default().into(),
        },
    )
    .merge(Outcome::toast(Text::MakeupSentToast)))
}
