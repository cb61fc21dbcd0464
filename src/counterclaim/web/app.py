"""The analyst's web app: ``create_app(engine)`` builds it over a ledger.

Each resource has one router module serving a page and its JSON twin from one view
function (as in Datasette): ``/documents/{id}`` and ``/api/documents/{id}`` return the same
data. The OpenAPI description of the JSON routes is at ``/openapi.json``; ``/docs`` (Swagger
UI) and ``/redoc`` (ReDoc) show it from a package's bundled assets (:mod:`.apidocs`).
:mod:`counterclaim.web.security` guards every request
(Host allow-list, rate, security headers) and every write (credentials, CSRF, JSON only).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException

import counterclaim
from counterclaim.store import AmbiguousDocument, DatabaseBusy, DocumentNotFound
from counterclaim.store.engine import DatabaseUnavailable, diagnose, is_busy
from counterclaim.store.queries import EntityNotFound
from counterclaim.web import (
    apidocs,
    attributions,
    claims,
    documents,
    entities,
    events,
    review,
    search,
    upload,
)
from counterclaim.web.deps import DropEmptyParams, ErrorMessage, json_twin
from counterclaim.web.highlight import side_class
from counterclaim.web.security import (
    GUARD_RESPONSES,
    LOOPBACK_HOSTS,
    Guard,
    Limits,
    RateLimiter,
    WriteAccess,
)
from counterclaim.web.upload import DEFAULT_MAX_BYTES, Analyzer, PipelineAnalyzer

log = logging.getLogger(__name__)
RETRY_AFTER = 5  # seconds a client is told to wait when the ledger is busy

HERE = Path(__file__).parent
ROUTERS = (documents, upload, attributions, claims, events, entities, search, review)
NAV_LINKS = (
    ("/documents", "Articles"),
    ("/attributions", "Statements"),
    ("/disputes", "Disputes"),
    ("/events", "Events"),
    ("/claims", "Claims"),
    ("/timeline", "Timeline"),
    ("/fatalities", "Fatalities"),
    ("/map", "Map"),
    ("/entities", "Entities"),
    ("/review", "Review"),
)


def chain(names: list[str]) -> list[str]:
    """Names of a chain with a name repeated next to itself shown once (TASS ← TASS)."""
    out: list[str] = []
    for name in names:
        if name and (not out or out[-1].casefold() != name.casefold()):
            out.append(name)
    return out


def link_url(url: str | None) -> str | None:
    """The URL if it may be a link (``http``/``https`` with a host); else ``None``, so a
    ``javascript:`` or ``data:`` URL is only ever shown as text."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(("html", "svg", "xml"), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(side_class=side_class, nav_links=NAV_LINKS)
    env.filters["chain"] = chain
    env.filters["link_url"] = link_url
    return Jinja2Templates(env=env)


def create_app(
    engine: Engine,
    *,
    analyzer: Analyzer | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    write_access: WriteAccess | None = None,
    allowed_hosts: Iterable[str] = LOOPBACK_HOSTS,
    limits: Limits | None = None,
) -> FastAPI:
    """The web app over a ledger.

    Args:
        engine: The ledger, from :func:`counterclaim.store.make_engine`; kept on
            ``app.state.engine``.
        analyzer: Turns a new document into its analysis for ``POST /api/documents``; by
            default the configured English pipeline, loaded on first use.
        max_bytes: Largest accepted upload.
        write_access: Who may write; by default nobody (the server is read-only). See
            :meth:`WriteAccess.from_env`.
        allowed_hosts: ``Host`` names served (``*.example.org`` for subdomains); other
            names get 400, which stops DNS rebinding. Loopback names by default.
        limits: Requests and bytes per client and minute.
    """
    limits = limits or Limits()
    app = FastAPI(
        title="counterclaim",
        version=counterclaim.__version__,
        summary="Who claims what, through whom, and where sources disagree.",
        docs_url=None,  # the default pages load a CDN's scripts inline: see apidocs
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
        responses={
            code: {"model": ErrorMessage, **answer} for code, answer in GUARD_RESPONSES.items()
        },
    )
    app.state.engine = engine
    app.state.analyzer = analyzer or PipelineAnalyzer()
    app.state.max_bytes = max_bytes
    app.state.pending = upload.Pending()
    app.state.write_access = write_access or WriteAccess()
    app.state.write_limiter = RateLimiter(limits.writes_per_minute)
    app.state.write_bytes_limiter = RateLimiter(limits.write_bytes_per_minute)
    app.state.templates = _templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in ROUTERS:
        app.include_router(module.router)
    apidocs.add_api_docs(app)
    app.add_middleware(DropEmptyParams)
    app.add_middleware(
        Guard, allowed_hosts=allowed_hosts, limiter=RateLimiter(limits.reads_per_minute)
    )
    _add_error_pages(app)
    return app


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/api/", "/openapi", "/docs", "/static/"))


