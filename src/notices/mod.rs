//! Notices (通知): `/notice` to write one, its audience, urgency, preview, sending now or at a
//! set time; read receipts, reminders and `/receipts`; members' quiet hours.

pub mod dispatch;
pub mod receipts;
pub mod settings;
mod when;

use anyhow::Result;

use crate::access::Staff;
use crate::app::{Actor, App};
use crate::dialogue::Dialogue;
use crate::domain::{Audience, NoticeKind, NoticeStatus, OrgCode, OrgUnit, Purpose};
use crate::i18n::Text;
use crate::reply::{Action, Button, Line, Outcome, Reply};
use crate::store::Notice;

pub use when::parse_when;

/// Units offered as buttons when a person holds several roles.
const MAX_UNIT_BUTTONS: usize = 24;

/// What a secretary sent as the content of a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    /// Text, photo, document or voice.
    pub kind: NoticeKind,
    /// Text or caption.
    pub body: String,
    /// Telegram's file id of the media.
    pub file_ref: Option<String>,
}

/// What is wrong with a title or place typed (trimmed) if it is not one line of at most
/// `max` characters.
pub fn not_one_line(line: &str, max: usize, why: Text) -> Option<Text> {
    if line.is_empty() || line.contains('\n') {
        Some(why)
    } else if line.chars().count() > max {
        Some(Text::TooLong { max: max.into() })
    } else {
        None
    }
}

/// The title of a lesson or session typed for unit `org`: saved as a new draft. Returns its
/// number and the title, or what to answer (not the person's unit any more, not one line).
pub async fn titled_draft(
    app: &App,
    actor: &Actor,
    org: i64,
    purpose: Purpose,
    (typed, max): (&str, usize),
) -> Result<Result<(i64, String), Outcome>> {
    let unit = app.store.org(org).await?;
    if !Staff::of(&app.store, actor.id).await?.covers(&unit) {
        app.store.clear_dialogue(actor.id).await?;
        return Ok(Err(Outcome::text(actor.id, Text::NotYourBranch)));
    }
    let title = typed.trim();
    if let Some(why) = not_one_line(title, max, Text::LessonTitleOneLine) {
        return Ok(Err(Outcome::text(actor.id, why)));
    }
    let id = app
        .store
        .create_draft(
            unit.id,
            actor.id,
            (purpose, Some(title)),
            (NoticeKind::Text, "", None),
            app.now(),
        )
        .await?;
    Ok(Ok((id, title.to_string())))
}

/// `/notice [code]` (and `/lesson`, `/session`): which unit it is for, then the first
/// question of what is being written.
pub async fn start(app: &App, actor: &Actor, arg: &str, purpose: Purpose) -> Result<Outcome> {
    let staff = Staff::of(&app.store, actor.id).await?;
    if !staff.is_staff() {
        return Ok(Outcome::text(actor.id, Text::SecretaryOnly));
    }
    let arg = arg.trim();
    if !arg.is_empty() {
        let unit = match OrgCode::parse(arg) {
            Ok(code) => app.store.org_by_code(&code).await?,
            Err(_) => None,
        };
        return Ok(match unit {
            None => Outcome::text(actor.id, Text::UnknownOrg { code: arg.into() }),
            Some(u) if !staff.covers(&u) => {
                Outcome::text(actor.id, Text::OrgNotInScope { code: arg.into() })
            }
            Some(u) => ask_first(app, actor, &u, purpose).await?,
        });
    }
    let mut units: Vec<OrgUnit> = Vec::new();
    for (_, unit) in &staff.roles {
        if !units.iter().any(|u| u.id == unit.id) {
            units.push(unit.clone());
        }
    }
    units.sort_by(|a, b| a.path.cmp(&b.path));
    if units.len() == 1 {
        return ask_first(app, actor, &units[0], purpose).await;
    }
    let mut reply = Reply::text(actor.id, Text::NoticeChooseUnit);
    for pair in units.chunks(2).take(MAX_UNIT_BUTTONS / 2) {
        reply = reply.row(
            pair.iter()
                .map(|u| {
                    Button::new(
                        Text::Plain {
                            text: u.name.as_str().into(),
                        },
                        Action::ComposeFor {
                            org: u.id,
                            purpose: purpose.as_str().into(),
                        },
                    )
                })
                .collect(),
        );
    }
    Ok(Outcome::reply(reply))
}

