//! Starts the real service against the Telegram simulator and a fresh database, and drives it
//! as people would.

use std::time::Duration;

use lianxin::app::App;
use lianxin::clock::Clock;
use lianxin::config::Config;
use lianxin::domain::OrgUnit;
use lianxin::service::Service;
use lianxin::store::Store;
use secrecy::SecretString;
use sqlx::Connection;
use tg_sim::{Sim, SimConfig, SimMessage, SimUser};

/// A database for one test: a temporary SQLite file, or a fresh PostgreSQL database when
/// `LIANXIN_TEST_DATABASE_URL` is set.
pub struct TestDb {
    pub url: String,
    pg: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub async fn new() -> TestDb {
        match std::env::var("LIANXIN_TEST_DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())
        {
            Some(admin_url) => {
                let name = format!("lianxin_t_{}", rand_suffix());
                let mut conn = sqlx::postgres::PgConnection::connect(&admin_url)
                    .await
                    .expect("connect to PostgreSQL");
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut conn)
                    .await
                    .expect("create test database");
                conn.close().await.ok();
                let mut url =
                    url::Url::parse(&admin_url).expect("LIANXIN_TEST_DATABASE_URL is a URL");
                url.set_path(&name);
                TestDb {
                    url: url.to_string(),
                    pg: Some((admin_url, name)),
                    _dir: None,
                }
            }
            None => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("lianxin.db").display());
                TestDb {
                    url,
                    pg: None,
                    _dir: Some(dir),
                }
            }
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }

    pub async fn drop_db(&self) {
        if let Some((admin_url, name)) = &self.pg
            && let Ok(mut conn) = sqlx::postgres::PgConnection::connect(admin_url).await
        {
            let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&mut conn)
            .await;
        }
    }
}

fn rand_suffix() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!(
        "{}_{}_{}",
        std::process::id(),
        nanos,
        N.fetch_add(1, Ordering::SeqCst)
    )
}

/// Row counts of every table that holds what the branches own (not the outbox, the people
/// seen, the button tokens or the processes).
pub async fn fingerprint(t: &TestApp) -> Vec<(String, i64)> {
    let sql = if t.db.is_postgres() {
        "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
    } else {
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1"
    };
    let tables: Vec<(String,)> = sqlx::query_as(sql)
        .fetch_all(t.store().pool())
        .await
        .unwrap();
    let mut out = Vec::new();
    for (table,) in tables {
        if [
            "_sqlx_migrations",
            "outbox",
            "users",
            "buttons",
            "instances",
        ]
        .contains(&table.as_str())
        {
            continue;
        }
        let (n,): (i64,) =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                .fetch_one(t.store().pool())
                .await
                .unwrap();
        out.push((table, n));
    }
    assert!(out.len() > 20, "the tables were found: {out:?}");
    out
}

