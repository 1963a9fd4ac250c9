"""The five seed strategies (../shared/seeds), in their original language.

Structure and wording follow the published documents. Where a document does not fit a
field (Växjö's three headings, Örebro's orientations), the mapping is noted. Proposed
texts of council amendments are given only where the decision itself shows the wording
before the change.
"""
# ruff: noqa: E501 - long lines are the documents' own paragraphs

import datetime

TRONDHEIM = {
    "municipalities": ["trondheim"],
    "language": "nb",
    "title": "Store – lille Trondheim i verden. Internasjonal strategi for Trondheim kommune",
    "kind": "strategy",
    "adopted_by": "council",
    "adopted_on": datetime.date(2010, 1, 28),
    "paragraph": "",
    "case_number": "09/40014",
    "owner": "kommunedirektorens-stab",
    "replaces_note": "",
    "introduction": (
        "Strategiene er basert på fire målområder med tilhørende strategier. Bakgrunnsdokumentet (vedlegg) argumenterer nærmere for valg av mål og strategier, forankring i kommunens strategiske planer, regionale og statlige føringer samt enkelte andre byers innsats på området.\n\n"
        "Tillegg og endringer som følge av bystyrets behandling er innarbeidet i dokumentet.\n\n"
        "Internasjonalisering er ikke et mål i seg selv. Det legges derfor til grunn at relevans og kvalitet i det internasjonale arbeidet er viktig.\n\n"
        "Valg av strategier bygger på at Trondheim er en internasjonal by med økende mangfold og økende internasjonal orientering innen utdanning, kultur og næringsliv. Trondheim kommunes organisasjon er involvert i en rekke internasjonale nettverk både gjennom forpliktende avtaler og historiske relasjoner. Noen har vennskapsbystatus mens andre er mer prosjektrelatert og emne- og tema basert.\n\n"
        "Videre ligger det til grunn en visshet om at dersom man skal lykkes i våre internasjonale ambisjoner som bysamfunn, så må alle gode krefter forenes og trekke i samme retning. Det er i dag enighet i de fleste aktuelle miljøer om at en større involvering og samordning mellom ulike parter som arbeider internasjonalt både er ønskelig og nødvendig.\n\n"
        "En premiss i saken og et grunnlag for valg av strategi er å utnytte eksisterende ressurser som Trondheim kommune i dag besitter sammen med bysamfunnets ressurser for å løfte den internasjonale aktiviteten, sammen med økt fokus på eksterne finansieringsordninger.\n\n"
        "Den internasjonale strategi skal følges opp av en handlingsplan. Handlingsplanen skal konkretisere arbeidet med strategiene gjennom aktiviteter, milepæler og fremdriftsplan. Handlingsplanen skal være flerårig. Handlingsplanen skal så langt som mulig angi tydelige resultatmål, og vise behovet for økonomiske ressurser knyttet til gjennomføringen. For å sikre at innsatsen knyttet til handlingsplanen kan måles, skal det etableres indikatorer som verktøy som ledd i handlingsplanen.\n\n"
        "Rådmannen vil fremme egen sak om vennskapsbyer for bystyret."
    ),
    "purpose": (
        "Mål for Trondheims internasjonale arbeid. Arbeidet med det internasjonale Trondheim skal:\n\n"
        "– videreutvikle Trondheims rolle som en internasjonal by og stimulere internasjonal nysgjerrighet.\n"
        "– ta i bruk og utvikle den samlede internasjonale kompetanse i Trondheim by som grunnlag for å fornye samfunnet og styrke bærekraftig utvikling som middel i den økende globale konkurransen om oppmerksomhet, arbeidskraft, studenter og forskere, kultur- og næringsutvikling.\n"
        "– i størst mulig grad være basert på et solidaritetsperspektiv."
    ),
    "vision": "",
    "responsibilities": (
        "Formannskapet gis fullmakt til å vedta handlingsprogram som følge av vedtatt strategi (bystyrets vedtak punkt 2). "
        "Bystyret ber om at disse strategiene om nødvendig justeres i tråd med de vedtak bystyret fatter i strategisk næringsplan (punkt 3)."
    ),
    "goal_areas": [
        (
            1,
            "Internasjonal kontakt og samarbeid",
            "",
            [
                (
                    "a",
                    "Befeste og styrke Trondheims internasjonale kontakt og samarbeid gjennom Trondheims posisjon som kunnskapsby, og å legge til rette for kontakter mellom FoU og næringsliv og styrke Trondheimsregionens konkurransevne.",
                ),
                (
                    "b",
                    "Avklare kommunens holdning til fortsatt vennskapsbysamarbeid og annet bysamarbeid gjennom egen sak til bystyret.",
                ),
                (
                    "c",
                    "Samordne strategier for bysamfunnet og i Trondheimsregionen og utnytte og utvikle eksisterende nettverk i en helhetlig sammenheng.",
                ),
                ("d", "Gi barn og unge kunnskap om globale utfordringer og muligheter."),
            ],
        ),
        (
            2,
            "Utvikle internasjonal kompetanse og fagkunnskap internt i kommunen",
            "",
            [
                ("a", "Stimulere kommunens aktive deltakelse i internasjonalt arbeid."),
                ("b", "Øke fokuset på rekruttering av internasjonal kompetanse."),
                ("c", "Identifisere og utnytte eksterne finansieringsmuligheter."),
            ],
        ),
        (
            3,
            "Synliggjøre internasjonal aktivitet",
            "",
            [
                (
                    "a",
                    "Øke synligheten av Trondheim bys internasjonale aktiviteter og signalisere solidaritet og medmenneskelighet.",
                ),
                (
                    "b",
                    "Identifisere og utnytte dokumentasjons- og profileringsmuligheter bl.a. gjennom god dokumentasjon av internasjonal aktivitet og en internasjonal informasjonsstrategi.",
                ),
            ],
        ),
        (
            4,
            "Utvikle vertskapsrollen",
            "",
            [
                (
                    "a",
                    "Trondheim skal fremstå som et bysamfunn som etablerer positive relasjoner til besøkende.",
                ),
                (
                    "b",
                    "Utvikle bevissthet omkring og se nye muligheter i vertskapsrollen i sammenheng med andre lokale initiativ.",
                ),
            ],
        ),
    ],
    "strategies": [
        (
            1,
            "Trondheim kommune skal ha en tilretteleggerrolle og bidra til økt internasjonal kontakt og samarbeid innen utdanning, forskning, helse, kultur og næringsliv.",
            [1],
            [
                (
                    "a",
                    "Trondheim kommune skal sammen med utdannings- og FoU-miljøene ta initiativ til økt innsats i internasjonalt arbeid og der hvor det er mulig, bistå utdannings- og forskningsinstitusjonene i arbeidet med internasjonaliseringen.",
                ),
                (
                    "b",
                    "Trondheims rolle som nasjonalt kirkelig tyngdepunkt skal styrkes gjennom å øke fokuset på kirkens sterke internasjonale relasjoner, pilegrimssatsing og økumenisk dialogarbeid.",
                ),
                (
                    "c",
                    "Som del av utviklingen av kunnskapsbyen skal barn og unges deltakelse i internasjonale programmer, kulturutveksling og kontaktskapende arbeid gis prioritet innen skole, kultur og fritid (gjensidige skolebesøk).",
                ),
                (
                    "d",
                    "Internasjonal kontakt og samarbeid skal gi både barn, unge og voksne kunnskap om globale utfordringer og muligheter.",
                ),
                (
                    "e",
                    "Barn og unges involvering i kommunens internasjonale arbeid skal bl.a. sikres gjennom ungdommens bystyre og aktiviteter i frivillige organisasjoner.",
                ),
                (
                    "f",
                    "Det skal etableres et internasjonalt forum hvor NTNU, Innovasjon Norge, Trøndelags Europakontor, Access Mid-Norway / Midt-Norsk handelskammer og Sør-Trøndelag fylkeskommune sammen med Trondheim kommune skal fungere som katalysator for samspillet lokalt. Næringslivet, reiselivet og kultursektoren må inkluderes i det internasjonale forumet. Trondheim har 22 konsulat for 22 forskjellige land. Konsulene inviteres til å delta med en representant i det internasjonale forum.",
                ),
                (
                    "g",
                    "Forbedre byens servicetilbud til internasjonale studenter og forskere for å lette tilgangen til høyt kvalifisert arbeidskraft.",
                ),
                (
                    "h",
                    "Bevisst bruke Trondheims (profesjonelle) kulturelle ressurser i byens internasjonale strategi.",
                ),
                (
                    "i",
                    "Det er ønskelig at kompetanse og erfaring hos innbyggerne med internasjonal bakgrunn trekkes inn i dette arbeidet.",
                ),
            ],
        ),
        (
            2,
            "Trondheim kommune skal strukturere og utvikle vennskapsbysamarbeidet gjennom å avklare formål og muligheter.",
            [1],
            [
                (
                    "a",
                    "Å formalisere internasjonalt samarbeid gjennom prosjektrelaterte engasjement basert på strategiske samarbeidsavtaler som er målbare og har dokumenterbar effekt. I dette ligger at det må arbeides for å kjenne våre samarbeidspartneres internasjonale arbeid, og samarbeide med disse om felles innsatsområder, og videreutvikle vennskapsbyavtalene innen prioriterte områder.",
                ),
                (
                    "b",
                    "Å etablere eventuelt nye relasjoner på aktivitet som vil kunne bety en forskjell mht. måloppnåelse og som er gjenkjennelig ut fra felles næringsstruktur, kultur og historie.",
                ),
                (
                    "c",
                    "Å vurdere / gradere vårt arbeid med vennskapsbyer. Det vil være vanskelig å avvikle ordninger som har vart siden midten av 40-tallet, men det kan være hensiktsmessig å foreta en nyorientering hvor det tydeliggjøres hvor Trondheim kommune har en aktiv rolle, hva rollen innebærer og relasjoner hvor kontakten utøves av andre. En kan tenke seg at arbeidet med vennskapsbyene deles inn i fire ulike kategorier:\n"
                    "– Relasjoner som bygger på konkrete prosjektavtaler med konkrete mål og krav til måloppnåelse.\n"
                    "– Relasjoner som politisk kan defineres som særskilte fokusområder og som åpner for samhandlet innsats med bl.a. nasjonale myndigheter og som gir muligheter for ekstern finansiering.\n"
                    "– Solidaritetsrelasjoner hvor aktiviteten gjerne også drives av andre, for eksempel frivillige organisasjoner og foreninger. Det bør imidlertid være et krav om en toveis relasjon hvor gjensidighetsperspektivet, som jo er førende for vennskapsbysamarbeidet, blir ivaretatt.\n"
                    "– Hvilende relasjoner hvor aktivitet ikke prioriteres, men hvor det likevel er ønskelig å opprettholde forbindelse.",
                ),
            ],
        ),
        (
            3,
            "Trondheim kommunes organisasjon skal øke sin internasjonale kompetanse og delta i samarbeid og nettverk som fremmer demokrati og forståelse, og gjensidig faglig utvikling.",
            [2],
            [
                (
                    "a",
                    "Trondheim kommune skal ha økt fokus på rekruttering av internasjonal kompetanse og ansatte med flerkulturell bakgrunn og sørge for språklig tilrettelegging av informasjon. Trondheim kommune skal utvikle internasjonal nysgjerrighet.",
                ),
                (
                    "b",
                    "Tilgangen til høyt kvalifisert arbeidskraft fra utlandet – ekspertinnvandrere – er viktig også for næringsliv, kultur og offentlig sektor. Trondheim kommune skal arbeide for at personer med høyere utdanning fra utenlandske universitet og høyskoler skal få godkjent / godskrevet sin utdanning i Norge.",
                ),
                (
                    "c",
                    "Trondheim kommune skal på sin side ta initiativ til at vesentlig kommunal informasjon blir gjort tilgjengelig gjennom minst to flerspråklige versjoner.",
                ),
                (
                    "d",
                    "At aktivitetene på overordnet kommunenivå skal forankres på strategisk og politisk nivå.",
                ),
                (
                    "e",
                    "I større grad å utnytte mulighetene som foreligger mht. ekstern finansiering av internasjonal aktivitet. Det skal derfor foretas en kartlegging over muligheter for ekstern finansiering innenfor de områder som prioriteres. I samarbeid med Trøndelags Europakontor skal det legges til rette for informasjonsaktivitet overfor utdanningsinstitusjoner, næringsliv, foreninger og frivillige lag og organisasjoner (EU / Interreg, DU, KS, NORAD, Nordisk ministerråd m.m.).",
                ),
                (
                    "f",
                    "Trondheim kommune skal samarbeide nært med frivillige organisasjoner med tanke på kompetanseutveksling og inkludering.",
                ),
            ],
        ),
        (
            4,
            "Trondheim kommune skal dokumentere og synliggjøre kommunens internasjonale engasjement, aktiviteter og vertskapsrolle.",
            [3, 4],
            [
                (
                    "a",
                    "Å skaffe bedre dokumentasjon som kan bidra til en mer helhetlig oversikt over den internasjonale aktiviteten og som også kan bidra til å belyse muligheter som til nå har vært usynlige.",
                ),
                (
                    "b",
                    "Å utvikle en internasjonal informasjonsstrategi. Internasjonal kommunikasjonsutveksling skjer i stadig større grad i digital form. En digital informasjonsstrategi må derfor inngå i den internasjonale strategien.",
                ),
                (
                    "c",
                    "Å utvikle og forsterke vertskapsrollen gjennom at Trondheim fremstår som et bysamfunn som etablerer positive relasjoner til besøkende og som har bevissthet omkring vertskapsrollen som aktivt redskap for relasjonsbygging.",
                ),
                (
                    "d",
                    "Trondheim kommune skal arbeide for i sterkere grad å utnytte relevante internasjonale kontakter gjennom å involvere kunnskapsmiljøer, frivillige organisasjoner, kultur og næringsliv i forbindelse med representasjonsoppgaver og vertskapsrolle.",
                ),
                (
                    "e",
                    "Å aktivt benytte Trondheims 22 konsulater som utgjør et stort potensial i å knytte internasjonale relasjoner som fremmer bysamfunnet, kultur og næringslivsinteresser.",
                ),
                (
                    "f",
                    "Å samarbeide med bl.a. internasjonale studentorganisasjoner som ISFiT og IAESTE med tanke på å utnytte et i dag usynlig nettverk av «Trondheims ambassadører» over det meste av verden.",
                ),
                (
                    "g",
                    "At Trondheims internasjonale arbeid skal bidra til å markedsføre byen og styrke byens og Trondheimsregionens konkurransevne og attraktivitet, profilere Trondheim som student- og forskningsby, innovasjons- og etablererby og en by med gode kultur-, natur- og fritidsmuligheter.",
                ),
                (
                    "h",
                    "Videreutvikle Trondheims rykte som en god arrangørby når det gjelder større begivenheter. Det er utviklet høy kompetanse innen større idrettsarrangement, større messer og kongresser og kulturelle begivenheter i byrommet. Trondheim har også stått som vertskap for større nasjonale begivenheter. Det gjenstår imidlertid mye når det gjelder å utnytte og utvikle vertskapsrollen og å sette begivenhetene i en større sammenheng, hvor flere miljøer samhandler bl.a. for å høste synergi for næringsliv og relasjonsbygging generelt.",
                ),
            ],
        ),
    ],
    # (item, kind, target, decision text, proposed text)
    # target: ("strategy", n) / ("measure", n, letter) / ("goal", n, letter) / ("part", name) / None
    "amendments": [
        (
            "4a",
            "changed",
            ("strategy", 1),
            "Strategi 1) Trondheim kommune skal ha en tilretteleggerrolle og bidra til økt internasjonale kontakt og samarbeid innen utdanning, forskning, helse, kultur- og næringsliv.",
            "",
        ),
        (
            "4b",
            "added",
            ("measure", 3, "f"),
            "Strategi 3) Nytt punkt f: Trondheim kommune skal samarbeide nært med frivillige organisasjoner med tanke på kompetanseutveksling og inkludering.",
            "",
        ),
        (
            "4c",
            "added",
            ("measure", 4, "d"),
            "Strategi 4) Tillegg pkt d: Trondheim kommune skal samarbeide for i sterkere grad å utnytte relevante internasjonale kontakter gjennom å involvere kunnskapsmiljøer, frivillige organisasjoner, kultur- og næringsliv i forbindelse med representasjon og vertskapsrolle.",
            "",
        ),
        (
            "4d",
            "changed",
            ("measure", 4, "h"),
            "Endring pkt h) strategi 4: … og kongresser og kulturelle arrangementer i byrommet.",
            "Videreutvikle Trondheims rykte som en god arrangørby når det gjelder større begivenheter. Det er utviklet høy kompetanse innen større idrettsarrangement, større messer og kongresser. Trondheim har også stått som vertskap for større nasjonale begivenheter. Det gjenstår imidlertid mye når det gjelder å utnytte og utvikle vertskapsrollen og å sette begivenhetene i en større sammenheng, hvor flere miljøer samhandler bl.a. for å høste synergi for næringsliv og relasjonsbygging generelt.",
        ),
        (
            "4e",
            "added",
            ("measure", 1, "h"),
            "Bevisst bruke Trondheims (profesjonelle) kulturelle ressurser i byens internasjonale strategi.",
            "",
        ),
        (
            "4f",
            "changed",
            None,
            "Bystyret viser til at man tidligere har uttalt seg i saker som har overordnet betydning for Trondheim. Bystyret forutsetter at denne praksis fortsetter.",
            "",
        ),
        (
            "4g",
            "added",
            ("measure", 1, "i"),
            "Tillegg strategi 1. Det er ønskelig at kompetanse og erfaring hos innbyggerne med internasjonal bakgrunn trekkes inn i dette arbeidet.",
            "",
        ),
        (
            "5a",
            "changed",
            ("measure", 4, "b"),
            "Internasjonal kommunikasjon og informasjonsutveksling skjer i stadig større grad i digital form. En digital internasjonal informasjonsstrategi må derfor inngå i den internasjonale strategien.",
            "Å utvikle en internasjonal informasjonsstrategi.",
        ),
        (
            "5b",
            "added",
            ("measure", 1, "d"),
            "Internasjonal kontakt og samarbeid skal gi både barn, unge og voksne kunnskap om globale utfordringer og muligheter.",
            "",
        ),
        (
            "5c",
            "changed",
            ("measure", 3, "b"),
            "Tilgangen til høyt kvalifisert arbeidskraft fra utlandet – ekspertinnvandrere – er viktig også for næringsliv, kultur og offentlig sektor.",
            "Trondheim kommune skal arbeide for at personer med høyere utdanning fra utenlandske universitet og høyskoler skal få godkjent / godskrevet sin utdanning i Norge.",
        ),
        (
            "5d",
            "changed",
            ("measure", 1, "f"),
            "Næringslivet, reiselivet og kultursektoren må inkluderes i det internasjonale forum som tenkes etablert.",
            "Det skal etableres et internasjonalt forum hvor NTNU, Innovasjon Norge, Trøndelags Europakontor, Access Mid-Norway / Midt-Norsk handelskammer og Sør-Trøndelag fylkeskommune sammen med Trondheim kommune skal fungere som katalysator for samspillet lokalt.",
        ),
        (
            "6a",
            "changed",
            ("part", "purpose"),
            "Endringer i Mål for Trondheims internasjonale arbeid: Følgende legges til i kulepunkt 2: … fornye samfunnet og styrke bærekraftig utvikling …",
            "",
        ),
        (
            "6b",
            "changed",
            ("part", "purpose"),
            "Følgende nye kulepunkt legges til: i størst mulig grad være basert på et solidaritetsperspektiv.",
            "Mål for Trondheims internasjonale arbeid. Arbeidet med det internasjonale Trondheim skal:\n\n"
            "– videreutvikle Trondheims rolle som en internasjonal by og stimulere internasjonal nysgjerrighet.\n"
            "– ta i bruk og utvikle den samlede internasjonale kompetanse i Trondheim by som grunnlag for å fornye samfunnet og styrke bærekraftig utvikling som middel i den økende globale konkurransen om oppmerksomhet, arbeidskraft, studenter og forskere, kultur- og næringsutvikling.",
        ),
        (
            "7",
            "changed",
            ("measure", 1, "f"),
            "Trondheim har 22 konsulater for 22 forskjellige land. Konsulene inviteres til å delta med en representant i det internasjonale forum som tenkes etablert.",
            "",
        ),
    ],
}

