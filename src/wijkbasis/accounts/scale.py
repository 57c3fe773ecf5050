"""Scale data for accounts: residents with their consents, a share of them with an account, and
accounts for team staff, municipality viewers and one administrator.

Residents are spread over the wijken by the wijk's inhabitants, with per-wijk variation (some
wijken have more people known to the team than others), over the buurten of their wijk, and
get a postcode of their buurt. About a third signed up themselves (with an account), almost
half were taken in by a team member (by phone or in person), the rest responded with a form.
Users have e-mail addresses at example.org or example.net and no usable password.
"""

from __future__ import annotations

import datetime as dt
import string
from array import array
from collections.abc import Iterator
from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Count
from django.utils import timezone
from django.utils.text import slugify

from wijkbasis.accounts.models import Consent, MunicipalityViewer, Resident, ResidentShare, User
from wijkbasis.areas.models import NeighbourhoodTeam, TeamMember
from wijkbasis.core.scale import BenchPage, ScaleContext, batched

REQUIRES = ("areas",)

SOURCES = [(Resident.Source.SIGN_UP, 32), (Resident.Source.ASSISTED, 45), (Resident.Source.FORM, 23)]
LANGUAGES = [
    ("Nederlands", 70),
    ("Nederlands, Engels", 10),
    ("Arabisch, Nederlands", 4),
    ("Turks, Nederlands", 4),
    ("Tigrinya", 2),
    ("Pools, Engels", 2),
    ("Somalisch", 1),
    ("Papiaments, Nederlands", 1),
    ("", 6),
]
CONTACTS = [
    (Resident.Contact.EMAIL, 55),
    (Resident.Contact.PHONE, 30),
    (Resident.Contact.POST, 5),
    (Resident.Contact.IN_PERSON, 10),
]
EMAIL_DOMAINS = ["example.org", "example.net"]
YEARS_OF_HISTORY = 6
_PASSWORD_ALPHABET = string.ascii_letters + string.digits


def unusable_password(ctx: ScaleContext) -> str:
    # What setunusable_password() stores ("!" and random characters), from the seeded generator.
    return "!" + "".join(ctx.random.choices(_PASSWORD_ALPHABET, k=40))


def _moment(ctx: ScaleContext, now: dt.datetime, years: float = YEARS_OF_HISTORY) -> dt.datetime:
    """A moment in the past years, more of them recent (the platform grows)."""
    return now - dt.timedelta(days=years * 365 * ctx.random.random() ** 1.6)


def _per_district(ctx: ScaleContext, total: int) -> list[tuple[int, int]]:
    """(district id, residents) by inhabitants × a per-wijk factor, rounded to add up to total."""
    weights = {
        district_id: inhabitants * ctx.random.lognormvariate(0, 0.35)
        for district_id, inhabitants in ctx.facts["district_weights"].items()
    }
    weight_sum = sum(weights.values()) or 1.0
    shares = {district_id: total * weight / weight_sum for district_id, weight in weights.items()}
    counts = {district_id: int(share) for district_id, share in shares.items()}
    by_remainder = sorted(shares, key=lambda district_id: (counts[district_id] - shares[district_id], district_id))
    for district_id in by_remainder[: total - sum(counts.values())]:
        counts[district_id] += 1
    return sorted(counts.items())


