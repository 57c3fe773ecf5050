"""Security defaults: CSP everywhere, no caching of personal pages, lockout, rate limits."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from conftest import login
from django.core.cache import cache
from django.test import Client

from wijkbasis.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> None:
    cache.clear()


def _assert_csp(response: Any) -> None:
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.parametrize("url", ["/", "/wijk/waterkwartier/", "/account/login/", "/bestaat-niet/", "/wijk/x/qr.svg"])
def test_every_response_has_a_strict_csp(client: Client, zutphen: Any, url: str) -> None:
    _assert_csp(client.get(url))


def test_the_500_page_has_a_csp_too(zutphen: Any, settings: Any) -> None:
    settings.ROOT_URLCONF = "wijkbasis.core.tests.urls_failing"
    client = Client(raise_request_exception=False)
    response = client.get("/crash/")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
    _assert_csp(response)


def test_pages_for_logged_in_users_are_not_stored(client: Client, zutphen: Any) -> None:
    login(client, UserFactory())
    response = client.get("/mijn/")
    assert "no-store" in response["Cache-Control"]
    assert "no-store" not in Client().get("/").get("Cache-Control", "")


def test_other_security_headers(client: Client, zutphen: Any) -> None:
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_failed_logins_lock_the_address_for_a_while(client: Client, zutphen: Any, settings: Any) -> None:
    user = UserFactory(email="slot@example.org")
    user.set_password("het-juiste-wachtwoord-123")
    user.save()
    for _ in range(5):
        response = client.post("/account/login/", {"login": "slot@example.org", "password": "fout"})
        assert response.status_code == 200
    response = client.post("/account/login/", {"login": "slot@example.org", "password": "het-juiste-wachtwoord-123"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "te vaak" in response.content.decode().lower()


def test_login_requests_beyond_the_limit_get_429(zutphen: Any, settings: Any) -> None:
    client = Client()
    statuses = [
        client.post("/account/login/", {"login": f"x{i}@example.org", "password": "fout"}).status_code
        for i in range(32)
    ]
    assert statuses[0] == 200
    assert statuses[-1] == 429


def test_signups_beyond_the_limit_get_429(zutphen: Any) -> None:
    client = Client()
    statuses = [client.post("/account/signup/", {"email": f"nieuw{i}@example.org"}).status_code for i in range(22)]
    assert statuses[0] == 302
    assert 429 in statuses


def test_code_requests_for_one_address_are_limited(zutphen: Any) -> None:
    from django.core import mail

    UserFactory(email="code@example.org")
    statuses = [Client().post("/account/login/code/", {"email": "code@example.org"}).status_code for _ in range(5)]
    assert statuses == [302, 302, 302, 200, 200]  # the fourth and fifth get "try again later"
    assert len(mail.outbox) == 3


def test_code_requests_beyond_the_limit_get_429(zutphen: Any) -> None:
    client = Client()
    statuses = [client.post("/account/login/code/", {"email": f"a{i}@example.org"}).status_code for i in range(22)]
    assert statuses[0] == 302
    assert statuses[-1] == 429


def test_the_429_page_is_dutch_and_has_a_csp(zutphen: Any) -> None:
    client = Client()
    for i in range(20):
        client.post("/account/signup/", {"email": f"b{i}@example.org"})
    response = client.post("/account/signup/", {"email": "nog-een@example.org"})
    assert response.status_code == 429
    assert 'lang="nl"' in response.content.decode()
    _assert_csp(response)


def test_check_deploy_is_clean_with_production_settings(tmp_path: Any) -> None:
    environment = {
        **os.environ,
        "SECURE_HTTPS": "true",
        "SECRET_KEY": "x" * 60 + "-production-like-secret-key-for-the-deploy-check",
        "ALLOWED_HOSTS": "wijkbasis.example.nl",
        "BASE_URL": "https://wijkbasis.example.nl",
        "WIJKBASIS_DATA_DIR": str(tmp_path),
        "DEBUG": "false",
    }
    result = subprocess.run(
        [sys.executable, "-m", "wijkbasis", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# ---------------------------------------------------------------------------
# Control characters in any parameter (core.middleware.InputCleaningMiddleware)


def test_control_characters_are_removed_from_every_key_and_value(zutphen: Any, settings: Any) -> None:
    settings.ROOT_URLCONF = "wijkbasis.core.tests.urls_echo"
    response = Client().post(
        "/echo/?wijk=%00&a%00b=1&q=tuin%1b%7f%c2%85werk",
        {"naam": "Aad\x00\x08 Inwoner", "tekst": "regel 1\r\nregel\t2", "lijst": ["x\x00", "y"]},
        HTTP_COOKIE="taal\x01=n\x00l",
    )
    received = response.json()
    assert received["get"] == [["wijk", [""]], ["ab", ["1"]], ["q", ["tuinwerk"]]]
    assert received["post"] == [["naam", ["Aad Inwoner"]], ["tekst", ["regel 1\r\nregel\t2"]], ["lijst", ["x", "y"]]]
    assert ["taal", "nl"] in received["cookies"]


def test_passwords_are_checked_exactly_as_typed(zutphen: Any, settings: Any) -> None:
    """ASVS 6.2.8: no change to a password; it is hashed, never stored, so NUL cannot reach the database."""
    settings.ROOT_URLCONF = "wijkbasis.core.tests.urls_echo"
    received = Client().post("/echo/", {"password": "ge\x01heim\x00", "naam": "a\x01"}).json()
    assert received["post"] == [["password", ["ge\x01heim\x00"]], ["naam", ["a"]]]


def test_a_request_without_control_characters_is_passed_on_as_it_is(zutphen: Any, settings: Any) -> None:
    settings.ROOT_URLCONF = "wijkbasis.core.tests.urls_echo"
    received = Client().post("/echo/?q=tuin&q=werk", {"naam": "Zoë ‘Ö’ 😀"}).json()
    assert received["get"] == [["q", ["tuin", "werk"]]]
    assert received["post"] == [["naam", ["Zoë ‘Ö’ 😀"]]]


@pytest.mark.parametrize(
    "url",
    [
        "/vrijwilligerswerk/?wijk=%00",
        "/vrijwilligerswerk/?vaardigheid=%00",
        "/vrijwilligerswerk/?a%00b=1",
        "/vrijwilligerswerk/?q=tuin%00&postcode=7201%00AB",
        "/werkplek/inwoners/?q=%00",
    ],
)
def test_nul_in_a_query_parameter_is_a_clean_answer(zutphen: Any, url: str) -> None:
    """PostgreSQL refuses NUL in text: these were 500s there."""
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code in (200, 302)


def test_nul_in_a_saved_search_query_is_a_clean_answer(zutphen: Any) -> None:
    """The saved search carries the search's own query string inside a form value."""
    from wijkbasis.volunteering.models import SavedSearch

    client = Client(raise_request_exception=False)
    for query in ("wijk=%00", "wijk=\x00", "q=tuin%00&vaardigheid=%00"):
        response = client.post("/vrijwilligerswerk/bewaren/", {"query": query, "email": "zoek@example.org"})
        assert response.status_code in (200, 302), query
    assert not any("\x00" in saved.query or "%00" in saved.query for saved in SavedSearch.objects.all())