VAXJO = {
    "municipalities": ["vaxjo"],
    "language": "sv",
    "title": "Internationell strategi för Växjö kommun",
    "kind": "strategy",
    "adopted_by": "council",
    "adopted_on": datetime.date(2013, 10, 15),
    "paragraph": "§ 213",
    "case_number": "KS/2012:935",
    "owner": "planeringskontoret",
    "replaces_note": "Antaget av fullmäktige 2009-08-25 § 170",
    "introduction": (
        "Vi lever i en globaliserad värld som får allt större betydelse för det svenska samhällets utveckling. En ökad internationalisering – inte minst genom medlemskapet i Europeiska unionen (EU) – skapar bland annat möjligheter till extern finansiering för utveckling och till värdefullt kunskapsutbyte.\n\n"
        "Växjö har en lång tradition av att arbeta internationellt. Kommunen är med i flera internationella nätverk, deltar kontinuerligt i EU-projekt och har fått flera internationella utmärkelser. Växjös positiva erfarenhet av internationellt arbete har ökat förståelsen för nyttan med att samverka internationellt och gett insikt i hur ett internationellt förhållningssätt kan bidra till positiv utveckling.\n\n"
        "Med begreppet internationellt arbete menas att knyta internationella kontakter, delta i internationella nätverk, omvärldsbevaka, exponera Växjö internationellt samt att söka medel för och genomföra internationella projekt inom prioriterade områden.\n\n"
        "Den internationella strategin anger syfte och prioriteringar för Växjö kommuns internationella arbete samt definierar ansvarsfördelning och uppföljning av det arbetet."
    ),
    "purpose": (
        "Vi arbetar internationellt för\n"
        "– att bidra till att uppnå kommunens uppsatta mål och inriktningar;\n"
        "– att bidra till ekologisk, ekonomisk och socialt hållbar utveckling, lokalt och globalt.\n\n"
        "Det internationella arbetet ska i första hand ses som ett verktyg för kommunens verksamhetsutveckling, utgå från nyttan för medborgarna samt bidra till att uppnå kommunens mål och inriktning."
    ),
    "vision": "Växjö kommun ska vara Europas Grönaste Stad, där människor, organisationer och företag växer och tar ansvar.",
    "responsibilities": (
        "Kommunfullmäktige fastställer ramarna för det internationella arbetet genom att anta den internationella strategin.\n\n"
        "Nämnder och bolagsstyrelser ansvarar för att styra och följa upp det strategiska internationella arbetet under målområde Arbete och Företag. Vidare verkar de för att, utifrån den internationella strategin, hitta nämnd-/bolagsspecifika verksamhetsområden som kan utvecklas genom ett internationellt angreppssätt.\n\n"
        "Respektive förvaltning och bolag ser till att det internationella perspektivet integreras i verksamhetsplaneringen och ordinarie utvecklingsarbete. En kontaktperson som kan representera förvaltningen/bolaget i ett kommunperspektiv ska utses på varje förvaltning och bolag. Varje förvaltning och bolag ansvarar för nödvändig kompetensutveckling och för att det internationella arbetet rapporteras i årsrapporter inom målområde Arbete och Företag.\n\n"
        "Rapporteringen ska innehålla:\n"
        "– information om pågående och under året avslutade EU-projekt, andra internationella projekt samt inlämnade ansökningar;\n"
        "– redovisning av övrigt internationellt arbete som genomförts under året;\n"
        "– vilka resultat det internationella arbetet har gett.\n\n"
        "Lokala arbetsgrupper och interna nätverk kommer att bildas för att främja det internationella samarbetet och verka för att ta tillvara interna och externa möjligheter.\n\n"
        "Uppföljning av strategin skall göras av kommunstyrelsen minst en gång per mandatperiod och vid behov revideras."
    ),
    # The three strategy headings are goal areas; each bullet under them a strategy.
    "goal_areas": [
        (1, "Extern finansiering", "", []),
        (2, "Omvärldssamverkan", "", []),
        (
            3,
            "Kompetensutveckling",
            "Kommunens internationella arbete baseras på ett hållbart synsätt, i vilket vi eftersträvar begränsad miljöpåverkan, utveckling av näringslivet och drar nytta av befintliga resurser och kompetens. I vårt internationella arbete använder vi den internationella erfarenhet och mångfald som finns i kommunen. Näringslivet, och dess organisationer, och Linnéuniversitetet ses som viktiga samverkanspartners och involveras i det internationella arbetet, när så är möjligt. Vidare stöder kommunen internationella företagsetableringar samt främjar de lokala företagens internationaliseringsprocesser. De fysiska resorna skall minimeras enligt kommunens resepolicy och flygresor klimatkompenseras.",
            [],
        ),
    ],
    "strategies": [
        (
            1,
            "Kommunens verksamheter överväger alltid möjligheten för delfinansiering av sin verksamhetsutveckling, genom deltagande i internationellt finansierade projekt.",
            [1],
            [],
        ),
        (
            2,
            "Kommunen bevakar intressen, inspireras, utbyter och skapar kunskap genom ett aktivt internationellt engagemang.",
            [2],
            [],
        ),
        (
            3,
            "Kommunen deltar i internationella konferenser, nätverk och projekt samt sprider våra goda exempel.",
            [2],
            [],
        ),
        (
            4,
            "Internationellt arbete ses som en tillgång för verksamhetsnyttig kompetensutveckling. Kommunen genomför kunskapshöjande insatser för att anställda skall kunna delta i det internationella arbetet.",
            [3],
            [],
        ),
    ],
    "amendments": [],
}

