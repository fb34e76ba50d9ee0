//! The simulator's world: users, chats, messages, files, the update queue,
//! faults and limits. Everything lives behind one mutex in [`crate::Sim`].

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};

use crate::types::{
    CallRecord, CallbackAnswer, CommandSet, Fault, Limits, SimConfig, SimMessage, SimMessageKind,
    SimUser,
};
use crate::util::{XorShift, reason_phrase, unix_now, utf16_len};

/// The anonymous "Group" sender Telegram uses for service messages posted on
/// behalf of a supergroup.
pub(crate) const GROUP_ANONYMOUS_BOT_ID: i64 = 1_087_968_824;

/// A Bot API error answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ApiErr {
    pub code: u16,
    pub description: String,
    pub params: Option<Value>,
}

impl ApiErr {
    pub(crate) fn new(code: u16, description: impl Into<String>) -> Self {
        Self {
            code,
            description: description.into(),
            params: None,
        }
    }
    /// `400 Bad Request: {d}`.
    pub(crate) fn bad(d: impl AsRef<str>) -> Self {
        Self::new(400, format!("Bad Request: {}", d.as_ref()))
    }
    /// `403 Forbidden: {d}`.
    pub(crate) fn forbidden(d: impl AsRef<str>) -> Self {
        Self::new(403, format!("Forbidden: {}", d.as_ref()))
    }
    pub(crate) fn retry_after(secs: u32) -> Self {
        let secs = secs.max(1);
        Self {
            code: 429,
            description: format!("Too Many Requests: retry after {secs}"),
            params: Some(json!({ "retry_after": secs })),
        }
    }
    pub(crate) fn migrated(to: i64) -> Self {
        Self {
            code: 400,
            description: "Bad Request: group chat was upgraded to a supergroup chat".to_owned(),
            params: Some(json!({ "migrate_to_chat_id": to })),
        }
    }
    pub(crate) fn chat_not_found() -> Self {
        Self::bad("chat not found")
    }
    pub(crate) fn not_found() -> Self {
        Self::new(404, "Not Found")
    }
    pub(crate) fn from_fault(f: &Fault) -> Option<Self> {
        Some(match f {
            Fault::Blocked => Self::forbidden("bot was blocked by the user"),
            Fault::Deactivated => Self::forbidden("user is deactivated"),
            Fault::ChatNotFound => Self::chat_not_found(),
            Fault::ServerError(code) => Self::new(*code, reason_phrase(*code)),
            Fault::Migrated(to) => Self::migrated(*to),
            Fault::TooManyRequests(n) => Self::retry_after(*n),
            Fault::Slow(_) => return None,
        })
    }
    pub(crate) fn to_json(&self) -> Value {
        let mut v = json!({
            "ok": false,
            "error_code": self.code,
            "description": self.description,
        });
        if let Some(p) = &self.params {
            v["parameters"] = p.clone();
        }
        v
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChatType {
    Private,
    Group,
    Supergroup,
}

/// The bot's membership in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BotStatus {
    /// Never added.
    Never,
    Member,
    Left,
    Kicked,
}

pub(crate) struct Msg {
    pub view: SimMessage,
    /// Kind-specific Bot API fields (photo, document, voice, contact,
    /// location, service fields, forward_origin, …).
    pub content: Map<String, Value>,
    pub edit_date: Option<i64>,
    /// Overrides the rendered `from` (service messages from the anonymous
    /// group bot) and adds `sender_chat`.
    pub from_json: Option<Value>,
    pub sender_chat: Option<Value>,
}

pub(crate) struct Chat {
    pub id: i64,
    pub ty: ChatType,
    pub title: String,
    pub messages: Vec<Msg>,
    pub next_id: i32,
    pub bot_status: BotStatus,
    pub bot_admin: bool,
    pub privacy: Option<bool>,
    pub migrated_to: Option<i64>,
    pub members: BTreeSet<i64>,
    pub admins: BTreeSet<i64>,
    pub added_by: Option<i64>,
    pub reply_keyboard: Option<Value>,
}

impl Chat {
    pub(crate) fn new(id: i64, ty: ChatType, title: &str) -> Self {
        Self {
            id,
            ty,
            title: title.to_owned(),
            messages: Vec::new(),
            next_id: 1,
            bot_status: BotStatus::Never,
            bot_admin: false,
            privacy: None,
            migrated_to: None,
            members: BTreeSet::new(),
            admins: BTreeSet::new(),
            added_by: None,
            reply_keyboard: None,
        }
    }

