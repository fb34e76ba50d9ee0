# Lessons (微讲习), quizzes and study sessions.
session-kind-name = { $kind ->
    [theme_day] 主题党日
    [general_meeting] 党员大会
    [committee] 支委会
    [group_meeting] 党小组会
    [party_lecture] 党课
    [lecture] 讲习堂
    [village_sages] 乡贤讲堂
   *[skills] 技能培训
}

text-please = 请直接输入文字回答（或发送 /cancel 取消）。
cmd-study = 未完成的学习（补学）
cmd-lesson = 发布微讲习（可带测验）
cmd-lessons = 学习完成情况与测验成绩
cmd-session = 召集学习活动（主题党日、三会一课…）
cmd-attendance = 代为登记考勤
lesson-ask-title =
    📖 给「{ $unit }」发布微讲习。
    请输入标题（一行，64 字以内）：
lesson-title-one-line = 标题请写成一行文字。
lesson-ask-content =
    《{ $title }》
    请发送学习内容：文字，以及图片、文件、语音、音频、视频（可带说明），也可以转发公众号等消息。可以分多条发送，发完后点「内容完成」。
lesson-unsupported = 这种内容不能放进微讲习。请发送文字，或图片、文件、语音、音频、视频。
lesson-too-many-items = 一课最多 { $max } 个附件。
lesson-content-added = ✓ 已收到。目前：文字 { $chars } 字，附件 { $items } 个。可以继续发送，或点「内容完成」。
button-content-done = 内容完成 ➡️
lesson-empty = 还没有内容：请先发送文字或附件。
lesson-ask-quiz = 要给这一课加测验吗？（1–5 道选择题，学员学完后在私聊中逐题作答）
button-add-question = ➕ 添加测验题
button-no-quiz = 不加测验 ➡️
button-quiz-done = 测验完成 ➡️
quiz-full = 测验最多 { $max } 道题。
quiz-ask-question =
    请发送第 { $n } 题，格式如下（正确选项后加 ✓ 或 *）：
    {""}
    题目：党的二十大在哪一年召开？
    A. 2021年
    B. 2022年 ✓
    C. 2023年
    解析：党的二十大于2022年10月在北京召开。
quiz-format-hint = 格式：第一行题目；每个选项一行（A. B. C. …，2–6 个），正确选项后加 ✓；最后一行「解析：…」。
quiz-err-no-question = ❗ 没有找到题目：请在选项前写出题目。
quiz-err-few-options = ❗ 选项太少：至少 { $min } 个，每行一个，以 A. B. 开头。
quiz-err-many-options = ❗ 选项太多：最多 { $max } 个（A–F）。
quiz-err-no-correct = ❗ 没有标出正确答案：在正确选项后加 ✓，或另起一行写「答案：B」。
quiz-err-several-correct = ❗ 只能有一个正确答案。
quiz-err-no-explanation = ❗ 缺少解析：最后加一行「解析：……」，学员答题后会看到。
quiz-question-added = ✓ 第 { $n } 题已添加（{ $options } 个选项，正确答案 { $correct }）。
lesson-heading = 📖 { $unit } 微讲习
lesson-title-line = 《{ $title }》
lesson-done-button = 学完了 ✓
lesson-done-button-count = 学完了 ✓ { $acked }/{ $total }
lesson-done-button-done = 已学完 ✓
lesson-done-thanks = 已记录学习完成，谢谢！
lesson-done-thanks-points = 已记录学习完成，积分 +{ $points }
lesson-already-done = 您已学完这一课 ✓
lesson-nudge-text = ⏰ 提醒：{ $unit } 于 { $at } 发布的微讲习 { $excerpt } 您还没有学完。学完后请点「学完了 ✓」。
quiz-question =
    📝 《{ $title }》测验 第 { $n }/{ $total } 题
    { $question }
