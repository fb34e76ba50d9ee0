//! Handing a member over to another branch (a member who settled elsewhere): `/handover`
//! finds the member and the receiving branch; that branch's secretary accepts; the member's
//! reports, attendance, points and open tickets go with them, and the member is told.

use anyhow::Result;

use crate::access::Staff;
use crate::app::{Actor, App};
use crate::dialogue::Dialogue;
use crate::domain::{Member, MemberStatus, OrgKind, OrgUnit};
use crate::i18n::Text;
use crate::reply::{Action, Button, Line, Outcome, Reply};

/// Matches offered as buttons.
const OFFERED: usize = 8;
const MAX_TYPED: usize = 40;

/// `/handover [name]`: whom to hand over.
pub async fn start(app: &App, actor: &Actor, arg: &str) -> Result<Outcome> {
    let staff = Staff::of(&app.store, actor.id).await?;
    if !staff.is_staff() {
        return Ok(Outcome::text(actor.id, Text::SecretaryOnly));
    }
    if !arg.trim().is_empty() {
        return who_typed(app, actor, arg).await;
    }
    Dialogue::HandoverWho
        .save(&app.store, actor.id, app.now())
        .await?;
    Ok(Outcome::reply(
        Reply::text(actor.id, Text::HandoverAskWho)
            .row(vec![Button::new(Text::ButtonCancel, Action::Cancel)]),
    ))
}

/// A name typed: the matching members of the caller's units.
pub async fn who_typed(app: &App, actor: &Actor, typed: &str) -> Result<Outcome> {
    let name = typed.trim();
    if name.is_empty() || name.chars().count() > MAX_TYPED || name.contains('\n') {
        return Ok(Outcome::text(actor.id, Text::HandoverAskWho));
    }
    let staff = Staff::of(&app.store, actor.id).await?;
    let mut found: Vec<Member> = Vec::new();
    for (_, unit) in &staff.roles {
        for m in app
            .store
            .find_members(&unit.path, name, OFFERED as i64 + 1)
            .await?
        {
            if !found.iter().any(|f| f.id == m.id) {
                found.push(m);
            }
        }
    }
    if found.is_empty() {
        return Ok(Outcome::text(
            actor.id,
            Text::HandoverNoMember { name: name.into() },
        ));
    }
    if found.len() > OFFERED {
        return Ok(Outcome::text(actor.id, Text::HandoverTooMany));
    }
    app.store.clear_dialogue(actor.id).await?;
    let mut reply = Reply::text(actor.id, Text::HandoverChooseMember);
    for m in &found {
        let branch = app.store.org(m.org_id).await?;
        reply = reply.row(vec![Button::new(
            Text::Plain {
                text: format!("{}（{}）", m.name, branch.name).into(),
            },
            Action::HandoverMember { member: m.id },
        )]);
    }
    Ok(Outcome::reply(reply))
}

/// The member, if the presser's role covers their branch.
async fn covered_member(app: &App, actor: &Actor, id: i64) -> Result<Option<(Member, OrgUnit)>> {
    let member = app.store.member(id).await?;
    if member.status != MemberStatus::Active {
        return Ok(None);
    }
    let branch = app.store.org(member.org_id).await?;
    Ok(Staff::of(&app.store, actor.id)
        .await?
        .covers(&branch)
        .then_some((member, branch)))
}

/// A member chosen: which branch receives them?
pub async fn member_chosen(app: &App, actor: &Actor, id: i64) -> Result<Outcome> {
    let Some((member, _)) = covered_member(app, actor, id).await? else {
        return Ok(Outcome::alert(Text::NotYourBranch));
    };
    Dialogue::HandoverTarget { member: id }
        .save(&app.store, actor.id, app.now())
        .await?;
    Ok(Outcome::reply(
        Reply::text(
            actor.id,
            Text::HandoverAskBranch {
                name: member.name.as_str().into(),
            },
        )
        .row(vec![Button::new(Text::ButtonCancel, Action::Cancel)]),
    ))
}

/// The receiving branch's name or code typed: the matching branches.
pub async fn branch_typed(app: &App, actor: &Actor, member: i64, typed: &str) -> Result<Outcome> {
    let Some((m, from)) = covered_member(app, actor, member).await? else {
        app.store.clear_dialogue(actor.id).await?;
        return Ok(Outcome::text(actor.id, Text::NotYourBranch));
    };
    let typed = typed.trim();
    if typed.is_empty() || typed.chars().count() > MAX_TYPED {
        return Ok(Outcome::text(
            actor.id,
            Text::HandoverAskBranch {
                name: m.name.as_str().into(),
            },
        ));
    }
    let lower = typed.to_lowercase();
    let found: Vec<OrgUnit> = app
        .store
        .orgs()
        .await?
        .into_iter()
        .filter(|u| u.kind == OrgKind::Branch && u.id != from.id)
        .filter(|u| u.name.contains(typed) || u.code.as_str() == lower)
        .collect();
    if found.is_empty() {
        return Ok(Outcome::text(
            actor.id,
            Text::HandoverNoBranch { name: typed.into() },
        ));
    }
    if found.len() > OFFERED {
        return Ok(Outcome::text(actor.id, Text::HandoverTooMany));
    }
    app.store.clear_dialogue(actor.id).await?;
    let mut reply = Reply::text(
        actor.id,
        Text::HandoverConfirmAsk {
            name: m.name.as_str().into(),
            from: from.name.as_str().into(),
        },
    );
    for u in &found {
        reply = reply.row(vec![Button::new(
            Text::ButtonHandoverTo {
                branch: u.name.as_str().into(),
            },
            Action::HandoverTo { member, org: u.id },
        )]);
    }
    Ok(Outcome::reply(reply.row(vec![Button::new(
        Text::ButtonCancel,
        Action::Cancel,
    )])))
}

