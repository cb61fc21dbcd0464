"""``POST /api/documents``: add one article, sent as a JSON object by an authenticated writer.

Only writers named by :mod:`counterclaim.web.security` may post, as ``application/json``.
The JSON is parsed strictly (no ``NaN``/``Infinity``, no overflowing numbers, bounded
nesting), fields with NUL or unpaired surrogates are refused, the text is checked by
:func:`counterclaim.ingest.readers.read_text` (empty, too few words, too large, binary,
not English, malformed wire header) and analysed by :func:`pipeline.analyze_documents`;
each problem is a 4xx answer with the reason, never a 500. A write the ledger cannot take
now (locked by another writer) is a 503 with ``Retry-After`` and stores nothing; a 201 or
200 is only sent once the document is committed.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from counterclaim import pipeline
from counterclaim.ingest.readers import IngestError, clean_field, read_text
from counterclaim.records import Analysis, Document
from counterclaim.store import DatabaseBusy, ledger
from counterclaim.store.engine import is_busy, retrying
from counterclaim.web import corpus
from counterclaim.web.deps import EngineDep, ErrorMessage, invalid
from counterclaim.web.jsonbody import parse_json, read_body
from counterclaim.web.schemas import IngestResult
from counterclaim.web.security import WriterDep, charge_bytes

if TYPE_CHECKING:
    from spacy.language import Language

router = APIRouter(tags=["documents"])

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 200_000  # a long wire story is 20 KB; analysis time grows with size
MAX_PENDING = 4  # writes waiting for the analyzer before more get 503
type Analyzer = Callable[[Document], Analysis]


class DocumentIn(BaseModel):
    """An article sent as JSON: its text and what is known about it."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The article, optionally starting with a wire header.")
    publisher: str | None = Field(None, max_length=200)
    date: dt.date | None = None
    title: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=2000, description="An http(s) link to the original.")

    @field_validator("text", "publisher", "title", "url")
    @classmethod
    def _clean(cls, value: str | None) -> str | None:
        return None if value is None else clean_field(value)

    @field_validator("url")
    @classmethod
    def _web_link(cls, value: str | None) -> str | None:
        if value is not None and not value.lower().startswith(("http://", "https://")):
            raise ValueError("url must be an http:// or https:// link")
        return value


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


def _store(engine: Engine, doc: Document, analyze: Analyzer) -> tuple[str, int]:
    """Analyse and save a new document: its status and number of attributions.

    The save is one transaction, retried while another writer holds the ledger
    (:class:`DatabaseBusy` after that: nothing stored). Linking across documents comes
    after the commit: if it cannot run now, the next write links this document too, so the
    answer is never a failure for a document that was stored.
    """
    with Session(engine) as session:
        if ledger.known_ids(session, [doc.id]):
            return "unchanged", len(list(ledger.iter_attributions(session, doc=doc.id)))
    analysis = analyze(doc)

    def save() -> str:
        with Session(engine) as session, session.begin():
            return ledger.save_analysis(session, analysis)

    try:
        status = retrying(save)
    except IntegrityError:  # stored meanwhile by a concurrent request
        status = "unchanged"
    if status == "added":
        try:
            pipeline.link_entities(engine)  # cross-document entities, as pipeline.ingest does
        except (OperationalError, DatabaseBusy) as err:
            if not isinstance(err, DatabaseBusy) and not is_busy(err):
                raise
            log.warning("document %s stored; linking left to the next write: %s", doc.id, err)
    return status, len(analysis.attributions)


class Pending:
    """Writes waiting for or in analysis; more than :data:`MAX_PENDING` get 503."""

    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()

    def enter(self) -> bool:
        with self.lock:
            if self.count >= MAX_PENDING:
                return False
            self.count += 1
            return True

    def leave(self) -> None:
        with self.lock:
            self.count -= 1


_BODY = {
    "required": True,
    "content": {"application/json": {"schema": DocumentIn.model_json_schema()}},
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    200: {"model": IngestResult, "description": "Already stored (same text); left unchanged."},
    400: {"model": ErrorMessage, "description": "Malformed JSON or not UTF-8."},
    401: {"model": ErrorMessage, "description": "No valid credentials."},
    403: {"model": ErrorMessage, "description": "Read-only server, or a cross-site write."},
    413: {"model": ErrorMessage, "description": "Larger than the size limit."},
    415: {"model": ErrorMessage, "description": "Not application/json."},
    422: {"description": "Empty, too short, not English, binary, bad header or fields."},
    429: {"model": ErrorMessage, "description": "Too many writes from this client."},
    503: {
        "model": ErrorMessage,
        "description": "The ledger is busy or the model cannot be loaded; nothing stored.",
    },
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
    request: Request, response: Response, engine: EngineDep, writer: WriterDep
) -> IngestResult:
    """Check, analyse and store one article; the same text twice is stored once.

    Send ``application/json`` ``{"text": ..., "publisher": ..., "date": ..., "title": ...,
    "url": ...}`` with ``Authorization: Bearer <token>`` (or a reviewer's Basic
    credentials and the ``X-Counterclaim-CSRF`` header).
    """
    limit: int = request.app.state.max_bytes
    body = await read_body(request, limit)
    charge_bytes(request, len(body))
    payload = parse_json(body, DocumentIn)
    try:
        doc = read_text(payload.text, origin=f"api:{writer.name}",
                        publisher=payload.publisher, date=payload.date,
                        title=payload.title, url=payload.url, max_bytes=limit)  # fmt: skip
    except IngestError as err:
        raise invalid(("body", "text"), str(err)) from None
    pending: Pending = request.app.state.pending
    if not pending.enter():
        raise HTTPException(503, "too many documents waiting for analysis; try again",
                            headers={"Retry-After": "10"})  # fmt: skip
    try:
        status, count = await run_in_threadpool(_store, engine, doc, request.app.state.analyzer)
    except Exception as err:
        from counterclaim.language import ModelNotFound

        if isinstance(err, ModelNotFound):
            raise HTTPException(503, str(err)) from None
        raise
    finally:
        pending.leave()
    if status == "unchanged":
        response.status_code = 200
    return IngestResult(status, corpus.summary(doc, count), f"/documents/{doc.id}",  # type: ignore[arg-type]
                        f"/api/documents/{doc.id}")  # fmt: skip
