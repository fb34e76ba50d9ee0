//! Odd and hostile input: updates of kinds Lianxin does not handle, edits, channel posts,
//! stickers, huge texts, zero-width and right-to-left text, SQL-looking names and codes, forged
//! and replayed button presses. Nothing crashes, nothing the branch owns changes, and the bot
//! still answers afterwards.

use serde_json::{Value, json};
use tg_sim::SimUser;

use crate::harness::{SEC_HP, SEC_XY, TestApp, fingerprint};

const MEMBER: i64 = 6101;
const STRANGER: i64 = 6102;
const CHANNEL: i64 = -1_009_000_000_001;

fn user(id: i64, first: &str) -> Value {
    json!({"id": id, "is_bot": false, "first_name": first})
}

fn private(id: i64) -> Value {
    json!({"id": id, "type": "private", "first_name": "x"})
}

/// What the bot answered to a press (empty: nothing shown).
fn answer(t: &TestApp, query: &str) -> String {
    t.sim
        .answer_for(query)
        .and_then(|a| a.text)
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn odd_and_hostile_input_changes_nothing_and_crashes_nothing() {
    let t = TestApp::spawn_plain().await;
    let seed = t.seed().await;
    t.member(&seed.xiangyang, Some(MEMBER), "张三", "13800000001", false)
        .await;
    t.person(MEMBER, "张三");
    // A notice the member acknowledges once, for the replayed press below.
    t.say(SEC_XY, "/notice").await;
    t.say(SEC_XY, "周六上午九点主题党日。").await;
    t.press(SEC_XY, SEC_XY, "全体党员").await;
    t.press(SEC_XY, SEC_XY, "普通").await;
    t.press(SEC_XY, SEC_XY, "立即发送").await;
    t.settle().await;
    let ack = t
        .newest_with(MEMBER, "主题党日")
        .expect("the member got the notice");
    t.press(MEMBER, MEMBER, "收到").await;
    let before = fingerprint(&t).await;
    let bot_messages_before = t.sim.bot_messages(MEMBER).len();

    // Kinds Lianxin does not subscribe to, sent anyway.
    let now = 1_790_000_000;
    let post = json!({
        "message_id": 5, "date": now, "text": "/notice 频道消息",
        "chat": {"id": CHANNEL, "type": "channel", "title": "某频道"},
        "sender_chat": {"id": CHANNEL, "type": "channel", "title": "某频道"}
    });
    t.sim.inject_update("channel_post", post.clone());
    t.sim.inject_update("edited_channel_post", post);
    t.sim.inject_update(
        "inline_query",
        json!({"id": "1", "from": user(STRANGER, "x"), "query": "' OR 1=1 --", "offset": ""}),
    );
    t.sim.inject_update(
        "poll_answer",
        json!({"poll_id": "p1", "user": user(MEMBER, "张三"), "option_ids": [0]}),
    );
    t.sim.inject_update(
        "chat_join_request",
        json!({"chat": {"id": -100_777, "type": "supergroup", "title": "群"},
               "from": user(STRANGER, "x"), "user_chat_id": STRANGER, "date": now}),
    );
    t.sim.inject_update(
        "message_reaction",
        json!({"chat": private(MEMBER), "message_id": ack.message_id, "user": user(MEMBER, "张三"),
               "date": now, "old_reaction": [], "new_reaction": [{"type": "emoji", "emoji": "👍"}]}),
    );
    // An edit of a command already handled: not handled again.
    let sent = t.sim.send_text(MEMBER, MEMBER, "/me");
    t.settle().await;
    let after_me = t.sim.bot_messages(MEMBER).len();
    t.sim.edit_text(MEMBER, MEMBER, sent, "/forgetme");
    // A sticker, and a message from another bot.
    t.sim.inject_update(
        "message",
        json!({"message_id": 90, "date": now, "chat": private(MEMBER), "from": user(MEMBER, "张三"),
               "sticker": {"file_id": "st1", "file_unique_id": "u1", "type": "regular",
                           "width": 512, "height": 512, "is_animated": false, "is_video": false,
                           "emoji": "👍"}}),
    );
    t.sim.inject_update(
        "message",
        json!({"message_id": 91, "date": now, "chat": private(MEMBER),
               "from": {"id": 424242, "is_bot": true, "first_name": "spam_bot"},
               "text": "/forgetme"}),
    );
    t.settle().await;
    assert_eq!(
        t.bot_texts(MEMBER)[after_me..],
        ["你好！发送 /help 查看我能帮你做什么。".to_string()],
        "the sticker gets a hint; an edit, a reaction or another bot get nothing"
    );
    assert!(
        t.sim.bot_messages(CHANNEL).is_empty(),
        "nothing to a channel"
    );

    // A stranger with a right-to-left, zero-width, SQL-looking name and a huge text.
    let name = "\u{202E}Robert'); DROP TABLE members;--\u{200B}";
    t.sim
        .add_user(SimUser::new(STRANGER, name).lang("zh-hans").started());
    t.say(STRANGER, "/start ' OR '1'='1").await;
    assert!(
        t.last_text(STRANGER).contains("邀请链接"),
        "a forged invite code is refused: {}",
        t.last_text(STRANGER)
    );
    t.say(STRANGER, &"长".repeat(20_000)).await;
    t.say(STRANGER, "/help\u{200B}").await;
    t.say(STRANGER, "/notice\u{200F} xiangyang").await;
    t.say(
        STRANGER,
        "/points 13800000001 +1000000 '; DELETE FROM points_ledger; --",
    )
    .await;
    assert!(
        t.last_text(STRANGER).contains("只有书记可以调整积分"),
        "{}",
        t.last_text(STRANGER)
    );
    let (stored,): (String,) =
        sqlx::query_as("SELECT first_name FROM users WHERE telegram_id = $1")
            .bind(STRANGER)
            .fetch_one(t.store().pool())
            .await
            .unwrap();
    assert_eq!(stored, name, "the name is stored as it came, byte for byte");

    // Forged presses: junk, the longest data Telegram allows, another chat's token, replays.
    let ack_token = ack
        .inline_buttons()
        .into_iter()
        .flatten()
        .find(|(text, _)| text.contains("收到"))
        .map(|(_, data)| data)
        .expect("the ack button");
    for data in [
        "x".to_string(),
        "9".repeat(64),
        "' OR 1=1 --".to_string(),
        "\u{202E}\u{200B}".to_string(),
    ] {
        let q = t.sim.press_button(STRANGER, STRANGER, 1, &data);
        t.settle().await;
        let answer = answer(&t, &q);
        assert!(answer.contains("按钮已失效"), "{data:?} → {answer:?}");
    }
    // The member's own ack token, pressed by a stranger and by another branch's secretary.
    for who in [STRANGER, SEC_HP] {
        let q = t.sim.press_button(who, who, 1, &ack_token);
        t.settle().await;
        assert!(!answer(&t, &q).is_empty(), "refused, and told so");
    }
    // The member presses again, twice at once.
    let q1 = t
        .sim
        .press_button(MEMBER, MEMBER, ack.message_id, &ack_token);
    let q2 = t
        .sim
        .press_button(MEMBER, MEMBER, ack.message_id, &ack_token);
    t.settle().await;
    for q in [q1, q2] {
        let answer = answer(&t, &q);
        assert!(answer.contains("已经确认过"), "{answer:?}");
    }

    assert_eq!(
        fingerprint(&t).await,
        before,
        "nothing the branches own changed"
    );
    assert!(t.sim.bot_messages(MEMBER).len() >= bot_messages_before);

    // A kind of update this teloxide cannot parse at all (a newer Bot API's): dropped by the
    // dispatcher, so it never counts as handled and the bot is watched directly from here on.
    t.sim
        .inject_update("some_future_kind", json!({"whatever": [1, 2, 3]}));
    assert!(
        t.sim
            .wait_until(crate::harness::SETTLE, |s| s.pending_updates() == 0)
            .await
    );
    // And the bot still works.
    let seen = t.sim.bot_messages(MEMBER).len();
    t.sim.send_text(MEMBER, MEMBER, "/me");
    let reply = t
        .sim
        .wait_for_bot_message(MEMBER, seen, crate::harness::SETTLE)
        .await
        .expect("the bot still answers");
    assert!(reply.body().contains("张三"), "{}", reply.body());
    assert_eq!(fingerprint(&t).await, before);
    t.stop().await;
}
