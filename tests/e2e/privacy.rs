//! Members' data: `/mydata` shows what is stored, `/forgetme` erases it once a secretary
//! agrees — no personal field left in any table, every count and total unchanged — and the
//! audit log records who did what, printed by `lianxin audit`.

use sqlx::Row;

use crate::harness::*;

const A: i64 = 987_654_321; // 向阳村, working away in 深圳
const B: i64 = 8802; // not a member
const NAME: &str = "周晓梅";
const PHONE: &str = "13912345678";
const GOODBYE: &str = "您的个人信息已删除。感谢您一直以来的参与。";

/// Every (table, column) of the database.
async fn columns(t: &TestApp) -> Vec<(String, String)> {
    let pool = t.store().pool();
    if t.db.is_postgres() {
        sqlx::query(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = 'public'",
        )
        .fetch_all(pool)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get::<String, _>(0), r.get::<String, _>(1)))
        .collect()
    } else {
        let tables: Vec<String> = sqlx::query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
        .fetch_all(pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get::<String, _>(0))
        .collect();
        let mut out = Vec::new();
        for table in tables {
            for r in sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT name FROM pragma_table_info('{table}')"
            )))
            .fetch_all(pool)
            .await
            .unwrap()
            {
                out.push((table.clone(), r.get::<String, _>(0)));
            }
        }
        out
    }
}

/// Where `needle` is still stored: `table.column` with a count. The goodbye message (queued to
/// the member after the erasure, kept until the outbox is purged) is left out.
async fn traces(t: &TestApp, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (table, column) in columns(t).await {
        let extra = if table == "outbox" {
            format!(" AND body <> '{GOODBYE}'")
        } else {
            String::new()
        };
        let n: i64 = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM {table} WHERE CAST({column} AS TEXT) LIKE '%{needle}%'{extra}"
        )))
        .fetch_one(t.store().pool())
        .await
        .unwrap()
        .get(0);
        if n > 0 {
            found.push(format!("{table}.{column} ×{n}"));
        }
    }
    found
}

