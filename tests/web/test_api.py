"""The HTTP API and the pages through FastAPI's TestClient, on a real SQLite ledger."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from webdata import (
    AUTH,
    HOSTILE_ID,
    MAX_BYTES,
    PANJSHIR,
    PANJSHIR_ID,
    RESISTANCE_ID,
    resistance_statement,
)  # fmt: skip

from counterclaim import pipeline
from counterclaim.store import save_analysis
from counterclaim.web import create_app

GERMAN = (
    "Die Taliban haben am Montag erklärt, dass sie die vollständige Kontrolle über die "
    "Provinz übernommen hätten und dass die Kämpfe im Tal beendet seien, wie ein Sprecher "
    "der Gruppe in einer Erklärung gegenüber der Presse in der Hauptstadt mitteilte, "
    "während die Gegner dies bestritten."
)
ARTICLE = (
    "date 2021-09-06 KABUL, September 6. /TASS/. The Taliban said on Monday that they had "
    "taken full control of the province. A spokesman for the resistance told reporters that "
    "the fighting was still going on in the valley and that the claims were not true."
)


# -- documents ------------------------------------------------------------------------


def test_documents_are_listed_newest_first_with_a_total(client: TestClient) -> None:
    page = client.get("/api/documents").json()
    assert page["total"] == 2 and page["limit"] == 50 and page["offset"] == 0
    assert [d["id"] for d in page["items"]] == [HOSTILE_ID, PANJSHIR_ID]
    tass = page["items"][1]
    assert tass["publisher"] == "TASS" and tass["dateline"] == "CAIRO"
    assert tass["attributions"] == 2 and tass["headline"].startswith("Reuters said on Friday")


def test_documents_are_paged(client: TestClient) -> None:
    page = client.get("/api/documents", params={"limit": 1, "offset": 1}).json()
    assert page["total"] == 2 and [d["id"] for d in page["items"]] == [PANJSHIR_ID]
    assert client.get("/api/documents", params={"offset": 5}).json()["items"] == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "PANJSHIR"}, [PANJSHIR_ID]),
        ({"q": "<script>"}, [HOSTILE_ID]),
        ({"q": "nowhere to be found"}, []),
        ({"publisher": "tass"}, [PANJSHIR_ID]),
        ({"place": "Cairo"}, [PANJSHIR_ID]),  # dateline
        ({"place": "panjshir"}, [PANJSHIR_ID]),  # a place entity
        ({"actor": "Taliban"}, [HOSTILE_ID, PANJSHIR_ID]),
        ({"actor": "national resistance"}, [PANJSHIR_ID]),
        ({"date_from": "2021-09-04"}, [HOSTILE_ID]),
        ({"date_to": "2021-09-03"}, [PANJSHIR_ID]),
        ({"date_from": "2021-09-03", "date_to": "2021-09-03"}, [PANJSHIR_ID]),
    ],
)
def test_document_filters(client: TestClient, params: dict, expected: list[str]) -> None:
    page = client.get("/api/documents", params=params).json()
    assert [d["id"] for d in page["items"]] == expected
    assert page["total"] == len(expected)


def test_search_hits_carry_a_snippet(client: TestClient) -> None:
    [hit] = client.get("/api/documents", params={"q": "taken control"}).json()["items"]
    assert hit["snippet"]["match"] == "taken control"
    assert hit["snippet"]["before"].endswith("claims to have ")


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "2021-09-05", "date_to": "2021-09-01"},
        {"date_from": "yesterday"},
        {"date_to": "2021-02-30"},
        {"limit": 0},
        {"limit": 10_000},
        {"offset": -1},
    ],
)
def test_bad_document_queries_are_422(client: TestClient, params: dict) -> None:
    response = client.get("/api/documents", params=params)
    assert response.status_code == 422, response.text
    assert "detail" in response.json()


def test_document_has_its_text_and_spans(client: TestClient) -> None:
    view = client.get(f"/api/documents/{PANJSHIR_ID}").json()
    text = view["document"]["text"]
    assert text == PANJSHIR
    claim, denial = view["attributions"]
    for attr in (claim, denial):
        for role in ("cue", "content", "source"):
            s = attr[role]
            assert text[s["start"] : s["end"]] == s["text"]
    assert claim["chain"] == ["a Taliban source", "Reuters", "TASS"]
    assert denial["stance"] == "deny" and denial["responds_to"] == 1
    assert {e["key"] for e in view["entities"]} >= {"taliban", "nrf"}
    assert view["mentions"][0]["span"]["text"] == "Reuters"


def test_document_by_prefix_unknown_and_ambiguous(client: TestClient) -> None:
    assert client.get("/api/documents/f00dca").json()["document"]["id"] == PANJSHIR_ID
    missing = client.get("/api/documents/0123")
    assert missing.status_code == 404 and "0123" in missing.json()["detail"]
    ambiguous = client.get("/api/documents/f00d")
    assert ambiguous.status_code == 409 and "ambiguous" in ambiguous.json()["detail"]


# -- attributions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, [(HOSTILE_ID, 1), (PANJSHIR_ID, 1), (PANJSHIR_ID, 2)]),
        ({"via": "reuters"}, [(PANJSHIR_ID, 1)]),
        ({"source": "Taliban"}, [(PANJSHIR_ID, 1)]),
        ({"stance": "deny"}, [(PANJSHIR_ID, 2)]),
        ({"doc": "f00dbe"}, [(HOSTILE_ID, 1)]),
        ({"q": "CONTROL"}, [(PANJSHIR_ID, 1)]),
        ({"kind": "narrator"}, []),
        ({"date_from": "2021-09-04"}, [(HOSTILE_ID, 1)]),
    ],
)
def test_attribution_filters(client: TestClient, params: dict, expected: list) -> None:
    page = client.get("/api/attributions", params=params).json()
    found = sorted((i["attribution"]["doc_id"], i["attribution"]["id"]) for i in page["items"])
    assert found == sorted(expected) and page["total"] == len(expected)


def test_attribution_items_carry_chain_and_document(client: TestClient) -> None:
    [item] = client.get("/api/attributions", params={"via": "Reuters"}).json()["items"]
    assert item["chain"] == "Taliban ← a Taliban source ← Reuters ← TASS"
    assert item["speaker"] == "Taliban" and item["document"]["id"] == PANJSHIR_ID


def test_bad_attribution_queries(client: TestClient) -> None:
    assert client.get("/api/attributions", params={"kind": "rumour"}).status_code == 422
    assert client.get("/api/attributions", params={"doc": "zzz"}).status_code == 404


# -- entities and search --------------------------------------------------------------


def test_entities_group_keys_across_documents(client: TestClient) -> None:
    page = client.get("/api/entities").json()
    taliban = next(e for e in page["items"] if e["key"] == "taliban")
    assert taliban["documents"] == 2 and taliban["statements"] == 1
    nrf = next(e for e in page["items"] if e["key"] == "national-resistance-front")
    assert nrf["aliases"] == ["the national resistance forces"]
    assert page["items"][0]["statements"] >= page["items"][-1]["statements"]
    places = client.get("/api/entities", params={"type": "place"}).json()["items"]
    assert [e["key"] for e in places] == ["panjshir"]
    found = client.get("/api/entities?q=resist").json()["items"]
    assert [e["key"] for e in found] == ["national-resistance-front"]


def test_entities_follow_cross_document_links(engine: Engine) -> None:
    """Two documents' entities with different keys, linked to one global entity, are one
    page; an article's own key (with ``?doc=``) leads to it."""
    with Session(engine) as session, session.begin():
        save_analysis(session, resistance_statement())
    pipeline.link_entities(engine)
    with TestClient(create_app(engine), base_url="http://localhost") as client:
        nrf = [e for e in client.get("/api/entities?q=resistance").json()["items"]
               if e["type"] == "ORG"]  # fmt: skip
        assert [(e["key"], e["documents"], e["statements"]) for e in nrf] == [
            ("national-resistance-front", 2, 2)
        ]
        view = client.get("/api/entities/resistance-front", params={"doc": RESISTANCE_ID}).json()
        assert view["entity"]["key"] == "national-resistance-front"
        assert {d["id"] for d in view["documents"]} == {PANJSHIR_ID, RESISTANCE_ID}
        page = client.get(f"/entities/nrf?doc={PANJSHIR_ID}", follow_redirects=False)
        assert page.status_code == 303
        assert page.headers["location"].endswith("/entities/national-resistance-front")
        assert client.get("/entities/national-resistance-front").status_code == 200
        html = client.get(f"/documents/{PANJSHIR_ID}").text
        assert f'href="/entities/nrf?doc={PANJSHIR_ID}"' in html


