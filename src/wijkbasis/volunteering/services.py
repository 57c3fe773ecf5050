"""Writes of the vacancy bank. Every write that touches several rows or sends mail is here,
under a transaction; views only validate and call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkbasis.accounts.models import Consent, OrganisationMembership, Resident, User
from wijkbasis.accounts.services import ensure_resident_for_user, locate_postcode, new_resident, record_consent
from wijkbasis.areas.models import Municipality, Organisation, TeamMember
from wijkbasis.core.access import logged_delete, logged_update
from wijkbasis.core.access_log import actor_for
from wijkbasis.core.links import absolute_url
from wijkbasis.core.mail import send_templated_mail
from wijkbasis.core.slugs import unique_slug_for
from wijkbasis.volunteering.geography import vacancy_point
from wijkbasis.volunteering.models import (
    RESERVED_SLUGS,
    FollowUp,
    Placement,
    Response,
    ResponseEvent,
    ResponseNote,
    SavedSearch,
    TalentProfile,
    Vacancy,
)
from wijkbasis.volunteering.processing import VOLUNTEER_MATCHING
from wijkbasis.volunteering.selectors import teams_for_response

# ---------------------------------------------------------------------------
# Organisations


@transaction.atomic
def register_organisation(*, by: User, municipality: Municipality, **values: Any) -> Organisation:
    """An organisation signs itself up; it waits for review before its vacancies go public."""
    organisation = Organisation.objects.create(
        municipality=municipality,
        slug=unique_slug_for(Organisation, values["name"], reserved=RESERVED_SLUGS),
        status=Organisation.Status.PENDING,
        registered_by=by,
        **values,
    )
    OrganisationMembership.objects.get_or_create(user=by, organisation=organisation)
    transaction.on_commit(
        lambda: _notify_reviewers(municipality_id=municipality.pk, kind="organisation", name=organisation.name)
    )
    return organisation


@transaction.atomic
def review_organisation(*, organisation: Organisation, by: User, approve: bool, note: str = "") -> Organisation:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    organisation.status = Organisation.Status.APPROVED if approve else Organisation.Status.REJECTED
    organisation.reviewed_by = by
    organisation.reviewed_at = timezone.now()
    organisation.review_note = note
    organisation.save()
    return organisation


def _organisation_recipients(vacancy: Vacancy) -> list[Any]:
    """Who hears about a vacancy: the organisation's members (in their own language) and its
    contact person, when that is not one of them."""
    members = list(
        User.objects.filter(organisation_memberships__organisation_id=vacancy.organisation_id, is_active=True)
        .distinct()
        .order_by("email")
    )
    addresses = {member.email for member in members}
    return members + (
        [vacancy.contact_email] if vacancy.contact_email and vacancy.contact_email not in addresses else []
    )


#: Team roles that review organisations and vacancies, and hear when something waits for review.
REVIEWER_ROLES = (TeamMember.Role.COMMUNITY_BROKER, TeamMember.Role.TEAM_LEAD)


def _notify_reviewers(*, municipality_id: int, kind: str, name: str) -> None:
    """Tell the municipality's sociaal makelaars and team leads that something waits for their review."""
    reviewers = User.objects.filter(
        team_memberships__team__municipality_id=municipality_id,
        team_memberships__role__in=REVIEWER_ROLES,
        is_active=True,
    ).distinct()
    send_templated_mail(
        "volunteering/email/review_waiting",
        to=list(reviewers.order_by("email")),
        context={"kind": kind, "name": name, "url": absolute_url(reverse("volunteering:review_queue"))},
        municipality=Municipality.objects.get(pk=municipality_id),
    )


# ---------------------------------------------------------------------------
# Vacancies


def _reindex(vacancy: Vacancy) -> None:
    from wijkbasis.volunteering import search

    transaction.on_commit(lambda: search.index_vacancy(Vacancy.objects.get(pk=vacancy.pk)))


@transaction.atomic
def save_vacancy(*, vacancy: Vacancy, by: User | None, skills: Any = None, districts: Any = None) -> Vacancy:
    """Create or update a vacancy (its organisation and fields already set); `by` None: by the
    platform itself, as the demo without accounts does."""
    if not vacancy.slug:
        vacancy.slug = unique_slug_for(Vacancy, f"{vacancy.title} {vacancy.organisation.name}", reserved=RESERVED_SLUGS)
    if vacancy.pk is None:
        vacancy.created_by = by
    vacancy.save()
    if skills is not None:
        vacancy.skills.set(skills)
    if districts is not None:
        vacancy.districts.set(districts)
    _locate(vacancy)
    _reindex(vacancy)
    return vacancy


