from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "wijkbasis.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from wijkbasis.reporting import personal_data  # noqa: F401
