"""The access log: written for views, exports and changes; append-only down to the database."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import login
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.html import escape

from wijkbasis.accounts.models import Resident
from wijkbasis.accounts.tests.factories import ResidentFactory, UserFactory, staff_user
from wijkbasis.areas.models import District, NeighbourhoodTeam
from wijkbasis.core.guards import ACCESS_LOG_RETENTION_DAYS
from wijkbasis.core.models import AccessLogEntry, AppendOnlyError
from wijkbasis.core.personal_data import registration_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_and_resident(zutphen: Any) -> tuple[Any, Resident]:
    team = NeighbourhoodTeam.objects.get(slug="waterkwartier")
    broker = staff_user(team)
    resident = ResidentFactory(district=District.objects.get(code="WK030101"), intake_team=team)
    return broker, resident


def test_viewing_a_resident_writes_one_entry_without_personal_content(client: Any, broker_and_resident: Any) -> None:
    broker, resident = broker_and_resident
    login(client, broker)
    before = AccessLogEntry.objects.count()

    response = client.get(f"/werkplek/inwoners/{resident.pk}/")

    assert response.status_code == 200
    entry = AccessLogEntry.objects.order_by("-id")[0]
    assert AccessLogEntry.objects.count() == before + 1
    assert (entry.actor_id, entry.actor_role, entry.action) == (broker.pk, "community_broker", "view")
    assert (entry.object_type, entry.object_id, entry.subject_resident_id) == (
        "accounts.resident",
        str(resident.pk),
        resident.pk,
    )
    assert entry.origin.startswith("web ") and f"/werkplek/inwoners/{resident.pk}/" in entry.origin
    stored = " ".join(str(value) for value in AccessLogEntry.objects.filter(pk=entry.pk).values().get().values())
    assert resident.name not in stored and resident.phone not in stored


def test_a_list_logs_every_resident_shown_in_one_insert(
    client: Any, broker_and_resident: Any, django_assert_max_num_queries: Any
) -> None:
    broker, resident = broker_and_resident
    team = NeighbourhoodTeam.objects.get(slug="waterkwartier")
    ResidentFactory.create_batch(5, district=resident.district, intake_team=team)
    login(client, broker)
    shown = Resident.objects.visible_to(broker).count()
    assert shown >= 6
    before = AccessLogEntry.objects.count()
    client.get("/werkplek/inwoners/")
    assert AccessLogEntry.objects.count() == before + shown
    assert set(AccessLogEntry.objects.filter(action="list").values_list("actor_id", flat=True)) == {broker.pk}


def test_changes_are_logged_with_the_actor(client: Any, broker_and_resident: Any) -> None:
    broker, resident = broker_and_resident
    login(client, broker)
    client.post(
        f"/werkplek/inwoners/{resident.pk}/wijzigen/",
        {"name": "Nieuwe Naam", "phone": "0575 000 777", "preferred_contact": "phone"},
    )
    change = AccessLogEntry.objects.filter(action="change", object_id=str(resident.pk)).get()
    assert change.actor_id == broker.pk


def test_exports_are_logged(client: Any, zutphen: Any) -> None:
    user = UserFactory()
    login(client, user)
    client.get("/mijn/gegevens.json")
    assert AccessLogEntry.objects.filter(action="export", actor_id=user.pk).exists()


def test_the_orm_refuses_to_change_or_delete_entries(broker_and_resident: Any) -> None:
    entry = AccessLogEntry.objects.create(action="view", object_type="accounts.resident", object_id="1")
    entry.purpose = "anders"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=entry.pk).update(purpose="anders")
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.all().delete()


def test_the_database_refuses_updates_and_deletes(broker_and_resident: Any) -> None:
    entry = AccessLogEntry.objects.create(action="view", object_type="accounts.resident", object_id="1")
    table = AccessLogEntry._meta.db_table
    for statement in (f"UPDATE {table} SET purpose = 'x' WHERE id = %s", f"DELETE FROM {table} WHERE id = %s"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [entry.pk])
    assert AccessLogEntry.objects.filter(pk=entry.pk, purpose="").exists()


def test_the_database_allows_removing_only_entries_past_retention(broker_and_resident: Any) -> None:
    old = timezone.now() - dt.timedelta(days=ACCESS_LOG_RETENTION_DAYS + 5)
    AccessLogEntry.objects.bulk_create(
        [AccessLogEntry(action="view", object_type="x", object_id="old", occurred_at=old)]
    )
    table = AccessLogEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE object_id = 'old'")
    assert not AccessLogEntry.objects.filter(object_id="old").exists()


def test_trigger_and_registry_agree_on_the_retention_period() -> None:
    registration = registration_for(AccessLogEntry)
    assert registration is not None
    assert registration.retention == dt.timedelta(days=ACCESS_LOG_RETENTION_DAYS)


def test_staff_see_their_own_accesses(client: Any, broker_and_resident: Any) -> None:
    broker, resident = broker_and_resident
    login(client, broker)
    client.get(f"/werkplek/inwoners/{resident.pk}/")
    page = client.get("/werkplek/mijn-toegang/").content.decode()
    # In words: the resident's name, never a table name and a key.
    assert escape(resident.name) in page
    assert f"accounts.resident #{resident.pk}" not in page


def test_residents_see_who_looked_at_their_data(client: Any, broker_and_resident: Any) -> None:
    broker, resident = broker_and_resident
    user = UserFactory(name="Aad")
    resident.user = user
    resident.save()
    login(client, broker)
    client.get(f"/werkplek/inwoners/{resident.pk}/")
    resident_client = type(client)()
    login(resident_client, user)
    page = resident_client.get("/mijn/wie-keek/").content.decode()
    assert broker.name in page
    assert "Sociaal wijkteam Waterkwartier" in page


def test_only_models_holding_a_residents_data_are_watched() -> None:
    """A save/delete receiver for every model would cost Django its fast deletes everywhere.
    (The small areas tables have receivers of their own: they bump the version of the public
    pages' cached parts, core/fragments.py. Not the postcode answers, a big table.)"""
    from django.contrib.sessions.models import Session
    from django.db.models.signals import post_delete, post_save

    from wijkbasis.accounts.models import Resident
    from wijkbasis.areas.models import PostcodeArea

    assert post_save.has_listeners(Resident) and post_delete.has_listeners(Resident)
    for model in (Session, PostcodeArea):
        assert not post_delete.has_listeners(model), model
