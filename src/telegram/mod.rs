//! The teloxide adapter: long polling, the dispatcher schema, and handlers that turn updates
//! into use-case calls and render what they answer.

pub mod commands;
pub mod render;

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use teloxide::dispatching::ShutdownToken;
use teloxide::dispatching::{Dispatcher, UpdateFilterExt};
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::{
    AllowedUpdate, BotCommand, BotCommandScope, CallbackQuery, ChatMemberUpdated, Message,
    Recipient, Update, User,
};
use teloxide::update_listeners::Polling;

use self::commands::{Command, Typed};
use crate::access::Staff;
use crate::app::{Actor, App};
use crate::dialogue::Dialogue;
use crate::domain::{Locale, NoticeKind, Purpose};
use crate::feedback::{self, Said};
use crate::i18n::Text;
use crate::metrics::UpdateKind;
use crate::notices::{self, receipts, settings};
use crate::onboarding::{self, groups, invites, profile, roster, staff};
use crate::reply::{Action, Button, Line, Outcome, Reply};
use crate::{handover, lessons, polls, reports, schedules, sessions};

/// The updates whose handling has finished (by update id), so tests and the demo can wait for
/// the bot to settle. Shared across restarts by whoever passes the same one in.
#[derive(Debug, Clone, Default)]
pub struct Progress(Arc<std::sync::Mutex<std::collections::HashSet<u32>>>);

impl Progress {
    /// Updates handled so far.
    pub fn handled(&self) -> u64 {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).len() as u64
    }

    /// Whether the update with this id has been handled.
    pub fn has_handled(&self, update_id: u32) -> bool {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&update_id)
    }

    /// Whether the bot has handled every update `sim` handed out or still holds, and nothing
    /// is due in the outbox: the point at which tests and the demo look at what people see.
    pub async fn settled(
        &self,
        sim: &tg_sim::Sim,
        store: &crate::store::Store,
        now: i64,
    ) -> crate::store::StoreResult<bool> {
        // Pending first, then what was handed out: an update taken by getUpdates between the
        // two reads is then seen as handed out (read the other way round, it would be in
        // neither). Handed-out updates are tracked by id, which a count could not do across
        // a restart.
        if sim.pending_updates() > 0
            || sim
                .delivered_update_ids()
                .iter()
                .any(|id| !self.has_handled(*id as u32))
        {
            return Ok(false);
        }
        Ok(store.outbox_due(now).await? == 0 && sim.pending_updates() == 0)
    }

    fn done(&self, update: &Update) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(update.id.0);
    }
}

/// Staff whose own command menu this process has registered.
#[derive(Debug, Clone, Default)]
struct Menus(Arc<std::sync::Mutex<std::collections::HashSet<i64>>>);

impl Menus {
    /// Registers a person's staff menu the first time they are seen holding a role, so that a
    /// role granted while the bot runs shows up in their menu without a restart.
    async fn ensure(&self, bot: &Bot, app: &App, telegram_id: i64) -> Result<()> {
        if self
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&telegram_id)
        {
            return Ok(());
        }
        if Staff::of(&app.store, telegram_id).await?.is_staff() {
            register_staff_commands(bot, app, telegram_id).await;
            self.0
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(telegram_id);
        }
        Ok(())
    }
}

/// Workers handling updates.
const WORKERS: i64 = 256;
/// Updates waiting for one worker before the dispatcher waits for it.
const WORKER_QUEUE: usize = 256;

/// Which worker handles an update. Messages of one chat go to one worker, in order; a button
/// press goes by who pressed it, so that a whole group pressing 「签到」 at once is handled in
/// parallel. A bounded set of workers keeps a burst of 10,000 presses from starting 10,000.
fn worker_of(update: &Update) -> Option<i64> {
    let key = match &update.kind {
        teloxide::types::UpdateKind::CallbackQuery(q) => q.from.id.0 as i64,
        _ => update.chat()?.id.0,
    };
    Some(key.rem_euclid(WORKERS))
}

/// People this process recorded as seen lately, with what it recorded: a press or message
/// from someone seen in the last few minutes with the same names skips the write.
#[derive(Debug, Clone, Default)]
struct Seen(Arc<std::sync::Mutex<std::collections::HashMap<i64, (u64, i64)>>>);

impl Seen {
    /// How long a recorded sighting stands.
    const FRESH_MS: i64 = 5 * 60_000;
    /// Entries kept at most (then the map starts over).
    const MAX: usize = 200_000;

