"""Postcode → buurt → wijk.

Answers come from the database first. What is not there yet is asked of PDOK
Locatieserver, the public Dutch geocoder, whose postcode documents carry the CBS buurt and
wijk codes; every answer is stored (PostcodeArea), so each postcode is asked only once.
Without network the database is all there is: it can be filled completely from the CBS
file "buurt, wijk en gemeente voor postcode huisnummer" (`wijkbasis import-postcodes`).
Nothing is ever guessed: when no source knows, the resident picks the wijk.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import httpx
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wijkbasis.areas.models import District, Neighbourhood, PostcodeArea

logger = logging.getLogger(__name__)

# Four digits, the first not 0, then optionally two letters. SA, SD and SS are not used
# in Dutch postcodes (PostNL), so those are typing errors.
_POSTCODE = re.compile(r"^([1-9][0-9]{3})(?:([A-Z]{2}))?$")
_UNUSED_LETTERS = {"SA", "SD", "SS"}

#: Locatieserver fields we read; asking only for these keeps answers small.
_FIELDS = "postcode,buurtcode,buurtnaam,wijkcode,wijknaam,gemeentecode,gemeentenaam"
_PAGE_SIZE = 100
_MAX_PAGES = 20


def normalise_postcode(raw: str) -> str | None:
    """'7201 ab' → '7201AB', ' 7201 ' → '7201'; None when it is not a Dutch postcode."""
    compact = re.sub(r"[\s\-.]", "", raw or "").upper()
    match = _POSTCODE.match(compact)
    if not match or match.group(2) in _UNUSED_LETTERS:
        return None
    return compact


def format_postcode(postcode: str) -> str:
    """'7201AB' → '7201 AB', as Dutch postcodes are written."""
    return f"{postcode[:4]} {postcode[4:]}" if len(postcode) == 6 else postcode


class LookupStatus(StrEnum):
    FOUND = "found"  # in one or more wijken of this installation
    OUTSIDE = "outside"  # a real postcode, but in another municipality
    UNKNOWN = "unknown"  # no such postcode
    UNAVAILABLE = "unavailable"  # not in the database and Locatieserver could not be asked


@dataclass
class LookupResult:
    postcode: str
    status: LookupStatus
    districts: list[District] = field(default_factory=list)
    neighbourhoods: list[Neighbourhood] = field(default_factory=list)
    other_municipalities: list[str] = field(default_factory=list)

    @property
    def district(self) -> District | None:
        """The one wijk of this postcode, or None when there are none or several."""
        return self.districts[0] if len(self.districts) == 1 else None

    @property
    def display(self) -> str:
        return format_postcode(self.postcode)


class LocatieserverUnavailable(Exception):
    """Locatieserver could not be reached or gave an answer we cannot read."""


@dataclass(frozen=True)
class PostcodeAnswer:
    neighbourhood_code: str
    district_code: str
    municipality_code: str
    municipality_name: str
    address_count: int | None = None


def _transport() -> httpx.BaseTransport | None:
    """The HTTP transport for Locatieserver; tests replace this with recorded answers."""
    return None


def _municipality_code(raw: str) -> str:
    raw = (raw or "").strip()
    if not raw:
        return ""
    return raw if raw.startswith("GM") else f"GM{int(raw):04d}"


def _fetch_documents(postcode: str) -> list[dict[str, Any]]:
    """All Locatieserver postcode documents (PC6) for a PC6, or for every PC6 within a PC4."""
    query = f"postcode:{postcode}" if len(postcode) == 6 else f"postcode:{postcode}*"
    documents: list[dict[str, Any]] = []
    try:
        with httpx.Client(timeout=settings.POSTCODE_LOOKUP_TIMEOUT, transport=_transport()) as client:
            for page in range(_MAX_PAGES):
                response = client.get(
                    settings.POSTCODE_LOOKUP_URL,
                    params={
                        "q": query,
                        "fq": "type:postcode",
                        "fl": _FIELDS,
                        "rows": _PAGE_SIZE,
                        "start": page * _PAGE_SIZE,
                    },
                )
                response.raise_for_status()
                body = response.json()["response"]
                documents.extend(body["docs"])
                if len(documents) >= int(body["numFound"]) or not body["docs"]:
                    break
    except (httpx.HTTPError, ValueError, KeyError, TypeError) as error:
        raise LocatieserverUnavailable(str(error)) from error
    return [doc for doc in documents if str(doc.get("postcode", "")).upper().startswith(postcode)]


def _answers_from_documents(documents: Iterable[dict[str, Any]]) -> list[PostcodeAnswer]:
    answers = (
        PostcodeAnswer(
            neighbourhood_code=str(doc.get("buurtcode") or ""),
            district_code=str(doc.get("wijkcode") or ""),
            municipality_code=_municipality_code(str(doc.get("gemeentecode") or "")),
            municipality_name=str(doc.get("gemeentenaam") or ""),
        )
        for doc in documents
    )
    return list(dict.fromkeys(answers))


def store_answers(postcode: str, answers: list[PostcodeAnswer], source: str) -> list[PostcodeArea]:
    now = timezone.now()
    if not answers:
        # "No such postcode" is an answer too: stored with empty codes.
        answers = [PostcodeAnswer("", "", "", "")]
    with transaction.atomic():
        PostcodeArea.objects.filter(postcode=postcode, source=source).exclude(
            neighbourhood_code__in=[a.neighbourhood_code for a in answers]
        ).delete()
        stored = []
        for answer in answers:
            area, _created = PostcodeArea.objects.update_or_create(
                postcode=postcode,
                neighbourhood_code=answer.neighbourhood_code,
                defaults={
                    "district_code": answer.district_code,
                    "municipality_code": answer.municipality_code,
                    "municipality_name": answer.municipality_name,
                    "address_count": answer.address_count,
                    "source": source,
                    "retrieved_at": now,
                },
            )
            stored.append(area)
    return stored


#: "No such postcode" is asked again after a day (new streets get postcodes); a failed question
#: too, so that nobody can make the server ask Locatieserver about one postcode more than once a day.
RETRY_AFTER = dt.timedelta(days=1)


def _cached(postcode: str) -> tuple[list[PostcodeArea], bool]:
    """The stored answers for this postcode, and whether they are still fresh."""
    areas = list(PostcodeArea.objects.filter(postcode=postcode))
    if not areas:
        return [], False
    now = timezone.now()
    cutoff = now - dt.timedelta(days=settings.POSTCODE_CACHE_DAYS)

    def fresh(area: PostcodeArea) -> bool:
        if area.source != PostcodeArea.Source.LOCATIESERVER:
            return True
        if not (area.neighbourhood_code or area.district_code):
            return area.retrieved_at >= now - RETRY_AFTER
        return area.retrieved_at >= cutoff

    return areas, all(fresh(area) for area in areas)


def _failed_recently_key(postcode: str) -> str:
    return f"wijkbasis:postcode-lookup-failed:{postcode}"


def lookup_postcode(postcode: str) -> LookupResult:
    """Where is this (normalised) postcode? Uses the database, then Locatieserver — at most once
    a day per postcode when Locatieserver does not know it or cannot be reached."""
    from django.core.cache import cache

    areas, fresh = _cached(postcode)
    if not fresh and settings.POSTCODE_LOOKUP_ONLINE and not cache.get(_failed_recently_key(postcode)):
        try:
            documents = _fetch_documents(postcode)
        except LocatieserverUnavailable as error:
            logger.warning("Locatieserver unavailable for %s: %s", postcode, error)
            cache.set(_failed_recently_key(postcode), True, timeout=int(RETRY_AFTER.total_seconds()))
        else:
            areas = store_answers(postcode, _answers_from_documents(documents), PostcodeArea.Source.LOCATIESERVER)
    return _result(postcode, areas)


def stored_lookup(postcode: str) -> LookupResult:
    """What the database already knows of this (normalised) postcode; never asks Locatieserver.
    For pages that only repeat an earlier answer, so a crafted link cannot make us look up."""
    areas, _fresh = _cached(postcode)
    return _result(postcode, areas)


def _result(postcode: str, areas: list[PostcodeArea]) -> LookupResult:
    if not areas:
        return LookupResult(postcode, LookupStatus.UNAVAILABLE)
    known = [area for area in areas if area.neighbourhood_code or area.district_code]
    if not known:
        return LookupResult(postcode, LookupStatus.UNKNOWN)
    district_codes = {area.district_code for area in known}
    neighbourhood_codes = {area.neighbourhood_code for area in known}
    districts = list(District.objects.filter(code__in=district_codes).select_related("municipality").order_by("code"))
    if not districts:
        names = sorted({area.municipality_name or area.municipality_code for area in known})
        return LookupResult(postcode, LookupStatus.OUTSIDE, other_municipalities=names)
    neighbourhoods = list(
        Neighbourhood.objects.filter(Q(code__in=neighbourhood_codes), district__in=districts).order_by("code")
    )
    return LookupResult(postcode, LookupStatus.FOUND, districts=districts, neighbourhoods=neighbourhoods)
