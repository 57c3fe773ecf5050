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
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from wijkbasis.accounts import services
from wijkbasis.accounts.models import Consent, Resident, ResidentShare, User
from wijkbasis.accounts.tests.factories import UserFactory, staff_user
from wijkbasis.areas.models import District, NeighbourhoodTeam
from wijkbasis.core import personal_data
from wijkbasis.core.guards import ACCESS_LOG_RETENTION_DAYS
from wijkbasis.core.idempotency import once
from wijkbasis.core.models import AccessLogEntry

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
    assert resident.district.name == "Warnsveld"
    assert resident.neighbourhood.name == "Dorp Warnsveld"


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


def test_linking_makes_an_account_when_there_is_none(team: NeighbourhoodTeam) -> None:
    broker = staff_user(team)
    resident = _intake(team, broker)

    linked, user, created = services.link_resident_to_account(resident=resident, email="Fatima@Example.org", by=broker)

    assert created and user.email == "fatima@example.org"
    assert linked.user == user and not user.has_usable_password()
    assert EmailAddress.objects.filter(user=user, email="fatima@example.org").exists()
    assert AccessLogEntry.objects.filter(action="link", subject_resident_id=resident.pk).exists()


def test_linking_to_an_account_with_its_own_record_merges_them(team: NeighbourhoodTeam) -> None:
    broker = staff_user(team)
    taken_in = _intake(team, broker, languages="Somalisch")
    services.share_resident(resident=taken_in, team=team, by=broker, reason="verhuisd")
    user = UserFactory(email="fatima@example.org", name="")
    own = services.ensure_resident_for_user(user=user)
    services.record_consent(resident=own, purpose="contact", method="online", by=user)

    merged, _user, created = services.link_resident_to_account(resident=taken_in, email=user.email, by=broker)

    assert not created and merged.pk == own.pk
    assert not Resident.objects.filter(pk=taken_in.pk).exists()
    merged.refresh_from_db()
    assert (merged.name, merged.phone, merged.languages) == ("Fatima Yusuf", "0575 000 321", "Somalisch")
    assert merged.intake_team == team
    assert set(merged.consents.values_list("purpose", flat=True)) == {"keep_details", "contact"}
    assert ResidentShare.objects.filter(resident=merged).count() == 1


def test_linking_twice_is_refused(team: NeighbourhoodTeam) -> None:
    broker = staff_user(team)
    resident = _intake(team, broker)
    services.link_resident_to_account(resident=resident, email="a@example.org", by=broker)
    with pytest.raises(services.LinkError):
        services.link_resident_to_account(resident=resident, email="b@example.org", by=broker)


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
        team=NeighbourhoodTeam.objects.exclude(pk=team.pk).first(),
        by=broker,
        reason="Zeynep verhuist",
    )
    user = UserFactory(email="zeynep@example.org", name="Zeynep Unieknaam")
    services.link_resident_to_account(resident=resident, email=user.email, by=broker)
    return user, Resident.objects.get(user=user)


def test_export_holds_everything_linked_to_the_user(team: NeighbourhoodTeam) -> None:
    user, resident = _resident_with_everything(team)
    exported = json.loads(services.export_as_json(user=user))
    sections = exported["data"]
    assert sections["accounts.resident"]["records"][0]["notes"] == "Wil graag tuinieren"
    assert {row["purpose"] for row in sections["accounts.consent"]["records"]} == {"keep_details", "contact"}
    assert sections["accounts.residentshare"]["records"][0]["reason"] == "Zeynep verhuist"
    assert sections["account.emailaddress"]["records"][0]["email"] == "zeynep@example.org"
    assert sections["accounts.user"]["records"][0]["email"] == "zeynep@example.org"
    assert "password" not in sections["accounts.user"]["records"][0]
    assert sections["core.accesslogentry"]["records"], "who looked is part of the export"
    for section in sections.values():
        assert section["what"] and section["kept_for_days"] >= 0


# --- erasure ------------------------------------------------------------------------------


def _values_of(user: User, resident: Resident) -> set[str]:
    values = {user.email, resident.name, resident.phone, resident.street, resident.notes, "Zeynep verhuist"}
    return {value for value in values if value}


def test_erasure_leaves_nothing_of_the_person_in_any_registered_field(team: NeighbourhoodTeam, settings: Any) -> None:
    # The real task queue, so mails to the person wait in the database as in production.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    user, resident = _resident_with_everything(team)
    services.send_account_invitation(request=_FakeRequest(), email_address=EmailAddress.objects.get(user=user))
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
    assert DBTaskResult.objects.filter(task_path__endswith="send_email").count() == 1

    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nieuw@example.org"]


def test_a_failing_mail_server_is_retried_later(settings: Any, monkeypatch: Any) -> None:
    import smtplib

    from django_tasks_db.models import DBTaskResult

    from wijkbasis.core.email import send_email

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def broken(*args: Any, **kwargs: Any) -> None:
        raise smtplib.SMTPServerDisconnected("weg")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    send_email.call(subject="Test", body="x", to=["a@example.org"], from_email="b@example.org", attempt=1)
    retry = DBTaskResult.objects.get(task_path__endswith="send_email")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > timezone.now()
    with pytest.raises(smtplib.SMTPServerDisconnected):
        send_email.call(subject="Test", body="x", to=["a@example.org"], from_email="b@example.org", attempt=5)


def test_mail_is_rendered_in_the_users_language(zutphen: Any) -> None:
    user = UserFactory(language="en")
    services.send_account_invitation(request=_FakeRequest(), email_address=EmailAddress.objects.get(user=user))
    assert "You now have an account" in mail.outbox[-1].subject


class _FakeRequest:
    def build_absolute_uri(self, path: str) -> str:
        return "http://testserver" + path
