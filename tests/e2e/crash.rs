//! The real binary killed with SIGKILL in the middle of a notice to 2,000 members, then
//! started again: every member gets the notice, at most the copies in flight twice.

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use lianxin::domain::{Mobility, Phone};
use lianxin::store::{ImportRow, Store};
use tg_sim::{Limits, Sim, SimConfig, SimUser};

use crate::harness::{SEC_XY, TestDb};

const MEMBERS: i64 = 2_000;
const FIRST: i64 = 100_000;
/// Sends in flight at once in one process: the most a crash can send twice.
const IN_FLIGHT: usize = 64;

/// The running binary; killed when dropped, so a failing test leaves nothing behind.
struct Bot(Child);

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(sim: &Sim, db: &TestDb) -> Bot {
    let child = Command::new(env!("CARGO_BIN_EXE_lianxin"))
        .arg("run")
        .env("TELOXIDE_TOKEN", sim.token())
        .env("LIANXIN_TELEGRAM__API_URL", sim.api_url())
        .env("LIANXIN_TELEGRAM__POLL_TIMEOUT_SECS", "1")
        .env("LIANXIN_DATABASE__URL", &db.url)
        .env("LIANXIN_DELIVERY__GLOBAL_PER_SECOND", "200")
        .env("LIANXIN_DELIVERY__LEASE", "3s")
        .env("LIANXIN_NOTICES__QUIET_HOURS", "off")
        .env(
            "LIANXIN_GENERAL__MESSAGES_DIR",
            concat!(env!("CARGO_MANIFEST_DIR"), "/messages"),
        )
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the lianxin binary starts");
    Bot(child)
}

/// Copies of the notice each member received.
fn copies(sim: &Sim) -> HashMap<i64, usize> {
    let mut out = HashMap::new();
    for call in sim.calls_of("sendMessage") {
        if let Some(chat) = call.chat_id.filter(|c| *c >= FIRST && call.ok) {
            *out.entry(chat).or_default() += 1;
        }
    }
    out
}

async fn wait(sim: &Sim, what: &str, secs: u64, f: impl FnMut(&Sim) -> bool) {
    assert!(
        sim.wait_until(Duration::from_secs(secs), f).await,
        "timed out waiting: {what}"
    );
}

async fn press(sim: &Sim, label: &str, next: &str) {
    sim.press(SEC_XY, SEC_XY, label)
        .unwrap_or_else(|e| panic!("no button {label}: {e:?}"));
    wait(sim, next, 30, |s| {
        s.bot_messages(SEC_XY)
            .iter()
            .any(|m| m.body().contains(next))
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_notice_survives_sigkill_midway() {
    let sim = Sim::start(SimConfig::default()).await.unwrap();
    sim.enforce_limits(Some(Limits {
        global_per_second: 200,
        ..Limits::default()
    }));
    let db = TestDb::new().await;
    {
        let store = Store::open(&db.url, 4).await.unwrap();
        let now = chrono::Utc::now().timestamp_millis();
        let branch = lianxin::admin::add_org(
            &store,
            "xiangyang",
            "向阳村党支部",
            None,
            Some("branch"),
            now,
        )
        .await
        .unwrap();
        lianxin::admin::set_role(&store, SEC_XY, "secretary", "xiangyang", true, "test", now)
            .await
            .unwrap();
        let rows: Vec<ImportRow> = (0..MEMBERS)
            .map(|i| ImportRow {
                name: format!("党员{i}"),
                phone: Some(Phone::parse(&format!("137{i:08}")).unwrap()),
                mobility: Some(Mobility::Resident),
                city: None,
                skills: None,
            })
            .collect();
        store
            .import_members(branch.id, &rows, now, false, |_| {})
            .await
            .unwrap();
        for i in 0..MEMBERS {
            let m = store
                .member_by_phone(&Phone::parse(&format!("137{i:08}")).unwrap())
                .await
                .unwrap()
                .unwrap();
            store.link_member(m.id, FIRST + i, now).await.unwrap();
            sim.add_user(SimUser::new(FIRST + i, &format!("党员{i}")).started());
        }
        store.close().await;
    }
    sim.add_user(SimUser::new(SEC_XY, "李书记").lang("zh-hans").started());

    let bot = start(&sim, &db);
    sim.send_text(SEC_XY, SEC_XY, "/notice");
    wait(&sim, "the question for the content", 30, |s| {
        s.last_bot_message(SEC_XY)
            .is_some_and(|m| m.body().contains("请发送通知内容"))
    })
    .await;
    sim.send_text(SEC_XY, SEC_XY, "断电也要送到的通知。");
    wait(&sim, "the audience choice", 30, |s| {
        s.last_bot_message(SEC_XY)
            .is_some_and(|m| m.body().contains("发给谁"))
    })
    .await;
    press(&sim, "全体党员", "普通还是紧急").await;
    press(&sim, "普通", "将私聊发给 2000 人").await;
    press(&sim, "立即发送", "发送中").await;

    // Killed without warning once a third has gone.
    wait(&sim, "a third of the copies", 60, |s| {
        copies(s).len() >= (MEMBERS / 3) as usize
    })
    .await;
    // Child::kill sends SIGKILL: no shutdown code runs.
    drop(bot);
    let before = copies(&sim).len();
    assert!(before < MEMBERS as usize, "all went before the kill");

    let bot = start(&sim, &db);
    wait(&sim, "every member's copy after the restart", 120, |s| {
        copies(s).len() == MEMBERS as usize
    })
    .await;
    wait(&sim, "the outcome on the secretary's message", 30, |s| {
        s.bot_messages(SEC_XY)
            .iter()
            .any(|m| m.body() == "✅ 发送完成：已送达 2,000 · 无法送达 0")
    })
    .await;
    drop(bot);

    let twice = copies(&sim).values().filter(|n| **n > 1).count();
    assert!(
        twice <= IN_FLIGHT,
        "{twice} members got the notice twice; at most the {IN_FLIGHT} in flight may"
    );
    assert_eq!(sim.limit_violations(), 0, "a limit was exceeded");
    eprintln!(
        "crash run: {before} of {MEMBERS} sent before SIGKILL, all {MEMBERS} after the restart, {twice} twice"
    );
    sim.shutdown().await;
    db.drop_db().await;
}
