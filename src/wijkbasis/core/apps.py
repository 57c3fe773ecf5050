from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "wijkbasis.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from wijkbasis.core import checks, lookups, personal_data, signals  # noqa: F401
        from wijkbasis.core.guards import ACCESS_LOG_GUARDS

        ACCESS_LOG_GUARDS.repair_after_migrate(self)
