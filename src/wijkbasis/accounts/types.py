"""The request of a signed-in user, for annotating views behind a login check."""

from __future__ import annotations

from django.http import HttpRequest as DjangoHttpRequest

from wijkbasis.accounts.models import User
from wijkbasis.core.types import HttpRequest


class AuthenticatedHttpRequest(HttpRequest):
    """A request whose `user` is a signed-in `User`, never `AnonymousUser`.

    Annotate only views that `login_required`, `permission_required` or a wrapper of these
    guard: mypy takes the annotation on trust. Lives in accounts, not core, because core does
    not import the accounts app.
    """

    user: User


def signed_in_user(request: DjangoHttpRequest) -> User | None:
    """The signed-in user of a request, or None for a visitor (`request.user.is_authenticated`, typed)."""
    user = request.user
    # Django's login leaves an AnonymousUser for anyone not signed in (or deactivated).
    return user if isinstance(user, User) else None
