//! Members' control of their data: `/mydata` shows everything stored about them, `/forgetme`
//! asks for it to be erased, which a secretary of their branch (or, without one, an organizer
//! above it) approves.

use anyhow::Result;

use crate::access::Staff;
use crate::app::{Actor, App};
use crate::domain::Role;
use crate::i18n::Text;
use crate::reply::{Action, Button, Line, Outcome, Reply};

/// `/mydata`: a readable summary, and every stored row as a JSON file.
pub async fn mydata(app: &App, actor: &Actor) -> Result<Outcome> {
    let member = app.store.member_by_telegram(actor.id).await?;
    let mut reply = Reply::text(actor.id, Text::MydataHeader);
    match &member {
        Some(m) => {
            let branch = app.store.org(m.org_id).await?;
            let counts = app.store.member_counts(m.id).await?;
            reply = reply
                .line(Line::from(Text::MydataProfile {
                    name: m.name.as_str().into(),
                    phone: m
                        .phone
                        .as_ref()
                        .map_or_else(|| "—".to_string(), |p| p.to_string())
                        .into(),
                    branch: branch.name.as_str().into(),
                }))
                .line(Line::from(Text::MydataPlace {
                    status: m.mobility.as_str().into(),
                    city: m.city.clone().unwrap_or_else(|| "—".into()).into(),
                }))
                .line(Line::from(Text::MydataCounts {
                    acks: counts.acks.into(),
                    lessons: counts.lessons.into(),
                    answers: counts.answers.into(),
                    sessions: counts.sessions.into(),
                    reports: counts.reports.into(),
                    tickets: counts.tickets.into(),
                    points: counts.points.into(),
                }));
        }
        None => reply = reply.line(Line::from(Text::MydataNotMember)),
    }
    reply = reply.line(Line::from(Text::MydataFile));
    let tables = app.store.personal_data(member.as_ref(), actor.id).await?;
    let mut json = serde_json::Map::new();
    json.insert(
        "exported_at".into(),
        serde_json::Value::from(app.format_time(app.now())),
    );
    for (table, rows) in tables {
        let rows: Vec<serde_json::Value> = rows
            .into_iter()
            .map(|mut row| {
                // Times as people read them, beside the stored milliseconds.
                let times: Vec<(String, String)> = row
                    .iter()
                    .filter(|(k, v)| (k.as_str() == "at" || k.ends_with("_at")) && v.is_i64())
                    .map(|(k, v)| {
                        (
                            format!("{k}_local"),
                            app.format_time(v.as_i64().unwrap_or_default()),
                        )
                    })
                    .collect();
                for (k, v) in times {
                    row.insert(k, serde_json::Value::from(v));
                }
                serde_json::Value::Object(row)
            })
            .collect();
        json.insert(table.into(), serde_json::Value::from(rows));
    }
    let bytes = serde_json::to_vec_pretty(&serde_json::Value::Object(json))?;
    Ok(Outcome::reply(reply).and(Reply::document(
        actor.id,
        bytes,
        "lianxin-mydata.json",
        vec![Line::from(Text::MydataCaption)],
    )))
}

/// `/forgetme`: what erasing means, and a button to ask.
pub async fn forgetme(app: &App, actor: &Actor) -> Result<Outcome> {
    let Some(member) = app.store.member_by_telegram(actor.id).await? else {
        let locale = app.locale_of(actor.id).await;
        app.store.forget_user(actor.id).await?;
        app.store
            .audit("erased", "user.forget", "no member record", app.now())
            .await?;
        return Ok(Outcome::text(
            actor.id,
            Text::Plain {
                text: app.i18n.render(locale, &Text::ForgetmeNotMember).into(),
            },
        ));
    };
    if app.store.pending_erasure(member.id).await?.is_some() {
        return Ok(Outcome::text(actor.id, Text::ForgetmePending));
    }
    Ok(Outcome::reply(
        Reply::text(actor.id, Text::ForgetmeExplain).row(vec![
            Button::new(Text::ButtonForgetme, Action::ForgetMe),
            Button::new(Text::ButtonCancel, Action::Cancel),
        ]),
    ))
}

