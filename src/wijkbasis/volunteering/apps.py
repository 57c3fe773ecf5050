from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "wijkbasis.volunteering"
    label = "volunteering"
    verbose_name = _("Volunteering")

    def ready(self) -> None:
        from wijkbasis.core.daily import register_daily
        from wijkbasis.volunteering import personal_data, processing  # noqa: F401
        from wijkbasis.volunteering.services import run_daily, send_weekly_digests

        register_daily("vacancies", run_daily)
        register_daily("saved_search_emails", send_weekly_digests)

        from django.db.models.signals import post_migrate

        post_migrate.connect(_repair_search_index, sender=self, dispatch_uid="wijkbasis_search_index")


def _repair_search_index(using: str = "default", **kwargs: object) -> None:
    """A later migration that rebuilds the vacancy table on SQLite drops its triggers: put them back."""
    from django.db import connections

    from wijkbasis.volunteering.search import create_index_statements

    connection = connections[using]
    if "volunteering_vacancy" not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        for statement in create_index_statements(connection.vendor):
            cursor.execute(statement)
