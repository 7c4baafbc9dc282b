# Touchbase — negeseuon Cymraeg.
#
# Mae'r allweddi'n dweud pwy sy'n eu darllen:
#   any-*    unrhyw un, gan gynnwys plant (a phobl heb wahoddiad)
#   child-*  plant (a gofalwyr)
#   button-* botymau mae plant yn eu tapio
#   cmd-*    disgrifiadau'r ddewislen gorchmynion
#   staff-*, usage-*  rheolwyr, gweithwyr a gwesteiwyr
#
# Mae negeseuon i blant yn dilyn y rheolau iaith glir yn README.md: dim mwy na dwy frawddeg
# fer, geiriau bob dydd, a dim byd na ddylai sgrin glo ei ddangos.
# Plant: y ffurf "ti". Staff: y ffurf "chi".
# Rhieni a gofalwyr (carer-*): y ffurf "chi" hefyd.

## I unrhyw un

any-no-invite = Helo! Mae angen dolen wahoddiad arnat ti i ddefnyddio hwn. Gofynna i dy weithiwr am un.
any-invite-unknown = Sori, dydy'r ddolen hon ddim yn gweithio. Gofynna am un newydd.
any-invite-used = Sori, mae'r ddolen hon wedi cael ei defnyddio'n barod. Gofynna am un newydd.
any-invite-expired = Sori, mae'r ddolen hon yn rhy hen. Gofynna am un newydd.
any-already-joined = Rwyt ti wedi ymuno'n barod. Anfona /help i weld beth alli di ei wneud.
any-unknown-command = Sori, dw i ddim yn deall hynny. Anfona /help i weld beth alli di ei wneud.
any-not-allowed = Sori, alli di ddim defnyddio hynny yma. Anfona /help i weld beth alli di ei wneud.
any-use-commands = Dim ond pethau fel /help dw i'n eu deall. Anfona /help i'w gweld nhw.
any-old-button = Sori, dydy'r botwm yna ddim yn gweithio nawr.
any-old-button-sms = Sori, mae'r cwestiwn yna wedi cau.
any-something-went-wrong = Sori, aeth rhywbeth o'i le. Tria eto nes ymlaen.
any-slow-down = Mae hynny'n llawer o negeseuon ar unwaith. Bydda i'n darllen rhai newydd ymhen munud.
any-choose-language = Pa iaith wyt ti eisiau?
any-language-set = Iawn. Bydda i'n ysgrifennu atat ti yn { $language ->
        [Cymraeg] Gymraeg
       *[other] { $language }
    }.
any-help-line = /{ $command } - { $description }

## Botymau

button-language = { $language }
button-add-to-calendar = Ychwanegu at fy nghalendr
button-yes = Bydda i yno
button-no = Alla i ddim dod
button-change-time = Dw i angen newid yr amser
button-help-getting-there = Dw i angen help i gyrraedd
button-reason-ill = Dw i'n sâl
button-reason-transport = Dim ffordd o gyrraedd
button-reason-school-or-work = Ysgol neu waith
button-reason-family = Teulu
button-reason-forgot = Wnes i anghofio
button-reason-other = Rhywbeth arall
button-carer-yes = Ydy, mae hynny'n iawn
button-carer-no = Dim diolch
button-carer-stop = Stopio anfon fy nodiadau atgoffa atyn nhw

## Dyddiadau, amseroedd a lleoedd (yn cael eu defnyddio mewn negeseuon eraill, i blant ac i staff)

# Enwau'r dyddiau mewn llythrennau bach ("dydd Mawrth"), achos maen nhw'n dod yng nghanol brawddeg:
# "bob dydd Mawrth", "cyfarfod dydd Mawrth 1 Rhagfyr", "Nesaf: dydd Mawrth 2026-12-01 16:00".
# Peidiwch â rhoi { $date } na { $when } ar ddechrau brawddeg, nac ar ôl "ar", "o", "i" neu "tan"
# (byddai angen treiglad: "ddydd Mawrth"); defnyddiwch "bob", colon, neu "cyfarfod { $date }".
weekday-mon = dydd Llun
weekday-tue = dydd Mawrth
weekday-wed = dydd Mercher
weekday-thu = dydd Iau
weekday-fri = dydd Gwener
weekday-sat = dydd Sadwrn
weekday-sun = dydd Sul
month-1 = Ionawr
month-2 = Chwefror
month-3 = Mawrth
month-4 = Ebrill
month-5 = Mai
month-6 = Mehefin
month-7 = Gorffennaf
month-8 = Awst
month-9 = Medi
month-10 = Hydref
month-11 = Tachwedd
month-12 = Rhagfyr
# "4yh", "4:30yh", "10yb"
time-of-day = { $hour }{ $minute ->
        [0] {""}
       *[other] :{ $minute_text }
    }{ $afternoon ->
        [yes] yh
       *[no] yb
    }
date-words = { $weekday } { $day } { $month }
date-words-year = { $weekday } { $day } { $month } { $year }
when-words = { $date }, { $time }
when-exact = { $weekday } { $date } { $time }
# Enwau lleoedd fel maen nhw wedi'u teipio: "Lle:" yn lle "yn", sy'n treiglo enw Cymraeg ac yn swnio'n
# rhyfedd o flaen enw Saesneg.
place-office = yn y swyddfa
place-named = Lle: { $place }
place-phone = dros y ffôn
place-video = ar alwad fideo

## I blant

child-welcome = Helo { $name }! Bydda i'n dy helpu di i gofio pryd rwyt ti'n cwrdd â dy weithiwr.
child-welcome-texts = Helo { $name }, Touchbase sydd yma: byddwn ni'n anfon neges atat ti cyn i ti weld dy weithiwr. Ateba STOP i stopio'r negeseuon.
child-texts-stopped = Fyddi di ddim yn cael rhagor o negeseuon testun gan Touchbase. Ateba START i'w cael nhw eto.
child-texts-started = Byddi di'n cael negeseuon testun Touchbase eto. Ateba STOP i'w stopio nhw.
any-unknown-number = Touchbase sydd yma, a dydyn ni ddim yn nabod y rhif hwn. Os oes gen ti weithiwr sy'n defnyddio Touchbase, gofynna iddyn nhw ei ychwanegu.
child-help =
    Dyma beth alli di ei wneud:
    { $commands }
child-next = Dy gyfarfod nesaf: { $when }, { $place }.
child-no-next = Does dim cyfarfod wedi'i drefnu i ti ar hyn o bryd.
child-slot-booked = Byddi di'n cwrdd â dy weithiwr bob { $weekday } am { $time }, { $place }.
child-slot-ended = Mae dy gyfarfodydd bob { $weekday } am { $time } wedi dod i ben.
child-skipped = Does dim cyfarfod { $date }. Bydd dy weithiwr yn dy weld di'r wythnos wedyn.
child-call-back = Bydd { $worker } yn dy ffonio di'n ôl am dy gyfarfod ar { $date }.
child-moved = Mae dy gyfarfod { $date } wedi symud. Yr amser newydd: { $when }, { $place }.
child-reminder-plan = Rwyt ti'n cwrdd â dy weithiwr: { $when }, { $place }. Sut byddi di'n cyrraedd?
child-reminder-soon = Rwyt ti'n cwrdd â dy weithiwr cyn bo hir: { $when }, { $place }. Fyddi di yno?
child-reminder-plan-sms = Rwyt ti'n gweld dy weithiwr: { $when }, { $place }. Ateba IE, NA, neu NEWID am amser newydd.
child-reminder-soon-sms = Rwyt ti'n gweld dy weithiwr cyn bo hir: { $when }, { $place }. Ateba IE, NA, neu NEWID am amser newydd.
child-answered =
    { $reminder }
    Dy ateb: { $answer }
child-thanks-yes = Gwych, wela i di bryd hynny!
child-ask-reason = Diolch am ddweud wrthon ni. Beth yw'r rheswm?
child-ask-reason-sms = Diolch am ddweud wrthon ni. Ateba gydag ychydig eiriau i ddweud pam na alli di ddod.
child-reason-given = Dy reswm: { $reason }
child-type-reason = Teipia ychydig eiriau i ddweud pam.
child-type-reason-sms = Ateba gydag ychydig eiriau i ddweud pam.
child-thanks-reason = Diolch. Bydd dy weithiwr yn cysylltu â ti.
child-thanks-change = Diolch. Bydd dy weithiwr yn cysylltu â ti am amser newydd.
child-thanks-help = Diolch. Bydd dy weithiwr yn dy helpu di i gyrraedd yno.
child-too-late = Sori, mae'r cyfarfod yma wedi dechrau neu wedi newid. Alli di ddim ateb hwn nawr.
child-carer-ask = Ydy hi'n iawn i riant neu ofalwr gael dy nodiadau atgoffa am gyfarfodydd hefyd? Galli di stopio hyn unrhyw bryd.
child-carer-ask-sms = Ydy hi'n iawn i riant neu ofalwr gael dy nodiadau atgoffa hefyd? Ateba IE neu NA.
child-carer-yes = Iawn. Bydd dy weithiwr yn anfon dolen atyn nhw.
child-carer-yes-texts = Iawn. Byddan nhw'n cael dy nodiadau atgoffa drwy neges destun.
child-carer-no = Iawn. Dim ond ti fydd yn cael dy nodiadau atgoffa.
child-carer-stopped = Iawn. Fyddan nhw ddim yn cael dy nodiadau atgoffa o hyn ymlaen.
child-carer-on = Mae rhiant neu ofalwr yn cael dy nodiadau atgoffa am gyfarfodydd hefyd.
child-carer-off = Dim ond ti sy'n cael dy nodiadau atgoffa am gyfarfodydd.
child-calendar-caption = Dy gyfarfodydd, ar gyfer dy galendr.
child-calendar-summary = Cwrdd â fy ngweithiwr

## I rieni a gofalwyr

