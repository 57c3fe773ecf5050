"""The municipality's figures (/cijfers/): volunteering per wijk and over time, and registered
residents per wijk, for a period; as a page, CSV and XLSX.

For municipality viewers (their municipality), team leads (their teams' municipality) and
administrators (all); everyone else gets 404, anonymous visitors the login page
(reporting/permissions.py). The processing activity is "figures" (accounts/processing.py).

No access-log entries: these pages show counts only, suppressed before they leave
reporting/selectors.py, never a record of a person, so there is no one whose data was seen.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from wijkbasis.accounts.decorators import permission_required
from wijkbasis.accounts.types import AuthenticatedHttpRequest
from wijkbasis.core.types import HttpRequest
from wijkbasis.reporting import exports
from wijkbasis.reporting.forms import DATE_FORMAT, Period, PeriodForm, presets, this_year
from wijkbasis.reporting.selectors import MunicipalityFigures, figures_report, period_text

PERMISSION = "werkplek.see_figures"


def _period_form(request: HttpRequest) -> tuple[PeriodForm, Period | None]:
    """The form and the period it asks for: this year so far when nothing was asked, None when
    what was typed is not a period (the form then has the errors)."""
    if "van" not in request.GET and "tot" not in request.GET:
        period = this_year(timezone.localdate())
        return PeriodForm(initial={"van": period.start, "tot": period.end}), period
    form = PeriodForm(request.GET)
    return form, form.period() if form.is_valid() else None


def _query(period: Period) -> str:
    return urlencode({"van": period.start.strftime(DATE_FORMAT), "tot": period.end.strftime(DATE_FORMAT)})


@require_safe
@permission_required(PERMISSION)
def figures(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, period = _period_form(request)
    report: list[MunicipalityFigures] = figures_report(request.user, period) if period is not None else []
    today = timezone.localdate()
    context = {
        "form": form,
        "period": period,
        "period_text": period_text(period) if period is not None else "",
        "query": _query(period) if period is not None else "",
        "presets": [
            {"label": preset.label, "query": _query(preset.period), "current": preset.period == period}
            for preset in presets(today)
        ],
        "report": report,
        "generated_at": timezone.now(),
    }
    return render(request, "reporting/figures.html", context)


def _download(request: HttpRequest, *, extension: str) -> HttpResponse:
    form, period = _period_form(request)
    if period is None:
        # A download link with a bad period (typed by hand): the page with the message.
        context = {"form": form, "report": [], "presets": presets(timezone.localdate()), "generated_at": timezone.now()}
        return render(request, "reporting/figures.html", context, status=400)
    report = figures_report(request.user, period)
    if extension == "csv":
        response = HttpResponse(exports.as_csv(report), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exports.as_xlsx(report), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    name = f"cijfers-{period.start.isoformat()}-{period.end.isoformat()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
@permission_required(PERMISSION)
def figures_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _download(request, extension="csv")


@require_safe
@permission_required(PERMISSION)
def figures_xlsx(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _download(request, extension="xlsx")
