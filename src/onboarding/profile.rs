//! The member's profile: first-time questions, `/me`, and edits.

use anyhow::Result;

use crate::app::{Actor, App};
use crate::dialogue::Dialogue;
use crate::domain::{Member, Mobility, ProfileField};
use crate::i18n::Text;
use crate::reply::{Action, Button, Line, Outcome, Reply, Toast};
use crate::store::MemberUpdate;

const MAX_NAME: usize = 20;
const MAX_CITY: usize = 20;
const MAX_SKILLS: usize = 200;

/// Asks the first question of `queue` and remembers the rest; with an empty queue the
/// questions are over (and the dialogue ends).
pub async fn begin(
    app: &App,
    actor: &Actor,
    member: &Member,
    queue: Vec<ProfileField>,
    editing: bool,
) -> Result<Outcome> {
    let store = &app.store;
    let Some(&field) = queue.first() else {
        store.clear_dialogue(actor.id).await?;
        return Ok(if editing {
            Outcome::text(actor.id, Text::ProfileSaved).merge(card(app, member).await?)
        } else {
            Outcome::text(actor.id, Text::ProfileComplete)
        });
    };
    Dialogue::Profile {
        member: member.id,
        queue,
        editing,
    }
    .save(store, actor.id, app.now())
    .await?;
    Ok(Outcome::reply(question(actor.id, member.id, field)))
}

fn question(to: i64, member: i64, field: ProfileField) -> Reply {
    match field {
        ProfileField::Name => Reply::text(to, Text::AskName),
        ProfileField::City => Reply::text(to, Text::AskCity),
        ProfileField::Mobility => Reply::text(to, Text::AskMobility).row(vec![
            Button::new(
                Text::ButtonResident,
                Action::SetMobility {
                    member,
                    mobility: "resident".into(),
                },
            ),
            Button::new(
                Text::ButtonMobile,
                Action::SetMobility {
                    member,
                    mobility: "mobile".into(),
                },
            ),
        ]),
        ProfileField::Skills => Reply::text(to, Text::AskSkills).row(vec![Button::new(
            Text::ButtonSkip,
            Action::SkipQuestion { member },
        )]),
    }
}

/// Something other than text (a voice note, a photo, a sticker) while a question waits: ask it
/// again rather than lose it.
pub fn repeat(actor: &Actor, member_id: i64, queue: &[ProfileField]) -> Outcome {
    match queue.first() {
        Some(&field) => Outcome::reply(question(actor.id, member_id, field)),
        None => Outcome::text(actor.id, Text::IdleHint),
    }
}

/// A typed answer to the question being asked.
pub async fn answer(
    app: &App,
    actor: &Actor,
    member_id: i64,
    queue: Vec<ProfileField>,
    editing: bool,
    text: &str,
) -> Result<Outcome> {
    let store = &app.store;
    let member = store.member(member_id).await?;
    let Some(&field) = queue.first() else {
        return begin(app, actor, &member, queue, editing).await;
    };
    let value = text.trim();
    let len = value.chars().count();
    let mut update = MemberUpdate::default();
    match field {
        ProfileField::Name if len == 0 || len > MAX_NAME || value.starts_with('/') => {
            return Ok(Outcome::text(actor.id, Text::NameInvalid));
        }
        ProfileField::Name => update.name = Some(value.to_string()),
        ProfileField::City if len == 0 || len > MAX_CITY || value.starts_with('/') => {
            return Ok(Outcome::text(actor.id, Text::CityInvalid));
        }
        ProfileField::City => update.city = Some(value.to_string()),
        ProfileField::Skills if len > MAX_SKILLS => {
            return Ok(Outcome::text(
                actor.id,
                Text::TooLong {
                    max: MAX_SKILLS.into(),
                },
            ));
        }
        ProfileField::Skills => update.skills = Some(value.to_string()),
        // Answered with the buttons; ask again.
        ProfileField::Mobility => return Ok(Outcome::reply(question(actor.id, member.id, field))),
    }
    let member = store.update_member(member.id, &update, app.now()).await?;
    begin(app, actor, &member, queue[1..].to_vec(), editing).await
}

/// 「在家」 / 「外出务工」 pressed.
pub async fn set_mobility(
    app: &App,
    actor: &Actor,
    member_id: i64,
    mobility: &str,
) -> Result<Outcome> {
    let store = &app.store;
    let Some(member) = own_member(app, actor, member_id).await? else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    let Ok(mobility) = mobility.parse::<Mobility>() else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    let member = store
        .update_member(
            member.id,
            &MemberUpdate {
                mobility: Some(mobility),
                ..Default::default()
            },
            app.now(),
        )
        .await?;
    let toast = Toast {
        text: Text::MobilityLabel {
            kind: mobility.as_str().into(),
        },
        alert: false,
    };
    let (mut queue, editing) = match Dialogue::load(store, actor.id).await? {
        // The question being asked now.
        Some(Dialogue::Profile {
            member: m,
            queue,
            editing,
        }) if m == member.id && queue.first() == Some(&ProfileField::Mobility) => (queue, editing),
        // An old button pressed in the middle of something else: save it, keep the rest.
        Some(_) => {
            return Ok(Outcome {
                replies: Vec::new(),
                toast: Some(toast),
            });
        }
        None => (vec![ProfileField::Mobility], true),
    };
    queue.retain(|f| *f != ProfileField::Mobility);
    // Working away: ask where (an edit asks again, to keep the city current).
    if mobility == Mobility::Mobile
        && (editing || member.lacks_city())
        && !queue.contains(&ProfileField::City)
    {
        queue.insert(0, ProfileField::City);
    }
    let mut out = begin(app, actor, &member, queue, editing).await?;
    out.toast = Some(toast);
    Ok(out)
}

