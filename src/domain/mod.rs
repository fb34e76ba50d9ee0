//! Plain types and rules: ids, the org tree, roles, members. No I/O, no Telegram, no SQL.

mod cron_spec;
mod locale;
mod notice;
mod org;
mod people;
mod phone;
mod quiet;

pub use cron_spec::CronSpec;
pub use locale::Locale;
pub use notice::{Audience, NoticeKind, NoticeStatus, Purpose, SessionKind};
pub use org::{OrgCode, OrgKind, OrgUnit, Role};
pub use people::{Member, MemberStatus, Mobility, ProfileField};
pub use phone::Phone;
pub use quiet::QuietHours;

/// A Telegram user id (also the id of that user's private chat).
pub type TelegramId = i64;

/// Milliseconds since the Unix epoch, as stored in the database.
pub type Millis = i64;
