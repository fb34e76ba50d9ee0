//! Integration tests: teloxide 0.17 against the simulator, plus raw HTTP for
//! what teloxide can't show quickly (5xx, 401, 404).

use std::time::{Duration, Instant};

use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::ChatMigration;
use teloxide::types::{
    AllowedUpdate, BotCommand, BotCommandScope, ButtonRequest, CallbackQueryId, ChatMemberKind,
    InlineKeyboardButton, InlineKeyboardMarkup, InputFile, KeyboardButton, KeyboardMarkup,
    KeyboardRemove, MediaKind, MessageId, MessageKind, MessageOrigin, ParseMode, ReplyParameters,
    UpdateKind,
};
use teloxide::{ApiError, RequestError};
use tg_sim::{Fault, Limits, Sim, SimConfig, SimMessageKind, SimUser};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const ALICE: i64 = 1001;
const BOB: i64 = 1002;
const GROUP: i64 = -5001;

async fn setup() -> (Sim, Bot) {
    let sim = Sim::start(SimConfig::default()).await.expect("start sim");
    let bot = Bot::new(sim.token()).set_api_url(sim.api_url().parse().expect("url"));
    sim.add_user(
        SimUser::new(ALICE, "王芳")
            .lang("zh-hans")
            .username("wangfang"),
    );
    sim.add_user(SimUser::new(BOB, "Bob").last_name("Smith").lang("en"));
    (sim, bot)
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
    v.extend_from_slice(&13u32.to_be_bytes());
    v.extend_from_slice(b"IHDR");
    v.extend_from_slice(&w.to_be_bytes());
    v.extend_from_slice(&h.to_be_bytes());
    v.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
    v.extend_from_slice(&[0, 0, 0, 0]);
    v.extend_from_slice(b"IEND");
    v.extend_from_slice(&[0xAE, 0x42, 0x60, 0x82]);
    v
}

/// Fetches all pending updates and confirms them.
async fn drain(bot: &Bot) -> Vec<Update> {
    let ups = bot.get_updates().await.expect("getUpdates");
    if let Some(last) = ups.last() {
        bot.get_updates()
            .offset(last.id.as_offset())
            .timeout(0)
            .await
            .expect("confirm");
    }
    ups
}

fn api_err(e: RequestError) -> ApiError {
    match e {
        RequestError::Api(a) => a,
        other => panic!("expected an API error, got {other:?}"),
    }
}