/// 「跳过」 pressed on an optional question.
pub async fn skip(app: &App, actor: &Actor, member_id: i64) -> Result<Outcome> {
    let Some(member) = own_member(app, actor, member_id).await? else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    match Dialogue::load(&app.store, actor.id).await? {
        Some(Dialogue::Profile {
            member: m,
            queue,
            editing,
        }) if m == member.id && queue.first() == Some(&ProfileField::Skills) => {
            begin(app, actor, &member, queue[1..].to_vec(), editing).await
        }
        _ => Ok(Outcome::toast(Text::ButtonExpired)),
    }
}

/// An edit button on the `/me` card.
pub async fn edit(
    app: &App,
    actor: &Actor,
    member_id: i64,
    field: ProfileField,
) -> Result<Outcome> {
    let Some(member) = own_member(app, actor, member_id).await? else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    begin(app, actor, &member, vec![field], true).await
}

/// The member the button was made for, if the presser is that member.
async fn own_member(app: &App, actor: &Actor, member_id: i64) -> Result<Option<Member>> {
    Ok(app
        .store
        .member_by_telegram(actor.id)
        .await?
        .filter(|m| m.id == member_id))
}

/// `/me`.
pub async fn me(app: &App, actor: &Actor) -> Result<Outcome> {
    match app.store.member_by_telegram(actor.id).await? {
        Some(member) => card(app, &member).await,
        None => Ok(Outcome::text(actor.id, Text::ProfileNotMember)),
    }
}

/// The profile card with its edit buttons.
/// Cities shown in a profile's history.
const CITIES_SHOWN: usize = 5;

async fn card(app: &App, member: &Member) -> Result<Outcome> {
    let to = member.telegram_id.unwrap_or_default();
    let branch = app.store.org(member.org_id).await?;
    let locale = app.locale_of(to).await;
    let or_not_set = |v: Option<&str>| -> String {
        v.filter(|s| !s.trim().is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| app.i18n.render(locale, &Text::NotSet))
    };
    let text = Text::Profile {
        name: or_not_set(Some(&member.name)).into(),
        branch: branch.name.into(),
        phone: or_not_set(member.phone.as_ref().map(|p| p.as_str())).into(),
        mobility: app
            .i18n
            .render(
                locale,
                &Text::MobilityLabel {
                    kind: member.mobility.as_str().into(),
                },
            )
            .into(),
        city: or_not_set(member.city.as_deref()).into(),
        skills: or_not_set(member.skills.as_deref()).into(),
        language: match locale {
            crate::domain::Locale::ZhCn => "中文",
            crate::domain::Locale::En => "English",
        }
        .into(),
    };
    let mut reply = Reply::text(to, text);
    // Where the member has worked, and their latest status report.
    let history = app.store.city_history(member.id).await?;
    if !history.is_empty() {
        let cities = history
            .iter()
            .rev()
            .take(CITIES_SHOWN)
            .rev()
            .map(|(city, at)| format!("{city}（{}）", app.format_date(*at)))
            .collect::<Vec<_>>()
            .join(" → ");
        reply = reply.line(Line::from(Text::ProfileCityHistory {
            cities: cities.into(),
        }));
    }
    if let Some(report) = app.store.reports_of(member.id, 1).await?.pop() {
        reply = reply.line(Line(vec![
            Text::ProfileLastReport {
                at: app.format_date(report.at).into(),
            },
            crate::reports::work_text(report.work),
        ]));
    }
    let m = member.id;
    Ok(Outcome::reply(
        reply
            .row(vec![
                Button::new(
                    Text::ButtonEditName,
                    Action::EditProfile {
                        member: m,
                        field: ProfileField::Name,
                    },
                ),
                Button::new(
                    Text::ButtonEditMobility,
                    Action::EditProfile {
                        member: m,
                        field: ProfileField::Mobility,
                    },
                ),
            ])
            .row(vec![
                Button::new(
                    Text::ButtonEditCity,
                    Action::EditProfile {
                        member: m,
                        field: ProfileField::City,
                    },
                ),
                Button::new(
                    Text::ButtonEditSkills,
                    Action::EditProfile {
                        member: m,
                        field: ProfileField::Skills,
                    },
                ),
            ]),
    ))
}
