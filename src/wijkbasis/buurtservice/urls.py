from django.urls import path

from wijkbasis.buurtservice.views import coordinator, crew, public, team

app_name = "buurtservice"

urlpatterns = [
    # Residents
    path("buurtservice/", public.start, name="start"),
    path("buurtservice/aanvragen/", public.request_job, name="request"),
    path("buurtservice/aanvraag/<str:token>/", public.status, name="status"),
    path("buurtservice/aanvraag/<str:token>/reactie/", public.status_feedback, name="status_feedback"),
    path("buurtservice/aanvraag/<str:token>/annuleren/", public.status_cancel, name="status_cancel"),
    path("mijn/klussen/", public.my_requests, name="my_requests"),
    # Crew members
    path("buurtservice/vandaag/", crew.today, name="today"),
    path("buurtservice/vandaag/<int:pk>/klaar/", crew.assignment_done, name="assignment_done"),
    path("mijn/ontwikkeling/", crew.my_development, name="my_development"),
    path("buurtservice/fotos/<int:pk>/", crew.photo, name="photo"),
    # The coordinator
    path("werkplek/buurtservice/", coordinator.waitlist, name="waitlist"),
    path("werkplek/buurtservice/aanvragen/nieuw/", coordinator.intake_new, name="intake_new"),
    path("werkplek/buurtservice/aanvragen/<int:pk>/", coordinator.request_detail, name="request_detail"),
    path("werkplek/buurtservice/aanvragen/<int:pk>/intake/", coordinator.request_intake, name="request_intake"),
    path("werkplek/buurtservice/aanvragen/<int:pk>/besluit/", coordinator.request_decide, name="request_decide"),
    path("werkplek/buurtservice/aanvragen/<int:pk>/voorrang/", coordinator.request_priority, name="request_priority"),
    path("werkplek/buurtservice/aanvragen/<int:pk>/annuleren/", coordinator.request_cancel, name="request_cancel"),
    path("werkplek/buurtservice/aanvragen/<int:pk>/plannen/", coordinator.request_plan, name="request_plan"),
    path("werkplek/buurtservice/aanvragen/<int:pk>/afronden/", coordinator.request_complete, name="request_complete"),
    path("werkplek/buurtservice/aanvragen/<int:pk>/reactie/", coordinator.request_feedback, name="request_feedback"),
    path("werkplek/buurtservice/bezoeken/<int:pk>/", coordinator.visit, name="visit"),
    path("werkplek/buurtservice/bezoeken/<int:pk>/annuleren/", coordinator.visit_cancel, name="visit_cancel"),
    path("werkplek/buurtservice/planning/", coordinator.board, name="board"),
    path("werkplek/buurtservice/ploeg/", team.workers, name="workers"),
    path("werkplek/buurtservice/ploeg/nieuw/", team.worker_new, name="worker_new"),
    path("werkplek/buurtservice/ploeg/<int:pk>/", team.worker, name="worker"),
    path("werkplek/buurtservice/ploeg/<int:pk>/certificaat/", team.worker_certificate, name="worker_certificate"),
    path("werkplek/buurtservice/ploeg/<int:pk>/uitnodigen/", team.worker_invite, name="worker_invite"),
    path("werkplek/buurtservice/ploeg/<int:pk>/vertrek/", team.worker_leaving, name="worker_leaving"),
    path("werkplek/buurtservice/ploeg/<int:pk>/ontwikkeling/", team.worker_development, name="worker_development"),
    path("werkplek/buurtservice/soorten/", team.categories, name="categories"),
    path("werkplek/buurtservice/soorten/nieuw/", team.category_form, name="category_new"),
    path("werkplek/buurtservice/soorten/<int:pk>/", team.category_form, name="category_edit"),
    path("werkplek/buurtservice/cijfers/", team.dashboard, name="dashboard"),
]
