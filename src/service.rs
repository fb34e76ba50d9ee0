//! The running service: store, wording, Telegram dispatcher, wired together.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use secrecy::ExposeSecret;
use teloxide::Bot;
use teloxide::dispatching::ShutdownToken;

use crate::app::App;
use crate::clock::Clock;
use crate::config::Config;
use crate::i18n::I18n;
use crate::store::Store;
use crate::telegram::{self, Progress};

/// Lianxin running against a Bot API server.
pub struct Service {
    /// What the handlers work with.
    pub app: App,
    /// The bot client.
    pub bot: Bot,
    /// Updates handled so far.
    pub progress: Progress,
    shutdown: ShutdownToken,
    task: tokio::task::JoinHandle<()>,
}

impl Service {
    /// Opens the store (migrating it), loads the wording, grants bootstrap organizers, asks
    /// Telegram who the bot is, registers the command menus and starts long polling.
    pub async fn start(config: Config, clock: Clock) -> Result<Service> {
        let Some(token) = config
            .telegram
            .token
            .as_ref()
            .map(|t| t.expose_secret().to_string())
        else {
            bail!(
                "no bot token: set TELOXIDE_TOKEN or LIANXIN_TELEGRAM__TOKEN, or telegram.token in config.toml"
            );
        };
        crate::logging::add_secret(&token);
        let store = Store::open(&config.database.url, config.database.max_connections).await?;
        let i18n =
            I18n::load(Path::new(&config.general.messages_dir)).context("loading messages")?;
        crate::admin::bootstrap(&store, &config, clock.now()).await?;
        let bot = telegram::bot(&token, &config.telegram.api_url)?;
        let username = telegram::bot_username(&bot).await?;
        let app = App {
            config: Arc::new(config),
            store,
            i18n: Arc::new(i18n),
            clock,
            bot_username: username.into(),
        };
        let progress = Progress::default();
        let (shutdown, task) = telegram::start(bot.clone(), app.clone(), progress.clone()).await?;
        tracing::info!(bot = %app.bot_username, "Lianxin is running");
        Ok(Service {
            app,
            bot,
            progress,
            shutdown,
            task,
        })
    }

    /// Whether the dispatcher task has ended (it only ends when stopped or on a fatal error).
    pub fn is_finished(&self) -> bool {
        self.task.is_finished()
    }

    /// Waits until the dispatcher task ends.
    pub async fn join(&mut self) {
        let _ = (&mut self.task).await;
    }

    /// Stops polling gracefully (finishing updates in hand) and closes the store.
    pub async fn stop(self) {
        // The token refuses while the dispatcher is still starting: retry until it takes.
        // Its returned future is not awaited: it can miss the wake-up if dispatching ends
        // before it is first polled. The task ending is the reliable signal.
        while self.shutdown.shutdown().is_err() && !self.task.is_finished() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let _ = self.task.await;
        self.app.store.close().await;
    }
}
