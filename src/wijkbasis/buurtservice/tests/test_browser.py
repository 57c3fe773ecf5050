"""The journey in a real browser, at 1280 and 320 px, axe on every page: a resident asks for a job
→ the coordinator takes it in and accepts it → plans a visit with a crew, by keyboard alone →
records the visit and completes the job → the resident sees "klaar" and says how it went. And a
crew member's day on a phone."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import assert_no_axe_violations, browser_login
from django.utils import timezone

from wijkbasis.accounts.tests.factories import UserFactory
from wijkbasis.buurtservice import services
from wijkbasis.buurtservice.models import Assignment, Request, Visit, Worker
from wijkbasis.buurtservice.tests.conftest import phone_request
from wijkbasis.buurtservice.tests.factories import CategoryFactory, CriterionFactory, WorkerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(tempfile.gettempdir()) / "buurt-shots"


def check(page: Any, width: int, name: str) -> None:
    """axe finds nothing, nothing sticks out sideways; a screenshot to look at."""
    assert_no_axe_violations(page, label=f"{name} at {width}px")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, name
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"journey-{name}-{width}.png"), full_page=True)


@pytest.mark.parametrize("width", [1280, 320])
def test_request_accept_plan_complete_and_feedback(
    browser: Any, live_server: Any, service: Any, category: Any, coordinator: Any, worker: Any, width: int
) -> None:
    CriterionFactory(
        question="Zijn er mensen om je heen die kunnen helpen?",
        short_label="netwerk",
        rule="required",
        qualifying_answer=False,
    )
    resident_context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    resident = resident_context.new_page()
    resident.set_default_timeout(10_000)

    # 1. The resident asks, without an account, from the home page's link.
    resident.goto(live_server.url + "/")
    resident.locator('a[href="/buurtservice/"]').first.click()
    resident.wait_for_url("**/buurtservice/")
    check(resident, width, "start")
    resident.locator('main a[href^="/buurtservice/aanvragen/"]').first.click()
    resident.wait_for_url("**/buurtservice/aanvragen/**")
    check(resident, width, "request")
    resident.locator('button[type="submit"]').last.click()  # nothing filled in: every question explained
    resident.wait_for_load_state()
    assert resident.locator(".wb-error-summary").is_visible()
    assert resident.locator(".wb-error-summary").evaluate("node => node === document.activeElement")
    check(resident, width, "request-errors")
    resident.locator(f'input[name="category"][value="{category.pk}"]').check()
    resident.locator('textarea[name="description"]').fill("De heg aan de voorkant is te hoog.")
    resident.locator('input[name="street"]').fill("Rijnstraat")
    resident.locator('input[name="house_number"]').fill("12")
    resident.locator('input[name="postcode"]').fill("7201 AB")
    resident.locator('input[name="home_days"][value="1"]').check()
    resident.locator('input[name="name"]').fill("Fien Tuinvraag")
    resident.locator('input[name="phone"]').fill("06 1234 5678")
    resident.locator('input[name="consent"]').check()
    resident.locator('button[type="submit"]').last.click()
    resident.wait_for_url("**/buurtservice/aanvraag/**")
    request = Request.objects.get(resident__name="Fien Tuinvraag")
    status_url = resident.url
    assert request.status == Request.Status.REQUESTED
    check(resident, width, "status-requested")

    # 2. The coordinator takes it in and accepts it.
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    browser_login(page, live_server, coordinator)
    page.goto(live_server.url + "/werkplek/buurtservice/?tab=nieuw")
    check(page, width, "waitlist-new")
    page.locator(f'a[href="/werkplek/buurtservice/aanvragen/{request.pk}/"]').click()
    page.wait_for_url(f"**/aanvragen/{request.pk}/")
    check(page, width, "detail-requested")
    intake = page.locator(f'form[action="/werkplek/buurtservice/aanvragen/{request.pk}/intake/"]')
    intake.locator('input[value="no"]').first.check()
    intake.locator('select[name="vulnerability"]').select_option("some")
    intake.locator('button[type="submit"]').click()
    page.wait_for_url(f"**/aanvragen/{request.pk}/")
    decision = page.locator(f'form[action="/werkplek/buurtservice/aanvragen/{request.pk}/besluit/"]')
    decision.locator('input[name="decision"][value="accept"]').check()
    decision.locator('button[type="submit"]').click()
    page.wait_for_url(f"**/aanvragen/{request.pk}/")
    request.refresh_from_db()
    assert request.status == Request.Status.ACCEPTED and request.vulnerability == "some"
    check(page, width, "detail-accepted")

    # 3. Planning by keyboard alone: the day and time, then the crew, then plan.
    page.locator(f'a[href="/werkplek/buurtservice/aanvragen/{request.pk}/plannen/"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/plannen/")
    today = timezone.localdate()
    page.locator('input[name="day"]').first.fill(today.isoformat())
    page.locator('input[name="starts_at"]').first.fill("00:00")
    page.locator('input[name="ends_at"]').first.fill("02:00")
    page.locator('input[name="ends_at"]').first.focus()
    page.keyboard.press("Tab")  # to "show who can come"
    page.keyboard.press("Enter")
    page.wait_for_url("**/plannen/?day=**")
    check(page, width, "plan")
    page.locator(f"#ploeg-{worker.pk}").focus()
    page.keyboard.press("Space")
    assert page.locator(f"#ploeg-{worker.pk}").is_checked()
    page.locator('main form[method="post"] button[type="submit"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/aanvragen/{request.pk}/")
    visit = Visit.objects.get(request=request)
    assert list(visit.assignments.values_list("worker", flat=True)) == [worker.pk]
    resident.goto(status_url)
    assert "00:00–02:00" in resident.locator("main").inner_text()
    check(resident, width, "status-planned")

    # 4. The visit's hours, then the job is done.
    page.goto(live_server.url + f"/werkplek/buurtservice/bezoeken/{visit.pk}/")
    check(page, width, "visit")
    page.locator(f'input[name="hours_{worker.pk}"]').fill("2")
    page.locator('input[name="costs"]').fill("12,50")
    page.locator('main form button[type="submit"]').first.click()
    page.wait_for_url(f"**/aanvragen/{request.pk}/")
    visit.refresh_from_db()
    assert visit.status == Visit.Status.DONE and visit.costs == Decimal("12.50")
    page.locator(f'a[href="/werkplek/buurtservice/aanvragen/{request.pk}/afronden/"]').click()
    page.wait_for_url("**/afronden/")
    check(page, width, "complete")
    page.locator('textarea[name="notes"]').fill("De heg is gesnoeid en het afval is meegenomen.")
    page.locator('main form button[type="submit"]').click()
    page.wait_for_url(f"**/aanvragen/{request.pk}/")
    request.refresh_from_db()
    assert request.status == Request.Status.DONE
    check(page, width, "detail-done")

    # 5. The resident sees "klaar" and gives feedback.
    resident.goto(status_url)
    assert "Klaar!" in resident.locator("main").inner_text()
    check(resident, width, "status-done")
    resident.locator('input[name="score"][value="5"]').check()
    resident.locator('textarea[name="comment"]').fill("Heel fijn geholpen!")
    resident.locator('main form button[type="submit"]').first.click()
    resident.wait_for_url(status_url)
    request.refresh_from_db()
    assert request.status == Request.Status.EVALUATED and request.feedback.comment == "Heel fijn geholpen!"
    check(resident, width, "status-evaluated")
    context.close()
    resident_context.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_a_crew_member_says_klaar_on_a_phone(
    browser: Any,
    live_server: Any,
    service: Any,
    category: Any,
    coordinator: Any,
    team: Any,
    waterkwartier: Any,
    worker: Any,
    width: int,
) -> None:
    user = UserFactory()
    worker.resident.user = user
    worker.resident.save()
    request = phone_request(service, coordinator, team, category, waterkwartier, phone="0612345678", accept=True)
    visit = services.plan_visit(
        request=request,
        by=coordinator,
        day=timezone.localdate(),
        starts_at=dt.time(0),
        ends_at=dt.time(3),
        workers=[worker],
    )
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="nl-NL", has_touch=width == 320)
    page = context.new_page()
    browser_login(page, live_server, user, two_factor=False)
    page.goto(live_server.url + "/buurtservice/vandaag/")
    check(page, width, "crew-today")
    # Large targets: every hour and "klaar" at least 44 px.
    for target in page.locator(".bs-hours__choice label, .bs-big").all():
        box = target.bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 44
    # Two taps: the hours (3 is chosen already: the planned hours), then "klaar".
    page.locator('input[name="hours"][value="3"]').first.click()  # the tap lands on the big target
    page.locator(".bs-big").first.click()
    page.wait_for_url("**/buurtservice/vandaag/")
    visit.refresh_from_db()
    assert visit.status == Visit.Status.DONE and visit.assignments.get().hours == Decimal("3")
    check(page, width, "crew-today-done")
    context.close()


#: Words of the page (four letters or more, without a hyphen or slash where a break is fine) that
#: the browser broke over two lines: "beschikb / aar", "+12, / 9".
BROKEN_WORDS = r"""
() => {
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement || !node.parentElement.offsetParent) continue;
    if (node.parentElement.closest(".wb-visually-hidden")) continue;
    for (const match of node.textContent.matchAll(/[^\s\-\/–@.]{4,}/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}
"""


@pytest.mark.parametrize("width", [320, 1280])
def test_no_word_breaks_letter_by_letter_on_the_waiting_list_and_the_week_board(
    browser: Any,
    live_server: Any,
    service: Any,
    category: Any,
    coordinator: Any,
    team: Any,
    waterkwartier: Any,
    worker: Any,
    width: int,
) -> None:
    """A score's points ("+12,9") and the board's words ("niet beschikbaar", "(werkervaringsplek)")
    stay whole, however narrow the column: the page's words may wrap anywhere, these may not."""
    request = phone_request(service, coordinator, team, category, waterkwartier, accept=True)
    request.is_wmo, request.wmo_deadline = True, timezone.localdate() + dt.timedelta(days=38)
    request.save()
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday()) + dt.timedelta(days=7)
    crew = [worker]
    for number in range(5):
        crew.append(
            WorkerFactory(service=service, kind=Worker.Kind.PARTICIPANT, resident__name=f"Deelnemer Lange{number}naam")
        )
    long_named = phone_request(
        service, coordinator, team, CategoryFactory(name="WMO: tuin aanpassen voor de scootmobiel"), waterkwartier
    )
    for offset, member in enumerate(crew):
        for day in range(5):  # Monday to Friday; nobody works on Saturday
            visit = Visit.objects.create(
                request=long_named,
                date=monday + dt.timedelta(days=day),
                starts_at=dt.time(9 + offset),
                ends_at=dt.time(11 + offset),
            )
            Assignment.objects.create(visit=visit, worker=member)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    page = context.new_page()
    browser_login(page, live_server, coordinator)
    page.goto(live_server.url + "/werkplek/buurtservice/")
    assert "+12,9" in page.locator("main").inner_text()
    assert page.evaluate(BROKEN_WORDS) == []
    check(page, width, "waitlist-words")
    page.goto(live_server.url + f"/werkplek/buurtservice/planning/?week={monday.isoformat()}")
    assert "werkervaringsplek" in page.locator("main").inner_text()
    assert page.evaluate(BROKEN_WORDS) == []
    check(page, width, "board-words")
    context.close()