    fn digest(user: &User) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (
            &user.first_name,
            &user.last_name,
            &user.username,
            &user.language_code,
        )
            .hash(&mut h);
        h.finish()
    }

    /// Whether `user` was written lately with the same names.
    fn is_fresh(&self, user: &User, now: i64) -> bool {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.get(&(user.id.0 as i64))
            .is_some_and(|(d, at)| *d == Self::digest(user) && now - at < Self::FRESH_MS)
    }

    /// Notes that `user` was just written.
    fn note(&self, user: &User, now: i64) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= Self::MAX {
            map.clear();
        }
        map.insert(user.id.0 as i64, (Self::digest(user), now));
    }
}

/// A bot pointed at `api_url`.
pub fn bot(token: &str, api_url: &str) -> Result<Bot> {
    let url = reqwest::Url::parse(api_url).context("telegram.api_url")?;
    Ok(Bot::new(token).set_api_url(url))
}

/// Asks Telegram who the bot is; its @username makes the invite links.
pub async fn bot_username(bot: &Bot) -> Result<String> {
    let me = bot
        .get_me()
        .await
        .context("getMe failed: is the token right and Telegram reachable?")?;
    Ok(me.username.clone().unwrap_or_default())
}

/// The updates Lianxin handles, asked for by long polling and by the webhook alike.
pub const ALLOWED_UPDATES: [AllowedUpdate; 3] = [
    AllowedUpdate::Message,
    AllowedUpdate::CallbackQuery,
    AllowedUpdate::MyChatMember,
];

/// Long polling (`getUpdates`), deleting any webhook first.
pub async fn polling(
    bot: Bot,
    app: &App,
) -> impl teloxide::update_listeners::UpdateListener<Err = teloxide::RequestError> + Send + 'static
{
    Polling::builder(bot)
        .timeout(Duration::from_secs(u64::from(
            app.config.telegram.poll_timeout_secs,
        )))
        .allowed_updates(ALLOWED_UPDATES.to_vec())
        .delete_webhook()
        .await
        .build()
}

/// Starts the dispatcher on updates from `listener` (long polling or the webhook); returns a
/// token to stop it and its task.
pub async fn start<L>(
    bot: Bot,
    app: App,
    progress: Progress,
    listener: L,
) -> Result<(ShutdownToken, tokio::task::JoinHandle<()>)>
where
    L: teloxide::update_listeners::UpdateListener + Send + 'static,
    L::Err: std::fmt::Debug + Send,
{
    register_commands(&bot, &app).await;
    let schema = dptree::entry()
        .branch(Update::filter_message().endpoint(on_message))
        .branch(Update::filter_callback_query().endpoint(on_callback))
        .branch(Update::filter_my_chat_member().endpoint(on_my_chat_member));
    let progress_of_ignored = progress.clone();
    let mut dispatcher = Dispatcher::builder(bot, schema)
        .distribution_function(worker_of)
        .worker_queue_size(WORKER_QUEUE)
        .dependencies(dptree::deps![
            app.clone(),
            progress,
            Menus::default(),
            Seen::default()
        ])
        .default_handler(ignored(progress_of_ignored, app.clone()))
        .build();
    let token = dispatcher.shutdown_token();
    let task = tokio::spawn(async move {
        dispatcher
            .dispatch_with_listener(
                listener,
                LoggingErrorHandler::with_custom_text("receiving updates failed"),
            )
            .await;
    });
    Ok((token, task))
}

/// What becomes of updates no branch takes (edits, channel posts, kinds Lianxin does not ask
/// for): nothing, but they count as handled.
fn ignored(
    progress: Progress,
    app: App,
) -> impl Fn(Arc<Update>) -> futures_util::future::Ready<()> + Send + Sync + 'static {
    move |update| {
        app.metrics
            .handled(UpdateKind::Other, std::time::Duration::ZERO);
        progress.done(&update);
        futures_util::future::ready(())
    }
}

/// Registers the command menus: members' in private chats, the group commands in groups, and
/// each secretary's and organizer's own menu in their chat.
pub async fn register_commands(bot: &Bot, app: &App) {
    let list = |locale: Locale, commands: &[Command]| -> Vec<BotCommand> {
        commands
            .iter()
            .map(|c| BotCommand::new(c.name(), app.i18n.render(locale, &c.description())))
            .collect()
    };
    for (locale, code) in [(Locale::ZhCn, None), (Locale::En, Some("en"))] {
        for (scope, commands) in [
            (
                BotCommandScope::AllPrivateChats,
                Command::for_private(false),
            ),
            (
                BotCommandScope::AllGroupChats,
                Command::for_groups(app.config.points.public_leaderboard),
            ),
        ] {
            let mut request = bot.set_my_commands(list(locale, &commands)).scope(scope);
            if let Some(code) = code {
                request = request.language_code(code);
            }
            if let Err(e) = request.await {
                tracing::warn!(error = %e, "setMyCommands failed");
            }
        }
    }
    match app.store.role_holders().await {
        Ok(ids) => {
            for id in ids {
                register_staff_commands(bot, app, id).await;
            }
        }
        Err(e) => tracing::warn!(error = %e, "could not list role holders for their command menus"),
    }
}

