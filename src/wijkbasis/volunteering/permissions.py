"""Who may open and post to the pages of the vacancy bank."""

from __future__ import annotations

from typing import Any

from wijkbasis.core.permissions import (
    EVERYONE,
    LOGGED_IN,
    NOT_FOUND,
    OK,
    ORGANISATION,
    REDIRECT,
    STAFF,
    Rule,
    logged_in,
    post_only,
    public,
)
from wijkbasis.core.roles import Role

#: Sociaal makelaars and team leads of the organisation's municipality review organisations
#: and vacancies (and hear when something waits); nobody else.
REVIEWERS = frozenset({Role.COMMUNITY_BROKER, Role.TEAM_LEAD})
NOT_FOR_ADMINISTRATORS = {Role.ADMINISTRATOR: NOT_FOUND}

ROWS: dict[str, Rule] = {
    # --- Residents ----------------------------------------------------------------------------
    "volunteering:talents": logged_in(post=REDIRECT),
    # --- Organisation members -----------------------------------------------------------------
    "volunteering:org_vacancies": Rule(allowed=ORGANISATION),
    "volunteering:org_vacancy_new": Rule(
        allowed=ORGANISATION,
        post=REDIRECT,
        exceptions=NOT_FOR_ADMINISTRATORS,
        post_exceptions=NOT_FOR_ADMINISTRATORS,
        why="a vacancy belongs to an organisation",
    ),
    "volunteering:org_vacancy_edit": Rule(
        allowed=ORGANISATION,
        post=REDIRECT,
        exceptions=NOT_FOR_ADMINISTRATORS,
        post_exceptions=NOT_FOR_ADMINISTRATORS,
        why="only the organisation's own vacancies",
    ),
    "volunteering:org_vacancy_close": post_only(ORGANISATION, post_exceptions=NOT_FOR_ADMINISTRATORS),
    "volunteering:org_responses": Rule(allowed=ORGANISATION),
    "volunteering:org_response": Rule(
        allowed=ORGANISATION, exceptions=NOT_FOR_ADMINISTRATORS, why="only responses to its own vacancies"
    ),
    "volunteering:org_response_move": post_only(ORGANISATION, post_exceptions=NOT_FOR_ADMINISTRATORS),
    # --- Brokers and other team staff ---------------------------------------------------------
    "volunteering:pipeline": Rule(allowed=STAFF, why="each sees the responses of their own teams' wijken"),
    "volunteering:broker_response": Rule(allowed=STAFF, team_scoped=True),
    "volunteering:broker_response_move": post_only(STAFF, team_scoped=True),
    "volunteering:broker_response_note": post_only(STAFF, team_scoped=True),
    "volunteering:candidates": Rule(allowed=STAFF, why="only profiles shared with brokers of that wijk are listed"),
    "volunteering:resident_suggestions": Rule(allowed=STAFF, team_scoped=True),
    "volunteering:review_queue": Rule(
        allowed=REVIEWERS,
        exceptions={Role.ADMINISTRATOR: OK},
        why="sociaal makelaars and team leads of the municipality; administrators see it, and may review nothing",
    ),
    "volunteering:review_organisation": post_only(REVIEWERS),
    "volunteering:review_vacancy": post_only(REVIEWERS),
    "volunteering:follow_ups": Rule(allowed=STAFF),
    "volunteering:follow_up_done": post_only(STAFF, team_scoped=True),
    # --- The public vacancy bank (no account needed to look or respond) -----------------------
    "volunteering:vacancies": public(),
    "volunteering:vacancy": public(why="unpublished ones: 404, except a preview for their organisation and staff"),
    "volunteering:respond": public(post=REDIRECT, why="a form without an account; with an account a short one"),
    "volunteering:respond_thanks": public(),
    "volunteering:save_search": post_only(EVERYONE),
    "volunteering:search_saved": public(),
    "volunteering:confirm_search": public(post=OK, why="the token is the key; GET only shows a button"),
    "volunteering:unsubscribe": public(
        post=OK, why="the token is the key; GET shows a button, POST (also one-click) stops"
    ),
    "volunteering:organisation": public(why="approved organisations only"),
    "volunteering:register_organisation": Rule(
        allowed=LOGGED_IN,
        post=REDIRECT,
        exceptions={Role.ANONYMOUS: OK},
        post_exceptions={Role.ANONYMOUS: REDIRECT},
        why="anonymous visitors read why to log in first; a post without a session goes to the login page",
    ),
    "volunteering:organisation_registered": logged_in(),
    # --- The resident's own pages under "Mijn" (views/mijn.py) ---------------------------------
    "volunteering:my_responses": logged_in(why="each sees their own responses only"),
    "volunteering:my_response_withdraw": post_only(
        frozenset({Role.RESIDENT}), why="only one's own response: anyone else's is a 404"
    ),
    "volunteering:my_searches": logged_in(why="each sees their own saved searches only"),
    "volunteering:my_search_stop": post_only(
        frozenset({Role.RESIDENT}), why="only one's own saved search: anyone else's is a 404"
    ),
}


