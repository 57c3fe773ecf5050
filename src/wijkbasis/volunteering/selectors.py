"""Reads of the vacancy bank, for pages and for the reporting module.

Report selectors return plain data per wijk and period and never names: reporting applies
small-count suppression before anything leaves a team.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from statistics import median
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone

from wijkbasis.areas.models import District, NeighbourhoodTeam
from wijkbasis.core.managed_lists import localized
from wijkbasis.volunteering.describe import VacancyCard, vacancy_card
from wijkbasis.volunteering.models import (
    RESPONSE_DISTRICT_LOOKUPS,
    VACANCY_DISTRICT_LOOKUPS,
    Response,
    ResponseEvent,
    TalentProfile,
    Vacancy,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class ResponseCount(TypedDict):
    response_count: int


# ---------------------------------------------------------------------------
# Which neighbourhood teams a vacancy and a response belong to (one rule, models.py)


def _district_ids(queryset: QuerySet[Any], lookups: tuple[str, ...]) -> set[int]:
    return {district for row in queryset.values_list(*lookups) for district in row if district is not None}


def teams_for_districts(district_ids: set[int], *, municipality_id: int) -> list[NeighbourhoodTeam]:
    """The teams serving these wijken; with no wijk at all, every team of the municipality, so
    that nothing waits unseen."""
    if not district_ids:
        return list(NeighbourhoodTeam.objects.filter(municipality_id=municipality_id).order_by("name"))
    return list(NeighbourhoodTeam.objects.filter(districts__in=district_ids).distinct().order_by("name"))


def teams_for_vacancy(vacancy: Vacancy) -> list[NeighbourhoodTeam]:
    """The teams of the vacancy's wijken (VACANCY_DISTRICT_LOOKUPS)."""
    districts = _district_ids(Vacancy.objects.filter(pk=vacancy.pk), VACANCY_DISTRICT_LOOKUPS)
    return teams_for_districts(districts, municipality_id=vacancy.organisation.municipality_id)


def teams_for_response(response: Response) -> list[NeighbourhoodTeam]:
    """The teams whose staff follow a response: of the vacancy's wijken and the person's
    (RESPONSE_DISTRICT_LOOKUPS), the same rule as `Response.objects.visible_to`."""
    districts = _district_ids(Response.objects.filter(pk=response.pk), RESPONSE_DISTRICT_LOOKUPS)
    return teams_for_districts(districts, municipality_id=response.vacancy.organisation.municipality_id)


def own_response_to(user: Any, vacancy: Vacancy) -> Response | None:
    """The logged-in person's own response to this vacancy, if they responded."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Response.objects.visible_to(user).filter(vacancy=vacancy, resident__user_id=user.pk).first()


def vacancies_with_response_counts(
    vacancies: QuerySet[Vacancy],
) -> QuerySet[WithAnnotations[Vacancy, ResponseCount]]:
    """Vacancies with how many responses each has (counted, so it stays true when responses are
    merged, erased or purged), most recently changed first."""
    return vacancies.select_related("organisation").annotate(response_count=Count("responses")).order_by("-updated_at")


def response_counts_by_status(user: Any) -> dict[str, int]:
    """How many responses this user may see, per status."""
    return dict(Response.objects.visible_to(user).values_list("status").annotate(total=Count("id")).order_by())


# ---------------------------------------------------------------------------
# For reports: figures per wijk and period


@dataclass
class DistrictVolunteeringFigures:
    district_id: int | None
    published_vacancies: int = 0
    responses: int = 0
    placements: int = 0
    days_to_first_contact: list[float] = field(default_factory=list)
    not_matched_reasons: Counter[str] = field(default_factory=Counter)
    new_volunteers_by_channel: Counter[str] = field(default_factory=Counter)

    @property
    def median_days_to_first_contact(self) -> float | None:
        return median(self.days_to_first_contact) if self.days_to_first_contact else None


def _vacancy_districts(vacancies: QuerySet[Vacancy]) -> dict[int, set[int | None]]:
    """The wijken each vacancy counts for: its place's wijk and its chosen wijken; none = city-wide."""
    result: dict[int, set[int | None]] = defaultdict(set)
    for vacancy_id, place_district, district in vacancies.values_list("pk", "place__district_id", "districts"):
        if place_district:
            result[vacancy_id].add(place_district)
        if district:
            result[vacancy_id].add(district)
    for vacancy_id in vacancies.values_list("pk", flat=True):
        result.setdefault(vacancy_id, {None})
    return result


