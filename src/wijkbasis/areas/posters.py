"""QR codes and the printable A4 poster "Dit zijn jouw sociaal makelaars" per wijk."""

from __future__ import annotations

import base64
import hashlib
import io
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import segno
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from wijkbasis.areas.models import District, TeamMember


def qr_code(url: str) -> segno.QRCode:
    # Error correction level M survives a poster that is a little damaged or dirty.
    return segno.make(url, error="m", micro=False)


def qr_svg(url: str, *, title: str = "") -> bytes:
    buffer = io.BytesIO()
    qr_code(url).save(buffer, kind="svg", scale=8, border=4, title=title or None, xmldecl=True, svgns=True)
    return buffer.getvalue()


def qr_png(url: str, *, scale: int = 10) -> bytes:
    buffer = io.BytesIO()
    qr_code(url).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def _media_only_fetcher() -> Any:
    """WeasyPrint may read inline data and uploaded photos, nothing else: no network.

    WeasyPrint is imported here, not at module load: it takes a second or more to import, and
    only the poster download needs it.
    """
    from weasyprint.urls import URLFetcher

    class MediaOnlyFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)

        def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
            if url.startswith("file:"):
                path = Path(unquote(urlsplit(url).path)).resolve()
                if not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
                    raise ValueError(f"Refusing to read {url!r} for a PDF")
            return super().fetch(url, headers)

    return MediaOnlyFetcher()


def _photo_uri(member: TeamMember) -> str:
    if not member.photo:
        return ""
    try:
        return Path(member.photo.path).resolve().as_uri()
    except (ValueError, NotImplementedError):
        return ""


def poster_density(people: int) -> str:
    """How tightly the poster sets its people, so that any team fits on one A4 page: large
    type in two columns for a usual team, smaller type and more columns for a big one."""
    if people <= 6:
        return "roomy"
    if people <= 9:
        return "compact"
    if people <= 15:
        return "dense"
    return "densest"


def district_poster_pdf(district: District, *, url: str) -> bytes:
    """An A4 poster with the wijk's team members and a QR code to the wijk page."""
    members = [member for team in district.teams.all() for member in team.members.all()]
    qr_data = base64.b64encode(qr_svg(url)).decode("ascii")
    html = render_to_string(
        "areas/poster.html",
        {
            "district": district,
            "teams": district.teams.all(),
            "members": [(member, _photo_uri(member)) for member in members],
            "density": poster_density(len(members)),
            "url": url,
            "qr_data_uri": f"data:image/svg+xml;base64,{qr_data}",
            "title": _("These are your community brokers"),
        },
    )
    # Rendering the PDF is the expensive part (about a second); the HTML decides what is on
    # it, so an unchanged poster comes from the cache.
    key = "poster:" + hashlib.sha256(html.encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        from weasyprint import HTML

        pdf = HTML(string=html, url_fetcher=_media_only_fetcher()).write_pdf()
        cache.set(key, pdf, timeout=7 * 24 * 3600)
    return pdf