# { $name } yw enw cyntaf y plentyn. Y ffurf "chi"; dim "e" na "hi" am y plentyn (defnyddiwch yr enw).
carer-welcome = Helo! Byddwch chi'n cael nodiadau atgoffa am gyfarfodydd { $name } yma.
carer-welcome-texts = Helo, Touchbase sydd yma: byddwch chi'n cael nodiadau atgoffa { $name } drwy neges destun. Atebwch STOP i'w stopio nhw.
carer-reminder = Nodyn atgoffa am gyfarfod { $name } gyda'r gweithiwr: { $when }, { $place }.
carer-next = Cyfarfod nesaf { $name }: { $when }, { $place }.
carer-no-next = Does dim cyfarfod wedi'i drefnu i { $name } ar hyn o bryd.
carer-stopped = Fyddwch chi ddim yn cael y nodiadau atgoffa yma o hyn ymlaen.

## Dewislenni gorchmynion

cmd-start = Dechrau
cmd-help = Beth alla i ei wneud
cmd-language = Newid fy iaith
cmd-invite = Gwahodd aelod o staff
cmd-staff = Rhestr staff
cmd-revoke = Dod â mynediad aelod o staff i ben
cmd-transfer = Symud plentyn at weithiwr arall
cmd-enrol = Cofrestru plentyn
cmd-update = Newid manylion plentyn
cmd-children = Fy llwyth achosion
cmd-today = Apwyntiadau heddiw
cmd-week = Apwyntiadau'r 7 diwrnod nesaf
cmd-child = Manylion un plentyn
cmd-link = Dolen wahoddiad newydd i blentyn
cmd-commitment = Cofnodi ysgol, gwaith neu ymrwymiad arall plentyn
cmd-slot = Trefnu apwyntiad wythnosol
cmd-endslot = Dod ag apwyntiad wythnosol i ben
cmd-apart = Cadw dau blentyn ar wahân
cmd-skip = Hepgor un apwyntiad
cmd-move = Symud un apwyntiad
cmd-calendar = Apwyntiadau plentyn ar gyfer fy nghalendr
cmd-next = Fy nghyfarfod nesaf
cmd-carer = Gofyn i blentyn a gaiff rhiant neu ofalwr y nodiadau atgoffa hefyd
cmd-carers = Pwy arall sy'n cael fy nodiadau atgoffa

## I staff

staff-welcome = Croeso, { $name }. Rydych chi wedi ymuno fel { $role ->
        [manager] rheolwr
        [host] gwesteiwr sesiynau galw heibio
       *[worker] gweithiwr achos
    }. Anfonwch /help i weld beth allwch chi ei wneud.
staff-help =
    Eich gorchmynion:
    { $commands }
staff-person-joined = Mae { $name } wedi ymuno â Touchbase.
staff-access-ended = Mae eich mynediad i Touchbase wedi dod i ben. Siaradwch â'ch rheolwr os yw hyn yn gamgymeriad.
staff-bad-name = Gall enw fod hyd at { $max } llythyren, heb unrhyw nodau cudd.
staff-bad-arguments = Doeddwn i ddim yn gallu darllen hynny: { $problem }.
    { $example }
staff-bad-option = Dydy { $option }={ $value } ddim yn ddilys. Defnyddiwch { $expected }.
staff-bad-date = Alla i ddim darllen { $value } fel dyddiad. Er enghraifft: 28/12
staff-bad-time = Alla i ddim darllen { $value } fel amser. Er enghraifft: 4yp
staff-which-day-ahead = Heddiw yw { $weekday }. Anfonwch e eto gyda heddiw, neu gyda { $weekday } nesaf am wythnos i heddiw.
staff-which-day-back = Heddiw yw { $weekday }. Anfonwch e eto gyda heddiw, neu gyda { $weekday } diwethaf am wythnos yn ôl.
staff-bad-dropin-at = Alla i ddim darllen at={ $value }. Rhowch ddiwrnod ac amser, er enghraifft: at="Gwener 6yp"
staff-unknown-option = Dw i ddim yn adnabod yr opsiwn { $option }. Gallwch chi ddefnyddio: { $options }.
staff-unlikely-age = Mae born={ $value } yn golygu bod y plentyn yn { $age } oed. Gwiriwch y dyddiad.
staff-order-end-past = Mae order_end={ $value } yn y gorffennol. Gwiriwch y dyddiad.
staff-invite-made =
    Gwahoddiad ar gyfer { $name } ({ $role ->
        [manager] rheolwr
        [host] gwesteiwr sesiynau galw heibio
       *[worker] gweithiwr achos
    }). Anfonwch y ddolen hon atyn nhw; mae'n gweithio unwaith, tan { $expires }:
    { $link }
    Neu gallan nhw anfon hyn at y bot: /start { $code }
staff-name-taken = Mae { $role ->
        [manager] rheolwr
        [host] gwesteiwr sesiynau galw heibio
       *[worker] gweithiwr achos
    } o'r enw { $name } eisoes. Defnyddiwch enw arall (ychwanegwch flaenlythyren).
staff-list =
    Staff ({ $count }):
    { $people }
staff-list-caseload = • { $name } - { $role ->
        [manager] rheolwr
        [host] gwesteiwr sesiynau galw heibio
       *[worker] gweithiwr achos
    }, { $children ->
        [zero] dim plant
        [one] 1 plentyn
        [two] 2 blentyn
        [few] 3 phlentyn
        [many] 6 phlentyn
       *[other] { $children } plentyn
    }
staff-list-host = • { $name } - gwesteiwr sesiynau galw heibio
staff-list-pending = • { $name } - { $role ->
        [manager] rheolwr
        [host] gwesteiwr sesiynau galw heibio
       *[worker] gweithiwr achos
    }, wedi cael gwahoddiad, heb ymuno eto
staff-no-such-staff = Does dim aelod o staff o'r enw { $name }. Anfonwch /staff i weld y rhestr.
staff-no-such-worker = Does dim gweithiwr achos o'r enw { $name }. Anfonwch /staff i weld y rhestr.
staff-cannot-revoke-self = Allwch chi ddim dod â'ch mynediad eich hun i ben. Gofynnwch i reolwr arall.
staff-revoke-has-children = Mae gan { $name } { $children ->
        [zero] ddim plant
        [one] 1 plentyn
        [two] 2 blentyn
        [few] 3 phlentyn
        [many] 6 phlentyn
       *[other] { $children } plentyn
    } o hyd. Symudwch nhw'n gyntaf: /transfer PLENTYN GWEITHIWR
staff-revoked = Does gan { $name } ddim mynediad mwyach.
staff-no-such-child = Does dim plentyn o'r enw { $name } ar eich llwyth achosion. Anfonwch /children i'w weld.
staff-child-ambiguous = Mae mwy nag un plentyn o'r enw { $name }. Gofynnwch i weithiwr y plentyn, neu defnyddiwch /transfer i ddewis.
staff-which-child = Mae mwy nag un plentyn o'r enw { $name }. Pa un?
staff-no-appointments-coming = Does gan { $name } ddim apwyntiadau i ddod.
staff-button-child-of-worker = { $name } ({ $worker })
staff-already-on-caseload = Mae { $name } ar lwyth achosion { $worker } yn barod.
staff-transfer-name-clash = Mae gan { $worker } blentyn o'r enw { $name } yn barod. Newidiwch un enw yn gyntaf gyda /update.
staff-transferred = Mae { $name } nawr ar lwyth achosion { $worker }.
staff-transfer-not-joined = Dydy { $worker } ddim wedi ymuno â Touchbase eto, felly fydden nhw ddim yn clywed am { $name }. Gofynnwch iddyn nhw ymuno gyda'u gwahoddiad yn gyntaf.
staff-child-moved-away = Mae { $name } wedi symud i lwyth achosion { $worker }.
staff-child-moved-to-you = Mae { $name } nawr ar eich llwyth achosion chi. Anfonwch /child { $name } i weld y manylion.
staff-child-exists = Mae gennych chi blentyn o'r enw { $name } yn barod. Defnyddiwch enw arall, neu /update i newid y manylion.
staff-phone-taken = Mae'r rhif ffôn symudol hwnnw'n perthyn i blentyn arall yn barod. Dim ond un plentyn all gael pob rhif, fel nad yw eu negeseuon testun byth yn cymysgu.
staff-enrolled-texts = Wedi cofrestru { $name } ar negeseuon testun, ac mae neges groeso wedi mynd atyn nhw. Does dim angen dolen arnyn nhw.
staff-enrolled-needs-phone = Wedi cofrestru { $name }. Maen nhw o dan 16, felly dydy Telegram ddim ar eu cyfer nhw. Ychwanegwch eu rhif ffôn symudol i gysylltu drwy neges destun: /update { $name } phone=07700900123
staff-texts-need-phone = I gysylltu â { $name } drwy neges destun, ychwanegwch eu rhif ffôn symudol hefyd, er enghraifft phone=07700900123
staff-texts-not-set-up = Dydy negeseuon testun ddim wedi'u gosod ar gyfer y gwasanaeth hwn eto. Gofynnwch i bwy bynnag sy'n rhedeg Touchbase ychwanegu GOV.UK Notify.
staff-under-16-no-telegram = Mae { $name } o dan 16, a dim ond ar gyfer pobl 16 oed a hŷn mae Telegram. Cysylltwch drwy neges destun yn lle hynny: ychwanegwch phone=07700900123
staff-child-on-texts = Mae { $name } ar negeseuon testun, felly does dim angen dolen arnyn nhw.
staff-texts-would-suit = Mae { $name } o dan 16. Mae Telegram ar gyfer pobl 16 oed a hŷn, felly byddai negeseuon testun yn well: /update { $name } channel=sms
staff-child-texted-stop = Anfonodd { $name } STOP, felly dydy dim rhagor o negeseuon testun yn mynd atyn nhw. Cysylltwch â nhw mewn ffordd arall. Os byddan nhw'n anfon START, bydd y negeseuon yn dechrau eto.
staff-child-texted-start = Anfonodd { $name } START, felly byddan nhw'n cael negeseuon testun eto.
staff-child-moved-to-texts = Dydy { $name } ddim yn gallu cael negeseuon Telegram mwyach (wedi rhwystro Touchbase neu wedi gadael Telegram), felly maen nhw'n cael negeseuon testun yn lle hynny. Os byddan nhw'n ysgrifennu ar Telegram eto, byddan nhw'n symud yn ôl.
staff-child-texts-fail = Dydy negeseuon testun i rif { $name } ddim yn cyrraedd: efallai bod y rhif yn anghywir neu ddim yn cael ei ddefnyddio mwyach. Gwiriwch ef gyda nhw mewn ffordd arall.
staff-carer-texts-fail = Dydy negeseuon testun i riant neu ofalwr { $name } ddim yn cyrraedd: efallai bod y rhif yn anghywir neu ddim yn cael ei ddefnyddio mwyach.
staff-child-text-not-delivered = Chafodd ffôn { $name } mo'r nodyn atgoffa ar gyfer { $when } (efallai ei fod wedi'i ddiffodd). Efallai yr hoffech chi eu ffonio nhw.
staff-text-set-aside = Doedd Touchbase ddim yn gallu darllen neges destun gan { $name }. Cysylltwch â nhw i ofyn beth ddywedon nhw.
staff-status-texts = ar negeseuon testun, i { $phone }
staff-status-texts-stopped = wedi anfon STOP, felly does dim negeseuon testun yn mynd atyn nhw
staff-status-texts-unreachable = dydy negeseuon testun i'w rhif ddim yn cyrraedd
staff-channel-telegram = Telegram
staff-channel-texts = negeseuon testun
staff-channel-texts-stopped = negeseuon testun (wedi stopio: anfonon nhw STOP)
staff-child-already-joined = Mae { $name } wedi ymuno'n barod, felly does dim angen dolen newydd.
staff-enrolled =
    Wedi cofrestru { $name }. Anfonwch y ddolen hon at y plentyn; mae'n gweithio unwaith, tan { $expires }:
    { $link }
