"""Accounts in a real headless Chromium: signing up and logging in by e-mail code, two-step
verification for staff, and axe-core on every account page at 1280 and 320 px."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from conftest import assert_no_axe_violations, found
from django.core import mail
from django.core.cache import cache

from wijkbasis.accounts.models import User
from wijkbasis.areas.models import NeighbourhoodTeam, TeamMember

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE, NARROW = 1280, 320


@pytest.fixture(autouse=True)
def fresh_rate_limits(db: None) -> Iterator[None]:
    # Rate-limit counters live in the database cache, which is not emptied between tests.
    cache.clear()
    yield
    cache.clear()


def check_page(page: Any, label: str) -> None:
    """axe-core finds nothing at 1280 and at 320 px, and nothing sticks out sideways at 320 px."""
    for width in (WIDE, NARROW):
        page.set_viewport_size({"width": width, "height": 900})
        assert_no_axe_violations(page, label=f"{label} at {width}px")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{label}: scrolls sideways at {width}px"
    page.set_viewport_size({"width": WIDE, "height": 900})


def code_from_mail(address: str) -> str:
    """The code in the last e-mail to this address: the line that holds nothing but the code."""
    messages = [message for message in mail.outbox if address in message.to]
    assert messages, f"no e-mail to {address}"
    return found(r"^\s*([A-Z0-9]{4,}(?:-[A-Z0-9]{4,})*)\s*$", messages[-1].body, re.MULTILINE).group(1)


def totp_code(secret: str) -> str:
    """The code the authenticator app shows now. Close to the end of its 30 seconds, wait for
    the next one: the server accepts only the current code."""
    if time.time() % 30 > 27:
        time.sleep(30 - time.time() % 30 + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def submit(page: Any, button: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()


def test_resident_signs_up_and_logs_in_by_code(page: Any, live_server: Any, zutphen: Any, locatieserver: Any) -> None:
    email = "fatima@example.org"

    # Sign up with only an e-mail address; a typing error first keeps what was typed.
    page.goto(live_server.url + "/account/signup/")
    check_page(page, "sign-up")
    page.get_by_role("textbox", name="E-mailadres").fill("fatima@example")
    submit(page, "Maak mijn account")
    assert page.get_by_role("textbox", name="E-mailadres").input_value() == "fatima@example"
    assert "geldig e-mailadres" in page.locator(".utrecht-form-field-error-message").inner_text()
    check_page(page, "sign-up with an error")
    page.get_by_role("textbox", name="E-mailadres").fill(email)
    submit(page, "Maak mijn account")

    # Confirm the address with the code from the e-mail.
    page.wait_for_url("**/account/confirm-email/")
    assert email in page.locator("main").inner_text()
    check_page(page, "confirm e-mail code")
    page.get_by_role("textbox", name="Code uit de e-mail").fill(code_from_mail(email))
    submit(page, "Bevestigen")

    # Logged in, on their own page: fill in name and postcode.
    page.wait_for_url("**/mijn/")
    check_page(page, "my details (new)")
    page.get_by_role("textbox", name="Naam").fill("Fatima el Amrani")
    page.get_by_role("textbox", name="Postcode").fill("7201 ab")
    submit(page, "Opslaan")
    page.wait_for_url("**/mijn/")
    assert page.get_by_role("textbox", name="Naam").input_value() == "Fatima el Amrani"
    check_page(page, "my details (saved)")

    for path, label in [
        ("/mijn/gegevens/", "everything we have"),
        ("/mijn/wie-keek/", "who looked"),
        ("/mijn/verwijderen/", "delete my account"),
        ("/account/2fa/", "log-in and security"),
        ("/account/email/", "e-mail management"),
        ("/account/password/set/", "password set"),
    ]:
        page.goto(live_server.url + path)
        check_page(page, label)

    # Log out, through the confirmation page.
    page.goto(live_server.url + "/account/logout/")
    check_page(page, "log-out confirmation")
    page.locator("main").get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(live_server.url + "/")

    # Log in again by code. A wrong code first: a Dutch message, and the page still works.
    page.goto(live_server.url + "/mijn/")
    page.wait_for_url("**/account/login/?next=/mijn/")
    check_page(page, "log-in")
    page.get_by_role("textbox", name="E-mailadres").fill(email)
    submit(page, "Stuur mij een code")
    page.wait_for_url("**/account/login/code/confirm/**")
    check_page(page, "confirm log-in code")
    page.get_by_role("textbox", name="Code uit de e-mail").fill("ABCD-EFGH")
    submit(page, "Bevestigen")
    error = page.locator(".utrecht-form-field-error-message")
    assert "Deze code klopt niet" in error.inner_text()
    assert page.get_by_role("textbox", name="Code uit de e-mail").input_value() == "ABCD-EFGH"
    check_page(page, "confirm log-in code with an error")
    page.get_by_role("textbox", name="Code uit de e-mail").fill(code_from_mail(email))
    submit(page, "Bevestigen")
    page.wait_for_url("**/mijn/")
    assert page.get_by_role("textbox", name="Naam").input_value() == "Fatima el Amrani"
    assert "Centrum - De Hoven" in page.locator("main").inner_text()


def test_request_code_page_and_password_login(page: Any, live_server: Any, zutphen: Any) -> None:
    user = User.objects.create_user("kees@example.org", password="een lang wachtwoord")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    page.goto(live_server.url + "/account/login/code/")
    check_page(page, "request code")

    # The password is the second way: behind "Log in with a password". A wrong one keeps the address.
    page.goto(live_server.url + "/account/login/")
    page.get_by_role("textbox", name="E-mailadres").fill(user.email)
    page.get_by_text("Inloggen met een wachtwoord").click()
    page.get_by_label("Wachtwoord", exact=True).fill("fout wachtwoord")
    submit(page, "Inloggen met wachtwoord")
    assert "wachtwoord klopt niet" in page.locator("main .utrecht-alert").inner_text()
    assert page.get_by_role("textbox", name="E-mailadres").input_value() == user.email
    check_page(page, "log-in with a wrong password")
    page.get_by_label("Wachtwoord", exact=True).fill("een lang wachtwoord")
    submit(page, "Inloggen met wachtwoord")
    page.wait_for_url("**/mijn/")

    # A password user confirms with the password before sensitive changes.
    page.goto(live_server.url + "/account/reauthenticate/")
    check_page(page, "reauthenticate with password")


def test_staff_logs_in_by_code_and_sets_up_two_step_verification(page: Any, live_server: Any, zutphen: Any) -> None:
    email = "eva.brouwer@example.org"
    # As an account made for someone (accounts.services.link_resident_to_account): the address
    # is confirmed by the first login code.
    user = User.objects.create_user(email)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    TeamMember.objects.create(
        team=NeighbourhoodTeam.objects.get(slug="waterkwartier"),
        user=user,
        name="Eva Brouwer-Test",
        slug="eva-brouwer-test",
        role=TeamMember.Role.COMMUNITY_BROKER,
    )

    page.goto(live_server.url + "/account/login/")
    page.get_by_role("textbox", name="E-mailadres").fill(email)
    submit(page, "Stuur mij een code")
    page.get_by_role("textbox", name="Code uit de e-mail").fill(code_from_mail(email))
    submit(page, "Bevestigen")

    # Staff must set up two-step verification before anything else.
    page.wait_for_url("**/account/2fa/totp/activate/**")
    assert "tweestapsverificatie" in page.locator(".wb-messages").inner_text().lower()
    check_page(page, "TOTP activation")
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_role("textbox", name="Code uit de app").fill("000000")
    submit(page, "Activeren")
    assert "Deze code klopt niet" in page.locator(".utrecht-form-field-error-message").inner_text()
    check_page(page, "TOTP activation with an error")
    page.get_by_role("textbox", name="Code uit de app").fill(totp_code(secret))
    submit(page, "Activeren")

    # The recovery codes come next; seeing them asks for a code from the app first, which
    # also completes the two-step verification for this session.
    page.wait_for_url("**/account/2fa/reauthenticate/?next=%2Faccount%2F2fa%2Frecovery-codes%2F")
    check_page(page, "reauthenticate with the app")
    page.get_by_role("textbox", name="Code uit de app").fill(totp_code(secret))
    submit(page, "Bevestigen")
    page.wait_for_url("**/account/2fa/recovery-codes/")
    assert len(page.locator("#recovery_codes").input_value().split()) == 10
    check_page(page, "recovery codes")
    page.goto(live_server.url + "/account/2fa/")
    check_page(page, "log-in and security with the app active")
    page.goto(live_server.url + "/werkplek/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Fijn dat je er bent")

    # Next time: the code by e-mail, then the code from the app.
    page.locator("header").get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(live_server.url + "/")
    cache.clear()  # the app's code may be used only once
    page.goto(live_server.url + "/account/login/")
    page.get_by_role("textbox", name="E-mailadres").fill(email)
    submit(page, "Stuur mij een code")
    page.get_by_role("textbox", name="Code uit de e-mail").fill(code_from_mail(email))
    submit(page, "Bevestigen")
    page.wait_for_url("**/account/2fa/authenticate/")
    check_page(page, "two-step verification at log-in")
    page.get_by_role("textbox", name="Code uit de app").fill(totp_code(secret))
    submit(page, "Inloggen")
    page.wait_for_url("**/werkplek/")


def test_too_many_attempts_page(page: Any, live_server: Any, settings: Any) -> None:
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "1/m/ip"}
    for _ in range(2):
        page.context.clear_cookies()  # no login half-way: the log-in page itself again
        page.goto(live_server.url + "/account/login/")
        page.get_by_role("textbox", name="E-mailadres").fill("iemand@example.org")
        submit(page, "Stuur mij een code")
    assert page.get_by_role("heading", level=1).inner_text() == "Te vaak geprobeerd"
    check_page(page, "429")


def test_security_key_works_under_the_content_security_policy(page: Any, live_server: Any) -> None:
    """allauth's WebAuthn scripts come from static files and read their data from JSON blocks,
    so the strict CSP lets them run: a (virtual) security key is added and used to log in."""
    email = "sleutel@example.org"
    user = User.objects.create_user(email)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))

    page.goto(live_server.url + "/account/login/")
    page.get_by_role("textbox", name="E-mailadres").fill(email)
    submit(page, "Stuur mij een code")
    page.get_by_role("textbox", name="Code uit de e-mail").fill(code_from_mail(email))
    submit(page, "Bevestigen")
    page.wait_for_url("**/mijn/")

    page.goto(live_server.url + "/account/2fa/webauthn/add/")
    check_page(page, "add a security key")
    page.get_by_role("textbox", name="Naam van de sleutel").fill("Mijn sleutel")
    page.get_by_role("button", name="Toevoegen", exact=True).click()
    # The new recovery codes come next; first confirm that it is you, with the key as well.
    page.wait_for_url("**/account/2fa/reauthenticate/?next=*")
    page.get_by_role("link", name="Gebruik een beveiligingssleutel").click()
    page.wait_for_url("**/account/2fa/webauthn/reauthenticate/?next=*")
    check_page(page, "reauthenticate with a security key")
    page.locator("main").get_by_role("button", name="Gebruik een beveiligingssleutel").click()
    page.wait_for_url("**/account/2fa/recovery-codes/")
    page.goto(live_server.url + "/account/2fa/webauthn/")
    assert "Mijn sleutel" in page.locator("main").inner_text()
    check_page(page, "security keys")

    page.locator("header").get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(live_server.url + "/")
    page.goto(live_server.url + "/account/login/")
    page.get_by_role("textbox", name="E-mailadres").fill(email)
    submit(page, "Stuur mij een code")
    page.get_by_role("textbox", name="Code uit de e-mail").fill(code_from_mail(email))
    submit(page, "Bevestigen")
    page.wait_for_url("**/account/2fa/authenticate/")
    check_page(page, "two-step verification at log-in, with a security key")
    page.get_by_role("button", name="Gebruik een beveiligingssleutel").click()
    page.wait_for_url("**/mijn/")
    assert not [text for text in console if "Content Security Policy" in text], console


def test_the_code_page_sends_a_new_code_and_goes_back(page: Any, live_server: Any, zutphen: Any) -> None:
    email = "hodan@example.org"
    user = User.objects.create_user(email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    page.goto(live_server.url + "/account/login/")
    page.get_by_role("textbox", name="E-mailadres").fill(email)
    submit(page, "Stuur mij een code")
    page.wait_for_url("**/account/login/code/confirm/**")
    first = code_from_mail(email)
    resend = page.get_by_role("button", name=re.compile("Send a new code|Stuur een nieuwe code"))
    check_page(page, "code page with 'send a new code'")
    resend.click()
    page.wait_for_load_state()
    second = code_from_mail(email)
    assert second != first
    check_page(page, "code page after a new code")

    # Back to type another address, by keyboard.
    back = page.get_by_role("button", name=re.compile("another e-mail address|ander e-mailadres", re.IGNORECASE))
    back.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/account/login/")
    assert page.get_by_role("textbox", name="E-mailadres").input_value() == ""
    check_page(page, "log-in after starting again")
