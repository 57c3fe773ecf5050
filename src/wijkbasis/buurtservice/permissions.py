"""Who may open and post to the pages of Buurtservice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from wijkbasis.core.permissions import EVERYONE, FORBIDDEN, REDIRECT, Rule, logged_in, post_only, public
from wijkbasis.core.roles import Role

#: Team staff with the Buurtservice coordinator role; nobody else (administrators manage the lists
#: in the management site, and see requests there).
COORDINATORS = frozenset({Role.COORDINATOR})
#: A crew member is a logged-in person with a place in a crew: in the matrix world, the resident.
CREW = frozenset({Role.RESIDENT})
KIND_KEEPERS = frozenset({Role.COORDINATOR, Role.ADMINISTRATOR})

ROWS: dict[str, Rule] = {
    # --- Residents (no account needed to ask; the link in the e-mail is the key to follow it) -
    "buurtservice:start": public(),
    "buurtservice:request": public(post=REDIRECT, why="a short form with an account, a longer one without"),
    "buurtservice:status": public(why="the token in the resident's e-mail or text message is the key"),
    "buurtservice:status_feedback": post_only(EVERYONE, why="the token is the key; once the job is done"),
    "buurtservice:status_cancel": post_only(EVERYONE, why="the token is the key; while the request waits"),
    "buurtservice:my_requests": logged_in(why="each sees only their own requests"),
    # --- Crew members: only their own visits and what they need for them -------------------
    "buurtservice:today": Rule(allowed=CREW, why="only for someone on a crew (404 for everyone else)"),
    "buurtservice:assignment_done": post_only(CREW, why="only their own place on a visit"),
    "buurtservice:my_development": Rule(allowed=CREW, why="only the participant themselves (and the coordinator)"),
    "buurtservice:photo": Rule(
        allowed=COORDINATORS | CREW,
        team_scoped=True,
        why="the coordinators of the request's wijk and the crew on it; never a public address",
    ),
    # --- The coordinator ----------------------------------------------------------------------
    "buurtservice:waitlist": Rule(allowed=COORDINATORS, why="each sees the requests of their own teams' wijken"),
    "buurtservice:intake_new": Rule(allowed=COORDINATORS, post=REDIRECT),
    "buurtservice:request_detail": Rule(allowed=COORDINATORS, team_scoped=True),
    "buurtservice:request_intake": post_only(COORDINATORS, team_scoped=True),
    "buurtservice:request_decide": post_only(COORDINATORS, team_scoped=True),
    "buurtservice:request_priority": post_only(COORDINATORS, team_scoped=True),
    "buurtservice:request_cancel": post_only(COORDINATORS, team_scoped=True),
    "buurtservice:request_plan": Rule(allowed=COORDINATORS, post=REDIRECT, team_scoped=True),
    "buurtservice:request_complete": Rule(allowed=COORDINATORS, post=REDIRECT, team_scoped=True),
    "buurtservice:request_feedback": post_only(COORDINATORS, team_scoped=True),
    "buurtservice:visit": Rule(allowed=COORDINATORS, post=REDIRECT, team_scoped=True),
    "buurtservice:visit_cancel": post_only(COORDINATORS, team_scoped=True),
    "buurtservice:board": Rule(allowed=COORDINATORS, why="other teams' visits show only as 'busy'"),
    # The crews are the municipality's Buurtservice's: every coordinator there plans them.
    "buurtservice:workers": Rule(allowed=COORDINATORS),
    "buurtservice:worker_new": Rule(allowed=COORDINATORS, post=REDIRECT),
    "buurtservice:worker": Rule(allowed=COORDINATORS, post=REDIRECT, why="coordinators of the municipality"),
    "buurtservice:worker_certificate": post_only(COORDINATORS),
    "buurtservice:worker_invite": post_only(COORDINATORS),
    "buurtservice:worker_leaving": post_only(COORDINATORS),
    "buurtservice:worker_development": Rule(
        allowed=COORDINATORS, post=REDIRECT, why="a participant's development: coordinators and the participant only"
    ),
    "buurtservice:categories": Rule(allowed=KIND_KEEPERS, why="a managed list: coordinators and administrators"),
    "buurtservice:category_new": Rule(allowed=KIND_KEEPERS, post=REDIRECT),
    "buurtservice:category_edit": Rule(allowed=KIND_KEEPERS, post=REDIRECT),
    # Requests and crew members are made only through their services (intake, consent, history):
    # the management site shows them, and has no page to add one.
    "admin:buurtservice_request_add": Rule(
        allowed=frozenset({Role.ADMINISTRATOR}), ok=FORBIDDEN, post=FORBIDDEN, why="made through the intake"
    ),
    "admin:buurtservice_worker_add": Rule(
        allowed=frozenset({Role.ADMINISTRATOR}), ok=FORBIDDEN, post=FORBIDDEN, why="made by the coordinator"
    ),
    "buurtservice:dashboard": Rule(allowed=COORDINATORS, why="figures of the coordinator's own wijken"),
}


def samples(world: Any) -> None:
    """Buurtservice in Zutphen with a crew member who is the world's resident (a participant, with
    an account), requests in every state in the own team's wijk, a visit today with a photo, and
    plausible bodies for every form."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from wijkbasis.accounts.models import Consent
    from wijkbasis.areas.models import District, Place
    from wijkbasis.buurtservice import availability, services
    from wijkbasis.buurtservice.models import (
        CertificateKind,
        Development,
        EligibilityCriterion,
        JobCategory,
        Origin,
        Request,
        RequestPhoto,
        Service,
        Skill,
        Worker,
    )
    from wijkbasis.buurtservice.tests.factories import tiny_jpeg

    coordinator = world.user_of(Role.COORDINATOR)
    resident_user = world.user_of(Role.RESIDENT)
    today = timezone.localdate()
    waterkwartier = District.objects.get(code="WK030101")
    service = Service.objects.create(
        municipality=world.own_team.municipality,
        phone="0575 000 300",
        base=Place.objects.filter(slug="het-ketelhuis").first(),
        organisation=world.organisation,
    )
    garden = Skill.objects.create(name="Tuinwerk", slug="tuinwerk")
    category = JobCategory.objects.create(name="Tuin", slug="tuin", typical_hours=2, crew_size=2)
    category.required_skills.set([garden])
    vog = CertificateKind.objects.create(name="VOG", slug="vog", is_conduct_certificate=True, valid_years=3)
    origin = Origin.objects.create(name="GelreWerkt", slug="gelrewerkt")
    criterion = EligibilityCriterion.objects.create(question="Heeft u mensen die kunnen helpen?", short_label="netwerk")

    # The world's resident is on a crew: their own record, with their account (as after they
    # confirmed the coordinator's invitation).
    worker = Worker.objects.create(
        service=service,
        resident=resident_user.resident,
        kind=Worker.Kind.PARTICIPANT,
        origin=origin,
        started_on=today - dt.timedelta(days=100),
        availability=availability.from_days_and_parts(range(7), [0, 1]),
    )
    worker.skills.set([garden])
    Development.objects.create(worker=worker)
    services.add_worker(
        service=service,
        by=coordinator,
        team=world.own_team,
        person=services.Person(name="Wouter Vrijwilligerman", phone="0575 000 301"),
        kind=Worker.Kind.VOLUNTEER,
        origin=origin,
        started_on=today - dt.timedelta(days=10),
        consent_method=Consent.Method.IN_PERSON,
    )
    services.add_certificate(worker=worker, kind=vog, obtained_on=today - dt.timedelta(days=30))
    services.add_learning_goal(worker=worker, text="Op tijd beginnen")
    services.add_check_in(worker=worker, by=coordinator, notes="Gaat goed")
    services.record_skill_gained(worker=worker, skill=garden)

    def job(name: str, **extra: Any) -> Request:
        created = services.take_request_by_phone(
            service=service,
            by=coordinator,
            team=world.own_team,
            job=services.JobDetails(category=category, description="De heg is te hoog.", street="Kerkstraat", **extra),
            person=services.Person(name=name, phone="0612345678"),
            district=waterkwartier,
        )
        return created

    intake = job("Grietje Intakevraag")
    accepted = job("Henk Wachtlijstman")
    services.record_intake(
        request=accepted,
        by=coordinator,
        answers={criterion.pk: False},
        urgent=False,
        vulnerability="some",
        needs_vog=True,
        is_wmo=False,
    )
    accepted = services.decide(request=accepted, by=coordinator, accept=True)
    planned = job("Ineke Geplandhuis")
    services.decide(request=planned, by=coordinator, accept=True)
    visit = services.plan_visit(
        request=planned,
        by=coordinator,
        day=today,
        starts_at=dt.time(9, 0),
        ends_at=dt.time(11, 0),
        workers=[worker],
    )
    assignment = visit.assignments.get()
    photo = RequestPhoto.objects.create(
        request=planned, image=ContentFile(tiny_jpeg(), name="matrix.jpg"), uploaded_by=coordinator
    )
    done = job("Joost Klaarmaker")
    services.decide(request=done, by=coordinator, accept=True)
    done_visit = services.plan_visit(
        request=done, by=coordinator, day=today, starts_at=dt.time(13, 0), ends_at=dt.time(14, 0), workers=[worker]
    )
    services.record_visit(visit=done_visit, by=coordinator, hours={worker.pk: Decimal("1.0")})
    services.complete_request(request=done, by=coordinator, notes="Heg gesnoeid.")
    under_way = job("Lotte Bezigeweg")
    services.decide(request=under_way, by=coordinator, accept=True)
    under_way_visit = services.plan_visit(
        request=under_way, by=coordinator, day=today, starts_at=dt.time(11, 0), ends_at=dt.time(12, 0), workers=[worker]
    )
    services.record_visit(visit=under_way_visit, by=coordinator, hours={worker.pk: Decimal("1.0")})
    evaluated = job("Karin Beoordeeld")
    services.decide(request=evaluated, by=coordinator, accept=True)
    evaluated_visit = services.plan_visit(
        request=evaluated, by=coordinator, day=today, starts_at=dt.time(15, 0), ends_at=dt.time(16, 0), workers=[worker]
    )
    services.record_visit(visit=evaluated_visit, by=coordinator, hours={worker.pk: Decimal("1.0")})
    services.complete_request(request=evaluated, by=coordinator, notes="Klaar.")
    services.give_feedback(request=evaluated, score=4, comment="Fijn", by=coordinator, channel="phone")
    own = services.submit_request(
        service=service,
        job=services.JobDetails(category=category, description="Kast in elkaar zetten.", postcode="7201AB"),
        user=resident_user,
    )

    tomorrow = today + dt.timedelta(days=1)
    plan_body = {
        "day": tomorrow.isoformat(),
        "starts_at": "10:00",
        "ends_at": "12:00",
        "workers": [str(worker.pk)],
        "expected_status": "accepted",
    }
    world.add("buurtservice:status", token=own.token)
    world.add("buurtservice:status_feedback", post={"score": "5", "comment": "Top"}, token=done.token)
    world.add("buurtservice:status_cancel", post={"note": "Niet meer nodig"}, token=own.token)
    world.add(
        "buurtservice:request",
        post={
            "for_whom": "self",
            "category": str(category.pk),
            "description": "Lamp ophangen",
            "street": "Rozengracht",
            "house_number": "3",
            "postcode": "7201 AB",
            "name": "Iemand Anders",
            "email": "iemand.anders@example.org",
            "consent": "on",
        },
    )
    world.add("buurtservice:assignment_done", post={"hours": "2.0"}, pk=assignment.pk)
    world.add("buurtservice:photo", pk=photo.pk)
    world.add(
        "buurtservice:intake_new",
        post={
            "name": "Lies Telefoon",
            "phone": "0575 000 302",
            "street": "Weg",
            "house_number": "1",
            "postcode": "7201 AB",
            "category": str(category.pk),
            "description": "Schilderen",
            "consent_method": "phone",
            "resident_agreed": "on",
        },
    )
    world.add("buurtservice:request_detail", pk=accepted.pk)
    world.add(
        "buurtservice:request_intake",
        post={"expected_status": "intake", f"criterion_{criterion.pk}": "no", "vulnerability": "high"},
        pk=intake.pk,
    )
    world.add("buurtservice:request_decide", post={"expected_status": "intake", "decision": "accept"}, pk=intake.pk)
    world.add("buurtservice:request_priority", post={"points": "10", "reason": "Valgevaar"}, pk=accepted.pk)
    world.add(
        "buurtservice:request_cancel",
        post={"expected_status": "accepted", "reason": "no_contact", "note": ""},
        pk=accepted.pk,
    )
    world.add("buurtservice:request_plan", post=plan_body, pk=accepted.pk)
    world.add(
        "buurtservice:request_complete", post={"expected_status": "in_progress", "notes": "Klaar"}, pk=under_way.pk
    )
    world.add("buurtservice:request_feedback", post={"score": "3", "comment": "Goed"}, pk=done.pk)
    world.add("buurtservice:visit", post={f"hours_{worker.pk}": "2", "costs": "12.50"}, pk=visit.pk)
    world.add("buurtservice:visit_cancel", post={"reason": "Ziek"}, pk=visit.pk)
    world.add("buurtservice:worker", post={"kind": "participant", "started_on": "2026-01-05"}, pk=worker.pk)
    world.add(
        "buurtservice:worker_new",
        post={
            "name": "Nieuwe Klusser",
            "phone": "0575 000 303",
            "kind": "volunteer",
            "started_on": today.isoformat(),
            "consent_method": "in_person",
        },
    )
    world.add(
        "buurtservice:worker_certificate",
        post={"kind": str(vog.pk), "obtained_on": today.isoformat()},
        pk=worker.pk,
    )
    world.add("buurtservice:worker_invite", post={}, pk=worker.pk)
    world.add(
        "buurtservice:worker_leaving",
        post={"ended_on": today.isoformat(), "outcome": "paid_work"},
        pk=worker.pk,
    )
    world.add("buurtservice:worker_development", post={"action": "goal", "text": "Zelf materiaal halen"}, pk=worker.pk)
    category_body = {"name": "Schilderwerk", "typical_hours": "3", "crew_size": "2", "sort_order": "1"}
    world.add("buurtservice:category_new", post=category_body)
    world.add("buurtservice:category_edit", post={**category_body, "name": "Tuin en heg"}, pk=category.pk)
