"""The CLI end to end on a real SQLite file, read back with plain SQL; no model needed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from counterclaim import pipeline
from counterclaim.cli import app
from counterclaim.records import Analysis, Attribution, Claim, Count, Document, Entity, Span
from counterclaim.store import make_engine, save_analysis

TEXT = (
    " date 2021-09-03 CAIRO, September 3. /TASS/. Reuters said on Friday citing a Taliban "
    "source that the Taliban claims to have taken control of Panjshir. Meanwhile a source in "
    "the region told TASS that the national resistance forces refuted these reports."
)
DOC_ID = "f00dcafe" + "0" * 56
OTHER_ID = "f00dbeef" + "1" * 56


def span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span.of(text, start, start + len(needle))


def analysis(doc_id: str = DOC_ID, text: str = TEXT) -> Analysis:
    """The Reuters claim and the resistance denial from the Panjshir example, by hand."""
    body = text.index("Reuters")
    doc = Document(doc_id, text, body, dt.date(2021, 9, 3), "tass", span(text, "CAIRO"),
                   Span.of(text, 0, body - 1), "Panjshir", None, "tass.txt")  # fmt: skip
    claim = Attribution(
        doc_id, 1, span(text, "claims"), span(text, "to have taken control of Panjshir"),
        source=span(text, "the Taliban"), speaker="taliban", speaker_name="Taliban",
        chain=("a Taliban source", "Reuters", "TASS"), date="2021-09-03",
    )  # fmt: skip
    denial = Attribution(
        doc_id, 2, span(text, "refuted"), span(text, "these reports"), stance="deny",
        source=span(text, "the national resistance forces"), speaker="nrf",
        speaker_name="National Resistance Front", responds_to=1,
        chain=("a source in the region", "TASS"), recipient="TASS",
    )  # fmt: skip
    entities = (
        Entity("taliban", "Taliban", "ORG"),
        Entity("nrf", "National Resistance Front", "ORG"),
    )
    return Analysis(doc, (claim, denial), entities)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


@pytest.fixture
def db(db_path: Path) -> str:
    """URL of a ledger holding two literal documents (no model involved)."""
    url = f"sqlite:///{db_path}"
    engine = make_engine(url)
    with Session(engine) as s, s.begin():
        save_analysis(s, analysis())
        save_analysis(s, analysis(OTHER_ID, TEXT + "\n"))
    engine.dispose()
    return url


def run(*args: str) -> object:
    return CliRunner(env={"COLUMNS": "200", "COUNTERCLAIM_DB": None}).invoke(app, list(args))


def query(db_path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db_path) as con:
        return con.execute(sql).fetchall()


def test_attributions_table(db: str) -> None:
    result = run("attributions", "--db", db)
    assert result.exit_code == 0, result.output
    assert "Taliban ← a Taliban source ← Reuters ← TASS" in result.output
    assert "National Resistance Front ← a source in the region ← TASS" in result.output
    assert "4 attribution(s)" in result.output


def test_attributions_narrow_terminal(db: str) -> None:
    result = CliRunner(env={"COLUMNS": "70"}).invoke(app, ["attributions", "--db", db])
    assert result.exit_code == 0, result.output
    assert "(indirect, deny)" in result.output
    assert "Reuters" in result.output
    assert all(len(line) <= 70 for line in result.output.splitlines())


def test_attributions_json_filters(db: str) -> None:
    result = run("attributions", "--db", db, "--source", "national resistance front", "--json")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["doc_id"] for r in records} == {DOC_ID, OTHER_ID}
    assert all(r["stance"] == "deny" and r["responds_to"] == 1 for r in records)
    one = run("attributions", "--db", db, "--doc", "f00dc", "--stance", "assert", "--json")
    (record,) = [json.loads(line) for line in one.stdout.splitlines()]
    assert record["cue_text"] == "claims"
    assert TEXT[record["content_start"] : record["content_end"]] == record["content_text"]


def test_db_from_environment(db: str) -> None:
    result = CliRunner(env={"COUNTERCLAIM_DB": db}).invoke(app, ["attributions", "--json"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 4


def test_show_highlights_and_lists(db: str) -> None:
    result = run("show", "f00dc", "--db", db)
    assert result.exit_code == 0, result.output
    assert "the national resistance forces refuted these reports." in result.output
    assert "[2] National Resistance Front refuted “these reports”" in result.output
    assert "responds to [1]" in result.output


def test_show_styles_the_spans() -> None:
    from counterclaim.cli.ledger import STYLES, highlighted

    text = highlighted(analysis())
    styled = {(TEXT[s.start : s.end], str(s.style)) for s in text.spans}
    assert ("refuted", STYLES["cue"]) in styled
    assert ("the national resistance forces", STYLES["source"]) in styled
    assert ("these reports", STYLES["content"]) in styled


@pytest.mark.parametrize("prefix", ["zzz", "f00d"])
def test_show_unknown_or_ambiguous_document(db: str, prefix: str) -> None:
    result = run("show", prefix, "--db", db)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert prefix in result.output


def test_documents(db: str) -> None:
    result = run("documents", "--db", db)
    assert result.exit_code == 0, result.output
    assert DOC_ID[:12] in result.output and OTHER_ID[:12] in result.output


def test_export_jsonl_to_file(db: str, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run("export", "--format", "jsonl", "--output", str(out), "--db", db)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 4
    first = records[0]
    assert first["chain"] == "Taliban ← a Taliban source ← Reuters ← TASS"
    assert (first["title"], first["publisher"], first["date"]) == ("Panjshir", "tass", "2021-09-03")
    assert first["speaker"] == "Taliban" and first["review_state"] == "machine"
    assert "confidence" in first and "url" in first and "author" in first


def test_export_csv_to_stdout(db: str) -> None:
    result = run("export", "attributions", "--format", "csv", "--db", db)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["doc_id"][:8], r["attribution"], r["cue"]) for r in rows][:2] == [
        ("f00dbeef", "1", "claims"),
        ("f00dbeef", "2", "refuted"),
    ]
    assert rows[1]["chain"] == "National Resistance Front ← a source in the region ← TASS"


@pytest.mark.parametrize("table", ["attributions", "claims", "disputes", "fatalities",
                                   "events", "entities"])  # fmt: skip
def test_export_every_table_as_csv_jsonl_and_xlsx(
    claims_db: str, tmp_path: Path, table: str
) -> None:
    from openpyxl import load_workbook

    counts = {}
    for fmt in ("csv", "jsonl", "xlsx"):
        out = tmp_path / f"{table}.{fmt}"
        result = run("export", table, "--output", str(out), "--db", claims_db)
        assert result.exit_code == 0, result.output
        if fmt == "csv":
            with out.open(encoding="utf-8", newline="") as f:
                found = list(csv.DictReader(f))
            header = list(found[0]) if found else []
        elif fmt == "jsonl":
            found = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
        else:
            sheet = load_workbook(out).active
            assert sheet.title == table
            values = list(sheet.values)
            header, found = list(values[0]), values[1:]
        counts[fmt] = len(found)
    assert counts["csv"] == counts["jsonl"] == counts["xlsx"]
    expected = {"attributions": 4, "claims": 6, "fatalities": 2, "entities": 3}
    if table in expected:
        assert counts["csv"] == expected[table]
    if table == "disputes":
        assert counts["csv"] >= 2
    if table != "entities" and counts["csv"]:
        for column in ("title", "url", "date", "publisher", "review_state"):
            assert column in header
    if table in ("attributions", "claims", "disputes", "fatalities"):
        assert {"speaker", "chain", "confidence"} <= set(header)


def test_export_claims_rows_carry_document_and_speaker(claims_db: str) -> None:
    result = run("export", "claims", "--format", "jsonl", "--db", claims_db)
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    denial = next(r for r in rows if r["value"] is False)
    assert denial["speaker"] == "National Resistance Front"
    assert denial["chain"].startswith("National Resistance Front ← a source in the region")
    assert denial["title"] == "Panjshir" and denial["publisher"] == "tass"
    assert denial["place"] == "Panjshir" and denial["review_state"] == "machine"


def test_export_acled_events_csv(claims_db: str) -> None:
    from counterclaim.pipeline.exports import ACLED_COLUMNS

    result = run("export", "acled", "--format", "csv", "--db", claims_db)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split(",") == list(ACLED_COLUMNS)


def test_export_xlsx_needs_a_file_and_formats_are_listed(db: str) -> None:
    result = run("export", "--format", "xlsx", "--db", db)
    assert result.exit_code == 2 and "--output" in result.output
    bad = run("export", "--format", "xls", "--db", db)
    assert bad.exit_code == 2
    assert "'jsonl', 'csv', 'xlsx'" in bad.output
    table = run("export", "speakers", "--db", db)
    assert table.exit_code == 2 and "attributions" in table.output and "acled" in table.output


def test_export_unwritable_output(db: str, tmp_path: Path) -> None:
    result = run("export", "--output", str(tmp_path / "no" / "such" / "x.jsonl"), "--db", db)
    assert result.exit_code == 2
    assert "cannot write" in result.output


def test_ingest_already_stored_document_needs_no_model(
    db: str, db_path: Path, tmp_path: Path
) -> None:
    from counterclaim.ingest.readers import read_paths

    article = tmp_path / "tass.txt"
    article.write_text(TEXT, encoding="utf-8")
    (doc,) = list(read_paths([article]))
    engine = make_engine(db)
    with Session(engine) as s, s.begin():
        save_analysis(s, analysis(doc.id, doc.text))
    engine.dispose()
    result = run("ingest", str(article), "--model", "no-such-model", "--db", db)
    assert result.exit_code == 0, result.output
    assert "0 added, 1 unchanged, 0 skipped" in result.output
    assert query(db_path, "select count(*) from document") == [(3,)]


def test_ingest_rejected_single_file_exits_non_zero(db: str, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = run("ingest", str(empty), "--db", db)
    assert result.exit_code == 1
    assert "0 added, 0 unchanged, 1 skipped" in result.output
    assert f"skipped {empty}:" in result.output


def test_ingest_batch_with_some_skips_exits_zero(db: str, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(TEXT, encoding="utf-8")  # same content: one document
    (folder / "empty.txt").write_text("", encoding="utf-8")
    from counterclaim.ingest.readers import read_paths

    doc = next(d for d in read_paths([folder / "a.txt"]))
    engine = make_engine(db)
    with Session(engine) as s, s.begin():
        save_analysis(s, analysis(doc.id, doc.text))
    engine.dispose()
    result = run("ingest", str(folder), "--db", db)
    assert result.exit_code == 0, result.output
    assert "0 added, 2 unchanged, 1 skipped" in result.output
    assert "empty.txt" in result.output


def test_ingest_missing_model_is_a_clear_error(db: str, tmp_path: Path) -> None:
    article = tmp_path / "new.txt"
    article.write_text(TEXT.replace("Panjshir", "Kabul"), encoding="utf-8")
    result = run("ingest", str(article), "--model", "no-such-model", "--db", db)
    assert result.exit_code == 2
    assert "no-such-model" in result.output
    assert "Traceback" not in result.output


def test_ingest_bad_date(db: str, tmp_path: Path) -> None:
    result = run("ingest", str(tmp_path), "--date", "03/09/2021", "--db", db)
    assert result.exit_code == 2
    assert "2021-09-03" in result.output


@pytest.mark.parametrize("url", ["not-a-url", "sqlite:////no/such/dir/ledger.db"])
def test_bad_database_url(url: str) -> None:
    result = run("attributions", "--db", url)
    assert result.exit_code == 2
    assert "--db" in result.output
    assert "Traceback" not in result.output


def test_eval_needs_exactly_one_target(tmp_path: Path) -> None:
    assert run("eval").exit_code == 2
    missing = run("eval", str(tmp_path / "missing.gold.json"))
    assert missing.exit_code == 2
    assert "does not exist" in missing.output
    both = run("eval", str(tmp_path / "x"), "--polnear", str(tmp_path))
    assert both.exit_code == 2


def test_eval_rejects_a_file_that_is_not_gold(tmp_path: Path) -> None:
    bogus = tmp_path / "article.gold.json"
    bogus.write_text("not json", encoding="utf-8")
    result = run("eval", str(bogus))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "GOLD.json" in result.output


@pytest.mark.model
def test_eval_prints_the_report_unchanged() -> None:
    from counterclaim.evaluate.gold import evaluate_gold

    gold = Path(__file__).resolve().parent / "fixtures" / "voa" / "6203336.gold.json"
    result = run("eval", str(gold))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == evaluate_gold(gold).lines()


@pytest.mark.model
def test_eval_polnear_folder(tmp_path: Path) -> None:
    text = "Reuters said the Taliban took control of Panjshir on Friday. Fighting went on.\n"
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a1.txt").write_text(text, encoding="utf-8")
    ann = (
        "T1\tSource 0 7\tReuters\nT2\tCue 8 12\tsaid\n"
        "T3\tContent 13 59\tthe Taliban took control of Panjshir on Friday\n"
        "T4\tAttribution 8 12\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    )
    (tmp_path / "attributions" / "a1_ann1.ann").write_text(ann, encoding="utf-8")
    result = run("eval", "--polnear", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "1 gold, 1 predicted, 1 matched" in result.output
    assert result.stdout.splitlines()[-1] == "polnear F1 1.000"


# -- claim commands -------------------------------------------------------------------


def with_claims(doc_id: str, text: str) -> Analysis:
    """The literal analysis plus Panjshir and the two control claims (denial negates)."""
    base = analysis(doc_id, text)
    panjshir = Entity("panjshir", "Panjshir", "PLACE", (span(text, "Panjshir"),))
    claims = (
        Claim(doc_id, 1, 1, "territorial_control", args={"actor": "taliban", "place": "panjshir"},
              date="2021-09-03"),
        Claim(doc_id, 2, 2, "territorial_control", value=False,
              args={"actor": "taliban", "place": "panjshir"}),
        Claim(doc_id, 3, 2, "fatalities", args={"victim": "taliban", "place": "panjshir"},
              count=Count(350, 350, 350, True, "about 350")),
    )  # fmt: skip
    sides = {"taliban": "Taliban", "nrf": "resistance"}
    entities = tuple(replace(e, side=sides.get(e.key)) for e in base.entities)
    return replace(base, entities=(*entities, panjshir), claims=claims)


@pytest.fixture
def claims_db(db_path: Path) -> str:
    url = f"sqlite:///{db_path}"
    engine = make_engine(url)
    with Session(engine) as s, s.begin():
        save_analysis(s, with_claims(DOC_ID, TEXT))
        save_analysis(s, with_claims(OTHER_ID, TEXT + "\n"))
    pipeline.link_entities(engine)
    engine.dispose()
    return url


def test_claims_table_and_json(claims_db: str) -> None:
    result = run("claims", "--db", claims_db)
    assert result.exit_code == 0, result.output
    assert "Taliban control Panjshir (2021-09-03)" in result.output
    assert "6 claim(s)" in result.output
    out = run("claims", "--type", "fatalities", "--doc", "f00dc", "--json", "--db", claims_db)
    [record] = [json.loads(line) for line in out.stdout.splitlines()]
    assert record["count"]["text"] == "about 350" and record["args"]["victim"] == "taliban"
    assert record["said"]["chain"] == ["a source in the region", "TASS"]


def test_disputes_across_documents(claims_db: str) -> None:
    result = run("disputes", "--place", "Panjshir", "--db", claims_db)
    assert result.exit_code == 0, result.output
    assert "Taliban control Panjshir (2021-09-03)  (denial, 2 documents)" in result.output
    assert "Taliban ← a Taliban source ← Reuters ← TASS" in result.output
    [record] = [
        json.loads(x) for x in run("disputes", "--json", "--db", claims_db).stdout.splitlines()
    ]
    assert len(record["for"]) == 2 and len(record["against"]) == 2
    assert record["against"][0]["said"]["sentence"]
    unknown = run("disputes", "--place", "Atlantis", "--db", claims_db)
    assert unknown.exit_code == 2 and "no entity called 'Atlantis'" in unknown.output


def test_fatalities_and_one_sided_figures(claims_db: str) -> None:
    result = run("fatalities", "--db", claims_db)
    assert result.exit_code == 0, result.output
    assert "Taliban killed in Panjshir" in result.output and "best 350" in result.output
    records = [
        json.loads(x) for x in run("fatalities", "--json", "--db", claims_db).stdout.splitlines()
    ]
    assert [r["kind"] for r in records] == ["tally", "unanswered", "unanswered"]


def test_timeline(claims_db: str) -> None:
    result = run("timeline", "Panjshir", "--json", "--db", claims_db)
    assert result.exit_code == 0, result.output
    entries = [json.loads(x) for x in result.stdout.splitlines()]
    assert [e["when"] for e in entries][:2] == ["2021-09-03", "2021-09-03"]
    assert {e["role"] for e in entries} == {"place"}


def test_entities_list_merge_and_split(claims_db: str, db_path: Path) -> None:
    result = run("entities", "--db", claims_db)
    assert result.exit_code == 0, result.output
    assert "national-resistance-front" in result.output
    merged = run("entities", "--merge", "Taliban", "nrf", "--json", "--db", claims_db)
    assert merged.exit_code == 0, merged.output
    assert query(db_path, "select kind, a, b from entity_pin") == [
        ("merge", "Taliban", "National Resistance Front")
    ]
    assert query(db_path, "select count(distinct global_id) from entity_link "
                          "where entity_key in ('taliban', 'nrf')") == [(1,)]  # fmt: skip
    split = run("entities", "--split", "taliban", "--db", claims_db)
    assert split.exit_code == 0, split.output
    links = run("entities", "Taliban", "--db", claims_db)
    assert "same name" in links.output
    lonely = run("entities", "--split", "panjshir", "--db", claims_db)
    assert lonely.exit_code == 2 and "one name only" in lonely.output


def test_eval_corpus_goes_alone(tmp_path: Path) -> None:
    gold = tmp_path / "x.gold.json"
    gold.write_text("{}", encoding="utf-8")
    with_gold = run("eval", str(gold), "--corpus", str(tmp_path))
    assert with_gold.exit_code == 2 and "one of GOLD.json" in with_gold.output
    assert run("eval", "--corpus", str(tmp_path), "--polnear", str(tmp_path)).exit_code == 2
    ledger = run("eval", str(gold), "--ledger", f"sqlite:///{tmp_path / 'l.db'}")
    assert ledger.exit_code == 2 and "--ledger goes with --corpus" in ledger.output
    empty = run("eval", "--corpus", str(tmp_path / "none"))
    assert empty.exit_code == 2 and "Traceback" not in empty.output


@pytest.mark.model
def test_eval_corpus_folder_ends_with_dispute_recall_and_precision(tmp_path: Path) -> None:
    from test_evaluate_corpus import write_corpus

    folder = write_corpus(tmp_path / "gold").parent
    result = run("eval", "--corpus", str(folder))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "cross-document disputes found 1/1" in lines
    assert lines[-1] == "dispute recall 1.000 precision 1.000"


# -- a newcomer's first commands --------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["attributions"], ["documents"], ["claims"], ["disputes"], ["fatalities"], ["events"],
     ["entities"], ["timeline", "Panjshir"], ["show", "abc"], ["export"]],
)  # fmt: skip
def test_read_commands_never_create_a_ledger(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "nowhere" / "ledger.db"
    result = run(*command, "--db", str(missing))
    assert result.exit_code == 2
    assert f"no ledger at {missing}" in " ".join(result.output.split())
    assert "counterclaim ingest" in result.output
    assert not missing.exists() and not missing.parent.exists()


def test_default_ledger_is_found_and_printed_by_info(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    ledger = tmp_path / "data" / "counterclaim" / "ledger.db"
    result = run("info")
    assert result.exit_code == 0, result.output
    assert f"ledger: {ledger}" in result.output and "exists: False" in result.output
    assert run("documents").exit_code == 2  # nothing created in the folder or the data dir
    assert not ledger.exists() and list(tmp_path.iterdir()) == []


def test_db_accepts_a_plain_path_and_info_counts(db: str, db_path: Path) -> None:
    plain = run("documents", "--db", str(db_path))
    assert plain.exit_code == 0, plain.output
    assert DOC_ID[:12] in plain.output
    info = run("info", "--json", "--db", str(db_path))
    facts = json.loads(info.stdout)
    assert facts["ledger"] == str(db_path) and facts["exists"] is True
    assert (facts["documents"], facts["attributions"]) == (2, 4)


def test_relative_db_path(db: str, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(db_path.parent)
    result = run("attributions", "--db", db_path.name, "--json")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 4


def test_documents_json(db: str) -> None:
    result = run("documents", "--json", "--db", db)
    records = [json.loads(x) for x in result.stdout.splitlines()]
    assert {r["id"] for r in records} == {DOC_ID, OTHER_ID}
    assert records[0]["title"] == "Panjshir" and records[0]["attributions"] == 2
    assert {"url", "author", "section", "keywords", "publisher", "date"} <= set(records[0])


def test_show_json_and_color_modes(db: str) -> None:
    record = json.loads(run("show", DOC_ID[:8], "--json", "--db", db).stdout)
    assert record["id"] == DOC_ID and len(record["attributions"]) == 2
    always = run("show", DOC_ID[:8], "--color", "always", "--db", db)
    never = run("show", DOC_ID[:8], "--color", "never", "--db", db)
    auto = run("show", DOC_ID[:8], "--db", db)  # piped (CliRunner): no escapes
    assert "\x1b[" in always.stdout
    assert "\x1b[" not in never.stdout and "\x1b[" not in auto.stdout
    bad = run("show", DOC_ID[:8], "--color", "sometimes", "--db", db)
    assert bad.exit_code == 2 and "'auto', 'always', 'never'" in bad.output


def test_choice_options_list_the_valid_values(claims_db: str) -> None:
    result = run("claims", "--type", "fatality", "--db", claims_db)
    assert result.exit_code == 2
    assert "'fatality' is not one of" in result.output
    for name in ("'fatalities'", "'territorial_control'", "'statement'"):
        assert name in result.output
    kind = run("attributions", "--kind", "quote", "--db", claims_db)
    assert kind.exit_code == 2 and "'direct'" in kind.output


def test_metadata_is_stored_and_read_back(db_path: Path) -> None:
    from counterclaim.store import load_analysis

    text = "The army said the bridge was destroyed by the rebels on Monday near the town."
    doc = Document("m" * 16, text, title="Bridge", url="https://example.org/bridge",
                   author="Jane Roe", section="World", keywords=("bridge", "war"))  # fmt: skip
    engine = make_engine(f"sqlite:///{db_path}")
    with Session(engine) as s, s.begin():
        save_analysis(s, Analysis(doc, ()))
    with Session(engine) as s:
        back = load_analysis(s, doc.id).document
    assert (back.author, back.section, back.keywords) == ("Jane Roe", "World", ("bridge", "war"))
    record = json.loads(run("documents", "--json", "--db", str(db_path)).stdout)
    assert record["keywords"] == ["bridge", "war"] and record["author"] == "Jane Roe"


def test_attributions_min_confidence(db_path: Path) -> None:
    url = f"sqlite:///{db_path}"
    engine = make_engine(url)
    base = analysis()
    doubtful = replace(base.attributions[0], confidence=0.42)
    with Session(engine) as s, s.begin():
        save_analysis(s, replace(base, attributions=(doubtful, *base.attributions[1:])))
    engine.dispose()
    every = run("attributions", "--db", url, "--json")
    sure = run("attributions", "--db", url, "--json", "--min-confidence", "0.5")
    assert sure.exit_code == 0, sure.output
    kept = [json.loads(line) for line in sure.stdout.splitlines()]
    assert len(kept) == len(every.stdout.splitlines()) - 1
    assert all(r["confidence"] >= 0.5 for r in kept)
    assert 0.42 in [json.loads(line)["confidence"] for line in every.stdout.splitlines()]
