//! Getting members into the bot: invites, the shared phone, roster matching, join requests,
//! and the profile questions that follow.

pub mod groups;
pub mod invites;
pub mod profile;
pub mod qr;
pub mod roster;
pub mod staff;

use anyhow::Result;

use crate::access::Staff;
use crate::app::{Actor, App};
use crate::dialogue::Dialogue;
use crate::domain::{Member, MemberStatus, OrgUnit, Phone, Role};
use crate::i18n::Text;
use crate::reply::{Action, Button, Keyboard, Line, Outcome, Reply};
use crate::store::{Invite, RequestStatus, StoreError};

/// Whether an invite can still be used, and if not, why.
fn invite_problem(invite: Option<&Invite>, now: i64) -> Option<Text> {
    match invite {
        None => Some(Text::InviteUnknown),
        Some(i) if i.revoked_at.is_some() => Some(Text::InviteRevoked),
        Some(i) if i.expires_at <= now => Some(Text::InviteExpired),
        Some(i) if i.uses >= i.max_uses => Some(Text::InviteUsedUp),
        Some(_) => None,
    }
}

/// `/start [code]`.
pub async fn start(app: &App, actor: &Actor, code: &str) -> Result<Outcome> {
    let store = &app.store;
    let member = store
        .member_by_telegram(actor.id)
        .await?
        .filter(|m| m.status == MemberStatus::Active);
    if let Some(m) = &member {
        let branch = store.org(m.org_id).await?;
        return Ok(Outcome::text(
            actor.id,
            if code.is_empty() {
                Text::StartMember {
                    name: m.name.as_str().into(),
                    branch: branch.name.into(),
                }
            } else {
                Text::AlreadyMember {
                    branch: branch.name.into(),
                }
            },
        ));
    }
    if let Some(request) = store.pending_request_of(actor.id).await? {
        let branch = store.org(request.org_id).await?;
        return Ok(Outcome::text(
            actor.id,
            Text::StartPending {
                branch: branch.name.into(),
            },
        ));
    }
    if code.is_empty() {
        let staff = Staff::of(store, actor.id).await?;
        if staff.is_staff() {
            let mut reply = Reply::text(actor.id, Text::StartStaff);
            for (role, unit) in &staff.roles {
                reply = reply.line(Line::from(Text::RoleLine {
                    role: role.as_str().into(),
                    unit: unit.name.as_str().into(),
                }));
            }
            return Ok(Outcome::reply(reply.line(Line::from(Text::StartStaffHint))));
        }
        return Ok(Outcome::text(actor.id, Text::StartStranger));
    }
    let invite = store.invite(code).await?;
    if let Some(problem) = invite_problem(invite.as_ref(), app.now()) {
        return Ok(Outcome::text(actor.id, problem));
    }
    let invite = invite.expect("checked above");
    let branch = store.org(invite.org_id).await?;
    Dialogue::AwaitContact {
        invite: invite.code,
    }
    .save(store, actor.id, app.now())
    .await?;
    Ok(Outcome::reply(
        Reply::text(
            actor.id,
            Text::AskContact {
                branch: branch.name.into(),
            },
        )
        .keyboard(Keyboard::ShareContact),
    ))
}

