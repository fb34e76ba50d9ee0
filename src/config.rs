//! Typed settings: built-in defaults < `config.toml` < `TELOXIDE_TOKEN` < `LIANXIN_<SECTION>__<KEY>`.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::domain::{CronSpec, Locale, OrgCode};

/// All of Lianxin's settings. Every key is documented in the root `config.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `[general]`
    pub general: General,
    /// `[telegram]`
    pub telegram: Telegram,
    /// `[database]`
    pub database: Database,
    /// `[delivery]`
    pub delivery: Delivery,
    /// `[server]`
    pub server: Server,
    /// `[onboarding]`
    pub onboarding: Onboarding,
    /// `[notices]`
    pub notices: Notices,
    /// `[sessions]`
    pub sessions: Sessions,
    /// `[feedback]`
    pub feedback: Feedback,
    /// `[bootstrap]`
    pub bootstrap: Bootstrap,
    /// `[[schedules]]`: county-wide recurring reminders (默认: 主题党日, 流动党员月度报到, 每周统计).
    pub schedules: Vec<ScheduleConfig>,
    /// `[points]`
    pub points: Points,
    /// `[stats]`
    pub stats: Stats,
}

/// `[stats]`
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Stats {
    /// A font file that draws Chinese, for chart labels; empty: look in the usual places
    /// (Noto Sans CJK, WenQuanYi, the system fonts of macOS and Windows).
    pub font: String,
}

/// `[general]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct General {
    /// IANA timezone name.
    pub timezone: String,
    /// `zh-CN` or `en`.
    pub default_locale: String,
    /// Folder with `<locale>/*.ftl`; the built-in wording is used when it does not exist.
    pub messages_dir: String,
}

impl Default for General {
    fn default() -> Self {
        General {
            timezone: "Asia/Shanghai".into(),
            default_locale: "zh-CN".into(),
            messages_dir: "messages".into(),
        }
    }
}

/// `[telegram]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Telegram {
    /// The bot token; a secret that is never printed.
    #[serde(serialize_with = "never_serialize_secret")]
    pub token: Option<SecretString>,
    /// Bot API base URL.
    pub api_url: String,
    /// Long-polling timeout in seconds.
    pub poll_timeout_secs: u32,
}

impl Default for Telegram {
    fn default() -> Self {
        Telegram {
            token: None,
            api_url: "https://api.telegram.org".into(),
            poll_timeout_secs: 30,
        }
    }
}

fn never_serialize_secret<S: serde::Serializer>(
    _: &Option<SecretString>,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.serialize_none()
}

/// `[database]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Database {
    /// `sqlite://FILE` or `postgres://…`.
    pub url: String,
    /// Connection pool size.
    pub max_connections: u32,
}

impl Default for Database {
    fn default() -> Self {
        Database {
            url: "sqlite://lianxin.db".into(),
            max_connections: 8,
        }
    }
}

/// `[delivery]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Delivery {
    /// Messages per second for the whole bot.
    pub global_per_second: u32,
    /// Messages per second to one chat.
    pub per_chat_per_second: u32,
    /// Messages per minute to one group.
    pub group_per_minute: u32,
    /// Attempts before a message is given up.
    pub max_attempts: u32,
    /// How long sent, failed and blocked messages stay in the outbox for inspection, e.g. `30d`.
    pub retention: String,
    /// How long a message being sent stays claimed; after that (its process died) another
    /// claims it again.
    pub lease: String,
}

impl Default for Delivery {
    fn default() -> Self {
        Delivery {
            global_per_second: 30,
            per_chat_per_second: 1,
            group_per_minute: 20,
            max_attempts: 6,
            retention: "30d".into(),
            lease: "2m".into(),
        }
    }
}

impl Delivery {
    /// The validated lease of a claimed message.
    pub fn lease(&self) -> Duration {
        humantime::parse_duration(&self.lease).unwrap_or(Duration::from_secs(120))
    }

    /// The validated retention of finished outbox rows.
    pub fn retention(&self) -> Duration {
        humantime::parse_duration(&self.retention).unwrap_or(Duration::from_secs(30 * 86_400))
    }
}

/// `[notices]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Notices {
    /// Members who have not pressed 「收到 ✓」 after this long get one private reminder.
    pub nudge_after: String,
    /// Quiet hours of a member who has not chosen their own, `HH:MM-HH:MM` or `off`.
    pub quiet_hours: String,
    /// How often the sender's confirmation is edited with the progress, e.g. `3s`.
    pub progress_every: String,
}

