"""The crew's side: a crew member's day on their phone (after logging in with a code), "klaar"
and hours in two taps, a participant's own development, and the photos of a job."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from wijkbasis.accounts.decorators import permission_required
from wijkbasis.accounts.types import AuthenticatedHttpRequest
from wijkbasis.buurtservice import selectors, services
from wijkbasis.buurtservice.access import (
    access_development,
    access_own_assignment,
    access_photo,
    log_day_shown,
    log_workers_shown,
    own_worker,
)
from wijkbasis.buurtservice.forms import CrewDoneForm


def hour_choices(planned: Decimal) -> list[tuple[str, bool]]:
    """The hours to tap: every whole hour from 1 to 8 and the planned hours, those chosen already."""
    chosen = format(planned.normalize(), "f") if planned else ""
    values = {Decimal(hour) for hour in range(1, 9)}
    if planned and Decimal("0") < planned <= Decimal("8") and planned % Decimal("0.5") == 0:
        values.add(planned.normalize())
    return [(format(value.normalize(), "f"), format(value.normalize(), "f") == chosen) for value in sorted(values)]


def _day(value: str | None) -> dt.date:
    today = timezone.localdate()
    try:
        day = dt.date.fromisoformat(value) if value else today
    except ValueError:
        return today
    # Today and the next week: what a crew member needs, no more.
    return day if today - dt.timedelta(days=1) <= day <= today + dt.timedelta(days=7) else today


@require_safe
@permission_required("mijn.open")
def today(request: AuthenticatedHttpRequest) -> HttpResponse:
    worker = own_worker(request.user)
    day = _day(request.GET.get("dag"))
    assignments = selectors.day_of(request.user, worker, day)
    log_day_shown(request.user, assignments)
    log_workers_shown(
        request.user,
        [other.worker for a in assignments for other in a.visit.assignments.all() if other.worker_id != worker.pk],
    )
    cards = [
        {
            "assignment": assignment,
            "visit": assignment.visit,
            "job": assignment.visit.request,
            "crew": [other.worker for other in assignment.visit.assignments.all() if other.worker_id != worker.pk],
            "hours": hour_choices(assignment.hours or assignment.visit.planned_hours),
        }
        for assignment in assignments
    ]
    return render(
        request,
        "buurtservice/crew/today.html",
        {
            "worker": worker,
            "municipality": worker.service.municipality,
            "day": day,
            "is_today": day == timezone.localdate(),
            "tomorrow": timezone.localdate() + dt.timedelta(days=1),
            "cards": cards,
        },
    )


@require_POST
@permission_required("mijn.open")
def assignment_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = access_own_assignment(request.user, pk)
    form = CrewDoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose your hours."))
        return redirect("buurtservice:today")
    try:
        services.crew_done(assignment=assignment, by=request.user, hours=form.cleaned_data["hours"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Klaar! Thank you."))
    return redirect("buurtservice:today")


@require_safe
@permission_required("mijn.open")
def my_development(request: AuthenticatedHttpRequest) -> HttpResponse:
    worker = own_worker(request.user)
    development = access_development(request.user, worker)
    return render(
        request,
        "buurtservice/crew/development.html",
        {
            "worker": worker,
            "development": development,
            "municipality": worker.service.municipality,
            "goals": list(worker.learning_goals.all()),
            "check_ins": list(worker.check_ins.all()),
            "skills_gained": list(worker.skills_gained.select_related("skill")),
            "hours": selectors.hours_of(worker),
        },
    )


@require_safe
@permission_required("mijn.open")
def photo(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """A photo of a job, for its coordinators and crew only: never from a public address."""
    item = access_photo(request.user, pk)
    try:
        handle = item.image.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = f'inline; filename="klus-{item.request_id}-{item.pk}.jpg"'
    return response