def _error(request: Request, status: int, detail: object) -> Response:
    if not _wants_html(request):
        return JSONResponse({"detail": detail}, status_code=status)
    message = detail if isinstance(detail, str) else "The request could not be understood."
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "message": message, "json_url": json_twin(request), "view": None},
        status_code=status,
    )


def _add_error_pages(app: FastAPI) -> None:
    """Errors as JSON under ``/api``, as a page elsewhere; unknown documents are 404."""

    @app.exception_handler(DocumentNotFound)
    async def not_found(request: Request, err: DocumentNotFound) -> Response:
        return _error(request, 404, str(err))

    @app.exception_handler(EntityNotFound)
    async def no_entity(request: Request, err: EntityNotFound) -> Response:
        return _error(request, 404, str(err))

    @app.exception_handler(AmbiguousDocument)
    async def ambiguous(request: Request, err: AmbiguousDocument) -> Response:
        return _error(request, 409, str(err))

    @app.exception_handler(DatabaseBusy)
    async def busy(request: Request, err: DatabaseBusy) -> Response:
        return _busy(request, str(err))

    @app.exception_handler(DBAPIError)
    async def database(request: Request, err: DBAPIError) -> Response:
        if is_busy(err):
            return _busy(request, "the ledger is busy with another writer")
        if (problem := diagnose(request.app.state.engine, err)) is None:
            raise err
        return _damaged(request, problem)

    @app.exception_handler(DatabaseUnavailable)
    async def unavailable(request: Request, err: DatabaseUnavailable) -> Response:
        return _damaged(request, str(err))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, err: HTTPException) -> Response:
        response = _error(request, err.status_code, err.detail)
        if err.headers:
            response.headers.update(err.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError) -> Response:
        if not _wants_html(request):
            return await request_validation_exception_handler(request, err)
        first = err.errors()[0] if err.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return _error(request, 422, f"{where}: {first.get('msg', 'invalid value')}")

    del (
        not_found,
        no_entity,
        ambiguous,
        busy,
        database,
        unavailable,
        http_error,
        invalid,
    )  # registered


def _damaged(request: Request, problem: str) -> Response:
    """503 naming what is wrong with the ledger and what to do. The answer says "the
    ledger"; the server's log also names its file (a visitor need not learn the path)."""
    url = request.app.state.engine.url.render_as_string(hide_password=True)
    log.error("%s %s: %s [%s]", request.method, request.url.path, problem, url)
    detail = problem.replace(f"the ledger {url}", "the ledger")
    return _error(request, 503, f"{detail} (for the server's operator: see its log)")


def _busy(request: Request, detail: str) -> Response:
    """503 with ``Retry-After``: nothing was stored, the client may send it again."""
    log.warning("%s %s: %s", request.method, request.url.path, detail)
    response = _error(request, 503, f"{detail}; nothing was stored, try again")
    response.headers["Retry-After"] = str(RETRY_AFTER)
    return response
