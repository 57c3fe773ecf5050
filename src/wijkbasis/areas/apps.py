from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreasConfig(AppConfig):
    name = "wijkbasis.areas"
    label = "areas"
    verbose_name = _("Areas and teams")

    def ready(self) -> None:
        from wijkbasis.areas import personal_data, processing  # noqa: F401
