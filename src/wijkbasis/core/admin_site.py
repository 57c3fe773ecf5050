"""The management site (/beheer/): Django's admin under the platform's name, where every
registered admin — ours and the libraries' — takes only the filters its list offers, and gets
widgets axe finds nothing wrong with (core/admin_widgets.py).

Django lets a list be filtered by any lookup on a local field (`?name__regex=(`), and turns a
date-hierarchy year it cannot use into an OverflowError: both answered 500. Every admin class
registered here is given `SafeLookupsMixin` on registration, so no admin can forget it.

Imported by Django when the site is first used (`default_site` of ManagementSiteConfig in
core/admin_apps.py), so it imports no models at the top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.exceptions import DisallowedModelAdminToField
from django.contrib.admin.filters import SimpleListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import FieldDoesNotExist
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpRequest
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

#: What may follow the field a list filter is about: the lookups Django's own list filters
#: make (exact choices, empty or not, date ranges, the related object's key).
FILTER_LOOKUPS = frozenset({"exact", "isnull", "isempty", "in", "gte", "gt", "lte", "lt"})
DATE_PARTS = ("year", "month", "day")


if TYPE_CHECKING:
    # For mypy the mixin is what it is mixed into (ManagementSite.register puts it before every
    # ModelAdmin), so its super() calls are checked against ModelAdmin's methods.
    _MixedIntoModelAdmin = admin.ModelAdmin[Any]
else:
    _MixedIntoModelAdmin = object


class SafeLookupsMixin(_MixedIntoModelAdmin):
    """A list takes only the filters it offers (its list_filter and date hierarchy, and the
    raw-id popups' own lookups), with values that fit; anything else is 400, never 500."""

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        model_admin: Any = self
        for fk_lookup in model_admin.model._meta.related_fkey_lookups:
            if callable(fk_lookup):
                fk_lookup = fk_lookup()
            from django.contrib.admin.widgets import url_params_from_lookup_dict

            if (lookup, value) in url_params_from_lookup_dict(fk_lookup).items():
                return True
        if not self._offered(lookup, value, request):
            return False
        # Django 5.2 still takes request=None (deprecated); django-stubs already require a request.
        return bool(super().lookup_allowed(lookup, value, request))  # type: ignore[arg-type]

    def _offered(self, lookup: str, value: str, request: HttpRequest | None) -> bool:
        model_admin: Any = self
        hierarchy = model_admin.date_hierarchy
        if hierarchy and lookup in {f"{hierarchy}{LOOKUP_SEP}{part}" for part in DATE_PARTS}:
            return value.isdigit() and len(value) <= 4
        list_filter = model_admin.get_list_filter(request) if request is not None else model_admin.list_filter
        for item in list_filter:
            if isinstance(item, type) and issubclass(item, SimpleListFilter):
                if lookup == item.parameter_name:
                    return True
                continue
            path = item[0] if isinstance(item, (list, tuple)) else item
            if not isinstance(path, str):
                continue
            if lookup == path:
                return True
            if lookup.startswith(path + LOOKUP_SEP) and self._is_filter_suffix(path, lookup[len(path) + 2 :]):
                return True
        return False

    def _is_filter_suffix(self, path: str, suffix: str) -> bool:
        """`exact`, `isnull`, …, or `<key of the related model>__exact` (a related-object filter)."""
        parts = suffix.split(LOOKUP_SEP)
        if parts[-1] not in FILTER_LOOKUPS or len(parts) > 2:
            return False
        if len(parts) == 1:
            return True
        from django.contrib.admin.utils import get_fields_from_path

        model_admin: Any = self
        try:
            field = get_fields_from_path(model_admin.model, path)[-1]
        except (FieldDoesNotExist, Exception):
            return False
        related = getattr(field, "related_model", None)
        if related is None:
            return False
        try:
            related._meta.get_field(parts[0])
        except FieldDoesNotExist:
            return parts[0] == "pk"
        return True

    def to_field_allowed(self, request: HttpRequest, to_field: str) -> bool:
        # Django asks a reverse relation (a related_name of "+" is one) for primary_key: 500.
        model_admin: Any = self
        try:
            field = model_admin.opts.get_field(to_field)
        except FieldDoesNotExist:
            return False
        return bool(getattr(field, "concrete", False) and super().to_field_allowed(request, to_field))

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        # Django checks `_to_field` only when it is not empty; an empty one reached get_field(""): 500.
        if from_field is not None and not self.to_field_allowed(request, from_field):
            raise DisallowedModelAdminToField(f"The field {from_field!r} cannot be referenced.")
        return super().get_object(request, object_id, from_field)

    def get_changelist_instance(self, request: HttpRequest) -> Any:
        try:
            return super().get_changelist_instance(request)
        except OverflowError as error:
            # A date or number too large for Python's datetime or the database: Django's list
            # answers "these filters cannot be used" (IncorrectLookupParameters) as for others.
            raise IncorrectLookupParameters(error) from error


def _site_title() -> str:
    return _("%(site)s management") % {"site": settings.SITE_NAME}


class ManagementSite(admin.AdminSite):
    """The management site, under the platform's name instead of "Django-beheer"."""

    site_header = lazy(_site_title, str)()
    site_title = lazy(_site_title, str)()
    index_title = _("What you can manage")

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        from wijkbasis.core.admin_widgets import AccessibleWidgetsMixin

        admin_class = admin_class or admin.ModelAdmin
        mixins = tuple(
            mixin for mixin in (SafeLookupsMixin, AccessibleWidgetsMixin) if not issubclass(admin_class, mixin)
        )
        if mixins:
            admin_class = type(admin_class.__name__, (*mixins, admin_class), {"__module__": admin_class.__module__})
        super().register(model_or_iterable, admin_class, **options)
