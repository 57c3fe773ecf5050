from __future__ import annotations

from django.utils.translation import override

from wijkbasis.ui.breadcrumbs import breadcrumbs


def test_every_trail_starts_at_home() -> None:
    with override("en"):
        assert breadcrumbs(("Zutphen", "/gemeente/zutphen/"), ("Leesten", "")) == [
            ("Home", "/"),
            ("Zutphen", "/gemeente/zutphen/"),
            ("Leesten", ""),
        ]
