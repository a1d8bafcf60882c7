"""A sentence's coded events as the watch matcher reads them (`EventRef`), coded by the pipeline's coder:
how the stance tests give the matcher the acts a stored run would give it."""

from __future__ import annotations

from typing import Any

from diplowatch.api import code_text


def event_refs(text: str, date: str) -> list[dict[str, Any]]:
    return [
        {"event_id": e.event_id, "type": e.type, "source": e.source.to_dict() if e.source else {},
         "target": e.target.to_dict() if e.target else {}, "negated": e.negated,
         "hypothetical": e.hypothetical, "trigger": e.trigger, "rule": e.rule, "confidence": e.confidence}
        for e in code_text(text, date)
    ]  # fmt: skip
