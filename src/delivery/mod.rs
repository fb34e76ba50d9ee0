//! The delivery worker: claims outbox rows, keeps under Telegram's limits, sends concurrently,
//! and sorts Telegram's answers into sent / retry / moved / blocked / failed.

mod limits;

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use teloxide::prelude::*;
use teloxide::types::{
    InlineKeyboardMarkup, InputFile, KeyboardMarkup, KeyboardRemove, MessageId, ReplyMarkup,
};
use teloxide::{ApiError, RequestError};
use tokio::sync::{Notify, Semaphore, mpsc};

pub use limits::Limits;

use crate::app::App;
use crate::store::{OutboxRow, SendOutcome};

/// Sends in flight at once; slow answers from Telegram never hold up the others.
pub const IN_FLIGHT: usize = 64;

/// The keyboard attached to an outgoing message, as stored in the outbox.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Markup {
    /// Inline buttons.
    Inline(InlineKeyboardMarkup),
    /// A reply keyboard.
    Keyboard(KeyboardMarkup),
    /// Take the reply keyboard away.
    Remove,
}

impl Markup {
    fn into_reply_markup(self) -> ReplyMarkup {
        match self {
            Markup::Inline(k) => ReplyMarkup::InlineKeyboard(k),
            Markup::Keyboard(k) => ReplyMarkup::Keyboard(k),
            Markup::Remove => ReplyMarkup::KeyboardRemove(KeyboardRemove::new()),
        }
    }
}

/// Wakes the worker when something was queued.
#[derive(Debug, Clone, Default)]
pub struct Waker(Arc<Notify>);

impl Waker {
    /// Tells the worker there is work.
    pub fn wake(&self) {
        self.0.notify_one();
    }
}

/// The outbox worker of one process.
pub struct Worker {
    app: App,
    bot: Bot,
    limits: Arc<Limits>,
    waker: Waker,
    /// Bulk sending waits until this time after a 429 (ms since the epoch).
    paused_until: Arc<AtomicI64>,
}

impl Worker {
    /// A worker sending through `bot` within the configured limits.
    pub fn new(app: App, bot: Bot, waker: Waker) -> Worker {
        let limits = Arc::new(Limits::new(&app.config.delivery));
        Worker {
            app,
            bot,
            limits,
            waker,
            paused_until: Arc::new(AtomicI64::new(0)),
        }
    }

    /// The limits this worker keeps (shared with whoever splits the budget between processes).
    pub fn limits(&self) -> Arc<Limits> {
        self.limits.clone()
    }

