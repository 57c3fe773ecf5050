"""Buurtservice: residents' requests for odd jobs, the waiting list, crews of participants,
volunteers and interns, their visits, and the participants' development.

Who sees what is decided here, once per kind (`visible_to`):
- a request belongs to the wijk of its address (`Request.district`): the Buurtservice
  coordinators of the teams serving that wijk see it (one without a wijk: every coordinator of
  the municipality); the resident the job is for, and whoever asked for them, see their own;
- a visit is seen by those coordinators and by the crew members on it;
- workers are the service's (one per municipality): its coordinators see them, a worker sees
  themselves; a participant's development only the coordinators and the participant — not
  other team staff, not administrators.
"""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wijkbasis.core.access import PersonalDataQuerySet
from wijkbasis.core.models import TimeStampedModel

# ---------------------------------------------------------------------------
# Where photos live: outside MEDIA_ROOT (which is public), served only by a view that checks access.


class PhotoStorage(FileSystemStorage):
    """BUURTSERVICE_PHOTO_ROOT, read when used (so tests and installations can point it elsewhere)."""

    @property
    def base_location(self) -> str:
        return str(settings.BUURTSERVICE_PHOTO_ROOT)

    @property
    def location(self) -> str:
        import os

        return os.path.abspath(self.base_location)

    @property
    def base_url(self) -> str:
        return ""  # never served from a URL of its own


_PHOTO_STORAGE = PhotoStorage()


def photo_storage() -> PhotoStorage:
    return _PHOTO_STORAGE


def _token() -> str:
    return secrets.token_urlsafe(24)


# ---------------------------------------------------------------------------
# Whose wijken: one rule for requests, visits and photos


def _coordinated(user: Any) -> tuple[Any, frozenset[int], bool]:
    """(the access, the municipalities where the user coordinates Buurtservice, administrator?)."""
    from wijkbasis.accounts.selectors import access_of
    from wijkbasis.core.roles import Role

    access = access_of(user)
    return access, access.municipality_ids_as(Role.COORDINATOR), access.is_administrator


def coordinated_requests(user: Any) -> Q:
    """The condition on requests that the user coordinates: the wijken of the teams where they are
    the Buurtservice coordinator, and requests without a wijk in those teams' municipalities."""
    from wijkbasis.areas.models import NeighbourhoodTeam
    from wijkbasis.core.roles import Role

    access, municipalities, _admin = _coordinated(user)
    teams = [team for team, role in access.team_roles.items() if role == Role.COORDINATOR]
    if not teams:
        return Q(pk__in=[])
    districts = NeighbourhoodTeam.districts.through.objects.filter(neighbourhoodteam_id__in=teams).values("district_id")
    return Q(district_id__in=districts) | Q(district__isnull=True, service__municipality_id__in=municipalities)


# ---------------------------------------------------------------------------
# Managed lists


class Service(TimeStampedModel):
    """Buurtservice in one municipality: how residents reach it, where it works from (het
    Ketelhuis) and the organisation it recruits volunteers under in the vacancy bank."""

    municipality = models.OneToOneField(
        "areas.Municipality", on_delete=models.CASCADE, related_name="buurtservice", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=100, default="Buurtservice")
    description = models.TextField(
        _("what we do"), blank=True, help_text=_("A few sentences in plain language for the page residents see.")
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    base = models.ForeignKey(
        "areas.Place",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("base"),
        help_text=_("The workshop the crews start from, e.g. het Ketelhuis."),
    )
    organisation = models.ForeignKey(
        "areas.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation in the vacancy bank"),
        help_text=_("Its vacancies are the open places in the crews; placements count as new volunteers."),
    )
    is_open = models.BooleanField(
        _("takes requests"), default=True, help_text=_("Untick to close the online form for a while.")
    )

    class Meta:
        verbose_name = _("Buurtservice")
        verbose_name_plural = _("Buurtservices")

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality})" if hasattr(self, "municipality") else self.name


