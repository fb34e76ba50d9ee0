# Notices, receipts, reminders and settings.
plain = { $text }
separator = {" · "}
cmd-notice = 发送通知（可定时）
cmd-receipts = 通知回执与提醒未读
cmd-settings = 静默时段与语言
notice-choose-unit = 这条通知发给哪个组织？
notice-ask-content =
    📢 给「{ $unit }」发通知。
    请发送通知内容：一段文字，或带说明的图片、文件、语音；也可以直接转发一条消息过来。
notice-unsupported = 这种内容不能作为通知发送。请发送文字，或图片、文件、语音（可带说明文字）。
notice-choose-audience = 发给谁？
audience-group-button = 📣 支部群（{ $count } 个）
audience-all-button = 👥 全体党员（{ $count } 人）
audience-mobile-button = 🚶 流动党员（{ $count } 人）
notice-no-groups = （还没有关联支部群：在群里发送 /linkgroup 即可关联。）
notice-already-cancelled = 这条通知已取消。
notice-already-scheduled = 这条通知已定时，可在 /receipts 中取消。
notice-already-sent = 这条通知已经发出。
audience-group = 支部群
audience-all = 全体党员
audience-mobile = 流动党员
notice-audience-is = 发送对象：
notice-choose-urgency = 普通还是紧急？紧急通知在成员的静默时段（如夜间）也会立即送达。
button-normal = 普通
button-urgent = 🔴 紧急
urgency-normal = 类型：普通（成员静默时段内不打扰，结束后送达）
urgency-urgent = 类型：🔴 紧急（立即送达）
notice-preview-above = 👆 以上是成员将看到的样子。
plan-groups = 将发到 { $groups } 个支部群，共 { $members } 名党员。
plan-members = 将私聊发给 { $count } 人。
plan-unjoined = 另有 { $count } 人尚未加入机器人，收不到。
plan-unreachable = 另有 { $count } 人已屏蔽机器人或注销账号，无法送达。
plan-held = 其中 { $count } 人正处于静默时段，将在静默结束后收到。
plan-nobody = 没有可以送达的对象，无法发送。
button-send-now = ✅ 立即发送
button-schedule = ⏰ 定时发送
notice-sending = 开始发送
notice-ask-time =
    请发送发送时间，例如：
    12-01 09:00
    明天 8:00
    20:00（今天，已过则明天）
    发送 /cancel 放弃定时。
notice-time-unreadable = 看不懂这个时间。请按「12-01 09:00」或「明天 8:00」的格式发送。
notice-time-past = 这个时间已经过去了，请发送一个将来的时间。
notice-time-too-far = 最多可以提前 31 天定时。
notice-scheduled = ⏰ 通知 #{ $id } 将于 { $at } 发送。
button-cancel-sending = 取消发送
notice-cancelled = 通知 #{ $id } 已取消，没有发出。
notice-heading = 📢 { $unit } 通知
notice-heading-urgent = 🔴 { $unit } 紧急通知
ack-button = 收到 ✓
ack-button-count = 收到 ✓ { $acked }/{ $total }
ack-button-done = 已收到 ✓
ack-thanks = 已确认收到，谢谢！
ack-already = 您已经确认过了 ✓
ack-not-member = 这条通知是发给本支部党员的，您无需确认。
ack-not-for-you = 这条通知不是发给您所在支部的，您无需确认。
progress-sending =
    发送中 { $bar } { $done }/{ $total }（{ $pct }%）· 约 { $min ->
        [0] { $sec } 秒
       *[other] { $min } 分 { $sec } 秒
    }
progress-waiting = 发送中 { $bar } { $done }/{ $total }（{ $pct }%）
progress-held = ⏸ { $count } 份在成员静默时段后送达（最早 { $at }）
progress-done = ✅ 发送完成：已送达 { $sent } · 无法送达 { $undelivered }
progress-reason = 　· { $reason } { $count }
reason-blocked = 已屏蔽机器人
reason-deactivated = 账号已注销
reason-kicked = 机器人已被移出群
reason-chat-not-found = 找不到聊天
reason-never-started = 未打开过机器人
reason-other = 其他错误（{ $error }）
button-receipts = 📋 查看回执
nudge-text =
    ⏰ 提醒：{ $unit } 于 { $at } 发布的通知您还没有确认：
    「{ $excerpt }」
    请查看后点击「收到 ✓」。
receipts-none = 还没有发过通知。发送 /notice 开始。
receipts-header = 📋 最近的通知：
receipts-item = #{ $id } { $at } 「{ $title }」
receipts-scheduled = ⏰ 待发送
receipts-cancelled = 已取消
receipts-counts = 送达 { $delivered } · 收到 { $acked } · 无法送达 { $unreachable }
button-cancel-notice = 取消 #{ $id }
button-notice-detail = 详情 #{ $id }
receipts-still-sending = 还有 { $count } 份正在发送或等待静默时段结束。
receipts-everyone = 🎉 全部党员都已确认收到。
receipts-missing = 未确认（{ $count } 人）：
receipts-more = ……还有 { $count } 人
mark-unjoined = （未加入）
mark-unreachable = （无法送达）
button-nudge = 🔔 提醒未读
button-refresh = 🔄 刷新
nudge-not-sent = 通知还没有发出，不能提醒。
nudge-done = 🔔 已提醒 { $count } 人。
nudge-skipped = { $count } 人今天已提醒过，不再重复打扰。
settings-header = ⚙️ 设置
settings-quiet = 静默时段：{ $hours }
settings-quiet-off = 静默时段：不设（通知随时送达）
settings-quiet-hint = 静默时段内普通通知会等到结束后再送达，紧急通知不受影响。点下面的按钮选择，或发送如「/settings 22:30-06:30」自定义。
settings-members-only = 静默时段适用于已登记的党员；您可以在这里切换语言。
button-quiet-off = 不设静默
button-language = 🌐 语言 / Language
quiet-set = ✅ 静默时段已设为 { $hours }。
quiet-set-off = ✅ 已取消静默时段，通知将随时送达。
quiet-unreadable = 看不懂「{ $typed }」。请按「22:00-07:00」的格式发送，或发送「/settings 关闭」。
nudge-still-sending = 通知还在发送中（或等待成员静默时段结束），全部送达后再提醒。
nudge-just-done = 刚刚已经提醒过了。
ack-preview = 这是预览，成员收到通知后才能确认。
notice-preview-outdated = 这个预览已过期，请使用下方最新的预览。
audience-resident = 在家党员
