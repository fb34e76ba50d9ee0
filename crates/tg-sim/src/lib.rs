//! # tg-sim — a fake Telegram Bot API server for tests
//!
//! [`Sim::start`] binds an HTTP server on `127.0.0.1` (random port) that
//! speaks the Bot API the way the real server does — strict result shapes
//! teloxide 0.17 accepts, exact error descriptions, long polling with
//! `offset`/`allowed_updates`/409 conflicts, group privacy mode, flood
//! limits and injectable faults. Tests drive the "people" side through the
//! Rust API on [`Sim`] (a cheap `Clone` handle) and read back what the bot
//! did with [`Sim::transcript`], [`Sim::calls`] and friends.
//!
//! ```
//! use std::time::Duration;
//! use tg_sim::{Sim, SimConfig, SimUser};
//! use teloxide::prelude::*;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> std::io::Result<()> {
//! let sim = Sim::start(SimConfig::default()).await?;
//! let bot = Bot::new(sim.token()).set_api_url(sim.api_url().parse().unwrap());
//!
//! sim.add_user(SimUser::new(1001, "王芳").lang("zh-hans"));
//! sim.send_text(1001, 1001, "/start"); // the user presses Start
//!
//! // The bot (normally a teloxide dispatcher) polls and answers.
//! let updates = bot.get_updates().await.unwrap();
//! assert_eq!(updates.len(), 1);
//! bot.send_message(ChatId(1001), "<b>欢迎</b>")
//!     .parse_mode(teloxide::types::ParseMode::Html)
//!     .await
//!     .unwrap();
//!
//! let reply = sim.wait_for_bot_message(1001, 0, Duration::from_secs(1)).await.unwrap();
//! assert_eq!(reply.body(), "欢迎");
//! sim.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! Notable real-server behaviours reproduced here:
//! - a private chat can only be messaged after the user wrote to the bot
//!   (`Forbidden: bot can't initiate conversation with a user`);
//! - `editMessageText` without `reply_markup` removes the inline keyboard;
//! - `parse_mode` is applied: stored text has tags/escapes removed and
//!   entities computed; malformed markup fails with `can't parse entities`;
//! - only inline keyboards are echoed in returned `Message`s;
//! - a user blocking/unblocking the bot and the bot being added, promoted or
//!   removed produce `my_chat_member` updates; adding the bot to a group also
//!   posts a `new_chat_members` service message.

#![warn(missing_docs)]

mod markup;
mod methods;
mod server;
mod state;
mod types;
mod util;
mod webhook;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::{oneshot, watch};
use tokio::task::JoinHandle;

pub use types::{
    CallRecord, CallbackAnswer, CommandSet, Fault, KeyButton, Limits, SimConfig, SimError,
    SimMessage, SimMessageKind, SimUser,
};

use state::{
    BotStatus, Chat, ChatType, FaultRec, GROUP_ANONYMOUS_BOT_ID, Msg, RateFault, State, UserRec,
    command_entity,
};
use util::{XorShift, guess_mime, utf16_len};

pub(crate) struct Inner {
    pub(crate) cfg: SimConfig,
    addr: SocketAddr,
    state: Mutex<State>,
    version: watch::Sender<u64>,
    shutdown_tx: Mutex<Option<oneshot::Sender<()>>>,
    task: Mutex<Option<JoinHandle<()>>>,
}

/// A running simulated Bot API server plus its test-side controls.
///
/// Cloning is cheap (an `Arc`); all clones control the same server.
#[derive(Clone)]
pub struct Sim {
    pub(crate) inner: Arc<Inner>,
}

impl std::fmt::Debug for Sim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sim")
            .field("addr", &self.inner.addr)
            .finish_non_exhaustive()
    }
}