async fn register_staff_commands(bot: &Bot, app: &App, telegram_id: i64) {
    let locale = app.locale_of(telegram_id).await;
    let commands: Vec<BotCommand> = Command::for_private(true)
        .iter()
        .map(|c| BotCommand::new(c.name(), app.i18n.render(locale, &c.description())))
        .collect();
    let scope = BotCommandScope::Chat {
        chat_id: Recipient::Id(ChatId(telegram_id)),
    };
    if let Err(e) = bot.set_my_commands(commands).scope(scope).await {
        // Telegram refuses a chat scope until the person has started the bot.
        tracing::debug!(telegram_id, error = %e, "setMyCommands for a staff chat failed");
    }
}

fn actor_of(user: &User) -> Actor {
    Actor {
        id: user.id.0 as i64,
        name: user.full_name(),
    }
}

/// Records the person (names, language, reachable again). A message always writes; a button
/// press from someone written in the last minutes does not (a burst of 「签到」 stays fast).
async fn touch(app: &App, seen: &Seen, user: &User, press: bool) -> Result<()> {
    let now = app.now();
    if press && seen.is_fresh(user, now) {
        return Ok(());
    }
    let default = app.config.default_locale();
    app.store
        .touch_user(
            user.id.0 as i64,
            &user.first_name,
            user.last_name.as_deref(),
            user.username.as_deref(),
            Locale::from_telegram(user.language_code.as_deref(), default),
            now,
        )
        .await?;
    seen.note(user, now);
    Ok(())
}

async fn on_message(
    bot: Bot,
    app: App,
    progress: Progress,
    menus: Menus,
    seen: Seen,
    msg: Message,
    update: Update,
) -> Result<()> {
    let started = std::time::Instant::now();
    let chat = msg.chat.id.0;
    let outcome = match handle_message(&bot, &app, (&menus, &seen), &msg).await {
        Ok(outcome) => outcome,
        Err(e) => {
            tracing::error!(chat, error = format!("{e:#}"), "handling a message failed");
            if msg.chat.is_private() {
                Outcome::text(chat, Text::InternalError)
            } else {
                Outcome::none()
            }
        }
    };
    render::deliver(&bot, &app, outcome, None).await;
    app.metrics.handled(UpdateKind::Message, started.elapsed());
    progress.done(&update);
    Ok(())
}

