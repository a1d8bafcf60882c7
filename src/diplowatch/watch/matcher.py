"""Judge one sentence against a watch: evidence per condition and observers' stances.

`WatchMatcher.judge()` is pure (sentence, its resolved actors, date, coded events in; rows out), so the
evaluation can run it without a database and `run_watch` can run it over the sentences table.
Every row says which rule fired: `<condition>.<indicator>:<deed|word>` plus the reason.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from diplowatch.core.records import ActorMention, EventRef
from diplowatch.watch.indicators import Candidate, Judgement, candidates, judge_act
from diplowatch.watch.mentions import (
    Mentions,
    about_subject,
    coded_doers,
    complete_mentions,
    subject_mentions,
)
from diplowatch.watch.patterns import blank_dateline, normalise
from diplowatch.watch.schema import Watch
from diplowatch.watch.stances import StanceHit, match_stances, recognition_in

REPORTING_DEPS = ("nsubj", "nsubjpass")


@dataclass
class Finding:
    """One condition judged in one sentence (becomes an Evidence row)."""

    condition: str
    polarity: int
    kind: str
    actor: str | None
    reporter: str | None
    rule: str
    confidence: float
    matched: list[str]
    event_id: str | None = None


@dataclass
class Verdict:
    evidence: list[Finding] = field(default_factory=list)
    stances: list[StanceHit] = field(default_factory=list)
    names_subject: bool = False  # the sentence names the subject: later ones of its article are about it


class WatchMatcher:
    """Compiled once per watch; `nlp` is loaded lazily, and only for sentences with a candidate."""

    def __init__(self, watch: Watch, nlp=None):
        self.watch = watch
        self._nlp = nlp
        self._parsed: tuple[str, Any] | None = None  # the last sentence parsed, and its parse

    @property
    def nlp(self):
        if self._nlp is None:
            from diplowatch.nlp import load_nlp

            self._nlp = load_nlp()
        return self._nlp

    def _parse(self, text: str):
        """The sentence's parse, kept for the next ask: the stance rules and the act candidates of one
        sentence each ask for it (read only), and a parse costs more than all of them."""
        parsed = self._parsed  # read once: a matcher shared by threads never hands one text another's parse
        if parsed is None or parsed[0] != text:
            parsed = self._parsed = (text, self.nlp(blank_dateline(text)))
        return parsed[1]

    def judge(
        self,
        sentence: str,
        actors: list[ActorMention] | None = None,
        date: str | None = None,
        doc_context: bool = False,
        events: list[EventRef] | None = None,
        voice: Mapping[str, Any] | None = None,
    ) -> Verdict:
        """`voice`: who the document itself speaks for (a government's briefing room), if anyone
        (stances.document_voice)."""
        text = normalise(sentence)
        mentions = coded_doers(
            self.watch, text, events or [], date, subject_mentions(self.watch, text, actors or [], date)
        )
        words_only = self._before_period(date)
        if _only_before(text, self.watch.period.get("words_from" if words_only else "start")):
            # "recognised the Taliban's first government in the 1990s" is history
            return Verdict(names_subject=bool(mentions.subject))
        if not (mentions.subject or mentions.places or doc_context or recognition_in(text)):
            # Nothing puts the subject in view: no indicator applies and no stance can be taken (see
            # about_subject), so the observer and country patterns are not run; an observer's coded act on
            # the subject still shows its stance.
            # Coded events by the subject still count.
            if words_only:
                return Verdict()  # before the period only words count, and these need the subject in view
            stances = match_stances(
                self.watch, text, mentions, doc_context, events or (), date, actors or (), self._parse, voice
            )
            return self._judged(Verdict(stances=stances), {}, mentions, date, events, doc_context)
        mentions = complete_mentions(self.watch, text, mentions)
        verdict = Verdict(
            stances=[]
            if words_only
            else match_stances(
                self.watch, text, mentions, doc_context, events or (), date, actors or (), self._parse, voice
            ),
            names_subject=bool(mentions.subject),
        )
        found: dict[str, list[Candidate]] = {}
        for condition in self.watch.conditions:
            for indicator in condition.indicators:
                if about_subject(mentions, indicator.scope, doc_context) is None:
                    continue
                found.setdefault(condition.id, []).extend(candidates(indicator, text))
        return self._judged(verdict, found, mentions, date, events, doc_context, text, words_only)

    def _before_period(self, date: str | None) -> bool:
        """Is the sentence dated before the period, on or after `words_from`? Before the subject ruled, its
        deeds were an insurgent's, not a government's conduct, and observers had no government to take a
        stance on; but its pledges and what others said and demanded of it are words on the conditions
        (the annotation guidelines label them so), and words never decide a status."""
        start, words_from = self.watch.period.get("start"), self.watch.period.get("words_from")
        day = str(date or "")[:10]
        return bool(words_from and start and day and words_from <= day < str(start))

    def _judged(
        self,
        verdict: Verdict,
        found: dict[str, list[Candidate]],
        mentions: Mentions,
        date: str | None,
        events: list[EventRef] | None,
        doc_context: bool,
        text: str = "",
        words_only: bool = False,
    ) -> Verdict:
        """Add to `verdict` the best finding of each condition: from the act candidates (parsed), else
        from the coded events; with `words_only`, the best words and no deed."""
        event_findings = {} if words_only else self._event_findings(mentions, date, events or [])
        if not found and not event_findings:
            return verdict
        doc = self._parse(text) if any(found.values()) else None
        for condition in self.watch.conditions:
            finding = self._best(
                doc, found.get(condition.id, []), mentions, condition.id, doc_context, words_only
            )
            finding = finding or event_findings.get(condition.id)
            if finding is None:
                continue
            backing = _backing_event(events or [], self.watch, date)
            if backing and finding.event_id is None:
                finding.event_id = backing
                finding.confidence = min(1.0, finding.confidence + 0.1)
            verdict.evidence.append(finding)
        return verdict

    def _best(
        self,
        doc,
        cands: list[Candidate],
        mentions: Mentions,
        condition: str,
        doc_context: bool,
        words_only: bool = False,
    ) -> Finding | None:
        judged: list[tuple[Candidate, Judgement]] = []
        for cand in cands:
            verdict = judge_act(doc, cand, mentions)
            if verdict is not None and not (words_only and verdict.kind != "word"):
                judged.append((cand, verdict))
        if not judged:
            return None
        deeds = [(c, j) for c, j in judged if j.kind == "deed" and j.polarity]
        # a deed that meets or breaches says more than one that only acts on the condition
        acted = [(c, j) for c, j in judged if j.kind == "deed" and not j.polarity]
        pool = deeds or acted or judged
        # The act nearest the main clause carries the news; on a tie, a breach outweighs a kept promise.
        cand, judgement = min(pool, key=lambda cj: (cj[1].depth, cj[1].polarity))
        why = about_subject(mentions, cand.indicator.scope, doc_context)
        confidence = 0.7 if judgement.kind == "deed" else 0.6
        confidence += {"named": 0.1, "place": 0.0, "article": -0.1}.get(why or "", 0.0)
        return Finding(
            condition=condition,
            polarity=judgement.polarity,
            kind=judgement.kind,
            actor=self.watch.subject.name,
            reporter=_reporter(doc, mentions, self.watch),
            rule=f"{condition}.{cand.indicator.id}:{judgement.kind} ({judgement.why}; subject {why})",
            confidence=round(confidence, 2),
            matched=_unique(m for c, _ in judged for m in c.matched),
        )

    def _event_findings(self, mentions: Mentions, date, events: list[EventRef]) -> dict[str, Finding]:
        """Indicators written over coded events: the subject does (type) to (target sector)."""
        out: dict[str, Finding] = {}
        for condition in self.watch.conditions:
            for indicator in condition.indicators:
                spec = indicator.events
                if not spec:
                    continue
                for event in events:
                    source, target = event.get("source") or {}, event.get("target") or {}
                    if event.get("type") not in spec["types"] or not self.watch.subject.is_actor(
                        source, date
                    ):
                        continue
                    sectors = spec.get("target_sectors")
                    if sectors and (target.get("sector") not in sectors):
                        continue
                    if event.get("negated") or event.get("hypothetical"):
                        continue
                    trigger = event.get("trigger")
                    out[condition.id] = Finding(
                        condition=condition.id,
                        polarity=indicator.polarity,
                        kind="deed",
                        actor=self.watch.subject.name,
                        reporter=None,
                        rule=f"{condition.id}.{indicator.id}:event ({event.get('type')} by the subject)",
                        confidence=0.7,
                        matched=[trigger] if trigger else [],
                        event_id=event.get("event_id"),
                    )
                    break
        return out


def _backing_event(events: list[EventRef], watch: Watch, date) -> str | None:
    for event in events:
        if watch.subject.is_actor(event.get("source") or {}, date):
            return event.get("event_id")
    return None


def _reporter(doc, mentions: Mentions, watch: Watch) -> str | None:
    """Who says so: a non-subject actor that is the subject of the main verb ("the US demanded...")."""
    if doc is None:
        return None
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    for child in root.children:
        if child.dep_ not in REPORTING_DEPS:
            continue
        lo, hi = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
        if any(lo <= s.start and s.end <= hi for s in mentions.subject):
            return None
        for code, spans in mentions.observers.items():
            if any(lo <= s.start and s.end <= hi for s in spans):
                return next((o.name for o in watch.observers if o.code == code), code)
        for span in mentions.others + mentions.foreign:
            if lo <= span.start and span.end <= hi:
                return span.text
    return None


# A year, or a decade said as a time ("in the 1990s"); "their 1990s rule" compares, it does not date.
# A year after "since" reaches to the present ("not vaccinated since 2018"): it does not date the sentence.
_YEAR = re.compile(r"(?<!\bsince )\b(1[89]\d\d|20\d\d)\b(?!s)|(?:\b(?:in|during) the )(1[89]\d0|20\d0)s\b")


def _only_before(text: str, start: str | None) -> bool:
    """The sentence names years, all of them before the watch period: it tells the past."""
    if not start:
        return False
    years = [int(year or decade) for year, decade in _YEAR.findall(text)]
    return bool(years) and max(years) < int(str(start)[:4])


def _unique(items) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen
