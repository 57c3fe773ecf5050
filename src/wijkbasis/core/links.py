"""Absolute addresses of pages, for QR codes, posters and e-mails."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def absolute_url(path: str, request: HttpRequest | None = None) -> str:
    """BASE_URL + path when BASE_URL is set; else the address of this request. E-mails are
    rendered by the task worker, without a request: they need BASE_URL (`check --deploy` says so)."""
    if settings.BASE_URL:
        return f"{settings.BASE_URL}{path}"
    if request is not None:
        return request.build_absolute_uri(path)
    return path