def test_nul_in_the_session_cookie_is_a_clean_answer(zutphen: Any, settings: Any) -> None:
    client = Client(raise_request_exception=False)
    client.cookies[settings.SESSION_COOKIE_NAME] = "abcdefgh\x00ijklmnop"
    assert client.get("/mijn/").status_code == 302


# ---------------------------------------------------------------------------
# Ids no integer column can hold (core/lookups.py)

HUGE = "99999999999999999999999999999"


@pytest.mark.parametrize("field", ["skills", "interests", "districts"])
def test_a_model_choice_beyond_any_id_is_a_form_error(zutphen: Any, field: str) -> None:
    """Was OverflowError (500) on SQLite."""
    from wijkbasis.volunteering.models import TalentProfile

    client = login(Client(raise_request_exception=False), UserFactory())
    for value in (HUGE, f"-{HUGE}"):
        response = client.post("/mijn/talenten/", {field: value})
        assert response.status_code == 200
        assert "geen beschikbare keuze" in response.content.decode()
    assert not TalentProfile.objects.exists()


def test_in_lookups_leave_out_values_no_row_can_have(zutphen: Any) -> None:
    from django import forms

    from wijkbasis.areas.models import District

    district = District.objects.order_by("pk")[0]
    assert list(District.objects.filter(pk__in=[int(HUGE), -int(HUGE), district.pk])) == [district]
    assert not District.objects.filter(pk__in=[int(HUGE)]).exists()
    assert District.objects.exclude(pk__in=[int(HUGE)]).count() == District.objects.count()

    class Form(forms.Form):
        districts = forms.ModelMultipleChoiceField(queryset=District.objects.all())

    form = Form({"districts": [str(district.pk), HUGE]})
    assert not form.is_valid()
    assert form.errors.as_data()["districts"][0].code == "invalid_choice"


# ---------------------------------------------------------------------------
# Mails a stranger can cause: one budget per IP address (accounts/ratelimits.py), a limit per
# recipient (core.mail, MAIL_PER_ADDRESS_LIMIT)


