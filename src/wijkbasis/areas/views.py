"""Public pages: home with the map, postcode lookup, wijk, team, team member and place.

What these pages show is the same for every visitor, so its rendering is kept in the shared
cache per language until an area, team or place changes (core/fragments.py; the templates'
`{% fragment %}` blocks). The views fetch only what the page around it needs (the title, the
breadcrumbs, the header's municipality) and hand the rest over lazily: `details` is read only
when the cache does not have the part yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.views.decorators.http import require_safe
from django_htmx.http import HttpResponseClientRedirect

from wijkbasis.areas import posters, selectors
from wijkbasis.areas.forms import PostcodeForm
from wijkbasis.areas.key_figures import age_groups, general_figures
from wijkbasis.areas.models import District, Municipality, NeighbourhoodTeam, Place
from wijkbasis.areas.postcodes import LookupStatus, lookup_postcode, normalise_postcode, stored_lookup
from wijkbasis.core.links import absolute_url
from wijkbasis.core.types import HttpRequest
from wijkbasis.ui.breadcrumbs import breadcrumbs


def _home_municipalities() -> list[tuple[Municipality, object]]:
    return [
        (municipality, selectors.municipality_map(municipality)) for municipality in selectors.home_municipalities()
    ]


def _home_context(form: PostcodeForm, result: object = None) -> dict[str, object]:
    # A function: the template calls it only when its cached part is missing.
    return {"form": form, "result": result, "municipalities": _home_municipalities}


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "areas/home.html", _home_context(PostcodeForm()))


@require_safe
def postcode_lookup(request: HttpRequest) -> HttpResponse:
    """Send the resident to the wijk of their postcode, or explain why that is not possible."""
    form = PostcodeForm(request.GET or None)
    result = None
    if form.is_valid():
        result = lookup_postcode(form.cleaned_data["postcode"])
        if result.status == LookupStatus.FOUND and result.district is not None:
            url = f"{result.district.get_absolute_url()}?postcode={result.postcode}"
            if request.htmx:
                return HttpResponseClientRedirect(url)
            return redirect(url)
    if request.htmx:
        return render(request, "areas/_postcode_finder.html", {"form": form, "result": result})
    return render(request, "areas/home.html", _home_context(form, result))


@require_safe
def municipality(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(selectors.municipality_page_queryset(), slug=slug)

    def details() -> dict[str, object]:
        full = selectors.municipality_queryset().get(pk=municipality.pk)
        return {"municipality": full, "map": selectors.municipality_map(full)}

    return render(
        request,
        "areas/municipality.html",
        {
            "municipality": municipality,
            "details": SimpleLazyObject(details),
            "form": PostcodeForm(),
            "breadcrumbs": breadcrumbs((municipality.name, "")),
        },
    )


@require_safe
def district(request: HttpRequest, slug: str) -> HttpResponse:
    district = get_object_or_404(selectors.district_page_queryset(), slug=slug)
    postcode_note = None
    postcode = normalise_postcode(request.GET.get("postcode", ""))
    if postcode:
        # The postcode finder looked it up a moment ago; this only repeats its stored answer.
        result = stored_lookup(postcode)
        if result.status == LookupStatus.FOUND and district in result.districts:
            postcode_note = result

    def details() -> dict[str, object]:
        full = selectors.district_queryset().get(pk=district.pk)
        return {
            "district": full,
            "map": selectors.district_map(full),
            "figures": general_figures(full.key_figures),
            "age_groups": age_groups(full.key_figures),
            "teams": full.teams.all(),
            "places": full.places.all(),
        }

    return render(
        request,
        "areas/district.html",
        {
            "district": district,
            "municipality": district.municipality,
            "details": SimpleLazyObject(details),
            "postcode_note": postcode_note,
            "page_url": absolute_url(district.get_absolute_url(), request),
            "breadcrumbs": breadcrumbs(
                (district.municipality.name, district.municipality.get_absolute_url()), (district.name, "")
            ),
        },
    )


@require_safe
def district_qr(request: HttpRequest, slug: str, image_format: str) -> HttpResponse:
    district = get_object_or_404(District.objects.only("name", "slug"), slug=slug)
    url = absolute_url(district.get_absolute_url(), request)
    filename = f"qr-{slugify(district.name)}.{image_format}"
    if image_format == "svg":
        response = HttpResponse(posters.qr_svg(url, title=district.name), content_type="image/svg+xml")
    else:
        response = HttpResponse(posters.qr_png(url), content_type="image/png")
    if "download" in request.GET:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def district_poster(request: HttpRequest, slug: str) -> HttpResponse:
    district = get_object_or_404(selectors.poster_district_queryset(), slug=slug)
    url = absolute_url(district.get_absolute_url(), request)
    response = HttpResponse(posters.district_poster_pdf(district, url=url), content_type="application/pdf")
    disposition = "attachment" if "download" in request.GET else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="poster-{district.slug}.pdf"'
    return response


@require_safe
def team(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_object_or_404(selectors.team_page_queryset(), slug=slug)

    def details() -> dict[str, object]:
        full = selectors.team_queryset().get(pk=team.pk)
        return {
            "team": full,
            "members": full.members.all(),
            "districts": full.districts.all(),
            "places": full.managed_places.all(),
        }

    return render(
        request,
        "areas/team.html",
        {
            "team": team,
            "municipality": team.municipality,
            "details": SimpleLazyObject(details),
            "breadcrumbs": breadcrumbs((team.municipality.name, team.municipality.get_absolute_url()), (team.name, "")),
        },
    )


@require_safe
def team_member(request: HttpRequest, team_slug: str, slug: str) -> HttpResponse:
    member = get_object_or_404(selectors.team_member_queryset(), team__slug=team_slug, slug=slug)
    return render(
        request,
        "areas/team_member.html",
        {
            "member": member,
            "team": member.team,
            "municipality": member.team.municipality,
            "breadcrumbs": breadcrumbs(
                (member.team.municipality.name, member.team.municipality.get_absolute_url()),
                (member.team.name, member.team.get_absolute_url()),
                (member.name, ""),
            ),
        },
    )


@dataclass(frozen=True)
class HowToReach:
    """How to reach a place: its own phone and e-mail, else those of the team that runs it, else
    of the team of its wijk (or of its municipality). `team` is set when it is a team's."""

    phone: str = ""
    email: str = ""
    team: NeighbourhoodTeam | None = None