quiz-right = ✅ 回答正确！
quiz-wrong = ❌ 回答错误，正确答案是 { $correct }。
quiz-explanation = 💡 解析：{ $text }
quiz-already-answered = 这道题已经答过了，以第一次作答为准。
quiz-study-first = 请先学习本课并点「学完了 ✓」，再做测验。
quiz-all-answered = 这一课的测验已全部答完。
quiz-result =
    🎉 测验完成：答对 { $correct }/{ $total } 题。
    本支部正确率 { $branch }% · 全县 { $county }%
study-header = 📚 近 30 天还未完成的学习：
study-not-done = 📖 《{ $title }》（{ $date }）未学习
study-quiz-left = 📝 《{ $title }》还有 { $left } 道测验题未答
button-study = 学习《{ $title }》
button-quiz-continue = 继续测验《{ $title }》
study-all-done = 👍 近 30 天的学习您都完成了。
lesson-resent = 已重新发送，请在私聊中学习。
lessons-header = 📊 最近的微讲习（完成人数 · 测验正确率）：
lessons-line = 📖 《{ $title }》{ $date }：学完 { $done }/{ $readers }（{ $pct }%）· { $answered ->
        [0] 无人答题
       *[other] 正确率 { $score }%（{ $answered } 次作答）
    }
lessons-branch-line = 　· { $branch }：{ $done }/{ $readers }（{ $pct }%）· { $answered ->
        [0] 无人答题
       *[other] 正确率 { $score }%（{ $answered } 次作答）
    }
lessons-none = 还没有发布过微讲习。发送 /lesson 发布第一课。
session-choose-kind = 🗓 为「{ $unit }」召集学习活动。请选择类型：
session-ask-title = { $kind }：请输入主题（一行）：
session-ask-time = 什么时间开始？例如：12-05 20:00、明天 8:00、20:00
points-averages-header = 🏅 本月各支部积分（人均）：
points-average-line = · { $branch }：{ $members } 人，人均 { $average } 分
points-board-private = 积分不在群里排名。请私聊机器人发送 /points 查看自己的积分。
points-board-header = 🏅 { $branch } 本月积分前十：
points-board-line = { $rank }. { $name } { $points } 分
session-time-passed = 活动时间已到或已过，不能再发出邀请。请用 /session 重新召集。
session-time-too-far = 时间太远了：最多可提前 { $days } 天召集。
session-ask-place =
    开始时间：{ $time }
    在哪里举行？请输入地点（如：村委会二楼会议室），线上举行请点「线上」。
button-online = 💻 线上
session-place-one-line = 地点请写成一行文字。
session-ask-lesson = 这次活动学习哪一课？（缺席的党员之后可收到补学）
button-no-lesson = 不关联课程
session-heading = 🗓 { $unit } 活动通知
session-details =
    【{ $kind }】{ $title }
    🕗 时间：{ $time }
    📍 地点：{ $place }
session-lesson-line = 📖 学习内容：《{ $title }》
session-online = 线上
session-going-button = ✋ 参加
session-leave-button = 请假
session-going-thanks = 已报名参加，届时请签到。
session-already-answered = 您已经报名了 ✓
session-started = 活动已经开始，不能再报名或请假。
session-leave-ask-toast = 请在私聊中说明请假原因。
session-ask-leave-reason =
    请假：「{ $title }」
    请简单说明原因（如：在外务工、值班、生病）：
session-leave-reason-empty = 请写一下请假原因。
session-leave-recorded = ✓ 请假已登记，书记会看到您的原因。
session-already-checked-in = 您已经签到了，无需请假。
session-leave-to-secretary =
    📝 { $name } 请假：「{ $title }」
    原因：{ $reason }
session-nudge-text = ⏰ 提醒：{ $unit } 于 { $at } 发出的活动通知 { $excerpt } 您还没有回复是否参加，请点「参加」或「请假」。
session-reminder =
    ⏰ 活动提醒：【{ $kind }】{ $title }
    🕗 { $time }（还有 { $hours } 小时 { $minutes } 分）
    📍 { $place }
check-in-open =
    ✅ 签到开始：【{ $kind }】{ $title }（{ $time }）
    到场或线上参加的党员请点「签到」。
