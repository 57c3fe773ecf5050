"""The vacancy bank's addresses, in Dutch, by audience (the modules of views/)."""

from django.urls import path

import wijkbasis.volunteering.views.mijn as mijn
from wijkbasis.volunteering.views import broker, organisation, public, talents

app_name = "volunteering"

urlpatterns = [
    # Everyone (no account needed to look or respond)
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
    # Residents
    path("mijn/talenten/", talents.talent_profile, name="talents"),
    # Organisation members
    path("organisatie/vacatures/", organisation.vacancies, name="org_vacancies"),
    path("organisatie/vacatures/nieuw/", organisation.vacancy_form, name="org_vacancy_new"),
    path("organisatie/vacatures/<int:pk>/", organisation.vacancy_form, name="org_vacancy_edit"),
    path("organisatie/vacatures/<int:pk>/sluiten/", organisation.vacancy_close, name="org_vacancy_close"),
    path("organisatie/reacties/", organisation.responses, name="org_responses"),
    path("organisatie/reacties/<int:pk>/", organisation.response_detail, name="org_response"),
    path("organisatie/reacties/<int:pk>/stap/", organisation.response_move, name="org_response_move"),
    # Brokers and other team staff
    path("werkplek/vrijwilligerswerk/", broker.pipeline, name="pipeline"),
    path("werkplek/vrijwilligerswerk/reacties/<int:pk>/", broker.response_detail, name="broker_response"),
    path("werkplek/vrijwilligerswerk/reacties/<int:pk>/stap/", broker.response_move, name="broker_response_move"),
    path("werkplek/vrijwilligerswerk/reacties/<int:pk>/notitie/", broker.response_note, name="broker_response_note"),
    path("werkplek/vrijwilligerswerk/vacatures/<int:pk>/kandidaten/", broker.candidates, name="candidates"),
    path("werkplek/inwoners/<int:pk>/vacatures/", broker.suggestions_for_resident, name="resident_suggestions"),
    path("werkplek/vrijwilligerswerk/beoordelen/", broker.review_queue, name="review_queue"),
    path(
        "werkplek/vrijwilligerswerk/organisaties/<int:pk>/beoordelen/",
        broker.review_organisation,
        name="review_organisation",
    ),
    path("werkplek/vrijwilligerswerk/vacatures/<int:pk>/beoordelen/", broker.review_vacancy, name="review_vacancy"),
    path("werkplek/taken/", broker.follow_ups, name="follow_ups"),
    path("werkplek/taken/<int:pk>/klaar/", broker.follow_up_done, name="follow_up_done"),
    # The resident's own pages under "Mijn" (views/mijn.py)
    path("mijn/reacties/", mijn.my_responses, name="my_responses"),
    path("mijn/reacties/<int:pk>/intrekken/", mijn.withdraw_response, name="my_response_withdraw"),
    path("mijn/zoekopdrachten/", mijn.my_searches, name="my_searches"),
    path("mijn/zoekopdrachten/<int:pk>/stoppen/", mijn.stop_search, name="my_search_stop"),
]
