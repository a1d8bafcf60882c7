"""The dashboard's review form: an analyst marks an evidence row, a stance or an event right or wrong.

The rest of the dashboard is read-only; this is its one write, guarded three ways:
- who: a dashboard started with a token already demands it on every request; without one, a review is
  accepted only from a loopback client that addressed the server by a loopback name (a page on another
  site cannot reach in through DNS rebinding);
- from where: the form carries a token derived from a per-process secret, which a page of another origin
  cannot read, and a request whose Origin is another site or whose Sec-Fetch-Site says cross-site is
  refused before the token is even looked at;
- what: the review goes through the same checks as `diplowatch review` (Diplowatch.review).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import parse_qs, urlencode, urlsplit

import duckdb
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from diplowatch import __version__
from diplowatch.app import Diplowatch
from diplowatch.core.reviews import KINDS
from diplowatch.core.vocabulary import STANCES
from diplowatch.errors import DiplowatchError
from diplowatch.store.reviews import event_subjects, machine_row
from diplowatch.web.deps import NotFound, database, templates

router = APIRouter(include_in_schema=False)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(database)]
LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}
CSRF_FIELD = "csrf"


class Refused(DiplowatchError):
    """A review the dashboard will not write (cross-site, not loopback, bad token): 403."""


class BadReview(DiplowatchError):
    """A review whose values do not hold (the message says which): 400."""


def register(app: FastAPI, message_page: Callable[[Request, int, str, str], Response]) -> None:
    """Add the review routes and their error pages to the dashboard."""

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused):
        return message_page(request, 403, "Review refused", str(exc))

    @app.exception_handler(BadReview)
    async def bad_review(request: Request, exc: BadReview):
        return message_page(request, 400, "Review not stored", str(exc))

    app.include_router(router)


def _secret(request: Request) -> bytes:
    state = request.app.state
    if getattr(state, "review_secret", None) is None:
        state.review_secret = secrets.token_bytes(32)
    return state.review_secret


def csrf_token(request: Request) -> str:
    return hmac.new(_secret(request), b"diplowatch-review-form", hashlib.sha256).hexdigest()


def _host_name(value: str) -> str:
    """The host of a Host header or URL netloc, without port or IPv6 brackets."""
    host = value.rsplit("@", 1)[-1]
    if host.startswith("["):
        return host[1 : host.find("]")]
    return host.split(":", 1)[0].lower()


def check_write_allowed(request: Request, supplied: str | None) -> None:
    """Raise Refused unless this request may write a review (see the module's docstring)."""
    origin = request.headers.get("origin")
    host = request.headers.get("host", "")
    if origin is not None and (origin == "null" or urlsplit(origin).netloc.lower() != host.lower()):
        raise Refused("review refused: the form was sent from another site")
    if request.headers.get("sec-fetch-site") == "cross-site":
        raise Refused("review refused: the form was sent from another site")
    if not supplied or not hmac.compare_digest(supplied, csrf_token(request)):
        raise Refused("review refused: the form has expired or did not come from this dashboard; reload it")
    if request.app.state.token:
        return  # the token middleware has already checked this request
    client = request.client.host if request.client else ""
    if client not in LOOPBACK_HOSTS or _host_name(host) not in LOOPBACK_HOSTS:
        raise Refused(
            "review refused: without a token, reviews are written only from this machine (http://127.0.0.1)"
        )


def _choices(kind: str) -> list[tuple[str, str]]:
    if kind == "evidence":
        return [("1", "+1 meets"), ("-1", "−1 breaches"), ("0", "0 words only"), ("none", "not evidence")]
    if kind == "stance":
        return [(s, s) for s in STANCES] + [("none", "no stance")]
    return [("none", "no such event")]


@router.get("/review", response_class=HTMLResponse)
def review_form(
    request: Request, con: Con, kind: str, doc: str, i: int, subject: str, watch: str | None = None
):
    """The form for one row: the sentence, the machine's value, right or wrong, the correct value, why."""
    if kind not in KINDS:
        raise NotFound(f"kind={kind}: expected one of {', '.join(KINDS)}")
    machine, sentence, date = machine_row(con, kind, watch, doc, i, subject)
    if sentence is None:
        raise NotFound(f"no sentence {i} in article {doc!r} in this database")
    context: dict[str, Any] = {
        "kind": kind, "doc": doc, "i": i, "subject": subject, "watch": watch or "", "machine": machine,
        "sentence": sentence, "date": date, "choices": _choices(kind), "csrf": csrf_token(request),
        "subjects": event_subjects(con, doc, i) if kind == "event" else [],
    }  # fmt: skip
    html = templates().get_template("review.html.j2").render(version=__version__, **context)
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})


MAX_FORM_BYTES = 64 * 1024  # a review is a few short fields


async def _form(request: Request) -> dict[str, str]:
    """The urlencoded form, read here (no multipart parser needed for a form of short text fields)."""
    if "application/x-www-form-urlencoded" not in request.headers.get("content-type", ""):
        raise BadReview("send the review form as application/x-www-form-urlencoded")
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise BadReview(f"the form is larger than {MAX_FORM_BYTES // 1024} KB")
    try:
        pairs = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
    except (UnicodeDecodeError, ValueError):
        raise BadReview("the form is not readable text") from None
    return {key: values[-1] for key, values in pairs.items()}


@router.post("/review", response_class=HTMLResponse)
async def review_submit(request: Request) -> Response:
    form = await _form(request)
    check_write_allowed(request, form.get(CSRF_FIELD))
    missing = [name for name in ("kind", "doc", "i", "subject", "verdict") if not form.get(name)]
    if missing:
        raise BadReview(f"the form lacks {', '.join(missing)}")
    try:
        index = int(form["i"])
    except ValueError:
        raise BadReview(f"i={form['i']!r}: expected a sentence number") from None
    correct = form.get("correct") or None
    if form["kind"] == "event" and (form.get("correct_event") or "").strip():
        correct = form["correct_event"].strip()
    verdict = form["verdict"]
    app = Diplowatch(request.app.state.db)
    try:
        await run_in_threadpool(
            app.review, form["kind"], verdict, doc_id=form["doc"], sentence_index=index,
            subject=form["subject"], watch=form.get("watch") or None,
            correct=None if verdict == "right" else correct, reason=(form.get("reason") or "").strip() or None,
            reviewer=(form.get("reviewer") or "").strip() or "dashboard",
        )  # fmt: skip
    except DiplowatchError as exc:
        if "in use by another" in str(exc):
            raise
        raise BadReview(str(exc)) from None
    request.app.state.source.changed()  # the next page reads the review, not the copy taken before it
    back = "/sentence?" + urlencode({"doc": form["doc"], "i": index, "reviewed": form["kind"]})
    return RedirectResponse(back, status_code=303)


@router.get("/reviews", response_class=HTMLResponse)
def review_list(con: Con) -> HTMLResponse:
    """Every review stored, newest first (a key's latest review is the one in force)."""
    from diplowatch.store.reviews import has_reviews_table, reviews_relation

    rows: list[dict[str, Any]] = []
    if has_reviews_table(con):
        rel = reviews_relation(con)
        rows = [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]
    html = templates().get_template("reviews.html.j2").render(version=__version__, rows=rows)
    return HTMLResponse(html)