impl Default for Notices {
    fn default() -> Self {
        Notices {
            nudge_after: "24h".into(),
            quiet_hours: "22:00-07:00".into(),
            progress_every: "3s".into(),
        }
    }
}

impl Notices {
    /// The validated reminder delay.
    pub fn nudge_after(&self) -> Duration {
        humantime::parse_duration(&self.nudge_after).unwrap_or(Duration::from_secs(86_400))
    }

    /// The validated default quiet hours.
    pub fn quiet_hours(&self) -> crate::domain::QuietHours {
        crate::domain::QuietHours::parse(&self.quiet_hours)
            .unwrap_or(crate::domain::QuietHours::DEFAULT)
    }

    /// The validated progress interval.
    pub fn progress_every(&self) -> Duration {
        humantime::parse_duration(&self.progress_every).unwrap_or(Duration::from_secs(3))
    }
}

/// `[sessions]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sessions {
    /// Reminders this long before the start, e.g. `["24h", "1h"]`.
    pub remind_before: Vec<String>,
    /// 「签到」 opens this long before the start.
    pub checkin_opens: String,
    /// 「签到」 closes this long after the start; the secretary then gets the summary.
    pub checkin_closes: String,
    /// A check-in this long after the start counts as late.
    pub late_after: String,
}

impl Default for Sessions {
    fn default() -> Self {
        Sessions {
            remind_before: vec!["24h".into(), "1h".into()],
            checkin_opens: "30m".into(),
            checkin_closes: "60m".into(),
            late_after: "15m".into(),
        }
    }
}

/// `[feedback]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Feedback {
    /// The first answer to a ticket is due this long after it was raised; then the
    /// secretaries are reminded.
    pub answer_within: String,
    /// Still unanswered this long after it was raised: the township's organizers are told.
    pub escalate_after: String,
}

impl Default for Feedback {
    fn default() -> Self {
        Feedback {
            answer_within: "48h".into(),
            escalate_after: "72h".into(),
        }
    }
}

impl Feedback {
    /// When the first answer is due (ms after the ticket).
    pub fn answer_within(&self) -> i64 {
        millis(&self.answer_within, 48 * 3600)
    }

    /// When an unanswered ticket goes to the organizers (ms after the ticket).
    pub fn escalate_after(&self) -> i64 {
        millis(&self.escalate_after, 72 * 3600)
    }
}

fn millis(text: &str, default_secs: u64) -> i64 {
    humantime::parse_duration(text)
        .unwrap_or(Duration::from_secs(default_secs))
        .as_millis() as i64
}

impl Sessions {
    /// The validated reminder offsets (ms), longest first.
    pub fn remind_before(&self) -> Vec<i64> {
        let mut v: Vec<i64> = self
            .remind_before
            .iter()
            .filter_map(|t| humantime::parse_duration(t).ok())
            .map(|d| d.as_millis() as i64)
            .collect();
        v.sort_unstable_by(|a, b| b.cmp(a));
        v.dedup();
        v
    }

    /// How long before the start 「签到」 opens (ms).
    pub fn checkin_opens(&self) -> i64 {
        millis(&self.checkin_opens, 1800)
    }

    /// How long after the start 「签到」 closes (ms).
    pub fn checkin_closes(&self) -> i64 {
        millis(&self.checkin_closes, 3600)
    }

    /// How long after the start a check-in is late (ms).
    pub fn late_after(&self) -> i64 {
        millis(&self.late_after, 900)
    }
}

/// `[server]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Server {
    /// `HOST:PORT` for webhook, `/healthz` and `/metrics`; none by default.
    pub listen: Option<String>,
    /// The public `https://` address Telegram posts updates to (through a proxy or load
    /// balancer to `listen`); when set, Lianxin runs in webhook mode instead of long polling.
    pub webhook_url: Option<String>,
    /// The secret Telegram sends with each webhook request; derived from the token when not
    /// set, so that every instance of one bot agrees on it.
    #[serde(serialize_with = "never_serialize_secret")]
    pub webhook_secret: Option<SecretString>,
    /// How long a stop may take before the process exits anyway (sends still in flight are
    /// then retried by whichever instance claims them after their lease).
    pub shutdown_timeout: String,
}

impl Default for Server {
    fn default() -> Self {
        Server {
            listen: None,
            webhook_url: None,
            webhook_secret: None,
            shutdown_timeout: "30s".into(),
        }
    }
}

