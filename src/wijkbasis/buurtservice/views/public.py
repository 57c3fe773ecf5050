"""The residents' side of Buurtservice: what it is, asking for a job (with or without an
account), following it (status, place on the list, expected wait) and saying how it went."""

from __future__ import annotations

from typing import Any

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wijkbasis.accounts.decorators import permission_required
from wijkbasis.accounts.services import locate_postcode
from wijkbasis.accounts.types import AuthenticatedHttpRequest
from wijkbasis.buurtservice import selectors, services
from wijkbasis.buurtservice.access import access_request_by_token, own_requests
from wijkbasis.buurtservice.forms import FeedbackForm, RequestForm, ResidentCancelForm
from wijkbasis.buurtservice.models import JobCategory, Request, Service
from wijkbasis.core.idempotency import once
from wijkbasis.core.types import HttpRequest
from wijkbasis.ui.breadcrumbs import breadcrumbs


def _breadcrumbs(*items: tuple[str, str]) -> list[tuple[str, str]]:
    return breadcrumbs((_("Help with a job"), reverse("buurtservice:start")), *items)


def public_service(request: HttpRequest) -> Service | None:
    """The service this page is about: the municipality asked for (?gemeente=slug), else the
    installation's default municipality, else the first."""
    services_by_name = list(Service.objects.select_related("municipality", "base").order_by("municipality__name"))
    chosen = request.GET.get("gemeente") or request.POST.get("gemeente")
    for service in services_by_name:
        if chosen and service.municipality.slug == chosen:
            return service
    for service in services_by_name:
        if service.municipality.code == settings.DEFAULT_MUNICIPALITY:
            return service
    return services_by_name[0] if services_by_name else None


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    service = public_service(request)
    categories = list(JobCategory.objects.filter(is_active=True).order_by("sort_order", "name"))
    waits = selectors.typical_waits(service.pk) if service is not None else {}
    rows = [(category, waits.get(category.pk)) for category in categories]
    return render(
        request,
        "buurtservice/public/start.html",
        {
            "service": service,
            "municipality": service.municipality if service else None,
            "rows": rows,
            "weeks_counted": settings.BUURTSERVICE_THROUGHPUT_WEEKS,
            "others": (Service.objects.exclude(pk=service.pk) if service else Service.objects.all()).select_related(
                "municipality"
            ),
            "breadcrumbs": breadcrumbs((_("Help with a job"), "")),
        },
    )


