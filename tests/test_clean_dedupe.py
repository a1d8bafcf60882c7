"""Exact hashes and MinHash near-duplicates, including signatures stored and read back."""

from __future__ import annotations

import pytest

from diplowatch.clean.dedupe import NearDuplicates, content_hash

STORY = (
    "The Taliban on Wednesday reversed a decision to reopen secondary schools for girls, hours after "
    "classes had resumed across Afghanistan for the first time since August. Students who arrived at "
    "schools in Kabul were told to go home. Taliban officials did not explain the decision, which "
    "drew criticism from the United Nations and from several governments that have made girls' "
    "education a condition of any engagement with the new authorities in Kabul."
)
REWRITE = STORY.replace("did not explain", "gave no explanation for")
OTHER = (
    "Pakistan and Afghanistan agreed to an immediate ceasefire after talks in Doha mediated by Qatar "
    "and Turkey, the Qatari foreign ministry said on Sunday, following a week of clashes along the "
    "border in which dozens of soldiers and civilians were killed on both sides of the frontier."
)


def test_content_hash_ignores_case_and_spacing_only():
    assert content_hash("The  envoy\nmet") == content_hash("the envoy met")
    assert content_hash("The envoy met") != content_hash("The envoy left")


def test_near_duplicate_found_and_unrelated_story_not():
    index = NearDuplicates(0.8)
    index.add("a", index.signature(STORY))
    match = index.match(index.signature(REWRITE))
    assert match is not None and match[0] == "a" and match[1] >= 0.8
    assert index.match(index.signature(OTHER)) is None


def test_signatures_survive_a_round_trip_through_bytes():
    index = NearDuplicates()
    signature = index.signature(STORY)
    fresh = NearDuplicates()
    fresh.load([("a", index.to_bytes(signature))])
    assert fresh.match(fresh.signature(REWRITE))[0] == "a"


def test_threshold_is_checked():
    with pytest.raises(ValueError):
        NearDuplicates(0)
