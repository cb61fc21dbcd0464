"""What the routers share: the engine, paging, date ranges, errors and rendering a page.

Every route names what it needs through these ``Annotated`` aliases (``EngineDep``,
``PageDep``, ``DatesDep``), so the checks live here once, not in every route.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import parse_qsl, urlencode

from fastapi import Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from sqlalchemy import Engine
from starlette.types import ASGIApp, Receive, Scope, Send

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000


@dataclass(frozen=True, slots=True)
class ErrorMessage:
    """An error the client can act on, in words."""

    detail: str


def get_engine(request: Request) -> Engine:
    """The ledger engine that :func:`counterclaim.web.create_app` put on ``app.state``."""
    return request.app.state.engine


EngineDep = Annotated[Engine, Depends(get_engine)]

NOT_FOUND = {404: {"model": ErrorMessage, "description": "No such document or entity."}}
AMBIGUOUS = {409: {"model": ErrorMessage, "description": "A document id prefix matches several."}}


@dataclass(frozen=True, slots=True)
class Paging:
    """A page of results: at most ``limit`` items after skipping ``offset``."""

    limit: int = DEFAULT_LIMIT
    offset: int = 0

    def take[T](self, items: Sequence[T]) -> list[T]:
        """The items of this page."""
        return list(items[self.offset : self.offset + self.limit])


def get_paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
) -> Paging:
    """Paging from the ``limit`` and ``offset`` query parameters."""
    return Paging(limit, offset)


PageDep = Annotated[Paging, Depends(get_paging)]
ReviewState = Literal["machine", "reviewed", "corrected"]  # an item's review state


@dataclass(frozen=True, slots=True)
class DateRange:
    """An inclusive range of days; either end may be open."""

    start: dt.date | None = None
    end: dt.date | None = None

    def __bool__(self) -> bool:
        return self.start is not None or self.end is not None

    def contains(self, value: dt.date | str | None) -> bool:
        """Whether a day, or an ISO date of any precision ("2021", "2021-09", "2021-09-03"),
        overlaps the range. An unknown date lies outside any bounded range."""
        if not self:
            return True
        if value is None:
            return False
        iso = value.isoformat() if isinstance(value, dt.date) else str(value)[:10]
        if self.start is not None and iso < self.start.isoformat()[: len(iso)]:
            return False
        return self.end is None or iso <= self.end.isoformat()[: len(iso)]


def invalid(where: tuple[str, ...], message: str, value: object = None) -> RequestValidationError:
    """A 422 in FastAPI's own shape (``{"detail": [{"loc", "msg", "type"}]}``), so every
    422 the API returns matches the documented ``HTTPValidationError`` schema."""
    error = {"type": "value_error", "loc": where, "msg": message, "input": value}
    return RequestValidationError([error])


def get_dates(
    date_from: Annotated[
        dt.date | None, Query(description="Earliest day (YYYY-MM-DD), inclusive.")
    ] = None,
    date_to: Annotated[
        dt.date | None, Query(description="Latest day (YYYY-MM-DD), inclusive.")
    ] = None,
) -> DateRange:
    """A date range from ``date_from``/``date_to``; 422 when it is reversed."""
    if date_from is not None and date_to is not None and date_from > date_to:
        message = f"date_from {date_from} is after date_to {date_to}"
        raise invalid(("query", "date_to"), message, date_to.isoformat())
    return DateRange(date_from, date_to)


DatesDep = Annotated[DateRange, Depends(get_dates)]


def json_twin(request: Request) -> str:
    """The API URL serving the same data as this page: ``/api`` + path + query."""
    path = request.url.path.rstrip("/") or "/documents"
    query = request.url.query
    return f"/api{path}" + (f"?{query}" if query else "")


def render(request: Request, template: str, view: Any, **context: Any) -> HTMLResponse:
    """Render ``template`` with ``view`` (the object the JSON twin returns) and a link to it."""
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request, template, {"view": view, "json_url": json_twin(request), **context}
    )


class DropEmptyParams:
    """ASGI middleware: on pages, drop query parameters left empty (``?kind=&q=``).

    A form sends every field, filled or not; the API itself stays strict.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        query = scope.get("query_string", b"") if scope["type"] == "http" else b""
        if query and not scope["path"].startswith("/api/"):
            pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
            kept = urlencode([(k, v) for k, v in pairs if v.strip()])
            scope = {**scope, "query_string": kept.encode("latin-1")}
        await self.app(scope, receive, send)


def clean(value: str | None) -> str | None:
    """A query parameter stripped of surrounding space; ``None`` when nothing is left."""
    if value is None:
        return None
    value = value.strip()
    return value or None
