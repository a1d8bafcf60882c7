"""What the rule tests compare: the (type, source, target) keys of a text's coded events, keyed as the
annotators key actors (a country, or an organisation's key such as "UN"); negated and hypothetical events
are no act of the text."""

from __future__ import annotations

from diplowatch.events import EventCoder
from diplowatch.events.learned import actor_key


def annotator_keys(
    coder: EventCoder, text: str, date: str = "2022-05-01"
) -> set[tuple[str, str | None, str | None]]:
    return {
        (e.type, actor_key(e.source and e.source.to_dict()), actor_key(e.target and e.target.to_dict()))
        for e in coder.code_text(text, date=date)
        if not e.negated and not e.hypothetical
    }
