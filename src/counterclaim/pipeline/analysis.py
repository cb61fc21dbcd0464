"""Analysis of documents: extract, resolve, then the later stages (sides, places, claims).

Takes :class:`~counterclaim.records.Document` records and a spaCy pipeline; gives one
:class:`~counterclaim.records.Analysis` per document (or a
:class:`~counterclaim.records.Skipped` with the reason when a document's extraction fails).
Stage modules are imported where they are used, so ``counterclaim --help`` does not load spaCy.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from counterclaim.records import Analysis, Document, Skipped

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 16


def analyze_documents(
    docs: Iterable[Document], nlp: Language | None = None, batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[Analysis]:
    """Extract attributions, resolve their speakers to entities, then run the later stages
    (sides, places, claims: :func:`later_stages`) on each document.

    A later stage that fails on a document leaves a warning on the analysis and the
    document goes on without that stage's output.

    Args:
        docs: Ingested documents.
        nlp: A pipeline from :func:`load_pipeline` (English model plus the attribution
            component); by default extract builds the configured one.
        batch_size: Documents parsed together.
    """
    from counterclaim.extract import extract
    from counterclaim.resolve.document import resolve_document

    for analysis in extract(docs, nlp=nlp, batch_size=batch_size):
        yield later_stages(resolve_document(analysis))


@cache
def _stage_functions() -> tuple[tuple[str, Callable[[Analysis], Analysis]], ...]:
    """The stages after resolve, in order: sides, places, claims, events."""
    from counterclaim.normalize.claims import normalize
    from counterclaim.normalize.events import find_events
    from counterclaim.resolve.geocode import geocode
    from counterclaim.resolve.sides import tag_sides

    return (
        ("tag_sides", tag_sides),
        ("geocode", geocode),
        ("normalize", normalize),
        ("events", find_events),
    )


def later_stages(analysis: Analysis) -> Analysis:
    """Run sides, geocode, normalize and events (those installed) on a resolved analysis."""
    for name, stage in _stage_functions():
        try:
            analysis = stage(analysis)
        except Exception as err:
            log.warning("%s failed on %s: %s: %s", name, analysis.document.id[:12],
                        type(err).__name__, err)  # fmt: skip
            warning = f"{name} failed: {type(err).__name__}: {err}"
            analysis = replace(analysis, warnings=(*analysis.warnings, warning))
    return analysis


def load_pipeline(model: str | None = None) -> Language:
    """The English model named by ``model`` (or the setting) with the attribution component.

    Raises:
        counterclaim.language.ModelNotFound: The model cannot be loaded.
    """
    from counterclaim.extract import build_nlp

    return build_nlp(model)


def analyse_isolated(
    docs: Sequence[Document], nlp: Language, batch_size: int
) -> list[Analysis | Skipped]:
    """Analyse a batch; if it fails, analyse the rest one by one to isolate the culprit."""
    from counterclaim.language import ModelNotFound

    done: list[Analysis | Skipped] = []
    try:
        for analysis in analyze_documents(docs, nlp, batch_size):
            done.append(analysis)
        return done
    except ModelNotFound:
        raise
    except Exception:
        log.debug("batch extraction failed; retrying one by one", exc_info=True)
    finished = {a.document.id for a in done if isinstance(a, Analysis)}
    for doc in docs:
        if doc.id in finished:
            continue
        try:
            done.extend(analyze_documents([doc], nlp))
        except ModelNotFound:
            raise
        except Exception as err:
            origin = doc.origin or doc.id
            log.warning("extraction failed for %s: %s: %s", origin, type(err).__name__, err)
            log.debug("extraction traceback for %s", origin, exc_info=True)
            done.append(Skipped(origin, f"extraction failed: {type(err).__name__}: {err}"))
    return done
