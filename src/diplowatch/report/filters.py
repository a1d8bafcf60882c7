"""Filters a reader can put on the evidence, events, articles and stances, turned into SQL.

One dataclass serves the report, the dashboard's URL and the JSON API, so a shared link and an
API call with the same parameters select the same rows. Values always travel as SQL parameters.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from diplowatch.core.dates import parse_bound
from diplowatch.errors import DiplowatchError
from diplowatch.lang import lexicon
from diplowatch.nlp.dates import NEAR_DAYS
from diplowatch.store.filters import date_range

PERIODS = ("month", "quarter", "year")


class BadFilter(DiplowatchError):
    """A filter value that cannot be used (a malformed date, an unknown period kind)."""


def period_sql(column: str, by: str) -> str:
    """SQL giving the period label of a DATE column: 2021-08, 2021-Q3 or 2021 (as the scorecard)."""
    if by == "month":
        return f"strftime({column}, '%Y-%m')"
    if by == "quarter":
        return f"(CAST(year({column}) AS VARCHAR) || '-Q' || CAST(quarter({column}) AS VARCHAR))"
    if by == "year":
        return f"CAST(year({column}) AS VARCHAR)"
    raise BadFilter(f"by={by}: expected one of {', '.join(PERIODS)}")


def bound(value: str | None, name: str) -> str | None:
    """A date bound (YYYY, YYYY-MM or YYYY-MM-DD) or None; anything else is a one-line error."""
    try:
        return parse_bound(value)
    except ValueError:
        raise BadFilter(f"{name}={str(value).strip()}: expected a date like 2022-01-31") from None


@dataclass
class Filters:
    """What a reader asked for; None means no restriction."""

    watch: str | None = None
    condition: str | None = None
    polarity: int | None = None
    actor: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None
    period: str | None = None
    type: str | None = None
    observer: str | None = None
    stance: str | None = None
    country: str | None = None

    def __post_init__(self) -> None:
        self.since = bound(self.since, "since")
        self.until = bound(self.until, "until")
        for name in (
            "condition",
            "actor",
            "outlet",
            "q",
            "period",
            "type",
            "observer",
            "stance",
            "watch",
            "country",
        ):
            if getattr(self, name) == "":
                setattr(self, name, None)

    def as_query(self) -> dict[str, str]:
        """The non-empty filters, ready for a URL query string."""
        return {k: str(v) for k, v in asdict(self).items() if v not in (None, "")}


class Where:
    """Collects SQL conditions and their parameters."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[object] = []

    def add(self, sql: str, *params: object) -> None:
        self.parts.append(sql)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.parts)) if self.parts else ""


def _dates(where: Where, f: Filters, column: str = "date") -> None:
    conditions, params = date_range(column, f.since, f.until)
    where.parts += conditions
    where.params += params


def _sentence_filters(where: Where, f: Filters) -> None:
    """Outlet, text search and dates: the filters every sentence-level table (evidence, stances,
    events) shares."""
    if f.outlet:
        where.add("outlet = ?", f.outlet)
    if f.q:
        where.add("sentence ILIKE ?", f"%{f.q}%")
    _dates(where, f)


def evidence_where(f: Filters, by: str = "month") -> Where:
    where = Where()
    if f.watch:
        where.add("watch = ?", f.watch)
    if f.condition:
        where.add("condition = ?", f.condition)
    if f.polarity is not None:
        where.add("polarity = ?", int(f.polarity))
    if f.actor:
        where.add("(actor = ? OR reporter = ?)", f.actor, f.actor)
    if f.period:
        where.add(f"{period_sql('date', by)} = ?", f.period)
    _sentence_filters(where, f)
    return where


def stance_where(f: Filters) -> Where:
    where = Where()
    if f.watch:
        where.add("watch = ?", f.watch)
    if f.observer:
        where.add("observer_code = ?", f.observer)
    if f.stance:
        where.add("stance = ?", f.stance)
    _sentence_filters(where, f)
    return where


def _forward_date_pattern() -> str:
    """A day and month the words at it point ahead from ("ahead of a May 1 deadline", "until 7 March"),
    as a regular expression DuckDB reads (RE2): the date rule's own cue words (nlp/dates.py)."""
    lex = lexicon()
    months = "|".join(sorted([*lex.mapping("dates.months"), *lex.mapping("dates.month_abbreviations")]))
    day = r"[0-3]?\d(?:st|nd|rd|th)?"
    month_day = rf"(?:(?:{months})\.?\s+{day}|{day}\s+(?:of\s+)?(?:{months}))\b"
    before, after = lex.text("dates.yearless_ahead_before"), lex.text("dates.yearless_ahead_after")
    return rf"{before}\s+{month_day}|{month_day},?\s+{after}"


# Read against the wrong year, most likely ("On November 18, ..."), so QA, not timeline: an event dated
# after its article appeared; or more than a year before it while its sentence does not name that year;
# or, with no year named either, more than a quarter-year (NEAR_DAYS) before it while the sentence points
# ahead at a day and month ("ahead of a May 1 deadline" read as the May before): the date rule takes
# the nearest year for such a day, so a reading that far back is one the rule would not give.
MISDATED_SQL = (
    "EXISTS (SELECT 1 FROM articles a WHERE a.id = events.doc_id AND a.published IS NOT NULL"
    " AND events.date IS NOT NULL AND (date_diff('day', a.published, events.date) > 1"
    " OR (strpos(events.sentence, CAST(year(events.date) AS VARCHAR)) = 0"
    " AND (date_diff('day', events.date, a.published) > 366"
    f" OR (date_diff('day', events.date, a.published) > {NEAR_DAYS}"
    f" AND regexp_matches(events.sentence, '{_forward_date_pattern()}', 'i'))))))"
)


def event_where(f: Filters, dating: str = "all", misdated: list[str] | None = None) -> Where:
    """Events matching f; dating: "all", "plausible" (the timeline's) or "misdated" (the QA list's).

    misdated: the ids MISDATED_SQL selects, found once (`report.data.misdated_ids`) by a caller that asks
    several queries; None: the query tests every event against its article's date itself, which costs
    a join with the articles (1-2 s on a million events) each time.
    """
    where = Where()
    if dating == "plausible":
        if misdated is None:
            where.add(f"NOT {MISDATED_SQL}")
        elif misdated:
            where.add("event_id NOT IN (SELECT unnest(?::VARCHAR[]))", misdated)
    elif dating == "misdated":
        if misdated is None:
            where.add(MISDATED_SQL)
        else:
            where.add("event_id IN (SELECT unnest(?::VARCHAR[]))", misdated)
    if f.country:
        where.add("(source.country = ? OR target.country = ? OR location.country = ?)", *([f.country] * 3))
    if f.period:  # events are faceted by month
        where.add(f"{period_sql('date', 'month')} = ?", f.period)
    if f.type:
        where.add("type = ?", f.type.upper())
    if f.actor:
        where.add(
            "(source.code = ? OR source.country = ? OR target.code = ? OR target.country = ?)",
            *([f.actor] * 4),
        )
    _sentence_filters(where, f)
    return where


def article_where(f: Filters) -> Where:
    where = Where()
    where.add("duplicate_of IS NULL")
    if f.outlet:
        where.add("outlet = ?", f.outlet)
    if f.q:
        where.add("(title ILIKE ? OR text ILIKE ?)", f"%{f.q}%", f"%{f.q}%")
    _dates(where, f, "published")
    return where