    pub(crate) fn msg(&self, id: i32) -> Option<&Msg> {
        self.messages.iter().find(|m| m.view.message_id == id)
    }

    pub(crate) fn msg_mut(&mut self, id: i32) -> Option<&mut Msg> {
        self.messages.iter_mut().find(|m| m.view.message_id == id)
    }

    pub(crate) fn bot_in_chat(&self) -> bool {
        self.ty == ChatType::Private || self.bot_status == BotStatus::Member
    }
}

pub(crate) struct UserRec {
    pub user: SimUser,
    pub blocked: bool,
    pub deactivated: bool,
}

pub(crate) struct FileRec {
    pub file_id: String,
    pub unique_id: String,
    pub bytes: Arc<Vec<u8>>,
    pub path: String,
    pub name: Option<String>,
    pub mime: Option<String>,
}

pub(crate) struct UpdateRec {
    pub id: u32,
    pub kind: String,
    pub json: Value,
    pub delivered: bool,
}

pub(crate) struct FaultRec {
    pub chat_id: i64,
    pub fault: Fault,
    pub remaining: Option<u32>,
}

pub(crate) struct RateFault {
    pub fault: Fault,
    pub probability: f64,
    pub rng: XorShift,
}

#[derive(Default)]
pub(crate) struct Windows {
    global: VecDeque<Instant>,
    per_chat: HashMap<i64, VecDeque<Instant>>,
    per_group: HashMap<i64, VecDeque<Instant>>,
}

fn prune(q: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while q.front().is_some_and(|t| now.duration_since(*t) >= window) {
        q.pop_front();
    }
}

fn wait_secs(q: &VecDeque<Instant>, now: Instant, window: Duration) -> u32 {
    let oldest = q.front().copied().unwrap_or(now);
    let left = window.saturating_sub(now.duration_since(oldest));
    (left.as_secs_f64().ceil() as u32).max(1)
}

impl Windows {
    /// `Err(retry_after)` when one more counted call would exceed a limit.
    pub(crate) fn check(&mut self, l: &Limits, chat: Option<i64>, now: Instant) -> Result<(), u32> {
        let sec = Duration::from_secs(1);
        let min = Duration::from_secs(60);
        prune(&mut self.global, now, sec);
        if self.global.len() as u32 >= l.global_per_second {
            return Err(wait_secs(&self.global, now, sec));
        }
        if let Some(c) = chat {
            let q = self.per_chat.entry(c).or_default();
            prune(q, now, sec);
            if q.len() as u32 >= l.per_chat_per_second {
                return Err(wait_secs(q, now, sec));
            }
            if c < 0 {
                let q = self.per_group.entry(c).or_default();
                prune(q, now, min);
                if q.len() as u32 >= l.group_per_minute {
                    return Err(wait_secs(q, now, min));
                }
            }
        }
        Ok(())
    }

