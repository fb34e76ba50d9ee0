//! Sending a notice: one outbox row per copy, quiet hours, progress edits of the sender's
//! message, reminders, and the ticker that runs scheduled notices.

use std::collections::HashSet;
use std::time::Duration;

use anyhow::Result;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::app::App;
use crate::delivery::Markup;
use crate::domain::{Audience, Locale, NoticeKind, Purpose, QuietHours};
use crate::i18n::Text;
use crate::reply::Action;
use crate::store::{CopyCounts, LessonItem, NewMessage, Notice, Reader, Session};
use crate::telegram::render::{MAX_CAPTION, MAX_TEXT, split_text};

/// The longest notice text taken (a Telegram message is at most this long anyway).
pub const MAX_NOTICE_TEXT: usize = MAX_TEXT;

/// Cells of the progress bar.
const BAR: usize = 10;

/// Who a notice would reach now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Copies to send (groups, or members privately).
    pub copies: usize,
    /// Groups among them.
    pub groups: usize,
    /// Members the notice is for.
    pub readers: usize,
    /// Members without Telegram.
    pub unjoined: usize,
    /// Members who blocked the bot.
    pub unreachable: usize,
    /// Copies that would wait for the reader's quiet hours.
    pub held: usize,
}

/// Counts who the notice would reach if sent now.
pub async fn plan(app: &App, notice: &Notice) -> Result<Plan> {
    let unit = app.store.org(notice.org_id).await?;
    let now = app.now();
    Ok(match notice.audience {
        Some(Audience::Group) => {
            let groups = app.store.groups_under(&unit).await?.len();
            Plan {
                copies: groups,
                groups,
                readers: app.store.count_readers(&unit, Audience::All).await? as usize,
                ..Plan::default()
            }
        }
        audience => {
            let readers = app
                .store
                .readers(&unit, audience.unwrap_or(Audience::All))
                .await?;
            let mut plan = Plan {
                readers: readers.len(),
                ..Plan::default()
            };
            for r in &readers {
                match (r.telegram_id, r.reachable) {
                    (None, _) => plan.unjoined += 1,
                    (Some(_), false) => plan.unreachable += 1,
                    (Some(_), true) => {
                        plan.copies += 1;
                        if hold_until(app, r, now).is_some() {
                            plan.held += 1;
                        }
                    }
                }
            }
            plan
        }
    })
}

/// When a non-urgent copy to this reader may go, if not now.
pub fn hold_until(app: &App, reader: &Reader, now: i64) -> Option<i64> {
    release(app, reader.quiet, now)
}

/// When a non-urgent message to someone with these quiet hours (the default when they chose
/// none) may go, if not now.
pub fn release(app: &App, quiet: Option<QuietHours>, now: i64) -> Option<i64> {
    let quiet: QuietHours = quiet.unwrap_or_else(|| app.config.notices.quiet_hours());
    let local = chrono::DateTime::from_timestamp_millis(now)?.with_timezone(&app.tz());
    quiet.release(local).map(|t| t.timestamp_millis())
}

/// The 「收到 ✓」 token of a notice (「学完了」 of a lesson, 「参加」 of a session), made on
/// first use.
async fn ack_token(app: &App, notice: &Notice) -> Result<String> {
    if let Some(t) = &notice.ack_token {
        return Ok(t.clone());
    }
    let action = match notice.purpose {
        Purpose::Session => Action::Rsvp {
            session: notice.id,
            leave: false,
        },
        Purpose::Poll => Action::Vote {
            poll: notice.id,
            choice: 0,
        },
        _ => Action::Ack { notice: notice.id },
    };
    let token = app
        .store
        .put_button(&serde_json::to_string(&action)?, app.now())
        .await?;
    app.store.set_ack_token(notice.id, &token).await?;
    Ok(token)
}

/// The tokens of a copy's buttons: the acknowledgement, 「请假」 for a session, and a poll's
/// options (the first is the acknowledgement's).
#[derive(Debug, Clone)]
pub struct Tokens {
    ack: String,
    leave: Option<String>,
    options: Vec<(String, String)>,
}

