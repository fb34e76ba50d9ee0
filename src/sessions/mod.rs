//! Study sessions (主题党日, 三会一课, 讲习堂…): `/session` to convene one, invitations with
//! 「参加」 and 「请假」, reminders, the 「签到」 window, `/attendance` and the summary.
//!
//! The invitation is a notice with the purpose `session`: its audience, copies, progress and
//! receipts are the notices' own; answering 参加 or 请假 is its acknowledgement.

mod attendance;

use anyhow::Result;

use crate::access::Staff;
use crate::app::{Actor, App};
use crate::dialogue::Dialogue;
use crate::domain::{Locale, NoticeStatus, OrgUnit, Purpose, SessionKind};
use crate::i18n::Text;
use crate::notices::{self, parse_when, receipts};
use crate::reply::{Action, Button, Outcome, Reply};
use crate::store::{Notice, Session};

pub use attendance::{attendance, attendance_for, makeup, mark, pick, tick};

/// The longest title and place.
const MAX_TITLE: usize = 64;
const MAX_PLACE: usize = 100;
/// The longest reason for leave.
const MAX_REASON: usize = 200;
/// How far ahead a session may be convened.
const MAX_AHEAD_DAYS: i64 = 90;

/// What a kind of session is called.
pub fn kind_text(kind: SessionKind) -> Text {
    Text::SessionKindName {
        kind: kind.as_str().into(),
    }
}

/// What a kind of session is called in `locale`.
pub fn kind_name(app: &App, kind: SessionKind, locale: Locale) -> String {
    app.i18n.render(locale, &kind_text(kind))
}

/// The place as members read it.
fn place_text(app: &App, session: &Session, locale: Locale) -> String {
    match &session.place {
        Some(p) if !session.online => p.clone(),
        _ => app.i18n.render(locale, &Text::SessionOnline),
    }
}

/// The invitation's body: kind, title, time, place and lesson.
pub fn details(
    app: &App,
    notice: &Notice,
    session: &Session,
    lesson: Option<&str>,
    locale: Locale,
) -> String {
    let mut text = app.i18n.render(
        locale,
        &Text::SessionDetails {
            kind: kind_name(app, session.kind, locale).into(),
            title: notice.title.clone().unwrap_or_default().into(),
            time: app.format_time(session.starts_at.unwrap_or(0)).into(),
            place: place_text(app, session, locale).into(),
        },
    );
    if let Some(lesson) = lesson {
        text = format!(
            "{text}\n{}",
            app.i18n.render(
                locale,
                &Text::SessionLessonLine {
                    title: lesson.into()
                }
            )
        );
    }
    text
}

/// Asks the kind of a new session for `unit`.
pub async fn ask_kind(_app: &App, actor: &Actor, unit: &OrgUnit) -> Result<Outcome> {
    let mut reply = Reply::text(
        actor.id,
        Text::SessionChooseKind {
            unit: unit.name.as_str().into(),
        },
    );
    for pair in SessionKind::ALL.chunks(2) {
        reply = reply.row(
            pair.iter()
                .map(|k| {
                    Button::new(
                        kind_text(*k),
                        Action::SessionKind {
                            org: unit.id,
                            kind: k.as_str().into(),
                        },
                    )
                })
                .collect(),
        );
    }
    Ok(Outcome::reply(reply.row(vec![Button::new(
        Text::ButtonCancel,
        Action::Cancel,
    )])))
}

/// A kind was chosen: ask the title.
pub async fn kind_chosen(
    app: &App,
    actor: &Actor,
    org: i64,
    kind: &str,
    message: Option<i32>,
) -> Result<Outcome> {
    let unit = app.store.org(org).await?;
    if !Staff::of(&app.store, actor.id).await?.covers(&unit) {
        return Ok(Outcome::alert(Text::NotYourBranch));
    }
    let Ok(kind) = kind.parse::<SessionKind>() else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    Dialogue::SessionTitle {
        org,
        kind: kind.as_str().into(),
    }
    .save(&app.store, actor.id, app.now())
    .await?;
    let mut reply = Reply::lines(
        actor.id,
        vec![Text::SessionAskTitle {
            kind: kind_name(app, kind, app.locale_of(actor.id).await).into(),
        }],
    )
    .row(vec![Button::new(Text::ButtonCancel, Action::Cancel)]);
    if let Some(m) = message {
        reply = reply.editing(m);
    }
    Ok(Outcome::reply(reply))
}

