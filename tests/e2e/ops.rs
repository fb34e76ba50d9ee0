//! Operating Lianxin: webhook mode behind its secret, `/healthz`, `/metrics`, backups.

use serde_json::{Value, json};

use crate::harness::TestApp;

const HOOK: &str = "https://bot.example.org/telegram/hook";
const STRANGER: i64 = 7001;

async fn webhook_app() -> TestApp {
    TestApp::spawn_with(|c| {
        c.server.listen = Some("127.0.0.1:0".into());
        c.server.webhook_url = Some(HOOK.into());
    })
    .await
}

async fn get(t: &TestApp, path: &str) -> (u16, String) {
    let r = reqwest::get(format!("http://{}{path}", t.http_addr()))
        .await
        .expect("the HTTP server answers");
    (r.status().as_u16(), r.text().await.unwrap_or_default())
}

/// The value of one series in Prometheus text (`name{labels}` exactly as written).
fn series(text: &str, name: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
}

fn start_update(update_id: i64, from: i64) -> Value {
    json!({
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": 1_790_000_000,
            "chat": {"id": from, "type": "private", "first_name": "伪造"},
            "from": {"id": from, "is_bot": false, "first_name": "伪造"},
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}]
        }
    })
}

#[tokio::test]
async fn in_webhook_mode_telegram_posts_updates_and_others_are_refused() {
    let t = webhook_app().await;
    assert_eq!(t.sim.webhook_url(), HOOK, "the webhook is set on start");
    assert_eq!(
        t.sim.allowed_updates(),
        Some(vec![
            "message".to_string(),
            "callback_query".into(),
            "my_chat_member".into()
        ])
    );
    t.person(STRANGER, "路人");
    t.say(STRANGER, "/start").await;
    assert!(t.last_text(STRANGER).contains("我是「连心」"));
    assert!(
        t.sim.calls_of("getupdates").is_empty(),
        "no long polling in webhook mode"
    );
    let (posts, failures) = t.sim.webhook_posts();
    assert!(
        posts >= 1 && failures == 0,
        "{posts} posts, {failures} failed"
    );

    // Requests that do not come from Telegram: no secret, a wrong one, a right-looking one.
    let forged = 8001;
    let url = format!("http://{}/telegram/hook", t.http_addr());
    let client = reqwest::Client::new();
    let secret = lianxin::http::webhook_secret(t.app(), &t.sim.token());
    use secrecy::ExposeSecret;
    let mut wrong = secret.expose_secret().to_string();
    wrong.replace_range(0..1, if wrong.starts_with('a') { "b" } else { "a" });
    for header in [None, Some("guess"), Some(wrong.as_str())] {
        let mut request = client
            .post(&url)
            .header("content-type", "application/json")
            .body(start_update(900_000, forged).to_string());
        if let Some(h) = header {
            request = request.header("X-Telegram-Bot-Api-Secret-Token", h);
        }
        let status = request.send().await.unwrap().status().as_u16();
        assert_eq!(status, 401, "secret {header:?} refused");
    }
    t.settle().await;
    assert!(
        t.sim.bot_messages(forged).is_empty(),
        "a forged update is never handled"
    );
    assert!(t.store().user_locale(forged).await.unwrap().is_none());

    let (code, metrics) = get(&t, "/metrics").await;
    assert_eq!(code, 200);
    assert_eq!(series(&metrics, "lianxin_webhook_refused_total"), Some(3.0));
    assert_eq!(
        series(&metrics, "lianxin_updates_handled_total{kind=\"message\"}"),
        Some(1.0)
    );
    t.stop().await;
}

