"""English inflections of dictionary lemmas, so sentences can be prefiltered before parsing.

The prefilter only needs a superset of the surface forms a lemma can take: over-generating a few
non-words ("meeted") costs nothing, missing a form loses an event. Irregular verbs are listed.
"""

from __future__ import annotations

IRREGULAR: dict[str, tuple[str, ...]] = {
    "be": ("is", "are", "was", "were", "been", "being", "am"),
    "have": ("has", "had", "having"),
    "do": ("does", "did", "done", "doing"),
    "go": ("goes", "went", "gone", "going"),
    "meet": ("met",),
    "hold": ("held",),
    "give": ("gave", "given"),
    "take": ("took", "taken"),
    "make": ("made",),
    "send": ("sent",),
    "speak": ("spoke", "spoken"),
    "seek": ("sought",),
    "fight": ("fought",),
    "shoot": ("shot",),
    "hit": ("hit",),
    "strike": ("struck", "stricken"),
    "break": ("broke", "broken"),
    "withdraw": ("withdrew", "withdrawn"),
    "throw": ("threw", "thrown"),
    "blow": ("blew", "blown"),
    "lead": ("led",),
    "come": ("came",),
    "become": ("became",),
    "begin": ("began", "begun"),
    "bring": ("brought",),
    "buy": ("bought",),
    "forbid": ("forbade", "forbidden"),
    "forgive": ("forgave", "forgiven"),
    "freeze": ("froze", "frozen"),
    "fly": ("flew", "flown", "flies"),
    "lay": ("laid",),
    "leave": ("left",),
    "put": ("put",),
    "set": ("set",),
    "cut": ("cut",),
    "quit": ("quit",),
    "undertake": ("undertook", "undertaken"),
    "beat": ("beat", "beaten"),
    "slay": ("slew", "slain"),
    "tell": ("told",),
    "say": ("said",),
    "stand": ("stood",),
    "win": ("won",),
    "lose": ("lost",),
    "pay": ("paid",),
    "rush": ("rushed",),
    "wake": ("woke",),
    "sell": ("sold",),
    "deal": ("dealt",),
    "mean": ("meant",),
    "fall": ("fell", "fallen"),
    "rise": ("rose", "risen"),
    "ring": ("rang", "rung"),
    "overrun": ("overran",),
    "partake": ("partook",),
}

VOWELS = set("aeiou")


def _doubles_final(word: str) -> bool:
    """Whether the final consonant doubles before -ed/-ing (ban→banned), by the CVC rule."""
    if len(word) < 3 or word[-1] in VOWELS or word[-1] in "wxy":
        return False
    return word[-2] in VOWELS and word[-3] not in VOWELS


def verb_forms(lemma: str) -> set[str]:
    """A lemma's plausible surface forms (base, -s, -ed, -ing, irregulars; hyphen variants)."""
    forms = {lemma}
    forms.update(IRREGULAR.get(lemma, ()))
    if lemma.endswith("e") and not lemma.endswith("ee"):
        forms.update({lemma + "s", lemma + "d", lemma[:-1] + "ing"})
    elif lemma.endswith("ee"):
        forms.update({lemma + "s", lemma + "d", lemma + "ing"})
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in VOWELS:
        forms.update({lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"})
    elif lemma.endswith(("s", "x", "z", "ch", "sh")):
        forms.update({lemma + "es", lemma + "ed", lemma + "ing"})
    else:
        forms.update({lemma + "s", lemma + "ed", lemma + "ing"})
    if _doubles_final(lemma):
        forms.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"})
    if lemma.endswith("c"):
        forms.update({lemma + "ked", lemma + "king"})
    return forms


def noun_forms(lemma: str) -> set[str]:
    """A noun lemma and its plurals."""
    forms = {lemma, lemma + "s"}
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(lemma + "es")
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in VOWELS:
        forms.add(lemma[:-1] + "ies")
    return forms


def all_forms(lemma: str) -> set[str]:
    """Forms for the prefilter; a hyphenated lemma also matches its halves' tokenisation."""
    forms = verb_forms(lemma) | noun_forms(lemma)
    return {f.lower() for f in forms}
