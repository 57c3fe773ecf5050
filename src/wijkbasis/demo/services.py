"""Loading the demo content. Idempotent: run it as often as you like."""

from __future__ import annotations

from collections.abc import Callable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction
from django.utils.text import slugify

from wijkbasis.accounts.models import Consent, MunicipalityViewer, Resident, User
from wijkbasis.areas.models import (
    District,
    Municipality,
    NeighbourhoodTeam,
    OpeningHours,
    Place,
    TeamMember,
    WalkInHours,
)
from wijkbasis.demo import data


def _noop(_message: str) -> None:
    pass


def _email_for(name: str) -> str:
    return f"{slugify(name).replace('-', '.')}@perspectief.example.org"


@transaction.atomic
def load_demo(
    *, progress: Callable[[str], None] = _noop, with_accounts: bool = True, with_volunteering: bool = True
) -> None:
    """Teams, members, walk-in hours and places for Zutphen (areas must be imported first);
    with_accounts: also demo log-ins for staff, administrator, municipality and residents;
    with_volunteering: organisations, vacancies (and with accounts: talents and responses)."""
    municipality = Municipality.objects.get(code=data.MUNICIPALITY["code"])
    municipality.organisation_name = data.MUNICIPALITY["organisation_name"]
    municipality.brand_colour = data.MUNICIPALITY["brand_colour"]
    municipality.save(update_fields=["organisation_name", "brand_colour", "updated_at"])
    districts = {district.code: district for district in District.objects.filter(municipality=municipality)}

    teams: dict[str, NeighbourhoodTeam] = {}
    for spec in data.TEAMS:
        team, _created = NeighbourhoodTeam.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "municipality": municipality,
                "name": spec["name"],
                "description": spec["description"],
                "email": spec["email"],
                "phone": spec["phone"],
            },
        )
        team.districts.set([districts[code] for code in spec["districts"]])
        teams[spec["slug"]] = team
    progress(f"{len(teams)} teams")

    places: dict[str, Place] = {}
    for spec in data.PLACES:
        place, _created = Place.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "municipality": municipality,
                "name": spec["name"],
                "kind": spec["kind"],
                "district": districts.get(spec["district"]) if spec["district"] else None,
                "city": spec["city"],
                "description": spec["description"],
                "managing_team": teams.get(spec["team"]) if spec["team"] else None,
                "address_verified": False,
            },
        )
        place.opening_hours.all().delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(place=place, weekday=day, opens=opens, closes=closes) for day, opens, closes in spec["hours"]
        )
        places[spec["slug"]] = place
    progress(f"{len(places)} places")

    for order, (team_slug, name, role, languages, introduction, hours) in enumerate(data.MEMBERS):
        member, _created = TeamMember.objects.update_or_create(
            team=teams[team_slug],
            slug=slugify(name),
            defaults={
                "name": name,
                "role": role,
                "languages": languages,
                "introduction": introduction,
                "email": _email_for(name),
                "phone": f"0575 000 {400 + order}",
                "sort_order": order,
            },
        )
        member.walk_in_hours.all().delete()
        WalkInHours.objects.bulk_create(
            WalkInHours(member=member, weekday=day, opens=opens, closes=closes, place=places[place_slug])
            for day, opens, closes, place_slug in hours
        )
    progress(f"{len(data.MEMBERS)} team members")
    if with_accounts:
        _load_accounts(municipality, progress)
    if with_volunteering:
        from wijkbasis.demo.volunteering import load_volunteering

        load_volunteering(municipality, progress=progress, with_people=with_accounts)
        from wijkbasis.demo.buurtservice import load_buurtservice

        load_buurtservice(municipality, progress=progress, with_people=with_accounts)


def _account(email: str, name: str, **extra: object) -> User:
    user, _created = User.objects.get_or_create(email=email, defaults={"name": name, **extra})
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _with_demo_authenticator(user: User) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, data.DEMO_TOTP_SECRET)


def _load_accounts(municipality: Municipality, progress: Callable[[str], None]) -> None:
    for member in TeamMember.objects.filter(team__municipality=municipality, user__isnull=True):
        member.user = _account(member.email, member.name)
        member.save(update_fields=["user", "updated_at"])
    for member in TeamMember.objects.filter(team__municipality=municipality).select_related("user"):
        if member.user is not None:  # all of them, since the loop above
            _with_demo_authenticator(member.user)
    admin = _account(data.DEMO_ADMIN_EMAIL, "Beheerder (demo)", is_staff=True, is_superuser=True)
    _with_demo_authenticator(admin)
    viewer = _account(data.DEMO_VIEWER_EMAIL, "Gemeente Zutphen (demo)")
    MunicipalityViewer.objects.get_or_create(user=viewer, municipality=municipality)
    _with_demo_authenticator(viewer)
    resident_user = _account(data.DEMO_RESIDENT_EMAIL, "Bewoner (demo)")
    Resident.objects.get_or_create(
        user=resident_user, defaults={"name": "Bewoner (demo)", "email": resident_user.email, "source": "sign_up"}
    )
    for code, name, phone, languages in data.RESIDENTS:
        district = District.objects.get(code=code)
        team = district.teams.first()
        resident, created = Resident.objects.get_or_create(
            name=name,
            phone=phone,
            defaults={
                "district": district,
                "languages": languages,
                "preferred_contact": Resident.Contact.PHONE,
                "source": Resident.Source.ASSISTED,
                "intake_team": team,
                "city": "Zutphen",
            },
        )
        if created:
            for purpose in ("keep_details", "contact"):
                Consent.objects.create(resident=resident, purpose=purpose, method=Consent.Method.PHONE)
    progress(f"{len(data.RESIDENTS)} residents and the demo accounts")
