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
any-old-button-sms = Sorry, that question has closed.
any-something-went-wrong = Sorry, something went wrong. Please try again later.
any-slow-down = That's a lot of messages at once. I'll read new ones in a minute.
any-choose-language = Which language do you want?
any-language-set = OK. I will write to you in { $language }.
any-help-line = /{ $command } - { $description }

## Buttons

button-language = { $language }
button-add-to-calendar = Add to my calendar
button-yes = I'll be there
button-no = I can't make it
button-change-time = I need to change the time
button-help-getting-there = I need help getting there
button-reason-ill = I'm ill
button-reason-transport = No way to get there
button-reason-school-or-work = School or work
button-reason-family = Family
button-reason-forgot = I forgot
button-reason-other = Something else
button-carer-yes = Yes, that's OK
button-carer-no = No thanks
button-carer-stop = Stop sending them my reminders

## Dates, times and places (used inside other messages, for children and staff)

weekday-mon = Monday
weekday-tue = Tuesday
weekday-wed = Wednesday
weekday-thu = Thursday
weekday-fri = Friday
weekday-sat = Saturday
weekday-sun = Sunday
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
# "4pm", "4:30pm"
time-of-day = { $hour }{ $minute ->
        [0] {""}
       *[other] :{ $minute_text }
    }{ $afternoon ->
        [yes] pm
       *[no] am
    }
date-words = { $weekday } { $day } { $month }
date-words-year = { $weekday } { $day } { $month } { $year }
when-words = { $date }, { $time }
when-exact = { $weekday } { $date } { $time }
place-office = at the office
place-named = at { $place }
place-phone = by phone
place-video = by video call

## For children

child-welcome = Hi { $name }! I will help you remember when you meet your worker.
child-welcome-texts = Hi { $name }, this is Touchbase: we will text you before you meet your worker. Reply STOP to stop these texts.
child-texts-stopped = You will get no more texts from Touchbase. Reply START to get them again.
child-texts-started = You will get Touchbase texts again. Reply STOP to stop them.
any-unknown-number = This is Touchbase, and we don't know this number. If you have a worker who uses Touchbase, ask them to add it.
child-help =
    Here is what you can do:
    { $commands }
child-next = Your next meeting is { $when }, { $place }.
child-no-next = You have no meetings booked right now.
child-slot-booked = You will meet your worker every { $weekday } at { $time }, { $place }.
child-slot-ended = Your { $weekday } meetings at { $time } have stopped.
child-skipped = There is no meeting on { $date }. Your worker will see you the week after.
child-call-back = { $worker } will call you back about your meeting on { $date }.
child-moved = Your meeting on { $date } has moved. It is now { $when }, { $place }.
child-reminder-plan = You meet your worker on { $when }, { $place }. How will you get there?
child-reminder-soon = You meet your worker soon: { $when }, { $place }. Will you be there?
child-reminder-plan-sms = You meet your worker on { $when }, { $place }. Reply YES, NO, or CHANGE for a new time.
child-reminder-soon-sms = You meet your worker soon: { $when }, { $place }. Reply YES, NO, or CHANGE for a new time.
child-answered =
    { $reminder }
    You said: { $answer }
child-thanks-yes = Great, see you then!
child-ask-reason = Thanks for telling us. What is the reason?
child-ask-reason-sms = Thanks for telling us. Please reply with a few words about why you can't come.
child-reason-given = You said: { $reason }
child-type-reason = Please type a few words about why.
child-type-reason-sms = Please reply with a few words about why.
child-thanks-reason = Thank you. Your worker will get in touch.
child-thanks-change = Thank you. Your worker will get in touch about a new time.
child-thanks-help = Thank you. Your worker will help you get there.
child-too-late = Sorry, this meeting has started or changed. It can't be answered now.
child-carer-ask = Can a parent or carer also get your meeting reminders? You can stop this at any time.
child-carer-ask-sms = Can a parent or carer get your meeting reminders too? Reply YES or NO.
child-carer-yes = OK. Your worker will send them a link.
child-carer-yes-texts = OK. They will get your reminders by text.
child-carer-no = OK. Only you will get your reminders.
child-carer-stopped = OK. They will not get your reminders any more.
child-carer-on = A parent or carer gets your meeting reminders too.
child-carer-off = Only you get your meeting reminders.
child-calendar-caption = Your meetings, for your calendar.
child-calendar-summary = Meet my worker

## For parents and carers