async fn raw_http(sim: &Sim, method: &str, path: &str, body: &str) -> (u16, String) {
    let addr = sim.api_url().trim_start_matches("http://").to_owned();
    let mut s = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await.expect("write");
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.expect("read");
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

#[tokio::test]
async fn get_me_deserializes() {
    let (sim, bot) = setup().await;
    let me = bot.get_me().await.expect("getMe");
    assert_eq!(me.username(), "lianxin_bot");
    assert!(me.is_bot);
    assert_eq!(me.id.0 as i64, sim.bot_id());
    assert!(me.can_join_groups);
    assert!(
        !me.can_read_all_group_messages,
        "privacy mode is on by default"
    );
    let calls = sim.calls_of("getMe");
    assert_eq!(calls.len(), 1);
    assert!(calls[0].ok);
}

#[tokio::test]
async fn send_text_with_inline_keyboard_and_read_back() {
    let (sim, bot) = setup().await;
    // Alice never wrote: the bot can't initiate.
    let err = bot.send_message(ChatId(ALICE), "hi").await.unwrap_err();
    match api_err(err) {
        ApiError::Unknown(t) => {
            assert_eq!(t, "Forbidden: bot can't initiate conversation with a user")
        }
        other => panic!("unexpected {other:?}"),
    }
    sim.send_text(ALICE, ALICE, "/start");
    let kb = InlineKeyboardMarkup::new(vec![
        vec![
            InlineKeyboardButton::callback("✅ 已学习", "learned:42"),
            InlineKeyboardButton::callback("稍后", "later:42"),
        ],
        vec![InlineKeyboardButton::url(
            "打开",
            "https://example.org/lesson/42".parse().unwrap(),
        )],
    ]);
    let msg = bot
        .send_message(ChatId(ALICE), "<b>第1课</b> 请学习 &amp; 反馈")
        .parse_mode(ParseMode::Html)
        .reply_markup(kb)
        .await
        .expect("send");
    assert_eq!(msg.text(), Some("第1课 请学习 & 反馈"));
    assert!(msg.reply_markup().is_some());
    assert_eq!(msg.from.as_ref().map(|u| u.is_bot), Some(true));
    let ents = msg.parse_entities().expect("entities");
    assert_eq!(ents[0].text(), "第1课");

    let t = sim.transcript(ALICE);
    assert_eq!(t.len(), 2);
    assert!(!t[0].from_bot);
    assert_eq!(t[0].kind, SimMessageKind::Text);
    let m = &t[1];
    assert!(m.from_bot);
    assert_eq!(m.body(), "第1课 请学习 & 反馈");
    assert_eq!(m.parse_mode.as_deref(), Some("HTML"));
    assert_eq!(
        m.inline_buttons(),
        vec![
            vec![
                ("✅ 已学习".to_owned(), "learned:42".to_owned()),
                ("稍后".to_owned(), "later:42".to_owned())
            ],
            vec![(
                "打开".to_owned(),
                "https://example.org/lesson/42".to_owned()
            )],
        ]
    );
    assert_eq!(m.button_texts(), vec!["✅ 已学习", "稍后", "打开"]);
    assert_eq!(sim.last_bot_message(ALICE).unwrap().message_id, msg.id.0);
    assert!(
        sim.press(ALICE, ALICE, "打开").is_err(),
        "URL buttons can't be pressed"
    );
    assert!(sim.press(ALICE, ALICE, "nope").is_err());
}

#[tokio::test]
async fn upload_and_download_files() {
    let (sim, bot) = setup().await;
    sim.send_text(ALICE, ALICE, "/start");
    let img = png(290, 290);
    let photo = bot
        .send_photo(
            ChatId(ALICE),
            InputFile::memory(img.clone()).file_name("qr.png"),
        )
        .caption("扫码报名")
        .await
        .expect("sendPhoto");
    let sizes = photo.photo().expect("photo");
    assert_eq!((sizes[0].width, sizes[0].height), (290, 290));
    assert_eq!(photo.caption(), Some("扫码报名"));
    let fid = sizes[0].file.id.clone();
    assert_eq!(sim.download(&fid.0), Some(img.clone()));
    let file = bot.get_file(fid.clone()).await.expect("getFile");
    let mut buf = Vec::new();
    bot.download_file(&file.path, &mut buf)
        .await
        .expect("download");
    assert_eq!(buf, img);

    // Re-send by file_id (teloxide still uses multipart).
    let again = bot
        .send_photo(ChatId(ALICE), InputFile::file_id(fid.clone()))
        .await
        .expect("resend");
    assert_eq!(again.photo().unwrap()[0].file.id, fid);

    let csv = "姓名,电话\n王芳,13800000000\n".as_bytes().to_vec();
    let doc = bot
        .send_document(
            ChatId(ALICE),
            InputFile::memory(csv.clone()).file_name("名单.csv"),
        )
        .await
        .expect("sendDocument");
    let d = doc.document().expect("document");
    assert_eq!(d.file_name.as_deref(), Some("名单.csv"));
    assert_eq!(
        d.mime_type
            .as_ref()
            .map(|m| m.essence_str().to_owned())
            .as_deref(),
        Some("text/csv")
    );
    let file = bot.get_file(d.file.id.clone()).await.expect("getFile");
    let mut buf = Vec::new();
    bot.download_file(&file.path, &mut buf)
        .await
        .expect("download");
    assert_eq!(buf, csv);
    let last = sim.last_bot_message(ALICE).unwrap();
    assert_eq!(last.kind, SimMessageKind::Document);
    assert_eq!(last.file_name.as_deref(), Some("名单.csv"));

    let voice = bot
        .send_voice(ChatId(ALICE), InputFile::memory(b"OggS fake".to_vec()))
        .duration(3)
        .await
        .expect("voice");
    assert_eq!(voice.voice().expect("voice kind").duration.seconds(), 3);

    // Not an image → like the real server.
    let err = bot
        .send_photo(ChatId(ALICE), InputFile::memory(b"not an image".to_vec()))
        .await
        .unwrap_err();
    assert_eq!(api_err(err), ApiError::ImageProcessFailed);
    let err = bot
        .get_file(teloxide::types::FileId("nope".into()))
        .await
        .unwrap_err();
    assert!(matches!(api_err(err), ApiError::Unknown(t) if t.contains("invalid file_id")));
}

#[tokio::test]
async fn updates_deserialize_to_the_right_kinds() {
    let (sim, bot) = setup().await;
    sim.send_text(ALICE, ALICE, "/start@lianxin_bot hello");
    sim.send_contact(ALICE, ALICE, "+8613800000000", "王芳", Some(ALICE));
    sim.send_document(ALICE, ALICE, "名单.xlsx", "", vec![1, 2, 3], Some("请导入"));
    sim.send_photo(BOB, BOB, png(10, 20), None);
    sim.send_voice(BOB, BOB, b"OggS".to_vec(), 4);
    sim.send_location(BOB, BOB, 31.2, 121.5);
    sim.forward_text(BOB, BOB, "频道文章", (-100_777, "学习频道"));
    let sent = bot
        .send_message(ChatId(ALICE), "选择")
        .reply_markup(InlineKeyboardMarkup::new(vec![vec![
            InlineKeyboardButton::callback("是", "yes"),
        ]]))
        .await
        .unwrap();
    let qid = sim.press(ALICE, ALICE, "是").unwrap();
    sim.reply_text(ALICE, ALICE, sent.id.0, "回复");
    sim.create_group(GROUP, "第一支部");
    sim.add_bot_to_group(ALICE, GROUP);
    sim.user_blocks_bot(BOB);

    let ups = drain(&bot).await;
    for u in &ups {
        assert!(
            !matches!(u.kind, UpdateKind::Error(_)),
            "update {:?} failed to parse",
            u.id
        );
    }
    let ids: Vec<u32> = ups.iter().map(|u| u.id.0).collect();
    assert_eq!(ids, (1..=ids.len() as u32).collect::<Vec<_>>());

    let msgs: Vec<&Message> = ups
        .iter()
        .filter_map(|u| match &u.kind {
            UpdateKind::Message(m) => Some(m),
            _ => None,
        })
        .collect();
    // 1: command
    let m = msgs[0];
    assert_eq!(m.text(), Some("/start@lianxin_bot hello"));
    assert_eq!(m.chat.id, ChatId(ALICE));
    assert_eq!(m.chat.first_name(), Some("王芳"));
    let from = m.from.as_ref().unwrap();
    assert_eq!(from.language_code.as_deref(), Some("zh-hans"));
    assert_eq!(from.username.as_deref(), Some("wangfang"));
    assert_eq!(m.parse_entities().unwrap()[0].text(), "/start@lianxin_bot");
    // 2: contact
    let c = m_contact(msgs[1]);
    assert_eq!(c.phone_number, "+8613800000000");
    assert_eq!(c.user_id.map(|u| u.0 as i64), Some(ALICE));
    // 3: document
    let d = msgs[2].document().expect("document");
    assert_eq!(d.file_name.as_deref(), Some("名单.xlsx"));
    assert_eq!(msgs[2].caption(), Some("请导入"));
    let f = bot.get_file(d.file.id.clone()).await.unwrap();
    let mut buf = Vec::new();
    bot.download_file(&f.path, &mut buf).await.unwrap();
    assert_eq!(buf, vec![1, 2, 3]);
    // 4..7: photo, voice, location, forwarded channel post
    assert_eq!(msgs[3].photo().unwrap()[0].height, 20);
    assert_eq!(
        msgs[4]
            .voice()
            .expect("voice needs mime_type")
            .duration
            .seconds(),
        4
    );
    assert!(msgs[5].location().is_some());
    match msgs[6].forward_origin() {
        Some(MessageOrigin::Channel { chat, .. }) => assert_eq!(chat.title(), Some("学习频道")),
        other => panic!("unexpected origin {other:?}"),
    }
    // callback query with the stored bot message
    let q = ups
        .iter()
        .find_map(|u| match &u.kind {
            UpdateKind::CallbackQuery(q) => Some(q),
            _ => None,
        })
        .expect("callback query");
    assert_eq!(q.id.0, qid);
    assert_eq!(q.data.as_deref(), Some("yes"));
    let qm = q.regular_message().expect("regular message");
    assert_eq!(qm.id, sent.id);
    assert_eq!(qm.text(), Some("选择"));
    // reply to the bot message
    let r = msgs[7];
    assert_eq!(r.reply_to_message().map(|m| m.id), Some(sent.id));
    // group: my_chat_member + new_chat_members service message
    let mcm: Vec<_> = ups
        .iter()
        .filter_map(|u| match &u.kind {
            UpdateKind::MyChatMember(m) => Some(m),
            _ => None,
        })
        .collect();
    assert_eq!(mcm.len(), 2);
    assert_eq!(mcm[0].chat.id, ChatId(GROUP));
    assert!(mcm[0].chat.is_group());
    assert!(matches!(mcm[0].old_chat_member.kind, ChatMemberKind::Left));
    assert!(matches!(
        mcm[0].new_chat_member.kind,
        ChatMemberKind::Member(_)
    ));
    assert_eq!(mcm[0].from.id.0 as i64, ALICE);
    assert!(
        matches!(mcm[1].new_chat_member.kind, ChatMemberKind::Banned(_)),
        "blocking = kicked in private"
    );
    assert!(matches!(msgs[8].kind, MessageKind::NewChatMembers(_)));
    assert_eq!(sim.pending_updates(), 0);
    assert_eq!(sim.delivered_updates(), ups.len() as u64);
}

fn m_contact(m: &Message) -> &teloxide::types::Contact {
    m.contact().expect("contact")
}

#[tokio::test]
async fn edit_and_not_modified() {
    let (sim, bot) = setup().await;
    sim.send_text(ALICE, ALICE, "/start");
    let kb = InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback("A", "a")]]);
    let m = bot
        .send_message(ChatId(ALICE), "v1")
        .reply_markup(kb.clone())
        .await
        .unwrap();
    let e = bot
        .edit_message_text(ChatId(ALICE), m.id, "v2")
        .reply_markup(kb.clone())
        .await
        .unwrap();
    assert_eq!(e.text(), Some("v2"));
    assert!(e.edit_date().is_some());
    let err = bot
        .edit_message_text(ChatId(ALICE), m.id, "v2")
        .reply_markup(kb.clone())
        .await
        .unwrap_err();
    assert_eq!(api_err(err), ApiError::MessageNotModified);
    // Without reply_markup the inline keyboard goes away (real server behaviour).
    bot.edit_message_text(ChatId(ALICE), m.id, "v2")
        .await
        .unwrap();
    let now = sim.message(ALICE, m.id.0).unwrap();
    assert!(!now.has_inline_keyboard());
    assert_eq!(now.edit_count, 2);
    let err = bot
        .edit_message_reply_markup(ChatId(ALICE), m.id)
        .await
        .unwrap_err();
    assert_eq!(api_err(err), ApiError::MessageNotModified);
    // Not found / not editable.
    let err = bot
        .edit_message_text(ChatId(ALICE), MessageId(999), "x")
        .await
        .unwrap_err();
    assert_eq!(api_err(err), ApiError::MessageToEditNotFound);
    let err = bot
        .edit_message_text(ChatId(ALICE), MessageId(1), "x")
        .await
        .unwrap_err();
    assert_eq!(api_err(err), ApiError::MessageCantBeEdited);
    // Delete then edit.
    bot.delete_message(ChatId(ALICE), m.id).await.unwrap();
    assert!(sim.message(ALICE, m.id.0).unwrap().deleted);
    let err = bot
        .edit_message_text(ChatId(ALICE), m.id, "v3")
        .await
        .unwrap_err();
    assert_eq!(api_err(err), ApiError::MessageToEditNotFound);
    let err = bot.delete_message(ChatId(ALICE), m.id).await.unwrap_err();
    assert_eq!(api_err(err), ApiError::MessageToDeleteNotFound);
    assert_eq!(sim.bot_messages(ALICE).len(), 1);
    assert!(sim.last_bot_message(ALICE).is_none());
}

