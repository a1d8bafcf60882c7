"""When a pledge is due, and when it was made, read from its words and the date of the sentence.

A pledge's own time phrase is resolved against the day it was reported ("within a month", "in March",
"by the end of the year", "after the new year", "on 23 March"). The rule: a phrase that lands on or
after that day is the deadline; one that lands before it (with an explicit year: "the amnesty announced
in August 2021") says when the pledge was made. Vague promises ("soon", "as soon as possible") have
no deadline, and none is invented.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from diplowatch.lang import lexicon

LEX = lexicon()
_NUMBERS: dict[str, int] = dict(LEX.mapping("ledger.numbers"))
_MONTHS: dict[str, int] = dict(LEX.mapping("dates.months"))
_NEW_YEAR = LEX.mapping("ledger.local_new_year")
_WITHIN = LEX.pattern("ledger.due_within")
_END_OF = LEX.pattern("ledger.due_end_of")
_NEXT = LEX.pattern("ledger.due_next")
_NEW_YEAR_PHRASE = LEX.pattern("ledger.due_new_year", flags=0)
_MONTH_PHRASE = LEX.pattern("ledger.due_month", flags=0)  # month names are capitalised: "may" is a verb
_MONTH_NAMES = "|".join(_MONTHS)
_DAY_MONTH = re.compile(
    rf"\b(?:on|by|before|until|from|starting|ahead\s+of\s+(?:a|an|the))\s+(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"(?P<month>{_MONTH_NAMES})(?:,?\s+(?P<year>(?:19|20)\d{{2}}))?\b"
)
_MONTH_DAY = re.compile(
    rf"\b(?:on|by|before|until|from|starting|ahead\s+of\s+(?:a|an|the))\s+(?P<month>{_MONTH_NAMES})\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    rf"(?:,?\s+(?P<year>(?:19|20)\d{{2}}))?\b"
)


@dataclass(frozen=True)
class Timing:
    due: str | None = None  # ISO day the pledge falls due
    due_text: str | None = None  # the words that set it
    made: str | None = None  # ISO day the pledge was made, when its words say so


def resolve_timing(words: str, reported: str | None) -> Timing:
    """The deadline and the making date in `words` (a pledge's clause), against the day it was reported."""
    if not reported:
        return Timing()
    try:
        anchor = dt.date.fromisoformat(str(reported)[:10])
    except ValueError:
        return Timing()
    for found, text, whole_month in _phrases(words, anchor):
        if found >= anchor:
            return Timing(found.isoformat(), text, None)
        # Only a phrase with an explicit year lands before the report: it says when the pledge was made
        # ("announced in August 2021": a month stands for its first day).
        return Timing(None, None, (found.replace(day=1) if whole_month else found).isoformat())
    return Timing()


def _phrases(words: str, anchor: dt.date):
    """(date, words) for every time phrase, in the order they appear."""
    found: list[tuple[int, dt.date, str, bool]] = []
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for m in pattern.finditer(words):
            day = _calendar_day(m, anchor)
            if day:
                found.append((m.start(), day, m.group().strip(), False))
    taken = [range(start, start + len(text)) for start, _, text, _ in found]
    for m in _MONTH_PHRASE.finditer(words):
        if any(m.start() in span for span in taken):
            continue
        month = _MONTHS[m["month"]]
        year = int(m["year"]) if m["year"] else _first_year(anchor, month)
        found.append((m.start(), _last_day(year, month), m.group().strip(), True))
    for m in _WITHIN.finditer(words):
        raw = m["n"].lower()
        n = int(raw) if raw.isdigit() else _NUMBERS.get(raw, 1)
        found.append((m.start(), _add(anchor, n, m["unit"].rstrip("s").lower()), m.group().strip(), False))
    for m in _END_OF.finditer(words):
        found.append(
            (m.start(), _end_of(anchor, (m["unit"] or m["unit2"]).lower()), m.group().strip(), False)
        )
    for m in _NEXT.finditer(words):
        unit = m["unit"].lower()
        found.append((m.start(), _end_of(_add(anchor, 1, unit), unit), m.group().strip(), False))
    for m in _NEW_YEAR_PHRASE.finditer(words):
        found.append(
            (m.start(), _new_year(anchor, bool(m["local"] or m["nowruz"])), m.group().strip(), False)
        )
    return [(day, text, whole) for _, day, text, whole in sorted(found, key=lambda f: f[0])]


def _calendar_day(m: re.Match[str], anchor: dt.date) -> dt.date | None:
    month, day = _MONTHS[m["month"]], int(m["day"])
    years = [int(m["year"])] if m["year"] else [anchor.year, anchor.year + 1]
    for year in years:
        try:
            found = dt.date(year, month, day)
        except ValueError:
            return None
        if m["year"] or found >= anchor:  # a yearless day of a pledge lies ahead
            return found
    return None


def _first_year(anchor: dt.date, month: int) -> int:
    """A month named without a year in a pledge is the next one (this month included)."""
    return anchor.year if month >= anchor.month else anchor.year + 1


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add(anchor: dt.date, n: int, unit: str) -> dt.date:
    if unit == "day":
        return anchor + dt.timedelta(days=n)
    if unit == "week":
        return anchor + dt.timedelta(weeks=n)
    months = n * 12 if unit == "year" else n
    index = anchor.month - 1 + months
    year, month = anchor.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(anchor.day, calendar.monthrange(year, month)[1]))


def _end_of(anchor: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return anchor + dt.timedelta(days=6 - anchor.weekday())
    if unit == "month":
        return _last_day(anchor.year, anchor.month)
    return dt.date(anchor.year, 12, 31)


def _new_year(anchor: dt.date, local: bool) -> dt.date:
    """The next new year's day: 1 January, or Nowruz (21 March) for the Afghan and Persian new year."""
    month, day = (int(_NEW_YEAR["month"]), int(_NEW_YEAR["day"])) if local else (1, 1)
    this_year = dt.date(anchor.year, month, day)
    return this_year if this_year >= anchor else dt.date(anchor.year + 1, month, day)
