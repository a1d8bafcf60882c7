"""Import spaCy without its command line, when nothing in this process has imported spaCy yet.

`import spacy` runs `spacy/cli/__init__.py` for one name, `spacy.info`, and so imports every spaCy
command (typer, weasel, requests, and a YAML file read at import): about a quarter of importing spaCy,
0.2 s of each coder's start-up. While spaCy is first imported here, `spacy.cli` is a placeholder; it is
gone afterwards, so a later `import spacy.cli` loads the real one, and `spacy.info` forwards to it.
"""

from __future__ import annotations

import sys
import threading
import types
from typing import Any

_lock = threading.Lock()


def _info(*args: Any, **kwargs: Any) -> Any:
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy() -> None:
    """Import spaCy, without `spacy.cli` if this is the first import."""
    with _lock:
        if "spacy" in sys.modules:
            return
        cli = types.ModuleType("spacy.cli")
        cli.__path__ = []  # a package with no modules: anything else spaCy imported from it would fail loudly
        info = types.ModuleType("spacy.cli.info")
        info.info = _info  # type: ignore[attr-defined]
        cli.info = info  # type: ignore[attr-defined]
        sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
        try:
            import spacy
        finally:
            del sys.modules["spacy.cli"], sys.modules["spacy.cli.info"]
        if getattr(spacy, "cli", None) is cli:
            delattr(spacy, "cli")  # a later `import spacy.cli` sets the real one