LINKOPING_NORRKOPING = {
    "municipalities": ["linkoping", "norrkoping"],
    "language": "sv",
    "title": "Internationell strategi. Ett gemensamt styrdokument för Linköpings och Norrköpings kommuner",
    "kind": "strategy",
    "adopted_by": "council",
    "adopted_on": None,  # the published document gives no decision date (printed June 2011)
    "paragraph": "",
    "case_number": "",
    "owner": None,
    "replaces_note": "",
    "introduction": (
        "Vi lever i en allt mer globaliserad värld som ger ökade möjligheter men som också ställer nya krav. Linköpings och Norrköpings kommuner utgör tillsammans en del av ett framväxande regionernas Europa som präglas av ökad rörlighet för människor, varor och tjänster. Den ökade konkurrensen mellan regioner i Europa innebär att det är allt viktigare att Linköping och Norrköping samarbetar. Genom en fördjupad samverkan ges ökade möjligheter att i Europa och i övriga delen av världen synliggöra fjärde storstadsregionen och då dra nytta av städernas samlade attraktivitet i olika sammanhang.\n\n"
        "Med ett gemensamt internationellt styrdokument kan Linköping och Norrköping kraftsamla kring att synliggöra fjärde storstadsregionen på en internationell arena. Genom samarbete frigörs resurser och det internationella arbetet effektiviseras i kommunerna, till exempel genom gemensamma externfinansierade projekt, samordning av expertstöd, kompetensutveckling, informationsspridning och intressebevakning.\n\n"
        "Detta dokument är ett gemensamt styrdokument för Linköpings och Norrköpings kommuner. På grund av olika dokumentstruktur benämns dokumentet internationell strategi i Linköping och riktlinje för internationellt arbete i Norrköping."
    ),
    # §6 of the document, its own chapter (not part of the introduction).
    "guidelines": (
        "Linköpings och Norrköpings behov och långsiktiga nytta är vägledande för det internationella samarbetet. Tydlig koppling till prioriterade sakfrågor ska finnas. Projektorienterat och externfinansierat samarbete eftersträvas. Både regionala och nationella resurser och möjligheter tas tillvara genom samverkan med både offentliga och privata organisationer och aktörer. Samarbetet med Regionförbundet Östsam har särskild prioritet. Samarbete med vän-, samverkans- och systerorter inriktas på mål- och projektorienterat arbete. Frågor kring demokrati och jämställdhet beaktas i internationella utbyten. Den etniska mångfalden i Linköping och Norrköping är en resurs som tas tillvara i internationellt arbete.\n\n"
        "Om Linköping eller Norrköping deltar i projekt inom internationella utvecklingssamarbeten (så kallade biståndsprojekt), bidrar kommunerna eller dess näringsliv inom områden där man har hög kompetens för att stödja lokal demokrati och lokalt självstyre. Såväl som i annat internationellt arbete är det den långsiktiga nyttan för kommunerna som är vägledande samt att arbetet ska vara resultatorienterat och, i första hand, externfinansierat."
    ),
    "purpose": "Syftet med dokumentet är att skapa en gemensam plattform för internationellt arbete i Linköpings och Norrköpings kommuner. Den är kommunövergripande och gäller för alla verksamheter i Linköpings och Norrköpings kommuner. Planen är indelad i tre prioriterade områden: profilering, omvärldsbevakning och påverkan, verksamhets- och kompetensutveckling.",
    "vision": "Övergripande mål: Linköping och Norrköping strävar efter att tillhöra de kommuner i Sverige som är bäst på att nyttja internationaliseringens möjligheter. Kommunernas internationalisering ska bidra till ökad välfärd, hållbar tillväxt och utveckling samt att skapa en attraktiv region för medborgare och näringsliv. Planen styrs av de övergripande måldokumenten i kommunerna: Strategisk plan med övergripande mål (Linköpings kommun) och Det goda livet finns i Norrköping – en vision för Norrköping.",
    "responsibilities": (
        "Kommunstyrelserna ansvarar för att initiera strategiska satsningar, löpande hantering och uppföljning av övergripande internationella frågor, projekt och aktiviteter. Kommunövergripande frågor bereds åt kommunstyrelsen på respektive kommunstyrelses förvaltning. Kommunstyrelsen har ett övergripande ansvar att stimulera till internationellt arbete i alla förvaltningar. Den internationella handlingsplanen beaktas i nämndernas verksamhetsplaner (Linköping) eller uppdragsplaner (Norrköping). Nämnder, förvaltningar och verksamhetskontor ansvarar för och finansierar sitt eget internationella arbete.\n\n"
        "Kommunspecifik internationell verksamhet. Både Linköpings kommun och Norrköpings kommun har internationellt arbete som är specifikt för den enskilda kommunen. I respektive verksamhetsplan (Linköping) och uppdragsplan (Norrköping) finns därför både en gemensam och en kommunspecifik del.\n\n"
        "Genomförande och uppföljning. När det gäller prioriteringar och konkretiseringar av innehåll i det internationella programmet finns dessa i Linköpings och Norrköpings gemensamma verksamhetsplan för internationellt arbete och i respektive nämnders uppdrags- och verksamhetsplaner. Arbetet följs upp kontinuerligt genom analys av förvaltningarnas verksamhetsplaner och verksamhetsberättelser eller motsvarande."
    ),
    "goal_areas": [
        (
            1,
            "Profilering",
            "I arbetet med att skapa en attraktiv region ska kommunerna lyftas fram i alla insatser och engagemang med internationella parter. Internationellt arbete innebär i detta sammanhang att skapa kontakter och öppna dörrar för det lokala och regionala näringslivet samt arbeta för att presentera Linköping och Norrköping som besöksmål och etableringsorter. Kommunernas kompetensområden synliggörs också genom internationella studiebesök, konferenser och möten som genomförs i Linköping och Norrköping.",
            [],
        ),
        (
            2,
            "Omvärldsbevakning och påverkan",
            "Omvärlden påverkar kommunerna på många sätt, det kan gälla samhällstendenser, ny lagstiftning eller möjligheter i form av externfinansiering. Linköpings och Norrköpings kommuner ska arbeta med strategisk påverkan och omvärldsbevakning så att vi har en god beredskap för att möta förändringar. För att bli slagkraftiga skapas allianser med strategiskt valda organisationer, aktörer, nätverk och regioner. Viktiga stödfunktioner i bevakningsarbetet är Regionförbundet Östsam, East Sweden EU-kontoret i Bryssel och Sveriges Kommuner och Landsting. Genom Sveriges medlemskap i EU har EU-perspektivet en framträdande roll i bevakningsarbetet.",
            [],
        ),
        (
            3,
            "Verksamhets- och kompetensutveckling",
            "Internationalisering används som ett verktyg för att utveckla de kommunala organisationerna och som ett medel i kompetensutveckling för förtroendevalda och personal. Det är ett medel för att förstärka pågående verksamhet och prioriterade utvecklingsprojekt. I all verksamhetsutveckling ska möjligheter med att förstärka utvecklingsområdet med internationellt arbete övervägas.",
            [],
        ),
    ],
    # The municipality-specific parts: each municipality's own plan holds its own part.
    "specific_parts": {
        "linkoping": (
            4,
            "Kommunspecifik internationell verksamhet – Linköping",
            "Linköpings kommun har internationellt arbete som är specifikt för kommunen. Den kommunspecifika delen finns i nämndernas verksamhetsplaner (Linköping).",
        ),
        "norrkoping": (
            5,
            "Kommunspecifik internationell verksamhet – Norrköping",
            "Norrköpings kommun har internationellt arbete som är specifikt för kommunen. Den kommunspecifika delen finns i nämndernas uppdragsplaner (Norrköping).",
        ),
    },
    "strategies": [
        (1, "Skapa kontakter och öppna dörrar för det lokala och regionala näringslivet.", [1], []),
        (
            2,
            "Främja Linköpings och Norrköpings möjligheter som etableringsorter och som besöksmål.",
            [1],
            [],
        ),
        (
            3,
            "Arbeta för att internationella konferenser och möten förläggs i Linköping och Norrköping.",
            [1],
            [],
        ),
        (
            4,
            "Lyfta fram fjärde storstadsregionens profileringsområden i internationell samverkan, till exempel genom deltagande i nätverk och konferenser.",
            [1],
            [],
        ),
        (
            5,
            "Öka representationen av politiker i, för regionen, strategiskt viktiga internationella styrelser, kommittéer, nätverk samt olika tillfälliga fora.",
            [2],
            [],
        ),
        (
            6,
            "Öka representationen av tjänstemän i, för regionen, strategiskt viktiga internationella styrelser, kommittéer, nätverk samt olika tillfälliga fora.",
            [2],
            [],
        ),
        (
            7,
            "Utveckla samarbetet med EU-parlamentariker med regional anknytning samt övriga ledamöter från regionen med plats i EU:s institutioner.",
            [2],
            [],
        ),
        (8, "Öka bevakningen av EU-frågor i nämndernas fortlöpande arbete.", [2], []),
        (
            9,
            "Bredda och fördjupa det internationella arbetet och dess möjligheter bland nämndernas förtroendevalda, i förvaltningarnas ledningsgrupper och bland medarbetare.",
            [3],
            [],
        ),
        (
            10,
            "Skapa en stödstruktur som möjliggör att antalet EU-finansierade projekt och internationella projekt med annan finansiering ökar.",
            [3],
            [],
        ),
        (
            11,
            "Höja kunskapsnivån om EU och EU:s program fortlöpande på både politisk nivå och tjänstemannanivå.",
            [3],
            [],
        ),
        (
            12,
            "I nämndernas verksamhetsplaner (Linköping) respektive uppdragsplaner (Norrköping) beskrivs hur internationellt arbete ingår i prioriterade utvecklingsområden.",
            [3],
            [],
        ),
    ],
    "amendments": [],
}

