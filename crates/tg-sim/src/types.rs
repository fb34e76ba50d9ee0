//! Public data types of the simulator's test API.

use std::fmt;
use std::time::{Duration, Instant};

use serde_json::Value;

/// Configuration of a simulated bot and server.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// The bot token the server accepts (`/bot{token}/…`); others get 401.
    pub token: String,
    /// The bot's user id (also the numeric prefix of a real token).
    pub bot_id: i64,
    /// The bot's username, without `@`. Default `lianxin_bot`.
    pub bot_username: String,
    /// The bot's display name. Default `连心`.
    pub bot_first_name: String,
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            token: "7000000001:AAF-simulated-token-for-lianxin-tests".to_owned(),
            bot_id: 7_000_000_001,
            bot_username: "lianxin_bot".to_owned(),
            bot_first_name: "连心".to_owned(),
        }
    }
}

/// A simulated Telegram user. Build with [`SimUser::new`] and the builder
/// methods, then register with [`Sim::add_user`](crate::Sim::add_user).
#[derive(Debug, Clone, PartialEq)]
pub struct SimUser {
    /// User id; the private chat with the bot has the same id.
    pub id: i64,
    /// First name (required by Telegram).
    pub first_name: String,
    /// Optional last name.
    pub last_name: Option<String>,
    /// Optional username, without `@`.
    pub username: Option<String>,
    /// IETF language tag as Telegram clients send it (e.g. `zh-hans`, `en`).
    pub language_code: Option<String>,
    /// Whether the user has already pressed Start (written to the bot) —
    /// otherwise the bot can't initiate a private conversation. Default false;
    /// any private message from the user sets it.
    pub started: bool,
}

impl SimUser {
    /// A user with an id and a first name; everything else unset.
    pub fn new(id: i64, first_name: &str) -> Self {
        Self {
            id,
            first_name: first_name.to_owned(),
            last_name: None,
            username: None,
            language_code: None,
            started: false,
        }
    }

    /// Sets the language code (e.g. `"zh-hans"`).
    pub fn lang(mut self, code: &str) -> Self {
        self.language_code = Some(code.to_owned());
        self
    }

    /// Sets the username (without `@`).
    pub fn username(mut self, username: &str) -> Self {
        self.username = Some(username.to_owned());
        self
    }

    /// Sets the last name.
    pub fn last_name(mut self, last_name: &str) -> Self {
        self.last_name = Some(last_name.to_owned());
        self
    }

    /// Marks the user as having started the bot already, so the bot may
    /// message them before they write anything.
    pub fn started(mut self) -> Self {
        self.started = true;
        self
    }
}

/// What kind of content a [`SimMessage`] carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SimMessageKind {
    /// A text message.
    Text,
    /// A photo (possibly with caption).
    Photo,
    /// A document (possibly with caption).
    Document,
    /// A voice note.
    Voice,
    /// A music or audio file.
    Audio,
    /// A video.
    Video,
    /// A shared contact.
    Contact,
    /// A location.
    Location,
    /// A service message (new members, bot added, migration, …).
    Service,
    /// Anything else.
    Other,
}

/// One button of a reply (custom) keyboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyButton {
    /// The button label (what the user sends when pressing it).
    pub text: String,
    /// The button asks for the user's phone number.
    pub request_contact: bool,
    /// The button asks for the user's location.
    pub request_location: bool,
}