def _locate(vacancy: Vacancy) -> None:
    """Coordinates for distance search (geography.vacancy_point)."""
    latitude, longitude = vacancy_point(vacancy) or (None, None)
    Vacancy.objects.filter(pk=vacancy.pk).update(latitude=latitude, longitude=longitude)
    vacancy.latitude, vacancy.longitude = latitude, longitude


def _publish_now(vacancy: Vacancy) -> None:
    vacancy.status = Vacancy.Status.PUBLISHED
    vacancy.published_at = vacancy.published_at or timezone.now()


@transaction.atomic
def submit_vacancy(*, vacancy: Vacancy, by: User | None) -> Vacancy:
    """The organisation is done editing: publish, or send for review when that is required;
    `by` None as in `save_vacancy`."""
    vacancy = Vacancy.objects.select_for_update().select_related("organisation").get(pk=vacancy.pk)
    if vacancy.status not in (Vacancy.Status.DRAFT, Vacancy.Status.IN_REVIEW):
        return vacancy
    if settings.VACANCY_REVIEW_REQUIRED or vacancy.organisation.status != Organisation.Status.APPROVED:
        if vacancy.status != Vacancy.Status.IN_REVIEW:
            vacancy.status = Vacancy.Status.IN_REVIEW
            municipality_id, title = vacancy.organisation.municipality_id, vacancy.title
            transaction.on_commit(
                lambda: _notify_reviewers(municipality_id=municipality_id, kind="vacancy", name=title)
            )
    elif vacancy.publish_on and vacancy.publish_on > timezone.localdate():
        vacancy.status = Vacancy.Status.DRAFT  # the daily job publishes it on its date
    else:
        _publish_now(vacancy)
    vacancy.save()
    _reindex(vacancy)
    return vacancy


@transaction.atomic
def review_vacancy(*, vacancy: Vacancy, by: User, approve: bool) -> Vacancy:
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status != Vacancy.Status.IN_REVIEW:
        return vacancy
    if approve:
        _publish_now(vacancy)
    else:
        vacancy.status = Vacancy.Status.DRAFT
    vacancy.save()
    _reindex(vacancy)
    return vacancy


@transaction.atomic
def close_vacancy(*, vacancy: Vacancy, by: User | None, status: str = Vacancy.Status.CLOSED) -> Vacancy:
    """Filled, closed or expired: off the public list. The people whose response was still on its
    way hear it (after the commit, tell_waiting_candidates)."""
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    was_public = vacancy.status == Vacancy.Status.PUBLISHED
    vacancy.status = status
    vacancy.save()
    _reindex(vacancy)
    if was_public and status != Vacancy.Status.PUBLISHED:
        vacancy_id = vacancy.pk
        transaction.on_commit(lambda: tell_waiting_candidates(vacancy_id=vacancy_id, by=by))
    return vacancy


def _may_hear_about_response(resident: Resident) -> bool:
    """Whether we may e-mail someone about their own response: the consent they gave with it
    (to keep their details, or to pass them on) is still there."""
    return resident.has_consent("keep_details") or resident.has_consent("share_with_organisation")


def tell_waiting_candidates(*, vacancy_id: int, by: User | None = None) -> int:
    """E-mail the people whose response to a vacancy that is now filled or closed was still open
    (new, contacted, getting to know each other) — those with an e-mail address and the consent
    of _may_hear_about_response — with similar open vacancies. The others the team tells: the
    response page says who heard and who did not. Returns how many were told."""
    from wijkbasis.volunteering.selectors import similar_vacancies

    vacancy = Vacancy.objects.select_related("organisation__municipality").get(pk=vacancy_id)
    ended = vacancy.ended_as()
    if ended is None:
        return 0
    waiting = list(
        Response.objects.filter(vacancy=vacancy, status__in=OPEN_STEPS, told_vacancy_closed_at__isnull=True)
        .exclude(contact_email="")
        .select_related("resident__user")
        .prefetch_related("resident__consents")
    )
    waiting = [response for response in waiting if _may_hear_about_response(response.resident)]
    if not waiting:
        return 0
    similar = similar_vacancies(vacancy, limit=3)
    search = absolute_url(reverse("volunteering:vacancies"))
    for response in waiting:
        user = response.resident.user
        send_templated_mail(
            "volunteering/email/vacancy_closed",
            to=[user if user is not None and user.email == response.contact_email else response.contact_email],
            context={
                "vacancy": vacancy,
                "filled": ended == Vacancy.Status.FILLED,
                "similar": [card.vacancy for card in similar],
                "search_url": search,
            },
            municipality=vacancy.organisation.municipality,
        )
    logged_update(
        Response.objects.filter(pk__in=[response.pk for response in waiting]),
        actor=actor_for(by),
        purpose=VOLUNTEER_MATCHING.code,
        told_vacancy_closed_at=timezone.now(),
    )
    return len(waiting)


