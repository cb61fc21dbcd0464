"""The server as an attacker and a bad day see it: headers, writes, hosts, limits, hostile
input, a locked ledger. Each answer is a 4xx or 503 with a reason, and a refused write
stores nothing."""

from __future__ import annotations

import base64
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from webdata import AUTH, BASE_URL, MAX_BYTES, ROOMY, TOKEN, fake_analyzer

from counterclaim.web import create_app
from counterclaim.web.security import (
    CSRF_HEADER,
    ConfigError,
    Limits,
    WriteAccess,
    hash_password,
    verify_password,
)

ARTICLE = (
    "The regional governor said on Tuesday that the bridge over the river had been "
    "repaired and reopened to traffic, while residents told reporters that the work was "
    "far from finished."
)
REVIEWER_PASSWORD = "correct horse battery"
REVIEWERS = {"ana": hash_password(REVIEWER_PASSWORD)}


def total(client: TestClient) -> int:
    return client.get("/api/documents").json()["total"]


def app_client(engine: Engine, **options: object) -> TestClient:
    options = {"analyzer": fake_analyzer, "max_bytes": MAX_BYTES, "limits": ROOMY, **options}
    return TestClient(create_app(engine, **options), base_url=BASE_URL)  # type: ignore[arg-type]


def basic(name: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{name}:{password}".encode()).decode()
    return {"authorization": f"Basic {token}"}


# -- headers and links ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/", "/documents", "/api/documents", "/static/app.js", "/nowhere", "/docs", "/redoc"]
)
def test_every_response_carries_the_security_headers(client: TestClient, url: str) -> None:
    headers = client.get(url).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


def test_api_docs_use_local_assets_only(client: TestClient) -> None:
    """Swagger UI and ReDoc come from the package's files through this server: no outside
    URL, no inline script, and the JSON routes listed for a reader without JavaScript."""
    for url, asset in (("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")):
        page = client.get(url)
        assert page.status_code == 200
        assert "https://" not in page.text and "http://" not in page.text
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page.text, re.S)
        assert scripts and all(" src=" in attrs and not body.strip() for attrs, body in scripts)
        assert f'src="/docs/assets/{asset}"' in page.text
        assert "<noscript>" in page.text and "/api/documents" in page.text
        served = client.get(f"/docs/assets/{asset}")
        assert served.status_code == 200 and len(served.content) > 100_000
        assert "javascript" in served.headers["content-type"]
    assert client.get("/docs/assets/swagger-ui.css").status_code == 200
    assert client.get("/static/apidocs.js").status_code == 200


def test_only_redoc_gets_a_style_nonce_and_a_blob_worker(client: TestClient) -> None:
    docs = client.get("/docs").headers["content-security-policy"]
    assert "nonce-" not in docs and "worker-src" not in docs
    first, second = (client.get("/redoc") for _ in range(2))
    csp = first.headers["content-security-policy"]
    [nonce] = re.findall(r"'nonce-([^']+)'", csp)
    assert f'data-nonce="{nonce}"' in first.text
    assert nonce not in second.headers["content-security-policy"]  # fresh for each page
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["worker-src"] == "blob:"
    assert directives["style-src"].startswith("'self' 'nonce-")
    assert "unsafe" not in csp


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("javascript:alert(document.domain)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("https://example.org/story", True),
    ],
)
def test_only_web_urls_become_links(client: TestClient, url: str, linked: bool) -> None:
    from counterclaim.web.app import link_url

    assert (link_url(url) is not None) == linked


def test_the_api_refuses_a_url_that_is_not_a_web_link(client: TestClient) -> None:
    payload = {"text": ARTICLE, "url": "javascript:alert(1)"}
    response = client.post("/api/documents", json=payload, headers=AUTH)
    assert response.status_code == 422 and "http" in response.text
    assert total(client) == 2


# -- who may write ----------------------------------------------------------------------


