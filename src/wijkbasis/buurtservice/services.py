"""Writes of Buurtservice. Every write that touches several rows or sends anything is here,
under a transaction, keyword-only and typed; views only validate and call.

Two coordinators can act at the same moment: every change of a request locks its row and
takes the status the page showed (`expected_status`), so the second gets a conflict instead of
overwriting; planning locks the workers' rows (in id order, so two plans never deadlock) before
it checks their other visits, so a worker is never booked twice, on SQLite and PostgreSQL.
Postcodes are looked up before a transaction starts (`located=`), never inside one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkbasis.accounts.models import Consent, Resident, User
from wijkbasis.accounts.services import (
    ensure_resident_for_user,
    new_resident,
    record_consent,
    request_account_link,
    take_in_resident,
)
from wijkbasis.areas.models import NeighbourhoodTeam
from wijkbasis.areas.postcodes import LookupResult, LookupStatus
from wijkbasis.buurtservice import availability, describe
from wijkbasis.buurtservice.models import (
    Assignment,
    Certificate,
    CertificateKind,
    CheckIn,
    Development,
    EligibilityAnswer,
    EligibilityCriterion,
    Feedback,
    JobCategory,
    LearningGoal,
    Origin,
    Request,
    RequestEvent,
    RequestPhoto,
    Service,
    Skill,
    SkillGained,
    Visit,
    Worker,
)
from wijkbasis.core.links import absolute_url
from wijkbasis.core.mail import send_templated_mail

#: What a resident gives permission for when they ask Buurtservice (accounts/consent.py).
CONSENT = "odd_job"


class ConflictError(Exception):
    """The request changed since the page was loaded (another coordinator acted on it)."""


class PlanningError(ValidationError):
    """A visit cannot be planned like this: the messages say why, per worker."""


# The steps of a request. Each status says which may follow it.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Request.Status.REQUESTED: (Request.Status.INTAKE, Request.Status.DECLINED, Request.Status.CANCELLED),
    Request.Status.INTAKE: (Request.Status.ACCEPTED, Request.Status.DECLINED, Request.Status.CANCELLED),
    Request.Status.ACCEPTED: (Request.Status.PLANNED, Request.Status.CANCELLED),
    Request.Status.PLANNED: (
        Request.Status.IN_PROGRESS,
        Request.Status.ACCEPTED,
        Request.Status.DONE,
        Request.Status.CANCELLED,
    ),
    Request.Status.IN_PROGRESS: (Request.Status.DONE, Request.Status.CANCELLED),
    Request.Status.DONE: (Request.Status.EVALUATED,),
    Request.Status.EVALUATED: (),
    Request.Status.DECLINED: (),
    Request.Status.CANCELLED: (),
}

#: Why a request is declined or cancelled: what the resident reads, in plain language.
DECLINE_REASONS: dict[str, Any] = {
    "own_network": gettext_lazy("People around you can help with this job. Ask them first."),
    "not_eligible": gettext_lazy("Buurtservice is for residents who cannot pay for help themselves."),
    "landlord": gettext_lazy("This job is for your landlord or housing corporation. Ask them."),
    "too_big": gettext_lazy("This job is too big or too dangerous for Buurtservice. A professional must do it."),
    "other": gettext_lazy("Another reason: see the explanation."),
}
CANCEL_REASONS: dict[str, Any] = {
    "resident": gettext_lazy("You do not need the job anymore."),
    "no_contact": gettext_lazy("We could not reach you."),
    "not_possible": gettext_lazy("The job turned out not to be possible for us."),
    "other": gettext_lazy("Another reason: see the explanation."),
}


@dataclass(frozen=True)
class Person:
    """Someone as a form gave them: the lightweight record of the intake rules."""

    name: str
    phone: str = ""
    email: str = ""
    street: str = ""
    house_number: str = ""
    postcode: str = ""
    city: str = ""

    @property
    def contact(self) -> str:
        return Resident.Contact.EMAIL if self.email else Resident.Contact.PHONE


@dataclass(frozen=True)
class JobDetails:
    category: JobCategory
    description: str
    street: str = ""
    house_number: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""
    home_slots: int = 0
    urgent: bool = False


def _event(
    request: Request, *, by: User | None, kind: str = RequestEvent.Kind.STATUS, to: str = "", note: str = ""
) -> RequestEvent:
    return RequestEvent.objects.create(
        request=request,
        kind=kind,
        from_status=request.status if kind == RequestEvent.Kind.STATUS else "",
        to_status=to,
        note=note[:300],
        by=by,
    )


def _move(request: Request, to: str, *, by: User | None, note: str = "") -> None:
    """Change the status of a locked request, with its history step."""
    if to not in TRANSITIONS[request.status]:
        raise ValidationError(
            _("A request that is '%(status)s' cannot become '%(to)s'.")
            % {"status": request.get_status_display(), "to": Request.Status(to).label}
        )
    _event(request, by=by, to=to, note=note)
    now = timezone.now()
    request.status = to
    request.status_changed_at = now
    if to == Request.Status.ACCEPTED and request.accepted_at is None:
        request.accepted_at = now
    if to == Request.Status.DONE:
        request.done_at = now
    if to in (Request.Status.DECLINED, Request.Status.CANCELLED, Request.Status.EVALUATED):
        request.closed_at = now


def _locked(request: Request, expected_status: str | None) -> Request:
    locked = Request.objects.select_for_update().select_related("category", "service").get(pk=request.pk)
    if expected_status and locked.status != expected_status:
        raise ConflictError(
            _("Someone else changed this request in the meantime: it is now '%(status)s'.")
            % {"status": locked.get_status_display()}
        )
    return locked


def _district_of(located: LookupResult | None) -> Any:
    if located is not None and located.status == LookupStatus.FOUND:
        return located.district
    return None


def _add_photos(request: Request, photos: Sequence[ContentFile[bytes]], *, by: User | None, stage: str) -> None:
    for photo in photos:
        RequestPhoto.objects.create(request=request, image=photo, stage=stage, uploaded_by=by)


# ---------------------------------------------------------------------------
# Requests: online, and by phone


def submit_request(
    *,
    service: Service,
    job: JobDetails,
    user: User | None = None,
    requester: Person | None = None,
    person: Person | None = None,
    relation: str = Request.Relation.SELF,
    photos: Sequence[ContentFile[bytes]] = (),
    located: LookupResult | None = None,
) -> Request:
    """A resident asks online. With an account, their own record asks; without, `requester` is
    who filled in the form and gets a new record through the one intake path (never attached to
    a known record, whatever was typed). For someone else, `person` is who the job is for: a new
    record with the permission the requester says that person gave (the coordinator confirms it
    at intake). `located`: the lookup of the job's postcode, made before (locate_postcode)."""
    if (user is None) == (requester is None):
        raise ValueError("submit_request() needs a user or a requester, not both")
    if relation != Request.Relation.SELF and person is None:
        raise ValueError("A request for someone else names that person")
    if not service.is_open:
        raise ValidationError(_("Buurtservice does not take new requests at the moment. Call us instead."))
    with transaction.atomic():
        if user is not None:
            asking = ensure_resident_for_user(user=user)
            channel = Request.Channel.ACCOUNT
            if relation == Request.Relation.SELF:
                record_consent(resident=asking, purpose=CONSENT, method=Consent.Method.ONLINE, by=user)
        else:
            assert requester is not None
            asking = new_resident(
                name=requester.name,
                email=requester.email,
                phone=requester.phone,
                street=requester.street if relation == Request.Relation.SELF else "",
                house_number=requester.house_number if relation == Request.Relation.SELF else "",
                postcode=requester.postcode if relation == Request.Relation.SELF else "",
                city=requester.city if relation == Request.Relation.SELF else "",
                preferred_contact=requester.contact,
                source=Resident.Source.FORM,
                consents=["keep_details", CONSENT if relation == Request.Relation.SELF else "contact"],
                consent_method=Consent.Method.ONLINE,
                located=located if relation == Request.Relation.SELF else None,
            )
            channel = Request.Channel.FORM
        if relation == Request.Relation.SELF:
            resident, requested_by = asking, None
        else:
            assert person is not None
            resident = new_resident(
                name=person.name,
                email=person.email,
                phone=person.phone,
                street=job.street,
                house_number=job.house_number,
                postcode=job.postcode,
                city=job.city,
                preferred_contact=person.contact,
                source=Resident.Source.FORM,
                consents=["keep_details", CONSENT],
                consent_method=Consent.Method.ONLINE,
                by=user,
                located=located,
            )
            requested_by = asking
        request = Request.objects.create(
            service=service,
            resident=resident,
            requested_by=requested_by,
            relation=relation,
            category=job.category,
            description=job.description,
            street=job.street,
            house_number=job.house_number,
            postcode=job.postcode,
            city=job.city,
            district=_district_of(located),
            phone=job.phone or resident.phone or (requested_by.phone if requested_by else ""),
            home_slots=job.home_slots,
            urgent=job.urgent,
            is_wmo=job.category.is_wmo,
            needs_vog=job.category.needs_vog,
            channel=channel,
            created_by=user,
        )
        _event(request, by=user, to=Request.Status.REQUESTED)
        _add_photos(request, photos, by=user, stage=RequestPhoto.Stage.REQUEST)
        transaction.on_commit(lambda: notify(request.pk, "request_received"))
        transaction.on_commit(lambda: notify_coordinators(request.pk))
    return request