staff-updated = Mae manylion { $name } wedi'u diweddaru.
staff-no-children = Does dim plant ar eich llwyth achosion eto. Cofrestrwch un gyda /enrol ENW.
staff-children =
    Eich llwyth achosion ({ $count }):
    { $children }
staff-child-line = • { $name }: { $status }. Nesaf: { $next }
staff-status-joined = wedi ymuno
staff-status-invited = wedi cael gwahoddiad, dolen yn ddilys tan { $expires }
staff-status-invite-expired = heb ymuno, dolen wedi dod i ben (anfonwch /link i greu un newydd)
staff-status-unreachable = dim modd cysylltu drwy Telegram
value-not-recorded = heb ei gofnodi
value-yes = ydy
value-no = nac ydy
value-sex-female = benyw
value-sex-male = gwryw
value-gender-female = benyw
value-gender-male = gwryw
value-gender-non-binary = anneuaidd
value-gender-other = arall
value-ethnicity-asian = Asiaidd
value-ethnicity-black = Du
value-ethnicity-mixed = Treftadaeth gymysg
value-ethnicity-white = Gwyn
value-ethnicity-gypsy-roma-traveller = Sipsiwn, Roma neu Deithwyr
value-ethnicity-other = Arall
group-ethnicity-asian = plant Asiaidd
group-ethnicity-black = plant Du
group-ethnicity-mixed = plant o dreftadaeth gymysg
group-ethnicity-white = plant Gwyn
group-ethnicity-gypsy-roma-traveller = plant Sipsiwn, Roma a Theithwyr
group-ethnicity-other = plant o ethnigrwydd arall
group-ethnicity-not-recorded = plant heb gofnod o'u hethnigrwydd
group-looked-after = plant sy'n derbyn gofal
group-not-looked-after = plant nad ydynt yn derbyn gofal
group-care-not-recorded = plant heb gofnod o'u statws gofal
measure-warnings = Wedi cael rhybudd
measure-panel-referrals = Wedi'u cyfeirio at y panel
measure-missed = Wedi colli apwyntiadau
staff-child-card =
    <b>{ $name }</b>: { $status }
    Iaith: { $language }
    Oed: { $age }
    Gorchymyn yn dod i ben: { $order_end }
    Rhyw: { $sex }
    Rhywedd: { $gender }
    Ethnigrwydd: { $ethnicity }
    Derbyn gofal: { $looked_after }
    Ffôn symudol: { $phone }
    Cysylltu drwy: { $channel }