def test_the_server_is_read_only_by_default(engine: Engine) -> None:
    with app_client(engine) as client:
        response = client.post("/api/documents", json={"text": ARTICLE}, headers=AUTH)
        assert response.status_code == 403 and "read-only" in response.json()["detail"]
        assert total(client) == 2


@pytest.mark.parametrize(
    "headers",
    [{}, {"authorization": "Bearer wrong-token-0123456789"}, {"authorization": "Basic !!"},
     {"authorization": f"Bearer {TOKEN}x"}, {"authorization": TOKEN}],
)  # fmt: skip
def test_a_write_without_valid_credentials_is_401(client: TestClient, headers: dict) -> None:
    response = client.post("/api/documents", json={"text": ARTICLE}, headers=headers)
    assert response.status_code == 401 and "Bearer" in response.headers["www-authenticate"]
    assert total(client) == 2


def test_a_reviewer_writes_with_basic_credentials_and_the_csrf_header(engine: Engine) -> None:
    with app_client(engine, write_access=WriteAccess(reviewers=REVIEWERS)) as client:
        creds = basic("ana", REVIEWER_PASSWORD)
        no_csrf = client.post("/api/documents", json={"text": ARTICLE}, headers=creds)
        assert no_csrf.status_code == 403 and CSRF_HEADER in no_csrf.json()["detail"]
        wrong = client.post("/api/documents", json={"text": ARTICLE},
                            headers={**basic("ana", "guess"), CSRF_HEADER: "1"})  # fmt: skip
        assert wrong.status_code == 401
        assert total(client) == 2
        ok = client.post(
            "/api/documents", json={"text": ARTICLE}, headers={**creds, CSRF_HEADER: "1"}
        )
        assert ok.status_code == 201, ok.text
        doc = client.get(ok.json()["api_url"]).json()["document"]
        assert doc["origin"] == "api:ana"  # the write names its reviewer


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"origin": "https://evil.example"}, 403),
        ({"origin": "null"}, 403),
        ({"sec-fetch-site": "cross-site"}, 403),
        ({"sec-fetch-site": "same-site"}, 403),
        ({"content-type": "text/plain"}, 415),
        ({"content-type": "application/x-www-form-urlencoded"}, 415),
        ({"content-type": "multipart/form-data; boundary=x"}, 415),
        ({"origin": "http://localhost", "sec-fetch-site": "same-origin"}, 201),
    ],
)
def test_cross_site_and_non_json_writes_are_refused(
    client: TestClient, headers: dict, status: int
) -> None:
    headers = {"content-type": "application/json", **AUTH, **headers}
    body = json.dumps({"text": ARTICLE}).encode()
    response = client.post("/api/documents", content=body, headers=headers)
    assert response.status_code == status, response.text
    assert total(client) == (3 if status == 201 else 2)


def test_write_access_comes_from_the_environment(tmp_path: Path) -> None:
    assert not WriteAccess.from_env({}).enabled  # no default credentials
    file = tmp_path / "reviewers"
    file.write_text(f"# reviewers\nbo:{hash_password('another secret')}\n", encoding="utf-8")
    env = {
        "COUNTERCLAIM_TOKEN": TOKEN,
        "COUNTERCLAIM_REVIEWERS": f"ana:{REVIEWERS['ana']}",
        "COUNTERCLAIM_REVIEWERS_FILE": str(file),
    }
    access = WriteAccess.from_env(env)
    assert set(access.reviewers) == {"ana", "bo"} and access.token == TOKEN
    assert access.authenticate(f"Bearer {TOKEN}").name == "token"  # type: ignore[union-attr]
    assert access.authenticate(basic("bo", "another secret")["authorization"]).name == "bo"  # type: ignore[union-attr]
    with pytest.raises(ConfigError, match="16"):
        WriteAccess.from_env({"COUNTERCLAIM_TOKEN": "short"})
    with pytest.raises(ConfigError):
        WriteAccess.from_env({"COUNTERCLAIM_REVIEWERS": "ana:plaintext-password"})
    assert verify_password("x", "scrypt$garbage") is False


