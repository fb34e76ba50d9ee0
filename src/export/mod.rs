//! Exports (导出): a unit's members, notices and receipts, lessons, sessions, reports,
//! tickets and points as an XLSX workbook, or as a zip of CSV files.
//!
//! Rows stream from the database straight into the file: the workbook's sheets are written
//! in constant-memory mode (each row goes to a temporary file once the next one starts) and
//! the CSV files are compressed as they are written, so memory stays flat however many
//! members a county has.

use std::fmt;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::str::FromStr;

use anyhow::{Context, Result};
use chrono::TimeZone;
use futures_util::stream::{BoxStream, TryStreamExt};
use rust_xlsxwriter::{Format as CellFormat, FormatAlign, Workbook};

use crate::domain::OrgUnit;
use crate::store::{ExportScope, Store, StoreResult};

/// The file an export makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An Excel workbook, one sheet per table.
    Xlsx,
    /// A zip with one UTF-8 CSV file per table.
    Csv,
}

impl Format {
    /// `xlsx` or `csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
        }
    }

    /// The format a file name asks for: `.csv` and `.zip` are CSV, anything else XLSX.
    pub fn from_path(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv" | "zip") => Format::Csv,
            _ => Format::Xlsx,
        }
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "xlsx" | "excel" => Ok(Format::Xlsx),
            "csv" | "zip" => Ok(Format::Csv),
            _ => Err(format!("unknown export format {s:?}: use xlsx or csv")),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The events an export takes in: `from <= at < to` (ms); `None` leaves that side open.
/// The roster is always whole.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Range {
    /// First instant included.
    pub from: Option<i64>,
    /// First instant excluded.
    pub to: Option<i64>,
}

impl Range {
    /// The range of local dates `from` to `to`, both whole days included (`2026-11-01`), in
    /// `tz`. A date that is not a date is an error naming it.
    pub fn from_dates(from: Option<&str>, to: Option<&str>, tz: chrono_tz::Tz) -> Result<Range> {
        let day = |s: &str, flag: &str| {
            chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
                anyhow::anyhow!(
                    "{flag} {s:?} 不是日期：请写成 2026-11-01 (not a date: use YYYY-MM-DD)"
                )
            })
        };
        let from = from.map(|s| day(s, "--from")).transpose()?;
        let to = to.map(|s| day(s, "--to")).transpose()?;
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            anyhow::bail!("--to {t} 早于 --from {f} (--to is before --from)");
        }
        Ok(Range {
            from: from.map(|d| day_start(d, tz)),
            to: to.map(|d| day_start(d + chrono::Days::new(1), tz)),
        })
    }
}

/// The first instant of a local date (the first that exists, on a day clocks jump at 00:00).
fn day_start(date: chrono::NaiveDate, tz: chrono_tz::Tz) -> i64 {
    (0..24 * 60)
        .find_map(|min| {
            let t = date.and_time(chrono::NaiveTime::MIN) + chrono::Duration::minutes(min);
            tz.from_local_datetime(&t).earliest()
        })
        .map_or(0, |t| t.timestamp_millis())
}

/// What was written: each sheet's name and its number of data rows, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// (sheet name, data rows).
    pub sheets: Vec<(&'static str, u64)>,
}

impl Summary {
    /// Data rows over all sheets.
    pub fn rows(&self) -> u64 {
        self.sheets.iter().map(|(_, n)| n).sum()
    }
}