    /// Runs until `stop` is notified, then lets the sends in flight finish: messages still
    /// waiting for their turn go back to the queue at once, and sends that do not finish within
    /// most of `server.shutdown_timeout` are abandoned to their lease (retried after it).
    pub async fn run(self, stop: Arc<Notify>) {
        let slots = Arc::new(Semaphore::new(IN_FLIGHT));
        let mut sends = tokio::task::JoinSet::new();
        let (stopped_tx, stopped) = tokio::sync::watch::channel(false);
        let max_attempts = i64::from(self.app.config.delivery.max_attempts);
        let (done_tx, done_rx) = mpsc::unbounded_channel();
        let writer = tokio::spawn(record(
            self.app.clone(),
            done_rx,
            max_attempts,
            self.waker.clone(),
        ));
        let stopping = stop.notified();
        tokio::pin!(stopping);
        stopping.as_mut().enable();
        loop {
            self.app.metrics.live.delivery_beat();
            while sends.try_join_next().is_some() {}
            // Register for a wake-up before looking, so a message queued meanwhile is not missed.
            let woken = self.waker.0.notified();
            tokio::pin!(woken);
            woken.as_mut().enable();

            // Claim in batches: each claim looks over the whole queue, so claiming one row per
            // finished send would cost more than the sending. Claim when a quarter of the slots
            // are free, or whenever nothing is in flight.
            let free = slots.available_permits();
            let lease = self.app.config.delivery.lease().as_millis() as i64;
            let lease_until = self.app.now() + lease;
            let claimed = if free < IN_FLIGHT / 4 && free != IN_FLIGHT {
                Vec::new()
            } else {
                let now = self.app.now();
                let max_priority = if now < self.paused_until.load(Ordering::Relaxed) {
                    0
                } else {
                    1
                };
                match self
                    .app
                    .store
                    .claim_outbox_spaced(
                        now,
                        lease_until,
                        free as i64,
                        max_priority,
                        self.limits.shared_gaps(),
                    )
                    .await
                {
                    Ok(rows) => rows,
                    Err(e) => {
                        tracing::error!(error = %e, "claiming outbox rows failed");
                        Vec::new()
                    }
                }
            };
            if claimed.is_empty() {
                self.limits.forget_idle();
                let full = free < IN_FLIGHT / 4 && free != IN_FLIGHT;
                let wait = self.idle_wait(full).await;
                tokio::select! {
                    _ = &mut stopping => break,
                    _ = &mut woken => {}
                    _ = tokio::time::sleep(wait) => {}
                    // A send finishing frees a slot and may unblock the next message of its chat.
                    _ = slots.acquire_many((IN_FLIGHT / 4) as u32), if full => {}
                }
                continue;
            }
            for row in claimed {
                let permit = slots.clone().acquire_owned().await.expect("semaphore open");
                let (app, bot, limits, paused, done, mut stopped) = (
                    self.app.clone(),
                    self.bot.clone(),
                    self.limits.clone(),
                    self.paused_until.clone(),
                    done_tx.clone(),
                    stopped.clone(),
                );
                sends.spawn(async move {
                    let go = tokio::select! {
                        biased;
                        _ = stopped.wait_for(|s| *s) => false,
                        () = limits.wait(row.chat_id) => true,
                    };
                    if !go {
                        // Stopping: not sent, back to the queue for whichever process is next.
                        let now = app.now();
                        let _ = done.send((row, released(now), now));
                        drop(permit);
                        return;
                    }
                    // A row that waited here for most of its lease may be claimed again by
                    // now (or soon): leave it to that claim rather than send it twice.
                    if app.now() > lease_until - lease / 2 {
                        tracing::debug!(
                            row = row.id,
                            "lease nearly over before sending; left for the next claim"
                        );
                        drop(permit);
                        return;
                    }
                    let outcome = match prepare(&app, &row).await {
                        Ok(ready) => sort(send(&bot, &ready).await, &row, app.now()),
                        Err(outcome) => outcome,
                    };
                    let now = app.now();
                    app.metrics.sent(&outcome);
                    if let SendOutcome::Retry {
                        at, counts: false, ..
                    } = &outcome
                    {
                        paused.fetch_max(*at, Ordering::Relaxed);
                        tracing::warn!(
                            chat = row.chat_id,
                            "Telegram asked to slow down; bulk sending paused"
                        );
                    }
                    after(&app, &row, &outcome).await;
                    // Recorded by the writer, in batches; the row stays leased until then.
                    let _ = done.send((row, outcome, now));
                    drop(permit);
                });
            }
        }
        // Release what has not gone yet; let the sends in flight finish and record their
        // outcome, within most of the time a stop may take.
        let _ = stopped_tx.send(true);
        let grace = self.app.config.server.shutdown_timeout().mul_f64(0.6);
        if tokio::time::timeout(grace, slots.acquire_many(IN_FLIGHT as u32))
            .await
            .is_err()
        {
            tracing::warn!(
                sends = sends.len(),
                "sends still in flight at shutdown abandoned; they are retried after their lease"
            );
            sends.abort_all();
        }
        while sends.join_next().await.is_some() {}
        drop(done_tx);
        let _ = writer.await;
    }

