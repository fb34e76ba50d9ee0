//! The bot's commands: parsing, who may use which, and the help and menu built from them.

use crate::i18n::Text;

/// A command Lianxin knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// `/start [code]`
    Start,
    /// `/help`
    Help,
    /// `/me`
    Me,
    /// `/language`
    Language,
    /// `/cancel`
    Cancel,
    /// `/settings [quiet hours]`
    Settings,
    /// `/points [phone ±N reason]`
    Points,
    /// `/invite [code]`
    Invite,
    /// `/pending`
    Pending,
    /// `/members [code]`
    Members,
    /// `/notice [code]`
    Notice,
    /// `/receipts`
    Receipts,
    /// `/study`
    Study,
    /// `/lesson [code]`
    Lesson,
    /// `/lessons`
    Lessons,
    /// `/session [code]`
    Session,
    /// `/attendance`
    Attendance,
    /// `/schedules`
    Schedules,
    /// `/report`
    Report,
    /// `/feedback`
    Feedback,
    /// `/mytickets`
    MyTickets,
    /// `/reports [code]`
    Reports,
    /// `/inbox`
    Inbox,
    /// `/poll [code]`
    Poll,
    /// `/handover [name]`
    Handover,
    /// `/stats [code]`
    Stats,
    /// `/export [code] [csv]`
    Export,
    /// `/mydata`
    Mydata,
    /// `/forgetme`
    Forgetme,
    /// `/linkgroup [code]` (in a group)
    LinkGroup,
}

/// Who a command is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Everyone, in a private chat.
    Everyone,
    /// Secretaries and organizers, in a private chat.
    Staff,
    /// In a group chat.
    Group,
}

impl Command {
    /// Every command, in menu order.
    pub const ALL: [Command; 30] = [
        Command::Start,
        Command::Help,
        Command::Me,
        Command::Study,
        Command::Report,
        Command::Feedback,
        Command::MyTickets,
        Command::Points,
        Command::Mydata,
        Command::Forgetme,
        Command::Language,
        Command::Settings,
        Command::Cancel,
        Command::Invite,
        Command::Pending,
        Command::Members,
        Command::Notice,
        Command::Receipts,
        Command::Lesson,
        Command::Lessons,
        Command::Session,
        Command::Attendance,
        Command::Schedules,
        Command::Reports,
        Command::Inbox,
        Command::Poll,
        Command::Handover,
        Command::Stats,
        Command::Export,
        Command::LinkGroup,
    ];

