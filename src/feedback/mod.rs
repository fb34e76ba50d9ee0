//! Feedback (交心谈心 · 诉求): a member's need, suggestion, question or heart-to-heart becomes
//! a ticket with an answer due; each secretary of the branch gets it with 「回复」 and
//! 「已解决」, a Telegram reply to a relayed message continues the thread both ways, overdue
//! tickets remind the secretaries and later go to the township's organizers.

mod inbox;

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::access::{Staff, active_member};
use crate::app::{Actor, App};
use crate::dialogue::Dialogue;
use crate::domain::{Member, NoticeKind, OrgUnit, TicketKind, TicketStatus};
use crate::i18n::Text;
use crate::reply::{Action, Button, Line, Outcome, Reply};
use crate::store::{NewTicketMessage, Ticket};

pub use inbox::{answer_times, inbox, tick};

/// The longest message in a thread.
pub const MAX_TEXT: usize = 2000;
/// Tickets listed by `/mytickets`.
const MINE: i64 = 10;

/// What someone said: text, or a voice message or photo with its caption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Said {
    /// Text (or the caption).
    pub text: String,
    /// Telegram file id of a voice message.
    pub voice: Option<String>,
    /// Telegram file id of a photo (a broken street lamp, a letter).
    #[serde(default)]
    pub photo: Option<String>,
}

impl Said {
    /// The file it carries, with its kind.
    fn file(&self) -> Option<(NoticeKind, &str)> {
        match (&self.voice, &self.photo) {
            (Some(v), _) => Some((NoticeKind::Voice, v.as_str())),
            (None, Some(p)) => Some((NoticeKind::Photo, p.as_str())),
            (None, None) => None,
        }
    }

    /// This followed by `more`, sent before the ticket was raised: the texts joined, the
    /// file of either kept (the first when both carry one).
    fn and(self, more: Said) -> Said {
        let keep_first = self.file().is_some();
        let text = match (self.text.trim().is_empty(), more.text.trim().is_empty()) {
            (true, _) => more.text,
            (false, true) => self.text,
            (false, false) => format!("{}\n{}", self.text, more.text),
        };
        if keep_first {
            Said { text, ..self }
        } else {
            Said { text, ..more }
        }
    }
}

/// A ticket being raised, kept in the member's dialogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The kind, once chosen.
    pub kind: Option<String>,
    /// Anonymous (asked for suggestions only); `None` until answered.
    pub anonymous: Option<bool>,
    /// What the member said, once said.
    pub said: Option<Said>,
}

/// What a kind of ticket is called.
pub fn kind_text(kind: TicketKind) -> Text {
    Text::TicketKindName {
        kind: kind.as_str().into(),
    }
}

/// What a ticket's status is called.
pub fn status_text(status: TicketStatus) -> Text {
    Text::TicketStatusName {
        status: status.as_str().into(),
    }
}

fn kind_buttons(mut reply: Reply) -> Reply {
    for pair in TicketKind::ALL.chunks(2) {
        reply = reply.row(
            pair.iter()
                .map(|k| {
                    Button::new(
                        kind_text(*k),
                        Action::FeedbackKind {
                            kind: k.as_str().into(),
                        },
                    )
                })
                .collect(),
        );
    }
    reply
}

/// Whether what was said fits in a thread.
fn too_long(actor: &Actor, said: &Said) -> Option<Outcome> {
    (said.text.chars().count() > MAX_TEXT).then(|| {
        Outcome::text(
            actor.id,
            Text::TooLong {
                max: MAX_TEXT.into(),
            },
        )
    })
}

/// `/feedback`: what is it about?
pub async fn start(app: &App, actor: &Actor) -> Result<Outcome> {
    if active_member(&app.store, actor.id).await?.is_none() {
        return Ok(Outcome::text(actor.id, Text::ProfileNotMember));
    }
    Dialogue::Feedback {
        draft: Draft {
            kind: None,
            anonymous: None,
            said: None,
        },
    }
    .save(&app.store, actor.id, app.now())
    .await?;
    Ok(Outcome::reply(
        kind_buttons(Reply::text(actor.id, Text::FeedbackAskKind))
            .row(vec![Button::new(Text::ButtonCancel, Action::Cancel)]),
    ))
}