/// Makes (or finds) the tokens of a notice's buttons.
pub async fn tokens(app: &App, notice: &Notice) -> Result<Tokens> {
    let ack = ack_token(app, notice).await?;
    let leave = if notice.purpose == Purpose::Session {
        let action = Action::Rsvp {
            session: notice.id,
            leave: true,
        };
        Some(
            app.store
                .put_button(&serde_json::to_string(&action)?, app.now())
                .await?,
        )
    } else {
        None
    };
    let mut options = Vec::new();
    if notice.purpose == Purpose::Poll
        && let Some(poll) = app.store.poll(notice.id).await?
    {
        for (i, label) in poll.options.into_iter().enumerate() {
            let token = if i == 0 {
                ack.clone()
            } else {
                let action = Action::Vote {
                    poll: notice.id,
                    choice: i as i64,
                };
                app.store
                    .put_button(&serde_json::to_string(&action)?, app.now())
                    .await?
            };
            options.push((label, token));
        }
    }
    Ok(Tokens {
        ack,
        leave,
        options,
    })
}

/// The buttons of a copy in `locale`; `counts` (acknowledged, expected) label a group's copy.
pub fn copy_markup(
    app: &App,
    notice: &Notice,
    locale: Locale,
    tokens: &Tokens,
    counts: Option<(i64, i64)>,
) -> Result<String> {
    let label = |t: Text| app.i18n.render(locale, &t);
    if notice.purpose == Purpose::Poll {
        // One option per row: long options stay readable on a small screen.
        return inline_markup(
            tokens
                .options
                .iter()
                .map(|(option, token)| vec![(option.clone(), token.clone())])
                .collect(),
        );
    }
    let ack_label = match (notice.purpose, counts) {
        (Purpose::Lesson, None) => label(Text::LessonDoneButton),
        (Purpose::Lesson, Some((acked, total))) => label(Text::LessonDoneButtonCount {
            acked: acked.into(),
            total: total.into(),
        }),
        (Purpose::Session, _) => label(Text::SessionGoingButton),
        (Purpose::Report, _) => label(Text::ReportPromptButton),
        (Purpose::Notice | Purpose::Poll, None) => label(Text::AckButton),
        (Purpose::Notice | Purpose::Poll, Some((acked, total))) => label(Text::AckButtonCount {
            acked: acked.into(),
            total: total.into(),
        }),
    };
    let mut row = vec![InlineKeyboardButton::callback(
        ack_label,
        tokens.ack.clone(),
    )];
    if let Some(leave) = &tokens.leave {
        row.push(InlineKeyboardButton::callback(
            label(Text::SessionLeaveButton),
            leave.clone(),
        ));
    }
    Ok(serde_json::to_string(&Markup::Inline(
        InlineKeyboardMarkup::new(vec![row]),
    ))?)
}

/// Inline buttons (label, token) as an outbox row's markup.
pub fn inline_markup(rows: Vec<Vec<(String, String)>>) -> Result<String> {
    Ok(serde_json::to_string(&Markup::Inline(
        InlineKeyboardMarkup::new(rows.into_iter().map(|row| {
            row.into_iter()
                .map(|(label, token)| InlineKeyboardButton::callback(label, token))
                .collect::<Vec<_>>()
        })),
    ))?)
}

/// What a copy carries beside the notice's own text.
#[derive(Debug, Clone, Default)]
pub enum Extra {
    /// Nothing.
    #[default]
    None,
    /// A lesson's attachments, sent after its text.
    Lesson(Vec<LessonItem>),
    /// A session's time and place (and the title of its lesson).
    Session(Session, Option<String>),
    /// A poll's options and closing time.
    Poll(crate::store::Poll),
}