carer-welcome = Hi! You will get { $name }'s meeting reminders here.
carer-welcome-texts = Hi, this is Touchbase: you will get { $name }'s meeting reminders by text. Reply STOP to stop them.
carer-reminder = Reminder: { $name } meets their worker on { $when }, { $place }.
carer-next = { $name }'s next meeting is { $when }, { $place }.
carer-no-next = { $name } has no meetings booked right now.
carer-stopped = You will not get these reminders any more.

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
cmd-today = Today's appointments
cmd-week = The next 7 days' appointments
cmd-child = One child's details
cmd-link = A new invite link for a child
cmd-commitment = Record a child's school, work or other commitment
cmd-slot = Set a weekly appointment
cmd-endslot = End a weekly appointment
cmd-apart = Keep two children apart
cmd-skip = Skip one appointment
cmd-move = Move one appointment
cmd-calendar = A child's appointments for my calendar
cmd-next = My next meeting
cmd-carer = Ask a child if a parent or carer may get their reminders
cmd-carers = Who else gets my reminders

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
staff-bad-date = I can't read { $value } as a date. For example: 28/12
staff-bad-time = I can't read { $value } as a time. For example: 4pm
staff-which-day-ahead = { $weekday } is today. Send it again with today, or with next { $weekday } for a week today.
staff-which-day-back = { $weekday } is today. Send it again with today, or with last { $weekday } for a week ago.
staff-bad-dropin-at = I can't read at={ $value }. Give a day and a time, for example: at="Fri 6pm"
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
staff-no-appointments-coming = { $name } has no appointments coming up.
staff-button-child-of-worker = { $name } ({ $worker })
staff-already-on-caseload = { $name } is already on { $worker }'s caseload.
staff-transfer-name-clash = { $worker } already has a child called { $name }. Change one name first with /update.
staff-transferred = { $name } is now on { $worker }'s caseload.
staff-transfer-not-joined = { $worker } has not joined Touchbase yet, so they would not hear about { $name }. Ask them to join with their invite first.
staff-child-moved-away = { $name } has moved to { $worker }'s caseload.
staff-child-moved-to-you = { $name } is now on your caseload. Send /child { $name } to see their details.
staff-child-exists = You already have a child called { $name }. Use another name, or /update to change their details.
staff-phone-taken = That mobile number is already another child's. One number can only be one child's, so their texts are never mixed up.
staff-enrolled-texts = { $name } is enrolled on texts and has been sent a welcome text. They need no link.
staff-enrolled-needs-phone = { $name } is enrolled. They are under 16, so Telegram is not for them. Add their mobile number to reach them by text: /update { $name } phone=07700900123
staff-texts-need-phone = To reach { $name } by text, add their mobile number too, for example phone=07700900123
staff-texts-not-set-up = Texts are not set up for this service yet. Ask whoever runs Touchbase to add GOV.UK Notify.
staff-under-16-no-telegram = { $name } is under 16, and Telegram is only for 16 and over. Reach them by text instead: add phone=07700900123
staff-child-on-texts = { $name } is on texts, so they need no link.
staff-texts-would-suit = { $name } is under 16. Telegram is for 16 and over, so texts would suit them: /update { $name } channel=sms
staff-child-texted-stop = { $name } texted STOP, so no more texts go to them. Please contact them another way. If they text START, texts begin again.
staff-child-texted-start = { $name } texted START, so they get texts again.
staff-child-moved-to-texts = { $name } can't get Telegram messages any more (they blocked Touchbase or left Telegram), so they get texts instead. If they write on Telegram again, they move back.
staff-child-texts-fail = Texts to { $name }'s number are not getting through: the number may be wrong or no longer in use. Please check it with them another way.
staff-carer-texts-fail = Texts to { $name }'s parent or carer are not getting through: the number may be wrong or no longer in use.
staff-child-text-not-delivered = { $name }'s phone did not get the reminder for { $when } (it may be off). You may want to call them.
staff-text-set-aside = A text from { $name } could not be read by Touchbase. Please contact them to ask what they said.
staff-status-texts = on texts, to { $phone }
staff-status-texts-stopped = texted STOP, so no texts go to them
staff-status-texts-unreachable = texts to their number are not getting through
staff-channel-telegram = Telegram
staff-channel-texts = texts
staff-channel-texts-stopped = texts (stopped: they texted STOP)
staff-child-already-joined = { $name } has already joined, so they don't need a new link.
staff-enrolled =
    { $name } is enrolled. Send them this link; it works once, until { $expires }:
    { $link }
staff-updated = { $name }'s details are updated.
staff-no-children = You have no children on your caseload yet. Enrol one with /enrol NAME.
staff-children =
    Your caseload ({ $count }):
    { $children }
staff-child-line = • { $name }: { $status }. Next: { $next }
staff-status-joined = joined
staff-status-invited = invited, link open until { $expires }
staff-status-invite-expired = not joined, link expired (send /link to make a new one)
staff-status-unreachable = can't be reached on Telegram
value-not-recorded = not recorded
value-yes = yes
value-no = no
value-sex-female = female
value-sex-male = male
value-gender-female = female
value-gender-male = male
value-gender-non-binary = non-binary
value-gender-other = other
value-ethnicity-asian = Asian
value-ethnicity-black = Black
value-ethnicity-mixed = Mixed heritage
value-ethnicity-white = White
value-ethnicity-gypsy-roma-traveller = Gypsy, Roma or Traveller
value-ethnicity-other = Other
group-ethnicity-asian = Asian children
group-ethnicity-black = Black children
group-ethnicity-mixed = children of Mixed heritage
group-ethnicity-white = White children
group-ethnicity-gypsy-roma-traveller = Gypsy, Roma and Traveller children
group-ethnicity-other = children of another ethnicity
group-ethnicity-not-recorded = children whose ethnicity is not recorded
group-looked-after = looked-after children
group-not-looked-after = children not looked after
group-care-not-recorded = children whose care status is not recorded
measure-warnings = Given a warning
measure-panel-referrals = Referred to the panel
measure-missed = Missed appointments
staff-child-card =
    <b>{ $name }</b>: { $status }
    Language: { $language }
    Age: { $age }
    Order ends: { $order_end }
    Sex: { $sex }
    Gender: { $gender }
    Ethnicity: { $ethnicity }
    Looked after: { $looked_after }
    Mobile: { $phone }
    Reached by: { $channel }
staff-child-unreachable = { $name } can't get Touchbase messages (they blocked it or left Telegram). Please contact them another way.
staff-child-unreachable-appointment = { $name } can't get Touchbase messages (they blocked it or left Telegram), so missed the reminder for { $when }. Please contact them another way.
staff-carer-unreachable = { $name }'s parent or carer can't get Touchbase messages (they blocked it or left Telegram).
staff-staff-unreachable = Touchbase can't reach { $name } (they blocked it or left Telegram), so they are missing messages about their work.
staff-message-failed = A message to { $name } could not be sent. Please contact them another way.
staff-messages-failed = Messages to { $names } could not be sent. Please contact them another way.

staff-answer-notice =
    { $name } answered about { $when }: { $answer }.
    { $because }
