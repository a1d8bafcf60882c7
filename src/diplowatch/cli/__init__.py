"""The `diplowatch` command: a thin layer that parses flags, calls the API and renders with rich.

Each area registers its commands from its own module below; errors a user can hit print as one line.
"""

from __future__ import annotations

import sys

import click

from diplowatch import __version__
from diplowatch.errors import DiplowatchError


class _Main(click.Group):
    """Turns DiplowatchError (and Ctrl-C) into one line on stderr and a non-zero exit."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DiplowatchError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        except OSError as exc:  # a file we were told to write or read: one line naming it
            where = exc.filename or "input/output"
            click.echo(f"error: {where}: {(exc.strerror or str(exc)).lower()}", err=True)
            sys.exit(1)
        except Exception as exc:
            if not type(exc).__module__.startswith(("duckdb", "_duckdb")):
                raise
            from diplowatch.cli.options import DB_META_KEY
            from diplowatch.store.connection import resolve_db_path

            db = resolve_db_path(ctx.meta.get(DB_META_KEY))
            lines = str(exc).strip().splitlines() or [type(exc).__name__]
            click.echo(f"error: {db}: database error ({lines[0][:200]})", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted: what was committed is kept; run the command again to finish", err=True)
            sys.exit(130)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="diplowatch")
def main() -> None:
    """diplowatch: who did what to whom, and is a government meeting the conditions set for it?"""


def _register() -> None:
    # Imported here so that `import diplowatch.cli` stays cheap and each area owns its commands.
    from diplowatch.cli import (
        code_cmds,
        dict_cmds,
        follow_cmds,
        ingest_cmds,
        ledger_cmds,
        report_cmds,
        review_cmds,
        watch_cmds,
    )

    modules = (
        ingest_cmds,
        code_cmds,
        watch_cmds,
        ledger_cmds,
        follow_cmds,
        report_cmds,
        dict_cmds,
        review_cmds,
    )
    for module in modules:
        module.register(main)


_register()