    pub(crate) fn record(&mut self, chat: Option<i64>, now: Instant) {
        self.global.push_back(now);
        if let Some(c) = chat {
            self.per_chat.entry(c).or_default().push_back(now);
            if c < 0 {
                self.per_group.entry(c).or_default().push_back(now);
            }
        }
    }
}

pub(crate) struct State {
    pub cfg: SimConfig,
    pub users: HashMap<i64, UserRec>,
    pub chats: HashMap<i64, Chat>,
    pub files: HashMap<String, FileRec>,
    pub file_paths: HashMap<String, String>,
    pub next_file: u64,
    pub updates: VecDeque<UpdateRec>,
    pub next_update_id: u32,
    pub delivered: u64,
    /// Ids of the updates handed out, in order.
    pub delivered_ids: Vec<i64>,
    pub allowed: Option<Vec<String>>,
    pub poll_gen: u64,
    pub webhook_url: String,
    /// The `secret_token` of the webhook, sent back in `X-Telegram-Bot-Api-Secret-Token`.
    pub webhook_secret: String,
    /// Where webhook requests really go (a load balancer's backends); empty: to the URL itself.
    pub webhook_backends: Vec<std::net::SocketAddr>,
    /// The backend the next webhook request tries first (round robin).
    pub webhook_next: usize,
    /// Webhook requests made, and how many a backend refused or failed.
    pub webhook_posts: u64,
    pub webhook_failures: u64,
    pub callbacks: HashMap<String, bool>,
    pub answers: Vec<CallbackAnswer>,
    pub next_callback: u64,
    pub commands: Vec<CommandSet>,
    pub calls: Vec<CallRecord>,
    pub limits: Option<Limits>,
    pub windows: Windows,
    pub limit_violations: u64,
    pub faults: Vec<FaultRec>,
    pub rate_faults: Vec<RateFault>,
    pub privacy_mode: bool,
    pub shutting_down: bool,
    pub menu_button: Value,
    pub bot_texts: HashMap<String, String>,
}

const DEFAULT_EXCLUDED_UPDATES: &[&str] =
    &["chat_member", "message_reaction", "message_reaction_count"];

impl State {
    pub(crate) fn new(cfg: SimConfig) -> Self {
        Self {
            cfg,
            users: HashMap::new(),
            chats: HashMap::new(),
            files: HashMap::new(),
            file_paths: HashMap::new(),
            next_file: 1,
            updates: VecDeque::new(),
            next_update_id: 1,
            delivered: 0,
            delivered_ids: Vec::new(),
            allowed: None,
            poll_gen: 0,
            webhook_url: String::new(),
            webhook_secret: String::new(),
            webhook_backends: Vec::new(),
            webhook_next: 0,
            webhook_posts: 0,
            webhook_failures: 0,
            callbacks: HashMap::new(),
            answers: Vec::new(),
            next_callback: 1,
            commands: Vec::new(),
            calls: Vec::new(),
            limits: None,
            windows: Windows::default(),
            limit_violations: 0,
            faults: Vec::new(),
            rate_faults: Vec::new(),
            privacy_mode: true,
            shutting_down: false,
            menu_button: json!({ "type": "commands" }),
            bot_texts: HashMap::new(),
        }
    }

    // ------------------------------------------------------------ rendering

    pub(crate) fn bot_json(&self) -> Value {
        json!({
            "id": self.cfg.bot_id,
            "is_bot": true,
            "first_name": self.cfg.bot_first_name,
            "username": self.cfg.bot_username,
        })
    }

    pub(crate) fn user_json(&self, id: i64) -> Value {
        if id == self.cfg.bot_id {
            return self.bot_json();
        }
        if id == GROUP_ANONYMOUS_BOT_ID {
            return json!({
                "id": GROUP_ANONYMOUS_BOT_ID,
                "is_bot": true,
                "first_name": "Group",
                "username": "GroupAnonymousBot",
            });
        }
        match self.users.get(&id) {
            Some(u) => {
                let u = &u.user;
                let mut v = json!({ "id": u.id, "is_bot": false, "first_name": u.first_name });
                if let Some(l) = &u.last_name {
                    v["last_name"] = json!(l);
                }
                if let Some(n) = &u.username {
                    v["username"] = json!(n);
                }
                if let Some(c) = &u.language_code {
                    v["language_code"] = json!(c);
                }
                v
            }
            None => json!({ "id": id, "is_bot": false, "first_name": format!("User{id}") }),
        }
    }

    pub(crate) fn chat_json(&self, chat: &Chat) -> Value {
        match chat.ty {
            ChatType::Private => {
                let mut v = json!({ "id": chat.id, "type": "private" });
                let u = self.user_json(chat.id);
                for k in ["first_name", "last_name", "username"] {
                    if let Some(x) = u.get(k) {
                        v[k] = x.clone();
                    }
                }
                v
            }
            ChatType::Group => json!({ "id": chat.id, "type": "group", "title": chat.title }),
            ChatType::Supergroup => {
                json!({ "id": chat.id, "type": "supergroup", "title": chat.title })
            }
        }
    }

