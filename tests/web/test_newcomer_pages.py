"""The timeline's landing page lists what has entries; search ranks statements by full
text. (The offline API docs are tested in test_security and test_browser.)"""

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


def test_search_statements_are_full_text(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "resistance reports"}).json()
    texts = [i["attribution"]["cue"]["text"] for i in found["attributions"]["items"]]
    assert "refuted" in texts
    assert found["attributions"]["total"] >= 1
    none = client.get("/api/search", params={"q": "zzzunlikely"}).json()
    assert none["attributions"]["total"] == 0
