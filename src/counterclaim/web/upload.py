"""``POST /api/documents``: add one article, sent as plain text or as a JSON object.

The text is checked by :func:`counterclaim.ingest.readers.read_text` (empty, too large, binary,
not English, malformed wire header) and analysed by :func:`pipeline.analyze_documents`;
each problem becomes a 4xx answer with the reason, never a 500.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from counterclaim import pipeline
from counterclaim.ingest.readers import IngestError, read_text
from counterclaim.records import Analysis, Document
from counterclaim.store import ledger
from counterclaim.web import corpus
from counterclaim.web.deps import EngineDep, ErrorMessage, invalid
from counterclaim.web.schemas import IngestResult

if TYPE_CHECKING:
    from spacy.language import Language

router = APIRouter(tags=["documents"])

DEFAULT_MAX_BYTES = 1_000_000
type Analyzer = Callable[[Document], Analysis]


class DocumentIn(BaseModel):
    """An article sent as JSON: its text and what is known about it."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The article, optionally starting with a wire header.")
    publisher: str | None = Field(None, max_length=200)
    date: dt.date | None = None
    title: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=2000)


class PipelineAnalyzer:
    """The default analyzer: the configured English pipeline, loaded once on first use."""

    def __init__(self, model: str | None = None) -> None:
        self.model = model
        self._nlp: Language | None = None
        self._lock = threading.Lock()  # one analysis at a time: the pipeline is shared

    def __call__(self, doc: Document) -> Analysis:
        with self._lock:
            if self._nlp is None:
                self._nlp = pipeline.load_pipeline(self.model)
            return next(iter(pipeline.analyze_documents([doc], self._nlp)))


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"body is {declared} bytes, larger than the limit of {limit}")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise HTTPException(413, f"body is larger than the limit of {limit} bytes")
    return bytes(body)


def _payload(body: bytes, content_type: str) -> DocumentIn | str:
    """The JSON object, or the decoded text of a ``text/plain`` body."""
    if content_type == "application/json":
        try:
            data: Any = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            raise HTTPException(400, f"malformed JSON: {err}") from None
        if not isinstance(data, dict):
            raise invalid(("body",), f"expected a JSON object, got {type(data).__name__}")
        try:
            return DocumentIn.model_validate(data)
        except ValidationError as err:
            raise RequestValidationError(_located(err)) from None
    if content_type in ("text/plain", ""):
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError as err:
            raise HTTPException(400, f"body is not valid UTF-8 at byte {err.start}") from None
    raise HTTPException(415, f"send text/plain or application/json, not {content_type}")


def _located(err: ValidationError) -> list[dict[str, Any]]:
    """Pydantic's errors located in the body, as FastAPI reports them."""
    return [
        {"type": e["type"], "loc": ("body", *e["loc"]), "msg": e["msg"], "input": e.get("input")}
        for e in err.errors(include_url=False, include_context=False)
    ]


def _store(engine: Engine, doc: Document, analyze: Analyzer) -> str:
    """Analyse and save a new document; ``"unchanged"`` when its id is already stored."""
    with Session(engine) as session:
        if ledger.known_ids(session, [doc.id]):
            return "unchanged"
    analysis = analyze(doc)
    try:
        with Session(engine) as session, session.begin():
            status = ledger.save_analysis(session, analysis)
    except IntegrityError:  # stored meanwhile by a concurrent request
        return "unchanged"
    pipeline.link_entities(engine)  # cross-document entities, as pipeline.ingest does
    return status


_TEXT_SCHEMA = {"type": "string", "description": "The article (UTF-8)."}
_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": DocumentIn.model_json_schema()},
        "text/plain": {"schema": _TEXT_SCHEMA},
    },
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    200: {"model": IngestResult, "description": "Already stored (same text); left unchanged."},
    400: {"model": ErrorMessage, "description": "Malformed JSON or not UTF-8."},
    413: {"model": ErrorMessage, "description": "Larger than the size limit."},
    415: {"model": ErrorMessage, "description": "Neither text/plain nor application/json."},
    422: {"description": "Empty, not English, binary, malformed header or bad fields."},
    503: {"model": ErrorMessage, "description": "The language model cannot be loaded."},
}


@router.post(
    "/api/documents",
    status_code=201,
    response_model=IngestResult,
    responses=_ERRORS,
    openapi_extra={"requestBody": _BODY},
    summary="Add a document",
)
async def api_ingest(
    request: Request,
    response: Response,
    engine: EngineDep,
    publisher: Annotated[str | None, Query(max_length=200)] = None,
    date: Annotated[dt.date | None, Query(description="Used when the text has no header.")] = None,
    title: Annotated[str | None, Query(max_length=500)] = None,
) -> IngestResult:
    """Check, analyse and store one article; the same text twice is stored once.

    Send ``text/plain`` (metadata in the query string) or ``application/json``
    ``{"text": ..., "publisher": ..., "date": ..., "title": ..., "url": ...}``.
    """
    limit: int = request.app.state.max_bytes
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    payload = _payload(await _read_body(request, limit), content_type)
    if isinstance(payload, str):
        payload = DocumentIn(text=payload, publisher=publisher, date=date, title=title)
    try:
        doc = read_text(payload.text, origin="api", publisher=payload.publisher or publisher,
                        date=payload.date or date, title=payload.title or title,
                        url=payload.url, max_bytes=limit)  # fmt: skip
    except IngestError as err:
        raise invalid(("body", "text"), str(err)) from None
    try:
        status = await run_in_threadpool(_store, engine, doc, request.app.state.analyzer)
    except Exception as err:
        from counterclaim.language import ModelNotFound

        if isinstance(err, ModelNotFound):
            raise HTTPException(503, str(err)) from None
        raise
    if status == "unchanged":
        response.status_code = 200
    count = len(pipeline.attributions(engine, doc=doc.id))
    return IngestResult(status, corpus.summary(doc, count), f"/documents/{doc.id}",  # type: ignore[arg-type]
                        f"/api/documents/{doc.id}")  # fmt: skip