/// A shared contact while the bot waits for it.
pub async fn contact(
    app: &App,
    actor: &Actor,
    phone: &str,
    contact_user: Option<i64>,
) -> Result<Outcome> {
    let store = &app.store;
    let Some(Dialogue::AwaitContact { invite: code }) = Dialogue::load(store, actor.id).await?
    else {
        return Ok(Outcome::text(actor.id, Text::IdleHint));
    };
    let ask_again =
        |text| Outcome::reply(Reply::text(actor.id, text).keyboard(Keyboard::ShareContact));
    if contact_user != Some(actor.id) {
        return Ok(ask_again(Text::ContactNotOwn));
    }
    let Ok(phone) = Phone::parse(phone) else {
        return Ok(ask_again(Text::ContactInvalid));
    };
    let now = app.now();
    let finish = |text| Outcome::reply(Reply::text(actor.id, text).keyboard(Keyboard::Remove));
    let invite = store.invite(&code).await?;
    if let Some(problem) = invite_problem(invite.as_ref(), now) {
        store.clear_dialogue(actor.id).await?;
        return Ok(finish(problem));
    }
    let invite = invite.expect("checked above");
    let branch = store.org(invite.org_id).await?;

    let roster_match = store.member_by_phone(&phone).await?;
    if let Some(m) = &roster_match {
        if m.telegram_id == Some(actor.id) {
            store.clear_dialogue(actor.id).await?;
            let home = store.org(m.org_id).await?;
            return Ok(finish(Text::AlreadyMember {
                branch: home.name.into(),
            }));
        }
        if m.telegram_id.is_some() {
            store.clear_dialogue(actor.id).await?;
            return Ok(finish(Text::PhoneTaken));
        }
        if m.org_id != branch.id && m.status == MemberStatus::Active {
            // On another branch's roster: a request here could never be approved.
            store.clear_dialogue(actor.id).await?;
            let home = store.org(m.org_id).await?;
            return Ok(finish(Text::PhoneInOtherBranch {
                branch: home.name.into(),
            }));
        }
    }
    let matched =
        roster_match.filter(|m| m.org_id == branch.id && m.status == MemberStatus::Active);
    if !store.use_invite(&code, now).await? {
        // Used up or expired between /start and now.
        store.clear_dialogue(actor.id).await?;
        let again = store.invite(&code).await?;
        return Ok(finish(
            invite_problem(again.as_ref(), now).unwrap_or(Text::InviteUsedUp),
        ));
    }

    if let Some(member) = matched {
        store.clear_dialogue(actor.id).await?;
        if let Err(StoreError::Conflict(_)) = store.link_member(member.id, actor.id, now).await {
            // Someone else linked this entry a moment ago.
            return Ok(finish(Text::PhoneTaken));
        }
        let member = store.member(member.id).await?;
        let done = Reply::text(
            actor.id,
            Text::Matched {
                name: member.name.as_str().into(),
                branch: branch.name.into(),
            },
        )
        .keyboard(Keyboard::Remove);
        let questions = profile::begin(app, actor, &member, member.questions(), false).await?;
        return Ok(Outcome::reply(done).merge(questions));
    }

    if store.pending_request_of(actor.id).await?.is_some() {
        store.clear_dialogue(actor.id).await?;
        return Ok(finish(Text::RequestAlreadyPending));
    }
    let request = store
        .create_request(actor.id, branch.id, &code, &phone, &actor.name, now)
        .await?;
    store.clear_dialogue(actor.id).await?;
    let mut out = finish(Text::RequestSent {
        branch: branch.name.as_str().into(),
    });
    for to in deciders(app, &branch).await? {
        out = out.and(
            Reply::text(
                to,
                Text::RequestForSecretary {
                    id: request.id.into(),
                    name: actor.name.as_str().into(),
                    phone: phone.as_str().into(),
                    branch: branch.name.as_str().into(),
                },
            )
            .row(decision_buttons(request.id)),
        );
    }
    Ok(out)
}

/// The approve / reject buttons of a join request.
pub fn decision_buttons(request: i64) -> Vec<Button> {
    vec![
        Button::new(
            Text::ButtonApprove,
            Action::Decide {
                request,
                approve: true,
            },
        ),
        Button::new(
            Text::ButtonReject,
            Action::Decide {
                request,
                approve: false,
            },
        ),
    ]
}