def volunteering_figures(
    *, municipality_id: int, start: dt.date, end: dt.date
) -> dict[int | None, DistrictVolunteeringFigures]:
    """Figures per wijk (None: city-wide or from home) for the period [start, end].

    - published vacancies: published (or still published) during the period;
    - responses, new volunteers by channel: responses made in the period;
    - placements: responses that reached "placed" in the period;
    - days to first contact: for responses made in the period that were contacted;
    - not-matched reasons: responses closed as "not matched" in the period.
    A vacancy in several wijken counts in each. Constant number of queries. Every response of the
    municipality, unscoped: counts for the report, never a person (reporting suppresses small ones)."""
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    figures: dict[int | None, DistrictVolunteeringFigures] = {}

    def row(district_id: int | None) -> DistrictVolunteeringFigures:
        if district_id not in figures:
            figures[district_id] = DistrictVolunteeringFigures(district_id)
        return figures[district_id]

    vacancies = Vacancy.objects.filter(organisation__municipality_id=municipality_id, published_at__lt=until).exclude(
        status__in=[Vacancy.Status.DRAFT, Vacancy.Status.IN_REVIEW]
    )
    vacancies = vacancies.filter(Q(status=Vacancy.Status.PUBLISHED) | Q(updated_at__gte=since))
    where = _vacancy_districts(vacancies)
    for districts in where.values():
        for district_id in districts:
            row(district_id).published_vacancies += 1

    responses = Response.objects.filter(vacancy__organisation__municipality_id=municipality_id)
    all_where = _vacancy_districts(Vacancy.objects.filter(pk__in=responses.values("vacancy_id")))
    new = responses.filter(created_at__gte=since, created_at__lt=until)
    for vacancy_id, channel, created, first_contact in new.values_list(
        "vacancy_id", "channel", "created_at", "first_contact_at"
    ):
        for district_id in all_where[vacancy_id]:
            entry = row(district_id)
            entry.responses += 1
            entry.new_volunteers_by_channel[channel] += 1
            if first_contact is not None:
                entry.days_to_first_contact.append(round((first_contact - created).total_seconds() / 86400, 1))
    placed = ResponseEvent.objects.filter(
        response__in=responses, to_status=Response.Status.PLACED, at__gte=since, at__lt=until
    ).values_list("response__vacancy_id", flat=True)
    for vacancy_id in placed:
        for district_id in all_where[vacancy_id]:
            row(district_id).placements += 1
    not_matched = ResponseEvent.objects.filter(
        response__in=responses, to_status=Response.Status.NOT_MATCHED, at__gte=since, at__lt=until
    ).values_list("response__vacancy_id", "response__not_matched_reason__name", "response__not_matched_reason__name_en")
    for vacancy_id, reason, reason_en in not_matched:
        for district_id in all_where[vacancy_id]:
            # The reason's name in the active language (core.managed_lists).
            row(district_id).not_matched_reasons[localized(reason, reason_en) if reason else "—"] += 1
    return figures


@dataclass(frozen=True)
class Recruitment:
    open_vacancies: int
    responses: int
    placements: int


def organisation_recruitment(*, organisation_id: int, start: dt.date, end: dt.date) -> Recruitment:
    """How one organisation recruits through the vacancy bank: its vacancies online now, and the
    responses made and placements reached in [start, end] (for modules that recruit here, such as
    Buurtservice: "new volunteers" counted from placements, never typed). Three queries."""
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    responses = Response.objects.filter(vacancy__organisation_id=organisation_id)
    return Recruitment(
        open_vacancies=Vacancy.objects.published().filter(organisation_id=organisation_id).count(),
        responses=responses.filter(created_at__gte=since, created_at__lt=until).count(),
        placements=ResponseEvent.objects.filter(
            response__in=responses, to_status=Response.Status.PLACED, at__gte=since, at__lt=until
        )
        .values("response_id")
        .distinct()
        .count(),
    )


# ---------------------------------------------------------------------------
# The public search


def search_vacancies(params: QueryDict) -> QuerySet[Vacancy]:
    """Published vacancies matching the public search's GET parameters (filters.VacancyFilter:
    q, wijk, postcode + afstand, soort, uren, dag, dagdeel, vaardigheid, geschikt, thuis,
    sorteer), in the order asked for, with what a card shows in a fixed number of queries.
    Values that cannot be used are left out, never an error."""
    from wijkbasis.volunteering.filters import VacancyFilter

    return VacancyFilter(params).qs


