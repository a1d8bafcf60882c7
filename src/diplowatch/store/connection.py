"""Open the DuckDB file, apply pending migrations, and turn lock errors into one clear line."""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path

import duckdb

from diplowatch.errors import DiplowatchError
from diplowatch.settings import setting

DEFAULT_DB = "diplowatch.duckdb"
_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


def resolve_db_path(db: str | os.PathLike | None = None) -> Path:
    """--db wins, then $DIPLOWATCH_DB, then ./diplowatch.duckdb."""
    return Path(setting("db", db or None))


def _migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("diplowatch.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply every migration not yet recorded, each in its own transaction. Returns the version."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_version").fetchall()}
    version = max(done, default=0)
    for number, name, sql in _migrations():
        if number in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [number, name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        version = number
    return version


def connect(db: str | os.PathLike | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the database and bring its schema up to date.

    A database held by another process raises DiplowatchError with a one-line message, never
    DuckDB's lock traceback.
    """
    path = resolve_db_path(db)
    if read_only and not path.exists():
        raise DiplowatchError(f"{path}: no such database (run `diplowatch ingest` first, or pass --db)")
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        message = str(exc)
        if "lock" in message.lower():
            holder = re.search(r"PID (\d+)", message)
            who = f" (process {holder.group(1)})" if holder else ""
            raise DiplowatchError(
                f"{path}: the database is in use by another diplowatch process{who}; "
                "wait for it to finish or use another --db"
            ) from None
        raise DiplowatchError(f"{path}: cannot open the database: {message.splitlines()[0]}") from None
    except duckdb.Error as exc:
        raise DiplowatchError(f"{path}: not a diplowatch database ({str(exc).splitlines()[0]})") from None
    if not read_only:
        migrate(con)
    return con
