//! `lianxin demo`: the whole service offline, against the built-in Telegram simulator, with
//! simulated secretaries and members. Leaves its database and files in the output folder.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use secrecy::SecretString;
use tg_sim::{Sim, SimConfig, SimUser};

use crate::admin;
use crate::clock::Clock;
use crate::config::Config;
use crate::service::Service;

const BRANCHES: [(&str, &str, i64); 3] = [
    ("xiangyang", "向阳村党支部", 5001),
    ("heping", "和平村党支部", 5002),
    ("shuangqiao", "双桥社区党支部", 5003),
];
const ORGANIZER: i64 = 5000;
const SURNAMES: [&str; 10] = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"];
const GIVEN: [&str; 10] = [
    "建国", "秀英", "志强", "桂兰", "海燕", "德明", "春花", "立新", "永红", "国庆",
];
const CITIES: [&str; 5] = ["深圳", "东莞", "杭州", "苏州", "上海"];

/// Drives the service as people would and writes down what they see.
struct Demo {
    out: std::path::PathBuf,
    sim: Sim,
    service: Service,
    transcript: String,
    seen: std::collections::HashMap<i64, usize>,
}

impl Demo {
    /// Waits until the bot has handled everything it was sent.
    async fn settle(&self) -> Result<()> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        let app = &self.service.app;
        while !self
            .service
            .progress
            .settled(&self.sim, &app.store, app.now())
            .await?
        {
            if tokio::time::Instant::now() > deadline {
                bail!("the bot stopped answering");
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        Ok(())
    }

    fn note(&mut self, line: impl AsRef<str>) {
        println!("{}", line.as_ref());
        let _ = writeln!(self.transcript, "{}", line.as_ref());
    }

    /// Prints what the bot sent to `chat` since last time.
    fn show(&mut self, chat: i64, who: &str) {
        let messages = self.sim.bot_messages(chat);
        let from = self.seen.get(&chat).copied().unwrap_or(0);
        self.seen.insert(chat, messages.len());
        for m in messages.iter().skip(from) {
            let mut body = m.body().replace('\n', "\n      ");
            if m.kind == tg_sim::SimMessageKind::Photo {
                body = format!("[图片] {body}");
            }
            let buttons: Vec<String> = m
                .inline_buttons()
                .into_iter()
                .flatten()
                .map(|(label, _)| format!("［{label}］"))
                .collect();
            if !buttons.is_empty() {
                body.push_str(&format!("\n      {}", buttons.concat()));
            }
            if let Some(k) = m.reply_keyboard() {
                body.push_str(&format!(
                    "\n      {}",
                    k.iter()
                        .flatten()
                        .map(|b| format!("〔{}〕", b.text))
                        .collect::<String>()
                ));
            }
            self.note(format!("  🤖→{who}: {body}"));
        }
    }

    /// Answers whatever the bot still asks these members (city, skills), all at once, until
    /// nobody is asked anything.
    async fn answer_questions(&mut self, members: &[(usize, &str)]) -> Result<()> {
        let tell = members.len() == 1;
        for _ in 0..3 {
            let mut answered = false;
            for &(n, who) in members {
                let id = member_id(n);
                let Some(last) = self.sim.last_bot_message(id) else {
                    continue;
                };
                let body = last.body();
                let answer = if body.contains("城市") || body.contains("city") {
                    self.sim.send_text(id, id, CITIES[n % 5]);
                    CITIES[n % 5]
                } else if last
                    .button_texts()
                    .iter()
                    .any(|b| b.contains("跳过") || b.contains("Skip"))
                {
                    if n % 4 == 0 {
                        self.sim.send_text(id, id, "电工");
                        "电工"
                    } else {
                        let label = if body.contains("Skip") {
                            "Skip"
                        } else {
                            "跳过"
                        };
                        self.sim
                            .press(id, id, label)
                            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
                        "〈点击「跳过」〉"
                    }
                } else {
                    continue;
                };
                if tell {
                    // Show the bot's question before the answer to it.
                    self.show(id, who);
                    self.note(format!("  {who}: {answer}"));
                }
                answered = true;
            }
            if !answered {
                break;
            }
            self.settle().await?;
        }
        Ok(())
    }

    async fn say(&mut self, id: i64, who: &str, text: &str) -> Result<()> {
        self.note(format!("  {who}: {}", text.replace('\n', "\n      ")));
        self.sim.send_text(id, id, text);
        self.settle().await?;
        self.show(id, who);
        Ok(())
    }

    async fn press(&mut self, id: i64, chat: i64, who: &str, label: &str) -> Result<()> {
        self.note(format!("  {who}: 〈点击「{label}」〉"));
        let target = self.sim.bot_messages(chat).into_iter().rev().find(|m| {
            m.inline_buttons()
                .iter()
                .flatten()
                .any(|(text, _)| text.contains(label))
        });
        self.sim
            .press(id, chat, label)
            .map_err(|e| anyhow::anyhow!("no button {label}: {e:?}"))?;
        self.settle().await?;
        // A press often edits the message it was on: show the new text.
        if let Some(before) = target
            && let Some(after) = self.sim.message(chat, before.message_id)
            && after.edit_count > before.edit_count
        {
            self.note(format!(
                "  🤖✎{who}: {}",
                after.body().replace('\n', "\n      ")
            ));
        }
        self.show(chat, who);
        Ok(())
    }
}

const GROUP: i64 = -100_500;

/// Waits until every notice that is going out has gone.
async fn sent(demo: &Demo) -> Result<()> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while !demo.service.app.store.sending_notices().await?.is_empty() {
        if tokio::time::Instant::now() > deadline {
            bail!("a notice did not finish sending");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    demo.settle().await
}

/// Notices: to every member with receipts, to the branch group with its live count, urgent to
/// members working away across the county, scheduled, and reminders to who has not read.
async fn notices(demo: &mut Demo) -> Result<()> {
    let (secretary, sec) = (BRANCHES[0].2, "李书记");
    demo.note("\n── 向阳村党员群：书记绑定群组 ──");
    demo.sim.create_group(GROUP, "向阳村党员群");
    for id in (0..6).map(member_id).chain([secretary]) {
        demo.sim.add_member(GROUP, id);
    }
    demo.sim.add_bot_to_group(secretary, GROUP);
    demo.note(format!("  {sec}: /linkgroup（在群里）"));
    demo.sim.send_text(secretary, GROUP, "/linkgroup");
    demo.settle().await?;
    demo.show(GROUP, "群");

    demo.note("\n── 书记给全体党员发通知 ──");
    demo.say(secretary, sec, "/notice").await?;
    demo.say(
        secretary,
        sec,
        "本周五晚 8 点在村委会二楼学习二十届四中全会精神，外出党员请在线收看。",
    )
    .await?;
    demo.press(secretary, secretary, sec, "全体党员").await?;
    demo.press(secretary, secretary, sec, "普通").await?;
    demo.press(secretary, secretary, sec, "立即发送").await?;
    sent(demo).await?;
    let confirm = demo
        .sim
        .bot_messages(secretary)
        .into_iter()
        .rev()
        .find(|m| m.body().contains("发送完成"))
        .context("the result on the secretary's message")?;
    demo.note(format!(
        "  🤖✎{sec}: {}",
        confirm.body().replace('\n', "\n      ")
    ));
    let first_name = person_name(0);
    let (first, first_name) = (member_id(0), first_name.as_str());
    demo.show(first, first_name);
    for n in 0..6 {
        demo.sim
            .press(member_id(n), member_id(n), "收到")
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    }
    demo.settle().await?;
    demo.note("  6 名党员点击「收到 ✓」");
    for n in 1..6 {
        demo.seen
            .insert(member_id(n), demo.sim.bot_messages(member_id(n)).len());
    }
    demo.note(format!("  {first_name}: 〈再次点击「已收到 ✓」〉"));
    let query = demo
        .sim
        .press(first, first, "已收到")
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    demo.settle().await?;
    if let Some(text) = demo.sim.answer_for(&query).and_then(|a| a.text) {
        demo.note(format!("  🤖→{first_name}（提示）: {text}"));
    }

    demo.note("\n── 书记给本支部群发通知，群里实时显示确认人数 ──");
    demo.say(secretary, sec, "/notice").await?;
    demo.say(secretary, sec, "周六上午 8:30 村口集合，参加义务植树。")
        .await?;
    demo.press(secretary, secretary, sec, "支部群").await?;
    demo.press(secretary, secretary, sec, "普通").await?;
    demo.press(secretary, secretary, sec, "立即发送").await?;
    sent(demo).await?;
    demo.show(GROUP, "群");
    let copy = demo.sim.last_bot_message(GROUP).context("group copy")?;
    for n in 0..4 {
        demo.sim
            .press_on(member_id(n), GROUP, copy.message_id, "收到")
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    }
    demo.settle().await?;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let now = demo.sim.message(GROUP, copy.message_id).context("copy")?;
        let label = now.button_texts().concat();
        if label.contains(" 4/") || tokio::time::Instant::now() > deadline {
            demo.note(format!("  4 人在群里点击后，按钮变为［{label}］"));
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    demo.note("\n── 组织部给全县流动党员发紧急通知 ──");
    demo.say(ORGANIZER, "组织部", "/notice").await?;
    demo.say(
        ORGANIZER,
        "组织部",
        "寒潮预警：本周气温骤降，在外务工的同志请注意防寒保暖，有困难及时向支部反映。",
    )
    .await?;
    demo.press(ORGANIZER, ORGANIZER, "组织部", "流动党员")
        .await?;
    demo.press(ORGANIZER, ORGANIZER, "组织部", "紧急").await?;
    demo.press(ORGANIZER, ORGANIZER, "组织部", "立即发送")
        .await?;
    sent(demo).await?;

    demo.note("\n── 书记定时发送：一小时后 ──");
    demo.say(secretary, sec, "/notice").await?;
    demo.say(secretary, sec, "今晚 9 点支委会，请支委准时参加。")
        .await?;
    demo.press(secretary, secretary, sec, "全体党员").await?;
    demo.press(secretary, secretary, sec, "普通").await?;
    demo.press(secretary, secretary, sec, "定时发送").await?;
    let at = chrono::DateTime::from_timestamp_millis(demo.service.app.now() + 3_600_000)
        .context("time")?
        .with_timezone(&demo.service.app.tz())
        .format("%H:%M")
        .to_string();
    demo.say(secretary, sec, &at).await?;
    demo.note("  〈一小时过去〉");
    demo.service.app.clock.advance(Duration::from_secs(3_660));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while demo
        .service
        .app
        .store
        .due_notices(demo.service.app.now())
        .await?
        .len()
        + demo.service.app.store.sending_notices().await?.len()
        > 0
        && tokio::time::Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    sent(demo).await?;
    demo.show(first, first_name);

    demo.note("\n── 书记查看回执并提醒未读 ──");
    demo.say(secretary, sec, "/receipts").await?;
    demo.press(secretary, secretary, sec, "详情 #1").await?;
    demo.press(secretary, secretary, sec, "提醒未读").await?;
    let reminded = member_id(7);
    demo.seen.insert(
        reminded,
        demo.sim.bot_messages(reminded).len().saturating_sub(1),
    );
    demo.show(reminded, &person_name(7));

    demo.note("\n── 党员设置静默时段 ──");
    demo.say(first, first_name, "/settings").await?;
    demo.press(first, first, first_name, "23:00").await?;

    demo.note("\n── 党员查看积分 ──");
    demo.say(first, first_name, "/points").await?;

    // The county's default reminder: 主题党日 on the 5th at 20:00 (the demo's clock jumps there;
    // on the way, members who had not confirmed a notice get its one reminder).
    let app = demo.service.app.clone();
    let theme_day = app
        .store
        .schedules()
        .await?
        .into_iter()
        .find(|s| s.name == "主题党日")
        .and_then(|s| s.next_at)
        .context("the 主题党日 schedule")?;
    demo.note(format!(
        "\n── 定时提醒：主题党日（每月 5 日 20:00），时钟拨到 {} ──",
        app.format_time(theme_day)
    ));
    demo.seen.insert(first, demo.sim.bot_messages(first).len());
    app.clock.advance(Duration::from_millis(
        (theme_day - app.now()).max(0) as u64 + 1000,
    ));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while app
        .store
        .schedules()
        .await?
        .iter()
        .any(|s| s.next_at == Some(theme_day))
        && tokio::time::Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    sent(demo).await?;
    demo.show(first, first_name);
    Ok(())
}

/// Waits until `f` holds (the ticker works once a second).
async fn until(demo: &Demo, what: &str, mut f: impl FnMut(&Demo) -> bool) -> Result<()> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while !f(demo) {
        if tokio::time::Instant::now() > deadline {
            bail!("timed out waiting for {what}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    demo.settle().await
}

/// A micro-lecture with a quiz, a 主题党日 session with check-in, leave and proxy attendance,
/// a branch's own reminder, and the points ledger.
async fn study(demo: &mut Demo) -> Result<()> {
    let (secretary, sec) = (BRANCHES[0].2, "李书记");
    let app = demo.service.app.clone();
    demo.note("\n── 书记发布微讲习（带测验）──");
    demo.say(secretary, sec, "/lesson").await?;
    demo.say(secretary, sec, "学习党章：党员的八项义务").await?;
    demo.say(
        secretary,
        sec,
        "党章第三条规定了党员必须履行的八项义务。今天我们重点学习第一项：认真学习马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、习近平新时代中国特色社会主义思想。",
    )
    .await?;
    demo.note(format!("  {sec}: 〈发送一张图片：党章图解〉"));
    demo.sim.send_photo(
        secretary,
        secretary,
        crate::onboarding::qr::png("党章第三条")?,
        Some("图解：党员的八项义务"),
    );
    demo.settle().await?;
    demo.show(secretary, sec);
    demo.press(secretary, secretary, sec, "内容完成").await?;
    demo.press(secretary, secretary, sec, "添加测验题").await?;
    demo.say(
        secretary,
        sec,
        "党章规定党员必须履行几项义务？\nA. 六项\nB. 八项 ✓\nC. 十项\n解析：党章第三条规定了党员的八项义务。",
    )
    .await?;
    demo.press(secretary, secretary, sec, "添加测验题").await?;
    demo.say(
        secretary,
        sec,
        "党员义务的第一项是？\nA. 认真学习党的理论 ✓\nB. 按时交纳党费\n解析：第一项是认真学习马克思列宁主义和党的理论。",
    )
    .await?;
    demo.press(secretary, secretary, sec, "测验完成").await?;
    demo.press(secretary, secretary, sec, "全体党员").await?;
    demo.press(secretary, secretary, sec, "普通").await?;
    demo.press(secretary, secretary, sec, "立即发送").await?;
    sent(demo).await?;
    let (first, first_name) = (member_id(0), person_name(0));
    demo.show(first, &first_name);
    demo.press(first, first, &first_name, "学完了").await?;
    demo.press(first, first, &first_name, "B").await?;
    demo.press(first, first, &first_name, "A").await?;
    // Five more study it; two of them miss the second question.
    for n in 1..6 {
        let id = member_id(n);
        for label in ["学完了", "B", if n % 2 == 0 { "B" } else { "A" }] {
            demo.sim
                .press(id, id, label)
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            demo.settle().await?;
        }
        demo.seen.insert(id, demo.sim.bot_messages(id).len());
    }
    demo.note("  另有 5 名党员学完并答题");
    let seventh = member_id(7);
    demo.seen
        .insert(seventh, demo.sim.bot_messages(seventh).len());
    demo.say(seventh, &person_name(7), "/study").await?;
    demo.say(secretary, sec, "/lessons").await?;

    demo.note("\n── 书记召集主题党日（带签到）──");
    let start = app.now() + 26 * 3_600_000;
    let typed = chrono::DateTime::from_timestamp_millis(start)
        .context("time")?
        .with_timezone(&app.tz())
        .format("%m-%d %H:%M")
        .to_string();
    let start = crate::notices::parse_when(&typed, app.now(), app.tz()).context("start")?;
    demo.say(secretary, sec, "/session").await?;
    demo.press(secretary, secretary, sec, "主题党日").await?;
    demo.say(secretary, sec, "学党章、守党规、强党性").await?;
    demo.say(secretary, sec, &typed).await?;
    demo.say(secretary, sec, "向阳村村委会二楼会议室").await?;
    demo.press(secretary, secretary, sec, "学习党章").await?;
    demo.press(secretary, secretary, sec, "全体党员").await?;
    demo.press(secretary, secretary, sec, "立即发送").await?;
    sent(demo).await?;
    demo.show(first, &first_name);
    demo.press(first, first, &first_name, "参加").await?;
    for n in 1..5 {
        demo.sim
            .press(member_id(n), member_id(n), "参加")
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    }
    demo.settle().await?;
    demo.note("  另有 4 名党员点击「参加」");
    let (leave, leave_name) = (member_id(5), person_name(5));
    demo.seen.insert(leave, demo.sim.bot_messages(leave).len());
    demo.press(leave, leave, &leave_name, "请假").await?;
    demo.say(leave, &leave_name, "在县医院陪护老人").await?;
    demo.show(secretary, sec);

    demo.note(format!(
        "\n── 时钟拨到开始前一小时（{}）──",
        app.format_time(start - 3_600_000)
    ));
    app.clock.advance(Duration::from_millis(
        (start - 3_600_000 - app.now()).max(0) as u64 + 1000,
    ));
    until(demo, "the reminder", |d| {
        d.sim
            .last_bot_message(first)
            .is_some_and(|m| m.body().starts_with("⏰ 活动提醒"))
    })
    .await?;
    demo.show(first, &first_name);

    demo.note("\n── 开始前 30 分钟开放签到 ──");
    app.clock.advance(Duration::from_millis(
        (start - 29 * 60_000 - app.now()).max(0) as u64,
    ));
    until(demo, "check-in", |d| {
        d.sim
            .last_bot_message(first)
            .is_some_and(|m| m.body().starts_with("✅ 签到开始"))
    })
    .await?;
    demo.show(first, &first_name);
    demo.show(GROUP, "群");
    let toast = |demo: &Demo, q: &str| {
        demo.sim
            .answer_for(q)
            .and_then(|a| a.text)
            .unwrap_or_default()
    };
    let q = demo
        .sim
        .press(first, first, "签到")
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    demo.settle().await?;
    demo.note(format!("  {first_name}: 〈点击「签到」〉"));
    demo.note(format!("  🤖→{first_name}（提示）: {}", toast(demo, &q)));
    for n in 1..4 {
        demo.sim
            .press(member_id(n), member_id(n), "签到")
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    }
    demo.settle().await?;
    demo.note("  另有 3 名党员签到");
    app.clock.advance(Duration::from_secs(50 * 60));
    let late = member_id(4);
    let q = demo
        .sim
        .press(late, late, "签到")
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    demo.settle().await?;
    demo.note(format!(
        "  〈开始后 20 分钟〉{}: 〈点击「签到」〉\n  🤖→{}（提示）: {}",
        person_name(4),
        person_name(4),
        toast(demo, &q)
    ));

    demo.note("\n── 书记为不会用手机的老党员代登考勤 ──");
    demo.say(secretary, sec, "/attendance").await?;
    demo.press(secretary, secretary, sec, "学党章").await?;
    demo.press(secretary, secretary, sec, &person_name(8))
        .await?;
    demo.press(secretary, secretary, sec, "到会").await?;

    demo.note("\n── 签到结束，书记收到考勤汇总 ──");
    app.clock.advance(Duration::from_secs(45 * 60));
    until(demo, "the summary", |d| {
        d.sim
            .last_bot_message(secretary)
            .is_some_and(|m| m.body().starts_with("📋"))
    })
    .await?;
    demo.show(secretary, sec);
    demo.press(secretary, secretary, sec, "推送补学").await?;

    demo.note("\n── 支部自己的定时提醒（/schedules）──");
    demo.say(secretary, sec, "/schedules").await?;
    demo.press(secretary, secretary, sec, "新增").await?;
    demo.say(secretary, sec, "0 19 * * 3").await?;
    demo.say(
        secretary,
        sec,
        "周三晚上 7 点“学习强国”集中学习，请准时参加。",
    )
    .await?;
    demo.press(secretary, secretary, sec, "全体党员").await?;
    demo.press(secretary, secretary, sec, "确认添加").await?;
    let wednesday = app
        .store
        .schedules()
        .await?
        .into_iter()
        .find(|s| s.org_id.is_some())
        .and_then(|s| s.next_at)
        .context("the branch schedule")?;
    demo.note(format!("  〈时钟拨到 {}〉", app.format_time(wednesday)));
    demo.seen.insert(first, demo.sim.bot_messages(first).len());
    app.clock.advance(Duration::from_millis(
        (wednesday - app.now()).max(0) as u64 + 1000,
    ));
    until(demo, "the branch reminder", |d| {
        d.sim
            .last_bot_message(first)
            .is_some_and(|m| m.body().contains("学习强国"))
    })
    .await?;
    sent(demo).await?;
    demo.show(first, &first_name);
    Ok(())
}

/// Moves the demo's clock to `at` and lets the timed work run.
async fn clock_to(demo: &mut Demo, at: i64) -> Result<()> {
    let app = demo.service.app.clone();
    demo.note(format!("  〈时钟拨到 {}〉", app.format_time(at)));
    app.clock
        .advance(Duration::from_millis((at - app.now()).max(0) as u64 + 1000));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    sent(demo).await
}

/// Presses the newest button with `label` in `who`'s chat without showing it.
async fn tap(demo: &Demo, id: i64, label: &str) -> Result<()> {
    demo.sim
        .press(id, id, label)
        .map_err(|e| anyhow::anyhow!("no button {label}: {e:?}"))?;
    demo.settle().await
}

/// A month of the two-way line: the monthly status reports (one member moved to a new city),
/// tickets answered in time and one escalated to the county, and a village poll; then the
/// branch's answer-time figures.
async fn month(demo: &mut Demo) -> Result<String> {
    let (secretary, sec) = (BRANCHES[0].2, "李书记");
    let app = demo.service.app.clone();
    for n in 0..10 {
        demo.seen
            .insert(member_id(n), demo.sim.bot_messages(member_id(n)).len());
    }
    demo.seen
        .insert(secretary, demo.sim.bot_messages(secretary).len());

    demo.note("\n── 月初：流动党员报到（config.toml 的 [[schedules]]，purpose = \"report\"）──");
    let prompt = app
        .store
        .schedules()
        .await?
        .into_iter()
        .find(|s| s.purpose == "report")
        .and_then(|s| s.next_at)
        .context("the report prompt")?;
    clock_to(demo, prompt).await?;
    let (first, first_name) = (member_id(0), person_name(0));
    demo.show(first, &first_name);
    demo.press(first, first, &first_name, "去报到").await?;
    demo.press(first, first, &first_name, "还在").await?;
    demo.press(first, first, &first_name, "在岗").await?;
    demo.say(
        first,
        &first_name,
        "在工地当电工，活儿稳定。每周在“学习强国”上学习，请组织放心。",
    )
    .await?;
    demo.press(first, first, &first_name, "提交").await?;
    let (mover, mover_name) = (member_id(3), person_name(3));
    demo.seen.insert(mover, demo.sim.bot_messages(mover).len());
    demo.note(format!("  {mover_name}: 〈点击「去报到」〉"));
    tap(demo, mover, "去报到").await?;
    demo.press(mover, mover, &mover_name, "换了城市").await?;
    demo.note(format!("  {mover_name}: 〈分享位置〉"));
    demo.sim.send_location(mover, mover, 29.87, 121.54);
    demo.settle().await?;
    demo.show(mover, &mover_name);
    demo.say(mover, &mover_name, "宁波").await?;
    demo.press(mover, mover, &mover_name, "在岗").await?;
    demo.press(mover, mover, &mover_name, "跳过").await?;
    demo.press(mover, mover, &mover_name, "提交").await?;
    demo.show(secretary, sec);
    // The English-speaking member, quickly.
    let (english, english_name) = (member_id(6), person_name(6));
    for label in ["Report now", "Still in", "Working", "Skip", "Submit"] {
        tap(demo, english, label).await?;
    }
    demo.show(english, &english_name);
    demo.say(secretary, sec, "/reports").await?;

    demo.note("\n── 党员反映诉求，书记第一时间答复 ──");
    let (asker, asker_name) = (member_id(1), person_name(1));
    demo.say(
        asker,
        &asker_name,
        "村口的路灯坏了半个月，晚上老人出门不安全。",
    )
    .await?;
    demo.press(asker, asker, &asker_name, "诉求").await?;
    demo.show(secretary, sec);
    clock_to(demo, app.now() + 90 * 60_000).await?;
    let relayed = demo
        .sim
        .bot_messages(secretary)
        .into_iter()
        .rev()
        .find(|m| m.body().contains("新事项"))
        .context("the relayed ticket")?;
    let answer = "已经联系镇供电所，明天上午来修。";
    demo.note(format!("  {sec}: 〈回复这条消息〉{answer}"));
    demo.sim
        .reply_text(secretary, secretary, relayed.message_id, answer);
    demo.settle().await?;
    demo.show(secretary, sec);
    demo.show(asker, &asker_name);
    demo.say(asker, &asker_name, "/mytickets").await?;
    let (suggester, suggester_name) = (member_id(2), person_name(2));
    demo.say(suggester, &suggester_name, "/feedback").await?;
    demo.press(suggester, suggester, &suggester_name, "建议")
        .await?;
    demo.press(suggester, suggester, &suggester_name, "匿名")
        .await?;
    demo.say(
        suggester,
        &suggester_name,
        "建议把村务公开栏也发到群里，在外的党员也能看到。",
    )
    .await?;
    demo.show(secretary, sec);
    clock_to(demo, app.now() + 5 * 3_600_000).await?;
    demo.press(secretary, secretary, sec, "回复").await?;
    demo.say(secretary, sec, "好建议！下月起每月 5 日发到支部群。")
        .await?;
    demo.press(secretary, secretary, sec, "已解决").await?;
    demo.show(suggester, &suggester_name);

    demo.note("\n── 一件事超过期限没有答复：提醒书记，再上报组织部 ──");
    let (worried, worried_name) = (member_id(4), person_name(4));
    demo.say(worried, &worried_name, "/feedback").await?;
    demo.press(worried, worried, &worried_name, "谈心").await?;
    demo.say(
        worried,
        &worried_name,
        "父亲住院了，我在外地一时回不去，心里很着急。",
    )
    .await?;
    demo.seen
        .insert(secretary, demo.sim.bot_messages(secretary).len());
    let raised = app.now();
    clock_to(demo, raised + app.config.feedback.answer_within() + 60_000).await?;
    demo.show(secretary, sec);
    clock_to(demo, raised + app.config.feedback.escalate_after() + 60_000).await?;
    demo.show(ORGANIZER, "组织部王干事");
    demo.press(ORGANIZER, ORGANIZER, "组织部王干事", "查看")
        .await?;
    demo.press(ORGANIZER, ORGANIZER, "组织部王干事", "回复")
        .await?;
    demo.say(
        ORGANIZER,
        "组织部王干事",
        "已请镇里的联系干部今天去医院看望，有需要随时说。",
    )
    .await?;
    demo.show(worried, &worried_name);
    demo.say(secretary, sec, "/inbox").await?;

    demo.note("\n── 村务征询：明年的村集体项目 ──");
    demo.say(secretary, sec, "/poll").await?;
    demo.say(secretary, sec, "明年村集体经济发展哪个项目？")
        .await?;
    demo.say(secretary, sec, "发展果园\n建冷库\n办农家乐")
        .await?;
    demo.press(secretary, secretary, sec, "3 天后").await?;
    demo.press(secretary, secretary, sec, "全体党员").await?;
    demo.press(secretary, secretary, sec, "立即发送").await?;
    sent(demo).await?;
    demo.show(first, &first_name);
    demo.press(first, first, &first_name, "建冷库").await?;
    demo.press(first, first, &first_name, "发展果园").await?;
    for n in 1..8 {
        let choice = ["建冷库", "发展果园", "办农家乐"][n % 3];
        if demo.sim.press(member_id(n), member_id(n), choice).is_ok() {
            demo.settle().await?;
        }
    }
    demo.note("  另有 7 名党员作答");
    demo.seen
        .insert(secretary, demo.sim.bot_messages(secretary).len());
    clock_to(demo, app.now() + 3 * 86_400_000 + 60_000).await?;
    demo.show(secretary, sec);

    let branch = app
        .store
        .org_by_code(&crate::domain::OrgCode::parse(BRANCHES[0].0)?)
        .await?
        .context("branch")?;
    let t = crate::feedback::answer_times(&app, &branch.path, 0).await?;
    let median = t
        .median_minutes
        .map_or("–".into(), |m| format!("{}h{:02}m", m / 60, m % 60));
    Ok(format!(
        "\n══ 答复时效 · answer times（向阳村党支部）══\n事项 {} 件 · 已答复 {} 件 · 按时答复 {} 件（{}%）· 首次答复用时中位数 {median}\n",
        t.raised,
        t.answered,
        t.in_time,
        (t.in_time * 100).checked_div(t.raised).unwrap_or(100),
    ))
}

/// The points ledger of the first branch, by rule.
async fn ledger(demo: &mut Demo) -> Result<()> {
    let store = &demo.service.app.store;
    let unit = store
        .org_by_code(&crate::domain::OrgCode::parse(BRANCHES[0].0)?)
        .await?
        .context("branch")?;
    let rules = [
        "notice_ack",
        "lesson_done",
        "quiz_correct",
        "session_attend",
        "status_report",
        "feedback",
    ];
    let mut table = String::from(
        "\n══ 积分台账 · points ledger（向阳村党支部）══\n姓名        通知 学习 答题 出勤 报到 反映 合计\n",
    );
    for m in store.members_of(unit.id).await? {
        // Chinese characters take two columns.
        let width: usize = m
            .name
            .chars()
            .map(|c| if c.is_ascii() { 1 } else { 2 })
            .sum();
        let mut row = format!("{}{}", m.name, " ".repeat(10usize.saturating_sub(width)));
        for rule in rules {
            let _ = write!(
                row,
                " {:>4}",
                store.points_since(m.id, Some(rule), 0).await?
            );
        }
        let _ = writeln!(row, " {:>4}", store.points_since(m.id, None, 0).await?);
        table.push_str(&row);
    }
    demo.note(&table);
    std::fs::write(Path::new(&demo.out).join("points.txt"), &table)?;
    Ok(())
}

/// Saves the newest file the bot sent to `chat` (a chart, a workbook) as `name` in the output
/// folder; returns the path, or `None` when it sent none.
fn save_file(demo: &Demo, chat: i64, name: &str) -> Result<Option<std::path::PathBuf>> {
    let Some(id) = demo
        .sim
        .bot_messages(chat)
        .into_iter()
        .rev()
        .find_map(|m| m.file_id)
    else {
        return Ok(None);
    };
    let bytes = demo.sim.download(&id).context("the file's bytes")?;
    let path = Path::new(&demo.out).join(name);
    std::fs::write(&path, bytes)?;
    Ok(Some(path))
}

/// `/stats` for a secretary and the county, `/export`, a member's `/mydata` and `/forgetme`,
/// and the audit log; the chart, the workbook and the member's file are left in the folder.
async fn figures(demo: &mut Demo) -> Result<Vec<String>> {
    let (secretary, sec) = (BRANCHES[0].2, "李书记");
    let mut files = Vec::new();
    demo.note("\n── 统计与导出：/stats（文字 + 近 12 周图表）与 /export（XLSX 工作簿）──");
    demo.say(secretary, sec, "/stats").await?;
    files.extend(save_file(demo, secretary, "stats-xiangyang.png")?);
    demo.say(ORGANIZER, "组织部王干事", "/stats").await?;
    files.extend(save_file(demo, ORGANIZER, "stats-county.png")?);
    demo.say(secretary, sec, "/export").await?;
    files.extend(save_file(demo, secretary, "export-xiangyang.xlsx")?);

    demo.note("\n── 个人信息：/mydata 查看，/forgetme 申请删除，书记同意后匿名化 ──");
    let (member, name) = (member_id(3), person_name(3));
    demo.say(member, &name, "/mydata").await?;
    files.extend(save_file(demo, member, "mydata-example.json")?);
    demo.say(member, &name, "/forgetme").await?;
    demo.press(member, member, &name, "确认申请删除").await?;
    demo.show(secretary, sec);
    demo.press(secretary, secretary, sec, "同意删除").await?;
    demo.show(member, &name);

    demo.note("\n── 审计日志（lianxin audit）──");
    let store = &demo.service.app.store;
    let mut entries = store.audit_entries(8).await?;
    entries.reverse();
    for (at, actor, action, detail) in entries {
        let line = format!(
            "  {}  {actor:<10} {action:<22} {detail}",
            demo.service.app.format_time(at)
        );
        demo.note(line);
    }
    Ok(files.into_iter().map(|p| p.display().to_string()).collect())
}

/// The name of the demo's `n`th member.
fn person_name(n: usize) -> String {
    format!("{}{}", SURNAMES[(n + n / 10) % 10], GIVEN[n % 10])
}

fn member_id(n: usize) -> i64 {
    8000 + n as i64
}

/// Every seventh member's Telegram is in English.
fn language(n: usize) -> &'static str {
    if n % 7 == 6 { "en" } else { "zh-hans" }
}

fn phone_of(i: usize) -> String {
    format!("1380000{:04}", 1000 + i)
}

/// Runs the demo and leaves its files in `out`.
pub async fn run(out: &Path) -> Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    for leftover in ["lianxin.db", "lianxin.db-wal", "lianxin.db-shm"] {
        let _ = std::fs::remove_file(out.join(leftover));
    }
    let sim = Sim::start(SimConfig::default()).await?;
    let mut config = Config::default();
    config.telegram.api_url = sim.api_url();
    config.telegram.token = Some(SecretString::from(sim.token()));
    config.telegram.poll_timeout_secs = 1;
    config.database.url = format!("sqlite://{}", out.join("lianxin.db").display());
    // The demo runs at any hour: members have not chosen quiet hours, so none hold it up.
    config.notices.quiet_hours = "off".into();
    let clock = Clock::system();

    // The operator sets up the tree and the people in charge before the bot starts.
    let store = crate::store::Store::open(&config.database.url, 4).await?;
    let now = clock.now();
    admin::add_org(&store, "qinghe", "清河县", None, None, now).await?;
    admin::add_org(&store, "chengguan", "城关镇", Some("qinghe"), None, now).await?;
    admin::set_role(&store, ORGANIZER, "organizer", "qinghe", true, "demo", now).await?;
    for (code, name, secretary) in BRANCHES {
        admin::add_org(&store, code, name, Some("chengguan"), None, now).await?;
        admin::set_role(&store, secretary, "secretary", code, true, "demo", now).await?;
    }
    store.close().await;

    let service = Service::start(config, clock.clone()).await?;
    let mut demo = Demo {
        out: out.to_path_buf(),
        sim,
        service,
        transcript: String::new(),
        seen: Default::default(),
    };
    demo.note("══ 连心 Lianxin 离线演示 · offline demo ══");
    demo.note("清河县 → 城关镇 → 向阳村党支部 · 和平村党支部 · 双桥社区党支部");
    demo.sim.add_user(
        SimUser::new(ORGANIZER, "组织部王干事")
            .lang("zh-hans")
            .started(),
    );

    // 30 members, 10 a branch; the last of each branch's ten is not on the roster file.
    let mut people = Vec::new();
    for (b, (code, name, secretary)) in BRANCHES.iter().enumerate() {
        demo.sim.add_user(
            SimUser::new(*secretary, &format!("{}书记", SURNAMES[b]))
                .lang("zh-hans")
                .started(),
        );
        let mut csv = String::from("姓名,手机,外出,所在城市,技能\n");
        for i in 0..10 {
            let n = b * 10 + i;
            let person = person_name(n);
            let mobile = i % 3 == 0;
            if i < 9 {
                let city = if mobile && i != 0 { CITIES[n % 5] } else { "" };
                let _ = writeln!(
                    csv,
                    "{person},{},{},{city},",
                    phone_of(n),
                    if mobile { "是" } else { "否" }
                );
            }
            people.push((n, person, *code, *name, *secretary, i));
        }
        let file = out.join(format!("roster-{code}.csv"));
        std::fs::write(&file, &csv)?;
        demo.note(format!(
            "\n── {name}：支部书记导入名册 {}（9 人）──",
            file.display()
        ));
        demo.sim.send_document(
            *secretary,
            *secretary,
            &format!("roster-{code}.csv"),
            "text/csv",
            csv.into_bytes(),
            None,
        );
        demo.settle().await?;
        demo.show(*secretary, "书记");
        demo.press(*secretary, *secretary, "书记", "确认导入")
            .await?;
    }

    let mut codes = Vec::new();
    for (code, name, secretary) in BRANCHES {
        demo.note(format!("\n── {name}：生成邀请链接和二维码 ──"));
        demo.say(secretary, "书记", "/invite").await?;
        let card = demo
            .sim
            .last_bot_message(secretary)
            .context("invite card")?;
        if let Some(png) = card.file_id.as_deref().and_then(|f| demo.sim.download(f)) {
            std::fs::write(out.join(format!("invite-{code}.png")), png)?;
        }
        let caption = card.caption.unwrap_or_default();
        let at = caption.find("?start=").context("link in caption")? + 7;
        codes.push(
            caption[at..]
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string(),
        );
    }

    // Three members of each branch are shown step by step; the others join all at once, as
    // they would on the day the link is sent round (each chat still at Telegram's pace).
    let (loud, quiet): (Vec<_>, Vec<_>) = people.into_iter().partition(|p| p.5 < 2 || p.5 == 9);
    for (n, person, _code, name, secretary, i) in loud {
        let id = member_id(n);
        demo.sim
            .add_user(SimUser::new(id, &person).lang(language(n)).started());
        demo.note(format!("\n── {person}（{name}）打开邀请链接 ──"));
        demo.say(id, &person, &format!("/start {}", codes[n / 10]))
            .await?;
        demo.note(format!("  {person}: 〈分享手机号 {}〉", phone_of(n)));
        demo.sim
            .send_contact(id, id, &phone_of(n), &person, Some(id));
        demo.settle().await?;
        if i == 9 {
            // Not on the roster: the secretary decides. The third branch's is rejected.
            demo.show(id, &person);
            demo.show(secretary, "书记");
            let decision = if n / 10 == 2 { "拒绝" } else { "批准" };
            demo.press(secretary, secretary, "书记", decision).await?;
            demo.show(id, &person);
            if decision == "拒绝" {
                continue;
            }
            demo.say(id, &person, &person).await?;
            let answer = if n % 2 == 0 { "外出务工" } else { "在家" };
            demo.press(id, id, &person, answer).await?;
        }
        demo.answer_questions(&[(n, person.as_str())]).await?;
        demo.show(id, &person);
    }
    demo.note("\n── 其余党员同时打开邀请链接 ──");
    for (n, person, ..) in &quiet {
        let id = member_id(*n);
        demo.sim
            .add_user(SimUser::new(id, person).lang(language(*n)).started());
        demo.sim
            .send_text(id, id, &format!("/start {}", codes[n / 10]));
    }
    demo.settle().await?;
    for (n, person, ..) in &quiet {
        demo.sim.send_contact(
            member_id(*n),
            member_id(*n),
            &phone_of(*n),
            person,
            Some(member_id(*n)),
        );
    }
    demo.settle().await?;
    let all: Vec<(usize, &str)> = quiet.iter().map(|p| (p.0, p.1.as_str())).collect();
    demo.answer_questions(&all).await?;
    for (n, person, _, name, ..) in &quiet {
        demo.seen
            .insert(member_id(*n), demo.sim.bot_messages(member_id(*n)).len());
        demo.note(format!("  ✓ {person} 加入{name}"));
    }

    demo.note("\n── 书记查看名单 ──");
    demo.say(BRANCHES[0].2, "书记", "/members").await?;

    notices(&mut demo).await?;
    study(&mut demo).await?;
    let answers = month(&mut demo).await?;
    ledger(&mut demo).await?;
    let files = figures(&mut demo).await?;

    let store = &demo.service.app.store;
    let mut summary = String::from("\n══ 各支部党员 · membership per branch ══\n");
    for (code, name, _) in BRANCHES {
        let unit = store
            .org_by_code(&crate::domain::OrgCode::parse(code)?)
            .await?
            .context("branch")?;
        let members = store.members_of(unit.id).await?;
        let joined = members.iter().filter(|m| m.telegram_id.is_some()).count();
        let mobile = members
            .iter()
            .filter(|m| m.mobility == crate::domain::Mobility::Mobile)
            .count();
        let _ = writeln!(
            summary,
            "{name:<12} 名册 {:>2} 人 · 已加入 {joined:>2} · 外出 {mobile:>2}",
            members.len()
        );
    }
    let decided = store.audit_entries(1000).await?;
    let approved = decided
        .iter()
        .filter(|(_, _, a, _)| a == "approve_request")
        .count();
    let rejected = decided
        .iter()
        .filter(|(_, _, a, _)| a == "reject_request")
        .count();
    let _ = writeln!(summary, "加入申请：批准 {approved}，拒绝 {rejected}");
    let _ = writeln!(summary, "\n══ 通知 · notices ══");
    let paths = vec![String::new()];
    for n in store.recent_notices(&paths, 10).await?.iter().rev() {
        let c = store.copy_counts(n.id, demo.service.app.now()).await?;
        let acked = store.acked_members(n.id).await?.len();
        let _ = writeln!(
            summary,
            "#{} {:<8} {:<10} 送达 {:>2} · 收到 {:>2} · 无法送达 {}",
            n.id,
            n.status.as_str(),
            n.audience.map(|a| a.as_str()).unwrap_or("-"),
            c.sent,
            acked,
            c.blocked + c.failed + n.unreachable
        );
    }
    summary.push_str(&answers);
    let _ = writeln!(summary, "Bot API 调用 {} 次", demo.sim.calls().len());
    demo.note(&summary);
    std::fs::write(out.join("membership.txt"), &summary)?;
    std::fs::write(out.join("transcript.txt"), &demo.transcript)?;
    println!(
        "数据库与文件 · files: {}/ (lianxin.db, transcript.txt, membership.txt, points.txt, roster-*.csv, invite-*.png)",
        out.display()
    );
    for file in files {
        println!("图表、工作簿与个人信息 · chart, workbook, member's data: {file}");
    }
    let Demo { sim, service, .. } = demo;
    service.stop().await;
    sim.shutdown().await;
    Ok(())
}
