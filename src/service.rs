//! The running service: store, wording, Telegram dispatcher and delivery worker, wired together.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use secrecy::ExposeSecret;
use teloxide::Bot;
use teloxide::dispatching::ShutdownToken;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

use crate::app::App;
use crate::clock::Clock;
use crate::config::Config;
use crate::delivery::{Waker, Worker};
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
    dispatcher: JoinHandle<()>,
    delivery: JoinHandle<()>,
    timers: JoinHandle<()>,
    stop_timers: Arc<Notify>,
    stop_delivery: Arc<Notify>,
}

impl Service {
    /// Opens the store (migrating it), loads the wording, grants bootstrap organizers, asks
    /// Telegram who the bot is, starts the delivery worker, registers the command menus and
    /// starts long polling.
    pub async fn start(config: Config, clock: Clock) -> Result<Service> {
        Service::start_with(config, clock, Progress::default()).await
    }

    /// [`Service::start`], recording handled updates in `progress` (kept across restarts by
    /// tests and the demo).
    pub async fn start_with(config: Config, clock: Clock, progress: Progress) -> Result<Service> {
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
        crate::schedules::sync(&store, &config, clock.now())
            .await
            .context("keeping the [[schedules]] of the configuration")?;
        let bot = telegram::bot(&token, &config.telegram.api_url)?;
        let username = telegram::bot_username(&bot).await?;
        let app = App {
            config: Arc::new(config),
            store,
            i18n: Arc::new(i18n),
            clock,
            bot_username: username.into(),
            delivery: Waker::default(),
        };
        let stop_delivery = Arc::new(Notify::new());
        let worker = Worker::new(app.clone(), bot.clone(), app.delivery.clone());
        let delivery = tokio::spawn(worker.run(stop_delivery.clone()));
        let stop_timers = Arc::new(Notify::new());
        let timers = tokio::spawn(crate::notices::dispatch::run(
            app.clone(),
            stop_timers.clone(),
        ));
        let (shutdown, dispatcher) =
            telegram::start(bot.clone(), app.clone(), progress.clone()).await?;
        tracing::info!(bot = %app.bot_username, "Lianxin is running");
        Ok(Service {
            app,
            bot,
            progress,
            shutdown,
            dispatcher,
            delivery,
            timers,
            stop_timers,
            stop_delivery,
        })
    }

    /// Waits until the dispatcher or the delivery worker ends (they end only when stopped or on
    /// a fatal error) and says which.
    pub async fn join(&mut self) -> &'static str {
        tokio::select! {
            _ = &mut self.dispatcher => "the Telegram dispatcher",
            _ = &mut self.delivery => "the delivery worker",
        }
    }

    /// Stops polling gracefully (finishing updates in hand), lets the sends in flight finish,
    /// and closes the store. Queued messages stay queued for the next start.
    pub async fn stop(self) {
        // The token refuses while the dispatcher is still starting: retry until it takes.
        // Its returned future is not awaited: it can miss the wake-up if dispatching ends
        // before it is first polled. The task ending is the reliable signal.
        let dispatcher = async {
            while self.shutdown.shutdown().is_err() && !self.dispatcher.is_finished() {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            let _ = self.dispatcher.await;
        };
        slow_to_stop("the dispatcher (handlers in flight)", dispatcher).await;
        self.stop_timers.notify_one();
        let _ = slow_to_stop("the timers (the current tick)", self.timers).await;
        self.stop_delivery.notify_one();
        let _ = slow_to_stop("delivery (sends in flight)", self.delivery).await;
        slow_to_stop(
            "the database pool (connections in use)",
            self.app.store.close(),
        )
        .await;
    }
}

/// Awaits one part of stopping, and says so when it takes long (a stop that hangs shows where).
async fn slow_to_stop<F: std::future::Future>(part: &str, f: F) -> F::Output {
    let started = tokio::time::Instant::now();
    let out = f.await;
    let took = started.elapsed();
    if took > Duration::from_secs(3) {
        tracing::warn!(part, secs = took.as_secs_f64(), "stopping took long");
    }
    out
}