# ---------------------------------------------------------------------------
# Matching inputs, cached per process until the data changes
#
# Loading facts for 20,000 vacancies costs most of a second (bench/results/matching.md); a
# page must cost milliseconds. The facts are kept in memory and rebuilt only when the data
# changed, which one cheap aggregate query tells.

_FACTS_CACHE: dict[str, tuple[tuple[Any, ...], list[Any]]] = {}


def _cached(key: str, version: tuple[Any, ...], build: Any) -> list[Any]:
    cached = _FACTS_CACHE.get(key)
    if cached is not None and cached[0] == version:
        return cached[1]
    facts = build()
    _FACTS_CACHE[key] = (version, facts)
    return facts


def published_vacancy_facts() -> list[Any]:
    from django.db.models import Count, Max

    from wijkbasis.volunteering import matching

    published = Vacancy.objects.published()
    version = tuple(published.aggregate(total=Count("id"), changed=Max("updated_at")).values())
    version += (timezone.localdate(),)  # expiry dates move with the day
    return _cached("vacancies", version, lambda: matching.vacancy_facts(published))


def shared_profile_facts() -> list[Any]:
    """Facts of every talent profile shared with brokers or organisations, kept once for everyone:
    callers filter them with visible_to (`profile_facts_visible_to`). Rebuilt when the version of
    apps.PROFILE_FACTS changes (one read of the shared cache; an aggregate over 100,000 profiles
    and their residents would cost more than the page)."""
    from wijkbasis.core import fragments
    from wijkbasis.volunteering import matching
    from wijkbasis.volunteering.apps import PROFILE_FACTS

    shared = TalentProfile.objects.exclude(visibility=TalentProfile.Visibility.PRIVATE)
    return _cached("profiles", (fragments.version(PROFILE_FACTS),), lambda: matching.profile_facts(shared))


def profile_facts_visible_to(user: Any) -> list[Any]:
    """The shared profiles this user may see (TalentProfile.objects.visible_to), as matching facts."""
    facts = shared_profile_facts()
    visible_ids = set(TalentProfile.objects.visible_to(user).values_list("pk", flat=True))
    return [item for item in facts if item.id in visible_ids]


#: Columns of areas that no vacancy page or card shows: a boundary or the key figures are
#: JSON documents of kilobytes, decoded for every row that carries them.
AREA_DOCUMENTS = ("boundary", "key_figures")
#: What a vacancy card reads (describe.vacancy_card, _vacancy_card.html): of the vacancy not its
#: description, contact details or review dates; of its organisation, municipality, place and
#: the place's wijk the names.
CARD_COLUMNS = (
    "slug",
    "title",
    "where",
    "address",
    "latitude",
    "longitude",
    "when",
    "starts_at",
    "ends_at",
    "time_slots",
    "hours_per_week",
    "suitable_for",
    "organisation__name",
    "organisation__municipality__name",
    "place__name",
    "place__district__name",
)


def with_card_relations(queryset: QuerySet[Vacancy]) -> QuerySet[Vacancy]:
    """What a vacancy's page and card show, fetched in a fixed number of queries for a whole
    page: its organisation with the municipality, place and wijken (without their AREA_DOCUMENTS)
    and its skills."""
    return (
        queryset.select_related("organisation", "organisation__municipality", "place", "place__district")
        .defer(
            *(
                f"{area}__{column}"
                for area in ("organisation__municipality", "place__district")
                for column in AREA_DOCUMENTS
            )
        )
        .prefetch_related(Prefetch("districts", queryset=District.objects.defer(*AREA_DOCUMENTS)), "skills")
    )


def card_queryset(queryset: QuerySet[Vacancy]) -> QuerySet[Vacancy]:
    """Vacancies as cards in a list, in two queries for a whole page: the CARD_COLUMNS, and the
    names of the wijken."""
    return (
        queryset.select_related("organisation", "organisation__municipality", "place", "place__district")
        .only(*CARD_COLUMNS)
        .prefetch_related(Prefetch("districts", queryset=District.objects.only("pk", "name")))
    )


# ---------------------------------------------------------------------------
# Suggested vacancies: for a person's talents, or instead of a vacancy that has gone


def _cards(ranked: list[tuple[Any, Any]]) -> list[VacancyCard]:
    """Cards for ranked (facts, match) pairs, best first, in a fixed number of queries."""
    from wijkbasis.volunteering import matching

    vacancies = card_queryset(Vacancy.objects.all()).in_bulk([facts.id for facts, _match in ranked])
    return [
        vacancy_card(vacancies[facts.id], why=matching.explain(match))
        for facts, match in ranked
        if facts.id in vacancies
    ]


