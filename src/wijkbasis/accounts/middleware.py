"""Security for logged-in users: two-factor for staff, no caching, idle time-out.

- Staff (team members with an account), municipality viewers and administrators must have
  completed two-factor authentication in this session before any page other than the account
  pages opens; without an authenticator they are sent to set one up.
- Pages for logged-in users are never stored by browsers or proxies (Cache-Control: no-store).
- Staff sessions end after STAFF_IDLE_TIMEOUT seconds without activity, and when the browser
  closes, even when "stay logged in" was ticked: a computer in a community centre is shared.
- Every session ends at its maximum age, however active: STAFF_SESSION_HOURS for staff,
  SESSION_DAYS for everyone else.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from wijkbasis.accounts.selectors import access_of

#: Pages a user who still has to complete two-factor may open: the account pages (log out,
#: set up or use 2FA), static files and the language switch.
OPEN_WITHOUT_TWO_FACTOR = ("/account/", "/static/", "/media/", "/taal/")
ADMIN_PREFIX = "/beheer/"
#: When a staff session was last used (seconds since the epoch). Written at most once every
#: LAST_SEEN_RESOLUTION seconds: a write of the session row on every page would cost more than
#: many pages themselves, and the idle time-out (30 minutes) needs no finer clock.
LAST_SEEN_SESSION_KEY = "wijkbasis_last_seen"
LAST_SEEN_RESOLUTION = 60
#: When this login began (seconds since the epoch): set by the account adapter at login, and
#: for staff at their first page; a session ends this long after it, however active.
LOGGED_IN_AT_SESSION_KEY = "wijkbasis_logged_in_at"


def has_completed_two_factor(request: HttpRequest) -> bool:
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


class AccountSecurityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return self.get_response(request)
        access = access_of(user)
        if request.path.startswith(ADMIN_PREFIX) and not access.is_administrator:
            # The management site does not exist for anyone but administrators.
            raise Http404
        ended = self._too_old(request, staff=access.needs_two_factor)
        if ended is not None:
            return ended
        if access.needs_two_factor:
            idle = self._staff_session(request)
            if idle is not None:
                return idle
            if not request.path.startswith(OPEN_WITHOUT_TWO_FACTOR) and not has_completed_two_factor(request):
                response = self._two_factor_first(request)
                patch_cache_control(response, no_store=True, private=True)
                return response
        response = self.get_response(request)
        patch_cache_control(response, no_store=True, private=True)
        return response

    def _staff_session(self, request: HttpRequest) -> HttpResponse | None:
        """End a staff session idle for too long (a redirect to the login page); otherwise note
        this use. The cookie lasts until the browser closes."""
        now = time.time()
        last_seen = request.session.get(LAST_SEEN_SESSION_KEY)
        if isinstance(last_seen, (int, float)) and now - last_seen > settings.STAFF_IDLE_TIMEOUT:
            return self._logged_out(
                request,
                _("You were logged out because you did nothing for %(minutes)s minutes. Log in again.")
                % {"minutes": settings.STAFF_IDLE_TIMEOUT // 60},
            )
        if not isinstance(last_seen, (int, float)) or now - last_seen >= LAST_SEEN_RESOLUTION:
            request.session[LAST_SEEN_SESSION_KEY] = now
        if LOGGED_IN_AT_SESSION_KEY not in request.session:
            request.session[LOGGED_IN_AT_SESSION_KEY] = now
        if not request.session.get_expire_at_browser_close():
            request.session.set_expiry(0)
        return None

    def _too_old(self, request: HttpRequest, *, staff: bool) -> HttpResponse | None:
        """End a session that began longer ago than its maximum (ASVS 7.3.2): STAFF_SESSION_HOURS
        for staff, SESSION_DAYS for everyone else, however active they were."""
        logged_in_at = request.session.get(LOGGED_IN_AT_SESSION_KEY)
        limit = settings.STAFF_SESSION_MAXIMUM if staff else settings.SESSION_COOKIE_AGE
        if isinstance(logged_in_at, (int, float)) and time.time() - logged_in_at > limit:
            return self._logged_out(request, _("You have been logged in for a long time. Log in again, please."))
        return None

    def _logged_out(self, request: HttpRequest, message: str) -> HttpResponse:
        logout(request)
        messages.info(request, message)
        response = HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}")
        patch_cache_control(response, no_store=True, private=True)
        return response

    def _two_factor_first(self, request: HttpRequest) -> HttpResponse:
        enrolled = (
            Authenticator.objects.filter(user=request.user).exclude(type=Authenticator.Type.RECOVERY_CODES).exists()
        )
        if enrolled:
            target = reverse("mfa_reauthenticate")
            messages.info(request, _("Confirm with your authenticator app that it is you."))
        else:
            target = reverse("mfa_activate_totp")
            messages.info(
                request,
                _("You work with personal data, so your account needs two-step verification. Set it up first."),
            )
        return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
