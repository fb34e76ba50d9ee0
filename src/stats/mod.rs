//! `/stats` and the weekly digest: participation at a glance, as a short text and a chart.
//!
//! Figures are counted per branch and per week (see [`crate::store::Metric`]); a unit's figure
//! adds up its branches, so an organizer compares branch averages and never sees one member
//! ranked against another.

use std::collections::HashMap;

use anyhow::Result;
use chrono::{Datelike, TimeZone};

use crate::access::Staff;
use crate::app::{Actor, App};
use crate::domain::{Locale, OrgKind, OrgUnit};
use crate::i18n::Text;
use crate::reply::{Line, Outcome, Reply};
use crate::store::{Metric, Ratio, WEEK, WeekFigure};

pub mod chart;
pub mod export;

/// Weeks shown.
pub const WEEKS: usize = 12;
/// Branch lines in one summary; the rest are in `/export`.
const BRANCH_LINES: usize = 60;

/// One unit's figures: per week, per metric.
pub type Table = [[Ratio; Metric::ALL.len()]; WEEKS];

/// Every branch's weekly figures within a scope.
#[derive(Debug, Clone)]
pub struct Figures {
    /// The first week's start (ms): a Monday, 00:00 local time, eleven weeks before this one.
    pub start: i64,
    by_unit: HashMap<i64, Vec<WeekFigure>>,
}

impl Figures {
    /// The figures of every branch whose path starts with `scope` (`""`: everywhere).
    pub async fn load(app: &App, scope: &str) -> Result<Figures> {
        let now = app.now();
        let start = first_week(app.tz(), now);
        let rows = app.store.weekly_figures(scope, start, WEEKS, now).await?;
        let mut by_unit: HashMap<i64, Vec<WeekFigure>> = HashMap::new();
        for f in rows {
            by_unit.entry(f.org_id).or_default().push(f);
        }
        Ok(Figures { start, by_unit })
    }

    /// The sums over these units.
    pub fn table(&self, units: &[i64]) -> Table {
        let mut table = Table::default();
        for f in units.iter().filter_map(|u| self.by_unit.get(u)).flatten() {
            table[f.week][f.metric.index()].add(f.ratio);
        }
        table
    }
}

/// Monday 00:00 (in `tz`) of the week `WEEKS - 1` weeks before the one `now` is in.
pub fn first_week(tz: chrono_tz::Tz, now: i64) -> i64 {
    let today = tz
        .timestamp_millis_opt(now)
        .single()
        .map(|t| t.date_naive())
        .unwrap_or_default();
    let monday = today
        - chrono::Days::new(u64::from(today.weekday().num_days_from_monday()))
        - chrono::Days::new(7 * (WEEKS as u64 - 1));
    tz.from_local_datetime(&monday.and_time(chrono::NaiveTime::MIN))
        .earliest()
        .map_or(now - WEEKS as i64 * WEEK, |t| t.timestamp_millis())
}

/// A metric over the whole period: the sum over all weeks; for status reports (a rolling
/// 30-day share already) the latest week's.
pub fn total(table: &Table, metric: Metric) -> Ratio {
    if metric == Metric::Reported {
        return table
            .iter()
            .rev()
            .map(|week| week[metric.index()])
            .find(|r| r.den > 0)
            .unwrap_or_default();
    }
    let mut sum = Ratio::default();
    for week in table {
        sum.add(week[metric.index()]);
    }
    sum
}

/// A share as people read it: `85%`, or `—` when there was nothing to count.
pub fn percent(r: Ratio) -> String {
    r.percent()
        .map_or_else(|| "—".to_string(), |p| format!("{}%", p.round() as i64))
}

/// A metric's name.
pub fn label(metric: Metric) -> Text {
    match metric {
        Metric::Acknowledged => Text::StatsAcknowledged,
        Metric::Studied => Text::StatsStudied,
        Metric::QuizScore => Text::StatsQuizScore,
        Metric::Attendance => Text::StatsAttendance,
        Metric::Reported => Text::StatsReported,
        Metric::AnsweredInTime => Text::StatsAnsweredInTime,
    }
}

