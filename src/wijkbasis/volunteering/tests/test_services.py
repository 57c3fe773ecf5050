"""The vacancy bank's rules: publishing, responses, the pipeline, placements, reminders."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from wijkbasis.accounts.models import Resident
from wijkbasis.accounts.tests.factories import UserFactory, staff_user
from wijkbasis.areas.models import District, NeighbourhoodTeam, Organisation, TeamMember
from wijkbasis.areas.tests.factories import MunicipalityFactory, TeamFactory
from wijkbasis.volunteering import selectors, services
from wijkbasis.volunteering.models import FollowUp, Response, Vacancy
from wijkbasis.volunteering.tests.conftest import make_vacancy

pytestmark = pytest.mark.django_db


def test_an_approved_organisation_publishes_at_once(vacancy: Vacancy) -> None:
    assert vacancy.status == Vacancy.Status.PUBLISHED
    assert vacancy.published_at is not None
    assert Vacancy.objects.published().filter(pk=vacancy.pk).exists()
    assert vacancy.latitude is not None  # the middle of Waterkwartier, for distance search


def test_a_new_organisation_waits_for_review(zutphen: Any) -> None:
    user = UserFactory()
    organisation = services.register_organisation(
        by=user, municipality=zutphen, name="Skatebaan Zutphen", kind="initiative"
    )
    assert organisation.status == Organisation.Status.PENDING
    assert organisation.memberships.filter(user=user).exists()
    vacancy = make_vacancy(organisation, by=user)
    assert vacancy.status == Vacancy.Status.IN_REVIEW
    assert not Vacancy.objects.published().exists()
    broker = staff_user(NeighbourhoodTeam.objects.first())
    services.review_organisation(organisation=organisation, by=broker, approve=True)
    services.review_vacancy(vacancy=vacancy, by=broker, approve=True)
    assert Vacancy.objects.published().filter(pk=vacancy.pk).exists()


def test_reviewers_hear_what_waits_for_review(zutphen: Any, django_capture_on_commit_callbacks: Any) -> None:
    team = NeighbourhoodTeam.objects.first()
    broker = staff_user(team)
    lead = staff_user(team, role=TeamMember.Role.TEAM_LEAD)
    staff_user(team, role=TeamMember.Role.SOCIAL_WORKER)  # does not review
    other_municipality = MunicipalityFactory()
    staff_user(TeamFactory(municipality=other_municipality))  # another municipality's broker
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        organisation = services.register_organisation(
            by=user, municipality=zutphen, name="Skatebaan Zutphen", kind="initiative"
        )
    with django_capture_on_commit_callbacks(execute=True):
        make_vacancy(organisation, by=user, title="Skatelessen geven")
    with django_capture_on_commit_callbacks(execute=True):  # submitting again sends nothing new
        services.submit_vacancy(vacancy=organisation.vacancies.get(), by=user)
    # One mail per reviewer, in their own language, from the welfare organisation.
    assert sorted((message.subject, *message.to) for message in mail.outbox) == sorted(
        (subject, address)
        for subject in (
            "Wacht op je beoordeling: de organisatie Skatebaan Zutphen",
            "Wacht op je beoordeling: de vacature Skatelessen geven",
        )
        for address in (broker.email, lead.email)
    )
    assert "/werkplek/vrijwilligerswerk/beoordelen/" in mail.outbox[0].body
    assert mail.outbox[0].from_email.startswith("Perspectief Zutphen <")


def test_review_of_vacancies_when_configured(organisation: Organisation, settings: Any) -> None:
    settings.VACANCY_REVIEW_REQUIRED = True
    vacancy = make_vacancy(organisation)
    assert vacancy.status == Vacancy.Status.IN_REVIEW
    services.review_vacancy(vacancy=vacancy, by=UserFactory(), approve=False)
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.DRAFT


def test_responding_without_an_account(vacancy: Vacancy, locatieserver: Any) -> None:
    response, created = services.respond(
        vacancy=vacancy,
        message="Ik kan op dinsdag",
        respondent=services.Respondent(name="Jan Jansen", email="Jan@Example.org", postcode="7203 aa"),
    )
    assert created and response.channel == Response.Channel.FORM
    resident = response.resident
    assert (resident.name, resident.email, resident.source) == ("Jan Jansen", "jan@example.org", Resident.Source.FORM)
    assert resident.has_consent("keep_details") and resident.has_consent("share_with_organisation")
    assert resident.consents.get(purpose="share_with_organisation").method == "online"
    assert vacancy.responses.count() == 1
    assert FollowUp.objects.filter(response=response, kind=FollowUp.Kind.NO_CONTACT).exists()


def test_without_email_or_phone_nobody_can_be_reached(vacancy: Vacancy) -> None:
    with pytest.raises(ValidationError):
        services.respond(vacancy=vacancy, respondent=services.Respondent(name="Anoniem"))


def test_responding_twice_gives_the_first_response(vacancy: Vacancy) -> None:
    user = UserFactory()
    first, created = services.respond(vacancy=vacancy, user=user, message="eerste")
    second, created_again = services.respond(vacancy=vacancy, user=user, message="tweede")
    assert (created, created_again) == (True, False)
    assert first.pk == second.pk
    assert Response.objects.count() == 1
    assert vacancy.responses.count() == 1


def test_a_known_address_never_joins_a_form_to_an_existing_record(vacancy: Vacancy, organisation: Organisation) -> None:
    """Security finding: anyone could respond with a known address and get a staff-recorded
    record's consent changed and its name, phone and e-mail shown to the organisation."""
    broker = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"))
    from wijkbasis.accounts.services import take_in_resident

    known = take_in_resident(
        by=broker,
        team=NeighbourhoodTeam.objects.get(slug="waterkwartier"),
        name="Echte Naam",
        phone="0575 000 999",
        email="echt@example.org",
        consents=["keep_details"],
        consent_method="phone",
    )
    response, _ = services.respond(
        vacancy=vacancy, respondent=services.Respondent(name="iemand", email="ECHT@example.org")
    )
    assert response.resident_id != known.pk
    assert set(known.consents.values_list("purpose", flat=True)) == {"keep_details"}
    # What the organisation sees is what was typed, nothing of the known record.
    assert (response.contact_name, response.contact_email, response.contact_phone) == ("iemand", "echt@example.org", "")
    # The broker is told it may be the same person.
    assert known.pk in response.resident.possible_duplicates.values_list("other_id", flat=True)
    # Name and phone do not join either.
    by_phone, _ = services.respond(
        vacancy=make_vacancy(organisation, title="Ander werk"),
        respondent=services.Respondent(name="Echte Naam", phone="0575 000 999"),
    )
    assert by_phone.resident_id != known.pk