/// The sheets, in order, with their headers and column widths (in characters).
const SHEETS: [(&str, &[(&str, f64)]); 8] = [
    (
        "成员",
        &[
            ("支部", 18.0),
            ("姓名", 10.0),
            ("手机", 14.0),
            ("状态", 8.0),
            ("流动/在家", 10.0),
            ("所在城市", 10.0),
            ("技能", 20.0),
            ("已绑定Telegram", 15.0),
            ("加入时间", 17.0),
            ("积分合计", 9.0),
        ],
    ),
    (
        "通知",
        &[
            ("日期", 17.0),
            ("发布单位", 18.0),
            ("类型", 6.0),
            ("标题或内容", 44.0),
            ("对象", 9.0),
            ("应收", 7.0),
            ("已确认", 7.0),
            ("确认率", 8.0),
        ],
    ),
    (
        "回执",
        &[
            ("通知日期", 17.0),
            ("通知", 44.0),
            ("支部", 18.0),
            ("姓名", 10.0),
            ("确认时间", 17.0),
        ],
    ),
    (
        "学习与测验",
        &[
            ("课程", 30.0),
            ("支部", 18.0),
            ("姓名", 10.0),
            ("学完时间", 17.0),
            ("答题数", 7.0),
            ("答对数", 7.0),
        ],
    ),
    (
        "活动与考勤",
        &[
            ("活动", 26.0),
            ("类型", 9.0),
            ("时间", 17.0),
            ("地点", 16.0),
            ("支部", 18.0),
            ("姓名", 10.0),
            ("状态", 9.0),
            ("请假原因", 20.0),
            ("签到方式", 9.0),
        ],
    ),
    (
        "报到",
        &[
            ("月份", 9.0),
            ("支部", 18.0),
            ("姓名", 10.0),
            ("流动状态", 9.0),
            ("城市", 10.0),
            ("换城市", 7.0),
            ("工作状态", 9.0),
            ("思想汇报", 40.0),
            ("时间", 17.0),
        ],
    ),
    (
        "诉求",
        &[
            ("编号", 6.0),
            ("支部", 18.0),
            ("姓名", 10.0),
            ("类型", 6.0),
            ("状态", 8.0),
            ("提出时间", 17.0),
            ("答复期限", 17.0),
            ("首次答复", 17.0),
            ("解决时间", 17.0),
            ("按时答复", 9.0),
        ],
    ),
    (
        "积分",
        &[
            ("时间", 17.0),
            ("支部", 18.0),
            ("姓名", 10.0),
            ("规则", 12.0),
            ("分值", 6.0),
            ("来源", 16.0),
            ("原因", 24.0),
        ],
    ),
];

/// The names of the sheets, in order.
pub fn sheet_names() -> [&'static str; 8] {
    SHEETS.map(|(name, _)| name)
}

/// Rows an XLSX sheet holds below its header (Excel's limit is 1,048,576 in all).
pub const XLSX_MAX_ROWS: u64 = 1_048_575;

/// A sheet too long for XLSX: CSV or a shorter range instead.
#[derive(Debug, thiserror::Error)]
#[error(
    "the sheet {sheet} would have {rows} rows, more than an XLSX sheet holds ({XLSX_MAX_ROWS}): \
     use --format csv, or a shorter --from/--to"
)]
pub struct TooManyRows {
    /// Which sheet.
    pub sheet: &'static str,
    /// How many rows it would have.
    pub rows: u64,
}

/// Writes the export of `unit` and everything below it to `out`. `progress(done_rows,
/// total_rows)` is called as rows are written (total from COUNT queries made first).
pub async fn export(
    store: &Store,
    unit: &OrgUnit,
    range: &Range,
    format: Format,
    tz: chrono_tz::Tz,
    out: &Path,
    progress: &(dyn Fn(u64, u64) + Send + Sync),
) -> Result<Summary> {
    let scope = ExportScope {
        path: unit.path.clone(),
        from: range.from.unwrap_or(i64::MIN),
        to: range.to.unwrap_or(i64::MAX),
    };
    let counts = store
        .export_counts(&scope)
        .await
        .context("counting the rows to export")?;
    if format == Format::Xlsx
        && let Some((i, rows)) = counts
            .iter()
            .enumerate()
            .find(|(_, n)| **n >= XLSX_MAX_ROWS)
    {
        return Err(TooManyRows {
            sheet: SHEETS[i].0,
            rows: *rows,
        }
        .into());
    }
    let total: u64 = counts.iter().sum();
    progress(0, total);
    let sink = Sink::create(format, out)?;
    let written = write_sheets(store, &scope, sink, tz, out, total, progress).await;
    if written.is_err() && format == Format::Csv {
        // Not leave half a zip behind (a workbook is only written once it is whole).
        let _ = std::fs::remove_file(out);
    }
    written
}