/// A unit chosen with a button after `/notice`, `/lesson` or `/session`.
pub async fn start_for(app: &App, actor: &Actor, org: i64, purpose: &str) -> Result<Outcome> {
    let unit = app.store.org(org).await?;
    if !Staff::of(&app.store, actor.id).await?.covers(&unit) {
        return Ok(Outcome::alert(Text::NotYourBranch));
    }
    ask_first(app, actor, &unit, purpose.parse().unwrap_or_default()).await
}

async fn ask_first(app: &App, actor: &Actor, unit: &OrgUnit, purpose: Purpose) -> Result<Outcome> {
    match purpose {
        Purpose::Notice | Purpose::Report => ask_content(app, actor, unit).await,
        Purpose::Poll => crate::polls::ask_question(app, actor, unit).await,
        Purpose::Lesson => crate::lessons::ask_title(app, actor, unit).await,
        Purpose::Session => crate::sessions::ask_kind(app, actor, unit).await,
    }
}

async fn ask_content(app: &App, actor: &Actor, unit: &OrgUnit) -> Result<Outcome> {
    Dialogue::NoticeContent { org: unit.id }
        .save(&app.store, actor.id, app.now())
        .await?;
    Ok(Outcome::reply(
        Reply::text(
            actor.id,
            Text::NoticeAskContent {
                unit: unit.name.as_str().into(),
            },
        )
        .row(vec![Button::new(Text::ButtonCancel, Action::Cancel)]),
    ))
}

/// The content arrived: save the draft and ask who it goes to.
pub async fn content(app: &App, actor: &Actor, org: i64, content: Content) -> Result<Outcome> {
    let unit = app.store.org(org).await?;
    if !Staff::of(&app.store, actor.id).await?.covers(&unit) {
        app.store.clear_dialogue(actor.id).await?;
        return Ok(Outcome::text(actor.id, Text::NotYourBranch));
    }
    let limit = match content.kind {
        NoticeKind::Text => dispatch::MAX_NOTICE_TEXT,
        _ => crate::telegram::render::MAX_CAPTION,
    };
    if content.body.chars().count() > limit {
        return Ok(Outcome::text(actor.id, Text::TooLong { max: limit.into() }));
    }
    if content.kind == NoticeKind::Text && content.body.trim().is_empty() {
        return Ok(Outcome::text(actor.id, Text::NoticeUnsupported));
    }
    let id = app
        .store
        .create_notice(
            unit.id,
            actor.id,
            content.kind,
            &content.body,
            content.file_ref.as_deref(),
            app.now(),
        )
        .await?;
    app.store.clear_dialogue(actor.id).await?;
    Ok(Outcome::reply(ask_audience(app, actor, id, &unit).await?))
}

/// Who does the draft go to: the branch groups, every member, or members working away.
pub async fn ask_audience(app: &App, actor: &Actor, id: i64, unit: &OrgUnit) -> Result<Reply> {
    let groups = app.store.groups_under(unit).await?.len();
    // Counts only: a county's members are not loaded to label two buttons.
    let all = app.store.count_readers(unit, Audience::All).await?;
    let mobile = app.store.count_readers(unit, Audience::Mobile).await?;
    let mut reply = Reply::text(actor.id, Text::NoticeChooseAudience);
    let mut row = Vec::new();
    if groups > 0 {
        row.push(Button::new(
            Text::AudienceGroupButton {
                count: groups.into(),
            },
            Action::NoticeAudience {
                notice: id,
                audience: Audience::Group.as_str().into(),
            },
        ));
    }
    row.push(Button::new(
        Text::AudienceAllButton { count: all.into() },
        Action::NoticeAudience {
            notice: id,
            audience: Audience::All.as_str().into(),
        },
    ));
    reply = reply.row(row).row(vec![
        Button::new(
            Text::AudienceMobileButton {
                count: mobile.into(),
            },
            Action::NoticeAudience {
                notice: id,
                audience: Audience::Mobile.as_str().into(),
            },
        ),
        Button::new(Text::ButtonCancel, Action::NoticeCancel { notice: id }),
    ]);
    if groups == 0 {
        reply = reply.line(Line::from(Text::NoticeNoGroups));
    }
    Ok(reply)
}