async fn handle_message(
    bot: &Bot,
    app: &App,
    (menus, seen): (&Menus, &Seen),
    msg: &Message,
) -> Result<Outcome> {
    let chat = msg.chat.id.0;
    if let Some(new) = msg.migrate_to_chat_id() {
        return groups::migrated(app, chat, new.0).await;
    }
    if let Some(old) = msg.migrate_from_chat_id() {
        return groups::migrated(app, old.0, chat).await;
    }
    let Some(user) = msg.from.as_ref().filter(|u| !u.is_bot) else {
        return Ok(Outcome::none());
    };
    let actor = actor_of(user);
    let typed = msg
        .text()
        .and_then(|t| commands::parse(t, &app.bot_username));

    if !msg.chat.is_private() {
        let Some(typed) = typed else {
            return Ok(Outcome::none());
        };
        touch(app, seen, user, false).await?;
        return Ok(match typed.command {
            Some(Command::LinkGroup) => {
                groups::link(
                    app,
                    &actor,
                    chat,
                    msg.chat.title().unwrap_or_default(),
                    typed.args,
                )
                .await?
            }
            Some(Command::Help) => help(app, chat, &actor, true).await?,
            Some(Command::Points) => crate::points::group_board(app, chat).await?,
            Some(_) => Outcome::text(chat, Text::UsePrivateChat),
            // Perhaps another bot's command: stay quiet in groups.
            None => Outcome::none(),
        });
    }

    touch(app, seen, user, false).await?;
    if let Some(typed) = typed {
        menus.ensure(bot, app, actor.id).await?;
        return command(app, &actor, typed).await;
    }
    if let Some(contact) = msg.contact() {
        return onboarding::contact(
            app,
            &actor,
            &contact.phone_number,
            contact.user_id.map(|u| u.0 as i64),
        )
        .await;
    }
    if let Some(ticket) = replied_ticket(app, msg).await? {
        return Ok(match said_of(msg) {
            Some(said) => feedback::say(app, &actor, ticket, said).await?,
            None => Outcome::text(actor.id, Text::TicketTextOrVoice),
        });
    }
    let dialogue = Dialogue::load_fresh(&app.store, actor.id, app.now()).await?;
    if let Some(Dialogue::NoticeContent { org }) = dialogue {
        return Ok(match notice_content(msg) {
            Some(content) if !matches!(content.kind, NoticeKind::Audio | NoticeKind::Video) => {
                notices::content(app, &actor, org, content).await?
            }
            _ => Outcome::text(actor.id, Text::NoticeUnsupported),
        });
    }
    if let Some(Dialogue::LessonContent { lesson }) = dialogue {
        return Ok(match notice_content(msg) {
            Some(content) => lessons::content(app, &actor, lesson, content).await?,
            None => Outcome::text(actor.id, Text::LessonUnsupported),
        });
    }
    if msg.location().is_some() || msg.venue().is_some() {
        // Never stored: Lianxin asks for the city in words.
        return reports::location_shared(app, &actor).await;
    }
    if let Some(doc) = msg.document() {
        // Only staff send rosters; nobody else makes the bot fetch a file.
        if !Staff::of(&app.store, actor.id).await?.is_staff() {
            return Ok(Outcome::text(actor.id, Text::DocumentNotExpected));
        }
        let name = doc.file_name.clone().unwrap_or_default();
        let bytes = if (doc.file.size as usize) <= roster::MAX_FILE_BYTES {
            Some(download(bot, &doc.file.id.0).await?)
        } else {
            None
        };
        let caption = msg.caption().unwrap_or_default();
        return staff::roster_file(
            app,
            &actor,
            &doc.file.id.0,
            &name,
            caption,
            bytes.as_deref(),
        )
        .await;
    }
    // Where text or voice is taken.
    match (&dialogue, said_of(msg)) {
        (Some(Dialogue::ReportNote { .. }), Some(said)) if said.photo.is_none() => {
            return reports::note(app, &actor, Some(said.text.as_str()), said.voice.as_deref())
                .await;
        }
        (Some(Dialogue::Feedback { draft }), Some(said)) => {
            return feedback::said(app, &actor, draft.clone(), said).await;
        }
        (Some(Dialogue::TicketReply { ticket }), Some(said)) => {
            return feedback::say(app, &actor, *ticket, said).await;
        }
        (None, Some(said)) => {
            return Ok(feedback::offer(app, &actor, said)
                .await?
                .unwrap_or_else(|| Outcome::text(actor.id, Text::IdleHint)));
        }
        // A note is text or voice; a ticket takes a photo too.
        (Some(Dialogue::ReportNote { .. }), _)
        | (Some(Dialogue::Feedback { .. } | Dialogue::TicketReply { .. }), None) => {
            return Ok(Outcome::text(actor.id, Text::TicketTextOrVoice));
        }
        _ => {}
    }
    match (dialogue, msg.text()) {
        (Some(Dialogue::ReportCity { draft }), Some(text)) => {
            reports::city_typed(app, &actor, draft, text).await
        }
        (Some(Dialogue::Report { .. }), _) => Ok(Outcome::text(actor.id, Text::UseButtons)),
        (Some(Dialogue::PollQuestion { org }), Some(text)) => {
            polls::question(app, &actor, org, text).await
        }
        (Some(Dialogue::PollOptions { poll }), Some(text)) => {
            polls::options(app, &actor, poll, text).await
        }
        (Some(Dialogue::PollCloses { poll }), Some(text)) => {
            polls::closes(app, &actor, poll, Err(text)).await
        }
        (Some(Dialogue::HandoverWho), Some(text)) => handover::who_typed(app, &actor, text).await,
        (Some(Dialogue::HandoverTarget { member }), Some(text)) => {
            handover::branch_typed(app, &actor, member, text).await
        }
        (Some(Dialogue::NoticeTime { notice, message }), Some(text)) => {
            notices::schedule(app, &actor, notice, message, text).await
        }
        (Some(Dialogue::LessonTitle { org }), Some(text)) => {
            lessons::title(app, &actor, org, text).await
        }
        (Some(Dialogue::QuizQuestion { lesson }), Some(text)) => {
            lessons::question(app, &actor, lesson, text).await
        }
        (Some(Dialogue::SessionTitle { org, kind }), Some(text)) => {
            sessions::title(app, &actor, org, &kind, text).await
        }
        (Some(Dialogue::SessionTime { session }), Some(text)) => {
            sessions::time(app, &actor, session, text).await
        }
        (Some(Dialogue::SessionPlace { session }), Some(text)) => {
            sessions::place(app, &actor, session, Some(text)).await
        }
        (Some(Dialogue::LeaveReason { session }), Some(text)) => {
            sessions::leave_reason(app, &actor, session, text).await
        }
        (Some(Dialogue::ScheduleCron { org }), Some(text)) => {
            schedules::cron_typed(app, &actor, org, text).await
        }
        (Some(Dialogue::ScheduleMessage { org, cron }), Some(text)) => {
            schedules::message_typed(app, &actor, org, cron, text).await
        }
        (Some(Dialogue::ScheduleReady { .. }), _) => {
            Ok(Outcome::text(actor.id, Text::NoticeChooseAudience))
        }
        (
            Some(
                Dialogue::LessonTitle { .. }
                | Dialogue::QuizQuestion { .. }
                | Dialogue::SessionTitle { .. }
                | Dialogue::SessionTime { .. }
                | Dialogue::SessionPlace { .. }
                | Dialogue::LeaveReason { .. }
                | Dialogue::ScheduleCron { .. }
                | Dialogue::ScheduleMessage { .. }
                | Dialogue::ReportCity { .. }
                | Dialogue::PollQuestion { .. }
                | Dialogue::PollOptions { .. }
                | Dialogue::PollCloses { .. }
                | Dialogue::HandoverWho
                | Dialogue::HandoverTarget { .. },
            ),
            None,
        ) => Ok(Outcome::text(actor.id, Text::TextPlease)),
        (Some(Dialogue::NoticeTime { .. }), None) => {
            Ok(Outcome::text(actor.id, Text::NoticeTimeUnreadable))
        }
        (Some(Dialogue::AwaitContact { .. }), Some(text)) if is_cancel_label(app, text) => {
            onboarding::cancel(app, &actor).await
        }
        (Some(Dialogue::AwaitContact { .. }), _) => Ok(Outcome::reply(
            Reply::text(actor.id, Text::ContactPlease)
                .keyboard(crate::reply::Keyboard::ShareContact),
        )),
        (
            Some(Dialogue::Profile {
                member,
                queue,
                editing,
            }),
            Some(text),
        ) => profile::answer(app, &actor, member, queue, editing, text).await,
        (Some(Dialogue::Profile { member, queue, .. }), None) => {
            Ok(profile::repeat(&actor, member, &queue))
        }
        _ => Ok(Outcome::text(actor.id, Text::IdleHint)),
    }
}

