"""The pages in a real browser: Playwright for Python driving Debian's Chromium.

A uvicorn server runs on a free port of 127.0.0.1 in a thread. Screenshots go to the
git-ignored ``screenshots/`` folder at the repository root, to be looked at by a person.
Chromium must be at /usr/bin/chromium (``.ci/run`` installs it): without it these tests
fail rather than skip.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect, sync_playwright
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from webdata import HOSTILE_ID, PANJSHIR_ID, fake_analyzer, hostile, panjshir

from counterclaim import pipeline
from counterclaim.records import Analysis
from counterclaim.store import make_engine, save_analysis
from counterclaim.web import create_app

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"
EXAMPLE = ROOT / "tests" / "fixtures" / "wire" / "khorpress-2025-03-28-ostona.txt"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
WIDE = {"width": 1280, "height": 900}

type Serve = Callable[[Engine], str]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium (Playwright's own browser download is not used)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (see .ci/run)")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def serve() -> Iterator[Serve]:
    """Start the app over an engine with uvicorn on a free local port; return its URL."""
    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(engine: Engine) -> str:
        port = _free_port()
        app = create_app(engine, analyzer=fake_analyzer)
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        servers.append((server, thread))
        return f"http://127.0.0.1:{port}"

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def literal_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'ledger.db'}")
    with Session(engine) as session, session.begin():
        save_analysis(session, panjshir())
        save_analysis(session, hostile())
    pipeline.link_entities(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()
    assert not dialogs, f"a script ran: {dialogs}"


def shot(page: Page, name: str, full: bool = True) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=full)


@pytest.mark.model
def test_fixture_article_through_the_real_pipeline(
    tmp_path: Path, serve: Serve, page: Page
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'example.db'}")
    report = pipeline.ingest(EXAMPLE, engine)
    assert len(report.added) == 1, report.skipped
    base = serve(engine)

    page.goto(base + "/")
    shot(page, "01-documents")
    page.get_by_role("link", name="Nodir Ashurov, Veshtar's former").click()
    expect(page.locator("h1")).to_contain_text("Nodir Ashurov")
    cues = page.locator("#text a.hl.hl-cue")
    assert {"said", "wrote", "denied", "refuted", "claims", "told"} <= set(cues.all_inner_texts())
    assert page.locator("#text a.hl.hl-source").count() >= 8
    assert page.locator("#text a.hl.hl-content").count() >= 10
    assert page.locator("#text .wire-header").inner_text().strip().startswith("date 2025-03-28")
    shot(page, "02-article", full=False)

    claim = page.locator("#text a.hl.hl-cue", has_text="claims")
    claim.hover()
    detail = page.locator("#detail")
    expect(detail).to_contain_text(
        "Arslan Movement ← a source in the movement ← Reuters ← KhorPress"
    )
    expect(detail).to_contain_text("Denied by")
    claim.click()
    assert page.url.endswith("#attr-" + claim.get_attribute("data-attr"))
    shot(page, "03-article-claim-selected", full=False)

    refuted = page.locator("#text a.hl.hl-cue", has_text="refuted").last
    refuted.hover()
    expect(detail).to_contain_text("denies")
    expect(detail).to_contain_text("Denies #")
    expect(detail).to_contain_text("a source in the province")
    shot(page, "04-article-denial", full=False)

    claim.click()
    detail.get_by_role("link", name="Arslan Movement", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("Arslan Movement")
    expect(page.locator("#h-by")).to_contain_text("Said by Arslan Movement")
    shot(page, "05-entity-arslan-movement")


def test_markup_in_an_article_stays_inert(literal_engine: Engine, serve: Serve, page: Page) -> None:
    base = serve(literal_engine)
    page.goto(f"{base}/documents/{HOSTILE_ID}")
    text = page.locator("#text")
    expect(text).to_contain_text("<script>alert(1)</script> was found on <b>bold</b>")
    assert page.locator("#text script, #text b, #text i, h1 img").count() == 0
    expect(page.locator("h1")).to_have_text("<img src=x onerror=alert(2)> headline")
    expect(text.locator("a.hl.hl-content")).to_contain_text("<script>alert(1)</script>")
    shot(page, "06-hostile-article")
    page.goto(f"{base}/search?q=%3Cscript%3E")
    expect(page.locator("mark").first).to_have_text("<script>")
    shot(page, "07-search-script")


def test_reading_with_the_keyboard(literal_engine: Engine, serve: Serve, page: Page) -> None:
    base = serve(literal_engine)
    page.goto(f"{base}/documents/{PANJSHIR_ID}")
    page.keyboard.press("j")
    expect(page.locator("#detail")).to_contain_text("Taliban ← a Taliban source ← Reuters ← TASS")
    page.keyboard.press("j")
    expect(page.locator("#detail")).to_contain_text("National Resistance Front")
    expect(page.locator("#text a.hl.active").first).to_have_attribute("data-attr", "2")
    page.keyboard.press("Escape")
    expect(page.locator("#detail")).to_contain_text("Hover over or select")
    page.locator("#text a.hl").first.focus()
    expect(page.locator("#detail")).to_contain_text("#1")
    shot(page, "08-keyboard", full=False)


def test_reading_without_javascript(browser: Browser, literal_engine: Engine, serve: Serve) -> None:
    base = serve(literal_engine)
    context = browser.new_context(viewport=WIDE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/documents/{PANJSHIR_ID}")
    page.locator("#text a.hl.hl-cue", has_text="refuted").click()
    assert page.url.endswith("#attr-2")
    card = page.locator("#attr-2")
    expect(card).to_contain_text("Denies #1")
    card.get_by_role("link", name="National Resistance Front").first.click()
    expect(page.locator("h1")).to_have_text("National Resistance Front")
    context.close()


def test_lists_and_narrow_screens(browser: Browser, literal_engine: Engine, serve: Serve) -> None:
    base = serve(literal_engine)
    context = browser.new_context(viewport={"width": 420, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/documents/{PANJSHIR_ID}")
    shot(page, "09-article-narrow")
    page.locator("#text a.hl.hl-cue", has_text="claims").click()
    assert page.url.endswith("#attr-1")  # the panel is hidden: the link leads to the card
    context.close()
    wide = browser.new_context(viewport=WIDE)
    page = wide.new_page()
    for name, url in (("10-statements", "/attributions"), ("11-entities", "/entities"),
                      ("12-entity-reuters", "/entities/reuters"), ("13-disputes", "/disputes"),
                      ("14-timeline", "/timeline?subject=Panjshir"),
                      ("15-fatalities", "/fatalities"), ("16-map", "/map")):  # fmt: skip
        page.goto(base + url)
        expect(page.locator("a.json-twin")).to_be_visible()
        shot(page, name)
    page.goto(base + "/timeline?subject=Panjshir")
    page.locator("svg.timeline a.mark").first.click()
    assert f"/documents/{PANJSHIR_ID}#attr-" in page.url
    wide.close()


# -- offline docs, the map's basemap, search by surname ------------------------------------


def _offline(page: Page, base: str) -> list[str]:
    """Block every request that does not go to the test server; return the blocked URLs."""
    blocked: list[str] = []

    def route(r) -> None:  # type: ignore[no-untyped-def]
        if r.request.url.startswith(base) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return blocked


def _csp_violations(page: Page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
    )
    return violations


def test_swagger_ui_renders_offline_and_runs_a_request(
    literal_engine: Engine, serve: Serve, page: Page
) -> None:
    """``/docs`` is Swagger UI from the package's assets: it draws the routes, and "Try it
    out" on ``GET /api/documents`` answers from this server, with no CSP violation."""
    base = serve(literal_engine)
    blocked = _offline(page, base)
    violations = _csp_violations(page)
    response = page.goto(base + "/docs")
    assert response is not None and response.status == 200
    operation = page.locator(".opblock-get", has_text="/api/documents").first
    expect(operation).to_contain_text("List or search documents")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("counterclaim")
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()
    expect(operation.locator(".responses-table.live-responses-table")).to_contain_text("200")
    expect(operation.locator(".live-responses-table")).to_contain_text('"total": 2')
    shot(page, "20-api-docs-offline", full=False)
    assert blocked == [] and violations == []


