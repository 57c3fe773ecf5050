from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkbasis.core.access import PersonalDataQuerySet
from wijkbasis.core.models import TimeStampedModel
from wijkbasis.core.vendor_sql import VendorSQL


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in, by e-mail address. A password is optional."""

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("may use the management site"),
        default=False,
        help_text=_("Administrators only: gives access to the Django management site."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.email.strip().lower()

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Stored in lower case, so the unique constraint is case-insensitive in effect.
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


class ResidentQuerySet(PersonalDataQuerySet["Resident"]):
    def visible_to(self, user: Any) -> ResidentQuerySet:
        """Residents whose data this user may see: staff see their teams' wijken, whom their team
        took in and what was shared with their team; everybody sees themselves. The one place
        this is decided; every kind that belongs to a resident reuses it (`visible_through`)."""
        from wijkbasis.accounts.selectors import access_of

        access = access_of(user)
        if access.is_administrator:
            return self.all()
        if access.user_id is None:
            return self.none()
        own = Q(user_id=access.user_id)
        if not access.team_ids:
            return self.filter(own)
        shared = ResidentShare.objects.filter(team_id__in=access.team_ids).values("resident_id")
        return self.filter(
            own | Q(district_id__in=access.district_ids) | Q(intake_team_id__in=access.team_ids) | Q(pk__in=shared)
        )


class ResidentPartQuerySet(PersonalDataQuerySet[Any]):
    """Consents, shares, links: visible exactly when their resident is."""

    visible_through = "resident"


class PossibleDuplicateQuerySet(PersonalDataQuerySet["PossibleDuplicate"]):
    def visible_to(self, user: Any) -> PossibleDuplicateQuerySet:
        """For the team staff who see either record: both teams involved see the question and
        what was decided."""
        from wijkbasis.accounts.selectors import access_of

        access = access_of(user)
        if not (access.is_team_staff or access.is_administrator):
            return self.none()
        visible = Resident.objects.visible_to(user).values("pk")
        return self.filter(Q(resident__in=visible) | Q(other__in=visible))


class Resident(TimeStampedModel):
    """A person the platform holds data about: someone who signed up, or whom a team member
    took in on their behalf (by phone or in person), or who responded without an account.

    Every module refers to residents through this model, so one person is one record."""

    class Source(models.TextChoices):
        SIGN_UP = "sign_up", _("signed up themselves")
        ASSISTED = "assisted", _("taken in by a team member")
        FORM = "form", _("filled in a form without an account")

    class Contact(models.TextChoices):
        EMAIL = "email", _("by e-mail")
        PHONE = "phone", _("by phone")
        POST = "post", _("by post")
        IN_PERSON = "in_person", _("in person, through the neighbourhood team")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resident",
        verbose_name=_("account"),
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    street = models.CharField(_("street"), max_length=150, blank=True)
    house_number = models.CharField(_("house number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    neighbourhood = models.ForeignKey(
        "areas.Neighbourhood",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhood (buurt)"),
    )
    district = models.ForeignKey(
        "areas.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("district (wijk)"),
    )
    languages = models.CharField(_("languages spoken"), max_length=200, blank=True)
    preferred_contact = models.CharField(
        _("preferred way of contact"), max_length=20, choices=Contact.choices, default=Contact.EMAIL
    )
    source = models.CharField(_("how we know this person"), max_length=20, choices=Source.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taken in by"),
    )
    intake_team = models.ForeignKey(
        "areas.NeighbourhoodTeam",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="residents_taken_in",
        verbose_name=_("taken in by team"),
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Only what is needed to help. The resident can read this.")
    )

    objects = ResidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        ordering = ["name", "id"]
        # The werkplek's list walks this in order and stops after a page (1,000,000 residents);
        # searching part of a name uses RESIDENT_NAME_SEARCH on PostgreSQL.
        indexes = [models.Index(fields=["name", "id"], name="accounts_resident_name_id")]

    def __str__(self) -> str:
        return self.name or str(_("(no name)"))

    @property
    def address_line(self) -> str:
        street = " ".join(part for part in (self.street, self.house_number) if part)
        town = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (street, town) if part)

    def has_consent(self, purpose: str) -> bool:
        return any(consent.is_active and consent.purpose == purpose for consent in self.consents.all())


class Consent(models.Model):
    """Permission a resident gave: for what, how, when, and who recorded it."""

    class Method(models.TextChoices):
        ONLINE = "online", _("online, by the resident")
        PHONE = "phone", _("by phone")
        IN_PERSON = "in_person", _("in person")
        PAPER = "paper", _("on paper")

    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="consents", verbose_name=_("resident")
    )
    purpose = models.CharField(_("for what"), max_length=40)
    method = models.CharField(_("how it was given"), max_length=20, choices=Method.choices)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    objects = ResidentPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "purpose"],
                condition=Q(withdrawn_at__isnull=True),
                name="accounts_consent_one_active_per_purpose",
            )
        ]

    def __str__(self) -> str:
        return f"{self.purpose} ({self.get_method_display()})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None

    def get_purpose_display(self) -> str:
        from wijkbasis.accounts.consent import purpose_label

        return str(purpose_label(self.purpose))


class ResidentShare(models.Model):
    """A resident's record explicitly shared with another team (a move, shared support)."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="shares", verbose_name=_("resident"))
    team = models.ForeignKey(
        "areas.NeighbourhoodTeam", on_delete=models.CASCADE, related_name="+", verbose_name=_("team")
    )
    reason = models.CharField(_("why"), max_length=200)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("shared by")
    )
    shared_at = models.DateTimeField(_("shared at"), default=timezone.now)

    objects = ResidentPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("shared record")
        verbose_name_plural = _("shared records")
        constraints = [models.UniqueConstraint(fields=["resident", "team"], name="accounts_share_once_per_team")]

    def __str__(self) -> str:
        return f"{self.resident_id} → {self.team_id}"


