//! Linking branch groups, the bot being removed, and supergroup upgrades.

use crate::harness::*;

const GROUP: i64 = -100_200;
const SUPERGROUP: i64 = -1_000_000_200;
const MEMBER: i64 = 7101;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secretary_links_the_group_and_the_link_follows_it() {
    let t = TestApp::spawn().await;
    let seed = t.seed().await;
    t.person(MEMBER, "群成员");
    t.sim.create_group(GROUP, "向阳村党员群");
    t.sim.add_member(GROUP, MEMBER);
    t.sim.add_member(GROUP, SEC_XY);
    t.sim.add_bot_to_group(SEC_XY, GROUP);
    t.settle().await;
    assert!(
        t.last_text(GROUP)
            .contains("请支部书记在群里发送 /linkgroup")
    );

    // Plain chatter is not for the bot; a member's /linkgroup is refused.
    t.say_in(MEMBER, GROUP, "大家好").await;
    t.say_in(MEMBER, GROUP, "/linkgroup").await;
    assert_eq!(t.last_text(GROUP), "只有本支部的书记可以绑定群组。");
    assert!(t.store().group_link(GROUP).await.unwrap().is_none());
    // Commands for other bots are left alone.
    let before = t.sim.bot_messages(GROUP).len();
    t.say_in(MEMBER, GROUP, "/start@other_bot").await;
    assert_eq!(t.sim.bot_messages(GROUP).len(), before);

    t.say_in(SEC_XY, GROUP, "/linkgroup").await;
    assert_eq!(
        t.last_text(GROUP),
        "✅ 本群已绑定到向阳村党支部。今后支部的通知会发到这里。"
    );
    let link = t.store().group_link(GROUP).await.unwrap().unwrap();
    assert_eq!(
        (link.org_id, link.active, link.title.as_str()),
        (seed.xiangyang.id, 1, "向阳村党员群")
    );

    // Upgraded to a supergroup: the link moves to the new id.
    t.sim.migrate_group(GROUP, SUPERGROUP);
    t.settle().await;
    assert!(t.store().group_link(GROUP).await.unwrap().is_none());
    assert_eq!(
        t.store()
            .group_link(SUPERGROUP)
            .await
            .unwrap()
            .unwrap()
            .org_id,
        seed.xiangyang.id
    );

    // Removed: the link is kept but inactive, and the secretary is told.
    t.sim.remove_bot_from_group(MEMBER, SUPERGROUP);
    t.settle().await;
    assert_eq!(
        t.store()
            .group_link(SUPERGROUP)
            .await
            .unwrap()
            .unwrap()
            .active,
        0
    );
    assert!(
        t.store()
            .groups_of(seed.xiangyang.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        t.last_text(SEC_XY)
            .contains("该群与向阳村党支部的绑定已停用"),
        "{}",
        t.last_text(SEC_XY)
    );
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organizer_names_the_branch_and_private_linkgroup_explains() {
    let t = TestApp::spawn().await;
    let seed = t.seed().await;
    t.sim.create_group(GROUP, "和平村群");
    t.sim.add_member(GROUP, ORGANIZER);
    t.sim.add_bot_to_group(ORGANIZER, GROUP);
    t.settle().await;
    t.say_in(ORGANIZER, GROUP, "/linkgroup").await;
    assert!(
        t.last_text(GROUP).contains("/linkgroup xiangyang"),
        "{}",
        t.last_text(GROUP)
    );
    t.say_in(ORGANIZER, GROUP, "/linkgroup heping").await;
    assert_eq!(
        t.store().group_link(GROUP).await.unwrap().unwrap().org_id,
        seed.heping.id
    );
    t.say(ORGANIZER, "/linkgroup").await;
    assert!(t.last_text(ORGANIZER).contains("在群里发送 /linkgroup"));
    t.say_in(ORGANIZER, GROUP, "/members").await;
    assert_eq!(t.last_text(GROUP), "请私聊我使用这个命令。");
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_linked_group_cannot_be_taken_over_by_another_branch() {
    let t = TestApp::spawn().await;
    let seed = t.seed().await;
    t.sim.create_group(GROUP, "向阳村党员群");
    t.sim.add_member(GROUP, SEC_XY);
    t.sim.add_member(GROUP, SEC_HP);
    t.sim.add_bot_to_group(SEC_XY, GROUP);
    t.say_in(SEC_XY, GROUP, "/linkgroup").await;
    t.say_in(SEC_HP, GROUP, "/linkgroup").await;
    assert_eq!(
        t.last_text(GROUP),
        "本群已绑定到向阳村党支部，只有该支部的书记或上级组织部门可以改绑。"
    );
    assert_eq!(
        t.store().group_link(GROUP).await.unwrap().unwrap().org_id,
        seed.xiangyang.id
    );
    // The county organizer covers both and may move it.
    t.sim.add_member(GROUP, ORGANIZER);
    t.say_in(ORGANIZER, GROUP, "/linkgroup heping").await;
    assert_eq!(
        t.store().group_link(GROUP).await.unwrap().unwrap().org_id,
        seed.heping.id
    );
    t.stop().await;
}