def suggested_vacancies(profile: TalentProfile, *, limit: int = 10) -> list[VacancyCard]:
    """The published vacancies that fit a talent profile best, with why (matching.py). For the
    person themselves and for the team staff who may see the profile (their view checks that)."""
    from wijkbasis.volunteering import matching

    facts = matching.profile_facts(TalentProfile.objects.filter(pk=profile.pk), include_private=True)
    if not facts:
        return []
    return _cards(matching.rank_vacancies(facts[0], published_vacancy_facts(), limit=limit))


def similar_vacancies(vacancy: Vacancy, *, limit: int = 3) -> list[VacancyCard]:
    """Open vacancies like this one (which may have gone): ranked as if someone had its skills
    and lived in its wijk, without excluding other wijken or times; each shares a skill, the wijk
    or working from home with it."""
    from wijkbasis.volunteering import matching

    (facts,) = matching.vacancy_facts(Vacancy.objects.filter(pk=vacancy.pk))
    like = matching.ProfileFacts(
        id=0,
        skill_ids=facts.skill_ids,
        home_district_id=min(facts.district_ids) if facts.district_ids else None,
        from_home=facts.where == Vacancy.Where.FROM_HOME,
        municipality_id=facts.municipality_id,
    )
    others = [item for item in published_vacancy_facts() if item.id != vacancy.pk]
    # Alike in what or where, not only in time: any flexible vacancy fits anyone's time.
    alike = {matching.ReasonKind.SKILL, matching.ReasonKind.DISTRICT, matching.ReasonKind.FROM_HOME}
    ranked = [
        (facts, match)
        for facts, match in matching.rank_vacancies(like, others, limit=limit * 5)
        if any(reason.kind in alike for reason in match.reasons)
    ]
    return _cards(ranked[:limit])


# ---------------------------------------------------------------------------
# The vacancy bank's records in words, for the access log (accounts.selectors.describe_accesses)


def logged_objects_in_words(model_label: str, ids: list[str]) -> dict[str, Any] | None:
    """The vacancy bank's records in words ("your response to Kookvrijwilliger", "response of Hodan
    Ali to Kookvrijwilliger"): the hook of accounts.selectors.app_hooks, one query per kind."""
    from django.utils.translation import gettext as _

    from wijkbasis.accounts.selectors import LoggedObject
    from wijkbasis.volunteering.models import FollowUp, Placement, ResponseNote, SavedSearch

    numbers = [int(pk) for pk in ids if pk.isdigit()]
    by_response = {
        "volunteering.response": (
            Response,
            "",
            _("your response to %(vacancy)s"),
            _("response of %(name)s to %(vacancy)s"),
        ),
        "volunteering.responseevent": (
            ResponseEvent,
            "response__",
            _("a step of your response to %(vacancy)s"),
            _("a step of the response of %(name)s to %(vacancy)s"),
        ),
        "volunteering.responsenote": (
            ResponseNote,
            "response__",
            _("a note about your response to %(vacancy)s"),
            _("a note about the response of %(name)s to %(vacancy)s"),
        ),
        "volunteering.placement": (
            Placement,
            "response__",
            _("your placement as %(vacancy)s"),
            _("the placement of %(name)s as %(vacancy)s"),
        ),
        "volunteering.followup": (
            FollowUp,
            "response__",
            _("a reminder about your response to %(vacancy)s"),
            _("a reminder about the response of %(name)s to %(vacancy)s"),
        ),
    }
    if model_label in by_response:
        model, prefix, own, other = by_response[model_label]
        rows = model._default_manager.filter(pk__in=numbers).values_list(
            "pk", f"{prefix}vacancy__title", f"{prefix}resident__name"
        )
        return {
            str(pk): LoggedObject(
                own=own % {"vacancy": title or "—"}, other=other % {"name": name or "—", "vacancy": title or "—"}
            )
            for pk, title, name in rows
        }
    if model_label == "volunteering.talentprofile":
        rows = TalentProfile.objects.filter(pk__in=numbers).values_list("pk", "resident__name")
        return {
            str(pk): LoggedObject(
                own=_("your talent profile"), other=_("the talent profile of %(name)s") % {"name": name}
            )
            for pk, name in rows
        }
    if model_label == "volunteering.savedsearch":
        rows = SavedSearch.objects.filter(pk__in=numbers).values_list("pk", "label", "email")
        return {
            str(pk): LoggedObject(
                own=_("your saved search “%(label)s”") % {"label": label},
                other=_("a saved search for %(email)s") % {"email": email},
            )
            for pk, label, email in rows
        }
    return None


