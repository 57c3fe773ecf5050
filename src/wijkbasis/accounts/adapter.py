from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from wijkbasis.core.email import queue_email


class AccountAdapter(DefaultAccountAdapter):
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