OREBRO = {
    "municipalities": ["orebro"],
    "language": "sv",
    "title": "Internationella arbetet i Örebro kommun – plattform",
    "kind": "platform",
    "adopted_by": "council",
    "adopted_on": datetime.date(2003, 11, 19),
    "paragraph": "",
    "case_number": "",
    "owner": "internationella-sekretariatet",
    "replaces_note": "",
    "introduction": (
        "Internationalisering är inget nytt fenomen men påverkar oss i högre grad än tidigare. Människor, varor, tjänster, kunskap rör sig alltmera gränslöst. För att kunna delta i internationaliseringen är det viktigt att ha kunskap men också ett öppet och aktivt förhållningssätt.\n\n"
        "Denna plattform skall vara vägledande för kommunens verksamheter när det gäller frågor som rör internationaliseringsaspekter. Inga särskilda mål anges för det internationella arbetet som i stället skall ses som stödjande och kompletterande processer för att nå de mera verksamhetsspecifika mål angivna i program eller andra styrdokument. All internationell verksamhet ska rymmas i nämnders ordinarie budget- och verksamhetsplanering."
    ),
    "purpose": "",
    "vision": "",
    "responsibilities": (
        "Kommunstyrelsen/kommunfullmäktige beslutar om kommunövergripande styrdokument för det internationella arbetet och om frågor som rör vänortsrelationer.\n\n"
        "Programnämnderna har ett självständigt ansvar att arbeta med internationaliseringsfrågor och att driva EU-projekt i syfte att främja verksamhetsrelaterad utveckling inom den egna organisationen.\n\n"
        "Ansvarsfördelningen mellan kommunstyrelse och programnämnder gäller följaktligen även värdskaps- och studiebesöksarrangemang i samband med internationella besök.\n\n"
        "På tjänstemannanivå leds det internationella arbetet av kommunens internationella sekreterare som tillsammans med programnämndernas utsedda samordnare bildar en arbetsgrupp. Gruppen ansvarar för information, projektstöd, viss EU-utbildning, planering och stöd i samband med värdskapsaktiviteter m.m. till kommunens förvaltningar."
    ),
    # The eleven numbered orientations (inriktning) are goal areas without goals:
    # the first sentence as title, the rest as description.
    "orientations": [
        "Örebro kommun har en positiv grundinställning till internationella kontakter. De internationella kontakterna följer kommunens allmänna befogenheter i övrigt.",
        "Örebro kommun uppmuntrar sina egna förvaltningar, kommunens näringsliv och kommuninvånare till ökad internationalisering.",
        "Örebro kommun uppmuntrar till ökat deltagande i internationella nätverk med relevans för kommunens verksamheter och för regionens utveckling.",
        "Internationalisering kan stärka samarbete, solidaritet och utveckling världen över. Internationalisering kan också bidra positivt till Örebros tillväxt. Frågor som handel, turism, marknadsföring, forskning och utveckling men också arbetsmarknads- och rekryteringsfrågor har tydlig koppling med de internationella frågorna.",
        "I det internationella arbetet samarbetar Örebro kommun med övriga regionaktörer samt använder de resurser som Central Sweden Bryssel och Mälardalsrådet innebär.",
        "Vänortssamarbete kan etableras om kommunens verksamheter, kommuninvånare och näringsliv blir delaktiga. Kontakter och arbetssätt skall vara utvecklingsinriktade till sin karaktär. I arbetet med att söka nya vänortskontakter ska kommunen ha ett brett perspektiv och utveckla kontakterna både inom och utom Europa. Vänortssamarbetet skall utvärderas kontinuerligt.",
        "För utvecklingsarbete inom kommunens förvaltningar prövas alltid möjligheten till transnationella partnerskap och delfinansiering via internationella fonder och program. Internationella projekt skall vara en del av ordinarie verksamhet.",
        "Örebro kommun satsar särskilt på barn och unga och uppmuntrar till deltagande i olika internationella utbildningsprogram liksom till skolsamarbete länder emellan.",
        "Behov av språkutbildning skall särskilt uppmärksammas. Flera bör uppmuntras att lära sig flera språk och på högre nivå. Det gäller såväl för barn och unga som för personal och förtroendevalda.",
        "När det gäller information om EU, FN och andra internationella samarbetsorgan som berör medborgarna har stadsbiblioteket ett särskilt ansvar.",
        "I det internationella arbetet ska kommunen ta tillvara de erfarenheter och kunskaper som våra örebroare med invandrarbakgrund har.",
    ],
    "strategies": [],
    "amendments": [],
}

