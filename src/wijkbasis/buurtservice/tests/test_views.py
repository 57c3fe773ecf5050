"""Buurtservice's pages through the test client: what each person sees and may do, forms that
keep input and explain, photos only for coordinator and crew, development only for coordinator
and participant, another team's requests a 404, and query counts that do not grow with data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from conftest import login, page_text
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from wijkbasis.accounts.tests.factories import UserFactory, staff_user
from wijkbasis.buurtservice import services
from wijkbasis.buurtservice.models import Assignment, Development, Request, RequestPhoto, Visit, Worker
from wijkbasis.buurtservice.tests.conftest import next_weekday, phone_request
from wijkbasis.buurtservice.tests.factories import WorkerFactory, tiny_jpeg
from wijkbasis.core.models import AccessLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Any:
    """New strings are not translated yet: these tests read the English text."""
    with translation.override("en"):
        yield


def _client(user: Any, *, two_factor: bool = True) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    login(client, user, two_factor=two_factor)
    client.cookies["django_language"] = "en"
    return client


# ---------------------------------------------------------------------------
# The resident


def test_asking_without_an_account_keeps_input_and_explains_in_plain_words(service: Any, category: Any) -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("buurtservice:request"),
        {"for_whom": "other", "category": str(category.pk), "description": "Heg", "postcode": "12", "name": "Fien"},
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "Fill in a postcode with four digits and two letters" in text
    assert "Fill in your phone number or your e-mail address" in text
    assert "Fill in the name of the person the job is for" in text
    assert "Without this permission we cannot help" in text
    assert 'value="Fien"' in response.content.decode()
    assert not Request.objects.exists()


def test_asking_with_photos_and_following_the_request_by_its_link(service: Any, category: Any, photo_root: Any) -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("buurtservice:request"),
        {
            "for_whom": "self",
            "category": str(category.pk),
            "description": "De heg is te hoog.",
            "street": "Rijnstraat",
            "house_number": "12",
            "postcode": "7201 AB",
            "home_days": ["0", "2"],
            "home_parts": ["0"],
            "name": "Fien Vraagt",
            "phone": "06 1234 5678",
            "consent": "on",
            "photos": [
                SimpleUploadedFile("a.jpg", tiny_jpeg(), content_type="image/jpeg"),
                SimpleUploadedFile("b.jpg", tiny_jpeg(colour="red"), content_type="image/jpeg"),
            ],
        },
    )
    request = Request.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("buurtservice:status", args=[request.token])
    assert request.photos.count() == 2 and request.home_slots == 0b10001
    assert all((photo_root / photo.image.name).exists() for photo in request.photos.all())
    page = client.get(response["Location"])
    text = page_text(page)
    assert "Your request: Tuin" in text and "Request received" in text
    assert "We count how many jobs of this kind" in text  # the method, in one sentence
    # The photos are not on the resident's page, nor anywhere public.
    assert "/fotos/" not in page.content.decode()
    photo = request.photos.all()[0]
    assert client.get(reverse("buurtservice:photo", args=[photo.pk])).status_code == 302
    assert client.get(f"/media/{photo.image.name}").status_code == 404


def test_a_logged_in_resident_sees_their_place_and_expected_wait_and_gives_feedback(
    service: Any, category: Any, coordinator: Any, team: Any, waterkwartier: Any, worker: Any
) -> None:
    user = UserFactory()
    own = services.submit_request(
        service=service, job=services.JobDetails(category=category, description="Heg", street="Kerkstraat"), user=user
    )
    own.district = waterkwartier
    own.save()
    before = phone_request(service, coordinator, team, category, waterkwartier, urgent=True, accept=True)
    services.decide(request=own, by=coordinator, accept=True)
    client = _client(user, two_factor=False)
    text = page_text(client.get(reverse("buurtservice:status", args=[own.token])))
    assert "You are number 2 of 2 on the waiting list." in text
    assert "We cannot say yet how long it takes" in text  # nothing started lately: no guess
    listing = page_text(client.get(reverse("buurtservice:my_requests")))
    assert "Tuin" in listing and before.resident.name not in listing
    # Done: the resident sees "klaar" and says how it went.
    visit = services.plan_visit(
        request=own,
        by=coordinator,
        day=timezone.localdate(),
        starts_at=dt.time(0),
        ends_at=dt.time(1),
        workers=[worker],
    )
    services.record_visit(visit=visit, by=coordinator, hours={worker.pk: Decimal("1")})
    services.complete_request(request=own, by=coordinator, notes="De heg is gesnoeid.")
    page = page_text(client.get(reverse("buurtservice:status", args=[own.token])))
    assert "Klaar!" in page and "How did it go?" in page
    response = client.post(reverse("buurtservice:status_feedback", args=[own.token]), {"score": "5", "comment": "Top"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == Request.Status.EVALUATED and own.feedback.score == 5
    assert "Thank you for your opinion: 5 out of 5." in page_text(client.get(response["Location"]))


def test_a_resident_can_cancel_while_waiting(service: Any, category: Any) -> None:
    user = UserFactory()
    own = services.submit_request(
        service=service, job=services.JobDetails(category=category, description="Heg"), user=user
    )
    response = _client(user, two_factor=False).post(
        reverse("buurtservice:status_cancel", args=[own.token]), {"note": "Mijn zoon doet het"}
    )
    own.refresh_from_db()
    assert response.status_code == 302 and own.status == Request.Status.CANCELLED
    assert own.decision_note == "Mijn zoon doet het"


def test_the_services_phone_is_tap_to_call_where_the_resident_asks_and_follows(service: Any, category: Any) -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    asking = client.get(reverse("buurtservice:request")).content.decode()
    assert 'href="tel:+31575000300">0575 000 300</a>' in asking
    own = services.submit_request(
        service=service,
        job=services.JobDetails(category=category, description="Heg"),
        requester=services.Person(name="Fien Belt", phone="0612345678"),
    )
    following = client.get(reverse("buurtservice:status", args=[own.token])).content.decode()
    assert 'href="tel:+31575000300">0575 000 300</a>' in following


def test_an_unknown_or_malformed_token_is_a_404(service: Any) -> None:
    client = Client()
    for token in ("bestaat-niet", "x" * 300, "%00"):
        assert client.get(f"/buurtservice/aanvraag/{token}/").status_code == 404


# ---------------------------------------------------------------------------
# The coordinator


def test_another_teams_requests_are_a_404_for_its_coordinator(
    service: Any, category: Any, coordinator: Any, other_coordinator: Any, team: Any, waterkwartier: Any
) -> None:
    request = phone_request(service, coordinator, team, category, waterkwartier, accept=True)
    mine = _client(coordinator)
    theirs = _client(other_coordinator)
    assert mine.get(reverse("buurtservice:request_detail", args=[request.pk])).status_code == 200
    for name in ("request_detail", "request_plan", "request_complete"):
        assert theirs.get(reverse(f"buurtservice:{name}", args=[request.pk])).status_code == 404
    assert (
        theirs.post(
            reverse("buurtservice:request_priority", args=[request.pk]), {"points": "5", "reason": "x"}
        ).status_code
        == 404
    )
    assert request.resident.name not in page_text(theirs.get(reverse("buurtservice:waitlist")))
    assert request.resident.name in page_text(mine.get(reverse("buurtservice:waitlist")))
    # A broker of the own team is no coordinator: the pages do not exist for them.
    broker = staff_user(team)
    assert _client(broker).get(reverse("buurtservice:waitlist")).status_code == 404


def test_the_tabs_of_the_requests_page_are_in_the_catalogue() -> None:
    """Marked for translation where they are written (lazily), so makemessages finds them: a label
    given to gettext only at run time never reaches the catalogue and stays English."""
    from django.utils.functional import Promise

    from wijkbasis.buurtservice.views.coordinator import TABS

    assert all(isinstance(label, Promise) for _key, _statuses, label in TABS)


def test_the_coordinator_sees_the_score_with_its_parts_and_changes_it_with_a_reason(
    service: Any, category: Any, coordinator: Any, team: Any, waterkwartier: Any
) -> None:
    request = phone_request(service, coordinator, team, category, waterkwartier, urgent=True, accept=True)
    client = _client(coordinator)
    text = page_text(client.get(reverse("buurtservice:waitlist")))
    assert "urgent +30" in text and "Score 30" in text
    refused = client.post(reverse("buurtservice:request_priority", args=[request.pk]), {"points": "15", "reason": ""})
    assert refused.status_code == 200 and "Say why you change the priority" in page_text(refused)
    client.post(reverse("buurtservice:request_priority", args=[request.pk]), {"points": "15", "reason": "Valgevaar"})
    text = page_text(client.get(reverse("buurtservice:request_detail", args=[request.pk])))
    assert "coordinator: Valgevaar +15" in text and "Score 45" in text
    assert "0 → 15 points: Valgevaar" in text  # in the history


def test_planning_by_keyboard_shows_who_fits_and_refuses_with_every_reason(
    service: Any, category: Any, coordinator: Any, team: Any, waterkwartier: Any, worker: Any
) -> None:
    request = phone_request(service, coordinator, team, category, waterkwartier, accept=True)
    request.needs_vog = True
    request.save()
    no_vog = WorkerFactory(service=service, skills=list(category.required_skills.all()), resident__name="Zonder Vog")
    client = _client(coordinator)
    day = next_weekday()
    url = reverse("buurtservice:request_plan", args=[request.pk])
    page = client.get(url, {"day": day.isoformat(), "starts_at": "09:00", "ends_at": "11:00"})
    text = page_text(page)
    assert "Wim Werker (volunteer) — fits" in text
    assert "Zonder Vog has no valid certificate of conduct (VOG)" in text
    body = {"day": day.isoformat(), "starts_at": "09:00", "ends_at": "11:00", "expected_status": "accepted"}
    refused = client.post(url, {**body, "workers": [str(worker.pk), str(no_vog.pk)], "what_to_bring": "Ladder"})
    assert refused.status_code == 200
    assert "Zonder Vog has no valid certificate of conduct" in page_text(refused)
    assert 'value="Ladder"' in refused.content.decode() and not Visit.objects.exists()
    planned = client.post(url, {**body, "workers": [str(worker.pk)]})
    assert planned.status_code == 302 and Visit.objects.get().assignments.get().worker == worker
    # The same slot again (another request): refused as a double booking.
    other = phone_request(service, coordinator, team, category, waterkwartier, name="Andere Tuin", accept=True)
    again = client.post(reverse("buurtservice:request_plan", args=[other.pk]), {**body, "workers": [str(worker.pk)]})
    assert "Wim Werker is already on another visit from 09:00 to 11:00" in page_text(again)


def test_the_phone_intake_form_keeps_input(service: Any, coordinator: Any, category: Any) -> None:
    response = _client(coordinator).post(
        reverse("buurtservice:intake_new"), {"name": "Mevrouw Bos", "category": str(category.pk)}
    )
    assert response.status_code == 200 and 'value="Mevrouw Bos"' in response.content.decode()
    assert "This field is required" in page_text(response) or "required" in page_text(response).lower()
    assert not Request.objects.exists()


def test_photos_only_for_the_coordinator_and_the_crew_on_the_job(
    service: Any, category: Any, coordinator: Any, other_coordinator: Any, team: Any, waterkwartier: Any, worker: Any
) -> None:
    from django.core.files.base import ContentFile

    request = phone_request(service, coordinator, team, category, waterkwartier, accept=True)
    photo = RequestPhoto.objects.create(request=request, image=ContentFile(tiny_jpeg(), name="x.jpg"))
    url = reverse("buurtservice:photo", args=[photo.pk])
    crew_user = UserFactory()
    worker.resident.user = crew_user
    worker.resident.save()
    other_crew = WorkerFactory(service=service, resident__user=UserFactory())
    assert _client(coordinator).get(url).status_code == 200
    assert _client(other_coordinator).get(url).status_code == 404
    assert _client(crew_user, two_factor=False).get(url).status_code == 404  # not on a visit of it yet
    services.plan_visit(
        request=request, by=coordinator, day=next_weekday(), starts_at=dt.time(9), ends_at=dt.time(10), workers=[worker]
    )
    response = _client(crew_user, two_factor=False).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    assert response.getvalue()[:2] == b"\xff\xd8"  # the streamed file, joined
    assert _client(other_crew.resident.user, two_factor=False).get(url).status_code == 404
    assert _client(request.resident.user or UserFactory(), two_factor=False).get(url).status_code == 404
    assert AccessLogEntry.objects.filter(object_type="buurtservice.requestphoto", action="view").count() == 2


def test_a_participants_development_only_for_coordinator_and_participant(
    service: Any, coordinator: Any, other_coordinator: Any, team: Any
) -> None:
    participant_user = UserFactory()
    participant = WorkerFactory(service=service, kind=Worker.Kind.PARTICIPANT, resident__user=participant_user)
    Development.objects.create(worker=participant)
    services.add_check_in(worker=participant, by=coordinator, notes="Wil graag de basiscursus bouw doen")
    url = reverse("buurtservice:worker_development", args=[participant.pk])
    assert "basiscursus bouw" in page_text(_client(coordinator).get(url))
    assert _client(other_coordinator).get(url).status_code == 200  # Buurtservice's crews are city-wide
    for role in ("team_lead", "community_broker", "social_worker"):
        assert _client(staff_user(team, role=role)).get(url).status_code == 404
    admin = UserFactory(is_staff=True, is_superuser=True)
    assert _client(admin).get(url).status_code == 404
    own = _client(participant_user, two_factor=False).get(reverse("buurtservice:my_development"))
    assert own.status_code == 200 and "basiscursus bouw" in page_text(own)
    colleague = WorkerFactory(service=service, resident__user=UserFactory())
    assert (
        _client(colleague.resident.user, two_factor=False).get(reverse("buurtservice:my_development")).status_code
        == 404
    )


def test_the_crew_members_day_and_klaar_in_two_taps(
    service: Any, category: Any, coordinator: Any, team: Any, waterkwartier: Any, worker: Any
) -> None:
    crew_user = UserFactory()
    worker.resident.user = crew_user
    worker.resident.save()
    request = phone_request(service, coordinator, team, category, waterkwartier, phone="0612345678", accept=True)
    visit = services.plan_visit(
        request=request,
        by=coordinator,
        day=timezone.localdate(),
        starts_at=dt.time(0),
        ends_at=dt.time(2),
        workers=[worker],
    )
    client = _client(crew_user, two_factor=False)
    page = client.get(reverse("buurtservice:today"))
    html = page.content.decode()
    assert 'href="tel:+31612345678"' in html and "openstreetmap.org/search?query=Dijkstraat" in html
    assert "Snoeischaar" in page_text(page) and "Tuin" in page_text(page)
    assignment = visit.assignments.get()
    assert f'value="2" id="uren-{assignment.pk}-2" checked' in html  # the planned hours, chosen already
    response = client.post(reverse("buurtservice:assignment_done", args=[assignment.pk]), {"hours": "2"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    visit.refresh_from_db()
    assert assignment.hours == Decimal("2") and visit.status == Visit.Status.DONE
    # Someone else's place on a visit does not exist for them.
    other = WorkerFactory(service=service, resident__user=UserFactory())
    foreign = Assignment.objects.create(visit=visit, worker=other)
    assert client.post(reverse("buurtservice:assignment_done", args=[foreign.pk]), {"hours": "2"}).status_code == 404
    # Not on a crew: no day view.
    assert _client(UserFactory(), two_factor=False).get(reverse("buurtservice:today")).status_code == 404


def test_a_crew_member_lands_on_their_day_after_logging_in(service: Any, team: Any, coordinator: Any) -> None:
    """Found walking the demo: the crew member landed on Mijn gegevens, their day the 7th link."""
    crew_user = UserFactory()
    WorkerFactory(service=service, resident__user=crew_user)
    landed = _client(crew_user, two_factor=False).get(reverse("accounts:start"), follow=True)
    assert landed.redirect_chain[-1][0] == reverse("buurtservice:today") and landed.status_code == 200
    # Someone who left the crew, a resident, and crew who are staff too: as before.
    former = UserFactory()
    WorkerFactory(
        service=service,
        resident__user=former,
        started_on=timezone.localdate() - dt.timedelta(days=90),
        ended_on=timezone.localdate() - dt.timedelta(days=1),
    )
    assert _client(former, two_factor=False).get(reverse("accounts:start"))["Location"] == reverse("accounts:profile")
    resident = UserFactory()
    assert _client(resident, two_factor=False).get(reverse("accounts:start"))["Location"] == reverse("accounts:profile")
    staff = staff_user(team, role="coordinator", name="Sam Ploegleider")
    WorkerFactory(service=service, resident__user=staff, kind=Worker.Kind.STAFF)
    assert _client(staff).get(reverse("accounts:start"))["Location"] == reverse("accounts:werkplek")


# ---------------------------------------------------------------------------
# Query counts: the same with growing data


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def _grow(
    service: Any, coordinator: Any, team: Any, category: Any, district: Any, workers: list[Any], number: int
) -> None:
    day = next_weekday()
    for index in range(number):
        request = phone_request(service, coordinator, team, category, district, name=f"Groei {index}", accept=True)
        if index < len(workers):
            services.plan_visit(
                request=request,
                by=coordinator,
                day=day,
                starts_at=dt.time(9),
                ends_at=dt.time(10),
                workers=[workers[index]],
            )
        elif index % 3:
            services.adjust_priority(request=request, by=coordinator, points=index % 5, reason="x")


@pytest.mark.parametrize(
    "page",
    ["buurtservice:waitlist", "buurtservice:board", "buurtservice:dashboard", "buurtservice:workers"],
)
def test_query_counts_do_not_grow_with_the_data(
    page: str, service: Any, category: Any, coordinator: Any, team: Any, waterkwartier: Any, garden: Any
) -> None:
    client = _client(coordinator)
    workers = [WorkerFactory(service=service, skills=[garden], resident__name=f"Werker {n}") for n in range(3)]
    _grow(service, coordinator, team, category, waterkwartier, workers, 5)  # 3 planned, 2 waiting
    url = reverse(page)
    client.get(url)  # warm: the session, the content types
    small = _queries(client, url)
    more = [WorkerFactory(service=service, skills=[garden], resident__name=f"Extra {n}") for n in range(9)]
    _grow(service, coordinator, team, category, waterkwartier, more, 12)
    client.get(url)  # the waiting list is ordered again once after a change (selectors.waiting_list)
    assert _queries(client, url) == small, page


def test_the_coordinators_werkplek_says_what_waits(
    service: Any, category: Any, coordinator: Any, other_coordinator: Any, team: Any, waterkwartier: Any
) -> None:
    services.submit_request(
        service=service,
        job=services.JobDetails(category=category, description="Heg"),
        requester=services.Person(name="Online Vrager", phone="0612345678"),
    )  # no wijk known: every coordinator of the municipality sees it
    phone_request(service, coordinator, team, category, waterkwartier)  # at intake
    text = page_text(_client(coordinator).get(reverse("accounts:werkplek")))
    assert "1 new odd-job request to take in" in text and "1 odd-job request waits for a decision" in text
    other = page_text(_client(other_coordinator).get(reverse("accounts:werkplek")))
    assert "1 new odd-job request to take in" in other and "for a decision" not in other
    assert "odd-job" not in page_text(_client(staff_user(team)).get(reverse("accounts:werkplek")))


def test_who_looked_says_in_words_which_job_the_coordinator_opened(
    service: Any, category: Any, coordinator: Any, team: Any, waterkwartier: Any
) -> None:
    user = UserFactory()
    own = services.submit_request(
        service=service, job=services.JobDetails(category=category, description="Heg"), user=user
    )
    own.district = waterkwartier
    own.save()
    _client(coordinator).get(reverse("buurtservice:request_detail", args=[own.pk]))
    text = page_text(_client(user, two_factor=False).get(reverse("accounts:who_looked")))
    assert "your request: Tuin" in text and coordinator.name in text
    mine = page_text(_client(coordinator).get(reverse("accounts:my_accesses")))
    assert f"the request of {own.resident.name}: Tuin" in mine
