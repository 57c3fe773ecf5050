"""Managed lists (skills, reasons, categories) in every language the site speaks.

A managed list is data, not code, so gettext cannot translate it: each item keeps its name per
language. `name` is the name in the site's default language (Dutch); `name_en` the English one.
Pages, forms and e-mails show `localized_name` (let `__str__` return it, so form choices follow), so an English
page is English throughout; an item without an English name shows its Dutch one.

    class Skill(LocalizedName, models.Model):
        name = models.CharField(_("name"), max_length=80, unique=True)
        name_en = english_name_field(max_length=80)

        def __str__(self) -> str:
            return self.localized_name

Loading names for many items at once (values_list): `localized(dutch, english)`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def localized(name: str, name_en: str) -> str:
    """The name for the active language: English on English pages when there is one."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return name_en if language == "en" and name_en else name


def english_name_field(*, max_length: int) -> Any:
    return models.CharField(
        _("name in English"), max_length=max_length, blank=True, help_text=_("Shown on English pages.")
    )


class LocalizedName:
    """Mixin for a model with `name` and `name_en`."""

    name: str
    name_en: str

    @property
    def localized_name(self) -> str:
        return localized(self.name, self.name_en)
