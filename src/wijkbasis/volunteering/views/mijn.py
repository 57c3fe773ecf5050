"""The resident's own pages of the vacancy bank under "Mijn": their responses and how they are
going (withdraw one), and their saved searches (stop one). The talent profile is talents.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from wijkbasis.accounts.decorators import permission_required
from wijkbasis.accounts.processing import OWN_DATA
from wijkbasis.accounts.types import AuthenticatedHttpRequest
from wijkbasis.core.access import access, access_page, get_or_404
from wijkbasis.volunteering import services
from wijkbasis.volunteering.access import response_queryset
from wijkbasis.volunteering.models import Response, SavedSearch

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PAGE_SIZE = 25


def _own_responses(request: AuthenticatedHttpRequest) -> QuerySet[Response]:
    """The person's own responses (not the ones they see as an organisation member or staff)."""
    return response_queryset().filter(resident__user_id=request.user.pk).order_by("-created_at", "-pk")


@require_safe
@permission_required("mijn.open")
def my_responses(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = access_page(_own_responses(request), request.user, request.GET.get("pagina"), purpose=OWN_DATA.code)
    rows = [(response, _what_now(response), response.status in OPEN_STATUSES) for response in page.object_list]
    return render(request, "volunteering/mijn/responses.html", {"page": page, "rows": rows})


def _what_now(response: Response) -> str:
    """What a status means for the person, and what happens next, in plain words."""
    words: dict[str, StrOrPromise] = {
        Response.Status.NEW: _("Sent. The organisation or the sociaal makelaar will contact you."),
        Response.Status.CONTACTED: _("There was contact. Next you get to know each other."),
        Response.Status.INTRODUCTION: _("You are getting to know each other."),
        Response.Status.PLACED: _("You volunteer here."),
        Response.Status.ENDED: _("It has ended."),
        Response.Status.NOT_MATCHED: _("It did not work out."),
    }
    text = str(words.get(response.status, response.get_status_display()))
    if response.status == Response.Status.NOT_MATCHED and response.not_matched_reason is not None:
        text = f"{text} {response.not_matched_reason}."
    return text


#: Responses the person can still withdraw (a placement they can stop).
OPEN_STATUSES = (
    Response.Status.NEW,
    Response.Status.CONTACTED,
    Response.Status.INTRODUCTION,
    Response.Status.PLACED,
)


@require_POST
@permission_required("mijn.open")
def withdraw_response(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    response = access(_own_responses(request), request.user, purpose=OWN_DATA.code, pk=pk)
    try:
        services.withdraw_response(response=response, by=request.user, expected_status=request.POST.get("status"))
    except services.ConflictError:
        messages.error(request, _("Your response changed in the meantime. Look at it again, and try again."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("You withdrew your response to %(vacancy)s. The organisation and the neighbourhood team see this.")
            % {"vacancy": response.vacancy.title},
        )
    return redirect("volunteering:my_responses")


def _own_searches(request: AuthenticatedHttpRequest) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.visible_to(request.user).filter(user_id=request.user.pk).order_by("-created_at", "-pk")


@require_safe
@permission_required("mijn.open")
def my_searches(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = access_page(_own_searches(request), request.user, request.GET.get("pagina"), purpose=OWN_DATA.code)
    return render(request, "volunteering/mijn/searches.html", {"page": page})


@require_POST
@permission_required("mijn.open")
def stop_search(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    search = get_or_404(SavedSearch.objects.visible_to(request.user).filter(user_id=request.user.pk), pk=pk)
    services.unsubscribe(token=search.token)
    messages.success(request, _("You will no longer get e-mails for “%(search)s”.") % {"search": search.label})
    return redirect("volunteering:my_searches")
