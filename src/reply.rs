//! What use cases answer: transport-neutral messages, buttons and toasts.
//!
//! The Telegram adapter renders these in the reader's language; button actions are stored
//! server-side and only an opaque token travels in the callback data.

use serde::{Deserialize, Serialize};

use crate::domain::ProfileField;
use crate::i18n::Text;

/// What a button does when pressed. Stored in the database; never trusted from the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "a", rename_all = "snake_case")]
pub enum Action {
    /// Approve or reject a join request.
    Decide {
        /// Request number.
        request: i64,
        /// Approve (true) or reject.
        approve: bool,
    },
    /// Answer "at home or away" for one's own profile.
    SetMobility {
        /// The member the question was for.
        member: i64,
        /// `resident` or `mobile`.
        mobility: String,
    },
    /// Skip the optional question being asked.
    SkipQuestion {
        /// The member the question was for.
        member: i64,
    },
    /// Start editing one profile field.
    EditProfile {
        /// The member whose profile it is.
        member: i64,
        /// Which field.
        field: ProfileField,
    },
    /// Switch the presser's language.
    SetLanguage {
        /// `zh-CN` or `en`.
        locale: String,
    },
    /// Revoke an invite.
    RevokeInvite {
        /// Invite code.
        code: String,
    },
    /// Create an invite for this unit.
    Invite {
        /// Unit id.
        org: i64,
    },
    /// List this unit's members.
    Members {
        /// Unit id.
        org: i64,
    },
    /// Check, or run, a roster import of a file the presser sent.
    Import {
        /// Telegram file id.
        file_id: String,
        /// The file's name (tells CSV from XLSX).
        name: String,
        /// Unit id.
        org: i64,
        /// Run it (true) or only check it.
        run: bool,
        /// Import the good rows of a file with bad ones.
        skip_bad: bool,
    },
    /// Cancel the presser's conversation.
    Cancel,
    /// Write a notice for this unit.
    NoticeFor {
        /// Unit id.
        org: i64,
    },
    /// Write a notice, lesson or session for this unit.
    ComposeFor {
        /// Unit id.
        org: i64,
        /// `notice`, `lesson` or `session`.
        purpose: String,
    },
    /// A lesson's content is complete: on to the quiz.
    LessonContentDone {
        /// The lesson (its notice number).
        lesson: i64,
    },
    /// Add a quiz question to a draft lesson.
    QuizAdd {
        /// The lesson.
        lesson: i64,
    },
    /// The lesson is written: on to its audience.
    LessonAudience {
        /// The lesson.
        lesson: i64,
    },
    /// An answer to a quiz question.
    QuizAnswer {
        /// The lesson.
        lesson: i64,
        /// The question (from 0).
        seq: i64,
        /// The option chosen (from 0).
        choice: i64,
    },
    /// Send a lesson again to the presser (make-up study from `/study`).
    StudyLesson {
        /// The lesson.
        lesson: i64,
    },
    /// Go on with a lesson's quiz.
    QuizContinue {
        /// The lesson.
        lesson: i64,
    },
    /// The kind of a new session.
    SessionKind {
        /// Unit id.
        org: i64,
        /// `theme_day`, `party_lecture`…
        kind: String,
    },
    /// A draft session is held online.
    SessionOnline {
        /// The session (its invitation's notice number).
        session: i64,
    },
    /// The lesson of a draft session (none: no lesson).
    SessionLesson {
        /// The session.
        session: i64,
        /// The lesson.
        lesson: Option<i64>,
    },
    /// 「参加」 or 「请假」 on an invitation.
    Rsvp {
        /// The session.
        session: i64,
        /// Asks for leave.
        leave: bool,
    },
    /// 「签到」.
    CheckIn {
        /// The session.
        session: i64,
    },
    /// `/attendance`: the members of this session to mark.
    AttendanceFor {
        /// The session.
        session: i64,
    },
    /// `/attendance`: mark one member.
    AttendancePick {
        /// The session.
        session: i64,
        /// The member.
        member: i64,
    },
    /// `/attendance`: the mark for one member.
    AttendanceMark {
        /// The session.
        session: i64,
        /// The member.
        member: i64,
        /// `present`, `leave` or `absent`.
        status: String,
    },
    /// Send the session's lesson to absentees without leave as make-up study.
    SessionMakeup {
        /// The session.
        session: i64,
    },
    /// `/schedules`: add a schedule for this unit.
    ScheduleNew {
        /// Unit id.
        org: i64,
    },
    /// `/schedules`: who the schedule being added goes to.
    ScheduleAudience {
        /// Unit id.
        org: i64,
        /// `groups`, `all`, `mobile` or `resident`.
        audience: String,
    },
    /// `/schedules`: add the schedule shown.
    ScheduleConfirm {
        /// Unit id.
        org: i64,
        /// The audience shown.
        audience: String,
    },
    /// `/schedules`: pause or resume a schedule.
    SchedulePause {
        /// Schedule number.
        id: i64,
        /// Pause (true) or resume.
        pause: bool,
    },
    /// `/schedules`: delete a schedule.
    ScheduleDelete {
        /// Schedule number.
        id: i64,
    },
    /// Choose who a draft notice goes to.
    NoticeAudience {
        /// Notice number.
        notice: i64,
        /// `group`, `all` or `mobile`.
        audience: String,
    },
    /// Choose normal or urgent, then see the preview.
    NoticeUrgency {
        /// Notice number.
        notice: i64,
        /// `group`, `all` or `mobile`.
        audience: String,
        /// Urgent (goes through quiet hours).
        urgent: bool,
    },
    /// Send a previewed notice now.
    NoticeSend {
        /// Notice number.
        notice: i64,
        /// The audience the preview showed.
        audience: String,
        /// The urgency the preview showed.
        urgent: bool,
    },
    /// Ask for the time to send a previewed notice.
    NoticeSchedule {
        /// Notice number.
        notice: i64,
        /// The audience the preview showed.
        audience: String,
        /// The urgency the preview showed.
        urgent: bool,
    },
    /// Drop a draft or a scheduled notice.
    NoticeCancel {
        /// Notice number.
        notice: i64,
    },
    /// Show one notice's receipts.
    NoticeDetail {
        /// Notice number.
        notice: i64,
    },
    /// Remind everyone who has not acknowledged a notice.
    NoticeNudge {
        /// Notice number.
        notice: i64,
    },
    /// 「收到 ✓」 on a notice or a reminder.
    Ack {
        /// Notice number.
        notice: i64,
    },
    /// Set the presser's quiet hours (`HH:MM`; equal start and end turns them off).
    SetQuiet {
        /// Start.
        start: String,
        /// End.
        end: String,
    },
    /// Offer the language choice.
    ChooseLanguage,
    /// Start a status report (the monthly prompt's button, a reminder's).
    ReportStart,
    /// A status report: same city, moved, or at home.
    ReportWhere {
        /// `same`, `moved` or `home`.
        choice: String,
    },
    /// A status report: the work status.
    ReportWork {
        /// `working`, `seeking`, `returned` or `other`.
        work: String,
    },
    /// A status report without a note.
    ReportSkipNote,
    /// Submit the status report shown.
    ReportSubmit,
    /// `/reports` for this branch.
    Reports {
        /// Unit id.
        org: i64,
    },
    /// Remind this branch's silent members.
    NudgeSilent {
        /// Unit id.
        org: i64,
    },
    /// 「我很好」 on a silent-member reminder.
    Alive {
        /// The branch that asked.
        org: i64,
    },
    /// The kind of the ticket being raised.
    FeedbackKind {
        /// `need`, `suggestion`, `question` or `heart`.
        kind: String,
    },
    /// A suggestion signed or anonymous.
    FeedbackAnonymous {
        /// Anonymous.
        anonymous: bool,
    },
    /// Add what was just said to this open ticket.
    TicketAppend {
        /// Ticket number.
        ticket: i64,
    },
    /// 「回复」 in a ticket's thread.
    TicketReply {
        /// Ticket number.
        ticket: i64,
    },
    /// 「已解决」.
    TicketResolve {
        /// Ticket number.
        ticket: i64,
    },
    /// Show a ticket's thread.
    TicketShow {
        /// Ticket number.
        ticket: i64,
    },
    /// A draft poll closes this many hours from now.
    PollCloses {
        /// The poll.
        poll: i64,
        /// Hours.
        hours: i64,
    },
    /// A vote.
    Vote {
        /// The poll.
        poll: i64,
        /// The option (from 0).
        choice: i64,
    },
    /// Hand this member over to another branch.
    HandoverMember {
        /// The member.
        member: i64,
    },
    /// Hand the member over to this branch.
    HandoverTo {
        /// The member.
        member: i64,
        /// The receiving branch.
        org: i64,
    },
    /// Withdraw a waiting hand-over.
    HandoverCancel {
        /// Hand-over number.
        handover: i64,
    },
    /// Accept or decline a hand-over.
    HandoverDecide {
        /// Hand-over number.
        handover: i64,
        /// Accept.
        accept: bool,
    },
    /// A member confirms asking for their personal data to be deleted.
    ForgetMe,
    /// A secretary approves or declines a deletion request.
    Erase {
        /// Request number.
        request: i64,
        /// Approve.
        approve: bool,
    },
}

