"""Widgets of the management site that axe finds nothing wrong with, given to every admin on
registration (ManagementSite.register) and to inlines that mix `AccessibleWidgetsMixin` in.

- An autocomplete (select2) box is named: Django sets `data-placeholder=""`, so an empty box's
  combobox had no accessible name (axe `aria-input-field-name`) and a multiple one's search field
  no label (axe `label`). The placeholder is the field's label now; select2 shows it in the box.
- `checkbox_fields`: a many-to-many field as a list of checkboxes in a fieldset, instead of
  `filter_horizontal`, whose JavaScript puts an `aria-label` on a span without a role (axe
  `aria-prohibited-attr`, Django's SelectFilter2.js) and which needs JavaScript to be usable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.utils.text import capfirst

if TYPE_CHECKING:
    from django.contrib import admin

    _MixedIntoAdmin = admin.options.BaseModelAdmin[Any]
else:
    _MixedIntoAdmin = object


class _Named:
    """Build attrs after Django's, which overwrite a placeholder given as an attribute."""

    placeholder: str = ""

    def build_attrs(self, base_attrs: Any, extra_attrs: Any = None) -> dict[str, Any]:
        attrs: dict[str, Any] = super().build_attrs(base_attrs, extra_attrs=extra_attrs)  # type: ignore[misc]
        attrs["data-placeholder"] = self.placeholder
        return attrs


class NamedAutocompleteSelect(_Named, AutocompleteSelect):
    pass


class NamedAutocompleteSelectMultiple(_Named, AutocompleteSelectMultiple):
    pass


class AccessibleWidgetsMixin(_MixedIntoAdmin):
    """An admin's `checkbox_fields` (a tuple of names, short lists: a team's wijken, a job's
    skills) are read with getattr: this mixin comes first in the classes register() makes, so a
    default here would hide the admin's own."""

    def formfield_for_foreignkey(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            widget = NamedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
            widget.placeholder = str(capfirst(db_field.verbose_name))
            kwargs["widget"] = widget
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if "widget" not in kwargs:
            if db_field.name in getattr(self, "checkbox_fields", ()):
                kwargs["widget"] = forms.CheckboxSelectMultiple
            elif db_field.name in self.get_autocomplete_fields(request):
                widget = NamedAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
                widget.placeholder = str(capfirst(db_field.verbose_name))
                kwargs["widget"] = widget
        return super().formfield_for_manytomany(db_field, request, **kwargs)