/// Streams every sheet into `sink`, then completes the file.
async fn write_sheets(
    store: &Store,
    scope: &ExportScope,
    mut sink: Sink,
    tz: chrono_tz::Tz,
    out: &Path,
    total: u64,
    progress: &(dyn Fn(u64, u64) + Send + Sync),
) -> Result<Summary> {
    let now = chrono::Utc::now().timestamp_millis();
    let mut rows = Rows {
        done: 0,
        total,
        progress,
        tz,
    };
    let mut summary = Summary::default();
    for (i, (name, columns)) in SHEETS.iter().enumerate() {
        sink.start(i, name, columns)?;
        let n = match i {
            0 => {
                rows.write(&mut sink, store.export_members(scope), member)
                    .await
            }
            1 => {
                rows.write(&mut sink, store.export_notices(scope), notice)
                    .await
            }
            2 => rows.write(&mut sink, store.export_acks(scope), ack).await,
            3 => {
                rows.write(&mut sink, store.export_studies(scope), study)
                    .await
            }
            4 => {
                rows.write(&mut sink, store.export_attendance(scope), attendance)
                    .await
            }
            5 => {
                rows.write(&mut sink, store.export_reports(scope), report)
                    .await
            }
            6 => {
                let with_now = |t, tz| ticket(t, tz, now);
                rows.write(&mut sink, store.export_tickets(scope), with_now)
                    .await
            }
            _ => {
                rows.write(&mut sink, store.export_points(scope), points)
                    .await
            }
        }
        .with_context(|| format!("exporting the sheet {name}"))?;
        summary.sheets.push((name, n));
    }
    progress(rows.done, rows.done.max(total));
    sink.finish(out).await?;
    Ok(summary)
}

/// Counts rows over the sheets and reports progress.
struct Rows<'p> {
    done: u64,
    total: u64,
    progress: &'p (dyn Fn(u64, u64) + Send + Sync),
    tz: chrono_tz::Tz,
}

impl Rows<'_> {
    /// Writes every row of `stream` as `cells` makes it; returns how many.
    async fn write<T>(
        &mut self,
        sink: &mut Sink,
        mut stream: BoxStream<'_, StoreResult<T>>,
        cells: impl Fn(T, chrono_tz::Tz) -> Vec<Cell>,
    ) -> Result<u64> {
        let mut n = 0;
        while let Some(row) = stream.try_next().await? {
            n += 1;
            sink.row(n, &cells(row, self.tz))?;
            self.done += 1;
            // Rows written after the counts were taken can make the total grow.
            self.total = self.total.max(self.done);
            if self.done.is_multiple_of(500) {
                (self.progress)(self.done, self.total);
            }
        }
        Ok(n as u64)
    }
}

/// One cell of a row.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    Int(i64),
    /// A share, 0.5 = 50%.
    Percent(f64),
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<Option<String>> for Cell {
    fn from(s: Option<String>) -> Cell {
        s.map_or(Cell::Empty, Cell::Text)
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Int(n)
    }
}

/// `2026-11-27 09:00` in the export's timezone.
fn time(at: i64, tz: chrono_tz::Tz) -> Cell {
    match tz.timestamp_millis_opt(at).single() {
        Some(t) => Cell::Text(t.format("%Y-%m-%d %H:%M").to_string()),
        None => Cell::Empty,
    }
}

fn time_opt(at: Option<i64>, tz: chrono_tz::Tz) -> Cell {
    at.map_or(Cell::Empty, |at| time(at, tz))
}

fn yes_no(flag: bool) -> Cell {
    (if flag { "是" } else { "否" }).into()
}

/// A notice's title, or its text cut to 60 characters.
fn headline(title: Option<String>, body: &str) -> Cell {
    match title.filter(|t| !t.trim().is_empty()) {
        Some(t) => t.into(),
        None => {
            let one_line = body.split_whitespace().collect::<Vec<_>>().join(" ");
            if one_line.chars().count() > 60 {
                format!("{}…", one_line.chars().take(60).collect::<String>()).into()
            } else {
                one_line.into()
            }
        }
    }
}

