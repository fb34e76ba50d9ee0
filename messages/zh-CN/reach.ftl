# 报到、诉求、村务征询、党员移交

cmd-report = 报到：工作地点与近况
cmd-feedback = 向支部反映诉求、建议
cmd-mytickets = 我反映的事项
cmd-reports = 流动党员报到情况、久未联系的党员
cmd-inbox = 待答复的诉求（按期限排序）
cmd-poll = 发起村务征询（投票）
cmd-handover = 把党员移交到其他支部
use-buttons = 请按上面的按钮选择（或发送 /cancel 取消）。
colon = ：
work-status-name =
    { $status ->
    [working] 在岗
    [seeking] 待业
    [returned] 返乡
    *[other] 其他
}
report-prompt-button = 去报到 ✍
report-ask-where =
    📍 流动党员报到
    您现在还在{ $city }工作吗？
button-report-same-city = 还在{ $city }
button-report-moved = 换了城市
button-report-home = 已回家乡常住
report-ask-where-resident =
    📍 报到
    您目前登记为在家乡。现在外出务工了吗？
button-report-still-home = 仍在家乡
button-report-went-away = 外出务工了
report-answered = 📍 报到：
report-ask-city = 请输入您现在工作的城市，只写到城市即可，例如：深圳、苏州。
report-city-bad = 请只输入城市名（不超过 { $max } 个字，不要写街道、门牌或数字），例如：深圳。
report-location-discarded = 为保护您的隐私，Lianxin 不保存位置信息，刚才的位置已丢弃。
report-ask-work = 您目前的工作情况是？
report-ask-note = 想和支部说说近况或思想汇报吗？可以打字或发语音；不想写请按「跳过」。
report-confirm-ask = 请确认您的报到：
report-summary-city = 📍 工作城市：{ $city }
report-summary-home = 🏠 在家乡
report-summary-work-label = 💼 工作：
report-summary-note = 📝 思想汇报：文字 { $chars } 字
report-summary-voice = 🎙 思想汇报：语音 1 条
report-summary-no-note = 📝 思想汇报：无
button-report-submit = ✅ 提交
report-submitted = ✅ 已提交报到
report-thanks = 谢谢！支部已收到您的报到。在外注意安全，有困难随时发消息给我们。
report-thanks-points = 谢谢！支部已收到您的报到（积分 +{ $points }）。在外注意安全，有困难随时发消息给我们。
report-moved-to-secretary = 📍 { $name } 报告：工作城市由「{ $from }」变为「{ $to }」。
report-away-to-secretary = 📍 { $name } 报告：已外出务工，现在在「{ $city }」。
report-home-to-secretary = 🏠 { $name } 报告：已回家乡常住。
reports-header = 📋 { $branch } · { $month } 报到情况
reports-mobile = 流动党员已报到 { $reported } / { $total } 人
reports-missing = ⏳ 未报到：{ $names }
reports-done = ✅ 已报到：{ $names }
reports-no-silent = 👍 没有 30 天以上未联系的党员。
reports-silent30 = 🔕 30 天以上未联系（{ $count } 人）：{ $names }
reports-silent60 = 🔕 60 天以上未联系（{ $count } 人）：{ $names }
reports-unjoined = 📵 尚未加入 Lianxin：{ $count } 人
button-nudge-silent = 💌 问候未联系的 { $count } 人
silent-nudge = { $name }同志，您好！{ $branch }有一段时间没收到您的消息了，大家都很挂念您。一切都好吗？点一下让我们知道。
button-alive = 👋 我很好
silent-nudged = 已问候 { $sent } 人；{ $skipped } 人今天已问候过，明天再试。
alive-thanks = 谢谢，支部已知道您一切都好！
alive-reply = 👋 已告诉支部您一切都好。有事随时发消息给我们。
alive-to-secretary = 👋 { $name } 回复：一切都好。
ticket-kind-name =
    { $kind ->
    [need] 诉求
    [suggestion] 建议
    [question] 咨询
    *[heart] 谈心
}
ticket-status-name =
    { $status ->
    [received] 已收到
    [in_progress] 处理中
    [answered] 已答复
    *[resolved] 已解决
}
feedback-ask-kind = 💬 想和支部说什么？请先选择类别：
feedback-offer = 💬 要把这条消息发给支部书记吗？请选择类别：
button-ticket-append = ➕ 补充到 #{ $n }
button-not-now = 不用了
feedback-kind-is = 类别：
feedback-ask-anonymous = 建议可以匿名提出：书记看不到您的名字。要署名吗？
button-signed = 署名
button-anonymous = 🕶 匿名
feedback-anonymous-yes = 🕶 匿名提出
feedback-anonymous-no = 署名提出
feedback-ask-content =
    请写下您想说的{ $kind ->
    [need] 诉求
    [suggestion] 建议
    [question] 问题
    *[heart] 心里话
    }，可以打字或发语音。
