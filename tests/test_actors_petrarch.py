"""PETRARCH .actors.txt import: dated codes, synonyms, comments, and the result resolves."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from diplowatch.actors import ActorResolver, load_dictionaries
from diplowatch.cli import main

SNIPPET = """\
# A PETRARCH-format actor dictionary, as in Phoenix.Countries.actors.txt
<!-- a comment
     over two lines -->
AFGHANISTAN_  [AFG]
+AFGHAN_
+KABUL_

BARACK_OBAMA_  # CountryInfo.txt
+OBAMA_
+PRESIDENT_OBAMA_
\t[USAELI 610804-090119]
\t[USAGOV 20090120-20170120]
\t[USAELI]
HAMID_KARZAI_
+KARZAI_
\t[AFGELI 750101-011221]
\t[AFGGOV >011222]
AFGHAN_NATIONAL_SECURITY_FORCES
+ANSF
\t[AFGMIL]
"""


def test_import_petrarch_and_resolve(tmp_path: Path):
    source = tmp_path / "Test.actors.txt"
    source.write_text(SNIPPET, encoding="utf-8")
    out = tmp_path / "imported.yaml"
    result = CliRunner().invoke(main, ["dict", "import-petrarch", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 people, 1 groups" in result.output

    check = CliRunner().invoke(main, ["dict", "check", str(out)])
    assert check.exit_code == 0, check.output

    resolver = ActorResolver(load_dictionaries(extra=[out]))
    in_2010 = {m.actor.text: m.actor for m in resolver.find("Obama met Karzai and the ANSF.", "2010-05-01")}
    assert in_2010["Obama"].code == "USAGOV" and in_2010["Obama"].name == "Barack Obama"
    assert in_2010["Karzai"].code == "AFGGOV"
    assert in_2010["ANSF"].code == "AFGMIL"
    in_2019 = {m.actor.text: m.actor for m in resolver.find("Obama met Karzai.", "2019-05-01")}
    assert in_2019["Obama"].code == "USAELI"  # the undated fallback code after the term
    in_1999 = {m.actor.text: m.actor for m in resolver.find("Karzai spoke.", "1999-05-01")}
    assert in_1999["Karzai"].code == "AFGELI"  # two-digit years: 75 → 1975, 01 → 2001


REAL_LINES = """\
U.N.\t[IGOUNO] #MleH 06 Aug 2009 + BK 16 Jul 2009# NGO_Actors
CARLOS SANTOS_CRUZ_\t[IGOUNO] #MleH 21 Jul 2009# NGO_Actors
MICHELE_MONTAS_\t[HTIOPPMED <061231] [IGOUNOMED]\t[---] #MleH 06 Jul 2009
JOHN_DOE_
\t[USAGOV 20091340-20100101]
\t[USAGOV 20100102-20120101]
"""


def test_import_petrarch_skips_odd_lines_with_a_warning(tmp_path: Path):
    source = tmp_path / "Odd.actors.txt"
    source.write_text(REAL_LINES, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["dict", "import-petrarch", str(source), "--out", str(tmp_path / "odd.yaml")]
    )
    assert result.exit_code == 0, result.output
    assert f"{source}:3: cannot read" not in result.output  # [---] beside readable codes: just ignored
    assert f"{source}:5: [USAGOV 20091340-20100101] has a date" in result.output
    resolver = ActorResolver(load_dictionaries(extra=[tmp_path / "odd.yaml"]))
    found = {
        m.actor.text: m.actor
        for m in resolver.find("Carlos Santos Cruz met John Doe and Montas.", "2011-01-01")
    }
    assert found["Carlos Santos Cruz"].code == "IGOUNO"
    assert found["John Doe"].code == "USAGOV"
