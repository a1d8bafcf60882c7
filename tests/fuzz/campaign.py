"""The fuzz campaign: generated bad (and good) inputs of every kind diplowatch reads, each run for real
and sorted into clear error / handled with a warning / accepted, with the stored result checked.

A case fails as
- a traceback: an exception escaped (or a 5xx from the dashboard);
- a hang: it ran past CASE_SECONDS (or grew the process past MAX_RSS);
- silent wrong: it finished but what was stored or said is wrong - an input that left nothing and no
  message naming it, a record lost without a warning naming its line, a date outside 1800-2100 kept,
  an error that is not one clear line.

Cases are generated from a fixed seed, so a run is repeatable; `make fuzz` runs them all
(`python -m tests.fuzz` prints the figures), `make test` runs every tenth through pytest.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import random
import resource
import stat
import string
import time
import traceback
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from importlib import resources
from pathlib import Path

from harness import CASE_SECONDS, Hang, Outcome, cli, hang_guard, http_server

from diplowatch.store.connection import connect

MAX_RSS_MB = 2_000
SEED = 16
FIRST_WORDS = [
    "Taliban",
    "Qatar",
    "Pakistan",
    "Envoys",
    "The United Nations",
    "Officials",
    "Diplomats",
    "China",
]
VERBS = ["met", "criticised", "urged", "welcomed", "condemned", "praised", "warned", "thanked"]
OBJECTS = [
    "the interim government",
    "aid agencies",
    "the delegation",
    "neighbouring states",
    "women's groups",
]
PLACES = ["Kabul", "Doha", "Islamabad", "Tashkent", "Geneva", "Moscow"]
BUNDLED_WATCH = (
    resources.files("diplowatch") / "data" / "watches" / "afghanistan-recognition.yaml"
).read_text("utf-8")


@dataclass
class Verdict:
    kind: str  # error | warning | accepted | traceback | hang
    wrong: str | None = None  # what was silently wrong, if anything
    detail: str = ""


@dataclass
class Case:
    family: str
    name: str
    run: Callable[[Path], Verdict]


@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)
    by_family: dict[str, Counter] = field(default_factory=dict)
    failures: list[tuple[str, str, str]] = field(default_factory=list)
    seconds: float = 0.0
    slowest: tuple[float, str] = (0.0, "")
    max_rss_mb: float = 0.0

    def add(self, case: Case, verdict: Verdict, took: float) -> None:
        label = (
            "silent wrong" if verdict.wrong and verdict.kind not in ("traceback", "hang") else verdict.kind
        )
        self.counts[label] += 1
        self.by_family.setdefault(case.family, Counter())[label] += 1
        if label in ("traceback", "hang", "silent wrong"):
            self.failures.append(
                (f"{case.family}/{case.name}", label, (verdict.wrong or verdict.detail)[:300])
            )
        self.slowest = max(self.slowest, (took, f"{case.family}/{case.name}"))

    @property
    def cases(self) -> int:
        return sum(self.counts.values())

    def lines(self) -> list[str]:
        c = self.counts
        out = [
            f"fuzz: {self.cases:,} cases in {self.seconds:.0f}s: {c['error']} clear errors, {c['warning']} handled "
            f"with a warning, {c['accepted']} accepted; {c['traceback']} tracebacks, {c['hang']} hangs, "
            f"{c['silent wrong']} silent wrong results",
            f"slowest case {self.slowest[0]:.1f}s ({self.slowest[1]}); peak memory {self.max_rss_mb:.0f} MB",
        ]
        for family, counts in sorted(self.by_family.items()):
            out.append(
                f"  {family:12} {sum(counts.values()):4} "
                + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
            )
        out += [f"FAIL {name}: {label}: {detail}" for name, label, detail in self.failures]
        return out


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_case(case: Case, scratch: Path) -> Verdict:
    try:
        with hang_guard(CASE_SECONDS):
            return case.run(scratch)
    except Hang as exc:
        return Verdict("hang", detail=str(exc))
    except Exception:
        return Verdict("traceback", detail=traceback.format_exc(limit=-3).replace("\n", " | "))


def run_cases(
    cases: list[Case],
    scratch_for: Callable[[Case], Path],
    on_case: Callable[[Case, Verdict], None] | None = None,
) -> Report:
    """Run the cases in order, each in its scratch folder; the report counts every verdict and the peak memory."""
    report = Report()
    started = time.monotonic()
    for case in cases:
        t = time.monotonic()
        verdict = run_case(case, scratch_for(case))
        report.add(case, verdict, time.monotonic() - t)
        if on_case:
            on_case(case, verdict)
    report.seconds = time.monotonic() - started
    report.max_rss_mb = _rss_mb()
    if report.max_rss_mb > MAX_RSS_MB:
        report.counts["hang"] += 1
        report.failures.append(("memory", "hang", f"peak {report.max_rss_mb:.0f} MB > {MAX_RSS_MB} MB"))
    return report


# -- judging an outcome ------------------------------------------------------------------------------------


def judge(outcome: Outcome) -> Verdict:
    kind = outcome.kind
    if kind == "traceback":
        exc = outcome.exception
        where = "".join(traceback.format_tb(exc.__traceback__, limit=-2)).replace("\n", " | ") if exc else ""
        return Verdict("traceback", detail=f"{type(exc).__name__}: {str(exc)[:150]} at {where}")
    if kind == "error":
        lines = [line for line in outcome.err.splitlines() if line.strip()]
        if not lines:
            return Verdict("error", wrong="failed without saying why")
        if len(outcome.err) > 5_000 or any(len(line) > 600 for line in lines):
            return Verdict("error", wrong=f"error message too long ({len(outcome.err):,} characters)")
    return Verdict(kind)


def _stored(db: Path, prefix: str) -> list[tuple]:
    if not db.exists():
        return []
    con = connect(db, read_only=True)
    try:
        return con.execute(
            "SELECT source, CAST(published AS VARCHAR), text FROM articles WHERE starts_with(source, ?)",
            [prefix],
        ).fetchall()
    finally:
        con.close()


def ingest_case(
    files: dict[str, bytes],
    expect: int | None = None,
    phrase: str | None = None,
    records: int | None = None,
    date: str | None = None,
    extra: tuple[str, ...] = (),
) -> Callable[[Path], Verdict]:
    """Ingest these files (a folder of their own) into the family's database and check what was stored.

    - nothing stored and no message naming the input: silent wrong
    - `records`: every record is stored or a message names its line
    - `expect`/`phrase`/`date`: what a well-formed input must leave
    - every stored date lies within 1800-2100
    """

    def run(scratch: Path) -> Verdict:
        folder = scratch / f"c{next(_ids)}"
        folder.mkdir()
        for name, data in files.items():
            (folder / name).write_bytes(data)
        db = scratch / "family.duckdb"
        outcome = cli("ingest", str(folder), "--db", str(db), "--quiet", *extra)
        verdict = judge(outcome)
        if verdict.kind in ("traceback", "hang") or verdict.wrong:
            return verdict
        rows = _stored(db, str(folder))
        messages = outcome.err
        if not rows and str(folder) not in messages:
            verdict.wrong = f"nothing stored and no message naming the input (exit {outcome.code})"
        elif records is not None:
            told = {line.split(": ", 1)[0].split(" ", 1)[-1] for line in messages.splitlines()}
            whole_file = any(where.endswith((".jsonl", ".json")) for where in told)
            if not whole_file and len(rows) + len(told) < records:
                verdict.wrong = f"{records} records: {len(rows)} stored, {len(told)} named in messages"
        if expect is not None and not verdict.wrong and len(rows) != expect:
            verdict.wrong = f"expected {expect} stored, found {len(rows)}: {messages[:200]}"
        if phrase and rows and not any(phrase in r[2] for r in rows):
            verdict.wrong = f"{phrase!r} lost from the stored text"
        for _, published, _ in rows:
            if published and not 1800 <= int(published[:4]) <= 2100:
                verdict.wrong = f"stored an implausible date {published}"
        if date is not None and rows and rows[0][1] != date:
            verdict.wrong = f"date {date} stored as {rows[0][1]}"
        return verdict

    return run


_ids = iter(range(10**9))


# -- generators ---------------------------------------------------------------------------------------------


def sentence(rng: random.Random, marker: str) -> str:
    return (
        f"{rng.choice(FIRST_WORDS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} in {rng.choice(PLACES)} on "
        f"{rng.choice(['Monday', 'Tuesday', 'Friday'])}, officials said about {marker}."
    )


def article(rng: random.Random, marker: str, paragraphs: int = 3) -> str:
    return "\n\n".join(" ".join(sentence(rng, marker) for _ in range(2)) for _ in range(paragraphs)) + "\n"


def _marker(rng: random.Random) -> str:
    return "Zq" + "".join(rng.choice(string.ascii_lowercase) for _ in range(10))


def _mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        op = rng.random()
        pos = rng.randrange(len(data) + 1)
        if op < 0.4 and data:
            data[min(pos, len(data) - 1)] = rng.randrange(256)
        elif op < 0.7:
            data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif data:
            del data[pos : pos + rng.randint(1, 30)]
    return bytes(data)


TEXT_SHAPES = {
    "plain": lambda t: t.encode(),
    "crlf": lambda t: t.replace("\n", "\r\n").encode(),
    "cr": lambda t: t.replace("\n", "\r").encode(),
    "bom": lambda t: codecs.BOM_UTF8 + t.encode(),
    "utf16": lambda t: t.encode("utf-16"),
    "no-blank-lines": lambda t: t.replace("\n\n", "\n").encode(),
    "one-word-lines": lambda t: "\n".join(t.split()).encode(),
    "hard-wrapped": lambda t: "\n".join(t[i : i + 60] for i in range(0, len(t), 60)).encode(),
    "zero-width": lambda t: t.replace(" ", " \u200b").encode(),
    "nbsp": lambda t: t.replace(" ", "\u00a0").encode(),
    "mojibake": lambda t: t.replace("officials", "officialsâ€™").encode(),
    "controls": lambda t: t.replace(".", ".\x01\x07\x1b").encode(),
    "rtl": lambda t: ("\u202e" + t).encode(),
    "emoji": lambda t: t.replace(" ", " 🇦🇫 ", 3).encode(),
    "combining": lambda t: t.replace("a", "a\u0301").encode(),
    "tabs": lambda t: t.replace(" ", "\t").encode(),
    "trailing-spaces": lambda t: t.replace("\n", "   \n").encode(),
    "separators": lambda t: t.replace("\n\n", "\u2029").encode(),
    "long-line": lambda t: (t.replace("\n", " ") * 200).encode(),
    "many-lines": lambda t: ("\n".join([t.replace("\n", " ")] * 3) + "\n" + "line\n" * 20_000).encode(),
    "huge-no-blank": lambda t: ("\n".join([t.split("\n")[0][:70]] * 40_000)).encode(),
    "latin1": lambda t: t.replace("officials", "fonctionnaires étrangers").encode("latin-1"),
    "nul": lambda t: t.encode().replace(b" ", b"\0", 5),
    "empty": lambda t: b"",
    "blank": lambda t: b" \n\n\t\n",
    "markup-in-txt": lambda t: ("<p>" + t + "</p><script>alert(1)</script>").encode(),
}
# Shapes after which the article must still be stored with its marker intact.
TEXT_KEEPS = {"plain", "crlf", "cr", "bom", "utf16", "no-blank-lines", "hard-wrapped", "nbsp", "mojibake",
              "controls", "rtl", "emoji", "tabs", "trailing-spaces", "separators", "markup-in-txt"}  # fmt: skip


def text_cases(rng: random.Random, n: int) -> Iterator[Case]:
    shapes = sorted(TEXT_SHAPES)
    for i in range(n):
        shape = shapes[i % len(shapes)]
        marker = _marker(rng)
        data = TEXT_SHAPES[shape](article(rng, marker))
        if i >= 2 * len(shapes):
            data = _mutate_bytes(rng, data)
            shape = f"{shape}+mutated"
            keeps = False
        else:
            keeps = shape in TEXT_KEEPS
        suffix = rng.choice([".txt", ".txt", ".md"])
        yield Case("text", f"{i}-{shape}{suffix}", ingest_case({f"story{suffix}": data}, expect=1 if keeps else None,
                                                              phrase=marker if keeps else None))  # fmt: skip


FRONT_MATTERS = [
    "title: Talks in Kabul\ndate: 2021-09-07",
    "title: [unclosed\ndate: 2021-09-07",
    "a: &a [x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e]",
    "2021-09-07: a date as a key\ntitle: Dated key",
    "? [complex, key]\n: value",
    "date: 0001-01-01",
    "date: 9999-12-31",
    "date: 2021-02-30",
    "date: not a date at all",
    "date: 1630000000",
    "date: 253402300800",
    "title: !!python/object/apply:os.system ['echo hi']",
    "title: !!binary aGVsbG8=",
    "- just\n- a list",
    "just a string",
    "title: " + "x" * 50_000,
    "nested: " + "[" * 200 + "]" * 200,
    "title: tab\there",
    'title: "unterminated',
    "id: {marker}\nurl: javascript:alert(1)\noutlet: <script>",
    "date: 2021-09-07T25:61:00Z",
    "date: {year: 2021}",
    "tags: {a: {b: {c: {d: {e: 1}}}}}",
    "title: null\ndate: ~",
    "title: Ünïcödé — “quotes”\ndate: 7 September 2021",
    "\x00\x01title: control",
    "title: ok\n" + "k{}: v\n" * 2000,
]
FRONT_DATES = {0: "2021-09-07", 9: "2021-08-26", 24: "2021-09-07"}


def front_matter_cases(rng: random.Random, n: int) -> Iterator[Case]:
    for i in range(n):
        index = i % len(FRONT_MATTERS)
        marker = _marker(rng)
        front = FRONT_MATTERS[index].replace("{marker}", marker)
        mutated = i >= len(FRONT_MATTERS) * 2
        if mutated:
            front = _mutate_bytes(rng, front.encode()).decode("utf-8", "replace")
        # A NUL byte makes any file binary (skipped, and said so): no article is owed then.
        owed = None if "\x00" in front else 1
        fence = rng.choice(["---", "---", "..."]) if i % 7 == 3 else "---"
        body = f"---\n{front}\n{fence}\n\n{article(rng, marker)}".encode()
        date = FRONT_DATES.get(index) if i < len(FRONT_MATTERS) * 2 and fence == "---" else None
        yield Case(
            "frontmatter",
            f"{i}-fm{index}",
            ingest_case({"story.md": body}, expect=owed, phrase=marker, date=date),
        )


def html_cases(rng: random.Random, n: int) -> Iterator[Case]:
    shapes = [
        lambda t: (
            f"<html><head><title>T</title></head><body><article>{''.join(f'<p>{p}</p>' for p in t.split(chr(10) * 2))}</article></body></html>"
        ),
        lambda t: f"<p>{t}",
        lambda t: "<div>" * 5000 + t + "</div>" * 5000,
        lambda t: f"<html><body><script>{'x' * 100000}</script><p>{t}</p></body></html>",
        lambda t: f"<html><head><meta charset='koi8-r'></head><body><p>{t}</p></body></html>",
        lambda t: f"<html><body><p>{t}</p><p>{'&amp;' * 20000}</p></body></html>",
        lambda t: (
            f"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a '{'b' * 100}'>]><html><body><p>{t}&a;</p></body></html>"
        ),
        lambda t: (
            f"<html><body><iframe src='javascript:alert(1)'></iframe><p onclick='x()'>{t}</p></body></html>"
        ),
        lambda t: "<html><body></body></html>",
        lambda t: (
            f"<html><head><meta property='article:published_time' content='0001-01-01'></head><body><p>{t}</p></body></html>"
        ),
        lambda t: f"<table>{'<tr><td>' * 3000}{t}</table>",
        lambda t: f"<html><body><p>{t}</p></body></html>".replace("<", "\u003c"),
    ]
    for i in range(n):
        marker = _marker(rng)
        data = shapes[i % len(shapes)](article(rng, marker)).encode()
        if i >= len(shapes) * 2:
            data = _mutate_bytes(rng, data)
        yield Case("html", f"{i}-shape{i % len(shapes)}", ingest_case({"page.html": data}))


def _record(rng: random.Random, marker: str) -> dict:
    return {"id": marker, "text": article(rng, marker, 2), "date": "2021-09-07", "title": f"On {marker}"}


BAD_RECORDS = [
    '{"id": "x", "text": "Lone \\ud800 surrogate in Kabul talks, officials said on Friday about it."}',
    '{"id": "x", "meta": ' + "[" * 3000 + "]" * 3000 + ', "text": "deep"}',
    '{"id": "x", "n": ' + "9" * 5000 + ', "text": "big number"}',
    '{"id": "x", "text": ',
    "[1, 2, 3]",
    '"just a string"',
    "null",
    '{"id": "x"}',
    '{"id": "x", "text": 12345}',
    '{"id": "x", "text": ["a", "b"]}',
    '{"id": "x", "text": "   "}',
    "\x00\x01\x02",
    '{"id": "x", "text": "NaN date", "date": NaN}',
    '{"id": "x", "text": "Infinity", "date": Infinity}',
    '{"id": "x", "text": "dup key", "text": ""}',
]


def jsonl_cases(rng: random.Random, n: int) -> Iterator[Case]:
    for i in range(n):
        good = [_record(rng, _marker(rng)) for _ in range(rng.randint(1, 4))]
        bad = [rng.choice(BAD_RECORDS) for _ in range(rng.randint(0, 3))]
        if i % 5 == 4:
            bad.append(
                _mutate_bytes(rng, json.dumps(_record(rng, _marker(rng))).encode()).decode("utf-8", "replace")
            )
        lines = [json.dumps(r) for r in good] + bad
        rng.shuffle(lines)
        if i % 3 == 0:  # the same as one JSON array
            rows = []
            for line in lines:
                try:
                    rows.append(json.loads(line))
                except (ValueError, RecursionError):
                    rows.append({"broken": line[:50]})
            yield Case("json", f"{i}-array", ingest_case({"items.json": json.dumps(rows, default=str).encode()},
                                                         records=len(rows)))  # fmt: skip
        else:
            body = "\n".join(lines) + "\n"
            yield Case("json", f"{i}-jsonl", ingest_case({"items.jsonl": body.encode("utf-8", "surrogatepass")},
                                                         records=len(lines)))  # fmt: skip


DATE_VALUES = ["2021-09-07", "0001-01-01", "9999-12-31", 253402300800, 1630000000, 1630000000000, -62135596800,
               "Tue, 07 Sep 2021 10:00:00 +0000", "7 September 2021", "2021-09-07T23:30:00-05:00", "yesterday",
               "", None, 0, 1e308, "1799-12-31", "2101-01-01", "2100-12-31", "1800-01-01", True]  # fmt: skip
DATE_EXPECTED = {"2021-09-07": "2021-09-07", 1630000000: "2021-08-26", 1630000000000: "2021-08-26",
                 "Tue, 07 Sep 2021 10:00:00 +0000": "2021-09-07", "7 September 2021": "2021-09-07",
                 "2021-09-07T23:30:00-05:00": "2021-09-07", "2100-12-31": "2100-12-31", "1800-01-01": "1800-01-01"}  # fmt: skip


def date_cases(rng: random.Random, n: int) -> Iterator[Case]:
    for i in range(n):
        value = DATE_VALUES[i % len(DATE_VALUES)]
        marker = _marker(rng)
        record = {"id": marker, "text": article(rng, marker, 1), "date": value}
        expected = (
            DATE_EXPECTED.get(value) if isinstance(value, str | int) and not isinstance(value, bool) else None
        )
        yield Case("dates", f"{i}-{value!r}"[:40], ingest_case({"d.jsonl": (json.dumps(record) + "\n").encode()},
                                                               expect=1, date=expected))  # fmt: skip


def csv_cases(rng: random.Random, n: int) -> Iterator[Case]:
    for i in range(n):
        delimiter = "\t" if i % 2 else ","
        rows = [_record(rng, _marker(rng)) for _ in range(rng.randint(1, 4))]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=["id", "text", "date", "title"], delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
        text = buffer.getvalue()
        variant = i % 8
        if variant == 1:
            text += '"unterminated,' + "x" * 100 + "\n"
        elif variant == 2:
            text = text.replace("\n", "\r\n")
        elif variant == 3:
            text = "\ufeff" + text
        elif variant == 4:
            text += "a" * 200_000 + "\n"
        elif variant == 5:
            text = text.splitlines()[0] + "\n"  # header only
        elif variant == 6:
            text = _mutate_bytes(rng, text.encode()).decode("utf-8", "replace")
        elif variant == 7:
            text += ",".join(["x"] * 1000) + "\n"
        name = "t.tsv" if delimiter == "\t" else "t.csv"
        yield Case("csv", f"{i}-v{variant}", ingest_case({name: text.encode()}))


def feed_cases(rng: random.Random, n: int) -> Iterator[Case]:
    for i in range(n):
        marker = _marker(rng)
        para = sentence(rng, marker)
        rss = (
            "<?xml version='1.0'?><rss version='2.0'><channel><title>W</title>"
            f"<item><title>{marker}</title><link>https://example.org/{marker}</link>"
            f"<pubDate>{rng.choice(['Tue, 07 Sep 2021 10:00:00 +0000', 'garbage', '', 'Mon, 01 Jan 0001 00:00:00 +0000'])}</pubDate>"
            f"<description><![CDATA[<p>{para}</p>]]></description></item></channel></rss>"
        )
        atom = (
            "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>A</title>"
            f"<entry><title>{marker}</title><id>urn:{marker}</id><updated>2021-09-07T10:00:00Z</updated>"
            f"<content type='html'>&lt;p&gt;{para}&lt;/p&gt;</content></entry></feed>"
        )
        text = rss if i % 2 == 0 else atom
        variant = i % 6
        if variant == 2:
            text = text.replace(
                "<?xml version='1.0'?>",
                "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>",
            ).replace(marker + "</title>", marker + "&e;</title>", 1)
        elif variant == 3:
            text = text[: len(text) // 2]
        elif variant == 4:
            text = _mutate_bytes(rng, text.encode()).decode("utf-8", "replace")
        elif variant == 5:
            text = (
                text.replace(
                    "<?xml version='1.0'?>",
                    "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'><!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'><!ENTITY e '&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;'>]>",
                )
                .replace("<title>W</title>", "<title>&e;</title>")
                .replace("<title>A</title>", "<title>&e;</title>")
            )
        name = "feed.rss" if i % 2 == 0 else "feed.atom"
        yield Case("feeds", f"{i}-v{variant}", ingest_case({name: text.encode()}))


WATCH_EDITS = [
    ("name: afghanistan-recognition", "name: [a, list]"),
    (
        "period: {start: 2021-08-15, words_from: 2020-02-29, end: null}",
        "period: {start: 2022-01-01, end: 2021-01-01}",
    ),
    (
        "period: {start: 2021-08-15, words_from: 2020-02-29, end: null}",
        "period: {start: 0001-01-01, end: null}",
    ),
    ("period: {start: 2021-08-15, words_from: 2020-02-29, end: null}", "period: [2021, 2022]"),
    (
        "period: {start: 2021-08-15, words_from: 2020-02-29, end: null}",
        "period: {start: 2021-08-15, end: null, middle: 2022}",
    ),
    ("        unless:", "        unles:"),
    ("    indicators:", "    indicatrs:"),
    ("stances:", "stance:"),
    ("observers:", "observers: 5\nignored:"),
    ("polarity: -1", "polarity: 7"),
    ("polarity: -1", "polarity: minus"),
    ("scope: place", "scope: galaxy"),
    ("title: ", "title: &t x\nt2: *t\ntitle2: "),
    ("conditions:", "conditions: []\nold_conditions:"),
]


def watch_cases(rng: random.Random, n: int) -> Iterator[Case]:
    raw = [
        b"",
        b"\x00\x01\x02binary",
        bytes(range(256)),
        BUNDLED_WATCH.encode("utf-16"),
        BUNDLED_WATCH.replace("—", "\u2014").encode("latin-1", "replace"),
        ("x: " + "[" * 500 + "]" * 500).encode(),
        b"a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        b"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n",
        b"!!python/object/apply:os.system ['true']",
        b"- a\n- list",
        ("name: x\x07\n" + BUNDLED_WATCH).encode(),
    ]
    for i in range(n):
        if i < len(raw):
            data, label = raw[i], f"raw{i}"
        elif i < len(raw) + len(WATCH_EDITS):
            old, new = WATCH_EDITS[i - len(raw)]
            data, label = BUNDLED_WATCH.replace(old, new, 1).encode(), f"edit{i - len(raw)}"
        else:
            text = BUNDLED_WATCH
            lines = text.splitlines()
            for _ in range(rng.randint(1, 4)):
                j = rng.randrange(len(lines))
                op = rng.random()
                if op < 0.3:
                    del lines[j]
                elif op < 0.6:
                    lines[j] = lines[j].replace(":", rng.choice([": [", ":: ", "", ": {"]), 1)
                elif op < 0.8:
                    lines.insert(
                        j, lines[j][: rng.randrange(len(lines[j]) + 1)] + rng.choice(["(", "*", "\\", "'"])
                    )
                else:
                    lines[j] = " " * rng.randint(0, 9) + lines[j].lstrip()
            data, label = "\n".join(lines).encode(), f"mut{i}"
        yield Case("watch", label, _watch_run(data))


def _watch_run(data: bytes) -> Callable[[Path], Verdict]:
    def run(scratch: Path) -> Verdict:
        path = scratch / f"w{next(_ids)}.yaml"
        path.write_bytes(data)
        outcome = cli("watch", "check", str(path))
        verdict = judge(outcome)
        if verdict.kind == "error" and str(path) not in outcome.err and not verdict.wrong:
            verdict.wrong = "the error does not name the file"
        if verdict.kind == "accepted":
            # Accepted means the file really is a whole watch: it must load again, the same.
            from diplowatch.watch import load_watch

            watch = load_watch(path)
            if not watch.conditions or not watch.observers:
                verdict.wrong = "accepted a watch without conditions or observers"
            start, end = watch.period.get("start"), watch.period.get("end")
            if start and end and end < start:
                verdict.wrong = "accepted a reversed period"
        return verdict

    return run


DICT_BASE = """\
people:
  - name: Jane Placeholder
    aliases: [Placeholder]
    roles:
      - {country: NOR, sector: NGO, start: 2020-01-01, end: 2022-12-31}
