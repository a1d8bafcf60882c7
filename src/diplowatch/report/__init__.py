"""See the data: the one-file HTML report, and the read-only queries the dashboard shares with it."""

from diplowatch.report.html import render_report, write_report
from diplowatch.report.view import gather

__all__ = ["gather", "render_report", "write_report"]
