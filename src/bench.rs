//! `lianxin bench`: real notices through the real binary to a county-sized roster and its
//! branch groups, against the simulator enforcing Telegram's limits, with the figures that
//! matter; and a crash run (SIGKILL half-way, then a restart).
//!
//! This process hosts the simulator and seeds the database; Lianxin runs as a child process
//! (`lianxin run`), so its peak memory is measured on its own. An organizer writes the
//! notices through the bot as a person would.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use sqlx::Connection;
use tg_sim::{Limits, Sim, SimConfig, SimUser};

use crate::domain::{Mobility, Phone};
use crate::store::{ImportRow, Store};

/// One benchmark run.
#[derive(Debug, Clone, Copy)]
pub struct Scenario {
    /// Members, one private copy each.
    pub members: usize,
    /// Branches, each with its group: one copy each.
    pub groups: usize,
    /// Telegram's limits multiplied by this (the simulator enforces the same).
    pub scale: u32,
}

/// What a run measured.
#[derive(Debug, Clone)]
pub struct Figures {
    /// Copies sent (members and groups).
    pub messages: usize,
    /// From the first copy sent to the last.
    pub wall: Duration,
    /// Copies per second over that time.
    pub rate: f64,
    /// The configured global rate.
    pub configured: f64,
    /// 429 answers received.
    pub too_many: usize,
    /// Copies that never arrived.
    pub lost: usize,
    /// Extra copies that arrived.
    pub duplicated: usize,
    /// Peak resident memory of the Lianxin process, in MiB.
    pub peak_mib: f64,
}

/// What the crash run measured.
#[derive(Debug, Clone)]
pub struct CrashFigures {
    /// Recipients.
    pub members: usize,
    /// Copies delivered before the SIGKILL.
    pub before_kill: usize,
    /// Recipients who never got it.
    pub lost: usize,
    /// Recipients who got it twice.
    pub twice: usize,
    /// The most a crash may send twice: the sends in flight in one process.
    pub bound: usize,
    /// Times the simulator saw a limit exceeded.
    pub violations: u64,
    /// What the organizer's message said at the end.
    pub outcome: String,
}

/// What the run of two instances measured.
#[derive(Debug, Clone)]
pub struct InstancesFigures {
    /// Recipients.
    pub members: usize,
    /// Recipients who never got the notice, or the scheduled reminder.
    pub lost: usize,
    /// Recipients who got the notice, or the reminder, more than once.
    pub twice: usize,
    /// Times the simulator saw a limit exceeded.
    pub violations: u64,
    /// What the organizer's message said at the end.
    pub outcome: String,
    /// Messages each instance had sent (its `/metrics`) when the first was stopped.
    pub sent_by: [f64; 2],
    /// How the first instance ended after SIGTERM mid-broadcast: its exit status and time.
    pub stop: (bool, Duration),
    /// Webhook requests the load balancer made, and those refused or failed.
    pub webhook_posts: (u64, u64),
    /// The chats of calls Telegram refused with 429 (a limit exceeded).
    pub limited: Vec<Option<i64>>,
}

/// The two runs the README reports: real limits on 1,000 members, and limits ×20 on 10,000.
pub const STANDARD: [Scenario; 2] = [
    Scenario {
        members: 1_000,
        groups: 20,
        scale: 1,
    },
    Scenario {
        members: 10_000,
        groups: 20,
        scale: 20,
    },
];

/// The crash run: 2,000 recipients at five times the limits.
pub const CRASH_MEMBERS: usize = 2_000;

/// Where Lianxin comes from and which database it runs on.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The `lianxin` binary.
    pub exe: PathBuf,
    /// A PostgreSQL server URL to create a scratch database on; SQLite when `None`.
    pub postgres: Option<String>,
}

impl Setup {
    /// This binary, on SQLite or on a scratch database of this PostgreSQL server.
    pub fn this_binary(postgres: Option<String>) -> Result<Setup> {
        Ok(Setup {
            exe: std::env::current_exe().context("finding the lianxin binary")?,
            postgres,
        })
    }
}

const ORGANIZER: i64 = 900;
const FIRST_MEMBER: i64 = 1_000_000;
const FIRST_GROUP: i64 = -2_000_000;
const NOTICE: &str = "本周六上午九点在村委会召开主题党日活动，外出党员请在线参加。";
const GROUP_NOTICE: &str = "本周六上午九点主题党日，请大家相互转告。";

/// A scratch database: a temporary SQLite file, or a fresh PostgreSQL database.
struct Db {
    url: String,
    pg: Option<(String, String)>,
    _dir: tempfile::TempDir,
}

impl Db {
    async fn new(postgres: Option<&str>) -> Result<Db> {
        let dir = tempfile::tempdir()?;
        let Some(admin) = postgres else {
            return Ok(Db {
                url: format!("sqlite://{}", dir.path().join("bench.db").display()),
                pg: None,
                _dir: dir,
            });
        };
        let name = format!(
            "lianxin_bench_{}_{}",
            std::process::id(),
            rand::random::<u32>()
        );
        let mut conn = sqlx::postgres::PgConnection::connect(admin).await?;
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await?;
        conn.close().await?;
        let mut url = url::Url::parse(admin)?;
        url.set_path(&name);
        Ok(Db {
            url: url.to_string(),
            pg: Some((admin.to_string(), name)),
            _dir: dir,
        })
    }

    async fn drop_db(&self) {
        if let Some((admin, name)) = &self.pg
            && let Ok(mut conn) = sqlx::postgres::PgConnection::connect(admin).await
        {
            let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&mut conn)
            .await;
        }
    }
}

/// A running `lianxin run`; killed (SIGKILL) when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Running {
    /// The process's peak resident set (VmHWM), in MiB.
    fn peak_mib(&self) -> f64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.0.id()))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("VmHWM:").map(str::to_string))
            })
            .and_then(|kb| kb.split_whitespace().next()?.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    }
}

/// The simulator, the seeded database and the limits of one run.
struct Rig {
    sim: Sim,
    db: Db,
    exe: PathBuf,
    scale: u32,
    members: usize,
    groups: usize,
}