impl Server {
    /// How long a stop may take.
    pub fn shutdown_timeout(&self) -> Duration {
        humantime::parse_duration(&self.shutdown_timeout).unwrap_or(Duration::from_secs(30))
    }
}

/// `[onboarding]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Onboarding {
    /// How long an invite link works, e.g. `7d`.
    pub invite_ttl: String,
    /// How many people may join with one invite link.
    pub invite_max_uses: u32,
}

impl Default for Onboarding {
    fn default() -> Self {
        Onboarding {
            invite_ttl: "7d".into(),
            invite_max_uses: 200,
        }
    }
}

impl Onboarding {
    /// The validated invite lifetime.
    pub fn invite_ttl(&self) -> Duration {
        humantime::parse_duration(&self.invite_ttl).unwrap_or(Duration::from_secs(7 * 86_400))
    }
}

/// `[bootstrap]`
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Bootstrap {
    /// `[[bootstrap.organizers]]`: organizers granted at every start.
    pub organizers: Vec<BootstrapOrganizer>,
}

/// One `[[bootstrap.organizers]]` entry.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BootstrapOrganizer {
    /// Telegram user id.
    pub telegram_id: i64,
    /// Org code the role is granted on.
    pub org: String,
}

/// One `[[schedules]]` entry.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleConfig {
    /// Display name.
    pub name: String,
    /// Cron expression, 5 or 6 fields.
    pub cron: String,
    /// IANA timezone; `general.timezone` when absent.
    pub timezone: Option<String>,
    /// `all`, `mobile`, `resident` or `groups`.
    #[serde(default = "default_audience")]
    pub audience: String,
    /// A message id from `messages/` or plain text (not used by the digest).
    #[serde(default)]
    pub message: String,
    /// How late a missed occurrence may still fire, e.g. `1h`.
    #[serde(default = "default_grace")]
    pub grace: String,
    /// `notice`; `report`: the status-report prompt, whose button starts `/report`; `digest`:
    /// the weekly figures and chart to every secretary and organizer.
    #[serde(default = "default_purpose")]
    pub purpose: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            general: General::default(),
            telegram: Telegram::default(),
            database: Database::default(),
            delivery: Delivery::default(),
            server: Server::default(),
            onboarding: Onboarding::default(),
            notices: Notices::default(),
            sessions: Sessions::default(),
            feedback: Feedback::default(),
            bootstrap: Bootstrap::default(),
            schedules: default_schedules(),
            points: Points::default(),
            stats: Stats::default(),
        }
    }
}

/// The county's rhythm out of the box: 主题党日 on the 5th at 20:00 for everyone, and the
/// monthly prompt to members working away to tell their branch where they are.
fn default_schedules() -> Vec<ScheduleConfig> {
    vec![
        ScheduleConfig {
            name: "主题党日".into(),
            cron: "0 20 5 * *".into(),
            timezone: None,
            audience: "all".into(),
            message: "本月主题党日今晚 20:00 开始，请准时参加；在外的同志请在线参加。".into(),
            grace: "1h".into(),
            purpose: default_purpose(),
        },
        ScheduleConfig {
            name: "流动党员月度报到".into(),
            cron: "0 9 1 * *".into(),
            timezone: None,
            audience: "mobile".into(),
            message: "新的一月开始了。在外的同志请向支部报告目前的工作地点和近况。".into(),
            grace: "6h".into(),
            purpose: "report".into(),
        },
        ScheduleConfig {
            name: "每周统计".into(),
            cron: "0 8 * * 1".into(),
            timezone: None,
            audience: "all".into(),
            message: String::new(),
            grace: "12h".into(),
            purpose: "digest".into(),
        },
    ]
}

fn default_audience() -> String {
    "all".into()
}

fn default_purpose() -> String {
    "notice".into()
}

fn default_grace() -> String {
    "1h".into()
}

/// `[points]`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Points {
    /// Show a per-person leaderboard in groups.
    pub public_leaderboard: bool,
    /// `[points.rules.<key>]`
    pub rules: BTreeMap<String, PointsRule>,
}

impl Default for Points {
    fn default() -> Self {
        let rule = |points, daily_cap| PointsRule {
            points,
            daily_cap,
            monthly_cap: None,
            applies_to: "all".into(),
        };
        let rules = [
            ("notice_ack", rule(1, None)),
            ("lesson_done", rule(2, None)),
            ("quiz_correct", rule(1, Some(5))),
            ("session_attend", rule(3, None)),
            ("status_report", rule(2, None)),
            ("feedback", rule(1, Some(1))),
        ];
        Points {
            public_leaderboard: false,
            rules: rules.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        }
    }
}

