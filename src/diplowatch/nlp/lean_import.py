"""Import spaCy without its command line, when nothing in this process has imported spaCy yet.

`import spacy` runs `spacy/cli/__init__.py` for one name, `spacy.info`, and so imports every spaCy
command (typer, weasel, requests, and a YAML file read at import): about a quarter of importing spaCy,
0.2 s of each coder's start-up. While spaCy is first imported here, `spacy.cli` is a placeholder; it is
gone afterwards, so a later `import spacy.cli` loads the real one, and `spacy.info` forwards to it.
Should a spaCy release need more of its command line at import, the placeholder is dropped and spaCy is
imported whole: a slower start, never a failed one.
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


def _placeholders() -> dict[str, types.ModuleType]:
    """Stand-ins for `spacy.cli` and `spacy.cli.info`: a package with no modules (anything else spaCy took
    from it would fail loudly) and the one name spaCy imports at start."""
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []
    info = types.ModuleType("spacy.cli.info")
    info.info = _info  # type: ignore[attr-defined]
    cli.info = info  # type: ignore[attr-defined]
    return {"spacy.cli": cli, "spacy.cli.info": info}


def import_spacy() -> None:
    """Import spaCy, without `spacy.cli` if this is the first import."""
    with _lock:
        if "spacy" in sys.modules:
            return
        stand_ins = _placeholders()
        sys.modules.update(stand_ins)
        try:
            import spacy
        except ImportError:
            # this spaCy takes more than `info` from its command line: forget the partial import, load it whole
            for name in [n for n in sys.modules if n == "spacy" or n.startswith("spacy.")]:
                del sys.modules[name]
            import spacy  # noqa: F401

            return
        finally:
            for name, module in stand_ins.items():
                if sys.modules.get(name) is module:
                    del sys.modules[name]
        if getattr(spacy, "cli", None) is stand_ins["spacy.cli"]:
            delattr(spacy, "cli")  # a later `import spacy.cli` sets the real one
