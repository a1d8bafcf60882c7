"""Chart data laid out as SVG geometry on the server: the pages draw charts with no charting library.

The templates only place what these functions measure, so the report stays small, works without
JavaScript and sends nothing anywhere.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from typing import Any

import duckdb

from diplowatch.report.data import tables
from diplowatch.report.filters import Filters, event_where

# Cooperation in blues and greens, conflict in oranges, reds and purples (PLOVER order).
TYPE_COLOURS = {
    "AGREE": "#9ecae1", "CONSULT": "#6baed6", "SUPPORT": "#4292c6", "CONCEDE": "#74c476",
    "COOPERATE": "#2171b5", "AID": "#238b45", "RETREAT": "#a1d99b", "REQUEST": "#bdbdbd",
    "ACCUSE": "#fdd0a2", "REJECT": "#fdae6b", "THREATEN": "#fd8d3c", "PROTEST": "#e6550d",
    "SANCTION": "#a63603", "MOBILIZE": "#9e9ac8", "COERCE": "#6a51a3", "ASSAULT": "#3f007d",
}  # fmt: skip
WIDTH, HEIGHT = 760, 250
LEFT, RIGHT, TOP, BOTTOM = 40, 40, 10, 50
MAX_LABELS = 14


def _nice_top(value: int) -> int:
    """A round axis maximum at or above value (1, 2, 5 x 10^n)."""
    if value <= 5:
        return max(value, 1)
    power = 10 ** int(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def timeline_layout(t: dict[str, Any]) -> dict[str, Any]:
    """Stacked bars per period, a line of mean intensity (right axis, -10..+10), ticks and a legend."""
    periods = t["periods"]
    n = max(1, len(periods))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / n
    bar_w = max(1.0, step * 0.8)
    totals = [sum(s["counts"][i] for s in t["series"]) for i in range(len(periods))]
    top = _nice_top(max(totals, default=1))
    bars = []
    for i, period in enumerate(periods):
        y = TOP + plot_h
        x = LEFT + i * step + (step - bar_w) / 2
        for s in t["series"]:
            count = s["counts"][i]
            if not count:
                continue
            h = plot_h * count / top
            y -= h
            bars.append(
                {"x": round(x, 1), "y": round(y, 1), "w": round(bar_w, 1), "h": round(h, 1),
                 "colour": TYPE_COLOURS.get(s["type"], "#999999"), "label": f"{period}: {count} {s['type']}"}
            )  # fmt: skip
    line = []
    for i, mean in enumerate(t["intensity"]):
        if mean is not None:
            x = LEFT + i * step + step / 2
            line.append((round(x, 1), round(TOP + plot_h * (10 - mean) / 20, 1), periods[i], mean))
    every = max(1, math.ceil(n / MAX_LABELS))
    ticks = [
        {"x": round(LEFT + i * step + step / 2, 1), "label": p}
        for i, p in enumerate(periods)
        if i % every == 0
    ]
    counts_axis = [{"y": round(TOP + plot_h * (1 - v / top), 1), "label": v} for v in (0, top // 2, top)]
    intensity_axis = [{"y": round(TOP + plot_h * (10 - v) / 20, 1), "label": v} for v in (-10, 0, 10)]
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "top": TOP,
        "bottom": TOP + plot_h, "bars": bars, "ticks": ticks, "counts_axis": counts_axis,
        "intensity_axis": intensity_axis,
        "line": " ".join(f"{x},{y}" for x, y, _, _ in line),
        "points": [{"x": x, "y": y, "label": f"{p}: mean intensity {m}"} for x, y, p, m in line],
        "legend": [{"type": s["type"], "colour": TYPE_COLOURS.get(s["type"], "#999999")} for s in t["series"]],
    }  # fmt: skip


@cache
def world() -> dict[str, Any]:
    """Natural Earth's 110 m land as one SVG path (see scripts/make_world_map.py)."""
    text = (resources.files("diplowatch.report") / "templates" / "world-110m.json").read_text(
        encoding="utf-8"
    )
    return json.loads(text)


def event_map(
    con: duckdb.DuckDBPyConnection,
    f: Filters,
    codes: list[str] | None = None,
    misdated: list[str] | None = None,
) -> dict[str, Any]:
    """Event locations (rounded to a degree, counted) over the offline land outline; misdated: the
    misdated events' ids when the caller has found them (data.misdated_ids)."""
    shapes = world()
    out: dict[str, Any] = {
        "width": shapes["width"],
        "height": shapes["height"],
        "d": shapes["d"],
        "points": [],
    }
    if "events" not in tables(con):
        return out
    where = event_where(f, "plausible", misdated)
    where.add("location.lat IS NOT NULL AND location.lon IS NOT NULL")
    if codes:
        where.add(
            "(list_contains(?, source.code) OR list_contains(?, source.country) OR list_contains(?, target.code)"
            " OR list_contains(?, target.country))",
            codes, codes, codes, codes,
        )  # fmt: skip
    rows = con.execute(
        "SELECT round(location.lat), round(location.lon), count(*), mode(location.name)"
        f" FROM events{where.sql()} GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 400",
        where.params,
    ).fetchall()
    top = max((r[2] for r in rows), default=1)
    scale = shapes["scale"]
    for lat, lon, n, name in rows:
        out["points"].append(
            {"x": round((lon + 180) * scale, 1), "y": round((90 - lat) * scale, 1),
             "r": round(2 + 8 * math.sqrt(n / top), 1), "label": f"{name or 'unnamed place'}: {n} events"}
        )  # fmt: skip
    return out