def test_entity_view_by_about_and_via(client: TestClient) -> None:
    view = client.get("/api/entities/taliban").json()
    assert [i["attribution"]["id"] for i in view["by"]] == [1]
    reuters = client.get("/api/entities/reuters").json()
    assert [i["chain"] for i in reuters["via"]] == ["Taliban ← a Taliban source ← Reuters ← TASS"]
    panjshir = client.get("/api/entities/panjshir").json()
    assert [i["attribution"]["id"] for i in panjshir["about"]] == [1]
    assert client.get("/api/entities/nobody").status_code == 404


def test_search_finds_articles_and_statements(client: TestClient) -> None:
    view = client.get("/api/search", params={"q": "these reports"}).json()
    assert view["documents"]["total"] == 1 and view["attributions"]["total"] == 1
    assert client.get("/api/search").json()["documents"]["items"] == []


# -- POST /api/documents --------------------------------------------------------------


def test_post_adds_then_leaves_unchanged(client: TestClient) -> None:
    first = client.post("/api/documents", json={"text": ARTICLE}, headers=AUTH)
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["status"] == "added" and body["document"]["publisher"] == "TASS"
    assert body["document"]["date"] == "2021-09-06" and body["document"]["attributions"] == 1
    assert client.get(body["api_url"]).json()["document"]["text"] == ARTICLE
    again = client.post("/api/documents", json={"text": ARTICLE}, headers=AUTH)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    assert client.get("/api/documents").json()["total"] == 3
    assert client.get("/api/timeline", params={"subject": "TASS"}).json()["notice"] is None


