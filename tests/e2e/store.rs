//! The store suite: runs on SQLite, and on PostgreSQL when `LIANXIN_TEST_DATABASE_URL` is set.

use lianxin::admin;
use lianxin::domain::{OrgCode, OrgKind, Phone, Role};
use lianxin::onboarding::roster;
use lianxin::store::{Backend, Invite, RequestStatus, StoreError};

use crate::harness::store;

#[tokio::test]
async fn the_org_tree_nests_and_roles_cover_subtrees() {
    let (s, db) = store().await;
    // The suite runs where it was asked to.
    assert_eq!(s.backend() == Backend::Postgres, db.is_postgres());
    let county = admin::add_org(&s, "county", "清河县", None, None, 1)
        .await
        .unwrap();
    let town = admin::add_org(&s, "town", "城关镇", Some("county"), None, 1)
        .await
        .unwrap();
    let branch = admin::add_org(&s, "xy", "向阳村党支部", Some("town"), None, 1)
        .await
        .unwrap();
    let group = admin::add_org(&s, "xy-1", "第一党小组", Some("xy"), None, 1)
        .await
        .unwrap();
    assert_eq!(
        (county.kind, town.kind, branch.kind, group.kind),
        (
            OrgKind::County,
            OrgKind::Township,
            OrgKind::Branch,
            OrgKind::Group
        )
    );
    assert!(
        admin::add_org(&s, "county", "重复", None, None, 1)
            .await
            .unwrap_err()
            .to_string()
            .contains("already exists")
    );
    assert!(
        admin::add_org(&s, "bad", "x", Some("xy-1"), Some("township"), 1)
            .await
            .is_err()
    );
    assert!(
        admin::add_org(&s, "orphan", "x", Some("nowhere"), None, 1)
            .await
            .is_err()
    );
    assert_eq!(
        admin::tree(&s).await.unwrap(),
        "清河县 [county] county\n  城关镇 [town] township\n    向阳村党支部 [xy] branch\n      第一党小组 [xy-1] group\n"
    );
    assert_eq!(s.subtree(&town).await.unwrap().len(), 3);

    admin::set_role(&s, 42, "organizer", "town", true, "cli", 1)
        .await
        .unwrap();
    admin::set_role(&s, 43, "secretary", "xy", true, "cli", 1)
        .await
        .unwrap();
    assert!(
        admin::set_role(&s, 43, "secretary", "xy", true, "cli", 1)
            .await
            .unwrap()
            .contains("already")
    );
    assert_eq!(
        s.role_holders_covering(&group).await.unwrap(),
        vec![(43, Role::Secretary), (42, Role::Organizer)]
    );
    assert_eq!(s.role_holders_covering(&county).await.unwrap(), vec![]);
    admin::set_role(&s, 43, "secretary", "xy", false, "cli", 1)
        .await
        .unwrap();
    assert_eq!(s.roles_of(43).await.unwrap(), vec![]);
    assert!(
        s.org_by_code(&OrgCode::parse("XY").unwrap())
            .await
            .unwrap()
            .is_some()
    );
    let audit = s.audit_entries(10).await.unwrap();
    assert!(audit.iter().any(|(_, actor, action, detail)| actor == "cli"
        && action == "role_revoke"
        && detail.contains("43")));
    s.close().await;
    db.drop_db().await;
}

#[tokio::test]
async fn invites_are_used_at_most_max_uses_times_even_concurrently() {
    let (s, db) = store().await;
    let branch = admin::add_org(&s, "xy", "向阳村", None, Some("branch"), 1)
        .await
        .unwrap();
    let invite = Invite {
        code: "abc".into(),
        org_id: branch.id,
        created_by: 1,
        created_at: 0,
        expires_at: 1000,
        max_uses: 3,
        uses: 0,
        revoked_at: None,
    };
    s.create_invite(&invite).await.unwrap();
    let tries = (0..10).map(|_| {
        let s = s.clone();
        tokio::spawn(async move { s.use_invite("abc", 10).await.unwrap() })
    });
    let mut used = 0;
    for t in tries {
        used += usize::from(t.await.unwrap());
    }
    assert_eq!(used, 3);
    assert_eq!(s.invite("abc").await.unwrap().unwrap().uses, 3);
    s.create_invite(&Invite {
        code: "late".into(),
        ..invite.clone()
    })
    .await
    .unwrap();
    assert!(
        !s.use_invite("late", 1000).await.unwrap(),
        "expired at 1000"
    );
    assert!(s.revoke_invite("late", 5).await.unwrap());
    assert!(!s.revoke_invite("late", 6).await.unwrap());
    assert!(matches!(
        s.create_invite(&invite).await,
        Err(StoreError::Conflict(_))
    ));
    s.close().await;
    db.drop_db().await;
}

