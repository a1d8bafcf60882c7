"""Real DuckDB files for the report, dashboard and browser tests, filled through SQL.

The rows paraphrase real 2021–2022 reporting on Afghanistan, so pages look as they will on real data.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from diplowatch.store.connection import connect

XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
WATCH = "afghanistan-recognition"

ARTICLES = [
    ("a01", "Taliban enter Kabul as president flees", "2021-08-15", "Reuters"),
    ("a02", "Taliban name interim cabinet", "2021-09-07", "AP"),
    ("a03", "First charter flight leaves Kabul", "2021-09-09", "BBC"),
    ("a04", "Boys' schools reopen without girls", "2021-09-17", "Al Jazeera"),
    ("a05", "Blinken meets Qureshi", "2021-09-23", "State Department"),
    ("a06", "Moscow format talks", "2021-10-20", "TASS"),
    ("a07", "OIC session in Islamabad", "2021-12-19", "Dawn"),
    ("a08", "Taliban reverse decision on girls' schools", "2022-03-23", "Reuters"),
    ("a09", "India sends technical team to Kabul", "2022-06-23", "The Hindu"),
    ("a10", "Frerichs released", "2022-09-19", "AP"),
    ("a11", "Women barred from universities", "2022-12-20", "BBC"),
]

# (doc, sentence, date, type, intensity, source code, source country, target code, target country, text)
# fmt: off
EVENTS = [
    ("a01", 0, "2021-08-15", "ASSAULT", -9.0, "TAL", "AFG", "AFGGOV", "AFG", "Taliban fighters seized Kabul on Sunday."),
    ("a01", 1, "2021-08-15", "RETREAT", 8.0, "USA", "USA", "AFG", "AFG", "The United States withdrew its embassy staff."),
    ("a02", 0, "2021-09-07", "REJECT", -2.0, "TAL", "AFG", "AFG", "AFG", "The Taliban named an all-male cabinet."),
    ("a03", 0, "2021-09-09", "RETREAT", 6.5, "TAL", "AFG", "QAT", "QAT", "The Taliban allowed a Qatar Airways flight to leave."),
    ("a03", 1, "2021-09-09", "CONSULT", 2.5, "QAT", "QAT", "TAL", "AFG", "Qatari envoys met Taliban officials at the airport."),
    ("a04", 0, "2021-09-17", "COERCE", -7.0, "TAL", "AFG", "AFGWOM", "AFG", "The Taliban kept girls out of secondary schools."),
    ("a05", 0, "2021-09-23", "CONSULT", 2.5, "USA", "USA", "PAK", "PAK", "Blinken met Qureshi in New York."),
    ("a05", 1, "2021-09-23", "REQUEST", 0.0, "USA", "USA", "TAL", "AFG", "Blinken urged the Taliban to let Afghans leave."),
    ("a06", 0, "2021-10-20", "CONSULT", 4.0, "RUS", "RUS", "TAL", "AFG", "Russia hosted Taliban delegates in Moscow."),
    ("a06", 1, "2021-10-20", "AID", 10.0, "RUS", "RUS", "AFG", "AFG", "Russia pledged humanitarian aid to Afghanistan."),
    ("a07", 0, "2021-12-19", "AID", 10.0, "PAK", "PAK", "AFG", "AFG", "Pakistan sent wheat to Afghanistan."),
    ("a07", 1, "2021-12-19", "CONSULT", 4.0, "PAK", "PAK", "TAL", "AFG", "The OIC met Taliban envoys in Islamabad."),
    ("a08", 0, "2022-03-23", "COERCE", -7.0, "TAL", "AFG", "AFGWOM", "AFG", "The Taliban ordered girls' schools shut."),
    ("a08", 1, "2022-03-23", "ACCUSE", -3.0, "USA", "USA", "TAL", "AFG", "Washington condemned the decision."),
    ("a09", 0, "2022-06-23", "CONSULT", 4.0, "IND", "IND", "TAL", "AFG", "An Indian technical team arrived in Kabul."),
    ("a10", 0, "2022-09-19", "RETREAT", 6.5, "TAL", "AFG", "USA", "USA", "The Taliban released Mark Frerichs."),
    ("a10", 1, "2022-09-19", "RETREAT", 6.5, "USA", "USA", "TAL", "AFG", "The United States freed Bashir Noorzai."),
    ("a11", 0, "2022-12-20", "COERCE", -7.0, "TAL", "AFG", "AFGWOM", "AFG", "The Taliban barred women from universities."),
    ("a11", 1, "2022-12-20", "ACCUSE", -3.0, "USA", "USA", "TAL", "AFG", "The United States condemned the ban."),
]
# fmt: on

# (condition, polarity, kind, actor, doc, sentence index, matched words)
EVIDENCE = [
    ("inclusive_government", -1, "deed", "TAL", "a02", 0, ["all-male cabinet"]),
    ("safe_passage", 1, "deed", "TAL", "a03", 0, ["allowed", "flight to leave"]),
    ("human_rights", -1, "deed", "TAL", "a04", 0, ["kept girls out"]),
    ("safe_passage", 0, "word", "USA", "a05", 1, ["let Afghans leave"]),
    ("humanitarian_access", 1, "deed", "RUS", "a06", 1, ["humanitarian aid"]),
    ("humanitarian_access", 1, "deed", "PAK", "a07", 0, ["sent wheat"]),
    ("human_rights", -1, "deed", "TAL", "a08", 0, ["girls' schools shut"]),
    ("human_rights", 1, "deed", "TAL", "a10", 0, ["released"]),
    ("human_rights", -1, "deed", "TAL", "a11", 0, ["barred women from universities"]),
    ("counter_terrorism", 0, "word", "TAL", "a01", 0, ["Kabul"]),
]

# (observer code, name, country, stance, doc, sentence index)
STANCES = [
    ("USA", "United States", "USA", "withhold", "a05", 1),
    ("USA", "United States", "USA", "reject", "a11", 1),
    ("RUS", "Russia", "RUS", "engage", "a06", 0),
    ("PAK", "Pakistan", "PAK", "engage", "a07", 1),
    ("QAT", "Qatar", "QAT", "engage", "a03", 1),
    ("IND", "India", "IND", "engage", "a09", 0),
]


def make_db(path: Path, evidence: bool = True, xss: bool = False) -> Path:
    """A migrated database with articles and events, and (by default) this watch's evidence and stances."""
    con = connect(path)
    for doc, title, day, outlet in ARTICLES:
        con.execute(
            "INSERT INTO articles (id, title, text, published, url, outlet, language, content_hash)"
            " VALUES (?, ?, ?, ?, ?, ?, 'en', ?)",
            [doc, title, title + ".", day, f"https://news.example.org/{doc}", outlet, "h" + doc],
        )
    con.execute(
        "INSERT INTO articles (id, title, text, published, url, outlet, language, content_hash, duplicate_of)"
        " VALUES ('a01b', 'Taliban enter Kabul', 'copy', '2021-08-15', 'https://other.example.org/a01', 'AFP', 'en', 'ha01', 'a01')"
    )
    for doc, idx, day, kind, score, s_code, s_country, t_code, t_country, text in EVENTS:
        con.execute(
            "INSERT INTO events (event_id, doc_id, sentence_index, sentence, date, type, intensity, source, target,"
            " confidence, url, outlet) VALUES (?, ?, ?, ?, ?, ?, ?, {'text': ?, 'name': ?, 'code': ?, 'country': ?,"
            " 'sector': NULL, 'group': NULL}, {'text': ?, 'name': ?, 'code': ?, 'country': ?, 'sector': NULL,"
            " 'group': NULL}, 0.8, ?, (SELECT outlet FROM articles WHERE id = ?))",
            [f"{doc}-{idx}-0", doc, idx, text, day, kind, score, s_code, s_code, s_code, s_country,
             t_code, t_code, t_code, t_country, f"https://news.example.org/{doc}", doc],
        )  # fmt: skip
        con.execute(  # sentence_spans: the table behind the view `sentences`
            "INSERT OR IGNORE INTO sentence_spans (doc_id, sentence_index, text, date, actors) "
            "VALUES (?, ?, ?, ?, '[]')",
            [doc, idx, text, day],
        )
    if evidence:
        sentence = {(e[0], e[1]): (e[2], e[9]) for e in EVENTS}
        rows = list(EVIDENCE)
        if xss:
            con.execute(
                "UPDATE events SET sentence = ? || sentence WHERE doc_id = 'a04'", [f"Text said {XSS} and "]
            )
            sentence[("a04", 0)] = (
                sentence[("a04", 0)][0],
                f"Text said {XSS} and " + sentence[("a04", 0)][1],
            )
        for condition, polarity, kind, actor, doc, idx, matched in rows:
            day, text = sentence[(doc, idx)]
            con.execute(
                "INSERT INTO evidence (watch, condition, polarity, kind, actor, doc_id, sentence_index, sentence,"
                " date, rule, confidence, matched, url, outlet)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'test', 0.8, ?, ?, (SELECT outlet FROM articles WHERE id = ?))",
                [WATCH, condition, polarity, kind, actor, doc, idx, text, day, matched,
                 f"https://news.example.org/{doc}", doc],
            )  # fmt: skip
        for code, name, country, stance, doc, idx in STANCES:
            day, text = sentence[(doc, idx)]
            con.execute(
                "INSERT INTO stances (watch, observer, observer_code, stance, doc_id, sentence_index, sentence, date,"
                " rule, confidence, matched, url, outlet) VALUES (?, {'name': ?, 'code': ?, 'country': ?}, ?, ?, ?,"
                " ?, ?, ?, 'test', 0.7, [], ?, (SELECT outlet FROM articles WHERE id = ?))",
                [WATCH, name, code, country, code, stance, doc, idx, text, day, f"https://news.example.org/{doc}", doc],
            )  # fmt: skip
    con.close()
    return path


