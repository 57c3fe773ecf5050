from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuurtserviceConfig(AppConfig):
    name = "wijkbasis.buurtservice"
    label = "buurtservice"
    verbose_name = _("Buurtservice")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from wijkbasis.buurtservice import personal_data, processing  # noqa: F401
        from wijkbasis.buurtservice.models import RequestPhoto
        from wijkbasis.buurtservice.services import remove_photo_file

        # A photo goes with its job (retention, erasure, a cascade from the resident): its file too.
        post_delete.connect(remove_photo_file, sender=RequestPhoto, dispatch_uid="wijkbasis_buurtservice_photo_file")
