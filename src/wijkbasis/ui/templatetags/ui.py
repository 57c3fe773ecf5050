"""Template tags and filters shared by every app (listed in ui/README.md)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from django import forms, template
from django.template.base import FilterExpression, NodeList, Parser, Token, token_kwargs
from django.utils.html import conditional_escape, format_html, format_html_join, strip_tags
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def tel_href(phone: str) -> str:
    """'06 - 12 34 56 78' → '+31612345678' for tel: links; Dutch numbers get +31."""
    digits = re.sub(r"[^\d+]", "", phone or "")
    if digits.startswith("00"):
        return "+" + digits[2:]
    if digits.startswith("0"):
        return "+31" + digits[1:]
    return digits


@register.filter
def breakable_email(address: str) -> str:
    """An e-mail address that may wrap after "@" and before a dot, never in the middle of a word
    (narrow columns: posters, phones). Escaped first, so safe to show."""
    escaped = conditional_escape(address or "")
    local, at, domain = escaped.partition("@")
    return mark_safe(local + (at + "<wbr>" + domain.replace(".", "<wbr>.") if at else ""))  # escaped above


def _choice_input(option: Any) -> SafeString:
    """The <input> of one choice (a BoundWidget), exactly as Django's widget templates write it
    (`option.tag`): input.html with attrs.html."""
    data = option.data
    parts = [format_html('<input type="{}" name="{}"', data["type"], data["name"])]
    if data["value"] is not None:
        parts.append(format_html(' value="{}"', data["value"]))
    for name, value in data["attrs"].items():
        if value is True:
            parts.append(format_html(" {}", name))
        elif value is not False:
            parts.append(format_html(' {}="{}"', name, value))
    return mark_safe("".join(parts) + ">")  # every part escaped by format_html


@register.filter
def choice_options(field: Any) -> SafeString:
    """Every choice of a group of radios or checkboxes (a bound field) as an input with its
    label, for form_field.html. In Python, not a template loop: with 200 wijken to choose from,
    rendering a template (or two: Django's widget templates) per choice cost more than the
    rest of the page.

    A form field with `choices_cached_under = "<fragments kind>"` (choices read from the
    database, the same for everyone: wijken, skills) is rendered once per language, name and
    selection and kept as a public fragment (core.fragments) until that kind of data changes:
    no query for its choices and no rendering on most requests. Not with errors (their ids
    are linked from the inputs)."""
    kind = getattr(field.field, "choices_cached_under", None)
    if kind is None or field.errors:
        return _choice_options(field)
    from wijkbasis.core.fragments import cached_fragment

    selected = sorted(str(value) for value in _as_list(field.value()))
    parts = ("choices", field.form.__class__.__name__, field.auto_id or "", field.html_name, *selected)
    return cached_fragment(kind, parts, lambda: _choice_options(field))


def _as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _choice_options(field: Any) -> SafeString:
    kind = "radio" if field.widget_type == "radioselect" else "checkbox"
    return format_html_join(
        "",
        '<div class="utrecht-form-field utrecht-form-field--{} wb-choice">\n'
        '    {} <label class="utrecht-form-label utrecht-form-label--{}" for="{}">{}</label>\n'
        "  </div>",
        ((kind, _choice_input(option), kind, option.id_for_label, option.choice_label) for option in field),
    )


# ---------------------------------------------------------------------------
# Tables: {% table %} holding {% caption %}, {% column %}s and {% row %}s of {% cell %}s.
#
# A page writes only its content; the tags add the Utrecht classes, the scopes, and give each
# cell its column's name (data-label), which the stylesheet shows above the cell when a narrow
# screen stacks the rows as cards. Example in ui/README.md.

_TABLE = "_wb_table"


@dataclass
class _Column:
    label: SafeString
    text: str
    numeric: bool


@dataclass
class _Table:
    stack: bool
    caption: SafeString | None = None
    columns: list[_Column] = field(default_factory=list)
    next_cell: int = 0

    def role(self, name: str) -> SafeString:
        # Stacked, the cells are display: block, and some browsers (Safari) then no longer
        # treat it as a table; explicit roles keep the headers announced with each cell.
        return format_html(' role="{}"', name) if self.stack else mark_safe("")


def _table_of(context: template.Context, tag: str) -> _Table:
    table = context.get(_TABLE)
    if not isinstance(table, _Table):
        raise template.TemplateSyntaxError(f"{{% {tag} %}} belongs inside {{% table %}}")
    return table


def _parse_block(parser: Parser, token: Token, flags: set[str]) -> tuple[NodeList, set[str]]:
    """The block up to {% end<tag> %}, and the flags (bare words) given to the tag."""
    tag, *given = token.split_contents()
    unknown = set(given) - flags
    if unknown:
        raise template.TemplateSyntaxError(f"{{% {tag} %}} takes {sorted(flags) or 'nothing'}, not {sorted(unknown)}")
    nodelist = parser.parse((f"end{tag}",))
    parser.delete_first_token()
    return nodelist, set(given)


class TableNode(template.Node):
    def __init__(self, nodelist: NodeList, stack: FilterExpression | None) -> None:
        self.nodelist = nodelist
        self.stack = stack

    def render(self, context: template.Context) -> SafeString:
        table = _Table(stack=True if self.stack is None else bool(self.stack.resolve(context)))
        with context.push({_TABLE: table}):
            rows = self.nodelist.render(context)
        caption = (
            format_html('<caption class="utrecht-table__caption">{}</caption>', table.caption)
            if table.caption is not None
            else ""
        )
        headers = format_html_join(
            "",
            '<th class="utrecht-table__header-cell{}" scope="col"{}>{}</th>',
            ((" wb-numeric" if c.numeric else "", table.role("columnheader"), c.label) for c in table.columns),
        )
        return format_html(
            '<div class="utrecht-table-container wb-table{}"><table class="utrecht-table utrecht-table--html-table"{}>'
            '{}<thead class="utrecht-table__header"{}><tr class="utrecht-table__row"{}>{}</tr></thead>'
            '<tbody class="utrecht-table__body"{}>{}</tbody></table></div>',
            " wb-table--stack" if table.stack else "",
            table.role("table"),
            caption,
            table.role("rowgroup"),
            table.role("row"),
            headers,
            table.role("rowgroup"),
            mark_safe(rows.strip()),  # a rendered template
        )


@register.tag("table")
def table_tag(parser: Parser, token: Token) -> TableNode:
    """{% table %}…{% endtable %}: a table that stacks its rows as cards on a phone;
    {% table stack=False %} for a small table (two short columns) that fits as it is."""
    _tag, *bits = token.split_contents()
    options = token_kwargs(bits, parser)
    if bits or set(options) - {"stack"}:
        raise template.TemplateSyntaxError("{% table %} takes only stack=…")
    nodelist = parser.parse(("endtable",))
    parser.delete_first_token()
    return TableNode(nodelist, options.get("stack"))


class CaptionNode(template.Node):
    def __init__(self, nodelist: NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        _table_of(context, "caption").caption = mark_safe(self.nodelist.render(context).strip())  # rendered template
        return ""


@register.tag("caption")
def caption_tag(parser: Parser, token: Token) -> CaptionNode:
    """{% caption %}What the table shows{% endcaption %}, inside {% table %}."""
    nodelist, _flags = _parse_block(parser, token, set())
    return CaptionNode(nodelist)


class ColumnNode(template.Node):
    def __init__(self, nodelist: NodeList, numeric: bool) -> None:
        self.nodelist = nodelist
        self.numeric = numeric

    def render(self, context: template.Context) -> str:
        label = self.nodelist.render(context).strip()
        # The plain text goes into an attribute; format_html escapes it again.
        text = " ".join(html.unescape(strip_tags(label)).split())
        _table_of(context, "column").columns.append(_Column(mark_safe(label), text, self.numeric))  # rendered template
        return ""


@register.tag("column")
def column_tag(parser: Parser, token: Token) -> ColumnNode:
    """{% column %}Name{% endcolumn %}: one column header, in order; {% column numeric %} aligns
    the column's numbers at the end."""
    nodelist, flags = _parse_block(parser, token, {"numeric"})
    return ColumnNode(nodelist, "numeric" in flags)


class RowNode(template.Node):
    def __init__(self, nodelist: NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> SafeString:
        table = _table_of(context, "row")
        table.next_cell = 0
        cells = mark_safe(self.nodelist.render(context).strip())  # a rendered template
        return format_html('<tr class="utrecht-table__row"{}>{}</tr>', table.role("row"), cells)


@register.tag("row")
def row_tag(parser: Parser, token: Token) -> RowNode:
    """{% row %}{% cell %}…{% endcell %}…{% endrow %}: one row of the table."""
    nodelist, _flags = _parse_block(parser, token, set())
    return RowNode(nodelist)


class CellNode(template.Node):
    def __init__(self, nodelist: NodeList, header: bool) -> None:
        self.nodelist = nodelist
        self.header = header

    def render(self, context: template.Context) -> SafeString:
        table = _table_of(context, "cell")
        column = table.columns[table.next_cell] if table.next_cell < len(table.columns) else None
        table.next_cell += 1
        tag = "th" if self.header else "td"
        return format_html(
            '<{} class="{}{}"{}{}{}>{}</{}>',
            tag,
            "utrecht-table__header-cell" if self.header else "utrecht-table__cell",
            " wb-numeric" if column is not None and column.numeric else "",
            mark_safe(' scope="row"') if self.header else "",
            table.role("rowheader" if self.header else "cell"),
            # The column's name, shown above the cell when stacked.
            format_html(' data-label="{}"', column.text) if table.stack and column is not None and column.text else "",
            mark_safe(self.nodelist.render(context).strip()),  # a rendered template
            tag,
        )


@register.tag("cell")
def cell_tag(parser: Parser, token: Token) -> CellNode:
    """{% cell %}…{% endcell %}: the next column's cell; {% cell header %} names the row
    (a row header, th scope="row")."""
    nodelist, flags = _parse_block(parser, token, {"header"})
    return CellNode(nodelist, "header" in flags)


# ---------------------------------------------------------------------------
# Error summary (ui/components/error_summary.html)


@dataclass(frozen=True)
class FormError:
    message: str
    label: str = ""
    #: The id of the field's input (of the first choice, for radio buttons and checkboxes).
    field_id: str = ""


@register.simple_tag
def form_errors(form: forms.BaseForm) -> list[FormError]:
    """Every error of a bound form, in the order of its fields: first those of the form as a
    whole and of hidden fields (no field to link to), then one per error of a visible field.

    Marks the form as summarised: its first wrong field then no longer takes the focus
    (ui/forms.py), the summary does, so one element on the page has autofocus."""
    errors = [FormError(str(message)) for message in form.non_field_errors()]
    for hidden in form.hidden_fields():
        errors.extend(FormError(str(message)) for message in hidden.errors)
    for visible in form.visible_fields():
        # A single checkbox's label is a whole statement ("I agree that …"): its message says enough.
        label = "" if isinstance(visible.field.widget, forms.CheckboxInput) else str(visible.label)
        # Radios and checkboxes in a fieldset have no input of their own: link to the first choice.
        choices = visible.subwidgets if not visible.id_for_label and visible.errors else []
        target = visible.id_for_label or (choices[0].id_for_label if choices else "")
        errors.extend(FormError(str(message), label, target) for message in visible.errors)
    # A flag of ours on Django's form, read by ui/forms.py; Form does not declare it.
    form.has_error_summary = True  # type: ignore[attr-defined]  # our flag, read by ui/forms.py
    return errors
