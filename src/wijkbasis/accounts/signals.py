"""Two-factor enrolment counts as the second factor for the session it happened in."""

from __future__ import annotations

from typing import Any

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver


@receiver(authenticator_added, dispatch_uid="wijkbasis_mfa_enrolled")
def enrolment_completes_two_factor(sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    # Activating an authenticator app means typing a valid code from it: the same proof a
    # login with 2FA asks for. Without this, a new staff member would have to log in again.
    if request is not None and authenticator.type != "recovery_codes":
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type, enrolled=True)


# The security log's receivers (logins, failed logins, rejected codes, changed ways to log in).
from wijkbasis.accounts import security_log  # noqa: E402, F401
