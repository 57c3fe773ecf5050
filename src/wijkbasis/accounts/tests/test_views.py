"""Residents' and staff pages through the test client."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from conftest import found, login, page_text
from django.test import Client
from pypdf import PdfReader

from wijkbasis.accounts.models import MunicipalityViewer, Resident, User
from wijkbasis.accounts.tests.factories import ResidentFactory, UserFactory, staff_user
from wijkbasis.areas.models import District, NeighbourhoodTeam

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker(zutphen: Any) -> User:
    return staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"))


INTAKE = {
    "name": "Mevrouw Jansen",
    "phone": "0575 000 111",
    "preferred_contact": "phone",
    "consents": ["keep_details", "contact"],
    "consent_method": "phone",
}


def test_staff_take_someone_in_by_phone(client: Client, broker: User) -> None:
    login(client, broker)
    form = client.get("/werkplek/inwoners/nieuw/").content.decode()
    key = found(r'name="form_key" value="([^"]+)"', form).group(1)

    response = client.post("/werkplek/inwoners/nieuw/", {**INTAKE, "form_key": key})

    resident = Resident.objects.get(name="Mevrouw Jansen")
    assert response["Location"] == f"/werkplek/inwoners/{resident.pk}/"
    assert resident.intake_team is not None and resident.intake_team.slug == "waterkwartier"
    page = page_text(client.get(response["Location"]))
    assert "Mevrouw Jansen" in page and "0575 000 111" in page


def test_a_double_submitted_intake_form_makes_one_record(client: Client, broker: User) -> None:
    login(client, broker)
    data = {**INTAKE, "form_key": "1b4e28ba-2fa1-11d2-883f-0016d3cca427"}
    first = client.post("/werkplek/inwoners/nieuw/", data)
    second = client.post("/werkplek/inwoners/nieuw/", data)
    assert first["Location"] == second["Location"]
    assert Resident.objects.filter(name="Mevrouw Jansen").count() == 1


def test_intake_without_permission_or_contact_explains_and_keeps_input(client: Client, broker: User) -> None:
    login(client, broker)
    response = client.post("/werkplek/inwoners/nieuw/", {"name": "Meneer Zonder", "consent_method": "phone"})
    page = page_text(response)
    assert response.status_code == 200
    assert "Vul een telefoonnummer of een adres in" in page
    assert "Zonder toestemming" in page or "Vraag eerst om toestemming" in page
    assert 'value="Meneer Zonder"' in response.content.decode()
    assert not Resident.objects.filter(name="Meneer Zonder").exists()


def test_other_teams_see_nothing(client: Client, broker: User) -> None:
    other = staff_user(NeighbourhoodTeam.objects.get(slug="zuidwijken-warnsveld-leesten"))
    resident = ResidentFactory(name="Geheime Naam", district=District.objects.get(code="WK030101"))
    login(client, other)
    assert client.get(f"/werkplek/inwoners/{resident.pk}/").status_code == 404
    assert "Geheime Naam" not in page_text(client.get("/werkplek/inwoners/"))


def test_sharing_opens_the_record_to_the_other_team(client: Client, broker: User) -> None:
    other_team = NeighbourhoodTeam.objects.get(slug="zuidwijken-warnsveld-leesten")
    other = staff_user(other_team)
    resident = ResidentFactory(district=District.objects.get(code="WK030101"))
    login(client, broker)
    client.post(f"/werkplek/inwoners/{resident.pk}/delen/", {"team": other_team.pk, "reason": "verhuist naar Leesten"})
    assert login(Client(), other).get(f"/werkplek/inwoners/{resident.pk}/").status_code == 200


def test_search_in_the_resident_list(client: Client, broker: User) -> None:
    district = District.objects.get(code="WK030101")
    ResidentFactory(name="Anna de Vries", district=district, postcode="7203AA")
    ResidentFactory(name="Bert Bakker", district=district)
    login(client, broker)
    page = page_text(client.get("/werkplek/inwoners/", {"q": "anna"}))
    assert "Anna de Vries" in page and "Bert Bakker" not in page
    assert "Anna de Vries" in page_text(client.get("/werkplek/inwoners/", {"q": "7203 aa"}))


def test_resident_list_query_count_does_not_grow(
    client: Client, broker: User, django_assert_max_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    district = District.objects.get(code="WK030101")
    ResidentFactory.create_batch(3, district=district)
    login(client, broker)
    client.get("/werkplek/")  # the first page after logging in writes the session; later ones seldom
    with CaptureQueriesContext(connection) as small:
        client.get("/werkplek/inwoners/")
    ResidentFactory.create_batch(30, district=district)
    with CaptureQueriesContext(connection) as large:
        client.get("/werkplek/inwoners/")
    assert len(large) == len(small)


def test_linking_asks_the_person_to_confirm_by_e_mail(
    client: Client, broker: User, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    resident = ResidentFactory(district=District.objects.get(code="WK030101"), phone="0575 000 123")
    login(client, broker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/werkplek/inwoners/{resident.pk}/koppelen/", {"email": "nieuw@example.org"})
    resident.refresh_from_db()
    assert resident.user is None  # not before the person confirms
    assert mail.outbox[-1].to == ["nieuw@example.org"]
    path = found(r"http://[^/]+(/koppelen/[^\s]+/)", mail.outbox[-1].body).group(1)

    person = Client()
    page = page_text(person.get(path))
    assert "0575 000 123" in page and "Waterkwartier" in page
    confirmed = person.post(path)
    assert confirmed.status_code == 302 and confirmed["Location"] == "/mijn/"
    resident.refresh_from_db()
    assert resident.user is not None and resident.user.email == "nieuw@example.org"
    assert person.get("/mijn/").status_code == 200  # logged in as themselves
    assert person.get(path).status_code == 404  # used once
    assert Client().get("/koppelen/verzonnen/").status_code == 404


def test_resident_edits_own_profile_and_gets_placed_by_postcode(
    client: Client, zutphen: Any, locatieserver: Any
) -> None:
    user = UserFactory()
    login(client, user)
    response = client.post(
        "/mijn/",
        {"name": "Kees Bewoner", "phone": "", "postcode": "7201 ab", "languages": "", "preferred_contact": "email"},
    )
    assert response.status_code == 302
    resident = Resident.objects.get(user=user)
    assert resident.district is not None
    assert (resident.name, resident.postcode, resident.district.code) == ("Kees Bewoner", "7201AB", "WK030100")
    assert "Centrum - De Hoven" in page_text(client.get("/mijn/"))
    user.refresh_from_db()
    assert user.name == "Kees Bewoner"


def test_staff_edit_of_a_postcode_places_the_resident_again_within_their_wijken(
    client: Client, zutphen: Any, locatieserver: Any
) -> None:
    broker = staff_user(NeighbourhoodTeam.objects.get(slug="zuidwijken-warnsveld-leesten"))
    zuidwijken = District.objects.get(code="WK030103")
    resident = ResidentFactory(district=zuidwijken, neighbourhood=zuidwijken.neighbourhoods.first())
    login(client, broker)
    form = {"name": resident.name, "phone": resident.phone, "district": zuidwijken.pk, "preferred_contact": "phone"}

    # Moved to Warnsveld (7232 CD), a wijk of this team: wijk follows the postcode, old buurt gone.
    response = client.post(f"/werkplek/inwoners/{resident.pk}/wijzigen/", {**form, "postcode": "7232 cd"})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.district is not None
    assert (resident.postcode, resident.district.code) == ("7232CD", "WK030105")
    assert resident.neighbourhood is None or resident.neighbourhood.district_id == resident.district_id

    # A postcode in another team's wijk (7201 AB, Centrum) keeps the record in this team's hands.
    form["district"] = resident.district_id
    response = client.post(f"/werkplek/inwoners/{resident.pk}/wijzigen/", {**form, "postcode": "7201 AB"})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    resident.refresh_from_db()
    assert resident.district is not None
    assert (resident.postcode, resident.district.code, resident.neighbourhood) == ("7201AB", "WK030105", None)


def test_profile_with_a_bad_postcode_keeps_what_was_typed(client: Client, zutphen: Any) -> None:
    login(client, UserFactory())
    response = client.post("/mijn/", {"name": "Kees", "postcode": "72O1AB", "preferred_contact": "email"})
    assert response.status_code == 200
    assert 'value="72O1AB"' in response.content.decode()
    assert "vier cijfers en twee letters" in page_text(response)


def test_my_data_downloads_parse_back(client: Client, zutphen: Any) -> None:
    user = UserFactory(name="Mila Download")
    login(client, user)
    client.post("/mijn/", {"name": "Mila Download", "phone": "0575 000 222", "preferred_contact": "phone"})

    exported = json.loads(client.get("/mijn/gegevens.json").content)
    assert "0575 000 222" in exported["data"]["accounts.resident"]["records"][0].values()

    pdf = PdfReader(io.BytesIO(client.get("/mijn/gegevens.pdf").content))
    content = " ".join(page.extract_text() for page in pdf.pages)
    assert "Mila Download" in content and "0575 000 222" in content
    assert "0575 000 222" in page_text(client.get("/mijn/gegevens/"))


def test_erasing_the_account_through_the_page(client: Client, zutphen: Any) -> None:
    user = UserFactory()
    login(client, user)
    page = page_text(client.get("/mijn/verwijderen/"))
    assert "Wat we moeten bewaren" in page
    assert client.post("/mijn/verwijderen/", {}).status_code == 200  # not confirmed: nothing happens
    assert User.objects.filter(pk=user.pk).exists()
    response = client.post("/mijn/verwijderen/", {"confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert "_auth_user_id" not in client.session


def test_start_sends_each_role_to_its_page(zutphen: Any, broker: User) -> None:
    assert login(Client(), UserFactory()).get("/start/")["Location"] == "/mijn/"
    assert login(Client(), broker).get("/start/")["Location"] == "/werkplek/"
    viewer = UserFactory()
    MunicipalityViewer.objects.create(user=viewer, municipality=zutphen)
    assert login(Client(), viewer).get("/start/")["Location"] == "/cijfers/"


def test_staff_sessions_end_with_the_browser(client: Client, broker: User, settings: Any) -> None:
    """The idle limit itself: accounts/tests/test_sessions.py."""
    login(client, broker)
    client.get("/werkplek/")
    assert client.session.get_expire_at_browser_close()
    assert client.session["wijkbasis_last_seen"]
    resident_client = login(Client(), UserFactory())
    resident_client.get("/mijn/")
    assert "wijkbasis_last_seen" not in resident_client.session