def test_staff_take_a_response_by_phone(vacancy: Vacancy) -> None:
    broker = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"))
    response, _ = services.respond(
        vacancy=vacancy, respondent=services.Respondent(name="Mevrouw Yilmaz", phone="0575 000 444"), recorded_by=broker
    )
    assert response.channel == Response.Channel.STAFF
    assert response.resident.source == Resident.Source.ASSISTED
    assert response.resident.consents.get(purpose="share_with_organisation").method == "phone"


def test_closed_vacancies_take_no_responses(vacancy: Vacancy) -> None:
    services.close_vacancy(vacancy=vacancy, by=None)
    vacancy.refresh_from_db()
    with pytest.raises(services.ResponseError):
        services.respond(vacancy=vacancy, user=UserFactory())


def test_vacancies_of_a_rejected_organisation_take_no_responses(vacancy: Vacancy) -> None:
    """The service applies the same rules as the public list, not only the public page."""
    services.review_organisation(organisation=vacancy.organisation, by=UserFactory(), approve=False)
    vacancy.refresh_from_db()
    assert not Vacancy.objects.published().filter(pk=vacancy.pk).exists()
    assert not vacancy.is_public()
    with pytest.raises(services.ResponseError):
        services.respond(vacancy=vacancy, user=UserFactory())