/// Loads a draft the presser wrote, or says why not.
/// The author must still hold a role over the notice's unit.
pub async fn own_draft(app: &App, actor: &Actor, id: i64) -> Result<Result<Notice, Outcome>> {
    let notice = match app.store.notice(id).await? {
        Some(n) if n.author != actor.id => return Ok(Err(Outcome::alert(Text::ButtonExpired))),
        Some(n) if n.status == NoticeStatus::Draft => n,
        Some(n) => return Ok(Err(Outcome::alert(status_text(n.status)))),
        None => return Ok(Err(Outcome::alert(Text::ButtonExpired))),
    };
    let unit = app.store.org(notice.org_id).await?;
    if !Staff::of(&app.store, actor.id).await?.covers(&unit) {
        return Ok(Err(Outcome::alert(Text::NotYourBranch)));
    }
    Ok(Ok(notice))
}

/// A draft whose preview is the one pressed: an older preview's buttons (another audience or
/// urgency chosen since) do nothing.
async fn previewed_draft(
    app: &App,
    actor: &Actor,
    id: i64,
    audience: &str,
    urgent: bool,
) -> Result<Result<Notice, Outcome>> {
    Ok(match own_draft(app, actor, id).await? {
        Ok(n) if n.audience.map(Audience::as_str) == Some(audience) && n.urgent == urgent => Ok(n),
        Ok(_) => Err(Outcome::alert(Text::NoticePreviewOutdated)),
        Err(out) => Err(out),
    })
}

fn status_text(status: NoticeStatus) -> Text {
    match status {
        NoticeStatus::Cancelled => Text::NoticeAlreadyCancelled,
        NoticeStatus::Scheduled => Text::NoticeAlreadyScheduled,
        _ => Text::NoticeAlreadySent,
    }
}

fn audience_text(audience: Audience) -> Text {
    match audience {
        Audience::Group => Text::AudienceGroup,
        Audience::All => Text::AudienceAll,
        Audience::Mobile => Text::AudienceMobile,
        Audience::Resident => Text::AudienceResident,
    }
}

/// The audience was chosen: normal or urgent?
pub async fn choose_audience(
    app: &App,
    actor: &Actor,
    id: i64,
    audience: &str,
    message: Option<i32>,
) -> Result<Outcome> {
    let notice = match own_draft(app, actor, id).await? {
        Ok(n) => n,
        Err(out) => return Ok(out),
    };
    let Ok(audience) = audience.parse::<Audience>() else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    // Invitations and polls have no urgency: their times are their own.
    if matches!(notice.purpose, Purpose::Session | Purpose::Poll) {
        return preview(app, actor, id, audience.as_str(), false, message).await;
    }
    let urgency = |urgent: bool| Action::NoticeUrgency {
        notice: notice.id,
        audience: audience.as_str().into(),
        urgent,
    };
    let mut reply = Reply::text(actor.id, Text::NoticeChooseUrgency)
        .line(Line(vec![Text::NoticeAudienceIs, audience_text(audience)]))
        .row(vec![
            Button::new(Text::ButtonNormal, urgency(false)),
            Button::new(Text::ButtonUrgent, urgency(true)),
        ])
        .row(vec![Button::new(
            Text::ButtonCancel,
            Action::NoticeCancel { notice: notice.id },
        )]);
    if let Some(m) = message {
        reply = reply.editing(m);
    }
    Ok(Outcome::reply(reply))
}

