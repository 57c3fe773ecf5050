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


def _render(source: str, **context: object) -> str:
    from django.template import Context, Template

    return Template("{% load ui %}" + source).render(Context(context))


TABLE = """{% table %}{% caption %}Two people{% endcaption %}
{% column %}Name{% endcolumn %}{% column numeric %}Hours <span class="wb-visually-hidden">a week</span>{% endcolumn %}
{% for name, hours in people %}{% row %}
  {% cell %}<a href="#">{{ name }}</a>{% endcell %}{% cell %}{{ hours }}{% endcell %}
{% endrow %}{% endfor %}
{% endtable %}"""


def test_a_table_gives_every_cell_its_column_name_for_phones() -> None:
    html = _render(TABLE, people=[("Noor & Sem", 4), ("<b>Bas</b>", 2)])
    assert html.startswith('<div class="utrecht-table-container wb-table wb-table--stack"><table class="utrecht-table')
    assert '<caption class="utrecht-table__caption">Two people</caption>' in html
    assert '<th class="utrecht-table__header-cell" scope="col" role="columnheader">Name</th>' in html
    assert 'scope="col" role="columnheader">Hours <span class="wb-visually-hidden">a week</span></th>' in html
    # The label is plain text; the content is escaped as always.
    assert '<td class="utrecht-table__cell" role="cell" data-label="Name"><a href="#">Noor &amp; Sem</a></td>' in html
    assert '<td class="utrecht-table__cell wb-numeric" role="cell" data-label="Hours a week">4</td>' in html
    assert "&lt;b&gt;Bas&lt;/b&gt;" in html
    assert html.count('<tr class="utrecht-table__row" role="row">') == 3


def test_a_small_table_is_never_stacked_and_has_row_headers() -> None:
    html = _render(
        "{% table stack=False %}{% column %}Age{% endcolumn %}{% column numeric %}Share{% endcolumn %}"
        "{% row %}{% cell header %}0 to 15{% endcell %}{% cell %}15%{% endcell %}{% endrow %}{% endtable %}"
    )
    assert "wb-table--stack" not in html
    assert "role=" not in html
    assert "data-label" not in html
    assert "<caption" not in html
    assert (
        '<th class="utrecht-table__header-cell" scope="row">0 to 15</th>'
        '<td class="utrecht-table__cell wb-numeric">15%</td>' in html
    )


@pytest.mark.parametrize(
    "source",
    [
        "{% cell %}x{% endcell %}",
        "{% table %}{% row %}{% cell wide %}x{% endcell %}{% endrow %}{% endtable %}",
        "{% table colour='red' %}{% endtable %}",
    ],
)
def test_table_tags_used_wrongly_say_so(source: str) -> None:
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        _render(source)


def test_form_errors_lists_every_error_with_its_field_and_marks_the_form() -> None:
    from django import forms

    class Form(forms.Form):
        token = forms.CharField(widget=forms.HiddenInput, error_messages={"required": "The page is too old."})
        name = forms.CharField(label="Name", error_messages={"required": "Fill in your name."})
        agree = forms.BooleanField(
            label="I agree that you keep all of this for a year", error_messages={"required": "Tick the box."}
        )

        def clean(self) -> dict[str, object]:
            raise forms.ValidationError("Something is off.")

    form = Form(data={})
    errors = _render(
        "{% form_errors form as errors %}"
        "{% for e in errors %}[{{ e.field_id }}|{{ e.label }}|{{ e.message }}]{% endfor %}",
        form=form,
    )
    assert errors == (
        "[||Something is off.][||The page is too old.][id_name|Name|Fill in your name.][id_agree||Tick the box.]"
    )
    assert getattr(form, "has_error_summary", False)
    # With a summary, the summary takes the focus, not the first wrong field.
    assert "autofocus" not in str(form["name"])
    assert "autofocus" in str(Form(data={})["name"])