staff-answer-reason = Reason: { $reason }.
staff-answer-note = In their words: "{ $note }"
staff-answer-no-reason = No reason given yet.
staff-button-open-child = Open { $name }'s card
staff-button-move-one = Move this one
staff-button-book-anyway = Book anyway...
staff-button-skip-one = Skip this one
staff-button-call-back = Call me back noted
staff-move-to-usage = Type a day and a time. For example: Thu 4pm
staff-notice-too-late = { $name }'s appointment on { $when } has started or changed already. Nothing was changed.
staff-call-back-noted = Noted that you will call back. { $told }
staff-reminder-not-joined = { $name } has not joined Touchbase, so cannot be reminded about { $when }. Please remind them another way, or send /link { $name }.
staff-carer-not-joined = { $name } has not joined yet, so cannot be asked. Send /link { $name } first.
staff-carer-already = { $name } has already said yes to a parent or carer. { $name } can stop it with /carers.
staff-carer-asked = We have asked { $name } if a parent or carer may get their reminders. You will hear when they answer.
staff-carer-shares-number = That is { $name }'s own number, so their parent or carer already sees { $name }'s texts. There is nothing more to send.
staff-carer-on-texts = { $name }'s parent or carer gets { $name }'s reminders by text from now on, and has been sent a welcome text.
staff-carer-texted-stop = { $name }'s parent or carer texted STOP, so no more texts go to them.
staff-carer-texted-start = { $name }'s parent or carer texted START, so they get texts again.
staff-carer-link =
    { $name } said yes to a parent or carer getting their reminders. Send the carer this link; it works once, until { $expires }:
    { $link }
staff-carer-refused = { $name } said no to a parent or carer getting their reminders.
staff-carer-withdrawn = { $name } stopped their parent or carer getting their reminders.
staff-carer-joined = { $name }'s parent or carer has joined Touchbase.
staff-none-booked = none booked
staff-commitment-added = Recorded for { $name }: { $label }, { $days } { $window }.
staff-commitment-added-shown = Recorded for { $name }: { $label }, { $days } { $window }. { $name } can see the word "{ $label }".
staff-commitment-removed = Removed { $label } ({ $days } { $window }) for { $name }.
staff-commitment-line = • { $label }: { $days } { $window }
staff-commitments =
    { $name }'s commitments:
    { $commitments }
staff-no-commitments = No commitments recorded for { $name }. Add them with /commitment.
staff-button-remove = Remove { $label } ({ $days })
staff-bad-label = The label can be up to { $max } characters.
staff-bad-minutes = The length must be { $min } to { $max } minutes.
staff-bad-place = The place can be up to { $max } characters (or phone, or video).
staff-reason-too-long = The reason can be up to { $max } characters.
staff-date-in-past = That date and time has passed. Please choose a later one.
staff-outside-order = That is after { $name }'s order ends ({ $order_end }).
staff-refused-clash =
    Not booked:
    { $clashes }
    To book it anyway, tap Book anyway and say why.
clash-commitment = • clashes with { $label }, { $days } { $window }
clash-own-slot = • clashes with { $name }'s { $weekday } { $time } appointment
clash-own-appointment = • clashes with { $name }'s appointment on { $when }
clash-kept-apart = • clashes with a kept-apart child's appointment at the same place
clash-worker-slot = • { $worker } already sees another child every { $weekday } at { $time }
clash-worker-appointment = • { $worker } already sees another child on { $when }
staff-overridden =
    Booked despite:
    { $clashes }
    Reason recorded: { $reason }
staff-slot-booked = Booked: { $name }, every { $weekday } at { $time } for { $minutes } minutes, { $place }, from { $from } { $until }. Next: { $next }.
staff-until-date = until { $date }
staff-until-open = until an order end date is set
staff-slot-ended = { $name }'s { $weekday } { $time } appointments have ended. { $cancelled ->
        [0] No future ones were booked.
        [one] 1 future appointment was cancelled.
       *[other] { $cancelled } future appointments were cancelled.
    }
staff-no-such-slot = { $name } has no { $weekday } { $time } appointment. Send /child { $name } to see their slots.
staff-slot-line = • every { $weekday } { $time }, { $minutes } minutes, { $place }
staff-occurrence-line = • { $when }, { $place } ({ $state }), { $answer }
staff-occurrence-answer = said: { $answer }
staff-occurrence-no-answer = no answer yet
staff-child-appointments =
    Weekly appointments ({ $slot_count }):
    { $slots }
    Next ({ $upcoming_count }):
    { $upcoming }
    Kept apart from { $apart ->
        [one] 1 child
       *[other] { $apart } children
    }.
staff-no-such-child-anywhere = There is no child called { $name } in the service.
staff-apart-self = A child cannot be kept apart from themselves.
staff-apart-already = { $name } and { $other } are already kept apart.
staff-apart-done = { $name } and { $other } will never be booked at the same place and time, or on the same drop-in. Neither will be told.
staff-apart-told = { $name } must now be kept apart from { $other }. Bookings for { $name } are checked for this.
staff-apart-meeting =
    Warning: { $name } and { $other } are already booked at one place within half an hour:
    { $meetings }
    Please move or skip one of them (/move, /skip).
staff-meeting-line = • { $when }, { $place }
staff-no-appointment-on = { $name } has no appointment on { $date }.
staff-already-started = { $name }'s appointment on { $date } has already started.
staff-skipped = Skipped { $name }'s appointment on { $when }. { $told }
staff-moved = Moved { $name }'s appointment from { $from } to { $to }, { $place }. { $told }
staff-child-told = { $name } has been told.
staff-child-not-told = { $name } has not joined Touchbase, so please tell them yourself.
staff-calendar-caption = { $name }'s appointments, for your calendar.
staff-calendar-summary = { $name }: appointment

## How to use commands (shown when arguments are missing or wrong)

