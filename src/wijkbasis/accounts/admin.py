from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wijkbasis.accounts.consent import purpose_choices
from wijkbasis.accounts.models import Consent, MunicipalityViewer, OrganisationMembership, Resident, ResidentShare, User
from wijkbasis.areas.models import TeamMember
from wijkbasis.core.admin import AccessLoggedAdmin, WijkbasisModelAdmin
from wijkbasis.core.admin_widgets import AccessibleWidgetsMixin


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "name")


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class TeamMembershipInline(admin.StackedInline):
    model = TeamMember
    fields = ("team", "name", "slug", "role")
    extra = 0
    verbose_name = _("team membership")
    verbose_name_plural = _("team memberships (staff roles)")


class OrganisationMembershipInline(AccessibleWidgetsMixin, admin.StackedInline):
    model = OrganisationMembership
    extra = 0
    autocomplete_fields = ("organisation",)


class MunicipalityViewerInline(admin.StackedInline):
    model = MunicipalityViewer
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin, WijkbasisModelAdmin):
    """Administrators manage users and their roles: team, organisation, municipality."""

    inlines = [TeamMembershipInline, OrganisationMembershipInline, MunicipalityViewerInline]
    form = UserChangeAdminForm

    def get_inline_instances(self, request: HttpRequest, obj: User | None = None) -> list[InlineModelAdmin[Any, Any]]:
        # Roles are given once the account exists.
        return super().get_inline_instances(request, obj) if obj is not None else []

    add_form = UserCreationAdminForm
    ordering = ("email",)
    list_display = ("email", "name", "is_active", "is_staff", "date_joined")
    list_filter = ("is_active", "is_staff", "is_superuser")
    search_fields = ("email", "name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal details"), {"fields": ("name", "language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("email", "name", "usable_password", "password1", "password2")},
        ),
    )


class ConsentInlineFormSet(BaseInlineFormSet):
    """One active permission per purpose (a database constraint): a second one is a form error
    on its purpose, not an IntegrityError."""

    def clean(self) -> None:
        super().clean()
        if self.instance.pk is None:
            return
        kept = {form.instance.pk for form in self.forms if form.instance.pk is not None}
        # Active permissions not on this page (recorded meanwhile by someone else) count too.
        active = set(
            Consent.objects.filter(resident=self.instance, withdrawn_at__isnull=True)
            .exclude(pk__in=kept)
            .values_list("purpose", flat=True)
        )
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or data.get("withdrawn_at") or not data.get("purpose"):
                continue
            purpose = data["purpose"]
            if purpose in active:
                form.add_error(
                    "purpose",
                    _(
                        "There is already a permission for this that is not withdrawn. Fill in when the other one "
                        "was withdrawn, or remove this one."
                    ),
                )
            active.add(purpose)


class ConsentInline(admin.StackedInline):
    model = Consent
    formset = ConsentInlineFormSet
    fields = ("purpose", "method", "given_at", "recorded_by", "withdrawn_at")
    readonly_fields = ("recorded_by",)
    extra = 0

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "purpose":
            # What a resident can give permission for, by its words: not a free text field.
            return forms.ChoiceField(
                label=db_field.verbose_name, choices=purpose_choices, required=True, widget=forms.Select
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ResidentShareInline(admin.StackedInline):
    model = ResidentShare
    fields = ("team", "reason", "shared_by", "shared_at")
    readonly_fields = ("shared_by", "shared_at")
    extra = 0


@admin.register(Resident)
class ResidentAdmin(AccessLoggedAdmin):
    list_display = ("name", "district", "source", "created_at")
    list_filter = ("source", "district__municipality", "district")
    search_fields = ("name", "email", "postcode")
    list_select_related = ("district",)
    raw_id_fields = ("user", "created_by")
    inlines = [ConsentInline, ResidentShareInline]


# Authenticators without their secrets, in place of allauth's own registration.
from wijkbasis.accounts import admin_mfa  # noqa: E402, F401
