"""Everything one page shows, gathered in one call: used by the report file and the dashboard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import duckdb

from diplowatch import __version__
from diplowatch.core.scorecard import Scorecard
from diplowatch.core.vocabulary import DEFAULT_WATCH
from diplowatch.report import charts, data, svg
from diplowatch.report.filters import Filters
from diplowatch.report.verdict import default_by, verdict

MISDATED_ROWS = (
    200  # implausibly dated events listed for checking in the report (the dashboard pages them all)
)
REPORT_EVIDENCE_ROWS = 5000  # rows embedded in the one-file report; the rest are counted, not shipped


def gather(
    con: duckdb.DuckDBPyConnection,
    watch: str = DEFAULT_WATCH,
    by: str | None = None,
    dyads: list[str] | None = None,
    filters: Filters | None = None,
    evidence_limit: int | None = REPORT_EVIDENCE_ROWS,
    evidence_offset: int = 0,
    command: str | None = None,
    scorecard: Callable[..., Scorecard] | None = None,
    misdated: Callable[[duckdb.DuckDBPyConnection], list[str]] | None = None,
) -> dict[str, Any]:
    """The page's content. Raises data.UnknownWatch for a watch nobody knows.

    by: month, quarter or year; None picks what fits the watch's range (quarters for multi-year ones).
    scorecard: called as `data.scorecard` is (the default), for a caller that keeps the cards it built;
    misdated: likewise for `data.misdated_ids`, found once here for all the page's event queries.
    """
    build = scorecard or data.scorecard
    f = filters or Filters()
    chosen = by
    if by is None and not str(watch).endswith((".yaml", ".yml")):
        by = default_by(con, watch, f.since, f.until)  # a named watch: its rows are stored under the name
    f.watch = watch
    pairs = [(d, charts.parse_dyad(d)) for d in (dyads or [])]
    page: dict[str, Any] = {
        "watch": watch,
        "by": by or "month",
        "by_chosen": by is not None,
        "filters": f,
        "dyads": [text for text, _ in pairs],
        "facts": data.corpus_facts(con),
        "made": {
            "command": command,
            "version": __version__,
            "at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        },
        "watches": data.known_watches(con),
        "empty": not data.has_articles(con),
        "card": None,
        "has_evidence": False,
        "timelines": [],
        "network": {"nodes": [], "edges": [], "size": 0, "left_out": 0},
        "map": {"points": []},
        "misdated": [],
        "misdated_total": 0,
        "verdict": None,
        "evidence": [],
        "evidence_total": 0,
        "evidence_left_out": 0,
        "choices": {"conditions": [], "actors": [], "outlets": []},
    }
    if page["empty"]:
        return page
    card = build(con, watch, by=by or "month", since=f.since, until=f.until)
    # WATCH may be a path to a YAML file; its rows are stored under the name inside it.
    watch = (card.get("watch") or {}).get("name") or watch
    if chosen is None and by is None:  # a watch file: its rows are stored under the name inside it
        by = default_by(con, watch, f.since, f.until)
        if by != "month":
            card = build(con, watch, by=by, since=f.since, until=f.until)
    page["by"] = by or "month"
    page["by_chosen"] = chosen is not None
    f.watch = page["watch"] = watch
    if f.condition:  # the page's filters apply to the scorecard and the verdict too
        card["conditions"] = [c for c in card["conditions"] if c["id"] == f.condition]
    if f.observer:
        card["observers"] = [o for o in card["observers"] if o["code"] == f.observer]
    page["card"] = card
    page["verdict"] = verdict(con, card, f.since, f.until)
    misdated_ids = (misdated or data.misdated_ids)(con)
    page["has_evidence"] = data.evidence_count(con, watch) > 0
    codes = list((card.get("watch", {}).get("subject") or {}).get("codes") or [])
    subject = (card.get("watch", {}).get("subject") or {}).get("name")
    dated = Filters(since=f.since, until=f.until, actor=f.actor, outlet=f.outlet, q=f.q)
    title = f"Events involving {subject}" if codes and subject else "All events"
    page["timelines"] = [charts.timeline(con, title, dated, codes=codes, misdated=misdated_ids)]
    if codes and not page["timelines"][0]["total"]:
        page["timelines"].append(charts.timeline(con, "All events", dated, misdated=misdated_ids))
    for text, pair in pairs:
        page["timelines"].append(
            charts.timeline(con, f"Dyad {text}", dated, dyad=pair, misdated=misdated_ids)
        )
    for t in page["timelines"]:
        t["svg"] = svg.timeline_layout(t)
    observers = sorted(
        {o["code"] for o in card["observers"]} | {o["country"] for o in card["observers"] if o["country"]}
    )
    page["network"] = charts.network(con, dated, codes=codes, among=observers, misdated=misdated_ids)
    page["map"] = svg.event_map(con, dated, codes=codes, misdated=misdated_ids)
    page["misdated"], page["misdated_total"] = data.event_rows(
        con, dated, limit=MISDATED_ROWS, dating="misdated", misdated=misdated_ids
    )
    rows, total = data.evidence_rows(con, f, page["by"], limit=evidence_limit, offset=evidence_offset)
    for row in rows:
        row["pieces"] = data.highlight(row["sentence"], row.get("matched"))
    page["evidence"] = rows
    page["evidence_total"] = total
    page["evidence_left_out"] = max(0, total - evidence_offset - len(rows))
    page["choices"] = data.evidence_choices(con, watch)
    return page
