//! The `lianxin` command: CLI parsing and wiring only.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use lianxin::clock::Clock;
use lianxin::config::{Config, ConfigError};
use lianxin::domain::OrgCode;
use lianxin::i18n::{I18n, Text};
use lianxin::onboarding::roster;
use lianxin::service::Service;
use lianxin::store::Store;
use lianxin::{admin, logging};

/// 连心 Lianxin — micro-lecture outreach to party-branch members, on Telegram.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Configuration file [default: ./config.toml, if present].
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// How log lines look on standard error: human (default) or json (one object a line, for
    /// log collectors).
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "human",
        env = "LIANXIN_LOG_FORMAT"
    )]
    log_format: logging::Format,
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run the bot: long polling, or the webhook when server.webhook_url is set. Stops
    /// gracefully on SIGTERM or Ctrl-C.
    Run,
    /// Copy the SQLite database to a new file, consistently, while the bot runs.
    Backup {
        /// The file to write (must not exist).
        #[arg(long)]
        out: PathBuf,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Validate the configuration and report every problem with its key.
    CheckConfig,
    /// Import data.
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Export a unit and everything below it (members, notices and receipts, lessons and
    /// quizzes, sessions and attendance, status reports, tickets, points) as an XLSX workbook
    /// or a zip of CSV files.
    Export {
        /// The unit's code.
        #[arg(long)]
        org: String,
        /// The file to write (.xlsx; .zip or .csv for CSV).
        #[arg(long)]
        out: PathBuf,
        /// Events from this local date (YYYY-MM-DD); the roster is always whole.
        #[arg(long)]
        from: Option<String>,
        /// Events up to this local date, the whole day included (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// xlsx or csv [default: from the extension of --out].
        #[arg(long, value_parser = ["xlsx", "csv"])]
        format: Option<String>,
    },
    /// The org tree.
    Org {
        #[command(subcommand)]
        action: OrgCmd,
    },
    /// Roles of secretaries and organizers.
    Admin {
        #[command(subcommand)]
        action: AdminCmd,
    },
    /// Measure delivery (notices to every member of a large roster and to the branch groups,
    /// through the simulator enforcing Telegram's limits, and a SIGKILL crash run) and
    /// check-in (10,000 presses of 「签到」 in a burst, then a steady 500 a second), and an
    /// export of 40,000 members to XLSX (rows/s, peak memory).
    Bench {
        /// Run on a scratch database of this PostgreSQL server instead of SQLite.
        #[arg(long)]
        postgres: Option<String>,
        /// Only one part: `delivery`, `checkin`, `export` (40,000 members to XLSX), `stats`
        /// (/stats and the weekly digest for 1,500 branches and 40,000 members), `soak` (a
        /// notice to 10,000 members while 2,000 interact and Telegram misbehaves) or
        /// `instances` (two processes on one database, one stopped midway).
        #[arg(long, value_parser = ["delivery", "checkin", "export", "stats", "soak", "instances"])]
        only: Option<String>,
    },
    /// Print the audit log (grants, imports, broadcasts, manual points, deletions, exports),
    /// oldest first.
    Audit {
        /// From this date (YYYY-MM-DD, local time) or this long ago (e.g. 7d, 24h); default 30d.
        #[arg(long)]
        since: Option<String>,
    },
    /// Run the whole service offline against a built-in Telegram simulator.
    Demo {
        /// Where to leave the database and files.
        #[arg(long, default_value = "demo-out")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum ImportWhat {
    /// A branch roster from CSV or XLSX (姓名/name, 手机/phone, 外出/mobile, 所在城市/city, 技能/skills).
    Members {
        /// The CSV or XLSX file.
        file: PathBuf,
        /// The branch code.
        #[arg(long)]
        org: String,
        /// Check and report only; change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Import the good rows even if some rows are bad.
        #[arg(long)]
        skip_bad_rows: bool,
    },
}

#[derive(Subcommand)]
enum OrgCmd {
    /// Add a unit.
    Add {
        /// Unique ASCII code, e.g. xiangyang.
        #[arg(long)]
        code: String,
        /// Display name, e.g. 向阳村党支部.
        #[arg(long)]
        name: String,
        /// Parent unit's code.
        #[arg(long)]
        parent: Option<String>,
        /// county, township, branch or group (default: the level below the parent).
        #[arg(long)]
        kind: Option<String>,
    },
    /// Show the tree.
    List,
}

#[derive(Subcommand)]
enum AdminCmd {
    /// Grant a role on a unit (it covers the unit's subtree).
    Grant(RoleArgs),
    /// Revoke a role.
    Revoke(RoleArgs),
}

#[derive(clap::Args)]
struct RoleArgs {
    /// The person's Telegram user id.
    #[arg(long)]
    telegram_id: i64,
    /// organizer or secretary.
    #[arg(long)]
    role: String,
    /// The unit's code.
    #[arg(long)]
    org: String,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    logging::init(cli.log_format);
    match dispatch(cli).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", logging::redact(&format!("{e:#}")));
            ExitCode::FAILURE
        }
    }
}

/// Waits for SIGTERM (systemd, docker, Kubernetes) or Ctrl-C, and names it.
async fn stop_signal() -> &'static str {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            return tokio::select! {
                _ = term.recv() => "SIGTERM",
                _ = tokio::signal::ctrl_c() => "Ctrl-C",
            };
        }
    }
    let _ = tokio::signal::ctrl_c().await;
    "Ctrl-C"
}

