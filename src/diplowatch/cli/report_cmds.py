"""`diplowatch report` (one self-contained HTML file) and `diplowatch serve` (the live dashboard)."""

from __future__ import annotations

import ipaddress

import click

from diplowatch.cli.options import db_option
from diplowatch.core.vocabulary import DEFAULT_WATCH
from diplowatch.errors import DiplowatchError
from diplowatch.settings import setting


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("report")
@click.argument("watch", required=False, default=DEFAULT_WATCH)
@click.option("--out", "-o", type=click.Path(dir_okay=False), default="report.html", show_default=True,
              help="The HTML file to write.")  # fmt: skip
@db_option
@click.option("--by", type=click.Choice(["month", "quarter", "year"]), default=None,
              help="Scorecard periods (default: what fits the range; quarters when it spans over two years).")  # fmt: skip
@click.option("--dyad", "dyads", multiple=True, metavar="A-B",
              help="Also chart the events between two actors, e.g. USA-AFG (repeatable).")  # fmt: skip
def report_cmd(watch: str, out: str, db: str, by: str | None, dyads: tuple[str, ...]) -> None:
    """Write one self-contained HTML report for WATCH (default: afghanistan-recognition)."""
    from diplowatch.report import write_report

    made = write_report(db, out, watch, by=by, dyads=list(dyads))
    size = made["bytes"] / 1_000_000
    if made["empty"]:
        click.echo(
            f"{made['path']}: the database holds no articles yet; wrote a page saying so ({size:.1f} MB)"
        )
        return
    note = "" if made["has_evidence"] else f"; no evidence yet for {watch} (events only)"
    left = f", {made['left_out']:,} left out" if made["left_out"] else ""
    click.echo(f"{made['path']}: {size:.1f} MB, {made['evidence']:,} evidence rows{left}{note}")


@click.command("serve")
@db_option
@click.option("--port", type=click.IntRange(1, 65535), default=8050, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any non-loopback address needs DIPLOWATCH_TOKEN.")  # fmt: skip
def serve_cmd(db: str, port: int, host: str) -> None:
    """Serve the dashboard and the JSON API (read-only but for the guarded review form) on http://HOST:PORT/."""
    token = setting("token")
    if token is not None and not str(token).strip():
        raise DiplowatchError("DIPLOWATCH_TOKEN is blank: set it to a secret (or unset it on loopback)")
    if not is_loopback(host) and not token:
        raise DiplowatchError(
            f"--host {host} is reachable from other machines: set DIPLOWATCH_TOKEN to a secret first"
        )
    from diplowatch.store.connection import resolve_db_path

    if not resolve_db_path(db).exists():
        raise DiplowatchError(
            f"{resolve_db_path(db)}: no such database (run `diplowatch run ...` first, or pass --db)"
        )
    import uvicorn

    from diplowatch.web.app import create_app

    app = create_app(db, token=token)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"diplowatch dashboard on http://{shown}:{port}/ (API docs at /docs); Ctrl-C stops it")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(main: click.Group) -> None:
    """Add this module's commands to the main group."""
    main.add_command(report_cmd)
    main.add_command(serve_cmd)
