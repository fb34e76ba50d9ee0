# Status reports, feedback tickets, polls, hand-overs

cmd-report = Report where you work now
cmd-feedback = Raise a need or suggestion with the branch
cmd-mytickets = My tickets and their status
cmd-reports = Status reports and silent members
cmd-inbox = Open tickets, earliest due first
cmd-poll = Start a poll
cmd-handover = Hand a member over to another branch
use-buttons = Please choose with the buttons above (or send /cancel).
colon = :{" "}
work-status-name =
    { $status ->
    [working] Working
    [seeking] Looking for work
    [returned] Back home
    *[other] Other
}
report-prompt-button = Report now ✍
report-ask-where =
    📍 Status report
    Are you still working in { $city }?
button-report-same-city = Still in { $city }
button-report-moved = Moved to another city
button-report-home = Back home for good
report-ask-where-resident =
    📍 Status report
    You are registered as living at home. Have you gone to work away?
button-report-still-home = Still at home
button-report-went-away = Working away now
report-answered = 📍 Status report:{" "}
report-ask-city = Type the city you work in now, the city only, e.g. Shenzhen.
report-city-bad = Please type just the city's name (up to { $max } characters, no street, number or digits), e.g. Shenzhen.
report-location-discarded = To protect your privacy Lianxin does not keep locations; the one you shared was discarded.
report-ask-work = What is your work situation now?
report-ask-note = Anything to tell the branch about how you are (思想汇报)? Type it or send a voice message, or press Skip.
report-confirm-ask = Please check your report:
report-summary-city = 📍 Working in: { $city }
report-summary-home = 🏠 At home
report-summary-work-label = 💼 Work:{" "}
report-summary-note = 📝 Note: text, { $chars } characters
report-summary-voice = 🎙 Note: one voice message
report-summary-no-note = 📝 Note: none
button-report-submit = ✅ Submit
report-submitted = ✅ Report submitted
report-thanks = Thank you! The branch has your report. Stay safe, and write to us any time you need help.
report-thanks-points = Thank you! The branch has your report (+{ $points } points). Stay safe, and write to us any time you need help.
report-moved-to-secretary = 📍 { $name } reports moving from { $from } to { $to }.
report-away-to-secretary = 📍 { $name } reports working away now, in { $city }.
report-home-to-secretary = 🏠 { $name } reports being back home for good.
reports-header = 📋 { $branch } · reports for { $month }
reports-mobile = Members working away who reported: { $reported } of { $total }
reports-missing = ⏳ Not yet: { $names }
reports-done = ✅ Reported: { $names }
reports-no-silent = 👍 Nobody has been silent for 30 days or more.
reports-silent30 = 🔕 Silent 30+ days ({ $count }): { $names }
reports-silent60 = 🔕 Silent 60+ days ({ $count }): { $names }
reports-unjoined = 📵 Not on Lianxin yet: { $count }
button-nudge-silent = 💌 Say hello to the { $count } silent
silent-nudge = Hello { $name }! { $branch } has not heard from you for a while and we are thinking of you. Is all well? One tap lets us know.
button-alive = 👋 I'm well
silent-nudged = Said hello to { $sent }; { $skipped } already had one today (one a day each).
alive-thanks = Thanks, the branch knows you are well!
alive-reply = 👋 The branch knows you are well. Write to us any time.
alive-to-secretary = 👋 { $name } says all is well.
ticket-kind-name =
    { $kind ->
    [need] Need
    [suggestion] Suggestion
    [question] Question
    *[heart] Heart-to-heart
}
ticket-status-name =
    { $status ->
    [received] Received
    [in_progress] In progress
    [answered] Answered
    *[resolved] Resolved
}
feedback-ask-kind = 💬 What would you like to raise with the branch? Choose a kind:
feedback-offer = 💬 Send this to your branch secretary? Choose a kind:
button-ticket-append = ➕ Add to #{ $n }
button-not-now = No, thanks
feedback-kind-is = Kind:{" "}
feedback-ask-anonymous = A suggestion can be anonymous: secretaries will not see your name. Sign it?
button-signed = Sign it
button-anonymous = 🕶 Anonymous
feedback-anonymous-yes = 🕶 Anonymous
feedback-anonymous-no = Signed
feedback-ask-content =
    Please write your { $kind ->
    [need] need
    [suggestion] suggestion
    [question] question
    *[heart] words
    }: type it or send a voice message.
ticket-raised =
    ✅ Sent to your branch secretary as #{ $n }.
    You will have an answer by { $due }; it will come here.
