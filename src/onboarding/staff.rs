//! What secretaries do in onboarding: `/pending`, `/members`, and rosters sent to the bot.

use anyhow::Result;

use super::invites::{MAX_BRANCH_BUTTONS, choose_branch};
use super::roster::{self, Roster};
use crate::access::{Pick, Staff};
use crate::app::{Actor, App};
use crate::domain::{Mobility, OrgUnit};
use crate::i18n::Text;
use crate::reply::{Action, Button, Line, Outcome, Reply};

/// Bad rows listed in a roster check; the rest are counted.
const LISTED_ERRORS: usize = 15;

/// `/pending`: every waiting join request in the caller's units, each with its buttons.
pub async fn pending(app: &App, actor: &Actor) -> Result<Outcome> {
    let staff = Staff::of(&app.store, actor.id).await?;
    if !staff.is_staff() {
        return Ok(Outcome::text(actor.id, Text::SecretaryOnly));
    }
    let mut requests = Vec::new();
    for (_, unit) in &staff.roles {
        for r in app.store.pending_requests_under(&unit.path).await? {
            if !requests
                .iter()
                .any(|(x, _): &(crate::store::JoinRequest, OrgUnit)| x.id == r.id)
            {
                let branch = app.store.org(r.org_id).await?;
                requests.push((r, branch));
            }
        }
    }
    let erasures = crate::privacy::waiting(app, actor, &staff).await?;
    if requests.is_empty() && erasures.is_empty() {
        return Ok(Outcome::text(actor.id, Text::PendingNone));
    }
    let mut out = Outcome::none();
    if !requests.is_empty() {
        out = out.and(Reply::text(
            actor.id,
            Text::PendingHeader {
                count: requests.len().into(),
            },
        ));
    }
    for (r, branch) in requests {
        out = out.and(
            Reply::text(
                actor.id,
                Text::RequestForSecretary {
                    id: r.id.into(),
                    name: r.display_name.as_str().into(),
                    phone: r.phone.as_str().into(),
                    branch: branch.name.as_str().into(),
                },
            )
            .row(super::decision_buttons(r.id)),
        );
    }
    for card in erasures {
        out = out.and(card);
    }
    Ok(out)
}

/// `/members [code]`.
pub async fn members(app: &App, actor: &Actor, arg: &str) -> Result<Outcome> {
    let staff = Staff::of(&app.store, actor.id).await?;
    match staff.pick_branch(&app.store, arg).await? {
        Pick::One(branch) => member_list(app, actor.id, &branch).await,
        Pick::Choose(branches) => Ok(choose_branch(actor.id, "/members", branches, |org| {
            Action::Members { org }
        })),
        Pick::Refused(text) => Ok(Outcome::text(actor.id, text)),
    }
}

/// A branch chosen with a button after `/members`.
pub async fn members_of(app: &App, actor: &Actor, org_id: i64) -> Result<Outcome> {
    let branch = app.store.org(org_id).await?;
    if !Staff::of(&app.store, actor.id).await?.covers(&branch) {
        return Ok(Outcome::alert(Text::NotYourBranch));
    }
    member_list(app, actor.id, &branch).await
}

async fn member_list(app: &App, to: i64, branch: &OrgUnit) -> Result<Outcome> {
    let members = app.store.members_of(branch.id).await?;
    if members.is_empty() {
        return Ok(Outcome::text(
            to,
            Text::MembersEmpty {
                branch: branch.name.as_str().into(),
            },
        ));
    }
    let joined = members.iter().filter(|m| m.telegram_id.is_some()).count();
    let mobile = members
        .iter()
        .filter(|m| m.mobility == Mobility::Mobile)
        .count();
    let mut reply = Reply::text(
        to,
        Text::MembersHeader {
            branch: branch.name.as_str().into(),
            total: members.len().into(),
            joined: joined.into(),
            mobile: mobile.into(),
        },
    );
    for (i, m) in members.iter().enumerate() {
        let mut line = vec![Text::MemberLine {
            n: (i + 1).into(),
            name: m.name.as_str().into(),
        }];
        match m.mobility {
            Mobility::Mobile => {
                line.push(match m.city.as_deref().filter(|c| !c.trim().is_empty()) {
                    Some(city) => Text::TagMobile { city: city.into() },
                    None => Text::TagMobileNoCity,
                })
            }
            Mobility::LostContact => line.push(Text::TagLost),
            Mobility::Resident => {}
        }
        if m.telegram_id.is_none() {
            line.push(Text::TagNotJoined);
        } else if !m.reachable {
            line.push(Text::TagUnreachable);
        }
        reply = reply.line(Line(line));
    }
    Ok(Outcome::reply(reply))
}