groups:
  - name: Free Valley Front
    aliases: [FVF]
sectors:
  AGR:
    words: [herders]
"""


def dictionary_cases(rng: random.Random, n: int) -> Iterator[Case]:
    fixed = [b"", b"\xff\xfe\x00", DICT_BASE.encode("utf-16"), b"people: " + b"[" * 300 + b"]" * 300,
             b"a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
             b"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\npeople: *e\n",
             DICT_BASE.replace("2020-01-01", "2020-13-45").encode(), DICT_BASE.replace("NOR", "XXXX").encode()]  # fmt: skip
    for i in range(n):
        if i < len(fixed):
            data = fixed[i]
        else:
            lines = DICT_BASE.splitlines()
            for _ in range(rng.randint(1, 3)):
                j = rng.randrange(len(lines))
                lines[j] = _mutate_bytes(rng, lines[j].encode()).decode("utf-8", "replace")
            data = "\n".join(lines).encode()
        yield Case("dictionary", f"{i}", _file_command(data, "mine.yaml", ("dict", "check")))


PETRARCH_BASE = """\
AFGHANISTAN_  [AFG]
+AFGHAN_
BARACK_OBAMA_  # CountryInfo.txt
+OBAMA_
\t[USAELI 610804-090119]
\t[USAGOV 20090120-20170120]
HAMID_KARZAI_
\t[AFGGOV >011222]
"""


def petrarch_cases(rng: random.Random, n: int) -> Iterator[Case]:
    for i in range(n):
        if i == 0:
            data = b""
        elif i == 1:
            data = bytes(range(256)) * 10
        elif i == 2:
            data = PETRARCH_BASE.replace("610804", "999999").encode()
        elif i == 3:
            data = ("<!-- never closed\n" + PETRARCH_BASE).encode()
        else:
            data = _mutate_bytes(rng, PETRARCH_BASE.encode())
        yield Case(
            "petrarch", f"{i}", _file_command(data, "x.actors.txt", ("dict", "import-petrarch"), out=True)
        )


def _file_command(
    data: bytes, name: str, command: tuple[str, ...], out: bool = False
) -> Callable[[Path], Verdict]:
    def run(scratch: Path) -> Verdict:
        folder = scratch / f"f{next(_ids)}"
        folder.mkdir()
        path = folder / name
        path.write_bytes(data)
        extra = ("--out", str(folder / "out.yaml")) if out else ()
        outcome = cli(*command, str(path), *extra)
        verdict = judge(outcome)
        if verdict.kind == "error" and str(path) not in outcome.err and not verdict.wrong:
            verdict.wrong = "the error does not name the file"
        if out and outcome.code == 0:
            from diplowatch.core.safe_yaml import load_yaml

            written = (folder / "out.yaml").read_text(encoding="utf-8")
            load_yaml(written)  # what import writes must read back
        return verdict

    return run


class _Server(BaseHTTPRequestHandler):
    """Routes for the URL cases: pages, errors, redirects, slow and endless bodies."""

    def do_GET(self):  # noqa: N802
        path = self.path.split("?")[0]
        if path.startswith("/page"):
            body = f"<html><body><p>{self.path} Taliban officials met envoys from Qatar in Kabul on Friday.</p></body></html>"
            self._send(200, body.encode(), "text/html")
        elif path.startswith("/status/"):
            self._send(int(path.split("/")[2]), b"", "text/plain")
        elif path.startswith("/redirect-to-private"):
            self._redirect("http://10.0.0.1/")
        elif path.startswith("/redirect-to-metadata"):
            self._redirect("http://169.254.169.254/latest/meta-data/")
        elif path.startswith("/redirect-to-file"):
            self._redirect("file:///etc/passwd")
        elif path.startswith("/loop"):
            self._redirect(path)
        elif path.startswith("/big"):
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(200):
                self.wfile.write(b"a" * 65536)
        elif path.startswith("/liar"):
            self.send_response(200)
            self.send_header("Content-Length", "999999")
            self.end_headers()
            self.wfile.write(b"short")
        elif path.startswith("/trickle"):
            self.send_response(200)
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"a")
                self.wfile.flush()
                time.sleep(0.15)
        elif path.startswith("/binary"):
            self._send(200, bytes(range(256)) * 100, "application/octet-stream")
        elif path.startswith("/garbage-headers"):
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: nope\r\n\x00\x01\r\n\r\nbody")
        else:
            self._send(404, b"", "text/plain")

    def _send(self, code: int, body: bytes, ctype: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.end_headers()

    def log_message(self, *args):
        pass


URL_PATHS = ["/page1", "/status/500", "/status/403", "/redirect-to-private", "/redirect-to-metadata",
             "/redirect-to-file", "/loop", "/big", "/liar", "/trickle", "/binary", "/garbage-headers", "/nothing"]  # fmt: skip
BAD_URLS = ["http://[::1", "http://", "http:///x", "https://exa mple.org/", "http://169.254.169.254/latest/",
            "http://10.0.0.1/", "http://localhost:1/", "gopher://x/", "file:///etc/passwd", "http://%zz/",
            "http://example.invalid/", "http://[fe80::1%25eth0]/", "http://0x7f000001/", "http://2130706433/"]  # fmt: skip


def url_cases(rng: random.Random, n: int, base: str) -> Iterator[Case]:
    for i in range(n):
        if i < len(URL_PATHS) * 2:
            url = base + URL_PATHS[i % len(URL_PATHS)] + f"?c={i}"
            allow = ("--allow-private",) if i < len(URL_PATHS) else ()
        else:
            url = BAD_URLS[i % len(BAD_URLS)]
            allow = ()
        yield Case("urls", f"{i}-{url[-30:]}", _url_run(url, allow))


def _url_run(url: str, extra: tuple[str, ...]) -> Callable[[Path], Verdict]:
    def run(scratch: Path) -> Verdict:
        db = scratch / "urls.duckdb"
        outcome = cli(
            "ingest", url, "--db", str(db), "--quiet", "--timeout", "1", "--max-bytes", "1000000", *extra
        )
        verdict = judge(outcome)
        if verdict.kind in ("error", "warning") and url not in outcome.err and not verdict.wrong:
            verdict.wrong = "the message does not name the URL"
        if "/redirect-to-" in url and outcome.code == 0:
            verdict.wrong = "followed a redirect it should refuse"
        if not extra and "127.0.0.1" in url and outcome.code == 0:
            verdict.wrong = "fetched a loopback URL without --allow-private"
        return verdict

    return run


def db_target_cases(rng: random.Random, n: int) -> Iterator[Case]:
    kinds = ["fifo", "dir", "missing", "typo", "empty-file", "garbage", "truncated", "other-program",
             "symlink-loop", "too-long", "under-a-file", "blank", "dangling-link", "readonly-file"]  # fmt: skip
    commands = [("stats",), ("events",), ("code",), ("articles",), ("ingest", "{text}"), ("watch", "afghanistan-recognition"),
                ("report", "--out", "{out}")]  # fmt: skip
    for i in range(n):
        kind = kinds[i % len(kinds)]
        command = commands[(i // len(kinds)) % len(commands)]
        yield Case("db", f"{kind}-{command[0]}", _db_run(kind, command))


def _db_run(kind: str, command: tuple[str, ...]) -> Callable[[Path], Verdict]:
    def run(scratch: Path) -> Verdict:
        folder = scratch / f"d{next(_ids)}"
        folder.mkdir()
        text = folder / "story.txt"
        text.write_text(
            "Taliban officials met envoys from Qatar in Kabul on Friday, officials said.\n", encoding="utf-8"
        )
        db = folder / "x.duckdb"
        if kind == "fifo":
            os.mkfifo(db)
        elif kind == "dir":
            db.mkdir()
        elif kind == "typo":
            db = folder / "nwes.duckdb"
        elif kind == "empty-file":
            db.write_bytes(b"")
        elif kind == "garbage":
            db.write_bytes(os.urandom(40_000))
        elif kind == "truncated":
            con = connect(db)
            con.close()
            data = db.read_bytes()
            db.write_bytes(data[: len(data) // 3])
        elif kind == "other-program":
            import duckdb

            con = duckdb.connect(str(db))
            con.execute("CREATE TABLE articles (id INTEGER, other VARCHAR)")
            con.execute("CREATE TABLE sentences (x DOUBLE)")
            con.close()
        elif kind == "symlink-loop":
            db.symlink_to(folder / "y.duckdb")
            (folder / "y.duckdb").symlink_to(db)
        elif kind == "too-long":
            db = folder / ("n" * 300 + ".duckdb")
        elif kind == "under-a-file":
            db = text / "x.duckdb"
        elif kind == "blank":
            db = Path(" ")
        elif kind == "dangling-link":
            db.symlink_to(folder / "gone" / "x.duckdb")
        elif kind == "readonly-file":
            con = connect(db)
            con.close()
            db.chmod(0o444)
        before = _snapshot(folder)
        args = [a.replace("{text}", str(text)).replace("{out}", str(folder / "r.html")) for a in command]
        outcome = cli(*args, "--db", str(db), seconds=CASE_SECONDS)
        verdict = judge(outcome)
        if verdict.kind == "error" and not verdict.wrong and len(outcome.error_lines) != 1:
            verdict.wrong = f"{len(outcome.error_lines)} error lines"
        if command[0] != "ingest" and kind in ("typo", "missing", "dangling-link") and db.exists():
            verdict.wrong = f"`{command[0]}` created a database"
        changed = _snapshot(folder).get(db.name) != before.get(db.name)
        if kind in ("other-program", "garbage", "truncated") and changed:
            verdict.wrong = verdict.wrong or "changed a file it could not read as a database"
        if kind == "other-program":
            import duckdb

            con = duckdb.connect(str(db), read_only=True)
            tables = {
                r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
            }
            con.close()
            if not {"articles", "sentences"} <= tables:
                verdict.wrong = "lost another program's tables"
        return verdict

    return run


def _snapshot(folder: Path) -> dict[str, bytes]:
    out = {}
    for p in folder.iterdir():
        try:
            if p.is_file() and not p.is_symlink() and stat.S_ISREG(p.stat().st_mode):
                out[p.name] = p.read_bytes()
        except OSError:
            pass
    return out


OPTION_CASES = [
    ("events", "--since", "yesterday"), ("events", "--until", "notadate"), ("events", "--since", "2021-02-30"),
    ("events", "--since", "2021"), ("events", "--since", "2021-09"), ("events", "--until", "2021-09-07"),
    ("articles", "--since", "-1"), ("articles", "--until", "99999"), ("articles", "--since", "2021-9-7"),
    ("events", "--min-confidence", "nan"), ("events", "--min-confidence", "2"), ("events", "--min-confidence", "-inf"),
    ("events", "--type", "NOPE"), ("events", "--format", "xml"), ("events", "--format", "parquet"),
    ("articles", "--language", ""), ("articles", "--outlet", "'; DROP TABLE articles; --"),
    ("events", "--actor", "' OR 1=1 --"), ("events", "--actor", "\x00"), ("events", "--actor", "%"),
    ("ingest", "{text}", "--near-dup-threshold", "nan"), ("ingest", "{text}", "--near-dup-threshold", "0"),
    ("ingest", "{text}", "--near-dup-threshold", "1.5"), ("ingest", "{text}", "--timeout", "nan"),
    ("ingest", "{text}", "--timeout", "inf"), ("ingest", "{text}", "--max-bytes", "0"), ("ingest", "{text}", "--max-bytes", "-5"),
    ("ingest", "{text}", "--max-bytes", "99999999999999999999999"), ("ingest", "{text}", "--field", "text"),
    ("ingest", "{text}", "--field", "nope=x"), ("ingest", "{text}", "--boilerplate", "("),
    ("ingest", "{text}", "--boilerplate", "(a+)+$"), ("ingest", ""), ("ingest", " "), ("ingest", "{folder}/missing.txt"),
    ("serve", "--port", "70000"), ("serve", "--port", "-1"), ("serve", "--port", "http"), ("serve", "--host", "0.0.0.0"),
    ("watch", "afghanistan-recognition", "--by", "week"), ("watch", "afghanistan-recognition", "--since", "yesterday"),
    ("watch", "no-such-watch"), ("watch", ""), ("watch", "/etc/passwd"), ("watch", "{folder}"),
    ("watch", "check", "{folder}"), ("watch", "check", "/dev/null"), ("watch", "new", ""),
    ("report", "--by", "decade"), ("report", "nope"), ("report", "--dyad", "USA"), ("report", "--dyad", "USA-AFG-PAK"),
    ("report", "--out", "{folder}"), ("report", "--out", ""), ("report", "--out", "/proc/self/status"),
    ("events", "--out", "{folder}/sub/dir/e.jsonl", "--format", "jsonl"), ("dict", "find", ""),
    ("dict", "find", "Blinken met Karzai", "--date", "tomorrow"), ("code", "--workers", "0"), ("code", "--workers", "-3"),
    ("code", "--workers", "100000"), ("code", "--model", "nonexistent-model"), ("code", "--dict", "{folder}/none.yaml"),
    ("stats", "--format", "csv"), ("articles", "--format", "parquet"),
]  # fmt: skip


def option_cases(rng: random.Random, n: int) -> Iterator[Case]:
    for i in range(n):
        args = OPTION_CASES[i % len(OPTION_CASES)]
        if i >= len(OPTION_CASES):
            args = (*args, rng.choice(["--quiet", "--format=jsonl", "-q", "--since=2021"]))
            if args[0] in ("serve", "code", "dict", "stats") or (
                args[0] == "watch" and args[1] in ("check", "new")
            ):
                args = OPTION_CASES[i % len(OPTION_CASES)]
        yield Case("options", " ".join(args)[:50], _option_run(args))


def _option_run(args: tuple[str, ...]) -> Callable[[Path], Verdict]:
    def run(scratch: Path) -> Verdict:
        db = scratch / "options.duckdb"
        folder = scratch / "options"
        if not db.exists():
            folder.mkdir(exist_ok=True)
            (folder / "s.txt").write_text(
                "Taliban officials met envoys from Qatar in Kabul on Friday, officials said.\n",
                encoding="utf-8",
            )
            cli("ingest", str(folder / "s.txt"), "--db", str(db), "--quiet")
        filled = [a.replace("{text}", str(folder / "s.txt")).replace("{folder}", str(folder)) for a in args]
        if filled[0] == "serve":
            # Never start a server here: only the checks before it are under test (port 70000 etc.).
            filled += ["--db", str(scratch / "none.duckdb")]
        elif filled[0] not in ("dict",) and not (
            filled[0] == "watch" and filled[1:2] in (["check"], ["new"])
        ):
            filled += ["--db", str(db)]
        before = _count(db)
        outcome = cli(*filled, input="")
        verdict = judge(outcome)
        if _count(db) < before:
            verdict.wrong = "articles were lost"
        if verdict.kind == "error" and not verdict.wrong:
            errors = [ln for ln in outcome.err.splitlines() if ln.startswith(("error:", "Error:"))]
            if len(errors) != 1:
                verdict.wrong = f"{len(errors)} error lines"
        if (
            args in (("events", "--since", "yesterday"), ("events", "--until", "notadate"))
            and verdict.kind != "error"
        ):
            verdict.wrong = "a bad date was accepted"
        if "nan" in args and verdict.kind != "error":
            verdict.wrong = "NaN was accepted"
        return verdict

    return run


def _count(db: Path) -> int:
    con = connect(db, read_only=True)
    try:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        con.close()


API_PARAMS = {
    "watch": [
        "afghanistan-recognition",
        "myanmar-asean",
        "/etc/passwd",
        "../../etc/hostname",
        "/",
        "",
        "x" * 5000,
        "afghanistan-recognition.yaml",
        "\x00",
        "%00",
        "README.md",
        "src",
    ],
    "limit": ["0", "-1", "1001", "1", "99999999999999999999", "abc", "1e3", ""],
    "offset": ["-1", "0", "9223372036854775807", "99999999999999999999999", "x", "2147483648"],
    "page": ["0", "-5", "9999999999999999", "1.5", "abc", "1000001"],
    "since": [
        "2021",
        "2021-09",
        "2021-09-07",
        "yesterday",
        "0001-01-01",
        "99999-01-01",
        "2021-02-30",
        "'; --",
    ],
    "until": ["2022", "9999-12-31", "notadate", ""],
    "by": ["month", "quarter", "year", "week", "", "MONTH"],
    "polarity": ["-1", "1", "0", "2", "x", "+1"],
    "condition": ["human_rights", "nope", "' OR 1=1 --", "<script>"],
    "actor": ["TAL", "' OR '1'='1", "%", "_", "\\"],
    "q": ["Kabul", "%", "'", "\x00", "a" * 10_000],
    "dyad": ["USA-AFG", "USA", "-", "A-B-C", "<img src=x>"],
    "i": ["0", "-1", "9223372036854775807", "x"],
    "doc": ["a01", "", "' OR 1=1", "\x00"],
    "token": ["anything"],
}
API_PATHS = ["/", "/evidence", "/sentence", "/healthz", "/api/facts", "/api/articles", "/api/events", "/api/evidence",
             "/api/stances", "/api/scorecard", "/openapi.json", "/docs", "/static/diplowatch.css", "/nope", "/api/nope"]  # fmt: skip


def api_cases(rng: random.Random, n: int, client_box: dict) -> Iterator[Case]:
    names = sorted(API_PARAMS)
    for i in range(n):
        path = API_PATHS[i % len(API_PATHS)]
        params = {}
        for name in rng.sample(names, rng.randint(0, 3)):
            params[name] = rng.choice(API_PARAMS[name])
        yield Case(
            "api",
            f"{path}?{'&'.join(f'{k}={v[:12]!r}' for k, v in params.items())}",
            _api_run(path, params, client_box),
        )


def _api_run(path: str, params: dict[str, str], client_box: dict) -> Callable[[Path], Verdict]:
    def run(scratch: Path) -> Verdict:
        client = client_box.get("client")
        if client is None:
            from diplowatch.web.app import create_app
            from report_fixtures import make_db

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                from fastapi.testclient import TestClient
            db = make_db(scratch / "api.duckdb", xss=True)
            client = client_box["client"] = TestClient(create_app(db), raise_server_exceptions=False)
        response = client.get(path, params=params)
        status = response.status_code
        if status >= 500:
            return Verdict("traceback", detail=f"HTTP {status}: {response.text[:200]}")
        verdict = Verdict("accepted" if status < 400 else "error")
        watch = params.get("watch")
        if (
            watch
            and watch not in ("afghanistan-recognition", "myanmar-asean")
            and status < 400
            and path != "/healthz"
        ):
            if not path.startswith("/static") and path not in ("/openapi.json", "/docs", "/api/facts", "/api/articles",
                                                              "/api/events", "/sentence"):  # fmt: skip
                verdict.wrong = f"watch={watch[:40]!r} was served"
        if (
            "<script>" in response.text
            and "window.__xss" in response.text
            and "text/html" in response.headers.get("content-type", "")
        ):
            verdict.wrong = "an unescaped script reached a page"
        if len(response.content) > 20_000_000:
            verdict.wrong = "a response over 20 MB"
        if "nosniff" not in response.headers.get("x-content-type-options", ""):
            verdict.wrong = "no security headers"
        return verdict

    return run


# -- the whole campaign ---------------------------------------------------------------------------------------


FAMILY_SIZES = {"text": 130, "frontmatter": 110, "html": 60, "json": 120, "dates": 60, "csv": 64, "feeds": 48,
                "watch": 140, "dictionary": 50, "petrarch": 30, "urls": 60, "db": 98, "options": 130, "api": 180}  # fmt: skip


def all_cases(base_url: str, client_box: dict, seed: int = SEED) -> list[Case]:
    rng = random.Random(seed)
    makers: dict[str, Callable[[int], Iterator[Case]]] = {
        "text": lambda n: text_cases(rng, n),
        "frontmatter": lambda n: front_matter_cases(rng, n),
        "html": lambda n: html_cases(rng, n),
        "json": lambda n: jsonl_cases(rng, n),
        "dates": lambda n: date_cases(rng, n),
        "csv": lambda n: csv_cases(rng, n),
        "feeds": lambda n: feed_cases(rng, n),
        "watch": lambda n: watch_cases(rng, n),
        "dictionary": lambda n: dictionary_cases(rng, n),
        "petrarch": lambda n: petrarch_cases(rng, n),
        "urls": lambda n: url_cases(rng, n, base_url),
        "db": lambda n: db_target_cases(rng, n),
        "options": lambda n: option_cases(rng, n),
        "api": lambda n: api_cases(rng, n, client_box),
    }
    cases: list[Case] = []
    for family, size in FAMILY_SIZES.items():
        cases.extend(makers[family](size))
    return cases


def family_scratch(root: Path, case: Case) -> Path:
    folder = root / case.family
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def campaign(root: Path, sample: int = 1, on_case=None) -> Report:
    """Run every `sample`-th case (1: all). Each family keeps its own scratch folder and database."""
    # Cases run from inside the scratch folder: a command that writes beside itself (`watch new`) must
    # never leave files in the checkout.
    here = os.getcwd()
    os.chdir(root)
    try:
        return _campaign(root, sample, on_case)
    finally:
        os.chdir(here)


def _campaign(root: Path, sample: int, on_case) -> Report:
    with http_server(_Server) as base:
        client_box: dict = {}
        cases = all_cases(base, client_box)[::sample]
        return run_cases(cases, lambda case: family_scratch(root, case), on_case)
