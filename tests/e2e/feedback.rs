//! Feedback tickets: text sent outside a dialogue becomes a ticket, relayed to each secretary
//! of the branch; replies go both ways (Telegram replies, 「回复」, voice); anonymity;
//! deadlines, reminders and escalation to the township; /inbox, /mytickets and refusals.

use crate::harness::*;

const A: i64 = 8701; // 向阳村, working away
const B: i64 = 8702; // 向阳村
const E: i64 = 8705; // 和平村
const DEPUTY: i64 = 5011; // 向阳村's second secretary
const TOWN_ORG: i64 = 5012; // 城关镇's organizer
const HOUR: i64 = 3_600_000;

/// The newest message in `chat` whose text contains `part`.
fn find(t: &TestApp, chat: i64, part: &str) -> tg_sim::SimMessage {
    t.newest_with(chat, part)
        .unwrap_or_else(|| panic!("no message with {part:?} in {chat}"))
}

async fn spawn() -> (TestApp, Seed) {
    let t = TestApp::spawn_plain().await;
    let seed = t.seed().await;
    let now = t.clock.now();
    for (id, role, org) in [
        (DEPUTY, "secretary", "xiangyang"),
        (TOWN_ORG, "organizer", "town"),
    ] {
        lianxin::admin::set_role(t.store(), id, role, org, true, "test", now)
            .await
            .unwrap();
    }
    t.person(DEPUTY, "陈委员");
    t.person(TOWN_ORG, "镇组织委员");
    (t, seed)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ticket_thread_goes_both_ways_until_resolved() {
    let (t, seed) = spawn().await;
    let a = t
        .member(&seed.xiangyang, Some(A), "张三", "13800000001", true)
        .await;
    t.member(&seed.heping, Some(E), "钱七", "13800000005", false)
        .await;
    let store = t.store();

    // Plain text outside a dialogue: send it to the secretary?
    t.say(A, "书记好，村里的路灯坏了，").await;
    assert!(t.last_text(A).contains("要把这条消息发给支部书记吗"));
    // More before choosing: it all goes in one ticket.
    t.say(A, "晚上回家不安全。").await;
    t.press(A, A, "诉求").await;
    let raised = t.last_text(A);
    assert!(raised.contains("编号 #1"), "{raised}");
    assert!(raised.contains("前答复您"), "{raised}");
    assert!(raised.contains("积分 +1"), "{raised}");
    // Each secretary of the branch gets it, with 回复 and 已解决.
    for s in [SEC_XY, DEPUTY] {
        let relayed = find(&t, s, "新事项 #1");
        assert!(
            relayed.body().contains("诉求，来自 张三"),
            "{}",
            relayed.body()
        );
        assert!(
            relayed
                .body()
                .contains("书记好，村里的路灯坏了，\n晚上回家不安全。"),
            "{}",
            relayed.body()
        );
        assert_eq!(t.buttons(&relayed), ["💬 回复", "✅ 已解决"]);
    }
    assert!(!t.bot_texts(SEC_HP).iter().any(|m| m.contains("#1")));
    t.say(A, "/mytickets").await;
    assert!(
        t.last_text(A).contains("#1 诉求 · 已收到"),
        "{}",
        t.last_text(A)
    );

    // A Telegram reply to the relayed message goes to the member.
    let relayed = find(&t, SEC_XY, "新事项 #1");
    t.sim
        .reply_text(SEC_XY, SEC_XY, relayed.message_id, "已经联系电工，明天修。");
    t.settle().await;
    let answer = find(&t, A, "答复您的 #1");
    assert!(
        answer.body().contains("李书记 答复您的 #1"),
        "{}",
        answer.body()
    );
    assert!(answer.body().contains("已经联系电工，明天修。"));
    assert!(t.last_text(SEC_XY).contains("#1 的答复已转给：张三"));
    assert!(t.last_text(DEPUTY).contains("李书记 已答复 #1"));
    t.say(A, "/mytickets").await;
    assert!(t.last_text(A).contains("#1 诉求 · 已答复"));

    // The member answers by replying in turn: it goes to both secretaries.
    t.sim.reply_text(A, A, answer.message_id, "谢谢书记！");
    t.settle().await;
    assert!(t.last_text(A).contains("已转给支部书记（#1）"));
    for s in [SEC_XY, DEPUTY] {
        let more = find(&t, s, "#1 补充");
        assert!(more.body().contains("谢谢书记！"), "{}", more.body());
    }
    t.say(A, "/mytickets").await;
    assert!(t.last_text(A).contains("#1 诉求 · 处理中"));

    // And with 「回复」 and a voice message.
    t.press(A, A, "回复").await;
    assert!(t.last_text(A).contains("请输入对 #1 的回复"));
    t.sim.send_voice(A, A, vec![9, 9, 9], 5);
    t.settle().await;
    let voice = t.last(DEPUTY);
    assert_eq!(voice.kind, tg_sim::SimMessageKind::Voice);
    assert!(voice.body().contains("#1 补充"), "{}", voice.body());
    // The deputy answers with 「回复」 on it.
    t.press(DEPUTY, DEPUTY, "回复").await;
    t.say(DEPUTY, "收到语音，电工下午到。").await;
    assert!(
        find(&t, A, "陈委员 答复您的 #1")
            .body()
            .contains("电工下午到")
    );

    // Nobody else takes part: another branch's secretary, another member.
    let on_sec = find(&t, SEC_XY, "新事项 #1");
    for (who, label) in [(SEC_HP, "回复"), (SEC_HP, "已解决"), (E, "回复")] {
        let q = t
            .sim
            .press_button(who, who, on_sec.message_id, &data_of(&on_sec, label));
        assert_eq!(
            toast(&t, q).await,
            "这个事项不是您的，也不属于您负责的支部。"
        );
    }
    // A member cannot open another's ticket.
    t.say(A, "/mytickets").await;
    let mine = t.last(A);
    let q = t
        .sim
        .press_button(E, E, mine.message_id, &data_of(&mine, "查看 #1"));
    assert_eq!(
        toast(&t, q).await,
        "这个事项不是您的，也不属于您负责的支部。"
    );
    assert!(store.ticket(1).await.unwrap().unwrap().status.is_open());

    // Resolved: the member is told; further replies are refused.
    t.press(SEC_XY, SEC_XY, "已解决").await;
    t.eventually("the member told", |t| {
        t.last_text(A).contains("您反映的 #1 已解决")
    })
    .await;
    assert!(t.last_text(DEPUTY).contains("李书记 已把 #1 标记为解决"));
    t.sim.reply_text(A, A, answer.message_id, "还有一件事");
    t.settle().await;
    let texts = t.bot_texts(A);
    assert!(
        texts[texts.len() - 2].contains("#1 已经解决了"),
        "{texts:?}"
    );
    // What was said is not lost: it may go as a new ticket.
    assert!(t.last_text(A).contains("要把这条消息发给支部书记吗"));
    t.press(A, A, "咨询").await;
    assert!(find(&t, SEC_XY, "新事项 #2").body().contains("还有一件事"));
    let thread = store.ticket_messages(1).await.unwrap();
    assert_eq!(
        thread.iter().map(|m| m.from_staff).collect::<Vec<_>>(),
        [0, 1, 0, 0, 1]
    );
    assert_eq!(thread[3].kind, "voice");
    assert_eq!(store.points_since(a, Some("feedback"), 0).await.unwrap(), 1);
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_suggestion_hides_the_name_but_the_audit_log_keeps_it() {
    let (t, seed) = spawn().await;
    t.member(&seed.xiangyang, Some(B), "李四", "13800000002", false)
        .await;
    t.say(B, "/feedback").await;
    assert!(t.last_text(B).contains("请先选择类别"));
    t.press(B, B, "建议").await;
    assert!(t.last_text(B).contains("匿名"));
    t.press(B, B, "匿名").await;
    assert!(t.last_text(B).contains("请写下您想说的建议"));
    t.say(B, "建议每月公开一次村集体收支。").await;
    assert!(t.last_text(B).contains("编号 #1"));
    let relayed = find(&t, SEC_XY, "新事项 #1");
    assert!(
        relayed.body().contains("建议，来自 匿名党员"),
        "{}",
        relayed.body()
    );
    assert!(!relayed.body().contains("李四"));
    t.say(SEC_XY, "/inbox").await;
    let inbox = t.last_text(SEC_XY);
    assert!(inbox.contains("#1 建议 · 已收到"), "{inbox}");
    assert!(
        inbox.contains("匿名党员") && !inbox.contains("李四"),
        "{inbox}"
    );
    let audit = t.store().audit_entries(10).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|(_, actor, action, _)| actor == &B.to_string() && action == "ticket.anonymous")
    );
    // The answer still reaches the member.
    t.sim
        .reply_text(SEC_XY, SEC_XY, relayed.message_id, "好建议，下月起公开。");
    t.settle().await;
    assert!(find(&t, B, "答复您的 #1").body().contains("下月起公开"));
    assert!(t.last_text(SEC_XY).contains("已转给：匿名党员"));
    // Members have no inbox.
    t.say(B, "/inbox").await;
    assert!(t.last_text(B).contains("书记"));
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unanswered_ticket_reminds_then_escalates_to_the_township() {
    let (t, seed) = spawn().await;
    let a = t
        .member(&seed.xiangyang, Some(A), "张三", "13800000001", true)
        .await;
    t.member(&seed.xiangyang, Some(B), "李四", "13800000002", false)
        .await;
    let store = t.store();
    let start = t.clock.now();
    t.say(A, "/feedback").await;
    t.press(A, A, "谈心").await;
    t.say(A, "在外打工，家里老人没人照顾，心里着急。").await;
    // A second ticket, answered in time.
    t.say(B, "村卫生室周末开门吗？").await;
    t.press(B, B, "咨询").await;
    let relayed = find(&t, SEC_XY, "新事项 #2");
    t.sim
        .reply_text(SEC_XY, SEC_XY, relayed.message_id, "周六上午开。");
    t.settle().await;

    // Not yet due: nothing.
    jump(&t, start + 47 * HOUR);
    t.settle().await;
    assert!(
        !t.bot_texts(SEC_XY)
            .iter()
            .any(|m| m.contains("超过答复期限"))
    );
    // Due: both secretaries reminded once, not about the answered one.
    jump(&t, start + 48 * HOUR + 60_000);
    t.eventually("the reminders", |t| {
        [SEC_XY, DEPUTY].iter().all(|s| {
            t.bot_texts(*s)
                .iter()
                .any(|m| m.contains("#1 已超过答复期限"))
        })
    })
    .await;
    jump(&t, start + 60 * HOUR + 600_000);
    t.settle().await;
    for s in [SEC_XY, DEPUTY] {
        let texts = t.bot_texts(s);
        assert_eq!(
            texts
                .iter()
                .filter(|m| m.contains("已超过答复期限"))
                .count(),
            1
        );
        assert!(!texts.iter().any(|m| m.contains("#2 已超过")));
    }
    t.say(SEC_XY, "/inbox").await;
    let inbox = t.last_text(SEC_XY);
    assert!(inbox.contains("#1 谈心 · 已收到"), "{inbox}");
    assert!(inbox.contains("已超时 12 小时"), "{inbox}");
    assert!(
        inbox.contains("近 30 天 2 件，已答复 1 件，按时答复 50%"),
        "{inbox}"
    );
    // Answered but not resolved: still listed, after the unanswered.
    assert!(inbox.contains("#2 咨询 · 已答复"), "{inbox}");
    assert!(
        inbox.find("#1 ").unwrap() < inbox.find("#2 ").unwrap(),
        "{inbox}"
    );

    // Past escalate_after: the township's organizer, not the county's.
    jump(&t, start + 72 * HOUR + 60_000);
    t.eventually("the escalation", |t| {
        t.bot_texts(TOWN_ORG)
            .iter()
            .any(|m| m.contains("向阳村党支部 的 #1 已 72 小时未答复"))
    })
    .await;
    assert!(!t.bot_texts(ORGANIZER).iter().any(|m| m.contains("#1")));
    // The organizer opens and answers it.
    t.press(TOWN_ORG, TOWN_ORG, "查看 #1").await;
    let thread = t.last_text(TOWN_ORG);
    assert!(thread.contains("家里老人没人照顾"), "{thread}");
    t.press(TOWN_ORG, TOWN_ORG, "回复").await;
    t.say(TOWN_ORG, "镇里联系了养老服务站，明天上门。").await;
    assert!(find(&t, A, "答复您的 #1").body().contains("养老服务站"));
    let ticket = store.ticket(1).await.unwrap().unwrap();
    assert!(ticket.first_answer_at.is_some() && ticket.escalated_at.is_some());
    // The member confirms it solved; the secretaries hear.
    t.press(A, A, "问题已解决").await;
    t.eventually("secretaries told", |t| {
        t.last_text(SEC_XY).contains("#1 已由提出人确认解决：张三")
    })
    .await;
    t.say(A, "/mytickets").await;
    assert!(t.last_text(A).contains("#1 谈心 · 已解决"));
    assert_eq!(store.tickets_of_member(a, 5).await.unwrap().len(), 1);
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unfinished_report_lapses_and_a_photo_becomes_a_ticket() {
    let (t, seed) = spawn().await;
    t.member(&seed.xiangyang, Some(A), "张三", "13800000001", true)
        .await;
    // A report left at the city question...
    t.say(A, "/report").await;
    t.press(A, A, "换了城市").await;
    assert!(t.last_text(A).contains("只写到城市"));
    // ...a day later does not take what the member sends.
    t.clock.advance(std::time::Duration::from_secs(25 * 3600));
    let png = lianxin::onboarding::qr::png("bridge").unwrap();
    t.sim
        .send_photo(A, A, png, Some("村口的桥裂了，请派人看看。"));
    t.settle().await;
    assert!(t.last_text(A).contains("要把这条消息发给支部书记吗"));
    t.press(A, A, "诉求").await;
    let relayed = find(&t, SEC_XY, "新事项 #1");
    assert_eq!(relayed.kind, tg_sim::SimMessageKind::Photo);
    assert!(
        relayed.body().contains("村口的桥裂了"),
        "{}",
        relayed.body()
    );
    let thread = t.store().ticket_messages(1).await.unwrap();
    assert_eq!(thread[0].kind, "photo");
    t.stop().await;
}