impl Rig {
    /// A county with `groups` branches (each with a linked group) sharing `members` members.
    async fn new(setup: &Setup, members: usize, groups: usize, scale: u32) -> Result<Rig> {
        let sim = Sim::start(SimConfig::default()).await?;
        sim.enforce_limits(Some(Limits {
            global_per_second: 30 * scale,
            per_chat_per_second: scale,
            group_per_minute: 20 * scale,
        }));
        let db = Db::new(setup.postgres.as_deref()).await?;
        let store = Store::open(&db.url, 4).await?;
        let now = chrono::Utc::now().timestamp_millis();
        crate::admin::add_org(&store, "county", "清河县", None, None, now).await?;
        crate::admin::set_role(&store, ORGANIZER, "organizer", "county", true, "bench", now)
            .await?;
        sim.add_user(SimUser::new(ORGANIZER, "组织部").lang("zh-hans").started());
        let per_branch = members.div_ceil(groups.max(1));
        for b in 0..groups.max(1) {
            let code = format!("branch{b}");
            let branch = crate::admin::add_org(
                &store,
                &code,
                &format!("第{b}党支部"),
                Some("county"),
                None,
                now,
            )
            .await?;
            let range = (b * per_branch)..((b + 1) * per_branch).min(members);
            let rows: Vec<ImportRow> = range
                .clone()
                .map(|i| ImportRow {
                    name: format!("党员{i}"),
                    phone: Phone::parse(&phone(i)).ok(),
                    mobility: Some(Mobility::Resident),
                    city: None,
                    skills: None,
                })
                .collect();
            store
                .import_members(branch.id, &rows, now, false, |_| {})
                .await?;
            for i in range {
                let m = store
                    .member_by_phone(&Phone::parse(&phone(i))?)
                    .await?
                    .context("imported member")?;
                let id = FIRST_MEMBER + i as i64;
                store.link_member(m.id, id, now).await?;
                sim.add_user(SimUser::new(id, "党员").started());
            }
            if b < groups {
                let chat = FIRST_GROUP - b as i64;
                sim.create_group(chat, &format!("第{b}支部群"));
                sim.add_member(chat, ORGANIZER);
                sim.add_bot_to_group(ORGANIZER, chat);
                store
                    .link_group(chat, branch.id, "支部群", ORGANIZER, now)
                    .await?;
            }
        }
        store.close().await;
        Ok(Rig {
            sim,
            db,
            exe: setup.exe.clone(),
            scale,
            members,
            groups,
        })
    }

    fn start(&self) -> Result<Running> {
        self.start_with(&[])
    }

    /// [`Rig::start`] with more settings in the environment.
    fn start_with(&self, env: &[(&str, String)]) -> Result<Running> {
        let child = Command::new(&self.exe)
            .arg("run")
            .env("TELOXIDE_TOKEN", self.sim.token())
            .env("LIANXIN_TELEGRAM__API_URL", self.sim.api_url())
            .env("LIANXIN_TELEGRAM__POLL_TIMEOUT_SECS", "1")
            .env("LIANXIN_DATABASE__URL", &self.db.url)
            .env(
                "LIANXIN_DELIVERY__GLOBAL_PER_SECOND",
                (30 * self.scale).to_string(),
            )
            .env(
                "LIANXIN_DELIVERY__PER_CHAT_PER_SECOND",
                self.scale.to_string(),
            )
            .env(
                "LIANXIN_DELIVERY__GROUP_PER_MINUTE",
                (20 * self.scale).to_string(),
            )
            .env("LIANXIN_DELIVERY__LEASE", "10s")
            .env("LIANXIN_NOTICES__QUIET_HOURS", "off")
            .env("RUST_LOG", "error")
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("starting {}", self.exe.display()))?;
        Ok(Running(child))
    }

    async fn wait(&self, what: &str, limit: Duration, f: impl FnMut(&Sim) -> bool) -> Result<()> {
        if !self.sim.wait_until(limit, f).await {
            bail!("timed out waiting for {what}");
        }
        Ok(())
    }

    /// Writes a notice as the organizer, up to the preview with its 「立即发送」.
    async fn write(&self, text: &str, audience: &str) -> Result<()> {
        let limit = Duration::from_secs(60);
        let last_has = |s: &Sim, needle: &str| {
            s.last_bot_message(ORGANIZER).is_some_and(|m| {
                m.body().contains(needle) || m.button_texts().iter().any(|b| b.contains(needle))
            })
        };
        self.sim.send_text(ORGANIZER, ORGANIZER, "/notice");
        self.wait("the question for the content", limit, |s| {
            last_has(s, "请发送通知内容")
        })
        .await?;
        self.sim.send_text(ORGANIZER, ORGANIZER, text);
        self.wait("the audience choice", limit, |s| last_has(s, "发给谁"))
            .await?;
        let choice = self
            .sim
            .last_bot_message(ORGANIZER)
            .context("the audience choice")?
            .message_id;
        self.press(audience)?;
        self.wait("the urgency choice", limit, |s| {
            s.message(ORGANIZER, choice)
                .is_some_and(|m| m.body().contains("普通还是紧急"))
        })
        .await?;
        self.press("普通")?;
        self.wait("the preview", limit, |s| last_has(s, "立即发送"))
            .await
    }

    /// Waits for the outcome of the notice on the organizer's message, and says it.
    async fn outcome(&self) -> Result<String> {
        let done = |m: &tg_sim::SimMessage| m.body().starts_with("✅ 发送完成");
        // Long enough for an edit that met a few 5xx and their back-off.
        self.wait(
            "the outcome on the organizer's message",
            Duration::from_secs(150),
            |s| s.bot_messages(ORGANIZER).iter().any(done),
        )
        .await?;
        Ok(self
            .sim
            .bot_messages(ORGANIZER)
            .iter()
            .find(|m| done(m))
            .map(|m| m.body().to_string())
            .unwrap_or_default())
    }

    fn press(&self, label: &str) -> Result<()> {
        self.sim
            .press(ORGANIZER, ORGANIZER, label)
            .map_err(|e| anyhow::anyhow!("no button {label}: {e:?}"))?;
        Ok(())
    }

    /// Copies of `text` each chat received.
    fn copies(&self, text: &str) -> HashMap<i64, usize> {
        let mut out = HashMap::new();
        for chat in self.chats() {
            let n = self
                .sim
                .bot_messages(chat)
                .iter()
                .filter(|m| m.body().contains(text))
                .count();
            out.insert(chat, n);
        }
        out
    }

    fn chats(&self) -> impl Iterator<Item = i64> + '_ {
        (0..self.members as i64)
            .map(|i| FIRST_MEMBER + i)
            .chain((0..self.groups as i64).map(|g| FIRST_GROUP - g))
    }

    /// Successful sends to members and groups: how many, first and last.
    fn sends(&self, since: Instant) -> (usize, Option<Instant>, Option<Instant>) {
        let calls = self.sim.calls();
        let sends: Vec<Instant> = calls
            .iter()
            .filter(|c| {
                c.method == "sendmessage"
                    && c.ok
                    && c.at >= since
                    && c.chat_id
                        .is_some_and(|id| id >= FIRST_MEMBER || id <= FIRST_GROUP)
            })
            .map(|c| c.at)
            .collect();
        (
            sends.len(),
            sends.iter().min().copied(),
            sends.iter().max().copied(),
        )
    }
}

