//! Polls: /poll written and sent privately and to the group, one changeable answer per member
//! until it closes, results for the secretary and, at the close, for the audience; refusals.

use crate::harness::*;

const A: i64 = 8801; // 向阳村
const B: i64 = 8802; // 向阳村
const E: i64 = 8805; // 和平村
const GROUP: i64 = -7101; // 向阳村's group
const HOUR: i64 = 3_600_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_poll_collects_changeable_answers_and_closes_with_results() {
    let t = TestApp::spawn_plain().await;
    let seed = t.seed().await;
    let a = t
        .member(&seed.xiangyang, Some(A), "张三", "13800000001", true)
        .await;
    t.member(&seed.xiangyang, Some(B), "李四", "13800000002", false)
        .await;
    t.member(&seed.heping, Some(E), "钱七", "13800000005", false)
        .await;
    let start = t.clock.now();

    // Members cannot ask.
    t.say(A, "/poll").await;
    assert!(t.last_text(A).contains("书记"));

    t.say(SEC_XY, "/poll").await;
    assert!(t.last_text(SEC_XY).contains("请输入要问的问题"));
    t.say(SEC_XY, "明年村集体经济项目选哪个？").await;
    assert!(t.last_text(SEC_XY).contains("每行一个"));
    // Bad options are explained and asked again.
    t.say(SEC_XY, "只有一个").await;
    assert!(t.last_text(SEC_XY).contains("需要 2–8 个选项"));
    t.say(SEC_XY, "发展果园\n建冷库\n发展果园").await;
    assert!(t.last_text(SEC_XY).contains("选项「发展果园」重复了"));
    t.say(SEC_XY, "发展果园\n- 建冷库\n办农家乐").await;
    assert!(t.last_text(SEC_XY).contains("什么时候截止"));
    t.say(SEC_XY, "不知道").await;
    assert!(
        t.last_text(SEC_XY).contains("看不懂"),
        "{}",
        t.last_text(SEC_XY)
    );
    t.press(SEC_XY, SEC_XY, "3 天后").await;
    t.press(SEC_XY, SEC_XY, "全体党员").await;
    let preview = t.last_text(SEC_XY);
    assert!(preview.contains("将私聊发给 2 人"), "{preview}");
    t.press(SEC_XY, SEC_XY, "立即发送").await;

    let poll = t.last(A);
    assert!(poll.body().contains("村务征询"), "{}", poll.body());
    assert!(poll.body().contains("明年村集体经济项目选哪个？"));
    assert!(poll.body().contains("截止前可以改选"));
    assert_eq!(t.buttons(&poll), ["发展果园", "建冷库", "办农家乐"]);
    assert!(
        t.sim
            .bot_messages(E)
            .iter()
            .all(|m| !m.body().contains("村务征询"))
    );

    // One answer each, changeable.
    let q = t.sim.press_on(A, A, poll.message_id, "建冷库").unwrap();
    assert_eq!(toast(&t, q).await, "已选择：建冷库");
    let q = t.sim.press_on(A, A, poll.message_id, "发展果园").unwrap();
    assert_eq!(toast(&t, q).await, "已改选为：发展果园");
    let q = t.sim.press_on(A, A, poll.message_id, "发展果园").unwrap();
    assert!(toast(&t, q).await.contains("您已选择：发展果园"));
    t.press(B, B, "建冷库").await;
    // Someone the poll was not for: refused, nothing counted.
    let q = t
        .sim
        .press_button(E, E, poll.message_id, &data_of(&poll, "办农家乐"));
    assert!(toast(&t, q).await.contains("不是发给您所在支部"));
    let id = t.store().recent_polls("/", 1).await.unwrap()[0];
    assert_eq!(t.store().poll_counts(id).await.unwrap(), [(0, 1), (1, 1)]);
    assert_eq!(t.store().vote_of(id, a).await.unwrap(), Some(0));

    // The secretary's view in /receipts.
    t.say(SEC_XY, "/receipts").await;
    t.press(SEC_XY, SEC_XY, "详情").await;
    let results = t.last_text(SEC_XY);
    assert!(results.contains("发展果园：1 票（50%）"), "{results}");
    assert!(results.contains("办农家乐：0 票（0%）"), "{results}");
    assert!(results.contains("共 2 人作答（应参与 2 人）"), "{results}");

    // Closed: results to the secretary and the members; answers refused.
    jump(&t, start + 73 * HOUR);
    t.eventually("the results", |t| {
        [A, B, SEC_XY].iter().all(|c| {
            t.bot_texts(*c)
                .iter()
                .any(|m| m.contains("村务征询结果：明年村集体经济项目选哪个？"))
        })
    })
    .await;
    assert!(t.last_text(A).contains("建冷库：1 票（50%）"));
    let q = t.sim.press_on(A, A, poll.message_id, "办农家乐").unwrap();
    assert_eq!(toast(&t, q).await, "这次征询已经截止了。");
    assert_eq!(t.store().vote_of(id, a).await.unwrap(), Some(0));
    // Results once, not at every tick.
    t.settle().await;
    assert_eq!(
        t.bot_texts(A)
            .iter()
            .filter(|m| m.contains("村务征询结果"))
            .count(),
        1
    );
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_poll_is_answered_in_the_group() {
    let t = TestApp::spawn_plain().await;
    let seed = t.seed().await;
    t.member(&seed.xiangyang, Some(A), "张三", "13800000001", true)
        .await;
    t.member(&seed.xiangyang, Some(B), "李四", "13800000002", false)
        .await;
    t.member(&seed.heping, Some(E), "钱七", "13800000005", false)
        .await;
    t.sim.create_group(GROUP, "向阳村党员群");
    for id in [A, B, E, SEC_XY] {
        t.sim.add_member(GROUP, id);
    }
    t.sim.add_bot_to_group(SEC_XY, GROUP);
    t.say_in(SEC_XY, GROUP, "/linkgroup").await;
    let start = t.clock.now();

    t.say(SEC_XY, "/poll").await;
    t.say(SEC_XY, "文化广场建在哪里？").await;
    t.say(SEC_XY, "村东\n村西").await;
    t.say(SEC_XY, "明天 20:00").await;
    t.press(SEC_XY, SEC_XY, "支部群").await;
    t.press(SEC_XY, SEC_XY, "立即发送").await;
    let poll = t.last(GROUP);
    assert_eq!(t.buttons(&poll), ["村东", "村西"]);
    let q = t.sim.press_on(A, GROUP, poll.message_id, "村东").unwrap();
    assert_eq!(toast(&t, q).await, "已选择：村东");
    // 钱七 of 和平村 is in the group but not of the branch.
    let q = t.sim.press_on(E, GROUP, poll.message_id, "村西").unwrap();
    assert_eq!(
        toast(&t, q).await,
        "这条通知不是发给您所在支部的，您无需确认。"
    );
    jump(&t, start + 48 * HOUR);
    t.eventually("results in the group", |t| {
        t.last_text(GROUP)
            .contains("村务征询结果：文化广场建在哪里？")
    })
    .await;
    let results = t.last_text(GROUP);
    assert!(results.contains("村东：1 票（100%）"), "{results}");
    assert!(results.contains("村西：0 票"), "{results}");
    t.stop().await;
}