class OrganisationMembership(models.Model):
    """A user who acts for a local organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        "areas.Organisation", on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation member")
        verbose_name_plural = _("organisation members")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="accounts_membership_once")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"


class MunicipalityViewer(models.Model):
    """A municipal employee who sees aggregated figures for a municipality, never personal data."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="municipality_roles", verbose_name=_("user")
    )
    municipality = models.ForeignKey(
        "areas.Municipality", on_delete=models.CASCADE, related_name="viewers", verbose_name=_("municipality")
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("municipality viewer")
        verbose_name_plural = _("municipality viewers")
        constraints = [models.UniqueConstraint(fields=["user", "municipality"], name="accounts_viewer_once")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.municipality}"


class PossibleDuplicate(models.Model):
    """Two records that may be the same person. Never joined by guessing: a form filled in with
    an address or phone number that is already known makes a new record, flagged here, and a
    team member decides (merge, or not the same person). A merge is shown to the teams of both."""

    class Reason(models.TextChoices):
        SAME_EMAIL = "same_email", _("same e-mail address")
        SAME_PHONE = "same_phone", _("same phone number")
        SAME_NAME_AND_POSTCODE = "same_name_postcode", _("same name and postcode")
        CONFIRMED_BY_PERSON = "confirmed", _("the person confirmed the link to their account")

    class Resolution(models.TextChoices):
        DIFFERENT = "different", _("not the same person")

    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="possible_duplicates", verbose_name=_("record")
    )
    other = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="+", verbose_name=_("other record"))
    reason = models.CharField(_("why"), max_length=20, choices=Reason.choices)
    found_at = models.DateTimeField(_("found at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    resolution = models.CharField(_("decision"), max_length=20, choices=Resolution.choices, blank=True)

    objects = PossibleDuplicateQuerySet.as_manager()

    class Meta:
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        ordering = ["-found_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["resident", "other"], name="accounts_duplicate_once"),
            models.CheckConstraint(condition=~Q(resident=models.F("other")), name="accounts_duplicate_not_self"),
        ]
        indexes = [models.Index(fields=["resolved_at"], name="accounts_duplicate_open")]

    def __str__(self) -> str:
        return f"{self.resident_id} ~ {self.other_id}"


class ResidentMergeQuerySet(PersonalDataQuerySet["ResidentMerge"]):
    def visible_to(self, user: Any) -> ResidentMergeQuerySet:
        """For the staff of every team that saw one of the two records, and of the kept one."""
        from wijkbasis.accounts.selectors import access_of

        access = access_of(user)
        if access.is_administrator:
            return self.all()
        if not access.is_team_staff:
            return self.none()
        involved = ResidentMerge.teams.through.objects.filter(neighbourhoodteam_id__in=access.team_ids)
        return self.filter(
            Q(pk__in=involved.values("residentmerge_id")) | Q(kept__in=Resident.objects.visible_to(user))
        )


class ResidentMerge(models.Model):
    """Two records of one person made one, by a team member: what was merged into what, by whom,
    and which teams saw the records (they all see this)."""

    kept = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="merges", verbose_name=_("kept record"))
    merged_record_id = models.PositiveBigIntegerField(_("number of the merged record"))
    merged_name = models.CharField(_("name on the merged record"), max_length=150, blank=True)
    reason = models.CharField(_("why"), max_length=20, choices=PossibleDuplicate.Reason.choices, blank=True)
    teams = models.ManyToManyField("areas.NeighbourhoodTeam", related_name="+", verbose_name=_("teams involved"))
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("merged by")
    )
    merged_at = models.DateTimeField(_("merged at"), default=timezone.now)

    objects = ResidentMergeQuerySet.as_manager()

    class Meta:
        verbose_name = _("merge of two records")
        verbose_name_plural = _("merges of records")
        ordering = ["-merged_at", "-id"]

    def __str__(self) -> str:
        return f"{self.merged_record_id} → {self.kept_id}"


class AccountLink(models.Model):
    """A team member asked to link a record to the account of an e-mail address. Nothing is
    linked until the person with that address confirms, through the link in the e-mail."""

    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="account_links", verbose_name=_("resident")
    )
    email = models.EmailField(_("e-mail address"))
    token_hash = models.CharField(max_length=64, unique=True, verbose_name=_("code (hashed)"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("asked by")
    )
    team = models.ForeignKey(
        "areas.NeighbourhoodTeam",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team"),
    )
    requested_at = models.DateTimeField(_("asked at"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )

    objects = ResidentPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("link to an account")
        verbose_name_plural = _("links to accounts")
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.resident_id} → {self.email}"

    @property
    def is_open(self) -> bool:
        return self.confirmed_at is None and self.expires_at > timezone.now()


#: Part of a name (`name__icontains`, the werkplek's search) from an index on PostgreSQL: trigrams
#: of UPPER(name), the expression Django's icontains compares. pg_trgm is a trusted extension
#: (PostgreSQL 13+): the database's owner may create it. SQLite scans the names (a town's).
RESIDENT_NAME_SEARCH = VendorSQL(
    name="resident name search",
    table="accounts_resident",
    create={
        "postgresql": [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            "CREATE INDEX IF NOT EXISTS accounts_resident_name_trgm ON accounts_resident "
            "USING gin (UPPER(name::text) gin_trgm_ops)",
        ]
    },
    drop={"postgresql": ["DROP INDEX IF EXISTS accounts_resident_name_trgm"]},
)
