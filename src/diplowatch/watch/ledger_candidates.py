"""Which coded sentences the promise ledger (diplowatch.ledger) reads beside a watch's evidence, decided
once per sentence when the watch judges its article (watch.runner) and kept in the table
`ledger_candidates`; the ledger only reads them (so the watch does not import the ledger):

- a *pledge* candidate names the subject and has a pledge cue (a verb or noun of promising, or a word of
  what will be: lang/en/ledger.yaml); outside the evidence a stand-in ("they") could be anyone;
- a *reveal* candidate is a strike by others that reveals a presence breach (watch.reveals).

Only sentences dated in the watch's period count (all of them when it names no start).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from diplowatch.core.periods import iso_day
from diplowatch.lang import lexicon
from diplowatch.watch.reveals import presence_breaches, revealed_rows
from diplowatch.watch.schema import Watch

LEX = lexicon()
# A sentence may hold a pledge when it has a pledge verb or noun, or a word of what will be.
CUE = re.compile(
    "|".join(
        f"(?:{LEX.text(name)})"
        for name in ("ledger.pledge_verbs", "ledger.pledge_nouns", "ledger.future_words")
    ),
    re.IGNORECASE,
)


class LedgerCandidates:
    """Picks a watch's ledger candidates from judged sentences."""

    def __init__(self, watch: Watch) -> None:
        self.watch = watch
        self.start = iso_day(watch.period.get("start"))
        self.breaches = presence_breaches(watch)  # once: it reads every indicator

    def pick(self, sentence: Mapping[str, Any]) -> dict[str, Any] | None:
        """The candidate row of a sentence (doc_id, sentence_index, text, date, url, outlet), or None."""
        text, day = sentence.get("text") or "", sentence.get("date")
        if self.start and (not day or str(iso_day(day)) < self.start):
            return None
        pledge = bool(CUE.search(text) and self.watch.subject.names.search(text))
        reveal = bool(revealed_rows(self.watch, [{"sentence": text}], self.breaches))
        if not (pledge or reveal):
            return None
        return {"watch": self.watch.name, "doc_id": sentence["doc_id"],
                "sentence_index": sentence["sentence_index"], "sentence": text,
                "date": iso_day(day), "url": sentence.get("url"),
                "outlet": sentence.get("outlet"), "pledge": pledge, "reveal": reveal}  # fmt: skip
