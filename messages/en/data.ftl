# statistics, exports, members' data

cmd-stats = Participation figures and chart
cmd-export = Export a workbook (XLSX, or add csv)
cmd-mydata = See what Lianxin keeps about me
cmd-forgetme = Ask for my personal data to be deleted
stats-header = 📊 { $unit } · last 12 weeks (from { $from })
digest-header = 📬 Weekly figures · { $unit } (last 12 weeks, from { $from })
stats-acknowledged = Notices acknowledged
stats-studied = Lessons finished
stats-quiz-score = Quiz answers right
stats-attendance = Session attendance
stats-reported = Members away who reported
stats-answered-in-time = Tickets answered in time
stats-figure = : { $total } ({ $num }/{ $den }) · last week { $last }
stats-branches-header = By branch (last 12 weeks):
stats-branch-line = • { $branch }: acknowledged { $ack } · studied { $study } · quiz { $quiz } · attended { $attend } · reported { $report } · answered { $answer }
stats-more-branches = …and { $count } more branches: see the /export workbook.
stats-no-chart = (The chart could not be drawn; ask the administrator to check the server's Chinese font, e.g. install fonts-noto-cjk.)
stats-chart-caption = { $unit } · participation, last 12 weeks
stats-chart-title = { $unit } · participation, last 12 weeks
stats-chart-empty = No figures in the last 12 weeks
export-working = ⏳ Exporting { $unit }; the file follows shortly…
export-caption = 📎 { $unit } export · { $rows } rows: members, notices and receipts, lessons and quizzes, sessions and attendance, reports, tickets and points, one sheet each.
export-too-large = The export is larger than Telegram's 50 MB limit. Ask the administrator to run lianxin export on the server.
export-usage = I don't understand “{ $arg }”. Use: /export [unit code] [csv]
mydata-header = 📁 What Lianxin keeps about you
mydata-profile = Name: { $name } · phone: { $phone } · branch: { $branch }
mydata-place = Status: { $status ->
        [mobile] working away
        [lost] out of touch
       *[other] at home
    } · city: { $city }
mydata-counts = Records: { $acks } notices acknowledged · { $lessons } lessons finished · { $answers } quiz answers · { $sessions } sessions · { $reports } reports · { $tickets } tickets · { $points } points
mydata-not-member = You are not a member of any branch: Lianxin keeps only your Telegram name and language.
mydata-file = Everything is in the file below (JSON; any text editor opens it). To have your personal data deleted, send /forgetme.
mydata-caption = Everything Lianxin keeps about you
forgetme-explain = ⚠️ Ask for your personal data to be deleted: once a secretary agrees, your name, phone number, city, messages and Telegram account are erased; study, attendance and points records stay in the branch's figures, anonymously. This cannot be undone, and you will get no more notices. Ask now?
button-forgetme = 🗑 Yes, ask for deletion
forgetme-asked = Your request has been sent. You will be told once a secretary has decided.
forgetme-pending = Your deletion request is waiting for a secretary.
forgetme-no-one = Nobody can decide on deletion requests for your branch yet; try later or contact the branch.
forgetme-not-member = Lianxin holds no member record of yours. Your Telegram name and language have been deleted.
forgetme-request = 🗑 { $name } ({ $branch }) asks for their personal data to be deleted. If you agree, name, phone, city and messages are erased; study, attendance and points records stay, anonymously.
button-erase-approve = ✅ Delete
button-erase-decline = Decline
forgetme-approved = ✅ The member's personal data has been deleted; study, attendance and points records stay, anonymously.
forgetme-refused = { $name }'s deletion request was declined.
forgetme-done = Your personal data has been deleted. Thank you for taking part.
forgetme-declined = A secretary declined your deletion request. Please talk to your branch secretary about it.
forgetme-decided = This request has already been decided.
export-too-many-rows = The sheet “{ $sheet }” would have { $rows } rows, more than Excel holds on one sheet. Send /export csv for CSV files.
export-failed = The export did not work. Please try again later; if it keeps failing, tell the administrator.
