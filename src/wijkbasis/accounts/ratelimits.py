"""One budget per IP address for the mails a visitor without an account can make us send.

allauth limits these per address (a login code: RATE_LIMIT_LOGIN_CODE) and some per IP, but
each page on its own, and the login page, which sends a code when only an e-mail address is
typed, not at all: 26 "unknown account" mails in a minute from one address. Every page that
may send a mail for an anonymous POST goes through `mail_limited` (src/wijkbasis/urls.py), so
one IP address can cause at most RATE_LIMIT_MAIL_IP mails in all, then gets 429. The limit per
recipient stays in core.mail (MAIL_PER_ADDRESS_LIMIT).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from allauth.core import ratelimit
from django.http import HttpRequest, HttpResponse

ACTION = "mail_per_ip"


def is_post(request: HttpRequest) -> bool:
    return request.method == "POST"


def asks_for_a_code(request: HttpRequest) -> bool:
    """The login form without a password sends a code (accounts.forms.LoginForm)."""
    return request.method == "POST" and not request.POST.get("password")


def sends_again(request: HttpRequest) -> bool:
    """'Send the code again' or 'use another address' on a page waiting for a code."""
    return request.method == "POST" and request.POST.get("action") in ("resend", "change")


def mail_limited(
    view: Callable[..., HttpResponse], *, sends_mail: Callable[[HttpRequest], bool] = is_post
) -> Callable[..., HttpResponse]:
    """`view`, counting every request that may send a mail against the IP address's budget."""

    @wraps(view)
    def limited_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if sends_mail(request):
            refused = ratelimit.consume_or_429(request, action=ACTION)
            if refused is not None:
                return refused
        return view(request, *args, **kwargs)

    return limited_view