fn phone(i: usize) -> String {
    format!("137{i:08}")
}

/// One notice to every member privately and one to every branch group, sent together.
pub async fn notice_run(setup: &Setup, s: Scenario) -> Result<Figures> {
    let rig = Rig::new(setup, s.members, s.groups, s.scale).await?;
    let bot = rig.start()?;
    // The bot greets the groups it was added to; let that pass before measuring.
    rig.wait("the greetings", Duration::from_secs(60), |sim| {
        sim.pending_updates() == 0
    })
    .await?;
    rig.write(NOTICE, "全体党员").await?;
    rig.write(GROUP_NOTICE, "支部群").await?;
    let started = Instant::now();
    // Both 「立即发送」 at once: the members' notice (the older preview), then the groups'.
    let previews: Vec<i32> = rig
        .sim
        .bot_messages(ORGANIZER)
        .into_iter()
        .filter(|m| m.button_texts().iter().any(|b| b.contains("立即发送")))
        .map(|m| m.message_id)
        .collect();
    let [.., members_preview, groups_preview] = previews[..] else {
        bail!("two previews expected");
    };
    for preview in [members_preview, groups_preview] {
        rig.sim
            .press_on(ORGANIZER, ORGANIZER, preview, "立即发送")
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    }
    let total = s.members + s.groups;
    let limit = Duration::from_secs(120 + 3 * total as u64 / (30 * u64::from(s.scale)));
    rig.wait("every copy", limit, |_| rig.sends(started).0 >= total)
        .await?;
    // Anything sent twice would arrive now.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let peak_mib = bot.peak_mib();
    drop(bot);
    let (sent, first, last) = rig.sends(started);
    let wall = last
        .zip(first)
        .map(|(l, f)| l.duration_since(f))
        .context("nothing was sent")?;
    let members = rig.copies(NOTICE);
    let groups = rig.copies(GROUP_NOTICE);
    let received = |chat: &i64| {
        if *chat >= FIRST_MEMBER {
            members[chat]
        } else {
            groups[chat]
        }
    };
    let chats: Vec<i64> = rig.chats().collect();
    let figures = Figures {
        messages: sent,
        wall,
        rate: (sent.saturating_sub(1)) as f64 / wall.as_secs_f64(),
        configured: f64::from(30 * s.scale),
        too_many: rig
            .sim
            .calls()
            .iter()
            .filter(|c| c.error_code == Some(429))
            .count(),
        lost: chats.iter().filter(|c| received(c) == 0).count(),
        duplicated: chats.iter().map(|c| received(c).saturating_sub(1)).sum(),
        peak_mib,
    };
    rig.sim.shutdown().await;
    rig.db.drop_db().await;
    Ok(figures)
}

/// A notice to `members` at five times the limits; Lianxin is killed with SIGKILL once a third
/// has gone, then started again.
pub async fn crash_run(setup: &Setup, members: usize) -> Result<CrashFigures> {
    let rig = Rig::new(setup, members, 0, 5).await?;
    let bot = rig.start()?;
    rig.write(NOTICE, "全体党员").await?;
    rig.press("立即发送")?;
    let delivered = |r: &Rig| r.copies(NOTICE).values().filter(|n| **n > 0).count();
    rig.wait("a third of the copies", Duration::from_secs(120), |_| {
        delivered(&rig) >= members / 3
    })
    .await?;
    drop(bot);
    let before_kill = delivered(&rig);
    let bot = rig.start()?;
    rig.wait(
        "every copy after the restart",
        Duration::from_secs(180),
        |_| delivered(&rig) == members,
    )
    .await?;
    let outcome = rig.outcome().await?;
    drop(bot);
    let copies = rig.copies(NOTICE);
    let figures = CrashFigures {
        members,
        before_kill,
        lost: copies.values().filter(|n| **n == 0).count(),
        twice: copies.values().filter(|n| **n > 1).count(),
        bound: crate::delivery::IN_FLIGHT,
        violations: rig.sim.limit_violations(),
        outcome,
    };
    rig.sim.shutdown().await;
    rig.db.drop_db().await;
    Ok(figures)
}

/// What the fault soak measured.
#[derive(Debug, Clone)]
pub struct SoakFigures {
    /// Recipients, and how many of them had blocked the bot.
    pub members: usize,
    /// Members blocked (Telegram answers 403 for them).
    pub blocked: usize,
    /// Reachable members who never got the notice.
    pub lost: usize,
    /// Members who got it more than once.
    pub twice: usize,
    /// Members who pressed 「收到 ✓」, those whose press was recorded, and those answered.
    pub pressed: (usize, i64, usize),
    /// Members who sent /points, and those who got their points back.
    pub asked: (usize, usize),
    /// Faults the simulator injected: 5xx, slow answers, 429s.
    pub faults: (usize, usize, usize),
    /// What the organizer's message said at the end.
    pub outcome: String,
    /// Whether the service was still healthy (running, `/healthz` 200) at the end.
    pub alive: bool,
    /// Wall time from 「立即发送」 to the outcome.
    pub took: Duration,
}

