//! The `lianxin` command as an operator uses it.

use std::path::Path;
use std::process::{Command, Output};

use crate::harness::TestDb;

fn lianxin(dir: &Path, db: &TestDb, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lianxin"));
    cmd.current_dir(dir)
        .args(args)
        .env("LIANXIN_DATABASE__URL", &db.url)
        .env_remove("TELOXIDE_TOKEN")
        .env("RUST_LOG", "warn");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("lianxin runs")
}

/// `lianxin <args>` against the simulator, logging at `level`.
fn run_bot(dir: &Path, db: &TestDb, sim: &tg_sim::Sim, args: &[&str], level: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lianxin"));
    cmd.current_dir(dir)
        .args(args)
        .env("LIANXIN_DATABASE__URL", &db.url)
        .env("TELOXIDE_TOKEN", sim.token())
        .env("LIANXIN_TELEGRAM__API_URL", sim.api_url())
        .env("LIANXIN_TELEGRAM__POLL_TIMEOUT_SECS", "1")
        .env("RUST_LOG", level);
    cmd
}

/// Waits until the bot polls for updates: it is up.
async fn polling(sim: &tg_sim::Sim) {
    let polls = |s: &tg_sim::Sim| !s.calls_of("getupdates").is_empty();
    assert!(
        sim.wait_until(std::time::Duration::from_secs(30), polls)
            .await,
        "the bot polls"
    );
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[tokio::test]
async fn an_operator_builds_the_tree_grants_roles_and_imports_a_roster() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new().await;
    let d = dir.path();
    let ok = |o: Output| {
        assert!(o.status.success(), "{}", text(&o));
        text(&o)
    };
    ok(lianxin(d, &db, &["migrate"], &[]));
    ok(lianxin(
        d,
        &db,
        &["org", "add", "--code", "county", "--name", "清河县"],
        &[],
    ));
    ok(lianxin(
        d,
        &db,
        &[
            "org",
            "add",
            "--code",
            "town",
            "--name",
            "城关镇",
            "--parent",
            "county",
        ],
        &[],
    ));
    ok(lianxin(
        d,
        &db,
        &[
            "org",
            "add",
            "--code",
            "xy",
            "--name",
            "向阳村党支部",
            "--parent",
            "town",
        ],
        &[],
    ));
    let dup = lianxin(
        d,
        &db,
        &[
            "org", "add", "--code", "xy", "--name", "again", "--parent", "town",
        ],
        &[],
    );
    assert!(!dup.status.success() && text(&dup).contains("already exists"));
    assert_eq!(
        ok(lianxin(d, &db, &["org", "list"], &[])),
        "清河县 [county] county\n  城关镇 [town] township\n    向阳村党支部 [xy] branch\n"
    );
    assert!(
        ok(lianxin(
            d,
            &db,
            &[
                "admin",
                "grant",
                "--telegram-id",
                "5001",
                "--role",
                "secretary",
                "--org",
                "xy"
            ],
            &[]
        ))
        .contains("granted secretary")
    );

    std::fs::write(d.join("bad.csv"), "姓名,手机\n张三,13800138000\n李四,12\n").unwrap();
    let bad = lianxin(
        d,
        &db,
        &["import", "members", "bad.csv", "--org", "xy"],
        &[],
    );
    assert!(!bad.status.success());
    assert!(
        text(&bad).contains("第 3 行：手机号「12」无法识别")
            && text(&bad).contains("nothing was imported"),
        "{}",
        text(&bad)
    );
    let dry = ok(lianxin(
        d,
        &db,
        &[
            "import",
            "members",
            "bad.csv",
            "--org",
            "xy",
            "--dry-run",
            "--skip-bad-rows",
        ],
        &[],
    ));
    assert!(
        dry.contains("新增 1 人") && dry.contains("nothing was changed"),
        "{dry}"
    );
    let done = ok(lianxin(
        d,
        &db,
        &[
            "import",
            "members",
            "bad.csv",
            "--org",
            "xy",
            "--skip-bad-rows",
        ],
        &[],
    ));
    assert!(done.contains("新增 1 人，更新 0 人，跳过 1 行"), "{done}");
    db.drop_db().await;
}