def take_request_by_phone(
    *,
    service: Service,
    by: User,
    team: NeighbourhoodTeam,
    job: JobDetails,
    person: Person | None = None,
    resident: Resident | None = None,
    requester: Person | None = None,
    relation: str = Request.Relation.SELF,
    consent_method: str = Consent.Method.PHONE,
    consent_confirmed: bool = True,
    district: Any = None,
    located: LookupResult | None = None,
) -> Request:
    """The coordinator takes a request by phone or in person (assisted intake): the person through
    accounts.services.take_in_resident, or a `resident` the coordinator may see already. The
    request starts at intake; the answers and the decision follow on its page."""
    if (person is None) == (resident is None):
        raise ValueError("take_request_by_phone() needs a person or a known resident")
    if resident is not None and not Resident.objects.visible_to(by).filter(pk=resident.pk).exists():
        raise ValueError("Only a coordinator who may see the record takes a request for a known resident")
    district = district or _district_of(located)
    # take_in_resident looks nothing up when it is given the lookup (or there is no postcode):
    # one transaction for the person, whoever asked and the request.
    with transaction.atomic():
        return _take_request(
            service=service,
            by=by,
            team=team,
            job=job,
            person=person,
            resident=resident,
            requester=requester,
            relation=relation,
            consent_method=consent_method,
            consent_confirmed=consent_confirmed,
            district=district,
            located=located,
        )


