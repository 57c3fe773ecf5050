from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypedDict

from django.contrib import admin
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wijkbasis.areas.models import (
    District,
    Municipality,
    Neighbourhood,
    NeighbourhoodTeam,
    OpeningHours,
    Organisation,
    Place,
    PostcodeArea,
    TeamMember,
    WalkInHours,
)
from wijkbasis.core.admin import WijkbasisModelAdmin
from wijkbasis.core.admin_widgets import AccessibleWidgetsMixin

if TYPE_CHECKING:
    # django-stubs' helper for a model instance with annotations, needed by mypy only.
    from django_stubs_ext import WithAnnotations

# Boundaries are imported from CBS files (wijkbasis import-areas); editing GeoJSON by hand
# in a text box helps nobody, so they are shown read-only.
_IMPORTED = ("code", "boundary", "key_figures", "key_figures_year", "key_figures_source")
# Web addresses typed without a scheme are taken to be https, as Django 6 will do.
_HTTPS_URLS: Mapping[type[models.Field[Any, Any]], Mapping[str, Any]] = {models.URLField: {"assume_scheme": "https"}}


class _DistrictTotal(TypedDict):
    district_total: int


class DistrictInline(admin.StackedInline):
    model = District
    fields = ("code", "name", "slug")
    readonly_fields = ("code",)
    extra = 0
    show_change_link = True
    can_delete = False


@admin.register(Municipality)
class MunicipalityAdmin(WijkbasisModelAdmin):
    formfield_overrides = _HTTPS_URLS
    list_display = ("name", "code", "organisation_name", "district_count")
    search_fields = ("name", "code", "organisation_name")
    readonly_fields = _IMPORTED
    prepopulated_fields = {"slug": ("name",)}
    inlines = [DistrictInline]
    fieldsets = (
        (None, {"fields": ("name", "slug", "code")}),
        (
            _("Welfare organisation"),
            {"fields": ("organisation_name", "organisation_url", "brand_colour", "logo")},
        ),
        (_("CBS data"), {"classes": ("collapse",), "fields": _IMPORTED[1:]}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Municipality]:
        return super().get_queryset(request).annotate(district_total=Count("districts"))

    @admin.display(description=_("districts"), ordering="district_total")
    def district_count(self, obj: WithAnnotations[Municipality, _DistrictTotal]) -> int:
        return obj.district_total


class NeighbourhoodInline(admin.StackedInline):
    model = Neighbourhood
    fields = ("code", "name")
    readonly_fields = ("code",)
    extra = 0
    can_delete = False


@admin.register(District)
class DistrictAdmin(WijkbasisModelAdmin):
    list_display = ("name", "code", "municipality")
    list_filter = ("municipality",)
    search_fields = ("name", "cbs_name", "code")
    readonly_fields = ("cbs_name", *_IMPORTED)
    list_select_related = ("municipality",)
    inlines = [NeighbourhoodInline]
    fields = ("municipality", "name", "slug", "cbs_name", *_IMPORTED)


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(WijkbasisModelAdmin):
    list_display = ("name", "code", "district")
    list_filter = ("district__municipality", "district")
    search_fields = ("name", "code")
    readonly_fields = _IMPORTED
    list_select_related = ("district",)
    fields = ("district", "name", *_IMPORTED)


@admin.register(PostcodeArea)
class PostcodeAreaAdmin(WijkbasisModelAdmin):
    list_display = (
        "postcode",
        "neighbourhood_code",
        "district_code",
        "municipality_name",
        "source",
        "retrieved_at",
    )
    list_filter = ("source", "municipality_name")
    search_fields = ("postcode", "neighbourhood_code", "district_code")
    date_hierarchy = "retrieved_at"


class TeamMemberInline(admin.StackedInline):
    model = TeamMember
    fields = ("name", "role", "phone", "email", "is_public", "sort_order")
    extra = 0
    show_change_link = True


@admin.register(NeighbourhoodTeam)
class NeighbourhoodTeamAdmin(WijkbasisModelAdmin):
    list_display = ("name", "municipality", "district_names")
    list_filter = ("municipality",)
    search_fields = ("name", "districts__name")
    prepopulated_fields = {"slug": ("name",)}
    checkbox_fields = ("districts",)  # core/admin_widgets.py: not filter_horizontal
    inlines = [TeamMemberInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[NeighbourhoodTeam]:
        return super().get_queryset(request).select_related("municipality").prefetch_related("districts")

    @admin.display(description=_("districts served"))
    def district_names(self, obj: NeighbourhoodTeam) -> str:
        return ", ".join(district.name for district in obj.districts.all())


class WalkInHoursInline(AccessibleWidgetsMixin, admin.StackedInline):
    model = WalkInHours
    fields = ("weekday", "opens", "closes", "place", "note")
    extra = 0
    autocomplete_fields = ("place",)


@admin.register(TeamMember)
class TeamMemberAdmin(WijkbasisModelAdmin):
    list_display = ("name", "role", "team", "is_public")
    list_filter = ("role", "is_public", "team__municipality", "team")
    search_fields = ("name", "email", "team__name")
    prepopulated_fields = {"slug": ("name",)}
    list_select_related = ("team",)
    autocomplete_fields = ("user",)
    inlines = [WalkInHoursInline]


class OpeningHoursInline(admin.StackedInline):
    model = OpeningHours
    fields = ("weekday", "opens", "closes", "note")
    extra = 0


@admin.register(Place)
class PlaceAdmin(WijkbasisModelAdmin):
    formfield_overrides = _HTTPS_URLS
    list_display = ("name", "kind", "district", "address_verified")
    list_filter = ("kind", "address_verified", "municipality", "district")
    search_fields = ("name", "street", "postcode", "city")
    prepopulated_fields = {"slug": ("name",)}
    list_select_related = ("district",)
    autocomplete_fields = ("managing_organisation", "also_used_by")
    inlines = [OpeningHoursInline]
    fieldsets = (
        (None, {"fields": ("municipality", "district", "name", "slug", "kind", "description")}),
        (
            _("Address"),
            {
                "fields": (
                    "street",
                    "house_number",
                    "postcode",
                    "city",
                    "address_verified",
                    "latitude",
                    "longitude",
                )
            },
        ),
        (_("Contact"), {"fields": ("phone", "email", "website", "accessibility")}),
        (_("Run by"), {"fields": ("managing_team", "managing_organisation", "also_used_by")}),
    )


@admin.register(Organisation)
class OrganisationAdmin(WijkbasisModelAdmin):
    formfield_overrides = _HTTPS_URLS
    list_display = ("name", "kind", "municipality")
    list_filter = ("kind", "municipality")
    search_fields = ("name", "email")
    prepopulated_fields = {"slug": ("name",)}