# ---------------------------------------------------------------------------
# Responses: "Ik wil helpen"


@dataclass(frozen=True)
class Respondent:
    """Who responds without an account: the lightweight record of the assisted-intake rules."""

    name: str
    email: str = ""
    phone: str = ""
    postcode: str = ""


class ResponseError(Exception):
    pass


def respond(
    *,
    vacancy: Vacancy,
    message: str = "",
    user: User | None = None,
    respondent: Respondent | None = None,
    resident: Resident | None = None,
    recorded_by: User | None = None,
) -> tuple[Response, bool]:
    """Record a response. Returns (response, created).

    With an account, the person's own record responds, and a second submit finds the first
    response. Without an account, `respondent` gives name and e-mail or phone: a new record is
    made through the one intake path (accounts.services.new_resident), with the consent this
    response needs — never attached to an existing record, whatever address or phone was typed
    (a look-alike is flagged for the team instead). The organisation sees what was typed here.
    (A double click of one form is caught by the form key, see views.respond.) A team member
    who took the response by phone for someone they know gives that `resident` (one they may
    see) and `recorded_by`."""
    if (user is None) + (respondent is None) + (resident is None) != 2:
        raise ValueError("respond() needs one of: a user, a respondent, or a known resident")
    if resident is not None and (
        recorded_by is None or not Resident.objects.visible_to(recorded_by).filter(pk=resident.pk).exists()
    ):
        raise ValueError("Only a team member who may see the record responds for a known resident")
    if respondent is not None and not (respondent.email or respondent.phone):
        raise ValidationError(_("Fill in your e-mail address or phone number, so the organisation can reach you."))
    # The postcode lookup may wait for Locatieserver: before the vacancy's row is locked.
    located = locate_postcode(respondent.postcode) if respondent is not None and user is None else None
    with transaction.atomic():
        # Responses to one vacancy are made one at a time, so a double submit finds the first.
        vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
        if not vacancy.is_public():
            raise ResponseError(_("This vacancy is no longer open for responses."))
        method = Consent.Method.PHONE if recorded_by else Consent.Method.ONLINE
        if user is not None or resident is not None:
            if user is not None:
                resident = ensure_resident_for_user(user=user)
                channel = Response.Channel.ACCOUNT
                contact = {
                    "contact_name": resident.name or user.name,
                    "contact_email": user.email,
                    "contact_phone": resident.phone,
                }
            else:
                assert resident is not None
                channel = Response.Channel.STAFF
                contact = {
                    "contact_name": resident.name,
                    "contact_email": resident.email,
                    "contact_phone": resident.phone,
                }
            existing = Response.objects.filter(vacancy=vacancy, resident=resident).first()
            if existing is not None:
                return existing, False
            record_consent(resident=resident, purpose="share_with_organisation", method=method, by=recorded_by or user)
        else:
            assert respondent is not None
            resident = new_resident(
                name=respondent.name,
                email=respondent.email,
                phone=respondent.phone,
                postcode=respondent.postcode,
                preferred_contact=Resident.Contact.EMAIL if respondent.email else Resident.Contact.PHONE,
                source=Resident.Source.ASSISTED if recorded_by else Resident.Source.FORM,
                consents=["keep_details", "share_with_organisation"],
                consent_method=method,
                by=recorded_by,
                located=located,
            )
            channel = Response.Channel.STAFF if recorded_by else Response.Channel.FORM
            contact = {
                "contact_name": respondent.name,
                "contact_email": respondent.email.strip().lower(),
                "contact_phone": respondent.phone,
            }
        try:
            with transaction.atomic():
                response = Response.objects.create(
                    vacancy=vacancy, resident=resident, message=message, channel=channel, **contact
                )
        except IntegrityError:
            return Response.objects.get(vacancy=vacancy, resident=resident), False
        ResponseEvent.objects.create(response=response, to_status=Response.Status.NEW, by=user or recorded_by)
        due = timezone.localdate() + dt.timedelta(days=settings.RESPONSE_CONTACT_REMINDER_DAYS)
        for team in teams_for_response(response):
            FollowUp.objects.get_or_create(
                kind=FollowUp.Kind.NO_CONTACT, response=response, team=team, done_at=None, defaults={"due_on": due}
            )
        transaction.on_commit(lambda: _notify_organisation(response.pk))
        return response, True