#[tokio::test]
async fn text_validation_errors() {
    let (sim, bot) = setup().await;
    sim.send_text(ALICE, ALICE, "hi");
    let err = bot.send_message(ChatId(ALICE), "").await.unwrap_err();
    assert_eq!(api_err(err), ApiError::MessageTextIsEmpty);
    let err = bot
        .send_message(ChatId(ALICE), "字".repeat(4097))
        .await
        .unwrap_err();
    assert_eq!(api_err(err), ApiError::MessageIsTooLong);
    bot.send_message(ChatId(ALICE), "字".repeat(4096))
        .await
        .expect("exactly 4096 is fine");
    let err = bot
        .send_message(ChatId(ALICE), "x")
        .reply_markup(InlineKeyboardMarkup::new(vec![vec![
            InlineKeyboardButton::callback("b", "d".repeat(65)),
        ]]))
        .await
        .unwrap_err();
    assert_eq!(api_err(err), ApiError::ButtonDataInvalid);
    let err = bot
        .send_message(ChatId(ALICE), "<b>x")
        .parse_mode(ParseMode::Html)
        .await
        .unwrap_err();
    assert!(
        matches!(api_err(err), ApiError::CantParseEntities(t) if t.contains("Can't find end tag"))
    );
    let err = bot
        .send_message(ChatId(ALICE), "v1.2")
        .parse_mode(ParseMode::MarkdownV2)
        .await
        .unwrap_err();
    assert!(
        matches!(api_err(err), ApiError::CantParseEntities(t) if t.contains("Character '.' is reserved"))
    );
    let err = bot
        .send_photo(ChatId(ALICE), InputFile::memory(png(1, 1)))
        .caption("c".repeat(1025))
        .await
        .unwrap_err();
    assert!(
        matches!(api_err(err), ApiError::Unknown(t) if t == "Bad Request: message caption is too long")
    );
    let err = bot.send_message(ChatId(424242), "x").await.unwrap_err();
    assert_eq!(api_err(err), ApiError::ChatNotFound);
    let err = bot.send_message(ChatId(-424242), "x").await.unwrap_err();
    assert_eq!(api_err(err), ApiError::ChatNotFound);
    // Reply to a missing message.
    let err = bot
        .send_message(ChatId(ALICE), "x")
        .reply_parameters(ReplyParameters::new(MessageId(777)))
        .await
        .unwrap_err();
    assert_eq!(api_err(err), ApiError::MessageToReplyNotFound);
    assert!(sim.calls().iter().filter(|c| !c.ok).count() >= 9);
}

