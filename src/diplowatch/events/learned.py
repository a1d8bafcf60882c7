"""Trained components of the coder: where rules fail on real news, three small spaCy text classifiers help.

The rules find actors (dictionaries) and events (verb patterns); on real news they miss events written in
ways no pattern knows and code events out of non-events. Three classifiers, trained by `make train` on
real news annotated blind (`training/realnews/`), work beside them:

- **types** (`event-types`): which PLOVER types a sentence reports, from its words;
- **roles** (`event-roles`): whether an actor of the sentence is a source or a target, read from the
  sentence with that actor written as `XSUBJ` and the other actors as `XOTHER`;
- **verifier** (`event-verifier`): whether a proposed event (type, source, target) — from the rules or from
  the two models above — is one the annotators would write, read from the sentence with the source and
  target marked with the type (`XSRC_ASSAULT`, `XTGT_ASSAULT`). Its probability is the event's confidence.

Actors are grouped by *key*, the unit the annotation guidelines code: a country (ISO3), an international
body (UN, EU, NATO...), NGO, or a transnational jihadist group (ISIS, AQ). The models are BOW classifiers
over word n-grams: small (a few MB), fast, and retrained from the committed data in minutes.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from diplowatch.core.records import Actor, Event
from diplowatch.core.vocabulary import PLOVER_TYPES

MODELS = ("event-types", "event-roles", "event-verifier")
ROLES = ("SOURCE", "TARGET")
VERIFIED = "RIGHT"
# Keys of the bodies the guidelines name, by the code prefix the actor dictionaries give them.
_IGO_KEYS = (
    ("IGOUNOIAE", "IAEA"), ("IGOWHO", "WHO"), ("IGONAT", "NATO"), ("IGOEEC", "EU"), ("IGOSCO", "SCO"),
    ("IGOOIC", "OIC"), ("IGOASN", "ASEAN"), ("IGOAFU", "AU"), ("IGOARL", "ARAB_LEAGUE"), ("IGOICC", "ICC"),
    ("IGOICJ", "UN"), ("IGOOSC", "OSCE"), ("IGOGCC", "GCC"), ("IGOWAS", "ECOWAS"), ("IGOIMF", "IMF"),
    ("IGOWBK", "WORLD_BANK"), ("IGOG7", "G7"), ("IGOG20", "G20"), ("IGOCOE", "COE"), ("IGOCST", "CSTO"),
    # organisations outside the guidelines' list go by their acronym (training/README.md)
    ("IGOWTO", "WTO"), ("IGOMER", "MERCOSUR"), ("IGOBRI", "BRICS"), ("IGOOECD", "OECD"), ("IGOITP", "INTERPOL"),
    ("NGOFIFA", "FIFA"), ("NGOIOC", "IOC"),
    ("IGOUNO", "UN"),
)  # fmt: skip
# Whole words: "isil" is inside a surname ("Kivisild"), and such a person is no member of the group.
_TRANSNATIONAL = tuple(
    (key, re.compile(r"\b(?:" + "|".join(names) + r")\b"))
    for key, names in (
        ("ISIS", ("islamic state", "isis", "isil", "daesh")),
        ("AQ", ("al-qaeda", "qaeda", "qaida", "shabaab")),
    )
)


def actor_key(actor: Mapping[str, Any] | None) -> str | None:
    """The key an actor counts as (None for roles with no country: civilians, police of nowhere)."""
    if not actor:
        return None
    group = f"{actor.get('group') or ''} {actor.get('name') or ''}".lower()
    for key, names in _TRANSNATIONAL:
        if names.search(group):
            return key
    if actor.get("country"):
        return str(actor["country"])
    code = str(actor.get("code") or "")
    keyed = next((key for prefix, key in _IGO_KEYS if code.startswith(prefix)), None)
    return keyed or ("NGO" if code.startswith("NGO") else None)


@dataclass
class Party:
    """One key of a sentence: the actor to report for it and where its mentions stand."""

    key: str
    actor: dict[str, Any]
    spans: list[tuple[int, int]] = field(default_factory=list)


def parties(sentence: str, actors: Iterable[Mapping[str, Any]], place: Any = None) -> list[Party]:
    """The keys of a sentence, from its resolved actors (offsets within the sentence) and its place."""
    found: dict[str, Party] = {}
    for a in actors:
        key = actor_key(a)
        if key is None:
            continue
        party = found.setdefault(key, Party(key, {k: a.get(k) for k in ("text", "name", "code", "country",
                                                                          "sector", "group")}))  # fmt: skip
        if a.get("start") is not None:
            party.spans.append((int(a["start"]), int(a["end"])))
    country = getattr(place, "country", None)
    if country and country not in found:
        name = getattr(place, "name", "") or ""
        hit = re.search(re.escape(name), sentence) if name else None
        found[country] = Party(country, {"text": name, "name": name, "code": country, "country": country},
                               [hit.span()] if hit else [])  # fmt: skip
    return list(found.values())


def marked(sentence: str, marks: Sequence[tuple[tuple[int, int], str]]) -> str:
    """The sentence with each marked span replaced by its token (overlaps: the first wins)."""
    out, at = [], 0
    for (start, end), token in sorted(marks):
        if start < at:
            continue
        out += [sentence[at:start], f" {token} "]
        at = end
    out.append(sentence[at:])
    return re.sub(r"\s+", " ", "".join(out)).strip()


def role_text(sentence: str, found: Sequence[Party], key: str) -> str:
    marks = [(span, "XSUBJ" if p.key == key else "XOTHER") for p in found for span in p.spans]
    return marked(sentence, marks)


def verifier_text(sentence: str, found: Sequence[Party], type_: str, source: str | None, target: str | None,
                  origin: str, trigger: str | None = None, reading: Reading | None = None) -> str:  # fmt: skip
    """What the verifier reads: the models' agreement (`agreement`, given their reading), type, origin and
    layout tokens (`layout`), then the sentence with source and target marked."""
    marks = []
    for p in found:
        token = "XOTHER"
        if p.key == source and p.key == target:
            token = f"XBOTH_{type_}"
        elif p.key == source:
            token = f"XSRC_{type_}"
        elif p.key == target:
            token = f"XTGT_{type_}"
        marks += [(span, token) for span in p.spans]
    no_target = " NOTARGET" if target is None else ""
    shape = " ".join(layout(sentence, found, source, target, trigger))
    agreed = " ".join(agreement(reading, type_, source, target)) + " " if reading is not None else ""
    return f"{agreed}TYPE_{type_} FROM_{origin}{no_target} {shape} . {marked(sentence, marks)}"


def _words(text: str) -> int:
    return len(text.split())


def _bucket(n: int, edges: Sequence[int]) -> str:
    return str(next((e for e in edges if n <= e), "MORE"))


def layout(sentence: str, found: Sequence[Party], source: str | None, target: str | None,
           trigger: str | None = None) -> list[str]:  # fmt: skip
    """Where the parts of a proposed event stand, as tokens the verifier reads whatever the wording: the
    sentence's length and number of parties, whether the doer opens the sentence, the order of and distance
    between doer and target, and for a rule's event its trigger word and which side of it each party is
    (a doer just before its verb is most often its subject). No parse is needed: offsets suffice."""
    spans = {p.key: p.spans for p in found}
    src = min(spans.get(source) or [], default=None) if source else None
    tgt = min(spans.get(target) or [], default=None) if target and target != source else None
    tokens = [f"LEN_{_bucket(_words(sentence), (8, 15, 25, 40))}", f"NPARTY_{min(len(found), 4)}"]
    if src is None:
        tokens.append("SRC_UNSEEN")
    else:
        tokens.append("SRC_OPENS" if _words(sentence[: src[0]]) <= 2 else "SRC_INSIDE")
    if src is not None and tgt is not None:
        first, second = sorted((src, tgt))
        tokens.append("SRC_FIRST" if src < tgt else "TGT_FIRST")
        tokens.append(f"GAP_{_bucket(_words(sentence[first[1] : second[0]]), (1, 3, 6, 12))}")
    at = sentence.lower().find(trigger.lower()) if trigger else -1
    if trigger and at >= 0:
        tokens += ["TRIG_" + _token(w) for w in trigger.lower().split()[:3]]
        for name, span in (("SRC", src), ("TGT", tgt)):
            if span is not None:
                before = span[1] <= at
                gap = (
                    _words(sentence[span[1] : at])
                    if before
                    else _words(sentence[at + len(trigger) : span[0]])
                )
                tokens.append(f"{name}_{'BEFORE' if before else 'AFTER'}_TRIG_{_bucket(gap, (0, 2, 5))}")
    return tokens


@dataclass
class Proposal:
    type: str
    source: str
    target: str | None
    score: float


# A type model saved with this in its meta's "diplowatch_input" reads `type_text`, not the bare sentence.
HINTED = "trigger-hints"
_HINT_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


@cache
def trigger_hints() -> dict[str, frozenset[str]]:
    """Each surface form of a trigger of the bundled verb dictionary -> the hint tokens it gives: `HINTV_<TYPE>`
    for a verb of a pattern of that type, `HINTN_<TYPE>` for a noun of a nominal one. Always the bundled
    dictionary: the shipped models learnt these tokens, which a user's own patterns would change."""
    from diplowatch.events.inflect import noun_forms, verb_forms
    from diplowatch.events.verbs import load_verbs

    verbs = load_verbs()
    found: dict[str, set[str]] = {}
    for lemma, patterns in verbs.verbs.items():
        for form in verb_forms(lemma):
            found.setdefault(form.lower(), set()).update(f"HINTV_{p.type}" for p in patterns)
    for noun, nominals in verbs.nominals.items():
        for form in noun_forms(noun):
            found.setdefault(form.lower(), set()).update(f"HINTN_{p.type}" for p in nominals)
    return {form: frozenset(tokens) for form, tokens in found.items()}


