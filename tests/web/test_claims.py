"""The claim views (disputes, claims, timeline, fatalities, map) over literal claims."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from webdata import PANJSHIR_ID


def test_dispute_board_shows_both_sides(client: TestClient) -> None:
    page = client.get("/api/disputes").json()
    assert page["total"] == 1
    [dispute] = page["items"]
    assert dispute["type"] == "territorial_control"
    said = {c["said"]["speaker_name"] for c in (*dispute["for"], *dispute["against"])}
    assert said == {"Taliban", "National Resistance Front"}
    html = client.get("/disputes").text
    assert "Says so" in html and "Says otherwise" in html and "a Taliban source" in html
    assert f'href="/documents/{PANJSHIR_ID}#attr-2"' in html


@pytest.mark.parametrize(
    ("params", "total"),
    [({"place": "Panjshir"}, 1), ({"actor": "Taliban"}, 1), ({"actor": "Reuters"}, 0)],
)
def test_dispute_filters(client: TestClient, params: dict, total: int) -> None:
    assert client.get("/api/disputes", params=params).json()["total"] == total


def test_unknown_place_is_a_notice_not_an_error(client: TestClient) -> None:
    page = client.get("/api/disputes", params={"place": "Atlantis"}).json()
    assert page["items"] == [] and "Atlantis" in page["notice"]
    assert "Atlantis" in client.get("/disputes?place=Atlantis").text


def test_claims_list_and_search(client: TestClient) -> None:
    assert client.get("/api/claims").json()["total"] == 3
    assert client.get("/api/claims", params={"type": "fatalities"}).json()["total"] == 1
    found = client.get("/api/search", params={"q": "killed"}).json()["claims"]
    assert found["total"] == 1 and found["items"][0]["count"]["best"] == 350
    assert "about 350" in client.get("/claims").text


def test_timeline_of_a_place(client: TestClient) -> None:
    view = client.get("/api/timeline", params={"subject": "Panjshir"}).json()
    assert view["subject"] == "Panjshir" and len(view["entries"]) == 3
    assert [e["when"] for e in view["entries"]] == sorted(e["when"] for e in view["entries"])
    html = client.get("/timeline?subject=Panjshir").text
    assert '<svg class="chart timeline"' in html and "<circle" in html
    assert ">National Resistance Front<" in html  # a lane per speaker
    assert client.get("/api/timeline", params={"subject": "Atlantis"}).json()["notice"]


def test_fatalities_by_source(client: TestClient) -> None:
    [tally] = client.get("/api/fatalities").json()["tallies"]
    [figure] = tally["figures"]
    assert (figure["low"], figure["best"], figure["high"]) == (300, 350, 400)
    html = client.get("/fatalities").text
    assert '<svg class="chart bars"' in html and "<rect" in html and ">350<" in html


def test_map_of_places(client: TestClient) -> None:
    [place] = client.get("/api/map").json()["places"]
    assert place["name"] == "Panjshir" and place["geo"]["lat"] == 35.3
    html = client.get("/map").text
    assert '<svg class="chart map"' in html and "/timeline?subject=Panjshir" in html


def test_claim_pages_are_in_the_navigation(client: TestClient) -> None:
    html = client.get("/").text
    for href in ("/disputes", "/claims", "/timeline", "/fatalities", "/map"):
        assert f'href="{href}"' in html
