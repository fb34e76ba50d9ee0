//! Polls (村务 · 献计献策): `/poll` asks a question with options of the branch group or of
//! members privately, open until a time; one answer per member, changeable until it closes;
//! results in `/receipts` for the secretary and, at the close, for the audience.
//!
//! A poll is a notice with the purpose `poll`: its audience, copies, progress, reminders and
//! receipts are the notices' own; a vote is its acknowledgement.

use anyhow::Result;

use crate::app::{Actor, App};
use crate::dialogue::Dialogue;
use crate::domain::{Audience, Locale, NoticeStatus, OrgUnit, Purpose};
use crate::i18n::Text;
use crate::notices::{self, parse_when, receipts};
use crate::reply::{Action, Button, Line, Outcome, Reply};
use crate::store::{NewMessage, Notice, Poll};

/// The longest question.
const MAX_QUESTION: usize = 120;
/// The longest option (it is a button's label).
const MAX_OPTION: usize = 40;
/// Options per poll.
const MIN_OPTIONS: usize = 2;
const MAX_OPTIONS: usize = 8;
/// How long a poll may stay open.
const MAX_OPEN_DAYS: i64 = 60;
const HOUR: i64 = 3_600_000;

/// Asks the question of a new poll for `unit`.
pub async fn ask_question(app: &App, actor: &Actor, unit: &OrgUnit) -> Result<Outcome> {
    Dialogue::PollQuestion { org: unit.id }
        .save(&app.store, actor.id, app.now())
        .await?;
    Ok(Outcome::reply(
        Reply::text(
            actor.id,
            Text::PollAskQuestion {
                unit: unit.name.as_str().into(),
            },
        )
        .row(vec![Button::new(Text::ButtonCancel, Action::Cancel)]),
    ))
}

/// The question arrived: a draft poll; then its options.
pub async fn question(app: &App, actor: &Actor, org: i64, typed: &str) -> Result<Outcome> {
    let (id, _) =
        match notices::titled_draft(app, actor, org, Purpose::Poll, (typed, MAX_QUESTION)).await? {
            Ok(x) => x,
            Err(out) => return Ok(out),
        };
    Dialogue::PollOptions { poll: id }
        .save(&app.store, actor.id, app.now())
        .await?;
    Ok(Outcome::reply(
        Reply::text(
            actor.id,
            Text::PollAskOptions {
                min: MIN_OPTIONS.into(),
                max: MAX_OPTIONS.into(),
            },
        )
        .row(vec![Button::new(
            Text::ButtonCancel,
            Action::NoticeCancel { notice: id },
        )]),
    ))
}

/// Reads the options typed one per line; what is wrong with them otherwise.
pub fn parse_options(typed: &str) -> Result<Vec<String>, Box<Text>> {
    let options: Vec<String> = typed
        .lines()
        .map(|l| {
            l.trim()
                .trim_start_matches(['-', '•', '·', '*'])
                .trim()
                .to_string()
        })
        .filter(|l| !l.is_empty())
        .collect();
    if options.len() < MIN_OPTIONS || options.len() > MAX_OPTIONS {
        return Err(Box::new(Text::PollOptionsCount {
            min: MIN_OPTIONS.into(),
            max: MAX_OPTIONS.into(),
        }));
    }
    if let Some(long) = options.iter().find(|o| o.chars().count() > MAX_OPTION) {
        return Err(Box::new(Text::PollOptionTooLong {
            option: long.chars().take(12).collect::<String>().into(),
            max: MAX_OPTION.into(),
        }));
    }
    for (i, o) in options.iter().enumerate() {
        if options[..i].contains(o) {
            return Err(Box::new(Text::PollOptionTwice {
                option: o.as_str().into(),
            }));
        }
    }
    Ok(options)
}

/// A draft poll of the presser's, or why not.
async fn own_poll(app: &App, actor: &Actor, id: i64) -> Result<Result<Notice, Outcome>> {
    Ok(match notices::own_draft(app, actor, id).await? {
        Ok(n) if n.purpose == Purpose::Poll => Ok(n),
        Ok(_) => Err(Outcome::alert(Text::ButtonExpired)),
        Err(out) => Err(out),
    })
}

