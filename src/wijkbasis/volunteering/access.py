"""Fetch, check and log in one call: the access helpers of the vacancy bank (core/access.py).

Views and selectors read responses, follow-ups, talent profiles and unpublished vacancies only
through these (or the `visible_to` rules they use); what a user may not see is a 404.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page
from django.db.models import QuerySet

from wijkbasis.accounts.models import Resident
from wijkbasis.accounts.processing import OWN_DATA
from wijkbasis.areas.models import Organisation
from wijkbasis.core.access import access, access_page, get_or_404
from wijkbasis.core.access_log import Action, actor_for, log_access
from wijkbasis.core.roles import Role
from wijkbasis.volunteering.models import FollowUp, Response, SavedSearch, TalentProfile, TalentProfileQuerySet, Vacancy
from wijkbasis.volunteering.processing import SAVED_SEARCHES, TALENT_PROFILES, VOLUNTEER_MATCHING


def response_queryset() -> QuerySet[Response]:
    """What the response pages show of each response, in a fixed number of queries."""
    return Response.objects.select_related(
        "vacancy", "vacancy__organisation", "resident", "resident__district", "not_matched_reason", "placement"
    )


def access_response(user: Any, pk: Any) -> Response:
    return access(response_queryset(), user, purpose=VOLUNTEER_MATCHING.code, pk=pk)


def organisation_responses(user: Any) -> QuerySet[Response]:
    """The responses to the vacancies of the organisations this user acts for (not their own
    responses as a resident: those are theirs, not the organisation's)."""
    return response_queryset().filter(vacancy__in=Vacancy.objects.editable_by(user))


def access_organisation_response(user: Any, pk: Any) -> Response:
    return access(organisation_responses(user), user, purpose=VOLUNTEER_MATCHING.code, pk=pk)


def access_response_page(
    user: Any, shown: QuerySet[Response], number: Any, *, per_page: int, count: int | None = None
) -> Page[Response]:
    """Read by id (core.pagination): the visibility rules are a union the page's rows are cut from."""
    return access_page(shown, user, number, purpose=VOLUNTEER_MATCHING.code, per_page=per_page, count=count, by_id=True)


def access_follow_up(user: Any, pk: Any) -> FollowUp:
    return access(FollowUp.objects.all(), user, purpose=VOLUNTEER_MATCHING.code, pk=pk)


def access_follow_up_page(user: Any, shown: QuerySet[FollowUp], number: Any, *, per_page: int) -> Page[FollowUp]:
    return access_page(shown, user, number, purpose=VOLUNTEER_MATCHING.code, per_page=per_page)


def access_talent_profiles(user: Any, profiles: TalentProfileQuerySet) -> TalentProfileQuerySet:
    """The profiles among these that `user` may see (listing them is logged where they are shown)."""
    return profiles.visible_to(user)


def access_resident_talent_profile(user: Any, resident: Resident) -> TalentProfile | None:
    """The talent profile of a resident `user` has opened (access_resident), if `user` may see it
    (a private one only its owner); its view logged."""
    profile = access_talent_profiles(user, TalentProfile.objects.filter(resident=resident)).first()
    if profile is not None:
        log_access(Action.VIEW, profile, purpose=TALENT_PROFILES.code, actor=actor_for(user))
    return profile


def access_own_talent_profile(user: Any) -> tuple[Resident, TalentProfile | None]:
    """The logged-in person's own record and talent profile (None: none yet), the view of the
    profile logged (as accounts.access.access_own_resident)."""
    from wijkbasis.accounts.services import ensure_resident_for_user

    resident = ensure_resident_for_user(user=user)
    profile = TalentProfile.objects.visible_to(user).filter(resident=resident).first()
    if profile is not None:
        log_access(Action.VIEW, profile, purpose=OWN_DATA.code, actor=actor_for(user))
    return resident, profile


TALENT_PROFILE_ACTIVITY = TALENT_PROFILES.code


def access_saved_search_by_token(user: Any, token: str) -> SavedSearch | None:
    """The saved search of the link in its e-mail (the token is the key, no login: as
    buurtservice.access.access_request_by_token), its view logged; None for an unknown token."""
    search = SavedSearch.objects.filter(token=token).first()
    if search is not None:
        log_access(Action.VIEW, search, purpose=SAVED_SEARCHES.code, actor=actor_for(user))
    return search


def visible_vacancy(user: Any, **lookup: Any) -> Vacancy:
    """A vacancy `user` may see (published, their organisation's, or a preview for the teams of
    its municipality), with what its page shows; else 404."""
    from wijkbasis.volunteering.selectors import with_card_relations

    return get_or_404(with_card_relations(Vacancy.objects.visible_to(user)), **lookup)


def editable_vacancy(user: Any, pk: Any) -> Vacancy:
    """A vacancy of an organisation `user` acts for; else 404."""
    return get_or_404(Vacancy.objects.editable_by(user).select_related("organisation"), pk=pk)


def organisations_reviewable_by(user: Any) -> QuerySet[Organisation]:
    """Organisations waiting for review that this user may review: the sociaal makelaars and
    team leads of the organisation's municipality (the ones who hear about it)."""
    from wijkbasis.accounts.selectors import access_of

    municipalities = access_of(user).municipality_ids_as(Role.COMMUNITY_BROKER, Role.TEAM_LEAD)
    return Organisation.objects.filter(status=Organisation.Status.PENDING, municipality_id__in=municipalities)


def organisation_to_review(user: Any, pk: Any) -> Organisation:
    return get_or_404(organisations_reviewable_by(user), pk=pk)


def vacancy_to_review(user: Any, pk: Any) -> Vacancy:
    return get_or_404(Vacancy.objects.reviewable_by(user), pk=pk)