def _take_request(
    *,
    service: Service,
    by: User,
    team: NeighbourhoodTeam,
    job: JobDetails,
    person: Person | None,
    resident: Resident | None,
    requester: Person | None,
    relation: str,
    consent_method: str,
    consent_confirmed: bool,
    district: Any,
    located: LookupResult | None,
) -> Request:
    if person is not None:
        resident = take_in_resident(
            by=by,
            team=team,
            name=person.name,
            phone=person.phone,
            email=person.email,
            street=job.street,
            house_number=job.house_number,
            postcode=job.postcode,
            city=job.city,
            district=district,
            preferred_contact=person.contact,
            consents=["keep_details", CONSENT],
            consent_method=consent_method,
            located=located,
        )
    assert resident is not None
    record_consent(resident=resident, purpose=CONSENT, method=consent_method, by=by)
    requested_by = None
    if requester is not None and relation != Request.Relation.SELF:
        requested_by = take_in_resident(
            by=by,
            team=team,
            name=requester.name,
            phone=requester.phone,
            email=requester.email,
            preferred_contact=requester.contact,
            consents=["keep_details", "contact"],
            consent_method=consent_method,
        )
    request = Request.objects.create(
        service=service,
        resident=resident,
        requested_by=requested_by,
        relation=relation if requested_by is not None else Request.Relation.SELF,
        category=job.category,
        description=job.description,
        street=job.street,
        house_number=job.house_number,
        postcode=job.postcode,
        city=job.city,
        district=district or resident.district,
        phone=job.phone or resident.phone,
        home_slots=job.home_slots,
        urgent=job.urgent,
        is_wmo=job.category.is_wmo,
        needs_vog=job.category.needs_vog,
        channel=Request.Channel.STAFF,
        consent_confirmed_at=timezone.now() if consent_confirmed else None,
        created_by=by,
    )
    _event(request, by=by, to=Request.Status.REQUESTED)
    _move(request, Request.Status.INTAKE, by=by)
    request.save()
    transaction.on_commit(lambda: notify(request.pk, "request_received"))
    return request


@transaction.atomic
def record_intake(
    *,
    request: Request,
    by: User,
    answers: dict[int, bool],
    urgent: bool,
    vulnerability: str,
    needs_vog: bool,
    is_wmo: bool,
    wmo_reference: str = "",
    wmo_funding: Decimal | None = None,
    wmo_deadline: dt.date | None = None,
    consent_confirmed: bool = False,
    expected_status: str | None = None,
) -> Request:
    """The coordinator's intake: the eligibility answers and what the priority rests on."""
    locked = _locked(request, expected_status)
    if not locked.is_open:
        raise ValidationError(_("This request is closed: its intake cannot change anymore."))
    criteria = {criterion.pk for criterion in EligibilityCriterion.objects.filter(pk__in=answers)}
    for criterion_id, answer in answers.items():
        if criterion_id in criteria:
            EligibilityAnswer.objects.update_or_create(
                request=locked, criterion_id=criterion_id, defaults={"answer": answer}
            )
    if is_wmo and not wmo_reference.strip():
        raise ValidationError(_("A WMO job needs the reference of the municipality's decision."))
    locked.urgent = urgent
    locked.vulnerability = vulnerability
    locked.needs_vog = needs_vog
    locked.is_wmo = is_wmo
    locked.wmo_reference = wmo_reference.strip() if is_wmo else ""
    locked.wmo_funding = wmo_funding if is_wmo else None
    locked.wmo_deadline = wmo_deadline if is_wmo else None
    if consent_confirmed and locked.consent_confirmed_at is None:
        locked.consent_confirmed_at = timezone.now()
        record_consent(resident=locked.resident, purpose=CONSENT, method=Consent.Method.PHONE, by=by)
    _event(locked, by=by, kind=RequestEvent.Kind.INTAKE)
    if locked.status == Request.Status.REQUESTED:
        _move(locked, Request.Status.INTAKE, by=by)
    locked.save()
    return locked