/// Text or voice sent outside any dialogue: "send it to your branch secretary?" (or add it
/// to the ticket still open). `None` when the sender is not a member.
pub async fn offer(app: &App, actor: &Actor, said: Said) -> Result<Option<Outcome>> {
    let Some(member) = active_member(&app.store, actor.id).await? else {
        return Ok(None);
    };
    if let Some(out) = too_long(actor, &said) {
        return Ok(Some(out));
    }
    Dialogue::Feedback {
        draft: Draft {
            kind: None,
            anonymous: None,
            said: Some(said),
        },
    }
    .save(&app.store, actor.id, app.now())
    .await?;
    let mut reply = kind_buttons(Reply::text(actor.id, Text::FeedbackOffer));
    let open = app
        .store
        .tickets_of_member(member.id, 1)
        .await?
        .into_iter()
        .find(|t| t.status.is_open());
    if let Some(t) = open {
        reply = reply.row(vec![Button::new(
            Text::ButtonTicketAppend { n: t.id.into() },
            Action::TicketAppend { ticket: t.id },
        )]);
    }
    Ok(Some(Outcome::reply(reply.row(vec![Button::new(
        Text::ButtonNotNow,
        Action::Cancel,
    )]))))
}

/// The draft being raised, if any.
async fn draft_of(app: &App, actor: &Actor) -> Result<Option<Draft>> {
    Ok(match Dialogue::load(&app.store, actor.id).await? {
        Some(Dialogue::Feedback { draft }) => Some(draft),
        _ => None,
    })
}

/// A kind was chosen.
pub async fn kind_chosen(
    app: &App,
    actor: &Actor,
    kind: &str,
    message: Option<i32>,
) -> Result<Outcome> {
    let (Some(mut draft), Ok(kind)) = (draft_of(app, actor).await?, kind.parse::<TicketKind>())
    else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    draft.kind = Some(kind.as_str().into());
    if kind != TicketKind::Suggestion {
        draft.anonymous = Some(false);
    }
    let mut out = Outcome::none();
    if let Some(m) = message {
        out = out.and(
            Reply::lines(actor.id, Vec::new())
                .line(Line(vec![Text::FeedbackKindIs, kind_text(kind)]))
                .editing(m),
        );
    }
    Ok(out.merge(next(app, actor, draft).await?))
}

/// Signed or anonymous (a suggestion).
pub async fn anonymity_chosen(
    app: &App,
    actor: &Actor,
    anonymous: bool,
    message: Option<i32>,
) -> Result<Outcome> {
    let Some(mut draft) = draft_of(app, actor).await?.filter(|d| d.kind.is_some()) else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    draft.anonymous = Some(anonymous);
    let mut out = Outcome::none();
    if let Some(m) = message {
        out = out.and(
            Reply::text(
                actor.id,
                if anonymous {
                    Text::FeedbackAnonymousYes
                } else {
                    Text::FeedbackAnonymousNo
                },
            )
            .editing(m),
        );
    }
    Ok(out.merge(next(app, actor, draft).await?))
}

/// What was said, in the dialogue of `/feedback`.
pub async fn said(app: &App, actor: &Actor, draft: Draft, said: Said) -> Result<Outcome> {
    if let Some(out) = too_long(actor, &said) {
        return Ok(out);
    }
    let mut draft = draft;
    let said = match draft.said.take() {
        Some(before) => before.and(said),
        None => said,
    };
    if let Some(out) = too_long(actor, &said) {
        return Ok(out);
    }
    draft.said = Some(said);
    next(app, actor, draft).await
}

/// Asks what is still missing, or raises the ticket.
async fn next(app: &App, actor: &Actor, draft: Draft) -> Result<Outcome> {
    let kind = draft.kind.clone();
    let Some(kind) = kind.as_deref().and_then(|k| k.parse::<TicketKind>().ok()) else {
        Dialogue::Feedback { draft }
            .save(&app.store, actor.id, app.now())
            .await?;
        return Ok(Outcome::reply(kind_buttons(Reply::text(
            actor.id,
            Text::FeedbackAskKind,
        ))));
    };
    let Some(anonymous) = draft.anonymous else {
        Dialogue::Feedback { draft }
            .save(&app.store, actor.id, app.now())
            .await?;
        return Ok(Outcome::reply(
            Reply::text(actor.id, Text::FeedbackAskAnonymous).row(vec![
                Button::new(
                    Text::ButtonSigned,
                    Action::FeedbackAnonymous { anonymous: false },
                ),
                Button::new(
                    Text::ButtonAnonymous,
                    Action::FeedbackAnonymous { anonymous: true },
                ),
            ]),
        ));
    };
    let Some(said) = draft.said.clone() else {
        Dialogue::Feedback { draft }
            .save(&app.store, actor.id, app.now())
            .await?;
        return Ok(Outcome::reply(
            Reply::text(
                actor.id,
                Text::FeedbackAskContent {
                    kind: kind.as_str().into(),
                },
            )
            .row(vec![Button::new(Text::ButtonCancel, Action::Cancel)]),
        ));
    };
    raise(app, actor, (kind, anonymous), &said).await
}