#[tokio::test]
async fn join_requests_are_decided_once() {
    let (s, db) = store().await;
    let branch = admin::add_org(&s, "xy", "向阳村", None, Some("branch"), 1)
        .await
        .unwrap();
    let phone = Phone::parse("13700137000").unwrap();
    let r = s
        .create_request(77, branch.id, "abc", &phone, "王五", 1)
        .await
        .unwrap();
    assert!(matches!(
        s.create_request(77, branch.id, "abc", &phone, "王五", 2)
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        s.pending_requests_under(&branch.path).await.unwrap().len(),
        1
    );
    assert!(
        s.decide_request(r.id, RequestStatus::Approved, 5, 3)
            .await
            .unwrap()
    );
    assert!(
        !s.decide_request(r.id, RequestStatus::Rejected, 6, 4)
            .await
            .unwrap()
    );
    assert_eq!(
        s.request(r.id).await.unwrap().unwrap().status,
        RequestStatus::Approved
    );
    assert!(s.pending_request_of(77).await.unwrap().is_none());
    s.close().await;
    db.drop_db().await;
}

#[tokio::test]
async fn imports_are_all_or_nothing_and_update_by_phone() {
    let (s, db) = store().await;
    let xy = admin::add_org(&s, "xy", "向阳村", None, Some("branch"), 1)
        .await
        .unwrap();
    let csv = "姓名,手机,外出,所在城市\n张三,13800138000,是,深圳\n李四,,否,\n";
    let r = roster::read("r.csv", csv.as_bytes()).unwrap();
    let dry = roster::import(&s, &xy, &r, 1, true, |_| {}).await.unwrap();
    assert_eq!((dry.created, dry.updated), (2, 0));
    assert!(
        s.members_of(xy.id).await.unwrap().is_empty(),
        "a dry run writes nothing"
    );
    roster::import(&s, &xy, &r, 1, false, |_| {}).await.unwrap();
    let again = roster::import(&s, &xy, &r, 2, false, |_| {}).await.unwrap();
    assert_eq!(
        (again.created, again.updated),
        (0, 2),
        "matched by phone, and by name when there is no phone"
    );
    assert_eq!(s.members_of(xy.id).await.unwrap().len(), 2);
    s.close().await;
    db.drop_db().await;
}

#[tokio::test]
async fn dialogues_and_buttons_persist() {
    let (s, db) = store().await;
    s.set_dialogue(9, "{\"d\":\"x\"}", 1).await.unwrap();
    s.set_dialogue(9, "{\"d\":\"y\"}", 2).await.unwrap();
    assert_eq!(
        s.dialogue(9).await.unwrap().as_deref(),
        Some("{\"d\":\"y\"}")
    );
    s.clear_dialogue(9).await.unwrap();
    assert_eq!(s.dialogue(9).await.unwrap(), None);
    let token = s.put_button("{\"a\":\"cancel\"}", 1).await.unwrap();
    assert!(token.len() <= 64);
    assert_eq!(
        s.button(&token).await.unwrap().as_deref(),
        Some("{\"a\":\"cancel\"}")
    );
    assert_eq!(s.button("forged").await.unwrap(), None);
    s.close().await;
    db.drop_db().await;
}

#[tokio::test]
async fn outbox_leases_expire_and_chats_keep_their_order() {
    let (s, db) = store().await;
    let msg = |chat: i64, body: &str, priority| lianxin::store::NewMessage {
        chat_id: chat,
        kind: "text",
        body: body.into(),
        priority,
        ..Default::default()
    };
    s.enqueue(
        &[
            msg(1, "a1", 1),
            msg(1, "a2", 1),
            msg(2, "b1", 1),
            msg(3, "c1", 0),
        ],
        100,
    )
    .await
    .unwrap();
    // One head per chat, answers (priority 0) first.
    let claimed = s.claim_outbox(100, 200, 10, 1).await.unwrap();
    assert_eq!(
        claimed.iter().map(|r| r.body.as_str()).collect::<Vec<_>>(),
        ["c1", "a1", "b1"]
    );
    // While leased, nothing of those chats is claimed again, not even chat 1's next message.
    assert!(s.claim_outbox(150, 250, 10, 1).await.unwrap().is_empty());
    // Bulk paused (max priority 0): nothing.
    let a1 = claimed[1].clone();
    s.finish_outbox(
        &a1,
        &lianxin::store::SendOutcome::Sent {
            message_id: Some(7),
        },
        160,
        6,
    )
    .await
    .unwrap();
    assert!(s.claim_outbox(160, 260, 10, 0).await.unwrap().is_empty());
    assert_eq!(
        s.claim_outbox(160, 260, 10, 1)
            .await
            .unwrap()
            .iter()
            .map(|r| r.body.as_str())
            .collect::<Vec<_>>(),
        ["a2"]
    );
    // The process holding b1 and c1 died: after the lease they are claimed again.
    let again = s.claim_outbox(201, 300, 10, 1).await.unwrap();
    assert_eq!(
        again
            .iter()
            .map(|r| (r.body.as_str(), r.attempts))
            .collect::<Vec<_>>(),
        [("c1", 2), ("b1", 2)]
    );
    // A retry that uses up the attempts fails the row.
    let b1 = again[1].clone();
    let retry = lianxin::store::SendOutcome::Retry {
        at: 400,
        error: "502".into(),
        counts: true,
    };
    s.finish_outbox(&b1, &retry, 210, 2).await.unwrap();
    assert_eq!(s.outbox_status(b1.id).await.unwrap().unwrap().0, "failed");
    s.close().await;
    db.drop_db().await;
}

#[tokio::test]
async fn same_names_without_phones_are_not_merged_and_a_phone_completes_an_entry() {
    let (s, db) = store().await;
    let xy = admin::add_org(&s, "xy", "向阳村", None, Some("branch"), 1)
        .await
        .unwrap();
    let twins = roster::read("r.csv", "姓名,手机\n张三,\n张三,\n".as_bytes()).unwrap();
    assert_eq!(twins.rows.len(), 1);
    assert_eq!(
        twins.errors[0].problem,
        roster::RowProblem::DuplicateName(2)
    );
    roster::import(&s, &xy, &twins, 1, false, |_| {})
        .await
        .unwrap();
    // The next roster gives 张三's phone: the entry is completed, not doubled.
    let with_phone = roster::read("r.csv", "姓名,手机\n张三,13800138000\n".as_bytes()).unwrap();
    let done = roster::import(&s, &xy, &with_phone, 2, false, |_| {})
        .await
        .unwrap();
    assert_eq!((done.created, done.updated), (0, 1));
    let members = s.members_of(xy.id).await.unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].phone, Some(Phone::parse("13800138000").unwrap()));
    s.close().await;
    db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_claimers_never_take_the_same_message() {
    let (s, db) = store().await;
    let messages: Vec<_> = (0..200)
        .map(|i| lianxin::store::NewMessage {
            chat_id: 1000 + i,
            kind: "text",
            body: "x".into(),
            priority: 1,
            ..Default::default()
        })
        .collect();
    s.enqueue(&messages, 1).await.unwrap();
    let workers = (0..4).map(|_| {
        let s = s.clone();
        tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let rows = s.claim_outbox(10, 10_000, 10, 1).await.unwrap();
                if rows.is_empty() {
                    return mine;
                }
                mine.extend(rows.into_iter().map(|r| r.id));
            }
        })
    });
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await.unwrap());
    }
    let claimed = all.len();
    all.sort_unstable();
    all.dedup();
    assert_eq!(
        (claimed, all.len()),
        (200, 200),
        "every message claimed exactly once"
    );
    s.close().await;
    db.drop_db().await;
}