/// `/stats [code]`.
pub async fn stats(app: &App, actor: &Actor, arg: &str) -> Result<Outcome> {
    let staff = Staff::of(&app.store, actor.id).await?;
    if !staff.is_staff() {
        return Ok(Outcome::text(actor.id, Text::SecretaryOnly));
    }
    let units = match staff.units_for(&app.store, Some(arg)).await? {
        Ok(units) => units,
        Err(why) => return Ok(Outcome::text(actor.id, why)),
    };
    let locale = app.locale_of(actor.id).await;
    let mut out = Outcome::none();
    let mut charts = Charts::default();
    for unit in units {
        let figures = Figures::load(app, &unit.path).await?;
        let view = view(app, actor.id, locale, &unit, &figures, &mut charts, false).await?;
        out.replies.extend(view);
    }
    Ok(out)
}

/// Charts already drawn, by unit and language (a digest draws each once).
#[derive(Default)]
pub struct Charts(HashMap<(i64, Locale), Option<Vec<u8>>>);

/// The summary of one unit for one reader: the text, then the chart.
async fn view(
    app: &App,
    to: i64,
    locale: Locale,
    unit: &OrgUnit,
    figures: &Figures,
    charts: &mut Charts,
    digest: bool,
) -> Result<Vec<Reply>> {
    let subtree = app.store.subtree(unit).await?;
    let ids: Vec<i64> = subtree.iter().map(|u| u.id).collect();
    let table = figures.table(&ids);
    let from = app.format_date(figures.start);
    let header = if digest {
        Text::DigestHeader {
            unit: unit.name.as_str().into(),
            from: from.into(),
        }
    } else {
        Text::StatsHeader {
            unit: unit.name.as_str().into(),
            from: from.into(),
        }
    };
    let mut reply = Reply::text(to, header);
    for metric in Metric::ALL {
        reply = reply.line(Line(vec![
            label(metric),
            Text::StatsFigure {
                total: percent(total(&table, metric)).into(),
                num: total(&table, metric).num.into(),
                den: total(&table, metric).den.into(),
                last: percent(table[WEEKS - 2][metric.index()]).into(),
            },
        ]));
    }
    let branches: Vec<&OrgUnit> = subtree
        .iter()
        .filter(|u| u.kind == OrgKind::Branch)
        .collect();
    if branches.len() > 1 {
        reply = reply.line(Line::from(Text::StatsBranchesHeader));
        for branch in branches.iter().take(BRANCH_LINES) {
            let t = figures.table(&[branch.id]);
            let p = |m: Metric| percent(total(&t, m)).into();
            reply = reply.line(Line::from(Text::StatsBranchLine {
                branch: branch.name.as_str().into(),
                ack: p(Metric::Acknowledged),
                study: p(Metric::Studied),
                quiz: p(Metric::QuizScore),
                attend: p(Metric::Attendance),
                report: p(Metric::Reported),
                answer: p(Metric::AnsweredInTime),
            }));
        }
        if branches.len() > BRANCH_LINES {
            reply = reply.line(Line::from(Text::StatsMoreBranches {
                count: (branches.len() - BRANCH_LINES).into(),
            }));
        }
    }
    let png = match charts.0.get(&(unit.id, locale)) {
        Some(png) => png.clone(),
        None => {
            let chart = chart_of(app, locale, unit, figures.start, &table);
            let font = app.config.stats.font.clone();
            // Drawing is CPU work: off the async workers. A chart that fails to draw leaves
            // the text to stand alone.
            let png = tokio::task::spawn_blocking(move || chart::render(&chart, &font))
                .await
                .unwrap_or_else(|e| {
                    tracing::error!(error = %e, "drawing a chart failed");
                    None
                });
            charts.0.insert((unit.id, locale), png.clone());
            png
        }
    };
    let mut replies = Vec::new();
    match png {
        Some(png) => {
            replies.push(reply);
            replies.push(Reply::photo(
                to,
                png,
                "stats.png",
                vec![Text::StatsChartCaption {
                    unit: unit.name.as_str().into(),
                }],
            ));
        }
        None => replies.push(reply.line(Line::from(Text::StatsNoChart))),
    }
    Ok(replies)
}

