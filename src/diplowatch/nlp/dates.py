"""The date an event happened, read from its sentence and the article's publication date.

News reports anchor events to the publication day ("on Thursday", "yesterday", "on 15 August").
`event_date` resolves those phrases with plain regexes and `datetime` (dateparser was considered:
it is slow to import and guesses too freely for this narrow job). The rules, in order:

1. An explicit calendar date in the sentence ("15 August 2021", "Aug. 15", "on Sept. 7") wins when it
   is plausible: not after the publication date. A day and month without a year take the latest year
   that keeps the date on or before publication. When a future marker (will, would, "is to",
   "plans to", "next", ...) comes before the date in the sentence, dates after publication are
   accepted and a yearless date takes the first year on or after publication.
2. "N days ago", "the day before yesterday", "yesterday", "last night" (-1 day), "today", "tonight",
   "this morning" (0), "tomorrow" (+1).
3. A weekday: "Thursday"/"on Thursday" is the Thursday on or before publication (the publication day
   itself when the weekdays match); "last Thursday" is strictly before. After a future marker
   ("will meet on Thursday", but not "said on Thursday it would") it is the Thursday on or after
   publication; "next Thursday" is strictly after. "Good Friday", "Super Tuesday" are not dates.
4. Vague spans ("last week", "last month", "earlier this year") name no day, so the publication date
   is kept: a conservative choice that never invents precision.

No usable phrase: the publication date. An unreadable publication date: only an explicit date with a
year can be returned, otherwise None.
"""

from __future__ import annotations

import datetime as dt
import re

from diplowatch.core.dates import parse_date
from diplowatch.lang import lexicon

__all__ = ["event_date", "parse_date"]

LEX = lexicon()
_MONTHS: dict[str, int] = {**LEX.mapping("dates.months"), **LEX.mapping("dates.month_abbreviations")}
# Capitalised month names only: "may" and "march" in lower case are verbs.
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:" + "|".join(LEX.phrases("dates.ordinal_suffixes")) + r")?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d{2}))?"
_NOT_NUMBER = r"(?!\d|[.:,]\d)"  # "15." ends a sentence; "15.5", "15:30" and "15,000" are not dates
_OF = r"(?:" + LEX.text("dates.day_of") + r"\s+)?"
_DAY_MONTH = re.compile(r"(?<![\d.,])" + _DAY + r"\s+" + _OF + _MONTH + _YEAR + _NOT_NUMBER)
_MONTH_DAY = re.compile(r"\b" + _MONTH + r"\s+" + _DAY + _NOT_NUMBER + _YEAR + _NOT_NUMBER)

_WEEKDAYS = LEX.phrases("dates.weekdays")
_WEEKDAY = re.compile(
    r"(?:\b(?P<which>" + "|".join(LEX.phrases("dates.weekday_qualifiers")) + r")\s+)?\b(?P<weekday>"
    + "|".join(_WEEKDAYS) + r")\b",
    re.IGNORECASE,
)  # fmt: skip
_AHEAD = LEX.words("dates.weekday_ahead")
_STRICTLY_AHEAD = LEX.words("dates.weekday_strictly_ahead")
_BEHIND = LEX.words("dates.weekday_behind")
_NUMBERS: dict[str, int] = dict(LEX.mapping("dates.numbers"))
_DAYS_AGO = re.compile(
    r"\b(?P<n>\d{1,2}|" + "|".join(_NUMBERS) + r")" + LEX.text("dates.days_ago"), re.IGNORECASE
)
# Longest phrases first so "the day before yesterday" is not read as "yesterday".
_RELATIVE = [
    (re.compile(pattern, re.IGNORECASE), int(offset))
    for offset, pattern in LEX.mapping("dates.relative_days").items()
]
# Named days are holidays and primaries, not dates: "Good Friday", "Super Tuesday".
_NAMED_DAY = LEX.pattern("dates.named_day", flags=0)
_FUTURE = LEX.pattern("dates.future")


def event_date(sentence: str, published: str | None) -> str | None:
    """ISO date of the event a sentence reports, given the article's publication date (see module doc)."""
    anchor_iso = parse_date(published) if published else None
    anchor = dt.date.fromisoformat(anchor_iso) if anchor_iso else None
    explicit = _explicit_date(sentence, anchor)
    if explicit is not None:
        return explicit.isoformat()
    if anchor is None:
        return None
    found = _relative_date(sentence, anchor)
    return (found or anchor).isoformat()


def _future(sentence: str, match: re.Match[str]) -> bool:
    """A future marker before the phrase: "will meet on Friday", not "said on Friday it would"."""
    return bool(_FUTURE.search(sentence, 0, match.start()))


def _explicit_date(sentence: str, anchor: dt.date | None) -> dt.date | None:
    matches = sorted(
        [*_DAY_MONTH.finditer(sentence), *_MONTH_DAY.finditer(sentence)], key=lambda m: m.start()
    )
    for match in matches:
        month = _MONTHS[match["month"]]
        day = int(match["day"])
        future = _future(sentence, match)
        if match["year"]:
            found = _safe_date(int(match["year"]), month, day)
            if found and (anchor is None or future or found <= anchor):
                return found
        elif anchor is not None:
            found = _yearless(month, day, anchor, future)
            if found:
                return found
    return None


def _yearless(month: int, day: int, anchor: dt.date, future: bool) -> dt.date | None:
    """The day and month in the year that keeps it nearest the publication date on the right side."""
    for year in (anchor.year, anchor.year + 1) if future else (anchor.year, anchor.year - 1):
        found = _safe_date(year, month, day)
        if found and (found >= anchor if future else found <= anchor):
            return found
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _relative_date(sentence: str, anchor: dt.date) -> dt.date | None:
    ago = _DAYS_AGO.search(sentence)
    if ago:
        raw = ago["n"].lower()
        days = int(raw) if raw.isdigit() else _NUMBERS[raw]
        return anchor - dt.timedelta(days=days)
    for pattern, offset in _RELATIVE:
        if pattern.search(sentence):
            return anchor + dt.timedelta(days=offset)
    weekday = next(
        (m for m in _WEEKDAY.finditer(sentence) if not _NAMED_DAY.search(sentence, 0, m.start())), None
    )
    if weekday:
        return _weekday_date(weekday, anchor, _future(sentence, weekday))
    return None


def _weekday_date(match: re.Match[str], anchor: dt.date, future: bool) -> dt.date:
    target = [w.lower() for w in _WEEKDAYS].index(match["weekday"].lower())
    which = (match["which"] or "").lower()
    if which in _AHEAD:
        future, strict = True, which in _STRICTLY_AHEAD
    elif which in _BEHIND:
        future, strict = False, True
    else:
        strict = False
    if future:
        days = (target - anchor.weekday()) % 7 or (7 if strict else 0)
        return anchor + dt.timedelta(days=days)
    days = (anchor.weekday() - target) % 7 or (7 if strict else 0)
    return anchor - dt.timedelta(days=days)
