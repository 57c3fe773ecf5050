"""Every mail the platform can send, rendered in Dutch and in English: nothing left empty, every
link absolute, signed by the welfare organisation — and the ones people meet most, end to end.

A mail template (`*_subject.txt`) without an example below fails the first test: add its
example context to EXAMPLES when you add a mail.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings

import wijkbasis
from wijkbasis.core.mail import render_mail, sender_name

pytestmark = pytest.mark.django_db

PACKAGE = Path(wijkbasis.__file__).parent
#: A variable a template uses but the context does not give renders as this, and fails the test.
MISSING = "«MISSING %s»"
URL = "https://wijkbasis.example.nl/pagina/"


def _templates() -> set[str]:
    return {
        re.sub(r"^.*?/templates/", "", path.as_posix()).removesuffix("_subject.txt")
        for path in PACKAGE.glob("*/templates/**/*_subject.txt")
    }


def _examples(zutphen: Any) -> dict[str, Callable[[], dict[str, Any]]]:
    """A realistic context per mail template (what its sending code passes)."""
    from wijkbasis.accounts.tests.factories import UserFactory
    from wijkbasis.areas.tests.factories import OrganisationFactory
    from wijkbasis.volunteering.models import SavedSearch
    from wijkbasis.volunteering.tests.conftest import make_vacancy

    user = UserFactory(name="Fatima Yusuf", email="fatima@example.org")
    vacancy = make_vacancy(
        OrganisationFactory(municipality=zutphen, name="Kinderboerderij"),
        title="Dieren voeren",
        expires_on=dt.date(2027, 3, 1),
    )
    search = SavedSearch(email="zoeker@example.org", query="q=tuin", label="passend bij “tuin”", token="t0k3n")
    code = {"code": "KDLB-WPRT", "user": user, "email": user.email}
    plain = {"user": user, "email": user.email}
    return {
        "account/email/login_code": lambda: code,
        "account/email/email_confirmation": lambda: {**code, "activate_url": URL},
        "account/email/email_confirmation_signup": lambda: {**code, "activate_url": URL},
        "account/email/unknown_account": lambda: {"email": "onbekend@example.org", "signup_url": URL},
        "account/email/account_already_exists": lambda: {**plain, "password_reset_url": URL},
        "account/email/password_reset_key": lambda: {**plain, "password_reset_url": URL},
        "account/email/password_reset": lambda: {**plain, "password_reset_url": URL},
        "account/email/password_reset_code": lambda: code,
        "account/email/password_changed": lambda: plain,
        "account/email/password_set": lambda: plain,
        "account/email/email_changed": lambda: {**plain, "from_email": "oud@example.org", "to_email": user.email},
        "account/email/email_confirm": lambda: plain,
        "account/email/email_deleted": lambda: {**plain, "deleted_email": "oud@example.org"},
        "mfa/email/totp_activated": lambda: plain,
        "mfa/email/totp_deactivated": lambda: plain,
        "mfa/email/recovery_codes_generated": lambda: plain,
        "mfa/email/webauthn_added": lambda: plain,
        "mfa/email/webauthn_removed": lambda: plain,
        "accounts/email/link_request": lambda: {"team_name": "Waterkwartier", "confirm_url": URL, "days": 14},
        "volunteering/email/confirm_search": lambda: {"search": search, "confirm_url": URL, "stop_url": URL},
        "volunteering/email/weekly_digest": lambda: {"search": search, "vacancies": [vacancy], "stop_url": URL},
        "volunteering/email/new_response": lambda: {"vacancy": vacancy, "url": URL},
        "volunteering/email/expiry_reminder": lambda: {"vacancy": vacancy, "url": URL},
        "volunteering/email/review_waiting": lambda: {"kind": "organisation", "name": "Skatebaan", "url": URL},
        "volunteering/email/vacancy_closed": lambda: {
            "vacancy": vacancy,
            "filled": True,
            "similar": [vacancy],
            "search_url": URL,
        },
        **_buurtservice_examples(zutphen),
    }


def _buurtservice_examples(zutphen: Any) -> dict[str, Callable[[], dict[str, Any]]]:
    """The mails of Buurtservice (buurtservice.services.notify), with what they are given."""
    from wijkbasis.buurtservice.models import Service, Visit
    from wijkbasis.buurtservice.selectors import Waiting
    from wijkbasis.buurtservice.services import CANCEL_REASONS, DECLINE_REASONS
    from wijkbasis.buurtservice.waiting import Estimate

    service = Service(municipality=zutphen, phone="0575 000 300")
    visit = Visit(date=dt.date(2027, 3, 2), starts_at=dt.time(9, 0), ends_at=dt.time(11, 30))
    waiting = Waiting(place=None, estimate=Estimate(weeks=3, per_week=2.0, ahead=5), weeks_counted=12)
    base = {"category": "Tuin", "status_url": URL, "service": service, "note": "", "for_someone_else": False}
    return {
        "buurtservice/email/request_received": lambda: base,
        "buurtservice/email/request_accepted": lambda: {**base, "waiting": waiting},
        "buurtservice/email/request_declined": lambda: {**base, "reason": DECLINE_REASONS["landlord"]},
        "buurtservice/email/request_cancelled": lambda: {**base, "reason": CANCEL_REASONS["no_contact"]},
        "buurtservice/email/visit_planned": lambda: {**base, "visit": visit},
        "buurtservice/email/request_done": lambda: base,
        "buurtservice/email/new_request": lambda: {"category": "Tuin", "url": URL},
    }


def _problems(template: str, language: str, subject: str, body: str) -> list[str]:
    where = f"{template} ({language})"
    problems = []
    for part, text in (("subject", subject), ("body", body)):
        if "«MISSING" in text:
            problems.append(f"{where} {part}: a placeholder has no value: {re.findall(r'«MISSING [^»]*»', text)}")
        if re.search(r"\{\{|\{%|%\(\w+\)s", text):
            problems.append(f"{where} {part}: template syntax left in the text")
        if re.search(r"\s[,.!?;:](\s|$)", text) or "()" in text:
            problems.append(f"{where} {part}: punctuation after a gap, something is empty")
    if not subject.strip():
        problems.append(f"{where}: empty subject")
    for link in re.findall(r"(?:^|\s)(/[\w\-/.?=&%]+)", body):
        problems.append(f"{where}: relative link {link}")
    if "Perspectief Zutphen" not in body:
        problems.append(f"{where}: not signed by the welfare organisation")
    return problems


def test_every_mail_renders_in_dutch_and_english_without_gaps_or_relative_links(zutphen: Any) -> None:
    examples = _examples(zutphen)
    assert _templates() == set(examples), "every mail template needs an example context here"
    engine = {**settings.TEMPLATES[0], "OPTIONS": {**settings.TEMPLATES[0]["OPTIONS"], "string_if_invalid": MISSING}}
    problems = []
    with override_settings(TEMPLATES=[engine]):
        for template, example in sorted(examples.items()):
            # As send_templated_mail gives every template: the sender's name, the site, the recipient.
            context = {
                "site_name": sender_name(zutphen),
                "base_url": settings.BASE_URL,
                "email": "ontvanger@example.org",
                "user": None,
                **example(),
            }
            for language in ("nl", "en"):
                subject, body, _html = render_mail(template, context, language=language)
                problems += _problems(template, language, subject, body)
            dutch, english = (render_mail(template, context, language=code)[0] for code in ("nl", "en"))
            if dutch == english and template != "account/email/password_reset_code":
                problems.append(f"{template}: the subject is not translated")
    assert not problems, "\n".join(problems)


def test_the_login_code_mail_reads_correctly_with_the_organisations_name(zutphen: Any) -> None:
    from allauth.account.models import EmailAddress

    from wijkbasis.accounts.models import User

    user = User.objects.create_user("bewoner@example.org", name="Kees")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = Client().post("/account/login/", {"login": user.email})
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.subject == "Je code om in te loggen bij Perspectief Zutphen"
    assert message.from_email.startswith("Perspectief Zutphen <")
    assert re.search(r"\n[A-Z0-9]{4}-?[A-Z0-9]{4}\n", str(message.body))
    assert message.body.startswith("Hallo,") and message.body.rstrip().endswith("Perspectief Zutphen")
    assert "Hallo van" not in message.body and "browser venster" not in message.body
    assert not _problems("login code", "nl", message.subject, str(message.body))
