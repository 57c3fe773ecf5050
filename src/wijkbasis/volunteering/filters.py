"""The public vacancy search: one FilterSet whose GET parameters are Dutch and shareable.

`/vrijwilligerswerk/?wijk=leesten&dag=di&dagdeel=ochtend&q=tuin` is a search anyone can
bookmark, send on or save for weekly e-mail (SavedSearch stores the same query string).

Parameters (several values allowed where noted):

- `q`: search words (full text, volunteering.search);
- `wijk`: district slug, several; city-wide vacancies of that municipality count too;
- `postcode` + `afstand`: within 1, 2, 5 or 10 km of the middle of the postcode's wijk;
- `soort`: one_off / regular / flexible, several;
- `uren`: at most this many hours a week (vacancies that do not say are included);
- `dag` (ma … zo) and `dagdeel` (ochtend, middag, avond), several: the vacancy's days and
  parts of the day overlap with the chosen ones ("whenever it suits you" always fits);
- `vaardigheid`: skill slug, several;
- `geschikt`: suitable for (nieuwkomers, lezen-schrijven, jongeren, ouderen, beperking,
  werkervaring), several;
- `thuis`: only work from home;
- `sorteer`: nieuw (default), relevant (with q), sluit (expires soonest), dichtbij (with postcode).

A value that cannot be used is dropped with a notice for the page; it never causes an error.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import Count, ExpressionWrapper, F, FloatField, Q, QuerySet, Value
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkbasis.areas.models import District
from wijkbasis.areas.postcodes import LookupStatus, format_postcode, lookup_postcode, normalise_postcode
from wijkbasis.volunteering import slots
from wijkbasis.volunteering.models import SUITABILITY_LABELS, Skill, Suitability, Vacancy

DAY_PARAMS = ["ma", "di", "wo", "do", "vr", "za", "zo"]
PART_PARAMS = ["ochtend", "middag", "avond"]
DISTANCES_KM = ["1", "2", "5", "10"]
DEFAULT_DISTANCE_KM = "2"
SUITABILITY_PARAMS: dict[str, Suitability] = {
    "nieuwkomers": Suitability.NEWCOMERS,
    "lezen-schrijven": Suitability.LOW_LITERACY,
    "jongeren": Suitability.YOUNG_PEOPLE,
    "ouderen": Suitability.SENIORS,
    "beperking": Suitability.DISABILITY,
    "werkervaring": Suitability.WORK_EXPERIENCE,
}


class Sort:
    NEWEST = "nieuw"
    RELEVANT = "relevant"
    CLOSING = "sluit"
    NEAREST = "dichtbij"


SORT_CHOICES = [
    (Sort.NEWEST, gettext_lazy("Newest first")),
    (Sort.RELEVANT, gettext_lazy("Best match with the search words")),
    (Sort.CLOSING, gettext_lazy("Closing soonest")),
    (Sort.NEAREST, gettext_lazy("Nearest to the postcode")),
]

#: The parameters that narrow the results (not afstand, which belongs to postcode, nor sorteer).
FILTER_PARAMS = ("q", "wijk", "postcode", "soort", "uren", "dag", "dagdeel", "vaardigheid", "geschikt", "thuis")
#: Parameters that may be given more than once.
MULTIPLE_PARAMS = ("wijk", "soort", "dag", "dagdeel", "vaardigheid", "geschikt")

#: How the page names the wider search when one filter is dropped ("Without …").
WIDER = {
    "q": gettext_lazy("Without the search words"),
    "wijk": gettext_lazy("In every neighbourhood"),
    "postcode": gettext_lazy("At any distance"),
    "soort": gettext_lazy("However often"),
    "uren": gettext_lazy("Any number of hours"),
    "dag": gettext_lazy("On any day"),
    "dagdeel": gettext_lazy("At any part of the day"),
    "vaardigheid": gettext_lazy("With any skill"),
    "geschikt": gettext_lazy("Suitable for anyone"),
    "thuis": gettext_lazy("Also away from home"),
}

KM_PER_DEGREE_LATITUDE = 111.32


class Checkbox(forms.CheckboxInput):
    """A checkbox that sends `…=ja`: readable in a shared address. (Named so that its
    widget_type stays "checkbox" for the form-field component.)"""

    def format_value(self, value: Any) -> str:
        return "ja"


class CheckboxFilter(django_filters.BooleanFilter):
    """On or not given (BooleanFilter's own field offers yes, no and unknown)."""

    field_class = forms.BooleanField


def _or_list(items: Sequence[str]) -> str:
    """'a', 'a or b', 'a, b or c' in the active language."""
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return _("%(items)s or %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


@dataclass(frozen=True)
class Centre:
    """The middle of the postcode's wijk: where "within … km" is measured from."""

    postcode: str
    latitude: float
    longitude: float
    km: float

    def distance_km(self, latitude: float | None, longitude: float | None) -> float | None:
        if latitude is None or longitude is None:
            return None
        dy = (latitude - self.latitude) * KM_PER_DEGREE_LATITUDE
        dx = (longitude - self.longitude) * KM_PER_DEGREE_LATITUDE * math.cos(math.radians(self.latitude))
        return math.hypot(dx, dy)


@dataclass(frozen=True)
class Suggestion:
    """A wider search: one filter fewer, and how many vacancies it finds."""

    param: str
    label: str
    count: int
    query: str


def _district_choices() -> QuerySet[District]:
    return District.objects.select_related("municipality").order_by("name")


class FilterForm(forms.Form):
    #: Every filter may stay empty: the form does not mark each field "(optional)".
    all_optional = True


class VacancyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=gettext_lazy("Search words"),
        method="filter_text",
        max_length=200,
        widget=forms.SearchInput(attrs={"enterkeyhint": "search"}),
    )
    wijk = django_filters.ModelMultipleChoiceFilter(
        label=gettext_lazy("Neighbourhood"),
        queryset=_district_choices(),
        to_field_name="slug",
        method="filter_districts",
        widget=forms.CheckboxSelectMultiple,
    )
    postcode = django_filters.CharFilter(
        label=gettext_lazy("Near postcode"),
        help_text=gettext_lazy("For example 7201 AB or 7201."),
        method="filter_near",
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "spellcheck": "false", "size": "9"}),
    )
    afstand = django_filters.ChoiceFilter(
        label=gettext_lazy("Distance"),
        choices=[(km, format_lazy("{} km", km)) for km in DISTANCES_KM],
        empty_label=None,
        method="applied_with_postcode",
    )
    soort = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("How often"),
        choices=Vacancy.When.choices,
        method="filter_kind",
        widget=forms.CheckboxSelectMultiple,
    )
    uren = django_filters.NumberFilter(
        label=gettext_lazy("At most this many hours a week"),
        help_text=gettext_lazy("Vacancies that do not say how many hours are shown too."),
        method="filter_hours",
        min_value=Decimal("0.5"),
        max_value=Decimal("80"),
        widget=forms.NumberInput(attrs={"min": "1", "max": "80", "step": "1", "inputmode": "numeric"}),
    )
    dag = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("Days"),
        choices=list(zip(DAY_PARAMS, slots.DAYS, strict=True)),
        method="applied_together",
        widget=forms.CheckboxSelectMultiple,
    )
    dagdeel = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("Part of the day"),
        choices=list(zip(PART_PARAMS, slots.PARTS, strict=True)),
        method="applied_together",
        widget=forms.CheckboxSelectMultiple,
    )
    vaardigheid = django_filters.ModelMultipleChoiceFilter(
        label=gettext_lazy("Skills and interests"),
        queryset=Skill.objects.filter(is_active=True),
        to_field_name="slug",
        method="filter_skills",
        widget=forms.CheckboxSelectMultiple,
    )
    geschikt = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("Suitable for"),
        choices=[(param, SUITABILITY_LABELS[flag]) for param, flag in SUITABILITY_PARAMS.items()],
        method="filter_suitable",
        widget=forms.CheckboxSelectMultiple,
    )
    thuis = CheckboxFilter(
        label=gettext_lazy("Only from home"),
        method="filter_from_home",
        widget=Checkbox,
    )
    sorteer = django_filters.ChoiceFilter(
        label=gettext_lazy("Sort"),
        choices=SORT_CHOICES,
        empty_label=None,
        method="applied_last",
    )

    class Meta:
        model = Vacancy
        fields: list[str] = []
        form = FilterForm

    def __init__(self, data: QueryDict | None = None, queryset: QuerySet[Vacancy] | None = None, **kwargs: Any) -> None:
        self.notices: list[str] = []
        data = self._usable(data if data is not None else QueryDict())
        super().__init__(data, queryset if queryset is not None else Vacancy.objects.published(), **kwargs)

    # -- Input ---------------------------------------------------------------------------

    def _usable(self, data: QueryDict) -> QueryDict:
        """A copy of the parameters without the values nobody can search for (with a notice
        each), so one wrong value does not throw away the other values of that parameter."""
        data = data.copy()
        allowed: dict[str, set[str]] = {
            "soort": set(Vacancy.When.values),
            "dag": set(DAY_PARAMS),
            "dagdeel": set(PART_PARAMS),
            "geschikt": set(SUITABILITY_PARAMS),
        }
        if data.getlist("wijk"):
            allowed["wijk"] = set(District.objects.filter(slug__in=data.getlist("wijk")).values_list("slug", flat=True))
        if data.getlist("vaardigheid"):
            allowed["vaardigheid"] = set(
                Skill.objects.filter(is_active=True, slug__in=data.getlist("vaardigheid")).values_list(
                    "slug", flat=True
                )
            )
        for param, known in allowed.items():
            values = [value for value in data.getlist(param) if value]
            usable = list(dict.fromkeys(value for value in values if value in known))
            for value in values:
                if value not in known:
                    self.notices.append(
                        _("We do not know “%(value)s” as a choice for “%(filter)s”; it was left out.")
                        % {"value": value[:40], "filter": self.base_filters[param].label}
                    )
            data.setlist(param, usable)
        if data.get("postcode", "").strip() and not data.get("afstand"):
            data["afstand"] = DEFAULT_DISTANCE_KM
        return data

    @property
    def qs(self) -> QuerySet[Vacancy]:
        if not hasattr(self, "_qs"):
            self._report_invalid()
            queryset = self.filter_queryset(self.queryset.all())
            from wijkbasis.volunteering.selectors import with_card_relations

            self._qs = with_card_relations(self.order(queryset))
        return self._qs

    def _report_invalid(self) -> None:
        for name in self.form.errors:
            if name in self.filters:
                self.notices.append(
                    _("We could not use what was filled in for “%(filter)s”; that filter was left out.")
                    % {"filter": self.filters[name].label}
                )

    @property
    def cleaned(self) -> dict[str, Any]:
        self.form.is_valid()
        return getattr(self.form, "cleaned_data", {})

    # -- Filtering -----------------------------------------------------------------------

    def filter_queryset(self, queryset: QuerySet[Vacancy], *, without: Iterable[str] = ()) -> QuerySet[Vacancy]:
        """Apply every filter that was filled in, except those in `without` (for the counts of
        wider searches). Days and parts of the day are one condition, applied here."""
        cleaned = {name: value for name, value in self.cleaned.items() if name not in set(without)}
        for name, value in cleaned.items():
            queryset = self.filters[name].filter(queryset, value)
        mask = slot_mask(cleaned.get("dag") or [], cleaned.get("dagdeel") or [])
        if mask:
            queryset = queryset.alias(slot_overlap=F("time_slots").bitand(mask)).filter(
                Q(slot_overlap__gt=0) | Q(when=Vacancy.When.FLEXIBLE)
            )
        return queryset

    def filter_text(self, queryset: QuerySet[Vacancy], name: str, value: str) -> QuerySet[Vacancy]:
        from wijkbasis.volunteering.search import apply_text_search

        value = value.strip()
        return apply_text_search(queryset, value) if value else queryset

    def filter_districts(self, queryset: QuerySet[Vacancy], name: str, value: Any) -> QuerySet[Vacancy]:
        districts = list(value)
        if not districts:
            return queryset
        in_district = Vacancy.districts.through.objects.filter(district__in=districts).values("vacancy_id")
        return queryset.filter(
            Q(pk__in=in_district)
            | Q(place__district__in=districts)
            | Q(where=Vacancy.Where.CITY_WIDE, organisation__municipality__in={d.municipality_id for d in districts})
        )

    def filter_near(self, queryset: QuerySet[Vacancy], name: str, value: str) -> QuerySet[Vacancy]:
        centre = self.centre
        if centre is None:
            return queryset
        # A box first (cheap), then the circle, on the flat-earth approximation that is exact
        # enough within one municipality.
        lat_delta = centre.km / KM_PER_DEGREE_LATITUDE
        lon_delta = centre.km / (KM_PER_DEGREE_LATITUDE * math.cos(math.radians(centre.latitude)))
        return (
            queryset.filter(
                latitude__range=(centre.latitude - lat_delta, centre.latitude + lat_delta),
                longitude__range=(centre.longitude - lon_delta, centre.longitude + lon_delta),
            )
            .alias(distance_sq=distance_sq_expression(centre))
            .filter(distance_sq__lte=lat_delta * lat_delta)
        )

    def filter_kind(self, queryset: QuerySet[Vacancy], name: str, value: list[str]) -> QuerySet[Vacancy]:
        return queryset.filter(when__in=value)

    def filter_hours(self, queryset: QuerySet[Vacancy], name: str, value: Decimal) -> QuerySet[Vacancy]:
        return queryset.filter(Q(hours_per_week__lte=value) | Q(hours_per_week__isnull=True))

    def filter_skills(self, queryset: QuerySet[Vacancy], name: str, value: Any) -> QuerySet[Vacancy]:
        skills = list(value)
        if not skills:
            return queryset
        return queryset.filter(pk__in=Vacancy.skills.through.objects.filter(skill__in=skills).values("vacancy_id"))

    def filter_suitable(self, queryset: QuerySet[Vacancy], name: str, value: list[str]) -> QuerySet[Vacancy]:
        mask = 0
        for param in value:
            mask |= SUITABILITY_PARAMS[param]
        return queryset.alias(suitable_overlap=F("suitable_for").bitand(int(mask))).filter(suitable_overlap__gt=0)

    def filter_from_home(self, queryset: QuerySet[Vacancy], name: str, value: bool) -> QuerySet[Vacancy]:
        return queryset.filter(where=Vacancy.Where.FROM_HOME) if value else queryset

    def applied_together(self, queryset: QuerySet[Vacancy], name: str, value: Any) -> QuerySet[Vacancy]:
        """Days and parts of the day: applied together in filter_queryset."""
        return queryset

    def applied_with_postcode(self, queryset: QuerySet[Vacancy], name: str, value: Any) -> QuerySet[Vacancy]:
        """The distance: used by the postcode filter."""
        return queryset

    def applied_last(self, queryset: QuerySet[Vacancy], name: str, value: Any) -> QuerySet[Vacancy]:
        """The order: applied after every filter, in order()."""
        return queryset

    # -- Postcode ------------------------------------------------------------------------

    @cached_property
    def centre(self) -> Centre | None:
        """Where distances are measured from, or None (with a notice) when the postcode
        cannot be used."""
        raw = (self.cleaned.get("postcode") or "").strip()
        if not raw:
            return None
        postcode = normalise_postcode(raw)
        if postcode is None:
            self.notices.append(
                _(
                    "“%(value)s” is not a Dutch postcode, so we did not search by distance. "
                    "A postcode has four digits and often two letters, like 7201 AB."
                )
                % {"value": raw[:12]}
            )
            return None
        result = lookup_postcode(postcode)
        display = format_postcode(postcode)
        if result.status == LookupStatus.FOUND:
            point = _middle(result.districts)
            if point is not None:
                km = float(self.cleaned.get("afstand") or DEFAULT_DISTANCE_KM)
                return Centre(postcode=postcode, latitude=point[0], longitude=point[1], km=km)
            message = _("We cannot look up postcode %(postcode)s right now, so we did not search by distance.")
        elif result.status == LookupStatus.OUTSIDE:
            message = _("Postcode %(postcode)s is in %(places)s. This site has no vacancies there.")
        elif result.status == LookupStatus.UNKNOWN:
            message = _("We cannot find postcode %(postcode)s. Please check it, or choose a neighbourhood.")
        else:
            message = _(
                "We cannot look up postcode %(postcode)s right now, so we did not search by distance. "
                "Choose a neighbourhood instead."
            )
        self.notices.append(message % {"postcode": display, "places": ", ".join(result.other_municipalities)})
        return None

    # -- Order ---------------------------------------------------------------------------

    def order(self, queryset: QuerySet[Vacancy]) -> QuerySet[Vacancy]:
        sort = self.cleaned.get("sorteer") or Sort.NEWEST
        text = (self.cleaned.get("q") or "").strip()
        if sort == Sort.RELEVANT and not text:
            self.notices.append(_("Sorting by best match needs search words; the newest come first."))
            sort = Sort.NEWEST
        if sort == Sort.NEAREST and self.centre is None:
            self.notices.append(_("Sorting by distance needs a postcode; the newest come first."))
            sort = Sort.NEWEST
        if sort == Sort.RELEVANT:
            return queryset.order_by(F("search_rank").desc(nulls_last=True), "-published_at", "-pk")
        if sort == Sort.CLOSING:
            return queryset.order_by(F("expires_on").asc(nulls_last=True), "-published_at", "-pk")
        if sort == Sort.NEAREST and self.centre is not None:
            return queryset.alias(distance_order=distance_sq_expression(self.centre)).order_by(
                F("distance_order").asc(nulls_last=True), "-published_at", "-pk"
            )
        return queryset.order_by(F("published_at").desc(nulls_last=True), "-pk")

    # -- Describing the search -----------------------------------------------------------

    def active_params(self) -> list[str]:
        """The filters that narrow this search, in the order of the form."""
        cleaned = self.cleaned
        active = []
        for param in FILTER_PARAMS:
            value = cleaned.get(param)
            if param == "postcode":
                if self.centre is not None:
                    active.append(param)
            elif param == "q":
                if (value or "").strip():
                    active.append(param)
            elif value not in (None, "", False) and (not hasattr(value, "__len__") or len(value)):
                active.append(param)
        return active

    def phrases(self) -> list[tuple[str, str]]:
        """(parameter, words) for each active filter: 'in Leesten', 'on Tuesday morning'."""
        cleaned = self.cleaned
        active = self.active_params()
        phrases: list[tuple[str, str]] = []
        for param in active:
            value = cleaned[param] if param != "postcode" else None
            if param == "q":
                phrases.append((param, _("matching “%(text)s”") % {"text": value.strip()}))
            elif param == "wijk":
                phrases.append((param, _("in %(names)s") % {"names": _or_list([d.name for d in value])}))
            elif param == "postcode":
                centre = self.centre
                assert centre is not None
                phrases.append(
                    (
                        param,
                        _("within %(km)s km of %(postcode)s")
                        % {"km": f"{centre.km:g}", "postcode": format_postcode(centre.postcode)},
                    )
                )
            elif param == "soort":
                labels = dict(Vacancy.When.choices)
                phrases.append((param, _or_list([labels[kind] for kind in value])))
            elif param == "uren":
                phrases.append((param, _("at most %(hours)s hours a week") % {"hours": f"{value.normalize():f}"}))
            elif param == "dag":
                days = [str(slots.DAYS[DAY_PARAMS.index(day)]) for day in value]
                parts = cleaned.get("dagdeel") or []
                if "dagdeel" in active and len(days) * len(parts) <= 3:
                    labels_ = [
                        slots.slot_label(DAY_PARAMS.index(day), PART_PARAMS.index(part))
                        for day in value
                        for part in parts
                    ]
                    phrases.append((param, _("on %(when)s") % {"when": _or_list(labels_)}))
                else:
                    phrases.append((param, _("on %(days)s") % {"days": _or_list(days)}))
            elif param == "dagdeel":
                days = cleaned.get("dag") or []
                if "dag" in active and len(days) * len(value) <= 3:
                    continue  # said together with the days
                parts = [str(slots.PARTS[PART_PARAMS.index(part)]) for part in value]
                phrases.append((param, _("in the %(parts)s") % {"parts": _or_list(parts)}))
            elif param == "vaardigheid":
                phrases.append((param, _("for %(skills)s") % {"skills": _or_list([s.name.lower() for s in value])}))
            elif param == "geschikt":
                groups = [str(SUITABILITY_LABELS[SUITABILITY_PARAMS[group]]) for group in value]
                phrases.append((param, _("suitable for %(groups)s") % {"groups": _or_list(groups)}))
            elif param == "thuis":
                phrases.append((param, _("from home")))
        return phrases

    def summary(self) -> str:
        """The whole search in words, e.g. 'in Leesten, on Tuesday morning'; '' for everything."""
        return ", ".join(words for _param, words in self.phrases())

    def query_string(self, *, without: Iterable[str] = ()) -> str:
        """The search as a tidy query string (only what is used), optionally without some filters."""
        without = set(without)
        if "postcode" in without:
            without.add("afstand")
        active = set(self.active_params()) - without
        cleaned = self.cleaned
        pairs: list[tuple[str, str]] = []
        for param in FILTER_PARAMS:
            if param not in active:
                continue
            value = cleaned[param]
            if param == "postcode":
                assert self.centre is not None
                pairs += [("postcode", self.centre.postcode), ("afstand", cleaned.get("afstand") or "")]
            elif param in ("wijk", "vaardigheid"):
                pairs += [(param, item.slug) for item in value]
            elif param in MULTIPLE_PARAMS:
                pairs += [(param, item) for item in value]
            elif param == "thuis":
                pairs.append((param, "ja"))
            elif param == "uren":
                pairs.append((param, f"{value.normalize():f}"))
            else:
                pairs.append((param, str(value).strip()))
        sort = cleaned.get("sorteer")
        if sort and sort != Sort.NEWEST:
            pairs.append(("sorteer", sort))
        return urlencode(pairs)

    def wider_searches(self) -> list[Suggestion]:
        """For an empty result: how many vacancies each search with one filter fewer finds.
        All counts in one query (plus one for the search words' vocabulary), however many
        filters are active."""
        active = self.active_params()
        if not active:
            return []
        base = self.queryset.all()
        # The text search is worked out once and shared by every count that keeps it.
        with_text = self.filter_text(base, "q", self.cleaned["q"]) if "q" in active else base
        counts = self.queryset.aggregate(
            **{
                param: Count(
                    "pk",
                    filter=Q(
                        pk__in=self.filter_queryset(base if param == "q" else with_text, without=[param, "q"]).values(
                            "pk"
                        )
                    ),
                )
                for param in active
            }
        )
        suggestions = [
            Suggestion(
                param=param, label=str(WIDER[param]), count=counts[param], query=self.query_string(without=[param])
            )
            for param in active
            if counts[param]
        ]
        return sorted(suggestions, key=lambda suggestion: -suggestion.count)

    def empty_text(self) -> str:
        summary = self.summary()
        if not summary:
            return _("There are no vacancies at the moment.")
        return _("There are no vacancies %(search)s.") % {"search": summary}


