//! Study sessions: convening one, 参加 and 请假 with a reason, reminders, the 「签到」 window
//! and lateness, proxy marks, the summary at close, make-up study, and refusals.

use crate::harness::*;

const A: i64 = 8501; // 向阳村, working away: checks in late
const B: i64 = 8502; // 向阳村: comes, checks in on time
const C: i64 = 8503; // 向阳村: asks for leave
const F: i64 = 8506; // 向阳村: does not come
const G: i64 = 8507; // 向阳村, working away: does not come
const E: i64 = 8505; // 和平村: not invited
const GROUP: i64 = -7001; // 向阳村's group

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_is_convened_attended_summarised_and_made_up() {
    let t = TestApp::spawn_with(|c| c.notices.quiet_hours = "off".into()).await;
    let seed = t.seed().await;
    let a = t
        .member(&seed.xiangyang, Some(A), "张三", "13800000001", true)
        .await;
    let b = t
        .member(&seed.xiangyang, Some(B), "李四", "13800000002", false)
        .await;
    t.member(&seed.xiangyang, Some(C), "王五", "13800000003", false)
        .await;
    let d = t
        .member(&seed.xiangyang, None, "赵六", "13800000004", false)
        .await;
    let f = t
        .member(&seed.xiangyang, Some(F), "孙八", "13800000006", false)
        .await;
    t.member(&seed.xiangyang, Some(G), "周九", "13800000007", true)
        .await;
    t.member(&seed.heping, Some(E), "钱七", "13800000005", false)
        .await;

    t.sim.create_group(GROUP, "向阳村党员群");
    for id in [A, B, C, F, G, SEC_XY] {
        t.sim.add_member(GROUP, id);
    }
    t.sim.add_bot_to_group(SEC_XY, GROUP);
    t.say_in(SEC_XY, GROUP, "/linkgroup").await;

    // A lesson to study at the session.
    t.say(SEC_XY, "/lesson").await;
    t.say(SEC_XY, "党章第一章").await;
    t.say(SEC_XY, "党员的义务和权利。").await;
    t.press(SEC_XY, SEC_XY, "内容完成").await;
    t.press(SEC_XY, SEC_XY, "不加测验").await;
    t.press(SEC_XY, SEC_XY, "全体党员").await;
    t.press(SEC_XY, SEC_XY, "普通").await;
    t.press(SEC_XY, SEC_XY, "立即发送").await;

    // Members cannot convene or mark.
    t.say(B, "/session").await;
    assert!(t.last_text(B).contains("书记"));
    t.say(B, "/attendance").await;
    assert!(t.last_text(B).contains("书记"));

    // /session: kind → title → time → place → lesson → audience → preview → send.
    let tz: chrono_tz::Tz = "Asia/Shanghai".parse().unwrap();
    let start_local = (chrono::DateTime::from_timestamp_millis(t.clock.now()).unwrap()
        + chrono::Duration::days(2))
    .with_timezone(&tz);
    let typed = start_local.format("%m-%d %H:%M").to_string();
    t.say(SEC_XY, "/session").await;
    assert!(t.last_text(SEC_XY).contains("请选择类型"));
    assert!(t.buttons(&t.last(SEC_XY)).contains(&"乡贤讲堂".to_string()));
    t.press(SEC_XY, SEC_XY, "主题党日").await;
    t.say(SEC_XY, "十二月主题党日").await;
    t.say(SEC_XY, "下辈子").await;
    assert!(
        t.last_text(SEC_XY).contains("看不懂这个时间"),
        "{}",
        t.last_text(SEC_XY)
    );
    t.say(SEC_XY, "2020-01-01 08:00").await;
    assert!(!t.last_text(SEC_XY).contains("在哪里举行"));
    t.say(SEC_XY, &typed).await;
    assert!(t.last_text(SEC_XY).contains("在哪里举行"));
    t.say(SEC_XY, "村委会会议室").await;
    t.press(SEC_XY, SEC_XY, "党章第一章").await;
    t.press(SEC_XY, SEC_XY, "全体党员").await;
    let preview = t.last(SEC_XY);
    assert!(t.buttons(&preview).iter().any(|b| b.contains("立即发送")));
    assert!(
        !t.buttons(&preview).iter().any(|b| b.contains("定时")),
        "an invitation has no send-later"
    );
    t.press(SEC_XY, SEC_XY, "立即发送").await;
    t.eventually("the invitations", |t| {
        [A, B, C, F, G]
            .iter()
            .all(|m| t.bot_texts(*m).iter().any(|s| s.contains("十二月主题党日")))
    })
    .await;
    let invitation = t.last(B);
    assert!(
        invitation
            .body()
            .starts_with("🗓 向阳村党支部 活动通知\n\n【主题党日】十二月主题党日")
    );
    assert!(invitation.body().contains("📍 地点：村委会会议室"));
    assert!(invitation.body().contains("📖 学习内容：《党章第一章》"));
    assert_eq!(t.buttons(&invitation), ["✋ 参加", "请假"]);
    let start = chrono::NaiveDateTime::parse_from_str(
        &format!("{}-{typed}", start_local.format("%Y")),
        "%Y-%m-%d %H:%M",
    )
    .unwrap()
    .and_local_timezone(tz)
    .unwrap()
    .timestamp_millis();

    // 参加, and 请假 with a reason (the secretary hears it at once).
    assert_eq!(
        t.press(B, B, "参加").await.unwrap(),
        "已报名参加，届时请签到。"
    );
    assert_eq!(t.press(B, B, "参加").await.unwrap(), "您已经报名了 ✓");
    assert_eq!(
        t.press(C, C, "请假").await.unwrap(),
        "请在私聊中说明请假原因。"
    );
    assert!(t.last_text(C).contains("请简单说明原因"));
    t.say(C, "在医院值班").await;
    assert_eq!(t.last_text(C), "✓ 请假已登记，书记会看到您的原因。");
    assert_eq!(
        t.last_text(SEC_XY),
        "📝 王五 请假：「十二月主题党日」\n原因：在医院值班"
    );

    // The reminder a day before goes to everyone but the member on leave.
    jump(&t, start - 24 * 3_600_000 + 60_000);
    t.eventually("the day-before reminder", |t| {
        t.last_text(B).starts_with("⏰ 活动提醒")
    })
    .await;
    assert!(
        t.last_text(B).contains("还有 23 小时 5"),
        "{}",
        t.last_text(B)
    );
    assert!(!t.last_text(C).starts_with("⏰ 活动提醒"));

    // 签到 opens 30 minutes before: on time, then pressed twice.
    jump(&t, start - 29 * 60_000);
    t.eventually("check-in opens", |t| {
        t.last_text(B).starts_with("✅ 签到开始")
    })
    .await;
    assert!(
        !t.last_text(C).starts_with("✅ 签到开始"),
        "not to the one on leave"
    );
    // In the branch group too, where 李四 checks in; privately it is then done.
    t.eventually("check-in in the group", |t| {
        t.last_text(GROUP).starts_with("✅ 签到开始")
    })
    .await;
    let ok = t.press(B, GROUP, "签到").await.unwrap();
    assert!(
        ok.starts_with("✓ 签到成功（") && ok.ends_with("），积分 +3"),
        "{ok}"
    );
    assert_eq!(t.press(B, B, "签到").await.unwrap(), "您已经签到过了 ✓");
    // Someone of another branch pressing a forwarded 「签到」 is not checked in.
    let open = t.last(B);
    let data = data_of(&open, "签到");
    let q = t.sim.press_button(E, B, open.message_id, &data);
    t.settle().await;
    assert_eq!(
        t.sim.answer_for(&q).and_then(|a| a.text).as_deref(),
        Some("这条通知不是发给您所在支部的，您无需确认。")
    );

    // 20 minutes after the start: late.
    jump(&t, start + 20 * 60_000);
    let late = t.press(A, A, "签到").await.unwrap();
    assert!(late.contains("迟到"), "{late}");
    assert_eq!(
        t.press(F, F, "请假").await.unwrap(),
        "活动已经开始，不能再报名或请假。"
    );

    // Another branch's secretary finds nothing to mark; this branch's marks 赵六 (no phone).
    t.say(SEC_HP, "/attendance").await;
    assert!(t.last_text(SEC_HP).contains("没有学习活动"));
    t.say(SEC_XY, "/attendance").await;
    t.press(SEC_XY, SEC_XY, "十二月主题党日").await;
    let list = t.last(SEC_XY);
    assert!(
        t.buttons(&list).iter().any(|b| b == "📵 赵六 · 未签到"),
        "{:?}",
        t.buttons(&list)
    );
    t.press(SEC_XY, SEC_XY, "赵六").await;
    // Another branch's secretary pressing these buttons changes nothing.
    let marks = t.last(SEC_XY);
    let data = data_of(&marks, "到会");
    let q = t.sim.press_button(SEC_HP, SEC_XY, marks.message_id, &data);
    t.settle().await;
    assert_eq!(
        t.sim.answer_for(&q).and_then(|a| a.text).as_deref(),
        Some("这不是你负责的支部，无法操作。")
    );
    t.press(SEC_XY, SEC_XY, "到会").await;
    assert!(t.last_text(SEC_XY).contains("已登记：赵六 · 到会"));
    // A mis-click corrected: 孙八 marked present, then absent; the points follow, by new entries.
    t.press(SEC_XY, SEC_XY, "返回名单").await;
    t.press(SEC_XY, SEC_XY, "孙八").await;
    t.press(SEC_XY, SEC_XY, "到会").await;
    assert_eq!(
        t.store()
            .points_since(f, Some("session_attend"), 0)
            .await
            .unwrap(),
        3
    );
    t.press(SEC_XY, SEC_XY, "返回名单").await;
    t.press(SEC_XY, SEC_XY, "孙八").await;
    t.press(SEC_XY, SEC_XY, "缺席").await;
    assert!(t.last_text(SEC_XY).contains("已登记：孙八 · 缺席"));
    assert_eq!(
        t.store()
            .points_since(f, Some("session_attend"), 0)
            .await
            .unwrap(),
        0
    );
    assert_eq!(t.store().latest_points(f, 10).await.unwrap().len(), 2);

    // At close the secretary gets the summary; 周九 works away and is not counted absent.
    jump(&t, start + 61 * 60_000);
    t.eventually("the summary", |t| t.last_text(SEC_XY).starts_with("📋"))
        .await;
    let summary = t.last(SEC_XY);
    assert!(
        summary
            .body()
            .contains("应到 6 人 · 到会 2 · 迟到 1 · 请假 1 · 缺席 1"),
        "{}",
        summary.body()
    );
    assert!(summary.body().contains("请假：王五（在医院值班）"));
    assert!(summary.body().contains("缺席：孙八"));
    assert!(summary.body().contains("迟到：张三"));
    assert!(
        summary
            .body()
            .contains("在外流动党员未到 1 人（不计缺席，可补学）")
    );
    let closed = t.press(F, F, "签到").await.unwrap();
    assert!(closed.starts_with("签到已经结束"), "{closed}");

    // Make-up study: the lesson goes to 孙八 and 周九, once.
    let before = |m| {
        t.bot_texts(m)
            .iter()
            .filter(|s| s.contains("《党章第一章》"))
            .count()
    };
    let (f0, g0, b0) = (before(F), before(G), before(B));
    t.press(SEC_XY, SEC_XY, "推送补学（2 人）").await;
    assert!(
        t.last_text(SEC_XY)
            .contains("已向 2 名缺席党员推送补学《党章第一章》")
    );
    t.eventually("make-up copies", |t| {
        let n = |m| {
            t.bot_texts(m)
                .iter()
                .filter(|s| s.contains("《党章第一章》"))
                .count()
        };
        n(F) > f0 && n(G) > g0
    })
    .await;
    assert_eq!(before(B), b0, "not to those who came");
    assert_eq!(
        t.press(SEC_XY, SEC_XY, "推送补学").await.unwrap(),
        "补学已经推送过了。"
    );

    let points = |m| t.store().points_since(m, Some("session_attend"), 0);
    assert_eq!(points(b).await.unwrap(), 3);
    assert_eq!(points(a).await.unwrap(), 3);
    assert_eq!(
        points(d).await.unwrap(),
        3,
        "marked present by the secretary"
    );
    t.stop().await;
}
