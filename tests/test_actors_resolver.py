"""The resolver on real sentences: countries, roles, dated people and groups, references, garbage."""

from __future__ import annotations

import re

import pytest

from diplowatch.actors import ActorResolver, load_dictionaries

SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(load_dictionaries())


def _by_text(mentions):
    return {m.actor.text: m for m in mentions}


def _article(resolver, text, date):
    return resolver.find_in_article(text, [m.span() for m in SENTENCE.finditer(text)], date)


def test_seed_blinken_qureshi_and_pronoun(shared, resolver):
    text = (shared / "seeds" / "000_ba66cce47d68cf19.txt").read_text(encoding="utf-8")
    mentions = _article(resolver, text, "2021-09-23")
    qureshi = next(m for m in mentions if m.actor.text == "Pakistani Foreign Minister Shah Mehmood Qureshi")
    assert (qureshi.actor.country, qureshi.actor.sector, qureshi.kind) == ("PAK", "GOV", "person")
    blinken = [m for m in mentions if m.actor.name == "Antony Blinken" and m.kind == "person"]
    assert blinken and all(m.actor.code == "USAGOV" for m in blinken)
    # "Blinken told reporters. ... He went on to remark ..." — He is Blinken
    first_he = next(m for m in mentions if m.kind == "pronoun")
    assert first_he.actor.name == "Antony Blinken"
    assert text[first_he.start_char : first_he.end_char] in ("He", "he")


def test_unknown_person_after_title_and_surname_reference(resolver):
    text = (
        "Pakistani Foreign Minister Makhdoom Ali Durrani met the envoy on Monday. "
        "Later Durrani told reporters the talks went well."
    )
    mentions = _article(resolver, text, "2021-09-23")
    first = mentions[0]
    assert (first.actor.text, first.actor.code, first.actor.name) == (
        "Pakistani Foreign Minister Makhdoom Ali Durrani",
        "PAKGOV",
        "Makhdoom Ali Durrani",
    )
    later = next(m for m in mentions if m.actor.text == "Durrani")
    assert (later.kind, later.actor.code, later.sentence_index) == ("short", "PAKGOV", 1)


def test_blinken_dated_role(resolver):
    in_office = resolver.find("Blinken spoke with reporters in Doha.", "2021-09-07")[0]
    assert (in_office.actor.code, in_office.actor.name, in_office.confidence) == (
        "USAGOV",
        "Antony Blinken",
        0.9,
    )


DATED = """\
people:
  - name: Ada Example
    aliases: [Example]
    roles:
      - {country: NOR, sector: GOV, title: Minister, start: 2010-01-01, end: 2012-12-31}
      - {country: NOR, sector: OPP, title: Party leader, start: 2015-01-01, end: 2018-12-31}
"""


@pytest.mark.parametrize(
    ("date", "code", "exact"),
    [
        ("2011-06-01", "NORGOV", True),
        ("2016-06-01", "NOROPP", True),
        ("2014-06-01", "NORGOV", False),
        ("2020-01-01", "NOROPP", False),
        ("2000-01-01", "NORGOV", False),
    ],
)
def test_dated_roles_and_gaps(tmp_path, date, code, exact):
    user = tmp_path / "dated.yaml"
    user.write_text(DATED, encoding="utf-8")
    mention = ActorResolver(load_dictionaries(extra=[user])).find("Example said no.", date)[0]
    assert mention.actor.code == code
    assert (mention.confidence == 0.9) is exact  # no role that day: the latest before, less sure


def test_the_country_refers_back_when_only_one_is_in_view(resolver):
    mentions = _article(resolver, "Pakistan closed its border. The country cited security.", "2021-09-01")
    assert [(m.actor.text, m.actor.country, m.kind) for m in mentions][-1] == ("The country", "PAK", "short")
    two = _article(
        resolver, "Pakistan and Iran closed their borders. The country cited security.", "2021-09-01"
    )
    assert "The country" not in {m.actor.text for m in two}


