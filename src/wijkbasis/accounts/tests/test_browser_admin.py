"""The management site in a real browser: axe over the pages our code renders (index, an app's
index and lists with breadcrumbs, change pages of a resident, a vacancy, a team and a kind of job
with checkboxes for their wijken and skills), at 1280 and 320 px, and no model name broken letter
by letter on a phone. Screenshots go to /tmp/admin-shots/ (to look at, not compared)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import assert_no_axe_violations, browser_login

from wijkbasis.accounts.models import Consent, Resident, User
from wijkbasis.areas.models import District, NeighbourhoodTeam, Organisation
from wijkbasis.buurtservice.models import JobCategory
from wijkbasis.volunteering.models import Skill, Vacancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir()) / "admin-shots"

#: The words in the dashboard's model names that the browser broke over two lines ("Gebruiker / s").
BROKEN_NAMES = r"""
() => [...document.querySelectorAll(".dashboard .module th a")].filter((link) => {
  const range = document.createRange();
  range.selectNodeContents(link);
  const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
  return lines.size > 1 && !link.textContent.trim().includes(" ");
}).map((link) => link.textContent.trim())
"""


@pytest.mark.parametrize("width", [1280, 320])
def test_management_site_pages_have_no_axe_violations(page: Any, live_server: Any, zutphen: Any, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    administrator = User.objects.create_superuser(email="beheer.proef@example.org", name="Beheerder Proef")
    resident = Resident.objects.create(
        name="Hodan Ali", phone="0575 000 321", district=District.objects.get(code="WK030101"), source="assisted"
    )
    Consent.objects.create(resident=resident, purpose="keep_details", method=Consent.Method.PHONE)
    organisation = Organisation.objects.create(municipality=zutphen, name="Buurtkeuken", slug="buurtkeuken")
    skill = Skill.objects.create(name="Koken", slug="koken", category="hands")
    vacancy = Vacancy.objects.create(
        organisation=organisation,
        title="Kookvrijwilliger",
        slug="kookvrijwilliger",
        description="Koken.",
        contact_name="Els",
        time_slots=3,
    )
    vacancy.skills.add(skill)
    job_kind = JobCategory.objects.create(name="Tuin", slug="tuin")
    browser_login(page, live_server, administrator)
    SHOTS.mkdir(parents=True, exist_ok=True)
    pages = {
        "index": "/beheer/",
        "resident list": "/beheer/accounts/resident/",
        "resident change": f"/beheer/accounts/resident/{resident.pk}/change/",
        "vacancy list": "/beheer/volunteering/vacancy/",
        "vacancy change": f"/beheer/volunteering/vacancy/{vacancy.pk}/change/",
        # Breadcrumbs (axe link-in-text-block), and checkboxes, not Django's filter_horizontal.
        "accounts index": "/beheer/accounts/",
        "user list": "/beheer/accounts/user/",
        "team change": f"/beheer/areas/neighbourhoodteam/{NeighbourhoodTeam.objects.all()[0].pk}/change/",
        "job kind change": f"/beheer/buurtservice/jobcategory/{job_kind.pk}/change/",
    }
    for label, path in pages.items():
        page.goto(live_server.url + path)
        page.screenshot(path=str(SHOTS / f"{label.replace(' ', '-')}-{width}.png"), full_page=True)
        assert_no_axe_violations(page, label=f"{label} at {width}px")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, label
    page.goto(live_server.url + "/beheer/")
    assert page.evaluate(BROKEN_NAMES) == []
    assert page.locator('link[href*="core/admin"]').count() == 1  # ours, after Django's
