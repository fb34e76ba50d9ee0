use std::fmt;

/// A mobile phone number normalised to digits only, without the `+86` country prefix.
///
/// Mainland numbers are 11 digits starting with `1`; other numbers keep their country code
/// (7–15 digits) so that a member working abroad can still be matched.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Phone(String);

/// Why a text is not a phone number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a phone number: {0}")]
pub struct PhoneError(pub String);

impl Phone {
    /// Parses what people type or Telegram shares: spaces, dashes, brackets, `+86`/`0086`.
    pub fn parse(raw: &str) -> Result<Phone, PhoneError> {
        let trimmed = raw.trim();
        let mut digits = String::with_capacity(trimmed.len());
        for c in trimmed.chars() {
            match c {
                '0'..='9' => digits.push(c),
                '０'..='９' => digits.push(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
                ' ' | '-' | '(' | ')' | '+' | '.' | '\u{3000}' => {}
                _ => return Err(PhoneError(raw.to_string())),
            }
        }
        let national = if let Some(rest) = digits.strip_prefix("0086") {
            rest
        } else if let Some(rest) = digits.strip_prefix("86").filter(|r| r.len() == 11) {
            // Telegram shares numbers as "8613800138000", without the plus sign.
            rest
        } else {
            &digits
        };
        let ok = if national.len() == 11 && national.starts_with('1') {
            true
        } else {
            (7..=15).contains(&national.len()) && !national.starts_with('0')
        };
        if ok {
            Ok(Phone(national.to_string()))
        } else {
            Err(PhoneError(raw.to_string()))
        }
    }

    /// The normalised digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A form that is safe to show to other people: `138****8000`.
    pub fn masked(&self) -> String {
        let s = &self.0;
        if s.len() >= 7 {
            format!("{}****{}", &s[..3], &s[s.len() - 4..])
        } else {
            "****".to_string()
        }
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Phone;

    #[test]
    fn normalises_the_forms_people_use() {
        for raw in [
            "13800138000",
            "138 0013 8000",
            "138-0013-8000",
            "+86 138 0013 8000",
            "8613800138000",
            "0086 13800138000",
            "１３８００１３８０００",
        ] {
            assert_eq!(Phone::parse(raw).unwrap().as_str(), "13800138000", "{raw}");
        }
        assert_eq!(
            Phone::parse("+44 7700 900123").unwrap().as_str(),
            "447700900123"
        );
    }

    #[test]
    fn rejects_what_is_not_a_phone() {
        for raw in ["", "abc", "1380013800x", "12", "0123456789"] {
            assert!(Phone::parse(raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn masks_the_middle() {
        assert_eq!(Phone::parse("13800138000").unwrap().masked(), "138****8000");
    }
}
