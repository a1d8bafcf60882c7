"""Paragraphs repeated inside one article (a lede pasted twice, a quote echoed): keep one copy.

A paragraph is dropped when every one of its sentences already appears in a paragraph that is
kept. Longer paragraphs are kept first, so a short paragraph that restates part of a longer one
goes and the longer one stays; of two equal copies the first stays. "Appears" tolerates a change of
the first or last word ("Blinken went on..." / "He went on..."), which is how ledes get reworded.
Short paragraphs (speaker turns such as "Thank you.") are never dropped.
"""

from __future__ import annotations

import re

from diplowatch.nlp.sentences import split_sentences as sentence_spans

_WORD = re.compile(r"\w+")
MIN_WORDS = 8  # paragraphs shorter than this are kept even when repeated


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph, by the one splitter the coder uses (nlp.sentences)."""
    return [paragraph[start:end] for start, end in sentence_spans(paragraph)]


def _keys(sentence: str) -> list[tuple[str, ...]]:
    words = tuple(w.casefold() for w in _WORD.findall(sentence))
    if not words:
        return []
    keys = [words]
    if len(words) >= 5:
        keys += [("^",) + words[1:], words[:-1] + ("$",)]
    return keys


def drop_repeated(paragraphs: list[str]) -> list[str]:
    """The paragraphs, in their order, without those that repeat what another kept one says."""
    order = sorted(range(len(paragraphs)), key=lambda i: (-len(paragraphs[i]), i))
    seen: set[tuple[str, ...]] = set()
    keep = [True] * len(paragraphs)
    for index in order:
        paragraph = paragraphs[index]
        sentence_keys = [_keys(s) for s in split_sentences(paragraph)]
        sentence_keys = [k for k in sentence_keys if k]
        long_enough = len(_WORD.findall(paragraph)) >= MIN_WORDS
        if long_enough and sentence_keys and all(any(k in seen for k in keys) for keys in sentence_keys):
            keep[index] = False
            continue
        for keys in sentence_keys:
            seen.update(keys)
    return [p for p, kept in zip(paragraphs, keep, strict=True) if kept]
