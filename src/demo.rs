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
    sim: Sim,
    service: Service,
    transcript: String,
    seen: std::collections::HashMap<i64, usize>,
}

impl Demo {
    /// Waits until the bot has handled everything it was sent.
    async fn settle(&self) -> Result<()> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        while self.sim.pending_updates() > 0
            || self
                .sim
                .delivered_update_ids()
                .iter()
                .any(|id| !self.service.progress.has_handled(*id as u32))
            || self
                .service
                .app
                .store
                .outbox_due(self.service.app.now())
                .await?
                > 0
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
                body = format!("[二维码图片] {body}");
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
        self.note(format!("  {who}: {text}"));
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
            let person = format!("{}{}", SURNAMES[(n + b) % 10], GIVEN[n % 10]);
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
    let _ = writeln!(summary, "Bot API 调用 {} 次", demo.sim.calls().len());
    demo.note(&summary);
    std::fs::write(out.join("membership.txt"), &summary)?;
    std::fs::write(out.join("transcript.txt"), &demo.transcript)?;
    println!(
        "数据库与文件 · files: {}/ (lianxin.db, transcript.txt, membership.txt, roster-*.csv, invite-*.png)",
        out.display()
    );
    let Demo { sim, service, .. } = demo;
    service.stop().await;
    sim.shutdown().await;
    Ok(())
}
