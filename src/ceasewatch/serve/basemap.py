"""The offline base layer: country outlines shipped as ``data/countries.geojson``.

The file is built once from Natural Earth's 1:110m admin-0 countries (public domain), as shipped
inside the ``geopandas`` 0.14 wheel (``geopandas/datasets/naturalearth_lowres``), with
coordinates rounded to 0.01 degree. Rebuild with::

    pip download --no-deps geopandas==0.14.4 && unzip geopandas-0.14.4-py3-none-any.whl
    pip install pyshp
    cd geopandas/datasets/naturalearth_lowres
    python -m ceasewatch.serve.basemap naturalearth_lowres.shp
"""

from __future__ import annotations

import json
import logging
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

COUNTRIES = "countries.geojson"


@cache
def countries_geojson() -> dict[str, Any]:
    """The shipped country outlines as a GeoJSON FeatureCollection."""
    text = resources.files("ceasewatch").joinpath("data", COUNTRIES).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _ring(points: list[tuple[float, float]], digits: int) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in points:
        point = [round(lon, digits), round(lat, digits)]
        if not out or out[-1] != point:
            out.append(point)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def build_countries_geojson(shp_path: Path, out: Path, *, digits: int = 2) -> int:
    """Convert a Natural Earth admin-0 shapefile to a compact GeoJSON file; returns features."""
    import shapefile  # pyshp: needed only to rebuild the file

    reader = shapefile.Reader(str(shp_path))
    names = [f.name for f in reader.fields[1:]]
    features = []
    for shape_record in reader.iterShapeRecords():
        props = dict(zip(names, shape_record.record, strict=True))
        shape = shape_record.shape
        bounds = [*shape.parts, len(shape.points)]
        rings = [_ring(shape.points[a:b], digits) for a, b in zip(bounds, bounds[1:], strict=False)]
        polygons: list[list[list[list[float]]]] = []
        for ring in rings:
            if len(ring) < 4:
                continue
            # shapefile outer rings run clockwise, holes counter-clockwise
            area = sum(
                x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)
            )
            if area <= 0 or not polygons:
                polygons.append([ring[::-1]])  # RFC 7946: exterior rings counter-clockwise
            else:
                polygons[-1].append(ring[::-1])
        features.append(
            {
                "type": "Feature",
                "properties": {"name": props.get("name"), "iso_a3": props.get("iso_a3")},
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
        )
    collection = {
        "type": "FeatureCollection",
        "attribution": "Made with Natural Earth (public domain), 1:110m admin-0 countries",
        "features": features,
    }
    out.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    log.info("wrote %d countries to %s", len(features), out)
    return len(features)


if __name__ == "__main__":  # pragma: no cover - a one-off build step
    target = Path(__file__).resolve().parents[1] / "data" / COUNTRIES
    build_countries_geojson(Path(sys.argv[1]), target)
