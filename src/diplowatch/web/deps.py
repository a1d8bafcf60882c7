"""What the dashboard's routers share: a cursor per request over the held snapshot, the templates, NotFound."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import duckdb
import jinja2
from fastapi import Request

from diplowatch.errors import DiplowatchError
from diplowatch.report.html import environment


class NotFound(DiplowatchError):
    """The page asked for a row the database does not hold."""


@cache
def templates() -> jinja2.Environment:
    return environment(jinja2.PackageLoader("diplowatch.web", "templates"))


def database(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """FastAPI dependency: a cursor for this request over the dashboard's snapshot (web.source)."""
    con = request.app.state.source.cursor()
    try:
        yield con
    finally:
        con.close()
