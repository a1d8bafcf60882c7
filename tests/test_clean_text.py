"""Normalisation, boilerplate, repeated paragraphs and language identification on small real-looking texts."""

from __future__ import annotations

from diplowatch.clean.boilerplate import Boilerplate
from diplowatch.clean.language import detect_language
from diplowatch.clean.normalize import normalize_inline, normalize_unicode, to_paragraphs
from diplowatch.clean.repeats import drop_repeated
from diplowatch.ingest.assemble import Assembler


def test_unicode_is_composed_and_invisible_characters_go():
    decomposed = "Mu\u0308ller met the envoy\u2060 in\u00a0Doha\u200b."
    assert normalize_inline(decomposed) == "M\u00fcller met the envoy in Doha."


def test_curly_quotes_are_kept_and_mojibake_is_repaired():
    assert (
        normalize_unicode("Washington\u2019s \u201croad map\u201d")
        == "Washington\u2019s \u201croad map\u201d"
    )
    assert normalize_unicode("Washingtonâ€™s plan") == "Washington\u2019s plan"


def test_hard_wrapped_paragraphs_are_reflowed_but_long_lines_stay_paragraphs():
    wrapped = "The President said the talks\nwould resume next week in\nDoha.\n\n- first item that wraps\n  onto two lines\n- second item"
    assert to_paragraphs(wrapped) == [
        "The President said the talks would resume next week in Doha.",
        "- first item that wraps onto two lines",
        "- second item",
    ]
    long_lines = ("A" * 120 + ".\n") + ("B" * 130 + ".")
    assert len(to_paragraphs(long_lines)) == 2


def test_teaser_lines_are_dropped_and_notes_cut_from_their_paragraph():
    rules = Boilerplate.from_patterns()
    paragraphs = [
        "Also Read | Taliban wants to address UN",
        "Read more: the full text of the statement",
        "Click here to subscribe to our newsletter",
        "Qureshi met Blinken. This is a condensed version of the information.",
        "Pakistan has advocated for dialogue.",
    ]
    assert rules.strip(paragraphs) == ["Qureshi met Blinken.", "Pakistan has advocated for dialogue."]


def test_teaser_words_at_the_start_of_real_sentences_are_kept():
    rules = Boilerplate.from_patterns()
    real = ["Watch-makers in Geneva protested.", "Related talks resumed in Doha.", "Read more carefully."]
    assert rules.strip(real) == real


def test_user_patterns_extend_the_defaults():
    rules = Boilerplate.from_patterns([r"^Sponsored content"])
    assert rules.strip(["Sponsored content: buy now", "Also Read | x", "The envoy left."]) == [
        "The envoy left."
    ]


def test_repeated_paragraph_keeps_the_first_copy_and_the_longer_version():
    a = "Norwegian officials said the meetings did not represent recognition of the Taliban government."
    b = "The delegation met civil society representatives, including women activists, in Oslo on Monday."
    assert drop_repeated([a, b, a]) == [a, b]
    lede = "Blinken said the Taliban seek legitimacy from the world community at large."
    full = "He said the Taliban seek legitimacy from the world community at large. He listed the goals of the US."
    assert drop_repeated([lede, b, full]) == [b, full]
    assert drop_repeated(["Thank you.", b, "Thank you."]) == ["Thank you.", b, "Thank you."]


def test_assembler_cleans_in_order():
    text = "Also Read | teaser\nThe envoy met the minister\nin Kabul on Monday.\n\nThe envoy met the minister in Kabul on Monday."
    assert Assembler().clean_text(text) == "The envoy met the minister in Kabul on Monday."


def test_language_identification():
    assert (
        detect_language("The Taliban said on Tuesday that the new government would be announced soon.")[0]
        == "en"
    )
    assert detect_language("Le gouvernement a annoncé mardi une nouvelle loi sur l'immigration.")[0] == "fr"
    assert detect_language("Die Regierung hat am Dienstag ein neues Gesetz angekündigt.")[0] == "de"
    # Short English summaries full of foreign names are still English.
    assert detect_language("Bandits kill up to 30 vigilantes in Zamfara State, Nigeria.")[0] == "en"
    assert detect_language("12 34")[0] == "und"
