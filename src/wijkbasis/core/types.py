"""Types the whole project shares in annotations."""

from __future__ import annotations

from django.http import HttpRequest as DjangoHttpRequest
from django_htmx.middleware import HtmxDetails


class HttpRequest(DjangoHttpRequest):
    """A request as our views get it: django-htmx's middleware has set `request.htmx`.

    Only for annotations (the pattern django-htmx documents); Django builds the real request.
    """

    htmx: HtmxDetails
