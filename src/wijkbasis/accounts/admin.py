from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wijkbasis.accounts.models import Consent, MunicipalityViewer, OrganisationMembership, Resident, ResidentShare, User
from wijkbasis.areas.models import TeamMember
from wijkbasis.core.admin import AccessLoggedAdmin, WijkbasisModelAdmin


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "name")


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class TeamMembershipInline(admin.TabularInline):
    model = TeamMember
    fields = ("team", "name", "slug", "role")
    extra = 0
    verbose_name = _("team membership")
    verbose_name_plural = _("team memberships (staff roles)")


class OrganisationMembershipInline(admin.TabularInline):
    model = OrganisationMembership
    extra = 0
    autocomplete_fields = ("organisation",)


class MunicipalityViewerInline(admin.TabularInline):
    model = MunicipalityViewer
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin, WijkbasisModelAdmin):
    """Administrators manage users and their roles: team, organisation, municipality."""

    inlines = [TeamMembershipInline, OrganisationMembershipInline, MunicipalityViewerInline]
    form = UserChangeAdminForm

    def get_inline_instances(self, request: HttpRequest, obj: object = None) -> list[object]:
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


class ConsentInline(admin.StackedInline):
    model = Consent
    fields = ("purpose", "method", "given_at", "recorded_by", "withdrawn_at")
    readonly_fields = ("recorded_by",)
    extra = 0


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