/// Loads what a notice's copies carry beside its text.
pub async fn extra(app: &App, notice: &Notice) -> Result<Extra> {
    Ok(match notice.purpose {
        Purpose::Notice | Purpose::Report => Extra::None,
        Purpose::Poll => match app.store.poll(notice.id).await? {
            Some(p) => Extra::Poll(p),
            None => Extra::None,
        },
        Purpose::Lesson => Extra::Lesson(app.store.lesson_items(notice.id).await?),
        Purpose::Session => match app.store.session(notice.id).await? {
            Some(s) => {
                let lesson = match s.lesson_id {
                    Some(id) => app.store.notice(id).await?.and_then(|l| l.title),
                    None => None,
                };
                Extra::Session(s, lesson)
            }
            None => Extra::None,
        },
    })
}

/// A copy's text: the unit's heading, then the content.
fn copy_text(app: &App, notice: &Notice, unit_name: &str, locale: Locale, extra: &Extra) -> String {
    let render = |t: Text| app.i18n.render(locale, &t);
    let unit = || unit_name.into();
    match (notice.purpose, extra) {
        (Purpose::Lesson, _) => {
            let mut text = format!(
                "{}\n\n{}",
                render(Text::LessonHeading { unit: unit() }),
                render(Text::LessonTitleLine {
                    title: notice.title.clone().unwrap_or_default().into(),
                })
            );
            if !notice.body.is_empty() {
                text = format!("{text}\n\n{}", notice.body);
            }
            text
        }
        (Purpose::Poll, Extra::Poll(poll)) => format!(
            "{}\n\n{}",
            render(Text::PollHeading { unit: unit() }),
            crate::polls::details(app, notice, poll, locale)
        ),
        (Purpose::Session, Extra::Session(session, lesson)) => {
            let mut text = format!(
                "{}\n\n{}",
                render(Text::SessionHeading { unit: unit() }),
                crate::sessions::details(app, notice, session, lesson.as_deref(), locale)
            );
            if !notice.body.is_empty() {
                text = format!("{text}\n\n{}", notice.body);
            }
            text
        }
        _ => {
            let heading = render(if notice.urgent {
                Text::NoticeHeadingUrgent { unit: unit() }
            } else {
                Text::NoticeHeading { unit: unit() }
            });
            if notice.body.is_empty() {
                heading
            } else {
                format!("{heading}\n\n{}", notice.body)
            }
        }
    }
}

/// The outbox rows of one copy: the text with the unit's heading (split at paragraphs when
/// long) with the buttons on its last part, then a lesson's attachments.
#[allow(clippy::too_many_arguments)]
pub fn copy_rows(
    app: &App,
    notice: &Notice,
    unit_name: &str,
    locale: Locale,
    chat_id: i64,
    markup: &str,
    not_before: Option<i64>,
    extra: &Extra,
) -> Vec<NewMessage> {
    let base = NewMessage {
        chat_id,
        priority: 1,
        not_before,
        ..NewMessage::default()
    };
    let text = copy_text(app, notice, unit_name, locale, extra);
    let mut rows: Vec<NewMessage> = if notice.kind == NoticeKind::Text {
        split_text(&text, MAX_TEXT)
            .into_iter()
            .map(|body| NewMessage {
                kind: "text",
                body,
                ..base.clone()
            })
            .collect()
    } else {
        let caption = if text.chars().count() <= MAX_CAPTION {
            text
        } else {
            notice.body.clone()
        };
        vec![NewMessage {
            kind: notice.kind.as_str(),
            body: caption,
            file_ref: notice.file_ref.clone(),
            ..base.clone()
        }]
    };
    // The buttons ride on the text: a member on a weak signal can read and confirm before the
    // attachments arrive, and an attachment Telegram refuses never takes 「学完了」 with it.
    if let Some(last) = rows.last_mut() {
        last.markup = Some(markup.to_string());
        last.notice_id = Some(notice.id);
    }
    if let Extra::Lesson(items) = extra {
        rows.extend(items.iter().map(|item| NewMessage {
            kind: item.kind.as_str(),
            body: item.body.clone(),
            file_ref: Some(item.file_ref.clone()),
            ..base.clone()
        }));
    }
    rows
}

