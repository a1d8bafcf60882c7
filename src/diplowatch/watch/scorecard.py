"""A watch's scorecard from the database: its stored rows through the one builder in `core.scorecard`.

Before the builder sees them, each evidence row learns its act (core.corroboration.evidence_acts: one
deed reported by several articles counts once) and the analyst's reviews in force replace the machine's values.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from functools import lru_cache
from typing import Any

import duckdb

from diplowatch.core.corroboration import evidence_acts, fold_evidence_units
from diplowatch.core.periods import check_by, period_of
from diplowatch.core.reviews import apply_to_evidence, apply_to_stances, latest
from diplowatch.core.scorecard import (
    TOP_EVIDENCE,
    EvidenceTally,
    ObserverOutline,
    Scorecard,
    StanceTally,
    WatchOutline,
    act_of_row,
    build_scorecard_from_tallies,
    jsonable,
    recency,
)
from diplowatch.core.scorecard import build_scorecard as build
from diplowatch.store import tallies
from diplowatch.store import watch as store
from diplowatch.store.reviews import read_reviews
from diplowatch.watch.schema import Watch, WatchError, load_watch, parse_watch


def build_scorecard(
    con: duckdb.DuckDBPyConnection, watch: Watch, by: str = "month", since: str | None = None,
    until: str | None = None,
) -> Scorecard:  # fmt: skip
    """The scorecard of `watch` over its stored rows (call run_watch first): what `scorecard_of_rows`
    gives, from rows tallied in SQL (store.tallies) rather than read one by one."""
    check_by(by)
    name = watch.name
    reviews = read_reviews(con, watch=name)
    in_force = latest(reviews)
    evidence_keys = [(k[4], k[2], k[3]) for k in in_force if k[0] == "evidence" and k[1] == name]
    stance_keys = [(k[4], k[2], k[3]) for k in in_force if k[0] == "stance" and k[1] == name]

    units = _EvidenceUnits(tallies.evidence_units(con, name, since, until, evidence_keys))
    evidence = units.tallies()

    def with_act(row: dict[str, Any]) -> tuple[dict[str, Any], tuple]:
        """The row as the builder takes it (its act found by its unit), and its place among the rows."""
        undated = row["date"] is None
        at = (undated, row["date"] or dt.date.min, row["doc_id"], row["sentence_index"], row["condition"])
        return {**{k: row[k] for k in _EVIDENCE_KEYS}, "act": units.act_of(row)}, at

    top: dict[str, list[tuple[tuple, dict[str, Any]]]] = {}
    for row, at in map(with_act, tallies.evidence_top(con, name, since, until, evidence_keys, TOP_EVIDENCE)):
        top.setdefault(row["condition"], []).append(((0, at), {**row, "reviewed": None} if reviews else row))
    reviewed_rows = [with_act(r) for r in tallies.evidence_reviewed(con, name, since, until, evidence_keys)]
    if evidence_keys:
        position = {(r["condition"], r["doc_id"], r["sentence_index"]): idx for r, idx in reviewed_rows}
        applied = apply_to_evidence([r for r, _ in reviewed_rows], reviews)
        for k, row in enumerate(_within(applied, since, until)):
            key = (row["condition"], row["doc_id"], row["sentence_index"])
            at = (0, position[key]) if row.get("reviewed") != "added" else (1, k)
            top.setdefault(row["condition"], []).append((at, row))
            day = jsonable(row.get("date"))
            evidence.append(
                (row["condition"], day, row["polarity"], act_of_row(row), 1, bool(row.get("reviewed")))
            )

    stance_tallies: list[StanceTally] = []
    firsts: dict[str, tuple[tuple, Any]] = {}  # observer_code -> (place, observer) of its first row
    for code, period, stance, n, first, first_day, last_day, newest, observer in tallies.stance_tallies(
        con, name, since, until, stance_keys, by
    ):
        at = (0, tallies.place(first))
        newest_key = (newest["date"], newest["doc_id"], newest["i"])
        stance_tallies.append(
            StanceTally(code, period, stance, n, at, jsonable(first_day), jsonable(last_day), newest_key)
        )
        if code not in firsts or at < firsts[code][0]:
            firsts[code] = (at, observer)
    observers = [({"observer_code": c, "observer": o}, at) for c, (at, o) in firsts.items()]
    reviewed_stances: list[dict[str, Any]] = []
    stored = tallies.stances_reviewed(con, name, since, until, stance_keys)
    if stance_keys:
        position = {
            (r["observer_code"], r["doc_id"], r["sentence_index"]): tallies.place(r["place"]) for r in stored
        }
        applied = apply_to_stances([{k: r[k] for k in _STANCE_KEYS} for r in stored], reviews)
        for k, row in enumerate(_within(applied, since, until)):
            key = (row["observer_code"], row["doc_id"], row["sentence_index"])
            at = (0, position[key]) if row.get("reviewed") != "added" else (1, k)
            day = jsonable(row.get("date"))
            recent = recency(jsonable(row))
            stance_tallies.append(
                StanceTally(key[0], period_of(day, by), row["stance"], 1, at, day, day, recent)
            )
            observers.append((row, at))
            reviewed_stances.append(row)

    def latest_rows(wanted: list[tuple[str, tuple]]) -> dict[tuple[str, tuple], dict[str, Any]]:
        found = {(r["observer_code"], recency(jsonable(r))): r for r in reviewed_stances}
        stored = tallies.stance_rows(con, name, [(code, newest[1], newest[2]) for code, newest in wanted])
        for code, newest in wanted:
            row = stored.get((code, newest[1], newest[2]))
            if (code, newest) not in found and row is not None:
                found[(code, newest)] = row
        return found

    outline = with_acting_observers(
        watch.outline(), [row for row, _ in sorted(observers, key=lambda o: o[1])]
    )
    candidates = {c: [row for _, row in sorted(rows, key=lambda r: r[0])] for c, rows in top.items()}
    return build_scorecard_from_tallies(outline, evidence, candidates, stance_tallies, latest_rows, by)


class _EvidenceUnits:
    """store.tallies.evidence_units read: each unit's act (core.corroboration.fold_evidence_units)."""

    def __init__(self, columns: dict[str, list]) -> None:
        tables = json.loads(columns["extra"][0])
        self.g, self.p, self.day, self.n = (columns[k][1:] for k in ("g", "p", "day", "n"))
        self.groups: list[dict[str, Any]] = sorted(tables["groups"] or [], key=lambda g: g["g"])
        # One number per place name (two targets can name one place: "AFG" and "afg"); -1 for none.
        names: dict[str | None, int] = {None: -1}
        self.place_of = [
            names.setdefault(name, len(names) - 1)
            for name in (_place(e["e"], e["t"]) for e in sorted(tables["events"] or [], key=lambda e: e["p"]))
        ]
        self.places = [self.place_of[p] for p in self.p]
        self.solo = {i: json.loads(extra) for i, extra in enumerate(columns["extra"][1:]) if extra}
        self.acts = fold_evidence_units(
            [(f"{g['c']}|{g['pol']}|{_indicator(g['h']) or ''}", g["a"], g["f"]) for g in self.groups],
            [name for name in names if name is not None],
            self.g,
            self.day,
            self.places,
            {i: found["a"] for i, found in self.solo.items()},
        )
        self._names = names
        self._where: dict[int, dict[tuple, str]] = {}

    def tallies(self) -> list[EvidenceTally]:
        iso: dict[int, str | None] = {0: None}
        out: list[EvidenceTally] = []
        conditions = [(g["c"], g["pol"]) for g in self.groups]
        for g, day, n, act in zip(self.g, self.day, self.n, self.acts, strict=True):
            if day not in iso:
                iso[day] = dt.date.fromordinal(day).isoformat()
            condition, polarity = conditions[g]
            out.append((condition, iso[day], polarity, act, n, False))
        return out

    def act_of(self, row: dict[str, Any]) -> str:
        """The act of a stored row (read with its head, has_event and target)."""
        group = (row["condition"], row["polarity"], row["head"], row["actor"])
        g = next(
            k
            for k, found in enumerate(self.groups)
            if (found["c"], found["pol"], found["h"], found["a"]) == group
        )
        if g not in self._where:
            where: dict[tuple, str] = {}
            for i, found in enumerate(self.g):
                if found != g:
                    continue
                if self.day[i]:
                    where.setdefault((self.day[i], self.places[i]), self.acts[i])
                else:
                    where[(self.solo[i]["d"], self.solo[i]["i"])] = self.acts[i]
            self._where[g] = where
        if row["date"] is None:
            return self._where[g][(row["doc_id"], row["sentence_index"])]
        place = self._names[_place(row["has_event"], row["target"])]
        return self._where[g][(row["date"].toordinal(), place)]


def _indicator(head: str | None) -> str | None:
    """The indicator a rule's head names (core.records.indicator_of)."""
    return head.split(".", 1)[1] if head and "." in head else None


def _place(has_event: bool, target: str | None) -> str | None:
    """A row's place as core.corroboration.evidence_acts gives it: its event's target, in lower case."""
    if not has_event:
        return None
    text = str(target)
    return text.lower() if text else None


_EVIDENCE_KEYS = tuple(c.strip() for c in store.EVIDENCE_COLUMNS.split(","))
_STANCE_KEYS = tuple(c.strip() for c in store.STANCE_COLUMNS.split(","))


def scorecard_of_rows(
    con: duckdb.DuckDBPyConnection, watch: Watch, by: str = "month", since: str | None = None,
    until: str | None = None,
) -> Scorecard:  # fmt: skip
    """The scorecard by its definition: every stored row read, folded into acts and reviewed, then given
    to the one builder. `build_scorecard` gives the same, faster; the tests hold the two together."""
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
    return parse_watch(text, source, stored=True)