@transaction.atomic
def decide(
    *, request: Request, by: User, accept: bool, reason: str = "", note: str = "", expected_status: str | None = None
) -> Request:
    """Accept (onto the waiting list) or decline, with the reason the resident reads."""
    locked = _locked(request, expected_status)
    if locked.status not in (Request.Status.REQUESTED, Request.Status.INTAKE):
        raise ValidationError(
            _("This request is '%(status)s' already: it was decided on.") % {"status": locked.get_status_display()}
        )
    if accept:
        if locked.relation != Request.Relation.SELF and locked.consent_confirmed_at is None:
            raise ValidationError(
                _("Someone else asked for this resident: confirm at the intake that the resident agrees first.")
            )
        if locked.is_wmo and not locked.wmo_reference:
            raise ValidationError(_("A WMO job needs the reference of the municipality's decision."))
        if locked.status == Request.Status.REQUESTED:
            _move(locked, Request.Status.INTAKE, by=by)
        _move(locked, Request.Status.ACCEPTED, by=by, note=note)
        locked.decision_reason = ""
    else:
        if reason not in DECLINE_REASONS:
            raise ValidationError(_("Choose why the request is declined."))
        if reason == "other" and not note.strip():
            raise ValidationError(_("Explain in a sentence why the request is declined."))
        _move(locked, Request.Status.DECLINED, by=by, note=note)
        locked.decision_reason = reason
    locked.decision_note = note.strip()
    locked.save()
    transaction.on_commit(lambda: notify(locked.pk, "request_accepted" if accept else "request_declined"))
    return locked


@transaction.atomic
def adjust_priority(*, request: Request, by: User, points: int, reason: str) -> Request:
    """The coordinator moves a request up or down the list, with a reason that stays in its history."""
    locked = _locked(request, None)
    if not -100 <= points <= 100:
        raise ValidationError(_("Choose an adjustment between -100 and 100 points."))
    if points and not reason.strip():
        raise ValidationError(_("Say why you change the priority."))
    note = _("%(old)s → %(new)s points: %(reason)s") % {
        "old": locked.priority_adjustment,
        "new": points,
        "reason": reason.strip() or _("back to the rules"),
    }
    locked.priority_adjustment = points
    locked.priority_reason = reason.strip() if points else ""
    _event(locked, by=by, kind=RequestEvent.Kind.PRIORITY, note=note)
    locked.save()
    return locked


@transaction.atomic
def cancel_request(
    *, request: Request, by: User | None, reason: str, note: str = "", expected_status: str | None = None
) -> Request:
    """Cancel a request that is still open (by the coordinator, or the resident themselves);
    its planned visits are cancelled with it."""
    locked = _locked(request, expected_status)
    if not locked.is_open:
        raise ValidationError(_("This request is closed already."))
    if reason not in CANCEL_REASONS:
        raise ValidationError(_("Choose why the request is cancelled."))
    _move(locked, Request.Status.CANCELLED, by=by, note=note)
    locked.decision_reason = reason
    locked.decision_note = note.strip()
    locked.save()
    for visit in Visit.objects.filter(request=locked, status=Visit.Status.PLANNED):
        visit.status = Visit.Status.CANCELLED
        visit.save(update_fields=["status"])
    transaction.on_commit(lambda: notify(locked.pk, "request_cancelled"))
    return locked


# ---------------------------------------------------------------------------
# Planning


@dataclass(frozen=True)
class Fit:
    """Whether a worker can go on a visit, and what stands in the way."""

    worker: Worker
    problems: tuple[str, ...]

    @property
    def fits(self) -> bool:
        return not self.problems


def _has_valid_vog(certificates: Iterable[Certificate], day: dt.date) -> bool:
    return any(certificate.kind.is_conduct_certificate and certificate.is_valid_on(day) for certificate in certificates)