ticket-raised =
    ✅ 已发给支部书记，编号 #{ $n }。
    书记会在 { $due } 前答复您，答复会发到这里。
ticket-raised-hint = 随时发送 /mytickets 查看进度。
ticket-raised-points = 积分 +{ $points }。随时发送 /mytickets 查看进度。
ticket-anonymous-member = 匿名党员
ticket-new-heading = 📮 新事项 #{ $n } ·{" "}
ticket-more-heading = 📮 #{ $n } 补充 ·{" "}
ticket-from = ，来自{" "}
ticket-member-branch = { $branch } { $city }
ticket-due = ⏰ 请在 { $due } 前答复
ticket-reply-hint = 直接「回复」这条消息即可答复（文字或语音）。
button-ticket-reply = 💬 回复
button-ticket-resolve = ✅ 已解决
button-ticket-resolve-mine = ✅ 问题已解决
ticket-not-yours = 这个事项不是您的，也不属于您负责的支部。
ticket-already-resolved = #{ $n } 已经解决了。如有新情况，可以作为新的事项提出。
ticket-ask-reply = 请输入对 #{ $n } 的回复（文字或语音）：
ticket-appended = ➕ 已补充到 #{ $n }
ticket-text-or-voice = 请发送文字或语音（或发送 /cancel 取消）。
ticket-member-unreachable = 这位党员已不在 Lianxin 上，无法转达，请电话联系。
ticket-answer-heading = 💬 { $name } 答复您的 #{ $n }：
ticket-answer-sent = ✅ #{ $n } 的答复已转给：
ticket-answered-by-other = ℹ️ { $name } 已答复 #{ $n }。
ticket-more-sent = ✅ 已转给支部书记（#{ $n }）。
ticket-resolved-toast = #{ $n } 已标记为解决
ticket-resolved-to-member = ✅ 您反映的 #{ $n } 已解决。谢谢您的信任，有事随时找我们。
ticket-resolved-by-other = ℹ️ { $name } 已把 #{ $n } 标记为解决。
ticket-resolved-by-member = ✅ #{ $n } 已由提出人确认解决：
my-tickets-none = 您还没有反映过事项。有需要时直接发消息给我，或发送 /feedback。
my-tickets-header = 📮 我反映的事项：
button-ticket-show = 查看 #{ $n }
ticket-line-start = #{ $n }{" "}
ticket-line-at = （{ $at }）
ticket-earlier = …前面还有 { $count } 条
ticket-author-staff = 支部
ticket-author-you = 我
ticket-voice = 🎙 语音
ticket-thread-at = { $at }{" "}
inbox-empty = 📭 没有待处理的事项。
inbox-header = 📬 待处理事项 { $count } 件（按答复期限排序）：
inbox-due-in = {" "}· ⏰ 还剩 { $hours } 小时
inbox-overdue = {" "}· ⚠️ 已超时 { $hours } 小时
ticket-figures = 近 { $days } 天 { $raised } 件，已答复 { $answered } 件，按时答复 { $percent }%，首次答复用时中位数 { $median }
ticket-overdue = ⏰ #{ $n } 已超过答复期限（{ $due }），请尽快答复 ·{" "}
ticket-escalated = ⚠️ { $branch } 的 #{ $n } 已 { $hours } 小时未答复 ·{" "}
poll-heading = 🗳【{ $unit } · 村务征询】
poll-details =
    { $question }

    请点下面的选项作答；{ $closes } 截止，截止前可以改选。
