"""A watch's scorecard from the database: its stored rows through the one builder in `core.scorecard`.

Before the builder sees them, each evidence row learns its act (core.corroboration.evidence_acts: one
deed reported by several articles counts once) and the analyst's reviews in force replace the machine's values.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import duckdb

from diplowatch.core.corroboration import evidence_acts
from diplowatch.core.periods import check_by
from diplowatch.core.reviews import apply_to_evidence, apply_to_stances
from diplowatch.core.scorecard import ObserverOutline, Scorecard, WatchOutline
from diplowatch.core.scorecard import build_scorecard as build
from diplowatch.store import watch as store
from diplowatch.store.reviews import read_reviews
from diplowatch.watch.schema import Watch, WatchError, load_watch, parse_watch


def build_scorecard(
    con: duckdb.DuckDBPyConnection, watch: Watch, by: str = "month", since: str | None = None,
    until: str | None = None,
) -> Scorecard:  # fmt: skip
    """The scorecard of `watch` over its stored rows (call run_watch first)."""
    check_by(by)
    evidence = store.read_evidence(con, watch.name, since, until)
    stances = store.read_stances(con, watch.name, since, until)
    for row, act in zip(evidence, evidence_acts(evidence, store.event_kinds(con, watch.name)), strict=True):
        row["act"] = act
    reviews = read_reviews(con, watch=watch.name)
    if reviews:
        evidence = _within(apply_to_evidence(evidence, reviews), since, until)
        stances = _within(apply_to_stances(stances, reviews), since, until)
    return build(with_acting_observers(watch.outline(), stances), evidence, stances, by)


def with_acting_observers(outline: WatchOutline, stances: list[dict]) -> WatchOutline:
    """The outline with a lane for each observer that took a stance without being listed in the watch
    (a state or organisation that acted on the subject), after the listed ones, by name."""
    listed = {o.code for o in outline.observers}
    extra: dict[str, ObserverOutline] = {}
    for row in stances:
        code = row.get("observer_code")
        if code and code not in listed and code not in extra:
            observer = row.get("observer") or {}
            extra[code] = ObserverOutline(code, observer.get("name") or code, observer.get("country"))
    if not extra:
        return outline
    return replace(outline, observers=outline.observers + tuple(sorted(extra.values(), key=lambda o: o.name)))


def _within(rows: list[dict], since: str | None, until: str | None) -> list[dict]:
    """Rows a review added are filtered by date like the stored ones."""
    day = lambda r: str(r.get("date") or "")[:10]  # noqa: E731
    return [
        r
        for r in rows
        if not r.get("date") or ((not since or day(r) >= since) and (not until or day(r) <= until))
    ]


def watch_for(con: duckdb.DuckDBPyConnection, name: str) -> Watch:
    """The watch as it last ran in this database (a user's file included), else the bundled one."""
    stored = store.stored_definition(con, name)
    if stored is not None:
        return _parsed(*stored)
    try:
        return load_watch(name)
    except WatchError:
        raise WatchError(name, "no such watch: not bundled, and it never ran in this database") from None


@lru_cache(maxsize=8)
def _parsed(text: str, source: str) -> Watch:
    """A stored definition parsed once per process (a dashboard page asks for it on every request;
    parsing compiles every pattern, ~0.3 s). Watches are not changed after parsing."""
    return parse_watch(text, source)