GAVLE = {
    "municipalities": ["gavle"],
    "language": "sv",
    "title": "Internationell strategi för Gävle kommun",
    "kind": "strategy",
    "adopted_by": "council",
    "adopted_on": None,  # the published brochure (2015) gives no decision date
    "paragraph": "",
    "case_number": "",
    "owner": "internationella-kontoret",
    "replaces_note": "",
    "introduction": "Den internationella strategin skapar en gemensam plattform och referensram för Gävle kommuns internationella arbete. Prioriterade områden för det internationella arbetet är verksamhetsutveckling, näringslivsutveckling och omvärldsbevakning. Sveriges medlemskap i EU innebär att samarbete inom unionen och samarbete som finansieras av EU ges en prioriterad ställning inom Gävle kommuns internationella arbete. Det internationella arbetet ska i görligaste mån samordnas med andra kommuner och aktörer i regionen där liknande intressen finns.",
    "purpose": "Det internationella arbetet i Gävle kommun ska bidra till att uppfylla de kommunövergripande målen. Genom det internationella arbetet visar Gävle kommun sitt ansvar för en fredlig och demokratisk utveckling i världen. Det innefattar förståelse för andra kulturer, integration av invandrare och berikande genom mångfald. Barn och ungdomar ska tidigt förberedas för en allt mer internationell värld genom kontakter och samarbete med människor från andra länder. Kommande generationers behov säkras genom gränsöverskridande visioner, mål och aktiviteter med miljö och hållbar utveckling i fokus.",
    "vision": (
        "Gävle kommuns internationella samarbete är en integrerad del av visionen om en konkurrenskraftig kommun och hållbar utveckling i en globaliserad värld.\n\n"
        "Gävle kommun är ett konkurrenskraftigt alternativ för etablering av internationella företag i den pågående globaliseringen, som destination för internationell turism samt internationella möten och evenemang. Gävle kommun tillvaratar möjligheter för Gävle och regionens utveckling genom god omvärldsbevakning nationellt och internationellt. Gävle kommun är aktiv, främst på den europeiska arenan, för att stärka sina intressen och för att bidra med goda erfarenheter och exempel. EU-finansierad transnationell projektverksamhet är en naturlig del i förvaltningars och bolags arbete. Gävle kommuns internationella kontor samarbetar med övriga kommuner och aktörer i regionen och skapar goda förutsättningar för företag att verka internationellt och delta i EU-finansierade utvecklingsprojekt."
    ),
    "responsibilities": (
        "Arbetssätt. Gävle kommun ska hålla en hög standard i det internationella arbetet bland annat genom brett engagemang, kompetent personal och effektiv organisation. Behov och långsiktig nytta ska styra det internationella arbetet som ska ses som en del av de allmänna investeringarna inför framtiden och därför inarbetas i respektive förvaltnings och bolags verksamhetsplaner. Det internationella arbetet ska präglas av öppenhet, initiativkraft, långsiktighet, framförhållning och ömsesidig nytta för deltagande parter. Möjligheten att samverka med redan etablerade kontakter (egna eller regionala samverkanspartners) ska undersökas innan nya kontakter tas. Nyttan för Gävle kommun ska alltid vara prioriterat kriterium vid val av samarbetspartners.\n\n"
        "Kommunfullmäktige antar internationell strategi för Gävle kommun. Kommunfullmäktiges presidium beslutar om nya formella vänorter och företräder tillsammans med kommunstyrelsen Gävle kommun vid internationell representation beroende på arrangemang.\n\n"
        "Kommunstyrelsen ansvarar, med den internationella strategin som grund, för den löpande hanteringen och uppföljningen av kommunövergripande internationella frågor, projekt och samverkansaktiviteter. Kommunledningskontoret ansvarar för verkställande av den internationella strategin och utvärderar regelbundet kommunens deltagande i internationella nätverk.\n\n"
        "Det inom Näringslivsavdelningen placerade Internationella kontoret ansvarar för samordning av det internationella arbetet såväl internt som externt, informationsspridning, kompetensutveckling, utbildning och konkret projektstöd. Årliga handlingsplaner är instrument för att genom internationellt arbete uppnå de kommunövergripande målen. Internationella kontoret rapporterar till kommunstyrelsen.\n\n"
        "Förvaltningar och bolag verkar för att internationellt utvecklingsarbete integreras i verksamheten och ansvarar, med stöd från Internationella kontoret, för hanteringen av internationella projekt. Det avser den totala projekthanteringen inklusive förankring, bedömning av ändamålsenlighet, budget, projektorganisation, genomförande och uppföljning. Det internationella arbetet redovisas till Internationella kontoret för en årlig sammanställning.\n\n"
        "Ett internt internationellt nätverk bildas av kontaktpersoner från respektive förvaltning och bolag. Nätverkets medlemmar ska utvecklas kompetensmässigt och vara informations- och kunskapsförmedlare för att tillsammans med Internationella kontoret stimulera förvaltningarna i det internationella arbetet."
    ),
    "goal_areas": [
        (
            1,
            "Verksamhetsutveckling",
            "Internationellt arbete i detta perspektiv utvecklar och stärker den kommunala verksamheten och dess personal för att på bästa sätt nå Gävle kommuns övergripande mål. Förvaltningar och bolag deltar i relevanta internationella projekt som ligger i linje med ordinarie kommunal verksamhetsutveckling och får därmed ta del av utvecklingsmedel och andra internationella aktörers erfarenheter och kunskaper. De möjligheter till samarbeten och finansiering av utvecklingsprojekt som erbjuds genom EU:s fonder och program ska särskilt tillvaratas. Det internationella arbetet ska i görligaste mån samordnas med andra kommuner och aktörer i regionen där liknande intresse finns.",
            [],
        ),
        (
            2,
            "Näringslivsutveckling",
            "Tillväxt i Gävle och regionens näringsliv är en förutsättning för kommunens utveckling. Internationellt arbete syftar i detta sammanhang till att skapa kontakter, attrahera investeringar, öka kunskapsspridning, öppna dörrar för näringslivet samt skapa goda förutsättningar för företag att verka internationellt och delta i EU-finansierade utvecklingsprojekt. Framförallt ska utvecklingen gynnas i de i Gävle kommuns näringslivsprogram utpekade tillväxtområdena: logistik, radio – elektronik – GIS, industri, upplevelse – värdskap och handel. Genom studiebesök från andra städer, regioner, akademi och företag ska Gävles kompetensområden visas upp.",
            [],
        ),
        (
            3,
            "Omvärldsbevakning",
            "Gävle är i högsta grad beroende av utvecklingen i omvärlden. Lagstiftning, influenser och händelser i omvärlden påverkar direkt eller indirekt Gävles utveckling och tillväxt. Därför är det av stor vikt att tidigt ha en god bevakning inom de områden som kan komma att påverka kommunen. Deltagande i internationella nätverk ska aktivt användas för att främja kommunens utveckling samt vara ett medel för omvärlds- och intressebevakning. Det är av största vikt att Gävle kommun i sitt internationella arbete på bästa sätt tillvaratar och påverkar möjligheter för Gävle och regionens utveckling för att utveckla uppdraget som tillväxtmotor i regionen med ansvar för en positiv tillväxt för alla Gävlebor.",
            [],
        ),
    ],
    "strategies": [],
    "amendments": [],
}