def sentence_hints(sentence: str) -> frozenset[str]:
    """The hint tokens of a sentence's words (`trigger_hints`)."""
    hints = trigger_hints()
    return frozenset(t for w in _HINT_WORD.findall(sentence) for t in hints.get(w.lower(), ()))


def type_text(sentence: str, hints: frozenset[str] | None = None) -> str:
    """What a hinted type model reads: the types the verb dictionary's triggers in the sentence could give,
    then the sentence. The dictionary generalises where the words alone are rare in the training data: one
    weight for every verb of a type ("condemns", "denounces", "decries") rather than one per verb."""
    hints = sentence_hints(sentence) if hints is None else hints
    return f"{' '.join(sorted(hints))} . {sentence}" if hints else sentence


class LearnedModels:
    """The three trained classifiers, loaded from a folder (default: the package's data/models)."""

    hinted = False  # whether the type model reads `type_text` (set from its meta when loaded)

    def __init__(self, folder: Path | None = None, tokenizer: Any = None):
        """`tokenizer`: one to read with instead of the models' own when saved exactly as theirs (see
        `share_tokenizer`); theirs is then never loaded."""
        from diplowatch.nlp.model import load_pipeline

        base = folder or models_folder()
        # The three are trained from a blank English pipeline: when their saved tokenizers and vocabularies'
        # data are the same files, one tokenizer serves all three (loaded once, and a word it has met is
        # not split again); the texts become the same tokens either way.
        shared = all(_same_files([base / name / part for name in MODELS]) for part in _TOKENIZER_FILES)
        self._saved_tokenizer = (base / MODELS[0] / "tokenizer").read_bytes() if shared else None
        if tokenizer is None or not self._saved_alike(tokenizer):
            tokenizer = None
            first = load_pipeline(base / MODELS[0])
            self.types = first
            if shared:
                tokenizer = first.tokenizer
        else:
            self.types = load_pipeline(base / MODELS[0], tokenizer=tokenizer)
        self.roles, self.verifier = (load_pipeline(base / name, tokenizer=tokenizer) for name in MODELS[1:])
        self.hinted = self.types.meta.get("diplowatch_input") == HINTED

    def _saved_alike(self, tokenizer: Any) -> bool:
        """Whether `tokenizer` has the same rules and exceptions as the models' saved one."""
        return (
            self._saved_tokenizer is not None
            and tokenizer.to_bytes(exclude=["vocab"]) == self._saved_tokenizer
        )

    def share_tokenizer(self, tokenizer: Any) -> None:
        """Tokenize with `tokenizer` (the coder's parsing pipeline's) when it is saved exactly as the
        models' own (the same rules and exceptions: the same tokens). The judge then reads sentences the
        parse has already split, from the tokenizer's cache, instead of splitting every one a second time;
        a token's features are hashes of its text, the same in either vocabulary."""
        if tokenizer is self.types.tokenizer:
            return
        if self._saved_alike(tokenizer):
            for pipeline in (self.types, self.roles, self.verifier):
                pipeline.tokenizer = tokenizer

    def propose(self, sentence: str, found: Sequence[Party], min_type: float) -> list[Proposal]:
        """Events the type and role models see in the sentence: each likely type with each likely source
        and target (the likeliest one of each at least; no target when no party is likely one). The
        verifier, not this step, decides which of them stand."""
        return self.propose_many([(sentence, found)], min_type)[0]

    def propose_many(
        self, items: Sequence[tuple[str, Sequence[Party]]], min_type: float
    ) -> list[list[Proposal]]:
        """`propose` for many sentences at once (`read_many`, then `proposals`)."""
        return [proposals(r, min_type) for r in self.read_many(items, min_type)]

    def read_many(self, items: Sequence[tuple[str, Sequence[Party]]], min_type: float) -> list[Reading]:
        """What the type and role models read in many sentences at once: every sentence's types in one batch,
        then every role text in one batch (only of sentences with a type at `min_type` or more). Each text is
        scored on its own (a bag of n-grams), so a batch gives the same scores as one call per text, without
        the cost of a call per text."""
        out = [Reading() for _ in items]
        asked = [k for k, (_, found) in enumerate(items) if found]
        if self.hinted:
            for k in asked:
                out[k].hints = sentence_hints(items[k][0])
        texts = (type_text(items[k][0], out[k].hints) if self.hinted else items[k][0] for k in asked)
        for k, doc in zip(asked, self.types.pipe(texts), strict=True):
            out[k].types = dict(doc.cats)
        wanted = [k for k in asked if max(out[k].types.values(), default=0.0) >= min_type]
        jobs = [(k, p.key) for k in wanted for p in items[k][1]]
        texts = (role_text(items[k][0], items[k][1], key) for k, key in jobs)
        for (k, key), doc in zip(jobs, self.roles.pipe(texts), strict=True):
            out[k].roles[key] = dict(doc.cats)
        return out

    def verify(self, texts: list[str]) -> list[float]:
        return [doc.cats[VERIFIED] for doc in self.verifier.pipe(texts)]