/// One `[points.rules.<key>]` table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PointsRule {
    /// Points per award (may be negative for deductions).
    pub points: i64,
    /// At most this many points from this rule per day.
    pub daily_cap: Option<i64>,
    /// At most this many points from this rule per month.
    pub monthly_cap: Option<i64>,
    /// `all`, `resident` or `mobile`.
    #[serde(default = "default_audience")]
    pub applies_to: String,
}

/// One thing wrong with the configuration, named by its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Dotted key, e.g. `general.timezone`.
    pub key: String,
    /// What is wrong and what is expected.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.key, self.message)
    }
}

/// Loading failed: the file or a value could not be read, or values are invalid.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file or the environment could not be parsed into settings.
    #[error("{0}")]
    Parse(String),
    /// Values parsed but are not valid.
    #[error("invalid configuration:\n{}", .0.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Problem>),
}

impl Config {
    /// Loads defaults, then the file, then the environment; then validates. A missing file is
    /// an error only when `required` (the operator named it); otherwise defaults apply.
    pub fn load(path: &Path, required: bool) -> Result<Config, ConfigError> {
        if required && !path.exists() {
            return Err(ConfigError::Parse(format!(
                "{}: no such file",
                path.display()
            )));
        }
        let config = Self::figment(path)
            .extract::<Config>()
            .map_err(|e| ConfigError::Parse(describe_figment_error(e)))?;
        let problems = config.problems();
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(ConfigError::Invalid(problems))
        }
    }

    fn figment(path: &Path) -> Figment {
        let file = if path.exists() { Some(path) } else { None };
        Figment::from(Serialized::defaults(Config::default()))
            .merge(
                file.map(Toml::file_exact)
                    .unwrap_or_else(|| Toml::string("")),
            )
            .merge(
                Env::raw()
                    .only(&["TELOXIDE_TOKEN"])
                    .map(|_| "telegram.token".into()),
            )
            // Only `LIANXIN_<SECTION>__<KEY>`: other LIANXIN_* variables (e.g. for tests) are not settings.
            .merge(
                Env::prefixed("LIANXIN_")
                    .filter(|k| k.as_str().contains("__"))
                    .split("__"),
            )
    }

    /// Every problem with the values, each named by its key.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut bad = |key: &str, message: String| {
            out.push(Problem {
                key: key.into(),
                message,
            })
        };

        if self.general.timezone.parse::<chrono_tz::Tz>().is_err() {
            bad(
                "general.timezone",
                format!(
                    "unknown timezone {:?} (e.g. Asia/Shanghai)",
                    self.general.timezone
                ),
            );
        }
        if let Err(e) = self.general.default_locale.parse::<Locale>() {
            bad("general.default_locale", e);
        }
        match url::Url::parse(&self.telegram.api_url) {
            Ok(u) if matches!(u.scheme(), "http" | "https") => {}
            _ => bad(
                "telegram.api_url",
                format!("not an http(s) URL: {:?}", self.telegram.api_url),
            ),
        }
        if !(1..=50).contains(&self.telegram.poll_timeout_secs) {
            bad(
                "telegram.poll_timeout_secs",
                "must be between 1 and 50".into(),
            );
        }
        let db = &self.database.url;
        if !(db.starts_with("sqlite:")
            || db.starts_with("postgres://")
            || db.starts_with("postgresql://"))
        {
            bad(
                "database.url",
                format!("must start with sqlite:// or postgres:// (got {db:?})"),
            );
        }
        if self.database.max_connections == 0 {
            bad("database.max_connections", "must be at least 1".into());
        }
        for (key, value) in [
            (
                "delivery.global_per_second",
                self.delivery.global_per_second,
            ),
            (
                "delivery.per_chat_per_second",
                self.delivery.per_chat_per_second,
            ),
            ("delivery.group_per_minute", self.delivery.group_per_minute),
            ("delivery.max_attempts", self.delivery.max_attempts),
        ] {
            if value == 0 {
                bad(key, "must be at least 1".into());
            }
        }
        if let Some(listen) = &self.server.listen
            && listen.parse::<std::net::SocketAddr>().is_err()
        {
            bad(
                "server.listen",
                format!("not HOST:PORT with an IP address: {listen:?}"),
            );
        }
        if let Some(url) = &self.server.webhook_url {
            match url::Url::parse(url) {
                Ok(u) if ["/healthz", "/metrics"].contains(&u.path()) => bad(
                    "server.webhook_url",
                    format!("its path is taken by {}: choose another", u.path()),
                ),
                Ok(u) if u.scheme() == "https" && u.host().is_some() => {}
                _ => bad(
                    "server.webhook_url",
                    format!("not an https:// address (Telegram posts only to https): {url:?}"),
                ),
            }
            if self.server.listen.is_none() {
                bad(
                    "server.webhook_url",
                    "needs server.listen, the address the webhook is served on".into(),
                );
            }
        }
        if let Some(secret) = &self.server.webhook_secret {
            let secret = secret.expose_secret();
            if secret.is_empty()
                || secret.len() > 256
                || !secret
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            {
                bad(
                    "server.webhook_secret",
                    "must be 1-256 characters of A-Z, a-z, 0-9, _ and -".into(),
                );
            }
        }
        if humantime::parse_duration(&self.onboarding.invite_ttl).is_err() {
            bad(
                "onboarding.invite_ttl",
                format!(
                    "not a duration like 7d or 48h: {:?}",
                    self.onboarding.invite_ttl
                ),
            );
        }
        for (key, value) in [
            ("delivery.retention", &self.delivery.retention),
            ("delivery.lease", &self.delivery.lease),
            ("server.shutdown_timeout", &self.server.shutdown_timeout),
            ("notices.nudge_after", &self.notices.nudge_after),
            ("notices.progress_every", &self.notices.progress_every),
            ("sessions.checkin_opens", &self.sessions.checkin_opens),
            ("sessions.checkin_closes", &self.sessions.checkin_closes),
            ("sessions.late_after", &self.sessions.late_after),
            ("feedback.answer_within", &self.feedback.answer_within),
            ("feedback.escalate_after", &self.feedback.escalate_after),
        ] {
            if humantime::parse_duration(value).is_err() {
                bad(key, format!("not a duration like 24h or 30d: {value:?}"));
            }
        }
        if crate::domain::QuietHours::parse(&self.notices.quiet_hours).is_none() {
            bad(
                "notices.quiet_hours",
                format!("not HH:MM-HH:MM or off: {:?}", self.notices.quiet_hours),
            );
        }
        for (i, value) in self.sessions.remind_before.iter().enumerate() {
            if humantime::parse_duration(value).is_err() {
                bad(
                    &format!("sessions.remind_before[{i}]"),
                    format!("not a duration like 24h or 1h: {value:?}"),
                );
            }
        }
        if self.sessions.late_after().max(0) > self.sessions.checkin_closes() {
            bad(
                "sessions.late_after",
                "must not be longer than sessions.checkin_closes".into(),
            );
        }
        if self.feedback.answer_within() > self.feedback.escalate_after() {
            bad(
                "feedback.escalate_after",
                "must not be shorter than feedback.answer_within".into(),
            );
        }
        if self.onboarding.invite_max_uses == 0 {
            bad("onboarding.invite_max_uses", "must be at least 1".into());
        }
        for (i, org) in self.bootstrap.organizers.iter().enumerate() {
            if let Err(e) = OrgCode::parse(&org.org) {
                bad(&format!("bootstrap.organizers[{i}].org"), e.to_string());
            }
            if org.telegram_id <= 0 {
                bad(
                    &format!("bootstrap.organizers[{i}].telegram_id"),
                    "must be a positive Telegram user id".into(),
                );
            }
        }
        for (i, s) in self.schedules.iter().enumerate() {
            if let Err(e) = CronSpec::parse(&s.cron) {
                bad(
                    &format!("schedules[{i}].cron"),
                    format!("{:?}: {e}", s.cron),
                );
            }
            if let Some(tz) = &s.timezone
                && tz.parse::<chrono_tz::Tz>().is_err()
            {
                bad(
                    &format!("schedules[{i}].timezone"),
                    format!("unknown timezone {tz:?}"),
                );
            }
            if !matches!(
                s.audience.as_str(),
                "all" | "mobile" | "resident" | "groups"
            ) {
                bad(
                    &format!("schedules[{i}].audience"),
                    format!("{:?}: use all, mobile, resident or groups", s.audience),
                );
            }
            if !matches!(s.purpose.as_str(), "notice" | "report" | "digest") {
                bad(
                    &format!("schedules[{i}].purpose"),
                    format!("{:?}: use notice, report or digest", s.purpose),
                );
            }
            if humantime::parse_duration(&s.grace).is_err() {
                bad(
                    &format!("schedules[{i}].grace"),
                    format!("not a duration: {:?}", s.grace),
                );
            }
            if s.name.trim().is_empty() || (s.purpose != "digest" && s.message.trim().is_empty()) {
                bad(
                    &format!("schedules[{i}]"),
                    "name and message must not be empty".into(),
                );
            }
        }
        for (key, rule) in &self.points.rules {
            let at = format!("points.rules.{key}");
            if !matches!(rule.applies_to.as_str(), "all" | "resident" | "mobile") {
                bad(
                    &format!("{at}.applies_to"),
                    format!("{:?}: use all, resident or mobile", rule.applies_to),
                );
            }
            for (cap_key, cap) in [
                ("daily_cap", rule.daily_cap),
                ("monthly_cap", rule.monthly_cap),
            ] {
                if cap.is_some_and(|c| c <= 0) {
                    bad(
                        &format!("{at}.{cap_key}"),
                        "must be positive when set".into(),
                    );
                }
            }
            if rule.points == 0 {
                bad(
                    &format!("{at}.points"),
                    "must not be 0 (remove the rule instead)".into(),
                );
            }
        }
        out
    }

    /// The validated default timezone.
    pub fn timezone(&self) -> chrono_tz::Tz {
        self.general
            .timezone
            .parse()
            .unwrap_or(chrono_tz::Asia::Shanghai)
    }

    /// The validated default locale.
    pub fn default_locale(&self) -> Locale {
        self.general.default_locale.parse().unwrap_or_default()
    }
}

