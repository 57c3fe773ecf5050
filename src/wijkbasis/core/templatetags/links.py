"""Absolute addresses in templates rendered without a request (e-mails): `{{ path|absolute }}`."""

from __future__ import annotations

from django import template

from wijkbasis.core.links import absolute_url

register = template.Library()


@register.filter
def absolute(path: str) -> str:
    return absolute_url(str(path))