#[tokio::test]
async fn healthz_and_metrics_show_the_queue_and_what_was_sent() {
    let t = TestApp::spawn_with(|c| c.server.listen = Some("127.0.0.1:0".into())).await;
    t.person(STRANGER, "路人");
    t.say(STRANGER, "/start").await;
    t.say(STRANGER, "/help").await;
    // A member who blocked the bot: the message queued for them is counted as blocked.
    t.person(STRANGER + 1, "拉黑的人");
    t.sim.send_text(STRANGER + 1, STRANGER + 1, "/start");
    t.sim.user_blocks_bot(STRANGER + 1);
    t.settle().await;

    let (code, body) = get(&t, "/healthz").await;
    assert_eq!(code, 200, "{body}");
    let health: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["database"], "ok");
    assert_eq!(health["delivery"], "ok");
    assert_eq!(health["outbox"]["due"], 0);
    assert_eq!(health["instances"], 1);

    let (code, metrics) = get(&t, "/metrics").await;
    assert_eq!(code, 200);
    let handled = series(&metrics, "lianxin_updates_handled_total{kind=\"message\"}");
    assert_eq!(handled, Some(3.0), "{metrics}");
    let sent = series(&metrics, "lianxin_messages_sent_total{outcome=\"sent\"}");
    assert_eq!(sent, Some(2.0), "{metrics}");
    assert_eq!(
        series(&metrics, "lianxin_messages_sent_total{outcome=\"blocked\"}"),
        Some(1.0),
        "{metrics}"
    );
    assert_eq!(series(&metrics, "lianxin_outbox_due"), Some(0.0));
    assert_eq!(series(&metrics, "lianxin_instances"), Some(1.0));
    assert_eq!(
        series(&metrics, "lianxin_handler_seconds_count{kind=\"message\"}"),
        Some(3.0)
    );
    assert!(metrics.contains("lianxin_handler_seconds_bucket{kind=\"message\",le=\"0.1\"}"));

    // The database gone: unhealthy, and says why.
    t.store().close().await;
    let (code, body) = get(&t, "/healthz").await;
    assert_eq!(code, 503, "{body}");
    let health: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(health["database"], "unreachable");
    assert_eq!(health["status"], "unhealthy");
    t.stop().await;
}

/// Two real `lianxin run` processes on one database behind a load balancer; the first gets
/// SIGTERM in the middle of a notice to every member.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_share_the_work_and_one_stops_gracefully_midway() {
    let setup = crate::harness::bench_setup();
    let members = 600;
    let run = lianxin::bench::instances_run(&setup, members)
        .await
        .unwrap();
    assert_eq!(run.lost, 0, "members who missed the notice or the reminder");
    assert_eq!(run.twice, 0, "members who got one twice: {run:?}");
    assert_eq!(
        run.violations, 0,
        "Telegram's limits were exceeded in {:?}",
        run.limited
    );
    assert_eq!(run.outcome, "✅ 发送完成：已送达 600 · 无法送达 0");
    assert!(
        run.sent_by.iter().all(|n| *n > 0.0),
        "both instances sent: {:?}",
        run.sent_by
    );
    let (exited_cleanly, took) = run.stop;
    assert!(exited_cleanly, "the stopped instance exits with success");
    assert!(
        took.as_secs() < 20,
        "and within its shutdown timeout: {took:?}"
    );
}

/// A notice to 2,000 members while 200 of them interact and Telegram misbehaves (the bench
/// command runs the same at 10,000 and 2,000).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fault_soak_loses_nothing_and_sends_nothing_twice() {
    let setup = crate::harness::bench_setup();
    let run = lianxin::bench::soak_run(&setup, 2_000, 200, 20)
        .await
        .unwrap();
    assert_eq!(run.lost, 0, "{run:?}");
    assert_eq!(run.twice, 0, "{run:?}");
    assert_eq!(run.blocked, 40);
    assert!(
        run.outcome
            .starts_with("✅ 发送完成：已送达 1,960 · 无法送达 40\n\u{3000}· 已屏蔽机器人 40"),
        "{run:?}"
    );
    let (pressed, recorded, answered) = run.pressed;
    assert!(pressed > 50, "{run:?}");
    assert_eq!(
        recorded, pressed as i64,
        "every press recorded once: {run:?}"
    );
    assert_eq!(answered, pressed, "every press answered: {run:?}");
    let (asked, got) = run.asked;
    assert!(
        asked > 50 && got == asked,
        "every /points answered: {run:?}"
    );
    let (errors, slow, too_many) = run.faults;
    assert!(
        errors > 0 && slow > 0 && too_many > 0,
        "faults happened: {run:?}"
    );
    assert!(run.alive, "the service is still healthy");
}