#[tokio::test]
async fn check_config_names_each_bad_key_and_never_prints_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new().await;
    let d = dir.path();
    std::fs::write(
        d.join("config.toml"),
        "[general]\ntimezone = \"Mars/Base\"\n[telegram]\ntoken = \"123456:SECRET-token\"\napi_url = \"ftp://x\"\n[[schedules]]\nname = \"主题党日\"\ncron = \"0 20 32 * *\"\nmessage = \"x\"\n[points.rules.notice_ack]\npoints = 1\napplies_to = \"everyone\"\n",
    )
    .unwrap();
    let out = lianxin(d, &db, &["check-config"], &[]);
    let t = text(&out);
    assert!(!out.status.success());
    for key in [
        "general.timezone",
        "telegram.api_url",
        "schedules[0].cron",
        "points.rules.notice_ack.applies_to",
    ] {
        assert!(t.contains(key), "{key} in {t}");
    }
    assert!(!t.contains("SECRET"), "{t}");

    // The environment wins over the file, section and key separated by a double underscore.
    std::fs::write(d.join("config.toml"), "[delivery]\nglobal_per_second = 0\n").unwrap();
    let out = lianxin(d, &db, &["check-config"], &[]);
    assert!(text(&out).contains("delivery.global_per_second"));
    let out = lianxin(
        d,
        &db,
        &["check-config"],
        &[("LIANXIN_DELIVERY__GLOBAL_PER_SECOND", "25")],
    );
    assert!(out.status.success(), "{}", text(&out));

    // `run` without a token explains where to put one.
    let out = lianxin(
        d,
        &db,
        &["run"],
        &[("LIANXIN_DELIVERY__GLOBAL_PER_SECOND", "25")],
    );
    assert!(text(&out).contains("TELOXIDE_TOKEN"), "{}", text(&out));
    db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_copies_the_database_while_the_bot_runs() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new().await;
    let d = dir.path();
    let out = d.join("lianxin-backup.db");
    let out_arg = out.to_str().unwrap();
    if db.is_postgres() {
        let o = lianxin(d, &db, &["backup", "--out", out_arg], &[]);
        assert!(!o.status.success());
        assert!(text(&o).contains("pg_dump"), "{}", text(&o));
        assert!(!out.exists());
        db.drop_db().await;
        return;
    }
    let o = lianxin(d, &db, &["backup", "--out", out_arg], &[]);
    assert!(!o.status.success(), "no database yet: {}", text(&o));
    assert!(
        text(&o).contains("cannot open the database"),
        "{}",
        text(&o)
    );
    assert!(!out.exists());

    let o = lianxin(
        d,
        &db,
        &["org", "add", "--code", "county", "--name", "清河县"],
        &[],
    );
    assert!(o.status.success(), "{}", text(&o));
    // The bot runs (and writes) while the copy is made.
    let sim = tg_sim::Sim::start(tg_sim::SimConfig::default())
        .await
        .unwrap();
    let mut bot = run_bot(d, &db, &sim, &["run"], "warn").spawn().unwrap();
    polling(&sim).await;
    let o = lianxin(d, &db, &["backup", "--out", out_arg], &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("backed up"), "{}", text(&o));
    let again = lianxin(d, &db, &["backup", "--out", out_arg], &[]);
    assert!(!again.status.success());
    assert!(text(&again).contains("exists already"), "{}", text(&again));
    let _ = bot.kill();
    let _ = bot.wait();
    sim.shutdown().await;

    // The copy is a whole database: it opens, checks out, and holds the tree.
    let copy = lianxin::store::Store::connect_existing(&format!("sqlite://{out_arg}"))
        .await
        .unwrap();
    let (check,): (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(copy.pool())
        .await
        .unwrap();
    assert_eq!(check, "ok");
    let tree = lianxin::admin::tree(&copy).await.unwrap();
    assert!(tree.contains("清河县"), "{tree}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_logs_without_the_token_and_a_clean_exit_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new().await;
    let sim = tg_sim::Sim::start(tg_sim::SimConfig::default())
        .await
        .unwrap();
    let bot = run_bot(
        dir.path(),
        &db,
        &sim,
        &["--log-format", "json", "run"],
        "info",
    )
    .stderr(std::process::Stdio::piped())
    .spawn()
    .unwrap();
    polling(&sim).await;
    // Telegram goes away: teloxide's own error is logged too (without the token).
    sim.shutdown().await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let stopping = std::time::Instant::now();
    let kill = Command::new("kill")
        .args(["-TERM", &bot.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let out = tokio::task::spawn_blocking(move || bot.wait_with_output())
        .await
        .unwrap()
        .unwrap();
    assert!(out.status.success(), "a clean exit: {:?}", out.status);
    assert!(
        stopping.elapsed().as_secs() < 30,
        "{:?}",
        stopping.elapsed()
    );
    sim.shutdown().await;
    db.drop_db().await;

    let log = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<serde_json::Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let said = |message: &str| {
        lines
            .iter()
            .find(|l| l["fields"]["message"] == message)
            .unwrap_or_else(|| panic!("no {message:?} in {log}"))
    };
    assert_eq!(said("Lianxin is running")["level"], "INFO");
    assert_eq!(said("stopping")["fields"]["signal"], "SIGTERM");
    said("stopped");
    let failed = lines
        .iter()
        .find(|l| {
            l["fields"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("receiving updates failed"))
        })
        .unwrap_or_else(|| panic!("no getUpdates failure in {log}"));
    assert_eq!(failed["level"], "ERROR");
    assert!(failed.to_string().contains("GetUpdates"), "{failed}");
    assert!(!log.contains(&sim.token()), "the token never shows: {log}");
}
