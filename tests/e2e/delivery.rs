//! The outbox and the delivery worker against the simulator enforcing Telegram's limits.

use std::time::Duration;

use lianxin::i18n::Text;
use lianxin::reply::Reply;
use lianxin::store::NewMessage;
use tg_sim::{Fault, Limits};

use crate::harness::*;

fn text(chat_id: i64, body: &str, priority: i64) -> NewMessage {
    NewMessage {
        chat_id,
        kind: "text",
        body: body.into(),
        priority,
        ..Default::default()
    }
}

async fn queue(t: &TestApp, messages: Vec<NewMessage>) {
    t.store().enqueue(&messages, t.clock.now()).await.unwrap();
    t.app().delivery.wake();
}

async fn statuses(t: &TestApp) -> Vec<(String, i64)> {
    t.store().outbox_counts().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn telegram_limits_are_never_exceeded() {
    let t = TestApp::spawn().await;
    t.sim.enforce_limits(Some(Limits::default()));
    const GROUP: i64 = -300;
    t.sim.create_group(GROUP, "群");
    t.sim.add_bot_to_group(SEC_XY, GROUP);
    t.settle().await;
    let mut messages = Vec::new();
    for id in 1..=90 {
        t.person(10_000 + id, "党员");
        messages.push(text(10_000 + id, "通知", 1));
    }
    messages.extend((0..3).map(|i| text(10_001, &format!("第{i}条"), 1)));
    messages.extend((0..3).map(|i| text(GROUP, &format!("群通知{i}"), 1)));
    let started = std::time::Instant::now();
    queue(&t, messages).await;
    t.settle().await;
    let elapsed = started.elapsed();

    let refused: Vec<_> = t
        .sim
        .calls()
        .into_iter()
        .filter(|c| c.error_code == Some(429))
        .collect();
    assert_eq!(
        t.sim.limit_violations(),
        0,
        "no call exceeded a limit: {refused:?}"
    );
    let sends: Vec<_> = t
        .sim
        .calls()
        .into_iter()
        .filter(|c| c.method == "sendmessage")
        .collect();
    assert!(sends.iter().all(|c| c.ok), "no 429 or other error");
    // 96 messages, and the bot's greeting when it was added to the group.
    assert_eq!(statuses(&t).await, vec![("sent".to_string(), 97)]);
    // One chat's messages arrive in order, at most one a second.
    let to_one: Vec<_> = sends
        .iter()
        .filter(|c| c.chat_id == Some(10_001))
        .map(|c| c.at)
        .collect();
    assert_eq!(to_one.len(), 4);
    assert!(
        to_one
            .windows(2)
            .all(|w| w[1] - w[0] >= Duration::from_millis(990))
    );
    let bodies: Vec<String> = t.bot_texts(10_001);
    assert_eq!(bodies, ["通知", "第0条", "第1条", "第2条"]);
    // Three group messages at 20 a minute take at least six seconds; 90 private ones at 30/s, three.
    let to_group: Vec<_> = sends
        .iter()
        .filter(|c| c.chat_id == Some(GROUP))
        .map(|c| c.at)
        .collect();
    assert!(
        to_group
            .windows(2)
            .all(|w| w[1] - w[0] >= Duration::from_millis(2990))
    );
    assert!(elapsed >= Duration::from_secs(6), "{elapsed:?}");
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn telegram_errors_are_sorted() {
    let t = TestApp::spawn().await;
    let seed = t.seed().await;
    const GROUP: i64 = -400;
    const SUPER: i64 = -1_000_000_400;
    t.sim.create_group(GROUP, "向阳群");
    t.sim.add_bot_to_group(SEC_XY, GROUP);
    t.say_in(SEC_XY, GROUP, "/linkgroup").await;
    for id in [801, 802, 803, 804] {
        t.person(id, "党员");
        t.store()
            .touch_user(id, "党员", None, None, lianxin::domain::Locale::ZhCn, 0)
            .await
            .unwrap();
    }
    t.sim.user_blocks_bot(801);
    t.sim.inject(802, Fault::ChatNotFound, None);
    t.sim.inject(803, Fault::TooManyRequests(1), Some(1));
    t.sim.migrate_group(GROUP, SUPER);
    t.sim.add_member(SUPER, SEC_XY);
    let stale = vec![
        text(801, "a", 1),
        text(802, "b", 1),
        text(803, "c", 1),
        text(804, "d", 1),
    ];
    queue(&t, stale).await;
    t.settle().await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    t.settle().await;

    let row = |chat| row_status(&t, chat);
    let blocked = row(801).await.unwrap();
    assert_eq!(blocked.0, "blocked");
    let reachable: Vec<(i64,)> =
        sqlx::query_as("SELECT reachable FROM users WHERE telegram_id = 801")
            .fetch_all(t.store().pool())
            .await
            .unwrap();
    assert_eq!(reachable, vec![(0,)]);
    let not_found = row(802).await.unwrap();
    assert_eq!(not_found.0, "failed");
    assert!(not_found.1.contains("chat not found"), "{not_found:?}");
    assert_eq!(
        row(803).await.unwrap().0,
        "sent",
        "delivered after the 429's retry_after"
    );
    assert_eq!(t.bot_texts(803), ["c"]);
    assert_eq!(row(804).await.unwrap().0, "sent");
    assert_eq!(
        t.store().group_link(SUPER).await.unwrap().unwrap().org_id,
        seed.xiangyang.id
    );
    t.stop().await;
}

/// Status and error of the outbox row sent to `chat` in `telegram_errors_are_sorted`.
async fn row_status(t: &TestApp, chat: i64) -> Option<(String, String)> {
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT status, error FROM outbox WHERE body IN ('a', 'b', 'c', 'd') AND chat_id = $1",
    )
    .bind(chat)
    .fetch_all(t.store().pool())
    .await
    .unwrap();
    rows.into_iter()
        .next()
        .map(|(s, e)| (s, e.unwrap_or_default()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_to_an_upgraded_group_follows_it() {
    let t = TestApp::spawn().await;
    const GROUP: i64 = -500;
    const SUPER: i64 = -1_000_000_500;
    t.sim.create_group(GROUP, "群");
    t.sim.add_bot_to_group(SEC_XY, GROUP);
    t.settle().await;
    // Upgraded to a supergroup; a message still addressed to the old id follows it.
    t.sim.migrate_group(GROUP, SUPER);
    t.settle().await;
    queue(&t, vec![text(GROUP, "支部通知", 1)]).await;
    t.settle().await;
    assert_eq!(t.bot_texts(SUPER), ["支部通知"]);
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT chat_id, status FROM outbox WHERE body = '支部通知'")
            .fetch_all(t.store().pool())
            .await
            .unwrap();
    assert_eq!(rows, vec![(SUPER, "sent".to_string())]);
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_are_retried_with_backoff() {
    let t = TestApp::spawn().await;
    t.person(901, "党员");
    t.sim.inject(901, Fault::ServerError(502), Some(1));
    queue(&t, vec![text(901, "重试", 1)]).await;
    // teloxide itself waits 10 s after a 5xx; then the worker backs off and tries again.
    assert!(
        t.sim
            .wait_until(Duration::from_secs(30), |s| !s.bot_messages(901).is_empty())
            .await
    );
    t.settle().await;
    assert_eq!(t.bot_texts(901), ["重试"]);
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT status, attempts FROM outbox WHERE body = '重试'")
            .fetch_all(t.store().pool())
            .await
            .unwrap();
    assert_eq!(rows, vec![("sent".to_string(), 2)]);
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn long_texts_are_split_on_paragraphs() {
    let t = TestApp::spawn().await;
    t.person(902, "党员");
    let para = "学".repeat(3000);
    let reply = Reply::text(
        902,
        Text::Plain {
            text: format!("{para}\n\n{para}").into(),
        },
    );
    let rows = lianxin::telegram::render::render(t.app(), reply, 0)
        .await
        .unwrap();
    queue(&t, rows).await;
    t.settle().await;
    assert_eq!(t.bot_texts(902), [para.clone(), para]);
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queued_messages_survive_a_restart_without_duplicates() {
    let mut t = TestApp::spawn().await;
    t.person(903, "党员");
    // The first send is slow; the rest wait behind it in the outbox.
    t.sim
        .inject(903, Fault::Slow(Duration::from_millis(500)), Some(1));
    queue(
        &t,
        (0..5).map(|i| text(903, &format!("消息{i}"), 1)).collect(),
    )
    .await;
    assert!(
        t.sim
            .wait_until(Duration::from_secs(5), |s| !s
                .calls_of("sendmessage")
                .is_empty())
            .await
    );
    t.restart().await;
    t.settle().await;
    assert_eq!(
        t.bot_texts(903),
        ["消息0", "消息1", "消息2", "消息3", "消息4"]
    );
    assert_eq!(statuses(&t).await, vec![("sent".to_string(), 5)]);
    t.stop().await;
}
