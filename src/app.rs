//! What every use case works with: settings, the store, the wording and the clock.

use std::sync::Arc;

use crate::clock::Clock;
use crate::config::Config;
use crate::domain::Locale;
use crate::i18n::I18n;
use crate::store::Store;

/// The shared context of one running Lianxin.
#[derive(Debug, Clone)]
pub struct App {
    /// Settings.
    pub config: Arc<Config>,
    /// The database.
    pub store: Store,
    /// All wording.
    pub i18n: Arc<I18n>,
    /// "Now".
    pub clock: Clock,
    /// The bot's @username (for deep links); empty when not connected to Telegram.
    pub bot_username: Arc<str>,
    /// Wakes the delivery worker after messages were queued.
    pub delivery: crate::delivery::Waker,
    /// Figures for `/metrics`.
    pub metrics: Arc<crate::metrics::Metrics>,
}

impl App {
    /// Milliseconds since the epoch, from the app's clock.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// The default timezone.
    pub fn tz(&self) -> chrono_tz::Tz {
        self.config.timezone()
    }

    /// A time as the default timezone shows it, `2026-12-04 10:30`.
    pub fn format_time(&self, millis: i64) -> String {
        chrono::DateTime::from_timestamp_millis(millis)
            .map(|t| {
                t.with_timezone(&self.tz())
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_default()
    }

    /// A date (`2026-12-01`) in the default timezone.
    pub fn format_date(&self, millis: i64) -> String {
        chrono::DateTime::from_timestamp_millis(millis)
            .map(|t| t.with_timezone(&self.tz()).format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    }

    /// The locale of a chat: the person's own, or the default for groups and strangers.
    pub async fn locale_of(&self, chat_id: i64) -> Locale {
        if chat_id > 0
            && let Ok(Some(locale)) = self.store.user_locale(chat_id).await
        {
            return locale;
        }
        self.config.default_locale()
    }
}

/// The person behind an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Telegram user id.
    pub id: i64,
    /// Display name from Telegram.
    pub name: String,
}
