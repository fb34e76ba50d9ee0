# 加入支部、个人资料、邀请、名册、群组

start-stranger =
    你好！我是「连心」，支部和党员之间的连心桥。
    请使用支部书记发给你的邀请链接（或扫描二维码）加入你的支部。
start-member = { $name }，欢迎回来！你是{ $branch }的党员。发送 /help 查看可以做什么。
start-staff = 你好！你的职责：
start-staff-hint = 发送 /help 查看可以使用的命令。
role-line = · { $unit }（{ $role ->
        [organizer] 组织部门
       *[secretary] 支部书记 / 联系人
    }）
start-pending = 你加入{ $branch }的申请正在等待支部书记审核，审核后会通知你。
invite-unknown = 这个邀请码无效。请向支部书记索取新的邀请链接。
invite-expired = 这个邀请链接已过期。请向支部书记索取新的邀请链接。
invite-used-up = 这个邀请链接的使用人数已满。请向支部书记索取新的邀请链接。
invite-revoked = 这个邀请链接已被撤销。请向支部书记索取新的邀请链接。
already-member = 你已经是{ $branch }的党员了，不需要再次加入。
ask-contact =
    欢迎加入{ $branch }！
    请点击下方「📱 分享我的手机号」按钮，我会用手机号核对党员名册。
button-share-contact = 📱 分享我的手机号
contact-not-own = 只能分享你自己的手机号。请点击下方「📱 分享我的手机号」按钮。
contact-invalid = 无法识别这个手机号。请点击下方「📱 分享我的手机号」按钮重试。
contact-please = 请点击下方「📱 分享我的手机号」按钮（不用手动输入）。想放弃请点「取消」。
phone-taken = 这个手机号已绑定了另一个账号。如有疑问请联系支部书记。
matched = ✅ 核对成功！{ $name }，你已加入{ $branch }。
request-sent = 名册中没有找到你的手机号。已把你的申请发给{ $branch }的支部书记审核，审核后会通知你。
request-already-pending = 你已经有一个申请在等待审核，请耐心等待。
request-for-secretary =
    📝 新的加入申请 #{ $id }
    姓名（Telegram）：{ $name }
    手机：{ $phone }
    申请加入：{ $branch }
    名册中没有这个手机号，请核实后处理。
button-approve = ✅ 批准
button-reject = ❌ 拒绝
request-approved = 🎉 你的申请已通过，欢迎加入{ $branch }！
request-rejected = 很抱歉，你加入{ $branch }的申请没有通过。如有疑问请联系支部书记。
request-approved-by = ✅ 申请 #{ $id }（{ $name }）已由 { $by } 批准。
request-rejected-by = ❌ 申请 #{ $id }（{ $name }）已由 { $by } 拒绝。
request-already-decided = 这个申请已经处理过了。
request-phone-elsewhere = 无法批准：这个手机号已属于其他支部的党员。请先联系该支部办理组织关系转接。
pending-none = 目前没有待审核的加入申请。
pending-header = 待审核的加入申请共 { $count } 个：

ask-name = 请输入你的真实姓名：
ask-mobility = 你现在是在家，还是外出务工？请点下方按钮。
ask-city = 你现在在哪个城市？（只填城市，例如：深圳）
ask-skills = 你有什么技能或特长？（例如：电工、种植、驾驶）没有可以点「跳过」。
button-resident = 🏠 在家
button-mobile = 🚶 外出务工
name-invalid = 姓名应为 1 到 20 个字，请重新输入：
city-invalid = 城市名应为 1 到 20 个字，只填城市即可，请重新输入：
profile-complete = 资料已完善，谢谢！发送 /help 查看可以做什么。
profile-saved = 已保存。
profile =
    👤 我的资料
    姓名：{ $name }
    支部：{ $branch }
    手机：{ $phone }
    状态：{ $mobility }
    所在城市：{ $city }
    技能特长：{ $skills }
    语言：{ $language }
profile-not-member = 你还没有加入任何支部。请使用支部书记发给你的邀请链接加入。
mobility-label = { $kind ->
        [mobile] 外出
        [lost] 失联
       *[resident] 在家
    }
button-edit-name = 修改姓名
button-edit-mobility = 在家/外出
button-edit-city = 修改城市
button-edit-skills = 修改技能