/// The title arrived: save the draft and ask the time.
pub async fn title(app: &App, actor: &Actor, org: i64, kind: &str, text: &str) -> Result<Outcome> {
    let Ok(kind) = kind.parse::<SessionKind>() else {
        app.store.clear_dialogue(actor.id).await?;
        return Ok(Outcome::text(actor.id, Text::ButtonExpired));
    };
    let (id, _) =
        match notices::titled_draft(app, actor, org, Purpose::Session, (text, MAX_TITLE)).await? {
            Ok(x) => x,
            Err(out) => return Ok(out),
        };
    app.store.create_session(id, kind).await?;
    Dialogue::SessionTime { session: id }
        .save(&app.store, actor.id, app.now())
        .await?;
    Ok(Outcome::reply(
        Reply::text(actor.id, Text::SessionAskTime).row(vec![Button::new(
            Text::ButtonCancel,
            Action::NoticeCancel { notice: id },
        )]),
    ))
}

/// A draft session of the presser's, or why not.
async fn own_session(app: &App, actor: &Actor, id: i64) -> Result<Result<Notice, Outcome>> {
    Ok(match notices::own_draft(app, actor, id).await? {
        Ok(n) if n.purpose == Purpose::Session => Ok(n),
        Ok(_) => Err(Outcome::alert(Text::ButtonExpired)),
        Err(out) => Err(out),
    })
}

/// The typed start time.
pub async fn time(app: &App, actor: &Actor, id: i64, typed: &str) -> Result<Outcome> {
    if let Err(out) = own_session(app, actor, id).await? {
        app.store.clear_dialogue(actor.id).await?;
        return Ok(out);
    }
    let now = app.now();
    let Some(at) = parse_when(typed, now, app.tz()) else {
        return Ok(Outcome::text(actor.id, Text::NoticeTimeUnreadable));
    };
    if at <= now + 60_000 {
        return Ok(Outcome::text(actor.id, Text::NoticeTimePast));
    }
    if at > now + MAX_AHEAD_DAYS * 86_400_000 {
        return Ok(Outcome::text(
            actor.id,
            Text::SessionTimeTooFar {
                days: MAX_AHEAD_DAYS.into(),
            },
        ));
    }
    app.store.set_session_time(id, at).await?;
    Dialogue::SessionPlace { session: id }
        .save(&app.store, actor.id, now)
        .await?;
    Ok(Outcome::reply(
        Reply::text(
            actor.id,
            Text::SessionAskPlace {
                time: app.format_time(at).into(),
            },
        )
        .row(vec![
            Button::new(Text::ButtonOnline, Action::SessionOnline { session: id }),
            Button::new(Text::ButtonCancel, Action::NoticeCancel { notice: id }),
        ]),
    ))
}

/// The typed place, or 「线上」 (`None`): then the lesson.
pub async fn place(app: &App, actor: &Actor, id: i64, typed: Option<&str>) -> Result<Outcome> {
    let notice = match own_session(app, actor, id).await? {
        Ok(n) => n,
        Err(out) => {
            app.store.clear_dialogue(actor.id).await?;
            return Ok(out);
        }
    };
    let place = typed.map(str::trim);
    if let Some(why) =
        place.and_then(|p| notices::not_one_line(p, MAX_PLACE, Text::SessionPlaceOneLine))
    {
        return Ok(Outcome::text(actor.id, why));
    }
    app.store.set_session_place(id, place).await?;
    app.store.clear_dialogue(actor.id).await?;
    let unit = app.store.org(notice.org_id).await?;
    let mut reply = Reply::text(actor.id, Text::SessionAskLesson);
    // Lessons of this unit or above it: the ones that reached every member invited.
    let lessons = app.store.lessons_reaching(&unit, 5).await?;
    for lesson in &lessons {
        reply = reply.row(vec![Button::new(
            Text::Plain {
                text: format!("📖 {}", lesson.title.clone().unwrap_or_default()).into(),
            },
            Action::SessionLesson {
                session: id,
                lesson: Some(lesson.id),
            },
        )]);
    }
    Ok(Outcome::reply(reply.row(vec![
        Button::new(
            Text::ButtonNoLesson,
            Action::SessionLesson {
                session: id,
                lesson: None,
            },
        ),
        Button::new(Text::ButtonCancel, Action::NoticeCancel { notice: id }),
    ])))
}

