use std::fmt;
use std::str::FromStr;

/// A validated cron expression of 5 fields (minute first) or 6 fields (second first).
#[derive(Debug, Clone)]
pub struct CronSpec {
    text: String,
    schedule: cron::Schedule,
}

impl CronSpec {
    /// Parses a 5- or 6-field expression, e.g. `0 20 5 * *` (20:00 on the 5th).
    pub fn parse(raw: &str) -> Result<CronSpec, String> {
        let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let full = match text.split(' ').count() {
            5 => format!("0 {text}"),
            6 => text.clone(),
            n => {
                return Err(format!(
                    "a cron expression has 5 or 6 fields, this one has {n}"
                ));
            }
        };
        let schedule = cron::Schedule::from_str(&full).map_err(|e| e.to_string())?;
        Ok(CronSpec { text, schedule })
    }

    /// The schedule, for computing occurrences.
    pub fn schedule(&self) -> &cron::Schedule {
        &self.schedule
    }
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
}
