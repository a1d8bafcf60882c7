"""The target rules of events.roles: an ordered tuple of named rules, each of which can be switched off."""

from __future__ import annotations

import pytest

from diplowatch.events import EventCoder
from diplowatch.events.roles import TARGET_RULE_NAMES, TARGET_RULES


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(learned=False)  # the rules alone: these tests pin them


def _pairs(coder: EventCoder, text: str) -> set[tuple[str, str | None, str | None]]:
    events = coder.code_text(text, date="2021-09-01")
    return {(e.type, e.source.country, e.target.country if e.target else None) for e in events}


def test_the_rules_are_named_and_ordered():
    names = [name for name, _ in TARGET_RULES]
    # the source's own people ("urge their citizens") before anything else the sentence names
    assert names[:3] == ["own_people", "direct", "deeper"] and names[-1] == "place"
    assert set(names) == TARGET_RULE_NAMES and len(names) == len(TARGET_RULE_NAMES)


def test_an_unknown_rule_name_is_an_error():
    with pytest.raises(ValueError, match="unknown target rule"):
        EventCoder(disabled_rules={"no-such-rule"})


def test_switching_rules_off_changes_only_what_they_find(coder):
    text = "Egypt condemned Israel for the raid."
    shared = {"nlp": coder.nlp, "resolver": coder.resolver, "verbs": coder.verbs, "learned": False}
    same = EventCoder(**shared, disabled_rules={"place"})
    without_objects = EventCoder(**shared, disabled_rules={"direct", "deeper"})
    assert _pairs(coder, text) == {("ACCUSE", "EGY", "ISR")}
    assert _pairs(same, text) == _pairs(coder, text)
    assert ("ACCUSE", "EGY", "ISR") not in _pairs(without_objects, text)
    assert without_objects.dictionary_hash != coder.dictionary_hash
