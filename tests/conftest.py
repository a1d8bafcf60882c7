"""Fixtures shared by the whole suite.

`shared` finds ../shared (the seeds, corpora and gold set beside the checkout) and skips the test
cleanly when a user's clone does not have it. `db_path` gives each test its own DuckDB file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "src" / "diplowatch" / "data" / "sample"


def _shared_dir() -> Path | None:
    candidates = [os.environ.get("DIPLOWATCH_SHARED"), REPO.parent / "shared"]
    for candidate in candidates:
        if candidate and Path(candidate, "README.md").exists():
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def shared() -> Path:
    found = _shared_dir()
    if found is None:
        pytest.skip("../shared is not beside this checkout")
    return found


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


def pytest_collection_modifyitems(config, items):
    """A test that takes the `shared` fixture is a shared-data test (`make test-fast` leaves those out)."""
    for item in items:
        if "shared" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.shared)


@pytest.fixture(scope="module")
def afghanistan():
    """The bundled Afghanistan watch's sentence judge (watch.WatchMatcher)."""
    from diplowatch.watch import WatchMatcher, load_watch

    return WatchMatcher(load_watch("afghanistan-recognition"))


@pytest.fixture(scope="module")
def myanmar():
    """The bundled Myanmar/ASEAN watch's sentence judge."""
    from diplowatch.watch import WatchMatcher, load_watch

    return WatchMatcher(load_watch("myanmar-asean"))


@pytest.fixture(scope="session")
def watch_verdicts():
    """`watch_verdicts(watch, date)(text)`: a bundled watch's verdict on one sentence of that date, its
    actors resolved as `make eval` resolves them (one matcher per watch, one resolver, for the session);
    with `coded=True` the matcher also reads the sentence's coded events, as a stored run gives them."""
    from diplowatch.evaluate.watch import _resolver, actors_of
    from diplowatch.watch import WatchMatcher, load_watch
    from watch_events import event_refs

    resolver, matchers = _resolver(), {}

    def verdicts(watch: str, date: str, coded: bool = False):
        if watch not in matchers:
            matchers[watch] = WatchMatcher(load_watch(watch))
        matcher = matchers[watch]
        return lambda text: matcher.judge(
            text, actors_of(resolver, text, date), date, events=event_refs(text, date) if coded else None
        )

    return verdicts


@pytest.fixture(scope="session")
def afghanistan_stances(watch_verdicts):
    """`afghanistan_stances(date, coded=False)(text)`: the (observer, stance) pairs the bundled Afghanistan
    watch reads in one sentence of that date (with `coded`, from its coded events too)."""

    def at(date: str, coded: bool = False):
        verdict = watch_verdicts("afghanistan-recognition", date, coded=coded)
        return lambda text: {(s.observer, s.stance) for s in verdict(text).stances}

    return at


@pytest.fixture(scope="session")
def rules_coder():
    """The coder with the rules alone (no trained judge): what the rule tests pin."""
    from diplowatch.events import EventCoder

    return EventCoder(learned=False)
