"""SQL fragments that several queries share: one spelling of the date-range filter."""

from __future__ import annotations

from typing import Any


def date_range(
    column: str, since: str | None, until: str | None, keep_undated: bool = False
) -> tuple[list[str], list[Any]]:
    """Conditions and parameters for `since <= column <= until` (either bound optional).

    keep_undated: rows whose date is unknown pass the filter (a watch must not lose undated text).
    """
    conditions: list[str] = []
    params: list[Any] = []
    for bound, op in ((since, ">="), (until, "<=")):
        if bound:
            test = f"{column} {op} CAST(? AS DATE)"
            conditions.append(f"({column} IS NULL OR {test})" if keep_undated else test)
            params.append(bound)
    return conditions, params