def test_login_codes_for_unknown_accounts_through_the_login_page_get_429_beyond_the_ip_budget(
    zutphen: Any,
) -> None:
    """The login page sends a code when only an address is typed; it had no limit of its own."""
    from django.core import mail

    statuses = []
    for i in range(26):  # a new visitor each time, as a script would be
        statuses.append(Client().post("/account/login/", {"login": f"onbekend{i}@example.org"}).status_code)
    assert statuses[:20] == [302] * 20
    assert set(statuses[20:]) == {429}
    assert len(mail.outbox) == 20


def test_the_pages_that_mail_share_one_budget_per_ip(zutphen: Any) -> None:
    for i in range(10):
        assert Client().post("/account/login/", {"login": f"een{i}@example.org"}).status_code == 302
    for i in range(10):
        assert Client().post("/account/signup/", {"email": f"twee{i}@example.org"}).status_code == 302
    assert Client().post("/account/password/reset/", {"email": "drie@example.org"}).status_code == 429
    assert Client().post("/account/login/code/", {"email": "vier@example.org"}).status_code == 429
    # Another address has its own budget; a password login sends no mail and is not counted.
    elsewhere = Client(REMOTE_ADDR="192.0.2.7")
    assert elsewhere.post("/account/password/reset/", {"email": "drie@example.org"}).status_code == 302
    password_login = Client().post("/account/login/", {"login": "een0@example.org", "password": "fout-wachtwoord"})
    assert password_login.status_code == 200


def test_twenty_saved_searches_for_one_address_send_at_most_the_limit(
    zutphen: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    import uuid

    from django.core import mail

    sent_to = "overspoeld@example.org"
    for i in range(20):
        client = Client(REMOTE_ADDR=f"192.0.2.{i + 1}")  # from twenty addresses: the per-IP limit does not help
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/vrijwilligerswerk/bewaren/",
                {"query": f"q=tuin{i}", "email": sent_to, "form_key": str(uuid.uuid4())},
            )
        assert response.status_code == 302
    assert len([message for message in mail.outbox if sent_to in message.to]) == settings.MAIL_PER_ADDRESS_LIMIT
    # The counters hold no address (ASVS 14.2.2: no personal data in caches).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM wijkbasis_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert any("mail-limit" in key for key in keys)
    assert not any(sent_to in key for key in keys)


# ---------------------------------------------------------------------------
# Every model names itself, however empty the record (admin lists, selects, logs)


def _record_of(model: Any, *, text: str, depth: int = 0) -> Any:
    """An unsaved record as the database may hold it: every optional field empty, the required
    ones the least they take (`text` for text, which may well be empty: nothing stops a form or
    a service from saving ""), required relations to such a record of their own."""
    import datetime as dt
    import uuid

    from django.db import models
    from django.utils import timezone

    least: list[tuple[type[models.Field[Any, Any]], Any]] = [
        (models.DateTimeField, timezone.now()),
        (models.DateField, timezone.localdate()),
        (models.TimeField, dt.time(9, 0)),
        (models.DurationField, dt.timedelta(0)),
        (models.BooleanField, False),
        (models.IntegerField, 1),
        (models.FloatField, 1.0),
        (models.DecimalField, 1),
        (models.JSONField, {}),
        (models.UUIDField, uuid.uuid4()),
        (models.BinaryField, b""),
    ]
    record = model()
    for field in model._meta.concrete_fields:
        if field.primary_key or isinstance(field, models.FileField):
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            setattr(record, field.attname, timezone.now())  # what saving sets
        elif field.is_relation:
            if not field.null and depth < 3:
                setattr(record, field.name, _record_of(field.related_model, text=text, depth=depth + 1))
        elif not field.null and not field.has_default():
            value = next((value for kind, value in least if isinstance(field, kind)), text)
            if field.choices and not isinstance(field, (models.CharField, models.TextField)):
                value = field.choices[0][0]
            setattr(record, field.attname, value)
    return record


@pytest.mark.parametrize("text", ["", "x"], ids=["empty-text", "some-text"])
def test_every_model_names_an_empty_record_with_a_string(text: str) -> None:
    """str() of a record with empty fields was a lazy string for a resident without a name: a 500
    in the management site's lists. Every installed model, ours and the libraries'."""
    from django.apps import apps

    problems = []
    for model in apps.get_models():
        try:
            named = str(_record_of(model, text=text))
        except Exception as error:  # every kind of failure is the finding
            problems.append(f"{model._meta.label}: {type(error).__name__}: {error}")
        else:
            if type(named) is not str:
                problems.append(f"{model._meta.label}: {type(named).__name__}")
    assert problems == []