/// Urgency chosen: show the notice as members will see it, with the counts, and the choice to
/// send now, schedule or cancel.
pub async fn preview(
    app: &App,
    actor: &Actor,
    id: i64,
    audience: &str,
    urgent: bool,
    message: Option<i32>,
) -> Result<Outcome> {
    let notice = match own_draft(app, actor, id).await? {
        Ok(n) => n,
        Err(out) => return Ok(out),
    };
    let Ok(audience) = audience.parse::<Audience>() else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    if !app
        .store
        .set_notice_audience(notice.id, audience, urgent)
        .await?
    {
        return Ok(Outcome::alert(Text::NoticeAlreadySent));
    }
    let notice = app.store.notice(id).await?.unwrap_or(notice);
    // The copy exactly as a member will see it (its button is only a sample).
    dispatch::queue_preview(app, &notice, actor.id).await?;
    let plan = dispatch::plan(app, &notice).await?;
    let mut out = Outcome::none();
    if let Some(m) = message {
        let mut shown = Reply::lines(actor.id, Vec::new())
            .line(Line(vec![Text::NoticeAudienceIs, audience_text(audience)]));
        // An invitation or a poll has no urgency: its time is its own.
        if !matches!(notice.purpose, Purpose::Session | Purpose::Poll) {
            shown = shown.line(Line::from(if urgent {
                Text::UrgencyUrgent
            } else {
                Text::UrgencyNormal
            }));
        }
        out = out.and(shown.editing(m));
    }
    let mut summary = Reply::text(actor.id, Text::NoticePreviewAbove);
    summary = summary.line(Line::from(match audience {
        Audience::Group => Text::PlanGroups {
            groups: plan.groups.into(),
            members: plan.readers.into(),
        },
        _ => Text::PlanMembers {
            count: plan.copies.into(),
        },
    }));
    if plan.unjoined > 0 {
        summary = summary.line(Line::from(Text::PlanUnjoined {
            count: plan.unjoined.into(),
        }));
    }
    if plan.unreachable > 0 {
        summary = summary.line(Line::from(Text::PlanUnreachable {
            count: plan.unreachable.into(),
        }));
    }
    if !urgent && plan.held > 0 {
        summary = summary.line(Line::from(Text::PlanHeld {
            count: plan.held.into(),
        }));
    }
    if plan.copies == 0 {
        summary = summary
            .line(Line::from(Text::PlanNobody))
            .row(vec![Button::new(
                Text::ButtonCancel,
                Action::NoticeCancel { notice: notice.id },
            )]);
        return Ok(out.and(summary));
    }
    let send = Button::new(
        Text::ButtonSendNow,
        Action::NoticeSend {
            notice: notice.id,
            audience: audience.as_str().into(),
            urgent,
        },
    );
    // A session's invitation and a poll go now: their times are their own.
    let first_row = if matches!(notice.purpose, Purpose::Session | Purpose::Poll) {
        vec![send]
    } else {
        vec![
            send,
            Button::new(
                Text::ButtonSchedule,
                Action::NoticeSchedule {
                    notice: notice.id,
                    audience: audience.as_str().into(),
                    urgent,
                },
            ),
        ]
    };
    summary = summary.row(first_row).row(vec![Button::new(
        Text::ButtonCancel,
        Action::NoticeCancel { notice: notice.id },
    )]);
    Ok(out.and(summary))
}

/// 「立即发送」.
pub async fn send_now(
    app: &App,
    actor: &Actor,
    (id, audience, urgent): (i64, &str, bool),
    message: Option<i32>,
) -> Result<Outcome> {
    let notice = match previewed_draft(app, actor, id, audience, urgent).await? {
        Ok(n) => n,
        Err(out) => return Ok(out),
    };
    if notice.purpose == Purpose::Session
        && app
            .store
            .session(notice.id)
            .await?
            .and_then(|s| s.starts_at)
            .is_none_or(|t| t <= app.now() + 60_000)
    {
        return Ok(Outcome::alert(Text::SessionTimePassed));
    }
    if notice.purpose == Purpose::Poll
        && app
            .store
            .poll(notice.id)
            .await?
            .and_then(|p| p.closes_at)
            .is_none_or(|t| t <= app.now() + 60_000)
    {
        return Ok(Outcome::alert(Text::PollClosePassed));
    }
    let confirm = message.map(|m| (actor.id, i64::from(m)));
    if !app
        .store
        .start_notice(notice.id, confirm, app.now())
        .await?
    {
        return Ok(Outcome::alert(Text::NoticeAlreadySent));
    }
    app.store
        .audit(
            &actor.id.to_string(),
            "notice.send",
            &notice.id.to_string(),
            app.now(),
        )
        .await?;
    dispatch::send(app, notice.id).await?;
    Ok(Outcome::toast(Text::NoticeSending))
}

