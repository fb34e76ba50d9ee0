//! The running service: store, wording, Telegram dispatcher and delivery worker, wired together.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use secrecy::ExposeSecret;
use teloxide::Bot;
use teloxide::dispatching::ShutdownToken;
use teloxide::update_listeners::webhooks;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

use crate::app::App;
use crate::clock::Clock;
use crate::config::Config;
use crate::delivery::{Waker, Worker};
use crate::http;
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
    heartbeat: JoinHandle<()>,
    stop_heartbeat: Arc<Notify>,
    http: Option<Http>,
}

/// The HTTP server of a service started with `server.listen`.
struct Http {
    addr: SocketAddr,
    task: JoinHandle<()>,
    stop: Arc<Notify>,
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
            metrics: Default::default(),
        };
        let stop_delivery = Arc::new(Notify::new());
        let worker = Worker::new(app.clone(), bot.clone(), app.delivery.clone());
        let stop_heartbeat = Arc::new(Notify::new());
        let instance = Instance::new(&app, worker.limits());
        let others = instance.beat().await > 1;
        let heartbeat = tokio::spawn(instance.run(stop_heartbeat.clone()));
        let stopping = stop_delivery.clone();
        let delivery = tokio::spawn(async move {
            // Joining processes already sending: they learn of this one at their next beat,
            // and until then still spend the whole budget between them.
            if others {
                tokio::time::sleep(HEARTBEAT).await;
            }
            worker.run(stopping).await;
        });
        let stop_timers = Arc::new(Notify::new());
        let timers = tokio::spawn(crate::notices::dispatch::run(
            app.clone(),
            stop_timers.clone(),
        ));
        let listener = match &app.config.server.listen {
            Some(listen) => Some(
                tokio::net::TcpListener::bind(listen)
                    .await
                    .with_context(|| format!("cannot listen on server.listen = {listen}"))?,
            ),
            None => None,
        };
        let stop_http = Arc::new(Notify::new());
        let stopped = stop_http.clone();
        let stop_server = async move { stopped.notified().await };
        let (shutdown, dispatcher, http) = match (&app.config.server.webhook_url, listener) {
            (Some(url), Some(listener)) => {
                let secret = http::webhook_secret(&app, &token);
                let options = webhooks::Options::new(
                    listener.local_addr()?,
                    reqwest::Url::parse(url).context("server.webhook_url")?,
                )
                .secret_token(secret.expose_secret().to_string());
                let (updates, stop_flag, router) = webhooks::axum_no_setup(options);
                let (shutdown, dispatcher) =
                    telegram::start(bot.clone(), app.clone(), progress.clone(), updates).await?;
                let router = http::guard_webhook(router, app.clone(), secret.clone())
                    .merge(http::ops_router(app.clone()));
                // The server ends when the dispatcher stops taking updates: its router holds
                // the channel the dispatcher drains, which closes with it.
                let stop = async move {
                    tokio::select! {
                        () = stop_flag => {}
                        () = stop_server => {}
                    }
                };
                let http = Http {
                    addr: listener.local_addr()?,
                    task: http::serve(listener, router, stop),
                    stop: stop_http,
                };
                http::set_webhook(&bot, url, &secret).await?;
                tracing::info!(url = %url, listen = %http.addr, "receiving updates by webhook");
                (shutdown, dispatcher, Some(http))
            }
            (_, listener) => {
                let http = listener.map(|listener| -> Result<Http> {
                    Ok(Http {
                        addr: listener.local_addr()?,
                        task: http::serve(listener, http::ops_router(app.clone()), stop_server),
                        stop: stop_http.clone(),
                    })
                });
                let http = http.transpose()?;
                let polling = telegram::polling(bot.clone(), &app).await;
                let (shutdown, dispatcher) =
                    telegram::start(bot.clone(), app.clone(), progress.clone(), polling).await?;
                (shutdown, dispatcher, http)
            }
        };
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
            heartbeat,
            stop_heartbeat,
            http,
        })
    }

    /// The address the HTTP server (webhook, `/healthz`, `/metrics`) listens on, when
    /// `server.listen` is set.
    pub fn http_addr(&self) -> Option<SocketAddr> {
        self.http.as_ref().map(|h| h.addr)
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
        self.stop_heartbeat.notify_one();
        let _ = self.heartbeat.await;
        if let Some(http) = self.http {
            http.stop.notify_one();
            let _ = slow_to_stop("the HTTP server (requests in hand)", http.task).await;
        }
        slow_to_stop(
            "the database pool (connections in use)",
            self.app.store.close(),
        )
        .await;
    }
}

/// How often a process says it is alive and counts the others.
const HEARTBEAT: Duration = Duration::from_secs(2);

/// This process in the `instances` table: it beats every [`HEARTBEAT`], and the bot's sending
/// budget is split by how many processes are alive.
struct Instance {
    id: String,
    started: i64,
    app: App,
    limits: Arc<crate::delivery::Limits>,
}

impl Instance {
    fn new(app: &App, limits: Arc<crate::delivery::Limits>) -> Instance {
        Instance {
            id: format!(
                "{}-{}-{:08x}",
                std::env::var("HOSTNAME").unwrap_or_else(|_| "lianxin".into()),
                std::process::id(),
                rand::random::<u32>()
            ),
            started: app.now(),
            app: app.clone(),
            limits,
        }
    }

    /// Says this process is alive and takes its share; how many processes are alive.
    async fn beat(&self) -> i64 {
        match self
            .app
            .store
            .heartbeat(&self.id, self.started, self.app.now())
            .await
        {
            Ok(n) => {
                self.app.metrics.live.set_instances(n as u64);
                self.limits.share(n as u32);
                n
            }
            Err(e) => {
                tracing::warn!(error = %e, "recording this process's heartbeat failed");
                1
            }
        }
    }

    /// Beats until `stop`, then leaves the table.
    async fn run(self, stop: Arc<Notify>) {
        let stopping = stop.notified();
        tokio::pin!(stopping);
        loop {
            tokio::select! {
                () = &mut stopping => break,
                () = tokio::time::sleep(HEARTBEAT) => {}
            }
            self.beat().await;
        }
        if let Err(e) = self.app.store.leave(&self.id).await {
            tracing::warn!(error = %e, "removing this process from the instances failed");
        }
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
