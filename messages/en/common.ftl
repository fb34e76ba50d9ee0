# Common wording

unknown-command = There is no such command. Send /help to see what you can use.
idle-hint = Hello! Send /help to see what I can do for you.
cancelled = Cancelled.
nothing-to-cancel = Nothing is in progress.
button-expired = This button is no longer valid. Please send the command again.
secretary-only = This is only for branch secretaries and organizers.
use-private-chat = Please use this command in a private chat with me.
internal-error = Sorry, something went wrong on our side. Please try again later.
too-long = That is too long. Please keep it within { $max } characters.
not-set = not set
button-cancel = Cancel
button-skip = Skip

help-header = 📖 Lianxin · Help
help-members = [Members]
help-secretaries = [Branch secretaries]
help-group = [Group chats]
help-stranger = Please open the invite link (or scan the QR code) your branch secretary gave you to join your branch.
help-line = { $command } —{" "}
cmd-start = Start / join your branch
cmd-help = Show this help
cmd-me = See and edit my profile
cmd-language = Change language
cmd-cancel = Cancel what is in progress
cmd-invite = Create an invite link and QR code
cmd-pending = Join requests waiting for you
cmd-members = Members of the branch
cmd-linkgroup = Link this group to your branch (send in the group)

language-choose = Choose your language:
language-set = Language set to English.