/// A message as stored by the simulator (either direction), with its current
/// (possibly edited) content.
#[derive(Debug, Clone, PartialEq)]
pub struct SimMessage {
    /// Message id within its chat.
    pub message_id: i32,
    /// The chat it belongs to.
    pub chat_id: i64,
    /// Sent by the bot through the Bot API.
    pub from_bot: bool,
    /// Sender's user id (the bot's id for bot messages).
    pub from: Option<i64>,
    /// Unix time it was sent.
    pub date: i64,
    /// Text, after entity parsing (HTML tags removed) — for text messages.
    pub text: Option<String>,
    /// Caption, after entity parsing — for media messages.
    pub caption: Option<String>,
    /// Entities of the text or caption (Bot API JSON, UTF-16 offsets).
    pub entities: Vec<Value>,
    /// The `parse_mode` the bot used, if any.
    pub parse_mode: Option<String>,
    /// Content kind.
    pub kind: SimMessageKind,
    /// File id of the photo (largest size), document or voice.
    pub file_id: Option<String>,
    /// File name of a document.
    pub file_name: Option<String>,
    /// MIME type of a document or voice.
    pub mime_type: Option<String>,
    /// The `reply_markup` the bot sent (any kind: inline keyboard, reply
    /// keyboard, remove keyboard, force reply), as JSON.
    pub reply_markup: Option<Value>,
    /// How many times the bot edited it.
    pub edit_count: u32,
    /// The text or caption after each edit, oldest first (the last is the current one).
    pub bodies: Vec<String>,
    /// Deleted (by `deleteMessage`).
    pub deleted: bool,
    /// The message id it replies to (same chat).
    pub reply_to: Option<i32>,
    /// Contact shared (`phone_number`, `first_name`, `user_id`).
    pub contact: Option<(String, String, Option<i64>)>,
    /// Location shared (latitude, longitude).
    pub location: Option<(f64, f64)>,
    /// The channel a forwarded post came from.
    pub forward_from_chat: Option<i64>,
    /// For service messages: the service fields (e.g. `new_chat_members`,
    /// `migrate_to_chat_id`) as JSON.
    pub service: Option<Value>,
}

impl SimMessage {
    /// Text, or caption, or `""`.
    pub fn body(&self) -> &str {
        self.text
            .as_deref()
            .or(self.caption.as_deref())
            .unwrap_or("")
    }

