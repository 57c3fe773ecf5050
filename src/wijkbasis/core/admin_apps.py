"""App configurations of Django's and the libraries' apps, as INSTALLED_APPS names them: the
management site with our site class, and the libraries' apps under names that say what they
hold (allauth calls its app "Accounts", like ours, and django-tasks' is "Tasks Database Backend",
not translated)."""

from __future__ import annotations

from allauth.account.apps import AccountConfig
from allauth.mfa.apps import MFAConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class ManagementSiteConfig(AdminConfig):
    default_site = "wijkbasis.core.admin_site.ManagementSite"


class EmailAddressesConfig(AccountConfig):  # type: ignore[misc]  # allauth has no type information
    verbose_name = _("E-mail addresses")


class TwoStepVerificationConfig(MFAConfig):  # type: ignore[misc]  # allauth has no type information
    verbose_name = _("Two-step verification")


class BackgroundTasksConfig(TasksAppConfig):
    # django-tasks-db's config says a plain str; Django's AppConfig takes a lazy one too.
    verbose_name = _("Background tasks")  # type: ignore[assignment]