def fit_of(
    worker: Worker,
    request: Request,
    *,
    day: dt.date,
    starts_at: dt.time,
    ends_at: dt.time,
    booked: Iterable[tuple[dt.time, dt.time]] = (),
    required_skills: Iterable[Skill] | None = None,
) -> Fit:
    """What stands in the way of `worker` on this visit: not active then, not available, a
    missing VOG or skill, another visit at that time (`booked`: their other visits that day).
    Uses the worker's prefetched skills and certificates (no queries of its own)."""
    problems = []
    name = worker.name
    if not worker.is_active_on(day):
        problems.append(_("%(name)s does not work with Buurtservice on that day.") % {"name": name})
    elif not availability.fits(worker.availability, day, starts_at, ends_at):
        problems.append(
            _("%(name)s is not available then (available: %(when)s).")
            % {"name": name, "when": availability.describe(worker.availability)}
        )
    if request.crew_needs_vog and not _has_valid_vog(worker.certificates.all(), day):
        problems.append(_("%(name)s has no valid certificate of conduct (VOG), which this job needs.") % {"name": name})
    skills = {skill.pk for skill in worker.skills.all()}
    required = list(required_skills if required_skills is not None else request.category.required_skills.all())
    missing = [skill.name for skill in required if skill.pk not in skills]
    if missing:
        problems.append(
            _("%(name)s does not have the skill this job needs: %(skills)s.")
            % {"name": name, "skills": ", ".join(missing)}
        )
    for other_start, other_end in booked:
        if other_start < ends_at and starts_at < other_end:
            problems.append(
                _("%(name)s is already on another visit from %(start)s to %(end)s.")
                % {"name": name, "start": other_start.strftime("%H:%M"), "end": other_end.strftime("%H:%M")}
            )
            break
    return Fit(worker=worker, problems=tuple(problems))


def bookings(worker_ids: Iterable[int], day: dt.date, *, excluding_visit: int | None = None) -> dict[int, list[Any]]:
    """Each worker's visits on `day` that still count (planned or done), as (from, until)."""
    rows = Assignment.objects.filter(
        worker_id__in=list(worker_ids),
        visit__date=day,
        visit__status__in=[Visit.Status.PLANNED, Visit.Status.DONE],
    )
    if excluding_visit is not None:
        rows = rows.exclude(visit_id=excluding_visit)
    found: dict[int, list[Any]] = {}
    for worker_id, starts_at, ends_at in rows.values_list("worker_id", "visit__starts_at", "visit__ends_at"):
        found.setdefault(worker_id, []).append((starts_at, ends_at))
    return found


