"""diplowatch: event data and condition watches from news text, with the sentence as evidence.

Public API (imported lazily so that `import diplowatch` stays cheap):

    code_text(text, date=None) -> list[Event]     code one text into PLOVER events
    Diplowatch(db=...)                             the application: ingest, code, watch, scorecard, export
    Pipeline                                       the same object under its first name
    load_watch(name_or_path)                       a bundled or user watch
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Diplowatch", "Pipeline", "code_text", "load_watch", "__version__"]

if TYPE_CHECKING:
    from diplowatch.api import Pipeline, code_text, load_watch
    from diplowatch.app import Diplowatch


def __getattr__(name: str) -> Any:
    if name == "Diplowatch":
        from diplowatch.app import Diplowatch

        return Diplowatch
    if name in ("Pipeline", "code_text", "load_watch"):
        from diplowatch import api

        return getattr(api, name)
    raise AttributeError(f"module 'diplowatch' has no attribute {name!r}")
