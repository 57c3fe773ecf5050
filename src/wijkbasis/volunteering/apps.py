from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: The kind (core.fragments) of the vacancy search's rendered form.
SEARCH_FORM_FRAGMENTS = "vacancy-search-form"
#: The kind whose version tells when to rebuild the matching facts of the talent profiles
#: (selectors.shared_profile_facts).
PROFILE_FACTS = "talent-profile-facts"


def resident_changed(sender: Any, instance: Any = None, pks: Any = None, raw: bool = False, **kwargs: Any) -> None:
    """A resident was saved (or residents were updated in bulk): their talent profile's facts
    (wijk, languages) may have changed. Only when one of them has a profile, so that editing
    the many residents without one never rebuilds the facts."""
    if raw:
        return
    from wijkbasis.core import fragments
    from wijkbasis.volunteering.models import TalentProfile

    ids = [instance.pk] if instance is not None else list(pks or ())
    if ids and TalentProfile.objects.filter(resident_id__in=ids).exists():
        fragments.mark_changed(PROFILE_FACTS)


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

        from wijkbasis.volunteering.search import SEARCH_INDEX

        SEARCH_INDEX.repair_after_migrate(self)

        from wijkbasis.core.fragments import follows, invalidate_on_change

        # The search form (vacancies.html) and its choices of skills and wijken, kept rendered:
        # they change with the skills and the areas (the areas app's kind).
        invalidate_on_change("skills", "volunteering", only_models=["skill"])
        follows(SEARCH_FORM_FRAGMENTS, "skills", "areas")
        # The facts of the talent profiles: their own rows and relations, the names of skills and
        # wijken, and what they read of their resident (resident_changed).
        invalidate_on_change(PROFILE_FACTS, "volunteering", only_models=["talentprofile"])
        follows(PROFILE_FACTS, "skills", "areas")
        from django.apps import apps
        from django.db.models.signals import post_save

        from wijkbasis.core.signals import rows_updated

        resident = apps.get_model("accounts", "Resident")
        post_save.connect(resident_changed, sender=resident, dispatch_uid="volunteering:facts:resident")
        rows_updated.connect(resident_changed, sender=resident, dispatch_uid="volunteering:facts:residents")
