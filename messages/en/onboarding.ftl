# Joining, profiles, invites, rosters, groups

start-stranger =
    Hello! I am Lianxin, the bridge between your branch and its members.
    Please open the invite link (or scan the QR code) your branch secretary gave you to join your branch.
start-member = Welcome back, { $name }! You are a member of { $branch }. Send /help to see what you can do.
start-staff = Hello! Your responsibilities:
start-staff-hint = Send /help to see the commands you can use.
role-line = · { $unit } ({ $role ->
        [organizer] organizer
       *[secretary] secretary
    })
start-pending = Your request to join { $branch } is waiting for the secretary. I will tell you when it is decided.
invite-unknown = This invite code is not valid. Please ask your branch secretary for a new invite link.
invite-expired = This invite link has expired. Please ask your branch secretary for a new invite link.
invite-used-up = This invite link has been used by as many people as it allows. Please ask your branch secretary for a new one.
invite-revoked = This invite link was revoked. Please ask your branch secretary for a new invite link.
already-member = You are already a member of { $branch }; there is no need to join again.
ask-contact =
    Welcome to { $branch }!
    Please tap "📱 Share my phone number" below so I can check the branch roster.
button-share-contact = 📱 Share my phone number
contact-not-own = Only your own phone number can be shared. Please tap "📱 Share my phone number" below.
contact-invalid = I cannot read that phone number. Please tap "📱 Share my phone number" below to try again.
contact-please = Please tap "📱 Share my phone number" below (no need to type it). Tap "Cancel" to stop.
phone-taken = This phone number is already linked to another account. Please contact your branch secretary.
matched = ✅ Found you, { $name }! You have joined { $branch }.
request-sent = Your phone number is not in the roster. Your request has gone to the secretary of { $branch }; I will tell you when it is decided.
request-already-pending = You already have a request waiting. Please wait for the secretary.
request-for-secretary =
    📝 New join request #{ $id }
    Name (Telegram): { $name }
    Phone: { $phone }
    Wants to join: { $branch }
    The phone is not in the roster; please check before deciding.
button-approve = ✅ Approve
button-reject = ❌ Reject
request-approved = 🎉 Your request was approved. Welcome to { $branch }!
request-rejected = Sorry, your request to join { $branch } was not approved. Please contact the branch secretary if you have questions.
request-approved-by = ✅ Request #{ $id } ({ $name }) approved by { $by }.
request-rejected-by = ❌ Request #{ $id } ({ $name }) rejected by { $by }.
request-already-decided = This request has already been decided.
request-phone-elsewhere = Cannot approve: this phone number belongs to a member of another unit. Please arrange the transfer with that unit first.
pending-none = No join requests are waiting.
pending-header = { $count ->
        [one] One join request is waiting:
       *[other] { $count } join requests are waiting:
    }

ask-name = Please type your real name:
ask-mobility = Are you at home, or working away from home? Tap a button below.
ask-city = Which city are you in now? (The city only, e.g. Shenzhen)
ask-skills = Any skills or trades? (e.g. electrician, farming, driving) Tap "Skip" if none.
button-resident = 🏠 At home
button-mobile = 🚶 Working away
name-invalid = A name has 1 to 20 characters. Please type it again:
city-invalid = A city name has 1 to 20 characters; the city only, please. Type it again:
profile-complete = Your profile is complete, thank you! Send /help to see what you can do.
profile-saved = Saved.
profile =
    👤 My profile
    Name: { $name }
    Branch: { $branch }
    Phone: { $phone }
    Status: { $mobility }
    City: { $city }
    Skills: { $skills }
    Language: { $language }
profile-not-member = You have not joined a branch yet. Please use the invite link your branch secretary gave you.
mobility-label = { $kind ->
        [mobile] working away
        [lost] lost contact
       *[resident] at home
    }
button-edit-name = Edit name
button-edit-mobility = Home / away
button-edit-city = Edit city
button-edit-skills = Edit skills

invite-created =
    📨 Invite link for { $branch }
    { $link }
    Valid until { $expires }, for up to { $uses } people.
    Forward the link to members, or print the QR code for the village office. Members open it and share their phone number to join.
button-revoke-invite = Revoke this invite
invite-revoked-done =
    🚫 Revoked ({ $branch })
    { $link }
choose-branch = Choose a branch:
unknown-org = There is no unit with code "{ $code }".
org-not-in-scope = You do not manage "{ $code }".
choose-branch-by-code = You manage many branches. Add the branch code after the command, e.g. { $example }
no-branches = There are no branches under your units yet. Please ask the system administrator to add them.
not-your-branch = This is not a branch you manage.

members-header = 👥 { $branch }: { $total } members, { $joined } joined, { $mobile } working away
member-line = { $n }. { $name }
tag-mobile = {" "}🚶away·{ $city }
tag-lost = {" "}❓lost contact
tag-not-joined = {" "}(not joined)
tag-unreachable = {" "}⚠️unreachable
members-empty = { $branch } has no members yet. Send a roster file (CSV or Excel) to import it, or invite members with /invite.

linkgroup-done = ✅ This group is now linked to { $branch }. Branch notices will come here.
linkgroup-not-allowed = Only a secretary of the branch can link a group.
linkgroup-private = Add me to the branch group, then send /linkgroup in the group.
linkgroup-choose = You manage several branches. Add the branch code, e.g. /linkgroup { $codes }
bot-added-to-group = Hello everyone, I am Lianxin. Branch secretary: please send /linkgroup here to link this group to your branch.
group-unlinked = I was removed from the group "{ $title }"; its link to { $branch } is now inactive.

import-preview =
    📋 Roster check ({ $branch })
    { $rows } rows: { $created } new, { $updated } updated, { $errors } with problems.
import-row-error = Row { $row }:{" "}
import-errors-more = …and { $count } more rows with problems.
import-missing-name = the name is missing
import-bad-phone = cannot read the phone number "{ $value }"
import-duplicate-phone = same phone number as row { $row }
import-duplicate-name = same name as row { $row } and neither has a phone number: add the phone numbers to tell them apart
import-phone-elsewhere = the phone number belongs to a member of { $branch }
import-bad-mobile = the "mobile" column should be yes/no, not "{ $value }"
import-cell-too-long = the "{ $column }" cell is too long
import-bad-file = Cannot read this file. Please open it in Excel or WPS, "Save as" .xlsx or CSV, and send it again. ({ $reason })
import-missing-column = The first row must be a header with a "name" column (optional: phone, mobile, city, skills).
import-empty = The file has no member rows.
import-too-large = The file is too large (at most { $max_mb } MB).
import-unsupported = Only CSV and Excel (.xlsx) rosters are supported. Save an old .xls file as .xlsx in Excel or WPS first.
button-confirm-import = ✅ Import
button-import-skip-bad = Skip bad rows, import the rest
import-done = ✅ Roster of { $branch } imported: { $created } new, { $updated } updated, { $skipped } rows skipped.
document-not-expected = I cannot do anything with this file yet.

phone-in-other-branch = Your phone number is on the roster of { $branch }. Please join with { $branch }'s invite link; if your membership has moved here, ask the branch secretary.
invite-revoked-toast = Revoked: this link no longer works.
linkgroup-taken = This group is linked to { $branch }; only that branch's secretary or a higher organizer can change it.
tag-mobile-no-city = {" "}🚶away·city not given
choose-branch-for-file = You manage many branches. Send the roster file again with the branch code as its caption, e.g. { $example }
import-fix-and-resend = No row can be imported. Please correct the rows above and send the file again.
