"""Demo content for the vacancy bank in Zutphen.

The kinds of organisation come from the seed documents (kinderboerderij, buurthuis, sports
club, a meeting place for people with dementia, food bank, skate initiative, repair café…).
Where the seeds name a real organisation, only its kind is used here: the names below are
made up, as are all contact people ("Contact …", example.org addresses, 0575 0… numbers).
"""

from __future__ import annotations

# (name, slug, category, search terms)
SKILLS = [
    ("Tuinieren", "tuinieren", "hands", "tuin, groen, planten, snoeien, moestuin"),
    ("Klussen", "klussen", "hands", "klus, repareren, timmeren, gereedschap"),
    ("Koken", "koken", "hands", "kok, eten, maaltijd, keuken, bakken"),
    ("Dieren verzorgen", "dieren-verzorgen", "hands", "dier, dieren, kinderboerderij, geiten"),
    ("Fietsen repareren", "fietsen-repareren", "hands", "fiets, fietsen, repareren"),
    ("Schoonmaken en opruimen", "opruimen", "hands", "opruimen, schoonmaken, afval, clean up"),
    ("Rijden en vervoer", "vervoer", "hands", "rijden, auto, chauffeur, vervoer, busje"),
    ("Administratie", "administratie", "head", "administratie, computer, kantoor, boekhouding"),
    ("Taal en lezen", "taal", "head", "taal, nederlands, lezen, schrijven, taalmaatje, voorlezen"),
    ("Computer en digitaal", "digitaal", "head", "computer, internet, telefoon, digitaal, website"),
    ("Geld en formulieren", "formulieren", "head", "geld, formulieren, belasting, papieren, schulden"),
    ("Organiseren", "organiseren", "head", "organiseren, plannen, evenement, activiteit"),
    ("Muziek maken", "muziek", "heart", "muziek, zingen, spelen, koor, band"),
    ("Sport en bewegen", "sport", "heart", "sport, bewegen, wandelen, voetbal, skaten"),
    ("Gezelschap en luisteren", "gezelschap", "heart", "gezelschap, koffie, praten, eenzaamheid, bezoek"),
    ("Kinderen en jongeren", "kinderen", "heart", "kinderen, jongeren, jeugd, huiswerk, spelen"),
    ("Ouderen", "ouderen", "heart", "ouderen, senioren, dementie"),
    ("Creatief", "creatief", "heart", "creatief, knutselen, naaien, tekenen, schilderen"),
    ("Natuur en duurzaamheid", "natuur", "heart", "natuur, duurzaam, milieu, energie"),
    ("Nieuwkomers helpen", "nieuwkomers", "heart", "nieuwkomers, statushouders, azc, vluchtelingen, taal"),
]

NOT_MATCHED_REASONS = [
    "Tijden passen niet",
    "Te ver weg",
    "Andere verwachtingen",
    "Organisatie heeft al genoeg vrijwilligers",
    "Niet meer bereikbaar",
    "Wilde toch iets anders",
]

# (name, kind, wijk code or "" for city-wide, description)
ORGANISATIONS = [
    ("Kinderboerderij De Klaproos", "foundation", "WK030101", "Kinderboerderij met geiten, kippen en een moestuin."),
    ("Buurthuis De Hoven Actief", "initiative", "WK030100", "De activiteitencommissie van het buurthuis in De Hoven."),
    ("Ontmoetingshuis Vergeet-me-niet", "care", "WK030100", "Inloop voor mensen met dementie en hun naasten."),
    ("Voedselbank Zutphen-Oost", "foundation", "", "Voedselpakketten voor huishoudens die het even niet redden."),
    ("Skate-initiatief Canyon", "initiative", "WK030104", "Jongeren die een skatepark en skate-events organiseren."),
    ("Voetbalvereniging Berkelboys", "association", "WK030103", "Voetbalclub voor jong en oud."),
    ("Repair Café De Draad", "initiative", "WK030101", "Samen spullen repareren in plaats van weggooien."),
    ("Taalhuis Zutphen", "foundation", "", "Taalmaatjes en taalcafés voor wie Nederlands leert."),
    ("Moestuin Buurtbongerd", "initiative", "WK030103", "Een buurtboomgaard en moestuin in de Braamkamp."),
    ("Zorgcentrum Het Spiker", "care", "WK030105", "Woonzorgcentrum met veel activiteiten voor bewoners."),
    ("Stichting Vervoer Samen", "foundation", "", "Vrijwilligers rijden ouderen naar het ziekenhuis of de markt."),
    ("Basisschool De Achtsprong", "school", "WK030103", "Basisschool in de Zuidwijken."),
    ("Kerkelijke groep Pionieren", "church", "WK030104", "Bewonersgroep die zich inzet voor Leesten."),
    ("Woonbedrijf Thuis in Zutphen", "housing", "", "Woningcorporatie die bewonersprojecten steunt."),
    ("Naaiatelier De Gouden Draad", "initiative", "", "Naaiatelier voor en door vrouwen uit de buurt."),
    ("Buurtpreventie Warnsveld", "initiative", "WK030105", "Buren die samen op de buurt letten."),
    ("Muziekproject Jong Geluid", "foundation", "WK030101", "Jongeren maken samen muziek met begeleiding."),
    ("Bibliotheek Zutphen", "government", "", "Voorlezen, digitaal spreekuur en taalcafé."),
    ("Schuldhulp Maatjes Zutphen", "foundation", "", "Maatjes helpen met geld en formulieren."),
    ("Wijkteam Noorderhaven Bewoners", "initiative", "WK030102", "Bewoners die de Noorderhaven samen opbouwen."),
]

