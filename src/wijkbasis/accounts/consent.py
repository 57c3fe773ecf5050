"""What a resident can give permission for. Later modules add their purposes here."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PURPOSES: dict[str, Promise] = {
    "keep_details": _("The neighbourhood team may keep my details to help me."),
    "contact": _("The neighbourhood team may contact me about my question or request."),
    "share_with_organisation": _("My name and how to reach me may be passed on to the organisation I respond to."),
    "odd_job": _("Buurtservice may use my details to plan and do my job; the crew sees my address and phone number."),
}


def purpose_label(purpose: str) -> Promise | str:
    return PURPOSES.get(purpose, purpose)


def purpose_choices() -> list[tuple[str, Promise]]:
    return list(PURPOSES.items())