    async fn idle_wait(&self, full: bool) -> Duration {
        if full {
            return Duration::from_secs(1);
        }
        let now = self.app.now();
        match self.app.store.outbox_next_due().await {
            Ok(Some(at)) if at > now => Duration::from_millis((at - now).min(1000) as u64),
            Ok(Some(_)) => Duration::from_millis(20),
            _ => Duration::from_secs(1),
        }
    }
}

/// The outcome of a message claimed but not sent because the worker is stopping.
fn released(now: i64) -> SendOutcome {
    SendOutcome::Retry {
        at: now,
        error: "not sent: the sender stopped".into(),
        counts: false,
    }
}

/// Records outcomes in batches, one transaction each, and wakes the worker after each batch
/// (a chat's next message can go once its previous one is recorded).
async fn record(
    app: App,
    mut done: mpsc::UnboundedReceiver<(OutboxRow, SendOutcome, i64)>,
    max_attempts: i64,
    waker: Waker,
) {
    let mut batch = Vec::with_capacity(256);
    while done.recv_many(&mut batch, 256).await > 0 {
        if let Err(e) = app.store.finish_outbox_many(&batch, max_attempts).await {
            tracing::error!(error = %e, count = batch.len(), "recording sends failed; their leases will expire and they are retried");
        }
        batch.clear();
        waker.wake();
    }
}

/// Fills in what is decided only at sending time: the live 「收到 ✓ n/m」 count of a notice in
/// a group is read now, so the one edit that goes shows every press made until then.
async fn prepare<'r>(
    app: &App,
    row: &'r OutboxRow,
) -> Result<std::borrow::Cow<'r, OutboxRow>, SendOutcome> {
    if row.kind != "ack_count" {
        return Ok(std::borrow::Cow::Borrowed(row));
    }
    let notice = row.body.parse::<i64>().unwrap_or_default();
    match crate::notices::dispatch::count_markup(app, notice, row.chat_id).await {
        Ok(Some(markup)) => Ok(std::borrow::Cow::Owned(OutboxRow {
            kind: "edit_markup".into(),
            markup: Some(markup),
            ..row.clone()
        })),
        Ok(None) => Err(SendOutcome::Failed {
            error: "the notice or its group is gone".into(),
        }),
        Err(e) => Err(SendOutcome::Retry {
            at: app.now() + 1000,
            error: format!("{e:#}"),
            counts: true,
        }),
    }
}

/// Side effects of an outcome on the rest of the store.
async fn after(app: &App, row: &OutboxRow, outcome: &SendOutcome) {
    let result = match outcome {
        SendOutcome::Blocked { .. } => app.store.set_reachable(row.chat_id, false).await,
        SendOutcome::Moved { chat_id } => app
            .store
            .migrate_group(row.chat_id, *chat_id, app.now())
            .await
            .map(|_| ()),
        _ => Ok(()),
    };
    if let Err(e) = result {
        tracing::warn!(chat = row.chat_id, error = %e, "recording a delivery side effect failed");
    }
}

/// What Telegram said, sorted into what to do about it.
fn sort(result: Result<Option<i64>, RequestError>, row: &OutboxRow, now: i64) -> SendOutcome {
    let backoff = |attempts: i64| now + 1000 * (1i64 << attempts.clamp(0, 8));
    match result {
        Ok(message_id) => SendOutcome::Sent { message_id },
        Err(RequestError::RetryAfter(secs)) => SendOutcome::Retry {
            at: now + secs.duration().as_millis() as i64,
            error: "429 Too Many Requests".into(),
            counts: false,
        },
        Err(RequestError::MigrateToChatId(new)) => SendOutcome::Moved { chat_id: new.0 },
        Err(RequestError::Api(ApiError::MessageNotModified)) => SendOutcome::Sent {
            message_id: row.edit_message_id,
        },
        Err(RequestError::Api(
            e @ (ApiError::BotBlocked
            | ApiError::UserDeactivated
            | ApiError::BotKicked
            | ApiError::BotKickedFromSupergroup),
        )) => SendOutcome::Blocked {
            error: e.to_string(),
        },
        Err(RequestError::Api(ApiError::Unknown(text)))
            if text.contains("can't initiate conversation") || text.contains("was kicked") =>
        {
            SendOutcome::Blocked { error: text }
        }
        Err(RequestError::Api(e @ ApiError::Unknown(_))) if is_server_error(&e) => {
            SendOutcome::Retry {
                at: backoff(row.attempts),
                error: e.to_string(),
                counts: true,
            }
        }
        Err(RequestError::Api(e)) => SendOutcome::Failed {
            error: e.to_string(),
        },
        Err(
            e @ (RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. }),
        ) => SendOutcome::Retry {
            at: backoff(row.attempts),
            error: crate::logging::redact(&e.to_string()),
            counts: true,
        },
    }
}