#[tokio::test]
async fn callback_query_answered_once() {
    let (sim, bot) = setup().await;
    sim.send_text(ALICE, ALICE, "/start");
    bot.send_message(ChatId(ALICE), "q")
        .reply_markup(InlineKeyboardMarkup::new(vec![vec![
            InlineKeyboardButton::callback("确认", "ok"),
        ]]))
        .await
        .unwrap();
    let qid = sim.press(ALICE, ALICE, "确认").unwrap();
    bot.answer_callback_query(CallbackQueryId(qid.clone()))
        .text("已确认")
        .show_alert(true)
        .await
        .unwrap();
    let err = bot
        .answer_callback_query(CallbackQueryId(qid.clone()))
        .await
        .unwrap_err();
    match api_err(err) {
        ApiError::Unknown(t) => assert!(t.contains("query is too old"), "{t}"),
        other => panic!("unexpected {other:?}"),
    }
    let a = sim.answer_for(&qid).unwrap();
    assert_eq!(a.text.as_deref(), Some("已确认"));
    assert!(a.show_alert);
    assert_eq!(sim.callback_answers().len(), 1);
    let err = bot
        .answer_callback_query(CallbackQueryId("123".into()))
        .await
        .unwrap_err();
    assert!(matches!(api_err(err), ApiError::Unknown(t) if t.contains("query is too old")));
}

#[tokio::test]
async fn blocked_deactivated_and_faults() {
    let (sim, bot) = setup().await;
    sim.send_text(ALICE, ALICE, "/start");
    sim.send_text(BOB, BOB, "/start");
    sim.user_blocks_bot(ALICE);
    let err = bot.send_message(ChatId(ALICE), "x").await.unwrap_err();
    assert_eq!(api_err(err), ApiError::BotBlocked);
    sim.deactivate_user(BOB);
    let err = bot.send_message(ChatId(BOB), "x").await.unwrap_err();
    assert_eq!(api_err(err), ApiError::UserDeactivated);
    // Alice writes again → unblocked.
    sim.send_text(ALICE, ALICE, "/start");
    bot.send_message(ChatId(ALICE), "welcome back")
        .await
        .unwrap();

    sim.inject(ALICE, Fault::Blocked, Some(1));
    let err = bot.send_message(ChatId(ALICE), "x").await.unwrap_err();
    assert_eq!(api_err(err), ApiError::BotBlocked);
    bot.send_message(ChatId(ALICE), "fault consumed")
        .await
        .unwrap();
    sim.inject(ALICE, Fault::TooManyRequests(7), None);
    let err = bot.send_message(ChatId(ALICE), "x").await.unwrap_err();
    assert!(matches!(err, RequestError::RetryAfter(s) if s.seconds() == 7));
    sim.clear_faults();
    sim.inject(ALICE, Fault::Slow(Duration::from_millis(300)), Some(1));
    let t = Instant::now();
    bot.send_message(ChatId(ALICE), "slow").await.unwrap();
    assert!(t.elapsed() >= Duration::from_millis(300));
    sim.inject(ALICE, Fault::ChatNotFound, Some(1));
    assert_eq!(
        api_err(bot.send_message(ChatId(ALICE), "x").await.unwrap_err()),
        ApiError::ChatNotFound
    );
    sim.inject(ALICE, Fault::Migrated(-100_123), Some(1));
    let err = bot.send_message(ChatId(ALICE), "x").await.unwrap_err();
    assert!(matches!(err, RequestError::MigrateToChatId(c) if c == ChatId(-100_123)));

    // Deterministic random faults.
    let run = |seed| {
        let sim = sim.clone();
        let bot = bot.clone();
        async move {
            sim.clear_faults();
            sim.inject_rate(Fault::Deactivated, 0.5, seed);
            let mut pattern = Vec::new();
            for _ in 0..12 {
                pattern.push(bot.send_message(ChatId(ALICE), "r").await.is_ok());
            }
            sim.clear_faults();
            pattern
        }
    };
    let a = run(42).await;
    let b = run(42).await;
    assert_eq!(a, b);
    assert!(a.contains(&true) && a.contains(&false), "{a:?}");
}

