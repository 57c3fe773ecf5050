from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "wijkbasis.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from wijkbasis.accounts import personal_data, processing, signals  # noqa: F401
        from wijkbasis.accounts.selectors import primary_role_of
        from wijkbasis.core.access_log import register_role_resolver

        register_role_resolver(primary_role_of)

        from wijkbasis.accounts.services import purge_expired
        from wijkbasis.core.daily import register_daily

        register_daily("purge_expired", purge_expired)
        # The residents' name-search index (RESIDENT_NAME_SEARCH) is made by its migration and
        # needs no repair after migrate: it exists on PostgreSQL only, which keeps an index when a
        # migration alters the table (the repair is for SQLite's triggers). Re-running CREATE INDEX
        # after migrate failed inside a transaction with pending trigger events (the demo twice).
