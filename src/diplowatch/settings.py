"""Every setting diplowatch reads, in one registry: its name, the environment variable, the default.

Lower layers ask `setting(name, given)` (the given value wins, then the environment, then the default),
so no module reads os.environ on its own; tests/test_docs.py checks every setting is documented.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Setting:
    """One setting: its name, the environment variable that sets it, its default and what it does."""

    name: str
    env: str | None
    default: Any
    help: str


# Every setting diplowatch reads, in one registry (tests/test_docs.py checks each is documented).
SETTINGS = (
    Setting("db", "DIPLOWATCH_DB", "diplowatch.duckdb", "the DuckDB database file (--db)"),
    Setting(
        "model", "DIPLOWATCH_SPACY_MODEL", None, "the spaCy model (--model); default: best English installed"
    ),
    Setting("token", "DIPLOWATCH_TOKEN", None, "the dashboard's token, required when serving off loopback"),
    Setting("workers", None, 1, "worker processes for coding (--workers)"),
    Setting(
        "cluster",
        "DIPLOWATCH_CLUSTER",
        None,
        "code on a Dask cluster (--cluster): local, local:N or a scheduler address tcp://HOST:PORT",
    ),
    Setting(
        "shared",
        "DIPLOWATCH_SHARED",
        None,
        "the shared data folder for tests and benchmarks (default ../shared)",
    ),
    Setting(
        "cache",
        "DIPLOWATCH_CACHE",
        None,
        "folder for the precompiled gazetteer and dictionaries (default ~/.cache/diplowatch; off disables)",
    ),
    Setting("gold", "DIPLOWATCH_GOLD", None, "the PLOVER gold file `make eval` scores against"),
    Setting(
        "webhook", "DIPLOWATCH_WEBHOOK", None, "the URL `follow` posts each change to, as JSON (--webhook)"
    ),
)


@dataclass(frozen=True)
class Settings:
    db: str = "diplowatch.duckdb"
    model: str | None = None
    token: str | None = None
    workers: int = 1
    cluster: str | None = None
    dict_paths: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_env(cls, **given: Any) -> Settings:
        """Given values win, then the environment, then the defaults of SETTINGS."""
        names = (
            "db",
            "model",
            "token",
            "workers",
            "cluster",
        )  # the settings a run uses (the rest serve tests and eval)
        values = {name: setting(name, given.get(name)) for name in names}
        values["db"] = str(values["db"])
        return cls(**values, dict_paths=tuple(str(p) for p in given.get("dict_paths") or ()))


def setting(name: str, given: Any = None) -> Any:
    """The value of a setting: `given` when not None, else its environment variable, else its default."""
    for s in SETTINGS:
        if s.name == name:
            if given is not None:
                return given
            from_env = os.environ.get(s.env) if s.env else None
            return from_env if from_env else s.default
    raise KeyError(f"no setting {name!r}")
