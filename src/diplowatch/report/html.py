"""Render the one-file HTML report: templates, styles and a small script inlined, charts as inline SVG.

The file loads nothing from the network, so it can be e-mailed and opened anywhere. Text that came
from articles is untrusted: Jinja escapes every value, JSON inside <script> is escaped too, and only
http(s) links are kept.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from diplowatch.core.output import write_text_atomic
from diplowatch.core.vocabulary import STATUS_GLYPHS
from diplowatch.report.filters import Filters
from diplowatch.report.view import gather
from diplowatch.store.connection import connect

STATUS_MARKS = STATUS_GLYPHS
STANCE_MARKS = {"recognize": "R", "engage": "E", "withhold": "W", "reject": "X"}
POLARITY_LABELS = {1: "meets +1", -1: "breaches −1", 0: "words 0"}


def script_json(value: Any) -> Markup:
    """JSON safe inside a <script> element: no '</', '<!--' or ']]>' can end or bend it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, code in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, code)
    return Markup(text)


def web_url(url: str | None) -> str | None:
    """The URL when it is an http(s) link; javascript:, data: and the like are dropped."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def environment(*extra_loaders: jinja2.BaseLoader) -> jinja2.Environment:
    """Jinja with autoescape on for every template (names end in .j2, so no extension guessing)."""
    loaders = [*extra_loaders, jinja2.PackageLoader("diplowatch.report", "templates")]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
    )
    env.filters["scriptjson"] = script_json
    env.filters["web_url"] = web_url
    env.globals.update(status_marks=STATUS_MARKS, stance_marks=STANCE_MARKS, polarity_labels=POLARITY_LABELS)
    return env


def asset(name: str) -> str:
    return (resources.files("diplowatch.report") / "templates" / name).read_text(encoding="utf-8")


def cited_sentences(page: dict[str, Any]) -> list[dict[str, Any]]:
    """Every sentence the verdict and the stance lanes point at, once each, with an anchor."""
    v = page.get("verdict") or {}
    found: dict[tuple[str, int], dict[str, Any]] = {}

    def cite(row: dict[str, Any] | None) -> None:
        if row and row.get("doc_id") is not None and row.get("sentence") is not None:
            key = (row["doc_id"], row.get("sentence_index") or 0)
            found.setdefault(key, {**row, "anchor": f"s{len(found) + 1}"})

    for c in v.get("conditions", []):
        cite(c.get("latest"))
    for o in v.get("observers", []):
        cite(o.get("latest"))
        cite(o.get("since"))
    for m in v.get("moves", []):
        cite(m)
    for links in v.get("lane_links", {}).values():
        for row in links.values():
            cite(row)
    return sorted(found.values(), key=lambda r: (str(r.get("date") or ""), r["doc_id"]), reverse=True)


def render_report(page: dict[str, Any]) -> str:
    env = environment()
    assets = {"css": Markup(asset("diplowatch.css")), "js": Markup(asset("diplowatch.js"))}
    cited = cited_sentences(page)
    anchors = {(c["doc_id"], c.get("sentence_index") or 0): c["anchor"] for c in cited}

    def sentence_anchor(doc_id: str, index: int | None) -> str:
        return "#" + anchors.get((doc_id, index or 0), "evidence")

    return env.get_template("report.html.j2").render(
        page=page,
        assets=assets,
        cited=cited,
        report=True,
        ev_link=lambda *_: "#evidence",
        sentence_link=sentence_anchor,
        count_link=lambda *_: "#evidence",
    )


def command_line() -> str:
    """The command as the user typed it, for the report's header."""
    argv = list(sys.argv)
    argv[0] = os.path.basename(argv[0]) or "diplowatch"
    return shlex.join(argv)


def ledger_rows(con, watch: str) -> list[dict[str, Any]]:
    """The promise ledger of the watch as it last ran here (see docs/ledger.md), as plain dicts."""
    from diplowatch.ledger import ledger_for
    from diplowatch.watch import watch_for  # loads spaCy: only for a report with evidence

    return [e.to_dict() for e in ledger_for(con, watch_for(con, watch))]


def write_report(
    db: str | os.PathLike,
    out: str | os.PathLike,
    watch: str,
    by: str | None = None,
    dyads: list[str] | None = None,
    command: str | None = None,
) -> dict[str, Any]:
    """Build the report from the database (opened read-only) and write it; returns what it holds."""
    con = connect(db, read_only=True)
    try:
        page = gather(con, watch, by=by, dyads=dyads, filters=Filters(), command=command or command_line())
        if page.get("has_evidence"):
            page["ledger"] = ledger_rows(con, watch)
    finally:
        con.close()
    html = render_report(page)
    # Atomic (a half-written report never replaces a good one), through symlinks, never onto a device.
    path = write_text_atomic(out, html)
    return {
        "path": str(out),
        "bytes": path.stat().st_size,
        "empty": page["empty"],
        "evidence": len(page.get("evidence", [])),
        "left_out": page.get("evidence_left_out", 0),
        "has_evidence": page.get("has_evidence", False),
    }
