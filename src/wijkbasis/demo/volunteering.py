"""Loading the vacancy bank's demo content. Idempotent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wijkbasis.accounts.models import OrganisationMembership, Resident, User
from wijkbasis.areas.models import District, Municipality, Organisation
from wijkbasis.demo import volunteering_data as data
from wijkbasis.volunteering import services, slots
from wijkbasis.volunteering.models import NotMatchedReason, Response, Skill, TalentProfile, Vacancy


@transaction.atomic
def load_volunteering(municipality: Municipality, *, progress: Callable[[str], None], with_people: bool = True) -> None:
    for order, (name, name_en, slug, category, terms) in enumerate(data.SKILLS):
        Skill.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_en": name_en,
                "category": category,
                "search_terms": terms,
                "sort_order": order,
            },
        )
    for order, (name, name_en) in enumerate(data.NOT_MATCHED_REASONS):
        NotMatchedReason.objects.update_or_create(name=name, defaults={"name_en": name_en, "sort_order": order})
    skills = {skill.slug: skill for skill in Skill.objects.all()}
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    created = 0
    now = timezone.now()
    for index, (name, kind, wijk, description) in enumerate(data.ORGANISATIONS):
        contact = f"contact.{slugify(name)[:30]}@example.org"
        organisation, _ = Organisation.objects.update_or_create(
            slug=slugify(name),
            defaults={
                "municipality": municipality,
                "name": name,
                "kind": kind,
                "description": description,
                "email": contact,
                "phone": f"0575 000 {600 + index}",
                "status": Organisation.Status.APPROVED,
            },
        )
        district = District.objects.filter(code=wijk).first() if wijk else None
        for number, template_index in enumerate(data.OFFERS[index]):
            title, skill_slugs, where, when, slot_pairs, hours, suitable, language, vog, text = data.VACANCIES[
                template_index
            ]
            slug = slugify(f"{title} {name}")[:140]
            if Vacancy.objects.filter(slug=slug).exists():
                continue
            if where == "districts" and district is None:
                where = Vacancy.Where.CITY_WIDE
            starts_at = None
            if when == "one_off":
                day = now + dt.timedelta(days=10 + 7 * number + index)
                starts_at = day.replace(hour=10, minute=0, second=0, microsecond=0)
            vacancy = Vacancy(
                organisation=organisation,
                slug=slug,
                title=title,
                description=text,
                where=where,
                when=when,
                starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(hours=hours) if starts_at else None,
                time_slots=slots.from_pairs(slot_pairs),
                hours_per_week=hours,
                suitable_for=suitable,
                language_level=language,
                vog_required=vog,
                expense_allowance="Onkostenvergoeding volgens afspraak" if index % 3 == 0 else "",
                contact_name=f"Contact {name.split()[0]}",
                contact_email=contact,
                contact_phone=f"0575 000 {600 + index}",
                volunteers_needed=1 + (index + number) % 3,
                expires_on=timezone.localdate() + dt.timedelta(days=30 + 11 * ((index + number) % 9)),
            )
            vacancy = services.save_vacancy(
                vacancy=vacancy,
                by=admin,
                skills=[skills[slug] for slug in skill_slugs],
                districts=[district] if where == "districts" and district else [],
            )
            services.submit_vacancy(vacancy=vacancy, by=admin)
            created += 1
    progress(f"{len(data.ORGANISATIONS)} organisations, {Vacancy.objects.count()} vacancies")
    if with_people:
        _load_people(municipality, skills, progress)


def _load_people(municipality: Municipality, skills: dict[str, Skill], progress: Callable[[str], None]) -> None:
    for name, skill_slugs, interest_slugs, slot_pairs, hours, talents, wishes in data.TALENTS:
        resident = Resident.objects.filter(name=name).first()
        if resident is None or TalentProfile.objects.filter(resident=resident).exists():
            continue
        districts = [resident.district] if resident.district_id else list(District.objects.filter(code="WK030101"))
        services.save_talent_profile(
            resident=resident,
            skills=[skills[slug] for slug in skill_slugs],
            interests=[skills[slug] for slug in interest_slugs],
            districts=districts,
            talents=talents,
            wishes=wishes,
            time_slots=slots.from_pairs(slot_pairs),
            hours_per_week=hours,
            visibility=TalentProfile.Visibility.BROKERS,
        )
    # A member for the kinderboerderij, and a few responses in different steps.
    farm = Organisation.objects.get(slug=slugify(data.ORGANISATIONS[0][0]))
    member, _ = User.objects.get_or_create(email="kinderboerderij@example.org", defaults={"name": "Els (demo)"})
    from allauth.account.models import EmailAddress

    EmailAddress.objects.get_or_create(user=member, email=member.email, defaults={"verified": True, "primary": True})
    OrganisationMembership.objects.get_or_create(user=member, organisation=farm)
    if Response.objects.exists():
        return
    broker = User.objects.filter(team_memberships__team__slug="waterkwartier").order_by("pk").first()
    if broker is None:  # the team's accounts are made before the people (services._load_accounts)
        return
    farm_vacancies = list(Vacancy.objects.filter(organisation=farm).order_by("pk"))
    reason = NotMatchedReason.objects.order_by("sort_order").first()
    steps = [
        ("Hodan Ali", farm_vacancies[0], []),
        ("Meneer E. Bos", farm_vacancies[1], [Response.Status.CONTACTED]),
        ("Mevrouw A. de Graaf", farm_vacancies[0], [Response.Status.CONTACTED, Response.Status.INTRODUCTION]),
        ("Meneer B. Kamphuis", farm_vacancies[2], [Response.Status.CONTACTED, Response.Status.PLACED]),
        ("Tesfay Berhane", farm_vacancies[1], [Response.Status.NOT_MATCHED]),
    ]
    for name, vacancy, moves in steps:
        resident = Resident.objects.filter(name=name).first()
        if resident is None or not vacancy.is_public():
            continue
        # A sociaal makelaar of the person's own team takes the response by phone.
        broker = (
            User.objects.filter(team_memberships__team__districts=resident.district_id).order_by("pk").first() or broker
        )
        response, _ = services.respond(vacancy=vacancy, resident=resident, recorded_by=broker)
        for status in moves:
            response = services.move_response(
                response=response,
                to_status=status,
                by=broker,
                not_matched_reason=reason if status == Response.Status.NOT_MATCHED else None,
                placement={"start_date": timezone.localdate(), "hours_per_week": 2},
            )
    progress(f"{TalentProfile.objects.count()} talent profiles, {Response.objects.count()} responses")
