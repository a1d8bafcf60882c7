"""The words every stage shares: PLOVER event types, stances, polarities and condition statuses.

One definition each: the CLI's choices, the watch schema's checks, the scorecard, the report's menus
and the JSON API read them from here.
"""

from __future__ import annotations

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

# An observer's stance toward a watch's subject, strongest engagement first.
STANCES = ("recognize", "engage", "withhold", "reject")
DECISIVE_STANCES = ("recognize", "reject")  # a decision decides its period, however many words surround it

# Evidence polarity: +1 a deed meeting a condition, -1 a deed breaching it, 0 words about it.
MEETS, BREACHES, WORDS = 1, -1, 0
POLARITIES = (MEETS, BREACHES, WORDS)

BREACHED, MIXED, MET, NO_EVIDENCE = "breached", "mixed", "met", "no evidence"
SOME_PROGRESS = "some progress"  # one deed meeting a condition and none breaching it: not yet "met"
STATUSES = (BREACHED, MIXED, SOME_PROGRESS, MET, NO_EVIDENCE)
# The glyph each status shows beside its colour (terminal, report, dashboard and the JSON API's
# scorecard), so a status is never told by colour alone.
STATUS_GLYPHS = {BREACHED: "✗", MIXED: "±", SOME_PROGRESS: "+", MET: "✓", NO_EVIDENCE: "·"}
MET_MIN_DEEDS = 2  # independent deeds (folded acts, not rows) a condition needs before it is "met"
IMPROVING, WORSENING, STEADY = "improving", "worsening", "steady"
TRENDS = (IMPROVING, WORSENING, STEADY, NO_EVIDENCE)

# A pledge's status in the promise ledger (the Obameter's scale), in the order a pledge usually travels it.
LEDGER_STATUSES = ("not yet rated", "in the works", "stalled", "kept", "compromise", "broken")

PERIODS = ("month", "quarter", "year")
DEFAULT_WATCH = "afghanistan-recognition"
