//! Notices: writing, audiences, preview, sending, receipts, reminders, quiet hours, schedules.

use std::time::Duration;

use crate::harness::*;

const A: i64 = 8101; // 向阳村, working away
const B: i64 = 8102; // 向阳村
const C: i64 = 8103; // 向阳村
const E: i64 = 8105; // 和平村
const STRANGER: i64 = 8109;
const GROUP: i64 = -100_300;

/// The service with no default quiet hours (tests run at any time of day) and quick progress.
async fn spawn() -> TestApp {
    TestApp::spawn_with(|c| {
        c.notices.quiet_hours = "off".into();
        c.notices.progress_every = "1s".into();
    })
    .await
}

/// 向阳村: 张三 (away), 李四, 王五 on Telegram and 赵六 not joined; 和平村: 钱七.
async fn roster(t: &TestApp, seed: &Seed) {
    t.member(&seed.xiangyang, Some(A), "张三", "13800000001", true)
        .await;
    t.member(&seed.xiangyang, Some(B), "李四", "13800000002", false)
        .await;
    t.member(&seed.xiangyang, Some(C), "王五", "13800000003", false)
        .await;
    t.member(&seed.xiangyang, None, "赵六", "13800000004", false)
        .await;
    t.member(&seed.heping, Some(E), "钱七", "13800000005", false)
        .await;
}

/// Writes a text notice as 向阳村's secretary up to the preview.
async fn write(t: &TestApp, text: &str, audience: &str, urgency: &str) {
    t.say(SEC_XY, "/notice").await;
    t.say(SEC_XY, text).await;
    t.press(SEC_XY, SEC_XY, audience).await;
    t.press(SEC_XY, SEC_XY, urgency).await;
}

