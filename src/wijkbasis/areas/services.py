"""Writes for areas: importing CBS areas and key figures, and the CBS postcode file."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from shapely.geometry import shape

from wijkbasis.areas.models import District, Municipality, Neighbourhood, PostcodeArea
from wijkbasis.core.slugs import unique_slug_for

Progress = Callable[[str], None]

KEY_FIGURES_SOURCE = "CBS, Kadaster"
_CODE_PATTERNS = {
    "gemeente": re.compile(r"^GM\d{4}$"),
    "wijk": re.compile(r"^WK\d{6}$"),
    "buurt": re.compile(r"^BU\d{8}$"),
}
_YEAR_IN_NAME = re.compile(r"_(\d{4})(?:_|\.)")
_DISTRICT_NUMBER_PREFIX = re.compile(r"^Wijk\s+\d+\s+", re.IGNORECASE)


def _noop(_message: str) -> None:
    pass


class AreaImportError(Exception):
    """A file cannot be imported; the message says which file, where and why."""


# ---------------------------------------------------------------------------
# Areas and key figures


@dataclass
class _Area:
    code: str
    name: str = ""
    parent_code: str = ""
    parent_name: str = ""
    boundary: dict[str, Any] | None = None
    figures: dict[str, float | int] = field(default_factory=dict)
    figures_year: int | None = None


@dataclass
class AreaImportSummary:
    municipalities: list[str] = field(default_factory=list)
    districts_created: int = 0
    districts_updated: int = 0
    neighbourhoods_created: int = 0
    neighbourhoods_updated: int = 0
    areas_with_key_figures: int = 0


def _year_of(path: Path, metadata: dict[str, Any] | None = None) -> int | None:
    if metadata and isinstance(metadata.get("year"), int):
        return int(metadata["year"])
    match = _YEAR_IN_NAME.search(path.name)
    return int(match.group(1)) if match else None


def _check_code(kind: str, code: str, where: str) -> str:
    code = (code or "").strip()
    if not _CODE_PATTERNS[kind].match(code):
        raise AreaImportError(
            _("%(where)s: %(code)r is not a CBS %(kind)s code.") % {"where": where, "code": code, "kind": kind}
        )
    return code


def _read_geojson(path: Path) -> tuple[list[dict[str, Any]], int | None]:
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise AreaImportError(
            _("%(file)s cannot be read as GeoJSON: %(error)s") % {"file": path.name, "error": error}
        ) from error
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list):
        raise AreaImportError(_("%(file)s has no list of features.") % {"file": path.name})
    for number, feature in enumerate(features, start=1):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        where = _("%(file)s, feature %(number)s") % {"file": path.name, "number": number}
        if not geometry or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            raise AreaImportError(_("%(where)s: the geometry is not a polygon.") % {"where": where})
        try:
            valid = shape(geometry).is_valid
        except (ValueError, TypeError, AttributeError, IndexError) as error:
            raise AreaImportError(
                _("%(where)s: the geometry cannot be read: %(error)s") % {"where": where, "error": error}
            ) from error
        if not valid:
            raise AreaImportError(_("%(where)s: the boundary crosses itself.") % {"where": where})
    return features, _year_of(path, collection.get("metadata"))


def _read_csv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise AreaImportError(_("%(file)s cannot be read: %(error)s") % {"file": path.name, "error": error}) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    for number, row in enumerate(reader, start=2):
        yield number, {(key or "").strip().lower(): (value or "").strip() for key, value in row.items()}


def _number(value: str, where: str, column: str) -> float | int | None:
    if value in ("", ".", "-"):
        return None  # CBS marks missing or secret values this way
    try:
        number = float(value.replace(",", "."))
    except ValueError as error:
        raise AreaImportError(
            _("%(where)s: column %(column)s has %(value)r, which is not a number.")
            % {"where": where, "column": column, "value": value}
        ) from error
    return int(number) if number.is_integer() and "." not in value and "," not in value else number


def _collect(directory: Path) -> tuple[dict[str, _Area], dict[str, _Area], dict[str, _Area]]:
    """Read and check every file in the directory; nothing is written here."""
    if not directory.is_dir():
        raise AreaImportError(_("%(path)s is not a folder.") % {"path": directory})
    municipalities: dict[str, _Area] = {}
    districts: dict[str, _Area] = {}
    neighbourhoods: dict[str, _Area] = {}

    district_files = sorted(directory.glob("wijken_*.geojson"))
    if not district_files:
        raise AreaImportError(_("%(path)s has no wijken_<year>.geojson file.") % {"path": directory})

    for path in sorted(directory.glob("gemeente*.geojson")):
        features, _year = _read_geojson(path)
        for number, feature in enumerate(features, start=1):
            props = feature.get("properties") or {}
            where = f"{path.name}, feature {number}"
            code = _check_code("gemeente", props.get("gemeentecode", ""), where)
            area = municipalities.setdefault(code, _Area(code))
            area.name = props.get("gemeentenaam") or area.name
            area.boundary = feature["geometry"]

    for path in district_files:
        features, _year = _read_geojson(path)
        for number, feature in enumerate(features, start=1):
            props = feature.get("properties") or {}
            where = f"{path.name}, feature {number}"
            code = _check_code("wijk", props.get("wijkcode", ""), where)
            parent = _check_code("gemeente", props.get("gemeentecode", ""), where)
            name = (props.get("wijknaam") or "").strip()
            if not name:
                raise AreaImportError(_("%(where)s: the wijk has no name (wijknaam).") % {"where": where})
            districts[code] = _Area(code, name, parent, boundary=feature["geometry"])
            municipality = municipalities.setdefault(parent, _Area(parent))
            municipality.name = municipality.name or props.get("gemeentenaam", "")

    for path in sorted(directory.glob("buurten_*.csv")):
        for line, row in _read_csv_rows(path):
            where = f"{path.name}, line {line}"
            code = _check_code("buurt", row.get("buurtcode", ""), where)
            parent = _check_code("wijk", row.get("wijkcode", ""), where)
            area = neighbourhoods.setdefault(code, _Area(code))
            area.name = row.get("buurtnaam") or area.name
            area.parent_code = parent

    for path in sorted(directory.glob("buurten_*.geojson")):
        features, _year = _read_geojson(path)
        for number, feature in enumerate(features, start=1):
            props = feature.get("properties") or {}
            where = f"{path.name}, feature {number}"
            code = _check_code("buurt", props.get("buurtcode", ""), where)
            area = neighbourhoods.setdefault(code, _Area(code))
            area.name = area.name or props.get("buurtnaam", "")
            area.parent_code = area.parent_code or _check_code("wijk", props.get("wijkcode", ""), where)
            area.boundary = feature["geometry"]

    for code, area in neighbourhoods.items():
        if area.parent_code not in districts:
            raise AreaImportError(
                _("Buurt %(code)s belongs to wijk %(parent)s, which is not in the wijken file.")
                % {"code": code, "parent": area.parent_code}
            )
        if not area.name:
            raise AreaImportError(_("Buurt %(code)s has no name.") % {"code": code})

    for municipality_code, municipality in municipalities.items():
        if not municipality.name:
            raise AreaImportError(_("Municipality %(code)s has no name.") % {"code": municipality_code})

    levels = {"gemeente": municipalities, "wijk": districts, "buurt": neighbourhoods}
    for path in sorted(directory.glob("kerncijfers_*.csv")):
        year = _year_of(path)
        for line, row in _read_csv_rows(path):
            where = f"{path.name}, line {line}"
            level = row.get("niveau", "")
            if level not in levels:
                raise AreaImportError(
                    _("%(where)s: level (niveau) must be gemeente, wijk or buurt, not %(value)r.")
                    % {"where": where, "value": level}
                )
            code = _check_code(level, row.get("code", ""), where)
            figures_of = levels[level].get(code)
            if figures_of is None:
                raise AreaImportError(
                    _("%(where)s: %(code)s is not in the area files.") % {"where": where, "code": code}
                )
            for column, value in row.items():
                if column in ("niveau", "code", "naam", "gemeentecode", "wijkcode"):
                    continue
                figure = _number(value, where, column)
                if figure is not None:
                    # The first file wins: files are read in name order and agree where
                    # they overlap (see SOURCES.md); a later file only adds figures.
                    figures_of.figures.setdefault(column, figure)
            figures_of.figures_year = figures_of.figures_year or year
    return municipalities, districts, neighbourhoods


def _district_name(cbs_name: str) -> str:
    """'Wijk 00 Centrum - De Hoven' → 'Centrum - De Hoven'."""
    return _DISTRICT_NUMBER_PREFIX.sub("", cbs_name).strip() or cbs_name


def _figure_fields(area: _Area) -> dict[str, Any]:
    if not area.figures:
        return {}
    return {
        "key_figures": area.figures,
        "key_figures_year": area.figures_year,
        "key_figures_source": KEY_FIGURES_SOURCE,
    }


def import_areas(directory: Path, *, progress: Progress = _noop) -> AreaImportSummary:
    """Import (or update) municipalities, wijken, buurten and key figures from CBS files.

    Files are named and shaped as in areas/data/zutphen/ (see its SOURCES.md). Everything
    is read and checked before anything is written, and written in one transaction: a bad
    file changes nothing. Running it again updates in place.
    """
    progress(_("Reading %(path)s") % {"path": directory})
    municipalities, districts, neighbourhoods = _collect(directory)
    summary = AreaImportSummary()
    with transaction.atomic():
        municipality_objects: dict[str, Municipality] = {}
        for code, area in municipalities.items():
            existing = Municipality.objects.filter(code=code).first()
            values = {"name": area.name, **_figure_fields(area)}
            if area.boundary:
                values["boundary"] = area.boundary
            if existing is None:
                values["slug"] = unique_slug_for(Municipality, area.name, qualifier=code, fallback="gebied")
            municipality, _created = Municipality.objects.update_or_create(code=code, defaults=values)
            municipality_objects[code] = municipality
            summary.municipalities.append(f"{municipality.name} ({code})")
            progress(_("Municipality %(name)s (%(code)s)") % {"name": municipality.name, "code": code})

        district_objects: dict[str, District] = {}
        for number, (code, area) in enumerate(sorted(districts.items()), start=1):
            municipality = municipality_objects[area.parent_code]
            name = _district_name(area.name)
            values = {
                "municipality": municipality,
                "cbs_name": area.name,
                "name": name,
                "boundary": area.boundary,
                **_figure_fields(area),
            }
            existing_district = District.objects.filter(code=code).first()
            if existing_district is None:
                values["slug"] = unique_slug_for(District, name, qualifier=municipality.name, fallback="gebied")
            district, created = District.objects.update_or_create(code=code, defaults=values)
            district_objects[code] = district
            if created:
                summary.districts_created += 1
            else:
                summary.districts_updated += 1
            progress(
                _("Wijk %(number)s of %(total)s: %(name)s") % {"number": number, "total": len(districts), "name": name}
            )

        for code, area in sorted(neighbourhoods.items()):
            values = {
                "district": district_objects[area.parent_code],
                "name": area.name,
                "boundary": area.boundary,
                **_figure_fields(area),
            }
            _neighbourhood, created = Neighbourhood.objects.update_or_create(code=code, defaults=values)
            if created:
                summary.neighbourhoods_created += 1
            else:
                summary.neighbourhoods_updated += 1
        progress(_("%(count)s buurten") % {"count": len(neighbourhoods)})
        summary.areas_with_key_figures = sum(
            1 for group in (municipalities, districts, neighbourhoods) for area in group.values() if area.figures
        )
        progress(_("Key figures for %(count)s areas") % {"count": summary.areas_with_key_figures})
    return summary


# ---------------------------------------------------------------------------
# CBS "buurt, wijk en gemeente voor postcode huisnummer"


@dataclass
class PostcodeImportSummary:
    lines: int = 0
    postcodes: int = 0
    skipped_other_municipalities: int = 0


def _open_postcode_file(path: Path) -> io.TextIOBase:
    if not path.is_file():
        raise AreaImportError(_("%(path)s is not a file.") % {"path": path})
    if zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)
        names = [name for name in archive.namelist() if name.lower().endswith(".csv")]
        if not names:
            raise AreaImportError(_("%(file)s holds no CSV file.") % {"file": path.name})
        return io.TextIOWrapper(archive.open(names[0]), encoding="utf-8-sig")
    return path.open(encoding="utf-8-sig", newline="")


def _cbs_code(prefix: str, digits: int, value: str, where: str) -> str:
    value = value.strip().strip('"')
    if value.upper().startswith(prefix):
        value = value[len(prefix) :]
    if not value.isdigit() or len(value) > digits:
        raise AreaImportError(_("%(where)s: %(value)r is not a CBS code.") % {"where": where, "value": value})
    return f"{prefix}{int(value):0{digits}d}"


def _column(header: list[str], *candidates: str) -> int:
    lowered = [name.strip().strip('"').lower() for name in header]
    for candidate in candidates:
        for index, name in enumerate(lowered):
            if name == candidate or re.fullmatch(rf"{candidate}\d{{4}}", name):
                return index
    raise AreaImportError(
        _(
            "The postcode file has no column %(name)s. Expected the CBS columns PC6, Huisnummer, "
            "Buurt<year>, Wijk<year>, Gemeente<year>."
        )
        % {"name": candidates[0]}
    )


def import_postcodes(
    path: Path, *, municipality_codes: set[str] | None = None, progress: Progress = _noop
) -> PostcodeImportSummary:
    """Import the CBS postcode-huisnummer file for the municipalities in this installation.

    Each PC6, and each PC4, is stored with the buurten its addresses lie in and how many
    addresses each buurt has. Imported postcodes replace what Locatieserver said before:
    the file is complete for them. One transaction: a bad line changes nothing.
    """
    names = dict(Municipality.objects.values_list("code", "name"))
    wanted = municipality_codes or set(names)
    if not wanted:
        raise AreaImportError(_("Import the areas first (wijkbasis import-areas): no municipality is known."))
    pc6: dict[str, dict[tuple[str, str, str], int]] = defaultdict(lambda: defaultdict(int))
    pc4: dict[str, dict[tuple[str, str, str], int]] = defaultdict(lambda: defaultdict(int))
    summary = PostcodeImportSummary()
    with _open_postcode_file(path) as handle:
        sample = handle.readline()
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
        header = next(csv.reader([sample], delimiter=delimiter))
        columns = (
            _column(header, "pc6", "postcode"),
            _column(header, "buurt", "buurtcode"),
            _column(header, "wijk", "wijkcode"),
            _column(header, "gemeente", "gemeentecode"),
        )
        for line, row in enumerate(csv.reader(handle, delimiter=delimiter), start=2):
            if not row:
                continue
            where = f"{path.name}, line {line}"
            try:
                raw_postcode, raw_buurt, raw_wijk, raw_gemeente = (row[index] for index in columns)
            except IndexError as error:
                raise AreaImportError(_("%(where)s: too few columns.") % {"where": where}) from error
            summary.lines += 1
            if summary.lines % 100_000 == 0:
                progress(_("%(count)s lines read") % {"count": f"{summary.lines:,}".replace(",", ".")})
            municipality = _cbs_code("GM", 4, raw_gemeente, where)
            postcode = raw_postcode.replace(" ", "").upper()
            if not re.fullmatch(r"[1-9]\d{3}[A-Z]{2}", postcode):
                raise AreaImportError(
                    _("%(where)s: %(value)r is not a postcode.") % {"where": where, "value": raw_postcode}
                )
            key = (_cbs_code("BU", 8, raw_buurt, where), _cbs_code("WK", 6, raw_wijk, where), municipality)
            # Every PC4 is counted, so a PC4 on a municipal border keeps its buurten on the
            # other side too; PC6 codes are kept only for our municipalities.
            pc4[postcode[:4]][key] += 1
            if municipality in wanted:
                pc6[postcode][key] += 1
            else:
                summary.skipped_other_municipalities += 1
    pc4 = {code: keys for code, keys in pc4.items() if any(key[2] in wanted for key in keys)}
    now = timezone.now()
    rows = [
        PostcodeArea(
            postcode=postcode,
            neighbourhood_code=buurt,
            district_code=wijk,
            municipality_code=municipality,
            municipality_name=names.get(municipality, ""),
            address_count=count,
            source=PostcodeArea.Source.CBS_FILE,
            retrieved_at=now,
        )
        for group in (pc6, pc4)
        for postcode, keys in group.items()
        for (buurt, wijk, municipality), count in keys.items()
    ]
    postcodes = [*pc6, *pc4]
    with transaction.atomic():
        for start in range(0, len(postcodes), 500):
            PostcodeArea.objects.filter(postcode__in=postcodes[start : start + 500]).delete()
        PostcodeArea.objects.bulk_create(rows, batch_size=500)
    summary.postcodes = len(postcodes)
    progress(_("%(count)s postcodes stored") % {"count": summary.postcodes})
    return summary
