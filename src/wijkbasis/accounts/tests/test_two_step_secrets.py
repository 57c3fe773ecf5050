"""Nobody but the person can make their second factor's codes: TOTP secrets and recovery-code
seeds are encrypted at rest (accounts/adapter.py), the management site never shows them
(accounts/admin_mfa.py), and no login code stays in any stored row once it is sent."""

from __future__ import annotations

import importlib
import json
import re
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time
from conftest import login
from cryptography.fernet import Fernet
from django.apps import apps
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import models
from django.test import Client

from wijkbasis.accounts.adapter import ENCRYPTED_PREFIX, decrypt_secret, encrypt_secret
from wijkbasis.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _current_code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    counter = counters[len(counters) // 2]  # the middle one: now
    return format_hotp_value(hotp_value(secret, counter))


def test_a_totp_secret_is_stored_encrypted_and_still_works(zutphen: Any) -> None:
    user = UserFactory()
    totp = TOTP.activate(user, SECRET)
    stored = Authenticator.objects.get(pk=totp.instance.pk).data["secret"]
    assert stored.startswith(ENCRYPTED_PREFIX)
    assert SECRET not in json.dumps(Authenticator.objects.get(pk=totp.instance.pk).data)
    assert TOTP(Authenticator.objects.get(pk=totp.instance.pk)).validate_code(_current_code(SECRET))


def test_recovery_codes_come_from_an_encrypted_seed(zutphen: Any) -> None:
    user = UserFactory()
    codes = RecoveryCodes.activate(user)
    stored = Authenticator.objects.get(pk=codes.instance.pk)
    assert stored.data["seed"].startswith(ENCRYPTED_PREFIX)
    assert RecoveryCodes(stored).validate_code(codes.get_unused_codes()[0])


def test_secrets_stored_before_encryption_still_work_and_the_migration_encrypts_them(zutphen: Any) -> None:
    user = UserFactory()
    plain = Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": SECRET})
    assert TOTP(plain).validate_code(_current_code(SECRET))

    migration = importlib.import_module("wijkbasis.accounts.migrations.0004_encrypt_two_step_secrets")
    migration.encrypt_plain(apps, None)
    migration.encrypt_plain(apps, None)  # twice: encrypted values are left as they are

    plain.refresh_from_db()
    assert plain.data["secret"].startswith(ENCRYPTED_PREFIX)
    assert decrypt_secret(plain.data["secret"]) == SECRET
    cache.clear()  # allauth refuses a code used once already
    assert TOTP(plain).validate_code(_current_code(SECRET))


def test_keys_can_be_changed_and_a_wrong_key_is_a_clear_error(settings: Any) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.MFA_SECRET_KEY = [old]
    stored = encrypt_secret(SECRET)
    settings.MFA_SECRET_KEY = [new, old]
    assert decrypt_secret(stored) == SECRET
    settings.MFA_SECRET_KEY = [new]
    with pytest.raises(ImproperlyConfigured, match="MFA_SECRET_KEY"):
        decrypt_secret(stored)
    settings.MFA_SECRET_KEY = ["geen-sleutel"]
    with pytest.raises(ImproperlyConfigured, match="Fernet"):
        encrypt_secret(SECRET)


def test_the_management_site_shows_no_secret_and_changes_nothing(zutphen: Any) -> None:
    staff = UserFactory(name="Medewerker Proef")
    totp = TOTP.activate(staff, SECRET)
    codes = RecoveryCodes.activate(staff)
    administrator = UserFactory(is_staff=True, is_superuser=True)
    client = login(Client(), administrator)

    listing = client.get("/beheer/mfa/authenticator/")
    change = client.get(f"/beheer/mfa/authenticator/{totp.instance.pk}/change/")
    recovery = client.get(f"/beheer/mfa/authenticator/{codes.instance.pk}/change/")
    for response in (listing, change, recovery):
        assert response.status_code == 200
        content = response.content.decode()
        assert "Medewerker Proef" in content
        assert SECRET not in content and ENCRYPTED_PREFIX not in content
        assert codes.get_unused_codes()[0] not in content
        assert 'name="data"' not in content
    assert client.get("/beheer/mfa/authenticator/add/").status_code == 403
    assert client.get(f"/beheer/mfa/authenticator/{totp.instance.pk}/delete/").status_code == 403
    before = Authenticator.objects.get(pk=totp.instance.pk).data
    response = client.post(
        f"/beheer/mfa/authenticator/{totp.instance.pk}/change/", {"data": json.dumps({"secret": "AAAA"})}
    )
    assert response.status_code == 403
    assert Authenticator.objects.get(pk=totp.instance.pk).data == before


def _text_of_every_row() -> list[tuple[str, str]]:
    """(model, text) for every text and JSON value of every row of every installed model."""
    found = []
    for model in apps.get_models():
        if not model._meta.managed:
            continue  # views over other tables (a search index), not stored rows of their own
        names = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField, models.JSONField))
        ]
        if not names:
            continue
        for row in model._default_manager.values_list(*names):
            found.append((model._meta.label_lower, json.dumps(row, default=str)))
    return found


@pytest.mark.django_db(transaction=True)  # the worker opens and closes its own connection
def test_no_stored_row_holds_a_login_code_once_it_is_sent(zutphen: Any, settings: Any) -> None:
    from django.contrib.sessions.models import Session

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    UserFactory(email="code.ontvanger@example.org")
    client = Client()
    assert client.post("/account/login/", {"login": "code.ontvanger@example.org"}).status_code == 302
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)
    assert len(mail.outbox) == 1
    code = re.search(r"\b[A-Z0-9]{4}-?[A-Z0-9]{4}\b|\b\d{6}\b", str(mail.outbox[0].body))
    assert code is not None

    holding = [label for label, text in _text_of_every_row() if code.group(0) in text]
    assert holding == []
    # Only the session of the browser that asked knows it, to compare what is typed there.
    sessions = [session for session in Session.objects.all() if code.group(0) in json.dumps(session.get_decoded())]
    assert [session.session_key for session in sessions] == [client.session.session_key]
