"""Buurtservice's demo: the service in Zutphen with het Ketelhuis as its base (and the seed's
other users of the place), the kinds of jobs with the seed's WMO examples, a crew whose origins
follow the 2023 annual report (GelreWerkt, the AZC, HAN Social Work, the neighbourhood, the
European Solidarity Corps), and a year of fictional history: requests, decisions, visits, hours
and feedback, so that waiting times and charts mean something. Idempotent.

The history is written in bulk with the dates it happened on (as the scale data is): no access-
log entries for people who do not exist. What a demo visitor does afterwards goes through the
services, as everywhere.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wijkbasis.accounts.models import Consent, Resident, User
from wijkbasis.areas.models import District, Municipality, NeighbourhoodTeam, Organisation, Place, TeamMember
from wijkbasis.buurtservice import availability, services
from wijkbasis.buurtservice.models import (
    Assignment,
    Certificate,
    CertificateKind,
    CheckIn,
    Development,
    EligibilityAnswer,
    EligibilityCriterion,
    Feedback,
    JobCategory,
    LearningGoal,
    Origin,
    Request,
    RequestEvent,
    Service,
    Skill,
    SkillGained,
    Visit,
    Worker,
)

SEED = 301
COORDINATOR_EMAIL = "ruben.kok@perspectief.example.org"  # the demo team's coordinator (demo/data.py)
CREW_EMAIL = "klusser@example.org"
CREW_NAME = "Samir Haddad (demo)"

SKILLS = [
    ("Tuinwerk", "tuinwerk"),
    ("Schilderen", "schilderen"),
    ("Timmeren", "timmeren"),
    ("Tillen en sjouwen", "tillen"),
    ("Bestrating en tegels", "bestrating"),
    ("Kleine elektra", "elektra"),
    ("Opruimen en schoonmaken", "opruimen"),
]
CERTIFICATES = [
    ("Verklaring Omtrent het Gedrag (VOG)", "vog", True, 3),
    ("Basiscursus Bouw (GelreWerkt en praktijkonderwijs)", "basiscursus-bouw", False, None),
    ("VCA Basisveiligheid", "vca", False, 10),
    ("EHBO", "ehbo", False, 2),
]
ORIGINS = [
    ("GelreWerkt", "gelrewerkt"),
    ("AZC Zutphen", "azc"),
    ("HAN Social Work", "han-social-work"),
    ("Uit de wijk", "uit-de-wijk"),
    ("European Solidarity Corps (St. Felis)", "european-solidarity-corps"),
    ("Tactus", "tactus"),
    ("Vacaturebank", "vacaturebank"),
]
#: (name, description, hours, crew, WMO?, VOG?, required skills, what to bring, weight in the history)
CATEGORIES = [
    (
        "Tuin",
        "Snoeien, maaien, onkruid, de tuin winterklaar.",
        "2",
        2,
        False,
        False,
        ["tuinwerk"],
        "Snoeischaar, groenafvalzakken",
        30,
    ),
    (
        "Schilderwerk",
        "Een muur, een kozijn of een schutting schilderen.",
        "4",
        2,
        False,
        False,
        ["schilderen"],
        "Kwasten, afdekfolie",
        12,
    ),
    (
        "Kleine reparaties",
        "Een lekkende kraan, een klemmende deur, een plank ophangen.",
        "1.5",
        1,
        False,
        True,
        ["timmeren"],
        "Gereedschapskist",
        20,
    ),
    (
        "Meubels verplaatsen",
        "Een kast of bed verplaatsen, in elkaar zetten.",
        "2",
        3,
        False,
        False,
        ["tillen"],
        "Dekens, steekwagen",
        10,
    ),
    (
        "Opruimen en ontruimen",
        "Een zolder, schuur of kamer opruimen.",
        "3",
        3,
        False,
        False,
        ["opruimen"],
        "Vuilniszakken, handschoenen",
        8,
    ),
    (
        "WMO: drempel plaatsen",
        "Een drempelhulp, zodat een rollator of rolstoel erover kan.",
        "2",
        2,
        True,
        True,
        ["timmeren"],
        "Drempelhulpen, boormachine",
        6,
    ),
    (
        "WMO: overkapping scootmobiel",
        "Een overkapping of berging voor de scootmobiel.",
        "8",
        3,
        True,
        True,
        ["timmeren", "bestrating"],
        "Palen, golfplaten, schroeven",
        3,
    ),
    (
        "WMO: beugels ophangen",
        "Wandbeugels in badkamer of toilet.",
        "1",
        1,
        True,
        True,
        ["timmeren"],
        "Beugels, boormachine, waterpas",
        6,
    ),
    (
        "WMO: tuin aanpassen voor scootmobiel",
        "Een pad of oprit, zodat de scootmobiel de tuin in en uit kan.",
        "6",
        3,
        True,
        True,
        ["bestrating"],
        "Tegels, zand, rubberhamer",
        3,
    ),
]
CRITERIA = [
    ("Zijn er mensen om je heen die deze klus kunnen doen?", "geen netwerk", "required", False),
    ("Heb je een laag inkomen (tot 130% van het sociaal minimum)?", "laag inkomen", "any", True),
    ("Ben je 65 jaar of ouder, of heb je een beperking?", "65+ of beperking", "any", True),
    ("Heb je een WMO-beschikking voor deze klus?", "WMO-beschikking", "any", True),
]
#: The Ketelhuis's other users (annual report 2023: "maken sinds 1 juni ook gebruik van onze locatie").
KETELHUIS_USERS = [
    ("Naaiatelier De Gouden Draad (Werkmakers)", "Samen naaien en kleding herstellen.", Organisation.Kind.INITIATIVE),
    (
        "Moeders voor Moeders",
        "Moeders helpen moeders met kleding en spullen voor hun kinderen.",
        Organisation.Kind.INITIATIVE,
    ),
    (
        "Vrienden van de Componistenbuurt",
        "Buurtvereniging: samen de buurt mooier maken.",
        Organisation.Kind.ASSOCIATION,
    ),
    ("Outreach", "Jongerenwerk op straat en in het Ketelhuis.", Organisation.Kind.CARE),
]
#: The crew: (name, kind, origin, started days ago, left days ago or None, outcome, skills, VOG)
CREW = [
    (CREW_NAME, "participant", "gelrewerkt", 200, None, "", ["tuinwerk", "schilderen", "tillen", "opruimen"], True),
    ("Jeroen Wolters", "staff", "uit-de-wijk", 2000, None, "", ["timmeren", "bestrating", "elektra", "tuinwerk"], True),
    ("Harm Lubbers", "volunteer", "vacaturebank", 900, None, "", ["timmeren", "schilderen", "bestrating"], True),
    ("Dirk Hesselink", "participant", "gelrewerkt", 330, 60, "paid_work", ["tuinwerk", "tillen"], False),
    ("Mariam Yusuf", "participant", "gelrewerkt", 300, 20, "education", ["schilderen", "opruimen"], False),
    ("Kevin Brouwers", "participant", "gelrewerkt", 280, 150, "dropped_out", ["tillen"], False),
    ("Ilse Meulenbelt", "participant", "gelrewerkt", 120, None, "", ["tuinwerk", "opruimen"], False),
    ("Rick Veenstra", "participant", "tactus", 90, None, "", ["tillen", "opruimen"], False),
    ("Yonas Tesfaye", "volunteer", "azc", 170, None, "", ["tuinwerk", "tillen"], False),
    ("Ahmad Karimi", "volunteer", "azc", 160, None, "", ["timmeren", "tillen"], True),
    ("Senait Gebre", "volunteer", "azc", 150, None, "", ["schilderen", "opruimen"], False),
    ("Omar Al-Hassan", "volunteer", "azc", 140, 30, "", ["tuinwerk", "bestrating"], False),
    ("Dawit Haile", "volunteer", "azc", 120, None, "", ["tillen", "opruimen"], False),
    ("Nour Darwish", "volunteer", "azc", 100, None, "", ["schilderen", "tuinwerk"], False),
    ("Bilal Rahimi", "volunteer", "azc", 75, None, "", ["timmeren", "bestrating"], False),
    ("Amanuel Tekle", "volunteer", "azc", 45, None, "", ["tuinwerk"], False),
    ("Lotte van Dijk", "intern", "han-social-work", 110, None, "", ["opruimen", "tuinwerk"], False),
    ("Sem Wijnbergen", "intern", "han-social-work", 105, None, "", ["tillen", "schilderen"], False),
    ("Gerrit Nijhof", "volunteer", "uit-de-wijk", 250, None, "", ["tuinwerk", "timmeren"], True),
    ("Anja Hulshof", "volunteer", "uit-de-wijk", 60, None, "", ["schilderen"], True),
    ("Lucía Fernández", "volunteer", "european-solidarity-corps", 80, None, "", ["tuinwerk", "opruimen"], False),
]
FIRST_NAMES = [
    "Gerda",
    "Henk",
    "Truus",
    "Bert",
    "Annie",
    "Wim",
    "Riet",
    "Johan",
    "Fatma",
    "Mohamed",
    "Joke",
    "Kees",
    "Ria",
    "Jan",
    "Ineke",
    "Hendrik",
    "Aysel",
    "Ali",
    "Marietje",
    "Theo",
    "Dini",
    "Gerrit",
    "Hennie",
    "Sientje",
]
LAST_NAMES = [
    "Jansen",
    "de Vries",
    "Bosman",
    "Hendriks",
    "Koster",
    "Wolters",
    "ten Brinke",
    "Lammers",
    "Yilmaz",
    "El Amrani",
    "Gerritsen",
    "Pelgrim",
    "Harmsen",
    "Zweers",
    "Roelofs",
    "Aksoy",
    "Meijerink",
    "Hoitink",
]
STREETS = {
    "WK030100": ["Zaadmarkt", "Houtmarkt", "Spittaalstraat"],
    "WK030101": ["Rijnstraat", "Mesdagstraat", "Ampsenseweg", "Isendoornstraat"],
    "WK030102": ["Deventerweg", "Weg naar Vierakker", "Berkelweg"],
    "WK030103": ["Mozartstraat", "Chopinstraat", "Beethovenstraat", "Van Dorthstraat"],
    "WK030104": ["Hoetinkhof", "Dorpsstraat", "Het Hoge"],
    "WK030105": ["Leestenseweg", "Voorsterallee"],
}
DESCRIPTIONS = {
    "Tuin": [
        "De heg aan de voorkant is te hoog.",
        "Het gras moet gemaaid en de randen gestoken.",
        "Blad ruimen en de tuin winterklaar.",
    ],
    "Schilderwerk": ["De schutting moet geverfd.", "De muur in de gang is vies, graag opnieuw witten."],
    "Kleine reparaties": ["De kraan in de keuken lekt.", "De achterdeur klemt.", "Een plank ophangen in de kamer."],
    "Meubels verplaatsen": ["Mijn bed moet naar beneden, ik kan de trap niet meer op.", "Een kast in elkaar zetten."],
    "Opruimen en ontruimen": ["De schuur staat vol, ik kan er niet meer in.", "De zolder opruimen voor de verhuizing."],
}


def _noop(_message: str) -> None:
    pass


@transaction.atomic
def load_buurtservice(
    municipality: Municipality, *, progress: Callable[[str], None] = _noop, with_people: bool = True
) -> Service:
    """The service and its lists; with people, the crew, a year of history and today's visits."""
    ketelhuis = Place.objects.filter(slug="het-ketelhuis").first()
    organisation, _ = Organisation.objects.update_or_create(
        slug="buurtservice-perspectief",
        defaults={
            "municipality": municipality,
            "name": "Buurtservice Perspectief",
            "kind": Organisation.Kind.CARE,
            "status": Organisation.Status.APPROVED,
            "description": "Praktische klussen in en om het huis, gedaan door deelnemers, vrijwilligers en stagiairs.",
            "email": "buurtservice@perspectief.example.org",
            "phone": "0575 000 350",
        },
    )
    service, _ = Service.objects.update_or_create(
        municipality=municipality,
        defaults={
            "name": "Buurtservice",
            "phone": "0575 000 350",
            "email": "buurtservice@perspectief.example.org",
            "base": ketelhuis,
            "organisation": organisation,
            "description": (
                "Kun je een klus in of om je huis niet zelf doen, en is er niemand die kan helpen? Buurtservice "
                "helpt. Onze ploegen zijn mensen die werkervaring opdoen, vrijwilligers en stagiairs."
            ),
        },
    )
    if ketelhuis is not None:
        users = []
        for name, description, kind in KETELHUIS_USERS:
            user_org, _ = Organisation.objects.update_or_create(
                slug=slugify(name)[:200],
                defaults={"municipality": municipality, "name": name, "description": description, "kind": kind},
            )
            users.append(user_org)
        ketelhuis.also_used_by.set(users)
    skills = {
        slug: Skill.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})[0]
        for order, (name, slug) in enumerate(SKILLS)
    }
    kinds = {
        slug: CertificateKind.objects.update_or_create(
            slug=slug, defaults={"name": name, "is_conduct_certificate": conduct, "valid_years": years, "sort_order": n}
        )[0]
        for n, (name, slug, conduct, years) in enumerate(CERTIFICATES)
    }
    origins = {
        slug: Origin.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": n})[0]
        for n, (name, slug) in enumerate(ORIGINS)
    }
    categories: dict[str, tuple[JobCategory, int]] = {}
    for order, (name, description, hours, crew_size, wmo, vog, needed, bring, weight) in enumerate(CATEGORIES):
        category, _ = JobCategory.objects.update_or_create(
            slug=slugify(name)[:50],
            defaults={
                "name": name,
                "description": description,
                "typical_hours": Decimal(hours),
                "crew_size": crew_size,
                "is_wmo": wmo,
                "needs_vog": vog,
                "what_to_bring": bring,
                "sort_order": order,
            },
        )
        category.required_skills.set([skills[slug] for slug in needed])
        categories[name] = (category, weight)
    for order, (question, label, rule, answer) in enumerate(CRITERIA):
        EligibilityCriterion.objects.update_or_create(
            short_label=label,
            defaults={"question": question, "rule": rule, "qualifying_answer": answer, "sort_order": order},
        )
    progress(f"Buurtservice with {len(categories)} kinds of jobs")
    if not with_people:
        return service
    coordinator = _coordinator(municipality)
    if coordinator is None:
        return service
    crew = _crew(service, coordinator, skills, kinds, origins)
    if not Request.objects.filter(service=service).exists():
        count = _history(service, categories, crew, coordinator)
        progress(f"a year of Buurtservice: {count} requests, {len(crew)} crew members")
    _todays_visits(service, coordinator)
    _residents_own(service, coordinator)
    _recruitment(organisation, municipality, coordinator)
    return service


