"""Watches: a government's conduct against the conditions set for it, and observers' stances, over time.

    from diplowatch.watch import load_watch, list_watches, run_watch, build_scorecard, WatchError

A watch is a YAML file (data/watches/<name>.yaml or any path); docs/watches.md describes the format.
"""

from diplowatch.core.scorecard import STATUS_RULE
from diplowatch.watch.matcher import WatchMatcher
from diplowatch.watch.runner import run_watch
from diplowatch.watch.schema import Watch, WatchError, list_watches, load_watch, parse_watch
from diplowatch.watch.scorecard import build_scorecard, watch_for

__all__ = [
    "STATUS_RULE",
    "Watch",
    "WatchError",
    "WatchMatcher",
    "build_scorecard",
    "watch_for",
    "list_watches",
    "load_watch",
    "parse_watch",
    "run_watch",
]
