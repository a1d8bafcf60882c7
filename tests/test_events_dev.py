"""The event coder on hand-written dev sentences (not copies of the gold set): type, source, target.

Each line: sentence | TYPE | source country (or IGO) | target country, IGO or "-" for none.
The coder must find that event among its non-hypothetical, non-negated events.
"""

from __future__ import annotations

import pytest

from diplowatch.events import EventCoder

DEV = """
Iran and Iraq agreed to exchange prisoners of war next month.|AGREE|IRN|-
Turkey offered to mediate between Armenia and Azerbaijan.|AGREE|TUR|ARM
Japan pledged to rebuild schools in Kenya.|AGREE|JPN|KEN
The foreign ministers of India and Nepal met in Kathmandu on Monday.|CONSULT|IND|NPL
Germany's chancellor visited Poland on Tuesday.|CONSULT|DEU|POL
China held talks with Vietnam over the disputed islands.|CONSULT|CHN|VNM
The Egyptian president telephoned the Jordanian king to discuss the crisis.|CONSULT|EGY|JOR
Canada praised Ghana for its peaceful election.|SUPPORT|CAN|GHA
Brazil recognised the new government of Bolivia.|SUPPORT|BRA|BOL
Spain and Morocco signed a fisheries agreement in Rabat.|SUPPORT|ESP|MAR
The United States lifted sanctions on Sudan.|CONCEDE|USA|SDN
Norway and Denmark will cooperate with Sweden on border security.|AGREE|DNK|SWE
Britain gave Uganda 10 million dollars in food aid.|AID|GBR|UGA
France sent medicine and tents to Haiti after the earthquake.|AID|FRA|HTI
Russia withdrew its troops from Georgia.|RETREAT|RUS|GEO
Colombia released 20 Venezuelan prisoners on Friday.|RETREAT|COL|VEN
The United Nations urged Myanmar to release political detainees.|REQUEST|IGO|MMR
Chile called on Peru to respect the court ruling.|REQUEST|CHL|PER
Lebanon asked France for military assistance.|REQUEST|LBN|FRA
Pakistan demanded that India withdraw its soldiers from the border.|REQUEST|PAK|IND
Cuba accused the United States of spying.|ACCUSE|CUB|USA
Greece condemned Turkey for violating its airspace.|ACCUSE|GRC|TUR
Ethiopia criticised Egypt over the dam dispute.|ACCUSE|ETH|EGY
Israel rejected a proposal by the United Nations.|REJECT|ISR|IGO
Argentina refused to meet British negotiators.|REJECT|ARG|GBR
North Korea threatened to attack South Korea.|THREATEN|PRK|KOR
Iran warned Saudi Arabia against interfering in Yemen.|THREATEN|IRN|SAU
Thousands of Kenyans protested against the government in Nairobi.|PROTEST|KEN|-
The European Union imposed sanctions on Belarus.|SANCTION|IGO|BLR
Australia expelled two Chinese diplomats.|SANCTION|AUS|CHN
Algeria recalled its ambassador from France.|SANCTION|DZA|FRA
Russia deployed troops along the border with Ukraine.|MOBILIZE|RUS|UKR
Indian police arrested 30 Pakistani fishermen.|COERCE|IND|PAK
Egypt deported hundreds of Sudanese migrants.|COERCE|EGY|SDN
Syrian forces shelled Turkish positions near the border.|ASSAULT|SYR|TUR
Ukraine was attacked by Russia on Thursday.|ASSAULT|RUS|UKR
Nigerian troops killed 12 Cameroonian soldiers in a border clash.|ASSAULT|NGA|CMR
The United States, Britain and France condemned Syria.|ACCUSE|GBR|SYR
The United States, Britain and France condemned Syria.|ACCUSE|FRA|SYR
Officials said Russia attacked Ukraine.|ASSAULT|RUS|UKR
"""


def _cases():
    for line in DEV.strip().splitlines():
        sentence, etype, source, target = line.split("|")
        yield sentence, etype, source, None if target == "-" else target


CASES = list(_cases())


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder()


def _key(actor) -> str | None:
    if actor is None:
        return None
    code = (actor.code or "").upper()
    return "IGO" if code.startswith("IGO") else actor.country


def _found(coder: EventCoder, sentence: str, etype: str, source: str, target: str | None) -> bool:
    events = [e for e in coder.code_text(sentence, date="2021-10-01") if not e.hypothetical and not e.negated]
    triples = {(e.type, _key(e.source), _key(e.target)) for e in events}
    return (etype, source, target) in triples


def test_dev_sentences_mostly_coded_right(coder):
    missed = [c for c in CASES if not _found(coder, *c)]
    # A dictionary coder misses some; the bar keeps regressions visible without pinning each line.
    assert len(missed) <= len(CASES) // 5, "\n".join(f"{s} -> {t} {a}->{b}" for s, t, a, b in missed)


@pytest.mark.parametrize(
    "sentence,etype,source,target",
    [c for c in CASES if c[1] in ("CONSULT", "ACCUSE", "ASSAULT")][:6],
)
def test_core_types(coder, sentence, etype, source, target):
    assert _found(coder, sentence, etype, source, target)