def plan_visit(
    *,
    request: Request,
    by: User,
    day: dt.date,
    starts_at: dt.time,
    ends_at: dt.time,
    workers: Sequence[Worker],
    what_to_bring: str = "",
    expected_status: str | None = None,
) -> Visit:
    """Plan a visit with a crew. Refused (PlanningError, every reason) when a worker is booked
    elsewhere at that time, lacks a VOG or skill the job needs, or is not available or active;
    also when another coordinator planned them at the same moment: the workers' rows are locked
    before their visits are checked, so of two plans at once the second sees the first."""
    if not workers:
        raise PlanningError(_("Choose at least one crew member."))
    if ends_at <= starts_at:
        raise PlanningError(_("The visit must end after it starts."))
    if day < timezone.localdate():
        raise PlanningError(_("Choose today or a day after today."))
    with transaction.atomic():
        locked = _locked(request, expected_status)
        if not locked.can_be_planned():
            raise PlanningError(
                _("A request that is '%(status)s' cannot be planned.") % {"status": locked.get_status_display()}
            )
        ids = sorted({worker.pk for worker in workers})
        # One lock order for everyone (by id): two coordinators planning the same people wait
        # for each other instead of deadlocking, and the second then sees the first's visit.
        list(Worker.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
        crew = list(
            Worker.objects.filter(pk__in=ids, service_id=locked.service_id)
            .select_related("resident")
            .prefetch_related("skills", "certificates__kind")
            .order_by("pk")
        )
        if len(crew) != len(ids):
            raise PlanningError(_("Choose crew members of this Buurtservice."))
        booked = bookings(ids, day)
        required = list(locked.category.required_skills.all())
        problems = [
            problem
            for worker in crew
            for problem in fit_of(
                worker,
                locked,
                day=day,
                starts_at=starts_at,
                ends_at=ends_at,
                booked=booked.get(worker.pk, ()),
                required_skills=required,
            ).problems
        ]
        if problems:
            raise PlanningError(problems)
        visit = Visit.objects.create(
            request=locked,
            date=day,
            starts_at=starts_at,
            ends_at=ends_at,
            what_to_bring=what_to_bring.strip() or locked.category.what_to_bring,
            planned_by=by,
        )
        for worker in crew:  # one by one: each place on a crew is logged as made
            Assignment.objects.create(visit=visit, worker=worker)
        _event(
            locked,
            by=by,
            kind=RequestEvent.Kind.VISIT,
            note=_("visit planned on %(day)s") % {"day": describe.date_in_words(day)},
        )
        if locked.status == Request.Status.ACCEPTED:
            _move(locked, Request.Status.PLANNED, by=by)
            locked.save()
        transaction.on_commit(lambda: notify(locked.pk, "visit_planned", visit_id=visit.pk))
    return visit


@transaction.atomic
def cancel_visit(*, visit: Visit, by: User, reason: str = "") -> Visit:
    locked = Visit.objects.select_for_update().get(pk=visit.pk)
    if locked.status != Visit.Status.PLANNED:
        raise ValidationError(_("Only a planned visit can be cancelled."))
    request = _locked(locked.request, None)
    locked.status = Visit.Status.CANCELLED
    locked.notes = "\n".join(part for part in (locked.notes, reason.strip()) if part)
    locked.save(update_fields=["status", "notes"])
    _event(request, by=by, kind=RequestEvent.Kind.VISIT, note=_("visit cancelled: %(why)s") % {"why": reason or "—"})
    others = Visit.objects.filter(request=request).exclude(status=Visit.Status.CANCELLED).exists()
    if request.status == Request.Status.PLANNED and not others:
        _move(request, Request.Status.ACCEPTED, by=by, note=reason)
        request.save()
    return locked


def _visit_done(visit: Visit, *, by: User | None) -> None:
    """All on the crew are done: the visit is, and its request is under way."""
    visit.status = Visit.Status.DONE
    visit.done_at = timezone.now()
    visit.save(update_fields=["status", "done_at"])
    request = _locked(visit.request, None)
    if request.first_visit_on is None or visit.date < request.first_visit_on:
        request.first_visit_on = visit.date
    if request.status == Request.Status.PLANNED:
        _move(request, Request.Status.IN_PROGRESS, by=by)
    request.save()


@transaction.atomic
def record_visit(
    *,
    visit: Visit,
    by: User,
    hours: dict[int, Decimal | None],
    materials: str = "",
    costs: Decimal = Decimal("0"),
    notes: str = "",
) -> Visit:
    """The coordinator records a visit: hours per crew member, materials and costs. With every
    crew member's hours in, the visit is done."""
    locked = Visit.objects.select_for_update().select_related("request").get(pk=visit.pk)
    if locked.status == Visit.Status.CANCELLED:
        raise ValidationError(_("This visit was cancelled."))
    if locked.date > timezone.localdate() and any(value is not None for value in hours.values()):
        raise ValidationError(_("Hours can be recorded on the day of the visit or after it."))
    now = timezone.now()
    for assignment in Assignment.objects.select_for_update().filter(visit=locked):
        if assignment.worker_id in hours:
            value = hours[assignment.worker_id]
            assignment.hours = value
            assignment.done_at = now if value is not None else None
            assignment.save(update_fields=["hours", "done_at"])
    locked.materials = materials
    locked.costs = costs
    locked.notes = notes
    locked.save(update_fields=["materials", "costs", "notes"])
    all_in = not Assignment.objects.filter(visit=locked, done_at__isnull=True).exists()
    if all_in and locked.status == Visit.Status.PLANNED:
        _visit_done(locked, by=by)
    return locked


@transaction.atomic
def crew_done(*, assignment: Assignment, by: User, hours: Decimal) -> Assignment:
    """A crew member says "klaar" with their hours (the phone view). The last one of the crew
    makes the visit done. Saying it twice keeps the last hours."""
    if not Decimal("0") < hours <= Decimal("24"):
        raise ValidationError(_("Choose how many hours you worked."))
    visit = Visit.objects.select_for_update().select_related("request").get(pk=assignment.visit_id)
    if visit.status == Visit.Status.CANCELLED:
        raise ValidationError(_("This visit was cancelled."))
    if visit.date > timezone.localdate():
        raise ValidationError(_("This visit is not today."))
    locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
    locked.hours = hours
    locked.done_at = locked.done_at or timezone.now()
    locked.save(update_fields=["hours", "done_at"])
    if visit.status == Visit.Status.PLANNED and not visit.assignments.filter(done_at__isnull=True).exists():
        _visit_done(visit, by=by)
    return locked


def complete_request(
    *,
    request: Request,
    by: User,
    notes: str,
    photos: Sequence[ContentFile[bytes]] = (),
    expected_status: str | None = None,
) -> Request:
    """The job is done: what was done, photos of it; the resident is asked for feedback."""
    with transaction.atomic():
        locked = _locked(request, expected_status)
        if locked.status not in (Request.Status.PLANNED, Request.Status.IN_PROGRESS):
            raise ValidationError(
                _("A request that is '%(status)s' cannot be completed.") % {"status": locked.get_status_display()}
            )
        visits = Visit.objects.filter(request=locked)
        if visits.filter(status=Visit.Status.PLANNED).exists():
            raise ValidationError(_("A visit is still planned: record its hours or cancel it first."))
        if not visits.filter(status=Visit.Status.DONE).exists():
            raise ValidationError(_("Record the hours of the visit first."))
        locked.completion_notes = notes.strip()
        _move(locked, Request.Status.DONE, by=by)
        locked.save()
        _add_photos(locked, photos, by=by, stage=RequestPhoto.Stage.COMPLETION)
        transaction.on_commit(lambda: notify(locked.pk, "request_done"))
    return locked


@transaction.atomic
def give_feedback(
    *, request: Request, score: int, comment: str = "", by: User | None = None, channel: str = Feedback.Channel.ONLINE
) -> Feedback:
    """The resident's opinion (1–5 and a comment), online or taken by phone; once per job."""
    if not 1 <= score <= 5:
        raise ValidationError(_("Choose a score from 1 to 5."))
    locked = _locked(request, None)
    if locked.status != Request.Status.DONE:
        if locked.status == Request.Status.EVALUATED:
            raise ValidationError(_("Thank you: your opinion about this job was given already."))
        raise ValidationError(_("You can give your opinion once the job is done."))
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                request=locked, score=score, comment=comment.strip(), channel=channel, recorded_by=by
            )
    except IntegrityError:
        raise ValidationError(_("Thank you: your opinion about this job was given already.")) from None
    _move(locked, Request.Status.EVALUATED, by=by)
    locked.save()
    return feedback


