//! The secretaries' side of feedback: `/inbox`, the answer-time figures, and the ticker that
//! reminds about overdue tickets and escalates them to the township's organizers.

use anyhow::Result;

use super::{kind_text, thread_buttons, ticket_line, who};
use crate::access::Staff;
use crate::app::{Actor, App};
use crate::domain::{OrgUnit, Role};
use crate::i18n::Text;
use crate::reply::{Action, Button, Line, Outcome, Reply};
use crate::store::{Ticket, TicketFlag};

/// Open tickets listed by `/inbox`.
const LISTED: i64 = 20;
/// The window of the answer-time figures.
const FIGURES_DAYS: i64 = 30;
const HOUR: i64 = 3_600_000;

/// Answer-time figures of a set of tickets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AnswerTimes {
    /// Tickets raised.
    pub raised: usize,
    /// Of those, answered (or resolved).
    pub answered: usize,
    /// Answered by their due time.
    pub in_time: usize,
    /// The median time to the first answer, in minutes (answered tickets only).
    pub median_minutes: Option<i64>,
}

/// The answer-time figures of the tickets of units within `path` raised since `since`. A
/// ticket not yet answered and not yet due is left out: it is neither late nor in time.
pub async fn answer_times(app: &App, path: &str, since: i64) -> Result<AnswerTimes> {
    let now = app.now();
    let rows: Vec<_> = app
        .store
        .answer_times(path, since)
        .await?
        .into_iter()
        .filter(|(_, due, first)| first.is_some() || *due <= now)
        .collect();
    let mut waits: Vec<i64> = rows
        .iter()
        .filter_map(|(raised, _, first)| first.map(|f| f - raised))
        .collect();
    waits.sort_unstable();
    let median = match waits.len() {
        0 => None,
        n if n % 2 == 1 => Some(waits[n / 2]),
        n => Some((waits[n / 2 - 1] + waits[n / 2]) / 2),
    };
    Ok(AnswerTimes {
        raised: rows.len(),
        answered: waits.len(),
        in_time: rows
            .iter()
            .filter(|(_, due, first)| first.is_some_and(|f| f <= *due))
            .count(),
        median_minutes: median.map(|m| m / 60_000),
    })
}

/// The figures as a line.
pub fn figures_line(t: &AnswerTimes) -> Line {
    Line::from(Text::TicketFigures {
        days: FIGURES_DAYS.into(),
        raised: t.raised.into(),
        answered: t.answered.into(),
        percent: (t.in_time * 100)
            .checked_div(t.raised)
            .unwrap_or(100)
            .into(),
        median: match t.median_minutes {
            Some(m) if m >= 60 => format!("{}h{:02}m", m / 60, m % 60).into(),
            Some(m) => format!("{m}m").into(),
            None => "–".into(),
        },
    })
}

/// `/inbox`: open tickets of the caller's units, the earliest due first.
pub async fn inbox(app: &App, actor: &Actor) -> Result<Outcome> {
    let staff = Staff::of(&app.store, actor.id).await?;
    if !staff.is_staff() {
        return Ok(Outcome::text(actor.id, Text::SecretaryOnly));
    }
    let now = app.now();
    let mut tickets: Vec<Ticket> = Vec::new();
    let mut units: Vec<&OrgUnit> = Vec::new();
    for (_, unit) in &staff.roles {
        // A unit inside another of the person's units is already counted.
        if staff
            .roles
            .iter()
            .any(|(_, u)| u.id != unit.id && u.covers(unit))
            || units.iter().any(|u| u.id == unit.id)
        {
            continue;
        }
        units.push(unit);
        tickets.extend(app.store.open_tickets(&unit.path, LISTED).await?);
    }
    tickets.sort_by_key(|t| (t.first_answer_at.is_some(), t.due_at, t.id));
    tickets.truncate(LISTED as usize);
    let mut reply = Reply::text(
        actor.id,
        if tickets.is_empty() {
            Text::InboxEmpty
        } else {
            Text::InboxHeader {
                count: tickets.len().into(),
            }
        },
    );
    for t in &tickets {
        let member = app.store.member(t.member_id).await?;
        let mut line = ticket_line(app, t, Some(who(t, &member)));
        if t.first_answer_at.is_none() {
            let left = t.due_at - now;
            line.0.push(if left >= 0 {
                Text::InboxDueIn {
                    hours: (left / HOUR).into(),
                }
            } else {
                Text::InboxOverdue {
                    hours: ((-left) / HOUR).into(),
                }
            });
        }
        reply = reply.line(line).row(vec![Button::new(
            Text::ButtonTicketShow { n: t.id.into() },
            Action::TicketShow { ticket: t.id },
        )]);
    }
    for unit in units {
        let figures = answer_times(app, &unit.path, now - FIGURES_DAYS * 86_400_000).await?;
        if figures.raised > 0 {
            reply = reply.line(Line(
                [
                    vec![Text::Plain {
                        text: format!("{}：", unit.name).into(),
                    }],
                    figures_line(&figures).0,
                ]
                .concat(),
            ));
        }
    }
    Ok(Outcome::reply(reply))
}

