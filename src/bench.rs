//! `lianxin bench`: one bulk message to every member of a county-sized roster and to the branch
//! groups, through the simulator enforcing Telegram's limits, with the figures that matter.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use secrecy::SecretString;
use tg_sim::{Limits, Sim, SimConfig, SimUser};

use crate::clock::Clock;
use crate::config::{Config, Delivery};
use crate::service::Service;
use crate::store::NewMessage;

/// One benchmark run.
#[derive(Debug, Clone, Copy)]
pub struct Scenario {
    /// Members, one private message each.
    pub members: usize,
    /// Branch groups, one message each.
    pub groups: usize,
    /// Telegram's limits multiplied by this (the simulator enforces the same).
    pub scale: u32,
}

/// What a run measured.
#[derive(Debug, Clone)]
pub struct Figures {
    /// Messages queued.
    pub messages: usize,
    /// From queueing to the last message delivered.
    pub wall: Duration,
    /// Messages per second achieved.
    pub rate: f64,
    /// The configured global rate.
    pub configured: f64,
    /// 429 answers received.
    pub too_many: usize,
    /// Messages that never arrived.
    pub lost: usize,
    /// Extra copies that arrived.
    pub duplicated: usize,
    /// Peak resident memory of this process (the simulator included), in MiB.
    pub peak_mib: f64,
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

/// Runs the scenarios and prints a table.
pub async fn run(scenarios: &[Scenario]) -> Result<Vec<Figures>> {
    println!(
        "{:>8} {:>6} {:>7} {:>9} {:>10} {:>8} {:>5} {:>5} {:>5} {:>9}",
        "members", "groups", "limits", "messages", "wall", "msg/s", "÷cfg", "429s", "lost", "dup"
    );
    let mut all = Vec::new();
    for s in scenarios {
        let f = one(*s).await?;
        println!(
            "{:>8} {:>6} {:>6}× {:>9} {:>9.1}s {:>8.1} {:>5.2} {:>5} {:>5} {:>5}   peak RSS {:.0} MiB",
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
        all.push(f);
    }
    Ok(all)
}

async fn one(s: Scenario) -> Result<Figures> {
    let dir = tempfile::tempdir()?;
    let sim = Sim::start(SimConfig::default()).await?;
    let delivery = Delivery {
        global_per_second: 30 * s.scale,
        per_chat_per_second: s.scale,
        group_per_minute: 20 * s.scale,
        ..Delivery::default()
    };
    sim.enforce_limits(Some(Limits {
        global_per_second: delivery.global_per_second,
        per_chat_per_second: delivery.per_chat_per_second,
        group_per_minute: delivery.group_per_minute,
    }));
    let mut config = Config::default();
    config.telegram.api_url = sim.api_url();
    config.telegram.token = Some(SecretString::from(sim.token()));
    config.telegram.poll_timeout_secs = 1;
    config.database.url = format!("sqlite://{}", dir.path().join("bench.db").display());
    config.delivery = delivery.clone();
    let service = Service::start(config, Clock::system()).await?;

    let members: Vec<i64> = (0..s.members as i64).map(|i| 1_000_000 + i).collect();
    let groups: Vec<i64> = (0..s.groups as i64).map(|i| -2_000_000 - i).collect();
    for &id in &members {
        sim.add_user(SimUser::new(id, "党员").started());
    }
    for &g in &groups {
        sim.create_group(g, "支部群");
        sim.add_member(g, members[0]);
        sim.add_bot_to_group(members[0], g);
    }
    // Let the bot greet the groups it was added to before the clock starts.
    tokio::time::sleep(Duration::from_millis(200)).await;
    while sim.pending_updates() > 0 || service.app.store.outbox_due(service.app.now()).await? > 0 {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let notice = "【通知】本周六上午九点在村委会召开主题党日活动，外出党员请在线参加。";
    let messages: Vec<NewMessage> = members
        .iter()
        .chain(&groups)
        .map(|&chat_id| NewMessage {
            chat_id,
            kind: "text",
            body: notice.into(),
            priority: 1,
            ..Default::default()
        })
        .collect();
    let total = messages.len();

    let started = Instant::now();
    service
        .app
        .store
        .enqueue(&messages, service.app.now())
        .await?;
    service.app.delivery.wake();
    let deadline =
        started + Duration::from_secs(60 + 3 * total as u64 / delivery.global_per_second as u64);
    loop {
        let due = service.app.store.outbox_due(service.app.now()).await?;
        if due == 0 {
            break;
        }
        if Instant::now() > deadline {
            bail!("the outbox did not drain in time ({due} left)");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let calls = sim.calls();
    let sends: Vec<_> = calls
        .iter()
        .filter(|c| c.method == "sendmessage" && c.ok && c.at >= started)
        .collect();
    let last = sends
        .iter()
        .map(|c| c.at)
        .max()
        .context("nothing was sent")?;
    let wall = last.duration_since(started);
    // What each chat received of the notice (the groups also got the bot's greeting).
    let received: HashMap<i64, usize> = members
        .iter()
        .chain(&groups)
        .map(|&chat| {
            (
                chat,
                sim.bot_messages(chat)
                    .iter()
                    .filter(|m| m.body() == notice)
                    .count(),
            )
        })
        .collect();
    let lost = received.values().filter(|&&n| n == 0).count();
    let duplicated = received.values().map(|n| n.saturating_sub(1)).sum();
    let figures = Figures {
        messages: total,
        wall,
        rate: sends.len() as f64 / wall.as_secs_f64(),
        configured: f64::from(delivery.global_per_second),
        too_many: calls.iter().filter(|c| c.error_code == Some(429)).count(),
        lost,
        duplicated,
        peak_mib: peak_rss_mib(),
    };
    service.stop().await;
    sim.shutdown().await;
    Ok(figures)
}

/// The process's peak resident set (VmHWM), in MiB; 0 where /proc is not available.
fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_string)
        })
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}