    /// The name after the slash.
    pub fn name(self) -> &'static str {
        match self {
            Command::Start => "start",
            Command::Help => "help",
            Command::Me => "me",
            Command::Language => "language",
            Command::Cancel => "cancel",
            Command::Settings => "settings",
            Command::Points => "points",
            Command::Notice => "notice",
            Command::Receipts => "receipts",
            Command::Study => "study",
            Command::Lesson => "lesson",
            Command::Lessons => "lessons",
            Command::Session => "session",
            Command::Attendance => "attendance",
            Command::Schedules => "schedules",
            Command::Invite => "invite",
            Command::Pending => "pending",
            Command::Members => "members",
            Command::Report => "report",
            Command::Feedback => "feedback",
            Command::MyTickets => "mytickets",
            Command::Reports => "reports",
            Command::Inbox => "inbox",
            Command::Poll => "poll",
            Command::Handover => "handover",
            Command::Stats => "stats",
            Command::Export => "export",
            Command::Mydata => "mydata",
            Command::Forgetme => "forgetme",
            Command::LinkGroup => "linkgroup",
        }
    }

    /// Its one-line description.
    pub fn description(self) -> Text {
        match self {
            Command::Start => Text::CmdStart,
            Command::Help => Text::CmdHelp,
            Command::Me => Text::CmdMe,
            Command::Language => Text::CmdLanguage,
            Command::Cancel => Text::CmdCancel,
            Command::Settings => Text::CmdSettings,
            Command::Points => Text::CmdPoints,
            Command::Notice => Text::CmdNotice,
            Command::Receipts => Text::CmdReceipts,
            Command::Study => Text::CmdStudy,
            Command::Lesson => Text::CmdLesson,
            Command::Lessons => Text::CmdLessons,
            Command::Session => Text::CmdSession,
            Command::Attendance => Text::CmdAttendance,
            Command::Schedules => Text::CmdSchedules,
            Command::Invite => Text::CmdInvite,
            Command::Pending => Text::CmdPending,
            Command::Members => Text::CmdMembers,
            Command::Report => Text::CmdReport,
            Command::Feedback => Text::CmdFeedback,
            Command::MyTickets => Text::CmdMytickets,
            Command::Reports => Text::CmdReports,
            Command::Inbox => Text::CmdInbox,
            Command::Poll => Text::CmdPoll,
            Command::Handover => Text::CmdHandover,
            Command::Stats => Text::CmdStats,
            Command::Export => Text::CmdExport,
            Command::Mydata => Text::CmdMydata,
            Command::Forgetme => Text::CmdForgetme,
            Command::LinkGroup => Text::CmdLinkgroup,
        }
    }

    /// Who it is for.
    pub fn audience(self) -> Audience {
        match self {
            Command::Start
            | Command::Help
            | Command::Me
            | Command::Language
            | Command::Settings
            | Command::Points
            | Command::Study
            | Command::Report
            | Command::Feedback
            | Command::MyTickets
            | Command::Mydata
            | Command::Forgetme
            | Command::Cancel => Audience::Everyone,
            Command::Reports
            | Command::Inbox
            | Command::Poll
            | Command::Handover
            | Command::Invite
            | Command::Pending
            | Command::Members
            | Command::Notice
            | Command::Receipts
            | Command::Lesson
            | Command::Lessons
            | Command::Session
            | Command::Attendance
            | Command::Schedules
            | Command::Stats
            | Command::Export => Audience::Staff,
            Command::LinkGroup => Audience::Group,
        }
    }

    /// The commands shown to someone: members' commands, plus staff commands for staff.
    pub fn for_private(staff: bool) -> Vec<Command> {
        Command::ALL
            .into_iter()
            .filter(|c| {
                c.audience() == Audience::Everyone || (staff && c.audience() == Audience::Staff)
            })
            .collect()
    }

    /// The commands used in group chats (`/points` shows the branch's ranking only when
    /// `points.public_leaderboard` is on).
    pub fn for_groups(leaderboard: bool) -> Vec<Command> {
        if leaderboard {
            vec![Command::LinkGroup, Command::Points, Command::Help]
        } else {
            vec![Command::LinkGroup, Command::Help]
        }
    }
}

/// A command as typed: its name (lower-cased) and the rest of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typed<'a> {
    /// The command, if Lianxin knows it.
    pub command: Option<Command>,
    /// The name as typed, lower-cased.
    pub name: String,
    /// Everything after the name, trimmed.
    pub args: &'a str,
}

/// Parses `/name[@bot] args`. Case does not matter and any whitespace (a newline too) may follow
/// the name, because people type commands by hand on phones. A command addressed to another bot
/// (`/help@other_bot`) is not ours: `None`.
pub fn parse<'a>(text: &'a str, bot_username: &str) -> Option<Typed<'a>> {
    let rest = text.strip_prefix('/')?;
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let (head, args) = rest.split_at(end);
    let (name, addressee) = match head.split_once('@') {
        Some((n, bot)) => (n, Some(bot)),
        None => (head, None),
    };
    if let Some(bot) = addressee
        && !bot.eq_ignore_ascii_case(bot_username)
    {
        return None;
    }
    if name.is_empty() {
        return None;
    }
    let name = name.to_lowercase();
    let command = Command::ALL.into_iter().find(|c| c.name() == name);
    Some(Typed {
        command,
        name,
        args: args.trim(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_type() {
        let t = parse("/start abc123", "lianxin_bot").unwrap();
        assert_eq!((t.command, t.args), (Some(Command::Start), "abc123"));
        let t = parse("/START", "lianxin_bot").unwrap();
        assert_eq!(t.command, Some(Command::Start));
        let t = parse("/members\nxiangyang", "lianxin_bot").unwrap();
        assert_eq!((t.command, t.args), (Some(Command::Members), "xiangyang"));
        let t = parse("/linkgroup@Lianxin_Bot  xy ", "lianxin_bot").unwrap();
        assert_eq!((t.command, t.args), (Some(Command::LinkGroup), "xy"));
        assert_eq!(parse("/help@other_bot", "lianxin_bot"), None);
        assert_eq!(parse("/frobnicate", "lianxin_bot").unwrap().command, None);
        assert_eq!(parse("hello", "lianxin_bot"), None);
        assert_eq!(parse("/", "lianxin_bot"), None);
    }
}
