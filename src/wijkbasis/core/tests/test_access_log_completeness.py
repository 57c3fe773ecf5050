"""The access log cannot be bypassed: every registered kind of a resident's data leaves an entry
when it is created, changed, deleted, exported, and whenever a page shows it.

The page check needs no list of pages: every URL in the URL configuration is requested as every
role that may open it (the permission matrix's world), and whenever a page shows the name of one of
the world's residents, an entry about that resident must have been written by that request. A new
page that shows personal data without going through an `access_*` helper fails here.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import page_text

from wijkbasis.accounts.models import Resident
from wijkbasis.core import personal_data
from wijkbasis.core.access import UnloggedWriteError, logged_update
from wijkbasis.core.access_log import SYSTEM
from wijkbasis.core.models import AccessLogEntry
from wijkbasis.core.tests.matrix import build_world, expected_status, logged_in_clients, sample_url, url_names

pytestmark = pytest.mark.django_db

#: Pages that show a name without it being anyone's record: none yet. (A page listed here needs a reason.)
NOT_PERSONAL_PAGES: dict[str, str] = {}


def _last_entry_id() -> int:
    last = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first()
    return last or 0


def test_every_page_that_shows_a_resident_logs_it(zutphen: Any) -> None:
    world = build_world(zutphen)
    names = {
        resident.name: resident.pk for resident in Resident.objects.all() if len(resident.name) >= 10
    }  # the world's residents have distinctive names; short demo names could match ordinary words
    assert len(names) >= 4, names
    clients = logged_in_clients(world)
    problems = []
    shown = 0
    for name, pattern in url_names():
        if name in NOT_PERSONAL_PAGES:
            continue
        url = sample_url(name, pattern, world)
        for identity in world.identities:
            if expected_status(name, identity) != 200:
                continue
            before = _last_entry_id()
            response = clients[identity.label].get(url)
            if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
                continue
            text = page_text(response)
            subjects = set(AccessLogEntry.objects.filter(id__gt=before).values_list("subject_resident_id", flat=True))
            for resident_name, resident_id in names.items():
                if resident_name in text:
                    shown += 1
                    if resident_id not in subjects:
                        problems.append(f"{name} {url} as {identity.label} shows {resident_name} without a log entry")
    assert shown > 20, "the world's residents are shown on the werkplek pages"
    assert not problems, "\n".join(problems)


def test_every_kind_of_a_residents_data_logs_create_change_and_delete(zutphen: Any) -> None:
    build_world(zutphen)
    problems = []
    for registration in personal_data.logged_registrations():
        model = registration.model
        label = model._meta.label_lower
        rows = list(model._default_manager.all()[:2])
        if not rows:
            problems.append(f"{label}: the matrix world has no row of it; add one to its app's samples()")
            continue
        if not AccessLogEntry.objects.filter(object_type=label, action="create").exists():
            problems.append(f"{label}: creating it left no entry")
        row = rows[0]
        before = _last_entry_id()
        row.save()
        if not AccessLogEntry.objects.filter(id__gt=before, object_type=label, action="change").exists():
            problems.append(f"{label}: changing it left no entry")
        with pytest.raises(UnloggedWriteError):
            model._default_manager.filter(pk=row.pk).update(id=row.pk)
        field = next(field for field in model._meta.concrete_fields if not field.primary_key)
        before = _last_entry_id()
        logged_update(
            model._default_manager.filter(pk=row.pk),
            actor=SYSTEM,
            purpose=registration.activity,
            **{field.attname: getattr(row, field.attname)},
        )
        entry = AccessLogEntry.objects.filter(id__gt=before, object_type=label, action="change").first()
        if entry is None or entry.purpose != registration.activity:
            problems.append(f"{label}: logged_update left no entry with its activity")
    # Deleting last, the most dependent kinds first (a resident's deletion takes its parts along).
    for registration in reversed(personal_data.logged_registrations()):
        model = registration.model
        label = model._meta.label_lower
        remaining = model._default_manager.first()
        if remaining is not None:
            before = _last_entry_id()
            remaining.delete()
            if not AccessLogEntry.objects.filter(id__gt=before, object_type=label, action="delete").exists():
                problems.append(f"{label}: deleting it left no entry")
    assert not problems, "\n".join(problems)


def test_a_download_of_ones_data_logs_every_exported_row(zutphen: Any) -> None:
    from wijkbasis.accounts.services import export_personal_data, subject_of_account
    from wijkbasis.core.roles import Role

    world = build_world(zutphen)
    user = world.user_of(Role.RESIDENT)
    subject = subject_of_account(user)
    expected = {
        registration.model._meta.label_lower: registration.of_subject(subject).count()
        for registration in personal_data.logged_registrations()
        if registration.exported
    }
    before = _last_entry_id()
    export_personal_data(user=user, logged=True)
    exported = AccessLogEntry.objects.filter(id__gt=before, action="export")
    assert sum(expected.values()) >= 3
    for label, count in expected.items():
        assert exported.filter(object_type=label).count() == count, label


def test_every_entry_names_a_registered_processing_activity(zutphen: Any) -> None:
    from wijkbasis.core.processing import activity

    build_world(zutphen)
    for purpose in AccessLogEntry.objects.exclude(purpose="").values_list("purpose", flat=True).distinct():
        activity(purpose)
    assert not AccessLogEntry.objects.filter(purpose="").exists(), "every entry says why"
