from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from wijkbasis.core.models import AccessLogEntry


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(admin.ModelAdmin[AccessLogEntry]):
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


class WijkbasisModelAdmin(admin.ModelAdmin[Any]):
    """The base of every ModelAdmin of wijkbasis. A deletion's confirmation page lists everything
    that goes with it (a resident's responses, their names): what of that is a resident's data is
    logged as seen."""

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        from django.contrib.admin.utils import NestedObjects
        from django.db import router

        from wijkbasis.core.access_log import Action, actor_for, log_accesses
        from wijkbasis.core.personal_data import registration_for

        collector = NestedObjects(using=router.db_for_write(self.model))
        collector.collect(objs)
        shown = [
            obj
            for model, instances in collector.data.items()
            if (registration := registration_for(model)) is not None and registration.access_logged
            for obj in instances
        ]
        # The page also names what stops the deletion (protected rows, such as a kind of job's requests).
        shown += [
            obj
            for obj in collector.protected
            if (registration := registration_for(type(obj))) is not None and registration.access_logged
        ]
        log_accesses(Action.LIST, shown, purpose="management", actor=actor_for(request.user))
        return super().get_deleted_objects(objs, request)


class AccessLoggedAdmin(WijkbasisModelAdmin):
    """The management site's pages of a resident's data log who saw what, as every other page:
    the list (the rows on the page), a record, and its history. Changes and deletions are logged
    by the access log's receivers."""

    def get_changelist_instance(self, request: HttpRequest) -> Any:
        changelist = super().get_changelist_instance(request)
        from wijkbasis.core.access_log import Action, actor_for, log_accesses

        log_accesses(Action.LIST, changelist.result_list, purpose="management", actor=actor_for(request.user))
        return changelist

    def _log_view(self, request: HttpRequest, object_id: str, *, with_inlines: bool = False) -> None:
        obj = self.get_object(request, object_id)  # None for an unknown or malformed id
        if obj is not None:
            from wijkbasis.core.access_log import Action, actor_for, log_access, log_accesses

            actor = actor_for(request.user)
            log_access(Action.VIEW, obj, purpose="management", actor=actor)
            if with_inlines:
                log_accesses(Action.LIST, self._inline_rows(request, obj), purpose="management", actor=actor)

    def _inline_rows(self, request: HttpRequest, obj: Any) -> list[Any]:
        """The rows of a resident's data that the inlines of this page show (consents, steps…)."""
        from django.forms.models import _get_foreign_key

        from wijkbasis.core.personal_data import registration_for

        rows: list[Any] = []
        for inline in self.get_inline_instances(request, obj):
            registration = registration_for(inline.model)
            if registration is None or not registration.access_logged:
                continue
            fk = _get_foreign_key(type(obj), inline.model, fk_name=inline.fk_name)
            rows += list(inline.get_queryset(request).filter(**{fk.name: obj}))
        return rows

    def change_view(self, request: HttpRequest, object_id: str, *args: Any, **kwargs: Any) -> Any:
        if request.method == "GET":
            self._log_view(request, object_id, with_inlines=True)
        return super().change_view(request, object_id, *args, **kwargs)

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> Any:
        self._log_view(request, object_id)
        return super().history_view(request, object_id, extra_context)
