"""Demo content for Zutphen.

Teams and the wijken they serve follow the seed documents (Perspectief Zutphen's three
sociale wijkteams). The people are fictional: none of these names belongs to a real
team member. Phone numbers start with 0575 0…, a range that is never given out, and
e-mail addresses use example.org, so nobody real is called or mailed. Places are the
real places the seed documents name; their street addresses have not been checked and
are left out, which the pages say.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

T = dt.time

MUNICIPALITY = {
    "code": "GM0301",
    "organisation_name": "Perspectief Zutphen",
    "brand_colour": "#1d4f75",
}

TEAMS: list[dict[str, Any]] = [
    {
        "slug": "zuidwijken-warnsveld-leesten",
        "name": "Sociaal wijkteam Zuidwijken/Warnsveld/Leesten",
        "districts": ["WK030103", "WK030104", "WK030105"],
        "description": (
            "Wij zijn er voor iedereen in de Zuidwijken, Warnsveld en Leesten. Kom langs met een idee "
            "voor de buurt, als je iets wilt doen voor een ander, of als je een vraag hebt."
        ),
        "email": "zuidwijken-warnsveld-leesten@perspectief.example.org",
        "phone": "0575 000 100",
    },
    {
        "slug": "waterkwartier",
        "name": "Sociaal wijkteam Waterkwartier",
        "districts": ["WK030101"],
        "description": (
            "Wij werken in het Waterkwartier, samen met bewoners, scholen en organisaties. "
            "Je vindt ons ook in de hopwoning."
        ),
        "email": "waterkwartier@perspectief.example.org",
        "phone": "0575 000 200",
    },
    {
        "slug": "centrum-de-hoven-noordveen",
        "name": "Sociaal wijkteam Centrum/De Hoven/Noordveen/Noorderhaven",
        "districts": ["WK030100", "WK030102"],
        "description": (
            "Wij zijn er voor het Centrum, De Hoven, Noordveen en de Noorderhaven. We werken aan "
            "dementievriendelijke wijken en zijn wekelijks in buurthuis Mulderskamp."
        ),
        "email": "centrum-de-hoven-noordveen@perspectief.example.org",
        "phone": "0575 000 300",
    },
]

PLACES: list[dict[str, Any]] = [
    {
        "slug": "buurthuis-t-nut",
        "name": "Buurthuis 't Nut",
        "kind": "community_centre",
        "district": "WK030105",
        "city": "Warnsveld",
        "team": "zuidwijken-warnsveld-leesten",
        "description": (
            "Buurthuis met een grote zaal en podium. Voor en door inwoners: een gezamenlijke lunch, "
            "muziekmiddagen en filmavonden."
        ),
        "hours": [(1, T(9), T(17)), (3, T(9), T(17)), (4, T(13), T(21))],
    },
    {
        "slug": "wijkinformatiecentrum-leesten",
        "name": "Wijkinformatiecentrum Leesten (WIC)",
        "kind": "information_centre",
        "district": "WK030104",
        "city": "Zutphen",
        "team": "zuidwijken-warnsveld-leesten",
        "description": (
            "Ontmoetingsplek van het bewonerswijkteam Leesten. Hier kun je binnenlopen voor koffie, "
            "informatie over de wijk en activiteiten."
        ),
        "hours": [(2, T(9, 30), T(12)), (5, T(10), T(13))],
    },
    {
        "slug": "de-uitwijk",
        "name": "Buurthuis De Uitwijk",
        "kind": "community_centre",
        "district": "WK030103",
        "city": "Zutphen",
        "team": "zuidwijken-warnsveld-leesten",
        "description": "Buurthuis in de Zuidwijken, bij winkelcentrum De Brink. Elke dag inloop voor koffie.",
        "hours": [
            (0, T(8, 30), T(17)),
            (1, T(8, 30), T(17)),
            (2, T(8, 30), T(17)),
            (3, T(8, 30), T(17)),
            (4, T(8, 30), T(17)),
        ],
    },
    {
        "slug": "hopwoning-moesmate",
        "name": "Hopwoning Moesmate",
        "kind": "hop_house",
        "district": "WK030103",
        "city": "Zutphen",
        "team": "zuidwijken-warnsveld-leesten",
        "description": (
            "Een woning van de woningcorporatie, een jaar lang uitgeleend aan het sociaal wijkteam. "
            "Vlakbij de Moesweide."
        ),
        "hours": [(1, T(10), T(12)), (3, T(14), T(16))],
    },
    {
        "slug": "hopwoning-waterkwartier",
        "name": "Hopwoning Waterkwartier",
        "kind": "hop_house",
        "district": "WK030101",
        "city": "Zutphen",
        "team": "waterkwartier",
        "description": (
            "Vanuit deze woning werkt het sociaal wijkteam samen met bewoners aan een leefbare buurt. "
            "Op zaterdagmiddag komt hier een vadergroep samen."
        ),
        "hours": [(0, T(13), T(16)), (2, T(10), T(12)), (5, T(13), T(17))],
    },
    {
        "slug": "kinderboerderij-waterkwartier",
        "name": "Kinderboerderij in het Waterkwartier",
        "kind": "outdoor",
        "district": "WK030101",
        "city": "Zutphen",
        "team": None,
        "description": "De kinderboerderij zoekt vrijwilligers en wil de band met de wijk versterken.",
        "hours": [],
    },
    {
        "slug": "buurthuis-mulderskamp",
        "name": "Buurthuis Mulderskamp",
        "kind": "community_centre",
        "district": "WK030100",
        "city": "Zutphen",
        "team": "centrum-de-hoven-noordveen",
        "description": (
            "Buurthuis in De Hoven met een actieve activiteitencommissie. Elke woensdagochtend koffie en spelletjes."
        ),
        "hours": [(0, T(9), T(16)), (2, T(9), T(16)), (4, T(9), T(12))],
    },
    {
        "slug": "odensehuis-zutphen",
        "name": "Odensehuis",
        "kind": "meeting_place",
        "district": "WK030100",
        "city": "Zutphen",
        "team": None,
        "description": "Ontmoetingsplek voor mensen met (beginnende) dementie en hun naasten.",
        "hours": [],
    },
    {
        "slug": "ubuntu-plein",
        "name": "Ubuntu-plein",
        "kind": "outdoor",
        "district": "WK030102",
        "city": "Zutphen",
        "team": None,
        "description": "Plein in de Noorderhaven waar bewoners samen activiteiten organiseren.",
        "hours": [],
    },
    {
        "slug": "het-ketelhuis",
        "name": "Het Ketelhuis (Buurtservice)",
        "kind": "workshop",
        "district": None,
        "city": "Zutphen",
        "team": "waterkwartier",
        "description": (
            "De werkplaats van Buurtservice. Ook het naaiatelier en andere buurtinitiatieven gebruiken deze plek."
        ),
        "hours": [
            (0, T(8, 30), T(16, 30)),
            (1, T(8, 30), T(16, 30)),
            (2, T(8, 30), T(16, 30)),
            (3, T(8, 30), T(16, 30)),
        ],
    },
]

# (team, name, role, languages, introduction, [(weekday, from, until, place slug)])
MEMBERS = [
    (
        "zuidwijken-warnsveld-leesten",
        "Noor Bakker",
        "community_broker",
        "Nederlands, Engels",
        "Ik ben sociaal makelaar in de Zuidwijken. Heb je een idee voor je straat of wil je iets doen voor "
        "een ander? Ik denk graag met je mee.",
        [(1, T(10), T(12), "hopwoning-moesmate")],
    ),
    (
        "zuidwijken-warnsveld-leesten",
        "Daan Visser",
        "community_broker",
        "Nederlands, Duits",
        "Ik werk in Warnsveld. Je vindt mij vaak in buurthuis 't Nut.",
        [(3, T(13, 30), T(15, 30), "buurthuis-t-nut")],
    ),
    (
        "zuidwijken-warnsveld-leesten",
        "Fleur de Wit",
        "community_broker",
        "Nederlands",
        "Samen met het bewonerswijkteam maak ik Leesten een wijk waar mensen elkaar kennen.",
        [(2, T(9, 30), T(11, 30), "wijkinformatiecentrum-leesten")],
    ),
    (
        "zuidwijken-warnsveld-leesten",
        "Yusuf Demir",
        "social_worker",
        "Nederlands, Turks",
        "Heb je zorgen over geld, werk of opvoeding? Kom langs, dan zoeken we samen naar een oplossing.",
        [(0, T(9), T(11), "de-uitwijk")],
    ),
    ("zuidwijken-warnsveld-leesten", "Ingrid Hendriks", "social_worker", "Nederlands", "", []),
    (
        "zuidwijken-warnsveld-leesten",
        "Marloes Jansen",
        "centre_manager",
        "Nederlands",
        "Ik ben sociaal beheerder van buurthuis 't Nut. Wil je iets organiseren? Er is plek!",
        [],
    ),
    ("zuidwijken-warnsveld-leesten", "Anouk Mulder", "team_lead", "Nederlands", "", []),
    (
        "waterkwartier",
        "Samira El Amrani",
        "community_broker",
        "Nederlands, Arabisch, Frans",
        "Ik ben sociaal makelaar in het Waterkwartier. Ik breng mensen, ideeën en organisaties samen.",
        [(2, T(10), T(12), "hopwoning-waterkwartier")],
    ),
    (
        "waterkwartier",
        "Thijs van Dijk",
        "community_broker",
        "Nederlands, Engels",
        "Van Clean Up week tot kinderboerderij: ik help bewoners hun plannen waar te maken.",
        [(0, T(13), T(15), "hopwoning-waterkwartier")],
    ),
    (
        "waterkwartier",
        "Abdi Warsame",
        "community_broker",
        "Nederlands, Somalisch, Engels",
        "Ik ken veel mensen in de wijk en help graag als taal of cultuur een drempel is.",
        [(5, T(13), T(16), "hopwoning-waterkwartier")],
    ),
    ("waterkwartier", "Lotte Smit", "social_worker", "Nederlands", "", []),
    (
        "waterkwartier",
        "Ruben Kok",
        "coordinator",
        "Nederlands",
        "Ik coördineer Buurtservice: klussen voor inwoners die het zelf niet kunnen.",
        [(1, T(9), T(11), "het-ketelhuis")],
    ),
    (
        "centrum-de-hoven-noordveen",
        "Eva Brouwer",
        "community_broker",
        "Nederlands, Engels",
        "Ik werk in het Centrum en de Noorderhaven. Je vindt mij ook in het Odensehuis.",
        [(3, T(10), T(12), "odensehuis-zutphen")],
    ),
    (
        "centrum-de-hoven-noordveen",
        "Jeroen Peters",
        "community_broker",
        "Nederlands",
        "Ik ben sociaal makelaar in De Hoven en Noordveen en werk aan dementievriendelijke wijken.",
        [(2, T(9, 30), T(11, 30), "buurthuis-mulderskamp")],
    ),
    ("centrum-de-hoven-noordveen", "Fatma Yilmaz", "social_worker", "Nederlands, Turks", "", []),
    (
        "centrum-de-hoven-noordveen",
        "Henk Willems",
        "centre_manager",
        "Nederlands",
        "Ik ben sociaal beheerder van buurthuis Mulderskamp.",
        [],
    ),
    ("centrum-de-hoven-noordveen", "Sanne de Boer", "team_lead", "Nederlands", "", []),
]

# Demo accounts. Every team member above gets an account with their example.org address;
# the demo writes e-mail (login codes) to var/mail/. Staff must use two-step verification:
# the demo accounts share this authenticator key, to add to an authenticator app
# (or: oathtool --totp -b <key>). Demo data only; never use a shared key for real accounts.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - documented demo key
DEMO_ADMIN_EMAIL = "beheer@perspectief.example.org"
DEMO_VIEWER_EMAIL = "gemeente@zutphen.example.org"
DEMO_RESIDENT_EMAIL = "bewoner@example.org"

# Fictional residents taken in by the teams (assisted intake), by wijk code.
RESIDENTS = [
    ("WK030101", "Mevrouw A. de Graaf", "0575 000 501", "Nederlands"),
    ("WK030101", "Hodan Ali", "0575 000 502", "Somalisch, Nederlands"),
    ("WK030101", "Meneer B. Kamphuis", "0575 000 503", "Nederlands"),
    ("WK030100", "Mevrouw C. Wolters", "0575 000 504", "Nederlands"),
    ("WK030100", "Petra Vos", "0575 000 505", "Nederlands, Duits"),
    ("WK030102", "Meneer D. Hofman", "0575 000 506", "Nederlands"),
    ("WK030103", "Aylin Kaya", "0575 000 507", "Turks, Nederlands"),
    ("WK030103", "Meneer E. Bos", "0575 000 508", "Nederlands"),
    ("WK030104", "Familie Lammers", "0575 000 509", "Nederlands"),
    ("WK030105", "Mevrouw F. Huisman", "0575 000 510", "Nederlands"),
    ("WK030105", "Meneer G. Smeets", "0575 000 511", "Nederlands"),
    ("WK030105", "Tesfay Berhane", "0575 000 512", "Tigrinya, Engels"),
]
