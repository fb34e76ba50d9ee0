use std::fmt;
use std::str::FromStr;

/// A validated cron expression of 5 fields (minute first) or 6 fields (second first).
#[derive(Debug, Clone)]
pub struct CronSpec {
    text: String,
    schedule: cron::Schedule,
}

impl CronSpec {
    /// Parses a 5- or 6-field expression, e.g. `0 20 5 * *` (20:00 on the 5th). Weekdays are
    /// numbered as in Unix cron: 0 or 7 is Sunday, 1 Monday … 6 Saturday (names work too).
    pub fn parse(raw: &str) -> Result<CronSpec, String> {
        let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut fields: Vec<String> = text.split(' ').map(str::to_string).collect();
        match fields.len() {
            5 => fields.insert(0, "0".into()),
            6 => {}
            n => {
                return Err(format!(
                    "a cron expression has 5 or 6 fields, this one has {n}"
                ));
            }
        }
        fields[5] = unix_weekdays(&fields[5])?;
        let full = fields.join(" ");
        let schedule = cron::Schedule::from_str(&full).map_err(|e| e.to_string())?;
        Ok(CronSpec { text, schedule })
    }

    /// The schedule, for computing occurrences.
    pub fn schedule(&self) -> &cron::Schedule {
        &self.schedule
    }
}

/// Rewrites a weekday field from Unix numbering (0–7, Sunday 0 or 7) to the `cron` crate's
/// (1–7, Sunday 1), so that `1-5` means Monday to Friday as people expect.
fn unix_weekdays(field: &str) -> Result<String, String> {
    let day = |n: &str| -> Result<Option<u32>, String> {
        match n.parse::<u32>() {
            Ok(d) if d <= 7 => Ok(Some(d % 7 + 1)),
            Ok(d) => Err(format!("{d} is not a weekday (0–7)")),
            Err(_) => Ok(None), // a name (MON) or *
        }
    };
    let mut out = Vec::new();
    for part in field.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => (r, Some(s)),
            None => (part, None),
        };
        let mapped = match range.split_once('-') {
            Some((a, b)) => match (day(a)?, day(b)?) {
                // …-7 (Sunday) ends the week in Unix numbering, but starts it here.
                (Some(a), Some(1)) if b != "0" && a > 1 => format!("{a}-7,1"),
                (Some(a), Some(b)) if a <= b => format!("{a}-{b}"),
                (Some(_), Some(_)) => return Err(format!("{range}: a range runs low to high")),
                _ => range.to_string(),
            },
            None => match day(range)? {
                Some(d) => d.to_string(),
                None => range.to_string(),
            },
        };
        out.push(match step {
            Some(_) if mapped.contains(',') => return Err(format!("{part}: unsupported step")),
            Some(s) => format!("{mapped}/{s}"),
            None => mapped,
        });
    }
    Ok(out.join(","))
}

impl fmt::Display for CronSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::CronSpec;

    #[test]
    fn five_and_six_fields() {
        assert!(CronSpec::parse("0 20 5 * *").is_ok());
        assert!(CronSpec::parse("30 0 20 5 * *").is_ok());
        assert!(CronSpec::parse("0 20 5 *").is_err());
        assert!(CronSpec::parse("0 25 5 * *").is_err());
    }

    fn next_weekdays(expr: &str, n: usize) -> Vec<String> {
        use chrono::TimeZone;
        let spec = CronSpec::parse(expr).unwrap();
        // 2026-11-27 is a Friday.
        let from = chrono_tz::Asia::Shanghai
            .with_ymd_and_hms(2026, 11, 27, 12, 0, 0)
            .unwrap();
        spec.schedule()
            .after(&from)
            .take(n)
            .map(|t| t.format("%a").to_string())
            .collect()
    }

    #[test]
    fn weekdays_are_numbered_as_in_unix_cron() {
        assert_eq!(next_weekdays("0 9 * * 1", 1), ["Mon"]);
        assert_eq!(next_weekdays("0 9 * * 0", 1), ["Sun"]);
        assert_eq!(next_weekdays("0 9 * * 7", 1), ["Sun"]);
        assert_eq!(
            next_weekdays("0 9 * * 1-5", 5),
            ["Mon", "Tue", "Wed", "Thu", "Fri"]
        );
        assert_eq!(next_weekdays("0 9 * * 5-7", 3), ["Sat", "Sun", "Fri"]);
        assert_eq!(next_weekdays("0 9 * * 6,0", 2), ["Sat", "Sun"]);
        assert_eq!(next_weekdays("0 9 * * MON", 1), ["Mon"]);
        assert!(CronSpec::parse("0 9 * * 8").is_err());
    }
}
