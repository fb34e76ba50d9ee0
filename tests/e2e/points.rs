//! The points ledger: awards once per event, caps, who rules apply to, `/points`, and
//! secretaries' manual entries.

use crate::harness::*;

const A: i64 = 8201; // 向阳村, working away
const B: i64 = 8202; // 向阳村
const E: i64 = 8205; // 和平村
const GROUP: i64 = -8200;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn points_are_awarded_once_capped_and_adjusted_by_secretaries_only() {
    let t = TestApp::spawn_with(|c| {
        c.notices.quiet_hours = "off".into();
        // Confirming notices: at most 2 points a day, and only for members at home.
        let rule = c.points.rules.get_mut("notice_ack").unwrap();
        rule.daily_cap = Some(2);
        rule.applies_to = "resident".into();
    })
    .await;
    let seed = t.seed().await;
    t.member(&seed.xiangyang, Some(A), "张三", "13800000001", true)
        .await;
    let b = t
        .member(&seed.xiangyang, Some(B), "李四", "13800000002", false)
        .await;
    t.member(&seed.heping, Some(E), "钱七", "13800000005", false)
        .await;

    t.say(B, "/points").await;
    assert!(
        t.last_text(B)
            .starts_with("🏅 我的积分\n今年 0 分 · 本月 0 分\n还没有积分记录")
    );

    for n in 1..=3 {
        t.say(SEC_XY, "/notice").await;
        t.say(SEC_XY, &format!("第{n}号通知")).await;
        t.press(SEC_XY, SEC_XY, "全体党员").await;
        t.press(SEC_XY, SEC_XY, "普通").await;
        t.press(SEC_XY, SEC_XY, "立即发送").await;
    }
    // 李四 confirms all three: 1 + 1, then the daily cap; pressing again awards nothing.
    let mut toasts = Vec::new();
    for n in 1..=3 {
        let copy = t
            .sim
            .bot_messages(B)
            .into_iter()
            .find(|m| m.body().contains(&format!("第{n}号通知")))
            .unwrap();
        let q = t.sim.press_on(B, B, copy.message_id, "收到").unwrap();
        t.settle().await;
        toasts.push(t.sim.answer_for(&q).and_then(|a| a.text).unwrap());
    }
    assert_eq!(
        toasts,
        [
            "已确认收到，谢谢！积分 +1",
            "已确认收到，谢谢！积分 +1",
            "已确认收到，谢谢！"
        ]
    );
    t.press(B, B, "已收到").await;
    // 张三 works away: this rule is only for members at home.
    assert_eq!(
        t.press(A, A, "收到 ✓").await.as_deref(),
        Some("已确认收到，谢谢！")
    );
    t.say(B, "/points").await;
    let text = t.last_text(B);
    assert!(
        text.starts_with("🏅 我的积分\n今年 2 分 · 本月 2 分\n最近记录："),
        "{text}"
    );
    assert_eq!(text.matches("确认通知 +1").count(), 2, "{text}");

    // Manual entries: a secretary of the member's branch, with a reason, within range.
    t.say(SEC_XY, "/points 13800000002 +5 帮助群众秋收").await;
    assert_eq!(
        t.last_text(SEC_XY),
        "✅ 已为 李四 记 +5 分（帮助群众秋收）。"
    );
    assert_eq!(t.last_text(B), "🏅 书记为您记 +5 分：帮助群众秋收");
    t.say(SEC_XY, "/points 13800000002 -2 更正：重复记分").await;
    t.say(SEC_XY, "/points 13800000002 +5").await;
    assert!(t.last_text(SEC_XY).starts_with("请写明原因"));
    t.say(SEC_XY, "/points 13800000002 五分 表扬").await;
    assert!(t.last_text(SEC_XY).starts_with("格式："));
    t.say(SEC_XY, "/points 13800000002 +500 表扬").await;
    assert_eq!(t.last_text(SEC_XY), "每次调整 1 到 100 分。");
    t.say(SEC_XY, "/points 13900000000 +1 表扬").await;
    assert_eq!(t.last_text(SEC_XY), "没有手机号为「13900000000」的党员。");
    t.say(SEC_XY, "/points 13800000005 +1 表扬").await;
    assert_eq!(t.last_text(SEC_XY), "这不是你负责的支部，无法操作。");
    t.say(B, "/points 13800000001 +1 自己人").await;
    assert!(t.last_text(B).starts_with("只有书记可以调整积分"));

    t.say(B, "/points").await;
    let text = t.last_text(B);
    assert!(
        text.starts_with("🏅 我的积分\n今年 5 分 · 本月 5 分"),
        "{text}"
    );
    assert!(text.contains("书记调整 -2（更正：重复记分）"), "{text}");
    assert_eq!(t.store().points_since(b, None, 0).await.unwrap(), 5);
    // Organizers compare branch averages; no ranking of people in groups by default.
    t.say(ORGANIZER, "/points").await;
    let averages = t.last_text(ORGANIZER);
    assert!(
        averages.starts_with(
            "🏅 本月各支部积分（人均）：\n· 向阳村党支部：2 人，人均 2.5 分\n· 和平村党支部：1 人，人均 0.0 分"
        ),
        "{averages}"
    );
    t.sim.create_group(GROUP, "向阳村党员群");
    for id in [A, B, SEC_XY] {
        t.sim.add_member(GROUP, id);
    }
    t.sim.add_bot_to_group(SEC_XY, GROUP);
    t.say_in(SEC_XY, GROUP, "/linkgroup").await;
    t.say_in(B, GROUP, "/points").await;
    assert_eq!(
        t.last_text(GROUP),
        "积分不在群里排名。请私聊机器人发送 /points 查看自己的积分。"
    );
    let audits = t.store().audit_entries(50).await.unwrap();
    assert_eq!(
        audits
            .iter()
            .filter(|(_, _, a, _)| a == "points.adjust")
            .count(),
        2
    );
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_public_leaderboard_ranks_the_branch_in_its_group() {
    let t = TestApp::spawn_with(|c| c.points.public_leaderboard = true).await;
    let seed = t.seed().await;
    t.member(&seed.xiangyang, Some(A), "张三", "13800000001", true)
        .await;
    t.member(&seed.xiangyang, Some(B), "李四", "13800000002", false)
        .await;
    t.member(&seed.heping, Some(E), "钱七", "13800000005", false)
        .await;
    t.sim.create_group(GROUP, "向阳村党员群");
    for id in [A, B, SEC_XY] {
        t.sim.add_member(GROUP, id);
    }
    t.sim.add_bot_to_group(SEC_XY, GROUP);
    t.say_in(SEC_XY, GROUP, "/linkgroup").await;
    t.say(SEC_XY, "/points 13800000002 +5 表扬").await;
    t.say(SEC_XY, "/points 13800000001 +3 表扬").await;
    t.say(SEC_HP, "/points 13800000005 +9 表扬").await;
    t.say_in(A, GROUP, "/points").await;
    assert_eq!(
        t.last_text(GROUP),
        "🏅 向阳村党支部 本月积分前十：\n1. 李四 5 分\n2. 张三 3 分"
    );
    t.stop().await;
}