/// A document sent to the bot by a secretary: a roster to check. The caption may name the
/// branch by its code.
pub async fn roster_file(
    app: &App,
    actor: &Actor,
    file_id: &str,
    name: &str,
    caption: &str,
    bytes: Option<&[u8]>,
) -> Result<Outcome> {
    let staff = Staff::of(&app.store, actor.id).await?;
    if !staff.is_staff() {
        return Ok(Outcome::text(actor.id, Text::DocumentNotExpected));
    }
    match staff.pick_branch(&app.store, caption).await? {
        Pick::One(branch) => match bytes {
            Some(bytes) => check(app, actor, &branch, file_id, name, bytes, None).await,
            None => Ok(Outcome::text(
                actor.id,
                Text::ImportTooLarge {
                    max_mb: (roster::MAX_FILE_BYTES >> 20).into(),
                },
            )),
        },
        Pick::Choose(branches) if branches.len() > MAX_BRANCH_BUTTONS => Ok(Outcome::text(
            actor.id,
            Text::ChooseBranchForFile {
                example: branches[0].code.as_str().into(),
            },
        )),
        Pick::Choose(branches) => Ok(choose_branch(actor.id, "", branches, |org| {
            Action::Import {
                file_id: file_id.to_string(),
                name: name.to_string(),
                org,
                run: false,
                skip_bad: false,
            }
        })),
        Pick::Refused(text) => Ok(Outcome::text(actor.id, text)),
    }
}

/// A press on a roster button: check for a chosen branch, or run the import.
#[allow(clippy::too_many_arguments)]
pub async fn roster_action(
    app: &App,
    actor: &Actor,
    file_id: &str,
    name: &str,
    org_id: i64,
    run: bool,
    skip_bad: bool,
    bytes: &[u8],
    message: Option<i32>,
) -> Result<Outcome> {
    let branch = app.store.org(org_id).await?;
    if !Staff::of(&app.store, actor.id).await?.covers(&branch) {
        return Ok(Outcome::alert(Text::NotYourBranch));
    }
    if !run {
        return check(app, actor, &branch, file_id, name, bytes, message).await;
    }
    let roster = match read_checked(app, &branch, name, bytes).await? {
        Ok(r) => r,
        Err(text) => return Ok(Outcome::text(actor.id, text)),
    };
    if !roster.errors.is_empty() && !skip_bad {
        return check(app, actor, &branch, file_id, name, bytes, message).await;
    }
    let now = app.now();
    let summary = roster::import(&app.store, &branch, &roster, now, false, |_| {}).await?;
    app.store
        .audit(
            &actor.id.to_string(),
            "import_members",
            &format!(
                "{name} into {}: {} new, {} updated, {} skipped",
                branch.code,
                summary.created,
                summary.updated,
                roster.errors.len()
            ),
            now,
        )
        .await?;
    let done = Reply::text(
        actor.id,
        Text::ImportDone {
            branch: branch.name.as_str().into(),
            created: summary.created.into(),
            updated: summary.updated.into(),
            skipped: roster.errors.len().into(),
        },
    );
    Ok(Outcome::reply(match message {
        Some(m) => done.editing(m),
        None => done,
    }))
}

/// "Row N: why", as one line.
pub fn row_error(e: &roster::RowError) -> Line {
    Line(vec![
        Text::ImportRowError { row: e.row.into() },
        e.problem.text(),
    ])
}

async fn read_checked(
    app: &App,
    branch: &OrgUnit,
    name: &str,
    bytes: &[u8],
) -> Result<Result<Roster, Text>> {
    let mut roster = match roster::read(name, bytes) {
        Ok(r) => r,
        Err(problem) => return Ok(Err(problem.text())),
    };
    roster::check_against_store(&app.store, branch, &mut roster).await?;
    Ok(Ok(roster))
}

async fn check(
    app: &App,
    actor: &Actor,
    branch: &OrgUnit,
    file_id: &str,
    name: &str,
    bytes: &[u8],
    message: Option<i32>,
) -> Result<Outcome> {
    let roster = match read_checked(app, branch, name, bytes).await? {
        Ok(r) => r,
        Err(text) => return Ok(Outcome::text(actor.id, text)),
    };
    let would = roster::import(&app.store, branch, &roster, app.now(), true, |_| {}).await?;
    let mut reply = Reply::text(
        actor.id,
        Text::ImportPreview {
            branch: branch.name.as_str().into(),
            rows: roster.total().into(),
            created: would.created.into(),
            updated: would.updated.into(),
            errors: roster.errors.len().into(),
        },
    );
    for e in roster.errors.iter().take(LISTED_ERRORS) {
        reply = reply.line(row_error(e));
    }
    if roster.errors.len() > LISTED_ERRORS {
        reply = reply.line(Line::from(Text::ImportErrorsMore {
            count: (roster.errors.len() - LISTED_ERRORS).into(),
        }));
    }
    let import = |skip_bad| Action::Import {
        file_id: file_id.to_string(),
        name: name.to_string(),
        org: branch.id,
        run: true,
        skip_bad,
    };
    if roster.errors.is_empty() {
        reply = reply.row(vec![
            Button::new(Text::ButtonConfirmImport, import(false)),
            Button::new(Text::ButtonCancel, Action::Cancel),
        ]);
    } else if !roster.rows.is_empty() {
        reply = reply.row(vec![
            Button::new(Text::ButtonImportSkipBad, import(true)),
            Button::new(Text::ButtonCancel, Action::Cancel),
        ]);
    } else {
        reply = reply.line(Line::from(Text::ImportFixAndResend));
    }

    Ok(Outcome::reply(match message {
        Some(m) => reply.editing(m),
        None => reply,
    }))
}