def _notify_organisation(response_id: int) -> None:
    response = Response.objects.select_related("vacancy__organisation__municipality").get(pk=response_id)
    vacancy = response.vacancy
    # No personal details in the e-mail itself: the organisation reads them after logging in.
    send_templated_mail(
        "volunteering/email/new_response",
        to=_organisation_recipients(vacancy),
        context={"vacancy": vacancy, "url": absolute_url(reverse("volunteering:org_responses"))},
        municipality=vacancy.organisation.municipality,
    )


# The pipeline: new → contacted → (getting to know each other) → placed → ended, and "not
# matched" from any step before placed. A response moves straight to any later step in one
# save; the steps it passes on the way are recorded too, except getting to know each other,
# which may be skipped. It goes back one step at a time, always with a reason.
PIPELINE: tuple[str, ...] = (
    Response.Status.NEW,
    Response.Status.CONTACTED,
    Response.Status.INTRODUCTION,
    Response.Status.PLACED,
    Response.Status.ENDED,
)
#: Steps of a response that is still on its way to a placement.
OPEN_STEPS = (Response.Status.NEW, Response.Status.CONTACTED, Response.Status.INTRODUCTION)
#: Passed on the way to a later step without being recorded.
SKIPPABLE = frozenset({Response.Status.INTRODUCTION})


def later_steps(status: str) -> tuple[str, ...]:
    """The steps a response in `status` may move on to, in order."""
    if status in OPEN_STEPS:
        after = PIPELINE[PIPELINE.index(status) + 1 : PIPELINE.index(Response.Status.PLACED) + 1]
        return (*after, Response.Status.NOT_MATCHED)
    if status == Response.Status.PLACED:
        return (Response.Status.ENDED,)
    return ()


def steps_on_the_way(status: str, to_status: str) -> list[str]:
    """What is recorded for a move forward: every step passed (not the skippable ones), then the target."""
    if to_status == Response.Status.NOT_MATCHED or to_status not in PIPELINE:
        return [to_status]
    passed = PIPELINE[PIPELINE.index(status) + 1 : PIPELINE.index(to_status)]
    return [step for step in passed if step not in SKIPPABLE] + [to_status]


def previous_step(events: Iterable[ResponseEvent], status: str) -> str | None:
    """Where a step back leads: the step before the current one, as the history went (a step
    back undoes the step it went back on); None for a new response."""
    path: list[str] = []
    for event in events:
        if event.reason and path:
            path.pop()
        else:
            path.append(event.to_status)
    if len(path) >= 2 and path[-1] == status:
        return path[-2]
    return None


class ConflictError(Exception):
    """The response changed since the page was loaded (someone else moved it)."""


def changed_meanwhile(response: Response) -> str:
    return _("Someone else changed this response in the meantime: it is now '%(status)s'.") % {
        "status": response.get_status_display()
    }


