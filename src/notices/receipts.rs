//! 「收到 ✓」 presses, `/receipts`, one notice's readers, and 「提醒未读」.

use anyhow::Result;

use super::dispatch::{self, grouped};
use crate::access::Staff;
use crate::app::{Actor, App};
use crate::domain::{Audience, Member, MemberStatus, NoticeStatus, Purpose};
use crate::i18n::Text;
use crate::reply::{Action, Body, Button, Line, Outcome, Reply};
use crate::store::Notice;

/// Notices listed by `/receipts`.
const RECENT: i64 = 8;
/// Names listed as not yet acknowledged; the rest are counted.
const LISTED_NAMES: usize = 40;

/// The member behind a press on a copy of `notice` in `chat`, if the copy was for them: an
/// active member of the notice's unit or below whom its audience takes in; in a group, a
/// member of that group's branch.
pub async fn reader(
    app: &App,
    actor: &Actor,
    notice: &Notice,
    chat: i64,
) -> Result<Result<Member, Outcome>> {
    let Some(member) = app.store.member_by_telegram(actor.id).await? else {
        return Ok(Err(Outcome::toast(Text::AckNotMember)));
    };
    let unit = app.store.org(notice.org_id).await?;
    let home = app.store.org(member.org_id).await?;
    let audience = notice.audience.unwrap_or(Audience::All);
    if !unit.covers(&home)
        || member.status != MemberStatus::Active
        || !audience.takes(member.mobility)
    {
        return Ok(Err(Outcome::toast(Text::AckNotForYou)));
    }
    if chat < 0 {
        match app.store.group_link(chat).await? {
            Some(link) if app.store.org(link.org_id).await?.covers(&home) => {}
            _ => return Ok(Err(Outcome::toast(Text::AckNotForYou))),
        }
    }
    Ok(Ok(member))
}

/// A press of 「收到 ✓」 in `chat` on `message`.
pub async fn ack(
    app: &App,
    actor: &Actor,
    notice_id: i64,
    chat: i64,
    message: Option<i32>,
) -> Result<Outcome> {
    let Some(notice) = app.store.notice(notice_id).await? else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    if !matches!(notice.status, NoticeStatus::Sending | NoticeStatus::Sent) {
        return Ok(Outcome::toast(Text::AckPreview));
    }
    let member = match reader(app, actor, &notice, chat).await? {
        Ok(m) => m,
        Err(out) => return Ok(out),
    };
    if notice.purpose == Purpose::Report {
        // 「去报到」: seen, and the report starts in the private chat.
        app.store
            .ack_notice(notice.id, member.id, chat, app.now())
            .await?;
        return crate::reports::begin(app, actor).await;
    }
    if !app
        .store
        .ack_notice(notice.id, member.id, chat, app.now())
        .await?
    {
        if notice.purpose == Purpose::Lesson {
            // Pressed again: go on with the quiz where the member left it.
            let out = Outcome::toast(Text::LessonAlreadyDone);
            return Ok(
                match crate::lessons::after_done(app, &member, &notice).await? {
                    Some(next) => out.and(next),
                    None => out,
                },
            );
        }
        return Ok(Outcome::toast(Text::AckAlready));
    }
    let lesson = notice.purpose == Purpose::Lesson;
    let (rule, source) = if lesson {
        ("lesson_done", format!("lesson:{}", notice.id))
    } else {
        ("notice_ack", format!("notice:{}", notice.id))
    };
    let awarded = crate::points::award(app, &member, rule, &source).await?;
    let mut out = Outcome::toast(match (awarded, lesson) {
        (Some(points), false) => Text::AckThanksPoints {
            points: points.into(),
        },
        (None, false) => Text::AckThanks,
        (Some(points), true) => Text::LessonDoneThanksPoints {
            points: points.into(),
        },
        (None, true) => Text::LessonDoneThanks,
    });
    if let Some(message) = message {
        if chat < 0 {
            if app
                .store
                .enqueue_count_edit(notice.id, chat, i64::from(message), app.now())
                .await?
            {
                app.delivery.wake();
            }
        } else {
            out = out.and(Reply {
                to: chat,
                body: Body::Buttons,
                buttons: vec![vec![Button::new(
                    if lesson {
                        Text::LessonDoneButtonDone
                    } else {
                        Text::AckButtonDone
                    },
                    Action::Ack { notice: notice.id },
                )]],
                keyboard: crate::reply::Keyboard::Keep,
                edit: Some(message),
                ticket: None,
            });
        }
    }
    if lesson && let Some(first) = crate::lessons::after_done(app, &member, &notice).await? {
        out = out.and(first);
    }
    Ok(out)
}

