from django.urls import path

from wijkbasis.areas import views

app_name = "areas"

urlpatterns = [
    path("", views.home, name="home"),
    path("postcode/", views.postcode_lookup, name="postcode"),
    path("gemeente/<slug:slug>/", views.municipality, name="municipality"),
    path("wijk/<slug:slug>/", views.district, name="district"),
    path("wijk/<slug:slug>/qr.svg", views.district_qr, {"image_format": "svg"}, name="district_qr_svg"),
    path("wijk/<slug:slug>/qr.png", views.district_qr, {"image_format": "png"}, name="district_qr_png"),
    path("wijk/<slug:slug>/poster.pdf", views.district_poster, name="district_poster"),
    path("team/<slug:slug>/", views.team, name="team"),
    path("team/<slug:team_slug>/<slug:slug>/", views.team_member, name="team_member"),
    path("plek/<slug:slug>/", views.place, name="place"),
]