/// The lesson (or none) was chosen: who is invited?
pub async fn lesson_chosen(
    app: &App,
    actor: &Actor,
    id: i64,
    lesson: Option<i64>,
    message: Option<i32>,
) -> Result<Outcome> {
    let notice = match own_session(app, actor, id).await? {
        Ok(n) => n,
        Err(out) => return Ok(out),
    };
    let unit = app.store.org(notice.org_id).await?;
    if let Some(l) = lesson {
        let ok = match app.store.notice(l).await? {
            Some(n) if n.purpose == Purpose::Lesson => app.store.org(n.org_id).await?.covers(&unit),
            _ => false,
        };
        if !ok {
            return Ok(Outcome::alert(Text::ButtonExpired));
        }
    }
    app.store.set_session_lesson(id, lesson).await?;
    let mut reply = notices::ask_audience(app, actor, id, &unit).await?;
    if let Some(m) = message {
        reply = reply.editing(m);
    }
    Ok(Outcome::reply(reply))
}

/// A sent invitation and its session, or why a press on it does nothing.
async fn live(app: &App, id: i64) -> Result<Result<(Notice, Session), Outcome>> {
    let (Some(notice), Some(session)) = (app.store.notice(id).await?, app.store.session(id).await?)
    else {
        return Ok(Err(Outcome::alert(Text::ButtonExpired)));
    };
    if !matches!(notice.status, NoticeStatus::Sending | NoticeStatus::Sent) {
        return Ok(Err(Outcome::toast(Text::AckPreview)));
    }
    Ok(Ok((notice, session)))
}

/// 「参加」 or 「请假」 (which asks for the reason in the private chat).
pub async fn rsvp(app: &App, actor: &Actor, id: i64, leave: bool, chat: i64) -> Result<Outcome> {
    let (notice, session) = match live(app, id).await? {
        Ok(x) => x,
        Err(out) => return Ok(out),
    };
    let member = match receipts::reader(app, actor, &notice, chat).await? {
        Ok(m) => m,
        Err(out) => return Ok(out),
    };
    if session.closed_at.is_some() || session.starts_at.is_some_and(|t| t <= app.now()) {
        return Ok(Outcome::toast(Text::SessionStarted));
    }
    if leave {
        Dialogue::LeaveReason { session: id }
            .save(&app.store, actor.id, app.now())
            .await?;
        return Ok(Outcome::toast(Text::SessionLeaveAskToast).and(
            Reply::text(
                actor.id,
                Text::SessionAskLeaveReason {
                    title: notice.title.clone().unwrap_or_default().into(),
                },
            )
            .row(vec![Button::new(Text::ButtonCancel, Action::Cancel)]),
        ));
    }
    // 参加 after 请假: the reason is no longer awaited.
    if matches!(
        Dialogue::load(&app.store, actor.id).await?,
        Some(Dialogue::LeaveReason { session }) if session == id
    ) {
        app.store.clear_dialogue(actor.id).await?;
    }
    let changed = app
        .store
        .answer_invitation(id, member.id, None, app.now())
        .await?;
    app.store.ack_notice(id, member.id, chat, app.now()).await?;
    Ok(Outcome::toast(if changed {
        Text::SessionGoingThanks
    } else {
        Text::SessionAlreadyAnswered
    }))
}