/// Runs of the real binary (as `lianxin bench` makes them) on the test database's backend.
pub fn bench_setup() -> lianxin::bench::Setup {
    lianxin::bench::Setup {
        exe: env!("CARGO_BIN_EXE_lianxin").into(),
        postgres: std::env::var("LIANXIN_TEST_DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty()),
    }
}

/// An opened store on a fresh database, for store-level tests.
pub async fn store() -> (Store, TestDb) {
    let db = TestDb::new().await;
    let store = Store::open(&db.url, 4).await.expect("open store");
    (store, db)
}

/// The service, the simulator and the database of one test.
pub struct TestApp {
    pub sim: Sim,
    pub db: TestDb,
    pub clock: Clock,
    pub config: Config,
    service: Option<Service>,
    progress: lianxin::telegram::Progress,
}

pub const SETTLE: Duration = Duration::from_secs(20);

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    /// Without quiet hours or the default recurring reminders, whose messages would come
    /// between what a test looks at when it moves the clock.
    pub async fn spawn_plain() -> TestApp {
        Self::spawn_with(|c| {
            c.notices.quiet_hours = "off".into();
            c.schedules.clear();
        })
        .await
    }

    pub async fn spawn_with(configure: impl FnOnce(&mut Config)) -> TestApp {
        // Warnings and errors of the service show with a failing test's output.
        let _ = tracing_subscriber::fmt()
            .with_test_writer()
            .with_env_filter(tracing_subscriber::EnvFilter::new(
                std::env::var("TEST_LOG").unwrap_or("warn".into()),
            ))
            .try_init();
        let sim = Sim::start(SimConfig::default())
            .await
            .expect("simulator starts");
        let db = TestDb::new().await;
        let mut config = Config::default();
        config.telegram.api_url = sim.api_url();
        config.telegram.token = Some(SecretString::from(sim.token()));
        config.telegram.poll_timeout_secs = 1;
        config.database.url = db.url.clone();
        config.database.max_connections = 4;
        config.general.messages_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/messages").into();
        // The county's default reminders would fire whenever a test's clock passes the 1st
        // or the 5th of a month; tests that want reminders add their own.
        config.schedules.clear();
        configure(&mut config);
        let clock = Clock::system();
        let mut app = TestApp {
            sim,
            db,
            clock,
            config,
            service: None,
            progress: Default::default(),
        };
        app.start().await;
        app
    }

    async fn start(&mut self) {
        let service = tokio::time::timeout(
            SETTLE,
            Service::start_with(
                self.config.clone(),
                self.clock.clone(),
                self.progress.clone(),
            ),
        )
        .await
        .expect("the service starts in time")
        .expect("service starts");
        // In webhook mode the simulator posts updates to this service, as a load balancer would.
        if self.config.server.webhook_url.is_some()
            && let Some(addr) = service.http_addr()
        {
            self.sim.set_webhook_backends(vec![addr]);
        }
        self.service = Some(service);
    }

    /// Stops the service (as a crash or deploy would) and starts it again on the same database.
    pub async fn restart(&mut self) {
        self.settle().await;
        if let Some(s) = self.service.take() {
            s.stop().await;
        }
        self.start().await;
    }

    pub fn app(&self) -> &App {
        &self.service.as_ref().expect("running").app
    }

    /// Where the service's HTTP server listens (`server.listen` set).
    pub fn http_addr(&self) -> std::net::SocketAddr {
        self.service
            .as_ref()
            .and_then(Service::http_addr)
            .expect("the HTTP server runs")
    }

    pub fn store(&self) -> &Store {
        &self.app().store
    }

    /// Waits until every update the simulator holds has been fetched and fully handled, and
    /// every message due has left the outbox.
    pub async fn settle(&self) {
        let deadline = tokio::time::Instant::now() + SETTLE;
        while !self
            .progress
            .settled(&self.sim, self.store(), self.clock.now())
            .await
            .expect("outbox readable")
        {
            assert!(
                tokio::time::Instant::now() < deadline,
                "the bot did not settle: {} pending, {} delivered ({:?} not handled), outbox {:?}",
                self.sim.pending_updates(),
                self.sim.delivered_update_ids().len(),
                self.sim
                    .delivered_update_ids()
                    .into_iter()
                    .filter(|id| !self.progress.has_handled(*id as u32))
                    .collect::<Vec<_>>(),
                self.store().outbox_counts().await
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    pub async fn stop(mut self) {
        let limit = Duration::from_secs(20);
        if let Some(s) = self.service.take() {
            tokio::time::timeout(limit, s.stop())
                .await
                .expect("the service stops");
        }
        tokio::time::timeout(limit, self.sim.shutdown())
            .await
            .expect("the simulator stops");
        self.db.drop_db().await;
    }

    // ---- acting as people ----

    /// Adds a person who has opened a private chat with the bot (pressed Start).
    pub fn person(&self, id: i64, name: &str) {
        self.sim
            .add_user(SimUser::new(id, name).lang("zh-hans").started());
    }

    pub fn person_en(&self, id: i64, name: &str) {
        self.sim
            .add_user(SimUser::new(id, name).lang("en").started());
    }

    /// Sends a text in the person's private chat and waits for the bot.
    pub async fn say(&self, id: i64, text: &str) {
        self.sim.send_text(id, id, text);
        self.settle().await;
    }

    /// Sends a text in a chat and waits for the bot.
    pub async fn say_in(&self, id: i64, chat: i64, text: &str) {
        self.sim.send_text(id, chat, text);
        self.settle().await;
    }

    /// Shares a contact in the person's private chat and waits for the bot.
    pub async fn share_contact(&self, id: i64, phone: &str, owner: Option<i64>) {
        self.sim.send_contact(id, id, phone, "name", owner);
        self.settle().await;
    }

    /// Presses the newest button whose label contains `label` in `chat`; returns the toast.
    pub async fn press(&self, id: i64, chat: i64, label: &str) -> Option<String> {
        let query = self
            .sim
            .press(id, chat, label)
            .unwrap_or_else(|e| panic!("no button {label:?} in chat {chat}: {e:?}"));
        self.settle().await;
        self.sim.answer_for(&query).and_then(|a| a.text)
    }

    /// The bot's messages in a chat, as text.
    pub fn bot_texts(&self, chat: i64) -> Vec<String> {
        self.sim
            .bot_messages(chat)
            .iter()
            .map(|m| m.body().to_string())
            .collect()
    }

    pub fn last(&self, chat: i64) -> SimMessage {
        self.sim
            .last_bot_message(chat)
            .unwrap_or_else(|| panic!("the bot sent nothing to {chat}"))
    }

    /// The newest message of the bot in `chat` whose text or caption contains `part`.
    pub fn newest_with(&self, chat: i64, part: &str) -> Option<SimMessage> {
        self.sim
            .bot_messages(chat)
            .into_iter()
            .rev()
            .find(|m| m.body().contains(part))
    }

    pub fn last_text(&self, chat: i64) -> String {
        self.last(chat).body().to_string()
    }

    // ---- seeding ----

    /// 县 → 镇 → two branches, with a secretary for each branch and an organizer for the county.
    pub async fn seed(&self) -> Seed {
        let store = self.store();
        let now = self.clock.now();
        lianxin::admin::add_org(store, "county", "清河县", None, None, now)
            .await
            .unwrap();
        lianxin::admin::add_org(store, "town", "城关镇", Some("county"), None, now)
            .await
            .unwrap();
        let xy =
            lianxin::admin::add_org(store, "xiangyang", "向阳村党支部", Some("town"), None, now)
                .await
                .unwrap();
        let hp = lianxin::admin::add_org(store, "heping", "和平村党支部", Some("town"), None, now)
            .await
            .unwrap();
        for (id, org, role) in [
            (SEC_XY, "xiangyang", "secretary"),
            (SEC_HP, "heping", "secretary"),
            (ORGANIZER, "county", "organizer"),
        ] {
            lianxin::admin::set_role(store, id, role, org, true, "test", now)
                .await
                .unwrap();
        }
        self.person(SEC_XY, "李书记");
        self.person(SEC_HP, "赵书记");
        self.person(ORGANIZER, "组织部王");
        Seed {
            xiangyang: xy,
            heping: hp,
        }
    }

    /// Makes an invite for 向阳村 as its secretary would, and returns its code.
    pub async fn invite_code(&self, secretary: i64) -> String {
        self.say(secretary, "/invite").await;
        let card = self.last(secretary);
        let caption = card.caption.clone().unwrap_or_default();
        let start = caption.find("?start=").expect("invite link in caption") + 7;
        caption[start..]
            .split_whitespace()
            .next()
            .unwrap()
            .to_string()
    }
}

pub const SEC_XY: i64 = 5001;
pub const SEC_HP: i64 = 5002;
pub const ORGANIZER: i64 = 5003;

pub struct Seed {
    pub xiangyang: OrgUnit,
    pub heping: OrgUnit,
}

impl TestApp {
    /// Puts a member on a unit's roster (as an import would) and, with a Telegram id, links
    /// their account as joining with an invite would; the person has started the bot.
    pub async fn member(
        &self,
        org: &OrgUnit,
        telegram: Option<i64>,
        name: &str,
        phone: &str,
        mobile: bool,
    ) -> i64 {
        use lianxin::domain::{Mobility, Phone};
        let store = self.store();
        let now = self.clock.now();
        let row = lianxin::store::ImportRow {
            name: name.into(),
            phone: Some(Phone::parse(phone).unwrap()),
            mobility: Some(if mobile {
                Mobility::Mobile
            } else {
                Mobility::Resident
            }),
            city: mobile.then(|| "深圳".to_string()),
            skills: None,
        };
        store
            .import_members(org.id, &[row], now, false, |_| {})
            .await
            .unwrap();
        let member = store
            .member_by_phone(&Phone::parse(phone).unwrap())
            .await
            .unwrap()
            .unwrap();
        if let Some(id) = telegram {
            self.person(id, name);
            store
                .touch_user(id, name, None, None, lianxin::domain::Locale::ZhCn, now)
                .await
                .unwrap();
            store.link_member(member.id, id, now).await.unwrap();
        }
        member.id
    }

    /// Waits until `f` holds (the timed work runs every second), or fails with `what`.
    pub async fn eventually(&self, what: &str, mut f: impl FnMut(&TestApp) -> bool) {
        let deadline = tokio::time::Instant::now() + SETTLE;
        while !f(self) {
            assert!(
                tokio::time::Instant::now() < deadline,
                "timed out waiting: {what}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The labels of the inline buttons of a message.
    pub fn buttons(&self, msg: &SimMessage) -> Vec<String> {
        msg.reply_markup
            .as_ref()
            .and_then(|m| m["inline_keyboard"].as_array().cloned())
            .unwrap_or_default()
            .iter()
            .flat_map(|row| row.as_array().cloned().unwrap_or_default())
            .filter_map(|b| b["text"].as_str().map(str::to_string))
            .collect()
    }
}

/// The toast a press (by its query id) got, once the bot has settled.
pub async fn toast(t: &TestApp, q: String) -> String {
    t.settle().await;
    t.sim
        .answer_for(&q)
        .and_then(|a| a.text)
        .unwrap_or_default()
}

/// Moves the clock to `at` (ms) and lets the timed work run.
pub fn jump(t: &TestApp, at: i64) {
    let by = at - t.clock.now();
    assert!(by > 0);
    t.clock.advance(Duration::from_millis(by as u64));
}

/// The callback data of a button of a message (to replay a press later).
pub fn data_of(msg: &tg_sim::SimMessage, label: &str) -> String {
    msg.reply_markup.as_ref().unwrap()["inline_keyboard"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|row| row.as_array().unwrap().clone())
        .find(|b| b["text"].as_str().unwrap_or_default().contains(label))
        .and_then(|b| b["callback_data"].as_str().map(str::to_string))
        .unwrap_or_else(|| panic!("no button {label}"))
}