usage-invite = Use: /invite worker NAME (or host, or manager). Example: /invite worker Priya
usage-revoke = Use: /revoke NAME. Example: /revoke Priya
usage-transfer = Use: /transfer CHILD WORKER. Put a name with spaces in quotes: /transfer "Sam J" Priya
usage-enrol = Use: /enrol NAME [lang=en|cy] [born=DATE] [order_end=DATE] [sex=…] [gender=…] [ethnicity=…] [looked_after=yes|no] [phone=07…] [channel=telegram|sms]. Example: /enrol Sam lang=cy born=2/4/2011 phone=07700900123 channel=sms
usage-update = Use: /update NAME key=value. Example: /update Sam order_end=30/6/2027
usage-child = Use: /child NAME. Example: /child Sam
usage-link = Use: /link NAME. Example: /link Sam
usage-commitment = Use: /commitment NAME DAYS TIME-TIME LABEL [shown=yes]. DAYS is Mon, Mon-Fri, Sat,Sun or daily. Never write a victim's name. Example: /commitment Sam Mon-Fri 8.45am-3.15pm school
usage-slot = Use: /slot NAME DAY TIME [MINUTES] [place=...] [from=DATE] [override="reason"]. Never write a victim's name. Example: /slot Sam Tue 4pm 60 place=office
usage-endslot = Use: /endslot NAME DAY TIME. Example: /endslot Sam Tue 4pm
usage-apart = Use: /apart NAME OTHER. Put a name with spaces in quotes. Example: /apart Sam Jo
usage-skip = Use: /skip NAME DATE [reason]. Never write a victim's name. Example: /skip Sam 28/12 bank holiday
usage-move = Use: /move NAME DATE NEWDATE TIME [place=...]. Example: /move Sam Tue Wed 4pm
usage-calendar = Use: /calendar NAME. Example: /calendar Sam
usage-carer = Use: /carer NAME [phone=07…]. Example: /carer Sam phone=07700900123

## After each appointment: attendance, the kind follow-up, praise

child-missed-you = We missed you at your meeting on { $date }. Are you OK, and what happened?
button-talk-to-worker = I'd like to talk to my worker
child-thanks-missed = Thank you for telling us. Your worker will get in touch.
child-worker-will-call = Thank you. Your worker will get in touch soon.
child-praise = Thanks for coming to your meeting. Well done!
child-praise-streak = That's { $count } meetings in a row. Amazing, keep it up!
carer-praise = { $name } came to their meeting. Thank you for your support.
carer-missed = { $name } missed their meeting on { $date }. Their worker will be in touch.

staff-attendance-question = How did { $name }'s appointment go? { $when }, { $place }.
staff-button-came = Came
staff-button-late = Late
staff-button-missed = Didn't come
staff-attendance-answered =
    { $question }
    Recorded: { $outcome }.
staff-attendance-none-started = { $name } has no appointment that has started yet.
staff-attendance-none-on = { $name } has no appointment that started on { $date }.
staff-attendance-not-on = { $name }'s appointment on { $when } did not go ahead, so there is nothing to record.
staff-attendance-not-yet = { $name }'s appointment on { $when } has not started yet.
staff-attendance-same = Already recorded: { $name }, { $when }: { $outcome }.
staff-attendance-too-late = { $name }'s appointment on { $when } was more than a week ago, so its record can no longer be changed.
staff-attendance-recorded = Recorded: { $name }, { $when }: { $outcome }.
staff-attendance-corrected = Corrected: { $name }, { $when }: { $to } (was { $from }). The earlier record stays in the history.
staff-follow-up-not-joined = { $name } has not joined Touchbase, so could not be asked what happened. Please follow this up another way.
staff-engagement-alert = { $name } (worker { $worker }) has missed { $count } appointments in a row. Please follow this up with them and their family, and think about what would help.
staff-missed-reason =
    { $name } says why they missed { $when }:
    { $because }
    Is this reason acceptable?
staff-child-wants-to-talk = { $name } would like to talk to you (after missing { $when }).
staff-button-acceptable = Acceptable
staff-button-not-acceptable = Not acceptable
staff-reason-judged =
    { $notice }
    Marked: { $verdict }.
staff-reason-acceptable = Recorded: { $name }'s reason is acceptable.
staff-reason-not-acceptable = Recorded: { $name }'s reason is not acceptable. A warning is your decision: nothing happens unless you give one.
staff-button-warn-for = Give { $name } a warning...
staff-warn-ask-why = Why are you warning { $name }? Type the reason in a few words.

## Warnings and the engagement panel

child-warning = Your worker has given you a warning.
child-warning-meaning = A warning means you need to come to your meetings.
child-warning-help = Your worker still wants to help you. Tell them if something makes it hard.
staff-warn-confirm =
    Give { $name } a warning?
    Reason: { $reason }
    Warnings so far: { $count }. { $name } will be told what it means. More than one warning puts { $name } in the engagement panel queue.
