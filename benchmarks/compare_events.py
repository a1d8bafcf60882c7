"""Do two databases hold the same coding? `python benchmarks/compare_events.py A.duckdb B.duckdb`

Every speed change to the coder must leave its output alone: code a corpus sample before and after,
then compare. Events are compared whole (ids, types, actors, sentences, locations, confidences) and so
are the coded sentences; the first differences are printed. Exit status 0 when identical, 1 otherwise.
"""

from __future__ import annotations

import sys

import duckdb

QUERIES = {
    "events": "SELECT * FROM events ORDER BY event_id",
    "sentences": "SELECT * FROM sentences ORDER BY doc_id, sentence_index",
}


def coded_tables(db: str) -> dict[str, list[tuple]]:
    con = duckdb.connect(db, read_only=True)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in QUERIES.items()}
    finally:
        con.close()


def differences(a: str, b: str, show: int = 5) -> list[str]:
    left, right = coded_tables(a), coded_tables(b)
    out = []
    for name in QUERIES:
        # Rows hold structs (dicts): compared by their text, which is exact for these types.
        a_rows, b_rows = set(map(repr, left[name])), set(map(repr, right[name]))
        only_a, only_b = sorted(a_rows - b_rows), sorted(b_rows - a_rows)
        if only_a or only_b or len(left[name]) != len(right[name]):
            out.append(
                f"{name}: {len(left[name])} vs {len(right[name])} rows; {len(only_a)} only in A, {len(only_b)} only in B"
            )
            out += [f"  A: {row}" for row in only_a[:show]] + [f"  B: {row}" for row in only_b[:show]]
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[0])
        return 2
    found = differences(*argv)
    counts = {name: len(rows) for name, rows in coded_tables(argv[0]).items()}
    print(
        "\n".join(found)
        if found
        else f"identical: {counts['events']:,} events, {counts['sentences']:,} sentences"
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