/// Who is told about a join request: the secretaries nearest the branch, else its organizers.
pub async fn deciders(app: &App, branch: &OrgUnit) -> Result<Vec<i64>> {
    let holders = app.store.role_holders_covering(branch).await?;
    let pick = |role: Role| -> Vec<i64> {
        let mut ids: Vec<i64> = holders
            .iter()
            .filter(|(_, r)| *r == role)
            .map(|(t, _)| *t)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let secretaries = pick(Role::Secretary);
    Ok(if secretaries.is_empty() {
        pick(Role::Organizer)
    } else {
        secretaries
    })
}

/// A press of 「批准」 or 「拒绝」 on a join request.
pub async fn decide(
    app: &App,
    actor: &Actor,
    request_id: i64,
    approve: bool,
    message: Option<i32>,
) -> Result<Outcome> {
    let store = &app.store;
    let Some(request) = store.request(request_id).await? else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    let branch = store.org(request.org_id).await?;
    if !Staff::of(store, actor.id).await?.covers(&branch) {
        return Ok(Outcome::alert(Text::NotYourBranch));
    }
    if request.status != RequestStatus::Pending {
        return Ok(Outcome::alert(Text::RequestAlreadyDecided));
    }
    let now = app.now();
    let person = Actor {
        id: request.telegram_id,
        name: request.display_name.clone(),
    };
    let by = actor.name.as_str();
    let edit = |text: Text| message.map(|m| Reply::text(actor.id, text).editing(m));

    if !approve {
        if !store
            .decide_request(request.id, RequestStatus::Rejected, actor.id, now)
            .await?
        {
            return Ok(Outcome::alert(Text::RequestAlreadyDecided));
        }
        store
            .audit(
                &actor.id.to_string(),
                "reject_request",
                &format!("request #{} to {}", request.id, branch.code),
                now,
            )
            .await?;
        let mut out = Outcome::text(
            person.id,
            Text::RequestRejected {
                branch: branch.name.as_str().into(),
            },
        );
        out.replies.extend(edit(Text::RequestRejectedBy {
            id: request.id.into(),
            name: request.display_name.as_str().into(),
            by: by.into(),
        }));
        return Ok(out);
    }

    // The roster may have been imported after the request: then link that roster entry.
    let existing = store.member_by_phone(&request.phone).await?;
    if existing
        .as_ref()
        .is_some_and(|m| m.org_id != branch.id || m.telegram_id.is_some())
    {
        return Ok(Outcome::alert(Text::RequestPhoneElsewhere));
    }
    let member_id = match store
        .approve_request(&request, existing.map(|m| m.id), actor.id, now)
        .await
    {
        Ok(Some(id)) => id,
        Ok(None) => return Ok(Outcome::alert(Text::RequestAlreadyDecided)),
        Err(StoreError::Conflict(_)) => return Ok(Outcome::alert(Text::RequestPhoneElsewhere)),
        Err(e) => return Err(e.into()),
    };
    let member: Member = store.member(member_id).await?;
    store
        .audit(
            &actor.id.to_string(),
            "approve_request",
            &format!("request #{} to {}", request.id, branch.code),
            now,
        )
        .await?;

    let mut out = Outcome::text(
        person.id,
        Text::RequestApproved {
            branch: branch.name.as_str().into(),
        },
    );
    out = out.merge(profile::begin(app, &person, &member, member.questions(), false).await?);
    out.replies.extend(edit(Text::RequestApprovedBy {
        id: request.id.into(),
        name: request.display_name.as_str().into(),
        by: by.into(),
    }));
    Ok(out)
}

/// `/cancel`, or 「取消」 on the contact keyboard: ends the conversation.
pub async fn cancel(app: &App, actor: &Actor) -> Result<Outcome> {
    if app.store.dialogue(actor.id).await?.is_none() {
        return Ok(Outcome::reply(
            Reply::text(actor.id, Text::NothingToCancel).keyboard(Keyboard::Remove),
        ));
    }
    app.store.clear_dialogue(actor.id).await?;
    Ok(Outcome::reply(
        Reply::text(actor.id, Text::Cancelled).keyboard(Keyboard::Remove),
    ))
}