/// What a message offers as the content of a notice: text, or a photo, document or voice with
/// its caption (a forwarded post included). Other kinds (stickers, videos…) are not taken.
fn notice_content(msg: &Message) -> Option<notices::Content> {
    let caption = || msg.caption().unwrap_or_default().to_string();
    if let Some(text) = msg.text() {
        return Some(notices::Content {
            kind: NoticeKind::Text,
            body: text.to_string(),
            file_ref: None,
        });
    }
    let (kind, file) = if let Some(sizes) = msg.photo() {
        (
            NoticeKind::Photo,
            sizes
                .iter()
                .max_by_key(|p| p.width * p.height)?
                .file
                .id
                .0
                .clone(),
        )
    } else if let Some(doc) = msg.document() {
        (NoticeKind::Document, doc.file.id.0.clone())
    } else if let Some(voice) = msg.voice() {
        (NoticeKind::Voice, voice.file.id.0.clone())
    } else if let Some(audio) = msg.audio() {
        (NoticeKind::Audio, audio.file.id.0.clone())
    } else if let Some(video) = msg.video() {
        (NoticeKind::Video, video.file.id.0.clone())
    } else {
        return None;
    };
    Some(notices::Content {
        kind,
        body: caption(),
        file_ref: Some(file),
    })
}

/// What a message says in a ticket's thread or a report's note: text, or a voice message or
/// photo with its caption. Anything else is `None`.
fn said_of(msg: &Message) -> Option<Said> {
    if let Some(text) = msg.text() {
        return Some(Said {
            text: text.to_string(),
            voice: None,
            photo: None,
        });
    }
    let caption = msg.caption().unwrap_or_default().to_string();
    if let Some(v) = msg.voice() {
        return Some(Said {
            text: caption,
            voice: Some(v.file.id.0.clone()),
            photo: None,
        });
    }
    let photo = msg.photo()?.iter().max_by_key(|p| p.width * p.height)?;
    Some(Said {
        text: caption,
        voice: None,
        photo: Some(photo.file.id.0.clone()),
    })
}

/// The ticket of the bot's message this one replies to, if it relayed one.
async fn replied_ticket(app: &App, msg: &Message) -> Result<Option<i64>> {
    let Some(replied) = msg.reply_to_message() else {
        return Ok(None);
    };
    if !replied.from.as_ref().is_some_and(|u| u.is_bot) {
        return Ok(None);
    }
    Ok(app
        .store
        .ticket_of_message(msg.chat.id.0, i64::from(replied.id.0))
        .await?)
}

/// The 「取消」 key of the contact keyboard, in either language.
fn is_cancel_label(app: &App, text: &str) -> bool {
    Locale::ALL
        .iter()
        .any(|l| app.i18n.render(*l, &Text::ButtonCancel) == text.trim())
}

async fn download(bot: &Bot, file_id: &str) -> Result<Vec<u8>> {
    let file = bot
        .get_file(teloxide::types::FileId(file_id.to_string()))
        .await?;
    let mut bytes = Vec::new();
    bot.download_file(&file.path, &mut bytes).await?;
    Ok(bytes)
}