/// A stored value's Chinese label, or the value itself when it is not known here.
fn label(value: &str, labels: &[(&str, &'static str)]) -> Cell {
    labels
        .iter()
        .find(|(v, _)| *v == value)
        .map_or_else(|| value.into(), |(_, l)| (*l).into())
}

const MEMBER_STATUS: &[(&str, &str)] = &[
    ("active", "正常"),
    ("pending", "待审批"),
    ("left", "已离开"),
    ("erased", "已注销"),
];
const MOBILITY: &[(&str, &str)] = &[("resident", "在家"), ("mobile", "流动"), ("lost", "失联")];
const PURPOSE: &[(&str, &str)] = &[
    ("notice", "通知"),
    ("lesson", "学习"),
    ("session", "活动"),
    ("poll", "投票"),
    ("report", "报到"),
];
const AUDIENCE: &[(&str, &str)] = &[
    ("all", "全体"),
    ("mobile", "流动党员"),
    ("resident", "在家党员"),
    ("group", "群"),
];
const SESSION_KIND: &[(&str, &str)] = &[
    ("theme_day", "主题党日"),
    ("general_meeting", "党员大会"),
    ("committee", "支委会"),
    ("group_meeting", "党小组会"),
    ("party_lecture", "党课"),
    ("lecture", "讲习堂"),
    ("village_sages", "乡贤讲堂"),
    ("skills", "技能培训"),
];
const ATTENDANCE: &[(&str, &str)] = &[
    ("going", "报名参加"),
    ("leave", "请假"),
    ("present", "到会"),
    ("late", "迟到"),
    ("absent", "缺席"),
];
const VIA: &[(&str, &str)] = &[("private", "私聊"), ("group", "群内"), ("proxy", "代签")];
const WORK: &[(&str, &str)] = &[
    ("working", "在岗"),
    ("seeking", "待业"),
    ("returned", "返乡"),
    ("other", "其他"),
];
const TICKET_KIND: &[(&str, &str)] = &[
    ("need", "诉求"),
    ("suggestion", "建议"),
    ("question", "咨询"),
    ("heart", "谈心"),
];
const TICKET_STATUS: &[(&str, &str)] = &[
    ("received", "已收到"),
    ("in_progress", "处理中"),
    ("answered", "已答复"),
    ("resolved", "已解决"),
];
const RULE: &[(&str, &str)] = &[
    ("notice_ack", "确认通知"),
    ("lesson_done", "学完微讲习"),
    ("quiz_correct", "答题正确"),
    ("session_attend", "参加活动"),
    ("status_report", "报到"),
    ("feedback", "反映诉求"),
    ("manual", "书记调整"),
];

fn member(m: crate::store::ExportMember, tz: chrono_tz::Tz) -> Vec<Cell> {
    vec![
        m.branch.into(),
        m.name.into(),
        m.phone.into(),
        label(&m.status, MEMBER_STATUS),
        label(&m.mobility, MOBILITY),
        m.city.into(),
        m.skills.into(),
        yes_no(m.on_telegram != 0),
        time_opt(m.joined_at, tz),
        m.points.unwrap_or(0).into(),
    ]
}

fn notice(n: crate::store::ExportNotice, tz: chrono_tz::Tz) -> Vec<Cell> {
    vec![
        time_opt(n.started_at, tz),
        n.sender.into(),
        label(&n.purpose, PURPOSE),
        headline(n.title, &n.body),
        label(n.audience.as_deref().unwrap_or("all"), AUDIENCE),
        n.expected.into(),
        n.acked.into(),
        if n.expected > 0 {
            Cell::Percent(n.acked as f64 / n.expected as f64)
        } else {
            Cell::Empty
        },
    ]
}

fn ack(a: crate::store::ExportAck, tz: chrono_tz::Tz) -> Vec<Cell> {
    vec![
        time_opt(a.started_at, tz),
        headline(a.title, &a.body),
        a.branch.into(),
        a.name.into(),
        time(a.at, tz),
    ]
}

fn study(s: crate::store::ExportStudy, tz: chrono_tz::Tz) -> Vec<Cell> {
    vec![
        headline(s.title, &s.body),
        s.branch.into(),
        s.name.into(),
        time_opt(s.done_at, tz),
        s.answered.into(),
        s.correct.into(),
    ]
}

fn attendance(a: crate::store::ExportAttendance, tz: chrono_tz::Tz) -> Vec<Cell> {
    vec![
        a.title.into(),
        label(&a.kind, SESSION_KIND),
        time_opt(a.starts_at, tz),
        if a.online != 0 {
            "线上".into()
        } else {
            a.place.into()
        },
        a.branch.into(),
        a.name.into(),
        label(&a.status, ATTENDANCE),
        a.reason.into(),
        label(&a.via, VIA),
    ]
}

fn report(r: crate::store::ExportReport, tz: chrono_tz::Tz) -> Vec<Cell> {
    let note = match (r.note, r.voice != 0) {
        (Some(text), _) => text.into(),
        (None, true) => "（语音）".into(),
        (None, false) => Cell::Empty,
    };
    vec![
        r.period.into(),
        r.branch.into(),
        r.name.into(),
        label(&r.mobility, MOBILITY),
        r.city.into(),
        yes_no(r.moved != 0),
        label(&r.work, WORK),
        note,
        time(r.at, tz),
    ]
}

fn ticket(t: crate::store::ExportTicket, tz: chrono_tz::Tz, now: i64) -> Vec<Cell> {
    let on_time = match t.first_answer_at {
        Some(at) => yes_no(at <= t.due_at),
        None if t.due_at < now => yes_no(false),
        None => "未到期".into(),
    };
    vec![
        t.id.into(),
        t.branch.into(),
        if t.anonymous != 0 {
            "匿名".into()
        } else {
            t.name.into()
        },
        label(&t.kind, TICKET_KIND),
        label(&t.status, TICKET_STATUS),
        time(t.created_at, tz),
        time(t.due_at, tz),
        time_opt(t.first_answer_at, tz),
        time_opt(t.resolved_at, tz),
        on_time,
    ]
}

fn points(p: crate::store::ExportPoints, tz: chrono_tz::Tz) -> Vec<Cell> {
    vec![
        time(p.at, tz),
        p.branch.into(),
        p.name.into(),
        label(&p.rule, RULE),
        p.points.into(),
        p.source.into(),
        p.reason.into(),
    ]
}

/// Where rows go: a workbook, or a zip of CSV files.
enum Sink {
    Xlsx(Box<XlsxSink>),
    /// `None` only while moving from one sheet to the next.
    Csv(Option<Box<CsvWriter>>),
}

type CsvWriter = csv::Writer<zip::ZipWriter<BufWriter<File>>>;

fn csv_writer(zip: zip::ZipWriter<BufWriter<File>>) -> Box<CsvWriter> {
    Box::new(csv::WriterBuilder::new().flexible(true).from_writer(zip))
}

/// The zip under a CSV writer, with everything written so far flushed into it.
fn csv_into_zip(w: Option<Box<CsvWriter>>) -> Result<zip::ZipWriter<BufWriter<File>>> {
    let w = w.context("the CSV writer is gone after an earlier error")?;
    w.into_inner()
        .map_err(|e| anyhow::anyhow!("writing CSV: {}", e.error()))
}

struct XlsxSink {
    workbook: Workbook,
    sheet: usize,
    header: CellFormat,
    percent: CellFormat,
}

impl Sink {
    fn create(format: Format, out: &Path) -> Result<Sink> {
        Ok(match format {
            Format::Xlsx => Sink::Xlsx(Box::new(XlsxSink {
                workbook: Workbook::new(),
                sheet: 0,
                header: CellFormat::new()
                    .set_bold()
                    .set_align(FormatAlign::Center)
                    .set_background_color("#F2F2F2"),
                percent: CellFormat::new().set_num_format("0%"),
            })),
            Format::Csv => {
                let file = File::create(out)
                    .with_context(|| format!("cannot create {}", out.display()))?;
                let zip = zip::ZipWriter::new(BufWriter::new(file));
                Sink::Csv(Some(csv_writer(zip)))
            }
        })
    }

    /// Starts sheet `index` with its header row.
    fn start(&mut self, index: usize, name: &str, columns: &[(&str, f64)]) -> Result<()> {
        match self {
            Sink::Xlsx(x) => {
                let sheet = x.workbook.add_worksheet_with_constant_memory()?;
                sheet.set_name(name)?;
                for (col, (title, width)) in columns.iter().enumerate() {
                    sheet.set_column_width(col as u16, *width)?;
                    sheet.write_string_with_format(0, col as u16, *title, &x.header)?;
                }
                sheet.set_freeze_panes(1, 0)?;
                x.sheet = index;
            }
            Sink::Csv(w) => {
                // Each sheet is a file of the zip: take the zip back from the CSV writer of
                // the previous one (which flushes it), open the next file, wrap it again.
                let mut zip = csv_into_zip(w.take())?;
                let options = zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Deflated);
                zip.start_file(format!("{}-{name}.csv", index + 1), options)?;
                // A byte-order mark, so that Excel reads the file as UTF-8.
                zip.write_all("\u{feff}".as_bytes())?;
                let mut writer = csv_writer(zip);
                writer.write_record(columns.iter().map(|(title, _)| *title))?;
                *w = Some(writer);
            }
        }
        Ok(())
    }

    /// Writes data row `row` (from 1) of the current sheet.
    fn row(&mut self, row: u32, cells: &[Cell]) -> Result<()> {
        match self {
            Sink::Xlsx(x) => {
                let sheet = x.workbook.worksheet_from_index(x.sheet)?;
                for (col, cell) in cells.iter().enumerate() {
                    let col = col as u16;
                    match cell {
                        Cell::Text(s) => {
                            sheet.write_string(row, col, s)?;
                        }
                        Cell::Int(n) => {
                            sheet.write_number(row, col, *n as f64)?;
                        }
                        Cell::Percent(p) => {
                            sheet.write_number_with_format(row, col, *p, &x.percent)?;
                        }
                        Cell::Empty => {}
                    }
                }
            }
            Sink::Csv(w) => {
                let w = w
                    .as_mut()
                    .context("the CSV writer is gone after an earlier error")?;
                w.write_record(cells.iter().map(|c| match c {
                    Cell::Text(s) => s.clone(),
                    Cell::Int(n) => n.to_string(),
                    Cell::Percent(p) => percent_text(*p),
                    Cell::Empty => String::new(),
                }))?;
            }
        }
        Ok(())
    }

    /// Completes the file.
    async fn finish(self, out: &Path) -> Result<()> {
        match self {
            Sink::Xlsx(x) => {
                // Zipping the sheets' temporary files takes a while for a large export.
                let out = out.to_path_buf();
                let mut workbook = x.workbook;
                tokio::task::spawn_blocking(move || {
                    workbook
                        .save(&out)
                        .with_context(|| format!("cannot write {}", out.display()))
                })
                .await??;
            }
            Sink::Csv(w) => {
                csv_into_zip(w)?.finish()?.flush()?;
            }
        }
        Ok(())
    }
}

/// The bot awaits exports inside spawned tasks: this fails to build if that breaks.
#[allow(dead_code)]
fn export_is_send(store: &Store, unit: &OrgUnit, out: &Path) {
    fn send<T: Send>(_: T) {}
    send(export(
        store,
        unit,
        &Range::default(),
        Format::Xlsx,
        chrono_tz::UTC,
        out,
        &|_, _| {},
    ));
}

/// `0.5` → `50%`, `1/3` → `33.3%`.
fn percent_text(p: f64) -> String {
    let s = format!("{:.1}", p * 100.0);
    format!("{}%", s.strip_suffix(".0").unwrap_or(&s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_and_follow_the_file_name() {
        assert_eq!("xlsx".parse(), Ok(Format::Xlsx));
        assert_eq!("CSV".parse(), Ok(Format::Csv));
        assert!("pdf".parse::<Format>().is_err());
        assert_eq!(Format::from_path(Path::new("a/b.zip")), Format::Csv);
        assert_eq!(Format::from_path(Path::new("b.csv")), Format::Csv);
        assert_eq!(Format::from_path(Path::new("b.xlsx")), Format::Xlsx);
        assert_eq!(Format::from_path(Path::new("b")), Format::Xlsx);
    }

    #[test]
    fn cells_read_as_people_expect() {
        assert_eq!(percent_text(0.5), "50%");
        assert_eq!(percent_text(1.0 / 3.0), "33.3%");
        let tz: chrono_tz::Tz = "Asia/Shanghai".parse().unwrap();
        // 2026-11-27 01:00 UTC is 09:00 in Beijing.
        assert_eq!(
            time(1_795_741_200_000, tz),
            Cell::Text("2026-11-27 09:00".into())
        );
        let long = "长".repeat(70);
        match headline(None, &long) {
            Cell::Text(s) => assert_eq!(s.chars().count(), 61),
            other => panic!("{other:?}"),
        }
        assert_eq!(headline(Some("标题".into()), &long), Cell::from("标题"));
        assert_eq!(label("question", TICKET_KIND), Cell::from("咨询"));
        assert_eq!(label("new_kind", TICKET_KIND), Cell::from("new_kind"));
    }

    #[test]
    fn dates_are_whole_local_days() {
        let tz: chrono_tz::Tz = "Asia/Shanghai".parse().unwrap();
        let r = Range::from_dates(Some("2026-11-27"), Some("2026-11-27"), tz).unwrap();
        // 00:00 Beijing is 16:00 UTC the day before; --to takes in the whole day.
        assert_eq!(r.from, Some(1_795_741_200_000 - 9 * 3_600_000));
        assert_eq!(r.to, Some(1_795_741_200_000 + 15 * 3_600_000));
        assert_eq!(Range::from_dates(None, None, tz).unwrap(), Range::default());
        assert!(Range::from_dates(Some("2026-13-01"), None, tz).is_err());
        assert!(Range::from_dates(Some("2026-11-02"), Some("2026-11-01"), tz).is_err());
    }
}
