//! Telegram's flood limits as ceilings: the whole bot, each private chat, each group.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use governor::clock::DefaultClock;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};
use tokio::time::Instant;

use crate::config::Delivery;

/// How far below each ceiling Lianxin stays: requests reach Telegram a little earlier or later
/// than they leave, and Telegram counts arrivals. 2.5% keeps delivery above 97% of the rate.
const SLACK: f64 = 1.025;

/// The limits of one process. Bursts are never relied on: messages are evenly spaced just
/// under each ceiling.
pub struct Limits {
    /// The bot-wide limiter, rebuilt when the number of processes sharing the bot changes.
    global: std::sync::RwLock<Arc<Global>>,
    global_per_second: u32,
    /// Processes sharing the bot's budget (this one included).
    shares: AtomicU32,
    /// Messages queue here, first come first served, for the bot-wide limiter: left to race
    /// for it, every waiter would wake at each free slot and an unlucky one could wait for
    /// seconds while later ones go.
    turn: tokio::sync::Mutex<()>,
    private_gap: Duration,
    group_gap: Duration,
    /// When the last message to each chat left. The worker sends one message per chat at a time,
    /// so a chat's entry is only touched by the task sending to it.
    last: Mutex<HashMap<i64, Instant>>,
}

type Global = RateLimiter<NotKeyed, InMemoryState, DefaultClock>;

fn gap(n: u32, period: Duration) -> Duration {
    (period / n.max(1)).mul_f64(SLACK)
}

/// A bot-wide limiter for `per_second` messages a second split between `shares` processes.
fn global(per_second: u32, shares: u32) -> Global {
    let shares = shares.max(1);
    // A timer sleeps in whole milliseconds, so at hundreds of messages a second an exact
    // gap (1.7 ms at 600/s) would become 2 ms and the rate 500/s. A few messages may go
    // together instead, no more than half the slack: in any second at most
    // rate / SLACK + burst leave, still under the ceiling.
    let rate = f64::from(per_second) / f64::from(shares);
    let burst = (rate * (1.0 - 1.0 / SLACK) / 2.0).floor() as u32;
    let quota = Quota::with_period(Duration::from_secs_f64(SLACK / rate))
        .expect("non-zero period")
        .allow_burst(NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN));
    RateLimiter::direct(quota)
}

impl Limits {
    /// Limits from `[delivery]`.
    pub fn new(c: &Delivery) -> Limits {
        Limits {
            global: std::sync::RwLock::new(Arc::new(global(c.global_per_second, 1))),
            global_per_second: c.global_per_second,
            shares: AtomicU32::new(1),
            turn: tokio::sync::Mutex::new(()),
            private_gap: gap(c.per_chat_per_second, Duration::from_secs(1)),
            group_gap: gap(c.group_per_minute, Duration::from_secs(60)),
            last: Mutex::new(HashMap::new()),
        }
    }

    /// Waits until a message to `chat_id` may go, and counts it as gone.
    ///
    /// The chat's own gap is waited for first, without taking anything; then the bot-wide
    /// token is taken. Taking the chat's turn first would let a message that then queues for
    /// the bot-wide token leave late and close to the chat's next one.
    pub async fn wait(&self, chat_id: i64) {
        let gap = if chat_id < 0 {
            self.group_gap
        } else {
            self.private_gap
        };
        let last = self.lock().get(&chat_id).copied();
        if let Some(last) = last {
            tokio::time::sleep_until(last + gap).await;
        }
        {
            let _turn = self.turn.lock().await;
            let global = self
                .global
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .clone();
            global.until_ready().await;
        }
        self.lock().insert(chat_id, Instant::now());
    }

    /// Splits the bot-wide budget between `processes` processes sending for the same bot
    /// (Telegram counts the bot's messages, not each process's).
    pub fn share(&self, processes: u32) {
        let processes = processes.max(1);
        if self.shares.swap(processes, Ordering::Relaxed) != processes {
            *self.global.write().unwrap_or_else(|e| e.into_inner()) =
                Arc::new(global(self.global_per_second, processes));
            tracing::info!(
                processes,
                per_second = f64::from(self.global_per_second) / f64::from(processes),
                "the bot's sending budget is shared"
            );
        }
    }

    /// When several processes share the bot: the per-chat gaps (ms; private chats, groups)
    /// that the database must keep between them.
    pub fn shared_gaps(&self) -> Option<(i64, i64)> {
        (self.shares.load(Ordering::Relaxed) > 1).then_some((
            self.private_gap.as_millis() as i64,
            self.group_gap.as_millis() as i64,
        ))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Instant>> {
        self.last.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Forgets chats not written to for a while, so the map stays small.
    pub fn forget_idle(&self) {
        let horizon = self.group_gap.max(self.private_gap);
        let now = Instant::now();
        self.lock()
            .retain(|_, at| now.duration_since(*at) < horizon);
    }
}
