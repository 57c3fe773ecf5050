"""The management site's widgets (core/admin_widgets.py), given to every registered admin: named
autocomplete boxes, checkboxes instead of filter_horizontal, and our stylesheet on every page."""

from __future__ import annotations

from typing import Any

from conftest import login
from django.test import Client
from django.utils import translation

from wijkbasis.accounts.models import User
from wijkbasis.areas.models import NeighbourhoodTeam


def test_autocompletes_are_named_and_short_lists_are_checkboxes(zutphen: Any) -> None:
    administrator = User.objects.create_superuser(email="beheer.proef@example.org", name="Beheerder Proef")
    client = login(Client(HTTP_ACCEPT_LANGUAGE="en"), administrator)
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        place = client.get("/beheer/areas/place/add/").content.decode()
        # Django leaves data-placeholder empty: an empty select2 box had no accessible name.
        assert 'data-placeholder="Managed by organisation"' in place  # the field's label
        assert 'data-placeholder=""' not in place
        team = NeighbourhoodTeam.objects.first()
        assert team is not None
        page = client.get(f"/beheer/areas/neighbourhoodteam/{team.pk}/change/").content.decode()
    assert 'type="checkbox" name="districts"' in page and "selectfilter" not in page
    assert "core/admin" in page and ".css" in page  # our stylesheet, after Django's