staff-button-give-warning = Yes, give the warning
staff-button-no-warning = No
staff-warning-already-settled = This warning was already given or dropped.
staff-warning-dropped = No warning given to { $name }.
staff-warning-given = Warning given to { $name }. Warnings in this order: { $count }.
staff-panel-referral = { $name } (worker { $worker }) now has { $count } warnings, so they are in the engagement panel queue. The evidence is attached. Use /panel to record the panel's outcome.
staff-evidence-caption = Evidence for the engagement panel: { $name }
staff-evidence-title = Evidence for the engagement panel: { $name }
staff-evidence-about = Worker: { $worker }. Order ends: { $order_end }. In the queue since: { $referred }. Warnings: { $warnings }.
staff-evidence-summary = Came: { $came }. Late: { $late }. Missed: { $missed }. Not recorded: { $unrecorded }. Skipped: { $skipped }. Suspended: { $suspended }. Could not be reached: { $unreachable }. Kept in a row now: { $streak }. Longest run kept: { $best }.
staff-evidence-appointments = Appointments ({ $count }):
staff-evidence-occurrence = • { $when }: { $attendance }. Child's answer: { $answer }. Reason: { $reason }. { $reached }
staff-evidence-none = none
staff-evidence-attendance = { $outcome }
staff-evidence-corrected = { $outcome } (corrected from { $earlier })
staff-evidence-not-recorded = not recorded
staff-evidence-reason = { $reason } ({ $judged })
staff-evidence-not-judged = not yet judged
staff-evidence-unreachable = Could not be reached about it.
staff-evidence-reached = Could be reached.
staff-evidence-warnings = Warnings ({ $count }):
staff-evidence-warning = • { $when }, given by { $by }: { $reason }
staff-evidence-suspensions = Suspensions ({ $count }):
staff-evidence-referrals = Earlier panel items ({ $count }):
staff-referral-line = • { $when }: { $outcome }. Note: { $note }
staff-panel-open = in the queue now
staff-panel-never = never referred
staff-panel-support-plan = Support plan agreed
staff-panel-change-time = Change of time or place
staff-panel-more-help = More help from another service
staff-panel-closed = Closed
staff-button-evidence = Evidence
staff-panel-empty = Nobody is in the engagement panel queue.
staff-panel-queue = Engagement panel queue: { $count } (oldest first).
staff-panel-item = { $name } (worker { $worker }), in the queue since { $since }. Warnings: { $warnings }. Missed: { $missed }. Kept in a row: { $streak }.
staff-panel-already-decided = The panel's outcome for { $name } is already recorded.
staff-panel-decided = Panel outcome for { $name }: { $outcome }.
staff-panel-note-ask = Type a short note about the panel's decision for the record, or carry on with any command. Please do not write a victim's name.
staff-panel-note-saved = Note saved.
staff-state-scheduled = on
staff-state-skipped = skipped
staff-state-moved = moved
staff-state-suspended = suspended
staff-state-cancelled = cancelled

## Suspensions

child-paused = Your meetings stop from { $from } to { $to }. Your worker will tell you when they start again.
carer-paused = { $name }'s meetings stop from { $from } to { $to }.
staff-suspension-requested =
    Sent to the managers: { $name }'s suspension.
    { $long ->
        [yes] It is longer than a month, so it needs the court's variation reference before it can be approved.
       *[other] You will hear when it is decided.
    }
staff-suspension-request =
    { $worker } asks to suspend { $name }'s appointments from { $from } to { $to } ({ $days } days).
    Reason: { $reason }
    { $long ->
        [yes] Longer than a month: approving needs the court's variation reference.
       *[other] Approve or refuse?
    }
staff-button-approve = Approve
staff-button-refuse = Refuse
staff-suspension-backwards = The end date is before the start date.
staff-suspension-past = That period has already ended.
staff-suspension-overlaps = { $name } already has a suspension from { $from } to { $to } (asked for or approved).
staff-suspension-already-decided = This suspension has already been decided.
staff-suspension-needs-reference = This suspension is longer than a month, so the court must vary the order first. Type the court's variation reference to approve it, or tap Refuse.
staff-suspension-bad-reference = Please type the court's variation reference (up to { $max } characters).
staff-suspension-approved = { $name }'s suspension from { $from } to { $to } was approved by { $manager }. No reminders, no attendance questions and no misses in that time.
staff-suspension-refused = { $name }'s suspension from { $from } to { $to } was refused by { $manager }. Appointments go on as booked.
staff-suspension-line = • { $from } to { $to }: { $state }. Reason: { $reason }. Court variation reference: { $reference }
staff-suspension-state-requested = waiting for a manager
staff-suspension-state-approved = approved
staff-suspension-state-refused = refused
staff-move-into-suspension = { $name }'s appointments are suspended on that date. Please choose another date.

## The child's card: engagement

staff-glance = { $marks }
staff-glance-none = no appointments yet
staff-card-reason = • { $when }: { $reason } ({ $judged })
staff-child-engagement =
    Last 8 weeks: { $glance }
    (✅ came, 🕒 late, ❌ missed, ❔ not recorded, ⏸ suspended, ➖ skipped)
    Kept in a row: { $streak }
    Reasons given ({ $reason_count }):
    { $reasons }
    Warnings ({ $warning_count }):
    { $warnings }
    Engagement panel: { $panel }
    Suspensions ({ $suspension_count }):
    { $suspensions }
    Could not be reached about { $unreachable } appointments.

cmd-attended = Record that a child came
cmd-missed = Record that a child missed an appointment
cmd-warn = Give a child a warning (you confirm first)
cmd-suspend = Ask a manager to suspend appointments
cmd-panel = The engagement panel queue
usage-attended = Use: /attended NAME [late] [DATE]. Example: /attended Sam late
usage-missed = Use: /missed NAME [DATE]. Example: /missed Sam
usage-warn = Use: /warn NAME REASON. Never write a victim's name. Example: /warn Sam missed two appointments without a reason
usage-suspend = Use: /suspend NAME FROM TO REASON. Never write a victim's name. Example: /suspend Sam 1/12 14/12 in hospital
staff-warning-given-by = { $by } gave { $name } a warning. Reason: { $reason }

## Drop-in sessions

child-dropin = { $title }: { $when }, { $minutes } minutes. { $places }
child-dropin-places = { $left ->
        [one] 1 place left.
       *[other] { $left } places left.
    }
child-dropin-full = It is full, but you can join the waiting list.
child-no-dropins = There are no drop-ins for you right now.
child-dropin-already = You are already signed up for this one.
child-dropin-not-available = Sorry, this drop-in is not available.
child-dropin-clash = Sorry, this is at the same time as something you have on then.
child-dropin-clash-named = Sorry, this is at the same time as { $label }.
child-dropin-clash-meeting = Sorry, this is at the same time as a meeting with your worker.
child-dropin-signed-up = You are signed up for { $title }, { $when }. You will get the link to join just before.
child-dropin-waiting = { $title } is full, so you are on the waiting list. You are number { $position }.
child-no-signups = You are not signed up for any drop-ins. Send /dropins to see them.
child-no-signups-sms = You are not signed up for any drop-ins.
child-my-dropin = { $title }: { $when }.
child-my-dropin-waiting = { $title }: { $when }. You are number { $position } on the waiting list.
child-dropin-left = OK, you are no longer signed up for { $title }.
child-dropin-place-opened = Good news! You now have a place at { $title }, { $when }.
child-dropin-link = { $title } starts soon. Tap here to join: { $link }
child-dropin-link-sms = { $title } starts soon. Join here: { $link }
child-dropin-cancelled = Sorry, { $title } on { $when } is not happening.
child-dropin-invited = You are invited to { $title }, { $when }. Tap to sign up.
child-dropin-invited-sms = You are invited to { $title }, { $when }. Reply YES to join.
child-dropin-place-withdrawn = Sorry, your place at { $title } is no longer available.
button-sign-up = Sign up
button-join-waiting-list = Join the waiting list
button-cancel-signup = Cancel