/// The organizers nearest above a branch (the township's, else the county's).
async fn organizers_above(app: &App, branch: &OrgUnit) -> Result<Vec<i64>> {
    let mut at = branch.parent_id;
    while let Some(id) = at {
        let unit = app.store.org(id).await?;
        let ids = app.store.role_holders_on(unit.id, Role::Organizer).await?;
        if !ids.is_empty() {
            return Ok(ids);
        }
        at = unit.parent_id;
    }
    Ok(Vec::new())
}

/// One round of ticket deadlines: overdue tickets remind the branch's secretaries once; still
/// unanswered after `feedback.escalate_after`, they go to the township's organizers once.
/// Each is claimed in the database, so several instances can run it.
pub async fn tick(app: &App) -> Result<()> {
    let now = app.now();
    let mut out = Outcome::none();
    for t in app
        .store
        .unanswered_tickets(TicketFlag::Reminded, now)
        .await?
    {
        if !app
            .store
            .claim_ticket_flag(t.id, TicketFlag::Reminded, now)
            .await?
        {
            continue;
        }
        let branch = app.store.org(t.org_id).await?;
        let member = app.store.member(t.member_id).await?;
        for secretary in crate::onboarding::deciders(app, &branch).await? {
            out = out.and(
                Reply::lines(secretary, Vec::new())
                    .line(Line(vec![
                        Text::TicketOverdue {
                            n: t.id.into(),
                            due: app.format_time(t.due_at).into(),
                        },
                        kind_text(t.kind),
                        Text::TicketFrom,
                        who(&t, &member),
                    ]))
                    .relaying(t.id)
                    .row(thread_buttons(t.id)),
            );
        }
        tracing::info!(ticket = t.id, "overdue ticket: secretaries reminded");
    }
    let escalate = app.config.feedback.escalate_after();
    for t in app
        .store
        .unanswered_tickets(TicketFlag::Escalated, now - escalate)
        .await?
    {
        if !app
            .store
            .claim_ticket_flag(t.id, TicketFlag::Escalated, now)
            .await?
        {
            continue;
        }
        let branch = app.store.org(t.org_id).await?;
        let member = app.store.member(t.member_id).await?;
        let organizers = organizers_above(app, &branch).await?;
        if organizers.is_empty() {
            tracing::warn!(
                ticket = t.id,
                "no organizer above the branch to escalate to"
            );
        }
        for organizer in organizers {
            out = out.and(
                Reply::lines(organizer, Vec::new())
                    .line(Line(vec![
                        Text::TicketEscalated {
                            n: t.id.into(),
                            branch: branch.name.as_str().into(),
                            hours: ((now - t.created_at) / HOUR).into(),
                        },
                        kind_text(t.kind),
                        Text::TicketFrom,
                        who(&t, &member),
                    ]))
                    .relaying(t.id)
                    .row(vec![Button::new(
                        Text::ButtonTicketShow { n: t.id.into() },
                        Action::TicketShow { ticket: t.id },
                    )]),
            );
        }
        tracing::info!(ticket = t.id, "unanswered ticket escalated");
    }
    if !out.replies.is_empty() {
        crate::telegram::render::queue(app, out).await?;
    }
    Ok(())
}
