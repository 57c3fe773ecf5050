from __future__ import annotations

import base64
import time
from functools import cache
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wijkbasis.core.access_log import client_address
from wijkbasis.core.mail import send_templated_mail

#: The session key where the login form keeps "stay logged in" until the login is complete.
REMEMBER_SESSION_KEY = "wijkbasis_remember"


def remember_choice(*, email: str, remember: bool) -> dict[str, Any]:
    """What the login form stores: for which address, and when (a choice is not kept forever)."""
    return {"email": email.strip().lower(), "remember": bool(remember), "at": time.time()}


def remembers(choice: Any, user: Any) -> bool:
    """Whether a stored choice says to remember this user's login: made for their address,
    within allauth's time for a login (LOGIN_TIMEOUT)."""
    from allauth.account import app_settings

    if not isinstance(choice, dict) or not choice.get("remember"):
        return False
    fresh = time.time() - float(choice.get("at") or 0) <= app_settings.LOGIN_TIMEOUT
    return fresh and str(choice.get("email", "")) == (getattr(user, "email", "") or "").lower()


class AccountAdapter(DefaultAccountAdapter):
    #: The messages people meet most, in plain language; the rest stay allauth's own.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "incorrect_code": _("This code is not right. Look at the code in the e-mail again and type it over."),
        "incorrect_password": _("This password is not right. Try again."),
        "email_password_mismatch": _(
            "The e-mail address or the password is not right. Try again, or log in with a code by e-mail."
        ),
        "too_many_login_attempts": _("You tried too often. Wait a few minutes, then try again."),
        "rate_limited": _("You tried too often in a short time. Wait a minute, then try again."),
    }

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """allauth's mails through the one mail helper: our templates (accounts/templates/account/
        email/), in the recipient's language, from the welfare organisation, sent by the task
        worker. Anyone can make allauth mail an address (a login code, "no account with this
        address"), so these are limited per address."""
        user = context.get("user")
        values = {name: value for name, value in context.items() if name not in ("request", "current_site")}
        send_templated_mail(
            template_prefix,
            to=[user if user is not None and getattr(user, "email", "") == email else email],
            context=values,
            language=translation.get_language(),
            limit="account",
        )

    def get_client_ip(self, request: HttpRequest) -> str:
        """The same address as the access log: X-Forwarded-For only from TRUSTED_PROXIES."""
        return client_address(request) or super().get_client_ip(request)

    def login(self, request: HttpRequest, user: Any) -> None:
        """Every login ends with the browser, unless the person ticked "Stay logged in on this
        device" on the login form (accounts.forms.LoginForm keeps that choice in the session while
        the code is on its way): allauth honours the box only for a password. Staff sessions end
        with the browser anyway, and after STAFF_IDLE_MINUTES (accounts/middleware.py)."""
        choice = request.session.get(REMEMBER_SESSION_KEY)
        super().login(request, user)
        request.session.pop(REMEMBER_SESSION_KEY, None)
        request.session.set_expiry(settings.SESSION_COOKIE_AGE if remembers(choice, user) else 0)
        from wijkbasis.accounts.middleware import LOGGED_IN_AT_SESSION_KEY

        request.session[LOGGED_IN_AT_SESSION_KEY] = time.time()

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        return reverse("accounts:start")

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=commit)
        user.language = translation.get_language() or user.language
        if commit:
            from wijkbasis.accounts.services import ensure_resident_for_user

            user.save(update_fields=["language"])
            ensure_resident_for_user(user=user)
        return user


# ---------------------------------------------------------------------------
# Two-step verification secrets, encrypted at rest
#
# allauth keeps each authenticator app's TOTP secret and the seed of the recovery codes in
# Authenticator.data. Whoever reads that row (an administrator, a database backup) could make
# the person's codes and act as them; so they are stored encrypted with Fernet (AES-128-CBC with
# HMAC-SHA256, from `cryptography`) under MFA_SECRET_KEY, a key the database does not hold.

#: Marks an encrypted value; a value without it was stored before encryption (migration 0004
#: of accounts encrypts those) and is read as it is.
ENCRYPTED_PREFIX = "fernet:"


def derived_key(secret_key: str) -> bytes:
    """A Fernet key derived from Django's SECRET_KEY, for installations that set no MFA_SECRET_KEY."""
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"wijkbasis two-step verification secrets")
    return base64.urlsafe_b64encode(key.derive(secret_key.encode()))


@cache
def _fernet(keys: tuple[str, ...], secret_key: str) -> MultiFernet:
    try:
        fernets = [Fernet(key.encode()) for key in keys] or [Fernet(derived_key(secret_key))]
    except ValueError as error:
        raise ImproperlyConfigured(
            "MFA_SECRET_KEY must be Fernet keys (32 url-safe base64-encoded bytes), separated by commas"
        ) from error
    return MultiFernet(fernets)


def secret_box() -> MultiFernet:
    """The first key of MFA_SECRET_KEY encrypts; every key in it decrypts (rotation)."""
    return _fernet(tuple(settings.MFA_SECRET_KEY), settings.SECRET_KEY)


def encrypt_secret(text: str) -> str:
    return ENCRYPTED_PREFIX + secret_box().encrypt(text.encode()).decode()


def decrypt_secret(stored: str) -> str:
    if not stored.startswith(ENCRYPTED_PREFIX):
        return stored
    try:
        return secret_box().decrypt(stored.removeprefix(ENCRYPTED_PREFIX).encode()).decode()
    except InvalidToken as error:
        # Never a made-up secret instead: recovery codes would follow from it.
        raise ImproperlyConfigured(
            "A two-step verification secret cannot be decrypted: MFA_SECRET_KEY (or SECRET_KEY, when "
            "MFA_SECRET_KEY is empty) is not the key it was encrypted with. Add the old key after the new one."
        ) from error


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _("This code is not right. Type the code your app shows now; it changes every 30 seconds."),
    }

    def encrypt(self, text: str) -> str:
        return encrypt_secret(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt_secret(encrypted_text)
