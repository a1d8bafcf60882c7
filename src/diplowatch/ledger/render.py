"""The ledger and the changes in the terminal, with rich: one block per pledge with its timeline."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from diplowatch.ledger.changes import Change
from diplowatch.ledger.records import LedgerEntry

STATUS_STYLE = {
    "not yet rated": "dim",
    "in the works": "cyan",
    "stalled": "yellow",
    "kept": "green",
    "compromise": "magenta",
    "broken": "red",
}
KIND_STYLE = {"breach": "red", "ledger": "bold", "stance": "cyan"}


def render_ledger(entries: list[LedgerEntry], console: Console | None = None, steps: bool = True) -> None:
    console = console or Console()
    if not entries:
        console.print("no pledges of the subject found yet")
        return
    for e in entries:
        style = STATUS_STYLE.get(e.status, "")
        console.print(f"[{style}]{e.status.upper()}[/{style}]  [bold]{escape(e.promise)}[/bold]")
        to = f"to {escape(e.promisee)}; " if e.promisee else ""
        due = f"due {e.due} ({escape(e.due_text or '')}); " if e.due else ""
        console.print(f"  [dim]{e.condition} · {to}made {e.made or '?'}; {due}{escape(e.rationale)}[/dim]")
        if steps:
            for s in e.steps:
                mark = {1: "+", -1: "−"}.get(s.polarity, "·")
                where = f" [dim]({escape(s.outlet)})[/dim]" if s.outlet else ""
                said = f" “{escape(_short(s.sentence))}”" if s.sentence else ""
                st = STATUS_STYLE.get(s.status, "")
                console.print(f"    {s.date or '?'} {mark} [{st}]{s.status}[/{st}] {s.kind}:{said}{where}")
                if s.review:
                    console.print(f"      [bold]reviewed[/bold] [dim]{escape(_reviewed(s.review))}[/dim]")
        console.print()


def render_changes(changes: list[Change], console: Console | None = None) -> None:
    console = console or Console()
    if not changes:
        console.print("no changes in that time")
        return
    for c in changes:
        style = KIND_STYLE.get(c.kind, "")
        said = f" — “{escape(_short(c.sentence))}”" if c.sentence else ""
        console.print(f"{c.date or '?'} [{style}]{c.kind:6}[/{style}] {escape(c.summary)}{said}")


def _reviewed(review: dict) -> str:
    done = "confirmed" if review.get("verdict") == "right" else "overridden"
    why = f": {review['reason']}" if review.get("reason") else ""
    return f"{review.get('kind')} {done} by {review.get('reviewer') or 'an analyst'}{why} (machine: {review.get('machine')})"


def _short(text: str | None, limit: int = 140) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
