"""The resident's talent profile and the vacancies that fit it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkbasis.accounts.decorators import permission_required
from wijkbasis.accounts.types import AuthenticatedHttpRequest
from wijkbasis.areas.selectors import home_municipalities
from wijkbasis.volunteering import selectors, services
from wijkbasis.volunteering.access import access_own_talent_profile
from wijkbasis.volunteering.forms.talents import TalentProfileForm


@require_http_methods(["GET", "POST"])
@permission_required("mijn.open")
def talent_profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    resident, profile = access_own_talent_profile(request.user)
    municipality = (
        resident.district.municipality if resident.district is not None else next(iter(home_municipalities()), None)
    )
    form = TalentProfileForm(request.POST or None, instance=profile, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        services.save_talent_profile(
            resident=resident,
            skills=data.pop("skills"),
            interests=data.pop("interests"),
            districts=data.pop("districts"),
            **data,
        )
        messages.success(request, _("Your talent profile is saved."))
        return redirect("volunteering:talents")
    return render(
        request,
        "volunteering/talents.html",
        {
            "form": form,
            "profile": profile,
            "suggestions": selectors.suggested_vacancies(profile) if profile is not None else [],
        },
    )
