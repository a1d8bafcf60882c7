"""Open the DuckDB file, apply pending migrations, and turn lock errors into one clear line."""

from __future__ import annotations

import os
import re
import stat
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


def check_db_path(path: Path, must_exist: bool) -> None:
    """Refuse what cannot be a database before DuckDB opens it: an empty name, a missing file when one
    is needed (a typo must not create a fresh database), a folder, FIFO or device (opening a FIFO blocks)."""
    if not str(path).strip():
        raise DiplowatchError("--db is empty: give a database file")
    try:
        info = path.stat()
    except FileNotFoundError:
        if must_exist:
            raise DiplowatchError(
                f"{path}: no such database (run `diplowatch ingest` first, or check --db)"
            ) from None
        return
    except OSError as exc:  # a name too long, a loop of links, a parent that is a file
        raise DiplowatchError(
            f"{path}: cannot use as a database ({(exc.strerror or str(exc)).lower()})"
        ) from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise DiplowatchError(f"{path}: {kind}; --db must be a database file")


def connect(
    db: str | os.PathLike | None = None, read_only: bool = False, create: bool = True
) -> duckdb.DuckDBPyConnection:
    """Open the database (creating it only when `create` and not `read_only`) and bring its schema up
    to date.

    A database held by another process, a damaged file or another program's database raises
    DiplowatchError with a one-line message naming the file, never DuckDB's traceback.
    """
    path = resolve_db_path(db)
    check_db_path(path, must_exist=read_only or not create)
    try:
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DiplowatchError(
            f"{path}: cannot create its folder ({(exc.strerror or str(exc)).lower()})"
        ) from None
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
        raise DiplowatchError(f"{path}: not a diplowatch database ({_first_line(exc)})") from None
    _refuse_foreign(con, path)
    if not read_only:
        try:
            migrate(con)
        except duckdb.Error as exc:
            con.close()
            raise DiplowatchError(
                f"{path}: not a diplowatch database, or a damaged one ({_first_line(exc)})"
            ) from None
    return con


def _refuse_foreign(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Tables without our schema_version are another program's: leave the file exactly as it is."""
    try:
        tables = {
            row[0]
            for row in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
            ).fetchall()
        }
    except duckdb.Error as exc:
        con.close()
        raise DiplowatchError(
            f"{path}: not a diplowatch database, or a damaged one ({_first_line(exc)})"
        ) from None
    if tables and "schema_version" not in tables:
        con.close()
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise DiplowatchError(
            f"{path}: not a diplowatch database (it holds another program's tables: {shown}); left untouched"
        )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    line = text.splitlines()[0] if text else type(exc).__name__
    return line if len(line) <= 200 else line[:199] + "…"
