"""Public addresses of the vacancy bank (included by volunteering/urls.py, namespace volunteering)."""

from django.urls import path

from wijkbasis.volunteering.views import public

urlpatterns = [
    path("vrijwilligerswerk/", public.vacancies, name="vacancies"),
    path("vrijwilligerswerk/bewaren/", public.save_search, name="save_search"),
    path("vrijwilligerswerk/bewaard/", public.search_saved, name="search_saved"),
    path("vrijwilligerswerk/zoekopdracht/<str:token>/bevestigen/", public.confirm_search, name="confirm_search"),
    path("vrijwilligerswerk/zoekopdracht/<str:token>/afmelden/", public.unsubscribe, name="unsubscribe"),
    path("vrijwilligerswerk/<slug:slug>/", public.vacancy, name="vacancy"),
    path("vrijwilligerswerk/<slug:slug>/reageren/", public.respond, name="respond"),
    path("vrijwilligerswerk/<slug:slug>/bedankt/", public.respond_thanks, name="respond_thanks"),
    # "aanmelden" before <slug>: the sign-up page is not an organisation.
    path("organisaties/aanmelden/", public.register_organisation, name="register_organisation"),
    path("organisaties/aanmelden/klaar/", public.organisation_registered, name="organisation_registered"),
    path("organisaties/<slug:slug>/", public.organisation, name="organisation"),
]
