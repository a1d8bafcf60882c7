"""The date an event happened, read from its sentence and the article's publication date.

News reports anchor events to the publication day ("on Thursday", "yesterday", "on 15 August").
`event_date` resolves those phrases with plain regexes and `datetime` (dateparser was considered:
it is slow to import and guesses too freely for this narrow job).

The event's date is the day of the act the sentence reports, never a day after publication: a
sentence can only report what has happened by then. A later day it names ("will meet on Friday",
"ahead of a May 1 deadline", "elections on 2 January") is the day of a plan, a promise or a deadline:
the event is the announcing or pledging, dated to the publication day (or to the day of saying, "said on
Monday that ..."), and the named day is left to the pledge ledger as the deadline (ledger/deadlines.py).
The rules, in order:

1. An explicit calendar date in the sentence ("15 August 2021", "Aug. 15", "on Sept. 7") that falls on or
   before publication. A day and month without a year take a year by `resolve_yearless` (below).
2. "N days ago", "the day before yesterday", "yesterday", "last night" (-1 day), "today", "tonight",
   "this morning" (0).
3. A weekday: "Thursday"/"on Thursday" is the Thursday on or before publication (the publication day
   itself when the weekdays match); "last Thursday" is strictly before. After a future marker
   ("will meet on Thursday", but not "said on Thursday it would") or after "next" the weekday is ahead,
   a planned day, so rule 1's limit sends the event to the publication day. "Good Friday", "Super
   Tuesday" are not dates.
4. Vague spans ("last week", "last month", "earlier this year") name no day, so the publication date
   is kept: a conservative choice that never invents precision.

No usable phrase: the publication date. An unreadable publication date: only an explicit date with a
year can be returned, otherwise None.

A day and month without a year ("May 1", "15 August") take the year that puts them nearest the
publication date, among the year before, the same year and the year after. When even the nearest lies
more than a quarter-year (`NEAR_DAYS`) away, the two readings are both plausible and the wording
decides: a forward cue (a future marker before the date, or "ahead of", "by", "until", "before", "due",
"next", "from", "deadline" at it) takes the occurrence after publication; a backward cue ("last",
"earlier", "since", or a past-tense verb before it: "fell on August 15") the one before; with no cue
the nearest stands. So in an article of 21 March 2021 "ahead of a May 1 deadline" is 1 May 2021, and
in one of 1 March 2022 "Kabul fell on August 15" is 15 August 2021.
"""

from __future__ import annotations

import datetime as dt
import re

from diplowatch.core.dates import parse_date
from diplowatch.lang import lexicon

__all__ = ["event_date", "parse_date", "resolve_yearless", "NEAR_DAYS"]

# Within this many days of publication the nearest year of a yearless date is taken whatever the
# wording: a quarter-year, so that the other reading lies at least nine months off.
NEAR_DAYS = 92

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
_AHEAD_OF_DATE = re.compile(LEX.text("dates.yearless_ahead_before") + r"\s*$", re.IGNORECASE)
_AHEAD_AFTER_DATE = re.compile(r"^\s*" + LEX.text("dates.yearless_ahead_after"), re.IGNORECASE)
_BEHIND_OF_DATE = re.compile(LEX.text("dates.yearless_behind_before") + r"\s*$", re.IGNORECASE)
_PAST_TENSE = LEX.pattern("dates.past_tense", flags=0)  # lower case only: "United" is no verb
_CUE_REACH = 40  # characters before the date searched for "ahead of the", "since"


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
    # a day after publication is planned or promised, not the day of the reported act
    return (found if found is not None and found <= anchor else anchor).isoformat()


def resolve_yearless(month: int, day: int, anchor: dt.date, cue: str | None = None) -> dt.date | None:
    """The year of a day and month named without one: the occurrence nearest `anchor` (the publication
    date); when even that lies more than NEAR_DAYS away, `cue` decides ("ahead": the occurrence after
    anchor, "behind": the one before, None: the nearest stands). None for a day no year has (31 June)."""
    found = [d for d in (_safe_date(anchor.year + k, month, day) for k in (-1, 0, 1)) if d is not None]
    if not found:
        return None
    nearest = min(found, key=lambda d: (abs((d - anchor).days), d > anchor))  # a tie goes back
    if abs((nearest - anchor).days) <= NEAR_DAYS or cue is None:
        return nearest
    side = [d for d in found if (d >= anchor if cue == "ahead" else d <= anchor)]
    return min(side, key=lambda d: abs((d - anchor).days)) if side else nearest


def _yearless_cue(sentence: str, match: re.Match[str]) -> str | None:
    """Which way the words around a yearless date point: "ahead", "behind" or None (module doc)."""
    before = sentence[max(0, match.start() - _CUE_REACH) : match.start()]
    if (
        _future(sentence, match)
        or _AHEAD_OF_DATE.search(before)
        or _AHEAD_AFTER_DATE.search(sentence, match.end())
    ):
        return "ahead"
    if _BEHIND_OF_DATE.search(before) or _PAST_TENSE.search(sentence, 0, match.start()):
        return "behind"
    return None


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
        if match["year"]:
            found = _safe_date(int(match["year"]), month, day)
        elif anchor is not None:
            found = resolve_yearless(month, day, anchor, _yearless_cue(sentence, match))
        else:
            continue
        if found:
            # the first day named leads; one after publication is a plan or a deadline, and the dates
            # after it are the background ("will attend on April 24 ... since the February 1 coup")
            return found if anchor is None or found <= anchor else None
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