#: The smallest text in the dashboard's charts, in CSS pixels as drawn: an SVG's text counts at
#: the size its viewBox scales it to (the column charts drew their months at ~3 px on a phone).
SMALLEST_CHART_TEXT = r"""
() => {
  const sizes = [];
  for (const chart of document.querySelectorAll("main .bs-chart")) {
    for (const el of chart.querySelectorAll("*")) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (!own || !el.getClientRects().length || el.closest(".wb-visually-hidden")) continue;
      const scale = el instanceof SVGElement && el.getScreenCTM() ? el.getScreenCTM().a : 1;
      sizes.push(parseFloat(getComputedStyle(el).fontSize) * scale);
    }
  }
  return sizes.length ? Math.min(...sizes) : 0;
}
"""


@pytest.mark.parametrize("width", [320, 1280])
def test_the_dashboards_charts_are_readable_on_a_phone(
    browser: Any,
    live_server: Any,
    service: Any,
    category: Any,
    coordinator: Any,
    team: Any,
    waterkwartier: Any,
    width: int,
) -> None:
    """Found walking the demo: the charts over time were columns whose months and numbers shrank
    with the SVG to about 3 px at 320. Now bars with the numbers as text, the table kept."""
    phone_request(service, coordinator, team, category, waterkwartier, accept=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    page = context.new_page()
    browser_login(page, live_server, coordinator)
    page.goto(live_server.url + "/werkplek/buurtservice/cijfers/")
    assert page.locator("main .bs-chart").count() >= 7
    assert page.evaluate(SMALLEST_CHART_TEXT) >= 12
    months = page.locator("#grafiek-wachtlijst").locator("xpath=..").locator("tbody th").all_inner_texts()
    assert months and all(month == month.lower() for month in months), months  # "nov 2026", not "Nov 2026"
    assert page.locator("main table", has_text="Per maand").count() == 1  # the same numbers, in a table
    check(page, width, "dashboard")
    context.close()
