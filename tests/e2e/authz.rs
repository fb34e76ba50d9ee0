//! The authorization matrix: every staff command, and every button 向阳村's secretary was
//! given, tried by a member, a secretary of another branch, an organizer of another subtree and
//! a stranger. Each is refused with a message, nothing that the branches own changes, and none of
//! 向阳村's data reaches them.

use lianxin::telegram::commands::Command;

use crate::harness::{SEC_HP, SEC_XY, TestApp, fingerprint};

const MEMBER: i64 = 6201;
const OTHER_ORGANIZER: i64 = 6202;
const STRANGER: i64 = 6203;
/// What 向阳村's records hold that none of them may see (the member included: another member's
/// number, and a notice still in draft).
const SECRETS: [&str; 3] = ["赵六", "13800000004", "另一条"];

/// Everything the bot has sent to `chat` since the `from`th message.
fn since(t: &TestApp, chat: i64, from: usize) -> Vec<String> {
    t.bot_texts(chat).into_iter().skip(from).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outsiders_are_refused_every_command_and_button_of_a_branch() {
    // Many answers to the same few chats: not at Telegram's real pace of one a second.
    let t = TestApp::spawn_with(|c| {
        c.notices.quiet_hours = "off".into();
        c.delivery.per_chat_per_second = 50;
    })
    .await;
    let seed = t.seed().await;
    let now = t.clock.now();
    lianxin::admin::add_org(t.store(), "town2", "东坡镇", Some("county"), None, now)
        .await
        .unwrap();
    lianxin::admin::set_role(
        t.store(),
        OTHER_ORGANIZER,
        "organizer",
        "town2",
        true,
        "t",
        now,
    )
    .await
    .unwrap();
    t.member(&seed.xiangyang, Some(MEMBER), "张三", "13800000001", true)
        .await;
    t.member(&seed.xiangyang, None, "赵六", "13800000004", false)
        .await;
    for (id, name) in [
        (MEMBER, "张三"),
        (OTHER_ORGANIZER, "东坡镇组织委员"),
        (STRANGER, "路人"),
    ] {
        t.person(id, name);
    }

    // 向阳村's secretary at work: a notice sent and one left at its preview, an invite, the
    // roster, receipts, schedules, reports, the inbox, a poll started.
    t.say(SEC_XY, "/notice").await;
    t.say(SEC_XY, "周六上午九点主题党日。").await;
    t.press(SEC_XY, SEC_XY, "全体党员").await;
    t.press(SEC_XY, SEC_XY, "普通").await;
    t.press(SEC_XY, SEC_XY, "立即发送").await;
    t.say(SEC_XY, "/notice").await;
    t.say(SEC_XY, "周六上午九点另一条。").await;
    t.press(SEC_XY, SEC_XY, "全体党员").await;
    t.press(SEC_XY, SEC_XY, "普通").await;
    // The member raises a need and asks to be forgotten: the secretary gets the ticket and
    // the erasure request to decide.
    t.say(MEMBER, "村口路灯坏了，请修一下。").await;
    t.press(MEMBER, MEMBER, "诉求").await;
    t.say(MEMBER, "/forgetme").await;
    t.press(MEMBER, MEMBER, "确认申请删除").await;
    for command in [
        "/invite",
        "/members",
        "/receipts",
        "/schedules",
        "/reports",
        "/inbox",
        "/pending",
        "/attendance",
        "/lessons",
        "/stats",
        "/session",
        "/cancel",
        "/handover 张三",
        "/cancel",
    ] {
        t.say(SEC_XY, command).await;
    }
    let tokens: Vec<(String, String)> = t
        .sim
        .bot_messages(SEC_XY)
        .iter()
        .flat_map(|m| m.inline_buttons().into_iter().flatten())
        .collect();
    assert!(tokens.len() >= 20, "the secretary has buttons: {tokens:?}");

    let outsiders = [MEMBER, SEC_HP, OTHER_ORGANIZER, STRANGER];
    let before = fingerprint(&t).await;
    let seen: Vec<usize> = outsiders.iter().map(|o| t.bot_texts(*o).len()).collect();

    // Every staff command: members and strangers are told it is not theirs; staff of elsewhere
    // naming 向阳村 are told it is not their unit.
    let staff_only: Vec<Command> = Command::for_private(true)
        .into_iter()
        .filter(|c| !Command::for_private(false).contains(c))
        .collect();
    assert!(staff_only.len() >= 14, "{staff_only:?}");
    for who in outsiders {
        for command in &staff_only {
            let typed = if who == SEC_HP || who == OTHER_ORGANIZER {
                format!("/{} xiangyang", command.name())
            } else {
                format!("/{}", command.name())
            };
            let count = t.bot_texts(who).len();
            t.say(who, &typed).await;
            let answer = since(&t, who, count);
            assert!(!answer.is_empty(), "{who} {typed}: no answer");
        }
        t.say(who, "/points 13800000001 +50 奖励").await;
        t.say(who, "/cancel").await;
    }

    // Every button the secretary was given, pressed by each outsider in their own chat.
    // (The member's own 「收到 ✓」 on the preview is theirs to press: it is left out for them.)
    for who in outsiders {
        let presses: Vec<(&String, String)> = tokens
            .iter()
            .filter(|(label, _)| !(who == MEMBER && label.contains("收到")))
            .map(|(label, data)| (label, t.sim.press_button(who, who, 1, data)))
            .collect();
        t.settle().await;
        let silent: Vec<_> = presses
            .iter()
            .filter(|(_, q)| t.sim.answer_for(q).and_then(|a| a.text).is_none())
            .map(|(label, _)| label.as_str())
            .collect();
        // 「取消」 only ends the presser's own dialogue, quietly, and the member may open and
        // answer their own ticket; every other press is refused with a reason.
        let theirs = |label: &str| {
            label == "取消" || (who == MEMBER && (label.contains("回复") || label == "查看 #1"))
        };
        assert!(
            silent.iter().all(|label| theirs(label)),
            "{who} was not told why for {silent:?}"
        );
        t.say(who, "/cancel").await;
    }

    assert_eq!(fingerprint(&t).await, before, "nothing changed");
    for (who, from) in outsiders.iter().zip(seen) {
        for text in since(&t, *who, from) {
            for secret in SECRETS {
                assert!(
                    !text.contains(secret),
                    "{who} was shown {secret:?} of 向阳村: {text}"
                );
            }
        }
    }
    t.stop().await;
}
