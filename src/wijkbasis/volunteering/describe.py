"""The one place where facts about vacancies become words: when, where, how many hours, for whom.

Every page, card, e-mail, match reason and search summary says these things through here, so
they read the same everywhere, in the active language (Dutch by default, B1), with numbers in
that language's format: "2", "2,5" — never "2.0".

- `number(2.5)` → "2,5"; `or_list([...])` → "a, b or c"; `vacancy_count(1000, more=True)` →
  "meer dan 1.000 vacatures".
- `slot_label(1, 1)` → "dinsdagmiddag"; `slots_in_words(mask)` every slot, `short=True` at most
  three, or the days and parts of the day when every day has the same parts.
- `when_in_words(vacancy)` → "Regelmatig: dinsdagmiddag", "Eenmalig: zaterdag 4 april 2026, 10:00–14:00".
- `where_in_words(vacancy)` → "Kinderboerderij De Bult, Waterkwartier", "Vanuit huis".
- `time_in_words(vacancy)` → "3 uur per week", and for a one-off task how long it takes: "4 uur".
- `suitabilities_in_words(flags)` → ["nieuwkomers en mensen die Nederlands leren", …].
- `vacancy_card(vacancy)` → all of it for a card in a list.
- `date_in_words(day)` → "23 november 2026".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wijkbasis.volunteering import slots
from wijkbasis.volunteering.models import SUITABILITY_LABELS, Suitability, Vacancy

if TYPE_CHECKING:
    from wijkbasis.volunteering.geography import Centre

DAYS = [
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
]
PARTS = [gettext_lazy("morning"), gettext_lazy("afternoon"), gettext_lazy("evening")]
#: A short description names at most this many moments; more are counted ("and 2 other moments").
SLOTS_SHOWN = 3

Number = Decimal | float | int


# ---------------------------------------------------------------------------
# Numbers and lists


def number(value: Number) -> str:
    """A number as people write it in the active language: 2 → "2", 2.5 → "2,5" (no ".0")."""
    exact = Decimal(str(value)).normalize()
    if exact == exact.to_integral_value():
        return number_format(int(exact))
    return number_format(exact)


def vacancy_count(count: int, *, more: bool = False) -> str:
    """ "1 vacancy", "20 vacancies"; for a count that stopped at its cap (core.pagination),
    "more than 1,000 vacancies"."""
    if more:
        return _("more than %(count)s vacancies") % {"count": number_format(count, force_grouping=True)}
    return ngettext("%(counter)s vacancy", "%(counter)s vacancies", count) % {"counter": number(count)}


def or_list(items: Iterable[object]) -> str:
    """ "a", "a or b", "a, b or c" in the active language."""
    words = [str(item) for item in items]
    if len(words) <= 1:
        return "".join(words)
    return _("%(items)s or %(last)s") % {"items": ", ".join(words[:-1]), "last": words[-1]}


# ---------------------------------------------------------------------------
# Days and parts of the day (slots.py)


def slot_label(day: int, part: int) -> str:
    # Translators: a day and a part of the day; in Dutch one word: "dinsdagmiddag".
    return _("%(day)s %(part)s") % {"day": DAYS[day], "part": PARTS[part]}


def slots_in_words(mask: int, *, short: bool = False) -> str:
    """Every slot: "Tuesday afternoon, Thursday afternoon". Short (cards, match reasons): the
    same when there are at most three; the days and the parts when every day has the same parts
    ("Monday, Wednesday, in the morning, afternoon"); else the first three and how many more."""
    pairs = slots.pairs(mask)
    labels = [slot_label(day, part) for day, part in pairs]
    if not short or len(labels) <= SLOTS_SHOWN:
        return ", ".join(labels)
    days = sorted({day for day, _part in pairs})
    parts = sorted({part for _day, part in pairs})
    if len(pairs) == len(days) * len(parts):
        return _("%(days)s, in the %(parts)s") % {
            "days": ", ".join(str(DAYS[day]) for day in days),
            "parts": ", ".join(str(PARTS[part]) for part in parts),
        }
    more = len(labels) - SLOTS_SHOWN
    # Translators: "Tuesday afternoon, Thursday morning, Friday morning and 2 other moments".
    return ngettext("%(slots)s and %(count)d other moment", "%(slots)s and %(count)d other moments", more) % {
        "slots": ", ".join(labels[:SLOTS_SHOWN]),
        "count": more,
    }


def date_in_words(day: dt.date) -> str:
    """ "23 november 2026" (the language's DATE_FORMAT), e.g. for a record's name (`__str__`)."""
    return date_format(day)


# ---------------------------------------------------------------------------
# A vacancy: when, where, how long, for whom


def _moment(vacancy: Vacancy) -> str:
    assert vacancy.starts_at is not None
    start = timezone.localtime(vacancy.starts_at)
    text = date_format(start, "l j F Y, H:i")
    if vacancy.ends_at:
        end = timezone.localtime(vacancy.ends_at)
        text += "–" + (date_format(end, "H:i") if end.date() == start.date() else date_format(end, "j F, H:i"))
    return text


def when_in_words(vacancy: Vacancy, *, short: bool = False) -> str:
    if vacancy.when == Vacancy.When.FLEXIBLE:
        return _("Whenever it suits you")
    if vacancy.when == Vacancy.When.ONE_OFF:
        if vacancy.starts_at:
            return _("Once: %(when)s") % {"when": _moment(vacancy)}
        described = slots_in_words(vacancy.time_slots, short=short)
        return _("Once: %(when)s") % {"when": described} if described else _("Once, on a date to agree")
    described = slots_in_words(vacancy.time_slots, short=short)
    return _("Regularly: %(when)s") % {"when": described} if described else _("Regularly, at times to agree")


def where_in_words(vacancy: Vacancy) -> str:
    """Uses the vacancy's place (with its wijk), districts and organisation's municipality: load them with it."""
    if vacancy.where == Vacancy.Where.FROM_HOME:
        return _("From home")
    if vacancy.where == Vacancy.Where.CITY_WIDE:
        return _("Anywhere in %(municipality)s") % {"municipality": vacancy.organisation.municipality.name}
    names = []
    shown_district = None
    if vacancy.place_id:
        place = vacancy.place
        assert place is not None
        names.append(place.name)
        shown_district = place.district_id
        if place.district is not None:
            names.append(place.district.name)
    elif vacancy.address:
        names.append(vacancy.address)
    names += [district.name for district in vacancy.districts.all() if district.pk != shown_district]
    return ", ".join(dict.fromkeys(names))


def hours_a_week(hours: Number) -> str:
    """ "1 hour a week", "2,5 hours a week"."""
    # Translators: the hours a vacancy asks for, e.g. "3 hours a week", "1,5 hours a week".
    return ngettext("%(hours)s hour a week", "%(hours)s hours a week", 1 if Decimal(str(hours)) == 1 else 2) % {
        "hours": number(hours)
    }


def hours_in_total(hours: Number) -> str:
    """ "1 hour", "4,5 hours": how long a one-off task takes."""
    return ngettext("%(hours)s hour", "%(hours)s hours", 1 if Decimal(str(hours)) == 1 else 2) % {
        "hours": number(hours)
    }


def duration_hours(vacancy: Vacancy) -> Decimal | None:
    """How many hours a one-off task takes: from its start to its end, else the hours it gives."""
    if vacancy.starts_at and vacancy.ends_at and vacancy.ends_at > vacancy.starts_at:
        seconds = Decimal((vacancy.ends_at - vacancy.starts_at) / dt.timedelta(seconds=1))
        return (seconds / 3600).quantize(Decimal("0.1"))
    return vacancy.hours_per_week


def time_in_words(vacancy: Vacancy) -> str:
    """How much time it asks, or "" when it does not say: a one-off task takes "4 hours"; other
    work asks "3 hours a week"."""
    if vacancy.when == Vacancy.When.ONE_OFF:
        hours = duration_hours(vacancy)
        return hours_in_total(hours) if hours else ""
    return hours_a_week(vacancy.hours_per_week) if vacancy.hours_per_week else ""


def suitabilities_in_words(flags: int) -> list[str]:
    return [str(SUITABILITY_LABELS[flag]) for flag in Suitability if flags & flag]


def names(items: Iterable[object]) -> str:
    """Skills and other managed names, in the active language: "Koken, Tuinieren"."""
    return ", ".join(getattr(item, "localized_name", str(item)) for item in items)


# ---------------------------------------------------------------------------
# A vacancy in a list


@dataclass(frozen=True)
class VacancyCard:
    vacancy: Vacancy
    where: str
    when: str
    time: str
    suitable_for: list[str]
    distance: str = ""
    #: Why it is shown, for suggestions: "matches: gardening · Tuesday afternoon".
    why: str = ""


def vacancy_card(vacancy: Vacancy, *, centre: Centre | None = None, why: str = "") -> VacancyCard:
    """Load the vacancy with selectors.with_card_relations."""
    distance = centre.distance_km(vacancy.latitude, vacancy.longitude) if centre else None
    return VacancyCard(
        vacancy=vacancy,
        where=where_in_words(vacancy),
        when=when_in_words(vacancy, short=True),
        time=time_in_words(vacancy),
        suitable_for=suitabilities_in_words(vacancy.suitable_for),
        # Translators: how far a vacancy is from the postcode searched for, e.g. "1,5 km away".
        distance=_("%(km)s km away") % {"km": number(round(distance, 1))} if distance is not None else "",
        why=why,
    )
