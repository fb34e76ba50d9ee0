//! Branch group chats: `/linkgroup`, the bot being added or removed, and supergroup upgrades.

use anyhow::Result;

use crate::access::{Pick, Staff};
use crate::app::{Actor, App};
use crate::i18n::Text;
use crate::reply::Outcome;

/// `/linkgroup [code]` in a group.
pub async fn link(
    app: &App,
    actor: &Actor,
    chat_id: i64,
    title: &str,
    arg: &str,
) -> Result<Outcome> {
    let staff = Staff::of(&app.store, actor.id).await?;
    if !staff.is_staff() {
        return Ok(Outcome::text(chat_id, Text::LinkGroupNotAllowed));
    }
    let branch = match staff.pick_branch(&app.store, arg).await? {
        Pick::One(branch) => branch,
        Pick::Choose(branches) => {
            let codes: Vec<&str> = branches.iter().take(3).map(|b| b.code.as_str()).collect();
            return Ok(Outcome::text(
                chat_id,
                Text::LinkGroupChoose {
                    codes: codes.join(" / ").into(),
                },
            ));
        }
        Pick::Refused(Text::SecretaryOnly) => {
            return Ok(Outcome::text(chat_id, Text::LinkGroupNotAllowed));
        }
        Pick::Refused(text) => return Ok(Outcome::text(chat_id, text)),
    };
    // A group linked to a branch stays with it unless someone over that branch moves it.
    if let Some(link) = app.store.group_link(chat_id).await?
        && link.active == 1
        && link.org_id != branch.id
    {
        let current = app.store.org(link.org_id).await?;
        if !staff.covers(&current) {
            return Ok(Outcome::text(
                chat_id,
                Text::LinkGroupTaken {
                    branch: current.name.into(),
                },
            ));
        }
    }
    let now = app.now();
    app.store
        .link_group(chat_id, branch.id, title, actor.id, now)
        .await?;
    app.store
        .audit(
            &actor.id.to_string(),
            "link_group",
            &format!("chat {chat_id} ({title}) to {}", branch.code),
            now,
        )
        .await?;
    Ok(Outcome::text(
        chat_id,
        Text::LinkGroupDone {
            branch: branch.name.into(),
        },
    ))
}

/// The bot was added to a group (greets it) or removed (the link becomes inactive).
pub async fn bot_membership(
    app: &App,
    chat_id: i64,
    title: &str,
    present: bool,
) -> Result<Outcome> {
    let store = &app.store;
    if present {
        let linked = store
            .group_link(chat_id)
            .await?
            .is_some_and(|l| l.active == 1);
        return Ok(if linked {
            Outcome::none()
        } else {
            Outcome::text(chat_id, Text::BotAddedToGroup)
        });
    }
    let Some(link) = store.group_link(chat_id).await? else {
        return Ok(Outcome::none());
    };
    if !store.deactivate_group(chat_id, app.now()).await? {
        return Ok(Outcome::none());
    }
    let branch = store.org(link.org_id).await?;
    tracing::info!(chat_id, branch = %branch.code, "bot removed from a linked group; link deactivated");
    Ok(Outcome::text(
        link.linked_by,
        Text::GroupUnlinked {
            title: title.into(),
            branch: branch.name.into(),
        },
    ))
}

/// A group became a supergroup with a new chat id; its link follows.
pub async fn migrated(app: &App, old_chat_id: i64, new_chat_id: i64) -> Result<Outcome> {
    if app
        .store
        .migrate_group(old_chat_id, new_chat_id, app.now())
        .await?
    {
        tracing::info!(
            old_chat_id,
            new_chat_id,
            "linked group upgraded to a supergroup; link moved"
        );
    }
    Ok(Outcome::none())
}
