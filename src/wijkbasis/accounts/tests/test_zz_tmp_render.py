import pytest
pytestmark = pytest.mark.django_db

def test_lookup(zutphen, locatieserver):
    from wijkbasis.areas.postcodes import lookup_postcode
    r = lookup_postcode("7201AB")
    print(r)
    assert 0
