"""The vacancy bank: organisations' vacancies, residents' responses and talents, brokers' work."""

from __future__ import annotations

import enum
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkbasis.core.access import PersonalDataQuerySet, VisibleQuerySet
from wijkbasis.core.indexes import SortIndex
from wijkbasis.core.managed_lists import LocalizedName, english_name_field
from wijkbasis.core.models import TimeStampedModel


class Skill(LocalizedName, models.Model):
    """A talent, skill or interest from the managed list, in ABCD terms: head, hands, heart."""

    class Category(models.TextChoices):
        HEAD = "head", _("head: knowing and thinking")
        HANDS = "hands", _("hands: making and doing")
        HEART = "heart", _("heart: caring and connecting")

    name = models.CharField(_("name"), max_length=80, unique=True)
    name_en = english_name_field(max_length=80)
    slug = models.SlugField(_("slug"), unique=True)
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    search_terms = models.CharField(
        _("also found by"),
        max_length=300,
        blank=True,
        help_text=_("Words that mean the same in a search, separated by commas. For gardening: tuin, groen, planten."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("skill or interest")
        verbose_name_plural = _("skills and interests")
        ordering = ["category", "sort_order", "name"]

    def __str__(self) -> str:
        return self.localized_name


class Suitability(enum.IntFlag):
    """Who a vacancy suits well; stored as a bit set."""

    NEWCOMERS = 1
    LOW_LITERACY = 2
    YOUNG_PEOPLE = 4
    SENIORS = 8
    DISABILITY = 16
    WORK_EXPERIENCE = 32


SUITABILITY_LABELS = {
    Suitability.NEWCOMERS: _("newcomers and people learning Dutch"),
    Suitability.LOW_LITERACY: _("people who find reading and writing hard"),
    Suitability.YOUNG_PEOPLE: _("young people"),
    Suitability.SENIORS: _("seniors"),
    Suitability.DISABILITY: _("people with a disability"),
    Suitability.WORK_EXPERIENCE: _("people gaining work experience"),
}


class NotMatchedReason(LocalizedName, models.Model):
    """Why a response did not lead to a placement; a managed list, for honest reports."""

    name = models.CharField(_("reason"), max_length=120, unique=True)
    name_en = english_name_field(max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("reason for no match")
        verbose_name_plural = _("reasons for no match")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.localized_name


#: Where a vacancy is, as lookups from a vacancy: its wijken and the wijk of its place. Which
#: neighbourhood teams a vacancy — and a response to it — belongs to follows from these alone
#: (`teams_for_vacancy`, `teams_for_response`, `Response.objects.visible_to`).
VACANCY_DISTRICT_LOOKUPS = ("districts", "place__district")
#: A response belongs to the wijken of its vacancy and to the wijk of the person responding.
RESPONSE_DISTRICT_LOOKUPS = ("resident__district", *(f"vacancy__{lookup}" for lookup in VACANCY_DISTRICT_LOOKUPS))


def _through_own_keys(model: type[models.Model], lookups: dict[str, Any]) -> Q:
    """All of these lookups (`{"vacancy__districts__in": ids}`) as conditions on the model's own
    foreign keys, one semi-join per relation: `vacancy_id IN (SELECT id FROM vacancy WHERE …)`.
    The same lookups joined in one WHERE make a database read every row; several such
    conditions are combined with `_any_of` (a union), not ORed."""
    by_relation: dict[str, dict[str, Any]] = {}
    for lookup, value in lookups.items():
        relation, _, rest = lookup.partition("__")
        by_relation.setdefault(relation, {})[rest] = value
    condition = Q()
    for relation, related_lookups in by_relation.items():
        related: Any = model._meta.get_field(relation).related_model
        # Further relations of the related model become semi-joins on its keys too (a
        # vacancy's `organisation__municipality_id__in`: the vacancies of those organisations,
        # through the index on organisation_id, not every vacancy joined to its organisation);
        # `isnull` stays a join: "no wijk" is a missing row, which a semi-join cannot ask for.
        joined = {lookup: value for lookup, value in related_lookups.items() if lookup.endswith("__isnull")}
        through = {lookup: value for lookup, value in related_lookups.items() if lookup not in joined}
        nested = [lookup for lookup in through if "__" in lookup.partition("__")[2] and _is_relation(related, lookup)]
        rows = related._default_manager.filter(
            **joined, **{lookup: through[lookup] for lookup in through if lookup not in nested}
        )
        if nested:
            rows = rows.filter(_through_own_keys(related, {lookup: through[lookup] for lookup in nested}))
        condition &= Q(**{f"{relation}__in": rows.values("pk")})
    return condition


def _is_relation(model: type[models.Model], lookup: str) -> bool:
    """The lookup's first part is a foreign key of the model (`organisation__…`)."""
    first = lookup.partition("__")[0]
    try:
        field = model._meta.get_field(first)
    except FieldDoesNotExist:
        return False
    return bool(field.is_relation and field.many_to_one)


def _in_districts(model: type[models.Model], lookups: tuple[str, ...], district_ids: Any) -> list[Q]:
    """One condition per lookup: it names one of these wijken (any of them will do)."""
    return [_through_own_keys(model, {f"{lookup}__in": district_ids}) for lookup in lookups]


def _any_of(model: type[models.Model], conditions: list[Q]) -> Q:
    """Any of the conditions, as `pk IN (rows of the first UNION ALL rows of the second …)`.

    Each part is answered from the indexes of its own keys, and a database judges well how many
    rows each part finds. The same conditions ORed in one WHERE make PostgreSQL guess half the
    table per semi-join: it then reads every response and every resident to sort a page of 25
    (the broker pipeline: 91 → 30 ms at 55,000 responses)."""
    if len(conditions) == 1:
        return conditions[0]
    parts = [model._base_manager.filter(condition).order_by().values("pk") for condition in conditions]
    return Q(pk__in=parts[0].union(*parts[1:], all=True))


def _nowhere(model: type[models.Model], lookups: tuple[str, ...], **also: Any) -> Q:
    """None of the lookups names a wijk: city-wide, from home, and nobody knows where the person
    lives (and the lookups in `also`)."""
    return _through_own_keys(model, {**{f"{lookup}__isnull": True for lookup in lookups}, **also})


def _published() -> Q:
    """The condition of `VacancyQuerySet.published()`, to combine with others in one WHERE."""
    return Q(status=Vacancy.Status.PUBLISHED, organisation__status="approved") & (
        Q(expires_on__isnull=True) | Q(expires_on__gte=timezone.localdate())
    )


class VacancyQuerySet(VisibleQuerySet["Vacancy"]):
    def published(self) -> VacancyQuerySet:
        return self.filter(_published())

    def visible_to(self, user: Any) -> VacancyQuerySet:
        """Published vacancies for everyone; unpublished ones for their organisation and, as a
        preview, the teams and administrators of the organisation's municipality."""
        from wijkbasis.accounts.selectors import access_of

        access = access_of(user)
        if access.is_administrator:
            return self.all()
        # Conditions on the row itself, not `pk IN (every published vacancy)`: a database
        # would list all of those to find one.
        condition = _published()
        if access.organisation_ids:
            condition |= Q(organisation_id__in=access.organisation_ids)
        municipality_ids = access.municipality_ids_as()
        if municipality_ids:
            condition |= Q(organisation__municipality_id__in=municipality_ids)
        return self.filter(condition)

    def editable_by(self, user: Any) -> VacancyQuerySet:
        """The vacancies of the organisations this user acts for."""
        from wijkbasis.accounts.selectors import access_of

        return self.filter(organisation_id__in=access_of(user).organisation_ids)

    def reviewable_by(self, user: Any) -> VacancyQuerySet:
        """Vacancies waiting for review that this user may review: sociaal makelaars and team
        leads of the organisation's municipality."""
        from wijkbasis.accounts.selectors import access_of
        from wijkbasis.core.roles import Role

        municipalities = access_of(user).municipality_ids_as(Role.COMMUNITY_BROKER, Role.TEAM_LEAD)
        return self.filter(status=Vacancy.Status.IN_REVIEW, organisation__municipality_id__in=municipalities)


def organisation_url(organisation: Any) -> str:
    """The public page of an (approved) organisation in the vacancy bank. Here, not as
    areas.Organisation.get_absolute_url: areas knows nothing of the apps that use it."""
    return reverse("volunteering:organisation", kwargs={"slug": organisation.slug})


#: Slugs that are the names of pages next to the objects' pages (/organisaties/aanmelden/,
#: /vrijwilligerswerk/bewaren/): never given to an organisation or a vacancy.
RESERVED_SLUGS = frozenset({"aanmelden", "bewaren", "bewaard", "zoekopdracht", "nieuw"})


class Vacancy(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("waiting for review")
        PUBLISHED = "published", _("published")
        FILLED = "filled", _("filled")
        EXPIRED = "expired", _("expired")
        CLOSED = "closed", _("closed")

    class Where(models.TextChoices):
        PLACE = "place", _("at a place")
        DISTRICTS = "districts", _("in one or more neighbourhoods")
        CITY_WIDE = "city_wide", _("anywhere in the municipality")
        FROM_HOME = "from_home", _("from home")

    class When(models.TextChoices):
        ONE_OFF = "one_off", _("once")
        REGULAR = "regular", _("regularly")
        FLEXIBLE = "flexible", _("whenever it suits you")

    class LanguageLevel(models.TextChoices):
        NONE = "none", _("no Dutch needed")
        BASIC = "basic", _("a little Dutch")
        GOOD = "good", _("good Dutch")

    organisation = models.ForeignKey(
        "areas.Organisation", on_delete=models.CASCADE, related_name="vacancies", verbose_name=_("organisation")
    )
    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    description = models.TextField(_("what you will do"))
    where = models.CharField(_("where"), max_length=20, choices=Where.choices, default=Where.PLACE)
    place = models.ForeignKey(
        "areas.Place",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vacancies",
        verbose_name=_("place"),
    )
    address = models.CharField(
        _("address"), max_length=200, blank=True, help_text=_("When the place is not in the list of places.")
    )
    districts = models.ManyToManyField(
        "areas.District", blank=True, related_name="vacancies", verbose_name=_("neighbourhoods")
    )
    #: Where it is, for "near my postcode": the place's coordinates or the middle of its wijk.
    latitude = models.FloatField(_("latitude"), null=True, blank=True, editable=False)
    longitude = models.FloatField(_("longitude"), null=True, blank=True, editable=False)
    when = models.CharField(_("when"), max_length=20, choices=When.choices, default=When.REGULAR)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True, help_text=_("For a one-off task."))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    time_slots = models.PositiveIntegerField(_("days and parts of the day"), default=0)
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="vacancies", verbose_name=_("skills and interests"))
    suitable_for = models.PositiveSmallIntegerField(_("suitable for"), default=0)
    language_level = models.CharField(
        _("Dutch needed"), max_length=10, choices=LanguageLevel.choices, default=LanguageLevel.BASIC
    )
    vog_required = models.BooleanField(_("certificate of conduct (VOG) needed"), default=False)
    expense_allowance = models.CharField(_("expense allowance"), max_length=200, blank=True)
    accessibility = models.CharField(
        _("accessibility of the place"), max_length=300, blank=True, help_text=_("Step-free entrance, lift, toilet…")
    )
    contact_name = models.CharField(_("contact person"), max_length=120)
    contact_phone = models.CharField(_("phone of the contact person"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail of the contact person"), blank=True)
    volunteers_needed = models.PositiveSmallIntegerField(_("volunteers needed"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    publish_on = models.DateField(_("publish on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    expiry_reminder_sent_at = models.DateTimeField(_("expiry reminder sent at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    objects = VacancyQuerySet.as_manager()

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "expires_on"], name="volunteering_vacancy_listing"),
            # The public list, newest first (filters.VacancyFilter.order): read in this order and
            # stopped after a page, never all published vacancies sorted.
            SortIndex(
                F("published_at").desc(nulls_last=True),
                F("id").desc(),
                name="volunteering_vacancy_newest",
                condition=Q(status="published"),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("volunteering:vacancy", kwargs={"slug": self.slug})

    @property
    def suitabilities(self) -> list[Suitability]:
        return [flag for flag in Suitability if self.suitable_for & flag]

    def is_public(self) -> bool:
        """Shown to everyone and open for responses: the same rules as `Vacancy.objects.published()`."""
        return (
            self.status == self.Status.PUBLISHED
            and self.organisation.status == "approved"
            and (self.expires_on is None or self.expires_on >= timezone.localdate())
        )

    def ended_as(self) -> str | None:
        """FILLED or CLOSED for a vacancy that was public and is not any more (filled, closed,
        expired): its page says so, and points to similar work. None for one that is public, or
        never was (a draft), or whose organisation is not approved."""
        if self.published_at is None or self.organisation.status != "approved" or self.is_public():
            return None
        if self.status == self.Status.FILLED:
            return self.Status.FILLED
        if self.status in (self.Status.CLOSED, self.Status.EXPIRED, self.Status.PUBLISHED):
            return self.Status.CLOSED
        return None


class VacancySearchRow(models.Model):
    """A vacancy's row in PostgreSQL's search index, so that a search joins it once instead of
    looking it up per vacancy. Not managed by migrations: volunteering.search creates the table
    (and SQLite's FTS5 table in its place); only the PostgreSQL search reads it through here."""

    vacancy = models.OneToOneField(
        Vacancy,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="search_row",
        verbose_name=_("vacancy"),
    )
    document = models.TextField(_("search document"))  # a tsvector; compared with search.TsMatch only

    class Meta:
        managed = False
        db_table = "volunteering_vacancy_search"
        verbose_name = _("search row")
        verbose_name_plural = _("search rows")

    def __str__(self) -> str:
        return f"search row of vacancy {self.vacancy_id}"


class ResponseQuerySet(PersonalDataQuerySet["Response"]):
    def visible_to(self, user: Any) -> ResponseQuerySet:
        """The person themselves; organisation members the responses to their organisation's
        vacancies; team staff those of their teams' wijken (the vacancy's or the person's, see
        RESPONSE_DISTRICT_LOOKUPS; with no wijk at all, every team of the municipality);
        administrators all."""
        from wijkbasis.accounts.selectors import access_of

        access = access_of(user)
        if access.is_administrator:
            return self.all()
        if access.user_id is None:
            return self.none()
        # Every part a condition on the response's own vacancy_id and resident_id (see
        # _through_own_keys), so that no response row is joined to be tested; the parts as a
        # union (_any_of), so that each is read from its own index.
        conditions = [_through_own_keys(Response, {"resident__user_id": access.user_id})]
        if access.organisation_ids:
            conditions.append(_through_own_keys(Response, {"vacancy__organisation_id__in": access.organisation_ids}))
        if access.team_ids:
            conditions += _in_districts(Response, RESPONSE_DISTRICT_LOOKUPS, access.district_ids)
            conditions.append(
                _nowhere(
                    Response,
                    RESPONSE_DISTRICT_LOOKUPS,
                    vacancy__organisation__municipality_id__in=access.municipality_ids_as(),
                )
            )
        return self.filter(_any_of(Response, conditions))


class ResponsePartQuerySet(PersonalDataQuerySet[Any]):
    """Steps and placements: visible exactly when their response is."""

    visible_through = "response"


class ResponseNoteQuerySet(ResponsePartQuerySet):
    def visible_to(self, user: Any) -> ResponseNoteQuerySet:
        """The sociaal makelaars' notes: for the team staff who see the response, not for the
        organisation."""
        from wijkbasis.accounts.selectors import access_of

        access = access_of(user)
        if not (access.is_team_staff or access.is_administrator):
            return self.none()
        return super().visible_to(user)


class FollowUpQuerySet(PersonalDataQuerySet["FollowUp"]):
    def visible_to(self, user: Any) -> FollowUpQuerySet:
        """A follow-up is a task of one team: for that team's staff (and administrators)."""
        from wijkbasis.accounts.selectors import access_of

        access = access_of(user)
        if access.is_administrator:
            return self.all()
        return self.filter(team_id__in=access.team_ids)


class TalentProfileQuerySet(PersonalDataQuerySet["TalentProfile"]):
    def visible_to(self, user: Any) -> TalentProfileQuerySet:
        """The person themselves; brokers the shared profiles of residents of their wijken (or
        who want to help there); organisation members the profiles shared with organisations;
        administrators every shared profile."""
        from wijkbasis.accounts.selectors import access_of

        access = access_of(user)
        shared = ~Q(visibility=TalentProfile.Visibility.PRIVATE)
        if access.user_id is None:
            return self.none()
        # On the profile's own columns (see _through_own_keys): no profile joined to be tested.
        condition = _through_own_keys(TalentProfile, {"resident__user_id": access.user_id})
        if access.is_administrator:
            condition |= shared
        if access.district_ids:
            in_wijk = _through_own_keys(TalentProfile, {"resident__district_id__in": access.district_ids}) | Q(
                pk__in=TalentProfile.districts.through.objects.filter(district_id__in=access.district_ids).values(
                    "talentprofile_id"
                )
            )
            condition |= shared & in_wijk
        if access.organisation_ids:
            condition |= Q(visibility=TalentProfile.Visibility.BROKERS_AND_ORGANISATIONS)
        return self.filter(condition)


class SavedSearchQuerySet(PersonalDataQuerySet["SavedSearch"]):
    def visible_to(self, user: Any) -> SavedSearchQuerySet:
        """Only the person who saved it (by their account), and administrators."""
        from wijkbasis.accounts.selectors import access_of

        access = access_of(user)
        if access.is_administrator:
            return self.all()
        return self.filter(user_id=access.user_id) if access.user_id is not None else self.none()


class Response(TimeStampedModel):
    """A resident's "Ik wil helpen", followed from first contact to placement (or not)."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        CONTACTED = "contacted", _("contacted")
        INTRODUCTION = "introduction", _("getting to know each other")
        PLACED = "placed", _("placed")
        ENDED = "ended", _("ended")
        NOT_MATCHED = "not_matched", _("not matched")

    class Channel(models.TextChoices):
        ACCOUNT = "account", _("online, with an account")
        FORM = "form", _("online, without an account")
        STAFF = "staff", _("through the neighbourhood team")

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="responses", verbose_name=_("vacancy"))
    resident = models.ForeignKey(
        "accounts.Resident", on_delete=models.CASCADE, related_name="volunteer_responses", verbose_name=_("resident")
    )
    message = models.TextField(_("message"), blank=True)
    #: How to reach the person, as they gave it with this response: what the organisation sees,
    #: nothing more (not what the team knows of the person from elsewhere).
    contact_name = models.CharField(_("name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mail address"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    channel = models.CharField(_("how the response came in"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    first_contact_at = models.DateTimeField(_("first contact at"), null=True, blank=True)
    not_matched_reason = models.ForeignKey(
        NotMatchedReason, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("reason for no match")
    )
    broker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("broker who stepped in"),
    )
    #: When the person heard (by e-mail) that the vacancy was filled or closed before their turn.
    told_vacancy_closed_at = models.DateTimeField(_("told the vacancy closed at"), null=True, blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "resident"], name="volunteering_one_response_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.resident} → {self.vacancy}"


class ResponseEvent(models.Model):
    """One step in a response's history: who moved it from what to what, and when."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="events", verbose_name=_("response"))
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    #: Why it went one step back (a step back always says why).
    reason = models.CharField(_("why it went back"), max_length=300, blank=True)

    objects = ResponsePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("response step")
        verbose_name_plural = _("response steps")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class ResponseNote(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="notes", verbose_name=_("response"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("written by")
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    objects = ResponseNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:40]


class Placement(models.Model):
    """A volunteer placed with an organisation."""

    response = models.OneToOneField(
        Response, on_delete=models.CASCADE, related_name="placement", verbose_name=_("response")
    )
    start_date = models.DateField(_("start date"))
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=200, blank=True)

    objects = ResponsePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")

    def __str__(self) -> str:
        from wijkbasis.volunteering.describe import date_in_words  # describe.py reads models

        return f"{self.response} ({date_in_words(self.start_date)})"


class FollowUp(models.Model):
    """A task for the brokers of a team: a response waiting for contact, a six-week check."""

    class Kind(models.TextChoices):
        NO_CONTACT = "no_contact", _("response waits for contact")
        SIX_WEEKS = "six_weeks", _("six weeks after placement: how is it going?")
        VACANCY_EXPIRES = "vacancy_expires", _("vacancy expires soon")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, null=True, blank=True, related_name="follow_ups", verbose_name=_("response")
    )
    team = models.ForeignKey(
        "areas.NeighbourhoodTeam", on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("team")
    )
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "response", "team"],
                condition=Q(done_at__isnull=True),
                name="volunteering_followup_once",
            )
        ]

    def __str__(self) -> str:
        from wijkbasis.volunteering.describe import date_in_words

        return f"{self.get_kind_display()} ({date_in_words(self.due_on)})"


class TalentProfile(TimeStampedModel):
    """What a resident can and would like to do (ABCD: start from talents). Optional; the
    resident decides who may see it."""

    class Visibility(models.TextChoices):
        PRIVATE = "private", _("only me")
        BROKERS = "brokers", _("me and the sociaal makelaars of my neighbourhood")
        BROKERS_AND_ORGANISATIONS = "organisations", _("also organisations looking for volunteers")

    resident = models.OneToOneField(
        "accounts.Resident", on_delete=models.CASCADE, related_name="talent_profile", verbose_name=_("resident")
    )
    talents = models.TextField(_("what I am good at"), blank=True)
    wishes = models.TextField(_("what I would like to do"), blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="skilled_profiles", verbose_name=_("skills"))
    interests = models.ManyToManyField(
        Skill, blank=True, related_name="interested_profiles", verbose_name=_("interests")
    )
    time_slots = models.PositiveIntegerField(_("when I can"), default=0)
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True)
    districts = models.ManyToManyField(
        "areas.District", blank=True, related_name="talent_profiles", verbose_name=_("neighbourhoods")
    )
    from_home = models.BooleanField(_("I would also help from home"), default=False)
    visibility = models.CharField(
        _("who may see this"), max_length=20, choices=Visibility.choices, default=Visibility.PRIVATE
    )

    objects = TalentProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("talent profile")
        verbose_name_plural = _("talent profiles")

    def __str__(self) -> str:
        return f"{self.resident}"


def _token() -> str:
    return secrets.token_urlsafe(24)


class SavedSearch(models.Model):
    """A search someone wants new results of by e-mail, weekly; unsubscribe in one click."""

    email = models.EmailField(_("e-mail address"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="saved_searches",
        verbose_name=_("account"),
    )
    query = models.CharField(_("search"), max_length=1000, help_text=_("The filters, as in the address of the page."))
    label = models.CharField(_("description"), max_length=200)
    token = models.CharField(max_length=64, unique=True, default=_token, verbose_name=_("link code"))
    language = models.CharField(_("language"), max_length=8, default="nl")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)

    objects = SavedSearchQuerySet.as_manager()

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        constraints = [models.UniqueConstraint(fields=["email", "query"], name="volunteering_saved_search_once")]

    def __str__(self) -> str:
        return self.label