check-in-button = 📍 签到
check-in-not-open = 签到还没开始，{ $at } 开放。
check-in-closed = 签到已经结束。如确实参加了，请联系书记补登。
check-in-already = 您已经签到过了 ✓
check-in-done = ✓ 签到成功（{ $at }）
check-in-done-points = ✓ 签到成功（{ $at }），积分 +{ $points }
check-in-late = ✓ 已签到（{ $at }，迟到）
check-in-late-points = ✓ 已签到（{ $at }，迟到），积分 +{ $points }
session-label = { $kind } · { $title } · { $time }
attendance-none = 最近 7 天没有学习活动。用 /session 召集。
attendance-choose = 为哪次活动登记考勤？
attendance-list =
    { $session }
    点姓名登记（未签到的排在前面，📵 表示没有绑定手机）：
attendance-member-button = { $mark }{ $name } · { $status }
attendance-more = 还有 { $count } 人未列出。
attendance-mark-ask = { $name }：
attendance-marked = ✓ 已登记：{ $name } · { $status }
attendance-too-early = 活动还没开始，不能登记考勤。
button-back-to-list = ⬅️ 返回名单
mark-present = 到会
mark-late = 迟到
mark-leave = 请假
mark-absent = 缺席
mark-going = 已报名未签到
mark-none = 未签到
session-summary =
    📋 活动结束：{ $session }
    应到 { $invited } 人 · 到会 { $present } · 迟到 { $late } · 请假 { $leave } · 缺席 { $absent }
summary-late = 迟到：{ $names }
summary-leave = 请假：{ $name }（{ $reason }）
summary-absent = 缺席：{ $names }
summary-away = 在外流动党员未到 { $count } 人（不计缺席，可补学）
button-makeup = 📖 推送补学（{ $count } 人）
button-proxy-marks = ✏️ 补登考勤
makeup-no-lesson = 这次活动没有关联课程。
makeup-already-sent = 补学已经推送过了。
makeup-sent = ✓ 已向 { $count } 名缺席党员推送补学《{ $title }》。
makeup-sent-toast = 补学已推送
cmd-schedules = 定时提醒（每月、每周…）
schedules-header = ⏰ 定时提醒：
schedules-none = （还没有）
schedule-county = 全县
schedule-line =
    { $n }. { $name }（{ $owner }）
    　{ $cron } · { $audience } · 下次：{ $next }
schedule-paused-mark = 已暂停
button-pause = ⏸ 暂停 { $n }
button-resume = ▶️ 恢复 { $n }
button-delete = 🗑 删除 { $n }
button-schedule-new = ➕ 新增（{ $unit }）
schedules-full = 一个组织最多 { $max } 个定时提醒。
schedule-ask-cron =
    ⏰ 为「{ $unit }」新增定时提醒。
    请输入 cron 表达式（5 段：分 时 日 月 星期），例如：
    0 20 5 * *　每月 5 日 20:00
    0 9 * * 1　每周一 9:00
    30 19 * * 1-5　工作日 19:30
    0 9 1 */3 *　每季度第一天 9:00
schedule-cron-bad =
    ❗ 这个 cron 表达式不对：{ $error }
    请按「分 时 日 月 星期」5 段输入，例如 0 20 5 * *（每月 5 日 20:00）。
schedule-never-fires = ❗ 这个表达式永远不会触发（比如 2 月 30 日），请换一个。
schedule-ask-message = 请输入提醒的内容（到时会作为通知发出，成员点「收到 ✓」确认）：
schedule-confirm-ask =
    请确认定时提醒「{ $name }」：
    { $cron } · { $audience }
    内容：{ $message }
    接下来三次：
button-confirm-schedule = ✅ 确认添加
schedule-already-added = 这个定时提醒已经添加过了。
schedule-added = ✓ 已添加定时提醒「{ $name }」。发送 /schedules 查看。
schedule-county-read-only = 全县的定时提醒由县里在配置文件中统一管理。
schedule-paused = ⏸ 已暂停「{ $name }」。
schedule-resumed = ▶️ 已恢复「{ $name }」，下次：{ $next }
schedule-deleted = 🗑 已删除「{ $name }」。