fn copy_of(t: &TestApp, chat: i64, needle: &str) -> Option<tg_sim::SimMessage> {
    t.newest_with(chat, needle)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_notice_reaches_every_member_and_the_secretary_sees_who_read_it() {
    let t = spawn().await;
    let seed = t.seed().await;
    roster(&t, &seed).await;

    t.say(SEC_XY, "/notice").await;
    assert!(t.last_text(SEC_XY).contains("给「向阳村党支部」发通知"));
    t.say(
        SEC_XY,
        "明晚 8 点在村委会学习二十届四中全会精神，请准时参加。",
    )
    .await;
    let choice = t.last(SEC_XY);
    assert_eq!(
        t.buttons(&choice),
        ["👥 全体党员（4 人）", "🚶 流动党员（1 人）", "取消"]
    );
    assert!(choice.body().contains("还没有关联支部群"));
    t.press(SEC_XY, SEC_XY, "全体党员").await;
    t.press(SEC_XY, SEC_XY, "普通").await;

    // The preview is the copy as members see it, then the counts and the choice.
    let texts = t.bot_texts(SEC_XY);
    let preview = &texts[texts.len() - 2];
    assert_eq!(
        preview,
        "📢 向阳村党支部 通知\n\n明晚 8 点在村委会学习二十届四中全会精神，请准时参加。"
    );
    let summary = t.last(SEC_XY);
    assert_eq!(
        summary.body(),
        "👆 以上是成员将看到的样子。\n将私聊发给 3 人。\n另有 1 人尚未加入机器人，收不到。"
    );
    assert_eq!(t.buttons(&summary), ["✅ 立即发送", "⏰ 定时发送", "取消"]);
    assert_eq!(
        t.press(SEC_XY, SEC_XY, "立即发送").await.as_deref(),
        Some("开始发送")
    );

    // Every member of the branch gets one copy with 「收到 ✓」; the other branch gets none.
    for id in [A, B, C] {
        let copy = copy_of(&t, id, "二十届四中全会").expect("a copy");
        assert_eq!(t.buttons(&copy), ["收到 ✓"]);
    }
    assert!(copy_of(&t, E, "二十届四中全会").is_none());
    // The secretary's message ends with the outcome.
    t.eventually("the result on the secretary's message", |t| {
        t.sim
            .message(SEC_XY, summary.message_id)
            .is_some_and(|m| m.body().starts_with("✅ 发送完成：已送达 3 · 无法送达 0"))
    })
    .await;
    let done = t.sim.message(SEC_XY, summary.message_id).unwrap();
    assert!(done.body().contains("另有 1 人尚未加入机器人"));

    // 张三 confirms: thanked, the button says so, pressing again changes nothing.
    assert_eq!(
        t.press(A, A, "收到 ✓").await.as_deref(),
        Some("已确认收到，谢谢！积分 +1")
    );
    let copy = copy_of(&t, A, "二十届四中全会").unwrap();
    assert_eq!(t.buttons(&copy), ["已收到 ✓"]);
    assert_eq!(
        t.press(A, A, "已收到").await.as_deref(),
        Some("您已经确认过了 ✓")
    );
    let notice = 1;
    assert_eq!(t.store().acked_members(notice).await.unwrap().len(), 1);

    // /receipts: counts, then who has not confirmed, and a reminder to them.
    t.say(SEC_XY, "/receipts").await;
    let list = t.last_text(SEC_XY);
    assert!(list.contains("#1"), "{list}");
    assert!(
        list.contains("全体党员 · 送达 3 · 收到 1 · 无法送达 0"),
        "{list}"
    );
    t.press(SEC_XY, SEC_XY, "详情 #1").await;
    let detail = t.last_text(SEC_XY);
    assert!(detail.contains("未确认（3 人）："), "{detail}");
    assert!(detail.contains("李四、王五、赵六（未加入）"), "{detail}");
    t.press(SEC_XY, SEC_XY, "提醒未读").await;
    assert_eq!(t.last_text(SEC_XY), "🔔 已提醒 2 人。");
    for id in [B, C] {
        let nudge = t.last(id);
        assert!(
            nudge.body().starts_with("⏰ 提醒：向阳村党支部"),
            "{}",
            nudge.body()
        );
        assert_eq!(t.buttons(&nudge), ["收到 ✓"]);
    }
    assert!(!t.last_text(A).starts_with("⏰"));
    // A double press sends one round; later the same day, nobody is reminded twice.
    assert_eq!(
        t.press(SEC_XY, SEC_XY, "提醒未读").await.as_deref(),
        Some("刚刚已经提醒过了。")
    );
    t.clock.advance(Duration::from_secs(120));
    t.press(SEC_XY, SEC_XY, "提醒未读").await;
    assert_eq!(
        t.last_text(SEC_XY),
        "🔔 已提醒 0 人。\n2 人今天已提醒过，不再重复打扰。"
    );
    // Confirming from the reminder counts.
    t.press(B, B, "收到 ✓").await;
    assert_eq!(t.store().acked_members(notice).await.unwrap().len(), 2);

    // Another branch's secretary does not see it; a member cannot use /receipts.
    t.say(SEC_HP, "/receipts").await;
    assert_eq!(t.last_text(SEC_HP), "还没有发过通知。发送 /notice 开始。");
    t.say(B, "/receipts").await;
    assert!(t.last_text(B).contains("书记"));
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_notice_counts_presses_live_and_tells_non_members() {
    let t = spawn().await;
    let seed = t.seed().await;
    roster(&t, &seed).await;
    t.person(STRANGER, "路人");
    t.sim.create_group(GROUP, "向阳村党员群");
    for id in [A, B, STRANGER, SEC_XY] {
        t.sim.add_member(GROUP, id);
    }
    t.sim.add_bot_to_group(SEC_XY, GROUP);
    t.say_in(SEC_XY, GROUP, "/linkgroup").await;

    write(&t, "本周六上午义务植树，8:30 村口集合。", "支部群", "普通").await;
    assert!(
        t.last_text(SEC_XY)
            .contains("将发到 1 个支部群，共 4 名党员。")
    );
    t.press(SEC_XY, SEC_XY, "立即发送").await;
    let copy = copy_of(&t, GROUP, "义务植树").expect("the group copy");
    assert_eq!(t.buttons(&copy), ["收到 ✓ 0/4"]);
    // Nobody gets it privately.
    assert!(copy_of(&t, A, "义务植树").is_none());

    let press = |who| t.sim.press_on(who, GROUP, copy.message_id, "收到").unwrap();
    press(A);
    press(B);
    t.settle().await;
    t.eventually("the count to show both presses", |t| {
        t.buttons(&t.sim.message(GROUP, copy.message_id).unwrap()) == ["收到 ✓ 2/4"]
    })
    .await;
    // A stranger is told politely; a second press changes nothing.
    let q = press(STRANGER);
    t.settle().await;
    assert_eq!(
        t.sim.answer_for(&q).and_then(|a| a.text).as_deref(),
        Some("这条通知是发给本支部党员的，您无需确认。")
    );
    let q = press(A);
    t.settle().await;
    assert_eq!(
        t.sim.answer_for(&q).and_then(|a| a.text).as_deref(),
        Some("您已经确认过了 ✓")
    );
    assert_eq!(t.store().acked_members(1).await.unwrap().len(), 2);
    // Edits were batched: never more than one per press, within the group's limit.
    let edits = t.sim.calls_of("editMessageReplyMarkup").len();
    assert!((1..=2).contains(&edits), "{edits} edits");
    assert_eq!(t.sim.limit_violations(), 0);
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quiet_hours_hold_normal_notices_but_not_urgent_ones() {
    let t = spawn().await;
    let seed = t.seed().await;
    roster(&t, &seed).await;
    // 张三 sets quiet hours around the present moment; 李四 turns them off; 王五 keeps the
    // default, which this deployment turned off.
    let tz: chrono_tz::Tz = "Asia/Shanghai".parse().unwrap();
    let local = chrono::DateTime::from_timestamp_millis(t.clock.now())
        .unwrap()
        .with_timezone(&tz);
    let from = (local - chrono::Duration::hours(1)).format("%H:%M");
    let to = (local + chrono::Duration::hours(2)).format("%H:%M");
    t.say(A, &format!("/settings {from}-{to}")).await;
    assert_eq!(t.last_text(A), format!("✅ 静默时段已设为 {from}–{to}。"));
    t.say(B, "/settings").await;
    assert!(t.last_text(B).contains("静默时段：不设"));
    t.press(B, B, "22:00–07:00").await;
    assert_eq!(t.last_text(B), "✅ 静默时段已设为 22:00–07:00。");
    t.say(B, "/settings 关闭").await;
    assert_eq!(t.last_text(B), "✅ 已取消静默时段，通知将随时送达。");
    t.say(B, "/settings 晚上").await;
    assert!(t.last_text(B).starts_with("看不懂「晚上」"));
    t.person(STRANGER, "路人");
    t.say(STRANGER, "/settings 22-7").await;
    assert!(
        t.last_text(STRANGER)
            .starts_with("静默时段适用于已登记的党员")
    );

    write(
        &t,
        "明早停水通知：8 点至 12 点检修管道。",
        "全体党员",
        "普通",
    )
    .await;
    assert!(
        t.last_text(SEC_XY)
            .contains("其中 1 人正处于静默时段，将在静默结束后收到。")
    );
    let summary = t.last(SEC_XY);
    t.press(SEC_XY, SEC_XY, "立即发送").await;
    assert!(copy_of(&t, B, "停水").is_some());
    assert!(copy_of(&t, C, "停水").is_some());
    assert!(copy_of(&t, A, "停水").is_none());
    // An answer to 张三's own action does not wait behind the held notice.
    t.say(A, "/me").await;
    assert!(t.last_text(A).contains("张三"));
    t.eventually("the progress to show the held copy", |t| {
        t.sim
            .message(SEC_XY, summary.message_id)
            .is_some_and(|m| m.body().contains("⏸ 1 份在成员静默时段后送达"))
    })
    .await;

    // An urgent notice goes through quiet hours at once.
    write(&t, "紧急：台风预警，今晚请勿外出。", "全体党员", "紧急").await;
    t.press(SEC_XY, SEC_XY, "立即发送").await;
    let urgent = copy_of(&t, A, "台风预警").expect("urgent copy goes at once");
    assert!(urgent.body().starts_with("🔴 向阳村党支部 紧急通知"));

    // When the quiet hours end, the held copy goes.
    t.clock.advance(Duration::from_secs(3 * 3600));
    t.eventually("the held copy after the quiet hours", |t| {
        copy_of(t, A, "停水").is_some()
    })
    .await;
    t.eventually("the result once the held copy went", |t| {
        t.sim
            .message(SEC_XY, summary.message_id)
            .is_some_and(|m| m.body().starts_with("✅ 发送完成：已送达 3"))
    })
    .await;
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scheduled_notices_go_at_their_time_or_not_at_all_and_unread_ones_are_reminded_once() {
    let t = spawn().await;
    let seed = t.seed().await;
    roster(&t, &seed).await;
    let tz: chrono_tz::Tz = "Asia/Shanghai".parse().unwrap();
    let at = |hours: i64| {
        chrono::DateTime::from_timestamp_millis(t.clock.now())
            .unwrap()
            .with_timezone(&tz)
            + chrono::Duration::hours(hours)
    };

    write(&t, "下周一上午 9 点开党员大会。", "流动党员", "普通").await;
    t.press(SEC_XY, SEC_XY, "定时发送").await;
    assert!(t.last_text(SEC_XY).starts_with("请发送发送时间"));
    t.say(SEC_XY, "后年").await;
    assert!(t.last_text(SEC_XY).starts_with("看不懂这个时间"));
    t.say(SEC_XY, "2020-01-01 09:00").await;
    assert_eq!(
        t.last_text(SEC_XY),
        "这个时间已经过去了，请发送一个将来的时间。"
    );
    let when = at(2).format("%Y-%m-%d %H:%M").to_string();
    t.say(SEC_XY, &when).await;
    assert_eq!(
        t.last_text(SEC_XY),
        format!("⏰ 通知 #1 将于 {when} 发送。")
    );

    write(&t, "这条会被取消。", "全体党员", "普通").await;
    t.press(SEC_XY, SEC_XY, "定时发送").await;
    t.say(SEC_XY, &at(1).format("%m-%d %H:%M").to_string())
        .await;
    t.say(SEC_XY, "/receipts").await;
    let list = t.last_text(SEC_XY);
    assert_eq!(list.matches("⏰ 待发送").count(), 2, "{list}");
    t.press(SEC_XY, SEC_XY, "取消 #2").await;
    assert_eq!(t.last_text(SEC_XY), "通知 #2 已取消，没有发出。");

    // Nothing goes before its time.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(copy_of(&t, A, "党员大会").is_none());
    t.clock.advance(Duration::from_secs(2 * 3600 + 60));
    t.eventually("the scheduled notice at its time", |t| {
        copy_of(t, A, "党员大会").is_some()
    })
    .await;
    t.settle().await;
    // Only members working away; the cancelled one never goes.
    assert!(copy_of(&t, B, "党员大会").is_none());
    tokio::time::sleep(Duration::from_millis(1500)).await;
    for id in [A, B, C] {
        assert!(copy_of(&t, id, "这条会被取消").is_none());
    }

    // A day later, one reminder to who has not confirmed; never a second.
    t.clock.advance(Duration::from_secs(24 * 3600 + 60));
    t.eventually("the automatic reminder", |t| {
        t.last_text(A).starts_with("⏰ 提醒")
    })
    .await;
    let reminders = |t: &TestApp| {
        t.bot_texts(A)
            .iter()
            .filter(|s| s.starts_with("⏰ 提醒"))
            .count()
    };
    assert_eq!(reminders(&t), 1);
    t.clock.advance(Duration::from_secs(24 * 3600 + 60));
    tokio::time::sleep(Duration::from_millis(2500)).await;
    t.settle().await;
    assert_eq!(reminders(&t), 1);
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_files_and_voice_go_as_they_came_and_other_content_is_refused() {
    let t = spawn().await;
    let seed = t.seed().await;
    roster(&t, &seed).await;
    let png = lianxin::onboarding::qr::png("https://example.org").unwrap();

    t.say(SEC_XY, "/notice").await;
    t.sim.send_location(SEC_XY, SEC_XY, 30.0, 120.0);
    t.settle().await;
    assert!(t.last_text(SEC_XY).starts_with("这种内容不能作为通知发送"));
    t.sim
        .send_photo(SEC_XY, SEC_XY, png.clone(), Some("学习园地海报"));
    t.settle().await;
    t.press(SEC_XY, SEC_XY, "全体党员").await;
    t.press(SEC_XY, SEC_XY, "普通").await;
    t.press(SEC_XY, SEC_XY, "立即发送").await;
    let photo = copy_of(&t, B, "学习园地海报").expect("photo copy");
    assert_eq!(photo.kind, tg_sim::SimMessageKind::Photo);
    assert_eq!(
        photo.caption.as_deref(),
        Some("📢 向阳村党支部 通知\n\n学习园地海报")
    );
    assert_eq!(t.buttons(&photo), ["收到 ✓"]);

    t.say(SEC_XY, "/notice").await;
    t.sim.send_document(
        SEC_XY,
        SEC_XY,
        "学习材料.pdf",
        "application/pdf",
        b"%PDF-1.4".to_vec(),
        Some("第一期学习材料"),
    );
    t.settle().await;
    t.press(SEC_XY, SEC_XY, "流动党员").await;
    t.press(SEC_XY, SEC_XY, "紧急").await;
    t.press(SEC_XY, SEC_XY, "立即发送").await;
    let doc = copy_of(&t, A, "第一期学习材料").expect("document copy");
    assert_eq!(doc.kind, tg_sim::SimMessageKind::Document);
    assert_eq!(doc.file_name.as_deref(), Some("学习材料.pdf"));
    assert!(copy_of(&t, B, "第一期学习材料").is_none());

    t.say(SEC_XY, "/notice").await;
    t.sim.send_voice(SEC_XY, SEC_XY, b"OggS voice".to_vec(), 12);
    t.settle().await;
    t.press(SEC_XY, SEC_XY, "全体党员").await;
    t.press(SEC_XY, SEC_XY, "普通").await;
    t.press(SEC_XY, SEC_XY, "立即发送").await;
    let voice = t.last(C);
    assert_eq!(voice.kind, tg_sim::SimMessageKind::Voice);
    assert_eq!(t.buttons(&voice), ["收到 ✓"]);

    // Only staff write notices.
    t.say(B, "/notice").await;
    assert!(t.last_text(B).contains("书记"));
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undelivered_copies_are_counted_with_their_reason() {
    let t = spawn().await;
    let seed = t.seed().await;
    roster(&t, &seed).await;
    t.sim.user_blocks_bot(B);
    t.sim.deactivate_user(C);

    write(&t, "关于缴纳党费的通知。", "全体党员", "普通").await;
    let summary = t.last(SEC_XY);
    t.press(SEC_XY, SEC_XY, "立即发送").await;
    t.eventually("the result", |t| {
        t.sim
            .message(SEC_XY, summary.message_id)
            .is_some_and(|m| m.body().starts_with("✅ 发送完成"))
    })
    .await;
    let result = t.sim.message(SEC_XY, summary.message_id).unwrap();
    assert_eq!(
        result.body(),
        "✅ 发送完成：已送达 1 · 无法送达 2\n　· 已屏蔽机器人 1\n　· 账号已注销 1\n另有 1 人尚未加入机器人，收不到。"
    );
    assert_eq!(t.buttons(&result), ["📋 查看回执"]);
    // Blocked members are unreachable from now on: the next notice does not try them.
    write(&t, "第二条。", "全体党员", "普通").await;
    assert!(
        t.last_text(SEC_XY)
            .contains("另有 2 人已屏蔽机器人或注销账号")
    );
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_senders_message_shows_the_progress_then_the_outcome() {
    let t = TestApp::spawn_with(|c| {
        c.notices.quiet_hours = "off".into();
        c.notices.progress_every = "1s".into();
        c.delivery.global_per_second = 10;
    })
    .await;
    let seed = t.seed().await;
    for i in 0..40 {
        t.member(
            &seed.xiangyang,
            Some(9000 + i),
            &format!("党员{i}"),
            &format!("1390000{i:04}"),
            false,
        )
        .await;
    }
    write(&t, "关于开展冬季送温暖活动的通知。", "全体党员", "普通").await;
    let summary = t.last(SEC_XY);
    t.press(SEC_XY, SEC_XY, "立即发送").await;
    t.eventually("the outcome", |t| {
        t.sim
            .message(SEC_XY, summary.message_id)
            .is_some_and(|m| m.body() == "✅ 发送完成：已送达 40 · 无法送达 0")
    })
    .await;
    // Along the way: a bar, the count, the share and the time left, the count only growing.
    let bodies = t.sim.message(SEC_XY, summary.message_id).unwrap().bodies;
    let progress: Vec<&String> = bodies.iter().filter(|b| b.starts_with("发送中 ")).collect();
    assert!(progress.len() >= 2, "{bodies:#?}");
    let mut last = -1;
    for p in &progress {
        assert!(p.contains('▓') || p.contains("░░░░░░░░░░"), "{p}");
        assert!(p.contains("/40（") && p.contains("%）· 约 "), "{p}");
        let done: i64 = p
            .split_whitespace()
            .nth(2)
            .and_then(|c| c.split('/').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a count in {p}"));
        assert!(done >= last, "{bodies:#?}");
        last = done;
    }
    assert!(progress.iter().any(|p| p.contains('▓')), "{bodies:#?}");
    t.stop().await;
}

/// The callback data of the newest button containing `label` in `chat`.
fn token(t: &TestApp, chat: i64, label: &str) -> String {
    t.sim
        .bot_messages(chat)
        .iter()
        .rev()
        .flat_map(|m| m.inline_buttons().into_iter().flatten())
        .find(|(text, _)| text.contains(label))
        .map(|(_, data)| data)
        .unwrap_or_else(|| panic!("no button {label} in {chat}"))
}

/// Presses a button whose token was copied from someone else's chat, in the presser's own chat
/// (as a modified client could); returns the answer.
async fn forge(t: &TestApp, who: i64, data: &str) -> Option<String> {
    let q = t.sim.press_button(who, who, 1, data);
    t.settle().await;
    t.sim.answer_for(&q).and_then(|a| a.text)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwarded_posts_are_taken_and_every_refusal_is_explained() {
    let t = spawn().await;
    let seed = t.seed().await;
    roster(&t, &seed).await;

    // A wrong or foreign unit code.
    t.say(SEC_XY, "/notice heping").await;
    assert_eq!(t.last_text(SEC_XY), "你无权管理「heping」。");
    t.say(SEC_XY, "/notice nowhere").await;
    assert_eq!(t.last_text(SEC_XY), "没有代码为「nowhere」的组织。");
    // The organizer may write for any unit below the county.
    t.say(ORGANIZER, "/notice heping").await;
    assert!(t.last_text(ORGANIZER).contains("给「和平村党支部」发通知"));
    t.say(ORGANIZER, "/cancel").await;

    // A post forwarded from a channel becomes the notice's text.
    t.say(SEC_XY, "/notice").await;
    t.sim.forward_text(
        SEC_XY,
        SEC_XY,
        "【转发】县委组织部：关于做好流动党员冬训工作的通知",
        (-1_001_234, "清河组工"),
    );
    t.settle().await;
    t.press(SEC_XY, SEC_XY, "流动党员").await;
    t.press(SEC_XY, SEC_XY, "普通").await;
    t.press(SEC_XY, SEC_XY, "立即发送").await;
    let copy = copy_of(&t, A, "冬训工作").expect("the forwarded post reaches 张三");
    assert!(copy.body().starts_with("📢 向阳村党支部 通知\n\n【转发】"));

    // Buttons copied out of someone else's chat do nothing for the wrong person.
    t.say(SEC_XY, "/receipts").await;
    let detail = token(&t, SEC_XY, "详情 #1");
    assert_eq!(
        forge(&t, SEC_HP, &detail).await.as_deref(),
        Some("这不是你负责的支部，无法操作。")
    );
    t.press(SEC_XY, SEC_XY, "详情 #1").await;
    let nudge = token(&t, SEC_XY, "提醒未读");
    assert_eq!(
        forge(&t, B, &nudge).await.as_deref(),
        Some("这不是你负责的支部，无法操作。")
    );
    // 和平村's member cannot confirm 向阳村's notice; a stranger is told it is not for them.
    let ack = token(&t, A, "收到");
    assert_eq!(
        forge(&t, E, &ack).await.as_deref(),
        Some("这条通知不是发给您所在支部的，您无需确认。")
    );
    t.person(STRANGER, "路人");
    assert_eq!(
        forge(&t, STRANGER, &ack).await.as_deref(),
        Some("这条通知是发给本支部党员的，您无需确认。")
    );
    assert!(t.store().acked_members(1).await.unwrap().is_empty());

    // Another secretary cannot send, schedule or cancel someone's draft.
    write(&t, "草稿。", "全体党员", "普通").await;
    // The preview's button is only a sample.
    assert_eq!(
        t.press(SEC_XY, SEC_XY, "收到").await.as_deref(),
        Some("这是预览，成员收到通知后才能确认。")
    );
    for label in ["立即发送", "定时发送", "取消"] {
        let data = token(&t, SEC_XY, label);
        let answer = forge(&t, SEC_HP, &data).await;
        assert!(
            matches!(
                answer.as_deref(),
                Some("这个按钮已失效，请重新发送命令。") | Some("这不是你负责的支部，无法操作。")
            ),
            "{label}: {answer:?}"
        );
    }
    assert_eq!(
        t.store().notice(2).await.unwrap().unwrap().status,
        lianxin::domain::NoticeStatus::Draft
    );
    // A notice cannot be sent twice.
    let send = token(&t, SEC_XY, "立即发送");
    t.press(SEC_XY, SEC_XY, "立即发送").await;
    assert_eq!(
        forge(&t, SEC_XY, &send).await.as_deref(),
        Some("这条通知已经发出。")
    );
    t.stop().await;
}
