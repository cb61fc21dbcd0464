"""Running the evaluations: the pipeline (or the tagger alone) against gold files and PolNeAR.

Takes a gold file or a PolNeAR split folder and a model name; gives the report's printable
lines (its last line is the headline score). ``counterclaim eval`` and
``scripts/train_tagger.py`` call these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from counterclaim.evaluate.corpus import evaluate_corpus as corpus_report
from counterclaim.evaluate.gold import evaluate_gold as gold_report
from counterclaim.evaluate.polnear import evaluate_dir
from counterclaim.evaluate.scoring import Item, group_by_cue
from counterclaim.ingest.readers import document_id
from counterclaim.pipeline.analysis import load_pipeline
from counterclaim.records import Document, Span

if TYPE_CHECKING:
    from spacy.language import Language

    from counterclaim.extract import learned


def polnear_predictor(nlp: Language | None = None) -> Callable[[str], list[Item]]:
    """A ``predict(text) -> items`` function for :func:`counterclaim.evaluate.polnear.evaluate_dir`.

    The tagger's additions follow PolNeAR's scheme (beliefs, wishes and positions count,
    not only statements on record). Narrator attributions are left out, as in
    :mod:`counterclaim.evaluate.gold`: PolNeAR annotates reported speech, not the publisher's own statements. Quote pieces with one cue
    and speaker are scored as one attribution, as PolNeAR annotates them
    (:func:`counterclaim.evaluate.scoring.group_by_cue`). Only extraction runs: claims do not count.
    """
    from counterclaim.extract import COMPONENT, build_nlp
    from counterclaim.extract.convert import to_analysis

    nlp = nlp or build_nlp()
    if COMPONENT in nlp.pipe_names:
        # PolNeAR annotates beliefs, wishes and positions as attributions too ("hopes to",
        # "opposes"): the tagger's additions are not held to statements on record here
        nlp.get_pipe(COMPONENT).statements_only = False

    def pieces(span: Span | None) -> tuple[tuple[int, int], ...]:
        return () if span is None else ((span.start, span.end),)

    def predict(text: str) -> list[Item]:
        parsed = nlp(text)
        analysis = to_analysis(parsed, Document(id=document_id(text), text=text))
        # the candidates behind the attributions, in their order (ids count from 1)
        found = [f for f in parsed._.cc_found or [] if not f.dropped and not f.carrier]
        items = []
        for a in analysis.attributions:
            if a.kind == "narrator":
                continue  # the publisher's own statements: not annotated attributions
            f = found[a.id - 1] if a.id - 1 < len(found) else None
            # PolNeAR's content is the whole complement, not the quotation inside it
            content = ((f.clause),) if f is not None and f.clause else pieces(a.content)
            items.append(Item(cue=pieces(a.cue), content=content, source=pieces(a.source), ref=a))
        return group_by_cue(items)

    return predict


def evaluate_gold(
    gold: str | Path, article: str | Path | None = None, *, model: str | None = None
) -> list[str]:
    """Score the pipeline against one gold file; return the report's printable lines."""
    nlp = load_pipeline(model) if model is not None else None
    return gold_report(gold, article, nlp=nlp).lines()


def evaluate_corpus(
    paths: Iterable[str | Path], *, model: str | None = None, db: str | None = None
) -> list[str]:
    """Ingest the articles of gold and cross-document files (or folders of them) into one
    ledger (a temporary one unless ``db``) and score it; return the printable lines."""
    return corpus_report(paths, model=model, db=db).lines()


def evaluate_polnear(directory: str | Path, *, model: str | None = None) -> list[str]:
    """Score the pipeline on a PolNeAR split folder; return the report's printable lines."""
    nlp = load_pipeline(model)  # once, not per article
    return evaluate_dir(directory, polnear_predictor(nlp)).lines()


def tagged_item(tagged: learned.Tagged) -> Item:
    """A tagger-decoded attribution reduced to a :class:`scoring.Item`."""
    source = ((tagged.source.start, tagged.source.end),) if tagged.source else ()
    return Item(
        cue=((tagged.cue.start, tagged.cue.end),),
        content=tuple((p.start, p.end) for p in tagged.content_pieces),
        source=source,
        ref=tagged,
    )


def tagger_predictor(nlp: Language) -> Callable[[str], list[Item]]:
    """``text -> items`` with ``nlp`` (which must hold the tagger), for PolNeAR evaluation."""

    def predict(text: str) -> list[Item]:
        return [tagged_item(t) for t in learned.tag(nlp(text))]

    return predict
