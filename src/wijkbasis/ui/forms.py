"""Every form field rendered the NL Design System way, with accessible error links.

The renderer is set as FORM_RENDERER, so our forms and those of libraries (allauth) get
the Utrecht classes and an aria-describedby that points at both the help text and the
error message.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.forms.widgets import Input

_CLASSES: list[tuple[type[forms.Widget], str, str]] = [
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input", "utrecht-checkbox--invalid"),
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea", "utrecht-textarea--invalid"),
    (forms.Select, "utrecht-select utrecht-select--html-select", "utrecht-select--invalid"),
    # CheckboxSelectMultiple is a kind of RadioSelect in Django: it must come first.
    (forms.CheckboxSelectMultiple, "utrecht-checkbox utrecht-checkbox--html-input", ""),
    (forms.RadioSelect, "utrecht-radio-button utrecht-radio-button--html-input", ""),
    (Input, "utrecht-textbox utrecht-textbox--html-input", "utrecht-textbox--invalid"),
]


def widget_classes(widget: forms.Widget, *, invalid: bool) -> str:
    for widget_type, base, invalid_class in _CLASSES:
        if isinstance(widget, widget_type):
            return f"{base} {invalid_class}".strip() if invalid else base
    return ""


class UtrechtBoundField(BoundField):
    def build_widget_attrs(self, attrs: dict[str, Any], widget: forms.Widget | None = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        classes = widget_classes(widget, invalid=bool(self.errors))
        if classes:
            attrs["class"] = f"{attrs.get('class', '')} {classes}".strip()
        described_by = [part for part in str(attrs.get("aria-describedby", "")).split() if part]
        if self.help_text and f"{self.auto_id}_helptext" not in described_by:
            described_by.append(f"{self.auto_id}_helptext")
        if self.errors:
            described_by.append(f"{self.auto_id}_error")
        if described_by and self.auto_id:
            attrs["aria-describedby"] = " ".join(dict.fromkeys(described_by))
        if self.errors and self._is_first_invalid_field() and not getattr(self.form, "has_error_summary", False):
            # After a failed submit, focus lands where the first thing to fix is; htmx
            # honours autofocus in swapped content too. A form with an error summary
            # (ui/components/error_summary.html, rendered before the fields) gives the
            # focus to the summary instead: one autofocus per page.
            attrs["autofocus"] = True
        return attrs

    def _is_first_invalid_field(self) -> bool:
        # Hidden fields cannot take the focus: the first visible field with an error does.
        for name, field in self.form.fields.items():
            if name in self.form.errors and not field.widget.is_hidden:
                return name == self.name
        return False


class UtrechtFormRenderer(DjangoTemplates):
    bound_field_class = UtrechtBoundField