/// 「定时发送」: ask for the time.
pub async fn ask_time(
    app: &App,
    actor: &Actor,
    (id, audience, urgent): (i64, &str, bool),
    message: Option<i32>,
) -> Result<Outcome> {
    let notice = match previewed_draft(app, actor, id, audience, urgent).await? {
        Ok(n) => n,
        Err(out) => return Ok(out),
    };
    Dialogue::NoticeTime {
        notice: notice.id,
        message,
    }
    .save(&app.store, actor.id, app.now())
    .await?;
    Ok(Outcome::text(actor.id, Text::NoticeAskTime))
}

/// The time typed after 「定时发送」.
pub async fn schedule(
    app: &App,
    actor: &Actor,
    id: i64,
    message: Option<i32>,
    typed: &str,
) -> Result<Outcome> {
    let now = app.now();
    let Some(at) = parse_when(typed, now, app.tz()) else {
        return Ok(Outcome::text(actor.id, Text::NoticeTimeUnreadable));
    };
    if at <= now + 60_000 {
        return Ok(Outcome::text(actor.id, Text::NoticeTimePast));
    }
    if at > now + 31 * 86_400_000 {
        return Ok(Outcome::text(actor.id, Text::NoticeTimeTooFar));
    }
    let notice = match own_draft(app, actor, id).await? {
        Ok(n) => n,
        Err(_) => {
            app.store.clear_dialogue(actor.id).await?;
            return Ok(Outcome::text(actor.id, Text::NoticeAlreadySent));
        }
    };
    let confirm = message.map(|m| (actor.id, i64::from(m)));
    if !app.store.schedule_notice(notice.id, at, confirm).await? {
        app.store.clear_dialogue(actor.id).await?;
        return Ok(Outcome::text(actor.id, Text::NoticeAlreadySent));
    }
    app.store.clear_dialogue(actor.id).await?;
    app.store
        .audit(
            &actor.id.to_string(),
            "notice.schedule",
            &format!("{} at {}", notice.id, app.format_time(at)),
            now,
        )
        .await?;
    let text = Text::NoticeScheduled {
        id: notice.id.into(),
        at: app.format_time(at).into(),
    };
    let cancel = vec![Button::new(
        Text::ButtonCancelSending,
        Action::NoticeCancel { notice: notice.id },
    )];
    // The preview's message shows the schedule (and the progress once it goes); the answer
    // under the typed time says it too.
    Ok(match message {
        Some(m) => Outcome::reply(Reply::text(actor.id, text.clone()).editing(m).row(cancel))
            .and(Reply::text(actor.id, text)),
        None => Outcome::reply(Reply::text(actor.id, text).row(cancel)),
    })
}

/// 「取消」 on a draft, or 「取消发送」 on a scheduled notice.
pub async fn cancel(app: &App, actor: &Actor, id: i64, message: Option<i32>) -> Result<Outcome> {
    let Some(notice) = app.store.notice(id).await? else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    let allowed = notice.author == actor.id
        || (notice.status == NoticeStatus::Scheduled && {
            let unit = app.store.org(notice.org_id).await?;
            Staff::of(&app.store, actor.id).await?.covers(&unit)
        });
    if !allowed {
        return Ok(Outcome::alert(Text::NotYourBranch));
    }
    if !app.store.cancel_notice(id).await? {
        return Ok(Outcome::alert(status_text(notice.status)));
    }
    if notice.status == NoticeStatus::Scheduled {
        app.store
            .audit(
                &actor.id.to_string(),
                "notice.cancel",
                &id.to_string(),
                app.now(),
            )
            .await?;
    }
    // Whatever was being asked about it is no longer awaited.
    if let Some(
        Dialogue::NoticeTime { notice: of, .. }
        | Dialogue::LessonContent { lesson: of }
        | Dialogue::QuizQuestion { lesson: of }
        | Dialogue::SessionTime { session: of }
        | Dialogue::SessionPlace { session: of },
    ) = Dialogue::load(&app.store, actor.id).await?
        && of == id
    {
        app.store.clear_dialogue(actor.id).await?;
    }
    let text = Text::NoticeCancelled { id: id.into() };
    Ok(match message {
        Some(m) => Outcome::reply(Reply::text(actor.id, text).editing(m)),
        None => Outcome::text(actor.id, text),
    })
}
