"""The coordinator's pages about the crews: crew members with their skills, certificates and
availability; a participant's development (only here and on the participant's own page); the
kinds of jobs; the dashboard with figures and charts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wijkbasis.accounts.decorators import permission_required
from wijkbasis.accounts.services import locate_postcode
from wijkbasis.accounts.types import AuthenticatedHttpRequest
from wijkbasis.buurtservice import availability, charts, selectors, services
from wijkbasis.buurtservice.access import (
    access_development,
    access_worker,
    access_worker_page,
    coordinated_service,
)
from wijkbasis.buurtservice.forms import (
    CategoryForm,
    CertificateForm,
    CheckInForm,
    LearningGoalForm,
    LeavingForm,
    NewWorkerForm,
    PeriodForm,
    SkillGainedForm,
    WorkerForm,
)
from wijkbasis.buurtservice.models import Development, JobCategory, LearningGoal, Worker
from wijkbasis.buurtservice.views.coordinator import (
    _coordinator_team,
    breadcrumbs,
    coordinator_required,
    service_or_none,
)
from wijkbasis.core.idempotency import once
from wijkbasis.core.types import HttpRequest

PAGE_SIZE = 25


@require_safe
@coordinator_required
def workers(request: AuthenticatedHttpRequest) -> HttpResponse:
    service = service_or_none(request)
    if service is None:
        raise Http404
    show = request.GET.get("toon", "actief")
    shown = Worker.objects.filter(service=service).select_related("resident", "origin").prefetch_related("skills")
    today = timezone.localdate()
    shown = shown.active_on(today) if show == "actief" else shown.filter(ended_on__lt=today)
    page = access_worker_page(
        request.user, shown.order_by("resident__name", "pk"), request.GET.get("pagina"), per_page=PAGE_SIZE
    )
    return render(
        request,
        "buurtservice/coordinator/workers.html",
        {
            "service": service,
            "page": page,
            "show": show,
            "describe": availability.describe,
            "breadcrumbs": breadcrumbs((_("Crew"), "")),
        },
    )


@require_http_methods(["GET", "POST"])
@coordinator_required
def worker_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    service = service_or_none(request)
    if service is None:
        raise Http404
    form = NewWorkerForm(
        request.POST if request.method == "POST" else None, initial={"started_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        located = locate_postcode(data["postcode"]) if data["postcode"] else None
        try:
            created, _new = once(
                data["form_key"],
                lambda: services.add_worker(
                    service=service,
                    by=request.user,
                    team=_coordinator_team(request.user, None),
                    person=services.Person(
                        name=data["name"], phone=data["phone"], email=data["email"], postcode=data["postcode"]
                    ),
                    kind=data["kind"],
                    origin=data["origin"],
                    started_on=data["started_on"],
                    skills=data["skills"],
                    availability_mask=data["availability"],
                    hours_per_week=data["hours_per_week"],
                    notes=data["notes"],
                    consent_method=data["consent_method"],
                    located=located,
                ),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("%(name)s is in the crew now.") % {"name": created.name})
            return redirect("buurtservice:worker", pk=created.pk)
    return render(
        request,
        "buurtservice/coordinator/worker_new.html",
        {
            "form": form,
            "service": service,
            "breadcrumbs": breadcrumbs((_("Crew"), "/werkplek/buurtservice/ploeg/"), (_("New crew member"), "")),
        },
    )


def _worker_context(request: HttpRequest, worker: Worker, **forms: Any) -> dict[str, Any]:
    certificates = list(worker.certificates.select_related("kind"))
    today = timezone.localdate()
    return {
        "worker": worker,
        "service": worker.service,
        "form": forms.get("form") or WorkerForm(instance=worker),
        "certificate_form": forms.get("certificate_form") or CertificateForm(),
        "leaving_form": forms.get("leaving_form") or LeavingForm(initial={"ended_on": today}),
        "certificates": [(certificate, certificate.is_valid_on(today)) for certificate in certificates],
        "hours": selectors.hours_of(worker),
        "upcoming": list(
            worker.assignments.filter(visit__date__gte=today, visit__status="planned")
            .select_related("visit__request__category")
            .order_by("visit__date", "visit__starts_at")[:10]
        ),
        "has_account": worker.resident.user_id is not None,
        "availability": availability.describe(worker.availability),
        "breadcrumbs": breadcrumbs((_("Crew"), "/werkplek/buurtservice/ploeg/"), (worker.name, "")),
    }


@require_http_methods(["GET", "POST"])
@coordinator_required
def worker(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = access_worker(request.user, pk)
    if request.method == "POST":
        form = WorkerForm(request.POST, instance=item)
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in form.Meta.fields if name != "skills"}
            services.update_worker(worker=item, by=request.user, skills=form.cleaned_data["skills"], **values)
            messages.success(request, _("Saved."))
            return redirect("buurtservice:worker", pk=item.pk)
        return render(request, "buurtservice/coordinator/worker.html", _worker_context(request, item, form=form))
    return render(request, "buurtservice/coordinator/worker.html", _worker_context(request, item))


@require_POST
@coordinator_required
def worker_certificate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = access_worker(request.user, pk)
    form = CertificateForm(request.POST)
    if form.is_valid():
        try:
            services.add_certificate(worker=item, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("valid_until", error.messages)
        else:
            messages.success(request, _("The certificate is added."))
            return redirect("buurtservice:worker", pk=item.pk)
    return render(
        request, "buurtservice/coordinator/worker.html", _worker_context(request, item, certificate_form=form)
    )


@require_POST
@coordinator_required
def worker_invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = access_worker(request.user, pk)
    try:
        sent = services.invite_worker(worker=item, by=request.user, team=_coordinator_team(request.user, None))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if sent:
            messages.success(
                request,
                _("%(name)s gets an e-mail with a link. After that they log in with a code.") % {"name": item.name},
            )
        else:
            messages.info(request, _("%(name)s can log in already.") % {"name": item.name})
    return redirect("buurtservice:worker", pk=item.pk)


@require_POST
@coordinator_required
def worker_leaving(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = access_worker(request.user, pk)
    form = LeavingForm(request.POST)
    if form.is_valid():
        try:
            services.record_leaving(
                worker=item,
                by=request.user,
                ended_on=form.cleaned_data["ended_on"],
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["outcome_note"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Saved: %(name)s has left the crew.") % {"name": item.name})
            return redirect("buurtservice:worker", pk=item.pk)
    return render(request, "buurtservice/coordinator/worker.html", _worker_context(request, item, leaving_form=form))


@require_http_methods(["GET", "POST"])
@coordinator_required
def worker_development(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A participant's development: learning goals, check-ins, skills gained (the coordinator's
    side; the participant sees it on their own page, nobody else)."""
    item = access_worker(request.user, pk)
    development = access_development(request.user, item)
    forms: dict[str, Any] = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "goal":
            forms["goal_form"] = LearningGoalForm(request.POST)
            if forms["goal_form"].is_valid():
                services.add_learning_goal(worker=item, text=forms["goal_form"].cleaned_data["text"])
                messages.success(request, _("The learning goal is added."))
                return redirect("buurtservice:worker_development", pk=item.pk)
        elif action == "achieved":
            goal = get_object_or_404(
                LearningGoal.objects.visible_to(request.user).filter(worker=item), pk=_int(request.POST.get("goal"))
            )
            services.achieve_learning_goal(goal=goal)
            messages.success(request, _("Well done: the learning goal is achieved."))
            return redirect("buurtservice:worker_development", pk=item.pk)
        elif action == "check_in":
            forms["check_in_form"] = CheckInForm(request.POST)
            if forms["check_in_form"].is_valid():
                services.add_check_in(
                    worker=item,
                    by=request.user,
                    notes=forms["check_in_form"].cleaned_data["notes"],
                    held_on=forms["check_in_form"].cleaned_data["held_on"],
                )
                messages.success(request, _("The check-in is saved."))
                return redirect("buurtservice:worker_development", pk=item.pk)
        elif action == "skill":
            forms["skill_form"] = SkillGainedForm(request.POST)
            if forms["skill_form"].is_valid():
                services.record_skill_gained(worker=item, skill=forms["skill_form"].cleaned_data["skill"])
                messages.success(request, _("The skill is added."))
                return redirect("buurtservice:worker_development", pk=item.pk)
        else:
            messages.error(request, _("Choose what to add."))
            return redirect("buurtservice:worker_development", pk=item.pk)
    return render(
        request,
        "buurtservice/coordinator/development.html",
        {
            "worker": item,
            "development": development,
            "service": item.service,
            "goals": list(item.learning_goals.all()),
            "check_ins": list(item.check_ins.select_related("by")),
            "skills_gained": list(item.skills_gained.select_related("skill")),
            "hours": selectors.hours_of(item),
            "goal_form": forms.get("goal_form") or LearningGoalForm(),
            "check_in_form": forms.get("check_in_form") or CheckInForm(),
            "skill_form": forms.get("skill_form") or SkillGainedForm(),
            "breadcrumbs": breadcrumbs(
                (_("Crew"), "/werkplek/buurtservice/ploeg/"),
                (item.name, f"/werkplek/buurtservice/ploeg/{item.pk}/"),
                (_("Development"), ""),
            ),
        },
    )


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