/// 「确认申请删除」: the request goes to whoever decides for the member's branch.
pub async fn ask(app: &App, actor: &Actor, message: Option<i32>) -> Result<Outcome> {
    let Some(member) = app.store.member_by_telegram(actor.id).await? else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    let branch = app.store.org(member.org_id).await?;
    // Never the member themself (a secretary asking about their own data): the organizers above
    // decide when nobody else on the branch can.
    let mut deciders = crate::onboarding::deciders(app, &branch).await?;
    deciders.retain(|d| *d != actor.id);
    if deciders.is_empty() {
        deciders = app
            .store
            .role_holders_covering(&branch)
            .await?
            .into_iter()
            .filter(|(id, role)| *role == Role::Organizer && *id != actor.id)
            .map(|(id, _)| id)
            .collect();
        deciders.sort_unstable();
        deciders.dedup();
    }
    if deciders.is_empty() {
        return Ok(Outcome::text(actor.id, Text::ForgetmeNoOne));
    }
    let Some(id) = app.store.ask_erasure(member.id, app.now()).await? else {
        return Ok(Outcome::text(actor.id, Text::ForgetmePending));
    };
    app.store
        .audit(
            &actor.id.to_string(),
            "member.erase.ask",
            &format!("request {id} member {} of {}", member.id, branch.code),
            app.now(),
        )
        .await?;
    let mut out = Outcome::none().and(match message {
        Some(m) => Reply::text(actor.id, Text::ForgetmeAsked).editing(m),
        None => Reply::text(actor.id, Text::ForgetmeAsked),
    });
    for to in deciders {
        out = out.and(request_card(to, id, &member.name, &branch.name));
    }
    Ok(out)
}

/// A deletion request as its deciders see it, with 「同意删除」 and 「不同意」.
pub fn request_card(to: i64, id: i64, name: &str, branch: &str) -> Reply {
    Reply::text(
        to,
        Text::ForgetmeRequest {
            name: name.into(),
            branch: branch.into(),
        },
    )
    .row(vec![
        Button::new(
            Text::ButtonEraseApprove,
            Action::Erase {
                request: id,
                approve: true,
            },
        ),
        Button::new(
            Text::ButtonEraseDecline,
            Action::Erase {
                request: id,
                approve: false,
            },
        ),
    ])
}

/// Deletion requests waiting on someone's units (for `/pending`), never their own.
pub async fn waiting(app: &App, actor: &Actor, staff: &Staff) -> Result<Vec<Reply>> {
    let mut seen = Vec::new();
    let mut cards = Vec::new();
    for unit in staff.top_units() {
        for (id, member_id) in app.store.pending_erasures_under(&unit.path).await? {
            let member = app.store.member(member_id).await?;
            if seen.contains(&id) || member.telegram_id == Some(actor.id) {
                continue;
            }
            seen.push(id);
            let branch = app.store.org(member.org_id).await?;
            cards.push(request_card(actor.id, id, &member.name, &branch.name));
        }
    }
    Ok(cards)
}

/// 「同意删除」 or 「不同意」, by staff over the member's branch.
pub async fn decide(
    app: &App,
    actor: &Actor,
    id: i64,
    approve: bool,
    message: Option<i32>,
) -> Result<Outcome> {
    let Some(request) = app.store.erasure_request(id).await? else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    let member = app.store.member(request.member_id).await?;
    let branch = app.store.org(member.org_id).await?;
    if !Staff::of(&app.store, actor.id).await?.covers(&branch)
        || member.telegram_id == Some(actor.id)
    {
        return Ok(Outcome::alert(Text::NotYourBranch));
    }
    // The member's language, read before their profile goes.
    let locale = match member.telegram_id {
        Some(chat) => Some(app.locale_of(chat).await),
        None => None,
    };
    if !app
        .store
        .decide_erasure(id, approve, actor.id, app.now())
        .await?
    {
        return Ok(Outcome::alert(Text::ForgetmeDecided));
    }
    app.store
        .audit(
            &actor.id.to_string(),
            if approve {
                "member.erase"
            } else {
                "member.erase.decline"
            },
            &format!("request {id} member {} of {}", member.id, branch.code),
            app.now(),
        )
        .await?;
    let name = member.name.as_str();
    let done = if approve {
        Text::ForgetmeApproved
    } else {
        Text::ForgetmeRefused { name: name.into() }
    };
    let mut out = Outcome::none().and(match message {
        Some(m) => Reply::text(actor.id, done).editing(m),
        None => Reply::text(actor.id, done),
    });
    if let (Some(chat), Some(locale)) = (member.telegram_id, locale) {
        let told = if approve {
            Text::ForgetmeDone
        } else {
            Text::ForgetmeDeclined
        };
        out = out.and(Reply::text(
            chat,
            Text::Plain {
                text: app.i18n.render(locale, &told).into(),
            },
        ));
    }
    Ok(out)
}