staff-dropin-created =
    Drop-in { $dropin } is set up: { $summary }
    The join link goes to those signed up { $lead } minutes before the start.{ $invited ->
        [yes] {" "}Only invited children see it: use /dropin_invite.
       *[other] {""}
    }
staff-dropin-audience = ages { $ages }, { $sex ->
        [female] girls only
        [male] boys only
       *[other] anyone
    }
staff-dropin-summary = { $when }, { $minutes } minutes, { $signed }/{ $capacity } signed up, { $waiting } waiting, { $audience }.
staff-no-dropins = There are no drop-ins coming up. Create one with /dropin.
staff-dropin-line = • { $dropin }: { $summary }
staff-dropins =
    Drop-ins coming up ({ $count }):
    { $dropins }
staff-dropin-not-yours = Drop-in #{ $id } is run by another host. Only they or a manager can do that.
staff-no-such-dropin = There is no drop-in #{ $id }. Send /dropins to see them.
staff-roster-line = • { $name } ({ $worker })
staff-button-mark-came = { $name }: came?
staff-button-came-to-dropin = ✅ { $name } came
staff-roster =
    { $dropin }, { $when } ({ $state ->
        [cancelled] cancelled
       *[other] on
    })
    Signed up ({ $signed_count }/{ $capacity }):
    { $signed }
    Waiting list ({ $waiting_count }):
    { $waiting }
    Came: { $came }. Tap a name to record who came.
staff-dropin-not-started = This drop-in has not started yet.
staff-dropin-separated = { $name } can no longer come to { $dropin }. They were told only that their place is no longer available.
staff-dropin-link-failed = The join link for { $dropin } could not be sent. Please send it to those signed up another way.
staff-dropin-cannot-cancel = { $dropin } has already started or is already cancelled.
staff-dropin-cancelled = { $dropin } is cancelled. { $told ->
        [one] 1 child was told.
       *[other] { $told } children were told.
    }
staff-dropin-cannot-invite = { $dropin } has started or is cancelled, so nobody can be invited.
staff-dropin-invited = Invited to { $dropin }: { $count }.
staff-dropin-not-invited = Not invited: { $count }. To keep children's details private, I can't say who or why. Their worker can check.
staff-dropin-invite-passed-on = If { $name } can come, they are invited now and told. To keep children's details private, I can't say more.
staff-dropin-caseload-own = You can invite a whole caseload only if it is yours. Invite children by name, or ask a manager.
usage-dropin = Use: /dropin title="..." at="DATE TIME" [minutes=N] [capacity=N] [ages=A-B] [sex=female|male|any] [invited=yes] link=URL. Example: /dropin title="Art club" at="Fri 6pm" capacity=8 ages=13-17 link=https://zoom.us/j/123
usage-roster = Use: /roster ID. Example: /roster 12
usage-cancel-dropin = Use: /cancel_dropin ID [reason]. Example: /cancel_dropin 12 host ill
usage-dropin-invite = Use: /dropin_invite ID NAME, or /dropin_invite ID caseload=WORKER. Example: /dropin_invite 12 Sam
cmd-dropin = Create a drop-in session
cmd-dropins = Drop-ins coming up
cmd-roster = Who is signed up for a drop-in
cmd-cancel-dropin = Cancel a drop-in
cmd-dropin-invite = Invite children to a drop-in
cmd-mine = My drop-ins

## Waiting on the worker, in /children

staff-today =
    Today, { $date } ({ $count }):
    { $lines }
staff-week =
    The next 7 days, from { $date } ({ $count }):
    { $lines }
staff-service-today =
    The whole service today, { $date } ({ $count }):
    { $lines }
staff-service-week =
    The whole service, the next 7 days from { $date } ({ $count }):
    { $lines }
staff-today-none = Nothing is booked for today.
staff-week-none = Nothing is booked for the next 7 days.
staff-service-today-none = Nothing is booked in the service today.
staff-service-week-none = Nothing is booked in the service for the next 7 days.
staff-diary-worker = <b>{ $name }</b>
staff-diary-day = <b>{ $date }</b>
staff-diary-line = • { $time } { $name }, { $place } — { $answer }
staff-diary-more = Other children: { $count }. Send /child NAME to open a child's card.
staff-button-card = { $name }
staff-child-line-waiting =
    { $line }
    { $waiting }
staff-waiting-attendance = { "  " }⚠ { $count ->
        [one] 1 appointment to record
       *[other] { $count } appointments to record
    }
staff-waiting-reasons = { "  " }⚠ { $count ->
        [one] 1 reason to look at
       *[other] { $count } reasons to look at
    }
staff-waiting-panel = { "  " }⚠ in the engagement panel queue

## Figures for the board

staff-figures =
    Figures for { $first } to { $last }
    Children: { $children }. Appointments: { $scheduled } (confirmed: { $confirmed }).
    Came: { $came }. Late: { $late }. Missed: { $missed }. Not reached: { $not_reached }.
    Warnings: { $warnings }. Panel referrals: { $referrals }. Drop-ins held: { $dropins }.
    On texts: { $on_texts } children. Texts sent: { $texts } ({ $parts } parts).
    { $flag_count ->
        [0] Nothing flagged.
       *[other] Flagged (relative rate index 1.25 or more):
    }
    { $flags }
