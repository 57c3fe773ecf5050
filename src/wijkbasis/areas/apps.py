from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreasConfig(AppConfig):
    name = "wijkbasis.areas"
    label = "areas"
    verbose_name = _("Areas and teams")

    def ready(self) -> None:
        from wijkbasis.areas import personal_data, processing  # noqa: F401
        from wijkbasis.core.fragments import invalidate_on_change

        # The public pages' cached parts (areas/templates): any change to areas, teams or places.
        # Postcode answers are not shown in them and are written on every new lookup.
        invalidate_on_change("areas", "areas", except_models=["postcodearea"])