# --- What the documents call themselves and their councils (the seeds' own words) -----

# The council's name comes from the municipality (Municipality.council_name): no
# document of the demo overrides it.
VAXJO["document_type"] = {"sv": "styrande dokument", "en": "governing document"}
# The "Ansvarsfördelning" section assigns the work per body (heading → text), and the
# follow-up of the strategy to the executive board.
VAXJO["responsibility_rows"] = [
    (
        "Kommunfullmäktige",
        "Kommunfullmäktige fastställer ramarna för det internationella arbetet genom att anta den internationella strategin.",
    ),
    (
        "Nämnder och bolagsstyrelser",
        "Nämnder och styrelser ansvarar för att styra och följa upp det strategiska internationella arbetet under målområde Arbete och Företag. Vidare verkar de för att, utifrån den internationella strategin, hitta nämnd-/bolagsspecifika verksamhetsområden som kan utvecklas genom ett internationellt angreppssätt.",
    ),
    (
        "Förvaltningar/kommunala bolag",
        "Respektive förvaltning och bolag ser till att det internationella perspektivet integreras i verksamhetsplaneringen och ordinarie utvecklingsarbete. En kontaktperson som kan representera förvaltningen/bolaget i ett kommunperspektiv ska utses på varje förvaltning och bolag.\n\n"
        "Varje förvaltning och bolag ansvarar för nödvändig kompetensutveckling och för att det internationella arbetet rapporteras i årsrapporter inom målområde Arbete och Företag.\n\n"
        "Rapporteringen ska innehålla:\n"
        "– information om pågående och under året avslutade EU-projekt, andra internationella projekt samt inlämnade ansökningar;\n"
        "– redovisning av övrigt internationellt arbete som genomförts under året;\n"
        "– vilka resultat det internationella arbetet har gett.",
    ),
    (
        "Nätverk/arbetsgrupp internationella frågor",
        "Lokala arbetsgrupper och interna nätverk kommer att bildas för att främja det internationella samarbetet och verka för att ta tillvara interna och externa möjligheter.",
    ),
    (
        "Kommunstyrelsen",
        "Uppföljning av strategin skall göras av kommunstyrelsen minst en gång per mandatperiod och vid behov revideras.",
    ),
]
LINKOPING_NORRKOPING["document_type"] = {
    "sv": "gemensamt styrdokument – internationell strategi i Linköping, riktlinje för "
    "internationellt arbete i Norrköping",
    "en": "joint governing document – international strategy in Linköping, guideline for "
    "international work in Norrköping",
}
OREBRO["document_type"] = {"sv": "plattform", "en": "platform"}

