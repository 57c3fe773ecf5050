"""Assisted intake, consent, linking, export, erasure and retention."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from io import StringIO
from typing import Any

import pytest
import time_machine
from allauth.account.models import EmailAddress
from conftest import found
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from wijkbasis.accounts import services
from wijkbasis.accounts.models import AccountLink, Consent, PossibleDuplicate, Resident, User
from wijkbasis.accounts.tests.factories import UserFactory, staff_user
from wijkbasis.areas.models import District, NeighbourhoodTeam
from wijkbasis.areas.tests.factories import OrganisationFactory
from wijkbasis.core import personal_data
from wijkbasis.core.guards import ACCESS_LOG_RETENTION_DAYS
from wijkbasis.core.idempotency import once
from wijkbasis.core.models import AccessLogEntry, OutgoingMail

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(zutphen: Any) -> NeighbourhoodTeam:
    return NeighbourhoodTeam.objects.get(slug="waterkwartier")


def _intake(team: NeighbourhoodTeam, by: User, **extra: Any) -> Resident:
    values = {
        "name": "Fatima Yusuf",
        "phone": "0575 000 321",
        "consents": ["keep_details", "contact"],
        "consent_method": Consent.Method.PHONE,
        **extra,
    }
    return services.take_in_resident(by=by, team=team, **values)


def test_assisted_intake_records_the_person_and_the_consent(team: NeighbourhoodTeam) -> None:
    broker = staff_user(team)
    resident = _intake(team, broker, postcode="", district=District.objects.get(code="WK030101"))

    assert resident.source == Resident.Source.ASSISTED
    assert (resident.created_by, resident.intake_team) == (broker, team)
    consents = {consent.purpose: consent for consent in resident.consents.all()}
    assert set(consents) == {"keep_details", "contact"}
    assert consents["contact"].method == Consent.Method.PHONE
    assert consents["contact"].recorded_by == broker
    assert resident.has_consent("contact")


def test_intake_needs_a_way_to_reach_the_person(team: NeighbourhoodTeam) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        _intake(team, staff_user(team), phone="")


def test_intake_places_the_person_by_postcode(team: NeighbourhoodTeam, locatieserver: Any) -> None:
    resident = _intake(team, staff_user(team), postcode="7232 cd")
    assert resident.postcode == "7232CD"
    assert resident.district is not None and resident.district.name == "Warnsveld"
    assert resident.neighbourhood is not None and resident.neighbourhood.name == "Dorp Warnsveld"


def test_a_double_submitted_intake_creates_one_resident(team: NeighbourhoodTeam) -> None:
    broker = staff_user(team)
    key = uuid.uuid4()
    first, created = once(key, lambda: _intake(team, broker))
    second, created_again = once(key, lambda: _intake(team, broker))
    assert (created, created_again) == (True, False)
    assert first == second
    assert Resident.objects.filter(name="Fatima Yusuf").count() == 1


def test_recording_the_same_consent_twice_keeps_one(team: NeighbourhoodTeam) -> None:
    resident = _intake(team, staff_user(team))
    services.record_consent(resident=resident, purpose="contact", method="in_person", by=None)
    assert resident.consents.filter(purpose="contact").count() == 1
    services.withdraw_consent(resident=resident, purpose="contact", by=None)
    assert not resident.has_consent("contact")
    services.record_consent(resident=resident, purpose="contact", method="in_person", by=None)
    assert resident.consents.filter(purpose="contact").count() == 2  # the withdrawn one stays as proof


def _token_from_mail(address: str) -> str:
    message = next(message for message in reversed(mail.outbox) if address in message.to)
    return found(r"/koppelen/([^/\s]+)/", message.body).group(1)


def _open_link(token: str) -> AccountLink:
    link = services.open_account_link(token)
    assert link is not None, "the link is no longer open"
    return link


def _request_link(resident: Resident, email: str, by: User, team: NeighbourhoodTeam, capture: Any) -> str:
    with capture(execute=True):
        services.request_account_link(resident=resident, email=email, by=by, team=team)
    return _token_from_mail(email.lower())


def test_a_link_waits_for_the_person_and_makes_an_account_when_they_confirm(
    team: NeighbourhoodTeam, django_capture_on_commit_callbacks: Any
) -> None:
    broker = staff_user(team)
    resident = _intake(team, broker)

    token = _request_link(resident, "Fatima@Example.org", broker, team, django_capture_on_commit_callbacks)

    # Nothing is linked and no account exists before the person confirms.
    resident.refresh_from_db()
    assert resident.user is None and not User.objects.filter(email="fatima@example.org").exists()
    assert "Waterkwartier" in mail.outbox[-1].body
    link = _open_link(token)
    outcome = services.confirm_account_link(link=link, user=None)

    assert outcome.account_created and outcome.user.email == "fatima@example.org"
    assert outcome.resident.pk == resident.pk and outcome.resident.user == outcome.user
    assert not outcome.user.has_usable_password()
    assert EmailAddress.objects.get(user=outcome.user).verified  # the click in the mailbox proves it
    assert AccessLogEntry.objects.filter(action="link", subject_resident_id=resident.pk).count() == 2
    assert services.open_account_link(token) is None  # once


def test_a_broker_cannot_pull_another_teams_record_into_their_team(
    team: NeighbourhoodTeam, django_capture_on_commit_callbacks: Any
) -> None:
    """Security finding: a dummy intake linked to someone's address used to merge their record
    (of another team) into the dummy's, with the dummy's wijk, team, phone and notes."""
    other_team = NeighbourhoodTeam.objects.get(slug="zuidwijken-warnsveld-leesten")
    holder = UserFactory(email="houder@example.org", name="Houder")
    own = services.ensure_resident_for_user(user=holder)
    own.district = District.objects.get(code="WK030104")  # Leesten: the other team's
    own.intake_team = other_team
    own.save()
    broker = staff_user(team)
    dummy = _intake(team, broker, name="Dummy", phone="0575 000 111", notes="geplant")

    token = _request_link(dummy, holder.email, broker, team, django_capture_on_commit_callbacks)

    # Without the holder's confirmation nothing happens.
    own.refresh_from_db()
    assert (own.district.code, own.intake_team, own.phone, own.notes) == ("WK030104", other_team, "", "")
    assert not Resident.objects.visible_to(broker).filter(pk=own.pk).exists()
    # A stranger with the link cannot confirm for the holder.
    with pytest.raises(services.LinkError):
        services.confirm_account_link(link=_open_link(token), user=None)
    with pytest.raises(services.LinkError):
        services.confirm_account_link(link=_open_link(token), user=UserFactory())
    own.refresh_from_db()
    assert own.intake_team == other_team and Resident.objects.filter(pk=dummy.pk).exists()


def test_when_the_account_has_its_own_record_the_team_merges_them_as_a_separate_step(
    team: NeighbourhoodTeam, django_capture_on_commit_callbacks: Any
) -> None:
    broker = staff_user(team)
    taken_in = _intake(team, broker, languages="Somalisch")
    user = UserFactory(email="fatima@example.org", name="")
    own = services.ensure_resident_for_user(user=user)
    services.record_consent(resident=own, purpose="contact", method="online", by=user)

    token = _request_link(taken_in, user.email, broker, team, django_capture_on_commit_callbacks)
    outcome = services.confirm_account_link(link=_open_link(token), user=user)

    # Confirmed, not merged: the team may now see the person's own record, and is asked to merge.
    assert outcome.duplicate is not None and Resident.objects.filter(pk=taken_in.pk).exists()
    assert Resident.objects.visible_to(broker).filter(pk=own.pk).exists()
    merge = services.merge_residents(keep=taken_in, absorb=own, by=broker, reason=outcome.duplicate.reason)

    assert merge.kept_id == own.pk  # the record with the account stays
    assert not Resident.objects.filter(pk=taken_in.pk).exists()
    merged = Resident.objects.get(pk=own.pk)
    assert (merged.name, merged.phone, merged.languages) == ("Fatima Yusuf", "0575 000 321", "Somalisch")
    assert set(merged.consents.values_list("purpose", flat=True)) == {"keep_details", "contact"}
    assert list(merge.teams.all()) == [team]
    assert AccessLogEntry.objects.filter(action="link", subject_resident_id=own.pk, actor_id=broker.pk).exists()


def test_linking_a_linked_record_is_refused(team: NeighbourhoodTeam, django_capture_on_commit_callbacks: Any) -> None:
    broker = staff_user(team)
    resident = _intake(team, broker)
    token = _request_link(resident, "a@example.org", broker, team, django_capture_on_commit_callbacks)
    services.confirm_account_link(link=_open_link(token), user=None)
    with pytest.raises(services.LinkError):
        services.request_account_link(resident=resident, email="b@example.org", by=broker, team=team)


def test_a_record_like_an_existing_one_is_flagged_not_joined(team: NeighbourhoodTeam) -> None:
    broker = staff_user(team)
    first = _intake(team, broker, email="kim@example.org")
    second = _intake(team, broker, name="Kim", phone="06 1234 5678", email="KIM@example.org")
    third = _intake(team, broker, name="Anders", phone="+31 6 1234-5678")
    assert {(flag.resident_id, flag.other_id, flag.reason) for flag in PossibleDuplicate.objects.all()} == {
        (second.pk, first.pk, "same_email"),
        (third.pk, second.pk, "same_phone"),
    }
    services.decide_not_duplicate(duplicate=PossibleDuplicate.objects.get(resident=third), by=broker)
    assert PossibleDuplicate.objects.filter(resolved_at__isnull=True).count() == 1


# --- the registry ---------------------------------------------------------------------


def test_every_model_is_classified_as_personal_or_not() -> None:
    assert personal_data.unclassified_models() == []


def test_every_registered_field_exists() -> None:
    for registration in personal_data.registrations():
        model = registration.model
        for name in (*registration.fields, registration.retention_field.split("__")[0]):
            model._meta.get_field(name)
        assert registration.retention >= dt.timedelta(0)


# --- export -------------------------------------------------------------------------------


def _resident_with_everything(team: NeighbourhoodTeam) -> tuple[User, Resident]:
    broker = staff_user(team)
    resident = _intake(
        team,
        broker,
        name="Zeynep Unieknaam",
        phone="0575 000 654",
        email="zeynep@example.org",
        street="Unieke Laan",
        house_number="42",
        postcode="7203AA",
        languages="Turks, Nederlands",
        notes="Wil graag tuinieren",
    )
    services.share_resident(
        resident=resident,
        team=NeighbourhoodTeam.objects.exclude(pk=team.pk)[0],
        by=broker,
        reason="Zeynep verhuist",
    )
    user = UserFactory(email="zeynep@example.org", name="Zeynep Unieknaam")
    link = services.request_account_link(resident=resident, email=user.email, by=broker, team=team)
    services.confirm_account_link(link=link, user=user)
    return user, Resident.objects.get(user=user)


def test_export_and_erasure_cover_what_was_made_before_the_account(team: NeighbourhoodTeam, settings: Any) -> None:
    """Security finding: someone who responded and saved a search before signing up, then erased
    the account, left the record (name, e-mail, phone), the response, its consents and the saved
    search, none of which was in their export. What carries an address they verified is theirs."""
    from wijkbasis.volunteering import services as volunteering
    from wijkbasis.volunteering.models import Response, SavedSearch
    from wijkbasis.volunteering.tests.conftest import make_vacancy

    organisation = OrganisationFactory(municipality=team.municipality)
    vacancy = make_vacancy(organisation)
    response, _created = volunteering.respond(
        vacancy=vacancy,
        respondent=volunteering.Respondent(name="Voor Aanmelding", email="vroeg@example.org", phone="0575 000 876"),
    )
    volunteering.save_search(email="vroeg@example.org", query="q=tuin", label="tuin", user=None, language="nl")
    # Someone else typing the same address later proves nothing: that record is not theirs.
    user = UserFactory(email="vroeg@example.org", name="Voor Aanmelding")
    with translation.override("en"):
        exported = json.loads(services.export_as_json(user=user))["data"]
    assert exported["volunteering.response"]["records"][0]["Vacancy"] == vacancy.title
    assert exported["volunteering.savedsearch"]["records"][0]["E-mail address"] == "vroeg@example.org"
    assert "0575 000 876" in json.dumps(exported["accounts.resident"])

    services.erase_account(user=user)

    assert not Resident.objects.filter(pk=response.resident_id).exists()
    assert not Response.objects.filter(pk=response.pk).exists()
    assert not SavedSearch.objects.filter(email="vroeg@example.org").exists()
    assert not Consent.objects.filter(resident_id=response.resident_id).exists()


def test_an_unverified_address_reaches_nothing(team: NeighbourhoodTeam) -> None:
    from wijkbasis.volunteering import services as volunteering
    from wijkbasis.volunteering.tests.conftest import make_vacancy

    vacancy = make_vacancy(OrganisationFactory(municipality=team.municipality))
    volunteering.respond(vacancy=vacancy, respondent=volunteering.Respondent(name="Echt", email="echt@example.org"))
    impostor = UserFactory(email="echt@example.org")
    EmailAddress.objects.filter(user=impostor).update(verified=False)
    assert "volunteering.response" not in json.loads(services.export_as_json(user=impostor))["data"]


def test_export_holds_everything_linked_to_the_user(team: NeighbourhoodTeam) -> None:
    user, resident = _resident_with_everything(team)
    with translation.override("en"):
        exported = json.loads(services.export_as_json(user=user))
    sections = exported["data"]
    assert sections["accounts.resident"]["records"][0]["Notes"] == "Wil graag tuinieren"
    assert {row["For what"] for row in sections["accounts.consent"]["records"]} == {
        "The neighbourhood team may keep my details to help me.",
        "The neighbourhood team may contact me about my question or request.",
    }
    assert sections["accounts.residentshare"]["records"][0]["Why"] == "Zeynep verhuist"
    assert "zeynep@example.org" in sections["account.emailaddress"]["records"][0].values()
    assert sections["accounts.user"]["records"][0]["E-mail address"] == "zeynep@example.org"
    assert not {"Password", "password"} & set(sections["accounts.user"]["records"][0])
    assert sections["core.accesslogentry"]["records"], "who looked is part of the export"
    for section in sections.values():
        assert section["title"] and section["what"] and section["kept_for_days"] >= 0


# --- erasure ------------------------------------------------------------------------------


def _values_of(user: User, resident: Resident) -> set[str]:
    values = {user.email, resident.name, resident.phone, resident.street, resident.notes, "Zeynep verhuist"}
    return {value for value in values if value}


def test_erasure_leaves_nothing_of_the_person_in_any_registered_field(team: NeighbourhoodTeam, settings: Any) -> None:
    # The real task queue, so mails to the person wait in the database as in production.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    user, resident = _resident_with_everything(team)
    from wijkbasis.core.mail import queue_mail

    queue_mail(subject="Welkom", body="Hallo Zeynep Unieknaam", to=[user.email])
    values = _values_of(user, resident)
    resident_id, user_id = resident.pk, user.pk

    services.erase_account(user=user)

    found = []
    for registration in personal_data.registrations():
        manager = registration.model._default_manager
        for name in registration.fields:
            kind = registration.model._meta.get_field(name).get_internal_type()
            for value in values:
                if kind == "JSONField":
                    hit = any(value in json.dumps(row) for row in manager.values_list(name, flat=True))
                elif kind in ("CharField", "TextField", "FileField", "ImageField"):
                    hit = manager.filter(**{f"{name}__icontains": value}).exists()
                else:
                    raise AssertionError(f"{registration.model_label}.{name}: cannot scan a {kind}")
                if hit:
                    found.append(f"{registration.model_label}.{name} holds {value!r}")
    assert found == []
    assert not User.objects.filter(pk=user_id).exists()
    assert not Resident.objects.filter(pk=resident_id).exists()
    # What is kept, is kept without personal content: the access log, by ids.
    assert AccessLogEntry.objects.filter(subject_resident_id=resident_id, action="erase").exists()


def test_erasure_plan_lists_what_is_kept_and_why(team: NeighbourhoodTeam) -> None:
    user, _resident = _resident_with_everything(team)
    plan = services.erasure_plan(user=user)
    kept = dict(plan.kept)
    assert any("twee jaar" in why for why in kept.values())
    assert plan.erased


# --- retention ----------------------------------------------------------------------------


def test_purge_expired_with_a_frozen_clock(team: NeighbourhoodTeam) -> None:
    broker = staff_user(team)
    with time_machine.travel(timezone.now() - dt.timedelta(days=800), tick=False):
        old = _intake(team, broker, name="Oude Bekende")
    recent = _intake(team, broker, name="Nieuwe Bekende")
    AccessLogEntry.objects.bulk_create(
        [
            AccessLogEntry(
                action="view",
                object_type="x",
                object_id="oud",
                occurred_at=timezone.now() - dt.timedelta(days=ACCESS_LOG_RETENTION_DAYS + 1),
            )
        ]
    )

    out = StringIO()
    call_command("purge_expired", "--dry-run", stdout=out)
    assert "accounts.Resident: 1 would be removed" in out.getvalue()
    assert Resident.objects.filter(pk=old.pk).exists()

    counts = services.purge_expired()

    # The entry made for the test and those written when the old record was made, 800 days ago.
    assert counts["accounts.Resident"] == 1 and counts["core.AccessLogEntry"] == 4
    assert not Resident.objects.filter(pk=old.pk).exists()
    assert Resident.objects.filter(pk=recent.pk).exists()
    assert not AccessLogEntry.objects.filter(object_id="oud").exists()


def test_purge_runs_daily_from_the_worker(team: NeighbourhoodTeam, settings: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    from wijkbasis.core.daily import next_daily_run, registered_jobs, schedule_daily_jobs

    assert registered_jobs()["purge_expired"] is services.purge_expired
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    schedule_daily_jobs()
    schedule_daily_jobs()
    waiting = DBTaskResult.objects.filter(task_path__endswith="run_daily_jobs", status="READY")
    assert waiting.count() == 1
    assert waiting.get().run_after > timezone.now()
    now = dt.datetime(2026, 11, 23, 10, 0, tzinfo=timezone.get_current_timezone())
    assert timezone.localtime(next_daily_run(now)).date() == dt.date(2026, 11, 24)


# --- e-mail from the task queue -----------------------------------------------------------


@pytest.mark.django_db(transaction=True)  # the worker opens and closes its own connection
def test_mail_is_queued_in_the_request_and_sent_by_the_worker(client: Any, zutphen: Any, settings: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = client.post("/account/signup/", {"email": "nieuw@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []  # nothing sent inside the request
    queued = DBTaskResult.objects.get(task_path__endswith="send_outgoing_mail")
    # The task holds only the id of the waiting mail: no address, no code.
    assert set(queued.args_kwargs["kwargs"]) == {"mail_id"}
    assert OutgoingMail.objects.count() == 1

    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nieuw@example.org"]
    code = found(r"\b[A-Z0-9]{4}-?[A-Z0-9]{4}\b|\b\d{6}\b", mail.outbox[0].body)
    # Once sent, nothing of it is kept: not in the outbox table, not in any task record.
    assert OutgoingMail.objects.count() == 0
    stored = " ".join(str(row) for row in DBTaskResult.objects.values_list("args_kwargs", "return_value", "traceback"))
    assert code.group(0) not in stored and "nieuw@example.org" not in stored


def test_a_failing_mail_server_is_retried_later(settings: Any, monkeypatch: Any) -> None:
    import smtplib

    from django_tasks_db.models import DBTaskResult

    from wijkbasis.core.mail import queue_mail, send_outgoing_mail

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_MAX_ATTEMPTS = 2

    def broken(*args: Any, **kwargs: Any) -> None:
        raise smtplib.SMTPServerDisconnected("weg")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    waiting = queue_mail(subject="Test", body="x", to=["a@example.org"], from_email="b@example.org")
    assert send_outgoing_mail.call(mail_id=waiting.pk) == "retry"
    retry = DBTaskResult.objects.filter(task_path__endswith="send_outgoing_mail").order_by("-run_after")[0]
    assert retry.args_kwargs["kwargs"] == {"mail_id": waiting.pk}
    assert retry.run_after > timezone.now()
    with pytest.raises(smtplib.SMTPServerDisconnected):
        send_outgoing_mail.call(mail_id=waiting.pk)


def test_mail_is_rendered_in_the_users_language(
    team: NeighbourhoodTeam, django_capture_on_commit_callbacks: Any
) -> None:
    UserFactory(email="english@example.org", language="en")
    broker = staff_user(team)
    _request_link(_intake(team, broker), "english@example.org", broker, team, django_capture_on_commit_callbacks)
    assert "Please confirm: your details at Perspectief Zutphen" in mail.outbox[-1].subject
