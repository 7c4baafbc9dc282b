# Touchbase — English messages.
#
# Keys say who reads them:
#   any-*    anyone, children included (and people without an invite)
#   child-*  children (and carers)
#   button-* buttons children tap
#   cmd-*    command menu descriptions
#   staff-*, usage-*  managers, workers and hosts
#
# Child-facing messages follow the plain-language rules in README.md: at most two short
# sentences, everyday words, and nothing a lock screen should not show.

## For anyone

any-no-invite = You need an invite link to use this. Please ask your worker for one.
any-invite-unknown = Sorry, this link does not work. Please ask for a new one.
any-invite-used = Sorry, this link was used already. Please ask for a new one.
any-invite-expired = Sorry, this link is too old. Please ask for a new one.
any-already-joined = You are already signed up. Send /help to see what you can do.
any-unknown-command = Sorry, I don't know that one. Send /help to see what you can do.
any-not-allowed = Sorry, you can't use that here. Send /help to see what you can do.
any-use-commands = I can only answer commands like /help. Send /help to see them.
any-old-button = Sorry, that button does not work now.
any-something-went-wrong = Sorry, something went wrong. Please try again later.
any-choose-language = Which language do you want?
any-language-set = OK. I will write to you in { $language }.
any-help-line = /{ $command } - { $description }

## Buttons

button-language = { $language }

## For children

child-welcome = Hi { $name }! I will help you remember when you meet your worker.
child-help =
    Here is what you can do:
    { $commands }

## Command menus

cmd-start = Start
cmd-help = What I can do
cmd-language = Change my language
cmd-invite = Invite a member of staff
cmd-staff = List staff
cmd-revoke = End a member of staff's access
cmd-transfer = Move a child to another worker
cmd-enrol = Enrol a child
cmd-update = Change a child's details
cmd-children = My caseload
cmd-child = One child's details
cmd-link = A new invite link for a child

## For staff

staff-welcome = Welcome, { $name }. You are signed in as { $role ->
        [manager] a manager
        [host] a drop-in host
       *[worker] a case worker
    }. Send /help to see what you can do.
staff-help =
    Your commands:
    { $commands }
staff-person-joined = { $name } has joined Touchbase.
staff-access-ended = Your access to Touchbase has ended. Speak to your manager if this is a mistake.
staff-bad-name = Names can be up to { $max } letters, with no hidden characters.
staff-bad-arguments = I could not read that: { $problem }.
    { $example }
staff-bad-option = { $option }={ $value } is not valid. Use { $expected }.
staff-unknown-option = I don't know the option { $option }. You can use: { $options }.
staff-unlikely-age = born={ $value } makes the child { $age }. Please check the date.
staff-order-end-past = order_end={ $value } is in the past. Please check the date.
staff-invite-made =
    Invite for { $name } ({ $role }). Send them this link; it works once, until { $expires }:
    { $link }
    Or they can send the bot: /start { $code }
staff-name-taken = There is already a { $role } called { $name }. Please use another name (add an initial).
staff-list =
    Staff ({ $count }):
    { $people }
staff-list-caseload = • { $name } - { $role }, { $children ->
        [one] 1 child
       *[other] { $children } children
    }
staff-list-host = • { $name } - drop-in host
staff-list-pending = • { $name } - { $role }, invited, not joined yet
staff-no-such-staff = There is no member of staff called { $name }. Send /staff to see the list.
staff-no-such-worker = There is no case worker called { $name }. Send /staff to see the list.
staff-cannot-revoke-self = You can't end your own access. Ask another manager.
staff-revoke-has-children = { $name } still has { $children ->
        [one] 1 child
       *[other] { $children } children
    }. Move them first: /transfer CHILD WORKER
staff-revoked = { $name } no longer has access.
staff-no-such-child = There is no child called { $name } on your caseload. Send /children to see it.
staff-child-ambiguous = More than one child is called { $name }. Ask their worker, or use /transfer to choose.
staff-which-child = More than one child is called { $name }. Which one?
staff-button-child-of-worker = { $name } ({ $worker })
staff-already-on-caseload = { $name } is already on { $worker }'s caseload.
staff-transfer-name-clash = { $worker } already has a child called { $name }. Change one name first with /update.
staff-transferred = { $name } is now on { $worker }'s caseload.
staff-child-moved-away = { $name } has moved to { $worker }'s caseload.
staff-child-moved-to-you = { $name } is now on your caseload. Send /child { $name } to see their details.
staff-child-exists = You already have a child called { $name }. Use another name, or /update to change their details.
staff-child-already-joined = { $name } has already joined, so they don't need a new link.
staff-enrolled =
    { $name } is enrolled. Send them this link; it works once, until { $expires }:
    { $link }
staff-updated = { $name }'s details are updated.
staff-no-children = You have no children on your caseload yet. Enrol one with /enrol NAME.
staff-children =
    Your caseload ({ $count }):
    { $children }
staff-child-line = • { $name }: { $status }
staff-status-joined = joined
staff-status-invited = invited, link open until { $expires }
staff-status-invite-expired = not joined, link expired (send /link to make a new one)
staff-status-unreachable = can't be reached on Telegram
staff-child-card =
    <b>{ $name }</b>: { $status }
    Language: { $language }
    Age: { $age }
    Order ends: { $order_end }
    Sex: { $sex }
    Gender: { $gender }
    Ethnicity: { $ethnicity }
    Looked after: { $looked_after }
staff-child-unreachable = { $name } can't get Touchbase messages (they blocked it or left Telegram). Please contact them another way.
staff-message-failed = A message to { $name } could not be sent. Please contact them another way.

## How to use commands (shown when arguments are missing or wrong)

usage-invite = Use: /invite worker NAME (or host, or manager). Example: /invite worker Priya
usage-revoke = Use: /revoke NAME. Example: /revoke Priya
usage-transfer = Use: /transfer CHILD WORKER. Put a name with spaces in quotes: /transfer "Sam J" Priya
usage-enrol = Use: /enrol NAME [lang=en|cy] [born=YYYY-MM-DD] [order_end=YYYY-MM-DD] [sex=…] [gender=…] [ethnicity=…] [looked_after=yes|no]. Example: /enrol Sam lang=cy born=2011-04-02
usage-update = Use: /update NAME key=value. Example: /update Sam order_end=2027-06-30
usage-child = Use: /child NAME. Example: /child Sam
usage-link = Use: /link NAME. Example: /link Sam