fn lock_mutex<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Sim {
    // ================================================================ lifecycle

    /// Binds `127.0.0.1:0` and serves the Bot API on a spawned task.
    pub async fn start(cfg: SimConfig) -> std::io::Result<Sim> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let (version, _) = watch::channel(0u64);
        let (tx, rx) = oneshot::channel::<()>();
        let sim = Sim {
            inner: Arc::new(Inner {
                state: Mutex::new(State::new(cfg.clone())),
                cfg,
                addr,
                version,
                shutdown_tx: Mutex::new(Some(tx)),
                task: Mutex::new(None),
            }),
        };
        let app = server::router(sim.clone());
        let task = tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
                let _ = rx.await;
            });
            if let Err(e) = serve.await {
                tracing::error!(error = %e, "tg-sim server stopped");
            }
        });
        *lock_mutex(&sim.inner.task) = Some(task);
        tokio::spawn(webhook::push(sim.clone()));
        Ok(sim)
    }

    /// Stops the server: pending long polls return empty, then the listener
    /// closes. The recorded state stays readable.
    pub async fn shutdown(&self) {
        self.lock().shutting_down = true;
        self.bump();
        if let Some(tx) = lock_mutex(&self.inner.shutdown_tx).take() {
            let _ = tx.send(());
        }
        let task = lock_mutex(&self.inner.task).take();
        if let Some(mut task) = task
            && tokio::time::timeout(Duration::from_secs(3), &mut task)
                .await
                .is_err()
        {
            task.abort();
        }
    }

    /// Base URL for teloxide's `Bot::set_api_url`, e.g. `http://127.0.0.1:41234`.
    pub fn api_url(&self) -> String {
        format!("http://{}", self.inner.addr)
    }

    /// The accepted bot token.
    pub fn token(&self) -> String {
        self.inner.cfg.token.clone()
    }

    /// The bot's username (without `@`).
    pub fn bot_username(&self) -> String {
        self.inner.cfg.bot_username.clone()
    }

    /// The bot's user id.
    pub fn bot_id(&self) -> i64 {
        self.inner.cfg.bot_id
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        lock_mutex(&self.inner.state)
    }

    /// Signals "something changed" to long polls and waiters.
    pub(crate) fn bump(&self) {
        self.inner.version.send_modify(|v| *v = v.wrapping_add(1));
    }

    pub(crate) fn subscribe(&self) -> watch::Receiver<u64> {
        self.inner.version.subscribe()
    }

    fn mutate<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        let out = f(&mut self.lock());
        self.bump();
        out
    }

    // ================================================================ users

    /// Registers (or replaces) a user. Unknown senders used in the acting
    /// methods are auto-created as `User{id}`.
    pub fn add_user(&self, u: SimUser) {
        self.mutate(|st| {
            let id = u.id;
            match st.users.get_mut(&id) {
                Some(rec) => {
                    let started = rec.user.started || u.started;
                    rec.user = u;
                    rec.user.started = started;
                }
                None => {
                    st.users.insert(
                        id,
                        UserRec {
                            user: u,
                            blocked: false,
                            deactivated: false,
                        },
                    );
                }
            }
            st.ensure_private_chat(id);
        });
    }

    /// The registered user, if any.
    pub fn user(&self, id: i64) -> Option<SimUser> {
        self.lock().users.get(&id).map(|u| u.user.clone())
    }

    /// The user blocks the bot: later sends fail with `Forbidden: bot was
    /// blocked by the user`, and a `my_chat_member` update (member → kicked)
    /// is queued.
    pub fn user_blocks_bot(&self, user_id: i64) {
        self.mutate(|st| {
            st.ensure_user(user_id);
            st.ensure_private_chat(user_id);
            let u = st.users.get_mut(&user_id).expect("user exists");
            if !u.blocked {
                u.blocked = true;
                st.chat_member_update(user_id, user_id, "member", "kicked");
            }
        });
    }

    /// The user unblocks (restarts) the bot: a `my_chat_member` update
    /// (kicked → member) is queued. Sending any private message as a blocked
    /// user does this implicitly.
    pub fn user_unblocks_bot(&self, user_id: i64) {
        self.mutate(|st| unblock(st, user_id));
    }

    /// The user's account is deleted: sends fail with `Forbidden: user is
    /// deactivated`.
    pub fn deactivate_user(&self, user_id: i64) {
        self.mutate(|st| st.ensure_user(user_id).deactivated = true);
    }

    // ================================================================ acting as people

    fn user_msg(
        &self,
        from: i64,
        chat_id: i64,
        kind: SimMessageKind,
        fill: impl FnOnce(&mut State, &mut Msg),
    ) -> i32 {
        self.mutate(|st| {
            prepare_user_chat(st, from, chat_id);
            let mut m = st.blank_msg(Some(from), false, kind);
            fill(st, &mut m);
            let id = st.push_msg(chat_id, m);
            st.deliver(chat_id, id, "message");
            id
        })
    }

    /// A user sends text to a chat (private chat id == user id). A leading
    /// `/command` gets a `bot_command` entity. Returns the message id.
    pub fn send_text(&self, from: i64, chat_id: i64, text: &str) -> i32 {
        self.user_msg(from, chat_id, SimMessageKind::Text, |_, m| {
            set_user_text(m, text)
        })
    }

    /// Queues an update of any kind with this payload, even one outside `allowed_updates`
    /// (which Telegram would drop): for tests of odd and hostile input. Returns its id.
    pub fn inject_update(&self, kind: &str, payload: Value) -> u32 {
        self.mutate(|st| {
            let allowed = st.allowed.replace(vec![kind.to_owned()]);
            let id = st.push_update(kind, payload);
            st.allowed = allowed;
            id.expect("every kind is allowed while injecting")
        })
    }

    /// A user replies to message `reply_to` of the same chat.
    pub fn reply_text(&self, from: i64, chat_id: i64, reply_to: i32, text: &str) -> i32 {
        self.user_msg(from, chat_id, SimMessageKind::Text, |_, m| {
            set_user_text(m, text);
            m.view.reply_to = Some(reply_to);
        })
    }

    /// A user edits their own text message; queues an `edited_message`
    /// update (subject to privacy mode in groups).
    pub fn edit_text(&self, from: i64, chat_id: i64, message_id: i32, text: &str) {
        self.mutate(|st| {
            let Some(m) = st
                .chats
                .get_mut(&chat_id)
                .and_then(|c| c.msg_mut(message_id))
            else {
                panic!("tg-sim: no message {message_id} in chat {chat_id}");
            };
            assert_eq!(
                m.view.from,
                Some(from),
                "tg-sim: users can only edit their own messages"
            );
            set_user_text(m, text);
            m.view.edit_count += 1;
            m.edit_date = Some(util::unix_now());
            st.deliver(chat_id, message_id, "edited_message");
        });
    }

    /// A user shares a contact (e.g. via a `request_contact` button; pass
    /// `contact_user_id = Some(from)` for their own number).
    pub fn send_contact(
        &self,
        from: i64,
        chat_id: i64,
        phone: &str,
        first_name: &str,
        contact_user_id: Option<i64>,
    ) -> i32 {
        self.user_msg(from, chat_id, SimMessageKind::Contact, |_, m| {
            let mut c = json!({ "phone_number": phone, "first_name": first_name });
            if let Some(u) = contact_user_id {
                c["user_id"] = json!(u);
            }
            m.content.insert("contact".into(), c);
            m.view.contact = Some((phone.to_owned(), first_name.to_owned(), contact_user_id));
        })
    }

    /// A user sends a document; the bot can `getFile` and download it.
    pub fn send_document(
        &self,
        from: i64,
        chat_id: i64,
        file_name: &str,
        mime_type: &str,
        bytes: Vec<u8>,
        caption: Option<&str>,
    ) -> i32 {
        self.user_msg(from, chat_id, SimMessageKind::Document, |st, m| {
            let mime = if mime_type.is_empty() {
                guess_mime(file_name)
            } else {
                mime_type
            };
            let id = st.store_file(
                "document",
                bytes,
                Some(file_name.to_owned()),
                Some(mime.to_owned()),
            );
            methods::attach_media(st, m, "document", &id, 0);
            m.view.caption = caption.map(str::to_owned);
        })
    }

    /// A user sends a photo (any bytes; PNG dimensions are read if present).
    pub fn send_photo(
        &self,
        from: i64,
        chat_id: i64,
        bytes: Vec<u8>,
        caption: Option<&str>,
    ) -> i32 {
        self.user_msg(from, chat_id, SimMessageKind::Photo, |st, m| {
            let id = st.store_file("photo", bytes, None, Some("image/jpeg".to_owned()));
            methods::attach_media(st, m, "photo", &id, 0);
            m.view.caption = caption.map(str::to_owned);
        })
    }

    /// A user sends a voice note (`audio/ogg`).
    pub fn send_voice(&self, from: i64, chat_id: i64, bytes: Vec<u8>, duration_secs: u32) -> i32 {
        self.user_msg(from, chat_id, SimMessageKind::Voice, |st, m| {
            let id = st.store_file("voice", bytes, None, Some("audio/ogg".to_owned()));
            methods::attach_media(st, m, "voice", &id, i64::from(duration_secs));
        })
    }

    /// A user sends a video (`video/mp4`) or an audio file (`audio/mpeg`): `kind` is
    /// `"video"` or `"audio"`.
    pub fn send_clip(
        &self,
        from: i64,
        chat_id: i64,
        kind: &str,
        bytes: Vec<u8>,
        caption: Option<&str>,
    ) -> i32 {
        let (sim_kind, mime) = if kind == "video" {
            (SimMessageKind::Video, "video/mp4")
        } else {
            (SimMessageKind::Audio, "audio/mpeg")
        };
        let kind = if kind == "video" { "video" } else { "audio" };
        self.user_msg(from, chat_id, sim_kind, |st, m| {
            let id = st.store_file(kind, bytes, None, Some(mime.to_owned()));
            methods::attach_media(st, m, kind, &id, 30);
            m.view.caption = caption.map(str::to_owned);
        })
    }

    /// A user shares a location.
    pub fn send_location(&self, from: i64, chat_id: i64, lat: f64, lon: f64) -> i32 {
        self.user_msg(from, chat_id, SimMessageKind::Location, |_, m| {
            m.content.insert(
                "location".into(),
                json!({ "latitude": lat, "longitude": lon }),
            );
            m.view.location = Some((lat, lon));
        })
    }

    /// A user forwards a channel post (`forward_origin` of type `channel`)
    /// with the given text. `forward_from_chat` is `(channel id, title)`.
    pub fn forward_text(
        &self,
        from: i64,
        chat_id: i64,
        text: &str,
        forward_from_chat: (i64, &str),
    ) -> i32 {
        let (cid, title) = forward_from_chat;
        self.user_msg(from, chat_id, SimMessageKind::Text, |_, m| {
            set_user_text(m, text);
            m.content.insert(
                "forward_origin".into(),
                json!({
                    "type": "channel",
                    "chat": { "id": cid, "type": "channel", "title": title },
                    "message_id": 1,
                    "date": util::unix_now(),
                }),
            );
            m.view.forward_from_chat = Some(cid);
        })
    }

    /// A user presses an inline button with `callback_data` on message
    /// `message_id`. Queues a `callback_query` carrying the message's current
    /// content; returns the query id.
    pub fn press_button(
        &self,
        from: i64,
        chat_id: i64,
        message_id: i32,
        callback_data: &str,
    ) -> String {
        self.mutate(|st| {
            st.ensure_user(from);
            let n = st.next_callback;
            st.next_callback += 1;
            let qid = format!("{}", 4_200_000_000_000_000_000u64 + n * 7_919);
            st.callbacks.insert(qid.clone(), false);
            let mut payload = json!({
                "id": qid,
                "from": st.user_json(from),
                "chat_instance": format!("{}", (chat_id as i128 * 2_654_435_761i128).unsigned_abs() % 1_000_000_000_000_000_000),
                "data": callback_data,
            });
            if let Some(chat) = st.chats.get(&chat_id) {
                payload["message"] = match chat.msg(message_id).filter(|m| !m.view.deleted) {
                    Some(m) => st.render(chat, m, true),
                    // An inaccessible message: date 0.
                    None => json!({ "message_id": message_id, "chat": st.chat_json(chat), "date": 0 }),
                };
            }
            st.push_update("callback_query", payload);
            qid
        })
    }

    /// Finds the newest live bot message in the chat with an inline button
    /// whose text contains `button_text_contains`, and presses it.
    pub fn press(
        &self,
        from: i64,
        chat_id: i64,
        button_text_contains: &str,
    ) -> Result<String, SimError> {
        let found = {
            let st = self.lock();
            st.chats.get(&chat_id).and_then(|c| {
                c.messages
                    .iter()
                    .rev()
                    .filter(|m| m.view.from_bot && !m.view.deleted)
                    .find_map(|m| {
                        find_button(&m.view, button_text_contains).map(|b| (m.view.message_id, b))
                    })
            })
        };
        self.press_found(from, chat_id, button_text_contains, found)
    }

    /// Like [`Sim::press`] but on a specific message.
    pub fn press_on(
        &self,
        from: i64,
        chat_id: i64,
        message_id: i32,
        button_text_contains: &str,
    ) -> Result<String, SimError> {
        let found = {
            let st = self.lock();
            st.chats
                .get(&chat_id)
                .and_then(|c| c.msg(message_id))
                .filter(|m| !m.view.deleted)
                .and_then(|m| find_button(&m.view, button_text_contains).map(|b| (message_id, b)))
        };
        self.press_found(from, chat_id, button_text_contains, found)
    }

    fn press_found(
        &self,
        from: i64,
        chat_id: i64,
        text: &str,
        found: Option<(i32, (String, Option<String>))>,
    ) -> Result<String, SimError> {
        match found {
            Some((mid, (_, Some(data)))) => Ok(self.press_button(from, chat_id, mid, &data)),
            Some((_, (label, None))) => Err(SimError::NotACallbackButton { text: label }),
            None => Err(SimError::NoSuchButton {
                chat_id,
                text: text.to_owned(),
            }),
        }
    }

    // ================================================================ groups

    /// Creates a basic group (negative id). The bot is not a member until
    /// [`Sim::add_bot_to_group`].
    pub fn create_group(&self, chat_id: i64, title: &str) {
        assert!(chat_id < 0, "tg-sim: group ids are negative");
        self.mutate(|st| {
            st.chats
                .entry(chat_id)
                .or_insert_with(|| Chat::new(chat_id, ChatType::Group, title));
        });
    }

    /// Creates a supergroup (id like `-100…`). The bot is not a member until
    /// [`Sim::add_bot_to_group`].
    pub fn create_supergroup(&self, chat_id: i64, title: &str) {
        assert!(chat_id < 0, "tg-sim: group ids are negative");
        self.mutate(|st| {
            st.chats
                .entry(chat_id)
                .or_insert_with(|| Chat::new(chat_id, ChatType::Supergroup, title));
        });
    }

    /// User `by` adds the bot: a `my_chat_member` update (left → member,
    /// from = `by`) and a `new_chat_members` service message.
    pub fn add_bot_to_group(&self, by: i64, chat_id: i64) {
        self.mutate(|st| {
            st.ensure_user(by);
            let chat = group_mut(st, chat_id);
            chat.members.insert(by);
            let was = chat.bot_status;
            chat.bot_status = BotStatus::Member;
            chat.bot_admin = false;
            chat.added_by = Some(by);
            let old = if was == BotStatus::Kicked {
                "kicked"
            } else {
                "left"
            };
            st.chat_member_update(chat_id, by, old, "member");
            let bot = st.bot_json();
            service_msg(st, chat_id, by, json!({ "new_chat_members": [bot] }));
        });
    }

    /// User `by` removes the bot: `my_chat_member` (member → kicked,
    /// `until_date` 0). Later bot calls fail with `Forbidden: bot was kicked
    /// from the group chat`.
    pub fn remove_bot_from_group(&self, by: i64, chat_id: i64) {
        self.mutate(|st| {
            st.ensure_user(by);
            let chat = group_mut(st, chat_id);
            let old = match (chat.bot_status, chat.bot_admin) {
                (BotStatus::Member, true) => "administrator",
                (BotStatus::Member, false) => "member",
                _ => "left",
            };
            st.chat_member_update(chat_id, by, old, "kicked");
            let chat = group_mut(st, chat_id);
            chat.bot_status = BotStatus::Kicked;
            chat.bot_admin = false;
        });
    }

    /// Promotes/demotes the bot in a group (admins see every message). Emits
    /// `my_chat_member` when the bot is a member and the status changes.
    pub fn set_bot_admin(&self, chat_id: i64, admin: bool) {
        self.mutate(|st| {
            let chat = group_mut(st, chat_id);
            let changed = chat.bot_admin != admin && chat.bot_status == BotStatus::Member;
            chat.bot_admin = admin;
            let by = chat
                .added_by
                .or_else(|| chat.members.iter().next().copied());
            if changed && let Some(by) = by {
                let (old, new) = if admin {
                    ("member", "administrator")
                } else {
                    ("administrator", "member")
                };
                st.chat_member_update(chat_id, by, old, new);
            }
        });
    }

    /// Turns the bot's privacy mode on/off (default on), for all groups
    /// without a per-group override.
    pub fn set_privacy_mode(&self, on: bool) {
        self.mutate(|st| st.privacy_mode = on);
    }

    /// Per-group privacy override (`None` = follow [`Sim::set_privacy_mode`]).
    pub fn set_group_privacy_mode(&self, chat_id: i64, on: Option<bool>) {
        self.mutate(|st| group_mut(st, chat_id).privacy = on);
    }

    /// A user joins a group (`new_chat_members` service message).
    pub fn add_member(&self, chat_id: i64, user_id: i64) {
        self.mutate(|st| {
            st.ensure_user(user_id);
            group_mut(st, chat_id).members.insert(user_id);
            let u = st.user_json(user_id);
            service_msg(st, chat_id, user_id, json!({ "new_chat_members": [u] }));
        });
    }

    /// A user leaves a group (`left_chat_member` service message).
    pub fn remove_member(&self, chat_id: i64, user_id: i64) {
        self.mutate(|st| {
            st.ensure_user(user_id);
            let chat = group_mut(st, chat_id);
            chat.members.remove(&user_id);
            chat.admins.remove(&user_id);
            let u = st.user_json(user_id);
            service_msg(st, chat_id, user_id, json!({ "left_chat_member": u }));
        });
    }

    /// Makes a user a group administrator (as seen by `getChatMember`).
    pub fn set_member_admin(&self, chat_id: i64, user_id: i64, admin: bool) {
        self.mutate(|st| {
            st.ensure_user(user_id);
            let chat = group_mut(st, chat_id);
            chat.members.insert(user_id);
            if admin {
                chat.admins.insert(user_id);
            } else {
                chat.admins.remove(&user_id);
            }
        });
    }

    /// Upgrades a basic group to a supergroup, like Telegram: a service
    /// message with `migrate_to_chat_id` in the old chat, then one with
    /// `migrate_from_chat_id` (from the anonymous "Group" bot) in the new
    /// supergroup. Afterwards bot calls to the old id fail with `group chat
    /// was upgraded to a supergroup chat` + `migrate_to_chat_id`.
    pub fn migrate_group(&self, chat_id: i64, new_chat_id: i64) {
        assert!(new_chat_id < 0, "tg-sim: supergroup ids are negative");
        self.mutate(|st| {
            let old = group_mut(st, chat_id);
            assert_eq!(old.ty, ChatType::Group, "tg-sim: only basic groups migrate");
            let mut new = Chat::new(new_chat_id, ChatType::Supergroup, &old.title);
            new.members = old.members.clone();
            new.admins = old.admins.clone();
            new.bot_status = old.bot_status;
            new.bot_admin = old.bot_admin;
            new.added_by = old.added_by;
            new.privacy = old.privacy;
            let by = old
                .added_by
                .or_else(|| old.members.iter().next().copied())
                .unwrap_or(GROUP_ANONYMOUS_BOT_ID);
            st.chats.insert(new_chat_id, new);
            service_msg(
                st,
                chat_id,
                by,
                json!({ "migrate_to_chat_id": new_chat_id }),
            );
            group_mut(st, chat_id).migrated_to = Some(new_chat_id);
            let sender_chat = st.chat_json(&st.chats[&new_chat_id]);
            let mut m = st.blank_msg(Some(GROUP_ANONYMOUS_BOT_ID), false, SimMessageKind::Service);
            m.content
                .insert("migrate_from_chat_id".into(), json!(chat_id));
            m.view.service = Some(json!({ "migrate_from_chat_id": chat_id }));
            m.sender_chat = Some(sender_chat);
            let id = st.push_msg(new_chat_id, m);
            st.deliver(new_chat_id, id, "message");
        });
    }

    // ================================================================ reading

    /// Every message of the chat, both directions, current content, in
    /// order; deleted ones are kept and flagged.
    pub fn transcript(&self, chat_id: i64) -> Vec<SimMessage> {
        self.lock()
            .chats
            .get(&chat_id)
            .map(|c| c.messages.iter().map(|m| m.view.clone()).collect())
            .unwrap_or_default()
    }

    /// The bot's messages in the chat, in order (deleted ones included and
    /// flagged, so indices stay stable).
    pub fn bot_messages(&self, chat_id: i64) -> Vec<SimMessage> {
        self.transcript(chat_id)
            .into_iter()
            .filter(|m| m.from_bot)
            .collect()
    }

    /// The bot's newest non-deleted message in the chat.
    pub fn last_bot_message(&self, chat_id: i64) -> Option<SimMessage> {
        self.bot_messages(chat_id)
            .into_iter()
            .rev()
            .find(|m| !m.deleted)
    }

    /// One message by id.
    pub fn message(&self, chat_id: i64, message_id: i32) -> Option<SimMessage> {
        let st = self.lock();
        st.chats
            .get(&chat_id)?
            .msg(message_id)
            .map(|m| m.view.clone())
    }

    /// The message as the Bot API would render it now (JSON).
    pub fn message_json(&self, chat_id: i64, message_id: i32) -> Option<Value> {
        self.lock().render_id(chat_id, message_id)
    }

    /// The reply keyboard currently shown in a chat (set by the bot's last
    /// `keyboard` markup, cleared by `remove_keyboard` or after use of a
    /// one-time keyboard).
    pub fn reply_keyboard(&self, chat_id: i64) -> Option<Vec<Vec<KeyButton>>> {
        let st = self.lock();
        let kb = st.chats.get(&chat_id)?.reply_keyboard.as_ref()?;
        Some(
            kb.get("keyboard")?
                .as_array()?
                .iter()
                .map(types::parse_key_row)
                .collect(),
        )
    }

    /// All callback query answers, in order.
    pub fn callback_answers(&self) -> Vec<CallbackAnswer> {
        self.lock().answers.clone()
    }

    /// The answer to one callback query, if the bot answered it.
    pub fn answer_for(&self, query_id: &str) -> Option<CallbackAnswer> {
        self.lock()
            .answers
            .iter()
            .find(|a| a.query_id == query_id)
            .cloned()
    }

    /// Command lists set via `setMyCommands`, per scope and language.
    pub fn my_commands(&self) -> Vec<CommandSet> {
        self.lock().commands.clone()
    }

    /// Log of every Bot API call (including failed and `getUpdates` ones).
    pub fn calls(&self) -> Vec<CallRecord> {
        self.lock().calls.clone()
    }

    /// Calls of one method (lowercase name, e.g. `"sendmessage"`).
    pub fn calls_of(&self, method: &str) -> Vec<CallRecord> {
        let m = method.to_ascii_lowercase();
        self.lock()
            .calls
            .iter()
            .filter(|c| c.method == m)
            .cloned()
            .collect()
    }

    /// Updates created and not yet handed out by `getUpdates`.
    pub fn pending_updates(&self) -> usize {
        self.lock().updates.iter().filter(|u| !u.delivered).count()
    }

    /// Sends webhook requests to these addresses (plain HTTP, in turn, skipping one that fails)
    /// instead of the webhook URL's host: a load balancer in front of several bot processes.
    pub fn set_webhook_backends(&self, backends: Vec<SocketAddr>) {
        self.mutate(|st| st.webhook_backends = backends);
    }

    /// The webhook URL set by the bot (empty: none, the bot polls).
    pub fn webhook_url(&self) -> String {
        self.lock().webhook_url.clone()
    }

    /// Webhook requests made so far, and how many of them a backend refused or failed.
    pub fn webhook_posts(&self) -> (u64, u64) {
        let st = self.lock();
        (st.webhook_posts, st.webhook_failures)
    }

    /// Distinct updates handed to the bot so far.
    pub fn delivered_updates(&self) -> u64 {
        self.lock().delivered
    }

    /// The ids of the updates handed to the bot so far, in the order they were handed out.
    pub fn delivered_update_ids(&self) -> Vec<i64> {
        self.lock().delivered_ids.clone()
    }

    /// The `allowed_updates` in force (`None` = Telegram's default set).
    pub fn allowed_updates(&self) -> Option<Vec<String>> {
        self.lock().allowed.clone()
    }

    /// Bytes of any stored file (sent by the bot or by users).
    pub fn download(&self, file_id: &str) -> Option<Vec<u8>> {
        self.lock()
            .files
            .get(file_id)
            .map(|f| f.bytes.as_ref().clone())
    }

    /// Waits until the bot has sent more than `after_count` messages to the
    /// chat and returns the one at index `after_count` (see
    /// [`Sim::bot_messages`]); `None` on timeout.
    pub async fn wait_for_bot_message(
        &self,
        chat_id: i64,
        after_count: usize,
        timeout: Duration,
    ) -> Option<SimMessage> {
        self.wait_for(timeout, |s| {
            s.bot_messages(chat_id).into_iter().nth(after_count)
        })
        .await
    }

    /// Re-evaluates `f` whenever the simulator's state changes until it
    /// returns `Some`, or the timeout passes (then `f`'s last result).
    pub async fn wait_for<T>(
        &self,
        timeout: Duration,
        mut f: impl FnMut(&Sim) -> Option<T>,
    ) -> Option<T> {
        let mut rx = self.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            rx.borrow_and_update();
            if let Some(v) = f(self) {
                return Some(v);
            }
            match tokio::time::timeout_at(deadline, rx.changed()).await {
                Ok(Ok(())) => {}
                _ => return f(self),
            }
        }
    }

    /// Waits until `f` holds (re-checked on every state change); returns
    /// whether it did before the timeout.
    pub async fn wait_until(&self, timeout: Duration, mut f: impl FnMut(&Sim) -> bool) -> bool {
        self.wait_for(timeout, |s| f(s).then_some(()))
            .await
            .is_some()
    }

    // ================================================================ limits and faults

    /// Enforces flood limits (`None` = off, the default). Counted: `send*`
    /// (not `sendChatAction`), `copyMessage`, `forwardMessage`, `edit*`.
    /// A call over a limit gets `429 Too Many Requests: retry after N` and
    /// increments [`Sim::limit_violations`].
    pub fn enforce_limits(&self, limits: Option<Limits>) {
        self.mutate(|st| {
            st.limits = limits;
            st.windows = Default::default();
        });
    }

    /// How many calls were refused by [`Sim::enforce_limits`].
    pub fn limit_violations(&self) -> u64 {
        self.lock().limit_violations
    }

    /// Injects a fault for calls whose `chat_id` parameter is `chat_id` (any
    /// method: send, edit, delete, getChat, sendChatAction, …; never
    /// `getUpdates`), for the next `times` such calls (`None` = until
    /// [`Sim::clear_faults`]). `Slow` delays and then answers normally;
    /// several faults on one chat apply together (all delays, then the first
    /// error).
    pub fn inject(&self, chat_id: i64, fault: Fault, times: Option<u32>) {
        if times == Some(0) {
            return;
        }
        self.mutate(|st| {
            st.faults.push(FaultRec {
                chat_id,
                fault,
                remaining: times,
            })
        });
    }

    /// Random faults on send methods (`send*`, `copyMessage`,
    /// `forwardMessage`) with the given probability, deterministic for a seed.
    pub fn inject_rate(&self, fault: Fault, probability: f64, seed: u64) {
        self.mutate(|st| {
            st.rate_faults.push(RateFault {
                fault,
                probability,
                rng: XorShift::new(seed),
            })
        });
    }

    /// Removes all injected faults.
    pub fn clear_faults(&self) {
        self.mutate(|st| {
            st.faults.clear();
            st.rate_faults.clear();
        });
    }
}

