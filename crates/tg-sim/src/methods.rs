//! Bot API methods (everything except `getUpdates`, which long-polls and
//! lives in the server module).

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use crate::markup::{parse_text, trim_parsed, validate_reply_markup};
use crate::state::{ApiErr, BotStatus, ChatType, Msg, State};
use crate::types::{CallbackAnswer, CommandSet, SimMessageKind};
use crate::util::{guess_mime, image_size, is_image, unix_now};

/// An uploaded file part.
#[derive(Debug, Clone)]
pub(crate) struct Upload {
    pub file_name: Option<String>,
    pub bytes: Vec<u8>,
}

/// Request parameters from JSON, multipart, urlencoded bodies or the query
/// string. Multipart/urlencoded values arrive as strings; the accessors
/// accept both representations.
#[derive(Debug, Default)]
pub(crate) struct Params {
    pub map: Map<String, Value>,
    pub files: HashMap<String, Upload>,
}

fn as_i64(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

impl Params {
    pub(crate) fn has(&self, k: &str) -> bool {
        self.map.get(k).is_some_and(|v| !v.is_null())
    }

    pub(crate) fn str(&self, k: &str) -> Option<String> {
        match self.map.get(k)? {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            other => Some(other.to_string()),
        }
    }

    pub(crate) fn i64(&self, k: &str) -> Option<i64> {
        as_i64(self.map.get(k)?)
    }

    pub(crate) fn f64(&self, k: &str) -> Option<f64> {
        match self.map.get(k)? {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    pub(crate) fn bool(&self, k: &str) -> Option<bool> {
        match self.map.get(k)? {
            Value::Bool(b) => Some(*b),
            Value::String(s) => match s.as_str() {
                "true" | "True" | "1" => Some(true),
                "false" | "False" | "0" => Some(false),
                _ => None,
            },
            Value::Number(n) => Some(n.as_i64() != Some(0)),
            _ => None,
        }
    }

    /// A JSON-valued parameter (objects/arrays as-is; strings parsed).
    pub(crate) fn json(&self, k: &str) -> Option<Value> {
        match self.map.get(k)? {
            Value::String(s) => serde_json::from_str(s).ok(),
            Value::Null => None,
            other => Some(other.clone()),
        }
    }

    /// The `allowed_updates` list of getUpdates and setWebhook, when given.
    pub(crate) fn allowed_updates(&self) -> Option<Vec<String>> {
        let list = self.json("allowed_updates")?;
        Some(
            list.as_array()?
                .iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect(),
        )
    }

    /// The numeric `chat_id` (a `@username` resolves to nothing here).
    pub(crate) fn chat_id(&self) -> Result<i64, ApiErr> {
        match self.map.get("chat_id") {
            None | Some(Value::Null) => Err(ApiErr::bad("chat_id is empty")),
            Some(v) => as_i64(v).ok_or_else(ApiErr::chat_not_found),
        }
    }

    pub(crate) fn message_id(&self) -> Result<i32, ApiErr> {
        self.i64("message_id")
            .map(|i| i as i32)
            .ok_or_else(|| ApiErr::bad("message identifier is not specified"))
    }
}

/// Every method name the simulator answers (lowercase).
pub(crate) const KNOWN_METHODS: &[&str] = &[
    "getme",
    "logout",
    "close",
    "getupdates",
    "getwebhookinfo",
    "setwebhook",
    "deletewebhook",
    "sendmessage",
    "sendphoto",
    "senddocument",
    "sendvoice",
    "sendcontact",
    "sendlocation",
    "copymessage",
    "forwardmessage",
    "editmessagetext",
    "editmessagecaption",
    "editmessagereplymarkup",
    "deletemessage",
    "answercallbackquery",
    "setmycommands",
    "getmycommands",
    "deletemycommands",
    "getchat",
    "getchatmember",
    "getchatadministrators",
    "getchatmembercount",
    "sendchataction",
    "getfile",
    "setchatmenubutton",
    "getchatmenubutton",
    "setmyname",
    "getmyname",
    "setmydescription",
    "getmydescription",
    "setmyshortdescription",
    "getmyshortdescription",
    "leavechat",
    "pinchatmessage",
    "unpinchatmessage",
    "unpinallchatmessages",
    "setmessagereaction",
];

/// Runs one (non-long-polling) method.
pub(crate) fn call(st: &mut State, method: &str, p: &Params) -> Result<Value, ApiErr> {
    match method {
        "getme" => Ok(get_me(st)),
        "logout" | "close" => Ok(json!(true)),
        "getwebhookinfo" => Ok(json!({
            "url": st.webhook_url,
            "has_custom_certificate": false,
            "pending_update_count": st.updates.iter().filter(|u| !u.delivered).count(),
            "allowed_updates": st.allowed.clone().unwrap_or_default(),
        })),
        "setwebhook" => {
            let url = p.str("url").unwrap_or_default();
            if !url.is_empty() && !url.starts_with("https://") {
                return Err(ApiErr::bad(
                    "bad webhook: HTTPS url must be provided for webhook",
                ));
            }
            let secret = p.str("secret_token").unwrap_or_default();
            if secret.len() > 256
                || !secret
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            {
                return Err(ApiErr::bad(
                    "bad webhook: Secret token contains unallowed characters",
                ));
            }
            st.webhook_url = url;
            st.webhook_secret = secret;
            if let Some(list) = p.allowed_updates() {
                st.set_allowed(list);
            }
            if p.bool("drop_pending_updates").unwrap_or(false) {
                st.updates.clear();
            }
            Ok(json!(true))
        }
        "deletewebhook" => {
            st.webhook_url.clear();
            st.webhook_secret.clear();
            if p.bool("drop_pending_updates").unwrap_or(false) {
                st.updates.clear();
            }
            Ok(json!(true))
        }
        "sendmessage" => send_message(st, p),
        "sendphoto" => send_media(st, p, "photo"),
        "senddocument" => send_media(st, p, "document"),
        "sendvoice" => send_media(st, p, "voice"),
        "sendaudio" => send_media(st, p, "audio"),
        "sendvideo" => send_media(st, p, "video"),
        "sendcontact" => send_contact(st, p),
        "sendlocation" => send_location(st, p),
        "copymessage" => copy_or_forward(st, p, false),
        "forwardmessage" => copy_or_forward(st, p, true),
        "editmessagetext" => edit_message(st, p, EditKind::Text),
        "editmessagecaption" => edit_message(st, p, EditKind::Caption),
        "editmessagereplymarkup" => edit_message(st, p, EditKind::Markup),
        "deletemessage" => delete_message(st, p),
        "answercallbackquery" => answer_callback_query(st, p),
        "setmycommands" => set_my_commands(st, p),
        "getmycommands" => {
            let (scope, lang) = command_key(p);
            let cmds = st
                .commands
                .iter()
                .find(|c| c.scope == scope && c.language_code == lang)
                .map(|c| {
                    c.commands
                        .iter()
                        .map(|(c, d)| json!({ "command": c, "description": d }))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            Ok(json!(cmds))
        }
        "deletemycommands" => {
            let (scope, lang) = command_key(p);
            st.commands
                .retain(|c| !(c.scope == scope && c.language_code == lang));
            Ok(json!(true))
        }
        "getchat" => get_chat(st, p),
        "getchatmember" => get_chat_member(st, p),
        "getchatadministrators" => {
            let chat_id = p.chat_id()?;
            let chat = lookup_chat(st, chat_id)?;
            if chat.ty == ChatType::Private {
                return Err(ApiErr::bad(
                    "there are no administrators in the private chat",
                ));
            }
            let mut admins = Vec::new();
            if chat.bot_admin && chat.bot_status == BotStatus::Member {
                admins.push(st.member_json(st.cfg.bot_id, "administrator"));
            }
            for u in &chat.admins {
                admins.push(st.member_json(*u, "administrator"));
            }
            Ok(json!(admins))
        }
        "getchatmembercount" => {
            let chat_id = p.chat_id()?;
            let chat = lookup_chat(st, chat_id)?;
            let n = match chat.ty {
                ChatType::Private => 2,
                _ => chat.members.len() + usize::from(chat.bot_status == BotStatus::Member),
            };
            Ok(json!(n))
        }
        "sendchataction" => {
            let chat_id = p.chat_id()?;
            st.check_chat(chat_id, true)?;
            if !p.has("action") {
                return Err(ApiErr::bad("action is empty"));
            }
            Ok(json!(true))
        }
        "getfile" => {
            let id = p.str("file_id").unwrap_or_default();
            let Some(f) = st.files.get(&id) else {
                return Err(ApiErr::bad("invalid file_id"));
            };
            if f.bytes.len() > 20 * 1024 * 1024 {
                return Err(ApiErr::bad("file is too big"));
            }
            Ok(json!({
                "file_id": f.file_id,
                "file_unique_id": f.unique_id,
                "file_size": f.bytes.len(),
                "file_path": f.path,
            }))
        }
        "setchatmenubutton" => {
            if let Some(mb) = p.json("menu_button") {
                st.menu_button = mb;
            }
            Ok(json!(true))
        }
        "getchatmenubutton" => Ok(st.menu_button.clone()),
        "setmyname" | "setmydescription" | "setmyshortdescription" => {
            let field = match method {
                "setmyname" => "name",
                "setmydescription" => "description",
                _ => "short_description",
            };
            let lang = p.str("language_code").unwrap_or_default();
            st.bot_texts
                .insert(format!("{field}/{lang}"), p.str(field).unwrap_or_default());
            Ok(json!(true))
        }
        "getmyname" | "getmydescription" | "getmyshortdescription" => {
            let field = match method {
                "getmyname" => "name",
                "getmydescription" => "description",
                _ => "short_description",
            };
            let lang = p.str("language_code").unwrap_or_default();
            let default = if field == "name" {
                st.cfg.bot_first_name.clone()
            } else {
                String::new()
            };
            let v = st
                .bot_texts
                .get(&format!("{field}/{lang}"))
                .cloned()
                .unwrap_or(default);
            Ok(json!({ field: v }))
        }
        "leavechat" => {
            let chat_id = p.chat_id()?;
            st.check_chat(chat_id, false)?;
            let chat = st.chats.get(&chat_id).ok_or_else(ApiErr::chat_not_found)?;
            if chat.ty == ChatType::Private {
                return Err(ApiErr::bad(
                    "chat member status can't be changed in private chats",
                ));
            }
            let old = st.bot_status_str(chat);
            let bot = st.cfg.bot_id;
            st.chat_member_update(chat_id, bot, old, "left");
            if let Some(c) = st.chats.get_mut(&chat_id) {
                c.bot_status = BotStatus::Left;
                c.bot_admin = false;
            }
            Ok(json!(true))
        }
        "pinchatmessage" | "unpinchatmessage" | "unpinallchatmessages" | "setmessagereaction" => {
            let chat_id = p.chat_id()?;
            st.check_chat(chat_id, false)?;
            Ok(json!(true))
        }
        _ => Err(ApiErr::not_found()),
    }
}

fn get_me(st: &State) -> Value {
    let mut me = st.bot_json();
    me["can_join_groups"] = json!(true);
    me["can_read_all_group_messages"] = json!(!st.privacy_mode);
    me["supports_inline_queries"] = json!(false);
    me["can_connect_to_business"] = json!(false);
    me["has_main_web_app"] = json!(false);
    me["has_topics_enabled"] = json!(false);
    me
}

/// A chat the bot may look at (getChat & co.): private chats of known users
/// even when blocked, groups it belongs to.
fn lookup_chat(st: &State, chat_id: i64) -> Result<&crate::state::Chat, ApiErr> {
    if chat_id > 0 {
        if !st.users.contains_key(&chat_id) {
            return Err(ApiErr::chat_not_found());
        }
        return st.chats.get(&chat_id).ok_or_else(ApiErr::chat_not_found);
    }
    st.check_chat(chat_id, false)
}

const KNOWN_ENTITY_TYPES: &[&str] = &[
    "mention",
    "hashtag",
    "cashtag",
    "bot_command",
    "url",
    "email",
    "phone_number",
    "bold",
    "blockquote",
    "expandable_blockquote",
    "italic",
    "underline",
    "strikethrough",
    "spoiler",
    "code",
    "pre",
    "text_link",
    "text_mention",
    "custom_emoji",
];

/// Text (or caption) after entity parsing and trimming; `None` when absent.
fn parsed_text(
    p: &Params,
    key: &str,
    entities_key: &str,
) -> Result<Option<(String, Vec<Value>)>, ApiErr> {
    let Some(raw) = p.str(key) else {
        return Ok(None);
    };
    let mode = p.str("parse_mode").filter(|m| !m.is_empty());
    let parsed = match mode {
        Some(m) => parse_text(&raw, Some(&m))
            .map_err(|e| ApiErr::bad(format!("can't parse entities: {e}")))?,
        None => {
            let ents = p
                .json(entities_key)
                .and_then(|v| v.as_array().cloned())
                .unwrap_or_default()
                .into_iter()
                .filter(|e| {
                    e["type"]
                        .as_str()
                        .is_some_and(|t| KNOWN_ENTITY_TYPES.contains(&t))
                })
                .collect();
            (raw, ents)
        }
    };
    Ok(Some(trim_parsed(parsed)))
}

fn caption(p: &Params) -> Result<Option<(String, Vec<Value>)>, ApiErr> {
    match parsed_text(p, "caption", "caption_entities")? {
        Some((c, _)) if c.is_empty() => Ok(None),
        Some((c, _)) if c.chars().count() > 1024 => Err(ApiErr::bad("message caption is too long")),
        other => Ok(other),
    }
}

fn reply_markup(p: &Params) -> Result<Option<Value>, ApiErr> {
    if !p.has("reply_markup") {
        return Ok(None);
    }
    let Some(v) = p.json("reply_markup") else {
        return Err(ApiErr::bad("can't parse reply keyboard markup JSON object"));
    };
    validate_reply_markup(&v).map_err(|d| ApiErr::new(400, d))?;
    // An inline keyboard without buttons is the same as no keyboard.
    let empty_inline = v
        .get("inline_keyboard")
        .and_then(Value::as_array)
        .is_some_and(|rows| rows.iter().all(|r| r.as_array().is_none_or(Vec::is_empty)));
    Ok((!empty_inline).then_some(v))
}

fn reply_to(st: &State, chat_id: i64, p: &Params) -> Result<Option<i32>, ApiErr> {
    let (mid, allow) = match p.json("reply_parameters") {
        Some(rp) => {
            if let Some(c) = rp.get("chat_id").and_then(as_i64)
                && c != chat_id
            {
                return Ok(None);
            }
            (
                rp.get("message_id").and_then(as_i64),
                rp.get("allow_sending_without_reply")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
            )
        }
        None => (
            p.i64("reply_to_message_id"),
            p.bool("allow_sending_without_reply").unwrap_or(false),
        ),
    };
    let Some(mid) = mid else { return Ok(None) };
    let mid = mid as i32;
    let exists = st
        .chats
        .get(&chat_id)
        .and_then(|c| c.msg(mid))
        .is_some_and(|m| !m.view.deleted);
    match (exists, allow) {
        (true, _) => Ok(Some(mid)),
        (false, true) => Ok(None),
        (false, false) => Err(ApiErr::bad("message to be replied not found")),
    }
}

fn finish_send(st: &mut State, chat_id: i64, mut m: Msg, p: &Params) -> Result<Value, ApiErr> {
    m.view.reply_markup = reply_markup(p)?;
    m.view.reply_to = reply_to(st, chat_id, p)?;
    let id = st.push_msg(chat_id, m);
    st.render_id(chat_id, id).ok_or_else(ApiErr::chat_not_found)
}

fn send_message(st: &mut State, p: &Params) -> Result<Value, ApiErr> {
    let chat_id = p.chat_id()?;
    st.check_chat(chat_id, true)?;
    if p.str("text").unwrap_or_default().is_empty() {
        return Err(ApiErr::bad("message text is empty"));
    }
    let (text, ents) = parsed_text(p, "text", "entities")?.unwrap_or_default();
    if text.is_empty() {
        return Err(ApiErr::bad("message must be non-empty"));
    }
    if text.chars().count() > 4096 {
        return Err(ApiErr::bad("message is too long"));
    }
    let mut m = st.blank_msg(Some(st.cfg.bot_id), true, SimMessageKind::Text);
    m.view.text = Some(text);
    m.view.entities = ents;
    m.view.parse_mode = p.str("parse_mode").filter(|s| !s.is_empty());
    finish_send(st, chat_id, m, p)
}

/// Resolves a file parameter (upload, `attach://`, file_id or URL) to a
/// stored file id.
fn resolve_file(st: &mut State, p: &Params, field: &str, kind: &str) -> Result<String, ApiErr> {
    let upload = match p.files.get(field) {
        Some(u) => u.clone(),
        None => match p.str(field) {
            None => return Err(ApiErr::bad(format!("there is no {field} in the request"))),
            Some(s) if s.starts_with("attach://") => match p.files.get(&s["attach://".len()..]) {
                Some(u) => u.clone(),
                None => return Err(ApiErr::bad("wrong file identifier/HTTP URL specified")),
            },
            Some(s) if s.starts_with("http://") || s.starts_with("https://") => {
                let name = s
                    .rsplit('/')
                    .next()
                    .map(str::to_owned)
                    .filter(|n| !n.is_empty());
                let mime = name.as_deref().map(|n| guess_mime(n).to_owned());
                return Ok(st.store_file(kind, Vec::new(), name, mime));
            }
            Some(s) if st.files.contains_key(&s) => return Ok(s),
            Some(_) => return Err(ApiErr::bad("wrong file identifier/HTTP URL specified")),
        },
    };
    if upload.bytes.is_empty() {
        return Err(ApiErr::bad("file must be non-empty"));
    }
    if upload.bytes.len() > 50 * 1024 * 1024 {
        return Err(ApiErr::new(413, "Request Entity Too Large"));
    }
    if kind == "photo" && !is_image(&upload.bytes) {
        return Err(ApiErr::bad("IMAGE_PROCESS_FAILED"));
    }
    let name = upload.file_name.filter(|n| !n.is_empty());
    let mime = match kind {
        "photo" => "image/jpeg".to_owned(),
        "voice" => "audio/ogg".to_owned(),
        "audio" => "audio/mpeg".to_owned(),
        "video" => "video/mp4".to_owned(),
        _ => guess_mime(name.as_deref().unwrap_or("")).to_owned(),
    };
    Ok(st.store_file(kind, upload.bytes, name, Some(mime)))
}

/// Media JSON for a stored file.
pub(crate) fn media_json(st: &State, kind: &str, file_id: &str, duration: i64) -> Value {
    let f = &st.files[file_id];
    let mut v = json!({
        "file_id": f.file_id,
        "file_unique_id": f.unique_id,
        "file_size": f.bytes.len(),
    });
    match kind {
        "photo" => {
            let (w, h) = image_size(&f.bytes);
            v["width"] = json!(w);
            v["height"] = json!(h);
            json!([v])
        }
        "voice" => {
            v["duration"] = json!(duration.max(0));
            v["mime_type"] = json!("audio/ogg");
            v
        }
        "audio" => {
            v["duration"] = json!(duration.max(0));
            v["mime_type"] = json!(f.mime.clone().unwrap_or_else(|| "audio/mpeg".to_owned()));
            v
        }
        "video" => {
            v["duration"] = json!(duration.max(0));
            v["width"] = json!(640);
            v["height"] = json!(360);
            v["mime_type"] = json!(f.mime.clone().unwrap_or_else(|| "video/mp4".to_owned()));
            v
        }
        _ => {
            if let Some(n) = &f.name {
                v["file_name"] = json!(n);
            }
            v["mime_type"] = json!(
                f.mime
                    .clone()
                    .unwrap_or_else(|| "application/octet-stream".to_owned())
            );
            v
        }
    }
}

/// Fills a message's media fields.
pub(crate) fn attach_media(st: &State, m: &mut Msg, kind: &str, file_id: &str, duration: i64) {
    let f = &st.files[file_id];
    m.view.file_id = Some(file_id.to_owned());
    m.view.kind = match kind {
        "photo" => SimMessageKind::Photo,
        "voice" => SimMessageKind::Voice,
        "audio" => SimMessageKind::Audio,
        "video" => SimMessageKind::Video,
        _ => SimMessageKind::Document,
    };
    if kind == "document" {
        m.view.file_name = f.name.clone();
    }
    m.view.mime_type = match kind {
        "photo" => None,
        "voice" => Some("audio/ogg".to_owned()),
        _ => f.mime.clone(),
    };
    m.content
        .insert(kind.to_owned(), media_json(st, kind, file_id, duration));
}

fn send_media(st: &mut State, p: &Params, kind: &str) -> Result<Value, ApiErr> {
    let chat_id = p.chat_id()?;
    st.check_chat(chat_id, true)?;
    let cap = caption(p)?;
    let file_id = resolve_file(st, p, kind, kind)?;
    let mut m = st.blank_msg(Some(st.cfg.bot_id), true, SimMessageKind::Other);
    attach_media(st, &mut m, kind, &file_id, p.i64("duration").unwrap_or(0));
    if let Some((c, e)) = cap {
        m.view.caption = Some(c);
        m.view.entities = e;
        m.view.parse_mode = p.str("parse_mode").filter(|s| !s.is_empty());
    }
    finish_send(st, chat_id, m, p)
}

fn send_contact(st: &mut State, p: &Params) -> Result<Value, ApiErr> {
    let chat_id = p.chat_id()?;
    st.check_chat(chat_id, true)?;
    let phone = p
        .str("phone_number")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ApiErr::bad("phone number is empty"))?;
    let first = p
        .str("first_name")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ApiErr::bad("first name is empty"))?;
    let mut m = st.blank_msg(Some(st.cfg.bot_id), true, SimMessageKind::Contact);
    let mut c = json!({ "phone_number": phone, "first_name": first });
    if let Some(l) = p.str("last_name") {
        c["last_name"] = json!(l);
    }
    m.content.insert("contact".into(), c);
    m.view.contact = Some((phone, first, None));
    finish_send(st, chat_id, m, p)
}

fn send_location(st: &mut State, p: &Params) -> Result<Value, ApiErr> {
    let chat_id = p.chat_id()?;
    st.check_chat(chat_id, true)?;
    let (Some(lat), Some(lon)) = (p.f64("latitude"), p.f64("longitude")) else {
        return Err(ApiErr::bad("wrong latitude/longitude specified"));
    };
    let mut m = st.blank_msg(Some(st.cfg.bot_id), true, SimMessageKind::Location);
    m.content.insert(
        "location".into(),
        json!({ "latitude": lat, "longitude": lon }),
    );
    m.view.location = Some((lat, lon));
    finish_send(st, chat_id, m, p)
}

fn copy_or_forward(st: &mut State, p: &Params, forward: bool) -> Result<Value, ApiErr> {
    let to = p.chat_id()?;
    st.check_chat(to, true)?;
    let not_found = || {
        ApiErr::bad(if forward {
            "message to forward not found"
        } else {
            "message to copy not found"
        })
    };
    let from_chat = p
        .i64("from_chat_id")
        .ok_or_else(|| ApiErr::bad("chat_id is empty"))?;
    let mid = p.message_id()?;
    let src_chat = st
        .chats
        .get(&from_chat)
        .ok_or_else(ApiErr::chat_not_found)?;
    let src = src_chat
        .msg(mid)
        .filter(|m| !m.view.deleted)
        .ok_or_else(not_found)?;
    if src.view.kind == SimMessageKind::Service {
        return Err(ApiErr::bad(if forward {
            "message can't be forwarded"
        } else {
            "message can't be copied"
        }));
    }
    let mut m = st.blank_msg(Some(st.cfg.bot_id), true, src.view.kind);
    m.view.text = src.view.text.clone();
    m.view.caption = src.view.caption.clone();
    m.view.entities = src.view.entities.clone();
    m.view.file_id = src.view.file_id.clone();
    m.view.file_name = src.view.file_name.clone();
    m.view.mime_type = src.view.mime_type.clone();
    m.view.contact = src.view.contact.clone();
    m.view.location = src.view.location;
    m.content = src.content.clone();
    m.content.remove("forward_origin");
    if forward {
        let origin = match src.content.get("forward_origin") {
            Some(o) => o.clone(),
            None => json!({
                "type": "user",
                "sender_user": st.user_json(src.view.from.unwrap_or(st.cfg.bot_id)),
                "date": src.view.date,
            }),
        };
        m.view.forward_from_chat = src.view.forward_from_chat;
        m.content.insert("forward_origin".into(), origin);
        let id = st.push_msg(to, m);
        return st.render_id(to, id).ok_or_else(ApiErr::chat_not_found);
    }
    if p.has("caption") && m.view.text.is_none() {
        match caption(p)? {
            Some((c, e)) => {
                m.view.caption = Some(c);
                m.view.entities = e;
            }
            None => {
                m.view.caption = None;
                m.view.entities.clear();
            }
        }
    }
    m.view.reply_markup = reply_markup(p)?;
    m.view.reply_to = reply_to(st, to, p)?;
    let id = st.push_msg(to, m);
    Ok(json!({ "message_id": id }))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum EditKind {
    Text,
    Caption,
    Markup,
}

fn edit_message(st: &mut State, p: &Params, kind: EditKind) -> Result<Value, ApiErr> {
    if p.has("inline_message_id") {
        return Err(ApiErr::bad("MESSAGE_ID_INVALID"));
    }
    let chat_id = p.chat_id()?;
    st.check_chat(chat_id, false)?;
    let mid = p.message_id()?;
    let new_markup = reply_markup(p)?;
    if new_markup
        .as_ref()
        .is_some_and(|m| m.get("inline_keyboard").is_none())
    {
        return Err(ApiErr::bad("inline keyboard expected"));
    }
    // Validate the new content before looking at the message, like the server.
    let new_text = match kind {
        EditKind::Text => {
            if p.str("text").unwrap_or_default().is_empty() {
                return Err(ApiErr::bad("message text is empty"));
            }
            let (t, e) = parsed_text(p, "text", "entities")?.unwrap_or_default();
            if t.is_empty() {
                return Err(ApiErr::bad("message must be non-empty"));
            }
            if t.chars().count() > 4096 {
                return Err(ApiErr::bad("MESSAGE_TOO_LONG"));
            }
            Some((t, e))
        }
        EditKind::Caption => caption(p)?,
        EditKind::Markup => None,
    };
    let parse_mode = p.str("parse_mode").filter(|s| !s.is_empty());
    let chat = st
        .chats
        .get_mut(&chat_id)
        .ok_or_else(ApiErr::chat_not_found)?;
    let m = chat
        .msg_mut(mid)
        .filter(|m| !m.view.deleted)
        .ok_or_else(|| ApiErr::bad("message to edit not found"))?;
    if !m.view.from_bot {
        return Err(ApiErr::bad("message can't be edited"));
    }
    let cur_inline = m
        .view
        .reply_markup
        .clone()
        .filter(|mk| mk.get("inline_keyboard").is_some());
    match kind {
        EditKind::Text => {
            if m.view.text.is_none() {
                return Err(ApiErr::bad("there is no text in the message to edit"));
            }
            let (t, e) = new_text.unwrap_or_default();
            if m.view.text.as_deref() == Some(t.as_str())
                && m.view.entities == e
                && cur_inline == new_markup
            {
                return Err(not_modified());
            }
            m.view.text = Some(t);
            m.view.entities = e;
            m.view.parse_mode = parse_mode;
        }
        EditKind::Caption => {
            if !matches!(
                m.view.kind,
                SimMessageKind::Photo
                    | SimMessageKind::Document
                    | SimMessageKind::Voice
                    | SimMessageKind::Audio
                    | SimMessageKind::Video
            ) {
                return Err(ApiErr::bad("there is no caption in the message to edit"));
            }
            let (c, e) = match new_text {
                Some((c, e)) => (Some(c), e),
                None => (None, Vec::new()),
            };
            if m.view.caption == c && m.view.entities == e && cur_inline == new_markup {
                return Err(not_modified());
            }
            m.view.caption = c;
            m.view.entities = e;
            m.view.parse_mode = parse_mode;
        }
        EditKind::Markup => {
            if cur_inline == new_markup {
                return Err(not_modified());
            }
        }
    }
    // An edit without reply_markup removes the inline keyboard.
    m.view.reply_markup = new_markup;
    m.view.edit_count += 1;
    let body = m.view.body().to_owned();
    m.view.bodies.push(body);
    m.edit_date = Some(unix_now());
    st.render_id(chat_id, mid)
        .ok_or_else(ApiErr::chat_not_found)
}

fn not_modified() -> ApiErr {
    ApiErr::bad(
        "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    )
}

fn delete_message(st: &mut State, p: &Params) -> Result<Value, ApiErr> {
    let chat_id = p.chat_id()?;
    st.check_chat(chat_id, false)?;
    let mid = p.message_id()?;
    let chat = st
        .chats
        .get_mut(&chat_id)
        .ok_or_else(ApiErr::chat_not_found)?;
    let is_private = chat.ty == ChatType::Private;
    let admin = chat.bot_admin;
    let m = chat
        .msg_mut(mid)
        .filter(|m| !m.view.deleted)
        .ok_or_else(|| ApiErr::bad("message to delete not found"))?;
    if m.view.kind == SimMessageKind::Service && !admin && !is_private {
        return Err(ApiErr::bad("message can't be deleted"));
    }
    if !m.view.from_bot && !is_private && !admin {
        return Err(ApiErr::bad("message can't be deleted"));
    }
    m.view.deleted = true;
    Ok(json!(true))
}

fn answer_callback_query(st: &mut State, p: &Params) -> Result<Value, ApiErr> {
    let id = p.str("callback_query_id").unwrap_or_default();
    match st.callbacks.get_mut(&id) {
        Some(answered) if !*answered => {
            *answered = true;
            st.answers.push(CallbackAnswer {
                query_id: id,
                text: p.str("text").filter(|t| !t.is_empty()),
                show_alert: p.bool("show_alert").unwrap_or(false),
                url: p.str("url").filter(|u| !u.is_empty()),
                at: std::time::Instant::now(),
            });
            Ok(json!(true))
        }
        _ => Err(ApiErr::bad(
            "query is too old and response timeout expired or query ID is invalid",
        )),
    }
}

fn command_key(p: &Params) -> (Value, Option<String>) {
    (
        p.json("scope")
            .unwrap_or_else(|| json!({ "type": "default" })),
        p.str("language_code").filter(|l| !l.is_empty()),
    )
}

fn set_my_commands(st: &mut State, p: &Params) -> Result<Value, ApiErr> {
    let list = p
        .json("commands")
        .and_then(|v| v.as_array().cloned())
        .ok_or_else(|| ApiErr::bad("can't parse commands JSON object"))?;
    if list.len() > 100 {
        return Err(ApiErr::bad("BOT_COMMANDS_TOO_MUCH"));
    }
    let mut cmds = Vec::new();
    for c in &list {
        let cmd = c["command"].as_str().unwrap_or("");
        let desc = c["description"].as_str().unwrap_or("");
        let cmd_ok = (1..=32).contains(&cmd.len())
            && cmd
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_');
        if !cmd_ok {
            return Err(ApiErr::bad("BOT_COMMAND_INVALID"));
        }
        if desc.trim().is_empty() || desc.chars().count() > 256 {
            return Err(ApiErr::bad("command description must be non-empty"));
        }
        cmds.push((cmd.to_owned(), desc.to_owned()));
    }
    let (scope, lang) = command_key(p);
    st.commands
        .retain(|c| !(c.scope == scope && c.language_code == lang));
    if !cmds.is_empty() {
        st.commands.push(CommandSet {
            scope,
            language_code: lang,
            commands: cmds,
        });
    }
    Ok(json!(true))
}

fn get_chat(st: &State, p: &Params) -> Result<Value, ApiErr> {
    let chat_id = p.chat_id()?;
    let chat = lookup_chat(st, chat_id)?;
    let mut v = st.chat_json(chat);
    v["accepted_gift_types"] = json!({
        "unlimited_gifts": false,
        "limited_gifts": false,
        "unique_gifts": false,
        "premium_subscription": false,
    });
    v["max_reaction_count"] = json!(11);
    v["accent_color_id"] = json!(0);
    Ok(v)
}

fn get_chat_member(st: &State, p: &Params) -> Result<Value, ApiErr> {
    let chat_id = p.chat_id()?;
    let user_id = p
        .i64("user_id")
        .ok_or_else(|| ApiErr::bad("user not found"))?;
    let chat = lookup_chat(st, chat_id)?;
    if user_id == st.cfg.bot_id {
        let status = if chat.ty == ChatType::Private {
            "member"
        } else {
            st.bot_status_str(chat)
        };
        return Ok(st.member_json(user_id, status));
    }
    if !st.users.contains_key(&user_id) {
        return Err(ApiErr::bad("user not found"));
    }
    let status = match chat.ty {
        ChatType::Private if user_id == chat_id => "member",
        ChatType::Private => return Err(ApiErr::bad("user not found")),
        _ if chat.admins.contains(&user_id) => "administrator",
        _ if chat.members.contains(&user_id) => "member",
        _ => "left",
    };
    Ok(st.member_json(user_id, status))
}
