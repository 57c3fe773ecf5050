"""The resident's talent profile and the vacancies that fit it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkbasis.accounts.decorators import permission_required
from wijkbasis.accounts.services import ensure_resident_for_user
from wijkbasis.areas.selectors import home_municipalities
from wijkbasis.volunteering import selectors, services
from wijkbasis.volunteering.forms import TalentProfileForm
from wijkbasis.volunteering.models import TalentProfile, Vacancy


@require_http_methods(["GET", "POST"])
@permission_required("mijn.open")
def talent_profile(request: HttpRequest) -> HttpResponse:
    resident = ensure_resident_for_user(user=request.user)
    profile = TalentProfile.objects.filter(resident=resident).first()
    municipality = resident.district.municipality if resident.district_id else next(iter(home_municipalities()), None)
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
    suggestions = []
    if profile is not None:
        from wijkbasis.volunteering import matching

        facts = matching.profile_facts(TalentProfile.objects.filter(pk=profile.pk), include_private=True)
        if facts:
            ranked = matching.rank_vacancies(facts[0], selectors.published_vacancy_facts(), limit=10)
            vacancies = Vacancy.objects.select_related("organisation").in_bulk([item.id for item, _m in ranked])
            suggestions = [(vacancies[item.id], matching.explain(match)) for item, match in ranked]
    return render(
        request,
        "volunteering/talents.html",
        {"form": form, "profile": profile, "suggestions": suggestions},
    )
