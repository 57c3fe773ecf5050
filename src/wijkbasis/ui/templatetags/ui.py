from __future__ import annotations

import re

from django import template

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
