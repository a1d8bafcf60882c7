"""The dashboard's FastAPI application: read-only views and a JSON API over one DuckDB file, and one
guarded write, the analyst's review form (web/reviews.py).

It reads a snapshot of the file held open (web.source), so a writer (`ingest`, `code`, a watch run) is
never locked out and the pages keep answering while it runs. Responses are gzipped. Nothing is fetched
from a CDN: styles, the script and the API docs' Swagger UI are served from installed packages.
"""

from __future__ import annotations

import hmac
import logging
import os
import threading
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from urllib.parse import quote, unquote

import duckdb
from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from diplowatch import __version__
from diplowatch.errors import DiplowatchError
from diplowatch.report.data import UnknownWatch
from diplowatch.report.filters import BadFilter
from diplowatch.report.html import asset
from diplowatch.store.connection import resolve_db_path
from diplowatch.web import api, ledger, misdated, pages, reviews, scorecards
from diplowatch.web.deps import NotFound, templates
from diplowatch.web.source import DataSource, NotReady, Snapshot

log = logging.getLogger(__name__)

TOKEN_COOKIE = "diplowatch_token"


def swagger_ui_dir() -> Path | None:
    """Swagger UI's files from the `swagger-ui-bundle` package, or None when it is not installed."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        return None
    return Path(swagger_ui_path)


# Sent with every response: no inline script may run (the pages have none), nothing is framed, and
# neither the content type nor the URL (which may carry ?token=) leaks elsewhere.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    # same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with a form POST,
    # and the review form's cross-site check (web/reviews.py) must see its own origin.
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def _supplied_token(request: Request) -> tuple[bytes | None, bool]:
    """The token the request carries, as bytes (headers arrive as latin-1 text: their bytes are the
    UTF-8 the client sent), and whether it came in the query string."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip().encode("latin-1", "replace"), False
    if "token" in request.query_params:
        return request.query_params["token"].encode("utf-8", "replace"), True
    cookie = request.cookies.get(TOKEN_COOKIE)
    return (unquote(cookie).encode("utf-8", "replace") if cookie else None), False


def check_token(token: str | None) -> None:
    """A blank token would let anyone in who sends a blank one: refuse it before serving."""
    if token is not None and not token.strip():
        raise DiplowatchError("DIPLOWATCH_TOKEN is blank: set it to a secret (or unset it on loopback)")


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def message_page(
    request: Request, status: int, title: str, text: str, headers: dict[str, str] | None = None
) -> Response:
    if _is_api(request):
        return JSONResponse({"detail": text}, status_code=status, headers=headers)
    html = templates().get_template("message.html.j2").render(title=title, text=text, version=__version__)
    return HTMLResponse(html, status_code=status, headers=headers)


def _take_first_copy(source: DataSource) -> None:
    try:
        source.cursor().close()
    except DiplowatchError:
        pass  # no database yet, or a writer holds it: the first request says so


def _warm(snapshot: Snapshot) -> None:
    """What a new copy's first pages ask for: the scorecards, then the misdated events' ids. Each is only a
    head start: if it fails, the request that needs it builds it again and reports the failure."""
    for what, warm in (("the scorecards", scorecards.warm), ("the misdated events", misdated.warm)):
        try:
            con = snapshot.con.cursor()
        except duckdb.Error:
            return  # the copy was closed (the server is stopping)
        try:
            warm(con, snapshot.memo)
        except Exception:
            log.debug("warming %s failed", what, exc_info=True)
        finally:
            con.close()


