//! Reading the date and time a secretary types to schedule a notice.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;

/// Reads `2026-12-01 09:00`, `12-01 09:00`, `12/1 9:00`, `明天 9:00`, `tomorrow 09:00` or just
/// `09:00` (today, or tomorrow if that has passed), in `tz`. Milliseconds since the epoch.
pub fn parse_when(typed: &str, now: i64, tz: Tz) -> Option<i64> {
    let today = chrono::DateTime::from_timestamp_millis(now)?
        .with_timezone(&tz)
        .date_naive();
    let text = typed.trim().replace('：', ":").replace('/', "-");
    let mut parts = text.split_whitespace();
    let first = parts.next()?;
    let second = parts.next();
    if parts.next().is_some() {
        return None;
    }
    let (day, time, day_given) = match second {
        None => (today, time(first)?, false),
        Some(t) => (date(first, today)?, time(t)?, true),
    };
    let at = local(tz, day, time)?;
    if !day_given && at <= now {
        return local(tz, day + Duration::days(1), time);
    }
    Some(at)
}

fn local(tz: Tz, day: NaiveDate, time: NaiveTime) -> Option<i64> {
    tz.from_local_datetime(&day.and_time(time))
        .earliest()
        .map(|t| t.timestamp_millis())
}

fn time(s: &str) -> Option<NaiveTime> {
    let s = s.trim_end_matches('点');
    NaiveTime::parse_from_str(s, "%H:%M").ok().or_else(|| {
        s.parse::<u32>()
            .ok()
            .and_then(|h| NaiveTime::from_hms_opt(h, 0, 0))
    })
}

fn date(s: &str, today: NaiveDate) -> Option<NaiveDate> {
    match s.to_lowercase().as_str() {
        "今天" | "today" => return Some(today),
        "明天" | "tomorrow" => return Some(today + Duration::days(1)),
        "后天" => return Some(today + Duration::days(2)),
        _ => {}
    }
    let s = s.replace(['月', '.'], "-").replace(['日', '号'], "");
    if let Ok(d) = NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
        return Some(d);
    }
    // Month and day: this year, or next year if that day has passed.
    let (m, d) = s.split_once('-')?;
    let (m, d) = (m.parse().ok()?, d.parse().ok()?);
    let this = NaiveDate::from_ymd_opt(today.year(), m, d)?;
    Some(if this < today {
        NaiveDate::from_ymd_opt(today.year() + 1, m, d)?
    } else {
        this
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Asia::Shanghai;

    fn ms(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
        Shanghai
            .with_ymd_and_hms(y, mo, d, h, mi, 0)
            .unwrap()
            .timestamp_millis()
    }

    #[test]
    fn reads_dates_and_times_as_typed() {
        let now = ms(2026, 11, 27, 15, 0);
        let at = |s| parse_when(s, now, Shanghai);
        assert_eq!(at("2026-12-01 09:00"), Some(ms(2026, 12, 1, 9, 0)));
        assert_eq!(at("12-01 9:00"), Some(ms(2026, 12, 1, 9, 0)));
        assert_eq!(at("12/1 09：30"), Some(ms(2026, 12, 1, 9, 30)));
        assert_eq!(at("12月1日 20:00"), Some(ms(2026, 12, 1, 20, 0)));
        assert_eq!(at("明天 8:00"), Some(ms(2026, 11, 28, 8, 0)));
        assert_eq!(at("tomorrow 08:00"), Some(ms(2026, 11, 28, 8, 0)));
        assert_eq!(at("20:00"), Some(ms(2026, 11, 27, 20, 0)));
        assert_eq!(at("09:00"), Some(ms(2026, 11, 28, 9, 0)));
        assert_eq!(at("01-05 09:00"), Some(ms(2027, 1, 5, 9, 0)));
        assert_eq!(at("next week"), None);
        assert_eq!(at("13-45 09:00"), None);
        assert_eq!(at("25:00"), None);
    }
}