    /// The Bot API `Message` JSON of a stored message (current content).
    pub(crate) fn render(&self, chat: &Chat, m: &Msg, with_reply: bool) -> Value {
        let v = &m.view;
        let mut o = Map::new();
        o.insert("message_id".into(), json!(v.message_id));
        let from = match &m.from_json {
            Some(f) => f.clone(),
            None => self.user_json(v.from.unwrap_or(self.cfg.bot_id)),
        };
        o.insert("from".into(), from);
        if let Some(sc) = &m.sender_chat {
            o.insert("sender_chat".into(), sc.clone());
        }
        o.insert("chat".into(), self.chat_json(chat));
        o.insert("date".into(), json!(v.date));
        if let Some(e) = m.edit_date {
            o.insert("edit_date".into(), json!(e));
        }
        if with_reply
            && let Some(r) = v.reply_to
            && let Some(rm) = chat.msg(r)
            && !rm.view.deleted
        {
            o.insert("reply_to_message".into(), self.render(chat, rm, false));
        }
        for (k, val) in &m.content {
            o.insert(k.clone(), val.clone());
        }
        if let Some(t) = &v.text {
            o.insert("text".into(), json!(t));
            if !v.entities.is_empty() {
                o.insert("entities".into(), json!(v.entities));
            }
        } else if let Some(c) = &v.caption {
            o.insert("caption".into(), json!(c));
            if !v.entities.is_empty() {
                o.insert("caption_entities".into(), json!(v.entities));
            }
        }
        // Only inline keyboards are part of a Message; reply keyboards are not
        // echoed back (teloxide would fail to parse them there).
        if let Some(mk) = &v.reply_markup
            && mk.get("inline_keyboard").is_some()
        {
            o.insert("reply_markup".into(), mk.clone());
        }
        Value::Object(o)
    }

    pub(crate) fn render_id(&self, chat_id: i64, msg_id: i32) -> Option<Value> {
        let chat = self.chats.get(&chat_id)?;
        Some(self.render(chat, chat.msg(msg_id)?, true))
    }

    pub(crate) fn member_json(&self, user_id: i64, status: &str) -> Value {
        let mut v = json!({ "user": self.user_json(user_id), "status": status });
        match status {
            "kicked" => v["until_date"] = json!(0),
            "administrator" => {
                for (k, b) in [
                    ("can_be_edited", false),
                    ("is_anonymous", false),
                    ("can_manage_chat", true),
                    ("can_delete_messages", true),
                    ("can_manage_video_chats", true),
                    ("can_restrict_members", true),
                    ("can_promote_members", false),
                    ("can_change_info", true),
                    ("can_invite_users", true),
                    ("can_post_stories", false),
                    ("can_edit_stories", false),
                    ("can_delete_stories", false),
                    ("can_pin_messages", true),
                    ("can_manage_topics", false),
                ] {
                    v[k] = json!(b);
                }
            }
            "creator" => {
                v["is_anonymous"] = json!(false);
            }
            _ => {}
        }
        v
    }

    pub(crate) fn bot_status_str(&self, chat: &Chat) -> &'static str {
        match chat.bot_status {
            BotStatus::Member if chat.bot_admin => "administrator",
            BotStatus::Member => "member",
            BotStatus::Kicked => "kicked",
            BotStatus::Left | BotStatus::Never => "left",
        }
    }

    // ------------------------------------------------------------ updates

    pub(crate) fn is_allowed(&self, kind: &str) -> bool {
        match &self.allowed {
            Some(list) if !list.is_empty() => list.iter().any(|k| k == kind),
            _ => !DEFAULT_EXCLUDED_UPDATES.contains(&kind),
        }
    }

    /// Queues an update unless its type is not allowed (then it's dropped,
    /// like the real server does).
    pub(crate) fn push_update(&mut self, kind: &str, payload: Value) -> Option<u32> {
        if !self.is_allowed(kind) {
            return None;
        }
        let id = self.next_update_id;
        self.next_update_id += 1;
        let json = json!({ "update_id": id, kind: payload });
        self.updates.push_back(UpdateRec {
            id,
            kind: kind.to_owned(),
            json,
            delivered: false,
        });
        Some(id)
    }

    pub(crate) fn set_allowed(&mut self, list: Vec<String>) {
        self.allowed = if list.is_empty() { None } else { Some(list) };
        let allowed: Vec<bool> = self
            .updates
            .iter()
            .map(|u| self.is_allowed(&u.kind))
            .collect();
        let mut it = allowed.into_iter();
        self.updates.retain(|_| it.next().unwrap_or(true));
    }

