# Notices, receipts, reminders and settings.
plain = { $text }
separator = {" · "}
cmd-notice = Send a notice (now or later)
cmd-receipts = Notice receipts and reminders
cmd-settings = Quiet hours and language
notice-choose-unit = Which unit is this notice for?
notice-ask-content =
    📢 A notice for { $unit }.
    Send its content: a text, or a photo, file or voice message with a caption; or forward a post here.
notice-unsupported = This kind of content cannot be sent as a notice. Send a text, or a photo, file or voice message (with a caption if you like).
notice-choose-audience = Who should get it?
audience-group-button = 📣 Branch groups ({ $count })
audience-all-button = 👥 All members ({ $count })
audience-mobile-button = 🚶 Members working away ({ $count })
notice-no-groups = (No branch group is linked yet: send /linkgroup in the group to link it.)
notice-already-cancelled = This notice was cancelled.
notice-already-scheduled = This notice is already scheduled; /receipts can cancel it.
notice-already-sent = This notice has already been sent.
audience-group = branch groups
audience-all = all members
audience-mobile = members working away
notice-audience-is = Audience: 
notice-choose-urgency = Normal or urgent? Urgent notices reach members even during their quiet hours (e.g. at night).
button-normal = Normal
button-urgent = 🔴 Urgent
urgency-normal = Type: normal (waits for members' quiet hours to end)
urgency-urgent = Type: 🔴 urgent (goes at once)
notice-preview-above = 👆 This is what members will see.
plan-groups = It goes to { $groups } branch group(s), { $members } members in all.
plan-members = It goes privately to { $count } member(s).
plan-unjoined = { $count } more have not joined the bot yet and will not get it.
plan-unreachable = { $count } more blocked the bot or deleted their account and cannot be reached.
plan-held = { $count } of them are in their quiet hours and get it when those end.
plan-nobody = There is nobody it can reach, so it cannot be sent.
button-send-now = ✅ Send now
button-schedule = ⏰ Schedule
notice-sending = Sending
notice-ask-time =
    When should it go? For example:
    12-01 09:00
    tomorrow 8:00
    20:00 (today, or tomorrow if past)
    Send /cancel to stop scheduling.
notice-time-unreadable = I cannot read that time. Write it like "12-01 09:00" or "tomorrow 8:00".
notice-time-past = That time has passed; send a time in the future.
notice-time-too-far = A notice can be scheduled at most 31 days ahead.
notice-scheduled = ⏰ Notice #{ $id } will go at { $at }.
button-cancel-sending = Cancel sending
notice-cancelled = Notice #{ $id } was cancelled and not sent.
notice-heading = 📢 Notice from { $unit }
notice-heading-urgent = 🔴 Urgent notice from { $unit }
ack-button = Got it ✓
ack-button-count = Got it ✓ { $acked }/{ $total }
ack-button-done = Received ✓
ack-thanks = Thanks, noted!
ack-already = You already confirmed ✓
ack-not-member = This notice is for the branch's members; you need not confirm it.
ack-not-for-you = This notice is not for your branch; you need not confirm it.
progress-sending =
    Sending { $bar } { $done }/{ $total } ({ $pct }%) · about { $min ->
        [0] { $sec } s
       *[other] { $min } min { $sec } s
    } left
progress-waiting = Sending { $bar } { $done }/{ $total } ({ $pct }%)
progress-held = ⏸ { $count } wait for members' quiet hours to end (first at { $at })
progress-done = ✅ Done: delivered { $sent } · undelivered { $undelivered }
progress-reason = {"  "}· { $reason }: { $count }
reason-blocked = blocked the bot
reason-deactivated = account deleted
reason-kicked = bot removed from the group
reason-chat-not-found = chat not found
reason-never-started = never opened the bot
reason-other = other error ({ $error })
button-receipts = 📋 Receipts
nudge-text =
    ⏰ Reminder: you have not confirmed the notice { $unit } sent at { $at }:
    "{ $excerpt }"
    Please read it and press "Got it ✓".
receipts-none = No notices yet. Send /notice to write one.
receipts-header = 📋 Recent notices:
receipts-item = #{ $id } { $at } "{ $title }"
receipts-scheduled = ⏰ scheduled
receipts-cancelled = cancelled
receipts-counts = delivered { $delivered } · confirmed { $acked } · unreachable { $unreachable }
button-cancel-notice = Cancel #{ $id }
button-notice-detail = Details #{ $id }
receipts-still-sending = { $count } copies are still going out or waiting for quiet hours.
receipts-everyone = 🎉 Every member has confirmed.
receipts-missing = Not confirmed ({ $count }):
receipts-more = …and { $count } more
mark-unjoined = (not joined)
mark-unreachable = (unreachable)
button-nudge = 🔔 Remind
button-refresh = 🔄 Refresh
nudge-not-sent = The notice has not gone out yet.
nudge-done = 🔔 Reminded { $count }.
nudge-skipped = { $count } were reminded within the last day and are not disturbed again.
settings-header = ⚙️ Settings
settings-quiet = Quiet hours: { $hours }
settings-quiet-off = Quiet hours: none (notices come at any time)
settings-quiet-hint = During quiet hours normal notices wait until they end; urgent ones still come. Pick below, or send e.g. "/settings 22:30-06:30".
settings-members-only = Quiet hours are for registered members; you can switch the language here.
button-quiet-off = No quiet hours
button-language = 🌐 Language / 语言
quiet-set = ✅ Quiet hours set to { $hours }.
quiet-set-off = ✅ Quiet hours off: notices come at any time.
quiet-unreadable = I cannot read "{ $typed }". Write it like 22:00-07:00, or send "/settings off".
nudge-still-sending = The notice is still going out (or waiting for quiet hours); remind once it has reached everyone.
nudge-just-done = A reminder just went out.
ack-preview = This is a preview; members confirm once they get the notice.
notice-preview-outdated = This preview is out of date; use the latest one below.
audience-resident = members at home
