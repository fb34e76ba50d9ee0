//! Prometheus figures of one process: updates handled and how long they took, messages sent by
//! outcome, Telegram's 429s, refused webhook requests; queue depth is read from the database
//! when scraped.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use metrics::{Counter, Gauge, Histogram, Key, KeyName, Label, Level, Metadata, Recorder, Unit};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusRecorder};

use crate::store::SendOutcome;

static META: Metadata<'static> = Metadata::new(module_path!(), Level::INFO, Some(module_path!()));

/// Handler latency buckets (seconds): a button press should be answered well under a second.
const HANDLER_BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// The kinds of update the dispatcher handles.
#[derive(Debug, Clone, Copy)]
pub enum UpdateKind {
    /// A message (commands, dialogue answers, files).
    Message,
    /// A button press.
    Callback,
    /// The bot added to or removed from a chat, or blocked.
    Membership,
    /// Anything else (edits, channel posts): ignored.
    Other,
}

impl UpdateKind {
    const ALL: [UpdateKind; 4] = [
        UpdateKind::Message,
        UpdateKind::Callback,
        UpdateKind::Membership,
        UpdateKind::Other,
    ];

    fn label(self) -> &'static str {
        match self {
            UpdateKind::Message => "message",
            UpdateKind::Callback => "callback_query",
            UpdateKind::Membership => "my_chat_member",
            UpdateKind::Other => "other",
        }
    }
}

/// Outcomes of one send, as counted.
const OUTCOMES: [&str; 6] = [
    "sent",
    "retry",
    "rate_limited",
    "moved",
    "blocked",
    "failed",
];

/// The figures, kept by a recorder of this process's own (not the global one: tests run several
/// services in one process).
pub struct Metrics {
    /// Signs of life for `/healthz`.
    pub live: Liveness,
    recorder: PrometheusRecorder,
    updates: [Counter; 4],
    latency: [Histogram; 4],
    sent: [Counter; 6],
    too_many: Counter,
    refused: Counter,
    queued: Gauge,
    due: Gauge,
    leased: Gauge,
    failed: Gauge,
    instances: Gauge,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

fn key(name: &'static str, labels: &[(&'static str, &'static str)]) -> Key {
    Key::from_parts(
        name,
        labels
            .iter()
            .map(|(k, v)| Label::new(*k, *v))
            .collect::<Vec<_>>(),
    )
}

impl Metrics {
    /// Fresh figures, all at zero.
    pub fn new() -> Metrics {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(
                Matcher::Full("lianxin_handler_seconds".into()),
                &HANDLER_BUCKETS,
            )
            .expect("buckets are not empty")
            .build_recorder();
        let r = &recorder;
        let describe = |name: &'static str, unit: Option<Unit>, text: &'static str| {
            r.describe_counter(KeyName::from_const_str(name), unit, text.into());
        };
        describe(
            "lianxin_updates_handled_total",
            None,
            "Telegram updates handled, by kind",
        );
        describe(
            "lianxin_messages_sent_total",
            None,
            "Outbox sends by outcome (sent, retry, rate_limited, moved, blocked, failed)",
        );
        describe(
            "lianxin_telegram_429_total",
            None,
            "Too Many Requests answers from Telegram",
        );
        describe(
            "lianxin_webhook_refused_total",
            None,
            "Webhook requests refused for a missing or wrong secret token",
        );
        r.describe_histogram(
            KeyName::from_const_str("lianxin_handler_seconds"),
            Some(Unit::Seconds),
            "Time to handle one update, by kind".into(),
        );
        for (name, text) in [
            ("lianxin_outbox_queued", "Messages waiting in the outbox"),
            ("lianxin_outbox_due", "Queued messages due now"),
            ("lianxin_outbox_sending", "Messages claimed by a sender"),
            (
                "lianxin_outbox_failed",
                "Messages given up on, kept for inspection",
            ),
            (
                "lianxin_instances",
                "Lianxin processes sharing this database",
            ),
        ] {
            r.describe_gauge(KeyName::from_const_str(name), None, text.into());
        }
        let kinds = UpdateKind::ALL.map(|k| k.label());
        Metrics {
            live: Liveness::default(),
            updates: kinds.map(|k| {
                r.register_counter(&key("lianxin_updates_handled_total", &[("kind", k)]), &META)
            }),
            latency: kinds.map(|k| {
                r.register_histogram(&key("lianxin_handler_seconds", &[("kind", k)]), &META)
            }),
            sent: OUTCOMES.map(|o| {
                r.register_counter(
                    &key("lianxin_messages_sent_total", &[("outcome", o)]),
                    &META,
                )
            }),
            too_many: r.register_counter(&key("lianxin_telegram_429_total", &[]), &META),
            refused: r.register_counter(&key("lianxin_webhook_refused_total", &[]), &META),
            queued: r.register_gauge(&key("lianxin_outbox_queued", &[]), &META),
            due: r.register_gauge(&key("lianxin_outbox_due", &[]), &META),
            leased: r.register_gauge(&key("lianxin_outbox_sending", &[]), &META),
            failed: r.register_gauge(&key("lianxin_outbox_failed", &[]), &META),
            instances: r.register_gauge(&key("lianxin_instances", &[]), &META),
            recorder,
        }
    }