ticket-raised-hint = Send /mytickets any time to see where it stands.
ticket-raised-points = +{ $points } points. Send /mytickets any time to see where it stands.
ticket-anonymous-member = an anonymous member
ticket-new-heading = 📮 New ticket #{ $n } ·{" "}
ticket-more-heading = 📮 #{ $n }, more ·{" "}
ticket-from = , from{" "}
ticket-member-branch = { $branch } { $city }
ticket-due = ⏰ Answer due by { $due }
ticket-reply-hint = Reply to this message to answer (text or voice).
button-ticket-reply = 💬 Reply
button-ticket-resolve = ✅ Resolved
button-ticket-resolve-mine = ✅ It is solved
ticket-not-yours = This ticket is neither yours nor of a branch you look after.
ticket-already-resolved = #{ $n } is resolved already. If something new comes up, raise it as a new one.
ticket-ask-reply = Type your reply on #{ $n } (text or voice):
ticket-appended = ➕ Added to #{ $n }
ticket-text-or-voice = Please send text or a voice message (or /cancel).
ticket-member-unreachable = This member is no longer on Lianxin; please phone them.
ticket-answer-heading = 💬 { $name } answers your #{ $n }:
ticket-answer-sent = ✅ Your answer on #{ $n } went to:{" "}
ticket-answered-by-other = ℹ️ { $name } answered #{ $n }.
ticket-more-sent = ✅ Passed on to your branch secretary (#{ $n }).
ticket-resolved-toast = #{ $n } marked resolved
ticket-resolved-to-member = ✅ Your #{ $n } is resolved. Thank you for trusting us; write any time.
ticket-resolved-by-other = ℹ️ { $name } marked #{ $n } resolved.
ticket-resolved-by-member = ✅ #{ $n } confirmed solved by:{" "}
my-tickets-none = You have not raised anything yet. Just write to me, or send /feedback.
my-tickets-header = 📮 Your tickets:
button-ticket-show = Open #{ $n }
ticket-line-start = #{ $n }{" "}
ticket-line-at = {" "}({ $at })
ticket-earlier = …{ $count } earlier
ticket-author-staff = Branch
ticket-author-you = Me
ticket-voice = 🎙 voice
ticket-thread-at = { $at }{" "}
inbox-empty = 📭 No open tickets.
inbox-header = 📬 { $count } open tickets, earliest due first:
inbox-due-in = {" "}· ⏰ { $hours } h left
inbox-overdue = {" "}· ⚠️ { $hours } h overdue
ticket-figures = Last { $days } days: { $raised } raised, { $answered } answered, { $percent }% in time, median first answer { $median }
ticket-overdue = ⏰ #{ $n } is past its answer time ({ $due }); please answer soon ·{" "}
ticket-escalated = ⚠️ #{ $n } of { $branch } unanswered for { $hours } h ·{" "}
poll-heading = 🗳 [{ $unit } · Poll]
poll-details =
    { $question }

    Choose an option below; open until { $closes }, and you can change your answer until then.
poll-nudge-text = 🔔 Reminder: { $unit }'s poll of { $at } { $excerpt } still waits for your answer:
poll-ask-question = 🗳 A poll for { $unit }. Type the question (one line):
poll-ask-options =
    Type the options, one per line ({ $min }–{ $max }), for example:
    Repair the road
    Build a square
    Other
poll-options-count = A poll needs { $min }–{ $max } options, one per line.
poll-option-too-long = The option “{ $option }…” is too long: at most { $max } characters each.
poll-option-twice = The option “{ $option }” is there twice.
poll-ask-closes = When does it close? Press a button or type a time like 12-05 18:00 or 明天 20:00.
button-poll-days =
    In { $days } { $days ->
    [one] day
    *[other] days
}
poll-closes-too-soon = The poll must stay open for at least an hour.
poll-close-passed = Its closing time has passed or is too close; please start it again.
poll-closed = This poll has closed.
poll-voted = Chosen: { $option }
poll-vote-same = You chose { $option } (you can change it until it closes)
poll-vote-changed = Changed to: { $option }
poll-result-line = ▪️ { $option }: { $votes } ({ $percent }%)
poll-turnout = { $voted } answered of { $invited }
poll-open-until = 🗳 Open until { $at }
poll-closed-at = 🗳 Closed at { $at }
poll-results-heading = 🗳 Poll results: { $question }
ticket-resolved-no-more = #{ $n } is resolved; your message was not passed on. To reach the member, wait for them to write again, or phone them.
ticket-photo = 🖼 photo
button-handover-cancel = Withdraw
handover-cancelled = The hand-over of { $name } is withdrawn.
report-ask-where-lost =
    📍 Status report
    The branch had lost touch with you and is glad to hear from you! Are you at home or working away?
report-note-to-secretary = 📝 { $name }'s note ({ $month }):
poll-open-too-long = A poll stays open { $days } days at most; please choose an earlier closing time.
poll-ideas-hint = Another idea? Just write to me and it goes to your branch secretary.
profile-city-history = 🗺 Cities worked in: { $cities }
profile-last-report = 📋 Latest report: { $at } ·{" "}
handover-ask-who = Whom do you hand over? Type their name (part of it is enough):
handover-no-member = No member named “{ $name }” in your branches.
handover-too-many = Too many matches; please type more of the name.
handover-choose-member = Choose the member:
handover-ask-branch = Which branch receives { $name }? Type its name (or code):
handover-no-branch = No other branch has “{ $name }” in its name.
handover-confirm-ask = Hand { $name } over from { $from } to: (takes effect when the receiving secretary accepts; points and records go with them)
button-handover-to = ➡️ { $branch }
handover-pending = A hand-over of this member is already waiting.
handover-asked = 📨 { $branch } has been asked to receive { $name }; you will hear when they decide.
handover-nobody-to-ask = ⚠️ The receiving branch has no secretary or organizer yet; nobody can accept for now.
handover-request = 📨 { $from } asks { $to } to receive the member { $name }.
button-accept = ✅ Accept
button-decline = Decline
handover-decided = This hand-over was decided already.
handover-accepted = ✅ { $branch } received { $name }.
handover-declined = { $branch } declined to receive { $name }.
handover-to-member = 📨 In Lianxin you have moved from { $from } to { $to }: { $to }'s secretary keeps in touch with you from now on, and your points, study and reports come with you. (This is not the formal transfer of party membership.)
