# statistics, exports, members' data

cmd-stats = 参与情况统计和图表
cmd-export = 导出表格（XLSX，或加 csv）
cmd-mydata = 查看连心保存的我的信息
cmd-forgetme = 申请删除我的个人信息
stats-header = 📊 { $unit } · 近 12 周（{ $from } 起）
digest-header = 📬 每周统计 · { $unit }（近 12 周，{ $from } 起）
stats-acknowledged = 通知确认
stats-studied = 学习完成
stats-quiz-score = 测验正确率
stats-attendance = 活动出勤
stats-reported = 流动党员报到
stats-answered-in-time = 诉求按时答复
stats-figure = ：{ $total }（{ $num }/{ $den }）· 上周 { $last }
stats-branches-header = 各支部（近 12 周）：
stats-branch-line = • { $branch }：确认 { $ack } · 学习 { $study } · 测验 { $quiz } · 出勤 { $attend } · 报到 { $report } · 答复 { $answer }
stats-more-branches = …另有 { $count } 个支部，详见 /export 导出的表格。
stats-no-chart = （图表暂时无法生成，请联系管理员检查服务器的中文字体，例如安装 fonts-noto-cjk。）
stats-chart-caption = { $unit } · 近 12 周参与情况
stats-chart-title = { $unit } · 近 12 周参与情况
stats-chart-empty = 近 12 周暂无数据
export-working = ⏳ 正在导出 { $unit } 的数据，完成后发给您……
export-caption = 📎 { $unit } 数据导出 · 共 { $rows } 行。成员、通知与回执、学习与测验、活动与考勤、报到、诉求、积分各一页。
export-too-large = 导出文件超过 Telegram 50 MB 的上限。请让管理员在服务器上用 lianxin export 命令导出。
export-usage = 看不懂“{ $arg }”。用法：/export [单位代码] [csv]
mydata-header = 📁 连心保存的您的信息
mydata-profile = 姓名：{ $name } · 手机：{ $phone } · 支部：{ $branch }
mydata-place = 状态：{ $status ->
        [mobile] 流动党员
        [lost] 失联
       *[other] 在家乡
    } · 所在城市：{ $city }
mydata-counts = 记录：通知确认 { $acks } 条 · 学完课程 { $lessons } 次 · 答题 { $answers } 道 · 活动 { $sessions } 次 · 报到 { $reports } 次 · 诉求 { $tickets } 件 · 积分 { $points } 分
mydata-not-member = 您还不是任何支部的党员：连心只保存了您的 Telegram 名字和语言设置。
mydata-file = 完整记录见下面的文件（JSON，可用记事本打开）。要删除个人信息，请发送 /forgetme。
mydata-caption = 连心保存的您的全部信息
forgetme-explain = ⚠️ 申请删除个人信息：支部书记同意后，您的姓名、手机号、所在城市、留言内容和 Telegram 账号都会被清除；学习、考勤、积分等记录只以匿名方式留在支部的统计里。删除后无法恢复，也不会再收到通知。确定申请吗？
button-forgetme = 🗑 确认申请删除
forgetme-asked = 已提交删除申请。支部书记确认后会告诉您。
forgetme-pending = 您的删除申请正在等待支部书记确认。
forgetme-no-one = 现在没有可以处理删除申请的支部书记，请稍后再试或直接联系支部。
forgetme-not-member = 连心没有您的党员信息。您的 Telegram 名字和语言设置已删除。
forgetme-request = 🗑 { $name }（{ $branch }）申请删除个人信息。同意后将清除其姓名、手机、城市、留言等个人信息，学习、考勤、积分记录匿名保留。
button-erase-approve = ✅ 同意删除
button-erase-decline = 不同意
forgetme-approved = ✅ 已删除这位党员的个人信息；学习、考勤、积分记录已匿名保留。
forgetme-refused = 已拒绝 { $name } 的删除申请。
forgetme-done = 您的个人信息已删除。感谢您一直以来的参与。
forgetme-declined = 支部书记没有同意您的删除申请。如有疑问，请直接联系支部书记。
forgetme-decided = 这个申请已经处理过了。
export-too-many-rows = 「{ $sheet }」有 { $rows } 行，超过了 Excel 一页的上限。请发送 /export csv 导出 CSV。
export-failed = 导出没有成功，请稍后再试；如果一直不行，请联系管理员。
