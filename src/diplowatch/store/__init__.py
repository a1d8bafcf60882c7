"""The embedded DuckDB store: connection, numbered migrations, queries and exports."""

from diplowatch.store.connection import DEFAULT_DB, connect, resolve_db_path

__all__ = ["DEFAULT_DB", "connect", "resolve_db_path"]
