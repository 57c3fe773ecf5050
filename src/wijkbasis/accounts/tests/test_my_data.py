""" "Mijn gegevens": the download holds the person's data in words (labels, dates, choices,
slots), never codes, keys or secrets; the PDF is a few pages; "who looked" and the staff's
"what I opened" say who and what in words, never an IP address."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress, EmailConfirmation
from allauth.mfa.models import Authenticator
from conftest import login, page_text
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from pypdf import PdfReader

from wijkbasis.accounts import services
from wijkbasis.accounts.models import Consent, OrganisationMembership, Resident, User
from wijkbasis.accounts.selectors import describe_accesses
from wijkbasis.accounts.tests.factories import UserFactory, staff_user
from wijkbasis.areas.models import District, NeighbourhoodTeam, Organisation
from wijkbasis.core.access_log import SYSTEM, Action, acting_as, actor_for, for_activity, log_access
from wijkbasis.core.models import AccessLogEntry, OutgoingMail
from wijkbasis.volunteering import services as volunteering
from wijkbasis.volunteering.models import Response, SavedSearch, Skill, TalentProfile
from wijkbasis.volunteering.tests.conftest import make_vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(zutphen: Any) -> NeighbourhoodTeam:
    return NeighbourhoodTeam.objects.get(slug="waterkwartier")


@pytest.fixture
def broker(team: NeighbourhoodTeam) -> User:
    return staff_user(team, name="Abdi Warsame")


@pytest.fixture
def organisation(zutphen: Any) -> Organisation:
    return Organisation.objects.create(municipality=zutphen, name="Buurtkeuken De Pan", slug="buurtkeuken-de-pan")


def _typical_resident(team: NeighbourhoodTeam, broker: User, organisation: Organisation) -> User:
    """A resident with an account and the history of a few months: a profile, permissions, two
    responses (one placed), a talent profile, a saved search, and staff and the organisation
    looking at it now and then."""
    user = UserFactory(email="hodan@example.org", name="Hodan Ali")
    cooking = make_vacancy(organisation, title="Kookvrijwilliger")
    garden = make_vacancy(organisation, title="Tuinman buurttuin")
    cooking_skill = Skill.objects.create(name="Koken", slug="koken", category=Skill.Category.HANDS)
    # What the person does themselves is logged as theirs (as in a request of theirs).
    with acting_as(actor_for(user)):
        resident = services.ensure_resident_for_user(user=user)
        services.update_own_profile(
            resident=resident, name="Hodan Ali", phone="0575 000 321", postcode="", languages="Somali, Nederlands"
        )
        resident.district = District.objects.get(code="WK030101")
        resident.save()
        services.record_consent(resident=resident, purpose="keep_details", method=Consent.Method.ONLINE, by=user)
        services.record_consent(resident=resident, purpose="contact", method=Consent.Method.ONLINE, by=user)
        placed, _created = volunteering.respond(vacancy=cooking, user=user, message="Ik kook graag voor de buurt.")
        volunteering.respond(vacancy=garden, user=user, message="Ik help ook graag in de tuin.")
        profile = TalentProfile.objects.create(
            resident=resident, talents="Koken voor veel mensen", time_slots=(1 << 4) | (1 << 9), visibility="brokers"
        )
        profile.skills.add(cooking_skill)
        volunteering.save_search(email=user.email, query="q=koken", label="koken", user=user, language="nl")
    with acting_as(actor_for(broker)):
        for step in ("contacted", "introduction"):
            placed = volunteering.move_response(response=placed, to_status=step, by=broker)
        volunteering.move_response(
            response=placed, to_status="placed", by=broker, placement={"start_date": dt.date(2026, 3, 1)}
        )
    member = UserFactory(name="Els de Pan")
    OrganisationMembership.objects.create(user=member, organisation=organisation)
    for _view in range(10):
        log_access(Action.VIEW, resident, purpose="resident_support", actor=actor_for(broker))
        log_access(Action.VIEW, placed, purpose="volunteer_matching", actor=actor_for(member))
    return user


def _secrets(user: User) -> list[str]:
    """Codes, keys and hashes that belong to this account and must never be in its download."""
    address = EmailAddress.objects.get(user=user)
    confirmation = EmailConfirmation.create(address)
    authenticator = Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXPGEHEIMSECRET"}
    )
    assert authenticator.pk
    resident = Resident.objects.get(user=user)
    link_request = services.request_account_link(
        resident=Resident.objects.create(name="Hodan A.", source="assisted"),
        email=user.email,
        by=staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier")),
        team=None,
    )
    assert resident.pk
    return [
        confirmation.key,
        "JBSWY3DPEHPK3PXPGEHEIMSECRET",
        link_request.token_hash,
        *SavedSearch.objects.filter(user=user).values_list("token", flat=True),
    ]


def test_the_download_holds_no_code_key_hash_or_task_record(
    client: Client, team: NeighbourhoodTeam, broker: User, organisation: Organisation, settings: Any
) -> None:
    user = _typical_resident(team, broker, organisation)
    secrets = _secrets(user)
    # A login code by e-mail, through the real queue: the mail waits as an OutgoingMail row.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    Client().post("/account/login/code/", {"email": user.email})
    mail = OutgoingMail.objects.filter(to__icontains=user.email).last()
    assert mail is not None
    code = re.search(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b", mail.body)
    assert code is not None
    secrets.append(code.group(0))
    login(client, user)
    session_key = client.session.session_key
    assert session_key is not None
    secrets.append(session_key)

    downloads = {
        "json": client.get("/mijn/gegevens.json").content.decode(),
        "page": page_text(client.get("/mijn/gegevens/")),
        "pdf": " ".join(
            page.extract_text() for page in PdfReader(io.BytesIO(client.get("/mijn/gegevens.pdf").content)).pages
        ),
    }
    for kind, text in downloads.items():
        for secret in secrets:
            assert secret not in text, (kind, secret)
        # No task records, no raw field names, no numbers only the system reads.
        for raw in ("run_after", "last_login", "is_superuser", "time_slots", "token", "9999", "127.0.0.1", "origin"):
            assert raw not in text, (kind, raw)
        assert "Kookvrijwilliger" in text and "0575 000 321" in text, kind


def test_the_download_is_in_words(team: NeighbourhoodTeam, broker: User, organisation: Organisation) -> None:
    user = _typical_resident(team, broker, organisation)
    with translation.override("en"):
        exported = services.export_personal_data(user=user)
    data = exported["data"]
    resident = data["accounts.resident"]["records"][0]
    assert resident["Name"] == "Hodan Ali"
    assert resident["District (wijk)"] == "Waterkwartier"  # a foreign key by its name
    assert resident["How we know this person"] == "signed up themselves"  # a choice by its label
    profile = data["volunteering.talentprofile"]["records"][0]
    assert profile["When I can"] == "Tuesday afternoon, Thursday morning"  # slots in words, not a bit set
    assert profile["Skills"] == "Koken"
    responses = {record["Vacancy"]: record for record in data["volunteering.response"]["records"]}
    assert responses["Kookvrijwilliger"]["Status"] == "placed"
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d", responses["Kookvrijwilliger"]["Status changed at"])
    email = data["account.emailaddress"]["records"][0]
    assert set(email.values()) >= {"hodan@example.org", "Yes"}  # booleans as yes/no
    # Who looked: who, what and why in words; the own views left out.
    looked = data["core.accesslogentry"]["records"]
    lines = {record["Who"] + " — " + record["What"] for record in looked}
    assert "Abdi Warsame, community broker, Sociaal wijkteam Waterkwartier — looked at your details (10 times)" in lines
    assert "Buurtkeuken De Pan (organisation) — looked at your response to Kookvrijwilliger (10 times)" in lines
    assert all("Hodan" not in record["Who"] for record in looked)
    with translation.override("nl"):
        dutch = services.export_as_json(user=user)
    assert "december" in dutch or "januari" in dutch or re.search(r"\d+ [a-z]+ \d{4}", dutch)
    assert "Ja" in json.loads(dutch)["data"]["account.emailaddress"]["records"][0].values()


def test_the_download_names_odd_jobs_and_two_step_verification_in_words(zutphen: Any, team: NeighbourhoodTeam) -> None:
    """allauth's authenticator in our words; a step's statuses by their names, a visit by its day."""
    from wijkbasis.buurtservice import services as buurtservice
    from wijkbasis.buurtservice.models import Assignment, Service, Visit
    from wijkbasis.buurtservice.tests.factories import CategoryFactory, WorkerFactory

    user = UserFactory(name="Wim Werker")
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={}, last_used_at=timezone.now())
    service = Service.objects.create(municipality=zutphen, phone="0575 000 300")
    own = buurtservice.submit_request(
        service=service,
        job=buurtservice.JobDetails(category=CategoryFactory(name="Tuin"), description="Heg"),
        user=user,
    )
    buurtservice.decide(request=own, by=staff_user(team, role="coordinator"), accept=True)
    worker = WorkerFactory(service=service, resident=own.resident)
    visit = Visit.objects.create(request=own, date=dt.date(2026, 5, 16), starts_at=dt.time(9), ends_at=dt.time(11))
    Assignment.objects.create(visit=visit, worker=worker)
    with translation.override("en"):
        data = services.export_personal_data(user=user)["data"]
    two_step = data["mfa.authenticator"]
    assert two_step["title"] == "Two-step verification"
    assert {"Type", "Last used", "Created at"} <= set(two_step["records"][0])
    steps = data["buurtservice.requestevent"]["records"]
    assert steps[-1]["Request"].startswith("Tuin") and steps[-1]["To"] == "on the waiting list"
    on_visit = data["buurtservice.assignment"]["records"][0]
    assert on_visit["Visit"] == "Saturday 16 May 2026, 09:00–11:00"
    assert "Crew member" in on_visit and "Worker" not in on_visit


def test_the_pdf_of_a_typical_history_is_a_few_pages(
    client: Client, team: NeighbourhoodTeam, broker: User, organisation: Organisation
) -> None:
    user = _typical_resident(team, broker, organisation)
    login(client, user)
    pdf = PdfReader(io.BytesIO(client.get("/mijn/gegevens.pdf").content))
    assert 1 <= len(pdf.pages) <= 4
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Abdi Warsame" in text and "Kookvrijwilliger" in text


def test_who_looked_says_who_in_words(
    client: Client, team: NeighbourhoodTeam, broker: User, organisation: Organisation
) -> None:
    user = _typical_resident(team, broker, organisation)
    resident = Resident.objects.get(user=user)
    response = Response.objects.filter(resident=resident).first()
    assert response is not None
    # The nightly clean-up is the system, and says what it did.
    with acting_as(SYSTEM), for_activity("retention"):
        log_access(Action.DELETE, response)
    login(client, user)
    with translation.override("en"):
        described = describe_accesses(AccessLogEntry.objects.filter(actor_id=None, action="delete"), reader="subject")
    text = page_text(client.get("/mijn/wie-keek/"))
    assert "Abdi Warsame" in text and "Buurtkeuken De Pan" in text
    assert described[0].who == "the system"
    assert described[0].did.startswith("deleted your response to")
    assert described[0].why == "Removing data past its retention period"
    assert "127.0.0.1" not in text and "web " not in text
    assert "volunteering.response" not in text and "(candidates)" not in text


def test_what_i_opened_names_things_in_a_constant_number_of_queries(
    client: Client, team: NeighbourhoodTeam, broker: User, organisation: Organisation
) -> None:
    vacancy = make_vacancy(organisation, title="Kookvrijwilliger")

    def open_someone(number: int) -> None:
        response, _created = volunteering.respond(
            vacancy=vacancy,
            respondent=volunteering.Respondent(name=f"Hodan Ali {number}", phone=f"0575 000 {100 + number}"),
            recorded_by=broker,
        )
        log_access(Action.VIEW, response, purpose="volunteer_matching", actor=actor_for(broker))
        log_access(Action.VIEW, response.resident, purpose="resident_support", actor=actor_for(broker))

    login(client, broker)
    open_someone(1)
    client.get("/werkplek/mijn-toegang/")
    with CaptureQueriesContext(connection) as few:
        text = page_text(client.get("/werkplek/mijn-toegang/"))
    for number in range(2, 12):
        open_someone(number)
    with CaptureQueriesContext(connection) as many:
        client.get("/werkplek/mijn-toegang/")
    assert len(many) == len(few)
    with translation.override("en"):
        rows = describe_accesses(AccessLogEntry.objects.filter(actor_id=broker.pk), reader="actor")
    assert any(row.did == "looked at response of Hodan Ali 1 to Kookvrijwilliger" for row in rows)
    assert any(row.did == "looked at the details of Hodan Ali 1" for row in rows)
    assert "volunteering.response #" not in text and "Hodan Ali 1" in text
    # Seeing those names on this page is logged as well, and kept out of the list itself.
    seen = AccessLogEntry.objects.filter(actor_id=broker.pk, purpose="access_log_review")
    assert seen.exists()
    assert not any(row.entry.purpose == "access_log_review" for row in describe_accesses([], reader="actor"))


def test_the_erase_page_lists_what_people_know(
    client: Client, team: NeighbourhoodTeam, broker: User, organisation: Organisation
) -> None:
    user = _typical_resident(team, broker, organisation)
    login(client, user)
    text = page_text(client.get("/mijn/verwijderen/"))
    assert "Task" not in text and "task" not in text
    plan = services.erasure_plan(user=user)
    assert plan.erased and plan.kept


def test_dates_in_the_download_are_local(team: NeighbourhoodTeam, broker: User, organisation: Organisation) -> None:
    user = _typical_resident(team, broker, organisation)
    with translation.override("en"):
        account = services.export_personal_data(user=user)["data"]["accounts.user"]["records"][0]
    joined = timezone.localtime(user.date_joined)
    assert account["Joined"] == f"{joined.day} {joined:%B %Y, %H:%M}"