poll-nudge-text = 🔔 提醒：{ $unit } { $at } 的村务征询 { $excerpt } 您还没有作答，请点选项：
poll-ask-question = 🗳 给「{ $unit }」发起村务征询。请输入要问的问题（一行）：
poll-ask-options =
    请输入选项，每行一个（{ $min }–{ $max } 个），例如：
    修村道
    建文化广场
    其他
poll-options-count = 需要 { $min }–{ $max } 个选项，每行一个。
poll-option-too-long = 选项「{ $option }…」太长了，每个选项不超过 { $max } 个字。
poll-option-twice = 选项「{ $option }」重复了。
poll-ask-closes = 什么时候截止？可以按按钮，也可以输入时间，如「12-05 18:00」或「明天 20:00」。
button-poll-days = { $days } 天后
poll-closes-too-soon = 截止时间至少要在一小时以后。
poll-close-passed = 截止时间已过或快到了，请重新发起。
poll-closed = 这次征询已经截止了。
poll-voted = 已选择：{ $option }
poll-vote-same = 您已选择：{ $option }（截止前可以改选）
poll-vote-changed = 已改选为：{ $option }
poll-result-line = ▪️ { $option }：{ $votes } 票（{ $percent }%）
poll-turnout = 共 { $voted } 人作答（应参与 { $invited } 人）
poll-open-until = 🗳 征询中，{ $at } 截止
poll-closed-at = 🗳 已于 { $at } 截止
poll-results-heading = 🗳 村务征询结果：{ $question }
ticket-resolved-no-more = #{ $n } 已经解决，您的消息没有转出。如需联系这位党员，请等对方再提出，或电话联系。
ticket-photo = 🖼 图片
button-handover-cancel = 撤回移交
handover-cancelled = 已撤回 { $name } 的移交。
report-ask-where-lost =
    📍 报到
    支部很久没有您的消息了，很高兴再联系上您！您现在在家乡，还是在外务工？
report-note-to-secretary = 📝 { $name } 的思想汇报（{ $month }）：
poll-open-too-long = 投票最多开放 { $days } 天，请选一个更早的截止时间。
poll-ideas-hint = 有其他想法？直接发消息给我，会转给支部书记。
profile-city-history = 🗺 工作城市记录：{ $cities }
profile-last-report = 📋 最近报到：{ $at } ·{" "}
handover-ask-who = 要移交哪位党员？请输入姓名（可以只输入一部分）：
handover-no-member = 您负责的支部里没有叫「{ $name }」的党员。
handover-too-many = 找到的太多了，请输入更完整的名称。
handover-choose-member = 请选择要移交的党员：
handover-ask-branch = 把 { $name } 移交到哪个支部？请输入支部名称（或代码）：
handover-no-branch = 没有找到名称含「{ $name }」的其他支部。
handover-confirm-ask = 把 { $name } 从 { $from } 移交到：（对方支部书记同意后生效；积分和记录随人转移）
button-handover-to = ➡️ { $branch }
handover-pending = 这位党员已有一个待接收的移交。
handover-asked = 📨 已请 { $branch } 接收 { $name }，对方同意后会通知您。
handover-nobody-to-ask = ⚠️ 接收支部还没有书记或组织员，暂时无人处理这个请求。
handover-request = 📨 { $from } 请求把党员 { $name } 移交到 { $to }。
button-accept = ✅ 接收
button-decline = 不接收
handover-decided = 这个移交已经处理过了。
handover-accepted = ✅ { $branch } 已接收 { $name }。
handover-declined = { $branch } 没有接收 { $name }。
handover-to-member = 📨 在连心（Lianxin）里，您已由 { $from } 转到 { $to }：今后由 { $to } 书记联系您，您的积分、学习和报到记录随您转移。（这不是正式的组织关系转接手续。）
