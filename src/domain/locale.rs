use std::fmt;
use std::str::FromStr;

/// A language Lianxin speaks. Chinese is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    /// 简体中文
    #[default]
    ZhCn,
    /// English
    En,
}

impl Locale {
    /// Every supported locale, default first.
    pub const ALL: [Locale; 2] = [Locale::ZhCn, Locale::En];

    /// The BCP 47 tag, also the folder name under `messages/`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }

    /// Picks a locale from Telegram's `language_code` (e.g. `zh-hans`, `en-US`).
    pub fn from_telegram(code: Option<&str>, default: Locale) -> Locale {
        match code.map(|c| c.to_ascii_lowercase()) {
            Some(c) if c.starts_with("zh") => Locale::ZhCn,
            Some(c) if c.starts_with("en") => Locale::En,
            _ => default,
        }
    }
}

impl FromStr for Locale {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "zh-cn" | "zh" | "zh-hans" => Ok(Locale::ZhCn),
            "en" | "en-us" | "en-gb" => Ok(Locale::En),
            _ => Err(format!("unsupported locale {s:?} (use zh-CN or en)")),
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}
