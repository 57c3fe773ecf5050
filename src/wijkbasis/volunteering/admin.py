"""The vacancy bank in the management site: the managed lists (skills, reasons for no match),
vacancies and responses. A response is a resident's data: its pages are logged
(AccessLoggedAdmin), and its status moves only through the pipeline (services.move_response),
never by hand here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wijkbasis.accounts.types import signed_in_user
from wijkbasis.core.admin import AccessLoggedAdmin, WijkbasisModelAdmin
from wijkbasis.volunteering.forms import SlotsField, SuitabilityField
from wijkbasis.volunteering.models import (
    NotMatchedReason,
    Placement,
    Response,
    ResponseEvent,
    ResponseNote,
    Skill,
    Vacancy,
)


@admin.register(Skill)
class SkillAdmin(WijkbasisModelAdmin):
    list_display = ("name", "category", "sort_order", "is_active")
    list_filter = ("category", "is_active")
    search_fields = ("name", "search_terms")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(NotMatchedReason)
class NotMatchedReasonAdmin(WijkbasisModelAdmin):
    list_display = ("name", "sort_order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name",)


class VacancyAdminForm(forms.ModelForm):
    # The days and parts of the day and "suitable for" are bit sets: checkboxes, as on the
    # organisation's own form, instead of a number nobody can read.
    time_slots = SlotsField(label=_("Days and parts of the day"))
    suitable_for = SuitabilityField(label=_("Suitable for"))

    class Meta:
        model = Vacancy
        fields = "__all__"  # noqa: DJ007 -- the management site edits every field of a vacancy


@admin.register(Vacancy)
class VacancyAdmin(WijkbasisModelAdmin):
    form = VacancyAdminForm
    list_display = ("title", "organisation", "status", "published_at", "expires_on")
    list_filter = ("status", "when", "where", "organisation__municipality")
    search_fields = ("title", "organisation__name", "contact_name")
    list_select_related = ("organisation",)
    date_hierarchy = "published_at"
    autocomplete_fields = ("organisation",)
    raw_id_fields = ("place", "created_by")
    # Checkboxes, not Django's two-box widget: its script makes labels that axe rejects.
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    readonly_fields = ("published_at", "expiry_reminder_sent_at", "created_by")
    prepopulated_fields = {"slug": ("title",)}

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        from wijkbasis.volunteering import services

        # Where it is (for distance search) and the search index follow the change, as when
        # the organisation saves it.
        services.save_vacancy(vacancy=form.instance, by=signed_in_user(request))


class ResponseEventInline(admin.StackedInline):
    model = ResponseEvent
    fields = ("at", "from_status", "to_status", "by")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = _("step")
    verbose_name_plural = _("steps (history)")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ResponseNoteInline(admin.StackedInline):
    model = ResponseNote
    fields = ("created_at", "author", "text")
    readonly_fields = ("created_at", "author")
    extra = 0


class PlacementInline(admin.StackedInline):
    model = Placement
    fields = ("start_date", "hours_per_week", "end_date", "end_reason")
    extra = 0
    can_delete = False


@admin.register(Response)
class ResponseAdmin(AccessLoggedAdmin):
    list_display = ("contact_name", "vacancy", "status", "channel", "created_at")
    list_filter = ("status", "channel", "vacancy__organisation__municipality")
    search_fields = ("contact_name", "contact_email", "vacancy__title", "vacancy__organisation__name")
    list_select_related = ("vacancy",)
    date_hierarchy = "created_at"
    raw_id_fields = ("vacancy", "resident", "broker")
    readonly_fields = ("status", "status_changed_at", "first_contact_at", "channel")
    inlines = [ResponseEventInline, PlacementInline, ResponseNoteInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A response comes from "Ik wil helpen" (or a team member for someone), through its
        # service: consent, follow-ups and the organisation's e-mail go with it.
        return False