@transaction.atomic
def move_response(
    *,
    response: Response,
    to_status: str,
    by: User,
    expected_status: str | None = None,
    not_matched_reason: Any = None,
    placement: dict[str, Any] | None = None,
    reason: str = "",
    as_broker: bool = False,
) -> Response:
    """Move a response to any later step (recording the steps on the way), or one step back
    (with a `reason`). The row is locked, so two people moving it at the same moment are handled
    one after the other; with `expected_status` (what the page showed) the second gets a conflict
    instead of silently overwriting. Every step is kept in the history."""
    locked = Response.objects.select_for_update().select_related("vacancy").get(pk=response.pk)
    if expected_status is not None and locked.status != expected_status:
        raise ConflictError(changed_meanwhile(locked))
    back = previous_step(locked.events.all(), locked.status)
    if to_status == back and to_status not in later_steps(locked.status):
        if not reason.strip():
            raise ValidationError(_("Say why it goes one step back."))
        _step_back(locked, to_status, by=by, reason=reason.strip())
    elif to_status in later_steps(locked.status):
        if to_status == Response.Status.NOT_MATCHED and not_matched_reason is None:
            raise ValidationError(_("Choose why it did not work out."))
        _step_forward(locked, to_status, by=by, not_matched_reason=not_matched_reason, placement=placement or {})
    else:
        raise ValidationError(
            _("A response that is '%(status)s' cannot go to '%(to)s'.")
            % {"status": locked.get_status_display(), "to": Response.Status(to_status).label}
        )
    if as_broker and locked.broker_id is None:
        locked.broker = by
    locked.status_changed_at = timezone.now()
    locked.save()
    return locked


def _step_forward(
    response: Response, to_status: str, *, by: User, not_matched_reason: Any, placement: dict[str, Any]
) -> None:
    now = timezone.now()
    status = response.status
    for step in steps_on_the_way(status, to_status):
        ResponseEvent.objects.create(response=response, from_status=status, to_status=step, by=by, at=now)
        status = step
    if response.first_contact_at is None and to_status != Response.Status.NOT_MATCHED:
        response.first_contact_at = now
    if response.first_contact_at is not None or to_status == Response.Status.NOT_MATCHED:
        logged_update(
            FollowUp.objects.filter(response=response, kind=FollowUp.Kind.NO_CONTACT, done_at__isnull=True),
            actor=actor_for(by),
            purpose=VOLUNTEER_MATCHING.code,
            done_at=now,
            done_by=by,
        )
    response.status = to_status
    response.not_matched_reason = not_matched_reason if to_status == Response.Status.NOT_MATCHED else None
    if to_status == Response.Status.PLACED:
        _place(response, placement, by=by)
    if to_status == Response.Status.ENDED:
        logged_update(
            Placement.objects.filter(response=response),
            actor=actor_for(by),
            purpose=VOLUNTEER_MATCHING.code,
            end_date=placement.get("end_date") or timezone.localdate(),
            end_reason=placement.get("end_reason", ""),
        )


def _step_back(response: Response, to_status: str, *, by: User, reason: str) -> None:
    """Undo what the current step did: a placement, its end, the reason for no match, the first contact."""
    actor = actor_for(by)
    ResponseEvent.objects.create(
        response=response, from_status=response.status, to_status=to_status, by=by, at=timezone.now(), reason=reason
    )
    if response.status == Response.Status.PLACED:
        logged_delete(Placement.objects.filter(response=response), actor=actor, purpose=VOLUNTEER_MATCHING.code)
        logged_update(
            FollowUp.objects.filter(response=response, kind=FollowUp.Kind.SIX_WEEKS, done_at__isnull=True),
            actor=actor,
            purpose=VOLUNTEER_MATCHING.code,
            done_at=timezone.now(),
            done_by=by,
        )
        _reopen_if_no_longer_filled(response.vacancy)
    elif response.status == Response.Status.ENDED:
        logged_update(
            Placement.objects.filter(response=response),
            actor=actor,
            purpose=VOLUNTEER_MATCHING.code,
            end_date=None,
            end_reason="",
        )
    if to_status == Response.Status.NEW:
        # The contact that was recorded did not happen: the team is reminded again.
        response.first_contact_at = None
        _remind_to_contact(response)
    response.status = to_status
    response.not_matched_reason = None


def _remind_to_contact(response: Response) -> None:
    due = timezone.localdate() + dt.timedelta(days=settings.RESPONSE_CONTACT_REMINDER_DAYS)
    for team in teams_for_response(response):
        FollowUp.objects.get_or_create(
            kind=FollowUp.Kind.NO_CONTACT, response=response, team=team, done_at=None, defaults={"due_on": due}
        )


