from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "wijkbasis.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from wijkbasis.accounts import personal_data, signals  # noqa: F401
        from wijkbasis.accounts.selectors import access_of
        from wijkbasis.core import access_log

        access_log.role_of = lambda user: str(access_of(user).primary_role)

        from wijkbasis.accounts.services import purge_expired
        from wijkbasis.core.daily import register_daily

        register_daily("purge_expired", purge_expired)