    /// Applies a getUpdates `offset`.
    pub(crate) fn confirm(&mut self, offset: i64) {
        if offset > 0 {
            self.updates.retain(|u| i64::from(u.id) >= offset);
        } else if offset < 0 {
            let keep = offset.unsigned_abs() as usize;
            while self.updates.len() > keep {
                self.updates.pop_front();
            }
        }
    }

    pub(crate) fn take_updates(&mut self, limit: usize) -> Vec<Value> {
        let mut out = Vec::new();
        for u in self.updates.iter_mut().take(limit) {
            if !u.delivered {
                u.delivered = true;
                self.delivered += 1;
                self.delivered_ids.push(i64::from(u.id));
            }
            out.push(u.json.clone());
        }
        out
    }

    /// The oldest update not yet delivered, for the webhook.
    pub(crate) fn next_for_webhook(&self) -> Option<(u32, String)> {
        self.updates
            .iter()
            .find(|u| !u.delivered)
            .map(|u| (u.id, u.json.to_string()))
    }

    /// A webhook request for update `id` was answered with 2xx: it is delivered and confirmed.
    pub(crate) fn webhook_delivered(&mut self, id: u32) {
        if let Some(at) = self.updates.iter().position(|u| u.id == id) {
            self.updates.remove(at);
            self.delivered += 1;
            self.delivered_ids.push(i64::from(id));
        }
    }

    pub(crate) fn chat_member_update(&mut self, chat_id: i64, by: i64, old: &str, new: &str) {
        let Some(chat) = self.chats.get(&chat_id) else {
            return;
        };
        let payload = json!({
            "chat": self.chat_json(chat),
            "from": self.user_json(by),
            "date": unix_now(),
            "old_chat_member": self.member_json(self.cfg.bot_id, old),
            "new_chat_member": self.member_json(self.cfg.bot_id, new),
        });
        self.push_update("my_chat_member", payload);
    }

    // ------------------------------------------------------------ users & chats

    pub(crate) fn ensure_user(&mut self, id: i64) -> &mut UserRec {
        self.users.entry(id).or_insert_with(|| UserRec {
            user: SimUser::new(id, &format!("User{id}")),
            blocked: false,
            deactivated: false,
        })
    }

    pub(crate) fn ensure_private_chat(&mut self, user_id: i64) {
        self.chats
            .entry(user_id)
            .or_insert_with(|| Chat::new(user_id, ChatType::Private, ""));
    }

    /// Checks that the bot may act in `chat_id` (send, edit, …).
    /// `need_started`: a private chat must have been started by the user.
    pub(crate) fn check_chat(&self, chat_id: i64, need_started: bool) -> Result<&Chat, ApiErr> {
        if chat_id == self.cfg.bot_id {
            return Err(ApiErr::forbidden("bot can't send messages to bots"));
        }
        if chat_id > 0 {
            let Some(u) = self.users.get(&chat_id) else {
                return Err(ApiErr::chat_not_found());
            };
            if u.deactivated {
                return Err(ApiErr::forbidden("user is deactivated"));
            }
            if u.blocked {
                return Err(ApiErr::forbidden("bot was blocked by the user"));
            }
            if need_started && !u.user.started {
                return Err(ApiErr::forbidden(
                    "bot can't initiate conversation with a user",
                ));
            }
            return self.chats.get(&chat_id).ok_or_else(ApiErr::chat_not_found);
        }
        let Some(chat) = self.chats.get(&chat_id) else {
            return Err(ApiErr::chat_not_found());
        };
        if let Some(to) = chat.migrated_to {
            return Err(ApiErr::migrated(to));
        }
        let kind = if chat.ty == ChatType::Supergroup {
            "supergroup"
        } else {
            "group"
        };
        match chat.bot_status {
            BotStatus::Member => Ok(chat),
            BotStatus::Kicked => Err(ApiErr::forbidden(format!(
                "bot was kicked from the {kind} chat"
            ))),
            BotStatus::Never | BotStatus::Left => Err(ApiErr::forbidden(format!(
                "bot is not a member of the {kind} chat"
            ))),
        }
    }