/// Raises the ticket: stored, relayed to each secretary of the branch, the member told when
/// to expect the answer.
async fn raise(
    app: &App,
    actor: &Actor,
    (kind, anonymous): (TicketKind, bool),
    said: &Said,
) -> Result<Outcome> {
    // Taken first: a second press (on this instance or another) finds nothing to raise.
    if !app.store.take_dialogue(actor.id).await? {
        return Ok(Outcome::none());
    }
    let Some(member) = active_member(&app.store, actor.id).await? else {
        return Ok(Outcome::text(actor.id, Text::ProfileNotMember));
    };
    let now = app.now();
    let due = now + app.config.feedback.answer_within();
    let id = app
        .store
        .create_ticket(
            (member.id, member.org_id),
            (kind, anonymous),
            &message(actor.id, false, said),
            due,
            now,
        )
        .await?;
    if anonymous {
        // Secretaries never see who it was; the audit log keeps it.
        app.store
            .audit(
                &actor.id.to_string(),
                "ticket.anonymous",
                &format!("ticket {id} member {}", member.id),
                now,
            )
            .await?;
    }
    let awarded = crate::points::award(app, &member, "feedback", &format!("ticket:{id}")).await?;
    let ticket = app
        .store
        .ticket(id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("ticket {id} vanished"))?;
    let branch = app.store.org(member.org_id).await?;
    let mut out = Outcome::reply(
        Reply::text(
            actor.id,
            Text::TicketRaised {
                n: id.into(),
                due: app.format_time(due).into(),
            },
        )
        .line(Line(vec![Text::FeedbackKindIs, kind_text(kind)]))
        .line(Line::from(match awarded {
            Some(points) => Text::TicketRaisedPoints {
                points: points.into(),
            },
            None => Text::TicketRaisedHint,
        })),
    );
    for secretary in crate::onboarding::deciders(app, &branch).await? {
        out = out.and(relay_to_staff(app, secretary, &ticket, &member, said, true).await?);
    }
    Ok(out)
}

fn message<'a>(author: i64, from_staff: bool, said: &'a Said) -> NewTicketMessage<'a> {
    let (kind, file_ref) = match said.file() {
        Some((kind, file)) => (kind.as_str(), Some(file)),
        None => ("text", None),
    };
    NewTicketMessage {
        author,
        from_staff,
        kind,
        body: &said.text,
        file_ref,
    }
}

/// Who raised a ticket, as secretaries see it: the name, or 匿名党员.
pub(crate) fn who(ticket: &Ticket, member: &Member) -> Text {
    if ticket.anonymous {
        Text::TicketAnonymousMember
    } else {
        Text::Plain {
            text: member.name.as_str().into(),
        }
    }
}

/// A text, voice message or photo with its heading lines, as one reply tagged with the ticket.
fn said_reply(to: i64, heading: Vec<Line>, said: &Said, ticket: i64) -> Reply {
    let mut reply = match said.file() {
        Some((kind, file)) => Reply::media(to, kind, file, heading),
        None => {
            let mut r = Reply::lines(to, Vec::new());
            for line in heading {
                r = r.line(line);
            }
            r
        }
    };
    if !said.text.is_empty() {
        reply = reply.line(Line::from(Text::Plain {
            text: said.text.as_str().into(),
        }));
    }
    reply.relaying(ticket)
}

/// The buttons under a relayed ticket message.
pub(crate) fn thread_buttons(ticket: i64) -> Vec<Button> {
    vec![
        Button::new(Text::ButtonTicketReply, Action::TicketReply { ticket }),
        Button::new(Text::ButtonTicketResolve, Action::TicketResolve { ticket }),
    ]
}