_TOKENIZER_FILES = ("tokenizer", "vocab/lookups.bin", "vocab/vectors", "vocab/vectors.cfg", "vocab/key2row")


def _same_files(paths: Sequence[Path]) -> bool:
    try:
        first, *rest = (path.read_bytes() for path in paths)
    except OSError:
        return False
    return all(other == first for other in rest)


LIKELY = 0.3  # a role score from which a party is proposed in that role (the verifier has the last word)


@dataclass
class Reading:
    """The type model's scores of a sentence, and the role model's of its parties (key -> SOURCE, TARGET)."""

    types: dict[str, float] = field(default_factory=dict)
    roles: dict[str, dict[str, float]] = field(default_factory=dict)
    hints: frozenset[str] | None = None  # the sentence's trigger hints, when the models read them


def proposals(reading: Reading, min_type: float) -> list[Proposal]:
    """Events a reading proposes: each likely type with each likely source and target (the likeliest one of
    each at least; no target when no party is likely one)."""
    types = [t for t in PLOVER_TYPES if reading.types.get(t, 0.0) >= min_type]
    if not types or not reading.roles:
        return []
    sources = _likely(reading.roles, "SOURCE")
    targets: list[str | None] = list(_likely(reading.roles, "TARGET"))
    if max(s["TARGET"] for s in reading.roles.values()) < LIKELY:
        targets = [None]
    return [Proposal(t, s, g, reading.types[t]) for t in types for s in sources for g in targets]


