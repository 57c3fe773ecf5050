"""Buurtservice's writes: requests through the one intake path, decisions, planning with its
refusals, visits, completion, feedback, crews and participants; and what the resident hears."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone, translation

from wijkbasis.accounts.models import Consent, PossibleDuplicate, Resident
from wijkbasis.accounts.tests.factories import ResidentFactory, UserFactory, staff_user
from wijkbasis.buurtservice import services
from wijkbasis.buurtservice.models import (
    Development,
    Request,
    RequestEvent,
    RequestPhoto,
    Visit,
    Worker,
)
from wijkbasis.buurtservice.sms import MemoryBackend
from wijkbasis.buurtservice.tests.conftest import next_weekday, phone_request
from wijkbasis.buurtservice.tests.factories import SkillFactory, WorkerFactory, tiny_jpeg
from wijkbasis.core.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def _job(category: Any, **values: Any) -> services.JobDetails:
    return services.JobDetails(
        category=category, description="De heg is te hoog.", street="Hoofdstraat", house_number="1", **values
    )


# ---------------------------------------------------------------------------
# Requests


def test_an_online_request_without_account_makes_a_new_record_with_consent(
    service: Any, category: Any, locatieserver: Any, django_capture_on_commit_callbacks: Any
) -> None:
    known = ResidentFactory(name="Bekende Bewoner", email="fien@example.org")
    from wijkbasis.accounts.services import locate_postcode

    located = locate_postcode("7232 CD")
    with django_capture_on_commit_callbacks(execute=True):
        request = services.submit_request(
            service=service,
            job=_job(category, postcode="7232CD", home_slots=3, urgent=True),
            requester=services.Person(name="Fien Vraagt", email="FIEN@example.org", phone="06 1234 5678"),
            located=located,
        )
    assert request.status == Request.Status.REQUESTED and request.channel == Request.Channel.FORM
    assert request.district is not None and request.district.name == "Warnsveld"
    assert request.resident != known and request.resident.email == "fien@example.org"
    assert request.resident.source == Resident.Source.FORM
    assert set(request.resident.consents.values_list("purpose", "method")) == {
        ("keep_details", Consent.Method.ONLINE),
        ("odd_job", Consent.Method.ONLINE),
    }
    # Typing a known address never joins a record: it is flagged for the team.
    assert PossibleDuplicate.objects.filter(resident=request.resident, other=known).exists()
    assert list(request.events.values_list("to_status", flat=True)) == ["requested"]
    assert request.urgent and request.home_slots == 3
    # The resident hears it (e-mail and a text message with the status link), in plain words.
    received = [message for message in mail.outbox if message.to == ["fien@example.org"]]
    assert len(received) == 1 and request.token in received[0].body
    assert MemoryBackend.outbox[0][0] == "+31612345678" and request.token in MemoryBackend.outbox[0][1]


def test_a_request_for_someone_else_records_both_and_waits_for_the_persons_own_yes(
    service: Any, category: Any, coordinator: Any, waterkwartier: Any
) -> None:
    neighbour = UserFactory(name="Buurvrouw Bep")
    request = services.submit_request(
        service=service,
        job=_job(category),
        user=neighbour,
        person=services.Person(name="Meneer Jansen", phone="0575 000 111"),
        relation=Request.Relation.NEIGHBOUR,
    )
    request.district = waterkwartier
    request.save()
    assert request.requested_by is not None and request.requested_by.user == neighbour
    assert request.resident.name == "Meneer Jansen" and request.resident.user is None
    consent = request.resident.consents.get(purpose="odd_job")
    assert consent.recorded_by == neighbour and consent.method == Consent.Method.ONLINE
    assert request.consent_confirmed_at is None
    with pytest.raises(ValidationError, match="confirm at the intake"), translation.override("en"):
        services.decide(request=request, by=coordinator, accept=True)
    services.record_intake(
        request=request,
        by=coordinator,
        answers={},
        urgent=False,
        vulnerability="some",
        needs_vog=False,
        is_wmo=False,
        consent_confirmed=True,
    )
    accepted = services.decide(request=request, by=coordinator, accept=True)
    assert accepted.status == Request.Status.ACCEPTED and accepted.accepted_at is not None
    assert (
        request.resident.consents.filter(purpose="odd_job", method=Consent.Method.PHONE).count() == 0
    )  # kept the first


def test_a_request_by_phone_goes_through_assisted_intake_and_starts_at_intake(
    service: Any, category: Any, coordinator: Any, team: Any, waterkwartier: Any
) -> None:
    request = phone_request(service, coordinator, team, category, waterkwartier)
    assert request.status == Request.Status.INTAKE and request.channel == Request.Channel.STAFF
    assert request.resident.source == Resident.Source.ASSISTED and request.resident.intake_team == team
    assert request.resident.consents.get(purpose="odd_job").recorded_by == coordinator
    assert list(request.events.values_list("to_status", flat=True)) == ["requested", "intake"]


def test_declining_needs_a_reason_and_the_resident_reads_it(
    service: Any,
    category: Any,
    coordinator: Any,
    team: Any,
    waterkwartier: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    request = phone_request(service, coordinator, team, category, waterkwartier)
    request.resident.email = "truus@example.org"
    request.resident.save()
    with translation.override("en"):
        with pytest.raises(ValidationError, match="Choose why"):
            services.decide(request=request, by=coordinator, accept=False, reason="")
        with pytest.raises(ValidationError, match="Explain"):
            services.decide(request=request, by=coordinator, accept=False, reason="other", note=" ")
    with django_capture_on_commit_callbacks(execute=True):
        declined = services.decide(
            request=request, by=coordinator, accept=False, reason="landlord", note="Bel Woonbedrijf: 0575 000 500."
        )
    assert declined.status == Request.Status.DECLINED and declined.closed_at is not None
    message = mail.outbox[-1]
    assert message.to == ["truus@example.org"]
    assert ("Woonbedrijf" in message.body and "verhuurder" in message.body.lower()) or "landlord" in message.body


def test_a_wmo_job_needs_its_decision_reference(
    service: Any, category: Any, coordinator: Any, team: Any, waterkwartier: Any
) -> None:
    request = phone_request(service, coordinator, team, category, waterkwartier)
    with pytest.raises(ValidationError):
        services.record_intake(
            request=request, by=coordinator, answers={}, urgent=False, vulnerability="", needs_vog=False, is_wmo=True
        )
    services.record_intake(
        request=request,
        by=coordinator,
        answers={},
        urgent=False,
        vulnerability="",
        needs_vog=False,
        is_wmo=True,
        wmo_reference="WMO-2026-0042",
        wmo_funding=Decimal("450.00"),
        wmo_deadline=timezone.localdate() + dt.timedelta(days=30),
    )
    request.refresh_from_db()
    assert (request.wmo_reference, request.wmo_funding) == ("WMO-2026-0042", Decimal("450.00"))


def test_a_stale_page_gets_a_conflict_instead_of_overwriting(
    service: Any, category: Any, coordinator: Any, other_coordinator: Any, team: Any, waterkwartier: Any
) -> None:
    request = phone_request(service, coordinator, team, category, waterkwartier)
    services.decide(request=request, by=coordinator, accept=True, expected_status="intake")
    with pytest.raises(services.ConflictError):
        services.decide(request=request, by=coordinator, accept=False, reason="too_big", expected_status="intake")
    request.refresh_from_db()
    assert request.status == Request.Status.ACCEPTED


def test_adjusting_the_priority_needs_a_reason_and_stays_in_the_history(
    service: Any, category: Any, coordinator: Any, team: Any, waterkwartier: Any
) -> None:
    request = phone_request(service, coordinator, team, category, waterkwartier, accept=True)
    with pytest.raises(ValidationError):
        services.adjust_priority(request=request, by=coordinator, points=20, reason="")
    services.adjust_priority(request=request, by=coordinator, points=20, reason="Valt bijna van de trap")
    request.refresh_from_db()
    assert request.priority_adjustment == 20
    event = request.events.get(kind=RequestEvent.Kind.PRIORITY)
    assert event.by == coordinator and "Valt bijna van de trap" in event.note and "0 → 20" in event.note
    assert AccessLogEntry.objects.filter(object_type="buurtservice.request", action="change").exists()


# ---------------------------------------------------------------------------
# Planning


def _plan(request: Any, coordinator: Any, workers: list[Any], day: dt.date, start: int = 9, end: int = 11) -> Visit:
    return services.plan_visit(
        request=request, by=coordinator, day=day, starts_at=dt.time(start), ends_at=dt.time(end), workers=workers
    )


def test_planning_a_fitting_crew_plans_the_request_and_tells_the_resident(
    service: Any,
    category: Any,
    coordinator: Any,
    team: Any,
    waterkwartier: Any,
    worker: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    request = phone_request(service, coordinator, team, category, waterkwartier, accept=True)
    day = next_weekday()
    with django_capture_on_commit_callbacks(execute=True):
        visit = _plan(request, coordinator, [worker], day)
    request.refresh_from_db()
    assert request.status == Request.Status.PLANNED
    assert visit.what_to_bring == "Snoeischaar" and list(visit.assignments.values_list("worker", flat=True)) == [
        worker.pk
    ]
    assert any(day.strftime("%-d") in body for _to, body in MemoryBackend.outbox)


def test_a_worker_is_never_booked_twice_at_the_same_time(
    service: Any, category: Any, coordinator: Any, team: Any, waterkwartier: Any, worker: Any
) -> None:
    first = phone_request(service, coordinator, team, category, waterkwartier, accept=True)
    second = phone_request(service, coordinator, team, category, waterkwartier, name="Tweede Tuin", accept=True)
    day = next_weekday()
    _plan(first, coordinator, [worker], day, 9, 11)
    with translation.override("en"), pytest.raises(services.PlanningError) as refused:
        _plan(second, coordinator, [worker], day, 10, 12)
    assert "already on another visit from 09:00 to 11:00" in " ".join(refused.value.messages)
    assert not Visit.objects.filter(request=second).exists()
    _plan(second, coordinator, [worker], day, 11, 13)  # right after: fine


def test_a_job_that_needs_a_vog_or_a_skill_refuses_who_lacks_it(
    service: Any, category: Any, coordinator: Any, team: Any, waterkwartier: Any, worker: Any
) -> None:
    request = phone_request(service, coordinator, team, category, waterkwartier, accept=True)
    request.needs_vog = True
    request.save()
    no_vog = WorkerFactory(service=service, skills=list(category.required_skills.all()), resident__name="Zonder Vog")
    no_skill = WorkerFactory(service=service, skills=[SkillFactory()], resident__name="Zonder Tuin")
    with translation.override("en"), pytest.raises(services.PlanningError) as refused:
        _plan(request, coordinator, [worker, no_vog, no_skill], next_weekday())
    messages = refused.value.messages
    assert any("Zonder Vog has no valid certificate of conduct (VOG)" in message for message in messages)
    assert any("Zonder Tuin does not have the skill this job needs: Tuinwerk" in message for message in messages)
    assert not any("Wim Werker" in message for message in messages)
    assert not Visit.objects.exists()


def test_an_expired_vog_does_not_count(
    service: Any, category: Any, coordinator: Any, team: Any, waterkwartier: Any
) -> None:
    from wijkbasis.buurtservice.tests.factories import CertificateKindFactory

    request = phone_request(service, coordinator, team, category, waterkwartier, accept=True)
    request.needs_vog = True
    request.save()
    old = WorkerFactory(service=service, skills=list(category.required_skills.all()), resident__name="Oude Vog")
    services.add_certificate(
        worker=old, kind=CertificateKindFactory(), obtained_on=timezone.localdate() - dt.timedelta(days=4 * 365)
    )
    with pytest.raises(services.PlanningError):
        _plan(request, coordinator, [old], next_weekday())


def test_availability_and_working_dates_are_respected(
    service: Any, category: Any, coordinator: Any, team: Any, waterkwartier: Any
) -> None:
    from wijkbasis.buurtservice import availability

    request = phone_request(service, coordinator, team, category, waterkwartier, accept=True)
    day = next_weekday()
    mornings_only = WorkerFactory(
        service=service,
        skills=list(category.required_skills.all()),
        availability=availability.from_days_and_parts(range(7), [availability.MORNING]),
        resident__name="Alleen Ochtend",
    )
    left = WorkerFactory(
        service=service,
        skills=list(category.required_skills.all()),
        ended_on=timezone.localdate() - dt.timedelta(days=1),
        resident__name="Al Weg",
    )
    with translation.override("en"), pytest.raises(services.PlanningError) as refused:
        _plan(request, coordinator, [mornings_only, left], day, 11, 14)
    text = " ".join(refused.value.messages)
    assert "Alleen Ochtend is not available then" in text and "Al Weg does not work with Buurtservice" in text
    _plan(request, coordinator, [mornings_only], day, 9, 12)


def test_no_visit_in_the_past_and_none_for_a_request_not_on_the_list(
    service: Any, category: Any, coordinator: Any, team: Any, waterkwartier: Any, worker: Any
) -> None:
    intake = phone_request(service, coordinator, team, category, waterkwartier)
    with pytest.raises(services.PlanningError):
        _plan(intake, coordinator, [worker], next_weekday())
    accepted = services.decide(request=intake, by=coordinator, accept=True)
    with pytest.raises(services.PlanningError):
        _plan(accepted, coordinator, [worker], timezone.localdate() - dt.timedelta(days=1))


def test_the_crew_says_klaar_then_the_coordinator_completes_and_the_resident_gives_feedback(
    service: Any,
    category: Any,
    coordinator: Any,
    team: Any,
    waterkwartier: Any,
    worker: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    request = phone_request(service, coordinator, team, category, waterkwartier, accept=True)
    helper = WorkerFactory(service=service, skills=list(category.required_skills.all()), resident__name="Hans Helper")
    today = timezone.localdate()
    # The factory's crew is available every day, so this works on a Sunday too.
    visit = services.plan_visit(
        request=request,
        by=coordinator,
        day=today,
        starts_at=dt.time(0, 0),
        ends_at=dt.time(23, 30),
        workers=[worker, helper],
    )
    first, second = visit.assignments.order_by("pk")
    with pytest.raises(ValidationError):
        services.complete_request(request=request, by=coordinator, notes="x")  # a visit is still planned
    services.crew_done(assignment=first, by=worker.resident.user or coordinator, hours=Decimal("3"))
    visit.refresh_from_db()
    assert visit.status == Visit.Status.PLANNED  # one of two is done
    services.crew_done(assignment=second, by=coordinator, hours=Decimal("2.5"))
    visit.refresh_from_db()
    request.refresh_from_db()
    assert visit.status == Visit.Status.DONE and request.status == Request.Status.IN_PROGRESS
    assert request.first_visit_on == today
    with django_capture_on_commit_callbacks(execute=True):
        services.complete_request(
            request=request,
            by=coordinator,
            notes="Heg gesnoeid, afval meegenomen.",
            photos=[ContentFile(tiny_jpeg(), name="na.jpg")],
        )
    request.refresh_from_db()
    assert request.status == Request.Status.DONE and request.done_at is not None
    assert request.photos.get().stage == RequestPhoto.Stage.COMPLETION
    assert any(request.token in body for _to, body in MemoryBackend.outbox)
    feedback = services.give_feedback(request=request, score=5, comment="Heel blij")
    request.refresh_from_db()
    assert request.status == Request.Status.EVALUATED and feedback.channel == "online"
    with pytest.raises(ValidationError):
        services.give_feedback(request=request, score=4)


def test_cancelling_the_only_visit_puts_the_job_back_on_the_list(
    service: Any, category: Any, coordinator: Any, team: Any, waterkwartier: Any, worker: Any
) -> None:
    request = phone_request(service, coordinator, team, category, waterkwartier, accept=True)
    visit = _plan(request, coordinator, [worker], next_weekday())
    services.cancel_visit(visit=visit, by=coordinator, reason="Ziek")
    request.refresh_from_db()
    assert request.status == Request.Status.ACCEPTED
    _plan(request, coordinator, [worker], next_weekday())  # the slot is free again


def test_cancelling_a_request_cancels_its_planned_visits(
    service: Any, category: Any, coordinator: Any, team: Any, waterkwartier: Any, worker: Any
) -> None:
    request = phone_request(service, coordinator, team, category, waterkwartier, accept=True)
    visit = _plan(request, coordinator, [worker], next_weekday())
    services.cancel_request(request=request, by=None, reason="resident")
    visit.refresh_from_db()
    assert visit.status == Visit.Status.CANCELLED
    with pytest.raises(ValidationError):
        services.cancel_request(request=request, by=None, reason="resident")


def test_a_deleted_photo_takes_its_file_with_it(
    service: Any,
    category: Any,
    coordinator: Any,
    team: Any,
    waterkwartier: Any,
    photo_root: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    request = phone_request(service, coordinator, team, category, waterkwartier)
    photo = RequestPhoto.objects.create(request=request, image=ContentFile(tiny_jpeg(), name="voor.jpg"))
    path = photo_root / photo.image.name
    assert path.exists() and not str(path).startswith(str(photo_root.parent / "media"))
    with django_capture_on_commit_callbacks(execute=True):
        request.delete()
    assert not path.exists()


# ---------------------------------------------------------------------------
# Crews and participants


def test_a_new_crew_member_is_taken_in_and_a_participant_gets_a_development_record(
    service: Any, coordinator: Any, team: Any, garden: Any
) -> None:
    from wijkbasis.buurtservice.tests.factories import OriginFactory

    participant = services.add_worker(
        service=service,
        by=coordinator,
        team=team,
        person=services.Person(name="Said Deelnemer", phone="0575 000 222"),
        kind=Worker.Kind.PARTICIPANT,
        origin=OriginFactory(),
        started_on=timezone.localdate(),
        skills=[garden],
    )
    assert participant.resident.source == Resident.Source.ASSISTED
    assert participant.resident.consents.filter(purpose="keep_details").exists()
    assert Development.objects.filter(worker=participant).exists()
    services.add_learning_goal(worker=participant, text="Zelfstandig een heg snoeien")
    services.add_check_in(worker=participant, by=coordinator, notes="Gaat goed, wil de basiscursus bouw doen.")
    painting = SkillFactory(name="Schilderen", slug="schilderen")
    services.record_skill_gained(worker=participant, skill=painting)
    assert painting in participant.skills.all()
    with pytest.raises(ValidationError):
        services.record_leaving(worker=participant, by=coordinator, ended_on=timezone.localdate(), outcome="")
    services.record_leaving(worker=participant, by=coordinator, ended_on=timezone.localdate(), outcome="paid_work")
    participant.refresh_from_db()
    assert participant.development.outcome == "paid_work" and participant.ended_on == timezone.localdate()


def test_inviting_a_crew_member_asks_them_to_link_their_record(
    service: Any, coordinator: Any, team: Any, django_capture_on_commit_callbacks: Any
) -> None:
    person = WorkerFactory(service=service, resident__email="klusser@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invite_worker(worker=person, by=coordinator, team=team)
    assert mail.outbox[-1].to == ["klusser@example.org"]
    person.resident.refresh_from_db()
    assert person.resident.user is None  # nothing linked until they confirm


# ---------------------------------------------------------------------------
# Figures for reports


def test_figures_per_period_count_what_was_registered(
    service: Any, category: Any, coordinator: Any, team: Any, waterkwartier: Any, worker: Any
) -> None:
    import time_machine

    from wijkbasis.buurtservice.selectors import buurtservice_figures
    from wijkbasis.buurtservice.tests.factories import CategoryFactory, OriginFactory

    wmo = CategoryFactory(name="WMO: beugels", slug="wmo-beugels", is_wmo=True)
    azc = OriginFactory(name="AZC", slug="azc")
    worker.started_on = dt.date(2025, 1, 6)
    worker.save()
    start = dt.date(2026, 3, 2)
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), tick=False):
        garden = phone_request(service, coordinator, team, category, waterkwartier, accept=True)
        bars = phone_request(service, coordinator, team, wmo, None, name="Beugel Nodig")
        services.record_intake(
            request=bars,
            by=coordinator,
            answers={},
            urgent=False,
            vulnerability="",
            needs_vog=False,
            is_wmo=True,
            wmo_reference="WMO-1",
            wmo_funding=Decimal("180"),
        )
        services.decide(request=bars, by=coordinator, accept=True)
        waiting = phone_request(service, coordinator, team, category, waterkwartier, name="Wacht Nog", accept=True)
        newcomer = WorkerFactory(service=service, kind="volunteer", origin=azc, started_on=dt.date(2026, 3, 2))
    with time_machine.travel(dt.datetime(2026, 3, 16, 8, tzinfo=dt.UTC), tick=False):
        for request in (garden, bars):
            visit = services.plan_visit(
                request=request,
                by=coordinator,
                day=dt.date(2026, 3, 16),
                starts_at=dt.time(9),
                ends_at=dt.time(11),
                workers=[worker] if request is garden else [newcomer],
            )
    with time_machine.travel(dt.datetime(2026, 3, 16, 17, tzinfo=dt.UTC), tick=False):
        for request in (garden, bars):
            visit = request.visits.get()
            services.record_visit(
                visit=visit, by=coordinator, hours={a.worker_id: Decimal("2") for a in visit.assignments.all()}
            )
            services.complete_request(request=request, by=coordinator, notes="klaar")
    figures = buurtservice_figures(municipality_id=service.municipality_id, start=start, end=dt.date(2026, 4, 30))
    assert figures.done == 2 and figures.wmo_done == 1 and figures.wmo_funding == Decimal("180")
    assert figures.districts[waterkwartier.pk].done_by_category == {"Tuin": 1}
    assert figures.districts[None].done_by_category == {"WMO: beugels": 1}  # no wijk known: counted apart
    assert figures.districts[waterkwartier.pk].requests == 2
    assert figures.districts[waterkwartier.pk].days_waited == [14]
    assert figures.new_workers == {("volunteer", "AZC"): 1}  # the fixture's worker started before the period
    assert figures.hours_by_kind == {"volunteer": Decimal("4")}
    march, april = figures.months
    assert (march.started, march.median_days_waited, march.waiting_at_end) == (2, 14, 1)  # "Wacht Nog" waits
    assert (april.started, april.waiting_at_end) == (0, 1)
    assert waiting.pk  # still on the list
    later = buurtservice_figures(
        municipality_id=service.municipality_id, start=dt.date(2026, 5, 1), end=dt.date(2026, 5, 31)
    )
    assert later.done == 0 and later.new_workers == {}


def test_a_postcode_in_a_municipality_without_buurtservice_is_said_so(service: Any, zutphen: Any) -> None:
    from types import SimpleNamespace

    from wijkbasis.areas.models import District, Municipality
    from wijkbasis.buurtservice.models import Service
    from wijkbasis.buurtservice.views.public import _service_for

    elsewhere = Municipality.objects.create(code="GM9001", name="Elders", slug="elders")
    district = District.objects.create(
        municipality=elsewhere, code="WK900100", cbs_name="Elders", name="Elders", slug="elders"
    )
    here = District.objects.get(code="WK030101")
    assert _service_for(service, SimpleNamespace(district=here)) == (service, "")
    assert _service_for(service, None) == (service, "")
    with translation.override("en"):
        same, problem = _service_for(service, SimpleNamespace(district=district))
    assert same == service and "does not work" in problem
    theirs = Service.objects.create(municipality=elsewhere)
    assert _service_for(service, SimpleNamespace(district=district)) == (theirs, "")


def test_new_volunteers_are_counted_from_placements_on_its_vacancies(service: Any, team: Any) -> None:
    """'4 new volunteers in the first half of 2023' comes from the vacancy bank: placements on
    Buurtservice's own vacancies in the period, never a typed number, never another's."""
    import time_machine

    from wijkbasis.areas.tests.factories import OrganisationFactory
    from wijkbasis.buurtservice.selectors import buurtservice_figures
    from wijkbasis.volunteering import services as volunteering
    from wijkbasis.volunteering.models import Response
    from wijkbasis.volunteering.tests.factories import ResponseFactory, VacancyFactory

    service.organisation = OrganisationFactory(name="Buurtservice Zutphen", municipality=service.municipality)
    service.save()
    broker = staff_user(team)
    crew_places = VacancyFactory(organisation=service.organisation, volunteers_needed=5)
    elsewhere = VacancyFactory(volunteers_needed=5)

    def place(vacancy: Any, when: dt.datetime) -> None:
        with time_machine.travel(when, tick=False):
            response = ResponseFactory(vacancy=vacancy)
            volunteering.move_response(
                response=response,
                to_status=Response.Status.PLACED,
                by=broker,
                placement={"start_date": when.date(), "hours_per_week": 4},
            )

    place(crew_places, dt.datetime(2026, 2, 3, 10, tzinfo=dt.UTC))
    place(crew_places, dt.datetime(2026, 5, 12, 10, tzinfo=dt.UTC))
    place(crew_places, dt.datetime(2026, 8, 4, 10, tzinfo=dt.UTC))  # after the period
    place(elsewhere, dt.datetime(2026, 3, 3, 10, tzinfo=dt.UTC))  # another organisation's volunteer
    ResponseFactory(vacancy=crew_places)  # responded, not placed

    figures = buurtservice_figures(
        municipality_id=service.municipality_id, start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30)
    )
    assert figures.new_volunteers_from_vacancies == 2
