"""Bytes from the web and text from PDF files, for :mod:`counterclaim.ingest.readers`.

:func:`fetch` gets an ``http(s)://`` address with httpx (redirects followed, a size cap, a
timeout); :func:`pdf_text` joins the text of a PDF's pages (pypdf) and gives its title and
author. Both raise :class:`SourceError` with a one-line reason.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

TIMEOUT = 20.0  # seconds, per network operation
USER_AGENT = "counterclaim/0.1 (news attribution ledger)"


class SourceError(ValueError):
    """A page or PDF that cannot be read; the message is the reason."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched page: its bytes, content type (lower case, no parameters), declared
    encoding and the final URL after redirects."""

    body: bytes
    kind: str
    encoding: str | None
    url: str


def fetch(url: str, max_bytes: int) -> Fetched:
    """GET ``url``; an HTTP error status, a failed connection or a body over ``max_bytes``
    is a :class:`SourceError`."""
    import httpx

    headers = {"User-Agent": USER_AGENT}
    try:
        with (
            httpx.Client(follow_redirects=True, timeout=TIMEOUT, headers=headers) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise SourceError(f"HTTP {response.status_code} {response.reason_phrase}")
            data = bytearray()
            for part in response.iter_bytes():
                data += part
                if len(data) > max_bytes:
                    raise SourceError(f"page is larger than max_bytes={max_bytes}")
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            return Fetched(bytes(data), kind, response.charset_encoding, str(response.url))
    except httpx.HTTPError as err:
        raise SourceError(f"cannot fetch {url}: {type(err).__name__}: {err}") from None


def pdf_text(data: bytes) -> tuple[str, str | None, str | None]:
    """The text of a PDF's pages (a blank line between pages), its title and its author."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PdfStreamError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise SourceError("encrypted PDF")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        meta = reader.metadata
    except (PdfReadError, PdfStreamError, ValueError, KeyError) as err:
        if isinstance(err, SourceError):
            raise
        raise SourceError(f"unreadable PDF: {err}") from None
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise SourceError("PDF has no text layer (scanned pages need OCR first)")
    title = ((meta.title or "").strip() or None) if meta else None
    author = ((meta.author or "").strip() or None) if meta else None
    return text, title, author