#[tokio::test]
async fn server_error_fault_is_fast_over_raw_http() {
    let (sim, _bot) = setup().await;
    sim.send_text(ALICE, ALICE, "/start");
    sim.inject(ALICE, Fault::ServerError(502), Some(1));
    let path = format!("/bot{}/sendMessage", sim.token());
    let body = format!(r#"{{"chat_id":{ALICE},"text":"hi"}}"#);
    let t = Instant::now();
    let (status, resp) = raw_http(&sim, "POST", &path, &body).await;
    assert!(t.elapsed() < Duration::from_secs(1));
    assert_eq!(status, 502);
    let v: serde_json::Value = serde_json::from_str(&resp).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["error_code"], 502);
    let (status, resp) = raw_http(&sim, "POST", &path, &body).await;
    assert_eq!(status, 200, "{resp}");
    let c = sim.calls_of("sendmessage");
    assert_eq!(c[0].error_code, Some(502));
    assert!(c[1].ok);

    // Wrong token and unknown method.
    let (status, resp) = raw_http(&sim, "POST", "/bot123:wrong/getMe", "{}").await;
    assert_eq!(status, 401);
    assert_eq!(
        resp,
        r#"{"description":"Unauthorized","error_code":401,"ok":false}"#.replace("\n", "")
    );
    let (status, resp) = raw_http(
        &sim,
        "POST",
        &format!("/bot{}/sendSticker2", sim.token()),
        "{}",
    )
    .await;
    assert_eq!(status, 404);
    assert!(resp.contains("\"Not Found\""));
    // Urlencoded GET works too; method names are case-insensitive.
    let (status, resp) = raw_http(&sim, "GET", &format!("/bot{}/GETME?x=1", sim.token()), "").await;
    assert_eq!(status, 200);
    assert!(resp.contains("\"lianxin_bot\""));
}