def exported_fields_in_words() -> dict[str, dict[str, Any]]:
    """Fields of the vacancy bank that only it can put in words, for a person's download of their
    data (the hook of accounts.services.export_personal_data): when they can help, in days and
    parts of the day instead of a bit set; hours as "2,5"."""
    from django.conf import settings

    from wijkbasis.volunteering.describe import hours_a_week, slots_in_words

    def status_label(value: str) -> str:
        return str(Response.Status(value).label) if value in Response.Status.values else value

    def hours(row: Any) -> str:
        return hours_a_week(row.hours_per_week) if row.hours_per_week is not None else ""

    return {
        "volunteering.talentprofile": {
            "time_slots": lambda profile: slots_in_words(profile.time_slots),
            "hours_per_week": hours,
        },
        "volunteering.placement": {"hours_per_week": hours},
        # The search by its description (its query is the same, as the page's address), the
        # language by its name.
        "volunteering.savedsearch": {
            "query": lambda search: "",
            "language": lambda search: str(dict(settings.LANGUAGES).get(search.language, search.language)),
        },
        # A step names the statuses by their words ("contacted"), not their codes.
        "volunteering.responseevent": {
            "from_status": lambda event: status_label(event.from_status),
            "to_status": lambda event: status_label(event.to_status),
        },
    }


# ---------------------------------------------------------------------------
# The broker's day on the werkplek home (the hook of accounts.selectors.werkplek_tasks)


def werkplek_tasks(user: Any) -> list[Any]:
    """What waits for this member of staff in the vacancy bank, as counts with a link: responses
    waiting for first contact, follow-ups due, and for reviewers the organisations and vacancies
    to review. Four counting queries, whatever the numbers; no names (nothing to log)."""
    from django.urls import reverse
    from django.utils.translation import ngettext

    from wijkbasis.accounts.selectors import WorkItem, access_of
    from wijkbasis.core.roles import Role
    from wijkbasis.volunteering.access import organisations_reviewable_by
    from wijkbasis.volunteering.models import FollowUp

    access = access_of(user)
    if not (access.is_team_staff or access.is_administrator):
        return []
    new = Response.objects.visible_to(user).filter(status=Response.Status.NEW).count()
    due = FollowUp.objects.visible_to(user).filter(done_at__isnull=True, due_on__lte=timezone.localdate()).count()
    tasks = [
        WorkItem(
            count=new,
            text=ngettext(
                "%(count)s new response waits for contact",
                "%(count)s new responses wait for contact",
                new,
            )
            % {"count": new},
            url=reverse("volunteering:pipeline") + "?status=new",
        ),
        WorkItem(
            count=due,
            text=ngettext("%(count)s follow-up is due", "%(count)s follow-ups are due", due) % {"count": due},
            url=reverse("volunteering:follow_ups"),
        ),
    ]
    if access.municipality_ids_as(Role.COMMUNITY_BROKER, Role.TEAM_LEAD):
        organisations = organisations_reviewable_by(user).count()
        vacancies = Vacancy.objects.reviewable_by(user).count()
        review = reverse("volunteering:review_queue")
        tasks += [
            WorkItem(
                count=organisations,
                text=ngettext(
                    "%(count)s organisation waits for review", "%(count)s organisations wait for review", organisations
                )
                % {"count": organisations},
                url=review,
            ),
            WorkItem(
                count=vacancies,
                text=ngettext("%(count)s vacancy waits for review", "%(count)s vacancies wait for review", vacancies)
                % {"count": vacancies},
                url=review,
            ),
        ]
    return tasks


# ---------------------------------------------------------------------------
# Its pages in the navigation of "Mijn" (the hook of accounts.selectors.nav_links)


def mijn_links(user: Any) -> list[Any]:
    """The person's own pages of the vacancy bank: responses, talents, saved searches."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from wijkbasis.accounts.selectors import NavLink

    return [
        NavLink(_("My responses"), reverse("volunteering:my_responses")),
        NavLink(_("My talents"), reverse("volunteering:talents")),
        NavLink(_("My searches"), reverse("volunteering:my_searches")),
    ]