async fn command(app: &App, actor: &Actor, typed: Typed<'_>) -> Result<Outcome> {
    let Some(command) = typed.command else {
        return Ok(Outcome::text(actor.id, Text::UnknownCommand));
    };
    match command {
        Command::Start => onboarding::start(app, actor, typed.args).await,
        Command::Help => help(app, actor.id, actor, false).await,
        Command::Me => profile::me(app, actor).await,
        Command::Language => Ok(language_choice(actor.id)),
        Command::Settings => settings::show(app, actor, typed.args).await,
        Command::Points => crate::points::points(app, actor, typed.args).await,
        Command::Notice => notices::start(app, actor, typed.args, Purpose::Notice).await,
        Command::Lesson => notices::start(app, actor, typed.args, Purpose::Lesson).await,
        Command::Session => sessions::start(app, actor, typed.args).await,
        Command::Study => lessons::study(app, actor).await,
        Command::Lessons => lessons::lessons(app, actor).await,
        Command::Attendance => sessions::attendance(app, actor).await,
        Command::Schedules => schedules::list(app, actor).await,
        Command::Receipts => receipts::list(app, actor).await,
        Command::Cancel => onboarding::cancel(app, actor).await,
        Command::Invite => invites::invite(app, actor, typed.args).await,
        Command::Pending => staff::pending(app, actor).await,
        Command::Members => staff::members(app, actor, typed.args).await,
        Command::Report => reports::begin(app, actor).await,
        Command::Reports => reports::list(app, actor, typed.args).await,
        Command::Feedback => feedback::start(app, actor).await,
        Command::MyTickets => feedback::mine(app, actor).await,
        Command::Inbox => feedback::inbox(app, actor).await,
        Command::Poll => notices::start(app, actor, typed.args, Purpose::Poll).await,
        Command::Handover => handover::start(app, actor, typed.args).await,
        Command::Stats => crate::stats::stats(app, actor, typed.args).await,
        Command::Export => crate::stats::export::export(app, actor, typed.args).await,
        Command::Mydata => crate::privacy::mydata(app, actor).await,
        Command::Forgetme => crate::privacy::forgetme(app, actor).await,
        Command::LinkGroup => Ok(Outcome::text(actor.id, Text::LinkGroupPrivate)),
    }
}

/// The language buttons.
fn language_choice(to: i64) -> Outcome {
    Outcome::reply(Reply::text(to, Text::LanguageChoose).row(vec![
        Button::new(
            Text::Plain {
                text: "中文".into(),
            },
            Action::SetLanguage {
                locale: "zh-CN".into(),
            },
        ),
        Button::new(
            Text::Plain {
                text: "English".into(),
            },
            Action::SetLanguage {
                locale: "en".into(),
            },
        ),
    ]))
}

/// `/help`: only the commands the caller may use.
async fn help(app: &App, to: i64, actor: &Actor, in_group: bool) -> Result<Outcome> {
    let line = |c: Command| {
        Line(vec![
            Text::HelpLine {
                command: format!("/{}", c.name()).into(),
            },
            c.description(),
        ])
    };
    let mut reply = Reply::text(to, Text::HelpHeader);
    if in_group {
        reply = reply.line(Line::from(Text::HelpGroup));
        for c in Command::for_groups(app.config.points.public_leaderboard) {
            reply = reply.line(line(c));
        }
        return Ok(Outcome::reply(reply));
    }
    let staff = Staff::of(&app.store, actor.id).await?.is_staff();
    let member = app.store.member_by_telegram(actor.id).await?.is_some();
    if !staff && !member {
        reply = reply.line(Line::from(Text::HelpStranger));
    }
    reply = reply.line(Line::from(Text::HelpMembers));
    for c in Command::for_private(false) {
        reply = reply.line(line(c));
    }
    if staff {
        reply = reply.line(Line::from(Text::HelpSecretaries));
        for c in Command::for_private(true)
            .into_iter()
            .filter(|c| c.audience() == commands::Audience::Staff)
        {
            reply = reply.line(line(c));
        }
        reply = reply.line(Line::from(Text::HelpGroup));
        reply = reply.line(line(Command::LinkGroup));
    }
    Ok(Outcome::reply(reply))
}

async fn on_callback(
    bot: Bot,
    app: App,
    progress: Progress,
    seen: Seen,
    q: CallbackQuery,
    update: Update,
) -> Result<()> {
    let started = std::time::Instant::now();
    let presser = q.from.id.0 as i64;
    let outcome = match handle_callback(&bot, &app, &seen, &q).await {
        Ok(outcome) => outcome,
        Err(e) => {
            tracing::error!(
                presser,
                error = format!("{e:#}"),
                "handling a button press failed"
            );
            Outcome::alert(Text::InternalError)
        }
    };
    render::deliver(&bot, &app, outcome, Some((presser, &q.id))).await;
    app.metrics.handled(UpdateKind::Callback, started.elapsed());
    progress.done(&update);
    Ok(())
}