#[tokio::test]
async fn migrate_group_to_supergroup() {
    let (sim, bot) = setup().await;
    sim.create_group(GROUP, "支部群");
    sim.add_bot_to_group(ALICE, GROUP);
    bot.send_message(ChatId(GROUP), "大家好").await.unwrap();
    sim.migrate_group(GROUP, -100_5001);
    let err = bot.send_message(ChatId(GROUP), "again").await.unwrap_err();
    assert!(
        matches!(err, RequestError::MigrateToChatId(c) if c == ChatId(-100_5001)),
        "{err:?}"
    );
    let m = bot.send_message(ChatId(-100_5001), "again").await.unwrap();
    assert!(m.chat.is_supergroup());
    let ups = drain(&bot).await;
    let migrations: Vec<_> = ups
        .iter()
        .filter_map(|u| match &u.kind {
            UpdateKind::Message(m) => match &m.kind {
                MessageKind::Common(c) => match &c.media_kind {
                    MediaKind::Migration(mig) => Some((m.chat.id, *mig)),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        })
        .collect();
    assert_eq!(migrations.len(), 2, "{ups:#?}");
    assert_eq!(migrations[0].0, ChatId(GROUP));
    assert_eq!(migrations[1].0, ChatId(-100_5001));
    assert!(
        matches!(migrations[0].1, ChatMigration::To { chat_id } if chat_id == ChatId(-100_5001))
    );
    assert!(matches!(migrations[1].1, ChatMigration::From { chat_id } if chat_id == ChatId(GROUP)));
    let chat = bot.get_chat(ChatId(-100_5001)).await.unwrap();
    assert!(chat.is_supergroup());
}

#[tokio::test]
async fn limits_produce_retry_after() {
    let (sim, bot) = setup().await;
    sim.send_text(ALICE, ALICE, "/start");
    sim.enforce_limits(Some(Limits::default()));
    bot.send_message(ChatId(ALICE), "1").await.unwrap();
    let err = bot.send_message(ChatId(ALICE), "2").await.unwrap_err();
    assert!(
        matches!(err, RequestError::RetryAfter(s) if s.seconds() >= 1),
        "{err:?}"
    );
    // answerCallbackQuery and sendChatAction are not counted.
    bot.send_chat_action(ChatId(ALICE), teloxide::types::ChatAction::Typing)
        .await
        .unwrap();
    assert_eq!(sim.limit_violations(), 1);

    sim.create_group(GROUP, "g");
    sim.add_bot_to_group(ALICE, GROUP);
    sim.enforce_limits(Some(Limits {
        global_per_second: 1000,
        per_chat_per_second: 1000,
        group_per_minute: 3,
    }));
    for _ in 0..3 {
        bot.send_message(ChatId(GROUP), "x").await.unwrap();
    }
    let err = bot.send_message(ChatId(GROUP), "x").await.unwrap_err();
    assert!(
        matches!(err, RequestError::RetryAfter(s) if s.seconds() > 1),
        "{err:?}"
    );
    sim.enforce_limits(None);
    bot.send_message(ChatId(GROUP), "x").await.unwrap();
    assert_eq!(sim.limit_violations(), 2);
}

#[tokio::test]
async fn privacy_mode_in_groups() {
    let (sim, bot) = setup().await;
    sim.create_group(GROUP, "g");
    sim.send_text(BOB, GROUP, "before the bot joined");
    sim.add_bot_to_group(ALICE, GROUP);
    drain(&bot).await;
    let bot_msg = bot.send_message(ChatId(GROUP), "我是机器人").await.unwrap();
    sim.send_text(BOB, GROUP, "plain chatter");
    sim.send_text(BOB, GROUP, "/help");
    sim.send_text(BOB, GROUP, "/help@other_bot");
    sim.reply_text(BOB, GROUP, bot_msg.id.0, "reply to bot");
    let texts: Vec<String> = drain(&bot)
        .await
        .iter()
        .filter_map(|u| match &u.kind {
            UpdateKind::Message(m) => m.text().map(str::to_owned),
            _ => None,
        })
        .collect();
    assert_eq!(texts, vec!["/help", "reply to bot"]);
    sim.set_bot_admin(GROUP, true);
    sim.send_text(BOB, GROUP, "admin sees all");
    sim.set_bot_admin(GROUP, false);
    sim.set_privacy_mode(false);
    sim.send_text(BOB, GROUP, "privacy off");
    let ups = drain(&bot).await;
    let texts: Vec<&str> = ups
        .iter()
        .filter_map(|u| match &u.kind {
            UpdateKind::Message(m) => m.text(),
            _ => None,
        })
        .collect();
    assert_eq!(texts, vec!["admin sees all", "privacy off"]);
    assert_eq!(
        ups.iter()
            .filter(|u| matches!(u.kind, UpdateKind::MyChatMember(_)))
            .count(),
        2
    );
    // The transcript has everything regardless.
    assert_eq!(sim.transcript(GROUP).len(), 9);
    // Removed bot: no more updates, sends fail.
    sim.remove_bot_from_group(ALICE, GROUP);
    let err = bot.send_message(ChatId(GROUP), "x").await.unwrap_err();
    assert!(
        matches!(api_err(err), ApiError::Unknown(t) if t == "Forbidden: bot was kicked from the group chat")
    );
}

#[tokio::test]
async fn allowed_updates_filtering() {
    let (sim, bot) = setup().await;
    sim.send_text(ALICE, ALICE, "/start");
    let ups = bot
        .get_updates()
        .allowed_updates(vec![AllowedUpdate::Message])
        .await
        .unwrap();
    assert_eq!(ups.len(), 1);
    bot.get_updates()
        .offset(ups[0].id.as_offset())
        .await
        .unwrap();
    assert_eq!(sim.allowed_updates(), Some(vec!["message".to_owned()]));
    let m = bot
        .send_message(ChatId(ALICE), "q")
        .reply_markup(InlineKeyboardMarkup::new(vec![vec![
            InlineKeyboardButton::callback("x", "x"),
        ]]))
        .await
        .unwrap();
    sim.press_button(ALICE, ALICE, m.id.0, "x");
    sim.create_group(GROUP, "g");
    sim.add_bot_to_group(ALICE, GROUP); // my_chat_member dropped; service message kept
    sim.send_text(ALICE, ALICE, "text");
    assert_eq!(sim.pending_updates(), 2);
    let ups = drain(&bot).await;
    assert!(ups.iter().all(|u| matches!(u.kind, UpdateKind::Message(_))));
    // An empty list restores the default set.
    bot.get_updates().allowed_updates(vec![]).await.unwrap();
    sim.press_button(ALICE, ALICE, m.id.0, "x");
    assert_eq!(sim.pending_updates(), 1);
}

#[tokio::test]
async fn long_poll_wakes_promptly_and_conflicts() {
    let (sim, bot) = setup().await;
    let b = bot.clone();
    let t = Instant::now();
    let poll = tokio::spawn(async move { b.get_updates().timeout(5).await });
    tokio::time::sleep(Duration::from_millis(200)).await;
    sim.send_text(ALICE, ALICE, "wake up");
    let ups = poll.await.unwrap().unwrap();
    assert_eq!(ups.len(), 1);
    assert!(
        t.elapsed() < Duration::from_secs(2),
        "woke after {:?}",
        t.elapsed()
    );

    // Empty poll honours the timeout.
    let offset = ups[0].id.as_offset();
    let t = Instant::now();
    let ups = bot.get_updates().offset(offset).timeout(1).await.unwrap();
    assert!(ups.is_empty());
    assert!(t.elapsed() >= Duration::from_millis(900));

    // A second concurrent getUpdates ends the first with 409.
    let b = bot.clone();
    let first = tokio::spawn(async move { b.get_updates().offset(offset).timeout(5).await });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let second = bot.get_updates().offset(offset).timeout(0).await;
    assert!(second.is_ok());
    let err = first.await.unwrap().unwrap_err();
    assert_eq!(api_err(err), ApiError::TerminatedByOtherGetUpdates);
}

#[tokio::test]
async fn commands_chat_info_and_keyboards() {
    let (sim, bot) = setup().await;
    bot.set_my_commands(vec![
        BotCommand::new("start", "开始"),
        BotCommand::new("help", "帮助"),
    ])
    .language_code("zh")
    .await
    .unwrap();
    bot.set_my_commands(vec![BotCommand::new("admin", "管理")])
        .scope(BotCommandScope::Chat {
            chat_id: teloxide::types::Recipient::Id(ChatId(ALICE)),
        })
        .await
        .unwrap();
    let got = bot.get_my_commands().language_code("zh").await.unwrap();
    assert_eq!(got.len(), 2);
    assert!(bot.get_my_commands().await.unwrap().is_empty());
    let sets = sim.my_commands();
    assert_eq!(sets.len(), 2);
    assert_eq!(sets[0].language_code.as_deref(), Some("zh"));
    assert_eq!(sets[1].scope["type"], "chat");
    bot.delete_my_commands().language_code("zh").await.unwrap();
    assert_eq!(sim.my_commands().len(), 1);
    let err = bot
        .set_my_commands(vec![BotCommand::new("Start", "x")])
        .await
        .unwrap_err();
    assert!(matches!(api_err(err), ApiError::Unknown(t) if t.contains("BOT_COMMAND_INVALID")));

    let chat = bot.get_chat(ChatId(ALICE)).await.unwrap();
    assert!(chat.is_private());
    sim.create_group(GROUP, "g");
    sim.add_bot_to_group(ALICE, GROUP);
    let chat = bot.get_chat(ChatId(GROUP)).await.unwrap();
    assert!(chat.is_group());
    let me = bot
        .get_chat_member(ChatId(GROUP), UserId(sim.bot_id() as u64))
        .await
        .unwrap();
    assert!(me.kind.is_member());
    sim.set_bot_admin(GROUP, true);
    let me = bot
        .get_chat_member(ChatId(GROUP), UserId(sim.bot_id() as u64))
        .await
        .unwrap();
    assert!(me.kind.is_administrator());
    let alice = bot
        .get_chat_member(ChatId(GROUP), UserId(ALICE as u64))
        .await
        .unwrap();
    assert!(alice.kind.is_present());
    bot.set_chat_menu_button().await.unwrap();

    // Reply keyboard asking for the phone number, then removal.
    sim.send_text(ALICE, ALICE, "/start");
    let kb = KeyboardMarkup::new(vec![vec![
        KeyboardButton::new("📱 分享手机号").request(ButtonRequest::Contact),
    ]])
    .resize_keyboard()
    .one_time_keyboard();
    let m = bot
        .send_message(ChatId(ALICE), "请分享手机号")
        .reply_markup(kb)
        .await
        .unwrap();
    assert!(
        m.reply_markup().is_none(),
        "reply keyboards are not echoed in Message"
    );
    let last = sim.last_bot_message(ALICE).unwrap();
    let rk = last.reply_keyboard().unwrap();
    assert!(rk[0][0].request_contact);
    assert_eq!(last.button_texts(), vec!["📱 分享手机号"]);
    assert!(sim.reply_keyboard(ALICE).is_some());
    sim.send_contact(ALICE, ALICE, "+86 138", "王芳", Some(ALICE));
    assert!(
        sim.reply_keyboard(ALICE).is_none(),
        "one-time keyboard hides after use"
    );
    bot.send_message(ChatId(ALICE), "谢谢")
        .reply_markup(KeyboardRemove::new())
        .await
        .unwrap();
    assert!(sim.last_bot_message(ALICE).unwrap().removes_keyboard());

    // copy and forward
    let src = sim.send_text(ALICE, ALICE, "原文");
    sim.send_text(BOB, BOB, "/start");
    let copied = bot
        .copy_message(ChatId(BOB), ChatId(ALICE), MessageId(src))
        .await
        .unwrap();
    assert_eq!(sim.message(BOB, copied.0).unwrap().body(), "原文");
    let fwd = bot
        .forward_message(ChatId(BOB), ChatId(ALICE), MessageId(src))
        .await
        .unwrap();
    assert!(
        matches!(fwd.forward_origin(), Some(MessageOrigin::User { sender_user, .. }) if sender_user.id.0 as i64 == ALICE)
    );
    let err = bot
        .copy_message(ChatId(BOB), ChatId(ALICE), MessageId(999))
        .await
        .unwrap_err();
    assert_eq!(api_err(err), ApiError::MessageToCopyNotFound);
}

#[tokio::test]
async fn dispatcher_end_to_end() {
    use teloxide::update_listeners::Polling;
    let (sim, bot) = setup().await;
    let handler = dptree::entry()
        .branch(
            Update::filter_message().endpoint(|bot: Bot, msg: Message| async move {
                let kb = InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback(
                    "收到", "ack",
                )]]);
                bot.send_message(msg.chat.id, format!("你说：{}", msg.text().unwrap_or("")))
                    .reply_markup(kb)
                    .await?;
                Ok::<(), RequestError>(())
            }),
        )
        .branch(Update::filter_callback_query().endpoint(
            |bot: Bot, q: CallbackQuery| async move {
                bot.answer_callback_query(q.id.clone()).text("好的").await?;
                if let Some(m) = q.regular_message() {
                    bot.edit_message_text(m.chat.id, m.id, "已确认").await?;
                }
                Ok::<(), RequestError>(())
            },
        ));
    let mut dispatcher = Dispatcher::builder(bot.clone(), handler).build();
    let token = dispatcher.shutdown_token();
    let listener = Polling::builder(bot.clone())
        .timeout(Duration::from_secs(1))
        .build();
    let run = tokio::spawn(async move {
        dispatcher
            .dispatch_with_listener(
                listener,
                LoggingErrorHandler::with_custom_text("dispatcher"),
            )
            .await
    });
    sim.send_text(ALICE, ALICE, "/start");
    let reply = sim
        .wait_for_bot_message(ALICE, 0, Duration::from_secs(5))
        .await
        .expect("reply");
    assert_eq!(reply.body(), "你说：/start");
    let qid = sim.press(ALICE, ALICE, "收到").unwrap();
    assert!(
        sim.wait_until(Duration::from_secs(5), |s| s
            .message(ALICE, reply.message_id)
            .is_some_and(|m| m.edit_count == 1))
            .await
    );
    assert_eq!(sim.answer_for(&qid).unwrap().text.as_deref(), Some("好的"));
    let allowed = sim
        .allowed_updates()
        .expect("dispatcher sends allowed_updates");
    assert!(allowed.contains(&"callback_query".to_owned()));
    assert!(!allowed.contains(&"my_chat_member".to_owned()));
    // The handler tree has no my_chat_member branch: such updates are dropped.
    sim.user_blocks_bot(BOB);
    assert_eq!(sim.pending_updates(), 0);
    if let Ok(f) = token.shutdown() {
        tokio::time::timeout(Duration::from_secs(5), f)
            .await
            .expect("graceful stop");
    }
    tokio::time::timeout(Duration::from_secs(5), run)
        .await
        .expect("dispatcher ended")
        .unwrap();
    sim.shutdown().await;
}