def _place(response: Response, values: dict[str, Any], *, by: User) -> Placement:
    start = values.get("start_date") or timezone.localdate()
    placement, _created = Placement.objects.update_or_create(
        response=response,
        defaults={"start_date": start, "hours_per_week": values.get("hours_per_week")},
    )
    due = start + dt.timedelta(days=settings.PLACEMENT_FOLLOW_UP_DAYS)
    for team in teams_for_response(response):
        FollowUp.objects.get_or_create(
            kind=FollowUp.Kind.SIX_WEEKS, response=response, team=team, done_at=None, defaults={"due_on": due}
        )
    # This response counts as placed from here (it is saved by the caller).
    vacancy = response.vacancy
    placed = Response.objects.filter(vacancy=vacancy, status=Response.Status.PLACED).exclude(pk=response.pk).count()
    if vacancy.status == Vacancy.Status.PUBLISHED and placed + 1 >= vacancy.volunteers_needed:
        close_vacancy(vacancy=vacancy, by=by, status=Vacancy.Status.FILLED)
    return placement


def _reopen_if_no_longer_filled(vacancy: Vacancy) -> None:
    """A placement taken back: a vacancy filled by it is open again (when it still could be)."""
    placed = Response.objects.filter(vacancy=vacancy, status=Response.Status.PLACED).count() - 1
    if placed < vacancy.volunteers_needed:
        reopened = Vacancy.objects.filter(pk=vacancy.pk, status=Vacancy.Status.FILLED).update(
            status=Vacancy.Status.PUBLISHED
        )
        if reopened:
            _reindex(vacancy)


def add_note(*, response: Response, by: User, text: str) -> ResponseNote:
    return ResponseNote.objects.create(response=response, author=by, text=text)


def complete_follow_up(*, follow_up: FollowUp, by: User) -> FollowUp:
    logged_update(
        FollowUp.objects.filter(pk=follow_up.pk, done_at__isnull=True),
        actor=actor_for(by),
        purpose=VOLUNTEER_MATCHING.code,
        done_at=timezone.now(),
        done_by=by,
    )
    follow_up.refresh_from_db()
    return follow_up


# ---------------------------------------------------------------------------
# Talent profile


@transaction.atomic
def save_talent_profile(
    *, resident: Resident, skills: Any, interests: Any, districts: Any, **values: Any
) -> TalentProfile:
    profile, _created = TalentProfile.objects.update_or_create(resident=resident, defaults=values)
    profile.skills.set(skills)
    profile.interests.set(interests)
    profile.districts.set(districts)
    return profile


# ---------------------------------------------------------------------------
# Saved searches


@transaction.atomic
def save_search(*, email: str, query: str, label: str, user: User | None, language: str) -> tuple[SavedSearch, bool]:
    """Store a search for weekly e-mail. Someone logged in with this address is confirmed at
    once; anyone else gets a confirmation e-mail first (nobody is subscribed by someone else)."""
    email = email.strip().lower()
    search, created = SavedSearch.objects.get_or_create(
        email=email, query=query, defaults={"label": label, "user": user, "language": language}
    )
    if user is not None and user.email == email and search.confirmed_at is None:
        search.confirmed_at = timezone.now()
        search.user = user
        search.save(update_fields=["confirmed_at", "user"])
    elif search.confirmed_at is None:
        transaction.on_commit(lambda: _send_confirmation(search.pk))
    return search, created


def _send_confirmation(search_id: int) -> None:
    search = SavedSearch.objects.get(pk=search_id)
    send_templated_mail(
        "volunteering/email/confirm_search",
        to=[search.email],
        language=search.language,
        context={
            "search": search,
            "confirm_url": absolute_url(reverse("volunteering:confirm_search", args=[search.token])),
            "stop_url": absolute_url(reverse("volunteering:unsubscribe", args=[search.token])),
        },
        # Anyone can type any address: at most a few confirmations per address, whoever asks.
        limit="save_search",
    )


def confirm_search(*, token: str) -> SavedSearch | None:
    search = SavedSearch.objects.filter(token=token).first()
    if search is not None and search.confirmed_at is None:
        search.confirmed_at = timezone.now()
        search.save(update_fields=["confirmed_at"])
    return search


def unsubscribe(*, token: str) -> bool:
    """One click, no login: the search and the address are removed."""
    deleted, _rows = SavedSearch.objects.filter(token=token).delete()
    return bool(deleted)


