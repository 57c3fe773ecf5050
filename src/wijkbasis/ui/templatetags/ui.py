from __future__ import annotations

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def tel_href(phone: str) -> str:
    """'06 - 12 34 56 78' → '+31612345678' for tel: links; Dutch numbers get +31."""
    digits = re.sub(r"[^\d+]", "", phone or "")
    if digits.startswith("00"):
        return "+" + digits[2:]
    if digits.startswith("0"):
        return "+31" + digits[1:]
    return digits


@register.filter
def breakable_email(address: str) -> str:
    """An e-mail address that may wrap after "@" and before a dot, never in the middle of a word
    (narrow columns: posters, phones). Escaped first, so safe to show."""
    escaped = conditional_escape(address or "")
    local, at, domain = escaped.partition("@")
    return mark_safe(local + (at + "<wbr>" + domain.replace(".", "<wbr>.") if at else ""))  # escaped above
