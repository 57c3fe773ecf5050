"""System checks of wijkbasis's own settings (`wijkbasis check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def base_url_is_set(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    if settings.BASE_URL:
        return []
    return [
        Warning(
            "BASE_URL is not set: links in e-mails (login invitations, responses, saved searches, "
            "unsubscribe) will not work.",
            hint="Set BASE_URL to the public address of the site, e.g. https://wijkbasis.example.nl.",
            id="wijkbasis.W001",
        )
    ]
