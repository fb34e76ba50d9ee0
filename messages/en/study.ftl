# Lessons (micro-lectures), quizzes and study sessions.
session-kind-name = { $kind ->
    [theme_day] Theme Party Day
    [general_meeting] General meeting
    [committee] Branch committee
    [group_meeting] Party group meeting
    [party_lecture] Party lecture
    [lecture] Lecture hall
    [village_sages] Village sages' talk
   *[skills] Skills training
}

text-please = Please answer with text (or send /cancel to stop).
cmd-study = Lessons still to study (make-up)
cmd-lesson = Publish a micro-lecture (with a quiz)
cmd-lessons = Lesson completion and quiz scores
cmd-session = Convene a study session (theme day, meetings…)
cmd-attendance = Mark attendance for members
lesson-ask-title =
    📖 A micro-lecture for { $unit }.
    Type its title (one line, up to 64 characters):
lesson-title-one-line = Please type the title as one line of text.
lesson-ask-content =
    “{ $title }”
    Send the content: text, and photos, files, voice, audio or video (with captions), or forward posts. Send as many messages as you need, then press “Content complete”.
lesson-unsupported = A lesson cannot take this. Send text, or a photo, file, voice, audio or video.
lesson-too-many-items = A lesson takes at most { $max } attachments.
lesson-content-added = ✓ Added. So far: { $chars } characters of text, { $items } attachments. Send more, or press “Content complete”.
button-content-done = Content complete ➡️
lesson-empty = There is no content yet: send some text or an attachment first.
lesson-ask-quiz = Add a quiz to this lesson? (1–5 multiple-choice questions, answered one at a time in the private chat after studying)
button-add-question = ➕ Add a question
button-no-quiz = No quiz ➡️
button-quiz-done = Quiz complete ➡️
quiz-full = A quiz has at most { $max } questions.
quiz-ask-question =
    Send question { $n } like this (mark the correct option with ✓ or *):
    {""}
    Question: In which year was the 20th Party Congress held?
    A. 2021
    B. 2022 ✓
    C. 2023
    Explanation: It was held in Beijing in October 2022.
quiz-format-hint = Format: the question on the first line; one option per line (A. B. C. …, 2–6 of them), the correct one marked with ✓; last, a line “Explanation: …”.
quiz-err-no-question = ❗ No question found: write the question before the options.
quiz-err-few-options = ❗ Too few options: at least { $min }, one per line, starting with A. B.
quiz-err-many-options = ❗ Too many options: at most { $max } (A–F).
quiz-err-no-correct = ❗ No correct answer marked: put ✓ after the correct option, or add a line “Answer: B”.
quiz-err-several-correct = ❗ Only one option can be correct.
quiz-err-no-explanation = ❗ The explanation is missing: add a last line “Explanation: …”; members see it after answering.
quiz-question-added = ✓ Question { $n } added ({ $options } options, correct answer { $correct }).
lesson-heading = 📖 Micro-lecture from { $unit }
lesson-title-line = “{ $title }”
lesson-done-button = Studied ✓
lesson-done-button-count = Studied ✓ { $acked }/{ $total }
lesson-done-button-done = Studied ✓ (done)
lesson-done-thanks = Recorded as studied, thank you!
lesson-done-thanks-points = Recorded as studied: +{ $points } points
lesson-already-done = You have already studied this lesson ✓
lesson-nudge-text = ⏰ Reminder: you have not yet studied the micro-lecture { $excerpt } that { $unit } published at { $at }. Press “Studied ✓” when done.
quiz-question =
    📝 Quiz on “{ $title }”, question { $n }/{ $total }
    { $question }
quiz-right = ✅ Correct!
quiz-wrong = ❌ Not quite: the answer is { $correct }.
quiz-explanation = 💡 Why: { $text }
quiz-already-answered = You answered this already; the first answer counts.
quiz-study-first = Study the lesson and press “Studied ✓” first, then take the quiz.
quiz-all-answered = You have answered every question of this quiz.
quiz-result =
    🎉 Quiz complete: { $correct }/{ $total } correct.
    Your branch: { $branch }% correct · county: { $county }%
study-header = 📚 Lessons of the last 30 days still to finish:
study-not-done = 📖 “{ $title }” ({ $date }): not studied
study-quiz-left = 📝 “{ $title }”: { $left } quiz questions left
button-study = Study “{ $title }”
button-quiz-continue = Continue quiz “{ $title }”
study-all-done = 👍 You have finished every lesson of the last 30 days.
lesson-resent = Sent again: study it in this chat.
lessons-header = 📊 Latest micro-lectures (studied · quiz score):
lessons-line = 📖 “{ $title }” { $date }: studied { $done }/{ $readers } ({ $pct }%) · { $answered ->
        [0] no answers
       *[other] { $score }% correct ({ $answered } answers)
    }
lessons-branch-line = 　· { $branch }: { $done }/{ $readers } ({ $pct }%) · { $answered ->
        [0] no answers
       *[other] { $score }% correct ({ $answered } answers)
    }
lessons-none = No micro-lectures yet. Send /lesson to publish the first.
session-choose-kind = 🗓 Convene a study session for { $unit }. Which kind?
session-ask-title = { $kind }: type its title (one line):
session-ask-time = When does it start? For example: 12-05 20:00, tomorrow 8:00, 20:00
points-averages-header = 🏅 Points this month by branch (average per member):
points-average-line = · { $branch }: { $members } members, { $average } points on average
points-board-private = Points are not ranked in the group. Send /points to the bot privately to see yours.
points-board-header = 🏅 { $branch }: this month's top ten:
points-board-line = { $rank }. { $name } { $points } points
session-time-passed = The session's time has come or passed: the invitation cannot go out. Convene it again with /session.
session-time-too-far = That is too far ahead: at most { $days } days.
session-ask-place =
    Starts: { $time }
    Where? Type the place (e.g. village committee, 2nd floor), or press “Online”.
