from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wijkbasis.core.access_log import client_address
from wijkbasis.core.mail import send_templated_mail


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


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _("This code is not right. Type the code your app shows now; it changes every 30 seconds."),
    }
