//! Turns use-case outcomes into Bot API calls, in each reader's language.

use teloxide::prelude::*;
use teloxide::types::{
    ButtonRequest, CallbackQueryId, InlineKeyboardButton, InlineKeyboardMarkup, InputFile,
    KeyboardButton, KeyboardMarkup, KeyboardRemove, MessageId, ReplyMarkup,
};
use teloxide::{ApiError, RequestError};

use crate::app::App;
use crate::domain::Locale;
use crate::i18n::Text;
use crate::reply::{Body, Button, Keyboard, Line, Outcome, Reply};

/// Telegram's limit for one text message, in characters.
pub const MAX_TEXT: usize = 4096;

/// Sends every reply of an outcome and answers the button press, if there was one
/// (the presser's id and the query id).
pub async fn deliver(
    bot: &Bot,
    app: &App,
    outcome: Outcome,
    press: Option<(i64, &CallbackQueryId)>,
) {
    if let Some((presser, id)) = press {
        let mut answer = bot.answer_callback_query(id.clone());
        if let Some(toast) = &outcome.toast {
            let locale = app.locale_of(presser).await;
            answer = answer
                .text(app.i18n.render(locale, &toast.text))
                .show_alert(toast.alert);
        }
        if let Err(e) = answer.await {
            tracing::debug!(error = %e, "answering a button press failed");
        }
    }
    for reply in outcome.replies {
        let to = reply.to;
        if let Err(e) = send(bot, app, reply).await {
            note_failure(app, to, &e).await;
        }
    }
}

async fn note_failure(app: &App, to: i64, e: &RequestError) {
    match e {
        RequestError::Api(ApiError::BotBlocked | ApiError::UserDeactivated) => {
            tracing::info!(chat = to, error = %e, "member unreachable");
            if let Err(e) = app.store.set_reachable(to, false).await {
                tracing::warn!(error = %e, "could not mark a member unreachable");
            }
        }
        RequestError::Api(ApiError::MessageNotModified) => {}
        _ => tracing::warn!(chat = to, error = %e, "sending a reply failed"),
    }
}

fn render_lines(app: &App, locale: Locale, lines: &[Line]) -> String {
    lines
        .iter()
        .map(|line| {
            line.0
                .iter()
                .map(|t| app.i18n.render(locale, t))
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

async fn inline_keyboard(
    app: &App,
    locale: Locale,
    rows: &[Vec<Button>],
) -> anyhow::Result<InlineKeyboardMarkup> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut buttons = Vec::with_capacity(row.len());
        for b in row {
            let action = serde_json::to_string(&b.action)?;
            let token = app.store.put_button(&action, app.now()).await?;
            buttons.push(InlineKeyboardButton::callback(
                app.i18n.render(locale, &b.label),
                token,
            ));
        }
        out.push(buttons);
    }
    Ok(InlineKeyboardMarkup::new(out))
}

fn reply_keyboard(app: &App, locale: Locale, keyboard: Keyboard) -> Option<ReplyMarkup> {
    match keyboard {
        Keyboard::Keep => None,
        Keyboard::Remove => Some(ReplyMarkup::KeyboardRemove(KeyboardRemove::new())),
        Keyboard::ShareContact => Some(ReplyMarkup::Keyboard(
            KeyboardMarkup::new(vec![
                vec![
                    KeyboardButton::new(app.i18n.render(locale, &Text::ButtonShareContact))
                        .request(ButtonRequest::Contact),
                ],
                vec![KeyboardButton::new(
                    app.i18n.render(locale, &Text::ButtonCancel),
                )],
            ])
            .resize_keyboard(),
        )),
    }
}

/// Splits a text longer than Telegram allows at paragraph breaks, then line breaks, then anywhere.
pub fn split_text(text: &str, max: usize) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = text;
    while rest.chars().count() > max {
        let limit = rest.char_indices().nth(max).map_or(rest.len(), |(i, _)| i);
        let head = &rest[..limit];
        let cut = head
            .rfind("\n\n")
            .or_else(|| head.rfind('\n'))
            .filter(|&i| i > 0)
            .unwrap_or(limit);
        parts.push(rest[..cut].trim_end().to_string());
        rest = rest[cut..].trim_start_matches('\n');
    }
    if !rest.is_empty() || parts.is_empty() {
        parts.push(rest.to_string());
    }
    parts
}

async fn send(bot: &Bot, app: &App, reply: Reply) -> Result<(), RequestError> {
    let chat = ChatId(reply.to);
    let locale = app.locale_of(reply.to).await;
    let inline = if reply.buttons.is_empty() {
        None
    } else {
        match inline_keyboard(app, locale, &reply.buttons).await {
            Ok(k) => Some(k),
            Err(e) => {
                tracing::error!(error = %e, "could not store button actions; sending without buttons");
                None
            }
        }
    };
    match (reply.body, reply.edit) {
        (Body::Lines(lines), Some(id)) => {
            let text = render_lines(app, locale, &lines);
            bot.edit_message_text(chat, MessageId(id), text)
                .reply_markup(inline.unwrap_or_default())
                .await?;
        }
        (Body::Photo { caption, .. }, Some(id)) => {
            let caption = render_lines(
                app,
                locale,
                &caption.into_iter().map(Line::from).collect::<Vec<_>>(),
            );
            bot.edit_message_caption(chat, MessageId(id))
                .caption(caption)
                .reply_markup(inline.unwrap_or_default())
                .await?;
        }
        (Body::Lines(lines), None) => {
            let text = render_lines(app, locale, &lines);
            let parts = split_text(&text, MAX_TEXT);
            let last = parts.len() - 1;
            for (i, part) in parts.into_iter().enumerate() {
                let mut request = bot.send_message(chat, part);
                if i == last {
                    if let Some(k) = inline.clone() {
                        request = request.reply_markup(k);
                    } else if let Some(k) = reply_keyboard(app, locale, reply.keyboard) {
                        request = request.reply_markup(k);
                    }
                }
                request.await?;
            }
        }
        (Body::Photo { png, name, caption }, None) => {
            let caption = render_lines(
                app,
                locale,
                &caption.into_iter().map(Line::from).collect::<Vec<_>>(),
            );
            let mut request = bot
                .send_photo(chat, InputFile::memory(png).file_name(name))
                .caption(caption);
            if let Some(k) = inline {
                request = request.reply_markup(k);
            }
            request.await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::split_text;

    #[test]
    fn splits_on_paragraphs_first() {
        let para = "字".repeat(3000);
        let text = format!("{para}\n\n{para}\n\n短");
        let parts = split_text(&text, 4096);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0], para);
        assert_eq!(parts[1], format!("{para}\n\n短"));
        assert!(parts.iter().all(|p| p.chars().count() <= 4096));
    }

    #[test]
    fn splits_a_wall_of_text_anywhere() {
        let text = "a".repeat(10_000);
        let parts = split_text(&text, 4096);
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            vec![4096, 4096, 1808]
        );
    }
}