def _staff_accounts(ctx: ScaleContext, now: dt.datetime) -> None:
    """An account for every team member (as their organisation would), a municipality viewer per
    municipality and one administrator."""
    members = list(TeamMember.objects.filter(user__isnull=True).order_by("pk"))
    used: set[str] = set(User.objects.values_list("email", flat=True))
    users: list[User] = []
    for member in members:
        email = member.email or f"{slugify(member.name).replace('-', '.')}@welzijn.example.org"
        local, _at, domain = email.partition("@")
        candidate, number = email, 2
        while candidate in used:
            candidate = f"{local}{number}@{domain}"
            number += 1
        used.add(candidate)
        users.append(
            User(email=candidate, name=member.name, password=unusable_password(ctx), date_joined=_moment(ctx, now, 3))
        )
    viewers = []
    for municipality_id in ctx.ids["municipalities"]:
        email = f"cijfers.{municipality_id}@gemeente.example.org"
        if email not in used:
            viewers.append((municipality_id, User(email=email, name="Gemeente (cijfers)")))
    admin = [] if "beheer@example.org" in used else [User(email="beheer@example.org", name="Beheerder", is_staff=True)]
    for user in [*(user for _m, user in viewers), *admin]:
        user.password = unusable_password(ctx)
    user_ids = ctx.write(User, [*users, *(user for _m, user in viewers), *admin], label="staff and viewer accounts")
    all_users = [*users, *(user for _m, user in viewers), *admin]
    ctx.write(
        EmailAddress,
        [
            EmailAddress(user_id=pk, email=user.email, verified=True, primary=True)
            for pk, user in zip(user_ids, all_users, strict=True)
        ],
        label="e-mail addresses",
    )
    for member, user_id in zip(members, user_ids[: len(members)], strict=True):
        member.user_id = user_id
    TeamMember.objects.bulk_update(members, ["user"], batch_size=ctx.batch_size)
    viewer_ids = user_ids[len(users) : len(users) + len(viewers)]
    ctx.write(
        MunicipalityViewer,
        [MunicipalityViewer(user_id=pk, municipality_id=m) for pk, (m, _user) in zip(viewer_ids, viewers, strict=True)],
        label="municipality viewers",
    )
    staff_of_team: dict[int, list[int]] = {}
    for team_id, user_id in TeamMember.objects.filter(user__isnull=False).values_list("team_id", "user_id"):
        staff_of_team.setdefault(team_id, []).append(user_id)
    ctx.facts["staff_of_team"] = staff_of_team


def _streets(ctx: ScaleContext, postcodes: list[str]) -> dict[str, str]:
    """A street per PC6 (a Dutch PC6 is one side of a street, or a short street)."""
    return {postcode: ctx.faker.street_name() for postcode in postcodes}


def _resident_specs(ctx: ScaleContext, now: dt.datetime) -> Iterator[dict[str, Any]]:
    sources, source_weights = zip(*SOURCES, strict=True)
    languages, language_weights = zip(*LANGUAGES, strict=True)
    contacts, contact_weights = zip(*CONTACTS, strict=True)
    district_team = ctx.facts["district_team"]
    staff_of_team = ctx.facts["staff_of_team"]
    municipality_names = ctx.facts["municipality_names"]
    district_municipality = ctx.facts["district_municipality"]
    teams = sorted(staff_of_team)
    for district_id, count in _per_district(ctx, ctx.sizes.residents):
        neighbourhoods = ctx.facts["neighbourhoods_of"].get(district_id) or [(None, "")]
        neighbourhood_weights = [ctx.random.uniform(0.3, 1.0) for _ in neighbourhoods]
        streets: dict[int | None, dict[str, str]] = {}
        city = municipality_names[district_municipality[district_id]]
        team_id = district_team.get(district_id)
        for neighbourhood_id, _name in ctx.random.choices(neighbourhoods, weights=neighbourhood_weights, k=count):
            postcodes = ctx.facts["postcodes_of"].get(neighbourhood_id, [])
            if neighbourhood_id not in streets:
                streets[neighbourhood_id] = _streets(ctx, postcodes)
            postcode = ctx.random.choice(postcodes) if postcodes else ""
            source = ctx.random.choices(sources, weights=source_weights)[0]
            first, last = ctx.faker.first_name(), ctx.faker.last_name()
            created = _moment(ctx, now)
            has_account = source == Resident.Source.SIGN_UP or ctx.random.random() < 0.05
            has_email = has_account or source == Resident.Source.FORM or ctx.random.random() < 0.5
            intake_team = (team_id or (ctx.random.choice(teams) if teams else None)) if source == "assisted" else None
            yield {
                "first": first,
                "last": last,
                "source": source,
                "has_account": has_account,
                "has_email": has_email,
                "phone": ctx.phone() if source != Resident.Source.SIGN_UP or ctx.random.random() < 0.4 else "",
                "street": streets[neighbourhood_id].get(postcode, "") if postcode else "",
                "house_number": str(ctx.random.randint(1, 250)) + ctx.random.choice(["", "", "", "", "a", "b", "-2"]),
                "postcode": postcode,
                "city": city,
                "neighbourhood_id": neighbourhood_id,
                "district_id": district_id,
                "languages": ctx.random.choices(languages, weights=language_weights)[0],
                "contact": ctx.random.choices(contacts, weights=contact_weights)[0],
                "created": created,
                "intake_team_id": intake_team,
                "created_by_id": ctx.random.choice(staff_of_team[intake_team]) if intake_team else None,
            }


