"""spaCy imported without its command line still offers it afterwards (nlp/lean_import.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

CHECK = textwrap.dedent(
    """
    import sys
    from diplowatch.nlp.lean_import import import_spacy

    import_spacy()
    import spacy

    assert "spacy.cli" not in sys.modules and not hasattr(spacy, "cli")
    assert spacy.info()["spacy_version"] == spacy.__version__  # forwards to the real command
    import spacy.cli
    from spacy.cli.train import train

    assert callable(spacy.cli.setup_cli) and callable(train)
    import_spacy()  # spaCy already imported: nothing to do
    print("ok")
    """
)


def test_spacy_imported_lean_keeps_its_command_line_available():
    # a fresh interpreter: in this one spaCy is imported already
    done = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


FALLBACK = textwrap.dedent(
    """
    import types
    from diplowatch.nlp import lean_import

    def missing_info():
        # a spaCy that wants more of its command line than the stand-ins give
        cli = types.ModuleType("spacy.cli")
        cli.__path__ = []
        return {"spacy.cli": cli, "spacy.cli.info": types.ModuleType("spacy.cli.info")}

    lean_import._placeholders = missing_info
    lean_import.import_spacy()
    import spacy, spacy.cli

    assert spacy.info()["spacy_version"] == spacy.__version__ and callable(spacy.cli.setup_cli)
    print("ok")
    """
)


def test_a_spacy_that_needs_more_of_its_command_line_is_imported_whole():
    done = subprocess.run([sys.executable, "-c", FALLBACK], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"
