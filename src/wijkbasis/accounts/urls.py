from django.urls import path

from wijkbasis.accounts import views

app_name = "accounts"

urlpatterns = [
    path("start/", views.start, name="start"),
    path("mijn/", views.profile, name="profile"),
    path("mijn/toestemming/<slug:purpose>/intrekken/", views.withdraw_consent, name="withdraw_consent"),
    path("mijn/gegevens/", views.my_data, name="my_data"),
    path("mijn/gegevens.json", views.my_data_json, name="my_data_json"),
    path("mijn/gegevens.pdf", views.my_data_pdf, name="my_data_pdf"),
    path("mijn/wie-keek/", views.who_looked, name="who_looked"),
    path("mijn/verwijderen/", views.erase, name="erase"),
    path("werkplek/", views.werkplek, name="werkplek"),
    path("werkplek/inwoners/", views.resident_list, name="resident_list"),
    path("werkplek/inwoners/nieuw/", views.resident_new, name="resident_new"),
    path("werkplek/inwoners/<int:pk>/", views.resident_detail, name="resident_detail"),
    path("werkplek/inwoners/<int:pk>/wijzigen/", views.resident_edit, name="resident_edit"),
    path("werkplek/inwoners/<int:pk>/toestemming/", views.resident_consent, name="resident_consent"),
    path("werkplek/inwoners/<int:pk>/koppelen/", views.resident_link, name="resident_link"),
    path("werkplek/inwoners/<int:pk>/delen/", views.resident_share, name="resident_share"),
    path("werkplek/inwoners/<int:pk>/samenvoegen/", views.resident_merge, name="resident_merge"),
    path("werkplek/inwoners/<int:pk>/niet-dezelfde/", views.resident_not_duplicate, name="resident_not_duplicate"),
    path("koppelen/<str:token>/", views.confirm_link, name="confirm_link"),
    path("werkplek/mijn-toegang/", views.my_accesses, name="my_accesses"),
    path("organisatie/", views.organisation, name="organisation"),
]
