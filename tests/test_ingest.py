"""Tests for counterclaim.ingest.readers: real files under tmp_path, no mocks."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from counterclaim.ingest.readers import (
    IngestError,
    document_id,
    parse_header,
    read_paths,
    read_text,
)
from counterclaim.records import Document, Skipped

EXAMPLE = Path(__file__).resolve().parent / "fixtures" / "wire" / "khorpress-2025-03-28-ostona.txt"

BODY = (
    "Rebel commanders said on Monday they had taken control of the town after two days of "
    'fighting, a claim the army denied. "We are in full control," a spokesman for the group '
    "told reporters by telephone. The defence ministry said its troops were still holding the "
    "main square and that the reports were false."
)
FRENCH = (
    "Le ministre des Affaires étrangères a déclaré lundi que les négociations avec les rebelles "
    "se poursuivraient malgré les combats dans le nord du pays. Selon un porte-parole de l'armée, "
    "les forces gouvernementales ont repris le contrôle de la ville après deux jours "
    "d'affrontements. Les habitants ont indiqué que la situation restait tendue."
)
GERMAN = (
    "Der Außenminister sagte am Montag, die Verhandlungen mit den Rebellen würden trotz der "
    "Kämpfe im Norden des Landes fortgesetzt. Nach Angaben eines Armeesprechers haben die "
    "Regierungstruppen die Kontrolle über die Stadt nach zwei Tagen heftiger Gefechte "
    "zurückgewonnen. Die Bewohner berichteten, die Lage sei weiterhin angespannt."
)
RUSSIAN = (
    "Министр иностранных дел заявил в понедельник, что переговоры с повстанцами продолжатся, "
    "несмотря на бои на севере страны. По словам представителя армии, правительственные "
    "войска вернули контроль над городом после двух дней столкновений."
)
ARABIC = (
    "قال وزير الخارجية يوم الاثنين إن المفاوضات مع المتمردين ستستمر رغم القتال في شمال البلاد. "
    "وبحسب متحدث باسم الجيش فإن القوات الحكومية استعادت السيطرة على المدينة بعد يومين."
)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def one(paths, **kwargs) -> Document | Skipped:
    out = list(read_paths(paths, **kwargs))
    assert len(out) == 1, out
    return out[0]


# ---------------------------------------------------------------------------- headers


def test_example_file_offsets(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    shutil.copyfile(EXAMPLE, path)
    doc = one([path])
    assert isinstance(doc, Document)
    assert doc.text == path.read_text(encoding="utf-8")
    assert doc.dateline is not None and (doc.dateline.start, doc.dateline.end) == (17, 25)
    assert doc.dateline.text == "SAMARAND" == doc.text[17:25]
    assert doc.header is not None and (doc.header.start, doc.header.end) == (0, 49)
    assert doc.header.text == " date 2025-03-28 SAMARAND, March 28. /KhorPress/."
    assert doc.publisher == "KhorPress"
    assert doc.date == dt.date(2025, 3, 28)
    assert doc.body.startswith("Nodir Ashurov, Veshtar's former Deputy Prime Minister")
    assert doc.origin == str(path)


def test_header_with_multiword_dateline() -> None:
    text = f"date 2022-02-24 NEW YORK, Feb. 24. /Interfax/. {BODY}"
    h = parse_header(text)
    assert h is not None and h.dateline is not None
    assert h.dateline.text == "NEW YORK" and h.publisher == "Interfax"
    assert text[h.body_start :] == BODY


def test_header_dateline_without_agency() -> None:
    h = parse_header(f"date 2021-09-03 Kabul, September 3. {BODY}")
    assert h is not None and h.dateline is not None and h.dateline.text == "Kabul"
    assert h.publisher is None


def test_sentence_is_not_mistaken_for_a_dateline() -> None:
    text = f"date 2021-09-03 Rebels took the town, March 3 reports said. {BODY}"
    h = parse_header(text)
    assert h is not None and h.dateline is None and h.publisher is None
    assert text[h.body_start :].startswith("Rebels took the town")


def test_bare_date_line() -> None:
    text = f"date 2021-09-03\n\n{BODY}"
    doc = read_text(text, publisher="Reuters")
    assert doc.date == dt.date(2021, 9, 3)
    assert doc.header is not None and doc.header.text == "date 2021-09-03"
    assert doc.dateline is None and doc.publisher == "Reuters"
    assert doc.body == BODY


def test_bare_date_prefix() -> None:
    doc = read_text(f"date 2021-09-03 {BODY}")
    assert doc.date == dt.date(2021, 9, 3) and doc.dateline is None and doc.body == BODY


def test_no_header_uses_options() -> None:
    doc = read_text(BODY, publisher="VOA", date=dt.date(2025, 3, 12))
    assert parse_header(BODY) is None
    assert doc.header is None and doc.body_start == 0
    assert doc.date == dt.date(2025, 3, 12) and doc.publisher == "VOA"


def test_header_wins_over_options() -> None:
    doc = read_text(
        f"date 2021-09-03 CAIRO, September 3. /TASS/. {BODY}",
        publisher="X",
        date=dt.date(2000, 1, 1),
    )
    assert doc.publisher == "TASS" and doc.date == dt.date(2021, 9, 3)


def test_capitalised_date_is_not_a_header() -> None:
    text = "Date night is back. " + BODY
    assert parse_header(text) is None


@pytest.mark.parametrize(
    "text",
    [
        f"date 2021-13-45 CAIRO, September 3. /TASS/. {BODY}",
        f"date yesterday {BODY}",
        f"date 03/09/2021 {BODY}",
        f" date\n{BODY}",
    ],
)
def test_malformed_header_is_an_error(text: str) -> None:
    with pytest.raises(IngestError, match="malformed header"):
        read_text(text)


def test_header_only_is_an_error() -> None:
    with pytest.raises(IngestError, match="no text after the header"):
        read_text("date 2021-09-03 CAIRO, September 3. /TASS/.  \n")


# ---------------------------------------------------------------------------- ids


def test_ids_are_stable_across_line_endings(tmp_path: Path) -> None:
    text = f"Rebels claim town\n\n{BODY}\n\nResidents said roads were closed.\n"
    lf = write(tmp_path / "lf.txt", text)
    crlf = write(tmp_path / "crlf.txt", text.replace("\n", "\r\n").encode())
    a, b = list(read_paths([lf, crlf]))
    assert isinstance(a, Document) and isinstance(b, Document)
    assert a.id == b.id == document_id(text)
    assert b.text == crlf.read_text(encoding="utf-8") == text  # universal newlines
    assert a.title == "Rebels claim town"


def test_document_id_normalizes() -> None:
    assert document_id("Caf\u00e9  said\n") == document_id(" Cafe\u0301 said")
    assert document_id(BODY) != document_id(BODY + " Again.")
    assert len(document_id(BODY)) == 16


# ---------------------------------------------------------------------------- JSONL


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": "1",
                "url": "https://voa.example/1",
                "title": "Town taken",
                "published": "2025-03-12 10:00:00Z",
                "text": BODY,
            }
        ),
        "{not json",
        json.dumps({"title": "no text here"}),
        "",
        json.dumps({"text": FRENCH}),
        json.dumps({"text": BODY, "date": "2024-01-02", "publisher": "AP"}),
        json.dumps({"text": BODY, "date": "last Tuesday"}),
        json.dumps(["a", "list"]),
    ]
    path = write(tmp_path / "stories.jsonl", "\n".join(lines) + "\n")
    out = list(read_paths([path], publisher="VOA"))
    assert [type(x).__name__ for x in out] == [
        "Document",
        "Skipped",
        "Skipped",
        "Skipped",
        "Document",
        "Skipped",
        "Skipped",
    ]
    first, last = out[0], out[4]
    assert first.origin == f"{path}:1" and first.date == dt.date(2025, 3, 12)
    assert first.title == "Town taken" and first.url == "https://voa.example/1"
    assert first.publisher == "VOA" and first.text == BODY
    assert (
        last.date == dt.date(2024, 1, 2) and last.publisher == "AP" and last.origin == f"{path}:6"
    )
    reasons = {x.origin.rsplit(":", 1)[1]: x.reason for x in out if isinstance(x, Skipped)}
    assert "not valid JSON" in reasons["2"]
    assert "no 'text' field" in reasons["3"]
    assert "not English" in reasons["5"]
    assert "not an ISO date" in reasons["7"]
    assert "not an object" in reasons["8"]


def test_jsonl_bad_utf8_line_reports_file_offset(tmp_path: Path) -> None:
    good = (json.dumps({"text": BODY}) + "\n").encode()
    bad = b'{"text": "caf\xe9"}\n'
    path = write(tmp_path / "x.ndjson", good + bad + good)
    out = list(read_paths([path]))
    assert [type(x).__name__ for x in out] == ["Document", "Skipped", "Document"]
    assert out[1].reason == f"not valid UTF-8: byte 0xe9 at byte offset {len(good) + 13}"


def test_jsonl_overlong_line_is_skipped(tmp_path: Path) -> None:
    big = json.dumps({"text": BODY * 20}) + "\n"
    path = write(
        tmp_path / "x.jsonl", json.dumps({"text": BODY}) + "\n" + big + json.dumps({"text": BODY})
    )
    out = list(read_paths([path], max_bytes=len(big) - 10))
    assert [type(x).__name__ for x in out] == ["Document", "Skipped", "Document"]
    assert "larger than max_bytes" in out[1].reason and out[2].origin.endswith(":3")


# ---------------------------------------------------------------------------- folders


def test_folder_recursive_sorted_skips_hidden(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", BODY)
    write(tmp_path / "a" / "z.txt", f"date 2021-09-03 {BODY}")
    write(tmp_path / "a" / "deeper" / "s.jsonl", json.dumps({"text": BODY}) + "\n")
    write(tmp_path / "c.dat", b"\x00\x01\x02binary")
    write(tmp_path / "notes.md", BODY)  # not an article type: skipped in a folder
    write(tmp_path / "gold.json", json.dumps({"text": BODY}))  # known non-article format
    write(tmp_path / ".hidden.txt", BODY)
    write(tmp_path / ".git" / "x.txt", BODY)
    out = list(read_paths([tmp_path]))
    origins = [x.origin for x in out]
    assert origins == [
        str(tmp_path / "a" / "deeper" / "s.jsonl") + ":1",
        str(tmp_path / "a" / "z.txt"),
        str(tmp_path / "b.txt"),
        str(tmp_path / "c.dat"),
        str(tmp_path / "gold.json"),
        str(tmp_path / "notes.md"),
    ]
    assert isinstance(out[3], Skipped) and "not an article file (.dat)" in out[3].reason
    assert out[4] == Skipped(
        str(tmp_path / "gold.json"), "not an article file (.json) in a folder; name it to read it"
    )
    assert isinstance(out[5], Skipped) and "(.md)" in out[5].reason
    assert sum(isinstance(x, Document) for x in out) == 3
    # named explicitly, a Markdown file is read as text; a binary one is still refused
    assert isinstance(one([tmp_path / "notes.md"]), Document)
    assert "binary" in one([tmp_path / "c.dat"]).reason


def test_missing_path_is_skipped(tmp_path: Path) -> None:
    out = one([tmp_path / "nope.txt"])
    assert isinstance(out, Skipped) and "cannot read" in out.reason


def test_single_path_argument(tmp_path: Path) -> None:
    assert isinstance(one(write(tmp_path / "a.txt", BODY)), Document)


# ---------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Rebels claim town | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-05-06T08:00:00Z"></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/subscribe">Subscribe to our newsletter today</a></li></ul></nav>
<article><h1>Rebels claim town</h1>
<p>Rebel commanders said on Monday they had taken control of the town after two days of
fighting, a claim the army denied.</p>
<p>"We are in full control," a spokesman for the group told reporters by telephone. The
defence ministry said its troops were still holding the main square and that the reports
were false.</p>
<p>Residents reached by phone said the shelling had stopped by the evening but that roads
out of the town remained closed.</p></article>
<footer><p>Copyright 2024 Example News. All rights reserved. Privacy policy.</p></footer>
</body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    doc = one([write(tmp_path / "page.html", PAGE)])
    assert isinstance(doc, Document), doc
    assert "a claim the army denied" in doc.text
    assert "We are in full control" in doc.text
    assert "Subscribe to our newsletter" not in doc.text
    assert "All rights reserved" not in doc.text
    assert doc.title == "Rebels claim town"
    assert doc.date == dt.date(2024, 5, 6)
    assert doc.publisher == "Example News"


def test_html_without_main_text_is_skipped(tmp_path: Path) -> None:
    page = (
        "<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<footer>Copyright 2024 Example News</footer></body></html>"
    )
    out = one([write(tmp_path / "empty.htm", page)])
    assert isinstance(out, Skipped) and "no main text found in HTML" in out.reason


# ---------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("", "empty file"),
        ("  \n\t\n", "empty or whitespace-only"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("\x01\x02\x03\x04 text \x05\x06\x07\x08", "binary"),
        ("\ufeffcafe".encode("utf-16"), "UTF-16"),
        (FRENCH, "not English"),
        (GERMAN, "not English"),
        (RUSSIAN, "not English"),
        (ARABIC, "not English"),
        (f"date 2021-13-45 CAIRO, September 3. /TASS/. {BODY}", "malformed header"),
    ],
)
def test_bad_files_are_skipped_with_reason(
    tmp_path: Path, content: str | bytes, reason: str
) -> None:
    out = one([write(tmp_path / "bad.txt", content)])
    assert isinstance(out, Skipped) and reason in out.reason
    assert "\n" not in out.reason


def test_invalid_utf8_reports_byte_offset(tmp_path: Path) -> None:
    data = "Résumé: ".encode() + b"\xff" + BODY.encode()
    out = one([write(tmp_path / "latin.txt", data)])
    assert isinstance(out, Skipped)
    assert out.reason == "not valid UTF-8: byte 0xff at byte offset 10"
    out = one([write(tmp_path / "latin1.txt", b"\xef\xbb\xbf" + data)])
    assert out.reason == "not valid UTF-8: byte 0xff at byte offset 13"


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    doc = one([write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + f" date 2021-09-03 {BODY}".encode())])
    assert (
        isinstance(doc, Document)
        and doc.text.startswith(" date")
        and doc.date == dt.date(2021, 9, 3)
    )


def test_too_large(tmp_path: Path) -> None:
    out = one([write(tmp_path / "big.txt", BODY * 10)], max_bytes=len(BODY) * 5)
    assert isinstance(out, Skipped) and "larger than max_bytes" in out.reason
    with pytest.raises(IngestError, match="larger than max_bytes"):
        read_text(BODY, max_bytes=10)


def test_short_english_passes_and_short_foreign_script_fails() -> None:
    assert read_text(
        "KYIV, March 12. Ukraine said it was ready to accept the ceasefire proposal."
    ).text
    with pytest.raises(IngestError, match="not English"):
        read_text("Министр заявил, что переговоры продолжатся на следующей неделе в Москве.")


def test_read_text_rejects_empty_and_non_string() -> None:
    with pytest.raises(IngestError, match="empty"):
        read_text(" \n ")
    with pytest.raises(IngestError, match="must be a string"):
        read_text(b"bytes")  # type: ignore[arg-type]


def test_code_files_in_a_folder_are_skipped_not_read_as_articles(tmp_path):
    (tmp_path / "story.txt").write_text(
        "The army said on Monday that the bridge over the river had been destroyed by the rebels "
        "and that the town was now cut off from the capital for the first time since the war began.",
        encoding="utf-8",
    )
    (tmp_path / "build_gold.py").write_text("import json\n\nprint('the data is here')\n" * 20)
    out = list(read_paths([tmp_path]))
    assert [type(x).__name__ for x in out] == ["Skipped", "Document"]
    assert out[0].reason == "not an article file (.py) in a folder; name it to read it"
    assert one([tmp_path / "build_gold.py"]).reason == "unsupported file type '.py'"