def generate(ctx: ScaleContext) -> None:
    now = timezone.now()
    _staff_accounts(ctx, now)
    total = ctx.sizes.residents
    resident_ids: list[int] = []
    resident_district = array("q")
    resident_user = array("q")  # 0: no account
    number = User.objects.count()
    with ctx.progress("residents", total) as bar:
        for specs in batched(_resident_specs(ctx, now), ctx.batch_size):
            users: list[User] = []
            for spec in specs:
                number += 1
                email = ""
                if spec["has_email"]:
                    local = f"{slugify(spec['first'])}.{slugify(spec['last'])}".replace("-", ".")
                    email = f"{local}.{number}@{ctx.random.choice(EMAIL_DOMAINS)}"
                spec["email"] = email
                if spec["has_account"]:
                    users.append(
                        User(
                            email=email,
                            name=f"{spec['first']} {spec['last']}",
                            password=unusable_password(ctx),
                            date_joined=spec["created"],
                            last_login=spec["created"] + dt.timedelta(days=ctx.random.randint(0, 400)),
                        )
                    )
            user_ids = iter(ctx.write(User, users, label="resident accounts"))
            ctx.write(
                EmailAddress,
                [EmailAddress(user_id=user.pk, email=user.email, verified=True, primary=True) for user in users],
                label="e-mail addresses",
            )
            residents = []
            for spec in specs:
                user_id = next(user_ids) if spec["has_account"] else None
                spec["user_id"] = user_id
                residents.append(
                    Resident(
                        user_id=user_id,
                        name=f"{spec['first']} {spec['last']}",
                        email=spec["email"],
                        phone=spec["phone"],
                        street=spec["street"],
                        house_number=spec["house_number"] if spec["street"] else "",
                        postcode=spec["postcode"],
                        city=spec["city"],
                        neighbourhood_id=spec["neighbourhood_id"],
                        district_id=spec["district_id"],
                        languages=spec["languages"],
                        preferred_contact=spec["contact"],
                        source=spec["source"],
                        created_by_id=spec["created_by_id"],
                        intake_team_id=spec["intake_team_id"],
                        created_at=spec["created"],
                        updated_at=spec["created"] + dt.timedelta(days=ctx.random.randint(0, 200)),
                    )
                )
            ids = ctx.write(Resident, residents, label=None, keep_timestamps=True)
            resident_ids.extend(ids)
            resident_district.extend(spec["district_id"] for spec in specs)
            resident_user.extend(spec["user_id"] or 0 for spec in specs)
            ctx.write(Consent, list(_consents(ctx, ids, specs)), label="consents")
            bar.advance(len(specs))
    ctx.ids["residents"] = resident_ids
    ctx.facts["resident_district"] = resident_district
    ctx.facts["resident_user"] = resident_user
    _shares(ctx, resident_ids, resident_district)


