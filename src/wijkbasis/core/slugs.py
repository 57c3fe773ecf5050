"""Readable, unique slugs for addresses: `/organisaties/kinderboerderij-de-klaproos/`.

One rule for every app: the slugified text (cut to `max_length`), or `fallback` when nothing is
left of it; a reserved word (the name of a page next to the objects' pages, such as
`/organisaties/aanmelden/`) or a slug already taken gets `-2`, `-3`, … Which slugs are taken is
asked of `taken`: the model's table (`unique_slug_for`), or a set while generating many rows in
memory (pass `used.__contains__` and add the result to the set). Between checking and saving,
a unique constraint on the field still decides.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from django.utils.text import slugify


def unique_slug(
    text: str,
    *,
    taken: Callable[[str], bool],
    max_length: int = 50,
    reserved: Collection[str] = (),
    fallback: str = "item",
    qualifier: str = "",
) -> str:
    """With a `qualifier`, a taken slug first becomes "text qualifier" ("centrum-zutphen" for a
    second wijk Centrum), and only then gets a number."""

    def slug_of(value: str) -> str:
        # Room for a suffix: "-99999" fits in six characters.
        return slugify(value)[: max(1, max_length - 6)].strip("-")

    base = slug_of(text) or fallback
    if qualifier and (base in reserved or taken(base)):
        base = slug_of(f"{text} {qualifier}") or base
    candidate, number = base, 2
    while candidate in reserved or taken(candidate):
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def unique_slug_for(model: Any, text: str, **options: Any) -> str:
    """A slug no row of `model` has yet (its `slug` field's max_length is the limit)."""
    options.setdefault("max_length", model._meta.get_field("slug").max_length)
    return unique_slug(text, taken=lambda slug: model._default_manager.filter(slug=slug).exists(), **options)