def _tenth(score: float) -> str:
    return str(min(int(score * 10), 9))


def agreement(reading: Reading, type_: str, source: str | None, target: str | None) -> list[str]:
    """How far the type and role models agree with a proposed event, as tokens for the verifier: the type
    model's score of its type (in tenths) and whether it is the sentence's likeliest type, and the role
    model's scores of its source and target; with hinted models, whether a trigger of the verb dictionary in
    the sentence could give its type. So a rule's event is weighed with what the models read too."""
    if not reading.types:
        return ["TS_NONE"]
    top = max(reading.types, key=lambda t: reading.types[t])
    tokens = [f"TS_{_tenth(reading.types.get(type_, 0.0))}", "TTOP" if top == type_ else f"TTOPIS_{top}"]
    if reading.hints is not None:  # whether a trigger of the dictionary could give this type here
        verb, noun = f"HINTV_{type_}" in reading.hints, f"HINTN_{type_}" in reading.hints
        tokens.append("THINT_VERB" if verb else "THINT_NOUN" if noun else "THINT_NONE")
    roles = reading.roles
    if not roles:
        return [*tokens, "R_NONE"]
    if source in roles:
        best = max(roles, key=lambda k: roles[k]["SOURCE"])
        tokens += [f"RS_{_tenth(roles[source]['SOURCE'])}", "RSBEST" if best == source else "RSNOTBEST"]
    if target in roles and target != source:
        tokens.append(f"RT_{_tenth(roles[target]['TARGET'])}")
    return tokens