def test_redoc_renders_offline_under_the_csp(
    literal_engine: Engine, serve: Serve, page: Page
) -> None:
    """``/redoc`` is ReDoc from the package's assets: its styles apply (nonce and hashes),
    its search works (a blob: worker), its maker's CDN logo is never requested."""
    base = serve(literal_engine)
    blocked = _offline(page, base)
    violations = _csp_violations(page)
    response = page.goto(base + "/redoc")
    assert response is not None and response.status == 200
    expect(page.locator(".api-content h1")).to_contain_text("counterclaim")
    expect(page.locator(".menu-content")).to_contain_text("documents")
    styled = page.evaluate(
        "() => Array.from(document.querySelectorAll('style[data-styled]'))"
        ".reduce((n, s) => n + (s.sheet ? s.sheet.cssRules.length : 0), 0)"
    )
    assert styled > 50  # styled-components' rules were allowed in
    side = page.locator(".menu-content").bounding_box()
    assert side is not None and side["width"] > 150  # laid out as a side menu
    page.get_by_placeholder("Search...").fill("fatality")
    expect(page.locator("[data-role='search:results']")).to_contain_text("Fatality")
    shot(page, "20b-api-redoc-offline", full=False)
    assert page.locator("img[src^='http']").count() == 0
    assert blocked == [] and violations == []