/// Whether the person may see this notice's receipts.
async fn may_see(app: &App, actor: &Actor, notice: &Notice) -> Result<bool> {
    if notice.author == actor.id {
        return Ok(true);
    }
    let unit = app.store.org(notice.org_id).await?;
    Ok(Staff::of(&app.store, actor.id).await?.covers(&unit))
}

fn audience_label(notice: &Notice) -> Text {
    match notice.audience {
        Some(Audience::Group) => Text::AudienceGroup,
        Some(Audience::Mobile) => Text::AudienceMobile,
        Some(Audience::Resident) => Text::AudienceResident,
        _ => Text::AudienceAll,
    }
}

fn title(notice: &Notice) -> String {
    // A lesson's, session's or poll's own title; a notice's first line.
    let line = match &notice.title {
        Some(title) => title.as_str(),
        None => notice
            .body
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or(""),
    };
    let short: String = line.chars().take(24).collect();
    if short.chars().count() < line.chars().count() {
        format!("{short}…")
    } else if short.is_empty() {
        "—".into()
    } else {
        short
    }
}

/// `/receipts`: recent notices of the caller's units, with delivered / acknowledged /
/// unreachable counts, and scheduled ones with a button to cancel them.
pub async fn list(app: &App, actor: &Actor) -> Result<Outcome> {
    let staff = Staff::of(&app.store, actor.id).await?;
    if !staff.is_staff() {
        return Ok(Outcome::text(actor.id, Text::SecretaryOnly));
    }
    let paths: Vec<String> = staff.roles.iter().map(|(_, u)| u.path.clone()).collect();
    let notices = app.store.recent_notices(&paths, RECENT).await?;
    if notices.is_empty() {
        return Ok(Outcome::text(actor.id, Text::ReceiptsNone));
    }
    let mut reply = Reply::text(actor.id, Text::ReceiptsHeader);
    let mut buttons = Vec::new();
    let now = app.now();
    for n in &notices {
        reply = reply.line(Line::from(Text::ReceiptsItem {
            id: n.id.into(),
            at: app
                .format_time(n.send_at.or(n.started_at).unwrap_or(n.created_at))
                .into(),
            title: title(n).into(),
        }));
        let status = match n.status {
            NoticeStatus::Scheduled => Text::ReceiptsScheduled,
            NoticeStatus::Cancelled => Text::ReceiptsCancelled,
            _ => {
                let c = app.store.copy_counts(n.id, now).await?;
                let acked = app.store.acked_members(n.id).await?.len();
                Text::ReceiptsCounts {
                    delivered: grouped(c.sent).into(),
                    acked: grouped(acked as i64).into(),
                    unreachable: grouped(c.blocked + c.failed + n.unreachable).into(),
                }
            }
        };
        reply = reply.line(Line(vec![audience_label(n), Text::Separator, status]));
        match n.status {
            NoticeStatus::Scheduled => buttons.push(Button::new(
                Text::ButtonCancelNotice { id: n.id.into() },
                Action::NoticeCancel { notice: n.id },
            )),
            NoticeStatus::Cancelled => {}
            _ => buttons.push(Button::new(
                Text::ButtonNoticeDetail { id: n.id.into() },
                Action::NoticeDetail { notice: n.id },
            )),
        }
    }
    for pair in buttons.chunks(2) {
        reply = reply.row(pair.to_vec());
    }
    Ok(Outcome::reply(reply))
}

