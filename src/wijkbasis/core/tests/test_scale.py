"""The scale-data generator at a tiny size: counts, the same rows for the same seed, searchable."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from wijkbasis.accounts.models import Consent, Resident, User
from wijkbasis.areas.models import District, Municipality, Neighbourhood, NeighbourhoodTeam, PostcodeArea
from wijkbasis.core.scale import ScaleContext, ScaleSizes, bench_pages
from wijkbasis.volunteering.models import Response, TalentProfile, Vacancy
from wijkbasis.volunteering.search import apply_text_search

ZUTPHEN_WIJKEN = 6
TINY = ["--residents", "50", "--districts", str(ZUTPHEN_WIJKEN + 3), "--vacancies", "20", "--profiles", "10"]
TINY += ["--organisations", "5"]


def generate(seed: int) -> None:
    call_command("generate_scale_data", *TINY, "--seed", str(seed), stdout=io.StringIO(), stderr=io.StringIO())


class Discarded(Exception):
    pass


def names_for(seed: int) -> tuple[list[str], list[str]]:
    """Resident names and vacancy titles generated with this seed; the rows are rolled back."""
    try:
        with transaction.atomic():
            generate(seed)
            names = list(Resident.objects.order_by("pk").values_list("name", flat=True))
            titles = list(Vacancy.objects.order_by("pk").values_list("title", flat=True))
            raise Discarded
    except Discarded:
        pass
    return names, titles


@pytest.mark.django_db
def test_generates_the_sizes_asked_for() -> None:
    generate(301)

    assert Resident.objects.count() == 50
    assert District.objects.count() == ZUTPHEN_WIJKEN + 3
    generated = District.objects.filter(code__startswith="WK9")
    assert generated.count() == 3
    assert Municipality.objects.filter(code__startswith="GM9").count() == 1
    assert Neighbourhood.objects.filter(district__in=generated).count() >= 3 * 2
    assert NeighbourhoodTeam.objects.filter(districts__in=generated).exists()
    assert Vacancy.objects.count() == 20
    assert TalentProfile.objects.count() == 10
    assert Consent.objects.filter(purpose="keep_details").exists()
    with_account = Resident.objects.filter(user__isnull=False)
    assert 0 < with_account.count() < 50
    assert all(
        email.endswith(("@example.org", "@example.net")) for email in with_account.values_list("user__email", flat=True)
    )
    assert all(
        phone.startswith("0575 0") for phone in Resident.objects.exclude(phone="").values_list("phone", flat=True)
    )
    assert Response.objects.count() >= 0
    # Every resident lives in a buurt of their wijk, at a postcode the postcode table knows.
    for resident in Resident.objects.select_related("neighbourhood"):
        assert resident.neighbourhood is not None
        assert resident.neighbourhood.district_id == resident.district_id
        assert PostcodeArea.objects.filter(
            postcode=resident.postcode, neighbourhood_code=resident.neighbourhood.code
        ).exists()
    assert User.objects.filter(team_memberships__isnull=False).exists()


@pytest.mark.django_db
def test_same_seed_same_rows() -> None:
    first, first_titles = names_for(301)
    again, again_titles = names_for(301)
    other, _other_titles = names_for(302)

    assert len(first) == 50
    assert first == again
    assert first_titles == again_titles
    assert first != other


@pytest.mark.django_db
def test_generated_vacancies_are_found_by_the_search() -> None:
    generate(301)
    vacancy = Vacancy.objects.published().order_by("pk").first()
    assert vacancy is not None

    word = vacancy.title.split()[0]
    found = apply_text_search(Vacancy.objects.published(), word)

    assert vacancy in found
    assert found.count() >= 1


@pytest.mark.django_db
def test_bench_pages_come_from_the_data() -> None:
    generate(301)

    pages = bench_pages(ScaleContext(sizes=ScaleSizes(), stream=io.StringIO()))

    labels = [page.label for page in pages]
    assert "home" in labels
    assert sum(label.startswith("search: ") for label in labels) == 20
    assert any(page.user_id for page in pages)
