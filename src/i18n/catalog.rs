//! Every text Lianxin shows, with the arguments its wording may use.
//!
//! Use cases return these typed values; `I18n::render` turns them into words in the reader's
//! language. The test `every_text_renders_in_every_locale` renders each one in each locale.

use fluent_bundle::FluentValue;

/// A value for a placeholder in a message. Kept as plain data (not a `FluentValue`) so that
/// texts can be held across `.await` in handlers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Words.
    Str(String),
    /// A number (plural forms select on it).
    Int(i64),
}

impl Arg {
    /// The Fluent value.
    pub fn value(&self) -> FluentValue<'static> {
        match self {
            Arg::Str(s) => FluentValue::from(s.clone()),
            Arg::Int(n) => FluentValue::from(*n),
        }
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Str(s)
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Str(s.to_string())
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Str(s.clone())
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Int(n)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Int(n as i64)
    }
}
impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Int(i64::from(n))
    }
}

macro_rules! catalog {
    ($( $(#[$doc:meta])* $variant:ident = $id:literal $({ $($arg:ident),* $(,)? })? ;)*) => {
        /// A text in the message catalogue.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Text {
            $( $(#[$doc])* $variant $({ $(#[allow(missing_docs)] $arg: Arg),* })? ,)*
        }

        impl Text {
            /// Every message id with the names of its arguments.
            pub const ALL: &'static [(&'static str, &'static [&'static str])] =
                &[ $( ($id, &[ $($(stringify!($arg)),*)? ]) ),* ];

            /// The Fluent message id.
            pub fn id(&self) -> &'static str {
                match self { $( Text::$variant { .. } => $id, )* }
            }

            /// The arguments, by name.
            pub fn args(&self) -> Vec<(&'static str, FluentValue<'static>)> {
                match self {
                    $( Text::$variant $({ $($arg),* })? => vec![ $($( (stringify!($arg), $arg.value()) ),*)? ], )*
                }
            }
        }
    };
}

