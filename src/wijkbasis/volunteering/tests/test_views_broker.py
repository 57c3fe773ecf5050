"""The pages of sociaal makelaars and other team staff: the pipeline of their wijken, a response,
candidates and suggestions, reviews, follow-ups."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import login, page_text
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkbasis.accounts.models import Resident
from wijkbasis.accounts.tests.factories import UserFactory, staff_user
from wijkbasis.areas.models import District, NeighbourhoodTeam
from wijkbasis.volunteering import services
from wijkbasis.volunteering.models import FollowUp, Response, Skill, TalentProfile, Vacancy
from wijkbasis.volunteering.tests.factories import ResponseFactory, TalentProfileFactory, VacancyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker(zutphen: Any) -> Any:
    return staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"), name="Abdi Warsame")


def test_the_broker_places_a_response_in_one_save_with_notes(client: Client, vacancy: Vacancy, broker: Any) -> None:
    response = ResponseFactory(vacancy=vacancy, user=UserFactory(name="Placed Person"))
    login(client, broker)
    assert "Placed Person" in page_text(client.get("/werkplek/vrijwilligerswerk/"))
    client.post(f"/werkplek/vrijwilligerswerk/reacties/{response.pk}/notitie/", {"text": "Gebeld, wil graag"})
    client.post(
        f"/werkplek/vrijwilligerswerk/reacties/{response.pk}/stap/",
        {"to_status": "placed", "expected_status": "new", "start_date": "2026-12-01", "hours_per_week": "3"},
    )
    response.refresh_from_db()
    assert response.status == Response.Status.PLACED and response.broker == broker
    assert response.placement.hours_per_week == 3
    page = page_text(client.get(f"/werkplek/vrijwilligerswerk/reacties/{response.pk}/"))
    assert "Gebeld, wil graag" in page
    assert FollowUp.objects.filter(response=response, kind="six_weeks", team__slug="waterkwartier").exists()
    assert "hoe gaat het" in page_text(client.get("/werkplek/taken/")).lower()


def test_the_broker_sees_how_to_reach_the_volunteer(client: Client, vacancy: Vacancy, broker: Any) -> None:
    response = ResponseFactory(vacancy=vacancy, name="Kim Helper", email="kim@example.org", phone="06 12 34 56 78")
    login(client, broker)
    html = client.get(f"/werkplek/vrijwilligerswerk/reacties/{response.pk}/").content.decode()
    assert 'href="tel:+31612345678"' in html and "06 12 34 56 78" in html
    assert 'href="mailto:kim@example.org"' in html


def test_staff_who_do_not_review_get_no_link_to_the_review_queue(client: Client, broker: Any) -> None:
    """A Buurtservice coordinator follows responses too, but does not review: no link to a 404."""
    coordinator = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"), role="coordinator")
    login(client, coordinator)
    assert "/werkplek/vrijwilligerswerk/beoordelen/" not in client.get("/werkplek/vrijwilligerswerk/").content.decode()
    assert client.get("/werkplek/vrijwilligerswerk/beoordelen/").status_code == 404
    login(client, broker)
    assert "/werkplek/vrijwilligerswerk/beoordelen/" in client.get("/werkplek/vrijwilligerswerk/").content.decode()


def test_other_teams_do_not_see_the_response(client: Client, vacancy: Vacancy) -> None:
    response = ResponseFactory(vacancy=vacancy, user=UserFactory())
    other = staff_user(NeighbourhoodTeam.objects.get(slug="zuidwijken-warnsveld-leesten"))
    login(client, other)
    assert client.get(f"/werkplek/vrijwilligerswerk/reacties/{response.pk}/").status_code == 404


def test_pipeline_query_count_does_not_grow(client: Client, organisation: Any, broker: Any) -> None:
    vacancy = VacancyFactory(organisation=organisation)
    ResponseFactory.create_batch(3, vacancy=vacancy)
    login(client, broker)
    client.get("/werkplek/vrijwilligerswerk/")  # caches filled once per process (content types, the site)
    with CaptureQueriesContext(connection) as small:
        client.get("/werkplek/vrijwilligerswerk/")
    ResponseFactory.create_batch(20, vacancy=vacancy)
    with CaptureQueriesContext(connection) as large:
        client.get("/werkplek/vrijwilligerswerk/")
    assert len(large) == len(small)


def test_candidates_for_a_vacancy_and_vacancies_for_a_resident_with_reasons(
    client: Client, vacancy: Vacancy, gardening: Skill, broker: Any
) -> None:
    waterkwartier = District.objects.get(code="WK030101")
    resident = Resident.objects.create(name="Groene Vinger", source="form", district=waterkwartier)
    TalentProfileFactory(resident=resident, skills=[gardening], districts=[waterkwartier])
    hidden = Resident.objects.create(name="Privé Persoon", source="form", district=waterkwartier)
    TalentProfileFactory(
        resident=hidden, skills=[gardening], districts=[waterkwartier], visibility=TalentProfile.Visibility.PRIVATE
    )
    login(client, broker)
    page = page_text(client.get(f"/werkplek/vrijwilligerswerk/vacatures/{vacancy.pk}/kandidaten/"))
    assert "Groene Vinger" in page and "Tuinieren" in page
    assert "Privé Persoon" not in page  # private profile
    # The same block of suggested vacancies as on the resident's own page: a card with why.
    suggestions = client.get(f"/werkplek/inwoners/{resident.pk}/vacatures/")
    page = page_text(suggestions)
    assert vacancy.title in page and "past bij: Tuinieren" in page
    assert "Regelmatig" in page or "Wanneer het jou uitkomt" in page  # the card's when


def test_review_queue_says_who_applied_and_how_to_reach_them_and_approves(
    client: Client, zutphen: Any, broker: Any
) -> None:
    founder = UserFactory(name="Joke Visser", email="joke@nieuweclub.example.org")
    organisation = services.register_organisation(
        by=founder, municipality=zutphen, name="Nieuwe Club", kind="association", phone="0575 000 888"
    )
    VacancyFactory(
        organisation=organisation, title="Kantine draaien", contact_name="Piet", contact_phone="06 98765432"
    )  # waits: the organisation is not approved yet
    login(client, broker)
    queue = client.get("/werkplek/vrijwilligerswerk/beoordelen/")
    page, html = page_text(queue), queue.content.decode()
    assert "Nieuwe Club" in page and "Joke Visser" in page
    assert 'href="mailto:joke@nieuweclub.example.org"' in html and 'href="tel:+31575000888"' in html
    assert "Kantine draaien" in page and "Piet" in page and 'href="tel:+31698765432"' in html
    client.post(f"/werkplek/vrijwilligerswerk/organisaties/{organisation.pk}/beoordelen/", {"decision": "approve"})
    organisation.refresh_from_db()
    assert organisation.status == "approved" and organisation.reviewed_by == broker


def test_phone_numbers_staff_see_are_tap_to_call(client: Client, broker: Any) -> None:
    resident = Resident.objects.create(
        name="Kees Bel", source="assisted", phone="06-12 34 56 78", district=District.objects.get(code="WK030101")
    )
    login(client, broker)
    html = client.get(reverse("accounts:resident_detail", args=[resident.pk])).content.decode()
    assert 'href="tel:+31612345678"' in html


def test_pipeline_pages_newest_first_with_counts_from_the_status_columns(
    client: Client, organisation: Any, broker: Any
) -> None:
    vacancy = VacancyFactory(organisation=organisation)
    responses = ResponseFactory.create_batch(27, vacancy=vacancy)
    contacted = responses[:2]
    for response in contacted:
        services.move_response(response=response, to_status=Response.Status.CONTACTED, by=broker)
    hidden = ResponseFactory(
        vacancy=VacancyFactory(organisation=organisation, districts=[District.objects.get(slug="leesten")]),
        user=UserFactory(name="Elders Woont"),
    )
    login(client, broker)

    first = client.get("/werkplek/vrijwilligerswerk/").content.decode()
    second = client.get("/werkplek/vrijwilligerswerk/?pagina=2").content.decode()
    assert "27 reacties" in first and "27 reacties" in second  # the visible ones only
    shown = [f"/reacties/{response.pk}/" for response in sorted(responses, key=lambda r: (r.created_at, r.pk))]
    on_first = [link for link in shown if link in first]
    on_second = [link for link in shown if link in second]
    assert len(on_first) == 25 and len(on_second) == 2 and not set(on_first) & set(on_second)
    assert on_second == shown[:2]  # the oldest last
    assert sorted(on_first, key=first.index) == list(reversed(shown[2:]))  # newest first on the page
    assert f"/reacties/{hidden.pk}/" not in first + second
    only_contacted = client.get("/werkplek/vrijwilligerswerk/?status=contacted").content.decode()
    assert "2 reacties" in only_contacted
    assert sorted(link for link in shown if link in only_contacted) == sorted(
        f"/reacties/{response.pk}/" for response in contacted
    )