/// The typed reason for leave.
pub async fn leave_reason(app: &App, actor: &Actor, id: i64, typed: &str) -> Result<Outcome> {
    let (notice, session) = match live(app, id).await? {
        Ok(x) => x,
        Err(_) => {
            app.store.clear_dialogue(actor.id).await?;
            return Ok(Outcome::text(actor.id, Text::ButtonExpired));
        }
    };
    let member = match receipts::reader(app, actor, &notice, actor.id).await? {
        Ok(m) => m,
        Err(_) => {
            app.store.clear_dialogue(actor.id).await?;
            return Ok(Outcome::text(actor.id, Text::AckNotForYou));
        }
    };
    let reason = typed.trim();
    if reason.is_empty() {
        return Ok(Outcome::text(actor.id, Text::SessionLeaveReasonEmpty));
    }
    if reason.chars().count() > MAX_REASON {
        return Ok(Outcome::text(
            actor.id,
            Text::TooLong {
                max: MAX_REASON.into(),
            },
        ));
    }
    app.store.clear_dialogue(actor.id).await?;
    if session.closed_at.is_some() || session.starts_at.is_some_and(|t| t <= app.now()) {
        return Ok(Outcome::text(actor.id, Text::SessionStarted));
    }
    if !app
        .store
        .answer_invitation(id, member.id, Some(reason), app.now())
        .await?
    {
        return Ok(Outcome::text(actor.id, Text::SessionAlreadyCheckedIn));
    }
    app.store
        .ack_notice(id, member.id, actor.id, app.now())
        .await?;
    // The secretary who convened it hears at once.
    let tell = Reply::text(
        notice.author,
        Text::SessionLeaveToSecretary {
            name: member.name.as_str().into(),
            title: notice.title.clone().unwrap_or_default().into(),
            reason: reason.into(),
        },
    );
    Ok(Outcome::text(actor.id, Text::SessionLeaveRecorded).and(tell))
}

/// 「签到」: counts at the time the press reached Lianxin; late after the start + `late_after`.
pub async fn check_in(
    app: &App,
    actor: &Actor,
    id: i64,
    chat: i64,
    pressed_at: i64,
) -> Result<Outcome> {
    let (notice, session) = match live(app, id).await? {
        Ok(x) => x,
        Err(out) => return Ok(out),
    };
    let Some(start) = session.starts_at else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    let cfg = &app.config.sessions;
    if pressed_at < start - cfg.checkin_opens() {
        return Ok(Outcome::toast(Text::CheckInNotOpen {
            at: app.format_time(start - cfg.checkin_opens()).into(),
        }));
    }
    if pressed_at > start + cfg.checkin_closes() {
        return Ok(Outcome::toast(Text::CheckInClosed));
    }
    let member = match receipts::reader(app, actor, &notice, chat).await? {
        Ok(m) => m,
        Err(out) => return Ok(out),
    };
    let late = pressed_at > start + cfg.late_after();
    let via = if chat < 0 { "group" } else { "private" };
    if !app
        .store
        .check_in(id, member.id, late, via, pressed_at)
        .await?
    {
        return Ok(Outcome::toast(Text::CheckInAlready));
    }
    let points =
        crate::points::award(app, &member, "session_attend", &format!("session:{id}")).await?;
    let at = app.format_time(pressed_at);
    let at = at.get(11..).unwrap_or_default().to_string();
    Ok(Outcome::toast(match (late, points) {
        (false, Some(p)) => Text::CheckInDonePoints {
            at: at.into(),
            points: p.into(),
        },
        (false, None) => Text::CheckInDone { at: at.into() },
        (true, Some(p)) => Text::CheckInLatePoints {
            at: at.into(),
            points: p.into(),
        },
        (true, None) => Text::CheckInLate { at: at.into() },
    }))
}

/// `/session [code]`.
pub async fn start(app: &App, actor: &Actor, arg: &str) -> Result<Outcome> {
    notices::start(app, actor, arg, Purpose::Session).await
}

/// A session named by kind, title and time (for lists and buttons).
pub fn label(app: &App, notice: &Notice, session: &Session, locale: Locale) -> Text {
    let time = app.format_time(session.starts_at.unwrap_or(0));
    Text::SessionLabel {
        kind: kind_name(app, session.kind, locale).into(),
        title: notice.title.clone().unwrap_or_default().into(),
        time: time.get(5..).unwrap_or_default().to_string().into(),
    }
}