/// Queues the preview: the copy as a member will see it, to the author.
pub async fn queue_preview(app: &App, notice: &Notice, to: i64) -> Result<()> {
    let unit = app.store.org(notice.org_id).await?;
    let locale = app.locale_of(to).await;
    let markup = copy_markup(app, notice, locale, &tokens(app, notice).await?, None)?;
    let extra = extra(app, notice).await?;
    let rows = copy_rows(app, notice, &unit.name, locale, to, &markup, None, &extra)
        .into_iter()
        .map(|m| NewMessage {
            priority: 0,
            notice_id: None,
            ..m
        })
        .collect::<Vec<_>>();
    app.store.enqueue(&rows, app.now()).await?;
    app.delivery.wake();
    Ok(())
}

/// Queues every copy of a notice just taken for sending, and shows the first progress.
pub async fn send(app: &App, id: i64) -> Result<()> {
    let Some(notice) = app.store.notice(id).await? else {
        return Ok(());
    };
    let unit = app.store.org(notice.org_id).await?;
    let tokens = tokens(app, &notice).await?;
    let extra = extra(app, &notice).await?;
    let now = app.now();
    let default = app.config.default_locale();
    let mut rows = Vec::new();
    let (mut unjoined, mut unreachable) = (0, 0);
    match notice.audience {
        Some(Audience::Group) => {
            for g in app.store.groups_under(&unit).await? {
                let branch = app.store.org(g.org_id).await?;
                let counts = app.store.group_ack_counts(notice.id, &branch).await?;
                let markup = copy_markup(app, &notice, default, &tokens, Some(counts))?;
                rows.extend(copy_rows(
                    app, &notice, &unit.name, default, g.chat_id, &markup, None, &extra,
                ));
            }
        }
        audience => {
            let readers = app
                .store
                .readers(&unit, audience.unwrap_or(Audience::All))
                .await?;
            let markups = Locale::ALL
                .iter()
                .map(|l| Ok((*l, copy_markup(app, &notice, *l, &tokens, None)?)))
                .collect::<Result<Vec<_>>>()?;
            // Copies go out at the global rate: a big notice queued at 21:45 reaches its last
            // readers well after 22:00, so each copy's hold is judged at its own turn.
            let per_copy = 1000 / i64::from(app.config.delivery.global_per_second.max(1));
            let mut turn = 0;
            for r in &readers {
                let Some(chat) = r.telegram_id else {
                    unjoined += 1;
                    continue;
                };
                if !r.reachable {
                    unreachable += 1;
                    continue;
                }
                let locale = r.locale.unwrap_or(default);
                let markup = &markups
                    .iter()
                    .find(|(l, _)| *l == locale)
                    .expect("every locale")
                    .1;
                let hold = if notice.urgent {
                    None
                } else {
                    hold_until(app, r, now + turn * per_copy)
                };
                turn += 1;
                rows.extend(copy_rows(
                    app, &notice, &unit.name, locale, chat, markup, hold, &extra,
                ));
            }
        }
    }
    let copies = rows.iter().filter(|r| r.notice_id.is_some()).count() as i64;
    if !app
        .store
        .enqueue_notice(&rows, notice.id, (copies, unjoined, unreachable), now)
        .await?
    {
        tracing::info!(notice = notice.id, "copies were already queued");
        return Ok(());
    }
    drop(rows);
    app.delivery.wake();
    if let Some(notice) = app.store.notice(id).await? {
        show_progress(app, &notice, now).await?;
    }
    Ok(())
}

