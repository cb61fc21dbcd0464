import pytest

from counterclaim.records import Document


@pytest.fixture(scope="session")
def rules_nlp():
    """The packaged English model with the rule-based attribution component only."""
    from counterclaim.extract import build_nlp

    return build_nlp(learned=False)


@pytest.fixture
def analyse(rules_nlp):
    """Analyse a text (no header) with the rules; returns non-narrator attributions."""
    from counterclaim.extract import extract_one

    def run(text: str, publisher: str | None = "AGENCY", date=None):
        doc = Document(id="t", text=text, publisher=publisher, date=date)
        return [a for a in extract_one(doc, rules_nlp).attributions if a.kind != "narrator"]

    return run
