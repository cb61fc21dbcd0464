"""Word lists and tables as data: the shipped files, user data folders, ``--data``."""

from __future__ import annotations

import ast
import json
import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from counterclaim import lexicon
from counterclaim.cli import app
from counterclaim.extract import cues
from counterclaim.lexicon import DataWarning, Words
from counterclaim.normalize.numbers import parse_count
from counterclaim.resolve import document, sides

SRC = Path(lexicon.__file__).parent
#: The core fighters/troops list and the lists that extend it for one use each.
MEMBER_EXTENSIONS = (
    "speaker_member_nouns",
    "group_nouns",
    "name_member_nouns",
    "group_heads",
    "member_heads",
)


@pytest.fixture(autouse=True)
def clean_data(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No user folder before or after each test (the CLI exports ``$COUNTERCLAIM_DATA``)."""
    monkeypatch.delenv(lexicon.ENV_VAR, raising=False)
    lexicon.use_data(())
    lexicon.refresh()
    yield
    os.environ.pop(lexicon.ENV_VAR, None)
    lexicon.use_data(())
    lexicon.refresh()


def folder(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root


# ---------------------------------------------------------------- shipped data


def test_every_shipped_list_loads_with_a_header_and_no_repeats() -> None:
    names = lexicon.list_names()
    assert {"reporting_verbs", "reporting_nouns", "denial_verbs", "media", "member_nouns"} <= set(
        names
    )
    for name in names:
        text = resources.files("counterclaim").joinpath(f"data/words/{name}.txt").read_text()
        assert text.startswith("# "), f"{name}.txt has no header comment"
        entries = lexicon.entries(name)
        assert entries, name
        keys = [lexicon.fields(e)[0].casefold() for e in entries]
        assert len(keys) == len(set(keys)), f"{name}.txt repeats an entry"
    assert "say" in cues.REPORTING_VERBS and "deny" in cues.DENIAL_VERBS
    assert cues.channels()["tweet"] == "Twitter"
    assert document.media_name("AFP") == "Agence France-Presse"


def test_every_shipped_table_loads() -> None:
    assert set(lexicon.table_names()) == {
        "actors",
        "channels",
        "claims",
        "counts",
        "events",
        "governments",
        "places",
    }
    for name in lexicon.table_names():
        assert lexicon.table(name), name


def test_each_list_is_defined_once() -> None:
    """One file per name (no list both as words/<name>.txt and <name>.yaml), and the
    member-noun extensions only add to the core list, never repeat it."""
    assert not set(lexicon.list_names()) & set(lexicon.table_names())
    core = lexicon.forms("member_nouns")
    for name in MEMBER_EXTENSIONS:
        repeated = lexicon.forms(name) & core
        assert not repeated, f"{name} repeats member_nouns: {sorted(repeated)}"


#: Grammar, not vocabulary: closed classes a domain user has no reason to extend.
GRAMMAR = {
    "evaluate/gold.py:STOPWORDS",  # function words ignored when scoring spans
    "normalize/answers.py:STOPWORDS",  # function words left out of content overlap
    "extract/dates.py:MONTHS",  # the calendar
    "resolve/crossdoc.py:PRONOUNS",
    "resolve/parties.py:ARTICLES",  # determiners and quantifiers before a description
    "normalize/numbers.py:UNITS",  # number words
}


def _is_word_literal(node: ast.AST) -> bool:
    if not isinstance(node, ast.Set | ast.List | ast.Tuple | ast.Dict):
        return False
    elts = node.keys if isinstance(node, ast.Dict) else node.elts
    words = [e for e in elts if isinstance(e, ast.Constant) and str(e.value).isalpha()]
    return len(words) >= 12 and len(words) == len(elts)


def test_no_word_list_left_in_code() -> None:
    """Vocabulary lives in data/: no literal of a dozen or more plain words in the source,
    except the closed grammatical classes in :data:`GRAMMAR`."""
    found = set()
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                target = node.targets[0] if isinstance(node, ast.Assign) else node.target
                name = target.id if isinstance(target, ast.Name) else "?"
                if any(_is_word_literal(n) for n in ast.walk(node.value)):
                    found.add(f"{path.relative_to(SRC)}:{name}")
    assert found == GRAMMAR


# ---------------------------------------------------------------- user folders


def test_a_user_words_file_adds_and_removes_entries(tmp_path: Path) -> None:
    verbs = Words("reporting_verbs")  # bound before the folder is set, as modules do
    assert "squawk" not in verbs and "say" in verbs
    lexicon.use_data([folder(tmp_path, {"words/reporting_verbs.txt": "# mine\nsquawk\n-say\n"})])
    assert "squawk" in verbs and "say" not in verbs
    assert "squawk" in cues.REPORTING_VERBS and "say" not in cues.REPORTING_VERBS
    assert "tell" in verbs  # the rest of the shipped list stays
    lexicon.use_data(())
    assert "squawk" not in verbs and "say" in verbs


def test_a_user_words_file_can_replace_a_list(tmp_path: Path) -> None:
    lexicon.use_data([folder(tmp_path, {"words/denial_verbs.txt": "!replace\ngainsay\n"})])
    assert set(cues.DENIAL_VERBS) == {"gainsay"}


def test_removing_an_aliased_entry_by_its_first_field(tmp_path: Path) -> None:
    files = {"words/media.txt": "-Agence France-Presse\nKhorasan Times|KT\n"}
    lexicon.use_data([folder(tmp_path, files)])
    assert document.media_name("AFP") is None
    assert document.media_name("KT") == "Khorasan Times"
    assert document.media_name("Reuters") == "Reuters"


def test_member_nouns_extend_every_use(tmp_path: Path) -> None:
    from counterclaim.extract import linking, patterns
    from counterclaim.normalize import claimwindow
    from counterclaim.resolve import parties

    lexicon.use_data([folder(tmp_path, {"words/member_nouns.txt": "partisan|partisans\n"})])
    assert "partisan" in patterns.MEMBER_NOUNS and "partisan" in linking.GROUP_NOUNS
    assert "partisans" in document.MEMBER_NOUNS and "partisans" in parties.GROUP_HEADS
    assert "partisan" in claimwindow.MEMBER_HEADS and "partisans" not in claimwindow.MEMBER_HEADS
    assert document.name_form("Vanguard partisans", "ORG").core == "Vanguard"


def test_a_user_table_deep_merges(tmp_path: Path) -> None:
    files = {
        "channels.yaml": "carrier pigeon: carrier pigeon\ntweet: null\n",
        "counts.yaml": "hedges:\n  approx: [give or take]\n  floor: ['-at least']\n",
        "claims.yaml": "types:\n  fatalities: ['!replace', 'perished']\n",
    }
    lexicon.use_data([folder(tmp_path, files)])
    channels = cues.channels()
    assert channels["carrier pigeon"] == "carrier pigeon" and "tweet" not in channels
    assert channels["twitter"] == "Twitter"
    assert lexicon.table("counts")["hedges"]["approx"][-1] == "give or take"
    assert "about" in lexicon.table("counts")["hedges"]["approx"]
    assert parse_count("give or take 40").approx
    assert parse_count("at least 40").high == 40  # no longer a floor: read as exact
    assert lexicon.table("claims")["types"]["fatalities"] == ["perished"]
    assert lexicon.table("claims")["types"]["injuries"]  # other types untouched


def test_user_actors_merge_by_name_and_the_actor_file_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = lexicon.table("actors")["conflicts"][0]["name"]
    files = {
        "actors.yaml": (
            f"conflicts:\n  - name: {shipped}\n    parties:\n"
            "      - side: Valley Front\n        names: [Valley Front]\n"
        )
    }
    lexicon.use_data([folder(tmp_path / "data", files)])
    actors = sides.load_actors()
    assert "Valley Front" in {p.side for p in actors.parties}
    assert "Taliban" in {p.side for p in actors.parties}  # the merged conflict keeps its own
    whole = tmp_path / "actors.yaml"
    whole.write_text(
        "conflicts:\n  - name: X\n    parties:\n      - side: Alpha\n        names: [Alpha]\n"
    )
    monkeypatch.setenv(sides.ENV_VAR, str(whole))
    assert {p.side for p in sides.load_actors().parties} == {"Alpha", "Valley Front"}


def test_the_environment_variable_and_refresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = folder(tmp_path / "a", {"words/call_verbs.txt": "beseech\n"})
    b = folder(tmp_path / "b", {"words/call_verbs.txt": "-beseech\nimplore\n"})
    monkeypatch.setenv(lexicon.ENV_VAR, os.pathsep.join([str(a), str(b)]))
    lexicon.refresh()
    assert "implore" in cues.CALL_VERBS and "beseech" not in cues.CALL_VERBS  # b applies last
    c = folder(tmp_path / "c", {"words/call_verbs.txt": "beseech\n"})
    lexicon.use_data([c], export=True)  # after the environment's folders
    assert "beseech" in cues.CALL_VERBS
    assert os.environ[lexicon.ENV_VAR].split(os.pathsep) == [str(a), str(b), str(c)]


def test_an_unknown_list_name_warns_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    typo = folder(tmp_path, {"words/reporting_verb.txt": "squawk\n"})
    with pytest.warns(DataWarning, match=r"reporting_verb\.txt .*did you mean 'reporting_verbs'"):
        lexicon.use_data([typo])
    assert "squawk" not in cues.REPORTING_VERBS
    with pytest.warns(DataWarning, match=r"channel\.yaml"):
        lexicon.use_data([folder(tmp_path / "t", {"channel.yaml": "pigeon: pigeon\n"})])
    with pytest.warns(DataWarning, match="does not exist"):
        lexicon.use_data([tmp_path / "missing"])
    lexicon.use_data(())
    monkeypatch.setenv(lexicon.ENV_VAR, str(typo))  # a folder from the environment: on first use
    lexicon.refresh()
    with pytest.warns(DataWarning, match=r"reporting_verb\.txt"):
        lexicon.entries("call_verbs")


def test_dask_loader_carries_the_data_folders(tmp_path: Path) -> None:
    from counterclaim.pipeline.parallel import ModelLoader

    assert ModelLoader().data == () and ModelLoader().key == "model:default"
    lexicon.use_data([tmp_path])
    loader = ModelLoader()
    assert loader.data == (str(tmp_path),) and str(tmp_path) in loader.key


# ---------------------------------------------------------------- the CLI, end to end

TEXT = (
    "The mayor of the northern town squawked that the bridge over the river had been "
    "destroyed by artillery fire overnight. The defence ministry denied that its troops "
    "had shelled the market."
)


def ingest(tmp_path: Path, name: str, *global_args: str, env: dict | None = None) -> list[dict]:
    article = tmp_path / "article.txt"
    article.write_text(TEXT, "utf-8")
    db = f"sqlite:///{tmp_path / name}.db"
    runner = CliRunner(env={"COLUMNS": "200", "COUNTERCLAIM_DB": None, **(env or {})})
    result = runner.invoke(app, [*global_args, "ingest", str(article), "--db", db])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["attributions", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _squawk_source(records: list[dict]) -> str | None:
    return next((r["source_text"] for r in records if r["cue_text"] == "squawked"), None)


def _denial_stance(records: list[dict]) -> str | None:
    return next((r["stance"] for r in records if r["cue_text"] == "denied"), None)


@pytest.mark.model
def test_data_option_changes_extraction(tmp_path: Path) -> None:
    before = ingest(tmp_path, "before")
    assert _squawk_source(before) != "The mayor of the northern town"
    assert _denial_stance(before) == "deny"
    data = folder(tmp_path / "data", {"words/reporting_verbs.txt": "squawk\n"})
    after = ingest(tmp_path, "after", "--data", str(data))
    assert _squawk_source(after) == "The mayor of the northern town"
    assert _denial_stance(after) == "deny"


@pytest.mark.model
def test_data_environment_variable_changes_extraction(tmp_path: Path) -> None:
    data = folder(tmp_path / "data", {"words/denial_verbs.txt": "-deny\n"})
    records = ingest(tmp_path, "env", env={lexicon.ENV_VAR: str(data)})
    assert _denial_stance(records) == "assert"
    assert _squawk_source(records) != "The mayor of the northern town"


def test_a_user_folder_extends_event_words_outlets_and_capitals(tmp_path: Path) -> None:
    from counterclaim.extract import outlets
    from counterclaim.normalize import events
    from counterclaim.resolve import geocode

    assert events.noun_types()["raid"] == "raid" and "sniping" not in events.noun_types()
    assert "gazette" not in outlets.OUTLET_NOUNS and "another" in events.OTHER
    assert "ottawa" not in geocode.capitals()
    files = {
        "events.yaml": "nouns:\n  sniping: shooting\n  raid: null\nverbs:\n  snipe: shooting\n",
        "words/outlet_nouns.txt": "# mine\ngazette\n",
        "words/to_verbs.txt": "# mine\nleak\n",
        "words/other_event_modifiers.txt": "# mine\n-another\n",
        "places.yaml": "capitals:\n  Ottawa: {label: Ottawa, country: CA, iso3166_2: CA-ON,"
        " lat: 45.4, lon: -75.7}\n",
    }
    lexicon.use_data([folder(tmp_path, files)])
    assert events.noun_types()["sniping"] == "shooting" and "raid" not in events.noun_types()
    assert events.verb_types()["snipe"] == "shooting" and events.verb_types()["storm"] == "attack"
    assert "gazette" in outlets.OUTLET_NOUNS and "leak" in outlets.TO_VERBS
    assert "another" not in events.OTHER and "previous" in events.OTHER
    assert geocode.capitals()["ottawa"][:3] == ("Ottawa", "CA", "CA-ON")
    assert "moscow" in geocode.capitals()