button-online = 💻 Online
session-place-one-line = Please type the place as one line of text.
session-ask-lesson = Which lesson is studied at it? (absentees can get it later as make-up study)
button-no-lesson = No lesson
session-heading = 🗓 Invitation from { $unit }
session-details =
    {"["}{ $kind }] { $title }
    🕗 When: { $time }
    📍 Where: { $place }
session-lesson-line = 📖 Lesson: “{ $title }”
session-online = online
session-going-button = ✋ I'll come
session-leave-button = Ask for leave
session-going-thanks = You're on the list; please check in on the day.
session-already-answered = You have already answered ✓
session-started = The session has started: it is too late to answer or ask for leave.
session-leave-ask-toast = Please give the reason in your private chat with the bot.
session-ask-leave-reason =
    Leave for “{ $title }”
    Please give a short reason (e.g. working away, on duty, ill):
session-leave-reason-empty = Please type a reason.
session-leave-recorded = ✓ Your leave is recorded; the secretary will see the reason.
session-already-checked-in = You have already checked in; no leave needed.
session-leave-to-secretary =
    📝 { $name } asks for leave from “{ $title }”
    Reason: { $reason }
session-nudge-text = ⏰ Reminder: you have not answered the invitation { $excerpt } that { $unit } sent at { $at }. Please press “I'll come” or “Ask for leave”.
session-reminder =
    ⏰ Coming up: [{ $kind }] { $title }
    🕗 { $time } (in { $hours } h { $minutes } min)
    📍 { $place }
check-in-open =
    ✅ Check-in is open: [{ $kind }] { $title } ({ $time })
    Whether on site or online, press “Check in”.
check-in-button = 📍 Check in
check-in-not-open = Check-in is not open yet; it opens at { $at }.
check-in-closed = Check-in has closed. If you did attend, ask the secretary to mark you.
check-in-already = You have already checked in ✓
check-in-done = ✓ Checked in ({ $at })
check-in-done-points = ✓ Checked in ({ $at }): +{ $points } points
check-in-late = ✓ Checked in ({ $at }, late)
check-in-late-points = ✓ Checked in ({ $at }, late): +{ $points } points
session-label = { $kind } · { $title } · { $time }
attendance-none = No study sessions in the last 7 days. Convene one with /session.
attendance-choose = Mark attendance for which session?
attendance-list =
    { $session }
    Press a name to mark (those not checked in first; 📵 means no phone linked):
attendance-member-button = { $mark }{ $name } · { $status }
attendance-more = { $count } more not listed.
attendance-mark-ask = { $name }:
attendance-marked = ✓ Marked: { $name } · { $status }
attendance-too-early = The session has not begun: attendance cannot be marked yet.
button-back-to-list = ⬅️ Back to the list
mark-present = present
mark-late = late
mark-leave = on leave
mark-absent = absent
mark-going = said yes, not checked in
mark-none = not checked in
session-summary =
    📋 Session over: { $session }
    Invited { $invited } · present { $present } · late { $late } · on leave { $leave } · absent { $absent }
summary-late = Late: { $names }
summary-leave = Leave: { $name } ({ $reason })
summary-absent = Absent: { $names }
summary-away = { $count } members working away did not come (not counted absent; they can study it later)
button-makeup = 📖 Send make-up study ({ $count })
button-proxy-marks = ✏️ Mark attendance
makeup-no-lesson = This session has no lesson.
makeup-already-sent = Make-up study was already sent.
makeup-sent = ✓ Make-up study “{ $title }” sent to { $count } absentees.
makeup-sent-toast = Make-up study sent
cmd-schedules = Recurring reminders (monthly, weekly…)
schedules-header = ⏰ Recurring reminders:
schedules-none = (none yet)
schedule-county = county
schedule-line =
    { $n }. { $name } ({ $owner })
    　{ $cron } · { $audience } · next: { $next }
schedule-paused-mark = paused
button-pause = ⏸ Pause { $n }
button-resume = ▶️ Resume { $n }
button-delete = 🗑 Delete { $n }
button-schedule-new = ➕ Add ({ $unit })
schedules-full = A unit can have at most { $max } reminders.
schedule-ask-cron =
    ⏰ A new recurring reminder for { $unit }.
    Type a cron expression (5 fields: minute hour day month weekday), for example:
    0 20 5 * *　20:00 on the 5th of every month
    0 9 * * 1　Mondays at 9:00
    30 19 * * 1-5　weekdays at 19:30
    0 9 1 */3 *　9:00 on the first day of each quarter
schedule-cron-bad =
    ❗ That cron expression is not valid: { $error }
    Type 5 fields, minute hour day month weekday, e.g. 0 20 5 * * (20:00 on the 5th).
schedule-never-fires = ❗ That expression never fires (like February 30th); please type another.
schedule-ask-message = Type the reminder's text (it goes out as a notice that members confirm with “Got it ✓”):
schedule-confirm-ask =
    Confirm the reminder “{ $name }”:
    { $cron } · { $audience }
    Text: { $message }
    The next three times:
button-confirm-schedule = ✅ Add it
schedule-already-added = This reminder was already added.
schedule-added = ✓ Reminder “{ $name }” added. Send /schedules to see it.
schedule-county-read-only = The county's reminders are managed in its configuration file.
schedule-paused = ⏸ “{ $name }” paused.
schedule-resumed = ▶️ “{ $name }” resumed; next: { $next }
schedule-deleted = 🗑 “{ $name }” deleted.
