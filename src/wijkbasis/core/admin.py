from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from wijkbasis.core.models import AccessLogEntry


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(admin.ModelAdmin):
    """Administrators search the access log here. Nothing can be added, changed or deleted."""

    list_display = (
        "occurred_at",
        "actor_id",
        "actor_role",
        "action",
        "object_type",
        "object_id",
        "subject_resident_id",
    )
    list_filter = ("action", "actor_role", "object_type")
    search_fields = ("=actor_id", "=object_id", "=subject_resident_id", "object_type", "purpose", "origin")
    date_hierarchy = "occurred_at"
    readonly_fields = [field.name for field in AccessLogEntry._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
