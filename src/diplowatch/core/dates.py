"""Publication dates as written in the wild, read into ISO dates (YYYY-MM-DD).

The date is the one printed (a timestamp with an offset keeps its local day: a story published
at 20:00 in Washington on 10 August is dated 10 August, not 11 August UTC).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import math
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ].*)?$")
_MONTH_FIRST = re.compile(_MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})", re.IGNORECASE)
_DAY_FIRST = re.compile(
    r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<y>\d{4})", re.IGNORECASE
)
_SLASHED = re.compile(r"^(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})$")
# News dates outside these years are mistakes (0001-01-01, 9999-12-31, a misread epoch): such a date is
# flagged and the article kept undated, so no timeline stretches to year 9999.
MIN_YEAR = 1800
MAX_YEAR = 2100
_IN_NAME = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-_.]?(?P<m>[01]\d)[-_.]?(?P<d>[0-3]\d)(?!\d)")


def _make(year: int | str, month: int | str, day: int | str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def parse_date(value: object) -> str | None:
    """ISO date for a date-like value (str, date, datetime, epoch seconds), or None if unreadable
    or outside MIN_YEAR..MAX_YEAR (`out_of_range` tells the two apart)."""
    found = _parse_any(value)
    return found if found is not None and in_range(found) else None


def in_range(iso: str) -> bool:
    return MIN_YEAR <= int(iso[:4]) <= MAX_YEAR


def plausible(value: object) -> bool:
    """Is this stored date (a date or an ISO string) within MIN_YEAR..MAX_YEAR? Lanes only span those."""
    if isinstance(value, dt.date):
        return MIN_YEAR <= value.year <= MAX_YEAR
    text = str(value or "")
    return len(text) >= 4 and text[:4].isdigit() and in_range(text)


def out_of_range(value: object) -> str | None:
    """The date `value` names when it reads as one but lies outside MIN_YEAR..MAX_YEAR, else None."""
    found = _parse_any(value)
    if found is not None:
        return found if not in_range(found) else None
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        seconds = value / 1000 if abs(value) >= 1e12 else value
        year = 1970 + int(seconds // 31_556_952)  # past datetime's range: say which year it meant
        return f"{value} (epoch seconds, the year {year})" if not MIN_YEAR <= year <= MAX_YEAR else None
    return None


def _parse_any(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        # Epoch seconds, or milliseconds from JSON exports (from 1e12, i.e. 2001, on: below that a
        # number is read as seconds, so 253402300800 is the year 10000, not 1978 in milliseconds).
        seconds = value / 1000 if abs(value) >= 1e12 else value
        try:
            return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = " ".join(str(value).split())
    if not text:
        return None
    match = _ISO.match(text) or _SLASHED.match(text)
    if match:
        return _make(match["y"], match["m"], match["d"])
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.date().isoformat()
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        match = pattern.search(text)
        if match:
            return _make(match["y"], _MONTHS[match["month"].lower().rstrip(".")], match["d"])
    return None


def date_in_name(name: str) -> str | None:
    """A date written into a file name (2021-09-23-story.txt, 20210923_story.md)."""
    for match in _IN_NAME.finditer(name):
        found = _make(match["y"], match["m"], match["d"])
        if found:
            return found
    return None


def parse_bound(value: object) -> str | None:
    """A date a person typed as a bound (--since, ?until=): YYYY, YYYY-MM or YYYY-MM-DD, as its first day.

    Stricter than `parse_date`, which reads whatever a source printed: a bound that is not one of these
    forms is a mistake to report (ValueError), not a date to guess.
    """
    if value is None or value == "":
        return None
    text = str(value).strip()
    for fmt, pad in (("%Y-%m-%d", ""), ("%Y-%m", "-01"), ("%Y", "-01-01")):
        try:
            dt.datetime.strptime(text, fmt)
            return text + pad
        except ValueError:
            continue
    raise ValueError(f"{text!r}: expected a date like 2022-01-31")