// -------------------------------------------------------------------- helpers

fn set_user_text(m: &mut Msg, text: &str) {
    m.view.text = Some(text.to_owned());
    m.view.entities = match command_entity(text) {
        Some((len, _)) => vec![json!({ "type": "bot_command", "offset": 0, "length": len })],
        None => Vec::new(),
    };
    debug_assert!(
        m.view
            .entities
            .iter()
            .all(|e| e["length"].as_u64().unwrap_or(0) as usize <= utf16_len(text))
    );
}

fn unblock(st: &mut State, user_id: i64) {
    st.ensure_user(user_id);
    st.ensure_private_chat(user_id);
    let u = st.users.get_mut(&user_id).expect("user exists");
    u.user.started = true;
    if u.blocked {
        u.blocked = false;
        st.chat_member_update(user_id, user_id, "kicked", "member");
    }
}

fn prepare_user_chat(st: &mut State, from: i64, chat_id: i64) {
    let u = st.ensure_user(from);
    assert!(
        !u.deactivated,
        "tg-sim: user {from} is deactivated and can't send messages"
    );
    if chat_id > 0 {
        assert_eq!(
            chat_id, from,
            "tg-sim: a user writes to the bot in their own private chat (chat_id == user id)"
        );
        unblock(st, from);
    } else {
        let chat = group_mut(st, chat_id);
        assert!(
            chat.migrated_to.is_none(),
            "tg-sim: group {chat_id} was migrated to {:?}; use the new id",
            chat.migrated_to
        );
        chat.members.insert(from);
    }
}

