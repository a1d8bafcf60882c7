"""The dashboard's data source: a copy of the database per change, warmed in a thread of its own. Closing
it (the server stopping) while the warm-up still queries must neither fail nor break the warm-up."""

from __future__ import annotations

import threading

from diplowatch.store.connection import connect
from diplowatch.web.source import DataSource


def test_closing_while_the_copy_warms_waits_for_the_warm_up(tmp_path):
    db = tmp_path / "tiny.duckdb"
    connect(str(db)).close()  # an empty but valid diplowatch database
    started, outcome = threading.Event(), {}

    def slow_warm(snapshot):
        con = snapshot.con.cursor()
        try:
            started.set()
            # a query long enough to be running when close() comes
            outcome["rows"] = con.execute("SELECT count(*) FROM range(200000000)").fetchone()[0]
        except Exception as exc:  # what the warm-up met, for the assertion below
            outcome["error"] = exc
        finally:
            con.close()

    source = DataSource(db, on_new_copy=slow_warm)
    source.cursor().close()  # takes the first copy, which starts the warm-up
    assert started.wait(10)
    source.close()  # must not raise "connection is busy", nor cut the warm-up short
    assert source.warming is not None and not source.warming.is_alive()
    assert outcome == {"rows": 200000000}
