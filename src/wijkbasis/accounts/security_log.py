"""The security log: every login, failed login, logout, rejected code and change of a way to log
in, as one line each on the logger `wijkbasis.security` (to the console with the rest of the
logs, docs/security.md says where they go).

One line reads `event=login_failed user=- ip=192.0.2.7 path=/account/login/`: what happened, to
which account (its id, never the e-mail address typed: someone mistyping theirs should not end
up in a log), from which address and page. The access log (core.AccessLogEntry) is for who saw
whose data; this log is for who tried to get in.
"""

from __future__ import annotations

import logging
from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver
from django.http import HttpRequest

from wijkbasis.core.access_log import client_address

logger = logging.getLogger("wijkbasis.security")


def log_event(
    event: str, request: HttpRequest | None, user: Any = None, *, level: int = logging.INFO, **details: Any
) -> None:
    user_id = getattr(user, "pk", None)
    fields = {
        "user": user_id if user_id is not None else "-",
        "ip": client_address(request) if request is not None else "-",
        "path": request.path if request is not None else "-",
        **details,
    }
    # Text values quoted with repr(): a newline or a made-up "event=" in a path cannot forge a line.
    words = " ".join(
        f"{name}={value!r}" if isinstance(value, str) else f"{name}={value}" for name, value in fields.items()
    )
    logger.log(level, "event=%s %s", event, words)


def _method(request: HttpRequest | None) -> str:
    records = request.session.get("account_authentication_methods", []) if request is not None else []
    return "+".join(dict.fromkeys(str(record.get("method", "?")) for record in records)) or "-"


@receiver(auth_signals.user_logged_in, dispatch_uid="wijkbasis_security_login")
def logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    log_event("login", request, user, method=_method(request))


@receiver(auth_signals.user_login_failed, dispatch_uid="wijkbasis_security_login_failed")
def login_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    from wijkbasis.accounts.models import User

    email = str(credentials.get("email") or credentials.get("username") or "")
    account = User.objects.filter(email__iexact=email).only("pk").first() if email else None
    log_event("login_failed", request, account, level=logging.WARNING)


@receiver(auth_signals.user_logged_out, dispatch_uid="wijkbasis_security_logout")
def logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    log_event("logout", request, user)


@receiver(account_signals.login_code_rejected, dispatch_uid="wijkbasis_security_login_code_rejected")
def login_code_rejected(
    sender: Any, request: HttpRequest, user: Any, last_attempt: bool = False, **kwargs: Any
) -> None:
    log_event("login_code_rejected", request, user, level=logging.WARNING, last_attempt=last_attempt)


@receiver(account_signals.email_verification_code_rejected, dispatch_uid="wijkbasis_security_email_code_rejected")
def email_code_rejected(sender: Any, request: HttpRequest, **kwargs: Any) -> None:
    log_event("email_code_rejected", request, kwargs.get("user"), level=logging.WARNING)


@receiver(mfa_signals.authentication_failed, dispatch_uid="wijkbasis_security_mfa_failed")
def second_factor_failed(
    sender: Any, request: HttpRequest, user: Any, authenticator: Any = None, **kwargs: Any
) -> None:
    kind = getattr(authenticator, "type", "-") or "-"
    log_event("second_factor_failed", request, user, level=logging.WARNING, type=kind)


def _change(event: str) -> Any:
    def changed(sender: Any, request: HttpRequest | None = None, user: Any = None, **kwargs: Any) -> None:
        authenticator = kwargs.get("authenticator")
        details = {"type": authenticator.type} if authenticator is not None else {}
        log_event(event, request, user, **details)

    return changed


for _signal, _event in (
    (account_signals.password_set, "password_set"),
    (account_signals.password_changed, "password_changed"),
    (account_signals.password_reset, "password_reset"),
    (account_signals.email_changed, "email_changed"),
    (account_signals.email_added, "email_added"),
    (account_signals.email_removed, "email_removed"),
    (mfa_signals.authenticator_added, "second_factor_added"),
    (mfa_signals.authenticator_removed, "second_factor_removed"),
    (mfa_signals.authenticator_reset, "second_factor_reset"),
):
    _signal.connect(_change(_event), dispatch_uid=f"wijkbasis_security_{_event}", weak=False)
