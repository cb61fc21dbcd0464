"""Turn files and strings into :class:`~counterclaim.records.Document` records.

Plain text (``.txt``), JSON Lines (``.jsonl``, ``.ndjson``), HTML (``.html``, ``.htm``, main
text via trafilatura), PDF (``.pdf``, text via pypdf) and ``http(s)://`` URLs (fetched with
httpx, read by their content type) are read. A folder gives only its article files
(:data:`ARTICLE_SUFFIXES`); its other files are listed as skipped. A file named explicitly is
read whatever its suffix (as plain text unless it is JSONL, HTML or PDF), but for known
non-article formats (:data:`UNSUPPORTED_SUFFIXES`). Files must be UTF-8 (a UTF-8 BOM is
dropped); other encodings are rejected, never guessed. Newlines are normalized the way
``open(path, encoding="utf-8").read()`` does, so offsets into ``Document.text`` match a file
read that way. Every bad file or record becomes a :class:`~counterclaim.records.Skipped` with
a one-line reason; :func:`read_paths` never raises.

A text may start with a wire header, ``date 2021-09-03 CAIRO, September 3. /TASS/.``, whose
date, dateline place and agency go into the document. Precedence for date and publisher:
header, then the record's own fields (JSONL), then the ``publisher``/``date`` options, then
HTML metadata guessed by trafilatura.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import hashlib
import itertools
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counterclaim.lexicon import Words
from counterclaim.records import Document, Skipped, Span

DEFAULT_MAX_BYTES = 5_000_000
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
PDF_SUFFIXES = frozenset({".pdf"})
#: What a folder is read for; other files there are skipped (name one to read it).
ARTICLE_SUFFIXES = frozenset({".txt", *JSONL_SUFFIXES, *HTML_SUFFIXES})
#: Known non-article formats: skipped rather than read as plain text.
UNSUPPORTED_SUFFIXES = frozenset(
    {
        ".json",
        ".csv",
        ".tsv",
        ".xml",
        ".yaml",
        ".yml",
        ".doc",
        ".docx",
        ".zip",
        ".gz",
        ".py",
        ".pyc",
        ".js",
        ".ts",
        ".css",
        ".sh",
        ".toml",
        ".ini",
        ".cfg",
        ".db",
        ".sqlite",
    }
)

#: Word tokens needed before the language check is applied (and in extracted HTML text).
MIN_WORDS_FOR_LANGUAGE = 25
#: Words (two letters or more) a text needs to be a document at all.
MIN_WORDS = 5
#: Characters that change nothing a reader sees: dropped before a text is hashed or counted.
INVISIBLE = dict.fromkeys(
    map(ord, "\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff")
)
#: Minimum share of English function words among word tokens.
MIN_ENGLISH_SHARE = 0.10
#: Maximum share of control characters (other than whitespace) in a text file.
MAX_CONTROL_SHARE = 0.05

_FUNCTION_WORDS = Words("english_function_words")
_DATE_FIELDS = ("date", "published", "published_at", "publish_date", "pubDate")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_HEADER_START = re.compile(r"\s*date(?=\s|$)")
_DATE_TOKEN = re.compile(r"[ \t]+(\S+)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATELINE = re.compile(
    rf"[ \t]+(?P<place>[^\W\d_][^,\n/]{{0,59}}?),[ \t]+{_MONTH}\.?[ \t]+\d{{1,2}}\b\.?"
)
_AGENCY = re.compile(r"[ \t]*/(?P<agency>[^\W\d_][^/\n]{0,39}?)/\.?")
_PLACE_CONNECTORS = Words("place_connectors")


class IngestError(ValueError):
    """An input that cannot become a :class:`Document`; the message is the reason."""


@dataclass(frozen=True, slots=True)
class Header:
    """A parsed wire header.

    Attributes:
        date: The date after ``date``.
        dateline: The dateline place (``CAIRO``) as a span of the text, if present.
        publisher: The agency between slashes (``TASS``), if present.
        span: The whole header, from the start of the text.
        body_start: Where the body begins (after the header and following whitespace).
    """

    date: dt.date
    dateline: Span | None
    publisher: str | None
    span: Span
    body_start: int


# ----------------------------------------------------------------------------- text level


def normalized(text: str) -> str:
    """The text as compared: NFC, invisible characters (zero-width space, joiners, soft
    hyphen, BOM) dropped, whitespace runs collapsed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).translate(INVISIBLE)).strip()