def samples(world: Any) -> None:
    """An organisation with a published vacancy, a response of the resident identity (for the
    organisation's pages) and one of someone in the own team's wijk (for the brokers' pages)."""
    from wijkbasis.areas.models import District, Organisation
    from wijkbasis.volunteering import services
    from wijkbasis.volunteering.models import FollowUp, SavedSearch, Vacancy

    waterkwartier = District.objects.get(code="WK030101")
    organisation = world.organisation
    vacancy = services.save_vacancy(
        vacancy=Vacancy(
            organisation=organisation,
            title="Dieren verzorgen",
            description="Help bij de kinderboerderij.",
            where=Vacancy.Where.DISTRICTS,
            contact_name="Contact",
            contact_email="contact@example.org",
        ),
        by=world.administrator,
        districts=[waterkwartier],
    )
    vacancy = services.submit_vacancy(vacancy=vacancy, by=world.administrator)
    response, _created = services.respond(vacancy=vacancy, user=world.user_of(Role.RESIDENT), message="Ik help graag")
    response_of_own_wijk, _created = services.respond(
        vacancy=vacancy,
        respondent=services.Respondent(name="Bram Reageerder", phone="0575 000 432"),
        recorded_by=world.administrator,
    )
    response_of_own_wijk.resident.district = waterkwartier
    response_of_own_wijk.resident.save()
    follow_up = FollowUp.objects.filter(response=response_of_own_wijk, team=world.own_team).first()
    if follow_up is None:
        follow_up = FollowUp.objects.create(
            kind=FollowUp.Kind.NO_CONTACT, response=response_of_own_wijk, team=world.own_team, due_on="2026-01-01"
        )
    pending = Organisation.objects.create(
        municipality=organisation.municipality, name="Nieuwe Vereniging", slug="nieuwe-vereniging", status="pending"
    )
    in_review = services.save_vacancy(
        vacancy=Vacancy(
            organisation=organisation,
            title="Wacht op beoordeling",
            description="Nog niet gepubliceerd.",
            where=Vacancy.Where.CITY_WIDE,
            contact_name="Contact",
            contact_email="contact@example.org",
            status=Vacancy.Status.IN_REVIEW,
        ),
        by=world.administrator,
    )
    saved_search = SavedSearch.objects.create(email="lezer@example.org", query="wijk=waterkwartier", label="test")
    # One row of every other kind of a resident's data, for the access-log completeness test.
    from wijkbasis.volunteering.models import Placement, ResponseNote, TalentProfile

    ResponseNote.objects.create(response=response_of_own_wijk, author=world.administrator, text="Gebeld, komt langs")
    Placement.objects.create(response=response, start_date="2026-01-01")
    TalentProfile.objects.create(resident=response.resident, talents="tuinieren", visibility="private")

    vacancy_body = {
        "title": "Voorlezen",
        "description": "Voorlezen aan kinderen.",
        "where": "city_wide",
        "when": "flexible",
        "language_level": "basic",
        "contact_name": "Els",
        "contact_email": "els@example.org",
        "volunteers_needed": "1",
    }
    world.add("volunteering:talents", post={"talents": "koken", "visibility": "private"})
    world.add("volunteering:org_vacancy_new", post=vacancy_body)
    world.add("volunteering:org_vacancy_edit", post=vacancy_body, pk=vacancy.pk)
    world.add("volunteering:org_vacancy_close", post={"why": "filled"}, pk=vacancy.pk)
    world.add("volunteering:org_response", pk=response.pk)
    world.add(
        "volunteering:org_response_move", post={"to_status": "contacted", "expected_status": "new"}, pk=response.pk
    )
    world.add("volunteering:broker_response", pk=response_of_own_wijk.pk)
    world.add(
        "volunteering:broker_response_move",
        post={"to_status": "contacted", "expected_status": "new"},
        pk=response_of_own_wijk.pk,
    )
    world.add("volunteering:broker_response_note", post={"text": "Gebeld"}, pk=response_of_own_wijk.pk)
    world.add("volunteering:candidates", pk=vacancy.pk)
    world.add("volunteering:resident_suggestions", pk=world.resident.pk)
    world.add("volunteering:review_organisation", post={"decision": "approve"}, pk=pending.pk)
    world.add("volunteering:review_vacancy", post={"decision": "approve"}, pk=in_review.pk)
    world.add("volunteering:follow_up_done", post={}, pk=follow_up.pk)
    world.add("volunteering:vacancy", slug=vacancy.slug)
    world.add(
        "volunteering:respond",
        post={"name": "Iemand", "email": "iemand@example.org", "message": "Graag", "consent": "on"},
        slug=vacancy.slug,
    )
    world.add("volunteering:respond_thanks", slug=vacancy.slug)
    world.add("volunteering:save_search", post={"email": "zoeker@example.org", "query": "wijk=waterkwartier"})
    world.add("volunteering:confirm_search", post={}, token=saved_search.token)
    world.add("volunteering:unsubscribe", post={}, token=saved_search.token)
    world.add("volunteering:organisation", slug=organisation.slug)
    world.add(
        "volunteering:register_organisation",
        post={"name": "Buurtvereniging Proef", "kind": "association", "description": "Wij helpen."},
    )
    # One of each managed list, so their pages in the management site open.
    from wijkbasis.volunteering.models import NotMatchedReason, Skill

    Skill.objects.get_or_create(slug="koken", defaults={"name": "Koken", "category": Skill.Category.HANDS})
    NotMatchedReason.objects.get_or_create(name="Past niet bij wat de persoon zoekt")
    # The resident's own pages: their response (above) and a saved search of theirs.
    resident_user = world.user_of(Role.RESIDENT)
    own_search = SavedSearch.objects.create(
        email=resident_user.email, user=resident_user, query="q=koken", label="koken", confirmed_at="2026-01-01T00:00Z"
    )
    world.add("volunteering:my_response_withdraw", post={"status": "new"}, pk=response.pk)
    world.add("volunteering:my_search_stop", post={}, pk=own_search.pk)