# ---------------------------------------------------------------------------
# Workers and participants


def add_worker(
    *,
    service: Service,
    by: User,
    team: NeighbourhoodTeam,
    person: Person,
    kind: str,
    origin: Origin | None,
    started_on: dt.date,
    skills: Iterable[Skill] = (),
    availability_mask: int = 0,
    hours_per_week: Decimal | None = None,
    notes: str = "",
    consent_method: str = Consent.Method.IN_PERSON,
    located: LookupResult | None = None,
) -> Worker:
    """A new crew member: their record through the one intake path, then their place in the crew
    (one transaction; `located` is the postcode's lookup, made before)."""
    with transaction.atomic():
        resident = take_in_resident(
            by=by,
            team=team,
            name=person.name,
            phone=person.phone,
            email=person.email,
            street=person.street,
            house_number=person.house_number,
            postcode=person.postcode,
            city=person.city,
            preferred_contact=person.contact,
            consents=["keep_details"],
            consent_method=consent_method,
            located=located,
        )
        worker = Worker.objects.create(
            service=service,
            resident=resident,
            kind=kind,
            origin=origin,
            started_on=started_on,
            availability=availability_mask,
            hours_per_week=hours_per_week,
            notes=notes,
            created_by=by,
        )
        worker.skills.set(list(skills))
        if kind == Worker.Kind.PARTICIPANT:
            Development.objects.create(worker=worker)
    return worker


@transaction.atomic
def update_worker(*, worker: Worker, by: User, skills: Iterable[Skill] | None = None, **values: Any) -> Worker:
    locked = Worker.objects.select_for_update().get(pk=worker.pk)
    for name, value in values.items():
        setattr(locked, name, value)
    locked.save()
    if skills is not None:
        locked.skills.set(list(skills))
    if locked.kind == Worker.Kind.PARTICIPANT:
        Development.objects.get_or_create(worker=locked)
    return locked


def add_certificate(
    *, worker: Worker, kind: CertificateKind, obtained_on: dt.date, valid_until: dt.date | None = None
) -> Certificate:
    if valid_until is None and kind.valid_years:
        try:
            valid_until = obtained_on.replace(year=obtained_on.year + kind.valid_years)
        except ValueError:  # 29 February
            valid_until = obtained_on.replace(year=obtained_on.year + kind.valid_years, day=28)
    if valid_until is not None and valid_until < obtained_on:
        raise ValidationError(_("'Valid until' must be after the date it was obtained."))
    return Certificate.objects.create(worker=worker, kind=kind, obtained_on=obtained_on, valid_until=valid_until)


def invite_worker(*, worker: Worker, by: User, team: NeighbourhoodTeam | None) -> bool:
    """Ask the worker by e-mail to link their record to an account (login by code), for the
    phone view. Nothing is linked until they confirm. False when they have an account already."""
    resident = worker.resident
    if resident.user_id is not None:
        return False
    if not resident.email:
        raise ValidationError(_("Fill in an e-mail address for this crew member first."))
    request_account_link(resident=resident, email=resident.email, by=by, team=team)
    return True


def _development_of(worker: Worker) -> Development:
    development, _created = Development.objects.get_or_create(worker=worker)
    return development


def add_learning_goal(*, worker: Worker, text: str) -> LearningGoal:
    _development_of(worker)
    return LearningGoal.objects.create(worker=worker, text=text.strip())


def achieve_learning_goal(*, goal: LearningGoal, on: dt.date | None = None) -> LearningGoal:
    goal.achieved_on = on or timezone.localdate()
    goal.save(update_fields=["achieved_on"])
    return goal


def add_check_in(*, worker: Worker, by: User, notes: str, held_on: dt.date | None = None) -> CheckIn:
    _development_of(worker)
    return CheckIn.objects.create(worker=worker, by=by, notes=notes.strip(), held_on=held_on or timezone.localdate())


@transaction.atomic
def record_skill_gained(*, worker: Worker, skill: Skill, on: dt.date | None = None) -> SkillGained:
    """A skill the participant learned here: in their development, and theirs for planning now."""
    _development_of(worker)
    gained, _created = SkillGained.objects.get_or_create(
        worker=worker, skill=skill, defaults={"gained_on": on or timezone.localdate()}
    )
    worker.skills.add(skill)
    return gained


@transaction.atomic
def record_leaving(*, worker: Worker, by: User, ended_on: dt.date, outcome: str = "", note: str = "") -> Worker:
    """The worker leaves the crews; for a participant, where they went."""
    locked = Worker.objects.select_for_update().get(pk=worker.pk)
    if ended_on < locked.started_on:
        raise ValidationError(_("The day someone left must be after the day they started."))
    locked.ended_on = ended_on
    locked.save(update_fields=["ended_on", "updated_at"])
    if locked.kind == Worker.Kind.PARTICIPANT:
        if outcome not in Development.Outcome.values:
            raise ValidationError(_("Choose where the participant went."))
        development = _development_of(locked)
        development.outcome = outcome
        development.outcome_note = note.strip()
        development.save()
    return locked


# ---------------------------------------------------------------------------
# Telling the resident


def _recipients(request: Request) -> list[Resident]:
    people = [request.resident]
    if request.requested_by is not None and request.requested_by_id != request.resident_id:
        people.append(request.requested_by)
    return people


def notify(request_id: int, what: str, *, visit_id: int | None = None) -> None:
    """Tell the resident (and whoever asked for them) by e-mail and, on a mobile number, by
    text message, in their own language: received, accepted (with their place and expected
    wait), declined (why), a visit planned, done (asking for feedback), cancelled."""
    from wijkbasis.buurtservice import selectors, sms

    request = (
        Request.objects.select_related(
            "service__municipality", "category", "resident__user", "requested_by__user", "district"
        )
        .filter(pk=request_id)
        .first()
    )
    if request is None:
        return
    visit = Visit.objects.filter(pk=visit_id).first() if visit_id else None
    status_url = absolute_url(reverse("buurtservice:status", args=[request.token]))
    context: dict[str, Any] = {
        "request": request,
        "category": request.category.name,
        "status_url": status_url,
        "service": request.service,
        "visit": visit,
        "reason": DECLINE_REASONS.get(request.decision_reason)
        if what == "request_declined"
        else CANCEL_REASONS.get(request.decision_reason),
        "note": request.decision_note,
    }
    if what == "request_accepted":
        context["waiting"] = selectors.waiting_for(request)
    for person in _recipients(request):
        user = person.user
        language = getattr(user, "language", "") or None
        context["name"] = person.name.split(" ")[0] if person.name else ""
        context["for_someone_else"] = person.pk != request.resident_id
        address = user.email if user is not None else person.email
        if address:
            send_templated_mail(
                f"buurtservice/email/{what}",
                to=[user if user is not None else address],
                language=language,
                context=context,
                municipality=request.service.municipality,
                limit="buurtservice" if request.channel == Request.Channel.FORM else "",
            )
        if person.phone:
            from django.template.loader import render_to_string

            with translation.override(language or "nl"):
                body = " ".join(render_to_string(f"buurtservice/sms/{what}.txt", context).split())
            sms.queue_text(to=person.phone, body=body)


def notify_coordinators(request_id: int) -> None:
    """A new online request: the coordinators who will take it in hear of it (no personal details
    in the mail; they read them after logging in)."""
    from wijkbasis.buurtservice.selectors import coordinators_of

    request = Request.objects.select_related("service__municipality", "category").filter(pk=request_id).first()
    if request is None:
        return
    send_templated_mail(
        "buurtservice/email/new_request",
        to=coordinators_of(request),
        context={
            "category": request.category.name,
            "url": absolute_url(reverse("buurtservice:request_detail", args=[request.pk])),
        },
        municipality=request.service.municipality,
    )


# ---------------------------------------------------------------------------
# Files


def remove_photo_file(sender: Any, instance: RequestPhoto, **kwargs: Any) -> None:
    """A deleted photo row takes its file with it (after the commit: a rollback keeps both)."""
    name, storage = instance.image.name, instance.image.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
