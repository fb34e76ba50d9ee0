//! Lessons (微讲习): writing one with attachments and a quiz, 「学完了」, the quiz one question
//! at a time, `/study` make-up, `/lessons` figures, and refusals.

use crate::harness::*;

const A: i64 = 8401; // 向阳村, working away
const B: i64 = 8402; // 向阳村
const E: i64 = 8405; // 和平村

const Q1: &str = "题目：党的二十大在哪一年召开？\nA. 2021年\nB. 2022年 ✓\nC. 2023年\n解析：党的二十大于2022年10月在北京召开。";
const Q2: &str =
    "“两个确立”的决定性意义是？\nA. 历史性\nB. 决定性\n答案：B\n解析：具有决定性意义。";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lesson_with_a_quiz_is_studied_answered_and_counted() {
    let t = TestApp::spawn_with(|c| c.notices.quiet_hours = "off".into()).await;
    let seed = t.seed().await;
    let a = t
        .member(&seed.xiangyang, Some(A), "张三", "13800000001", true)
        .await;
    let b = t
        .member(&seed.xiangyang, Some(B), "李四", "13800000002", false)
        .await;
    t.member(&seed.heping, Some(E), "钱七", "13800000005", false)
        .await;

    // Members may not write lessons or see the figures.
    t.say(B, "/lesson").await;
    assert!(t.last_text(B).contains("书记"), "{}", t.last_text(B));
    t.say(B, "/lessons").await;
    assert!(t.last_text(B).contains("书记"));

    // Title, text and a photo, then a quiz of two questions (one bad attempt).
    t.say(SEC_XY, "/lesson").await;
    assert!(t.last_text(SEC_XY).contains("请输入标题"));
    t.say(SEC_XY, "第一行\n第二行").await;
    assert!(t.last_text(SEC_XY).contains("一行"));
    t.say(SEC_XY, "学习二十大精神").await;
    t.say(SEC_XY, "第一部分：大会的主题。").await;
    assert!(
        t.last_text(SEC_XY).contains("文字 11 字，附件 0 个"),
        "{}",
        t.last_text(SEC_XY)
    );
    t.sim
        .send_photo(SEC_XY, SEC_XY, vec![7; 64], Some("图解二十大"));
    t.settle().await;
    assert!(t.last_text(SEC_XY).contains("附件 1 个"));
    t.press(SEC_XY, SEC_XY, "内容完成").await;
    t.press(SEC_XY, SEC_XY, "添加测验题").await;
    t.say(SEC_XY, "哪一年？\nA. 2021\nB. 2022\n解析：2022年。")
        .await;
    assert!(t.last_text(SEC_XY).contains("没有标出正确答案"));
    t.say(SEC_XY, Q1).await;
    assert!(
        t.last_text(SEC_XY)
            .contains("第 1 题已添加（3 个选项，正确答案 B）")
    );
    t.press(SEC_XY, SEC_XY, "添加测验题").await;
    t.say(SEC_XY, Q2).await;
    assert!(t.last_text(SEC_XY).contains("第 2 题已添加"));
    // Another secretary cannot touch this draft.
    let foreign = t.sim.press(SEC_HP, SEC_XY, "测验完成").unwrap();
    assert_eq!(toast(&t, foreign).await, "这个按钮已失效，请重新发送命令。");
    assert!(
        t.sim.bot_messages(SEC_HP).is_empty() && t.last_text(SEC_XY).contains("第 2 题已添加"),
        "a stranger's press moved the draft on"
    );
    t.press(SEC_XY, SEC_XY, "测验完成").await;
    t.press(SEC_XY, SEC_XY, "全体党员").await;
    t.press(SEC_XY, SEC_XY, "普通").await;
    t.press(SEC_XY, SEC_XY, "立即发送").await;

    // The member gets the text with 「学完了」 first, then the photo.
    t.eventually("李四 has the lesson and its photo", |t| {
        t.sim.bot_messages(B).len() >= 4
    })
    .await;
    let msgs = t.sim.bot_messages(B);
    assert_eq!(
        msgs.len(),
        4,
        "two refusals, then the lesson: {:?}",
        t.bot_texts(B)
    );
    let msgs = &msgs[2..];
    assert!(msgs[0].body().starts_with("📖 向阳村党支部 微讲习"));
    assert!(
        msgs[0]
            .body()
            .contains("《学习二十大精神》\n\n第一部分：大会的主题。")
    );
    assert_eq!(t.buttons(&msgs[0]), ["学完了 ✓"]);
    assert_eq!(msgs[1].caption.as_deref(), Some("图解二十大"));
    assert!(t.buttons(&msgs[1]).is_empty());

    // 学完了 → points and the first question, privately.
    let q = t.sim.press(B, B, "学完了").unwrap();
    assert_eq!(toast(&t, q).await, "已记录学习完成，积分 +2");
    let first = t.last(B);
    assert!(
        first
            .body()
            .starts_with("📝 《学习二十大精神》测验 第 1/2 题\n党的二十大在哪一年召开？")
    );
    assert_eq!(t.buttons(&first), ["A", "B", "C"]);
    let replay = data_of(&first, "A");
    let q = t.sim.press_on(B, B, first.message_id, "B").unwrap();
    assert_eq!(toast(&t, q).await, "✅ 回答正确！");
    let answered = t.sim.message(B, first.message_id).unwrap();
    assert!(answered.body().contains("B. 2022年 ✅"));
    assert!(
        answered
            .body()
            .contains("💡 解析：党的二十大于2022年10月在北京召开。")
    );
    assert!(t.buttons(&answered).is_empty());
    // A replayed press of the answered question changes nothing.
    let q = t.sim.press_button(B, B, first.message_id, &replay);
    assert_eq!(toast(&t, q).await, "这道题已经答过了，以第一次作答为准。");
    let second = t.last(B);
    assert!(second.body().contains("第 2/2 题"));
    let q = t.sim.press_on(B, B, second.message_id, "A").unwrap();
    assert_eq!(toast(&t, q).await, "❌ 回答错误，正确答案是 B。");
    t.eventually("the result", |t| t.last_text(B).starts_with("🎉"))
        .await;
    assert_eq!(
        t.last_text(B),
        "🎉 测验完成：答对 1/2 题。\n本支部正确率 50% · 全县 50%"
    );
    assert_eq!(
        t.store().points_since(b, None, 0).await.unwrap(),
        3,
        "lesson_done 2 + one correct answer"
    );

    // 张三 has not studied it: /study offers it; studying it again starts the quiz.
    t.say(A, "/study").await;
    let list = t.last(A);
    assert!(
        list.body().contains("《学习二十大精神》"),
        "{}",
        list.body()
    );
    assert!(list.body().contains("未学习"));
    let before = t.sim.bot_messages(A).len();
    t.press(A, A, "学习《学习二十大精神》").await;
    t.eventually("the lesson again", |t| {
        t.sim.bot_messages(A).len() >= before + 2
    })
    .await;
    let copies: Vec<_> = t
        .sim
        .bot_messages(A)
        .into_iter()
        .filter(|m| t.buttons(m).iter().any(|b| b.contains("学完了")))
        .collect();
    assert_eq!(copies.len(), 2, "the first copy and the make-up one");
    let q = t
        .sim
        .press_on(A, A, copies[1].message_id, "学完了")
        .unwrap();
    assert_eq!(toast(&t, q).await, "已记录学习完成，积分 +2");
    // Pressed again on the first copy: already done, the quiz goes on.
    let q = t
        .sim
        .press_on(A, A, copies[0].message_id, "学完了")
        .unwrap();
    assert_eq!(toast(&t, q).await, "您已学完这一课 ✓");
    t.press(A, A, "B").await;
    t.say(A, "/study").await;
    assert!(t.last_text(A).contains("还有 1 道测验题未答"));
    t.press(A, A, "继续测验").await;
    t.press(A, A, "B").await;
    t.eventually("张三's result", |t| t.last_text(A).starts_with("🎉"))
        .await;
    assert_eq!(
        t.last_text(A),
        "🎉 测验完成：答对 2/2 题。\n本支部正确率 75% · 全县 75%"
    );
    assert_eq!(t.store().points_since(a, None, 0).await.unwrap(), 4);
    t.say(A, "/study").await;
    assert_eq!(t.last_text(A), "👍 近 30 天的学习您都完成了。");

    // 钱七 of 和平村 was not in the audience: pressing 学完了 on a forwarded copy is refused.
    let q = t
        .sim
        .press_button(E, B, msgs[0].message_id, &data_of(&msgs[0], "学完了"));
    assert_eq!(
        toast(&t, q).await,
        "这条通知不是发给您所在支部的，您无需确认。"
    );

    // The county publishes one to everyone: /lessons shows each branch.
    t.say(ORGANIZER, "/lesson").await;
    t.say(ORGANIZER, "全县冬训第一课").await;
    t.say(ORGANIZER, "冬训安排如下。").await;
    t.press(ORGANIZER, ORGANIZER, "内容完成").await;
    t.press(ORGANIZER, ORGANIZER, "不加测验").await;
    t.press(ORGANIZER, ORGANIZER, "全体党员").await;
    t.press(ORGANIZER, ORGANIZER, "普通").await;
    t.press(ORGANIZER, ORGANIZER, "立即发送").await;
    t.eventually("钱七 has the county lesson", |t| {
        t.bot_texts(E).iter().any(|s| s.contains("全县冬训第一课"))
    })
    .await;
    let q = t.sim.press(E, E, "学完了").unwrap();
    assert_eq!(toast(&t, q).await, "已记录学习完成，积分 +2");
    t.say(ORGANIZER, "/lessons").await;
    let figures = t.last_text(ORGANIZER);
    assert!(
        figures.contains("《全县冬训第一课》") && figures.contains("学完 1/3（33%）· 无人答题"),
        "{figures}"
    );
    assert!(figures.contains("　· 向阳村党支部：0/2（0%）"), "{figures}");
    assert!(
        figures.contains("　· 和平村党支部：1/1（100%）"),
        "{figures}"
    );
    assert!(
        figures.contains("《学习二十大精神》")
            && figures.contains("学完 2/2（100%）· 正确率 75%（4 次作答）"),
        "{figures}"
    );
    // The branch secretary sees its own lesson and the county's that reached it.
    t.say(SEC_XY, "/lessons").await;
    let own = t.last_text(SEC_XY);
    assert!(
        own.contains("《学习二十大精神》") && own.contains("《全县冬训第一课》"),
        "{own}"
    );
    assert!(own.contains("学完 0/2（0%）"), "{own}");
    t.stop().await;
}
