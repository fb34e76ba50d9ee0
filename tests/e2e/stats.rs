//! `/stats` and the weekly digest: figures from what the test did, per branch for an organizer,
//! and a chart PNG that decodes to the expected size with the series drawn.

use chrono::Timelike;

use crate::harness::*;

const A: i64 = 8701; // 向阳村, at home
const B: i64 = 8702; // 向阳村, at home
const C: i64 = 8703; // 向阳村, working away
const E: i64 = 8705; // 和平村

async fn notice(t: &TestApp, secretary: i64, text: &str) {
    t.say(secretary, "/notice").await;
    t.say(secretary, text).await;
    t.press(secretary, secretary, "全体党员").await;
    t.press(secretary, secretary, "普通").await;
    t.press(secretary, secretary, "立即发送").await;
    t.settle().await;
}

/// The chart last sent to `chat`: decoded, with its size and pixels (RGB).
fn chart(t: &TestApp, chat: i64, caption: &str) -> (u32, u32, Vec<u8>) {
    let photo = t.last(chat);
    assert_eq!(photo.caption.as_deref(), Some(caption));
    let bytes = t
        .sim
        .download(photo.file_id.as_deref().expect("a photo"))
        .expect("the photo's bytes");
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).expect("decodes");
    assert_eq!(info.color_type, png::ColorType::Rgb);
    (info.width, info.height, pixels)
}