def _residents_own(service: Service, coordinator: User) -> None:
    """The demo resident (bewoner@example.org) asked twice: one job waits on the list, one is done
    and waits for their opinion."""
    from wijkbasis.demo.data import DEMO_RESIDENT_EMAIL

    user = User.objects.filter(email=DEMO_RESIDENT_EMAIL).first()
    if user is None or Request.objects.filter(resident__user=user).exists():
        return
    garden = JobCategory.objects.get(slug="tuin")
    shelves = JobCategory.objects.get(slug="kleine-reparaties")
    waterkwartier = District.objects.get(code="WK030101")
    jobs = []
    for category, text in (
        (garden, "De heg aan de voorkant is te hoog."),
        (shelves, "Een plank ophangen in de keuken."),
    ):
        request = services.submit_request(
            service=service,
            job=services.JobDetails(
                category=category, description=text, street="Rijnstraat", house_number="12", city="Zutphen"
            ),
            user=user,
        )
        request.district = waterkwartier
        request.save(update_fields=["district"])
        services.record_intake(
            request=request,
            by=coordinator,
            answers={},
            urgent=False,
            vulnerability="some",
            needs_vog=False,
            is_wmo=False,
        )
        jobs.append(services.decide(request=request, by=coordinator, accept=True))
    done = jobs[1]
    today = timezone.localdate()
    from wijkbasis.buurtservice.selectors import crew_candidates

    crew = [fit.worker for fit in crew_candidates(done, today, dt.time(8), dt.time(9)) if fit.fits][:1]
    if not crew:
        return
    visit = services.plan_visit(
        request=done, by=coordinator, day=today, starts_at=dt.time(8), ends_at=dt.time(9), workers=crew
    )
    services.record_visit(visit=visit, by=coordinator, hours={crew[0].pk: Decimal("1")}, materials="2 pluggen")
    services.complete_request(request=done, by=coordinator, notes="De plank hangt, recht en stevig.")


