"""The Dutch catalogue is complete: no string reaches a Dutch user in English by accident."""

from __future__ import annotations

import re
from pathlib import Path

import polib

import wijkbasis

CATALOGUE = Path(wijkbasis.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def test_every_string_has_a_dutch_translation() -> None:
    catalogue = polib.pofile(str(CATALOGUE))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not missing, f"untranslated: {missing[:10]}"
    assert not fuzzy, f"fuzzy (a guess by makemessages, not checked): {fuzzy[:10]}"


def test_translations_keep_their_placeholders() -> None:
    """A translation that renames %(name)s breaks the page at run time; one that drops it loses facts."""
    catalogue = polib.pofile(str(CATALOGUE))
    broken = []
    for entry in catalogue.translated_entries():
        if "python-format" not in entry.flags:
            continue
        if entry.msgid_plural:
            # A singular form may say "één" instead of %(count)s; it may not invent names.
            source = _placeholders(entry.msgid) | _placeholders(entry.msgid_plural)
            if any(not _placeholders(form) <= source for form in entry.msgstr_plural.values()):
                broken.append(entry.msgid)
        elif _placeholders(entry.msgid) != _placeholders(entry.msgstr):
            broken.append(entry.msgid)
    assert not broken, broken[:10]


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\((\w+)\)[sd]", text))


def test_every_field_of_our_models_has_a_translatable_label() -> None:
    """Without a verbose_name Django makes a label from the field's name: the management site,
    forms, error messages and the personal-data download then show English ('Shared by')."""
    from django.apps import apps
    from django.db import models
    from django.utils.functional import Promise

    unlabelled = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("wijkbasis.")
        for field in model._meta.get_fields()
        if isinstance(field, models.Field)  # not a reverse relation
        and field.concrete
        and not field.auto_created
        and not isinstance(field.verbose_name, Promise)
    ]
    assert not unlabelled, unlabelled
