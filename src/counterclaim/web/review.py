"""Analyst review over HTTP: corrections (writes), the audit trail and the review queue.

``POST /api/review/{kind}`` stores one correction (:func:`counterclaim.pipeline.review.correct`)
for a writer (:data:`~counterclaim.web.security.WriterDep`: a reviewer's Basic credentials
with the CSRF header, or the shared token); the reviewer recorded is the writer's name.
``/review/log`` and ``/review/queue`` are the pages, ``/api/review/log`` and
``/api/review/queue`` their JSON twins. ``/login`` asks the browser for a reviewer's
credentials, so the page's review controls can write.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from counterclaim.pipeline import review
from counterclaim.web.deps import EngineDep, ErrorMessage, PageDep, invalid, render
from counterclaim.web.jsonbody import parse_json, read_body
from counterclaim.web.security import WriteAccess, WriterDep

router = APIRouter(tags=["review"])

Kind = Literal["attribution", "claim", "entity", "dispute"]
MAX_BODY = 4_000


class CorrectionIn(BaseModel):
    """One correction: the target (``DOC:N``, an entity name, a dispute key, or a stable key),
    the field, its new value (none for ``confirm``/``reject``) and why."""

    model_config = ConfigDict(extra="forbid")

    target: str = Field(min_length=1, max_length=300)
    field: str = Field(min_length=1, max_length=32)
    value: str | int | bool | list[str] | None = None
    reason: str | None = Field(default=None, max_length=1000)


class CorrectionOut(BaseModel):
    """A stored correction, as the log lists it."""

    id: int
    kind: str
    key: str
    ref: str | None
    field: str
    old: Any = None
    new: Any = None
    reviewer: str
    at: str
    reason: str | None
    status: str
    label: str | None


class ReviewLog(BaseModel):
    """The audit trail, newest first."""

    items: list[CorrectionOut]
    limit: int
    offset: int


class ReviewStatus(BaseModel):
    """How the corrections stand: applied and orphaned (their target is gone), by kind,
    with the newest orphaned ones."""

    applied: int
    orphaned: int
    by_kind: dict[str, dict[str, int]]
    orphans: list[CorrectionOut]


class QueueItem(BaseModel):
    """A statement nobody has reviewed yet."""

    doc_id: str
    attribution: int
    ref: str
    confidence: float
    speaker: str | None
    kind: str
    stance: str
    content: str
    method: str


class ReviewQueue(BaseModel):
    """Statements to review, lowest confidence first."""

    items: list[QueueItem]
    limit: int
    offset: int


_BODY = {
    "required": True,
    "content": {"application/json": {"schema": CorrectionIn.model_json_schema()}},
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorMessage, "description": "Malformed JSON."},
    401: {"model": ErrorMessage, "description": "No valid credentials."},
    403: {
        "model": ErrorMessage,
        "description": "Read-only server, cross-site write, no CSRF header.",
    },
    404: {"model": ErrorMessage, "description": "No such statement, claim, entity or dispute."},
    409: {"model": ErrorMessage, "description": "A document id prefix matches several."},
    413: {"model": ErrorMessage, "description": "Body too large."},
    415: {"model": ErrorMessage, "description": "Not application/json."},
    422: {"description": "An unknown field or a value it cannot take."},
    429: {"model": ErrorMessage, "description": "Too many writes from this client."},
    503: {"model": ErrorMessage, "description": "The ledger is busy; nothing stored."},
}


@router.post(
    "/api/review/{kind}",
    status_code=201,
    response_model=CorrectionOut,
    responses=_ERRORS,
    openapi_extra={"requestBody": _BODY},
    summary="Correct a statement, claim, entity or dispute",
)
async def api_correct(kind: Kind, request: Request, engine: EngineDep, writer: WriterDep
                      ) -> CorrectionOut:  # fmt: skip
    """Store one correction by the signed-in reviewer (or the token holder) and apply it.

    Fields: attribution ``stance``, ``kind``, ``speaker``, ``responds_to``, ``cue`` and
    ``content`` (``START-END`` offsets into the article, checked against it), ``chain``
    (names nearest first, a list or joined with ``;``), ``confirm``; claim ``reject``,
    ``figure``, ``type``, ``polarity``, ``date``, ``arg.<role>`` (an entity of the article
    by name or key, a class, or ``none``), ``confirm``; entity ``name``, ``type``,
    ``side``, ``place`` (a gazetteer name), ``merge``, ``split``, ``confirm``; dispute
    ``confirm``, ``reject``.
    """
    body = parse_json(await read_body(request, MAX_BODY), CorrectionIn)
    try:
        done = await run_in_threadpool(
            review.correct, engine, kind, body.target, body.field, body.value,
            reviewer=writer.name, reason=body.reason,
        )  # fmt: skip
    except review.ReviewError as err:
        raise invalid(("body", "value"), str(err)) from None
    except review.TargetNotFound as err:
        raise HTTPException(404, str(err)) from None
    return CorrectionOut(**done.record())


Limit = Annotated[int, Query(ge=1, le=500, description="Items per page.")]


def review_log(engine: Any, limit: int, offset: int, reviewer: str | None,
               status: str | None) -> ReviewLog:  # fmt: skip
    found = review.review_log(engine, limit=limit, offset=offset, reviewer=reviewer,
                              status=status)  # fmt: skip
    return ReviewLog(items=[CorrectionOut(**c.record()) for c in found], limit=limit, offset=offset)


@router.get("/api/review/log", response_model=ReviewLog, summary="The review log")
def api_review_log(
    engine: EngineDep,
    page: PageDep,
    reviewer: Annotated[
        str | None, Query(max_length=200, description="Only this reviewer's.")
    ] = None,
    status: Annotated[
        Literal["applied", "orphaned"] | None, Query(description="applied or orphaned.")
    ] = None,
) -> ReviewLog:
    """Every correction with its reviewer, time, old and new value and reason, newest first."""
    return review_log(engine, page.limit, page.offset, reviewer, status)


@router.get("/api/review/status", response_model=ReviewStatus, summary="Applied and orphaned")
def api_review_status(
    engine: EngineDep,
    limit: Annotated[int, Query(ge=1, le=500, description="Orphaned corrections listed.")] = 50,
) -> ReviewStatus:
    """How many corrections apply and how many are orphaned (an article deleted, a dispute
    whose claims changed after an ingest or a relink): those are kept and listed here, and
    apply again if their target comes back."""
    found = review.review_status(engine, limit=limit)
    return ReviewStatus(**{**found, "orphans": [CorrectionOut(**c.record())
                                                for c in found["orphans"]]})  # fmt: skip


@router.get("/api/review/queue", response_model=ReviewQueue, summary="The review queue")
def api_review_queue(engine: EngineDep, page: PageDep) -> ReviewQueue:
    """Statements nobody has reviewed yet, lowest confidence first."""
    items = review.review_queue(engine, limit=page.limit, offset=page.offset)
    return ReviewQueue(items=[QueueItem(**i) for i in items], limit=page.limit, offset=page.offset)


@router.get("/review/log", response_class=HTMLResponse, include_in_schema=False)
@router.get("/review", response_class=HTMLResponse, include_in_schema=False)
def review_log_page(request: Request, engine: EngineDep, page: PageDep,
                    reviewer: Annotated[str | None, Query(max_length=200)] = None,
                    status: Literal["applied", "orphaned"] | None = None) -> HTMLResponse:  # fmt: skip
    view = review_log(engine, page.limit, page.offset, reviewer, status)
    orphaned = review.review_status(engine, limit=1)["orphaned"]
    return render(request, "review_log.html", view, reviewer=reviewer or "",
                  status=status or "", orphaned=orphaned)  # fmt: skip


@router.get("/review/queue", response_class=HTMLResponse, include_in_schema=False)
def review_queue_page(request: Request, engine: EngineDep, page: PageDep) -> HTMLResponse:
    view = api_review_queue(engine, page)
    return render(request, "review_queue.html", view, can_review=can_review(request))


@router.get("/login", include_in_schema=False)
def login(request: Request, next: str = "/review/queue") -> Response:
    """Ask the browser for a reviewer's name and password (HTTP Basic), then go on."""
    access: WriteAccess = request.app.state.write_access
    if not access.reviewers:
        raise HTTPException(
            403, "this server has no reviewers: start it with COUNTERCLAIM_REVIEWERS"
        )
    writer = access.authenticate(request.headers.get("authorization"))
    if writer is None or writer.method != "reviewer":
        raise HTTPException(401, "sign in as a reviewer",
                            {"WWW-Authenticate": 'Basic realm="counterclaim", charset="UTF-8"'})  # fmt: skip
    target = next if next.startswith("/") and not next.startswith("//") else "/review/queue"
    return RedirectResponse(target, status_code=303)


def can_review(request: Request) -> bool:
    """Whether this server takes corrections (the controls are shown, the writes checked)."""
    access: WriteAccess = request.app.state.write_access
    return access.enabled