    /// Appends a message to a chat and returns its id.
    pub(crate) fn push_msg(&mut self, chat_id: i64, mut msg: Msg) -> i32 {
        let chat = self.chats.get_mut(&chat_id).expect("chat exists");
        let id = chat.next_id;
        chat.next_id += 1;
        msg.view.message_id = id;
        msg.view.chat_id = chat_id;
        if msg.view.from_bot {
            if let Some(mk) = &msg.view.reply_markup {
                if mk.get("keyboard").is_some() {
                    chat.reply_keyboard = Some(mk.clone());
                } else if mk.get("remove_keyboard").is_some() {
                    chat.reply_keyboard = None;
                }
            }
        } else if chat
            .reply_keyboard
            .as_ref()
            .and_then(|k| k.get("one_time_keyboard"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
        {
            chat.reply_keyboard = None;
        }
        chat.messages.push(msg);
        id
    }

    // ------------------------------------------------------------ files

    pub(crate) fn store_file(
        &mut self,
        kind: &str,
        bytes: Vec<u8>,
        name: Option<String>,
        mime: Option<String>,
    ) -> String {
        let n = self.next_file;
        self.next_file += 1;
        let (prefix, dir) = match kind {
            "photo" => ("AgACAgIAAxkBAAI", "photos"),
            "voice" => ("AwACAgIAAxkBAAI", "voice"),
            "audio" => ("CQACAgIAAxkBAAI", "music"),
            "video" => ("BAACAgIAAxkBAAI", "videos"),
            _ => ("BQACAgIAAxkBAAI", "documents"),
        };
        let file_id = format!("{prefix}{n:06}SIM");
        let unique_id = format!("AQAD{n:06}SIM");
        let ext = match kind {
            "photo" => "jpg".to_owned(),
            "voice" => "oga".to_owned(),
            "audio" => "mp3".to_owned(),
            "video" => "mp4".to_owned(),
            _ => name
                .as_deref()
                .and_then(|n| n.rsplit_once('.'))
                .map(|(_, e)| e.to_ascii_lowercase())
                .filter(|e| {
                    !e.is_empty() && e.len() <= 8 && e.chars().all(|c| c.is_ascii_alphanumeric())
                })
                .unwrap_or_else(|| "bin".to_owned()),
        };
        let path = format!("{dir}/file_{n}.{ext}");
        self.file_paths.insert(path.clone(), file_id.clone());
        self.files.insert(
            file_id.clone(),
            FileRec {
                file_id: file_id.clone(),
                unique_id,
                bytes: Arc::new(bytes),
                path,
                name,
                mime,
            },
        );
        file_id
    }

    // ------------------------------------------------------------ faults

    /// Consumes applicable faults for a call: total injected delay, and the
    /// error to answer with (if any).
    pub(crate) fn take_faults(
        &mut self,
        method: &str,
        chat_id: Option<i64>,
    ) -> (Duration, Option<Fault>) {
        let mut delay = Duration::ZERO;
        let mut error = None;
        if let Some(c) = chat_id {
            for f in self.faults.iter_mut().filter(|f| f.chat_id == c) {
                if f.remaining == Some(0) {
                    continue;
                }
                match f.fault {
                    Fault::Slow(d) => delay += d,
                    other if error.is_none() => error = Some(other),
                    _ => continue,
                }
                if let Some(r) = f.remaining.as_mut() {
                    *r -= 1;
                }
            }
            self.faults.retain(|f| f.remaining != Some(0));
        }
        if is_send_method(method) {
            for rf in &mut self.rate_faults {
                if rf.rng.next_f64() < rf.probability {
                    match rf.fault {
                        Fault::Slow(d) => delay += d,
                        other if error.is_none() => error = Some(other),
                        _ => {}
                    }
                }
            }
        }
        (delay, error)
    }

    // ------------------------------------------------------------ user-side helpers

    /// A new message skeleton.
    pub(crate) fn blank_msg(&self, from: Option<i64>, from_bot: bool, kind: SimMessageKind) -> Msg {
        Msg {
            view: SimMessage {
                message_id: 0,
                chat_id: 0,
                from_bot,
                from,
                date: unix_now(),
                text: None,
                caption: None,
                entities: Vec::new(),
                parse_mode: None,
                kind,
                file_id: None,
                file_name: None,
                mime_type: None,
                reply_markup: None,
                edit_count: 0,
                bodies: Vec::new(),
                deleted: false,
                reply_to: None,
                contact: None,
                location: None,
                forward_from_chat: None,
                service: None,
            },
            content: Map::new(),
            edit_date: None,
            from_json: None,
            sender_chat: None,
        }
    }

    /// Whether a user message in a group reaches the bot under privacy mode.
    pub(crate) fn passes_privacy(&self, chat: &Chat, m: &Msg) -> bool {
        if chat.ty == ChatType::Private || chat.bot_admin {
            return true;
        }
        if !chat.privacy.unwrap_or(self.privacy_mode) {
            return true;
        }
        if m.view.kind == SimMessageKind::Service {
            return true;
        }
        if let Some(r) = m.view.reply_to
            && chat.msg(r).is_some_and(|rm| rm.view.from_bot)
        {
            return true;
        }
        match command_entity(m.view.body()) {
            Some((_, Some(target))) => target.eq_ignore_ascii_case(&self.cfg.bot_username),
            Some((_, None)) => true,
            None => false,
        }
    }

    /// Queues a `message`/`edited_message` update for a user message if the
    /// bot may see it.
    pub(crate) fn deliver(&mut self, chat_id: i64, msg_id: i32, kind: &str) {
        let Some(chat) = self.chats.get(&chat_id) else {
            return;
        };
        if !chat.bot_in_chat() {
            return;
        }
        let Some(m) = chat.msg(msg_id) else { return };
        if !self.passes_privacy(chat, m) {
            return;
        }
        let payload = self.render(chat, m, true);
        self.push_update(kind, payload);
    }

    pub(crate) fn log_call(&mut self, rec: CallRecord) {
        self.calls.push(rec);
    }
}

/// Methods counted by flood limits: sending, copying, forwarding, editing.
pub(crate) fn is_counted_method(method: &str) -> bool {
    (method.starts_with("send") && method != "sendchataction")
        || method.starts_with("copymessage")
        || method.starts_with("forwardmessage")
        || method.starts_with("edit")
}

/// Methods hit by random faults: sending, copying, forwarding.
pub(crate) fn is_send_method(method: &str) -> bool {
    (method.starts_with("send") && method != "sendchataction")
        || method.starts_with("copymessage")
        || method.starts_with("forwardmessage")
}

/// If `text` starts with a bot command: its UTF-16 length (entity length)
/// and the `@username` it is addressed to, if any.
pub(crate) fn command_entity(text: &str) -> Option<(usize, Option<String>)> {
    let rest = text.strip_prefix('/')?;
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    if name_len == 0 || name_len > 64 {
        return None;
    }
    let mut len = 1 + name_len;
    let mut target = None;
    if let Some(after) = rest[name_len..].strip_prefix('@') {
        let ulen = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if ulen > 0 {
            len += 1 + ulen;
            target = Some(after[..ulen].to_owned());
        }
    }
    Some((utf16_len(&text[..len]), target))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands() {
        assert_eq!(command_entity("/start"), Some((6, None)));
        assert_eq!(
            command_entity("/start@lianxin_bot hi"),
            Some((18, Some("lianxin_bot".into())))
        );
        assert_eq!(command_entity("/ x"), None);
        assert_eq!(command_entity("hello"), None);
        assert_eq!(command_entity("/start\nx"), Some((6, None)));
    }

    #[test]
    fn windows() {
        let l = Limits {
            global_per_second: 2,
            per_chat_per_second: 1,
            group_per_minute: 3,
        };
        let mut w = Windows::default();
        let now = Instant::now();
        assert!(w.check(&l, Some(1), now).is_ok());
        w.record(Some(1), now);
        assert_eq!(w.check(&l, Some(1), now), Err(1));
        assert!(w.check(&l, Some(2), now).is_ok());
        w.record(Some(2), now);
        assert!(w.check(&l, Some(3), now).is_err());
        let later = now + Duration::from_millis(1001);
        assert!(w.check(&l, Some(1), later).is_ok());
    }
}