# Vacancy templates: (title, skills, where, when, slots [(day, part)], hours, suitable, language, vog, description)
# where: "districts" (the organisation's wijk), "city_wide" or "from_home"; suitable: Suitability bits.
VACANCIES = [
    ("Dieren verzorgen op zaterdag", ["dieren-verzorgen"], "districts", "regular", [(5, 0)], 3, 1 | 4, "basic", False,
     "Je voert de dieren, maakt de hokken schoon en praat met bezoekers."),
    ("Hulp in de moestuin", ["tuinieren", "natuur"], "districts", "regular", [(1, 1)], 2, 1 | 8 | 32, "none", False,
     "Samen zaaien, wieden en oogsten. Je hoeft er niets van te weten: we leren het je."),
    ("Koffie schenken bij de inloop", ["gezelschap", "koken"], "districts", "regular", [(2, 0)], 2, 1 | 8, "basic", False,
     "Je zet koffie en thee en maakt een praatje met bezoekers."),
    ("Gastvrouw of gastheer voor mensen met dementie", ["gezelschap", "ouderen"], "districts", "regular", [(3, 1)], 3, 8, "good", True,
     "Je ontvangt bezoekers, doet een spelletje mee en zorgt dat iedereen zich welkom voelt."),
    ("Voedselpakketten inpakken", ["opruimen", "organiseren"], "city_wide", "regular", [(3, 0)], 3, 1 | 2 | 32, "none", False,
     "Je pakt op donderdag de pakketten in en deelt ze uit."),
    ("Chauffeur voor de voedselbank", ["vervoer"], "city_wide", "regular", [(2, 0), (3, 0)], 4, 8, "basic", True,
     "Je haalt met de bus producten op bij winkels."),
    ("Helpen bij het skate-event", ["sport", "organiseren", "kinderen"], "districts", "one_off", [], 6, 4, "basic", False,
     "Een dag helpen met opbouwen, muziek en drinken bij het skate-event."),
    ("Jeugdtrainer onder 11", ["sport", "kinderen"], "districts", "regular", [(2, 1), (4, 1)], 3, 4 | 32, "basic", True,
     "Je traint een team kinderen twee keer per week."),
    ("Reparateur in het Repair Café", ["klussen", "fietsen-repareren"], "districts", "regular", [(5, 1)], 3, 1 | 8 | 32, "none", False,
     "Één zaterdag per maand repareer je samen met de eigenaar kapotte spullen."),
    ("Taalmaatje", ["taal", "nieuwkomers"], "city_wide", "flexible", [], 1, 0, "good", False,
     "Je spreekt elke week af met iemand die Nederlands leert. Jullie kiezen samen waar en wanneer."),
    ("Begeleider taalcafé", ["taal", "gezelschap"], "city_wide", "regular", [(1, 2)], 2, 8, "good", False,
     "Je leidt de gesprekken aan een tafel in het taalcafé."),
    ("Snoeien in de boomgaard", ["tuinieren"], "districts", "one_off", [], 4, 1 | 32, "none", False,
     "Een zaterdag samen de fruitbomen snoeien. Gereedschap is er."),
    ("Activiteitenbegeleider", ["creatief", "ouderen", "muziek"], "districts", "regular", [(0, 1), (2, 1)], 4, 8, "basic", True,
     "Je helpt bij zingen, knutselen en spelletjes met bewoners."),
    ("Rijden naar het ziekenhuis", ["vervoer", "gezelschap"], "city_wide", "flexible", [], 2, 8, "basic", False,
     "Je rijdt ouderen met je eigen auto naar een afspraak. Je krijgt een kilometervergoeding."),
    ("Voorlezen op school", ["taal", "kinderen"], "districts", "regular", [(1, 0)], 1, 8, "good", True,
     "Je leest een half uur voor aan een kleine groep kinderen."),
    ("Huiswerkbegeleiding", ["kinderen", "taal"], "districts", "regular", [(0, 1), (3, 1)], 2, 4 | 32, "good", True,
     "Je helpt kinderen van groep 7 en 8 met hun huiswerk."),
    ("Mee-denker bewonersgroep", ["organiseren"], "districts", "flexible", [], 1, 0, "basic", False,
     "Je denkt mee over activiteiten in de wijk en helpt een paar keer per jaar."),
    ("Klussen bij bewoners", ["klussen"], "city_wide", "regular", [(1, 0), (3, 0)], 4, 1 | 32, "none", False,
     "Je doet kleine klussen bij mensen die dat zelf niet meer kunnen."),
    ("Naaien en verstellen", ["creatief"], "city_wide", "regular", [(2, 0)], 3, 1 | 2, "none", False,
     "Samen kleding maken en verstellen in het atelier."),
    ("Buurtpreventie-wandelaar", ["sport"], "districts", "flexible", [], 1, 8, "basic", False,
     "Je loopt af en toe een rondje door de buurt en let op."),
    ("Muziekcoach voor jongeren", ["muziek", "kinderen"], "districts", "regular", [(4, 2)], 2, 4, "basic", True,
     "Je helpt jongeren met instrumenten en opnames in de studio."),
    ("Digitaal spreekuur", ["digitaal"], "city_wide", "regular", [(1, 0)], 2, 8, "good", False,
     "Je helpt mensen met hun telefoon, DigiD of e-mail."),
    ("Thuis administratie doen voor de stichting", ["administratie"], "from_home", "flexible", [], 2, 16, "good", False,
     "Je houdt vanuit huis de ledenlijst en de post bij."),
    ("Bellen met ouderen die alleen zijn", ["gezelschap", "ouderen"], "from_home", "regular", [(1, 1)], 1, 8 | 16, "good", False,
     "Je belt elke week een vaste persoon voor een praatje."),
    ("Maatje voor geld en papieren", ["formulieren"], "city_wide", "flexible", [], 2, 0, "good", True,
     "Je helpt iemand een jaar lang om grip te krijgen op geld en post."),
    ("Website bijhouden", ["digitaal"], "from_home", "flexible", [], 1, 16 | 32, "basic", False,
     "Je zet berichten en foto's op de website."),
    ("Opbouwhulp wijkfeest", ["organiseren", "klussen"], "districts", "one_off", [], 5, 1 | 4, "none", False,
     "Eén dag tenten opzetten, stoelen sjouwen en na afloop opruimen."),
    ("Kookvrijwilliger buurtmaaltijd", ["koken"], "districts", "regular", [(3, 2)], 3, 1 | 8, "none", False,
     "Je kookt samen met anderen voor 30 buren."),
    ("Clean Up ploeg", ["opruimen", "natuur"], "districts", "one_off", [], 3, 1 | 4 | 32, "none", False,
     "Samen een ochtend de straten en het park schoon maken."),
    ("Wandelmaatje", ["sport", "gezelschap"], "districts", "flexible", [], 1, 8 | 16, "basic", False,
     "Je wandelt elke week met iemand die niet graag alleen gaat."),
]

