"""No test may carry a sentence of an evaluation set.

A test that pins the coder on a gold sentence lets a rule be fitted to that item while `make eval` goes
on scoring it as unseen; the gold sets (`../shared/gold/*.jsonl`: the PLOVER GSR that `make eval` scores
and the real-news dev sets) must stay out of the tests. This scans every string in the test modules
(implicit concatenation joined, as Python reads it) and every line of the test data files, and fails on:

- a run of 8 consecutive words shared with a gold text (a copied sentence or a long piece of one);
- a test sentence of 6 or more words that occurs whole inside a gold text (a gold sentence cut short);
- a test sentence of 9 or more words of which 80% appear, in order, in one gold sentence, or of 6 or
  more content words of which 85% do (a gold sentence with a few words dropped or swapped).

Names and stock phrases ("the U.N. Security Council", "girls will return to school") are shorter than
these thresholds, so sentences written for a test pass.
"""

from __future__ import annotations

import ast
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
RUN = 8
WHOLE = 6
KEPT = 0.8
KEPT_WORDS = 9
KEPT_OF_CONTENT = 0.85
KEPT_CONTENT = 6
_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n|\|")
# Function words are in every sentence: they do not count when looking for gold sentences to compare with.
_FUNCTION = set(
    "a an the of in on at to from by for with and or but as that this it its is are was were be been "
    "has have had said says".split()
)
_TEXT_SUFFIXES = {".jsonl", ".json", ".yaml", ".yml", ".txt", ".md", ".html", ".csv", ".xml", ".rss"}


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def _content(words: list[str]) -> list[str]:
    return [w for w in words if w not in _FUNCTION]


def _kept_in_order(short: list[str], long: list[str]) -> int:
    """Length of the longest common subsequence of two word lists."""
    previous = [0] * (len(long) + 1)
    for word in short:
        current = [0]
        for j, other in enumerate(long):
            current.append(previous[j] + 1 if word == other else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def _test_texts() -> Iterator[tuple[str, str]]:
    """(where, text) for every string of the test modules and every line of the test data files."""
    for path in sorted(TESTS.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        where = str(path.relative_to(TESTS.parent))
        if path.suffix == ".py":
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    yield f"{where}:{node.lineno}", node.value
        elif path.suffix in _TEXT_SUFFIXES:
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                yield f"{where}:{number}", line


class _Gold:
    def __init__(self, folder: Path) -> None:
        self.texts: dict[str, list[str]] = {}
        self.sentences: list[tuple[str, list[str]]] = []  # (gold id, words)
        for path in sorted(folder.glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                item = json.loads(line)
                if "text" not in item:
                    continue  # the header line of aliases
                self.texts[item["id"]] = _words(item["text"])
                for sentence in _SENTENCE_END.split(item["text"]):
                    self.sentences.append((item["id"], _words(sentence)))
        self.runs: dict[tuple[str, ...], str] = {}
        for gold_id, words in self.texts.items():
            for i in range(len(words) - RUN + 1):
                self.runs.setdefault(tuple(words[i : i + RUN]), gold_id)
        self.joined = {gold_id: " " + " ".join(words) + " " for gold_id, words in self.texts.items()}
        self.holding: dict[str, set[int]] = {}
        for k, (_, words) in enumerate(self.sentences):
            for word in set(_content(words)):
                self.holding.setdefault(word, set()).add(k)

    def source_of(self, text: str) -> str | None:
        """The gold item `text` copies (by any of the three tests in the module doc), or None."""
        words = _words(text)
        for i in range(len(words) - RUN + 1):
            found = self.runs.get(tuple(words[i : i + RUN]))
            if found:
                return found
        for sentence in _SENTENCE_END.split(text):
            words = _words(sentence)
            if len(words) >= WHOLE:
                needle = " " + " ".join(words) + " "
                found = next((g for g, hay in self.joined.items() if needle in hay), None)
                if found:
                    return found
            content = _content(words)
            if len(words) < KEPT_WORDS and len(content) < KEPT_CONTENT:
                continue
            shared = Counter(k for word in set(content) for k in self.holding.get(word, ()))
            for k, count in shared.items():
                if count < len(set(content)) / 2:
                    continue  # too few words in common to be a copy
                gold_id, gold_words = self.sentences[k]
                if len(words) >= KEPT_WORDS and _kept_in_order(words, gold_words) >= KEPT * len(words):
                    return gold_id
                kept = _kept_in_order(content, _content(gold_words))
                if len(content) >= KEPT_CONTENT and kept >= KEPT_OF_CONTENT * len(content):
                    return gold_id
        return None


@pytest.fixture(scope="module")
def gold(shared) -> _Gold:
    return _Gold(shared / "gold")


def test_the_check_catches_copies_cut_and_trimmed_sentences(gold):
    # Built from the gold file itself, so the check is shown to bite on what it guards against.
    gold_id, words = next((g, w) for g, w in gold.texts.items() if len(w) >= 12)
    sentence = " ".join(words)
    assert gold.source_of(sentence) == gold_id  # verbatim
    assert gold.source_of(" ".join(words[:WHOLE]) + ".") is not None  # cut short
    assert gold.source_of(" ".join(words[1:9]) + " again today.") is not None  # trimmed
    assert gold.source_of("Ministers of two neighbouring states met to talk about river water.") is None


def test_no_test_carries_a_gold_sentence(gold):
    copies = []
    for where, text in _test_texts():
        found = gold.source_of(text)
        if found:
            copies.append(f"{where}: {found}: {text[:90]!r}")
    assert not copies, "test sentences taken from an evaluation set:\n" + "\n".join(copies)