@pytest.mark.parametrize(
    ("date", "code"),
    [("2021-07-10", "AFGINS"), ("2021-08-14", "AFGINS"), ("2021-08-15", "AFGGOV"), ("2022-01-05", "AFGGOV")],
)
def test_taliban_change_on_15_august_2021(resolver, date, code):
    taliban = _by_text(resolver.find("The Taliban said they would allow girls to return to school.", date))[
        "Taliban"
    ]
    assert (taliban.actor.code, taliban.actor.group, taliban.kind) == (code, "Taliban", "group")


@pytest.mark.parametrize(
    ("sentence", "text", "code"),
    [
        ("Israeli troops fired on Palestinian police near the border.", "Israeli troops", "ISRMIL"),
        ("Israeli troops fired on Palestinian police near the border.", "Palestinian police", "PSECOP"),
        ("The Azerbaijani parliament approved the budget.", "Azerbaijani parliament", "AZELEG"),
        ("Afghan women marched in Kabul to demand the right to work.", "Afghan women", "AFGCVL"),
        ("Afghan refugees crossed into Iran.", "Afghan refugees", "AFGREF"),
        ("The US military completed its withdrawal.", "US military", "USAMIL"),
        ("Serbian police detained the suspects.", "Serbian police", "SRBCOP"),
        ("Senior Bulgarian and Greek officials met in Sofia on Tuesday.", "Greek officials", "GRCGOV"),
        ("Ghana's Vice Foreign Minister flew to Beijing.", "Ghana's Vice Foreign Minister", "GHAGOV"),
        # names the gazetteers do not know: the role words alone give the sector
        ("Ousted President Marco Valdane fled the country.", "Ousted President Marco Valdane", "ELI"),
        ("Lt. Gen. Henri Dumarsais seized power.", "Lt. Gen. Henri Dumarsais", "MIL"),
        # a known former leader keeps the country of his office
        ("Ousted President Alberto Fujimori fled to Japan.", "Ousted President Alberto Fujimori", "PERELI"),
        ("Chadian rebels seized the town of Abeche.", "Chadian rebels", "TCDREB"),
        ("The Iranian parliament voted on the deal.", "Iranian parliament", "IRNLEG"),
        # an occupation the dictionaries do not know, between a nationality and a full name: a private person
        (
            "Iran frees Swedish researcher Ahmadreza Djalali.",
            "Swedish researcher Ahmadreza Djalali",
            "SWECVL",
        ),
        ("Saudi blogger Raif Badawi leaves prison.", "Saudi blogger Raif Badawi", "SAUCVL"),
        # a rank is no private person; a thing named after the country is no person at all
        ("Russian general Ivan Dorokhov resigns.", "Russian general Ivan Dorokhov", "RUS"),
        ("Ukraine strikes the Russian tugboat Vasiliy Bekh.", "Russian", "RUS"),
    ],
)
def test_demonym_and_role_words(resolver, sentence, text, code):
    found = _by_text(resolver.find(sentence, "2000-01-01"))
    assert found[text].actor.code == code


@pytest.mark.parametrize(
    ("sentence", "text", "code", "group"),
    [
        ("U.S. fashion retailer Gap closes its stores.", "U.S. fashion retailer Gap", "USABUS", "Gap"),
        (
            "Norwegian salmon producer Mowi reports a loss.",
            "Norwegian salmon producer Mowi",
            "NORBUS",
            "Mowi",
        ),
        # named as the state's, it stays its country's
        ("Kazakh state railway operator Temir Zholy buys trains.", "Kazakh", "KAZ", None),
    ],
)
def test_a_company_named_with_its_trade(resolver, sentence, text, code, group):
    found = _by_text(resolver.find(sentence, "2022-06-01"))
    assert (found[text].actor.code, found[text].actor.group) == (code, group)


def test_two_lowercase_words_do_not_reach_a_name(resolver):
    # "hackers target" is a subject and its verb: the name after them is the target, not the hackers' name
    found = _by_text(resolver.find("Chinese hackers target Microsoft Exchange servers.", "2021-03-05"))
    assert "Chinese" in found and found["Chinese"].actor.code == "CHN"
    assert not any(text.startswith("Chinese hackers") for text in found)


