"""The public vacancy search as one FilterSet: GET parameters (params.py) in, vacancies out.

A value that cannot be used is dropped with a notice for the page (`notices`); it never causes
an error. The search in words is summary.py; wider searches for an empty result are wider.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import F, Q, QuerySet
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkbasis.areas.models import District
from wijkbasis.areas.postcodes import LookupStatus, format_postcode, lookup_postcode, normalise_postcode
from wijkbasis.volunteering.describe import DAYS, PARTS
from wijkbasis.volunteering.filters.params import (
    DAY_PARAMS,
    DEFAULT_DISTANCE_KM,
    DEFAULT_SORT,
    DISTANCES_KM,
    FILTER_PARAMS,
    MULTIPLE_PARAMS,
    PART_PARAMS,
    SORT_CHOICES,
    SUITABILITY_PARAMS,
    Sort,
    slot_mask,
)
from wijkbasis.volunteering.geography import Centre, district_midpoint
from wijkbasis.volunteering.models import SUITABILITY_LABELS, Skill, Vacancy


class Checkbox(forms.CheckboxInput):
    """A checkbox that sends `…=ja`: readable in a shared address. (Named so that its
    widget_type stays "checkbox" for the form-field component.)"""

    def format_value(self, value: Any) -> str:
        return "ja"


class CheckboxFilter(django_filters.BooleanFilter):
    """On or not given (BooleanFilter's own field offers yes, no and unknown)."""

    field_class = forms.BooleanField


def _district_choices() -> QuerySet[District]:
    """What the choice of wijken and the search's words read: not a wijk's boundary or key figures."""
    return District.objects.only("pk", "slug", "name", "municipality_id").order_by("name")


class FilterForm(forms.Form):
    #: Every filter may stay empty: the form does not mark each field "(optional)".
    all_optional = True
    #: Choices from the database, the same for everyone, kept rendered (ui's choice_options)
    #: under this kind of core.fragments data: field name → kind.
    choices_cached_under = {"wijk": "areas", "vaardigheid": "skills"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, kind in self.choices_cached_under.items():
            if name in self.fields:
                self.fields[name].choices_cached_under = kind  # type: ignore[attr-defined]


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
        choices=list(zip(DAY_PARAMS, DAYS, strict=True)),
        method="applied_together",
        widget=forms.CheckboxSelectMultiple,
    )
    dagdeel = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("Part of the day"),
        choices=list(zip(PART_PARAMS, PARTS, strict=True)),
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
        if not data.get("sorteer"):
            data["sorteer"] = DEFAULT_SORT
        return data

    @property
    def qs(self) -> QuerySet[Vacancy]:
        if not hasattr(self, "_qs"):
            self._report_invalid()
            queryset = self.filter_queryset(self.queryset.all())
            from wijkbasis.volunteering.selectors import card_queryset

            self._qs = card_queryset(self.order(queryset))
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

    @property
    def text(self) -> str:
        return (self.cleaned.get("q") or "").strip()

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
        return self.centre.within(queryset) if self.centre is not None else queryset

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
            point = district_midpoint(result.districts)
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
        sort = self.cleaned.get("sorteer") or DEFAULT_SORT
        if sort == Sort.NEAREST and self.centre is None:
            self.notices.append(_("Sorting by distance needs a postcode; the newest come first."))
            sort = Sort.NEWEST
        if sort == Sort.RELEVANT and self.text:
            return queryset.order_by(F("search_rank").desc(nulls_last=True), "-published_at", "-pk")
        if sort == Sort.CLOSING:
            return queryset.order_by(F("expires_on").asc(nulls_last=True), "-published_at", "-pk")
        if sort == Sort.NEAREST and self.centre is not None:
            return self.centre.nearest_first(queryset)
        return queryset.order_by(F("published_at").desc(nulls_last=True), "-pk")

    # -- The search as an address ----------------------------------------------------------

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
                if self.text:
                    active.append(param)
            elif value not in (None, "", False) and (not hasattr(value, "__len__") or len(value)):
                active.append(param)
        return active

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
        if sort and sort != DEFAULT_SORT:
            pairs.append(("sorteer", sort))
        return urlencode(pairs)


def without_noise(data: QueryDict) -> QueryDict:
    """The parameters as given, without what says nothing: empty values, a distance without a
    postcode, the default order. Values that cannot be used stay (the page says why it left
    them out), so the address a form without JavaScript sends can be tidied by a redirect."""
    tidy = QueryDict(mutable=True)
    has_postcode = bool(data.get("postcode", "").strip())
    for param, values in data.lists():
        kept = [value for value in values if value.strip()]
        if param == "afstand" and not has_postcode:
            continue
        if param == "sorteer" and kept == [DEFAULT_SORT]:
            continue
        if kept:
            tidy.setlist(param, kept)
    return tidy
