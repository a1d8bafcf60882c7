"""The promise ledger: the watch subject's pledges followed to the deeds that keep or break them, and the
changes (new breaches, ledger steps, stance shifts) an analyst is alerted to.

    from diplowatch.ledger import ledger_for, changes_since
    entries = ledger_for(con, watch)             # list[LedgerEntry], each with its timeline of steps
    changes = changes_since(con, watch, "2022-03-01")
"""

from diplowatch.ledger.build import build_ledger
from diplowatch.ledger.changes import Change, changes_since
from diplowatch.ledger.read import ledger_for
from diplowatch.ledger.records import STATUSES, LedgerEntry, LedgerStep

__all__ = ["STATUSES", "Change", "LedgerEntry", "LedgerStep", "build_ledger", "changes_since", "ledger_for"]
