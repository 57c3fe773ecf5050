from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def _site_municipality() -> object:
    """The municipality the header shows on pages that are not about one: the configured
    default, or the only one. None when several share the installation without a default."""
    from wijkbasis.areas.models import Municipality

    # The header shows its name, colour and logo: not its boundary and figures (big JSON).
    municipalities = Municipality.objects.defer("boundary", "key_figures")
    if settings.DEFAULT_MUNICIPALITY:
        return municipalities.filter(code=settings.DEFAULT_MUNICIPALITY).first()
    first_two = list(municipalities[:2])
    return first_two[0] if len(first_two) == 1 else None


def site(request: HttpRequest) -> dict[str, object]:
    # Lazy: only pages whose header needs it pay the query.
    return {"site_name": settings.SITE_NAME, "site_municipality": SimpleLazyObject(_site_municipality)}
