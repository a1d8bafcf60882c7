"""What the dashboard's routers share: a read-only connection per request, the templates, NotFound."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import duckdb
import jinja2
from fastapi import Request

from diplowatch.errors import DiplowatchError
from diplowatch.report.data import UnknownWatch, known_watches
from diplowatch.report.html import environment
from diplowatch.store.connection import connect


class NotFound(DiplowatchError):
    """The page asked for a row the database does not hold."""


@cache
def templates() -> jinja2.Environment:
    return environment(jinja2.PackageLoader("diplowatch.web", "templates"))


def database(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """FastAPI dependency: a read-only connection for this request only.

    A `watch=` parameter must name a bundled watch or one registered in this database: never a path
    (the watch loader also reads files, and the dashboard must not read the server's files).
    """
    con = connect(request.app.state.db, read_only=True)
    try:
        watch = request.query_params.get("watch")
        if watch and watch not in known_watches(con):
            raise UnknownWatch(
                f"unknown watch {watch[:80]!r}: not bundled and not registered in this database"
            )
        yield con
    finally:
        con.close()
