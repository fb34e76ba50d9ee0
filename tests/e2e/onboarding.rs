//! Invites, the shared phone, roster matching, join requests, profiles and restarts.

use lianxin::domain::{MemberStatus, Mobility, Phone};
use lianxin::onboarding::roster;

use crate::harness::*;

const MEMBER: i64 = 7001;
const STRANGER: i64 = 7002;

/// Opens an invite as `id` and shares `phone` as their own.
async fn join(t: &TestApp, id: i64, name: &str, code: &str, phone: &str) {
    t.person(id, name);
    t.say(id, &format!("/start {code}")).await;
    t.share_contact(id, phone, Some(id)).await;
}

/// Imports 张三 (mobile, no city) and 李四 into 向阳村 the way the CLI does.
async fn import_roster(t: &TestApp, seed: &Seed) {
    let csv = "姓名,手机,外出,所在城市\n张三,13800138000,是,\n李四,13900139000,否,\n";
    let r = roster::read("roster.csv", csv.as_bytes()).unwrap();
    roster::import(t.store(), &seed.xiangyang, &r, t.clock.now(), false, |_| {})
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_roster_member_joins_with_an_invite_and_completes_the_profile() {
    let t = TestApp::spawn().await;
    let seed = t.seed().await;
    import_roster(&t, &seed).await;

    let code = t.invite_code(SEC_XY).await;
    let card = t.last(SEC_XY);
    assert_eq!(
        card.kind,
        tg_sim::SimMessageKind::Photo,
        "the invite comes as a QR picture"
    );
    let png = t.sim.download(card.file_id.as_deref().unwrap()).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    let caption = card.caption.clone().unwrap();
    assert!(
        caption.contains(&format!("https://t.me/lianxin_bot?start={code}")),
        "{caption}"
    );
    assert!(
        caption.contains("向阳村党支部") && caption.contains("最多 200 人"),
        "{caption}"
    );

    t.person(MEMBER, "张三");
    t.say(MEMBER, &format!("/start {code}")).await;
    assert!(t.last_text(MEMBER).contains("欢迎加入向阳村党支部"));
    let keyboard = t.last(MEMBER).reply_keyboard().expect("a reply keyboard");
    assert!(keyboard[0][0].request_contact && keyboard[0][0].text.contains("分享我的手机号"));

    t.share_contact(MEMBER, "8613800138000", Some(MEMBER)).await;
    let texts = t.bot_texts(MEMBER);
    assert!(
        texts
            .iter()
            .any(|x| x.contains("核对成功！张三，你已加入向阳村党支部")),
        "{texts:?}"
    );
    assert!(
        t.sim
            .bot_messages(MEMBER)
            .iter()
            .any(|m| m.removes_keyboard()),
        "the contact keyboard is taken away"
    );
    // The roster says 张三 works away but not where: the bot asks.
    assert!(t.last_text(MEMBER).contains("哪个城市"), "{texts:?}");

    t.say(MEMBER, "深圳").await;
    assert!(t.last_text(MEMBER).contains("技能"));
    t.press(MEMBER, MEMBER, "跳过").await;
    assert!(t.last_text(MEMBER).contains("资料已完善"));

    let m = t.store().member_by_telegram(MEMBER).await.unwrap().unwrap();
    assert_eq!(
        (m.name.as_str(), m.status, m.mobility, m.city.as_deref()),
        ("张三", MemberStatus::Active, Mobility::Mobile, Some("深圳"))
    );
    assert_eq!(t.store().city_history(m.id).await.unwrap().len(), 1);
    assert_eq!(t.store().invite(&code).await.unwrap().unwrap().uses, 1);

    // Coming back with the link again changes nothing.
    t.say(MEMBER, &format!("/start {code}")).await;
    assert!(t.last_text(MEMBER).contains("你已经是向阳村党支部的党员"));
    t.say(MEMBER, "/start").await;
    assert!(t.last_text(MEMBER).contains("张三，欢迎回来"));

    // /members shows the member as joined and away.
    t.say(SEC_XY, "/members").await;
    let list = t.last_text(SEC_XY);
    assert!(list.contains("共 2 人，已加入 1 人，外出 1 人"), "{list}");
    assert!(
        list.contains("张三　🚶外出·深圳") && list.contains("李四　（未加入）"),
        "{list}"
    );
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_phone_waits_for_approval_and_the_member_is_told() {
    let t = TestApp::spawn().await;
    t.seed().await;
    let code = t.invite_code(SEC_XY).await;
    t.person(STRANGER, "王五");
    t.say(STRANGER, &format!("/start {code}")).await;
    t.share_contact(STRANGER, "13700137000", Some(STRANGER))
        .await;
    assert!(
        t.last_text(STRANGER)
            .contains("已把你的申请发给向阳村党支部的支部书记审核")
    );

    // Only the branch's own secretary is asked; the other branch's is not.
    let ask = t.last(SEC_XY);
    assert!(
        ask.body().contains("新的加入申请") && ask.body().contains("13700137000"),
        "{}",
        ask.body()
    );
    assert_eq!(ask.button_texts(), vec!["✅ 批准", "❌ 拒绝"]);
    assert!(
        t.sim
            .bot_messages(SEC_HP)
            .iter()
            .all(|m| !m.body().contains("加入申请"))
    );

    // A secretary of another branch cannot decide it, even with the very button.
    let forged = t
        .sim
        .press_on(SEC_HP, SEC_XY, ask.message_id, "批准")
        .unwrap();
    t.settle().await;
    assert_eq!(
        t.sim.answer_for(&forged).unwrap().text.as_deref(),
        Some("这不是你负责的支部，无法操作。")
    );
    assert!(
        t.store()
            .member_by_telegram(STRANGER)
            .await
            .unwrap()
            .is_none()
    );

    t.say(SEC_XY, "/pending").await;
    assert!(
        t.bot_texts(SEC_XY)
            .iter()
            .any(|x| x.contains("待审核的加入申请共 1 个"))
    );

    t.press(SEC_XY, SEC_XY, "批准").await;
    assert!(
        t.last_text(SEC_XY).contains("已由 李书记 批准"),
        "{}",
        t.last_text(SEC_XY)
    );
    let texts = t.bot_texts(STRANGER);
    assert!(
        texts
            .iter()
            .any(|x| x.contains("你的申请已通过，欢迎加入向阳村党支部")),
        "{texts:?}"
    );
    assert!(t.last_text(STRANGER).contains("真实姓名"));

    // Pressing again is harmless.
    let again = t.press(SEC_XY, SEC_XY, "拒绝").await;
    assert_eq!(again.as_deref(), Some("这个申请已经处理过了。"));

    // The new member answers the questions.
    t.say(STRANGER, "").await;
    t.say(STRANGER, &"长".repeat(30)).await;
    assert!(t.last_text(STRANGER).contains("姓名应为 1 到 20 个字"));
    t.say(STRANGER, "王五").await;
    assert!(t.last_text(STRANGER).contains("在家，还是外出务工"));
    t.press(STRANGER, STRANGER, "外出务工").await;
    assert!(t.last_text(STRANGER).contains("哪个城市"));
    t.say(STRANGER, "杭州").await;
    t.say(STRANGER, "电工").await;
    assert!(t.last_text(STRANGER).contains("资料已完善"));
    let m = t
        .store()
        .member_by_telegram(STRANGER)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            m.name.as_str(),
            m.mobility,
            m.city.as_deref(),
            m.skills.as_deref(),
            m.phone
        ),
        (
            "王五",
            Mobility::Mobile,
            Some("杭州"),
            Some("电工"),
            Some(Phone::parse("13700137000").unwrap())
        )
    );
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_request_is_told_and_creates_no_member() {
    let t = TestApp::spawn().await;
    t.seed().await;
    let code = t.invite_code(SEC_XY).await;
    t.person(STRANGER, "路人");
    t.say(STRANGER, &format!("/start {code}")).await;
    t.share_contact(STRANGER, "13700137000", Some(STRANGER))
        .await;
    t.say(STRANGER, "/start").await;
    assert!(t.last_text(STRANGER).contains("正在等待支部书记审核"));
    t.press(SEC_XY, SEC_XY, "拒绝").await;
    assert!(t.last_text(STRANGER).contains("申请没有通过"));
    assert!(t.last_text(SEC_XY).contains("已由 李书记 拒绝"));
    assert!(
        t.last(SEC_XY).inline_buttons().is_empty(),
        "the decided request has no buttons left"
    );
    assert!(
        t.store()
            .member_by_telegram(STRANGER)
            .await
            .unwrap()
            .is_none()
    );
    let audit = t.store().audit_entries(5).await.unwrap();
    assert!(audit.iter().any(|(_, actor, action, _)| actor == &SEC_XY.to_string() && action == "reject_request"));
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_codes_are_explained() {
    let t = TestApp::spawn_with(|c| c.onboarding.invite_max_uses = 1).await;
    let seed = t.seed().await;
    import_roster(&t, &seed).await;
    t.person(STRANGER, "路人");

    t.say(STRANGER, "/start made-up-code").await;
    assert!(t.last_text(STRANGER).contains("邀请码无效"));

    // Used up: one use allowed, 张三 takes it.
    let code = t.invite_code(SEC_XY).await;
    join(&t, MEMBER, "张三", &code, "13800138000").await;
    t.say(STRANGER, &format!("/start {code}")).await;
    assert!(t.last_text(STRANGER).contains("使用人数已满"));

    // Revoked with the button on the invite card.
    let code = t.invite_code(SEC_XY).await;
    assert_eq!(
        t.press(SEC_XY, SEC_XY, "撤销").await.as_deref(),
        Some("已撤销，这个链接不能再使用了。")
    );
    assert!(t.last(SEC_XY).caption.unwrap().contains("已撤销"));
    t.say(STRANGER, &format!("/start {code}")).await;
    assert!(t.last_text(STRANGER).contains("已被撤销"));

    // Expired: a week later.
    let code = t.invite_code(SEC_XY).await;
    t.clock
        .advance(std::time::Duration::from_secs(7 * 86_400 + 1));
    t.say(STRANGER, &format!("/start {code}")).await;
    assert!(t.last_text(STRANGER).contains("已过期"));
    assert!(
        t.store()
            .pending_request_of(STRANGER)
            .await
            .unwrap()
            .is_none()
    );
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_ones_own_contact_is_accepted() {
    let t = TestApp::spawn().await;
    let seed = t.seed().await;
    import_roster(&t, &seed).await;
    let code = t.invite_code(SEC_XY).await;
    t.person(STRANGER, "冒名者");
    t.say(STRANGER, &format!("/start {code}")).await;
    // 张三's contact card, forwarded by someone else.
    t.share_contact(STRANGER, "13800138000", Some(MEMBER)).await;
    assert!(t.last_text(STRANGER).contains("只能分享你自己的手机号"));
    // A typed-in contact without a Telegram account behind it.
    t.share_contact(STRANGER, "13800138000", None).await;
    assert!(t.last_text(STRANGER).contains("只能分享你自己的手机号"));
    // Typing instead of pressing the button.
    t.say(STRANGER, "13800138000").await;
    assert!(t.last_text(STRANGER).contains("不用手动输入"));
    assert!(
        t.last(STRANGER).reply_keyboard().is_some(),
        "the contact button stays"
    );
    let zhang = t
        .store()
        .member_by_phone(&Phone::parse("13800138000").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(zhang.telegram_id, None, "nobody took over 张三's entry");
    // 「取消」 ends it.
    t.say(STRANGER, "取消").await;
    assert_eq!(t.last_text(STRANGER), "已取消。");
    assert!(t.store().dialogue(STRANGER).await.unwrap().is_none());
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_cannot_use_secretary_commands() {
    let t = TestApp::spawn().await;
    let seed = t.seed().await;
    t.person(STRANGER, "普通人");
    for cmd in ["/invite", "/pending", "/members", "/members xiangyang"] {
        t.say(STRANGER, cmd).await;
        assert_eq!(
            t.last_text(STRANGER),
            "这个功能仅限支部书记（联系人）和上级组织部门使用。",
            "{cmd}"
        );
    }
    assert!(
        t.store()
            .live_invites(seed.xiangyang.id, t.clock.now())
            .await
            .unwrap()
            .is_empty()
    );
    // A secretary of one branch cannot reach into another.
    t.say(SEC_HP, "/members xiangyang").await;
    assert_eq!(t.last_text(SEC_HP), "你无权管理「xiangyang」。");
    t.say(SEC_HP, "/invite nowhere").await;
    assert_eq!(t.last_text(SEC_HP), "没有代码为「nowhere」的组织。");
    // An organizer of the county chooses among the branches.
    t.say(ORGANIZER, "/invite").await;
    assert_eq!(
        t.last(ORGANIZER).button_texts(),
        vec!["向阳村党支部", "和平村党支部"]
    );
    t.press(ORGANIZER, ORGANIZER, "和平村").await;
    assert!(
        t.last(ORGANIZER)
            .caption
            .unwrap()
            .contains("和平村党支部 邀请链接")
    );
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_and_menus_show_only_what_the_caller_may_use() {
    let t = TestApp::spawn().await;
    t.seed().await;
    t.person(STRANGER, "路人");
    t.say(STRANGER, "/help").await;
    let help = t.last_text(STRANGER);
    assert!(
        help.contains("/me — 查看和修改我的资料") && !help.contains("/invite"),
        "{help}"
    );
    t.say(SEC_XY, "/help").await;
    let help = t.last_text(SEC_XY);
    assert!(
        help.contains("/invite — 生成邀请链接和二维码") && help.contains("/linkgroup"),
        "{help}"
    );

    let sets = t.sim.my_commands();
    let names = |scope: &str, lang: Option<&str>| -> Vec<String> {
        sets.iter()
            .find(|s| {
                s.scope["type"] == scope
                    && s.language_code.as_deref() == lang
                    && (scope != "chat" || s.scope["chat_id"] == SEC_XY)
            })
            .map(|s| s.commands.iter().map(|(c, _)| c.clone()).collect())
            .unwrap_or_default()
    };
    assert_eq!(
        names("all_private_chats", None),
        [
            "start",
            "help",
            "me",
            "study",
            "report",
            "feedback",
            "mytickets",
            "points",
            "mydata",
            "forgetme",
            "language",
            "settings",
            "cancel"
        ]
    );
    assert_eq!(names("all_group_chats", None), ["linkgroup", "help"]);
    let staff = names("chat", None);
    for c in [
        "invite",
        "notice",
        "receipts",
        "lesson",
        "lessons",
        "session",
        "attendance",
        "schedules",
        "reports",
        "inbox",
        "poll",
        "handover",
        "stats",
        "export",
    ] {
        assert!(staff.contains(&c.to_string()), "{staff:?}");
    }
    let en = sets
        .iter()
        .find(|s| {
            s.scope["type"] == "all_private_chats" && s.language_code.as_deref() == Some("en")
        })
        .unwrap();
    assert_eq!(
        en.commands[2],
        ("me".to_string(), "See and edit my profile".to_string())
    );

    t.say(STRANGER, "/frobnicate").await;
    assert!(t.last_text(STRANGER).contains("没有这个命令"));
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_follows_telegram_and_can_be_changed() {
    let t = TestApp::spawn().await;
    t.seed().await;
    t.person_en(STRANGER, "Alice");
    t.say(STRANGER, "/start").await;
    assert!(t.last_text(STRANGER).starts_with("Hello! I am Lianxin"));
    t.say(STRANGER, "/language").await;
    t.press(STRANGER, STRANGER, "中文").await;
    assert_eq!(t.last_text(STRANGER), "已切换为中文。");
    t.say(STRANGER, "/help").await;
    assert!(t.last_text(STRANGER).contains("使用说明"));
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_in_the_middle_of_onboarding_resumes_it() {
    let mut t = TestApp::spawn().await;
    t.seed().await;
    let code = t.invite_code(SEC_XY).await;
    t.person(STRANGER, "王五");
    t.say(STRANGER, &format!("/start {code}")).await;
    t.restart().await;
    t.share_contact(STRANGER, "13700137000", Some(STRANGER))
        .await;
    assert!(
        t.last_text(STRANGER).contains("已把你的申请发给"),
        "the contact step survived the restart"
    );
    t.restart().await;
    t.press(SEC_XY, SEC_XY, "批准").await;
    assert!(t.last_text(STRANGER).contains("真实姓名"));
    t.restart().await;
    t.say(STRANGER, "王五").await;
    assert!(
        t.last_text(STRANGER).contains("在家，还是外出务工"),
        "the profile questions survived the restart"
    );
    t.press(STRANGER, STRANGER, "在家").await;
    t.press(STRANGER, STRANGER, "跳过").await;
    assert!(t.last_text(STRANGER).contains("资料已完善"));
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn me_shows_and_edits_the_profile_and_forged_buttons_fail() {
    let t = TestApp::spawn().await;
    let seed = t.seed().await;
    import_roster(&t, &seed).await;
    let code = t.invite_code(SEC_XY).await;
    join(&t, MEMBER, "张三", &code, "13800138000").await;
    t.say(MEMBER, "深圳").await;
    t.say(MEMBER, "驾驶").await;

    t.say(MEMBER, "/me").await;
    let card = t.last(MEMBER);
    assert!(
        card.body().contains("姓名：张三")
            && card.body().contains("所在城市：深圳")
            && card.body().contains("技能特长：驾驶"),
        "{}",
        card.body()
    );
    t.press(MEMBER, MEMBER, "修改城市").await;
    t.say(MEMBER, "东莞").await;
    assert!(t.bot_texts(MEMBER).iter().any(|x| x == "已保存。"));
    assert!(t.last_text(MEMBER).contains("所在城市：东莞"));
    let m = t.store().member_by_telegram(MEMBER).await.unwrap().unwrap();
    let cities: Vec<String> = t
        .store()
        .city_history(m.id)
        .await
        .unwrap()
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(cities, ["深圳", "东莞"]);

    // Someone else pressing 张三's edit button, and made-up callback data.
    t.person(STRANGER, "路人");
    let card = t.last(MEMBER);
    let forged = t
        .sim
        .press_on(STRANGER, MEMBER, card.message_id, "修改姓名")
        .unwrap();
    let made_up = t.sim.press_button(
        MEMBER,
        MEMBER,
        card.message_id,
        "{\"a\":\"decide\",\"request\":1,\"approve\":true}",
    );
    t.settle().await;
    assert_eq!(
        t.sim.answer_for(&forged).unwrap().text.as_deref(),
        Some("这个按钮已失效，请重新发送命令。")
    );
    assert_eq!(
        t.sim.answer_for(&made_up).unwrap().text.as_deref(),
        Some("这个按钮已失效，请重新发送命令。")
    );
    assert_eq!(
        t.store()
            .member_by_telegram(MEMBER)
            .await
            .unwrap()
            .unwrap()
            .name,
        "张三"
    );
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_asks_only_what_the_roster_lacks() {
    let t = TestApp::spawn().await;
    let seed = t.seed().await;
    // No 外出 column, but a city and skills: only "at home or away?" is asked.
    let csv = "姓名,手机,所在城市,技能\n张三,13800138000,宁波,木工\n";
    let r = roster::read("roster.csv", csv.as_bytes()).unwrap();
    roster::import(t.store(), &seed.xiangyang, &r, t.clock.now(), false, |_| {})
        .await
        .unwrap();
    let code = t.invite_code(SEC_XY).await;
    join(&t, MEMBER, "张三", &code, "13800138000").await;
    assert!(t.last_text(MEMBER).contains("在家，还是外出务工"));
    t.press(MEMBER, MEMBER, "外出务工").await;
    assert!(
        t.last_text(MEMBER).contains("资料已完善"),
        "the city is known: {}",
        t.last_text(MEMBER)
    );
    let m = t.store().member_by_telegram(MEMBER).await.unwrap().unwrap();
    assert_eq!(
        (m.mobility, m.mobility_known, m.city.as_deref()),
        (Mobility::Mobile, true, Some("宁波"))
    );
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_who_blocks_the_bot_is_marked_unreachable() {
    let t = TestApp::spawn().await;
    let seed = t.seed().await;
    import_roster(&t, &seed).await;
    let code = t.invite_code(SEC_XY).await;
    join(&t, MEMBER, "张三", &code, "13800138000").await;
    t.sim.user_blocks_bot(MEMBER);
    t.settle().await;
    assert!(
        !t.store()
            .member_by_telegram(MEMBER)
            .await
            .unwrap()
            .unwrap()
            .reachable
    );
    t.say(SEC_XY, "/members").await;
    assert!(
        t.last_text(SEC_XY)
            .contains("张三　🚶外出·城市未填写　⚠️无法送达"),
        "{}",
        t.last_text(SEC_XY)
    );
    // Writing to the bot again makes them reachable again.
    t.say(MEMBER, "/start").await;
    assert!(
        t.store()
            .member_by_telegram(MEMBER)
            .await
            .unwrap()
            .unwrap()
            .reachable
    );
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organizers_from_the_configuration_are_granted_at_start() {
    let mut t = TestApp::spawn().await;
    t.seed().await;
    t.config
        .bootstrap
        .organizers
        .push(lianxin::config::BootstrapOrganizer {
            telegram_id: 6001,
            org: "town".into(),
        });
    t.restart().await;
    let roles = t.store().roles_of(6001).await.unwrap();
    assert_eq!(roles.len(), 1);
    assert_eq!(
        (roles[0].0, roles[0].1.code.as_str()),
        (lianxin::domain::Role::Organizer, "town")
    );
    t.person(6001, "镇组织委员");
    t.say(6001, "/pending").await;
    assert_eq!(t.last_text(6001), "目前没有待审核的加入申请。");
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_on_another_branchs_roster_is_sent_to_that_branch() {
    let t = TestApp::spawn().await;
    let seed = t.seed().await;
    let r = roster::read("h.csv", "姓名,手机\n赵六,13600136000\n".as_bytes()).unwrap();
    roster::import(t.store(), &seed.heping, &r, 0, false, |_| {})
        .await
        .unwrap();
    let code = t.invite_code(SEC_XY).await;
    join(&t, STRANGER, "赵六", &code, "13600136000").await;
    assert!(
        t.last_text(STRANGER)
            .contains("你的手机号在和平村党支部的党员名册中"),
        "{}",
        t.last_text(STRANGER)
    );
    assert!(
        t.store()
            .pending_request_of(STRANGER)
            .await
            .unwrap()
            .is_none(),
        "no request that could never be approved"
    );
    assert_eq!(t.store().invite(&code).await.unwrap().unwrap().uses, 0);
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_voice_note_during_the_questions_gets_the_question_again() {
    let t = TestApp::spawn().await;
    t.seed().await;
    let code = t.invite_code(SEC_XY).await;
    join(&t, STRANGER, "王五", &code, "13700137000").await;
    t.press(SEC_XY, SEC_XY, "批准").await;
    assert!(t.last_text(STRANGER).contains("真实姓名"));
    t.sim.send_voice(STRANGER, STRANGER, vec![1, 2, 3], 3);
    t.settle().await;
    assert_eq!(t.last_text(STRANGER), "请输入你的真实姓名：");
    t.say(STRANGER, "王五").await;
    t.sim
        .send_photo(STRANGER, STRANGER, vec![0x89, b'P', b'N', b'G'], None);
    t.settle().await;
    assert!(t.last_text(STRANGER).contains("请点下方按钮"));
    assert_eq!(
        t.last(STRANGER).button_texts(),
        vec!["🏠 在家", "🚶 外出务工"]
    );
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invites_to_a_party_group_join_its_branch_and_foreign_buttons_are_refused() {
    let t = TestApp::spawn().await;
    let seed = t.seed().await;
    lianxin::admin::add_org(
        t.store(),
        "xy-1",
        "向阳村第一党小组",
        Some("xiangyang"),
        None,
        0,
    )
    .await
    .unwrap();
    t.say(SEC_XY, "/invite xy-1").await;
    let caption = t.last(SEC_XY).caption.unwrap();
    assert!(caption.contains("向阳村党支部 邀请链接"), "{caption}");
    let invite = t
        .store()
        .live_invites(seed.xiangyang.id, t.clock.now())
        .await
        .unwrap();
    assert_eq!(invite.len(), 1);

    // 和平村's secretary presses 向阳村's revoke button and the organizer's branch buttons.
    let card = t.last(SEC_XY);
    let revoke = t
        .sim
        .press_on(SEC_HP, SEC_XY, card.message_id, "撤销")
        .unwrap();
    t.say(ORGANIZER, "/members").await;
    let menu = t.last(ORGANIZER);
    let members = t
        .sim
        .press_on(SEC_HP, ORGANIZER, menu.message_id, "向阳村")
        .unwrap();
    t.say(ORGANIZER, "/invite").await;
    let menu = t.last(ORGANIZER);
    let invite_btn = t
        .sim
        .press_on(SEC_HP, ORGANIZER, menu.message_id, "向阳村")
        .unwrap();
    t.settle().await;
    for q in [revoke, members, invite_btn] {
        assert_eq!(
            t.sim.answer_for(&q).unwrap().text.as_deref(),
            Some("这不是你负责的支部，无法操作。")
        );
    }
    assert_eq!(
        t.store()
            .live_invites(seed.xiangyang.id, t.clock.now())
            .await
            .unwrap()
            .len(),
        1
    );

    // A member who sends a file makes the bot download nothing.
    t.person(STRANGER, "党员");
    t.sim
        .send_document(STRANGER, STRANGER, "r.csv", "text/csv", b"x".to_vec(), None);
    t.settle().await;
    assert_eq!(t.last_text(STRANGER), "我暂时不能处理这个文件。");
    assert!(t.sim.calls_of("getfile").is_empty());
    t.stop().await;
}