def test_bare_role_words(resolver):
    found = _by_text(
        resolver.find("Rebels attacked the convoy while journalists and aid workers watched.", None)
    )
    assert (found["Rebels"].actor.sector, found["Rebels"].actor.country) == ("REB", None)
    assert found["journalists"].actor.sector == "MED"
    assert found["aid workers"].actor.sector == "NGO"


def test_adjectival_role_word_is_not_an_actor(resolver):
    texts = [
        m.actor.text
        for m in resolver.find("There is no official recognition and no government change.", None)
    ]
    assert texts == []


@pytest.mark.parametrize(
    ("sentence", "text", "code"),
    [
        ("The U.N. Security Council condemned the attack.", "U.N. Security Council", "IGOUNOSEC"),
        ("UNAMA documented the killings.", "UNAMA", "IGOUNOAFG"),
        (
            "Chile hosted the Asia-Pacific Economic Cooperation (APEC) summit on digital trade.",
            "Asia-Pacific Economic Cooperation",
            "IGOAPE",
        ),
        ("NATO allies met in Brussels.", "NATO", "IGONAT"),
        ("The WFP and UNICEF warned of famine.", "UNICEF", "IGOUNOCEF"),
        ("Amnesty International accused the government.", "Amnesty International", "NGOAMN"),
    ],
)
def test_igos(resolver, sentence, text, code):
    mention = _by_text(resolver.find(sentence, "2021-09-01"))[text]
    assert mention.actor.code == code and mention.actor.code[:3] in ("IGO", "NGO")
    assert mention.actor.country is None


def test_un_peacekeepers_take_the_role_sector(resolver):
    mention = _by_text(resolver.find("United Nations peacekeepers withdrew.", None))[
        "United Nations peacekeepers"
    ]
    assert (mention.actor.code, mention.actor.sector) == ("IGOUNO", "MIL")


def test_groups_and_transnational_codes(resolver):
    found = _by_text(
        resolver.find(
            "ISIS-K claimed the attack, and al-Qaeda praised it; the TTP stayed silent.", "2021-08-27"
        )
    )
    assert found["ISIS-K"].actor.code == "AFGINS"
    assert (found["al-Qaeda"].actor.country, found["al-Qaeda"].actor.code) == (None, "IMGINS")
    assert found["TTP"].actor.code == "PAKINS"


def test_capital_metonyms_but_not_inside_longer_names(resolver):
    found = _by_text(
        resolver.find(
            "Washington and Moscow traded accusations while Beijing and Islamabad kept quiet.", None
        )
    )
    assert {t: m.actor.country for t, m in found.items()} == {
        "Washington": "USA",
        "Moscow": "RUS",
        "Beijing": "CHN",
        "Islamabad": "PAK",
    }
    assert all(m.kind == "capital" for m in found.values())
    others = resolver.find(
        "A reporter told The Washington Newsday and the Washington Post about Washington state.", None
    )
    # no capital inside the papers' names; the Washington Post is itself an outlet (companies.yaml)
    assert [m.kind for m in others if m.kind == "capital"] == []
    assert [(m.actor.name, m.actor.sector) for m in others if m.actor.country] == [
        ("The Washington Post", "MED")
    ]


def test_metonym_institutions(resolver):
    found = _by_text(resolver.find("The White House and the Pentagon disagreed with the Kremlin.", None))
    assert found["White House"].actor.code == "USAGOV"
    assert found["Pentagon"].actor.code == "USAMIL"
    assert found["Kremlin"].actor.code == "RUSGOV"


def test_short_mention_refers_to_group(resolver):
    text = "The Taliban entered Kabul on Sunday. The group promised an amnesty."
    mentions = _article(resolver, text, "2021-08-16")
    group = next(m for m in mentions if m.actor.text == "The group")
    assert (group.kind, group.actor.group, group.actor.code, group.sentence_index) == (
        "short",
        "Taliban",
        "AFGGOV",
        1,
    )


def test_unresolved_pronoun_yields_nothing(resolver):
    mentions = _article(resolver, "He said the weather was fine. It rained later.", None)
    assert mentions == []


def test_sentence_without_actors(resolver):
    assert resolver.find("The weather was fine and the harvest was good this year.", "2021-09-01") == []


