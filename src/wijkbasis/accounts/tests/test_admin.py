"""The management site (/beheer/): no input gives a 500, every page of a resident's data is
logged, the site says whose it is, and the vacancy bank is in it."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import login, page_text
from django.contrib import admin
from django.test import Client

from wijkbasis.accounts.models import Consent, Resident, User
from wijkbasis.areas.models import District, Organisation
from wijkbasis.core.admin import AccessLoggedAdmin
from wijkbasis.core.models import AccessLogEntry
from wijkbasis.core.personal_data import registration_for
from wijkbasis.volunteering.models import NotMatchedReason, Response, Skill, Vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(zutphen: Any) -> User:
    return User.objects.create_superuser(email="beheer.proef@example.org", name="Beheerder Proef")


@pytest.fixture
def admin_client(administrator: User) -> Client:
    return login(Client(raise_request_exception=False), administrator)


@pytest.fixture
def resident(zutphen: Any) -> Resident:
    resident = Resident.objects.create(
        name="Hodan Ali", phone="0575 000 321", district=District.objects.get(code="WK030101"), source="assisted"
    )
    Consent.objects.create(resident=resident, purpose="keep_details", method=Consent.Method.PHONE)
    return resident


@pytest.mark.parametrize(
    "path",
    [
        "/beheer/accounts/resident/abc/change/",
        "/beheer/accounts/resident/99999999999999999999999/change/",
        "/beheer/accounts/resident/abc/history/",
        "/beheer/volunteering/response/abc/change/",
        "/beheer/volunteering/vacancy/abc/change/",
    ],
)
def test_a_malformed_or_unknown_id_redirects_like_every_other_model(admin_client: Client, path: str) -> None:
    response = admin_client.get(path)
    assert response.status_code == 302
    assert response["Location"] == "/beheer/"


@pytest.mark.parametrize(
    "query",
    [
        "name__regex=(",
        "name__iregex=[",
        "notes__contains=x",
        "email__startswith=a",
        "district__name__regex=(",
        "source__regex=(",
    ],
)
def test_a_list_takes_only_the_filters_it_offers(admin_client: Client, resident: Resident, query: str) -> None:
    assert admin_client.get(f"/beheer/accounts/resident/?{query}").status_code == 400


def test_the_filters_a_list_offers_still_work(admin_client: Client, resident: Resident) -> None:
    district = resident.district
    assert district is not None
    shown = admin_client.get(f"/beheer/accounts/resident/?district__id__exact={district.pk}&source__exact=assisted")
    assert shown.status_code == 200
    assert "Hodan Ali" in page_text(shown)
    other = District.objects.get(code="WK030102")
    assert "Hodan Ali" not in page_text(admin_client.get(f"/beheer/accounts/resident/?district__id__exact={other.pk}"))
    assert admin_client.get("/beheer/accounts/resident/?district__isnull=True").status_code == 200
    assert admin_client.get("/beheer/accounts/resident/?q=hodan").status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "occurred_at__year=99999999999999999999999999999",
        "occurred_at__year=2026&occurred_at__month=99999999999999999999",
        "occurred_at__year=abc",
    ],
)
def test_a_date_the_list_cannot_use_is_no_500(admin_client: Client, resident: Resident, query: str) -> None:
    assert admin_client.get(f"/beheer/core/accesslogentry/?{query}").status_code in (302, 400)


def test_the_date_hierarchy_still_works(admin_client: Client, resident: Resident) -> None:
    entry = AccessLogEntry.objects.first()
    assert entry is not None  # the resident fixture's intake is logged
    year = entry.occurred_at.year
    assert admin_client.get(f"/beheer/core/accesslogentry/?occurred_at__year={year}").status_code == 200


def test_a_second_active_consent_for_one_purpose_is_a_form_error(admin_client: Client, resident: Resident) -> None:
    consent = resident.consents.get()
    data = {
        "name": resident.name,
        "email": "",
        "phone": resident.phone,
        "street": "",
        "house_number": "",
        "postcode": "",
        "city": "",
        "district": resident.district_id,
        "languages": "",
        "preferred_contact": "phone",
        "source": "assisted",
        "notes": "",
        "consents-TOTAL_FORMS": "2",
        "consents-INITIAL_FORMS": "1",
        "consents-MIN_NUM_FORMS": "0",
        "consents-MAX_NUM_FORMS": "1000",
        "consents-0-id": consent.pk,
        "consents-0-resident": resident.pk,
        "consents-0-purpose": "keep_details",
        "consents-0-method": "phone",
        "consents-0-given_at_0": "2026-01-01",
        "consents-0-given_at_1": "10:00:00",
        "consents-1-resident": resident.pk,
        "consents-1-purpose": "keep_details",
        "consents-1-method": "paper",
        "consents-1-given_at_0": "2026-02-01",
        "consents-1-given_at_1": "10:00:00",
        "shares-TOTAL_FORMS": "0",
        "shares-INITIAL_FORMS": "0",
        "shares-MIN_NUM_FORMS": "0",
        "shares-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(f"/beheer/accounts/resident/{resident.pk}/change/", data)
    assert response.status_code == 200
    assert "niet is ingetrokken" in page_text(response)
    assert resident.consents.count() == 1

    # Withdrawing the first in the same save makes room for the new one.
    data["consents-0-withdrawn_at_0"] = "2026-02-01"
    data["consents-0-withdrawn_at_1"] = "09:00:00"
    response = admin_client.post(f"/beheer/accounts/resident/{resident.pk}/change/", data)
    assert response.status_code == 302
    assert resident.consents.count() == 2
    assert resident.consents.filter(withdrawn_at__isnull=True).get().method == "paper"


def _entries_since(before: int) -> Any:
    return AccessLogEntry.objects.filter(pk__gt=before)


def _last() -> int:
    return AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_the_residents_list_search_page_and_history_are_logged(
    admin_client: Client, administrator: User, resident: Resident
) -> None:
    before = _last()
    assert "Hodan Ali" in page_text(admin_client.get("/beheer/accounts/resident/?q=hodan"))
    listed = _entries_since(before)
    assert listed.filter(action="list", object_type="accounts.resident", subject_resident_id=resident.pk).exists()
    assert listed.filter(actor_id=administrator.pk).exists()

    before = _last()
    admin_client.get(f"/beheer/accounts/resident/{resident.pk}/history/")
    assert _entries_since(before).filter(action="view", subject_resident_id=resident.pk).exists()

    before = _last()
    admin_client.get(f"/beheer/accounts/resident/{resident.pk}/change/")
    seen = _entries_since(before)
    assert seen.filter(action="view", object_type="accounts.resident").exists()
    # The consents shown in the page's inline are logged too.
    assert seen.filter(action="list", object_type="accounts.consent", subject_resident_id=resident.pk).exists()


def test_every_admin_of_a_residents_data_is_access_logged() -> None:
    """A new registration of a model holding a resident's data cannot forget the log."""
    forgotten = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if (registration := registration_for(model)) is not None
        and registration.access_logged
        and not isinstance(model_admin, AccessLoggedAdmin)
    ]
    assert not forgotten