fn group_mut(st: &mut State, chat_id: i64) -> &mut Chat {
    match st.chats.get_mut(&chat_id) {
        Some(c) if c.ty != ChatType::Private => c,
        _ => panic!("tg-sim: unknown group {chat_id}; call create_group first"),
    }
}

fn service_msg(st: &mut State, chat_id: i64, from: i64, fields: Value) {
    let mut m = st.blank_msg(Some(from), false, SimMessageKind::Service);
    if let Value::Object(o) = &fields {
        for (k, v) in o {
            m.content.insert(k.clone(), v.clone());
        }
    }
    m.view.service = Some(fields);
    let id = st.push_msg(chat_id, m);
    st.deliver(chat_id, id, "message");
}

/// `(label, Some(callback_data))` or `(label, None)` for non-callback buttons.
fn find_button(m: &SimMessage, needle: &str) -> Option<(String, Option<String>)> {
    let rows = m
        .reply_markup
        .as_ref()?
        .get("inline_keyboard")?
        .as_array()?;
    rows.iter()
        .filter_map(Value::as_array)
        .flatten()
        .find_map(|b| {
            let label = b["text"].as_str()?;
            label.contains(needle).then(|| {
                (
                    label.to_owned(),
                    b["callback_data"].as_str().map(str::to_owned),
                )
            })
        })
}