/// A member's message relayed to one secretary: the ticket's heading, then what was said.
async fn relay_to_staff(
    app: &App,
    to: i64,
    ticket: &Ticket,
    member: &Member,
    said: &Said,
    first: bool,
) -> Result<Reply> {
    let mut heading = vec![Line(vec![
        if first {
            Text::TicketNewHeading {
                n: ticket.id.into(),
            }
        } else {
            Text::TicketMoreHeading {
                n: ticket.id.into(),
            }
        },
        kind_text(ticket.kind),
        Text::TicketFrom,
        who(ticket, member),
    ])];
    if !ticket.anonymous {
        let unit = app.store.org(member.org_id).await?;
        heading.push(Line::from(Text::TicketMemberBranch {
            branch: unit.name.as_str().into(),
            city: member.city.clone().unwrap_or_default().into(),
        }));
    }
    if ticket.first_answer_at.is_none() {
        heading.push(Line::from(Text::TicketDue {
            due: app.format_time(ticket.due_at).into(),
        }));
    }
    heading.push(Line::from(Text::TicketReplyHint));
    Ok(said_reply(to, heading, said, ticket.id).row(thread_buttons(ticket.id)))
}

/// How the presser stands to a ticket.
enum Side {
    /// The member who raised it.
    Member(Member),
    /// A secretary or organizer over its branch.
    Staff,
}

/// Whether the presser may take part in the ticket's thread, and as whom.
async fn side(app: &App, actor: &Actor, ticket: &Ticket) -> Result<Option<Side>> {
    if let Some(member) = app.store.member_by_telegram(actor.id).await?
        && member.id == ticket.member_id
    {
        return Ok(Some(Side::Member(member)));
    }
    let branch = app.store.org(ticket.org_id).await?;
    Ok(Staff::of(&app.store, actor.id)
        .await?
        .covers(&branch)
        .then_some(Side::Staff))
}

/// 「回复」 (either side) or 「补充到工单」: the next text or voice goes to the thread.
pub async fn reply_pressed(app: &App, actor: &Actor, id: i64) -> Result<Outcome> {
    let Some(ticket) = app.store.ticket(id).await? else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    let Some(side) = side(app, actor, &ticket).await? else {
        return Ok(Outcome::alert(Text::TicketNotYours));
    };
    if ticket.status == TicketStatus::Resolved {
        return Ok(Outcome::alert(Text::TicketAlreadyResolved { n: id.into() }));
    }
    if matches!(side, Side::Staff) {
        app.store.take_ticket(id, app.now()).await?;
    }
    Dialogue::TicketReply { ticket: id }
        .save(&app.store, actor.id, app.now())
        .await?;
    Ok(Outcome::reply(
        Reply::text(actor.id, Text::TicketAskReply { n: id.into() })
            .row(vec![Button::new(Text::ButtonCancel, Action::Cancel)]),
    ))
}

/// 「补充到工单 #N」 after text sent outside a dialogue: what was said goes to that ticket.
pub async fn append_pressed(
    app: &App,
    actor: &Actor,
    id: i64,
    message: Option<i32>,
) -> Result<Outcome> {
    let Some(said) = draft_of(app, actor).await?.and_then(|d| d.said) else {
        return reply_pressed(app, actor, id).await;
    };
    app.store.clear_dialogue(actor.id).await?;
    let mut out = Outcome::none();
    if let Some(m) = message {
        out = out.and(Reply::text(actor.id, Text::TicketAppended { n: id.into() }).editing(m));
    }
    Ok(out.merge(say(app, actor, id, said).await?))
}