staff-figures-number = { $n }
staff-figures-flag = • { $measure }: { $group }, { $rri } times as often as { $reference }
staff-figures-suppressed = fewer than 3
staff-figures-csv-caption = Every table, as CSV. Counts of 1 or 2 show as "fewer than 3".
staff-figures-chart-caption = Attendance and warnings by ethnicity.
staff-chart-title = Attendance and warnings, { $first } to { $last }
staff-chart-attended = appointments kept (came, or late)
staff-chart-warned = children warned
usage-figures = Use: /figures [weeks=N]. Example: /figures weeks=4
cmd-figures = The figures for the board

## Records: export, erasure, retention, audit

staff-records-summary-title = What Touchbase holds about { $name } (on { $when })
staff-records-summary-counts =
    Touchbase keeps { $name }'s first name, language, and the details their worker recorded.
    Regular commitments (like school): { $commitments }
    Weekly appointments: { $slots }
    Appointments booked so far: { $appointments }
    Answers to reminders: { $answers }
    Attendance records: { $attendance }
    Reasons for missed appointments: { $reasons }
    Warnings: { $warnings }
    Engagement panel items: { $panel }
    Breaks in appointments (suspensions): { $suspensions }
    Parents or carers who get reminders: { $carers }
    Drop-in sign-ups: { $dropins }
staff-records-summary-rights = Every record is in the file records.json. You can ask for any of it to be corrected, or for all of it to be erased.
staff-records-export-caption = Everything held about { $name }, for a subject access request. Keep it safe.
staff-records-summary-caption = A plain summary for { $name } or their family.
staff-records-erase-confirm = Erase everything held about { $name }? Their appointments, answers, reasons, warnings, panel items, carers and sign-ups all go. This cannot be undone.
staff-records-button-erase = Yes, erase { $name }'s records
staff-records-button-keep = No, keep them
staff-records-already-erased = These records have already been erased.
staff-records-kept = Nothing erased: { $name }'s records are kept.
staff-records-erased = A child's records were erased by { $by }. Nothing about them is kept.
staff-records-audit =
    Audit trail for { $name }: { $count } entries (showing the newest { $shown }).
    { $entries }
staff-records-audit-line = • { $when } { $action } by { $by }
staff-records-retention-done = Retention: the records of { $count ->
        [one] 1 child
       *[other] { $count } children
    } whose order ended long enough ago were erased today.
usage-export = Use: /export NAME. Example: /export Sam
usage-erase = Use: /erase NAME. Example: /erase Sam
usage-audit = Use: /audit NAME. Example: /audit Sam
cmd-export = A child's records, for a subject access request
cmd-erase = Erase a child's records
cmd-audit = Who changed a child's record, and when
cmd-problems = Messages the bot could not handle
staff-job-failed = Touchbase could not do its "{ $job }" job after many tries. Please ask whoever runs the bot to look at its log.
staff-updates-set-aside = Touchbase could not handle something a person sent, after several tries, so it set it aside. The person was told something went wrong. Send /problems to see what kind, and ask whoever runs the bot to look at its log.
staff-problems-none = Nothing is set aside: everything people sent was handled.
staff-problems =
    Set aside after they kept failing ({ $count }):
    { $lines }
    What they said is kept for whoever runs the bot, and not shown here.
staff-problems-line = • { $kind ->
        [message] Typed messages
        [tap] Button taps
        [media] Photos, voice notes and other media
       *[other] Blocks and unblocks
    }: { $count }, after { $failure ->
        [panic] a crash
       *[other] an error
    }. The last on { $when }.

## What children and carers send of their own accord, passed to their worker.
child-worker-has-it = Thanks. Your worker has your message.
carer-worker-has-it = Thanks. The worker has your message.
staff-child-wrote = { $name } wrote: “{ $words }”
staff-carer-wrote = { $name }'s parent or carer wrote: “{ $words }”
staff-child-sent = { $name } sent you { $what ->
        [voice] a voice note
        [photo] a photo
        [sticker] a sticker
        [document] a file
        [video] a video
       *[other] something
    }. Here it is:
staff-carer-sent = { $name }'s parent or carer sent you { $what ->
        [voice] a voice note
        [photo] a photo
        [sticker] a sticker
        [document] a file
        [video] a video
       *[other] something
    }. Here it is:
staff-child-answered-plan = { $name } answered "How will you get there?" for { $when }: “{ $words }”
staff-child-answered-missed = { $name } answered "Are you OK, and what happened?" about { $when }: “{ $words }”
staff-words-go-on = …{ $words }
staff-child-digest = { $name } sent more within a minute ({ $count }):
    { $lines }
staff-carer-digest = { $name }'s parent or carer sent more within a minute ({ $count }):
    { $lines }
staff-digest-words = • { $when } “{ $words }”
staff-digest-media = • { $when } { $what ->
        [voice] a voice note
        [photo] a photo
        [sticker] a sticker
        [document] a file
        [video] a video
       *[other] something
    } (below)
staff-words-in-full = In full: “{ $words }”

## Guided flows: a command sent bare asks for its pieces one at a time, in one message.
staff-flow-step =
    { $so_far }

    { $question }
