"""Stances in a document with a voice (a government's own briefing room) and dealings told as working
arrangements (issue 11, item 3): sentences written for this test, run through the whole pipeline (ingest,
code, watch) so that the document's address decides who "we" is."""

from __future__ import annotations

import json

import pytest

from diplowatch.app import Diplowatch
from diplowatch.ingest.options import IngestOptions

BRIEFING_ROOM = "https://www.whitehouse.gov/briefing-room/press-briefings/2021/08/30/"
NEWS = "https://www.example-news.com/world/2021/08/30/"
BRIEFING = {
    "coordinate": "We will keep coordinating with the Taliban to move people to the airport.",
    "channel": "It will be necessary to keep some channel of communication with the Taliban open.",
    "conditional": "Any future relationship with the Taliban will depend on how they treat women.",
    "predecessor": "My predecessor made a deal with the Taliban.",
    "former": "The former President signed an agreement with the Taliban that set a date for withdrawal.",
    "plan": "Finishing the airlift on time depends on continued coordination with the Taliban.",
    "informed": "The Taliban have told us that buses with foreign passport holders may pass their checkpoints.",
    "cooperative": "So far the Taliban have been helpful in getting our citizens to the gates.",
    "sanctions": "We have not lifted any of the sanctions on the Taliban and we are not going to.",
    "legitimacy": "Beating protesters will not bring the Taliban the legitimacy they seek.",
    "not_worked": "Our diplomats have not engaged with the Taliban as the government of the country.",
}
# The same kinds of sentence in a news report (worded apart: one text is one article), where no one
# speaks for a government unless named.
NEWS = {
    "channel": "Keeping a channel of communication with the Taliban open will be necessary, the report said.",
    "conditional": "Any future ties with the Taliban would depend on how they treat girls, the analyst wrote.",
    "plan": "Ending the airlift by the deadline depended on continued coordination with the Taliban.",
    "former": "The former President had signed an agreement with the Taliban in February 2020 in Doha.",
    "backed": "WHO and UNICEF started a measles vaccination drive across Afghanistan backed by the Taliban.",
    "since": "UNICEF started a measles vaccination drive backed by the Taliban for children missed since 2019.",
    "agency_it": "The UN refugee agency said it was working with the Taliban authorities to deliver tents.",
    "frozen": "Washington has frozen Afghan central bank reserves to keep them out of Taliban hands.",
    "meetings": "The U.S. special representative held two days of meetings with senior Taliban officials.",
    "envoy": "UNAMA chief Roza Otunbayeva met the Taliban's acting deputy prime minister in Kabul on Sunday.",
}
BRIEFING_ROOM = "https://www.whitehouse.gov/briefing-room/press-briefings/2021/08/30/"
NEWS_SITE = "https://www.example-news.com/world/2021/08/30/"


@pytest.fixture(scope="module")
def stances(tmp_path_factory) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """(source, sentence key) -> {(observer code, stance)}, each sentence an article of its own."""
    tmp = tmp_path_factory.mktemp("voice")
    items = [{"id": f"{where}-{key}", "date": "2021-08-30", "text": text, "url": f"{url}{key}/"}
             for where, url, texts in (("briefing", BRIEFING_ROOM, BRIEFING), ("news", NEWS_SITE, NEWS))
             for key, text in texts.items()]  # fmt: skip
    source = tmp / "items.jsonl"
    source.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    app = Diplowatch(db=tmp / "voice.duckdb", progress=False)
    app.ingest([str(source)], IngestOptions(near_dup_threshold=1.0))
    app.code()
    app.run_watch("afghanistan-recognition")
    out = tmp / "stances.jsonl"
    app.export_watch_rows("afghanistan-recognition", "stances", out)
    found: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        where, key = row["doc_id"].split("-", 1)
        found.setdefault((where, key), set()).add((row["observer_code"], row["stance"]))
    return found


@pytest.mark.parametrize(("key", "stance"), [("coordinate", "engage"), ("channel", "engage"),
                                              ("conditional", "withhold"), ("plan", "engage"),
                                              ("informed", "engage"), ("cooperative", "engage"),
                                              ("sanctions", "reject"), ("legitimacy", "withhold"),
                                              ("not_worked", "withhold")])  # fmt: skip
def test_a_briefing_speaks_for_its_government(stances, key, stance):
    assert stances.get(("briefing", key)) == {("USA", stance)}


@pytest.mark.parametrize("key", ["channel", "conditional", "plan"])
def test_news_has_no_voice_so_an_unowned_cue_is_nobodys(stances, key):
    assert not stances.get(("news", key))


@pytest.mark.parametrize(
    ("where", "key"), [("briefing", "predecessor"), ("briefing", "former"), ("news", "former")]
)
def test_a_former_office_holder_does_not_act_for_the_state_now(stances, where, key):
    assert ("USA", "engage") not in stances.get((where, key), set())


@pytest.mark.parametrize(("key", "expected"), [("backed", {("WHO", "engage"), ("UN", "engage")}),
                                               ("since", {("UN", "engage")}),
                                               ("agency_it", {("UN", "engage")}),
                                               ("frozen", {("USA", "reject")}),
                                               ("meetings", {("USA", "engage")}),
                                               ("envoy", {("UN", "engage")})])  # fmt: skip
def test_news_observers_take_their_own_dealings(stances, key, expected):
    """The Taliban are the doer of "backed" only as the other party: the agencies that run the drive deal
    with them. A year after "since" reaches to now, so it does not make the sentence history. A pronoun
    doer passes to the clause above; a person the watch lists for an organisation acts for it, wherever
    the dictionaries place her."""
    assert stances.get(("news", key)) == expected


def test_every_sentence_was_read(stances):
    """The checks of absent stances above mean something only if every article was judged."""
    assert {key for where, key in stances if where == "briefing"} >= {"coordinate", "channel", "plan"}
    assert {key for where, key in stances if where == "news"} >= {"backed", "since"}


@pytest.mark.parametrize(
    ("text", "observer", "stance"),
    [
        ("Thailand said it was working with the junta to return refugees across the border.", "THA", "engage"),
        ("The United States has frozen about one billion dollars of Myanmar government funds held in New York "
         "to keep them from the junta.", "USA", "reject"),
    ],
)  # fmt: skip
def test_the_myanmar_watch_reads_dealings_the_same_way(text, observer, stance):
    from diplowatch.evaluate.watch import _resolver, actors_of
    from diplowatch.watch import WatchMatcher, load_watch

    verdict = WatchMatcher(load_watch("myanmar-asean")).judge(text, actors_of(_resolver(), text, "2021-04-01"),
                                                              "2021-04-01")  # fmt: skip
    assert {(s.observer, s.stance) for s in verdict.stances} == {(observer, stance)}
