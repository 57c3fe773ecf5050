"""Scale data for the vacancy bank: organisations, skills, vacancies over the years, responses
followed through the pipeline, and talent profiles; the vacancies' search index in bulk.

Vacancies are published over the past five years, more of them recently; older ones are mostly
filled, expired or closed, recent ones mostly published, a few drafts and some waiting for
review. Bigger organisations post more. Titles and descriptions come from Dutch word lists
(shared with bench/search.py). Skills are the demo's managed list when there are none yet.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterator
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from wijkbasis.accounts.models import OrganisationMembership, User
from wijkbasis.accounts.scale import unusable_password
from wijkbasis.areas.models import Organisation
from wijkbasis.core.scale import BenchPage, ScaleContext, batched
from wijkbasis.core.slugs import unique_slug
from wijkbasis.volunteering import slots
from wijkbasis.volunteering.models import (
    RESERVED_SLUGS,
    FollowUp,
    NotMatchedReason,
    Placement,
    Response,
    ResponseEvent,
    Skill,
    TalentProfile,
    Vacancy,
)

REQUIRES = ("areas", "accounts")

# Word lists for titles and descriptions (bench/search.py builds its vacancies from the same).
ROLES = [
    "Vrijwilliger", "Vrijwilligers", "Maatje", "Chauffeur", "Gastvrouw", "Gastheer", "Kok", "Tuinman", "Klusser",
    "Voorlezer", "Taalmaatje", "Coach", "Begeleider", "Fietsenmaker", "Computerhulp", "Penningmeester",
    "Secretaris", "Bestuurslid", "Huiswerkbegeleider", "Sportbegeleider", "Koorleider", "Verteller",
]  # fmt: skip
GOALS = [
    "voor de kinderboerderij", "in het buurthuis", "voor ouderen", "bij de voedselbank", "voor de moestuin",
    "voor nieuwkomers", "voor de buurtmaaltijd", "bij het repair café", "voor de bibliotheek", "op school",
    "voor het wijkfeest", "in het verzorgingshuis", "voor de sportclub", "voor de speeltuin", "voor het inloophuis",
    "bij de fietsenwerkplaats", "voor de wandelgroep", "voor de computerles",
]  # fmt: skip
ACTIVITIES = [
    "koffie schenken", "boodschappen doen", "de tuin onderhouden", "samen koken", "voorlezen aan kinderen",
    "huiswerk begeleiden", "mensen ophalen met het busje", "fietsen repareren", "een praatje maken",
    "de administratie bijhouden", "de nieuwsbrief schrijven", "wandelen met bewoners", "spelletjes doen",
    "de dieren verzorgen", "voedselpakketten sorteren", "helpen met de computer", "kleine klussen doen",
    "het wijkfeest organiseren", "zingen met ouderen", "Nederlands oefenen met nieuwkomers", "zwerfafval opruimen",
    "de ontvangst verzorgen", "muziek maken", "breien en handwerken",
]  # fmt: skip
WHEN = [
    "op maandagochtend", "op dinsdagmiddag", "op woensdag", "op donderdagavond", "op vrijdag", "op zaterdag",
    "in het weekend", "eens per maand", "elke week", "wanneer het jou uitkomt",
]  # fmt: skip
PEOPLE = [
    "ouderen", "kinderen", "jongeren", "buurtbewoners", "nieuwkomers", "mensen met een beperking", "mantelzorgers",
    "gezinnen", "statushouders", "eenzame mensen",
]  # fmt: skip
EXTRAS = [
    "Je krijgt een vrijwilligersvergoeding.", "Een VOG is nodig.", "Ervaring is niet nodig.",
    "Je werkt samen met een vast team.", "Wij zorgen voor een goede begeleiding.",
    "Koffie en thee staan altijd klaar.", "Je kunt ook een paar uur per maand helpen.", "Ook leuk voor studenten.",
    "Je hoeft geen Nederlands te spreken.", "Er is een training.",
]  # fmt: skip
OPENINGS = ["Wij zoeken iemand voor", "Help ons met", "Kom ons helpen met", "Samen met"]

ORGANISATION_KINDS = [
    (Organisation.Kind.ASSOCIATION, ["Vereniging {x}", "Buurtvereniging {d}", "Speeltuinvereniging {x}"], 25),
    (Organisation.Kind.FOUNDATION, ["Stichting {x}", "Stichting Welzijn {d}", "Voedselbank {m}"], 25),
    (Organisation.Kind.INITIATIVE, ["Buurtinitiatief {x}", "Repair Café {d}", "Moestuin {x}"], 18),
    (Organisation.Kind.CARE, ["Zorgcentrum {x}", "Ontmoetingshuis {x}"], 10),
    (Organisation.Kind.SCHOOL, ["Basisschool {x}", "Kindcentrum {x}"], 8),
    (Organisation.Kind.CHURCH, ["Parochie {x}", "Kerkgemeenschap {d}"], 5),
    (Organisation.Kind.HOUSING, ["Woonstichting {x}"], 2),
    (Organisation.Kind.COMPANY, ["{company}"], 4),
    (Organisation.Kind.GOVERNMENT, ["Bibliotheek {m} {d}"], 3),
]
_NAME_WORDS = [
    "De Klaproos", "Het Anker", "De Brug", "Samen Sterk", "De Zonnebloem", "Het Nut", "De Linde", "De Regenboog",
    "De Horizon", "Het Baken", "De Eik", "Vergeet-me-niet", "De Kastanje", "Op Stoom", "Het Kompas",
]  # fmt: skip
VACANCY_STATUSES_RECENT = [("published", 78), ("filled", 6), ("closed", 4), ("draft", 7), ("in_review", 5)]
VACANCY_STATUSES_OLD = [("filled", 45), ("expired", 35), ("closed", 18), ("published", 2)]
YEARS_OF_VACANCIES = 5
WEEKDAY_WEIGHTS = [10, 10, 10, 10, 9, 7, 4]
PART_WEIGHTS = [5, 5, 3]


def _time_slots(ctx: ScaleContext, days: int, parts: int) -> int:
    chosen_days = set(ctx.random.choices(range(7), WEEKDAY_WEIGHTS, k=days))
    chosen_parts = set(ctx.random.choices(range(3), PART_WEIGHTS, k=parts))
    return slots.from_pairs((day, part) for day in chosen_days for part in chosen_parts)


def _ensure_vocabulary() -> None:
    if not Skill.objects.exists():
        from wijkbasis.demo.volunteering_data import SKILLS

        Skill.objects.bulk_create(
            Skill(name=name, name_en=name_en, slug=slug, category=category, search_terms=terms, sort_order=order)
            for order, (name, name_en, slug, category, terms) in enumerate(SKILLS)
        )
    if not NotMatchedReason.objects.exists():
        from wijkbasis.demo.volunteering_data import NOT_MATCHED_REASONS

        NotMatchedReason.objects.bulk_create(
            NotMatchedReason(name=name, name_en=name_en, sort_order=order)
            for order, (name, name_en) in enumerate(NOT_MATCHED_REASONS)
        )


def generate(ctx: ScaleContext) -> None:
    now = timezone.now()
    _ensure_vocabulary()
    skill_ids = list(Skill.objects.filter(is_active=True).order_by("sort_order", "pk").values_list("pk", flat=True))
    # Zipf-like: some skills are asked and offered far more than others.
    ctx.facts["skill_weights"] = [1 / (rank + 1) ** 0.8 for rank in range(len(skill_ids))]
    ctx.ids["skills"] = skill_ids
    _organisations(ctx, now)
    _vacancies(ctx, now)
    _index(ctx)
    _responses(ctx, now)
    _talent_profiles(ctx, now)


def _municipality_districts(ctx: ScaleContext) -> dict[int, list[int]]:
    by_municipality: dict[int, list[int]] = {}
    for district_id, municipality_id in sorted(ctx.facts["district_municipality"].items()):
        by_municipality.setdefault(municipality_id, []).append(district_id)
    return by_municipality


def _organisations(ctx: ScaleContext, now: dt.datetime) -> None:
    by_municipality = _municipality_districts(ctx)
    weights = ctx.facts["district_weights"]
    municipalities = sorted(by_municipality)
    municipality_weights = [sum(weights[d] for d in by_municipality[m]) for m in municipalities]
    kinds, patterns, kind_weights = zip(*ORGANISATION_KINDS, strict=True)
    used = set(Organisation.objects.values_list("slug", flat=True))
    organisations: list[Organisation] = []
    homes: list[int | None] = []
    for _number in range(ctx.sizes.organisations):
        municipality_id = ctx.random.choices(municipalities, municipality_weights)[0]
        district_id = ctx.random.choice(by_municipality[municipality_id]) if ctx.random.random() < 0.7 else None
        kind_index = ctx.random.choices(range(len(kinds)), kind_weights)[0]
        name = ctx.random.choice(patterns[kind_index]).format(
            x=ctx.random.choice([ctx.faker.last_name(), ctx.random.choice(_NAME_WORDS)]),
            d=ctx.facts["district_names"][district_id or by_municipality[municipality_id][0]],
            m=ctx.facts["municipality_names"][municipality_id],
            company=ctx.faker.company(),
        )[:200]
        slug = unique_slug(name, taken=used.__contains__, max_length=220, reserved=RESERVED_SLUGS)
        used.add(slug)
        status = ctx.random.choices(["approved", "pending", "rejected"], [92, 5, 3])[0]
        created = now - dt.timedelta(days=365 * 6 * ctx.random.random() ** 1.3)
        organisations.append(
            Organisation(
                municipality_id=municipality_id,
                name=name,
                slug=slug,
                status=status,
                reviewed_at=created + dt.timedelta(days=2) if status != "pending" else None,
                kind=kinds[kind_index],
                description=f"{name}: {ctx.random.choice(ACTIVITIES)} {ctx.random.choice(WHEN)} "
                f"voor {ctx.random.choice(PEOPLE)}.",
                website=f"https://{slug[:50]}.example.org/",
                email=f"contact@{slug[:50]}.example.org",
                phone=ctx.phone(),
                created_at=created,
                updated_at=created,
            )
        )
        homes.append(district_id)
    ids = ctx.insert(Organisation, organisations, label="organisations", total=len(organisations), keep_timestamps=True)
    # One account per organisation that acts for it (e-mail at example.net).
    users = [
        User(
            email=f"{org.slug[:40]}.{number}@example.net",
            name=f"{org.name} (contact)"[:150],
            password=unusable_password(ctx),
        )
        for number, org in enumerate(organisations, start=len(used))
    ]
    user_ids = ctx.insert(User, users, label="organisation accounts", total=len(users))
    from allauth.account.models import EmailAddress

    ctx.insert(
        EmailAddress,
        (
            EmailAddress(user_id=pk, email=user.email, verified=True, primary=True)
            for pk, user in zip(user_ids, users, strict=True)
        ),
        label="e-mail addresses",
        total=len(users),
    )
    ctx.insert(
        OrganisationMembership,
        (OrganisationMembership(user_id=u, organisation_id=o) for u, o in zip(user_ids, ids, strict=True)),
        label="organisation members",
        total=len(ids),
    )
    ctx.ids["organisations"] = ids
    ctx.facts["organisation_home"] = dict(zip(ids, homes, strict=True))
    ctx.facts["organisation_municipality"] = {
        pk: org.municipality_id for pk, org in zip(ids, organisations, strict=True)
    }
    ctx.facts["organisation_status"] = {pk: org.status for pk, org in zip(ids, organisations, strict=True)}
    ctx.facts["organisation_names"] = {pk: org.name for pk, org in zip(ids, organisations, strict=True)}


def _vacancy_rows(ctx: ScaleContext, now: dt.datetime) -> Iterator[tuple[Vacancy, list[int], list[int]]]:
    """(vacancy, skill ids, district ids) for every vacancy to generate."""
    organisations = ctx.ids["organisations"]
    organisation_weights = [ctx.random.lognormvariate(0, 1.0) for _ in organisations]
    by_municipality = _municipality_districts(ctx)
    places_of = ctx.facts["places_of"]
    place_points = ctx.facts["place_points"]
    place_district = ctx.facts["place_district"]
    district_points = ctx.facts["district_points"]
    district_codes_order = {pk: index for index, pk in enumerate(ctx.ids["districts"])}  # ids are in code order
    skill_ids, skill_weights = ctx.ids["skills"], ctx.facts["skill_weights"]
    start = Vacancy.objects.count()
    for number, organisation_id in enumerate(
        ctx.random.choices(organisations, organisation_weights, k=ctx.sizes.vacancies), start=start
    ):
        municipality_id = ctx.facts["organisation_municipality"][organisation_id]
        home = ctx.facts["organisation_home"][organisation_id]
        districts_here = by_municipality[municipality_id]
        where = ctx.random.choices(["place", "districts", "city_wide", "from_home"], [45, 25, 15, 15])[0]
        place_id = None
        district_ids: list[int] = []
        if where == "place":
            candidates = places_of.get(home) or [p for d in districts_here for p in places_of.get(d, [])]
            if candidates:
                place_id = ctx.random.choice(candidates)
            else:
                where = "districts"
        if where == "districts":
            district_ids = sorted(
                {home or ctx.random.choice(districts_here)}
                | set(ctx.random.sample(districts_here, min(len(districts_here), ctx.random.choice([0, 0, 1]))))
            )
        # Where it is for "near my postcode", as geography.vacancy_point puts it.
        point = None
        if place_id is not None:
            point = place_points.get(place_id)
            if point is None and place_district.get(place_id):
                point = district_points.get(place_district[place_id])
        if point is None and district_ids:
            point = district_points.get(min(district_ids, key=district_codes_order.__getitem__))
        age_days = 365 * YEARS_OF_VACANCIES * ctx.random.random() ** 1.5
        published_at = now - dt.timedelta(days=age_days, minutes=ctx.random.randrange(1440))
        statuses = VACANCY_STATUSES_RECENT if age_days < 240 else VACANCY_STATUSES_OLD
        status = ctx.random.choices([s for s, _w in statuses], [w for _s, w in statuses])[0]
        when = ctx.random.choices(["regular", "one_off", "flexible"], [60, 20, 20])[0]
        if when == "regular":
            time_slots = _time_slots(ctx, ctx.random.randint(1, 2), ctx.random.randint(1, 2))
        elif when == "one_off":
            time_slots = _time_slots(ctx, 1, 1)
        else:
            time_slots = _time_slots(ctx, 5, 2) if ctx.random.random() < 0.3 else 0
        starts_at = None
        if when == "one_off":
            starts_at = (published_at + dt.timedelta(days=ctx.random.randint(7, 60))).replace(
                minute=0, second=0, microsecond=0
            )
        expires_on = None
        if status == "published" and ctx.random.random() < 0.4:
            expires_on = (now + dt.timedelta(days=ctx.random.randint(-10, 180))).date()
        elif status == "expired":
            expires_on = (published_at + dt.timedelta(days=ctx.random.randint(30, 180))).date()
        created = published_at - dt.timedelta(days=ctx.random.randint(0, 10))
        title = f"{ctx.random.choice(ROLES)} {ctx.random.choice(GOALS)}"
        description = " ".join(
            [
                *(
                    f"{ctx.random.choice(OPENINGS)} {ctx.random.choice(ACTIVITIES)} {ctx.random.choice(WHEN)} "
                    f"voor {ctx.random.choice(PEOPLE)}."
                    for _ in range(ctx.random.randint(2, 5))
                ),
                ctx.random.choice(EXTRAS),
            ]
        )
        contact_first, contact_last = ctx.faker.first_name(), ctx.faker.last_name()
        vacancy = Vacancy(
            organisation_id=organisation_id,
            title=title,
            slug=f"{slugify(title)[:120]}-{number + 1}",
            description=description,
            where=where,
            place_id=place_id,
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
            when=when,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=ctx.random.choice([2, 3, 4])) if starts_at else None,
            time_slots=time_slots,
            hours_per_week=Decimal(ctx.random.choice(["", "", "1", "2", "3", "4", "6", "8"]) or 0) or None,
            start_date=published_at.date() if ctx.random.random() < 0.3 else None,
            suitable_for=ctx.random.choice([0, 0, 0, 1, 4, 8, 9, 32, 33]),
            language_level=ctx.random.choices(["none", "basic", "good"], [15, 60, 25])[0],
            vog_required=ctx.random.random() < 0.3,
            expense_allowance="Vrijwilligersvergoeding en reiskosten" if ctx.random.random() < 0.2 else "",
            contact_name=f"{contact_first} {contact_last}",
            contact_phone=ctx.phone(),
            contact_email=f"{slugify(contact_first)}.{number + 1}@example.org",
            volunteers_needed=ctx.random.choice([1, 1, 1, 2, 2, 3, 5]),
            status=status,
            published_at=None if status in ("draft", "in_review") else published_at,
            expires_on=expires_on,
            created_at=created,
            updated_at=published_at,
        )
        skills = sorted(set(ctx.random.choices(skill_ids, skill_weights, k=ctx.random.randint(1, 3))))
        yield vacancy, skills, district_ids


def _vacancies(ctx: ScaleContext, now: dt.datetime) -> None:
    ids: list[int] = []
    statuses = bytearray()
    status_codes = {status: index for index, status in enumerate(Vacancy.Status.values)}
    published_at: list[dt.datetime | None] = []
    vacancy_district = array("q")  # the wijk used for matching responders (0: the municipality's)
    vacancy_municipality = array("q")
    with ctx.progress("vacancies", ctx.sizes.vacancies) as bar:
        for batch in batched(_vacancy_rows(ctx, now), ctx.batch_size):
            vacancy_ids = ctx.write(Vacancy, [vacancy for vacancy, _s, _d in batch], label=None, keep_timestamps=True)
            ctx.write(
                Vacancy.skills.through,
                [
                    Vacancy.skills.through(vacancy_id=pk, skill_id=skill_id)
                    for pk, (_v, skills, _d) in zip(vacancy_ids, batch, strict=True)
                    for skill_id in skills
                ],
                label="vacancy skills",
            )
            ctx.write(
                Vacancy.districts.through,
                [
                    Vacancy.districts.through(vacancy_id=pk, district_id=district_id)
                    for pk, (_v, _s, districts) in zip(vacancy_ids, batch, strict=True)
                    for district_id in districts
                ],
                label="vacancy wijken",
            )
            for pk, (vacancy, _skills, districts) in zip(vacancy_ids, batch, strict=True):
                ids.append(pk)
                statuses.append(status_codes[vacancy.status])
                published_at.append(vacancy.published_at)
                district = districts[0] if districts else ctx.facts["place_district"].get(vacancy.place_id) or 0
                vacancy_district.append(district or 0)
                vacancy_municipality.append(ctx.facts["organisation_municipality"][vacancy.organisation_id])
            bar.advance(len(batch))
    ctx.ids["vacancies"] = ids
    ctx.facts["vacancy_status"] = [Vacancy.Status.values[code] for code in statuses]
    ctx.facts["vacancy_published_at"] = published_at
    ctx.facts["vacancy_district"] = vacancy_district
    ctx.facts["vacancy_municipality"] = vacancy_municipality


def _index(ctx: ScaleContext) -> None:
    """The search index of the generated vacancies, in batches (volunteering.search)."""
    from wijkbasis.volunteering.search import index_vacancies

    ids = ctx.ids["vacancies"]
    if not ids:
        return
    with ctx.progress("search index", len(ids)) as bar:
        last = [0]

        def advance(done: int) -> None:
            bar.advance(done - last[0])
            last[0] = done

        index_vacancies(Vacancy.objects.filter(pk__gte=ids[0], pk__lte=ids[-1]), batch_size=2_000, progress=advance)


RESPONSE_FLOW = {
    # final status → the steps before it
    "new": [],
    "contacted": ["contacted"],
    "introduction": ["contacted", "introduction"],
    "placed": ["contacted", "introduction", "placed"],
    "ended": ["contacted", "introduction", "placed", "ended"],
    "not_matched": ["contacted", "not_matched"],
}
OPEN_RESPONSES = [("new", 30), ("contacted", 30), ("introduction", 25), ("placed", 10), ("not_matched", 5)]
CLOSED_RESPONSES = [("placed", 35), ("ended", 30), ("not_matched", 35)]


def _residents_by_area(ctx: ScaleContext) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    by_district: dict[int, list[int]] = {}
    by_municipality: dict[int, list[int]] = {}
    district_municipality = ctx.facts["district_municipality"]
    for index, district_id in enumerate(ctx.facts["resident_district"]):
        by_district.setdefault(district_id, []).append(index)
        by_municipality.setdefault(district_municipality[district_id], []).append(index)
    return by_district, by_municipality


def _responses(ctx: ScaleContext, now: dt.datetime) -> None:
    """About 1.5 responses per vacancy that was ever public, from residents nearby."""
    resident_ids = ctx.ids["residents"]
    if not resident_ids:
        return
    resident_user = ctx.facts["resident_user"]
    by_district, by_municipality = _residents_by_area(ctx)
    reasons = list(NotMatchedReason.objects.order_by("sort_order", "pk").values_list("pk", flat=True))
    district_team = ctx.facts["district_team"]
    staff_of_team = ctx.facts["staff_of_team"]
    resident_district = ctx.facts["resident_district"]
    total_vacancies = len(ctx.ids["vacancies"])

    def specs() -> Iterator[tuple[Response, list[ResponseEvent], Placement | None, FollowUp | None]]:
        for index, vacancy_id in enumerate(ctx.ids["vacancies"]):
            status = ctx.facts["vacancy_status"][index]
            published_at = ctx.facts["vacancy_published_at"][index]
            if published_at is None:
                continue
            count = min(12, int(ctx.random.expovariate(1 / 1.6)))
            if not count:
                continue
            pool = by_district.get(ctx.facts["vacancy_district"][index]) or by_municipality.get(
                ctx.facts["vacancy_municipality"][index], []
            )
            if not pool:
                continue
            chosen = ctx.random.sample(pool, min(count, len(pool)))
            flow = OPEN_RESPONSES if status == "published" else CLOSED_RESPONSES
            for resident_index in chosen:
                final = ctx.random.choices([s for s, _w in flow], [w for _s, w in flow])[0]
                created = published_at + (now - published_at) * min(1.0, ctx.random.random() ** 3 * 0.5)
                has_account = bool(resident_user[resident_index])
                channel = "account" if has_account else ctx.random.choice(["form", "form", "staff"])
                team_id = district_team.get(resident_district[resident_index])
                broker_pool = staff_of_team.get(team_id, [])
                moment = created
                events = [ResponseEvent(from_status="", to_status="new", at=created)]
                previous = "new"
                first_contact = None
                for step in RESPONSE_FLOW[final]:
                    moment = min(now, moment + dt.timedelta(days=ctx.random.expovariate(1 / 6), hours=1))
                    events.append(
                        ResponseEvent(
                            from_status=previous,
                            to_status=step,
                            at=moment,
                            by_id=ctx.random.choice(broker_pool) if broker_pool else None,
                        )
                    )
                    first_contact = first_contact or moment
                    previous = step
                response = Response(
                    vacancy_id=vacancy_id,
                    resident_id=resident_ids[resident_index],
                    message=ctx.random.choice(["", "", "Ik help graag mee!", "Ik heb op zaterdag tijd."]),
                    channel=channel,
                    status=final,
                    status_changed_at=moment,
                    first_contact_at=first_contact,
                    not_matched_reason_id=ctx.random.choice(reasons) if final == "not_matched" and reasons else None,
                    broker_id=ctx.random.choice(broker_pool) if broker_pool and ctx.random.random() < 0.3 else None,
                    created_at=created,
                    updated_at=moment,
                )
                placement = None
                if final in ("placed", "ended"):
                    placement = Placement(
                        start_date=moment.date(),
                        hours_per_week=Decimal(ctx.random.choice(["2", "3", "4"])),
                        end_date=(moment + dt.timedelta(days=ctx.random.randint(30, 400))).date()
                        if final == "ended"
                        else None,
                        end_reason="Verhuisd" if final == "ended" else "",
                    )
                follow_up = None
                if team_id is not None and final == "new" and (now - created).days > 5:
                    follow_up = FollowUp(
                        kind=FollowUp.Kind.NO_CONTACT, team_id=team_id, due_on=(created + dt.timedelta(days=5)).date()
                    )
                yield response, events, placement, follow_up

    expected = int(total_vacancies * 1.4)
    with ctx.progress("responses", expected) as bar:
        for batch in batched(specs(), ctx.batch_size):
            response_ids = ctx.write(Response, [item[0] for item in batch], label=None, keep_timestamps=True)
            events = []
            placements = []
            follow_ups = []
            for response_id, (_response, response_events, placement, follow_up) in zip(
                response_ids, batch, strict=True
            ):
                for event in response_events:
                    event.response_id = response_id
                    events.append(event)
                if placement is not None:
                    placement.response_id = response_id
                    placements.append(placement)
                if follow_up is not None:
                    follow_up.response_id = response_id
                    follow_ups.append(follow_up)
            ctx.write(ResponseEvent, events, label="response steps")
            ctx.write(Placement, placements, label="placements")
            ctx.write(FollowUp, follow_ups, label="follow-ups")
            bar.advance(len(batch))


def _talent_profiles(ctx: ScaleContext, now: dt.datetime) -> None:
    resident_ids = ctx.ids["residents"]
    count = min(ctx.sizes.profiles, len(resident_ids))
    if not count:
        return
    skill_ids, skill_weights = ctx.ids["skills"], ctx.facts["skill_weights"]
    resident_district = ctx.facts["resident_district"]
    chosen = sorted(ctx.random.sample(range(len(resident_ids)), count))
    visibilities = ["private", "brokers", "organisations"]

    def rows() -> Iterator[tuple[TalentProfile, list[int], list[int], list[int]]]:
        for index in chosen:
            home = resident_district[index]
            created = now - dt.timedelta(days=365 * 4 * ctx.random.random() ** 1.5)
            skills = sorted(set(ctx.random.choices(skill_ids, skill_weights, k=ctx.random.randint(1, 5))))
            interests = sorted(set(ctx.random.choices(skill_ids, skill_weights, k=ctx.random.randint(0, 4))))
            districts = [home] if ctx.random.random() < 0.6 else []
            profile = TalentProfile(
                resident_id=resident_ids[index],
                talents=ctx.random.choice(["", "Ik kan goed luisteren.", "Handig met gereedschap.", "Ik kook graag."]),
                wishes=ctx.random.choice(["", "Iets met kinderen.", "Buiten bezig zijn.", "Mensen ontmoeten."]),
                time_slots=_time_slots(ctx, ctx.random.randint(1, 4), ctx.random.randint(1, 2))
                if ctx.random.random() < 0.85
                else 0,
                hours_per_week=Decimal(ctx.random.choice(["2", "4", "6"])) if ctx.random.random() < 0.7 else None,
                from_home=ctx.random.random() < 0.25,
                visibility=ctx.random.choices(visibilities, [40, 40, 20])[0],
                created_at=created,
                updated_at=created,
            )
            yield profile, skills, interests, districts

    through = TalentProfile.skills.through
    with ctx.progress("talent profiles", count) as bar:
        for batch in batched(rows(), ctx.batch_size):
            ids = ctx.write(TalentProfile, [item[0] for item in batch], label=None, keep_timestamps=True)
            ctx.write(
                through,
                [
                    through(talentprofile_id=pk, skill_id=s)
                    for pk, item in zip(ids, batch, strict=True)
                    for s in item[1]
                ],
                label="profile skills",
            )
            ctx.write(
                TalentProfile.interests.through,
                [
                    TalentProfile.interests.through(talentprofile_id=pk, skill_id=s)
                    for pk, item in zip(ids, batch, strict=True)
                    for s in item[2]
                ],
                label="profile interests",
            )
            ctx.write(
                TalentProfile.districts.through,
                [
                    TalentProfile.districts.through(talentprofile_id=pk, district_id=d)
                    for pk, item in zip(ids, batch, strict=True)
                    for d in item[3]
                ],
                label="profile wijken",
            )
            bar.advance(len(batch))


# ---------------------------------------------------------------------------
# Pages worth measuring


def bench_pages(ctx: ScaleContext) -> list[BenchPage]:
    from django.db.models import Count

    from wijkbasis.accounts.scale import bench_staff_user
    from wijkbasis.areas.models import District, PostcodeArea

    published = Vacancy.objects.published()
    pages = [BenchPage("vacancies", "/vrijwilligerswerk/", groups=("load", "lighthouse"))]
    busiest = (
        Vacancy.districts.through.objects.filter(vacancy__in=published)
        .values("district_id")
        .annotate(total=Count("vacancy_id"))
        .order_by("-total", "district_id")
        .first()
    )
    district = District.objects.filter(pk=busiest["district_id"]).first() if busiest else None
    vacancy = (published.filter(districts=district) if district else published).order_by("pk").first()
    if vacancy is not None:
        pages.append(BenchPage("vacancy", f"/vrijwilligerswerk/{vacancy.slug}/", groups=("load",)))
    organisation = (
        Organisation.objects.filter(status="approved")
        .annotate(total=Count("vacancies"))
        .order_by("-total", "pk")
        .first()
    )
    if organisation is not None:
        pages.append(BenchPage("organisation (most vacancies)", f"/organisaties/{organisation.slug}/"))
    wijk = district.slug if district else ""
    pc6 = pc4 = ""
    if district is not None:
        stored = PostcodeArea.objects.filter(district_code=district.code).order_by("postcode")
        pc6 = next((code for code in stored.values_list("postcode", flat=True) if len(code) == 6), "")
        pc4 = pc6[:4]
    skill = Skill.objects.filter(is_active=True).order_by("sort_order", "pk").first()
    other_skill = Skill.objects.filter(is_active=True).order_by("sort_order", "pk")[3:4].first()
    skill_slug = skill.slug if skill else ""
    searches = [
        ("words: tuin", "q=tuin"),
        ("words: koken", "q=koken"),
        ("words: taalmaatje", "q=taalmaatje"),
        ("words: chauffeur ouderen", "q=chauffeur+ouderen"),
        ("words: prefix vrijwil", "q=vrijwil"),
        ("words: no match (zeilboot)", "q=zeilboot"),
        ("wijk", f"wijk={wijk}"),
        ("day: zaterdag", "dag=za"),
        ("day and part: di ochtend", "dag=di&dagdeel=ochtend"),
        ("skill", f"vaardigheid={skill_slug}"),
        ("postcode PC6, 2 km", f"postcode={pc6}&afstand=2"),
        ("postcode PC4, 5 km, nearest", f"postcode={pc4}&afstand=5&sorteer=dichtbij"),
        ("words + wijk", f"q=koffie&wijk={wijk}"),
        ("words + postcode", f"q=tuin&postcode={pc6}&afstand=5"),
        ("skill + day", f"vaardigheid={other_skill.slug if other_skill else skill_slug}&dag=wo"),
        ("kind + hours", "soort=regular&uren=4"),
        ("suitable + from home", "geschikt=nieuwkomers&thuis=ja"),
        ("closing soonest", "sorteer=sluit"),
        ("words, page 3", "q=vrijwilliger&pagina=3"),
        ("everything at once", f"q=helpen&wijk={wijk}&dag=za&soort=regular&vaardigheid={skill_slug}"),
    ]
    for label, query in searches:
        groups = ("load", "lighthouse") if label == "words + wijk" else ()
        pages.append(BenchPage(f"search: {label}", f"/vrijwilligerswerk/?{query}", groups=groups))
    staff = bench_staff_user()
    if staff is not None:
        user_id, _team_id = staff
        pages.append(BenchPage("broker pipeline", "/werkplek/vrijwilligerswerk/", user_id, groups=("load",)))
        if vacancy is not None:
            pages.append(
                BenchPage(
                    "broker: candidates for a vacancy",
                    f"/werkplek/vrijwilligerswerk/vacatures/{vacancy.pk}/kandidaten/",
                    user_id,
                )
            )
    return pages