invite-created =
    📨 { $branch } 邀请链接
    { $link }
    有效期至 { $expires }，最多 { $uses } 人使用。
    请把链接转发给党员，或打印二维码张贴在村部。党员打开后按提示分享手机号即可加入。
button-revoke-invite = 撤销这个邀请
invite-revoked-done =
    🚫 已撤销（{ $branch }）
    { $link }
choose-branch = 请选择支部：
unknown-org = 没有代码为「{ $code }」的组织。
org-not-in-scope = 你无权管理「{ $code }」。
choose-branch-by-code = 你负责的支部较多，请在命令后加上支部代码，例如：{ $example }
no-branches = 你负责的组织下还没有支部。请联系系统管理员添加支部。
not-your-branch = 这不是你负责的支部，无法操作。

members-header = 👥 { $branch }：共 { $total } 人，已加入 { $joined } 人，外出 { $mobile } 人
member-line = { $n }. { $name }
tag-mobile = 　🚶外出·{ $city }
tag-lost = 　❓失联
tag-not-joined = 　（未加入）
tag-unreachable = 　⚠️无法送达
members-empty = { $branch }还没有党员。可以发送名册文件（CSV 或 Excel）导入，或用 /invite 邀请党员加入。

linkgroup-done = ✅ 本群已绑定到{ $branch }。今后支部的通知会发到这里。
linkgroup-not-allowed = 只有本支部的书记可以绑定群组。
linkgroup-private = 请把我拉进支部群，然后在群里发送 /linkgroup。
linkgroup-choose = 你负责多个支部，请在命令后加上支部代码，例如 /linkgroup { $codes }
bot-added-to-group = 大家好，我是「连心」。请支部书记在群里发送 /linkgroup 把本群绑定到支部。
group-unlinked = 我已被移出群「{ $title }」，该群与{ $branch }的绑定已停用。

import-preview =
    📋 名册检查结果（{ $branch }）
    共 { $rows } 行：新增 { $created } 人，更新 { $updated } 人，有问题 { $errors } 行。
import-row-error = 第 { $row } 行：
import-errors-more = ……还有 { $count } 行有问题。
import-missing-name = 缺少姓名
import-bad-phone = 手机号「{ $value }」无法识别
import-duplicate-phone = 手机号与第 { $row } 行重复
import-duplicate-name = 与第 { $row } 行同名且都没有手机号，请补上手机号以便区分
import-phone-elsewhere = 手机号已属于{ $branch }的党员
import-bad-mobile = 「外出」一栏应填 是/否，实际为「{ $value }」
import-cell-too-long = 「{ $column }」一栏内容太长
import-bad-file = 无法读取这个文件，请用 Excel 或 WPS 打开后“另存为” .xlsx 或 CSV，再重新发送。（{ $reason }）
import-missing-column = 文件第一行必须是表头，并且包含「姓名」一栏（可选：手机、外出、所在城市、技能）。
import-empty = 文件里没有党员数据。
import-too-large = 文件太大了（最大 { $max_mb } MB）。
import-unsupported = 只支持 CSV 和 Excel（.xlsx）格式的名册。旧的 .xls 文件请用 Excel 或 WPS “另存为” .xlsx 后再发送。
button-confirm-import = ✅ 确认导入
button-import-skip-bad = 跳过问题行，导入其余
import-done = ✅ 已导入{ $branch }的名册：新增 { $created } 人，更新 { $updated } 人，跳过 { $skipped } 行。
document-not-expected = 我暂时不能处理这个文件。

phone-in-other-branch = 你的手机号在{ $branch }的党员名册中。请使用{ $branch }的邀请链接加入；如果组织关系已经转到这里，请联系支部书记办理。
invite-revoked-toast = 已撤销，这个链接不能再使用了。
linkgroup-taken = 本群已绑定到{ $branch }，只有该支部的书记或上级组织部门可以改绑。
tag-mobile-no-city = 　🚶外出·城市未填写
choose-branch-for-file = 你负责的支部较多。请重新发送名册文件，并在文件说明（caption）里写上支部代码，例如：{ $example }
import-fix-and-resend = 没有可以导入的行。请按上面的提示改正后，重新发送文件。
