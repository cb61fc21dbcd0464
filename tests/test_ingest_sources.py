"""Ingest from http(s) URLs (a local server on 127.0.0.1), PDF files, and the metadata kept
from JSON Lines and HTML (byline, section, keywords)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from counterclaim.ingest.readers import read_paths
from counterclaim.records import Document, Skipped

SENTENCES = (
    "The army said on Monday that the bridge over the river had been destroyed by the rebels.",
    "A spokesman for the rebels told reporters that the army had blown up the bridge itself.",
    "Residents said the town was now cut off from the capital for the first time in the war.",
)
BODY = " ".join(SENTENCES)

PAGE = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Bridge destroyed | Example Wire</title>
<meta name="author" content="Jane Roe">
<meta name="keywords" content="bridge, river war">
<meta property="article:section" content="World">
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2024-05-06T08:00:00Z"></head>
<body><article><h1>Bridge destroyed</h1>
<p>{SENTENCES[0]} {SENTENCES[1]}</p><p>{SENTENCES[2]}</p></article></body></html>
"""


def pdf_bytes(lines: list[str], title: str = "Bridge report", author: str = "Jane Roe") -> bytes:
    """A minimal one-page PDF with a text layer (Helvetica), built by hand."""
    stream = (
        "BT /F1 10 Tf 40 800 Td 12 TL "
        + " ".join(
            "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
            for line in lines
        )
        + " ET"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Title ({title}) /Author ({author}) >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()  # fmt: skip
    return bytes(out)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    """A folder served over HTTP on 127.0.0.1; yields the base URL."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "story.html").write_text(PAGE, encoding="utf-8")
    (root / "story.txt").write_text(BODY, encoding="utf-8")
    (root / "report.pdf").write_bytes(pdf_bytes(list(SENTENCES)))
    (root / "data.bin").write_bytes(b"\x00\x01" * 50)
    handler = partial(SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None  # type: ignore[method-assign]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_url_html_page_with_metadata(site: str) -> None:
    [doc] = list(read_paths([f"{site}/story.html"]))
    assert isinstance(doc, Document), doc
    assert doc.url == f"{site}/story.html" and doc.origin == f"{site}/story.html"
    assert "bridge over the river" in doc.text and "<p>" not in doc.text
    assert doc.title and "Bridge destroyed" in doc.title
    assert doc.author == "Jane Roe"
    assert doc.section == "World"
    assert doc.keywords == ("bridge", "river war")
    assert doc.publisher == "Example Wire"
    assert str(doc.date) == "2024-05-06"


def test_url_plain_text_pdf_and_errors(site: str) -> None:
    text, pdf, missing, binary = read_paths(
        [f"{site}/story.txt", f"{site}/report.pdf", f"{site}/nope.html", f"{site}/data.bin"]
    )
    assert isinstance(text, Document) and text.text == BODY and text.url == f"{site}/story.txt"
    assert isinstance(pdf, Document) and "blown up the bridge itself" in pdf.text
    assert pdf.title == "Bridge report" and pdf.author == "Jane Roe"
    assert isinstance(missing, Skipped) and "HTTP 404" in missing.reason
    assert isinstance(binary, Skipped) and "unsupported content type" in binary.reason


def test_unreachable_url_is_skipped_with_reason() -> None:
    [out] = list(read_paths(["http://127.0.0.1:9/story.html"]))
    assert isinstance(out, Skipped) and "cannot fetch" in out.reason


def test_pdf_file_named_or_in_a_folder(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_bytes(list(SENTENCES)))
    [doc] = list(read_paths([path]))
    assert isinstance(doc, Document)
    assert [line.strip() for line in doc.text.splitlines()] == list(SENTENCES)
    assert doc.author == "Jane Roe" and doc.origin == str(path)
    # a folder is read for articles only: a PDF there is named in the skips
    [skipped] = list(read_paths([tmp_path]))
    assert isinstance(skipped, Skipped) and "(.pdf)" in skipped.reason


def test_pdf_without_text_or_broken(tmp_path: Path) -> None:
    empty = tmp_path / "scan.pdf"
    empty.write_bytes(pdf_bytes([]))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nthis is not a pdf at all\n")
    a, b = read_paths([empty, broken])
    assert isinstance(a, Skipped) and "no text layer" in a.reason
    assert isinstance(b, Skipped)


def test_jsonl_metadata_fields(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [
        {"text": BODY, "title": "Bridge", "url": "https://example.org/a", "author": "Jane Roe",
         "section": "World", "keywords": ["bridge", "river"]},
        {"text": BODY + " More.", "byline": "By John Doe", "category": "Africa",
         "tags": "war; bridge"},
        {"text": BODY + " Again.", "authors": ["A. One", "B. Two"]},
        {"text": BODY + " Bad.", "keywords": 3},
    ]  # fmt: skip
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    a, b, c, bad = read_paths([feed])
    assert (a.author, a.section, a.keywords) == ("Jane Roe", "World", ("bridge", "river"))
    assert (b.author, b.section, b.keywords) == ("By John Doe", "Africa", ("war", "bridge"))
    assert c.author == "A. One, B. Two" and c.keywords == ()
    assert isinstance(bad, Skipped) and "'keywords' field is a int" in bad.reason