def _consents(ctx: ScaleContext, ids: list[int], specs: list[dict[str, Any]]) -> Iterator[Consent]:
    methods = {
        Resident.Source.SIGN_UP: [Consent.Method.ONLINE],
        Resident.Source.FORM: [Consent.Method.ONLINE],
        Resident.Source.ASSISTED: [Consent.Method.PHONE, Consent.Method.IN_PERSON, Consent.Method.PAPER],
    }
    for resident_id, spec in zip(ids, specs, strict=True):
        method = ctx.random.choice(methods[spec["source"]])
        recorded_by = spec["created_by_id"] if method != Consent.Method.ONLINE else None
        purposes = ["keep_details"] if spec["source"] != Resident.Source.FORM else ["share_with_organisation"]
        if ctx.random.random() < 0.6:
            purposes.append("contact")
        for purpose in purposes:
            withdrawn = (
                spec["created"] + dt.timedelta(days=ctx.random.randint(30, 900)) if ctx.random.random() < 0.03 else None
            )
            yield Consent(
                resident_id=resident_id,
                purpose=purpose,
                method=method,
                given_at=spec["created"],
                recorded_by_id=recorded_by,
                withdrawn_at=withdrawn if withdrawn and withdrawn < timezone.now() else None,
            )


def _shares(ctx: ScaleContext, resident_ids: list[int], resident_district: array) -> None:
    """About 1 in 200 residents' records shared with another team (moved, shared support)."""
    teams = ctx.ids["teams"]
    if len(teams) < 2 or not resident_ids:
        return
    district_team = ctx.facts["district_team"]
    staff_of_team = ctx.facts["staff_of_team"]
    chosen = ctx.random.sample(range(len(resident_ids)), k=len(resident_ids) // 200)
    shares = []
    for index in sorted(chosen):
        own = district_team.get(resident_district[index])
        other = ctx.random.choice([team for team in teams[:50] if team != own] or teams)
        shares.append(
            ResidentShare(
                resident_id=resident_ids[index],
                team_id=other,
                reason=ctx.random.choice(["Verhuisd naar een andere wijk", "Gedeelde ondersteuning", "Op verzoek"]),
                shared_by_id=ctx.random.choice(staff_of_team[own]) if own in staff_of_team else None,
            )
        )
    ctx.insert(ResidentShare, shares, label="shared records", total=len(shares))


# ---------------------------------------------------------------------------
# Pages worth measuring


def bench_staff_user() -> tuple[int, int] | None:
    """(user id, team id) of a community broker in the team with the most residents in its wijken:
    the heaviest werkplek. None without generated staff."""
    busiest = (
        Resident.objects.filter(district__isnull=False)
        .values("district_id")
        .annotate(total=Count("id"))
        .order_by("-total", "district_id")
        .first()
    )
    if busiest is None:
        return None
    team = NeighbourhoodTeam.objects.filter(districts=busiest["district_id"]).order_by("pk").first()
    if team is None:
        return None
    with_account = TeamMember.objects.filter(team=team, user__isnull=False).order_by("pk")
    member = with_account.filter(role=TeamMember.Role.COMMUNITY_BROKER).first() or with_account.first()
    if member is None or member.user_id is None:  # never None: the members are those with an account
        return None
    return member.user_id, team.pk


def bench_pages(ctx: ScaleContext) -> list[BenchPage]:
    staff = bench_staff_user()
    if staff is None:
        return []
    user_id, team_id = staff
    pages = [
        BenchPage("werkplek", "/werkplek/", user_id),
        BenchPage("werkplek: residents", "/werkplek/inwoners/", user_id, groups=("load",)),
    ]
    district_ids = list(
        NeighbourhoodTeam.districts.through.objects.filter(neighbourhoodteam_id=team_id).values_list(
            "district_id", flat=True
        )
    )
    resident = Resident.objects.filter(district_id__in=district_ids).order_by("pk").first()
    if resident is not None:
        last_name = resident.name.split()[-1]
        pages.append(BenchPage("werkplek: residents, search a name", f"/werkplek/inwoners/?q={last_name}", user_id))
        pages.append(BenchPage("werkplek: resident", f"/werkplek/inwoners/{resident.pk}/", user_id))
    pages.append(BenchPage("werkplek: residents, page 20", "/werkplek/inwoners/?pagina=20", user_id))
    return pages