def send_weekly_digests(*, now: dt.datetime | None = None) -> int:
    """E-mail every confirmed saved search the vacancies published since its last e-mail."""
    from django.http import QueryDict

    from wijkbasis.volunteering.selectors import search_vacancies

    now = now or timezone.now()
    sent = 0
    week_ago = now - dt.timedelta(days=7)
    for search in SavedSearch.objects.filter(confirmed_at__isnull=False).exclude(last_sent_at__gt=week_ago):
        since = search.last_sent_at or search.confirmed_at
        found = search_vacancies(QueryDict(search.query)).filter(published_at__gt=since)[:20]
        vacancies = list(found)
        if vacancies:
            stop = absolute_url(reverse("volunteering:unsubscribe", args=[search.token]))
            send_templated_mail(
                "volunteering/email/weekly_digest",
                to=[search.email],
                language=search.language,
                context={"search": search, "vacancies": vacancies, "stop_url": stop},
                unsubscribe_url=stop,
            )
            sent += 1
        search.last_sent_at = now
        search.save(update_fields=["last_sent_at"])
    return sent


# ---------------------------------------------------------------------------
# Daily housekeeping


def run_daily(*, today: dt.date | None = None) -> dict[str, int]:
    """Expire vacancies past their date, remind organisations before expiry, publish the ones
    whose publication date has come, and remind brokers of responses without contact."""
    today = today or timezone.localdate()
    expired = 0
    for vacancy in Vacancy.objects.filter(status=Vacancy.Status.PUBLISHED, expires_on__lt=today):
        close_vacancy(vacancy=vacancy, by=None, status=Vacancy.Status.EXPIRED)
        expired += 1
    published = 0
    if not settings.VACANCY_REVIEW_REQUIRED:
        for vacancy in Vacancy.objects.filter(
            status=Vacancy.Status.DRAFT, publish_on__lte=today, organisation__status=Organisation.Status.APPROVED
        ).exclude(publish_on__isnull=True):
            with transaction.atomic():
                _publish_now(vacancy)
                vacancy.save()
                _reindex(vacancy)
            published += 1
    reminded = 0
    soon = today + dt.timedelta(days=settings.VACANCY_EXPIRY_REMINDER_DAYS)
    for vacancy in Vacancy.objects.filter(
        status=Vacancy.Status.PUBLISHED,
        expires_on__lte=soon,
        expires_on__gte=today,
        expiry_reminder_sent_at__isnull=True,
    ).select_related("organisation"):
        send_templated_mail(
            "volunteering/email/expiry_reminder",
            to=_organisation_recipients(vacancy),
            context={"vacancy": vacancy, "url": absolute_url(reverse("volunteering:org_vacancies"))},
            municipality=vacancy.organisation.municipality,
        )
        Vacancy.objects.filter(pk=vacancy.pk).update(expiry_reminder_sent_at=timezone.now())
        reminded += 1
    waiting = FollowUp.objects.filter(kind=FollowUp.Kind.NO_CONTACT, done_at__isnull=True, due_on__lte=today).count()
    return {"expired": expired, "published": published, "expiry_reminders": reminded, "waiting_for_contact": waiting}


# ---------------------------------------------------------------------------
# The volunteer withdraws their own response ("Mijn reacties")

#: The reason for no match a withdrawal is counted under (a managed list; made when missing).
WITHDRAWN_REASON = "De vrijwilliger trok de reactie zelf in"
WITHDRAWN_REASON_EN = "The volunteer withdrew the response"


def withdraw_response(*, response: Response, by: User, expected_status: str | None = None) -> Response:
    """The person stops their own response, through the pipeline (move_response), so the
    organisation and the brokers see it in its history: before a placement it ends as "not
    matched" for the reason "withdrew it themselves"; a placement ends. Logged as every step is."""
    if response.status == Response.Status.PLACED:
        return move_response(
            response=response,
            to_status=Response.Status.ENDED,
            by=by,
            expected_status=expected_status,
            placement={"end_reason": WITHDRAWN_REASON},
        )
    if response.status in (Response.Status.ENDED, Response.Status.NOT_MATCHED):
        return response
    from wijkbasis.volunteering.models import NotMatchedReason

    names = {model_field.name for model_field in NotMatchedReason._meta.fields}
    defaults: dict[str, Any] = {"sort_order": 900}
    if "name_en" in names:
        defaults["name_en"] = WITHDRAWN_REASON_EN
    reason, _created = NotMatchedReason.objects.get_or_create(name=WITHDRAWN_REASON, defaults=defaults)
    return move_response(
        response=response,
        to_status=Response.Status.NOT_MATCHED,
        by=by,
        expected_status=expected_status,
        not_matched_reason=reason,
    )
