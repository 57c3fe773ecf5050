"""Organisation members' pages: their vacancies (the vacancy form) and the responses to them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import login, page_text
from django.test import Client

from wijkbasis.accounts.tests.factories import UserFactory
from wijkbasis.areas.models import District, Organisation
from wijkbasis.areas.tests.factories import OrganisationFactory
from wijkbasis.core.models import AccessLogEntry
from wijkbasis.volunteering import services
from wijkbasis.volunteering.models import Response, Skill, Vacancy
from wijkbasis.volunteering.tests.factories import ResponseFactory, VacancyFactory

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


def test_a_new_vacancy_starts_with_the_contact_person_of_the_organisation(
    client: Client, member: Any, organisation: Organisation
) -> None:
    organisation.phone, organisation.email = "0575 000 777", "info@klimop.example.org"
    organisation.save()
    login(client, member)
    html = client.get("/organisatie/vacatures/nieuw/").content.decode()
    assert 'name="contact_name" value="Els van de Boerderij"' in html  # the member who writes it
    assert 'name="contact_phone" value="0575 000 777"' in html
    assert 'name="contact_email" value="info@klimop.example.org"' in html
    # After the first vacancy: its contact person, who may be someone else.
    VacancyFactory(organisation=organisation, contact_name="Joke", contact_phone="06 11", contact_email="")
    html = client.get("/organisatie/vacatures/nieuw/").content.decode()
    assert 'name="contact_name" value="Joke"' in html and 'name="contact_phone" value="06 11"' in html
    assert 'name="contact_email" value=""' in html or 'name="contact_email" ' in html


def _marked_optional(html: str) -> set[str]:
    """The fields the page marks "(niet verplicht)": the name of the first input after each mark."""
    marked = set()
    for block in html.split("wb-form-field")[1:]:
        name = re.search(r'name="(\w+)"', block)
        if name and "wb-optional" in block[: name.start()]:
            marked.add(name.group(1))
    return marked


@pytest.mark.parametrize("where", ["place", "districts", "city_wide", "from_home"])
@pytest.mark.parametrize("when", ["one_off", "regular", "flexible"])
def test_a_field_marked_optional_never_gets_an_error_when_left_empty(
    client: Client, member: Any, where: str, when: str
) -> None:
    login(client, member)
    form = client.get("/organisatie/vacatures/nieuw/").content.decode()
    optional = _marked_optional(form)
    assert {"hours_per_week", "expense_allowance", "accessibility"} <= optional  # the check sees the marks
    data = {**VACANCY_FORM, "where": where, "when": when, "contact_email": "", "publish": "1"}
    for name in optional:  # left empty: a text field sent empty, an unticked checkbox not sent at all
        data.pop(name, None)
        if f'type="checkbox" name="{name}"' not in form and f'type="radio" name="{name}"' not in form:
            data[name] = ""
    html = client.post("/organisatie/vacatures/nieuw/", data).content.decode()
    wrong = {name for name in optional if f'id="id_{name}_error"' in html}
    assert not wrong, f"marked optional, yet an error when left empty: {wrong}"


def test_members_only_reach_their_own_vacancies_and_responses(client: Client, member: Any, vacancy: Vacancy) -> None:
    foreign = VacancyFactory(organisation=OrganisationFactory(municipality=vacancy.organisation.municipality))
    foreign_response = ResponseFactory(vacancy=foreign, user=UserFactory())
    login(client, member)
    assert client.get(f"/organisatie/vacatures/{foreign.pk}/").status_code == 404
    assert client.get(f"/organisatie/reacties/{foreign_response.pk}/").status_code == 404
    assert foreign_response.contact_name not in page_text(client.get("/organisatie/reacties/"))


def test_organisation_sees_the_response_and_moves_it(client: Client, member: Any, vacancy: Vacancy) -> None:
    response = ResponseFactory(vacancy=vacancy, name="Kim Helper", email="kim@example.org", phone="0575 000 333")
    login(client, member)
    assert "Kim Helper" in page_text(client.get("/organisatie/reacties/"))
    detail = client.get(f"/organisatie/reacties/{response.pk}/")
    page = page_text(detail)
    assert "kim@example.org" in page and "0575 000 333" in page
    # Tap to call, tap to write.
    assert 'href="tel:+31575000333"' in detail.content.decode()
    assert 'href="mailto:kim@example.org"' in detail.content.decode()
    assert AccessLogEntry.objects.filter(
        action="view", object_type="volunteering.response", actor_id=member.pk
    ).exists()
    client.post(f"/organisatie/reacties/{response.pk}/stap/", {"to_status": "contacted", "expected_status": "new"})
    response.refresh_from_db()
    assert response.status == Response.Status.CONTACTED


def test_contact_details_are_hidden_without_consent(client: Client, member: Any, vacancy: Vacancy) -> None:
    response = ResponseFactory(vacancy=vacancy, name="Kim", email="kim@example.org")
    from wijkbasis.accounts.services import withdraw_consent

    withdraw_consent(resident=response.resident, purpose="share_with_organisation", by=None)
    login(client, member)
    page = page_text(client.get(f"/organisatie/reacties/{response.pk}/"))
    assert "kim@example.org" not in page
    assert "toestemming" in page


def test_a_stale_step_shows_a_plain_conflict_message(client: Client, member: Any, vacancy: Vacancy) -> None:
    response = ResponseFactory(vacancy=vacancy, user=UserFactory())
    services.move_response(response=response, to_status="contacted", by=UserFactory())
    login(client, member)
    result = client.post(
        f"/organisatie/reacties/{response.pk}/stap/", {"to_status": "placed", "expected_status": "new"}, follow=True
    )
    assert "iemand anders heeft deze reactie in de tussentijd veranderd" in page_text(result).lower()
    response.refresh_from_db()
    assert response.status == Response.Status.CONTACTED


def test_the_vacancy_form_starts_with_a_summary_of_its_errors_linked_to_the_fields(client: Client, member: Any) -> None:
    login(client, member)
    data = {**VACANCY_FORM, "when": "one_off", "contact_email": "", "publish": "1"}
    html = client.post("/organisatie/vacatures/nieuw/", data).content.decode()
    summary = html[html.index("wb-error-summary") : html.index('name="title"')]
    assert 'href="#id_starts_at"' in summary and 'href="#id_districts' in summary
