"""Extract: from ingested documents to attributions and mentions.

``extract(docs)`` parses each document's body with the English pipeline plus the
``counterclaim_attribution`` component and returns one :class:`~counterclaim.records.Analysis`
per document, every span in character offsets of ``Document.text``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from spacy.language import Language

from .. import lexicon
from ..language import load_nlp
from ..records import Analysis, Document
from .component import AttributionFinder, make_attribution  # noqa: F401  (registers the factory)
from .convert import to_analysis

COMPONENT = "counterclaim_attribution"

__all__ = ["COMPONENT", "build_nlp", "extract", "extract_one"]


def build_nlp(model: str | None = None, *, learned: bool | None = None) -> Language:
    """The English pipeline with the attribution component (loaded once per setting).

    ``learned`` adds the tagger trained on PolNeAR (default: when it ships with the install).
    The component reads the reporting verbs and nouns when it is built: a pipeline is built
    again when the data folders change (:func:`counterclaim.lexicon.use_data`).
    """
    if learned is None:
        learned = learned_available()
    return _build(model, bool(learned), lexicon.generation())


@lru_cache(maxsize=4)
def _build(model: str | None, learned: bool, generation: int) -> Language:
    nlp = load_nlp(model)
    if learned:
        from .learned import add_tagger

        add_tagger(nlp)
    nlp.add_pipe(COMPONENT, config={"learned": learned})
    return nlp


def learned_available() -> bool:
    """Whether the trained attribution tagger ships with this install."""
    try:
        from . import learned
    except ImportError:
        return False
    return (
        hasattr(learned, "add_tagger")
        and (Path(__file__).parent.parent / "data" / "attribution_tagger").is_dir()
    )


def extract(
    docs: Iterable[Document], nlp: Language | None = None, batch_size: int = 16
) -> Iterator[Analysis]:
    """Analyse documents in batches; one ``Analysis`` per input, in order."""
    nlp = nlp or build_nlp()
    pairs = ((doc.body, doc) for doc in docs)
    for parsed, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield to_analysis(parsed, document)


def extract_one(document: Document, nlp: Language | None = None) -> Analysis:
    """Analyse one document."""
    return next(extract([document], nlp))
