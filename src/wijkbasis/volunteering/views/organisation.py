"""Pages for organisation members: their vacancies and the responses to them."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wijkbasis.accounts.decorators import permission_required
from wijkbasis.accounts.selectors import access_of
from wijkbasis.accounts.types import AuthenticatedHttpRequest
from wijkbasis.areas.models import Organisation
from wijkbasis.core.types import HttpRequest
from wijkbasis.volunteering import selectors, services
from wijkbasis.volunteering.access import (
    access_organisation_response,
    access_response_page,
    editable_vacancy,
    organisation_responses,
)
from wijkbasis.volunteering.forms.organisation import VacancyForm
from wijkbasis.volunteering.forms.steps import StepForm
from wijkbasis.volunteering.models import Response, Vacancy
from wijkbasis.volunteering.views import steps

PAGE_SIZE = 25


def _own_organisations(request: HttpRequest) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=access_of(request.user).organisation_ids)


@require_safe
@permission_required("volunteering.act_for_organisation")
def vacancies(request: AuthenticatedHttpRequest) -> HttpResponse:
    own = selectors.vacancies_with_response_counts(Vacancy.objects.editable_by(request.user))
    page = Paginator(own, PAGE_SIZE).get_page(request.GET.get("pagina"))
    organisations = _own_organisations(request)
    return render(request, "volunteering/organisation/vacancies.html", {"page": page, "organisations": organisations})


@require_http_methods(["GET", "POST"])
@permission_required("volunteering.act_for_organisation")
def vacancy_form(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    organisations = _own_organisations(request).select_related("municipality")
    if pk is None:
        chosen_pk = request.GET.get("organisatie") or request.POST.get("organisatie") or ""
        chosen = organisations.filter(pk=int(chosen_pk)).first() if chosen_pk.isdigit() else None
        organisation = chosen or organisations.first()
        if organisation is None:
            raise Http404  # an administrator acts for no organisation
        vacancy = Vacancy(organisation=organisation)
    else:
        vacancy = editable_vacancy(request.user, pk)
        organisation = vacancy.organisation
    form = VacancyForm(
        request.POST or None,
        instance=vacancy,
        municipality=organisation.municipality,
        initial=VacancyForm.initial_contact(organisation, request.user) if pk is None else None,
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved = services.save_vacancy(
            vacancy=saved, by=request.user, skills=form.cleaned_data["skills"], districts=form.cleaned_data["districts"]
        )
        if "publish" in request.POST:
            saved = services.submit_vacancy(vacancy=saved, by=request.user)
            if saved.status == Vacancy.Status.PUBLISHED:
                messages.success(request, _("The vacancy is published."))
            elif saved.status == Vacancy.Status.IN_REVIEW:
                messages.success(
                    request, _("The vacancy is saved. The neighbourhood team checks it before it is published.")
                )
            else:
                messages.success(request, _("The vacancy is saved and will be published on its date."))
        else:
            messages.success(request, _("The vacancy is saved as a draft."))
        return redirect("volunteering:org_vacancies")
    return render(
        request,
        "volunteering/organisation/vacancy_form.html",
        {"form": form, "vacancy": vacancy, "organisations": organisations, "organisation": organisation},
    )


@require_POST
@permission_required("volunteering.act_for_organisation")
def vacancy_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    vacancy = editable_vacancy(request.user, pk)
    status = Vacancy.Status.FILLED if request.POST.get("why") == "filled" else Vacancy.Status.CLOSED
    services.close_vacancy(vacancy=vacancy, by=request.user, status=status)
    messages.success(request, _("The vacancy is closed."))
    return redirect("volunteering:org_vacancies")


@require_safe
@permission_required("volunteering.act_for_organisation")
def responses(request: AuthenticatedHttpRequest) -> HttpResponse:
    found = organisation_responses(request.user)
    status = request.GET.get("status", "")
    if status in Response.Status.values:
        found = found.filter(status=status)
    page = access_response_page(request.user, found, request.GET.get("pagina"), per_page=PAGE_SIZE)
    return render(
        request,
        "volunteering/organisation/responses.html",
        {"page": page, "status": status, "statuses": Response.Status.choices},
    )


def _response_page(request: HttpRequest, response: Response, step_form: StepForm | None = None) -> HttpResponse:
    return steps.response_page(
        request,
        response,
        template="volunteering/organisation/response_detail.html",
        page="volunteering:org_response",
        step_form=step_form,
        may_contact=response.resident.has_consent("share_with_organisation"),
    )


@require_safe
@permission_required("volunteering.act_for_organisation")
def response_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _response_page(request, access_organisation_response(request.user, pk))


@require_POST
@permission_required("volunteering.act_for_organisation")
def response_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    response = access_organisation_response(request.user, pk)
    return steps.move(request, response, page="volunteering:org_response", render_page=_response_page, as_broker=False)