# ---------------------------------------------------------------------------
# Kinds of jobs


@require_safe
@permission_required("buurtservice.manage_kinds")
def categories(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "buurtservice/coordinator/categories.html",
        {
            "categories": list(JobCategory.objects.prefetch_related("required_skills").order_by("sort_order", "name")),
            "service": service_or_none(request),
            "breadcrumbs": breadcrumbs((_("Kinds of jobs"), "")),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("buurtservice.manage_kinds")
def category_form(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    category = get_object_or_404(JobCategory, pk=pk) if pk is not None else None
    form = CategoryForm(request.POST if request.method == "POST" else None, instance=category)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("%(name)s is saved.") % {"name": saved.name})
        return redirect("buurtservice:categories")
    return render(
        request,
        "buurtservice/coordinator/category_form.html",
        {
            "form": form,
            "category": category,
            "service": service_or_none(request),
            "breadcrumbs": breadcrumbs(
                (_("Kinds of jobs"), "/werkplek/buurtservice/soorten/"),
                (category.name if category else _("New kind of job"), ""),
            ),
        },
    )


# ---------------------------------------------------------------------------
# The dashboard


def _default_period() -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    start = (today.replace(day=1) - dt.timedelta(days=365)).replace(day=1)
    return start, today


@require_safe
@coordinator_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Figures of the period: new crew members by kind and origin, jobs done by kind and wijk
    (the coordinator's own wijken), WMO jobs, the waiting list and waiting times over time,
    participants' outcomes, hours. Every chart is drawn on the server, with its table."""
    service = coordinated_service(request.user, request.GET.get("dienst"))
    if service is None:
        raise Http404
    start, end = _default_period()
    form = PeriodForm(request.GET if "start" in request.GET else None, initial={"start": start, "end": end})
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    from wijkbasis.buurtservice.views.coordinator import _coordinated_districts

    districts = {district.pk: district for district in _coordinated_districts(request.user)}
    figures = selectors.buurtservice_figures(
        municipality_id=service.municipality_id, start=start, end=end, district_ids=set(districts)
    )
    return render(
        request,
        "buurtservice/coordinator/dashboard.html",
        {
            "service": service,
            "form": form,
            "figures": figures,
            "start": start,
            "end": end,
            "charts": charts.dashboard_charts(figures, districts),
            "breadcrumbs": breadcrumbs((_("Figures"), "")),
        },
    )


def development_outcome_label(value: str) -> str:
    return str(dict(Development.Outcome.choices).get(value, _("not known")))