def _likely(scores: dict[str, dict[str, float]], role: str) -> list[str]:
    best = max(scores, key=lambda k: scores[k][role])
    return [best, *(k for k in scores if k != best and scores[k][role] >= LIKELY)]


def models_folder() -> Path:
    return Path(str(resources.files("diplowatch") / "data" / "models"))


@cache
def bundled_judge(tokenizer: Any = None) -> EventJudge | None:
    """The judge with the shipped models, or None when this installation has none (the rules then work alone).
    Given the coder's `tokenizer`, one judge per tokenizer reads with it (`LearnedModels`)."""
    if not models_installed():
        return None
    folder = models_folder()
    decision = json.loads((folder / "decision.json").read_text(encoding="utf-8"))
    floor = decision.get("rule_floor")
    return EventJudge(LearnedModels(folder, tokenizer), float(decision["min_type"]), float(decision["threshold"]),
                      None if floor is None else float(floor), str(decision.get("cover", "none")),
                      decision.get("confidence"))  # fmt: skip


def calibrated(score: float, knots: Sequence[Sequence[float]] | None) -> float:
    """A score mapped through a monotone table of (score, rate right) knots, linear between them (the
    score itself when there is no table)."""
    if not knots:
        return score
    if score <= knots[0][0]:
        return float(knots[0][1])
    for (x0, y0), (x1, y1) in zip(knots, knots[1:], strict=False):
        if score <= x1:
            return float(y0 + (y1 - y0) * (score - x0) / (x1 - x0)) if x1 > x0 else float(y1)
    return float(knots[-1][1])


def isotonic(pairs: Iterable[tuple[float, bool]], min_size: int = 50) -> list[list[float]]:
    """Knots of the monotone map from score to rate right that fits held-out (score, right) pairs best
    (pool-adjacent-violators), each block at least `min_size` events so that no rate rests on a handful."""
    blocks: list[list[float]] = []  # [mean score, rights, count]
    for score, right in sorted(pairs):
        blocks.append([score, float(right), 1.0])
        while len(blocks) > 1 and (
            blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2] or blocks[-2][2] < min_size
        ):
            (s0, r0, n0), (s1, r1, n1) = blocks[-2], blocks.pop()
            blocks[-1] = [(s0 * n0 + s1 * n1) / (n0 + n1), r0 + r1, n0 + n1]
    if len(blocks) > 1 and blocks[-1][2] < min_size:
        (s0, r0, n0), (s1, r1, n1) = blocks[-2], blocks.pop()
        blocks[-1] = [(s0 * n0 + s1 * n1) / (n0 + n1), r0 + r1, n0 + n1]
    return [[round(s, 4), round(r / n, 4)] for s, r, n in blocks]