class Skill(models.Model):
    """What a crew member can do (painting, carpentry, gardening…): a managed list."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("skill (Buurtservice)")
        verbose_name_plural = _("skills (Buurtservice)")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class CertificateKind(models.Model):
    """A certificate or course: the certificate of conduct (VOG), a basic construction course…"""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    is_conduct_certificate = models.BooleanField(
        _("certificate of conduct (VOG)"), default=False, help_text=_("Jobs that need a VOG ask for this one.")
    )
    valid_years = models.PositiveSmallIntegerField(
        _("valid for (years)"), null=True, blank=True, help_text=_("Empty: does not expire.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("kind of certificate")
        verbose_name_plural = _("kinds of certificates")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Origin(models.Model):
    """Where a worker came from: GelreWerkt, the AZC, HAN Social Work, the neighbourhood…"""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("origin of workers")
        verbose_name_plural = _("origins of workers")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class JobCategory(models.Model):
    """A kind of job, with how long it usually takes and how many people it needs."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.CharField(
        _("explanation"), max_length=200, blank=True, help_text=_("One short sentence for the request form.")
    )
    typical_hours = models.DecimalField(
        _("usual duration (hours)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("2.0"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("40"))],
    )
    crew_size = models.PositiveSmallIntegerField(
        _("usual crew size"), default=2, validators=[MinValueValidator(1), MaxValueValidator(8)]
    )
    is_wmo = models.BooleanField(
        _("WMO adaptation"), default=False, help_text=_("Jobs of this kind usually come with a WMO decision.")
    )
    needs_vog = models.BooleanField(_("crew needs a certificate of conduct (VOG)"), default=False)
    required_skills = models.ManyToManyField(
        Skill, blank=True, related_name="categories", verbose_name=_("skills everyone on the crew needs")
    )
    what_to_bring = models.CharField(_("usually bring"), max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("kind of job")
        verbose_name_plural = _("kinds of jobs")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class EligibilityCriterion(models.Model):
    """A question the coordinator asks at intake. REQUIRED criteria must all be met; of the ANY
    criteria at least one (when there are any). The coordinator decides; the answers advise."""

    class Rule(models.TextChoices):
        REQUIRED = "required", _("must be met")
        ANY = "any", _("one of these must be met")

    question = models.CharField(_("question"), max_length=200)
    short_label = models.CharField(_("short label"), max_length=60)
    rule = models.CharField(_("rule"), max_length=10, choices=Rule.choices, default=Rule.ANY)
    qualifying_answer = models.BooleanField(
        _("the answer that counts"), default=True, help_text=_("Ticked: 'yes' counts; not ticked: 'no' counts.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("eligibility criterion")
        verbose_name_plural = _("eligibility criteria")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.short_label


# ---------------------------------------------------------------------------
# Workers and participants


class WorkerQuerySet(PersonalDataQuerySet["Worker"]):
    def visible_to(self, user: Any) -> WorkerQuerySet:
        """The coordinators of the service's municipality; the worker themselves; administrators."""
        access, municipalities, is_admin = _coordinated(user)
        if is_admin:
            return self.all()
        if access.user_id is None:
            return self.none()
        return self.filter(Q(resident__user_id=access.user_id) | Q(service__municipality_id__in=municipalities))

    def active_on(self, day: Any) -> WorkerQuerySet:
        return self.filter(Q(started_on__lte=day), Q(ended_on__isnull=True) | Q(ended_on__gte=day))


class Worker(TimeStampedModel):
    """Someone on the crews: a participant on a work-experience place, a volunteer, an intern or
    staff. Their name and how to reach them are their resident record's (one person, one record)."""

    class Kind(models.TextChoices):
        PARTICIPANT = "participant", _("participant (work-experience place)")
        VOLUNTEER = "volunteer", _("volunteer")
        INTERN = "intern", _("intern")
        STAFF = "staff", _("staff")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="workers", verbose_name=_("service"))
    resident = models.OneToOneField(
        "accounts.Resident", on_delete=models.CASCADE, related_name="buurtservice_worker", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    origin = models.ForeignKey(
        Origin, on_delete=models.PROTECT, null=True, blank=True, related_name="workers", verbose_name=_("came from")
    )
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    ended_on = models.DateField(_("left on"), null=True, blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="workers", verbose_name=_("skills"))
    availability = models.PositiveIntegerField(_("available"), default=0)
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True)
    notes = models.TextField(_("practical notes"), blank=True, help_text=_("Only what the planning needs."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )

    objects = WorkerQuerySet.as_manager()

    class Meta:
        verbose_name = _("crew member")
        verbose_name_plural = _("crew members")
        ordering = ["resident__name", "pk"]
        indexes = [
            models.Index(fields=["service", "ended_on"], name="buurtservice_worker_active"),
            models.Index(fields=["service", "started_on"], name="buurtservice_worker_started"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.resident.name

    @property
    def first_name(self) -> str:
        return self.resident.name.split(" ")[0] if self.resident.name else ""

    def is_active_on(self, day: Any) -> bool:
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)


class WorkerPartQuerySet(PersonalDataQuerySet[Any]):
    """Certificates: visible exactly when the worker is."""

    visible_through = "worker"


class Certificate(models.Model):
    worker = models.ForeignKey(
        Worker, on_delete=models.CASCADE, related_name="certificates", verbose_name=_("crew member")
    )
    kind = models.ForeignKey(CertificateKind, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind"))
    obtained_on = models.DateField(_("obtained on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = WorkerPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["kind__sort_order", "-obtained_on"]
        indexes = [models.Index(fields=["worker", "kind"], name="buurtservice_certificate_kind")]

    def __str__(self) -> str:
        from wijkbasis.buurtservice.describe import date_in_words

        return f"{self.kind} ({date_in_words(self.obtained_on)})"

    def is_valid_on(self, day: Any) -> bool:
        return self.obtained_on <= day and (self.valid_until is None or self.valid_until >= day)


class DevelopmentQuerySet(PersonalDataQuerySet[Any]):
    """A participant's development: the coordinators of the service and the participant, no one else."""

    def visible_to(self, user: Any) -> DevelopmentQuerySet:
        access, municipalities, _admin = _coordinated(user)
        if access.user_id is None:
            return self.none()
        return self.filter(
            Q(worker__resident__user_id=access.user_id) | Q(worker__service__municipality_id__in=municipalities)
        )


class Development(TimeStampedModel):
    """How a participant is doing, and where they went when they left."""

    class Outcome(models.TextChoices):
        PAID_WORK = "paid_work", _("paid work")
        EDUCATION = "education", _("education")
        OTHER_PROGRAMME = "other_programme", _("another programme")
        DROPPED_OUT = "dropped_out", _("dropped out")
        OTHER = "other", _("other")

    worker = models.OneToOneField(
        Worker, on_delete=models.CASCADE, related_name="development", verbose_name=_("crew member")
    )
    outcome = models.CharField(_("outcome on leaving"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.CharField(_("about the outcome"), max_length=300, blank=True)

    objects = DevelopmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("development of a participant")
        verbose_name_plural = _("development of participants")

    def __str__(self) -> str:
        return str(self.worker_id)


class LearningGoal(models.Model):
    worker = models.ForeignKey(
        Worker, on_delete=models.CASCADE, related_name="learning_goals", verbose_name=_("crew member")
    )
    text = models.CharField(_("learning goal"), max_length=300)
    set_on = models.DateField(_("set on"), default=timezone.localdate)
    achieved_on = models.DateField(_("achieved on"), null=True, blank=True)

    objects = DevelopmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("learning goal")
        verbose_name_plural = _("learning goals")
        ordering = ["set_on", "pk"]

    def __str__(self) -> str:
        return self.text


class CheckIn(models.Model):
    """A conversation of the coordinator with a participant: how is it going, what is next."""

    worker = models.ForeignKey(
        Worker, on_delete=models.CASCADE, related_name="check_ins", verbose_name=_("crew member")
    )
    held_on = models.DateField(_("date"), default=timezone.localdate)
    notes = models.TextField(_("what we talked about"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )

    objects = DevelopmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        from wijkbasis.buurtservice.describe import date_in_words

        return date_in_words(self.held_on)


class SkillGained(models.Model):
    worker = models.ForeignKey(
        Worker, on_delete=models.CASCADE, related_name="skills_gained", verbose_name=_("crew member")
    )
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+", verbose_name=_("skill"))
    gained_on = models.DateField(_("since"), default=timezone.localdate)

    objects = DevelopmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("skill gained")
        verbose_name_plural = _("skills gained")
        ordering = ["gained_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["worker", "skill"], name="buurtservice_skill_gained_once")]

    def __str__(self) -> str:
        return str(self.skill)


# ---------------------------------------------------------------------------
# Requests


class RequestQuerySet(PersonalDataQuerySet["Request"]):
    def visible_to(self, user: Any, *, in_role: str | None = None) -> RequestQuerySet:
        """Coordinators of the request's wijk (see `coordinated_requests`); the resident the job is
        for and whoever asked for them; administrators.

        `in_role=Role.COORDINATOR`: only what the user sees as a coordinator — the coordinator's
        pages list those, not the jobs they asked for themselves as a resident, and not every job
        for an administrator who coordinates nowhere."""
        from wijkbasis.core.roles import Role

        if in_role == Role.COORDINATOR:
            return self.filter(coordinated_requests(user))
        if in_role is not None:
            raise ValueError(f"Requests are seen by coordinators, not in the role {in_role!r}")
        access, _municipalities, is_admin = _coordinated(user)
        if is_admin:
            return self.all()
        if access.user_id is None:
            return self.none()
        condition = Q(resident__user_id=access.user_id) | Q(requested_by__user_id=access.user_id)
        condition |= coordinated_requests(user)
        return self.filter(pk__in=Request.objects.filter(condition).values("pk"))

    def open(self) -> RequestQuerySet:
        return self.filter(status__in=Request.OPEN)

    def waiting(self) -> RequestQuerySet:
        return self.filter(status=Request.Status.ACCEPTED)


class Request(TimeStampedModel):
    """A job a resident cannot do themselves, from the request to the resident's feedback."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        INTAKE = "intake", _("intake")
        ACCEPTED = "accepted", _("on the waiting list")
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        EVALUATED = "evaluated", _("evaluated")
        DECLINED = "declined", _("declined")
        CANCELLED = "cancelled", _("cancelled")

    class Channel(models.TextChoices):
        ACCOUNT = "account", _("online, with an account")
        FORM = "form", _("online, without an account")
        STAFF = "staff", _("by phone or in person, through the coordinator")

    class Relation(models.TextChoices):
        SELF = "self", _("for myself")
        NEIGHBOUR = "neighbour", _("a neighbour")
        FAMILY = "family", _("a parent or other family")
        CARER = "carer", _("someone I care for (mantelzorg)")
        OTHER = "other", _("someone else")

    class Vulnerability(models.TextChoices):
        UNKNOWN = "", _("not assessed yet")
        NONE = "none", _("no special vulnerability")
        SOME = "some", _("somewhat vulnerable")
        HIGH = "high", _("very vulnerable")

    #: Statuses of a request that is still going somewhere.
    OPEN = (Status.REQUESTED, Status.INTAKE, Status.ACCEPTED, Status.PLANNED, Status.IN_PROGRESS)
    CLOSED = (Status.DONE, Status.EVALUATED, Status.DECLINED, Status.CANCELLED)

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="requests", verbose_name=_("service"))
    resident = models.ForeignKey(
        "accounts.Resident",
        on_delete=models.CASCADE,
        related_name="buurtservice_requests",
        verbose_name=_("job for"),
    )
    requested_by = models.ForeignKey(
        "accounts.Resident",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="buurtservice_requests_made",
        verbose_name=_("asked by"),
        help_text=_("Someone who asked for the resident: a neighbour, a child, a mantelzorger."),
    )
    relation = models.CharField(_("for whom"), max_length=20, choices=Relation.choices, default=Relation.SELF)
    category = models.ForeignKey(
        JobCategory, on_delete=models.PROTECT, related_name="requests", verbose_name=_("kind of job")
    )
    description = models.TextField(_("what needs doing"))
    street = models.CharField(_("street"), max_length=150, blank=True)
    house_number = models.CharField(_("house number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    district = models.ForeignKey(
        "areas.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="buurtservice_requests",
        verbose_name=_("district (wijk)"),
    )
    phone = models.CharField(_("phone for the crew"), max_length=30, blank=True)
    home_slots = models.PositiveIntegerField(_("at home"), default=0)
    urgent = models.BooleanField(_("urgent"), default=False)
    vulnerability = models.CharField(
        _("vulnerability"), max_length=10, choices=Vulnerability.choices, default=Vulnerability.UNKNOWN, blank=True
    )
    needs_vog = models.BooleanField(_("crew needs a certificate of conduct (VOG)"), default=False)
    channel = models.CharField(_("how the request came in"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    first_visit_on = models.DateField(_("first visit on"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    decision_reason = models.CharField(_("reason"), max_length=30, blank=True)
    decision_note = models.TextField(_("explanation for the resident"), blank=True)
    consent_confirmed_at = models.DateTimeField(_("person's permission confirmed at"), null=True, blank=True)
    # WMO
    is_wmo = models.BooleanField(_("WMO adaptation"), default=False)
    wmo_reference = models.CharField(_("WMO decision reference"), max_length=60, blank=True)
    wmo_funding = models.DecimalField(_("WMO funding (euro)"), max_digits=8, decimal_places=2, null=True, blank=True)
    wmo_deadline = models.DateField(_("WMO: done by"), null=True, blank=True)
    # Priority: the coordinator's adjustment on top of the rules, with its reason.
    priority_adjustment = models.SmallIntegerField(
        _("priority adjustment"), default=0, validators=[MinValueValidator(-100), MaxValueValidator(100)]
    )
    priority_reason = models.CharField(_("why the priority was adjusted"), max_length=300, blank=True)
    completion_notes = models.TextField(_("what was done"), blank=True)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False, verbose_name=_("link code"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )

    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("job request")
        verbose_name_plural = _("job requests")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["service", "status", "status_changed_at"], name="buurtservice_request_by_status"),
            models.Index(fields=["service", "accepted_at"], name="buurtservice_request_accepted"),
            models.Index(fields=["district", "status"], name="buurtservice_request_wijk"),
            models.Index(fields=["status", "accepted_at"], name="buurtservice_request_waiting"),
            models.Index(fields=["service", "first_visit_on"], name="buurtservice_request_started"),
            models.Index(fields=["service", "done_at"], name="buurtservice_request_done"),
            models.Index(fields=["service", "created_at"], name="buurtservice_request_created"),
        ]

    def __str__(self) -> str:
        return f"{self.category} — {self.resident}" if self.category_id else str(self.pk)

    @property
    def address_line(self) -> str:
        street = " ".join(part for part in (self.street, self.house_number) if part)
        town = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (street, town) if part)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def can_be_planned(self) -> bool:
        return self.status in (self.Status.ACCEPTED, self.Status.PLANNED, self.Status.IN_PROGRESS)

    @cached_property
    def crew_needs_vog(self) -> bool:
        return self.needs_vog or self.category.needs_vog


class RequestPartQuerySet(PersonalDataQuerySet[Any]):
    """History, intake answers, feedback: visible exactly when their request is."""

    visible_through = "request"


class RequestEvent(models.Model):
    """One step in a request's history: a status change, an intake, a priority adjustment."""

    class Kind(models.TextChoices):
        STATUS = "status", _("status")
        INTAKE = "intake", _("intake answers saved")
        PRIORITY = "priority", _("priority adjusted")
        VISIT = "visit", _("visit")

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="events", verbose_name=_("request"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.STATUS)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    objects = RequestPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("request step")
        verbose_name_plural = _("request steps")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["request", "at"], name="buurtservice_event_request")]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"

    @property
    def to_status_label(self) -> str:
        return str(Request.Status(self.to_status).label) if self.to_status in Request.Status.values else ""


class EligibilityAnswer(models.Model):
    request = models.ForeignKey(
        Request, on_delete=models.CASCADE, related_name="eligibility_answers", verbose_name=_("request")
    )
    criterion = models.ForeignKey(
        EligibilityCriterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    answer = models.BooleanField(_("answer"))

    objects = RequestPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("eligibility answer")
        verbose_name_plural = _("eligibility answers")
        constraints = [
            models.UniqueConstraint(fields=["request", "criterion"], name="buurtservice_one_answer_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.answer}"


class PhotoQuerySet(PersonalDataQuerySet["RequestPhoto"]):
    def visible_to(self, user: Any) -> PhotoQuerySet:
        """Only the coordinators of the request and the crew on one of its visits (not the resident:
        they have the photo already; administrators see only that it exists)."""
        access, _municipalities, _admin = _coordinated(user)
        if access.user_id is None:
            return self.none()
        coordinated = Request.objects.filter(coordinated_requests(user)).values("pk")
        crew = Assignment.objects.filter(worker__resident__user_id=access.user_id).values("visit__request_id")
        return self.filter(Q(request_id__in=coordinated) | Q(request_id__in=crew))


class RequestPhoto(models.Model):
    class Stage(models.TextChoices):
        REQUEST = "request", _("with the request")
        COMPLETION = "completion", _("when the job was done")

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="photos", verbose_name=_("request"))
    image = models.ImageField(
        _("photo"), upload_to="requests/%Y/%m/", storage=photo_storage, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(default=0, editable=False, verbose_name=_("width"))
    height = models.PositiveIntegerField(default=0, editable=False, verbose_name=_("height"))
    stage = models.CharField(_("when"), max_length=12, choices=Stage.choices, default=Stage.REQUEST)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        verbose_name = _("photo of a job")
        verbose_name_plural = _("photos of jobs")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id}/{self.pk}"


class VisitQuerySet(PersonalDataQuerySet["Visit"]):
    def visible_to(self, user: Any) -> VisitQuerySet:
        """The request's coordinators, and the crew members on the visit."""
        access, _municipalities, is_admin = _coordinated(user)
        if is_admin:
            return self.all()
        if access.user_id is None:
            return self.none()
        coordinated = Request.objects.filter(coordinated_requests(user)).values("pk")
        crew = Assignment.objects.filter(worker__resident__user_id=access.user_id).values("visit_id")
        return self.filter(Q(request_id__in=coordinated) | Q(pk__in=crew))


class Visit(models.Model):
    """A crew at a resident's home, on a day from one time to another."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="visits", verbose_name=_("request"))
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    what_to_bring = models.CharField(_("what to bring"), max_length=300, blank=True)
    materials = models.TextField(_("materials used"), blank=True)
    costs = models.DecimalField(_("costs (euro)"), max_digits=8, decimal_places=2, default=Decimal("0"))
    notes = models.TextField(_("notes"), blank=True)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("planned by"),
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_at = models.DateTimeField(_("planned at"), default=timezone.now)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["date", "starts_at", "pk"]
        indexes = [
            models.Index(fields=["date", "status"], name="buurtservice_visit_day"),
            models.Index(fields=["request", "status"], name="buurtservice_visit_request"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="buurtservice_visit_order")
        ]

    def __str__(self) -> str:
        from wijkbasis.buurtservice.describe import visit_in_words  # describe.py reads models

        return visit_in_words(self)

    @property
    def planned_hours(self) -> Decimal:
        minutes = (self.ends_at.hour * 60 + self.ends_at.minute) - (self.starts_at.hour * 60 + self.starts_at.minute)
        return (Decimal(minutes) / 60).quantize(Decimal("0.1"))


class AssignmentQuerySet(PersonalDataQuerySet["Assignment"]):
    visible_through = "visit"


class Assignment(models.Model):
    """One crew member on one visit, with the hours they worked."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("visit"))
    worker = models.ForeignKey(
        Worker, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("crew member")
    )
    hours = models.DecimalField(
        _("hours worked"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("24"))],
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("crew member on a visit")
        verbose_name_plural = _("crew members on visits")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["visit", "worker"], name="buurtservice_assigned_once")]
        indexes = [models.Index(fields=["worker", "visit"], name="buurtservice_assignment_worker")]

    def __str__(self) -> str:
        return f"{self.worker_id} @ {self.visit_id}"


class Feedback(models.Model):
    """What the resident thought: 1 to 5 and a comment, online or by phone."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("online, by the resident")
        PHONE = "phone", _("by phone, through the coordinator")

    request = models.OneToOneField(
        Request, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("request")
    )
    score = models.PositiveSmallIntegerField(_("score"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True)
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("given at"), default=timezone.now)

    objects = RequestPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback on a job")
        verbose_name_plural = _("feedback on jobs")
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="buurtservice_feedback_score")
        ]

    def __str__(self) -> str:
        return f"{self.score}/5"


class OutgoingText(models.Model):
    """A text message waiting for the task worker (the task holds only this id); deleted once sent."""

    to = models.CharField(_("to"), max_length=30)
    body = models.CharField(_("message"), max_length=640)
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("attempts"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("text message waiting to be sent")
        verbose_name_plural = _("text messages waiting to be sent")

    def __str__(self) -> str:
        return f"#{self.pk}"
