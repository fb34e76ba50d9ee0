//! Recurring reminders from `[[schedules]]`: each occurrence fires once, at its time, across
//! restarts; one missed past its grace is skipped.

use std::time::Duration;

use chrono::Timelike;
use lianxin::config::ScheduleConfig;

use crate::harness::*;

const B: i64 = 8302;
const TEXT: &str = "今晚 8 点学习强国集中学习，别忘了。";

fn reminders(t: &TestApp) -> usize {
    // Copies of the reminder itself (a day later comes the one nudge about it, which quotes it).
    t.bot_texts(B)
        .iter()
        .filter(|s| s.starts_with("📢") && s.contains(TEXT))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recurring_reminder_fires_once_at_its_time_and_a_missed_one_is_skipped() {
    // Daily, an hour from now (Shanghai time), for members at home.
    let tz: chrono_tz::Tz = "Asia/Shanghai".parse().unwrap();
    let at = (chrono::Utc::now() + chrono::Duration::hours(1)).with_timezone(&tz);
    let cron = format!("{} {} * * *", at.minute(), at.hour());
    let mut t = TestApp::spawn_with(|c| {
        c.notices.quiet_hours = "off".into();
        c.schedules.push(ScheduleConfig {
            name: "集中学习".into(),
            cron: cron.clone(),
            timezone: None,
            audience: "resident".into(),
            message: TEXT.into(),
            grace: "1h".into(),
        });
    })
    .await;
    let seed = t.seed().await;
    t.member(&seed.xiangyang, Some(8301), "张三", "13800000001", true)
        .await;
    t.member(&seed.xiangyang, Some(B), "李四", "13800000002", false)
        .await;
    let schedule = t.store().schedules().await.unwrap().remove(0);
    let first = schedule.next_at.expect("the next occurrence is kept");
    assert!(first > t.clock.now() && first <= t.clock.now() + 3_600_000);

    // Nothing before its time; at its time, once, to members at home only.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(reminders(&t), 0);
    t.clock
        .advance(Duration::from_millis((first - t.clock.now() + 1000) as u64));
    t.eventually("the reminder at its time", |t| reminders(t) == 1)
        .await;
    let copy = t.last(B);
    assert!(copy.body().starts_with("📢 清河县 通知"), "{}", copy.body());
    assert!(!t.bot_texts(8301).iter().any(|s| s.contains(TEXT)));
    // A restart does not fire it again.
    t.restart().await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    t.settle().await;
    assert_eq!(reminders(&t), 1);

    // The next day's occurrence comes and goes while the service is down: past its hour of
    // grace, it is skipped (and logged), and the schedule moves on.
    let next = t.store().schedules().await.unwrap()[0].next_at.unwrap();
    assert_eq!(next, first + 86_400_000);
    t.clock.advance(Duration::from_millis(
        (next - t.clock.now()) as u64 + 2 * 3_600_000,
    ));
    t.restart().await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    t.settle().await;
    assert_eq!(reminders(&t), 1);
    let runs = t.store().occurrences(schedule.id).await.unwrap();
    assert_eq!(
        runs,
        [(first, "fired".to_string()), (next, "skipped".to_string())]
    );
    assert_eq!(
        t.store().schedules().await.unwrap()[0].next_at,
        Some(next + 86_400_000)
    );
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_record_an_occurrence_once() {
    let (store, db) = store().await;
    let other = lianxin::store::Store::open(&db.url, 2).await.unwrap();
    let s = lianxin::store::ConfigSchedule {
        name: "主题党日",
        cron: "0 20 5 * *",
        timezone: "Asia/Shanghai",
        audience: "all",
        message: "本月主题党日今晚 20:00 开始。",
        grace_ms: 3_600_000,
    };
    store
        .sync_config_schedule(&s, Some(1_000), 0)
        .await
        .unwrap();
    // The same configuration at the other instance's start keeps the stored occurrence.
    other
        .sync_config_schedule(&s, Some(9_000), 0)
        .await
        .unwrap();
    let id = store.schedules().await.unwrap()[0].id;
    assert_eq!(store.schedules().await.unwrap()[0].next_at, Some(1_000));
    let (a, b) = tokio::join!(
        store.claim_occurrence(id, 1_000, "fired", 2_000),
        other.claim_occurrence(id, 1_000, "fired", 2_000)
    );
    assert_eq!(
        [a.unwrap(), b.unwrap()].iter().filter(|x| **x).count(),
        1,
        "exactly one instance fires it"
    );
    other.close().await;
    store.close().await;
    db.drop_db().await;
}