    /// One update handled in `took`.
    pub fn handled(&self, kind: UpdateKind, took: Duration) {
        self.updates[kind as usize].increment(1);
        self.latency[kind as usize].record(took.as_secs_f64());
    }

    /// One send finished with `outcome`.
    pub fn sent(&self, outcome: &SendOutcome) {
        let i = match outcome {
            SendOutcome::Sent { .. } => 0,
            SendOutcome::Retry { counts: true, .. } => 1,
            SendOutcome::Retry { counts: false, .. } => {
                self.too_many.increment(1);
                2
            }
            SendOutcome::Moved { .. } => 3,
            SendOutcome::Blocked { .. } => 4,
            SendOutcome::Failed { .. } => 5,
        };
        self.sent[i].increment(1);
    }

    /// Telegram answered a call outside the outbox (a button answer, a reply) with 429.
    pub fn too_many_requests(&self) {
        self.too_many.increment(1);
    }

    /// A webhook request came without the right secret.
    pub fn refused(&self) {
        self.refused.increment(1);
    }

    /// The figures in Prometheus's text format, with the queue as `queue` says it is now.
    pub fn render(&self, queue: &Queue) -> String {
        let instances = self.live.instances();
        self.queued.set(queue.queued as f64);
        self.due.set(queue.due as f64);
        self.leased.set(queue.sending as f64);
        self.failed.set(queue.failed as f64);
        self.instances.set(instances as f64);
        self.recorder.handle().render()
    }
}

/// The outbox at one moment.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Queue {
    /// Waiting, due or not.
    pub queued: i64,
    /// Waiting and due now (or being sent).
    pub due: i64,
    /// Claimed by a sender.
    pub sending: i64,
    /// Given up on.
    pub failed: i64,
}

/// Signs of life of this process's background work, read by `/healthz`.
#[derive(Debug)]
pub struct Liveness {
    started: Instant,
    /// Milliseconds after `started` the delivery loop last came round.
    delivery_beat: AtomicU64,
    /// Processes sharing the database when last counted.
    instances: AtomicU64,
}

impl Default for Liveness {
    fn default() -> Self {
        Liveness {
            started: Instant::now(),
            delivery_beat: AtomicU64::new(0),
            instances: AtomicU64::new(1),
        }
    }
}

impl Liveness {
    /// The delivery loop came round.
    pub fn delivery_beat(&self) {
        self.delivery_beat
            .store(self.started.elapsed().as_millis() as u64, Ordering::Relaxed);
    }

    /// How long ago the delivery loop last came round.
    pub fn since_delivery(&self) -> Duration {
        let beat = self.delivery_beat.load(Ordering::Relaxed);
        self.started
            .elapsed()
            .saturating_sub(Duration::from_millis(beat))
    }

    /// Processes sharing the database, as last counted.
    pub fn instances(&self) -> u64 {
        self.instances.load(Ordering::Relaxed).max(1)
    }

    /// Records how many processes share the database.
    pub fn set_instances(&self, n: u64) {
        self.instances.store(n.max(1), Ordering::Relaxed);
    }
}
