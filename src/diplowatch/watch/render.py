"""The scorecard in the terminal, with rich: conditions by period, best evidence, observers' lanes."""

from __future__ import annotations

import math

from rich.console import Console
from rich.table import Table
from rich.text import Text

from diplowatch.core.scorecard import Cell, Lane, Scorecard
from diplowatch.core.vocabulary import DECISIVE_STANCES, STATUS_GLYPHS

STATUS_STYLE = {
    "met": "green",
    "some progress": "cyan",
    "breached": "red",
    "mixed": "yellow",
    "no evidence": "dim",
}
STANCE_STYLE = {"recognize": "bold green", "engage": "cyan", "withhold": "yellow", "reject": "red"}
STANCE_MARK = {"recognize": "R", "engage": "E", "withhold": "W", "reject": "X"}


def _status(status: str) -> str:
    """A status with its glyph, so it reads without colour too."""
    return f"{STATUS_GLYPHS[status]} {status}"


def _cell(cell: Cell) -> Text:
    if cell["plus"] + cell["minus"] + cell["zero"] == 0:
        return Text("·", style="dim")
    text = Text()
    text.append(f"+{cell['plus']}", style="green" if cell["plus"] else "dim")
    text.append(f" −{cell['minus']}", style="red" if cell["minus"] else "dim")
    text.append(f" {cell['zero']}", style="dim")
    return text


def _reports(condition) -> str:
    r = condition.get("reports") or {}
    text = f"+{r.get('plus', 0)} −{r.get('minus', 0)} {r.get('zero', 0)}"
    return text + (f" · {condition['reviewed']} reviewed" if condition.get("reviewed") else "")


LATEST_WIDTH = len("recognize 2025-07-03")


def _mark_stance(lanes: list[Lane]) -> str | None:
    """The stance one mark shows for several periods: the latest decision, else the latest stance."""
    said = [lane["stance"] for lane in lanes if lane["stance"]]
    decisive = [s for s in said if s in DECISIVE_STANCES]
    chosen = decisive or said
    return chosen[-1] if chosen else None


def render_scorecard(card: Scorecard, console: Console | None = None) -> None:
    console = console or Console()
    watch = card["watch"]
    periods = card["periods"]
    console.print(
        f"[bold]{watch['title']}[/bold]  [dim]({watch['name']}; subject: {watch['subject']['name']})[/dim]"
    )
    # Periods run down the rows, conditions across: five columns fit any terminal, years of months too.
    table = Table(title="conditions per period: +deeds meeting, −deeds breaching, words", show_lines=False)
    table.add_column(card["by"], no_wrap=True)
    for condition in card["conditions"]:
        table.add_column(condition["id"].replace("_", " "), justify="center")
    rows: dict[str, list[Text]] = {p: [] for p in periods}
    for condition in card["conditions"]:
        for cell in condition["cells"]:
            text = _cell(cell)
            if cell["status"] != "no evidence":
                text.append(f" {_status(cell['status'])}", style=STATUS_STYLE[cell["status"]])
            rows[cell["period"]].append(text)
    for label in periods:
        if any(c.plain != "·" for c in rows[label]):
            table.add_row(label, *rows[label])
    table.add_section()
    table.add_row("total acts", *[f"+{c['plus']} −{c['minus']} {c['zero']}" for c in card["conditions"]])
    # One act reported by many articles counts once above; the reports behind the acts are shown beside.
    table.add_row("reports", *[_reports(c) for c in card["conditions"]], style="dim")
    table.add_row(
        "status",
        *[Text(_status(c["status"]), style=STATUS_STYLE[c["status"]]) for c in card["conditions"]],
        style="bold",
    )
    table.add_row("trend", *[c["trend"] for c in card["conditions"]])
    console.print(table)
    console.print(f"[dim]status: {card['status_rule']}; periods with no evidence are left out[/dim]")
    for condition in card["conditions"]:
        if not condition["top_evidence"]:
            continue
        console.print(f"\n[bold]{condition['id']}[/bold] — {condition['title']}")
        for row in condition["top_evidence"]:
            sign = {1: "[green]+[/green]", -1: "[red]−[/red]", 0: "[dim]0[/dim]"}[row["polarity"]]
            source = row.get("outlet") or row.get("url") or row["doc_id"]
            if row.get("reviewed"):
                source += f"  [bold]reviewed: {row['reviewed']}[/bold]"
            sentence = row["sentence"] if len(row["sentence"]) <= 220 else row["sentence"][:217] + "..."
            console.print(f"  {sign} {row.get('date') or '????-??-??'}  [dim]{source}[/dim]")
            console.print(f"      {sentence}", highlight=False, markup=False)
    shown = [o for o in card["observers"] if o["latest"] is not None]
    # One character per period, several periods per character when the lane would not fit the width:
    # the latest stance and its date are never cut.
    name_width = min(24, max((len(o["code"]) + 1 + len(o["name"]) for o in shown), default=8))
    room = max(8, console.width - name_width - LATEST_WIDTH - 10)
    per_mark = max(1, math.ceil(len(periods) / room))
    span = f"{periods[0]} → {periods[-1]}" if periods else ""
    unit = card["by"] if per_mark == 1 else f"{per_mark} {card['by']}s"
    lanes = Table(
        title=f"observers' stances, one mark per {unit}, {span}: R recognize, E engage, W withhold, X reject, · none"
    )
    lanes.add_column("observer", min_width=min(name_width, 16), overflow="fold")
    lanes.add_column("lane", no_wrap=True, min_width=min(room, len(periods)))
    lanes.add_column("latest", no_wrap=True, min_width=LATEST_WIDTH)
    for observer in shown:
        lane = Text()
        for start in range(0, len(observer["lanes"]), per_mark):
            stance = _mark_stance(observer["lanes"][start : start + per_mark])
            lane.append(
                STANCE_MARK[stance] if stance else "·", style=STANCE_STYLE[stance] if stance else "dim"
            )
        latest = observer["latest"]
        assert latest is not None
        lanes.add_row(
            f"{observer['code']} {observer['name']}",
            lane,
            Text(f"{latest['stance']} {latest['date']}", style=STANCE_STYLE[latest["stance"]]),
        )
    if lanes.row_count:
        console.print()
        console.print(lanes)
    else:
        console.print("\n[dim]no observer stance found yet[/dim]")