def create_app(db: str | os.PathLike | None, token: str | None = None) -> FastAPI:
    """The dashboard and API over `db`. With a token, every request must carry it
    (Authorization: Bearer TOKEN, or ?token=TOKEN, which also sets a cookie for the pages' links)."""
    source = DataSource(resolve_db_path(db), on_new_copy=_warm)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # The first copy (and its scorecards) is made while the server starts, not on the first request.
        threading.Thread(target=_take_first_copy, args=(source,), daemon=True).start()
        yield
        source.close()

    app = FastAPI(
        lifespan=lifespan,
        title="diplowatch API",
        version=__version__,
        description="Read-only access to articles, events, watch evidence, stances and scorecards. "
        "Lists take `limit` and `offset` and return the `total` count of matching rows.",
        docs_url=None,
        redoc_url=None,
    )
    # Swagger UI 4 (the packaged one) reads OpenAPI 3.0 documents; ours uses nothing 3.1-only.
    app.openapi_version = "3.0.3"
    check_token(token)
    app.state.db = resolve_db_path(db)
    app.state.source = source
    app.state.token = token
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    expected = token.encode("utf-8") if token else b""

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.middleware("http")
    async def require_token(request: Request, call_next):
        if not token:
            return await call_next(request)
        supplied, from_query = _supplied_token(request)
        # Constant time, on bytes: a non-ASCII token compares like any other.
        if not supplied or not hmac.compare_digest(supplied, expected):
            text = "a token is required: send 'Authorization: Bearer TOKEN' or add ?token=TOKEN"
            if _is_api(request):
                return JSONResponse({"detail": text}, status_code=401, headers={"WWW-Authenticate": "Bearer"})
            return PlainTextResponse(text, status_code=401, headers={"WWW-Authenticate": "Bearer"})
        response = await call_next(request)
        if from_query:
            response.set_cookie(TOKEN_COOKIE, quote(token, safe=""), httponly=True, samesite="strict")
        return response

    @app.exception_handler(UnknownWatch)
    async def unknown_watch(request: Request, exc: UnknownWatch):
        return message_page(request, 404, "Unknown watch", str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        if _is_api(request):
            return await request_validation_exception_handler(request, exc)
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return message_page(request, 400, "Bad request", problems)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound):
        return message_page(request, 404, "Not found", str(exc))

    @app.exception_handler(BadFilter)
    async def bad_filter(request: Request, exc: BadFilter):
        return message_page(request, 400, "Bad filter", str(exc))

    @app.exception_handler(NotReady)
    async def not_ready(request: Request, exc: NotReady):
        # Only before the first copy exists: later, writers never stop the pages.
        return message_page(request, 503, "Updating", str(exc), headers={"Retry-After": "5"})

    @app.exception_handler(DiplowatchError)
    async def unavailable(request: Request, exc: DiplowatchError):
        return message_page(request, 503, "Database unavailable", str(exc), headers={"Retry-After": "5"})

    @app.exception_handler(duckdb.ConversionException)
    @app.exception_handler(duckdb.OutOfRangeException)
    @app.exception_handler(duckdb.InvalidInputException)
    async def bad_value(request: Request, exc: duckdb.Error):
        # A value the query could not use (an overflow, a malformed date): the request's fault, a 4xx.
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return message_page(
            request, 400, "Bad request", f"a parameter the database cannot use ({first[:160]})"
        )

    @app.exception_handler(duckdb.Error)
    async def database_error(request: Request, exc: duckdb.Error):
        # The server's log has the details; the reader gets no paths or internals.
        return message_page(request, 500, "Database error", "the database could not answer this request")

    _static_routes(app)
    app.include_router(api.router)
    app.include_router(ledger.router)
    app.include_router(pages.router)
    reviews.register(app, message_page)  # the one write: reviews, guarded (web/reviews.py)
    return app


def _static_routes(app: FastAPI) -> None:
    week = {"Cache-Control": "public, max-age=604800"}

    @app.get("/static/diplowatch.css", include_in_schema=False)
    def css() -> Response:
        return Response(asset("diplowatch.css"), media_type="text/css", headers=week)

    @app.get("/static/diplowatch.js", include_in_schema=False)
    def js() -> Response:
        return Response(asset("diplowatch.js"), media_type="text/javascript", headers=week)

    @app.get("/static/docs-init.js", include_in_schema=False)
    def docs_init() -> Response:
        text = (resources.files("diplowatch.web") / "static" / "docs-init.js").read_text(encoding="utf-8")
        return Response(text, media_type="text/javascript", headers=week)

    folder = swagger_ui_dir()
    if folder is not None:
        app.mount("/static/swagger", StaticFiles(directory=folder), name="swagger")

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request) -> HTMLResponse:
        routes = [
            {
                "path": r.path,
                "methods": sorted((r.methods or set()) - {"HEAD"}),
                "summary": r.summary or r.name,
            }
            for r in app.routes
            if isinstance(r, APIRoute) and r.include_in_schema and r.path.startswith("/api/")
        ]
        html = (
            templates()
            .get_template("docs.html.j2")
            .render(swagger=folder is not None, routes=routes, title=app.title, version=__version__)
        )
        return HTMLResponse(html)