def test_map_shows_country_outlines_and_labels_apart(
    literal_engine: Engine, serve: Serve, page: Page
) -> None:
    base = serve(literal_engine)
    blocked = _offline(page, base)
    page.goto(base + "/map")
    countries = page.locator("svg.map path.shape.country")
    assert countries.count() >= 3  # Afghanistan and its neighbours
    titles = page.eval_on_selector_all(
        "svg.map path.shape.country title", "els => els.map(e => e.textContent)"
    )
    assert {"Afghanistan", "Pakistan"} <= set(titles)
    box = countries.nth(titles.index("Afghanistan")).bounding_box()
    assert box is not None and box["width"] > 50 and box["height"] > 50
    labels = page.locator("svg.map text.mark-label")
    assert labels.count() >= 1
    boxes = [labels.nth(i).bounding_box() for i in range(labels.count())]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a and b
            apart = (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                     or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])  # fmt: skip
            assert apart, (a, b)
    shot(page, "21-map-outlines", full=False)
    assert blocked == []


def test_search_finds_a_statement_by_the_speakers_surname(
    tmp_path: Path, serve: Serve, page: Page
) -> None:
    from counterclaim.records import Analysis, Attribution, Document, Entity, Span

    text = ("Abdul Qahar Balkhi said the delegation would return to the capital on Monday. "
            "The ministry said the border crossing stayed closed.")  # fmt: skip
    cue = text.index("said")
    person = Entity("abdul-qahar-balkhi", "Abdul Qahar Balkhi", "PERSON",
                    (Span.of(text, 0, 18),))  # fmt: skip
    attr = Attribution("e" * 16, 1, Span.of(text, cue, cue + 4),
                       Span.of(text, cue + 5, text.index(" on Monday")),
                       source=Span.of(text, 0, 18), speaker=person.key,
                       speaker_name=person.name)  # fmt: skip
    engine = make_engine(f"sqlite:///{tmp_path / 'search.db'}")
    with Session(engine) as session, session.begin():
        save_analysis(session, Analysis(Document("e" * 16, text, title="Delegation to return"),
                                        (attr,), (person,)))  # fmt: skip
        save_analysis(session, panjshir())
    pipeline.link_entities(engine)
    base = serve(engine)
    page.goto(base + "/search")
    page.get_by_role("searchbox", name="Words").fill("Balkhi")
    page.locator("main").get_by_role("button", name="Search").click()
    statements = page.locator("section.statements")
    expect(statements).to_contain_text("Abdul Qahar Balkhi")
    expect(statements).to_contain_text("the delegation would return to the capital")
    expect(page.locator(".page-head .meta")).to_contain_text("1 statement")
    shot(page, "22-search-surname", full=False)


@pytest.mark.parametrize(
    "url", ["javascript:alert(document.domain)", "data:text/html,<script>alert(3)</script>"]
)
def test_a_script_url_is_never_a_link(tmp_path: Path, serve: Serve, page: Page, url: str) -> None:
    """A ``javascript:``/``data:`` URL read from JSONL shows as text: clicking runs nothing
    (the ``page`` fixture fails on any dialog), and the CSP header is there."""
    from counterclaim.ingest.readers import read_paths

    source = tmp_path / "hostile.jsonl"
    text = ("The ministry said on Monday that the road to the airport had reopened after "
            "the storm, according to officials in the capital.")  # fmt: skip
    source.write_text(json.dumps({"text": text, "url": url, "title": "Road"}) + "\n")
    [doc] = read_paths(source)
    engine = make_engine(f"sqlite:///{tmp_path / 'ledger.db'}")
    with Session(engine) as session, session.begin():
        save_analysis(session, Analysis(document=doc))
    base = serve(engine)
    violations: list[str] = []
    page.on(
        "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
    )
    response = page.goto(f"{base}/documents/{doc.id}")
    assert response is not None
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert response.headers["x-frame-options"] == "DENY"
    meta = page.locator("header.page-head .meta")
    expect(meta).to_contain_text(url[:20])
    assert meta.get_by_role("link", name="original").count() == 0
    assert page.locator("a[href^='javascript'], a[href^='data']").count() == 0
    meta.get_by_text(url[:20]).click()
    page.wait_for_timeout(300)
    assert page.url == f"{base}/documents/{doc.id}"
    assert not violations, violations
    engine.dispose()


def test_pages_run_under_the_strict_csp(literal_engine: Engine, serve: Serve, page: Page) -> None:
    """The pages' own script and styles load under the CSP: no violation is reported."""
    base = serve(literal_engine)
    violations: list[str] = []
    page.on(
        "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
    )
    for url in ("/", f"/documents/{PANJSHIR_ID}", "/disputes", "/timeline?subject=Panjshir",
                "/map", "/docs", "/redoc"):  # fmt: skip
        page.goto(base + url)
    page.goto(f"{base}/documents/{PANJSHIR_ID}")
    page.keyboard.press("j")  # app.js runs
    expect(page.locator("#detail")).to_contain_text("Taliban")
    assert not violations, violations