/// The configuration file named with `--config`, or `./config.toml` when there is one.
fn config_path(cli: &Cli) -> (PathBuf, bool) {
    match &cli.config {
        Some(p) => (p.clone(), true),
        None => (PathBuf::from("config.toml"), false),
    }
}

async fn open_store(config: &Config) -> Result<Store> {
    Store::open(&config.database.url, config.database.max_connections).await
}

async fn dispatch(cli: Cli) -> Result<ExitCode> {
    let (path, required) = config_path(&cli);
    if let Cmd::CheckConfig = cli.command {
        return Ok(match Config::load(&path, required) {
            Ok(_) => {
                println!("{}: OK", path.display());
                ExitCode::SUCCESS
            }
            Err(ConfigError::Invalid(problems)) => {
                for p in problems {
                    println!("{}: {p}", path.display());
                }
                ExitCode::FAILURE
            }
            Err(e) => {
                println!("{}: {}", path.display(), logging::redact(&e.to_string()));
                ExitCode::FAILURE
            }
        });
    }
    if let Cmd::Bench { postgres, only } = &cli.command {
        let setup = lianxin::bench::Setup::this_binary(postgres.clone())?;
        let ok = match only.as_deref() {
            Some("delivery") => lianxin::bench::delivery(&setup).await?,
            Some("checkin") => lianxin::bench::checkin(&setup).await?,
            Some("export") => lianxin::bench::export(&setup).await?,
            Some("stats") => lianxin::bench::stats(&setup).await?,
            Some("soak") => lianxin::bench::soak(&setup).await?,
            Some("instances") => lianxin::bench::instances(&setup).await?,
            _ => {
                lianxin::bench::delivery(&setup).await?
                    & lianxin::bench::checkin(&setup).await?
                    & lianxin::bench::export(&setup).await?
                    & lianxin::bench::stats(&setup).await?
                    & lianxin::bench::soak(&setup).await?
                    & lianxin::bench::instances(&setup).await?
            }
        };
        return Ok(if ok {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    if let Cmd::Demo { out } = &cli.command {
        lianxin::demo::run(out).await?;
        return Ok(ExitCode::SUCCESS);
    }
    let config =
        Config::load(&path, required).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let now = Clock::system().now();
    match cli.command {
        Cmd::Run => {
            let limit = config.server.shutdown_timeout();
            let mut service = Service::start(config, Clock::system()).await?;
            tokio::select! {
                signal = stop_signal() => tracing::info!(signal, "stopping"),
                which = service.join() => bail!("{which} stopped unexpectedly"),
            }
            if tokio::time::timeout(limit, service.stop()).await.is_err() {
                tracing::error!(
                    secs = limit.as_secs(),
                    "stopping took longer than server.shutdown_timeout; exiting anyway (unfinished sends are retried after their lease)"
                );
                return Ok(ExitCode::FAILURE);
            }
            tracing::info!("stopped");
        }
        Cmd::Backup { out } => {
            // The store refuses PostgreSQL with a pointer to pg_dump.
            let store = Store::connect_existing(&config.database.url).await?;
            store.backup_to(&out).await?;
            let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
            println!(
                "backed up {} to {} ({:.1} MB)",
                lianxin::store::redact_url(&config.database.url),
                out.display(),
                size as f64 / 1e6
            );
        }
        Cmd::Migrate => {
            open_store(&config).await?;
            println!(
                "database is up to date: {}",
                lianxin::store::redact_url(&config.database.url)
            );
        }
        Cmd::Org {
            action:
                OrgCmd::Add {
                    code,
                    name,
                    parent,
                    kind,
                },
        } => {
            let store = open_store(&config).await?;
            let unit = admin::add_org(
                &store,
                &code,
                &name,
                parent.as_deref(),
                kind.as_deref(),
                now,
            )
            .await?;
            println!(
                "added {} [{}] ({})",
                unit.name,
                unit.code,
                unit.kind.as_str()
            );
        }
        Cmd::Org {
            action: OrgCmd::List,
        } => {
            let store = open_store(&config).await?;
            let tree = admin::tree(&store).await?;
            if tree.is_empty() {
                println!("no units yet: add one with `lianxin org add --code C --name N`");
            }
            print!("{tree}");
        }
        Cmd::Admin { action } => {
            let store = open_store(&config).await?;
            let (args, grant) = match action {
                AdminCmd::Grant(a) => (a, true),
                AdminCmd::Revoke(a) => (a, false),
            };
            println!(
                "{}",
                admin::set_role(
                    &store,
                    args.telegram_id,
                    &args.role,
                    &args.org,
                    grant,
                    "cli",
                    now
                )
                .await?
            );
        }
        Cmd::Import {
            what:
                ImportWhat::Members {
                    file,
                    org,
                    dry_run,
                    skip_bad_rows,
                },
        } => {
            return import_members(&config, &file, &org, dry_run, skip_bad_rows).await;
        }
        Cmd::Export {
            org,
            out,
            from,
            to,
            format,
        } => {
            let dates = (from.as_deref(), to.as_deref());
            return export_unit(&config, &org, &out, dates, format.as_deref()).await;
        }
        Cmd::Audit { since } => {
            let store = open_store(&config).await?;
            let tz = config.timezone();
            let since = match since.as_deref() {
                None => now - 30 * 86_400_000,
                Some(s) => lianxin::admin::parse_since(s, tz, now)?,
            };
            let entries = store.audit_since(since).await?;
            if entries.is_empty() {
                println!("no audit entries since {}", admin::local_time(since, tz));
            }
            for (at, actor, action, detail) in entries {
                println!(
                    "{}  {actor:<12} {action:<24} {detail}",
                    admin::local_time(at, tz)
                );
            }
        }
        Cmd::CheckConfig | Cmd::Demo { .. } | Cmd::Bench { .. } => unreachable!("handled above"),
    }
    Ok(ExitCode::SUCCESS)
}

async fn import_members(
    config: &Config,
    file: &std::path::Path,
    org: &str,
    dry_run: bool,
    skip_bad: bool,
) -> Result<ExitCode> {
    let i18n = I18n::load(std::path::Path::new(&config.general.messages_dir))?;
    let locale = config.default_locale();
    let say = |t: &Text| i18n.render(locale, t);
    let store = open_store(config).await?;
    let code = OrgCode::parse(org)?;
    let Some(unit) = store.org_by_code(&code).await? else {
        bail!("no unit with code {code}")
    };
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut checked = match roster::read(&name, &bytes) {
        Ok(r) => r,
        Err(problem) => {
            eprintln!("{}", say(&problem.text()));
            return Ok(ExitCode::FAILURE);
        }
    };
    roster::check_against_store(&store, &unit, &mut checked).await?;
    for e in &checked.errors {
        eprintln!(
            "{}{}",
            say(&Text::ImportRowError { row: e.row.into() }),
            say(&e.problem.text())
        );
    }
    let bar = indicatif::ProgressBar::new(checked.rows.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
            .expect("valid template"),
    );
    let commit = !dry_run && (checked.errors.is_empty() || skip_bad);
    let summary = roster::import(
        &store,
        &unit,
        &checked,
        Clock::system().now(),
        !commit,
        |n| bar.set_position(n as u64),
    )
    .await?;
    bar.finish_and_clear();
    println!(
        "{}",
        say(&Text::ImportPreview {
            branch: unit.name.as_str().into(),
            rows: checked.total().into(),
            created: summary.created.into(),
            updated: summary.updated.into(),
            errors: checked.errors.len().into(),
        })
    );
    if commit {
        store
            .audit(
                "cli",
                "import_members",
                &format!(
                    "{name} into {code}: {} new, {} updated, {} skipped",
                    summary.created,
                    summary.updated,
                    checked.errors.len()
                ),
                Clock::system().now(),
            )
            .await?;
        println!(
            "{}",
            say(&Text::ImportDone {
                branch: unit.name.as_str().into(),
                created: summary.created.into(),
                updated: summary.updated.into(),
                skipped: checked.errors.len().into(),
            })
        );
        Ok(ExitCode::SUCCESS)
    } else if dry_run {
        println!("--dry-run: nothing was changed");
        // Success means the real run would import.
        Ok(if checked.errors.is_empty() || skip_bad {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        })
    } else {
        println!(
            "nothing was imported: fix the rows above, or pass --skip-bad-rows to import the good rows"
        );
        Ok(ExitCode::FAILURE)
    }
}

async fn export_unit(
    config: &Config,
    org: &str,
    out: &std::path::Path,
    (from, to): (Option<&str>, Option<&str>),
    format: Option<&str>,
) -> Result<ExitCode> {
    use lianxin::export::{Format, Range};
    let tz = config.timezone();
    let range = Range::from_dates(from, to, tz)?;
    let format = match format {
        Some(f) => f.parse().map_err(anyhow::Error::msg)?,
        None => Format::from_path(out),
    };
    let code = OrgCode::parse(org)?;
    let store = open_store(config).await?;
    let Some(unit) = store.org_by_code(&code).await? else {
        bail!("没有代码为「{code}」的单位 (no unit with code {code}; see `lianxin org list`)")
    };
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} 行 {elapsed}")
            .expect("valid template"),
    );
    let summary =
        lianxin::export::export(&store, &unit, &range, format, tz, out, &|done, total| {
            bar.set_length(total);
            bar.set_position(done);
        })
        .await?;
    bar.finish_and_clear();
    let sheets = summary
        .sheets
        .iter()
        .map(|(name, rows)| format!("{name} {rows} 行"))
        .collect::<Vec<_>>()
        .join("，");
    println!("已导出 {}：{sheets} → {}", unit.name, out.display());
    store
        .audit(
            "cli",
            "export",
            &format!(
                "{code} {format} {}..{} → {}",
                from.unwrap_or(""),
                to.unwrap_or(""),
                out.display()
            ),
            Clock::system().now(),
        )
        .await?;
    Ok(ExitCode::SUCCESS)
}
