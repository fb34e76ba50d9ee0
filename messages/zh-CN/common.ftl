# 通用用语

unknown-command = 没有这个命令。发送 /help 查看可以使用的命令。
idle-hint = 你好！发送 /help 查看我能帮你做什么。
cancelled = 已取消。
nothing-to-cancel = 当前没有进行中的操作。
button-expired = 这个按钮已失效，请重新发送命令。
secretary-only = 这个功能仅限支部书记（联系人）和上级组织部门使用。
use-private-chat = 请私聊我使用这个命令。
internal-error = 抱歉，系统出了点问题，请稍后再试。
too-long = 内容太长了，请控制在 { $max } 个字以内。
not-set = 未填写
button-cancel = 取消
button-skip = 跳过

help-header = 📖 连心 · 使用说明
help-members = 【党员】
help-secretaries = 【支部书记】
help-group = 【群聊】
help-stranger = 请使用支部书记发给你的邀请链接（或扫描二维码）加入本支部。
help-line = { $command } —{" "}
cmd-start = 开始使用 / 加入支部
cmd-help = 查看使用说明
cmd-me = 查看和修改我的资料
cmd-language = 切换语言
cmd-cancel = 取消当前操作
cmd-invite = 生成邀请链接和二维码
cmd-pending = 待审核的加入申请
cmd-members = 支部党员名单
cmd-linkgroup = 把本群绑定到支部（在群里发送）

language-choose = 请选择语言：
language-set = 已切换为中文。