# -- hosts and limits -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "status"),
    [("localhost", 200), ("127.0.0.1:8000", 200), ("[::1]:8000", 200),
     ("evil.example", 400), ("localhost.evil.example", 400), ("ledger.example.org", 200),
     ("a.team.example.org", 200), ("team.example.org.evil", 400)],
)  # fmt: skip
def test_only_allowed_hosts_are_served(engine: Engine, host: str, status: int) -> None:
    hosts = ("localhost", "127.0.0.1", "::1", "ledger.example.org", "*.team.example.org")
    with app_client(engine, allowed_hosts=hosts) as client:
        response = client.get("/api/documents", headers={"host": host})
        assert response.status_code == status
        assert "content-security-policy" in response.headers


def test_reads_are_rate_limited_per_client(engine: Engine) -> None:
    with app_client(engine, limits=Limits(reads_per_minute=5)) as client:
        codes = [client.get("/api/documents").status_code for _ in range(7)]
        assert codes[:5] == [200] * 5 and codes[-1] == 429
        assert int(client.get("/api/documents").headers["retry-after"]) >= 1


def test_writes_are_rate_and_size_limited_per_client(engine: Engine) -> None:
    limits = Limits(reads_per_minute=1000, writes_per_minute=2, write_bytes_per_minute=1_000_000)
    with app_client(engine, limits=limits, write_access=WriteAccess(TOKEN)) as client:
        codes = [
            client.post("/api/documents", json={"text": f"{ARTICLE} Take {n}."}, headers=AUTH)
            for n in range(3)
        ]
        assert [r.status_code for r in codes] == [201, 201, 429]
        assert "retry-after" in codes[-1].headers and total(client) == 4
    limits = Limits(reads_per_minute=1000, writes_per_minute=100, write_bytes_per_minute=300)
    with app_client(engine, limits=limits, write_access=WriteAccess(TOKEN)) as client:
        first = client.post("/api/documents", json={"text": f"{ARTICLE} More."}, headers=AUTH)
        second = client.post("/api/documents", json={"text": f"{ARTICLE} Again."}, headers=AUTH)
        assert (first.status_code, second.status_code) == (201, 429)


# -- hostile input ----------------------------------------------------------------------

HOSTILE_BODIES = [
    b'{"text": NaN}',
    b'{"text": "' + ARTICLE.encode() + b'", "date": Infinity}',
    b'{"text": "' + ARTICLE.encode() + b'", "title": -Infinity}',
    b'{"text": 1e999999}',
    b'{"text": ' + b"9" * 5000 + b"}",
    b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    b"[" * 100_000,
    b'{"text": "' + ARTICLE.encode() + b'", "title": "\\ud800"}',
    b'{"text": "' + ARTICLE.encode() + b'", "publisher": "x\\udfff"}',
    b'{"text": "' + ARTICLE.encode() + b'", "url": "https://x.org/\\ud83d"}',
    b'{"text": "' + ARTICLE.encode() + b'\\ud800"}',
    b'{"text": "' + ARTICLE.encode() + b'", "title": "a\\u0000b"}',
    b'{"text": "' + ARTICLE.encode() + b'", "publisher": "\\u0000"}',
    b'{"text": "' + ARTICLE.encode() + b'\\u0000"}',
    b'{"text": {"nested": {"deeper": [1, 2, {"x": null}]}}}',
    b'{"text": "' + ARTICLE.encode() + b'", "date": {"y": 2021}}',
    b'{"text": "' + ARTICLE.encode() + b'", "text": 5}',
    b"\xef\xbb\xbf{}",
    b"",
    b"null",
]


