"""Municipalities, their wijken and buurten, the teams that serve them and their places."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkbasis.core.models import TimeStampedModel

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # followed by six hex digits."))


class Municipality(TimeStampedModel):
    """A gemeente, with its CBS code, and the welfare organisation that works there."""

    code = models.CharField(_("CBS code"), max_length=6, unique=True, validators=[RegexValidator(r"^GM\d{4}$")])
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    organisation_name = models.CharField(
        _("welfare organisation"),
        max_length=150,
        blank=True,
        help_text=_("The organisation whose neighbourhood teams work here, e.g. Perspectief Zutphen."),
    )
    organisation_url = models.URLField(_("website of the organisation"), blank=True)
    brand_colour = models.CharField(
        _("brand colour"),
        max_length=7,
        blank=True,
        validators=[hex_colour],
        help_text=_("Used for the coloured bar in the page header, e.g. #00689e."),
    )
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True)
    key_figures = models.JSONField(_("key figures"), default=dict, blank=True)
    key_figures_year = models.PositiveSmallIntegerField(_("year of the key figures"), null=True, blank=True)
    key_figures_source = models.CharField(_("source of the key figures"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("areas:municipality", kwargs={"slug": self.slug})


class District(TimeStampedModel):
    """A wijk as CBS defines it."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="districts", verbose_name=_("municipality")
    )
    code = models.CharField(_("CBS code"), max_length=8, unique=True, validators=[RegexValidator(r"^WK\d{6}$")])
    cbs_name = models.CharField(_("CBS name"), max_length=150)
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), unique=True)
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True)
    key_figures = models.JSONField(_("key figures"), default=dict, blank=True)
    key_figures_year = models.PositiveSmallIntegerField(_("year of the key figures"), null=True, blank=True)
    key_figures_source = models.CharField(_("source of the key figures"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("district (wijk)")
        verbose_name_plural = _("districts (wijken)")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("areas:district", kwargs={"slug": self.slug})


class Neighbourhood(TimeStampedModel):
    """A buurt as CBS defines it."""

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="neighbourhoods", verbose_name=_("district")
    )
    code = models.CharField(_("CBS code"), max_length=10, unique=True, validators=[RegexValidator(r"^BU\d{8}$")])
    name = models.CharField(_("name"), max_length=150)
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True)
    key_figures = models.JSONField(_("key figures"), default=dict, blank=True)
    key_figures_year = models.PositiveSmallIntegerField(_("year of the key figures"), null=True, blank=True)
    key_figures_source = models.CharField(_("source of the key figures"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("neighbourhood (buurt)")
        verbose_name_plural = _("neighbourhoods (buurten)")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class PostcodeArea(models.Model):
    """One answer to "where is this postcode?": a postcode (PC4 or PC6) lies (partly) in a buurt.

    Codes are kept as CBS codes rather than foreign keys, so answers for postcodes outside
    the municipalities of this installation are cached too ("not in Zutphen" is an answer).
    A postcode that does not exist at all is stored with empty codes.
    """

    class Source(models.TextChoices):
        LOCATIESERVER = "locatieserver", _("PDOK Locatieserver")
        CBS_FILE = "cbs", _("CBS postcode file")
        MANUAL = "manual", _("entered by hand")

    postcode = models.CharField(_("postcode"), max_length=6, db_index=True)
    neighbourhood_code = models.CharField(_("buurt code"), max_length=10, blank=True)
    district_code = models.CharField(_("wijk code"), max_length=8, blank=True)
    municipality_code = models.CharField(_("municipality code"), max_length=6, blank=True)
    municipality_name = models.CharField(_("municipality name"), max_length=100, blank=True)
    address_count = models.PositiveIntegerField(
        _("number of addresses"),
        null=True,
        blank=True,
        help_text=_("How many addresses of this postcode lie in this buurt, when the source says."),
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    retrieved_at = models.DateTimeField(_("retrieved at"))

    class Meta:
        verbose_name = _("postcode area")
        verbose_name_plural = _("postcode areas")
        constraints = [
            models.UniqueConstraint(
                fields=["postcode", "neighbourhood_code"], name="areas_postcodearea_unique_per_buurt"
            )
        ]

    def __str__(self) -> str:
        return f"{self.postcode} → {self.neighbourhood_code or '-'}"


class Organisation(TimeStampedModel):
    """A local organisation: association, foundation, school, church, care institution…"""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("association")
        FOUNDATION = "foundation", _("foundation")
        SCHOOL = "school", _("school")
        CHURCH = "church", _("church or religious community")
        CARE = "care", _("care or welfare institution")
        HOUSING = "housing", _("housing corporation")
        INITIATIVE = "initiative", _("resident initiative")
        COMPANY = "company", _("company")
        GOVERNMENT = "government", _("government")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("not approved")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.APPROVED,
        help_text=_("Organisations that register themselves wait for review by the neighbourhood team."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.CharField(_("review note"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NeighbourhoodTeam(TimeStampedModel):
    """A sociaal wijkteam, serving one or more wijken."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="teams", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), unique=True)
    districts = models.ManyToManyField(District, related_name="teams", verbose_name=_("districts served"), blank=True)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("neighbourhood team")
        verbose_name_plural = _("neighbourhood teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("areas:team", kwargs={"slug": self.slug})


class TeamMember(TimeStampedModel):
    """A professional in a team, with the public profile residents see."""

    class Role(models.TextChoices):
        COMMUNITY_BROKER = "community_broker", _("community broker")
        SOCIAL_WORKER = "social_worker", _("social worker")
        CENTRE_MANAGER = "centre_manager", _("community centre manager")
        COORDINATOR = "coordinator", _("Buurtservice coordinator")
        TEAM_LEAD = "team_lead", _("team lead")

    team = models.ForeignKey(
        NeighbourhoodTeam, on_delete=models.CASCADE, related_name="members", verbose_name=_("team")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="team_memberships",
        verbose_name=_("account"),
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    photo = models.ImageField(_("photo"), upload_to="team/", blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A few sentences in plain language: who you are, what you do."),
    )
    languages = models.CharField(
        _("languages spoken"), max_length=200, blank=True, help_text=_("For example: Nederlands, Somalisch")
    )
    is_public = models.BooleanField(
        _("show on the public site"),
        default=True,
        help_text=_("Untick to keep this person off public pages."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "slug"], name="areas_teammember_unique_slug_per_team"),
            models.UniqueConstraint(
                fields=["team", "user"], condition=Q(user__isnull=False), name="areas_teammember_unique_user"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("areas:team_member", kwargs={"team_slug": self.team.slug, "slug": self.slug})

    @property
    def initials(self) -> str:
        """Initials for the avatar when there is no photo: first and last name part."""
        parts = [part for part in self.name.replace("-", " ").split() if part[:1].isalpha()]
        capitals = [part for part in parts if part[0].isupper()] or parts
        if not capitals:
            return "?"
        if len(capitals) == 1:
            return capitals[0][0].upper()
        return (capitals[0][0] + capitals[-1][0]).upper()


class Place(TimeStampedModel):
    """A place residents can go: buurthuis, wijkinformatiecentrum, hopwoning, library…"""

    class Kind(models.TextChoices):
        COMMUNITY_CENTRE = "community_centre", _("community centre (buurthuis)")
        INFORMATION_CENTRE = "information_centre", _("district information centre")
        HOP_HOUSE = "hop_house", _("hop house (hopwoning)")
        LIBRARY = "library", _("library")
        MEETING_PLACE = "meeting_place", _("meeting place")
        WORKSHOP = "workshop", _("workshop")
        OUTDOOR = "outdoor", _("outdoor place")
        OTHER = "other", _("other")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="places", verbose_name=_("municipality")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="places",
        verbose_name=_("district"),
        help_text=_("Leave empty for a place that serves the whole municipality."),
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=170, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    street = models.CharField(_("street"), max_length=150, blank=True)
    house_number = models.CharField(_("house number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    address_verified = models.BooleanField(
        _("address checked"),
        default=True,
        help_text=_("Untick when the address still needs to be checked; the page then says so."),
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    accessibility = models.TextField(
        _("accessibility"), blank=True, help_text=_("Step-free entrance, accessible toilet, hearing loop…")
    )
    managing_team = models.ForeignKey(
        NeighbourhoodTeam,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_places",
        verbose_name=_("managed by team"),
    )
    managing_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_places",
        verbose_name=_("managed by organisation"),
    )
    also_used_by = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="places_used",
        verbose_name=_("also used by"),
        help_text=_("Initiatives and organisations that also work from this place, shown on its page."),
    )

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("areas:place", kwargs={"slug": self.slug})

    @property
    def address_line(self) -> str:
        street = " ".join(part for part in (self.street, self.house_number) if part)
        town = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (street, town) if part)


class WeeklyHours(models.Model):
    """A recurring weekly time slot: opening hours, walk-in hours."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("from"))
    closes = models.TimeField(_("until"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        abstract = True
        ordering = ["weekday", "opens"]

    def clean(self) -> None:
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("The end time must be after the start time.")})


class OpeningHours(WeeklyHours):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("place"))

    class Meta(WeeklyHours.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(condition=Q(closes__gt=models.F("opens")), name="areas_openinghours_order")
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class WalkInHours(WeeklyHours):
    """When and where a team member can be found without an appointment (inloopspreekuur)."""

    member = models.ForeignKey(
        TeamMember, on_delete=models.CASCADE, related_name="walk_in_hours", verbose_name=_("team member")
    )
    place = models.ForeignKey(
        Place,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="walk_in_hours",
        verbose_name=_("place"),
    )

    class Meta(WeeklyHours.Meta):
        verbose_name = _("walk-in hours")
        verbose_name_plural = _("walk-in hours")
        constraints = [
            models.CheckConstraint(condition=Q(closes__gt=models.F("opens")), name="areas_walkinhours_order")
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"
