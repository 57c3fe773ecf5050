"""Organisation members' and brokers' pages."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import login, page_text
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wijkbasis.accounts.tests.factories import UserFactory, staff_user
from wijkbasis.areas.models import District, NeighbourhoodTeam
from wijkbasis.core.models import AccessLogEntry
from wijkbasis.volunteering import services
from wijkbasis.volunteering.models import FollowUp, Response, Skill, TalentProfile, Vacancy
from wijkbasis.volunteering.tests.conftest import make_vacancy

pytestmark = pytest.mark.django_db


VACANCY_FORM = {
    "title": "Hulp bij de geitenstal",
    "description": "Je mest de stal uit en geeft de geiten eten.",
    "where": "districts",
    "districts": [],
    "when": "regular",
    "time_slots": ["4", "16"],  # Tuesday afternoon, Saturday afternoon
    "hours_per_week": "2",
    "language_level": "none",
    "contact_name": "Els",
    "contact_email": "els@example.org",
    "volunteers_needed": "2",
}


def test_a_member_writes_and_publishes_a_vacancy(client: Client, member: Any, gardening: Skill) -> None:
    login(client, member)
    waterkwartier = District.objects.get(code="WK030101")
    assert client.get("/organisatie/vacatures/nieuw/").status_code == 200
    response = client.post(
        "/organisatie/vacatures/nieuw/",
        {
            **VACANCY_FORM,
            "districts": [waterkwartier.pk],
            "skills": [gardening.pk],
            "suitable_for": ["1", "32"],
            "publish": "1",
        },
    )
    assert response.status_code == 302, page_text(response)[:3000]
    vacancy = Vacancy.objects.get(title="Hulp bij de geitenstal")
    assert vacancy.status == Vacancy.Status.PUBLISHED
    assert vacancy.time_slots == (1 << 4) | (1 << 16)
    assert vacancy.suitable_for == 33
    assert list(vacancy.skills.all()) == [gardening]
    assert "Hulp bij de geitenstal" in page_text(client.get("/organisatie/vacatures/"))


def test_a_vacancy_form_with_errors_keeps_what_was_typed(client: Client, member: Any) -> None:
    login(client, member)
    response = client.post("/organisatie/vacatures/nieuw/", {**VACANCY_FORM, "contact_email": "", "publish": "1"})
    assert response.status_code == 200
    page = page_text(response)
    assert "Kies ten minste één wijk" in page
    assert "telefoonnummer of e-mailadres van de contactpersoon" in page
    assert 'value="Hulp bij de geitenstal"' in response.content.decode()
    assert not Vacancy.objects.filter(title="Hulp bij de geitenstal").exists()


def test_members_only_reach_their_own_vacancies_and_responses(client: Client, member: Any, vacancy: Vacancy) -> None:
    from wijkbasis.areas.models import Organisation

    other_organisation = Organisation.objects.create(
        municipality=vacancy.organisation.municipality, name="Ander", slug="ander"
    )
    foreign = make_vacancy(other_organisation, title="Niet van jou")
    foreign_response, _ = services.respond(vacancy=foreign, user=UserFactory())
    login(client, member)
    assert client.get(f"/organisatie/vacatures/{foreign.pk}/").status_code == 404
    assert client.get(f"/organisatie/reacties/{foreign_response.pk}/").status_code == 404
    assert "Niet van jou" not in page_text(client.get("/organisatie/reacties/"))


def test_organisation_sees_the_response_and_moves_it(client: Client, member: Any, vacancy: Vacancy) -> None:
    response, _ = services.respond(
        vacancy=vacancy,
        respondent=services.Respondent(name="Kim Helper", email="kim@example.org", phone="0575 000 333"),
    )
    login(client, member)
    assert "Kim Helper" in page_text(client.get("/organisatie/reacties/"))
    page = page_text(client.get(f"/organisatie/reacties/{response.pk}/"))
    assert "kim@example.org" in page and "0575 000 333" in page
    assert AccessLogEntry.objects.filter(
        action="view", object_type="volunteering.response", actor_id=member.pk
    ).exists()
    client.post(f"/organisatie/reacties/{response.pk}/stap/", {"to_status": "contacted", "expected_status": "new"})
    response.refresh_from_db()
    assert response.status == Response.Status.CONTACTED


def test_contact_details_are_hidden_without_consent(client: Client, member: Any, vacancy: Vacancy) -> None:
    response, _ = services.respond(vacancy=vacancy, respondent=services.Respondent(name="Kim", email="kim@example.org"))
    from wijkbasis.accounts.services import withdraw_consent

    withdraw_consent(resident=response.resident, purpose="share_with_organisation", by=None)
    login(client, member)
    page = page_text(client.get(f"/organisatie/reacties/{response.pk}/"))
    assert "kim@example.org" not in page
    assert "toestemming" in page


def test_a_stale_step_shows_a_plain_conflict_message(client: Client, member: Any, vacancy: Vacancy) -> None:
    response, _ = services.respond(vacancy=vacancy, user=UserFactory())
    services.move_response(response=response, to_status="contacted", by=UserFactory())
    login(client, member)
    result = client.post(
        f"/organisatie/reacties/{response.pk}/stap/", {"to_status": "contacted", "expected_status": "new"}, follow=True
    )
    assert "in de tussentijd" in page_text(result).lower() or "kies de volgende stap" in page_text(result).lower()


def test_the_broker_moves_a_response_to_placed_with_notes(client: Client, vacancy: Vacancy) -> None:
    broker = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"))
    response, _ = services.respond(vacancy=vacancy, user=UserFactory(name="Placed Person"))
    login(client, broker)
    assert "Placed Person" in page_text(client.get("/werkplek/vrijwilligerswerk/"))
    client.post(f"/werkplek/vrijwilligerswerk/reacties/{response.pk}/notitie/", {"text": "Gebeld, wil graag"})
    client.post(
        f"/werkplek/vrijwilligerswerk/reacties/{response.pk}/stap/",
        {"to_status": "contacted", "expected_status": "new"},
    )
    client.post(
        f"/werkplek/vrijwilligerswerk/reacties/{response.pk}/stap/",
        {"to_status": "placed", "expected_status": "contacted", "start_date": "2026-12-01", "hours_per_week": "3"},
    )
    response.refresh_from_db()
    assert response.status == Response.Status.PLACED and response.broker == broker
    assert response.placement.hours_per_week == 3
    page = page_text(client.get(f"/werkplek/vrijwilligerswerk/reacties/{response.pk}/"))
    assert "Gebeld, wil graag" in page
    assert FollowUp.objects.filter(response=response, kind="six_weeks", team__slug="waterkwartier").exists()
    assert "hoe gaat het" in page_text(client.get("/werkplek/taken/")).lower()


def test_other_teams_do_not_see_the_response(client: Client, vacancy: Vacancy) -> None:
    response, _ = services.respond(vacancy=vacancy, user=UserFactory())
    other = staff_user(NeighbourhoodTeam.objects.get(slug="zuidwijken-warnsveld-leesten"))
    login(client, other)
    assert client.get(f"/werkplek/vrijwilligerswerk/reacties/{response.pk}/").status_code == 404


def test_pipeline_query_count_does_not_grow(client: Client, organisation: Any) -> None:
    broker = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"))
    vacancy = make_vacancy(organisation)
    for _ in range(3):
        services.respond(vacancy=vacancy, user=UserFactory())
    login(client, broker)
    with CaptureQueriesContext(connection) as small:
        client.get("/werkplek/vrijwilligerswerk/")
    for _ in range(20):
        services.respond(vacancy=vacancy, user=UserFactory())
    with CaptureQueriesContext(connection) as large:
        client.get("/werkplek/vrijwilligerswerk/")
    assert len(large) == len(small)


def test_candidates_for_a_vacancy_with_reasons(client: Client, vacancy: Vacancy, gardening: Skill) -> None:
    from wijkbasis.accounts.models import Resident

    waterkwartier = District.objects.get(code="WK030101")
    resident = Resident.objects.create(name="Groene Vinger", source="form", district=waterkwartier)
    profile = services.save_talent_profile(
        resident=resident,
        skills=[gardening],
        interests=[],
        districts=[waterkwartier],
        visibility=TalentProfile.Visibility.BROKERS,
    )
    hidden = Resident.objects.create(name="Privé Persoon", source="form", district=waterkwartier)
    services.save_talent_profile(resident=hidden, skills=[gardening], interests=[], districts=[waterkwartier])
    broker = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"))
    login(client, broker)
    page = page_text(client.get(f"/werkplek/vrijwilligerswerk/vacatures/{vacancy.pk}/kandidaten/"))
    assert "Groene Vinger" in page and "Tuinieren" in page
    assert "Privé Persoon" not in page  # private profile
    page = page_text(client.get(f"/werkplek/inwoners/{resident.pk}/vacatures/"))
    assert vacancy.title in page
    _ = profile


def test_review_queue_approves_a_new_organisation(client: Client, zutphen: Any) -> None:
    founder = UserFactory()
    organisation = services.register_organisation(
        by=founder, municipality=zutphen, name="Nieuwe Club", kind="association"
    )
    broker = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"))
    login(client, broker)
    assert "Nieuwe Club" in page_text(client.get("/werkplek/vrijwilligerswerk/beoordelen/"))
    client.post(f"/werkplek/vrijwilligerswerk/organisaties/{organisation.pk}/beoordelen/", {"decision": "approve"})
    organisation.refresh_from_db()
    assert organisation.status == "approved" and organisation.reviewed_by == broker


def test_resident_talent_profile_and_suggestions(client: Client, vacancy: Vacancy, gardening: Skill) -> None:
    user = UserFactory()
    login(client, user)
    assert client.get("/mijn/talenten/").status_code == 200
    waterkwartier = District.objects.get(code="WK030101")
    response = client.post(
        "/mijn/talenten/",
        {
            "talents": "Groene vingers",
            "skills": [gardening.pk],
            "time_slots": ["4"],
            "districts": [waterkwartier.pk],
            "visibility": "brokers",
        },
    )
    assert response.status_code == 302, page_text(response)[:2000]
    page = page_text(client.get("/mijn/talenten/"))
    assert vacancy.title in page
    assert "Tuinieren" in page  # the reason