/// Groups digits in threes: 36,533.
pub fn grouped(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// The sender's progress message: a bar, counts and time left while sending; the outcome with
/// the reasons for undelivered copies at the end.
pub fn progress_lines(app: &App, notice: &Notice, c: &CopyCounts, now: i64) -> Vec<Text> {
    let total = notice.recipients.max(c.done() + c.open);
    let mut lines = Vec::new();
    if c.open > 0 {
        let sendable = c.open - c.held;
        let done = c.done();
        let pct = if total > 0 { done * 100 / total } else { 100 };
        let filled = if total > 0 {
            (done as usize * BAR) / total as usize
        } else {
            BAR
        };
        let bar = format!("{}{}", "▓".repeat(filled), "░".repeat(BAR - filled));
        if sendable > 0 {
            let elapsed = (now - notice.started_at.unwrap_or(now)).max(1) as f64 / 1000.0;
            let rate = if done > 0 && elapsed > 2.0 {
                done as f64 / elapsed
            } else {
                f64::from(app.config.delivery.global_per_second)
            };
            let secs = (sendable as f64 / rate.max(0.1)).ceil() as i64;
            lines.push(Text::ProgressSending {
                bar: bar.into(),
                done: grouped(done).into(),
                total: grouped(total).into(),
                pct: pct.into(),
                min: (secs / 60).into(),
                sec: (secs % 60).into(),
            });
        } else {
            lines.push(Text::ProgressWaiting {
                bar: bar.into(),
                done: grouped(done).into(),
                total: grouped(total).into(),
                pct: pct.into(),
            });
        }
        if c.held > 0 {
            lines.push(Text::ProgressHeld {
                count: grouped(c.held).into(),
                at: c
                    .held_until
                    .map(|t| app.format_time(t))
                    .unwrap_or_default()
                    .into(),
            });
        }
        return lines;
    }
    let undelivered = c.blocked + c.failed + notice.unreachable;
    lines.push(Text::ProgressDone {
        sent: grouped(c.sent).into(),
        undelivered: grouped(undelivered).into(),
    });
    if undelivered > 0 {
        let mut reasons: Vec<(Text, i64)> = Vec::new();
        let mut add = |t: Text, n: i64| {
            if let Some(r) = reasons.iter_mut().find(|(x, _)| *x == t) {
                r.1 += n;
            } else {
                reasons.push((t, n));
            }
        };
        if notice.unreachable > 0 {
            add(Text::ReasonBlocked, notice.unreachable);
        }
        for (error, n) in &c.reasons {
            add(reason(error), *n);
        }
        reasons.sort_by_key(|(t, _)| match t {
            Text::ReasonBlocked => 0,
            Text::ReasonDeactivated => 1,
            Text::ReasonKicked => 2,
            Text::ReasonChatNotFound => 3,
            Text::ReasonNeverStarted => 4,
            _ => 5,
        });
        for (text, n) in reasons {
            lines.push(Text::ProgressReason {
                reason: app.i18n.render(app.config.default_locale(), &text).into(),
                count: grouped(n).into(),
            });
        }
    }
    if notice.unjoined > 0 {
        lines.push(Text::PlanUnjoined {
            count: notice.unjoined.into(),
        });
    }
    lines
}

/// Telegram's error, as a reason a secretary understands.
fn reason(error: &str) -> Text {
    let e = error.to_lowercase();
    if e.contains("blocked") {
        Text::ReasonBlocked
    } else if e.contains("deactivated") {
        Text::ReasonDeactivated
    } else if e.contains("kicked") || e.contains("not a member") {
        Text::ReasonKicked
    } else if e.contains("chat not found") {
        Text::ReasonChatNotFound
    } else if e.contains("initiate conversation") {
        Text::ReasonNeverStarted
    } else {
        Text::ReasonOther {
            error: error.chars().take(80).collect::<String>().into(),
        }
    }
}

/// Edits the sender's message with the progress if it changed; marks the notice sent when
/// every copy has an outcome.
async fn show_progress(app: &App, notice: &Notice, now: i64) -> Result<()> {
    let counts = app.store.copy_counts(notice.id, now).await?;
    let finished = counts.open == 0 && notice.recipients >= 0;
    if finished && !app.store.finish_notice(notice.id, now).await? {
        return Ok(());
    }
    let Some((chat, message)) = notice.confirm else {
        return Ok(());
    };
    let locale = app.locale_of(chat).await;
    let lines = progress_lines(app, notice, &counts, now);
    let text = lines
        .iter()
        .map(|t| app.i18n.render(locale, t))
        .collect::<Vec<_>>()
        .join("\n");
    if notice.progress_text.as_deref() == Some(text.as_str()) {
        return Ok(());
    }
    app.store.set_progress_text(notice.id, &text).await?;
    let mut reply = crate::reply::Reply::lines(chat, lines).editing(message as i32);
    if finished {
        reply = reply.row(vec![crate::reply::Button::new(
            Text::ButtonReceipts,
            Action::NoticeDetail { notice: notice.id },
        )]);
    }
    let rows = crate::telegram::render::render(app, reply, 0).await?;
    app.store.enqueue(&rows, now).await?;
    app.delivery.wake();
    Ok(())
}

/// Sends a private reminder with 「收到 ✓」 to every member of the notice who has not pressed
/// it and was not reminded about it in the last day. Returns (reminded, skipped as reminded
/// today).
pub async fn nudge(app: &App, notice: &Notice) -> Result<(usize, usize)> {
    let now = app.now();
    let readers = app.store.notice_readers(notice).await?;
    let mut acked = app.store.acked_members(notice.id).await?;
    if notice.purpose == Purpose::Session {
        // Checked in or marked by the secretary: answered.
        acked.extend(
            app.store
                .attendance(notice.id)
                .await?
                .into_iter()
                .map(|a| a.member_id),
        );
    }
    let recent: HashSet<i64> = app
        .store
        .nudged_since(notice.id, now - 86_400_000)
        .await?
        .into_iter()
        .collect();
    let unit = app.store.org(notice.org_id).await?;
    let tokens = tokens(app, notice).await?;
    let default = app.config.default_locale();
    let excerpt = match &notice.title {
        Some(title) => format!("《{title}》"),
        None => excerpt(&notice.body, 60),
    };
    let (mut rows, mut reminded, mut skipped) = (Vec::new(), Vec::new(), 0);
    for r in readers.iter().filter(|r| !acked.contains(&r.member_id)) {
        let Some(chat) = r.telegram_id.filter(|_| r.reachable) else {
            continue;
        };
        if recent.contains(&r.member_id) {
            skipped += 1;
            continue;
        }
        let locale = r.locale.unwrap_or(default);
        let (unit, at, excerpt) = (
            unit.name.as_str().into(),
            app.format_time(notice.started_at.unwrap_or(notice.created_at))
                .into(),
            excerpt.as_str().into(),
        );
        let text = app.i18n.render(
            locale,
            &match notice.purpose {
                Purpose::Notice | Purpose::Report => Text::NudgeText { unit, at, excerpt },
                Purpose::Poll => Text::PollNudgeText { unit, at, excerpt },
                Purpose::Lesson => Text::LessonNudgeText { unit, at, excerpt },
                Purpose::Session => Text::SessionNudgeText { unit, at, excerpt },
            },
        );
        rows.push(NewMessage {
            chat_id: chat,
            kind: "text",
            body: text,
            markup: Some(copy_markup(app, notice, locale, &tokens, None)?),
            priority: 1,
            not_before: if notice.urgent {
                None
            } else {
                hold_until(app, r, now)
            },
            ..NewMessage::default()
        });
        reminded.push(r.member_id);
    }
    app.store.enqueue(&rows, now).await?;
    app.store.record_nudges(notice.id, &reminded, now).await?;
    app.delivery.wake();
    Ok((reminded.len(), skipped))
}

fn excerpt(body: &str, max: usize) -> String {
    let line = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if line.chars().count() > max {
        format!("{}…", line.chars().take(max).collect::<String>())
    } else {
        line.to_string()
    }
}

/// The current 「收到 ✓ n/m」 buttons of a notice's copy in a group, for the edit that refreshes
/// them (made when the edit is sent, so it always shows the latest count).
pub async fn count_markup(app: &App, notice_id: i64, chat_id: i64) -> Result<Option<String>> {
    let (Some(notice), Some(link)) = (
        app.store.notice(notice_id).await?,
        app.store.group_link(chat_id).await?,
    ) else {
        return Ok(None);
    };
    let branch = app.store.org(link.org_id).await?;
    let counts = app.store.group_ack_counts(notice.id, &branch).await?;
    let tokens = tokens(app, &notice).await?;
    Ok(Some(copy_markup(
        app,
        &notice,
        app.config.default_locale(),
        &tokens,
        Some(counts),
    )?))
}

/// One round of the timed work: scheduled notices whose time came, progress edits, automatic
/// reminders, and clearing old outbox rows. Every step is claimed in the database, so several
/// instances can run it.
pub async fn tick(app: &App) -> Result<()> {
    // Each part on its own: one failing does not hold up the others.
    if let Err(e) = crate::schedules::tick(app).await {
        tracing::error!(error = format!("{e:#}"), "recurring reminders failed");
    }
    if let Err(e) = crate::sessions::tick(app).await {
        tracing::error!(error = format!("{e:#}"), "session steps failed");
    }
    if let Err(e) = crate::feedback::tick(app).await {
        tracing::error!(error = format!("{e:#}"), "ticket deadlines failed");
    }
    if let Err(e) = crate::polls::tick(app).await {
        tracing::error!(error = format!("{e:#}"), "closing polls failed");
    }
    let now = app.now();
    for id in app.store.due_notices(now).await? {
        if app.store.start_notice(id, None, now).await? {
            tracing::info!(notice = id, "sending a scheduled notice");
            send(app, id).await?;
        }
    }
    let every = app.config.notices.progress_every().as_millis() as i64;
    for notice in app.store.sending_notices().await? {
        // Taken for sending but its copies never queued (the process stopped in between):
        // queue them now. A live dispatch takes well under a minute.
        if notice.recipients < 0 {
            if notice.started_at.is_some_and(|t| t + 60_000 < now)
                && app
                    .store
                    .claim_progress(notice.id, notice.progress_at, now)
                    .await?
            {
                tracing::warn!(
                    notice = notice.id,
                    "queueing the copies of an interrupted notice"
                );
                send(app, notice.id).await?;
            }
            continue;
        }
        if notice.progress_at.is_some_and(|t| t + every > now) {
            continue;
        }
        if app
            .store
            .claim_progress(notice.id, notice.progress_at, now)
            .await?
        {
            show_progress(app, &notice, now).await?;
        }
    }
    let after = app.config.notices.nudge_after().as_millis() as i64;
    for notice in app.store.notices_to_nudge(now - after).await? {
        // Still going out (copies held for the night): remind once all have gone.
        if app.store.copy_counts(notice.id, now).await?.open > 0 {
            continue;
        }
        if app.store.claim_auto_nudge(notice.id, now).await? {
            // The monthly report prompt: /reports shows who has not reported and says hello.
            if notice.purpose == Purpose::Report {
                continue;
            }
            // A poll that has closed needs no answer any more.
            if notice.purpose == Purpose::Poll
                && app
                    .store
                    .poll(notice.id)
                    .await?
                    .and_then(|p| p.closes_at)
                    .is_none_or(|t| t <= now)
            {
                continue;
            }
            // An invitation to a session that has begun needs no answer any more.
            if notice.purpose == Purpose::Session
                && app
                    .store
                    .session(notice.id)
                    .await?
                    .and_then(|s| s.starts_at)
                    .is_none_or(|t| t <= now)
            {
                continue;
            }
            let (sent, _) = nudge(app, &notice).await?;
            tracing::info!(notice = notice.id, sent, "automatic reminders queued");
        }
    }
    // Old rows go once a minute (every instance may do it; it is idempotent).
    if now / 60_000 != (now - 1000) / 60_000 {
        let keep = app.config.delivery.retention().as_millis() as i64;
        let purged = app.store.purge_outbox(now - keep).await?;
        if purged > 0 {
            tracing::info!(purged, "old outbox rows cleared");
        }
    }
    Ok(())
}

/// Runs [`tick`] every second until `stop` is notified.
pub async fn run(app: App, stop: std::sync::Arc<tokio::sync::Notify>) {
    let stopping = stop.notified();
    tokio::pin!(stopping);
    stopping.as_mut().enable();
    loop {
        if let Err(e) = tick(&app).await {
            tracing::error!(error = format!("{e:#}"), "scheduled notice work failed");
        }
        tokio::select! {
            _ = &mut stopping => break,
            _ = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn groups_digits() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(3480), "3,480");
        assert_eq!(grouped(36533), "36,533");
        assert_eq!(grouped(1234567), "1,234,567");
    }
}
