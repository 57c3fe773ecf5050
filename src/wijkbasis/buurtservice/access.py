"""Fetch, check and log in one call: the access helpers of Buurtservice (core/access.py).

Views and selectors read requests, visits, photos, workers and participants' development only
through these; whatever a user may not see is a 404.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.paginator import Page
from django.db.models import Q, QuerySet
from django.http import Http404

from wijkbasis.buurtservice.models import (
    Assignment,
    Development,
    Request,
    RequestPhoto,
    RequestQuerySet,
    Service,
    Visit,
    Worker,
)
from wijkbasis.buurtservice.processing import CREW, ODD_JOBS, PARTICIPANT_DEVELOPMENT
from wijkbasis.core.access import access, access_list, access_page, get_or_404
from wijkbasis.core.access_log import Action, actor_for, log_access, log_accesses
from wijkbasis.core.roles import Role

#: What a request's token looks like (secrets.token_urlsafe).
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def request_queryset() -> RequestQuerySet:
    """What the request pages show of each request, in a fixed number of queries."""
    return Request.objects.select_related(
        "service__municipality", "resident", "requested_by", "category", "district", "feedback"
    )


# ---------------------------------------------------------------------------
# The coordinator


def coordinated_services(user: Any) -> list[Service]:
    """The Buurtservices of the municipalities where this user is a coordinator."""
    from wijkbasis.accounts.selectors import access_of

    municipalities = access_of(user).municipality_ids_as(Role.COORDINATOR)
    return list(Service.objects.filter(municipality_id__in=municipalities).select_related("municipality", "base"))


def coordinated_service(user: Any, chosen: Any = None) -> Service | None:
    """The service a coordinator works on (the chosen one, by id, when they coordinate several)."""
    services = coordinated_services(user)
    for service in services:
        if str(service.pk) == str(chosen):
            return service
    return services[0] if services else None


def access_request(user: Any, pk: Any) -> Request:
    """A request this user coordinates (its view logged); else 404."""
    return access(request_queryset().visible_to(user, in_role=Role.COORDINATOR), user, purpose=ODD_JOBS.code, pk=pk)


def access_request_page(user: Any, shown: RequestQuerySet, number: Any, *, per_page: int) -> Page[Request]:
    return access_page(
        shown.visible_to(user, in_role=Role.COORDINATOR), user, number, purpose=ODD_JOBS.code, per_page=per_page
    )


def log_requests_shown(user: Any, requests: list[Request]) -> list[Request]:
    """Requests shown on a page that fetched them through `visible_to(user, in_role=Role.COORDINATOR)`
    (the waiting list, the planning board)."""
    return access_list(requests, user, purpose=ODD_JOBS.code)


def access_visit(user: Any, pk: Any) -> Visit:
    """A visit of a request this user coordinates; else 404."""
    visits = Visit.objects.filter(
        request__in=Request.objects.visible_to(user, in_role=Role.COORDINATOR)
    ).select_related("request__category", "request__resident", "request__service")
    return access(visits, user, purpose=ODD_JOBS.code, pk=pk)


def access_worker(user: Any, pk: Any) -> Worker:
    """A crew member of a service this user coordinates (their view logged); else 404."""
    workers = Worker.objects.filter(service__in=coordinated_services(user)).select_related(
        "resident__user", "origin", "service"
    )
    return access(workers, user, purpose=CREW.code, pk=pk)


def access_worker_page(user: Any, shown: QuerySet[Worker], number: Any, *, per_page: int) -> Page[Worker]:
    return access_page(shown, user, number, purpose=CREW.code, per_page=per_page)


def log_workers_shown(user: Any, workers: list[Worker]) -> list[Worker]:
    return access_list(workers, user, purpose=CREW.code)


def access_development(user: Any, worker: Worker) -> Development:
    """A participant's development: only for the coordinators and the participant; else 404."""
    development = Development.objects.visible_to(user).filter(worker=worker).select_related("worker__resident").first()
    if development is None:
        if worker.kind != Worker.Kind.PARTICIPANT or not Worker.objects.visible_to(user).filter(pk=worker.pk).exists():
            raise Http404
        development = Development.objects.create(worker=worker)
        if not Development.objects.visible_to(user).filter(pk=development.pk).exists():
            raise Http404
    log_access(Action.VIEW, development, purpose=PARTICIPANT_DEVELOPMENT.code, actor=actor_for(user))
    return development


def access_photo(user: Any, pk: Any) -> RequestPhoto:
    """A photo of a job, for its coordinators and the crew on it only; else 404."""
    return access(RequestPhoto.objects.select_related("request"), user, purpose=ODD_JOBS.code, pk=pk)


# ---------------------------------------------------------------------------
# The resident


def access_request_by_token(user: Any, token: str) -> Request:
    """The request of the link in the resident's e-mail or text message: the token is the key (as
    for a saved search); the view is logged, by the logged-in user or as anonymous."""
    if not TOKEN.fullmatch(token or ""):
        raise Http404  # not one of ours (and nothing a database should be asked about, such as NUL)
    request = get_or_404(request_queryset(), token=token)
    log_access(Action.VIEW, request, purpose=ODD_JOBS.code, actor=actor_for(user))
    return request


def own_requests(user: Any) -> list[Request]:
    """The logged-in person's requests: for themselves, and those they made for someone else."""
    if not getattr(user, "is_authenticated", False):
        return []
    mine = (
        request_queryset()
        .visible_to(user)
        .filter(Q(resident__user_id=user.pk) | Q(requested_by__user_id=user.pk))
        .order_by("-created_at", "-pk")
    )
    return access_list(mine, user, purpose=ODD_JOBS.code)


# ---------------------------------------------------------------------------
# A crew member


def own_worker(user: Any) -> Worker:
    """The logged-in person's place in a crew; else 404 (only crew members have a day view)."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    worker = Worker.objects.select_related("resident", "service").filter(resident__user_id=user.pk).first()
    if worker is None:
        raise Http404
    log_access(Action.VIEW, worker, purpose=CREW.code, actor=actor_for(user))
    return worker


def access_own_assignment(user: Any, pk: Any) -> Assignment:
    """One of the logged-in crew member's own places on a visit; else 404."""
    assignments = Assignment.objects.filter(
        worker__resident__user=user if user.is_authenticated else None
    ).select_related("visit__request", "worker")
    return access(assignments, user, purpose=CREW.code, pk=pk)


def log_day_shown(user: Any, assignments: list[Assignment]) -> None:
    """A crew member's day shows the jobs' residents (name, address, phone): each logged."""
    log_accesses(
        Action.VIEW,
        [assignment.visit.request for assignment in assignments],
        purpose=ODD_JOBS.code,
        actor=actor_for(user),
    )
