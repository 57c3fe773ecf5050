from __future__ import annotations

import pytest

from wijkbasis.areas.models import District, Organisation
from wijkbasis.areas.tests.factories import DistrictFactory, OrganisationFactory
from wijkbasis.core.slugs import unique_slug, unique_slug_for


def test_a_slug_is_the_text_or_the_next_free_number() -> None:
    used = {"buurthuis", "buurthuis-2"}
    assert unique_slug("Buurthuis", taken=used.__contains__) == "buurthuis-3"
    assert unique_slug("Café De Hoek!", taken=used.__contains__) == "cafe-de-hoek"
    assert unique_slug("???", taken=used.__contains__, fallback="gebied") == "gebied"
    assert unique_slug("Aanmelden", taken=used.__contains__, reserved={"aanmelden"}) == "aanmelden-2"
    # Cut to leave room for a number, never ending in a dash.
    assert len(unique_slug("x" * 300, taken=used.__contains__, max_length=50)) <= 44
    assert not unique_slug("ab " * 30, taken=used.__contains__, max_length=20).endswith("-")


@pytest.mark.django_db
def test_for_a_model_the_table_says_what_is_taken() -> None:
    OrganisationFactory(name="Buurtvereniging", slug="buurtvereniging")
    assert unique_slug_for(Organisation, "Buurtvereniging") == "buurtvereniging-2"
    DistrictFactory(name="Centrum", slug="centrum")
    # A qualifier first makes it readable: the second wijk Centrum is the one in Deventer.
    assert unique_slug_for(District, "Centrum", qualifier="Deventer") == "centrum-deventer"