def test_the_site_carries_the_platforms_name_and_readable_app_names(admin_client: Client) -> None:
    text = page_text(admin_client.get("/beheer/"))
    assert "wijkbasis" in text
    assert "Django" not in text
    for untranslated in ("Tasks Database Backend", "MFA"):
        assert untranslated not in text
    assert text.count("Accounts") <= 1


def test_the_vacancy_bank_is_in_the_management_site(admin_client: Client, resident: Resident, zutphen: Any) -> None:
    for model in (Vacancy, Response, Skill, NotMatchedReason):
        assert admin.site.is_registered(model), model
    organisation = Organisation.objects.create(municipality=zutphen, name="Buurtkeuken", slug="buurtkeuken")
    vacancy = Vacancy.objects.create(
        organisation=organisation,
        title="Kookvrijwilliger",
        slug="kookvrijwilliger",
        description="Koken.",
        contact_name="Els",
        time_slots=3,
    )
    response = Response.objects.create(vacancy=vacancy, resident=resident, channel="staff", contact_name="Hodan Ali")
    page = page_text(admin_client.get(f"/beheer/volunteering/vacancy/{vacancy.pk}/change/"))
    assert "Kookvrijwilliger" in page
    before = _last()
    page = page_text(admin_client.get(f"/beheer/volunteering/response/{response.pk}/change/"))
    assert "Hodan Ali" in page
    assert _entries_since(before).filter(object_type="volunteering.response", subject_resident_id=resident.pk).exists()
    # A response's status moves through the pipeline only; responses come from "Ik wil helpen".
    assert admin_client.get("/beheer/volunteering/response/add/").status_code == 403
