//! Status reports of members working away: the monthly prompt, /report (moved, at home, back
//! again), a shared location discarded, the secretary told of a move, /reports with silent
//! members and the daily-limited hello; and handing a member over to another branch.

use chrono::Timelike;

use crate::harness::*;

const A: i64 = 8601; // 向阳村, working away in 深圳
const B: i64 = 8602; // 向阳村, at home
const C: i64 = 8603; // 向阳村, working away, goes quiet
const E: i64 = 8605; // 和平村
const DAY: i64 = 86_400_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_report_where_they_work_and_secretaries_see_who_is_silent() {
    // The monthly prompt, due within the next hour, as a purpose = "report" schedule.
    let tz: chrono_tz::Tz = "Asia/Shanghai".parse().unwrap();
    let at = (chrono::Utc::now() + chrono::Duration::minutes(90)).with_timezone(&tz);
    let cron = format!("{} {} * * *", at.minute(), at.hour());
    let t = TestApp::spawn_with(|c| {
        c.notices.quiet_hours = "off".into();
        c.schedules = vec![lianxin::config::ScheduleConfig {
            name: "流动党员报到".into(),
            cron,
            timezone: None,
            audience: "mobile".into(),
            message: "新的一月开始了，请报告您的工作地点和近况。".into(),
            grace: "6h".into(),
            purpose: "report".into(),
        }];
    })
    .await;
    let seed = t.seed().await;
    let a = t
        .member(&seed.xiangyang, Some(A), "张三", "13800000001", true)
        .await;
    let b = t
        .member(&seed.xiangyang, Some(B), "李四", "13800000002", false)
        .await;
    t.member(&seed.xiangyang, Some(C), "周九", "13800000003", true)
        .await;
    t.member(&seed.xiangyang, None, "赵六", "13800000004", false)
        .await;
    t.member(&seed.heping, Some(E), "钱七", "13800000005", false)
        .await;

    // Members cannot see the roll.
    t.say(A, "/reports").await;
    assert!(t.last_text(A).contains("书记"));

    // The prompt reaches members working away only, with 「去报到」.
    t.clock.advance(std::time::Duration::from_secs(95 * 60));
    t.eventually("the report prompt", |t| {
        t.sim
            .last_bot_message(A)
            .is_some_and(|m| m.body().contains("请报告您的工作地点"))
    })
    .await;
    t.settle().await;
    assert!(t.buttons(&t.last(A)).contains(&"去报到 ✍".to_string()));
    assert!(
        !t.bot_texts(B)
            .iter()
            .any(|m| m.contains("请报告您的工作地点"))
    );
    // Once is enough here: later jumps of the clock must not bring it back.
    t.store().pause_config_schedules_except(&[]).await.unwrap();
    t.press(A, A, "去报到").await;
    assert!(t.last_text(A).contains("您现在还在深圳工作吗"));
    t.press(A, A, "换了城市").await;
    assert!(t.last_text(A).contains("只写到城市"));

    // A shared location is discarded; the city is asked in words.
    t.sim.send_location(A, A, 23.129, 113.264);
    t.settle().await;
    assert!(t.last_text(A).contains("不保存位置"));
    assert!(t.last_text(A).contains("只写到城市"));
    // An address is not a city.
    t.say(A, "广州市天河区体育西路123号").await;
    assert!(t.last_text(A).contains("请只输入城市名"));
    t.say(A, "广州").await;
    assert!(t.last_text(A).contains("工作情况"));
    t.press(A, A, "在岗").await;
    assert!(t.last_text(A).contains("思想汇报"));
    t.sim.send_voice(A, A, vec![1, 2, 3], 12);
    t.settle().await;
    let confirm = t.last_text(A);
    assert!(confirm.contains("工作城市：广州"), "{confirm}");
    assert!(confirm.contains("工作：在岗"), "{confirm}");
    assert!(confirm.contains("语音 1 条"), "{confirm}");
    t.press(A, A, "提交").await;
    assert!(t.last_text(A).contains("积分 +2"), "{}", t.last_text(A));
    // The secretary hears of the move, once.
    t.eventually("the move told", |t| {
        t.bot_texts(SEC_XY)
            .iter()
            .any(|m| m.contains("张三 报告：工作城市由「深圳」变为「广州」"))
    })
    .await;
    // The note reaches the secretary as it was said.
    let note = t
        .newest_with(SEC_XY, "张三 的思想汇报")
        .expect("the note relayed");
    assert_eq!(note.kind, tg_sim::SimMessageKind::Voice);
    let store = t.store();
    let member = store.member(a).await.unwrap();
    assert_eq!(member.city.as_deref(), Some("广州"));
    let history = store.city_history(a).await.unwrap();
    assert_eq!(history.last().unwrap().0, "广州");
    let reports = store.reports_of(a, 10).await.unwrap();
    assert_eq!(reports.len(), 1);
    assert!(reports[0].moved);
    assert_eq!(reports[0].work, lianxin::domain::WorkStatus::Working);
    assert!(reports[0].note_voice.is_some());

    // Reporting again this month: kept, but no second award and no second notice.
    t.say(A, "/report").await;
    t.press(A, A, "还在广州").await;
    t.press(A, A, "在岗").await;
    t.press(A, A, "跳过").await;
    assert!(t.last_text(A).contains("思想汇报：无"));
    let confirm = t.last(A);
    t.press(A, A, "提交").await;
    assert!(!t.last_text(A).contains("积分"));
    assert_eq!(store.reports_of(a, 10).await.unwrap().len(), 2);
    assert_eq!(
        store
            .points_since(a, Some("status_report"), 0)
            .await
            .unwrap(),
        2
    );
    // A second press of 提交 (a replay of the same button) does not make a third report.
    let q = t
        .sim
        .press_button(A, A, confirm.message_id, &data_of(&confirm, "提交"));
    assert_eq!(toast(&t, q).await, "这个按钮已失效，请重新发送命令。");
    assert_eq!(store.reports_of(a, 10).await.unwrap().len(), 2);

    // 李四 at home goes away to work; 张三 comes home for good.
    t.say(B, "/report").await;
    assert!(t.last_text(B).contains("登记为在家乡"));
    t.press(B, B, "外出务工了").await;
    t.say(B, "杭州").await;
    t.press(B, B, "待业").await;
    t.say(B, "在找工作，一切都好。").await;
    assert!(t.last_text(B).contains("文字 10 字"), "{}", t.last_text(B));
    t.press(B, B, "提交").await;
    t.say(A, "/report").await;
    t.press(A, A, "已回家乡常住").await;
    t.press(A, A, "返乡").await;
    t.press(A, A, "跳过").await;
    t.press(A, A, "提交").await;
    t.eventually("both changes told", |t| {
        let texts = t.bot_texts(SEC_XY);
        texts
            .iter()
            .any(|m| m.contains("李四 报告：已外出务工，现在在「杭州」"))
            && texts.iter().any(|m| m.contains("张三 报告：已回家乡常住"))
            && texts
                .iter()
                .any(|m| m.contains("李四 的思想汇报") && m.contains("在找工作，一切都好。"))
    })
    .await;
    assert_eq!(
        store.member(a).await.unwrap().mobility,
        lianxin::domain::Mobility::Resident
    );
    assert_eq!(
        store.member(b).await.unwrap().mobility,
        lianxin::domain::Mobility::Mobile
    );
    // The profile keeps the cities and the latest report.
    t.say(A, "/me").await;
    let card = t.last_text(A);
    assert!(
        card.contains("工作城市记录：") && card.contains("广州（"),
        "{card}"
    );
    assert!(
        card.contains("最近报到：") && card.contains("返乡"),
        "{card}"
    );
    let moves = t
        .bot_texts(SEC_XY)
        .iter()
        .filter(|m| m.contains("报告："))
        .count();
    assert_eq!(moves, 3);

    // The roll: 李四 reported, 周九 not; 赵六 has not joined.
    t.say(SEC_XY, "/reports").await;
    let roll = t.last_text(SEC_XY);
    assert!(roll.contains("流动党员已报到 1 / 2 人"), "{roll}");
    assert!(roll.contains("未报到：周九（深圳）"), "{roll}");
    assert!(roll.contains("已报到：李四（杭州）"), "{roll}");
    assert!(roll.contains("没有 30 天以上未联系"), "{roll}");
    assert!(roll.contains("尚未加入 Lianxin：1 人"), "{roll}");

    // A month on: those who have not written since are silent; 张三 writes first.
    t.clock
        .advance(std::time::Duration::from_millis(31 * DAY as u64));
    t.say(A, "/points").await;
    t.say(SEC_XY, "/reports").await;
    let roll = t.last_text(SEC_XY);
    assert!(roll.contains("30 天以上未联系（2 人）："), "{roll}");
    assert!(roll.contains("李四") && roll.contains("周九"), "{roll}");
    assert!(!roll.contains("60 天以上"), "{roll}");
    t.press(SEC_XY, SEC_XY, "问候未联系的 2 人").await;
    assert!(t.last_text(SEC_XY).contains("已问候 2 人；0 人"));
    assert!(t.last_text(C).contains("大家都很挂念您"));
    // At most once a day each.
    t.press(SEC_XY, SEC_XY, "问候未联系的 2 人").await;
    assert!(t.last_text(SEC_XY).contains("已问候 0 人；2 人"));
    t.press(C, C, "我很好").await;
    t.eventually("the secretary hears", |t| {
        t.bot_texts(SEC_XY)
            .iter()
            .any(|m| m.contains("周九 回复：一切都好"))
    })
    .await;
    // Another month: 李四 has been silent for two.
    t.clock
        .advance(std::time::Duration::from_millis(30 * DAY as u64));
    t.say(A, "/points").await;
    t.say(C, "/points").await;
    t.say(SEC_XY, "/reports").await;
    let roll = t.last_text(SEC_XY);
    assert!(roll.contains("60 天以上未联系（1 人）：李四"), "{roll}");
    assert!(!roll.contains("30 天以上未联系"), "{roll}");

    // Another branch's secretary cannot nudge this one.
    let nudge = t
        .sim
        .bot_messages(SEC_XY)
        .into_iter()
        .rev()
        .find(|m| t.buttons(m).iter().any(|b| b.contains("问候")))
        .unwrap();
    let q = t
        .sim
        .press_button(SEC_HP, SEC_HP, nudge.message_id, &data_of(&nudge, "问候"));
    assert_eq!(toast(&t, q).await, "这不是你负责的支部，无法操作。");
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_is_handed_over_and_the_receiving_secretary_accepts() {
    let t = TestApp::spawn_plain().await;
    let seed = t.seed().await;
    let a = t
        .member(&seed.xiangyang, Some(A), "张三", "13800000001", true)
        .await;
    t.member(&seed.heping, Some(E), "钱七", "13800000005", false)
        .await;
    let store = t.store();
    // 张三 has points and an open ticket; both go along.
    t.say(A, "/report").await;
    t.press(A, A, "还在深圳").await;
    t.press(A, A, "在岗").await;
    t.press(A, A, "跳过").await;
    t.press(A, A, "提交").await;
    t.say(A, "孩子转学的事想请支部帮忙问问。").await;
    t.press(A, A, "咨询").await;
    let ticket = store.tickets_of_member(a, 1).await.unwrap()[0].id;

    // Members cannot hand anyone over; a secretary finds only their own members.
    t.say(A, "/handover").await;
    assert!(t.last_text(A).contains("书记"));
    t.say(SEC_HP, "/handover 张").await;
    assert!(t.last_text(SEC_HP).contains("没有叫「张」的党员"));

    t.say(SEC_XY, "/handover").await;
    t.say(SEC_XY, "张").await;
    t.press(SEC_XY, SEC_XY, "张三（向阳村党支部）").await;
    assert!(t.last_text(SEC_XY).contains("移交到哪个支部"));
    t.say(SEC_XY, "不存在村").await;
    assert!(t.last_text(SEC_XY).contains("没有找到"));
    t.say(SEC_XY, "和平").await;
    t.press(SEC_XY, SEC_XY, "和平村党支部").await;
    assert!(t.last_text(SEC_XY).contains("已请 和平村党支部 接收 张三"));
    let request = t.last(SEC_HP);
    assert!(
        request
            .body()
            .contains("向阳村党支部 请求把党员 张三 移交到 和平村党支部"),
        "{}",
        request.body()
    );
    // Asked twice while waiting: refused.
    t.say(SEC_XY, "/handover 张三").await;
    t.press(SEC_XY, SEC_XY, "张三（向阳村党支部）").await;
    t.say(SEC_XY, "和平").await;
    let q = t.sim.press(SEC_XY, SEC_XY, "和平村党支部").unwrap();
    assert_eq!(toast(&t, q).await, "这位党员已有一个待接收的移交。");
    // The sending secretary cannot accept on the receiver's behalf.
    let q = t.sim.press_button(
        SEC_XY,
        SEC_XY,
        request.message_id,
        &data_of(&request, "接收"),
    );
    assert_eq!(toast(&t, q).await, "这不是你负责的支部，无法操作。");
    assert_eq!(store.member(a).await.unwrap().org_id, seed.xiangyang.id);

    // Another member's hand-over is withdrawn before it is decided.
    let b = t
        .member(&seed.xiangyang, Some(B), "李四", "13800000002", false)
        .await;
    t.say(SEC_XY, "/handover 李四").await;
    t.press(SEC_XY, SEC_XY, "李四（向阳村党支部）").await;
    t.say(SEC_XY, "和平").await;
    t.press(SEC_XY, SEC_XY, "和平村党支部").await;
    let second = t.last(SEC_HP);
    assert!(second.body().contains("李四"));
    t.press(SEC_XY, SEC_XY, "撤回移交").await;
    assert!(t.last_text(SEC_XY).contains("已撤回 李四 的移交"));
    let q = t
        .sim
        .press_on(SEC_HP, SEC_HP, second.message_id, "接收")
        .unwrap();
    assert_eq!(toast(&t, q).await, "这个移交已经处理过了。");
    assert_eq!(store.member(b).await.unwrap().org_id, seed.xiangyang.id);

    // The first request, accepted.
    t.sim
        .press_on(SEC_HP, SEC_HP, request.message_id, "✅ 接收")
        .unwrap();
    t.settle().await;
    assert_eq!(store.member(a).await.unwrap().org_id, seed.heping.id);
    t.eventually("everyone told", |t| {
        t.last_text(A)
            .contains("您已由 向阳村党支部 转到 和平村党支部")
            && t.last_text(SEC_XY).contains("和平村党支部 已接收 张三")
    })
    .await;
    // Points and the open ticket went along: the new secretary answers it, the old cannot.
    assert_eq!(store.points_since(a, None, 0).await.unwrap(), 3);
    assert_eq!(
        store.ticket(ticket).await.unwrap().unwrap().org_id,
        seed.heping.id
    );
    t.say(SEC_HP, "/inbox").await;
    assert!(t.last_text(SEC_HP).contains(&format!("#{ticket} 咨询")));
    t.say(SEC_XY, "/inbox").await;
    assert!(t.last_text(SEC_XY).contains("没有待处理"));
    // Pressed again (a replay of the same button): decided already.
    let q = t.sim.press_button(
        SEC_HP,
        SEC_HP,
        request.message_id,
        &data_of(&request, "接收"),
    );
    assert_eq!(toast(&t, q).await, "这个移交已经处理过了。");
    t.stop().await;
}