/// 「移交到 …」: the request goes to the receiving branch's secretaries.
pub async fn ask(
    app: &App,
    actor: &Actor,
    (member, org): (i64, i64),
    message: Option<i32>,
) -> Result<Outcome> {
    let Some((m, from)) = covered_member(app, actor, member).await? else {
        return Ok(Outcome::alert(Text::NotYourBranch));
    };
    let to = app.store.org(org).await?;
    if to.kind != OrgKind::Branch || to.id == from.id {
        return Ok(Outcome::alert(Text::ButtonExpired));
    }
    let receivers = crate::onboarding::deciders(app, &to).await?;
    if receivers.is_empty() {
        // Nobody could accept: nothing is left waiting.
        return Ok(Outcome::text(actor.id, Text::HandoverNobodyToAsk));
    }
    let Some(id) = app
        .store
        .create_handover(m.id, (from.id, to.id), actor.id, app.now())
        .await?
    else {
        return Ok(Outcome::alert(Text::HandoverPending));
    };
    app.store
        .audit(
            &actor.id.to_string(),
            "member.handover.ask",
            &format!(
                "member {} from {} to {}",
                m.id,
                from.code.as_str(),
                to.code.as_str()
            ),
            app.now(),
        )
        .await?;
    let mut out = Outcome::none();
    let sent = Text::HandoverAsked {
        name: m.name.as_str().into(),
        branch: to.name.as_str().into(),
    };
    let withdraw = vec![Button::new(
        Text::ButtonHandoverCancel,
        Action::HandoverCancel { handover: id },
    )];
    out = out.and(match message {
        Some(mid) => Reply::text(actor.id, sent).row(withdraw).editing(mid),
        None => Reply::text(actor.id, sent).row(withdraw),
    });
    for r in receivers {
        let mut ask = Reply::text(
            r,
            Text::HandoverRequest {
                from: from.name.as_str().into(),
                name: m.name.as_str().into(),
                to: to.name.as_str().into(),
            },
        );
        if let Some(city) = &m.city {
            ask = ask.line(Line::from(Text::ReportSummaryCity {
                city: city.as_str().into(),
            }));
        }
        out = out.and(ask.row(vec![
            Button::new(
                Text::ButtonAccept,
                Action::HandoverDecide {
                    handover: id,
                    accept: true,
                },
            ),
            Button::new(
                Text::ButtonDecline,
                Action::HandoverDecide {
                    handover: id,
                    accept: false,
                },
            ),
        ]));
    }
    Ok(out)
}

/// 「接收」 or 「不接收」 by a secretary of the receiving branch.
pub async fn decide(
    app: &App,
    actor: &Actor,
    id: i64,
    accept: bool,
    message: Option<i32>,
) -> Result<Outcome> {
    let Some(h) = app.store.handover(id).await? else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    let to = app.store.org(h.to_org).await?;
    if !Staff::of(&app.store, actor.id).await?.covers(&to) {
        return Ok(Outcome::alert(Text::NotYourBranch));
    }
    let status = if accept { "accepted" } else { "declined" };
    if !app
        .store
        .decide_handover(id, status, actor.id, app.now())
        .await?
    {
        return Ok(Outcome::alert(Text::HandoverDecided));
    }
    app.store
        .audit(
            &actor.id.to_string(),
            if accept {
                "member.handover.accept"
            } else {
                "member.handover.decline"
            },
            &format!("handover {id} member {}", h.member_id),
            app.now(),
        )
        .await?;
    let member = app.store.member(h.member_id).await?;
    let from = app.store.org(h.from_org).await?;
    let (name, to_name, from_name) = (member.name.as_str(), to.name.as_str(), from.name.as_str());
    let done = if accept {
        Text::HandoverAccepted {
            name: name.into(),
            branch: to_name.into(),
        }
    } else {
        Text::HandoverDeclined {
            name: name.into(),
            branch: to_name.into(),
        }
    };
    let mut out = Outcome::none().and(match message {
        Some(m) => Reply::text(actor.id, done.clone()).editing(m),
        None => Reply::text(actor.id, done.clone()),
    });
    out = out.and(Reply::text(h.asked_by, done));
    if accept && let Some(chat) = member.telegram_id {
        out = out.and(Reply::text(
            chat,
            Text::HandoverToMember {
                from: from_name.into(),
                to: to_name.into(),
            },
        ));
    }
    Ok(out)
}

/// 「撤回」 by staff over the sending branch, while the receiving branch has not decided.
pub async fn cancel(app: &App, actor: &Actor, id: i64, message: Option<i32>) -> Result<Outcome> {
    let Some(h) = app.store.handover(id).await? else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    let from = app.store.org(h.from_org).await?;
    if !Staff::of(&app.store, actor.id).await?.covers(&from) {
        return Ok(Outcome::alert(Text::NotYourBranch));
    }
    if !app.store.cancel_handover(id, app.now()).await? {
        return Ok(Outcome::alert(Text::HandoverDecided));
    }
    let member = app.store.member(h.member_id).await?;
    let done = Text::HandoverCancelled {
        name: member.name.as_str().into(),
    };
    Ok(match message {
        Some(m) => Outcome::reply(Reply::text(actor.id, done).editing(m)),
        None => Outcome::text(actor.id, done),
    })
}
