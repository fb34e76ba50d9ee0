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
    /// A music or audio file with a caption (lesson attachments).
    Audio,
    /// A video with a caption (lesson attachments).
    Video,
}

/// What a notice is: a notice proper, a lesson (微讲习) or a study session's invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Purpose {
    /// 通知, acknowledged with 「收到 ✓」.
    #[default]
    Notice,
    /// 微讲习, acknowledged with 「学完了」, optionally with a quiz.
    Lesson,
    /// An invitation to a study session, answered with 「参加」 or 「请假」.
    Session,
    /// The status-report prompt to members working away; its button starts `/report`.
    Report,
    /// A poll (村务 · 献计献策), answered by choosing an option.
    Poll,
}

/// The kinds of study session (三会一课 and the county's own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    /// 主题党日.
    ThemeDay,
    /// 党员大会.
    GeneralMeeting,
    /// 支委会.
    Committee,
    /// 党小组会.
    GroupMeeting,
    /// 党课.
    PartyLecture,
    /// 讲习堂.
    Lecture,
    /// 乡贤讲堂.
    VillageSages,
    /// 技能培训.
    Skills,
}

impl Audience {
    /// Whether a member who is at home or away is among this audience (groups and all take
    /// everyone; members whose whereabouts are unknown count as at home).
    pub fn takes(self, mobility: super::Mobility) -> bool {
        match self {
            Audience::Mobile => mobility == super::Mobility::Mobile,
            Audience::Resident => mobility != super::Mobility::Mobile,
            Audience::All | Audience::Group => true,
        }
    }
}

impl SessionKind {
    /// Every kind, in the order offered.
    pub const ALL: [SessionKind; 8] = [
        SessionKind::ThemeDay,
        SessionKind::GeneralMeeting,
        SessionKind::Committee,
        SessionKind::GroupMeeting,
        SessionKind::PartyLecture,
        SessionKind::Lecture,
        SessionKind::VillageSages,
        SessionKind::Skills,
    ];
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

stored_enum!(NoticeKind { Text = "text", Photo = "photo", Document = "document", Voice = "voice", Audio = "audio", Video = "video" });
stored_enum!(Purpose { Notice = "notice", Lesson = "lesson", Session = "session", Report = "report", Poll = "poll" });
stored_enum!(SessionKind {
    ThemeDay = "theme_day",
    GeneralMeeting = "general_meeting",
    Committee = "committee",
    GroupMeeting = "group_meeting",
    PartyLecture = "party_lecture",
    Lecture = "lecture",
    VillageSages = "village_sages",
    Skills = "skills",
});
stored_enum!(Audience { Group = "group", All = "all", Mobile = "mobile", Resident = "resident" });
stored_enum!(NoticeStatus {
    Draft = "draft",
    Scheduled = "scheduled",
    Sending = "sending",
    Sent = "sent",
    Cancelled = "cancelled",
});