/// The chat of the message whose button was pressed (the presser's own if unknown).
fn chat_of(q: &CallbackQuery, actor: &Actor) -> i64 {
    q.message.as_ref().map_or(actor.id, |m| m.chat().id.0)
}

async fn handle_callback(bot: &Bot, app: &App, seen: &Seen, q: &CallbackQuery) -> Result<Outcome> {
    // Taken before any work: a check-in counts at the time its press reached Lianxin.
    let received = app.now();
    touch(app, seen, &q.from, true).await?;
    let actor = actor_of(&q.from);
    let message = q.message.as_ref().map(|m| m.id().0);
    // The callback data is only a token; what it does comes from our own table.
    let action = match q.data.as_deref() {
        Some(token) => app
            .store
            .button(token)
            .await?
            .and_then(|json| serde_json::from_str::<Action>(&json).ok()),
        None => None,
    };
    let Some(action) = action else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    match action {
        Action::Decide { request, approve } => {
            onboarding::decide(app, &actor, request, approve, message).await
        }
        Action::SetMobility { member, mobility } => {
            profile::set_mobility(app, &actor, member, &mobility).await
        }
        Action::SkipQuestion { member } => profile::skip(app, &actor, member).await,
        Action::EditProfile { member, field } => profile::edit(app, &actor, member, field).await,
        Action::SetLanguage { locale } => {
            let Ok(locale) = locale.parse::<Locale>() else {
                return Ok(Outcome::alert(Text::ButtonExpired));
            };
            app.store.set_locale(actor.id, locale).await?;
            if Staff::of(&app.store, actor.id).await?.is_staff() {
                register_staff_commands(bot, app, actor.id).await;
            }
            Ok(Outcome::text(actor.id, Text::LanguageSet))
        }
        Action::RevokeInvite { code } => invites::revoke(app, &actor, &code, message).await,
        Action::Invite { org } => invites::invite_for(app, &actor, org).await,
        Action::Members { org } => staff::members_of(app, &actor, org).await,
        Action::Import {
            file_id,
            name,
            org,
            run,
            skip_bad,
        } => {
            let bytes = download(bot, &file_id).await?;
            staff::roster_action(
                app, &actor, &file_id, &name, org, run, skip_bad, &bytes, message,
            )
            .await
        }
        Action::NoticeFor { org } => notices::start_for(app, &actor, org, "notice").await,
        Action::ComposeFor { org, purpose } => notices::start_for(app, &actor, org, &purpose).await,
        Action::LessonContentDone { lesson } => {
            lessons::content_done(app, &actor, lesson, message).await
        }
        Action::QuizAdd { lesson } => lessons::quiz_add(app, &actor, lesson).await,
        Action::LessonAudience { lesson } => lessons::audience(app, &actor, lesson, message).await,
        Action::QuizAnswer {
            lesson,
            seq,
            choice,
        } => lessons::answer(app, &actor, (lesson, seq, choice), message).await,
        Action::StudyLesson { lesson } => lessons::resend(app, &actor, lesson).await,
        Action::QuizContinue { lesson } => lessons::quiz_continue(app, &actor, lesson).await,
        Action::SessionKind { org, kind } => {
            sessions::kind_chosen(app, &actor, org, &kind, message).await
        }
        Action::SessionOnline { session } => sessions::place(app, &actor, session, None).await,
        Action::SessionLesson { session, lesson } => {
            sessions::lesson_chosen(app, &actor, session, lesson, message).await
        }
        Action::Rsvp { session, leave } => {
            sessions::rsvp(app, &actor, session, leave, chat_of(q, &actor)).await
        }
        Action::CheckIn { session } => {
            sessions::check_in(app, &actor, session, chat_of(q, &actor), received).await
        }
        Action::AttendanceFor { session } => {
            sessions::attendance_for(app, &actor, session, message).await
        }
        Action::AttendancePick { session, member } => {
            sessions::pick(app, &actor, session, member).await
        }
        Action::AttendanceMark {
            session,
            member,
            status,
        } => sessions::mark(app, &actor, (session, member, &status), message).await,
        Action::SessionMakeup { session } => sessions::makeup(app, &actor, session).await,
        Action::ScheduleNew { org } => schedules::create_in(app, &actor, org).await,
        Action::ScheduleAudience { org, audience } => {
            schedules::audience(app, &actor, org, &audience, message).await
        }
        Action::ScheduleConfirm { org, audience } => {
            schedules::confirm(app, &actor, org, &audience, message).await
        }
        Action::SchedulePause { id, pause } => schedules::pause(app, &actor, id, pause).await,
        Action::ScheduleDelete { id } => schedules::delete(app, &actor, id).await,
        Action::NoticeAudience { notice, audience } => {
            notices::choose_audience(app, &actor, notice, &audience, message).await
        }
        Action::NoticeUrgency {
            notice,
            audience,
            urgent,
        } => notices::preview(app, &actor, notice, &audience, urgent, message).await,
        Action::NoticeSend {
            notice,
            audience,
            urgent,
        } => notices::send_now(app, &actor, (notice, &audience, urgent), message).await,
        Action::NoticeSchedule {
            notice,
            audience,
            urgent,
        } => notices::ask_time(app, &actor, (notice, &audience, urgent), message).await,
        Action::NoticeCancel { notice } => notices::cancel(app, &actor, notice, message).await,
        Action::NoticeDetail { notice } => receipts::detail(app, &actor, notice).await,
        Action::NoticeNudge { notice } => receipts::nudge_now(app, &actor, notice).await,
        Action::Ack { notice } => {
            receipts::ack(app, &actor, notice, chat_of(q, &actor), message).await
        }
        Action::SetQuiet { start, end } => {
            settings::set_quiet(app, &actor, &start, &end, message).await
        }
        Action::ChooseLanguage => Ok(language_choice(actor.id)),
        Action::ReportStart => reports::begin(app, &actor).await,
        Action::ReportWhere { choice } => {
            reports::where_chosen(app, &actor, &choice, message).await
        }
        Action::ReportWork { work } => reports::work_chosen(app, &actor, &work, message).await,
        Action::ReportSkipNote => reports::note(app, &actor, None, None).await,
        Action::ReportSubmit => reports::submit(app, &actor, message).await,
        Action::Reports { org } => reports::list_for(app, &actor, org).await,
        Action::NudgeSilent { org } => reports::nudge_silent(app, &actor, org).await,
        Action::Alive { org } => reports::alive(app, &actor, org, message).await,
        Action::FeedbackKind { kind } => feedback::kind_chosen(app, &actor, &kind, message).await,
        Action::FeedbackAnonymous { anonymous } => {
            feedback::anonymity_chosen(app, &actor, anonymous, message).await
        }
        Action::TicketAppend { ticket } => {
            feedback::append_pressed(app, &actor, ticket, message).await
        }
        Action::TicketReply { ticket } => feedback::reply_pressed(app, &actor, ticket).await,
        Action::TicketResolve { ticket } => feedback::resolve(app, &actor, ticket, message).await,
        Action::TicketShow { ticket } => feedback::show(app, &actor, ticket).await,
        Action::PollCloses { poll, hours } => polls::closes(app, &actor, poll, Ok(hours)).await,
        Action::Vote { poll, choice } => {
            polls::vote(app, &actor, poll, choice, chat_of(q, &actor)).await
        }
        Action::HandoverMember { member } => handover::member_chosen(app, &actor, member).await,
        Action::HandoverTo { member, org } => {
            handover::ask(app, &actor, (member, org), message).await
        }
        Action::HandoverDecide {
            handover: id,
            accept,
        } => handover::decide(app, &actor, id, accept, message).await,
        Action::HandoverCancel { handover: id } => handover::cancel(app, &actor, id, message).await,
        Action::ForgetMe => crate::privacy::ask(app, &actor, message).await,
        Action::Erase { request, approve } => {
            crate::privacy::decide(app, &actor, request, approve, message).await
        }
        Action::Cancel => {
            app.store.clear_dialogue(actor.id).await?;
            Ok(match message {
                Some(m) => Outcome::reply(Reply::text(actor.id, Text::Cancelled).editing(m)),
                None => Outcome::text(actor.id, Text::Cancelled),
            })
        }
    }
}

async fn on_my_chat_member(
    bot: Bot,
    app: App,
    progress: Progress,
    member: ChatMemberUpdated,
    update: Update,
) -> Result<()> {
    let started = std::time::Instant::now();
    let chat = member.chat.id.0;
    let present = member.new_chat_member.is_present();
    let result = if member.chat.is_private() {
        // A member blocked (or unblocked) the bot.
        app.store
            .set_reachable(chat, present)
            .await
            .map(|_| Outcome::none())
            .map_err(Into::into)
    } else {
        groups::bot_membership(&app, chat, member.chat.title().unwrap_or_default(), present).await
    };
    match result {
        Ok(outcome) => render::deliver(&bot, &app, outcome, None).await,
        Err(e) => tracing::error!(
            chat,
            error = format!("{e:#}"),
            "handling a membership change failed"
        ),
    }
    app.metrics
        .handled(UpdateKind::Membership, started.elapsed());
    progress.done(&update);
    Ok(())
}
