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