def _coordinator(municipality: Municipality) -> User | None:
    """The demo coordinator (Ruben Kok, of the Waterkwartier team) coordinates Buurtservice in every
    team of Zutphen: Buurtservice works city-wide from het Ketelhuis. Not shown on other teams' pages."""
    member = TeamMember.objects.filter(user__email=COORDINATOR_EMAIL).select_related("user", "team").first()
    if member is None or member.user is None:
        return None
    for team in NeighbourhoodTeam.objects.filter(municipality=municipality).exclude(pk=member.team_id):
        TeamMember.objects.get_or_create(
            team=team,
            user=member.user,
            defaults={
                "name": member.name,
                "slug": member.slug,
                "role": TeamMember.Role.COORDINATOR,
                "is_public": False,
            },
        )
    return member.user


def _crew(
    service: Service,
    coordinator: User,
    skills: dict[str, Skill],
    kinds: dict[str, CertificateKind],
    origins: dict[str, Origin],
) -> list[Worker]:
    today = timezone.localdate()
    team = NeighbourhoodTeam.objects.get(slug="waterkwartier")
    every_day = availability.from_days_and_parts(range(7), [availability.MORNING, availability.AFTERNOON])
    rng = random.Random(SEED)  # noqa: S311 - reproducible fictional history
    crew = []
    for index, (name, kind, origin, started, left, outcome, skill_slugs, vog) in enumerate(CREW):
        existing = Worker.objects.filter(service=service, resident__name=name).first()
        if existing is not None:
            crew.append(existing)
            continue
        if name == CREW_NAME:
            user, _ = User.objects.get_or_create(email=CREW_EMAIL, defaults={"name": name})
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
            resident, _ = Resident.objects.get_or_create(
                user=user,
                defaults={
                    "name": name,
                    "email": CREW_EMAIL,
                    "phone": "0575 000 360",
                    "source": Resident.Source.SIGN_UP,
                },
            )
            worker = Worker.objects.create(
                service=service,
                resident=resident,
                kind=kind,
                origin=origins[origin],
                started_on=today - dt.timedelta(days=started),
                availability=every_day,
                hours_per_week=Decimal("24"),
                created_by=coordinator,
            )
            worker.skills.set([skills[slug] for slug in skill_slugs])
            Development.objects.create(worker=worker)
        else:
            mask = (
                every_day
                if kind == "staff"
                else availability.from_days_and_parts(
                    rng.sample(range(5), rng.randint(2, 4)), [availability.MORNING, availability.AFTERNOON]
                )
            )
            worker = services.add_worker(
                service=service,
                by=coordinator,
                team=team,
                person=services.Person(name=name, phone=f"0575 000 {370 + index}"),
                kind=kind,
                origin=origins[origin],
                started_on=today - dt.timedelta(days=started),
                skills=[skills[slug] for slug in skill_slugs],
                availability_mask=mask,
                hours_per_week=Decimal(rng.choice(["8", "12", "16", "24"])),
            )
        if vog:
            Certificate.objects.create(
                worker=worker,
                kind=kinds["vog"],
                obtained_on=worker.started_on,
                valid_until=worker.started_on + dt.timedelta(days=3 * 365),
            )
        if kind == "participant":
            Certificate.objects.create(
                worker=worker, kind=kinds["vca"], obtained_on=worker.started_on + dt.timedelta(days=30)
            )
            LearningGoal.objects.create(
                worker=worker,
                text="Elke dag op tijd beginnen",
                set_on=worker.started_on,
                achieved_on=worker.started_on + dt.timedelta(days=60),
            )
            LearningGoal.objects.create(
                worker=worker,
                text="Zelf een klus voorbereiden: wat moet mee?",
                set_on=worker.started_on + dt.timedelta(days=60),
            )
            CheckIn.objects.create(
                worker=worker,
                held_on=worker.started_on + dt.timedelta(days=42),
                by=coordinator,
                notes="Gaat goed. Werkt fijn samen met de vrijwilligers. Wil de basiscursus bouw doen.",
            )
            SkillGained.objects.get_or_create(
                worker=worker,
                skill=skills["schilderen"],
                defaults={"gained_on": worker.started_on + dt.timedelta(days=75)},
            )
            worker.skills.add(skills["schilderen"])
        if left is not None:
            services.record_leaving(
                worker=worker,
                by=coordinator,
                ended_on=today - dt.timedelta(days=left),
                outcome=outcome or "other",
                note="Via GelreWerkt" if outcome == "paid_work" else "",
            )
            worker.refresh_from_db()
        crew.append(worker)
    return crew


