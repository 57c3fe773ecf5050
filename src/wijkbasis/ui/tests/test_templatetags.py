"""Template filters shared by every app."""

from __future__ import annotations

import pytest

from wijkbasis.ui.templatetags.ui import breakable_email, tel_href


@pytest.mark.parametrize(
    ("phone", "expected"),
    [("0575 000 400", "+31575000400"), ("06 - 12 34 56 78", "+31612345678"), ("0032 2 123 45 67", "+3221234567")],
)
def test_tel_href(phone: str, expected: str) -> None:
    assert tel_href(phone) == expected


def test_an_email_address_may_wrap_after_the_at_sign_and_before_dots() -> None:
    assert breakable_email("noor.bakker@perspectief.example.org") == (
        "noor.bakker@<wbr>perspectief<wbr>.example<wbr>.org"
    )


def test_breakable_email_escapes_what_it_is_given() -> None:
    assert breakable_email('<b>"x"</b>@example.org') == "&lt;b&gt;&quot;x&quot;&lt;/b&gt;@<wbr>example<wbr>.org"
    assert breakable_email("") == ""
    assert breakable_email("no-at-sign") == "no-at-sign"
