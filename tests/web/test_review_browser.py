"""Analyst review in a real browser (Playwright, Debian Chromium): a reviewer signs in,
confirms a dispute and corrects a statement and a figure with the keyboard; the
corrections show in the CLI, the API and the exports, survive re-ingest of the same and
of a new article and a relink, and are logged with the reviewer's name."""

from __future__ import annotations

import io
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect, sync_playwright
from reviewdata import FRONT_ID, MINISTRY_ID, aid, front, ministry
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from typer.testing import CliRunner
from webdata import ROOMY, fake_analyzer

from counterclaim import pipeline
from counterclaim.cli import app as cli
from counterclaim.store import make_engine, save_analysis
from counterclaim.web import create_app
from counterclaim.web.security import WriteAccess, hash_password

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
PASSWORD = "a long reviewer password"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (see .ci/run)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'reviewed.db'}"


@pytest.fixture
def ledger(db: str) -> Iterator[Engine]:
    engine = make_engine(db)
    with Session(engine) as session, session.begin():
        save_analysis(session, ministry())
        save_analysis(session, front())
    pipeline.link_entities(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def base(ledger: Engine) -> Iterator[str]:
    """The app over the ledger on a free local port, with one reviewer, ana."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    access = WriteAccess(reviewers={"ana": hash_password(PASSWORD)})
    app = create_app(ledger, analyzer=fake_analyzer, write_access=access, limits=ROOMY)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        http_credentials={"username": "ana", "password": PASSWORD},
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource") else None)  # fmt: skip
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith(("/favicon.ico", "/login?next=/disputes"))
            else None)  # fmt: skip
    yield page
    context.close()
    assert not errors, errors  # no script error, no CSP violation, no refused request


def cli_log(db: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["review", "log", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def exported(engine: Engine, table: str) -> list[dict[str, object]]:
    out = io.StringIO()
    pipeline.write_table(engine, table, "jsonl", out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_correction_made_in_the_page(ledger: Engine, db: str, base: str, page: Page) -> None:
    # sign in, then confirm the dispute from the board with the keyboard
    page.goto(f"{base}/login?next=/disputes")
    expect(page.locator("h1")).to_have_text("Dispute board")
    expect(page.locator(".dispute h2")).to_contain_text("40 vs 4")
    page.get_by_role("button", name="Confirm dispute").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".dispute .meta .review-state")).to_have_text("reviewed")

    # a statement's stance: "r" jumps to the selected statement's controls
    page.goto(f"{base}/documents/{MINISTRY_ID}#attr-2")
    page.keyboard.press("r")
    stance = page.locator("#attr-2 .review select[name=value]")
    expect(stance).to_be_focused()
    stance.select_option("deny")
    page.keyboard.press("Tab")
    expect(page.locator("#attr-2 .review button", has_text="Save stance")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#attr-2 .review-state .state")).to_have_text("corrected")
    expect(page.locator("#attr-2 .stance")).to_have_text("denies")

    # the other outlet's figure: 4 -> 40, with a reason
    page.goto(f"{base}/documents/{FRONT_ID}")
    page.locator("#attr-1 .review input[name=reason]").fill("the statement says 40")
    figure = page.locator("#attr-1 .review-claim form[data-field=figure] input[name=value]")
    figure.fill("40")
    figure.press("Enter")
    claim = page.locator("#attr-1 .review-claim")
    expect(claim.locator(".review-state")).to_have_text("corrected")
    expect(figure).to_have_value("40")

    def check() -> None:
        # the CLI: the log with its reviewer; the tally and the dispute board moved
        log = cli_log(db)
        assert [(r["reviewer"], r["kind"], r["field"]) for r in log] == [
            ("ana", "claim", "figure"), ("ana", "attribution", "stance"),
            ("ana", "dispute", "confirm")]  # fmt: skip
        assert log[0]["reason"] == "the statement says 40" and log[0]["new"] == [40, 40, 40]
        assert [r["status"] for r in log] == ["applied", "applied", "orphaned"]  # 40 = 40
        fatal = CliRunner().invoke(cli, ["fatalities", "--json", "--db", db])
        tally = json.loads(fatal.output.splitlines()[0])
        assert (tally["low"], tally["high"]) == (40, 40)
        # the API
        api = httpx.get(f"{base}/api/review/log").json()["items"]
        assert [c["reviewer"] for c in api] == ["ana"] * 3
        doc = httpx.get(f"{base}/api/documents/{MINISTRY_ID}").json()
        assert [a["stance"] for a in doc["attributions"]] == ["assert", "deny"]
        assert httpx.get(f"{base}/api/disputes").json()["items"] == []
        # the exports
        claims = {r["doc_id"]: r for r in exported(ledger, "claims")}
        assert claims[FRONT_ID]["count_best"] == 40
        assert claims[FRONT_ID]["review_state"] == "corrected"
        statements = {(r["doc_id"], r["attribution"]): r for r in exported(ledger, "attributions")}
        assert statements[(MINISTRY_ID, 2)]["stance"] == "deny"
        assert statements[(MINISTRY_ID, 2)]["review_state"] == "corrected"
        assert statements[(MINISTRY_ID, 1)]["review_state"] == "machine"

    check()
    # ingest the same article again and a new one, then relink every entity
    with Session(ledger) as session, session.begin():
        assert save_analysis(session, front()) == "unchanged"
        assert save_analysis(session, aid()) == "added"
    pipeline.link_entities(ledger)
    pipeline.relink_entities(ledger)
    check()
    page.reload()
    expect(claim.locator(".review-state")).to_have_text("corrected")
    page.goto(f"{base}/review/log")
    expect(page.locator(".review-log tbody tr")).to_have_count(3)
    expect(page.locator(".review-log .reviewer").first).to_have_text("ana")
    page.goto(f"{base}/review/queue")
    expect(page.locator(".queue-item .confidence").first).to_have_text("0.70")  # the new one


def select_text(page: Page, words: str) -> None:
    """Select ``words`` in the article text, as a reader dragging over them would."""
    page.evaluate(
        """(words) => {
          const text = document.getElementById("text");
          const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
          const nodes = [];
          for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
          const whole = nodes.map((n) => n.data).join("");
          let at = whole.indexOf(words);
          const end = at + words.length;
          const range = document.createRange();
          let seen = 0;
          for (const n of nodes) {
            if (at >= seen && at <= seen + n.data.length) { range.setStart(n, at - seen); at = -1; }
            if (end >= seen && end <= seen + n.data.length) { range.setEnd(n, end - seen); break; }
            seen += n.data.length;
          }
          const selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
        }""",
        words,
    )


def test_a_span_and_an_argument_corrected_in_the_page(
    ledger: Engine, db: str, base: str, page: Page
) -> None:
    # the content span: select the words in the article, take them, save with the keyboard
    page.goto(f"{base}/login?next=/documents/{MINISTRY_ID}")
    content = page.locator("#attr-1 .review form[data-field=content]")
    expect(content.locator("input[name=value]")).to_have_value("42-80")
    select_text(page, "40 insurgents were killed")
    content.locator("button.use-selection").focus()
    page.keyboard.press("Enter")
    expect(content.locator("input[name=value]")).to_have_value("42-67")
    expect(content.get_by_role("button", name="Save content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#attr-1 q.content")).to_have_text("40 insurgents were killed")
    expect(page.locator("#attr-1 .review-state .state")).to_have_text("corrected")
    expect(page.locator("#text a.hl-content[data-attr='1']")).to_have_text(
        "40 insurgents were killed"
    )

    # the other outlet's claim: its place is the whole front, not the town
    page.goto(f"{base}/documents/{FRONT_ID}")
    arg = page.locator("#attr-1 .review-claim form[data-field=arg]")
    expect(page.locator("#attr-1 .claim-args .arg[data-role=place]")).to_have_text("place: Velmora")
    arg.locator("select[name=role]").select_option("place")
    arg.locator("input[name=value]").fill("none")
    arg.locator("input[name=value]").press("Enter")
    expect(page.locator("#attr-1 .review-claim .review-state")).to_have_text("corrected")
    expect(page.locator("#attr-1 .claim-args .arg[data-role=place]")).to_have_count(0)

    # an entity's place, from the article's entity box
    place = page.locator(".entity-review form[data-field=place]")
    place.locator("select[name=target]").select_option(label="Velmora")
    place.locator("input[name=value]").fill("Moldova")
    place.locator("input[name=value]").press("Enter")
    expect(place.locator("select[name=target] option", has_text="Velmora")).to_contain_text(
        "Moldova"
    )

    def check() -> None:
        log = cli_log(db)
        assert [(r["reviewer"], r["kind"], r["field"], r["status"]) for r in log] == [
            ("ana", "entity", "place", "applied"), ("ana", "claim", "arg.place", "applied"),
            ("ana", "attribution", "content", "applied")]  # fmt: skip
        assert log[2]["old"] == [42, 80] and log[2]["new"] == [42, 67]
        shown = CliRunner().invoke(cli, ["attributions", "--json", "--doc", MINISTRY_ID,
                                         "--db", db])  # fmt: skip
        said = [json.loads(x) for x in shown.output.splitlines()]
        assert said[0]["content_text"] == "40 insurgents were killed"
        doc = httpx.get(f"{base}/api/documents/{MINISTRY_ID}").json()
        assert doc["attributions"][0]["content"]["text"] == "40 insurgents were killed"
        assert httpx.get(f"{base}/api/disputes").json()["items"] == []  # not the same place
        statements = {(r["doc_id"], r["attribution"]): r for r in exported(ledger, "attributions")}
        assert statements[(MINISTRY_ID, 1)]["content"] == "40 insurgents were killed"
        assert statements[(MINISTRY_ID, 1)]["review_state"] == "corrected"
        claims = {r["doc_id"]: r for r in exported(ledger, "claims")}
        assert claims[FRONT_ID]["place"] is None and claims[FRONT_ID]["review_state"] == "corrected"
        entities = {r["name"]: r for r in exported(ledger, "entities")}
        assert entities["Velmora"]["country"] == "MD"

    check()
    with Session(ledger) as session, session.begin():
        assert save_analysis(session, ministry()) == "unchanged"
        assert save_analysis(session, aid()) == "added"
    pipeline.link_entities(ledger)
    pipeline.relink_entities(ledger)
    check()
