from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "wijkbasis.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from wijkbasis.core import checks, lookups, personal_data, signals  # noqa: F401

        post_migrate.connect(_repair_access_log_guards, sender=self, dispatch_uid="wijkbasis_access_log_guards")


def _repair_access_log_guards(using: str = "default", **kwargs: object) -> None:
    """A migration that rebuilds the access log table on SQLite drops its triggers: put them back."""
    from django.db import connections

    from wijkbasis.core import guards

    connection = connections[using]
    if guards.TABLE in connection.introspection.table_names():
        guards.install(connection)
