use std::str::FromStr;

/// What a notice carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// Text only.
    Text,
    /// A photo with a caption.
    Photo,
    /// A file with a caption.
    Document,
    /// A voice message with a caption.
    Voice,
}

/// Who a notice goes to, within the unit it is sent for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The linked group chat of each branch.
    Group,
    /// Every member, privately.
    All,
    /// Members working away (流动党员), privately.
    Mobile,
    /// Members at home, privately (recurring reminders of local meetings).
    Resident,
}

/// Where a notice is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeStatus {
    /// Being written.
    Draft,
    /// Waiting for its time.
    Scheduled,
    /// Going out.
    Sending,
    /// Every copy has an outcome.
    Sent,
    /// Dropped before it went.
    Cancelled,
}

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

stored_enum!(NoticeKind { Text = "text", Photo = "photo", Document = "document", Voice = "voice" });
stored_enum!(Audience { Group = "group", All = "all", Mobile = "mobile", Resident = "resident" });
stored_enum!(NoticeStatus {
    Draft = "draft",
    Scheduled = "scheduled",
    Sending = "sending",
    Sent = "sent",
    Cancelled = "cancelled",
});