@pytest.mark.parametrize("body", HOSTILE_BODIES, ids=range(len(HOSTILE_BODIES)))
def test_hostile_json_is_a_4xx_and_stores_nothing(engine: Engine, body: bytes) -> None:
    with app_client(engine, max_bytes=1_000_000, write_access=WriteAccess(TOKEN)) as client:
        headers = {**AUTH, "content-type": "application/json"}
        response = client.post("/api/documents", content=body, headers=headers)
        assert 400 <= response.status_code < 500, response.text[:300]
        assert response.json()["detail"]
        assert total(client) == 2


@pytest.mark.parametrize(
    ("url", "status"),
    [("/api/documents?q=%00", 200), ("/api/attributions?source=a%00b", 200),
     ("/api/documents?q=Pan%00jshir", 200), ("/api/documents/%00", 404),
     ("/api/entities/a%00b", 404), ("/documents?q=%ff%fe", 400),
     ("/api/entities?q=%ed%a0%80", 400), ("/api/timeline?subject=%00", 200)],
)  # fmt: skip
def test_nul_never_reaches_the_database_and_broken_text_is_400(
    client: TestClient, url: str, status: int
) -> None:
    response = client.get(url)
    assert response.status_code == status, response.text
    if url == "/api/documents?q=Pan%00jshir":  # the NUL is dropped, the rest searched
        assert response.json()["total"] == 1


@pytest.mark.parametrize(
    ("text", "reason"),
    [("a", "too few words"), ("!!! ... ???", "too few words"),
     ("\u200b\u200b\u200b \u200c\u200d", "empty"), ("Yes. No. OK.", "too few words")],
)  # fmt: skip
def test_junk_is_not_a_document(client: TestClient, text: str, reason: str) -> None:
    response = client.post("/api/documents", json={"text": text}, headers=AUTH)
    assert response.status_code == 422 and reason in response.text
    assert total(client) == 2


def test_zero_width_characters_and_composition_do_not_defeat_deduplication(
    client: TestClient,
) -> None:
    first = client.post("/api/documents", json={"text": ARTICLE + " Café."}, headers=AUTH)
    assert first.status_code == 201
    hidden = ARTICLE.replace("governor", "gover\u200bnor").replace("bridge", "bri\u2060dge")
    decomposed = hidden + " Cafe\u0301."
    again = client.post("/api/documents", json={"text": decomposed}, headers=AUTH)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    assert total(client) == 3


# -- a busy ledger ----------------------------------------------------------------------


@pytest.fixture
def locked(engine: Engine) -> Iterator[None]:
    """Another writer holds the SQLite write lock (``BEGIN IMMEDIATE``) meanwhile."""
    holder = sqlite3.connect(engine.url.database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_locked_ledger_is_503_with_retry_after_and_stores_nothing(tmp_path: Path) -> None:
    from counterclaim.store import make_engine

    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    make_engine(url).dispose()
    engine = make_engine(url, connect_args={"timeout": 0.05})  # a short wait for the test
    holder = sqlite3.connect(tmp_path / "ledger.db", isolation_level=None)
    with app_client(engine, write_access=WriteAccess(TOKEN)) as client:
        holder.execute("BEGIN IMMEDIATE")
        try:
            response = client.post("/api/documents", json={"text": ARTICLE}, headers=AUTH)
            assert response.status_code == 503, response.text
            assert int(response.headers["retry-after"]) > 0
            assert "nothing was stored" in response.json()["detail"]
            # reads take no write lock: every list answers while the writer holds it
            for url in ("/api/documents", "/api/disputes", "/api/attributions", "/disputes",
                        "/api/entities", "/api/claims", "/api/fatalities"):  # fmt: skip
                assert client.get(url).status_code == 200, url
        finally:
            holder.execute("ROLLBACK")
        assert total(client) == 0  # the 503 stored nothing
        again = client.post("/api/documents", json={"text": ARTICLE}, headers=AUTH)
        assert again.status_code == 201 and total(client) == 1
    holder.close()
    engine.dispose()
