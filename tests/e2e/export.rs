//! Exports: the workbook of a branch read back and checked against what the test did through
//! the bot; the zip of CSV files; `lianxin export` as an operator runs it; and the memory of
//! an export of 40,000 members.

use std::io::Read;
use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use lianxin::domain::{Audience, Phone, Purpose};
use lianxin::export::{Format, Range};
use lianxin::store::{ImportRow, NewEntry, Store};

use crate::harness::*;

const A: i64 = 8901; // 向阳村, working away in 深圳
const B: i64 = 8902; // 向阳村, at home
const E: i64 = 8905; // 和平村

const SHEETS: [&str; 8] = [
    "成员",
    "通知",
    "回执",
    "学习与测验",
    "活动与考勤",
    "报到",
    "诉求",
    "积分",
];

fn tz() -> chrono_tz::Tz {
    "Asia/Shanghai".parse().unwrap()
}

/// Every row of a sheet as text (numbers as Rust prints them: 3, 0.5).
fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).expect("the workbook opens");
    let range = book.worksheet_range(name).expect("the sheet exists");
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|d| match d {
                    Data::Empty => String::new(),
                    Data::Float(f) => f.to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// The value in column `header` of the first row whose column `key` is `value`.
fn cell(rows: &[Vec<String>], key: &str, value: &str, header: &str) -> String {
    let col = |h: &str| {
        rows[0]
            .iter()
            .position(|c| c == h)
            .unwrap_or_else(|| panic!("no column {h} in {:?}", rows[0]))
    };
    let row = rows[1..]
        .iter()
        .find(|r| r[col(key)] == value)
        .unwrap_or_else(|| panic!("no row with {key} = {value} in {rows:?}"));
    row.get(col(header)).cloned().unwrap_or_default()
}

/// A file inside a zip.
fn unzip(path: &Path, name: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut bytes = Vec::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name} in the zip: {e}"))
        .read_to_end(&mut bytes)
        .unwrap();
    bytes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_workbook_holds_what_the_branch_did() {
    let t = TestApp::spawn_plain().await;
    let seed = t.seed().await;
    let a = t
        .member(&seed.xiangyang, Some(A), "张三", "13800000001", true)
        .await;
    let b = t
        .member(&seed.xiangyang, Some(B), "李四", "13800000002", false)
        .await;
    t.member(&seed.heping, Some(E), "钱七", "13800000005", false)
        .await;
    let store = t.store();
    let start = t.clock.now();

    // A notice to the whole branch; 张三 confirms, 李四 does not.
    t.say(SEC_XY, "/notice").await;
    t.say(SEC_XY, "周五晚上八点在村委会开党员大会，请准时参加。")
        .await;
    t.press(SEC_XY, SEC_XY, "全体党员").await;
    t.press(SEC_XY, SEC_XY, "普通").await;
    t.press(SEC_XY, SEC_XY, "立即发送").await;
    t.press(A, A, "收到 ✓").await;

    // 张三 reports a move to 广州.
    t.say(A, "/report").await;
    t.press(A, A, "换了城市").await;
    t.say(A, "广州").await;
    t.press(A, A, "在岗").await;
    t.press(A, A, "跳过").await;
    t.press(A, A, "提交").await;

    // 李四 asks a question, answered at once, then makes an anonymous suggestion.
    t.say(B, "村卫生室周末开门吗？").await;
    t.press(B, B, "咨询").await;
    let relayed = t.newest_with(SEC_XY, "新事项 #1").expect("relayed");
    t.sim
        .reply_text(SEC_XY, SEC_XY, relayed.message_id, "周六上午开。");
    t.settle().await;
    t.say(B, "/feedback").await;
    t.press(B, B, "建议").await;
    t.press(B, B, "匿名").await;
    t.say(B, "建议每月公开一次村集体收支。").await;
    assert!(t.last_text(B).contains("编号 #2"), "{}", t.last_text(B));

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("向阳村.xlsx");
    let progress = std::sync::Mutex::new(Vec::new());
    let summary = lianxin::export::export(
        store,
        &seed.xiangyang,
        &Range::default(),
        Format::Xlsx,
        tz(),
        &out,
        &|done, total| progress.lock().unwrap().push((done, total)),
    )
    .await
    .unwrap();

    let book: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(book.sheet_names(), SHEETS);
    let rows_of = |name| summary.sheets.iter().find(|(n, _)| *n == name).unwrap().1;

    // 成员: the branch's two members, not 和平村's; points are the ledger's.
    let members = sheet(&out, "成员");
    assert_eq!(
        members[0],
        [
            "支部",
            "姓名",
            "手机",
            "状态",
            "流动/在家",
            "所在城市",
            "技能",
            "已绑定Telegram",
            "加入时间",
            "积分合计"
        ]
    );
    assert_eq!(members.len(), 3);
    assert_eq!(rows_of("成员"), 2);
    assert!(!members.iter().any(|r| r.contains(&"钱七".to_string())));
    let a_points = store.points_since(a, None, 0).await.unwrap();
    let b_points = store.points_since(b, None, 0).await.unwrap();
    assert!(a_points > 0 && b_points > 0);
    assert_eq!(
        cell(&members, "姓名", "张三", "积分合计"),
        a_points.to_string()
    );
    assert_eq!(
        cell(&members, "姓名", "李四", "积分合计"),
        b_points.to_string()
    );
    assert_eq!(cell(&members, "姓名", "张三", "支部"), "向阳村党支部");
    assert_eq!(cell(&members, "姓名", "张三", "手机"), "13800000001");
    assert_eq!(cell(&members, "姓名", "张三", "所在城市"), "广州");
    assert_eq!(cell(&members, "姓名", "张三", "流动/在家"), "流动");
    assert_eq!(cell(&members, "姓名", "李四", "流动/在家"), "在家");
    assert_eq!(cell(&members, "姓名", "李四", "已绑定Telegram"), "是");

    // 通知: the notice with its receipts, 1 of 2.
    let notice = &store
        .recent_of(&seed.xiangyang.path, Purpose::Notice, 1)
        .await
        .unwrap()[0];
    let expected = store
        .count_readers(&seed.xiangyang, Audience::All)
        .await
        .unwrap();
    let acked = store.acked_members(notice.id).await.unwrap().len() as i64;
    assert_eq!((expected, acked), (2, 1));
    let notices = sheet(&out, "通知");
    assert_eq!(
        notices[0],
        [
            "日期",
            "发布单位",
            "类型",
            "标题或内容",
            "对象",
            "应收",
            "已确认",
            "确认率"
        ]
    );
    assert_eq!(notices.len(), 2);
    let key = "周五晚上八点在村委会开党员大会，请准时参加。";
    assert_eq!(
        cell(&notices, "标题或内容", key, "应收"),
        expected.to_string()
    );
    assert_eq!(
        cell(&notices, "标题或内容", key, "已确认"),
        acked.to_string()
    );
    assert_eq!(
        cell(&notices, "标题或内容", key, "确认率"),
        (acked as f64 / expected as f64).to_string()
    );
    assert_eq!(cell(&notices, "标题或内容", key, "类型"), "通知");
    assert_eq!(cell(&notices, "标题或内容", key, "对象"), "全体");
    assert_eq!(
        cell(&notices, "标题或内容", key, "发布单位"),
        "向阳村党支部"
    );
    assert_eq!(
        cell(&notices, "标题或内容", key, "日期"),
        lianxin::admin::local_time(notice.started_at.unwrap(), tz())
    );

    // 回执: 张三's press.
    let acks = sheet(&out, "回执");
    assert_eq!(acks.len(), 2);
    assert_eq!(cell(&acks, "姓名", "张三", "通知"), key);

    // 报到: the report as 张三 made it.
    let report = &store.reports_of(a, 1).await.unwrap()[0];
    let reports = sheet(&out, "报到");
    assert_eq!(reports.len(), 2);
    assert_eq!(cell(&reports, "姓名", "张三", "城市"), "广州");
    assert_eq!(cell(&reports, "姓名", "张三", "换城市"), "是");
    assert_eq!(cell(&reports, "姓名", "张三", "工作状态"), "在岗");
    assert_eq!(cell(&reports, "姓名", "张三", "月份"), report.period);
    assert_eq!(
        cell(&reports, "姓名", "张三", "时间"),
        lianxin::admin::local_time(report.at, tz())
    );

    // 诉求: the question by name, answered in time; the suggestion without a name.
    let tickets = sheet(&out, "诉求");
    assert_eq!(tickets.len(), 3);
    assert_eq!(cell(&tickets, "编号", "1", "姓名"), "李四");
    assert_eq!(cell(&tickets, "编号", "1", "类型"), "咨询");
    assert_eq!(cell(&tickets, "编号", "1", "状态"), "已答复");
    assert_eq!(cell(&tickets, "编号", "1", "按时答复"), "是");
    assert_eq!(cell(&tickets, "编号", "2", "姓名"), "匿名");
    assert_eq!(cell(&tickets, "编号", "2", "类型"), "建议");
    assert_eq!(cell(&tickets, "编号", "2", "按时答复"), "未到期");
    assert!(!tickets[2].contains(&"李四".to_string()));

    // 积分: one row per ledger entry, adding up to the members' totals.
    let points = sheet(&out, "积分");
    assert_eq!(
        points[0],
        ["时间", "支部", "姓名", "规则", "分值", "来源", "原因"]
    );
    let sum = |name: &str| -> i64 {
        points[1..]
            .iter()
            .filter(|r| r[2] == name)
            .map(|r| r[4].parse::<i64>().unwrap())
            .sum()
    };
    assert_eq!((sum("张三"), sum("李四")), (a_points, b_points));
    assert_eq!(cell(&points, "规则", "确认通知", "姓名"), "张三");

    // Progress ran up to every row written.
    let total = summary.rows();
    assert_eq!(progress.lock().unwrap().first(), Some(&(0, total)));
    assert_eq!(progress.lock().unwrap().last(), Some(&(total, total)));

    // The header row is bold and frozen, the columns sized.
    let xml = String::from_utf8(unzip(&out, "xl/worksheets/sheet1.xml")).unwrap();
    assert!(
        xml.contains("ySplit=\"1\"") && xml.contains("state=\"frozen\""),
        "{xml}"
    );
    assert!(xml.contains("<col ") && xml.contains("customWidth=\"1\""));

    // A range after everything: the roster stays whole, its events are gone.
    let later = dir.path().join("later.xlsx");
    let summary = lianxin::export::export(
        store,
        &seed.xiangyang,
        &Range {
            from: Some(t.clock.now() + 60_000),
            to: None,
        },
        Format::Xlsx,
        tz(),
        &later,
        &|_, _| {},
    )
    .await
    .unwrap();
    assert_eq!(summary.sheets[0], ("成员", 2));
    assert!(summary.sheets[1..].iter().all(|(_, n)| *n == 0));
    assert_eq!(
        cell(&sheet(&later, "成员"), "姓名", "张三", "积分合计"),
        "0"
    );
    // And one that ends before anything happened.
    let before = lianxin::export::export(
        store,
        &seed.xiangyang,
        &Range {
            from: None,
            to: Some(start - 1),
        },
        Format::Xlsx,
        tz(),
        &later,
        &|_, _| {},
    )
    .await
    .unwrap();
    assert_eq!(before.rows(), 2);

    // The county's export takes in both branches.
    let county = store
        .org_by_code(&lianxin::domain::OrgCode::parse("county").unwrap())
        .await
        .unwrap()
        .unwrap();
    let all = dir.path().join("county.xlsx");
    let summary = lianxin::export::export(
        store,
        &county,
        &Range::default(),
        Format::Xlsx,
        tz(),
        &all,
        &|_, _| {},
    )
    .await
    .unwrap();
    assert_eq!(summary.sheets[0], ("成员", 3));
    // 和平村's member never had the notice: nobody to expect there.
    assert_eq!(
        cell(&sheet(&all, "通知"), "标题或内容", key, "应收"),
        expected.to_string()
    );
    t.stop().await;
}

/// Puts members on a unit's roster as an import would; returns their ids.
/// 清河县 and its 城关镇, which the tests' branches sit under.
async fn county_and_town(store: &Store, now: i64) {
    lianxin::admin::add_org(store, "county", "清河县", None, None, now)
        .await
        .unwrap();
    lianxin::admin::add_org(store, "town", "城关镇", Some("county"), None, now)
        .await
        .unwrap();
}

/// A branch under 城关镇.
async fn branch(store: &Store, code: &str, name: &str, now: i64) -> lianxin::domain::OrgUnit {
    lianxin::admin::add_org(store, code, name, Some("town"), None, now)
        .await
        .unwrap()
}

async fn roster(store: &Store, org_id: i64, people: &[(&str, &str, bool)], now: i64) -> Vec<i64> {
    let rows: Vec<ImportRow> = people
        .iter()
        .map(|(name, phone, mobile)| ImportRow {
            name: (*name).into(),
            phone: Some(Phone::parse(phone).unwrap()),
            mobility: Some(if *mobile {
                lianxin::domain::Mobility::Mobile
            } else {
                lianxin::domain::Mobility::Resident
            }),
            city: mobile.then(|| "东莞".to_string()),
            skills: Some("电工".into()),
        })
        .collect();
    store
        .import_members(org_id, &rows, now, false, |_| {})
        .await
        .unwrap();
    let mut ids = Vec::new();
    for (_, phone, _) in people {
        ids.push(
            store
                .member_by_phone(&Phone::parse(phone).unwrap())
                .await
                .unwrap()
                .unwrap()
                .id,
        );
    }
    ids
}

#[tokio::test]
async fn the_csv_export_is_a_zip_of_sheets_excel_reads_as_utf8() {
    let (store, db) = store().await;
    let now = lianxin::clock::Clock::system().now();
    county_and_town(&store, now).await;
    let xy = branch(&store, "xiangyang", "向阳村党支部", now).await;
    let ids = roster(
        &store,
        xy.id,
        &[
            ("王五", "13900000001", true),
            ("赵六", "13900000002", false),
        ],
        now,
    )
    .await;
    for (source, points) in [("test:1", 5), ("test:2", -2)] {
        store
            .add_points(
                &NewEntry {
                    member_id: ids[0],
                    rule: "manual",
                    points,
                    source,
                    reason: Some("帮助孤寡老人"),
                    granted_by: Some(SEC_XY),
                },
                now,
            )
            .await
            .unwrap();
    }

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("向阳村.zip");
    let summary = lianxin::export::export(
        &store,
        &xy,
        &Range::default(),
        Format::Csv,
        tz(),
        &out,
        &|_, _| {},
    )
    .await
    .unwrap();
    assert_eq!(summary.sheets.len(), 8);

    let zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    for (i, sheet) in SHEETS.iter().enumerate() {
        assert!(
            names.contains(&format!("{}-{sheet}.csv", i + 1)),
            "{names:?}"
        );
    }
    let members = unzip(&out, "1-成员.csv");
    assert!(members.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark");
    let mut csv = csv::Reader::from_reader(&members[3..]);
    assert_eq!(
        csv.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "支部",
            "姓名",
            "手机",
            "状态",
            "流动/在家",
            "所在城市",
            "技能",
            "已绑定Telegram",
            "加入时间",
            "积分合计"
        ]
    );
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let wang = rows.iter().find(|r| &r[1] == "王五").unwrap();
    assert_eq!(
        wang.iter().collect::<Vec<_>>(),
        [
            "向阳村党支部",
            "王五",
            "13900000001",
            "正常",
            "流动",
            "东莞",
            "电工",
            "否",
            "",
            "3"
        ]
    );
    let points = unzip(&out, "8-积分.csv");
    let text = String::from_utf8(points).unwrap();
    assert!(text.contains("书记调整,5,test:1,帮助孤寡老人"), "{text}");
    assert_eq!(text.lines().count(), 3);
    // An empty sheet still has its header.
    let reports = String::from_utf8(unzip(&out, "6-报到.csv")).unwrap();
    assert_eq!(
        reports.trim_end(),
        "\u{feff}月份,支部,姓名,流动状态,城市,换城市,工作状态,思想汇报,时间"
    );
    store.close().await;
    db.drop_db().await;
}

fn lianxin(dir: &Path, db: &TestDb, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_lianxin"))
        .current_dir(dir)
        .args(args)
        .env("LIANXIN_DATABASE__URL", &db.url)
        .env_remove("TELOXIDE_TOKEN")
        .env("RUST_LOG", "warn")
        .output()
        .expect("lianxin runs")
}

fn text(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[tokio::test]
async fn an_operator_exports_a_branch_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = TestDb::new().await;
    let store = Store::open(&db.url, 2).await.unwrap();
    let now = lianxin::clock::Clock::system().now();
    county_and_town(&store, now).await;
    let xy = branch(&store, "xiangyang", "向阳村党支部", now).await;
    let ids = roster(
        &store,
        xy.id,
        &[
            ("王五", "13900000001", true),
            ("赵六", "13900000002", false),
        ],
        now,
    )
    .await;
    store
        .add_points(
            &NewEntry {
                member_id: ids[1],
                rule: "manual",
                points: 4,
                source: "test:1",
                reason: Some("义务劳动"),
                granted_by: Some(SEC_XY),
            },
            now,
        )
        .await
        .unwrap();
    let today = chrono::Utc::now()
        .with_timezone(&tz())
        .format("%Y-%m-%d")
        .to_string();

    let o = lianxin(
        d,
        &db,
        &[
            "export",
            "--org",
            "xiangyang",
            "--out",
            "f.xlsx",
            "--from",
            "2020-01-01",
            "--to",
            &today,
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let said = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(
        said.contains(
            "已导出 向阳村党支部：成员 2 行，通知 0 行，回执 0 行，学习与测验 0 行，活动与考勤 0 行，报到 0 行，诉求 0 行，积分 1 行 → f.xlsx"
        ),
        "{said}"
    );
    let members = sheet(&d.join("f.xlsx"), "成员");
    assert_eq!(members.len(), 3);
    assert_eq!(cell(&members, "姓名", "赵六", "积分合计"), "4");
    assert_eq!(cell(&members, "姓名", "王五", "积分合计"), "0");
    let audit = store.audit_entries(5).await.unwrap();
    let (_, actor, _, detail) = audit
        .iter()
        .find(|(_, _, action, _)| action == "export")
        .expect("an audit entry");
    assert_eq!(actor, "cli");
    assert_eq!(
        detail,
        &format!("xiangyang xlsx 2020-01-01..{today} → f.xlsx")
    );

    // --to is the whole day: yesterday leaves today's points out; the format follows .zip.
    let yesterday = (chrono::Utc::now().with_timezone(&tz()) - chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    let o = lianxin(
        d,
        &db,
        &[
            "export",
            "--org",
            "xiangyang",
            "--out",
            "f.zip",
            "--to",
            &yesterday,
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("积分 0 行"), "{}", text(&o));
    assert!(std::fs::read(d.join("f.zip")).unwrap().starts_with(b"PK"));
    let members = String::from_utf8(unzip(&d.join("f.zip"), "1-成员.csv")).unwrap();
    assert!(
        members.contains("赵六,13900000002,正常,在家,,电工,否,,0"),
        "{members}"
    );

    // Mistakes are named, and nothing is written.
    let o = lianxin(d, &db, &["export", "--org", "nowhere", "--out", "g.xlsx"]);
    assert!(!o.status.success());
    assert!(
        text(&o).contains("没有代码为「nowhere」的单位"),
        "{}",
        text(&o)
    );
    let o = lianxin(
        d,
        &db,
        &[
            "export",
            "--org",
            "xiangyang",
            "--out",
            "g.xlsx",
            "--from",
            "2026-02-30",
        ],
    );
    assert!(!o.status.success());
    assert!(
        text(&o).contains("--from \"2026-02-30\" 不是日期"),
        "{}",
        text(&o)
    );
    let o = lianxin(
        d,
        &db,
        &[
            "export",
            "--org",
            "xiangyang",
            "--out",
            "g.xlsx",
            "--format",
            "pdf",
        ],
    );
    assert!(!o.status.success());
    assert!(!d.join("g.xlsx").exists());
    store.close().await;
    db.drop_db().await;
}

/// Runs `lianxin` and returns whether it succeeded, its output, and its peak resident memory
/// in KiB (from `wait4`, so only this child counts).
fn measured(dir: &Path, db: &TestDb, args: &[&str]) -> (bool, String, u64) {
    let log = dir.join("measured.log");
    let child = Command::new(env!("CARGO_BIN_EXE_lianxin"))
        .current_dir(dir)
        .args(args)
        .env("LIANXIN_DATABASE__URL", &db.url)
        .env_remove("TELOXIDE_TOKEN")
        .env("RUST_LOG", "warn")
        .stdout(std::fs::File::create(&log).unwrap())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("lianxin runs");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data; wait4 fills it for the child we started and reap here.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4");
    drop(child);
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    (
        ok,
        std::fs::read_to_string(&log).unwrap_or_default(),
        usage.ru_maxrss as u64,
    )
}

/// Adds `n` members to a unit with multi-row inserts, and one ledger entry each.
async fn bulk_members(store: &Store, org_id: i64, n: usize, phone_base: u64, now: i64) {
    let mut tx = store.pool().begin().await.unwrap();
    for chunk in (0..n).collect::<Vec<_>>().chunks(1000) {
        let values = chunk
            .iter()
            .map(|i| {
                let (mobility, city) = if i % 3 == 0 {
                    ("mobile", "'深圳'")
                } else {
                    ("resident", "NULL")
                };
                format!(
                    "({org_id}, '党员{i:05}', '{}', 'active', '{mobility}', 1, {city}, '种植、电工', 'import', {now}, {now}, {now})",
                    phone_base + *i as u64
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "INSERT INTO members (org_id, name, phone, status, mobility, mobility_known, city, skills, source, joined_at, created_at, updated_at) VALUES {values}"
        )))
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "INSERT INTO points_ledger (member_id, rule, points, source, award_key, at) \
         SELECT id, 'notice_ack', 1, 'notice:1', 'bulk:' || CAST(id AS TEXT), {now} FROM members WHERE org_id = {org_id}"
    )))
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exporting_40000_members_keeps_memory_flat() {
    const SMALL: usize = 4_000;
    const LARGE: usize = 40_000;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = TestDb::new().await;
    let store = Store::open(&db.url, 2).await.unwrap();
    let now = lianxin::clock::Clock::system().now();
    county_and_town(&store, now).await;
    let small = branch(&store, "small", "小村党支部", now).await;
    let large = branch(&store, "large", "大村党支部", now).await;
    bulk_members(&store, small.id, SMALL, 13_000_000_000, now).await;
    bulk_members(&store, large.id, LARGE, 15_000_000_000, now).await;
    store.close().await;

    let mut peaks = Vec::new();
    for (code, n) in [("small", SMALL), ("large", LARGE)] {
        let out = format!("{code}.xlsx");
        let started = std::time::Instant::now();
        let (ok, said, peak_kib) = measured(d, &db, &["export", "--org", code, "--out", &out]);
        assert!(ok, "{said}");
        assert!(
            said.contains(&format!("成员 {n} 行")) && said.contains(&format!("积分 {n} 行")),
            "{said}"
        );
        eprintln!(
            "export of {n} members ({} rows): peak RSS {:.1} MiB in {:.1?}",
            2 * n,
            peak_kib as f64 / 1024.0,
            started.elapsed()
        );
        peaks.push(peak_kib);
        // The workbook is whole: every member is in it.
        let mut book: Xlsx<_> = open_workbook(d.join(&out)).unwrap();
        let members = book.worksheet_range("成员").unwrap();
        assert_eq!(members.height(), n + 1);
        assert_eq!(
            members.get((n, 1)),
            Some(&Data::String(format!("党员{:05}", n - 1)))
        );
    }
    let (small_kib, large_kib) = (peaks[0], peaks[1]);
    // Ten times the rows may not cost much more memory: the rows stream through.
    assert!(
        large_kib < small_kib * 3 / 2 + 16 * 1024,
        "peak {large_kib} KiB for {LARGE} members against {small_kib} KiB for {SMALL}"
    );
    // An absolute bound too: the binary, the runtime, the pool and one row at a time.
    assert!(large_kib < 120 * 1024, "peak {large_kib} KiB");
    db.drop_db().await;
}