staff-child-unreachable = Dydy { $name } ddim yn gallu cael negeseuon Touchbase (wedi rhwystro'r bot neu wedi gadael Telegram). Cysylltwch â nhw mewn ffordd arall.
staff-child-unreachable-appointment = Does dim modd i { $name } gael negeseuon Touchbase (wedi rhwystro'r bot neu wedi gadael Telegram), felly chafodd nodyn atgoffa am yr apwyntiad { $when } mo'i anfon. Cysylltwch â nhw mewn ffordd arall.
staff-carer-unreachable = Does dim modd i riant neu ofalwr { $name } gael negeseuon Touchbase (wedi rhwystro'r bot neu wedi gadael Telegram).
staff-staff-unreachable = Does dim modd i Touchbase gyrraedd { $name } (wedi rhwystro'r bot neu wedi gadael Telegram), felly maen nhw'n colli negeseuon am eu gwaith.
staff-message-failed = Doedd dim modd anfon neges at { $name }. Cysylltwch â nhw mewn ffordd arall.
staff-messages-failed = Doedd dim modd anfon negeseuon at { $names }. Cysylltwch â nhw mewn ffordd arall.

staff-answer-notice =
    Mae { $name } wedi ateb am yr apwyntiad { $when }: { $answer }.
    { $because }
staff-answer-reason = Rheswm: { $reason }.
staff-answer-note = Geiriau'r plentyn: "{ $note }"
staff-answer-no-reason = Does dim rheswm wedi'i roi eto.
staff-button-open-child = Agor manylion { $name }
staff-button-move-one = Symud hwn
staff-button-book-anyway = Trefnu beth bynnag...
staff-button-skip-one = Hepgor hwn
staff-button-call-back = Nodi y byddaf yn ffonio'n ôl
staff-move-to-usage = Teipiwch ddiwrnod ac amser. Er enghraifft: Iau 4yp
staff-notice-too-late = Mae apwyntiad { $name } ar { $when } wedi dechrau neu newid yn barod. Does dim wedi newid.
staff-call-back-noted = Wedi nodi y byddwch yn ffonio'n ôl. { $told }
staff-reminder-not-joined = Dydy { $name } ddim wedi ymuno â Touchbase, felly does dim modd anfon nodyn atgoffa am yr apwyntiad { $when }. Atgoffwch nhw mewn ffordd arall, neu anfonwch /link { $name }.
staff-carer-not-joined = Dydy { $name } ddim wedi ymuno eto, felly does dim modd gofyn iddyn nhw. Anfonwch /link { $name } yn gyntaf.
staff-carer-already = Mae { $name } eisoes wedi dweud ie i riant neu ofalwr. Gall { $name } atal hyn gyda /carers.
staff-carer-asked = Rydyn ni wedi gofyn i { $name } a gaiff rhiant neu ofalwr y nodiadau atgoffa hefyd. Byddwch chi'n cael gwybod pan fyddan nhw'n ateb.
staff-carer-shares-number = Dyna rif { $name } ei hun, felly mae eu rhiant neu ofalwr yn gweld negeseuon testun { $name } yn barod. Does dim byd arall i'w anfon.
staff-carer-on-texts = Bydd rhiant neu ofalwr { $name } yn cael nodiadau atgoffa { $name } drwy neges destun o hyn ymlaen, ac mae neges groeso wedi mynd atyn nhw.
staff-carer-texted-stop = Anfonodd rhiant neu ofalwr { $name } STOP, felly does dim rhagor o negeseuon testun yn mynd atyn nhw.
staff-carer-texted-start = Anfonodd rhiant neu ofalwr { $name } START, felly byddan nhw'n cael negeseuon testun eto.
staff-carer-link =
    Mae { $name } wedi cytuno i riant neu ofalwr gael y nodiadau atgoffa hefyd. Anfonwch y ddolen hon at y rhiant neu'r gofalwr; mae'n gweithio unwaith, tan { $expires }:
    { $link }
staff-carer-refused = Dydy { $name } ddim eisiau i riant neu ofalwr gael y nodiadau atgoffa.
staff-carer-withdrawn = Mae { $name } wedi stopio'r nodiadau atgoffa i'r rhiant neu'r gofalwr.
staff-carer-joined = Mae rhiant neu ofalwr { $name } wedi ymuno â Touchbase.
staff-none-booked = dim wedi'u trefnu
staff-commitment-added = Wedi cofnodi ar gyfer { $name }: { $label }, { $days } { $window }.
staff-commitment-added-shown = Wedi cofnodi ar gyfer { $name }: { $label }, { $days } { $window }. Gall { $name } weld y gair "{ $label }".
staff-commitment-removed = Wedi tynnu { $label } ({ $days } { $window }) ar gyfer { $name }.
staff-commitment-line = • { $label }: { $days } { $window }
staff-commitments =
    Ymrwymiadau { $name }:
    { $commitments }
staff-no-commitments = Does dim ymrwymiadau wedi'u cofnodi ar gyfer { $name }. Ychwanegwch nhw gyda /commitment.
staff-button-remove = Tynnu { $label } ({ $days })
staff-bad-label = Gall y label fod hyd at { $max } nod.
staff-bad-minutes = Rhaid i'r hyd fod rhwng { $min } a { $max } munud.
staff-bad-place = Gall y lle fod hyd at { $max } nod (neu phone, neu video).
staff-reason-too-long = Gall y rheswm fod hyd at { $max } nod.
staff-date-in-past = Mae'r dyddiad a'r amser yna wedi mynd heibio. Dewiswch un hwyrach.
staff-outside-order = Mae hynny ar ôl i orchymyn { $name } ddod i ben ({ $order_end }).
staff-refused-clash =
    Heb ei drefnu:
    { $clashes }
    I'w drefnu beth bynnag, tapiwch Trefnu beth bynnag a dweud pam.
clash-commitment = • yn gwrthdaro â'r ymrwymiad { $label }, { $days } { $window }
clash-own-slot = • yn gwrthdaro ag apwyntiad { $name } bob { $weekday } am { $time }
clash-own-appointment = • yn gwrthdaro ag apwyntiad { $name }: { $when }
clash-kept-apart = • yn gwrthdaro ag apwyntiad plentyn sydd i'w gadw ar wahân, yn yr un lle
clash-worker-slot = • Mae { $worker } eisoes yn gweld plentyn arall bob { $weekday } am { $time }
clash-worker-appointment = • Mae { $worker } eisoes yn gweld plentyn arall ar { $when }
staff-overridden =
    Wedi'i drefnu er gwaethaf:
    { $clashes }
    Rheswm wedi'i gofnodi: { $reason }
staff-slot-booked = Wedi trefnu: { $name }, bob { $weekday } am { $time } am { $minutes } munud, { $place }, o { $from } { $until }. Nesaf: { $next }.
staff-until-date = tan { $date }
staff-until-open = nes bydd dyddiad diwedd y gorchymyn wedi'i osod
staff-slot-ended = Mae apwyntiadau { $name } bob { $weekday } am { $time } wedi dod i ben. { $cancelled ->
        [zero] Doedd dim apwyntiadau i ddod wedi'u trefnu.
        [one] Cafodd 1 apwyntiad i ddod ei ganslo.
        [two] Cafodd 2 apwyntiad i ddod eu canslo.
        [few] Cafodd 3 apwyntiad i ddod eu canslo.
        [many] Cafodd 6 apwyntiad i ddod eu canslo.
       *[other] Cafodd { $cancelled } apwyntiad i ddod eu canslo.
    }
staff-no-such-slot = Does gan { $name } ddim apwyntiad bob { $weekday } am { $time }. Anfonwch /child { $name } i weld yr apwyntiadau wythnosol.
staff-slot-line = • bob { $weekday } am { $time }, { $minutes } munud, { $place }
staff-occurrence-line = • { $when }, { $place } ({ $state }), { $answer }
staff-occurrence-answer = wedi ateb: { $answer }
staff-occurrence-no-answer = dim ateb eto
staff-child-appointments =
    Apwyntiadau wythnosol ({ $slot_count }):
    { $slots }
    Nesaf ({ $upcoming_count }):
    { $upcoming }
    Cadw ar wahân i { $apart ->
        [zero] ddim un plentyn
        [one] 1 plentyn
        [two] 2 blentyn
        [few] 3 phlentyn
        [many] 6 phlentyn
       *[other] { $apart } plentyn
    }.
staff-no-such-child-anywhere = Does dim plentyn o'r enw { $name } yn y gwasanaeth.
staff-apart-self = Does dim modd cadw plentyn ar wahân i'w hunan.
staff-apart-already = Mae { $name } eisoes ar wahân i { $other }.
staff-apart-done = Fydd apwyntiadau { $name } byth yn yr un lle ar yr un pryd ag apwyntiadau { $other }, nac yn yr un sesiwn galw heibio. Fydd y naill na'r llall ddim yn cael gwybod.
staff-apart-told = Rhaid cadw { $name } ar wahân i { $other } nawr. Mae apwyntiadau { $name } yn cael eu gwirio am hyn.
staff-apart-meeting =
    Rhybudd: mae apwyntiadau gan { $name } a gan { $other } yn yr un lle o fewn hanner awr:
    { $meetings }
    Symudwch neu hepgorwch un ohonyn nhw (/move, /skip).
staff-meeting-line = • { $when }, { $place }
staff-no-appointment-on = Does gan { $name } ddim apwyntiad ar { $date }.
staff-already-started = Mae apwyntiad { $name } ar { $date } wedi dechrau'n barod.
staff-skipped = Wedi hepgor apwyntiad { $name }: { $when }. { $told }
staff-moved = Wedi symud apwyntiad { $name } ({ $from }) i'r amser newydd: { $to }, { $place }. { $told }
staff-child-told = Mae { $name } wedi cael gwybod.
staff-child-not-told = Dydy { $name } ddim wedi ymuno â Touchbase, felly dywedwch wrthyn nhw eich hun.
staff-calendar-caption = Apwyntiadau { $name }, ar gyfer eich calendr.
staff-calendar-summary = { $name }: apwyntiad

## Sut i ddefnyddio gorchmynion (yn cael ei ddangos pan fydd dadleuon ar goll neu'n anghywir)

usage-invite = Defnyddiwch: /invite worker ENW (neu host, neu manager). Enghraifft: /invite worker Priya
usage-revoke = Defnyddiwch: /revoke ENW. Enghraifft: /revoke Priya
usage-transfer = Defnyddiwch: /transfer PLENTYN GWEITHIWR. Rhowch enw sydd â bylchau rhwng dyfynodau: /transfer "Sam J" Priya
usage-enrol = Defnyddiwch: /enrol ENW [lang=en|cy] [born=DYDDIAD] [order_end=DYDDIAD] [sex=…] [gender=…] [ethnicity=…] [looked_after=yes|no] [phone=07…] [channel=telegram|sms]. Enghraifft: /enrol Sam lang=cy born=2/4/2011 phone=07700900123 channel=sms
usage-update = Defnyddiwch: /update ENW opsiwn=gwerth. Enghraifft: /update Sam order_end=30/6/2027
usage-child = Defnyddiwch: /child ENW. Enghraifft: /child Sam
usage-link = Defnyddiwch: /link ENW. Enghraifft: /link Sam
usage-commitment = Defnyddiwch: /commitment ENW DYDDIAU AMSER-AMSER LABEL [shown=yes]. DYDDIAU yw Llun, Llun-Gwener, Sadwrn,Sul neu daily. Peidiwch byth ag ysgrifennu enw dioddefwr. Enghraifft: /commitment Sam Llun-Gwener 8.45yb-3.15yp ysgol
usage-slot = Defnyddiwch: /slot ENW DIWRNOD AMSER [MUNUDAU] [place=...] [from=DYDDIAD] [override="rheswm"]. Peidiwch byth ag ysgrifennu enw dioddefwr. Enghraifft: /slot Sam Mawrth 4yp 60 place=swyddfa
usage-endslot = Defnyddiwch: /endslot ENW DIWRNOD AMSER. Enghraifft: /endslot Sam Mawrth 4yp
usage-apart = Defnyddiwch: /apart ENW ARALL. Rhowch enw sydd â bylchau rhwng dyfynodau. Enghraifft: /apart Sam Jo
usage-skip = Defnyddiwch: /skip ENW DYDDIAD [rheswm]. Peidiwch byth ag ysgrifennu enw dioddefwr. Enghraifft: /skip Sam 28/12 gŵyl banc
usage-move = Defnyddiwch: /move ENW DYDDIAD DYDDIAD-NEWYDD AMSER [place=...]. Enghraifft: /move Sam Mawrth Mercher 4yp
usage-calendar = Defnyddiwch: /calendar ENW. Enghraifft: /calendar Sam
usage-carer = Defnyddiwch: /carer ENW [phone=07…]. Enghraifft: /carer Sam phone=07700900123

## Ar ôl pob apwyntiad: presenoldeb, dilyn i fyny'n garedig, canmol

child-missed-you = Roedden ni'n gweld dy eisiau di yn dy gyfarfod { $date }. Wyt ti'n iawn, a beth ddigwyddodd?
button-talk-to-worker = Dw i eisiau siarad â fy ngweithiwr
child-thanks-missed = Diolch am ddweud wrthon ni. Bydd dy weithiwr yn cysylltu â ti.
child-worker-will-call = Diolch. Bydd dy weithiwr yn cysylltu â ti cyn bo hir.
child-praise = Diolch am ddod i dy gyfarfod. Da iawn ti!
child-praise-streak = Dyna { $count ->
        [one] 1 cyfarfod
        [two] 2 gyfarfod
        [few] 3 chyfarfod
        [many] 6 chyfarfod
       *[other] { $count } cyfarfod
    } yn olynol. Gwych, dal ati!
# { $name } yw enw cyntaf y plentyn; dim "e" na "hi" (gweler uchod).
carer-praise = Daeth { $name } i'r cyfarfod. Diolch am eich cefnogaeth.
carer-missed = Doedd { $name } ddim yn y cyfarfod { $date }. Bydd gweithiwr { $name } mewn cysylltiad.

staff-attendance-question = Sut aeth apwyntiad { $name } ({ $when }, { $place })?
staff-button-came = Wedi dod
staff-button-late = Yn hwyr
staff-button-missed = Heb ddod
staff-attendance-answered =
    { $question }
    Wedi'i gofnodi: { $outcome }.
staff-attendance-none-started = Does gan { $name } ddim apwyntiad sydd wedi dechrau eto.
staff-attendance-none-on = Does gan { $name } ddim apwyntiad a ddechreuodd ar { $date }.
staff-attendance-not-on = Wnaeth apwyntiad { $name } { $when } ddim digwydd, felly does dim i'w gofnodi.
staff-attendance-not-yet = Dydy apwyntiad { $name } { $when } ddim wedi dechrau eto.
staff-attendance-same = Wedi'i gofnodi'n barod: { $name }, { $when }: { $outcome }.
staff-attendance-too-late = Roedd apwyntiad { $name } { $when } fwy nag wythnos yn ôl, felly does dim modd newid y cofnod mwyach.
staff-attendance-recorded = Wedi'i gofnodi: { $name }, { $when }: { $outcome }.
staff-attendance-corrected = Wedi'i gywiro: { $name }, { $when }: { $to } (cyn hyn: { $from }). Mae'r cofnod cynharach yn aros yn yr hanes.
staff-follow-up-not-joined = Dydy { $name } ddim wedi ymuno â Touchbase, felly doedd dim modd gofyn iddyn nhw beth ddigwyddodd. Dilynwch hyn mewn ffordd arall.
staff-engagement-alert = Mae { $name } (gweithiwr: { $worker }) wedi colli { $count } apwyntiad yn olynol. Dilynwch hyn gyda nhw a'u teulu, a meddyliwch am beth fyddai'n helpu.
staff-missed-reason =
    Mae { $name } yn dweud pam wnaethon nhw golli'r apwyntiad { $when }:
    { $because }
    Ydy'r rheswm hwn yn dderbyniol?
staff-child-wants-to-talk = Hoffai { $name } siarad â chi (ar ôl colli'r apwyntiad { $when }).
staff-button-acceptable = Derbyniol
staff-button-not-acceptable = Annerbyniol
staff-reason-judged =
    { $notice }
    Wedi'i nodi: { $verdict }.
staff-reason-acceptable = Wedi'i gofnodi: mae rheswm { $name } yn dderbyniol.
staff-reason-not-acceptable = Wedi cofnodi: dydy rheswm { $name } ddim yn dderbyniol. Eich penderfyniad chi yw rhybudd: does dim yn digwydd oni bai eich bod yn rhoi un.
staff-button-warn-for = Rhoi rhybudd i { $name }...
staff-warn-ask-why = Pam ydych chi'n rhybuddio { $name }? Teipiwch y rheswm mewn ychydig eiriau.

## Rhybuddion a'r panel ymgysylltu

child-warning = Mae dy weithiwr wedi rhoi rhybudd i ti.
child-warning-meaning = Mae rhybudd yn golygu bod angen i ti ddod i dy gyfarfodydd.
child-warning-help = Mae dy weithiwr eisiau dy helpu di o hyd. Dwed wrthyn nhw os oes rhywbeth yn ei gwneud hi'n anodd.
staff-warn-confirm =
    Rhoi rhybudd i { $name }?
    Rheswm: { $reason }
    Rhybuddion hyd yma: { $count }. Bydd { $name } yn cael gwybod beth mae hyn yn ei olygu. Mae mwy nag un rhybudd yn rhoi { $name } yng nghiw'r panel ymgysylltu.
staff-button-give-warning = Ie, rhoi'r rhybudd
staff-button-no-warning = Na
staff-warning-already-settled = Mae'r rhybudd hwn eisoes wedi'i roi neu wedi'i ollwng.
staff-warning-dropped = Dim rhybudd wedi'i roi i { $name }.
staff-warning-given = Rhybudd wedi'i roi i { $name }. Rhybuddion yn y gorchymyn hwn: { $count }.
staff-panel-referral = Mae gan { $name } (gweithiwr: { $worker }) { $count ->
        [one] 1 rhybudd
        [two] 2 rybudd
        [few] 3 rhybudd
        [many] 6 rhybudd
       *[other] { $count } rhybudd
    } nawr, felly maen nhw yng nghiw'r panel ymgysylltu. Mae'r dystiolaeth ynghlwm. Defnyddiwch /panel i gofnodi canlyniad y panel.
staff-evidence-caption = Tystiolaeth ar gyfer y panel ymgysylltu: { $name }
staff-evidence-title = Tystiolaeth ar gyfer y panel ymgysylltu: { $name }
staff-evidence-about = Gweithiwr: { $worker }. Gorchymyn yn dod i ben: { $order_end }. Yn y ciw ers: { $referred }. Rhybuddion: { $warnings }.
staff-evidence-summary = Wedi dod: { $came }. Yn hwyr: { $late }. Heb ddod: { $missed }. Heb eu cofnodi: { $unrecorded }. Wedi'u hepgor: { $skipped }. Wedi'u hatal dros dro: { $suspended }. Dim modd cysylltu: { $unreachable }. Wedi dod yn olynol nawr: { $streak }. Y rhediad hiraf o ddod: { $best }.
staff-evidence-appointments = Apwyntiadau ({ $count }):
staff-evidence-occurrence = • { $when }: { $attendance }. Ateb y plentyn: { $answer }. Rheswm: { $reason }. { $reached }
staff-evidence-none = dim
staff-evidence-attendance = { $outcome }
staff-evidence-corrected = { $outcome } (cyn ei gywiro: { $earlier })
staff-evidence-not-recorded = heb ei gofnodi
staff-evidence-reason = { $reason } ({ $judged })
staff-evidence-not-judged = heb ei asesu eto
staff-evidence-unreachable = Doedd dim modd cysylltu â'r plentyn am hyn.
staff-evidence-reached = Roedd modd cysylltu â'r plentyn.
staff-evidence-warnings = Rhybuddion ({ $count }):
staff-evidence-warning = • { $when }, wedi'i roi gan { $by }: { $reason }
staff-evidence-suspensions = Cyfnodau atal dros dro ({ $count }):
staff-evidence-referrals = Eitemau panel cynharach ({ $count }):
staff-referral-line = • { $when }: { $outcome }. Nodyn: { $note }
staff-panel-open = yn y ciw nawr
staff-panel-never = erioed wedi'i gyfeirio
staff-panel-support-plan = Cynllun cymorth wedi'i gytuno
staff-panel-change-time = Newid amser neu le
staff-panel-more-help = Mwy o help gan wasanaeth arall
staff-panel-closed = Wedi cau
staff-button-evidence = Tystiolaeth
staff-panel-empty = Does neb yng nghiw'r panel ymgysylltu.
staff-panel-queue = Ciw'r panel ymgysylltu: { $count } (yr hynaf yn gyntaf).
staff-panel-item = { $name } (gweithiwr: { $worker }), yn y ciw ers { $since }. Rhybuddion: { $warnings }. Wedi colli: { $missed }. Wedi dod yn olynol: { $streak }.
staff-panel-already-decided = Mae canlyniad y panel ar gyfer { $name } wedi'i gofnodi'n barod.
staff-panel-decided = Canlyniad y panel ar gyfer { $name }: { $outcome }.
staff-panel-note-ask = Teipiwch nodyn byr am benderfyniad y panel ar gyfer y cofnod, neu ewch ymlaen ag unrhyw orchymyn. Peidiwch ag ysgrifennu enw dioddefwr.
staff-panel-note-saved = Nodyn wedi'i gadw.
staff-state-scheduled = wedi'i drefnu
staff-state-skipped = wedi'i hepgor
staff-state-moved = wedi'i symud
staff-state-suspended = wedi'i atal dros dro
staff-state-cancelled = wedi'i ganslo

## Atal dros dro

# Peidiwch â rhoi { $from } na { $to } ar ôl "o", "i" neu "tan" (treiglad); defnyddiwch "rhwng { $from } a { $to }".
child-paused = Fydd dim cyfarfodydd i ti rhwng { $from } a { $to }. Bydd dy weithiwr yn dweud wrthot ti pryd maen nhw'n dechrau eto.
carer-paused = Fydd dim cyfarfodydd i { $name } rhwng { $from } a { $to }.
staff-suspension-requested =
    Wedi'i anfon at y rheolwyr: cais i atal apwyntiadau { $name } dros dro.
    { $long ->
        [yes] Mae'n hirach na mis, felly mae angen cyfeirnod y llys ar gyfer amrywio'r gorchymyn cyn y gall gael ei gymeradwyo.
       *[other] Byddwch chi'n cael gwybod pan fydd penderfyniad.
    }
staff-suspension-request =
    Mae { $worker } yn gofyn am atal apwyntiadau { $name } dros dro rhwng { $from } a { $to } ({ $days ->
        [one] 1 diwrnod
        [two] 2 ddiwrnod
        [few] 3 diwrnod
        [many] 6 diwrnod
       *[other] { $days } diwrnod
    }).
    Rheswm: { $reason }
    { $long ->
        [yes] Hirach na mis: mae angen cyfeirnod y llys ar gyfer amrywio'r gorchymyn cyn cymeradwyo.
       *[other] Cymeradwyo neu wrthod?
    }
staff-button-approve = Cymeradwyo
staff-button-refuse = Gwrthod
staff-suspension-backwards = Mae'r dyddiad gorffen cyn y dyddiad dechrau.
staff-suspension-past = Mae'r cyfnod yna wedi dod i ben yn barod.
staff-suspension-overlaps = Mae gan { $name } gyfnod atal dros dro rhwng { $from } a { $to } yn barod (wedi gofyn amdano neu wedi'i gymeradwyo).
staff-suspension-already-decided = Mae penderfyniad wedi'i wneud am y cyfnod atal dros dro hwn yn barod.
staff-suspension-needs-reference = Mae'r cyfnod atal hwn yn hirach na mis, felly rhaid i'r llys amrywio'r gorchymyn yn gyntaf. Teipiwch gyfeirnod amrywio'r llys i'w gymeradwyo, neu tapiwch Gwrthod.
staff-suspension-bad-reference = Teipiwch gyfeirnod amrywio'r llys (hyd at { $max } nod).
staff-suspension-approved = Mae { $manager } wedi cymeradwyo atal apwyntiadau { $name } dros dro rhwng { $from } a { $to }. Fydd dim nodiadau atgoffa, dim cwestiynau am bresenoldeb a dim apwyntiadau wedi'u colli yn ystod y cyfnod hwnnw.
staff-suspension-refused = Mae { $manager } wedi gwrthod atal apwyntiadau { $name } dros dro rhwng { $from } a { $to }. Mae'r apwyntiadau'n parhau fel y cawson nhw eu trefnu.
staff-suspension-line = • { $from } – { $to }: { $state }. Rheswm: { $reason }. Cyfeirnod amrywio'r llys: { $reference }
staff-suspension-state-requested = yn aros am reolwr
staff-suspension-state-approved = wedi'i gymeradwyo
staff-suspension-state-refused = wedi'i wrthod
staff-move-into-suspension = Mae apwyntiadau { $name } wedi'u hatal dros dro ar y dyddiad hwnnw. Dewiswch ddyddiad arall.

## Cerdyn y plentyn: ymgysylltu

staff-glance = { $marks }
staff-glance-none = dim apwyntiadau eto
staff-card-reason = • { $when }: { $reason } ({ $judged })
staff-child-engagement =
    Yr 8 wythnos diwethaf: { $glance }
    (✅ wedi dod, 🕒 yn hwyr, ❌ heb ddod, ❔ heb ei gofnodi, ⏸ wedi'i atal dros dro, ➖ wedi'i hepgor)
    Wedi dod yn olynol: { $streak }
    Rhesymau a roddwyd ({ $reason_count }):
    { $reasons }
    Rhybuddion ({ $warning_count }):
    { $warnings }
    Panel ymgysylltu: { $panel }
    Cyfnodau atal dros dro ({ $suspension_count }):
    { $suspensions }
    Doedd dim modd cysylltu am { $unreachable } apwyntiad.

cmd-attended = Cofnodi bod plentyn wedi dod
cmd-missed = Cofnodi bod plentyn wedi colli apwyntiad
cmd-warn = Rhoi rhybudd i blentyn (rydych chi'n cadarnhau'n gyntaf)
cmd-suspend = Gofyn i reolwr atal apwyntiadau dros dro
cmd-panel = Ciw'r panel ymgysylltu
usage-attended = Defnyddiwch: /attended ENW [late] [DYDDIAD]. Enghraifft: /attended Sam late
usage-missed = Defnyddiwch: /missed ENW [DYDDIAD]. Enghraifft: /missed Sam
usage-warn = Defnyddiwch: /warn ENW RHESWM. Peidiwch byth ag ysgrifennu enw dioddefwr. Enghraifft: /warn Sam wedi colli dau apwyntiad heb reswm
usage-suspend = Defnyddiwch: /suspend ENW DECHRAU DIWEDD RHESWM. Peidiwch byth ag ysgrifennu enw dioddefwr. Enghraifft: /suspend Sam 1/12 14/12 yn yr ysbyty
staff-warning-given-by = Rhoddodd { $by } rybudd i { $name }. Rheswm: { $reason }

## Sesiynau galw heibio

# { $when } ar ôl colon neu mewn cromfachau, byth ar ddechrau brawddeg nac ar ôl "ar" (gweler uchod).
# Dim treiglad i { $title }: peidiwch â'i roi ar ôl "i", "o" nac "â".
child-dropin = { $title }: { $when }, { $minutes } munud. { $places }
child-dropin-places = { $left ->
        [zero] Dim lle ar ôl.
        [one] 1 lle ar ôl.
        [two] 2 le ar ôl.
        [few] 3 lle ar ôl.
        [many] 6 lle ar ôl.
       *[other] { $left } lle ar ôl.
    }
child-dropin-full = Mae'n llawn, ond galli di ymuno â'r rhestr aros.
child-no-dropins = Does dim sesiynau galw heibio i ti ar hyn o bryd.
child-dropin-already = Rwyt ti wedi cofrestru ar gyfer hon yn barod.
child-dropin-not-available = Sori, dydy'r sesiwn galw heibio hon ddim ar gael.
child-dropin-clash = Sori, mae hon ar yr un pryd â rhywbeth sydd gen ti bryd hynny.
child-dropin-clash-named = Sori, mae hon yn gwrthdaro gyda hyn: { $label }.
child-dropin-clash-meeting = Sori, mae hon ar yr un pryd â chyfarfod gyda dy weithiwr.
child-dropin-signed-up = Rwyt ti wedi cofrestru ar gyfer { $title }: { $when }. Byddi di'n cael y ddolen i ymuno ychydig cyn y dechrau.
child-dropin-waiting = Mae { $title } yn llawn, felly rwyt ti ar y rhestr aros. Ti yw rhif { $position }.
child-no-signups = Dwyt ti ddim wedi cofrestru ar gyfer unrhyw sesiwn galw heibio. Anfona /dropins i'w gweld nhw.
child-no-signups-sms = Dwyt ti ddim wedi cofrestru ar gyfer unrhyw sesiwn galw heibio.
child-my-dropin = { $title }: { $when }.
child-my-dropin-waiting = { $title }: { $when }. Ti yw rhif { $position } ar y rhestr aros.
child-dropin-left = Iawn, dwyt ti ddim wedi cofrestru ar gyfer { $title } nawr.
child-dropin-place-opened = Newyddion da! Mae lle i ti nawr: { $title }, { $when }.
child-dropin-link = Mae { $title } yn dechrau cyn bo hir. Tapia yma i ymuno: { $link }
child-dropin-link-sms = Mae { $title } yn dechrau cyn bo hir. Ymuna yma: { $link }
child-dropin-cancelled = Sori, fydd { $title } ({ $when }) ddim yn digwydd.
child-dropin-invited = Rwyt ti wedi cael gwahoddiad: { $title }, { $when }. Tapia i gofrestru.
child-dropin-invited-sms = Rwyt ti wedi cael gwahoddiad: { $title }, { $when }. Ateba IE i ymuno.
button-sign-up = Cofrestru
button-join-waiting-list = Ymuno â'r rhestr aros
button-cancel-signup = Canslo

staff-dropin-created =
    Mae sesiwn galw heibio { $dropin } wedi'i threfnu: { $summary }
    Mae'r ddolen ymuno'n mynd i'r rhai sydd wedi cofrestru { $lead } munud cyn y dechrau.{ $invited ->
        [yes] {" "}Dim ond plant sydd wedi cael gwahoddiad sy'n ei gweld hi: defnyddiwch /dropin_invite.
       *[other] {""}
    }
staff-dropin-audience = oed { $ages }, { $sex ->
        [female] merched yn unig
        [male] bechgyn yn unig
       *[other] unrhyw un
    }
staff-dropin-summary = { $when }, { $minutes } munud, { $signed }/{ $capacity } wedi cofrestru, { $waiting } yn aros, { $audience }.
staff-no-dropins = Does dim sesiynau galw heibio i ddod. Crëwch un gyda /dropin.
staff-dropin-line = • { $dropin }: { $summary }
staff-dropins =
    Sesiynau galw heibio i ddod ({ $count }):
    { $dropins }
staff-dropin-not-yours = Gwesteiwr arall sy'n cynnal sesiwn galw heibio #{ $id }. Dim ond nhw neu reolwr sy'n gallu gwneud hynny.
staff-no-such-dropin = Does dim sesiwn galw heibio #{ $id }. Anfonwch /dropins i'w gweld nhw.
staff-roster-line = • { $name } ({ $worker })
staff-button-mark-came = { $name }: wedi dod?
staff-button-came-to-dropin = ✅ Daeth { $name }
staff-roster =
    { $dropin }, { $when } ({ $state ->
        [cancelled] wedi'i chanslo
       *[other] yn digwydd
    })
    Wedi cofrestru ({ $signed_count }/{ $capacity }):
    { $signed }
    Rhestr aros ({ $waiting_count }):
    { $waiting }
    Wedi dod: { $came }. Tapiwch enw i gofnodi pwy ddaeth.
staff-dropin-not-started = Dydy'r sesiwn galw heibio hon ddim wedi dechrau eto.
staff-dropin-cannot-cancel = Mae { $dropin } wedi dechrau'n barod neu wedi'i chanslo'n barod.
staff-dropin-cancelled = Mae { $dropin } wedi'i chanslo. { $told ->
        [zero] Doedd dim plant i gael gwybod.
        [one] Cafodd 1 plentyn wybod.
        [two] Cafodd 2 blentyn wybod.
        [few] Cafodd 3 phlentyn wybod.
        [many] Cafodd 6 phlentyn wybod.
       *[other] Cafodd { $told } plentyn wybod.
    }
staff-dropin-cannot-invite = Mae { $dropin } wedi dechrau neu wedi'i chanslo, felly does dim modd gwahodd neb.
staff-dropin-invited = Wedi'u gwahodd i { $dropin }: { $count }.
staff-dropin-not-invited = Heb eu gwahodd: { $count }. I gadw manylion plant yn breifat, ni allaf ddweud pwy na pham. Gall eu gweithiwr wirio.
staff-dropin-invite-passed-on = Os gall { $name } ddod, maen nhw wedi'u gwahodd nawr ac wedi cael gwybod. I gadw manylion plant yn breifat, ni allaf ddweud mwy.
staff-dropin-caseload-own = Dim ond os mai chi yw'r gweithiwr y gallwch wahodd llwyth achosion cyfan. Gwahoddwch blant wrth eu henw, neu gofynnwch i reolwr.
usage-dropin = Defnyddiwch: /dropin title="..." at="DYDDIAD AMSER" [minutes=N] [capacity=N] [ages=A-B] [sex=female|male|any] [invited=yes] link=URL. Enghraifft: /dropin title="Clwb celf" at="Gwener 6yp" capacity=8 ages=13-17 link=https://zoom.us/j/123
usage-roster = Defnyddiwch: /roster RHIF. Enghraifft: /roster 12
usage-cancel-dropin = Defnyddiwch: /cancel_dropin RHIF [rheswm]. Enghraifft: /cancel_dropin 12 y gwesteiwr yn sâl
usage-dropin-invite = Defnyddiwch: /dropin_invite RHIF ENW, neu /dropin_invite RHIF caseload=GWEITHIWR. Enghraifft: /dropin_invite 12 Sam
cmd-dropin = Creu sesiwn galw heibio
cmd-dropins = Sesiynau galw heibio i ddod
cmd-roster = Pwy sydd wedi cofrestru ar gyfer sesiwn galw heibio
cmd-cancel-dropin = Canslo sesiwn galw heibio
cmd-dropin-invite = Gwahodd plant i sesiwn galw heibio
cmd-mine = Fy sesiynau galw heibio

## Yn aros am y gweithiwr, yn /children

staff-today =
    Heddiw, { $date } ({ $count }):
    { $lines }
staff-week =
    Y 7 diwrnod nesaf, o { $date } ({ $count }):
    { $lines }
staff-service-today =
    Y gwasanaeth cyfan heddiw, { $date } ({ $count }):
    { $lines }
staff-service-week =
    Y gwasanaeth cyfan, y 7 diwrnod nesaf o { $date } ({ $count }):
    { $lines }
staff-today-none = Does dim wedi'i drefnu ar gyfer heddiw.
staff-week-none = Does dim wedi'i drefnu ar gyfer y 7 diwrnod nesaf.
staff-service-today-none = Does dim wedi'i drefnu yn y gwasanaeth heddiw.
staff-service-week-none = Does dim wedi'i drefnu yn y gwasanaeth ar gyfer y 7 diwrnod nesaf.
staff-diary-worker = <b>{ $name }</b>
staff-diary-day = <b>{ $date }</b>
staff-diary-line = • { $time } { $name }, { $place } — { $answer }
staff-diary-more = Plant eraill: { $count }. Anfonwch /child ENW i agor manylion plentyn.
staff-button-card = { $name }
staff-child-line-waiting =
    { $line }
    { $waiting }
staff-waiting-attendance = { "  " }⚠ { $count ->
        [one] 1 apwyntiad i'w gofnodi
       *[other] { $count } apwyntiad i'w cofnodi
    }
staff-waiting-reasons = { "  " }⚠ { $count ->
        [zero] dim rheswm i edrych arno
        [one] 1 rheswm i edrych arno
        [two] 2 reswm i edrych arnynt
        [few] { $count } rheswm i edrych arnynt
        [many] { $count } rheswm i edrych arnynt
       *[other] { $count } rheswm i edrych arnynt
    }
staff-waiting-panel = { "  " }⚠ yng nghiw'r panel ymgysylltu
child-dropin-place-withdrawn = Sori, dydy dy le di ddim ar gael nawr: { $title }.
staff-dropin-separated = Ni all { $name } ddod i { $dropin } mwyach. Dim ond bod eu lle ddim ar gael mwyach a ddywedwyd wrthyn nhw.
staff-dropin-link-failed = Doedd dim modd anfon y ddolen ymuno ar gyfer { $dropin }. Anfonwch hi at y rhai sydd wedi cofrestru mewn ffordd arall, os gwelwch yn dda.

## Ffigurau i'r bwrdd

staff-figures =
    Ffigurau o { $first } i { $last }
    Plant: { $children }. Apwyntiadau: { $scheduled } (wedi'u cadarnhau: { $confirmed }).
    Wedi dod: { $came }. Yn hwyr: { $late }. Wedi colli: { $missed }. Dim modd cysylltu: { $not_reached }.
    Rhybuddion: { $warnings }. Atgyfeiriadau i'r panel: { $referrals }. Sesiynau galw heibio: { $dropins }.
    Plant ar negeseuon testun: { $on_texts }. Negeseuon testun wedi'u hanfon: { $texts } ({ $parts } rhan).
    { $flag_count ->
        [0] Dim byd wedi'i nodi.
       *[other] Wedi'u nodi (mynegai cyfradd gymharol 1.25 neu fwy):
    }
    { $flags }
staff-figures-number = { $n }
staff-figures-flag = • { $measure }: { $group }, { $rri } gwaith y gyfradd ar gyfer { $reference }
staff-figures-suppressed = llai na 3
staff-figures-csv-caption = Pob tabl, fel CSV. Dangosir 1 neu 2 fel "llai na 3".
staff-figures-chart-caption = Presenoldeb a rhybuddion yn ôl ethnigrwydd.
staff-chart-title = Presenoldeb a rhybuddion, { $first } i { $last }
staff-chart-attended = apwyntiadau a gadwyd (daeth, neu'n hwyr)
staff-chart-warned = plant a gafodd rybudd
usage-figures = Defnyddiwch: /figures [weeks=N]. Enghraifft: /figures weeks=4
cmd-figures = Y ffigurau ar gyfer y bwrdd

## Cofnodion: allforio, dileu, cadw, archwilio

staff-records-summary-title = Beth mae Touchbase yn ei gadw am { $name } (ar { $when })
staff-records-summary-counts =
    Mae Touchbase yn cadw enw cyntaf { $name }, eu hiaith, a'r manylion a gofnododd eu gweithiwr.
    Ymrwymiadau rheolaidd (fel ysgol): { $commitments }
    Apwyntiadau wythnosol: { $slots }
    Apwyntiadau wedi'u trefnu hyd yma: { $appointments }
    Atebion i nodiadau atgoffa: { $answers }
    Cofnodion presenoldeb: { $attendance }
    Rhesymau dros golli apwyntiadau: { $reasons }
    Rhybuddion: { $warnings }
    Eitemau'r panel ymgysylltu: { $panel }
    Seibiannau mewn apwyntiadau (atal dros dro): { $suspensions }
    Rhieni neu ofalwyr sy'n cael nodiadau atgoffa: { $carers }
    Cofrestriadau sesiynau galw heibio: { $dropins }
staff-records-summary-rights = Mae pob cofnod yn y ffeil records.json. Gallwch ofyn i unrhyw ran gael ei chywiro, neu i'r cyfan gael ei ddileu.
staff-records-export-caption = Popeth sy'n cael ei gadw am { $name }, ar gyfer cais gwrthrych am wybodaeth. Cadwch hi'n ddiogel.
staff-records-summary-caption = Crynodeb syml ar gyfer { $name } neu eu teulu.
staff-records-erase-confirm = Dileu popeth sy'n cael ei gadw am { $name }? Bydd eu hapwyntiadau, atebion, rhesymau, rhybuddion, eitemau panel, gofalwyr a chofrestriadau i gyd yn mynd. Does dim modd dadwneud hyn.
staff-records-button-erase = Ydw, dileu cofnodion { $name }
staff-records-button-keep = Na, cadw nhw
staff-records-already-erased = Mae'r cofnodion hyn wedi'u dileu'n barod.
staff-records-kept = Dim wedi'i ddileu: mae cofnodion { $name } yn cael eu cadw.
staff-records-erased = Dilëwyd cofnodion plentyn gan { $by }. Does dim byd amdanyn nhw'n cael ei gadw.
staff-records-audit =
    Trywydd archwilio { $name }: { $count } cofnod (yn dangos y { $shown } diweddaraf).
    { $entries }
staff-records-audit-line = • { $when } { $action } gan { $by }
staff-records-retention-done = Cadw cofnodion: dilëwyd heddiw gofnodion { $count ->
        [zero] dim plant
        [one] 1 plentyn
        [two] 2 blentyn
        [few] { $count } phlentyn
        [many] { $count } phlentyn
       *[other] { $count } o blant
    } y daeth eu gorchymyn i ben ddigon hir yn ôl.
usage-export = Defnyddiwch: /export ENW. Enghraifft: /export Sam
usage-erase = Defnyddiwch: /erase ENW. Enghraifft: /erase Sam
usage-audit = Defnyddiwch: /audit ENW. Enghraifft: /audit Sam
cmd-export = Cofnodion plentyn, ar gyfer cais am wybodaeth
cmd-erase = Dileu cofnodion plentyn
cmd-audit = Pwy newidiodd gofnod plentyn, a phryd
cmd-problems = Negeseuon nad oedd y bot yn gallu eu trin
staff-job-failed = Methodd Touchbase â gwneud ei dasg "{ $job }" ar ôl sawl cynnig. Gofynnwch i bwy bynnag sy'n rhedeg y bot edrych ar ei log.
staff-updates-set-aside = Doedd Touchbase ddim yn gallu trin rhywbeth a anfonodd rhywun, ar ôl sawl cynnig, felly mae wedi'i roi o'r neilltu. Dywedwyd wrth y person fod rhywbeth wedi mynd o'i le. Anfonwch /problems i weld pa fath, a gofynnwch i bwy bynnag sy'n rhedeg y bot edrych ar ei log.
staff-problems-none = Does dim byd o'r neilltu: cafodd popeth a anfonodd pobl ei drin.
staff-problems =
    O'r neilltu ar ôl methu dro ar ôl tro ({ $count }):
    { $lines }
    Mae'r hyn a ddywedon nhw'n cael ei gadw i bwy bynnag sy'n rhedeg y bot, ac nid yw'n cael ei ddangos yma.
staff-problems-line = • { $kind ->
        [message] Negeseuon wedi'u teipio
        [tap] Tapio botymau
        [media] Lluniau, negeseuon llais a chyfryngau eraill
       *[other] Blocio a dadflocio
    }: { $count }, ar ôl { $failure ->
        [panic] chwalfa
       *[other] gwall
    }. Yr olaf ar { $when }.

## What children and carers send of their own accord, passed to their worker.
child-worker-has-it = Diolch. Mae dy weithiwr wedi cael dy neges.
carer-worker-has-it = Diolch. Mae'r gweithiwr wedi cael eich neges.
staff-child-wrote = Ysgrifennodd { $name }: “{ $words }”
staff-carer-wrote = Ysgrifennodd rhiant neu ofalwr { $name }: “{ $words }”
staff-child-sent = Anfonodd { $name } { $what ->
        [voice] neges llais
        [photo] lun
        [sticker] sticer
        [document] ffeil
        [video] fideo
       *[other] rhywbeth
    } atoch chi. Dyma fe:
staff-carer-sent = Anfonodd rhiant neu ofalwr { $name } { $what ->
        [voice] neges llais
        [photo] lun
        [sticker] sticer
        [document] ffeil
        [video] fideo
       *[other] rhywbeth
    } atoch chi. Dyma fe:
staff-child-answered-plan = Atebodd { $name } "Sut byddi di'n cyrraedd?" ar gyfer { $when }: “{ $words }”
staff-child-answered-missed = Atebodd { $name } "Wyt ti'n iawn, a beth ddigwyddodd?" am { $when }: “{ $words }”
staff-words-go-on = …{ $words }
staff-child-digest = Anfonodd { $name } ragor o fewn munud ({ $count }):
    { $lines }
staff-carer-digest = Anfonodd rhiant neu ofalwr { $name } ragor o fewn munud ({ $count }):
    { $lines }
staff-digest-words = • { $when } “{ $words }”
staff-digest-media = • { $when } { $what ->
        [voice] neges llais
        [photo] llun
        [sticker] sticer
        [document] ffeil
        [video] fideo
       *[other] rhywbeth
    } (isod)
staff-words-in-full = Yn llawn: “{ $words }”

## Llifoedd tywys: gorchymyn heb ddim ar ei ôl yn gofyn am bob darn yn ei dro, mewn un neges.
staff-flow-step =
    { $so_far }

    { $question }
staff-flow-piece = { $field }: { $value }
staff-flow-value = { $value }
staff-flow-check = Ydy hyn yn iawn? Tapiwch Cadarnhau, neu Yn ôl i'w newid.
staff-flow-done = { $so_far }
staff-flow-cancelled = Wedi canslo. Does dim wedi newid.
staff-flow-ended = Mae'r cwestiwn yna wedi dod i ben. Anfonwch y gorchymyn eto i ddechrau o'r newydd.
staff-flow-tap-confirm = Tapiwch Cadarnhau, neu Yn ôl i newid rhywbeth.
staff-flow-button-confirm = ✅ Cadarnhau
staff-flow-button-back = ‹ Yn ôl
staff-flow-button-cancel = Canslo
staff-flow-yes = Ie
staff-flow-no = Na
staff-flow-minutes = { $minutes } munud
staff-flow-weekly = { $weekday } { $time }
staff-flow-dropin = { $title }, { $when }
staff-flow-days-weekdays = Dydd Llun i ddydd Gwener
staff-flow-days-weekend = Dydd Sadwrn a dydd Sul
staff-flow-days-daily = Bob dydd
staff-flow-role-worker = Gweithiwr achos
staff-flow-role-host = Gwesteiwr sesiwn galw heibio
staff-flow-role-manager = Rheolwr
staff-flow-title-slot = Apwyntiad wythnosol newydd
staff-flow-title-commitment = Rhywbeth sydd gan blentyn ymlaen
staff-flow-title-endslot = Dod ag apwyntiad wythnosol i ben
staff-flow-title-move = Symud apwyntiad
staff-flow-title-apart = Cadw dau blentyn ar wahân
staff-flow-title-warn = Rhoi rhybudd
staff-flow-title-suspend = Gofyn am oedi apwyntiadau
staff-flow-title-transfer = Symud plentyn at weithiwr arall
staff-flow-title-invite = Gwahodd aelod o staff
staff-flow-title-revoke = Atal mynediad rhywun
staff-flow-title-enrol = Ychwanegu plentyn
staff-flow-title-dropin = Sesiwn galw heibio newydd
staff-flow-title-roster = Rhestr sesiwn galw heibio
staff-flow-title-cancel-dropin = Canslo sesiwn galw heibio
staff-flow-title-dropin-invite = Gwahodd i sesiwn galw heibio
staff-flow-ask-child = Pa blentyn? Tapiwch un, neu teipiwch ei enw.
staff-flow-ask-weekday = Pa ddiwrnod o'r wythnos?
staff-flow-ask-time = Faint o'r gloch? Tapiwch un, neu teipiwch yr amser (fel 4.30yp).
staff-flow-ask-minutes = Pa mor hir?
staff-flow-ask-place = Ble? Tapiwch un, neu teipiwch y lle.
staff-flow-ask-days = Pa ddyddiau? Tapiwch un, neu teipiwch nhw (fel Llun-Gwener).
staff-flow-ask-window = O pryd tan pryd? Tapiwch un, neu teipiwch e (fel 8.45yb-3.15yp).
staff-flow-window = { $from } tan { $to }
staff-flow-ask-label = Beth ydy e? Teipiwch ychydig eiriau (fel ysgol). Dim ond staff sy'n gweld hyn.
staff-flow-ask-shown = Gaiff y plentyn weld beth ydy e? (Ie i'r ysgol, er enghraifft.)
staff-flow-ask-appointment = Pa apwyntiad?
staff-flow-ask-day = Pa ddiwrnod? Tapiwch un, neu teipiwch e (fel Mercher, neu 28/12).
staff-flow-ask-from = O ba ddiwrnod? Tapiwch un, neu teipiwch e (fel 28/12).
staff-flow-ask-until = Tan ba ddiwrnod? Tapiwch un, neu teipiwch e (fel 28/12).
staff-flow-ask-reason = Pam? Teipiwch ychydig eiriau.
staff-flow-ask-other = Pa blentyn arall? Tapiwch un, neu teipiwch ei enw.
staff-flow-ask-worker = Pa weithiwr? Tapiwch un, neu teipiwch ei enw.
staff-flow-ask-staff = Pwy? Tapiwch un, neu teipiwch ei enw.
staff-flow-ask-role = Beth fyddan nhw'n ei wneud?
staff-flow-ask-name = Beth ydy ei enw? Teipiwch e.
staff-flow-ask-language = Pa iaith?
staff-flow-ask-title = Beth ydy enw'r sesiwn? Teipiwch e.
staff-flow-ask-link = Beth ydy'r ddolen i'r alwad fideo? Gludwch hi (mae'n dechrau https://).
staff-flow-ask-dropin = Pa sesiwn galw heibio? Tapiwch un, neu teipiwch ei rhif.
staff-flow-ask-slot = Pa apwyntiad wythnosol?
staff-flow-ask-override = Pam ei drefnu beth bynnag? Teipiwch ychydig eiriau. Maen nhw'n cael eu cadw gyda'r apwyntiad.
staff-flow-field-child = Plentyn
staff-flow-field-weekday = Diwrnod
staff-flow-field-time = Amser
staff-flow-field-minutes = Hyd
staff-flow-field-place = Lle
staff-flow-field-days = Dyddiau
staff-flow-field-window = Oriau
staff-flow-field-label = Beth
staff-flow-field-shown = Y plentyn yn gweld beth ydy e
staff-flow-field-appointment = Apwyntiad
staff-flow-field-day = Diwrnod
staff-flow-field-from = O
staff-flow-field-until = Tan
staff-flow-field-reason = Rheswm
staff-flow-field-other = Plentyn arall
staff-flow-field-worker = Gweithiwr
staff-flow-field-staff = Pwy
staff-flow-field-role = Rôl
staff-flow-field-name = Enw
staff-flow-field-language = Iaith
staff-flow-field-title = Teitl
staff-flow-field-link = Dolen
staff-flow-field-dropin = Sesiwn galw heibio
staff-flow-field-slot = Apwyntiad wythnosol
staff-flow-field-override = Wedi'i drefnu beth bynnag oherwydd
staff-flow-bad-weekday = Alla i ddim darllen “{ $value }” fel diwrnod o'r wythnos. Er enghraifft: Mawrth
staff-flow-bad-days = Alla i ddim darllen “{ $value }” fel dyddiau. Er enghraifft: Llun-Gwener
staff-flow-bad-window = Alla i ddim darllen “{ $value }” fel oriau. Er enghraifft: 8.45yb-3.15yp
staff-flow-bad-yes-no = Tapiwch Ie neu Na, os gwelwch yn dda.
staff-flow-bad-choice = Alla i ddim darllen “{ $value }”. Tapiwch un o'r botymau, os gwelwch yn dda.
staff-flow-bad-weekly = Alla i ddim darllen “{ $value }” fel diwrnod ac amser. Er enghraifft: Mawrth 4yp
staff-flow-title-child = Cerdyn plentyn
staff-flow-title-link = Dolen newydd i blentyn
staff-flow-title-calendar = Calendr plentyn
staff-flow-title-export = Cofnodion plentyn
staff-flow-title-audit = Trywydd archwilio plentyn
staff-flow-title-erase = Dileu cofnodion plentyn
staff-flow-title-carer = Gofyn am riant neu ofalwr
staff-flow-title-attended = Cofnodi bod plentyn wedi dod
staff-flow-title-missed = Cofnodi apwyntiad a gollwyd
staff-flow-title-skip = Hepgor apwyntiad
staff-flow-no-slots = Does gan { $name } ddim apwyntiadau wythnosol.
staff-flow-title-update = Newid manylion plentyn
staff-flow-ask-detail = Beth ddylai newid?
staff-flow-ask-change = { $detail ->
        [born] Beth ydy ei ddyddiad geni? Teipiwch e (fel 2/4/2011).
        [order_end] Pryd mae ei orchymyn yn dod i ben? Teipiwch e (fel 31/1/2027).
        [phone] Beth ydy ei rif ffôn symudol? Teipiwch e (fel 07700 900123).
       *[other] Pa un?
    }
staff-flow-field-detail = Newid
staff-flow-detail-lang = Iaith
staff-flow-detail-born = Dyddiad geni
staff-flow-detail-order-end = Diwedd y gorchymyn
staff-flow-detail-sex = Rhyw
staff-flow-detail-gender = Rhywedd
staff-flow-detail-ethnicity = Ethnigrwydd
staff-flow-detail-looked-after = Derbyn gofal
staff-flow-detail-phone = Rhif ffôn symudol
staff-flow-detail-channel = Sut mae'n cael negeseuon
staff-flow-channel-telegram = Telegram
staff-flow-channel-sms = Negeseuon testun

## Cerdyn plentyn: un neges, a beth mae gweithiwr yn ei wneud nesaf.
staff-child-card-whole =
    { $about }

    { $appointments }

    { $engagement }
staff-card-button-move = Symud
staff-card-button-skip = Hepgor
staff-card-button-record = Cofnodi
staff-card-button-calendar = Calendr
staff-card-button-carers = Gofalwyr
staff-card-button-export = Allforio