def how_to_reach(place: Place) -> HowToReach:
    """A place always says how to reach it or its team (two queries at most)."""
    if place.phone or place.email:
        return HowToReach(phone=place.phone, email=place.email)
    nearby = NeighbourhoodTeam.objects.order_by("name")
    candidates = [
        lambda: [place.managing_team] if place.managing_team else [],
        lambda: list(nearby.filter(districts=place.district_id)) if place.district_id else [],
        lambda: list(nearby.filter(municipality_id=place.municipality_id)),
    ]
    teams: list[NeighbourhoodTeam] = []
    for more in candidates:
        teams += more()
        reachable = [team for team in teams if team.phone or team.email]
        if reachable:
            return HowToReach(phone=reachable[0].phone, email=reachable[0].email, team=reachable[0])
    # No team with a phone or e-mail: its page, with its members' phones.
    return HowToReach(team=teams[0] if teams else None)


@require_safe
def place(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(selectors.place_page_queryset(), slug=slug)

    def details() -> dict[str, object]:
        full = selectors.place_queryset().get(pk=place.pk)
        return {
            "place": full,
            "opening_hours": full.opening_hours.all(),
            "walk_in_hours": full.walk_in_hours.all(),
            "reach": how_to_reach(full),
        }

    return render(
        request,
        "areas/place.html",
        {
            "place": place,
            "municipality": place.municipality,
            "details": SimpleLazyObject(details),
            "breadcrumbs": breadcrumbs(
                (place.municipality.name, place.municipality.get_absolute_url()), (place.name, "")
            ),
        },
    )