def slot_mask(days: Sequence[str], parts: Sequence[str]) -> int:
    """The bit set of the chosen days and parts of the day (all parts of a day when no part
    is chosen, and the other way round)."""
    day_indexes = [DAY_PARAMS.index(day) for day in days] or list(range(7))
    part_indexes = [PART_PARAMS.index(part) for part in parts] or list(range(3))
    if not days and not parts:
        return 0
    return slots.from_pairs((day, part) for day in day_indexes for part in part_indexes)


def distance_sq_expression(centre: Centre) -> ExpressionWrapper:
    """The squared distance in degrees of latitude, with longitude scaled for the latitude."""
    scale = math.cos(math.radians(centre.latitude))
    dlat = F("latitude") - Value(centre.latitude)
    dlon = (F("longitude") - Value(centre.longitude)) * Value(scale)
    return ExpressionWrapper(dlat * dlat + dlon * dlon, output_field=FloatField())


def _middle(districts: Sequence[District]) -> tuple[float, float] | None:
    """(latitude, longitude) of a point inside the wijk(en): the same point the vacancies of a
    wijk without an address are placed on."""
    from shapely.geometry import shape
    from shapely.ops import unary_union

    shapes = [shape(district.boundary) for district in districts if district.boundary]
    if not shapes:
        return None
    point = (shapes[0] if len(shapes) == 1 else unary_union(shapes)).representative_point()
    return point.y, point.x
