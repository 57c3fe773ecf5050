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
from wijkbasis.core.models import AccessLogEntry
from wijkbasis.volunteering import services
from wijkbasis.volunteering.models import FollowUp, Response, Vacancy
from wijkbasis.volunteering.tests.conftest import make_vacancy
from wijkbasis.volunteering.tests.factories import ResponseFactory, VacancyFactory

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


def test_later_steps_and_the_steps_recorded_on_the_way() -> None:
    assert services.later_steps("new") == ("contacted", "introduction", "placed", "not_matched")
    assert services.later_steps("introduction") == ("placed", "not_matched")
    assert services.later_steps("placed") == ("ended",)
    assert services.later_steps("ended") == services.later_steps("not_matched") == ()
    assert services.steps_on_the_way("new", "placed") == ["contacted", "placed"]  # introduction may be skipped
    assert services.steps_on_the_way("new", "introduction") == ["contacted", "introduction"]
    assert services.steps_on_the_way("contacted", "not_matched") == ["not_matched"]


def test_steps_that_make_no_sense_are_refused(vacancy: Vacancy, reason: Any) -> None:
    response = ResponseFactory(vacancy=vacancy, user=UserFactory())
    with pytest.raises(ValidationError):
        services.move_response(response=response, to_status=Response.Status.ENDED, by=UserFactory())
    with pytest.raises(ValidationError):
        services.move_response(response=response, to_status=Response.Status.NOT_MATCHED, by=UserFactory())
    response = services.move_response(
        response=response, to_status=Response.Status.NOT_MATCHED, by=UserFactory(), not_matched_reason=reason
    )
    assert response.not_matched_reason == reason
    with pytest.raises(ValidationError):  # back needs a reason
        services.move_response(response=response, to_status=Response.Status.NEW, by=UserFactory())
    response = services.move_response(response=response, to_status="new", by=UserFactory(), reason="Toch wel")
    assert response.status == Response.Status.NEW and response.not_matched_reason is None
    with pytest.raises(ValidationError):  # a new response has no step back
        services.move_response(response=response, to_status=Response.Status.NEW, by=UserFactory(), reason="x")


def test_a_step_back_goes_where_the_history_came_from(vacancy: Vacancy) -> None:
    broker = UserFactory()
    response = ResponseFactory(vacancy=vacancy, user=UserFactory())
    response = services.move_response(response=response, to_status="introduction", by=broker)
    response = services.move_response(response=response, to_status="placed", by=broker)
    assert services.previous_step(response.events.all(), response.status) == "introduction"
    response = services.move_response(response=response, to_status="introduction", by=broker, reason="Te vroeg")
    assert services.previous_step(response.events.all(), response.status) == "contacted"
    assert [event.reason for event in response.events.all()] == ["", "", "", "", "Te vroeg"]


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


def test_a_city_wide_response_without_a_wijk_reaches_every_team(organisation: Any) -> None:
    vacancy = make_vacancy(organisation, where=Vacancy.Where.FROM_HOME, districts=[])
    response, _ = services.respond(vacancy=vacancy, respondent=services.Respondent(name="Ergens", phone="0575 000 111"))
    teams = set(FollowUp.objects.filter(response=response).values_list("team__slug", flat=True))
    assert teams == {"waterkwartier", "zuidwijken-warnsveld-leesten", "centrum-de-hoven-noordveen"}


def test_reserved_words_are_no_organisation_slugs(zutphen: Any) -> None:
    from wijkbasis.accounts.tests.factories import UserFactory

    organisation = services.register_organisation(
        by=UserFactory(), municipality=zutphen, name="Aanmelden", kind="other"
    )
    assert organisation.slug != "aanmelden"


def _waiting(vacancy: Vacancy) -> dict[str, Response]:
    """Responses on their way: by e-mail with consent, by phone only, and one who withdrew consent."""
    from wijkbasis.accounts.services import withdraw_consent

    responses = {
        "mail": ResponseFactory(vacancy=vacancy, name="Sanne", email="sanne@example.org"),
        "phone": ResponseFactory(vacancy=vacancy, name="Ali", email="", phone="06 12345678"),
        "withdrawn": ResponseFactory(vacancy=vacancy, name="Kees", email="kees@example.org"),
        "account": ResponseFactory(vacancy=vacancy, user=UserFactory(email="jan@example.org", language="en")),
    }
    for purpose in ("share_with_organisation", "keep_details"):
        withdraw_consent(resident=responses["withdrawn"].resident, purpose=purpose, by=None)
    return responses


def test_when_a_vacancy_is_filled_the_others_on_their_way_hear_it_with_similar_work(
    vacancy: Vacancy, gardening: Any, django_capture_on_commit_callbacks: Any
) -> None:
    similar = VacancyFactory(organisation=vacancy.organisation, title="Bloemen water geven", skills=[gardening])
    waiting = _waiting(vacancy)
    placed = ResponseFactory(vacancy=vacancy, user=UserFactory())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.move_response(response=placed, to_status="placed", by=UserFactory())  # one needed: filled
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.FILLED
    told = {address for message in mail.outbox for address in message.to}
    assert told == {"sanne@example.org", "jan@example.org"}  # not by phone, not without consent, not the placed one
    dutch = next(message for message in mail.outbox if message.to == ["sanne@example.org"])
    assert ("Dieren verzorgen" in dutch.body and "vervuld" in dutch.subject.lower()) or "filled" in dutch.subject
    assert similar.title in dutch.body and similar.get_absolute_url() in dutch.body
    english = next(message for message in mail.outbox if message.to == ["jan@example.org"])
    assert "is filled" in english.subject  # the account holder's language
    for key, response in waiting.items():
        response.refresh_from_db()
        assert (response.told_vacancy_closed_at is not None) == (key in ("mail", "account")), key
    assert AccessLogEntry.objects.filter(
        action="change", object_type="volunteering.response", object_id=str(waiting["mail"].pk)
    ).exists()
    # Told once: closing it again later tells nobody again.
    mail.outbox.clear()
    assert services.tell_waiting_candidates(vacancy_id=vacancy.pk) == 0


def test_when_the_organisation_closes_a_vacancy_the_others_hear_it(
    vacancy: Vacancy, django_capture_on_commit_callbacks: Any
) -> None:
    waiting = _waiting(vacancy)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.close_vacancy(vacancy=vacancy, by=UserFactory(), status=Vacancy.Status.CLOSED)
    assert len(mail.outbox) == 2
    assert all("gesloten" in message.subject or "closed" in message.subject for message in mail.outbox)
    waiting["mail"].refresh_from_db()
    assert waiting["mail"].told_vacancy_closed_at is not None
    # A draft that is closed was never public: nobody to tell.
    draft = VacancyFactory(organisation=vacancy.organisation, publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.close_vacancy(vacancy=draft, by=None)
    assert len(mail.outbox) == 2
