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
any-something-went-wrong = Sori, aeth rhywbeth o'i le. Tria eto nes ymlaen.
any-choose-language = Pa iaith wyt ti eisiau?
any-language-set = Iawn. Bydda i'n ysgrifennu atat ti yn { $language ->
        [Cymraeg] Gymraeg
       *[other] { $language }
    }.
any-help-line = /{ $command } - { $description }

## Botymau

button-language = { $language }

## I blant

child-welcome = Helo { $name }! Bydda i'n dy helpu di i gofio pryd rwyt ti'n cwrdd â dy weithiwr.
child-help =
    Dyma beth alli di ei wneud:
    { $commands }

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
cmd-child = Manylion un plentyn
cmd-link = Dolen wahoddiad newydd i blentyn

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
staff-button-child-of-worker = { $name } ({ $worker })
staff-already-on-caseload = Mae { $name } ar lwyth achosion { $worker } yn barod.
staff-transfer-name-clash = Mae gan { $worker } blentyn o'r enw { $name } yn barod. Newidiwch un enw yn gyntaf gyda /update.
staff-transferred = Mae { $name } nawr ar lwyth achosion { $worker }.
staff-child-moved-away = Mae { $name } wedi symud i lwyth achosion { $worker }.
staff-child-moved-to-you = Mae { $name } nawr ar eich llwyth achosion chi. Anfonwch /child { $name } i weld y manylion.
staff-child-exists = Mae gennych chi blentyn o'r enw { $name } yn barod. Defnyddiwch enw arall, neu /update i newid y manylion.
staff-child-already-joined = Mae { $name } wedi ymuno'n barod, felly does dim angen dolen newydd.
staff-enrolled =
    Wedi cofrestru { $name }. Anfonwch y ddolen hon at y plentyn; mae'n gweithio unwaith, tan { $expires }:
    { $link }
staff-updated = Mae manylion { $name } wedi'u diweddaru.
staff-no-children = Does dim plant ar eich llwyth achosion eto. Cofrestrwch un gyda /enrol ENW.
staff-children =
    Eich llwyth achosion ({ $count }):
    { $children }
staff-child-line = • { $name }: { $status }
staff-status-joined = wedi ymuno
staff-status-invited = wedi cael gwahoddiad, dolen yn ddilys tan { $expires }
staff-status-invite-expired = heb ymuno, dolen wedi dod i ben (anfonwch /link i greu un newydd)
staff-status-unreachable = dim modd cysylltu drwy Telegram
staff-child-card =
    <b>{ $name }</b>: { $status }
    Iaith: { $language }
    Oed: { $age }
    Gorchymyn yn dod i ben: { $order_end }
    Rhyw: { $sex }
    Rhywedd: { $gender }
    Ethnigrwydd: { $ethnicity }
    Derbyn gofal: { $looked_after }
staff-child-unreachable = Dydy { $name } ddim yn gallu cael negeseuon Touchbase (wedi rhwystro'r bot neu wedi gadael Telegram). Cysylltwch â nhw mewn ffordd arall.
staff-message-failed = Doedd dim modd anfon neges at { $name }. Cysylltwch â nhw mewn ffordd arall.

## Sut i ddefnyddio gorchmynion (yn cael ei ddangos pan fydd dadleuon ar goll neu'n anghywir)

usage-invite = Defnyddiwch: /invite worker ENW (neu host, neu manager). Enghraifft: /invite worker Priya
usage-revoke = Defnyddiwch: /revoke ENW. Enghraifft: /revoke Priya
usage-transfer = Defnyddiwch: /transfer PLENTYN GWEITHIWR. Rhowch enw sydd â bylchau rhwng dyfynodau: /transfer "Sam J" Priya
usage-enrol = Defnyddiwch: /enrol ENW [lang=en|cy] [born=YYYY-MM-DD] [order_end=YYYY-MM-DD] [sex=…] [gender=…] [ethnicity=…] [looked_after=yes|no]. Enghraifft: /enrol Sam lang=cy born=2011-04-02
usage-update = Defnyddiwch: /update ENW opsiwn=gwerth. Enghraifft: /update Sam order_end=2027-06-30
usage-child = Defnyddiwch: /child ENW. Enghraifft: /child Sam
usage-link = Defnyddiwch: /link ENW. Enghraifft: /link Sam
