//! Turns use-case outcomes into outbox rows, in each reader's language.

use teloxide::prelude::*;
use teloxide::types::{
    ButtonRequest, CallbackQueryId, InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton,
    KeyboardMarkup,
};

use crate::app::App;
use crate::delivery::Markup;
use crate::domain::Locale;
use crate::i18n::Text;
use crate::reply::{Body, Button, Keyboard, Line, Outcome, Reply};
use crate::store::NewMessage;

/// Telegram's limit for one text message, in characters.
pub const MAX_TEXT: usize = 4096;

/// Answers the button press (if there was one, given as the presser's id and the query id)
/// at once, and queues every reply of the outcome in the outbox for the delivery worker.
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
            if matches!(e, teloxide::RequestError::RetryAfter(_)) {
                app.metrics.too_many_requests();
            }
            tracing::debug!(error = %e, "answering a button press failed");
        }
    }
    if outcome.replies.is_empty() {
        return;
    }
    let mut messages = Vec::new();
    for reply in outcome.replies {
        match render(app, reply, 0).await {
            Ok(m) => messages.extend(m),
            Err(e) => tracing::error!(error = format!("{e:#}"), "rendering a reply failed"),
        }
    }
    match app.store.enqueue(&messages, app.now()).await {
        Ok(()) => app.delivery.wake(),
        Err(e) => tracing::error!(error = %e, "queueing replies failed"),
    }
}

/// Renders the replies of work nobody pressed for (a ticker's reminders) and queues them in
/// one transaction.
pub async fn queue(app: &App, outcome: Outcome) -> anyhow::Result<()> {
    let mut messages = Vec::new();
    for reply in outcome.replies {
        messages.extend(render(app, reply, 0).await?);
    }
    app.store.enqueue(&messages, app.now()).await?;
    app.delivery.wake();
    Ok(())
}

/// Lines in `locale`, joined with newlines.
pub fn render_lines(app: &App, locale: Locale, lines: &[Line]) -> String {
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

fn reply_keyboard(app: &App, locale: Locale, keyboard: Keyboard) -> Option<Markup> {
    match keyboard {
        Keyboard::Keep => None,
        Keyboard::Remove => Some(Markup::Remove),
        Keyboard::ShareContact => Some(Markup::Keyboard(
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

/// Renders one reply in its reader's language into outbox rows (several when a text is split).
pub async fn render(app: &App, reply: Reply, priority: i64) -> anyhow::Result<Vec<NewMessage>> {
    let locale = app.locale_of(reply.to).await;
    let markup = if !reply.buttons.is_empty() {
        Some(Markup::Inline(
            inline_keyboard(app, locale, &reply.buttons).await?,
        ))
    } else {
        reply_keyboard(app, locale, reply.keyboard)
    };
    let markup = markup.map(|m| serde_json::to_string(&m)).transpose()?;
    let base = NewMessage {
        chat_id: reply.to,
        priority,
        edit_message_id: reply.edit.map(i64::from),
        ticket_id: reply.ticket,
        ..Default::default()
    };
    Ok(match (reply.body, reply.edit) {
        (Body::Lines(lines), Some(_)) => {
            let text = render_lines(app, locale, &lines);
            vec![NewMessage {
                kind: "edit_text",
                body: truncate(&text, MAX_TEXT),
                markup,
                ..base
            }]
        }
        (Body::Buttons, _) => vec![NewMessage {
            kind: "edit_markup",
            markup,
            ..base
        }],
        (Body::Media { caption, .. }, Some(_)) => {
            let caption = render_lines(app, locale, &caption);
            vec![NewMessage {
                kind: "edit_caption",
                body: truncate(&caption, MAX_CAPTION),
                markup,
                ..base
            }]
        }
        (
            Body::Media {
                kind,
                file_ref,
                caption,
            },
            None,
        ) => {
            let caption = render_lines(app, locale, &caption);
            vec![NewMessage {
                kind: kind.as_str(),
                body: truncate(&caption, MAX_CAPTION),
                markup,
                file_ref: Some(file_ref),
                ..base
            }]
        }
        (Body::Photo { caption, .. }, Some(_)) => {
            let caption = render_lines(
                app,
                locale,
                &caption.into_iter().map(Line::from).collect::<Vec<_>>(),
            );
            vec![NewMessage {
                kind: "edit_caption",
                body: truncate(&caption, MAX_CAPTION),
                markup,
                ..base
            }]
        }
        (Body::Lines(lines), None) => {
            let text = render_lines(app, locale, &lines);
            let parts = split_text(&text, MAX_TEXT);
            let last = parts.len() - 1;
            parts
                .into_iter()
                .enumerate()
                .map(|(i, part)| NewMessage {
                    kind: "text",
                    body: part,
                    markup: if i == last { markup.clone() } else { None },
                    ..base.clone()
                })
                .collect()
        }
        (Body::Document { caption, .. }, Some(_)) => vec![NewMessage {
            kind: "edit_caption",
            body: truncate(&render_lines(app, locale, &caption), MAX_CAPTION),
            markup,
            ..base
        }],
        (
            Body::Document {
                bytes,
                name,
                caption,
            },
            None,
        ) => vec![NewMessage {
            kind: "document",
            body: truncate(&render_lines(app, locale, &caption), MAX_CAPTION),
            markup,
            file: Some(bytes),
            file_name: Some(name),
            ..base
        }],
        (Body::Photo { png, name, caption }, None) => {
            let caption = render_lines(
                app,
                locale,
                &caption.into_iter().map(Line::from).collect::<Vec<_>>(),
            );
            vec![NewMessage {
                kind: "photo",
                body: truncate(&caption, MAX_CAPTION),
                markup,
                file: Some(png),
                file_name: Some(name),
                ..base
            }]
        }
    })
}

/// Telegram's limit for a caption, in characters.
pub const MAX_CAPTION: usize = 1024;

/// At most `max` characters, with an ellipsis when cut.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
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