def test_post_json_with_metadata(client: TestClient) -> None:
    text = ARTICLE.split("/TASS/. ", 1)[1]
    payload = {
        "text": text,
        "publisher": "Wire",
        "date": "2021-09-07",
        "title": "Valley",
        "url": "http://x",
    }
    response = client.post("/api/documents", json=payload, headers=AUTH)
    assert response.status_code == 201, response.text
    doc = response.json()["document"]
    assert (doc["publisher"], doc["date"], doc["title"]) == ("Wire", "2021-09-07", "Valley")


@pytest.mark.parametrize(
    ("body", "content_type", "status", "reason"),
    [
        ('{"text": ""}', "application/json", 422, "empty"),
        ('{"text": "   \\n "}', "application/json", 422, "empty"),
        ("x" * (MAX_BYTES + 1), "application/json", 413, "larger than"),
        (
            json.dumps({"text": GERMAN}),
            "application/json",
            422,
            "not English",
        ),
        (
            '{"text": "date 3 September 2021 the Taliban said so."}',
            "application/json",
            422,
            "malformed header",
        ),  # fmt: skip
        ('{"text": ', "application/json", 400, "malformed JSON"),
        ('["a list"]', "application/json", 422, "JSON object"),
        ('{"body": "no text field"}', "application/json", 422, "text"),
        ('{"text": "The army said so.", "colour": "red"}', "application/json", 422, "colour"),
        ('{"text": 12}', "application/json", 422, "text"),
        ('{"text": "The army said so.", "date": "soon"}', "application/json", 422, "date"),
        ("The army said so.", "application/xml", 415, "application/json"),
        ("The army said so.", "text/plain", 415, "application/json"),
    ],
)
def test_post_rejects_bad_input_with_a_reason(
    client: TestClient, body: str, content_type: str, status: int, reason: str
) -> None:
    headers = {**AUTH, "content-type": content_type}
    response = client.post("/api/documents", content=body.encode(), headers=headers)
    assert response.status_code == status, response.text
    assert reason.lower() in json.dumps(response.json()["detail"]).lower()
    assert client.get("/api/documents").json()["total"] == 2


