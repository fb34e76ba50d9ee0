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
