from allauth.account import views as allauth_views
from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language
from django.views.static import serve

from wijkbasis.accounts import views as accounts_views
from wijkbasis.accounts.ratelimits import asks_for_a_code, mail_limited, sends_again

# The management site logs in through the same login (with two-factor) as everything else.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]  # on purpose

urlpatterns = [
    path("", include("wijkbasis.areas.urls")),
    path("", include("wijkbasis.accounts.urls")),
    path("", include("wijkbasis.volunteering.urls")),
    path("", include("wijkbasis.buurtservice.urls")),
    path("", include("wijkbasis.reporting.urls")),
    # allauth's pages that mail someone for an anonymous POST, each within one budget of mails per IP
    # address (accounts/ratelimits.py); same URLs and names, before allauth's own.
    path("account/login/", mail_limited(allauth_views.login, sends_mail=asks_for_a_code), name="account_login"),
    path("account/signup/", mail_limited(allauth_views.signup), name="account_signup"),
    path("account/password/reset/", mail_limited(allauth_views.password_reset), name="account_reset_password"),
    path(
        "account/login/code/",
        mail_limited(accounts_views.request_login_code),
        name="account_request_login_code",
    ),
    path(
        "account/login/code/confirm/",
        mail_limited(allauth_views.confirm_login_code, sends_mail=sends_again),
        name="account_confirm_login_code",
    ),
    path(
        "account/confirm-email/",
        mail_limited(allauth_views.email_verification_sent, sends_mail=sends_again),
        name="account_email_verification_sent",
    ),
    path("account/", include("allauth.urls")),
    path("taal/", set_language, name="set_language"),
    path("beheer/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    # Only public uploads live in MEDIA_ROOT (team photos, logos).
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}, name="media"),
    ]
