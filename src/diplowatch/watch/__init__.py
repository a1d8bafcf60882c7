"""Watches: a government's conduct against the conditions set for it, and observers' stances, over time.

    from diplowatch.watch import load_watch, list_watches, run_watch, build_scorecard, WatchError

A watch is a YAML file (data/watches/<name>.yaml or any path); docs/watches.md describes the format.
"""

from diplowatch.watch.matcher import WatchMatcher
from diplowatch.watch.runner import run_watch
from diplowatch.watch.schema import Watch, WatchError, list_watches, load_watch, parse_watch
from diplowatch.watch.scorecard import STATUS_RULE, build_scorecard

__all__ = [
    "STATUS_RULE",
    "Watch",
    "WatchError",
    "WatchMatcher",
    "build_scorecard",
    "list_watches",
    "load_watch",
    "parse_watch",
    "run_watch",
]
