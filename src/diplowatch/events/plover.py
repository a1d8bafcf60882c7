"""PLOVER's vocabulary: the 16 event types, their modes, scores, quad classes and the CAMEO map.

Scores are the conflict–cooperation intensities of the PLOVER manual (−10 … +10): a type has a base
score and some modes carry their own. Quad classes follow GDELT/ICEWS: 1 verbal cooperation,
2 material cooperation, 3 verbal conflict, 4 material conflict.
"""

from __future__ import annotations

from diplowatch.core.vocabulary import PLOVER_TYPES

TYPES = PLOVER_TYPES

BASE_SCORE: dict[str, float] = {
    "AGREE": 2.5,
    "CONSULT": 2.5,
    "SUPPORT": 5.0,
    "CONCEDE": 4.5,
    "COOPERATE": 9.5,
    "AID": 10.0,
    "RETREAT": 6.5,
    "REQUEST": 0.0,
    "ACCUSE": -3.0,
    "REJECT": -2.0,
    "THREATEN": -3.5,
    "PROTEST": -5.0,
    "SANCTION": -6.0,
    "MOBILIZE": -5.5,
    "COERCE": -7.0,
    "ASSAULT": -9.0,
}

# Modes with a score of their own; a mode not listed takes its type's base score.
MODE_SCORE: dict[str, dict[str, float]] = {
    "CONSULT": {"visit": 4.0, "third-party": 1.0, "multilateral": 4.0, "phone": 1.5},
    "RETREAT": {
        "withdraw": 8.0,
        "release": 6.5,
        "disarm": 10.0,
        "ceasefire": 7.5,
        "access": 6.5,
        "resign": 4.5,
    },
    "REQUEST": {"assist": 0.5, "change": -1.0, "yield": -1.0, "meet": 0.0},
    "ACCUSE": {"disapprove": -2.0, "investigate": -3.5, "allege": -3.5},
    "REJECT": {"assist": -1.5, "change": -2.0, "yield": -2.0, "meet": -2.0},
    "THREATEN": {"restrict": -3.0, "territory": -4.0},
    "PROTEST": {
        "demo": -5.0,
        "riot": -7.0,
        "strike": -5.0,
        "hunger": -4.5,
        "boycott": -4.5,
        "obstruct": -4.5,
    },
    "SANCTION": {"convict": -6.0, "expel": -5.5, "withdraw": -6.0, "discontinue": -6.0},
    "MOBILIZE": {"troops": -6.5, "weapons": -6.5, "police": -5.5, "militia": -6.0},
    "COERCE": {
        "seize": -7.0,
        "restrict": -7.0,
        "arrest": -7.0,
        "deport": -7.0,
        "withhold": -7.0,
        "censor": -6.5,
        "curfew": -6.5,
        "martial-law": -7.5,
    },
    "ASSAULT": {
        "abduct": -8.5,
        "torture": -8.5,
        "destroy": -8.5,
        "beat": -7.5,
        "firearms": -9.0,
        "explosives": -9.0,
        "aerial": -9.5,
        "drone": -9.5,
        "targeted": -9.5,
        "suicide-attack": -9.5,
    },
}

QUAD_CLASS: dict[str, int] = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 2,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "SANCTION": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}

# CAMEO root (two digits) -> PLOVER type. Root 08 splits into CONCEDE and RETREAT by sub-code.
CAMEO_ROOT_TO_PLOVER: dict[str, str] = {
    "01": "CONSULT",  # make public statement: the nearest PLOVER type is a statement to others
    "02": "REQUEST",
    "03": "AGREE",
    "04": "CONSULT",
    "05": "SUPPORT",
    "06": "COOPERATE",
    "07": "AID",
    "08": "CONCEDE",
    "09": "ACCUSE",
    "10": "REQUEST",
    "11": "ACCUSE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",
    "16": "SANCTION",
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "ASSAULT",
    "20": "ASSAULT",
}
# CAMEO 08x codes that are RETREAT in PLOVER (release people, allow access, de-escalate, withdraw).
CAMEO_RETREAT_CODES = ("0841", "0842", "085", "086", "087", "0871", "0872", "0873", "0874")

# PLOVER type -> the CAMEO root used when a pattern does not give a finer code.
PLOVER_TO_CAMEO_ROOT: dict[str, str] = {
    "AGREE": "03",
    "CONSULT": "04",
    "SUPPORT": "05",
    "CONCEDE": "08",
    "COOPERATE": "06",
    "AID": "07",
    "RETREAT": "08",
    "REQUEST": "10",
    "ACCUSE": "11",
    "REJECT": "12",
    "THREATEN": "13",
    "PROTEST": "14",
    "SANCTION": "16",
    "MOBILIZE": "15",
    "COERCE": "17",
    "ASSAULT": "19",
}

# Older PLOVER labels (v0.5) and their current types.
LEGACY_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}

COOPERATIVE = frozenset(t for t, q in QUAD_CLASS.items() if q in (1, 2))


def intensity(event_type: str, mode: str | None = None) -> float:
    """The PLOVER score of a type, refined by its mode when the manual gives the mode a score."""
    return MODE_SCORE.get(event_type, {}).get(mode or "", BASE_SCORE[event_type])


def quad_class(event_type: str) -> int:
    return QUAD_CLASS[event_type]


def plover_from_cameo(code: str) -> str | None:
    """The PLOVER type of a CAMEO code ("042", "0841", "19"...); None when the root is unknown."""
    code = code.strip()
    if code.startswith(CAMEO_RETREAT_CODES):
        return "RETREAT"
    return CAMEO_ROOT_TO_PLOVER.get(code[:2])


def cameo_root(event_type: str) -> str:
    return PLOVER_TO_CAMEO_ROOT[event_type]


def normalise_type(label: str) -> str:
    """A current PLOVER type for a label that may be a v0.5 one."""
    label = label.strip().upper()
    return LEGACY_TYPES.get(label, label)