/// The chart of a unit's table, worded for `locale`.
pub fn chart_of(
    app: &App,
    locale: Locale,
    unit: &OrgUnit,
    start: i64,
    table: &Table,
) -> chart::Chart {
    let tz = app.tz();
    let weeks = (0..WEEKS)
        .map(|w| {
            tz.timestamp_millis_opt(start + w as i64 * WEEK)
                .single()
                .map(|t| t.format("%m/%d").to_string())
                .unwrap_or_default()
        })
        .collect();
    let series = Metric::ALL
        .into_iter()
        .map(|m| {
            (
                app.i18n.render(locale, &label(m)),
                table.iter().map(|week| week[m.index()].percent()).collect(),
            )
        })
        .collect();
    chart::Chart {
        title: app.i18n.render(
            locale,
            &Text::StatsChartTitle {
                unit: unit.name.as_str().into(),
            },
        ),
        weeks,
        series,
        empty: app.i18n.render(locale, &Text::StatsChartEmpty),
    }
}

/// The weekly digest: every secretary and organizer gets their units' summary and chart.
/// Returns how many people it went to.
pub async fn digest(app: &App) -> Result<usize> {
    let figures = Figures::load(app, "").await?;
    let mut charts = Charts::default();
    let mut sent = 0;
    for holder in app.store.role_holders().await? {
        // One person's failure (a unit removed meanwhile, a database hiccup) is logged and the
        // others still get theirs.
        match digest_for(app, holder, &figures, &mut charts).await {
            Ok(true) => sent += 1,
            Ok(false) => {}
            Err(e) => tracing::error!(
                telegram_id = holder,
                error = format!("{e:#}"),
                "a weekly digest failed"
            ),
        }
    }
    tracing::info!(people = sent, "weekly digest queued");
    app.store
        .audit(
            "schedule",
            "digest",
            &format!("weekly figures to {sent} people"),
            app.now(),
        )
        .await?;
    Ok(sent)
}

/// One secretary's or organizer's digest; whether there was anything to send.
async fn digest_for(
    app: &App,
    holder: i64,
    figures: &Figures,
    charts: &mut Charts,
) -> Result<bool> {
    let staff = Staff::of(&app.store, holder).await?;
    let locale = app.locale_of(holder).await;
    let mut out = Outcome::none();
    for unit in staff.top_units() {
        out.replies
            .extend(view(app, holder, locale, &unit, figures, charts, true).await?);
    }
    if out.replies.is_empty() {
        return Ok(false);
    }
    crate::telegram::render::queue(app, out).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn weeks_start_on_a_local_monday_eleven_weeks_back() {
        let tz = chrono_tz::Asia::Shanghai;
        // Thursday 2026-11-26 15:00 in Shanghai.
        let now = tz
            .with_ymd_and_hms(2026, 11, 26, 15, 0, 0)
            .unwrap()
            .timestamp_millis();
        let start = first_week(tz, now);
        let monday = tz.with_ymd_and_hms(2026, 9, 7, 0, 0, 0).unwrap();
        assert_eq!(start, monday.timestamp_millis());
        // The current week is the last of the twelve.
        assert_eq!((now - start) / WEEK, WEEKS as i64 - 1);
        // A Monday at midnight starts its own week.
        let monday_now = tz
            .with_ymd_and_hms(2026, 11, 23, 0, 0, 0)
            .unwrap()
            .timestamp_millis();
        assert_eq!(first_week(tz, monday_now), start);
    }

    #[test]
    fn totals_add_weeks_but_reports_take_the_latest() {
        let mut table = Table::default();
        let ack = Metric::Acknowledged.index();
        let reported = Metric::Reported.index();
        table[3][ack] = Ratio { num: 1, den: 4 };
        table[9][ack] = Ratio { num: 3, den: 4 };
        table[9][reported] = Ratio { num: 1, den: 3 };
        table[10][reported] = Ratio { num: 2, den: 3 };
        assert_eq!(
            total(&table, Metric::Acknowledged),
            Ratio { num: 4, den: 8 }
        );
        assert_eq!(total(&table, Metric::Reported), Ratio { num: 2, den: 3 });
        assert_eq!(percent(total(&table, Metric::Acknowledged)), "50%");
        assert_eq!(percent(total(&table, Metric::QuizScore)), "—");
    }
}
