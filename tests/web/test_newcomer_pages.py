"""The timeline's landing page lists what has entries; the API docs need no CDN; search
ranks statements by full text."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_timeline_landing_lists_places_and_actors_with_entries(client: TestClient) -> None:
    view = client.get("/api/timeline").json()
    assert view["subject"] == "" and view["entries"] == []
    places = {p["name"] for p in view["places"]}
    actors = {a["name"] for a in view["actors"]}
    assert "Panjshir" in places and "Taliban" in actors
    assert all(x["claims"] >= 1 for x in view["places"] + view["actors"])
    page = client.get("/timeline").text
    assert 'href="/timeline?subject=Panjshir"' in page
    assert "e.g. Panjshir" not in page  # no example that may not be in the ledger
    entries = client.get("/api/timeline", params={"subject": "Panjshir"}).json()["entries"]
    assert (
        entries and client.get("/api/timeline", params={"subject": "Panjshir"}).status_code == 200
    )


def test_api_docs_are_served_from_the_package(client: TestClient) -> None:
    for path in ("/docs", "/redoc"):
        page = client.get(path)
        assert page.status_code == 200
        assert "cdn.jsdelivr.net" not in page.text and "unpkg.com" not in page.text
        assert "/static/apidocs/" in page.text
    js = client.get("/static/apidocs/swagger-ui-bundle.js")
    assert js.status_code == 200 and len(js.content) > 100_000
    assert client.get("/static/apidocs/swagger-ui.css").status_code == 200
    assert client.get("/static/apidocs/../app.py").status_code == 404
    assert client.get("/static/style.css").status_code == 200  # the app's own files still


def test_search_statements_are_full_text(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "resistance reports"}).json()
    texts = [i["attribution"]["cue"]["text"] for i in found["attributions"]["items"]]
    assert "refuted" in texts
    assert found["attributions"]["total"] >= 1
    none = client.get("/api/search", params={"q": "zzzunlikely"}).json()
    assert none["attributions"]["total"] == 0