def make_big_db(path: Path, events: int = 100_000, evidence: int = 20_000) -> Path:
    """Synthetic rows at scale (generated by DuckDB's range()), for the size test."""
    con = connect(path)
    con.execute(
        "INSERT INTO articles (id, title, text, published, url, outlet, content_hash)"
        " SELECT 'd' || i, 'Article ' || i, 'Text ' || i, DATE '2021-08-01' + CAST(i % 500 AS INTEGER),"
        " 'https://news.example.org/d' || i, 'Outlet ' || (i % 40), 'h' || i FROM range(?) t(i)",
        [events // 4],
    )
    con.execute(
        "INSERT INTO events (event_id, doc_id, sentence_index, sentence, date, type, intensity, source, target, url, outlet)"
        " SELECT 'e' || i, 'd' || (i // 4), CAST(i % 4 AS INTEGER), 'Synthetic sentence number ' || i || ' about Kabul.',"
        " DATE '2021-08-01' + CAST(i % 500 AS INTEGER),"
        " ['AGREE','CONSULT','AID','ACCUSE','COERCE','ASSAULT','REQUEST','SANCTION'][1 + i % 8],"
        " (i % 21) - 10.0,"
        " {'text': 'A', 'name': 'Actor ' || (i % 30), 'code': 'C' || (i % 30), 'country': 'C' || (i % 30), 'sector': NULL, 'group': NULL},"
        " {'text': 'B', 'name': 'Actor ' || (i % 17), 'code': 'C' || ((i * 7) % 17), 'country': NULL, 'sector': NULL, 'group': NULL},"
        " 'https://news.example.org/d' || (i // 4), 'Outlet ' || (i % 40) FROM range(?) t(i)",
        [events],
    )
    con.execute(
        "INSERT INTO evidence (watch, condition, polarity, kind, actor, doc_id, sentence_index, sentence, date,"
        " confidence, matched, url, outlet)"
        " SELECT ?, ['counter_terrorism','human_rights','humanitarian_access','inclusive_government','safe_passage'][1 + i % 5],"
        " CAST(i % 3 AS INTEGER) - 1, 'deed', 'C' || (i % 30), 'd' || i, 0,"
        " 'Evidence sentence ' || i || ' where the Taliban acted on the condition as reported by the outlet.',"
        " DATE '2021-08-01' + CAST(i % 500 AS INTEGER), 0.7, ['Taliban'], 'https://news.example.org/d' || i,"
        " 'Outlet ' || (i % 40) FROM range(?) t(i)",
        [WATCH, evidence],
    )
    con.close()
    return path


@contextmanager
def running_server(app) -> Iterator[str]:
    """A real uvicorn on 127.0.0.1 and a free port, in a thread; yields its base URL and stops it after."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if server.started:
                break
            time.sleep(0.05)
        if not server.started:
            raise RuntimeError("uvicorn did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
