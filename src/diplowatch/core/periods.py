"""Periods of time as the scorecard and the charts label them: 2021-08, 2021-Q3, 2021."""

from __future__ import annotations

import datetime as dt
from typing import Any

from diplowatch.core.dates import MAX_YEAR, MIN_YEAR
from diplowatch.core.vocabulary import PERIODS


def check_by(by: str) -> str:
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}")
    return by


def iso_day(value: Any) -> str | None:
    """A date, datetime or ISO string as its "YYYY-MM-DD" text (None or empty: None), for comparing
    days as text."""
    return str(value)[:10] if value else None


def as_day(value: Any) -> dt.date | None:
    """A date, datetime or ISO string as a day (None stays None)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def period_of(value: Any, by: str) -> str | None:
    """The label of the period holding this day."""
    day = as_day(value)
    if day is None:
        return None
    if by == "year":
        return f"{day.year}"
    if by == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def period_labels(first: Any, last: Any, by: str) -> list[str]:
    """Every period label from the one holding `first` to the one holding `last`, gaps included."""
    start, end = as_day(first), as_day(last)
    if start is None or end is None:
        return []
    # Dates outside the plausible years are never stored now, but an older database may hold one:
    # lanes stop at the bounds rather than running month by month to 9999.
    start = max(start, dt.date(MIN_YEAR, 1, 1))
    end = min(end, dt.date(MAX_YEAR, 12, 31))
    labels: list[str] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        label = period_of(dt.date(year, month, 1), by)
        if label is not None and (not labels or labels[-1] != label):
            labels.append(label)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return labels