/// Something said in a ticket's thread, by its member or by staff over its branch (typed
/// after 「回复」, or as a Telegram reply to a relayed message).
pub async fn say(app: &App, actor: &Actor, id: i64, said: Said) -> Result<Outcome> {
    let replying = matches!(
        Dialogue::load(&app.store, actor.id).await?,
        Some(Dialogue::TicketReply { ticket }) if ticket == id
    );
    // A refusal ends the 「回复」 state: what the person writes next is not held by it.
    let refused = |text: Text| async move {
        if replying {
            app.store.clear_dialogue(actor.id).await?;
        }
        anyhow::Ok(Outcome::text(actor.id, text))
    };
    let Some(ticket) = app.store.ticket(id).await? else {
        return refused(Text::ButtonExpired).await;
    };
    let Some(side) = side(app, actor, &ticket).await? else {
        return refused(Text::TicketNotYours).await;
    };
    if let Some(out) = too_long(actor, &said) {
        return Ok(out);
    }
    if said.text.trim().is_empty() && said.voice.is_none() {
        return Ok(Outcome::text(actor.id, Text::TicketTextOrVoice));
    }
    let from_staff = matches!(side, Side::Staff);
    let now = app.now();
    if app
        .store
        .add_ticket_message(id, &message(actor.id, from_staff, &said), now)
        .await?
        .is_none()
    {
        if replying {
            app.store.clear_dialogue(actor.id).await?;
        }
        // Resolved meanwhile: staff are told; the member may raise it anew.
        return Ok(match side {
            Side::Staff => Outcome::text(actor.id, Text::TicketResolvedNoMore { n: id.into() }),
            Side::Member(_) => {
                let out = Outcome::text(actor.id, Text::TicketAlreadyResolved { n: id.into() });
                match offer(app, actor, said).await? {
                    Some(more) => out.merge(more),
                    None => out,
                }
            }
        });
    }
    if replying {
        app.store.clear_dialogue(actor.id).await?;
    }
    let member = app.store.member(ticket.member_id).await?;
    let branch = app.store.org(ticket.org_id).await?;
    let mut out = Outcome::none();
    match side {
        Side::Staff => {
            let Some(to) = member.telegram_id else {
                return Ok(Outcome::text(actor.id, Text::TicketMemberUnreachable));
            };
            let heading = vec![Line::from(Text::TicketAnswerHeading {
                n: id.into(),
                name: actor.name.as_str().into(),
            })];
            out = out.and(said_reply(to, heading, &said, id).row(vec![
                Button::new(Text::ButtonTicketReply, Action::TicketReply { ticket: id }),
                Button::new(
                    Text::ButtonTicketResolveMine,
                    Action::TicketResolve { ticket: id },
                ),
            ]));
            out = out.and(Reply::lines(actor.id, Vec::new()).line(Line(vec![
                Text::TicketAnswerSent { n: id.into() },
                who(&ticket, &member),
            ])));
            for other in others(app, &branch, actor.id).await? {
                out = out.and(Reply::text(
                    other,
                    Text::TicketAnsweredByOther {
                        n: id.into(),
                        name: actor.name.as_str().into(),
                    },
                ));
            }
        }
        Side::Member(member) => {
            let ticket = app.store.ticket(id).await?.unwrap_or(ticket);
            for secretary in crate::onboarding::deciders(app, &branch).await? {
                out =
                    out.and(relay_to_staff(app, secretary, &ticket, &member, &said, false).await?);
            }
            out = out.and(Reply::text(actor.id, Text::TicketMoreSent { n: id.into() }));
        }
    }
    Ok(out)
}

/// The secretaries of a branch other than `but`.
async fn others(app: &App, branch: &OrgUnit, but: i64) -> Result<Vec<i64>> {
    Ok(crate::onboarding::deciders(app, branch)
        .await?
        .into_iter()
        .filter(|t| *t != but)
        .collect())
}

/// 「已解决」, by staff over the branch or by the member.
pub async fn resolve(app: &App, actor: &Actor, id: i64, message: Option<i32>) -> Result<Outcome> {
    let Some(ticket) = app.store.ticket(id).await? else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    let Some(side) = side(app, actor, &ticket).await? else {
        return Ok(Outcome::alert(Text::TicketNotYours));
    };
    if !app
        .store
        .resolve_ticket(id, matches!(side, Side::Staff), app.now())
        .await?
    {
        return Ok(Outcome::toast(Text::TicketAlreadyResolved { n: id.into() }));
    }
    let member = app.store.member(ticket.member_id).await?;
    let branch = app.store.org(ticket.org_id).await?;
    let mut out = Outcome::toast(Text::TicketResolvedToast { n: id.into() });
    if let Some(m) = message {
        out = out.and(crate::reply::Reply {
            to: actor.id,
            body: crate::reply::Body::Buttons,
            buttons: Vec::new(),
            keyboard: Default::default(),
            edit: Some(m),
            ticket: None,
        });
    }
    match side {
        Side::Staff => {
            if let Some(to) = member.telegram_id {
                out = out.and(Reply::text(
                    to,
                    Text::TicketResolvedToMember { n: id.into() },
                ));
            }
            for other in others(app, &branch, actor.id).await? {
                out = out.and(Reply::text(
                    other,
                    Text::TicketResolvedByOther {
                        n: id.into(),
                        name: actor.name.as_str().into(),
                    },
                ));
            }
        }
        Side::Member(_) => {
            for secretary in crate::onboarding::deciders(app, &branch).await? {
                out = out.and(Reply::lines(secretary, Vec::new()).line(Line(vec![
                    Text::TicketResolvedByMember { n: id.into() },
                    who(&ticket, &member),
                ])));
            }
        }
    }
    Ok(out)
}

