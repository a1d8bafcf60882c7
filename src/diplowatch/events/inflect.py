"""English inflections of dictionary lemmas, so sentences can be prefiltered before parsing.

The prefilter only needs a superset of the surface forms a lemma can take: over-generating a few
non-words ("meeted") costs nothing, missing a form loses an event. Irregular verbs are listed in
lang/en/events-inflect.yaml; the spelling rules for -s, -ed and -ing are the code below.
"""

from __future__ import annotations

from functools import cache

from diplowatch.lang import lexicon

IRREGULAR = lexicon().mapping("events-inflect.irregular")

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


# Loading the verb dictionary asks for the same lemmas' forms again and again (each pattern's verbs and
# object nouns: 12,215 asks of 1,023 lemmas), at every start-up: each lemma's are worked out once.
@cache
def all_forms(lemma: str) -> frozenset[str]:
    """Forms for the prefilter; a hyphenated lemma also matches its halves' tokenisation."""
    forms = verb_forms(lemma) | noun_forms(lemma)
    return frozenset(f.lower() for f in forms)