    /// Inline keyboard rows as `(text, callback_data or url)` pairs (other
    /// button kinds give their own value or `""`). Empty without inline
    /// keyboard.
    pub fn inline_buttons(&self) -> Vec<Vec<(String, String)>> {
        let Some(rows) = self
            .reply_markup
            .as_ref()
            .and_then(|m| m.get("inline_keyboard"))
            .and_then(Value::as_array)
        else {
            return Vec::new();
        };
        rows.iter()
            .map(|row| {
                row.as_array()
                    .map(|r| {
                        r.iter()
                            .map(|b| {
                                let text = b["text"].as_str().unwrap_or("").to_owned();
                                let val = ["callback_data", "url", "switch_inline_query"]
                                    .iter()
                                    .find_map(|k| b.get(*k).and_then(Value::as_str))
                                    .or_else(|| b.get("copy_text").and_then(|c| c["text"].as_str()))
                                    .or_else(|| b.get("web_app").and_then(|c| c["url"].as_str()))
                                    .unwrap_or("")
                                    .to_owned();
                                (text, val)
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .collect()
    }

    /// Labels of all inline buttons in order; if there is no inline keyboard,
    /// the labels of the reply keyboard.
    pub fn button_texts(&self) -> Vec<String> {
        let inline: Vec<String> = self
            .inline_buttons()
            .into_iter()
            .flatten()
            .map(|(t, _)| t)
            .collect();
        if !inline.is_empty() {
            return inline;
        }
        self.reply_keyboard()
            .map(|rows| rows.into_iter().flatten().map(|b| b.text).collect())
            .unwrap_or_default()
    }

    /// The reply keyboard this message shows, if it carries one.
    pub fn reply_keyboard(&self) -> Option<Vec<Vec<KeyButton>>> {
        let rows = self.reply_markup.as_ref()?.get("keyboard")?.as_array()?;
        Some(rows.iter().map(parse_key_row).collect())
    }

    /// Whether this message removes the reply keyboard.
    pub fn removes_keyboard(&self) -> bool {
        self.reply_markup
            .as_ref()
            .and_then(|m| m.get("remove_keyboard"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// Whether the message has an inline keyboard.
    pub fn has_inline_keyboard(&self) -> bool {
        !self.inline_buttons().is_empty()
    }
}

pub(crate) fn parse_key_row(row: &Value) -> Vec<KeyButton> {
    row.as_array()
        .map(|r| {
            r.iter()
                .map(|b| match b {
                    Value::String(s) => KeyButton {
                        text: s.clone(),
                        request_contact: false,
                        request_location: false,
                    },
                    other => KeyButton {
                        text: other["text"].as_str().unwrap_or("").to_owned(),
                        request_contact: other["request_contact"].as_bool().unwrap_or(false),
                        request_location: other["request_location"].as_bool().unwrap_or(false),
                    },
                })
                .collect()
        })
        .unwrap_or_default()
}

/// How the bot answered a callback query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallbackAnswer {
    /// The callback query id.
    pub query_id: String,
    /// Notification text, if any.
    pub text: Option<String>,
    /// Shown as an alert instead of a toast.
    pub show_alert: bool,
    /// URL to open, if any.
    pub url: Option<String>,
    /// When the answer arrived.
    pub at: std::time::Instant,
}

/// A command list set with `setMyCommands` for one scope and language.
#[derive(Debug, Clone, PartialEq)]
pub struct CommandSet {
    /// The `BotCommandScope` JSON (`{"type":"default"}` when omitted).
    pub scope: Value,
    /// The language code, if any.
    pub language_code: Option<String>,
    /// `(command, description)` pairs, in order.
    pub commands: Vec<(String, String)>,
}

/// One Bot API call the bot made.
#[derive(Debug, Clone)]
pub struct CallRecord {
    /// When the request arrived.
    pub at: Instant,
    /// Method name, lowercase (e.g. `sendmessage`).
    pub method: String,
    /// The `chat_id` parameter, when numeric.
    pub chat_id: Option<i64>,
    /// Whether the call succeeded.
    pub ok: bool,
    /// The `error_code` on failure.
    pub error_code: Option<i64>,
    /// The error `description` on failure.
    pub description: Option<String>,
    /// How long the server took to answer (including long polling and
    /// injected slowness).
    pub duration: Duration,
}

/// Flood limits to enforce (see [`Sim::enforce_limits`](crate::Sim::enforce_limits)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Counted calls per second across all chats.
    pub global_per_second: u32,
    /// Counted calls per second into one chat.
    pub per_chat_per_second: u32,
    /// Counted calls per minute into one group (chat id < 0).
    pub group_per_minute: u32,
}

impl Default for Limits {
    /// The Bot FAQ figures: 30/s overall, 1/s per chat, 20/min per group.
    fn default() -> Self {
        Self {
            global_per_second: 30,
            per_chat_per_second: 1,
            group_per_minute: 20,
        }
    }
}

/// A fault to inject into Bot API answers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fault {
    /// `403 Forbidden: bot was blocked by the user`.
    Blocked,
    /// `403 Forbidden: user is deactivated`.
    Deactivated,
    /// `400 Bad Request: chat not found`.
    ChatNotFound,
    /// An HTTP 5xx with the given status (teloxide sleeps 10 s on these).
    ServerError(u16),
    /// Answer normally, but only after this delay.
    Slow(Duration),
    /// `400 Bad Request: group chat was upgraded to a supergroup chat` with
    /// `parameters.migrate_to_chat_id`.
    Migrated(i64),
    /// `429 Too Many Requests: retry after N` with `parameters.retry_after`.
    TooManyRequests(u32),
}

/// Errors of the test API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SimError {
    /// No live bot message in the chat has an inline button containing the
    /// text.
    NoSuchButton {
        /// The chat searched.
        chat_id: i64,
        /// The text searched for.
        text: String,
    },
    /// The matching button is not a callback button (e.g. a URL button).
    NotACallbackButton {
        /// The button's label.
        text: String,
    },
}

impl fmt::Display for SimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SimError::NoSuchButton { chat_id, text } => write!(
                f,
                "no bot message in chat {chat_id} has an inline button containing {text:?}"
            ),
            SimError::NotACallbackButton { text } => {
                write!(f, "button {text:?} is not a callback button")
            }
        }
    }
}

impl std::error::Error for SimError {}