/// 5xx answers reach teloxide as unknown API errors (it reads only the body).
fn is_server_error(e: &ApiError) -> bool {
    let text = e.to_string();
    text.contains("Internal Server Error")
        || text.contains("Bad Gateway")
        || text.contains("Service Unavailable")
        || text.contains("Gateway")
}

/// Makes the Bot API call for one row; returns Telegram's message id.
async fn send(bot: &Bot, row: &OutboxRow) -> Result<Option<i64>, RequestError> {
    let chat = ChatId(row.chat_id);
    let markup: Option<Markup> = row
        .markup
        .as_deref()
        .and_then(|m| serde_json::from_str(m).ok());
    let inline = || match markup.clone() {
        Some(Markup::Inline(k)) => k,
        _ => InlineKeyboardMarkup::default(),
    };
    let edit_id = MessageId(row.edit_message_id.unwrap_or_default() as i32);
    match row.kind.as_str() {
        kind @ ("photo" | "document" | "voice" | "audio" | "video") => {
            let file = match (&row.file, &row.file_ref) {
                (Some(bytes), _) => InputFile::memory(bytes.clone()).file_name(
                    row.file_name
                        .clone()
                        .unwrap_or_else(|| "picture.png".into()),
                ),
                (None, Some(id)) => InputFile::file_id(teloxide::types::FileId(id.clone())),
                (None, None) => InputFile::memory(Vec::new()),
            };
            let reply_markup = markup.clone().map(Markup::into_reply_markup);
            let caption = row.body.clone();
            let sent = match kind {
                "photo" => {
                    let mut r = bot.send_photo(chat, file).caption(caption);
                    r.reply_markup = reply_markup;
                    r.await?
                }
                "document" => {
                    let mut r = bot.send_document(chat, file).caption(caption);
                    r.reply_markup = reply_markup;
                    r.await?
                }
                "audio" => {
                    let mut r = bot.send_audio(chat, file).caption(caption);
                    r.reply_markup = reply_markup;
                    r.await?
                }
                "video" => {
                    let mut r = bot.send_video(chat, file).caption(caption);
                    r.reply_markup = reply_markup;
                    r.await?
                }
                _ => {
                    let mut r = bot.send_voice(chat, file).caption(caption);
                    r.reply_markup = reply_markup;
                    r.await?
                }
            };
            Ok(Some(i64::from(sent.id.0)))
        }
        "edit_text" => {
            bot.edit_message_text(chat, edit_id, row.body.clone())
                .reply_markup(inline())
                .await?;
            Ok(row.edit_message_id)
        }
        "edit_caption" => {
            bot.edit_message_caption(chat, edit_id)
                .caption(row.body.clone())
                .reply_markup(inline())
                .await?;
            Ok(row.edit_message_id)
        }
        "edit_markup" => {
            bot.edit_message_reply_markup(chat, edit_id)
                .reply_markup(inline())
                .await?;
            Ok(row.edit_message_id)
        }
        _ => {
            let mut request = bot.send_message(chat, row.body.clone());
            if let Some(m) = markup {
                request = request.reply_markup(m.into_reply_markup());
            }
            Ok(Some(i64::from(request.await?.id.0)))
        }
    }
}