def _history(
    service: Service, categories: dict[str, tuple[JobCategory, int]], crew: list[Worker], coordinator: User
) -> int:
    """A year of requests, written with their own dates. Each week some requests come in; the crew
    starts what it can (WMO deadlines and urgent jobs first, then who waited longest)."""
    rng = random.Random(SEED)  # noqa: S311 - reproducible fictional history
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    districts = list(District.objects.filter(municipality=service.municipality).order_by("code"))
    team_of = {district.pk: district.teams.order_by("pk").first() for district in districts}
    criteria = list(EligibilityCriterion.objects.order_by("sort_order"))
    names = [(name, weight) for name, (_category, weight) in categories.items()]
    skills_of = {
        category.pk: {skill.pk for skill in category.required_skills.all()} for category, _w in categories.values()
    }
    worker_skills = {worker.pk: set(worker.skills.values_list("pk", flat=True)) for worker in crew}
    vog_holders = {
        worker.pk for worker in crew if worker.certificates.filter(kind__is_conduct_certificate=True).exists()
    }

    def moment(day: dt.date, hour: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, rng.randrange(60)), tzinfo=tz)

    residents: list[Resident] = []
    plans: list[dict[str, Any]] = []
    start = today - dt.timedelta(days=365)
    for offset in range(0, 365, 7):
        week = start + dt.timedelta(days=offset)
        for _ in range(rng.choice([4, 5, 5, 6, 7])):
            name = rng.choices([item[0] for item in names], [item[1] for item in names])[0]
            category = categories[name][0]
            district = rng.choices(districts, [3, 5, 2, 4, 2, 1][: len(districts)])[0]
            created = week + dt.timedelta(days=rng.randrange(7))
            if created >= today:
                continue
            resident = Resident(
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                phone=f"0575 0{rng.randrange(10):01d}{rng.randrange(10)} {rng.randrange(1000):03d}",
                street=rng.choice(STREETS.get(district.code, ["Dorpsstraat"])),
                house_number=str(rng.randrange(1, 120)),
                city="Zutphen",
                district=district,
                source=rng.choice([Resident.Source.ASSISTED, Resident.Source.ASSISTED, Resident.Source.FORM]),
                intake_team=team_of[district.pk],
                preferred_contact=Resident.Contact.PHONE,
                languages="Nederlands",
            )
            residents.append(resident)
            plans.append({"category": category, "district": district, "created": created, "resident": resident})
    Resident.objects.bulk_create(residents)
    Consent.objects.bulk_create(
        Consent(
            resident=plan["resident"],
            purpose=purpose,
            method=Consent.Method.PHONE,
            recorded_by=coordinator,
            given_at=moment(plan["created"], 10),
        )
        for plan in plans
        for purpose in ("keep_details", "odd_job")
    )

    requests: list[Request] = []
    for plan in plans:
        category, created = plan["category"], plan["created"]
        wmo = category.is_wmo
        decided = created + dt.timedelta(days=rng.randint(2, 8))
        outcome = rng.choices(["accepted", "declined", "cancelled"], [86, 9, 5])[0]
        if decided >= today:
            outcome = "intake" if created + dt.timedelta(days=2) < today else "requested"
        request = Request(
            service=service,
            resident=plan["resident"],
            category=category,
            description=rng.choice(DESCRIPTIONS.get(category.name, [category.description])),
            street=plan["resident"].street,
            house_number=plan["resident"].house_number,
            city="Zutphen",
            district=plan["district"],
            phone=plan["resident"].phone,
            home_slots=availability.EVERY_WEEKDAY,
            urgent=rng.random() < 0.12,
            vulnerability=rng.choice(["none", "none", "some", "high"]) if outcome != "requested" else "",
            needs_vog=category.needs_vog,
            channel=rng.choice([Request.Channel.STAFF, Request.Channel.STAFF, Request.Channel.FORM]),
            status=outcome,
            is_wmo=wmo,
            wmo_reference=f"WMO-{created.year}-{rng.randrange(1000, 9999)}" if wmo else "",
            wmo_funding=Decimal(rng.choice(["180", "320", "450", "1250"])) if wmo else None,
            wmo_deadline=decided + dt.timedelta(days=rng.choice([28, 42, 56])) if wmo else None,
            created_by=coordinator,
        )
        request.created_at = request.updated_at = moment(created, 9)
        request.status_changed_at = request.created_at
        if outcome in ("accepted", "declined", "cancelled"):
            request.status_changed_at = moment(decided, 14)
            if outcome == "accepted":
                request.accepted_at = request.status_changed_at
            else:
                request.closed_at = request.status_changed_at
                request.decision_reason = "own_network" if outcome == "declined" else "resident"
        plan["request"], plan["decided"] = request, decided
        requests.append(request)

    # The crew at work: each week it starts what it can of the waiting list, most urgent first.
    weights = services_weights()
    from wijkbasis.buurtservice.priority import Facts, waitlist_order

    waiting: list[dict[str, Any]] = []
    visits: list[Visit] = []
    crews: list[list[tuple[int, Decimal]]] = []
    feedback: list[Feedback] = []
    events: list[RequestEvent] = []
    accepted_plans = sorted(
        (plan for plan in plans if plan["request"].status == "accepted"), key=lambda p: p["decided"]
    )
    pointer = 0
    booked: dict[tuple[int, dt.date], int] = {}
    for offset in range(0, 372, 7):
        week = start + dt.timedelta(days=offset)
        while pointer < len(accepted_plans) and accepted_plans[pointer]["decided"] < week:
            waiting.append(accepted_plans[pointer])
            pointer += 1
        capacity = rng.choice([3, 4, 4, 5])
        ordered = waitlist_order(
            [
                Facts(
                    id=index,
                    category_id=p["category"].pk,
                    waiting_since=p["decided"],
                    urgent=p["request"].urgent,
                    vulnerability=p["request"].vulnerability,
                    wmo_deadline=p["request"].wmo_deadline,
                )
                for index, p in enumerate(waiting)
            ],
            weights,
            week,
        )
        chosen = [waiting[facts.id] for facts, _score in ordered[:capacity]]
        for plan in chosen:
            day = week + dt.timedelta(days=rng.randrange(5))
            if day >= today:
                continue  # the future stays on the list (some of it planned below)
            request, category = plan["request"], plan["category"]
            active = [
                worker
                for worker in crew
                if worker.started_on <= day
                and (worker.ended_on is None or worker.ended_on >= day)
                and skills_of[category.pk] <= worker_skills[worker.pk]
                and (not request.crew_needs_vog or worker.pk in vog_holders)
                and booked.get((worker.pk, day), 0) < 2
            ]
            if not active:
                continue
            team = rng.sample(active, min(len(active), category.crew_size))
            hours = category.typical_hours
            start_hour = rng.choice([9, 9, 10, 13])
            end_minutes = start_hour * 60 + int(hours * 60)
            ends = dt.time(min(17, end_minutes // 60), end_minutes % 60 if end_minutes // 60 < 17 else 0)
            visit = Visit(
                request=request,
                date=day,
                starts_at=dt.time(start_hour),
                ends_at=ends,
                status=Visit.Status.DONE,
                what_to_bring=category.what_to_bring,
                materials=category.what_to_bring,
                costs=Decimal(rng.choice(["0", "0", "12.50", "35", "80"])) if not category.is_wmo else Decimal("0"),
                planned_by=coordinator,
                done_at=moment(day, 16),
                created_at=moment(day - dt.timedelta(days=3), 11),
            )
            visits.append(visit)
            crews.append(
                [(worker.pk, (hours + Decimal(rng.choice([-0.5, 0, 0, 0.5]))).max(Decimal("0.5"))) for worker in team]
            )
            for worker in team:
                booked[(worker.pk, day)] = booked.get((worker.pk, day), 0) + 1
            waiting.remove(plan)
            request.first_visit_on = day
            request.status = "done"
            request.done_at = moment(day, 16)
            request.completion_notes = "Klaar, de bewoner is tevreden." if rng.random() < 0.5 else "Klus gedaan."
            request.status_changed_at = request.done_at
            if rng.random() < 0.75:
                request.status = "evaluated"
                request.closed_at = request.done_at + dt.timedelta(days=rng.randint(1, 10))
                request.status_changed_at = request.closed_at
                feedback.append(
                    Feedback(
                        request=request,
                        score=rng.choices([5, 4, 3, 2], [55, 30, 10, 5])[0],
                        comment=rng.choice(
                            ["", "", "Heel fijn geholpen!", "Aardige jongens, netjes gewerkt.", "Dank jullie wel."]
                        ),
                        channel=rng.choice(["phone", "phone", "online"]),
                        created_at=request.closed_at,
                    )
                )
    from wijkbasis.core.scale import explicit_timestamps

    with explicit_timestamps(Request):  # the rows keep the dates they happened on
        Request.objects.bulk_create(requests)
    Visit.objects.bulk_create(visits)
    Assignment.objects.bulk_create(
        Assignment(visit=visit, worker_id=worker_id, hours=hours, done_at=visit.done_at)
        for visit, team in zip(visits, crews, strict=True)
        for worker_id, hours in team
    )
    Feedback.objects.bulk_create(feedback)
    for request in requests:
        kinds: list[tuple[str, str, dt.datetime | None]] = [("", "requested", request.created_at)]
        if request.accepted_at or (request.closed_at and request.status in ("declined", "cancelled")):
            kinds.append(("requested", "intake", request.created_at + dt.timedelta(days=1)))
        if request.accepted_at:
            kinds.append(("intake", "accepted", request.accepted_at))
        if request.first_visit_on:
            kinds += [
                ("accepted", "planned", moment(request.first_visit_on - dt.timedelta(days=3), 11)),
                ("planned", "in_progress", moment(request.first_visit_on, 12)),
                ("in_progress", "done", request.done_at),
            ]
        if request.status == "evaluated":
            kinds.append(("done", "evaluated", request.closed_at))
        if request.status in ("declined", "cancelled"):
            kinds.append(("intake", request.status, request.closed_at))
        events += [
            RequestEvent(request=request, from_status=old, to_status=new, by=coordinator, at=at)
            for old, new, at in kinds
            if at is not None  # the dates above are set for every step they mark
        ]
    RequestEvent.objects.bulk_create(events)
    answers = []
    for request in requests:
        if request.status == "requested":
            continue
        for criterion in criteria:
            if criterion.short_label == "WMO-beschikking":
                value = request.is_wmo
            elif criterion.rule == "required":  # declined: people around them can help
                value = criterion.qualifying_answer != (request.status == "declined")
            else:
                value = rng.random() < 0.5
            answers.append(EligibilityAnswer(request=request, criterion=criterion, answer=value))
    EligibilityAnswer.objects.bulk_create(answers)
    return len(requests)


def services_weights() -> Any:
    from wijkbasis.buurtservice.priority import Weights

    return Weights.from_settings()


def _todays_visits(service: Service, coordinator: User) -> None:
    """The demo crew member has work today (and tomorrow), whenever the demo is set up: the first
    fitting requests of the waiting list, planned through the service as a coordinator would."""
    demo = Worker.objects.filter(service=service, resident__user__email=CREW_EMAIL).first()
    if demo is None:
        return
    today = timezone.localdate()
    for day, slots in ((today, [(9, 11), (13, 15)]), (today + dt.timedelta(days=1), [(10, 12)])):
        if Assignment.objects.filter(worker=demo, visit__date=day).exclude(visit__status="cancelled").exists():
            continue
        waiting = list(
            Request.objects.filter(service=service, status=Request.Status.ACCEPTED, district__code="WK030101")
            .filter(category__slug__in=["tuin", "schilderwerk", "meubels-verplaatsen", "opruimen-en-ontruimen"])
            .select_related("category")
            .order_by("accepted_at", "pk")
        )
        for start, end in slots:
            for request in waiting:
                from wijkbasis.buurtservice.selectors import crew_candidates

                fits = [fit.worker for fit in crew_candidates(request, day, dt.time(start), dt.time(end)) if fit.fits]
                if demo not in fits:
                    continue
                others = [worker for worker in fits if worker.pk != demo.pk][: max(0, request.category.crew_size - 1)]
                try:
                    services.plan_visit(
                        request=request,
                        by=coordinator,
                        day=day,
                        starts_at=dt.time(start),
                        ends_at=dt.time(end),
                        workers=[demo, *others],
                    )
                except services.PlanningError:
                    continue
                waiting.remove(request)
                break


def _recruitment(organisation: Organisation, municipality: Municipality, coordinator: User) -> None:
    """Buurtservice recruits through the vacancy bank: its open crew places are vacancies, and new
    volunteers are counted from placements there (never typed in)."""
    from wijkbasis.volunteering import services as volunteering
    from wijkbasis.volunteering.models import Response, Vacancy

    wanted = [
        ("Klusvrijwilliger Buurtservice", "Help inwoners met klussen in en om het huis, samen met deelnemers."),
        (
            "Leermeester bouw en techniek",
            "Leer deelnemers van Buurtservice het vak: timmeren, bestraten, veilig werken.",
        ),
    ]
    vacancies = []
    for title, text in wanted:
        vacancy = Vacancy.objects.filter(organisation=organisation, title=title).first()
        if vacancy is None:
            vacancy = volunteering.save_vacancy(
                vacancy=Vacancy(
                    organisation=organisation,
                    title=title,
                    description=text,
                    where=Vacancy.Where.PLACE,
                    place=Place.objects.filter(slug="het-ketelhuis").first(),
                    when=Vacancy.When.REGULAR,
                    vog_required=True,
                    contact_name="Ruben Kok",
                    contact_email="buurtservice@perspectief.example.org",
                    volunteers_needed=4,
                ),
                by=coordinator,
            )
            vacancy = volunteering.submit_vacancy(vacancy=vacancy, by=coordinator)
        vacancies.append(vacancy)
    if Response.objects.filter(vacancy__organisation=organisation).exists() or not vacancies[0].is_public():
        return
    for index, name in enumerate(["Gijs Oosterhuis", "Marloes Brink", "Tarik Bensaid"]):
        response, _created = volunteering.respond(
            vacancy=vacancies[index % 2],
            respondent=volunteering.Respondent(name=name, phone=f"0575 000 39{index}"),
            recorded_by=coordinator,
        )
        volunteering.move_response(response=response, to_status=Response.Status.CONTACTED, by=coordinator)
        if index < 2:
            volunteering.move_response(
                response=response,
                to_status=Response.Status.PLACED,
                by=coordinator,
                placement={"start_date": timezone.localdate(), "hours_per_week": 4},
            )
