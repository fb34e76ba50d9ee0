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
            purpose: "notice".into(),
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
    let s = lianxin::store::ScheduleSpec {
        name: "主题党日",
        cron: "0 20 5 * *",
        timezone: "Asia/Shanghai",
        audience: "all",
        message: "本月主题党日今晚 20:00 开始。",
        grace_ms: 3_600_000,
        purpose: "notice",
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_branch_adds_pauses_and_deletes_its_own_reminders() {
    use chrono::{Datelike, NaiveDate};
    let mut t = TestApp::spawn_with(|c| {
        c.notices.quiet_hours = "off".into();
        c.schedules.push(ScheduleConfig {
            name: "主题党日".into(),
            cron: "0 20 5 * *".into(),
            timezone: None,
            audience: "all".into(),
            message: "本月主题党日今晚 20:00 开始。".into(),
            grace: "1h".into(),
            purpose: "notice".into(),
        });
    })
    .await;
    let seed = t.seed().await;
    t.member(&seed.xiangyang, Some(B), "李四", "13800000002", false)
        .await;
    t.member(&seed.heping, Some(8305), "钱七", "13800000005", false)
        .await;

    // Members have no /schedules; secretaries see the county's, read-only.
    t.say(B, "/schedules").await;
    assert!(t.last_text(B).contains("书记"));
    t.say(SEC_XY, "/schedules").await;
    let list = t.last(SEC_XY);
    assert!(
        list.body()
            .contains("1. 主题党日（全县）\n　0 20 5 * * · 全体党员 · 下次："),
        "{}",
        list.body()
    );
    assert_eq!(t.buttons(&list), ["➕ 新增（向阳村党支部）"]);

    // Add one: bad cron, one that never fires, then on the 31st (short months skipped).
    t.press(SEC_XY, SEC_XY, "新增").await;
    t.say(SEC_XY, "0 20 5 *").await;
    assert!(
        t.last_text(SEC_XY).starts_with(
            "❗ 这个 cron 表达式不对：a cron expression has 5 or 6 fields, this one has 4"
        ),
        "{}",
        t.last_text(SEC_XY)
    );
    t.say(SEC_XY, "0 9 30 2 *").await;
    assert!(t.last_text(SEC_XY).contains("永远不会触发"));
    t.say(SEC_XY, "0 9 31 * *").await;
    assert!(t.last_text(SEC_XY).contains("请输入提醒的内容"));
    t.say(SEC_XY, "月底学习提醒：请完成本月学习强国积分").await;
    t.press(SEC_XY, SEC_XY, "在家党员").await;
    let confirm = t.last_text(SEC_XY);
    // The next three 31sts, counted independently of the scheduler.
    let tz: chrono_tz::Tz = "Asia/Shanghai".parse().unwrap();
    let today = chrono::DateTime::from_timestamp_millis(t.clock.now())
        .unwrap()
        .with_timezone(&tz)
        .date_naive();
    let mut expected = Vec::new();
    let mut month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap();
    while expected.len() < 3 {
        if let Some(day) = NaiveDate::from_ymd_opt(month.year(), month.month(), 31)
            && day >= today
        {
            expected.push(format!("· {} 09:00", day.format("%Y-%m-%d")));
        }
        month = month.checked_add_months(chrono::Months::new(1)).unwrap();
    }
    assert!(
        confirm.ends_with(&format!("接下来三次：\n{}", expected.join("\n"))),
        "{confirm}"
    );
    assert!(confirm.contains("0 9 31 * * · 在家党员"));
    t.press(SEC_XY, SEC_XY, "确认添加").await;
    assert!(
        t.last_text(SEC_XY)
            .starts_with("✓ 已添加定时提醒「月底学习提醒：请完成本月学习强国积分」")
    );
    let own = t
        .store()
        .schedules()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.org_id == Some(seed.xiangyang.id))
        .expect("stored");
    assert_eq!(
        (own.cron.as_str(), own.audience.as_str()),
        ("0 9 31 * *", "resident")
    );

    // Listed with its buttons; another branch neither sees nor touches it.
    t.say(SEC_XY, "/schedules").await;
    let list = t.last(SEC_XY);
    assert!(list.body().contains("2. 月底学习提醒"), "{}", list.body());
    assert_eq!(
        t.buttons(&list),
        ["⏸ 暂停 2", "🗑 删除 2", "➕ 新增（向阳村党支部）"]
    );
    t.say(SEC_HP, "/schedules").await;
    assert!(!t.last_text(SEC_HP).contains("月底学习提醒"));
    let data = data_of(&list, "删除 2");
    let q = t.sim.press_button(SEC_HP, SEC_XY, list.message_id, &data);
    t.settle().await;
    assert_eq!(
        t.sim.answer_for(&q).and_then(|a| a.text).as_deref(),
        Some("这不是你负责的支部，无法操作。")
    );
    assert!(t.store().schedule(own.id).await.unwrap().is_some());

    // Paused, it has no next occurrence; resumed, the next 31st again.
    t.press(SEC_XY, SEC_XY, "暂停 2").await;
    assert!(t.last_text(SEC_XY).starts_with("⏸ 已暂停"));
    assert_eq!(
        t.store().schedule(own.id).await.unwrap().unwrap().next_at,
        None
    );
    t.say(SEC_XY, "/schedules").await;
    assert!(t.last_text(SEC_XY).contains("下次：已暂停"));
    t.press(SEC_XY, SEC_XY, "恢复 2").await;
    assert!(
        t.last_text(SEC_XY)
            .contains(expected[0].trim_start_matches("· "))
    );

    // It fires on the 31st to 向阳村's members at home, not to 和平村.
    let next = t
        .store()
        .schedule(own.id)
        .await
        .unwrap()
        .unwrap()
        .next_at
        .unwrap();
    t.clock
        .advance(Duration::from_millis((next - t.clock.now() + 1000) as u64));
    t.eventually("the branch reminder", |t| {
        t.bot_texts(B).iter().any(|s| s.contains("月底学习提醒"))
    })
    .await;
    assert!(t.last_text(B).starts_with("📢 向阳村党支部 通知"));
    assert!(!t.bot_texts(8305).iter().any(|s| s.contains("月底学习提醒")));
    // Once, across a restart.
    t.restart().await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    t.settle().await;
    assert_eq!(
        t.bot_texts(B)
            .iter()
            .filter(|s| s.contains("月底学习提醒"))
            .count(),
        1
    );

    t.say(SEC_XY, "/schedules").await;
    t.press(SEC_XY, SEC_XY, "删除 2").await;
    assert!(t.last_text(SEC_XY).starts_with("🗑 已删除"));
    assert!(t.store().schedule(own.id).await.unwrap().is_none());
    t.stop().await;
}
