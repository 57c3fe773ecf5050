from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wijkbasis.core.email import queue_email


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
        """Render in the recipient's language now; send later, from the task worker."""
        user = context.get("user")
        language = getattr(user, "language", None) or translation.get_language()
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        queue_email(message)

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