def clean_field(value: str) -> str:
    """A metadata or text field fit for the database: NUL and unpaired surrogates refused.

    Raises:
        ValueError: The value holds a NUL character or an unpaired surrogate.
    """
    if "\x00" in value:
        raise ValueError(f"NUL character at position {value.index(chr(0))}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        raise ValueError(f"unpaired surrogate at position {err.start}") from None
    return value


def document_id(text: str) -> str:
    """Stable id of a text: SHA-256 of its :func:`normalized` form, so the same article
    with zero-width characters or another Unicode composition gets the same id.

    Args:
        text: The document text.

    Returns:
        The first 16 hex characters of the digest.
    """
    return hashlib.sha256(normalized(text).encode("utf-8")).hexdigest()[:16]


def parse_header(text: str) -> Header | None:
    """Parse the ``date YYYY-MM-DD [PLACE, Month D.] [/AGENCY/.]`` header at the start.

    Args:
        text: The document text; leading whitespace before ``date`` is allowed.

    Returns:
        The header, or ``None`` when the text does not start with lower-case ``date``.

    Raises:
        IngestError: ``date`` is not followed by a valid ``YYYY-MM-DD`` date.
    """
    start = _HEADER_START.match(text)
    if start is None:
        return None
    token = _DATE_TOKEN.match(text, start.end())
    if token is None:
        raise IngestError("malformed header: 'date' is not followed by a YYYY-MM-DD date")
    value = token.group(1)
    if not _ISO_DATE.fullmatch(value):
        raise IngestError(f"malformed header: expected 'date YYYY-MM-DD', got 'date {value[:30]}'")
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise IngestError(f"malformed header: {value} is not a valid date") from None
    end = token.end()
    dateline = None
    if (m := _DATELINE.match(text, end)) and _looks_like_place(m.group("place")):
        dateline = Span.of(text, m.start("place"), m.end("place"))
        end = m.end()
    publisher = None
    if m := _AGENCY.match(text, end):
        publisher = m.group("agency").strip()
        end = m.end()
    body_start = end + (len(text[end:]) - len(text[end:].lstrip()))
    return Header(date, dateline, publisher, Span.of(text, 0, end), body_start)


def read_text(
    text: str,
    *,
    origin: str | None = None,
    publisher: str | None = None,
    date: dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    author: str | None = None,
    section: str | None = None,
    keywords: Iterable[str] = (),
) -> Document:
    """Build a :class:`Document` from decoded text, checking it and parsing its header.

    Args:
        text: The article text, kept exactly as given.
        origin: Where it came from (path, ``path:line``).
        publisher: Publisher to use when the header names none.
        date: Date to use when there is no header.
        title: Headline, if known.
        url: Source URL, if known.
        author, section, keywords: Byline, the publication's section and its tags.
        max_bytes: Largest accepted size of the text in UTF-8.

    Returns:
        The document.

    Raises:
        IngestError: Empty, binary-looking, too large, too few words, not English, a
            malformed header, or a NUL or unpaired surrogate in a metadata field.
    """
    if not isinstance(text, str):
        raise IngestError(f"text must be a string, not {type(text).__name__}")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as e:
        raise IngestError(f"text has an unpaired surrogate at character {e.start}") from None
    if size > max_bytes:
        raise IngestError(f"text is {size} bytes, larger than max_bytes={max_bytes}")
    if not normalized(text):
        raise IngestError("empty or whitespace-only text")
    _check_not_binary(text)
    for name, value in (("publisher", publisher), ("title", title), ("url", url)):
        try:
            if value is not None:
                clean_field(value)
        except ValueError as err:
            raise IngestError(f"{name}: {err}") from None
    header = parse_header(text)
    body_start = header.body_start if header else 0
    if body_start >= len(text):
        raise IngestError("no text after the header")
    _check_words(text[body_start:])
    _check_english(text[body_start:])
    return Document(
        id=document_id(text),
        text=text,
        body_start=body_start,
        date=header.date if header else date,
        publisher=(header.publisher if header and header.publisher else None)
        or publisher
        or site_name(url),
        dateline=header.dateline if header else None,
        header=header.span if header else None,
        title=title,
        url=url,
        origin=origin,
        author=author,
        section=section,
        keywords=clean_keywords(keywords),
    )


def clean_keywords(values: Iterable[str] | str | None) -> tuple[str, ...]:
    """Tags as a tuple of distinct stripped strings; a string is split at commas and semicolons."""
    if not values:
        return ()
    if isinstance(values, str):
        values = [values]
    parts = (p.strip() for v in values if isinstance(v, str) for p in re.split(r"[,;]", v))
    return tuple(dict.fromkeys(p for p in parts if p))


def _looks_like_place(place: str) -> bool:
    words = place.split()
    return 0 < len(words) <= 6 and all(w[0].isupper() or w in _PLACE_CONNECTORS for w in words)


def _check_not_binary(text: str) -> None:
    if "\x00" in text:
        raise IngestError("binary content (contains NUL characters)")
    controls = sum(1 for c in text if _is_control(c))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise IngestError(f"binary content ({controls} of {len(text)} characters are controls)")


def _is_control(char: str) -> bool:
    return char not in "\t\n\r\f\v" and unicodedata.category(char) in ("Cc", "Co", "Cn")


def _check_words(body: str) -> None:
    words = [w for w in _WORD.findall(body.translate(INVISIBLE)) if len(w) > 1]
    if len(words) < MIN_WORDS:
        raise IngestError(f"too few words: {len(words)} (a document needs {MIN_WORDS} or more)")


def _check_english(body: str) -> None:
    words = [w.lower() for w in _WORD.findall(body)]
    other = sum(1 for w in words if not (w.isascii() or _is_latin(w)))
    if len(words) >= 5 and other > 0.5 * len(words):
        raise IngestError(f"not English: {other} of {len(words)} words are not in Latin script")
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return
    share = sum(1 for w in words if w.replace("’", "'") in _FUNCTION_WORDS) / len(words)
    if share < MIN_ENGLISH_SHARE:
        raise IngestError(
            f"not English: only {share:.0%} of {len(words)} words are common English function words"
        )


def _is_latin(word: str) -> bool:
    return all("LATIN" in unicodedata.name(c, "") for c in word if c.isalpha())


# ----------------------------------------------------------------------------- file level


def read_paths(
    paths: Iterable[str | Path] | str | Path,
    *,
    publisher: str | None = None,
    date: dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | Skipped]:
    """Read files and folders (recursively, sorted, hidden files skipped) into documents.

    Args:
        paths: Files and folders; a single path is accepted too.
        publisher: Publisher for documents that name none themselves.
        date: Date for documents that carry none themselves.
        max_bytes: Largest accepted file (for JSONL: record line) size.

    Yields:
        A :class:`Document` per text, or a :class:`Skipped` per bad file or record.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for path in _expand(paths):
        if isinstance(path, Skipped):
            yield path
            continue
        origin = str(path)
        try:
            if isinstance(path, str):
                yield read_url(path, publisher=publisher, date=date, max_bytes=max_bytes)
                continue
            yield from _read_file(path, publisher=publisher, date=date, max_bytes=max_bytes)
        except IngestError as e:
            yield Skipped(origin, str(e))
        except OSError as e:
            yield Skipped(origin, f"cannot read file: {e.strerror or e}")
        except Exception as e:
            yield Skipped(origin, f"unexpected error: {type(e).__name__}: {e}")


def is_url(value: str | Path) -> bool:
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | str | Skipped]:
    """Files named, URLs as strings, a folder's article files; its other files, and a
    folder (or path) that cannot be read, as :class:`Skipped` with the reason."""
    for raw in paths:
        if is_url(raw):
            yield str(raw)
            continue
        path = Path(raw)
        try:
            is_dir = path.is_dir()
        except OSError as e:
            yield Skipped(str(path), f"cannot read: {e.strerror or e}")
            continue
        if not is_dir:
            yield path
            continue
        found, unreadable = _walk(path)
        yield from unreadable
        for file in sorted(found):
            if file.suffix.lower() in ARTICLE_SUFFIXES:
                yield file
            else:
                kind = file.suffix.lower() or "no suffix"
                yield Skipped(
                    str(file), f"not an article file ({kind}) in a folder; name it to read it"
                )


def _walk(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """The visible files under ``folder``, and the folders that could not be listed."""
    found: list[Path] = []
    unreadable: list[Skipped] = []

    def note(err: OSError) -> None:
        where = err.filename or folder
        unreadable.append(Skipped(str(where), f"cannot read folder: {err.strerror or err}"))

    for root, dirs, files in os.walk(folder, onerror=note):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root, f) for f in files if not f.startswith("."))
    return found, unreadable


def _read_file(
    path: Path, *, publisher: str | None, date: dt.date | None, max_bytes: int
) -> Iterator[Document | Skipped]:
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise IngestError("not a regular file")
    if info.st_size == 0:
        raise IngestError("empty file")
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED_SUFFIXES:
        raise IngestError(f"unsupported file type {suffix!r}")
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, publisher=publisher, date=date, max_bytes=max_bytes)
        return
    if info.st_size > max_bytes:
        raise IngestError(f"file is {info.st_size} bytes, larger than max_bytes={max_bytes}")
    if suffix in PDF_SUFFIXES:
        yield read_pdf(path.read_bytes(), str(path), publisher=publisher, date=date,
                       max_bytes=max_bytes)  # fmt: skip
        return
    text = _decode(path.read_bytes())
    if suffix in HTML_SUFFIXES:
        yield html_document(text, str(path), publisher=publisher, date=date, max_bytes=max_bytes)
    else:
        doc = read_text(text, origin=str(path), publisher=publisher, date=date, max_bytes=max_bytes)
        yield _with_title_guess(doc)


def _decode(data: bytes, offset: int = 0) -> str:
    """Decode UTF-8 (BOM dropped) with universal newlines; ``offset`` shifts error positions."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise IngestError("UTF-16 encoded (byte-order mark); only UTF-8 is accepted")
    if b"\x00" in data:
        raise IngestError(f"binary file (NUL byte at byte offset {offset + data.index(b'\x00')})")
    if data.startswith(codecs.BOM_UTF8):
        data, offset = data[len(codecs.BOM_UTF8) :], offset + len(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        where = f"byte 0x{data[e.start]:02x} at byte offset {offset + e.start}"
        raise IngestError(f"not valid UTF-8: {where}") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _with_title_guess(doc: Document) -> Document:
    """Plain articles put the headline on their first line; keep it as the title."""
    first, sep, rest = doc.body.partition("\n")
    first = first.strip()
    if not sep or not rest.strip() or not first or len(first) > 150 or len(first.split()) > 25:
        return doc
    return dataclasses.replace(doc, title=first)


# ----------------------------------------------------------------------------- JSON Lines


def _read_jsonl(
    path: Path, *, publisher: str | None, date: dt.date | None, max_bytes: int
) -> Iterator[Document | Skipped]:
    with path.open("rb") as f:
        if b"\x00" in f.read(8192):
            raise IngestError("binary file (contains NUL bytes)")
        f.seek(0)
        for lineno in itertools.count(1):
            start = f.tell()
            if not (raw := f.readline(max_bytes + 1)):
                return
            origin = f"{path}:{lineno}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                while (more := f.readline(1 << 20)) and not more.endswith(b"\n"):
                    pass  # discard the rest of the over-long line
                yield Skipped(origin, f"record line is larger than max_bytes={max_bytes}")
                continue
            if not raw.strip():
                continue
            try:
                line = _decode(raw, start)
                yield _jsonl_document(
                    line, origin, publisher=publisher, date=date, max_bytes=max_bytes
                )
            except IngestError as e:
                yield Skipped(origin, str(e))


def _jsonl_document(
    line: str, origin: str, *, publisher: str | None, date: dt.date | None, max_bytes: int
) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise IngestError(f"not valid JSON: {e.msg} at column {e.colno}") from None
    if not isinstance(record, dict):
        raise IngestError(f"JSON record is a {type(record).__name__}, not an object")
    text = record.get("text")
    if text is None:
        raise IngestError("JSON record has no 'text' field")
    if not isinstance(text, str):
        raise IngestError(f"'text' field is a {type(text).__name__}, not a string")
    return read_text(
        text,
        origin=origin,
        publisher=_str_field(record, "publisher") or publisher,
        date=_record_date(record) or date,
        title=_str_field(record, "title"),
        url=_str_field(record, "url"),
        max_bytes=max_bytes,
        author=_author(record),
        section=_str_field(record, "section") or _str_field(record, "category"),
        keywords=_keywords(record),
    )


def _author(record: dict[str, Any]) -> str | None:
    """``author``/``byline`` as a string, or ``authors`` as a list of names joined."""
    for name in ("author", "byline"):
        if value := _str_field(record, name):
            return value
    authors = record.get("authors")
    if isinstance(authors, list):
        return ", ".join(a.strip() for a in authors if isinstance(a, str) and a.strip()) or None
    return _str_field(record, "authors")


def _keywords(record: dict[str, Any]) -> tuple[str, ...]:
    for name in ("keywords", "tags"):
        value = record.get(name)
        if isinstance(value, (str, list)):
            return clean_keywords(value)
        if value is not None:
            raise IngestError(f"'{name}' field is a {type(value).__name__}, not a list or string")
    return ()


def _str_field(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise IngestError(f"'{name}' field is a {type(value).__name__}, not a string")
    return value.strip() or None


def _record_date(record: dict[str, Any]) -> dt.date | None:
    for name in _DATE_FIELDS:
        value = _str_field(record, name)
        if value is not None:
            return _parse_date(value, name)
    return None


def _parse_date(value: str, name: str) -> dt.date:
    try:
        if _ISO_DATE.fullmatch(value):
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        raise IngestError(f"'{name}' field is not an ISO date: {value[:40]!r}") from None


# ----------------------------------------------------------------------------- HTML


def html_document(
    html: str,
    origin: str,
    *,
    publisher: str | None,
    date: dt.date | None,
    max_bytes: int,
    url: str | None = None,
) -> Document:
    """The main text of an HTML page with its title, byline, date, site, section and tags."""
    import trafilatura  # slow to import; only needed for HTML

    try:
        meta = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as e:
        raise IngestError(f"HTML extraction failed: {type(e).__name__}: {e}") from None
    words = len(_WORD.findall(meta.text or "")) if meta is not None else 0
    if words < MIN_WORDS_FOR_LANGUAGE:  # trafilatura falls back to nav/footer text on empty pages
        raise IngestError(f"no main text found in HTML ({words} words extracted)")
    meta_date = None
    if meta.date:
        try:
            meta_date = dt.date.fromisoformat(meta.date[:10])
        except ValueError:
            meta_date = None  # trafilatura's date is a guess; an unreadable one is not an error
    return read_text(
        meta.text,
        origin=origin,
        publisher=publisher or meta.sitename or None,
        date=date or meta_date,
        title=meta.title or None,
        url=url or meta.url or None,
        max_bytes=max_bytes,
        author=meta.author or None,
        section=", ".join(meta.categories or ()) or None,
        keywords=meta.tags or (),
    )


# ----------------------------------------------------------------------------- URL and PDF


def read_url(
    url: str,
    *,
    publisher: str | None = None,
    date: dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Fetch ``url`` and read it by its content type: HTML, PDF or plain text."""
    from counterclaim.ingest.remote import SourceError, fetch

    try:
        page = fetch(url, max_bytes)
    except SourceError as err:
        raise IngestError(str(err)) from None
    if page.kind == "application/pdf" or page.body.startswith(b"%PDF-"):
        doc = read_pdf(page.body, url, publisher=publisher, date=date, max_bytes=max_bytes)
        return dataclasses.replace(doc, url=page.url)
    if page.kind and not page.kind.startswith("text/") and "html" not in page.kind:
        raise IngestError(f"unsupported content type {page.kind!r}")
    encoding = page.encoding or "utf-8"
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        text = _decode(page.body)
    else:
        try:
            text = page.body.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
        except (UnicodeDecodeError, LookupError):
            raise IngestError(f"page is not valid {encoding}") from None
    if "html" in page.kind or text.lstrip()[:1] == "<":
        return html_document(
            text, url, publisher=publisher, date=date, max_bytes=max_bytes, url=page.url
        )
    return read_text(text, origin=url, publisher=publisher, date=date, url=page.url,
                     max_bytes=max_bytes)  # fmt: skip


def read_pdf(
    data: bytes,
    origin: str,
    *,
    publisher: str | None = None,
    date: dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """A PDF's text (pages joined by a blank line) with its title and author."""
    from counterclaim.ingest.remote import SourceError, pdf_text

    try:
        text, title, author = pdf_text(data)
    except SourceError as err:
        raise IngestError(str(err)) from None
    return read_text(text, origin=origin, publisher=publisher, date=date, title=title,
                     author=author, max_bytes=max_bytes)  # fmt: skip


def site_name(url: str | None) -> str | None:
    """The publisher a URL names when nothing else does: the outlet its domain belongs to in
    the media table (``www.reuters.com/...`` -> Reuters), else its host without ``www.``."""
    if not url:
        return None
    from urllib.parse import urlsplit

    from counterclaim.ingest.media import outlet_of_domain

    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https"):
        return None
    host = parts.hostname or ""
    return outlet_of_domain(host) or host.removeprefix("www.") or None
