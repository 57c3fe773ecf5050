"""Maps drawn on the server as inline SVG from GeoJSON boundaries.

No tiles, no JavaScript: the map is part of the page, works on any phone and prints.
Coordinates are WGS84 longitude/latitude; a simple equirectangular projection, corrected
for the latitude, is exact enough at the scale of one municipality.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry import shape

Ring = Sequence[Sequence[float]]


@dataclass(frozen=True)
class MapShape:
    key: str
    name: str
    path: str
    label_x: float
    label_y: float
    url: str = ""
    highlighted: bool = False


@dataclass(frozen=True)
class SvgMap:
    width: int
    height: int
    shapes: list[MapShape]
    outline: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


@dataclass(frozen=True)
class MapFeature:
    """What to draw: a boundary with a name, and where it links to."""

    key: str
    name: str
    geometry: dict[str, Any] | None
    url: str = ""
    highlighted: bool = False


def _polygons(geometry: dict[str, Any]) -> list[list[Ring]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(f"Unsupported geometry type {geometry['type']!r}")


def _points(geometries: Iterable[dict[str, Any]]) -> Iterable[Sequence[float]]:
    for geometry in geometries:
        for polygon in _polygons(geometry):
            for ring in polygon:
                yield from ring


class _Projection:
    def __init__(self, geometries: list[dict[str, Any]], width: int, padding: float) -> None:
        points = list(_points(geometries))
        if not points:
            raise ValueError("Nothing to draw")
        self.min_lon = min(p[0] for p in points)
        self.max_lat = max(p[1] for p in points)
        max_lon = max(p[0] for p in points)
        min_lat = min(p[1] for p in points)
        mid_lat = math.radians((min_lat + self.max_lat) / 2)
        self.lon_factor = math.cos(mid_lat)
        span_x = (max_lon - self.min_lon) * self.lon_factor or 1e-9
        span_y = (self.max_lat - min_lat) or 1e-9
        self.padding = padding
        self.scale = (width - 2 * padding) / span_x
        self.width = width
        self.height = round(span_y * self.scale + 2 * padding)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.min_lon) * self.lon_factor * self.scale + self.padding
        y = (self.max_lat - lat) * self.scale + self.padding
        return round(x, 1), round(y, 1)

    def path(self, geometry: dict[str, Any]) -> str:
        """SVG path data in whole units of the map (1/600 of its width: finer than a phone shows),
        without repeated points, the closing point or the L commands SVG implies after M: a
        region's home page draws hundreds of areas."""
        parts = []
        for polygon in _polygons(geometry):
            for ring in polygon:
                points: list[tuple[int, int]] = []
                for lon, lat, *_ in ring:
                    x, y = self.xy(lon, lat)
                    point = (round(x), round(y))
                    if not points or point != points[-1]:
                        points.append(point)
                if len(points) > 1 and points[-1] == points[0]:
                    points.pop()
                if len(points) < 3:
                    continue  # smaller than a unit: nothing to see
                parts.append("M" + " ".join(f"{x} {y}" for x, y in points) + "Z")
        return "".join(parts)


def build_map(
    features: Sequence[MapFeature], *, outline: dict[str, Any] | None = None, width: int = 600
) -> SvgMap | None:
    """Project the features (and an optional outline) into one SVG map; None if nothing to draw."""
    drawable = [feature for feature in features if feature.geometry]
    geometries = [feature.geometry for feature in drawable if feature.geometry]
    if outline:
        geometries.append(outline)
    if not geometries:
        return None
    projection = _Projection(geometries, width=width, padding=8)
    shapes = []
    for feature in drawable:
        assert feature.geometry is not None
        # The representative point lies inside the shape, also for a crescent-shaped wijk,
        # so the label sits on the area it names.
        point = shape(feature.geometry).representative_point()
        label_x, label_y = (round(number) for number in projection.xy(point.x, point.y))
        shapes.append(
            MapShape(
                key=feature.key,
                name=feature.name,
                path=projection.path(feature.geometry),
                label_x=label_x,
                label_y=label_y,
                url=feature.url,
                highlighted=feature.highlighted,
            )
        )
    return SvgMap(
        width=projection.width,
        height=projection.height,
        shapes=shapes,
        outline=projection.path(outline) if outline else "",
    )
