"""Aggregates behind the charts: the event timeline and the actor network (with its layout).

They aggregate in DuckDB, so a corpus of 100,000 events still gives a few kilobytes of chart data.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import duckdb

from diplowatch.core.dates import MAX_YEAR, MIN_YEAR
from diplowatch.core.vocabulary import PLOVER_TYPES
from diplowatch.report.data import tables
from diplowatch.report.filters import BadFilter, Filters, Where, event_where

MAX_EDGES = 60
# Colour-blind-safe diverging scale for mean intensity: conflict (vermillion) .. cooperation (blue).
_CONFLICT, _NEUTRAL, _COOPERATION = (213, 94, 0), (170, 170, 170), (0, 114, 178)


def _side(prefix: str, codes: list[str]) -> tuple[str, list]:
    return f"(list_contains(?, {prefix}.code) OR list_contains(?, {prefix}.country))", [codes, codes]


def parse_dyad(text: str) -> tuple[str, str]:
    """'USA-AFG' -> ('USA', 'AFG'); anything else is a one-line error."""
    parts = [p.strip().upper() for p in text.split("-")]
    if len(parts) != 2 or not all(parts):
        raise BadFilter(f"dyad {text!r}: expected two actor codes joined by '-', like USA-AFG")
    return parts[0], parts[1]


def timeline(
    con: duckdb.DuckDBPyConnection,
    title: str,
    f: Filters,
    codes: list[str] | None = None,
    dyad: tuple[str, str] | None = None,
    misdated: list[str] | None = None,
) -> dict[str, Any]:
    """Counts by PLOVER type and mean intensity per week (spans under half a year) or month.

    codes: events where either side is one of these actors (the watch's subject);
    dyad: events between the two actors, in either direction;
    misdated: the misdated events' ids when the caller has found them (data.misdated_ids).
    """
    empty = {"title": title, "grain": "month", "periods": [], "series": [], "intensity": [], "total": 0}
    if "events" not in tables(con):
        return empty
    where = event_where(f, "plausible", misdated)
    if codes:
        src, p1 = _side("source", codes)
        tgt, p2 = _side("target", codes)
        where.add(f"({src} OR {tgt})", *p1, *p2)
    if dyad:
        a, b = [dyad[0]], [dyad[1]]
        s_a, pa = _side("source", a)
        t_b, pb = _side("target", b)
        s_b, pb2 = _side("source", b)
        t_a, pa2 = _side("target", a)
        where.add(f"(({s_a} AND {t_b}) OR ({s_b} AND {t_a}))", *pa, *pb, *pb2, *pa2)
    where.add("date IS NOT NULL")
    # An implausible date (year 1, 9999) in an older database stays off the axis, which it would stretch.
    where.add(f"date BETWEEN DATE '{MIN_YEAR}-01-01' AND DATE '{MAX_YEAR}-12-31'")
    first, last = con.execute(
        f"SELECT min(date), max(date) FROM events{where.sql()}", where.params
    ).fetchall()[0]
    if first is None:
        return empty
    grain = "week" if (last - first).days <= 183 else "month"
    label = "strftime(date_trunc('week', date), '%Y-%m-%d')" if grain == "week" else "strftime(date, '%Y-%m')"
    rows = con.execute(
        f"SELECT {label} AS period, type, count(*), avg(intensity) FROM events{where.sql()} GROUP BY ALL ORDER BY 1",
        where.params,
    ).fetchall()
    means = con.execute(
        f"SELECT {label} AS period, avg(intensity) FROM events{where.sql()} GROUP BY ALL ORDER BY 1",
        where.params,
    ).fetchall()
    periods = _all_periods(first, last, grain)  # empty weeks and months stay on the axis, as zeros
    index = {p: i for i, p in enumerate(periods)}
    mean_of = {r[0]: r[1] for r in means}
    counts: dict[str, list[int]] = {}
    for period, kind, n, _ in rows:
        counts.setdefault(kind, [0] * len(periods))[index[period]] = n
    order = [t for t in PLOVER_TYPES if t in counts] + sorted(t for t in counts if t not in PLOVER_TYPES)
    return {
        "title": title,
        "grain": grain,
        "periods": periods,
        "series": [{"type": t, "counts": counts[t]} for t in order],
        "intensity": [None if mean_of.get(p) is None else round(mean_of[p], 2) for p in periods],
        "total": sum(sum(c) for c in counts.values()),
    }


def _all_periods(first: dt.date, last: dt.date, grain: str) -> list[str]:
    """Every week (labelled by its Monday) or month from first to last."""
    labels = []
    if grain == "week":
        day = first - dt.timedelta(days=first.weekday())
        while day <= last:
            labels.append(day.isoformat())
            day += dt.timedelta(days=7)
        return labels
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        labels.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return labels


def _spread(n: int) -> list[int]:
    """A circle slot for each rank, so the busiest actors sit apart instead of side by side."""
    taken: set[int] = set()
    slots = []
    for rank in range(n):
        slot = int((rank * 0.6180339887) % 1 * n)  # golden-ratio steps spread evenly
        while slot in taken:
            slot = (slot + 1) % n
        taken.add(slot)
        slots.append(slot)
    return slots


def intensity_colour(value: float | None) -> str:
    """Hex colour for a mean intensity on PLOVER's -10..+10 scale (None: neutral grey)."""
    if value is None:
        return "#aaaaaa"
    t = max(-1.0, min(1.0, value / 10))
    end = _COOPERATION if t > 0 else _CONFLICT
    mix = [round(n + (e - n) * abs(t)) for n, e in zip(_NEUTRAL, end, strict=True)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def network(
    con: duckdb.DuckDBPyConnection,
    f: Filters,
    max_edges: int = MAX_EDGES,
    size: int = 620,
    codes: list[str] | None = None,
    among: list[str] | None = None,
    misdated: list[str] | None = None,
) -> dict:
    """Who acted on whom: the strongest edges by event count, laid out on a circle for inline SVG.

    codes: only events with one of these actors on either side (the watch's subject), or, given
    `among` (the watch's observers), events between two of those. misdated: as for `timeline`."""
    out: dict[str, Any] = {"nodes": [], "edges": [], "size": size, "left_out": 0}
    if "events" not in tables(con):
        return out
    where: Where = event_where(f, "plausible", misdated)
    if codes:
        src_side, p1 = _side("source", codes)
        tgt_side, p2 = _side("target", codes)
        if among:
            src_among, p3 = _side("source", among)
            tgt_among, p4 = _side("target", among)
            where.add(f"({src_side} OR {tgt_side} OR ({src_among} AND {tgt_among}))", *p1, *p2, *p3, *p4)
        else:
            where.add(f"({src_side} OR {tgt_side})", *p1, *p2)
    where.add("source IS NOT NULL AND target IS NOT NULL")
    node = "coalesce({p}.code, {p}.country, {p}.name)"
    src, tgt = node.format(p="source"), node.format(p="target")
    where.add(f"{src} IS NOT NULL AND {tgt} IS NOT NULL AND {src} <> {tgt}")
    rows = con.execute(
        f"SELECT {src} AS s, {tgt} AS t, count(*) AS n, avg(intensity), mode(source.name), mode(target.name)"
        f" FROM events{where.sql()} GROUP BY 1, 2 ORDER BY n DESC, s, t",
        where.params,
    ).fetchall()
    out["left_out"] = max(0, len(rows) - max_edges)
    rows = rows[:max_edges]
    if not rows:
        return out
    degree: dict[str, int] = {}
    names: dict[str, str] = {}
    for s, t, n, _, s_name, t_name in rows:
        degree[s] = degree.get(s, 0) + n
        degree[t] = degree.get(t, 0) + n
        names.setdefault(s, s_name or s)
        names.setdefault(t, t_name or t)
    seen: dict[str, int] = {}
    for name in names.values():
        seen[name] = seen.get(name, 0) + 1
    for code, name in names.items():  # two actors with one name (a state and its government): add the code
        if seen[name] > 1 and name != code:
            names[code] = f"{name} ({code})"
    ordered = sorted(degree, key=lambda k: (-degree[k], k))
    centre, radius = size / 2, size / 2 - 60
    top = max(degree.values())
    places = {}
    slots = _spread(len(ordered))
    for i, code in enumerate(ordered):
        angle = 2 * math.pi * slots[i] / len(ordered) - math.pi / 2
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        places[code] = (x, y)
        out["nodes"].append(
            {"code": code, "name": names[code], "events": degree[code], "x": round(x, 1), "y": round(y, 1),
             "r": round(5 + 11 * math.sqrt(degree[code] / top), 1),
             "lx": round(centre + (radius + 16) * math.cos(angle), 1),
             "ly": round(centre + (radius + 24) * math.sin(angle) + 4, 1),
             "anchor": "start" if math.cos(angle) > 0.3 else "end" if math.cos(angle) < -0.3 else "middle"}
        )  # fmt: skip
    heaviest = rows[0][2]
    radii = {n["code"]: n["r"] for n in out["nodes"]}
    for s, t, n, mean, _, _ in rows:
        (x1, y1), (x2, y2) = places[s], places[t]
        # Bend each edge to its right, so A->B and B->A stay apart.
        mx, my = (x1 + x2) / 2 + (y2 - y1) * 0.15, (y1 + y2) / 2 - (x2 - x1) * 0.15
        # Stop at the target's rim, so the arrowhead shows.
        gap = radii[t] + 2
        dx, dy = x2 - mx, y2 - my
        length = math.hypot(dx, dy) or 1.0
        x2, y2 = x2 - dx / length * gap, y2 - dy / length * gap
        out["edges"].append(
            {"source": s, "target": t, "source_name": names[s], "target_name": names[t], "events": n, "intensity": None if mean is None else round(mean, 2),
             "colour": intensity_colour(mean), "width": round(1 + 6 * math.sqrt(n / heaviest), 1),
             "path": f"M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {x2:.1f},{y2:.1f}"}
        )  # fmt: skip
    return out