/// An inline button.
#[derive(Debug, Clone, PartialEq)]
pub struct Button {
    /// Its label.
    pub label: Text,
    /// What it does.
    pub action: Action,
}

impl Button {
    /// A button with a label and an action.
    pub fn new(label: Text, action: Action) -> Button {
        Button { label, action }
    }
}

/// The reply keyboard to show with a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Keyboard {
    /// Leave it as it is.
    #[default]
    Keep,
    /// "Share my phone number" (own contact only) and "Cancel".
    ShareContact,
    /// Take the reply keyboard away.
    Remove,
}

/// One line of a message: texts written one after another.
#[derive(Debug, Clone, PartialEq)]
pub struct Line(pub Vec<Text>);

impl From<Text> for Line {
    fn from(text: Text) -> Line {
        Line(vec![text])
    }
}

/// The content of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Lines of text, joined with newlines.
    Lines(Vec<Line>),
    /// Only the buttons change (an edit that keeps the text or caption).
    Buttons,
    /// A file Telegram already has (a voice message relayed, say), with a caption.
    Media {
        /// What it is.
        kind: crate::domain::NoticeKind,
        /// Telegram's file id.
        file_ref: String,
        /// Caption lines.
        caption: Vec<Line>,
    },
    /// A file sent from bytes (an export, a member's data), with a caption.
    Document {
        /// The file's bytes.
        bytes: Vec<u8>,
        /// File name shown to the reader.
        name: String,
        /// Caption lines.
        caption: Vec<Line>,
    },
    /// A PNG picture with a caption.
    Photo {
        /// PNG bytes.
        png: Vec<u8>,
        /// File name shown to the reader.
        name: String,
        /// Caption lines.
        caption: Vec<Text>,
    },
}