/// The options arrived: when does it close?
pub async fn options(app: &App, actor: &Actor, id: i64, typed: &str) -> Result<Outcome> {
    if let Err(out) = own_poll(app, actor, id).await? {
        app.store.clear_dialogue(actor.id).await?;
        return Ok(out);
    }
    let options = match parse_options(typed) {
        Ok(o) => o,
        Err(why) => return Ok(Outcome::text(actor.id, *why)),
    };
    if app.store.poll(id).await?.is_none() {
        app.store.create_poll(id, &options).await?;
    }
    Dialogue::PollCloses { poll: id }
        .save(&app.store, actor.id, app.now())
        .await?;
    let after =
        |hours: i64, label: Text| Button::new(label, Action::PollCloses { poll: id, hours });
    Ok(Outcome::reply(
        Reply::text(actor.id, Text::PollAskCloses)
            .row(vec![
                after(24, Text::ButtonPollDays { days: 1i64.into() }),
                after(72, Text::ButtonPollDays { days: 3i64.into() }),
                after(168, Text::ButtonPollDays { days: 7i64.into() }),
            ])
            .row(vec![Button::new(
                Text::ButtonCancel,
                Action::NoticeCancel { notice: id },
            )]),
    ))
}

/// The closing time, typed or chosen: then the audience.
pub async fn closes(app: &App, actor: &Actor, id: i64, at: Result<i64, &str>) -> Result<Outcome> {
    let notice = match own_poll(app, actor, id).await? {
        Ok(n) => n,
        Err(out) => {
            app.store.clear_dialogue(actor.id).await?;
            return Ok(out);
        }
    };
    let now = app.now();
    let at = match at {
        Ok(hours) => now + hours * HOUR,
        Err(typed) => match parse_when(typed, now, app.tz()) {
            Some(t) => t,
            None => return Ok(Outcome::text(actor.id, Text::NoticeTimeUnreadable)),
        },
    };
    if at <= now + HOUR {
        return Ok(Outcome::text(actor.id, Text::PollClosesTooSoon));
    }
    if at > now + MAX_OPEN_DAYS * 24 * HOUR {
        return Ok(Outcome::text(
            actor.id,
            Text::PollOpenTooLong {
                days: MAX_OPEN_DAYS.into(),
            },
        ));
    }
    if app.store.poll(id).await?.is_none() {
        return Ok(Outcome::alert(Text::ButtonExpired));
    }
    app.store.set_poll_closes(id, at).await?;
    app.store.clear_dialogue(actor.id).await?;
    let unit = app.store.org(notice.org_id).await?;
    Ok(Outcome::reply(
        notices::ask_audience(app, actor, id, &unit).await?,
    ))
}

/// The poll's text on a copy: the question, the closing time, and that a vote can change;
/// privately, also that other ideas can be written to the bot (they become suggestions).
pub fn details(app: &App, notice: &Notice, poll: &Poll, locale: Locale) -> String {
    let text = app.i18n.render(
        locale,
        &Text::PollDetails {
            question: notice.title.clone().unwrap_or_default().into(),
            closes: app.format_time(poll.closes_at.unwrap_or(0)).into(),
        },
    );
    if notice.audience == Some(Audience::Group) {
        return text;
    }
    format!("{text}\n{}", app.i18n.render(locale, &Text::PollIdeasHint))
}

/// A press of an option: the vote, new or changed, while the poll is open.
pub async fn vote(app: &App, actor: &Actor, id: i64, choice: i64, chat: i64) -> Result<Outcome> {
    let (Some(notice), Some(poll)) = (app.store.notice(id).await?, app.store.poll(id).await?)
    else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    if !matches!(notice.status, NoticeStatus::Sending | NoticeStatus::Sent) {
        return Ok(Outcome::toast(Text::AckPreview));
    }
    let Some(option) = usize::try_from(choice)
        .ok()
        .and_then(|i| poll.options.get(i))
    else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    let member = match receipts::reader(app, actor, &notice, chat).await? {
        Ok(m) => m,
        Err(out) => return Ok(out),
    };
    let now = app.now();
    let Some(before) = app.store.vote(id, member.id, choice, now).await? else {
        return Ok(Outcome::alert(Text::PollClosed));
    };
    app.store.ack_notice(id, member.id, chat, now).await?;
    let option = option.as_str().into();
    Ok(Outcome::toast(match before {
        None => Text::PollVoted { option },
        Some(c) if c == choice => Text::PollVoteSame { option },
        Some(_) => Text::PollVoteChanged { option },
    }))
}