def test_the_organisation_hears_of_a_response_without_personal_details(
    vacancy: Vacancy, member: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.respond(
            vacancy=vacancy, respondent=services.Respondent(name="Geheim Persoon", email="geheim@example.org")
        )
    assert sorted(address for message in mail.outbox for address in message.to) == ["els@example.org", member.email]
    for message in mail.outbox:
        assert "Geheim Persoon" not in message.body and "geheim@example.org" not in message.body


def test_the_pipeline_from_new_to_placed_and_ended(vacancy: Vacancy, settings: Any) -> None:
    broker = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"))
    response, _ = services.respond(vacancy=vacancy, user=UserFactory())
    response = services.move_response(response=response, to_status=Response.Status.CONTACTED, by=broker, as_broker=True)
    assert response.first_contact_at is not None and response.broker == broker
    assert not FollowUp.objects.filter(response=response, kind=FollowUp.Kind.NO_CONTACT, done_at__isnull=True).exists()
    start = timezone.localdate()
    response = services.move_response(
        response=response,
        to_status=Response.Status.PLACED,
        by=broker,
        placement={"start_date": start, "hours_per_week": 3},
    )
    assert response.placement.hours_per_week == 3
    check = FollowUp.objects.get(response=response, kind=FollowUp.Kind.SIX_WEEKS)
    assert check.due_on == start + dt.timedelta(days=settings.PLACEMENT_FOLLOW_UP_DAYS)
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.FILLED  # one volunteer needed, one placed
    response = services.move_response(
        response=response, to_status=Response.Status.ENDED, by=broker, placement={"end_reason": "verhuisd"}
    )
    response.placement.refresh_from_db()
    assert response.placement.end_reason == "verhuisd"
    assert list(response.events.values_list("to_status", flat=True)) == ["new", "contacted", "placed", "ended"]


def test_steps_that_make_no_sense_are_refused(vacancy: Vacancy, reason: Any) -> None:
    response, _ = services.respond(vacancy=vacancy, user=UserFactory())
    with pytest.raises(ValidationError):
        services.move_response(response=response, to_status=Response.Status.PLACED, by=UserFactory())
    with pytest.raises(ValidationError):
        services.move_response(response=response, to_status=Response.Status.NOT_MATCHED, by=UserFactory())
    response = services.move_response(
        response=response, to_status=Response.Status.NOT_MATCHED, by=UserFactory(), not_matched_reason=reason
    )
    assert response.not_matched_reason == reason


def test_a_stale_page_gets_a_conflict_not_an_overwrite(vacancy: Vacancy, reason: Any) -> None:
    response, _ = services.respond(vacancy=vacancy, user=UserFactory())
    services.move_response(
        response=response, to_status=Response.Status.CONTACTED, by=UserFactory(), expected_status="new"
    )
    with pytest.raises(services.ConflictError):
        services.move_response(
            response=response,
            to_status=Response.Status.NOT_MATCHED,
            by=UserFactory(),
            expected_status="new",
            not_matched_reason=reason,
        )
    response.refresh_from_db()
    assert response.status == Response.Status.CONTACTED


def test_daily_run_expires_reminds_and_publishes(organisation: Organisation, member: Any) -> None:
    today = timezone.localdate()
    old = make_vacancy(organisation, title="Oud", expires_on=today + dt.timedelta(days=30))
    soon = make_vacancy(organisation, title="Bijna weg", expires_on=today + dt.timedelta(days=3))
    later = make_vacancy(organisation, title="Later", publish=False, publish_on=today + dt.timedelta(days=2))
    later = services.submit_vacancy(vacancy=later, by=member)
    assert later.status == Vacancy.Status.DRAFT

    with time_machine.travel(timezone.now() + dt.timedelta(days=31)):
        result = services.run_daily()
    assert result["expired"] == 2 and result["published"] == 1
    old.refresh_from_db()
    assert old.status == Vacancy.Status.EXPIRED

    fresh = make_vacancy(organisation, title="Bijna verlopen", expires_on=today + dt.timedelta(days=5))
    result = services.run_daily()
    assert result["expiry_reminders"] == 1
    assert "Bijna verlopen" in mail.outbox[-1].subject
    assert services.run_daily()["expiry_reminders"] == 0  # once
    fresh.refresh_from_db()
    assert fresh.expiry_reminder_sent_at is not None
    _ = soon


def test_brokers_see_their_wijken_and_organisations_their_own(
    vacancy: Vacancy, member: Any, organisation: Organisation
) -> None:
    own = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"))
    other = staff_user(NeighbourhoodTeam.objects.get(slug="zuidwijken-warnsveld-leesten"))
    response, _ = services.respond(vacancy=vacancy, user=UserFactory())
    assert list(Response.objects.visible_to(own)) == [response]
    assert list(Response.objects.visible_to(other)) == []
    assert list(Response.objects.visible_to(member)) == [response]
    stranger = UserFactory()
    assert list(Response.objects.visible_to(stranger)) == []
    # The person's own wijk counts too: someone from Leesten responding is seen by that team.
    leesten = District.objects.get(code="WK030104")
    from_leesten = UserFactory()
    services.respond(vacancy=vacancy, user=from_leesten)
    moved = Resident.objects.get(user=from_leesten)
    moved.district = leesten
    moved.save()
    assert Response.objects.visible_to(other).count() == 1


def test_report_figures_per_wijk_and_period(vacancy: Vacancy, reason: Any, organisation: Organisation) -> None:
    broker = UserFactory()
    waterkwartier = District.objects.get(code="WK030101")
    with time_machine.travel(timezone.now() - dt.timedelta(days=3)):
        first, _ = services.respond(vacancy=vacancy, user=UserFactory())
        second, _ = services.respond(vacancy=vacancy, respondent=services.Respondent(name="B", phone="0575 000 999"))
    services.move_response(response=first, to_status=Response.Status.CONTACTED, by=broker)
    services.move_response(response=first, to_status=Response.Status.PLACED, by=broker)
    services.move_response(response=second, to_status=Response.Status.NOT_MATCHED, by=broker, not_matched_reason=reason)
    home = make_vacancy(organisation, title="Bellen met ouderen", where=Vacancy.Where.FROM_HOME, districts=[])

    today = timezone.localdate()
    figures = selectors.volunteering_figures(
        municipality_id=organisation.municipality_id, start=today - dt.timedelta(days=7), end=today
    )
    water = figures[waterkwartier.pk]
    assert water.published_vacancies == 1  # filled during the period still counts as published then
    assert (water.responses, water.placements) == (2, 1)
    assert water.not_matched_reasons == {"Past niet bij de tijden": 1}
    assert water.new_volunteers_by_channel == {"account": 1, "form": 1}
    assert 2.9 <= water.median_days_to_first_contact <= 3.1
    assert figures[None].published_vacancies == 1  # from home: no wijk
    _ = home


def test_the_organisations_response_counts_stay_true_when_responses_go(vacancy: Vacancy) -> None:
    def counted() -> Any:
        return selectors.vacancies_with_response_counts(Vacancy.objects.filter(organisation_id=vacancy.organisation_id))

    first, _ = services.respond(vacancy=vacancy, user=UserFactory())
    services.respond(vacancy=vacancy, user=UserFactory())
    listed = selectors.vacancies_with_response_counts(
        Vacancy.objects.filter(organisation_id=vacancy.organisation_id)
    ).get(pk=vacancy.pk)
    assert listed.response_count == 2
    first.delete()  # as merging, erasure and the retention purge do
    assert (
        counted()
        .get(pk=vacancy.pk)
        .response_count
        == 1
    )