/// One notice: its counts and who has not acknowledged, with 「提醒未读」.
pub async fn detail(app: &App, actor: &Actor, notice_id: i64) -> Result<Outcome> {
    let Some(notice) = app.store.notice(notice_id).await? else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    if !may_see(app, actor, &notice).await? {
        return Ok(Outcome::alert(Text::NotYourBranch));
    }
    let now = app.now();
    let c = app.store.copy_counts(notice.id, now).await?;
    let readers = app.store.notice_readers(&notice).await?;
    let acked = app.store.acked_members(notice.id).await?;
    let missing: Vec<_> = readers
        .iter()
        .filter(|r| !acked.contains(&r.member_id))
        .collect();
    let mut reply = Reply::text(
        actor.id,
        Text::ReceiptsItem {
            id: notice.id.into(),
            at: app
                .format_time(notice.started_at.unwrap_or(notice.created_at))
                .into(),
            title: title(&notice).into(),
        },
    )
    .line(Line(vec![
        audience_label(&notice),
        Text::Separator,
        Text::ReceiptsCounts {
            delivered: grouped(c.sent).into(),
            acked: grouped(acked.len() as i64).into(),
            unreachable: grouped(c.blocked + c.failed + notice.unreachable).into(),
        },
    ]));
    if notice.purpose == Purpose::Poll {
        for line in crate::polls::results_for(app, &notice).await? {
            reply = reply.line(line);
        }
    }
    if c.open > 0 {
        reply = reply.line(Line::from(Text::ReceiptsStillSending {
            count: grouped(c.open).into(),
        }));
    }
    if missing.is_empty() {
        return Ok(Outcome::reply(
            reply.line(Line::from(Text::ReceiptsEveryone)),
        ));
    }
    reply = reply.line(Line::from(Text::ReceiptsMissing {
        count: missing.len().into(),
    }));
    let names = missing
        .iter()
        .take(LISTED_NAMES)
        .map(|r| {
            let mark = match (r.telegram_id, r.reachable) {
                (None, _) => app
                    .i18n
                    .render(app.config.default_locale(), &Text::MarkUnjoined),
                (Some(_), false) => app
                    .i18n
                    .render(app.config.default_locale(), &Text::MarkUnreachable),
                _ => String::new(),
            };
            format!("{}{mark}", r.name)
        })
        .collect::<Vec<_>>()
        .join("、");
    reply = reply.line(Line::from(Text::Plain { text: names.into() }));
    if missing.len() > LISTED_NAMES {
        reply = reply.line(Line::from(Text::ReceiptsMore {
            count: (missing.len() - LISTED_NAMES).into(),
        }));
    }
    Ok(Outcome::reply(reply.row(vec![
        Button::new(Text::ButtonNudge, Action::NoticeNudge { notice: notice.id }),
        Button::new(
            Text::ButtonRefresh,
            Action::NoticeDetail { notice: notice.id },
        ),
    ])))
}

/// 「提醒未读」: remind everyone who has not acknowledged (each at most once a day).
pub async fn nudge_now(app: &App, actor: &Actor, notice_id: i64) -> Result<Outcome> {
    let Some(notice) = app.store.notice(notice_id).await? else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    if !may_see(app, actor, &notice).await? {
        return Ok(Outcome::alert(Text::NotYourBranch));
    }
    if !matches!(notice.status, NoticeStatus::Sending | NoticeStatus::Sent) {
        return Ok(Outcome::alert(Text::NudgeNotSent));
    }
    // Members whose copy is still on its way are not reminded of it.
    if app.store.copy_counts(notice.id, app.now()).await?.open > 0 {
        return Ok(Outcome::alert(Text::NudgeStillSending));
    }
    // A double press sends one round.
    if !app.store.claim_nudge(notice.id, app.now()).await? {
        return Ok(Outcome::alert(Text::NudgeJustDone));
    }
    let (sent, skipped) = dispatch::nudge(app, &notice).await?;
    app.store
        .audit(
            &actor.id.to_string(),
            "notice.nudge",
            &format!("{} ({sent})", notice.id),
            app.now(),
        )
        .await?;
    let mut reply = Reply::text(actor.id, Text::NudgeDone { count: sent.into() });
    if skipped > 0 {
        reply = reply.line(Line::from(Text::NudgeSkipped {
            count: skipped.into(),
        }));
    }
    Ok(Outcome::reply(reply))
}
