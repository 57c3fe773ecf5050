"""Buurtservice in the management site: the service per municipality and the managed lists
(kinds of jobs, skills, certificates, origins, intake questions); requests and crew members are
a resident's data (AccessLoggedAdmin: every page of them is logged) and change through the
coordinator's pages, so they are read-only here. A participant's development is not here at all:
only the coordinator and the participant see it."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from wijkbasis.buurtservice.models import (
    CertificateKind,
    EligibilityCriterion,
    JobCategory,
    Origin,
    Request,
    Service,
    Skill,
    Worker,
)
from wijkbasis.core.admin import AccessLoggedAdmin, WijkbasisModelAdmin


@admin.register(Service)
class ServiceAdmin(WijkbasisModelAdmin):
    list_display = ("name", "municipality", "base", "organisation", "is_open")
    raw_id_fields = ("base", "organisation")


@admin.register(JobCategory)
class JobCategoryAdmin(WijkbasisModelAdmin):
    list_display = ("name", "typical_hours", "crew_size", "is_wmo", "needs_vog", "sort_order", "is_active")
    list_filter = ("is_wmo", "needs_vog", "is_active")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    checkbox_fields = ("required_skills",)  # core/admin_widgets.py: not filter_horizontal


@admin.register(Skill)
class SkillAdmin(WijkbasisModelAdmin):
    list_display = ("name", "sort_order", "is_active")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(CertificateKind)
class CertificateKindAdmin(WijkbasisModelAdmin):
    list_display = ("name", "is_conduct_certificate", "valid_years", "sort_order")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Origin)
class OriginAdmin(WijkbasisModelAdmin):
    list_display = ("name", "sort_order", "is_active")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(EligibilityCriterion)
class EligibilityCriterionAdmin(WijkbasisModelAdmin):
    list_display = ("short_label", "question", "rule", "qualifying_answer", "sort_order", "is_active")
    list_filter = ("rule", "is_active")


class ReadOnlyAdmin(AccessLoggedAdmin):
    """Records that change only through the coordinator's pages (with their history and checks)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Request)
class RequestAdmin(ReadOnlyAdmin):
    list_display = ("pk", "category", "status", "district", "is_wmo", "created_at")
    list_filter = ("status", "is_wmo", "category", "service")
    list_select_related = ("category", "district")
    date_hierarchy = "created_at"
    exclude = ("token",)


@admin.register(Worker)
class WorkerAdmin(ReadOnlyAdmin):
    list_display = ("pk", "kind", "origin", "started_on", "ended_on")
    list_filter = ("kind", "origin", "service")
    list_select_related = ("origin",)