# --- Unofficial translations, as a municipality would publish them beside the adopted
# text. Only what a reader needs first (title, goal areas, goals, strategies); the rest is
# shown in the original language, said once by the page's notice.

TRONDHEIM["translations"] = {
    "en": {
        "title": "Big – little Trondheim in the world. International strategy for the City of Trondheim",
        "translation_note": "Unofficial English translation for information. The strategy was adopted in Norwegian by the City Council (bystyret) on 28 January 2010; only the Norwegian text is binding.",
        "goal_areas": {
            1: "International contact and cooperation",
            2: "Developing international competence and expertise within the municipality",
            3: "Making international activity visible",
            4: "Developing the role as host",
        },
        "goals": {
            (
                1,
                "a",
            ): "Consolidate and strengthen Trondheim's international contact and cooperation through Trondheim's position as a city of knowledge, facilitate contact between research and business, and strengthen the competitiveness of the Trondheim region.",
            (
                1,
                "b",
            ): "Clarify the municipality's position on continued twin-city cooperation and other city cooperation through a separate case to the City Council.",
            (
                1,
                "c",
            ): "Coordinate strategies for the city and the Trondheim region, and use and develop existing networks as a coherent whole.",
            (
                1,
                "d",
            ): "Give children and young people knowledge about global challenges and opportunities.",
            (2, "a"): "Encourage the municipality's active participation in international work.",
            (2, "b"): "Increase the focus on recruiting international competence.",
            (2, "c"): "Identify and use external funding opportunities.",
            (
                3,
                "a",
            ): "Make the City of Trondheim's international activities more visible and signal solidarity and humanity.",
            (
                3,
                "b",
            ): "Identify and use opportunities for documentation and promotion, among other things through good documentation of international activity and an international information strategy.",
            (
                4,
                "a",
            ): "Trondheim shall stand out as a city that builds positive relations with its visitors.",
            (
                4,
                "b",
            ): "Develop awareness of, and see new opportunities in, the role as host together with other local initiatives.",
        },
        "strategies": {
            1: "The City of Trondheim shall act as a facilitator and contribute to more international contact and cooperation in education, research, health, culture and business.",
            2: "The City of Trondheim shall structure and develop its twin-city cooperation by clarifying its purpose and opportunities.",
            3: "The City of Trondheim's organisation shall increase its international competence and take part in cooperation and networks that promote democracy, understanding and mutual professional development.",
            4: "The City of Trondheim shall document and make visible the municipality's international engagement, activities and role as host.",
        },
    },
    "sv": {
        "title": "Stora – lilla Trondheim i världen. Internationell strategi för Trondheims kommun",
        "translation_note": "Inofficiell svensk översättning som information. Strategin antogs på norska av bystyret (kommunfullmäktige) den 28 januari 2010; endast den norska texten gäller.",
        "goal_areas": {
            1: "Internationell kontakt och samverkan",
            2: "Utveckla internationell kompetens och fackkunskap inom kommunen",
            3: "Synliggöra internationell verksamhet",
            4: "Utveckla värdskapet",
        },
        "goals": {
            (
                1,
                "a",
            ): "Befästa och stärka Trondheims internationella kontakter och samverkan genom Trondheims ställning som kunskapsstad, underlätta kontakter mellan forskning och näringsliv och stärka Trondheimsregionens konkurrenskraft.",
            (
                1,
                "b",
            ): "Klargöra kommunens hållning till fortsatt vänortssamarbete och annat stadssamarbete genom ett eget ärende till bystyret.",
            (
                1,
                "c",
            ): "Samordna strategier för staden och Trondheimsregionen och använda och utveckla befintliga nätverk i ett helhetsperspektiv.",
            (1, "d"): "Ge barn och unga kunskap om globala utmaningar och möjligheter.",
            (2, "a"): "Stimulera kommunens aktiva deltagande i internationellt arbete.",
            (2, "b"): "Öka fokus på rekrytering av internationell kompetens.",
            (2, "c"): "Identifiera och utnyttja möjligheter till extern finansiering.",
            (
                3,
                "a",
            ): "Öka synligheten för Trondheims internationella verksamhet och visa solidaritet och medmänsklighet.",
            (
                3,
                "b",
            ): "Identifiera och utnyttja möjligheter till dokumentation och profilering, bland annat genom god dokumentation av den internationella verksamheten och en internationell informationsstrategi.",
            (
                4,
                "a",
            ): "Trondheim ska framstå som en stad som skapar positiva relationer till besökare.",
            (
                4,
                "b",
            ): "Utveckla medvetenheten om värdskapet och se nya möjligheter i det tillsammans med andra lokala initiativ.",
        },
        "strategies": {
            1: "Trondheims kommun ska underlätta och bidra till ökad internationell kontakt och samverkan inom utbildning, forskning, hälsa, kultur och näringsliv.",
            2: "Trondheims kommun ska strukturera och utveckla vänortssamarbetet genom att klargöra syfte och möjligheter.",
            3: "Trondheims kommuns organisation ska öka sin internationella kompetens och delta i samarbeten och nätverk som främjar demokrati och förståelse samt ömsesidig facklig utveckling.",
            4: "Trondheims kommun ska dokumentera och synliggöra kommunens internationella engagemang, verksamhet och värdskap.",
        },
    },
}

VAXJO["translations"] = {
    "en": {
        "title": "International strategy for Växjö Municipality",
        "translation_note": "Unofficial English translation for information. The strategy was adopted in Swedish by the Municipal Council on 15 October 2013, § 213; only the Swedish text is binding.",
        "goal_areas": {
            1: "External funding",
            2: "Cooperation with the wider world",
            3: "Competence development",
        },
        "strategies": {
            1: "The municipality's services always consider co-funding the development of their work by taking part in internationally funded projects.",
            2: "The municipality monitors its interests, finds inspiration, and exchanges and creates knowledge through active international engagement.",
            3: "The municipality takes part in international conferences, networks and projects, and spreads its good examples.",
            4: "International work is seen as an asset for competence development that benefits the services. The municipality provides training so that staff can take part in international work.",
        },
    },
}

DOCUMENTS = [TRONDHEIM, VAXJO, LINKOPING_NORRKOPING, OREBRO, GAVLE]