@pytest.mark.parametrize(
    "garbage",
    [
        "," * 10_000,
        "| col | col |\n|---|---|\n" + "| 1 | 2 |\n" * 2000,
        "def f(x):\n    return x + 1\n" * 1000,
        "US " * 5000,
        "",
        "\u0130stanbul " * 100,  # lowercases to a longer string
    ],
)
def test_garbage_returns(resolver, garbage):
    mentions = resolver.find_in_article(garbage, [(0, len(garbage))], None)
    assert all(0 <= m.start_char < m.end_char <= len(garbage) for m in mentions)


def test_mentions_are_sorted_and_spans_match_text(shared, resolver):
    text = (shared / "seeds" / "002_78afe2cf6983f0aa.txt").read_text(encoding="utf-8")
    mentions = _article(resolver, text, "2021-10-19")
    assert [m.start_char for m in mentions] == sorted(m.start_char for m in mentions)
    for m in mentions:
        assert text[m.start_char : m.end_char] == m.actor.text
    west = next(m for m in mentions if m.actor.name == "Thomas West")
    assert west.actor.text == "State Department Deputy Assistant Secretary Thomas West"
    assert "Washington Newsday" not in {m.actor.text for m in mentions}


@pytest.mark.parametrize(
    ("sentence", "text", "name"),
    [
        (
            "United States Secretary of Defense Lloyd Austin announced the review.",
            "United States Secretary of Defense Lloyd Austin",
            "Lloyd Austin",
        ),
        (
            "The Taliban's Minister of Foreign Affairs, Amir Khan Muttaqi, said the talks were useful.",
            "Taliban's Minister of Foreign Affairs, Amir Khan Muttaqi",
            "Amir Khan Muttaqi",
        ),
    ],
)
def test_portfolio_and_appositive_names(resolver, sentence, text, name):
    mention = resolver.find(sentence, "2021-10-12")[0]
    assert (mention.actor.text, mention.actor.name) == (text, name)
    assert mention.actor.sector == "GOV" and mention.actor.country in ("USA", "AFG")


def test_resolver_pickles_for_worker_processes(resolver):
    import pickle

    copy = pickle.loads(pickle.dumps(resolver))
    sentence = "Afghan refugees fled to Iran as the Taliban took Kabul."
    assert [m.actor for m in copy.find(sentence, "2021-08-20")] == [
        m.actor for m in resolver.find(sentence, "2021-08-20")
    ]


GENDERED = """\
people:
  - name: Ada Example
    aliases: [Example]
    gender: f
    roles:
      - {country: NOR, sector: GOV, start: 2010-01-01}
  - name: Bob Sample
    aliases: [Sample]
    gender: m
    roles:
      - {country: SWE, sector: GOV, start: 2010-01-01}
"""


def test_pronoun_skips_a_person_of_the_other_gender(tmp_path):
    user = tmp_path / "gendered.yaml"
    user.write_text(GENDERED, encoding="utf-8")
    resolver = ActorResolver(load_dictionaries(extra=[user]))
    mentions = _article(resolver, "Example met Sample in Oslo. She said the talks went well.", "2021-01-01")
    she = next(m for m in mentions if m.kind == "pronoun")
    assert she.actor.name == "Ada Example"


@pytest.mark.parametrize(
    "text,code",
    [
        ("Bosnian Serbs rejected the plan.", "BIH"),
        ("Kosovo Albanians rejected the plan.", "XKX"),
        ("An extremist group in Northern Ireland was banned.", "GBR"),
        ("Police in New South Wales arrested him.", "AUS"),
    ],
)
def test_communities_and_parts_of_countries(resolver, text, code):
    codes = [m.actor.code for m in resolver.find(text) if m.actor.country]
    assert codes and codes[0] == code


def test_a_currency_is_no_country(resolver):
    found = [
        m.actor.country for m in resolver.find("Kenya secures a loan of US$500 million from the World Bank.")
    ]
    assert "USA" not in found and "KEN" in found
    assert "USA" in [m.actor.country for m in resolver.find("The US lends Kenya $500 million.")]