/// The result lines: each option with its votes and share, then the turnout.
pub fn result_lines(poll: &Poll, counts: &[(i64, i64)], invited: usize) -> Vec<Line> {
    let total: i64 = counts.iter().map(|(_, n)| n).sum();
    let mut lines: Vec<Line> = poll
        .options
        .iter()
        .enumerate()
        .map(|(i, option)| {
            let votes = counts
                .iter()
                .find(|(c, _)| *c == i as i64)
                .map_or(0, |(_, n)| *n);
            Line::from(Text::PollResultLine {
                option: option.as_str().into(),
                votes: votes.into(),
                percent: (if total == 0 { 0 } else { votes * 100 / total }).into(),
            })
        })
        .collect();
    lines.push(Line::from(Text::PollTurnout {
        voted: total.into(),
        invited: invited.into(),
    }));
    lines
}

/// The poll's results for a secretary (in `/receipts`).
pub async fn results_for(app: &App, notice: &Notice) -> Result<Vec<Line>> {
    let Some(poll) = app.store.poll(notice.id).await? else {
        return Ok(Vec::new());
    };
    let counts = app.store.poll_counts(notice.id).await?;
    let invited = app.store.notice_readers(notice).await?.len();
    let mut lines = vec![Line::from(match poll.closed_at {
        Some(_) => Text::PollClosedAt {
            at: app.format_time(poll.closes_at.unwrap_or(0)).into(),
        },
        None => Text::PollOpenUntil {
            at: app.format_time(poll.closes_at.unwrap_or(0)).into(),
        },
    })];
    lines.extend(result_lines(&poll, &counts, invited));
    Ok(lines)
}

/// Closes the polls whose time has come: the results go to the author, and to the audience
/// (the branch groups, or each member who got it). Claimed in the database: once across
/// instances.
pub async fn tick(app: &App) -> Result<()> {
    let now = app.now();
    for id in app.store.polls_to_close(now).await? {
        if !app.store.close_poll(id, now).await? {
            continue;
        }
        let (Some(notice), Some(poll)) = (app.store.notice(id).await?, app.store.poll(id).await?)
        else {
            continue;
        };
        let counts = app.store.poll_counts(id).await?;
        let readers = app.store.notice_readers(&notice).await?;
        let mut lines = vec![Line::from(Text::PollResultsHeading {
            question: notice.title.clone().unwrap_or_default().into(),
        })];
        lines.extend(result_lines(&poll, &counts, readers.len()));
        let default = app.config.default_locale();
        let text = |locale: Locale| crate::telegram::render::render_lines(app, locale, &lines);
        let message = |chat_id: i64, locale: Locale, priority: i64, not_before| NewMessage {
            chat_id,
            kind: "text",
            body: text(locale),
            priority,
            not_before,
            ..NewMessage::default()
        };
        let mut rows = vec![message(
            notice.author,
            app.locale_of(notice.author).await,
            0,
            None,
        )];
        if notice.audience == Some(Audience::Group) {
            let unit = app.store.org(notice.org_id).await?;
            for group in app.store.groups_under(&unit).await? {
                if group.active != 0 {
                    rows.push(message(group.chat_id, default, 1, None));
                }
            }
        } else {
            for r in &readers {
                if let Some(chat) = r.telegram_id.filter(|_| r.reachable)
                    && chat != notice.author
                {
                    // Results are not urgent: they wait for the reader's quiet hours to end.
                    rows.push(message(
                        chat,
                        r.locale.unwrap_or(default),
                        1,
                        crate::notices::dispatch::hold_until(app, r, now),
                    ));
                }
            }
        }
        app.store.enqueue(&rows, now).await?;
        app.delivery.wake();
        tracing::info!(
            poll = id,
            votes = counts.len(),
            "poll closed; results queued"
        );
    }
    Ok(())
}