def models_installed() -> bool:
    """Whether this installation ships the three models (asked without loading them)."""
    folder = models_folder()
    return all((folder / name / "config.cfg").is_file() for name in MODELS)


def models_digest() -> str:
    """A digest of the shipped models' decision file (it names the training data): joins the dictionary hash."""
    path = models_folder() / "decision.json"
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.is_file() else "no-models"


def origin_of(rule: str | None, confidence: float | None = None) -> str:
    """What the verifier is told of the rule that coded an event: its family (verbs, nominal, speech...), its
    pattern, how it found the roles (">fallback", "+unidentified"...) and its own confidence, as tokens. So the
    verifier learns how far each rule and each way of finding roles is right on real news."""
    text = rule or "rule"
    family = text.split(":", 1)[0].split(".", 1)[0].split("+", 1)[0]
    tokens = ["RULE_" + _token(family)]
    pattern = text.split(":", 1)[1] if ":" in text else ""
    name, *how = re.split(r"[>+]", pattern) if pattern else [""]
    if name:
        tokens.append("PAT_" + _token(name))
    tokens += ["HOW_" + _token(h) for h in how if h]
    if confidence is not None:
        tokens.append(f"CONF_{int(round(confidence * 20)) * 5}")  # in steps of 0.05
    return " ".join(tokens)


def _token(text: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in text).upper()


Key = tuple[str, str, str | None]  # type, source key, target key


FILLED = "HOW_FILLED"  # the verifier's token for a target `with_target` supplied


def with_target(event: Event) -> tuple[Event, bool]:
    """A rule's event that names no target, given one: where it happened, else the doer's own country.

    The annotators give nearly every event a target (of the rules' targetless events on the training data,
    about 2% matched one), and when the sentence names none it is the place of the act ("ISIL militants
    attack a prison in Al-Hasakah") or the doer's own country (a resignation, a curfew). Negated and
    hypothetical events are left as they are. The flag says whether a target was supplied."""
    if event.target is not None or event.negated or event.hypothetical or event.source is None:
        return event, False
    place = event.location.country if event.location is not None else None
    country = place or event.source.country
    if not country:
        return event, False
    name = (event.location.name if place and event.location is not None else None) or country
    return replace(event, target=Actor(text=name, code=country, country=country)), True


COVER = ("none", "pair", "source")


def select(
    scored: Sequence[tuple[Key, bool, float]], threshold: float, rule_floor: float, cover: str = "none"
) -> list[int]:
    """Which of a sentence's scored events stand (their indices): a rule's event at `rule_floor` or more;
    a model's proposal at `threshold` or more, only the best-scored one per pair of parties (the models
    propose one act between two parties per sentence, not one per type). `cover` lets a standing rule
    event speak for its parties (the rule read the sentence's grammar, the models only its words): with
    "pair" no proposal stands between the same two parties, with "source" none by the same doer."""
    standing = [i for i, (_, from_rules, score) in enumerate(scored) if from_rules and score >= rule_floor]

    def party_of(key: Key) -> object:
        return frozenset((key[1], key[2])) if cover == "pair" else key[1]

    covered = {party_of(scored[i][0]) for i in standing} if cover != "none" else set()
    best: dict[frozenset, int] = {}
    for i, (key, from_rules, score) in enumerate(scored):
        pair = frozenset((key[1], key[2]))
        if from_rules or score < threshold or party_of(key) in covered:
            continue
        if pair not in best or score > scored[best[pair]][2]:
            best[pair] = i
    return sorted(standing + list(best.values()))


NewEvent = Callable[[str, dict[str, Any], dict[str, Any] | None, float], Event]
# What `judge` weighs for one sentence: its text, its parties, the rules' events, and how to make a model's event.
Judged = tuple[str, Sequence[Party], Sequence[Event], NewEvent]