# Which vacancies each organisation (by position above) offers (by position in VACANCIES).
OFFERS = [
    [0, 1, 28], [2, 27, 26], [3, 12, 23], [4, 5, 22], [6, 16, 25],
    [7, 26, 22], [8, 17, 25], [9, 10, 21], [1, 11, 27], [12, 2, 29],
    [13, 5, 22], [14, 15, 26], [16, 27, 28], [17, 28, 16], [18, 25, 2],
    [19, 28, 16], [20, 6, 25], [21, 14, 10], [24, 22, 23], [16, 26, 29],
]

# Talent profiles of demo residents (by name in data.RESIDENTS or the demo resident account):
# (name, skills, interests, slots, hours, talents, wishes)
TALENTS = [
    ("Hodan Ali", ["koken", "taal"], ["nieuwkomers", "kinderen"], [(1, 1), (2, 1)], 3,
     "Ik kook graag voor veel mensen en spreek Somalisch.", "Iets met kinderen of nieuwkomers."),
    ("Aylin Kaya", ["creatief"], ["ouderen", "gezelschap"], [(0, 0), (2, 0)], 2,
     "Naaien en handwerken.", "Gezelligheid voor ouderen."),
    ("Meneer E. Bos", ["klussen", "fietsen-repareren"], ["natuur"], [(5, 0), (5, 1)], 4,
     "Handig met gereedschap, vroeger monteur.", "Repareren, liefst op zaterdag."),
    ("Tesfay Berhane", ["sport"], ["kinderen", "nieuwkomers"], [(2, 1), (4, 1)], 3,
     "Voetbal en hardlopen.", "Trainen met kinderen."),
    ("Bewoner (demo)", ["tuinieren"], ["natuur", "dieren-verzorgen"], [(1, 1), (5, 0)], 2,
     "Ik heb een groene vinger.", "Buiten bezig zijn, in het Waterkwartier."),
]