def test_post_rejects_bytes_that_are_not_utf8(client: TestClient) -> None:
    response = client.post(
        "/api/documents", content='{"text": "Le général a dit"}'.encode("latin-1"),
        headers={**AUTH, "content-type": "application/json"},
    )  # fmt: skip
    assert response.status_code == 400 and "utf-8" in response.json()["detail"].lower()


# -- pages ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "twin"),
    [
        ("/", "/api/documents"),
        ("/documents?q=panjshir", "/api/documents?q=panjshir"),
        (f"/documents/{PANJSHIR_ID}", f"/api/documents/{PANJSHIR_ID}"),
        ("/attributions?via=Reuters", "/api/attributions?via=Reuters"),
        ("/entities", "/api/entities"),
        ("/entities/taliban", "/api/entities/taliban"),
        ("/search?q=reports", "/api/search?q=reports"),
    ],
)
def test_each_page_links_to_its_json_twin(client: TestClient, url: str, twin: str) -> None:
    page = client.get(url)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f'href="{twin}"' in page.text
    assert client.get(twin).status_code == 200


def test_article_page_highlights_spans_and_links_denials(client: TestClient) -> None:
    html = client.get(f"/documents/{PANJSHIR_ID}").text
    source = r'class="hl hl-source is-assert kind-indirect (side-\d)" href="#attr-1"'
    denier = r'class="hl hl-source is-deny kind-indirect (side-\d)" href="#attr-2"'
    sides = re.search(source, html), re.search(denier, html)
    assert all(sides) and sides[0].group(1) != sides[1].group(1)  # type: ignore[union-attr]
    assert ">claims</a>" in html and ">refuted</a>" in html
    assert 'id="attr-2"' in html and 'Denies <a href="#attr-1">' in html
    assert 'Denied by <a href="#attr-2">#2</a>' in html
    assert f'<a href="/entities/taliban?doc={PANJSHIR_ID}">Taliban</a>' in html
    assert f'href="/entities/reuters?doc={PANJSHIR_ID}">Reuters</a>' in html


def test_article_markup_is_shown_as_text(client: TestClient) -> None:
    html = client.get(f"/documents/{HOSTILE_ID}").text
    for raw in ("<script>alert(1)</script>", "<b>bold</b>", "<i>unsafe</i>", "<img src=x"):
        assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt; headline" in html
    for url in (
        "/documents?q=script",
        "/attributions",
        "/search?q=<b>",
        "/entities/kabul-officials",
    ):
        page = client.get(url).text
        assert "<script>alert" not in page and "<b>bold" not in page, url


def test_pages_ignore_form_fields_left_empty(client: TestClient) -> None:
    page = client.get("/attributions?source=&via=&q=&stance=&kind=&date_from=&date_to=")
    assert page.status_code == 200 and "#2" in page.text
    assert 'href="/api/attributions"' in page.text  # the JSON twin without the empties
    assert client.get("/documents?q=&publisher=&place=&actor=&date_from=").status_code == 200
    assert client.get("/api/attributions?kind=").status_code == 422  # the API stays strict


def test_unknown_pages_render_an_error_page(client: TestClient) -> None:
    page = client.get("/documents/0123")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "no document id starts with" in page.text
    bad = client.get("/documents", params={"date_from": "2021-09-05", "date_to": "2021-09-01"})
    assert bad.status_code == 422 and "after date_to" in bad.text


def test_openapi_describes_the_json_routes_only(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/documents", "/api/documents/{doc_id}", "/api/attributions",
            "/api/entities", "/api/entities/{key}", "/api/search"} <= paths  # fmt: skip
    assert not any(not p.startswith("/api/") for p in paths)
    assert "post" in spec["paths"]["/api/documents"]


def test_static_files_are_served(client: TestClient) -> None:
    assert "--source" in client.get("/static/style.css").text
    assert "addEventListener" in client.get("/static/app.js").text


def test_attributions_confidence_outside_zero_one_is_refused(client: TestClient) -> None:
    # the filter itself: tests/test_claim_confidence.py (statements of 0.9 and 0.6)
    assert client.get("/api/attributions", params={"min_confidence": 1.5}).status_code == 422
