use std::fmt;

use chrono::{DateTime, Duration, NaiveTime, TimeZone};

/// The hours of the day during which a member gets no non-urgent bulk messages, e.g.
/// 22:00–07:00 (across midnight). Equal start and end means "off".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    /// Start, local time.
    pub start: NaiveTime,
    /// End, local time (the first minute messages may go again).
    pub end: NaiveTime,
}

impl QuietHours {
    /// 22:00–07:00.
    pub const DEFAULT: QuietHours = QuietHours {
        start: NaiveTime::from_hms_opt(22, 0, 0).expect("valid"),
        end: NaiveTime::from_hms_opt(7, 0, 0).expect("valid"),
    };

    /// No quiet hours.
    pub const OFF: QuietHours = QuietHours {
        start: NaiveTime::MIN,
        end: NaiveTime::MIN,
    };

    /// Reads `22:00-07:00` (also with `–`, `~`, `到` or spaces); `off`/`关闭` means none.
    pub fn parse(raw: &str) -> Option<QuietHours> {
        let raw = raw.trim();
        if ["off", "关闭", "关", "无", "none"]
            .iter()
            .any(|w| raw.eq_ignore_ascii_case(w))
        {
            return Some(QuietHours::OFF);
        }
        let normalized = raw.replace(['–', '—', '~', '～', '到', '至'], "-");
        let (a, b) = normalized.split_once('-')?;
        Some(QuietHours {
            start: parse_time(a)?,
            end: parse_time(b)?,
        })
    }

    /// Reads the stored start and end (`HH:MM`); unreadable values mean the default.
    pub fn from_stored(start: &str, end: &str) -> QuietHours {
        match (parse_time(start), parse_time(end)) {
            (Some(start), Some(end)) => QuietHours { start, end },
            _ => QuietHours::DEFAULT,
        }
    }

    /// Whether there are any quiet hours.
    pub fn is_off(&self) -> bool {
        self.start == self.end
    }

    /// Whether this local time of day is quiet.
    pub fn contains(&self, t: NaiveTime) -> bool {
        if self.is_off() {
            false
        } else if self.start < self.end {
            self.start <= t && t < self.end
        } else {
            t >= self.start || t < self.end
        }
    }

    /// When a non-urgent message may go, if not now: the end of the quiet hours `now` is in.
    pub fn release<Tz: TimeZone>(&self, now: DateTime<Tz>) -> Option<DateTime<Tz>> {
        let local = now.time();
        if !self.contains(local) {
            return None;
        }
        let mut day = now.date_naive();
        if local >= self.end {
            day += Duration::days(1);
        }
        // A time skipped by a daylight-saving change: take the first valid one after it.
        let naive = day.and_time(self.end);
        now.timezone()
            .from_local_datetime(&naive)
            .earliest()
            .or_else(|| {
                now.timezone()
                    .from_local_datetime(&(naive + Duration::hours(1)))
                    .earliest()
            })
    }

    /// The stored start, `HH:MM`.
    pub fn start_text(&self) -> String {
        self.start.format("%H:%M").to_string()
    }

    /// The stored end, `HH:MM`.
    pub fn end_text(&self) -> String {
        self.end.format("%H:%M").to_string()
    }
}

impl fmt::Display for QuietHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", self.start_text(), self.end_text())
    }
}

fn parse_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim().replace(['：', '.'], ":");
    if let Ok(t) = NaiveTime::parse_from_str(&s, "%H:%M") {
        return Some(t);
    }
    // "22" means 22:00.
    let h: u32 = s.parse().ok()?;
    NaiveTime::from_hms_opt(h, 0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Asia::Shanghai;

    fn at(h: u32, m: u32) -> DateTime<chrono_tz::Tz> {
        Shanghai.with_ymd_and_hms(2026, 12, 1, h, m, 0).unwrap()
    }

    #[test]
    fn reads_what_people_type() {
        assert_eq!(QuietHours::parse("22:00-07:00"), Some(QuietHours::DEFAULT));
        assert_eq!(QuietHours::parse("22：00～7:00"), Some(QuietHours::DEFAULT));
        assert_eq!(QuietHours::parse("22到7"), Some(QuietHours::DEFAULT));
        assert_eq!(QuietHours::parse("关闭"), Some(QuietHours::OFF));
        assert_eq!(QuietHours::parse("25:00-07:00"), None);
        assert_eq!(QuietHours::parse("tonight"), None);
    }

    #[test]
    fn quiet_hours_across_midnight_end_the_next_morning() {
        let q = QuietHours::DEFAULT;
        assert_eq!(q.release(at(21, 59)), None);
        assert_eq!(q.release(at(22, 0)), Some(at(7, 0) + Duration::days(1)));
        assert_eq!(q.release(at(3, 30)), Some(at(7, 0)));
        assert_eq!(q.release(at(7, 0)), None);
    }

    #[test]
    fn daytime_quiet_hours_and_off() {
        let q = QuietHours::parse("12:00-14:00").unwrap();
        assert_eq!(q.release(at(13, 0)), Some(at(14, 0)));
        assert_eq!(q.release(at(15, 0)), None);
        assert_eq!(QuietHours::OFF.release(at(23, 0)), None);
    }
}