/// A notice to `members` members while `interacting` of them press 「收到 ✓」 or ask for
/// their points, and Telegram misbehaves: 3% of sends answer 5xx (teloxide then waits 10 s),
/// 2% answer slowly (2 s), 1% answer 429, and 2% of members have blocked the bot.
pub async fn soak_run(
    setup: &Setup,
    members: usize,
    interacting: usize,
    scale: u32,
) -> Result<SoakFigures> {
    let rig = Rig::new(setup, members, 0, scale).await?;
    let member = |i: usize| FIRST_MEMBER + i as i64;
    let blocked: Vec<i64> = (0..members).step_by(50).map(member).collect();
    for chat in &blocked {
        rig.sim.inject(*chat, tg_sim::Fault::Blocked, None);
    }
    let port = free_port()?;
    // A lease longer than a send that meets a 5xx takes (teloxide waits 10 s, then its 17 s
    // timeout may run), as the default of two minutes is: a lease that runs out mid-send
    // lets another claim send the same message again.
    let bot = rig.start_with(&[
        ("LIANXIN_SERVER__LISTEN", format!("127.0.0.1:{port}")),
        ("LIANXIN_DELIVERY__LEASE", "60s".into()),
    ])?;
    rig.write(NOTICE, "全体党员").await?;
    rig.sim
        .inject_rate(tg_sim::Fault::ServerError(502), 0.03, 11);
    rig.sim
        .inject_rate(tg_sim::Fault::Slow(Duration::from_secs(2)), 0.02, 12);
    rig.sim
        .inject_rate(tg_sim::Fault::TooManyRequests(1), 0.01, 13);
    let started = Instant::now();
    rig.press("立即发送")?;
    // Every 25th member presses 「收到 ✓」 as soon as the copy arrives, or asks for points.
    let active: Vec<i64> = (1..members)
        .step_by((members / interacting.max(1)).max(1))
        .take(interacting)
        .map(member)
        .filter(|id| !blocked.contains(id))
        .collect();
    let mut pending: Vec<(usize, i64)> = active.iter().copied().enumerate().collect();
    let (mut queries, mut askers) = (Vec::new(), Vec::new());
    let deadline = Instant::now() + Duration::from_secs(600);
    while !pending.is_empty() && Instant::now() < deadline {
        pending.retain(|(n, id)| {
            let arrived = rig
                .sim
                .bot_messages(*id)
                .iter()
                .any(|m| m.body().contains(NOTICE));
            if !arrived {
                return true;
            }
            if n % 2 == 0 {
                if let Ok(q) = rig.sim.press(*id, *id, "收到") {
                    queries.push((*id, q));
                }
            } else {
                rig.sim.send_text(*id, *id, "/points");
                askers.push(*id);
            }
            false
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let reachable = members - blocked.len();
    let delivered = |r: &Rig| r.copies(NOTICE).values().filter(|n| **n > 0).count();
    rig.wait("every reachable copy", Duration::from_secs(600), |_| {
        delivered(&rig) >= reachable
    })
    .await?;
    let outcome = rig.outcome().await?;
    let took = started.elapsed();
    let answered = |r: &Rig| {
        askers
            .iter()
            .filter(|id| {
                r.sim
                    .bot_messages(**id)
                    .iter()
                    .any(|m| m.body().contains("我的积分"))
            })
            .count()
    };
    rig.wait("the points answers", Duration::from_secs(120), |_| {
        answered(&rig) == askers.len()
            && queries.iter().all(|(_, q)| rig.sim.answer_for(q).is_some())
    })
    .await
    .ok();
    let alive = healthy(port, 1).await;
    drop(bot);
    let store = Store::connect_existing(&rig.db.url).await?;
    let (recorded,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM notice_acks")
        .fetch_one(store.pool())
        .await
        .unwrap_or((-1,));
    store.close().await;
    let faults = rig
        .sim
        .calls()
        .iter()
        .fold((0, 0, 0), |(e, s, t), c| match c.error_code {
            Some(502) => (e + 1, s, t),
            Some(429) => (e, s, t + 1),
            _ if c.duration >= Duration::from_secs(2) => (e, s + 1, t),
            _ => (e, s, t),
        });
    let copies = rig.copies(NOTICE);
    let figures = SoakFigures {
        members,
        blocked: blocked.len(),
        lost: copies
            .iter()
            .filter(|(chat, n)| **n == 0 && !blocked.contains(chat))
            .count(),
        twice: copies.values().filter(|n| **n > 1).count(),
        pressed: (
            queries.len(),
            recorded,
            queries
                .iter()
                .filter(|(_, q)| rig.sim.answer_for(q).is_some())
                .count(),
        ),
        asked: (askers.len(), answered(&rig)),
        faults,
        outcome,
        alive,
        took,
    };
    rig.sim.shutdown().await;
    rig.db.drop_db().await;
    Ok(figures)
}

/// The text of the reminder scheduled in the run of two instances.
const REMINDER: &str = "【提醒】本月主题党日学习资料已发布，请按时学习。";

/// Two `lianxin run` processes in webhook mode on one database, behind a load balancer (the
/// simulator sends updates to each in turn, skipping one that is down): the organizer's
/// dialogue moves between them, a notice to every member and a scheduled reminder are shared
/// out, and the first process gets SIGTERM midway. Every member must get each message once.
pub async fn instances_run(setup: &Setup, members: usize) -> Result<InstancesFigures> {
    let rig = Rig::new(setup, members, 0, 5).await?;
    let store = Store::connect_existing(&rig.db.url).await?;
    let county = store
        .org_by_code(&crate::domain::OrgCode::parse("county")?)
        .await?
        .context("the county")?;
    let now = chrono::Utc::now().timestamp_millis();
    let spec = crate::store::ScheduleSpec {
        name: "monthly",
        cron: "0 9 1 * *",
        timezone: "Asia/Shanghai",
        audience: "all",
        message: REMINDER,
        grace_ms: 3_600_000,
        purpose: "notice",
    };
    // Due a little after both processes are up: each sees it due, one fires it.
    store
        .create_schedule(county.id, &spec, Some(now + 8_000), now)
        .await?
        .context("the schedule")?;
    store.close().await;

    let hook = "https://lianxin.example.org/telegram";
    let ports = [free_port()?, free_port()?];
    let start = |port: u16| {
        rig.start_with(&[
            ("LIANXIN_SERVER__LISTEN", format!("127.0.0.1:{port}")),
            ("LIANXIN_SERVER__WEBHOOK_URL", hook.to_string()),
            ("LIANXIN_SERVER__SHUTDOWN_TIMEOUT", "20s".to_string()),
        ])
    };
    let mut first = start(ports[0])?;
    let second = start(ports[1])?;
    rig.sim.set_webhook_backends(
        ports
            .iter()
            .map(|p| std::net::SocketAddr::from(([127, 0, 0, 1], *p)))
            .collect(),
    );
    for port in ports {
        let deadline = Instant::now() + Duration::from_secs(60);
        // Healthy, and counting both processes (so each sends at half the bot's rate).
        while !healthy(port, 2).await {
            if Instant::now() > deadline {
                bail!("the instance on port {port} never saw both processes healthy");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    rig.write(NOTICE, "全体党员").await?;
    rig.press("立即发送")?;
    let delivered = |r: &Rig, text: &str| r.copies(text).values().filter(|n| **n > 0).count();
    rig.wait("a third of the copies", Duration::from_secs(120), |_| {
        delivered(&rig, NOTICE) >= members / 3
    })
    .await?;
    let sent_by = [sent_count(ports[0]).await?, sent_count(ports[1]).await?];
    let stopping = Instant::now();
    let status = Command::new("kill")
        .arg("-TERM")
        .arg(first.0.id().to_string())
        .status()?;
    anyhow::ensure!(status.success(), "kill -TERM failed");
    let exited = loop {
        if let Some(status) = first.0.try_wait()? {
            break status.success();
        }
        if stopping.elapsed() > Duration::from_secs(60) {
            break false;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let stop = (exited, stopping.elapsed());
    rig.wait(
        "every copy and every reminder",
        Duration::from_secs(180),
        |_| delivered(&rig, NOTICE) == members && delivered(&rig, REMINDER) == members,
    )
    .await?;
    let outcome = rig.outcome().await?;
    // Anything sent twice would have gone by now.
    tokio::time::sleep(Duration::from_secs(1)).await;
    drop(second);
    let (notice, reminder) = (rig.copies(NOTICE), rig.copies(REMINDER));
    let both = || notice.values().chain(reminder.values());
    let figures = InstancesFigures {
        members,
        lost: both().filter(|n| **n == 0).count(),
        twice: both().filter(|n| **n > 1).count(),
        violations: rig.sim.limit_violations(),
        outcome,
        sent_by,
        stop,
        webhook_posts: rig.sim.webhook_posts(),
        limited: rig
            .sim
            .calls()
            .iter()
            .filter(|c| c.error_code == Some(429))
            .map(|c| c.chat_id)
            .collect(),
    };
    drop(first);
    rig.sim.shutdown().await;
    rig.db.drop_db().await;
    Ok(figures)
}

/// A port nobody listens on now.
fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// Whether the instance on `port` answers `/healthz` with 200 and counts `instances` processes.
async fn healthy(port: u16, instances: u64) -> bool {
    let Ok(r) = reqwest::get(format!("http://127.0.0.1:{port}/healthz")).await else {
        return false;
    };
    r.status().is_success()
        && r.json::<serde_json::Value>()
            .await
            .is_ok_and(|v| v["instances"] == instances)
}

/// Messages an instance has sent, from its `/metrics`.
async fn sent_count(port: u16) -> Result<f64> {
    let text = reqwest::get(format!("http://127.0.0.1:{port}/metrics"))
        .await?
        .text()
        .await?;
    let series = "lianxin_messages_sent_total{outcome=\"sent\"} ";
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.trim().parse().ok())
        .context("no sent count in /metrics")
}

/// What the check-in run measured.
#[derive(Debug, Clone)]
pub struct CheckInFigures {
    /// Presses in the burst.
    pub burst: usize,
    /// From the burst being available to its last answer.
    pub burst_wall: Duration,
    /// Presses answered per second in the burst.
    pub burst_rate: f64,
    /// Presses offered per second in the steady run.
    pub offered: f64,
    /// Presses in the steady run.
    pub steady: usize,
    /// Median time from a press being available to its answer.
    pub p50: Duration,
    /// 99th percentile of the same.
    pub p99: Duration,
    /// Check-ins recorded, and members recorded more than once, over both runs.
    pub recorded: i64,
    /// Members with more than one row for a session (must be 0).
    pub doubled: i64,
    /// Answers that were not a successful check-in.
    pub refused: usize,
    /// Peak resident memory of the Lianxin process, in MiB.
    pub peak_mib: f64,
}

/// Members who press 「签到」 in the check-in run.
pub const CHECKIN_MEMBERS: usize = 10_000;
/// The steady run: presses per second, for this many seconds.
pub const CHECKIN_OFFERED: u32 = 500;
const CHECKIN_SECONDS: u32 = 10;

/// A session whose check-in window is open, with its 「签到」 token; its timed steps are
/// marked done so that only the presses are measured.
async fn open_session(store: &Store, title: &str, now: i64) -> Result<String> {
    use crate::domain::{Audience, NoticeKind, Purpose, SessionKind};
    let county = store
        .org_by_code(&crate::domain::OrgCode::parse("county")?)
        .await?
        .context("the county")?;
    let id = store
        .create_draft(
            county.id,
            ORGANIZER,
            (Purpose::Session, Some(title)),
            (NoticeKind::Text, "", None),
            now,
        )
        .await?;
    store.set_notice_audience(id, Audience::All, false).await?;
    store.start_notice(id, None, now).await?;
    sqlx::query("UPDATE notices SET status = 'sent', recipients = 0 WHERE id = $1")
        .bind(id)
        .execute(store.pool())
        .await?;
    store.create_session(id, SessionKind::ThemeDay).await?;
    store.set_session_time(id, now + 10 * 60_000).await?;
    store.set_session_place(id, Some("村委会")).await?;
    for step in ["open", "remind:1440", "remind:60"] {
        store.claim_session_step(id, step, now).await?;
    }
    let action = crate::reply::Action::CheckIn { session: id };
    Ok(store
        .put_button(&serde_json::to_string(&action)?, now)
        .await?)
}

/// 10,000 members press 「签到」 at once (the simulator hands the presses over as fast as
/// Lianxin asks), then a steady 500 presses a second on a second session.
pub async fn checkin_run(setup: &Setup, members: usize) -> Result<CheckInFigures> {
    let rig = Rig::new(setup, members, 0, 1).await?;
    let store = Store::open(&rig.db.url, 2).await?;
    let now = chrono::Utc::now().timestamp_millis();
    let burst_token = open_session(&store, "签到压测一", now).await?;
    let steady_token = open_session(&store, "签到压测二", now).await?;
    let bot = rig.start()?;
    rig.wait("Lianxin polling", Duration::from_secs(60), |s| {
        s.calls_of("getupdates").len() >= 2
    })
    .await?;
    let users = || (0..members as i64).map(|i| FIRST_MEMBER + i);

    // The burst: every press is waiting before Lianxin's next getUpdates.
    let before = rig.sim.callback_answers().len();
    for u in users() {
        rig.sim.press_button(u, u, 1, &burst_token);
    }
    let available = Instant::now();
    rig.wait("every burst answer", Duration::from_secs(300), |s| {
        s.callback_answers().len() >= before + members
    })
    .await?;
    let answers = rig.sim.callback_answers();
    let burst_answers = &answers[before..];
    let last = burst_answers
        .iter()
        .map(|a| a.at)
        .max()
        .context("no answer")?;
    let burst_wall = last.duration_since(available);
    let mut refused = burst_answers
        .iter()
        .filter(|a| {
            !a.text
                .as_deref()
                .unwrap_or_default()
                .starts_with("✓ 签到成功")
        })
        .count();

    // The steady run: presses offered at a fixed rate, each timed to its answer.
    let steady = (CHECKIN_OFFERED * CHECKIN_SECONDS) as usize;
    let before = rig.sim.callback_answers().len();
    let mut pressed: HashMap<String, Instant> = HashMap::with_capacity(steady);
    let mut tick = tokio::time::interval(Duration::from_secs(1) / CHECKIN_OFFERED);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    for u in users().cycle().take(steady) {
        tick.tick().await;
        let q = rig.sim.press_button(u, u, 1, &steady_token);
        pressed.insert(q, Instant::now());
    }
    rig.wait("every steady answer", Duration::from_secs(120), |s| {
        s.callback_answers().len() >= before + steady
    })
    .await?;
    let peak_mib = bot.peak_mib();
    drop(bot);
    let answers = rig.sim.callback_answers();
    let mut latencies: Vec<Duration> = answers[before..]
        .iter()
        .filter_map(|a| pressed.get(&a.query_id).map(|p| a.at.duration_since(*p)))
        .collect();
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    refused += answers[before..]
        .iter()
        .filter(|a| {
            !a.text
                .as_deref()
                .unwrap_or_default()
                .starts_with("✓ 签到成功")
        })
        .count();
    let (recorded, distinct): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(DISTINCT notice_id * 100000000 + member_id) FROM attendance",
    )
    .fetch_one(store.pool())
    .await?;
    store.close().await;
    let figures = CheckInFigures {
        burst: members,
        burst_wall,
        burst_rate: members as f64 / burst_wall.as_secs_f64(),
        offered: f64::from(CHECKIN_OFFERED),
        steady,
        p50: pct(0.50),
        p99: pct(0.99),
        recorded,
        doubled: recorded - distinct,
        refused,
        peak_mib,
    };
    rig.sim.shutdown().await;
    rig.db.drop_db().await;
    Ok(figures)
}

/// Runs the standard scenarios and the crash run, prints the figures, and says whether every
/// target was met.
pub async fn delivery(setup: &Setup) -> Result<bool> {
    println!(
        "{:>8} {:>6} {:>7} {:>9} {:>9} {:>8} {:>5} {:>5} {:>5} {:>5} {:>9}",
        "members",
        "groups",
        "limits",
        "messages",
        "wall",
        "msg/s",
        "÷cfg",
        "429s",
        "lost",
        "dup",
        "peak RSS"
    );
    let mut ok = true;
    for s in STANDARD {
        let f = notice_run(setup, s).await?;
        println!(
            "{:>8} {:>6} {:>6}× {:>9} {:>8.1}s {:>8.1} {:>5.2} {:>5} {:>5} {:>5} {:>5.0} MiB",
            s.members,
            s.groups,
            s.scale,
            f.messages,
            f.wall.as_secs_f64(),
            f.rate,
            f.rate / f.configured,
            f.too_many,
            f.lost,
            f.duplicated,
            f.peak_mib
        );
        ok &= f.rate / f.configured >= 0.95
            && f.too_many == 0
            && f.lost == 0
            && f.duplicated == 0
            && f.peak_mib < 64.0;
    }
    let c = crash_run(setup, CRASH_MEMBERS).await?;
    println!(
        "crash run: SIGKILL after {} of {} copies, restarted: {} lost, {} twice (bound {}), {} limit violations",
        c.before_kill, c.members, c.lost, c.twice, c.bound, c.violations
    );
    ok &= c.lost == 0 && c.twice <= c.bound && c.violations == 0;
    Ok(ok)
}

/// Runs the check-in benchmark and prints its figures; whether its targets were met.
pub async fn checkin(setup: &Setup) -> Result<bool> {
    let f = checkin_run(setup, CHECKIN_MEMBERS).await?;
    println!(
        "check-in burst: {} presses answered in {:.2}s = {:.0} updates/s",
        f.burst,
        f.burst_wall.as_secs_f64(),
        f.burst_rate
    );
    println!(
        "check-in steady: {} presses at {:.0}/s: p50 {:.1} ms, p99 {:.1} ms",
        f.steady,
        f.offered,
        f.p50.as_secs_f64() * 1000.0,
        f.p99.as_secs_f64() * 1000.0
    );
    println!(
        "check-ins recorded {} (expected {}), {} twice, {} refused, peak RSS {:.0} MiB",
        f.recorded,
        f.burst + f.steady.min(CHECKIN_MEMBERS),
        f.doubled,
        f.refused,
        f.peak_mib
    );
    Ok(f.burst_rate >= 2000.0
        && f.p99 <= Duration::from_millis(50)
        && f.doubled == 0
        && f.refused == 0
        && f.recorded == (f.burst + f.steady.min(CHECKIN_MEMBERS)) as i64)
}

/// Members of the full fault soak, and how many of them interact meanwhile.
pub const SOAK_MEMBERS: usize = 10_000;
/// See [`SOAK_MEMBERS`].
pub const SOAK_INTERACTING: usize = 2_000;

/// Runs the fault soak at full size (limits ×10) and prints its figures; whether nothing was
/// lost or sent twice and the service stayed healthy.
pub async fn soak(setup: &Setup) -> Result<bool> {
    let f = soak_run(setup, SOAK_MEMBERS, SOAK_INTERACTING, 10).await?;
    let (errors, slow, too_many) = f.faults;
    println!(
        "fault soak: {} members ({} blocked) in {:.0}s under {errors} 5xx, {slow} slow answers, {too_many} 429s",
        f.members,
        f.blocked,
        f.took.as_secs_f64()
    );
    println!(
        "fault soak: {} lost, {} twice; {} presses, {} recorded, {} answered; {} asked for points, {} answered; healthy at the end: {}",
        f.lost, f.twice, f.pressed.0, f.pressed.1, f.pressed.2, f.asked.0, f.asked.1, f.alive
    );
    println!("fault soak: {}", f.outcome.replace('\n', " "));
    Ok(f.lost == 0
        && f.twice == 0
        && f.pressed.1 == f.pressed.0 as i64
        && f.pressed.2 == f.pressed.0
        && f.asked.0 == f.asked.1
        && f.alive)
}

/// Runs two instances on one database (webhook mode, one stopped midway) and prints the figures.
pub async fn instances(setup: &Setup) -> Result<bool> {
    let f = instances_run(setup, 2_000).await?;
    println!(
        "two instances: {} members, {} lost, {} twice, {} limit violations; sent before the stop {:?}; the stopped one exited {} in {:.0} ms; webhook posts {:?}",
        f.members,
        f.lost,
        f.twice,
        f.violations,
        f.sent_by,
        if f.stop.0 { "cleanly" } else { "badly" },
        f.stop.1.as_secs_f64() * 1000.0,
        f.webhook_posts
    );
    Ok(f.lost == 0 && f.twice == 0 && f.violations == 0 && f.stop.0)
}

/// The export benchmark: a branch of 40,000 members, each with a ledger entry.
pub const EXPORT_MEMBERS: usize = 40_000;

/// What an export of a large roster cost.
#[derive(Debug, Clone)]
pub struct ExportFigures {
    /// Data rows written (members and ledger entries).
    pub rows: u64,
    /// Wall time of `lianxin export`, start to exit.
    pub wall: Duration,
    /// Rows a second.
    pub rate: f64,
    /// Peak resident set of the exporting process, MiB.
    pub peak_mib: f64,
    /// Size of the workbook, bytes.
    pub bytes: u64,
}

/// Exports a branch of `members` members (seeded with multi-row inserts) with the real
/// binary, watching its memory.
pub async fn export_run(setup: &Setup, members: usize) -> Result<ExportFigures> {
    let db = Db::new(setup.postgres.as_deref()).await?;
    let store = Store::open(&db.url, 2).await?;
    let now = chrono::Utc::now().timestamp_millis();
    crate::admin::add_org(&store, "county", "清河县", None, None, now).await?;
    let branch =
        crate::admin::add_org(&store, "big", "大村党支部", Some("county"), None, now).await?;
    let mut tx = store.pool().begin().await?;
    for chunk in (0..members).collect::<Vec<_>>().chunks(1000) {
        let values = chunk
            .iter()
            .map(|&i| {
                let (mobility, city) = if i % 3 == 0 {
                    ("mobile", "'深圳'")
                } else {
                    ("resident", "NULL")
                };
                format!(
                    "({}, '党员{i}', '{}', 'active', '{mobility}', 1, {city}, '种植', 'import', {now}, {now}, {now})",
                    branch.id,
                    phone(i)
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "INSERT INTO members (org_id, name, phone, status, mobility, mobility_known, city, \
             skills, source, joined_at, created_at, updated_at) VALUES {values}"
        )))
        .execute(&mut *tx)
        .await?;
    }
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "INSERT INTO points_ledger (member_id, rule, points, source, award_key, at) \
         SELECT id, 'notice_ack', 1, 'notice:1', 'bench:' || CAST(id AS TEXT), {now} \
         FROM members WHERE org_id = {}",
        branch.id
    )))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    store.close().await;

    let out = db._dir.path().join("export.xlsx");
    let started = Instant::now();
    let mut child = Running(
        Command::new(&setup.exe)
            .args(["export", "--org", "big", "--out"])
            .arg(&out)
            .current_dir(db._dir.path())
            .env("LIANXIN_DATABASE__URL", &db.url)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .context("starting lianxin export")?,
    );
    // VmHWM only grows: the last reading before the exit is the peak.
    let mut peak_mib: f64 = 0.0;
    let status = loop {
        peak_mib = peak_mib.max(child.peak_mib());
        if let Some(status) = child.0.try_wait()? {
            break status;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    let wall = started.elapsed();
    db.drop_db().await;
    if !status.success() {
        bail!("lianxin export failed: {status}");
    }
    let rows = 2 * members as u64;
    Ok(ExportFigures {
        rows,
        wall,
        rate: rows as f64 / wall.as_secs_f64(),
        peak_mib,
        bytes: std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0),
    })
}

/// Runs the export benchmark and prints its figures; whether memory stayed under 64 MiB.
pub async fn export(setup: &Setup) -> Result<bool> {
    let f = export_run(setup, EXPORT_MEMBERS).await?;
    println!(
        "export: {} members, {} rows in {:.2}s = {:.0} rows/s, {:.1} MB workbook, peak RSS {:.0} MiB",
        EXPORT_MEMBERS,
        f.rows,
        f.wall.as_secs_f64(),
        f.rate,
        f.bytes as f64 / 1e6,
        f.peak_mib
    );
    Ok(f.peak_mib < 64.0)
}

/// Branches of the statistics benchmark's county.
const STATS_BRANCHES: usize = 1_500;
/// Members of the statistics benchmark's county.
const STATS_MEMBERS: usize = 40_000;

/// The peak resident set of this process (VmHWM), in MiB.
fn own_peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:").map(str::to_string))
        })
        .and_then(|kb| kb.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// `/stats` and the weekly digest at county scale: 1,500 branches under ten townships, 40,000
/// members, 12 weeks of notices, lessons, reports and tickets, a secretary on every branch.
/// Prints how long the county's figures, the county's `/stats`, one chart and the whole digest
/// take; whether the county's `/stats` came within 10 s.
pub async fn stats(setup: &Setup) -> Result<bool> {
    use crate::store::WEEK;
    let db = Db::new(setup.postgres.as_deref()).await?;
    let store = Store::open(&db.url, 4).await?;
    let now = chrono::Utc::now().timestamp_millis();
    let start = crate::stats::first_week(chrono_tz::Asia::Shanghai, now);
    let seeding = Instant::now();
    crate::admin::add_org(&store, "county", "清河县", None, None, now).await?;
    let mut branches = Vec::with_capacity(STATS_BRANCHES);
    for t in 0..10 {
        let town = format!("town{t}");
        crate::admin::add_org(
            &store,
            &town,
            &format!("第{t}镇"),
            Some("county"),
            None,
            now,
        )
        .await?;
        for b in 0..STATS_BRANCHES / 10 {
            let code = format!("b{t}x{b}");
            let unit = crate::admin::add_org(
                &store,
                &code,
                &format!("第{t}镇{b}村党支部"),
                Some(&town),
                None,
                now,
            )
            .await?;
            branches.push(unit);
        }
    }
    let mut tx = store.pool().begin().await?;
    for chunk in (0..STATS_MEMBERS).collect::<Vec<_>>().chunks(1000) {
        let values = chunk
            .iter()
            .map(|&i| {
                let branch = &branches[i % STATS_BRANCHES];
                let mobility = if i % 3 == 0 { "mobile" } else { "resident" };
                let (telegram, joined) = if i % 10 == 9 {
                    ("NULL".to_string(), "NULL".to_string())
                } else {
                    ((10_000_000 + i).to_string(), (start - WEEK).to_string())
                };
                format!(
                    "({}, '党员{i}', '{}', {telegram}, {joined}, 'active', '{mobility}', 1, 'import', {}, {now})",
                    branch.id,
                    phone(i),
                    start - WEEK
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "INSERT INTO members (org_id, name, phone, telegram_id, joined_at, status, mobility, \
             mobility_known, source, created_at, updated_at) VALUES {values}"
        )))
        .execute(&mut *tx)
        .await?;
    }
    let county = branches[0]
        .path
        .split('/')
        .nth(1)
        .unwrap_or("1")
        .to_string();
    // Two county notices and one lesson a week, each acknowledged by 60% (notices) or 40%
    // (lessons); a status report from half the members working away each month; ten tickets a
    // week, most answered in time.
    for week in 0..12i64 {
        for (k, purpose, share) in [(0, "notice", 6), (1, "notice", 6), (2, "lesson", 4)] {
            let id = week * 3 + k + 1;
            let at = start + week * WEEK + k * 86_400_000;
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "INSERT INTO notices (id, org_id, author, kind, body, audience, status, \
                 started_at, purpose, created_at) \
                 VALUES ({id}, {county}, 1, 'text', '通知', 'all', 'sent', {at}, '{purpose}', {at}); \
                 INSERT INTO notice_acks (notice_id, member_id, chat_id, at) \
                 SELECT {id}, id, telegram_id, {at} + 3600000 FROM members \
                 WHERE telegram_id IS NOT NULL AND (id + {id}) % 10 < {share}"
            )))
            .execute(&mut *tx)
            .await?;
        }
        let at = start + week * WEEK + 2 * 86_400_000;
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "INSERT INTO status_reports (member_id, period, mobility, city, work, at) \
             SELECT id, 'p', 'mobile', '深圳', 'working', {at} FROM members \
             WHERE mobility = 'mobile' AND (id + {week}) % 8 = 0; \
             INSERT INTO tickets (member_id, org_id, kind, status, created_at, due_at, \
             first_answer_at, updated_at) \
             SELECT id, org_id, 'need', 'answered', {at}, {at} + 172800000, \
             {at} + (id % 3) * 86400000, {at} FROM members WHERE id % 4000 = {week}"
        )))
        .execute(&mut *tx)
        .await?;
    }
    for (i, b) in branches.iter().enumerate() {
        sqlx::query(
            "INSERT INTO roles (telegram_id, role, org_id, granted_by, granted_at) \
             VALUES ($1, 'secretary', $2, 'bench', $3)",
        )
        .bind(20_000_000 + i as i64)
        .bind(b.id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    crate::admin::set_role(
        &store,
        30_000_000,
        "organizer",
        "county",
        true,
        "bench",
        now,
    )
    .await?;
    let seeded = seeding.elapsed();

    let mut config = crate::config::Config::default();
    config.database.url = db.url.clone();
    let app = crate::app::App {
        config: std::sync::Arc::new(config),
        store: store.clone(),
        i18n: std::sync::Arc::new(crate::i18n::I18n::embedded()),
        clock: crate::clock::Clock::system(),
        bot_username: "".into(),
        delivery: crate::delivery::Waker::default(),
        metrics: Default::default(),
    };
    let t = Instant::now();
    let figures = crate::stats::Figures::load(&app, "").await?;
    let load = t.elapsed();
    let organizer = crate::app::Actor {
        id: 30_000_000,
        name: "组织部".into(),
    };
    let t = Instant::now();
    let out = crate::stats::stats(&app, &organizer, "").await?;
    let county = t.elapsed();
    let charted = out
        .replies
        .iter()
        .any(|r| matches!(r.body, crate::reply::Body::Photo { .. }));
    let unit = store.org(branches[0].id).await?;
    let table = figures.table(&[unit.id]);
    let chart = crate::stats::chart_of(&app, crate::domain::Locale::ZhCn, &unit, start, &table);
    let t = Instant::now();
    for _ in 0..10 {
        crate::stats::chart::render(&chart, "");
    }
    let one_chart = t.elapsed() / 10;
    let t = Instant::now();
    let people = crate::stats::digest(&app).await?;
    let digest = t.elapsed();
    store.close().await;
    db.drop_db().await;
    println!(
        "stats: {STATS_BRANCHES} branches, {STATS_MEMBERS} members, 12 weeks (seeded in {:.1}s)\n  \
         the county's weekly figures {:.2}s · the county's /stats (figures, {} branch lines, chart: {}) {:.2}s · one chart {:.0} ms\n  \
         weekly digest to {people} people {:.1}s ({:.0} ms each) · peak RSS {:.0} MiB",
        seeded.as_secs_f64(),
        load.as_secs_f64(),
        60,
        if charted { "drawn" } else { "no font" },
        county.as_secs_f64(),
        one_chart.as_secs_f64() * 1000.0,
        digest.as_secs_f64(),
        digest.as_secs_f64() * 1000.0 / people.max(1) as f64,
        own_peak_mib()
    );
    Ok(county < Duration::from_secs(10))
}