/// One message to send, or an edit of one already sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// Chat id (a user's id for a private chat).
    pub to: i64,
    /// Content.
    pub body: Body,
    /// Inline buttons, by row.
    pub buttons: Vec<Vec<Button>>,
    /// Reply keyboard change.
    pub keyboard: Keyboard,
    /// Edit this earlier message instead of sending a new one.
    pub edit: Option<i32>,
    /// The feedback ticket this message relays: a reply to it continues the ticket.
    pub ticket: Option<i64>,
}

impl Reply {
    /// A one-text message.
    pub fn text(to: i64, text: Text) -> Reply {
        Reply::lines(to, vec![text])
    }

    /// A message of several lines.
    pub fn lines(to: i64, lines: Vec<Text>) -> Reply {
        Reply {
            to,
            body: Body::Lines(lines.into_iter().map(Line::from).collect()),
            buttons: Vec::new(),
            keyboard: Keyboard::Keep,
            edit: None,
            ticket: None,
        }
    }

    /// A picture with a caption.
    pub fn photo(to: i64, png: Vec<u8>, name: &str, caption: Vec<Text>) -> Reply {
        Reply {
            to,
            body: Body::Photo {
                png,
                name: name.to_string(),
                caption,
            },
            buttons: Vec::new(),
            keyboard: Keyboard::Keep,
            edit: None,
            ticket: None,
        }
    }

    /// A file sent from bytes, with a caption.
    pub fn document(to: i64, bytes: Vec<u8>, name: &str, caption: Vec<Line>) -> Reply {
        Reply {
            to,
            body: Body::Document {
                bytes,
                name: name.to_string(),
                caption,
            },
            buttons: Vec::new(),
            keyboard: Keyboard::Keep,
            edit: None,
            ticket: None,
        }
    }

    /// A file Telegram already has, with a caption.
    pub fn media(
        to: i64,
        kind: crate::domain::NoticeKind,
        file_ref: &str,
        caption: Vec<Line>,
    ) -> Reply {
        Reply {
            to,
            body: Body::Media {
                kind,
                file_ref: file_ref.to_string(),
                caption,
            },
            buttons: Vec::new(),
            keyboard: Keyboard::Keep,
            edit: None,
            ticket: None,
        }
    }

    /// Adds a line to a text message (or a media caption).
    pub fn line(mut self, line: Line) -> Reply {
        match &mut self.body {
            Body::Lines(lines)
            | Body::Media { caption: lines, .. }
            | Body::Document { caption: lines, .. } => lines.push(line),
            Body::Buttons | Body::Photo { .. } => {}
        }
        self
    }

    /// Marks this as relaying a ticket's message.
    pub fn relaying(mut self, ticket: i64) -> Reply {
        self.ticket = Some(ticket);
        self
    }

    /// Adds a row of inline buttons.
    pub fn row(mut self, row: Vec<Button>) -> Reply {
        self.buttons.push(row);
        self
    }

    /// Sets the reply keyboard.
    pub fn keyboard(mut self, keyboard: Keyboard) -> Reply {
        self.keyboard = keyboard;
        self
    }

    /// Turns this into an edit of an earlier message.
    pub fn editing(mut self, message_id: i32) -> Reply {
        self.edit = Some(message_id);
        self
    }
}

/// A short notice on the presser's screen after a button press.
#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    /// What it says.
    pub text: Text,
    /// Show as a dialog rather than a passing notice.
    pub alert: bool,
}

/// Everything a use case answers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    /// Messages to send or edit.
    pub replies: Vec<Reply>,
    /// Notice for a button press.
    pub toast: Option<Toast>,
}

impl Outcome {
    /// Nothing to say.
    pub fn none() -> Outcome {
        Outcome::default()
    }

    /// One reply.
    pub fn reply(reply: Reply) -> Outcome {
        Outcome {
            replies: vec![reply],
            toast: None,
        }
    }

    /// One text to one chat.
    pub fn text(to: i64, text: Text) -> Outcome {
        Outcome::reply(Reply::text(to, text))
    }

    /// A passing notice only.
    pub fn toast(text: Text) -> Outcome {
        Outcome {
            replies: Vec::new(),
            toast: Some(Toast { text, alert: false }),
        }
    }

    /// A dialog notice only.
    pub fn alert(text: Text) -> Outcome {
        Outcome {
            replies: Vec::new(),
            toast: Some(Toast { text, alert: true }),
        }
    }

    /// Adds a reply.
    pub fn and(mut self, reply: Reply) -> Outcome {
        self.replies.push(reply);
        self
    }

    /// Adds all replies of another outcome (its toast wins if set).
    pub fn merge(mut self, other: Outcome) -> Outcome {
        self.replies.extend(other.replies);
        if other.toast.is_some() {
            self.toast = other.toast;
        }
        self
    }
}

/// Names joined with 、, the first `shown` of them, then how many more.
pub fn name_list(list: &[String], shown: usize) -> String {
    let mut s = list
        .iter()
        .take(shown)
        .cloned()
        .collect::<Vec<_>>()
        .join("、");
    if list.len() > shown {
        s.push_str(&format!(" …(+{})", list.len() - shown));
    }
    s
}
