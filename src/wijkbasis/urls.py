from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language
from django.views.static import serve

from wijkbasis.accounts import views as accounts_views

# The management site logs in through the same login (with two-factor) as everything else.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", include("wijkbasis.areas.urls")),
    path("", include("wijkbasis.accounts.urls")),
    path("", include("wijkbasis.volunteering.urls")),
    path("", include("wijkbasis.buurtservice.urls")),
    path("", include("wijkbasis.reporting.urls")),
    # allauth's "send me a code" with a per-IP limit on top (same URL and name).
    path("account/login/code/", accounts_views.request_login_code, name="account_request_login_code"),
    path("account/", include("allauth.urls")),
    path("taal/", set_language, name="set_language"),
    path("beheer/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    # Only public uploads live in MEDIA_ROOT (team photos, logos).
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}, name="media"),
    ]
