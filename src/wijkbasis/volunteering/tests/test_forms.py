"""The vacancy bank's forms: hours the Dutch way, conditions said instead of "(optional)", one step at a time."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils.translation import override

from wijkbasis.volunteering.forms.fields import HoursField
from wijkbasis.volunteering.forms.organisation import VacancyForm
from wijkbasis.volunteering.forms.steps import StepForm

pytestmark = pytest.mark.django_db


def test_hours_are_read_and_shown_in_the_active_language() -> None:
    field = HoursField(required=False)
    with override("nl"):
        assert field.clean("2,5") == Decimal("2.5")
        assert field.prepare_value(Decimal("2.0")) == "2"
        assert field.prepare_value(Decimal("2.5")) == "2,5"
    with override("en"):
        assert field.clean("2.5") == Decimal("2.5")


def test_fields_needed_in_some_cases_say_so_and_are_not_optional() -> None:
    form = VacancyForm()
    for name in ("place", "address", "districts", "starts_at", "contact_phone", "contact_email"):
        assert getattr(form.fields[name], "conditionally_required", False), name
        assert form.fields[name].help_text, name
    assert not getattr(form.fields["expense_allowance"], "conditionally_required", False)


def test_one_off_without_a_start_is_a_required_error_on_its_field() -> None:
    form = VacancyForm(
        {
            "title": "Klus",
            "description": "x",
            "where": "from_home",
            "when": "one_off",
            "contact_name": "Els",
            "contact_email": "els@example.org",
            "language_level": "none",
            "volunteers_needed": "1",
        }
    )
    assert not form.is_valid()
    assert [error.code for error in form.errors.as_data()["starts_at"]] == ["required"]


@pytest.mark.parametrize(
    ("step", "back", "fields"),
    [
        ("contacted", False, set()),
        ("placed", False, {"start_date", "hours_per_week"}),
        ("ended", False, {"end_reason"}),
        ("not_matched", False, {"not_matched_reason"}),
        ("contacted", True, {"reason"}),
    ],
)
def test_a_step_asks_only_for_its_own_fields(step: str, back: bool, fields: set[str]) -> None:
    form = StepForm(step=step, back=back)
    assert set(form.fields) - {"to_status", "expected_status"} == fields
