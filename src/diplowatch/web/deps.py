"""What the dashboard's routers share: a cursor per request over the held snapshot, the templates, NotFound."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import duckdb
import jinja2
from fastapi import Request

from diplowatch.errors import DiplowatchError
from diplowatch.report.data import UnknownWatch, known_watches
from diplowatch.report.html import environment


class NotFound(DiplowatchError):
    """The page asked for a row the database does not hold."""


@cache
def templates() -> jinja2.Environment:
    return environment(jinja2.PackageLoader("diplowatch.web", "templates"))


def database(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """FastAPI dependency: a cursor for this request over the dashboard's snapshot (web.source).

    A `watch=` parameter must name a bundled watch or one registered in this database: never a path
    (the watch loader also reads files, and the dashboard must not read the server's files).
    """
    con, request.state.memo = request.app.state.source.read()
    try:
        watch = request.query_params.get("watch")
        if watch and watch not in known_watches(con):
            raise UnknownWatch(
                f"unknown watch {watch[:80]!r}: not bundled and not registered in this database"
            )
        yield con
    finally:
        con.close()
