"""The register of processing activities (verwerkingsregister, AVG article 30).

Every access-log entry names the processing activity it was part of: why the data was used.
Apps declare their activities in `<app>/processing.py` (imported by `ready()`);
`docs/processing-register.md` is generated from this registry (`wijkbasis processing-register`)
and a test keeps the file and the code in step.

The fields follow the VNG model of *verwerkingenlogging*: an activity has a name, a purpose,
a legal basis, the kinds of data, a retention period and a confidentiality
(vertrouwelijkheid) that every entry logged for it carries.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Confidentiality(StrEnum):
    """VNG verwerkingenlogging: vertrouwelijkheid of the processing."""

    NORMAL = "normaal"
    CONFIDENTIAL = "vertrouwelijk"


class LegalBasis(StrEnum):
    """AVG article 6(1)."""

    CONSENT = "consent (AVG 6.1.a)"
    CONTRACT = "agreement with the person (AVG 6.1.b)"
    LEGAL_OBLIGATION = "legal obligation (AVG 6.1.c)"
    PUBLIC_TASK = "task in the public interest, commissioned by the municipality (AVG 6.1.e)"
    LEGITIMATE_INTEREST = "legitimate interest (AVG 6.1.f)"


@dataclass(frozen=True)
class ProcessingActivity:
    code: str
    name: str | Promise
    purpose: str | Promise
    legal_basis: LegalBasis
    data: str | Promise
    retention: str | Promise
    confidentiality: Confidentiality = Confidentiality.CONFIDENTIAL
    app: str = ""


_ACTIVITIES: dict[str, ProcessingActivity] = {}


def register_activity(activity: ProcessingActivity) -> ProcessingActivity:
    if activity.code in _ACTIVITIES and _ACTIVITIES[activity.code] != activity:
        raise ValueError(f"Two processing activities are called {activity.code!r}")
    _ACTIVITIES[activity.code] = activity
    return activity


def activity(code: str) -> ProcessingActivity:
    """The registered activity; an unknown code is a programming error, never silently logged."""
    try:
        return _ACTIVITIES[code]
    except KeyError:
        raise ValueError(f"{code!r} is not a registered processing activity (see core/processing.py)") from None


def activities() -> list[ProcessingActivity]:
    return sorted(_ACTIVITIES.values(), key=lambda item: (item.app, item.code))


SYSTEM_RETENTION = register_activity(
    ProcessingActivity(
        code="retention",
        name=_("Removing data past its retention period"),
        purpose=_("Keep no personal data longer than needed: the nightly clean-up deletes or anonymises it."),
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        data=_("Every kind of personal data in the registry"),
        retention=_("Not applicable: this activity removes data"),
        confidentiality=Confidentiality.NORMAL,
        app="core",
    )
)
MANAGEMENT = register_activity(
    ProcessingActivity(
        code="management",
        name=_("Managing the platform"),
        purpose=_("Administrators correct data and manage accounts and roles in the management site."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        data=_("Every kind of data the management site shows"),
        retention=_("As the data itself"),
        app="core",
    )
)


def render_register() -> str:
    """docs/processing-register.md: one row per activity, generated from the code."""
    from django.utils import translation

    lines = [
        "# Processing register (verwerkingsregister)",
        "",
        "Generated from the code by `wijkbasis processing-register`; do not edit by hand. Every access-log",
        "entry names one of these activities (its `purpose`), see docs/privacy.md.",
        "",
        "| code | activity | purpose | legal basis | data | retention | confidentiality |",
        "|---|---|---|---|---|---|---|",
    ]
    with translation.override("en"):
        for item in activities():
            cells = [
                f"`{item.code}`",
                str(item.name),
                str(item.purpose),
                str(item.legal_basis),
                str(item.data),
                str(item.retention),
                str(item.confidentiality),
            ]
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"