class EventJudge:
    """Weighs a sentence's events: the rules' and the models' proposals, each scored by the verifier.

    Which stand is `select`'s rule, with the thresholds cross-validation chose on the training data
    (`decision.json`); an event's confidence is its verifier score. Negated and hypothetical events keep
    their flags and are kept flagged. A rule event whose doer is no key (a role of no country) is dropped:
    it cannot be judged, and it never names who acted.
    """

    def __init__(
        self,
        models: LearnedModels,
        min_type: float,
        threshold: float,
        rule_floor: float | None = None,
        cover: str = "none",
        calibration: Mapping[str, Sequence[Sequence[float]]] | None = None,
    ):
        self.models, self.min_type, self.threshold, self.cover = models, min_type, threshold, cover
        self.rule_floor = threshold if rule_floor is None else rule_floor
        self.calibration = dict(calibration or {})

    def confidence(self, score: float, from_rules: bool) -> float:
        """The verifier's score as the rate at which held-out events so scored were right (`calibrated`)."""
        return round(calibrated(score, self.calibration.get("rules" if from_rules else "model")), 3)

    def judge(
        self, sentence: str, found: Sequence[Party], rule_events: Sequence[Event], new: NewEvent
    ) -> list[Event]:
        return self.judge_many([(sentence, found, rule_events, new)])[0]

    def judge_many(self, items: Sequence[Judged]) -> list[list[Event]]:
        """`judge` for many sentences at once (a chunk's): each classifier runs once over all of their
        texts rather than once per sentence, which on short news cost more than the parse."""
        keyed_all: list[list[tuple[Key, str, Event | None]]] = []
        for _, _, rule_events, _ in items:
            keyed: list[tuple[Key, str, Event | None]] = []
            for e in rule_events:
                source = actor_key(e.source.to_dict() if e.source else None)
                if source is not None:
                    e, filled = with_target(e)
                    target = actor_key(e.target.to_dict() if e.target else None)
                    origin = origin_of(e.rule, e.confidence) + (f" {FILLED}" if filled else "")
                    keyed.append(((e.type, source, target), origin, e))
            keyed_all.append(keyed)
        readings = self.models.read_many(
            [(sentence, found) for sentence, found, _, _ in items], self.min_type
        )
        for keyed, reading in zip(keyed_all, readings, strict=True):
            taken = {k for k, _, e in keyed if e is not None and not (e.negated or e.hypothetical)}
            for p in proposals(reading, self.min_type):
                key = (p.type, p.source, p.target)
                if key not in taken:
                    taken.add(key)
                    keyed.append((key, "MODEL", None))
        texts = [
            verifier_text(sentence, found, *k, origin, e.trigger if e is not None else None, reading)
            for (sentence, found, _, _), keyed, reading in zip(items, keyed_all, readings, strict=True)
            for k, origin, e in keyed
        ]
        scores = iter(self.models.verify(texts))
        return [
            self._keep(found, keyed, [next(scores) for _ in keyed], new) if keyed else []
            for (_, found, _, new), keyed in zip(items, keyed_all, strict=True)
        ]

    def _keep(self, found: Sequence[Party], keyed: list[tuple[Key, str, Event | None]], scores: list[float],
              new: NewEvent) -> list[Event]:  # fmt: skip
        """The events of one sentence that stand, given the verifier's score of each."""
        actors = {p.key: p.actor for p in found}
        kept = [replace(e, confidence=self.confidence(score, True))
                for (_, _, e), score in zip(keyed, scores, strict=True)
                if e is not None and (e.negated or e.hypothetical)]  # fmt: skip
        flat = [(key, event is not None, score) for (key, _, event), score in zip(keyed, scores, strict=True)]
        for i in select(flat, self.threshold, self.rule_floor, self.cover):
            (key, _, event), confidence = keyed[i], self.confidence(scores[i], keyed[i][2] is not None)
            if event is not None and (event.negated or event.hypothetical):
                continue
            if event is not None:
                kept.append(replace(event, confidence=confidence))
            else:
                kept.append(new(key[0], actors[key[1]], actors.get(key[2]) if key[2] else None, confidence))
        return kept
