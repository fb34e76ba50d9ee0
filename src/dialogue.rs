//! Multi-step conversations, kept in the database so that a restart resumes them.

use serde::{Deserialize, Serialize};

use crate::domain::ProfileField;
use crate::store::{Store, StoreResult};

/// Where a person is in a conversation with the bot (private chats only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "d", rename_all = "snake_case")]
pub enum Dialogue {
    /// Opened an invite; the bot waits for the shared contact.
    AwaitContact {
        /// The invite code.
        invite: String,
    },
    /// Filling in or editing the profile, one question at a time.
    Profile {
        /// The member.
        member: i64,
        /// Questions still to ask; the first is being asked now.
        queue: Vec<ProfileField>,
        /// Editing from /me (true) or first-time questions.
        editing: bool,
    },
    /// Writing a notice: the bot waits for its content.
    NoticeContent {
        /// The unit it goes to.
        org: i64,
    },
    /// Writing a lesson: the bot waits for its title.
    LessonTitle {
        /// The unit it goes to.
        org: i64,
    },
    /// Writing a lesson: the bot takes text and attachments until 「内容完成」.
    LessonContent {
        /// The lesson (its notice number).
        lesson: i64,
    },
    /// Writing a lesson: the bot waits for a quiz question.
    QuizQuestion {
        /// The lesson.
        lesson: i64,
    },
    /// Writing a session: the bot waits for its title.
    SessionTitle {
        /// The unit it is for.
        org: i64,
        /// Its kind.
        kind: String,
    },
    /// Writing a session: the bot waits for its date and time.
    SessionTime {
        /// The session (its invitation's notice number).
        session: i64,
    },
    /// Writing a session: the bot waits for its place (or 「线上」).
    SessionPlace {
        /// The session.
        session: i64,
    },
    /// Asking for leave: the bot waits for the reason.
    LeaveReason {
        /// The session.
        session: i64,
    },
    /// Adding a schedule: the bot waits for the cron expression.
    ScheduleCron {
        /// The unit it is for.
        org: i64,
    },
    /// Adding a schedule: the bot waits for the message.
    ScheduleMessage {
        /// The unit it is for.
        org: i64,
        /// The cron expression typed.
        cron: String,
    },
    /// Adding a schedule: the audience and the confirmation are next.
    ScheduleReady {
        /// The unit it is for.
        org: i64,
        /// The cron expression.
        cron: String,
        /// The message.
        message: String,
    },
    /// Making a status report: a button is next.
    Report {
        /// The report so far.
        draft: crate::reports::Draft,
    },
    /// Making a status report: the bot waits for the city.
    ReportCity {
        /// The report so far.
        draft: crate::reports::Draft,
    },
    /// Making a status report: the bot waits for the note (text or voice) or 「跳过」.
    ReportNote {
        /// The report so far.
        draft: crate::reports::Draft,
    },
    /// Raising a ticket: the kind, anonymity or the words are asked.
    Feedback {
        /// The ticket so far.
        draft: crate::feedback::Draft,
    },
    /// The next text or voice goes to this ticket's thread.
    TicketReply {
        /// Ticket number.
        ticket: i64,
    },
    /// Writing a poll: the bot waits for the question.
    PollQuestion {
        /// The unit it is for.
        org: i64,
    },
    /// Writing a poll: the bot waits for the options, one per line.
    PollOptions {
        /// The poll (its notice number).
        poll: i64,
    },
    /// Writing a poll: the bot waits for its closing time.
    PollCloses {
        /// The poll.
        poll: i64,
    },
    /// Handing a member over: the bot waits for their name.
    HandoverWho,
    /// Handing a member over: the bot waits for the receiving branch's name.
    HandoverTarget {
        /// The member.
        member: i64,
    },
    /// Scheduling a notice: the bot waits for the date and time.
    NoticeTime {
        /// Notice number.
        notice: i64,
        /// The preview message with the buttons, edited once scheduled.
        message: Option<i32>,
    },
}

/// How long a member's unfinished report, ticket or reply waits for them.
const STALE_AFTER: i64 = 24 * 3_600_000;

impl Dialogue {
    /// The person's conversation, if any. A state from an older version is dropped.
    pub async fn load(store: &Store, telegram_id: i64) -> StoreResult<Option<Dialogue>> {
        Ok(store
            .dialogue(telegram_id)
            .await?
            .and_then(|json| serde_json::from_str(&json).ok()))
    }

    /// The person's conversation as it stands for a message arriving now. A member's report,
    /// ticket or reply left unfinished for a day is dropped, so that what they write weeks
    /// later is not taken as its answer.
    pub async fn load_fresh(
        store: &Store,
        telegram_id: i64,
        now: i64,
    ) -> StoreResult<Option<Dialogue>> {
        let Some((json, at)) = store.dialogue_at(telegram_id).await? else {
            return Ok(None);
        };
        let Ok(dialogue) = serde_json::from_str::<Dialogue>(&json) else {
            return Ok(None);
        };
        let members_own = matches!(
            dialogue,
            Dialogue::Report { .. }
                | Dialogue::ReportCity { .. }
                | Dialogue::ReportNote { .. }
                | Dialogue::Feedback { .. }
                | Dialogue::TicketReply { .. }
        );
        if members_own && now - at > STALE_AFTER {
            store.clear_dialogue(telegram_id).await?;
            return Ok(None);
        }
        Ok(Some(dialogue))
    }

    /// Stores this as the person's conversation.
    pub async fn save(&self, store: &Store, telegram_id: i64, now: i64) -> StoreResult<()> {
        let json = serde_json::to_string(self).expect("dialogue state serialises");
        store.set_dialogue(telegram_id, &json, now).await
    }
}