catalog! {
    // common
    /// Shown for a command Lianxin does not know.
    UnknownCommand = "unknown-command";
    /// Plain text outside any conversation.
    IdleHint = "idle-hint";
    /// A conversation was cancelled.
    Cancelled = "cancelled";
    /// /cancel with nothing going on.
    NothingToCancel = "nothing-to-cancel";
    /// A button whose token is unknown or no longer valid.
    ButtonExpired = "button-expired";
    /// The caller lacks the role for this.
    SecretaryOnly = "secretary-only";
    /// A private-chat command used in a group.
    UsePrivateChat = "use-private-chat";
    /// Something failed on our side.
    InternalError = "internal-error";
    /// A message too long to take.
    TooLong = "too-long" { max };
    /// The label for a field that has no value.
    NotSet = "not-set";
    /// Cancel button.
    ButtonCancel = "button-cancel";
    /// Skip button.
    ButtonSkip = "button-skip";

    // help and commands
    /// Heading of /help.
    HelpHeader = "help-header";
    /// Section heading for member commands.
    HelpMembers = "help-members";
    /// Section heading for secretary commands.
    HelpSecretaries = "help-secretaries";
    /// Section heading for group commands.
    HelpGroup = "help-group";
    /// A command in /help, before its description.
    HelpLine = "help-line" { command };
    /// How to reach help for a stranger.
    HelpStranger = "help-stranger";
    /// /start
    CmdStart = "cmd-start";
    /// /help
    CmdHelp = "cmd-help";
    /// /me
    CmdMe = "cmd-me";
    /// /language
    CmdLanguage = "cmd-language";
    /// /cancel
    CmdCancel = "cmd-cancel";
    /// /invite
    CmdInvite = "cmd-invite";
    /// /pending
    CmdPending = "cmd-pending";
    /// /members
    CmdMembers = "cmd-members";
    /// /linkgroup
    CmdLinkgroup = "cmd-linkgroup";

    // language
    /// /language prompt.
    LanguageChoose = "language-choose";
    /// The language was changed (said in the new language).
    LanguageSet = "language-set";

    // start and joining
    /// /start from someone who is not a member and has no invite.
    StartStranger = "start-stranger";
    /// /start from a member.
    StartMember = "start-member" { name, branch };
    /// /start from a secretary or organizer.
    StartStaff = "start-staff";
    /// Closing line of StartStaff.
    StartStaffHint = "start-staff-hint";
    /// One role line in StartStaff.
    RoleLine = "role-line" { role, unit };
    /// /start while a join request waits.
    StartPending = "start-pending" { branch };
    /// An invite code that does not exist.
    InviteUnknown = "invite-unknown";
    /// An expired invite.
    InviteExpired = "invite-expired";
    /// An invite used by as many people as it allows.
    InviteUsedUp = "invite-used-up";
    /// A revoked invite.
    InviteRevoked = "invite-revoked";
    /// /start <code> from an active member.
    AlreadyMember = "already-member" { branch };
    /// Asks for the phone with the contact button.
    AskContact = "ask-contact" { branch };
    /// The contact button.
    ButtonShareContact = "button-share-contact";
    /// A contact that is not the sender's own.
    ContactNotOwn = "contact-not-own";
    /// A contact whose number cannot be read.
    ContactInvalid = "contact-invalid";
    /// Anything else while the bot waits for the contact.
    ContactPlease = "contact-please";
    /// The phone is linked to another Telegram account.
    PhoneTaken = "phone-taken";
    /// The roster matched: the member is active.
    Matched = "matched" { name, branch };
    /// No roster match: a request went to the secretaries.
    RequestSent = "request-sent" { branch };
    /// The phone is on another branch's roster.
    PhoneInOtherBranch = "phone-in-other-branch" { branch };
    /// Toast after revoking an invite.
    InviteRevokedToast = "invite-revoked-toast";
    /// A group already linked to a branch the caller does not manage.
    LinkGroupTaken = "linkgroup-taken" { branch };
    /// Tag: working away, city unknown.
    TagMobileNoCity = "tag-mobile-no-city";
    /// Too many branches for buttons when sending a roster file.
    ChooseBranchForFile = "choose-branch-for-file" { example };
    /// No row of a roster can be imported.
    ImportFixAndResend = "import-fix-and-resend";
    /// A second request while one waits.
    RequestAlreadyPending = "request-already-pending";
    /// Sent to secretaries: someone asks to join.
    RequestForSecretary = "request-for-secretary" { id, name, phone, branch };
    /// Approve button.
    ButtonApprove = "button-approve";
    /// Reject button.
    ButtonReject = "button-reject";
    /// Told to the person: approved.
    RequestApproved = "request-approved" { branch };
    /// Told to the person: rejected.
    RequestRejected = "request-rejected" { branch };
    /// The secretary's message after approving.
    RequestApprovedBy = "request-approved-by" { id, name, by };
    /// The secretary's message after rejecting.
    RequestRejectedBy = "request-rejected-by" { id, name, by };
    /// The request was already decided.
    RequestAlreadyDecided = "request-already-decided";
    /// Approval failed: the phone belongs to a member of another unit.
    RequestPhoneElsewhere = "request-phone-elsewhere";
    /// /pending with nothing waiting.
    PendingNone = "pending-none";
    /// /pending heading.
    PendingHeader = "pending-header" { count };

    // profile
    /// Asks for the name.
    AskName = "ask-name";
    /// Asks home or away.
    AskMobility = "ask-mobility";
    /// Asks the current city.
    AskCity = "ask-city";
    /// Asks for skills.
    AskSkills = "ask-skills";
    /// At-home button.
    ButtonResident = "button-resident";
    /// Working-away button.
    ButtonMobile = "button-mobile";
    /// A name that cannot be right.
    NameInvalid = "name-invalid";
    /// A city that cannot be right.
    CityInvalid = "city-invalid";
    /// The questions are done.
    ProfileComplete = "profile-complete";
    /// One change saved.
    ProfileSaved = "profile-saved";
    /// The profile card of /me.
    Profile = "profile" { name, branch, phone, mobility, city, skills, language };
    /// /me from someone who is not a member.
    ProfileNotMember = "profile-not-member";
    /// Label of a mobility value: resident, mobile or lost.
    MobilityLabel = "mobility-label" { kind };
    /// Edit-name button.
    ButtonEditName = "button-edit-name";
    /// Edit-mobility button.
    ButtonEditMobility = "button-edit-mobility";
    /// Edit-city button.
    ButtonEditCity = "button-edit-city";
    /// Edit-skills button.
    ButtonEditSkills = "button-edit-skills";

    // invites
    /// The invite card under the QR code.
    InviteCreated = "invite-created" { branch, link, expires, uses };
    /// Revoke button.
    ButtonRevokeInvite = "button-revoke-invite";
    /// The invite card after revoking.
    InviteRevokedDone = "invite-revoked-done" { branch, link };
    /// Asks which unit a command is for.
    ChooseBranch = "choose-branch";
    /// A unit code that does not exist.
    UnknownOrg = "unknown-org" { code };
    /// A unit outside the caller's subtree.
    OrgNotInScope = "org-not-in-scope" { code };
    /// Too many branches for buttons: ask for a code.
    ChooseBranchByCode = "choose-branch-by-code" { example };
    /// The caller's units have no branches yet.
    NoBranches = "no-branches";
    /// A button or command about a unit the caller does not manage.
    NotYourBranch = "not-your-branch";

    // members
    /// /members heading.
    MembersHeader = "members-header" { branch, total, joined, mobile };
    /// One member in /members.
    MemberLine = "member-line" { n, name };
    /// Tag: working away, in a city.
    TagMobile = "tag-mobile" { city };
    /// Tag: lost contact.
    TagLost = "tag-lost";
    /// Tag: has not joined through the bot yet.
    TagNotJoined = "tag-not-joined";
    /// Tag: Telegram no longer delivers to them.
    TagUnreachable = "tag-unreachable";
    /// /members for a unit without members.
    MembersEmpty = "members-empty" { branch };

    // groups
    /// The group is now linked.
    LinkGroupDone = "linkgroup-done" { branch };
    /// /linkgroup by someone without the role.
    LinkGroupNotAllowed = "linkgroup-not-allowed";
    /// /linkgroup sent in a private chat.
    LinkGroupPrivate = "linkgroup-private";
    /// /linkgroup from a secretary of several branches without a code.
    LinkGroupChoose = "linkgroup-choose" { codes };
    /// Greeting when added to a group.
    BotAddedToGroup = "bot-added-to-group";
    /// Told to the secretary who linked a group the bot was removed from.
    GroupUnlinked = "group-unlinked" { title, branch };

    // roster import
    /// Summary of a checked file.
    ImportPreview = "import-preview" { branch, rows, created, updated, errors };
    /// One bad row.
    ImportRowError = "import-row-error" { row };
    /// More bad rows than listed.
    ImportErrorsMore = "import-errors-more" { count };
    /// Reason: no name.
    ImportMissingName = "import-missing-name";
    /// Reason: unreadable phone.
    ImportBadPhone = "import-bad-phone" { value };
    /// Reason: the phone appears twice in the file.
    ImportDuplicatePhone = "import-duplicate-phone" { row };
    /// Reason: a name without phone appears twice.
    ImportDuplicateName = "import-duplicate-name" { row };
    /// Reason: the phone belongs to a member of another unit.
    ImportPhoneElsewhere = "import-phone-elsewhere" { branch };
    /// Reason: unreadable 外出 cell.
    ImportBadMobile = "import-bad-mobile" { value };
    /// Reason: a cell is too long.
    ImportCellTooLong = "import-cell-too-long" { column };
    /// The file cannot be read at all.
    ImportBadFile = "import-bad-file" { reason };
    /// The header lacks the name column.
    ImportMissingColumn = "import-missing-column";
    /// The file has no data rows.
    ImportEmpty = "import-empty";
    /// The file is too big.
    ImportTooLarge = "import-too-large" { max_mb };
    /// Not a CSV or XLSX file.
    ImportUnsupported = "import-unsupported";
    /// Confirm button.
    ButtonConfirmImport = "button-confirm-import";
    /// Import the good rows only.
    ButtonImportSkipBad = "button-import-skip-bad";
    /// The import ran.
    ImportDone = "import-done" { branch, created, updated, skipped };
    /// A document from someone who may not import.
    DocumentNotExpected = "document-not-expected";

    // notices
    /// Text as it is.
    Plain = "plain" { text };
    /// Between parts of a line.
    Separator = "separator";
    /// /notice
    CmdNotice = "cmd-notice";
    /// /receipts
    CmdReceipts = "cmd-receipts";
    /// /settings
    CmdSettings = "cmd-settings";
    /// Asks which unit a notice is for.
    NoticeChooseUnit = "notice-choose-unit";
    /// Asks for the content of a notice.
    NoticeAskContent = "notice-ask-content" { unit };
    /// Content that cannot be a notice.
    NoticeUnsupported = "notice-unsupported";
    /// Asks who a notice goes to.
    NoticeChooseAudience = "notice-choose-audience";
    /// Audience button: branch groups.
    AudienceGroupButton = "audience-group-button" { count };
    /// Audience button: all members.
    AudienceAllButton = "audience-all-button" { count };
    /// Audience button: mobile members.
    AudienceMobileButton = "audience-mobile-button" { count };
    /// No linked group.
    NoticeNoGroups = "notice-no-groups";
    /// The notice was cancelled.
    NoticeAlreadyCancelled = "notice-already-cancelled";
    /// The notice is already scheduled.
    NoticeAlreadyScheduled = "notice-already-scheduled";
    /// The notice already went.
    NoticeAlreadySent = "notice-already-sent";
    /// Audience: groups.
    AudienceGroup = "audience-group";
    /// Audience: everyone.
    AudienceAll = "audience-all";
    /// Audience: mobile members.
    AudienceMobile = "audience-mobile";
    /// Before the audience.
    NoticeAudienceIs = "notice-audience-is";
    /// Asks normal or urgent.
    NoticeChooseUrgency = "notice-choose-urgency";
    /// Normal notice.
    ButtonNormal = "button-normal";
    /// Urgent notice.
    ButtonUrgent = "button-urgent";
    /// Chosen: normal.
    UrgencyNormal = "urgency-normal";
    /// Chosen: urgent.
    UrgencyUrgent = "urgency-urgent";
    /// Summary under the preview.
    NoticePreviewAbove = "notice-preview-above";
    /// Recipients: groups.
    PlanGroups = "plan-groups" { groups, members };
    /// Recipients: members.
    PlanMembers = "plan-members" { count };
    /// Members without Telegram.
    PlanUnjoined = "plan-unjoined" { count };
    /// Members who blocked the bot.
    PlanUnreachable = "plan-unreachable" { count };
    /// Copies waiting for quiet hours.
    PlanHeld = "plan-held" { count };
    /// Nobody to send to.
    PlanNobody = "plan-nobody";
    /// Send now.
    ButtonSendNow = "button-send-now";
    /// Schedule.
    ButtonSchedule = "button-schedule";
    /// Toast: sending started.
    NoticeSending = "notice-sending";
    /// Asks for the time.
    NoticeAskTime = "notice-ask-time";
    /// Unreadable time.
    NoticeTimeUnreadable = "notice-time-unreadable";
    /// Time in the past.
    NoticeTimePast = "notice-time-past";
    /// Time too far ahead.
    NoticeTimeTooFar = "notice-time-too-far";
    /// Scheduled.
    NoticeScheduled = "notice-scheduled" { id, at };
    /// Cancel a scheduled notice.
    ButtonCancelSending = "button-cancel-sending";
    /// Cancelled.
    NoticeCancelled = "notice-cancelled" { id };
    /// Heading of a notice copy.
    NoticeHeading = "notice-heading" { unit };
    /// Heading of an urgent notice copy.
    NoticeHeadingUrgent = "notice-heading-urgent" { unit };
    /// The receipt button.
    AckButton = "ack-button";
    /// The receipt button in a group.
    AckButtonCount = "ack-button-count" { acked, total };
    /// The receipt button once pressed.
    AckButtonDone = "ack-button-done";
    /// Toast: acknowledged.
    AckThanks = "ack-thanks";
    /// Toast: pressed before.
    AckAlready = "ack-already";
    /// Toast: a non-member pressed.
    AckNotMember = "ack-not-member";
    /// Toast: a member of another unit pressed.
    AckNotForYou = "ack-not-for-you";
    /// Progress while sending.
    ProgressSending = "progress-sending" { bar, done, total, pct, min, sec };
    /// Progress when only held copies remain.
    ProgressWaiting = "progress-waiting" { bar, done, total, pct };
    /// Copies waiting for quiet hours.
    ProgressHeld = "progress-held" { count, at };
    /// The outcome.
    ProgressDone = "progress-done" { sent, undelivered };
    /// One reason for undelivered copies.
    ProgressReason = "progress-reason" { reason, count };
    /// Reason: blocked.
    ReasonBlocked = "reason-blocked";
    /// Reason: deleted account.
    ReasonDeactivated = "reason-deactivated";
    /// Reason: removed from group.
    ReasonKicked = "reason-kicked";
    /// Reason: chat not found.
    ReasonChatNotFound = "reason-chat-not-found";
    /// Reason: never opened the bot.
    ReasonNeverStarted = "reason-never-started";
    /// Reason: anything else.
    ReasonOther = "reason-other" { error };
    /// Open the receipts.
    ButtonReceipts = "button-receipts";
    /// The reminder.
    NudgeText = "nudge-text" { unit, at, excerpt };
    /// No notices yet.
    ReceiptsNone = "receipts-none";
    /// Heading of /receipts.
    ReceiptsHeader = "receipts-header";
    /// One notice.
    ReceiptsItem = "receipts-item" { id, at, title };
    /// A scheduled notice.
    ReceiptsScheduled = "receipts-scheduled";
    /// A cancelled notice.
    ReceiptsCancelled = "receipts-cancelled";
    /// Counts of a notice.
    ReceiptsCounts = "receipts-counts" { delivered, acked, unreachable };
    /// Cancel a scheduled notice.
    ButtonCancelNotice = "button-cancel-notice" { id };
    /// Open a notice.
    ButtonNoticeDetail = "button-notice-detail" { id };
    /// Copies still to go.
    ReceiptsStillSending = "receipts-still-sending" { count };
    /// Everyone acknowledged.
    ReceiptsEveryone = "receipts-everyone";
    /// Heading of the unacknowledged list.
    ReceiptsMissing = "receipts-missing" { count };
    /// More unlisted.
    ReceiptsMore = "receipts-more" { count };
    /// Marks a member without Telegram.
    MarkUnjoined = "mark-unjoined";
    /// Marks an unreachable member.
    MarkUnreachable = "mark-unreachable";
    /// Remind now.
    ButtonNudge = "button-nudge";
    /// Refresh.
    ButtonRefresh = "button-refresh";
    /// Nudge on an unsent notice.
    NudgeNotSent = "nudge-not-sent";
    /// Reminders queued.
    NudgeDone = "nudge-done" { count };
    /// Reminded within a day.
    NudgeSkipped = "nudge-skipped" { count };
    /// Heading of /settings.
    SettingsHeader = "settings-header";
    /// Current quiet hours.
    SettingsQuiet = "settings-quiet" { hours };
    /// No quiet hours.
    SettingsQuietOff = "settings-quiet-off";
    /// How quiet hours work.
    SettingsQuietHint = "settings-quiet-hint";
    /// Quiet hours are for members.
    SettingsMembersOnly = "settings-members-only";
    /// No quiet hours.
    ButtonQuietOff = "button-quiet-off";
    /// Language.
    ButtonLanguage = "button-language";
    /// Quiet hours set.
    QuietSet = "quiet-set" { hours };
    /// Quiet hours off.
    QuietSetOff = "quiet-set-off";
    /// Unreadable quiet hours.
    QuietUnreadable = "quiet-unreadable" { typed };

    // points
    /// /points
    CmdPoints = "cmd-points";
    /// Rule: notice acknowledged.
    RuleNoticeAck = "rule-notice-ack";
    /// Rule: lesson done.
    RuleLessonDone = "rule-lesson-done";
    /// Rule: quiz answer right.
    RuleQuizCorrect = "rule-quiz-correct";
    /// Rule: attended a session.
    RuleSessionAttend = "rule-session-attend";
    /// Rule: status report.
    RuleStatusReport = "rule-status-report";
    /// Rule: feedback.
    RuleFeedback = "rule-feedback";
    /// Rule: by a secretary.
    RuleManual = "rule-manual";
    /// Heading of /points.
    PointsSummary = "points-summary" { year, month };
    /// No entries yet.
    PointsNone = "points-none";
    /// Before the latest entries.
    PointsLatest = "points-latest";
    /// Points of an entry.
    PointsDelta = "points-delta" { points };
    /// Reason of a manual entry.
    PointsReason = "points-reason" { reason };
    /// /points by a non-member.
    PointsMembersOnly = "points-members-only";
    /// /points by staff who are not members.
    PointsStaffHint = "points-staff-hint";
    /// A member tried to adjust points.
    PointsMembersOnlyAdjust = "points-members-only-adjust";
    /// Unreadable adjustment.
    PointsAdjustUsage = "points-adjust-usage";
    /// Adjustment without a reason.
    PointsReasonNeeded = "points-reason-needed";
    /// Adjustment out of range.
    PointsAdjustRange = "points-adjust-range" { max };
    /// No member with that phone.
    PointsNoSuchMember = "points-no-such-member" { who };
    /// Adjustment done.
    PointsAdjusted = "points-adjusted" { name, points, reason };
    /// Told to the member.
    PointsAdjustedYou = "points-adjusted-you" { points, reason };
    /// Toast: acknowledged, with points.
    AckThanksPoints = "ack-thanks-points" { points };
    /// Nudge while copies are still going.
    NudgeStillSending = "nudge-still-sending";
    /// Nudge pressed twice.
    NudgeJustDone = "nudge-just-done";
    /// Ack on a preview.
    AckPreview = "ack-preview";
    /// An older preview's button.
    NoticePreviewOutdated = "notice-preview-outdated";
    /// Audience: members at home.
    AudienceResident = "audience-resident";

    // lessons and sessions
    /// A kind of session (`theme_day`…).
    SessionKindName = "session-kind-name" { kind };
    /// Text expected in a dialogue.
    TextPlease = "text-please";
    /// /study
    CmdStudy = "cmd-study";
    /// /lesson
    CmdLesson = "cmd-lesson";
    /// /lessons
    CmdLessons = "cmd-lessons";
    /// /session
    CmdSession = "cmd-session";
    /// /attendance
    CmdAttendance = "cmd-attendance";
    /// Asks a lesson's title.
    LessonAskTitle = "lesson-ask-title" { unit };
    /// Title not one line.
    LessonTitleOneLine = "lesson-title-one-line";
    /// Asks the content.
    LessonAskContent = "lesson-ask-content" { title };
    /// Content a lesson cannot take.
    LessonUnsupported = "lesson-unsupported";
    /// Too many attachments.
    LessonTooManyItems = "lesson-too-many-items" { max };
    /// Content taken so far.
    LessonContentAdded = "lesson-content-added" { chars, items };
    /// Content complete.
    ButtonContentDone = "button-content-done";
    /// No content yet.
    LessonEmpty = "lesson-empty";
    /// Quiz or not.
    LessonAskQuiz = "lesson-ask-quiz";
    /// Add a question.
    ButtonAddQuestion = "button-add-question";
    /// No quiz.
    ButtonNoQuiz = "button-no-quiz";
    /// Quiz complete.
    ButtonQuizDone = "button-quiz-done";
    /// Quiz full.
    QuizFull = "quiz-full" { max };
    /// Asks one question.
    QuizAskQuestion = "quiz-ask-question" { n };
    /// Format reminder.
    QuizFormatHint = "quiz-format-hint";
    /// No question.
    QuizErrNoQuestion = "quiz-err-no-question";
    /// Too few options.
    QuizErrFewOptions = "quiz-err-few-options" { min };
    /// Too many options.
    QuizErrManyOptions = "quiz-err-many-options" { max };
    /// No correct option.
    QuizErrNoCorrect = "quiz-err-no-correct";
    /// Several correct.
    QuizErrSeveralCorrect = "quiz-err-several-correct";
    /// No explanation.
    QuizErrNoExplanation = "quiz-err-no-explanation";
    /// Question taken.
    QuizQuestionAdded = "quiz-question-added" { n, options, correct };
    /// Heading of a lesson copy.
    LessonHeading = "lesson-heading" { unit };
    /// The title in a copy.
    LessonTitleLine = "lesson-title-line" { title };
    /// 学完了 button.
    LessonDoneButton = "lesson-done-button";
    /// With counts (groups).
    LessonDoneButtonCount = "lesson-done-button-count" { acked, total };
    /// After pressing.
    LessonDoneButtonDone = "lesson-done-button-done";
    /// Toast.
    LessonDoneThanks = "lesson-done-thanks";
    /// Toast with points.
    LessonDoneThanksPoints = "lesson-done-thanks-points" { points };
    /// Pressed again.
    LessonAlreadyDone = "lesson-already-done";
    /// Reminder to study.
    LessonNudgeText = "lesson-nudge-text" { unit, at, excerpt };
    /// A question.
    QuizQuestion = "quiz-question" { title, n, total, question };
    /// Right.
    QuizRight = "quiz-right";
    /// Wrong.
    QuizWrong = "quiz-wrong" { correct };
    /// The explanation.
    QuizExplanation = "quiz-explanation" { text };
    /// Answered before.
    QuizAlreadyAnswered = "quiz-already-answered";
    /// Quiz before studying.
    QuizStudyFirst = "quiz-study-first";
    /// Nothing left.
    QuizAllAnswered = "quiz-all-answered";
    /// The result.
    QuizResult = "quiz-result" { correct, total, branch, county };
    /// /study heading.
    StudyHeader = "study-header";
    /// A lesson not studied.
    StudyNotDone = "study-not-done" { title, date };
    /// Quiz left.
    StudyQuizLeft = "study-quiz-left" { title, left };
    /// Study button.
    ButtonStudy = "button-study" { title };
    /// Continue quiz.
    ButtonQuizContinue = "button-quiz-continue" { title };
    /// All done.
    StudyAllDone = "study-all-done";
    /// Toast.
    LessonResent = "lesson-resent";
    /// /lessons heading.
    LessonsHeader = "lessons-header";
    /// One lesson.
    LessonsLine = "lessons-line" { title, date, done, readers, pct, answered, score };
    /// One branch.
    LessonsBranchLine = "lessons-branch-line" { branch, done, readers, pct, answered, score };
    /// None yet.
    LessonsNone = "lessons-none";
    /// Asks the kind.
    SessionChooseKind = "session-choose-kind" { unit };
    /// Asks the title.
    SessionAskTitle = "session-ask-title" { kind };
    /// Asks the time.
    SessionAskTime = "session-ask-time";
    /// Staff /points heading.
    PointsAveragesHeader = "points-averages-header";
    /// One branch.
    PointsAverageLine = "points-average-line" { branch, members, average };
    /// Group /points when private.
    PointsBoardPrivate = "points-board-private";
    /// Group ranking heading.
    PointsBoardHeader = "points-board-header" { branch };
    /// One place.
    PointsBoardLine = "points-board-line" { rank, name, points };
    /// Sent after its time.
    SessionTimePassed = "session-time-passed";
    /// Too far ahead.
    SessionTimeTooFar = "session-time-too-far" { days };
    /// Asks the place.
    SessionAskPlace = "session-ask-place" { time };
    /// Online.
    ButtonOnline = "button-online";
    /// Place not one line.
    SessionPlaceOneLine = "session-place-one-line";
    /// Asks the lesson.
    SessionAskLesson = "session-ask-lesson";
    /// No lesson.
    ButtonNoLesson = "button-no-lesson";
    /// Invitation heading.
    SessionHeading = "session-heading" { unit };
    /// Invitation body.
    SessionDetails = "session-details" { kind, title, time, place };
    /// The lesson.
    SessionLessonLine = "session-lesson-line" { title };
    /// Online place.
    SessionOnline = "session-online";
    /// 参加.
    SessionGoingButton = "session-going-button";
    /// 请假.
    SessionLeaveButton = "session-leave-button";
    /// Toast.
    SessionGoingThanks = "session-going-thanks";
    /// Toast.
    SessionAlreadyAnswered = "session-already-answered";
    /// Too late to answer.
    SessionStarted = "session-started";
    /// Toast.
    SessionLeaveAskToast = "session-leave-ask-toast";
    /// Asks the reason.
    SessionAskLeaveReason = "session-ask-leave-reason" { title };
    /// Empty reason.
    SessionLeaveReasonEmpty = "session-leave-reason-empty";
    /// Leave recorded.
    SessionLeaveRecorded = "session-leave-recorded";
    /// Checked in already.
    SessionAlreadyCheckedIn = "session-already-checked-in";
    /// To the secretary.
    SessionLeaveToSecretary = "session-leave-to-secretary" { name, title, reason };
    /// Reminder to answer.
    SessionNudgeText = "session-nudge-text" { unit, at, excerpt };
    /// Reminder before start.
    SessionReminder = "session-reminder" { kind, title, time, place, hours, minutes };
    /// Check-in opens.
    CheckInOpen = "check-in-open" { kind, title, time };
    /// 签到.
    CheckInButton = "check-in-button";
    /// Too early.
    CheckInNotOpen = "check-in-not-open" { at };
    /// Too late.
    CheckInClosed = "check-in-closed";
    /// Twice.
    CheckInAlready = "check-in-already";
    /// Checked in.
    CheckInDone = "check-in-done" { at };
    /// With points.
    CheckInDonePoints = "check-in-done-points" { at, points };
    /// Late.
    CheckInLate = "check-in-late" { at };
    /// Late, points.
    CheckInLatePoints = "check-in-late-points" { at, points };
    /// A session in lists.
    SessionLabel = "session-label" { kind, title, time };
    /// No sessions.
    AttendanceNone = "attendance-none";
    /// Choose a session.
    AttendanceChoose = "attendance-choose";
    /// Members to mark.
    AttendanceList = "attendance-list" { session };
    /// One member (mark: 📵 without a phone).
    AttendanceMemberButton = "attendance-member-button" { mark, name, status };
    /// More members.
    AttendanceMore = "attendance-more" { count };
    /// Which mark.
    AttendanceMarkAsk = "attendance-mark-ask" { name };
    /// Marked.
    AttendanceMarked = "attendance-marked" { name, status };
    /// Too early.
    AttendanceTooEarly = "attendance-too-early";
    /// Back.
    ButtonBackToList = "button-back-to-list";
    /// Present.
    MarkPresent = "mark-present";
    /// Late.
    MarkLate = "mark-late";
    /// Leave.
    MarkLeave = "mark-leave";
    /// Absent.
    MarkAbsent = "mark-absent";
    /// Going.
    MarkGoing = "mark-going";
    /// Nothing.
    MarkNone = "mark-none";
    /// Summary.
    SessionSummary = "session-summary" { session, invited, present, late, leave, absent };
    /// Late names.
    SummaryLate = "summary-late" { names };
    /// A leave.
    SummaryLeave = "summary-leave" { name, reason };
    /// Absent names.
    SummaryAbsent = "summary-absent" { names };
    /// Mobile members.
    SummaryAway = "summary-away" { count };
    /// Make-up button.
    ButtonMakeup = "button-makeup" { count };
    /// Proxy marks.
    ButtonProxyMarks = "button-proxy-marks";
    /// No lesson.
    MakeupNoLesson = "makeup-no-lesson";
    /// Twice.
    MakeupAlreadySent = "makeup-already-sent";
    /// Sent.
    MakeupSent = "makeup-sent" { count, title };
    /// Toast.
    MakeupSentToast = "makeup-sent-toast";
    /// /schedules
    CmdSchedules = "cmd-schedules";
    /// /schedules heading.
    SchedulesHeader = "schedules-header";
    /// None.
    SchedulesNone = "schedules-none";
    /// County-wide owner.
    ScheduleCounty = "schedule-county";
    /// One schedule.
    ScheduleLine = "schedule-line" { n, name, owner, cron, audience, next };
    /// Paused.
    SchedulePausedMark = "schedule-paused-mark";
    /// Pause.
    ButtonPause = "button-pause" { n };
    /// Resume.
    ButtonResume = "button-resume" { n };
    /// Delete.
    ButtonDelete = "button-delete" { n };
    /// Add.
    ButtonScheduleNew = "button-schedule-new" { unit };
    /// Too many.
    SchedulesFull = "schedules-full" { max };
    /// Asks the cron.
    ScheduleAskCron = "schedule-ask-cron" { unit };
    /// Bad cron.
    ScheduleCronBad = "schedule-cron-bad" { error };
    /// Never fires.
    ScheduleNeverFires = "schedule-never-fires";
    /// Asks the message.
    ScheduleAskMessage = "schedule-ask-message";
    /// Confirm.
    ScheduleConfirmAsk = "schedule-confirm-ask" { name, cron, audience, message };
    /// Confirm.
    ButtonConfirmSchedule = "button-confirm-schedule";
    /// Twice.
    ScheduleAlreadyAdded = "schedule-already-added";
    /// Added.
    ScheduleAdded = "schedule-added" { name };
    /// County's.
    ScheduleCountyReadOnly = "schedule-county-read-only";
    /// Paused.
    SchedulePaused = "schedule-paused" { name };
    /// Resumed.
    ScheduleResumed = "schedule-resumed" { name, next };
    /// Deleted.
    ScheduleDeleted = "schedule-deleted" { name };
    // reports, feedback, polls, hand-over
    /// /report
    CmdReport = "cmd-report";
    /// /feedback
    CmdFeedback = "cmd-feedback";
    /// /mytickets
    CmdMytickets = "cmd-mytickets";
    /// /reports
    CmdReports = "cmd-reports";
    /// /inbox
    CmdInbox = "cmd-inbox";
    /// /poll
    CmdPoll = "cmd-poll";
    /// /handover
    CmdHandover = "cmd-handover";
    /// A button is expected.
    UseButtons = "use-buttons";
    /// A colon.
    Colon = "colon";
    /// A work status.
    WorkStatusName = "work-status-name" { status };
    /// The prompt's button.
    ReportPromptButton = "report-prompt-button";
    /// Still in the city?
    ReportAskWhere = "report-ask-where" { city };
    /// Same city.
    ButtonReportSameCity = "button-report-same-city" { city };
    /// Moved.
    ButtonReportMoved = "button-report-moved";
    /// Home for good.
    ButtonReportHome = "button-report-home";
    /// Registered at home.
    ReportAskWhereResident = "report-ask-where-resident";
    /// Still home.
    ButtonReportStillHome = "button-report-still-home";
    /// Went away.
    ButtonReportWentAway = "button-report-went-away";
    /// The question answered (then the answer).
    ReportAnswered = "report-answered";
    /// Asks the city.
    ReportAskCity = "report-ask-city";
    /// Bad city.
    ReportCityBad = "report-city-bad" { max };
    /// Location not kept.
    ReportLocationDiscarded = "report-location-discarded";
    /// Asks the work status.
    ReportAskWork = "report-ask-work";
    /// Asks the note.
    ReportAskNote = "report-ask-note";
    /// Confirm.
    ReportConfirmAsk = "report-confirm-ask";
    /// City line.
    ReportSummaryCity = "report-summary-city" { city };
    /// At home.
    ReportSummaryHome = "report-summary-home";
    /// Work label.
    ReportSummaryWorkLabel = "report-summary-work-label";
    /// Text note.
    ReportSummaryNote = "report-summary-note" { chars };
    /// Voice note.
    ReportSummaryVoice = "report-summary-voice";
    /// No note.
    ReportSummaryNoNote = "report-summary-no-note";
    /// Submit.
    ButtonReportSubmit = "button-report-submit";
    /// Submitted heading.
    ReportSubmitted = "report-submitted";
    /// Thanks.
    ReportThanks = "report-thanks";
    /// Thanks with points.
    ReportThanksPoints = "report-thanks-points" { points };
    /// City change.
    ReportMovedToSecretary = "report-moved-to-secretary" { name, from, to };
    /// Went away.
    ReportAwayToSecretary = "report-away-to-secretary" { name, city };
    /// Back home.
    ReportHomeToSecretary = "report-home-to-secretary" { name };
    /// /reports heading.
    ReportsHeader = "reports-header" { branch, month };
    /// Counts.
    ReportsMobile = "reports-mobile" { reported, total };
    /// Not reported.
    ReportsMissing = "reports-missing" { names };
    /// Reported.
    ReportsDone = "reports-done" { names };
    /// Nobody silent.
    ReportsNoSilent = "reports-no-silent";
    /// Silent 30+.
    ReportsSilent30 = "reports-silent30" { count, names };
    /// Silent 60+.
    ReportsSilent60 = "reports-silent60" { count, names };
    /// Not on Telegram.
    ReportsUnjoined = "reports-unjoined" { count };
    /// Nudge the silent.
    ButtonNudgeSilent = "button-nudge-silent" { count };
    /// The hello.
    SilentNudge = "silent-nudge" { name, branch };
    /// I'm well.
    ButtonAlive = "button-alive";
    /// Nudged.
    SilentNudged = "silent-nudged" { sent, skipped };
    /// Toast.
    AliveThanks = "alive-thanks";
    /// Edited hello.
    AliveReply = "alive-reply";
    /// Secretary hears.
    AliveToSecretary = "alive-to-secretary" { name };
    /// A kind of ticket.
    TicketKindName = "ticket-kind-name" { kind };
    /// A ticket's status.
    TicketStatusName = "ticket-status-name" { status };
    /// Which kind.
    FeedbackAskKind = "feedback-ask-kind";
    /// Send to secretary?
    FeedbackOffer = "feedback-offer";
    /// Append.
    ButtonTicketAppend = "button-ticket-append" { n };
    /// Not now.
    ButtonNotNow = "button-not-now";
    /// Kind label.
    FeedbackKindIs = "feedback-kind-is";
    /// Signed or not.
    FeedbackAskAnonymous = "feedback-ask-anonymous";
    /// Signed.
    ButtonSigned = "button-signed";
    /// Anonymous.
    ButtonAnonymous = "button-anonymous";
    /// Anonymous chosen.
    FeedbackAnonymousYes = "feedback-anonymous-yes";
    /// Signed chosen.
    FeedbackAnonymousNo = "feedback-anonymous-no";
    /// Asks the words.
    FeedbackAskContent = "feedback-ask-content" { kind };
    /// Raised.
    TicketRaised = "ticket-raised" { n, due };
    /// Hint.
    TicketRaisedHint = "ticket-raised-hint";
    /// Hint with points.
    TicketRaisedPoints = "ticket-raised-points" { points };
    /// Anonymous.
    TicketAnonymousMember = "ticket-anonymous-member";
    /// New ticket.
    TicketNewHeading = "ticket-new-heading" { n };
    /// More.
    TicketMoreHeading = "ticket-more-heading" { n };
    /// From.
    TicketFrom = "ticket-from";
    /// Branch and city.
    TicketMemberBranch = "ticket-member-branch" { branch, city };
    /// Due.
    TicketDue = "ticket-due" { due };
    /// Reply hint.
    TicketReplyHint = "ticket-reply-hint";
    /// Reply.
    ButtonTicketReply = "button-ticket-reply";
    /// Resolved.
    ButtonTicketResolve = "button-ticket-resolve";
    /// Member: solved.
    ButtonTicketResolveMine = "button-ticket-resolve-mine";
    /// Not yours.
    TicketNotYours = "ticket-not-yours";
    /// Resolved.
    TicketAlreadyResolved = "ticket-already-resolved" { n };
    /// Asks the reply.
    TicketAskReply = "ticket-ask-reply" { n };
    /// Appended.
    TicketAppended = "ticket-appended" { n };
    /// Text or voice.
    TicketTextOrVoice = "ticket-text-or-voice";
    /// Member gone.
    TicketMemberUnreachable = "ticket-member-unreachable";
    /// Answer to member.
    TicketAnswerHeading = "ticket-answer-heading" { n, name };
    /// Sent (then who).
    TicketAnswerSent = "ticket-answer-sent" { n };
    /// Another answered.
    TicketAnsweredByOther = "ticket-answered-by-other" { n, name };
    /// Member's more sent.
    TicketMoreSent = "ticket-more-sent" { n };
    /// Toast.
    TicketResolvedToast = "ticket-resolved-toast" { n };
    /// To member.
    TicketResolvedToMember = "ticket-resolved-to-member" { n };
    /// Another resolved.
    TicketResolvedByOther = "ticket-resolved-by-other" { n, name };
    /// Member resolved (then who).
    TicketResolvedByMember = "ticket-resolved-by-member" { n };
    /// None.
    MyTicketsNone = "my-tickets-none";
    /// Heading.
    MyTicketsHeader = "my-tickets-header";
    /// Show.
    ButtonTicketShow = "button-ticket-show" { n };
    /// Line start.
    TicketLineStart = "ticket-line-start" { n };
    /// When raised.
    TicketLineAt = "ticket-line-at" { at };
    /// Earlier.
    TicketEarlier = "ticket-earlier" { count };
    /// Staff.
    TicketAuthorStaff = "ticket-author-staff";
    /// You.
    TicketAuthorYou = "ticket-author-you";
    /// Voice.
    TicketVoice = "ticket-voice";
    /// A thread line's time.
    TicketThreadAt = "ticket-thread-at" { at };
    /// Empty.
    InboxEmpty = "inbox-empty";
    /// Heading.
    InboxHeader = "inbox-header" { count };
    /// Due in.
    InboxDueIn = "inbox-due-in" { hours };
    /// Overdue.
    InboxOverdue = "inbox-overdue" { hours };
    /// Figures.
    TicketFigures = "ticket-figures" { days, raised, answered, percent, median };
    /// Overdue reminder.
    TicketOverdue = "ticket-overdue" { n, due };
    /// Escalated.
    TicketEscalated = "ticket-escalated" { n, branch, hours };
    /// Poll heading.
    PollHeading = "poll-heading" { unit };
    /// Poll text.
    PollDetails = "poll-details" { question, closes };
    /// Nudge.
    PollNudgeText = "poll-nudge-text" { unit, at, excerpt };
    /// Asks the question.
    PollAskQuestion = "poll-ask-question" { unit };
    /// Asks options.
    PollAskOptions = "poll-ask-options" { min, max };
    /// Count.
    PollOptionsCount = "poll-options-count" { min, max };
    /// Too long.
    PollOptionTooLong = "poll-option-too-long" { option, max };
    /// Twice.
    PollOptionTwice = "poll-option-twice" { option };
    /// Asks the close.
    PollAskCloses = "poll-ask-closes";
    /// Days.
    ButtonPollDays = "button-poll-days" { days };
    /// Too soon.
    PollClosesTooSoon = "poll-closes-too-soon";
    /// Passed.
    PollClosePassed = "poll-close-passed";
    /// Closed.
    PollClosed = "poll-closed";
    /// Voted.
    PollVoted = "poll-voted" { option };
    /// Same.
    PollVoteSame = "poll-vote-same" { option };
    /// Changed.
    PollVoteChanged = "poll-vote-changed" { option };
    /// A result.
    PollResultLine = "poll-result-line" { option, votes, percent };
    /// Turnout.
    PollTurnout = "poll-turnout" { voted, invited };
    /// Open.
    PollOpenUntil = "poll-open-until" { at };
    /// Closed.
    PollClosedAt = "poll-closed-at" { at };
    /// Results.
    PollResultsHeading = "poll-results-heading" { question };
    /// Staff: resolved.
    TicketResolvedNoMore = "ticket-resolved-no-more" { n };
    /// Photo.
    TicketPhoto = "ticket-photo";
    /// Withdraw.
    ButtonHandoverCancel = "button-handover-cancel";
    /// Withdrawn.
    HandoverCancelled = "handover-cancelled" { name };
    /// Lost contact asked.
    ReportAskWhereLost = "report-ask-where-lost";
    /// A note.
    ReportNoteToSecretary = "report-note-to-secretary" { name, month };
    /// Too long open.
    PollOpenTooLong = "poll-open-too-long" { days };
    /// Ideas hint.
    PollIdeasHint = "poll-ideas-hint";
    /// Cities worked in.
    ProfileCityHistory = "profile-city-history" { cities };
    /// Latest report (then the work status).
    ProfileLastReport = "profile-last-report" { at };
    /// Who.
    HandoverAskWho = "handover-ask-who";
    /// No match.
    HandoverNoMember = "handover-no-member" { name };
    /// Too many.
    HandoverTooMany = "handover-too-many";
    /// Choose.
    HandoverChooseMember = "handover-choose-member";
    /// Which branch.
    HandoverAskBranch = "handover-ask-branch" { name };
    /// No branch.
    HandoverNoBranch = "handover-no-branch" { name };
    /// Confirm.
    HandoverConfirmAsk = "handover-confirm-ask" { name, from };
    /// To.
    ButtonHandoverTo = "button-handover-to" { branch };
    /// Pending.
    HandoverPending = "handover-pending";
    /// Asked.
    HandoverAsked = "handover-asked" { name, branch };
    /// Nobody.
    HandoverNobodyToAsk = "handover-nobody-to-ask";
    /// Request.
    HandoverRequest = "handover-request" { from, name, to };
    /// Accept.
    ButtonAccept = "button-accept";
    /// Decline.
    ButtonDecline = "button-decline";
    /// Decided.
    HandoverDecided = "handover-decided";
    /// Accepted.
    HandoverAccepted = "handover-accepted" { name, branch };
    /// Declined.
    HandoverDeclined = "handover-declined" { name, branch };
    /// Member told.
    HandoverToMember = "handover-to-member" { from, to };

    // statistics, exports, members' data
    /// /stats in the menu.
    CmdStats = "cmd-stats";
    /// /export in the menu.
    CmdExport = "cmd-export";
    /// /mydata in the menu.
    CmdMydata = "cmd-mydata";
    /// /forgetme in the menu.
    CmdForgetme = "cmd-forgetme";
    /// /stats heading.
    StatsHeader = "stats-header" { unit, from };
    /// The weekly digest's heading.
    DigestHeader = "digest-header" { unit, from };
    /// A metric.
    StatsAcknowledged = "stats-acknowledged";
    /// A metric.
    StatsStudied = "stats-studied";
    /// A metric.
    StatsQuizScore = "stats-quiz-score";
    /// A metric.
    StatsAttendance = "stats-attendance";
    /// A metric.
    StatsReported = "stats-reported";
    /// A metric.
    StatsAnsweredInTime = "stats-answered-in-time";
    /// A metric's figures after its name.
    StatsFigure = "stats-figure" { total, num, den, last };
    /// Before the branch lines.
    StatsBranchesHeader = "stats-branches-header";
    /// One branch.
    StatsBranchLine = "stats-branch-line" { branch, ack, study, quiz, attend, report, answer };
    /// Too many branches to list.
    StatsMoreBranches = "stats-more-branches" { count };
    /// No CJK font.
    StatsNoChart = "stats-no-chart";
    /// The chart's caption.
    StatsChartCaption = "stats-chart-caption" { unit };
    /// The chart's heading.
    StatsChartTitle = "stats-chart-title" { unit };
    /// An empty chart.
    StatsChartEmpty = "stats-chart-empty";
    /// /export started.
    ExportWorking = "export-working" { unit };
    /// The export file's caption.
    ExportCaption = "export-caption" { unit, rows };
    /// Too large for Telegram.
    ExportTooLarge = "export-too-large";
    /// A sheet too long for XLSX.
    ExportTooManyRows = "export-too-many-rows" { sheet, rows };
    /// The export failed.
    ExportFailed = "export-failed";
    /// A bad /export argument.
    ExportUsage = "export-usage" { arg };
    /// /mydata heading.
    MydataHeader = "mydata-header";
    /// Profile.
    MydataProfile = "mydata-profile" { name, phone, branch };
    /// Where.
    MydataPlace = "mydata-place" { status, city };
    /// Counts.
    MydataCounts = "mydata-counts" { acks, lessons, answers, sessions, reports, tickets, points };
    /// Not a member.
    MydataNotMember = "mydata-not-member";
    /// About the file.
    MydataFile = "mydata-file";
    /// The file's caption.
    MydataCaption = "mydata-caption";
    /// /forgetme.
    ForgetmeExplain = "forgetme-explain";
    /// Confirm.
    ButtonForgetme = "button-forgetme";
    /// Asked.
    ForgetmeAsked = "forgetme-asked";
    /// Already asked.
    ForgetmePending = "forgetme-pending";
    /// No decider.
    ForgetmeNoOne = "forgetme-no-one";
    /// Not a member: done at once.
    ForgetmeNotMember = "forgetme-not-member";
    /// To the secretaries.
    ForgetmeRequest = "forgetme-request" { name, branch };
    /// Approve.
    ButtonEraseApprove = "button-erase-approve";
    /// Decline.
    ButtonEraseDecline = "button-erase-decline";
    /// Approved.
    ForgetmeApproved = "forgetme-approved";
    /// Declined, to staff.
    ForgetmeRefused = "forgetme-refused" { name };
    /// To the member.
    ForgetmeDone = "forgetme-done";
    /// To the member.
    ForgetmeDeclined = "forgetme-declined";
    /// Pressed twice.
    ForgetmeDecided = "forgetme-decided";
}
