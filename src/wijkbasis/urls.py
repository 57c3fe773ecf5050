from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language
from django.views.static import serve

urlpatterns = [
    path("", include("wijkbasis.areas.urls")),
    path("taal/", set_language, name="set_language"),
    path("beheer/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    # Only public uploads live in MEDIA_ROOT (team photos, logos).
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}, name="media"),
    ]
