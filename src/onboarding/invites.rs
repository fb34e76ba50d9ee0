//! `/invite`: deep links with expiry, a use limit and revocation, and their QR codes.

use anyhow::Result;
use rand::Rng;

use crate::access::{Pick, Staff};
use crate::app::{Actor, App};
use crate::domain::OrgUnit;
use crate::i18n::Text;
use crate::reply::{Action, Body, Button, Outcome, Reply};
use crate::store::Invite;

/// Letters that survive being read aloud or retyped (no 0/o, 1/l).
const CODE_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// The deep link that opens the bot with `/start <code>`.
pub fn link(app: &App, code: &str) -> String {
    format!("https://t.me/{}?start={code}", app.bot_username)
}

/// `/invite [code]`.
pub async fn invite(app: &App, actor: &Actor, arg: &str) -> Result<Outcome> {
    let staff = Staff::of(&app.store, actor.id).await?;
    match staff.pick_branch(&app.store, arg).await? {
        Pick::One(branch) => create(app, actor, &branch).await,
        Pick::Choose(branches) => Ok(choose_branch(actor.id, "/invite", branches, |org| {
            Action::Invite { org }
        })),
        Pick::Refused(text) => Ok(Outcome::text(actor.id, text)),
    }
}

/// A branch chosen with a button after `/invite`.
pub async fn invite_for(app: &App, actor: &Actor, org_id: i64) -> Result<Outcome> {
    let branch = app.store.org(org_id).await?;
    if !Staff::of(&app.store, actor.id).await?.covers(&branch) {
        return Ok(Outcome::alert(Text::NotYourBranch));
    }
    create(app, actor, &branch).await
}

/// A fresh invite code: 10 characters from [`CODE_ALPHABET`].
fn new_code() -> String {
    let mut rng = rand::rng();
    (0..10)
        .map(|_| char::from(CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())]))
        .collect()
}

async fn create(app: &App, actor: &Actor, branch: &OrgUnit) -> Result<Outcome> {
    let now = app.now();
    let code = new_code();
    let invite = Invite {
        code: code.clone(),
        org_id: branch.id,
        created_by: actor.id,
        created_at: now,
        expires_at: now + app.config.onboarding.invite_ttl().as_millis() as i64,
        max_uses: i64::from(app.config.onboarding.invite_max_uses),
        uses: 0,
        revoked_at: None,
    };
    app.store.create_invite(&invite).await?;
    app.store
        .audit(
            &actor.id.to_string(),
            "create_invite",
            &format!("{code} for {}", branch.code),
            now,
        )
        .await?;
    let url = link(app, &code);
    let png = super::qr::png(&url)?;
    let caption = Text::InviteCreated {
        branch: branch.name.as_str().into(),
        link: url.as_str().into(),
        expires: app.format_time(invite.expires_at).into(),
        uses: invite.max_uses.into(),
    };
    Ok(Outcome::reply(
        Reply::photo(
            actor.id,
            png,
            &format!("invite-{}.png", branch.code),
            vec![caption],
        )
        .row(vec![Button::new(
            Text::ButtonRevokeInvite,
            Action::RevokeInvite { code },
        )]),
    ))
}

/// 「撤销这个邀请」 pressed.
pub async fn revoke(app: &App, actor: &Actor, code: &str, message: Option<i32>) -> Result<Outcome> {
    let store = &app.store;
    let Some(invite) = store.invite(code).await? else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    let branch = store.org(invite.org_id).await?;
    if !Staff::of(store, actor.id).await?.covers(&branch) {
        return Ok(Outcome::alert(Text::NotYourBranch));
    }
    let now = app.now();
    store.revoke_invite(code, now).await?;
    store
        .audit(
            &actor.id.to_string(),
            "revoke_invite",
            &format!("{code} for {}", branch.code),
            now,
        )
        .await?;
    let done = Text::InviteRevokedDone {
        branch: branch.name.as_str().into(),
        link: link(app, code).into(),
    };
    let mut out = Outcome::toast(Text::InviteRevokedToast);
    if let Some(message) = message {
        out = out.and(Reply {
            to: actor.id,
            body: Body::Photo {
                png: Vec::new(),
                name: String::new(),
                caption: vec![done],
            },
            buttons: Vec::new(),
            keyboard: Default::default(),
            edit: Some(message),
            ticket: None,
        });
    }
    Ok(out)
}

/// At most this many branches are offered as buttons; beyond, the person types a code.
pub const MAX_BRANCH_BUTTONS: usize = 24;

/// "Choose a branch" with a button per branch (two a row), or a hint to type a code.
pub fn choose_branch(
    to: i64,
    command: &str,
    branches: Vec<OrgUnit>,
    action: impl Fn(i64) -> Action,
) -> Outcome {
    if branches.len() > MAX_BRANCH_BUTTONS {
        let example = format!("{command} {}", branches[0].code);
        return Outcome::text(
            to,
            Text::ChooseBranchByCode {
                example: example.into(),
            },
        );
    }
    let mut reply = Reply::text(to, Text::ChooseBranch);
    for pair in branches.chunks(2) {
        reply = reply.row(
            pair.iter()
                .map(|b| {
                    Button::new(
                        Text::Plain {
                            text: b.name.as_str().into(),
                        },
                        action(b.id),
                    )
                })
                .collect(),
        );
    }
    Outcome::reply(reply)
}