@require_http_methods(["GET", "POST"])
def request_job(request: HttpRequest) -> HttpResponse:
    """Asking for a job: few questions. A second submit of the same form finds the first request."""
    service = public_service(request)
    if service is None:
        raise Http404
    user = request.user if request.user.is_authenticated else None
    if request.method == "POST" and user is None:
        limited: HttpResponse | None = ratelimit.consume_or_429(request, action="buurtservice_request")
        if limited is not None:
            return limited
    initial: dict[str, Any] = {}
    if user is not None and hasattr(user, "resident"):
        resident = user.resident
        initial = {
            "street": resident.street,
            "house_number": resident.house_number,
            "postcode": resident.postcode,
            "city": resident.city,
            "phone": resident.phone,
        }
    form = RequestForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        user=user,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        located = locate_postcode(data["postcode"])  # before the transaction: it may ask Locatieserver
        service, problem = _service_for(service, located)
        if problem:
            form.add_error("postcode", problem)
            return _request_page(request, form, service)
        for_other = data["for_whom"] == "other"
        job = services.JobDetails(
            category=data["category"],
            description=data["description"],
            street=data["street"],
            house_number=data["house_number"],
            postcode=data["postcode"],
            city=data["city"] or service.municipality.name,
            phone=(data["person_phone"] if for_other else data["phone"]) or "",
            home_slots=data["home_slots"],
            urgent=data["urgent"],
        )
        requester = None
        if user is None:
            requester = services.Person(
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                street=data["street"],
                house_number=data["house_number"],
                postcode=data["postcode"],
                city=job.city,
            )
        person = services.Person(name=data["person_name"], phone=data["person_phone"]) if for_other else None
        try:
            created, _new = once(
                data["form_key"],
                lambda: services.submit_request(
                    service=service,
                    job=job,
                    user=user,
                    requester=requester,
                    person=person,
                    relation=data["relation"] if for_other else Request.Relation.SELF,
                    photos=data["photos"],
                    located=located,
                ),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Thank you. We have your request."))
            return redirect("buurtservice:status", token=created.token)
    return _request_page(request, form, service)


def _request_page(request: HttpRequest, form: RequestForm, service: Service) -> HttpResponse:
    return render(
        request,
        "buurtservice/public/request.html",
        {
            "form": form,
            "service": service,
            "municipality": service.municipality,
            "breadcrumbs": _breadcrumbs((_("Ask for a job"), "")),
        },
    )


def _service_for(service: Service, located: Any) -> tuple[Service, str]:
    """The service of the municipality the postcode lies in (a request belongs to the wijk of its
    address); a postcode where no Buurtservice works is said so. Unknown postcodes stay with the
    service of the page: the coordinators of its municipality see requests without a wijk."""
    district = getattr(located, "district", None)
    if district is None or district.municipality_id == service.municipality_id:
        return service, ""
    other = Service.objects.select_related("municipality").filter(municipality_id=district.municipality_id).first()
    if other is None:
        return service, _("This address is in a municipality where Buurtservice does not work. Call us to ask.")
    return other, ""


@require_safe
def status(request: HttpRequest, token: str) -> HttpResponse:
    """The resident's view of their request: status, place on the list, expected wait, visits;
    feedback once it is done. The link in their e-mail or text message is the key."""
    job = access_request_by_token(request.user, token)
    waiting = (
        selectors.waiting_for(job)
        if job.status in (Request.Status.REQUESTED, Request.Status.INTAKE, Request.Status.ACCEPTED)
        else None
    )
    visits = list(job.visits.exclude(status="cancelled").order_by("date", "starts_at"))
    return render(
        request,
        "buurtservice/public/status.html",
        {
            "job": job,
            "service": job.service,
            "municipality": job.service.municipality,
            "waiting": waiting,
            "visits": visits,
            "feedback": getattr(job, "feedback", None),
            "decline_reason": services.DECLINE_REASONS.get(job.decision_reason, ""),
            "feedback_form": FeedbackForm() if job.status == Request.Status.DONE else None,
            "cancel_form": ResidentCancelForm()
            if job.status in (Request.Status.REQUESTED, Request.Status.INTAKE, Request.Status.ACCEPTED)
            else None,
            "steps": _steps(job),
            "breadcrumbs": _breadcrumbs((_("Your request"), "")),
        },
    )


def _steps(job: Request) -> list[tuple[str, str]]:
    """The steps a request goes through, each 'done', 'current' or 'todo' (for the step list)."""
    order: list[str] = [
        Request.Status.REQUESTED,
        Request.Status.INTAKE,
        Request.Status.ACCEPTED,
        Request.Status.PLANNED,
        Request.Status.IN_PROGRESS,
        Request.Status.DONE,
    ]
    labels: dict[str, str] = {
        Request.Status.REQUESTED: _("Request received"),
        Request.Status.INTAKE: _("We call you"),
        Request.Status.ACCEPTED: _("On the waiting list"),
        Request.Status.PLANNED: _("Visit planned"),
        Request.Status.IN_PROGRESS: _("We are working on it"),
        Request.Status.DONE: _("Klaar: the job is done"),
    }
    if job.status in (Request.Status.DONE, Request.Status.EVALUATED):
        return [(str(labels[step]), "done") for step in order]
    if job.status not in order:
        return []
    position = order.index(job.status)
    return [
        (str(labels[step]), "done" if index < position else "current" if index == position else "todo")
        for index, step in enumerate(order)
    ]


@require_POST
def status_feedback(request: HttpRequest, token: str) -> HttpResponse:
    job = access_request_by_token(request.user, token)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            once(
                form.cleaned_data["form_key"],
                lambda: services.give_feedback(
                    request=job,
                    score=form.cleaned_data["score"],
                    comment=form.cleaned_data["comment"],
                    by=request.user if request.user.is_authenticated else None,
                ),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you for your opinion."))
    else:
        messages.error(request, _("Choose a score from 1 to 5."))
    return redirect("buurtservice:status", token=job.token)


@require_POST
def status_cancel(request: HttpRequest, token: str) -> HttpResponse:
    job = access_request_by_token(request.user, token)
    form = ResidentCancelForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    if job.status not in (Request.Status.REQUESTED, Request.Status.INTAKE, Request.Status.ACCEPTED):
        messages.error(request, _("This request cannot be cancelled here anymore. Call us."))
        return redirect("buurtservice:status", token=job.token)
    try:
        services.cancel_request(
            request=job,
            by=request.user if request.user.is_authenticated else None,
            reason="resident",
            note=note,
        )
    except (ValidationError, services.ConflictError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Your request is cancelled."))
    return redirect("buurtservice:status", token=job.token)


@require_safe
@permission_required("mijn.open")
def my_requests(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "buurtservice/public/my_requests.html",
        {"requests": own_requests(request.user), "breadcrumbs": _breadcrumbs((_("My jobs"), ""))},
    )