/// Figment's errors name the key; say which and keep the secret out.
fn describe_figment_error(e: figment::Error) -> String {
    e.into_iter()
        .map(|err| {
            let key = err.path.join(".");
            let what = err.kind.to_string();
            if key.is_empty() {
                what
            } else {
                format!("{key}: {what}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped config.toml documents the defaults: loading it changes nothing.
    #[test]
    fn the_shipped_config_file_states_the_defaults() {
        let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/config.toml"));
        let from_file: Config = Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::file_exact(path))
            .extract()
            .unwrap();
        let as_toml = |c: &Config| toml_value(c);
        assert_eq!(as_toml(&from_file), as_toml(&Config::default()));
    }

    fn toml_value(c: &Config) -> String {
        serde_json::to_string(
            &Figment::from(Serialized::defaults(c))
                .extract::<serde_json::Value>()
                .unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn defaults_are_valid() {
        assert_eq!(Config::default().problems(), vec![]);
    }

    #[test]
    fn each_problem_names_its_key() {
        let mut c = Config::default();
        c.general.timezone = "Mars/Olympus".into();
        c.delivery.global_per_second = 0;
        c.schedules.clear();
        c.schedules.push(ScheduleConfig {
            name: "x".into(),
            cron: "61 * * * *".into(),
            timezone: None,
            audience: "everyone".into(),
            message: "m".into(),
            grace: "1h".into(),
            purpose: "notice".into(),
        });
        let keys: Vec<_> = c.problems().into_iter().map(|p| p.key).collect();
        assert_eq!(
            keys,
            [
                "general.timezone",
                "delivery.global_per_second",
                "schedules[0].cron",
                "schedules[0].audience"
            ]
        );
    }

    #[test]
    fn the_webhook_needs_https_a_listen_address_and_a_plain_secret() {
        let mut c = Config::default();
        c.server.webhook_url = Some("http://bot.example.org/hook".into());
        c.server.webhook_secret = Some(SecretString::from("has spaces"));
        c.server.shutdown_timeout = "soon".into();
        let problems = c.problems();
        let keys: Vec<_> = problems.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "server.webhook_url",
                "server.webhook_url",
                "server.webhook_secret",
                "server.shutdown_timeout"
            ],
            "{problems:?}"
        );
        c.server.listen = Some("0.0.0.0:8443".into());
        c.server.webhook_url = Some("https://bot.example.org/metrics".into());
        assert_eq!(c.problems()[0].key, "server.webhook_url");
        c.server.webhook_url = Some("https://bot.example.org/hook".into());
        c.server.webhook_secret = Some(SecretString::from("abc_DEF-123"));
        c.server.shutdown_timeout = "45s".into();
        assert_eq!(c.problems(), vec![]);
        assert_eq!(c.server.shutdown_timeout(), Duration::from_secs(45));
    }
}