#[tokio::test]
async fn webhook_inaccessible_callbacks_and_user_edits() {
    let (sim, bot) = setup().await;
    let info = bot.get_webhook_info().await.expect("getWebhookInfo");
    assert!(info.url.is_none());
    sim.send_text(ALICE, ALICE, "/start");
    assert_eq!(
        bot.get_webhook_info().await.unwrap().pending_update_count,
        1
    );
    bot.delete_webhook()
        .drop_pending_updates(true)
        .await
        .unwrap();
    assert_eq!(sim.pending_updates(), 0);

    // Multipart reply_markup on a file-bearing method.
    let kb = InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback("下载", "dl")]]);
    let m = bot
        .send_document(
            ChatId(ALICE),
            InputFile::memory(b"%PDF-1.4".to_vec()).file_name("课件.pdf"),
        )
        .caption("<i>课件</i>")
        .parse_mode(ParseMode::Html)
        .reply_markup(kb)
        .await
        .unwrap();
    assert!(m.reply_markup().is_some());
    assert_eq!(m.caption(), Some("课件"));
    let stored = sim.last_bot_message(ALICE).unwrap();
    assert_eq!(stored.inline_buttons()[0][0].1, "dl");
    assert_eq!(stored.mime_type.as_deref(), Some("application/pdf"));
    let err = bot
        .edit_message_text(ChatId(ALICE), m.id, "x")
        .await
        .unwrap_err();
    assert!(matches!(api_err(err), ApiError::Unknown(t) if t.contains("no text in the message")));
    bot.edit_message_caption(ChatId(ALICE), m.id)
        .caption("新课件")
        .await
        .unwrap();
    assert_eq!(
        sim.message(ALICE, m.id.0).unwrap().caption.as_deref(),
        Some("新课件")
    );

    // An empty inline keyboard is no keyboard.
    let plain = bot.send_message(ChatId(ALICE), "p").await.unwrap();
    let err = bot
        .edit_message_reply_markup(ChatId(ALICE), plain.id)
        .reply_markup(InlineKeyboardMarkup::default())
        .await
        .unwrap_err();
    assert_eq!(api_err(err), ApiError::MessageNotModified);

    // Pressing a button on a deleted message gives an inaccessible message.
    bot.delete_message(ChatId(ALICE), m.id).await.unwrap();
    let qid = sim.press_button(ALICE, ALICE, m.id.0, "dl");
    assert!(sim.press(ALICE, ALICE, "下载").is_err());
    // A user edits their message.
    let mine = sim.send_text(ALICE, ALICE, "typo");
    sim.edit_text(ALICE, ALICE, mine, "fixed");
    let ups = drain(&bot).await;
    assert_eq!(ups.len(), 3);
    match &ups[0].kind {
        UpdateKind::CallbackQuery(q) => {
            assert_eq!(q.id.0, qid);
            let msg = q.message.as_ref().expect("message");
            assert!(msg.regular_message().is_none());
            assert_eq!(msg.id(), m.id);
        }
        other => panic!("unexpected {other:?}"),
    }
    match &ups[2].kind {
        UpdateKind::EditedMessage(e) => {
            assert_eq!(e.text(), Some("fixed"));
            assert!(e.edit_date().is_some());
        }
        other => panic!("unexpected {other:?}"),
    }
    // Supergroups work like groups.
    sim.create_supergroup(-1_009, "大群");
    sim.add_bot_to_group(BOB, -1_009);
    let sm = bot.send_message(ChatId(-1_009), "hi").await.unwrap();
    assert!(sm.chat.is_supergroup());
    let ups = drain(&bot).await;
    assert!(ups.iter().all(|u| !matches!(u.kind, UpdateKind::Error(_))));
    sim.remove_bot_from_group(BOB, -1_009);
    let err = bot.send_message(ChatId(-1_009), "x").await.unwrap_err();
    assert_eq!(api_err(err), ApiError::BotKickedFromSupergroup);
    sim.shutdown().await;
    assert!(bot.get_me().await.is_err(), "server is down");
    assert_eq!(sim.transcript(-1_009).len(), 2, "state stays readable");
}