staff-flow-piece = { $field }: { $value }
staff-flow-value = { $value }
staff-flow-check = Is this right? Tap Confirm, or Back to change it.
staff-flow-done = { $so_far }
staff-flow-cancelled = Cancelled. Nothing was changed.
staff-flow-ended = That question has ended. Send the command again to start over.
staff-flow-tap-confirm = Tap Confirm, or Back to change something.
staff-flow-button-confirm = ✅ Confirm
staff-flow-button-back = ‹ Back
staff-flow-button-cancel = Cancel
staff-flow-yes = Yes
staff-flow-no = No
staff-flow-minutes = { $minutes } minutes
staff-flow-weekly = { $weekday } { $time }
staff-flow-dropin = { $title }, { $when }
staff-flow-days-weekdays = Monday to Friday
staff-flow-days-weekend = Saturday and Sunday
staff-flow-days-daily = Every day
staff-flow-role-worker = Case worker
staff-flow-role-host = Drop-in host
staff-flow-role-manager = Manager
staff-flow-title-slot = New weekly appointment
staff-flow-title-commitment = Something a child has on
staff-flow-title-endslot = End a weekly appointment
staff-flow-title-move = Move an appointment
staff-flow-title-apart = Keep two children apart
staff-flow-title-warn = Give a warning
staff-flow-title-suspend = Ask to pause appointments
staff-flow-title-transfer = Move a child to another worker
staff-flow-title-invite = Invite a member of staff
staff-flow-title-revoke = Stop someone's access
staff-flow-title-enrol = Add a child
staff-flow-title-dropin = New drop-in
staff-flow-title-roster = A drop-in's list
staff-flow-title-cancel-dropin = Cancel a drop-in
staff-flow-title-dropin-invite = Invite to a drop-in
staff-flow-ask-child = Which child? Tap one, or type their name.
staff-flow-ask-weekday = Which day of the week?
staff-flow-ask-time = What time? Tap one, or type it (like 4.30pm).
staff-flow-ask-minutes = How long?
staff-flow-ask-place = Where? Tap one, or type the place.
staff-flow-ask-days = Which days? Tap one, or type them (like Mon-Fri, or Mon,Wed).
staff-flow-ask-window = From when until when? Tap one, or type it (like 8.45am-3.15pm).
staff-flow-window = { $from } to { $to }
staff-flow-ask-label = What is it? Type a few words (like school). Only staff see this.
staff-flow-ask-shown = May the child see what it is? (Yes for school, say.)
staff-flow-ask-appointment = Which appointment?
staff-flow-ask-day = Which day? Tap one, or type it (like Wed, or 28/12).
staff-flow-ask-from = From which day? Tap one, or type it (like 28/12).
staff-flow-ask-until = Until which day? Tap one, or type it (like 28/12).
staff-flow-ask-reason = Why? Type a few words.
staff-flow-ask-other = Which other child? Tap one, or type their name.
staff-flow-ask-worker = Which worker? Tap one, or type their name.
staff-flow-ask-staff = Who? Tap one, or type their name.
staff-flow-ask-role = What will they do?
staff-flow-ask-name = What is their name? Type it.
staff-flow-ask-language = Which language?
staff-flow-ask-title = What is the drop-in called? Type it.
staff-flow-ask-link = What is the video call link? Paste it (it starts https://).
staff-flow-ask-dropin = Which drop-in? Tap one, or type its number.
staff-flow-ask-slot = Which weekly appointment?
staff-flow-ask-override = Why book it anyway? Type a few words. They are kept with the booking.
staff-flow-field-child = Child
staff-flow-field-weekday = Day
staff-flow-field-time = Time
staff-flow-field-minutes = Length
staff-flow-field-place = Place
staff-flow-field-days = Days
staff-flow-field-window = Hours
staff-flow-field-label = What
staff-flow-field-shown = Child sees what it is
staff-flow-field-appointment = Appointment
staff-flow-field-day = Day
staff-flow-field-from = From
staff-flow-field-until = Until
staff-flow-field-reason = Reason
staff-flow-field-other = Other child
staff-flow-field-worker = Worker
staff-flow-field-staff = Who
staff-flow-field-role = Role
staff-flow-field-name = Name
staff-flow-field-language = Language
staff-flow-field-title = Title
staff-flow-field-link = Link
staff-flow-field-dropin = Drop-in
staff-flow-field-slot = Weekly appointment
staff-flow-field-override = Booked anyway because
staff-flow-bad-weekday = I can't read “{ $value }” as a day of the week. For example: Tue
staff-flow-bad-days = I can't read “{ $value }” as days. For example: Mon-Fri
staff-flow-bad-window = I can't read “{ $value }” as hours. For example: 8.45am-3.15pm
staff-flow-bad-yes-no = Please tap Yes or No.
staff-flow-bad-choice = I can't read “{ $value }”. Please tap one of the buttons.
staff-flow-bad-weekly = I can't read “{ $value }” as a day and a time. For example: Tue 4pm
staff-flow-title-child = A child's card
staff-flow-title-link = A new link for a child
staff-flow-title-calendar = A child's calendar
staff-flow-title-export = A child's records
staff-flow-title-audit = A child's audit trail
staff-flow-title-erase = Erase a child's records
staff-flow-title-carer = Ask about a parent or carer
staff-flow-title-attended = Record that a child came
staff-flow-title-missed = Record a missed appointment
staff-flow-title-skip = Skip an appointment
staff-flow-no-slots = { $name } has no weekly appointments.
staff-flow-title-update = Change a child's details
staff-flow-ask-detail = What should change?
staff-flow-ask-change = { $detail ->
        [born] What is their date of birth? Type it (like 2/4/2011).
        [order_end] When does their order end? Type it (like 31/1/2027).
        [phone] What is their mobile number? Type it (like 07700 900123).
       *[other] Which one?
    }
staff-flow-field-detail = Change
staff-flow-detail-lang = Language
staff-flow-detail-born = Date of birth
staff-flow-detail-order-end = Order ends
staff-flow-detail-sex = Sex
staff-flow-detail-gender = Gender
staff-flow-detail-ethnicity = Ethnicity
staff-flow-detail-looked-after = Looked after
staff-flow-detail-phone = Mobile number
staff-flow-detail-channel = How they are reached
staff-flow-channel-telegram = Telegram
staff-flow-channel-sms = Text messages

## A child's card: one message, and what a worker does next.
staff-child-card-whole =
    { $about }

    { $appointments }

    { $engagement }
staff-card-button-move = Move
staff-card-button-skip = Skip
staff-card-button-record = Record
staff-card-button-calendar = Calendar
staff-card-button-carers = Carers
staff-card-button-export = Export
