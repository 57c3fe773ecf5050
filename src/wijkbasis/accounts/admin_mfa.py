"""Two-step verification in the management site: which authenticators an account has, never
their secrets.

allauth's own admin for Authenticator shows and edits its `data` field: the TOTP secret and
the seed of the recovery codes, with which an administrator could make a staff member's codes
and act as them. This registration replaces it: type, account, when set up and when last used,
read only. An administrator cannot add, change or remove a second factor here either; a person
who lost their phone uses a recovery code, and only someone with access to the server can
remove an authenticator (`wijkbasis shell`), see docs/security.md.

Imported by accounts/admin.py, after allauth's registration, which it replaces.
"""

from __future__ import annotations

from typing import Any

from allauth.mfa import admin as allauth_mfa_admin  # noqa: F401 -- registers allauth's admin, replaced below
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.http import HttpRequest

if admin.site.is_registered(Authenticator):
    admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    fields = ("type", "user", "created_at", "last_used_at")
    readonly_fields = fields
    list_display = ("user", "type", "created_at", "last_used_at")
    list_filter = ("type",)
    list_select_related = ("user",)
    search_fields = ("user__email", "user__name")
    ordering = ("user__email", "type")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