fn has_colour(pixels: &[u8], rgb: [u8; 3]) -> bool {
    pixels.chunks(3).any(|p| p == rgb)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stats_count_what_members_did_and_the_digest_brings_them_weekly() {
    // The digest, due within the next two hours, as a purpose = "digest" schedule.
    let tz: chrono_tz::Tz = "Asia/Shanghai".parse().unwrap();
    let at = (chrono::Utc::now() + chrono::Duration::minutes(90)).with_timezone(&tz);
    let t = TestApp::spawn_with(|c| {
        c.notices.quiet_hours = "off".into();
        c.schedules = vec![lianxin::config::ScheduleConfig {
            name: "每周统计".into(),
            cron: format!("{} {} * * *", at.minute(), at.hour()),
            timezone: None,
            audience: "all".into(),
            message: String::new(),
            grace: "6h".into(),
            purpose: "digest".into(),
        }];
    })
    .await;
    let seed = t.seed().await;
    t.member(&seed.xiangyang, Some(A), "张三", "13800000001", false)
        .await;
    t.member(&seed.xiangyang, Some(B), "李四", "13800000002", false)
        .await;
    t.member(&seed.xiangyang, Some(C), "王五", "13800000003", true)
        .await;
    t.member(&seed.xiangyang, None, "赵六", "13800000004", false)
        .await;
    t.member(&seed.heping, Some(E), "钱七", "13800000005", false)
        .await;

    // 向阳村: one notice to three members on Lianxin, one confirms. 和平村: one of one.
    notice(&t, SEC_XY, "本周五上午九点在村委会开支部大会。").await;
    t.press(A, A, "收到 ✓").await;
    notice(&t, SEC_HP, "请大家关注本月学习安排。").await;
    t.press(E, E, "收到 ✓").await;
    // A need raised and answered by reply within the 48 hours.
    t.say(A, "村口的路灯坏了。").await;
    t.press(A, A, "诉求").await;
    t.settle().await;
    let relayed = t.newest_with(SEC_XY, "新事项 #1").expect("relayed");
    t.sim
        .reply_text(SEC_XY, SEC_XY, relayed.message_id, "明天就修。");
    t.settle().await;

    // A secretary: the branch's figures, then the chart.
    t.say(SEC_XY, "/stats").await;
    let texts = t.bot_texts(SEC_XY);
    let summary = &texts[texts.len() - 2];
    assert!(
        summary.starts_with("📊 向阳村党支部 · 近 12 周（"),
        "{summary}"
    );
    for line in [
        "通知确认：33%（1/3）",
        "学习完成：—（0/0）",
        "测验正确率：—（0/0）",
        "活动出勤：—（0/0）",
        "流动党员报到：0%（0/1）",
        "诉求按时答复：100%（1/1）",
    ] {
        assert!(summary.contains(line), "{line} in {summary}");
    }
    assert!(!summary.contains("各支部"), "{summary}");
    let (w, h, pixels) = chart(&t, SEC_XY, "向阳村党支部 · 近 12 周参与情况");
    assert_eq!((w, h), (1080, 800));
    // The acknowledgement series (red) and the answered-in-time one (cyan) are drawn.
    assert!(has_colour(&pixels, [0xC8, 0x10, 0x2E]));
    assert!(has_colour(&pixels, [0x17, 0xBE, 0xCF]));
    // The title, in Chinese, is drawn in dark pixels across the top.
    let dark_in_title = pixels[..(1080 * 60 * 3)]
        .chunks(3)
        .filter(|p| p.iter().all(|c| *c < 90))
        .count();
    assert!(
        dark_in_title > 500,
        "{dark_in_title} dark pixels in the title"
    );

    // The organizer: the county's sum and one line per branch, never per person.
    t.say(ORGANIZER, "/stats").await;
    let texts = t.bot_texts(ORGANIZER);
    let summary = &texts[texts.len() - 2];
    assert!(summary.starts_with("📊 清河县 · 近 12 周"), "{summary}");
    assert!(summary.contains("通知确认：50%（2/4）"), "{summary}");
    assert!(summary.contains("各支部（近 12 周）："), "{summary}");
    assert!(
        summary
            .contains("• 向阳村党支部：确认 33% · 学习 — · 测验 — · 出勤 — · 报到 0% · 答复 100%"),
        "{summary}"
    );
    assert!(
        summary.contains("• 和平村党支部：确认 100% · 学习 — · 测验 — · 出勤 — · 报到 — · 答复 —"),
        "{summary}"
    );
    assert!(!summary.contains("张三"), "{summary}");
    chart(&t, ORGANIZER, "清河县 · 近 12 周参与情况");
    // The organizer may look at one branch.
    t.say(ORGANIZER, "/stats heping").await;
    let texts = t.bot_texts(ORGANIZER);
    assert!(texts[texts.len() - 2].contains("通知确认：100%（1/1）"));

    // Refusals: a member, another branch, a unit that does not exist.
    t.say(A, "/stats").await;
    assert!(t.last_text(A).contains("书记"), "{}", t.last_text(A));
    t.say(SEC_XY, "/stats heping").await;
    assert!(
        t.last_text(SEC_XY).contains("heping"),
        "{}",
        t.last_text(SEC_XY)
    );
    assert!(t.last(SEC_XY).text.is_some());
    t.say(SEC_XY, "/stats nowhere").await;
    assert!(t.last_text(SEC_XY).contains("nowhere"));

    // The weekly digest: each secretary their branch, the organizer the county; members nothing.
    let before = t.bot_texts(A).len();
    t.clock.advance(std::time::Duration::from_secs(95 * 60));
    for (who, unit) in [
        (SEC_XY, "向阳村党支部"),
        (SEC_HP, "和平村党支部"),
        (ORGANIZER, "清河县"),
    ] {
        let heading = format!("📬 每周统计 · {unit}");
        t.eventually("the digest", |t| t.newest_with(who, &heading).is_some())
            .await;
        t.settle().await;
        chart(&t, who, &format!("{unit} · 近 12 周参与情况"));
    }
    let digest = t.newest_with(SEC_HP, "📬 每周统计").unwrap();
    assert!(
        digest.body().contains("通知确认：100%（1/1）"),
        "{}",
        digest.body()
    );
    assert_eq!(t.bot_texts(A).len(), before);
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_english_organizer_gets_english_labels() {
    let t = TestApp::spawn_plain().await;
    let seed = t.seed().await;
    t.person_en(ORGANIZER, "Wang");
    t.store()
        .set_locale(ORGANIZER, lianxin::domain::Locale::En)
        .await
        .unwrap();
    t.member(&seed.xiangyang, Some(A), "张三", "13800000001", false)
        .await;
    t.say(ORGANIZER, "/stats town").await;
    let texts = t.bot_texts(ORGANIZER);
    let summary = &texts[texts.len() - 2];
    assert!(
        summary.starts_with("📊 城关镇 · last 12 weeks"),
        "{summary}"
    );
    assert!(
        summary.contains("Notices acknowledged: — (0/0)"),
        "{summary}"
    );
    assert!(summary.contains("By branch (last 12 weeks):"), "{summary}");
    let (w, h, _) = chart(&t, ORGANIZER, "城关镇 · participation, last 12 weeks");
    assert_eq!((w, h), (1080, 800));
    t.stop().await;
}

/// The newest file the bot sent to `chat`: its name, caption and bytes.
fn file_of(t: &TestApp, chat: i64) -> (String, String, Vec<u8>) {
    let m = t.last(chat);
    let bytes = t
        .sim
        .download(m.file_id.as_deref().expect("a file"))
        .expect("the file's bytes");
    (
        m.file_name.clone().unwrap_or_default(),
        m.caption.clone().unwrap_or_default(),
        bytes,
    )
}

/// The cells of one sheet of a workbook, as text, row by row.
fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("a workbook");
    book.worksheet_range(name)
        .expect("the sheet")
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secretaries_export_their_own_unit_and_the_audit_log_shows_it() {
    let t = TestApp::spawn_plain().await;
    let seed = t.seed().await;
    t.member(&seed.xiangyang, Some(A), "张三", "13800000001", false)
        .await;
    t.member(&seed.heping, Some(E), "钱七", "13800000005", false)
        .await;
    let today = t.app().format_date(t.clock.now());
    // An anonymous suggestion: its feedback point must not name the author in the workbook.
    t.say(A, "/feedback").await;
    t.press(A, A, "建议").await;
    t.press(A, A, "匿名").await;
    t.say(A, "建议每月公开一次村集体收支。").await;
    t.settle().await;

    // A secretary: their branch's workbook, members of other branches left out.
    t.say(SEC_XY, "/export").await;
    t.settle().await;
    assert!(
        t.bot_texts(SEC_XY)
            .iter()
            .any(|m| m == "⏳ 正在导出 向阳村党支部 的数据，完成后发给您……")
    );
    let (name, caption, bytes) = file_of(&t, SEC_XY);
    assert_eq!(name, format!("lianxin-xiangyang-{today}.xlsx"));
    assert!(caption.starts_with("📎 向阳村党支部 数据导出"), "{caption}");
    let members = sheet(&bytes, "成员");
    assert_eq!(members[0][0], "支部");
    let names: Vec<&str> = members[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(names, ["张三"]);
    let tickets = sheet(&bytes, "诉求");
    assert_eq!(tickets[1][2], "匿名", "{tickets:?}");
    let points = sheet(&bytes, "积分");
    let feedback: Vec<&Vec<String>> = points.iter().filter(|r| r[3] == "反映诉求").collect();
    assert_eq!(feedback.len(), 1, "{points:?}");
    assert_eq!(feedback[0][2], "匿名", "{points:?}");
    assert!(
        !feedback[0].iter().any(|c| c.contains("ticket")),
        "{points:?}"
    );

    // CSV on request: a zip of one file per sheet.
    t.say(SEC_XY, "/export csv").await;
    t.settle().await;
    let (name, _, bytes) = file_of(&t, SEC_XY);
    assert_eq!(name, format!("lianxin-xiangyang-{today}.zip"));
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let files: Vec<String> = zip
        .file_names()
        .filter_map(|f| f.ok().map(|f| f.to_string()))
        .collect();
    assert!(files.iter().any(|f| f.ends_with("成员.csv")), "{files:?}");

    // The organizer may export a branch below; refusals for everyone else.
    t.say(ORGANIZER, "/export heping").await;
    t.settle().await;
    let (name, _, bytes) = file_of(&t, ORGANIZER);
    assert_eq!(name, format!("lianxin-heping-{today}.xlsx"));
    assert_eq!(sheet(&bytes, "成员")[1][1], "钱七");
    t.say(A, "/export").await;
    assert_eq!(
        t.last_text(A),
        "这个功能仅限支部书记（联系人）和上级组织部门使用。"
    );
    t.say(SEC_XY, "/export heping").await;
    assert_eq!(t.last_text(SEC_XY), "你无权管理「heping」。");
    t.say(SEC_XY, "/export xiangyang pdf").await;
    assert_eq!(
        t.last_text(SEC_XY),
        "看不懂“pdf”。用法：/export [单位代码] [csv]"
    );

    // `lianxin audit` prints who exported what, oldest first.
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_lianxin"))
            .args(args)
            .env("LIANXIN_DATABASE__URL", &t.db.url)
            .env("RUST_LOG", "warn")
            .output()
            .expect("lianxin runs")
    };
    let out = run(&["audit", "--since", "1d"]);
    assert!(out.status.success());
    let printed = String::from_utf8_lossy(&out.stdout).to_string();
    let exports: Vec<&str> = printed.lines().filter(|l| l.contains(" export ")).collect();
    assert_eq!(exports.len(), 3, "{printed}");
    assert!(exports[0].contains(&SEC_XY.to_string()), "{printed}");
    assert!(
        exports[0].contains("xiangyang xlsx via the bot"),
        "{printed}"
    );
    assert!(exports[1].contains("xiangyang csv"), "{printed}");
    assert!(exports[2].contains(&ORGANIZER.to_string()), "{printed}");
    assert!(printed.contains("role_grant"), "{printed}");
    let out = run(&["audit", "--since", "last tuesday"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("give a date like 2026-11-01"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    t.stop().await;
}
