//! Status reports and feedback tickets: what a member reports and what they raise.

use std::str::FromStr;

/// What a member working away does now (the status report's second question).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkStatus {
    /// 在岗
    Working,
    /// 待业
    Seeking,
    /// 返乡
    Returned,
    /// 其他
    Other,
}

impl WorkStatus {
    /// Every status, in the order offered.
    pub const ALL: [WorkStatus; 4] = [
        WorkStatus::Working,
        WorkStatus::Seeking,
        WorkStatus::Returned,
        WorkStatus::Other,
    ];
}

/// What a feedback ticket is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketKind {
    /// 诉求: something the member needs.
    Need,
    /// 建议: a suggestion (may be anonymous).
    Suggestion,
    /// 咨询: a question.
    Question,
    /// 谈心: a heart-to-heart.
    Heart,
}

impl TicketKind {
    /// Every kind, in the order offered.
    pub const ALL: [TicketKind; 4] = [
        TicketKind::Need,
        TicketKind::Suggestion,
        TicketKind::Question,
        TicketKind::Heart,
    ];
}

/// Where a ticket is, as its member sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketStatus {
    /// 已收到: nobody has taken it up yet.
    Received,
    /// 处理中: a secretary is answering, or the member wrote again after an answer.
    InProgress,
    /// 已答复: the latest word is the branch's.
    Answered,
    /// 已解决
    Resolved,
}

impl TicketStatus {
    /// Whether the ticket is still open.
    pub fn is_open(self) -> bool {
        self != TicketStatus::Resolved
    }
}

stored_enum!(WorkStatus { Working = "working", Seeking = "seeking", Returned = "returned", Other = "other" });
stored_enum!(TicketKind { Need = "need", Suggestion = "suggestion", Question = "question", Heart = "heart" });
stored_enum!(TicketStatus {
    Received = "received",
    InProgress = "in_progress",
    Answered = "answered",
    Resolved = "resolved",
});