/// `/mytickets`: the member's latest tickets and where each is.
pub async fn mine(app: &App, actor: &Actor) -> Result<Outcome> {
    let Some(member) = app.store.member_by_telegram(actor.id).await? else {
        return Ok(Outcome::text(actor.id, Text::ProfileNotMember));
    };
    let tickets = app.store.tickets_of_member(member.id, MINE).await?;
    if tickets.is_empty() {
        return Ok(Outcome::text(actor.id, Text::MyTicketsNone));
    }
    let mut reply = Reply::text(actor.id, Text::MyTicketsHeader);
    for t in &tickets {
        reply = reply.line(ticket_line(app, t, None));
        reply = reply.row(vec![Button::new(
            Text::ButtonTicketShow { n: t.id.into() },
            Action::TicketShow { ticket: t.id },
        )]);
    }
    Ok(Outcome::reply(reply))
}

/// One ticket in a list: number, kind, status, when raised (and who, for staff).
pub(crate) fn ticket_line(app: &App, t: &Ticket, name: Option<Text>) -> Line {
    let mut line = vec![
        Text::TicketLineStart { n: t.id.into() },
        kind_text(t.kind),
        Text::Separator,
        status_text(t.status),
        Text::TicketLineAt {
            at: app.format_time(t.created_at).into(),
        },
    ];
    if let Some(name) = name {
        line.push(Text::Separator);
        line.push(name);
    }
    Line(line)
}

/// 「查看 #N」: the thread, to its member or to staff over its branch.
pub async fn show(app: &App, actor: &Actor, id: i64) -> Result<Outcome> {
    let Some(ticket) = app.store.ticket(id).await? else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    let Some(side) = side(app, actor, &ticket).await? else {
        return Ok(Outcome::alert(Text::TicketNotYours));
    };
    let member = app.store.member(ticket.member_id).await?;
    let staff = matches!(side, Side::Staff);
    let mut reply = Reply::lines(actor.id, Vec::new()).line(ticket_line(
        app,
        &ticket,
        staff.then(|| who(&ticket, &member)),
    ));
    if ticket.first_answer_at.is_none() && ticket.status.is_open() {
        reply = reply.line(Line::from(Text::TicketDue {
            due: app.format_time(ticket.due_at).into(),
        }));
    }
    let thread = app.store.ticket_messages(id).await?;
    let skipped = thread.len().saturating_sub(THREAD_SHOWN);
    if skipped > 0 {
        reply = reply.line(Line::from(Text::TicketEarlier {
            count: skipped.into(),
        }));
    }
    for m in thread.iter().skip(skipped) {
        let author = if m.from_staff != 0 {
            Text::TicketAuthorStaff
        } else if staff {
            who(&ticket, &member)
        } else {
            Text::TicketAuthorYou
        };
        let body = if m.kind == "voice" {
            Text::TicketVoice
        } else if m.kind == "photo" {
            Text::TicketPhoto
        } else {
            Text::Plain {
                text: m.body.as_str().into(),
            }
        };
        reply = reply.line(Line(vec![
            Text::TicketThreadAt {
                at: app.format_time(m.at).into(),
            },
            author,
            Text::Colon,
            body,
        ]));
    }
    if ticket.status.is_open() {
        reply = reply.relaying(id).row(vec![
            Button::new(Text::ButtonTicketReply, Action::TicketReply { ticket: id }),
            Button::new(
                if staff {
                    Text::ButtonTicketResolve
                } else {
                    Text::ButtonTicketResolveMine
                },
                Action::TicketResolve { ticket: id },
            ),
        ]);
    }
    Ok(Outcome::reply(reply))
}

/// Thread messages shown by 「查看」.
const THREAD_SHOWN: usize = 12;
