from __future__ import annotations

from django.utils.translation import override

from wijkbasis.core.managed_lists import localized
from wijkbasis.volunteering.models import NotMatchedReason, Skill


def test_a_managed_name_follows_the_active_language() -> None:
    skill = Skill(name="Tuinieren", name_en="Gardening")
    with override("en"):
        assert skill.localized_name == str(skill) == "Gardening"
        assert str(NotMatchedReason(name="Te ver weg")) == "Te ver weg"  # no English name: the Dutch one
    with override("nl"):
        assert str(skill) == "Tuinieren"
    with override("en-gb"):
        assert localized("Koken", "Cooking") == "Cooking"
