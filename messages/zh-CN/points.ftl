# Points.
cmd-points = 我的积分
rule-notice-ack = 确认通知
rule-lesson-done = 学完微讲习
rule-quiz-correct = 答对测验
rule-session-attend = 参加活动
rule-status-report = 报告近况
rule-feedback = 反映诉求
rule-manual = 书记调整
points-summary =
    🏅 我的积分
    今年 { $year } 分 · 本月 { $month } 分
points-none = 还没有积分记录。确认通知、学习微讲习、参加活动都会得到积分。
points-latest = 最近记录：
points-delta = {" "}{ $points }
points-reason = （{ $reason }）
points-members-only = 积分记录在已登记的党员名下。请先通过支部的邀请链接加入。
points-staff-hint = 给党员加减积分：/points 手机号 +5 原因（或 -2 原因）。
points-members-only-adjust = 只有书记可以调整积分。发送 /points 查看自己的积分。
points-adjust-usage = 格式：/points 手机号 +5 原因（减分用 -2）。
points-reason-needed = 请写明原因，例如：/points 13800138000 +5 帮助群众秋收
points-adjust-range = 每次调整 1 到 { $max } 分。
points-no-such-member = 没有手机号为「{ $who }」的党员。
points-adjusted = ✅ 已为 { $name } 记 { $points } 分（{ $reason }）。
points-adjusted-you = 🏅 书记为您记 { $points } 分：{ $reason }
ack-thanks-points = 已确认收到，谢谢！积分 +{ $points }
