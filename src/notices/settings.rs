//! `/settings`: a member's quiet hours and the language.

use anyhow::Result;

use crate::app::{Actor, App};
use crate::domain::QuietHours;
use crate::i18n::Text;
use crate::reply::{Action, Button, Line, Outcome, Reply};

/// Quiet hours offered as buttons.
const PRESETS: [(&str, &str); 3] = [("22:00", "07:00"), ("23:00", "06:00"), ("21:00", "08:00")];

/// `/settings [HH:MM-HH:MM | off]`: shows the settings, or sets the quiet hours typed.
pub async fn show(app: &App, actor: &Actor, arg: &str) -> Result<Outcome> {
    let member = app.store.member_by_telegram(actor.id).await?;
    let arg = arg.trim();
    if !arg.is_empty() {
        let Some(member) = member else {
            return Ok(Outcome::text(actor.id, Text::SettingsMembersOnly));
        };
        let Some(quiet) = QuietHours::parse(arg) else {
            return Ok(Outcome::text(
                actor.id,
                Text::QuietUnreadable { typed: arg.into() },
            ));
        };
        app.store.set_quiet_hours(member.id, quiet).await?;
        return Ok(Outcome::text(actor.id, quiet_set_text(quiet)));
    }
    let mut reply = Reply::text(actor.id, Text::SettingsHeader);
    match member {
        Some(member) => {
            let quiet = app
                .store
                .quiet_hours(member.id)
                .await?
                .unwrap_or_else(|| app.config.notices.quiet_hours());
            reply = reply
                .line(Line::from(quiet_now_text(quiet)))
                .line(Line::from(Text::SettingsQuietHint));
            let presets = PRESETS
                .iter()
                .map(|(start, end)| {
                    Button::new(
                        Text::Plain {
                            text: format!("{start}–{end}").into(),
                        },
                        Action::SetQuiet {
                            start: (*start).into(),
                            end: (*end).into(),
                        },
                    )
                })
                .collect();
            reply = reply.row(presets).row(vec![
                Button::new(
                    Text::ButtonQuietOff,
                    Action::SetQuiet {
                        start: "00:00".into(),
                        end: "00:00".into(),
                    },
                ),
                Button::new(Text::ButtonLanguage, Action::ChooseLanguage),
            ]);
        }
        None => {
            reply = reply
                .line(Line::from(Text::SettingsMembersOnly))
                .row(vec![Button::new(
                    Text::ButtonLanguage,
                    Action::ChooseLanguage,
                )]);
        }
    }
    Ok(Outcome::reply(reply))
}

/// A quiet-hours button.
pub async fn set_quiet(
    app: &App,
    actor: &Actor,
    start: &str,
    end: &str,
    message: Option<i32>,
) -> Result<Outcome> {
    let Some(member) = app.store.member_by_telegram(actor.id).await? else {
        return Ok(Outcome::alert(Text::SettingsMembersOnly));
    };
    let Some(quiet) = QuietHours::parse(&format!("{start}-{end}")) else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    app.store.set_quiet_hours(member.id, quiet).await?;
    let reply = Reply::text(actor.id, quiet_set_text(quiet));
    Ok(Outcome::reply(match message {
        Some(m) => reply.editing(m),
        None => reply,
    }))
}

fn quiet_now_text(quiet: QuietHours) -> Text {
    if quiet.is_off() {
        Text::SettingsQuietOff
    } else {
        Text::SettingsQuiet {
            hours: quiet.to_string().into(),
        }
    }
}

fn quiet_set_text(quiet: QuietHours) -> Text {
    if quiet.is_off() {
        Text::QuietSetOff
    } else {
        Text::QuietSet {
            hours: quiet.to_string().into(),
        }
    }
}