/// The points of every member of a branch, erased or not.
async fn branch_points(t: &TestApp, org_id: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT CAST(SUM(l.points) AS BIGINT) FROM points_ledger l \
         JOIN members m ON m.id = l.member_id WHERE m.org_id = $1",
    )
    .bind(org_id)
    .fetch_one(t.store().pool())
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_sees_their_data_and_is_forgotten_once_a_secretary_agrees() {
    let t = TestApp::spawn_plain().await;
    let seed = t.seed().await;
    let a = t.member(&seed.xiangyang, Some(A), NAME, PHONE, true).await;
    t.person(B, "路人");

    // Something to keep: a confirmed notice (a point) and a ticket naming an address.
    t.say(SEC_XY, "/notice").await;
    t.say(SEC_XY, "本周五上午九点在村委会开支部大会。").await;
    t.press(SEC_XY, SEC_XY, "全体党员").await;
    t.press(SEC_XY, SEC_XY, "普通").await;
    t.press(SEC_XY, SEC_XY, "立即发送").await;
    t.settle().await;
    t.press(A, A, "收到 ✓").await;
    t.say(A, "我家在幸福路 8 号，房子漏雨。").await;
    t.press(A, A, "诉求").await;
    t.settle().await;

    // /mydata: the summary, then everything as JSON.
    t.say(A, "/mydata").await;
    let texts = t.bot_texts(A);
    let summary = texts
        .iter()
        .rev()
        .find(|m| m.starts_with("📁"))
        .expect("a summary");
    assert!(
        summary.contains(&format!(
            "姓名：{NAME} · 手机：{PHONE} · 支部：向阳村党支部"
        )),
        "{summary}"
    );
    assert!(
        summary.contains("状态：流动党员 · 所在城市：深圳"),
        "{summary}"
    );
    assert!(
        summary.contains("通知确认 1 条 · 学完课程 0 次 · 答题 0 道 · 活动 0 次 · 报到 0 次 · 诉求 1 件 · 积分 2 分"),
        "{summary}"
    );
    let file = t.last(A);
    assert_eq!(file.file_name.as_deref(), Some("lianxin-mydata.json"));
    let json: serde_json::Value =
        serde_json::from_slice(&t.sim.download(file.file_id.as_deref().unwrap()).unwrap()).unwrap();
    assert_eq!(json["members"][0]["name"], NAME);
    assert_eq!(json["members"][0]["phone"], PHONE);
    assert_eq!(json["users"][0]["telegram_id"], A);
    assert_eq!(json["notice_acks"].as_array().unwrap().len(), 1);
    assert!(
        json["ticket_messages"][0]["body"]
            .as_str()
            .unwrap()
            .contains("幸福路 8 号")
    );
    assert_eq!(json["points_ledger"].as_array().unwrap().len(), 2);
    assert!(json["tickets"][0]["created_at_local"].is_string());
    // Someone who is no member is told so.
    t.say(B, "/mydata").await;
    assert!(
        t.bot_texts(B)
            .iter()
            .any(|m| m.contains("您还不是任何支部的党员")),
        "{:?}",
        t.bot_texts(B)
    );

    // The figures that must not change: the branch's points, and /stats.
    t.say(SEC_XY, "/stats").await;
    let stats_before = t.bot_texts(SEC_XY)[t.bot_texts(SEC_XY).len() - 2].clone();
    assert!(
        stats_before.contains("通知确认：100%（1/1）"),
        "{stats_before}"
    );
    assert!(
        stats_before.contains("流动党员报到：0%（0/1）"),
        "{stats_before}"
    );
    let points_before = branch_points(&t, seed.xiangyang.id).await;
    assert_eq!(points_before, 2);

    // The member also keeps 和平村's records as a (deputy) secretary: that goes too.
    lianxin::admin::set_role(
        t.store(),
        A,
        "secretary",
        "heping",
        true,
        "cli",
        t.clock.now(),
    )
    .await
    .unwrap();

    // /forgetme asks first; the request goes to the branch's secretary.
    t.say(A, "/forgetme").await;
    let ask = t.last(A);
    assert!(ask.body().contains("删除后无法恢复"), "{}", ask.body());
    assert_eq!(t.buttons(&ask), ["🗑 确认申请删除", "取消"]);
    t.press(A, A, "确认申请删除").await;
    t.settle().await;
    assert!(t.last_text(A).contains("已提交删除申请"));
    t.say(A, "/forgetme").await;
    assert_eq!(t.last_text(A), "您的删除申请正在等待支部书记确认。");
    let request = t.newest_with(SEC_XY, "申请删除个人信息").expect("asked");
    assert!(
        request
            .body()
            .starts_with(&format!("🗑 {NAME}（向阳村党支部）"))
    );
    assert_eq!(t.buttons(&request), ["✅ 同意删除", "不同意"]);
    assert!(t.newest_with(SEC_HP, "申请删除个人信息").is_none());
    // Still waiting: /pending shows it again (to the branch's secretary, not to the asker).
    t.say(SEC_XY, "/pending").await;
    let card = t.last(SEC_XY);
    assert_eq!(card.body(), request.body());
    assert_eq!(t.buttons(&card), ["✅ 同意删除", "不同意"]);
    t.say(A, "/pending").await;
    assert!(!t.last_text(A).contains("申请删除"), "{}", t.last_text(A));
    // Another branch's secretary pressing the same button is refused.
    let q = t.sim.press_button(
        SEC_HP,
        SEC_HP,
        request.message_id,
        &data_of(&request, "同意删除"),
    );
    assert_eq!(toast(&t, q).await, "这不是你负责的支部，无法操作。");
    assert_eq!(
        t.store().member(a).await.unwrap().name,
        NAME,
        "nothing erased by the refused press"
    );

    // The secretary agrees: the member is told, personal data is gone.
    t.press(SEC_XY, SEC_XY, "同意删除").await;
    t.settle().await;
    // (The press was on the newest card, the one /pending showed.)
    assert_eq!(
        t.sim.message(SEC_XY, card.message_id).unwrap().body(),
        "✅ 已删除这位党员的个人信息；学习、考勤、积分记录已匿名保留。"
    );
    assert_eq!(t.last_text(A), GOODBYE);
    let q = t.sim.press_button(
        SEC_XY,
        SEC_XY,
        request.message_id,
        &data_of(&request, "同意删除"),
    );
    assert_eq!(toast(&t, q).await, "这个申请已经处理过了。");
    for needle in [NAME, PHONE, &A.to_string(), "深圳", "幸福路"] {
        assert_eq!(traces(&t, needle).await, Vec::<String>::new(), "{needle}");
    }
    assert!(
        t.store().roles_of(A).await.unwrap().is_empty(),
        "no role left"
    );
    let m = t.store().member(a).await.unwrap();
    assert_eq!(m.name, "已注销");
    assert_eq!(m.status, lianxin::domain::MemberStatus::Erased);
    // Records stay, anonymous: the notice's confirmation, the ticket, the points.
    assert_eq!(t.store().acked_members(1).await.unwrap().len(), 1);
    let tickets: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tickets WHERE member_id = $1")
        .bind(a)
        .fetch_one(t.store().pool())
        .await
        .unwrap();
    assert_eq!(tickets, 1);
    let after = branch_points(&t, seed.xiangyang.id).await;
    assert_eq!(after, points_before);
    t.say(SEC_XY, "/stats").await;
    let stats_after = t.bot_texts(SEC_XY)[t.bot_texts(SEC_XY).len() - 2].clone();
    for line in ["通知确认：100%（1/1）", "诉求按时答复：—（0/0）"] {
        assert!(stats_after.contains(line), "{line} in {stats_after}");
    }

    // The audit log has the request and the deletion, with who and when, but not the name.
    let audit = t.store().audit_entries(50).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|e| e.2.as_str()).collect();
    assert!(actions.contains(&"member.erase.ask"), "{actions:?}");
    assert!(actions.contains(&"member.erase"), "{actions:?}");
    let erase = audit.iter().find(|e| e.2 == "member.erase").unwrap();
    assert_eq!(erase.1, SEC_XY.to_string());
    assert!(erase.3.contains(&format!("member {a}")), "{}", erase.3);
    t.stop().await;
}
