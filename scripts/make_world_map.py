"""Convert Natural Earth's 110 m land (npm `world-atlas`, land-110m.json, TopoJSON) once into the one SVG
path the offline map draws: src/diplowatch/report/templates/world-110m.json.

Natural Earth is in the public domain; world-atlas's conversion is under the ISC licence (noted in the
output). Usage: npm install world-atlas (anywhere), then
    python scripts/make_world_map.py node_modules/world-atlas/land-110m.json
The projection is equirectangular, 2 units per degree (720 x 360), so lon/lat map to x/y by arithmetic.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/diplowatch/report/templates/world-110m.json"
SCALE = 2.0


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantized, delta-encoded arcs as lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc[1:] if points else arc)
    return points


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Longitudes made continuous: a ring crossing the antimeridian runs past ±180 instead of jumping."""
    out: list[tuple[float, float]] = []
    for lon, lat in points:
        if out:
            while lon - out[-1][0] > 180:
                lon -= 360
            while lon - out[-1][0] < -180:
                lon += 360
        out.append((lon, lat))
    return out


def paths_of(points: list[tuple[float, float]]) -> list[str]:
    """The ring, plus a copy shifted by 360 degrees when it runs past an edge (the map clips both)."""
    ring_points = unwrap(points)
    lons = [lon for lon, _ in ring_points]
    out = [path_of(ring_points)]
    if max(lons) > 180:
        out.append(path_of([(lon - 360, lat) for lon, lat in ring_points]))
    if min(lons) < -180:
        out.append(path_of([(lon + 360, lat) for lon, lat in ring_points]))
    return out


def path_of(points: list[tuple[float, float]]) -> str:
    xy = []
    for lon, lat in points:
        p = (round((lon + 180) * SCALE, 1), round((90 - lat) * SCALE, 1))
        if not xy or xy[-1] != p:
            xy.append(p)
    if len(xy) < 3:
        return ""
    return "M" + "L".join(f"{x:g},{y:g}" for x, y in xy) + "Z"


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    parts = []
    for obj in topology["objects"].values():
        geometries = obj.get("geometries", [obj])
        for g in geometries:
            polygons = (
                g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g["type"] == "Polygon" else []
            )
            for polygon in polygons:
                for indexes in polygon:
                    parts.extend(paths_of(ring(indexes, arcs)))
    d = "".join(p for p in parts if p)
    OUT.write_text(
        json.dumps(
            {
                "source": "Natural Earth 1:110m land (public domain), via the npm package world-atlas "
                "(ISC licence, Michael Bostock); converted by scripts/make_world_map.py",
                "width": 360 * SCALE,
                "height": 180 * SCALE,
                "scale": SCALE,
                "d": d,
            }
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{OUT}: {len(d):,} characters")


if __name__ == "__main__":
    main(sys.argv[1])
