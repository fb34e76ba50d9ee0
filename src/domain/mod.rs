//! Plain types and rules: ids, the org tree, roles, members. No I/O, no Telegram, no SQL.

/// `as_str` and `FromStr` for an enum stored as text.
macro_rules! stored_enum {
    ($t:ty { $($variant:ident = $s:literal),* $(,)? }) => {
        impl $t {
            /// The stored form.
            pub fn as_str(self) -> &'static str {
                match self { $( <$t>::$variant => $s, )* }
            }
        }
        impl FromStr for $t {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $( $s => Ok(<$t>::$variant), )*
                    _ => Err(format!("unknown {} {s:?}", stringify!($t))),
                }
            }
        }
    };
}

mod cron_spec;
mod feedback;
mod locale;
mod notice;
mod org;
mod people;
mod phone;
mod quiet;

pub use cron_spec::CronSpec;
pub use feedback::{TicketKind, TicketStatus, WorkStatus};
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
