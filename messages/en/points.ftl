# Points.
cmd-points = My points
rule-notice-ack = confirmed a notice
rule-lesson-done = finished a lesson
rule-quiz-correct = quiz answer right
rule-session-attend = attended a session
rule-status-report = status report
rule-feedback = feedback
rule-manual = set by the secretary
points-summary =
    🏅 My points
    This year { $year } · this month { $month }
points-none = No points yet. Confirming notices, studying lessons and attending sessions earn points.
points-latest = Latest:
points-delta = {" "}{ $points }
points-reason = {" "}({ $reason })
points-members-only = Points are kept for registered members. Join through your branch's invite link first.
points-staff-hint = To add or take points: /points PHONE +5 reason (or -2 reason).
points-members-only-adjust = Only secretaries adjust points. Send /points to see yours.
points-adjust-usage = Write it as: /points PHONE +5 reason (use -2 to take points).
points-reason-needed = Give a reason, e.g. /points 13800138000 +5 helped with the harvest
points-adjust-range = Adjust by 1 to { $max } points at a time.
points-no-such-member = No member has the phone "{ $who }".
points-adjusted = ✅ { $points } points for { $name } ({ $reason }).
points-adjusted-you = 🏅 Your secretary gave you { $points } points: { $reason }
ack-thanks-points = Thanks, noted! +{ $points } points
