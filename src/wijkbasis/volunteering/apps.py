from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: The kind (core.fragments) of the vacancy search's rendered form.
SEARCH_FORM_FRAGMENTS = "vacancy-search-form"


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
